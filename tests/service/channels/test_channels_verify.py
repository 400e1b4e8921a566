"""The pure webhook checks: known vectors computed here with hmac/hashlib/base64, and every way a
delivery can be wrong (missing header, wrong secret, tampered body, stale timestamp, unset secret)."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from pydantic import SecretStr

from listparse.errors import ListparseError
from listparse.service.channels.verify import (
    SLACK_TOLERANCE_S,
    VerificationError,
    public_url,
    secret_value,
    slack_signature,
    twilio_signature,
    verify_dialogflow,
    verify_slack,
    verify_telegram,
    verify_twilio,
    verify_whatsapp_signature,
    verify_whatsapp_subscribe,
    whatsapp_signature,
)

SECRET = "s3cr3t-value"
NOW = 1_700_000_000


def _meta(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _slack(secret: str, ts: str, body: bytes) -> str:
    return "v0=" + hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()


def _twilio(token: str, url: str, params: dict[str, str]) -> str:
    data = url + "".join(k + params[k] for k in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


# -------------------------------------------------------------------------- known vectors

FRENCH_ESCAPED = b'{"text":{"body":"cr\\u00e8me fra\\u00eeche et \\u00e9pinards"}}'


@pytest.mark.parametrize(
    "secret, body",
    [
        ("app-secret", b""),
        ("app-secret", b'{"object":"whatsapp_business_account"}'),
        ("autre secret", FRENCH_ESCAPED),
        ("clé", "crème".encode()),
    ],
)
def test_whatsapp_signature_vectors(secret, body):
    assert whatsapp_signature(secret, body) == _meta(secret, body)
    verify_whatsapp_signature(secret, {"X-Hub-Signature-256": _meta(secret, body)}, body)


def test_whatsapp_fixed_vector():
    # HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), RFC 4231-style known value
    body = b"The quick brown fox jumps over the lazy dog"
    assert whatsapp_signature("key", body) == (
        "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
    )


def test_escaped_unicode_is_hashed_as_sent_not_reserialised():
    import json

    sig = _meta(SECRET, FRENCH_ESCAPED)
    verify_whatsapp_signature(SECRET, {"x-hub-signature-256": sig}, FRENCH_ESCAPED)
    reserialised = json.dumps(json.loads(FRENCH_ESCAPED), ensure_ascii=False, separators=(",", ":")).encode()
    assert reserialised != FRENCH_ESCAPED
    with pytest.raises(VerificationError):
        verify_whatsapp_signature(SECRET, {"x-hub-signature-256": sig}, reserialised)


@pytest.mark.parametrize(
    "secret, ts, body",
    [
        (SECRET, str(NOW), b"token=x&team_id=T1&text=add+milk"),
        ("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J"),
        (SECRET, str(NOW), '{"text":"crème"}'.encode()),
    ],
)
def test_slack_signature_vectors(secret, ts, body):
    assert slack_signature(secret, ts, body) == _slack(secret, ts, body)
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": _slack(secret, ts, body)}
    verify_slack(secret, headers, body, now=int(ts))


@pytest.mark.parametrize(
    "url, params",
    [
        ("https://mycompany.com/myapp.php?foo=1&bar=2",
         {"CallSid": "CA1234567890ABCDE", "Caller": "+12349013030", "Digits": "1234", "From": "+12349013030",
          "To": "+18005551212"}),
        ("https://bot.example.com/webhooks/twilio", {"Body": "2 < 3 & crème", "From": "whatsapp:+33612345678"}),
        ("https://bot.example.com/webhooks/twilio", {}),
    ],
)
def test_twilio_signature_vectors(url, params):
    assert twilio_signature("12345", url, params.items()) == _twilio("12345", url, params)
    verify_twilio("12345", {"X-Twilio-Signature": _twilio("12345", url, params)}, url, params.items())


def test_twilio_documented_example():
    # the example of Twilio's security documentation
    params = {"CallSid": "CA1234567890ABCDE", "Caller": "+12349013030", "Digits": "1234",
              "From": "+12349013030", "To": "+18005551212"}
    assert twilio_signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params.items()) == (
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    )


def test_twilio_repeated_parameter_sorted_by_value():
    url = "https://bot.example.com/webhooks/twilio"
    pairs = [("MediaUrl", "b"), ("MediaUrl", "a")]
    data = url + "MediaUrla" + "MediaUrlb"
    expected = base64.b64encode(hmac.new(b"tok", data.encode(), hashlib.sha1).digest()).decode()
    assert twilio_signature("tok", url, pairs) == expected


@pytest.mark.parametrize(
    "signed_url, checked_url",
    [
        ("https://bot.example.com:443/webhooks/twilio", "https://bot.example.com/webhooks/twilio"),
        ("https://bot.example.com/webhooks/twilio", "https://bot.example.com:443/webhooks/twilio"),
    ],
)
def test_twilio_default_port_written_or_not(signed_url, checked_url):
    params = {"Body": "lait"}
    verify_twilio("tok", {"X-Twilio-Signature": _twilio("tok", signed_url, params)}, checked_url, params.items())


def test_twilio_other_port_or_host_refused():
    params = {"Body": "lait"}
    sig = _twilio("tok", "https://bot.example.com:8443/webhooks/twilio", params)
    with pytest.raises(VerificationError, match="signature mismatch"):
        verify_twilio("tok", {"X-Twilio-Signature": sig}, "https://bot.example.com/webhooks/twilio", params.items())
    sig = _twilio("tok", "https://evil.example/webhooks/twilio", params)
    with pytest.raises(VerificationError, match="signature mismatch"):
        verify_twilio("tok", {"X-Twilio-Signature": sig}, "https://bot.example.com/webhooks/twilio", params.items())


@pytest.mark.parametrize(
    "base, path, query, expected",
    [
        ("https://bot.example.com", "/webhooks/twilio", "", "https://bot.example.com/webhooks/twilio"),
        ("https://bot.example.com/", "/webhooks/twilio", "", "https://bot.example.com/webhooks/twilio"),
        ("https://bot.example.com/lp//", "/webhooks/twilio", "x=1&y=2", "https://bot.example.com/lp/webhooks/twilio?x=1&y=2"),
    ],
)
def test_public_url(base, path, query, expected):
    assert public_url(base, path, query) == expected


# -------------------------------------------------------------------------- refusals

BODY = b'{"update_id": 1}'
GOOD_SLACK = {"X-Slack-Request-Timestamp": str(NOW), "X-Slack-Signature": _slack(SECRET, str(NOW), BODY)}


@pytest.mark.parametrize(
    "headers, body, now, reason",
    [
        ({}, BODY, NOW, "missing X-Slack-Request-Timestamp"),
        ({"X-Slack-Request-Timestamp": str(NOW)}, BODY, NOW, "missing X-Slack-Signature"),
        (GOOD_SLACK, BODY + b" ", NOW, "signature mismatch"),
        ({**GOOD_SLACK, "X-Slack-Signature": _slack("other", str(NOW), BODY)}, BODY, NOW, "signature mismatch"),
        (GOOD_SLACK, BODY, NOW + SLACK_TOLERANCE_S + 1, "from now"),
        (GOOD_SLACK, BODY, NOW - SLACK_TOLERANCE_S - 1, "from now"),
        ({**GOOD_SLACK, "X-Slack-Request-Timestamp": "12.5"}, BODY, NOW, "not a Unix time"),
        ({**GOOD_SLACK, "X-Slack-Request-Timestamp": "-5"}, BODY, NOW, "not a Unix time"),
        ({**GOOD_SLACK, "X-Slack-Request-Timestamp": "９９"}, BODY, NOW, "not a Unix time"),
        ({**GOOD_SLACK, "X-Slack-Signature": "v0=" + "0" * 64}, BODY, NOW, "signature mismatch"),
        ({**GOOD_SLACK, "X-Slack-Signature": "é"}, BODY, NOW, "signature mismatch"),
    ],
)
def test_slack_refusals(headers, body, now, reason):
    with pytest.raises(VerificationError, match=reason) as info:
        verify_slack(SECRET, headers, body, now=now)
    assert SECRET not in str(info.value)


@pytest.mark.parametrize("delta", [-SLACK_TOLERANCE_S, 0, SLACK_TOLERANCE_S])
def test_slack_timestamp_edges_accepted(delta):
    verify_slack(SECRET, GOOD_SLACK, BODY, now=NOW + delta)


@pytest.mark.parametrize(
    "headers, reason",
    [
        ({}, "missing"),
        ({"X-Telegram-Bot-Api-Secret-Token": ""}, "mismatch"),
        ({"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"}, "mismatch"),
        ({"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1]}, "mismatch"),
        ({"X-Telegram-Bot-Api-Secret-Token": "sécrét"}, "mismatch"),
        ({"Authorization": f"Bearer {SECRET}"}, "missing"),
    ],
)
def test_telegram_refusals(headers, reason):
    with pytest.raises(VerificationError, match=reason) as info:
        verify_telegram(SECRET, headers)
    assert SECRET not in str(info.value)


@pytest.mark.parametrize("name", ["X-Telegram-Bot-Api-Secret-Token", "x-telegram-bot-api-secret-token"])
def test_telegram_accepted_any_header_case(name):
    verify_telegram(SecretStr(SECRET), {name: SECRET})


@pytest.mark.parametrize(
    "headers, body",
    [
        ({}, BODY),
        ({"X-Hub-Signature-256": _meta(SECRET, BODY)}, BODY + b"\n"),
        ({"X-Hub-Signature-256": _meta("wrong", BODY)}, BODY),
        ({"X-Hub-Signature-256": _meta(SECRET, BODY).removeprefix("sha256=")}, BODY),
        ({"X-Hub-Signature": "sha1=" + hmac.new(SECRET.encode(), BODY, hashlib.sha1).hexdigest()}, BODY),
        # a valid Slack signature is not a WhatsApp signature
        (GOOD_SLACK, BODY),
    ],
)
def test_whatsapp_signature_refusals(headers, body):
    with pytest.raises(VerificationError) as info:
        verify_whatsapp_signature(SECRET, headers, body)
    assert SECRET not in str(info.value)


def test_whatsapp_signature_uppercase_hex_accepted():
    sig = _meta(SECRET, BODY).upper()
    verify_whatsapp_signature(SECRET, {"X-Hub-Signature-256": sig}, BODY)


@pytest.mark.parametrize(
    "params, reason",
    [
        ({"hub.mode": "unsubscribe", "hub.verify_token": SECRET, "hub.challenge": "1"}, "hub.mode"),
        ({"hub.verify_token": SECRET, "hub.challenge": "1"}, "hub.mode"),
        ({"hub.mode": "subscribe", "hub.challenge": "1"}, "missing hub.verify_token"),
        ({"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"}, "mismatch"),
        ({"hub.mode": "subscribe", "hub.verify_token": SECRET}, "missing hub.challenge"),
    ],
)
def test_whatsapp_subscribe_refusals(params, reason):
    with pytest.raises(VerificationError, match=reason):
        verify_whatsapp_subscribe(SECRET, params)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(
    "headers, config",
    [
        ({"Authorization": f"Bearer {SECRET}"}, {"token": SECRET}),
        ({"authorization": f"bearer {SECRET}"}, {"token": SECRET}),
        ({"Authorization": _basic("agent", "pw:with:colons")}, {"basic_user": "agent", "basic_password": "pw:with:colons"}),
        ({"Authorization": _basic("agent", "mot de passe é")}, {"basic_user": "agent", "basic_password": SecretStr("mot de passe é")}),
        ({"Authorization": f"Bearer {SECRET}"}, {"token": SECRET, "basic_user": "agent", "basic_password": "pw"}),
        ({"Authorization": _basic("agent", "pw")}, {"token": SECRET, "basic_user": "agent", "basic_password": "pw"}),
    ],
)
def test_dialogflow_accepted(headers, config):
    verify_dialogflow(headers, **config)


@pytest.mark.parametrize(
    "headers, config, reason",
    [
        ({}, {"token": SECRET}, "missing Authorization"),
        ({"Authorization": "Bearer nope"}, {"token": SECRET}, "bearer token mismatch"),
        ({"Authorization": "Bearer"}, {"token": SECRET}, "bearer token mismatch"),
        ({"Authorization": _basic("agent", "pw")}, {"token": SECRET}, "basic authentication not accepted"),
        ({"Authorization": f"Bearer {SECRET}"}, {"basic_user": "agent", "basic_password": "pw"}, "bearer token not accepted"),
        ({"Authorization": _basic("agent", "wrong")}, {"basic_user": "agent", "basic_password": "pw"}, "basic credentials mismatch"),
        ({"Authorization": _basic("other", "pw")}, {"basic_user": "agent", "basic_password": "pw"}, "basic credentials mismatch"),
        ({"Authorization": "Basic " + base64.b64encode(b"agentpw").decode()}, {"basic_user": "agent", "basic_password": "pw"}, "mismatch"),
        ({"Authorization": "Basic !!!"}, {"basic_user": "agent", "basic_password": "pw"}, "malformed"),
        ({"Authorization": "Basic " + base64.b64encode(b"\xff:\xfe").decode()}, {"basic_user": "agent", "basic_password": "pw"}, "malformed"),
        ({"Authorization": f"Token {SECRET}"}, {"token": SECRET}, "unsupported"),
        # the Telegram header with the right value is not a Dialogflow credential
        ({"X-Telegram-Bot-Api-Secret-Token": SECRET}, {"token": SECRET}, "missing Authorization"),
        # a user without a password does not turn Basic authentication on
        ({"Authorization": _basic("agent", "")}, {"basic_user": "agent"}, "not configured"),
        ({"Authorization": "Bearer "}, {"token": ""}, "not configured"),
    ],
)
def test_dialogflow_refusals(headers, config, reason):
    with pytest.raises(VerificationError, match=reason) as info:
        verify_dialogflow(headers, **config)
    assert SECRET not in str(info.value)
    assert "pw" not in info.value.reason


@pytest.mark.parametrize(
    "check",
    [
        lambda s: verify_telegram(s, {"X-Telegram-Bot-Api-Secret-Token": ""}),
        lambda s: verify_whatsapp_signature(s, {"X-Hub-Signature-256": _meta("", BODY)}, BODY),
        lambda s: verify_whatsapp_subscribe(s, {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}),
        lambda s: verify_slack(s, {"X-Slack-Request-Timestamp": str(NOW), "X-Slack-Signature": _slack("", str(NOW), BODY)}, BODY, now=NOW),
        lambda s: verify_twilio(s, {"X-Twilio-Signature": _twilio("", "https://x", {})}, "https://x", []),
        lambda s: verify_dialogflow({"Authorization": "Bearer "}, token=s),
    ],
    ids=["telegram", "whatsapp", "whatsapp-get", "slack", "twilio", "dialogflow"],
)
@pytest.mark.parametrize("secret", [None, "", SecretStr("")], ids=["none", "empty", "empty-secretstr"])
def test_unset_secret_fails_closed(check, secret):
    """A delivery signed with an empty key would pass if an unset secret counted as ""."""
    with pytest.raises(VerificationError, match="not configured"):
        check(secret)


def test_verification_error_is_a_listparse_error():
    error = VerificationError("slack", "signature mismatch")
    assert isinstance(error, ListparseError)
    assert isinstance(error, PermissionError)
    assert (error.channel, error.reason, str(error)) == ("slack", "signature mismatch", "slack: signature mismatch")


@pytest.mark.parametrize("value, expected", [(None, None), ("", None), (SecretStr(""), None), ("x", "x"), (SecretStr("y"), "y")])
def test_secret_value(value, expected):
    assert secret_value(value) == expected


def test_verification_uses_constant_time_comparison(monkeypatch):
    import listparse.service.channels.verify as verify

    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(verify.hmac, "compare_digest", spy)
    with pytest.raises(VerificationError):
        verify_telegram(SECRET, {"X-Telegram-Bot-Api-Secret-Token": "nope"})
    with pytest.raises(VerificationError):
        verify_whatsapp_signature(SECRET, {"X-Hub-Signature-256": "sha256=00"}, BODY)
    with pytest.raises(VerificationError):
        verify_slack(SECRET, {**GOOD_SLACK, "X-Slack-Signature": "v0=00"}, BODY, now=NOW)
    with pytest.raises(VerificationError):
        verify_twilio(SECRET, {"X-Twilio-Signature": "AA=="}, "https://x/", [])
    with pytest.raises(VerificationError):
        verify_dialogflow({"Authorization": "Bearer nope"}, token=SECRET)
    assert len(calls) >= 5


def test_slack_documented_example():
    # the example of Slack's "Verifying requests from Slack" documentation
    body = (
        b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    assert slack_signature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body) == expected
