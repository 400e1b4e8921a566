"""``listparse index build/info`` and linking from the command line: --catalog, --no-link, --top-k."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from listparse import cli
from listparse.catalog import default as default_module
from listparse.catalog.index import FORMAT_VERSION, CatalogIndex
from listparse.catalog.store import is_index_file
from listparse.errors import CatalogError

ROOT = Path(__file__).resolve().parent.parent

CATALOG = """\
sku,name,name_en,brand,size,category,price
T-001,Lait demi-écrémé Lactel 1 L,Lactel semi-skimmed milk 1 L,Lactel,1 L,dairy,1.09
T-002,Pommes Golden sachet 1 kg,Golden apples 1 kg bag,,1 kg,fruit,2.49
T-003,Thon au naturel Petit Navire 140 g,Petit Navire tuna in water 140 g,Petit Navire,140 g,canned,1.99
T-004,Baguette tradition,Traditional baguette,,250 g,bakery,1.10
T-005,Citrons jaunes filet 500 g,Lemons net 500 g,,500 g,fruit,1.79
T-006,Lait entier Candia 1 L,Candia whole milk 1 L,Candia,1 L,dairy,1.25
T-002,Pommes Gala 1 kg,Gala apples 1 kg,,1 kg,fruit,2.29
"""  # the last row repeats a sku: it is skipped, the first T-002 is kept


@pytest.fixture
def run(monkeypatch, capsys):
    """``run(argv, stdin="...") -> (status, stdout, stderr)``, calling ``cli.main`` in process."""

    def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
        status = cli.main(argv)
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def catalog_csv(tmp_path) -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text(CATALOG, encoding="utf-8")
    return path


@pytest.fixture
def index_file(run, catalog_csv, tmp_path) -> Path:
    path = tmp_path / "catalog.lpidx"
    status, out, err = run(["index", "build", str(catalog_csv), "-o", str(path)])
    assert (status, out) == (0, ""), err
    return path


def assert_one_line_error(err: str, *words: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("listparse") and ": error: " in err, err
    for word in words:
        assert word in err, err


def matches(out: str) -> list[list[dict]]:
    """The matches of every item of a JSON result."""
    return [item["matches"] for item in json.loads(out)["items"]]


def skus(out: str) -> list[list[str]]:
    return [[m["sku"] for m in found] for found in matches(out)]


# ---------------------------------------------------------------------------------------------
# index build and index info


def test_index_build_writes_an_index_and_one_summary_line(run, catalog_csv, tmp_path):
    path = tmp_path / "out.lpidx"
    status, out, err = run(["index", "build", str(catalog_csv), "-o", str(path)])
    assert (status, out) == (0, "")
    assert err.count("\n") == 1 and err.startswith("listparse: "), err
    for words in ("6 of 7 products kept", "entries", "terms", "indexed in", " s;", str(path), "1 row problem"):
        assert words in err, err
    assert is_index_file(path)
    index = CatalogIndex.load(path)
    assert len(index.catalog) == 6 and index.catalog.skus[1] == "T-002"
    assert index.catalog.names[1] == "Pommes Golden sachet 1 kg"  # the first row of a repeated sku wins


def test_index_build_format_and_strict(run, catalog_csv, tmp_path):
    path = tmp_path / "out.lpidx"
    status, _, err = run(["index", "build", str(catalog_csv), "-o", str(path), "--format", "csv"])
    assert status == 0 and "1 row problem" in err
    status, _, err = run(["index", "build", str(catalog_csv), "-o", str(tmp_path / "strict.lpidx"), "--strict"])
    assert status == 1
    assert_one_line_error(err, "row 7", "T-002")
    assert not (tmp_path / "strict.lpidx").exists()


@pytest.mark.parametrize(
    ("make_args", "words"),
    [
        (lambda tmp: ["index", "build", str(tmp / "missing.csv"), "-o", str(tmp / "x.lpidx")], ["missing.csv"]),
        (lambda tmp: ["index", "build", str(tmp / "catalog.csv"), "-o", str(tmp / "no" / "x.lpidx")], ["cannot write"]),
        (lambda tmp: ["index", "build", str(tmp / "catalog.csv"), "-o", str(tmp / "catalog.csv")], ["not overwriting"]),
        (lambda tmp: ["index", "info", str(tmp / "missing.lpidx")], ["missing.lpidx"]),
    ],
)
def test_index_errors_are_one_line(run, catalog_csv, tmp_path, make_args, words):
    status, out, err = run(make_args(tmp_path))
    assert (status, out) == (1, "")
    assert_one_line_error(err, *words)
    assert catalog_csv.read_text(encoding="utf-8") == CATALOG
    assert not list(tmp_path.glob("*.tmp"))


def test_index_usage_errors(run, tmp_path):
    status, _, err = run(["index"])
    assert status == 2 and "build" in err
    status, _, err = run(["index", "build", str(tmp_path / "catalog.csv")])  # no -o
    assert status == 2 and "-o" in err


def test_index_info(run, index_file):
    status, out, err = run(["index", "info", str(index_file)])
    assert (status, err) == (0, "")
    fields = dict(line.split(None, 1) for line in out.splitlines()[:3])
    assert fields["file"] == str(index_file)
    assert fields["size"].startswith(f"{index_file.stat().st_size:,} bytes")
    assert fields["format"] == str(FORMAT_VERSION)
    index = CatalogIndex.load(index_file)
    assert f"written by  listparse {cli.__version__}\n" in out
    assert "products    6\n" in out
    assert f"entries     {index.n_entries:,}\n" in out
    assert f"vocabulary  {len(index.vocab):,} terms\n" in out
    from listparse.catalog import kernels

    assert f"kernels     {kernels.IMPLEMENTATION} (" in out
    table = out.split("\n\n", 1)[1].splitlines()
    assert table[0].split() == ["array", "dtype", "shape"]
    rows = {row.split()[0]: row.split()[1:] for row in table[1:]}
    assert rows["entry_row"] == [str(index.a["entry_row"].dtype), str(index.n_entries)]
    assert set(index.a) <= set(rows)


def test_a_truncated_index_is_one_line(run, index_file, tmp_path):
    cut = tmp_path / "cut.lpidx"
    data = index_file.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    status, out, err = run(["index", "info", str(cut)])
    assert (status, out) == (1, "")
    assert_one_line_error(err, "cut.lpidx", "truncated")
    status, out, err = run(["--catalog", str(cut)], "2 kg de pommes")
    assert (status, out) == (1, "")
    assert_one_line_error(err, "cut.lpidx", "truncated")


def test_random_bytes_are_one_line(run, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(4096))
    status, out, err = run(["index", "info", str(junk)])
    assert (status, out) == (1, "")
    assert_one_line_error(err, "junk.bin", "not a listparse index file")
    status, out, err = run(["--catalog", str(junk)], "2 kg de pommes")  # read as a catalog file
    assert (status, out) == (1, "")
    assert_one_line_error(err, "junk.bin")


# ---------------------------------------------------------------------------------------------
# linking: --catalog, --no-link, --top-k


def test_catalog_file_and_built_index_give_the_same_matches(run, catalog_csv, index_file):
    text = "2 kg de pommes\ndu lait\n3 citrons\n2 boîtes de thon\n"
    status, from_csv, err = run(["--catalog", str(catalog_csv)], text)
    assert status == 0
    assert err.count("\n") == 1 and "warning" in err and "1 row skipped" in err  # the repeated sku
    status, from_index, err = run(["--catalog", str(index_file)], text)
    assert (status, err) == (0, "")
    assert matches(from_csv) == matches(from_index)
    found = skus(from_index)
    assert found[0][0] == "T-002"  # pommes
    assert set(found[1]) == {"T-001", "T-006"}  # both milks
    assert found[2][0] == "T-005" and found[3][0] == "T-003"
    best = matches(from_index)[0][0]
    assert best == {"sku": "T-002", "name": "Pommes Golden sachet 1 kg", "score": best["score"], "pack_count": 2}
    assert 0.5 <= best["score"] <= 1.0


def test_top_k(run, index_file):
    status, out, _ = run(["--catalog", str(index_file)], "du lait")
    assert status == 0 and len(skus(out)[0]) == 2
    status, out, _ = run(["--catalog", str(index_file), "--top-k", "1"], "du lait")
    assert status == 0 and len(skus(out)[0]) == 1
    for bad in ("0", "101", "x"):
        status, _, err = run(["--top-k", bad], "du lait")
        assert status == 2 and "--top-k" in err


def test_no_link_gives_empty_matches(run, index_file):
    status, out, err = run(["--no-link"], "2 kg de pommes\ndu lait")
    assert (status, err) == (0, "")
    assert matches(out) == [[], []]
    status, _, err = run(["--no-link", "--catalog", str(index_file)], "du lait")
    assert status == 2 and "not allowed with" in err


def test_table_and_csv_show_the_best_match(run, index_file):
    status, out, _ = run(["--catalog", str(index_file), "--format", "table"], "2 kg de pommes\n")
    header, row = out.splitlines()
    assert status == 0
    assert header.split() == ["quantity", "unit", "name", "size", "details", "match"]
    assert row.split()[:3] == ["2", "kilogram", "pommes"]
    assert "T-002 Pommes Golden sachet 1 kg (" in row and row.endswith(")")
    status, out, _ = run(["--catalog", str(index_file), "--format", "table", "--each-line"], "2 kg de pommes\n")
    assert out.splitlines()[0].split()[-1] == "match" and "T-002 Pommes Golden" in out
    status, out, _ = run(["--catalog", str(index_file), "--format", "csv"], "2 kg de pommes\nchaussettes\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert (rows[0]["match_sku"], rows[0]["match_name"]) == ("T-002", "Pommes Golden sachet 1 kg")
    assert 0.5 <= float(rows[0]["match_score"]) <= 1.0
    assert (rows[1]["match_sku"], rows[1]["match_name"], rows[1]["match_score"]) == ("", "", "")
    status, out, _ = run(["--no-link", "--format", "table"], "2 kg de pommes\n")
    assert out.splitlines()[0].split() == ["quantity", "unit", "name", "size", "details"]


def test_explain_shows_the_link_stage(run, index_file):
    status, out, _ = run(["--catalog", str(index_file), "--explain"], "2 kg de pommes")
    assert status == 0 and "── link" in out and "T-002" in out


def test_a_missing_default_catalog_links_nothing_and_says_nothing(run, monkeypatch):
    def missing():
        raise CatalogError("the default catalog is not installed")

    monkeypatch.setattr(default_module, "default_catalog_path", missing)
    status, out, err = run([], "2 kg de pommes")
    assert (status, err) == (0, "")
    assert matches(out) == [[]]


def test_the_default_catalog_is_linked_by_default(run):
    if not (ROOT / "listparse" / "data" / "default_catalog.csv").is_file():
        pytest.skip("the default catalog (listparse/data/default_catalog.csv) is not there yet")
    status, out, err = run([], "2 kg de pommes")
    assert (status, err) == (0, "")
    (found,) = matches(out)
    assert found and all(m["sku"] for m in found)


# ---------------------------------------------------------------------------------------------
# real processes


def _python(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, timeout=120, cwd=ROOT)


def test_build_info_and_link_in_processes(catalog_csv, tmp_path):
    path = tmp_path / "p.lpidx"
    proc = _python("-m", "listparse", "index", "build", str(catalog_csv), "-o", str(path))
    assert proc.returncode == 0 and proc.stdout == b"", proc.stderr
    assert proc.stderr.decode().count("\n") == 1
    proc = _python("-m", "listparse", "index", "info", str(path))
    assert proc.returncode == 0, proc.stderr
    assert b"products    6\n" in proc.stdout
    proc = _python("-m", "listparse", "--catalog", str(path), "--top-k", "1", stdin=b"2 kg de pommes")
    assert proc.returncode == 0, proc.stderr
    assert skus(proc.stdout.decode()) == [["T-002"]]
    junk = tmp_path / "junk.lpidx"
    junk.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    proc = _python("-m", "listparse", "index", "info", str(junk))
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert_one_line_error(proc.stderr.decode(), "truncated")


def test_no_link_does_not_load_the_catalog_code():
    code = (
        "import sys; from listparse import cli; status = cli.main(['--no-link']); "
        "print(status, sorted(m for m in ('numpy', 'rapidfuzz', 'listparse.catalog') if m in sys.modules), "
        "file=sys.stderr)"
    )
    proc = _python("-c", code, stdin=b"2 kg de pommes")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().strip() == "0 []"
    assert json.loads(proc.stdout)["items"][0]["matches"] == []
