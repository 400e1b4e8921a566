"""The linking rules one by one: head words, the abstain rule, brands, typos, word order,
complements and varieties. Each table row is a small catalog, a query and what must come first
(or nothing)."""

from __future__ import annotations

import pytest

import listparse
from listparse import Match, ParseOptions
from listparse.catalog import Catalog
from listparse.catalog.keys import complement_level, head_terms, in_order, split_phrase, word_sequence


def catalog(*rows, lang: str | None = None) -> Catalog:
    """A catalog from names (sku = the name), in ``lang`` (a name of unknown language has its
    head word at either end)."""
    return Catalog.from_records({"sku": r, "name": r, "lang": lang} if lang else {"sku": r, "name": r} for r in rows)


def matches(text: str, cat: Catalog, lang: str, **options) -> tuple[Match, ...]:
    result = listparse.parse(text, lang=lang, catalog=cat, options=ParseOptions(**options) if options else None)
    assert len(result.items) == 1, [i.name for i in result.items]
    return result.items[0].matches


def scores(text: str, names: list[str], lang: str) -> dict[str, float]:
    """Each product's score for the query, with every product offered (``min_score=0``)."""
    return {m.sku: m.score for m in matches(text, catalog(*names, lang=lang), lang, min_score=0)}


def first_sku(found: tuple[Match, ...]) -> str | None:
    """The best match's sku, None when nothing is offered."""
    return found[0].sku if found else None


# --- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "heads"),
    [
        ("Crème de pistaches", "fr", ("creme",)),
        ("Queues d'écrevisses de Louisiane", "fr", ("queue", "ecreviss")),
        ("Pavés de saumon", "fr", ("pave", "saumon")),
        ("Filet mignon", "fr", ("filet",)),  # no « de »: the cut is the product
        ("Garlic Bread, 16 oz", "en", ("bread",)),
        ("Penne alla Vodka", "en", ("penne",)),
        ("Tuna in Water, 5 oz", "en", ("tuna",)),
        ("Frozen Meal with Corn", "en", ("meal",)),
        ("Wild Salmon Fillets", "en", ("fillet", "salmon")),
        ("Artichoke Hearts", "en", ("heart", "artichoke")),
        ("Lait demi-écrémé", None, ("lait", "ecreme")),
        ("", "fr", ()),
        ("", "en", ()),
    ],
)  # fmt: skip
def test_head_terms(name, lang, heads):
    assert head_terms(name, lang) == heads


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Pintade aux raisins", 2),
        ("Pintade farcie aux morilles", 2),
        ("Penne alla Vodka", 2),
        ("Chicken stuffed with cheese", 2),
        ("Cerises griottes confiture extra", 2),  # a product turned into jam, juice or syrup
        ("Sunflower Seed Cookie", 2),
        ("Pintade de fête", 1),
        ("Lait de coco", 1),
        ("Pintade", 0),
        ("De bonnes pommes", 0),  # « de » opening the name is no complement
    ],
)  # fmt: skip
def test_complement_level(name, level):
    assert complement_level(name) == level


@pytest.mark.parametrize(
    ("words", "name", "expected"),
    [
        (["fromage", "chevre"], "Fromage de chèvre frais", True),
        (["fromage", "chevre"], "Fromage frais pur chèvre", False),
        (["tomato", "juice"], "Campbell's Tomato Juice, 64 oz", True),
        (["tomato", "juice"], "Great Value Tomato 100% Juice", False),  # a number stands between
        (["juice", "tomato"], "Tomato Juice", False),
        ([], "Tomato Juice", False),
    ],
)  # fmt: skip
def test_in_order(words, name, expected):
    assert in_order(words, name) is expected


def test_word_sequence_marks_numbers():
    assert word_sequence("Lait 1/2 écrémé 6 x 1 L") == ("lait", "#", "ecreme", "#", "#")


# --- the product word and the abstain rule --------------------------------------------------


@pytest.mark.parametrize(
    ("names", "lang", "text"),
    [
        # the query's product word only qualifies another product
        (["Roasted Pine Nut Hummus, 10 oz", "Toasted Pine Nut Couscous Mix"], "en", "2 tablespoons pine nuts"),
        (["Sesame Ginger Avocado Oil Dressing", "Sesame Crisps"], "en", "sesame oil"),
        (["Penne Alla Vodka, 9 oz", "Vodka Sauce, 16 oz"], "en", "vodka"),
        (["Cookies à la nougatine et aux pépites de chocolat"], "fr", "pépites à la nougatine"),
        # a French name opening with another product of the catalog (not with a brand)
        (["Yaourt bi-couche rhubarbe", "Yaourt nature", "Yaourt grec", "Yaourt vanille", "Yaourt brassé"], "fr",
         "couches"),
        # less than half of the query is held
        (["Viande séchée", "Viande hachée"], "fr", "viande fraîche de renne"),
        # the product word only in the complement of a French name
        (["Tarte aux pommes de terre", "Tarte aux poireaux"], "fr", "pommes de terre à chair ferme"),
        (["L'Absolu (kit pour 2 escalopes de porc panées)", "L'Absolu nature"], "fr", "escalope de porc"),
        # a cooked state asked that no name says: the raw products are no answer
        (["Escalope de dinde", "Escalopes de dinde x2"], "fr", "escalope de dinde rôtie"),
        (["Rainbow Trout Fillets", "Trout, 1 lb"], "en", "roasted trout"),
        # a short word is not taken for a typo on its own
        (["Shake", "Cakes nature"], "fr", "Saké"),
    ],
)  # fmt: skip
def test_abstains(names, lang, text):
    assert matches(text, catalog(*names, lang=lang), lang) == ()


@pytest.mark.parametrize(
    ("names", "text", "first"),
    [
        (["Pizza speck", "Speck fumé"], "specks", "Speck fumé"),
        (["Pizza jambon", "Jambon cru de pays"], "jambon", "Jambon cru de pays"),
    ],
)
def test_a_french_product_word_close_behind_comes_before_an_abstention(names, text, first):
    pizzas = ["Pizza reine", "Pizza margherita", "Pizza royale", "Pizza chorizo", "Pizza calzone"]  # a product word
    found = matches(text, catalog(*names, *pizzas, lang="fr"), "fr")
    assert first_sku(found) == first
    assert first_sku(matches(text, catalog(names[0], *pizzas, lang="fr"), "fr")) is None


def test_min_score_zero_offers_what_the_abstain_rule_holds_back():
    cat = catalog("Roasted Pine Nut Hummus, 10 oz")
    assert matches("pine nuts", cat, "en") == ()
    assert [m.sku for m in matches("pine nuts", cat, "en", min_score=0.0)] == ["Roasted Pine Nut Hummus, 10 oz"]


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # the product word outweighs its qualifiers
        (["Tartare de saumon cru", "Saumon", "Jambon cru", "Lait cru", "Jambon cuit"], "fr", "300 g de saumon cru",
         "Saumon"),
        # a cut names its product
        (["Suprêmes soufflés écrevisses", "Queues d'écrevisses de Louisiane"], "fr", "écrevisses",
         "Queues d'écrevisses de Louisiane"),
        (["Salmon Burger", "Wild Salmon Fillets"], "en", "salmon", "Wild Salmon Fillets"),
        # an English name stops naming its product after "with"
        (["Frozen Meal With Corn", "Whole Kernel Corn"], "en", "corn", "Whole Kernel Corn"),
        # a cut names its product, which the answer must hold: grape leaves are no basil
        (["Stuffed Grape Leaves, 8 oz", "Basil, 0.53 oz"], "en", "basil leaves", "Basil, 0.53 oz"),
        (["Breaded Fish Fillets", "Halibut Steaks"], "en", "halibut fillets", "Halibut Steaks"),
        (["Filets de colin panés", "Pavé de saumon"], "fr", "filets de saumon", "Pavé de saumon"),
        (["Ciabatta Loaf, 24 oz", "Italian Bread"], "en", "ciabatta", "Ciabatta Loaf, 24 oz"),
        (["Keurig K-Cup Pods", "Ground Cardamom"], "en", "cardamom pods", "Ground Cardamom"),
        # a French name opening with a brand is still offered
        (["Lactel lait ½ écrémé UHT 1 L", "Candia lait entier 1 L"], "fr", "lait demi-écrémé",
         "Lactel lait ½ écrémé UHT 1 L"),
    ],
)  # fmt: skip
def test_product_word(names, lang, text, first):
    found = matches(text, catalog(*names, lang=lang), lang)
    assert first_sku(found) == first, found


# --- brands, typos, order, complements, varieties -------------------------------------------


def test_a_leading_brand_is_not_the_product_word():
    cat = Catalog.from_records([
        {"sku": "asperges", "name": "Asperges blanches", "brand": "Géant Vert"},
        {"sku": "mais", "name": "Maïs doux", "brand": "Géant Vert"},
    ])  # fmt: skip
    found = matches("Géant Vert asperges", cat, "fr")
    assert found and found[0].sku == "asperges", found


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a brand the catalog writes only in its names: they put it after the product word
        (["Asperges blanches Géant Vert", "Géant Vert maïs doux", "Maïs extra tendre Géant Vert", "Géant burger"],
         "fr", "Géant Vert asperges", "Asperges blanches Géant Vert"),
        (["Président léger", "Beurre doux marque Président", "Président camembert"], "fr",
         "président beurre doux", "Beurre doux marque Président"),
        (["Spinach Dip, 15 oz", "Allens Popeye Spinach, 13.5 oz", "Popeye Canned Vegetables Mix"], "en",
         "spinach Popeye", "Allens Popeye Spinach, 13.5 oz"),
        # a product word the catalog puts after another one more often, and is as common: no brand
        (["Mélange pour salade", "Mélange salade", "Salade mélange crudités"], "fr", "salade mélange",
         "Salade mélange crudités"),
        (["Sauce tomate basilic", "Tomates en sauce", "Tomates sauce piquante"], "fr", "sauce tomate",
         "Sauce tomate basilic"),
    ],
)  # fmt: skip
def test_a_brand_known_only_from_names_is_not_the_product_word(names, lang, text, first):
    found = matches(text, catalog(*names, lang=lang), lang)
    assert first_sku(found) == first, found


def test_a_brand_word_that_is_mostly_a_product_word_stays_the_product_word():
    cat = Catalog.from_records([
        {"sku": "pb", "name": "Creamy Peanut Butter", "brand": "Jif"},
        {"sku": "b1", "name": "Salted Butter", "brand": "Land O Lakes"},
        {"sku": "b2", "name": "Unsalted Butter", "brand": "Kerrygold"},
        {"sku": "odd", "name": "Shortbread", "brand": "Butter"},
    ])  # fmt: skip
    found = matches("creamy peanut butter", cat, "en")
    assert found and found[0].sku == "pb", found


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a word shorter than five letters is no slip on its own, even for a lexicon word
        (["Pure Irish Butter Foil, 8 oz", "Chicken Thighs, 2 lb"], "en", "fowl", None),
        # a typo behind the singular: « mousse » is keyed mouss
        (["Mousse au chocolat", "Chocolat noir"], "fr", "Mouase au chocolat", "Mousse au chocolat"),
        # a letter left out before a letter changed
        (["White Beans, 15 oz", "White Bread, 20 oz"], "en", "white bead", "White Bread, 20 oz"),
        # the query's words side by side, in order
        (["Fromage frais pur chèvre", "Fromage de chèvre frais"], "fr", "Fromage de chèvre",
         "Fromage de chèvre frais"),
        # « de » tells a kind as often as another product: it costs less than « aux »
        (["Pintade aux raisins", "Pintade de fête"], "fr", "Pintade", "Pintade de fête"),
        # a query with a noun complement still prefers no flavour: « à la » opens one
        (["Fleur de sel à la coriandre", "Fleur de sel de Guérande"], "fr", "fleur de sel", "Fleur de sel de Guérande"),
        # two products joined in a name make a mix, another product
        (["Cerise & Mûre", "Cerises de Provence"], "fr", "cerises", "Cerises de Provence"),
        (["Granola Bars Oats & Honey", "Clover Raw Honey, 16 oz"], "en", "honey", "Clover Raw Honey, 16 oz"),
        (["Dried Watermelon - Good & Gather", "Watermelon Candy Mix and Gum"], "en", "dried watermelon",
         "Dried Watermelon - Good & Gather"),
        # a flavour the query does not ask for, however it is named (flavours.txt)
        (["Garlic Ghee, 9 oz", "Cultured Ghee, 9 oz"], "en", "ghee", "Cultured Ghee, 9 oz"),
        (["Chips oignon", "Chips à l'ancienne"], "fr", "chips", "Chips à l'ancienne"),
        (["Dill Pickle Sunflower Seeds", "Roasted & Salted Sunflower Seeds", "Roasted Peanuts", "Salted Butter",
          "Roasted Almonds", "Salted Cashews"], "en", "sunflower seeds", "Roasted & Salted Sunflower Seeds"),
        (["Courgettes basilic", "Courgettes rondes"], "fr", "courgettes", "Courgettes rondes"),
        (["Wild Berry Smoothie", "Protein Smoothie"], "en", "smoothie", "Protein Smoothie"),
        # the fruit, not the jam made of it
        (["Cerises confiture extra", "Cerises entières"], "fr", "cerises", "Cerises entières"),
        # a stand-in ranks after the real product unless the query asks for one
        (["Plant-Based Ground Beef, 16 oz", "Ground Beef 80/20, 16 oz"], "en", "ground beef", "Ground Beef 80/20, 16 oz"),
        (["Ground Beef 80/20, 16 oz", "Plant-Based Ground Beef, 16 oz"], "en", "plant-based ground beef",
         "Plant-Based Ground Beef, 16 oz"),
        (["Steak haché végétal", "Steak haché pur bœuf"], "fr", "steak haché", "Steak haché pur bœuf"),
        # plant-based cooking cream is sold under other names (synonyms.tsv)
        (["Crème fraîche épaisse", "Cuisine végétale soja"], "fr", "crème végétale", "Cuisine végétale soja"),
        # a typo fixed, the words make a synonym phrase that word-by-word fixes never reach
        (["Crème fraîche épaisse", "Cuisine végétale soja"], "fr", "crmèe végétale", "Cuisine végétale soja"),
        (["Classic Lunch Meat, 12 oz", "Hamburger Buns, 8 ct", "Ground Beef 80/20, 16 oz"], "en", "hambrger meat",
         "Ground Beef 80/20, 16 oz"),
        # the product word of a synonym phrase outweighs the words that qualify it there too
        (["Parsley, 0.25 oz", "Flat Bread, 16 oz", "Leaf Spinach, 13 oz", "Basil Leaf, 0.5 oz"], "en",
         "flat leaf parsley", "Parsley, 0.25 oz"),
        # fresh foie gras is raw foie gras (synonyms.tsv), not the cooked one
        (["Foie gras de canard", "Foie gras de canard cru"], "fr", "foie gras frais de canard",
         "Foie gras de canard cru"),
        # label names of the same product (synonyms.tsv)
        (["Green Tea, 20 ct", "Organic Matcha Powder, 4 oz"], "en", "green tea powder", "Organic Matcha Powder, 4 oz"),
        (["Pâte brisée", "Feuilles de pâte filo"], "fr", "phyllo dough", "Feuilles de pâte filo"),
        (["Cacao en poudre", "Éclats de fèves de cacao"], "fr", "grué de cacao", "Éclats de fèves de cacao"),
        (["Cheddar Cheese, 8 oz", "Swiss Cheese, 1 lb"], "en", "Emmentaler", "Swiss Cheese, 1 lb"),
        (["Poivre noir", "Baies roses"], "fr", "poivre rose", "Baies roses"),
        (["Jus de pomme", "Jus de cranberry"], "fr", "jus de canneberge", "Jus de cranberry"),
        (["Cabillaud", "Églefin"], "fr", "haddock", "Églefin"),
        (["Roasted Red Bell Pepper Slices, 12 oz", "Korean Chili Flakes, 3 oz"], "en", "red pepper flakes",
         "Korean Chili Flakes, 3 oz"),
        (["Granulated Sugar, 4 lb", "Powdered Sugar, 2 lb"], "en", "superfine sugar", "Granulated Sugar, 4 lb"),
        (["Coconut Water, 1 L", "Unsweetened Shredded Coconut, 8 oz"], "en", "desiccated coconut",
         "Unsweetened Shredded Coconut, 8 oz"),
        (["Butter Beans, 15 oz", "Cannellini Beans, 15 oz"], "en", "haricot beans", "Cannellini Beans, 15 oz"),
        (["Horseradish, 4 oz", "Horseradish Sauce, 12 oz"], "en", "horseradish cream", "Horseradish Sauce, 12 oz"),
        # cheese sauce is sold as cheese dip or queso (synonyms.tsv)
        (["Tostitos Tortilla Chips", "Alfredo Sauce", "Tostitos Salsa Con Queso, 15 oz Jar"], "en",
         "Tostitos cheese sauce", "Tostitos Salsa Con Queso, 15 oz Jar"),
        # « / » joins two products: the better of the two
        (["Cream Cheese, 8 oz", "Sour Cream, 16 oz"], "en", "whipped/sour cream", "Sour Cream, 16 oz"),
        (["Pruneaux d'Agen", "Noix de cajou"], "fr", "pruneaux/abricots secs", "Pruneaux d'Agen"),
        # chili, chilli, chile: one pepper, whatever the spelling and its plural
        (["Diced Tomatoes, 14.5 oz", "Chopped Green Chiles, 4.5 oz"], "en", "green chillies",
         "Chopped Green Chiles, 4.5 oz"),
        (["Hot Sauce, 5 fl oz", "Sweet Chili Sauce, 12 oz"], "en", "sweet chilli sauce", "Sweet Chili Sauce, 12 oz"),
        # words that do not change the product weigh little (neutral_words.txt)
        (["Garlic Basil Full Fat Cheese Spread", "Cream Cheese, 8 oz"], "en", "full-fat cream cheese",
         "Cream Cheese, 8 oz"),
        (["Crusty Rolls, 6 ct", "Sourdough Bread, 24 oz"], "en", "crusty bread", "Sourdough Bread, 24 oz"),
        # … and so do the words of the plain kind ("all-purpose", "granulated")
        (["Almond Flour, 16 oz", "All Purpose Flour, 5 lb", "Almond Milk"], "en", "flour", "All Purpose Flour, 5 lb"),
        (["Powdered Sugar, 24 oz", "Pure Granulated Sugar, 10 lb", "Powdered Milk"], "en", "sugar",
         "Pure Granulated Sugar, 10 lb"),
        # … and so do quality labels (« AOP », « IGP ») and processes (« UHT »)
        (["Comté fruité", "Comté AOP"], "fr", "comté", "Comté AOP"),
        (["Fleur de sel persillade", "Fleur de sel IGP"], "fr", "fleur de sel", "Fleur de sel IGP"),
        (["Lait demi-écrémé UHT", "Lait demi-écrémé vitaminé", "Lait entier vitaminé", "Jus vitaminé"], "fr",
         "lait demi-écrémé", "Lait demi-écrémé UHT"),
        # a rate tells products apart
        (["Whole Milk, 1 gal", "1% Milk, 1 gal", "2% Reduced Fat Milk, 1 gal"], "en", "2% milk",
         "2% Reduced Fat Milk, 1 gal"),
        (["Crème liquide 12% MG", "Crème liquide 35% MG"], "fr", "crème liquide 35 %", "Crème liquide 35% MG"),
        (["1% Milk, 1 gal", "Whole Milk, 1 gal"], "en", "milk", "Whole Milk, 1 gal"),
        # how a product is sold is no complement (sold_by.txt): fresh apples before a pastry
        (["Chausson aux pommes la pièce", "Pommes Gala au kg"], "fr", "pommes", "Pommes Gala au kg"),
        (["Apple Turnover each", "Gala Apples per lb"], "en", "apples", "Gala Apples per lb"),
        # a word excluding the query's (opposites.tsv) ranks the product after one saying neither
        (["Frozen Spinach", "Spinach Leaves"], "en", "fresh spinach", "Spinach Leaves"),
        (["Dark Brown Sugar", "Brown Sugar, 2 lb"], "en", "light brown sugar", "Brown Sugar, 2 lb"),
        # "or" offers two products: the better of them
        (["Sparkling Water, 1 L", "Chicken Broth, 32 oz"], "en", "chicken broth or water", "Chicken Broth, 32 oz"),
        (["Mixed Vegetables, 15 oz", "Vegetable Oil, 48 fl oz"], "en", "vegetable or sunflower oil",
         "Vegetable Oil, 48 fl oz"),
        # a kind of a class noun is sold under its own name (class_nouns.txt), when the catalog
        # heads names with it
        (["Mascarpone, 8 oz", "Mascarpone, 16 oz", "Cream Cheese, 8 oz", "Fig Mascarpone Gelato"], "en",
         "mascarpone cheese", "Mascarpone, 8 oz"),
        (["Sprits", "Sprits pur beurre", "Biscuits au chocolat"], "fr", "biscuits sprits", "Sprits"),
        # a flavour word the name says it is without gives it no flavour ("No Salt Added")
        (["Kidney Beans in Chili Sauce", "Kidney Beans - No Salt Added", "Sea Salt Crackers", "Sea Salt Chips"], "en",
         "kidney beans", "Kidney Beans - No Salt Added"),
        (["Earl Grey", "Earl Grey à la bergamote", "Thé vert"], "fr", "thé earl grey", "Earl Grey"),
        # … but a word that only qualifies is no kind (« Décaféiné » is coffee)
        (["Décaféiné", "Décaféiné intense", "Thé"], "fr", "thé décaféiné", "Thé"),
        # a French name may open with a variety before the product word, complement or not
        (["Pompadour pommes de terre à chair ferme", "Tarte aux pommes de terre"], "fr",
         "pommes de terre à chair ferme", "Pompadour pommes de terre à chair ferme"),
        # leaves and leaf are one word; "cold" and "liquid" say nothing of the product
        (["Thyme Leaf, 0.85 oz", "Garlic Thyme Crackers"], "en", "fresh thyme leaves", "Thyme Leaf, 0.85 oz"),
        (["Butter, 8 oz", "Peanut Butter, 16 oz"], "en", "cold butter", "Butter, 8 oz"),
        (["Clover Honey, 16 oz", "Hot Honey Walnuts"], "en", "liquid honey", "Clover Honey, 16 oz"),
        # a count in words reads as in digits; a name counting kinds of the product is a blend
        (["Pizza au fromage", "Pizza 5 fromages", "Pizza aux 4 fromages"], "fr", "pizzas aux quatre fromages",
         "Pizza aux 4 fromages"),
        (["Cheese Pizza, 12 oz", "4 Cheese Pizza, 12 oz"], "en", "2 four cheese pizzas", "4 Cheese Pizza, 12 oz"),
        (["Les 3 poivres", "Poivre"], "fr", "poivre", "Poivre"),
        (["4 huiles végétales", "Huile végétale"], "fr", "huile végétale", "Huile végétale"),
        # fruit and vegetables asked with no state are asked fresh (default_states.tsv)
        (["Dried Figs, 7 oz", "Turkish Figs, 7 oz"], "en", "figs", "Turkish Figs, 7 oz"),
        (["Canned Spinach, 13.5 oz", "Leaf Spinach, 13.5 oz"], "en", "spinach", "Leaf Spinach, 13.5 oz"),
        (["Figues séchées", "Figues bio"], "fr", "figues", "Figues bio"),
        # fish raw: a crusted or battered fillet is a dish
        (["Mediterranean Crusted Salmon Fillets", "Wild Caught Pink Salmon Fillets, 16 oz"], "en", "salmon fillets",
         "Wild Caught Pink Salmon Fillets, 16 oz"),
        (["Crispy Battered Haddock", "Wild Caught Skinless Haddock Fillets"], "en", "haddock",
         "Wild Caught Skinless Haddock Fillets"),
        # and « piment » hot: « piment doux » is a sweet pepper
        (["Piment doux", "Piment rouge"], "fr", "piment", "Piment rouge"),
        (["Piment doux", "Piment rouge"], "fr", "piment doux", "Piment doux"),
        # ... and a kind asked alone is the name that writes it with its class noun
        (["Gorgonzola Cheese Crumbles, 4 oz", "Gorgonzola Ravioli, 9 oz", "Blue Cheese Dressing"], "en", "gorgonzola",
         "Gorgonzola Cheese Crumbles, 4 oz"),
        (["Fromage gorgonzola", "Gnocchis au gorgonzola", "Fromage blanc", "Fromage frais"], "fr", "gorgonzola",
         "Fromage gorgonzola"),
        # … or with a class of kinds.tsv that has it
        (["Basmati Rice, 2 lb", "Basmati Rice Pudding, 4 ct", "Brown Rice, 2 lb"], "en", "basmati", "Basmati Rice, 2 lb"),
        # ... written side by side only: « à » makes « pâte » qualify the cheese
        (["Pâtes, 500 g", "Pâte feuilletée", "Pâte brisée", "Fromage râpé"], "fr", "fromage à pâte filée",
         "Fromage râpé"),
        # a part that only qualifies is no product alone, nor one that gives a colour
        (["Fresh Salsa, 16 oz", "Dried Rosemary, 1 oz"], "en", "fresh or dried rosemary", "Dried Rosemary, 1 oz"),
        (["Red, White & Blue 8-Pack", "Green Beans, 14.5 oz"], "en", "red or green gooseberries", None),
        # … but a fruit is
        (["Key Limes, 1 lb", "Lemon Curd, 10 oz"], "en", "lime or lemon wedges", "Key Limes, 1 lb"),
        # a container or piece word tells products apart: a bar is no peanut butter
        (["Peanut Butter Bar, 1.4 oz", "Peanut Butter, 16 oz"], "en", "peanut butter", "Peanut Butter, 16 oz"),
        # one word asks for the product at large: a name saying nothing else comes first
        (["Beef Broccoli, 14 oz", "Roasted Broccoli, 12 oz"], "en", "broccoli", "Roasted Broccoli, 12 oz"),
        # … read through a slip too
        (["Beef Broccoli, 14 oz", "Roasted Broccoli, 12 oz"], "en", "brocclli", "Roasted Broccoli, 12 oz"),
        # … and so do words that only describe or qualify it
        (["Beef Broccoli, 14 oz", "Roasted Broccoli, 12 oz"], "en", "frozen broccoli", "Roasted Broccoli, 12 oz"),
        (["Soupe à la chinoise surgelée", "Soupe surgelée"], "fr", "soupes surgelées", "Soupe surgelée"),
        # wholemeal (« complet ») only describes (adjectives.txt); a burger bun is another thing
        (["Pains burger x4", "Pain complet 400 g", "Pain complet bio", "Riz complet", "Farine complète",
          "Pâtes complètes", "Steak burger", "Sauce burger"], "fr", "du pain", "Pain complet 400 g"),
        # … and a name making a dish of it with a word the query does not say (cooked.txt) after one
        # that does not
        (["Mashed Cauliflower, 12 oz", "Riced Cauliflower, 12 oz"], "en", "cauliflowers", "Riced Cauliflower, 12 oz"),
        (["Carottes rôties", "Carottes en rondelles"], "fr", "carottes", "Carottes en rondelles"),
        # … and so does any query: a chicken breast is no grilled one
        (["Grilled Chicken Breast", "Boneless Chicken Breast"], "en", "chicken breast", "Boneless Chicken Breast"),
        (["Carottes râpées", "Carottes rôties"], "fr", "carottes rôties", "Carottes rôties"),
        # a form of the product says no other thing (part_nouns.txt: « fleurette », floret)
        (["Brocolis romanesco", "Brocolis fleurettes"], "fr", "brocolis", "Brocolis fleurettes"),
        (["Cream Cheese Brioche, 14.1 oz", "Sliced Brioche, 17.6 oz"], "en", "brioche", "Sliced Brioche, 17.6 oz"),
        # another colour than the one asked
        (["Colorant alimentaire rose", "Colorant alimentaire noir"], "fr", "colorant noir",
         "Colorant alimentaire noir"),
    ],
)  # fmt: skip
def test_ranking_rules(names, lang, text, first):
    found = matches(text, catalog(*names, lang=lang), lang)
    assert first_sku(found) == first, found


@pytest.mark.parametrize(
    ("names", "lang", "text", "other"),
    [
        (["Lait écrémé bio", "Lait demi-écrémé bio"], "fr", "lait écrémé", "Lait demi-écrémé bio"),
        (["Lait demi-écrémé", "Lait écrémé"], "fr", "lait demi-écrémé", "Lait écrémé"),
        (["Poivre noir en grains", "Poivre noir moulu"], "fr", "poivre noir en grains", "Poivre noir moulu"),
        (["Jambon cru de pays", "Jambon cuit de pays"], "fr", "jambon cru", "Jambon cuit de pays"),
        (["Cerises dénoyautées", "Cerises entières"], "fr", "cerises dénoyautées", "Cerises entières"),
        (["Figues fraîches", "Figues séchées"], "fr", "figues fraîches", "Figues séchées"),  # a feminine too
        (["Rhum ambré", "Rhum blanc"], "fr", "rhum brun", "Rhum blanc"),  # brun and ambré: one meaning
        (["Bière blanche", "Bière ambrée"], "fr", "bière blanche", "Bière ambrée"),
    ],
)  # fmt: skip
def test_an_opposite_word_costs(names, lang, text, other):
    found = {m.sku: m.score for m in matches(text, catalog(*names, lang=lang), lang)}
    assert found[names[0]] - found.get(other, 0) >= 0.2, found


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # the kind asked missing, another thing named instead: no answer (a word the catalog
        # does not know at all is not judged)
        (["Chicken Pie, 10 oz", "Apple Pie, 24 oz"], "en", "pear pies", None),
        (["Garlic Powder, 2.4 oz", "Ginger Ale, 12 fl oz"], "en", "ginger powder", None),
        (["Nectar de pomme", "Nectar de citron"], "fr", "nectar de melon", None),
        # … but the product at large is, and so is the kind asked further down
        (["Chicken Pie, 10 oz", "Pies, 6 ct"], "en", "pear pies", "Pies, 6 ct"),
        (["Nectar de pomme", "Nectar"], "fr", "nectar de melon", "Nectar"),
        (["Chicken Pie, 10 oz", "Pear Pie, 9 oz"], "en", "pear pies", "Pear Pie, 9 oz"),
        # the product of a cut is a kind, in a phrase of the query or in the name
        (["Parmesan Chicken Cutlets, 18 oz", "Sliced Turkey Breast"], "en", "turkey cutlets", None),
        (["Breaded Fish Fillets", "Fish Sticks", "Beef Jerky", "Ground Beef", "Beef Broth", "Fish Sauce"], "en",
         "beef fillet", None),
        (["Filets de dinde", "Jambon cuit"], "fr", "filets de poulet", None),
        (["Filets de dinde", "Filets de poulet fermier"], "fr", "filets de poulet", "Filets de poulet fermier"),
        # a word that describes (adjectives.txt, or its ending) is no kind
        (["Organic Medjool Dates, 12 oz"], "en", "pitted dates", "Organic Medjool Dates, 12 oz"),
        (["Queues d'écrevisses de Louisiane"], "fr", "écrevisses précuites", "Queues d'écrevisses de Louisiane"),
        # nor a qualifying word in the French feminine (« rôti » in opposites.tsv)
        (["Viande de canard rôti"], "fr", "viande de canard rôtie", "Viande de canard rôti"),
        # a slip is read through: "coocnut" is coconut, no other thing
        (["Organic Coconut Oil, 30 fl oz", "Extra Virgin Olive Oil"], "en", "virgin coocnut oil",
         "Organic Coconut Oil, 30 fl oz"),
        # … and the kinds are read through the slip: "red peppsr flakes" asks for red pepper
        # flakes, which chili flakes are
        (["Korean Chili Flakes, 3.25 oz", "Red Pepper Jelly", "Corn Flakes"], "en", "red peppsr flakes",
         "Korean Chili Flakes, 3.25 oz"),
        (["Korean Chili Flakes, 3.25 oz", "Red Pepper Jelly", "Corn Flakes"], "en", "red pepper flakes",
         "Korean Chili Flakes, 3.25 oz"),
        # the product joined to another one is a mix of them, not the product
        (["Green Beans & Shallots", "Green Beans, 14.5 oz", "Cut Green Beans"], "en", "shallots", None),
        (["Wrapped Mozzarella and Prosciutto", "Sliced Prosciutto", "Mozzarella", "Fresh Mozzarella"], "en",
         "prosciutto", "Sliced Prosciutto"),
        (["Carottes et petits pois", "Pois chiches", "Pois cassés"], "fr", "carottes", None),
        (["Carottes et petits pois", "Carottes râpées", "Pois chiches", "Pois cassés"], "fr", "carottes",
         "Carottes râpées"),
        (["Carottes et petits pois", "Carottes râpées", "Carottes en rondelles"], "fr", "petits pois", None),
        # … not where the join qualifies the product, nor for a query joining products itself
        (["Salt & Vinegar Chips, 5 oz"], "en", "chips", "Salt & Vinegar Chips, 5 oz"),
        (["Cookies and Cream Ice Cream, 1 pint"], "en", "ice cream", "Cookies and Cream Ice Cream, 1 pint"),
        (["Extra Virgin Rich & Fruity Olive Oil"], "en", "fruity olive oil", "Extra Virgin Rich & Fruity Olive Oil"),
        (["Organic Half & Half, 1 qt", "Half Gallon Milk", "Milk, Half Gallon"], "en", "half and half",
         "Organic Half & Half, 1 qt"),
        # a word the catalog knows nothing like is a kind too; the start of one is not
        (["La Choy Bean Sprouts, 14 oz", "Bean Salad"], "en", "alfalfa sprouts", None),
        # … and a slip the search would not read does not make it known ("veal" is no "meal")
        (["Chicken Tenderloins, 2 lb", "Frozen Meal, 10 oz", "Pasta Meal Kit"], "en", "veal tenderloin", None),
        (["Sugar Free Sweetener, 100 ct", "Artificial Colors"], "en", "artif. sweetener",
         "Sugar Free Sweetener, 100 ct"),
        # a synonym phrase counts only where the name holds it whole: black is not white
        (["Black Peppercorns, 1.34 oz", "White Rice, 2 lb"], "en", "white peppercorns", None),
        # whom or what a product is for is a kind: fish croquettes are no cat food
        (["Croquettes de poisson", "Croquettes de pommes de terre"], "fr", "croquettes pour chat", None),
        (["Croquettes de poisson", "Croquettes pour chat"], "fr", "croquettes pour chat", "Croquettes pour chat"),
        # and so is what it is made with (« au », « aux »): a salmon dish is no veal dish
        (["Plat petits pois saumon", "Veau marengo", "Escalope de veau"], "fr", "plats au veau", None),
        (["Plat petits pois saumon", "Plat de veau aux carottes"], "fr", "plats au veau", "Plat de veau aux carottes"),
        # a synonym that is the product word alone tells no kind: "Butter Foil" is no aluminium
        (["Irish Butter Foil, 8 oz", "Salted Butter"], "en", "aluminum foil", None),
    ],
)  # fmt: skip
def test_another_kind_is_no_answer(names, lang, text, first):
    found = matches(text, catalog(*names, lang=lang), lang)
    assert first_sku(found) == first, found


_YOGURTS = ["Greek Yogurt", "Vanilla Yogurt", "Plain Yogurt", "Skyr Yogurt", "Honey Yogurt"]
_MILKS = ["Whole Milk", "Skim Milk", "Oat Milk", "Almond Milk", "Soy Milk"]


@pytest.mark.parametrize(
    ("names", "text", "first"),
    [
        # the fruit asked, a product of the catalog named before it: a yogurt of that flavour
        (["Yogurt Strawberry, 5.3 oz", *_YOGURTS], "strawberries", None),
        (["Yogurt Strawberry, 5.3 oz", *_YOGURTS], "strawbperries", None),  # through a slip too
        (["Yogurt Strawberry, 5.3 oz", "Organic Strawberries, 1 lb", *_YOGURTS], "fresh strawberries",
         "Organic Strawberries, 1 lb"),
        # a product word that is no brand here ("Bobo's Oat Bars" is the brand of the whole line)
        (["Oat Bar Coconut", "Oat Bar", "Protein Bar", "Granola Bar", "Fig Bar", "Nut Bar"], "coconut", None),
        # the query's own words, and flavours that are no produce (chocolate) are not judged
        (["Milk Chocolate, 7 oz", *_MILKS], "chocolate", "Milk Chocolate, 7 oz"),
        (["Yogurt Strawberry, 5.3 oz", *_YOGURTS], "strawberry yogurt", "Yogurt Strawberry, 5.3 oz"),
        # a vegetable that flavours other products too
        (["Tuna Infusions Sun-Dried Tomato", "Tuna in Water", "Chunk Light Tuna", "Albacore Tuna", "Yellowfin Tuna",
          "Smoked Tuna"], "sun-dried tomatoes", None),
        # and so do a pepper and fennel
        (["Bread Baguette Golden Raisin Fennel", "Bread Baguette", "Sourdough Bread", "Rye Bread", "White Bread",
          "Wheat Bread", "Potato Bread"], "fennel", None),
        (["Hummus Organic Red Pepper", "Classic Hummus", "Garlic Hummus", "Spicy Hummus", "Lemon Hummus",
          "Plain Hummus", "Roasted Red Pepper Strips"], "red peppers", "Roasted Red Pepper Strips"),
        # berries, grapes and nuts too
        (["Yogurt Squeeze Mixed Berry", *_YOGURTS], "mixed berries", None),
        (["Yogurt Almond", *_YOGURTS], "almonds", None),
        (["Ice Cream Butter Pecan", "Vanilla Ice Cream", "Chocolate Ice Cream", "Mint Ice Cream", "Coffee Ice Cream",
          "Strawberry Ice Cream"], "pecans", None),
        (["Juice Pops Grape", "Orange Juice", "Apple Juice", "Tomato Juice", "Lemon Juice", "Pear Juice"], "grapes",
         None),
        (["Bar Chocolate Cashew", "Granola Bar", "Protein Bar", "Fig Bar", "Nut Bar", "Oat Bar"], "cashews", None),
        # and herbs at large
        (["Cheese Italian Herb", "Cheddar Cheese", "Swiss Cheese", "Blue Cheese", "Goat Cheese", "Brie Cheese"], "herbs",
         None),
        # herbs and spices by name
        (["Double Cream Chive, 6.5 oz", "Sour Cream", "Heavy Cream", "Whipped Cream", "Light Cream", "Cashew Cream"],
         "chives", None),
        (["Coconut Yogurt Blueberry Lavender", *_YOGURTS], "lavender", None),
        # and spirits
        (["Duck Mousse Cognac", "Duck Mousse", "Pork Mousse", "Salmon Mousse", "Liver Mousse", "Ham Mousse"], "cognac",
         None),
    ],
)  # fmt: skip
def test_a_fruit_asked_is_no_product_of_its_flavour(names, text, first):
    brands = {"Oat Bar Coconut": "Bobo's Oat Bars"}
    cat = Catalog.from_records({"sku": n, "name": n, "lang": "en", "brand": brands.get(n, "")} for n in names)
    assert first_sku(matches(text, cat, "en")) == first


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a class asked finds its kinds (kinds.tsv), even where the catalog never says the class
        (["Frozen Pizza", "Frozen Peas", "Vanilla Ice Cream"], "en", "frozen vegetables", "Frozen Peas"),
        (["Cashews", "Peanut Butter"], "en", "nuts", "Cashews"),
        (["Encornets", "Yaourt nature"], "fr", "fruits de mer", "Encornets"),
        (["Escalopes de dinde", "Gel WC"], "fr", "volaille", "Escalopes de dinde"),
        # the class word itself comes first
        (["Persil plat", "Herbes de Provence", "Sel fin"], "fr", "herbes fraîches", "Herbes de Provence"),
        (["Chunk Light Tuna", "Fish Fillets"], "en", "fish", "Fish Fillets"),
        # … and so does a class qualifying the product word
        (["Chicken Club Sandwich", "Chicken Nuggets", "Ham Sandwich"], "en", "poultry sandwiches", "Chicken Club Sandwich"),
        (["Garlic Shrimp Pasta", "Shrimp Cocktail", "Tomato Pasta Sauce"], "en", "seafood pasta", "Garlic Shrimp Pasta"),
        # … but for the products named with it (kinds.tsv): "fish sauce" asks for no tuna sauce
        (["Tuna Sauce", "Soy Sauce"], "en", "fish sauce", None),
        (["Sauce thon", "Sauce soja"], "fr", "sauce de poisson", None),
        # a query naming its kind asks for that one
        (["Whole Almonds", "Roasted Cashews"], "en", "cashew nuts", "Roasted Cashews"),
        (["Pecan Pie", "Whole Almonds"], "en", "pecan nuts", None),
        (["Dos de morue", "Poulet rôti"], "fr", "poisson", "Dos de morue"),
        (["Crevettes cuites", "Saumon fumé"], "fr", "crustacés", "Crevettes cuites"),
        # … and a synonym its other name (synonyms.tsv)
        (["Sucre grains pâtissiers", "Sucre en poudre"], "fr", "sucres perlés", "Sucre grains pâtissiers"),
        (["Curry en poudre", "Paprika"], "fr", "kari", "Curry en poudre"),
        (["Club Soda, 6 pk", "Tonic Water", "Baking Soda"], "en", "soda water", "Club Soda, 6 pk"),
        (["Sauce, Soy - Shoyu, 20 oz", "Teriyaki Sauce"], "en", "shoyu", "Sauce, Soy - Shoyu, 20 oz"),
        # coriander leaves are cilantro; coriander alone is the seed
        (["Coriander, 2.29 oz", "Cilantro, 0.78 oz"], "en", "coriander leaves", "Cilantro, 0.78 oz"),
        (["Coriander, 2.29 oz", "Cilantro, 0.78 oz"], "en", "coriander", "Coriander, 2.29 oz"),
    ],
)  # fmt: skip
def test_a_class_finds_its_kinds(names, lang, text, first):
    assert first_sku(matches(text, catalog(*names, lang=lang), lang)) == first


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a product made of one usual thing, asked alone, is not one made of another (made_of.tsv)
        (["Pomegranate Molasses", "Molasses Cookies"], "en", "1 tablespoon molasses", None),
        (["Coconut Milk", "Almond Milk"], "en", "milk", None),
        (["Peanut Butter", "Apple Butter"], "en", "butter", None),
        (["Lemon Water", "Strawberry Water"], "en", "water", None),
        (["Almond Flour"], "en", "flour", None),
        (["Lait de coco", "Lait d'amande"], "fr", "lait", None),
        (["Beurre de cacahuète"], "fr", "beurre", None),
        (["Farine de châtaigne"], "fr", "farine", None),
        (["Eau aromatisée fraise", "Eau de source"], "fr", "eau", "Eau de source"),
        # the word saying what it is made of, right before the product word in English, after
        # its « de » in French, whatever it is
        (["Rye Flour", "Teff Flour"], "en", "flour", None),
        (["Face Cream", "Ice Cream"], "en", "cream", None),
        (["Farine de seigle", "Farine de sarrasin"], "fr", "farine", None),
        (["Lait de jument"], "fr", "lait", None),
        # but a place is none: « Beurre d'Isigny »; nor are words that describe ("Salted Butter")
        (["Beurre d'Isigny"], "fr", "beurre", "Beurre d'Isigny"),
        (["Lightly Salted Butter"], "en", "butter", "Lightly Salted Butter"),
        (["Single Cream 12% Fat"], "en", "cream", "Single Cream 12% Fat"),
        (["Garlic Salt", "Dishwasher Salt", "Fine Sea Salt"], "en", "salt", "Fine Sea Salt"),
        (["Coconut Sugar", "Sucre de coco"], "en", "sugar", None),
        # only the product word counts: a synonym phrase of another word holding one is none
        (["Sugar Snap Peas", "Coconut Sugar"], "en", "mangetout", "Sugar Snap Peas"),
        # its usual making, a colour or a describing word keep it the product
        (["Pomegranate Molasses", "Blackstrap Molasses"], "en", "molasses", "Blackstrap Molasses"),
        (["Mélasse noire de sucre de canne"], "fr", "mélasse", "Mélasse noire de sucre de canne"),
        (["Almond Flour", "Whole Wheat Flour"], "en", "flour", "Whole Wheat Flour"),
        (["Farine de blé T55"], "fr", "farine", "Farine de blé T55"),
        # the other making asked is the product; a product made of no one thing may be of any
        (["Coconut Milk", "Almond Milk"], "en", "coconut milk", "Coconut Milk"),
        (["Beurre de cacahuète"], "fr", "beurre de cacahuète", "Beurre de cacahuète"),
        (["Strawberry Jam"], "en", "jam", "Strawberry Jam"),
    ],
)  # fmt: skip
def test_a_product_asked_alone_is_of_its_usual_making(names, lang, text, first):
    assert first_sku(matches(text, catalog(*names, lang=lang), lang)) == first


@pytest.mark.parametrize(
    ("text", "first"),
    [("virgin olive oil", "huile"),  # "virgin" is in the English name only
     ("green chilli", None),  # "red" is in the English name only
     ("red chilli", "piment"),
     ("huile d'olive vierge", "huile")],
)  # fmt: skip
def test_checks_read_the_name_the_product_was_found_by(text, first):
    # the French name of a product and its English one: an English query is judged on the latter
    cat = Catalog.from_records(
        [{"sku": "huile", "name": "Huile d'olive vierge extra", "name_en": "Extra virgin olive oil", "lang": "fr"},
         {"sku": "piment", "name": "Piment rouge", "name_en": "Red chilli", "lang": "fr"},
         {"sku": "lait", "name": "Lait demi-écrémé", "name_en": "Semi-skimmed milk", "lang": "fr"}]
    )  # fmt: skip
    lang = "fr" if "huile" in text else "en"
    assert first_sku(matches(text, cat, lang)) == first


@pytest.mark.parametrize(
    ("names", "text", "first"),
    [(["Bay Leaves", "Sake Rice Wine", "Sale Cookies"], "sage leaves", None),  # sage: a word a slip from others
     (["Cod Fillets", "Tuna Steaks"], "salmon fillets", None),
     (["Cod Fillets", "Salmon Fillets"], "salmon fillets", "Salmon Fillets")],
)  # fmt: skip
def test_a_cut_alone_is_no_answer(names, text, first):
    assert first_sku(matches(text, catalog(*names, lang="en"), "en")) == first


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("2 filets de saumon", "fr", "Filets de saumon"),  # the unit is the cut asked, not smoked salmon
     ("2 salmon fillets", "en", ("Pavés de saumon", "Filets de saumon")),  # both "salmon fillets" in English
     ("3 gousses d'ail", "fr", "Ail"),  # and weighs little: garlic, not vanilla pods
     ("1 botte de radis", "fr", "Radis")],
)  # fmt: skip
def test_a_cut_said_as_the_unit_names_the_product(text, lang, expected):
    from listparse.catalog import default_catalog

    found = matches(text, default_catalog(), lang)
    assert found and found[0].name.startswith(expected), found


def test_a_name_that_is_its_brand_names_the_product():
    # "Just Egg" is an egg substitute named by its brand: all its words weigh, so "eggs" finds
    # eggs first, and "just egg" still finds it
    cat = Catalog.from_records(
        [{"sku": "just", "name": "Just Egg", "brand": "Just Egg", "lang": "en"},
         {"sku": "eggs", "name": "Organic Eggs", "brand": "Vital Farms", "lang": "en"}]
    )  # fmt: skip
    assert first_sku(matches("eggs", cat, "en")) == "eggs"
    assert first_sku(matches("just egg", cat, "en")) == "just"


def test_a_kind_held_only_in_the_brand_is_none():
    cat = Catalog.from_records(
        [{"sku": "gel", "name": "Canard WC gel javel", "brand": "Canard WC", "lang": "fr"},
         {"sku": "dinde", "name": "Escalopes de dinde", "lang": "fr"}]
    )  # fmt: skip
    assert [m.sku for m in matches("volaille", cat, "fr")] == ["dinde"]


@pytest.mark.parametrize(
    ("same", "other", "lang", "text"),
    [
        ("Nonfat Dry Milk Powder", "Whole Dry Milk Powder", "en", "skimmed milk powder"),
        ("Haricots verts surgelés", "Haricots verts frais", "fr", "haricots verts congelés"),
        ("Dehydrated Onion Flakes", "Frozen Onion Flakes", "en", "dried onion flakes"),
    ],
)  # fmt: skip
def test_words_of_one_meaning_are_no_opposites(same, other, lang, text):
    # opposites.tsv joins words of one meaning with |: only the other meaning costs
    found = scores(text, [same, other], lang)
    assert found[same] - found[other] > 0.15, found


@pytest.mark.parametrize(
    ("names", "lang", "text"),
    [
        (["Sweet Tomato Jam, 8.5 oz", "Strawberry Jam, 12 oz", "Sweet Potato Fries", "Tomato Paste"], "en",
         "sweet pepper jams"),
        (["Tartinade de tomates", "Tomates cerises", "Tartinade de pois chiches", "Purée de patates douces"], "fr",
         "tartinades de patates douces"),
    ],
)  # fmt: skip
def test_a_phrase_names_a_kind_when_one_of_its_words_does(names, lang, text):
    # "sweet pepper" in "sweet pepper jams": a tomato jam is another kind, even scored low
    assert matches(text, catalog(*names, lang=lang), lang, min_score=0.2) == ()


@pytest.mark.parametrize(
    ("rows", "text", "first"),
    [
        # a word of a longer brand is still a kind ("Duck Trap River Fish Farm" sells no duck)
        ([("Chicken Apple Pate", ""), ("Salmon Pate", ""), ("Smoked Trout", "Duck Trap River Fish Farm"),
          ("Smoked Mussels", "Duck Trap River Fish Farm")], "duck pate", None),
        # … a brand of one word is none (« Président » asks for the brand, not a kind)
        ([("Camembert", "Président"), ("Brie de Meaux", "")], "président camembert", "Camembert"),
        # the brand column holds a kind asked as well as the name
        ([("Corn Tortillas", "Delicias Tortilla Factory"), ("Flour Tortillas", "")], "delicias corn tortillas",
         "Corn Tortillas"),
        # a brand asked: first the name that writes it, not only its brand column
        ([("Sliced Plain Bagels", "Canyon Bakehouse"), ("Canyon Bakehouse Everything Bagels", "Canyon Bakehouse"),
          ("Plain Bagels", "Great Value")], "canyon bakehouse bagels", "Canyon Bakehouse Everything Bagels"),
    ],
)  # fmt: skip
def test_brands_and_kinds(rows, text, first):
    cat = Catalog.from_records({"sku": n, "name": n, "brand": b, "lang": "en"} for n, b in rows)
    assert first_sku(matches(text, cat, "en")) == first


_HEADS = ["Ground Cayenne", "Organic Cayenne", "Fresh Ginger", "Ground Ginger", "Gala Apple", "Fuji Apple"]


@pytest.mark.parametrize(
    ("names", "text", "first"),
    [
        # the kind asked among three other products of the catalog: a blend of them
        (["Organic Lemon Cayenne Ginger Apple Juice, 16 fl oz", *_HEADS], "lemon juice", None),
        # … one other is still the kind asked
        (["Organic Lemon Ginger Juice, 16 fl oz", *_HEADS], "lemon juice", "Organic Lemon Ginger Juice, 16 fl oz"),
    ],
)  # fmt: skip
def test_a_blend_of_other_kinds_is_no_answer(names, text, first):
    assert first_sku(matches(text, catalog(*names, lang="en"), "en")) == first


def test_a_rare_slip_of_the_catalog_asked_as_a_kind_is_its_common_reading():
    # « cansrd » is in one name of the catalog, « canard » in many: the query's slip asks for
    # duck, which duck legs hold
    rows = ["Cuisses de canard confites", "Cuisses de poulet rôties", "Rillettes cansrd"]
    rows += [f"Magret de canard {n}" for n in range(30)] + [f"Biscuit nature {n}" for n in range(1000)]
    cat = Catalog.from_records({"sku": str(k), "name": r, "lang": "fr"} for k, r in enumerate(rows))
    found = matches("cuisse de cansrd", cat, "fr")
    assert found and found[0].name == "Cuisses de canard confites", found


def test_another_kind_is_offered_with_min_score_zero():
    found = matches("pear pies", catalog("Chicken Pie, 10 oz", lang="en"), "en", min_score=0)
    assert [m.sku for m in found] == ["Chicken Pie, 10 oz"]


@pytest.mark.parametrize(
    ("split", "together", "lang", "text"),
    [
        ("Spinach Apple Baby Food", "Baby Spinach Apple Food", "en", "baby spinach"),
        ("Épinards et pousses de soja", "Pousses d'épinards et soja", "fr", "pousses d'épinards"),
    ],
)  # fmt: skip
def test_the_words_of_a_phrase_far_apart_cost(split, together, lang, text):
    # the same words, the phrase of the query apart in one name: more than the side-by-side bonus
    found = scores(text, [split, together], lang)
    assert found[together] - found[split] > 0.1, found


@pytest.mark.parametrize(
    ("phrase", "name", "expected"),
    [
        (["baby", "spinach"], "Organic Spinach Apple Baby Food", True),
        (["baby", "spinach"], "Baby Leaf Spinach", False),  # one word between
        (["lait", "demi", "ecreme"], "Lait UHT demi-écrémé", False),
        (["lait", "demi"], "Beurre doux", False),  # not held at all
        (["pouss", "epinard"], "Épinards et pousses de soja", True),  # the other order
    ],
)  # fmt: skip
def test_split_phrase(phrase, name, expected):
    assert split_phrase(phrase, name) is expected


def test_an_opposite_word_ranks_after_saying_neither():
    found = matches("raw cashews", catalog("Roasted Cashews", "Cashew Halves", lang="en"), "en", min_score=0)
    assert found and found[0].sku == "Cashew Halves", found


def test_a_cut_of_another_product_is_no_answer():
    assert matches("lime wedges", catalog("Gouda Cheese Wedge, 7 oz", "Lime Sparkling Water", lang="en"), "en") == ()


def test_a_word_of_the_product_phrase_alone_is_not_the_product():
    # « jambon cru » is one phrase (synonyms.tsv): « cru » alone does not name it
    assert matches("jambon cru", catalog("Jambon cuit supérieur", "Jambon sec", "Saumon cru", lang="fr"), "fr") == ()


# names that make the flavour word common, so that a name lacking it loses little for that
_CHOCOLATES = ["Chocolate Chips", "Chocolate Bar", "Dark Chocolate", "Chocolate Cookies", "Chocolate Cake", "Milk Chocolate"]
_STRAWBERRIES = ["Fraises", "Confiture de fraises", "Fraise Tagada", "Glace fraise", "Tarte aux fraises", "Sirop de fraise"]


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a name saying it has no flavour is another variety than the flavour asked
        (["Original Soy Milk", "Chocolate Soy Milk Drink", *_CHOCOLATES], "en", "chocolate soy milk", "Chocolate Soy Milk Drink"),
        (["Yaourt nature", "Yaourt à la fraise et morceaux de fruits", *_STRAWBERRIES], "fr", "yaourt fraise",
         "Yaourt à la fraise et morceaux de fruits"),
        # a word asking for some flavour, whichever, is no kind: a flavoured name is one
        (["Whole Milk", "Chocolate Milk"], "en", "flavoured milks", "Chocolate Milk"),
        (["Lait demi-écrémé", "Lait à la fraise"], "fr", "laits aromatisés", "Lait à la fraise"),
        (["Vegetable Oil", "Garlic Flavored Vegetable Oil"], "en", "neutral-flavored vegetable oil", "Vegetable Oil"),
        # … but a colour asked is no flavour it contradicts
        (["Plain Bread Crumbs", "Italian Style Seasoned Bread Crumbs"], "en", "white breadcrumbs", "Plain Bread Crumbs"),
    ],
)  # fmt: skip
def test_a_plain_name_is_another_variety_than_the_flavour_asked(names, lang, text, first):
    assert first_sku(matches(text, catalog(*names, lang=lang), lang, min_score=0)) == first


def test_another_colour_only_is_no_answer():
    assert matches("colorant en poudre noir", catalog("Colorant alimentaire hydrosoluble rose", "Colorants"), "fr") == ()


# --- typos, run-together words and rare spellings ---------------------------------------------


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # two letters swapped is as likely a slip as one left out, more than one changed
        (["Salsa", "Salad"], "en", "salda", "Salad"),
        # … and before a letter added, even for a commoner word: "poirve" is poivre, not poire
        (["Poires", "Poires Williams", "Poires au sirop", "Poivre noir"], "fr", "poirve", "Poivre noir"),
        # a long word may hide two slips: a doubled letter moved
        (["Broccoli Florets", "Carrots"], "en", "brocolli", "Broccoli Florets"),
        # a plural s typed twice
        (["Carottes râpées", "Cassis"], "fr", "carottess", "Carottes râpées"),
        (["Egg Noodles, 12 oz", "Egg Whites"], "en", "egg noodless", "Egg Noodles, 12 oz"),
        # two words run together that the catalog writes apart
        (["Olives", "Olive Oil", "Sunflower Oil"], "en", "oliveoil", "Olive Oil"),
        (["Pois chiches", "Petits pois", "Petit beurre"], "fr", "petitpois", "Petits pois"),
        # … with a stop word between them
        (["Pommes", "Pommes de terre", "Terre de sel"], "fr", "pommedeterre", "Pommes de terre"),
        # a phrase of the synonym lexicon the catalog writes as one word
        (["Soy Sauce", "Silk Chocolate Soymilk", "Chocolate Chips"], "en", "chocolate soy milk",
         "Silk Chocolate Soymilk"),
        (["Soy Sauce", "Unsweetened Almondmilk", "Almond Butter"], "en", "almond milk", "Unsweetened Almondmilk"),
    ],
)  # fmt: skip
def test_typo_rules(names, lang, text, first):
    found = matches(text, catalog(*names, lang=lang), lang)
    assert first_sku(found) == first, found


def test_two_slips_only_for_long_words():
    index = catalog("Broccoli", "Carrots", lang="en").index
    assert index.typo_fixes("brocolli") == []
    assert [index.vocab[t] for t in index.typo_fixes("brocolli", edits=2)] == ["broccoli"]
    assert index.typo_fixes("carots", edits=2) == []  # six letters: one slip at most


@pytest.mark.parametrize(
    ("word", "pair"),
    [
        ("pommedeterre", ("pomme", "terre")),  # a stop word between the parts
        ("lespdt", ("pomme", "terre")),  # a stop word dropped, an abbreviation read out (« pdt »)
        ("pdtsautees", None),  # an abbreviation takes the part after it in: three terms
        ("laitentier", ("lait", "entier")),
        ("laitentiers", ("lait", "entier")),  # the part's singular
        ("laitxyzzy", None),  # a part the catalog lacks: no need to key the text
    ],
)  # fmt: skip
def test_word_splits(word, pair):
    index = catalog("Pommes de terre sautées", "Lait entier", "Lait demi-écrémé", lang="fr").index
    found = index.word_split(word)
    assert (None if found is None else tuple(index.vocab[t] for t in found)) == pair


def test_no_split_without_the_pair_in_the_catalog():
    index = catalog("Olives", "Sunflower Oil", lang="en").index
    assert index.word_split("oliveoil") is None
    assert index.word_split("ab") is None


def _filler(n: int = 1200) -> list[str]:
    """Unrelated products, so that a word held once is rare in the catalog."""
    return [f"Rice Cakes {i}" for i in range(n)]


def test_a_rare_spelling_reads_as_its_common_neighbour():
    names = ["Golden Tumeric Tahini", *(f"Ground Turmeric {i} oz" for i in range(30)), *_filler()]
    found = matches("tumeric", catalog(*names, lang="en"), "en")
    assert found and "Turmeric" in found[0].name, found


@pytest.mark.parametrize(
    ("names", "neighbour"),
    [
        # another first letter: a slip there is rare
        (["Wild Rocket Leaves", *(f"Pita Pocket {i} ct" for i in range(30))], "pocket"),
        # a word with synonyms the catalog holds is a word (rocket, arugula)
        (["Wild Rocket Leaves", "Arugula, 5 oz", *(f"Rocker Chips {i} oz" for i in range(30))], "rocker"),
    ],
)
def test_a_rare_word_is_not_read_as_its_neighbour(names, neighbour):
    from listparse.catalog.link import query_concepts

    index = catalog(*names, *_filler(), lang="en").index
    alts = index.concepts(query_concepts("rocket"))[0]
    assert neighbour not in {index.vocab[t] for a in alts for t in a.ids}


def test_a_letter_changed_in_a_word_of_five_is_another_word():
    # « carpe » is rare here and a letter from the far commoner « carré »: it stays carp
    names = ["Rillettes de carpe", *(f"Carré frais {i} g" for i in range(30)), *_filler()]
    found = matches("carpe", catalog(*names, lang="fr"), "fr", min_score=0, top_k=10)
    assert not any(m.sku.startswith("Carré") for m in found), found


def test_a_word_of_the_synonym_lexicon_is_not_read_as_its_neighbour():
    # "beer" (lexicon: « bière ») is rare here and one slip from the far commoner "beef"
    names = ["Craft Beer, 16 oz", *(f"Ground Beef {i} lb" for i in range(30)), *_filler()]
    found = matches("bottled beer", catalog(*names, lang="en"), "en", min_score=0, top_k=10)
    assert found and found[0].sku == "Craft Beer, 16 oz", found
    assert not any("Beef" in m.sku for m in found), found


def test_a_rare_word_run_together_reads_as_the_two_words():
    names = ["Peanutbutter Crunch Bar", *(f"Creamy Peanut Butter {i} oz" for i in range(30)), *_filler()]
    found = matches("peanutbutter", catalog(*names, lang="en"), "en")
    assert found and "Peanut Butter" in found[0].name, found


def test_a_rare_word_asked_for_itself_stays_first():
    names = ["Farro", *(f"Faro Island Tuna {i} oz" for i in range(30)), *_filler()]
    found = matches("farro", catalog(*names, lang="en"), "en")
    assert found and found[0].name == "Farro", found


# --- categories -----------------------------------------------------------------------------


def categorised(*rows: tuple[str, str | None], lang: str = "en") -> Catalog:
    """A catalog from (name, category) pairs (sku = the name)."""
    return Catalog.from_records({"sku": n, "name": n, "category": c, "lang": lang} for n, c in rows)


_CORN = (
    ("Tortilla Corn", "wraps"),
    *((f"Flour Tortillas, {n} count", "wraps") for n in range(6, 11)),
    *((f"Sweet Corn, {n} oz", "vegetables") for n in range(10, 22)),
)
_PANEER = (
    ("Paneer, 8 oz", "cheese"),
    ("Spinach Paneer, 16 oz", "meals"),
    ("Mattar Paneer, 10 oz", "meals"),
    ("Palak Paneer, 10 oz", "meals"),
    ("Halloumi", "cheese"),
)
_CREAM = (
    ("Vanilla Ice Cream", "frozen"),
    ("Chocolate Ice Cream", "frozen"),
    ("Strawberry Ice Cream", "frozen"),
    ("Heavy Cream Ice Cream Bars", "frozen"),
    ("Heavy Whipping Cream", "dairy"),
    ("Sour Cream", "dairy"),
)


@pytest.mark.parametrize(
    ("rows", "text", "first"),
    [
        # most paneer-named products are dishes, but a plain name tells best what paneer is
        (_PANEER, "paneer", "Paneer, 8 oz"),
        # the query's other words narrow the products down: heavy cream is no ice cream
        (_CREAM, "heavy cream", "Heavy Whipping Cream"),
    ],
)  # fmt: skip
def test_category_of_the_products_named(rows, text, first):
    assert matches(text, categorised(*rows), "en")[0].name == first


def _scores(cat: Catalog, text: str) -> dict[str, float]:
    from listparse.catalog.link import ranked_hits

    item = listparse.parse(text, lang="en").items[0]
    return {cat.names[hit.row]: score for score, hit, _ in ranked_hits(item, cat.index, lang="en")}


def test_an_entry_in_a_category_foreign_to_the_products_named_costs():
    """The products named corn are vegetables: a tortilla among wraps is not what is asked; the
    same catalog without its categories ranks as the names alone say."""
    with_categories = _scores(categorised(*_CORN), "corn")
    plain = categorised(*((name, None) for name, _ in _CORN))
    without = _scores(plain, "corn")
    assert plain.index.category_fit(plain.index.a["entry_row"], frozenset({0})) is None
    assert with_categories["Sweet Corn, 10 oz"] == pytest.approx(without["Sweet Corn, 10 oz"])
    assert with_categories["Tortilla Corn"] < without["Tortilla Corn"] - 0.05


def test_a_typo_fixed_into_a_phrase_keeps_the_other_words_as_written():
    # « de » and the accents stay: « Farine de blé » is asked, no complement is added
    cat = catalog("Farine blé T110", "Farine de blé", lang="fr")
    found = {m.sku: m.score for m in matches("Farihe de blé", cat, "fr")}
    assert found["Farine de blé"] >= found["Farine blé T110"], found


def test_a_word_of_the_synonym_lexicon_is_no_typo():
    # "soya" is not in the catalog but in synonyms.tsv: only "ssuce" is fixed, into "soya sauce"
    found = matches("soya ssuce", catalog("Soy Sauce, 10 fl oz", "Sofa Cleaner", lang="en"), "en")
    assert found and found[0].sku == "Soy Sauce, 10 fl oz" and found[0].score > 0.9, found


@pytest.mark.parametrize(
    ("text", "asked", "flavour"), [("lardons fuméd", "lardons fumés", "fumés"), ("yaourt fraisr", "yaourt fraise", "fraise")]
)
def test_a_flavour_typed_with_a_slip_is_still_asked_for(text, asked, flavour):
    from listparse.catalog import default_catalog

    exact = matches(asked, default_catalog(), "fr")
    found = matches(text, default_catalog(), "fr")
    assert found and flavour in found[0].name and found[0].score >= exact[0].score - 0.1, (found, exact)


@pytest.mark.parametrize(
    ("clean", "slip", "names", "lang"),
    [
        ("dry pasta", "dry patsa", ["Garlic Cheese Pasta, 12 oz", "Pasta Spaghetti, 16 oz", "Pastry Flour"], "en"),
        ("moutarde forte", "moutarde frote", ["Moutarde de Dijon forte", "Moutarde douce", "Forêt noire"], "fr"),
        # the words side by side as asked, read through the slip
        ("fromage de chèvre", "froomage de chèvre", ["Fromage frais pur chèvre", "Fromage de chèvre", "Yaourt nature"],
         "fr"),
    ],
)  # fmt: skip
def test_a_slip_scores_as_its_fix(clean, slip, names, lang):
    # rapidfuzz compares the names with the query's likeliest reading, not with the slip
    cat = catalog(*names, lang=lang)
    exact, found = matches(clean, cat, lang, min_score=0), matches(slip, cat, lang, min_score=0)
    assert found[0].sku == exact[0].sku and found[0].score >= exact[0].score - 0.02, (found, exact)


@pytest.mark.parametrize(
    ("synonym", "said", "names"),
    [("sweet corn", "sweetcorn", ["Organic Kettle Corn", "Whole Kernel Sweet Corn", "Whole Baby Corn"]),
     ("cola", "coke", ["Pepsi Cola", "Lemonade", "Orange Soda"])],
)  # fmt: skip
def test_a_word_the_catalog_never_writes_scores_as_its_synonym(synonym, said, names):
    # rapidfuzz compares the names with the synonym that found them, not with "sweetcorn"
    cat = catalog(*names, lang="en")
    exact, found = matches(synonym, cat, "en", min_score=0), matches(said, cat, "en", min_score=0)
    assert found[0].sku == exact[0].sku and found[0].score >= exact[0].score - 0.12, (found, exact)


def test_a_plural_e_hidden_by_a_slip():
    found = matches("baking potaotes", catalog("Russet Potatoes, 5 lb", "Baking Soda", lang="en"), "en")
    assert found and found[0].sku == "Russet Potatoes, 5 lb", found


@pytest.mark.parametrize(
    ("slip", "names", "lang", "first"),
    [
        # the cut word read through its slip still names the basil as the product
        ("basil leavds", ["Stuffed Grape Leaves, 8 oz", "Basil, 0.53 oz"], "en", "Basil, 0.53 oz"),
        # a slip's fixes as likely as the first are tried for a synonym phrase: « végétale »
        ("crème végétalz", ["Crème fraîche épaisse", "Cuisine végétale soja", "Steak végétal"], "fr",
         "Cuisine végétale soja"),
        # a word of five letters as typed is fixed on its own, though its singular has four
        ("oekfs", ["Oeufs frais x6", "Okra"], "fr", "Oeufs frais x6"),
        # a slip of a word only the lexicon knows: "caster sugar" is sold as granulated sugar
        ("cqster sugar", ["Brown Sugar, 2 lb", "Granulated Sugar, 4 lb"], "en", "Granulated Sugar, 4 lb"),
        # the commonest slip of a word with synonyms brings them: « cacao » is cocoa
        ("organic caco powder", ["Garlic Powder", "Unsweetened Cocoa Powder", "Cacao Nibs"], "en",
         "Unsweetened Cocoa Powder"),
        # one slip to a word the lexicon knows too brings its synonyms: sultanas are raisins
        ("sultabas", ["Sultana Bran Cereal", "Sun-Dried Raisins, 12 oz"], "en", "Sun-Dried Raisins, 12 oz"),
        # a label word read through its slip weighs little, as the word itself
        ("coear honey", ["Clover Honey, 16 oz", "Clear Glass Jar"], "en", "Clover Honey, 16 oz"),
    ],
)  # fmt: skip
def test_a_query_is_read_through_its_slips(slip, names, lang, first):
    found = matches(slip, catalog(*names, lang=lang), lang)
    assert found and found[0].sku == first, found


def test_a_name_headed_by_the_cut_without_the_product_ranks_after_the_product():
    cat = catalog("Feuilles de riz", "Feuilles de brick", "Basilic frais en pot", lang="fr")
    found = matches("feuillse de basilic", cat, "fr", min_score=0)
    assert found and found[0].sku == "Basilic frais en pot", found


@pytest.mark.parametrize(
    ("text", "lang", "name", "other"),
    [
        # a class asked as the kind is held by any of its kinds (kinds.tsv)
        ("vegetable samosas", "en", "Potato & Pea Samosas", False),
        ("vegetable samosas", "en", "Beef Samosas", True),
        ("fish tacos", "en", "Cod Tacos", False),
        ("fish tacos", "en", "Chicken Tacos", True),
    ],
)
def test_a_class_asked_as_the_kind_is_held_by_its_kinds(text, lang, name, other):
    from listparse.catalog.link import _NameChecks

    names = ("Potato & Pea Samosas", "Beef Samosas", "Cod Tacos", "Chicken Tacos", "Fish Sticks")
    index = catalog(*names, lang=lang).index
    assert _NameChecks(text, lang, index).other_kind(name, None, lang) is other


def _branded(rows: list[tuple[str, str]], lang: str = "en") -> Catalog:
    """A catalog from (name, brand) pairs."""
    return Catalog.from_records({"sku": n, "name": n, "brand": b, "lang": lang} for n, b in rows)


_KIND_BARS = [(f"KIND {n} Bar", "KIND") for n in ("Almond", "Peanut Butter", "Caramel Nut", "Oat", "Honey")]


@pytest.mark.parametrize(
    ("rows", "text", "first"),
    [
        # a name of a brand selling one product, giving the fruit in the singular, names that
        # product: a cherry bar, not cherries
        ([("KIND Dark Cherry", "KIND"), *_KIND_BARS], "cherries", None),
        ([("KIND Dark Cherry", "KIND"), ("Dried Cherries", "Sun Farm"), *_KIND_BARS], "cherries", "Dried Cherries"),
        # … not a name giving the fruit as the product, in the plural
        ([("Hunt's Peeled Plum Tomatoes", "Hunt's"), *[(f"Hunt's {n} Sauce", "Hunt's") for n in ("Tomato", "Pasta",
          "Pizza", "Barbecue", "Meatloaf")]], "plum tomatoes", "Hunt's Peeled Plum Tomatoes"),
        # … nor a cut of the fruit ("Pineapple Chunks")
        ([("Dole Pineapple Chunks", "Dole"), *[(f"Dole {n} Fruit Bowl", "Dole") for n in ("Peach", "Mango", "Cherry",
          "Mixed", "Pear")]], "pineapple", "Dole Pineapple Chunks"),
        # … nor one of a brand selling many products
        ([("Farm Cherry", "Farm"), *[(f"Farm {n}", "Farm") for n in ("Almond Bar", "Peanut Cookies", "Oat Milk",
          "Honey Cereal", "Caramel Sauce")]], "cherries", "Farm Cherry"),
    ],
)  # fmt: skip
def test_a_fruit_named_by_a_brand_of_one_product_is_that_product(rows, text, first):
    assert first_sku(matches(text, _branded(rows), "en")) == first


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a form the catalog seldom writes with its product weighs little: basil is sold as basil
        (["Basilic", "Basilic surgelé", "Feuilles de brick", "Pesto"], "fr", "15 g de feuilles de basilic", "Basilic"),
        (["Organic Basil", "Basil Pesto", "Grape Leaves"], "en", "20 g basil leaves", "Organic Basil"),
        # … but not a cut that is a product of its own (cut_classes.tsv): curry leaves are no curry
        (["Curry Powder", "Curry Sauce", "Organic Basil"], "en", "curry leaves", None),
        (["Curry Powder", "Curry Sauce", "Organic Basil"], "en", "10 curry leaves", None),
        # a unit naming a form no name writes is left out: corn, not the "ears" nobody sells
        (["Sweet Corn", "Whole Kernel Corn", "Corn Tortillas"], "en", "3 ears of corn", "Sweet Corn"),
        (["Organic Thyme", "Thyme Honey"], "en", "2 sprigs of thyme", "Organic Thyme"),
    ],
)  # fmt: skip
def test_a_form_the_catalog_seldom_writes_weighs_little(names, lang, text, first):
    assert first_sku(matches(text, catalog(*names, lang=lang), lang)) == first


_HONEYS = [f"Miel {x}" for x in ("liquide", "crémeux", "de fleurs", "d'acacia", "de lavande", "de montagne", "bio")]


@pytest.mark.parametrize(
    ("names", "lang", "text", "first"),
    [
        # a word the parser took out (a unit, a note) weighs little however rare it is
        (["Miel", *_HONEYS, "Envie de fraise"], "fr", "1 c. à café de miel (selon votre envie)", "Miel"),
        # a one-word synonym that spells the query's word otherwise covers it in full
        (["Plain Yogurt", "Pumpkin Yoghurt", "Vanilla Yoghurt"], "en", "yoghurt", "Plain Yogurt"),
        # meat is asked raw when the query names no state (default_states.tsv), of a cut too
        (["Cuisses de canard confites", "Cuisses de canard fermières"], "fr", "cuisses de canard",
         "Cuisses de canard fermières"),
        (["Breaded Chicken Breast", "Chicken Breast, Boneless Skinless"], "en", "chicken breast",
         "Chicken Breast, Boneless Skinless"),
        # Maïzena is sold as « fleur de maïs » (synonyms.tsv)
        (["Fleur de Maïs", "Farine de blé", "Sucre glace"], "fr", "maïzena", "Fleur de Maïs"),
        # the flavour asked with another one is a blend, after the flavour alone
        (["Blackberry Raspberry Jam", "Red Raspberry Jam"], "en", "raspberry jam", "Red Raspberry Jam"),
        (["Confiture fraise rhubarbe", "Confiture de fraises extra"], "fr", "confiture de fraises",
         "Confiture de fraises extra"),
        # a colour asked is no flavour: a flavour the query does not ask still costs
        (["White Chocolate With Strawberries", "Baking Bar White Chocolate"], "en", "white chocolate",
         "Baking Bar White Chocolate"),
    ],
)  # fmt: skip
def test_what_the_query_does_not_say_weighs_little(names, lang, text, first):
    assert first_sku(matches(text, catalog(*names, lang=lang), lang)) == first
