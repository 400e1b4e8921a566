"""Signing and payload helpers for the webhook tests, written from the platforms' documentation
(independently of listparse.service.channels.verify)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import quote, urlencode

from fastapi.testclient import TestClient

TELEGRAM_TOKEN = "tg-secret-token_123"
WA_VERIFY = "wa-verify-token"
WA_SECRET = "wa-app-secret"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TWILIO_TOKEN = "twilio-auth-token"
DF_TOKEN = "df-bearer-token"
DF_USER = "dialogflow"
DF_PASSWORD = "df-basic-pw"
PUBLIC = "https://bot.example.com"

ALL_SECRETS: dict[str, Any] = {
    "telegram_secret_token": TELEGRAM_TOKEN,
    "whatsapp_verify_token": WA_VERIFY,
    "whatsapp_app_secret": WA_SECRET,
    "slack_signing_secret": SLACK_SECRET,
    "twilio_auth_token": TWILIO_TOKEN,
    "public_base_url": PUBLIC + "/",
    "dialogflow_token": DF_TOKEN,
    "dialogflow_basic_user": DF_USER,
    "dialogflow_basic_password": DF_PASSWORD,
}


@contextmanager
def service(tmp_path, database_url: str | None = None, **settings: Any) -> Iterator[TestClient]:
    """A TestClient on the real app (by default on a fresh SQLite file), no linking, no
    background thread."""
    from listparse.service import Settings, create_app

    url = database_url or f"sqlite:///{tmp_path}/db.sqlite"
    config = Settings(_env_file=None, database_url=url, link=False, **settings)
    app = create_app(config, start_background=False)
    with TestClient(app, raise_server_exceptions=True) as client:
        yield client


def ctx(client: TestClient) -> Any:
    return client.app.state.context


def stored(client: TestClient, list_id: str) -> str | None:
    """The raw stored document of a list (None: never written)."""
    return ctx(client).store.read(list_id)


def items(client: TestClient, list_id: str) -> list[dict]:
    response = client.get(f"/v1/lists/{quote(list_id, safe='')}")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def metric(client: TestClient, name: str, **labels: str) -> float:
    value = ctx(client).metrics.registry.get_sample_value(name, labels)
    return value or 0.0


# ---------------------------------------------------------------------------------- Telegram


def telegram_update(update_id: int, chat_id: int, text: str | None, *, kind: str = "message") -> dict:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Zoé"},
    }
    if text is not None:
        message["text"] = text
    return {"update_id": update_id, kind: message}


def telegram_headers(token: str = TELEGRAM_TOKEN) -> dict[str, str]:
    return {"X-Telegram-Bot-Api-Secret-Token": token, "Content-Type": "application/json"}


# ---------------------------------------------------------------------------------- WhatsApp


def whatsapp_payload(wa_id: str, message_id: str, text: str, *, kind: str = "text") -> dict:
    message: dict[str, Any] = {"from": wa_id, "id": message_id, "timestamp": "1700000000", "type": kind}
    if kind == "text":
        message["text"] = {"body": text}
    return {
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
                    "contacts": [{"profile": {"name": "Zoé"}, "wa_id": wa_id}],
                    "messages": [message],
                },
            }],
        }],
    }


def whatsapp_statuses(wa_id: str) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "statuses": [{"id": "wamid.X", "status": "delivered", "timestamp": "1", "recipient_id": wa_id}],
        }}]}],
    }


def meta_body(payload: dict) -> bytes:
    """As Meta sends it: ASCII JSON with escaped unicode (\\u00e9)."""
    return json.dumps(payload, ensure_ascii=True).encode()


def whatsapp_headers(body: bytes, secret: str = WA_SECRET) -> dict[str, str]:
    sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": sig, "Content-Type": "application/json"}


# ---------------------------------------------------------------------------------- Slack


def slack_headers(body: bytes, *, secret: str = SLACK_SECRET, ts: int | None = None, **extra: str) -> dict[str, str]:
    stamp = str(int(time.time()) if ts is None else ts)
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": sig, **extra}


def slack_event(team: str, user: str, text: str, *, event_id: str = "Ev01", ts: str = "1700000000.000100",
                channel: str = "D024BE91L", kind: str = "message", **event_extra: Any) -> dict:
    event: dict[str, Any] = {"type": kind, "user": user, "text": text, "ts": ts, "channel": channel,
                             "event_ts": ts, **event_extra}
    if kind == "message" and "channel_type" not in event_extra:
        event["channel_type"] = "im"
    return {"token": "unused", "team_id": team, "api_app_id": "A0PNCHHK2", "type": "event_callback",
            "event_id": event_id, "event_time": 1_700_000_000, "event": event}


def slack_command(team: str, user: str, text: str, *, trigger_id: str = "13345224609.738474920.8088930838d88f008e0") -> bytes:
    return urlencode({
        "token": "unused", "team_id": team, "team_domain": "example", "channel_id": "C2147483705",
        "channel_name": "courses", "user_id": user, "user_name": "zoe", "command": "/courses", "text": text,
        "response_url": "https://hooks.slack.com/commands/1234/5678", "trigger_id": trigger_id,
        "api_app_id": "A123456",
    }).encode()


# ---------------------------------------------------------------------------------- Twilio


def twilio_form(sender: str, text: str, sid: str = "SM0123456789abcdef0123456789abcdef") -> dict[str, str]:
    return {"MessageSid": sid, "SmsSid": sid, "AccountSid": "AC0123456789abcdef0123456789abcdef",
            "From": sender, "To": "whatsapp:+14155238886", "Body": text, "NumMedia": "0"}


def twilio_signature(url: str, params: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    data = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def twilio_post(client: TestClient, params: dict[str, str], *, url: str = PUBLIC + "/webhooks/twilio",
                path: str = "/webhooks/twilio", headers: dict[str, str] | None = None, token: str = TWILIO_TOKEN):
    all_headers = {"X-Twilio-Signature": twilio_signature(url, params, token),
                   "Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    return client.post(path, content=urlencode(params).encode(), headers=all_headers)


# ---------------------------------------------------------------------------------- Dialogflow


def cx_request(session: str, text: str, *, response_id: str = "cx-resp-1", lang: str = "en") -> dict:
    return {
        "detectIntentResponseId": response_id,
        "intentInfo": {"lastMatchedIntent": "projects/p/locations/global/agents/a/intents/i", "confidence": 1.0},
        "pageInfo": {"currentPage": "projects/p/locations/global/agents/a/flows/f/pages/START_PAGE"},
        "sessionInfo": {"session": f"projects/p/locations/global/agents/a/sessions/{session}", "parameters": {}},
        "fulfillmentInfo": {"tag": "shopping-list"},
        "text": text,
        "languageCode": lang,
    }


def es_request(session: str, text: str, *, response_id: str = "es-resp-1", lang: str = "en") -> dict:
    return {
        "responseId": response_id,
        "session": f"projects/p/agent/sessions/{session}",
        "queryResult": {"queryText": text, "languageCode": lang, "parameters": {}, "allRequiredParamsPresent": True,
                        "intent": {"name": "projects/p/agent/intents/i", "displayName": "list"},
                        "intentDetectionConfidence": 1.0},
        "originalDetectIntentRequest": {"source": "DIALOGFLOW_CONSOLE", "payload": {}},
    }


def bearer(token: str = DF_TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def basic(user: str = DF_USER, password: str = DF_PASSWORD) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
