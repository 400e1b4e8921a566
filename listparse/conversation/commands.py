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

from collections.abc import Iterable, Sequence
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


class _Patterns:
    """Command phrases ready to be looked up: every token sequence they can match (a {list}
    spelled out by each phrase naming the list), with the first phrase it is a reading of.

    A phrase matches ``folded[i:i + n]`` when that slice is one of its sequences, so finding
    the longest phrase at a position, or one that ends at a position, takes a few dict
    lookups (one per length) whatever the number of phrases.
    """

    __slots__ = ("first", "lengths")

    def __init__(self, sequences: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        first: dict[tuple[str, ...], tuple[str, ...]] = {}
        for sequence, pattern in sequences:
            first.setdefault(sequence, pattern)
        self.first = first
        self.lengths = tuple(sorted({len(s) for s in first}, reverse=True))

    @classmethod
    def of(cls, patterns: Iterable[tuple[str, ...]], words: CommandWords) -> _Patterns:
        """Phrases whose {list} stands for any phrase of the role "list"."""
        spelled = words.role("list")
        return cls((seq, p) for p in patterns for seq in _spelled_out(p, spelled))

    @classmethod
    def literal(cls, patterns: Iterable[tuple[str, ...]]) -> _Patterns:
        """Phrases compared token for token (a {list} in them matches nothing)."""
        return cls((p, p) for p in patterns)

    def longest(self, folded: Sequence[str], i: int, j: int) -> tuple[int, tuple[str, ...]] | None:
        """The end of the longest phrase that starts at ``i`` and ends by ``j``, and the
        first phrase (in order) that reads so; None if no phrase starts there."""
        for n in self.lengths:
            if i + n <= j:
                pattern = self.first.get(tuple(folded[i : i + n]))
                if pattern is not None:
                    return i + n, pattern
        return None


def _spelled_out(pattern: tuple[str, ...], spelled: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """Every token sequence ``pattern`` matches, each {list} replaced by a phrase of ``spelled``."""
    out: list[tuple[str, ...]] = [()]
    for part in pattern:
        if part == LIST:
            out = [done + phrase for done in out for phrase in spelled]
        else:
            out = [done + (part,) for done in out]
    return out


@dataclass(frozen=True)
class _Compiled:
    """The command phrases of one language, ready for :func:`interpret` and :func:`read_clauses`."""

    polite: _Patterns
    verbs: _Patterns
    verb_kinds: dict[tuple[str, ...], CommandKind]
    mentions: _Patterns
    whole: dict[tuple[str, ...], str]  # token sequence → role of the first whole-message phrase
    clauses: _Patterns  # the whole-message phrases of CLAUSE_ROLES that may open a later command
    then: _Patterns


#: id of a CommandWords → (it, its compiled phrases): built once per language.
_COMPILED: dict[int, tuple[CommandWords, _Compiled]] = {}


def _compiled(words: CommandWords) -> _Compiled:
    cached = _COMPILED.get(id(words))
    if cached is not None and cached[0] is words:
        return cached[1]
    verbs = _verbs(words)
    whole: dict[tuple[str, ...], str] = {}
    spelled = words.role("list")
    for role in WHOLE_MESSAGE_ROLES:
        for pattern in words.role(role):
            for sequence in _spelled_out(pattern, spelled):
                whole.setdefault(sequence, role)
    clause_patterns = [p for role in CLAUSE_ROLES for p in words.role(role) if p[0] != LIST]
    compiled = _Compiled(
        polite=_Patterns.of(words.role("polite"), words),
        verbs=_Patterns.of([p for p, _ in verbs], words),
        verb_kinds=dict(verbs),
        mentions=_Patterns.of(_list_mentions(words), words),
        whole=whole,
        clauses=_Patterns.of(clause_patterns, words),
        then=_Patterns.literal(words.role("then")),
    )
    _COMPILED[id(words)] = (words, compiled)
    return compiled


def _longest_prefix(folded, i: int, j: int, patterns: _Patterns) -> tuple[int, tuple[str, ...]] | None:
    """The end of the longest phrase at ``i`` (by ``j``) and the first phrase that reads so."""
    return patterns.longest(folded, i, j)


def _longest_suffix(folded, i: int, j: int, patterns: _Patterns) -> int | None:
    """The earliest start of a pattern that ends exactly at ``j`` (None if none does)."""
    first = patterns.first
    for k in range(max(i, j - _TAIL), j):
        if tuple(folded[k:j]) in first:
            return k
    return None


def _whole(folded, i: int, j: int, compiled: _Compiled) -> str | None:
    """The role of the whole-message phrase that is exactly ``folded[i:j]``, if any."""
    if j - i > _WHOLE:
        return None  # no whole-message phrase is that long
    role = compiled.whole.get(tuple(folded[i:j]))
    if role is None:
        role = _thanks_only(folded, i, j, compiled)
    return role


def _thanks_only(folded, i: int, j: int, compiled: _Compiled) -> str | None:
    """« super, merci beaucoup », "great, thanks!": thanks phrases joined by punctuation or
    separators make a thank-you as a whole."""
    parts: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in folded[i:j]:
        if word in _EDGE_PUNCTUATION or compiled.then.longest((word,), 0, 1) is not None:
            if current:
                parts.append(tuple(current))
            current = []
        else:
            current.append(word)
    if current:
        parts.append(tuple(current))
    if len(parts) >= 2 and all(compiled.whole.get(part) == "thanks" for part in parts):
        return "thanks"
    return None


def _verbs(words: CommandWords) -> list[tuple[tuple[str, ...], CommandKind]]:
    """The phrases that open the products of a command, with the command they open."""
    return [(p, kind) for kind in ("add", "remove", "ask") for p in words.role(kind)]  # type: ignore[misc]


def _list_mentions(words: CommandWords) -> tuple[tuple[str, ...], ...]:
    return tuple((prep[0], LIST) for prep in words.role("listprep") if len(prep) == 1)


class _Reader:
    """Token bounds being narrowed, and the number of tokens explained on the way."""

    def __init__(self, tokens: list[Token], compiled: _Compiled) -> None:
        self.folded = [t.folded for t in tokens]
        self.compiled = compiled
        self.i = 0
        self.j = len(tokens)
        self.evidence = 0

    def punctuation(self) -> None:
        while self.i < self.j and self.folded[self.i] in _EDGE_PUNCTUATION:
            self.i += 1
        while self.j > self.i and self.folded[self.j - 1] in _EDGE_PUNCTUATION:
            self.j -= 1

    def leading(self, patterns: _Patterns) -> bool:
        found = _longest_prefix(self.folded, self.i, self.j, patterns)
        if found is None:
            return False
        self.evidence += found[0] - self.i
        self.i = found[0]
        self.punctuation()
        return True

    def trailing(self, patterns: _Patterns) -> bool:
        start = _longest_suffix(self.folded, self.i, self.j, patterns)
        if start is None or start == self.i:
            return False
        self.evidence += self.j - start
        self.j = start
        self.punctuation()
        return True

    def courtesy(self) -> None:
        polite = self.compiled.polite
        while self.leading(polite):
            pass
        while self.trailing(polite):
            pass

    def list_mentions(self) -> None:
        mentions = self.compiled.mentions
        while self.trailing(mentions) or self.trailing(self.compiled.polite):
            pass
        if self.i < self.j and self.leading(mentions):
            self.courtesy()


def interpret(text: str, lang: str, tokens: list[Token] | None = None) -> Command:
    """``text`` read as a command of ``lang`` (see the module docstring)."""
    words = command_words(lang)
    compiled = _compiled(words)
    tokens = message_tokens(text) if tokens is None else tokens
    reader = _Reader(tokens, compiled)
    reader.punctuation()
    if reader.i == reader.j:
        return Command(lang, "empty")
    role = _whole(reader.folded, reader.i, reader.j, compiled)
    if role is not None:
        return Command(lang, role, evidence=reader.j - reader.i)  # type: ignore[arg-type]
    reader.courtesy()
    if reader.i == reader.j:
        return Command(lang, "ack", evidence=reader.evidence)
    role = _whole(reader.folded, reader.i, reader.j, compiled)
    if role is not None:
        return Command(lang, role, evidence=reader.evidence + reader.j - reader.i)  # type: ignore[arg-type]

    found = _longest_prefix(reader.folded, reader.i, reader.j, compiled.verbs)
    action: CommandKind = "implicit"
    if found is not None:
        action = compiled.verb_kinds[found[1]]
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


def _clause_start(folded: list[str], k: int, content_end: int, compiled: _Compiled) -> bool:
    """Whether a command starts at token ``k``: a few courtesy words, then a verb, or a
    whole-message command of :data:`CLAUSE_ROLES` that ends the message (``content_end`` is
    where its last word ends) or meets a separator."""
    window = folded[k : k + _HORIZON]
    p = 0
    for _ in range(_COURTESY + 1):
        if p >= len(window):
            return False
        if _longest_prefix(window, p, len(window), compiled.verbs) is not None:
            return True  # a verb, even one that is also a courtesy phrase (« n'oublie pas »)
        found = _longest_prefix(window, p, len(window), compiled.polite)
        if found is None:
            break
        p = found[0]
    # the phrases of CLAUSE_ROLES, without those opening with the list: « … et ma liste »
    # names no command
    clauses, separators = compiled.clauses, compiled.then
    for n in clauses.lengths:
        if p + n <= len(window) and tuple(window[p : p + n]) in clauses.first:
            after = k + p + n
            if after >= content_end or any(
                tuple(folded[after : after + m]) in separators.first for m in separators.lengths
            ):
                return True
    return False


def _cuts(folded: list[str], compiled: _Compiled) -> list[tuple[int, int]]:
    """(start, end) of each separator after which a command starts, in order."""
    n = len(folded)
    content_end = n
    while content_end > 0 and folded[content_end - 1] in _EDGE_PUNCTUATION:
        content_end -= 1
    cuts: list[tuple[int, int]] = []
    k = 1
    while k < content_end:
        then = compiled.then  # its lengths come longest first
        found = next(
            (
                k + m
                for m in then.lengths
                if tuple(folded[k : k + m]) in then.first and _clause_start(folded, k + m, content_end, compiled)
            ),
            None,
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
    cuts = _cuts(folded, _compiled(words)) if words.role("then") else []
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
