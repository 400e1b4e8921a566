"""Chat-platform webhooks: Telegram, WhatsApp Cloud API, Slack, Twilio and Dialogflow.

Each platform has a module with a FastAPI ``router``; :data:`routers` lists them all for the app
to include. Every route reads the raw body, checks the platform's signature or token over those
exact bytes BEFORE parsing it (:mod:`.verify`), and answers 404 while the platform's secret is
not configured. A verified message runs as a list command through the service context, in the
same store transaction as its de-duplication record, so a retried delivery never changes a list
twice. Replies go back in the webhook answer (Telegram, Slack commands, Twilio, Dialogflow) or
through the outbox (WhatsApp, Slack events; sent by :mod:`.senders`).
"""

from __future__ import annotations

from fastapi import APIRouter

from . import dialogflow, slack, telegram, twilio, whatsapp
from .senders import deliver, send_slack, send_whatsapp
from .verify import VerificationError

__all__ = ["VerificationError", "deliver", "enabled_channels", "routers", "send_slack", "send_whatsapp"]

#: the routers of every channel, for ``app.include_router``
routers: list[APIRouter] = [telegram.router, whatsapp.router, slack.router, twilio.router, dialogflow.router]


def enabled_channels(settings) -> list[str]:
    """The names of the channels whose secrets are set (the others answer 404)."""
    modules = {"dialogflow": dialogflow, "telegram": telegram, "whatsapp": whatsapp, "slack": slack, "twilio": twilio}
    return [name for name, module in modules.items() if module.enabled(settings)]
