"""Stage 3a, join: the parts of a word written apart (compounds.txt) become the one word.

Reads: tokens, the normalized text and the language. Writes: the tokens, each run that spells
a compound's parts (« demi écrémé », « ½ sel », "half and half") merged into one word token
whose folded form is the compound's (« demi-ecreme »): no amount is read in its half word, no
item is cut at its "and", and its modifier is the compound's. A half word also matches a
written half (½, 1/2).

>>> from listparse.stages.normalize import normalize
>>> from listparse.stages.tokenize import tokenize
>>> n = normalize("lait demi écrémé")
>>> [(t.text, t.low) for t in join(tokenize(n.text, "fr"), n, "fr")]
[('lait', 'lait'), ('demi écrémé', 'demi-ecreme')]
"""

from __future__ import annotations

import functools
from fractions import Fraction

from ..lexicon import PhraseTable, get_language, lexicon_dir, read_words
from ..textutil import fold
from .normalize import Normalized
from .tokenize import Token, merge_phrases

__all__ = ["join", "COMPOUND"]

#: Mark set on a token joined from a compound's parts.
COMPOUND = "compound"

_HALF = "½"  # how a written half is looked up


@functools.cache
def _compound_words(lang: str) -> frozenset[str]:
    """The language's compounds (compounds.txt) as one token spells them, folded (« demi-ecreme »,
    "half-and-half")."""
    return frozenset(fold(word.lower()) for word in read_words(lexicon_dir() / lang / "compounds.txt"))


@functools.cache
def _compounds(lang: str) -> PhraseTable:
    """The language's compounds: their parts as folded tokens (a half word also as ½) → the
    compound, folded."""
    data = get_language(lang)
    halves = {word for word, (value, kind) in data.numbers.items() if kind == "half" and value == Fraction(1, 2)}
    table = PhraseTable()
    for compound in sorted(_compound_words(lang)):
        parts = tuple(p for p in compound.split("-") if p)
        if len(parts) < 2:
            continue
        table.add(parts, compound)
        if parts[0] in halves:
            table.add((_HALF, *parts[1:]), compound)
    return table


def _key(tok: Token) -> str:
    return _HALF if tok.kind == "frac" and tok.value == Fraction(1, 2) else tok.low


def join(tokens: list[Token], normalized: Normalized, lang: str) -> list[Token]:
    """The tokens with each compound's parts merged into one word, and a compound written whole
    marked as one (see the module docstring)."""
    whole = _compound_words(lang)
    for tok in tokens:
        if tok.kind == "word" and tok.mark is None and tok.low in whole:
            tok.mark = COMPOUND  # "half-and-half" alone: no half read in it either
    table = _compounds(lang)
    if not len(table) or len(tokens) < 2:
        return tokens
    keys = [_key(t) for t in tokens]
    if table.first_words().isdisjoint(keys):
        return tokens
    return merge_phrases(tokens, keys, table, normalized.text, _as_compound)


def _as_compound(tok: Token, compound: str) -> None:
    tok.low = compound
    tok.mark = COMPOUND
