"""Bad and hostile input: nothing to parse, wrong types, too large, garbage, emoji, control
characters, right-to-left scripts, mixed languages — plus property tests on random text."""

from __future__ import annotations

import functools
import math
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listparse
from listparse import ParseOptions


def check_result(text: str, result: listparse.ShoppingList) -> None:
    """The invariants every result holds, whatever the input."""
    assert result.lang in ("fr", "en")
    previous_start = 0
    for item in result.items:
        start, end = item.span
        assert 0 <= start <= end <= len(text), (item.span, len(text))
        assert start >= previous_start, "spans out of order"
        previous_start = start
        assert text[start:end] == item.text
        assert 0.0 <= item.confidence <= 1.0
        for value in (item.quantity, item.quantity_max):
            assert value is None or math.isfinite(float(value))
        if item.size is not None:
            assert math.isfinite(float(item.size.quantity))


# --- nothing to parse --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "   \n\t  \n", "\n\n\n", "\u00a0\u2003", "\x00\u200b"])
@pytest.mark.parametrize("lang", [None, "fr", "en"])
def test_empty_or_blank_gives_no_items(text, lang):
    assert listparse.parse(text, lang=lang).items == ()


@pytest.mark.parametrize(
    ("text", "text_lang"),
    [
        ("euh", "fr"),
        ("euh hum bah", "fr"),
        ("euh\n\nhum\n", "fr"),
        ("euh... bah, hum", "fr"),
        ("um uh", "en"),
        ("um, uh... like", "en"),
        ("uh\n\num\n", "en"),
    ],
)
@pytest.mark.parametrize("lang", ["detect", "same"])
def test_filler_only_gives_no_items(text, text_lang, lang):
    result = listparse.parse(text, lang=None if lang == "detect" else text_lang)
    assert result.items == ()


# --- wrong types -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, b"2 kg de pommes", bytearray(b"milk"), 42, 4.2, ["lait"], {"text": "milk"}])
def test_non_str_raises_type_error(value):
    with pytest.raises(TypeError) as info:
        listparse.parse(value)
    message = str(info.value)
    assert "str" in message
    assert type(value).__name__ in message


def test_bytes_message_suggests_decoding():
    with pytest.raises(TypeError, match="decode"):
        listparse.parse(b"milk")


def test_explain_checks_types_too():
    with pytest.raises(TypeError):
        listparse.explain(None)


# --- too large ---------------------------------------------------------------------------------


def test_input_over_max_chars():
    options = ParseOptions(max_chars=100)
    with pytest.raises(listparse.InputTooLargeError) as info:
        listparse.parse("lait " * 30, options=options)
    assert isinstance(info.value, listparse.ListparseError)
    assert isinstance(info.value, ValueError)
    assert "100" in str(info.value)
    assert info.value.limit == 100
    assert info.value.size == 150


def test_input_at_max_chars_is_accepted():
    options = ParseOptions(max_chars=10)
    text = "2 citrons."
    assert len(text) == options.max_chars
    assert listparse.parse(text, options=options).items[0].name == "citrons"


def test_default_limit_message_states_the_limit():
    limit = ParseOptions().max_chars
    with pytest.raises(listparse.InputTooLargeError) as info:
        listparse.parse("a" * (limit + 1))
    assert f"{limit:,}" in str(info.value) or str(limit) in str(info.value)


def test_explain_refuses_too_large_input():
    with pytest.raises(listparse.InputTooLargeError):
        listparse.explain("x" * 50, options=ParseOptions(max_chars=10))


# --- garbage and unusual text ------------------------------------------------------------------


def _garbage(size: int, seed: int) -> str:
    rng = random.Random(seed)
    pool = (
        "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 ,;.:-*•/()[]½¾\n\t"
        "éèàùçœ «»’–×\x00\x1b\u200b\u202e🍎🥖😀 שלום مرحبا 漢字 "
        "lait milk kg g l cl et and de of x ou or "
    )
    return "".join(rng.choice(pool) for _ in range(size))


@pytest.mark.slow
def test_one_megabyte_of_garbage():
    text = _garbage(1_000_000, seed=20240601)
    assert len(text) <= ParseOptions().max_chars
    t0 = time.perf_counter()
    result = listparse.parse(text)
    elapsed = time.perf_counter() - t0
    check_result(text, result)
    assert elapsed < 30, f"1 MB took {elapsed:.1f}s"


@pytest.mark.parametrize("seed", range(20))
def test_small_garbage(seed):
    text = _garbage(2_000, seed)
    for lang in (None, "fr", "en"):
        check_result(text, listparse.parse(text, lang=lang))


ODD = [
    "🍎🍎🍎",
    "2 🍎",
    "3 pommes 🍎 et 2 poires 🍐",
    "🥛 milk and 🥖 bread",
    "lait\x00pain",
    "\x1b[31m2 kg de pommes\x1b[0m",
    "milk\u200bbread",
    "2\u200b kg\u200b de\u200b farine",
    "\x00\x00\x00",
    "\ufeff2 citrons",
    "\u202e2 kg of apples",
    "حليب وخبز",
    "2 كيلو طماطم",
    "חלב ולחם",
    "3 ליטר חלב",
    "deux litres de milk and three baguettes",
    "2 bottles de vin et some cheese",
    "du lait, eggs, bread et du beurre",
    "漢字 2 kg",
    "((((((((((",
    "))))]]]]",
    "- - - - -",
    "1/0 kg",
    "0/0",
    "9" * 400,
    "1" + "0" * 50 + " kg de farine",
    "1e308 kg",
    "½½½½",
    "2 x x x 3 x",
    "2 à à à 3",
    "et et et et et",
    "and and and then then",
    "de de de du des",
    "non non non",
    "no, no, no",
    ", , , ; ;",
    "•\n•\n•",
    "1.\n2.\n3.",
    "lait " * 2000,
    "un " * 500,
    "quatre-vingt-" * 100,
]


@pytest.mark.parametrize("text", ODD)
@pytest.mark.parametrize("lang", [None, "fr", "en"])
def test_odd_text_never_raises(text, lang):
    check_result(text, listparse.parse(text, lang=lang))


def test_emoji_do_not_shift_spans():
    text = "🍎 3 pommes"
    item = listparse.parse(text, lang="fr").items[0]
    assert item.name == "pommes"
    assert text[item.span[0] : item.span[1]] == item.text
    assert item.text.endswith("pommes")


def test_mixed_languages_find_both_items():
    result = listparse.parse("2 kg de pommes\n3 lemons", lang="fr")
    check_result("2 kg de pommes\n3 lemons", result)
    assert len(result.items) == 2


# --- property tests ----------------------------------------------------------------------------

NUMBER_WORDS = [
    "un", "une", "deux", "trois", "dix-sept", "quatre-vingt-dix", "soixante et onze", "cent", "mille",
    "demi", "et demi", "douzaine", "dizaine", "one", "two", "twenty-five", "a hundred and fifty",
    "half", "a dozen", "a couple of", "and a half", "0", "1", "2", "12", "1,5", "2.5", "1/2", "2 1/2",
    "½", "1½", "¾", "1/0", "9999999999",
]
UNITS = [
    "g", "kg", "mg", "ml", "cl", "dl", "l", "L", "grammes", "kilos", "litres", "oz", "lb", "lbs", "fl oz",
    "cup", "cups", "tbsp", "tsp", "pint", "quart", "gallon", "cuillère à soupe", "c. à s.", "cs",
    "c. à c.", "pincée", "verre", "tasse", "paquet", "pack", "bouteille", "bottle", "boîte", "can",
    "sachet", "pot", "barquette", "brique", "filet", "botte", "bunch", "tranche", "gousse", "clove",
]
WORDS = [
    "de", "du", "des", "d'", "of", "the", "some", "lait", "milk", "pommes de terre", "flour", "beurre",
    "ou", "or", "et", "and", "puis", "then", "plus", "environ", "about", "quelques", "a few", "non", "no",
    "euh", "um", "il me faut", "add", "à ma liste de courses", "to my shopping list", "x", "×", "à", "to",
    "bio", "organic", "gros", "large", "(", ")", "Courses :",
]
SEPARATORS = [" ", " ", " ", ", ", "; ", "\n", "\n- ", "\n• ", "\n1. ", " - ", "–", "-", "", "\n\n", "\t"]

mixed_text = st.lists(
    st.one_of(
        st.sampled_from(NUMBER_WORDS),
        st.sampled_from(UNITS),
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.text(max_size=4),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_any_text(text):
    check_result(text, listparse.parse(text))


@settings(max_examples=200, deadline=None)
@given(mixed_text, st.sampled_from([None, "fr", "en"]))
def test_property_list_like_text(text, lang):
    check_result(text, listparse.parse(text, lang=lang))


# --- the same input, linked to the default catalog ---------------------------------------------


@functools.cache
def _default_skus() -> frozenset[str]:
    return frozenset(listparse.catalog.default_catalog().skus)


def check_linked(text: str, result: listparse.ShoppingList) -> None:
    """The invariants of a result linked to a catalog: every match a real product, scores in
    [0, 1], best first, positive pack counts."""
    check_result(text, result)
    skus = _default_skus()
    for item in result.items:
        assert len(item.matches) <= 3
        scores = [m.score for m in item.matches]
        assert scores == sorted(scores, reverse=True)
        for match in item.matches:
            assert match.sku in skus and 0.0 <= match.score <= 1.0
            assert match.pack_count is None or match.pack_count >= 1


_ODD_LINKED = ["pear pies and ginger powder", "🍐 pies", "jus d'🍍", "x" * 300, "pizza aux " + "9" * 20_000 + " fromages"]


@pytest.mark.parametrize("text", ODD + _ODD_LINKED)
def test_odd_text_linked(text):
    from listparse.catalog import default_catalog

    for lang in (None, "fr", "en"):
        check_linked(text, listparse.parse(text, lang=lang, catalog=default_catalog()))


@settings(max_examples=100, deadline=None)
@given(mixed_text, st.sampled_from([None, "fr", "en"]))
def test_property_list_like_text_linked(text, lang):
    from listparse.catalog import default_catalog

    check_linked(text, listparse.parse(text, lang=lang, catalog=default_catalog()))
