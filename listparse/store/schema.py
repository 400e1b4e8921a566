"""The versioned schema migrations shipped as package data.

Each backend has a folder ``migrations/<backend>/`` of files named ``NNNN_name.sql``, numbered
from 0001 without gaps. A store applies the ones its database has not seen yet, in order, each
in the transaction that records its version in the ``schema_version`` table.

>>> [m.label for m in migrations("sqlite")][:1]
['0001_init']
>>> latest_version("sqlite") == latest_version("postgresql")
True
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import StoreError

__all__ = ["BACKENDS", "Migration", "latest_version", "migrations", "newer_schema_error", "split_sql"]

#: the backends that have a migrations folder
BACKENDS = ("sqlite", "postgresql")

_NAME = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")


@dataclass(frozen=True)
class Migration:
    """One migration: its version, its name and its SQL text."""

    version: int
    name: str
    sql: str

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}"


@lru_cache(maxsize=None)
def migrations(backend: str) -> tuple[Migration, ...]:
    """The migrations of ``backend`` in version order."""
    if backend not in BACKENDS:
        raise StoreError(f"no migrations for the backend {backend!r}; known: {', '.join(BACKENDS)}")
    folder = resources.files(__package__) / "migrations" / backend
    found = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _NAME.fullmatch(entry.name)
        if match is None:
            raise StoreError(f"bad migration file name {entry.name!r} in {backend} (expected NNNN_name.sql)")
        found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"the {backend} migrations are not numbered 1, 2, 3... without gaps: {versions}")
    return tuple(found)


def latest_version(backend: str) -> int:
    """The schema version the code of ``backend`` knows: the number of its last migration."""
    return len(migrations(backend))


def newer_schema_error(found: int, backend: str, masked_url: str) -> StoreError:
    """The error for a database migrated by a newer version of listparse."""
    return StoreError(
        f"the database {masked_url} has schema version {found}, newer than version "
        f"{latest_version(backend)} that this listparse knows; upgrade listparse to use it"
    )


def split_sql(script: str) -> list[str]:
    """The statements of a SQLite script, without comment lines (``executescript`` would commit
    the open transaction, so migrations run statement by statement).

    >>> split_sql("-- a table\\nCREATE TABLE t (x);\\nCREATE INDEX i\\n  ON t (x);\\n")
    ['CREATE TABLE t (x);', 'CREATE INDEX i\\n  ON t (x);']
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StoreError(f"unterminated SQL statement in a migration: {buffer.strip()[:80]!r}")
    return statements
