"""Webhook authentication for each chat platform, as pure functions.

Every check takes the configured secret (a :class:`~pydantic.SecretStr`, a ``str`` or ``None``),
the request headers, and the RAW body bytes or the public URL: a signature is always computed over
the exact bytes the platform sent, never over a re-serialised body (Meta signs escaped unicode
such as ``\\u00e9``; hashing the decoded text breaks on every French message). Comparisons use
:func:`hmac.compare_digest`. A failed check raises :class:`VerificationError`, whose reason names
what failed and never holds the secret. An unset or empty secret always fails (fail closed).

>>> import hashlib, hmac
>>> body = b'{"text": "du pain"}'
>>> sig = "sha256=" + hmac.new(b"app-secret", body, hashlib.sha256).hexdigest()
>>> verify_whatsapp_signature("app-secret", {"X-Hub-Signature-256": sig}, body)
>>> verify_whatsapp_signature("app-secret", {"X-Hub-Signature-256": sig}, body + b" ")
Traceback (most recent call last):
...
listparse.service.channels.verify.VerificationError: whatsapp: signature mismatch
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

from pydantic import SecretStr

from listparse.errors import ListparseError

__all__ = [
    "SLACK_TOLERANCE_S",
    "VerificationError",
    "public_url",
    "secret_value",
    "slack_signature",
    "twilio_signature",
    "verify_dialogflow",
    "verify_slack",
    "verify_telegram",
    "verify_twilio",
    "verify_whatsapp_signature",
    "verify_whatsapp_subscribe",
    "whatsapp_signature",
]

#: Slack requests whose timestamp is further than this from now (either way) are refused.
SLACK_TOLERANCE_S = 300

Secret = SecretStr | str | None
Headers = Mapping[str, str]


class VerificationError(ListparseError, PermissionError):
    """A webhook delivery failed authentication; ``reason`` says why (never the secret)."""

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(f"{channel}: {reason}")
        self.channel = channel
        self.reason = reason


def secret_value(value: Secret) -> str | None:
    """The plain text of a configured secret, or ``None`` when it is unset or empty.

    >>> secret_value(SecretStr("s")), secret_value(""), secret_value(None)
    ('s', None, None)
    """
    if value is None:
        return None
    text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
    return text or None


def _equal(given: str, expected: str) -> bool:
    """Constant-time comparison of two texts (as UTF-8 bytes, so any character is accepted)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def _header(headers: Headers, name: str) -> str | None:
    """A header's first value, by case-insensitive name (plain dicts and Starlette headers)."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def _required_secret(channel: str, value: Secret) -> str:
    secret = secret_value(value)
    if secret is None:
        raise VerificationError(channel, "channel secret not configured")
    return secret


# --------------------------------------------------------------------------------------------
# Telegram


def verify_telegram(secret_token: Secret, headers: Headers) -> None:
    """``X-Telegram-Bot-Api-Secret-Token`` must equal the webhook's ``secret_token``.

    >>> verify_telegram("tok", {"x-telegram-bot-api-secret-token": "tok"})
    >>> verify_telegram("tok", {})
    Traceback (most recent call last):
    ...
    listparse.service.channels.verify.VerificationError: telegram: missing X-Telegram-Bot-Api-Secret-Token header
    """
    secret = _required_secret("telegram", secret_token)
    given = _header(headers, "X-Telegram-Bot-Api-Secret-Token")
    if given is None:
        raise VerificationError("telegram", "missing X-Telegram-Bot-Api-Secret-Token header")
    if not _equal(given, secret):
        raise VerificationError("telegram", "secret token mismatch")


# --------------------------------------------------------------------------------------------
# WhatsApp Cloud API (Meta)


def whatsapp_signature(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``: ``sha256=<hex>``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_whatsapp_signature(app_secret: Secret, headers: Headers, body: bytes) -> None:
    """``X-Hub-Signature-256`` must be the HMAC-SHA256 of the raw body with the app secret."""
    secret = _required_secret("whatsapp", app_secret)
    given = _header(headers, "X-Hub-Signature-256")
    if given is None:
        raise VerificationError("whatsapp", "missing X-Hub-Signature-256 header")
    expected = whatsapp_signature(secret, body)
    # Meta sends lowercase hex; accept an uppercase "SHA256=" prefix or hex digits too
    if not _equal(given.strip().lower(), expected):
        raise VerificationError("whatsapp", "signature mismatch")


def verify_whatsapp_subscribe(verify_token: Secret, params: Mapping[str, str]) -> str:
    """The ``hub.challenge`` to echo when ``hub.mode=subscribe`` and the verify token matches.

    >>> verify_whatsapp_subscribe("vt", {"hub.mode": "subscribe", "hub.verify_token": "vt", "hub.challenge": "42"})
    '42'
    """
    secret = _required_secret("whatsapp", verify_token)
    if params.get("hub.mode") != "subscribe":
        raise VerificationError("whatsapp", "hub.mode is not 'subscribe'")
    given = params.get("hub.verify_token")
    if given is None:
        raise VerificationError("whatsapp", "missing hub.verify_token")
    if not _equal(given, secret):
        raise VerificationError("whatsapp", "verify token mismatch")
    challenge = params.get("hub.challenge")
    if not challenge:
        raise VerificationError("whatsapp", "missing hub.challenge")
    return challenge


# --------------------------------------------------------------------------------------------
# Slack


def slack_signature(signing_secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Slack-Signature`` value: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(signing_secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def verify_slack(
    signing_secret: Secret,
    headers: Headers,
    body: bytes,
    *,
    now: float | None = None,
    tolerance_s: float = SLACK_TOLERANCE_S,
) -> None:
    """Slack's v0 request signature, with ``X-Slack-Request-Timestamp`` within ``tolerance_s``
    of ``now`` (default: the current time) so that a captured request cannot be replayed later."""
    secret = _required_secret("slack", signing_secret)
    timestamp = _header(headers, "X-Slack-Request-Timestamp")
    given = _header(headers, "X-Slack-Signature")
    if timestamp is None:
        raise VerificationError("slack", "missing X-Slack-Request-Timestamp header")
    if given is None:
        raise VerificationError("slack", "missing X-Slack-Signature header")
    timestamp = timestamp.strip()
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        raise VerificationError("slack", "X-Slack-Request-Timestamp is not a Unix time")
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance_s:
        raise VerificationError("slack", f"request timestamp more than {tolerance_s:g} s from now")
    if not _equal(given.strip(), slack_signature(secret, timestamp, body)):
        raise VerificationError("slack", "signature mismatch")


# --------------------------------------------------------------------------------------------
# Twilio


def public_url(public_base_url: str, path: str, query: str = "") -> str:
    """The URL a platform called, rebuilt from the configured public base URL alone (never from
    ``Host`` or ``X-Forwarded-*`` headers, which the caller controls).

    >>> public_url("https://bot.example.com/", "/webhooks/twilio", "a=1")
    'https://bot.example.com/webhooks/twilio?a=1'
    """
    url = public_base_url.rstrip("/") + path
    return f"{url}?{query}" if query else url


def twilio_signature(auth_token: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """``X-Twilio-Signature``: base64 HMAC-SHA1 of the URL followed by every form parameter as
    name + value, sorted by name (and by value for a repeated name)."""
    data = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(auth_token.encode("utf-8"), data.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def _url_variants(url: str) -> list[str]:
    """The URL as given, plus the same URL with its default port written or left out: Twilio
    signs the URL as configured in its console, which may or may not name the port."""
    variants = [url]
    parts = urlsplit(url)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    if default is None or not parts.hostname:
        return variants
    try:
        port = parts.port
    except ValueError:
        return variants
    userinfo, _, _ = parts.netloc.rpartition("@")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    prefix = f"{userinfo}@" if userinfo else ""
    if port is None:
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}:{default}")))
    elif port == default:
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}")))
    return variants


def verify_twilio(auth_token: Secret, headers: Headers, url: str, params: Iterable[tuple[str, str]]) -> None:
    """``X-Twilio-Signature`` must sign ``url`` (the public URL, see :func:`public_url`) and the
    form parameters."""
    secret = _required_secret("twilio", auth_token)
    given = _header(headers, "X-Twilio-Signature")
    if given is None:
        raise VerificationError("twilio", "missing X-Twilio-Signature header")
    pairs = list(params)
    matched = False
    for candidate in _url_variants(url):
        # no early exit: every variant is computed and compared
        matched |= _equal(given.strip(), twilio_signature(secret, candidate, pairs))
    if not matched:
        raise VerificationError("twilio", "signature mismatch")


# --------------------------------------------------------------------------------------------
# Dialogflow ES and CX


def verify_dialogflow(
    headers: Headers,
    *,
    token: Secret = None,
    basic_user: str | None = None,
    basic_password: Secret = None,
) -> None:
    """``Authorization: Bearer <token>`` or ``Basic`` credentials, whichever is configured.

    Basic authentication is on only when both the user and the password are set.

    >>> verify_dialogflow({"Authorization": "Bearer t0k"}, token="t0k")
    >>> creds = base64.b64encode(b"agent:pw").decode()
    >>> verify_dialogflow({"Authorization": "Basic " + creds}, basic_user="agent", basic_password="pw")
    """
    bearer = secret_value(token)
    user = basic_user or None
    password = secret_value(basic_password)
    basic_on = user is not None and password is not None
    if bearer is None and not basic_on:
        raise VerificationError("dialogflow", "channel secret not configured")
    value = _header(headers, "Authorization")
    if value is None:
        raise VerificationError("dialogflow", "missing Authorization header")
    scheme, _, credentials = value.strip().partition(" ")
    scheme = scheme.lower()
    credentials = credentials.strip()
    if scheme == "bearer":
        if bearer is None:
            raise VerificationError("dialogflow", "bearer token not accepted")
        if not _equal(credentials, bearer):
            raise VerificationError("dialogflow", "bearer token mismatch")
        return
    if scheme == "basic":
        if not basic_on:
            raise VerificationError("dialogflow", "basic authentication not accepted")
        try:
            decoded = base64.b64decode(credentials.encode("ascii"), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeError, ValueError):
            raise VerificationError("dialogflow", "malformed basic credentials") from None
        given_user, sep, given_password = decoded.partition(":")
        user_ok = _equal(given_user, user)  # type: ignore[arg-type]
        password_ok = _equal(given_password, password)  # type: ignore[arg-type]
        if not (sep and user_ok and password_ok):
            raise VerificationError("dialogflow", "basic credentials mismatch")
        return
    raise VerificationError("dialogflow", "unsupported Authorization scheme")
