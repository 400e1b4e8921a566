"""Persistence for the chat-channel service: one JSON text document per list id, a
de-duplication table and an outbox, in SQLite or PostgreSQL.

The store knows nothing of shopping lists. :meth:`Store.update` reads a document, applies a
function to it and writes the result, the de-duplication record and the queued messages in one
transaction, so that a retried delivery changes a list once:

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     store = open_store(f"sqlite:///{folder}/lists.db")
...     bump = lambda doc: Update(doc=str(int(doc or 0) + 1), response="counted")
...     first = store.update("demo", bump, dedup=("api:demo", "event-1"))
...     again = store.update("demo", bump, dedup=("api:demo", "event-1"))
...     (first.duplicate, again.duplicate, store.read("demo"))
...     store.close()
(False, True, '1')
"""

from __future__ import annotations

from .errors import StoreError
from .open import open_store
from .protocol import Store
from .records import OutboxMessage, Outcome, PendingMessage, Update

__all__ = ["OutboxMessage", "Outcome", "PendingMessage", "Store", "StoreError", "Update", "open_store"]
