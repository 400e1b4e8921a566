"""Small helpers shared by the test-suite.

Test modules import them directly (``from conftest import one, items``): pytest puts this
folder on ``sys.path`` because it holds the top-level conftest.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from urllib.parse import quote

import pytest

# the default catalog's built index is cached; tests keep theirs out of the user's cache
if "LISTPARSE_CACHE_DIR" not in os.environ:
    os.environ["LISTPARSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="listparse-test-cache-")
    atexit.register(shutil.rmtree, os.environ["LISTPARSE_CACHE_DIR"], ignore_errors=True)

import listparse  # noqa: E402
from listparse.models import Item  # noqa: E402
from listparse.stages.clean import clean  # noqa: E402
from listparse.stages.normalize import normalize  # noqa: E402
from listparse.stages.segment import segment  # noqa: E402
from listparse.stages.tokenize import Token, tokenize  # noqa: E402

#: The project root (the folder holding pyproject.toml).
ROOT = Path(__file__).resolve().parent.parent


def items(text: str, lang: str | None = None, **kwargs) -> tuple[Item, ...]:
    """The items ``listparse.parse`` finds in ``text``."""
    return listparse.parse(text, lang=lang, **kwargs).items


def names(text: str, lang: str | None = None, **kwargs) -> list[str]:
    """The item names of ``text``, in order."""
    return [item.name for item in items(text, lang, **kwargs)]


def one(text: str, lang: str | None = None, **kwargs) -> Item:
    """The single item of ``text`` (fails with the names found when there is not exactly one)."""
    found = items(text, lang, **kwargs)
    assert len(found) == 1, f"expected one item in {text!r}, got {[i.name for i in found]}"
    return found[0]


def frac(value) -> Fraction | None:
    """An exact Fraction from an int, a "3/2" string or a Fraction (None stays None)."""
    if value is None:
        return None
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def describe(item: Item) -> str:
    """A short readable form of an item for assertion messages."""
    size = f" size={item.size.quantity} {item.size.unit}" if item.size else ""
    q = "-" if item.quantity is None else str(item.quantity)
    if item.quantity_max is not None:
        q += f"..{item.quantity_max}"
    return f"<{q} {item.unit} {item.name!r}{size} flags={list(item.flags)}>"


def check_item(
    item: Item,
    name: str | None,
    quantity=None,
    quantity_max=None,
    unit: str | None = None,
    size: tuple | None = None,
) -> None:
    """Assert the fields of a golden-table row. ``name=None`` skips the name check."""
    got = describe(item)
    if name is not None:
        assert item.name == name, f"name: expected {name!r}, got {got}"
    assert item.quantity == frac(quantity), f"quantity: expected {quantity}, got {got}"
    assert item.quantity_max == frac(quantity_max), f"quantity_max: expected {quantity_max}, got {got}"
    assert item.unit == unit, f"unit: expected {unit!r}, got {got}"
    if size is None:
        assert item.size is None, f"size: expected none, got {got}"
    else:
        assert item.size is not None, f"size: expected {size}, got {got}"
        assert (item.size.quantity, item.size.unit) == (frac(size[0]), size[1]), (
            f"size: expected {size}, got {got}"
        )


def cleaned(text: str, lang: str) -> list[str]:
    """Token texts left by the stages up to ``clean``."""
    n = normalize(text)
    return [t.text for t in clean(tokenize(n.text, lang), n, lang)]


def stage_tokens(text: str, lang: str) -> list[Token]:
    """Tokens of ``text`` after normalize and tokenize."""
    return tokenize(normalize(text).text, lang)


def chunks(text: str, lang: str) -> list[str]:
    """Each chunk of the segment stage as its tokens joined by single spaces."""
    n = normalize(text)
    toks = clean(tokenize(n.text, lang), n, lang)
    return [" ".join(t.text for t in chunk) for chunk in segment(toks, lang)]


def check_list(text: str, lang: str, expected) -> None:
    """The items of ``text`` match the golden rows (name, quantity, quantity_max, unit, size)."""
    found = items(text, lang)
    assert [i.name for i in found] == [row[0] for row in expected], [describe(i) for i in found]
    for item, row in zip(found, expected, strict=True):
        check_item(item, *row)


def check_conversion(text: str, lang: str, unit: str, magnitude) -> None:
    """The single item of ``text`` converts exactly to ``magnitude`` ``unit``."""
    converted = one(text, lang).to(unit)
    assert str(converted.units) == unit
    assert converted.magnitude == Fraction(magnitude)


def check_modifiers(text: str, lang: str, product: str, tag: str, size_word: str | None) -> None:
    """A quality tag reaches ``modifiers``; a size word also leaves the name."""
    item = one(text, lang)
    assert product in item.name, describe(item)
    assert tag in item.modifiers, f"{tag!r} not in {item.modifiers} for {text!r}"
    if size_word is not None:
        assert size_word not in item.name.split(), f"size word left in the name: {item.name!r}"
        assert item.name == product


def check_note(text: str, lang: str, name: str, quantity, note: str) -> None:
    """What follows a comma or stands in parentheses is the note, not the name."""
    item = one(text, lang)
    assert item.name == name, describe(item)
    assert item.quantity == quantity
    assert item.note == note


# -- the service's database, for tests that take the ``database_url`` fixture ------------------
# PostgreSQL is expected at $LISTPARSE_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test);
# each test module gets a schema of its own, dropped afterwards. LISTPARSE_TEST_SKIP_POSTGRES=1
# skips those cases on a machine without PostgreSQL; otherwise an unreachable server fails them.

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

    def make(*, start_background: bool = True, **overrides):
        values = {"database_url": database_url, "data_dir": tmp_path, "link": False, **overrides}
        app = create_app(Settings(_env_file=None, **values), start_background=start_background)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
