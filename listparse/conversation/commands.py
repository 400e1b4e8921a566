"""Reading a message as a list command of one language: which command, and which part of
the text holds the products.

Courtesy words at either end are set aside (« est-ce que tu peux », "please"); a whole-message
phrase is a command of its own (« vide la liste », "what's on my list"); else a leading verb
says add or remove, or a question opener asks whether products are on the list (« est-ce que
j'ai », "do I have"), and the rest names the products, without a mention of the list (« à la
liste de courses », "from my list"). No verb and some text means add.

A message may hold several commands (:func:`read_clauses`): a separator (« et », "then", a
comma) followed by a command verb starts the next one, so « ajoute du lait et enlève le pain »
is two commands, and « pain et beurre » one.

>>> c = interpret("Est-ce que tu peux enlever le pain de la liste ?", "fr")
>>> c.action, "Est-ce que tu peux enlever le pain de la liste ?"[c.start:c.end], c.evidence
('remove', 'le pain', 9)
>>> interpret("what's on my list?", "en").action
'show'
>>> interpret("remove it please", "en").pronoun
('it',)
>>> [c.action for c in read_clauses("vide la liste et ajoute des pommes", "fr")]
['clear', 'add']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .phrases import LIST, WHOLE_MESSAGE_ROLES, CommandWords, Token, command_words, message_tokens

__all__ = ["CLAUSE_ROLES", "Command", "CommandKind", "interpret", "read_clauses"]

#: Whole-message commands that may also open a later command of a message (« … et vide la
#: liste »); help and thanks may not.
CLAUSE_ROLES = ("show", "clear", "undo")

CommandKind = Literal[
    "add", "implicit", "remove", "ask", "show", "clear", "undo", "help", "thanks", "ack", "empty"
]

#: Sentence punctuation set aside at either end of a message or of the products.
_EDGE_PUNCTUATION = frozenset(",.;:!?¿¡…")
#: Longest trailing phrase looked for (tokens).
_TAIL = 10
#: Longest whole-message command (tokens): « qu'est-ce qu'il y a sur ma liste de courses » has 12.
_WHOLE = 24
#: Tokens looked at for the start of a later command of a message, and the courtesy phrases
#: skipped before its verb (« et est-ce que tu peux enlever… »).
_HORIZON = 40
_COURTESY = 3


@dataclass(frozen=True)
class Command:
    """A message read in one language.

    ``start:end`` is the part of the text naming the products (add and remove); ``evidence``
    counts the tokens that this language's phrases explained; ``pronoun`` is the pronoun when
    the products are only « le », "it"…, with ``article`` the article it stands for.
    """

    lang: str
    action: CommandKind
    start: int = 0
    end: int = 0
    evidence: int = 0
    pronoun: tuple[str, ...] | None = None
    article: str | None = None


def _ends(folded: Sequence[str], i: int, pattern: tuple[str, ...], words: CommandWords) -> set[int]:
    """Every position where ``pattern`` can end when it starts at ``i``."""
    ends = {i}
    n = len(folded)
    for part in pattern:
        following: set[int] = set()
        for e in ends:
            if part == LIST:
                for phrase in words.role("list"):
                    if tuple(folded[e : e + len(phrase)]) == phrase:
                        following.add(e + len(phrase))
            elif e < n and folded[e] == part:
                following.add(e + 1)
        ends = following
        if not ends:
            break
    return ends


def _longest_prefix(folded, i: int, j: int, patterns, words: CommandWords) -> tuple[int, tuple[str, ...]] | None:
    best: tuple[int, tuple[str, ...]] | None = None
    window = folded[:j]
    for pattern in patterns:
        for end in _ends(window, i, pattern, words):
            if end > i and (best is None or end > best[0]):
                best = (end, pattern)
    return best


def _longest_suffix(folded, i: int, j: int, patterns, words: CommandWords) -> int | None:
    """The earliest start of a pattern that ends exactly at ``j`` (None if none does)."""
    window = folded[:j]
    for k in range(max(i, j - _TAIL), j):
        if any(j in _ends(window, k, pattern, words) for pattern in patterns):
            return k
    return None


def _whole(folded, i: int, j: int, words: CommandWords) -> str | None:
    """The role of the whole-message phrase that is exactly ``folded[i:j]``, if any."""
    if j - i > _WHOLE:
        return None  # no whole-message phrase is that long
    window = folded[:j]
    for role in WHOLE_MESSAGE_ROLES:
        for pattern in words.role(role):
            if j in _ends(window, i, pattern, words):
                return role
    return None


def _verbs(words: CommandWords) -> list[tuple[tuple[str, ...], CommandKind]]:
    """The phrases that open the products of a command, with the command they open."""
    return [(p, kind) for kind in ("add", "remove", "ask") for p in words.role(kind)]  # type: ignore[misc]


def _list_mentions(words: CommandWords) -> tuple[tuple[str, ...], ...]:
    return tuple((prep[0], LIST) for prep in words.role("listprep") if len(prep) == 1)


class _Reader:
    """Token bounds being narrowed, and the number of tokens explained on the way."""

    def __init__(self, tokens: list[Token], words: CommandWords) -> None:
        self.folded = [t.folded for t in tokens]
        self.words = words
        self.i = 0
        self.j = len(tokens)
        self.evidence = 0

    def punctuation(self) -> None:
        while self.i < self.j and self.folded[self.i] in _EDGE_PUNCTUATION:
            self.i += 1
        while self.j > self.i and self.folded[self.j - 1] in _EDGE_PUNCTUATION:
            self.j -= 1

    def leading(self, patterns) -> bool:
        found = _longest_prefix(self.folded, self.i, self.j, patterns, self.words)
        if found is None:
            return False
        self.evidence += found[0] - self.i
        self.i = found[0]
        self.punctuation()
        return True

    def trailing(self, patterns) -> bool:
        start = _longest_suffix(self.folded, self.i, self.j, patterns, self.words)
        if start is None or start == self.i:
            return False
        self.evidence += self.j - start
        self.j = start
        self.punctuation()
        return True

    def courtesy(self) -> None:
        polite = self.words.role("polite")
        while self.leading(polite):
            pass
        while self.trailing(polite):
            pass

    def list_mentions(self) -> None:
        mentions = _list_mentions(self.words)
        while self.trailing(mentions) or self.trailing(self.words.role("polite")):
            pass
        if self.i < self.j and self.leading(mentions):
            self.courtesy()


def interpret(text: str, lang: str, tokens: list[Token] | None = None) -> Command:
    """``text`` read as a command of ``lang`` (see the module docstring)."""
    words = command_words(lang)
    tokens = message_tokens(text) if tokens is None else tokens
    reader = _Reader(tokens, words)
    reader.punctuation()
    if reader.i == reader.j:
        return Command(lang, "empty")
    role = _whole(reader.folded, reader.i, reader.j, words)
    if role is not None:
        return Command(lang, role, evidence=reader.j - reader.i)  # type: ignore[arg-type]
    reader.courtesy()
    if reader.i == reader.j:
        return Command(lang, "ack", evidence=reader.evidence)
    role = _whole(reader.folded, reader.i, reader.j, words)
    if role is not None:
        return Command(lang, role, evidence=reader.evidence + reader.j - reader.i)  # type: ignore[arg-type]

    verbs = _verbs(words)
    found = _longest_prefix(reader.folded, reader.i, reader.j, [p for p, _ in verbs], words)
    action: CommandKind = "implicit"
    if found is not None:
        action = dict(verbs)[found[1]]  # type: ignore[assignment]
        reader.evidence += found[0] - reader.i
        reader.i = found[0]
        reader.punctuation()
        reader.courtesy()
    reader.list_mentions()
    if reader.i == reader.j:
        return Command(lang, "ack" if action == "implicit" else action, evidence=reader.evidence)
    if action == "remove":
        rest = tuple(reader.folded[reader.i : reader.j])
        if rest in words.role("pronoun"):
            return Command(
                lang, "remove", evidence=reader.evidence + len(rest), pronoun=rest,
                article=words.pronoun_articles.get(rest),
            )
    return Command(
        lang, action, start=tokens[reader.i].start, end=tokens[reader.j - 1].end, evidence=reader.evidence
    )


def _clause_start(folded: list[str], k: int, content_end: int, words: CommandWords) -> bool:
    """Whether a command starts at token ``k``: a few courtesy words, then a verb, or a
    whole-message command of :data:`CLAUSE_ROLES` that ends the message (``content_end`` is
    where its last word ends) or meets a separator."""
    window = folded[k : k + _HORIZON]
    polite = words.role("polite")
    verbs = [v for v, _ in _verbs(words)]
    p = 0
    for _ in range(_COURTESY + 1):
        if p >= len(window):
            return False
        if _longest_prefix(window, p, len(window), verbs, words) is not None:
            return True  # a verb, even one that is also a courtesy phrase (« n'oublie pas »)
        found = _longest_prefix(window, p, len(window), polite, words)
        if found is None:
            break
        p = found[0]
    separators = words.role("then")
    for role in CLAUSE_ROLES:
        for pattern in words.role(role):
            if pattern[0] == LIST:
                continue  # « … et ma liste » names no command
            for end in _ends(window, p, pattern, words):
                after = k + end
                if after >= content_end or any(tuple(folded[after : after + len(s)]) == s for s in separators):
                    return True
    return False


def _cuts(folded: list[str], words: CommandWords) -> list[tuple[int, int]]:
    """(start, end) of each separator after which a command starts, in order."""
    n = len(folded)
    content_end = n
    while content_end > 0 and folded[content_end - 1] in _EDGE_PUNCTUATION:
        content_end -= 1
    cuts: list[tuple[int, int]] = []
    k = 1
    while k < content_end:
        ends = [k + len(s) for s in words.role("then") if tuple(folded[k : k + len(s)]) == s]
        found = next(
            (end for end in sorted(ends, reverse=True) if _clause_start(folded, end, content_end, words)), None
        )
        if found is None:
            k += 1
            continue
        cuts.append((k, found))
        k = found + 1
    return cuts


#: Readings of a part of a message that are no command of their own: they stay with the next part.
_NO_COMMAND = frozenset({"ack", "empty", "help", "thanks"})


def read_clauses(text: str, lang: str, tokens: list[Token] | None = None) -> tuple[Command, ...]:
    """The commands of ``text`` in ``lang``, in order (one for most messages). A part that is
    no command of its own (« ok, », « bonjour, ») stays with the command that follows it."""
    tokens = message_tokens(text) if tokens is None else tokens
    words = command_words(lang)
    folded = [t.folded for t in tokens]
    cuts = _cuts(folded, words) if words.role("then") else []
    if not cuts:
        return (interpret(text, lang, tokens),)
    commands: list[Command] = []
    start = 0
    for cut_start, cut_end in cuts:
        command = interpret(text, lang, tokens[start:cut_start])
        if command.action in _NO_COMMAND:
            continue  # the next command starts where this part started
        commands.append(command)
        start = cut_end
    last = interpret(text, lang, tokens[start:])
    if last.action not in _NO_COMMAND or not commands:
        commands.append(last)
    return tuple(commands)
