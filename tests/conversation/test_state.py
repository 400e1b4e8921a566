"""The state: JSON round trips, purity, ids, the undo history and remove_item."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from conversation_support import last, rows, run

import listparse
from listparse.conversation import (
    ItemNotFound,
    ListEntry,
    ListState,
    export_text,
    handle_message,
    list_view,
    new_state,
    remove_item,
)
from listparse.conversation.state import HISTORY_LIMIT, HISTORY_MAX_ENTRIES

SEQUENCES = [
    ["ajoute deux litres de lait et du pain", "50 cl de lait", "1 tiers de tarte"],
    ["add 1 cup of flour", "add 250 ml of flour", "remove 2 tbsp of flour"],
    ["2 boîtes de thon de 140 g", "un pack de 6 bouteilles d'eau de 1,5 L", "vide la liste"],
    ["du pain", "enlève-le", "annule", "undo"],
]


@pytest.mark.parametrize("messages", SEQUENCES, ids=lambda m: m[0])
def test_json_round_trip(messages):
    state = last(*messages).state
    again = ListState.model_validate_json(state.model_dump_json())
    assert again == state
    assert json.loads(json.dumps(list_view(state))) == list_view(state)


def test_quantities_are_numbers_in_json():
    state = last("ajoute deux litres de lait et du pain", "50 cl de lait").state
    data = json.loads(state.model_dump_json())
    assert data["items"][0]["quantity"] == 2.5
    assert data["items"][1]["quantity"] is None
    assert isinstance(state.items[0].quantity, Fraction)


def test_handle_message_never_changes_the_state_it_is_given():
    state = last("du pain", "2 L de lait").state
    before = state.model_dump()
    for message in ("enlève le pain", "vide la liste", "annule", "du beurre", "enlève-le", "liste"):
        handle_message(state, message)
        assert state.model_dump() == before


def test_same_input_same_output():
    assert run("ajoute du lait", "2 L de lait", "enlève-le") == run("ajoute du lait", "2 L de lait", "enlève-le")


def test_ids_are_never_given_twice():
    turns = run("du pain", "du lait", "enlève le lait", "annule", "vide la liste", "annule", "du beurre", "enlève le beurre", "des oeufs")
    state = turns[-1].state
    assert [e.item_id for e in state.items] == ["1", "2", "4"]
    assert state.next_id == 5
    seen = [e.item_id for t in turns for e in t.state.items]
    assert sorted(set(seen), key=int) == ["1", "2", "3", "4"]


def test_history_is_bounded():
    turns = run(*[f"{n} pommes" for n in range(1, HISTORY_LIMIT + 6)])
    assert len(turns[-1].state.history) == HISTORY_LIMIT
    undo = run(*["annule"] * (HISTORY_LIMIT + 1), state=turns[-1].state)
    assert all(t.changed for t in undo[:-1])
    assert undo[-1].changed is False
    assert undo[-1].reply == "Il n'y a rien à annuler."


def test_history_holds_a_bounded_number_of_entries():
    items = tuple(ListEntry(item_id=str(i), name=f"p{i}", key=f"p{i}", quantity=None, unit=None) for i in range(1, 200))
    state = ListState(list_id="big", items=items, next_id=200)
    for n in range(15):
        state = handle_message(state, f"{n + 1} pommes").state
    assert sum(len(h) for h in state.history) <= HISTORY_MAX_ENTRIES
    assert len(state.history) == HISTORY_MAX_ENTRIES // 200


def test_show_and_failed_commands_keep_no_history():
    state = last("du pain").state
    for message in ("montre la liste", "enlève le fromage", "du pain", "bonjour", "annule"):
        after = handle_message(state, message).state
        if message != "annule":
            assert after.history == state.history


def test_remove_item():
    state = last("du pain et du lait").state
    after = remove_item(state, "1")
    assert rows(after) == [("lait", None, None)]
    assert after.history[-1] == state.items
    assert rows(handle_message(after, "annule").state) == rows(state)


def test_remove_item_forgets_the_last_item_if_it_goes():
    state = last("du pain et du lait").state
    assert state.last_item_id == "2"
    assert remove_item(state, "2").last_item_id is None
    assert remove_item(state, "1").last_item_id == "2"


def test_remove_item_of_an_unknown_id():
    state = last("du pain").state
    with pytest.raises(ItemNotFound) as info:
        remove_item(state, "42")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, listparse.ListparseError)
    assert "'42'" in str(info.value) and "test" in str(info.value)
    assert info.value.item_id == "42"


def test_list_view():
    state = last("ajoute deux litres de lait et du pain").state
    assert list_view(state) == {
        "list_id": "test",
        "lang": "fr",
        "items": [
            {"item_id": "1", "name": "lait", "quantity": 2.0, "unit": "liter", "sku": None, "sku_name": None, "pack_count": None},
            {"item_id": "2", "name": "pain", "quantity": None, "unit": None, "sku": None, "sku_name": None, "pack_count": None},
        ],
    }


@pytest.mark.parametrize(
    ("messages", "text"),
    [
        (["ajoute deux litres de lait et du pain"], "Liste de courses\n- 2 L de lait\n- pain"),
        (["add 3 eggs and a loaf of bread"], "Shopping list\n- 3 eggs\n- 1 loaf of bread"),
        (["vide la liste"], "Liste de courses\n(vide)"),
        (["clear my list"], "Shopping list\n(empty)"),
    ],
)
def test_export_text(messages, text):
    assert export_text(last(*messages).state) == text


def test_export_text_of_a_new_list_is_french():
    assert export_text(new_state("x")) == "Liste de courses\n(vide)"


def test_state_refuses_unknown_fields_and_languages():
    with pytest.raises(ValueError):
        ListState.model_validate({"list_id": "x", "colour": "red"})
    with pytest.raises(ValueError):
        ListState.model_validate({"list_id": "x", "lang": "de"})
