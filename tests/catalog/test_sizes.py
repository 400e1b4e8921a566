"""Pack sizes of catalog products: parse_size (a size column) and size_in_name (inside a name)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from listparse.catalog import sizes
from listparse.catalog.sizes import parse_size, size_in_name

F = Fraction


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1 L", None, (None, (F(1), "liter"))),
        ("1L", None, (None, (F(1), "liter"))),
        ("0,75 l", None, (None, (F(3, 4), "liter"))),
        ("75cl", None, (None, (F(75), "centiliter"))),
        ("500 g", None, (None, (F(500), "gram"))),
        ("1 kg", "fr", (None, (F(1), "kilogram"))),
        ("250 mg", None, (None, (F(250), "milligram"))),
        ("33 cl", "fr", (None, (F(33), "centiliter"))),
        ("5 dl", None, (None, (F(5), "deciliter"))),
        ("200 ml", "en", (None, (F(200), "milliliter"))),
        ("16 oz", "en", (None, (F(16), "ounce"))),
        ("16 oz", None, (None, (F(16), "ounce"))),
        ("64 fl oz", "en", (None, (F(64), "fluid_ounce"))),
        ("64 fl oz", None, (None, (F(64), "fluid_ounce"))),  # French first, then English
        ("12 fl. oz.", "en", (None, (F(12), "fluid_ounce"))),
        ("1.5 lb", "en", (None, (F(3, 2), "pound"))),
        ("2 lbs", "en", (None, (F(2), "pound"))),
        ("1 gal", "en", (None, (F(1), "gallon"))),
        ("1/2 gal", "en", (None, (F(1, 2), "gallon"))),
        ("1 1/2 lb", "en", (None, (F(3, 2), "pound"))),
        ("1 qt", "en", (None, (F(1), "quart"))),
        ("1 pt", "en", (None, (F(1), "pint"))),
        ("2 livres", "fr", (None, (F(2), "pound"))),
        ("6 x 33 cl", None, (6, (F(33), "centiliter"))),
        ("6x33cl", None, (6, (F(33), "centiliter"))),
        ("2x1L", None, (2, (F(1), "liter"))),
        ("12 x 1,5 L", None, (12, (F(3, 2), "liter"))),
        ("12 × 1,5 L", "fr", (12, (F(3, 2), "liter"))),
        ("4 x 125 g", None, (4, (F(125), "gram"))),
        ("3 * 110 g", "fr", (3, (F(110), "gram"))),
        ("33 cl x 24", "fr", (24, (F(33), "centiliter"))),
        ("2 x 1 L", "en", (2, (F(1), "liter"))),
        ("12 ct", "en", (12, None)),
        ("80 Count", "en", (80, None)),
        ("6 pk", "en", (6, None)),
        ("8 pcs", "en", (8, None)),
        ("6 pièces", "fr", (6, None)),
        ("2 x 12 ct", "en", (24, None)),
        ("3.5 ct", "en", (None, None)),  # a count that is not a whole number
        ("250g (2x125g)", "fr", (None, (F(250), "gram"))),  # the first size
        # « 1,500 » is 1.5 in French and 1500 in English
        ("1,500 kg", "fr", (None, (F(3, 2), "kilogram"))),
        ("1,500 g", "en", (None, (F(1500), "gram"))),
    ],
)
def test_parse_size(text, lang, expected):
    assert parse_size(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    ["", "family size", "12", "0 g", "6 bouteilles", "2 cups", "1 c. à s.", "3 tbsp", "100 %", "lot de 2"],
)
def test_not_a_size(text):
    """No physical size and no count; kitchen measures are not pack contents."""
    assert parse_size(text) is None


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Lait demi-écrémé 1L", "fr", (None, (F(1), "liter"))),
        ("Coca-Cola 6 x 33 cl", None, (6, (F(33), "centiliter"))),
        ("Whole Milk, 1 gal", "en", (None, (F(1), "gallon"))),
        ("Jus D'orange 20cl x 6", "fr", (6, (F(20), "centiliter"))),
        ("Biscuit Rose Mini 110G X12 !car Fossier", "fr", (12, (F(110), "gram"))),
        ("Féta, 100% Lait De Brebis, 200 Grammes", "fr", (None, (F(200), "gram"))),
        ("Baguette De Pain 250g.", "fr", (None, (F(250), "gram"))),
        ("200G Concentre De Tomate 22%", "fr", (None, (F(200), "gram"))),
        ("Riz au lait - 460 g (4 * 115 g)", "fr", (4, (F(115), "gram"))),  # the last size
        ("Tropicana Orange Juice Smooth 1.6 Litre", "en", (None, (F(8, 5), "liter"))),
        ("Sara Lee Honey Wheat Bread - 20oz", "en", (None, (F(20), "ounce"))),
        ("Pepperidge Farm 7 Grain Bread, 16 oz. Loaf", "en", (None, (F(16), "ounce"))),
        ("Chicken Thighs, 2-lb bag", "en", (None, (F(2), "pound"))),
        ("La Demon-beer-500ml-france", "fr", (None, (F(500), "milliliter"))),
        ("Kraft Singles, 16 ct Pack", "en", (16, None)),
        ("Boost Nutritional Shake - Chocolate - 6pk", "en", (6, None)),
        ("Le haché de jambon à poêler - 2 pièces", "fr", (2, None)),
        # x N alone counts pieces, or units of the size after it
        ("Œufs frais x6", "fr", (6, None)),
        ("Oeufs plein air × 12", "fr", (12, None)),
        ("Yaourt nature x4 125g", "fr", (4, (F(125), "gram"))),
        ("Max 2 Energy", "en", None),
        # a physical size wins over a count: the pack of 6 weighs 13 oz in all
        ("Little Debbie Rolls - 6ct/13oz", "en", (None, (F(13), "ounce"))),
        ("Great Value Stevia Packets, 5.64 Oz, 80 Count", "en", (None, (F(141, 25), "ounce"))),
        # not sizes
        ("Pain de mie complet", "fr", None),
        ("Sauce Sweety chili 0%", "fr", None),
        ("6 œufs de poules élevées en plein air (Moyen : 53/63 g)", "fr", None),
        ("Jell-O Pudding Cups, 4 cups", "en", None),
        ("Collioure 2015 L'Argile", "fr", None),  # « L' » is an elision, not liters
        ("Vitamin C 500", "en", None),
    ],
)
def test_size_in_name(name, lang, expected):
    assert size_in_name(name, lang) == expected


def test_no_digit_is_not_tokenized(monkeypatch):
    """A name without a digit before a letter is answered by the prefilter alone."""

    def boom(*args, **kwargs):  # pragma: no cover - must not be called
        raise AssertionError("tokenize called")

    monkeypatch.setattr(sizes, "tokenize", boom)
    assert size_in_name("Yaourt nature au lait entier") is None
    assert size_in_name("Sauce chili 0%") is None
    assert parse_size("family size") is None


def test_cached_per_string():
    sizes._last.cache_clear()
    for _ in range(3):
        size_in_name("Eau minérale 6 x 1,5 L", "fr")
    info = sizes._last.cache_info()
    assert (info.misses, info.hits) == (1, 2)
