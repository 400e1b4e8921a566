"""Text folding: the per-character table against whole-text NFKD decomposition."""

from __future__ import annotations

import random
import unicodedata

import pytest

from listparse.textutil import fold, strip_accents


def reference_strip_accents(text: str) -> str:
    """Ligatures expanded, then the text decomposed (NFKD) and its combining marks dropped."""
    text = text.translate(str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}))
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crème Brûlée", "Creme Brulee"), ("Œufs", "OEufs"), ("cafe\u0301", "cafe"), ("ﬁlet", "filet"),
        ("½ écrémé", "1\u20442 ecreme"), ("Straße", "Strasse"), ("", ""), ("naïve 🍓", "naive 🍓"),
    ],
)  # fmt: skip
def test_strip_accents(text, expected):
    assert strip_accents(text) == expected


@pytest.mark.parametrize(
    "block", [(0x80, 0x800), (0x1E00, 0x2200), (0x3000, 0x3100), (0xAC00, 0xAD00), (0xFB00, 0xFB50)]
)
def test_each_character_as_whole_text_decomposition(block):
    for code in range(*block):
        char = chr(code)
        assert strip_accents(char) == reference_strip_accents(char), hex(code)


@pytest.mark.parametrize("seed", range(5))
def test_mixed_texts_as_whole_text_decomposition(seed):
    # combining marks in any order after any letter: the canonical reordering of whole-text
    # decomposition only moves marks, which are dropped
    rng = random.Random(seed)
    pool = "aeiouAEIOUcnsyzéèêëàâçœŒæß½ﬁ\u0301\u0300\u0327\u0308\u0323\u031b 한글ｆｕｌｌ①"
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 15)))
        assert strip_accents(text) == reference_strip_accents(text), repr(text)


def test_fold_lowercases_and_strips():
    assert fold("ÉCRÉMÉ") == "ecreme"
