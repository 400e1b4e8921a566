"""ASGI middleware: the request body limit, per-route metrics with an access log, and the
answer to an unexpected error.

Both are plain ASGI so that an oversize body is refused with 413 before it is read whole: the
limit middleware reads at most ``limit + 1`` bytes, then answers 413 or replays the body.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from .logs import log_event
from .metrics import Metrics

__all__ = ["BodyLimitMiddleware", "ErrorMiddleware", "MetricsMiddleware"]

_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def _send_json(send: Any, status: int, body: dict) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


class BodyLimitMiddleware:
    """Answer 413 to a request whose body is over ``limit`` bytes, by its Content-Length or as read."""

    def __init__(self, app: Any, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        too_large = {"detail": f"request body over the limit of {self.limit} bytes"}
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, {"detail": "bad Content-Length header"})
                    return
                if declared > self.limit:
                    await _send_json(send, 413, too_large)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _send_json(send, 413, too_large)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class ErrorMiddleware:
    """Answer 500 to an unexpected error and keep the connection usable.

    The error is logged with its route and type (never the request). It is not re-raised: a
    re-raised error makes the server close a keep-alive connection without a word, so the
    client's next request on it would fail.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_started(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_started)
        except Exception as exc:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            log_event("request failed", level=logging.ERROR, event="error", route=route, error=type(exc).__name__)
            if not started:
                await _send_json(send, 500, {"detail": "internal error"})


class MetricsMiddleware:
    """Count and time each request by its route template (never the concrete path, which may
    hold a phone number), and write one access-log line."""

    def __init__(self, app: Any, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            elapsed = time.perf_counter() - started
            self.metrics.requests.labels(template, scope.get("method", ""), str(status)).inc()
            self.metrics.latency.labels(template).observe(elapsed)
            if template not in ("/livez", "/metrics"):
                log_event("request", event="request", method=scope.get("method"), route=template,
                          status=status, ms=round(elapsed * 1000, 2))
