"""The chat-channel webhooks on the real app (SQLite in a temporary folder): a verified delivery
changes the list, a refused one writes nothing, a retried one changes it once."""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from channel_helpers import (
    ALL_SECRETS,
    DF_TOKEN,
    PUBLIC,
    SLACK_SECRET,
    TELEGRAM_TOKEN,
    TWILIO_TOKEN,
    WA_SECRET,
    WA_VERIFY,
    basic,
    bearer,
    ctx,
    cx_request,
    es_request,
    items,
    meta_body,
    metric,
    service,
    slack_command,
    slack_event,
    slack_headers,
    stored,
    telegram_headers,
    telegram_update,
    twilio_form,
    twilio_post,
    twilio_signature,
    whatsapp_headers,
    whatsapp_payload,
    whatsapp_statuses,
)

pytest.importorskip("fastapi")

FAILURES = "listparse_verification_failures_total"
DEDUP = "listparse_dedup_hits_total"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    import os

    for name in list(os.environ):
        if name.startswith("LISTPARSE_") and name != "LISTPARSE_CACHE_DIR":
            monkeypatch.delenv(name)


@pytest.fixture
def client(tmp_path, database_url):
    """The app with every channel configured, on SQLite and on PostgreSQL."""
    with service(tmp_path, database_url=database_url, **ALL_SECRETS) as c:
        yield c


def _replies_with(client, suffix: str) -> None:
    """Make every reply end with ``suffix`` (the list change itself stays the real one)."""
    context = ctx(client)
    real = context.handle_message

    def handle(*args, **kwargs):
        result = real(*args, **kwargs)
        return dataclasses.replace(result, reply=result.reply + suffix)

    context.handle_message = handle


def _record_calls(client) -> list[dict]:
    context = ctx(client)
    real = context.handle_message
    calls: list[dict] = []

    def handle(list_id, text, **kwargs):
        calls.append({"list_id": list_id, "text": text, **kwargs})
        return real(list_id, text, **kwargs)

    context.handle_message = handle
    return calls


# ================================================================================ Telegram


def test_telegram_message_changes_the_list_and_replies_in_the_answer(client):
    body = json.dumps(telegram_update(1001, 4242, "ajoute deux litres de lait et du pain")).encode()
    response = client.post("/webhooks/telegram", content=body, headers=telegram_headers())
    assert response.status_code == 200
    answer = response.json()
    assert answer["method"] == "sendMessage"
    assert answer["chat_id"] == 4242
    assert isinstance(answer["text"], str) and answer["text"]
    assert len(items(client, "telegram:4242")) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
        {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_TOKEN + " "},
        {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_TOKEN.upper()},
        # another platform's valid credentials
        {"Authorization": f"Bearer {DF_TOKEN}"},
        {"X-Telegram-Bot-Api-Secret-Token": DF_TOKEN},
    ],
    ids=["missing", "wrong", "trailing-space", "case", "dialogflow-bearer", "dialogflow-token"],
)
def test_telegram_refused_without_its_token(client, headers):
    body = json.dumps(telegram_update(1, 4242, "add milk")).encode()
    response = client.post("/webhooks/telegram", content=body, headers=headers)
    assert response.status_code == 401
    assert TELEGRAM_TOKEN not in response.text
    assert stored(client, "telegram:4242") is None
    assert metric(client, FAILURES, channel="telegram") == 1


def test_telegram_retry_changes_the_list_once(client):
    body = json.dumps(telegram_update(77, 5, "add 2 liters of milk")).encode()
    first = client.post("/webhooks/telegram", content=body, headers=telegram_headers())
    after_first = items(client, "telegram:5")
    second = client.post("/webhooks/telegram", content=body, headers=telegram_headers())
    assert second.status_code == 200
    assert second.json() == first.json()  # the lost answer is given again
    assert items(client, "telegram:5") == after_first
    assert metric(client, DEDUP, channel="telegram") == 1
    # the same text in a new update does change the list: the check above could fail
    again = json.dumps(telegram_update(78, 5, "add 2 liters of milk")).encode()
    client.post("/webhooks/telegram", content=again, headers=telegram_headers())
    assert items(client, "telegram:5") != after_first


@pytest.mark.parametrize(
    "update",
    [
        telegram_update(1, 9, "add milk", kind="edited_message"),
        telegram_update(2, 9, None),
        telegram_update(3, 9, "   "),
        {"update_id": 4, "my_chat_member": {"chat": {"id": 9}}},
        {"update_id": 5, "message": {"chat": {"id": "not a number"}, "text": "add milk"}},
        {"update_id": 6, "message": "not an object"},
    ],
    ids=["edited", "no-text", "blank", "member-update", "bad-chat", "bad-message"],
)
def test_telegram_updates_without_a_command_change_nothing(client, update):
    response = client.post("/webhooks/telegram", content=json.dumps(update).encode(), headers=telegram_headers())
    assert response.status_code == 200
    assert response.json() == {}
    assert stored(client, "telegram:9") is None


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b"\xff\xfe", b"[" * 5000 + b"]" * 5000])
def test_telegram_unreadable_body_after_verification_is_400(client, body):
    response = client.post("/webhooks/telegram", content=body, headers=telegram_headers())
    assert response.status_code == 400


def test_telegram_unreadable_body_without_token_is_401(client):
    response = client.post("/webhooks/telegram", content=b"not json")
    assert response.status_code == 401


# ================================================================================ WhatsApp


def test_whatsapp_subscription_handshake(client):
    params = {"hub.mode": "subscribe", "hub.verify_token": WA_VERIFY, "hub.challenge": "1158201444"}
    response = client.get("/webhooks/whatsapp", params=params)
    assert response.status_code == 200
    assert response.text == "1158201444"
    assert response.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": WA_VERIFY, "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.verify_token": WA_SECRET, "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.verify_token": WA_VERIFY, "hub.challenge": "<script>" * 100},
    ],
    ids=["wrong-token", "no-token", "wrong-mode", "app-secret-as-token", "long-challenge"],
)
def test_whatsapp_handshake_refused(client, params):
    response = client.get("/webhooks/whatsapp", params=params)
    assert response.status_code == 403
    assert "<script>" not in response.text


def test_whatsapp_message_changes_the_list_and_queues_the_reply(client):
    body = meta_body(whatsapp_payload("33612345678", "wamid.A1", "ajoute deux litres de lait"))
    response = client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body))
    assert response.status_code == 200
    assert len(items(client, "whatsapp:33612345678")) == 1
    pending = ctx(client).store.outbox_pending()
    assert [(m.channel, m.recipient) for m in pending] == [("whatsapp", "33612345678")]
    assert pending[0].body  # the reply text


def test_whatsapp_french_escaped_unicode_verifies(client):
    text = "ajoute du café, de la crème fraîche et des épinards"
    body = meta_body(whatsapp_payload("33600000001", "wamid.FR", text))
    assert b"\\u00e9" in body and "é".encode() not in body
    response = client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body))
    assert response.status_code == 200
    assert len(items(client, "whatsapp:33600000001")) == 3


def test_whatsapp_signature_over_reserialised_body_is_refused(client):
    payload = whatsapp_payload("33600000002", "wamid.FR2", "ajoute du café")
    sent = meta_body(payload)
    signed_wrongly = json.dumps(payload, ensure_ascii=False).encode()  # what a naive sender hashes
    response = client.post("/webhooks/whatsapp", content=sent, headers=whatsapp_headers(signed_wrongly))
    assert response.status_code == 401
    assert stored(client, "whatsapp:33600000002") is None


def _tampered(body: bytes) -> bytes:
    return body.replace(b"lait", b"vin!")


@pytest.mark.parametrize(
    "make_headers, make_body",
    [
        (lambda b: {}, lambda b: b),
        (lambda b: whatsapp_headers(b, secret="other-secret"), lambda b: b),
        (lambda b: whatsapp_headers(b), _tampered),
        (lambda b: {"X-Hub-Signature-256": whatsapp_headers(b)["X-Hub-Signature-256"][7:]}, lambda b: b),
        # a valid Slack signature of the same body
        (lambda b: slack_headers(b), lambda b: b),
        # the WhatsApp verify token instead of a signature
        (lambda b: {"X-Hub-Signature-256": WA_VERIFY}, lambda b: b),
    ],
    ids=["missing", "wrong-secret", "tampered", "no-prefix", "slack-signature", "verify-token"],
)
def test_whatsapp_refused(client, make_headers, make_body):
    body = meta_body(whatsapp_payload("33611111111", "wamid.X", "ajoute du lait"))
    response = client.post("/webhooks/whatsapp", content=make_body(body), headers=make_headers(body))
    assert response.status_code == 401
    assert stored(client, "whatsapp:33611111111") is None
    assert ctx(client).store.outbox_pending() == []
    assert metric(client, FAILURES, channel="whatsapp") == 1


def test_whatsapp_statuses_change_nothing(client):
    body = meta_body(whatsapp_statuses("33622222222"))
    response = client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body))
    assert response.status_code == 200
    assert stored(client, "whatsapp:33622222222") is None
    assert ctx(client).store.outbox_pending() == []


def test_whatsapp_non_text_message_changes_nothing(client):
    body = meta_body(whatsapp_payload("33633333333", "wamid.IMG", "", kind="image"))
    response = client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body))
    assert response.status_code == 200
    assert stored(client, "whatsapp:33633333333") is None


def test_whatsapp_redelivery_changes_the_list_once_and_queues_one_reply(client):
    body = meta_body(whatsapp_payload("33644444444", "wamid.DUP", "add 2 liters of milk"))
    for _ in range(3):
        assert client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body)).status_code == 200
    once = items(client, "whatsapp:33644444444")
    assert len(once) == 1
    assert len(ctx(client).store.outbox_pending()) == 1
    assert metric(client, DEDUP, channel="whatsapp") == 2


def test_whatsapp_concurrent_duplicates_change_the_list_once(client, tmp_path, database_url):
    body = meta_body(whatsapp_payload("33655555555", "wamid.RACE", "add 2 liters of milk"))
    headers = whatsapp_headers(body)
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    statuses: list[int] = []
    lock = threading.Lock()
    # a second instance of the app on the same database, as a second worker process would be
    with service(tmp_path, database_url=database_url, **ALL_SECRETS) as other:
        workers = [client, other]

        def deliver(n: int) -> None:
            barrier.wait()
            status = workers[n % 2].post("/webhooks/whatsapp", content=body, headers=headers).status_code
            with lock:
                statuses.append(status)

        threads = [threading.Thread(target=deliver, args=(n,)) for n in range(threads_count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [200] * threads_count
        applied = sum(metric(w, "listparse_messages_total", channel="whatsapp", action="add") for w in workers)
        assert applied == 1
        assert sum(metric(w, DEDUP, channel="whatsapp") for w in workers) == threads_count - 1
    assert len(ctx(client).store.outbox_pending()) == 1
    # the list is what one delivery makes
    assert len(items(client, "whatsapp:33655555555")) == 1


def test_whatsapp_several_messages_in_one_delivery(client):
    payload = whatsapp_payload("33666666666", "wamid.M1", "ajoute du lait")
    second = dict(payload["entry"][0]["changes"][0]["value"]["messages"][0], id="wamid.M2", text={"body": "ajoute du pain"})
    payload["entry"][0]["changes"][0]["value"]["messages"].append(second)
    body = meta_body(payload)
    assert client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body)).status_code == 200
    assert len(items(client, "whatsapp:33666666666")) == 2
    assert len(ctx(client).store.outbox_pending()) == 2


# ================================================================================ Slack


def test_slack_url_verification_answered_after_the_signature(client):
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"}).encode()
    unsigned = client.post("/webhooks/slack/events", content=body, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401
    assert "3eZbrw1a" not in unsigned.text
    signed = client.post("/webhooks/slack/events", content=body, headers=slack_headers(body))
    assert signed.status_code == 200
    assert signed.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_slack_direct_message_changes_the_list_and_queues_the_reply(client):
    body = json.dumps(slack_event("T061EG9R6", "U0G9QF9C6", "add a dozen eggs")).encode()
    response = client.post("/webhooks/slack/events", content=body, headers=slack_headers(body))
    assert response.status_code == 200
    assert len(items(client, "slack:T061EG9R6:U0G9QF9C6")) == 1
    assert [(m.channel, m.recipient) for m in ctx(client).store.outbox_pending()] == [("slack", "D024BE91L")]


def test_slack_app_mention_in_a_channel(client):
    event = slack_event("T1", "U1", "<@U0LAN0Z89> add milk &amp; bread", kind="app_mention", channel="C0LAN2Q65")
    body = json.dumps(event).encode()
    assert client.post("/webhooks/slack/events", content=body, headers=slack_headers(body)).status_code == 200
    names = " ".join(item["name"] for item in items(client, "slack:T1:U1"))
    assert "milk" in names and "bread" in names
    assert "&amp;" not in names and "U0LAN0Z89" not in names


@pytest.mark.parametrize(
    "event",
    [
        slack_event("T1", "U1", "add milk", bot_id="B123"),
        slack_event("T1", "U1", "add milk", subtype="bot_message"),
        slack_event("T1", "U1", "add milk", subtype="message_changed"),
        slack_event("T1", "U1", "add milk", channel_type="channel"),
        slack_event("T1", "U1", "add milk", kind="reaction_added"),
        {"type": "app_rate_limited", "team_id": "T1", "minute_rate_limited": 1518467820},
    ],
    ids=["bot", "bot-subtype", "edit", "channel-chatter", "other-event", "rate-limited"],
)
def test_slack_events_that_are_not_commands_change_nothing(client, event):
    body = json.dumps(event).encode()
    response = client.post("/webhooks/slack/events", content=body, headers=slack_headers(body))
    assert response.status_code == 200
    assert stored(client, "slack:T1:U1") is None
    assert ctx(client).store.outbox_pending() == []


def test_slack_retry_changes_the_list_once(client):
    body = json.dumps(slack_event("T2", "U2", "add 2 liters of milk", event_id="Ev0PV52K25")).encode()
    assert client.post("/webhooks/slack/events", content=body, headers=slack_headers(body)).status_code == 200
    once = items(client, "slack:T2:U2")
    retry = client.post("/webhooks/slack/events", content=body,
                        headers=slack_headers(body, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}))
    assert retry.status_code == 200
    assert items(client, "slack:T2:U2") == once
    assert len(ctx(client).store.outbox_pending()) == 1
    assert metric(client, DEDUP, channel="slack") == 1


def test_slack_mention_and_message_events_for_one_message_apply_once(client):
    mention = slack_event("T3", "U3", "<@UAPP> add 2 liters of milk", kind="app_mention", event_id="Ev1",
                          ts="1700000001.000200", channel="D3")
    message = slack_event("T3", "U3", "<@UAPP> add 2 liters of milk", event_id="Ev2", ts="1700000001.000200",
                          channel="D3")
    for event in (mention, message):
        body = json.dumps(event).encode()
        assert client.post("/webhooks/slack/events", content=body, headers=slack_headers(body)).status_code == 200
    assert len(items(client, "slack:T3:U3")) == 1
    assert len(ctx(client).store.outbox_pending()) == 1


def test_slack_slash_command_answers_ephemeral(client):
    body = slack_command("T4", "U4", "ajoute du lait et du pain")
    response = client.post("/webhooks/slack/commands", content=body,
                           headers={**slack_headers(body), "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_type"] == "ephemeral"
    assert answer["text"]
    assert len(items(client, "slack:T4:U4")) == 2


def test_slack_slash_command_replayed_applies_once(client):
    body = slack_command("T5", "U5", "add 2 liters of milk", trigger_id="111.222.abc")
    first = client.post("/webhooks/slack/commands", content=body, headers=slack_headers(body))
    once = items(client, "slack:T5:U5")
    second = client.post("/webhooks/slack/commands", content=body, headers=slack_headers(body))
    assert second.status_code == 200 and second.json() == first.json()
    assert items(client, "slack:T5:U5") == once
    # a new command (new trigger_id) with the same text applies
    other = slack_command("T5", "U5", "add 2 liters of milk", trigger_id="333.444.def")
    client.post("/webhooks/slack/commands", content=other, headers=slack_headers(other))
    assert items(client, "slack:T5:U5") != once


@pytest.mark.parametrize(
    "make_headers, tamper",
    [
        (lambda b: {}, False),
        (lambda b: slack_headers(b, ts=int(time.time()) - 600), False),
        (lambda b: slack_headers(b, ts=int(time.time()) + 600), False),
        (lambda b: slack_headers(b, secret="not-the-secret"), False),
        (lambda b: slack_headers(b), True),
        (lambda b: {"X-Slack-Request-Timestamp": str(int(time.time()))}, False),
        # a valid WhatsApp signature of the same body
        (lambda b: whatsapp_headers(b), False),
    ],
    ids=["missing", "stale", "future", "wrong-secret", "tampered", "no-signature", "whatsapp-signature"],
)
@pytest.mark.parametrize("route", ["events", "commands"])
def test_slack_refused(client, make_headers, tamper, route):
    if route == "events":
        body = json.dumps(slack_event("T9", "U9", "add milk")).encode()
    else:
        body = slack_command("T9", "U9", "add milk")
    headers = make_headers(body)
    if tamper:
        body = body.replace(b"milk", b"wine")
    response = client.post(f"/webhooks/slack/{route}", content=body, headers=headers)
    assert response.status_code == 401
    assert SLACK_SECRET not in response.text
    assert stored(client, "slack:T9:U9") is None
    assert metric(client, FAILURES, channel="slack") == 1


def test_slack_ssl_check(client):
    body = urlencode({"ssl_check": "1", "token": "x"}).encode()
    response = client.post("/webhooks/slack/commands", content=body, headers=slack_headers(body))
    assert response.status_code == 200


# ================================================================================ Twilio


def test_twilio_sms_changes_the_list_and_answers_twiml(client):
    params = twilio_form("+33612345678", "ajoute du lait et du pain")
    response = twilio_post(client, params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Response"
    assert root.find("Message").text
    assert len(items(client, "twilio:+33612345678")) == 2


def test_twilio_whatsapp_prefix_is_removed(client):
    response = twilio_post(client, twilio_form("whatsapp:+33687654321", "add milk", sid="SMwa1"))
    assert response.status_code == 200
    assert len(items(client, "twilio:+33687654321")) == 1
    assert stored(client, "twilio:whatsapp:+33687654321") is None


def test_twilio_reply_is_xml_escaped(client):
    _replies_with(client, " <b>Tom & Jerry</b> ]]>")
    response = twilio_post(client, twilio_form("+33600000003", "add milk", sid="SMesc"))
    assert response.status_code == 200
    assert b"<b>" not in response.content
    assert b"&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; ]]&gt;" in response.content
    message = ET.fromstring(response.content).find("Message").text
    assert message.endswith(" <b>Tom & Jerry</b> ]]>")


def test_twilio_signature_is_for_the_public_url_whatever_the_forwarded_headers(client):
    forged = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http", "Host": "evil.example",
              "X-Forwarded-Port": "8080", "Forwarded": "host=evil.example;proto=http"}
    # signed for the public URL: accepted, the forged headers change nothing
    ok = twilio_post(client, twilio_form("+33600000004", "add milk", sid="SMpub"), headers=forged)
    assert ok.status_code == 200
    assert len(items(client, "twilio:+33600000004")) == 1
    # signed for the URL the forged headers describe: refused
    params = twilio_form("+33600000005", "add milk", sid="SMforged")
    refused = twilio_post(client, params, url="http://evil.example:8080/webhooks/twilio", headers=forged)
    assert refused.status_code == 401
    # signed for the URL the server itself sees (the test client's host): refused too
    refused = twilio_post(client, params, url="http://testserver/webhooks/twilio")
    assert refused.status_code == 401
    assert stored(client, "twilio:+33600000005") is None


def test_twilio_query_string_is_part_of_the_signed_url(client):
    params = twilio_form("+33600000006", "add milk", sid="SMq")
    ok = twilio_post(client, params, url=PUBLIC + "/webhooks/twilio?tenant=paris", path="/webhooks/twilio?tenant=paris")
    assert ok.status_code == 200
    params = twilio_form("+33600000007", "add milk", sid="SMq2")
    refused = twilio_post(client, params, url=PUBLIC + "/webhooks/twilio", path="/webhooks/twilio?tenant=paris")
    assert refused.status_code == 401
    assert stored(client, "twilio:+33600000007") is None


@pytest.mark.parametrize(
    "change",
    ["missing", "wrong-token", "tampered", "extra-param", "slack-signature", "not-a-form"],
)
def test_twilio_refused(client, change):
    params = twilio_form("+33699999999", "add milk", sid="SMbad")
    body = urlencode(params).encode()
    headers = {"X-Twilio-Signature": twilio_signature(PUBLIC + "/webhooks/twilio", params),
               "Content-Type": "application/x-www-form-urlencoded"}
    if change == "missing":
        del headers["X-Twilio-Signature"]
    elif change == "wrong-token":
        headers["X-Twilio-Signature"] = twilio_signature(PUBLIC + "/webhooks/twilio", params, token="other")
    elif change == "tampered":
        body = body.replace(b"milk", b"wine")
    elif change == "extra-param":
        body += b"&Extra=1"
    elif change == "slack-signature":
        headers = {**slack_headers(body), "Content-Type": "application/x-www-form-urlencoded"}
    elif change == "not-a-form":
        body = b"Body=%ff%fe&From=%2B33699999999"
    response = client.post("/webhooks/twilio", content=body, headers=headers)
    assert response.status_code == 401
    assert TWILIO_TOKEN not in response.text
    assert stored(client, "twilio:+33699999999") is None
    assert metric(client, FAILURES, channel="twilio") == 1


def test_twilio_retry_changes_the_list_once(client):
    params = twilio_form("+33600000008", "add 2 liters of milk", sid="SMretry")
    first = twilio_post(client, params)
    once = items(client, "twilio:+33600000008")
    second = twilio_post(client, params)
    assert second.status_code == 200 and second.content == first.content
    assert items(client, "twilio:+33600000008") == once
    assert metric(client, DEDUP, channel="twilio") == 1


def test_twilio_media_only_message_changes_nothing(client):
    params = {**twilio_form("+33600000009", "", sid="SMmedia"), "NumMedia": "1",
              "MediaUrl0": "https://api.twilio.com/x.jpg"}
    response = twilio_post(client, params)
    assert response.status_code == 200
    assert ET.fromstring(response.content).find("Message") is None
    assert stored(client, "twilio:+33600000009") is None


# ================================================================================ Dialogflow


def test_dialogflow_cx_request_and_answer(client):
    calls = _record_calls(client)
    response = client.post("/webhooks/dialogflow", json=cx_request("sess-cx-1", "ajoute du lait", lang="fr-FR"),
                           headers=bearer())
    assert response.status_code == 200
    messages = response.json()["fulfillment_response"]["messages"]
    assert isinstance(messages[0]["text"]["text"][0], str) and messages[0]["text"]["text"][0]
    assert len(items(client, "dialogflow:sess-cx-1")) == 1
    assert calls[0]["lang"] == "fr"
    assert calls[0]["dedup"] == ("dialogflow", "cx-resp-1")


def test_dialogflow_cx_voice_transcript(client):
    request = cx_request("sess-cx-2", "", response_id="cx-voice")
    del request["text"]
    request["transcript"] = "add milk"
    response = client.post("/webhooks/dialogflow", json=request, headers=bearer())
    assert response.status_code == 200
    assert len(items(client, "dialogflow:sess-cx-2")) == 1


def test_dialogflow_es_request_and_answer_with_basic_auth(client):
    calls = _record_calls(client)
    response = client.post("/webhooks/dialogflow", json=es_request("sess-es-1", "add a dozen eggs", lang="en-US"),
                           headers=basic())
    assert response.status_code == 200
    answer = response.json()
    assert answer["fulfillmentText"]
    assert answer["fulfillmentMessages"] == [{"text": {"text": [answer["fulfillmentText"]]}}]
    assert len(items(client, "dialogflow:sess-es-1")) == 1
    assert calls[0]["lang"] == "en"


def test_dialogflow_repeated_response_id_applies_once(client):
    request = es_request("sess-es-2", "add 2 liters of milk", response_id="es-dup")
    first = client.post("/webhooks/dialogflow", json=request, headers=bearer())
    once = items(client, "dialogflow:sess-es-2")
    second = client.post("/webhooks/dialogflow", json=request, headers=bearer())
    assert second.json() == first.json()
    assert items(client, "dialogflow:sess-es-2") == once
    assert metric(client, DEDUP, channel="dialogflow") == 1


def test_dialogflow_request_without_text_gets_an_empty_answer(client):
    request = cx_request("sess-cx-3", "")
    response = client.post("/webhooks/dialogflow", json=request, headers=bearer())
    assert response.status_code == 200 and response.json() == {}
    assert stored(client, "dialogflow:sess-cx-3") is None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {DF_TOKEN}"},
        {"Authorization": "Basic " + "ZGlhbG9nZmxvdzp3cm9uZw=="},  # dialogflow:wrong
        {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_TOKEN},
        {"Authorization": f"Bearer {TELEGRAM_TOKEN}"},
    ],
    ids=["missing", "wrong-bearer", "token-as-basic", "wrong-password", "telegram-header", "telegram-token"],
)
def test_dialogflow_refused(client, headers):
    response = client.post("/webhooks/dialogflow", json=cx_request("sess-bad", "add milk"), headers=headers)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers
    assert stored(client, "dialogflow:sess-bad") is None
    assert metric(client, FAILURES, channel="dialogflow") == 1


@pytest.mark.parametrize("shape", ["cx", "es"])
def test_dialogflow_answer_fits_64_kib(client, shape):
    _replies_with(client, " " + "é\"\\<\n" * 30_000)
    make = cx_request if shape == "cx" else es_request
    response = client.post("/webhooks/dialogflow", json=make(f"sess-big-{shape}", "add milk"), headers=bearer())
    assert response.status_code == 200
    assert len(response.content) <= 64 * 1024
    answer = response.json()
    text = (answer["fulfillment_response"]["messages"][0]["text"]["text"][0] if shape == "cx"
            else answer["fulfillmentText"])
    assert text.endswith("…")
    assert len(text.encode()) > 16 * 1024  # cut to fit, not emptied


def test_dialogflow_unknown_shape_is_400(client):
    response = client.post("/webhooks/dialogflow", json={"hello": "world"}, headers=bearer())
    assert response.status_code == 400


# ================================================================================ configuration


ROUTES = [
    ("POST", "/webhooks/telegram"),
    ("GET", "/webhooks/whatsapp"),
    ("POST", "/webhooks/whatsapp"),
    ("POST", "/webhooks/slack/commands"),
    ("POST", "/webhooks/slack/events"),
    ("POST", "/webhooks/twilio"),
    ("POST", "/webhooks/dialogflow"),
]


@pytest.mark.parametrize("method, path", ROUTES)
def test_unconfigured_channels_answer_404(tmp_path, method, path):
    with service(tmp_path) as client:
        body = b'{"update_id": 1, "message": {"chat": {"id": 1}, "text": "add milk"}}'
        headers = {**telegram_headers(""), **whatsapp_headers(body, secret=""), **slack_headers(body, secret=""),
                   "Authorization": "Bearer ", "X-Twilio-Signature": twilio_signature("/webhooks/twilio", {}, token="")}
        headers["X-Telegram-Bot-Api-Secret-Token"] = ""
        if method == "GET":
            response = client.get(path, params={"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"})
        else:
            response = client.post(path, content=body, headers=headers)
        assert response.status_code == 404
        assert metric(client, FAILURES, channel=path.split("/")[2]) == 0


@pytest.mark.parametrize(
    "settings, method, path",
    [
        ({"twilio_auth_token": TWILIO_TOKEN}, "POST", "/webhooks/twilio"),  # no public URL
        ({"public_base_url": PUBLIC}, "POST", "/webhooks/twilio"),  # no token
        ({"whatsapp_verify_token": WA_VERIFY}, "POST", "/webhooks/whatsapp"),  # no app secret
        ({"whatsapp_verify_token": WA_VERIFY}, "GET", "/webhooks/whatsapp"),
        ({"whatsapp_app_secret": WA_SECRET}, "GET", "/webhooks/whatsapp"),  # no verify token
        ({"dialogflow_basic_user": "agent"}, "POST", "/webhooks/dialogflow"),  # user without password
        ({"telegram_secret_token": ""}, "POST", "/webhooks/telegram"),  # empty secret
    ],
)
def test_partly_configured_channels_answer_404(tmp_path, settings, method, path):
    with service(tmp_path, **settings) as client:
        if method == "GET":
            response = client.get(path, params={"hub.mode": "subscribe", "hub.verify_token": WA_VERIFY,
                                                "hub.challenge": "1"})
        else:
            response = client.post(path, content=b"{}")
        assert response.status_code == 404


def test_whatsapp_post_works_without_the_verify_token(tmp_path):
    with service(tmp_path, whatsapp_app_secret=WA_SECRET) as client:
        body = meta_body(whatsapp_payload("33677777777", "wamid.Z", "add milk"))
        assert client.post("/webhooks/whatsapp", content=body, headers=whatsapp_headers(body)).status_code == 200
        assert len(items(client, "whatsapp:33677777777")) == 1


def test_oversize_webhook_body_is_413(client):
    body = json.dumps(telegram_update(1, 1, "add milk " * 10_000)).encode()
    assert len(body) > 64 * 1024
    response = client.post("/webhooks/telegram", content=body, headers=telegram_headers())
    assert response.status_code == 413
    assert stored(client, "telegram:1") is None


# ================================================================================ logs


def test_logs_hold_no_text_number_user_or_secret(client):
    from listparse.service.logs import JsonFormatter

    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("listparse.service")
    logger.addHandler(handler)
    try:
        wa = meta_body(whatsapp_payload("33688888888", "wamid.LOG", "ajoute du saucisson"))
        client.post("/webhooks/whatsapp", content=wa, headers=whatsapp_headers(wa))
        client.post("/webhooks/whatsapp", content=wa, headers=whatsapp_headers(wa))  # duplicate
        client.post("/webhooks/whatsapp", content=wa, headers=whatsapp_headers(wa, secret="bad"))
        twilio_post(client, twilio_form("+33699988877", "ajoute du saucisson", sid="SMlog"))
        slack = json.dumps(slack_event("TLOGTEAM", "ULOGUSER", "ajoute du saucisson")).encode()
        client.post("/webhooks/slack/events", content=slack, headers=slack_headers(slack))
        client.post("/webhooks/slack/events", content=slack, headers=slack_headers(slack, ts=1))
        client.post("/webhooks/telegram", content=json.dumps(telegram_update(5, 31337, "ajoute du saucisson")).encode(),
                    headers=telegram_headers("wrong"))
    finally:
        logger.removeHandler(handler)
    text = "\n".join(lines)
    assert "verification_failed" in text  # the refusals were logged
    for secret in ("saucisson", "33688888888", "33699988877", "ULOGUSER", "31337", WA_SECRET, SLACK_SECRET,
                   TWILIO_TOKEN, TELEGRAM_TOKEN):
        assert secret not in text, secret


def test_too_long_message_is_answered_not_refused(client):
    """A text longer than a list command gets the conversation's answer (a 4xx would make the
    platform retry it)."""
    text = "ajoute " + ", ".join(f"produit{i}" for i in range(2300))
    body = json.dumps(telegram_update(11, 77, text)).encode()
    assert len(body) < 64 * 1024
    response = client.post("/webhooks/telegram", content=body, headers=telegram_headers())
    assert response.status_code == 200
    assert response.json()["text"]
    assert items(client, "telegram:77") == []
