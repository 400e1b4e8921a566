"""Stage 5, segment: tokens → chunks, each holding one item or a few items chained by words.

Reads: the cleaned tokens and the language. Writes: a list of chunks (token lists).

Lines are split apart; bullets (``-``, ``*``, ``•``, ``1.``, ``1)``, ``[ ]``) and heading lines
(« Courses : », "Shopping list") are dropped. Inside a line, semicolons always separate items;
commas and spaced dashes separate items or open a note, depending on the line:

- when two or more parts start with an amount (a comma-joined list), parts with an amount are
  items, and so are product-like parts; parts that read as notes join the item before;
- when only the first part has an amount (a recipe line), the other parts are its note;
- when no part has an amount (« lait, oeufs, pain »), product-like parts are items;
- a part that is only an amount (« Rhum blanc - 1 cuillère à soupe ») belongs to the part
  before it.

Words that chain items inside a chunk (« et puis », "then") are handled by the assemble stage,
which knows where amounts stand.
"""

from __future__ import annotations

from ..lexicon import LanguageData, get_language
from .quantities import read_quantity
from .tokenize import Token

__all__ = ["segment"]

_BULLETS = frozenset("-*•·‣▪◦○●■□☐✓✔✗>+=~")
_SPLITTERS = frozenset(",;")


def _split_lines(tokens: list[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.kind == "nl":
            lines.append([])
        else:
            lines[-1].append(tok)
    return [line for line in lines if line]


def _strip_bullet(line: list[Token], text_gap) -> list[Token]:
    while line:
        first = line[0]
        if first.kind == "punct" and first.text in _BULLETS and (len(line) == 1 or text_gap(first, line[1])):
            line = line[1:]
            continue
        if first.text == "[" and len(line) >= 2:
            close = next((k for k in range(1, min(len(line), 4)) if line[k].text == "]"), None)
            if close is not None:
                line = line[close + 1 :]
                continue
        if (
            first.kind == "num"
            and len(line) >= 3
            and line[1].text in (".", ")")
            and first.value.denominator == 1
            and first.end == line[1].start
            and text_gap(line[1], line[2])
            and line[2].kind in ("word", "num", "frac")
        ):
            line = line[2:]
            continue
        break
    return line


def _is_heading(line: list[Token], data: LanguageData, *, items_follow: bool = True) -> bool:
    """Whether the line is a section heading: a phrase of headings.txt ("Shopping list",
    « Courses »), an aisle name of aisles.txt ("Dairy", « Boissons ») with items on later
    lines (alone, "meat" and "I need meat" ask for meat), or a short line ending in a colon."""
    words = " ".join(t.low for t in line if t.text not in (":", ".", "!"))
    if words in data.headings or (items_follow and words in data.aisles):
        return True
    if line[-1].text == ":" and not any(t.is_number for t in line) and len(words.split()) <= 6:
        return True
    return False


def _parts(line: list[Token]) -> list[list[Token]]:
    """Split at top-level commas, semicolons and spaced dashes; each part keeps its separator first."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for k, tok in enumerate(line):
        if tok.text in "([":
            depth += 1
        elif tok.text in ")]":
            depth = max(0, depth - 1)
        if depth == 0 and parts[-1] and (
            tok.text in _SPLITTERS
            or (tok.text == "-" and 0 < k < len(line) - 1 and line[k - 1].end < tok.start and tok.end < line[k + 1].start)
        ):
            parts.append([tok])
            continue
        parts[-1].append(tok)
    return [p for p in parts if p]


def _body(part: list[Token]) -> list[Token]:
    return part[1:] if part and part[0].text in _SPLITTERS | {"-"} else part


def _starts_with_amount(body: list[Token], data: LanguageData, lang: str) -> bool:
    lows = [t.low for t in body]
    i = 0
    found = data.approx.match(lows, 0)
    if found:
        i = found[1]
    if data.vague.match(lows, i):
        return True
    q = read_quantity(body, lows, i, len(body), lang)
    if q is None:
        return False
    if q.article_only:
        return False
    return True


def _amount_only(body: list[Token], data: LanguageData, lang: str) -> bool:
    """« 1 cuillère à soupe », "55 g", « 1 pièce(s) », « 1 tasse environ »: an amount and no name."""
    lows = [t.low for t in body]
    approx = data.approx.match(lows, 0)
    q = read_quantity(body, lows, approx[1] if approx else 0, len(body), lang)
    if q is None or q.article_only:
        return False
    i = q.end
    unit = data.units.match(lows, i)
    if unit:
        i = unit[1]
    rest = [
        t for t in body[i:]
        if t.kind == "word" and t.low not in data.dimensions and not data.units.match([t.low], 0)
    ]
    rest_lows = [t.low for t in rest]
    if not rest:
        return True
    found = data.approx.match(rest_lows, 0) or data.notes.match(rest_lows, 0)
    return bool(found) and found[1] == len(rest)


def _or_run(bodies: list[list[Token]], k: int, data: LanguageData) -> bool:
    """Is part k one of a comma run of alternatives ending in « ou » / "or"?"""
    for body in bodies[k:]:
        lows = [t.low for t in body]
        if not lows or data.notes.match(lows, 0):
            return False
        if any(w in data.alternatives for w in lows):
            return True
    return False


def _not_an_item(body: list[Token], data: LanguageData, lang: str) -> bool:
    """An amount that is not an item: a dimension ("about 2cm/¾in thick", "23x15cm"), or a
    share of the item before with its preparation ("3 carrots, 2 roughly chopped, 1 grated")."""
    lows = [t.low for t in body]
    approx = data.approx.match(lows, 0)
    q = read_quantity(body, lows, approx[1] if approx else 0, len(body), lang)
    if q is None or q.end >= len(body):
        return False
    i = q.end
    if lows[i] in ("x", "×") and i + 1 < len(body) and body[i + 1].is_number:
        i += 2  # 23x15cm
    if i < len(body) and lows[i] in data.dimensions:
        return True
    return _note_like(body[q.end :], data, last_word=False) and not data.units.match(lows, q.end)


def _note_like(body: list[Token], data: LanguageData, *, last_word: bool = True) -> bool:
    """Does the part read as a note: it opens with a note or preparation phrase or an adverb,
    or (``last_word``) it closes with one ("juice only", "leaves picked")?"""
    lows = [t.low for t in body if t.kind == "word"]
    if not lows:
        return True
    if data.notes.match(lows, 0) or data.preparation.match(lows, 0):
        return True
    if last_word:
        # "juice only", "leaves picked" (words in parentheses do not count)
        end = next((k for k, t in enumerate(body) if t.text == "("), len(body))
        outside = [t.low for t in body[:end] if t.kind == "word"]
        if outside and (data.notes.match(outside[-1:], 0) or data.preparation.match(outside[-1:], 0)):
            return True
    return data.is_adverb(lows[0])


def _lone_noun(body: list[Token], data: LanguageData) -> bool:
    """Whether the part is one word that may name a product: no note, preparation, adverb or
    describing word ("bread", not "peeled" or "firm")."""
    return len(body) == 1 and body[0].kind == "word" and body[0].low not in data.adjectives and not _note_like(body, data)


def _chunks_of_line(line: list[Token], data: LanguageData, lang: str) -> list[list[Token]]:
    parts = _parts(line)
    if len(parts) == 1:
        return parts
    bodies = [_body(p) for p in parts]
    with_amount = [_starts_with_amount(b, data, lang) for b in bodies]
    amount_only = [_amount_only(b, data, lang) for b in bodies]
    leading = [w and not o and not _not_an_item(b, data, lang) for w, o, b in zip(with_amount, amount_only, bodies)]
    # an item whose amount follows it (« Lait - 130 grammes ») counts as one with an amount
    item_like = [lead or (k + 1 < len(parts) and amount_only[k + 1]) for k, lead in enumerate(leading)]
    # a comma-joined list: two parts with an amount; an amount after the first part (« lait,
    # pain, 2 oeufs, beurre »: a recipe line gives its amount first); or three parts and more,
    # each after the first a single noun (« 2 oeufs, pain, beurre »; "1 onion, peeled, chopped"
    # and "½ pound large, whole shrimp, unshelled" are recipe lines)
    list_mode = (
        sum(item_like) >= 2
        or (not with_amount[0] and any(leading[1:]))
        or (len(parts) >= 3 and not any(t.text == "(" for t in line) and all(_lone_noun(b, data) for b in bodies[1:]))
    )
    no_amount = not any(with_amount)
    chunks: list[list[Token]] = [parts[0]]
    in_note = False  # once a note starts, the parts after it belong to it ("such as a, b and c")
    for k in range(1, len(parts)):
        part, body = parts[k], bodies[k]
        if not body:
            continue
        if part[0].text == ";" and not _note_like(body, data):
            chunks.append(body)
            in_note = False
            continue
        if in_note and not leading[k] and part[0].text == ",":
            chunks[-1].extend(part)
            continue
        if amount_only[k]:
            chunks[-1].extend(part)  # reversed amount of the part before
            continue
        if not leading[k] and _or_run(bodies, k, data) and not data.notes.match([t.low for t in body], 0):
            chunks[-1].extend(part)  # "cayenne, paprika or chilli flakes": alternatives
            continue
        if leading[k] and (list_mode or not with_amount[0]):
            chunks.append(body)
        elif (list_mode or no_amount) and not with_amount[k] and not _note_like(body, data):
            chunks.append(body)
        else:
            chunks[-1].extend(part)  # a note of the item before
            in_note = not amount_only[k]
    return chunks


def segment(tokens: list[Token], lang: str) -> list[list[Token]]:
    """Chunks of tokens (see the module docstring)."""
    data = get_language(lang)

    def gap(a: Token, b: Token) -> bool:
        return a.end < b.start

    chunks: list[list[Token]] = []
    lines = [_strip_bullet(line, gap) for line in _split_lines(tokens)]
    last = max((k for k, line in enumerate(lines) if line), default=-1)
    for k, line in enumerate(lines):
        if not line or _is_heading(line, data, items_follow=k < last):
            continue
        for chunk in _chunks_of_line(line, data, lang):
            if any(t.kind in ("word", "num", "frac") for t in chunk):
                chunks.append(chunk)
    return chunks
