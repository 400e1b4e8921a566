"""Stage 3b, protect: the catalog's brands that the parser would cut or misread stay whole.

Reads: tokens, the normalized text, the catalog (none: nothing to do) and the language.
Writes: the tokens, each run that spells a brand of the catalog holding a number, a « & », a
joining word or a stop word ("365 by Whole Foods Market", "Fresh And Ready", « Toque du
Chef », "Ben & Jerry's") merged into one word token: no amount is read in it, no item is cut
at its "and", and the item's name keeps it as written.

>>> from listparse.catalog import Catalog
>>> from listparse.stages.normalize import normalize
>>> from listparse.stages.tokenize import tokenize
>>> cat = Catalog.from_records([{"sku": "1", "name": "Olive Oil", "brand": "365 by Whole Foods Market"}])
>>> n = normalize("365 by whole foods market olive oil")
>>> [t.text for t in protect(tokenize(n.text, "en"), n, cat, "en")]
['365 by whole foods market', 'olive', 'oil']
"""

from __future__ import annotations

import functools
import threading
import weakref

from ..lexicon import SUPPORTED_LANGUAGES, PhraseTable, get_language
from .normalize import Normalized
from .tokenize import Token, merge_phrases, tokenize

__all__ = ["protect", "protected_brands"]

#: Trailing marks of a brand that nobody types (« Engine 2® »).
_MARKS = frozenset("®™©.,")

_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@functools.cache
def _risky_words() -> frozenset[str]:
    """Words of every language the parser cuts items at or reads apart: "and" (« et »), the
    words for "or", and linking stop words."""
    words: set[str] = {"and", "et"}
    for code in SUPPORTED_LANGUAGES:
        data = get_language(code)
        words |= data.link_stopwords | data.alternatives
    return frozenset(words)


def _at_risk(tokens: list[Token]) -> bool:
    """Whether the parser could cut or misread these brand tokens: a number, a « & » or
    another sign, a joining or stop word of some language."""
    risky = _risky_words()
    return any(t.kind != "word" or t.low in risky for t in tokens)


def protected_brands(catalog, lang: str) -> PhraseTable:
    """The brands of the catalog (a :class:`~listparse.catalog.Catalog` or its index) that
    :func:`protect` keeps whole, as folded token phrases; built once per catalog and language."""
    catalog = getattr(catalog, "catalog", catalog)  # an index: its catalog
    with _LOCK:
        try:
            per_lang = _TABLES.setdefault(catalog, {})
        except TypeError:  # a catalog that cannot be weakly referenced
            per_lang = {}
        table = per_lang.get(lang)
    if table is not None:
        return table
    table = PhraseTable()
    for brand in {b for b in getattr(catalog, "brands", ()) if b}:
        tokens = tokenize(brand, lang)
        while tokens and tokens[-1].kind == "punct" and tokens[-1].text in _MARKS:
            tokens.pop()
        if len(tokens) > 1 and _at_risk(tokens):
            table.add(tuple(t.low for t in tokens), brand)
    with _LOCK:
        per_lang[lang] = table
    return table


def protect(tokens: list[Token], normalized: Normalized, catalog, lang: str) -> list[Token]:
    """The tokens with each protected brand merged into one word (see the module docstring)."""
    if catalog is None or not tokens:
        return tokens
    table = protected_brands(catalog, lang)
    if not len(table):
        return tokens
    return merge_phrases(tokens, [t.low for t in tokens], table, normalized.text)
