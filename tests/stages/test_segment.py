"""Stage 5, segment: written lists into chunks (lines, bullets, commas, semicolons, headings),
and the items that come out of them, « et » / "and" between items included."""

from __future__ import annotations

import pytest
from conftest import chunks, names

# (text, lang, expected chunks)
CHUNKS = [
    # one item per line, blank lines ignored
    ("lait\npain\nbeurre", "fr", ["lait", "pain", "beurre"]),
    ("milk\nbread\nbutter", "en", ["milk", "bread", "butter"]),
    ("lait\n\n\npain\n   \nbeurre\n", "fr", ["lait", "pain", "beurre"]),
    ("\n\nmilk\n\n\nbread\n\n", "en", ["milk", "bread"]),
    ("lait\r\npain", "fr", ["lait", "pain"]),
    # bullets
    ("- lait\n- pain", "fr", ["lait", "pain"]),
    ("* milk\n* bread", "en", ["milk", "bread"]),
    ("• lait\n• pain", "fr", ["lait", "pain"]),
    ("• milk\n• bread", "en", ["milk", "bread"]),
    ("1. lait\n2. pain", "fr", ["lait", "pain"]),
    ("1. milk\n2. bread", "en", ["milk", "bread"]),
    ("1) lait\n2) pain", "fr", ["lait", "pain"]),
    ("1) milk\n2) bread", "en", ["milk", "bread"]),
    # commas and semicolons
    ("lait, pain, beurre", "fr", ["lait", "pain", "beurre"]),
    ("milk, bread, butter", "en", ["milk", "bread", "butter"]),
    ("lait; pain; beurre", "fr", ["lait", "pain", "beurre"]),
    ("milk; bread; butter", "en", ["milk", "bread", "butter"]),
    ("2 kg de pommes, 1 l de lait", "fr", ["2 kg de pommes", "1 l de lait"]),
    ("2 lb apples, 1 gallon milk", "en", ["2 lb apples", "1 gallon milk"]),
    # headings
    ("Courses :\nlait\npain", "fr", ["lait", "pain"]),
    ("Liste de courses\n- lait\n- pain", "fr", ["lait", "pain"]),
    ("Shopping list\nmilk\nbread", "en", ["milk", "bread"]),
    ("Shopping list:\n- milk\n- bread", "en", ["milk", "bread"]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CHUNKS)
def test_chunks(text, lang, expected):
    assert chunks(text, lang) == expected


# (text, lang, expected item names)
LISTS = [
    ("lait\npain\nbeurre", "fr", ["lait", "pain", "beurre"]),
    ("milk\nbread\nbutter", "en", ["milk", "bread", "butter"]),
    ("2 kg de pommes\n\n1 l de lait\n\n", "fr", ["pommes", "lait"]),
    ("2 lb apples\n\n1 gallon milk\n", "en", ["apples", "milk"]),
    ("- 2 kg de pommes\n- 1 l de lait", "fr", ["pommes", "lait"]),
    ("- 2 lb apples\n- 1 gallon milk", "en", ["apples", "milk"]),
    ("* 6 œufs\n* 1 baguette", "fr", ["œufs", "baguette"]),
    ("* 6 eggs\n* 1 baguette", "en", ["eggs", "baguette"]),
    ("• du lait\n• du pain", "fr", ["lait", "pain"]),
    ("• some milk\n• bread", "en", ["milk", "bread"]),
    ("1. 2 kg de pommes\n2. 1 l de lait", "fr", ["pommes", "lait"]),
    ("1. 2 lb apples\n2. 1 gallon milk", "en", ["apples", "milk"]),
    ("1) 3 citrons\n2) 500 g de farine", "fr", ["citrons", "farine"]),
    ("1) 3 lemons\n2) 500 g flour", "en", ["lemons", "flour"]),
    ("lait, pain, beurre", "fr", ["lait", "pain", "beurre"]),
    ("milk, bread, butter", "en", ["milk", "bread", "butter"]),
    ("2 kg de pommes, 1 l de lait, 6 œufs", "fr", ["pommes", "lait", "œufs"]),
    ("2 lb apples, 1 gallon milk, 6 eggs", "en", ["apples", "milk", "eggs"]),
    # one amount in a comma-joined list: the other parts are items too, unless the amount opens
    # a recipe line whose other parts read as its note
    ("lait, 2 oeufs, pain", "fr", ["lait", "oeufs", "pain"]),
    ("milk, bread, 2 eggs, butter", "en", ["milk", "bread", "eggs", "butter"]),
    ("2 oeufs, pain, beurre", "fr", ["oeufs", "pain", "beurre"]),
    ("2 eggs, bread, milk", "en", ["eggs", "bread", "milk"]),
    ("milk, 2% milk, eggs", "en", ["milk", "2% milk", "eggs"]),
    ("1 onion, peeled, chopped", "en", ["onion"]),
    ("½ pound large, whole shrimp, unshelled", "en", ["whole shrimp"]),
    ("lait; pain; beurre", "fr", ["lait", "pain", "beurre"]),
    ("milk; bread; butter", "en", ["milk", "bread", "butter"]),
    ("2 kg de pommes; 1 l de lait", "fr", ["pommes", "lait"]),
    ("2 lb apples; 1 gallon milk", "en", ["apples", "milk"]),
    # « et » / "and" between items
    ("du lait et du pain", "fr", ["lait", "pain"]),
    ("2 kg de pommes et 1 l de lait", "fr", ["pommes", "lait"]),
    ("lait, pain et beurre", "fr", ["lait", "pain", "beurre"]),
    ("sel et poivre", "fr", ["sel", "poivre"]),
    ("milk and bread", "en", ["milk", "bread"]),
    ("2 apples and 3 pears", "en", ["apples", "pears"]),
    ("milk, bread and butter", "en", ["milk", "bread", "butter"]),
    ("salt and pepper", "en", ["salt", "pepper"]),
    # headings are not items
    ("Courses :\nlait\npain", "fr", ["lait", "pain"]),
    ("Liste de courses\n\n- 2 kg de pommes\n- 1 l de lait", "fr", ["pommes", "lait"]),
    ("Shopping list\nmilk\nbread", "en", ["milk", "bread"]),
    ("Shopping list:\n\n- 2 lb apples\n- 1 gallon milk", "en", ["apples", "milk"]),
    # an aisle name is a heading when items follow it, else an item
    ("Dairy\nmilk\nbutter", "en", ["milk", "butter"]),
    ("Boissons\n- eau\n- jus d'orange", "fr", ["eau", "jus d'orange"]),
    ("meat", "en", ["meat"]),
    ("I need meat", "en", ["meat"]),
    ("boissons", "fr", ["boissons"]),
    ("du lait\nsurgelés", "fr", ["lait", "surgelés"]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), LISTS)
def test_items_of_written_lists(text, lang, expected):
    assert names(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [("Courses :", "fr"), ("Shopping list", "en"), ("\n\n", "fr"), ("- \n* ", "en")])
def test_heading_or_blank_only_gives_nothing(text, lang):
    assert chunks(text, lang) == []
    assert names(text, lang) == []
