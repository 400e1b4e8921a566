"""The ``listparse`` command: shopping lists from files or standard input to JSON, CSV or a table.

Usage::

    listparse [FILE ...] [--format json|jsonl|table|csv] [--lang fr|en] [--each-line] [--explain]
              [--catalog FILE | --no-link] [--top-k N]
    listparse index build CATALOG -o FILE [--format csv|tsv|jsonl|off] [--strict]
    listparse index info FILE
    listparse schema

Input is UTF-8 (a leading byte-order mark is dropped); output is UTF-8. Without ``--each-line``
each input (a file, or ``-`` / nothing for standard input) is one list. With ``--each-line``
every line (ended by ``\\n`` or ``\\r\\n``) is its own list: the input is read line by line and
each result is written at once, so a file of any size runs in constant memory. A line that
cannot be parsed (invalid UTF-8, too long) gives a ``{"line": N, "error": "..."}`` record and a
message on stderr naming the line and byte offset; the other lines are still parsed, and the
exit status is 1.

Items are linked to catalog products (``matches``): by default to the catalog shipped with
listparse (nothing is linked when it is not installed), or to ``--catalog FILE``, a catalog file
(CSV, TSV, JSON lines, Open Food Facts export) or an index saved by ``listparse index build``.
The catalog is loaded once, before any input is read; ``--no-link`` links nothing and does not
load the catalog code at all (no numpy), which keeps a cold start short.

Exit status: 0 success, 1 input error (unreadable file, invalid UTF-8, input over the size
limit, a catalog or index file that cannot be read), 2 usage error, 130 interrupted (Ctrl-C), 141 output closed early (e.g. ``| head``).
Every error is one line on stderr; ``LISTPARSE_DEBUG=1`` shows the traceback of an unexpected one.

Subcommands are the entries of :data:`COMMANDS`: a first argument that names one runs it, any
other first argument belongs to the parse command (``listparse -- schema`` parses a file named
``schema``). A new subcommand is one more :class:`Command` in that table.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import difflib
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, NoReturn

from . import SUPPORTED_LANGUAGES, Item, ListparseError, ParseOptions, ShoppingList, __version__
from .pipeline import explain, parse

__all__ = ["main", "COMMANDS", "Command"]

PROG = "listparse"
_CHUNK = 1 << 16
_FLUSH_EVERY = 0.5  # seconds between flushes of stdout while reading a regular file
_PROGRESS_EVERY = 0.2  # seconds between redraws of the progress line
DEFAULT_TOP_K: int = ParseOptions.model_fields["top_k"].default


class InputError(Exception):
    """An input that cannot be read or decoded (exit status 1)."""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, with its errors on one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


# ----------------------------------------------------------------------------------------------
# reading


@contextlib.contextmanager
def _opened(name: str) -> Iterator[IO[bytes]]:
    """The input ``name`` in binary (``-``: standard input, left open)."""
    if name == "-":
        if sys.stdin is None:
            raise InputError("cannot read <stdin>: no standard input")
        yield sys.stdin.buffer
        return
    try:
        stream = open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        close = difflib.get_close_matches(name, COMMANDS, n=1)
        hint = f" (did you mean '{PROG} {close[0]}'?)" if close else ""
        raise InputError(f"cannot read {name}: {exc.strerror or exc}{hint}") from None
    with stream:
        yield stream


def _label(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _size(stream: IO[bytes]) -> int | None:
    """The size in bytes of a regular file; None for a pipe or a terminal."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _bad_utf8(exc: UnicodeDecodeError, offset: int) -> str:
    return f"invalid UTF-8 at byte offset {offset} (byte 0x{exc.object[exc.start]:02x})"


def read_whole(stream: IO[bytes], label: str, max_chars: int) -> str:
    """The whole input as text, read in chunks; stops reading as soon as it is too long."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts: list[str] = []
    chars = consumed = 0
    while True:
        chunk = stream.read(_CHUNK)
        pending = len(decoder.getstate()[0])  # bytes of a character split across chunks
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise InputError(f"{label}: {_bad_utf8(exc, consumed - pending + exc.start)}") from None
        consumed += len(chunk)
        parts.append(text)
        chars += len(text)
        if chars > max_chars + 1:  # + 1 for a byte-order mark; parse() checks the exact length
            raise InputError(
                f"{label}: input is over the limit of {max_chars:,} characters; "
                "use --each-line to parse each line as its own list"
            )
        if not chunk:
            return "".join(parts).removeprefix("\ufeff")


@dataclass(frozen=True)
class Line:
    """One input line in --each-line mode: its text, or why it has none."""

    number: int
    text: str | None
    error: str | None
    size: int  # bytes read, newline included


def read_lines(stream: IO[bytes], max_chars: int) -> Iterator[Line]:
    """The lines of ``stream`` in constant memory; a line over ``max_chars`` is skipped unread."""
    limit = 4 * max_chars + 1  # at most 4 bytes a character: a line this long has too many
    too_long = f"line is over the limit of {max_chars:,} characters"
    offset = number = 0
    while raw := stream.readline(limit):
        number += 1
        size, text, error = len(raw), None, None
        if size == limit and not raw.endswith(b"\n"):  # too long: skip the rest of it
            while rest := stream.readline(_CHUNK):
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
            error = too_long
        else:
            try:
                text = raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
            except UnicodeDecodeError as exc:
                error = _bad_utf8(exc, offset + exc.start)
            else:
                text = text.removeprefix("\ufeff") if number == 1 else text
                if len(text) > max_chars:
                    text, error = None, too_long
        yield Line(number, text, error, size)
        offset += size


class Progress:
    """One progress line on stderr (a terminal), redrawn in place with ``\\r``."""

    def __init__(self, stream: IO[str], label: str, total: int | None) -> None:
        self.stream, self.label, self.total = stream, label, total
        self.start = self.last = time.monotonic()
        self.done = self.lines = 0
        self.shown = False

    def update(self, size: int) -> None:
        self.done += size
        self.lines += 1
        now = time.monotonic()
        if now - self.last >= _PROGRESS_EVERY:
            self.last = now
            self.draw(now)

    def draw(self, now: float) -> None:
        amount = f"{self.done / 1e6:,.1f}"
        if self.total:
            amount = f"{100 * self.done / self.total:5.1f}% {amount}/{self.total / 1e6:,.1f}"
        rate = self.lines / max(now - self.start, 1e-6)
        self.stream.write(f"\r{self.label}: {amount} MB  {self.lines:,} lines  {rate:,.0f} lines/s\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")

    def close(self) -> None:
        if self.shown:
            self.draw(time.monotonic())
            self.stream.write("\n")


# ----------------------------------------------------------------------------------------------
# writing


@dataclass(frozen=True)
class Record:
    """One parsed list, or the error that stopped it (--each-line)."""

    index: int  # 1-based position among the lists written
    file: str
    line: int | None  # --each-line only
    result: ShoppingList | None
    error: str | None = None

    def to_json(self, with_file: bool) -> dict[str, Any]:
        head: dict[str, Any] = {"file": self.file} if with_file else {}
        if self.line is not None:
            head["line"] = self.line
        if self.result is None:
            return {**head, "error": self.error}
        return {**head, **self.result.model_dump(mode="json")}


class Writer:
    """Writes records in one format; ``single`` when the output is exactly one list."""

    def __init__(
        self, out: IO[str], *, single: bool, with_file: bool, each_line: bool, linked: bool = False
    ) -> None:
        self.out, self.single, self.with_file, self.each_line = out, single, with_file, each_line
        self.linked = linked  # items are linked to a catalog: the table shows a match column

    def start(self) -> None:
        pass

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class JsonWriter(Writer):
    """One indented object for a single list, else a JSON array written as it goes."""

    def start(self) -> None:
        self.count = 0

    def write(self, record: Record) -> None:
        indent = None if self.each_line else 2
        data = json.dumps(record.to_json(self.with_file), ensure_ascii=False, indent=indent)
        if self.single:
            self.out.write(data + "\n")
        else:
            self.out.write(("[\n" if self.count == 0 else ",\n") + data)
        self.count += 1

    def finish(self) -> None:
        if not self.single:
            self.out.write("\n]\n" if self.count else "[]\n")


class JsonlWriter(Writer):
    """One JSON object a line."""

    def write(self, record: Record) -> None:
        self.out.write(json.dumps(record.to_json(self.with_file), ensure_ascii=False) + "\n")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _best_match(item: Item) -> str:
    """The item's best catalog match for people: « SKU name (score) »; empty without one."""
    if not item.matches:
        return ""
    best = item.matches[0]
    return f"{best.sku} {best.name} ({best.score:.2f})"


#: One CSV row per item: the list it belongs to, then the item's fields (span and size split).
LIST_COLUMNS = ("list", "file", "line", "lang")
ITEM_COLUMNS = (
    "name", "quantity", "quantity_max", "unit", "size_quantity", "size_unit", "inner_count",
    "inner_unit", "start", "end", "text", "unit_text", "confidence", "note", "modifiers",
    "alternatives", "flags", "match_sku", "match_name", "match_score",
)  # fmt: skip
CSV_COLUMNS = LIST_COLUMNS + ITEM_COLUMNS


class CsvWriter(Writer):
    """One row per item under a header (a list without items has no row; lists join with ``|``)."""

    def start(self) -> None:
        self.csv = csv.writer(self.out, lineterminator="\n")
        self.csv.writerow(CSV_COLUMNS)

    def write(self, record: Record) -> None:
        if record.result is None:
            return
        head = [record.index, record.file, _text(record.line), record.result.lang]
        for item in record.result.model_dump(mode="json")["items"]:
            size = item["size"] or {}
            best = item["matches"][0] if item["matches"] else {}
            self.csv.writerow(
                [
                    *head, item["name"], _num(item["quantity"]), _num(item["quantity_max"]),
                    _text(item["unit"]), _num(size.get("quantity")), _text(size.get("unit")),
                    _text(item["inner_count"]), _text(item["inner_unit"]), *item["span"],
                    item["text"], _text(item["unit_text"]), item["confidence"], _text(item["note"]),
                    "|".join(item["modifiers"]), "|".join(item["alternatives"]), "|".join(item["flags"]),
                    _text(best.get("sku")), _text(best.get("name")), _text(best.get("score")),
                ]
            )  # fmt: skip


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}


class TableWriter(Writer):
    """Aligned columns for people: a block per list, or with --each-line a row per item.

    When items are linked to a catalog, a last ``match`` column shows each item's best match.
    """

    HEADER = ("quantity", "unit", "name", "size", "details")
    LINE_WIDTHS = (5, 8, 10, 20, 10, 0)  # --each-line: fixed widths, longer cells push the row
    MATCH_WIDTHS = (5, 8, 10, 20, 10, 10, 0)  # the same with the match column

    def start(self) -> None:
        self.header = (*self.HEADER, "match") if self.linked else self.HEADER
        if self.each_line:
            self._print([("line", *self.header)], self.MATCH_WIDTHS if self.linked else self.LINE_WIDTHS)

    def write(self, record: Record) -> None:
        rows = self._rows(record)
        if self.linked:
            rows = [(*row, match) for row, match in rows]
        else:
            rows = [row for row, _ in rows]
        if self.each_line:
            widths = self.MATCH_WIDTHS if self.linked else self.LINE_WIDTHS
            self._print([(str(record.line), *row) for row in rows], widths)
            return
        if not self.single and record.result is not None:
            separator = "\n" if record.index > 1 else ""
            self.out.write(f"{separator}# {record.file} ({record.result.lang})\n")
        rows = [self.header, *rows]
        self._print(rows, [max(len(row[i]) for row in rows) for i in range(len(self.header))])

    @staticmethod
    def _rows(record: Record) -> list[tuple[tuple[str, ...], str]]:
        """(the item's cells, its best match) of every row of the record."""
        if record.result is None:
            return [(("", "", f"error: {record.error}", "", ""), "")]
        rows = []
        for item in record.result.items:
            quantity = _num(None if item.quantity is None else float(item.quantity))
            if item.quantity_max is not None:
                quantity += f"-{float(item.quantity_max):g}"
            size = f"{float(item.size.quantity):g} {item.size.unit}" if item.size else ""
            details = [f"{item.inner_count} x {item.inner_unit or 'piece'}"] if item.inner_count else []
            details += [*item.modifiers, *(f"or {alt}" for alt in item.alternatives)]
            details += [f"note: {item.note}"] if item.note else []
            details += [f"[{', '.join(item.flags)}]"] if item.flags else []
            rows.append(((quantity, _text(item.unit), item.name, size, "; ".join(details)), _best_match(item)))
        rows += [(("", "", f"warning: {warning}", "", ""), "") for warning in record.result.warnings]
        return rows or [(("", "", "(no items)", "", ""), "")]

    def _print(self, rows: list[tuple[str, ...]], widths: tuple[int, ...] | list[int]) -> None:
        for row in rows:
            cells = (cell.translate(_CONTROL).ljust(width) for cell, width in zip(row, widths, strict=True))
            self.out.write("  ".join(cells).rstrip() + "\n")


WRITERS: dict[str, type[Writer]] = {
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "table": TableWriter,
    "csv": CsvWriter,
}


# ----------------------------------------------------------------------------------------------
# the parse command


def _parse_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="UTF-8 text files to parse ('-' or none: standard input)"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--format",
        choices=tuple(WRITERS),
        help="json (the default for one list), jsonl (the default otherwise: one object a line), "
        "table (for people) or csv (one row per item)",
    )
    output.add_argument("--explain", action="store_true", help="show every parser stage's output instead")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="language of the lists (default: detected)")
    parser.add_argument(
        "--each-line",
        action="store_true",
        help="every input line is its own list: streamed, for batch files; records carry the line number",
    )
    linking = parser.add_mutually_exclusive_group()
    linking.add_argument(
        "--catalog",
        metavar="FILE",
        help="link items to this catalog (CSV, TSV, JSON lines, Open Food Facts export) or to an index "
        f"saved by '{PROG} index build' (default: the catalog shipped with {PROG})",
    )
    linking.add_argument("--no-link", action="store_true", help="do not link items to a catalog")
    parser.add_argument(
        "--top-k",
        type=_top_k,
        default=DEFAULT_TOP_K,
        metavar="N",
        help=f"catalog matches kept per item (default {DEFAULT_TOP_K})",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")


def _top_k(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"must be between 1 and 100, not {value}")
    return value


def load_catalog(args: argparse.Namespace, err: IO[str]) -> Any:
    """The catalog the parse command links to (index built), or None: ``--no-link``, or no
    ``--catalog`` and no default catalog installed. Catalog code is imported only here."""
    if args.no_link:
        return None
    from .errors import CatalogError

    if args.catalog is None:
        from .catalog.default import default_catalog, default_catalog_path

        try:
            default_catalog_path()
        except CatalogError:
            return None  # not installed: parse without linking
        return default_catalog()
    from .catalog.open import open_catalog
    from .catalog.table import Catalog

    catalog = open_catalog(args.catalog)
    if not isinstance(catalog, Catalog):
        return catalog  # a saved index, mapped into memory
    report = catalog.report
    if report.problems:
        err.write(
            f"{PROG}: warning: {report.source}: {_count(len(report.problems), 'row')} skipped or repaired "
            f"({report.rows_kept:,} of {report.rows_read:,} rows kept)\n"
        )
    catalog.index  # noqa: B018 - build the index now, once, before any input is read
    return catalog


class ParseCommand:
    """One run of the parse command over its inputs."""

    def __init__(self, args: argparse.Namespace, out: IO[str], err: IO[str]) -> None:
        self.args, self.out, self.err = args, out, err
        self.options = ParseOptions().model_copy(update={"top_k": args.top_k})  # checked by _top_k
        self.catalog: Any = None
        self.names: list[str] = args.files or ["-"]
        self.failed = False
        self.progress: Progress | None = None

    def report(self, message: str) -> None:
        if self.progress:
            self.progress.clear()
        self.err.write(f"{PROG}: error: {message}\n")
        self.failed = True

    def run(self) -> int:
        self.catalog = load_catalog(self.args, self.err)
        if not self.args.files and sys.stdin is not None and sys.stdin.isatty():
            self.err.write(f"{PROG}: reading a list from standard input (end it with Ctrl-D)\n")
        if self.args.explain:
            self.explain()
        else:
            single = not self.args.each_line and len(self.names) == 1
            writer = WRITERS[self.args.format or ("json" if single else "jsonl")](
                self.out,
                single=single,
                with_file=len(self.names) > 1,
                each_line=self.args.each_line,
                linked=self.catalog is not None,
            )
            writer.start()
            for index, (name, line, result, error) in enumerate(self.results(), 1):
                writer.write(Record(index, _label(name), line, result, error))
            writer.finish()
        self.out.flush()
        return 1 if self.failed else 0

    def parse(self, text: str) -> ShoppingList:
        return parse(text, lang=self.args.lang, options=self.options, catalog=self.catalog)

    def texts(self) -> Iterator[tuple[str, int | None, str | None, str | None]]:
        """(input name, line number, text, error) of every list, in input order.

        An input that cannot be read is reported and skipped; with --each-line a line that
        cannot be decoded comes with its error instead of a text.
        """
        for name in self.names:
            try:
                with _opened(name) as stream:
                    if not self.args.each_line:
                        yield name, None, read_whole(stream, _label(name), self.options.max_chars), None
                        continue
                    for line in self.lines(name, stream):
                        yield name, line.number, line.text, line.error
            except InputError as exc:
                self.report(str(exc))

    def lines(self, name: str, stream: IO[bytes]) -> Iterator[Line]:
        """The lines of one input, flushing the output as it goes and showing progress."""
        total = _size(stream)
        flush_each = total is None  # a pipe or a terminal: results are wanted as they come
        self.progress = Progress(self.err, _label(name), total) if self.err.isatty() else None
        last_flush = time.monotonic()
        try:
            for line in read_lines(stream, self.options.max_chars):
                yield line
                if self.progress:
                    self.progress.update(line.size)
                if flush_each or time.monotonic() - last_flush >= _FLUSH_EVERY:
                    self.out.flush()
                    last_flush = time.monotonic()
        finally:
            if self.progress:
                self.progress.close()
            self.progress = None

    def results(self) -> Iterator[tuple[str, int | None, ShoppingList | None, str | None]]:
        """(input name, line number, result, error) of every list; a failed line has its error."""
        for name, number, text, error in self.texts():
            if text is not None:
                try:
                    yield name, number, self.parse(text), None
                    continue
                except ListparseError as exc:
                    error = str(exc)
                except Exception as exc:
                    if number is None:
                        raise
                    error = f"internal error: {type(exc).__name__}: {exc}"  # one line must not stop a batch
            self.report(f"{_label(name)}{'' if number is None else f':{number}'}: {error}")
            if number is not None:
                yield name, number, None, error

    def explain(self) -> None:
        """Every stage's output for each list (titled ``# FILE[:LINE]`` when there are several)."""
        titled = self.args.each_line or len(self.names) > 1
        first = True
        for name, number, text, error in self.texts():
            title = _label(name) + ("" if number is None else f":{number}")
            if text is None:
                self.report(f"{title}: {error}")
                continue
            try:
                explanation = explain(text, lang=self.args.lang, options=self.options, catalog=self.catalog)
            except ListparseError as exc:
                self.report(f"{title}: {exc}")
                continue
            self.out.write(("" if first else "\n") + (f"# {title}\n" if titled else "") + f"{explanation}\n")
            first = False


# ----------------------------------------------------------------------------------------------
# subcommands


@dataclass(frozen=True)
class Command:
    """A subcommand: its one-line help, how it adds its arguments, and what it runs."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(ShoppingList.model_json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2,040 rows``."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _bytes(size: int) -> str:
    """A file size for people: 812 bytes, 45.3 kB, 12.8 MB."""
    if size < 1000:
        return f"{size} bytes"
    return f"{size / 1e3:.1f} kB" if size < 1_000_000 else f"{size / 1e6:.1f} MB"


def _index_arguments(parser: argparse.ArgumentParser) -> None:
    from .catalog.load import FORMATS

    actions = parser.add_subparsers(dest="action", metavar="{build,info}", required=True)
    build = actions.add_parser(
        "build",
        help="build the search index of a catalog and save it to one file",
        description="Read a catalog, build its search index and save both to one file, which "
        f"'{PROG} --catalog FILE' and CatalogIndex.load() map into memory at once.",
    )
    build.add_argument("catalog", metavar="CATALOG", help="catalog file: CSV, TSV, JSON lines or Open Food Facts export")
    build.add_argument("-o", "--output", metavar="FILE", required=True, help="the index file to write")
    build.add_argument(
        "--format", choices=FORMATS, help="the catalog's format (default: found from the file)"
    )
    build.add_argument("--strict", action="store_true", help="stop at the first bad row instead of skipping it")
    info = actions.add_parser(
        "info",
        help="describe a saved index: versions, counts and arrays",
        description="Describe an index file written by 'listparse index build'.",
    )
    info.add_argument("file", metavar="FILE", help="an index file")


def _index(args: argparse.Namespace) -> int:
    return _index_build(args) if args.action == "build" else _index_info(args)


def _index_build(args: argparse.Namespace) -> int:
    from .catalog.index import CatalogIndex
    from .catalog.store import is_index_file
    from .catalog.table import Catalog

    out = args.output
    if os.path.exists(out) and (os.path.isdir(out) or not is_index_file(out)):
        raise InputError(f"{out}: exists and is not a listparse index file; not overwriting it")
    started = time.perf_counter()
    catalog = Catalog.from_file(args.catalog, strict=args.strict, format=args.format)
    loaded = time.perf_counter()
    index = CatalogIndex.build(catalog)
    built = time.perf_counter()
    try:
        index.save(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(f"{out}.tmp")  # the partial file save_index writes before renaming it
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None
    report = catalog.report
    sys.stderr.write(
        f"{PROG}: {report.source}: {report.rows_kept:,} of {report.rows_read:,} products kept, "
        f"{_count(index.n_entries, 'entry', 'entries')}, {_count(len(index.vocab), 'term')}; "
        f"read in {loaded - started:.2f} s, indexed in {built - loaded:.2f} s; "
        f"wrote {out} ({_bytes(os.path.getsize(out))}); {_count(len(report.problems), 'row problem')}\n"
    )
    return 0


def _index_info(args: argparse.Namespace) -> int:
    from .catalog import kernels
    from .catalog.index import CatalogIndex
    from .catalog.open import read_index_header

    if not os.path.isfile(args.file):
        raise InputError(f"cannot read {args.file}: {'is a folder' if os.path.isdir(args.file) else 'no such file'}")
    index = CatalogIndex.load(args.file)  # checks the magic, the version and every array's bounds
    header = read_index_header(args.file)
    size = os.path.getsize(args.file)
    fields = [
        ("file", args.file),
        ("size", f"{size:,} bytes ({_bytes(size)})"),
        ("format", str(header.get("format"))),
        ("written by", f"listparse {header.get('listparse', '?')}"),
        ("lexicons", str(header.get("lexicons"))),
        ("products", f"{len(index.catalog):,}"),
        ("entries", f"{index.n_entries:,}"),
        ("vocabulary", f"{len(index.vocab):,} terms"),
        ("kernels", f"{kernels.IMPLEMENTATION} (search loops of this install)"),
    ]
    lines = [f"{name:<12}{value}" for name, value in fields]
    table = [("array", "dtype", "shape")] + [
        (a["name"], _np_dtype(a["dtype"]), " x ".join(str(n) for n in a["shape"]) or "scalar")
        for a in header["arrays"]
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines.append("")
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _np_dtype(code: str) -> str:
    """A numpy dtype code for people: ``<i8`` → ``int64``."""
    import numpy as np

    try:
        return str(np.dtype(code))
    except TypeError:
        return code


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    from .service.serve import configure

    configure(parser)


def _serve(args: argparse.Namespace) -> int:
    from .service.serve import run

    return run(args)


#: Subcommands by name: ``listparse NAME ...`` runs one, any other first argument is a file.
COMMANDS: dict[str, Command] = {
    "index": Command("build or describe a saved catalog index (index build, index info)", _index_arguments, _index),
    "schema": Command("print the JSON schema of a parse result", lambda parser: None, _schema),
    "serve": Command("run the HTTP service (REST API and chat-channel webhooks)", _serve_arguments, _serve),
}


def _run(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        command = COMMANDS[argv[0]]
        parser = _ArgumentParser(prog=f"{PROG} {argv[0]}", description=command.help)
        command.configure(parser)
        return command.run(parser.parse_args(argv[1:]))
    commands = "\n".join(f"  {name:<10}{command.help}" for name, command in COMMANDS.items())
    parser = _ArgumentParser(
        prog=PROG,
        description="Parse French and English shopping lists into structured items.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"commands:\n{commands}\n\n"
        "exit status: 0 success, 1 input error, 2 usage error, 130 interrupted, 141 output closed",
    )
    _parse_arguments(parser)
    return ParseCommand(parser.parse_args(argv), sys.stdout, sys.stderr).run()


def main(argv: list[str] | None = None) -> int:
    """Run the ``listparse`` command on ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError, AttributeError):  # keep the exit flush quiet
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    except (InputError, ListparseError) as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 1
    except OSError as exc:  # e.g. writing the output failed
        sys.stderr.write(f"{PROG}: error: {exc.strerror or exc}\n")
        return 1
    except Exception as exc:
        if os.environ.get("LISTPARSE_DEBUG"):
            raise
        sys.stderr.write(
            f"{PROG}: error: internal error: {type(exc).__name__}: {exc} (LISTPARSE_DEBUG=1 shows the traceback)\n"
        )
        return 1
