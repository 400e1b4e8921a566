"""The result models: frozen, strict, exact in Python, plain floats in JSON, pint amounts."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pint
import pydantic
import pytest

import listparse
from listparse import Item, ShoppingList, Size


@pytest.fixture
def item() -> Item:
    return listparse.parse("1,5 kg de pommes", lang="fr").items[0]


def test_item_is_frozen(item):
    with pytest.raises(pydantic.ValidationError):
        item.name = "poires"
    with pytest.raises(pydantic.ValidationError):
        item.quantity = Fraction(2)


def test_shopping_list_is_frozen():
    result = listparse.parse("lait", lang="fr")
    with pytest.raises(pydantic.ValidationError):
        result.lang = "en"
    with pytest.raises((pydantic.ValidationError, TypeError, AttributeError)):
        result.items.append(result.items[0])  # a tuple: no append


def test_size_is_frozen():
    size = Size(quantity=Fraction(140), unit="gram")
    with pytest.raises(pydantic.ValidationError):
        size.unit = "kilogram"


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Item, {"name": "lait", "span": (0, 4), "confidence": 0.9, "colour": "white"}),
        (Size, {"quantity": 1, "unit": "liter", "brand": "x"}),
        (ShoppingList, {"lang": "fr", "items": [], "source": "x"}),
        (listparse.ParseOptions, {"default_lang": "fr", "verbose": True}),
    ],
)
def test_extra_fields_forbidden(model, data):
    with pytest.raises(pydantic.ValidationError, match="xtra"):
        model(**data)


def test_item_validates_fields():
    with pytest.raises(pydantic.ValidationError):
        Item(name="lait", span=(0, 4), confidence=1.5)
    with pytest.raises(pydantic.ValidationError):
        Item(name="lait", span=(0, 4), confidence=0.5, quantity=float("nan"))
    with pytest.raises(pydantic.ValidationError):
        ShoppingList(lang="de")


def test_quantities_are_exact_fractions(item):
    assert item.quantity == Fraction(3, 2)
    assert isinstance(item.quantity, Fraction)


def test_json_dump_gives_plain_floats():
    result = listparse.parse("1,5 kg de pommes\n2 boîtes de thon de 140 g\n2 à 3 citrons", lang="fr")
    data = result.model_dump(mode="json")
    first, second, third = data["items"]
    assert first["quantity"] == 1.5 and type(first["quantity"]) is float
    assert second["size"] == {"quantity": 140.0, "unit": "gram"}
    assert type(second["size"]["quantity"]) is float
    assert (third["quantity"], third["quantity_max"]) == (2.0, 3.0)
    text = result.model_dump_json()
    assert '"quantity":1.5' in text.replace(" ", "")
    assert "3/2" not in text
    assert json.loads(text) == data


def test_json_third_is_a_float():
    data = listparse.parse("⅓ cup oil", lang="en").items[0].model_dump(mode="json")
    assert isinstance(data["quantity"], float)
    assert abs(data["quantity"] - 1 / 3) < 1e-12


def test_json_round_trip(item):
    again = Item.model_validate_json(item.model_dump_json())
    assert again.quantity == item.quantity
    assert again == item


def test_json_schema():
    schema = ShoppingList.model_json_schema()
    json.dumps(schema)  # serialisable
    item_schema = schema["$defs"]["Item"]
    quantity = item_schema["properties"]["quantity"]
    types = {quantity.get("type")} | {s.get("type") for s in quantity.get("anyOf", [])}
    assert "number" in types
    assert "string" not in types
    size = schema["$defs"]["Size"]["properties"]["quantity"]
    assert size.get("type") == "number"


def test_amount_is_a_pint_quantity(item):
    amount = item.amount
    assert isinstance(amount, pint.Quantity)
    assert amount.magnitude == Fraction(3, 2)
    assert str(amount.units) == "kilogram"
    assert amount.to("gram").magnitude == 1500


def test_amount_of_a_count():
    amount = listparse.parse("3 citrons", lang="fr").items[0].amount
    assert isinstance(amount, pint.Quantity)
    assert amount.magnitude == 3


def test_amount_is_none_without_quantity():
    assert listparse.parse("du lait", lang="fr").items[0].amount is None


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("1,5 kg de pommes", "fr", "liter"),  # mass to volume
        ("2 l de lait", "fr", "gram"),
        ("3 bouteilles de vin", "fr", "gram"),  # a bottle of unknown size
        ("3 citrons", "fr", "kilogram"),
        ("2 cans of tuna", "en", "bottle"),  # a can never becomes a bottle
        ("1 cup sugar", "en", "pound"),
        ("2 lb apples", "en", "no_such_unit"),
        ("du lait", "fr", "liter"),  # no quantity
    ],
)
def test_to_raises_for_incompatible_units(text, lang, unit):
    item = listparse.parse(text, lang=lang).items[0]
    with pytest.raises(listparse.UnitConversionError) as info:
        item.to(unit)
    assert isinstance(info.value, listparse.ListparseError)


def test_to_physical_units():
    assert listparse.parse("2 kg de pommes", lang="fr").items[0].to("gram").magnitude == 2000
    assert listparse.parse("2 lb apples", lang="en").items[0].to("ounce").magnitude == 32


def test_all_names_exist():
    assert listparse.__all__
    for name in listparse.__all__:
        assert hasattr(listparse, name), name
    for required in ("parse", "explain", "Item", "ShoppingList", "ParseOptions", "ListparseError",
                     "InputTooLargeError", "UnitConversionError", "LexiconError"):
        assert required in listparse.__all__


def test_error_hierarchy():
    for error in (listparse.InputTooLargeError, listparse.LexiconError, listparse.UnitConversionError,
                  listparse.UnsupportedLanguageError):
        assert issubclass(error, listparse.ListparseError)


def test_py_typed_exists():
    package = Path(listparse.__file__).parent
    assert (package / "py.typed").is_file()
