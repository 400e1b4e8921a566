"""Link benchmark: index build, memory, file size, load, query latency, a brute-force baseline
and agreement with the exhaustive search, for catalogs of 10k to 2M products, in one run.

Run from the project root, in the project's environment::

    python benchmarks/bench_link.py                  # 10k, 100k, 818k and 2M (several minutes)
    python benchmarks/bench_link.py --quick          # 10k and 100k only
    python benchmarks/bench_link.py --json out.json  # also save the figures
    python benchmarks/bench_link.py --profile 15     # also profile a query pass and a build

See benchmarks/README.md for what each figure means. Each size's build and each timed load
runs in a fresh subprocess, one at a time; queries, the baseline and the agreement check run in
this process. Nothing runs in parallel.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling module benchutil
from benchutil import PROJECT_ROOT, clear_text_caches, git_commit, run_meta  # noqa: E402
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data" / "catalog"
OFF_FILE = "off_818k.tsv.gz"
SEED = 20_818
FULL = "818k"  # the size token that means "every name of the OFF list"
DEFAULT_SIZES = ("10k", "100k", FULL, "2M")
QUICK_SIZES = ("10k", "100k")
SYNTH_MAX_WORDS = 12
LIMIT = 5
CLEAR_MARGIN = 0.01  # an exhaustive top-1 this far above the second best is a clear answer

TARGET_BUILD_S = 60.0  # at 818k: Catalog.from_records + CatalogIndex.build, wall time
TARGET_RSS_MB = 1536.0  # at 818k: peak RSS of the build process (1.5 GB)
TARGET_LOAD_S = 2.0
TARGET_P50_MS = 1.0
TARGET_P99_MS = 5.0
TARGET_BRUTE_RATIO = 500.0  # at 818k and above
TARGET_AGREEMENT = 0.98
BIG_ROWS = 800_000  # sizes from here on carry the brute-force target

# --- the queries ------------------------------------------------------------------------------

# everyday products, as a shopper would type them; (text, language)
BASE_QUERIES: tuple[tuple[str, str], ...] = tuple(
    [(q, "fr") for q in (
        "lait demi-écrémé", "lait entier", "chocolat noir", "chocolat au lait", "yaourt nature",
        "yaourt à la fraise", "pâtes", "spaghetti", "riz basmati", "jus d'orange", "huile d'olive",
        "beurre doux", "crème fraîche", "fromage râpé", "emmental", "camembert", "comté", "œufs",
        "farine de blé", "sucre en poudre", "sel", "poivre noir", "café moulu", "thé vert",
        "eau gazeuse", "eau minérale", "pain de mie", "baguette", "confiture de fraises", "miel",
        "céréales", "biscuits", "compote de pommes", "pommes de terre", "tomates", "carottes",
        "oignons", "ail", "salade", "haricots verts", "petits pois", "lentilles", "pois chiches",
        "thon", "sardines", "saumon fumé", "jambon blanc", "poulet", "steak haché", "lardons",
        "saucisses", "mayonnaise", "moutarde de Dijon", "ketchup", "vinaigre balsamique",
        "sauce tomate", "lessive", "papier toilette", "liquide vaisselle", "mouchoirs", "chips",
        "glace à la vanille", "pâte feuilletée", "crème dessert au chocolat", "lait de coco",
        "fromage blanc", "bière blonde", "vin rouge", "jus de pomme", "soupe de légumes",
    )]
    + [(q, "en") for q in (
        "whole milk", "skimmed milk", "dark chocolate", "milk chocolate", "greek yogurt",
        "peanut butter", "orange juice", "apple juice", "olive oil", "butter", "cheddar cheese",
        "eggs", "flour", "brown sugar", "sea salt", "black pepper", "ground coffee", "green tea",
        "sparkling water", "bread", "strawberry jam", "honey", "breakfast cereal", "cookies",
        "potatoes", "tomatoes", "onions", "garlic", "bananas", "apples", "chicken breast",
        "ground beef", "bacon", "tuna", "smoked salmon", "pasta sauce", "tortilla chips",
        "ice cream", "frozen peas", "baked beans", "oat milk", "almond milk", "granola",
        "crackers", "popcorn", "toilet paper", "dish soap", "paper towels", "maple syrup",
        "rice cakes",
    )]
)
# words whose plural is the same word, and words left alone when toggling the plural
_INVARIABLE = frozenset(("jus", "riz", "pois", "noix", "ananas", "radis", "couscous", "bacon", "tuna", "popcorn"))
_IRREGULAR = {"cookies": "cookie", "cookie": "cookies"}
_SKIP = frozenset(
    ("de", "d", "du", "des", "la", "le", "les", "l", "au", "aux", "à", "a", "en", "et", "of", "and", "with")
)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Query:
    text: str
    lang: str
    kind: str  # base, typo, no-accents, plural
    base: str


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(_LIGATURES)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, accents stripped (the brute-force baseline's normal form)."""
    return strip_accents(text.lower())


def _words(text: str) -> list[re.Match]:
    return [m for m in _WORD.finditer(text) if m.group().lower() not in _SKIP]


def with_typo(text: str, rng: random.Random) -> str:
    """One edit (delete, substitute, swap two neighbours, insert) in a word of four letters or more."""
    words = [m for m in _words(text) if len(m.group()) >= 4] or _words(text)
    m = rng.choice(words)
    w = m.group()
    for _ in range(20):
        op = rng.choice(("delete", "substitute", "swap", "insert"))
        i = rng.randrange(len(w))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        if op == "delete":
            new = w[:i] + w[i + 1 :]
        elif op == "substitute":
            new = w[:i] + letter + w[i + 1 :]
        elif op == "swap" and i < len(w) - 1:
            new = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        else:
            new = w[:i] + letter + w[i:]
        if new != w:
            return text[: m.start()] + new + text[m.end() :]
    return text[: m.start()] + w[:-1] + text[m.end() :]


def _toggle_word(w: str, lang: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if lang == "fr":
        if w.endswith("eaux"):
            return w[:-1]
        if w.endswith("eau"):
            return w + "x"
        if w.endswith(("s", "x")):
            return w[:-1]
        return w + "s"
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "oes", "sses")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("ch", "sh", "x", "o", "ss")):
        return w + "es"
    return w + "s"


def with_plural_toggled(text: str, lang: str) -> str:
    """The head word's number toggled (the first word in French, the last in English)."""
    words = [m for m in _words(text) if m.group().lower() not in _INVARIABLE]
    if not words:
        return text
    m = words[0] if lang == "fr" else words[-1]
    return text[: m.start()] + _toggle_word(m.group(), lang) + text[m.end() :]


def make_queries(seed: int = SEED) -> list[Query]:
    """The base queries and their variants (one typo, no accents, plural toggled), deduplicated."""
    rng = random.Random(seed)
    out: list[Query] = []
    seen: set[str] = set()

    def add(text: str, lang: str, kind: str, base: str) -> None:
        if text not in seen:
            seen.add(text)
            out.append(Query(text, lang, kind, base))

    for text, lang in BASE_QUERIES:
        add(text, lang, "base", text)
    for text, lang in BASE_QUERIES:
        add(with_typo(text, rng), lang, "typo", text)
        add(strip_accents(text), lang, "no-accents", text)
        add(with_plural_toggled(text, lang), lang, "plural", text)
    return out


# --- the catalogs ------------------------------------------------------------------------------


def read_off(path: Path) -> tuple[list[str], list[str]]:
    skus: list[str] = []
    names: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header[:2] != ["sku", "name"]:
            raise SystemExit(f"{path}: expected the columns sku, name; found {header[:5]}")
        for line in fh:
            sku, _, name = line.rstrip("\n").partition("\t")
            if sku and name.strip():
                skus.append(sku)
                names.append(name)
    return skus, names


def parse_size(token: str) -> int | None:
    """Rows for a size token: 10k, 100000, 2M; None for the full OFF list (818k)."""
    t = token.strip().lower()
    if t in (FULL, "full", "off"):
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([km]?)", t)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {token!r} (use e.g. 10k, 100k, 818k, 2M)")
    return int(float(m.group(1)) * {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2)])


def subsample(skus: list[str], names: list[str], n: int, seed: int) -> tuple[list[str], list[str]]:
    """``n`` rows drawn without replacement (fixed seed), in file order."""
    rows = sorted(random.Random(seed).sample(range(len(names)), n))
    return [skus[i] for i in rows], [names[i] for i in rows]


def synthesize(skus: list[str], names: list[str], n: int, seed: int) -> tuple[list[str], list[str]]:
    """Every real name, then ``n - len(names)`` variants: the first words of one random real
    name followed by the last words of another (a random cut in each), at most 12 words."""
    rng = random.Random(seed)
    split = [nm.split() for nm in names]
    out_skus, out_names = list(skus), list(names)
    pick, cut = rng.randrange, rng.randint
    k = 0
    while len(out_names) < n:
        a, b = split[pick(len(split))], split[pick(len(split))]
        if not a or not b:
            continue
        words = a[: cut(1, len(a))] + b[pick(len(b)) :]
        out_names.append(" ".join(words[:SYNTH_MAX_WORDS]))
        out_skus.append(f"SYN{k:08d}")
        k += 1
    return out_skus, out_names


# --- child processes: build, load -------------------------------------------------------------


def _maxrss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    On Linux this is VmHWM from /proc/self/status. ``ru_maxrss`` is not used there: a child
    started with fork (or vfork) and exec keeps the parent's peak in its ``ru_maxrss`` (and so
    in RUSAGE_CHILDREN), which would count this script's own name lists in the build's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child_build(names_file: str, index_file: str, result_file: str) -> None:
    """In a fresh process: read the rows, build the catalog and the index, save it."""
    skus, names = [], []
    with open(names_file, encoding="utf-8", newline="\n") as fh:
        for line in fh:
            sku, _, name = line.rstrip("\n").partition("\t")
            skus.append(sku)
            names.append(name)
    from listparse.catalog.index import CatalogIndex
    from listparse.catalog.table import Catalog

    gc.collect()
    res: dict = {"input_rows": len(names), "rss_before_mb": _maxrss_mb()}
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    catalog = Catalog.from_records({"sku": s, "name": n} for s, n in zip(skus, names, strict=True))
    t1 = time.perf_counter()
    cpu1 = time.process_time()
    res["rss_after_catalog_mb"] = _maxrss_mb()
    index = CatalogIndex.build(catalog)
    t2 = time.perf_counter()
    cpu2 = time.process_time()
    res.update(catalog_cpu_s=cpu1 - cpu0, index_cpu_s=cpu2 - cpu1, build_cpu_s=cpu2 - cpu0)
    res["rss_peak_build_mb"] = _maxrss_mb()
    index.save(index_file)
    t3 = time.perf_counter()
    res.update(
        rows=len(catalog), entries=index.n_entries, vocab=len(index.vocab),
        catalog_s=t1 - t0, index_s=t2 - t1, build_s=t2 - t0, save_s=t3 - t2,
        rss_peak_save_mb=_maxrss_mb(), file_bytes=os.path.getsize(index_file),
    )
    Path(result_file).write_text(json.dumps(res), encoding="utf-8")


def child_load(index_file: str, result_file: str) -> None:
    """In a fresh process: time CatalogIndex.load, then one first query."""
    from listparse.catalog.index import CatalogIndex
    from listparse.catalog.keys import terms
    from listparse.catalog.link import query_concepts

    query_concepts("lait")  # load the lexicons, so that only the index is timed
    t0 = time.perf_counter()
    index = CatalogIndex.load(index_file)
    t1 = time.perf_counter()
    c = index.concepts(query_concepts("chocolat noir"))
    index.search(c, limit=LIMIT, query_text=" ".join(terms("chocolat noir")), head=0)
    t2 = time.perf_counter()
    Path(result_file).write_text(
        json.dumps({"load_s": t1 - t0, "first_query_s": t2 - t1, "rss_mb": _maxrss_mb()}), encoding="utf-8"
    )


def run_child(args: list[str], result_file: Path, timeout: float = 3600) -> tuple[dict, dict]:
    """Run this script as a child; its JSON result, and its wall and CPU time as the parent sees
    them (os.wait4; its ru_maxrss would include this process's peak, see _maxrss_mb)."""
    result_file.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdin=subprocess.DEVNULL)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            raise RuntimeError(f"child {args[0]} timed out after {timeout:.0f} s")
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not result_file.exists():
        raise RuntimeError(f"child {' '.join(args)} failed with exit status {proc.returncode}")
    seen = {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime}
    return json.loads(result_file.read_text(encoding="utf-8")), seen


# --- in this process: queries, brute force, agreement ------------------------------------------


def _percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(pct / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def _search(index, q: Query, exhaustive: bool = False):
    from listparse.catalog.keys import terms
    from listparse.catalog.link import query_concepts

    concepts = index.concepts(query_concepts(q.text))
    head = 0 if q.lang == "fr" else len(concepts) - 1
    return index.search(
        concepts, limit=LIMIT, query_text=" ".join(terms(q.text)), head=head, exhaustive=exhaustive
    )


def query_passes(index, queries: list[Query], passes: int, seed: int, after_pass=None) -> dict:
    """One pass on the freshly loaded index (first contact), then ``passes`` timed passes in
    shuffled orders; listparse's per-text caches are emptied before every pass. ``after_pass(p)``,
    when given, runs after timed pass ``p`` (from 0): the baseline, interleaved with the passes."""
    clock = time.perf_counter
    first: list[float] = []
    per_query: list[list[float]] = [[] for _ in queries]
    top: list = [None] * len(queries)
    rng = random.Random(seed)
    for p in range(passes + 1):
        order = list(range(len(queries)))
        if p:
            rng.shuffle(order)
        cleared = clear_text_caches()
        gc.collect()
        for i in order:
            q = queries[i]
            t0 = clock()
            hits = _search(index, q)
            dt = clock() - t0
            if p == 0:
                first.append(dt)
            else:
                per_query[i].append(dt)
            top[i] = hits
        if p and after_pass is not None:
            after_pass(p - 1)
    pooled = sorted(t for ts in per_query for t in ts)
    by_pass = [sorted(ts[p] for ts in per_query) for p in range(passes)]
    first.sort()
    return {
        "queries": len(queries),
        "passes": passes,
        # each pass's percentile, then the median over the passes: one pass caught by a burst
        # of other work on the machine does not move the figure
        "p50_ms": statistics.median(_percentile(ts, 50) for ts in by_pass) * 1e3,
        "p99_ms": statistics.median(_percentile(ts, 99) for ts in by_pass) * 1e3,
        "pass_p99_ms": [_percentile(ts, 99) * 1e3 for ts in by_pass],
        "pooled_p50_ms": _percentile(pooled, 50) * 1e3,
        "pooled_p90_ms": _percentile(pooled, 90) * 1e3,
        "pooled_p99_ms": _percentile(pooled, 99) * 1e3,
        "max_ms": pooled[-1] * 1e3,
        "mean_ms": statistics.fmean(pooled) * 1e3,
        "first_pass_p50_ms": _percentile(first, 50) * 1e3,
        "first_pass_p99_ms": _percentile(first, 99) * 1e3,
        "caches_cleared": cleared,
        "_per_query": per_query,
        "_top": top,
    }


def slowest_queries(queries: list[Query], per_query: list[list[float]], n: int = 5) -> list[dict]:
    med = [(statistics.median(ts), i) for i, ts in enumerate(per_query)]
    med.sort(reverse=True)
    return [{"query": queries[i].text, "kind": queries[i].kind, "median_ms": m * 1e3} for m, i in med[:n]]


def brute_force(folded: list[str], queries: list[Query]) -> dict:
    from rapidfuzz import fuzz, process

    times = []
    per_query = []
    for q in queries:
        t0 = time.perf_counter()
        best = process.extractOne(fold(q.text), folded, scorer=fuzz.WRatio, processor=None)
        dt = time.perf_counter() - t0
        times.append(dt)
        per_query.append({"query": q.text, "ms": dt * 1e3, "score": best[1] if best else None,
                          "row": best[2] if best else None})
    s = sorted(times)
    # extractOne returns at the first name scoring 100: those queries stop early in the list
    perfect = sum(1 for d in per_query if d["score"] == 100)
    return {"queries": len(queries), "p50_ms": _percentile(s, 50) * 1e3, "mean_ms": statistics.fmean(s) * 1e3,
            "min_ms": s[0] * 1e3, "max_ms": s[-1] * 1e3, "perfect_score_queries": perfect,
            "per_query": per_query}


def interleaved_ratio(rounds: list[dict], queries: list[Query], per_query: list[list[float]], ids: set) -> dict:
    """The baseline against the index, round by round: round ``r`` ran right after timed pass
    ``r``, so its ratio is the baseline's p50 over the index's p50 on the same queries in that
    pass. The figures are the medians over the rounds; the first round's per-query details."""
    same = [[ts[r] for q, ts in zip(queries, per_query, strict=True) if id(q) in ids] for r in range(len(rounds))]
    index_p50 = [_percentile(sorted(ts), 50) * 1e3 for ts in same]
    ratios = [b["p50_ms"] / i for b, i in zip(rounds, index_p50, strict=True)]
    first = rounds[0]
    return {
        **first,
        "p50_ms": statistics.median(b["p50_ms"] for b in rounds),
        "mean_ms": statistics.median(b["mean_ms"] for b in rounds),
        "min_ms": min(b["min_ms"] for b in rounds),
        "max_ms": max(b["max_ms"] for b in rounds),
        "index_p50_ms_same_queries": statistics.median(index_p50),
        "ratio": statistics.median(ratios),
        "rounds": [{"brute_p50_ms": b["p50_ms"], "index_p50_ms": i, "ratio": r}
                   for b, i, r in zip(rounds, index_p50, ratios, strict=True)],
    }


def brute_force_top5(folded: list[str], queries: list[Query]) -> dict:
    """The linking evaluator's own baseline (``eval_link.py --impl brute``): the five best names
    by WRatio with a cutoff of 60, ``process.extract``. It scores every name; extractOne may
    stop early or skip names that cannot beat the best so far."""
    from rapidfuzz import fuzz, process

    times = []
    for q in queries:
        t0 = time.perf_counter()
        process.extract(fold(q.text), folded, scorer=fuzz.WRatio, processor=None, limit=5, score_cutoff=60)
        times.append(time.perf_counter() - t0)
    s = sorted(times)
    return {"queries": len(queries), "p50_ms": _percentile(s, 50) * 1e3, "min_ms": s[0] * 1e3, "max_ms": s[-1] * 1e3,
            "texts": [q.text for q in queries]}


def agreement(index, queries: list[Query], fast_top: list) -> dict:
    """Top-1 of the fast path against search(exhaustive=True), query by query."""
    agreed = clear = tied = 0
    ex_times = []
    misses = []
    cat = index.catalog
    for q, fast in zip(queries, fast_top, strict=True):
        t0 = time.perf_counter()
        ex = _search(index, q, exhaustive=True)
        ex_times.append(time.perf_counter() - t0)
        if not ex:
            ok, kind = not fast, "clear"
        elif len(ex) == 1 or ex[0].score - ex[1].score >= CLEAR_MARGIN:
            ok, kind = bool(fast) and fast[0].row == ex[0].row, "clear"
        else:
            ok, kind = bool(fast) and abs(fast[0].score - ex[0].score) <= 1e-9, "tied"
        clear += kind == "clear"
        tied += kind == "tied"
        agreed += ok
        if not ok:
            misses.append({
                "query": q.text, "kind": kind,
                "fast": [cat.names[fast[0].row], round(fast[0].score, 4)] if fast else None,
                "exhaustive": [cat.names[ex[0].row], round(ex[0].score, 4)],
                "exhaustive_second": round(ex[1].score, 4) if len(ex) > 1 else None,
            })
    s = sorted(ex_times)
    return {
        "queries": len(queries), "agreed": agreed, "rate": agreed / len(queries) if queries else float("nan"),
        "clear": clear, "tied": tied, "exhaustive_p50_ms": _percentile(s, 50) * 1e3,
        "exhaustive_max_ms": s[-1] * 1e3, "disagreements": misses,
    }


# --- profiles ----------------------------------------------------------------------------------


def _stats_text(prof, top: int, title: str) -> str:
    import io
    import pstats

    import listparse

    package_dir = str(Path(listparse.__file__).resolve().parent)
    out = io.StringIO()
    out.write(f"== {title} ==\n-- top {top} by cumulative time, listparse functions only --\n")
    stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
    stats.print_stats(package_dir.replace("\\", "\\\\"), top)
    out.write(f"-- top {top} by own time, all functions --\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def profile_queries(index, queries: list[Query], top: int, label: str) -> str:
    import cProfile

    clear_text_caches()
    prof = cProfile.Profile()
    prof.enable()
    for q in queries:
        _search(index, q)
    prof.disable()
    return _stats_text(prof, top, f"one query pass at {label} ({len(queries)} queries)")


def profile_build(skus: list[str], names: list[str], top: int, label: str) -> str:
    import cProfile

    from listparse.catalog.index import CatalogIndex
    from listparse.catalog.table import Catalog

    prof = cProfile.Profile()
    prof.enable()
    catalog = Catalog.from_records({"sku": s, "name": n} for s, n in zip(skus, names, strict=True))
    CatalogIndex.build(catalog)
    prof.disable()
    return _stats_text(prof, top, f"Catalog.from_records + CatalogIndex.build at {label}")


# --- report ------------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _table(rows: list[tuple], right: set[int] = frozenset()) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        cells = [str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))


def _fmt(v, spec: str) -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, spec)


def print_report(figures: dict) -> None:
    sizes = figures["sizes"]
    print("\nScaling (wall times; build = Catalog.from_records + CatalogIndex.build in a fresh process; "
          "p50/p99 = median over the timed passes)")
    rows = [("size", "rows", "build s", "peak RSS MB", "file MB", "load s", "p50 ms", "p99 ms",
             "brute p50 ms", "ratio", "agreement")]
    for label, s in sizes.items():
        b, q, br, ag = s["build"], s["query"], s.get("brute"), s["agreement"]
        rows.append((
            label, f"{b['rows']:,}", f"{b['build_s']:.1f}", f"{b['rss_peak_build_mb']:,.0f}",
            f"{b['file_bytes'] / 1e6:,.0f}", f"{s['load']['median_s']:.3f}", f"{q['p50_ms']:.2f}",
            f"{q['p99_ms']:.2f}", _fmt(br and br["p50_ms"], ",.1f"),
            _fmt(br and br["ratio"], ",.0f") + ("x" if br else ""),
            f"{ag['rate']:.3f}",
        ))
    _table(rows, right=set(range(1, 11)))

    print("\nDetails")
    rows = [("size", "catalog s", "index s", "build cpu s", "save s", "RSS before MB", "entries", "vocab",
             "1st pass p50/p99 ms", "exhaustive p50 ms", "clear/tied", "load max s")]
    for label, s in sizes.items():
        b, q, ag, ld = s["build"], s["query"], s["agreement"], s["load"]
        rows.append((
            label, f"{b['catalog_s']:.1f}", f"{b['index_s']:.1f}", f"{b['build_cpu_s']:.1f}", f"{b['save_s']:.1f}",
            f"{b['rss_before_mb']:,.0f}", f"{b['entries']:,}", f"{b['vocab']:,}",
            f"{q['first_pass_p50_ms']:.2f} / {q['first_pass_p99_ms']:.2f}", f"{ag['exhaustive_p50_ms']:.1f}",
            f"{ag['clear']}/{ag['tied']}", f"{max(ld['runs_s']):.3f}",
        ))
    _table(rows, right=set(range(1, 12)))

    print("\nTargets")
    rows = [("figure", "value", "target", "status")]
    for label, s in sizes.items():
        b, q, br, ag = s["build"], s["query"], s.get("brute"), s["agreement"]
        big = b["input_rows"] >= BIG_ROWS
        if s["source"] == "the OFF list":
            rows.append((f"{label}: build s (cpu s)", f"{b['build_s']:.1f} ({b['build_cpu_s']:.1f})",
                         f"<= {TARGET_BUILD_S:g}", _mark(b["build_s"] <= TARGET_BUILD_S)))
            rows.append((f"{label}: peak RSS of the build, MB", f"{b['rss_peak_build_mb']:,.0f}",
                         f"<= {TARGET_RSS_MB:,.0f}", _mark(b["rss_peak_build_mb"] <= TARGET_RSS_MB)))
        rows.append((f"{label}: load s (median of {len(s['load']['runs_s'])})", f"{s['load']['median_s']:.3f}",
                     f"<= {TARGET_LOAD_S:g}", _mark(s["load"]["median_s"] <= TARGET_LOAD_S)))
        rows.append((f"{label}: query p50 ms", f"{q['p50_ms']:.2f}", f"<= {TARGET_P50_MS:g}",
                     _mark(q["p50_ms"] <= TARGET_P50_MS)))
        rows.append((f"{label}: query p99 ms", f"{q['p99_ms']:.2f}", f"<= {TARGET_P99_MS:g}",
                     _mark(q["p99_ms"] <= TARGET_P99_MS)))
        if br and big:
            rows.append((f"{label}: brute p50 / index p50 ({br['queries']} queries)", f"{br['ratio']:,.0f}x",
                         f">= {TARGET_BRUTE_RATIO:g}x", _mark(br["ratio"] >= TARGET_BRUTE_RATIO)))
        rows.append((f"{label}: top-1 agreement ({ag['agreed']}/{ag['queries']})", f"{ag['rate']:.3f}",
                     f">= {TARGET_AGREEMENT:g}", _mark(ag["rate"] >= TARGET_AGREEMENT)))
    _table(rows)

    for label, s in sizes.items():
        br = s.get("brute")
        if br:
            print(f"\n{label}: brute force: p50 {br['p50_ms']:,.1f} ms, mean {br['mean_ms']:,.1f}, "
                  f"min {br['min_ms']:,.1f}, max {br['max_ms']:,.1f}; {br['perfect_score_queries']} of "
                  f"{br['queries']} queries have a name scoring 100 (extractOne stops there); index p50 "
                  f"on the same queries {br['index_p50_ms_same_queries']:.2f} ms")
            rounds = br.get("rounds", [])
            if rounds:
                each = ", ".join(f"{r['brute_p50_ms']:,.1f} / {r['index_p50_ms']:.3f} ms = {r['ratio']:,.0f}x"
                                 for r in rounds)
                print(f"{label}: round by round (the baseline right after each timed pass): {each}; "
                      f"the ratio is their median")
            t5 = br.get("top5")
            if t5:
                print(f"{label}: the evaluator's baseline, process.extract top 5 (every name scored), on "
                      f"{t5['queries']} of those queries: p50 {t5['p50_ms']:,.1f} ms against the index's "
                      f"{t5['index_p50_ms_same_queries']:.2f} ms, {t5['ratio']:,.0f}x (not the target's baseline)")
        slow = ", ".join(f"{d['query']!r} {d['median_ms']:.1f}" for d in s["query"]["slowest"])
        print(f"\n{label}: slowest queries (median ms): {slow}")
        for d in s["agreement"]["disagreements"][:5]:
            print(f"{label}: disagrees ({d['kind']}): {d['query']!r}: fast {d['fast']}, "
                  f"exhaustive {d['exhaustive']} (second {d['exhaustive_second']})")
        more = len(s["agreement"]["disagreements"]) - 5
        if more > 0:
            print(f"{label}: … and {more} more disagreements (see --json)")


# --- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"folder with {OFF_FILE} (default: {DEFAULT_DATA})")
    ap.add_argument("--sizes", default=",".join(DEFAULT_SIZES),
                    help="comma list of catalog sizes: 818k is the OFF list itself, smaller sizes "
                         "are subsamples of it, larger ones synthetic (default: %(default)s)")
    ap.add_argument("--quick", action="store_true", help=f"same as --sizes {','.join(QUICK_SIZES)}")
    ap.add_argument("--passes", type=int, default=3, help="timed passes over the queries (default 3)")
    ap.add_argument("--load-runs", type=int, default=3, help="fresh processes timing the load (default 3)")
    ap.add_argument("--brute", type=int, default=30, metavar="N",
                    help="queries for the brute-force baseline, 0 to skip it (default 30)")
    ap.add_argument("--brute-top5", type=int, default=10, metavar="N",
                    help="of those, queries also timed against the linking evaluator's baseline, "
                         "process.extract top 5 (about 1.5 s a query at 818k), 0 to skip it (default 10)")
    ap.add_argument("--workdir", type=Path, help="keep the name files and indexes here (default: a "
                    "temporary folder, removed at the end)")
    ap.add_argument("--profile", type=int, metavar="N", default=0,
                    help="also profile a query pass at the largest size and a 100k build; print the top N")
    ap.add_argument("--json", type=Path, metavar="OUT", help="save the figures as JSON")
    ap.add_argument("--_build", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--_load", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._build:
        child_build(*args._build)
        return 0
    if args._load:
        child_load(*args._load)
        return 0
    if args.passes < 1 or args.load_runs < 1 or args.brute < 0 or args.brute_top5 < 0:
        ap.error("--passes and --load-runs must be at least 1, --brute and --brute-top5 at least 0")
    tokens = list(QUICK_SIZES) if args.quick else [t for t in args.sizes.split(",") if t.strip()]
    try:
        wanted = [(t.strip(), parse_size(t)) for t in tokens]
    except argparse.ArgumentTypeError as exc:
        ap.error(str(exc))

    off_path = args.data / OFF_FILE
    if not off_path.is_file():
        print(f"bench_link: {off_path} not found; pass --data DIR (the folder holding {OFF_FILE}). "
              "Nothing measured.")
        return 0

    run_start = time.perf_counter()
    import numpy
    import rapidfuzz

    import listparse
    from listparse.catalog.index import CatalogIndex
    from listparse.catalog.link import query_concepts

    from listparse.catalog import kernels

    print(f"listparse {listparse.__version__} ({git_commit() or 'no git'}), Python {platform.python_version()}, "
          f"numpy {numpy.__version__}, rapidfuzz {rapidfuzz.__version__}, {kernels.IMPLEMENTATION} kernels, "
          f"{platform.machine()}, {os.cpu_count()} CPUs seen; one process at a time")
    t0 = time.perf_counter()
    off_skus, off_names = read_off(off_path)
    n_off = len(off_names)
    print(f"{n_off:,} named rows in {off_path} (read in {time.perf_counter() - t0:.1f} s)")
    plan = []
    for label, n in sorted(wanted, key=lambda w: w[1] if w[1] is not None else n_off):
        plan.append((label, n_off if n is None else n))
    queries = make_queries()
    kinds = {k: sum(q.kind == k for q in queries) for k in ("base", "typo", "no-accents", "plural")}
    langs = {k: sum(q.lang == k for q in queries) for k in ("fr", "en")}
    brute_queries = random.Random(SEED + 1).sample(queries, min(args.brute, len(queries)))
    brute_ids = {id(q) for q in brute_queries}
    print(f"{len(queries)} queries ({', '.join(f'{v} {k}' for k, v in kinds.items())}; "
          f"{langs['fr']} fr, {langs['en']} en); brute force on {len(brute_queries)} of them")

    query_concepts("lait")  # load the lexicons before anything is timed
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_link_"))
    workdir.mkdir(parents=True, exist_ok=True)
    folded_off: list[str] | None = None
    figures: dict = {
        "meta": {
            **run_meta(), "numpy": numpy.__version__, "rapidfuzz": rapidfuzz.__version__,
            "kernels": kernels.IMPLEMENTATION,
            "data": str(off_path), "off_rows": n_off,
            "seed": SEED, "queries": len(queries), "query_kinds": kinds, "query_langs": langs,
            "brute_queries": [q.text for q in brute_queries], "passes": args.passes,
            "load_runs": args.load_runs, "limit": LIMIT, "clear_margin": CLEAR_MARGIN,
        },
        "targets": {
            "build_s_at_818k": TARGET_BUILD_S, "rss_mb_at_818k": TARGET_RSS_MB, "load_s": TARGET_LOAD_S,
            "p50_ms": TARGET_P50_MS, "p99_ms": TARGET_P99_MS, "brute_ratio": TARGET_BRUTE_RATIO,
            "agreement": TARGET_AGREEMENT,
        },
        "sizes": {},
    }
    profile_text: list[str] = []
    try:
        for label, n in plan:
            print(f"[{time.perf_counter() - run_start:5.0f} s] {label}: preparing {n:,} rows", file=sys.stderr)
            if n == n_off:
                skus, names, how = off_skus, off_names, "the OFF list"
            elif n < n_off:
                skus, names = subsample(off_skus, off_names, n, SEED)
                how = f"subsample of the OFF list, seed {SEED}"
            else:
                skus, names = synthesize(off_skus, off_names, n, SEED)
                how = f"the OFF list + {n - n_off:,} synthetic names, seed {SEED}"
            names_file = workdir / f"names_{label}.tsv"
            index_file = workdir / f"index_{label}.lpidx"
            with open(names_file, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(f"{s}\t{nm}\n" for s, nm in zip(skus, names, strict=True))
            entry: dict = {"input_rows": n, "source": how}

            print(f"[{time.perf_counter() - run_start:5.0f} s] {label}: building (fresh process)", file=sys.stderr)
            built, seen = run_child(["--_build", str(names_file), str(index_file), str(workdir / "build.json")],
                                    workdir / "build.json")
            built["process"] = seen
            entry["build"] = built
            names_file.unlink()

            print(f"[{time.perf_counter() - run_start:5.0f} s] {label}: {args.load_runs} loads", file=sys.stderr)
            loads = [run_child(["--_load", str(index_file), str(workdir / "load.json")], workdir / "load.json")[0]
                     for _ in range(args.load_runs)]
            entry["load"] = {
                "runs_s": [r["load_s"] for r in loads],
                "median_s": statistics.median(r["load_s"] for r in loads),
                "first_query_after_load_ms": statistics.median(r["first_query_s"] for r in loads) * 1e3,
                "process_rss_mb": statistics.median(r["rss_mb"] for r in loads),
            }

            print(f"[{time.perf_counter() - run_start:5.0f} s] {label}: {len(queries)} queries x "
                  f"{args.passes + 1} passes" + (", the brute force after each timed one" if brute_queries else ""),
                  file=sys.stderr)
            index = CatalogIndex.load(index_file)
            folded = None
            rounds: list[dict] = []
            if brute_queries:
                # names are folded once, outside the timing; the baseline runs once after each
                # timed pass, so that both see the machine in the same state, round by round
                t0 = time.perf_counter()
                if n < n_off:
                    folded = [fold(nm) for nm in names]
                else:
                    if folded_off is None:
                        folded_off = [fold(nm) for nm in off_names]
                    folded = folded_off + [fold(nm) for nm in names[n_off:]]
                fold_s = time.perf_counter() - t0
            qp = query_passes(index, queries, args.passes, SEED,
                              after_pass=(lambda p: rounds.append(brute_force(folded, brute_queries)))
                              if brute_queries else None)
            per_query, top = qp.pop("_per_query"), qp.pop("_top")
            qp["slowest"] = slowest_queries(queries, per_query)
            entry["query"] = qp
            by_kind = {}
            for kind in kinds:
                ts = sorted(t for q, tt in zip(queries, per_query, strict=True) if q.kind == kind for t in tt)
                by_kind[kind] = {"p50_ms": _percentile(ts, 50) * 1e3, "p99_ms": _percentile(ts, 99) * 1e3}
            qp["by_kind"] = by_kind

            if brute_queries:
                br = interleaved_ratio(rounds, queries, per_query, brute_ids)
                br["fold_s"] = fold_s
                if args.brute_top5:
                    top5_queries = brute_queries[: args.brute_top5]
                    top5 = brute_force_top5(folded, top5_queries)
                    top5_ids = {id(q) for q in top5_queries}
                    sub5 = sorted(t for q, tt in zip(queries, per_query, strict=True) if id(q) in top5_ids for t in tt)
                    top5["index_p50_ms_same_queries"] = _percentile(sub5, 50) * 1e3
                    top5["ratio"] = top5["p50_ms"] / top5["index_p50_ms_same_queries"]
                    br["top5"] = top5
                entry["brute"] = br
                del folded

            print(f"[{time.perf_counter() - run_start:5.0f} s] {label}: agreement with exhaustive=True",
                  file=sys.stderr)
            entry["agreement"] = agreement(index, queries, top)

            if args.profile and (label, n) == plan[-1]:
                profile_text.append(profile_queries(index, queries, args.profile, label))
            del index, top
            gc.collect()
            figures["sizes"][label] = entry
            del skus, names
        if args.profile:
            print(f"[{time.perf_counter() - run_start:5.0f} s] profiling a 100k build", file=sys.stderr)
            ps, pn = subsample(off_skus, off_names, min(100_000, n_off), SEED)
            profile_text.append(profile_build(ps, pn, args.profile, "100k"))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    total = time.perf_counter() - run_start
    figures["meta"]["total_s"] = total
    print_report(figures)
    print(f"\ntotal run time {total:.0f} s ({total / 60:.1f} min)")
    for text in profile_text:
        print()
        print(text)
    figures["profile"] = profile_text
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
