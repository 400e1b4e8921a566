"""WhatsApp Cloud API webhook: ``GET`` and ``POST /webhooks/whatsapp``.

``GET`` is Meta's subscription handshake: with ``hub.mode=subscribe`` and ``hub.verify_token``
equal to ``LISTPARSE_WHATSAPP_VERIFY_TOKEN`` it echoes ``hub.challenge`` as plain text (403
otherwise). ``POST`` deliveries are signed with the app secret (``X-Hub-Signature-256``) over the
raw body. Each ``text`` message in ``entry[].changes[].value.messages[]`` is run against the
sender's list (``whatsapp:{wa_id}``), de-duplicated on the message ``id``; the reply is queued in
the outbox in the same transaction and sent by :func:`~listparse.service.channels.senders.send_whatsapp`.
Status updates (sent, delivered, read) change nothing. The channel is off (404) until the app
secret is set; the handshake also needs the verify token.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from .common import (
    channel_id,
    context,
    event_key,
    field,
    items_of,
    not_found,
    outbox_reply,
    parse_json,
    refuse,
    run_message,
    usable_text,
    verified_body,
)
from .senders import send_whatsapp
from .verify import VerificationError, secret_value, verify_whatsapp_signature, verify_whatsapp_subscribe

__all__ = ["router", "send_whatsapp"]

CHANNEL = "whatsapp"
#: the challenge Meta sends is a short number; anything longer is not echoed
_MAX_CHALLENGE_CHARS = 256

router = APIRouter(tags=["channels"])


def enabled(settings: Any) -> bool:
    """Whether the channel is on: its app secret is set (the handshake also needs the verify
    token)."""
    return secret_value(settings.whatsapp_app_secret) is not None


@router.get("/webhooks/whatsapp", summary="WhatsApp Cloud API subscription handshake")
async def whatsapp_subscribe(request: Request) -> PlainTextResponse:
    ctx = context(request)
    token = ctx.settings.whatsapp_verify_token
    if not enabled(ctx.settings) or secret_value(token) is None:
        not_found()
    try:
        challenge = verify_whatsapp_subscribe(token, request.query_params)
        if len(challenge) > _MAX_CHALLENGE_CHARS or not challenge.isprintable():
            raise VerificationError(CHANNEL, "hub.challenge is not a short printable text")
    except VerificationError as error:
        refuse(ctx, error, status=403)
    return PlainTextResponse(challenge, headers={"X-Content-Type-Options": "nosniff"})


@router.post("/webhooks/whatsapp", summary="WhatsApp Cloud API webhook")
async def whatsapp_webhook(request: Request) -> JSONResponse:
    ctx, body = await verified_body(
        request, enabled, lambda settings, headers, raw: verify_whatsapp_signature(settings.whatsapp_app_secret, headers, raw)
    )
    payload = parse_json(CHANNEL, body)

    handled = 0
    for entry in items_of(payload.get("entry")):
        for change in items_of(field(entry, "changes")):
            for message in items_of(field(change, "value", "messages")):
                if field(message, "type") != "text":
                    continue  # images, reactions, locations...: not list commands
                text = usable_text(field(message, "text", "body"))
                sender = channel_id(field(message, "from"))
                message_id = event_key(field(message, "id"))
                if text is None or sender is None:
                    continue
                await run_message(
                    ctx,
                    channel=CHANNEL,
                    list_id=f"{CHANNEL}:{sender}",
                    text=text,
                    dedup=(CHANNEL, message_id) if message_id else None,
                    reply_to=outbox_reply(CHANNEL, sender),
                )
                handled += 1
    return JSONResponse({"ok": True, "messages": handled})
