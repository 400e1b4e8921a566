"""Telegram Bot API webhook: ``POST /webhooks/telegram``.

Set the webhook with ``setWebhook(url=<public>/webhooks/telegram, secret_token=<LISTPARSE_TELEGRAM_SECRET_TOKEN>)``;
Telegram then sends the token in ``X-Telegram-Bot-Api-Secret-Token`` with every update.

One list per chat (``telegram:{chat id}``, so a group shares its list). A ``message`` with text
is run as a list command and the reply goes back in the webhook answer itself, as a
``sendMessage`` call. Edited messages are ignored: applying an edit would run the command a
second time. Updates are de-duplicated on ``update_id`` (Telegram retries any non-2xx answer);
a retried update gets the same reply again and does not change the list again.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .common import channel_id, event_key, field, parse_json, run_message, usable_text, verified_body
from .replies import truncate_chars
from .verify import secret_value, verify_telegram

__all__ = ["MAX_MESSAGE_CHARS", "router"]

CHANNEL = "telegram"
#: Telegram refuses messages longer than this
MAX_MESSAGE_CHARS = 4096

router = APIRouter(tags=["channels"])


def enabled(settings: Any) -> bool:
    """Whether the channel is on: its secret token is set."""
    return secret_value(settings.telegram_secret_token) is not None


@router.post("/webhooks/telegram", summary="Telegram Bot API webhook")
async def telegram_webhook(request: Request) -> JSONResponse:
    ctx, body = await verified_body(
        request, enabled, lambda settings, headers, _: verify_telegram(settings.telegram_secret_token, headers)
    )
    update = parse_json(CHANNEL, body)

    message = update.get("message")
    text = usable_text(field(message, "text"))
    chat = channel_id(field(message, "chat", "id"))
    if text is None or chat is None:
        return JSONResponse({})  # edits, channel posts, stickers, joins...: nothing to do
    update_id = event_key(update.get("update_id"))
    dedup = (CHANNEL, update_id) if update_id else None

    result = await run_message(ctx, channel=CHANNEL, list_id=f"{CHANNEL}:{chat}", text=text, dedup=dedup)
    if not result.reply:
        return JSONResponse({})
    answer: dict[str, Any] = {
        "method": "sendMessage",
        "chat_id": field(message, "chat", "id"),
        "text": truncate_chars(result.reply, MAX_MESSAGE_CHARS),
    }
    thread = field(message, "message_thread_id")
    if isinstance(thread, int) and field(message, "is_topic_message") is True:
        answer["message_thread_id"] = thread
    return JSONResponse(answer)
