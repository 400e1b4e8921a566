"""explain(): every stage, in order, and the same result as parse()."""

from __future__ import annotations

import pytest

import listparse
from listparse.pipeline import STAGES

STAGE_NAMES = ["normalize", "detect_language", "tokenize", "join", "protect", "clean", "segment", "assemble", "build", "link"]

TEXTS = [
    ("deux litres de lait et trois baguettes", None),
    ("euh il me faut deux non trois bouteilles de lait à ma liste de courses", "fr"),
    ("Courses :\n- 2 kg de pommes\n- un pack de 6 bouteilles d'eau de 1,5 L", "fr"),
    ("add milk to my grocery list", None),
    ("1 (14 ounce) can sweetened condensed milk; butter or margarine", "en"),
    ("", None),
    ("🍎\x00", "en"),
]


def test_pipeline_stage_order():
    assert [s.name for s in STAGES] == STAGE_NAMES


@pytest.mark.parametrize(("text", "lang"), TEXTS)
def test_explain_names_every_stage_in_order(text, lang):
    explanation = listparse.explain(text, lang=lang)
    assert [s[0] for s in explanation.stages] == STAGE_NAMES
    rendered = str(explanation)
    positions = [rendered.find(f"── {name}") for name in STAGE_NAMES]
    assert all(p >= 0 for p in positions), rendered
    assert positions == sorted(positions)


@pytest.mark.parametrize(("text", "lang"), TEXTS)
def test_explain_result_equals_parse(text, lang):
    assert listparse.explain(text, lang=lang).result == listparse.parse(text, lang=lang)


def test_explain_shows_the_input_and_items():
    rendered = str(listparse.explain("3 citrons", lang="fr"))
    assert rendered.startswith("input: '3 citrons'")
    assert "citrons" in rendered.split("── build")[1]
