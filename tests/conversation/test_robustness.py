"""Bad input gets a reply, never an exception: empty text, emoji, control characters,
garbage, huge messages, too many products, a full list."""

from __future__ import annotations

import random
import string

import pytest
from conversation_support import last
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listparse.conversation import ListEntry, ListState, handle_message, new_state
from listparse.conversation.handler import clean_message
from listparse.conversation.state import HISTORY_LIMIT, MAX_ENTRIES, MAX_ITEMS_PER_MESSAGE, MAX_MESSAGE_CHARS

_random = random.Random(7)
GARBAGE = "".join(_random.choice(string.printable) for _ in range(10_000))

BAD = [
    "",
    "   ",
    "\n\n\t",
    "😀",
    "👍👍👍",
    "\x00\x01\x02\x1b[31m",
    "\u200b\u200d\ufeff",
    "\ud800",
    "?!…",
    "12",
    "de la",
    GARBAGE,
    "x" * 20_000_000,
]


@pytest.mark.parametrize("text", BAD, ids=lambda t: repr(t[:20]))
def test_bad_input_gets_a_reply(text):
    state = last("du pain").state
    turn = handle_message(state, text)
    assert turn.reply
    assert turn.changed is False
    assert turn.state.items == state.items
    assert turn.action == "none"


@pytest.mark.parametrize("text", [None, b"caf\xc3\xa9 et pain", b"\xff\xfe", 42])
def test_non_text_input_gets_a_reply(text):
    turn = handle_message(new_state("x"), text)  # type: ignore[arg-type]
    assert turn.reply


def test_a_message_of_bytes_is_read_as_utf8():
    turn = handle_message(new_state("x"), b"caf\xc3\xa9 et pain")  # type: ignore[arg-type]
    assert [e.name for e in turn.state.items] == ["café", "pain"]


@pytest.mark.parametrize(
    ("messages", "reply"),
    [
        (["😀"], "Je n'ai trouvé aucun produit dans ce message."),
        (["add bread", "😀"], "I didn't find any product in that message."),
        (["add bread", GARBAGE], f"That message is too long (over {MAX_MESSAGE_CHARS} characters)."),
        (["du pain", GARBAGE], f"Ce message est trop long (plus de {MAX_MESSAGE_CHARS} caractères)."),
    ],
)
def test_replies_to_bad_input(messages, reply):
    assert last(*messages).reply == reply


def test_control_characters_are_taken_out():
    assert clean_message("du\x00 pain\x1b\u200b") == "du  pain"
    turn = last("du\x00 pain\x07 et du lait\u200b")
    assert [e.name for e in turn.state.items] == ["pain", "lait"]


def _name(number: int) -> str:
    """A made-up product name of its own for each number: produit azz, produit bzz…"""
    return "produit " + "".join("abcdefghij"[int(d)] for d in str(number)) + "zz"


def test_too_many_products_in_one_message():
    message = "ajoute " + ", ".join(_name(i) for i in range(MAX_ITEMS_PER_MESSAGE + 10))
    turn = last("du pain", message)
    assert turn.changed is False
    assert [e.name for e in turn.state.items] == ["pain"]
    assert turn.reply == f"Ça fait trop d'articles d'un coup : {MAX_ITEMS_PER_MESSAGE} au maximum par message."


def test_many_products_under_the_limit_are_all_added():
    message = ", ".join(_name(i) for i in range(MAX_ITEMS_PER_MESSAGE))
    assert len(last(message).state.items) == MAX_ITEMS_PER_MESSAGE


def _full_list() -> ListState:
    items = tuple(
        ListEntry(item_id=str(i), name=_name(i), key=_name(i), quantity=None, unit=None)
        for i in range(1, MAX_ENTRIES + 1)
    )
    return ListState(list_id="full", lang="fr", items=items, next_id=MAX_ENTRIES + 1)


def test_a_full_list_refuses_new_entries():
    state = _full_list()
    turn = handle_message(state, "du beurre et du pain")
    assert turn.changed is False
    assert turn.state.items == state.items
    assert turn.reply == f"Ta liste est pleine ({MAX_ENTRIES} articles) : enlèves-en d'abord."


def test_a_full_list_still_merges_and_removes():
    state = _full_list()
    merged = handle_message(state, "3 produit hzz")
    assert merged.changed is True
    assert len(merged.state.items) == MAX_ENTRIES
    removed = handle_message(state, "enlève le produit hzz")
    assert len(removed.state.items) == MAX_ENTRIES - 1


WORDS = (
    "ajoute enlève retire remove add le la les it du de des lait milk pain bread 2 3 1,5 L kg cl "
    "bouteille bottle et and , . ? ! liste list ma my annule undo vide clear show montre 😀 œufs "
    "eggs pack 6 x tout everything please stp qu'est-ce qu'il y a sur what's on"
).split()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join),
            st.text(max_size=30),
        ),
        max_size=8,
    ),
    st.sampled_from([None, "fr", "en", "de"]),
)
def test_any_conversation_keeps_the_state_sound(messages, hint):
    state = new_state("prop")
    for message in messages:
        turn = handle_message(state, message, lang=hint)
        assert turn.reply and turn.lang in ("fr", "en")
        assert turn.changed == (turn.state.items != state.items)
        new = turn.state
        ids = [e.item_id for e in new.items]
        assert len(ids) == len(set(ids))
        assert all(int(i) < new.next_id for i in ids)
        assert new.next_id >= state.next_id
        assert len(new.history) <= HISTORY_LIMIT
        assert len(new.items) <= MAX_ENTRIES
        assert all(e.quantity is None or e.quantity > 0 for e in new.items)
        assert ListState.model_validate_json(new.model_dump_json()) == new
        state = new
