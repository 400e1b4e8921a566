"""Functions run in child processes (multiprocessing, spawn) by the store tests."""

from __future__ import annotations

import json
import time

from listparse.store import Update, open_store


def increment(doc: str | None) -> Update:
    """Add one to the counter document ``{"n": ...}``."""
    n = json.loads(doc)["n"] if doc else 0
    return Update(doc=json.dumps({"n": n + 1}), response=str(n + 1))


def increment_many(url: str, list_id: str, times: int, start) -> None:
    """Open the store (all children at once, after ``start`` is set) and increment ``times``."""
    start.wait(30)
    store = open_store(url)
    try:
        for _ in range(times):
            store.update(list_id, increment)
    finally:
        store.close()


def write_then_hang(url: str, list_id: str, done) -> None:
    """Commit one write, report it, then hang until killed."""
    store = open_store(url)
    store.update(list_id, lambda doc: Update(doc='{"n": 1}', response="written"))
    done.set()
    time.sleep(600)
