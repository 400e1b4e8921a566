"""Conversations in French and English: messages one after the other, then the list, the reply
language and the kind of command of the last message."""

from __future__ import annotations

import pytest
from conversation_support import last, q, rows, run

# (messages, expected rows (name, quantity, unit), action of the last message)
FRENCH = [
    (["ajoute deux litres de lait et du pain"], [("lait", 2, "liter"), ("pain", None, None)], "add"),
    (
        ["est-ce que tu peux ajouter du beurre à la liste de courses s'il te plaît"],
        [("beurre", None, None)],
        "add",
    ),
    (["deux baguettes et du beurre"], [("baguettes", 2, None), ("beurre", None, None)], "add"),
    (["il me faut 3 citrons"], [("citrons", 3, None)], "add"),
    (["Ajoute du lait."], [("lait", None, None)], "add"),
    (["1 L de lait", "50 cl de lait"], [("lait", "3/2", "liter")], "add"),
    (["50 cl de lait", "1 L de lait"], [("lait", "3/2", "liter")], "add"),
    (["200 g de sucre", "0,1 kg de sucre"], [("sucre", 300, "gram")], "add"),
    (["lait", "Lait", "laits"], [("lait", None, None)], "add"),
    (["1 pomme", "2 pommes"], [("pommes", 3, None)], "add"),
    (["2 pommes", "1 pomme"], [("pommes", 3, None)], "add"),
    (["2 bouteilles de lait", "1 L de lait"], [("lait", 2, "bottle"), ("lait", 1, "liter")], "add"),
    (["2 bouteilles de lait", "1 L de lait", "1 bouteille de lait"], [("lait", 3, "bottle"), ("lait", 1, "liter")], "add"),
    (["du lait", "2 L de lait"], [("lait", 2, "liter")], "add"),
    (["2 L de lait", "du lait"], [("lait", 2, "liter")], "add"),
    (["bouteille de lait"], [("lait", 1, "bottle")], "add"),
    (["2 boîtes de thon de 140 g", "1 boîte de thon de 200 g"], [("thon (140 g)", 2, "can"), ("thon (200 g)", 1, "can")], "add"),
    (["du pain et du lait", "enlève le pain"], [("lait", None, None)], "remove"),
    (["du pain", "supprime le pain de ma liste"], [], "remove"),
    (["du pain", "enlève tout le pain"], [], "remove"),
    (["6 oeufs", "retire 2 œufs"], [("oeufs", 4, None)], "remove"),
    (["2 bouteilles de lait", "enlève une bouteille de lait"], [("lait", 1, "bottle")], "remove"),
    (["1 bouteille de lait", "enlève une bouteille de lait"], [], "remove"),
    (["3 pommes", "enlève 5 pommes"], [], "remove"),
    (["2 L de lait", "enlève 50 cl de lait"], [("lait", "3/2", "liter")], "remove"),
    (["des pommes", "enlève 2 pommes"], [], "remove"),
    (["2 bouteilles de lait", "1 L de lait", "enlève le lait"], [], "remove"),
    (["du pain", "enlève-le"], [], "remove"),
    (["du pain", "du lait", "enlève-le"], [("pain", None, None)], "remove"),
    (["des pommes", "retire-les"], [], "remove"),
    (["de la farine", "enlève-la"], [], "remove"),
    (["du pain", "pas besoin de pain"], [], "remove"),
    (["lait demi-écrémé", "enlève le lait"], [], "remove"),
    (["pommes de terre", "enlève la pomme de terre"], [], "remove"),
    (["du pain", "vide la liste"], [], "clear"),
    (["du pain", "vide ma liste de courses stp"], [], "clear"),
    (["du pain", "supprime tout"], [], "clear"),
    (["du pain", "vide la liste", "annule"], [("pain", None, None)], "undo"),
    (["du pain", "du lait", "annule"], [("pain", None, None)], "undo"),
    (["du pain", "enlève le pain", "annule"], [("pain", None, None)], "undo"),
    (["du pain", "qu'est-ce qu'il y a sur ma liste ?"], [("pain", None, None)], "show"),
    (["du pain", "montre-moi la liste"], [("pain", None, None)], "show"),
    (["du pain", "ma liste"], [("pain", None, None)], "show"),
    (["bonjour"], [], "none"),
    (["merci"], [], "none"),
]

ENGLISH = [
    (["add a dozen eggs"], [("eggs", 12, None)], "add"),
    (["can you add 2 eggs to my shopping list please"], [("eggs", 2, None)], "add"),
    (["add milk, eggs and bread to the list"], [("milk", None, None), ("eggs", None, None), ("bread", None, None)], "add"),
    (["add a loaf of bread"], [("bread", 1, "loaf")], "add"),
    (["1 L of milk", "50 cl of milk"], [("milk", "3/2", "liter")], "add"),
    (["2 eggs", "1 egg"], [("eggs", 3, None)], "add"),
    (["milk", "remove the milk"], [], "remove"),
    (["6 eggs", "remove 2 eggs"], [("eggs", 4, None)], "remove"),
    (["milk", "remove it"], [], "remove"),
    (["milk", "remove it from my list please"], [], "remove"),
    (["milk", "bread", "remove them"], [("milk", None, None)], "remove"),
    (["milk", "take the milk off my list"], [], "remove"),
    (["eggs", "cross the eggs off"], [], "remove"),
    (["6 eggs", "remove all the eggs"], [], "remove"),
    (["semi-skimmed milk", "remove milk"], [], "remove"),
    (["bread", "what's on my list"], [("bread", None, None)], "show"),
    (["bread", "show my list"], [("bread", None, None)], "show"),
    (["bread", "clear my list"], [], "clear"),
    (["bread", "remove everything"], [], "clear"),
    (["bread", "milk", "undo"], [("bread", None, None)], "undo"),
    (["hello"], [], "none"),
    (["thanks"], [], "none"),
]


def _check(messages, expected, action, lang):
    turn = last(*messages)
    assert rows(turn.state) == [(name, q(quantity), unit) for name, quantity, unit in expected], turn.reply
    assert turn.action == action, turn.reply
    assert turn.lang == lang, turn.reply
    assert turn.reply


@pytest.mark.parametrize(("messages", "expected", "action"), FRENCH, ids=lambda v: str(v)[:60])
def test_french_conversation(messages, expected, action):
    _check(messages, expected, action, "fr")


@pytest.mark.parametrize(("messages", "expected", "action"), ENGLISH, ids=lambda v: str(v)[:60])
def test_english_conversation(messages, expected, action):
    _check(messages, expected, action, "en")


# (messages, the reply to the last one)
REPLIES = [
    (["ajoute deux litres de lait et du pain"], "J'ai ajouté 2 L de lait et du pain."),
    (["ajoute deux litres de lait et du pain", "50 cl de lait"], "J'ai ajouté 50 cl de lait (2,5 L en tout)."),
    (["1 L d'huile"], "J'ai ajouté 1 L d'huile."),
    (["2 L de lait", "du lait"], "Déjà sur ta liste : 2 L de lait."),
    (["du pain", "enlève le pain"], "J'ai enlevé le pain."),
    (["du pain", "enlève-le"], "J'ai enlevé le pain."),
    (["6 oeufs", "retire 2 oeufs"], "J'ai enlevé 2 oeufs (il en reste 4)."),
    (["du pain", "enlève le fromage"], "Je n'ai pas trouvé le fromage sur ta liste."),
    (["du pain", "qu'est-ce qu'il y a sur ma liste ?"], "Ta liste : pain."),
    (["2 L de lait", "deux baguettes", "montre la liste"], "Ta liste : 2 L de lait, 2 baguettes."),
    (["montre-moi la liste"], "Ta liste est vide."),
    (["du pain", "du lait", "vide la liste"], "J'ai vidé ta liste (2 articles)."),
    (["vide la liste"], "Ta liste est déjà vide."),
    (["annule"], "Il n'y a rien à annuler."),
    (["du pain", "du lait", "annule"], "J'ai annulé la dernière modification. Ta liste : pain."),
    (["enlève-le"], "Je ne sais pas de quel article tu parles : dis-moi son nom."),
    (["ajoute"], "Qu'est-ce que j'ajoute ?"),
    (["enlève"], "Qu'est-ce que j'enlève ?"),
    (["add milk", "remove the milk"], "Removed the milk."),
    (["2 milks", "1 milk", "what's on my list"], "Your list: 3 milks."),
    (["add a loaf of bread", "add 3 milk", "show my list"], "Your list: 1 loaf of bread, 3 milk."),
    (["add 1 L of milk", "add 50 cl of milk"], "Added 50 cl of milk (1.5 L in total)."),
    (["add milk", "remove the cheese"], "I couldn't find the cheese on your list."),
    (["add semi-skimmed milk", "add whole milk", "remove milk"], "Which one should I remove: semi-skimmed milk or whole milk?"),
    (["add 2 bottles of milk", "remove 1 kg of milk"], "I can't remove 1 kg of milk: your list has 2 bottles of milk."),
    (["add milk", "clear my list"], "Cleared your list (1 item)."),
    (["undo"], "There's nothing to undo."),
    (["show my list"], "Your list is empty."),
    (["remove it"], "I'm not sure which item you mean: tell me its name."),
    (["add"], "What should I add?"),
]


@pytest.mark.parametrize(("messages", "reply"), REPLIES, ids=lambda v: str(v)[:60])
def test_reply(messages, reply):
    assert last(*messages).reply == reply


@pytest.mark.parametrize(
    ("messages", "changed"),
    [
        (["du pain"], True),
        (["du pain", "du pain"], False),
        (["du pain", "enlève le fromage"], False),
        (["du pain", "montre la liste"], False),
        (["vide la liste"], False),
        (["du pain", "vide la liste"], True),
        (["annule"], False),
        (["du pain", "annule"], True),
        (["😀"], False),
        (["bonjour"], False),
    ],
)
def test_changed_says_whether_the_items_changed(messages, changed):
    turns = run(*messages)
    before = turns[-2].state.items if len(turns) > 1 else ()
    assert turns[-1].changed is changed
    assert (turns[-1].state.items != before) is changed


def test_parsed_items_counts_the_products():
    assert last("ajoute deux litres de lait et du pain").parsed_items == 2
    assert last("montre la liste").parsed_items == 0
    assert last("du pain", "enlève le pain et le lait").parsed_items == 2


def test_several_products_removed_and_missing_in_one_message():
    turn = last("du pain, du lait et du beurre", "enlève le pain, le fromage et le beurre")
    assert rows(turn.state) == [("lait", None, None)]
    assert turn.reply == "J'ai enlevé le pain et le beurre. Je n'ai pas trouvé le fromage sur ta liste."


def test_ambiguous_removal_changes_nothing():
    turns = run("lait demi-écrémé", "lait entier", "enlève le lait")
    assert turns[-1].changed is False
    assert turns[-1].state.items == turns[-2].state.items
    assert "lait demi-écrémé" in turns[-1].reply and "lait entier" in turns[-1].reply


def test_it_is_the_last_entry_touched():
    turns = run("du pain et du lait", "6 oeufs", "enlève 2 oeufs", "enlève-les")
    assert rows(turns[-1].state) == [("pain", None, None), ("lait", None, None)]
    assert turns[-1].reply == "J'ai enlevé 4 oeufs."
    assert turns[-1].state.last_item_id is None


def test_names_at_the_start_lose_the_phone_capital_but_brands_keep_theirs():
    turn = last("Lait, Pain et du Nutella")
    assert [e.name for e in turn.state.items] == ["lait", "pain", "Nutella"]


@pytest.mark.parametrize(
    "message",
    ["est-ce que tu peux me montrer ma liste de courses s'il te plaît", "tell me what's on my list"],
)
def test_longer_requests_to_show_the_list(message):
    turn = last("du pain", message)
    assert turn.action == "show"
    assert "pain" in turn.reply


@pytest.mark.parametrize("message", ["euh ma liste elle est où", "where is my list", "list please now"])
def test_a_request_about_the_list_not_understood_gets_the_help(message):
    turn = last("du pain", message)
    assert turn.action == "none"
    assert turn.changed is False
    assert turn.reply.startswith(("Envoie-moi", "Send me"))
