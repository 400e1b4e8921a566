"""Stage join: the parts of a word written apart (compounds.txt) read as the one word."""

from __future__ import annotations

from fractions import Fraction

import pytest

import listparse
from listparse.stages.join import join
from listparse.stages.normalize import normalize
from listparse.stages.tokenize import tokenize


@pytest.mark.parametrize(
    ("text", "lang", "lows"),
    [
        ("lait demi écrémé", "fr", ["lait", "demi-ecreme"]),
        ("lait ½ écrémé", "fr", ["lait", "demi-ecreme"]),
        ("lait 1/2 écrémé", "fr", ["lait", "demi-ecreme"]),
        ("beurre demi sel", "fr", ["beurre", "demi-sel"]),
        ("beurre demi-sel", "fr", ["beurre", "demi-sel"]),  # already one word
        ("half and half", "en", ["half-and-half"]),
        ("semi skimmed milk", "en", ["semi-skimmed", "milk"]),
        # no compound: the tokens as they are
        ("une demi baguette", "fr", ["une", "demi", "baguette"]),
        ("half a lemon", "en", ["half", "a", "lemon"]),
        ("lait demi\nécrémé", "fr", ["lait", "demi", "\n", "ecreme"]),  # not across lines
        ("", "fr", []),
    ],
)
def test_join(text, lang, lows):
    n = normalize(text)
    assert [t.low for t in join(tokenize(n.text, lang), n, lang)] == lows


@pytest.mark.parametrize(
    ("text", "lang", "items"),
    [
        # one item, with the compound's modifier
        ("lait demi écrémé", "fr", [("lait demi écrémé", None, None, ("semi_skimmed",))]),
        ("2 l de lait ½ écrémé", "fr", [("lait ½ écrémé", 2, "liter", ("semi_skimmed",))]),
        ("beurre demi sel et pain", "fr", [("beurre demi sel", None, None, ()), ("pain", None, None, ())]),
        ("champagne demi sec", "fr", [("champagne demi sec", None, None, ())]),
        ("1 pint half and half", "en", [("half and half", 1, "pint", ())]),
        ("milk and half and half", "en", [("milk", None, None, ()), ("half and half", None, None, ())]),
        ("half-and-half", "en", [("half-and-half", None, None, ())]),  # written whole: no half in it
        ("beurre demi-sel", "fr", [("beurre demi-sel", None, None, ())]),
        ("semi skimmed milk", "en", [("semi skimmed milk", None, None, ("semi_skimmed",))]),
        # a half word before a product is still an amount
        ("une demi baguette", "fr", [("baguette", Fraction(1, 2), None, ())]),
    ],
)
def test_compounds_in_items(text, lang, items):
    result = listparse.parse(text, lang=lang)
    assert [(i.name, i.quantity, i.unit, i.modifiers) for i in result.items] == items
