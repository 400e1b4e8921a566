"""Linking parsed items to catalog products: the query, the search, and pack counts.

The query is the item's name (quantities and units were already taken out by the parser);
each word becomes a concept with its French/English synonyms (``lexicons/synonyms.tsv``) as
alternatives, and a product word naming a class (fish, « légumes ») also with its kinds
(``lexicons/kinds.tsv``). Hits are adjusted for the amount asked (« 2 litres de lait » prefers
1 L bottles, two of them, over 20 cl ones), and a hit under ``min_score`` is not offered: an
empty list means that nothing acceptable was found.

An index keeps the hits of its latest 1,024 searches (the search reads only the item's name,
unit words and note; the amount is checked afterwards), so an item linked again for another
amount, or a product asked for again, costs no new search.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from fractions import Fraction

from ..lexicon import (
    SUPPORTED_LANGUAGES,
    PhraseTable,
    get_language,
    lexicon_dir,
    read_words,
    tokenize_phrase,
)
from ..models import Item, Match
from ..textutil import fold
from ..units import conversion_factor, is_known_unit, is_physical
from .index import HEAD_PLACE, PARTIAL_FACTOR, Alt, CatalogIndex, Concept, Hit, idf_weight
from .keys import (
    adjective_terms,
    before_complement,
    brand_span,
    class_nouns,
    complement_level,
    cooked,
    counted_terms,
    cut_classes,
    default_states,
    flavours,
    head_terms,
    held_meanings,
    in_order,
    is_stopword,
    is_substitute,
    lead_phrase,
    made_of,
    neutral_words,
    opposites,
    part_nouns,
    plain_words,
    produce,
    said_without,
    singular,
    side_by_side,
    source_word,
    split_phrase,
    tastes,
    terms,
    terms_and_words,
    word_sequence,
)
from .table import Catalog

__all__ = ["link_items", "link_item", "synonyms", "query_concepts"]

DEFAULT_TOP_K = 3
DEFAULT_MIN_SCORE = 0.6

#: The latest searches of each index: key → hits with their scores after the checks of the
#: name, at most _RECENT_MAX per index, the least recently used dropped first. An index never
#: changes once built, so a search made again finds the same hits: an item linked again for
#: another amount (a list entry that grew), or a product named again, costs only the checks of
#: its amount.
_RECENT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_RECENT_MAX = 1024
_RECENT_LOCK = threading.Lock()


@functools.cache
def _synonym_groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The groups of lexicons/synonyms.tsv, each phrase as key terms."""
    groups = []
    for line in read_words(lexicon_dir() / "synonyms.tsv"):
        group = tuple(dict.fromkeys(g for g in (tuple(terms(p)) for p in line.split("\t") if p.strip()) if g))
        if group:
            groups.append(group)
    return tuple(groups)


@functools.cache
def synonyms() -> PhraseTable:
    """Term phrase → every phrase of its synonym group (from lexicons/synonyms.tsv)."""
    table = PhraseTable()
    for group in _synonym_groups():
        for phrase in group:
            table.add(phrase, group)
    return table


@functools.cache
def _kinds_lines() -> tuple[str, ...]:
    """The lines of lexicons/kinds.tsv, read once for :func:`_kinds` and :func:`_named_with_class`."""
    return tuple(read_words(lexicon_dir() / "kinds.tsv"))


@functools.cache
def _kinds() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Class phrase → the phrases of its kinds (lexicons/kinds.tsv), as key terms: "fish" →
    tuna, salmon…"""
    out: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for line in _kinds_lines():
        classes, _, kinds = line.partition("\t")
        if classes == "!":
            continue  # the products named with a class word (see _named_with_class)
        phrases = tuple(dict.fromkeys(k for k in (tuple(terms(p)) for p in kinds.split(",")) if k))
        for name in classes.split(","):
            if key := tuple(terms(name)):
                out[key] = tuple(k for k in phrases if k != key)
    return out


@functools.cache
def _named_with_class() -> frozenset[tuple[str, ...]]:
    """The products named with a class word qualifying theirs (the "!" line of kinds.tsv:
    "fish sauce"), as key terms."""
    lines = (line.partition("\t")[2] for line in _kinds_lines() if line.startswith("!\t"))
    return frozenset(key for line in lines for p in line.split(",") if (key := tuple(terms(p))))


def _holds_phrase(words: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether the terms hold one of the phrases (key terms) side by side."""
    words = tuple(words)
    return any(words[k : k + len(p)] == p for p in phrases for k in range(len(words) - len(p) + 1))


def _with_kinds(
    alts: Concept, own: tuple[str, ...], product: str, said: frozenset[str], index: CatalogIndex
) -> Concept:
    """The alternatives of a concept of the query, with the kinds that its product word, or
    else a word of it qualifying the product, names as a class (see :func:`_kinds`) that the
    catalog holds, each a little weaker than the word itself: "canned fish" also finds « Thon »,
    "Canned Tuna"; in a phrase, the kind takes the class word's place ("frozen vegetables":
    "frozen peas"; "fruit yogurt": "mango yogurt"). Unchanged when the query's words
    (``said``) name a kind already ("pecan nuts")."""
    table = _kinds()
    factor, slip = _KIND, False
    # the class word of a phrase: the product word, or a word qualifying it ("fruit yogurt":
    # strawberry yogurt)
    word = product if (product,) in table else next((t for t in own if (t,) in table), None)
    if own in table:
        kinds = variants = table[own]
    elif word is not None and word in own:
        kinds = table[(word,)]
        at = own.index(word)
        variants = tuple(own[:at] + kind + own[at + 1 :] for kind in kinds)
    else:
        # a class read through a slip ("dry patsa"): its kinds weigh as the fix does
        fix = next((a for a in alts if a.typo and len(a.ids) == 1 and (index.vocab[a.ids[0]],) in table), None)
        if fix is None or len(own) != 1:
            return alts
        kinds = variants = table[(index.vocab[fix.ids[0]],)]
        factor, slip = _KIND * fix.factor, True
    if any(set(kind) <= said for kind in kinds):
        return alts
    held = {a.ids for a in alts}
    out = list(alts)
    for phrase in variants:
        ids = tuple(index.term_id.get(t, -1) for t in phrase)
        if -1 not in ids and ids not in held:
            held.add(ids)
            out.append(Alt(ids, factor, typo=slip))
    return out


@functools.cache
def _synonym_words() -> frozenset[str]:
    """Every term of the synonym phrases: words known to the lexicon, typo or not."""
    return frozenset(t for group in _synonym_groups() for phrase in group for t in phrase)


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
        # a phrase of two words, or a synonym of it, the catalog writes as one ("soy milk":
        # "Soymilk", "almond milk": "Almondmilk")
        joined = [(a + b,) for a, b in (p for p in query[i] if len(p) == 2) if a + b in index.term_id]
        out.append(query[i] + [j for j in dict.fromkeys(joined) if j not in query[i]])
        i += 1
    return out


def _kind_alone(
    query: list[list[tuple[str, ...]]], name: str, index: CatalogIndex, lang: str
) -> list[list[tuple[str, ...]]]:
    """A kind and its class noun (class_nouns.txt) written side by side in ``name`` become one
    concept, also said by the kind alone when the catalog heads names with it (two at least):
    "mascarpone cheese" is sold as "Mascarpone"; « fromage à pâte filée » is no « pâte »."""
    classes = class_nouns(lang)
    out = list(query)
    for i in range(len(out) - 1):
        first = out[i][0] if out[i] else ()
        second = out[i + 1][0] if out[i + 1] else ()
        if len(first) != 1 or len(second) != 1:
            continue
        # the class noun after its kind in English ("ricotta cheese"), before it in French
        kind, noun = (first[0], second[0]) if lang == "en" else (second[0], first[0])
        if (
            noun in classes
            and kind not in classes
            and not _qualifies(kind, lang)  # « thé décaféiné » is no kind sold as « Décaféiné »
            and index.head_count(kind) >= 2
            and side_by_side(first[0], second[0], name)
        ):
            out[i : i + 2] = [[first + second, (kind,)]]
            break
    return out


def _without_brand(name: str, index: CatalogIndex, lang: str | None = None) -> str:
    """The name without a brand that opens or ends it (« Géant Vert asperges », "bagels Canyon
    Bakehouse"): a brand does not say which product is asked. Empty when the name is a brand.

    A brand is a catalog brand (:meth:`CatalogIndex.is_brand`), or, where the product word
    would be taken from it (the opening words of a French name, the closing words of an
    English one), words that the catalog's names join to the next word as a brand, not as
    its product (see :func:`_brand_in_names`)."""
    words = name.split()
    for k in range(min(len(words), 4), 0, -1):
        phrase = terms(" ".join(words[:k]))
        if phrase and index.is_brand(phrase):
            words = words[k:]
            break
    else:
        if lang == "fr":
            words = words[_brand_in_names(words, index):]
    for k in range(min(len(words), 4), 0, -1):
        phrase = terms(" ".join(words[-k:]))
        if phrase and index.is_brand(phrase):
            words = words[:-k]
            break
    else:
        if lang == "en":
            kept = len(words) - _brand_in_names(words[::-1], index, reverse=True)
            words = words[:kept]
    return " ".join(words)


def _brand_in_names(words: list[str], index: CatalogIndex, *, reverse: bool = False) -> int:
    """How many of ``words`` (the query's words from where its product word would be taken:
    its start in French, its end in English, then ``words`` is reversed) make a brand that
    the catalog writes only in its names: the catalog heads some of its names holding them by
    the next word and none the other way round (« Asperges Blanches Géant Vert », no « Géant
    Vert … asperges »: « Géant Vert asperges » asks for asparagus), or more of them, the words
    being rarer than the next one (« salade mélange » asks for salad, though « Mélange pour
    salade » is written more often). 0 when none do."""
    limit = max(_BRAND_MIN_LIMIT, int(index.n_entries * _BRAND_SHARE))
    for k in range(1, min(len(words) - 1, 3) + 1):
        phrase = terms(" ".join(words[:k][::-1] if reverse else words[:k]))
        rest = terms(words[k])
        if not phrase or not rest:
            continue
        by_word, by_phrase, phrase_df, word_df = index.heads_between(phrase, rest[0], limit=limit)
        if by_word > by_phrase and (by_phrase == 0 or phrase_df < word_df):
            return k
    return 0


def _concept_of(query: list[list[tuple[str, ...]]], term: str, lang: str) -> int:
    """The index of the query concept whose own words hold ``term`` (the last such concept in
    English, the first in French; the head position when none does)."""
    found = [k for k, phrases in enumerate(query) if phrases and term in phrases[0]]
    if not found:
        return 0 if lang == "fr" else len(query) - 1
    return found[0] if lang == "fr" else found[-1]


#: « pour », « au », « aux »: what follows tells whom a French product is for, or what it is made with
_FOR_OR_WITH = re.compile(r"\b(?:pour|aux?)\s+", re.IGNORECASE)
_SECONDARY = 0.35
_UNIT_CUT = 0.35  # the weight of a cut said as the unit (« 2 filets de saumon »)
_FORM_SHARE = 0.1  # a cut held by fewer of the names of its product is a form names seldom say
_KIND = 0.85  # a kind of the class the query names ("tuna" for "fish") covers it this much
_IN_ORDER = 0.03
_TYPO_PHRASE = 0.05  # a query read through a typo fix: its hits score a little less
_SHORT_TYPO = 5  # a word shorter than this is not taken for a typo on its own
_ONE_SLIP = 0.9  # the least weight of a fix one slip away (a letter changed: 0.75 / 0.8)
_FIRST_LETTER_TYPO = 0.75  # the weight of a fix of the first letter (0.6 / 0.8): not taken on its own
_OTHER_VARIETY = 0.15
_MIXED_FLAVOUR = 0.05  # the flavour asked with another one
_OPPOSITE = 0.25  # a word excluding the query's (opposites.tsv): « cuit » for « cru »
_SUBSTITUTE = 0.15  # a stand-in ("plant-based", « végétal ») the query did not ask for
_SPLIT_PHRASE = 0.15  # the words of a phrase of the query far apart in the name
_BLEND = 3  # other kinds besides the one asked that make a name a blend of them
_PLAIN = 0.04  # a query of the product at large: the name says nothing else
_COUNTED = 0.03  # a name counting kinds of the product (« 4 huiles ») when the query does not, or the other way
_LABEL = 0.1  # a name saying a label quality the item asks ("organic", « bio »)
_BRAND_WRITTEN = 0.02  # a name writing its brand, the one the query names (not only its brand column)
_COOKED = 0.03  # … and the name makes a dish of it with a word the query does not say (mashed)
_OTHER_KIND = 0.2  # the name lacks a kind the query asks and names another (offered with min_score=0 only)
_NEUTRAL = 0.3
_HEAD_WEIGHT = 1.6  # the product word's weight against the words that qualify it
_NEAR = 0.1  # how far behind a French name headed by the product word may come and still be the answer
_MIN_COVERAGE = 0.5  # the least share of the query a product must hold to be offered
# a brand known only from names is in at most this share of the catalog's entries (or this many)
_BRAND_SHARE = 0.002
_BRAND_MIN_LIMIT = 50


def _cut_in_name(item: Item, lang: str, index: CatalogIndex | None = None) -> Item:
    """The item named with its count unit when that unit is a cut or a form of the product
    (part_nouns.txt) that the catalog's names write: « 2 filets de saumon » (2 fillets of
    « saumon ») asks for salmon fillets, « 1 botte de radis » for a bunch of radishes, "3 garlic
    cloves" for garlic; "3 ears of corn" for corn where no name says "ears"."""
    if item.unit in (None, "piece") or not item.unit_text or is_physical(item.unit):
        return item  # a piece says nothing of the product (« 1 morceau de comté »)
    cut, words = terms(item.unit_text), terms(item.name)
    if len(cut) != 1 or cut[0] not in part_nouns(lang) or not words or cut[0] in words:
        return item
    if index is not None and cut[0] not in index.term_id:
        return item
    name = f"{item.unit_text} de {item.name}" if lang == "fr" else f"{item.name} {item.unit_text}"
    return item.model_copy(update={"name": name})


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
_JOIN = re.compile(r"\s*(?:&|\+)\s*|\s+(?:and|et)\s+", re.IGNORECASE)  # products joined in a name


def _amount(item: Item) -> tuple[Fraction, str] | None:
    """The total amount asked, as (quantity, physical unit), when the item says it."""
    if item.quantity is None:
        return None
    if item.unit is not None and is_physical(item.unit):
        return item.quantity, item.unit
    if item.size is not None and is_physical(item.size.unit):
        return item.quantity * (item.inner_count or 1) * item.size.quantity, item.size.unit
    return None


#: Per catalog, (row, unit) → what one pack of the row holds in the unit: rows are read and
#: converted once (at most _PACK_TOTALS_MAX rows per catalog are kept).
_PACK_TOTALS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PACK_TOTALS_MAX = 65_536
_NO_TOTAL = object()


def _pack_total(catalog: Catalog, row: int, unit: str) -> Fraction | None:
    """What one pack of the product holds, in ``unit`` (6 x 1 L in liter: 6), or None."""
    try:
        totals = _PACK_TOTALS.get(catalog)
        if totals is None:
            totals = _PACK_TOTALS.setdefault(catalog, {})
    except TypeError:  # a catalog that cannot be weakly referenced
        return _read_pack_total(catalog, row, unit)
    total = totals.get((row, unit), _NO_TOTAL)
    if total is _NO_TOTAL:
        if len(totals) >= _PACK_TOTALS_MAX:
            totals.clear()
        total = totals[(row, unit)] = _read_pack_total(catalog, row, unit)
    return total  # type: ignore[return-value]


def _read_pack_total(catalog: Catalog, row: int, unit: str) -> Fraction | None:
    size = catalog.sizes[row]
    if size is None or not is_known_unit(size[1]):
        return None
    factor = conversion_factor(size[1], unit)
    if factor is None:  # another dimension
        return None
    total = Fraction(size[0] * (catalog.pack_counts[row] or 1)) * factor
    return total if total > 0 else None


# a circumflex is often left out (« pate » for « pâte », « Paté »), an acute or grave accent
# seldom: « pâté » and « pâtes » differ by it
_NO_CIRCUMFLEX = str.maketrans("âêîôû", "aeiou")


def _as_written(word: str) -> str:
    """The word's singular as written, but for circumflexes."""
    return singular(word).translate(_NO_CIRCUMFLEX)


@functools.lru_cache(maxsize=16_384)
def _written_words(
    name: str,
) -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[tuple[str, str], ...]]:
    """The singular words of a product name, the same as written (see :func:`_as_written`)
    and folded, and those with accents as written with their folded form."""
    singulars = frozenset(singular(w) for w in _WORD.findall(name.lower()))
    accented = {_as_written(w) for w in singulars if not w.isascii()}
    written = frozenset(_as_written(w) for w in singulars)
    return singulars, written, frozenset(map(fold, singulars)), tuple((w, fold(w)) for w in accented)


_SLACK = Fraction(1, 1000)  # 2.001 packs are 2 packs


class _NameChecks:
    """The checks of the hits of one query that read only its name and language (and, for the
    kinds it asks, the index): written accents, word order, another flavour, an opposite word,
    a stand-in product, a phrase split apart, another kind than the one asked, another making
    than the usual one of a product asked alone. Their result is kept with the search's hits."""

    __slots__ = (
        "accented", "asked", "brand_asked", "cooking", "counted", "folded", "fruit", "index", "joins", "kinds", "lang",
        "opposed", "phrases", "product", "said", "substitute", "read_words", "synonyms", "usual", "words", "written",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        lang: str,
        index: CatalogIndex | None = None,
        reading: str | None = None,
        brandless: str | None = None,
    ) -> None:
        """``reading``: the name read through its slips; ``brandless``: that reading without a
        brand, when already known."""
        self.lang = lang
        self.index = index
        self.substitute = is_substitute(name)
        accented = [w for w in _WORD.findall(name.lower()) if not w.isascii()]
        self.accented = frozenset(singular(w) for w in accented)
        self.written = frozenset(_as_written(w) for w in accented)
        self.folded = frozenset(fold(w) for w in self.written)
        self.words = terms(name)
        self.read_words = terms(reading) if reading else self.words  # "froomage de chèvre" as read
        self.counted = counted_terms(name)  # the query counts kinds itself: « aux 4 fromages »
        varieties = flavours()
        query_heads = set(head_terms(" ".join(self.words), lang))
        # the flavours asked, and a word asking for some flavour, whichever ("flavoured milks",
        # not "neutral-flavoured oil")
        plain, _, some = plain_words(lang)
        some = some if plain.isdisjoint(self.words) else frozenset()
        self.asked = {w for w in self.words if w in varieties or w in some} - query_heads
        # the fruit or herb asked for itself ("strawberries", « menthe fraîche »), through slips too
        read_heads = set(head_terms(reading, lang)) if reading and reading != name else set()
        self.fruit = frozenset((query_heads | read_heads) & produce(lang))
        # the product word as read, which a name may write as a kind of its class noun
        # ("Gorgonzola Cheese" for "gorgonzola")
        self.product = next(iter(head_terms(reading or name, lang)), None)
        self.joins = _JOIN.search(reading or name) is not None  # "salt and pepper" asks for both
        # the groups of exclusive words the query takes one of (« cru » of cru / cuit / rôti)
        held = set(_word_forms(tuple(self.words), lang))  # « dinde rôtie » says « rôti »
        self.opposed = [(group, asked) for group in opposites(lang) if (asked := held_meanings(group, held))]
        # the groups whose state asked is a cooking (« rôtie »): a name saying none is raw
        dishes = cooked(lang)
        self.cooking = [
            group
            for group, asked in self.opposed
            if any(dishes.intersection(_forms(t, lang)) for k in asked for phrase in group[k] for t in phrase)
        ]
        # a product asked in its usual state when the query names none ("strawberries" fresh)
        for head in query_heads.union(head_terms(name, lang)):  # « cuisses de canard »: canard too
            group, k = default_states(lang).get(head, ((), 0))
            if group and not any(g is group for g, _ in self.opposed):
                self.opposed.append((group, {k}))
        # the query's phrases of several words (« lait demi-écrémé », "baby spinach"), each
        # with its synonyms
        concepts = query_concepts(name)
        self.phrases = [concept for concept in concepts if concept and len(concept[0]) > 1]
        # the query's concepts with synonym phrases of several words (« essuie-tout »: "kitchen
        # roll"), and its classes with their kinds (« volaille »: « canard »), each with its own
        # words first
        self.synonyms = [c for c in concepts if len(c) > 1 and any(len(phrase) > 1 for phrase in c[1:])]
        self.synonyms += [[c[0], *_kinds()[c[0]]] for c in concepts if c and c[0] in _kinds()]
        # the words of the query that tell which kind of the product it asks ("pear" in "pear
        # pies", « ananas » in « jus d'ananas »), each with its synonyms: words the catalog
        # knows, neither the product word nor a word that only qualifies it
        self.kinds: list[list[tuple[str, ...]]] = []
        self.brand_asked: frozenset[str] = frozenset()  # the words of a brand the query names
        self.said: tuple[tuple[str, ...], ...] = ()  # the query's phrases and their synonyms
        # a product made of one usual thing asked alone ("milk", « farine fluide »): its words,
        # their synonyms, and the words that keep it the usual product (cow, « blé »)
        self.usual = (
            _usual_making(name, concepts, lang)
            if index is not None and _asks_at_large(name, lang) and not self.asked & some
            else None
        )  # "flavoured milks" are not made of milk alone
        if index is not None and len(self.words) > 1:
            # what the query says, read through its slips ("coocnut" is coconut)
            concepts = _join_compounds(query_concepts(reading or name), index)
            self.said = tuple(phrase for concept in concepts for phrase in concept)
            # the kinds are the words as read through the slips ("red peppsr flakes" asks for
            # red pepper flakes, which chili flakes are); a brand asked is no kind, nor is what
            # follows "in", "with", « avec » ("capers in vinegar")
            said_name = brandless if brandless is not None else _without_brand(reading or name, index, lang)
            self.brand_asked = frozenset(self.read_words) - frozenset(terms(said_name))
            product = lead_phrase(said_name, lang)
            # whom or what it is for, or made with, is a kind too (« croquettes pour chat »:
            # fish croquettes are another product; « plats au veau »)
            purpose = _FOR_OR_WITH.split(said_name, maxsplit=1)[1:] if lang == "fr" else []
            product = " ".join([product, *purpose])
            # the product word is no kind, but the product of a cut is ("turkey" of "turkey
            # cutlets": chicken cutlets are another kind)
            heads = set(head_terms(product, lang)[:1])
            describing = adjective_terms(product, lang)
            for concept in _join_compounds(query_concepts(product), index):
                own = concept[0] if concept else ()
                if own in _kinds() and heads & set(own):
                    continue  # the class asked (« fruits de mer »): its kinds are answers, « mer » is none
                if len(own) > 1 and heads & set(own):
                    # a phrase holding the product word ("turkey cutlets"): its other words,
                    # or one of its synonyms whole (« escalope de dinde ») but the product word
                    # alone ("foil" of "aluminum foil": "Butter Foil" is no aluminium)
                    own = tuple(t for t in own if t not in heads)
                    concept = [own, *(phrase for phrase in concept[1:] if not set(phrase) <= heads)]
                # a phrase names a kind when one of its words does ("sweet pepper" in "sweet
                # pepper jams": tomato jam is another kind)
                if any(self._names_kind(t, heads, describing, index) for t in own):
                    if own in _kinds():
                        # a class as the kind ("vegetable samosas"): any of its kinds is one
                        concept = [*concept, *_kinds()[own]]
                    if len(own) == 1 and own[0] in index.term_id:
                        # a rare word one slip from a far commoner one may be that one (the
                        # catalog's own slip « cansrd » is « canard »)
                        readings = index.concepts([[own]])[0][1:]
                        concept = [*concept, *(tuple(index.vocab[i] for i in a.ids) for a in readings)]
                    self.kinds.append(concept)

    def _names_kind(self, term: str, heads: set[str], describing: frozenset[str], index: CatalogIndex) -> bool:
        """Whether a word of the query tells a kind of its product: not the product word, nor a
        word that describes or qualifies; a word the catalog knows, not as a brand, or one it
        knows nothing like, not even one slip away ("alfalfa sprouts" are no bean sprouts)."""
        if term in heads or term in describing or _qualifies(term, self.lang):
            return False
        if term in index.term_id:
            # a brand of one word (« Président »), not a word of a longer one ("Duck Trap River")
            return not index.is_brand((term,))
        return _unheard_of(term, index)

    def other_kind(self, name: str, brand: str | None, lang: str) -> bool:
        """Whether the name lacks a kind the query asks and names another thing instead: "Chicken
        Pie" for "pear pies", "Garlic Powder" for "ginger powder" (a name saying no other word,
        "Pies", is the product at large)."""
        words = terms(name)
        # « à l'ancienne » holds « ancien »; the brand column holds its words too
        forms = {form for t in words + (terms(brand) if brand else []) for form in _forms(t, self.lang)}
        held = all(any(all(t in forms for t in p) for p in concept) for concept in self.kinds)
        # the words of the query, and of a synonym the name holds whole ("black" of "whole black
        # pepper", a synonym of peppercorns, only where the name says "whole black pepper")
        said = {t for phrase in self.said if all(t in forms for t in phrase) for t in phrase} | set(self.words)
        # the name's product word is the query's, under any name; the product of its cut is
        # not ("Fish Fillets" for "beef fillet")
        plain = said | set(_name_heads(name, lang)[:1]) | _describing(name, brand, lang)
        if not held:
            return any(_names_a_kind(t, plain, lang) for t in words)
        # the kind asked among many other products of the catalog is a blend of them ("Lemon
        # Cayenne Ginger Apple Juice" for "lemon juice"; a flavour, or what follows "in" or
        # "with", is none)
        plain |= flavours()
        lead = terms(lead_phrase(name, lang))
        others = {t for t in lead if self.index.head_count(t) >= 2 and _names_a_kind(t, plain, lang)}
        return len(others) >= _BLEND

    def mixed(self, name: str, brand: str | None, lang: str) -> bool:
        """Whether the name joins the product asked, alone in its part, to another product: a
        mix of them ("Green Beans & Shallots" for "shallots", "Mozzarella and Prosciutto" for
        "prosciutto", « Carottes et petits pois » for « carottes »), not the product; not a
        name joining what qualifies its product ("Salt & Vinegar Chips", "Cookies and Cream Ice
        Cream", "Rich & Fruity Olive Oil"), nor for a query joining products itself ("salt and
        pepper")."""
        if self.joins:
            return False
        parts = _JOIN.split(lead_phrase(name, lang))
        if len(parts) < 2:
            return False
        describing = _describing(name, brand, lang)
        asked = [t for t in self.read_words if t not in describing]
        own = [k for k, part in enumerate(parts) if asked and [t for t in terms(part) if t not in describing] == asked]
        if not own:
            return False
        others = [terms(part) for k, part in enumerate(parts) if k not in own]
        if any(self.product in words for words in others):
            return False  # the product on either side: "Extra Virgin Rich & Fruity Olive Oil"
        # another product: a word heading names of the catalog ("virgin" of "Extra Virgin Rich &
        # Fruity Olive Oil" heads none)
        plain = _word_forms(tuple(self.read_words), lang) | describing
        return any(
            self.index.head_count(t) >= 2 and _names_a_kind(t, plain, lang) for words in others for t in words
        )

    def made_otherwise(self, name: str, brand: str | None, lang: str) -> bool:
        """Whether the name says that the product, asked alone, is made of or flavoured with
        another product of the catalog than its usual making: "Almond Milk", "Banana Milk" for
        "milk", « Farine de riz » for « farine »; not "Whole Milk", « Farine de blé », nor a colour
        or variety (« Mélasse noire »)."""
        plain = self.usual | _describing(name, brand, lang)
        index, fruit, varieties = self.index, produce(lang), flavours()
        # the word saying what it is made of ("Rye Flour", « Farine de seigle »), not a brand
        source = source_word(name, lang)
        if source is not None and _names_a_kind(source, plain, lang) and not index.is_brand((source,)):
            return True
        # or anywhere in its leading phrase, a fruit, nut or herb, or a product word of the
        # catalog that is no colour or variety (« noire »)
        return any(
            _names_a_kind(t, plain, lang) and (t in fruit or (index.product_word(t) and t not in varieties))
            for t in terms(lead_phrase(name, lang))
        )

    def through_brand(self, name: str, brand: str | None) -> bool:
        """Whether the name holds a synonym phrase or a kind of the query only with the words of
        its brand: "Country Kitchen Hamburger Rolls" is no "kitchen roll" (paper towels), « Gel
        WC Canard WC » no « volaille ». The query's own words may be found in a brand ("sea
        scallops": "Sea Best Jumbo Scallops"), and so may a synonym where the query says the
        brand."""
        if not brand or not self.synonyms:
            return False
        brand_terms = terms(brand)
        if not brand_terms or set(brand_terms) <= set(self.words):
            return False
        words = terms(name)
        span = brand_span(words, brand_terms)
        if span is None:
            return False
        held, proper = set(words), set(words[: span[0]] + words[span[1] :])
        return any(
            (found := [phrase for phrase in concept if set(phrase) <= held])
            and not any(set(phrase) <= proper or phrase == concept[0] for phrase in found)
            for concept in self.synonyms
        )

    def split(self, name: str) -> bool:
        """Whether the name holds the words of a phrase of the query only far apart ("Spinach
        Apple Sweet Potato Baby Food" for "baby spinach"), in no reading together."""
        for concept in self.phrases:
            held = [phrase for phrase in concept if split_phrase(phrase, name)]
            if held and len(held) == sum(1 for phrase in concept if set(phrase) <= set(word_sequence(name))):
                return True
        return False

    def opposite(self, name: str) -> bool:
        """Whether the name holds another word of a group of exclusive words than the query's,
        and not the query's (« jambon cuit » for « jambon cru », "roasted cashews" for "raw
        cashews"); a name saying neither is no other product."""
        if not self.opposed:
            return False
        held = _word_forms(tuple(terms(name)), self.lang)
        return any((found := held_meanings(group, held)) and not found & asked for group, asked in self.opposed)

    def uncooked(self, name: str) -> bool:
        """Whether the query asks a cooked state of a group of opposites.tsv (one of cooked.txt:
        "roasted trout", « escalope de dinde rôtie ») that the name says nothing of, nor of any
        other cooking: the raw product, another kind."""
        if not self.cooking:
            return False
        held = _word_forms(tuple(terms(name)), self.lang)
        if not cooked(self.lang).isdisjoint(held):
            return False  # cooked some other way: « Viande de canard confite »
        return any(not held_meanings(group, held) for group in self.cooking)

    def accents(self, name: str) -> float:
        """-0.1 when the name has one of the query's accented words with other accents (« pâté »
        is no « pâtes »), else +0.02 when it writes those it holds as asked (none held rewards
        no more than all held: the accents tell spellings apart, not how much of the query a
        name holds), +0.01 when it does but for circumflexes (« Paté » for « pâté »), 0 when it
        writes them without accents."""
        accented = self.accented
        if not accented:
            return 0.0
        exact, written, folds, with_accents = _written_words(name)
        folded = self.folded
        if any(f in folded and w not in self.written for w, f in with_accents):
            return -0.1
        held = {w for w in accented if fold(w) in folds}
        return 0.02 if held <= exact else 0.01 if {_as_written(w) for w in held} <= written else 0.0

    def flavour_cost(self, name: str, name_lang: str | None) -> float:
        """What the name's flavours cost against the one asked: another variety (see
        :meth:`other_variety`), or the one asked with another (no colour): "Blackberry
        Raspberry Jam" for "raspberry jam"."""
        words = terms(name)
        held = set(words)
        # the flavours the name gives, besides its product word and what it says it is without
        given = (held & flavours()) - set(_name_heads(name, self.lang)) - said_without(words)
        if self.other_variety(held, given, name_lang):
            return _OTHER_VARIETY
        return _MIXED_FLAVOUR if self.asked & held and (given & tastes()) - self.asked else 0.0

    def other_variety(self, held: set[str], given: set[str], name_lang: str | None) -> bool:
        """Whether a name (its terms ``held``, the flavours it ``given``) gives another flavour
        or colour than the one asked and not the one asked (« colorant rose » for « colorant
        noir », "strawberry yogurt" for "vanilla yogurt"), or says it has none ("Original Soy
        Milk" for "chocolate soy milk"), or gives none where some flavour is asked ("Whole Milk"
        for "flavoured milks"); judged only on names of the query's language, as words are
        compared as written."""
        if name_lang not in (None, self.lang) or self.asked & held:
            return False
        plain, colours, some = plain_words(self.lang)
        if self.asked <= some:
            return not given - colours  # "Chocolate Milk" is a flavoured milk, "Whole Milk" none
        return bool(given) or (not self.asked <= colours and not held.isdisjoint(plain))

    def score(self, hit: Hit, name: str, name_lang: str | None) -> float:
        """The hit's score after the accent, word order and flavour checks of the name (or
        alias) it was found by."""
        score = hit.score + self.accents(name)
        words = self.read_words
        if len(words) > 1 and in_order(words, name):
            score += _IN_ORDER  # the query's words side by side, as asked: « fromage de chèvre frais »
        if self.asked:
            score -= self.flavour_cost(name, name_lang)
        if self.opposed and self.opposite(name):
            score -= _OPPOSITE  # "roasted cashews" for "raw cashews"
        if not self.substitute and is_substitute(name):
            score -= _SUBSTITUTE  # "plant-based ground beef" for "ground beef"
        if self.phrases and self.split(name):
            score -= _SPLIT_PHRASE
        if {c for c in counted_terms(name) if c[1] in self.read_words} != self.counted:
            # « 4 huiles », « Les 3 poivres » for « huile », « poivre »: a blend; « Pizza 5
            # fromages » for « pizza aux quatre fromages »: not the blend asked
            score -= _COUNTED
        return score

    def flavoured(self, name: str, brand: str | None, lang: str) -> bool:
        """Whether a name headed by the fruit or herb asked names a product of the catalog before
        it: a product of that flavour ("Yogurt Strawberry", "Bar Chocolate Mint" for
        "strawberries", "mint"), not the fruit or herb itself."""
        name_heads = _name_heads(name, lang)
        heads = set(name_heads)
        if not heads & self.fruit:
            return False
        lead = terms(lead_phrase(name, lang))
        plain = _word_forms(tuple(self.words), lang) | _describing(name, brand, lang) | flavours()
        before = lead[: max(k for k, t in enumerate(lead) if t in heads)] if heads & set(lead) else []
        if any(self.index.product_word(t) and _names_a_kind(t, plain, lang) for t in before):
            return True
        # a name of a brand selling one product, giving the fruit the way a flavour is given
        # (in the singular, with no cut), names that product ("KIND Dark Cherry": KIND sells
        # bars; not "Hunt's Peeled Tomatoes", "Dole Pineapple Chunks"), unless the brand sells
        # fruit, nuts or herbs
        if not brand or len(name_heads) > 1:
            return False
        if not any(fold(w) in heads and singular(w) == w for w in _WORD.findall(name.lower())):
            return False
        sold = self.index.brand_product(brand)
        return sold is not None and sold not in heads and sold not in flavours() and _names_a_kind(sold, set(), lang)

    def checked(self, hit: Hit, catalog: Catalog) -> tuple[Hit, float]:
        """The hit, marked when it names another kind than the one asked (checked only with an
        index), and its score after the checks, both judged on the name or alias it was found by
        (the English name of a French product for an English query)."""
        row = hit.row
        if self.index is not None:
            name, name_lang = self.index.entry_name(hit.entry)
        else:
            name, name_lang = catalog.names[row], catalog.langs[row]
        brand, lang = catalog.brands[row], name_lang or self.lang
        if self.product and hit.has_head and not hit.head_is_own and _kind_with_class(self.product, name, lang):
            hit = dataclasses.replace(hit, head_is_own=True, score=hit.score + HEAD_PLACE)
        if self.index is not None and (
            (self.kinds and self.other_kind(name, brand, lang))
            or self.uncooked(name)
            or (self.fruit and self.flavoured(name, brand, lang))
            or self.mixed(name, brand, lang)
            or (self.usual and self.made_otherwise(name, brand, lang))
            or self.through_brand(name, brand)
        ):
            hit = _another_kind(hit)
        score = self.score(hit, name, name_lang)
        if self.brand_asked and brand and self.brand_asked <= set(terms(brand)) & set(terms(name)):
            score += _BRAND_WRITTEN  # "Canyon Bakehouse Everything Bagels": the name says the brand asked
        return hit, score


class _AmountChecks:
    """The check of the hits of one item against its amount, with what it reads of the item
    worked out once for all its hits."""

    __slots__ = ("asked_packs", "catalog", "count", "counts", "packs", "wanted", "whole_packs")

    def __init__(self, item: Item, catalog: Catalog) -> None:
        self.catalog = catalog
        self.wanted = _amount(item)
        # pieces asked: 3 bottles, or 2 packs of 6 (12)
        self.count = None if item.quantity is None else item.quantity * (item.inner_count or 1)
        # « 2 paquets de couches »: packs asked, whatever a pack holds (50 diapers)
        self.whole_packs = self.count is not None and item.unit == "pack" and item.inner_count is None
        # « 2 packs de 6 bières »: two six-packs before one pack of twelve
        self.asked_packs = item.quantity if self.count is not None and item.unit == "pack" else 1
        self.packs: dict[Fraction, tuple[int, float]] = {}  # per_pack → its count and cost
        self.counts: dict[int, tuple[int, float]] = {}  # pieces per pack → packs and cost

    def adjust(self, row: int, score: float) -> tuple[float, int | None]:
        """The score after the amount check, and the pack count: how many of the product cover
        the item (2 L asked of a 1 L bottle: 2; 3 bottles asked: 3)."""
        catalog = self.catalog
        wanted = self.wanted
        if wanted is not None:
            per_pack = _pack_total(catalog, row, wanted[1])
            if per_pack is None:
                return score, None
            packs = self.packs.get(per_pack)
            if packs is None:
                count = max(1, math.ceil(wanted[0] / per_pack - _SLACK))
                packs = self.packs[per_pack] = (count, _pack_cost(count, count * per_pack / wanted[0] if wanted[0] else 1))
            return score - packs[1], packs[0]
        if self.count is not None:
            # pieces asked: 6 eggs from a box of 12 (more than asked), 12 beers from six-packs
            # rather than from single cans
            pieces = 1 if self.whole_packs else catalog.pack_counts[row] or 1
            packs = self.counts.get(pieces)
            if packs is None:
                count = max(1, math.ceil(self.count / pieces))
                waste = count * pieces / self.count if self.count else 1
                packs = self.counts[pieces] = (count, _pack_cost(count, waste, self.asked_packs))
            return score - packs[1], packs[0]
        return score, None


def _pack_cost(count: int, waste: Fraction | float, asked: Fraction | int = 1) -> float:
    """What buying ``count`` packs costs a product's score: buying far more than asked
    (``waste``: the amount bought over the amount asked), and many small units (more packs
    than the ``asked`` ones, or fewer, larger ones)."""
    spread = abs(math.log2(count / asked)) if asked > 0 else math.log2(count)
    return min(0.06, 0.03 * math.log2(max(float(waste), 1.0))) + min(0.04, 0.01 * spread)


def ranked_hits(
    item: Item, index: CatalogIndex, *, lang: str = "fr", limit: int = 20, at_large: bool = True
) -> list[tuple[float, Hit, int | None]]:
    """Up to ``limit`` hits of the item as (adjusted score, hit, pack count), best first,
    before the abstain rule and ``min_score``. ``at_large=False``: a name that only asks for
    its product gets no preference for plain names (one part of "chicken or vegetable broth")."""
    checks = _AmountChecks(item, index.catalog)
    found = _recent_search(item, index, lang, limit, at_large)
    labels = _labels_asked(item)
    if labels:
        # a label quality asked ("organic", « bio »), which the search weighs little as a
        # label word, ranks first the names that say it
        names = index.catalog.names
        found = tuple(
            (hit, score + (_LABEL if _holds_phrase(terms(names[hit.row]), labels) else 0.0)) for hit, score in found
        )
    scored = [(*checks.adjust(hit.row, score), hit) for hit, score in found]
    scored.sort(key=lambda s: (-s[0], s[2].row))
    return [(score, hit, count) for score, count, hit in scored]


@functools.cache
def _label_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Modifier tag → its phrases of every language's modifiers.tsv that are label words
    (neutral_words.txt: "organic", « bio »), kept in names, as key terms; not a state of
    opposites.tsv ("fresh"), which ranks names its own way."""
    out: dict[str, set[tuple[str, ...]]] = {}
    labels = neutral_words()
    states = set().union(*(_state_words(code) for code in SUPPORTED_LANGUAGES))
    for code in SUPPORTED_LANGUAGES:
        for phrase, (tag, action) in get_language(code).modifiers.items():
            key = tuple(terms(" ".join(phrase)))
            if tag and action == "keep" and key:
                out.setdefault(tag, set()).add(key)
    return {
        tag: tuple(phrases)
        for tag, phrases in out.items()
        if all(set(p) <= labels for p in phrases) and not any(states.intersection(p) for p in phrases)
    }


def _labels_asked(item: Item) -> tuple[tuple[str, ...], ...]:
    """The phrases saying the label qualities the item asks (its modifiers, see
    :func:`_label_phrases`)."""
    table = _label_phrases()
    return tuple(p for tag in item.modifiers for p in table.get(tag, ()))


def _recent_search(
    item: Item, index: CatalogIndex, lang: str, limit: int, at_large: bool = True
) -> tuple[tuple[Hit, float], ...]:
    """:func:`_search`'s hits, each with its score after the checks of the name, answered from
    the latest searches of the index when one was the same."""
    # what the search reads of the item: its name, and its unit and note (secondary words)
    unit = (item.unit, item.unit_text) if item.unit is not None and item.unit_text and not is_physical(item.unit) else None
    key = (item.name, unit, item.note, lang, limit, at_large)
    with _RECENT_LOCK:
        try:
            recent = _RECENT.get(index)
            if recent is None:
                recent = _RECENT[index] = OrderedDict()
        except TypeError:  # an index that cannot be weakly referenced
            recent = None
        else:
            hits = recent.get(key)
            if hits is not None:
                recent.move_to_end(key)
                return hits
    found, reading, brandless = _search(item, index, lang, limit)
    names = _NameChecks(item.name, lang, index, reading, brandless)
    hits = tuple(names.checked(hit, index.catalog) for hit in found)
    if at_large:
        # as read through its slips, the product at large: a name saying nothing else is it
        # ("Roasted Broccoli" for "broccoli" or "frozen broccoli", not "Beef Broccoli"); and any
        # product before a dish made of it ("Mashed Cauliflower", « Ailes de poulet rôties »)
        words = terms(reading)
        asked = words + terms(item.note) if item.note else words  # « olives marinées »: a note
        large = _asks_at_large(reading, lang)
        # and the words that keep a product of one usual making the usual one (« crème » :
        # "single cream", « crème fraîche »)
        plain = words if names.usual is None else [*words, *sorted(names.usual)]
        hits = tuple(
            (
                hit,
                score
                + (_PLAIN if large and _says_nothing_else(plain, hit, index, lang) else 0.0)
                - (_COOKED if _cooked_unasked(asked, hit, index, lang) else 0.0),
            )
            for hit, score in hits
        )
    if recent is not None:
        with _RECENT_LOCK:
            recent[key] = hits
            if len(recent) > _RECENT_MAX:
                recent.popitem(last=False)
    return hits


def _slip_fixes(query: list[list[tuple[str, ...]]], concepts: list, index: CatalogIndex) -> dict[str, str]:
    """Each word of the query known only through typo fixes → its likeliest fix (the
    likeliest slip, then the commonest word: "bead" is "bread" before "bean"); a word of the
    synonym lexicon is no slip ("soya" in "soya ssuce")."""
    fixes: dict[str, str] = {}
    lexicon = _synonym_words()
    for phrases, alts in zip(query, concepts, strict=True):
        own = phrases[0] if phrases else ()
        if len(own) != 1 or own[0] in lexicon:
            continue
        if alts and all(a.typo for a in alts):
            # the likeliest slip, then two letters swapped before one added or left out (the
            # same letters: "poirve" is poivre before poire), then the commonest word
            word = own[0]
            best = max(
                alts, key=lambda a: (a.factor, sorted(index.vocab[a.ids[0]]) == sorted(word), index.df(a.ids[0]))
            )
            fixes[own[0]] = index.vocab[best.ids[0]]
        elif not alts:
            # a word neither the catalog nor its slips know may be a slip of a lexicon word
            # ("cqster sugar" is caster sugar, which the catalog sells as granulated sugar)
            found = _lexicon_fix(own[0])
            if found is not None:
                fixes[own[0]] = found
    return fixes


def _lexicon_fix(word: str) -> str | None:
    """The word of the synonym lexicon one slip from ``word`` (not at its first letter), for a
    word of at least :data:`_SHORT_TYPO` letters; None when there is none or several."""
    if len(word) < _SHORT_TYPO:
        return None
    from rapidfuzz.distance import DamerauLevenshtein

    near = _lexicon_by_letter().get(word[0], ())
    found = [w for w in near if DamerauLevenshtein.distance(word, w, score_cutoff=1) <= 1]
    return found[0] if len(found) == 1 else None


@functools.cache
def _lexicon_by_letter() -> dict[str, tuple[str, ...]]:
    """The lexicon's words long enough to be fixed, by first letter."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(_synonym_words()):
        if len(word) >= _SHORT_TYPO:
            by_letter.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in by_letter.items()}


def _read_through(name: str, fixes: dict[str, str]) -> str:
    """The name with each slip of ``fixes`` replaced by its fix, the other words as written."""
    if not fixes:
        return name
    return _WORD.sub(lambda m: fixes.get(singular(fold(m.group().lower())), m.group()), name)


def _phrase_through_typo(
    name: str, query: list[list[tuple[str, ...]]], concepts: list, fixes: dict[str, str], index: CatalogIndex
) -> str | None:
    """The name read through its slips' fixes (« Farihe de blé » → « farine de blé »; see
    :func:`_slip_fixes`), when a fixed word then has synonyms, in a phrase (« crème végétale »,
    sold as « cuisine végétale ») or alone for a sure fix ("caco" is cacao, sold as cocoa);
    else None. A slip's other fixes as likely as the first are tried too (« végétalz » is
    « végétale » in « crème végétale », « végétal » elsewhere)."""
    if not fixes:
        return None

    # a fix may bring its one-word synonyms when it is sure: the commonest slip, one slip to a
    # word the lexicon knows too ("sultabas": sultanas, raisins), or a fix from the lexicon; a
    # phrase of several words, whatever the slip
    lexicon = _synonym_words()
    typed = dict(terms_and_words(name))
    sure = set()
    for phrases, alts in zip(query, concepts, strict=True):
        fix = fixes.get(phrases[0][0]) if phrases else None
        factor = max((a.factor for a in alts), default=1.0)
        # a word too short to be taken for a slip on its own only for the commonest slip ("caco"
        # is cacao, "fowl" no "foil")
        short = bool(phrases) and len(typed.get(phrases[0][0], phrases[0][0])) < _SHORT_TYPO
        if fix is not None and (factor >= 1.0 or (not short and factor >= _ONE_SLIP and fix in lexicon)):
            sure.add(fix)

    def gains(chosen: dict[str, str]) -> bool:
        words = [t for phrases in query for t in (tuple(chosen.get(w, w) for w in phrases[0]) if phrases else ())]
        fixed = set(chosen.values())
        return any(
            fixed & set(phrases[0]) and (len(phrases[0]) > 1 or phrases[0][0] in sure)
            for phrases in query_concepts(" ".join(words))
            if len(phrases) > 1
        )

    if gains(fixes):
        return _read_through(name, fixes)
    for phrases, alts in zip(query, concepts, strict=True):
        slip = phrases[0][0] if phrases and len(phrases[0]) == 1 else None
        if slip not in fixes or not alts:
            continue
        best = max(a.factor for a in alts)
        for alt in alts:
            other = index.vocab[alt.ids[0]]
            if alt.factor == best and other != fixes[slip] and gains({**fixes, slip: other}):
                return _read_through(name, {**fixes, slip: other})
    return None


def _search(
    item: Item, index: CatalogIndex, lang: str, limit: int, *, retyped: bool = False
) -> tuple[list[Hit], str, str]:
    """The hits of an item, before the checks of its amount, its name as read through its
    slips, and that reading without a brand (see :func:`_without_brand`): they depend on its
    name, and on its unit and note through :func:`_secondary_words`, nothing else.
    ``retyped``: the name is already a typo-fixed reading, not to be fixed again."""
    query = _kind_alone(_join_compounds(query_concepts(item.name), index), item.name, index, lang)
    typed = dict(terms_and_words(item.name))
    concepts = index.concepts(query, typed)
    # "canned fish": tuna and sardines are fish too, even in a catalog that never says fish
    product = head_terms(item.name, lang)  # a cut and its product: "fish fillets" finds cod fillets
    said = frozenset(t for phrases in query if phrases for t in phrases[0])
    concepts = [
        _with_kinds(alts, phrases[0], word or "", said, index)
        if phrases
        and (
            (word := next((t for t in product if t in phrases[0]), None)) is not None
            # a class word qualifying the product word, but in a product named with it ("fish sauce")
            or (any((t,) in _kinds() for t in phrases[0]) and not _holds_phrase(terms(item.name), _named_with_class()))
        )
        else alts
        for phrases, alts in zip(query, concepts, strict=True)
    ]
    # a word of the synonym lexicon is a real word, not a slip: its typo neighbours and far
    # commoner readings do not stand for it ("beer" is no "beef")
    lexicon = _synonym_words()
    concepts = [
        [a for a in alts if not a.typo] if len(phrases[0]) == 1 and phrases[0][0] in lexicon else alts
        for phrases, alts in zip(query, concepts, strict=True)
    ]
    fixes = _slip_fixes(query, concepts, index)
    fixed = None if retyped else _phrase_through_typo(item.name, query, concepts, fixes, index)
    if fixed is not None:
        # « Crmèe végétale »: the typo fixed, the words make a synonym phrase (« crème
        # végétale », sold as « cuisine végétale »), which typo fixes word by word never reach
        hits, reading, brandless = _search(item.model_copy(update={"name": fixed}), index, lang, limit, retyped=True)
        return [dataclasses.replace(hit, score=hit.score - _TYPO_PHRASE) for hit in hits], reading, brandless
    if not any(a for alts in concepts for a in alts if not a.typo):
        # typo fixes alone are weak evidence for a short word as typed (« saké » is not
        # "shake"; « oekfs » may be « oeufs »), or for another first letter ("sherry" is not
        # "cherry")
        concepts = [
            []
            if len(typed.get(phrases[0][0], phrases[0][0])) < _SHORT_TYPO
            else [a for a in alts if a.factor > _FIRST_LETTER_TYPO]
            for phrases, alts in zip(query, concepts, strict=True)
        ]
        fixes = _slip_fixes(query, concepts, index)  # without the fixes just dropped
    if not any(concepts):
        return [], item.name, item.name
    # the query as read through its slips: what the words say, the product word, a flavour
    # asked, and the text rapidfuzz compares with the names ("dry patsa" as "dry pasta",
    # "coriander leavds" as coriander leaves, « lardons fuméd » asking for a flavour)
    reading = [tuple(fixes.get(t, t) for t in phrases[0]) if phrases else () for phrases in query]
    read_name = _read_through(item.name, fixes)
    # « frais », "original": label words weigh little in the query too, known or not
    neutral = neutral_words()
    scales = [_NEUTRAL if own and all(t in neutral for t in own) else 1.0 for own in reading]
    words = terms(read_name)
    # the product word: first in French (« crème de marrons »), last in English ("garlic bread",
    # "pie" in "sweet potato pie from a bakery"); a cut names its product too (« filets de
    # saumon »)
    brandless = _without_brand(read_name, index, lang)
    heads = head_terms(brandless, lang)
    read_query = [[own] for own in reading]
    head = _concept_of(read_query, heads[0], lang) if heads else None
    cut = None
    if len(heads) > 1:
        # « filets de saumon », "coriander leaves": the product is the salmon, the coriander;
        # grape leaves are no answer
        cut, head = head, _concept_of(read_query, heads[1], lang)
    if head is not None and cut is None and not flavours().intersection(reading[head]):
        # the product word of a phrase outweighs the words that qualify it there too: "Parsley"
        # holds most of "flat leaf parsley"; a flavour or variety stays as weighty ("vanilla
        # sugar", "cherry tomatoes"), and so does a cut ("turkey cutlets")
        concepts[head] = _phrase_head_weighed(concepts[head], index.term_id.get(heads[0], -1))
    others = [w for w in words if w not in heads]  # the product word itself may be a flavour
    # the query's own complement level: « fleur de sel » (1) still prefers no « à la coriandre »;
    # a flavour asked is one (« yaourt fraise »), a colour no ("white chocolate" is no chocolate
    # with strawberries)
    complement = 2 if any(w in tastes() for w in others) else complement_level(read_name)
    query_text = " ".join(_said_as_held(words, query, concepts, index))
    for k in (head, cut):  # the product word (and a cut of it) outweighs the words that qualify it
        if k is not None and len(concepts) > 1 and scales[k] == 1.0:
            scales[k] = _HEAD_WEIGHT
    if (
        cut is not None
        and not _cut_of_its_own(heads[0], reading[head], lang)
        and (
            (item.unit_text and terms(item.unit_text) == [heads[0]])
            or _form_seldom_named(index, reading[cut], reading[head])
        )
    ):
        # a cut said as the unit (« 3 gousses d'ail », see _cut_in_name), or one the catalog
        # seldom writes with the product (« feuilles de basilic », "thyme sprigs"), tells the
        # product's form, which names seldom give: it weighs little; not a cut that is a
        # product of its own ("curry leaves")
        scales[cut] = _UNIT_CUT
    # words the parser took out of the name can still tell products apart, a little:
    # « 1 gousse de vanille » (the unit), « tomates concassées » (the preparation)
    # They weigh little against the name's own words however rare they are: "Dash" seasoning
    # or an « envie » in a note must not outweigh "milk" or « miel »
    idf = index.a["idf"]
    name_sq = [scale * scale * idf_weight(alts[0].ids, idf) for alts, scale in zip(concepts, scales, strict=True) if alts]
    cap = sum(name_sq) / len(name_sq) if name_sq else 0.0  # an average word of the name
    for extra in _secondary_words(item, lang):
        found = index.concepts([[(extra,)]])[0]
        if extra not in words and found:
            concepts.append(found)
            scales.append(_SECONDARY * min(1.0, math.sqrt(cap / max(idf_weight(found[0].ids, idf), 1e-12))))
    # the head word of the query's own phrase (its first word in French, its last in English);
    # a synonym phrase names its product as the entry's language does (« lait demi-écrémé »
    # for "semi-skimmed milk")
    head_ids: set[int] = set()
    lang_head_ids: dict[str, set[int]] = {"fr": set(), "en": set()}
    if head is not None:
        own = tuple(index.term_id.get(t, -1) for t in reading[head])
        for a in concepts[head]:
            if a.partial:
                continue
            if a.ids == own:
                head_ids.add(a.ids[0] if lang == "fr" else a.ids[-1])
            else:
                lang_head_ids["fr"].add(a.ids[0])
                lang_head_ids["en"].add(a.ids[-1])
    if cut is not None and head is not None:  # the cut and its product: any word of their concepts
        head_ids.update(t for k in (cut, head) for a in concepts[k] for t in a.ids)
    hits = index.search(
        concepts,
        limit=limit,
        query_text=query_text,
        head=head,
        head_ids=frozenset(head_ids),
        lang_head_ids={k: frozenset(v) for k, v in lang_head_ids.items()},
        complement=complement,
        scales=scales,
    )
    if cut is not None and head is not None:
        # the cut alone is no answer: "sage leaves" are no bay leaves, « filets de saumon » no
        # cod fillets
        product_ids = [(index.term_id.get(heads[1], -1),), *(a.ids for a in concepts[head] if not a.partial)]
        hits = [hit if _holds(index, hit.entry, product_ids) else _another_kind(hit) for hit in hits]
    return hits, read_name, brandless


def _cut_of_its_own(cut: str, product: Sequence[str], lang: str) -> bool:
    """Whether the cut of that product is a product of its own (cut_classes.tsv): banana
    leaves, not basil leaves (a kind of herb)."""
    classes = cut_classes(lang).get(cut)
    if classes is None:
        return False
    kinds = _kinds()
    product = tuple(product)
    return not any(product == c or product in kinds.get(c, ()) for c in classes)


def _form_seldom_named(index: CatalogIndex, cut: Sequence[str], product: Sequence[str]) -> bool:
    """Whether few of the names holding the product's words also hold the cut's (under
    ``_FORM_SHARE``): the catalog sells basil as "Basilic", seldom as « feuilles de basilic »."""
    ids = [index.term_id.get(t, -1) for t in product]
    if not ids or -1 in ids or not (held := index.count_holding(ids)):
        return False
    cut_ids = [index.term_id.get(t, -1) for t in cut]
    return -1 in cut_ids or index.count_holding(ids + cut_ids) < _FORM_SHARE * held


def _said_as_held(
    words: list[str], query: list[list[tuple[str, ...]]], concepts: list[Concept], index: CatalogIndex
) -> list[str]:
    """The query's words for rapidfuzz, a word the catalog never writes given as its first
    synonym the catalog holds ("coke" as cola): names are compared with what found them."""
    said: dict[str, tuple[str, ...]] = {}
    for phrases, alts in zip(query, concepts, strict=True):
        own = phrases[0] if phrases else ()
        if len(own) == 1 and own[0] not in index.term_id:
            synonym = next((a for a in alts if not a.partial and not a.typo), None)
            if synonym is not None:
                said[own[0]] = tuple(index.vocab[t] for t in synonym.ids)
    return [w for word in words for w in said.get(word, (word,))] if said else words


def _holds(index: CatalogIndex, entry: int, alternatives: Sequence[tuple[int, ...]]) -> bool:
    """Whether the entry holds every term of one of the alternatives."""
    off = index.a["entry_off"]
    held = set(index.a["entry_terms"][off[entry] : off[entry + 1]].tolist())
    return any(held.issuperset(ids) for ids in alternatives)


def _another_kind(hit: Hit) -> Hit:
    """The hit marked as naming another kind than the one asked (offered with min_score=0 only)."""
    return hit if hit.other_kind else dataclasses.replace(hit, other_kind=True, score=hit.score - _OTHER_KIND)


def _phrase_head_weighed(alts: Concept, product: int) -> Concept:
    """The alternatives of a phrase concept, its product word alone (a partial alternative,
    weighed by its share of the phrase's idf², see :meth:`CatalogIndex.concepts`) weighed as a
    head word is against the words that qualify it (:data:`_HEAD_WEIGHT`)."""

    def weighed(a: Alt) -> Alt:
        share = min((a.factor / PARTIAL_FACTOR) ** 2, 1.0)
        return a._replace(factor=a.factor * _HEAD_WEIGHT / math.sqrt(1 + (_HEAD_WEIGHT**2 - 1) * share))

    return [weighed(a) if a.partial and a.ids == (product,) else a for a in alts]


def _abstains(best: Hit, lang: str, index: CatalogIndex, name: str | None = None) -> bool:
    """Whether the best hit is no answer, whatever its score, and so nothing is: it lacks the product word (« pavés d'autruche »
    for « œufs d'autruche »), holds it only as a modifier of another product ("pine nut hummus"
    for "pine nuts", « tartare de saumon » for « saumon cru »), or holds less than half of what
    the query asks (« viande séchée » for « viande de renne »). A French name may open with a
    brand (« Lactel lait ») or a variety, so there the product word out of place only counts in a
    name that holds it in a complement (the product word of the query's ``name``, written after
    « de », « aux »…), or opening with a word that names products of the catalog (« Yaourt
    bi-couche » for « couches »)."""
    if not best.has_head or best.coverage < _MIN_COVERAGE:
        return True
    if best.head_is_own:
        return False
    if lang != "fr":
        return True
    if best.complement:
        product = next(iter(head_terms(_without_brand(name, index, lang), lang)), None) if name else None
        if product is None or not before_complement(product, index.entry_name(best.entry)[0]):
            return True
    head = int(index.a["entry_head"][best.entry])
    return head >= 0 and index.product_word(index.vocab[head])


def _kind_with_class(kind: str, name: str, lang: str) -> bool:
    """Whether the name writes the kind asked with its class noun as its product word: a noun of
    class_nouns.txt ("Gorgonzola Cheese Crumbles" and « Fromage gorgonzola » are gorgonzola), or
    a class of kinds.tsv that has the kind ("Verde Gazpacho Soup" is gazpacho)."""
    nouns = class_nouns(lang)
    heads = _name_heads(name, lang)
    return any(
        (head in nouns or (kind,) in _kinds().get((head,), ()))
        and side_by_side(*((kind, head) if lang == "en" else (head, kind)), name)
        for head in heads
    )


@functools.cache
def _or_pattern(lang: str) -> re.Pattern[str]:
    """The language's words for "or" (lexicons/*/alternatives.txt) between two words."""
    words = sorted(get_language(lang).alternatives, key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, words)) + r")\s+", re.IGNORECASE)


def _joined_words(name: str, separator: str) -> list[str]:
    """The name once with each of the two words on either side of ``separator``, with the
    rest of the name: "vegetable or sunflower oil" → vegetable oil, sunflower oil."""
    word = r"([^\W\d_][\w'’-]*)"
    found = re.search(word + separator + word, name, re.IGNORECASE)
    if found is None:
        return []
    head, tail = name[: found.start()], name[found.end() :]
    return [" ".join((head + w + tail).split()) for w in found.groups()]


def alternative_names(name: str, lang: str | None = None) -> tuple[str, ...]:
    """The products a name offers as alternatives, each a name of its own, or () when it offers
    none: two words joined by « / » each with the rest of the name ("whipped/sour cream" is
    whipped cream or sour cream); with ``lang``, also the parts on either side of its "or"
    (« ou »), and the two words around it each with the rest of the name ("chicken broth or
    water": chicken broth, water; "vegetable or sunflower oil": vegetable oil, sunflower oil),
    but for a part that only qualifies or names a form.

    >>> alternative_names("whipped/sour cream")
    ('whipped cream', 'sour cream')
    >>> alternative_names("crème fraîche/liquide")
    ('crème fraîche', 'crème liquide')
    >>> alternative_names("1/2 cup milk"), alternative_names("milk")
    ((), ())
    >>> alternative_names("vegetable or sunflower oil", "en")
    ('vegetable oil', 'sunflower oil', 'vegetable')
    >>> alternative_names("beurre ou margarine", "fr")
    ('beurre', 'margarine')
    >>> alternative_names("fresh or dried rosemary", "en")
    ('fresh rosemary', 'dried rosemary')
    >>> alternative_names("red or green gooseberries", "en")
    ('red gooseberries', 'green gooseberries')
    >>> alternative_names("salmon steaks or fillets", "en")  # fillets of anything are no answer
    ('salmon steaks', 'salmon fillets')
    >>> alternative_names("heavy cream or half and half", "en")
    ('heavy cream', 'half and half')
    """
    out = _joined_words(name, r"\s*/\s*")
    if lang is not None:
        pattern = _or_pattern(lang)
        parts = [p.strip() for p in pattern.split(name) if p.strip()]
        if len(parts) > 1:
            # a part that only qualifies ("fresh or dried rosemary"), gives a colour or a
            # flavour not sold as itself ("red or green gooseberries") or one form ("salmon
            # steaks or fillets") is no product alone
            qualifiers = _qualifiers(lang) | (flavours() - produce(lang))
            forms = part_nouns(lang)
            alone = [
                p for p in parts
                if not set(words := terms(p)) <= qualifiers and not (len(words) == 1 and words[0] in forms)
            ]  # fmt: skip
            # the words around "or" share the rest of the name only where a part is one word
            # ("vegetable or sunflower oil"), not in "heavy cream or half and half"
            shared = any(len(p.split()) == 1 for p in parts)
            out += (_joined_words(name, pattern.pattern) if shared else []) + alone
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=16_384)
def _name_heads(name: str, lang: str | None) -> tuple[str, ...]:
    """The product words of a catalog name, its head first (see
    :func:`~listparse.catalog.keys.head_terms`), kept for the names many queries' checks read."""
    return head_terms(name, lang)


def _names_a_kind(term: str, plain: frozenset[str] | set[str], lang: str) -> bool:
    """Whether a word of a name names a thing of its own: not one of ``plain`` (in any French
    gender), nor a stop word, a qualifying word or a preparation."""
    return not plain.intersection(_forms(term, lang)) and not is_stopword(term) and not _qualifies(term, lang)


def _describing(name: str, brand: str | None, lang: str) -> frozenset[str]:
    """The words of a name that say no thing of their own: describing words and its brand."""
    words = adjective_terms(name, lang, uses=False)
    if not brand:
        return words
    # the brand as the name writes it: "Bobo's Oat Bars" names no brand in "Oat Bars Coconut"
    brand_words = terms(brand)
    return words | frozenset(brand_words) if set(brand_words) <= set(terms(name)) else words


def _unheard_of(term: str, index: CatalogIndex) -> bool:
    """Whether a word of at least four letters is neither in the catalog, nor the start of a
    word of it (an abbreviation: "artif."), nor one or two slips from one (see
    :meth:`CatalogIndex.typo_fixes`) that a search would read: not at the first letter ("veal"
    is no slip for "meal"), and in a word shorter than five only a letter left out, added or
    swapped ("goua" may be gouda)."""
    if len(term) < 4 or index.begins_a_word(term):
        return False
    fixes = [
        fix for fix in index.typo_fixes(term)
        if (factor := index.slip_factor(term, fix)) > _FIRST_LETTER_TYPO and (len(term) >= _SHORT_TYPO or factor >= 1.0)
    ]  # fmt: skip
    return not fixes and not index.typo_fixes(term, edits=2)


def _says_nothing_else(words: Sequence[str], hit: Hit, index: CatalogIndex, lang: str) -> bool:
    """Whether the name (or alias) the product was found by says nothing but the query's
    ``words``, a brand, describing words and cut or form words: "Broccoli Florets", "Roasted
    Broccoli" for "broccoli", not "Beef Broccoli"."""
    name, name_lang = index.entry_name(hit.entry)
    lang = name_lang or lang
    plain = _word_forms(tuple(words), lang) | _describing(name, index.catalog.brands[hit.row], lang) | part_nouns(lang)
    return not any(_names_a_kind(t, plain, lang) for t in terms(name))


def _cooked_unasked(words: Sequence[str], hit: Hit, index: CatalogIndex, lang: str) -> bool:
    """Whether the name (or alias) the product was found by holds a cooking word (cooked.txt)
    that the query's ``words`` do not: "Mashed Cauliflower" is a dish, "Riced Cauliflower" the
    product."""
    name, name_lang = index.entry_name(hit.entry)
    lang = name_lang or lang
    asked = _word_forms(tuple(words), lang)
    dish = cooked(lang)
    return any(
        dish.intersection(forms) and not asked.intersection(forms) for forms in (_forms(t, lang) for t in terms(name))
    )


def _usual_making(name: str, concepts: list[list[tuple[str, ...]]], lang: str) -> frozenset[str] | None:
    """For a query whose product word (or a one-word synonym of it) is a product made of one
    usual thing (made_of.tsv: "milk", « farine »), the words of the query and their synonyms,
    and the words that keep the product the usual one in any language (cow, « vache »); None
    for any other query ("mangetout" is no sugar, though "sugar snap peas" is its synonym)."""
    heads = head_terms(name, lang)[:1]
    product = next((c for c in concepts if c and heads and heads[0] in c[0]), [])
    words = {phrase[0] for phrase in product if len(phrase) == 1}
    usual = [made_of(code)[t] for t in words for code in SUPPORTED_LANGUAGES if t in made_of(code)]
    if not usual:
        return None
    return frozenset({t for concept in concepts for phrase in concept for t in phrase}.union(*usual))


def _asks_at_large(name: str, lang: str) -> bool:
    """Whether a query names its product and nothing else: one word, or words that only describe
    or qualify it ("frozen broccoli", « brocolis cuits »), no phrase of the synonym lexicon."""
    words = terms(name)
    if len(words) <= 1:
        return bool(words)
    if any(len(concept[0]) > 1 for concept in query_concepts(name) if concept):
        return False  # a phrase names a kind of its own ("whole chicken")
    heads = set(head_terms(name, lang))  # a cut and its product: "salmon fillets"
    describing = adjective_terms(name, lang)
    return all(t in heads or t in describing or _qualifies(t, lang) for t in words)


def _qualifies(term: str, lang: str) -> bool:
    """Whether the term is a word that only qualifies a product (see :func:`_qualifiers`) or a
    preparation, also in the French feminine (« rôtie », « cuite »)."""
    words = _qualifying_words(lang)
    return any(form in words for form in _forms(term, lang))


@functools.cache
def _qualifying_words(lang: str) -> frozenset[str]:
    return _qualifiers(lang) | _preparations(lang)


@functools.lru_cache(maxsize=16_384)
def _word_forms(words: tuple[str, ...], lang: str) -> frozenset[str]:
    """Every form of the words (see :func:`_forms`), kept for the queries whose many hits the
    checks compare with them."""
    return frozenset(form for t in words for form in _forms(t, lang))


def _forms(term: str, lang: str) -> tuple[str, ...]:
    """The term, and in French the key of its masculine too, for the regular feminines of
    adjectives and participles: « séchée » (keyed sechee) is « séché » (sech), « cuite » is
    « cuit », « crue » is « cru », « entière » is « entier », « rôtie » (roty) is « rôti ».
    « Fraise » is no « frais »."""
    if lang != "fr":
        return (term,)
    if term.endswith("ee"):
        return (term, term[:-1], singular(term[:-1]))
    if term.endswith(("te", "ue")):
        return (term, term[:-1])
    if term.endswith("iere"):
        return (term, term[:-4] + "ier")
    if term.endswith("y"):
        return (term, term[:-1] + "i")
    return (term,)


@functools.cache
def _preparations(lang: str) -> frozenset[str]:
    """The one-word preparations of the language (preparation.txt: sliced, « émincé »), as terms."""
    lines = read_words(lexicon_dir() / lang / "preparation.txt")
    return frozenset(found[0] for line in lines if len(found := terms(line)) == 1)


@functools.cache
def _qualifiers(lang: str) -> frozenset[str]:
    """Words that qualify a product without naming one: label words, the words of
    opposites.tsv (fresh, dried, « cuit ») and those asking for some flavour ("flavoured")."""
    return neutral_words() | _state_words(lang) | plain_words(lang)[2]


@functools.cache
def _state_words(lang: str) -> frozenset[str]:
    """The terms of the language's opposites.tsv (fresh, dried, « cuit »)."""
    return frozenset(t for group in opposites(lang) for meaning in group for phrase in meaning for t in phrase)


def link_item(
    item: Item,
    index: CatalogIndex,
    *,
    lang: str = "fr",
    top_k: int = DEFAULT_TOP_K,
    min_score: float = DEFAULT_MIN_SCORE,
) -> tuple[Match, ...]:
    """The item's matches, best first, or () when nothing reaches ``min_score`` or when the
    best product is no answer (see :func:`_abstains`; ``min_score=0`` offers every product
    found)."""
    limit = max(top_k * 4, 20)
    item = _cut_in_name(item, lang, index)
    variants = alternative_names(item.name, lang)
    if variants:  # "whipped/sour cream": the better of "whipped cream" and "sour cream"
        best: dict[int, tuple[float, Hit, int | None]] = {}
        words: dict[int, int] = {}  # how much of the name the variant that found the product reads
        for variant in variants:
            variant_item = item.model_copy(update={"name": variant})
            size = len(terms(variant))
            for ranked_hit in ranked_hits(variant_item, index, lang=lang, limit=limit, at_large=False):
                row = ranked_hit[1].row
                if row not in best or (ranked_hit[0], size) > (best[row][0], words[row]):
                    best[row], words[row] = ranked_hit, size
        # on a tie, the product of the fuller reading: "chicken or fish stock" asks for chicken
        # stock before chicken
        ranked = sorted(best.values(), key=lambda r: (-r[0], -words[r[1].row], r[1].row))
    else:
        ranked = ranked_hits(item, index, lang=lang, limit=limit)
    if min_score > 0:
        # a product of another kind than the one asked is no answer ("Chicken Pie" for "pear
        # pies"); the others may be
        ranked = [r for r in ranked if not r[1].other_kind]
        if ranked and _abstains(ranked[0][1], lang, index, item.name):
            # in French, a product headed by the product word, close behind, comes first
            # (« Speck fumé » before « Pizza speck » for « specks »); without one, nothing is an
            # answer
            near = [
                r for r in ranked
                if lang == "fr" and r[0] >= ranked[0][0] - _NEAR and r[1].head_is_own
                and not _abstains(r[1], lang, index, item.name)
            ]  # fmt: skip
            if not near:
                return ()
            ranked = near + [r for r in ranked if r[0] < near[0][0] and r not in near]
    catalog = index.catalog
    return tuple(
        Match(sku=catalog.skus[hit.row], name=catalog.names[hit.row], score=round(max(0.0, min(1.0, score)), 4), pack_count=count)
        for score, hit, count in ranked[:top_k]
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
