"""French golden tables: transcripts, chat commands, units, containers, names, modifiers, notes
and alternatives. Each row: (text, name, quantity, quantity_max, unit, size or None)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import check_conversion, check_item, check_list, check_modifiers, check_note, describe, one

LANG = "fr"

# --- speech transcripts, no punctuation: (text, [(name, quantity, quantity_max, unit, size)])
SPEECH = [
    (
        "deux litres de lait et trois baguettes",
        [("lait", 2, None, "liter", None), ("baguettes", 3, None, None, None)],
    ),
    ("du lait puis des œufs", [("lait", None, None, None, None), ("œufs", None, None, None, None)]),
    (
        "un kilo de farine et puis six œufs",
        [("farine", 1, None, "kilogram", None), ("œufs", 6, None, None, None)],
    ),
    ("deux baguettes aussi du beurre", [("baguettes", 2, None, None, None), ("beurre", None, None, None, None)]),
    (
        "trois citrons ensuite un pot de crème fraîche",
        [("citrons", 3, None, None, None), ("crème fraîche", 1, None, "pot", None)],
    ),
    (
        "deux litres de lait trois baguettes du beurre",
        [("lait", 2, None, "liter", None), ("baguettes", 3, None, None, None), ("beurre", None, None, None, None)],
    ),
    (
        "trois citrons un pot de crème fraîche",
        [("citrons", 3, None, None, None), ("crème fraîche", 1, None, "pot", None)],
    ),
    ("du lait ensuite des œufs", [("lait", None, None, None, None), ("œufs", None, None, None, None)]),
    (
        "des œufs du lait du pain",
        [("œufs", None, None, None, None), ("lait", None, None, None, None), ("pain", None, None, None, None)],
    ),
    (
        "il me faut deux litres de lait et trois baguettes puis un kilo de pommes de terre",
        [
            ("lait", 2, None, "liter", None),
            ("baguettes", 3, None, None, None),
            ("pommes de terre", 1, None, "kilogram", None),
        ],
    ),
    (
        "euh je voudrais cinq cents grammes de farine et euh une douzaine d'œufs",
        [("farine", 500, None, "gram", None), ("œufs", 12, None, None, None)],
    ),
    (
        "deux cent cinquante grammes de beurre et un litre et demi de lait",
        [("beurre", 250, None, "gram", None), ("lait", "3/2", None, "liter", None)],
    ),
    (
        "six œufs et puis deux cuillères à soupe de sucre aussi une pincée de sel ensuite un paquet de café",
        [
            ("œufs", 6, None, None, None),
            ("sucre", 2, None, "tablespoon", None),
            ("sel", 1, None, "pinch", None),
            ("café", 1, None, "pack", None),
        ],
    ),
    (
        "quatre-vingt-dix grammes de chocolat noir puis soixante et onze centilitres de lait",
        [("chocolat noir", 90, None, "gram", None), ("lait", 71, None, "centiliter", None)],
    ),
    # a partitive starts the next item of a list spoken with articles or amounts …
    ("il me faut du pain du beurre des œufs", [("pain",) + (None,) * 4, ("beurre",) + (None,) * 4,
                                                ("œufs",) + (None,) * 4]),
    ("deux litres de lait du pain", [("lait", 2, None, "liter", None), ("pain",) + (None,) * 4]),
    ("du lait une baguette", [("lait",) + (None,) * 4, ("baguette", 1, None, None, None)]),
    ("deux pains une fois", [("pains une fois", 2, None, None, None)]),  # no item without a name
    # a preparation note ends where another product opens with its article or amount
    ("du fromage râpé et de la crème fraîche", [("fromage",) + (None,) * 4, ("crème fraîche",) + (None,) * 4]),
    ("oignon émincé et revenu", [("oignon",) + (None,) * 4]),
    # … not a product named with its origin
    ("jambon du pays", [("jambon du pays",) + (None,) * 4]),
    ("Brousse du Rove", [("Brousse du Rove",) + (None,) * 4]),
    ("miel de la ferme", [("miel de la ferme",) + (None,) * 4]),
    # … even in a list spoken with articles, when the partitive names a place (places.tsv)
    ("du poivre du moulin et une tomate", [("poivre du moulin",) + (None,) * 4, ("tomate", 1, None, None, None)]),
    ("des tomates du jardin et du pain", [("tomates du jardin",) + (None,) * 4, ("pain",) + (None,) * 4]),
]


@pytest.mark.parametrize(("text", "expected"), SPEECH)
def test_speech(text, expected):
    check_list(text, LANG, expected)


# --- chat commands: the items are the products, never the list
COMMANDS = [
    ("ajoute des pommes à la liste", "pommes", None, None, None, None),
    ("ajoute des pommes à la liste de courses", "pommes", None, None, None, None),
    ("ajoute du lait à ma liste de courses", "lait", None, None, None, None),
    ("ajoute à la liste de courses des pommes", "pommes", None, None, None, None),
    ("mets deux baguettes sur la liste", "baguettes", 2, None, None, None),
    ("mets des bières dans la liste des courses", "bières", None, None, None, None),
    ("il me faut 2 bouteilles de lait", "lait", 2, None, "bottle", None),
    ("rajoute un paquet de café à la liste de courses", "café", 1, None, "pack", None),
    ("je voudrais 1 kg de pommes de terre", "pommes de terre", 1, None, "kilogram", None),
    ("ajoute de la farine à la liste", "farine", None, None, None, None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), COMMANDS)
def test_commands(text, name, quantity, quantity_max, unit, size):
    item = one(text, LANG)
    check_item(item, name, quantity, quantity_max, unit, size)
    assert "liste" not in item.name.lower()


# --- units
UNITS = [
    ("100 mg de safran", "safran", 100, None, "milligram", None),
    ("1 kg 500 g de farine", "farine", "3/2", None, "kilogram", None),  # une seconde unité plus petite s'ajoute
    ("500 g de farine", "farine", 500, None, "gram", None),
    ("500 grammes de farine", "farine", 500, None, "gram", None),
    ("500 gramems de farine", "farine", 500, None, "gram", None),  # un mot d'unité tapé avec une faute
    ("2 branhces de thym", "thym", 2, None, "sprig", None),
    ("2 kg de pommes", "pommes", 2, None, "kilogram", None),
    ("2 kilos de pommes", "pommes", 2, None, "kilogram", None),
    ("1 kilo de sucre", "sucre", 1, None, "kilogram", None),
    ("250 ml de crème", "crème", 250, None, "milliliter", None),
    ("33 cl de bière", "bière", 33, None, "centiliter", None),
    ("2 dl de lait", "lait", 2, None, "deciliter", None),
    ("1 l de lait", "lait", 1, None, "liter", None),
    ("1 L de lait", "lait", 1, None, "liter", None),
    ("2 litres d'eau", "eau", 2, None, "liter", None),
    ("un litre de jus d'orange", "jus d'orange", 1, None, "liter", None),
    ("2 cuillères à soupe d'huile", "huile", 2, None, "tablespoon", None),
    ("1 cuillère à soupe de sucre", "sucre", 1, None, "tablespoon", None),
    ("1 c. à s. de sucre", "sucre", 1, None, "tablespoon", None),
    ("2 cs de sucre", "sucre", 2, None, "tablespoon", None),
    ("1 c. à c. de sel", "sel", 1, None, "teaspoon", None),
    ("1 cuillère à café de cannelle", "cannelle", 1, None, "teaspoon", None),
    ("2 cuillères à café de levure", "levure", 2, None, "teaspoon", None),
    ("1 pincée de sel", "sel", 1, None, "pinch", None),
    ("une pincée de muscade", "muscade", 1, None, "pinch", None),
    ("1 verre de lait", "lait", 1, None, "glass", None),
    ("un verre de vin blanc", "vin blanc", 1, None, "glass", None),
    ("1 tasse de farine", "farine", 1, None, "cup", None),
    ("2 tasses de lait", "lait", 2, None, "cup", None),
    # a whole number of kilograms or liters, then its decimals alone
    ("1kg500 de pommes de terre", "pommes de terre", Fraction(3, 2), None, "kilogram", None),
    ("deux kilos cinq de pommes de terre", "pommes de terre", Fraction(5, 2), None, "kilogram", None),
    ("un kilo deux de tomates", "tomates", Fraction(6, 5), None, "kilogram", None),
    ("1l5 d'eau", "eau", Fraction(3, 2), None, "liter", None),
    ("pommes de terre : 2 kilos 500", "pommes de terre", Fraction(5, 2), None, "kilogram", None),
    # … not a count or an amount of its own
    ("1 kg 500 g de farine", "farine", Fraction(3, 2), None, "kilogram", None),
    ("2 kg de pommes", "pommes", 2, None, "kilogram", None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), UNITS)
def test_units(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


# --- conversions: (text, target unit, expected magnitude)
CONVERSIONS = [
    ("2 kg de pommes", "gram", 2000),
    ("500 g de farine", "kilogram", "1/2"),
    ("1,5 l de lait", "milliliter", 1500),
    ("33 cl de bière", "liter", "33/100"),
    ("2 dl de lait", "centiliter", 20),
    ("100 mg de safran", "gram", "1/10"),
    ("2 boîtes de thon de 140 g", "gram", 280),
    ("un pack de 6 bouteilles d'eau de 1,5 L", "liter", 9),
    ("3 × 1 L de lait", "liter", 3),
    ("2 x 500 g de pâtes", "kilogram", 1),
]


@pytest.mark.parametrize(("text", "unit", "magnitude"), CONVERSIONS)
def test_conversion(text, unit, magnitude):
    check_conversion(text, LANG, unit, magnitude)


# --- containers and count units
CONTAINERS = [
    ("1 paquet de pâtes", "pâtes", 1, None, "pack", None),
    ("2 paquets de pâtes", "pâtes", 2, None, "pack", None),
    ("1 pack de lait", "lait", 1, None, "pack", None),
    ("3 bouteilles de vin", "vin", 3, None, "bottle", None),
    ("une bouteille d'huile d'olive", "huile d'olive", 1, None, "bottle", None),
    ("2 boîtes de thon", "thon", 2, None, "can", None),
    ("1 boîte de céréales", "céréales", 1, None, "box", None),
    ("2 sachets de levure", "levure", 2, None, "sachet", None),
    ("1 pot de confiture", "confiture", 1, None, "pot", None),
    ("2 pots de yaourt", "yaourt", 2, None, "pot", None),
    ("1 barquette de fraises", "fraises", 1, None, "tray", None),
    ("2 barquettes de fraises", "fraises", 2, None, "tray", None),
    ("2 briques de lait", "lait", 2, None, "carton", None),
    ("1 filet d'oignons", "oignons", 1, None, "net", None),
    ("1 botte de radis", "radis", 1, None, "bunch", None),
    ("2 bottes de radis", "radis", 2, None, "bunch", None),
    ("4 tranches de jambon", "jambon", 4, None, "slice", None),
    ("une tranche de jambon", "jambon", 1, None, "slice", None),
    ("2 gousses d'ail", "ail", 2, None, "clove", None),
    ("1 tête d'ail", "ail", 1, None, "head", None),
    ("2 rouleaux de papier toilette", "papier toilette", 2, None, "roll", None),
    ("1 rouleau de papier aluminium", "papier aluminium", 1, None, "roll", None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), CONTAINERS)
def test_containers(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


@pytest.mark.parametrize(
    ("text", "name"),
    [("un pack de 6 bières", "bières"), ("un pack de 6 yaourts", "yaourts"), ("2 packs de 6 œufs", "œufs")],
)
def test_pack_of_six(text, name):
    item = one(text, LANG)
    check_item(item, name, 2 if text.startswith("2") else 1, None, "pack", None)
    assert item.inner_count == 6


# --- nested sizes
NESTED = [
    ("un pack de 6 bouteilles d'eau de 1,5 L", "eau", 1, None, "pack", ("3/2", "liter")),
    ("2 boîtes de thon de 140 g", "thon", 2, None, "can", (140, "gram")),
    ("1 sachet de levure de 11 g", "levure", 1, None, "sachet", (11, "gram")),
    ("2 bouteilles de lait de 1 L", "lait", 2, None, "bottle", (1, "liter")),
    # un poids approximatif n'entre pas dans le nom
    ("1 poulet de 1,5 kg environ", "poulet", 1, None, None, ("3/2", "kilogram")),
    ("2 x 400 g de tomates concassées", None, 2, None, None, (400, "gram")),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), NESTED)
def test_nested_sizes(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


def test_pack_of_bottles_inner_count():
    item = one("un pack de 6 bouteilles d'eau de 1,5 L", LANG)
    assert (item.inner_count, item.inner_unit) == (6, "bottle")


# --- names: determiners and partitives removed, meaningful words kept
NAMES = [
    ("du lait", "lait", None, None, None, None),
    ("de la farine", "farine", None, None, None, None),
    ("des œufs", "œufs", None, None, None, None),
    ("de l'huile", "huile", None, None, None, None),
    ("de l'eau gazeuse", "eau gazeuse", None, None, None, None),
    ("un citron", "citron", 1, None, None, None),
    # a size word inside a product's name stays (« petit beurre », « petits fours »)
    ("Lu petit beurre", "Lu petit beurre", None, None, None, None),
    ("des petits fours", "petits fours", None, None, None, None),
    ("une baguette", "baguette", 1, None, None, None),
    ("500 g de farine", "farine", 500, None, "gram", None),
    ("1 l d'huile", "huile", 1, None, "liter", None),
    ("2 kg de pommes de terre", "pommes de terre", 2, None, "kilogram", None),
    ("des pommes de terre", "pommes de terre", None, None, None, None),
    ("3 pommes de terre", "pommes de terre", 3, None, None, None),
    ("1 l de lait demi-écrémé", "lait demi-écrémé", 1, None, "liter", None),
    ("du lait demi-écrémé", "lait demi-écrémé", None, None, None, None),
    ("20 cl de crème fraîche épaisse", "crème fraîche épaisse", 20, None, "centiliter", None),
    ("200 g de fromage de chèvre", "fromage de chèvre", 200, None, "gram", None),
    ("du fromage de chèvre", "fromage de chèvre", None, None, None, None),
    ("un pot de crème fraîche", "crème fraîche", 1, None, "pot", None),
    # a number after a designation word names the product (designations.txt)
    ("couches taille 4", "couches taille 4", None, None, None, None),
    ("2 paquets de couches taille 5", "couches taille 5", 2, None, "pack", None),
    ("spaghetti n°5", "spaghetti n 5", None, None, None, None),
    # … and a number after « au », « aux » counts what the product is made with
    ("pain aux 5 céréales", "pain aux 5 céréales", None, None, None, None),
    ("2 pizzas aux quatre fromages", "pizzas aux quatre fromages", 2, None, None, None),
    # … or before a noun the name counts kinds of
    ("pizza 5 fromages", "pizza 5 fromages", None, None, None, None),
    ("2 pizzas quatre saisons", "pizzas quatre saisons", 2, None, None, None),
    ("pain 7 céréales", "pain 7 céréales", None, None, None, None),
    # … elsewhere, a number after the name is its amount
    ("œufs 6", "œufs", 6, None, None, None),
    ("0% fromage blanc", "0% fromage blanc", None, None, None, None),
    ("farine (500 g)", "farine", 500, None, "gram", None),
    ("bananes (6)", "bananes", 6, None, None, None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), NAMES)
def test_names(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


# --- modifiers: (text, product word in the name, tag, size word that must leave the name)
MODIFIERS = [
    ("1 l de lait bio", "lait", "organic", None),
    ("des pommes bio", "pommes", "organic", None),
    ("du persil frais", "persil", "fresh", None),
    ("des épinards surgelés", "épinards", "frozen", None),
    ("500 g de petits pois surgelés", "petits pois", "frozen", None),
    ("des pâtes sans gluten", "pâtes", "gluten_free", None),
    ("3 gros oignons", "oignons", "large", "gros"),
    ("2 petits poireaux", "poireaux", "small", "petits"),
    ("1 grosse courgette", "courgette", "large", "grosse"),
]


@pytest.mark.parametrize(("text", "product", "tag", "size_word"), MODIFIERS)
def test_modifiers(text, product, tag, size_word):
    check_modifiers(text, LANG, product, tag, size_word)


# --- notes after a comma or in parentheses
NOTES = [
    ("2 citrons, bien mûrs", "citrons", 2, "bien mûrs"),
    ("des tomates (pour la salade)", "tomates", None, "pour la salade"),
    ("500 g de farine (type 55)", "farine", 500, "type 55"),
    # le poids du produit après son nom, avec les mots qui l'amènent (amount_leads.txt, approx.txt)
    ("2 magrets pesant environ 800 g", "magrets", 2, "pesant environ 800 g"),
    ("1 poulet d'environ 1,5 kg", "poulet", 1, "d'environ 1,5 kg"),
    ("4 steaks soit 600 g", "steaks", 4, "soit 600 g"),
    # des mots qui décrivent, entre l'unité et son partitif : le produit vient après
    ("2 feuilles fraîches de laurier", "laurier", 2, "fraîches"),
    ("1 tranche épaisse de jambon", "jambon", 1, "épaisse"),
    ("1 baguette, bien cuite", "baguette", 1, "bien cuite"),
    ("250 g de fromage frais p ex philadelphia", "fromage frais", 250, "p ex philadelphia"),
    ("fromage à pâte dure par ex. comté", "fromage à pâte dure", None, "par ex. comté"),
]


# --- « / » between preparations: one note
def test_slashed_preparations():
    check_note("oignon émincé/haché", LANG, "oignon", None, "émincé/haché")


# --- where to buy it becomes the note only when a place is named (places.tsv)
PLACES = [
    ("du pain à la boulangerie", "pain", None, "à la boulangerie"),
    ("2 steaks chez le boucher", "steaks", 2, "chez le boucher"),
    ("pain de chez Paul", "pain", None, "de chez Paul"),
    ("fromage au marché", "fromage", None, "au marché"),
    ("2 baguettes a l'epicerie", "baguettes", 2, "a l'epicerie"),
    ("tarte à la crème", "tarte à la crème", None, None),
    ("300 g de pommes de terre à chair ferme", "pommes de terre à chair ferme", 300, None),
    ("levure de boulanger", "levure de boulanger", None, None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "note"), NOTES + PLACES)
def test_notes(text, name, quantity, note):
    check_note(text, LANG, name, quantity, note)


# --- alternatives: French keeps the first as the name
ALTERNATIVES = [
    ("beurre ou margarine", "beurre", ["margarine"]),
    ("du beurre ou de la margarine", "beurre", ["margarine"]),
    ("200 g de beurre ou margarine", "beurre", ["margarine"]),
    ("1 pincée de sel ou sel fin", "sel", ["sel fin"]),
]


@pytest.mark.parametrize(("text", "name", "alternatives"), ALTERNATIVES)
def test_alternatives(text, name, alternatives):
    item = one(text, LANG)
    assert item.name == name, describe(item)
    assert list(item.alternatives) == alternatives
