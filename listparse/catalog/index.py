"""The catalog search index: term postings in flat numpy arrays, a typo path, rescoring.

Every product name (and alias) is an *entry* whose match key (:func:`keys.terms`) is a set of
term ids; brand words and neutral label words (« nature », "original") are held but do not
make an entry longer. A query is a list of *concepts*, each a set of alternatives (its words,
a synonym phrase, a typo fix); an entry covers a concept when it holds every term of one
alternative.

Search, for one query:

1. candidates: the entries holding the most concepts (postings intersected from the rarest
   concept on, the two rarest in full when every concept is common; a phrase is held by
   entries holding all its words), the most promising of them by a rough prescore (length,
   head word, complement), then the shortest entries of each concept's postings (sorted by
   length), up to a cap;
2. a lexical score per candidate, from vectorised membership tests on the postings sorted by
   entry: the share of the query's idf² weight covered, and the share of the entry's own
   weight that the query explains;
3. the best by lexical score are rescored with rapidfuzz's token set ratio on pre-normalised
   keys (``processor=None``, one ``cdist`` call), then adjusted for the head word (the product
   itself: first word of a French name, last of an English one) and for complements the query
   did not ask for (« aux fraises »), and for a category where the catalog's products of that
   name are seldom found (see :meth:`CatalogIndex.category_fit`); rescoring widens until no
   entry left out could still win. The best entry of each product is kept.

``search(..., exhaustive=True)`` scores every entry holding a query term, with no pruning: the
reference that tests compare the fast path with. The arrays are written to one file (a small
JSON header, then raw aligned arrays) that :meth:`CatalogIndex.load` maps into memory, so
service workers share one copy. Entries are numbered by their head word, so that the entries
one query gathers lie close together in those arrays.

The inner loops (gathering the candidates, the lexical score, the key texts to rescore, the
best entry per product) run in compiled kernels when the install built them, else in numpy:
see :mod:`listparse.catalog.kernels`; this module keeps the numpy candidates as their reference.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..lexicon import SUPPORTED_LANGUAGES, lexicon_dir, read_words
from . import kernels
from .bulk import collector_paused
from .keys import (
    begins_abbreviation,
    brand_span,
    complement_level,
    flavours,
    head_terms,
    is_stopword,
    neutral_words,
    said_without,
    settled_term,
    tastes,
    terms,
)
from .table import Catalog

__all__ = ["CatalogIndex", "Hit", "Concept", "FORMAT_VERSION"]

#: The saved index's format; it also changes when the match keys do (an index keyed by other
#: rules than the queries' would miss), so that an older index asks to be rebuilt.
FORMAT_VERSION = 21
_MAGIC = b"LPIDX\x00"
_ALIGN = 64
_CHANGED_LETTER_LEN = 6  # a rare word this long with a letter changed may be a commoner one
_MIN_TYPO_LEN = 4
_MIN_TWO_EDITS_LEN = 8  # a word this long may hide two slips
_MIN_SPLIT_PART = 3  # the shortest word a run-together word is split into
_RARE_SHARE = 1e-3  # a word held by at most this share of the entries is rare
_RARE_RATIO = 20  # … and may be a slip for a reading the catalog holds this many times more
_LIKELIEST_SLIP = 0.8  # the typo factor of a letter left out, added or swapped (see _typo_factor)
_COMMON_READING = 0.95  # the weight factor of that reading
_SYNONYM = 0.9  # a synonym covers a query word this much (its own spelling otherwise in full)
PARTIAL_FACTOR = 0.9  # a word of a query phrase alone covers it at most this much (by its share of the phrase)
_CANDIDATES = 2000  # entries gathered before scoring
_HOLDING_CAP = 1000  # a concept held by more entries contributes its most promising ones only
_CONJUNCTION = 250  # entries holding every concept kept, the most promising
_INTERSECT_MAX = 100_000  # a phrase or concept held by at most this many entries is intersected in full
_FEW_IDS = 8  # at most this many ids are looked up by comparisons (see _among)
_RESCORE = 120  # entries rescored with rapidfuzz
_LEX_WEIGHT = 0.8  # lexical score against rapidfuzz's token set ratio
_HEAD_BONUS = 0.08  # the entry names the product asked for (its head word is the query's)
_HEAD_MISSING = 0.15  # the entry lacks the product word altogether
_HEAD_ELSEWHERE = 0.10  # the product word is there, but not as the head ("garlic bread")
HEAD_PLACE = _HEAD_BONUS + _HEAD_ELSEWHERE  # what the product word's place as the head adds to a score
_COMPLEMENT = 0.14  # "yaourt aux fraises" for « yaourt »: a complement the query did not ask for
_CATEGORY_PRIOR = 2.0  # products' worth of the catalog-wide category shares mixed into a word's own
_CATEGORY_TYPICAL = 0.3  # a category this typical of the product asked (against its likeliest) costs nothing …
_CATEGORY_OFF = 0.2  # … one where such products are never found costs this much
_PRODUCT_WORD_SHARE = 500  # a word heading one entry in this many names a product of the catalog
_BRAND_PRODUCT_MIN = 5  # a brand with this many names …
_BRAND_PRODUCT_SHARE = 0.4  # … this share of them headed by one word sells that product
_LANG_CODES = {"fr": 1, "en": 2}
_LANG_NAMES = {1: "fr", 2: "en"}


def _text_keys(text: str, lang: str | None, flavour_words: frozenset[str]) -> tuple[list[str], int, tuple[str, ...]]:
    """What an entry reads from its text: its terms, its complement level and its head words.

    The head words name the product: its head word, and the product of a cut (« Queues
    d'écrevisses »); the head of a name of unknown language is either end. A flavour the query
    does not ask for is a complement too (the head word itself may be one: « Chocolat noir » is
    chocolate).
    """
    words = terms(text)
    heads = head_terms(text, lang)
    without = said_without(words) if flavour_words.intersection(words) else frozenset()
    if any(t in flavour_words and t not in heads and t not in without for t in words):
        return words, 2, heads
    return words, complement_level(text), heads


class _EntryColumns:
    """Entry-wise lists gathered while building (numpy arrays once renumbered: see _by_head)."""

    def __init__(self) -> None:
        self.row: list[int] = []
        self.starts: list[int] = [0]
        self.terms: list[int] = []
        self.name_len: list[int] = []
        self.head: list[int] = []
        self.head2: list[int] = []
        self.complement: list[int] = []
        self.lang: list[int] = []
        self.category: list[int] = []
        self.alias: list[int] = []

    def add(self, row, ids, brand, head, head2, complement, lang, category, alias=0) -> None:
        self.row.append(row)
        self.terms.extend(ids)
        self.terms.extend(brand)
        self.starts.append(len(self.terms))
        self.name_len.append(len(ids))
        self.head.append(head)
        self.head2.append(head2)
        self.complement.append(complement)
        self.lang.append(lang)
        self.category.append(category)
        self.alias.append(min(alias, 65_535))


@dataclass(frozen=True)
class Hit:
    """One product found for a query: its row in the catalog and a score in [0, 1]."""

    row: int
    score: float
    entry: int
    lexical: float  # coverage of the query and share of the entry it explains
    fuzzy: float  # rapidfuzz token set ratio of the keys, in [0, 1]
    has_head: bool = True  # the entry holds the query's product word
    head_is_own: bool = True  # … as its own head word (« crème de pistaches » is no pistachio)
    explained: float = 1.0  # share of the entry's own weight that the query explains
    coverage: float = 1.0  # share of the query's weight that the entry holds
    complement: bool = False  # the entry has a complement or flavour (« aux fraises »)
    other_kind: bool = False  # the name lacks a kind the query asks and names another (set by linking)


_HIT_FIELDS = tuple(field.name for field in dataclasses.fields(Hit))  # as the compiled search fills them


class Alt(NamedTuple):
    """One way to cover a concept: term ids that must all be present, and a weight factor.
    ``partial`` marks one word of a phrase standing alone (« lait » of « lait frais »)."""

    ids: tuple[int, ...]
    factor: float
    partial: bool = False
    typo: bool = False  # a typo fix of the word typed


# a concept: its alternatives, the query's own words first
Concept = list[Alt]


def _typed_forms(term: str, typed: str | None) -> list[str]:
    """Forms a typo may hide behind once singularised: the word as typed, the term, and the
    term with the plural or final e the singular took off (« fary » may be « farie »), or
    without a plural s typed twice, which the singular keeps (« carottess »). Where the word as
    typed is known and is not the term, only those it begins with: "frehs" (singular "freh") is
    no "frehe", which would be one letter from "free".

    >>> _typed_forms("carottess", "carottess")
    ['carottess', 'carottesse', 'carottesss', 'carotte']
    >>> _typed_forms("freh", "frehs"), _typed_forms("fary", "faries")
    (['frehs', 'freh'], ['faries', 'fary', 'farie'])
    """
    forms = [term]
    if term.endswith("y"):
        forms.append(term[:-1] + "ie")
    forms.extend((term + "e", term + "s"))
    if term.endswith("ss") and len(term) > 5:
        forms.append(term[:-2])
    elif term.endswith("e") and len(term) > 5:
        forms.append(term[:-1])  # the e of an English plural in -oes the slip hid: "potaotes"
    if typed and typed != term:
        forms = [typed, term] + [f for f in forms[1:] if typed.startswith(f)]
    return list(dict.fromkeys(forms))


def _written_forms(term: str) -> list[str]:
    """A vocabulary term and the written form the singular took a final e from (« mousse » for
    mouss, « quiche » for quich, « charcuterie » for charcutery): a typo is judged on the word
    as written, « mouase » being one letter from « mousse » but two from mouss."""
    if term.endswith(("ss", "ch", "sh")):
        return [term, term + "e"]
    if term.endswith("y") and len(term) > 3:
        return [term, term[:-1] + "ie"]
    return [term]


def _typo_factor(typed: Sequence[str], term: str, *, keys: bool = True) -> float:
    """How far a typo fix covers the word typed: 0.8 when a letter was left out or added, two
    letters side by side swapped, or (with ``keys``) a letter struck for the key next to it (the
    commonest slips: « crmèe », "psatry", "breaf"), 0.75 for another letter changed, 0.7 for two
    slips, 0.6 for the first letter changed, by one slip or two: a word is seldom mistyped there,
    and "sherry" is no slip for "cherry", "veal" for "meal" nor "anisette" for "noisette".

    >>> _typo_factor(["breaf"], "bread"), _typo_factor(["breaq"], "bread"), _typo_factor(["breaf"], "bread", keys=False)
    (0.8, 0.75, 0.75)
    """
    DamerauLevenshtein, Indel = _distances()  # noqa: N806 (the classes' own names)
    written = _written_forms(term)
    pairs = [(t, w) for t in typed for w in written]
    # one slip leaves the lengths at most one apart: a letter left out or added (one longer),
    # or two swapped or a neighbouring key struck (the same length)
    if any(
        (len(t) == len(w) + 1 or len(w) == len(t) + 1) and Indel.distance(t, w, score_cutoff=1) <= 1
        or len(t) == len(w) and (t == w or _swapped(t, w) or keys and _key_slip(t, w))
        for t, w in pairs
    ):
        return 0.8
    # one letter changed, or else two slips; either at the first letter counts least
    slips = [
        (t, w) for t, w in pairs if abs(len(t) - len(w)) <= 1 and DamerauLevenshtein.distance(t, w, score_cutoff=1) <= 1
    ]
    if not any(t[:1] == w[:1] for t, w in slips or pairs):
        return 0.6
    return 0.75 if slips else 0.7


def _key_slip(typed: str, term: str) -> bool:
    """Whether ``typed`` is ``term`` (of the same length) with one letter after the first struck
    for a key next to it on a keyboard of one of the languages (see :func:`_keyboard_neighbours`)."""
    diff = [i for i, (a, b) in enumerate(zip(typed, term, strict=True)) if a != b]
    return len(diff) == 1 and diff[0] > 0 and (typed[diff[0]], term[diff[0]]) in _keyboard_neighbours()


@functools.cache
def _keyboard_neighbours() -> frozenset[tuple[str, str]]:
    """The pairs of letters whose keys touch on the keyboard of some language (keyboard.txt):
    side by side in a row, or in the rows above and below, each set half a key to the right of
    the one above it.

    >>> ("d", "f") in _keyboard_neighbours(), ("s", "e") in _keyboard_neighbours(), ("a", "l") in _keyboard_neighbours()
    (True, True, False)
    """
    pairs: set[tuple[str, str]] = set()
    for lang in SUPPORTED_LANGUAGES:
        rows = [row.lower() for row in read_words(lexicon_dir() / lang / "keyboard.txt")]
        for r, row in enumerate(rows):
            for i, key in enumerate(row):
                near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
                if r > 0:  # the row above reaches from this column to the next
                    near += [rows[r - 1][j] for j in (i, i + 1) if j < len(rows[r - 1])]
                if r + 1 < len(rows):  # the row below from the column before to this one
                    near += [rows[r + 1][j] for j in (i - 1, i) if 0 <= j < len(rows[r + 1])]
                pairs.update((key, other) for other in near)
                pairs.update((other, key) for other in near)
    return frozenset(pairs)


def idf_weight(ids: Sequence[int], idf: np.ndarray) -> float:
    """The weight of terms in a search: the sum of their idf²."""
    return sum(float(idf[t]) ** 2 for t in ids)


@functools.cache
def _spelling_of(phrase: Sequence[str], own: Sequence[str]) -> bool:
    """Whether a one-word synonym is the query's one word spelled otherwise (yoghurt, yogurt;
    colour, color): the same first letter, at most two edits apart; it covers the word in full."""
    if len(phrase) != 1 or len(own) != 1 or phrase[0][:1] != own[0][:1]:
        return False
    DamerauLevenshtein, _ = _distances()  # noqa: N806
    return DamerauLevenshtein.distance(phrase[0], own[0], score_cutoff=2) <= 2 < min(len(phrase[0]), len(own[0]))


def _distances():
    """rapidfuzz's DamerauLevenshtein and Indel, imported on first use (importing listparse stays
    light) and then kept at hand: importing them again costs more than a distance."""
    from rapidfuzz.distance import DamerauLevenshtein, Indel

    return DamerauLevenshtein, Indel


def _swapped(a: str, b: str) -> bool:
    """Whether two letters side by side are swapped (« crmèe » for crème)."""
    n = len(a)
    if n != len(b):
        return False
    i = 0
    while i < n and a[i] == b[i]:  # the first letter that differs
        i += 1
    return i + 1 < n and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


class CatalogIndex:
    """Search structure over a :class:`Catalog` (build it with :meth:`build`, or :meth:`load`)."""

    def __init__(self, catalog: Catalog, arrays: dict[str, np.ndarray], vocab: list[str]):
        self.catalog = catalog
        self.vocab = vocab
        self.term_id = {t: i for i, t in enumerate(vocab)}
        self.a = arrays

    # --- building -------------------------------------------------------------------------
    @classmethod
    def build(cls, catalog: Catalog) -> CatalogIndex:
        """Index every name, alias and brand of the catalog."""
        with collector_paused():
            return cls._build(catalog)

    @classmethod
    def _build(cls, catalog: Catalog) -> CatalogIndex:
        term_id: dict[str, int] = {}
        vocab: list[str] = []

        def tid_of(term: str) -> int:
            tid = term_id.get(term)
            if tid is None:
                tid = term_id[term] = len(vocab)
                vocab.append(term)
            return tid

        entries = _EntryColumns()
        category_id: dict[str, int] = {}
        brand_keys: set[int] = set()
        neutral = neutral_words()
        flavour_words = tastes()
        # a name written alike in several rows is read once
        repeated = {text for text, n in Counter(catalog.names).items() if n > 1}
        text_keys: dict[tuple[str, int], tuple[list[str], int, tuple[str, ...]]] = {}
        for row, name in enumerate(catalog.names):
            brand_terms = terms(catalog.brands[row]) if catalog.brands[row] else []
            if brand_terms:
                brand_keys.add(kernels.crc(" ".join(brand_terms)))
            row_lang = _LANG_CODES.get(catalog.langs[row] or "", 0)
            category = catalog.categories[row]
            category = category_id.setdefault(category, len(category_id)) if category else -1
            for k, text in enumerate((name, *catalog.aliases[row])):
                # aliases of a French row are its other-language names, and the other way round
                lang = row_lang if k == 0 or row_lang == 0 else 3 - row_lang
                key = text_keys.get((text, lang)) if text in repeated else None
                if key is None:
                    key = _text_keys(text, _LANG_NAMES.get(lang), flavour_words)
                    if text in repeated:
                        text_keys[(text, lang)] = key
                words, complement, head_words = key
                # the brand where the name spells it ("Great Value …", « … UHT Lactel ») and
                # neutral words match but do not make a name longer
                at, end = brand_span(words, brand_terms) or (0, 0)
                weighted = [t for k, t in enumerate(words) if not at <= k < end and t not in neutral]
                plain = words[at:end] + [t for k, t in enumerate(words) if not at <= k < end and t in neutral]
                if not weighted and at < end:  # the brand names the product: "Coca-Cola Original", « Nutella »
                    weighted, plain = words[at:end], plain[end - at :]
                ids = list(dict.fromkeys(tid_of(t) for t in weighted))
                brand = [t for t in dict.fromkeys(tid_of(t) for t in plain + brand_terms) if t not in ids]
                if not ids and not brand:
                    continue
                heads = [tid_of(t) for t in head_words] + [-1, -1]
                entries.add(row, ids, brand, heads[0], heads[1], complement, lang, category, k)
        arrays = _arrays(vocab, _by_head(entries, len(vocab)), len(catalog))
        arrays["brand_key"] = np.asarray(sorted(brand_keys), dtype=np.uint32)
        index = cls(catalog, arrays, vocab)
        # each entry's key hash, worked out once here rather than at every search
        index.a["entry_keyhash"] = index._hash_keys(np.arange(index.n_entries, dtype=np.int64))
        return index

    # --- saving and loading ---------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the index and its catalog to one file."""
        from .store import save_index

        save_index(self, path)

    @classmethod
    def load(cls, path: str | Path) -> CatalogIndex:
        """Map a saved index into memory (see :mod:`listparse.catalog.store`)."""
        from .store import load_index

        return load_index(path)

    # --- the query side -------------------------------------------------------------------
    @property
    def n_entries(self) -> int:
        return len(self.a["entry_row"])

    def concepts(
        self, query: Sequence[Sequence[tuple[str, ...]]], words: Mapping[str, str] | None = None
    ) -> list[Concept]:
        """Resolve query concepts (each a list of alternative term phrases, the query's own
        words first) to term ids. A phrase's words also cover it alone, for their share of its
        weight; a single unknown word tries its typo fixes, from the word as typed (``words``:
        term → folded word) and from the term."""
        idf = self.a["idf"]
        term_id = self.term_id
        out: list[Concept] = []
        for phrases in query:
            alts: Concept = []
            own = tuple(phrases[0]) if phrases else ()
            for j, phrase in enumerate(phrases):
                ids = tuple([term_id.get(t, -1) for t in phrase])
                if ids and -1 not in ids:
                    alts.append(Alt(ids, 1.0 if j == 0 or _spelling_of(phrase, own) else _SYNONYM))
            if len(own) == 1 and len(alts) == 1 and not alts[0].partial:
                # a rare word one slip from a far commoner one, or run together from two
                # words often written apart, may be a slip too (« tumeric » for turmeric,
                # "peanutbutter"): the common reading is an alternative, a little weaker; not
                # for a word with synonyms the catalog holds ("rocket", arugula)
                alts.extend(self._common_readings(alts[0].ids[0], (words or {}).get(own[0]) or own[0]))
            if len(own) > 1:
                known = [(t, self.term_id[t]) for t in own if t in self.term_id]
                unknown = self.unknown_idf**2
                total = sum(float(idf[i]) ** 2 for _, i in known) + unknown * (len(own) - len(known))
                for _, i in known:
                    alts.append(Alt((i,), PARTIAL_FACTOR * math.sqrt(float(idf[i]) ** 2 / total), True))
            elif not alts and len(own) == 1:
                typed = (words or {}).get(own[0])
                # two words run together (« petitpois », "peanutbutter") that the catalog
                # writes apart
                split = self.word_split(typed or own[0])
                if split:
                    alts.append(Alt(split, 0.9))
                forms = _typed_forms(own[0], typed)
                fixes: dict[int, None] = {}
                for edits in (1, 2):  # two edits only for a long word with no one-edit fix
                    for found in self._typo_fixes(forms, edits, enough=3):
                        fixes.update(dict.fromkeys(found))
                    if fixes:
                        break
                # the three commonest fixes; a letter left out or typed twice is the likeliest
                # slip: "bead" is "bread" before "bean"
                alts.extend(Alt((fix,), _typo_factor(forms, self.vocab[fix]), typo=True) for fix in list(fixes)[:3])
                # a reading one common slip away stands for the word, as a known word would:
                # a slip in the product word must not let its mere presence fall under what
                # an answer must hold (« Old Bay seasonibg »); a letter changed or two slips
                # weigh a little less
                alts = [a._replace(factor=min(1.0, a.factor / _LIKELIEST_SLIP)) for a in alts]
            out.append(alts)
        return out

    def is_brand(self, phrase: Sequence[str]) -> bool:
        """Whether the terms are the whole brand of some product (« bonne maman ») and each of
        them serves as a brand at least as often as in names ("cookies" is also a brand)."""
        keys = self.a["brand_key"]
        key = kernels.crc(" ".join(phrase))
        pos = int(np.searchsorted(keys, key))
        if pos >= len(keys) or int(keys[pos]) != key:
            return False
        ids = [self.term_id.get(t) for t in phrase]
        df, brand_df = self.a["df"], self.a["brand_df"]
        return all(t is not None and 2 * int(brand_df[t]) >= int(df[t]) for t in ids)

    @functools.cached_property
    def _sorted_vocab(self) -> list[str]:
        return sorted(self.vocab)

    @functools.cached_property
    def _head_counts(self) -> np.ndarray:
        heads = self.a["entry_head"]
        return np.bincount(heads[heads >= 0], minlength=len(self.vocab))

    def head_count(self, term: str) -> int:
        """How many entries the term is the head word of."""
        tid = self.term_id.get(term)
        return 0 if tid is None else int(self._head_counts[tid])

    def product_word(self, term: str) -> bool:
        """Whether the term is the head word of at least one entry in 500 (and of 5): one of
        the catalog's products ("yogurt", "bar", « yaourt »), not a word that only qualifies."""
        count = self.head_count(term)
        return count >= 5 and count * _PRODUCT_WORD_SHARE >= self.n_entries

    @functools.cached_property
    def _brand_products(self) -> dict[str, str | None]:
        return {}

    def brand_product(self, brand: str) -> str | None:
        """The word heading most of the brand's names, when it heads at least
        ``_BRAND_PRODUCT_SHARE`` of them (and the brand has ``_BRAND_PRODUCT_MIN`` names): the
        product the brand sells ("bar" for KIND, whose "Dark Cherry" is a bar), else None."""
        known = self._brand_products
        if brand in known:
            return known[brand]
        found = None
        ids = [self.term_id.get(t, -1) for t in terms(brand)]
        if ids and -1 not in ids:
            a = self.a
            entries = self._holders(ids)
            entries = entries[a["entry_alias"][entries] == 0]
            brands = self.catalog.brands
            rows = a["entry_row"][entries].tolist()
            mine = np.fromiter((brands[r] == brand for r in rows), dtype=bool, count=len(rows))
            heads = a["entry_head"][entries[mine]]
            if len(heads) >= _BRAND_PRODUCT_MIN and (heads >= 0).any():
                values, counts = np.unique(heads[heads >= 0], return_counts=True)
                if counts.max() >= _BRAND_PRODUCT_SHARE * len(heads):
                    found = self.vocab[int(values[counts.argmax()])]
        known[brand] = found
        return found

    def begins_a_word(self, prefix: str) -> bool:
        """Whether some term of the catalog starts with ``prefix`` ("artif" of "artificial")."""
        vocab = self._sorted_vocab
        at = bisect.bisect_left(vocab, prefix)
        return at < len(vocab) and vocab[at].startswith(prefix)

    def entry_name(self, entry: int) -> tuple[str, str | None]:
        """The name or alias an entry was made from, and its language: the English name of a
        French product is what an English query found."""
        row = int(self.a["entry_row"][entry])
        alias = int(self.a["entry_alias"][entry])
        catalog = self.catalog
        text = catalog.names[row] if alias == 0 else catalog.aliases[row][alias - 1]
        return text, _LANG_NAMES.get(int(self.a["entry_lang"][entry]), catalog.langs[row])

    def df(self, tid: int) -> int:
        """How many entries hold the term."""
        return int(self.a["df"][tid])

    def heads_between(self, phrase: Sequence[str], word: str, *, limit: int | None = None) -> tuple[int, int, int, int]:
        """How the catalog's names join a phrase and a word: (entries holding the phrase and
        headed by the word, entries holding the word and headed by a word of the phrase,
        entries holding the phrase, entries holding the word). « Asperges Blanches Géant Vert »
        is one of the first for (« géant vert », « asperge »). Zeros when a word is not in the
        catalog; the first two are not counted (0) when a word of the phrase is in more than
        ``limit`` entries."""
        ids = [self.term_id.get(t, -1) for t in phrase]
        wid = self.term_id.get(word, -1)
        if wid < 0 or not ids or min(ids) < 0:
            return 0, 0, 0, 0
        if limit is not None and (rarest := min(self.df(t) for t in ids)) > limit:
            return 0, 0, rarest, self.df(wid)
        held = self._holders(ids)
        heads = self.a["entry_head"][held]
        by_word = int(np.count_nonzero(heads == wid))
        by_phrase = int(np.count_nonzero(np.isin(heads, ids) & self._contains(wid, held)))
        return by_word, by_phrase, len(held), self.df(wid)

    def _common_readings(self, tid: int, typed: str) -> list[Alt]:
        """Readings of a rare known word that the catalog holds far more often: a term one
        slip away, or two words it runs together."""
        df = self.a["df"]
        own = int(df[tid])
        if own > self.n_entries * _RARE_SHARE or len(typed) < _MIN_TYPO_LEN:
            return []
        neutral = neutral_words()
        term = self.vocab[tid]
        out = [
            Alt((fix,), _COMMON_READING, typo=True)
            for fix in self._typo_fixes([term], 1, common=_RARE_RATIO * own)[0]
            # a slip at the first letter is rare: "rocket" is no "pocket"; a letter changed in
            # a word of five, even for a key next to it, is another word as often: « carpe » is
            # no « carré », "beet" no "beer"
            if fix != tid and self.vocab[fix] not in neutral
            and self.vocab[fix][:1] == term[:1]
            and (
                len(term) >= _CHANGED_LETTER_LEN
                or _typo_factor([term], self.vocab[fix], keys=False) >= _LIKELIEST_SLIP
            )
        ][:1]
        split = self.word_split(typed, min_held=_RARE_RATIO * own)
        if split:
            out.append(Alt(split, _COMMON_READING))
        return out

    def word_split(self, word: str, *, min_held: int = 1) -> tuple[int, ...] | None:
        """The two terms a word runs together (« petitpois » → petit pois, « pommedeterre » →
        pomme terre, "peanutbutter" → peanut butter), each of at least three letters and
        found side by side in at least ``min_held`` entries; the pair the most entries hold.
        None when no split is found.

        A stop word may stand between them (« de »): the parts are keyed like any text."""
        if len(word) < 2 * _MIN_SPLIT_PART or not word.isalpha():
            return None
        best: tuple[int, tuple[int, ...]] | None = None
        for i in range(_MIN_SPLIT_PART, len(word) - _MIN_SPLIT_PART + 1):
            texts = [word[:i] + " " + word[i:]]
            for j in range(1, 4):  # « pomme|de|terre »: a short stop word in between
                if i + j + _MIN_SPLIT_PART <= len(word) and is_stopword(word[i : i + j]):
                    texts.append(" ".join((word[:i], word[i : i + j], word[i + j :])))
            # a part that surely gives a term the catalog lacks, or too short a one, makes no
            # split: the text need not be keyed (the first part starts every text; the last
            # stands alone unless an abbreviation may take it in)
            if self._no_term(settled_term(word[:i])):
                continue
            for text in texts:
                parts = text.split(" ")
                if not any(begins_abbreviation(p) for p in parts[:-1]) and self._no_term(settled_term(parts[-1])):
                    continue
                pair = terms(text)
                ids = tuple(self.term_id.get(t, -1) for t in pair)
                if len(ids) != 2 or min(ids) < 0 or min(len(t) for t in pair) < _MIN_SPLIT_PART:
                    continue
                rare, common = sorted(ids, key=lambda t: int(self.a["df"][t]))
                held = int(self._contains(common, self.postings(rare, by_entry=True)).sum())
                if held >= min_held and (best is None or held > best[0]):
                    best = (held, ids)
        return best[1] if best else None

    def _no_term(self, term: str | None) -> bool:
        """Whether a settled term (see :func:`keys.settled_term`) is no term of a split: unknown
        to the catalog, or too short; False when the term is not settled (None)."""
        return term is not None and (len(term) < _MIN_SPLIT_PART or term not in self.term_id)

    def typo_fixes(self, term: str, *, edits: int = 1) -> list[int]:
        """Terms one edit away (symmetric deletes on the vocabulary), most frequent first.
        ``edits=2`` also takes a term two edits away that one deletion on each side meets (a
        letter moved, « brocolli » for broccoli, or changed twice), for a word of at least
        eight letters."""
        return self._typo_fixes([term], edits)[0]

    def slip_factor(self, typed: str, tid: int) -> float:
        """How likely a slip turned the term ``tid`` into the word ``typed``, as a typo fix's
        factor in :meth:`concepts`: 1 for a letter left out, added or swapped, less for a letter
        changed, least at the first letter (see :func:`_typo_factor`)."""
        return min(1.0, _typo_factor([typed], self.vocab[tid]) / _LIKELIEST_SLIP)

    def _typo_fixes(
        self, words: Sequence[str], edits: int, *, enough: int | None = None, common: int = 0
    ) -> list[list[int]]:
        """:meth:`typo_fixes` of each word, the deletes of all of them looked up at once; with
        ``enough``, only of the first words until their fixes make that many distinct terms
        (those of the words after would come after them); only fixes held by at least
        ``common`` entries (the same as the fixes so held among all of them: they come first)."""
        distance = _distances()[0].distance
        shortest = _MIN_TYPO_LEN if edits == 1 else _MIN_TWO_EDITS_LEN
        vocab = self.vocab
        lengths, counts = self._term_lengths, self._term_counts
        out: list[list[int]] = []
        found_by_word = kernels.delete_owners(
            words, shortest, self.a["del_key"], self.a["del_term"], len(vocab), self._key_directory
        )
        distinct: set[int] = set()
        for word, owners in zip(words, found_by_word, strict=True):
            if enough is not None and len(distinct) >= enough:
                break
            # a written form is at most one letter longer than its term, and a distance at least
            # the difference of the lengths
            size = len(word)
            near = [t for t in owners.tolist() if abs(lengths[t] - size) <= edits + 1 and counts[t] >= common]
            # the commonest first, ties by spelling (the same fixes in every process): the first
            # three within reach are the fixes
            good: list[int] = []
            for t in sorted(near, key=lambda t: (-counts[t], vocab[t])):
                if any(distance(word, w, score_cutoff=edits) <= edits for w in _written_forms(vocab[t])):
                    good.append(t)
                    if len(good) == 3:
                        break
            out.append(good)
            distinct.update(good)
        return out

    @functools.cached_property
    def _term_lengths(self) -> list[int]:
        """Each term's length in characters (a list: typo fixes read a few of them at a time)."""
        return [len(t) for t in self.vocab]

    @functools.cached_property
    def _term_counts(self) -> list[int]:
        """How many entries hold each term, as a list (see :attr:`_term_lengths`)."""
        return self.a["df"].tolist()

    @functools.cached_property
    def _key_directory(self) -> np.ndarray:
        """Where the delete keys of each top 16 bits start (see :func:`kernels.key_directory`)."""
        return kernels.key_directory(self.a["del_key"])

    @functools.cached_property
    def unknown_idf(self) -> float:
        """The weight of a query word the catalog does not know (the median idf)."""
        idf = self.a["idf"]
        return float(np.median(idf)) if len(idf) else 1.0

    def postings(self, tid: int, *, by_entry: bool = False) -> np.ndarray:
        off = self.a["post_off"]
        docs = self.a["post_by_entry" if by_entry else "post_by_len"]
        return docs[off[tid] : off[tid + 1]]

    def entry_text(self, entry: int) -> str:
        """The entry's match key as one string (stored in the index, for rapidfuzz)."""
        off = self.a["text_off"]
        return self.a["text_blob"][off[entry] : off[entry + 1]].tobytes().decode("utf-8")

    def search(
        self,
        concepts: list[Concept],
        *,
        limit: int = 5,
        query_text: str | None = None,
        head: int | None = None,
        head_ids: frozenset[int] = frozenset(),
        lang_head_ids: Mapping[str, frozenset[int]] | None = None,
        complement: bool | int = False,
        exhaustive: bool = False,
        scales: Sequence[float] | None = None,
    ) -> list[Hit]:
        """The best products for the concepts, best first (one hit per product).

        ``head`` is the index of the concept naming the product itself (« crème » in « crème
        de marrons ») and ``head_ids`` its head words; entries whose own head is one of them
        rank first, and entries without the concept last. ``lang_head_ids`` adds head words for
        the entries of one language ("fr", "en"): a synonym phrase names its product first in
        French, last in English. ``complement`` is the query's own complement level (see
        :func:`~listparse.catalog.keys.complement_level`; True for 2, « aux fraises »): an entry
        with a higher level costs.
        ``exhaustive=True`` scores every entry holding a query term, with no pruning: the
        reference the fast path is tested against. ``scales`` weighs each concept (label
        words and secondary words weigh little), known in the catalog or not.
        """
        lang_heads = lang_head_ids or {}
        asked_level = 2 if complement is True else int(complement)
        # where the catalog's products of the name asked are seldom found costs too; the query's
        # own words (no synonym, typo fix or word of a phrase alone) narrow down which products
        # the head words name
        category = None
        if head_ids or any(lang_heads.values()):
            named = head_ids.union(*lang_heads.values())
            asked = tuple(alts[0].ids for alts in concepts if alts and not alts[0].partial and not alts[0].typo)

            def category(entries) -> np.ndarray | None:
                if isinstance(entries, bytes):  # from the compiled search
                    entries = np.frombuffer(entries, dtype=np.int32)
                fit = self.category_fit(entries, named, asked)
                return None if fit is None else _CATEGORY_OFF * np.clip(1 - fit / _CATEGORY_TYPICAL, 0, 1)

        if not exhaustive and kernels.compiled():
            if type(concepts) is not list or any(type(alts) is not list for alts in concepts):
                concepts = [list(alts) for alts in concepts]
            return kernels.search(
                self._search_arrays, self.term_id, concepts, scales, self.unknown_idf, -1 if head is None else head,
                head_ids, lang_heads.get("fr", ()), lang_heads.get("en", ()), asked_level, _search_params(), limit,
                query_text or None, _fuzzy_scorer(query_text) if query_text else None, category, Hit, _HIT_FIELDS,
            )  # fmt: skip

        idf = self.a["idf"]
        # a concept weighs the idf² of the query's own words (a phrase counts each of its
        # words); a synonym or a typo fix covers it for that weight times its factor²
        weighted = []
        for k, alts in enumerate(concepts):
            scale = scales[k] if scales is not None else 1.0
            if not alts:
                weighted.append(([], 0.0, (self.unknown_idf * scale) ** 2))
                continue
            base = idf_weight(alts[0].ids, idf) * scale * scale
            if alts[0].partial:  # some words of the phrase are not in the catalog at all
                base = sum(float(idf[a.ids[0]]) ** 2 / (a.factor / PARTIAL_FACTOR) ** 2 for a in alts[:1]) * scale * scale
            alt_sq = [base * a.factor * a.factor for a in alts]
            # the concept weighs its own words; a phrase partly found weighs all of its words
            own_sq = base if alts[0].partial else max(alt_sq)
            weighted.append((list(zip(alts, alt_sq, strict=True)), math.sqrt(own_sq), own_sq))
        known = [([a for a, _ in alts], w) for alts, w, _ in weighted if alts]
        if not known:
            return []
        q_sq = sum(sq for _, _, sq in weighted)
        # entries holding every concept, when there are too many of them, are chosen by a rough
        # prescore: the query's whole weight against the entry's, head word and complement
        mass = sum(idf_weight(alts[0].ids, idf) for alts, _ in known)
        heads = np.fromiter(head_ids.union(*lang_heads.values()), dtype=np.int32)
        # each alternative: its terms, its weight in the query and in an entry, its concept, and
        # whether it covers its concept: a word of the product's phrase alone names it only if
        # it is the phrase's product word (« cru » is no « jambon cru »)
        head_words = set(heads.tolist())
        alt_rows = [
            (ids, sq, idf_weight(ids, idf), k,
             not partial or k != head or not head_words or ids[0] in head_words)
            for k, (alts, _, _) in enumerate(weighted) for (ids, _, partial, _), sq in alts
        ]  # fmt: skip
        scoring = {
            "complement_asked": asked_level, "head_ids": head_ids, "fr_ids": lang_heads.get("fr", ()),
            "en_ids": lang_heads.get("en", ()), "lex_weight": _LEX_WEIGHT, "head_bonus": _HEAD_BONUS,
            "head_elsewhere": _HEAD_ELSEWHERE, "head_missing": _HEAD_MISSING, "complement_cost": _COMPLEMENT / 2,
        }  # fmt: skip

        def promise(entries: np.ndarray) -> np.ndarray:
            return self._promise(entries, mass, complement, heads)

        # step by step: the numpy reference (each kernel compiled where it is), or every entry
        # holding a query term
        cands = None if exhaustive else kernels.candidates(
            self.a, [[(a.ids, a.partial) for a in alts] for alts, _ in known], [w for _, w in known], heads, mass,
            asked_level, lex_weight=_LEX_WEIGHT, head_bonus=_HEAD_BONUS, head_elsewhere=_HEAD_ELSEWHERE,
            complement_cost=_COMPLEMENT / 2, cap=_CANDIDATES, conjunction=_CONJUNCTION, holding_cap=_HOLDING_CAP,
            intersect_max=_INTERSECT_MAX,
        )
        if cands is None:
            cands = self._candidates(known, None if exhaustive else _CANDIDATES, promise)
        if len(cands) == 0:
            return []
        cands, lex, matched, coverage, head_covered, own, pre = kernels.score(
            self.a, cands, alt_rows, -1 if head is None else head, q_sq, **scoring
        )
        if len(cands) == 0:
            return []
        if category is not None and (penalty := category(cands)) is not None:
            pre = pre - penalty
        # every part of the score but rapidfuzz's is cheap: compute it for all candidates, rescore
        # the best of them, and widen until no entry left out could still beat the best hit
        # (its fuzzy part is at most 1)
        size = len(pre) if exhaustive else _RESCORE
        while True:
            if size >= len(pre):
                top, rest = np.arange(len(pre)), None
            else:  # the best by prescore (ties to the lower entry)
                top, rest = kernels.select(pre, size)
            hits, fz = self._rescore(top, cands, lex, pre, head_covered, own, matched, coverage, limit, query_text)
            if rest is None or (
                hits and hits[0].score >= self._rest_bound(cands, pre, top, rest, fz, hits[0].score, query_text) - 1e-9
            ):
                return hits
            size *= 4

    @functools.cached_property
    def _search_arrays(self) -> tuple[np.ndarray | None, ...]:
        """The arrays the compiled search reads (see :func:`kernels.search`)."""
        a = self.a
        return (
            a["df"], a["post_off"], a["post_by_entry"], a["post_by_len"], a["entry_norm_root"], a["entry_head"],
            a["entry_head2"], a["entry_complement"], a["entry_off"], a["entry_terms"], a["entry_lang"], a["idf"],
            self._entry_keyhash, a["text_blob"], a["text_off"], a["entry_row"], a["entry_norm"], self._term_chars,
        )  # fmt: skip

    def _rest_bound(self, cands, pre, top, rest, fz, target: float, query_text: str | None = None) -> float:
        """The best score an entry left out of rescoring may reach: its fuzzy part is at most 1,
        or the one already found for an entry of the same key (names sold in many sizes and
        packs share their key), or at most what the lengths of its words allow (see
        :meth:`_fuzzy_bound`). The cheap bound alone when it is no more than ``target``."""
        bound = pre[rest] + (1 - _LEX_WEIGHT)
        best = float(bound.max())
        if best <= target + 1e-9:
            return best
        keys = self._key_hashes(cands[top])
        order = np.argsort(keys)
        rest_keys = self._key_hashes(cands[rest])
        pos = np.minimum(np.searchsorted(keys[order], rest_keys), len(keys) - 1)
        same = keys[order][pos] == rest_keys
        bound[same] = pre[rest][same] + (1 - _LEX_WEIGHT) * fz[order][pos][same]
        if not query_text:
            return float(bound.max())
        open_ = np.flatnonzero(bound > target + 1e-9)
        if len(open_):
            # float32 scores may round up past the exact ratio: a margin keeps the bound safe
            fuzzy = self._fuzzy_bound(cands[rest[open_]], query_text) + 1e-5
            bound[open_] = np.minimum(bound[open_], pre[rest[open_]] + (1 - _LEX_WEIGHT) * fuzzy)
        return float(bound.max())

    @functools.cached_property
    def _term_chars(self) -> np.ndarray | None:
        """Each term's length in characters, or None when some term would not be one token of
        rapidfuzz's split (on whitespace): then :meth:`_fuzzy_bound` cannot count on it."""
        if any(not t or t.split() != [t] for t in self.vocab):
            return None
        return np.fromiter((len(t) for t in self.vocab), dtype=np.float64, count=len(self.vocab))

    def _fuzzy_bound(self, entries: np.ndarray, query_text: str) -> np.ndarray:
        """An upper bound, in [0, 1], on rapidfuzz's ``token_set_ratio`` (``processor=None``)
        of ``query_text`` and each entry's key text, from the lengths of their words alone.

        The ratio splits both texts on whitespace into token *sets* A (query) and B (entry),
        with I = A ∩ B, D_A = A \\ I, D_B = B \\ I; write s, a, b for the lengths of I, D_A,
        D_B joined by single spaces (0 when empty) and s' = s + 1 when I is not empty, else 0.
        It is 0 when A or B is empty, 1 when I is not empty and D_A or D_B is, and otherwise
        the largest of

        * 1 - indel(D_A, D_B) / (2s' + a + b): an Indel distance is at least the difference of
          the lengths, so this is at most (2s' + 2·min(a, b)) / (2s' + a + b);
        * when I is not empty, 1 - (1 + a) / (2s + 1 + a) = 2s / (2s + 1 + a), and the same
          with b.

        The key text joins the entry's terms with single spaces, so its tokens are its terms
        (when no term holds whitespace, which :attr:`_term_chars` checks) and the sets, and
        their lengths, follow from the term ids. Every bound is exact arithmetic on those
        lengths; the caller adds a margin for the float32 rounding of rapidfuzz's result.

        For "oline oil" against "olive oil" (s = 3, a = b = 5) the bound is 1 (the ratio is
        0.889); against "olive oil vierge extra" (b = 18) it is (8 + 10) / (8 + 23) = 0.58.
        """
        n = len(entries)
        chars = self._term_chars
        q_tokens = set(query_text.split())
        if chars is None or not q_tokens or n == 0:
            return np.ones(n, dtype=np.float64)
        q_ids = np.asarray(sorted(self.term_id[t] for t in q_tokens if t in self.term_id), dtype=np.int64)
        n_a = len(q_tokens)
        sum_a = float(sum(len(t) for t in q_tokens))
        terms, at, first, lengths = self._flat_terms(entries)
        ids = terms.astype(np.int64)
        row = np.repeat(np.arange(n, dtype=np.int64), lengths)
        # each entry's distinct terms: a token set
        pair = np.sort(row * len(chars) + ids)
        pair = pair[np.concatenate(([True], pair[1:] != pair[:-1]))] if len(pair) else pair
        row, ids = pair // len(chars), pair % len(chars)
        n_b = np.bincount(row, minlength=n).astype(np.float64)
        sum_b = np.bincount(row, weights=chars[ids], minlength=n)
        shared = np.isin(ids, q_ids)
        n_i = np.bincount(row[shared], minlength=n).astype(np.float64)
        sum_i = np.bincount(row[shared], weights=chars[ids[shared]], minlength=n)
        some = n_i > 0
        s = np.where(some, sum_i + n_i - 1, 0.0)
        a = (sum_a - sum_i) + np.maximum(n_a - n_i - 1, 0.0)
        b = (sum_b - sum_i) + np.maximum(n_b - n_i - 1, 0.0)
        s1 = s + some
        total = 2 * s1 + a + b
        with np.errstate(divide="ignore", invalid="ignore"):
            fuzzy = np.where(total > 0, (2 * s1 + 2 * np.minimum(a, b)) / total, 1.0)
            fuzzy = np.maximum(fuzzy, np.where(some, 2 * s / (2 * s + 1 + a), 0.0))
            fuzzy = np.maximum(fuzzy, np.where(some, 2 * s / (2 * s + 1 + b), 0.0))
        fuzzy[some & ((n_i == n_a) | (n_i == n_b))] = 1.0
        fuzzy[n_b == 0] = 1.0
        return np.minimum(fuzzy, 1.0)

    def _flat_terms(self, entries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The term ids of ``entries`` one after the other, each term's position in its entry,
        where each entry starts in that flat array, and each entry's number of terms."""
        off = self.a["entry_off"]
        starts = off[entries]
        lengths = off[entries + 1] - starts
        first = np.cumsum(lengths) - lengths
        at = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(first, lengths)
        return self.a["entry_terms"][np.repeat(starts, lengths) + at], at, first, lengths

    def _key_hashes(self, entries: np.ndarray) -> np.ndarray:
        """A 64-bit hash of each entry's key (its term ids, in order, which :meth:`entry_text`
        joins): entries of equal hashes have the same key text."""
        return self._entry_keyhash[entries]

    @functools.cached_property
    def _entry_keyhash(self) -> np.ndarray:
        """Every entry's key hash: stored by :meth:`build`, worked out again for an index saved
        without them."""
        stored = self.a.get("entry_keyhash")
        return stored if stored is not None else self._hash_keys(np.arange(self.n_entries, dtype=np.int64))

    def _hash_keys(self, entries: np.ndarray) -> np.ndarray:
        terms, at, first, _ = self._flat_terms(entries)
        ids = terms.astype(np.uint64)
        with np.errstate(over="ignore"):
            mixed = (ids + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15) + at.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
            mixed ^= mixed >> np.uint64(31)
            mixed *= np.uint64(0xBF58476D1CE4E5B9)
            return np.add.reduceat(mixed, first) if len(entries) else mixed

    def _contains(self, tid: int, cands: np.ndarray) -> np.ndarray:
        """Which of the sorted entries ``cands`` hold the term."""
        return kernels.contains(self.postings(tid, by_entry=True), cands)

    def _contains_any(self, tids: Sequence[int], cands: np.ndarray) -> np.ndarray:
        """Which of the sorted entries ``cands`` hold at least one of the terms."""
        found = self._contains(tids[0], cands)
        for t in tids[1:]:
            found |= self._contains(t, cands)
        return found

    def _candidates(self, known: list[tuple[Concept, float]], cap: int | None, promise=None) -> np.ndarray:
        """Entries holding the most concepts, then the rarest concepts' entries (each term's
        shortest entries first), until ``cap`` entries are gathered; ``cap=None`` takes every
        entry holding a query term. ``promise`` ranks entries holding every concept (a rough
        prescore, higher first) when there are too many of them; shortest first without it."""
        parts = []
        total = 0
        if cap is not None:
            promise = promise or (lambda entries: -self.a["entry_norm"][entries])
            # the entries that hold the most concepts come first: intersect from the rarest
            both = self._conjunction(known, promise)
            parts.append(self._best(both, _CONJUNCTION, promise))
            total = len(parts[0])
            cap = total + _CANDIDATES // 4
        for alts, _ in sorted(known, key=lambda cw: -cw[1]):
            for ids, *_ in alts:
                rarest = min(ids, key=lambda t: int(self.a["df"][t]))
                post = self.postings(rarest)
                if cap is not None:
                    post = post[: max(cap - total, cap // 4)]
                parts.append(post)
                total += len(post)
            if cap is not None and total >= cap:
                break
        if not parts:
            return np.zeros(0, dtype=np.int32)
        return _union(parts)

    def _best(self, entries: np.ndarray, n: int, promise) -> np.ndarray:
        """The ``n`` entries of the most promise (all of them when there are no more), in no
        particular order; on a tie (many names explain the whole query) the shorter entries
        (the product itself, not one more thing), then the lower ones."""
        if len(entries) <= n:
            return entries
        value = promise(entries)
        cut = -np.partition(-value, n - 1)[n - 1]  # the n-th highest promise
        above = np.flatnonzero(value > cut)
        tied = np.flatnonzero(value == cut)
        order = np.lexsort((entries[tied], -self.a["entry_norm_root"][entries[tied]]))
        return entries[np.concatenate([above, tied[order[: n - len(above)]]])]

    def _promise(self, entries: np.ndarray, mass: float, complement: bool | int, heads: np.ndarray) -> np.ndarray:
        """A rough prescore of entries holding every concept, to choose among too many: the
        share of the entry that the query's weight ``mass`` (its words' idf²) explains, the head
        word (one of ``heads``, or elsewhere) and a complement the query did not ask for."""
        a = self.a
        asked = 2 if complement is True else int(complement)
        return kernels.promise(
            entries, a["entry_norm_root"], a["entry_head"], a["entry_head2"], a["entry_complement"], heads, mass, asked,
            lex_weight=_LEX_WEIGHT, head_bonus=_HEAD_BONUS, head_elsewhere=_HEAD_ELSEWHERE,
            complement_cost=_COMPLEMENT / 2,
        )

    def count_holding(self, ids: Sequence[int]) -> int:
        """How many entries hold every term of ``ids``."""
        return len(self._holders(ids)) if ids else 0

    def _holders(self, ids: Sequence[int]) -> np.ndarray:
        """Entries holding every term of ``ids``, sorted (postings intersected from the rarest)."""
        order = sorted(ids, key=lambda t: int(self.a["df"][t]))
        held = self.postings(order[0], by_entry=True)
        for t in order[1:]:
            held = held[self._contains(t, held)]
        return held

    def _held_by(self, alts: Concept) -> int:
        """How many entries may hold a concept: its alternatives' rarest terms' counts, summed."""
        df = self.a["df"]
        return sum(min(int(df[t]) for t in a.ids) for a in alts)

    def _holding(self, alts: Concept, promise) -> np.ndarray:
        """Entries holding a concept (every term of one alternative), sorted. A very common
        concept gives its most promising entries only, an equal share per alternative (a single
        word's shortest entries)."""
        if self._held_by(alts) <= _HOLDING_CAP:
            posts = [self._holders(a.ids) for a in alts]
            return _union(posts)
        share = max(_HOLDING_CAP // len(alts), 1)
        posts = []
        for k, a in enumerate(alts):
            # the query's own phrase is intersected in full; a synonym phrase, by its rarest term
            if k or len(a.ids) == 1 or self._held_by([a]) > _INTERSECT_MAX:
                posts.append(self.postings(min(a.ids, key=lambda t: int(self.a["df"][t])))[:share])
            else:
                posts.append(self._best(self._holders(a.ids), share, promise))
        return _union(posts)

    def _conjunction(self, known: list[tuple[Concept, float]], promise) -> np.ndarray:
        """Entries holding as many concepts as possible, rarest concepts first. A concept is
        held by its own words, a synonym or a typo fix, not by one word of a phrase alone."""
        concepts = sorted(
            ([a for a in alts if not a.partial] or alts for alts, _ in known), key=self._held_by
        )
        result: np.ndarray | None = None
        rest = concepts[1:]
        first = concepts[0]
        if rest and self._held_by(first) > _HOLDING_CAP and all(self._held_by([a]) <= _INTERSECT_MAX for a in first):
            # every concept is common: the shortest entries of the rarest may hold none of the
            # others, so the two rarest are intersected in full (typo fixes, synonyms and
            # phrases alike)
            held = _union([self._holders(a.ids) for a in first])
            both = held[self._covering(rest[0], held)]
            if len(both):
                result, rest = both, rest[1:]
        if result is None:
            result = self._holding(first, promise)
        for alts in rest:
            # filter the (smaller) running result by membership rather than merging postings
            mask = self._covering(alts, result)
            if not mask.any():
                break
            result = result[mask]
        return result

    def _covering(self, alts: Concept, cands: np.ndarray) -> np.ndarray:
        """Which candidates hold the concept (all words of at least one alternative)."""
        singles = [a.ids[0] for a in alts if len(a.ids) == 1]
        covered = self._contains_any(singles, cands) if singles else np.zeros(len(cands), dtype=bool)
        for a in alts:
            if len(a.ids) == 1:
                continue
            have = np.ones(len(cands), dtype=bool)
            for t in a.ids:
                have &= self._contains(t, cands)
            covered |= have
        return covered

    def category_fit(
        self, cands: np.ndarray, head_ids: frozenset[int], asked: Sequence[tuple[int, ...]] = ()
    ) -> np.ndarray | None:
        """How typical each entry's category is of the products the query names, in [0, 1]: the
        share of those products in the entry's category against their likeliest category (a
        little of the catalog-wide shares mixed in), 1 for an entry without a category.

        The products the query names are the entries headed by one of ``head_ids`` that hold
        every phrase of ``asked`` (the query's own words: "heavy cream" is no ice cream), or,
        when none has a category, every entry so headed. A plain name counts more than a long
        one (« Paneer » tells what paneer is better than « Spinach Paneer »). None when the
        catalog has no categories or nothing tells."""
        a = self.a
        n_categories = len(a["category_weight"])
        if n_categories == 0 or not head_ids:
            return None
        heads = np.fromiter(head_ids, dtype=np.int32, count=len(head_ids))
        named = np.zeros(n_categories, dtype=np.float64)
        held: np.ndarray | None = None
        for ids in sorted(asked, key=lambda ids: min(int(a["df"][t]) for t in ids)):
            for t in ids:
                held = self.postings(t, by_entry=True) if held is None else held[self._contains(t, held)]
        if held is not None and len(held):
            held = held[_among(a["entry_head"][held], heads) | _among(a["entry_head2"][held], heads)]
            category = a["entry_category"][held]
            known = category >= 0
            named = np.bincount(category[known], weights=a["entry_plain"][held[known]], minlength=n_categories)
        if named.sum() == 0:
            off, cats, weights = a["headcat_off"], a["headcat_cat"], a["headcat_weight"]
            for t in heads.tolist():
                if 0 <= t < len(off) - 1:
                    np.add.at(named, cats[off[t] : off[t + 1]], weights[off[t] : off[t + 1]])
        total = float(named.sum())
        if total == 0:
            return None
        prior = a["category_weight"] / a["category_weight"].sum()
        share = (named + _CATEGORY_PRIOR * prior) / (total + _CATEGORY_PRIOR)
        category = a["entry_category"][cands]
        return np.where(category >= 0, share[np.maximum(category, 0)] / share.max(), 1.0)

    def _rescore(self, top, cands, lex, pre, head_covered, own, matched, coverage, limit, query_text):
        """Add rapidfuzz's token set ratio of the keys of the entries ``cands[top]``, keep each
        product's best entry: the hits, best first, and the fuzzy part of every entry."""
        if query_text:
            # once per key: names sold in many sizes and packs share theirs
            keys = self._entry_keyhash
            texts, inverse = kernels.key_texts(keys, self.a["text_blob"], self.a["text_off"], cands[top])
            cdist, token_set_ratio = _rapidfuzz()
            ratios = cdist([query_text], texts, scorer=token_set_ratio, processor=None, dtype=np.float32)[0]
        else:  # no text to compare: the lexical score stands for the ratio
            ratios, inverse = (lex[top] * 100).astype(np.float32), np.arange(len(top))
        found, fz = kernels.hits(
            top, cands, pre, lex, head_covered, own, matched, coverage, ratios, inverse, self.a, limit, 1 - _LEX_WEIGHT
        )
        return [Hit(*fields) for fields in found], fz


def _search_params() -> tuple:
    """The compiled search's parameters, in its order (see :func:`kernels.search`)."""
    return (
        _LEX_WEIGHT, _HEAD_BONUS, _HEAD_ELSEWHERE, _HEAD_MISSING, _COMPLEMENT / 2, PARTIAL_FACTOR, _CANDIDATES,
        _CONJUNCTION, _HOLDING_CAP, _INTERSECT_MAX, _RESCORE,
    )  # fmt: skip


def _fuzzy_scorer(query_text: str):
    """rapidfuzz's token set ratios of the query and each of a list of texts, float32 (an array,
    or a 1 × n matrix with the buffer protocol)."""
    compiled = _rapidfuzz_compiled()
    if compiled is not None:
        cdist, float32, token_set_ratio = compiled
        return functools.partial(cdist, [query_text], scorer=token_set_ratio, processor=None, dtype=float32)
    cdist, token_set_ratio = _rapidfuzz()
    return lambda texts: cdist([query_text], texts, scorer=token_set_ratio, processor=None, dtype=np.float32)[0]


@functools.cache
def _rapidfuzz_compiled():
    """rapidfuzz's compiled ``cdist`` itself, without the wrapper that turns its result into a
    numpy array and its dtype into a code (a few microseconds a query), with its code for
    float32 and ``token_set_ratio``; None where rapidfuzz has no compiled module."""
    try:
        from rapidfuzz import fuzz
        from rapidfuzz.process_cpp_impl import FLOAT32, cdist

        # a module of rapidfuzz's own: a release may change it, so it serves only as it answers
        probe = memoryview(cdist(["a b"], ["b a", "c"], scorer=fuzz.token_set_ratio, processor=None, dtype=FLOAT32))
        if probe.format != "f" or probe.tolist() != [[100.0, 0.0]]:
            return None
    except Exception:  # noqa: BLE001 (any failure of that module: the documented cdist serves)
        return None
    return cdist, FLOAT32, fuzz.token_set_ratio


@functools.cache
def _rapidfuzz():
    """rapidfuzz's ``cdist`` and ``token_set_ratio``, imported on first use (importing listparse
    stays light) and then kept at hand."""
    from rapidfuzz import fuzz, process

    return process.cdist, fuzz.token_set_ratio


def _among(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which values are one of ``ids``: ``np.isin``, by plain comparisons for a few ids (the
    head words of a query), several times faster there."""
    if len(ids) > _FEW_IDS:
        return np.isin(values, ids)
    found = np.zeros(len(values), dtype=bool)
    for i in ids.tolist():
        found |= values == i
    return found


def _union(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The sorted union of entry arrays."""
    if len(parts) == 1 and not np.any(parts[0][1:] <= parts[0][:-1]):
        return parts[0]  # already sorted, no repeats
    return kernels.union(parts)


def _by_head(entries: _EntryColumns, n_terms: int) -> _EntryColumns:
    """The entries renumbered by their head word (or, without one, their commonest term), then
    by length, then as they came: the entries a query gathers, mostly those its product word
    heads ("milk", « lait »), lie side by side in every per-entry array, which the search then
    reads from a few memory pages instead of all over. The result holds numpy arrays; the lists
    of ``entries`` are emptied as they are read, to keep one copy in memory."""
    off = np.asarray(entries.starts, dtype=np.int64)
    terms = np.asarray(entries.terms, dtype=np.int32)
    entries.starts, entries.terms = [], []
    n = len(off) - 1
    lengths = np.diff(off)
    key = np.bincount(terms, minlength=n_terms)[terms].astype(np.int64) * max(n_terms, 1) + terms
    group = np.full(n, -1, dtype=np.int64)
    some = lengths > 0
    if some.any():
        group[some] = np.maximum.reduceat(key, off[:-1][some]) % max(n_terms, 1)
    del key
    head = np.asarray(entries.head, dtype=np.int64)
    group = np.where(head >= 0, head, group)
    order = np.lexsort((lengths, group))  # stable: then as they came
    out = _EntryColumns()
    for field in ("row", "name_len", "head", "head2", "complement", "lang", "category", "alias"):
        setattr(out, field, np.asarray(getattr(entries, field))[order])
        setattr(entries, field, [])
    new_lengths = lengths[order]
    first = np.cumsum(new_lengths) - new_lengths
    out.starts = np.concatenate(([0], np.cumsum(new_lengths)))
    at = np.arange(int(new_lengths.sum()), dtype=np.int64) - np.repeat(first, new_lengths)
    out.terms = terms[np.repeat(off[:-1][order], new_lengths) + at]
    return out


# the per-entry columns stored as they are (entry_alias: 0 for the name, k for its k-th alias)
_ENTRY_COLUMNS = (
    ("row", np.int32), ("head", np.int32), ("head2", np.int32), ("complement", np.uint8), ("lang", np.uint8),
    ("alias", np.uint16),
)  # fmt: skip


def _arrays(vocab, entries: _EntryColumns, n_rows) -> dict[str, np.ndarray]:
    """The flat arrays of the index, from the entry → term lists."""
    n_terms = len(vocab)
    entry_off = np.asarray(entries.starts, dtype=np.int64)
    flat_terms = np.asarray(entries.terms, dtype=np.int32)
    n_entries = len(entry_off) - 1
    lengths = np.diff(entry_off).astype(np.int32)
    flat_entries = np.repeat(np.arange(n_entries, dtype=np.int32), lengths)
    df = np.bincount(flat_terms, minlength=n_terms).astype(np.int32)
    idf = np.log1p(max(n_entries, 1) / np.maximum(df, 1)).astype(np.float32)
    # the norm counts the name's own words, not the brand words added for matching
    position = np.arange(len(flat_terms), dtype=np.int64) - entry_off[flat_entries]
    in_name = position < np.asarray(entries.name_len, dtype=np.int64)[flat_entries]
    weights = np.where(in_name, idf[flat_terms].astype(np.float64) ** 2, 0.0)
    brand_df = np.bincount(flat_terms[~in_name], minlength=n_terms).astype(np.int32)
    norm = np.sqrt(np.bincount(flat_entries, weights=weights, minlength=n_entries))
    norm32 = np.maximum(norm, 1e-9).astype(np.float32)
    post_off = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=post_off[1:])
    by_len = np.lexsort((flat_entries, lengths[flat_entries], flat_terms))
    by_entry = np.lexsort((flat_entries, flat_terms))
    keys: list[int] = []
    owners: list[int] = []
    for tid, term in enumerate(vocab):
        if len(term) < _MIN_TYPO_LEN:
            continue
        variants = set()
        for form in _written_forms(term):
            variants |= kernels.deletes(form) | {form}
        for variant in variants:
            keys.append(kernels.crc(variant))
            owners.append(tid)
    key_arr = np.asarray(keys, dtype=np.uint32)
    owner_arr = np.asarray(owners, dtype=np.int32)
    order = np.argsort(key_arr, kind="stable")
    # each entry's key as text, for rapidfuzz at query time
    encoded_vocab = [t.encode("utf-8") for t in vocab]
    starts, entry_terms = entries.starts.tolist(), entries.terms
    texts = [b" ".join([encoded_vocab[t] for t in entry_terms[a:b].tolist()]) for a, b in zip(starts[:-1], starts[1:])]
    text_off = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in texts], out=text_off[1:])
    return {
        "text_blob": np.frombuffer(b"".join(texts), dtype=np.uint8),
        "text_off": text_off,
        **{f"entry_{field}": np.asarray(getattr(entries, field), dtype=dtype) for field, dtype in _ENTRY_COLUMNS},
        **_head_categories(entries, n_terms),
        "entry_off": entry_off,
        "entry_terms": flat_terms,
        "entry_norm": norm32,
        "entry_norm_root": norm32.astype(np.float64) ** -0.4,  # for precision^0.2 without a power per entry
        "df": df,
        "brand_df": brand_df,
        "idf": idf,
        "post_off": post_off,
        "post_by_len": flat_entries[by_len],
        "post_by_entry": flat_entries[by_entry],
        "del_key": key_arr[order],
        "del_term": owner_arr[order],
        "n_rows": np.asarray([n_rows], dtype=np.int64),
    }


def _head_categories(entries: _EntryColumns, n_terms: int) -> dict[str, np.ndarray]:
    """What the catalog's categories say a product word names: each entry's category
    (``entry_category``, -1 for none) and plainness (``entry_plain``: 1 / its name's length,
    a plain name telling best what its head word is); per term, the categories of the entries
    it heads (head word, or the product of a cut) with their summed plainness (``headcat_cat``,
    ``headcat_weight`` from ``headcat_off``); and the summed plainness of each category's
    entries (``category_weight``). Empty arrays when the catalog has no categories."""
    category = np.asarray(entries.category, dtype=np.int64)
    head = np.asarray(entries.head, dtype=np.int64)
    head2 = np.asarray(entries.head2, dtype=np.int64)
    plain = 1.0 / np.maximum(np.asarray(entries.name_len, dtype=np.float64), 1.0)
    n_categories = int(category.max()) + 1 if len(category) else 0
    width = max(n_categories, 1)
    first = (category >= 0) & (head >= 0)
    second = (category >= 0) & (head2 >= 0) & (head2 != head)
    pairs = np.concatenate([head[first] * width + category[first], head2[second] * width + category[second]])
    keys, inverse = np.unique(pairs, return_inverse=True)
    weights = np.bincount(inverse, weights=np.concatenate([plain[first], plain[second]]), minlength=len(keys))
    off = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // width, minlength=n_terms)[:n_terms], out=off[1:])
    known = category >= 0
    stored = len(category) if n_categories else 0  # nothing per entry when no category tells
    return {
        "entry_category": category[:stored].astype(np.int32),
        "entry_plain": plain[:stored].astype(np.float32),
        "headcat_off": off,
        "headcat_cat": (keys % width).astype(np.int32),
        "headcat_weight": weights.astype(np.float32),
        "category_weight": np.bincount(category[known], weights=plain[known], minlength=n_categories).astype(np.float32),
    }
