"""The ``listparse`` command: formats, --each-line, --explain, schema and exit statuses."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from listparse import ParseOptions, ShoppingList, __version__, cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run(monkeypatch, capsys):
    """``run(argv, stdin=b"...") -> (status, stdout, stderr)``, calling ``cli.main`` in process."""

    def run(argv: list[str], stdin: bytes | str = b"") -> tuple[int, str, str]:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        status = cli.main(argv)
        out, err = capsys.readouterr()
        return status, out, err

    return run


def assert_one_line_error(err: str, *words: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("listparse"), err
    assert ": error: " in err
    for word in words:
        assert word in err, err


def pommes(item: dict) -> None:
    assert (item["name"], item["quantity"], item["unit"]) == ("pommes", 2.0, "kilogram")
    assert isinstance(item["quantity"], float)


# ---------------------------------------------------------------------------------------------
# formats


def test_json_is_the_default_for_one_list(run):
    status, out, err = run([], "2 kg de pommes\n3 citrons\n")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["lang"] == "fr"
    pommes(data["items"][0])
    assert [i["name"] for i in data["items"]] == ["pommes", "citrons"]
    assert data["items"][0]["span"] == [0, 14] and data["items"][0]["text"] == "2 kg de pommes"
    ShoppingList.model_validate(data)  # the output is exactly the result model


def test_jsonl_is_one_object_a_line(run):
    status, out, _ = run(["--format", "jsonl"], "2 kg de pommes, 3 citrons")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 1
    pommes(json.loads(lines[0])["items"][0])


def test_csv_has_a_header_and_a_row_per_item(run):
    status, out, _ = run(["--format", "csv"], "2 kg de pommes\n3 citrons\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert list(rows[0]) == list(cli.CSV_COLUMNS)
    assert [(r["list"], r["name"], r["quantity"], r["unit"]) for r in rows] == [
        ("1", "pommes", "2", "kilogram"),
        ("1", "citrons", "3", ""),
    ]
    assert (rows[0]["start"], rows[0]["end"], rows[0]["lang"], rows[0]["line"]) == ("0", "14", "fr", "")


def test_table_is_aligned_for_people(run):
    status, out, _ = run(["--format", "table", "--no-link"], "2 kg de pommes\n3 citrons\n")  # no match column
    header, *rows = out.splitlines()
    assert status == 0
    assert header.split() == ["quantity", "unit", "name", "size", "details"]
    assert rows[0].split() == ["2", "kilogram", "pommes"]
    assert rows[1].split() == ["3", "citrons"]
    assert header.index("name") == rows[0].index("pommes") == rows[1].index("citrons")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "table", "csv"])
def test_every_format_shows_the_items(run, fmt):
    status, out, err = run(["--format", fmt], "2 cans of tomatoes and a dozen eggs")
    assert (status, err) == (0, "")
    assert "tomatoes" in out and "eggs" in out
    assert "can" in out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "table", "csv"])
def test_an_empty_input_is_an_empty_list(run, fmt):
    status, out, err = run(["--format", fmt], "")
    assert (status, err) == (0, "")
    if fmt == "json":
        assert json.loads(out)["items"] == []
    elif fmt == "csv":
        assert out.splitlines() == [",".join(cli.CSV_COLUMNS)]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("fr", "2 kg de pommes", "pommes"),
        ("en", "2 cans of tomatoes", "tomatoes"),
        ("en", "3 citrons", "citrons"),  # the language asked for wins over detection
        ("fr", "3 citrons", "citrons"),
    ],
)
def test_lang(run, lang, text, name):
    status, out, _ = run(["--lang", lang], text)
    data = json.loads(out)
    assert status == 0
    assert data["lang"] == lang
    assert data["items"][0]["name"] == name


def test_language_is_detected_without_lang(run):
    _, out, _ = run([], "2 lbs of chicken breasts, a dozen eggs and 1 cup of milk")
    data = json.loads(out)
    assert data["lang"] == "en"
    assert [(i["name"], i["quantity"], i["unit"]) for i in data["items"]] == [
        ("chicken breasts", 2.0, "pound"),
        ("eggs", 12.0, None),
        ("milk", 1.0, "cup"),
    ]


def test_files_and_stdin_dash(run, tmp_path):
    first = tmp_path / "a.txt"
    first.write_text("2 kg de pommes\n", encoding="utf-8")
    status, out, _ = run([str(first), "-"], "2 cans of tomatoes")
    records = [json.loads(line) for line in out.splitlines()]  # several lists: jsonl
    assert status == 0
    assert [(r["file"], r["lang"], r["items"][0]["name"]) for r in records] == [
        (str(first), "fr", "pommes"),
        ("<stdin>", "en", "tomatoes"),
    ]


def test_json_with_several_lists_is_an_array(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("3 citrons", encoding="utf-8")
    status, out, _ = run(["--format", "json", str(path), str(path)], "")
    data = json.loads(out)
    assert status == 0 and len(data) == 2
    assert all(d["items"][0]["name"] == "citrons" for d in data)


def test_bom_and_crlf(run):
    status, out, _ = run([], b"\xef\xbb\xbf2 kg de pommes\r\n")
    assert status == 0
    pommes(json.loads(out)["items"][0])


def test_a_file_named_like_a_command_after_double_dash(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("schema").write_text("3 citrons", encoding="utf-8")
    status, out, _ = run(["--", "schema"])
    assert status == 0
    assert json.loads(out)["items"][0]["name"] == "citrons"


# ---------------------------------------------------------------------------------------------
# --each-line

BATCH = "2 kg de pommes\n\n🍎🍎 \x07\x1b[31m ?? \x00 \u200b\n2 cans of tomatoes\n"


def test_each_line_is_one_record_a_line_in_input_order(run):
    status, out, err = run(["--each-line"], BATCH)
    records = [json.loads(line) for line in out.splitlines()]
    assert (status, err) == (0, "")
    assert [r["line"] for r in records] == [1, 2, 3, 4]
    pommes(records[0]["items"][0])
    assert records[1]["items"] == []  # a blank line is an empty list, kept so lines stay aligned
    assert "error" not in records[2] and "items" in records[2]  # garbage parses to something
    assert records[3]["lang"] == "en" and records[3]["items"][0]["name"] == "tomatoes"


def test_each_line_csv(run):
    status, out, _ = run(["--each-line", "--format", "csv"], BATCH)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    named = [(r["line"], r["name"], r["quantity"], r["unit"]) for r in rows if r["name"] in ("pommes", "tomatoes")]
    assert named == [("1", "pommes", "2", "kilogram"), ("4", "tomatoes", "2", "can")]
    assert [int(r["line"]) for r in rows] == sorted(int(r["line"]) for r in rows)


def test_each_line_json_is_an_array(run):
    status, out, _ = run(["--each-line", "--format", "json"], "3 citrons\n2 kg de pommes\n")
    data = json.loads(out)
    assert status == 0
    assert [d["line"] for d in data] == [1, 2]
    pommes(data[1]["items"][0])


def test_each_line_table(run):
    status, out, _ = run(["--each-line", "--format", "table", "--no-link"], BATCH)  # no match column
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split() == ["line", "quantity", "unit", "name", "size", "details"]
    assert lines[1].split() == ["1", "2", "kilogram", "pommes"]
    assert "\x1b" not in out and "\x07" not in out  # control characters are escaped for terminals


def test_each_line_invalid_utf8_is_reported_per_line(run):
    data = b"2 kg de pommes\nbad \xff byte\n3 citrons\n"
    status, out, err = run(["--each-line"], data)
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[1] == {"line": 2, "error": "invalid UTF-8 at byte offset 19 (byte 0xff)"}
    assert records[2]["items"][0]["name"] == "citrons"  # the lines after it are still parsed
    assert_one_line_error(err, "<stdin>:2:", "byte offset 19")


def test_each_line_skips_a_line_over_the_limit(run, monkeypatch):
    monkeypatch.setattr(cli, "ParseOptions", lambda: ParseOptions(max_chars=40))
    status, out, err = run(["--each-line"], "3 citrons\n" + "pommes " * 100 + "\n2 kg de pommes\n")
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert "over the limit" in records[1]["error"]
    pommes(records[2]["items"][0])
    assert_one_line_error(err, "<stdin>:2:")


def test_each_line_reads_lazily():
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            line = b"3 citrons\n" * 10
            buffer[: len(line)] = line
            return len(line)

    lines = cli.read_lines(io.BufferedReader(Endless()), max_chars=100)
    assert [line.text for line in itertools.islice(lines, 3)] == ["3 citrons"] * 3


def test_each_line_shows_progress_only_on_a_terminal(run, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    status, _, err = run(["--each-line"], "3 citrons\n" * 5)
    assert (status, err) == (0, "")  # stderr is not a terminal: no progress

    terminal = Terminal()
    monkeypatch.setattr(cli, "_PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(sys, "stderr", terminal)
    status, out, _ = run(["--each-line"], "3 citrons\n" * 5)
    assert status == 0 and len(out.splitlines()) == 5
    shown = terminal.getvalue()
    assert "\r<stdin>: " in shown and "5 lines" in shown and "lines/s" in shown


# ---------------------------------------------------------------------------------------------
# --explain, schema, --version


def test_explain_shows_every_stage(run):
    status, out, _ = run(["--explain", "--lang", "fr"], "2 kg de pommes")
    assert status == 0
    assert out.startswith("input: '2 kg de pommes'")
    for stage in ("normalize", "detect_language", "tokenize", "clean", "segment", "assemble", "build"):
        assert f"── {stage}" in out
    assert '"name":"pommes"' in out


def test_explain_each_line_titles_every_line(run):
    status, out, _ = run(["--explain", "--each-line"], "3 citrons\n2 kg de pommes\n")
    assert status == 0
    assert "# <stdin>:1\ninput: '3 citrons'" in out
    assert "# <stdin>:2\ninput: '2 kg de pommes'" in out


def test_schema(run):
    status, out, _ = run(["schema"])
    schema = json.loads(out)
    assert status == 0
    assert schema == ShoppingList.model_json_schema()
    assert {"lang", "items", "warnings"} <= set(schema["properties"])
    assert schema["$defs"]["Item"]["properties"]["quantity"]["anyOf"][0] == {"type": "number"}


def test_version(run):
    status, out, _ = run(["--version"])
    assert (status, out) == (0, f"listparse {__version__}\n")


@pytest.mark.parametrize("argv", [["--help"], ["schema", "--help"]])
def test_help(run, argv):
    status, out, _ = run(argv)
    assert status == 0 and "usage: listparse" in out


def test_help_lists_the_commands(run):
    _, out, _ = run(["--help"])
    assert "schema" in out and "--each-line" in out


# ---------------------------------------------------------------------------------------------
# errors


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--format", "xml"], ["--format", "xml"]),
        (["--lang", "de"], ["--lang", "de"]),
        (["--explain", "--format", "csv"], ["--explain"]),
        (["--no-such-option"], ["--no-such-option"]),
        (["schema", "extra"], ["listparse schema: error:", "extra"]),
    ],
)
def test_usage_errors_exit_2(run, argv, words):
    status, out, err = run(argv)
    assert (status, out) == (2, "")
    assert_one_line_error(err, *words)


def test_missing_file_exits_1(run, tmp_path):
    missing = tmp_path / "missing.txt"
    status, out, err = run([str(missing)])
    assert (status, out) == (1, "")
    assert_one_line_error(err, str(missing), "No such file")


def test_misspelt_command_gets_a_hint(run):
    status, _, err = run(["shema"])
    assert status == 1
    assert_one_line_error(err, "did you mean 'listparse schema'")


def test_a_directory_exits_1(run, tmp_path):
    status, _, err = run([str(tmp_path)])
    assert status == 1
    assert_one_line_error(err, str(tmp_path))


def test_invalid_utf8_names_the_file_and_byte_offset(run, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("2 kg de pommes\ncrème fraîche".encode("latin-1"))
    status, out, err = run([str(path)])
    assert (status, out) == (1, "")
    assert_one_line_error(err, f"{path}: invalid UTF-8 at byte offset 17 (byte 0xe8)")


def test_a_character_split_across_read_chunks_is_fine(run, monkeypatch):
    monkeypatch.setattr(cli, "_CHUNK", 3)
    status, out, _ = run([], "2 kg de pommes, 1 crème fraîche")
    assert status == 0
    assert json.loads(out)["items"][1]["text"] == "1 crème fraîche"
    status, _, err = run([], b"2 kg de pommes \xc3")  # truncated at the end
    assert status == 1
    assert_one_line_error(err, "byte offset 15 (byte 0xc3)")


def test_input_over_the_limit_suggests_each_line(run, monkeypatch):
    monkeypatch.setattr(cli, "ParseOptions", lambda: ParseOptions(max_chars=100))
    status, out, err = run([], "3 citrons\n" * 50)
    assert (status, out) == (1, "")
    assert_one_line_error(err, "over the limit of 100 characters", "--each-line")


def test_one_unreadable_file_does_not_stop_the_others(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("3 citrons", encoding="utf-8")
    status, out, err = run([str(tmp_path / "missing.txt"), str(good)])
    assert status == 1
    assert json.loads(out)["items"][0]["name"] == "citrons"
    assert_one_line_error(err, "missing.txt")


# ---------------------------------------------------------------------------------------------
# real processes


def _python(*args: str, stdin: bytes = b"", timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, timeout=timeout, cwd=ROOT)


def test_python_m_listparse():
    proc = _python("-m", "listparse", "--format", "jsonl", stdin=b"2 kg de pommes")
    assert proc.returncode == 0, proc.stderr
    pommes(json.loads(proc.stdout)["items"][0])


def console_script() -> str:
    script = Path(sys.executable).with_name("listparse")
    found = str(script) if script.exists() else shutil.which("listparse")
    if found is None:
        pytest.skip("the listparse console script is not installed (pip install -e .)")
    return found


def test_console_script(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("2 kg de pommes\n\n2 cans of tomatoes\n", encoding="utf-8")
    proc = subprocess.run(
        [console_script(), "--each-line", "--format", "csv", str(path)], capture_output=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert [(r["line"], r["name"], r["unit"]) for r in rows] == [("1", "pommes", "kilogram"), ("3", "tomatoes", "can")]


def test_console_script_errors_are_one_line():
    proc = subprocess.run([console_script(), "no-such-file.txt"], capture_output=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == b""
    assert_one_line_error(proc.stderr.decode(), "no-such-file.txt")
    proc = subprocess.run([console_script(), "--format"], capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr.decode(), "--format")


def test_process_reports_input_over_the_limit():
    big = ("3 citrons\n" * (ParseOptions().max_chars // 10 + 1)).encode()
    proc = _python("-m", "listparse", stdin=big)
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert_one_line_error(proc.stderr.decode(), "over the limit", "--each-line")


def test_each_line_answers_before_the_input_ends():
    proc = subprocess.Popen(
        [sys.executable, "-m", "listparse", "--each-line", "--format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write(b"2 kg de pommes\n")
        proc.stdin.flush()
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=30)
        assert got, "no output while the input was still open"
        pommes(json.loads(got[0])["items"][0])
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


def test_closed_output_pipe_is_quiet():
    proc = subprocess.Popen(
        [sys.executable, "-m", "listparse", "--each-line"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout and proc.stderr
    proc.stdout.close()  # like `listparse ... | head -0`
    _, err = proc.communicate(b"3 citrons\n" * 2000, timeout=120)
    assert proc.returncode == 141
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_cold_import_does_not_load_spacy():
    code = "import sys, listparse.cli; print(sorted(m for m in ('spacy', 'thinc', 'torch') if m in sys.modules))"
    proc = _python("-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == b"[]"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX only")
def test_unreadable_file(run, tmp_path):
    if os.getuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "secret.txt"
    path.write_text("3 citrons", encoding="utf-8")
    path.chmod(0)
    status, _, err = run([str(path)])
    assert status == 1
    assert_one_line_error(err, "Permission denied")
