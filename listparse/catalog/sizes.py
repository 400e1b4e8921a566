"""Pack sizes of catalog products: « 1 L », "6 x 33 cl", "64 fl oz", "12 ct".

A size is read with the parser's own machinery: numbers come from
:func:`listparse.stages.tokenize.tokenize` (so « 1,5 L » is 3/2 liter) and unit words from the
lexicons (``get_language(lang).units``), giving pint ids such as ``liter``, ``gram`` or
``fluid_ounce``. Only physical units (mass and volume) make a size. Kitchen measures (cup,
tablespoon, teaspoon, dessertspoon) do not: in a product name "6 cups" or « 2 c. à s. » is a
container or a serving, not the content of the pack.

The result is ``(pack_count, (quantity, unit))``:

>>> parse_size("6 x 33 cl")
(6, (Fraction(33, 1), 'centiliter'))
>>> parse_size("0,75 l")
(None, (Fraction(3, 4), 'liter'))
>>> parse_size("12 ct")
(12, None)
>>> size_in_name("Coca-Cola 6 x 33 cl")
(6, (Fraction(33, 1), 'centiliter'))
>>> size_in_name("Whole Milk, 1 gal")
(None, (Fraction(1, 1), 'gallon'))
>>> size_in_name("Pain de mie complet") is None
True

Forms understood, at any position in the text:

- ``Q unit``: "500 g", "75cl", "1.5 lb", "64 fl oz", "2-lb";
- ``N x Q unit`` and ``Q unit x N``: "6 x 33 cl", "2x1L", "12 × 1,5 L", "33 cl x 24" (``*``
  and ``×`` also work), giving the pack count N and the size of one unit;
- ``x N`` alone: a count of pieces (« Œufs frais x6 », « Oeufs x 12 »), or of units of the
  size after it (« Yaourt x4 125g »);
- ``N ct``: a count (``ct``, ``count``, ``pk`` or a lexicon word for pieces: "12 ct", "8 pcs",
  « 6 pièces »), giving the pack count and no size; "2 x 12 ct" is 24. A count that is not a
  whole number ("3.5 ct") gives ``(None, None)``.

:func:`parse_size` reads the first size of a text (a ``size`` or ``quantity`` column);
:func:`size_in_name` the last size of a product name, preferring a physical size to a count:
in "Cookies 6ct/13oz" the pack weighs 13 oz (the 6 cookies are not separate units of 13 oz), so
the result is ``(None, (13, 'ounce'))``. Both are cached per distinct string, and a name with no
digit followed by a letter (or a times sign followed by a digit) is answered by a regular-expression
test or two, without tokenizing.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

from ..lexicon import SUPPORTED_LANGUAGES, get_language
from ..stages.tokenize import tokenize

__all__ = ["parse_size", "size_in_name"]

#: (pack_count, (quantity, unit)): either part may be None, never both unless a count is not whole.
SizeResult = tuple[int | None, tuple[Fraction, str] | None]

#: A digit, maybe spaces or a hyphen, then a letter, ``#`` (pound) or ``×``: every size but a
#: lone count (« x6 ») has one.
_CANDIDATE = re.compile(r"\d[\s-]*(?:[^\W\d_]|[#×])")

#: A times sign then a digit: a lone count (« x6 »), looked for in names with a digit only.
_COUNT_CANDIDATE = re.compile(r"[x×*]\s?\d")
_DIGIT = re.compile(r"\d")

#: Words that make a number a count of units in the pack (besides the lexicon's piece words).
_COUNT_WORDS = frozenset({"ct", "cts", "count", "counts", "pk", "pks"})

#: Physical units that are not pack contents in product names.
_NOT_SIZES = frozenset({"cup", "tablespoon", "teaspoon", "dessertspoon"})

#: Fractions written in sizes ("1/2 gal", "3/4 lb"); "53/63" is something else.
_KITCHEN_FRACTION = re.compile(r"\d/(?:[2-8]|16)")

#: Signs between a pack count and the size of one unit.
_TIMES = frozenset({"x", "×", "*"})


@functools.cache
def _tables(lang: str | None) -> tuple[str, tuple]:
    """The tokenizing language and the unit tables to try, the asked language first."""
    if lang not in SUPPORTED_LANGUAGES:
        lang = None
    order = [lang] if lang else []
    order += [code for code in SUPPORTED_LANGUAGES if code != lang]
    return order[0], tuple(get_language(code).units for code in order)


def _unit_at(lows: list[str], i: int, tables) -> tuple[str, str, int] | None:
    """("size", unit id, end) or ("count", "", end) for the unit word at ``i``, or None."""
    if i >= len(lows):
        return None
    if lows[i] == "-" and i + 1 < len(lows) and lows[i + 1][:1].isalpha():
        i += 1  # "2-lb bag", "12-ct"
    if lows[i] in _COUNT_WORDS:
        return "count", "", i + 1
    if "-" in lows[i][1:]:
        # a unit glued to the next word: "500ml-france"
        head = lows[i].partition("-")[0]
        found = _unit_at([head], 0, tables)
        return None if found is None else (found[0], found[1], i + 1)
    for table in tables:
        found = table.match(lows, i)
        if found is None:
            continue
        entry, end = found
        if entry.kind == "physical":
            if entry.canonical in _NOT_SIZES:
                return None
            return "size", entry.canonical, end
        if entry.canonical == "piece":
            return "count", "", end
        return None  # a container or another count word: "4 bouteilles", "2 tranches"
    return None


def _amount(toks, lows: list[str], i: int, tables):
    """(value, kind, unit, end) of the number at ``i`` and the unit after it, or None."""
    tok = toks[i]
    if tok.kind == "frac" and not _KITCHEN_FRACTION.fullmatch(tok.text):
        return None  # "53/63 g" is a range of egg weights, not 53/63 g
    value = tok.value
    j = i + 1
    nxt = toks[j] if j < len(toks) else None
    if (
        nxt is not None and nxt.kind == "frac" and tok.kind == "num" and value.denominator == 1
        and nxt.value < 1 and _KITCHEN_FRACTION.fullmatch(nxt.text)
    ):  # fmt: skip
        value += nxt.value  # a mixed number: "1 1/2 lb"
        j += 1
    if not value > 0:
        return None
    unit = _unit_at(lows, j, tables)
    if unit is None:
        return None
    kind, canonical, end = unit
    return value, kind, canonical, end


def _whole(value: Fraction) -> int | None:
    return int(value) if value.denominator == 1 else None


def _scan(text: str, lang: str | None) -> list[tuple[SizeResult, bool]]:
    """Every size in ``text``, in order, as (result, is_physical)."""
    tok_lang, tables = _tables(lang)
    toks = tokenize(text, tok_lang)
    lows = [t.low for t in toks]
    n = len(toks)
    found: list[tuple[SizeResult, bool]] = []
    i = 0
    while i < n:
        # x N alone: a count (« Œufs frais x6 »), not the N x Q of a pack (read at N)
        if lows[i] in _TIMES and i + 1 < n and toks[i + 1].kind == "num" and (i == 0 or not toks[i - 1].is_number):
            count = _whole(toks[i + 1].value)
            if count and _unit_at(lows, i + 2, tables) is None and (i + 2 >= n or lows[i + 2] not in _TIMES):
                # « Yaourt x4 125g »: four of 125 g
                each = _amount(toks, lows, i + 2, tables) if i + 2 < n and toks[i + 2].is_number else None
                if each is not None and each[1] == "size":
                    found.append(((count, (each[0], each[2])), True))
                    i = each[3]
                else:
                    found.append(((count, None), False))
                    i += 2
                continue
        if not toks[i].is_number:
            i += 1
            continue
        # N x Q unit
        if i + 2 < n and lows[i + 1] in _TIMES and toks[i + 2].is_number:
            count = _whole(toks[i].value)
            inner = _amount(toks, lows, i + 2, tables) if count else None
            if inner is not None:
                value, kind, unit, end = inner
                if kind == "size":
                    found.append(((count, (value, unit)), True))
                else:
                    each = _whole(value)
                    found.append(((count * each if each else None, None), False))
                i = end
                continue
        amount = _amount(toks, lows, i, tables)
        if amount is None:
            i += 1
            continue
        value, kind, unit, end = amount
        if kind == "count":
            found.append(((_whole(value), None), False))
            i = end
            continue
        pack = None
        # Q unit x N (but not "33 cl x 2 kg", which is two sizes)
        if end + 1 < n and lows[end] in _TIMES and toks[end + 1].is_number:
            count = _whole(toks[end + 1].value)
            if count and _unit_at(lows, end + 2, tables) is None:
                pack = count
                end += 2
        found.append(((pack, (value, unit)), True))
        i = end
    return found


@functools.lru_cache(maxsize=65536)
def _first(text: str, lang: str | None) -> SizeResult | None:
    found = _scan(text, lang)
    return found[0][0] if found else None


@functools.lru_cache(maxsize=65536)
def _last(text: str, lang: str | None) -> SizeResult | None:
    found = _scan(text, lang)
    if not found:
        return None
    physical = [result for result, is_physical in found if is_physical]
    return physical[-1] if physical else found[-1][0]


def parse_size(text: str, lang: str | None = None) -> SizeResult | None:
    """``(pack_count, (quantity, unit))`` of the first size in ``text``, or None.

    ``lang`` ("fr" or "en") picks how numbers are read (« 1,500 » is 1.5 in French, 1500 in
    English) and which lexicon is tried first; both lexicons are tried, French first when it is
    None.

    >>> parse_size("12 x 1,5 L")
    (12, (Fraction(3, 2), 'liter'))
    >>> parse_size("64 fl oz")
    (None, (Fraction(64, 1), 'fluid_ounce'))
    >>> parse_size("3.5 ct")
    (None, None)
    >>> parse_size("family size") is None
    True
    """
    if not text or (_CANDIDATE.search(text) is None and not _lone_count(text)):
        return None
    return _first(text, lang)


def size_in_name(name: str, lang: str | None = None) -> SizeResult | None:
    """The size stated in a product name (its last one, a physical size before a count), or None.

    >>> size_in_name("Lait demi-écrémé 1L")
    (None, (Fraction(1, 1), 'liter'))
    >>> size_in_name("Great Value Stevia Packets, 5.64 Oz, 80 Count")
    (None, (Fraction(141, 25), 'ounce'))
    >>> size_in_name("Kraft Singles, 16 ct Pack")
    (16, None)
    """
    if not name or (_CANDIDATE.search(name) is None and not _lone_count(name)):
        return None
    return _last(name, lang)


def _lone_count(text: str) -> bool:
    return _DIGIT.search(text) is not None and _COUNT_CANDIDATE.search(text) is not None
