"""The values exchanged with a store: what an update writes, what it returns, outbox messages."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["OutboxMessage", "Outcome", "PendingMessage", "Update"]


def _check_str(owner: str, field: str, value: object, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        kind = "a string or None" if optional else "a string"
        raise TypeError(f"{owner}.{field} must be {kind}, not {type(value).__name__}")


@dataclass(frozen=True)
class OutboxMessage:
    """A message to send on a chat channel once the transaction that queued it has committed.

    >>> OutboxMessage("telegram", "42", "Added milk.").channel
    'telegram'
    """

    channel: str
    recipient: str
    body: str

    def __post_init__(self) -> None:
        for field in ("channel", "recipient", "body"):
            _check_str("OutboxMessage", field, getattr(self, field))


@dataclass(frozen=True)
class Update:
    """What an update function returns: the new document (``None`` leaves the stored document
    unchanged), the response recorded for the de-duplication key, and messages to queue.

    A list of messages is accepted and kept as a tuple:

    >>> Update('{"n": 1}', "ok", [OutboxMessage("slack", "T1:U1", "done")]).outbox[0].body
    'done'
    """

    doc: str | None
    response: str
    outbox: tuple[OutboxMessage, ...] = ()

    def __post_init__(self) -> None:
        _check_str("Update", "doc", self.doc, optional=True)
        _check_str("Update", "response", self.response)
        if isinstance(self.outbox, (str, bytes)) or not hasattr(self.outbox, "__iter__"):
            raise TypeError(f"Update.outbox must be a sequence of OutboxMessage, not {type(self.outbox).__name__}")
        outbox = tuple(self.outbox)
        for message in outbox:
            if not isinstance(message, OutboxMessage):
                raise TypeError(f"Update.outbox holds a {type(message).__name__}, not an OutboxMessage")
        object.__setattr__(self, "outbox", outbox)


@dataclass(frozen=True)
class Outcome:
    """The result of an update: the response, and whether it is the one stored by an earlier
    update with the same de-duplication key (``duplicate=True``: nothing was changed)."""

    response: str
    duplicate: bool


@dataclass(frozen=True)
class PendingMessage:
    """A queued outbox message not sent yet; ``attempts`` counts the failed deliveries."""

    id: int
    channel: str
    recipient: str
    body: str
    attempts: int
