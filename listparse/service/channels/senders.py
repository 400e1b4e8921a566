"""Sending queued replies (the outbox) to the platforms that do not take a reply in the webhook
answer: WhatsApp Cloud API and Slack.

Each sender returns ``True`` when the message is done with (sent, or the channel has no sending
credentials so there is nothing to do) and ``False`` when it should be tried again later. The
HTTP client is passed in, so the caller owns timeouts and connection reuse. Nothing is logged
but the channel and the HTTP status: never the recipient or the text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx

from ..logs import log_event
from .replies import truncate_chars
from .verify import secret_value

__all__ = ["GRAPH_API_URL", "SENDERS", "SLACK_API_URL", "deliver", "send_slack", "send_whatsapp"]

#: the Meta Graph API, version included
GRAPH_API_URL = "https://graph.facebook.com/v21.0"
#: Slack's Web API
SLACK_API_URL = "https://slack.com/api"
#: WhatsApp refuses text bodies longer than this
_WHATSAPP_MAX_CHARS = 4096
_SLACK_MAX_CHARS = 40_000


def _post(channel: str, client: httpx.Client, url: str, *, token: str, payload: dict[str, Any]) -> httpx.Response | None:
    try:
        return client.post(url, json=payload, headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as error:
        log_event("reply not sent", level=logging.WARNING, event="send_failed", channel=channel,
                  error=type(error).__name__)
        return None


def send_whatsapp(settings: Any, recipient: str, body: str, *, client: httpx.Client) -> bool:
    """Send ``body`` as a WhatsApp text message to ``recipient`` (a wa_id) through the Cloud API.

    Without ``whatsapp_access_token`` and ``whatsapp_phone_number_id`` nothing is sent and the
    answer is ``True`` (there is nothing to retry).
    """
    token = secret_value(settings.whatsapp_access_token)
    phone_number_id = settings.whatsapp_phone_number_id
    if token is None or not phone_number_id:
        return True
    if not body.strip():
        return True
    payload = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": recipient,
        "type": "text",
        "text": {"preview_url": False, "body": truncate_chars(body, _WHATSAPP_MAX_CHARS)},
    }
    response = _post("whatsapp", client, f"{GRAPH_API_URL}/{phone_number_id}/messages", token=token, payload=payload)
    if response is None:
        return False
    if not response.is_success:
        log_event("reply refused", level=logging.WARNING, event="send_failed", channel="whatsapp",
                  status=response.status_code)
        return False
    return True


def send_slack(settings: Any, channel: str, text: str, *, client: httpx.Client) -> bool:
    """Post ``text`` to the Slack conversation ``channel`` (``chat.postMessage``).

    Without ``slack_bot_token`` nothing is sent and the answer is ``True``. Slack answers HTTP
    200 with ``{"ok": false}`` on errors: that counts as a failure.
    """
    token = secret_value(settings.slack_bot_token)
    if token is None or not text.strip():
        return True
    payload = {"channel": channel, "text": truncate_chars(text, _SLACK_MAX_CHARS)}
    response = _post("slack", client, f"{SLACK_API_URL}/chat.postMessage", token=token, payload=payload)
    if response is None:
        return False
    try:
        ok = response.is_success and response.json().get("ok") is True
    except (ValueError, AttributeError):
        ok = False
    if not ok:
        log_event("reply refused", level=logging.WARNING, event="send_failed", channel="slack",
                  status=response.status_code)
    return ok


#: the sender of each outbox channel
SENDERS: dict[str, Callable[..., bool]] = {"whatsapp": send_whatsapp, "slack": send_slack}


def deliver(settings: Any, message: Any, *, client: httpx.Client) -> bool:
    """Send one outbox message (anything with ``channel``, ``recipient`` and ``body``) with the
    sender of its channel; ``False`` for a channel without a sender."""
    sender = SENDERS.get(message.channel)
    if sender is None:
        log_event("no sender for channel", level=logging.WARNING, event="send_failed", channel=message.channel)
        return False
    return sender(settings, message.recipient, message.body, client=client)
