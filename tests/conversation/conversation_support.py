"""Helpers of the conversation tests: run messages, read a list back as plain rows."""

from __future__ import annotations

from fractions import Fraction

from listparse.conversation import ListState, Turn, handle_message, new_state


def run(*messages: str, state: ListState | None = None, **options) -> list[Turn]:
    """The turns of ``messages`` sent one after the other to a list."""
    state = state or new_state("test")
    turns = []
    for message in messages:
        turn = handle_message(state, message, **options)
        turns.append(turn)
        state = turn.state
    return turns


def last(*messages: str, **options) -> Turn:
    """The turn of the last message."""
    return run(*messages, **options)[-1]


def rows(state: ListState) -> list[tuple[str, Fraction | None, str | None]]:
    """(name, quantity, unit) of each entry, in list order."""
    return [(e.name, e.quantity, e.unit) for e in state.items]


def q(value) -> Fraction | None:
    """An exact quantity from an int, a "3/2" string or None."""
    return None if value is None else Fraction(value)
