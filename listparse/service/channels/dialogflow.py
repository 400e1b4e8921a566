"""Dialogflow fulfillment webhook, CX and ES: ``POST /webhooks/dialogflow``.

Dialogflow authenticates with a header configured on the webhook: ``Authorization: Bearer
<LISTPARSE_DIALOGFLOW_TOKEN>``, or HTTP Basic with ``LISTPARSE_DIALOGFLOW_BASIC_USER`` and
``LISTPARSE_DIALOGFLOW_BASIC_PASSWORD``. The channel is off (404) until one of them is set.

* CX (a ``sessionInfo`` or ``detectIntentResponseId`` in the request): the user's ``text`` (or
  voice ``transcript``), ``languageCode`` as the language hint, de-duplicated on
  ``detectIntentResponseId``; answered with ``fulfillment_response.messages``.
* ES (a ``queryResult`` in the request): ``queryResult.queryText``,
  ``queryResult.languageCode``, de-duplicated on ``responseId``; answered with
  ``fulfillmentText`` and ``fulfillmentMessages``.

One list per Dialogflow session: ``dialogflow:{last segment of the session path}``. A request
without user text (an event or a page entry) gets an empty answer. Dialogflow refuses answers
over 64 KiB: a longer reply is cut, with an ellipsis, so that the whole answer fits.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from .common import (
    bad_request,
    channel_id,
    context,
    event_key,
    field,
    parse_json,
    run_message,
    usable_text,
    verified_body,
)
from .replies import json_bytes, json_fitting, lang_hint
from .verify import secret_value, verify_dialogflow

__all__ = ["MAX_RESPONSE_BYTES", "cx_answer", "es_answer", "router"]

CHANNEL = "dialogflow"
#: Dialogflow refuses webhook answers larger than this
MAX_RESPONSE_BYTES = 64 * 1024

router = APIRouter(tags=["channels"])


def cx_answer(reply: str) -> dict[str, Any]:
    """A Dialogflow CX ``WebhookResponse`` saying ``reply``."""
    return {"fulfillment_response": {"messages": [{"text": {"text": [reply]}}]}}


def es_answer(reply: str) -> dict[str, Any]:
    """A Dialogflow ES ``WebhookResponse`` saying ``reply``."""
    return {"fulfillmentText": reply, "fulfillmentMessages": [{"text": {"text": [reply]}}]}


def _json(content: bytes) -> Response:
    return Response(content=content, media_type="application/json")


def _session_id(session: Any) -> str | None:
    """The last segment of a session path (``projects/.../sessions/<id>``)."""
    if not isinstance(session, str):
        return None
    return channel_id(session.rstrip("/").rpartition("/")[2])


def _basic_on(settings: Any) -> bool:
    return bool(settings.dialogflow_basic_user) and secret_value(settings.dialogflow_basic_password) is not None


def enabled(settings: Any) -> bool:
    """Whether the channel is on: a bearer token, or a basic-auth user and password, is set."""
    return secret_value(settings.dialogflow_token) is not None or _basic_on(settings)


@router.post("/webhooks/dialogflow", summary="Dialogflow CX and ES fulfillment webhook")
async def dialogflow_webhook(request: Request) -> Response:
    challenge = 'Basic realm="listparse"' if _basic_on(context(request).settings) else 'Bearer realm="listparse"'
    ctx, body = await verified_body(
        request,
        enabled,
        lambda settings, headers, _: verify_dialogflow(
            headers,
            token=settings.dialogflow_token,
            basic_user=settings.dialogflow_basic_user,
            basic_password=settings.dialogflow_basic_password,
        ),
        refuse_headers={"WWW-Authenticate": challenge},
    )
    payload = parse_json(CHANNEL, body)

    if isinstance(payload.get("queryResult"), dict):
        build = es_answer
        text = field(payload, "queryResult", "queryText")
        session = payload.get("session")
        lang = lang_hint(field(payload, "queryResult", "languageCode"))
        response_id = event_key(payload.get("responseId"))
    elif "sessionInfo" in payload or "detectIntentResponseId" in payload:
        build = cx_answer
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            text = payload.get("transcript")
        session = field(payload, "sessionInfo", "session")
        lang = lang_hint(payload.get("languageCode"))
        response_id = event_key(payload.get("detectIntentResponseId"))
    else:
        bad_request(CHANNEL, "neither a CX nor an ES webhook request")

    text = usable_text(text)
    if text is None:
        return _json(json_bytes({}))
    session_id = _session_id(session)
    if session_id is None:
        bad_request(CHANNEL, "request without a usable session")
    result = await run_message(
        ctx,
        channel=CHANNEL,
        list_id=f"{CHANNEL}:{session_id}",
        text=text,
        dedup=(CHANNEL, response_id) if response_id else None,
        lang=lang,
    )
    return _json(json_fitting(build, result.reply, limit=MAX_RESPONSE_BYTES))
