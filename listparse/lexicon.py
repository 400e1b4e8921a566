"""Loading the lexicon files of ``lexicons/`` (data only; the grammar is in lexicons/README.md).

Files are read once, on first use, through :func:`functools.cache`; nothing is read at import.
The folder is found inside the installed package (``listparse/lexicons``) or, in a source
checkout, beside the package (``lexicons/``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path

from .errors import LexiconError, UnsupportedLanguageError
from .textutil import fold

__all__ = [
    "SUPPORTED_LANGUAGES",
    "LanguageData",
    "PhraseTable",
    "UnitEntry",
    "get_language",
    "lexicon_dir",
    "lexicon_digest",
    "tokenize_phrase",
]

SUPPORTED_LANGUAGES = ("fr", "en")

#: The lexicon file names every language folder must have (a test checks them).
TABLE_FILES = (
    "numbers.tsv", "units.tsv", "containers.tsv", "ambiguous.tsv", "modifiers.tsv", "abbreviations.tsv",
    "places.tsv", "opposites.tsv", "made_of.tsv", "default_states.tsv", "cut_classes.tsv",
)
#: word lists telling what a number beside them is: a dimension ("5 cm"), or part of the name
#: (« taille 4 », « pizza 4 fromages »)
NUMBER_WORD_FILES = ("dimensions.txt", "designations.txt", "counted_kinds.txt")
#: phrase lists the parser reads
PARSE_PHRASE_FILES = (
    "preparation.txt", "determiners.txt", "elisions.txt", "fillers.txt", "leadins.txt",
    "list_refs.txt", "separators.txt", "approx.txt", "amount_leads.txt", "vague.txt", "corrections.txt",
    "ranges.txt", "headings.txt", "aisles.txt", "notes.txt", "compounds.txt", "alternatives.txt", "words.txt",
    *NUMBER_WORD_FILES,
)  # fmt: skip
#: phrase lists catalog linking reads
LINK_PHRASE_FILES = (
    "link_stopwords.txt", "complements.txt", "neutral_words.txt", "flavours.txt", "name_breaks.txt",
    "part_nouns.txt", "substitutes.txt", "adjectives.txt", "produce.txt", "class_nouns.txt", "cooked.txt",
    "sold_by.txt", "rate_words.txt", "not_heads.txt", "plain_words.txt", "keyboard.txt",
)  # fmt: skip
PHRASE_FILES = PARSE_PHRASE_FILES + LINK_PHRASE_FILES
#: tables of list commands and reply templates (``listparse.conversation``)
CONVERSATION_FILES = ("commands.tsv", "replies.tsv")
LANGUAGE_FILES = TABLE_FILES + PHRASE_FILES + CONVERSATION_FILES


@functools.cache
def lexicon_dir() -> Path:
    """The folder holding ``units.txt`` and one sub-folder per language."""
    packaged = resources.files("listparse") / "lexicons"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "lexicons"
    if checkout.is_dir():
        return checkout
    raise LexiconError(f"lexicon folder not found (looked in {packaged} and {checkout})")


@functools.cache
def lexicon_digest() -> str:
    """A digest of every lexicon data file (.txt, .tsv), names and contents: what a built
    index's match keys were made with, so that an index built with other word lists asks to be
    rebuilt (the folder's README does not count)."""
    h = hashlib.sha256()
    root = lexicon_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".tsv"):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _lines(path: Path):
    """(line number, text) of the data lines: comments (#) and blank lines skipped."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file missing: {path}") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 ({exc})") from exc
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line.rstrip("\n")


def read_table(path: Path, columns: int, *, optional: int = 0) -> list[tuple[str, ...]]:
    """Rows of a TSV lexicon with ``columns`` required and ``optional`` further cells."""
    rows = []
    for number, line in _lines(path):
        cells = [c.strip() for c in line.split("\t")]
        if not columns <= len(cells) <= columns + optional or not all(cells[:columns]):
            raise LexiconError(
                f"{path}:{number}: expected {columns} tab-separated cells"
                f"{f' (+{optional} optional)' if optional else ''}, got {line!r}"
            )
        rows.append(tuple(cells) + ("",) * (columns + optional - len(cells)))
    return rows


@functools.cache
def product_words() -> frozenset[str]:
    """Every folded word of the product lexicons (synonyms.tsv, kinds.tsv): words that are no
    slip for a lexicon word (see :func:`slipped`)."""
    words: set[str] = set()
    for name in ("synonyms.tsv", "kinds.tsv"):
        for line in read_words(lexicon_dir() / name):
            words.update(_FOLDED_WORD.findall(fold(line)))
    return frozenset(words)


_FOLDED_WORD = re.compile(r"[a-z]+")


@functools.cache
def product_phrases() -> PhraseTable:
    """The product names of several words of synonyms.tsv ("tin foil", « sac poubelle »,
    « petit pot bébé »), as bare tokens (see :func:`bare_token`): a unit or container word that
    opens one is part of the name, not its amount.

    >>> table = product_phrases()
    >>> table.match([bare_token(t) for t in ("sacs", "poubelle")], 0) is not None
    True
    """
    table = PhraseTable()
    for line in read_words(lexicon_dir() / "synonyms.tsv"):
        for cell in line.split("\t"):
            tokens = tuple(bare_token(t) for t in tokenize_phrase(cell))
            if len(tokens) > 1:
                table.add(tokens, True)
    return table


def bare_token(token: str) -> str:
    """A folded token without the plural mark of its last letter ("sacs", « pots »,
    « gâteaux »), for matching phrases written in the singular."""
    return token[:-1] if len(token) > 3 and token[-1] in "sx" else token


def read_words(path: Path) -> list[str]:
    """The phrases of a one-phrase-a-line lexicon."""
    return [line.strip() for _, line in _lines(path)]


_PHRASE_TOKEN = re.compile(r"\d+(?:[.,/]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)*'?|[^\w\s]", re.UNICODE)


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """Folded tokens of a lexicon phrase, split the way the tokenizer splits text.

    >>> tokenize_phrase("Cuillère à soupe")
    ('cuillere', 'a', 'soupe')
    >>> tokenize_phrase("d'")
    ("d'",)
    """
    return tuple(_PHRASE_TOKEN.findall(fold(phrase)))


class PhraseTable:
    """Longest-match lookup of multi-token phrases over a sequence of folded tokens."""

    def __init__(self, entries: dict[tuple[str, ...], object] | None = None, *, skip=()):
        self._entries: dict[tuple[str, ...], object] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._first: set[str] = set()
        self._first_frozen: frozenset[str] | None = None
        self._skip = frozenset(skip)
        self.max_len = 0
        for key, value in (entries or {}).items():
            self.add(key, value)

    def add(self, key: tuple[str, ...], value: object) -> None:
        key = tuple(t for t in key if t not in self._skip)
        if not key:
            return
        self._entries.setdefault(key, value)
        self._first.add(key[0])
        for i in range(1, len(key)):
            self._prefixes.add(key[:i])
        self.max_len = max(self.max_len, len(key))

    def __contains__(self, key: tuple[str, ...]) -> bool:
        return key in self._entries

    def first_words(self) -> frozenset[str]:
        """The first token of every phrase (cached: tables do not change once built)."""
        if self._first_frozen is None or len(self._first_frozen) != len(self._first):
            self._first_frozen = frozenset(self._first)
        return self._first_frozen

    def __len__(self) -> int:
        return len(self._entries)

    def items(self):
        """The (phrase, value) pairs of the table."""
        return self._entries.items()

    def near(self, word: str, *, min_len: int = 6):
        """The value of the one-word phrase one slip away from ``word`` (a letter left out,
        added, changed, or two swapped), for words of at least ``min_len`` letters: "tabelspoon"
        is a tablespoon. None when there is none, or more than one value."""
        if not min_len <= len(word) <= _LONGEST_SLIPPED or not word.isalpha():
            return None
        index = self._delete_index
        found = {
            id(value): value
            for variant in (word, *_deletes_of(word))
            for key in index.get(variant, ())
            if _one_slip(word, key) and (value := self._entries[(key,)]) is not None
        }
        return next(iter(found.values())) if len(found) == 1 else None

    @functools.cached_property
    def _delete_index(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for key in self._entries:
            if len(key) == 1 and key[0].isalpha() and len(key[0]) >= 5:
                for variant in (key[0], *_deletes_of(key[0])):
                    index.setdefault(variant, []).append(key[0])
        return {k: tuple(v) for k, v in index.items()}

    def get(self, key: tuple[str, ...], default=None):
        return self._entries.get(key, default)

    def match(self, folded: list[str], start: int, stop: int | None = None):
        """(value, end) of the longest phrase starting at ``start``, or None.

        Tokens in ``skip`` (such as ``.``) inside the text are passed over.
        """
        stop = len(folded) if stop is None else stop
        if start >= stop or folded[start] not in self._first:
            return None  # the common case, answered without building keys
        best = None
        key: tuple[str, ...] = ()
        i = start
        while i < stop:
            tok = folded[i]
            i += 1
            if tok in self._skip:
                if not key:
                    return None
                if key in self._entries:
                    # a trailing dot belongs to an abbreviation: "c. à s."
                    best = (self._entries[key], i)
                continue
            key = key + (tok,)
            if key in self._entries:
                best = (self._entries[key], i)
            if key not in self._prefixes:
                break
        return best


_LONGEST_SLIPPED = 24  # a longer word is no lexicon word typed with a slip, and is not looked up


def _deletes_of(word: str) -> set[str]:
    """The word with one letter left out, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_slip(a: str, b: str) -> bool:
    """Whether two different words are one letter left out, added, changed or two swapped apart
    (rapidfuzz's optimal string alignment distance of 1)."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=1) == 1


def slipped(table: PhraseTable, word: str, data: LanguageData):
    """The value of the table's one-word phrase one slip from ``word`` (see
    :meth:`PhraseTable.near`), unless the word is a common word of the language or a word of
    the product lexicons ("spring" of "spring onions" is no slip for "sprig")."""
    if word in data.words or word in product_words():
        return None
    return table.near(word)


@dataclass(frozen=True)
class UnitEntry:
    """A unit word: its canonical id and kind (physical, container or count)."""

    canonical: str
    kind: str  # physical, packaging (sold in shops, can carry a size) or count
    alternative: str = ""
    triggers: frozenset[str] = frozenset()
    trailing: bool = False  # may follow the product: "garlic clove"


@dataclass(frozen=True)
class LanguageData:
    """Everything the pipeline knows about one language, read from ``lexicons/<lang>/``."""

    code: str
    numbers: dict[str, tuple[Fraction, str]]
    units: PhraseTable
    modifiers: PhraseTable
    preparation: PhraseTable
    determiners: PhraseTable
    elisions: frozenset[str]
    fillers: PhraseTable
    leadins: PhraseTable
    list_refs: tuple[re.Pattern[str], ...]
    separators: PhraseTable
    approx: PhraseTable
    amount_leads: frozenset[str]  # words leading a weight after the name ("weighing", « pesant »)
    adjectives: frozenset[str]  # words that only describe a product (adjectives.txt, its words)
    vague: PhraseTable
    corrections: PhraseTable
    ranges: PhraseTable
    headings: frozenset[str]
    aisles: frozenset[str]
    notes: PhraseTable
    places: dict[str, str]  # word → opener, always, prefix or place (places.tsv)
    dimensions: frozenset[str]
    designations: frozenset[str]  # words after which a number names the product (« taille 4 »)
    counted_kinds: frozenset[str]  # nouns a name counts kinds of (« pizza 4 fromages »)
    alternatives: frozenset[str]
    link_stopwords: frozenset[str]
    complements: frozenset[str]
    neutral_words: frozenset[str]
    flavours: frozenset[str]
    words: frozenset[str] = field(repr=False)

    def is_adverb(self, word: str) -> bool:
        """A manner adverb by its ending: "finely", « finement » (not "jelly", « piment »)."""
        suffixes, exceptions = _ADVERB_ENDINGS[self.code]
        return len(word) > 4 and word.endswith(suffixes) and not word.endswith(exceptions)


def _plural_variants(phrase: str, lang: str) -> list[str]:
    """The phrase and its plural (first word pluralised): « cuillère à soupe » → « cuillères … »."""
    words = phrase.split(" ")
    head = words[0]
    out = [phrase]
    if len(head) > 2 and head[-1] not in "sx." and head.isalpha():
        if lang == "fr" and head.endswith(("eau", "eu")):
            plural = head + "x"
        elif lang == "en" and head.endswith(("ch", "sh")):
            plural = head + "es"
        elif lang == "en" and head.endswith("f") and not head.endswith("ff"):
            plural = head[:-1] + "ves"
        elif lang == "en" and head.endswith("y") and head[-2:-1] not in "aeiou":
            plural = head[:-1] + "ies"
        else:
            plural = head + "s"
        out.append(" ".join([plural] + words[1:]))
    return out


# manner adverbs by ending, and endings of nouns that look like them (belly, jelly; piment)
_ADVERB_ENDINGS = {"en": (("ly",), ("lly",)), "fr": (("ement", "mment"), ())}

_UNIT_FLAGS = frozenset({"noplural", "packaging", "trailing"})


def _flags(cell: str, path: Path) -> set[str]:
    flags = {f.strip() for f in cell.split(",") if f.strip()}
    unknown = flags - _UNIT_FLAGS
    if unknown:
        raise LexiconError(f"{path}: unknown flag(s) {sorted(unknown)} (known: {sorted(_UNIT_FLAGS)})")
    return flags


def _phrase_table(path: Path, value=True, *, skip=()) -> PhraseTable:
    table = PhraseTable(skip=skip)
    for phrase in read_words(path):
        table.add(tokenize_phrase(phrase), value)
    return table


@functools.cache
def get_language(code: str) -> LanguageData:
    """The lexicon data of a supported language, read once."""
    if code not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            f"unsupported language {code!r}; listparse knows {', '.join(SUPPORTED_LANGUAGES)}"
        )
    base = lexicon_dir() / code

    numbers: dict[str, tuple[Fraction, str]] = {}
    for word, value, kind in read_table(base / "numbers.tsv", 3):
        try:
            numbers[fold(word)] = (Fraction(value), kind)
        except (ValueError, ZeroDivisionError) as exc:
            raise LexiconError(f"{base / 'numbers.tsv'}: bad value {value!r} for {word!r}") from exc

    units = PhraseTable(skip={"."})
    for name in ("units.tsv", "containers.tsv"):
        for surface, canonical, flag_cell in read_table(base / name, 2, optional=1):
            flags = _flags(flag_cell, base / name)
            kind = "physical" if name == "units.tsv" else "packaging" if "packaging" in flags else "count"
            entry = UnitEntry(canonical, kind, trailing="trailing" in flags)
            variants = [surface] if "noplural" in flags else _plural_variants(surface, code)
            for variant in variants:
                units.add(tokenize_phrase(variant), entry)
    for surface, default, alternative, triggers, flag_cell in read_table(base / "ambiguous.tsv", 4, optional=1):
        flags = _flags(flag_cell, base / "ambiguous.tsv")
        entry = UnitEntry(
            default,
            "packaging" if "packaging" in flags else "count",
            alternative,
            frozenset(fold(t.strip()) for t in triggers.split(",") if t.strip()),
            trailing="trailing" in flags,
        )
        for variant in [surface] if "noplural" in flags else _plural_variants(surface, code):
            units.add(tokenize_phrase(variant), entry)

    modifiers = PhraseTable()
    for surface, tag, action in read_table(base / "modifiers.tsv", 3):
        if action not in ("keep", "drop", "unit"):
            raise LexiconError(f"{base / 'modifiers.tsv'}: action must be keep, drop or unit, not {action!r}")
        modifiers.add(tokenize_phrase(surface), ("" if tag == "-" else tag, action))

    places: dict[str, str] = {}
    for word, kind in read_table(base / "places.tsv", 2):
        if kind not in ("opener", "always", "prefix", "place"):
            raise LexiconError(f"{base / 'places.tsv'}: kind must be opener, always, prefix or place, not {kind!r}")
        places[word.lower()] = kind
        places.setdefault(fold(word.lower()), kind)  # tokens are read folded: « à » as "a"

    list_refs = []
    for number, pattern in _lines(base / "list_refs.txt"):
        try:
            list_refs.append(re.compile(pattern.strip(), re.IGNORECASE))
        except re.error as exc:
            raise LexiconError(f"{base / 'list_refs.txt'}:{number}: bad pattern ({exc})") from exc

    return LanguageData(
        code=code,
        numbers=numbers,
        units=units,
        modifiers=modifiers,
        preparation=_phrase_table(base / "preparation.txt"),
        determiners=_phrase_table(base / "determiners.txt"),
        elisions=frozenset(fold(w) for w in read_words(base / "elisions.txt")),
        fillers=_phrase_table(base / "fillers.txt"),
        leadins=_phrase_table(base / "leadins.txt"),
        list_refs=tuple(list_refs),
        separators=_phrase_table(base / "separators.txt"),
        approx=_phrase_table(base / "approx.txt", skip={"."}),
        amount_leads=frozenset(fold(w) for w in read_words(base / "amount_leads.txt")),
        adjectives=frozenset(fold(w) for w in read_words(base / "adjectives.txt") if not w.startswith("-")),
        vague=_phrase_table(base / "vague.txt"),
        corrections=_phrase_table(base / "corrections.txt"),
        ranges=_phrase_table(base / "ranges.txt"),
        headings=frozenset(" ".join(tokenize_phrase(w)) for w in read_words(base / "headings.txt")),
        aisles=frozenset(" ".join(tokenize_phrase(w)) for w in read_words(base / "aisles.txt")),
        notes=_phrase_table(base / "notes.txt"),
        places=places,
        dimensions=frozenset(fold(w) for w in read_words(base / "dimensions.txt")),
        designations=frozenset(fold(w) for w in read_words(base / "designations.txt")),
        counted_kinds=frozenset(fold(w) for w in read_words(base / "counted_kinds.txt")),
        alternatives=frozenset(fold(w) for w in read_words(base / "alternatives.txt")),
        link_stopwords=frozenset(fold(w) for w in read_words(base / "link_stopwords.txt")),
        complements=frozenset(fold(w) for w in read_words(base / "complements.txt")),
        neutral_words=frozenset(fold(w) for w in read_words(base / "neutral_words.txt")),
        flavours=frozenset(fold(w) for w in read_words(base / "flavours.txt")),
        words=frozenset(fold(w) for w in read_words(base / "words.txt")),
    )
