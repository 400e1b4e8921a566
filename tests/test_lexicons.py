"""The lexicon files: same files in every language, headers, no word lists in code, the unit
registry built from lexicons/units.txt alone, and clear errors for malformed lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

import listparse
from listparse.errors import LexiconError
from listparse.lexicon import LANGUAGE_FILES, SUPPORTED_LANGUAGES, get_language, lexicon_dir, read_table, read_words
from listparse.units import registry

LEXICONS = ROOT / "lexicons"
LANGUAGE_DIRS = sorted(p for p in LEXICONS.iterdir() if p.is_dir())
ALL_FILES = sorted(
    [LEXICONS / "units.txt"] + [p for d in LANGUAGE_DIRS for p in d.iterdir() if p.is_file()]
)
PACKAGE = Path(listparse.__file__).resolve().parent
#: listparse/*.py: every string literal counts
SOURCES = sorted(PACKAGE.glob("*.py"))
#: modules of sub-packages (the stages): only strings holding a word count, so that character
#: maps (typographic quotes, vulgar fractions) are not taken for word lists
NESTED_SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def test_language_folders_exist():
    assert {p.name for p in LANGUAGE_DIRS} >= set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("folder", LANGUAGE_DIRS, ids=lambda p: p.name)
def test_every_language_has_the_same_files(folder):
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(LANGUAGE_FILES)


def test_language_files_are_unique():
    assert len(set(LANGUAGE_FILES)) == len(LANGUAGE_FILES)


def test_lexicon_dir_is_the_checkout_folder():
    assert lexicon_dir().resolve() in (LEXICONS.resolve(), (PACKAGE / "lexicons").resolve())


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(LEXICONS)))
def test_header_comment(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines and lines[0].startswith("#"), f"{path} does not open with a # comment"
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    header_text = "\n".join(header)
    assert "format" in header_text.lower(), f"{path}: header does not give the Format"
    assert "Source" in header_text, f"{path}: header does not give the Source"
    assert "Licence" in header_text, f"{path}: header does not give the Licence"


def _is_word(value: str) -> bool:
    return re.search(r"[^\W\d_]{2}", value) is not None


def _long_literals(path: Path, limit: int = 20, *, words_only: bool = False):
    """(line, count) of list/set/tuple/dict literals holding more than ``limit`` strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # names of attributes and exports (``__slots__``, ``__all__``) are identifiers, not words
    names = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id in ("__slots__", "__all__") for t in node.targets)
    }
    for node in ast.walk(tree):
        if id(node) in names:
            continue
        if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
            elements = node.elts
        elif isinstance(node, ast.Dict):
            elements = [k for k in node.keys if k is not None] + list(node.values)
        else:
            continue
        strings = [
            e
            for e in elements
            if isinstance(e, ast.Constant) and isinstance(e.value, str) and (not words_only or _is_word(e.value))
        ]
        if len(strings) > limit:
            yield node.lineno, len(strings)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_long_word_list_in_code(path):
    found = list(_long_literals(path))
    assert not found, f"{path.name}: literal(s) with more than 20 strings at lines {found}; move them to lexicons/"


@pytest.mark.parametrize("path", NESTED_SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_long_word_list_in_stages(path):
    found = list(_long_literals(path, words_only=True))
    assert not found, f"{path.name}: literal(s) with more than 20 words at lines {found}; move them to lexicons/"


def test_long_literal_check_catches_a_word_list(tmp_path):
    sample = tmp_path / "sample.py"
    words = ", ".join(repr(f"word{i}") for i in range(21))
    sample.write_text(f"A = [{words}]\nB = {{{words}}}\nC = ({words})\nD = {{'a': 'b'}}\n")
    assert len(list(_long_literals(sample))) == 3
    assert len(list(_long_literals(sample, words_only=True))) == 3
    marks = ", ".join(f"{chr(0x2010 + i)!r}: '-'" for i in range(21))
    sample.write_text(f"M = {{{marks}}}\n")
    assert len(list(_long_literals(sample))) == 1
    assert list(_long_literals(sample, words_only=True)) == []
    # attribute names and exports are identifiers, not a word list
    sample.write_text(f"class K:\n    __slots__ = ({words})\n__all__ = [{words}]\n")
    assert list(_long_literals(sample)) == []


# --- the unit registry -------------------------------------------------------------------------


def test_registry_is_not_pints_default():
    ureg = registry()
    assert "quarter" not in ureg
    assert "furlong" not in ureg
    assert str(ureg.Unit("bag").dimensionality) == "[bag]"
    with pytest.raises(Exception):
        ureg.Quantity(1, "bag").to("pound")


def test_registry_canonical_units():
    ureg = registry()
    for unit in ("gram", "kilogram", "milligram", "pound", "ounce"):
        assert str(ureg.Unit(unit).dimensionality) == "[mass]"
    for unit in ("liter", "milliliter", "centiliter", "deciliter", "fluid_ounce", "cup", "tablespoon",
                 "teaspoon", "pint", "quart", "gallon"):
        assert str(ureg.Unit(unit).dimensionality) == "[volume]"
    for unit in ("pack", "bottle", "can", "box", "sachet", "pot", "tray", "carton", "bunch", "slice",
                 "clove", "head", "roll", "pinch", "glass", "piece"):
        assert str(ureg.Unit(unit).dimensionality) == f"[{unit}]"


def test_registry_is_shared():
    assert registry() is registry()


def test_us_customary_factors_are_exact():
    ureg = registry()
    assert ureg.Quantity(1, "pound").to("gram").magnitude == pytest.approx(453.59237)
    assert ureg.Quantity(1, "gallon").to("cup").magnitude == 16
    assert ureg.Quantity(1, "tablespoon").to("teaspoon").magnitude == 3


# --- malformed lexicon lines -------------------------------------------------------------------


def test_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "units.tsv"
    path.write_text("# Format: test. Source: test. Licence: MIT.\ng\tgram\n\nkg kilogram\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_table(path, 2, optional=1)
    message = str(info.value)
    assert str(path) in message or path.name in message
    assert ":4" in message  # the fourth line


def test_too_many_cells(tmp_path):
    path = tmp_path / "numbers.tsv"
    path.write_text("# header\nun\t1\tarticle\textra\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"numbers\.tsv:2"):
        read_table(path, 3)


def test_empty_required_cell(tmp_path):
    path = tmp_path / "numbers.tsv"
    path.write_text("# header\nun\t\tarticle\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"numbers\.tsv:2"):
        read_table(path, 3)


def test_well_formed_table(tmp_path):
    path = tmp_path / "units.tsv"
    path.write_text("# header\n\ng\tgram\tnoplural\nkg\tkilogram\n", encoding="utf-8")
    assert read_table(path, 2, optional=1) == [("g", "gram", "noplural"), ("kg", "kilogram", "")]


def test_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="missing"):
        read_words(tmp_path / "nope.txt")


def test_not_utf8(tmp_path):
    path = tmp_path / "words.txt"
    path.write_bytes(b"# header\ncr\xe8me\n")
    with pytest.raises(LexiconError, match="words.txt"):
        read_words(path)


def test_lexicon_error_is_a_listparse_error():
    assert issubclass(LexiconError, listparse.ListparseError)


# --- one slip away: the unit words typed with a slip ------------------------------------------


def _slips_naive(a: str, b: str) -> int:
    """Optimal string alignment distance, computed in full: the reference for _one_slip."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_one_slip_agrees_with_the_naive_distance():
    import random

    from listparse.lexicon import _one_slip

    rng = random.Random(7)
    for _ in range(3000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 6)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 6)))
        assert _one_slip(a, b) == (_slips_naive(a, b) == 1), (a, b)


@pytest.mark.parametrize(
    ("lang", "word", "canonical"),
    [("en", "tabelspoon", "tablespoon"), ("en", "tablspoon", "tablespoon"), ("en", "ponuds", "pound"),
     ("fr", "gramems", "gram"), ("fr", "branhce", "sprig"),
     ("en", "tbps", None),  # shorter than six letters
     ("en", "tablespoonful", None)],  # more than one slip
)  # fmt: skip
def test_a_unit_word_one_slip_away(lang, word, canonical):
    found = get_language(lang).units.near(word)
    assert (found.canonical if found is not None else None) == canonical
