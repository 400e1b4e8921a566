"""Questions about the list (« est-ce que j'ai du lait ? », "do I have milk?") answer whether
the products are on it, with their amounts, and never add, remove or keep an undo step."""

from __future__ import annotations

import pytest
from conversation_support import last, run

# (messages before, question, reply)
QUESTIONS = [
    (["2 L de lait"], "est-ce que j'ai du lait ?", "Oui, sur ta liste : 2 L de lait."),
    (["du lait"], "est-ce que j'ai du lait ?", "Oui, sur ta liste : lait."),
    (["du pain"], "est-ce que j'ai du lait ?", "Non, pas sur ta liste : lait."),
    (["2 L de lait"], "il reste du lait sur la liste ?", "Oui, sur ta liste : 2 L de lait."),
    (["du pain"], "il reste du lait sur la liste ?", "Non, pas sur ta liste : lait."),
    (["6 œufs"], "y a-t-il des œufs dans ma liste", "Oui, sur ta liste : 6 œufs."),
    (["du pain"], "y a-t-il des œufs dans ma liste", "Non, pas sur ta liste : œufs."),
    (["du pain"], "est-ce qu'on a déjà du pain ?", "Oui, sur ta liste : pain."),
    (["du lait", "du pain"], "est-ce que j'ai du lait et des œufs ?", "Sur ta liste : lait. Pas sur ta liste : œufs."),
    (["lait demi-écrémé", "lait entier"], "est-ce que j'ai du lait ?", "Oui, sur ta liste : lait demi-écrémé et lait entier."),
    (["2 bouteilles de lait", "1 L de lait"], "il y a du lait ?", "Oui, sur ta liste : 2 bouteilles de lait et 1 L de lait."),
    (["lait entier", "2 bouteilles de lait demi-écrémé", "1 L de lait demi-écrémé"], "il reste du lait ?",
     "Oui, sur ta liste : lait entier, 2 bouteilles de lait demi-écrémé et 1 L de lait demi-écrémé."),
    (["milk"], "do I have milk?", "Yes, on your list: milk."),
    (["bread"], "do I have milk?", "No, not on your list: milk."),
    (["2 liters of milk"], "is there milk on my list?", "Yes, on your list: 2 L of milk."),
    (["bread"], "is there milk on my list?", "No, not on your list: milk."),
    (["a dozen eggs"], "have I got eggs on the list", "Yes, on your list: 12 eggs."),
    (["bread"], "have I got eggs on the list", "No, not on your list: eggs."),
    (["bread"], "do we have any milk left?", "No, not on your list: milk."),
    (["milk", "bread"], "do I have milk and eggs?", "On your list: milk. Not on your list: eggs."),
    (["bread"], "is milk on my list?", "No, not on your list: milk."),
]


@pytest.mark.parametrize(("before", "question", "reply"), QUESTIONS, ids=lambda v: str(v)[:50])
def test_a_question_answers_and_changes_nothing(before, question, reply):
    turns = run(*before, question)
    turn, previous = turns[-1], turns[-2].state
    assert turn.reply == reply
    assert (turn.action, turn.changed) == ("show", False)
    assert turn.state.items == previous.items
    assert turn.state.history == previous.history
    assert turn.state.next_id == previous.next_id


@pytest.mark.parametrize(
    ("question", "lang"),
    [("est-ce que j'ai du lait ?", "fr"), ("y a-t-il des œufs dans ma liste", "fr"), ("do I have milk?", "en"),
     ("have I got eggs on the list", "en")],
)
def test_a_question_on_an_empty_list_adds_nothing(question, lang):
    turn = last(question)
    assert turn.state.items == ()
    assert (turn.action, turn.lang, turn.changed) == ("show", lang, False)
    assert turn.reply.startswith(("Non,", "No,"))


@pytest.mark.parametrize(("question", "removal"), [("est-ce que j'ai du lait ?", "enlève-le"), ("do I have milk?", "remove it")])
def test_it_is_then_the_entry_found(question, removal):
    first = "2 L de lait" if question.startswith("est") else "2 liters of milk"
    turns = run(first, "du pain" if question.startswith("est") else "bread", question, removal)
    assert [e.name for e in turns[-1].state.items] == ["pain" if question.startswith("est") else "bread"]


def test_a_question_without_a_product_shows_the_list():
    turn = last("du pain", "est-ce que j'ai")
    assert (turn.action, turn.reply) == ("show", "Ta liste : pain.")


def test_a_question_finds_a_product_named_in_the_other_language():
    assert last("6 œufs", "do I have eggs?").reply == "Yes, on your list: 6 œufs."


@pytest.mark.parametrize(
    "message",
    ["is there anything on my list?", "is my list empty?", "est-ce qu'il y a quelque chose sur ma liste ?",
     "qu'est-ce qu'il reste sur ma liste"],
)
def test_a_question_about_the_whole_list_shows_it(message):
    turn = last("du pain", message)
    assert (turn.action, turn.changed) == ("show", False)
    assert turn.reply in ("Ta liste : pain.", "Your list: pain.")


@pytest.mark.parametrize(
    ("text", "lang", "products"),
    [
        ("est-ce que j'ai du lait ?", "fr", "du lait"),
        ("il reste du lait sur la liste ?", "fr", "du lait"),
        ("y a-t-il des œufs dans ma liste", "fr", "des œufs"),
        ("do I have milk?", "en", "milk"),
        ("is there milk on my list?", "en", "milk"),
        ("have I got eggs on the list", "en", "eggs"),
    ],
)
def test_question_openers_are_read(text, lang, products):
    from listparse.conversation.commands import interpret

    command = interpret(text, lang)
    assert command.action == "ask"
    assert text[command.start : command.end] == products
    other = interpret(text, "en" if lang == "fr" else "fr")
    assert other.evidence < command.evidence
