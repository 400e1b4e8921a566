"""Fixtures for the service tests (test modules import them by name): the real app on a real SQLite file or PostgreSQL schema.

PostgreSQL is expected at ``$LISTPARSE_TEST_POSTGRES_URL`` (default
``postgresql://postgres@127.0.0.1:5432/test``); each test module gets a schema of its own,
dropped afterwards. Set ``LISTPARSE_TEST_SKIP_POSTGRES=1`` to skip those cases on a machine
without PostgreSQL; otherwise an unreachable server fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest

POSTGRES = os.environ.get("LISTPARSE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _skip_postgres() -> bool:
    return os.environ.get("LISTPARSE_TEST_SKIP_POSTGRES") == "1"


@pytest.fixture(scope="module")
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a fresh schema of their own (dropped after the module)."""
    if _skip_postgres():
        pytest.skip("PostgreSQL cases skipped (LISTPARSE_TEST_SKIP_POSTGRES=1)")
    import psycopg

    schema = f"lp_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in POSTGRES else "?"
    try:
        yield f"{POSTGRES}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Each test using it runs twice: on a SQLite file and on a PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'lists.db'}"
    url = request.getfixturevalue("postgres_schema_url")
    # tests share the module's schema: start each from empty tables
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'"
        )]
        if tables:
            conn.execute("TRUNCATE " + ", ".join(tables))
    return url


@pytest.fixture
def make_client(database_url, tmp_path) -> Iterator[Callable[..., object]]:
    """``make_client(**settings)``: a TestClient on the real app (lifespan run), closed after."""
    from fastapi.testclient import TestClient

    from listparse.service import Settings, create_app

    clients = []

    def make(**overrides):
        values = {"database_url": database_url, "data_dir": tmp_path, "link": False, **overrides}
        client = TestClient(create_app(Settings(_env_file=None, **values)), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
