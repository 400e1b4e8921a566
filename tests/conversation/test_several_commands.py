"""Several commands in one message (« ajoute du lait et enlève le pain »): run in order as one
turn, with one reply and one undo step; a message is cut only where a command verb follows a
separator, so « pain et beurre » stays one list of products."""

from __future__ import annotations

import pytest
from conversation_support import last, q, rows, run

from listparse.conversation.commands import read_clauses
from listparse.conversation.state import MAX_COMMANDS_PER_MESSAGE


@pytest.mark.parametrize(
    ("text", "lang", "actions", "parts"),
    [
        ("ajoute du lait et enlève le pain", "fr", ["add", "remove"], ["du lait", "le pain"]),
        ("vide la liste et ajoute des pommes", "fr", ["clear", "add"], ["", "des pommes"]),
        ("du lait, puis retire le pain de la liste", "fr", ["implicit", "remove"], ["du lait", "le pain"]),
        ("ajoute du lait et est-ce que tu peux enlever le pain", "fr", ["add", "remove"], ["du lait", "le pain"]),
        ("ajoute du lait et montre-moi la liste", "fr", ["add", "show"], ["du lait", ""]),
        ("add milk and remove the bread", "en", ["add", "remove"], ["milk", "the bread"]),
        ("add milk, then remove the bread", "en", ["add", "remove"], ["milk", "the bread"]),
        ("milk and eggs and no more bread", "en", ["implicit", "remove"], ["milk and eggs", "bread"]),
        ("clear my list and add apples", "en", ["clear", "add"], ["", "apples"]),
        ("ajoute du lait et n'oublie pas le pain", "fr", ["add", "implicit"], ["du lait", "le pain"]),
        ("add milk and don't forget the bread", "en", ["add", "implicit"], ["milk", "the bread"]),
        # one command: no verb after the separator
        ("pain et beurre", "fr", ["implicit"], ["pain et beurre"]),
        ("ajoute du lait et du pain", "fr", ["add"], ["du lait et du pain"]),
        ("add milk, eggs and bread to the list", "en", ["add"], ["milk, eggs and bread"]),
        ("enlève le lait et le pain", "fr", ["remove"], ["le lait et le pain"]),
        ("ajoute du lait et ma liste", "fr", ["add"], ["du lait et ma liste"]),
        # a part that is no command stays with the next one
        ("ok, ajoute du lait", "fr", ["add"], ["du lait"]),
        ("bonjour, ajoute du lait", "fr", ["add"], ["du lait"]),
        ("hello, add milk", "en", ["add"], ["milk"]),
    ],
)
def test_read_clauses(text, lang, actions, parts):
    commands = read_clauses(text, lang)
    assert [c.action for c in commands] == actions
    assert [text[c.start : c.end] for c in commands] == parts


# (messages, expected rows (name, quantity, unit), action, reply of the last message)
CONVERSATIONS = [
    (["du pain", "ajoute du lait et enlève le pain"], [("lait", None, None)], "remove",
     "J'ai ajouté du lait. J'ai enlevé le pain."),
    (["du pain", "vide la liste et ajoute des pommes"], [("pommes", None, None)], "add",
     "J'ai vidé ta liste (1 article). J'ai ajouté des pommes."),
    (["du pain", "ajoute 2 L de lait puis montre-moi la liste"], [("pain", None, None), ("lait", 2, "liter")], "add",
     "J'ai ajouté 2 L de lait. Ta liste : pain, 2 L de lait."),
    (["ajoute du lait et enlève le pain"], [("lait", None, None)], "add",
     "J'ai ajouté du lait. Je n'ai pas trouvé le pain sur ta liste."),
    (["bread", "add milk and remove the bread"], [("milk", None, None)], "remove", "Added milk. Removed the bread."),
    (["bread", "clear my list and add apples"], [("apples", None, None)], "add", "Cleared your list (1 item). Added apples."),
    (["6 eggs", "add milk, then remove 2 eggs"], [("eggs", 4, None), ("milk", None, None)], "remove",
     "Added milk. Removed 2 eggs (4 left)."),
]


@pytest.mark.parametrize(("messages", "expected", "action", "reply"), CONVERSATIONS, ids=lambda v: str(v)[:60])
def test_commands_run_in_order_as_one_turn(messages, expected, action, reply):
    turn = last(*messages)
    assert rows(turn.state) == [(n, q(v), u) for n, v, u in expected]
    assert (turn.action, turn.reply, turn.changed) == (action, reply, True)


@pytest.mark.parametrize(
    "message", ["ajoute du lait et enlève le pain", "vide la liste et ajoute des pommes", "add milk and remove the bread"]
)
def test_one_undo_step(message):
    turns = run("du pain", "2 L de lait", message, "annule" if "ajoute" in message else "undo")
    assert turns[2].state.history[-1] == turns[1].state.items
    assert len(turns[2].state.history) == len(turns[1].state.history) + 1
    assert turns[-1].state.items == turns[1].state.items


def test_an_undo_among_the_commands_goes_back_from_the_list_before_it():
    turns = run("du pain", "du lait", "annule et ajoute des œufs", "annule")
    assert rows(turns[2].state) == [("pain", None, None), ("œufs", None, None)]
    assert rows(turns[3].state) == [("pain", None, None)]


def test_commands_that_cancel_out_change_nothing():
    turns = run("du pain", "ajoute du lait et enlève le lait")
    assert turns[-1].changed is False
    assert turns[-1].state.items == turns[0].state.items
    assert turns[-1].state.history == turns[0].state.history


def test_too_many_commands_are_refused_as_a_whole():
    message = " et ".join(["ajoute du lait"] * (MAX_COMMANDS_PER_MESSAGE + 1))
    turn = last("du pain", message)
    assert (turn.action, turn.changed) == ("none", False)
    assert rows(turn.state) == [("pain", None, None)]
    assert str(MAX_COMMANDS_PER_MESSAGE) in turn.reply


def test_too_many_products_over_the_commands_are_refused_as_a_whole():
    many = ", ".join(f"produit{i}" for i in range(30))
    turn = last("du pain", f"ajoute {many} et ajoute {many.replace('produit', 'article')}")
    assert turn.changed is False
    assert rows(turn.state) == [("pain", None, None)]
    assert turn.parsed_items == 60 and "50" in turn.reply
