"""Database URLs: which backend, which file or server, and a form safe to show (no password)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .errors import StoreError

__all__ = ["StoreURL", "mask_url", "parse_store_url", "scrub"]

_SQLITE_SCHEMES = frozenset({"sqlite", "sqlite3"})
_POSTGRES_SCHEMES = frozenset({"postgresql", "postgres"})
_EXPECTED = "expected sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host:port/db"
_QUERY_PASSWORD = re.compile(r"(?i)([?&]password=)([^&#]*)")


def mask_url(url: str) -> str:
    """``url`` with the password of its user part and any ``password=`` parameter replaced by
    ``***``.

    >>> mask_url("postgresql://app:s3cret@db:5432/lists")
    'postgresql://app:***@db:5432/lists'
    >>> mask_url("postgresql://db/lists?user=app&password=s3cret")
    'postgresql://db/lists?user=app&password=***'
    >>> mask_url("sqlite:////var/lib/lists.db")
    'sqlite:////var/lib/lists.db'
    """
    return _mask(url)[0]


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every occurrence of the ``secrets`` replaced by ``***``.

    >>> scrub("auth failed for s3cret", ("s3cret",))
    'auth failed for ***'
    """
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


def _mask(url: str) -> tuple[str, tuple[str, ...]]:
    """The masked URL and the texts it hides (each also percent-decoded)."""
    hidden = [m.group(2) for m in _QUERY_PASSWORD.finditer(url)]
    text = _QUERY_PASSWORD.sub(r"\1***", url)
    scheme, sep, rest = text.partition("://")
    masked = text
    if sep:
        # the authority ends at the first "/", "?" or "#"; its user part ends at its last "@"
        end = len(rest)
        for stop in "/?#":
            position = rest.find(stop)
            if position != -1:
                end = min(end, position)
        authority = rest[:end]
        if "@" not in authority:
            # an unescaped "/" inside a password ends the authority early: mask up to the last
            # "@" before the query so that no part of the password survives
            at = rest.rfind("@")
            if at != -1 and ":" in rest[:at] and "?" not in rest[:at]:
                authority, end = rest[: at + 1], at + 1
        userinfo, at_sign, host = authority.rpartition("@")
        user, colon, password = userinfo.partition(":")
        if at_sign and colon:
            hidden.append(password)
            masked = f"{scheme}://{user}:***@{host}{rest[end:]}"
    secrets = [s for s in hidden if s] + [unquote(s) for s in hidden if s and unquote(s) != s]
    return masked, tuple(secrets)


@dataclass(frozen=True)
class StoreURL:
    """A parsed database URL: ``backend`` is ``"sqlite"`` or ``"postgresql"``; ``target`` is the
    absolute file path (SQLite) or the libpq connection URL (PostgreSQL); ``masked`` is the URL
    with any password hidden."""

    backend: str
    target: str
    masked: str
    secrets: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __repr__(self) -> str:
        return f"StoreURL({self.masked!r})"


def parse_store_url(url: str) -> StoreURL:
    """The backend and target of a database URL; raises :class:`StoreError` naming the URL
    (password masked) when it is malformed or its scheme is not supported.

    >>> parse_store_url("postgres://app@db/lists").target
    'postgresql://app@db/lists'
    >>> parse_store_url("mysql://app:s3cret@db/lists")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    listparse.store.errors.StoreError: unsupported database URL scheme 'mysql' in 'mysql://app:***@db/lists'; ...
    """
    if not isinstance(url, str):
        raise StoreError(f"a database URL must be a string, not {type(url).__name__}; {_EXPECTED}")
    text = url.strip()
    masked, secrets = _mask(text)
    scheme, sep, rest = text.partition("://")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        hint = f" (did you mean 'sqlite:///{masked}'?)" if text and "://" not in text and ":" not in text else ""
        raise StoreError(f"not a database URL: {masked!r}{hint}; {_EXPECTED}")
    base = scheme.lower().partition("+")[0]  # "postgresql+psycopg" is the SQLAlchemy spelling
    if base in _SQLITE_SCHEMES:
        return StoreURL("sqlite", str(_sqlite_path(rest, masked)), masked, secrets)
    if base in _POSTGRES_SCHEMES:
        return StoreURL("postgresql", f"postgresql://{rest}", mask_url(f"postgresql://{rest}"), secrets)
    raise StoreError(f"unsupported database URL scheme {scheme!r} in {masked!r}; {_EXPECTED}")


def _sqlite_path(rest: str, masked: str) -> Path:
    if not rest.startswith("/"):
        raise StoreError(
            f"a SQLite URL names no host: {masked!r}; use sqlite:///relative/path.db or sqlite:////absolute/path.db"
        )
    path, question, query = rest[1:].partition("?")
    if question:
        raise StoreError(f"a SQLite URL takes no query parameters ({query!r}): {masked!r}")
    if not path:
        raise StoreError(f"a SQLite URL needs a file path: {masked!r}; e.g. sqlite:///lists.db")
    if path == ":memory:" or path.startswith("file:") or path.endswith("/"):
        raise StoreError(
            f"a SQLite URL must name a database file, not {path!r} ({masked!r}); in-memory databases are "
            "not supported because every connection would see its own empty database"
        )
    return Path(path).expanduser().absolute()
