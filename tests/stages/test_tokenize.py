"""Stage 3, tokenize: words, numbers (locale-aware), fractions, elisions, offsets."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import stage_tokens

from listparse.stages.normalize import normalize
from listparse.stages.tokenize import tokenize


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2 kg de pommes", "fr", ["2", "kg", "de", "pommes"]),
        ("500g de farine", "fr", ["500", "g", "de", "farine"]),
        ("500g flour", "en", ["500", "g", "flour"]),
        ("2,5kg de pommes", "fr", ["2,5", "kg", "de", "pommes"]),
        ("6x33cl", "fr", ["6", "x", "33", "cl"]),
        ("6x33cl", "en", ["6", "x", "33", "cl"]),
        ("d'huile", "fr", ["d'", "huile"]),
        ("l'ail", "fr", ["l'", "ail"]),
        ("un litre d'eau", "fr", ["un", "litre", "d'", "eau"]),
        ("quatre-vingt-dix", "fr", ["quatre-vingt-dix"]),
        ("lait demi-écrémé", "fr", ["lait", "demi-écrémé"]),
        ("all-purpose flour", "en", ["all-purpose", "flour"]),
        ("twenty-five", "en", ["twenty-five"]),
        ("lait, pain; beurre", "fr", ["lait", ",", "pain", ";", "beurre"]),
        ("tomatoes (for the salad)", "en", ["tomatoes", "(", "for", "the", "salad", ")"]),
        ("2 1/2 cups", "en", ["2", "1/2", "cups"]),
        ("lait\npain", "fr", ["lait", "\n", "pain"]),
    ],
)
def test_token_texts(text, lang, expected):
    assert [t.text for t in stage_tokens(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1,5", "fr", Fraction(3, 2)),  # decimal comma: 3/2, never 15
        ("1,5", "en", Fraction(3, 2)),
        ("0,75", "fr", Fraction(3, 4)),
        ("2,25", "fr", Fraction(9, 4)),
        ("1.5", "en", Fraction(3, 2)),
        ("1.5", "fr", Fraction(3, 2)),
        ("1,500", "en", Fraction(1500)),  # English thousands group
        ("1,000.5", "en", Fraction(2001, 2)),
        ("1.000,5", "fr", Fraction(2001, 2)),
        ("250", "fr", Fraction(250)),
        ("1/2", "fr", Fraction(1, 2)),
        ("3/4", "en", Fraction(3, 4)),
        ("½", "fr", Fraction(1, 2)),
        ("⅓", "en", Fraction(1, 3)),
    ],
)
def test_number_values(text, lang, value):
    toks = stage_tokens(text, lang)
    assert len(toks) == 1
    assert toks[0].is_number
    assert toks[0].value == value
    assert isinstance(toks[0].value, Fraction)


def test_mixed_number_is_two_number_tokens():
    toks = stage_tokens("1½", "fr")
    assert [t.value for t in toks] == [Fraction(1), Fraction(1, 2)]
    assert [t.kind for t in toks] == ["num", "frac"]


def test_kinds():
    toks = stage_tokens("2 1/2 kg, lait\n", "fr")
    assert [t.kind for t in toks] == ["num", "frac", "word", "punct", "word", "nl"]


def test_folded_form_strips_case_and_accents():
    toks = stage_tokens("Crème Fraîche Œufs", "fr")
    assert [t.low for t in toks] == ["creme", "fraiche", "oeufs"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2,5kg d'huile d'olive et 6x33cl de bière", "fr"),
        ("1 1/2 cups all-purpose flour (sifted); 2 eggs", "en"),
        ("quatre-vingt-dix grammes\n- lait", "fr"),
        ("a\u00a0b  c\t\td", "en"),
    ],
)
def test_offsets_point_into_the_normalized_text(text, lang):
    norm = normalize(text).text
    toks = tokenize(norm, lang)
    previous_end = 0
    for tok in toks:
        assert norm[tok.start : tok.end] == tok.text
        assert tok.start >= previous_end
        previous_end = tok.end


def test_zero_denominator_does_not_raise():
    toks = stage_tokens("1/0 kg", "en")
    assert toks  # read as separate pieces, no ZeroDivisionError

