"""Structured JSON logs, one object a line on stderr.

Log records carry fields, never message text, phone numbers, user ids or secrets: callers pass
only what :data:`SAFE_FIELDS` names, and anything else is dropped.
"""

from __future__ import annotations

import json
import logging
import sys
import time

__all__ = ["SAFE_FIELDS", "JsonFormatter", "configure_logging", "log_event"]

LOGGER = "listparse.service"

#: The only extra fields a log line may carry.
SAFE_FIELDS = frozenset(
    {"event", "method", "route", "status", "ms", "channel", "action", "reason", "items", "duplicate",
     "database", "catalog", "products", "channels", "api", "sent", "failed", "pruned", "error"}
)


class JsonFormatter(logging.Formatter):
    """``{"ts": ..., "level": ..., "logger": ..., "msg": ..., <safe fields>}``."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update({k: v for k, v in fields.items() if k in SAFE_FIELDS})
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):
    """A stream handler that writes to whatever ``sys.stderr`` is at the time of each record."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(level: str = "INFO") -> None:
    """Send the service's logs to stderr as JSON lines (once per process)."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level.upper() if isinstance(level, str) else level)
    if not any(getattr(h, "_listparse", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(JsonFormatter())
        handler._listparse = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False


def log_event(msg: str, *, level: int = logging.INFO, **fields: object) -> None:
    """Log ``msg`` with the given fields (only those in :data:`SAFE_FIELDS` are kept)."""
    logging.getLogger(LOGGER).log(level, msg, extra={"fields": fields})
