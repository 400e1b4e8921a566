"""The REST API under ``/v1``: stateless parsing and conversation lists."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from ...conversation import ItemNotFound, ListState, export_text, list_view, new_state, remove_item
from ...models import ShoppingList
from ...pipeline import parse
from ...store import Update
from ..auth import require_api_key
from ..context import ServiceContext
from ..schemas import LIST_ID_PATTERN, ListResponse, MessageRequest, MessageResponse, ParseRequest

__all__ = ["router"]

router = APIRouter(prefix="/v1", dependencies=[Depends(require_api_key)], tags=["v1"])

ListId = Annotated[str, Path(pattern=LIST_ID_PATTERN, description="e.g. kitchen, telegram:12345")]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=200, pattern=r"^[\x21-\x7e]+$",
           description="a retried request with the same key is applied once and gets the first answer"),
]
_NOT_FOUND = {404: {"description": "no such item on the list"}}


def _context(request: Request) -> ServiceContext:
    return request.app.state.context


# Parsing and list messages run on the worker's event loop, not in its thread pool: they are
# CPU work of about a millisecond, which threads would not run side by side (the GIL), and
# handing a request to a thread and back costs a fifth of that again. A worker is then busy
# with one message at a time; `listparse serve --workers` (one more than the cores) is what
# runs messages side by side. The rarer routes below (read, delete, export) stay plain
# functions in the thread pool.


@router.post("/parse", response_model=ShoppingList, summary="Parse a shopping list")
async def parse_text(body: ParseRequest, request: Request) -> ShoppingList:
    """Parse ``text`` into items, linked to the service's catalog unless ``link`` is false."""
    context = _context(request)
    catalog = context.catalog() if body.link else None
    return parse(body.text, lang=body.lang, catalog=catalog)


@router.post("/lists/{list_id}/messages", response_model=MessageResponse, summary="Send a message to a list")
async def post_message(
    list_id: ListId, body: MessageRequest, request: Request, idempotency_key: IdempotencyKey = None
) -> Response:
    """Run the message as a list command (add, remove, show, clear, undo) and answer."""
    dedup = (f"api:{list_id}", idempotency_key) if idempotency_key else None
    result = _context(request).handle_message(list_id, body.text, channel="api", dedup=dedup, lang=body.lang)
    headers = {"Idempotent-Replayed": "true"} if result.duplicate else None
    return Response(result.body, media_type="application/json", headers=headers)


@router.get("/lists/{list_id}", response_model=ListResponse, summary="Read a list")
def get_list(list_id: ListId, request: Request) -> JSONResponse:
    """The list's entries in order (an empty list when nothing was ever added)."""
    return JSONResponse(list_view(_context(request).read_list(list_id)))


@router.delete(
    "/lists/{list_id}/items/{item_id}", response_model=ListResponse, responses=_NOT_FOUND, summary="Remove an entry"
)
def delete_item(
    list_id: ListId, item_id: Annotated[str, Path(pattern=r"^[\w-]{1,40}$")], request: Request
) -> dict:
    """Remove one entry by its ``item_id``; 404 when the list has no such entry."""
    views: list[dict] = []

    def apply(doc: str | None) -> Update:
        state = ListState.model_validate_json(doc) if doc else new_state(list_id)
        state = remove_item(state, item_id)
        views.append(list_view(state))
        return Update(doc=state.model_dump_json(), response="")

    try:
        _context(request).store.update(list_id, apply)
    except ItemNotFound:
        raise HTTPException(404, f"list {list_id!r} has no item {item_id!r}") from None
    return views[-1]


@router.get(
    "/lists/{list_id}/export",
    summary="Export a list",
    responses={200: {"content": {"text/plain": {}, "application/json": {}}}},
)
def export_list(
    list_id: ListId, request: Request, format: Annotated[Literal["text", "json"], Query()] = "text"
) -> Response:
    """The list as plain text for people (``format=text``) or as JSON (``format=json``)."""
    state = _context(request).read_list(list_id)
    if format == "json":
        return JSONResponse(list_view(state))
    return PlainTextResponse(export_text(state))
