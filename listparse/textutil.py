"""Small text helpers shared by the stages and the catalog: folding, accent stripping.

>>> fold("Crème Brûlée")
'creme brulee'
>>> fold("Œufs")
'oeufs'
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["fold", "strip_accents"]

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


class _Unaccented(dict):
    """Code point → the character without combining marks, a ligature expanded (the character's
    own NFKD decomposition: decomposing a text is decomposing each character, and the canonical
    reordering only moves combining marks, which go); filled as characters are met, up to a bound
    so that a flood of distinct characters cannot grow it without end."""

    _MAX = 8192

    def __missing__(self, code: int) -> str:
        char = chr(code)
        out = char.translate(_LIGATURES)
        if out == char:
            out = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if len(self) < self._MAX:
            self[code] = out
        return out


_UNACCENTED = _Unaccented()


def strip_accents(text: str) -> str:
    """Remove combining marks and expand ligatures, keeping case.

    >>> strip_accents("Œuf à la Coque"), strip_accents("cafe\u0301")
    ('OEuf a la Coque', 'cafe')
    """
    if text.isascii():
        return text
    return text.translate(_UNACCENTED)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase and strip accents: the key used to look words up in the lexicons."""
    return strip_accents(text.lower())
