"""The FastAPI application factory: ``create_app(settings)``; nothing is built at import time."""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..errors import ListparseError
from .context import ServiceContext
from .logs import configure_logging, log_event
from .middleware import BodyLimitMiddleware, ErrorMiddleware, MetricsMiddleware
from .settings import Settings

__all__ = ["create_app"]


def _channel_routers() -> list:
    from .channels import routers

    return list(routers)


def _senders(settings: Settings) -> dict:
    """How queued replies leave, per channel (each a no-op until its token is configured)."""
    import httpx

    from .channels.slack import send_slack
    from .channels.whatsapp import send_whatsapp

    client = httpx.Client(timeout=10.0)
    return {
        "whatsapp": lambda recipient, body: send_whatsapp(settings, recipient, body, client=client),
        "slack": lambda recipient, body: send_slack(settings, recipient, body, client=client),
    }


def create_app(settings: Settings | None = None, *, start_background: bool = True) -> FastAPI:
    """The service as an ASGI app. ``settings`` default to the ``LISTPARSE_*`` environment.

    The store is opened and the catalog index loaded when the app starts (its lifespan), once
    per process; ``start_background`` runs the thread that sends queued channel replies.
    """
    settings = settings if settings is not None else Settings()
    configure_logging(settings.log_level)
    context = ServiceContext(settings)
    from .channels import enabled_channels
    from .channels.verify import secret_value

    api_key = secret_value(settings.api_key)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the thread pool runs the routes that read, delete and export (messages and parses run
        # on the event loop): a few threads, not the default forty
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        ready, checks = context.readiness()  # opens the store and loads the catalog now
        context.warm_up()
        # What is alive now (catalog index, lexicons, tokenizers) lives as long as the process:
        # frozen, the cyclic collector stops walking it, so a full collection under load takes
        # a few milliseconds instead of tens. Only the young generations are collected first: a
        # full collection costs a tenth of a second in a process holding much (one that makes
        # many apps, as a test run does), and older garbage goes back to the collector at
        # shutdown (gc.unfreeze).
        gc.collect(1)
        gc.freeze()
        log_event(
            "service started", event="startup", database=checks.get("database"), catalog=checks.get("catalog"),
            channels=",".join(enabled_channels(settings)) or "none",
            api="key required" if api_key else "open: LISTPARSE_API_KEY is not set",
        )
        if not api_key:
            log_event("the /v1 API is open to anyone who can reach it (set LISTPARSE_API_KEY)",
                      level=logging.WARNING, event="startup", api="open")
        for channel, send in _senders(settings).items():
            context.register_sender(channel, send)
        if start_background:
            context.start_background()
        try:
            yield
        finally:
            context.close()
            gc.unfreeze()

    app = FastAPI(
        title="listparse",
        version=__version__,
        description="French and English shopping lists into structured items linked to a catalog, "
        "kept per conversation behind verified chat-channel webhooks.",
        lifespan=lifespan,
    )
    app.state.context = context

    from .routes import api, health

    app.include_router(health.router)
    app.include_router(api.router)
    for router in _channel_routers():
        app.include_router(router)

    @app.exception_handler(ListparseError)
    async def listparse_error(request: Request, exc: ListparseError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.add_middleware(ErrorMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=context.metrics)
    return app
