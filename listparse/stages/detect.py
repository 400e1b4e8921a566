"""Stage 2, detect_language: normalized text → ``"fr"`` or ``"en"``.

Reads: the normalized text, the language asked for (it wins when given) and the options.
Writes: the language code. Evidence: frequent words of each language (``words.txt``), number
and unit words, French accents and elisions. With no evidence, ``options.default_lang``.

>>> from listparse.options import ParseOptions
>>> from listparse.stages.normalize import normalize
>>> detect_language(normalize("two bottles of milk"), None, ParseOptions())
'en'
>>> detect_language(normalize("zzz"), None, ParseOptions(default_lang="en"))
'en'
"""

from __future__ import annotations

import re

from ..lexicon import SUPPORTED_LANGUAGES, get_language
from ..options import ParseOptions
from ..textutil import fold
from .normalize import Normalized

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FRENCH_MARKS = re.compile(r"[éèêàùçôîœâû]|\b[dlj]'\w", re.IGNORECASE)
_SAMPLE = 20_000


def detect_language(normalized: Normalized, lang: str | None, options: ParseOptions) -> str:
    """The language of the whole text (see the module docstring)."""
    if lang is not None:
        return lang
    sample = normalized.text[:_SAMPLE]
    words = [fold(w) for w in _WORD.findall(sample.lower())]
    scores = {}
    for code in SUPPORTED_LANGUAGES:
        data = get_language(code)
        vocab = data.words
        numbers = data.numbers
        scores[code] = sum(1.0 for w in words if w in vocab) + sum(
            0.5 for w in words if w in numbers and len(w) > 2
        )
    scores["fr"] += 0.5 * len(_FRENCH_MARKS.findall(sample))
    best = max(scores, key=lambda code: scores[code])
    others = [s for code, s in scores.items() if code != best]
    if scores[best] == 0 or any(s == scores[best] for s in others):
        return options.default_lang
    return best
