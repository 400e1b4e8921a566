"""A small thread-safe pool of database connections.

Each connection is used by one thread at a time: a thread takes one, runs its statements and
gives it back. Connections found unhealthy on return are closed, and after a fork the child
starts with an empty pool (it never reuses its parent's connections).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from .errors import StoreError

__all__ = ["ConnectionPool"]

C = TypeVar("C")


class ConnectionPool(Generic[C]):
    """At most ``max_size`` connections made by ``connect``; a caller waits up to ``wait_s``
    seconds for a free one. ``healthy(conn)`` decides on return whether a connection is kept
    (it may roll back a left-over transaction); ``close(conn)`` closes one."""

    def __init__(
        self,
        connect: Callable[[], C],
        *,
        close: Callable[[C], None],
        healthy: Callable[[C], bool],
        max_size: int,
        wait_s: float,
        label: str,
    ) -> None:
        if max_size < 1:
            raise StoreError(f"a connection pool needs at least one connection, not {max_size}")
        self._connect = connect
        self._close_one = close
        self._healthy = healthy
        self._max_size = max_size
        self._wait_s = wait_s
        self._label = label
        self._cond = threading.Condition()
        self._idle: list[C] = []
        self._size = 0
        self._closed = False
        self._pid = os.getpid()

    @property
    def closed(self) -> bool:
        return self._closed

    @contextlib.contextmanager
    def connection(self) -> Iterator[C]:
        """A connection for the calling thread alone, given back when the block ends."""
        conn = self._acquire()
        try:
            yield conn
        finally:
            self._release(conn)

    def close(self) -> None:
        """Close the idle connections now and the busy ones when they are given back."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._size -= len(idle)
            self._cond.notify_all()
        for conn in idle:
            self._discard(conn)

    def _acquire(self) -> C:
        deadline = time.monotonic() + self._wait_s
        with self._cond:
            self._forget_after_fork()
            while True:
                if self._closed:
                    raise StoreError(f"the store {self._label} is closed")
                if self._idle:
                    return self._idle.pop()
                if self._size < self._max_size:
                    self._size += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise StoreError(
                        f"no free connection to {self._label} after {self._wait_s:g} s "
                        f"(all {self._max_size} are busy)"
                    )
                self._cond.wait(remaining)
        try:
            return self._connect()
        except BaseException:
            with self._cond:
                self._size -= 1
                self._cond.notify()
            raise

    def _release(self, conn: C) -> None:
        try:
            keep = self._pid == os.getpid() and self._healthy(conn)
        except Exception:
            keep = False
        with self._cond:
            if self._pid != os.getpid():
                return  # a connection of the parent process, never touched again
            keep = keep and not self._closed
            if keep:
                self._idle.append(conn)
            else:
                self._size -= 1
            self._cond.notify()
        if not keep:
            self._discard(conn)

    def _discard(self, conn: C) -> None:
        with contextlib.suppress(Exception):
            self._close_one(conn)

    def _forget_after_fork(self) -> None:
        pid = os.getpid()
        if pid != self._pid:
            self._pid = pid
            self._idle = []
            self._size = 0
