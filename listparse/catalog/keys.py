"""Match keys: the same normal form for catalog names and for queries.

A key is a list of terms: accent-folded, lower-case words, singular, with label abbreviations
expanded (« ½ écr. » → demi ecreme), without articles and prepositions, numbers or units
(sizes are compared apart); a number after a designation word names the product and stays,
as ``n`` and its digits (« couches taille 4 » gives couch taille n4), and so does a rate below
100 % ("2% milk" gives %2 milk).

>>> terms("Lait ½ écrémé UHT Lactel 1 L")
['lait', 'demi', 'ecreme', 'uht', 'lactel']
>>> terms("Pommes de terre")
['pomme', 'terre']
>>> terms("Strawberries, 16 oz")
['strawberry']
>>> terms("Couches taille 4 (7-18 kg)")
['couch', 'taille', 'n4']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..errors import LexiconError
from ..lexicon import SUPPORTED_LANGUAGES, PhraseTable, get_language, lexicon_dir, read_table, read_words
from ..textutil import fold

__all__ = ["is_stopword", "terms", "brand_span", "sold_by", "singular", "abbreviations", "profile", "head_terms", "name_breaks", "part_nouns", "in_order", "complement_level"]

_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*|[a-z]+")
_WRITTEN = re.compile(r"\d+(?:[.,/]\d+)*|[^\W\d_]+")
_HALF = str.maketrans({"½": " 1/2 ", "¼": " 1/4 ", "¾": " 3/4 ", "\u2044": "/"})


@functools.lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A crude singular shared by French and English, applied alike to names and queries.

    A final « -sse », « -che » loses its e and « -ie » becomes -y, so that French and English
    plurals meet: saucisse(s) and glass(es) end in -ss, vache(s) and peach(es) in -ch,
    charcuterie(s) and berry/berries in -y. A British -ised is written -ized. An English -eaf,
    -oaf, -lf meets its plural in -ve: leaf and leaves, half and halves (a slip in the commoner
    plural stays one letter from the key).

    >>> [singular(w) for w in ("tomates", "berries", "gateaux", "peaches", "cress", "riz")]
    ['tomate', 'berry', 'gateau', 'peach', 'cress', 'riz']
    >>> [singular(w) for w in ("saucisse", "saucisses", "glasses", "vaches", "quiche")]
    ['sauciss', 'sauciss', 'glass', 'vach', 'quich']
    >>> [singular(w) for w in ("leaves", "leaf", "halves", "half", "olives", "cloves")]
    ['leave', 'leave', 'halve', 'halve', 'olive', 'clove']
    >>> singular("crystallised"), singular("crystallized")
    ('crystallized', 'crystallized')
    """
    if len(word) <= 3:
        return word
    if word.endswith(("eaf", "oaf", "lf")):
        return word[:-1] + "ve"  # leaf and leaves, loaf, half, shelf alike
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes", "oes")):
        word = word[:-2]
    elif word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith(("sse", "che", "she")):
        word = word[:-1]
    elif word.endswith("ie") and len(word) > 3:
        word = word[:-2] + "y"  # charcuterie(s) and berry/berries alike
    elif word.endswith("ised") and len(word) > 6:
        word = word[:-3] + "zed"  # British and American spellings meet: caramelised, caramelized
    return word


@functools.cache
def _noise_words() -> frozenset[str]:
    """Measuring-unit abbreviations and pack marks that say nothing about the product (g, cl,
    oz, x, ct, « lot »…). A container or piece word stays: "Peanut Butter Bar" is no peanut
    butter, « maïs en épi » no tin of kernels."""
    words = {"x", "ct", "pk", "pc", "pcs", "pce", "pkg", "btl", "count", "net", "lot", "tr", "gou"}
    for code in SUPPORTED_LANGUAGES:
        units = get_language(code).units
        for entry_key in units.first_words():
            found = units.match([entry_key], 0) if len(entry_key) <= 3 else None
            if found is not None and found[0].kind == "physical":
                words.add(entry_key)
    return frozenset(w for w in words if w.isalpha())


@functools.cache
def _stopwords() -> frozenset[str]:
    """Stop words as written (lower case, accents kept): « dés » (dice) is not « des »."""
    return frozenset(
        w.lower() for c in SUPPORTED_LANGUAGES for w in read_words(lexicon_dir() / c / "link_stopwords.txt")
    )


def is_stopword(word: str) -> bool:
    """Whether a word is a stop word of linking (« de », "of"), as written, lower case.

    >>> is_stopword("de"), is_stopword("h")
    (True, False)
    """
    return word in _stopwords()


@functools.cache
def abbreviations() -> PhraseTable:
    """Label abbreviations of every language, as token phrases → expansion terms."""
    table = PhraseTable()
    for code in SUPPORTED_LANGUAGES:
        path = lexicon_dir() / code / "abbreviations.tsv"
        for short, long in read_table(path, 2):
            key = tuple(_TOKEN.findall(fold(short.translate(_HALF))))
            if key:
                table.add(key, tuple(_TOKEN.findall(fold(long))))
    return table


@functools.cache
def sold_by() -> PhraseTable:
    """Phrases telling how a product is sold (« au kg », "each"; sold_by.txt of every
    language), as folded token phrases: keys leave them out."""
    table = PhraseTable()
    for code in SUPPORTED_LANGUAGES:
        for phrase in read_words(lexicon_dir() / code / "sold_by.txt"):
            key = tuple(_TOKEN.findall(fold(phrase.lower())))
            if key:
                table.add(key, True)
    return table


@functools.cache
def _sold_first() -> frozenset[str]:
    """The first words of the phrases of :func:`sold_by`."""
    return frozenset(sold_by().first_words())


def _without_sold_by(raw: list[str]) -> list[str]:
    """The folded tokens without the phrases of :func:`sold_by`."""
    if _sold_first().isdisjoint(raw):
        return raw
    table = sold_by()
    out: list[str] = []
    i = 0
    while i < len(raw):
        found = table.match(raw, i)
        if found is not None:
            i = found[1]
            continue
        out.append(raw[i])
        i += 1
    return out


def brand_span(words: Sequence[str], brand: Sequence[str]) -> tuple[int, int] | None:
    """Where a name's terms spell its brand's, first (start, end), or None.

    >>> brand_span(["lait", "demi", "ecreme", "lactel"], ["lactel"])
    (3, 4)
    """
    n = len(brand)
    if n:
        for at in range(len(words) - n + 1):
            if words[at : at + n] == brand:
                return at, at + n
    return None


def terms(text: str) -> list[str]:
    """The match key of a product name or a query (see the module docstring)."""
    return [term for term, _ in terms_and_words(text)]


def settled_term(word: str) -> str | None:
    """The term a lone word of letters gives in a key whatever the words around it: its
    singular (see :func:`terms_and_words`); None when that is not settled (an abbreviation may
    start at the word, or a key drops it, as a stop word or a unit).

    >>> settled_term("carottes"), settled_term("de"), settled_term("pdt")
    ('carotte', None, None)
    """
    if not word.isalpha():
        return None
    written = word.lower()
    raw = fold(written)
    if len(raw) < 2 or not raw.isalpha() or written in _stopwords() or raw in _noise_words():
        return None
    if raw in abbreviations().first_words():  # see begins_abbreviation
        return None
    return singular(raw)


def begins_abbreviation(word: str) -> bool:
    """Whether a label abbreviation may start at the word (« pdt », « ½ »): a key then reads the
    words after it with it."""
    return fold(word.lower()) in abbreviations().first_words()


@functools.cache
def _designations() -> frozenset[str]:
    """Words after which a number names the product (designations.txt of every language)."""
    return frozenset(w for c in SUPPORTED_LANGUAGES for w in get_language(c).designations)


def _designated(text: str, written: list[str], k: int) -> bool:
    """Whether the number ``written[k]`` names the product after its designation word: right
    after it (« taille 4 », « n° 5 », not "Family Size, 18 oz") and followed by no unit or pack
    word ("size 18 oz")."""
    if k + 1 < len(written) and fold(written[k + 1]) in _noise_words():
        return False
    number = rf"(?<![\w/])(?<!\d[.,]){re.escape(written[k])}(?![\w/]|[.,]\d)"
    return re.search(rf"{re.escape(written[k - 1])}[\s°.#]*{number}", text.translate(_HALF).lower()) is not None


def _rate(text: str, number: str) -> str | None:
    """The term of a rate below 100 % that the number gives in the text ("2% milk": %2; « 1,5 %
    MG »: %1.5), or None: no % follows it, or it says 100 % ("100% Orange Juice")."""
    if re.search(rf"(?<![\w.,/]){re.escape(number)}\s?%", text) is None:
        return None
    value = number.replace(",", ".")
    try:
        if not 0 <= float(value) < 100:
            return None
    except ValueError:
        return None
    return "%" + (value.rstrip("0").rstrip(".") if "." in value else value.lstrip("0") or "0")


@functools.lru_cache(maxsize=200_000)
def terms_and_words(text: str) -> list[tuple[str, str]]:
    """Each term of the key with the folded word it came from (before the singular): typo
    fixes start from the word as typed, « framboies » rather than its mangled singular."""
    lowered = text.translate(_HALF).lower()
    written = _WRITTEN.findall(lowered)
    raw = written if lowered.isascii() else [fold(w) for w in written]  # folding changes no ASCII word
    table = abbreviations()
    short = table.first_words()
    out: list[tuple[str, str]] = []
    noise = _noise_words()
    stop = _stopwords()
    sold = sold_by() if not _sold_first().isdisjoint(raw) else None
    i = 0
    n = len(raw)
    while i < n:
        if sold is not None and (how := sold.match(raw, i)) is not None:
            i = how[1]  # « Tomates rondes au kg », "Lemons, each": how it is sold
            continue
        found = table.match(raw, i) if raw[i] in short else None
        if found is not None:
            expansion, i = found
            out.extend((singular(t), t) for t in expansion if t not in stop)
            continue
        tok = raw[i]
        i += 1
        if tok[0].isdigit():
            if tok == "1/2" and i < n and raw[i].isalpha() and raw[i] not in noise:
                out.append(("demi", "demi"))  # « lait ½ écrémé », "½ skimmed"
            elif tok.isdigit() and i > 1 and raw[i - 2] in _designations() and _designated(text, written, i - 1):
                out.append(("n" + tok.lstrip("0"), tok))  # « taille 4 », "size 4", « n° 5 »
            elif "%" in text and (rate := _rate(text, tok)) is not None:
                out.append((rate, tok))  # "2% milk", « 0% MG »
            continue
        if written[i - 1] in stop or tok in noise or len(tok) == 1 or not tok.isalnum():
            continue
        if tok in _count_words() and _count_at(raw, i - 1) is not None:
            continue  # a count in words is no key term, as digits are not: « quatre fromages »
        out.append((singular(tok), tok))
    return out


@functools.cache
def _count_words() -> dict[str, int]:
    """The number words from two to twelve of every language (numbers.tsv), folded, and their
    values: a name writes « Pizza aux 4 fromages » as often as « quatre fromages », "Four
    Cheese" as "4 Cheese"."""
    return {
        fold(word): int(value)
        for code in SUPPORTED_LANGUAGES
        for word, (value, kind) in get_language(code).numbers.items()
        if kind in ("digit", "teen") and 2 <= value <= 12 and " " not in word
    }


@functools.cache
def _measure_words() -> frozenset[str]:
    """The first words of every language's units and containers, folded (« 6 bouteilles »,
    "4 oz" count no kind of product)."""
    return frozenset(w for code in SUPPORTED_LANGUAGES for w in get_language(code).units.first_words())


@functools.lru_cache(maxsize=50_000)
def counted_terms(text: str) -> frozenset[tuple[int, str]]:
    """The numbers from two to twelve that count a word in the text, in digits or in words,
    each with the key term of that word (« Les 3 poivres », "Four Cheese"; not units or packs:
    « 6 x 33 cl »).

    >>> sorted(counted_terms("Quatre Poivres")), sorted(counted_terms("4 huiles, 500 ml"))
    ([(4, 'poivre')], [(4, 'huile')])
    """
    raw = _TOKEN.findall(fold(text.translate(_HALF).lower()))
    return frozenset(
        (count, singular(raw[k + 1])) for k in range(len(raw)) if (count := _count_at(raw, k)) is not None
    )


def _count_at(raw: list[str], k: int) -> int | None:
    """The number from two to twelve that ``raw[k]`` says, in digits or in words, when it
    counts what the next word names (« quatre fromages », "Four Cheese"), not units or packs
    (« six bouteilles », "two oz"); None otherwise."""
    token = raw[k]
    if token.isdigit():
        count = int(token) if len(token) <= 2 and 2 <= int(token) <= 12 else None  # not 20,000 digits
    else:
        count = _count_words().get(token)
    if count is None or k + 1 >= len(raw):
        return None
    after = raw[k + 1]
    return count if after.isalpha() and after not in _noise_words() and after not in _measure_words() else None


@functools.lru_cache(maxsize=50_000)
def word_sequence(text: str) -> tuple[str, ...]:
    """The key terms of a name in their order, with "#" where a number stands, so that words
    a number separates are not taken as side by side ("Tomato 100% Juice"), but for a count of
    the next word (« Pizza aux 4 fromages »).

    >>> word_sequence("Great Value Tomato 100% Juice, 64 fl oz")
    ('great', 'value', 'tomato', '#', 'juice', '#', 'fl', 'oz')
    """
    stop = _stopwords()
    written = _WRITTEN.findall(text.translate(_HALF).lower())
    raw = [fold(w) for w in written]
    counts = {k for k in range(len(raw)) if _count_at(raw, k) is not None}
    return tuple(
        "#" if w[0].isdigit() else singular(raw[k])
        for k, w in enumerate(written)
        if w not in stop and (w[0].isdigit() or len(w) > 1) and k not in counts
    )


def in_order(words: list[str], text: str) -> bool:
    """Whether the terms stand side by side and in this order in the name (« fromage de
    chèvre frais » has « fromage chèvre », « fromage frais pur chèvre » has not).

    >>> in_order(["fromage", "chevre"], "Fromage de chèvre frais"), in_order(["fromage", "chevre"], "Fromage frais pur chèvre")
    (True, False)
    """
    seq = word_sequence(text)
    n = len(words)
    return n > 0 and any(list(seq[i : i + n]) == words for i in range(len(seq) - n + 1))


def side_by_side(first: str, second: str, text: str) -> bool:
    """Whether the two terms stand next to each other as written, no word between them, not
    even one the key drops: « fromage mascarpone » joins a class noun and its kind, « fromage
    à pâte filée » does not.

    >>> side_by_side("fromage", "mascarpone", "Fromage mascarpone")
    True
    >>> side_by_side("fromage", "pate", "Fromage à pâte filée")
    False
    """
    written = [singular(fold(w)) for w in _WRITTEN.findall(text.translate(_HALF).lower())]
    return any(a == first and b == second for a, b in zip(written, written[1:]))


def split_phrase(phrase: Sequence[str], text: str) -> bool:
    """Whether the name holds every term of the phrase, but never in its order with at most one
    word between two of them: "Spinach Apple Baby Food" splits "baby spinach"; « Lait UHT
    demi-écrémé » holds « lait demi écrémé » together.

    >>> split_phrase(["baby", "spinach"], "Organic Spinach Apple Baby Food")
    True
    >>> split_phrase(["baby", "spinach"], "Baby Leaf Spinach")
    False
    >>> split_phrase(["lait", "demi", "ecreme"], "Lait UHT demi-écrémé"), split_phrase(["lait", "demi"], "Beurre doux")
    (False, False)
    """
    seq = word_sequence(text)
    if not set(phrase) <= set(seq):
        return False
    for start, word in enumerate(seq):
        if word != phrase[0]:
            continue
        at = start
        for term in phrase[1:]:
            window = seq[at + 1 : at + 3]
            if term not in window:
                break
            at += 1 + window.index(term)
        else:
            return False
    return True


@functools.cache
def neutral_words() -> frozenset[str]:
    """Label words that do not change the product (« nature », "original", pack words)."""
    return frozenset(
        singular(w) for c in SUPPORTED_LANGUAGES for w in get_language(c).neutral_words
    )


@functools.cache
def _adjectives(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words (as key terms) and the endings (as written) of adjectives.txt."""
    lines = read_words(lexicon_dir() / lang / "adjectives.txt")
    words = frozenset(t for line in lines if not line.startswith("-") for t in terms(line))
    return words, tuple(line[1:] for line in lines if line.startswith("-"))


@functools.lru_cache(maxsize=50_000)
def adjective_terms(text: str, lang: str, *, uses: bool = True) -> frozenset[str]:
    """The terms of a name or query that describe a product without naming a kind of it
    (adjectives.txt): a word of the list, also in the feminine in French (« fermière »), or one
    whose written ending is listed, after at least three letters. ``uses=False`` leaves out
    the words in -ing, which in a name often make a product of their own ("Baking Powder")
    while in a query they tell what it is for ("baking potatoes").

    >>> sorted(adjective_terms("Pitted dates and seed bars", "en"))
    ['pitted']
    >>> sorted(adjective_terms("Crisp Apples, Apple Crisps", "en"))
    ['crisp']
    >>> sorted(adjective_terms("Écrevisses précuites, thé fermière", "fr"))
    ['fermiere', 'precuite']
    """
    words, endings = _adjectives(lang)
    out = set()
    for term, word in terms_and_words(text):
        if lang == "en" and word != term and word.endswith("s"):
            continue  # an English adjective takes no plural: "Crisps" are a product
        if term in words or (lang == "fr" and term.endswith("e") and term[:-1] in words):
            out.add(term)
    if not uses:
        endings = tuple(e for e in endings if e != "ing")
    for written in _WRITTEN.findall(text.lower()):
        if any(written.endswith(e) and len(written) - len(e) >= 3 for e in endings):
            out.update(terms(written))
    return frozenset(out)


_WITHOUT_BEFORE = frozenset({"san", "no", "non", "without"})  # « sans » is keyed san
_WITHOUT_AFTER = frozenset({"free"})


def said_without(words: Sequence[str]) -> frozenset[str]:
    """The terms a name says it is without: "Salt Free", "no salt added", « sans sucre ».

    >>> sorted(said_without(terms("Unsweetened & Salt Free Sunflower Butter")))
    ['salt']
    >>> sorted(said_without(terms("Biscuits sans sucre")))
    ['sucre']
    """
    return frozenset(
        t
        for k, t in enumerate(words)
        if (k and words[k - 1] in _WITHOUT_BEFORE) or (k + 1 < len(words) and words[k + 1] in _WITHOUT_AFTER)
    )


@functools.cache
def flavours() -> frozenset[str]:
    """Flavour and variety words (« fraise », "chocolate"), as key terms."""
    return frozenset(singular(w) for c in SUPPORTED_LANGUAGES for w in get_language(c).flavours)


@functools.cache
def plain_words(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """From plain_words.txt, as key terms: the words saying a product is of no flavour
    ("original", « nature »); the flavour words such a name does not contradict (colours, the
    lines after "-"); the words asking for some flavour, whichever ("flavoured", « aromatisé »,
    the lines after "+")."""
    words = read_words(lexicon_dir() / lang / "plain_words.txt")
    marked = {mark: frozenset(singular(fold(w[1:])) for w in words if w[:1] == mark) for mark in "-+"}
    plain = frozenset(singular(fold(w)) for w in words if w[:1] not in ("-", "+"))
    return plain, marked["-"], marked["+"]


@functools.cache
def tastes() -> frozenset[str]:
    """The flavour words that are no colour (see :func:`plain_words`): a name giving one is
    flavoured ("Strawberry Yogurt"), one giving a colour is not ("White Chocolate")."""
    return flavours().difference(*(plain_words(code)[1] for code in SUPPORTED_LANGUAGES))


def _word_terms(file: str, lang: str | None) -> frozenset[str]:
    """The words of a lexicon word list of the language (every language's when ``lang`` is
    None), as key terms (folded, singular)."""
    codes = SUPPORTED_LANGUAGES if lang is None else (lang,)
    return frozenset(singular(fold(w)) for c in codes for w in read_words(lexicon_dir() / c / file))


@functools.cache
def class_nouns(lang: str) -> frozenset[str]:
    """Nouns of a class whose kinds names often write alone (class_nouns.txt: "cheese"), as key
    terms."""
    return _word_terms("class_nouns.txt", lang)


@functools.cache
def produce(lang: str) -> frozenset[str]:
    """Flavour words also sold as themselves (produce.txt: fruit, nuts, herbs, flavouring
    vegetables), as key terms."""
    return _word_terms("produce.txt", lang)


@functools.cache
def cooked(lang: str) -> frozenset[str]:
    """Cooking words that make a dish of a product (cooked.txt: mashed, « rôti »), as key terms."""
    return _word_terms("cooked.txt", lang)


@functools.cache
def opposites(lang: str) -> tuple[tuple[tuple[tuple[str, ...], ...], ...], ...]:
    """Groups of meanings that exclude each other on one product (« cru », « cuit »; "fresh",
    "frozen"), each meaning the words or phrases that say it ("skim", "nonfat"), each phrase as
    key terms (opposites.tsv of the language).

    >>> [g for g in opposites("en") if any(("nonfat",) in meaning for meaning in g)][0][:2]
    ((('whole',),), (('skim',), ('skimmed',), ('nonfat',), ('fat', 'free')))
    """
    groups = []
    for line in read_words(lexicon_dir() / lang / "opposites.tsv"):
        group = []
        for cell in line.split("\t"):
            meaning = tuple(dict.fromkeys(tuple(terms(p)) for p in cell.split("|") if terms(p)))
            if meaning:
                group.append(meaning)
        if len(group) > 1:
            groups.append(tuple(group))
    return tuple(groups)


@functools.cache
def default_states(lang: str) -> dict[str, tuple[tuple[tuple[tuple[str, ...], ...], ...], int]]:
    """Products asked in one state when the query names none (default_states.tsv: fruit and
    vegetables fresh) → the group of :func:`opposites` and the place of that state in it.

    >>> group, k = default_states("en")["strawberry"]
    >>> group[k], group[k + 1]
    ((('fresh',),), (('frozen',),))
    """
    groups = opposites(lang)
    out = {}
    for word, state in read_table(lexicon_dir() / lang / "default_states.tsv", 2):
        key = tuple(terms(state))
        found = next(((g, k) for g in groups for k, meaning in enumerate(g) if key in meaning), None)
        if found is None:
            raise LexiconError(f"default_states.tsv ({lang}): {state!r} is no state of opposites.tsv")
        words = terms(word)
        if len(words) == 1:
            out[words[0]] = found
    return out


@functools.cache
def made_of(lang: str) -> dict[str, frozenset[str]]:
    """Products that, said alone, are made of one usual thing → the words a name may add that
    keep it that product (made_of.tsv of the language), as key terms: "milk" → cow, dairy…

    >>> sorted(made_of("fr")["farine"])[:2]
    ['ble', 'froment']
    """
    out: dict[str, frozenset[str]] = {}
    for line in read_words(lexicon_dir() / lang / "made_of.tsv"):
        word, _, usual = line.partition("\t")
        if key := terms(word):
            out[key[0]] = frozenset(t for w in usual.split(",") for t in terms(w))
    return out


def held_meanings(group: tuple[tuple[tuple[str, ...], ...], ...], held: set[str] | frozenset[str]) -> set[int]:
    """The meanings of ``group`` (by their place in it) said by a phrase whose every term is in
    ``held``, but for a phrase held only as part of a longer one held too (« demi-écrémé »
    holds « écrémé »).

    >>> held_meanings(((("entier",),), (("ecreme",),), (("demi", "ecreme"),)), {"lait", "demi", "ecreme"})
    {2}
    >>> held_meanings(((("whole",),), (("skim",), ("nonfat",))), {"nonfat", "milk"})
    {1}
    """
    found = [(k, p) for k, meaning in enumerate(group) for p in meaning if all(t in held for t in p)]
    return {k for k, p in found if not any(len(q) > len(p) and set(p) <= set(q) for _, q in found)}


@functools.cache
def _substitute_pattern() -> re.Pattern[str]:
    phrases = {fold(w).lower() for c in SUPPORTED_LANGUAGES for w in read_words(lexicon_dir() / c / "substitutes.txt")}
    alternatives = sorted((r"[\s-]+".join(map(re.escape, p.split())) for p in phrases if p.strip()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b") if alternatives else re.compile(r"(?!)")


def is_substitute(text: str) -> bool:
    """Whether a name or query marks a product made to stand in for another ("plant-based
    ground beef", « haché végétal »; substitutes.txt, every language).

    >>> is_substitute("Beyond Meat Plant-Based Ground Beef"), is_substitute("Ground Beef 80/20")
    (True, False)
    """
    return _substitute_pattern().search(fold(text).lower()) is not None


@functools.cache
def _complements() -> frozenset[str]:
    return frozenset(w for c in SUPPORTED_LANGUAGES for w in get_language(c).complements if " " not in w)


@functools.cache
def _complement_phrases() -> tuple[tuple[str, ...], ...]:
    """The complement phrases of several words (« à la »), as folded tokens."""
    return tuple(
        tuple(_TOKEN.findall(w)) for c in SUPPORTED_LANGUAGES for w in get_language(c).complements if " " in w
    )


def before_complement(term: str, text: str) -> bool:
    """Whether the term is written in the name before its first complement word (« de », « à »,
    "with"): « Pompadour pommes de terre à chair ferme » names potatoes after a variety,
    « Tarte aux pommes » holds apples only in its complement; only its leading phrase counts
    (not « (kit pour 2 escalopes de porc) »).

    >>> before_complement("pomme", "Pompadour pommes de terre à chair ferme")
    True
    >>> before_complement("pomme", "Tarte aux pommes")
    False
    """
    stops = _complements() | _OF_WORDS
    seen = False
    for word in _without_sold_by(_TOKEN.findall(fold(_HEAD_PART.split(text, maxsplit=1)[0]))):
        if word in stops:
            return seen
        seen = seen or singular(word) == term
    return False  # no complement word: the complement is a flavour, its place unknown


@functools.cache
def name_breaks(lang: str | None = None) -> frozenset[str]:
    """Words after which a name stops naming its product ("Penne alla Vodka"), folded; every
    language's when ``lang`` is None."""
    codes = SUPPORTED_LANGUAGES if lang is None else (lang,)
    return frozenset(fold(w) for c in codes for w in read_words(lexicon_dir() / c / "name_breaks.txt"))


@functools.cache
def part_nouns(lang: str | None = None) -> frozenset[str]:
    """Nouns of a cut or piece (« queues », "fillets"), as key terms; every language's when
    ``lang`` is None."""
    return _word_terms("part_nouns.txt", lang)


@functools.cache
def cut_classes(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cut noun → the classes of kinds.tsv whose kinds alone it is no product of its own of
    (cut_classes.tsv: leaves of a herb are the herb), all as key terms."""
    return {
        singular(fold(cut)): tuple(t for c in classes.split(",") if (t := tuple(terms(c))))
        for cut, classes in read_table(lexicon_dir() / lang / "cut_classes.tsv", 2)
    }


_OF_WORDS = frozenset({"de", "d", "du", "des"})
_AND_WORDS = frozenset({"et", "and"})
_PLUS = re.compile(r"\s\+\s")
_HEAD_PART = re.compile(r"\s[-–]\s|[,(|/]")


def _lead(text: str, breaks: frozenset[str]) -> str:
    """The leading phrase of a name: up to a comma, a dash or a parenthesis, and up to a word
    after which the name no longer names its product ("Tuna in Water")."""
    lead = _HEAD_PART.split(text, maxsplit=1)[0]
    words = lead.split()
    for k, word in enumerate(words[1:], 1):
        if fold(word.lower()) in breaks:
            return " ".join(words[:k])
    return lead


def lead_phrase(text: str, lang: str | None = None) -> str:
    """The leading phrase of a name or query, up to a word that no longer names its product
    (name_breaks.txt of the language), a comma, a dash or a parenthesis.

    >>> lead_phrase("capers in vinegar", "en"), lead_phrase("Sardines à l'huile", "fr")
    ('capers', "Sardines à l'huile")
    """
    return _lead(text, name_breaks(lang))


def head_terms(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The terms that name the product of a name or a query, its head first: the first term in
    French (« Crème de pistaches » is a cream), the last of the leading phrase in English
    ("Garlic Bread, 16 oz" is bread, "Penne alla Vodka" is penne), both for an unknown language.
    A cut or a piece names its product too: « Queues d'écrevisses », "Salmon Fillets".

    >>> head_terms("Queues d'écrevisses de Louisiane", "fr")
    ('queue', 'ecreviss')
    >>> head_terms("Wild Salmon Fillets, 12 oz", "en"), head_terms("Penne alla Vodka", "en")
    (('fillet', 'salmon'), ('penne',))

    A rate names no product, nor does what it measures: "Milk 2%" is milk, « 0% fromage blanc »
    is fromage, "Single Cream 12% Fat" is cream.

    >>> head_terms("Single Cream 12% Fat, 20 cl", "en"), head_terms("Dark Chocolate 70% Cocoa", "en")
    (('cream',), ('chocolate',))

    Nor does a count or a size that ends an English name: "Baking Powder 6 Sachets" is powder,
    "Baby Dry Diapers Size 4" diapers.

    >>> head_terms("Baking Powder 6 Sachets", "en"), head_terms("Baby Dry Diapers Size 4", "en")
    (('powder',), ('diaper',))
    """
    if lang == "fr":
        words = _unrated(terms(text), text)
        packaging, cuts = _not_heads("fr"), part_nouns("fr")
        if len(words) > 1 and ((words[0],) in packaging or words[0] in cuts):
            raw = _TOKEN.findall(fold(text))  # the name as written: is « de » next?
            if (words[0],) in packaging and len(raw) > 1 and raw[1] in _OF_WORDS:
                # « Sachet de nougat » is nougat; « Lot de 4 paquets Prince » neither lot nor packs
                while len(words) > 1 and (words[0],) in packaging:
                    words = words[1:]
            if len(words) > 1 and words[0] in cuts and any(t in _OF_WORDS for t in raw[1:3]):
                return (words[0], words[1])
        return tuple(words[:1])
    if lang == "en":
        lead = _english_lead(text)
        if len(lead) > 1 and lead[-1] in part_nouns("en"):
            return (lead[-1], lead[-2])
        return tuple(lead[-1:])
    words = _unrated(terms(text), text)
    lead = _unrated(terms(_lead(text, name_breaks())), text) or words
    return tuple(dict.fromkeys(words[:1] + lead[-1:]))


def source_word(text: str, lang: str | None) -> str | None:
    """The word of a name that may say what its product is made of, as a term: in English the
    word right before the head word ("Rye Flour"), in French the word after « de » right after
    it (« Farine de seigle »); None when there is none, or the language is unknown.

    >>> source_word("Organic Rye Flour, 2 lb", "en"), source_word("Lait d'amande", "fr")
    ('rye', 'amande')
    >>> source_word("Flour", "en"), source_word("Lait entier", "fr"), source_word("Beurre d'Isigny", "fr")
    (None, None, None)
    """
    if lang == "fr":
        # « de » (not « du », « des »: « Lait des Alpes »); a word with a capital letter after a
        # « de » without one is a place or a brand: « Beurre d'Isigny » (not « Farine De Riz »)
        written = _WRITTEN.findall(_lead(text, name_breaks("fr")))
        if len(written) < 3 or written[1].lower() not in ("de", "d"):
            return None
        if written[2][:1].isupper() and not written[1][:1].isupper():
            return None
        found = terms(written[2])
        return found[0] if found else None
    if lang != "en":
        return None
    lead = _english_lead(text)
    heads = head_terms(text, "en")
    if not heads or heads[0] not in lead:
        return None
    at = len(lead) - 1 - lead[::-1].index(heads[0])
    return lead[at - 1] if at > 0 else None


def _english_lead(text: str) -> list[str]:
    """The terms of an English name's leading phrase that may name its product: no rate and
    what it measures, no count or designated size at its end (the whole name's terms when its
    leading phrase holds none)."""
    lead = _unrated(terms(_uncounted(_lead(text, name_breaks("en")))), text)
    return _unlabelled(_undesignated(lead or _unrated(terms(text), text)))


@functools.cache
def _not_heads(lang: str) -> frozenset[tuple[str, ...]]:
    """The phrases of not_heads.txt of the language, as key terms ("*" kept for any word)."""
    return frozenset(
        key
        for p in read_words(lexicon_dir() / lang / "not_heads.txt")
        if (key := tuple(t for w in p.split() for t in (["*"] if w == "*" else terms(w))))
    )


@functools.cache
def _trailing_words() -> tuple[frozenset[tuple[str, ...]], int]:
    """What may end an English name without naming its product (the phrases of
    not_heads.txt), and the longest's length."""
    phrases = _not_heads("en")
    return phrases, max(map(len, phrases), default=0)


def _unlabelled(words: list[str]) -> list[str]:
    """The terms of an English name without the phrases that end it naming no product
    (:func:`_trailing_words`), one after another: "Muffin Mix 11.5 oz. Box" is mix,
    "Lollipops Value Size Box" lollipops, "Organic Butter Salted" butter, "Matzo Meal Panko
    Style" meal; at least one term stays."""
    phrases, longest = _trailing_words()
    found = True
    while found:
        found = False
        for n in range(min(longest, len(words) - 1), 0, -1):
            tail = tuple(words[-n:])
            if tail in phrases or (n > 1 and ("*", *tail[1:]) in phrases):
                words, found = words[:-n], True
                break
    return words


_TRAILING_COUNT = re.compile(r"(?<=[^\W\d])\s+\d+\s*([^\W\d_]+)\W*$")


def _uncounted(lead: str) -> str:
    """The leading phrase of an English name without the count that ends it, a number and a
    plural or label word: "Baking Powder 6 Sachets" is baking powder ("Heinz 57 Sauce" is
    sauce)."""
    found = _TRAILING_COUNT.search(lead)
    if found is None:
        return lead
    word = fold(found.group(1)).lower()
    unit = get_language("en").units.get((word,))
    if unit is not None and unit.kind == "physical":
        return lead  # a size: "Sicilian Pistachio 1 Pint" names no product before it
    counted = (len(word) > 3 and word.endswith("s")) or singular(word) in neutral_words()
    return lead[: found.start()] if counted else lead


def _undesignated(words: list[str]) -> list[str]:
    """The terms without the designated number that ends them and its designation word:
    "Diapers Size 4" is diapers."""
    while len(words) > 2 and words[-1][:1] == "n" and words[-1][1:2].isdigit() and words[-2] in _designations():
        words = words[:-2]
    return words


def _unrated(words: list[str], text: str) -> list[str]:
    """The terms of the text without rates (%2) and the words saying what a rate measures
    right after it (rate_words.txt: "12% fat", « 30% MG »); the terms themselves when it holds
    no %."""
    if "%" not in text:
        return words
    measures = _rate_words()
    return [
        t for k, t in enumerate(words)
        if not t.startswith("%") and not (k and words[k - 1].startswith("%") and t in measures)
    ]  # fmt: skip


@functools.cache
def _rate_words() -> frozenset[str]:
    return _word_terms("rate_words.txt", None)


def profile(text: str) -> tuple[list[str], str | None, str | None, bool]:
    """(terms, first term, last term of the leading phrase, has a complement) of a name.

    The head of a French name is its first word (« Crème de pistaches » is a cream), of an
    English one the last word before any comma (« Garlic Bread, 16 oz » is bread).

    >>> profile("Great Value Garlic Bread, 16 oz")
    (['great', 'value', 'garlic', 'bread'], 'great', 'bread', False)
    >>> profile("Yaourt aux fraises")[3]
    True
    """
    words = terms(text)
    lead = terms(_lead(text, name_breaks())) or words
    return words, (words[0] if words else None), (lead[-1] if lead else None), complement_level(text) > 0


def complement_level(text: str) -> int:
    """2 when a complement word turns the product into another one (« Pintade aux raisins »,
    "Penne alla Vodka"), 1 for a noun complement « X de Y » after the first word, which as often
    tells a kind as another product (« Pintade de Bresse », « Lait de coco »), else 0.

    >>> [complement_level(n) for n in ("Pintade aux raisins", "Pintade de fête", "Pintade")]
    [2, 1, 0]
    >>> complement_level("Fleur de sel à la coriandre"), complement_level("Pâte à tartiner")
    (2, 0)
    >>> complement_level("Cerise & Mûre"), complement_level("Dried Watermelon - Good & Gather")
    (2, 0)
    >>> complement_level("Chickpea + Tomato + Onion"), complement_level("Vitamin C+ Drink")
    (2, 0)
    """
    raw = _without_sold_by(_TOKEN.findall(fold(text)))  # « au kg » is no complement
    held = set(raw)
    if held & _complements():
        return 2
    # two products joined in the name proper: « Cerise & Mûre », "Chicken and Vegetable" (not
    # a brand after a dash: "Dried Watermelon - Good & Gather")
    if "&" in text or "+" in text or held & _AND_WORDS:
        joined = _PLUS.sub(" and ", text.replace("&", " and "))  # "Chickpea + Tomato + Onion"
        lead = _TOKEN.findall(fold(_HEAD_PART.split(joined, maxsplit=1)[0]))
        if set(lead[1:-1]) & _AND_WORDS:
            return 2
    for phrase in _complement_phrases():
        n = len(phrase)
        if phrase[0] in held and any(tuple(raw[i : i + n]) == phrase for i in range(1, len(raw) - n + 1)):
            return 2
    return 1 if any(t in _OF_WORDS for t in raw[1:-1]) else 0
