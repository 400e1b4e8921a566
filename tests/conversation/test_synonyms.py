"""The same product in the other language or under a synonym of ``lexicons/synonyms.tsv`` is
the same entry, for adding and removing; a part of a name is never enough."""

from __future__ import annotations

import pytest
from conversation_support import last, q, rows

from listparse.conversation import ListEntry, ListState
from listparse.conversation.matching import same_product


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("œufs", "eggs", True),
        ("oeuf", "egg", True),
        ("lait", "milk", True),
        ("lait demi-écrémé", "semi-skimmed milk", True),
        ("pommes de terre", "potatoes", True),
        ("lait de coco", "coconut milk", True),
        ("tofu fumé", "smoked tofu", True),
        ("chocolat au lait", "milk chocolate", True),
        ("lait de coco", "milk", False),
        ("lait", "lait de coco", False),
        ("milk", "semi-skimmed milk", False),
        ("lait demi-écrémé", "whole milk", False),
        ("milk chocolate", "chocolate milk", False),
        ("cream cheese", "cheese cream", False),
        ("lait", "pain", False),
        ("", "", False),
    ],
)
def test_same_product(name, other, same):
    assert same_product(name, other) is same
    assert same_product(other, name) is same


# (messages, expected rows (name, quantity, unit), action of the last message)
CONVERSATIONS = [
    (["12 eggs", "6 œufs"], [("eggs", 18, None)], "add"),
    (["6 œufs", "add 6 eggs"], [("œufs", 12, None)], "add"),
    (["lait", "milk"], [("lait", None, None)], "add"),
    (["add milk", "du lait"], [("milk", None, None)], "add"),
    (["1 L de lait", "add 50 cl of milk"], [("lait", "3/2", "liter")], "add"),
    (["lait demi-écrémé", "add semi-skimmed milk"], [("lait demi-écrémé", None, None)], "add"),
    (["pommes de terre", "add 2 kg of potatoes"], [("pommes de terre", 2, "kilogram")], "add"),
    (["œufs", "remove the eggs"], [], "remove"),
    (["6 œufs", "remove 2 eggs"], [("œufs", 4, None)], "remove"),
    (["add milk", "enlève le lait"], [], "remove"),
    (["add 12 eggs", "retire 6 œufs"], [("eggs", 6, None)], "remove"),
    # never a part of a name
    (["lait de coco", "add milk"], [("lait de coco", None, None), ("milk", None, None)], "add"),
    (["add milk", "lait de coco"], [("milk", None, None), ("lait de coco", None, None)], "add"),
    (["lait de coco", "remove the milk"], [("lait de coco", None, None)], "remove"),
    (["milk", "semi-skimmed milk"], [("milk", None, None), ("semi-skimmed milk", None, None)], "add"),
]


@pytest.mark.parametrize(("messages", "expected", "action"), CONVERSATIONS, ids=lambda v: str(v)[:60])
def test_synonyms_merge_and_remove(messages, expected, action):
    turn = last(*messages)
    assert rows(turn.state) == [(n, q(v), u) for n, v, u in expected], turn.reply
    assert turn.action == action


@pytest.mark.parametrize(
    ("messages", "reply"),
    [
        (["œufs", "remove the eggs"], "Removed the eggs."),
        (["6 œufs", "remove 2 eggs"], "Removed 2 eggs (4 left)."),
        (["12 eggs", "6 œufs"], "J'ai ajouté 6 œufs (18 en tout)."),
        (["lait", "add milk"], "Already on your list: lait."),
    ],
)
def test_replies_name_the_product_as_asked(messages, reply):
    assert last(*messages).reply == reply


def test_the_key_wins_over_a_synonym():
    """An entry with the product's own key is taken before one that is only a synonym."""
    milk = ListEntry(item_id="1", name="milk", key="milk", quantity=None, unit=None)
    lait = ListEntry(item_id="2", name="lait", key="lait", quantity=None, unit=None)
    state = ListState(list_id="t", items=(milk, lait), next_id=3)
    assert rows(last("2 L de lait", state=state).state) == [("milk", None, None), ("lait", 2, "liter")]
    assert rows(last("enlève le lait", state=state).state) == [("milk", None, None)]


@pytest.mark.parametrize(
    ("second", "entries"),
    [("add 1 can of tuna of 140 g", [("thon (140 g)", 2, "can")]),
     ("add 1 can of tuna of 200 g", [("thon (140 g)", 1, "can"), ("tuna (200 g)", 1, "can")])],
)
def test_sizes_still_tell_synonyms_apart(second, entries):
    turn = last("1 boîte de thon de 140 g", second)
    assert rows(turn.state) == [(n, q(v), u) for n, v, u in entries]
