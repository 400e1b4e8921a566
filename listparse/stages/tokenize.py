"""Stage 3, tokenize: normalized text → :class:`Token` list.

Reads: the normalized text and the language. Writes: tokens with their offsets, a folded form
for lexicon look-ups, and the exact value of numbers.

Numbers are read locale-aware: the decimal comma is French (« 1,5 » is 3/2) and, in English, a
comma before exactly three digits groups thousands. Digits glued to letters are split
(``500g``, ``6x33cl``). French elisions are split after the apostrophe (``d'huile``).

>>> [(t.text, t.kind) for t in tokenize("2,5kg d'huile", "fr")]
[('2,5', 'num'), ('kg', 'word'), ("d'", 'word'), ('huile', 'word')]
>>> tokenize("1,5", "fr")[0].value, tokenize("1,500", "en")[0].value
(Fraction(3, 2), Fraction(1500, 1))
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..lexicon import get_language
from ..textutil import fold

__all__ = ["Token", "tokenize", "merge_phrases"]

_TOKEN = re.compile(
    r"(?P<nl>\n)"
    r"|(?P<frac>\d+/\d+)"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*'?(?:-[^\W\d_]+(?:'[^\W\d_]+)*)*)"
    r"|(?P<punct>[^\s])",
    re.UNICODE,
)


#: Longer digit runs are codes (EAN barcodes, references), never quantities.
_MAX_DIGITS = 9


class Token:
    """One token: text and offsets in the normalized text, folded form, kind and value."""

    __slots__ = ("text", "start", "end", "low", "kind", "value", "mark")

    def __init__(self, text: str, start: int, end: int, kind: str, value: Fraction | None = None):
        self.text = text
        self.start = start
        self.end = end
        self.low = fold(text)
        self.kind = kind
        self.value = value
        self.mark: str | None = None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return self.text

    @property
    def is_number(self) -> bool:
        return self.kind in ("num", "frac")


def _number_value(raw: str, lang: str) -> Fraction | None:
    if "," in raw and "." in raw:
        # 1,000.5 (en) or 1.000,5 (fr): the last mark is the decimal one
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        parts = raw.split(",")
        if lang == "en" and all(len(p) == 3 for p in parts[1:]):
            raw = "".join(parts)
        elif len(parts) == 2:
            raw = raw.replace(",", ".")
        else:
            return None
    elif raw.count(".") > 1:
        parts = raw.split(".")
        if all(len(p) == 3 for p in parts[1:]):
            raw = "".join(parts)
        else:
            return None
    try:
        return Fraction(raw)
    except (ValueError, ZeroDivisionError):
        return None


def tokenize(text: str, lang: str) -> list[Token]:
    """Split normalized ``text`` into tokens (see the module docstring)."""
    elisions = get_language(lang).elisions
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        raw = m.group()
        if kind == "word":
            if "'" in raw:
                head, _, rest = raw.partition("'")
                if fold(head) in elisions and rest:
                    cut = start + len(head) + 1
                    append(Token(raw[: len(head) + 1], start, cut, "word"))
                    start, raw = cut, rest
            append(Token(raw, start, end, "word"))
        elif kind == "num":
            if len(raw) > _MAX_DIGITS:
                append(Token(raw, start, end, "word"))  # a code (EAN, reference), not an amount
                continue
            value = _number_value(raw, lang)
            if value is None:
                # an odd digit group such as 1,2,3: keep each number alone
                for sub in re.finditer(r"\d+", raw):
                    append(Token(sub.group(), start + sub.start(), start + sub.end(), "num",
                                 Fraction(int(sub.group()))))
                continue
            append(Token(raw, start, end, "num", value))
        elif kind == "frac":
            num, den = raw.split("/")
            if int(den) == 0:
                append(Token(num, start, start + len(num), "num", Fraction(int(num))))
                append(Token("/", start + len(num), start + len(num) + 1, "punct"))
                append(Token(den, end - len(den), end, "num", Fraction(0)))
                continue
            append(Token(raw, start, end, "frac", Fraction(int(num), int(den))))
        elif kind == "nl":
            append(Token("\n", start, end, "nl"))
        else:
            append(Token(raw, start, end, "punct"))
    return tokens


def merge_phrases(tokens: list[Token], keys: list[str], table, text: str, word=None) -> list[Token]:
    """The tokens with each run of two or more whose ``keys`` make a phrase of ``table`` (a
    :class:`~listparse.lexicon.PhraseTable`) merged into one word token of the ``text`` it
    spans; ``word(token, value)``, when given, finishes each merged token with the phrase's
    value."""
    first = table.first_words()
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        found = table.match(keys, i) if keys[i] in first else None
        if found is None or found[1] - i < 2:
            out.append(tokens[i])
            i += 1
            continue
        value, end = found
        start, stop = tokens[i].start, tokens[end - 1].end
        merged = Token(text[start:stop], start, stop, "word")
        if word is not None:
            word(merged, value)
        out.append(merged)
        i = end
    return out
