"""Database URLs: the supported forms, clear errors for the others, passwords never shown; and
what only the PostgreSQL store does (its own schema, unreachable servers)."""

from __future__ import annotations

import traceback
import uuid

import pytest
from store_support import (  # noqa: F401  (postgres_schema is a fixture)
    POSTGRES_URL,
    admin_execute,
    postgres_schema,
    require_postgres,
    schema_url,
)

from listparse.errors import ListparseError
from listparse.store import OutboxMessage, StoreError, Update, open_store
from listparse.store.url import mask_url, parse_store_url

BAD_URLS = [
    # url, words the message must hold
    ("mysql://app:hunter2@db/lists", ["mysql", "unsupported"]),
    ("redis://cache:6379/0", ["redis", "unsupported"]),
    ("", ["not a database URL"]),
    ("lists.db", ["not a database URL", "sqlite:///lists.db"]),
    ("/var/lib/lists.db", ["not a database URL"]),
    ("://nothing", ["not a database URL"]),
    ("sqlite:/lists.db", ["not a database URL"]),
    ("sqlite://host/lists.db", ["sqlite", "no host"]),
    ("sqlite:///", ["sqlite", "file path"]),
    ("sqlite:///:memory:", ["sqlite", "in-memory"]),
    ("sqlite:///lists.db?mode=ro", ["sqlite", "query"]),
    ("sqlite:///folder/", ["sqlite", "database file"]),
    ("postgresql://app:hunter2@127.0.0.1:5432/lists?bogus=1", ["PostgreSQL", "bogus"]),
]


@pytest.mark.parametrize(("url", "words"), BAD_URLS, ids=[u or "empty" for u, _ in BAD_URLS])
def test_bad_urls(url, words):
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    for word in words:
        assert word in message, message
    assert "hunter2" not in message
    assert isinstance(info.value, ListparseError)


@pytest.mark.parametrize("url", [None, 42, b"sqlite:///x.db"], ids=["none", "int", "bytes"])
def test_url_must_be_a_string(url):
    with pytest.raises(StoreError, match="string"):
        open_store(url)


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql://app:hunter2@db:5432/lists", "postgresql://app:***@db:5432/lists"),
        ("postgresql://app:hun%40ter2@db/lists", "postgresql://app:***@db/lists"),
        ("postgresql://app:hun/ter2@db/lists", "postgresql://app:***@db/lists"),
        (
            "postgresql://app@db/lists?password=hunter2&sslmode=require",
            "postgresql://app@db/lists?password=***&sslmode=require",
        ),
        ("postgresql://app@db/lists", "postgresql://app@db/lists"),
        ("postgresql://db/lists?options=-csearch_path%3Dlp", "postgresql://db/lists?options=-csearch_path%3Dlp"),
        ("sqlite:////srv/lists.db", "sqlite:////srv/lists.db"),
    ],
)
def test_mask_url(url, masked):
    assert mask_url(url) == masked


@pytest.mark.parametrize(
    ("url", "backend", "target"),
    [
        ("sqlite:////srv/lists.db", "sqlite", "/srv/lists.db"),
        ("SQLite:////srv/lists.db", "sqlite", "/srv/lists.db"),
        ("postgresql://app@db:5432/lists", "postgresql", "postgresql://app@db:5432/lists"),
        ("postgres://app@db/lists", "postgresql", "postgresql://app@db/lists"),
        ("postgresql+psycopg://app@db/lists", "postgresql", "postgresql://app@db/lists"),
        ("  postgresql://db/lists\n", "postgresql", "postgresql://db/lists"),
    ],
)
def test_parse_store_url(url, backend, target):
    parsed = parse_store_url(url)
    assert (parsed.backend, parsed.target) == (backend, target)


def test_parsed_url_repr_hides_the_password():
    parsed = parse_store_url("postgresql://app:hunter2@db/lists")
    assert "hunter2" not in repr(parsed)


def test_unreachable_postgresql_names_the_url_without_password():
    url = "postgresql://app:hunter2@127.0.0.1:1/lists?connect_timeout=2"
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert "cannot connect to postgresql://app:***@127.0.0.1:1/lists" in message
    assert "hunter2" not in repr(info.value)
    assert "hunter2" not in "".join(traceback.format_exception(info.value))


# --- PostgreSQL only ---------------------------------------------------------------------------


def test_postgresql_repr_and_errors_hide_the_password(postgres_schema):
    url = schema_url(postgres_schema).replace("postgres@", "postgres:hunter2@")  # trust auth ignores it
    with open_store(url) as store:
        assert "hunter2" not in repr(store) and "hunter2" not in store.url
        assert "postgres:***@" in repr(store)
        with pytest.raises(StoreError, match="no outbox message") as info:
            store.outbox_done(1, ok=True)
        assert "hunter2" not in str(info.value)


def test_postgresql_schema_keyword_creates_the_schema():
    require_postgres()
    schema = f"lp_test_kw_{uuid.uuid4().hex[:12]}"
    try:
        with open_store(POSTGRES_URL, schema=schema) as store:
            store.update("l", lambda doc: Update("x", "ok"))
            assert store.read("l") == "x"
        with open_store(schema_url(schema)) as same:  # the same tables through the URL form
            assert same.read("l") == "x"
    finally:
        admin_execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_postgresql_search_path_without_schema():
    require_postgres()
    missing = f"lp_test_missing_{uuid.uuid4().hex[:12]}"
    with pytest.raises(StoreError, match=f"no schema of the search_path \\({missing}\\)"):
        open_store(schema_url(missing))


def test_postgresql_reconnects_after_the_server_dropped_its_connections(postgres_schema):
    name = f"lp_test_{uuid.uuid4().hex[:12]}"
    url = schema_url(postgres_schema) + f"&application_name={name}"

    def drop_connections():
        admin_execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (name,))

    with open_store(url) as store:
        store.update("l", lambda doc: Update("1", "ok", (OutboxMessage("t", "1", "hi"),)))
        for call in (
            lambda: store.ping(),
            lambda: store.read("l") == "1",
            lambda: store.update("l", lambda doc: Update(str(int(doc) + 1), "ok")).duplicate is False,
            lambda: len(store.outbox_pending()) == 1,
            lambda: store.schema_version() >= 1,
        ):
            drop_connections()
            assert call()
        assert store.read("l") == "2"
