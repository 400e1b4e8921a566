"""Linking parsed items to catalog products: the query, the search, and pack counts.

The query is the item's name (quantities and units were already taken out by the parser);
each word becomes a concept with its French/English synonyms (``lexicons/synonyms.tsv``) as
alternatives. Hits are adjusted for the amount asked (« 2 litres de lait » prefers 1 L bottles,
two of them, over 20 cl ones), and a hit under ``min_score`` is not offered: an empty list
means that nothing acceptable was found.
"""

from __future__ import annotations

import functools
import math
import re
from fractions import Fraction

from pint.errors import DimensionalityError

from ..errors import UnitConversionError
from ..lexicon import (
    PhraseTable,
    get_language,
    lexicon_dir,
    read_words,
    tokenize_phrase,
)
from ..models import Item, Match
from ..textutil import fold
from ..units import is_known_unit, is_physical, quantity_of
from .index import CatalogIndex, Hit
from .keys import flavours, neutral_words, profile, singular, terms, terms_and_words
from .table import Catalog

__all__ = ["link_items", "link_item", "synonyms", "query_concepts"]

DEFAULT_TOP_K = 3
DEFAULT_MIN_SCORE = 0.5


@functools.cache
def synonyms() -> PhraseTable:
    """Term phrase → every phrase of its synonym group (from lexicons/synonyms.tsv)."""
    table = PhraseTable()
    for line in read_words(lexicon_dir() / "synonyms.tsv"):
        group = [tuple(terms(p)) for p in line.split("\t") if p.strip()]
        group = [g for g in group if g]
        for phrase in group:
            table.add(phrase, tuple(dict.fromkeys(group)))
    return table


def query_concepts(name: str) -> list[list[tuple[str, ...]]]:
    """The concepts of a query: each the query's own phrase first, then its synonyms."""
    words = terms(name)
    table = synonyms()
    out: list[list[tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        found = table.match(words, i)
        if found is not None and found[1] - i > 1:
            group, end = found
            own = tuple(words[i:end])
            out.append([own] + [g for g in group if g != own])
            i = end
            continue
        word = words[i]
        group = table.get((word,), ())
        out.append([(word,)] + [g for g in group if g != (word,)])
        i += 1
    return out


def _join_compounds(query: list[list[tuple[str, ...]]], index: CatalogIndex) -> list[list[tuple[str, ...]]]:
    """Two words the catalog writes as one ("butter milk" → buttermilk, "pop corn" → popcorn)
    become one concept with both spellings."""
    out: list[list[tuple[str, ...]]] = []
    i = 0
    while i < len(query):
        own = query[i][0] if query[i] else ()
        nxt = query[i + 1][0] if i + 1 < len(query) and query[i + 1] else ()
        if len(own) == 1 and len(nxt) == 1 and own[0] + nxt[0] in index.term_id:
            out.append([(own[0], nxt[0]), (own[0] + nxt[0],)])
            i += 2
            continue
        out.append(query[i])
        i += 1
    return out


_SECONDARY = 0.35
_NEUTRAL = 0.3


def _secondary_words(item: Item, lang: str) -> list[str]:
    """Terms of a count unit (« gousse », "slices") and of a short preparation note."""
    out: list[str] = []
    if item.unit is not None and item.unit_text and not is_physical(item.unit):
        found = get_language(lang).units.match(list(tokenize_phrase(item.unit_text)), 0)
        if found is not None and found[0].kind == "count":
            out.extend(terms(item.unit_text))
    if item.note:
        first = item.note.split(";")[0]
        note_terms = terms(first)
        if 0 < len(note_terms) <= 3:
            out.extend(note_terms)
    return out


_WORD = re.compile(r"[^\W\d_]+")


def _accents(item: Item, name: str) -> float:
    """+0.02 when the query's accented words appear as written, -0.1 when the name has the same
    word with other accents (« pâté » is no « pâtes »); 0 when the name writes no accents."""
    accented = {singular(w): w for w in _WORD.findall(item.name.lower()) if not w.isascii()}
    if not accented:
        return 0.0
    written = {singular(w) for w in _WORD.findall(name.lower())}
    folded = {fold(w): w for w in accented}
    clash = any(fold(w) in folded and w not in accented and not w.isascii() for w in written)
    if clash:
        return -0.1
    return 0.02 if all(w in written for w in accented) else 0.0


def _amount(item: Item) -> tuple[Fraction, str] | None:
    """The total amount asked, as (quantity, physical unit), when the item says it."""
    if item.quantity is None:
        return None
    if item.unit is not None and is_physical(item.unit):
        return item.quantity, item.unit
    if item.size is not None and is_physical(item.size.unit):
        return item.quantity * (item.inner_count or 1) * item.size.quantity, item.size.unit
    return None


def _pack_total(catalog: Catalog, row: int, unit: str) -> Fraction | None:
    """What one pack of the product holds, in ``unit`` (6 x 1 L in liter: 6), or None."""
    size = catalog.sizes[row]
    if size is None or not is_known_unit(size[1]):
        return None
    try:
        total = quantity_of(size[0] * (catalog.pack_counts[row] or 1), size[1]).to(unit).magnitude
    except (DimensionalityError, UnitConversionError):
        return None
    return total if total > 0 else None


def _adjust(hit: Hit, item: Item, catalog: Catalog) -> tuple[float, int | None]:
    """The hit's score after the accent and amount checks, and its pack count: how many of the
    product cover the item (2 L asked of a 1 L bottle: 2; 3 bottles asked: 3)."""
    score = hit.score + _accents(item, catalog.names[hit.row])
    wanted = _amount(item)
    if wanted is not None:
        per_pack = _pack_total(catalog, hit.row, wanted[1])
        if per_pack is None:
            return score, None
        count = max(1, math.ceil(wanted[0] / per_pack - Fraction(1, 1000)))
        waste = count * per_pack / wanted[0] if wanted[0] else 1
        score -= min(0.06, 0.03 * math.log2(max(float(waste), 1.0)))  # buying far more than asked
        score -= min(0.04, 0.01 * math.log2(count))  # many small units
        return score, count
    if item.quantity is not None:
        count = item.quantity * (item.inner_count or 1)
        return score, max(1, math.ceil(count / (catalog.pack_counts[hit.row] or 1)))
    return score, None


def link_item(
    item: Item,
    index: CatalogIndex,
    *,
    lang: str = "fr",
    top_k: int = DEFAULT_TOP_K,
    min_score: float = DEFAULT_MIN_SCORE,
) -> tuple[Match, ...]:
    """The item's matches, best first, or () when nothing reaches ``min_score``."""
    query = _join_compounds(query_concepts(item.name), index)
    concepts = index.concepts(query, dict(terms_and_words(item.name)))
    if not any(concepts):
        return ()
    # « frais », "original": label words weigh little in the query too, known or not
    neutral = neutral_words()
    scales = [_NEUTRAL if phrases and all(t in neutral for t in phrases[0]) else 1.0 for phrases in query]
    words, _, _, complement = profile(item.name)
    others = words[1:] if lang == "fr" else words[:-1]  # the product word itself may be a flavour
    complement = complement or any(w in flavours() for w in others)
    query_text = " ".join(words)
    # the product word: first in French (« crème de marrons »), last in English ("garlic bread")
    head = 0 if lang == "fr" else len(concepts) - 1
    # words the parser took out of the name can still tell products apart, a little:
    # « 1 gousse de vanille » (the unit), « tomates concassées » (the preparation)
    for extra in _secondary_words(item, lang):
        found = index.concepts([[(extra,)]])[0]
        if extra not in words and found:
            concepts.append(found)
            scales.append(_SECONDARY)
    # the head word of each alternative: a phrase's first word in French, its last in English
    head_ids = frozenset(
        a.ids[0] if lang == "fr" else a.ids[-1] for a in concepts[head] if not a.partial
    ) if concepts else frozenset()
    hits = index.search(
        concepts,
        limit=max(top_k * 4, 20),
        query_text=query_text,
        head=head,
        head_ids=head_ids,
        complement=complement,
        scales=scales,
    )
    catalog = index.catalog
    if hits and not hits[0].has_head:
        return ()  # the best product lacks the product word itself: « œufs d'autruche » ≠ « pavés d'autruche »
    scored = []
    for hit in hits:
        score, count = _adjust(hit, item, catalog)
        scored.append((score, hit.row, count))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return tuple(
        Match(sku=catalog.skus[row], name=catalog.names[row], score=round(max(0.0, min(1.0, score)), 4), pack_count=count)
        for score, row, count in scored[:top_k]
        if score >= min_score
    )


def link_items(
    items: tuple[Item, ...],
    catalog: Catalog | CatalogIndex | None,
    *,
    lang: str = "fr",
    top_k: int = DEFAULT_TOP_K,
    min_score: float = DEFAULT_MIN_SCORE,
) -> tuple[Item, ...]:
    """The items with their ``matches`` filled (unchanged when there is no catalog)."""
    if catalog is None:
        return items
    index = catalog if isinstance(catalog, CatalogIndex) else catalog.index
    return tuple(
        item.model_copy(update={"matches": link_item(item, index, lang=lang, top_k=top_k, min_score=min_score)})
        for item in items
    )
