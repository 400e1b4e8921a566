"""Stage protect: a catalog's brands that the parser would cut or misread stay whole."""

from __future__ import annotations

import pytest

import listparse
from listparse.catalog import Catalog


def _brand_catalog():
    return Catalog.from_records([
        {"sku": "1", "name": "Extra Virgin Olive Oil", "brand": "365 by Whole Foods Market"},
        {"sku": "2", "name": "Chicken Salad", "brand": "Fresh And Ready"},
        {"sku": "3", "name": "Half Baked Ice Cream", "brand": "Ben & Jerry's"},
        {"sku": "4", "name": "Plant-Strong Chili", "brand": "Engine 2®"},
        {"sku": "5", "name": "Pâte feuilletée", "brand": "Toque du Chef"},
        {"sku": "6", "name": "Whole Milk", "brand": "Great Value"},
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        ("365 by Whole Foods Market olive oil", "en", [("365 by Whole Foods Market olive oil", None)]),
        ("fresh and ready chicken salad", "en", [("fresh and ready chicken salad", None)]),
        ("Engine 2 plant-strong chili", "en", [("Engine 2 plant-strong chili", None)]),
        ("Toque du Chef pâte feuilletée", "fr", [("Toque du Chef pâte feuilletée", None)]),
        # not a brand: items are still cut and amounts read
        ("2 milk and 3 eggs", "en", [("milk", 2), ("eggs", 3)]),
    ],
)  # fmt: skip
def test_protected_brands_stay_whole(text, lang, names):
    result = listparse.parse(text, lang=lang, catalog=_brand_catalog())
    assert [(i.name, i.quantity) for i in result.items] == names


@pytest.mark.parametrize("text", ["365 by Whole Foods Market olive oil", "Engine 2 plant-strong chili"])
def test_without_a_catalog_nothing_is_protected(text):
    assert [(i.name, i.quantity) for i in listparse.parse(text, lang="en").items] != [(text, None)]
