"""English golden tables: transcripts, chat commands, units, containers, names, modifiers, notes
and alternatives. Each row: (text, name, quantity, quantity_max, unit, size or None)."""

from __future__ import annotations


import pytest
from conftest import check_conversion, check_item, check_list, check_modifiers, check_note, describe, one

LANG = "en"

# --- speech transcripts, no punctuation: (text, [(name, quantity, quantity_max, unit, size)])
SPEECH = [
    (
        "two liters of milk and three baguettes",
        [("milk", 2, None, "liter", None), ("baguettes", 3, None, None, None)],
    ),
    ("two lemons then six eggs", [("lemons", 2, None, None, None), ("eggs", 6, None, None, None)]),
    # qualifiers joined by "and" qualify one product; an article after "from" or "in" opens no item
    ("skinless and boneless salmon", [("skinless and boneless salmon", None, None, None, None)]),
    ("salt and pepper", [("salt", None, None, None, None), ("pepper", None, None, None, None)]),
    ("ginger from a jar", [("ginger from a jar", None, None, None, None)]),
    ("ice cream in a box", [("ice cream in a box", None, None, None, None)]),
    ("1 onion chopped and 2 cloves garlic", [("onion", 1, None, None, None), ("garlic", 2, None, "clove", None)]),
    ("a pound of butter plus two lemons", [("butter", 1, None, "pound", None), ("lemons", 2, None, None, None)]),
    ("a bag of flour also six eggs", [("flour", 1, None, "bag", None), ("eggs", 6, None, None, None)]),
    (
        "two bottles of milk three lemons a loaf of bread",
        [("milk", 2, None, "bottle", None), ("lemons", 3, None, None, None), ("bread", 1, None, "loaf", None)],
    ),
    (
        "two liters of milk three baguettes some butter",
        [("milk", 2, None, "liter", None), ("baguettes", 3, None, None, None), ("butter", None, None, None, None)],
    ),
    ("two lemons a bag of rice", [("lemons", 2, None, None, None), ("rice", 1, None, "bag", None)]),
    ("milk then eggs", [("milk", None, None, None, None), ("eggs", None, None, None, None)]),
    ("bread also butter plus eggs", [("bread", None, None, None, None), ("butter", None, None, None, None), ("eggs", None, None, None, None)]),
    (
        "i need two cans of tomatoes and then a bag of rice",
        [("tomatoes", 2, None, "can", None), ("rice", 1, None, "bag", None)],
    ),
    (
        "um a dozen eggs and uh two pounds of apples",
        [("eggs", 12, None, None, None), ("apples", 2, None, "pound", None)],
    ),
    (
        "one and a half cups of sugar then half a cup of milk",
        [("sugar", "3/2", None, "cup", None), ("milk", "1/2", None, "cup", None)],
    ),
    (
        "a hundred and fifty grams of flour and twenty-five grams of butter also a pinch of salt",
        [("flour", 150, None, "gram", None), ("butter", 25, None, "gram", None), ("salt", 1, None, "pinch", None)],
    ),
    (
        "three lemons and also two pints of milk plus a jar of honey",
        [("lemons", 3, None, None, None), ("milk", 2, None, "pint", None), ("honey", 1, None, "jar", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEECH)
def test_speech(text, expected):
    check_list(text, LANG, expected)


# --- chat commands: the items are the products, never the list
COMMANDS = [
    ("add milk to my grocery list", "milk", None, None, None, None),
    ("add milk to my shopping list", "milk", None, None, None, None),
    ("add apples to the list", "apples", None, None, None, None),
    ("i need 2 bottles of milk", "milk", 2, None, "bottle", None),
    ("put eggs on my shopping list", "eggs", None, None, None, None),
    ("can you add a loaf of bread to the shopping list", "bread", 1, None, "loaf", None),
    ("add 3 lemons to the list", "lemons", 3, None, None, None),
    ("please add butter to my list", "butter", None, None, None, None),
    ("get me a dozen eggs", "eggs", 12, None, None, None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), COMMANDS)
def test_commands(text, name, quantity, quantity_max, unit, size):
    item = one(text, LANG)
    check_item(item, name, quantity, quantity_max, unit, size)
    assert "list" not in item.name.lower()


# --- units
UNITS = [
    ("250 mg saffron", "saffron", 250, None, "milligram", None),
    ("500 g flour", "flour", 500, None, "gram", None),
    ("500 grams of flour", "flour", 500, None, "gram", None),
    ("2 kg potatoes", "potatoes", 2, None, "kilogram", None),
    ("2 kilos of potatoes", "potatoes", 2, None, "kilogram", None),
    ("500 ml cream", "cream", 500, None, "milliliter", None),
    ("33 cl beer", "beer", 33, None, "centiliter", None),
    ("2 dl milk", "milk", 2, None, "deciliter", None),
    ("1 l milk", "milk", 1, None, "liter", None),
    ("1 L milk", "milk", 1, None, "liter", None),
    ("2 litres of water", "water", 2, None, "liter", None),
    ("8 oz cheddar", "cheddar", 8, None, "ounce", None),
    # a second, smaller unit of the same measure adds to the first (or, after "minus", takes from it)
    ("2lb 4oz butternut squash", "butternut squash", "9/4", None, "pound", None),
    ("1 cup plus 2 tablespoons flour", "flour", "9/8", None, "cup", None),
    ("2 cups minus 2 tablespoons flour", "flour", "15/8", None, "cup", None),
    ("1 cup 2% milk", "2% milk", 1, None, "cup", None),
    ("2 lb ground beef", "ground beef", 2, None, "pound", None),
    ("2 lbs ground beef", "ground beef", 2, None, "pound", None),
    ("2 pounds of ground beef", "ground beef", 2, None, "pound", None),
    ("12 fl oz orange juice", "orange juice", 12, None, "fluid_ounce", None),
    ("1 cup sugar", "sugar", 1, None, "cup", None),
    ("2 cups of flour", "flour", 2, None, "cup", None),
    ("1 tbsp olive oil", "olive oil", 1, None, "tablespoon", None),
    ("2 tablespoons butter", "butter", 2, None, "tablespoon", None),
    ("1 tsp salt", "salt", 1, None, "teaspoon", None),
    ("2 teaspoons of cinnamon", "cinnamon", 2, None, "teaspoon", None),
    ("1 pint cream", "cream", 1, None, "pint", None),
    ("2 pints of milk", "milk", 2, None, "pint", None),
    ("1 quart milk", "milk", 1, None, "quart", None),
    ("1 gallon milk", "milk", 1, None, "gallon", None),
    ("a pinch of salt", "salt", 1, None, "pinch", None),
    ("a glass of wine", "wine", 1, None, "glass", None),
    # a unit word of six letters or more typed with a slip, right after a number
    ("1 tabelspoon cocoa powder", "cocoa powder", 1, None, "tablespoon", None),
    ("2 ponuds of apples", "apples", 2, None, "pound", None),
    ("2 teaspon salt", "salt", 2, None, "teaspoon", None),
    ("8 spring onions", "spring onions", 8, None, None, None),  # a word of a product is no slip ("sprig")
    ("2 tbps sugar", "tbps sugar", 2, None, None, None),  # too short to tell
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), UNITS)
def test_units(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


# --- conversions: (text, target unit, expected magnitude)
CONVERSIONS = [
    ("2 lb ground beef", "ounce", 32),
    ("1 lb butter", "gram", "45359237/100000"),
    ("1 gallon milk", "quart", 4),
    ("1 quart milk", "pint", 2),
    ("1 pint cream", "cup", 2),
    ("1 cup sugar", "tablespoon", 16),
    ("1 tbsp olive oil", "teaspoon", 3),
    ("2 kg potatoes", "gram", 2000),
    ("500 ml cream", "liter", "1/2"),
    ("1 (14 ounce) can sweetened condensed milk", "ounce", 14),
    ("2 (14 ounce) cans sweetened condensed milk", "ounce", 28),
    ("a 5 lb bag of flour", "pound", 5),
    ("2 x 400 g cans chopped tomatoes", "gram", 800),
]


@pytest.mark.parametrize(("text", "unit", "magnitude"), CONVERSIONS)
def test_conversion(text, unit, magnitude):
    check_conversion(text, LANG, unit, magnitude)


# --- containers and count units
CONTAINERS = [
    ("1 pack of pasta", "pasta", 1, None, "pack", None),
    ("2 packs of pasta", "pasta", 2, None, "pack", None),
    ("3 bottles of wine", "wine", 3, None, "bottle", None),
    ("a bottle of olive oil", "olive oil", 1, None, "bottle", None),
    ("2 cans of tuna", "tuna", 2, None, "can", None),
    ("2 tins of tomatoes", "tomatoes", 2, None, "can", None),
    ("1 box of cereal", "cereal", 1, None, "box", None),
    ("2 boxes of cereal", "cereal", 2, None, "box", None),
    ("1 sachet of yeast", "yeast", 1, None, "sachet", None),
    ("1 pot of yogurt", "yogurt", 1, None, "pot", None),
    ("1 tray of strawberries", "strawberries", 1, None, "tray", None),
    ("2 trays of strawberries", "strawberries", 2, None, "tray", None),
    ("1 carton of orange juice", "orange juice", 1, None, "carton", None),
    ("a bunch of radishes", "radishes", 1, None, "bunch", None),
    ("2 bunches of radishes", "radishes", 2, None, "bunch", None),
    ("4 slices of ham", "ham", 4, None, "slice", None),
    ("2 cloves of garlic", "garlic", 2, None, "clove", None),
    ("2 garlic cloves", "garlic", 2, None, "clove", None),
    ("a head of lettuce", "lettuce", 1, None, "head", None),
    ("2 rolls of paper towels", "paper towels", 2, None, "roll", None),
    ("a roll of aluminum foil", "aluminum foil", 1, None, "roll", None),
    ("a case of beer", "beer", 1, None, "pack", None),
    ("2 cases of water", "water", 2, None, "pack", None),
    ("phone case", "phone case", None, None, None, None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), CONTAINERS)
def test_containers(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


@pytest.mark.parametrize(
    ("text", "name"),
    [("a pack of 6 beers", "beers"), ("a 6 pack of beer", "beer"), ("a six-pack of beer", "beer")],
)
def test_pack_of_six(text, name):
    # one pack holding six, not six packs
    item = one(text, LANG)
    check_item(item, name, 1, None, "pack", None)
    assert item.inner_count == 6


# --- nested sizes: the container is the unit, its content the size
NESTED = [
    ("1 (14 ounce) can sweetened condensed milk", "sweetened condensed milk", 1, None, "can", (14, "ounce")),
    ("2 (14 ounce) cans sweetened condensed milk", "sweetened condensed milk", 2, None, "can", (14, "ounce")),
    ("a 5 lb bag of flour", "flour", 1, None, "bag", (5, "pound")),
    ("2 x 400 g cans chopped tomatoes", None, 2, None, "can", (400, "gram")),
    ("a pack of 6 bottles of water", "water", 1, None, "pack", None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), NESTED)
def test_nested_sizes(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


def test_pack_of_bottles_inner_count():
    item = one("a pack of 6 bottles of water", LANG)
    assert (item.inner_count, item.inner_unit) == (6, "bottle")


# --- names: determiners removed, meaningful words kept
NAMES = [
    ("the milk", "milk", None, None, None, None),
    ("a lemon", "lemon", 1, None, None, None),
    ("an onion", "onion", 1, None, None, None),
    ("1 cup of milk", "milk", 1, None, "cup", None),
    ("2 cups all-purpose flour", "all-purpose flour", 2, None, "cup", None),
    ("2 cups of all-purpose flour", "all-purpose flour", 2, None, "cup", None),
    ("all-purpose flour", "all-purpose flour", None, None, None, None),
    ("2 lbs of ground beef", "ground beef", 2, None, "pound", None),
    ("a jar of peanut butter", "peanut butter", 1, None, "jar", None),
    # after words that only describe (adjectives.txt), a comma does not end the name
    ("400g raw, peeled tiger prawns, deveined", "raw tiger prawns", 400, None, "gram", None),
    ("2 bunches young, tender chard", "young tender chard", 2, None, "bunch", None),
    # a number after a designation word names the product (designations.txt)
    ("diapers size 4", "diapers size 4", None, None, None, None),
    ("2 packs of diapers size 3", "diapers size 3", 2, None, "pack", None),
    ("baby food stage 2", "baby food stage 2", None, None, None, None),
    ("eggs 12", "eggs", 12, None, None, None),
    # a rate before the name names the product ("2% milk"), it is no amount
    ("2% milk", "2% milk", None, None, None, None),
    ("2 gallons of 2% milk", "2% milk", 2, None, "gallon", None),
    # a number counting the kinds a singular name is made of names the product
    ("Four Cheese Pizza", "Four Cheese Pizza", None, None, None, None),
    ("7 grain bread", "7 grain bread", None, None, None, None),
    ("2 three bean salad", "three bean salad", 2, None, None, None),
    ("2 cheese pizzas", "cheese pizzas", 2, None, None, None),
    ("4 cheese", "cheese", 4, None, None, None),
    ("85% lean ground beef", "85% lean ground beef", None, None, None, None),
    # an amount in parentheses after a name with none is its amount; after an amount, the first wins
    ("sugar (2 cups)", "sugar", 2, None, "cup", None),
    ("milk (2)", "milk", 2, None, None, None),
    ("eggs (x12)", "eggs", 12, None, None, None),
    ("1 tbsp (15 ml) oil", "oil", 1, None, "tablespoon", None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "quantity_max", "unit", "size"), NAMES)
def test_names(text, name, quantity, quantity_max, unit, size):
    check_item(one(text, LANG), name, quantity, quantity_max, unit, size)


@pytest.mark.parametrize(("text", "name"), [("some bread", "bread"), ("some fresh bread", "fresh bread")])
def test_some_is_not_part_of_the_name(text, name):
    item = one(text, LANG)
    assert item.name == name
    assert item.quantity is None


# --- modifiers: (text, product word in the name, tag, size word that must leave the name)
MODIFIERS = [
    ("1 gallon organic milk", "milk", "organic", None),
    ("organic apples", "apples", "organic", None),
    ("fresh basil", "basil", "fresh", None),
    ("a bag of frozen peas", "peas", "frozen", None),
    ("gluten-free pasta", "pasta", "gluten_free", None),
    ("3 large onions", "onions", "large", "large"),
    ("2 small leeks", "leeks", "small", "small"),
    ("1 big zucchini", "zucchini", "large", "big"),
]


@pytest.mark.parametrize(("text", "product", "tag", "size_word"), MODIFIERS)
def test_modifiers(text, product, tag, size_word):
    check_modifiers(text, LANG, product, tag, size_word)


# --- notes after a comma or in parentheses
NOTES = [
    ("tomatoes (for the salad)", "tomatoes", None, "for the salad"),
    ("2 lemons, very ripe", "lemons", 2, "very ripe"),
    ("1 baguette, well done", "baguette", 1, "well done"),
    ("500 g flour (bread flour if possible)", "flour", 500, "bread flour if possible"),
    ("cream cheese e.g. Philadelphia", "cream cheese", None, "e.g. Philadelphia"),
    ("hard cheese for example cheddar", "hard cheese", None, "for example cheddar"),
    # the product's weight after its name, with the words that lead it (amount_leads.txt, approx.txt)
    ("2 pork chops weighing 1 lb", "pork chops", 2, "weighing 1 lb"),
    ("2 flank steaks totaling about 2½ pounds", "flank steaks", 2, "totaling about 2 ½ pounds"),
    ("1 pumpkin approximately 2 kg", "pumpkin", 1, "approximately 2 kg"),
    ("1 chicken of at least 2 kg", "chicken", 1, "of at least 2 kg"),
]


# --- « / » between a preparation and another word joins two products; between preparations, one note
SLASHES = [
    ("whipped/sour cream", "whipped/sour cream", None, None),
    ("2 cups chopped/sliced carrots", "carrots", 2, "chopped/sliced"),
]


# --- where to buy it becomes the note only when a place is named (places.tsv)
PLACES = [
    ("sweet potato pie from a local bakery", "sweet potato pie", None, "from a local bakery"),
    ("2 steaks from the butcher's", "steaks", 2, "from the butcher's"),
    ("eggs at the farmers market", "eggs", None, "at the farmers market"),
    ("milk from Costco", "milk", None, "from Costco"),
    ("2 tablespoons brine from the capers", "brine from the capers", 2, None),
    ("giblets from the guinea fowl", "giblets from the guinea fowl", None, None),
]


@pytest.mark.parametrize(("text", "name", "quantity", "note"), NOTES + SLASHES + PLACES)
def test_notes(text, name, quantity, note):
    check_note(text, LANG, name, quantity, note)


# --- alternatives: English keeps the whole phrase and lists the others
ALTERNATIVES = [
    ("butter or margarine", "butter"),
    ("200 g butter or margarine", "butter"),
    ("2 tbsp butter or margarine", "butter"),
]


@pytest.mark.parametrize(("text", "start"), ALTERNATIVES)
def test_alternatives(text, start):
    item = one(text, LANG)
    assert item.name.startswith(start), describe(item)
    assert "margarine" in item.alternatives
