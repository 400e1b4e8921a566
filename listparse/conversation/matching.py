"""Which entries of a list a product names, for adding, removing and questions.

In order: the entries with the product's key; the entries with its key once the container
size is set aside (« enlève le thon » finds « thon (140 g) »); the entries that are the same
product by the French/English synonym lexicon (``lexicons/synonyms.tsv``, read by
:func:`listparse.catalog.link.synonyms`): "eggs" finds « œufs », "milk" finds « lait »; and
last an entry whose words hold every word asked for (« lait » finds « lait demi-écrémé »),
when only one product fits.

Two names are the same product by the lexicon only as a whole: each name is cut into concepts
(a synonym phrase, else one word), and both must have as many concepts, each one the other's
own phrase or one of its synonyms, read in the same order or, from one language's word order to
the other's, in reverse (« tofu fumé », "smoked tofu"). A reverse reading must translate at
least one concept, so that "milk chocolate" and "chocolate milk" never meet; and a part of a
name is never enough: « lait de coco » is not "milk".

>>> same_product("œufs", "eggs"), same_product("lait", "milk"), same_product("tofu fumé", "smoked tofu")
(True, True, True)
>>> same_product("lait de coco", "milk"), same_product("lait de coco", "coconut milk")
(False, True)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .amounts import base_key, item_key
from .state import ListEntry

__all__ = ["Found", "asked_name_fits", "find_entries", "same_entry", "same_product"]

#: Names whose concepts are kept (a list holds at most a few hundred names).
_CACHE = 4096

_Concept = tuple[tuple[str, ...], frozenset[tuple[str, ...]]]


@functools.lru_cache(maxsize=_CACHE)
def _concepts(name: str) -> tuple[_Concept, ...]:
    """(own phrase, the phrases of its synonym group) for each concept of ``name``."""
    from ..catalog.link import query_concepts

    return tuple((phrases[0], frozenset(phrases)) for phrases in query_concepts(name) if phrases)


def same_product(name: str, other: str) -> bool:
    """Whether two names are the same product by the synonym lexicon (see the module
    docstring; the container size is compared by the caller)."""
    first, second = _concepts(name), _concepts(other)
    if not first or len(first) != len(second):
        return False
    groups = [group for _, group in first]
    if groups == [group for _, group in second]:
        return True
    reverse = second[::-1]
    return (
        len(first) > 1
        and groups == [group for _, group in reverse]
        and any(own != other_own for (own, _), (other_own, _) in zip(first, reverse, strict=True))
    )


def _size(key: str) -> str:
    return key[len(base_key(key)) :]


def same_entry(entry: ListEntry, name: str, key: str, *, sized: bool = True) -> bool:
    """Whether ``entry`` is the product ``name`` (merging key ``key``) under another name of
    the synonym lexicon; with ``sized``, their container sizes must be the same too."""
    if sized and _size(entry.key) != _size(key):
        return False
    return base_key(entry.key) != base_key(key) and same_product(entry.name, name)


@dataclass(frozen=True)
class Found:
    """The entries a product designates: ``indexes``, or ``candidates`` when several products
    fit and none is chosen; ``by_synonym`` when they are named by a synonym."""

    indexes: tuple[int, ...] = ()
    candidates: tuple[int, ...] = ()
    by_synonym: bool = False


def find_entries(entries: Sequence[ListEntry], name: str, key: str) -> Found:
    """The entries a product designates when it is removed or asked about (see the module
    docstring for the order)."""
    exact = [i for i, e in enumerate(entries) if e.key == key]
    if exact:
        return Found(tuple(exact))
    base = base_key(key)
    same_base = [i for i, e in enumerate(entries) if base_key(e.key) == base]
    if same_base:
        return Found(tuple(same_base))
    synonym = [i for i, e in enumerate(entries) if same_entry(e, name, key, sized=False)]
    if synonym:
        return Found(tuple(synonym), by_synonym=True)
    wanted = set(base.split())
    near = [i for i, e in enumerate(entries) if wanted <= set(base_key(e.key).split())]
    keys: dict[str, int] = {}
    for i in near:
        keys.setdefault(base_key(entries[i].key), i)
    if len(keys) > 1:
        return Found(candidates=tuple(keys.values()))
    return Found(tuple(near))


def asked_name_fits(asked: str, entry: ListEntry) -> bool:
    """Whether the name the user wrote names ``entry`` (its key, or by a synonym): the reply
    may then use the user's own words (« the eggs » for an entry « œufs »)."""
    return item_key(asked) == base_key(entry.key) or same_product(asked, entry.name)
