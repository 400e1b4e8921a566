"""Inputs that once parsed wrong, kept so they stay right (one row each, with the reason)."""

from __future__ import annotations

import pytest
from conftest import names, one

CASES = [
    # « thé » folds to "the": connectors must be compared on the written word, not the folded one
    ("une tasse de thé", "fr", "thé", 1, "cup"),
    ("2 sachets de thé vert", "fr", "thé vert", 2, "sachet"),
    # « or » is gold in French, never an alternative
    ("1 cuillère à café de poudre d'or", "fr", "poudre d'or", 1, "teaspoon"),
    # « piment » and "jelly" only look like adverbs
    ("Piment d'Espelette", "fr", "Piment d'Espelette", None, None),
    ("2 pots of jelly", "en", "jelly", 2, "pot"),
    # a dimension in parentheses before a unit
    ("1 (1-inch) piece ginger", "en", "ginger", 1, "piece"),
    # a measure with its partitive and no number is one of it (a bare container already was)
    ("litre de lait", "fr", "lait", 1, "liter"),
    ("pound of butter", "en", "butter", 1, "pound"),
    ("pound cake", "en", "pound cake", None, None),
    # an article before the amount or the container
    ("la bouteille de lait", "fr", "lait", None, "bottle"),
    ("les 2 bouteilles de lait", "fr", "lait", 2, "bottle"),
    ("the 2 cans of tuna", "en", "tuna", 2, "can"),
    ("de la feuille d'or", "fr", "feuille d'or", None, None),
    # « mil » is millet, not an old spelling of « mille »
    ("Mil entier", "fr", "Mil entier", None, None),
    ("500 g de mil", "fr", "mil", 500, "gram"),
    # the list named as where an item is taken from
    ("le pain de la liste", "fr", "pain", None, None),
    ("the milk from my shopping list", "en", "milk", None, None),
    # a container word that opens a product name of the synonym lexicon is part of the name
    ("tin foil", "en", "tin foil", None, None),
    ("3 sacs poubelle", "fr", "sacs poubelle", 3, None),
    ("petits pots bébé", "fr", "petits pots bébé", None, None),
    # … but not before a partitive, nor outside such a name
    ("1 feuille de laurier", "fr", "laurier", 1, "leaf"),
    ("1 tin tomatoes", "en", "tomatoes", 1, "can"),
    # « pour » and a noun tells whom or what the product is for, as its name does; with a
    # determiner or a verb it opens a note
    ("croquettes pour chat", "fr", "croquettes pour chat", None, None),
    ("2 kg de sucre pour confiture", "fr", "sucre pour confiture", 2, "kilogram"),
    ("beurre pour le moule", "fr", "beurre", None, None),
    ("50 g de sucre pour saupoudrer", "fr", "sucre", 50, "gram"),
    ("pain pour demain", "fr", "pain", None, None),
]

#: (text, lang, names): a bare count belongs to the product before « et » / "and"
SPLITS = [
    ("6 oeufs et beurre", "fr", ["oeufs", "beurre"]),
    ("Lait, Pain et 6 Oeufs et Nutella", "fr", ["Lait", "Pain", "Oeufs", "Nutella"]),
    ("3 bananas and milk", "en", ["bananas", "milk"]),
    ("1 cup salt and pepper", "en", ["salt and pepper"]),
    ("2 skinless and boneless chicken breasts", "en", ["skinless and boneless chicken breasts"]),
    # a product name of the synonym lexicon joined by "and" / « et » is one product
    ("cheese and onion crisps", "en", ["cheese and onion crisps"]),
    ("2 boxes of mac and cheese", "en", ["mac and cheese"]),
    ("chips sel et vinaigre", "fr", ["chips sel et vinaigre"]),
    ("milk and eggs", "en", ["milk", "eggs"]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), SPLITS)
def test_count_and_split(text, lang, expected):
    assert names(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "name", "quantity", "unit"), CASES)
def test_regression(text, lang, name, quantity, unit):
    item = one(text, lang)
    assert (item.name, item.quantity, item.unit) == (name, quantity, unit)
