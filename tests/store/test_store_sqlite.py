"""What only the SQLite store does: several processes on one file, durability across a killed
process, WAL mode, file paths."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest
from store_workers import increment, increment_many, write_then_hang

from listparse.store import StoreError, open_store
from listparse.store.schema import latest_version

SPAWN = multiprocessing.get_context("spawn")


def test_several_processes_lose_no_update(tmp_path):
    url = f"sqlite:///{tmp_path}/shared/lists.db"  # a new file: the processes also migrate together
    processes, times = 4, 25
    start = SPAWN.Event()
    children = [SPAWN.Process(target=increment_many, args=(url, "counter", times, start)) for _ in range(processes)]
    for child in children:
        child.start()
    start.set()
    for child in children:
        child.join(60)
    assert [child.exitcode for child in children] == [0] * processes
    with open_store(url) as store:
        assert json.loads(store.read("counter")) == {"n": processes * times}
        assert store.schema_version() == latest_version("sqlite")
    with sqlite3.connect(tmp_path / "shared" / "lists.db") as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == latest_version("sqlite")


def test_a_committed_write_survives_a_killed_process(tmp_path):
    url = f"sqlite:///{tmp_path}/lists.db"
    done = SPAWN.Event()
    child = SPAWN.Process(target=write_then_hang, args=(url, "l", done))
    child.start()
    try:
        assert done.wait(60), "the child process did not write"
    finally:
        child.kill()  # SIGKILL: no clean-up, no checkpoint
        child.join(30)
    with open_store(url) as store:
        assert store.read("l") == '{"n": 1}'
        store.update("l", increment)
        assert store.read("l") == '{"n": 2}'


def test_the_database_runs_in_wal_mode(tmp_path):
    open_store(f"sqlite:///{tmp_path}/lists.db").close()
    with sqlite3.connect(tmp_path / "lists.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_connections_use_normal_sync_and_a_busy_timeout(tmp_path):
    with open_store(f"sqlite:///{tmp_path}/lists.db") as store:
        with store._pool.connection() as conn:
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_missing_folders_are_created(tmp_path):
    with open_store(f"sqlite:///{tmp_path}/a/b/c/lists.db") as store:
        store.update("l", increment)
    assert (tmp_path / "a" / "b" / "c" / "lists.db").is_file()


def test_relative_path_is_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///data/lists.db") as store:
        store.update("l", increment)
    assert (tmp_path / "data" / "lists.db").is_file()


def test_absolute_path_with_four_slashes(tmp_path):
    with open_store(f"sqlite:///{tmp_path}/lists.db") as store:
        assert store.url == f"sqlite:///{tmp_path}/lists.db"  # tmp_path starts with "/"
        store.update("l", increment)
    with open_store(f"sqlite:////{str(tmp_path).lstrip('/')}/lists.db") as again:
        assert again.read("l") == '{"n": 1}'


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(f"sqlite:///{path}")


def test_a_folder_that_cannot_be_created(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="file/sub/lists.db"):
        open_store(f"sqlite:///{tmp_path}/file/sub/lists.db")


def test_schema_keyword_is_for_postgresql(tmp_path):
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store(f"sqlite:///{tmp_path}/lists.db", schema="x")


def test_the_wal_is_checkpointed_in_the_background(tmp_path, monkeypatch):
    import time

    from listparse.store import sqlite_store
    from listparse.store.records import Update

    monkeypatch.setattr(sqlite_store, "CHECKPOINT_INTERVAL_S", 0.05)
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        before = (tmp_path / "c.db").stat().st_size
        for i in range(20):
            store.update(f"l{i}", lambda doc: Update(doc="x" * 8000, response=""))
        deadline = time.monotonic() + 10
        # a checkpoint may run between two writes: wait until every page has left the WAL
        while (tmp_path / "c.db").stat().st_size <= before + 100_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp_path / "c.db").stat().st_size > before + 100_000
    finally:
        store.close()
    assert store._checkpointer is None
