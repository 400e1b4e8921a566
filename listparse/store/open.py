"""Opening a store from a database URL."""

from __future__ import annotations

from .errors import StoreError
from .protocol import Store
from .url import parse_store_url

__all__ = ["open_store"]


def open_store(url: str, *, schema: str | None = None, max_connections: int | None = None) -> Store:
    """The store at ``url``, its schema migrated to the version this listparse knows.

    - ``sqlite:///relative/path.db`` (relative to the current folder) or
      ``sqlite:////absolute/path.db``: the folder is created if missing; in-memory databases
      are refused.
    - ``postgresql://user[:password]@host[:port]/db[?options]`` (also ``postgres://``): any
      libpq parameter may be given, e.g. ``?options=-csearch_path%3Dlistparse`` to keep the
      tables in the schema ``listparse``; or pass ``schema=`` (PostgreSQL only), which also
      creates the schema when missing.

    ``max_connections`` bounds the connection pool (default 32 for SQLite, 10 for PostgreSQL).
    Raises :class:`StoreError` for a malformed URL or an unsupported scheme (naming the URL with
    its password masked), an unreachable database, or a schema newer than this listparse knows.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = open_store(f"sqlite:///{folder}/lists.db")
    ...     store.read("telegram:42") is None
    ...     store.close()
    True
    """
    parsed = parse_store_url(url)
    if max_connections is not None and (
        isinstance(max_connections, bool) or not isinstance(max_connections, int) or max_connections < 1
    ):
        raise StoreError(f"max_connections must be a whole number, 1 or more, not {max_connections!r}")
    if parsed.backend == "sqlite":
        if schema is not None:
            raise StoreError(f"schema= applies to PostgreSQL URLs only, not to {parsed.masked!r}")
        from .sqlite_store import SQLiteStore

        return SQLiteStore(parsed.target, max_connections=max_connections or 32)
    from .postgres_store import PostgresStore

    return PostgresStore(parsed, schema=schema, max_connections=max_connections or 10)
