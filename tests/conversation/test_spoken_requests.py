"""Polite and filler forms of spoken requests (« tu peux me rajouter… », "we're out of milk"):
the phrases are in ``commands.tsv``; each reads as the command it means, with the products only."""

from __future__ import annotations

import pytest
from conversation_support import last, q, rows

from listparse.conversation.commands import interpret

# (message, lang, action, the products part)
SPOKEN = [
    ("tu peux me rajouter du lait", "fr", "add", "du lait"),
    ("tu peux me rajouter du lait s'il te plaît", "fr", "add", "du lait"),
    ("est-ce que tu peux me mettre 2 baguettes", "fr", "add", "2 baguettes"),
    ("rajoute-moi du lait", "fr", "add", "du lait"),
    ("rajoute moi du lait", "fr", "add", "du lait"),
    ("mets-moi des pommes sur la liste", "fr", "add", "des pommes"),
    ("tu me rajoutes du beurre", "fr", "add", "du beurre"),
    ("n'oublie pas le pain", "fr", "implicit", "le pain"),
    ("n'oublie pas d'acheter du pain", "fr", "add", "du pain"),
    ("pense à acheter du lait", "fr", "add", "du lait"),
    ("pense à prendre du lait", "fr", "implicit", "du lait"),
    ("rappelle-moi d'acheter des œufs", "fr", "add", "des œufs"),
    ("on n'a plus de lait", "fr", "add", "lait"),
    ("on a plus de lait", "fr", "add", "lait"),
    ("je n'ai plus d'œufs", "fr", "add", "œufs"),
    ("il n'y a plus de pain", "fr", "add", "pain"),
    ("bonjour, ajoute du lait", "fr", "add", "du lait"),
    ("could you put milk on the list", "en", "add", "milk"),
    ("could you put milk on the list please", "en", "add", "milk"),
    ("can you add eggs for me", "en", "add", "eggs"),
    ("don't forget the bread", "en", "implicit", "the bread"),
    ("don't forget to buy bread", "en", "add", "bread"),
    ("remind me to buy eggs", "en", "implicit", "eggs"),
    ("we're out of milk", "en", "add", "milk"),
    ("we’re out of milk", "en", "add", "milk"),  # typographic apostrophe
    ("we ran out of eggs", "en", "add", "eggs"),
    ("we're running low on butter", "en", "add", "butter"),
    ("hi, add milk", "en", "add", "milk"),
    ("ajoute encore du lait", "fr", "add", "du lait"),
    ("add some more milk", "en", "add", "milk"),
]


@pytest.mark.parametrize(("text", "lang", "action", "products"), SPOKEN, ids=lambda v: str(v)[:40])
def test_spoken_request_is_read(text, lang, action, products):
    command = interpret(text, lang)
    assert command.action == action
    assert text[command.start : command.end] == products


# (message, expected rows (name, quantity, unit)): every one adds
ADDS = [
    ("tu peux me rajouter du lait", [("lait", None, None)]),
    ("rajoute-moi 2 baguettes", [("baguettes", 2, None)]),
    ("mets-moi du beurre", [("beurre", None, None)]),
    ("n'oublie pas le pain", [("pain", None, None)]),
    ("pense à acheter du lait", [("lait", None, None)]),
    ("on n'a plus de lait", [("lait", None, None)]),
    ("could you put milk on the list", [("milk", None, None)]),
    ("don't forget the bread", [("bread", None, None)]),
    ("we're out of milk", [("milk", None, None)]),
    ("we're out of milk and eggs", [("milk", None, None), ("eggs", None, None)]),
]


@pytest.mark.parametrize(("message", "expected"), ADDS, ids=lambda v: str(v)[:40])
def test_spoken_request_adds_the_products(message, expected):
    turn = last(message)
    assert rows(turn.state) == [(n, q(v), u) for n, v, u in expected], turn.reply
    assert turn.action == "add"
    assert turn.lang == ("fr" if expected[0][0] in ("lait", "baguettes", "beurre", "pain") else "en")


@pytest.mark.parametrize(
    ("message", "action"),
    [("on n'a plus besoin de lait", "remove"), ("we don't need milk", "remove"), ("plus besoin de lait", "remove")],
)
def test_no_longer_needed_still_removes(message, action):
    turn = last("lait" if "lait" in message else "milk", message)
    assert (turn.action, turn.state.items) == (action, ())
