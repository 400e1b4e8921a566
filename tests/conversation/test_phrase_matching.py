"""Command phrases looked up by their token sequences give the readings of a token-by-token
match: checked against a plain matcher on every phrase of each language."""

from __future__ import annotations

import random

import pytest

from listparse.conversation.commands import (
    _compiled,
    _longest_prefix,
    _longest_suffix,
    _Patterns,
    _whole,
)
from listparse.conversation.phrases import LIST, WHOLE_MESSAGE_ROLES, command_words


def _ends(folded, i, pattern, words):
    """Every position where ``pattern`` can end when it starts at ``i`` (token by token)."""
    ends = {i}
    for part in pattern:
        following = set()
        for e in ends:
            if part == LIST:
                for phrase in words.role("list"):
                    if tuple(folded[e : e + len(phrase)]) == phrase:
                        following.add(e + len(phrase))
            elif e < len(folded) and folded[e] == part:
                following.add(e + 1)
        ends = following
    return ends


def _plain_prefix(folded, i, j, patterns, words):
    best = None
    for pattern in patterns:
        for end in _ends(folded[:j], i, pattern, words):
            if end > i and (best is None or end > best[0]):
                best = (end, pattern)
    return best


def _plain_suffix(folded, i, j, patterns, words):
    for k in range(max(i, j - 10), j):
        if any(j in _ends(folded[:j], k, p, words) for p in patterns):
            return k
    return None


def _plain_whole(folded, i, j, words):
    for role in WHOLE_MESSAGE_ROLES:
        if any(j in _ends(folded[:j], i, p, words) for p in words.role(role)):
            return role
    return None


def _messages(words, count: int, seed: int) -> list[list[str]]:
    """Token lists made of the language's phrases ({list} spelled out), some words and marks."""
    rng = random.Random(seed)
    phrases = [p for rows in words.phrases.values() for p in rows]
    lists = words.role("list")
    out = []
    for _ in range(count):
        tokens: list[str] = []
        for _ in range(rng.randint(1, 6)):
            roll = rng.random()
            if roll < 0.7:
                for part in rng.choice(phrases):
                    tokens.extend(rng.choice(lists) if part == LIST else (part,))
            else:
                tokens.append(rng.choice(["lait", "milk", "2", ",", "?", "le", "the", "de"]))
        out.append(tokens)
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lookups_read_as_token_by_token_matching(lang):
    words = command_words(lang)
    compiled = _compiled(words)
    checked = {
        "polite": (compiled.polite, words.role("polite")),
        "verbs": (compiled.verbs, words.role("add") + words.role("remove") + words.role("ask")),
    }
    for folded in _messages(words, 300, seed=len(lang)):
        n = len(folded)
        for i in range(n):
            for patterns, plain in checked.values():
                assert _longest_prefix(folded, i, n, patterns) == _plain_prefix(folded, i, n, plain, words)
                assert _longest_suffix(folded, i, n, patterns) == _plain_suffix(folded, i, n, plain, words)
            assert _whole(folded, i, n, compiled) == _plain_whole(folded, i, n, words)


def test_the_first_phrase_in_order_is_the_one_read():
    patterns = _Patterns.literal([("a", "b"), ("a",), ("a", "b")])
    assert patterns.longest(["a", "b", "c"], 0, 3) == (2, ("a", "b"))
    assert patterns.longest(["a", "b", "c"], 0, 1) == (1, ("a",))
    assert patterns.longest(["b"], 0, 1) is None
