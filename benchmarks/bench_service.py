"""Service load benchmark: concurrent conversations over HTTP, every list checked, a SIGKILL mid-run.

Run from the project root, in the project's environment (the ``service`` extra installed)::

    python benchmarks/bench_service.py                      # 50 conversations x 40 messages, 3 phases
    python benchmarks/bench_service.py --no-kill --json -   # no kill phase, figures as JSON on stdout
    python benchmarks/bench_service.py --database-url postgresql://postgres@127.0.0.1:5432/test

The script starts ``python -m listparse serve`` on 127.0.0.1 (a free port, a fresh SQLite file
in a temporary folder, or a fresh PostgreSQL schema), waits for ``/readyz``, runs the load with a
small asyncio HTTP/1.1 client (or ``httpx.AsyncClient``), checks every list exactly against what
was sent, and stops the server. It talks to 127.0.0.1 only. See benchmarks/README.md for what each figure means.

Exit status: 0 when every list is right (a missed speed target is printed, not an error),
1 when a list is wrong, a message was refused, or the run hit ``--timeout``; 2 usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

__all__ = [
    "Options",
    "Script",
    "ServerError",
    "build_scripts",
    "compare_lists",
    "compute_expected",
    "main",
    "run_benchmark",
]

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling module benchutil
from benchutil import PROJECT_ROOT, run_meta  # noqa: E402
HOST = "127.0.0.1"

TARGET_MESSAGES_PER_S = 300.0
TARGET_P99_MS = 100.0

MAX_MESSAGES_TOTAL = 200_000  # per phase: conversations x messages
REQUEST_TIMEOUT_S = 10.0
BACKOFF_FIRST_S = 0.02
BACKOFF_MAX_S = 0.5
READY_TIMEOUT_S = 120.0
KEEP_ALIVE_S = 4.0  # an idle connection is not reused after this long (uvicorn closes it after 5 s)


class Deadline(Exception):
    """The run's wall-clock cap (``--timeout``) was reached."""


# --- the workload ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    """A product a conversation talks about, always with the same unit.

    ``word`` is written as typed; ``unit_text`` is the unit as typed (None: a count) and
    ``unit`` the unit the list should hold (listparse's canonical name).
    """

    word: str
    unit_text: str | None
    unit: str | None
    amounts: tuple[int, ...]


# A few everyday products per language. Each keeps one unit in a conversation, so the expected
# list is plain arithmetic: adds sum up, removes of an amount subtract.
PRODUCTS: dict[str, tuple[Product, ...]] = {
    "fr": (
        Product("pommes", "kg", "kilogram", (1, 2, 3)),
        Product("carottes", "kg", "kilogram", (1, 2)),
        Product("farine", "g", "gram", (250, 500)),
        Product("beurre", "g", "gram", (125, 250)),
        Product("lait", "litres", "liter", (2, 3)),
        Product("baguettes", None, None, (2, 3, 4)),
        Product("bananes", None, None, (2, 3, 5, 6)),
        Product("citrons", None, None, (2, 3, 4)),
        Product("yaourts", None, None, (4, 6, 8)),
        Product("tomates", None, None, (2, 4, 6)),
    ),
    "en": (
        Product("eggs", None, None, (6, 12)),
        Product("apples", None, None, (2, 3, 4, 5)),
        Product("bananas", None, None, (2, 3, 6)),
        Product("lemons", None, None, (2, 3)),
        Product("onions", None, None, (2, 3, 4)),
        Product("potatoes", "kg", "kilogram", (1, 2, 3)),
        Product("rice", "kg", "kilogram", (1, 2)),
        Product("flour", "g", "gram", (250, 500)),
        Product("butter", "g", "gram", (125, 250)),
        Product("milk", "liters", "liter", (2, 3)),
    ),
}

# How a message is written: {n} the amount, {u} the unit, {p} the product. "with_unit" forms
# are used for products that have a unit, "count" forms for the others.
ADD_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "with_unit": ("ajoute {n} {u} de {p}", "{n} {u} de {p}", "rajoute {n} {u} de {p}"),
        "count": ("ajoute {n} {p}", "{n} {p}", "rajoute {n} {p}"),
    },
    "en": {
        "with_unit": ("add {n} {u} of {p}", "{n} {u} of {p}", "please add {n} {u} of {p}"),
        "count": ("add {n} {p}", "{n} {p}", "please add {n} {p}"),
    },
}
REMOVE_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"with_unit": ("enlève {n} {u} de {p}", "retire {n} {u} de {p}"),
           "count": ("enlève {n} {p}", "retire {n} {p}")},
    "en": {"with_unit": ("remove {n} {u} of {p}",), "count": ("remove {n} {p}",)},
}
SHOW_FORMS = {"fr": ("qu'est-ce qu'il y a sur ma liste ?",), "en": ("what's on my list?",)}

PRODUCTS_PER_CONVERSATION = 4
SHOW_SHARE = 0.05
REMOVE_SHARE = 0.2


@dataclass(frozen=True)
class Step:
    """One message and the change it is meant to make (product index, signed amount; None for a show)."""

    text: str
    product: int | None
    delta: int


@dataclass
class Script:
    """One conversation: its messages, their keys, and the list expected after each message."""

    list_id: str
    lang: str
    products: tuple[Product, ...]
    steps: list[Step]
    keys: list[str]
    expected: list[dict] = field(default_factory=list)  # list view after each step
    intent: dict[int, int] = field(default_factory=dict)  # product index -> final amount

    @property
    def final(self) -> dict:
        return self.expected[-1]


def build_scripts(conversations: int, messages: int, *, seed: int, prefix: str) -> list[Script]:
    """The conversations of one phase, the same for the same seed (list ids aside)."""
    scripts = []
    for index in range(conversations):
        rng = random.Random(f"{seed}:{index}")
        lang = "fr" if index % 2 == 0 else "en"
        products = tuple(rng.sample(PRODUCTS[lang], PRODUCTS_PER_CONVERSATION))
        held = [0] * len(products)
        steps: list[Step] = []
        for _ in range(messages):
            roll = rng.random()
            removable = [i for i, p in enumerate(products) if held[i] > min(p.amounts)]
            if steps and roll < SHOW_SHARE:
                steps.append(Step(rng.choice(SHOW_FORMS[lang]), None, 0))
                continue
            if removable and roll < SHOW_SHARE + REMOVE_SHARE:
                i = rng.choice(removable)
                amount = rng.choice([a for a in products[i].amounts if a < held[i]])
                forms = REMOVE_FORMS[lang]
                sign = -1
            else:
                i = rng.randrange(len(products))
                amount = rng.choice(products[i].amounts)
                forms = ADD_FORMS[lang]
                sign = 1
            product = products[i]
            form = rng.choice(forms["with_unit" if product.unit_text else "count"])
            text = form.format(n=amount, u=product.unit_text, p=product.word)
            held[i] += sign * amount
            steps.append(Step(text, i, sign * amount))
        list_id = f"{prefix}-{index:04d}"
        keys = [f"{list_id}-{k}-{uuid.uuid4().hex[:8]}" for k in range(len(steps))]
        intent = {i: amount for i, amount in enumerate(held) if amount}
        scripts.append(Script(list_id, lang, products, steps, keys, intent=intent))
    return scripts


# --- the expected lists ---------------------------------------------------------------------


#: The fields of an entry that must come back exactly. The catalog link (``LINK_FIELDS``) is
#: compared apart: it also depends on the catalog and the linking code, not on lost or doubled
#: messages, and a tree edited during the run changes it.
ENTRY_FIELDS = ("item_id", "name", "quantity", "unit")
LINK_FIELDS = ("sku", "sku_name", "pack_count")


def _normalized(view: Any) -> Any:
    """A list view as it looks after a JSON round trip (floats, lists, no tuples)."""
    return json.loads(json.dumps(view))


def core_view(view: dict) -> dict:
    """The part of a list view that the check compares exactly: ids, language, entries in order."""
    return {"list_id": view.get("list_id"), "lang": view.get("lang"),
            "items": [{f: item.get(f) for f in ENTRY_FIELDS} for item in view.get("items") or []]}


def link_differences(expected: dict, actual: dict) -> list[str]:
    """The entries (by item id) whose catalog link differs between two list views."""
    want = {item.get("item_id"): item for item in expected.get("items") or []}
    found = []
    for item in actual.get("items") or []:
        other = want.get(item.get("item_id"))
        if other is None:
            continue
        for f in LINK_FIELDS:
            if item.get(f) != other.get(f):
                found.append(f"{expected.get('list_id')} {item.get('name')!r}: {f} {item.get(f)!r}, "
                             f"expected {other.get(f)!r}")
                break
    return found


def reference_catalog(link: bool) -> Any:
    """The catalog index the server links against, loaded the way the service loads it."""
    if not link:
        return None
    from listparse.service.context import ServiceContext
    from listparse.service.settings import Settings

    return ServiceContext(Settings(_env_file=None, link=True, catalog=None)).catalog()


def compute_expected(scripts: list[Script], catalog: Any, *, deadline: float | None = None) -> list[str]:
    """Fill each script's expected views by running its messages through listparse.conversation.

    The state goes through JSON between messages, as it does in the store. Returns the
    disagreements between that result and the arithmetic the messages were written for
    (an empty list when every message parsed as intended).
    """
    from listparse.conversation import ListState, handle_message, list_view, new_state

    problems: list[str] = []
    for script in scripts:
        if deadline is not None and time.perf_counter() > deadline:
            raise Deadline("the expected lists were not computed within --timeout")
        state = new_state(script.list_id)
        item_of: dict[int, str] = {}  # product index -> item id, from the first add
        script.expected = []
        for step in script.steps:
            before = {entry.item_id for entry in state.items}
            turn = handle_message(state, step.text, catalog=catalog)
            state = ListState.model_validate_json(turn.state.model_dump_json())
            view = _normalized(list_view(state))
            script.expected.append(view)
            new = [entry.item_id for entry in state.items if entry.item_id not in before]
            if step.product is not None and step.product not in item_of and new:
                item_of[step.product] = new[0]
        problems.extend(_check_intent(script, item_of))
    return problems


def _check_intent(script: Script, item_of: dict[int, str]) -> list[str]:
    """Where the computed final list differs from the sums and differences the messages meant."""
    items = {item["item_id"]: item for item in script.final["items"]}
    problems = []
    for i, amount in script.intent.items():
        product = script.products[i]
        item = items.get(item_of.get(i, ""))
        if item is None:
            problems.append(f"{script.list_id}: {product.word!r} missing, expected {amount} {product.unit}")
        elif item["quantity"] != amount or item["unit"] != product.unit:
            problems.append(f"{script.list_id}: {product.word!r} is {item['quantity']} {item['unit']}, "
                            f"expected {amount} {product.unit}")
    extra = len(items) - len(script.intent)
    if extra > 0:
        problems.append(f"{script.list_id}: {extra} more item(s) than the messages meant: "
                        + ", ".join(sorted(i["name"] for i in items.values())))
    return problems


@dataclass(frozen=True)
class ListDiff:
    """How a list read back differs from the expected one."""

    list_id: str
    lost: int  # (name, unit) pairs with fewer entries or a smaller total than expected
    duplicated: int  # (name, unit) pairs with more entries or a larger total than expected
    other: int  # 1 when the amounts agree but something else differs (ids, order, sku)
    detail: str


def compare_lists(expected: dict, actual: dict | None) -> ListDiff | None:
    """None when ``actual`` has the entries of ``expected`` exactly (``ENTRY_FIELDS``, in order), else what differs.

    >>> a = {"list_id": "x", "lang": "en", "items": [{"item_id": "1", "name": "eggs", "quantity": 6, "unit": None}]}
    >>> compare_lists(a, a) is None
    True
    >>> b = {**a, "items": [{**a["items"][0], "quantity": 12}]}
    >>> compare_lists(a, b).duplicated
    1
    >>> compare_lists(a, {**a, "items": []}).lost
    1
    """
    list_id = expected.get("list_id", "?")
    if actual is not None and _normalized(core_view(actual)) == _normalized(core_view(expected)):
        return None
    if actual is None:
        return ListDiff(list_id, len(expected["items"]), 0, 0, "list not found")
    want, got = _totals(expected["items"]), _totals(actual.get("items", []))
    lost = duplicated = 0
    details = []
    for key in sorted(want.keys() | got.keys(), key=str):
        (n_want, q_want), (n_got, q_got) = want.get(key, (0, 0)), got.get(key, (0, 0))
        if (n_want, q_want) == (n_got, q_got):
            continue
        if n_got < n_want or (n_got == n_want and q_got < q_want):
            lost += 1
        else:
            duplicated += 1
        details.append(f"{key[0]!r} ({key[1]}): {n_got} entr{'y' if n_got == 1 else 'ies'} "
                       f"totalling {q_got:g}, expected {n_want} totalling {q_want:g}")
    other = 0
    if not (lost or duplicated):
        other = 1
        details.append("same amounts, but " + _first_difference(core_view(expected), core_view(actual)))
    return ListDiff(list_id, lost, duplicated, other, "; ".join(details))


def _first_difference(expected: dict, actual: dict) -> str:
    """The first field that differs between two lists with the same amounts, for the report."""
    for key in sorted(expected.keys() | actual.keys()):
        if key != "items" and expected.get(key) != actual.get(key):
            return f"{key} is {actual.get(key)!r}, expected {expected.get(key)!r}"
    for index, (want, got) in enumerate(zip(expected["items"], actual.get("items", []))):
        for key in sorted(want.keys() | got.keys()):
            if want.get(key) != got.get(key):
                return f"entry {index} ({want.get('name')!r}): {key} is {got.get(key)!r}, expected {want.get(key)!r}"
    return "the entries differ"


def _totals(items: list[dict]) -> dict[tuple[str, str | None], tuple[int, float]]:
    """(name, unit) -> (number of entries, sum of their quantities)."""
    totals: dict[tuple[str, str | None], tuple[int, float]] = {}
    for item in items:
        key = (str(item.get("name")), item.get("unit"))
        count, total = totals.get(key, (0, 0.0))
        quantity = item.get("quantity")
        totals[key] = (count + 1, total + (quantity if isinstance(quantity, (int, float)) else 0.0))
    return totals


# --- the server -----------------------------------------------------------------------------


class ServerError(RuntimeError):
    """The server did not start, or did not get ready in time; the message holds its log's last lines."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _running_members(pgid: int) -> bool:
    """Whether a process of the group is still alive (zombies aside)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time of the live processes of a process group (Linux /proc; else 0)."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # fields[0] is the state (stat field 3): pgrp is field 5, utime 14, stime 15
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


class Server:
    """``python -m listparse serve`` in its own process group, restartable on the same port and database."""

    def __init__(self, *, port: int, workers: int, env: dict[str, str], log_path: Path) -> None:
        self.port = port
        self.workers = workers
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.cpu_of_killed = 0.0  # CPU time of process groups killed so far (read just before)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "listparse", "serve", "--host", HOST, "--port", str(self.port),
                "--workers", str(self.workers)]

    def start(self) -> None:
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start {self.starts}: {' '.join(self.command())}\n".encode())
            log.flush()
            self.proc = subprocess.Popen(self.command(), env=self.env, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    async def wait_ready(self, *, timeout: float = READY_TIMEOUT_S) -> float:
        """Poll ``/readyz`` until it answers 200; returns the seconds waited."""
        started = time.perf_counter()
        async with LightClient(self.port, max_connections=1, timeout=2.0) as client:
            while True:
                if self.proc is None or self.proc.poll() is not None:
                    raise ServerError(f"the server exited (status {self.proc and self.proc.returncode}) "
                                       f"before it was ready; its log:\n{self.log_tail()}")
                with contextlib.suppress(ClientError):
                    if (await client.get("/readyz")).status_code == 200:
                        return time.perf_counter() - started
                if time.perf_counter() - started > timeout:
                    raise ServerError(f"the server was not ready after {timeout:.0f} s; its log:\n{self.log_tail()}")
                await asyncio.sleep(0.05)

    def cpu_seconds(self) -> float:
        """CPU time used by the server so far, the killed instances included (approximate)."""
        live = group_cpu_seconds(self.proc.pid) if self.proc is not None and self.proc.poll() is None else 0.0
        return self.cpu_of_killed + live

    def kill(self) -> None:
        """SIGKILL the whole process group (the uvicorn supervisor and its workers)."""
        assert self.proc is not None
        self.cpu_of_killed += group_cpu_seconds(self.proc.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._reap_group(self.proc.pid)

    def stop(self) -> None:
        """SIGTERM the process group, then SIGKILL what is left after 15 s."""
        if self.proc is None:
            return
        pgid = self.proc.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
            self.proc.wait()
        self._reap_group(pgid)
        self.proc = None

    @staticmethod
    def _reap_group(pgid: int, *, wait: float = 5.0) -> None:
        """Wait until no process of the group runs any more, so the port is free again.

        The workers are not this process's children: once dead they may stay zombies for a
        while, which hold no socket, so they do not count.
        """
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _running_members(pgid):
                return
            time.sleep(0.01)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def server_env(database_url: str, data_dir: Path, *, link: bool) -> dict[str, str]:
    """The environment of the server: this one without any service setting, plus the database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LISTPARSE_") or k == "LISTPARSE_CACHE_DIR"}
    env["LISTPARSE_DATABASE_URL"] = database_url
    env["LISTPARSE_DATA_DIR"] = str(data_dir)
    env["LISTPARSE_LINK"] = "true" if link else "false"
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    return env


@contextlib.contextmanager
def fresh_database(url: str | None, workdir: Path):
    """A database nobody else uses: a new SQLite file, or a new schema in the PostgreSQL database given."""
    if not url:
        yield f"sqlite:///{(workdir / 'bench.db').as_posix()}", "sqlite (fresh file)"
        return
    if not url.startswith(("postgresql://", "postgres://")):
        raise SystemExit(f"bench_service: --database-url {url!r}: expected postgresql://user@host:port/db")
    import psycopg

    schema = f"lp_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}", f"postgresql (fresh schema {schema})"
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


# --- the HTTP client ------------------------------------------------------------------------


class ClientError(Exception):
    """A request got no answer: connection refused, reset or closed, or timed out."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, headers (lower-case names) and body."""

    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)


class LightClient:
    """A small HTTP/1.1 keep-alive client on asyncio streams, for 127.0.0.1 only.

    It costs about 0.1 ms of CPU per request where ``httpx.AsyncClient`` costs 1 to 3 ms with
    tens of connections open: on a 2-core machine the client's CPU is taken from the server.
    At most ``max_connections`` are open; a request waits for a free one.
    """

    def __init__(self, port: int, *, max_connections: int, timeout: float = REQUEST_TIMEOUT_S) -> None:
        self.port = port
        self.timeout = timeout
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self._slots = asyncio.Semaphore(max_connections)

    async def __aenter__(self) -> LightClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        while self._idle:
            self._idle.pop()[1].close()

    def _reusable(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        """An idle connection the server has not closed, nor is about to close; None if there is none."""
        while self._idle:
            reader, writer, since = self._idle.pop()
            if not reader.at_eof() and time.monotonic() - since < KEEP_ALIVE_S:
                return reader, writer
            writer.close()
        return None

    async def get(self, path: str, *, headers: dict[str, str] | None = None) -> Reply:
        return await self.request("GET", path, headers=headers)

    async def post(self, path: str, *, json: Any = None, headers: dict[str, str] | None = None) -> Reply:
        return await self.request("POST", path, json=json, headers=headers)

    async def request(self, method: str, path: str, *, json: Any = None,
                      headers: dict[str, str] | None = None) -> Reply:
        body = b"" if json is None else _json_bytes(json)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}"]
        if json is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        message = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        async with self._slots:
            conn = self._reusable()
            try:
                async with asyncio.timeout(self.timeout):
                    if conn is None:
                        conn = await asyncio.open_connection(HOST, self.port)
                    reader, writer = conn
                    writer.write(message)
                    reply, keep = await _read_reply(reader)
            except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                    TimeoutError) as exc:
                if conn is not None:
                    conn[1].close()
                raise ClientError(type(exc).__name__) from None
            if keep:
                self._idle.append((reader, writer, time.monotonic()))
            else:
                writer.close()
            return reply


async def _read_reply(reader: asyncio.StreamReader) -> tuple[Reply, bool]:
    """One response from the stream; also whether the connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
    version, status = status_line.split(" ", 2)[:2]
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        content = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")  # no trailers expected
        content = b"".join(parts)
    else:
        content = await reader.read()
        return Reply(int(status), headers, content), False
    keep = headers.get("connection", "").lower() != "close" and version == "HTTP/1.1"
    return Reply(int(status), headers, content), keep


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class HttpxClient:
    """``httpx.AsyncClient`` behind the same calls as :class:`LightClient` (``--client httpx``)."""

    def __init__(self, port: int, *, max_connections: int, timeout: float = REQUEST_TIMEOUT_S) -> None:
        import httpx

        self._httpx = httpx
        self._client = httpx.AsyncClient(
            base_url=f"http://{HOST}:{port}",
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            timeout=httpx.Timeout(timeout, pool=None),
        )

    async def __aenter__(self) -> HttpxClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, path: str, *, headers: dict[str, str] | None = None) -> Any:
        return await self.request("GET", path, headers=headers)

    async def post(self, path: str, *, json: Any = None, headers: dict[str, str] | None = None) -> Any:
        return await self.request("POST", path, json=json, headers=headers)

    async def request(self, method: str, path: str, *, json: Any = None,
                      headers: dict[str, str] | None = None) -> Any:
        try:
            return await self._client.request(method, path, json=json, headers=headers)
        except self._httpx.TransportError as exc:
            raise ClientError(type(exc).__name__) from None


CLIENTS = {"light": LightClient, "httpx": HttpxClient}


# --- the load -------------------------------------------------------------------------------


@dataclass
class PhaseStats:
    """What one phase measured and found wrong; :meth:`summary` gives it JSON-ready."""

    name: str
    messages: int
    acked: int = 0
    latencies: list[float] = field(default_factory=list)  # acknowledged at the first attempt
    retried_latencies: list[float] = field(default_factory=list)  # first send to acknowledgement
    retries: int = 0
    errors: Counter = field(default_factory=Counter)  # why attempts failed
    duplicates_replayed: int = 0  # answers marked Idempotent-Replayed
    refused: list[str] = field(default_factory=list)  # 4xx answers: the message is not applied
    reply_mismatches: list[str] = field(default_factory=list)
    link_differences: list[str] = field(default_factory=list)  # same entries, another catalog product
    list_diffs: list[ListDiff] = field(default_factory=list)
    lists_checked: int = 0
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float = 0.0
    kills: list[dict] = field(default_factory=list)
    rate: float | None = None
    messages_lists: int = 0  # lists the phase writes

    def summary(self) -> dict:
        lat = sorted(self.latencies)
        retried = sorted(self.retried_latencies)
        figures = {
            "messages": self.messages,
            "acknowledged": self.acked,
            "wall_s": self.wall_s,
            "messages_per_s": self.acked / self.wall_s if self.wall_s else 0.0,
            "offered_rate": self.rate,
            "p50_ms": _percentile(lat, 50) * 1e3,
            "p99_ms": _percentile(lat, 99) * 1e3,
            "max_ms": (lat[-1] if lat else math.nan) * 1e3,
            "first_try": len(lat),
            "retried_messages": len(retried),
            "retried_p50_ms": _percentile(retried, 50) * 1e3,
            "retried_max_ms": (retried[-1] if retried else math.nan) * 1e3,
            "retries": self.retries,
            "errors": dict(self.errors),
            "replayed": self.duplicates_replayed,
            "refused": len(self.refused),
            "refused_examples": self.refused[:5],
            "reply_mismatches": len(self.reply_mismatches),
            "reply_mismatch_examples": self.reply_mismatches[:5],
            "link_differences": len(self.link_differences),
            "link_difference_examples": self.link_differences[:5],
            "lists_checked": self.lists_checked,
            "lists_wrong": len(self.list_diffs),
            "lost": sum(d.lost for d in self.list_diffs),
            "duplicated": sum(d.duplicated for d in self.list_diffs),
            "other_differences": sum(d.other for d in self.list_diffs),
            "list_diff_examples": [f"{d.list_id}: {d.detail}" for d in self.list_diffs[:5]],
            "client_cpu_s": self.client_cpu_s,
            "server_cpu_s": self.server_cpu_s,
            "kills": self.kills,
        }
        return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in figures.items()}

    def correct(self) -> bool:
        return (self.acked == self.messages and not self.refused and not self.reply_mismatches
                and not self.list_diffs and self.lists_checked == self.messages_lists)


def _percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return math.nan
    rank = max(1, min(len(sorted_values), math.ceil(pct / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


async def send_message(client, script: Script, k: int, stats: PhaseStats, deadline: float) -> None:
    """Send message ``k`` until it is acknowledged, retrying with the same Idempotency-Key."""
    url = f"/v1/lists/{script.list_id}/messages"
    headers = {"Idempotency-Key": script.keys[k]}
    body = {"text": script.steps[k].text}
    clock = time.perf_counter
    first = clock()
    backoff = BACKOFF_FIRST_S
    attempts = 0
    while True:
        attempts += 1
        sent = clock()
        try:
            response = await client.post(url, json=body, headers=headers)
        except ClientError as exc:
            stats.errors[exc.kind] += 1
        else:
            if response.status_code == 200:
                done = clock()
                if attempts == 1:
                    stats.latencies.append(done - sent)
                else:
                    stats.retried_latencies.append(done - first)
                stats.acked += 1
                if response.headers.get("idempotent-replayed") == "true":
                    stats.duplicates_replayed += 1
                got = _json_field(response, "list")
                diff = compare_lists(script.expected[k], got if isinstance(got, dict) else None)
                if diff is not None:
                    stats.reply_mismatches.append(f"{script.list_id} message {k} ({body['text']!r}): {diff.detail}")
                elif got != script.expected[k]:
                    stats.link_differences.extend(link_differences(script.expected[k], got))
                return
            if response.status_code < 500 and response.status_code != 429:
                stats.refused.append(f"{script.list_id} message {k} ({body['text']!r}): "
                                     f"{response.status_code} {response.text[:200]}")
                return
            stats.errors[f"HTTP {response.status_code}"] += 1
        stats.retries += 1
        if clock() + backoff > deadline:
            raise Deadline(f"message {k} of {script.list_id} not acknowledged before the deadline")
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, BACKOFF_MAX_S)


def _json_field(response: Any, name: str | None) -> Any:
    """The answer's JSON (or one field of it); None when the body is not a JSON object."""
    try:
        body = response.json()
    except ValueError:
        return None
    if name is None:
        return body
    return body.get(name) if isinstance(body, dict) else None


async def run_conversation(client, script: Script, stats: PhaseStats, deadline: float,
                           schedule: Callable[[int], float] | None) -> None:
    """Send a conversation's messages one after the other, each once the previous one is answered."""
    for k in range(len(script.steps)):
        if schedule is not None:
            wait = schedule(k) - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
        await send_message(client, script, k, stats, deadline)


async def check_lists(client, scripts: list[Script], stats: PhaseStats, deadline: float) -> None:
    """Read every list back (GET) and compare it with the expected final list."""
    semaphore = asyncio.Semaphore(16)

    async def check(script: Script) -> None:
        async with semaphore:
            backoff = BACKOFF_FIRST_S
            while True:
                try:
                    response = await client.get(f"/v1/lists/{script.list_id}")
                    if response.status_code < 500:
                        break
                except ClientError:
                    pass
                if time.perf_counter() + backoff > deadline:
                    raise Deadline(f"could not read {script.list_id} before the deadline")
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX_S)
            actual = _json_field(response, None) if response.status_code == 200 else None
            actual = actual if isinstance(actual, dict) else None
            stats.lists_checked += 1
            diff = compare_lists(script.final, actual)
            if diff is not None:
                stats.list_diffs.append(diff)
            elif actual != script.final:
                stats.link_differences.extend(link_differences(script.final, actual))

    await asyncio.gather(*(check(s) for s in scripts))


async def run_phase(client, server: Server, scripts: list[Script], *, name: str, deadline: float,
                    rate: float | None = None, kills: int = 0) -> PhaseStats:
    """Run the conversations concurrently; with ``kills``, SIGKILL and restart the server meanwhile."""
    total = sum(len(s.steps) for s in scripts)
    stats = PhaseStats(name, total, rate=rate, messages_lists=len(scripts))
    cpu0, server_cpu0 = time.process_time(), server.cpu_seconds()
    start = time.perf_counter()
    schedules: list[Callable[[int], float] | None] = [None] * len(scripts)
    if rate:
        n = len(scripts)
        # message k of conversation c is due at start + (k * n + c) / rate: the whole phase offers `rate`
        schedules = [(lambda k, c=c: start + (k * n + c) / rate) for c in range(n)]
    tasks = [asyncio.create_task(run_conversation(client, s, stats, deadline, schedules[i]))
             for i, s in enumerate(scripts)]
    killer = asyncio.create_task(_kill_and_restart(server, stats, total, kills, tasks)) if kills else None
    try:
        await asyncio.gather(*tasks, *([killer] if killer is not None else []))
    finally:
        for task in tasks:
            task.cancel()
        if killer is not None:
            killer.cancel()
    stats.wall_s = time.perf_counter() - start
    stats.client_cpu_s = time.process_time() - cpu0
    stats.server_cpu_s = server.cpu_seconds() - server_cpu0
    await check_lists(client, scripts, stats, deadline)
    return stats


async def _kill_and_restart(server: Server, stats: PhaseStats, total: int, kills: int,
                            conversations: list[asyncio.Task]) -> None:
    """SIGKILL the server when 1/(kills+1), 2/(kills+1)... of the messages are answered, restart it."""
    for i in range(1, kills + 1):
        threshold = total * i // (kills + 1)
        while stats.acked + len(stats.refused) < threshold:
            if all(task.done() for task in conversations):
                return
            await asyncio.sleep(0.005)
        killed_at = time.perf_counter()
        acked = stats.acked
        await asyncio.to_thread(server.kill)
        server.start()
        ready_after = await server.wait_ready()
        stats.kills.append({"after_acknowledged": acked, "downtime_s": time.perf_counter() - killed_at,
                            "restart_to_ready_s": ready_after})


async def closed_loop(client, method: str, path: str, *, total: int, concurrency: int,
                      body: dict | None = None) -> dict:
    """``total`` requests from ``concurrency`` loops, each waiting for its answer: requests/s and latency."""
    latencies: list[float] = []
    failures = Counter()
    remaining = iter(range(total))
    clock = time.perf_counter

    async def loop() -> None:
        for _ in remaining:
            t0 = clock()
            try:
                response = await client.request(method, path, json=body)
            except ClientError as exc:
                failures[exc.kind] += 1
                continue
            if response.status_code != 200:
                failures[f"HTTP {response.status_code}"] += 1
            latencies.append(clock() - t0)

    start = clock()
    await asyncio.gather(*(loop() for _ in range(concurrency)))
    wall = clock() - start
    lat = sorted(latencies)
    return {"path": path, "requests": total, "requests_per_s": total / wall, "p50_ms": _percentile(lat, 50) * 1e3,
            "p99_ms": _percentile(lat, 99) * 1e3, "failures": dict(failures)}


def _source_stamp() -> float:
    """The latest modification time of the package's code and lexicons, to notice a tree edited mid-run."""
    import listparse

    roots = [Path(listparse.__file__).resolve().parent, PROJECT_ROOT / "lexicons"]
    latest = 0.0
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in (".py", ".txt", ".tsv", ".csv"):
                with contextlib.suppress(OSError):
                    latest = max(latest, path.stat().st_mtime)
    return latest


# --- the run --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What :func:`run_benchmark` does; the command-line options, one for one."""

    conversations: int = 50
    messages: int = 40
    workers: int = 3  # one more than this machine's cores: see benchmarks/README.md
    connections: int | None = None  # default: min(conversations, 64)
    client: str = "light"  # a key of CLIENTS
    seed: int = 1
    rate: float = TARGET_MESSAGES_PER_S  # the paced phase's offered rate; 0 skips that phase
    kills: int = 1  # SIGKILLs in the kill phase; 0 skips that phase
    baseline_requests: int = 2000
    database_url: str | None = None
    link: bool = True
    timeout: float = 300.0
    quiet: bool = False
    server_log: str | None = None  # where to keep the server's log (JSON lines, one per request)


def run_benchmark(options: Options) -> dict:
    """Start the server, run the phases, check every list, stop the server; returns the figures."""
    log = (lambda *a: None) if options.quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    started = time.perf_counter()
    stamp = _source_stamp()
    run_id = uuid.uuid4().hex[:6]
    phases = [("throughput", None, 0)]
    if options.rate:
        phases.append(("paced", options.rate, 0))
    if options.kills:
        phases.append(("kill", None, options.kills))

    figures: dict[str, Any] = {
        "meta": {**run_meta(), "options": {k: v for k, v in vars(options).items() if k != "quiet"}},
        "targets": {"messages_per_s": TARGET_MESSAGES_PER_S, "p99_ms": TARGET_P99_MS, "lost_or_duplicated": 0},
        "intent_problems": [],
        "phases": {},
    }
    log(f"building {len(phases)} x {options.conversations} conversations x {options.messages} messages...")
    catalog = reference_catalog(options.link)
    workloads = {}
    try:
        for name, _, _ in phases:
            scripts = build_scripts(options.conversations, options.messages, seed=options.seed,
                                    prefix=f"bench-{run_id}-{name}")
            figures["intent_problems"] += compute_expected(scripts, catalog, deadline=started + options.timeout)
            workloads[name] = scripts
    except Deadline as exc:
        figures["timed_out"] = str(exc)
    if "timed_out" not in figures:
        _serve_and_run(workloads, phases, options, figures, log, started)
    base, phase = figures.get("baseline"), figures["phases"].get("throughput")
    if base and phase:
        figures["ratios"] = {"throughput_over_livez": phase["messages_per_s"] / base["livez"]["requests_per_s"],
                             "throughput_over_parse": phase["messages_per_s"] / base["parse"]["requests_per_s"]}
    figures["total_s"] = time.perf_counter() - started
    figures["meta"]["tree_changed_during_run"] = _source_stamp() != stamp
    figures["verdict"] = _verdict(figures)
    return figures


def _serve_and_run(workloads: dict, phases: list, options: Options, figures: dict, log: Callable[..., None],
                   started: float) -> None:
    with tempfile.TemporaryDirectory(prefix="listparse-bench-") as tmp:
        workdir = Path(tmp)
        with fresh_database(options.database_url, workdir) as (url, described):
            figures["meta"]["database"] = described
            server = Server(port=free_port(), workers=options.workers,
                            env=server_env(url, workdir, link=options.link), log_path=workdir / "server.log")
            try:
                asyncio.run(_run_all(server, workloads, phases, options, figures, log, started))
            except Deadline as exc:
                figures["timed_out"] = str(exc)
            finally:
                server.stop()
            figures["server_log_tail"] = server.log_tail(15)
            if options.server_log:
                shutil.copyfile(workdir / "server.log", options.server_log)


async def _run_all(server: Server, workloads: dict, phases: list, options: Options, figures: dict,
                   log: Callable[..., None], started: float) -> None:
    deadline = started + options.timeout
    connections = options.connections or min(options.conversations, 64)
    log(f"starting the server ({options.workers} workers) on {server.base_url}...")
    server.start()
    figures["meta"]["startup_s"] = await server.wait_ready()
    figures["meta"]["connections"] = connections
    async with CLIENTS[options.client](server.port, max_connections=connections) as client:
        try:
            await asyncio.wait_for(_phases(client, server, workloads, phases, options, figures, log, deadline),
                                   timeout=max(0.0, deadline - time.perf_counter()))
        except asyncio.TimeoutError:
            raise Deadline(f"the run did not finish within --timeout {options.timeout:.0f} s") from None


async def _phases(client, server: Server, workloads: dict, phases: list, options: Options, figures: dict,
                  log: Callable[..., None], deadline: float) -> None:
    connections = figures["meta"]["connections"]
    log("warming up...")
    warm = max(20, options.workers * 20)
    await closed_loop(client, "POST", "/v1/parse", total=warm, concurrency=min(connections, 8),
                      body={"text": "2 kg de pommes et 3 eggs"})
    if options.baseline_requests:
        log("baselines: GET /livez, POST /v1/parse...")
        figures["baseline"] = {
            "livez": await closed_loop(client, "GET", "/livez", total=options.baseline_requests,
                                       concurrency=connections),
            "parse": await closed_loop(client, "POST", "/v1/parse", total=max(1, options.baseline_requests // 2),
                                       concurrency=connections, body={"text": "ajoute 2 kg de pommes"}),
        }
    for name, rate, kills in phases:
        log(f"phase {name}: {options.conversations} conversations x {options.messages} messages"
            + (f", paced at {rate:g} msg/s" if rate else "") + (f", {kills} SIGKILL(s)" if kills else "") + "...")
        stats = await run_phase(client, server, workloads[name], name=name, deadline=deadline, rate=rate,
                                kills=kills)
        figures["phases"][name] = {**stats.summary(), "correct": stats.correct()}


def _verdict(figures: dict) -> dict:
    """Each target: ok / MISSED (speed) or ok / FAIL (correctness); None when not measured."""
    phases = figures["phases"]
    throughput = phases.get("throughput", {}).get("messages_per_s")
    paced = phases.get("paced") or phases.get("throughput") or {}
    p99 = paced.get("p99_ms")
    correct = bool(phases) and all(p["correct"] for p in phases.values()) and "timed_out" not in figures
    lost_dup = sum(p["lost"] + p["duplicated"] for p in phases.values())
    kill = phases.get("kill")
    return {
        "throughput": None if throughput is None else throughput >= TARGET_MESSAGES_PER_S,
        "p99": None if p99 is None or math.isnan(p99) else p99 < TARGET_P99_MS,
        "p99_phase": "paced" if "paced" in phases else "throughput",
        "no_lost_or_duplicated": lost_dup == 0 and correct,
        "kill_restart": None if kill is None else kill["correct"],
        "correct": correct,
    }


# --- the report -----------------------------------------------------------------------------


def _mark(ok: bool | None, *, miss: str = "MISSED") -> str:
    return "n/a" if ok is None else ("ok" if ok else miss)


def _ms(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f}"


def print_report(figures: dict) -> None:
    meta = figures["meta"]
    opts = meta["options"]
    print(f"listparse {meta['listparse']} ({meta.get('commit') or 'no git'}), Python {meta['python']}, "
          f"{meta['machine']}, {meta['cpus_seen']} CPUs seen")
    print(f"server: {opts['workers']} worker(s), {meta.get('database', '?')}, catalog "
          f"{'default (linking on)' if opts['link'] else 'off'}, ready in {meta.get('startup_s', math.nan):.1f} s; "
          f"client: one process, {opts['client']}, {meta.get('connections', '?')} connections, seed {opts['seed']}")
    if figures["intent_problems"]:
        print(f"note: {len(figures['intent_problems'])} list(s) where listparse.conversation does not do the "
              "arithmetic the messages were written for (the check still uses listparse's own result):")
        for problem in figures["intent_problems"][:5]:
            print(f"  {problem}")
    base = figures.get("baseline")
    if base:
        print()
        print("baseline (same server, same connections)   req/s    p50 ms  p99 ms")
        for key, label in (("livez", "GET /livez"), ("parse", "POST /v1/parse")):
            b = base[key]
            print(f"  {label:<40} {b['requests_per_s']:>7.0f}  {_ms(b['p50_ms']):>7}  {_ms(b['p99_ms']):>6}"
                  + (f"  failures {b['failures']}" if b["failures"] else ""))
    print()
    print("phase        msgs   wall s   msg/s  p50 ms  p99 ms  max ms  retried  retries  "
          "lists ok  lost  dup  cpu srv/cli s")
    for name, p in figures["phases"].items():
        label = name if name != "paced" else f"paced@{p['offered_rate']:g}"
        print(f"{label:<12} {p['acknowledged']:>5} {p['wall_s']:>8.2f} {p['messages_per_s']:>7.0f} "
              f"{_ms(p['p50_ms']):>7} {_ms(p['p99_ms']):>7} {_ms(p['max_ms']):>7} {p['retried_messages']:>8} "
              f"{p['retries']:>8} {p['lists_checked'] - p['lists_wrong']:>5}/{p['lists_checked']:<4}"
              f"{p['lost']:>4} {p['duplicated']:>4}  {p['server_cpu_s']:>5.1f}/{p['client_cpu_s']:.1f}")
    for name, p in figures["phases"].items():
        if p["offered_rate"] and p["messages_per_s"] < 0.95 * p["offered_rate"]:
            print(f"  {name}: the server did not keep up with {p['offered_rate']:g} msg/s, so messages queued "
                  "and this row's latency includes that wait")
        for kill in p["kills"]:
            print(f"  {name}: SIGKILL after {kill['after_acknowledged']} acknowledged messages, back after "
                  f"{kill['downtime_s']:.2f} s ({kill['restart_to_ready_s']:.2f} s from restart to ready); "
                  f"{p['retried_messages']} messages needed retries, p50 {_ms(p['retried_p50_ms'])} ms, "
                  f"max {_ms(p['retried_max_ms'])} ms from first send; {p['replayed']} answer(s) replayed")
        if p["errors"]:
            print(f"  {name}: failed attempts: " + ", ".join(f"{k} {v}" for k, v in sorted(p["errors"].items())))
        if p["link_differences"]:
            print(f"  {name}: {p['link_differences']} answer(s) or list(s) with the right entries linked to another "
                  "product than this process links them to (not counted as wrong; see the README)")
        for label, key in (("refused", "refused_examples"), ("wrong reply list", "reply_mismatch_examples"),
                           ("wrong list", "list_diff_examples"), ("other product", "link_difference_examples")):
            for example in p[key]:
                print(f"  {name}: {label}: {example}")
    if "ratios" in figures:
        r = figures["ratios"]
        print(f"\nthroughput phase msg/s / GET /livez req/s: {r['throughput_over_livez']:.3f}, "
              f"/ POST /v1/parse req/s: {r['throughput_over_parse']:.2f}")
    if meta.get("tree_changed_during_run"):
        print("\nnote: listparse's code or lexicons changed during the run: the server and this process may "
              "not have run the same code")
    if "timed_out" in figures:
        print(f"\nTIMED OUT: {figures['timed_out']}")
    v = figures["verdict"]
    print()
    print("target                                         result")
    rows = (
        (f"throughput >= {TARGET_MESSAGES_PER_S:g} msg/s (throughput phase)", _mark(v["throughput"])),
        (f"p99 < {TARGET_P99_MS:g} ms ({v['p99_phase']} phase)", _mark(v["p99"])),
        ("every list exact, 0 lost / 0 duplicated", _mark(v["no_lost_or_duplicated"], miss="FAIL")),
        ("the same across SIGKILL + restart", _mark(v["kill_restart"], miss="FAIL")),
    )
    for label, result in rows:
        print(f"  {label:<45} {result}")
    speed_ok = v["throughput"] is not False and v["p99"] is not False
    if v["correct"]:
        outcome = "PASS" if speed_ok else "FAIL: a speed target was missed; every list came out right"
    else:
        outcome = "FAIL: a list came out wrong, a message was refused, or the run timed out"
    print(f"{outcome} (total {figures['total_s']:.0f} s)")
    if not v["correct"]:
        print("server log (last lines):\n" + figures.get("server_log_tail", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    d = Options()
    ap.add_argument("--conversations", "-n", type=int, default=d.conversations,
                    help=f"concurrent conversations per phase (default {d.conversations})")
    ap.add_argument("--messages", "-m", type=int, default=d.messages,
                    help=f"messages per conversation (default {d.messages})")
    ap.add_argument("--workers", type=int, default=d.workers, help=f"server worker processes (default {d.workers})")
    ap.add_argument("--connections", type=int, help="client connection pool size (default: conversations, max 64)")
    ap.add_argument("--client", choices=sorted(CLIENTS), default=d.client,
                    help="the load client: a small asyncio HTTP/1.1 client (light, default) or httpx.AsyncClient")
    ap.add_argument("--seed", type=int, default=d.seed, help=f"workload seed (default {d.seed})")
    ap.add_argument("--rate", type=float, default=d.rate,
                    help=f"offered msg/s of the paced phase (default {d.rate:g}); 0 skips it")
    ap.add_argument("--kills", type=int, default=d.kills, help=f"SIGKILLs in the kill phase (default {d.kills})")
    ap.add_argument("--no-kill", action="store_true", help="skip the kill phase (same as --kills 0)")
    ap.add_argument("--baseline-requests", type=int, default=d.baseline_requests,
                    help=f"GET /livez requests of the baseline, half as many POST /v1/parse "
                         f"(default {d.baseline_requests}); 0 skips it")
    ap.add_argument("--database-url", help="a PostgreSQL database to use a fresh schema of, e.g. "
                    "postgresql://postgres@127.0.0.1:5432/test (default: a fresh SQLite file)")
    ap.add_argument("--no-link", action="store_true", help="run the server without catalog linking")
    ap.add_argument("--timeout", type=float, default=d.timeout,
                    help=f"wall-clock cap in seconds (default {d.timeout:g})")
    ap.add_argument("--server-log", metavar="FILE", help="keep the server's log (one JSON line per request) in FILE")
    ap.add_argument("--json", metavar="OUT", help="save the figures as JSON ('-': print them instead of the report)")
    args = ap.parse_args(argv)
    if args.conversations < 1 or args.messages < 1 or args.workers < 1:
        ap.error("--conversations, --messages and --workers must be at least 1")
    if args.conversations * args.messages > MAX_MESSAGES_TOTAL:
        ap.error(f"--conversations x --messages is over {MAX_MESSAGES_TOTAL:,} messages per phase")
    if args.rate < 0 or args.kills < 0 or args.timeout <= 0 or args.baseline_requests < 0:
        ap.error("--rate, --kills and --baseline-requests cannot be negative, --timeout must be positive")
    if args.connections is not None and args.connections < 1:
        ap.error("--connections must be at least 1")
    try:
        if args.client == "httpx":
            import httpx  # noqa: F401
        import listparse.conversation  # noqa: F401
        import listparse.service  # noqa: F401
    except ImportError as exc:
        print(f"bench_service: the service is not available ({exc}); install the 'service' extra. Nothing measured.")
        return 0
    options = Options(conversations=args.conversations, messages=args.messages, workers=args.workers,
                      connections=args.connections, client=args.client, seed=args.seed, rate=args.rate,
                      kills=0 if args.no_kill else args.kills, baseline_requests=args.baseline_requests,
                      database_url=args.database_url, link=not args.no_link, timeout=args.timeout,
                      quiet=args.json == "-", server_log=args.server_log)
    try:
        figures = run_benchmark(options)
    except ServerError as exc:
        print(f"bench_service: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_service: interrupted; the server was stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # e.g. PostgreSQL unreachable
        if type(exc).__module__.split(".")[0] != "psycopg":
            raise
        print(f"bench_service: --database-url: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if args.json == "-":
        print(json.dumps(figures, indent=2, ensure_ascii=False, default=str))
    else:
        print_report(figures)
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False, default=str) + "\n",
                                       encoding="utf-8")
            print(f"figures saved to {args.json}")
    return 0 if figures["verdict"]["correct"] else 1


if __name__ == "__main__":
    sys.exit(main())
