"""The SQLite store (standard library ``sqlite3``).

The database runs in WAL mode with ``synchronous=NORMAL``: a committed write survives a crash of
the process (only a power loss or an operating-system crash may lose the last transactions).
Every write runs inside ``BEGIN IMMEDIATE``, which takes the database's write lock before
reading, so concurrent writers - threads or separate processes on the same file - queue up
(``busy_timeout``) instead of losing updates.

Writers of one store also take a lock of their own before ``BEGIN IMMEDIATE``: a thread lock
within the process and, on POSIX systems, an advisory ``flock`` on a file beside the database
(``<file>.writer-lock``) across processes. A writer waiting on it wakes the moment the other
commits, where SQLite's own busy handler would poll with sleeps of up to 100 ms; that keeps
the latency of concurrent writes low. ``BEGIN IMMEDIATE`` stays the guarantee: a writer that
does not take the lock (another program) is still serialised by SQLite.

Checkpoints (copying the WAL back into the database file, the one step that waits for the
disk) run in a background thread of the store every :data:`CHECKPOINT_INTERVAL_S` seconds, in
``PASSIVE`` mode, which blocks no reader or writer; a commit itself then only appends to the
WAL. Each checkpoint ends in an ``fsync``, and on some file systems (ext4's journal) an fsync
can hold up for a moment the plain writes of other files, the WAL's included: checkpoints every
few seconds rather than every second keep those moments rare, while the WAL stays a few
megabytes. SQLite's own automatic checkpoint stays as a safety net, at a larger WAL size.

Connections come from a small lock-protected pool: each is used by one thread at a time, handed
from thread to thread only between operations (hence ``check_same_thread=False``, the pool
being what keeps two threads off one connection). ``sqlite:///:memory:`` is refused: every
connection would see its own empty database.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .base import StoreBase
from .checks import check_age, check_dedup, check_limit, check_text, check_update
from .errors import StoreError
from .pool import ConnectionPool
from .records import Outcome, PendingMessage, Update
from .schema import latest_version, migrations, newer_schema_error, split_sql

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

__all__ = ["CHECKPOINT_INTERVAL_S", "SQLiteStore"]

#: Seconds between two background checkpoints.
CHECKPOINT_INTERVAL_S = 5.0
#: WAL pages after which a commit checkpoints by itself (the background thread normally does).
_AUTOCHECKPOINT_PAGES = 10_000

log = logging.getLogger(__name__)

_SCHEMA_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
)


class SQLiteStore(StoreBase):
    """A store in one SQLite file; made by :func:`listparse.store.open_store`.

    ``busy_timeout_s`` is how long a writer waits for the write lock held by another one.
    """

    backend = "sqlite"

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout_s: float = 10.0,
        max_connections: int = 32,
        background_checkpoints: bool = True,
    ) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self._busy_timeout_s = busy_timeout_s
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder of the database {self.url}: {exc}") from exc
        self._writer = threading.Lock()
        self._writer_fd: int | None = None
        if fcntl is not None:
            with contextlib.suppress(OSError):  # a read-only folder: SQLite's busy handler alone
                self._writer_fd = os.open(f"{self.path}.writer-lock", os.O_RDWR | os.O_CREAT, 0o600)
        self._pool: ConnectionPool[sqlite3.Connection] = ConnectionPool(
            self._connect,
            close=sqlite3.Connection.close,
            healthy=_healthy,
            max_size=max_connections,
            wait_s=max(busy_timeout_s, 1.0) * 3,
            label=self.url,
        )
        try:
            # opening stores of one file at once: switching the journal mode may be refused at
            # once ("database is locked", SQLite's busy handler is not called for it), so the
            # openers take the writer lock in turn
            with self._writer, self._writer_flock(), self._pool.connection() as conn, self._errors("opening"):
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("the database %s runs in %s journal mode, not WAL", self.url, mode)
                self._migrate(conn)
        except BaseException:
            self._pool.close()
            raise
        self._stop = threading.Event()
        self._checkpointer: threading.Thread | None = None
        if background_checkpoints:
            self._checkpointer = threading.Thread(target=self._checkpoints, name="listparse-sqlite-checkpoint", daemon=True)
            self._checkpointer.start()

    # --- the Store protocol -------------------------------------------------------------------

    def read(self, list_id: str) -> str | None:
        check_text("list id", list_id)
        with self._pool.connection() as conn, self._errors("reading"):
            row = conn.execute("SELECT doc FROM lists WHERE list_id = ?", (list_id,)).fetchone()
        return None if row is None else row[0]

    def update(
        self,
        list_id: str,
        fn: Callable[[str | None], Update],
        *,
        dedup: tuple[str, str] | None = None,
    ) -> Outcome:
        check_text("list id", list_id)
        dedup = check_dedup(dedup)
        fn_error: BaseException | None = None
        try:
            with self._write() as conn:
                if dedup is not None:
                    row = conn.execute(
                        "SELECT response FROM dedup WHERE scope = ? AND key = ?", dedup
                    ).fetchone()
                    if row is not None:
                        return Outcome(row[0], duplicate=True)
                row = conn.execute("SELECT doc FROM lists WHERE list_id = ?", (list_id,)).fetchone()
                try:
                    result = fn(None if row is None else row[0])
                except BaseException as exc:
                    fn_error = exc
                    raise
                result = check_update(result)
                now = time.time()
                if result.doc is not None:
                    conn.execute(
                        "INSERT INTO lists (list_id, doc, version, updated_at) VALUES (?, ?, 1, ?) "
                        "ON CONFLICT (list_id) DO UPDATE SET doc = excluded.doc, "
                        "version = lists.version + 1, updated_at = excluded.updated_at",
                        (list_id, result.doc, now),
                    )
                if dedup is not None:
                    conn.execute(
                        "INSERT INTO dedup (scope, key, response, created_at) VALUES (?, ?, ?, ?)",
                        (*dedup, result.response, now),
                    )
                conn.executemany(
                    "INSERT INTO outbox (channel, recipient, body, created_at) VALUES (?, ?, ?, ?)",
                    [(m.channel, m.recipient, m.body, now) for m in result.outbox],
                )
            return Outcome(result.response, duplicate=False)
        except sqlite3.Error as exc:
            if exc is fn_error:
                raise
            raise StoreError(f"updating {list_id!r} in {self.url} failed: {exc}") from exc

    def ping(self) -> bool:
        if self._pool.closed:
            return False
        try:
            with self._pool.connection() as conn:
                conn.execute("SELECT count(*) FROM schema_version").fetchone()
        except (sqlite3.Error, StoreError):
            return False
        return True

    def outbox_pending(self, *, limit: int = 100, max_attempts: int | None = None) -> list[PendingMessage]:
        """Unsent outbox messages, oldest first; with ``max_attempts``, only those that failed
        fewer times."""
        check_limit(limit)
        cap = -1 if max_attempts is None else check_limit(max_attempts)
        with self._pool.connection() as conn, self._errors("reading the outbox of"):
            rows = conn.execute(
                "SELECT id, channel, recipient, body, attempts FROM outbox "
                "WHERE status = 'pending' AND (? < 0 OR attempts < ?) ORDER BY id LIMIT ?",
                (cap, cap, limit),
            ).fetchall()
        return [PendingMessage(*row) for row in rows]

    def outbox_claim(
        self, *, limit: int = 100, lease_s: float = 60.0, max_attempts: int | None = None
    ) -> list[PendingMessage]:
        check_limit(limit)
        lease = check_age(lease_s, "lease_s")
        cap = -1 if max_attempts is None else check_limit(max_attempts)
        now = time.time()
        # the sending thread asks every few seconds: most often nothing waits, and a plain read
        # says so without taking the write lock that message writes queue on
        with self._pool.connection() as conn, self._errors("reading the outbox of"):
            if conn.execute("SELECT 1 FROM outbox WHERE status = 'pending' LIMIT 1").fetchone() is None:
                return []
        with self._write() as conn, self._errors("claiming the outbox of"):
            rows = conn.execute(
                "SELECT id, channel, recipient, body, attempts FROM outbox "
                "WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?) "
                "AND (? < 0 OR attempts < ?) ORDER BY id LIMIT ?",
                (now, cap, cap, limit),
            ).fetchall()
            conn.executemany(
                "UPDATE outbox SET claimed_until = ? WHERE id = ?", [(now + lease, row[0]) for row in rows]
            )
        return [PendingMessage(*row) for row in rows]

    def outbox_done(self, message_id: int, *, ok: bool) -> None:
        if isinstance(message_id, bool) or not isinstance(message_id, int):
            raise TypeError(f"message_id must be an integer, not {type(message_id).__name__}")
        with self._write() as conn, self._errors("updating the outbox of"):
            if ok:
                cursor = conn.execute(
                    "UPDATE outbox SET status = 'sent', sent_at = ?, claimed_until = NULL WHERE id = ?",
                    (time.time(), message_id),
                )
            else:
                cursor = conn.execute(
                    "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL "
                    "WHERE id = ? AND status = 'pending'",
                    (message_id,),
                )
            known = cursor.rowcount or conn.execute("SELECT 1 FROM outbox WHERE id = ?", (message_id,)).fetchone()
            if not known:
                raise StoreError(f"no outbox message with id {message_id} in {self.url}")

    def prune_dedup(self, *, older_than_s: float) -> int:
        cutoff = time.time() - check_age(older_than_s)
        with self._write() as conn, self._errors("pruning"):
            return conn.execute("DELETE FROM dedup WHERE created_at <= ?", (cutoff,)).rowcount

    def schema_version(self) -> int:
        with self._pool.connection() as conn, self._errors("reading the schema version of"):
            return _applied_version(conn)

    def close(self) -> None:
        if getattr(self, "_checkpointer", None) is not None:
            self._stop.set()
            self._checkpointer.join(timeout=5)
            self._checkpointer = None
        self._pool.close()
        if self._writer_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._writer_fd)
            self._writer_fd = None

    # --- internals ----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                str(self.path), timeout=self._busy_timeout_s, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.url}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA wal_autocheckpoint = {_AUTOCHECKPOINT_PAGES}")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot open the database {self.url}: {exc}") from exc
        return conn

    def _checkpoints(self) -> None:
        """Checkpoint the WAL now and then, off the request path, until the store closes."""
        try:
            conn = sqlite3.connect(str(self.path), timeout=self._busy_timeout_s, isolation_level=None)
        except sqlite3.Error:
            return  # commits then checkpoint by themselves (wal_autocheckpoint)
        try:
            while not self._stop.wait(CHECKPOINT_INTERVAL_S):
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            conn.close()

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{action} {self.url} failed: {exc}") from exc

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A connection inside ``BEGIN IMMEDIATE``, taken after the store's writer lock:
        committed when the block ends, rolled back when it raises."""
        with self._writer, self._writer_flock(), self._pool.connection() as conn:
            with self._errors("taking the write lock of"):
                conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            with self._errors("committing to"):
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise

    @contextlib.contextmanager
    def _writer_flock(self) -> Iterator[None]:
        """The cross-process writer lock (nothing when the lock file could not be opened)."""
        fd = self._writer_fd
        if fd is None:
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            yield  # the lock is an optimisation: BEGIN IMMEDIATE still serialises the write
            return
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Apply the missing migrations under the write lock, so that two processes opening the
        same new file apply each one once."""
        known = latest_version(self.backend)
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_SCHEMA_VERSION_TABLE)
            found = _applied_version(conn)
            if found > known:
                raise newer_schema_error(found, self.backend, self.url)
            for migration in migrations(self.backend)[found:]:
                for statement in split_sql(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, time.time()),
                )
                log.info("applied the schema migration %s to %s", migration.label, self.url)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


def _applied_version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _healthy(conn: sqlite3.Connection) -> bool:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            return False
    return True
