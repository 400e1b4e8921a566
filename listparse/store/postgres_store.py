"""The PostgreSQL store (psycopg 3, imported only when a PostgreSQL URL is opened).

An update runs in one READ COMMITTED transaction: the de-duplication row is inserted first
(``INSERT ... ON CONFLICT DO NOTHING``: a concurrent duplicate waits for the first transaction
and then sees its row, so it returns the stored response), then the list row is created if
missing and locked (``SELECT ... FOR UPDATE``), the update function runs, and the document,
response and outbox messages are written. Serialization failures and deadlocks are retried a
few times, as is a connection found broken before anything was committed.

The tables live in the first schema of the connection's ``search_path``: give it in the URL
(``?options=-csearch_path%3Dlistparse``) or pass ``schema=`` to
:func:`~listparse.store.open_store`, which also creates that schema when missing.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .base import StoreBase
from .checks import check_age, check_dedup, check_limit, check_text, check_update
from .errors import StoreError
from .pool import ConnectionPool
from .records import Outcome, PendingMessage, Update
from .schema import latest_version, migrations, newer_schema_error
from .url import StoreURL, scrub

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresStore"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: how many times a transaction is tried when it meets a serialization failure or a deadlock
MAX_ATTEMPTS = 5

_SCHEMA_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("a PostgreSQL store needs psycopg 3: pip install 'listparse[service]'") from exc
    return psycopg


class _Again(Exception):
    """A transaction to run again from the start."""


class PostgresStore(StoreBase):
    """A store in a PostgreSQL database; made by :func:`listparse.store.open_store`.

    ``schema`` names the schema for the tables (created if missing); ``max_connections`` bounds
    the pool; ``connect_timeout_s`` applies unless the URL sets ``connect_timeout``.
    """

    backend = "postgresql"

    def __init__(
        self,
        url: StoreURL,
        *,
        schema: str | None = None,
        max_connections: int = 10,
        connect_timeout_s: float = 10.0,
    ) -> None:
        psycopg = _psycopg()
        self.url = url.masked
        self._secrets = url.secrets
        self._conninfo = url.target
        try:
            params = psycopg.conninfo.conninfo_to_dict(url.target)
        except psycopg.Error as exc:
            raise StoreError(f"malformed PostgreSQL URL {self.url!r}: {self._scrub(exc)}") from None
        self._secrets += tuple(str(v) for k, v in params.items() if k == "password" and v)
        self._connect_kwargs: dict[str, Any] = {}
        if "connect_timeout" not in params:
            self._connect_kwargs["connect_timeout"] = max(1, round(connect_timeout_s))
        if "application_name" not in params:
            self._connect_kwargs["application_name"] = "listparse"
        if schema is not None:
            check_text("schema name", schema)
            if not schema:
                raise StoreError("the schema name is empty")
        self._schema = schema
        self._pool: ConnectionPool[psycopg.Connection] = ConnectionPool(
            self._connect,
            close=lambda conn: conn.close(),
            healthy=_healthy,
            max_size=max_connections,
            wait_s=30.0,
            label=self.url,
        )
        try:
            with self._pool.connection() as conn, self._errors("migrating"):
                self._migrate(conn)
        except BaseException:
            self._pool.close()
            raise

    # --- the Store protocol -------------------------------------------------------------------

    def read(self, list_id: str) -> str | None:
        check_text("list id", list_id)
        row = self._run(
            "reading", lambda conn: conn.execute("SELECT doc FROM lists WHERE list_id = %s", (list_id,)).fetchone()
        )
        return None if row is None else row[0]

    def update(
        self,
        list_id: str,
        fn: Callable[[str | None], Update],
        *,
        dedup: tuple[str, str] | None = None,
    ) -> Outcome:
        psycopg = _psycopg()
        check_text("list id", list_id)
        dedup = check_dedup(dedup)
        retryable = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            fn_error: BaseException | None = None
            committing = False
            conn = None
            try:
                with self._pool.connection() as conn, conn.transaction():
                    if dedup is not None:
                        fresh = conn.execute(
                            "INSERT INTO dedup (scope, key, response) VALUES (%s, %s, '') "
                            "ON CONFLICT (scope, key) DO NOTHING RETURNING 1",
                            dedup,
                        ).fetchone()
                        if fresh is None:
                            row = conn.execute(
                                "SELECT response FROM dedup WHERE scope = %s AND key = %s", dedup
                            ).fetchone()
                            if row is None:
                                raise _Again  # the conflicting record was pruned meanwhile
                            return Outcome(row[0], duplicate=True)
                    conn.execute(
                        "INSERT INTO lists (list_id) VALUES (%s) ON CONFLICT (list_id) DO NOTHING", (list_id,)
                    )
                    (doc,) = conn.execute(
                        "SELECT doc FROM lists WHERE list_id = %s FOR UPDATE", (list_id,)
                    ).fetchone()
                    try:
                        result = fn(doc)
                    except BaseException as exc:
                        fn_error = exc
                        raise
                    result = check_update(result)
                    if result.doc is not None:
                        conn.execute(
                            "UPDATE lists SET doc = %s, version = version + 1, updated_at = now() "
                            "WHERE list_id = %s",
                            (result.doc, list_id),
                        )
                    if dedup is not None:
                        conn.execute(
                            "UPDATE dedup SET response = %s WHERE scope = %s AND key = %s",
                            (result.response, *dedup),
                        )
                    if result.outbox:
                        with conn.cursor() as cursor:
                            cursor.executemany(
                                "INSERT INTO outbox (channel, recipient, body) VALUES (%s, %s, %s)",
                                [(m.channel, m.recipient, m.body) for m in result.outbox],
                            )
                    committing = True
                return Outcome(result.response, duplicate=False)
            except _Again:
                continue
            except psycopg.Error as exc:
                if exc is fn_error:
                    raise
                last = attempt == MAX_ATTEMPTS
                if isinstance(exc, retryable) and not last:
                    log.debug("retrying the update of %r in %s after: %s", list_id, self.url, exc)
                    time.sleep(random.uniform(0.005, 0.02) * attempt)
                    continue
                broken = conn is not None and (conn.closed or conn.broken)
                if broken and not committing and not last:
                    log.warning("retrying the update of %r: the connection to %s broke", list_id, self.url)
                    continue
                unknown = " (the outcome is unknown: the commit may have happened)" if committing else ""
                raise StoreError(
                    f"updating {list_id!r} in {self.url} failed{unknown}: {self._scrub(exc)}"
                ) from exc
        raise StoreError(f"updating {list_id!r} in {self.url} failed {MAX_ATTEMPTS} times in a row")

    def ping(self) -> bool:
        if self._pool.closed:
            return False
        try:
            self._run("pinging", lambda conn: conn.execute("SELECT 1").fetchone())
        except Exception:
            return False
        return True

    def outbox_pending(self, *, limit: int = 100, max_attempts: int | None = None) -> list[PendingMessage]:
        """Unsent outbox messages, oldest first; with ``max_attempts``, only those that failed
        fewer times."""
        check_limit(limit)
        cap = None if max_attempts is None else check_limit(max_attempts)
        rows = self._run(
            "reading the outbox of",
            lambda conn: conn.execute(
                "SELECT id, channel, recipient, body, attempts FROM outbox "
                "WHERE status = 'pending' AND (%s::integer IS NULL OR attempts < %s::integer) "
                "ORDER BY id LIMIT %s",
                (cap, cap, limit),
            ).fetchall(),
        )
        return [PendingMessage(*row) for row in rows]

    def outbox_claim(
        self, *, limit: int = 100, lease_s: float = 60.0, max_attempts: int | None = None
    ) -> list[PendingMessage]:
        check_limit(limit)
        lease = check_age(lease_s, "lease_s")
        cap = None if max_attempts is None else check_limit(max_attempts)

        def claim(conn: psycopg.Connection) -> list:
            with conn.transaction():
                return conn.execute(
                    "UPDATE outbox SET claimed_until = now() + make_interval(secs => %s) WHERE id IN ("
                    "SELECT id FROM outbox WHERE status = 'pending' "
                    "AND (claimed_until IS NULL OR claimed_until < now()) "
                    "AND (%s::integer IS NULL OR attempts < %s::integer) "
                    "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED) "
                    "RETURNING id, channel, recipient, body, attempts",
                    (lease, cap, cap, limit),
                ).fetchall()

        rows = sorted(self._run("claiming the outbox of", claim))
        return [PendingMessage(*row) for row in rows]

    def outbox_done(self, message_id: int, *, ok: bool) -> None:
        if isinstance(message_id, bool) or not isinstance(message_id, int):
            raise TypeError(f"message_id must be an integer, not {type(message_id).__name__}")

        def mark(conn: psycopg.Connection) -> None:
            with conn.transaction():
                if ok:
                    cursor = conn.execute(
                        "UPDATE outbox SET status = 'sent', sent_at = now(), claimed_until = NULL WHERE id = %s",
                        (message_id,),
                    )
                else:
                    cursor = conn.execute(
                        "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL "
                        "WHERE id = %s AND status = 'pending'",
                        (message_id,),
                    )
                if cursor.rowcount == 0 and conn.execute(
                    "SELECT 1 FROM outbox WHERE id = %s", (message_id,)
                ).fetchone() is None:
                    raise StoreError(f"no outbox message with id {message_id} in {self.url}")

        self._run("updating the outbox of", mark)

    def prune_dedup(self, *, older_than_s: float) -> int:
        age = check_age(older_than_s)
        return self._run(
            "pruning",
            lambda conn: conn.execute(
                "DELETE FROM dedup WHERE created_at <= clock_timestamp() - make_interval(secs => %s)", (age,)
            ).rowcount,
        )

    def schema_version(self) -> int:
        return self._run("reading the schema version of", _applied_version)

    def close(self) -> None:
        self._pool.close()

    # --- internals ----------------------------------------------------------------------------

    def _scrub(self, exc: BaseException) -> str:
        return scrub(" ".join(str(exc).split()), self._secrets)

    def _connect(self) -> psycopg.Connection:
        psycopg = _psycopg()
        try:
            conn = psycopg.connect(self._conninfo, autocommit=True, **self._connect_kwargs)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.url}: {self._scrub(exc)}") from None
        if self._schema is not None:
            try:
                conn.execute(psycopg.sql.SQL("SET search_path TO {}").format(psycopg.sql.Identifier(self._schema)))
            except psycopg.Error as exc:
                conn.close()
                raise StoreError(
                    f"cannot select the schema {self._schema!r} in {self.url}: {self._scrub(exc)}"
                ) from exc
        return conn

    def _run(self, action: str, work: Callable[[psycopg.Connection], T]) -> T:
        """``work(conn)`` on a pooled connection, run a second time on a new connection when the
        first one turns out broken (e.g. after a server restart). Each use of ``work`` here is
        idempotent or harmless to repeat."""
        psycopg = _psycopg()
        for attempt in (1, 2):
            conn = None
            try:
                with self._pool.connection() as conn:
                    return work(conn)
            except psycopg.Error as exc:
                if attempt == 1 and conn is not None and (conn.closed or conn.broken):
                    log.info("reconnecting to %s: the connection broke (%s)", self.url, self._scrub(exc))
                    continue
                raise StoreError(f"{action} {self.url} failed: {self._scrub(exc)}") from exc
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        psycopg = _psycopg()
        try:
            yield
        except psycopg.Error as exc:
            raise StoreError(f"{action} {self.url} failed: {self._scrub(exc)}") from exc

    def _migrate(self, conn: psycopg.Connection) -> None:
        """Apply the missing migrations while holding a transaction-scoped advisory lock named
        after the schema, so that processes starting together apply each migration once."""
        psycopg = _psycopg()
        known = latest_version(self.backend)
        with conn.transaction():
            if self._schema is not None:
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"listparse.store:{self._schema}",))
                create = psycopg.sql.SQL("CREATE SCHEMA IF NOT EXISTS {}")
                conn.execute(create.format(psycopg.sql.Identifier(self._schema)))
            (schema,) = conn.execute("SELECT current_schema()").fetchone()
            if schema is None:
                (path,) = conn.execute("SHOW search_path").fetchone()
                raise StoreError(
                    f"no schema of the search_path ({path}) exists in {self.url}; "
                    "create it (CREATE SCHEMA ...) or pass schema= to open_store"
                )
            if self._schema is None:
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"listparse.store:{schema}",))
            conn.execute(_SCHEMA_VERSION_TABLE)
            found = _applied_version(conn)
            if found > known:
                raise newer_schema_error(found, self.backend, self.url)
            for migration in migrations(self.backend)[found:]:
                conn.execute(migration.sql)
                conn.execute(
                    "INSERT INTO schema_version (version, name) VALUES (%s, %s)", (migration.version, migration.name)
                )
                log.info("applied the schema migration %s to %s (schema %s)", migration.label, self.url, schema)


def _applied_version(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _healthy(conn: psycopg.Connection) -> bool:
    psycopg = _psycopg()
    if conn.closed or conn.broken:
        return False
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        try:
            conn.rollback()
        except psycopg.Error:
            return False
        return conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    return True
