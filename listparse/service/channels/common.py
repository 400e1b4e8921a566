"""What every webhook route shares: the service context, refusing a delivery, reading the body
as JSON or as a form, and running a message against a list in a worker thread.

A refused delivery is counted in ``verification_failures`` and logged with its channel and reason
only; message text, phone numbers, user ids and secrets are never logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import TYPE_CHECKING, Any, Callable, NoReturn
from urllib.parse import parse_qsl

from fastapi import HTTPException, Request

from ..logs import log_event
from .verify import VerificationError

if TYPE_CHECKING:  # pragma: no cover
    from listparse.store import OutboxMessage

__all__ = [
    "MAX_ID_CHARS",
    "MAX_LIST_ID_CHARS",
    "bad_request",
    "channel_id",
    "context",
    "event_key",
    "field",
    "form_pairs",
    "items_of",
    "not_found",
    "outbox_reply",
    "parse_form",
    "parse_json",
    "refuse",
    "run_message",
    "usable_text",
    "verified_body",
]

#: platform ids used inside list ids (chat ids, sessions, phone numbers) are at most this long
MAX_ID_CHARS = 128
#: the longest list id the service keeps (channel prefix included)
MAX_LIST_ID_CHARS = 200
_ID = re.compile(r"[\w.+@=-]{1,%d}" % MAX_ID_CHARS)
_MAX_KEY_CHARS = 200


def context(request: Request) -> Any:
    """The app's :class:`~listparse.service.context.ServiceContext`."""
    return request.app.state.context


def not_found() -> NoReturn:
    """A channel that is not configured answers like a route that does not exist (fails closed)."""
    raise HTTPException(status_code=404, detail="Not Found")


def refuse(ctx: Any, error: VerificationError, *, status: int = 401, headers: dict[str, str] | None = None) -> NoReturn:
    """Count and log a refused delivery, then answer ``status`` (nothing is written)."""
    ctx.metrics.verification_failures.labels(channel=error.channel).inc()
    log_event("webhook refused", level=logging.WARNING, event="verification_failed",
              channel=error.channel, reason=error.reason, status=status)
    raise HTTPException(status_code=status, detail=f"webhook verification failed: {error.reason}", headers=headers)


async def verified_body(
    request: Request,
    enabled: Callable[[Any], bool],
    check: Callable[[Any, Any, bytes], None],
    *,
    refuse_headers: dict[str, str] | None = None,
) -> tuple[Any, bytes]:
    """The service context and the raw body of a delivery, in the order every channel keeps:
    404 while ``enabled(settings)`` is false, then ``check(settings, headers, body)`` over the
    raw bytes, whose :class:`VerificationError` is refused with 401 (``refuse_headers`` added)."""
    ctx = context(request)
    if not enabled(ctx.settings):
        not_found()
    body = await request.body()
    try:
        check(ctx.settings, request.headers, body)
    except VerificationError as error:
        refuse(ctx, error, headers=refuse_headers)
    return ctx, body


def bad_request(channel: str, reason: str) -> NoReturn:
    """A delivery that passed verification but cannot be read."""
    log_event("webhook unreadable", level=logging.WARNING, event="bad_payload", channel=channel, reason=reason)
    raise HTTPException(status_code=400, detail=f"{channel} webhook: {reason}")


def parse_json(channel: str, body: bytes) -> dict[str, Any]:
    """The body as a JSON object, or 400."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        bad_request(channel, "body is not valid JSON")
    if not isinstance(payload, dict):
        bad_request(channel, "body is not a JSON object")
    return payload


def form_pairs(body: bytes) -> list[tuple[str, str]] | None:
    """The body as ``application/x-www-form-urlencoded`` pairs (repeats and order kept), or
    ``None`` when it is not a UTF-8 form.

    >>> form_pairs(b"Body=du+pain&From=%2B33600000000"), form_pairs(b"a=%ff")
    ([('Body', 'du pain'), ('From', '+33600000000')], None)
    """
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError):
        return None


def parse_form(channel: str, body: bytes) -> list[tuple[str, str]]:
    """The body as form pairs, or 400."""
    pairs = form_pairs(body)
    if pairs is None:
        bad_request(channel, "body is not a UTF-8 form")
    return pairs


def field(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``, or ``None`` as soon as a step is missing or of the wrong type.

    >>> field({"a": [{"b": 1}]}, "a", 0, "b"), field({"a": 1}, "a", "b")
    (1, None)
    """
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or not -len(data) <= step < len(data):
                return None
        elif not isinstance(data, dict):
            return None
        else:
            if step not in data:
                return None
        data = data[step]
    return data


def channel_id(value: Any) -> str | None:
    """A platform id (chat, user, session, phone number) fit for a list id: an int, or a short
    text of letters, digits and ``. _ + @ = -``; ``None`` otherwise.

    >>> channel_id(-1001234), channel_id(" U024BE7LH "), channel_id("+33612345678"), channel_id("a b")
    ('-1001234', 'U024BE7LH', '+33612345678', None)
    >>> channel_id("T1:U2"), channel_id(True), channel_id("x" * 200)
    (None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if _ID.fullmatch(text) else None


def usable_text(value: Any) -> str | None:
    """A message text worth running: a non-blank string (a text too long to be a list command
    is still run: the conversation answers that it is too long)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value


def items_of(value: Any) -> list[Any]:
    """``value`` when it is a JSON array, else an empty list."""
    return value if isinstance(value, list) else []


def event_key(value: Any) -> str | None:
    """A delivery id (update, message or event id) as a de-duplication key; a very long id is
    replaced by its SHA-256 so that it still de-duplicates.

    >>> event_key(12), event_key("Ev0PV52K25"), event_key(""), event_key(None), len(event_key("x" * 999))
    ('12', 'Ev0PV52K25', None, None, 71)
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    text = str(value).strip()
    if not text:
        return None
    if len(text) > _MAX_KEY_CHARS:
        return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return text


def outbox_reply(channel: str, recipient: str) -> OutboxMessage:
    """The outbox message the reply of a message goes out as (its body is filled in with the
    reply, in the same transaction as the list change)."""
    from listparse.store import OutboxMessage

    return OutboxMessage(channel=channel, recipient=recipient, body="")


async def run_message(
    ctx: Any,
    *,
    channel: str,
    list_id: str,
    text: str,
    dedup: tuple[str, str] | None,
    lang: str | None = None,
    reply_to: OutboxMessage | None = None,
) -> Any:
    """Run ``text`` against the list, on the event loop as the REST route does (see
    ``routes/api.py``); returns the context's ``MessageResult``. A duplicate delivery is
    counted by the context itself."""
    if len(list_id) > MAX_LIST_ID_CHARS:
        bad_request(channel, f"list id over {MAX_LIST_ID_CHARS} characters")
    kwargs: dict[str, Any] = {"channel": channel, "dedup": dedup, "lang": lang}
    if reply_to is not None:
        kwargs["reply_to"] = reply_to
    result = ctx.handle_message(list_id, text, **kwargs)
    if result.duplicate:
        log_event("duplicate delivery", event="duplicate", channel=channel, duplicate=True)
    return result
