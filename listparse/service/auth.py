"""The REST API key: with ``LISTPARSE_API_KEY`` set, /v1 routes need ``Authorization: Bearer``."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

from .channels.verify import secret_value

__all__ = ["require_api_key"]


async def require_api_key(request: Request) -> None:
    """FastAPI dependency: 401 unless the bearer token equals the configured key (constant time).

    A coroutine, though it awaits nothing: FastAPI runs a plain function dependency in its
    thread pool, a thread hop per request for a check of a few microseconds."""
    key = secret_value(request.app.state.context.settings.api_key)
    if key is None:  # unset or empty: the API is open, and the startup log says so
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    expected = key.encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        raise HTTPException(401, "missing or wrong API key", headers={"WWW-Authenticate": "Bearer"})
