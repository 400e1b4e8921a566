"""The state of one shopping list kept by a conversation, and the result of one message.

Every model is frozen: :func:`listparse.conversation.handle_message` returns a new state and
never changes the one it was given. A state is stored as JSON and read back unchanged:

>>> state = new_state("telegram:42")
>>> ListState.model_validate_json(state.model_dump_json()) == state
True
>>> state.items, state.next_id
((), 1)
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ListparseError
from ..models import Exact

__all__ = [
    "HISTORY_LIMIT",
    "HISTORY_MAX_ENTRIES",
    "MAX_ENTRIES",
    "MAX_COMMANDS_PER_MESSAGE",
    "MAX_ITEMS_PER_MESSAGE",
    "MAX_MESSAGE_CHARS",
    "Action",
    "ItemNotFound",
    "Lang",
    "ListEntry",
    "ListState",
    "Turn",
    "new_state",
]

#: Changes kept for undo; older ones are forgotten.
HISTORY_LIMIT = 10
#: Entries the undo history holds at most in all (it keeps the stored state small).
HISTORY_MAX_ENTRIES = 400
#: Entries a list holds at most; an addition that would go over is refused as a whole.
MAX_ENTRIES = 200
#: Products one message may name; a message with more is refused as a whole.
MAX_ITEMS_PER_MESSAGE = 50
#: Commands one message may hold (« ajoute du lait et enlève le pain » holds two); a message
#: with more is refused as a whole.
MAX_COMMANDS_PER_MESSAGE = 10
#: Longest message read (characters, after control characters are removed).
MAX_MESSAGE_CHARS = 4000

Lang = Literal["fr", "en"]
Action = Literal["add", "remove", "show", "clear", "undo", "none"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class ItemNotFound(ListparseError, KeyError):
    """No entry of the list has the item id asked for."""

    def __init__(self, item_id: str, list_id: str) -> None:
        super().__init__(f"no item {item_id!r} in list {list_id!r}")
        self.item_id = item_id
        self.list_id = list_id

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class ListEntry(BaseModel):
    """One line of a list: a product, its amount and, when linked, the catalog product."""

    model_config = _FROZEN

    item_id: str = Field(description="short id, unique in its list and never reused")
    name: str = Field(description="the product as the user wrote it, with its size if any")
    key: str = Field(description="the merging identity: folded, singular words of the name")
    quantity: Exact | None
    unit: str | None = Field(description="a unit id of listparse's registry; None counts pieces")
    sku: str | None = None
    sku_name: str | None = None
    pack_count: int | None = None


class ListState(BaseModel):
    """A whole list: its entries, the language of the conversation and the undo history."""

    model_config = _FROZEN

    list_id: str
    lang: Lang | None = None
    items: tuple[ListEntry, ...] = ()
    last_item_id: str | None = Field(default=None, description="the entry « it » refers to")
    next_id: int = Field(default=1, ge=1)
    history: tuple[tuple[ListEntry, ...], ...] = Field(
        default=(), description=f"previous item tuples, newest last, at most {HISTORY_LIMIT}"
    )


class Turn(BaseModel):
    """What one message did: the new state, the reply and what kind of command it was."""

    model_config = _FROZEN

    state: ListState
    reply: str
    action: Action
    lang: Lang
    changed: bool = Field(description="the items of the list changed")
    parsed_items: int = Field(ge=0, description="products the parser found in the message")


def new_state(list_id: str) -> ListState:
    """An empty list with no language yet."""
    return ListState(list_id=list_id)
