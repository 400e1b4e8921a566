"""Twilio Messaging webhook (SMS and WhatsApp through Twilio): ``POST /webhooks/twilio``.

Twilio signs each request with the account's auth token over the URL it called plus the sorted
form parameters (``X-Twilio-Signature``). That URL is rebuilt from ``LISTPARSE_PUBLIC_BASE_URL``
and the request path and query, never from ``Host`` or ``X-Forwarded-*`` headers, so a proxy (or
a caller forging those headers) cannot change what is checked. The public base URL is the address
of the app's root as the platforms call it, with any path prefix a reverse proxy adds
(``https://bot.example.com`` or ``https://example.com/listparse``). The channel is off (404) unless
both the auth token and the public base URL are set.

One list per sender number: ``twilio:{From}`` (a ``whatsapp:`` prefix removed, so SMS and
WhatsApp from the same number share the list). De-duplicated on ``MessageSid``. The answer is
TwiML sending the reply back; a retried delivery gets the same reply and changes nothing.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from .common import channel_id, context, event_key, form_pairs, not_found, refuse, run_message, usable_text
from .replies import truncate_chars, twiml
from .verify import VerificationError, public_url, secret_value, verify_twilio

__all__ = ["MAX_MESSAGE_CHARS", "router"]

CHANNEL = "twilio"
#: Twilio refuses message bodies longer than this
MAX_MESSAGE_CHARS = 1600

router = APIRouter(tags=["channels"])


def _app_path(request: Request) -> str:
    """The request path below the app's root (without a ``root_path`` the server adds): the
    public base URL already says where the app's root is."""
    path = request.scope.get("path", "")
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path


def _xml(content: str) -> Response:
    return Response(content=content, media_type="application/xml")


def enabled(settings: Any) -> bool:
    """Whether the channel is on: the auth token and the public URL it signs are both set."""
    return secret_value(settings.twilio_auth_token) is not None and bool(settings.public_base_url)


@router.post("/webhooks/twilio", summary="Twilio Messaging webhook (SMS, WhatsApp)")
async def twilio_webhook(request: Request) -> Response:
    ctx = context(request)
    token = ctx.settings.twilio_auth_token
    base = ctx.settings.public_base_url
    if not enabled(ctx.settings):
        not_found()
    body = await request.body()
    params = form_pairs(body)
    url = public_url(base, _app_path(request), request.url.query)
    try:
        if params is None:
            raise VerificationError(CHANNEL, "body is not a UTF-8 form")
        verify_twilio(token, request.headers, url, params)
    except VerificationError as error:
        refuse(ctx, error)

    form = dict(params)
    sender = form.get("From", "").strip()
    if sender.lower().startswith("whatsapp:"):
        sender = sender[len("whatsapp:"):]
    number = channel_id(sender)
    text = usable_text(form.get("Body"))
    if number is None or text is None:
        return _xml(twiml(""))  # media-only messages, opt-out keywords handled by Twilio...
    sid = event_key(form.get("MessageSid") or form.get("SmsSid"))
    result = await run_message(
        ctx, channel=CHANNEL, list_id=f"{CHANNEL}:{number}", text=text, dedup=(CHANNEL, sid) if sid else None
    )
    return _xml(twiml(truncate_chars(result.reply, MAX_MESSAGE_CHARS)))
