"""Language: detected on the whole text when not given; an explicit language wins; a text with
no evidence falls back to ParseOptions.default_lang."""

from __future__ import annotations

import pytest

import listparse
from listparse import ParseOptions

FRENCH = [
    "deux litres de lait et trois baguettes",
    "il me faut du beurre et des œufs",
    "ajoute des pommes à la liste de courses",
    "1 kg de pommes de terre\n2 bouteilles d'eau\n1 paquet de café",
    "une douzaine d'œufs",
    "Courses :\n- lait\n- pain\n- fromage de chèvre",
    "euh je voudrais cinq cents grammes de farine",
]

ENGLISH = [
    "two liters of milk and three baguettes",
    "add milk to my grocery list",
    "i need 2 bottles of milk",
    "1 lb ground beef\n2 cans of tomatoes\n1 loaf of bread",
    "a dozen eggs and some butter",
    "Shopping list:\n- milk\n- bread\n- peanut butter",
    "um can you add a pound of apples to my shopping list",
]


@pytest.mark.parametrize("text", FRENCH)
def test_detects_french(text):
    assert listparse.parse(text).lang == "fr"


@pytest.mark.parametrize("text", ENGLISH)
def test_detects_english(text):
    assert listparse.parse(text).lang == "en"


@pytest.mark.parametrize("text", FRENCH[:3])
def test_explicit_language_wins_fr_text(text):
    assert listparse.parse(text, lang="en").lang == "en"
    assert listparse.parse(text, lang="fr").lang == "fr"


@pytest.mark.parametrize("text", ENGLISH[:3])
def test_explicit_language_wins_en_text(text):
    assert listparse.parse(text, lang="fr").lang == "fr"
    assert listparse.parse(text, lang="en").lang == "en"


def test_explicit_language_changes_the_reading():
    # « 1,500 » is 1.5 in French and fifteen hundred in English
    assert listparse.parse("1,500 kg", lang="fr").items[0].quantity == 1.5
    assert listparse.parse("1,500 kg", lang="en").items[0].quantity == 1500


@pytest.mark.parametrize("word", ["zzz", "xylq", "Qwop", "42"])
@pytest.mark.parametrize("default", ["fr", "en"])
def test_unknown_short_text_falls_back_to_default(word, default):
    assert listparse.parse(word, options=ParseOptions(default_lang=default)).lang == default


@pytest.mark.parametrize("default", ["fr", "en"])
def test_empty_text_uses_default(default):
    assert listparse.parse("", options=ParseOptions(default_lang=default)).lang == default


def test_default_language_is_french():
    assert ParseOptions().default_lang == "fr"
    assert listparse.parse("zzz").lang == "fr"


def test_evidence_beats_default():
    assert listparse.parse("deux litres de lait", options=ParseOptions(default_lang="en")).lang == "fr"
    assert listparse.parse("two bottles of milk", options=ParseOptions(default_lang="fr")).lang == "en"


def test_unsupported_language():
    with pytest.raises(listparse.UnsupportedLanguageError) as info:
        listparse.parse("milk", lang="de")
    assert isinstance(info.value, listparse.ListparseError)
    assert "de" in str(info.value)
