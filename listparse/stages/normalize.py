"""Stage 1, normalize: raw text → :class:`Normalized` (text plus a map back to the input).

Reads: the input text. Writes: a cleaned text whose every character knows the input offset it
came from, so that item spans always point into the text the caller gave.

- control and format characters become spaces (newlines and tabs are kept as line breaks/spaces);
- typographic apostrophes, quotes, dashes, the multiplication sign and unusual spaces become ASCII;
- vulgar fractions are spelled out: ``1½`` → ``1 1/2``, ``¾`` → ``3/4``;
- the text is put in Unicode NFC form.

>>> n = normalize("1½ kg d’oignons")
>>> n.text
"1 1/2 kg d'oignons"
>>> n.offsets[2], n.offsets[6]
(1, 3)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Normalized", "normalize"]

def _vulgar_fractions() -> dict[str, str]:
    """Every Unicode vulgar fraction (½ ⅓ ⅛ …) spelled with digits, from the Unicode data."""
    table = {}
    for code in range(0x00BC, 0x2190):
        char = chr(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition.startswith("<fraction>"):
            parts = [chr(int(h, 16)) for h in decomposition.split()[1:]]
            table[char] = "".join("/" if p == "\u2044" else p for p in parts)
    return table


_VULGAR = _vulgar_fractions()
# characters written several ways, mapped to the one the tokenizer knows
_EQUIVALENTS = (
    ("\u2019\u2018\u02bc\u00b4`\u2032", "'"),
    ("\u201c\u201d\u00ab\u00bb\u201e", '"'),
    ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    ("\u00d7", "x"),
    ("\u2044\u2215", "/"),
    ("\r\u2028\u2029\u0085\u000b\u000c", "\n"),
    ("\t", " "),
)
_SIMPLE = {char: target for chars, target in _EQUIVALENTS for char in chars}


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalized text and, for each of its characters, the input offset it came from.

    ``offsets`` has one more entry than ``text``: the input length, so that an end offset
    maps too.
    """

    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the normalized span ``[start, end)``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _char(c: str, prev: str) -> str:
    if c in _SIMPLE:
        return _SIMPLE[c]
    if c in _VULGAR:
        frac = _VULGAR[c]
        return (" " + frac) if prev.isdigit() else frac
    if c == "\n" or c == " ":
        return c
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return " "
    if cat == "Zs":
        return " "
    return c


_PLAIN = re.compile(r"[\x20-\x5f\x61-\x7e\n]*")


def normalize(text: str) -> Normalized:
    """Clean ``text`` for the tokenizer, keeping a map back to input offsets."""
    if _PLAIN.fullmatch(text):
        return Normalized(text, range(len(text) + 1))  # printable ASCII: nothing to change
    if not text.isascii():
        text_nfc = unicodedata.normalize("NFC", text)
    else:
        text_nfc = text
    out: list[str] = []
    offsets: list[int] = []
    if text_nfc is text or len(text_nfc) == len(text):
        sources = range(len(text))
        chars = text_nfc
    else:
        # NFC merged combining marks: map each composed character back to its first source char
        chars, sources = _compose_with_sources(text)
    prev = ""
    for c, src in zip(chars, sources):
        if c.isascii() and c not in "\r\t`\x0b\x0c" and (c >= " " or c == "\n"):
            rep = c
        else:
            rep = _char(c, prev)
        out.append(rep)
        offsets.extend([src] * len(rep))
        prev = c
    offsets.append(len(text))
    return Normalized("".join(out), tuple(offsets))


def _compose_with_sources(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    sources: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        chars.extend(composed)
        sources.extend([i] * len(composed))
        i = j
    return "".join(chars), sources
