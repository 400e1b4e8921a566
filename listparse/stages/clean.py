"""Stage 4, clean: tokens → tokens without the words that are not part of any item.

Reads: tokens, the normalized text, the language. Writes: the kept tokens, in order.

Removed: speech fillers (« euh », "um") anywhere; request openers at the start of a line
(« il me faut », "can you add"); mentions of the list itself (« à ma liste de courses »,
"to my shopping list"); and the first amount of a self-correction (« deux non trois » keeps
« trois », whose token is marked ``corrected``).

>>> from listparse.stages.normalize import normalize
>>> from listparse.stages.tokenize import tokenize
>>> n = normalize("euh il me faut deux non trois bouteilles de lait à ma liste de courses")
>>> [t.text for t in clean(tokenize(n.text, "fr"), n, "fr")]
['trois', 'bouteilles', 'de', 'lait']
"""

from __future__ import annotations

from ..lexicon import SUPPORTED_LANGUAGES, LanguageData, get_language, slipped
from .normalize import Normalized
from .tokenize import Token

__all__ = ["clean", "CORRECTED"]

#: Mark set on the first token of an amount that replaced a corrected one.
CORRECTED = "corrected"


def _lines(tokens: list[Token]) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for i, tok in enumerate(tokens):
        if tok.kind == "nl":
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(tokens)))
    return bounds


def _is_numeric(tok: Token, data: LanguageData) -> bool:
    if tok.is_number:
        return True
    return all(part in data.numbers for part in tok.low.split("-")) and tok.low not in ("et", "and", "a", "an")


def _strip_line_start(lows, drop, start, stop, data: LanguageData) -> None:
    """Drop fillers and request openers at the start of the line ``[start, stop)``."""
    i = start
    while i < stop:
        if drop[i]:
            i += 1
            continue
        found = data.fillers.match(lows, i, stop) or data.leadins.match(lows, i, stop) or _slipped_opener(lows, i, data)
        if not found:
            return
        end = found[1]
        if end >= stop:  # never drop the whole line: "ajoute" alone is not an opener
            return
        for k in range(i, end):
            drop[k] = True
        i = end


def _slipped_opener(lows, i: int, data: LanguageData) -> tuple[object, int] | None:
    """A one-word request opener of six letters or more typed with one slip (« aljoute »,
    « achtez »), unless it is a common or product word."""
    found = slipped(data.leadins, lows[i], data)
    return None if found is None else (found, i + 1)


def _drop_list_refs(tokens, drop, start, stop, normalized: Normalized, data: LanguageData) -> None:
    if start >= stop:
        return
    base = tokens[start].start
    chars = list(normalized.text[base : tokens[stop - 1].end])

    def blank(k: int) -> None:  # dropped words read as spaces, so ^ and $ see the kept ones
        tok = tokens[k]
        chars[tok.start - base : tok.end - base] = " " * (tok.end - tok.start)

    for k in range(start, stop):
        if drop[k]:
            blank(k)
    for pattern in data.list_refs:
        m = pattern.search("".join(chars))
        if not m or m.end() == m.start():
            continue
        lo, hi = base + m.start(), base + m.end()
        kept = [k for k in range(start, stop) if not drop[k]]
        inside = [k for k in kept if tokens[k].start >= lo and tokens[k].end <= hi]
        if inside and len(inside) < len(kept):
            for k in inside:
                drop[k] = True
                blank(k)


def _drop_corrections(tokens, lows, drop, data: LanguageData) -> None:
    n = len(tokens)
    i = 0
    starts = data.corrections.first_words()
    while i < n:
        if lows[i] not in starts:
            i += 1
            continue
        found = None if drop[i] else data.corrections.match(lows, i)
        if not found:
            i += 1
            continue
        end = found[1]
        # before: an amount (skipping commas); after: another amount
        b = i - 1
        while b >= 0 and (drop[b] or tokens[b].text == ","):
            b -= 1
        a = end
        while a < n and (drop[a] or tokens[a].text == ","):
            a += 1
        if b >= 0 and a < n and _is_numeric(tokens[b], data) and _is_numeric(tokens[a], data):
            first = b
            while first - 1 >= 0 and not drop[first - 1] and _is_numeric(tokens[first - 1], data):
                first -= 1
            for k in range(first, a):
                drop[k] = True
            tokens[a].mark = CORRECTED
            i = a
        else:
            i = end


def clean(tokens: list[Token], normalized: Normalized, lang: str) -> list[Token]:
    """The tokens that can belong to items (see the module docstring)."""
    data = get_language(lang)
    others = [get_language(code) for code in SUPPORTED_LANGUAGES if code != lang]
    lows = [t.low for t in tokens]
    drop = [False] * len(tokens)
    # corrections first, then again once fillers are gone: "two I mean three", « deux euh non trois »
    _drop_corrections(tokens, lows, drop, data)
    for start, stop in _lines(tokens):
        _strip_line_start(lows, drop, start, stop, data)
        _drop_list_refs(tokens, drop, start, stop, normalized, data)
        _strip_line_start(lows, drop, start, stop, data)
    i = 0
    n = len(tokens)
    starts = data.fillers.first_words().union(*(o.fillers.first_words() for o in others))
    while i < n:
        if lows[i] not in starts:  # most words open no filler: skip the look-ups
            i += 1
            continue
        found = None if drop[i] else data.fillers.match(lows, i)
        if found is None and not drop[i]:
            # a hesitation of the other language (« euh » in English speech) is noise too
            found = next((m for o in others if (m := o.fillers.match(lows, i)) is not None), None)
        if found and found[1] < n and lows[found[1]] == "&":
            found = None  # a name joined by « & »: « Ben & Jerry's »
        if found:
            for k in range(i, found[1]):
                drop[k] = True
            i = found[1]
        else:
            i += 1
    _drop_corrections(tokens, lows, drop, data)
    return [t for t, d in zip(tokens, drop) if not d]
