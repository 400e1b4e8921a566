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

import functools
import re

from ..lexicon import SUPPORTED_LANGUAGES, get_language
from ..options import ParseOptions
from ..textutil import fold
from .normalize import Normalized

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FRENCH_MARKS = re.compile(r"[éèêàùçôîœâû]|\b[dlj]'\w", re.IGNORECASE)
_SAMPLE = 20_000
# spelling cues for words neither vocabulary knows: w, k, th, ee, oo… are rare in French words,
# eau, oux, ette, ç, qu… in English ones (weak evidence, a third of a known word)
_ENGLISH_SPELLING = re.compile(r"w|k|th|ee|oo|sh|ck|gh|(?:y|ies)$")
_FRENCH_SPELLING = re.compile(r"eaux?$|oux$|ettes?$|ières?$|ç|qu|oi|ou[sx]?$")


@functools.cache
def _vocabulary(code: str) -> frozenset[str]:
    """Words that point to one language: its words.txt plus every single word of its lexicons
    (units, preparation, notes, modifiers, openers…) that the other language does not share."""
    data = get_language(code)
    words = set(data.words)
    for table in (data.units, data.preparation, data.notes, data.modifiers, data.fillers,
                  data.leadins, data.separators, data.approx, data.vague, data.determiners):
        words.update(table.first_words())
    return frozenset(w for w in words if len(w) > 1 and w.isalpha())


@functools.cache
def _evidence() -> dict[str, frozenset[str]]:
    vocab = {code: _vocabulary(code) for code in SUPPORTED_LANGUAGES}
    return {
        code: frozenset(words - set().union(*(v for c, v in vocab.items() if c != code)))
        for code, words in vocab.items()
    }


@functools.cache
def _word_scores() -> dict[str, tuple[tuple[float, ...], bool]]:
    """word → (score for each language, whether a vocabulary knows it), built once."""
    evidence = _evidence()
    table: dict[str, tuple[tuple[float, ...], bool]] = {}
    words = set().union(*evidence.values())
    for code in SUPPORTED_LANGUAGES:
        words |= {w for w in get_language(code).numbers if len(w) > 2}
    for w in words:
        scores = tuple(
            (1.0 if w in evidence[code] else 0.0)
            + (0.5 if len(w) > 2 and w in get_language(code).numbers else 0.0)
            for code in SUPPORTED_LANGUAGES
        )
        table[w] = (scores, any(w in evidence[code] for code in SUPPORTED_LANGUAGES))
    return table


def detect_language(normalized: Normalized, lang: str | None, options: ParseOptions) -> str:
    """The language of the whole text (see the module docstring)."""
    if lang is not None:
        return lang
    sample = normalized.text[:_SAMPLE]
    words = [fold(w) for w in _WORD.findall(sample.lower())]
    table = _word_scores()
    totals = [0.0] * len(SUPPORTED_LANGUAGES)
    unknown = []
    for w in words:
        found = table.get(w)
        if found is not None:
            for k, value in enumerate(found[0]):
                totals[k] += value
        if (found is None or not found[1]) and len(w) > 3:
            unknown.append(w)
    scores = dict(zip(SUPPORTED_LANGUAGES, totals, strict=True))
    scores["fr"] += 0.5 * len(_FRENCH_MARKS.findall(sample))
    if len(words) >= 2:  # one unknown word: too little to go on, the default decides
        scores["en"] += sum(0.3 for w in unknown if _ENGLISH_SPELLING.search(w))
        scores["fr"] += sum(0.3 for w in unknown if _FRENCH_SPELLING.search(w))
    best = max(scores, key=lambda code: scores[code])
    others = [s for code, s in scores.items() if code != best]
    if scores[best] == 0 or any(s == scores[best] for s in others):
        return options.default_lang
    return best
