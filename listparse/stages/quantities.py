"""Amounts: numbers, number words, fractions, ranges and multipliers → exact values.

Used by the assemble stage. Every function reads folded tokens from position ``i`` and returns
what it found with the index just after it, or None. Values are :class:`fractions.Fraction`.

>>> from listparse.stages.tokenize import tokenize
>>> def q(text, lang):
...     toks = tokenize(text, lang)
...     found = read_quantity(toks, [t.low for t in toks], 0, len(toks), lang)
...     return found and (found.value, found.value_max, sorted(found.flags))
>>> q("quatre-vingt-dix", "fr")
(Fraction(90, 1), None, [])
>>> q("soixante et onze", "fr")
(Fraction(71, 1), None, [])
>>> q("deux cent cinquante", "fr")
(Fraction(250, 1), None, [])
>>> q("a hundred and fifty", "en")
(Fraction(150, 1), None, [])
>>> q("2 1/2", "en")
(Fraction(5, 2), None, [])
>>> q("one and a half", "en")
(Fraction(3, 2), None, [])
>>> q("2 à 3", "fr")
(Fraction(2, 1), Fraction(3, 1), ['range'])
>>> q("une demi douzaine", "fr")
(Fraction(6, 1), None, [])
>>> q("une dizaine", "fr")
(Fraction(10, 1), None, ['approximate'])
>>> q("un virgule deux", "fr")
(Fraction(6, 5), None, [])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..lexicon import LanguageData, get_language
from .tokenize import Token

__all__ = ["QuantityMatch", "read_quantity", "read_number", "read_and_a_half", "number_word_parts"]

HALF = Fraction(1, 2)


@dataclass
class QuantityMatch:
    """An amount read from the tokens: value (None when vague), range end, flags, end index."""

    value: Fraction | None
    end: int
    value_max: Fraction | None = None
    flags: set[str] = field(default_factory=set)
    article_only: bool = False  # "a", "une": 1 only if a unit or a product follows


def number_word_parts(low: str, data: LanguageData) -> list[str] | None:
    """The parts of a hyphenated number word (« quatre-vingt-dix »), or None if not one."""
    if low in data.numbers:
        return [low]
    if "-" not in low:
        return None
    parts = low.split("-")
    if all(p in data.numbers for p in parts) and parts[0] not in ("et", "and"):
        return parts
    return None


def _word_stream(tokens: list[Token], lows: list[str], i: int, stop: int, data: LanguageData):
    """(word, token index) pairs of consecutive number words from ``i``."""
    out = []
    while i < stop:
        if tokens[i].kind != "word":
            break
        parts = number_word_parts(lows[i], data)
        if parts is None:
            break
        out.extend((p, i) for p in parts)
        i += 1
    return out


def _read_words(stream, data: LanguageData):
    """Compose number words into an integer; returns (value, words used, kinds) or None."""
    numbers = data.numbers
    total = 0
    current: Fraction | None = None
    last = None
    last_value = Fraction(0)
    used = 0
    n = len(stream)
    k = 0
    while k < n:
        word = stream[k][0]
        # two-word numerals such as « quatre vingt »
        if k + 1 < n and f"{word} {stream[k + 1][0]}" in numbers:
            value, kind = numbers[f"{word} {stream[k + 1][0]}"]
            width = 2
        else:
            value, kind = numbers[word]
            width = 1
        if kind in ("digit", "article"):
            if last in (None, "hundred", "thousand") or (last == "tens" and value < 10):
                if kind == "article" and last == "tens" and stream[k - 1][0] not in ("et", "and"):
                    break
                current = (current or 0) + value
            elif last == "joiner" or (last == "teen" and last_value == 10 and 7 <= value <= 9):
                current = (current or 0) + value  # « dix-sept », « soixante-dix-huit »
            else:
                break
        elif kind == "teen":
            if last in (None, "hundred", "thousand", "joiner") or (last == "tens" and current % 100 in (60, 70, 80)):
                current = (current or 0) + value
            else:
                break
        elif kind == "tens":
            if last in (None, "hundred", "thousand") or (last == "joiner" and current and current % 100 == 0):
                current = (current or 0) + value
            else:
                break
        elif kind == "hundred":
            if last in (None, "digit", "article", "teen", "tens"):
                current = (current or 1) * 100
            else:
                break
        elif kind == "thousand":
            if last in (None, "digit", "article", "teen", "tens", "hundred"):
                total += (current or 1) * 1000
                current = 0
            else:
                break
        elif kind == "joiner":
            # « vingt et un », « soixante et onze », "a hundred and fifty"
            if k + 1 >= n or last is None:
                break
            nxt_value, nxt_kind = numbers[stream[k + 1][0]]
            if last == "tens" and nxt_kind in ("article", "digit", "teen") and nxt_value in (1, 11):
                pass
            elif last in ("hundred", "thousand") and nxt_kind in ("digit", "teen", "tens"):
                pass
            else:
                break
        else:
            break
        last = kind
        last_value = value
        k += width
        used = k
    if used == 0 or last == "joiner":
        return None
    return Fraction(total + (current or 0)), used, last


def read_number(tokens: list[Token], lows: list[str], i: int, stop: int, lang: str):
    """A plain number at ``i`` (digits, fraction, mixed number, number words, decimal words).

    Returns (value, end, kind) where kind is "digits", "words" or "article", or None.
    """
    data = get_language(lang)
    if i >= stop:
        return None
    tok = tokens[i]
    if tok.kind == "num":
        value = tok.value
        end = i + 1
        if end < stop and tokens[end].kind == "frac" and tok.value.denominator == 1 and tokens[end].value < 1:
            value += tokens[end].value  # 2 1/2
            end += 1
        return value, end, "digits"
    if tok.kind == "frac":
        return tok.value, i + 1, "digits"
    if tok.kind != "word":
        return None
    stream = _word_stream(tokens, lows, i, stop, data)
    if not stream:
        return None
    composed = _read_words(stream, data)
    if composed is None:
        return None
    value, used, last = composed
    end = stream[used - 1][1] + 1
    # a hyphenated token only counts if all its parts were used
    if used < len(stream) and stream[used][1] == end - 1:
        return None
    kind = "article" if last == "article" and used == 1 else "words"
    # spoken decimals: « un virgule deux », "one point five"
    if end + 1 < stop and lows[end] in data.numbers and data.numbers[lows[end]][1] == "decimal":
        digits = ""
        j = end + 1
        while j < stop:
            if tokens[j].kind == "num" and tokens[j].value.denominator == 1:
                digits += tokens[j].text
                j += 1
                continue
            sub = _word_stream(tokens, lows, j, stop, data)
            part = _read_words(sub, data) if sub else None
            if part is None:
                break
            digits += str(int(part[0]))
            j = sub[part[1] - 1][1] + 1
        if digits:
            value += Fraction(int(digits), 10 ** len(digits))
            end = j
            kind = "words"
    return value, end, kind


def _kind_at(lows: list[str], i: int, stop: int, data: LanguageData) -> tuple[Fraction, str] | None:
    if i >= stop:
        return None
    if lows[i] in data.numbers:
        return data.numbers[lows[i]]
    parts = lows[i].split("-")
    if len(parts) == 2 and all(p in data.numbers for p in parts):
        (half, k1), (dozen, k2) = data.numbers[parts[0]], data.numbers[parts[1]]
        if k1 == "half" and k2 == "dozen":
            return half * dozen, "dozen"  # « demi-douzaine »
    return None


def read_quantity(tokens: list[Token], lows: list[str], i: int, stop: int, lang: str) -> QuantityMatch | None:
    """An amount at ``i``: number, « et demi », half, fraction words, dozen, approx nouns, range."""
    data = get_language(lang)
    flags: set[str] = set()
    start = i
    # "half a cup", « demi », « une demi-baguette » are handled by the caller splitting "demi-"
    kind_here = _kind_at(lows, i, stop, data)
    value: Fraction | None
    article_only = False
    if kind_here and kind_here[1] == "half":
        value = HALF
        i += 1
        kind_next = _kind_at(lows, i, stop, data)
        if kind_next and kind_next[1] == "article":
            i += 1  # half a / half an
        nk = _kind_at(lows, i, stop, data)
        if nk and nk[1] == "dozen":
            value *= nk[0]
            i += 1
        return QuantityMatch(value, i, flags=flags)
    if kind_here and kind_here[1] in ("dozen", "approx", "pair") and lows[i] not in ("couple",):
        # « douzaine d'oeufs » with no number before: one dozen
        value, kind = kind_here
        if kind == "approx":
            flags.add("approximate")
        return QuantityMatch(value, i + 1, flags=flags)
    number = read_number(tokens, lows, i, stop, lang)
    if number is None:
        return None
    value, i, num_kind = number
    article_only = num_kind == "article"
    # "a half", « un demi », "one half"
    k = _kind_at(lows, i, stop, data)
    if k and k[1] == "half" and value == 1:
        value = HALF
        i += 1
        article_only = False
        k = _kind_at(lows, i, stop, data)
    # fraction words: « trois quarts », "a quarter", "two thirds"
    if k and k[1] == "fraction":
        value = value * k[0]
        i += 1
        article_only = False
        k = _kind_at(lows, i, stop, data)
    # « et demi », "and a half", "and three quarters"
    extra = read_and_a_half(tokens, lows, i, stop, lang)
    if extra is not None:
        value += extra[0]
        i = extra[1]
        article_only = False
        k = _kind_at(lows, i, stop, data)
    # dozens and approximate nouns: « deux douzaines », « une dizaine », "a couple of"
    if k and k[1] in ("dozen", "approx", "pair"):
        if k[1] == "approx":
            flags.add("approximate")
            value = k[0] if value == 1 else value * k[0]
        else:
            value = value * k[0]
        i += 1
        article_only = False
        k = _kind_at(lows, i, stop, data)
    match = QuantityMatch(value, i, flags=flags, article_only=article_only)
    _read_range(tokens, lows, match, stop, lang)
    if match.value_max is not None:
        match.article_only = False  # « une à deux cuillères »
    if match.end == start:
        return None
    return match


def read_and_a_half(tokens, lows, i, stop, lang):
    """(added value, end) for « et demi(e) », "and a half", "and a quarter", or None."""
    data = get_language(lang)
    if i + 1 >= stop or _kind_at(lows, i, stop, data) is None:
        return None
    if data.numbers[lows[i]][1] != "joiner":
        return None
    j = i + 1
    k = _kind_at(lows, j, stop, data)
    if k and k[1] == "half":
        return HALF, j + 1
    number = read_number(tokens, lows, j, stop, lang)
    if number is None:
        return None
    value, end, _ = number
    k = _kind_at(lows, end, stop, data)
    if k and k[1] == "half" and value == 1:
        return HALF, end + 1
    if k and k[1] == "fraction":
        return value * k[0], end + 1
    return None


def _read_range(tokens, lows, match: QuantityMatch, stop: int, lang: str) -> None:
    """Extend ``match`` with the end of a range: « 2 à 3 », "2-3", "2 or 3", "6 to 8"."""
    data = get_language(lang)
    i = match.end
    found = data.ranges.match(lows, i, stop)
    if not found:
        return
    j = found[1]
    number = read_number(tokens, lows, j, stop, lang)
    if number is None:
        return
    high, end, kind = number
    if kind == "article" or match.value is None or high <= match.value:
        return
    # « 2 ou 3 » and "2 or 3" only join numbers of the same kind (not "1 or 2 large")
    match.value_max = high
    match.end = end
    match.flags.add("range")
