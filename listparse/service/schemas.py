"""Request and response bodies of the REST routes (``XxxRequest`` / ``XxxResponse``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "LIST_ID_PATTERN",
    "ListItemView",
    "ListResponse",
    "MessageRequest",
    "MessageResponse",
    "ParseRequest",
]

_REQUEST = ConfigDict(frozen=True, extra="forbid")

#: List ids in URLs: letters, digits and ``: . _ + @ = -`` (``telegram:12345``, ``slack:T01:U02``).
LIST_ID_PATTERN = r"^[\w:.+@=-]{1,200}$"
#: The longest text a message or a parse request may carry, in characters.
MAX_TEXT = 20_000


class ParseRequest(BaseModel):
    """``POST /v1/parse``: a text to parse, optionally linked to the catalog."""

    model_config = _REQUEST

    text: str = Field(max_length=MAX_TEXT, description="the shopping list, typed or transcribed")
    lang: Literal["fr", "en"] | None = Field(None, description="the language; detected when absent")
    link: bool = Field(True, description="link items to the configured (or default) catalog")


class MessageRequest(BaseModel):
    """``POST /v1/lists/{list_id}/messages``: one message of the conversation."""

    model_config = _REQUEST

    text: str = Field(max_length=MAX_TEXT, description="« ajoute deux litres de lait », \"remove the milk\", ...")
    lang: Literal["fr", "en"] | None = Field(None, description="a language hint; detected when absent")


class ListItemView(BaseModel):
    """One entry of a kept list."""

    model_config = ConfigDict(frozen=True)

    item_id: str
    name: str
    quantity: float | None = None
    unit: str | None = None
    sku: str | None = None
    sku_name: str | None = None
    pack_count: int | None = None


class ListResponse(BaseModel):
    """A kept list: its id, language and entries in order."""

    model_config = ConfigDict(frozen=True)

    list_id: str
    lang: Literal["fr", "en"] | None = None
    items: list[ListItemView] = []


class MessageResponse(BaseModel):
    """What a message did: the reply to show the user, and the list after it."""

    model_config = ConfigDict(frozen=True)

    reply: str
    list: ListResponse
    lang: Literal["fr", "en"] = Field(description="the language of the message and of the reply")
    action: Literal["add", "remove", "show", "clear", "undo", "none"] = Field(
        description="what the message did (a question about the list is a show)"
    )
    parsed: int = Field(0, description="how many products the message named")
