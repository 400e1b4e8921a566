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


def strip_accents(text: str) -> str:
    """Remove combining marks and expand ligatures, keeping case."""
    text = text.translate(_LIGATURES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase and strip accents: the key used to look words up in the lexicons."""
    return strip_accents(text.lower())
