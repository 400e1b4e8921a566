"""The language of a message, for the reply and for parsing its products.

In order: the command words (« enlève », "please": the language whose phrases explain more of
the message); then the parser's language detection on the products, when it has evidence
(« du pain », "milk"); then, the signal being weak (« 2 milks », « ok »), the language the list
remembers, the language asked for by the caller, and French.

>>> from listparse.conversation.commands import interpret
>>> def guess(text, remembered=None):
...     read = {code: interpret(text, code) for code in ("fr", "en")}
...     return choose_language(text, read, remembered=remembered, hint=None)
>>> guess("remove the bread"), guess("deux baguettes et du beurre"), guess("milk and bread")
('en', 'fr', 'en')
>>> guess("2 milks"), guess("2 milks", remembered="en"), guess("ok", remembered="en")
('fr', 'en', 'en')
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..lexicon import SUPPORTED_LANGUAGES
from .commands import Command

__all__ = ["choose_language", "language_code"]

_WORD = re.compile(r"[^\W\d_]{2,}")
_SAMPLE = 2000
_FALLBACK = "fr"


def language_code(value: object) -> str | None:
    """A supported language code from a caller's value ("fr", "en-GB", "FR_fr"), else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()[:2]
    return code if code in SUPPORTED_LANGUAGES and value.strip()[2:3] in ("", "-", "_") else None


def _detected(text: str) -> str | None:
    """The language the parser's detection finds with evidence, or None (no evidence)."""
    from ..options import ParseOptions
    from ..stages.detect import detect_language
    from ..stages.normalize import normalize

    if not _WORD.search(text):
        return None
    sample = normalize(text[:_SAMPLE])
    found = {detect_language(sample, None, ParseOptions(default_lang=code)) for code in SUPPORTED_LANGUAGES}
    return found.pop() if len(found) == 1 else None


def choose_language(
    text: str, commands: Mapping[str, Command], *, remembered: str | None, hint: str | None
) -> str:
    """The language of ``text`` given how each language reads it (see the module docstring)."""
    evidence = {code: commands[code].evidence for code in commands}
    if evidence:
        best = max(evidence.values())
        leaders = [code for code, value in evidence.items() if value == best]
        if best > 0 and len(leaders) == 1:
            return leaders[0]
    spans = {(c.start, c.end) for c in commands.values() if c.end > c.start}
    if not commands:
        spans = {(0, len(text))}
    for start, end in sorted(spans):
        detected = _detected(text[start:end])
        if detected is not None:
            return detected
    for candidate in (remembered, hint):
        if candidate in SUPPORTED_LANGUAGES:
            return candidate
    return _FALLBACK
