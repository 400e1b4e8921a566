"""Match keys: accent and case folding, singulars, label abbreviations, noise words, heads."""

from __future__ import annotations

import pytest

from listparse.catalog.keys import complement_level, head_terms, profile, singular, terms

# --- folding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crème Brûlée", ["creme", "brulee"]),
        ("CRÈME BRÛLÉE", ["creme", "brulee"]),
        ("creme brulee", ["creme", "brulee"]),
        ("Pâté de campagne", ["pate", "campagne"]),
        ("ÉPINARDS", ["epinard"]),
        ("Cœur de laitue", ["coeur", "laitue"]),
        ("Œufs", ["oeuf"]),
        ("Jalapeño Peppers", ["jalapeno", "pepper"]),
    ],
)
def test_terms_fold_accents_and_case(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Crème fraîche", "CREME FRAICHE"),
        ("Pâtes", "pates"),
        ("Épinards hachés", "epinards haches"),
        ("Café moulu", "CAFÉ MOULU"),
        ("Whole Milk", "whole milk"),
    ],
)
def test_terms_ignore_accents_and_case(a, b):
    assert terms(a) == terms(b)
    assert all(t == t.lower() and t.isascii() for t in terms(a))


# --- singulars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("tomates", "tomate"),
        ("pommes", "pomme"),
        ("carottes", "carotte"),
        ("gateaux", "gateau"),
        ("poireaux", "poireau"),
        ("berries", "berry"),
        ("strawberries", "strawberry"),
        ("cherries", "cherry"),
        ("peaches", "peach"),
        ("potatoes", "potato"),
        ("apples", "apple"),
    ],
)
def test_singular(plural, single):
    assert singular(plural) == single
    assert singular(single) == single


@pytest.mark.parametrize("word", ["riz", "jus", "cress", "glass"])
def test_singular_leaves_singular_words(word):
    assert singular(word) == word


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("tomates", "tomate"),
        ("Tomates", "tomate"),
        ("berries", "berry"),
        ("Strawberries", "strawberry"),
        ("Gâteaux", "gâteau"),
        ("Peaches", "peach"),
        ("Pommes de terre", "pomme de terre"),
        ("oeufs", "oeuf"),
        ("eggs", "egg"),
        ("saucisses", "saucisse"),
        ("cookies", "cookie"),
        ("brownies", "brownie"),
        ("pâtisseries", "pâtisserie"),
        ("charcuteries", "charcuterie"),
    ],
)
def test_terms_plural_and_singular_share_a_key(plural, single):
    assert terms(plural) == terms(single)
    assert terms(plural)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("tomates", ["tomate"]), ("tomate", ["tomate"]), ("berries", ["berry"]), ("berry", ["berry"])],
)
def test_terms_singularise(text, expected):
    assert terms(text) == expected


# --- abbreviations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lait ½ écr.",
        "Lait 1/2 écr.",
        "lait ½ écr",
        "lait 1/2 ecr",
        "Lait ½ écrémé",
        "Lait 1/2 écrémé",
        "Lait demi-écrémé",
        "lait demi écrémé",
        "LAIT DEMI-ÉCRÉMÉ",
    ],
)
def test_half_skimmed_expands_to_demi_ecreme(text):
    assert terms(text) == ["lait", "demi", "ecreme"]


@pytest.mark.parametrize("text", ["Lait ½ écr. UHT 1 L", "Lait 1/2 écr. UHT 1 L"])
def test_half_skimmed_inside_a_longer_name(text):
    assert terms(text) == ["lait", "demi", "ecreme", "uht"]


# --- numbers, units, stop words -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riz basmati 500 g", ["riz", "basmati"]),
        ("Riz basmati 500g", ["riz", "basmati"]),
        ("Coca-Cola 33 cl", ["coca", "cola"]),
        ("Coca-Cola 6 x 33 cl", ["coca", "cola"]),
        ("Almonds 16 oz", ["almond"]),
        ("Strawberries, 16 oz", ["strawberry"]),
        ("Eau de source 1,5 L", ["eau", "source"]),
        ("Beurre doux 250 g", terms("Beurre doux")),
        ("Sugar 2 lb", ["sugar"]),
        ("Yaourt 4 x 125 g", ["yaourt"]),
        ("Chips 150 g 2024", ["chip"]),
    ],
)
def test_terms_drop_numbers_and_units(text, expected):
    assert terms(text) == expected
    assert not any(t[0].isdigit() for t in terms(text))
    assert not {"g", "cl", "oz", "l", "x", "lb"} & set(terms(text))


@pytest.mark.parametrize("text", ["500 g", "1 L", "6 x 33 cl", "16 oz", "3.5 oz", "1,5 L", "2 x 75 g", ""])
def test_only_numbers_and_units_give_no_terms(text):
    assert terms(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pommes de terre", ["pomme", "terre"]),
        ("les pommes de la ferme", ["pomme", "ferme"]),
        ("Confiture de fraises", ["confiture", "fraise"]),
        ("Huile d'olive", ["huile", "olive"]),
        ("l'eau", ["eau"]),
        ("du pain et des œufs", ["pain", "oeuf"]),
        ("Poulet au citron", ["poulet", "citron"]),
        ("Yaourt aux fraises", ["yaourt", "fraise"]),
        ("Macaroni and Cheese with the Cheddar", ["macaroni", "cheese", "cheddar"]),
        ("Bread for the toaster", ["bread", "toaster"]),
        ("the milk of a cow", ["milk", "cow"]),
    ],
)
def test_terms_drop_articles_and_prepositions(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jambon en dés", ["jambon", "des"]),
        ("Jambon en Dés", ["jambon", "des"]),
        ("Dés de chorizo", ["des", "chorizo"]),
        ("des dés de jambon", ["des", "jambon"]),  # the article goes, the dice stay
        ("des carottes", ["carotte"]),
        ("DES tomates", ["tomate"]),
        ("Des Dés", ["des"]),
    ],
)
def test_des_is_a_stop_word_but_des_dice_is_kept(text, expected):
    assert terms(text) == expected


def test_dice_tell_products_apart():
    assert terms("Carottes en dés") != terms("des carottes")


@pytest.mark.parametrize(
    ("text", "expected", "level"),
    [
        # how a product is sold is no word of it (sold_by.txt), nor a complement
        ("Tomates rondes au kg", ["tomate", "ronde"], 0),
        ("Pommes Golden, le kg", ["pomme", "golden"], 0),
        ("Avocat à l'unité", ["avocat"], 0),
        ("Chausson aux pommes la pièce", ["chausson", "pomme"], 2),
        ("Round tomatoes per kg", ["round", "tomato"], 0),
        ("Lemons, each", ["lemon"], 0),
        ("Olive Oil, 1 each", ["olive", "oil"], 0),
        # … a piece of meat is a cut
        ("Pièce de bœuf", ["piece", "boeuf"], 1),
    ],
)
def test_how_a_product_is_sold_is_left_out(text, expected, level):
    assert terms(text) == expected
    assert complement_level(text) == level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number after a designation word names the product (designations.txt)
        ("Couches taille 4 (7-18 kg)", ["couch", "taille", "n4"]),
        ("Pampers Size 4, 120 Count", ["pamper", "size", "n4"]),
        ("Spaghetti n°5 Barilla 500 g", ["spaghetti", "n5", "barilla"]),
        ("Stage 1 Pears, 4 oz", ["stage", "n1", "pear"]),
        # … not a size after a comma, nor an amount
        ("Great Value Cookies, Family Size, 18 oz", ["great", "value", "cooky", "family", "size"]),
        ("Family Size 3 lb", ["family", "size"]),
        ("Couches taille 4 x 3", ["couch", "taille"]),
    ],
)
def test_designated_numbers_stay(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "head"),
    [
        # a rate below 100 % tells products apart, and names no product
        ("2% milk", ["%2", "milk"], "milk"),
        ("Milk 2%", ["milk", "%2"], "milk"),
        ("Fromage blanc 0% MG", ["fromage", "blanc", "%0"], "fromage"),
        ("0% fromage blanc", ["%0", "fromage", "blanc"], "fromage"),
        ("Lait 1,5 % MG", ["lait", "%1.5"], "lait"),
        # 100 % is no rate, and a number alone no term
        ("Great Value 100% Orange Juice", ["great", "value", "orange", "juice"], "juice"),
        ("Vitamin C 500", ["vitamin"], "vitamin"),
    ],
)
def test_rates_stay(text, expected, head):
    assert terms(text) == expected
    lang = "fr" if head in ("fromage", "lait") else "en"
    assert head_terms(text, lang)[0] == head


# --- profile: heads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Crème de pistaches", "creme"),
        ("Crème de marrons", "creme"),
        ("Pain de mie complet", "pain"),
        ("Yaourt aux fraises", "yaourt"),
        ("Lait demi-écrémé 1 L", "lait"),
        ("Tomates cerises 250 g", "tomate"),
    ],
)
def test_profile_french_head_is_the_first_word(name, first):
    words, head_first, _, _ = profile(name)
    assert words == terms(name)
    assert head_first == first


@pytest.mark.parametrize(
    ("name", "last"),
    [
        ("Great Value Garlic Bread, 16 oz", "bread"),
        ("Garlic Bread", "bread"),
        ("Organic Whole Milk, 1 gal", "milk"),
        ("Peanut Butter Crackers", "cracker"),
        ("Strawberry Jam, 12 oz", "jam"),
        ("Chicken Breast - Boneless (2 lb)", "breast"),
        ("Whole Milk (Vitamin D)", "milk"),
    ],
)
def test_profile_english_head_is_the_last_word_before_a_comma(name, last):
    words, _, head_last, _ = profile(name)
    assert words == terms(name)
    assert head_last == last


@pytest.mark.parametrize(
    ("name", "lang", "head"),
    [
        ("Krusteaz Southern Cornbread & Muffin Mix 11.5 oz. Box", "en", "mix"),
        ("Organic Lollipops Value Size Box, 13.1 oz", "en", "lollipop"),
        ("Real Coconut Water Can, 16.2 fl oz", "en", "water"),
        ("Great Value Original Syrup Family Size, 36 fl oz", "en", "syrup"),
        ("Yogurt Pouches, Peach & Oat, 3.4 oz", "en", "yogurt"),
        ("Bag", "en", "bag"),  # a name of nothing else keeps its word
        ("Chocolate Baking Bar, 4 oz", "en", "bar"),  # a bar is a product
        # a state, a size, a label word, a flavour or a style said after the product
        ("Organic Butter Salted, 4 sticks", "en", "butter"),
        ("Organic Crimini Mushrooms Sliced, 6.5 oz", "en", "mushroom"),
        ("Mozzarella Sliced Fresh, 16 oz", "en", "mozzarella"),
        ("Velveeta Original Prepared Cheese Product", "en", "cheese"),
        ("Vegan Mac Cheddar Flavor - 6oz", "en", "macaroni"),
        ("Imitation Crab Meat Refrigerated Flake Style", "en", "meat"),
        ("Chocolate Pudding", "en", "pudding"),  # "-ing" words are nouns as often
        ("Sachet de nougat tendre", "fr", "nougat"),
        ("Bouteille d'eau minérale", "fr", "eau"),
        ("Sachet", "fr", "sachet"),
        ("Brique de brebis", "fr", "brique"),  # a cheese
    ],
)
def test_what_ends_or_opens_a_name_may_name_no_product(name, lang, head):
    assert head_terms(name, lang)[0] == head


def test_profile_of_great_value_garlic_bread():
    assert profile("Great Value Garlic Bread, 16 oz")[:3] == (["great", "value", "garlic", "bread"], "great", "bread")


@pytest.mark.parametrize(
    ("name", "complement"),
    [
        ("Yaourt aux fraises", True),
        ("Yaourt nature", False),
        ("Garlic Bread", False),
    ],
)
def test_profile_complement(name, complement):
    assert profile(name)[3] is complement


@pytest.mark.parametrize("text", ["", "500 g", "1 L"])
def test_profile_without_terms(text):
    assert profile(text)[:3] == ([], None, None)


# --- names and queries share keys -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("Lait demi-écrémé 1 L", "lait demi écrémé"),
        ("Lait ½ écr. UHT 1 L", "lait demi-écrémé UHT"),
        ("Lait 1/2 écr.", "lait ½ écrémé"),
        ("Pommes de terre 2,5 kg", "pomme de terre"),
        ("Tomates cerises 250 g", "tomate cerise"),
        ("Strawberries, 16 oz", "strawberry"),
        ("Crème fraîche épaisse 20 cl", "creme fraiche epaisse"),
        ("Huile d'olive vierge extra 75 cl", "huile d olive vierge extra"),
        ("Jambon en dés 2 x 75 g", "jambon en dés"),
        ("Gâteaux au chocolat", "gateau au chocolat"),
        ("Coca-Cola 6 x 33 cl", "coca cola"),
        ("Blueberries 125 g", "blueberry"),
    ],
)
def test_same_key_for_a_name_and_its_query(name, query):
    assert terms(name) == terms(query)
    assert terms(name), name


def test_a_colour_before_chocolate_is_no_complement():
    # « chocolaté » is no complement word: it reads as the English flavour word "chocolate"
    assert complement_level("Baking Bar White Chocolate") == 0


def test_no_complement_word_is_a_flavour_word():
    from listparse.catalog.keys import _complements, flavours

    assert not {singular(w) for w in _complements()} & flavours()


def test_no_class_of_kinds_is_named_twice():
    from listparse.catalog.link import _kinds_lines

    seen: dict[tuple[str, ...], str] = {}
    for line in _kinds_lines():
        classes = line.partition("\t")[0]
        for name in classes.split(",") if classes != "!" else ():
            key = tuple(terms(name))
            assert key not in seen, f"{name!r} reads as {seen[key]!r} of another line"
            seen[key] = name
