"""Shaping replies for the platforms: size limits, JSON bodies that fit, TwiML, language hints.

>>> truncate_utf8("crème fraîche", 9)
'crème…'
>>> twiml("2 < 3 & more")
'<?xml version="1.0" encoding="UTF-8"?><Response><Message>2 &lt; 3 &amp; more</Message></Response>'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

__all__ = [
    "ELLIPSIS",
    "json_bytes",
    "json_fitting",
    "lang_hint",
    "truncate_chars",
    "truncate_utf8",
    "twiml",
]

ELLIPSIS = "…"

#: characters XML 1.0 does not allow at all (TwiML would be refused)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def truncate_utf8(text: str, max_bytes: int, *, ellipsis: str = ELLIPSIS) -> str:
    """``text`` cut so that its UTF-8 encoding fits in ``max_bytes``, never inside a character,
    with ``ellipsis`` at the end when something was cut.

    >>> truncate_utf8("abc", 3), truncate_utf8("abcd", 3, ellipsis=".")
    ('abc', 'ab.')
    """
    data = text.encode("utf-8", "replace")
    if len(data) <= max_bytes:
        return text
    room = max_bytes - len(ellipsis.encode("utf-8"))
    if room <= 0:
        return data[: max(max_bytes, 0)].decode("utf-8", "ignore")
    # "ignore" drops the bytes of a character cut in the middle
    return data[:room].decode("utf-8", "ignore") + ellipsis


def truncate_chars(text: str, max_chars: int, *, ellipsis: str = ELLIPSIS) -> str:
    """``text`` cut to at most ``max_chars`` characters, ending with ``ellipsis`` when cut.

    >>> truncate_chars("lait, pain, œufs", 10)
    'lait, pai…'
    """
    if len(text) <= max_chars:
        return text
    return text[: max(max_chars - len(ellipsis), 0)] + ellipsis[:max_chars]


def json_bytes(payload: Any) -> bytes:
    """The UTF-8 JSON encoding used for webhook answers (compact, unicode kept as is)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_fitting(build: Callable[[str], Any], reply: str, *, limit: int) -> bytes:
    """The JSON body ``build(reply)``, with ``reply`` shortened until the body fits ``limit`` bytes.

    JSON escaping can make the encoded reply longer than the text, and the reply may appear more
    than once in the body, so the overshoot is measured on the real encoding.

    >>> body = json_fitting(lambda r: {"a": r, "b": [r]}, "x" * 100, limit=40)
    >>> len(body), body.decode()
    (39, '{"a":"xxxxxxxx…","b":["xxxxxxxx…"]}')
    """
    body = json_bytes(build(reply))
    if len(body) <= limit:
        return body
    # the body grows with the length of the kept prefix: find the longest prefix that fits
    low, high = 0, len(reply) - 1
    best = json_bytes(build(""))
    while low <= high:
        middle = (low + high) // 2
        candidate = json_bytes(build(reply[:middle] + ELLIPSIS))
        if len(candidate) <= limit:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def twiml(reply: str) -> str:
    """A TwiML answer sending ``reply`` back (an empty reply sends nothing), XML-escaped."""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    clean = _XML_INVALID.sub("", reply)
    if not clean.strip():
        return head + "<Response></Response>"
    return f"{head}<Response><Message>{escape(clean)}</Message></Response>"


def lang_hint(code: object) -> str | None:
    """``"fr"`` or ``"en"`` from a platform's language code (``"fr-FR"``, ``"en_US"``), else ``None``.

    >>> lang_hint("fr-FR"), lang_hint("EN"), lang_hint("de"), lang_hint(None)
    ('fr', 'en', None, None)
    """
    if not isinstance(code, str):
        return None
    primary = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    return primary if primary in ("fr", "en") else None
