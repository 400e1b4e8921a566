"""Reading a message as a command: the action, the text naming the products, the pronoun."""

from __future__ import annotations

import pytest

from listparse.conversation.commands import interpret
from listparse.conversation.phrases import message_tokens


@pytest.mark.parametrize(
    ("text", "lang", "action", "products"),
    [
        ("ajoute deux litres de lait et du pain", "fr", "add", "deux litres de lait et du pain"),
        ("est-ce que tu peux ajouter du beurre à la liste de courses s'il te plaît", "fr", "add", "du beurre"),
        ("Peux-tu rajouter 3 pommes, stp ?", "fr", "add", "3 pommes"),
        ("deux baguettes et du beurre", "fr", "implicit", "deux baguettes et du beurre"),
        ("enlève le pain", "fr", "remove", "le pain"),
        ("Enlève le pain de la liste.", "fr", "remove", "le pain"),
        ("retire 2 oeufs de ma liste de courses", "fr", "remove", "2 oeufs"),
        ("pas besoin de lait", "fr", "remove", "lait"),
        ("can you add 2 eggs to my shopping list please", "en", "add", "2 eggs"),
        ("please add milk", "en", "add", "milk"),
        ("add to my list: milk, bread", "en", "add", "milk, bread"),
        ("remove the milk from my list", "en", "remove", "the milk"),
        ("take the milk off my list", "en", "remove", "the milk"),
        ("get rid of the eggs", "en", "remove", "the eggs"),
        ("milk and bread", "en", "implicit", "milk and bread"),
    ],
)
def test_products_part(text, lang, action, products):
    command = interpret(text, lang)
    assert command.action == action
    assert text[command.start : command.end] == products
    assert command.evidence > 0 or action == "implicit"


@pytest.mark.parametrize(
    ("text", "lang", "action"),
    [
        ("qu'est-ce qu'il y a sur ma liste ?", "fr", "show"),
        ("qu’est-ce qu’il y a sur ma liste ?", "fr", "show"),  # typographic apostrophes
        ("montre-moi la liste", "fr", "show"),
        ("Montre moi ma liste de courses stp", "fr", "show"),
        ("ma liste ?", "fr", "show"),
        ("vide la liste", "fr", "clear"),
        ("efface tout", "fr", "clear"),
        ("annule", "fr", "undo"),
        ("annule ça !", "fr", "undo"),
        ("aide", "fr", "help"),
        ("merci", "fr", "thanks"),
        ("super, merci beaucoup", "fr", "thanks"),
        ("merci et à bientôt", "fr", "thanks"),
        ("great, thanks!", "en", "thanks"),
        ("ok", "fr", "ack"),
        ("what's on my list", "en", "show"),
        ("whats on my list?", "en", "show"),
        ("show my list please", "en", "show"),
        ("clear my list", "en", "clear"),
        ("clear my shopping list", "en", "clear"),
        ("undo", "en", "undo"),
        ("/start", "en", "help"),
        ("thanks", "en", "thanks"),
        ("ok", "en", "ack"),
        ("", "en", "empty"),
        ("?!", "fr", "empty"),
        ("ajoute", "fr", "add"),
        ("remove", "en", "remove"),
    ],
)
def test_whole_message_commands(text, lang, action):
    command = interpret(text, lang)
    assert command.action == action
    assert command.end == command.start


@pytest.mark.parametrize(
    ("text", "lang", "pronoun", "article"),
    [
        ("enlève-le", "fr", ("le",), "le"),
        ("enlève-la", "fr", ("la",), "la"),
        ("retire-les", "fr", ("les",), "les"),
        ("enlève ça de la liste", "fr", ("ca",), None),
        ("remove it", "en", ("it",), "the"),
        ("remove it from my list please", "en", ("it",), "the"),
        ("delete them", "en", ("them",), "the"),
    ],
)
def test_pronouns(text, lang, pronoun, article):
    command = interpret(text, lang)
    assert (command.action, command.pronoun, command.article) == ("remove", pronoun, article)


def test_a_product_named_like_a_pronoun_is_a_product():
    command = interpret("enlève le pain", "fr")
    assert command.pronoun is None


def test_the_other_language_explains_less():
    assert interpret("enlève le pain", "en").evidence < interpret("enlève le pain", "fr").evidence
    assert interpret("remove the bread", "fr").evidence < interpret("remove the bread", "en").evidence


def test_tokens_keep_their_offsets():
    text = "Œufs, s’il te plaît"
    tokens = message_tokens(text)
    assert [t.folded for t in tokens] == ["oeufs", ",", "s'", "il", "te", "plait"]
    assert [text[t.start : t.end] for t in tokens] == ["Œufs", ",", "s’", "il", "te", "plaît"]
