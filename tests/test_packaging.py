"""The wheel ships the lexicons, the default catalog, ``py.typed`` and the ``listparse`` command,
and works alone."""

from __future__ import annotations

import configparser
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "lexicons"
DEFAULT_CATALOG = ROOT / "listparse" / "data" / "default_catalog.csv"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built offline with the installed hatchling (pip, no build isolation)."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed, so the wheel cannot be built offline: pip install hatchling")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
         "--wheel-dir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (path,) = out.glob("listparse-*.whl")
    return path


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_lexicons_are_in_the_wheel(names):
    assert "listparse/lexicons/units.txt" in names
    for lang in ("fr", "en"):
        shipped = {n for n in names if n.startswith(f"listparse/lexicons/{lang}/")}
        assert any(n.endswith(".tsv") for n in shipped) and any(n.endswith(".txt") for n in shipped)
    source = {p.relative_to(ROOT).as_posix() for p in LEXICONS.rglob("*") if p.is_file()}
    assert source, "no lexicon files in the checkout"
    assert {f"listparse/{p}" for p in source} <= names


def test_default_catalog_is_in_the_wheel(wheel, names):
    if not DEFAULT_CATALOG.is_file():
        pytest.skip(f"the default catalog is not in the checkout yet ({DEFAULT_CATALOG})")
    assert "listparse/data/default_catalog.csv" in names
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("listparse/data/default_catalog.csv")
    assert shipped.startswith(b"sku,name"), shipped[:80]


def test_py_typed_is_in_the_wheel(names):
    assert "listparse/py.typed" in names


def test_entry_point_is_declared(wheel, names):
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    with zipfile.ZipFile(wheel) as archive:
        parser.read_string(archive.read(entry_points).decode())
    assert parser["console_scripts"]["listparse"].strip() == "listparse.cli:main"


def test_the_wheel_parses_with_its_own_lexicons(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    code = (
        "import listparse, listparse.lexicon as lx; "
        "item = listparse.parse('2 kg de pommes').items[0]; "
        "print(listparse.__file__, lx.lexicon_dir(), item.name, item.unit, sep='\\n')"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    module, lexicons, name, unit = proc.stdout.splitlines()
    assert Path(module).is_relative_to(tmp_path)
    assert Path(lexicons) == tmp_path / "listparse" / "lexicons"
    assert (name, unit) == ("pommes", "kilogram")


def test_the_wheel_links_to_its_own_default_catalog(wheel, tmp_path):
    if not DEFAULT_CATALOG.is_file():
        pytest.skip(f"the default catalog is not in the checkout yet ({DEFAULT_CATALOG})")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    code = (
        "from listparse.catalog.default import default_catalog, default_catalog_path; "
        "print(default_catalog_path(), len(default_catalog()), sep='\\n')"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    path, rows = proc.stdout.splitlines()
    assert Path(path) == tmp_path / "listparse" / "data" / "default_catalog.csv"
    assert int(rows) > 0


def test_the_wheel_carries_the_compiled_kernels(wheel, names):
    import shutil

    if os.environ.get("LISTPARSE_PURE_PYTHON", "").strip() not in ("", "0") or not (
        shutil.which("cc") or shutil.which("gcc")
    ):
        pytest.skip("no C compiler here, or LISTPARSE_PURE_PYTHON is set: the wheel is pure Python")
    kernels = [n for n in names if n.startswith("listparse/catalog/_kernels") and n.endswith((".so", ".pyd"))]
    assert len(kernels) == 1, sorted(n for n in names if "kernels" in n)
    assert not [n for n in names if "/csrc/" in n]  # the C source stays in the sdist
    assert "-none-any" not in wheel.name  # a platform wheel
