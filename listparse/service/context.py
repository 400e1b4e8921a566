"""What every request of one service process shares: settings, store, catalog and metrics.

:meth:`ServiceContext.handle_message` is the one way a message changes a list, for the REST
routes and every chat channel alike: the message runs as a list command inside one store
transaction, together with its de-duplication record and any outgoing reply.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from ..conversation import ListState, handle_message, list_view, new_state
from ..store import OutboxMessage, Store, Update, open_store
from .logs import log_event
from .metrics import Metrics
from .settings import Settings, mask_url

__all__ = ["MAX_LIST_ID", "MessageResult", "ServiceContext"]

#: The longest list id accepted (channel prefix included).
MAX_LIST_ID = 200
#: How long a process holds the outbox messages it is sending, and how often one is tried.
_SEND_LEASE_S = 60.0
_MAX_SEND_ATTEMPTS = 10


@dataclass(frozen=True)
class MessageResult:
    """What a message did: the reply, the list after it, and whether it was a repeated delivery."""

    reply: str
    list: dict
    duplicate: bool
    lang: str
    action: str = "none"
    #: the answer as JSON text (``reply``, ``list``, ``lang``, ``action``, ``parsed``), as first sent
    body: str = ""


class ServiceContext:
    """The shared state of one service process; made by :func:`create_app` at startup."""

    def __init__(self, settings: Settings, *, store: Store | None = None) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self._store = store
        self._catalog: Any = None
        self._catalog_error: str | None = None
        self._lock = threading.Lock()
        self._senders: dict[str, Callable[[str, str], bool]] = {}
        self._outbox_wakeup = threading.Event()
        self._stopping = threading.Event()
        self._worker: threading.Thread | None = None

    # -- resources ---------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The list store, opened (and migrated) on first use."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    url = self.settings.resolved_database_url()
                    self._store = open_store(url)
                    log_event("store opened", event="startup", database=f"{self._store.backend} {mask_url(url)}")
        return self._store

    def catalog(self) -> Any:
        """The catalog index linked against (loaded once per process), or None without linking."""
        if not self.settings.link:
            return None
        if self._catalog is None and self._catalog_error is None:
            with self._lock:
                if self._catalog is None and self._catalog_error is None:
                    self._catalog = self._load_catalog()
        return self._catalog

    def _load_catalog(self) -> Any:
        try:
            if self.settings.catalog is None:
                from ..catalog.default import default_catalog

                index = default_catalog()
                if not hasattr(index, "search"):
                    index = index.index
            else:
                from ..catalog.open import open_catalog

                opened = open_catalog(self.settings.catalog)
                index = opened if hasattr(opened, "search") else opened.index
        except Exception as exc:  # a bad catalog file: the service runs, /readyz says why
            self._catalog_error = f"{type(exc).__name__}: {exc}"
            log_event("catalog not loaded", level=logging.ERROR, event="startup", error=self._catalog_error)
            return None
        log_event("catalog loaded", event="startup", products=len(index.catalog))
        return index

    def readiness(self) -> tuple[bool, dict]:
        """Whether the database answers and the catalog is loaded, with details."""
        checks: dict[str, Any] = {}
        try:
            checks["database"] = "ok" if self.store.ping() else "unreachable"
        except Exception as exc:
            checks["database"] = f"unreachable ({type(exc).__name__})"
        if self.settings.link:
            index = self.catalog()
            checks["catalog"] = "ok" if index is not None else f"not loaded ({self._catalog_error})"
            if index is not None:
                checks["products"] = len(index.catalog)
        else:
            checks["catalog"] = "linking off"
        ready = checks["database"] == "ok" and checks["catalog"] in ("ok", "linking off")
        return ready, checks

    def warm_up(self) -> None:
        """Run a French and an English message through the whole pipeline, writing nothing.

        Tokenizers, lexicons and the unit registry load on first use; doing it here keeps that
        cost off the first requests and puts those objects in memory before the heap is frozen.
        """
        catalog = self.catalog()
        for text, lang in (("ajoute deux litres de lait et du pain", "fr"), ("add a dozen eggs and 2 milks", "en")):
            handle_message(new_state("warm-up"), text, lang=lang, catalog=catalog)

    # -- lists -------------------------------------------------------------------------------

    def read_list(self, list_id: str) -> ListState:
        """The list's current state (an empty list when it was never written)."""
        doc = self.store.read(list_id)
        return ListState.model_validate_json(doc) if doc else new_state(list_id)

    def handle_message(
        self,
        list_id: str,
        text: str,
        *,
        channel: str,
        dedup: tuple[str, str] | None = None,
        lang: str | None = None,
        reply_to: OutboxMessage | None = None,
    ) -> MessageResult:
        """Run ``text`` as a list command on ``list_id`` in one transaction.

        With ``dedup=(scope, key)`` a delivery already applied returns its first answer and
        changes nothing. With ``reply_to``, the reply is queued for sending in the same
        transaction (its ``body`` is replaced by the reply).
        """
        started = time.perf_counter()
        catalog = self.catalog()
        # The parse does not depend on other writers, so the turn is computed before the write
        # lock is taken and recomputed inside only when the list changed in between.
        before = self.store.read(list_id)
        early = self._turn(before, list_id, text, lang, catalog)

        def apply(doc: str | None) -> Update:
            turn = early if doc == before else self._turn(doc, list_id, text, lang, catalog)
            body = {"reply": turn.reply, "list": list_view(turn.state), "lang": turn.lang,
                    "action": turn.action, "parsed": turn.parsed_items}
            outbox = ()
            if reply_to is not None:
                outbox = (OutboxMessage(channel=reply_to.channel, recipient=reply_to.recipient, body=turn.reply),)
            return Update(doc=turn.state.model_dump_json(), response=json.dumps(body, ensure_ascii=False), outbox=outbox)

        outcome = self.store.update(list_id, apply, dedup=dedup)
        body = json.loads(outcome.response)
        result = MessageResult(reply=body["reply"], list=body["list"], duplicate=outcome.duplicate,
                               lang=body["lang"], action=body.get("action", "none"), body=outcome.response)
        if outcome.duplicate:
            self.metrics.dedup_hits.labels(channel).inc()
        else:
            self.metrics.messages.labels(channel, result.action).inc()
            self.metrics.items_parsed.labels(channel).inc(body.get("parsed", 0))
            if reply_to is not None:
                self._outbox_wakeup.set()
        self.metrics.message_latency.labels(channel).observe(time.perf_counter() - started)
        return result

    @staticmethod
    def _turn(doc: str | None, list_id: str, text: str, lang: str | None, catalog: Any):
        state = ListState.model_validate_json(doc) if doc else new_state(list_id)
        return handle_message(state, text, lang=lang, catalog=catalog)

    # -- outgoing replies --------------------------------------------------------------------

    def register_sender(self, channel: str, send: Callable[[str, str], bool]) -> None:
        """Send the outbox's ``channel`` messages with ``send(recipient, body) -> ok``."""
        self._senders[channel] = send

    def drain_outbox(self, *, limit: int = 100) -> tuple[int, int]:
        """Send pending replies once; returns (sent, failed)."""
        sent = failed = 0
        for message in self.store.outbox_claim(limit=limit, lease_s=_SEND_LEASE_S, max_attempts=_MAX_SEND_ATTEMPTS):
            send = self._senders.get(message.channel)
            try:
                ok = bool(send(message.recipient, message.body)) if send else False
            except Exception:
                ok = False
            self.store.outbox_done(message.id, ok=ok)
            self.metrics.outbox_sent.labels(message.channel, "sent" if ok else "failed").inc()
            sent += ok
            failed += not ok
        return sent, failed

    def start_background(self, *, interval: float = 2.0, dedup_max_age: float = 8 * 86400.0) -> None:
        """Start the thread that sends queued replies and prunes old de-duplication records."""
        if self._worker is not None:
            return

        def loop() -> None:
            last_prune = 0.0
            while not self._stopping.is_set():
                self._outbox_wakeup.wait(interval)
                self._outbox_wakeup.clear()
                if self._stopping.is_set():
                    break
                try:
                    sent, failed = self.drain_outbox()
                    if sent or failed:
                        log_event("outbox drained", event="outbox", sent=sent, failed=failed)
                    if time.monotonic() - last_prune > 3600:
                        last_prune = time.monotonic()
                        pruned = self.store.prune_dedup(older_than_s=dedup_max_age)
                        if pruned:
                            log_event("dedup records pruned", event="prune", pruned=pruned)
                except Exception as exc:
                    log_event("background work failed", level=logging.ERROR, event="outbox", error=type(exc).__name__)

        self._worker = threading.Thread(target=loop, name="listparse-outbox", daemon=True)
        self._worker.start()

    def close(self) -> None:
        """Stop the background thread and close the store."""
        self._stopping.set()
        self._outbox_wakeup.set()
        if self._worker is not None:
            self._worker.join(timeout=5)
            self._worker = None
        if self._store is not None:
            self._store.close()
            self._store = None

