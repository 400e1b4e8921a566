"""Stage 1, normalize: typography to ASCII, fractions spelled out, offsets back to the input."""

from __future__ import annotations

import unicodedata

import pytest

from listparse.stages.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # apostrophes and quotes
        ("d’oignons", "d'oignons"),
        ("l‘ail", "l'ail"),
        ("«\u00a0bio\u00a0»", '" bio "'),
        ("“organic”", '"organic"'),
        # dashes and the multiplication sign
        ("2–3 citrons", "2-3 citrons"),
        ("2—3 lemons", "2-3 lemons"),
        ("2\u22123", "2-3"),
        ("3 × 1 L", "3 x 1 L"),
        # unusual spaces
        ("500\u00a0g", "500 g"),
        ("500\u202fg", "500 g"),
        ("1\u2009kg", "1 kg"),
        # tabs become spaces, carriage returns become line breaks
        ("lait\tpain", "lait pain"),
        ("milk\rbread", "milk\nbread"),
        # vulgar fractions
        ("½ tasse", "1/2 tasse"),
        ("¼ tsp", "1/4 tsp"),
        ("¾ cup", "3/4 cup"),
        ("⅓ cup", "1/3 cup"),
        ("⅔ tasse", "2/3 tasse"),
        ("⅛ tsp", "1/8 tsp"),
        ("1½ kg", "1 1/2 kg"),
        ("2¼ cups", "2 1/4 cups"),
        ("1⁄2 cup", "1/2 cup"),
        # plain ASCII is left alone
        ("2 kg de pommes", "2 kg de pommes"),
        ("two bottles of milk", "two bottles of milk"),
    ],
)
def test_normalized_text(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    ["lait\x00pain", "milk\x1bbread", "lait\u200bpain", "milk\u200ebread", "lait\ufeffpain", "a\x07b"],
)
def test_control_and_format_characters_become_spaces(raw):
    text = normalize(raw).text
    assert len(text) == len(raw)
    assert text[0] == raw[0] and text[-1] == raw[-1]
    assert all(c == " " or c.isalpha() for c in text)


def test_line_breaks_are_kept():
    assert normalize("lait\npain\r\nbeurre").text.replace("\n\n", "\n").split("\n") == ["lait", "pain", "beurre"]
    assert normalize("milk\u2028bread").text == "milk\nbread"


def test_decomposed_accents_are_composed():
    raw = "cre\u0300me frai\u0302che"  # e + combining grave, i + combining circumflex
    n = normalize(raw)
    assert n.text == "crème fraîche"
    assert unicodedata.is_normalized("NFC", n.text)


@pytest.mark.parametrize(
    "raw",
    [
        "1½ kg d’oignons",
        "cre\u0300me fraî\u0302che",
        "«\u00a0lait\u00a0» – ¾ L",
        "a\x00b\u200bc\r\nd",
        "3 × 1 L de lait ⅔",
        "",
        "🍎 2 pommes 🍏",
        "שלום 2 kg سكر",
    ],
)
def test_offsets_map_back_to_the_input(raw):
    n = normalize(raw)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(raw)
    assert all(0 <= o <= len(raw) for o in n.offsets)
    assert list(n.offsets) == sorted(n.offsets), "offsets must not go backwards"


def test_span_of_a_spelled_out_fraction():
    raw = "1½ kg d’oignons"
    n = normalize(raw)
    # "1 1/2" in the normalized text comes from "1½" in the input
    assert n.text.startswith("1 1/2 kg")
    assert n.span(0, 5) == (0, 2)
    assert raw[slice(*n.span(0, 5))] == "1½"
    start = n.text.index("oignons")
    assert raw[slice(*n.span(start, start + len("oignons")))] == "oignons"


def test_span_after_a_typographic_apostrophe():
    raw = "l’huile d’olive"
    n = normalize(raw)
    start = n.text.index("olive")
    assert raw[slice(*n.span(start, start + 5))] == "olive"


def test_empty_span():
    n = normalize("lait")
    assert n.span(2, 2) == (2, 2)
