"""The interface every store backend provides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from .records import Outcome, PendingMessage, Update

__all__ = ["Store"]


@runtime_checkable
class Store(Protocol):
    """One JSON text document per list id, a de-duplication table and an outbox.

    Every method is thread-safe; several processes may share one database.
    """

    backend: str
    """``"sqlite"`` or ``"postgresql"``."""

    def read(self, list_id: str) -> str | None:
        """The stored document of ``list_id``, or None when there is none."""
        ...

    def update(
        self,
        list_id: str,
        fn: Callable[[str | None], Update],
        *,
        dedup: tuple[str, str] | None = None,
    ) -> Outcome:
        """Apply ``fn`` to the document of ``list_id`` in one transaction.

        When ``dedup=(scope, key)`` was recorded before, the stored response comes back with
        ``duplicate=True`` and ``fn`` is not called. Otherwise the list is locked, ``fn`` gets the
        current document (or None), and its :class:`Update` is written together with the
        de-duplication record and the outbox messages. If ``fn`` raises, nothing is written and
        the exception propagates. ``fn`` must not have side effects: a backend may call it again
        after a transaction conflict.
        """
        ...

    def ping(self) -> bool:
        """True when the database answers."""
        ...

    def outbox_pending(self, *, limit: int = 100) -> list[PendingMessage]:
        """Unsent outbox messages, oldest first."""
        ...

    def outbox_claim(self, *, limit: int = 100, lease_s: float = 60.0, max_attempts: int | None = None) -> list[PendingMessage]:
        """Take up to ``limit`` unsent messages, oldest first, for ``lease_s`` seconds: until
        :meth:`outbox_done` or the lease's end, no other claim returns them (two sending
        processes never send one message twice)."""
        ...

    def outbox_done(self, message_id: int, *, ok: bool) -> None:
        """Mark a message sent (``ok=True``) or count a failed attempt (``ok=False``)."""
        ...

    def prune_dedup(self, *, older_than_s: float) -> int:
        """Delete de-duplication records older than ``older_than_s`` seconds; return how many."""
        ...

    def schema_version(self) -> int:
        """The version of the newest migration applied to the database."""
        ...

    def close(self) -> None:
        """Close the connections; later calls raise :class:`StoreError`."""
        ...
