"""Fixtures and helpers shared by the store tests: every backend test runs against SQLite (a file
in tmp_path) and PostgreSQL (a fresh schema per test in the local ``test`` database, dropped
afterwards). Without a reachable PostgreSQL the PostgreSQL cases fail, unless
LISTPARSE_TEST_SKIP_POSTGRES=1 is set: then they are skipped."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator

import pytest

from listparse.store import Store, open_store

#: the PostgreSQL server of the test machines and of CI (trust authentication)
POSTGRES_URL = os.environ.get("LISTPARSE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SKIP_POSTGRES = os.environ.get("LISTPARSE_TEST_SKIP_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]

_postgres_problem: list[str] = []


def require_postgres() -> None:
    """Fail (or skip, with LISTPARSE_TEST_SKIP_POSTGRES=1) when PostgreSQL is out of reach."""
    if not _postgres_problem:
        try:
            import psycopg

            with psycopg.connect(POSTGRES_URL, connect_timeout=5) as conn:
                conn.execute("SELECT 1")
            _postgres_problem.append("")
        except Exception as exc:  # the driver missing or the server down
            _postgres_problem.append(f"PostgreSQL at {POSTGRES_URL} is unreachable: {' '.join(str(exc).split())}")
    problem = _postgres_problem[0]
    if problem:
        if SKIP_POSTGRES:
            pytest.skip(f"{problem} (skipped because LISTPARSE_TEST_SKIP_POSTGRES=1)")
        pytest.fail(f"{problem}; start it, or set LISTPARSE_TEST_SKIP_POSTGRES=1 to skip these cases", pytrace=False)


def admin_execute(sql: str, params: tuple = ()) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql, params)


def schema_url(schema: str) -> str:
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


def new_schema_name() -> str:
    return f"lp_test_{uuid.uuid4().hex[:16]}"


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """The name of a fresh, empty schema, dropped after the test."""
    require_postgres()
    schema = new_schema_name()
    admin_execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        admin_execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> Iterator[str]:
    """The URL of a database not opened yet: a file in tmp_path, or an empty PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/lists.db"
        return
    schema = request.getfixturevalue("postgres_schema")
    yield schema_url(schema)


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


def raw_query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Run ``sql`` on the database of ``url`` outside the store (``?`` placeholders are written
    ``%s`` for PostgreSQL); returns the rows, if any."""
    if url.startswith("sqlite:///"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            with conn:
                rows = conn.execute(sql, params).fetchall()
        finally:
            conn.close()
        return rows
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall() if cursor.description else []
