"""Amounts: number words, digits, decimals, fractions, halves, dozens, ranges, approximate and
vague amounts, multipliers — first on the token reader, then on whole items."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from conftest import check_item, frac, one, stage_tokens

from listparse.stages.quantities import read_quantity


def read(text: str, lang: str):
    toks = stage_tokens(text, lang)
    found = read_quantity(toks, [t.low for t in toks], 0, len(toks), lang)
    assert found is not None, f"no amount read in {text!r}"
    return found


# --- the amount reader -----------------------------------------------------------------------

NUMBERS = [
    # French number words
    ("trois", "fr", 3),
    ("dix-sept", "fr", 17),
    ("dix-huit", "fr", 18),
    ("vingt et un", "fr", 21),
    ("trente-deux", "fr", 32),
    ("soixante-dix", "fr", 70),
    ("soixante et onze", "fr", 71),
    ("soixante-quinze", "fr", 75),
    ("quatre-vingts", "fr", 80),
    ("quatre-vingt-dix", "fr", 90),
    ("quatre-vingt-dix-neuf", "fr", 99),
    ("cent", "fr", 100),
    ("deux cent cinquante", "fr", 250),
    ("trois cents", "fr", 300),
    ("mille", "fr", 1000),
    ("deux mille", "fr", 2000),
    ("mille cinq cents", "fr", 1500),
    # English number words
    ("three", "en", 3),
    ("seventeen", "en", 17),
    ("twenty-five", "en", 25),
    ("twenty five", "en", 25),
    ("ninety-nine", "en", 99),
    ("a hundred", "en", 100),
    ("one hundred", "en", 100),
    ("a hundred and fifty", "en", 150),
    ("two hundred and fifty", "en", 250),
    ("a thousand", "en", 1000),
    ("two thousand", "en", 2000),
    # digits, decimals, fractions
    ("3", "fr", 3),
    ("12", "en", 12),
    ("250", "fr", 250),
    ("1,5", "fr", "3/2"),
    ("1.5", "en", "3/2"),
    ("0,5", "fr", "1/2"),
    ("1/2", "fr", "1/2"),
    ("1/2", "en", "1/2"),
    ("2 1/2", "en", "5/2"),
    ("2 1/2", "fr", "5/2"),
    ("½", "fr", "1/2"),
    ("¼", "en", "1/4"),
    ("¾", "en", "3/4"),
    ("⅓", "fr", "1/3"),
    ("⅔", "en", "2/3"),
    ("⅛", "en", "1/8"),
    ("1½", "fr", "3/2"),
    ("1½", "en", "3/2"),
    ("2¾", "en", "11/4"),
    # halves and dozens
    ("un et demi", "fr", "3/2"),
    ("deux et demi", "fr", "5/2"),
    ("one and a half", "en", "3/2"),
    ("two and a half", "en", "5/2"),
    ("une douzaine", "fr", 12),
    ("douzaine", "fr", 12),
    ("deux douzaines", "fr", 24),
    ("une demi-douzaine", "fr", 6),
    ("a dozen", "en", 12),
    ("half a dozen", "en", 6),
    ("two dozen", "en", 24),
]


@pytest.mark.parametrize(("text", "lang", "value"), NUMBERS)
def test_read_quantity_value(text, lang, value):
    found = read(text, lang)
    assert found.value == frac(value)
    assert found.value_max is None
    assert found.end == len(stage_tokens(text, lang)), f"{text!r} not read to its end"


RANGES = [
    ("2-3", "fr"),
    ("2-3", "en"),
    ("2–3", "fr"),
    ("2–3", "en"),
    ("2 - 3", "en"),
    ("2 à 3", "fr"),
    ("2 ou 3", "fr"),
    ("deux à trois", "fr"),
    ("deux ou trois", "fr"),
    ("2 to 3", "en"),
    ("2 or 3", "en"),
    ("two to three", "en"),
    ("two or three", "en"),
]


@pytest.mark.parametrize(("text", "lang"), RANGES)
def test_read_quantity_range(text, lang):
    found = read(text, lang)
    assert (found.value, found.value_max) == (2, 3)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("une dizaine", "fr", 10), ("une vingtaine", "fr", 20), ("une centaine", "fr", 100), ("a couple", "en", 2)],
)
def test_read_quantity_approximate_nouns(text, lang, value):
    found = read(text, lang)
    assert found.value == value
    assert "approximate" in found.flags


# --- amounts on whole items ------------------------------------------------------------------

# (text, lang, name, quantity, quantity_max, unit, size)
ITEM_AMOUNTS = [
    # number words with units
    ("quatre-vingt-dix grammes de beurre", "fr", "beurre", 90, None, "gram", None),
    ("soixante et onze grammes de sucre", "fr", "sucre", 71, None, "gram", None),
    ("deux cent cinquante grammes de farine", "fr", "farine", 250, None, "gram", None),
    ("mille grammes de riz", "fr", "riz", 1000, None, "gram", None),
    ("dix-sept œufs", "fr", "œufs", 17, None, None, None),
    ("twenty-five grams of sugar", "en", "sugar", 25, None, "gram", None),
    ("a hundred and fifty grams of flour", "en", "flour", 150, None, "gram", None),
    ("seventeen eggs", "en", "eggs", 17, None, None, None),
    # digits and the decimal comma
    ("3 citrons", "fr", "citrons", 3, None, None, None),
    ("12 eggs", "en", "eggs", 12, None, None, None),
    ("1,5 kg de pommes", "fr", "pommes", "3/2", None, "kilogram", None),
    ("1,5 l de lait", "fr", "lait", "3/2", None, "liter", None),
    ("0,5 l de crème", "fr", "crème", "1/2", None, "liter", None),
    ("1.5 kg potatoes", "en", "potatoes", "3/2", None, "kilogram", None),
    # fractions, unicode fractions and mixed numbers
    ("1/2 cup sugar", "en", "sugar", "1/2", None, "cup", None),
    ("1/2 litre de lait", "fr", "lait", "1/2", None, "liter", None),
    ("2 1/2 cups flour", "en", "flour", "5/2", None, "cup", None),
    ("2 1/2 kg de pommes de terre", "fr", "pommes de terre", "5/2", None, "kilogram", None),
    ("½ tasse de lait", "fr", "lait", "1/2", None, "cup", None),
    ("¼ tsp salt", "en", "salt", "1/4", None, "teaspoon", None),
    ("¼ de litre de lait", "fr", "lait", "1/4", None, "liter", None),
    ("¾ cup milk", "en", "milk", "3/4", None, "cup", None),
    ("¾ de tasse de sucre", "fr", "sucre", "3/4", None, "cup", None),
    ("⅓ cup oil", "en", "oil", "1/3", None, "cup", None),
    ("⅔ tasse de sucre", "fr", "sucre", "2/3", None, "cup", None),
    ("⅛ tsp nutmeg", "en", "nutmeg", "1/8", None, "teaspoon", None),
    ("⅛ de litre de crème", "fr", "crème", "1/8", None, "liter", None),
    ("1½ cups water", "en", "water", "3/2", None, "cup", None),
    ("1½ kg de pommes", "fr", "pommes", "3/2", None, "kilogram", None),
    # halves
    ("un kilo et demi de farine", "fr", "farine", "3/2", None, "kilogram", None),
    ("un litre et demi de lait", "fr", "lait", "3/2", None, "liter", None),
    ("one and a half pounds of beef", "en", "beef", "3/2", None, "pound", None),
    ("one and a half cups of milk", "en", "milk", "3/2", None, "cup", None),
    ("une demi-baguette", "fr", "baguette", "1/2", None, None, None),
    ("un demi-litre de lait", "fr", "lait", "1/2", None, "liter", None),
    ("half a cup of sugar", "en", "sugar", "1/2", None, "cup", None),
    ("half a lemon", "en", "lemon", "1/2", None, None, None),
    # dozens: a count, no unit
    ("une douzaine d'œufs", "fr", "œufs", 12, None, None, None),
    ("une demi-douzaine d'œufs", "fr", "œufs", 6, None, None, None),
    ("deux douzaines d'huîtres", "fr", "huîtres", 24, None, None, None),
    ("a dozen eggs", "en", "eggs", 12, None, None, None),
    ("half a dozen eggs", "en", "eggs", 6, None, None, None),
    ("two dozen eggs", "en", "eggs", 24, None, None, None),
    # ranges
    ("2-3 citrons", "fr", "citrons", 2, 3, None, None),
    ("2–3 citrons", "fr", "citrons", 2, 3, None, None),
    ("2 à 3 citrons", "fr", "citrons", 2, 3, None, None),
    ("2 ou 3 citrons", "fr", "citrons", 2, 3, None, None),
    ("deux ou trois citrons", "fr", "citrons", 2, 3, None, None),
    ("200 à 300 g de farine", "fr", "farine", 200, 300, "gram", None),
    ("2-3 lemons", "en", "lemons", 2, 3, None, None),
    ("2–3 lemons", "en", "lemons", 2, 3, None, None),
    ("2 to 3 lemons", "en", "lemons", 2, 3, None, None),
    ("2 or 3 lemons", "en", "lemons", 2, 3, None, None),
    ("two or three lemons", "en", "lemons", 2, 3, None, None),
    ("2-3 tbsp olive oil", "en", "olive oil", 2, 3, "tablespoon", None),
    # multipliers: the count, and the size of one
    ("2 x 500 g de pâtes", "fr", "pâtes", 2, None, None, (500, "gram")),
    ("3 × 1 L de lait", "fr", "lait", 3, None, None, (1, "liter")),
    ("6x33cl de bière", "fr", "bière", 6, None, None, (33, "centiliter")),
    ("2 x 500 g pasta", "en", "pasta", 2, None, None, (500, "gram")),
    ("3 × 1 L milk", "en", "milk", 3, None, None, (1, "liter")),
    ("6x33cl beer", "en", "beer", 6, None, None, (33, "centiliter")),
]


@pytest.mark.parametrize(("text", "lang", "name", "quantity", "quantity_max", "unit", "size"), ITEM_AMOUNTS)
def test_item_amount(text, lang, name, quantity, quantity_max, unit, size):
    check_item(one(text, lang), name, quantity, quantity_max, unit, size)


def test_decimal_comma_is_never_fifteen():
    item = one("1,5 kg de pommes", "fr")
    assert item.quantity == Fraction(3, 2)
    assert item.model_dump(mode="json")["quantity"] == 1.5


@pytest.mark.parametrize(
    ("text", "lang", "name", "quantity", "unit"),
    [
        ("une dizaine d'œufs", "fr", "œufs", 10, None),
        ("une vingtaine de tomates cerises", "fr", "tomates cerises", 20, None),
        ("environ 500 g de farine", "fr", "farine", 500, "gram"),
        ("à peu près 2 kg de pommes", "fr", "pommes", 2, "kilogram"),
        ("about 2 lbs potatoes", "en", "potatoes", 2, "pound"),
        ("about 2 lbs of potatoes", "en", "potatoes", 2, "pound"),
        ("approximately 500 g flour", "en", "flour", 500, "gram"),
        ("a couple of lemons", "en", "lemons", 2, None),
        ("a couple of onions", "en", "onions", 2, None),
    ],
)
def test_approximate_amounts(text, lang, name, quantity, unit):
    item = one(text, lang)
    check_item(item, name, quantity, None, unit, None)
    assert "approximate" in item.flags


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("quelques tomates", "fr", "tomates"),
        ("un peu de sel", "fr", "sel"),
        ("un peu d'huile", "fr", "huile"),
        ("plusieurs citrons", "fr", "citrons"),
        ("some milk", "en", "milk"),
        ("some apples", "en", "apples"),
        ("a few apples", "en", "apples"),
        ("a few lemons", "en", "lemons"),
    ],
)
def test_vague_amounts_have_no_quantity(text, lang, name):
    item = one(text, lang)
    assert item.name == name
    assert item.quantity is None and item.quantity_max is None
    assert "vague" in item.flags


@pytest.mark.parametrize(("text", "lang"), [(row[0], row[1]) for row in ITEM_AMOUNTS])
def test_quantities_are_finite_fractions(text, lang):
    item = one(text, lang)
    for value in (item.quantity, item.quantity_max):
        assert value is None or (isinstance(value, Fraction) and math.isfinite(float(value)))
