"""The reply language: command words first, then the parser's detection, then the list's
remembered language, the caller's language and French."""

from __future__ import annotations

import pytest
from conversation_support import last, run

from listparse.conversation import handle_message, new_state
from listparse.conversation.language import language_code


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("remove the bread", "en"),
        ("enlève le pain", "fr"),
        ("deux baguettes et du beurre", "fr"),
        ("milk and bread", "en"),
        ("ajoute milk", "fr"),  # the verb decides
        ("add du lait", "en"),
        ("please 2 milks", "en"),
        ("2 milks s'il te plaît", "fr"),
        ("what's on my list?", "en"),
        ("qu'est-ce qu'il y a sur ma liste ?", "fr"),
        ("liste", "fr"),
        ("list", "en"),
        ("1 L d'huile", "fr"),
        ("merci", "fr"),
        ("thanks", "en"),
        ("2 milks", "fr"),  # no evidence, nothing remembered: French
        ("ok", "fr"),
    ],
)
def test_language_of_a_first_message(message, lang):
    assert last(message).lang == lang


@pytest.mark.parametrize("message", ["2 milks", "ok", "12", "😀", "", "quinoa"])
def test_a_weak_signal_keeps_the_remembered_language(message):
    turns = run("add bread", message)
    assert turns[0].lang == "en"
    assert turns[1].lang == "en"
    assert turns[1].state.lang == "en"


def test_a_strong_signal_changes_the_language():
    turns = run("add bread", "ajoute du lait", "show my list")
    assert [t.lang for t in turns] == ["en", "fr", "en"]
    assert turns[1].reply.startswith("J'ai ajouté")


@pytest.mark.parametrize(("hint", "lang"), [("en", "en"), ("en-GB", "en"), ("fr_CA", "fr"), ("de", "fr"), (None, "fr")])
def test_the_callers_language_is_used_when_nothing_else_says(hint, lang):
    assert handle_message(new_state("x"), "2 milks", lang=hint).lang == lang


def test_the_remembered_language_comes_before_the_callers():
    state = last("add bread").state
    assert handle_message(state, "ok", lang="fr").lang == "en"
    assert handle_message(state, "du pain", lang="en").lang == "fr"  # strong evidence


def test_products_are_parsed_in_the_chosen_language():
    turn = handle_message(new_state("x"), "2 milks", lang="en")
    assert turn.reply == "Added 2 milks."


@pytest.mark.parametrize(
    ("value", "code"),
    [("fr", "fr"), ("EN", "en"), ("en-US", "en"), ("fr_FR", "fr"), ("french", None), ("de", None), (None, None), (3, None)],
)
def test_language_code(value, code):
    assert language_code(value) == code
