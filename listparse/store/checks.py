"""Argument checks shared by the store backends, so that both accept and refuse the same values."""

from __future__ import annotations

import math

from .errors import StoreError
from .records import Update

__all__ = ["check_age", "check_dedup", "check_limit", "check_text", "check_update"]


def check_text(what: str, value: object) -> str:
    """``value`` when it is a string a database can store (no NUL character).

    >>> check_text("list id", "telegram:42")
    'telegram:42'
    >>> check_text("list id", "a\\x00b")
    Traceback (most recent call last):
    ...
    listparse.store.errors.StoreError: the list id 'a\\x00b' holds a NUL character, which cannot be stored
    """
    if not isinstance(value, str):
        raise TypeError(f"the {what} must be a string, not {type(value).__name__}")
    if "\x00" in value:
        shown = value if len(value) <= 80 else value[:80] + "..."
        raise StoreError(f"the {what} {shown!r} holds a NUL character, which cannot be stored")
    return value


def check_dedup(dedup: object) -> tuple[str, str] | None:
    """``dedup`` as a ``(scope, key)`` pair of strings, or None."""
    if dedup is None:
        return None
    if not isinstance(dedup, tuple) or len(dedup) != 2:
        raise TypeError(f"dedup must be a (scope, key) pair of strings or None, not {dedup!r}")
    return check_text("dedup scope", dedup[0]), check_text("dedup key", dedup[1])


def check_update(result: object) -> Update:
    """The value an update function returned, when it is an :class:`Update` the database can store."""
    if not isinstance(result, Update):
        raise TypeError(f"the update function must return an Update, not {type(result).__name__}")
    if result.doc is not None:
        check_text("document", result.doc)
    check_text("response", result.response)
    for message in result.outbox:
        check_text("outbox channel", message.channel)
        check_text("outbox recipient", message.recipient)
        check_text("outbox body", message.body)
    return result


def check_age(older_than_s: object, name: str = "older_than_s") -> float:
    """A duration in seconds (``name`` says which argument): a finite number, zero or more."""
    if isinstance(older_than_s, bool) or not isinstance(older_than_s, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(older_than_s).__name__}")
    if not math.isfinite(older_than_s) or older_than_s < 0:
        raise StoreError(f"{name} must be a finite number of seconds, zero or more, not {older_than_s!r}")
    return float(older_than_s)


def check_limit(limit: object) -> int:
    """A row limit: an integer, one or more."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an integer, not {type(limit).__name__}")
    if limit < 1:
        raise StoreError(f"limit must be 1 or more, not {limit}")
    return limit
