"""The service load benchmark (benchmarks/bench_service.py) at a tiny size, against the real server.

The benchmark's worth is its check: a list that lost or doubled a message must be reported.
These tests run its core on 3 conversations x 5 messages and show that a correct run passes,
and that a real double application (the same message sent twice under two keys) and a wrong
expectation are both caught.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("listparse.conversation", reason="listparse.conversation is not available")
pytest.importorskip("listparse.service.app", reason="listparse.service is not available")

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_service.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_service", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_service"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_service", None)


def _view(*items: tuple[str, str, float | None, str | None]) -> dict:
    return {"list_id": "l", "lang": "fr", "items": [
        {"item_id": i, "name": n, "quantity": q, "unit": u, "sku": None, "sku_name": None, "pack_count": None}
        for i, n, q, u in items
    ]}


POMMES = ("1", "pommes", 2.0, "kilogram")


@pytest.mark.parametrize(
    ("actual", "lost", "duplicated", "other"),
    [
        (_view(), 1, 0, 0),  # an acknowledged add is missing
        (_view(("1", "pommes", 1.0, "kilogram")), 1, 0, 0),  # part of it is missing
        (_view(("1", "pommes", 4.0, "kilogram")), 0, 1, 0),  # applied twice
        (_view(POMMES, ("2", "pommes", 2.0, "kilogram")), 0, 1, 0),  # applied twice as a new entry
        (_view(("1", "pommes", 2.0, "gram")), 1, 1, 0),  # the kilograms are lost, the grams extra
        (_view(("7", "pommes", 2.0, "kilogram")), 0, 0, 1),  # same amounts, another id
        (None, 1, 0, 0),  # the list cannot be read
    ],
)
def test_compare_lists_names_what_differs(bench, actual, lost, duplicated, other):
    diff = bench.compare_lists(_view(POMMES), actual)
    assert (diff.lost, diff.duplicated, diff.other) == (lost, duplicated, other)


def test_compare_lists_accepts_the_same_list(bench):
    assert bench.compare_lists(_view(POMMES), _view(("1", "pommes", 2, "kilogram"))) is None


def test_another_catalog_product_is_a_link_difference_not_a_wrong_list(bench):
    linked = _view(POMMES)
    linked["items"][0]["sku"] = "LP-1"
    assert bench.compare_lists(_view(POMMES), linked) is None
    assert bench.link_differences(_view(POMMES), linked) == ["l 'pommes': sku 'LP-1', expected None"]
    assert bench.link_differences(_view(POMMES), _view(POMMES)) == []


def test_workload_is_seeded_and_never_removes_more_than_it_added(bench):
    a = bench.build_scripts(6, 30, seed=7, prefix="a")
    b = bench.build_scripts(6, 30, seed=7, prefix="b")
    assert [[s.text for s in x.steps] for x in a] == [[s.text for s in x.steps] for x in b]
    assert {x.lang for x in a} == {"fr", "en"}
    for script in a:
        held: dict[int, int] = {}
        for step in script.steps:
            if step.product is not None:
                held[step.product] = held.get(step.product, 0) + step.delta
                assert held[step.product] > 0, step.text
        assert any(step.delta < 0 for step in script.steps)  # removes are exercised


def test_every_message_parses_as_intended(bench):
    """The expected lists come from listparse.conversation; they agree with the arithmetic."""
    scripts = bench.build_scripts(20, 40, seed=1, prefix="intent")
    assert bench.compute_expected(scripts, bench.reference_catalog(True)) == []


@pytest.fixture(scope="module")
def server(bench, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bench")
    srv = bench.Server(port=bench.free_port(), workers=1, log_path=workdir / "server.log",
                       env=bench.server_env(f"sqlite:///{workdir / 'bench.db'}", workdir, link=True))
    srv.start()
    try:
        asyncio.run(srv.wait_ready(timeout=60))
        yield srv
    finally:
        srv.stop()


def _run_phase(bench, server, scripts, *, before=None, kills=0, client="light"):
    import time

    async def go():
        async with bench.CLIENTS[client](server.port, max_connections=3) as http:
            if before is not None:
                await before(http)
            return await bench.run_phase(http, server, scripts, name="t", deadline=time.perf_counter() + 60,
                                         kills=kills)

    return asyncio.run(go())


def _scripts(bench, prefix):
    scripts = bench.build_scripts(3, 5, seed=3, prefix=prefix)
    assert bench.compute_expected(scripts, bench.reference_catalog(True)) == []
    return scripts


@pytest.mark.parametrize("client", ["light", "httpx"])
def test_a_correct_run_passes(bench, server, client):
    if client == "httpx":
        pytest.importorskip("httpx")
    stats = _run_phase(bench, server, _scripts(bench, f"ok-{client}"), client=client)
    summary = stats.summary()
    assert stats.correct(), summary
    assert (summary["acknowledged"], summary["lists_checked"], summary["lost"], summary["duplicated"]) == (15, 3, 0, 0)
    assert summary["reply_mismatches"] == 0 and summary["p50_ms"] > 0


def test_a_message_applied_twice_is_caught(bench, server):
    scripts = _scripts(bench, "dup")
    target = scripts[0]
    k = 0  # the first message is an add: sending it early keeps the entries' order
    assert target.steps[k].delta > 0

    async def send_it_once_more_under_another_key(client):
        response = await client.post(f"/v1/lists/{target.list_id}/messages", json={"text": target.steps[k].text},
                                     headers={"Idempotency-Key": "not-the-benchmark-key"})
        assert response.status_code == 200

    stats = _run_phase(bench, server, scripts, before=send_it_once_more_under_another_key)
    summary = stats.summary()
    assert not stats.correct()
    assert summary["lists_wrong"] == 1 and summary["list_diff_examples"][0].startswith(target.list_id)
    assert (summary["lost"], summary["duplicated"]) == (0, 1)
    assert summary["reply_mismatches"] >= 1  # the very next answer already shows it


def test_the_same_key_twice_is_applied_once(bench, server):
    scripts = _scripts(bench, "replay")
    target = scripts[1]

    async def send_the_first_message_early(client):  # the benchmark then sends it again, same key
        response = await client.post(f"/v1/lists/{target.list_id}/messages", json={"text": target.steps[0].text},
                                     headers={"Idempotency-Key": target.keys[0]})
        assert response.status_code == 200

    stats = _run_phase(bench, server, scripts, before=send_the_first_message_early)
    assert stats.correct(), stats.summary()
    assert stats.duplicates_replayed == 1


def test_a_wrong_expectation_is_caught(bench, server):
    scripts = _scripts(bench, "wrong")
    final = scripts[2].expected[-1]
    final["items"] = final["items"][:-1]  # pretend the last entry was never sent
    stats = _run_phase(bench, server, scripts)
    assert [d.list_id for d in stats.list_diffs] == [scripts[2].list_id]
    assert stats.list_diffs[0].duplicated == 1


def test_lists_survive_a_sigkill_and_restart(bench, server):
    scripts = _scripts(bench, "kill")
    starts = server.starts
    stats = _run_phase(bench, server, scripts, kills=1)
    summary = stats.summary()
    assert stats.correct(), summary
    assert len(summary["kills"]) == 1 and server.starts == starts + 1


def test_refused_messages_fail_the_run_without_hanging_the_kill_phase(bench, server):
    scripts = _scripts(bench, "refused")
    for script in scripts:
        script.steps = [bench.Step("x" * 20_001, None, 0) for _ in script.steps]  # over the text limit: 422
    stats = _run_phase(bench, server, scripts, kills=1)
    assert not stats.correct()
    assert (len(stats.refused), stats.acked) == (15, 0)
    assert " 422 " in stats.refused[0]
