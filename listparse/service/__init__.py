"""The HTTP service: REST routes and chat-channel webhooks around listparse.

Build it with :func:`create_app` (nothing is created at import time) and run it with
``listparse serve``. Needs the ``service`` extra: ``pip install "listparse[service]"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Settings", "create_app"]

if TYPE_CHECKING:
    from .app import create_app
    from .settings import Settings


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
