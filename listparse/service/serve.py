"""``listparse serve``: run the service with uvicorn."""

from __future__ import annotations

import argparse
import os

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    parser.add_argument("--database-url", help="sets LISTPARSE_DATABASE_URL (sqlite:///file.db or postgresql://...)")
    parser.add_argument("--data-dir", help="sets LISTPARSE_DATA_DIR, where the default SQLite file lives")
    parser.add_argument("--catalog", help="sets LISTPARSE_CATALOG: a catalog file or a built index")
    parser.add_argument("--log-level", default=None, help="sets LISTPARSE_LOG_LEVEL (default: info)")


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        from ..errors import ListparseError

        raise ListparseError('the service needs its extra: pip install "listparse[service]"') from None
    for option, variable in (("database_url", "DATABASE_URL"), ("data_dir", "DATA_DIR"), ("catalog", "CATALOG"),
                             ("log_level", "LOG_LEVEL")):
        value = getattr(args, option)
        if value:
            os.environ[f"LISTPARSE_{variable}"] = str(value)
    from .settings import Settings

    settings = Settings()  # fail fast, before the workers start, on a bad setting
    if args.workers > 1:
        from ..catalog.default import default_catalog

        if settings.link and settings.catalog is None:
            default_catalog()  # build the cached index once, so workers map it instead of each building it
    uvicorn.run(
        "listparse.service.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=(settings.log_level or "info").lower(),
        access_log=False,
        proxy_headers=False,
    )
    return 0
