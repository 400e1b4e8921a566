"""Slack webhooks: ``POST /webhooks/slack/commands`` (slash commands) and
``POST /webhooks/slack/events`` (Events API).

Both are signed with the app's signing secret (``X-Slack-Signature``, ``v0`` scheme) and refused
when ``X-Slack-Request-Timestamp`` is more than 5 minutes away. One list per user and workspace:
``slack:{team_id}:{user_id}``.

* Slash command (``/courses ajoute du lait``): the reply is the answer itself, shown only to the
  user (``ephemeral``). Slack does not retry slash commands, but the same delivery sent twice
  carries the same ``trigger_id``: it is the de-duplication key (``command:{trigger_id}`` in the
  scope ``slack:{team_id}``), so a replayed command is answered again without changing the list.
  A command with no text does nothing.
* Events: ``url_verification`` is answered with its challenge, only once the signature passed.
  ``app_mention`` events, and ``message`` events of direct messages (``channel_type`` ``im``),
  are run as list commands; messages from bots (``bot_id``) and message subtypes (edits,
  deletions, joins, the app's own replies) are ignored so the app never answers itself. The
  de-duplication key is the message's channel and ``ts`` (``msg:{channel}:{ts}``), falling back
  to ``event_id``: a retry (``X-Slack-Retry-Num``) carries the same message, and so does a
  ``message`` event sent alongside an ``app_mention`` for the same text, so neither applies
  twice. The reply goes through the outbox to the event's channel
  (:func:`~listparse.service.channels.senders.send_slack`); the answer is an empty 200.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from .common import (
    bad_request,
    channel_id,
    event_key,
    outbox_reply,
    parse_form,
    parse_json,
    run_message,
    usable_text,
    verified_body,
)
from .replies import truncate_chars
from .senders import send_slack
from .verify import secret_value, verify_slack

__all__ = ["MAX_MESSAGE_CHARS", "plain_text", "router", "send_slack"]

CHANNEL = "slack"
#: Slack cuts message text longer than this
MAX_MESSAGE_CHARS = 40_000

router = APIRouter(tags=["channels"])

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_REFERENCE = re.compile(r"<([#!]?)([^>|]*)(?:\|([^>]*))?>")


def plain_text(text: str) -> str:
    """Slack's message markup as the plain text the user typed: user mentions removed, channel
    and link references replaced by their label, ``&amp;`` ``&lt;`` ``&gt;`` unescaped.

    >>> plain_text("<@U024BE7LH> add milk &amp; bread <https://x.example|the shop>")
    'add milk & bread the shop'
    """
    text = _MENTION.sub(" ", text)

    def label(match: re.Match[str]) -> str:
        kind, target, shown = match.groups()
        if shown:
            return f"#{shown}" if kind == "#" else shown
        return "" if kind == "!" else target

    text = _REFERENCE.sub(label, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def enabled(settings: Any) -> bool:
    """Whether the channel is on: its signing secret is set."""
    return secret_value(settings.slack_signing_secret) is not None


async def _verified_body(request: Request) -> tuple[Any, bytes]:
    """The service context and the raw body, once the Slack signature is checked."""
    return await verified_body(
        request, enabled, lambda settings, headers, raw: verify_slack(settings.slack_signing_secret, headers, raw)
    )


@router.post("/webhooks/slack/commands", summary="Slack slash command")
async def slack_command(request: Request) -> Response:
    ctx, body = await _verified_body(request)
    form = dict(parse_form(CHANNEL, body))
    if form.get("ssl_check") == "1":
        return Response(status_code=200)  # Slack checking the certificate
    team = channel_id(form.get("team_id"))
    user = channel_id(form.get("user_id"))
    if team is None or user is None:
        bad_request(CHANNEL, "slash command without team_id or user_id")
    text = usable_text(plain_text(form.get("text", "")))
    if text is None:
        return Response(status_code=200)
    trigger = event_key(form.get("trigger_id"))
    result = await run_message(
        ctx,
        channel=CHANNEL,
        list_id=f"{CHANNEL}:{team}:{user}",
        text=text,
        dedup=(f"{CHANNEL}:{team}", f"command:{trigger}") if trigger else None,
    )
    return JSONResponse({"response_type": "ephemeral", "text": truncate_chars(result.reply, MAX_MESSAGE_CHARS)})


@router.post("/webhooks/slack/events", summary="Slack Events API")
async def slack_events(request: Request) -> Response:
    ctx, body = await _verified_body(request)
    payload = parse_json(CHANNEL, body)
    kind = payload.get("type")
    if kind == "url_verification":
        challenge = payload.get("challenge")
        if not isinstance(challenge, str):
            bad_request(CHANNEL, "url_verification without a challenge")
        return JSONResponse({"challenge": challenge})
    if kind != "event_callback":
        return Response(status_code=200)  # app_rate_limited and the like

    event = payload.get("event")
    if not isinstance(event, dict) or event.get("bot_id") or event.get("subtype"):
        return Response(status_code=200)
    event_type = event.get("type")
    if event_type == "message":
        if event.get("channel_type") not in (None, "im"):
            return Response(status_code=200)  # channel chatter: only mentions are commands there
    elif event_type != "app_mention":
        return Response(status_code=200)
    team = channel_id(payload.get("team_id")) or channel_id(event.get("team"))
    user = channel_id(event.get("user"))
    raw_text = event.get("text")
    if team is None or user is None or not isinstance(raw_text, str):
        return Response(status_code=200)
    text = usable_text(plain_text(raw_text))
    if text is None:
        return Response(status_code=200)

    reply_channel = channel_id(event.get("channel"))
    ts = event_key(event.get("ts"))
    if reply_channel and ts:
        key = event_key(f"msg:{reply_channel}:{ts}")
    else:
        event_id = event_key(payload.get("event_id"))
        key = f"event:{event_id}" if event_id else None
    await run_message(
        ctx,
        channel=CHANNEL,
        list_id=f"{CHANNEL}:{team}:{user}",
        text=text,
        dedup=(f"{CHANNEL}:{team}", key) if key else None,
        reply_to=outbox_reply(CHANNEL, reply_channel) if reply_channel else None,
    )
    return Response(status_code=200)
