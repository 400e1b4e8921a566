"""Parse benchmark: throughput, a quantulum3 baseline and the command's cold start, in one run.

Run from the project root, in the project's environment::

    python benchmarks/bench_parse.py                 # everything, default repeats
    python benchmarks/bench_parse.py --json out.json # also save the figures
    python benchmarks/bench_parse.py --profile 10    # also profile one pass (cProfile)

See benchmarks/README.md for what each figure means. Everything runs in this process, on one
core, except the cold-start runs, which are fresh subprocesses run one after the other.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling module benchutil
from benchutil import PROJECT_ROOT, run_meta  # noqa: E402

DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data" / "parse"
LINE_FILES = ("en_recipes.jsonl", "fr_moteur.jsonl", "fr_recipes_web.jsonl")
COLD_INPUT = "2 kg de pommes\n"

TARGET_LINES_PER_S = 5_000
TARGET_COLD_START_S = 1.0


@dataclass
class Record:
    text: str
    lang: str
    source_file: str


@dataclass
class Series:
    """Repeated passes of one workload: one wall time per pass and every call's latency."""

    name: str
    lines: int
    pass_seconds: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, all passes pooled

    def rates(self) -> list[float]:
        return [self.lines / s for s in self.pass_seconds]

    def summary(self) -> dict:
        rates = self.rates()
        lat = sorted(self.latencies)
        return {
            "lines": self.lines,
            "passes": len(rates),
            "median_lines_per_s": statistics.median(rates),
            "min_lines_per_s": min(rates),
            "max_lines_per_s": max(rates),
            "p50_ms": _percentile(lat, 50) * 1e3,
            "p99_ms": _percentile(lat, 99) * 1e3,
            "max_ms": lat[-1] * 1e3,
        }


def _percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(pct / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def load_records(data_dir: Path) -> tuple[list[Record], list[str]]:
    records: list[Record] = []
    missing: list[str] = []
    for name in LINE_FILES:
        path = data_dir / name
        if not path.is_file():
            missing.append(name)
            continue
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("mode", "line") != "line":
                    raise SystemExit(f"{path}:{number}: mode {rec.get('mode')!r}, expected 'line'")
                records.append(Record(rec["text"], rec["lang"], name))
    return records, missing


def timed_pass(fn, texts_and_args, series: Series) -> None:
    """One pass over the workload; appends the pass time and each call's latency."""
    clock = time.perf_counter
    lat = []
    append = lat.append
    gc.collect()
    start = clock()
    for text, kwargs in texts_and_args:
        t0 = clock()
        fn(text, **kwargs)
        append(clock() - t0)
    series.pass_seconds.append(clock() - start)
    series.latencies.extend(lat)


# --- (a) + (b): throughput -------------------------------------------------------------------


def bench_throughput(records: list[Record], repeat: int, quantulum: bool) -> dict:
    import listparse

    en_texts = [r.text for r in records if r.lang == "en"]
    workloads = {
        "listparse (lang given)": (listparse.parse, [(r.text, {"lang": r.lang}) for r in records]),
        "listparse (lang=None)": (listparse.parse, [(r.text, {"lang": None}) for r in records]),
        # the same English lines as quantulum3 gets, for the ratio
        "listparse (en lines, lang=en)": (listparse.parse, [(t, {"lang": "en"}) for t in en_texts]),
    }
    notes: list[str] = []
    if quantulum and en_texts:
        qparse = _load_quantulum(notes)
        if qparse is not None:
            workloads["quantulum3 (en lines)"] = (qparse, [(t, {}) for t in en_texts])
    elif quantulum:
        notes.append("no English line records: quantulum3 part skipped")

    # one untimed pass each: loads lexicons, the unit registry and quantulum's tables, and fills
    # the caches (folded words, regexes) as a long-running process would have them
    warm = {}
    for name, (fn, work) in workloads.items():
        t0 = time.perf_counter()
        for text, kwargs in work:
            fn(text, **kwargs)
        warm[name] = len(work) / (time.perf_counter() - t0)

    series = {name: Series(name, len(work)) for name, (fn, work) in workloads.items()}
    names = list(workloads)
    for r in range(repeat):
        # interleave the workloads and rotate their order, so that drift on a noisy machine
        # touches each of them alike
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            fn, work = workloads[name]
            timed_pass(fn, work, series[name])
        print(f"  pass {r + 1}/{repeat} done", file=sys.stderr)

    result = {name: s.summary() for name, s in series.items()}
    q = result.get("quantulum3 (en lines)")
    if q is not None:
        result["ratio_listparse_over_quantulum3"] = (
            result["listparse (en lines, lang=en)"]["median_lines_per_s"] / q["median_lines_per_s"]
        )
    result["warmup_pass_lines_per_s"] = warm
    result["notes"] = notes
    return result


def _load_quantulum(notes: list[str]):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            from quantulum3 import parser as qparser
        for w in caught:
            if "classifier" in str(w.message).lower():
                notes.append("quantulum3 runs without its optional classifier (as installed)")
    except ImportError:
        notes.append("quantulum3 is not installed: its baseline is skipped "
                     "(pip install quantulum3, or the dev extra)")
        return None

    def qparse(text: str) -> object:
        return qparser.parse(text)

    return qparse


# --- (c): cold start -------------------------------------------------------------------------


def listparse_command() -> list[str]:
    """The console script beside this Python, else ``python -m listparse``."""
    bindir = Path(sys.executable).parent
    for name in ("listparse", "listparse.exe"):
        script = bindir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "listparse"]


def _run_once(cmd: list[str], stdin: str | None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120)
    return time.perf_counter() - t0, proc


def bench_cold_start(runs: int) -> dict:
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "python -c 'import listparse'": ([sys.executable, "-c", "import listparse"], None),
        "echo '2 kg de pommes' | listparse": (listparse_command(), COLD_INPUT),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    errors: dict[str, str] = {}
    output = ""
    # one untimed run each: writes bytecode caches, warms the OS file cache
    for name, (cmd, stdin) in commands.items():
        _, proc = _run_once(cmd, stdin)
        if proc.returncode != 0:
            errors[name] = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        elif stdin is not None:
            output = proc.stdout.strip()
    for _ in range(runs):
        for name, (cmd, stdin) in commands.items():
            if name in errors:
                continue
            seconds, _ = _run_once(cmd, stdin)
            times[name].append(seconds)
    result: dict = {"command": " ".join(commands["echo '2 kg de pommes' | listparse"][0])}
    for name, values in times.items():
        if values:
            result[name] = {
                "runs": len(values),
                "median_s": statistics.median(values),
                "max_s": max(values),
                "min_s": min(values),
            }
    base = result.get("python -c pass")
    cli = result.get("echo '2 kg de pommes' | listparse")
    if base and cli:
        result["cli_minus_python_s"] = cli["median_s"] - base["median_s"]
        result["cli_over_python"] = cli["median_s"] / base["median_s"]
    result["errors"] = errors
    result["cli_output"] = output[:500]
    return result


# --- profile ----------------------------------------------------------------------------------


def profile_pass(records: list[Record], top: int) -> str:
    import cProfile
    import io
    import pstats

    import listparse

    package_dir = str(Path(listparse.__file__).resolve().parent)
    work = [(r.text, r.lang) for r in records]
    for text, lang in work:
        listparse.parse(text, lang=lang)
    prof = cProfile.Profile()
    prof.enable()
    for text, lang in work:
        listparse.parse(text, lang=lang)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
    out.write(f"-- top {top} by cumulative time, listparse functions only --\n")
    stats.print_stats(package_dir.replace("\\", "\\\\"), top)
    out.write(f"-- top {top} by own time, all functions --\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --- report -----------------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")


def print_report(figures: dict) -> None:
    tp = figures.get("throughput", {})
    cs = figures.get("cold_start", {})
    rows = [("figure", "value", "target", "status")]
    for name in ("listparse (lang given)", "listparse (lang=None)", "listparse (en lines, lang=en)",
                 "quantulum3 (en lines)"):
        s = tp.get(name)
        if not s:
            continue
        target = name.startswith("listparse (lang")
        rows.append((
            f"{name}: lines/s median (min)",
            f"{s['median_lines_per_s']:,.0f} ({s['min_lines_per_s']:,.0f})",
            f">= {TARGET_LINES_PER_S:,}" if target else "",
            _mark(s["median_lines_per_s"] >= TARGET_LINES_PER_S) if target else "",
        ))
        rows.append((f"{name}: latency p50 / p99 ms",
                     f"{s['p50_ms']:.3f} / {s['p99_ms']:.3f}", "", ""))
    if "ratio_listparse_over_quantulum3" in tp:
        rows.append(("listparse / quantulum3 (median, same en lines)",
                     f"{tp['ratio_listparse_over_quantulum3']:.1f}x", "", ""))
    for name in ("python -c pass", "python -c 'import listparse'", "echo '2 kg de pommes' | listparse"):
        s = cs.get(name)
        if not s:
            continue
        target = "|" in name
        rows.append((
            f"cold start {name}: median (max) s",
            f"{s['median_s']:.3f} ({s['max_s']:.3f})",
            f"< {TARGET_COLD_START_S:g}" if target else "",
            _mark(s["median_s"] < TARGET_COLD_START_S) if target else "",
        ))
    if "cli_minus_python_s" in cs:
        rows.append(("cold start: command minus python, ratio",
                     f"+{cs['cli_minus_python_s']:.3f} s, {cs['cli_over_python']:.1f}x", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print()
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for note in tp.get("notes", []):
        print(f"note: {note}")
    for name, err in cs.get("errors", {}).items():
        print(f"cold start: {name} failed: {err}")
    if cs.get("cli_output"):
        print(f"cold start: the command printed: {' '.join(cs['cli_output'].split())[:150]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"folder with the line files (default: {DEFAULT_DATA})")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the lines (default 5)")
    ap.add_argument("--cold-runs", type=int, default=7, help="cold-start runs (default 7)")
    ap.add_argument("--no-quantulum", action="store_true", help="skip the quantulum3 baseline")
    ap.add_argument("--no-cold-start", action="store_true", help="skip the cold-start runs")
    ap.add_argument("--profile", type=int, metavar="N", default=0,
                    help="also profile one pass and print the top N functions")
    ap.add_argument("--json", type=Path, metavar="OUT", help="save the figures as JSON")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.cold_runs < 1:
        ap.error("--repeat and --cold-runs must be at least 1")

    records, missing = load_records(args.data)
    if not records:
        print(f"bench_parse: no line data found in {args.data} "
              f"(expected {', '.join(LINE_FILES)}); pass --data DIR. Nothing measured.")
        return 0
    if missing:
        print(f"note: missing in {args.data}: {', '.join(missing)}; measuring the others")

    import listparse

    by_lang = {lang: sum(r.lang == lang for r in records) for lang in ("fr", "en")}
    print(f"listparse {listparse.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs seen; one process, one thread")
    print(f"{len(records)} line records ({by_lang['fr']} fr, {by_lang['en']} en) from {args.data}")

    figures: dict = {
        "meta": {
            **run_meta(),
            "records": len(records),
            "records_by_lang": by_lang,
            "repeat": args.repeat,
            "cold_runs": args.cold_runs,
            "data": str(args.data),
        },
        "targets": {"lines_per_s": TARGET_LINES_PER_S, "cold_start_s": TARGET_COLD_START_S},
    }
    figures["throughput"] = bench_throughput(records, args.repeat, not args.no_quantulum)
    if not args.no_cold_start:
        print("  cold start runs...", file=sys.stderr)
        figures["cold_start"] = bench_cold_start(args.cold_runs)
    print_report(figures)
    if args.profile:
        report = profile_pass(records, args.profile)
        figures["profile"] = report
        print()
        print(report)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
