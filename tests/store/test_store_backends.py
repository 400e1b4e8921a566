"""The store contract, run against both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from store_support import postgres_schema, raw_query, store, store_url  # noqa: F401  (fixtures)
from store_workers import increment

from listparse.store import OutboxMessage, Outcome, PendingMessage, Store, StoreError, Update, open_store
from listparse.store.schema import latest_version


def counter(store: Store, list_id: str) -> int:
    doc = store.read(list_id)
    return json.loads(doc)["n"] if doc else 0


def test_store_follows_the_protocol(store):
    assert isinstance(store, Store)
    assert store.backend in ("sqlite", "postgresql")
    assert store.ping() is True
    assert store.schema_version() == latest_version(store.backend)


def test_read_of_unknown_list_is_none(store):
    assert store.read("telegram:unknown") is None


def test_update_creates_then_changes(store):
    seen = []

    def put(doc, value):
        seen.append(doc)
        return Update(doc=value, response=f"now {value}")

    assert store.update("l1", lambda doc: put(doc, '{"a": 1}')) == Outcome("now {\"a\": 1}", duplicate=False)
    assert store.read("l1") == '{"a": 1}'
    assert store.update("l1", lambda doc: put(doc, '{"a": 2}')).response == 'now {"a": 2}'
    assert store.read("l1") == '{"a": 2}'
    assert seen == [None, '{"a": 1}']
    assert store.read("l2") is None


def test_update_without_doc_leaves_the_document(store):
    assert store.update("new", lambda doc: Update(doc=None, response="nothing")).response == "nothing"
    assert store.read("new") is None
    store.update("old", lambda doc: Update(doc="kept", response="ok"))
    store.update("old", lambda doc: Update(doc=None, response="shown"))
    assert store.read("old") == "kept"


def test_documents_keep_every_character(store):
    doc = json.dumps({"items": ["crème fraîche", "œufs", "🥚"], "quote": "l'ail \"rose\""}, ensure_ascii=False)
    store.update("fr", lambda _: Update(doc=doc, response="réponse ✓"))
    assert store.read("fr") == doc


def test_dedup_returns_the_stored_response_without_calling_fn(store):
    calls = []

    def apply(doc):
        calls.append(doc)
        return Update(doc=str(len(calls)), response=f"applied #{len(calls)}", outbox=(OutboxMessage("t", "1", "hi"),))

    first = store.update("l", apply, dedup=("telegram", "update-7"))
    again = store.update("l", apply, dedup=("telegram", "update-7"))
    assert first == Outcome("applied #1", duplicate=False)
    assert again == Outcome("applied #1", duplicate=True)
    assert calls == [None]
    assert store.read("l") == "1"
    assert len(store.outbox_pending()) == 1  # the duplicate queued nothing
    # the same key in another scope is another event
    other = store.update("l", apply, dedup=("slack", "update-7"))
    assert other == Outcome("applied #2", duplicate=False)
    assert store.read("l") == "2"


def test_dedup_is_per_scope_and_key_not_per_list(store):
    store.update("a", lambda doc: Update("A", "first"), dedup=("api", "k"))
    outcome = store.update("b", lambda doc: Update("B", "second"), dedup=("api", "k"))
    assert outcome == Outcome("first", duplicate=True)
    assert store.read("b") is None


class Boom(Exception):
    pass


def test_fn_raising_writes_nothing(store):
    store.update("l", lambda doc: Update(doc="before", response="ok"))
    error = Boom("no")

    def fail(doc):
        raise error

    with pytest.raises(Boom) as info:
        store.update("l", fail, dedup=("api:l", "k1"))
    assert info.value is error
    assert store.read("l") == "before"
    with pytest.raises(Boom):
        store.update("fresh", fail)
    assert store.read("fresh") is None
    # the key was not recorded: a retry applies
    outcome = store.update("l", lambda doc: Update(doc="after", response="done"), dedup=("api:l", "k1"))
    assert outcome == Outcome("done", duplicate=False)
    assert store.read("l") == "after"


@pytest.mark.parametrize(
    "result",
    [None, "a string", {"doc": "x", "response": "y"}],
    ids=["none", "str", "dict"],
)
def test_fn_returning_something_else_writes_nothing(store, result):
    with pytest.raises(TypeError, match="must return an Update"):
        store.update("l", lambda doc: result, dedup=("api", "k"))
    assert store.read("l") is None
    assert store.update("l", lambda doc: Update("x", "ok"), dedup=("api", "k")).duplicate is False


def test_fn_failing_after_outbox_queues_nothing(store):
    def bad(doc):
        return Update(doc="a\x00b", response="r", outbox=(OutboxMessage("t", "1", "queued?"),))

    with pytest.raises(StoreError, match="NUL"):
        store.update("l", bad, dedup=("api", "k"))
    assert store.read("l") is None
    assert store.outbox_pending() == []


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.read("a\x00b"),
        lambda s: s.update("a\x00b", lambda doc: Update("x", "y")),
        lambda s: s.update("a", lambda doc: Update("x", "y"), dedup=("scope", "k\x00")),
    ],
    ids=["read", "update", "dedup"],
)
def test_nul_characters_are_refused_alike(store, call):
    with pytest.raises(StoreError, match="NUL"):
        call(store)


@pytest.mark.parametrize("dedup", [("only-scope",), ["s", "k"], ("s", 1)], ids=["short", "list", "int"])
def test_bad_dedup_is_a_type_error(store, dedup):
    with pytest.raises(TypeError, match="dedup|key"):
        store.update("l", lambda doc: Update("x", "y"), dedup=dedup)


def test_concurrent_writers_lose_no_update(store):
    threads, times = 8, 50
    start = threading.Barrier(threads)

    def work():
        start.wait()
        for _ in range(times):
            store.update("counter", increment)

    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(work) for _ in range(threads)]:
            future.result()
    assert counter(store, "counter") == threads * times


def test_concurrent_duplicates_apply_once(store):
    threads = 8
    start = threading.Barrier(threads)
    calls = []
    lock = threading.Lock()

    def apply(doc):
        with lock:
            calls.append(doc)
        time.sleep(0.02)  # widens the window in which the others arrive
        return increment(doc)

    def submit():
        start.wait()
        return store.update("dup", apply, dedup=("whatsapp", "wamid.1"))

    with ThreadPoolExecutor(threads) as pool:
        outcomes = [f.result() for f in [pool.submit(submit) for _ in range(threads)]]
    assert len(calls) == 1
    assert sorted(o.duplicate for o in outcomes) == [False] + [True] * (threads - 1)
    assert {o.response for o in outcomes} == {"1"}
    assert counter(store, "dup") == 1


def test_concurrent_distinct_events_all_apply(store):
    threads = 6
    start = threading.Barrier(threads)

    def submit(i):
        start.wait()
        return store.update("many", increment, dedup=("api:many", f"event-{i}"))

    with ThreadPoolExecutor(threads) as pool:
        outcomes = list(pool.map(submit, range(threads)))
    assert not any(o.duplicate for o in outcomes)
    assert sorted(int(o.response) for o in outcomes) == list(range(1, threads + 1))
    assert counter(store, "many") == threads


def applied_versions(url: str) -> list[int]:
    return [row[0] for row in raw_query(url, "SELECT version FROM schema_version ORDER BY version")]


def test_concurrent_opens_apply_each_migration_once(store_url):
    threads = 6
    start = threading.Barrier(threads)

    def opener():
        start.wait()
        return open_store(store_url)

    with ThreadPoolExecutor(threads) as pool:
        stores = list(pool.map(lambda _: opener(), range(threads)))
    try:
        known = latest_version(stores[0].backend)
        assert [s.schema_version() for s in stores] == [known] * threads
        assert applied_versions(store_url) == list(range(1, known + 1))
    finally:
        for s in stores:
            s.close()


def test_reopening_is_idempotent(store_url):
    first = open_store(store_url)
    first.update("kept", lambda doc: Update("doc", "ok"), dedup=("api", "k"))
    first.close()
    before = applied_versions(store_url)
    second = open_store(store_url)
    try:
        assert applied_versions(store_url) == before
        assert second.schema_version() == before[-1]
        assert second.read("kept") == "doc"
        assert second.update("kept", lambda doc: Update("new", "again"), dedup=("api", "k")).duplicate is True
    finally:
        second.close()


def test_newer_schema_is_refused(store_url):
    open_store(store_url).close()
    future = latest_version("sqlite" if store_url.startswith("sqlite") else "postgresql") + 1
    raw_query(store_url, "INSERT INTO schema_version (version, name) VALUES (?, ?)"
              if not store_url.startswith("sqlite")
              else "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, 0)",
              (future, "from_the_future"))  # fmt: skip
    with pytest.raises(StoreError, match=f"schema version {future}, newer than") as info:
        open_store(store_url)
    assert "upgrade listparse" in str(info.value)


def queue(*messages: tuple[str, str, str]) -> tuple[OutboxMessage, ...]:
    return tuple(OutboxMessage(*m) for m in messages)


def test_outbox_pending_and_done(store):
    store.update("a", lambda doc: Update("A", "ok", queue(("telegram", "1", "first"), ("telegram", "1", "second"))))
    store.update("b", lambda doc: Update(None, "ok", [OutboxMessage("slack", "T:U", "third")]))
    pending = store.outbox_pending()
    assert [(m.channel, m.recipient, m.body, m.attempts) for m in pending] == [
        ("telegram", "1", "first", 0),
        ("telegram", "1", "second", 0),
        ("slack", "T:U", "third", 0),
    ]
    assert all(isinstance(m, PendingMessage) for m in pending)
    assert [m.body for m in store.outbox_pending(limit=2)] == ["first", "second"]
    first, second, third = pending
    store.outbox_done(first.id, ok=False)
    store.outbox_done(first.id, ok=False)
    store.outbox_done(second.id, ok=True)
    after = store.outbox_pending()
    assert [(m.body, m.attempts) for m in after] == [("first", 2), ("third", 0)]
    assert [m.body for m in store.outbox_pending(max_attempts=2)] == ["third"]
    store.outbox_done(second.id, ok=False)  # a late failure report of a sent message changes nothing
    store.outbox_done(first.id, ok=True)
    store.outbox_done(third.id, ok=True)
    assert store.outbox_pending() == []


def test_outbox_claims_are_exclusive_until_done_or_lapsed(store):
    store.update("a", lambda doc: Update("A", "ok", queue(*[("whatsapp", "1", f"m{i}") for i in range(5)])))
    first = store.outbox_claim(limit=3, lease_s=60)
    assert [m.body for m in first] == ["m0", "m1", "m2"]
    assert [m.body for m in store.outbox_claim(lease_s=60)] == ["m3", "m4"]
    assert store.outbox_claim(lease_s=60) == []  # all are held
    store.outbox_done(first[0].id, ok=True)
    store.outbox_done(first[1].id, ok=False)  # a failure frees it for the next claim
    assert [(m.body, m.attempts) for m in store.outbox_claim(lease_s=0)] == [("m1", 1)]
    assert [m.body for m in store.outbox_claim(lease_s=60)] == ["m1"]  # a lapsed lease is claimable
    assert [m.body for m in store.outbox_pending()] == ["m1", "m2", "m3", "m4"]  # the read-only view


def test_concurrent_claimers_never_share_a_message(store):
    from concurrent.futures import ThreadPoolExecutor

    store.update("a", lambda doc: Update("A", "ok", queue(*[("slack", "C1", f"m{i}") for i in range(60)])))
    with ThreadPoolExecutor(6) as pool:
        claims = list(pool.map(lambda _: store.outbox_claim(limit=7, lease_s=60), range(12)))
    ids = [m.id for claim in claims for m in claim]
    assert len(ids) == len(set(ids)) == 60


def test_outbox_done_of_unknown_message(store):
    with pytest.raises(StoreError, match="no outbox message with id 987654"):
        store.outbox_done(987654, ok=True)


@pytest.mark.parametrize("limit", [0, -3])
def test_outbox_limit_must_be_positive(store, limit):
    with pytest.raises(StoreError, match="limit"):
        store.outbox_pending(limit=limit)


def test_prune_dedup(store):
    store.update("l", increment, dedup=("api", "old-1"))
    store.update("l", increment, dedup=("api", "old-2"))
    assert store.prune_dedup(older_than_s=3600) == 0
    assert store.update("l", increment, dedup=("api", "old-1")).duplicate is True
    assert store.prune_dedup(older_than_s=0) == 2
    assert store.prune_dedup(older_than_s=0) == 0
    # forgotten keys apply again
    assert store.update("l", increment, dedup=("api", "old-1")) == Outcome("3", duplicate=False)


@pytest.mark.parametrize("age", [-1, float("nan"), float("inf")])
def test_prune_needs_a_sensible_age(store, age):
    with pytest.raises(StoreError, match="older_than_s"):
        store.prune_dedup(older_than_s=age)


def test_close_ends_the_store(store_url):
    opened = open_store(store_url)
    opened.update("l", increment)
    opened.close()
    opened.close()  # twice is fine
    assert opened.ping() is False
    with pytest.raises(StoreError, match="closed"):
        opened.read("l")
    with pytest.raises(StoreError, match="closed"):
        opened.update("l", increment)


def test_store_is_a_context_manager(store_url):
    with open_store(store_url) as opened:
        opened.update("l", increment)
    assert opened.ping() is False
