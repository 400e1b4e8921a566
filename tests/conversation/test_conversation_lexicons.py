"""The conversation's lexicon files: same reply keys in both languages, a written form for
every unit of the registry, known roles, and no reply sentence in the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from listparse.conversation import phrases
from listparse.conversation.phrases import WHOLE_MESSAGE_ROLES, check_replies, command_words, replies
from listparse.lexicon import LANGUAGE_FILES, SUPPORTED_LANGUAGES
from listparse.units import registry

PACKAGE = Path(phrases.__file__).resolve().parent


def test_files_are_registered():
    assert {"commands.tsv", "replies.tsv"} <= set(LANGUAGE_FILES)


def test_replies_have_the_same_keys_in_every_language():
    check_replies()


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_unit_of_the_registry_has_a_written_form(lang):
    units = {name for name in registry()._units if not name.startswith("_")}
    canonical = {u for u in units if str(registry().Unit(u)) == u}
    missing = sorted(u for u in canonical if f"unit:{u}" not in replies(lang).rows)
    assert not missing


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_command_role_has_phrases(lang):
    words = command_words(lang)
    for role in WHOLE_MESSAGE_ROLES + ("polite", "add", "remove", "ask", "pronoun", "list", "listprep", "then"):
        assert words.role(role), role


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_templates_fill(lang):
    r = replies(lang)
    fields = dict(items="x", item="x", total="x", left="x", options="x", amount="x", entries="x", limit=1,
                  count=2, quantity="1", unit="u", name="n", size="s")
    for key, (text, _) in r.rows.items():
        if not key.startswith("unit:"):
            assert isinstance(text.format(**fields), str), key


def test_no_sentence_in_the_code():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        # field descriptions document the models; they are not replies
        described = {
            id(part)
            for k in ast.walk(tree)
            if isinstance(k, ast.keyword) and k.arg == "description"
            for part in ast.walk(k.value)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | described:
                assert len(node.value.split()) < 5 or "{" in node.value or "%" in node.value, (path.name, node.value)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_no_phrase_opens_two_kinds_of_command(lang):
    """A phrase that adds cannot also remove or ask: the verb alone says what a message does."""
    words = command_words(lang)
    roles = ("add", "remove", "ask")
    for i, role in enumerate(roles):
        for other in roles[i + 1 :]:
            assert not set(words.role(role)) & set(words.role(other)), (role, other)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_separators_are_not_verbs(lang):
    words = command_words(lang)
    verbs = set(words.role("add")) | set(words.role("remove")) | set(words.role("ask"))
    assert not set(words.role("then")) & verbs
