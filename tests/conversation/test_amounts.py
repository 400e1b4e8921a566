"""Merging keys and amount arithmetic in listparse's own unit registry."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import listparse
from listparse.conversation.amounts import add_amounts, base_key, convert, item_key, subtract_amount
from listparse.conversation.render import display_name, number, phrase


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("lait", "Lait", True),
        ("lait", "laits", True),
        ("pomme", "pommes", True),
        ("œufs", "oeuf", True),
        ("Crème fraîche", "creme fraiche", True),
        ("eggs", "egg", True),
        ("pommes de terre", "pomme de terre", True),
        ("lait", "lait demi-écrémé", False),
        ("milk", "semi-skimmed milk", False),
        ("pain", "pain de mie", False),
    ],
)
def test_item_keys(first, second, same):
    assert (item_key(first) == item_key(second)) is same


def test_the_size_of_a_container_is_part_of_the_key():
    assert item_key("thon", "140 gram") != item_key("thon", "200 gram")
    assert base_key(item_key("thon", "140 gram")) == item_key("thon")


@pytest.mark.parametrize(
    ("a", "b", "total"),
    [
        ((1, "liter"), (50, "centiliter"), ("3/2", "liter")),
        ((50, "centiliter"), (1, "liter"), ("3/2", "liter")),
        ((200, "gram"), ("1/10", "kilogram"), (300, "gram")),
        ((500, "gram"), (1, "kilogram"), ("3/2", "kilogram")),
        ((2, None), (3, None), (5, None)),
        ((2, None), (1, "piece"), (3, None)),
        ((2, "bottle"), (1, "bottle"), (3, "bottle")),
        ((1, "tablespoon"), (3, "teaspoon"), (2, "tablespoon")),
        ((2, "bottle"), (1, "liter"), None),
        ((1, "liter"), (1, "kilogram"), None),
        ((2, None), (1, "liter"), None),
        ((1, "mystery"), (1, "mystery"), (2, "mystery")),
        ((1, "mystery"), (1, "liter"), None),
    ],
)
def test_add_amounts(a, b, total):
    result = add_amounts(F(a[0]), a[1], F(b[0]), b[1])
    assert result == (None if total is None else (F(total[0]), total[1]))


def test_amounts_use_the_shopping_registry_not_pints_default():
    # in pint's default registry a "bag" is a mass (94 lb); here it is its own kind
    assert convert(F(1), "bag", "kilogram") is None
    assert convert(F(1), "cup", "milliliter") == F("236.5882365")


@pytest.mark.parametrize(
    ("have", "take", "left"),
    [
        ((2, "liter"), (50, "centiliter"), "3/2"),
        ((6, None), (2, None), 4),
        ((1, "bottle"), (1, "bottle"), 0),
        ((3, None), (5, None), -2),
    ],
)
def test_subtract_amount(have, take, left):
    assert subtract_amount(F(have[0]), have[1], F(take[0]), take[1]) == F(left)


def test_subtracting_another_kind_of_amount_is_refused():
    assert subtract_amount(F(2), "bottle", F(1), "kilogram") is None


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [(F(3), "fr", "3"), (F(3, 2), "fr", "1,5"), (F(3, 2), "en", "1.5"), (F(1, 3), "en", "0.33"), (F(1, 1000), "en", "0.001")],
)
def test_numbers(value, lang, text):
    assert number(value, lang) == text


@pytest.mark.parametrize(
    ("name", "quantity", "unit", "lang", "text"),
    [
        ("lait", F(2), "liter", "fr", "2 L de lait"),
        ("eau", F(3, 2), "liter", "fr", "1,5 L d'eau"),
        ("huile", F(1), "liter", "fr", "1 L d'huile"),
        ("haricots", F(500), "gram", "fr", "500 g de haricots"),
        ("lait", F(2), "bottle", "fr", "2 bouteilles de lait"),
        ("lait", F(3, 2), "bottle", "fr", "1,5 bouteille de lait"),
        ("milk", F(3, 2), "bottle", "en", "1.5 bottles of milk"),
        ("bread", F(1), "loaf", "en", "1 loaf of bread"),
        ("pommes", F(3), None, "fr", "3 pommes"),
        ("pommes", F(1), None, "fr", "1 pomme"),
        ("milk", None, None, "en", "milk"),
    ],
)
def test_phrases(name, quantity, unit, lang, text):
    assert phrase(name, quantity, unit, lang) == text


@pytest.mark.parametrize(
    ("name", "lang", "shown"),
    [
        ("oeufs", "fr", "oeuf"),
        ("pommes de terre", "fr", "pomme de terre"),
        ("gâteaux", "fr", "gâteau"),
        ("noix de coco", "fr", "noix de coco"),
        ("radis", "fr", "radis"),
        ("ananas", "fr", "ananas"),
        ("eggs", "en", "egg"),
        ("hummus", "en", "hummus"),
        ("glass", "en", "glass"),
    ],
)
def test_one_piece_is_shown_in_the_singular_of_a_regular_plural(name, lang, shown):
    assert display_name(name, F(1), None, lang) == shown
    assert display_name(name, F(2), None, lang) == name


def test_parser_items_give_the_amounts_merged():
    item = listparse.parse("2 boîtes de thon de 140 g", lang="fr").items[0]
    assert (item.quantity, item.unit, item.size.quantity, item.size.unit) == (2, "can", 140, "gram")


def test_convert_is_the_registry_conversion_for_every_pair_of_units():
    from pint.errors import DimensionalityError

    from listparse.units import quantity_of, registry

    units = sorted({str(u) for u in registry()._units if registry()._units[u].name == u})
    assert {"liter", "gram", "cup", "bottle", "piece"} <= set(units)
    for unit in units:
        for target in units:
            for value in (F(3, 7), F(250), F(1)):
                try:
                    expected = F(quantity_of(value, unit).to(target).magnitude)
                except DimensionalityError:
                    expected = None
                assert convert(value, unit, target) == expected, (value, unit, target)
