"""Reply shaping (size limits, TwiML, language hints), payload helpers and the outbox senders."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import httpx
import pytest
from pydantic import SecretStr

from listparse.service.channels.common import channel_id, event_key, field, form_pairs, usable_text
from listparse.service.channels.replies import json_fitting, lang_hint, truncate_chars, truncate_utf8, twiml
from listparse.service.channels.senders import GRAPH_API_URL, SLACK_API_URL, deliver, send_slack, send_whatsapp
from listparse.service.channels.slack import plain_text
from listparse.service.settings import Settings

# ------------------------------------------------------------------------------ truncation


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("lait", 10, "lait"),
        ("lait", 4, "lait"),
        ("laitue", 5, "la…"),
        ("crème", 6, "crème"),
        ("crème", 5, "cr…"),  # "è" is 2 bytes: never cut in half
        ("ééééé", 6, "é…"),
        ("ééééé", 7, "éé…"),
        ("😀😀😀", 8, "😀…"),
        ("😀😀😀", 9, "😀…"),
        ("abcdef", 2, "ab"),  # no room for the ellipsis
    ],
)
def test_truncate_utf8(text, limit, expected):
    result = truncate_utf8(text, limit)
    assert result == expected
    assert len(result.encode()) <= max(limit, 0)


@pytest.mark.parametrize("size", [0, 1, 3, 4, 5, 17, 100])
def test_truncate_utf8_never_over_and_always_valid(size):
    text = "crème brûlée 😀 " * 20
    result = truncate_utf8(text, size)
    data = result.encode("utf-8")
    assert len(data) <= size
    data.decode("utf-8")  # valid UTF-8


@pytest.mark.parametrize(
    "text, limit, expected",
    [("lait", 4, "lait"), ("laitue", 4, "lai…"), ("laitue", 1, "…"), ("", 3, "")],
)
def test_truncate_chars(text, limit, expected):
    assert truncate_chars(text, limit) == expected


@pytest.mark.parametrize("reply", ["x" * 70_000, "é" * 70_000, '"\\\n\x01' * 20_000, "😀" * 20_000, "ok"])
@pytest.mark.parametrize("limit", [1024, 65_536])
def test_json_fitting_fits_and_keeps_as_much_as_it_can(reply, limit):
    def build(text):
        return {"fulfillmentText": text, "fulfillmentMessages": [{"text": {"text": [text]}}]}

    body = json_fitting(build, reply, limit=limit)
    assert len(body) <= limit
    kept = json.loads(body)["fulfillmentText"]
    if reply == "ok":
        assert kept == "ok"
        return
    assert kept.endswith("…")
    assert reply.startswith(kept[:-1])
    # one more character would not fit
    longer = reply[: len(kept)] + "…"
    assert len(json.dumps(build(longer), ensure_ascii=False, separators=(",", ":")).encode()) > limit


# ------------------------------------------------------------------------------ TwiML


@pytest.mark.parametrize(
    "reply, message",
    [
        ("Ajouté : lait", "Ajouté : lait"),
        ("2 < 3 & 4 > 1", "2 < 3 & 4 > 1"),
        ("</Message><Redirect>http://evil</Redirect>", "</Message><Redirect>http://evil</Redirect>"),
        ("a\x00b\x1fc", "abc"),
        ("]]>", "]]>"),
    ],
)
def test_twiml_escapes(reply, message):
    document = twiml(reply)
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(document.encode("utf-8"))
    assert root.tag == "Response"
    assert [child.tag for child in root] == ["Message"]
    assert root.find("Message").text == message


@pytest.mark.parametrize("reply", ["", "   ", "\x00"])
def test_twiml_empty_reply_sends_nothing(reply):
    root = ET.fromstring(twiml(reply).encode())
    assert list(root) == []


@pytest.mark.parametrize(
    "code, expected",
    [("fr", "fr"), ("fr-FR", "fr"), ("fr-CA", "fr"), ("en-US", "en"), ("EN_gb", "en"), ("de-DE", None),
     ("", None), (None, None), (42, None), ("french", None)],
)
def test_lang_hint(code, expected):
    assert lang_hint(code) == expected


# ------------------------------------------------------------------------------ payload helpers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("add milk", "add milk"),
        ("<@U024BE7LH> ajoute du lait", "ajoute du lait"),
        ("<@U024BE7LH|zoe> add eggs", "add eggs"),
        ("salt &amp; pepper &lt;3 &gt;", "salt & pepper <3 >"),
        ("see <#C024BE7LR|courses>", "see #courses"),
        ("<https://shop.example/lait|du lait>", "du lait"),
        ("<https://shop.example>", "https://shop.example"),
        ("<!here> add milk", "add milk"),
        ("&amp;lt;", "&lt;"),
    ],
)
def test_slack_plain_text(text, expected):
    assert plain_text(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (12345, "12345"), (-100123, "-100123"), ("33612345678", "33612345678"), ("+33612345678", "+33612345678"),
        ("U024BE7LH", "U024BE7LH"), ("sess-1_a.b", "sess-1_a.b"), (True, None), (None, None), (1.5, None),
        ("", None), ("a b", None), ("a/b", None), ("a:b", None), ("x" * 129, None), ("x" * 128, "x" * 128),
        ("a\nb", None), ({"id": 1}, None),
    ],
)
def test_channel_id(value, expected):
    assert channel_id(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [(1, "1"), ("Ev1", "Ev1"), ("  x ", "x"), ("", None), (False, None), (None, None), ([1], None)],
)
def test_event_key(value, expected):
    assert event_key(value) == expected


def test_event_key_long_ids_stay_distinct():
    a, b = event_key("a" * 300), event_key("a" * 299 + "b")
    assert a != b and a.startswith("sha256:") and len(a) <= 200


@pytest.mark.parametrize(
    "value, expected",
    [("add milk", "add milk"), ("  ", None), ("", None), (None, None), (3, None), ("\u00a0\n", None)],
)
def test_usable_text(value, expected):
    assert usable_text(value) == expected


def test_field_walks_json_safely():
    data = {"a": [{"b": {"c": 1}}], "s": "text"}
    assert field(data, "a", 0, "b", "c") == 1
    assert field(data, "a", 1, "b") is None
    assert field(data, "s", "x") is None
    assert field(data, "a", "b") is None
    assert field(None, "a") is None


@pytest.mark.parametrize(
    "body, expected",
    [
        (b"", []),
        (b"a=1&a=2&b=", [("a", "1"), ("a", "2"), ("b", "")]),
        (b"Body=caf%C3%A9+cr%C3%A8me", [("Body", "café crème")]),
        (b"Body=%ff", None),
        (b"\xff", None),
    ],
)
def test_form_pairs(body, expected):
    assert form_pairs(body) == expected


# ------------------------------------------------------------------------------ senders


def _settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


class Recorder:
    def __init__(self, status: int = 200, payload: dict | None = None, error: Exception | None = None):
        self.requests: list[httpx.Request] = []
        self.status = status
        self.payload = payload if payload is not None else {}
        self.error = error

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.error is not None:
            raise self.error
        return httpx.Response(self.status, json=self.payload)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def test_send_whatsapp_posts_to_the_graph_api():
    recorder = Recorder(payload={"messages": [{"id": "wamid.1"}]})
    settings = _settings(whatsapp_access_token="EAAG-token", whatsapp_phone_number_id="106540352242922")
    assert send_whatsapp(settings, "33612345678", "Ajouté : lait", client=recorder.client()) is True
    (request,) = recorder.requests
    assert str(request.url) == f"{GRAPH_API_URL}/106540352242922/messages"
    assert request.headers["Authorization"] == "Bearer EAAG-token"
    body = json.loads(request.content)
    assert body["messaging_product"] == "whatsapp"
    assert body["to"] == "33612345678"
    assert body["type"] == "text"
    assert body["text"]["body"] == "Ajouté : lait"


@pytest.mark.parametrize(
    "values",
    [{}, {"whatsapp_access_token": "t"}, {"whatsapp_phone_number_id": "1"},
     {"whatsapp_access_token": "", "whatsapp_phone_number_id": "1"}],
)
def test_send_whatsapp_without_credentials_does_nothing(values):
    recorder = Recorder()
    assert send_whatsapp(_settings(**values), "336", "x", client=recorder.client()) is True
    assert recorder.requests == []


@pytest.mark.parametrize(
    "recorder",
    [Recorder(status=500), Recorder(status=400, payload={"error": {"code": 131030}}),
     Recorder(error=httpx.ConnectError("down"))],
    ids=["500", "400", "network"],
)
def test_send_whatsapp_failure_is_false(recorder):
    settings = _settings(whatsapp_access_token="t", whatsapp_phone_number_id="1")
    assert send_whatsapp(settings, "336", "x", client=recorder.client()) is False


def test_send_whatsapp_cuts_long_bodies():
    recorder = Recorder()
    settings = _settings(whatsapp_access_token="t", whatsapp_phone_number_id="1")
    send_whatsapp(settings, "336", "é" * 5000, client=recorder.client())
    assert len(json.loads(recorder.requests[0].content)["text"]["body"]) == 4096


def test_send_slack_posts_a_message():
    recorder = Recorder(payload={"ok": True, "ts": "1.2"})
    settings = _settings(slack_bot_token=SecretStr("xoxb-1"))
    assert send_slack(settings, "D024BE91L", "Added milk.", client=recorder.client()) is True
    (request,) = recorder.requests
    assert str(request.url) == f"{SLACK_API_URL}/chat.postMessage"
    assert request.headers["Authorization"] == "Bearer xoxb-1"
    assert json.loads(request.content) == {"channel": "D024BE91L", "text": "Added milk."}


@pytest.mark.parametrize(
    "recorder",
    [Recorder(payload={"ok": False, "error": "channel_not_found"}), Recorder(status=429, payload={"ok": False}),
     Recorder(payload={}), Recorder(error=httpx.ReadTimeout("slow"))],
    ids=["not-ok", "rate-limited", "no-ok-field", "timeout"],
)
def test_send_slack_failure_is_false(recorder):
    assert send_slack(_settings(slack_bot_token="xoxb-1"), "D1", "x", client=recorder.client()) is False


def test_send_slack_without_token_does_nothing():
    recorder = Recorder()
    assert send_slack(_settings(), "D1", "x", client=recorder.client()) is True
    assert recorder.requests == []


def test_deliver_dispatches_on_the_channel():
    from listparse.store import OutboxMessage

    recorder = Recorder(payload={"ok": True})
    settings = _settings(slack_bot_token="xoxb-1", whatsapp_access_token="t", whatsapp_phone_number_id="1")
    assert deliver(settings, OutboxMessage("slack", "D1", "hi"), client=recorder.client()) is True
    assert deliver(settings, OutboxMessage("whatsapp", "336", "hi"), client=recorder.client()) is True
    assert deliver(settings, OutboxMessage("pigeon", "x", "hi"), client=recorder.client()) is False
    assert [r.url.host for r in recorder.requests] == ["slack.com", "graph.facebook.com"]
