"""The words of the conversation: command phrases (``commands.tsv``) and reply templates
(``replies.tsv``) of each language, read once from ``lexicons/<lang>/`` on first use.

A message and a command phrase are split into tokens the same way: words (an elided word keeps
its apostrophe), numbers and punctuation marks; hyphens and spaces only separate, so
« enlève-le » and « enlève le » are the same two tokens.

>>> [t.folded for t in message_tokens("Enlève-le, s’il te plaît !")]
['enleve', 'le', ',', "s'", 'il', 'te', 'plait', '!']
>>> replies("en").text("removed", items="the milk")
'Removed the milk.'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import LexiconError
from ..lexicon import SUPPORTED_LANGUAGES, lexicon_dir, read_table
from ..textutil import fold

__all__ = [
    "LIST",
    "WHOLE_MESSAGE_ROLES",
    "CommandWords",
    "Replies",
    "Token",
    "check_replies",
    "command_words",
    "message_tokens",
    "replies",
    "straight",
]

#: The placeholder standing for any phrase naming the list in a command phrase.
LIST = "{list}"
#: Roles whose phrases must be the whole message (once courtesy words are set aside).
WHOLE_MESSAGE_ROLES = ("show", "clear", "undo", "help", "thanks")
_ROLES = frozenset(WHOLE_MESSAGE_ROLES + ("polite", "add", "remove", "ask", "pronoun", "list", "listprep", "then"))

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_TOKEN = re.compile(r"\d+(?:[.,/]\d+)?|[^\W\d_]+'?|[^\w\s'\-]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """One token of a message: its folded form and where it stands in the text."""

    folded: str
    start: int
    end: int


def straight(text: str) -> str:
    """``text`` with straight apostrophes (’ → ')."""
    return text.translate(_APOSTROPHES)


def message_tokens(text: str) -> list[Token]:
    """The tokens of ``text`` with their character offsets (apostrophes made straight)."""
    straight = text.translate(_APOSTROPHES)  # one character for one: offsets are kept
    return [Token(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(straight)]


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in phrase.split():
        if part == LIST:
            out.append(LIST)
        else:
            out.extend(t.folded for t in message_tokens(part))
    return tuple(out)


@dataclass(frozen=True)
class CommandWords:
    """The command phrases of one language, as folded token tuples grouped by role."""

    lang: str
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    pronoun_articles: dict[tuple[str, ...], str]

    def role(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The phrases of a role (empty when the language has none)."""
        return self.phrases.get(name, ())


@functools.cache
def command_words(lang: str) -> CommandWords:
    """The command phrases of ``lang``, read once from ``lexicons/<lang>/commands.tsv``."""
    path = lexicon_dir() / lang / "commands.tsv"
    grouped: dict[str, list[tuple[str, ...]]] = {}
    articles: dict[tuple[str, ...], str] = {}
    for phrase, role, value in read_table(path, 2, optional=1):
        if role not in _ROLES:
            raise LexiconError(f"{path}: unknown role {role!r} for {phrase!r} (known: {sorted(_ROLES)})")
        tokens = _phrase_tokens(phrase)
        if not tokens:
            raise LexiconError(f"{path}: phrase {phrase!r} has no word")
        grouped.setdefault(role, []).append(tokens)
        if role == "pronoun" and value:
            articles[tokens] = value
    return CommandWords(lang, {role: tuple(rows) for role, rows in grouped.items()}, articles)


@dataclass(frozen=True)
class Replies:
    """The reply templates of one language (``key → (text, plural form)``)."""

    lang: str
    rows: dict[str, tuple[str, str]]

    def text(self, key: str, **fields: object) -> str:
        """The template ``key`` filled with ``fields`` (values are never read as templates)."""
        return self.rows[key][0].format(**fields)

    def raw(self, key: str) -> str:
        """The text of ``key`` as written, "-" read as nothing."""
        value = self.rows[key][0]
        return "" if value == "-" else value

    def words(self, key: str) -> tuple[str, ...]:
        """The comma-separated words of ``key``."""
        return tuple(w.strip() for w in self.raw(key).split(",") if w.strip())

    def unit(self, unit: str, *, plural: bool) -> str:
        """How ``unit`` is written; a unit without a row is written as its id."""
        row = self.rows.get(f"unit:{unit}")
        if row is None:
            return unit.replace("_", " ")
        return row[1] if plural and row[1] else row[0]


@functools.cache
def replies(lang: str) -> Replies:
    """The reply templates of ``lang``, read once from ``lexicons/<lang>/replies.tsv``."""
    path = lexicon_dir() / lang / "replies.tsv"
    rows: dict[str, tuple[str, str]] = {}
    for key, text, plural in read_table(path, 2, optional=1):
        if key in rows:
            raise LexiconError(f"{path}: key {key!r} appears twice")
        rows[key] = (text, plural)
    return Replies(lang, rows)


def check_replies() -> None:
    """Raise :class:`LexiconError` when the languages do not have the same reply keys."""
    keys = {code: set(replies(code).rows) for code in SUPPORTED_LANGUAGES}
    first = SUPPORTED_LANGUAGES[0]
    for code, found in keys.items():
        if found != keys[first]:
            raise LexiconError(
                f"replies.tsv of {code!r} and {first!r} differ: {sorted(found ^ keys[first])}"
            )
