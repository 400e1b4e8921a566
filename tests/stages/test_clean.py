"""Stage 4, clean: fillers, request openers, mentions of the list and self-corrections go;
the product words stay."""

from __future__ import annotations

import pytest
from conftest import check_item, cleaned, one

# (text, lang, tokens kept by the clean stage)
CLEANED = [
    # fillers
    ("euh deux litres de lait", "fr", ["deux", "litres", "de", "lait"]),
    ("bah du pain", "fr", ["du", "pain"]),
    ("hum trois citrons", "fr", ["trois", "citrons"]),
    ("deux euh litres de lait", "fr", ["deux", "litres", "de", "lait"]),
    ("um two bottles of milk", "en", ["two", "bottles", "of", "milk"]),
    ("uh some bread", "en", ["some", "bread"]),
    ("like three lemons", "en", ["three", "lemons"]),
    ("two um bottles of uh milk", "en", ["two", "bottles", "of", "milk"]),
    # request openers
    ("il me faut deux litres de lait", "fr", ["deux", "litres", "de", "lait"]),
    ("je voudrais trois baguettes", "fr", ["trois", "baguettes"]),
    ("ajoute du beurre", "fr", ["du", "beurre"]),
    ("mets des pommes", "fr", ["des", "pommes"]),
    ("rajoute six œufs", "fr", ["six", "œufs"]),
    ("I need two bottles of milk", "en", ["two", "bottles", "of", "milk"]),
    ("can you add some bread", "en", ["some", "bread"]),
    ("get me three lemons", "en", ["three", "lemons"]),
    ("put eggs", "en", ["eggs"]),
    # an opener of six letters or more typed with one slip
    ("aljoute du beurre", "fr", ["du", "beurre"]),
    ("achtez six œufs", "fr", ["six", "œufs"]),
    ("comande deux pizzas", "fr", ["deux", "pizzas"]),
    ("mètre de boudin", "fr", ["mètre", "de", "boudin"]),  # shorter than six letters: no slip read
    # mentions of the list
    ("ajoute du beurre à ma liste de courses", "fr", ["du", "beurre"]),
    ("mets des pommes sur la liste", "fr", ["des", "pommes"]),
    ("add butter to my shopping list", "en", ["butter"]),
    ("put eggs on the list", "en", ["eggs"]),
    # self-corrections: the first amount goes
    ("deux non trois bouteilles de lait", "fr", ["trois", "bouteilles", "de", "lait"]),
    ("two, no, three bottles of milk", "en", ["three", "bottles", "of", "milk"]),
    # everything at once
    (
        "euh il me faut deux non trois bouteilles de lait à ma liste de courses",
        "fr",
        ["trois", "bouteilles", "de", "lait"],
    ),
    ("um can you add two, no, three bottles of milk to my shopping list", "en", ["three", "bottles", "of", "milk"]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CLEANED)
def test_clean_stage(text, lang, expected):
    assert cleaned(text, lang) == expected


# (text, lang, name, quantity, unit)
ITEMS = [
    ("euh deux litres de lait", "fr", "lait", 2, "liter"),
    ("bah du pain", "fr", "pain", None, None),
    ("hum trois citrons", "fr", "citrons", 3, None),
    ("um two bottles of milk", "en", "milk", 2, "bottle"),
    ("uh a loaf of bread", "en", "bread", 1, "loaf"),
    ("like three lemons", "en", "lemons", 3, None),
    # a filler word joined to a name by « & » is the name: nothing of it is lost
    ("Ben & Jerry's ice cream", "en", "Ben & Jerry's ice cream", None, None),
    ("une glace Ben & Jerry's", "fr", "glace Ben & Jerry's", 1, None),
    ("il me faut deux litres de lait", "fr", "lait", 2, "liter"),
    ("je voudrais trois baguettes", "fr", "baguettes", 3, None),
    ("ajoute du beurre", "fr", "beurre", None, None),
    ("mets des pommes", "fr", "pommes", None, None),
    ("rajoute six œufs", "fr", "œufs", 6, None),
    ("I need two bottles of milk", "en", "milk", 2, "bottle"),
    ("can you add three lemons", "en", "lemons", 3, None),
    ("get me a dozen eggs", "en", "eggs", 12, None),
    ("put 6 eggs", "en", "eggs", 6, None),
    ("ajoute du beurre à ma liste de courses", "fr", "beurre", None, None),
    ("rajoute 2 kg de pommes à ma liste de courses", "fr", "pommes", 2, "kilogram"),
    ("add butter to my shopping list", "en", "butter", None, None),
    ("add 2 lbs of apples to my shopping list", "en", "apples", 2, "pound"),
    ("put 6 eggs on my shopping list", "en", "eggs", 6, None),
]


@pytest.mark.parametrize(("text", "lang", "name", "quantity", "unit"), ITEMS)
def test_cleaned_items(text, lang, name, quantity, unit):
    check_item(one(text, lang), name, quantity, None, unit, None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("deux non trois bouteilles de lait", "fr"),
        ("euh deux non trois bouteilles de lait", "fr"),
        ("two, no, three bottles of milk", "en"),
        ("two no three bottles of milk", "en"),
        ("deux pardon trois bouteilles de lait", "fr"),
        ("deux enfin non trois bouteilles de lait", "fr"),
        ("two sorry three bottles of milk", "en"),
        ("two I mean three bottles of milk", "en"),
    ],
)
def test_self_correction(text, lang):
    item = one(text, lang)
    name = "lait" if lang == "fr" else "milk"
    check_item(item, name, 3, None, "bottle", None)
    assert "corrected" in item.flags

