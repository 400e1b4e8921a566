"""Saving and loading the index: round trips, damaged and foreign files, lazy loading."""

from __future__ import annotations

import csv
import itertools
import json
import mmap
import random
import struct
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import listparse
from listparse import IndexFileError
from listparse.catalog import Catalog, store
from listparse.catalog.index import FORMAT_VERSION, CatalogIndex
from listparse.catalog.keys import profile
from listparse.catalog.link import query_concepts
from listparse.catalog.store import is_index_file, load_index, save_index

MAGIC = b"LPIDX\x00"

RECORDS = [
    {"sku": "A1", "name": "Lait demi-écrémé 1 L", "brand": "Lactel", "price": "1,05", "lang": "fr",
     "aliases": "Semi-skimmed milk|Lait ½ écr.", "category": "Laits", "ean": "3428270002024"},
    {"sku": "A2", "name": "Lait demi-écrémé 6 x 1 L", "brand": "Lactel", "price": "6.30", "lang": "fr"},
    {"sku": "A3", "name": "Lait demi-écrémé 20 cl", "brand": "Candia", "price": "0.59", "lang": "fr"},
    {"sku": "B1", "name": "Whole Milk, 1 gal", "brand": "Horizon", "price": "$4.99", "lang": "en",
     "name_fr": "Lait entier"},
    {"sku": "C1", "name": "Eau minérale", "size": "6 x 1,5 L", "price": "3.20"},
    {"sku": "C2", "name": "Coca-Cola 24 x 33 cl", "pack_count": "24", "price": "12"},
    {"sku": "D1", "name": "Pommes Golden 1 kg", "price": "2.49"},
    {"sku": "D2", "name": "Tomates cerises 250 g"},
    {"sku": "E1", "name": "Strawberries, 16 oz", "price": "3.99", "lang": "en"},
    {"sku": "E2", "name": "Chicken Breast, 1.5 lb", "price": "7.48", "lang": "en"},
    {"sku": "F1", "name": "Молоко 1 L", "price": "0.99"},
    {"sku": "F2", "name": "牛奶 250 ml"},
    {"sku": "G1", "name": "Beurre doux 250 g", "brand": "Président", "price": "2.15",
     "aliases": ["Unsalted butter", "Beurre doux plaquette"]},
    {"sku": "G2", "name": "500 g"},  # no terms: not indexed, still a product
    {"sku": "H1", "name": "Sucre en poudre 1 kg", "size": "1 kg", "pack_count": 1, "price": "1"},
]  # fmt: skip

COLUMNS = ("skus", "names", "aliases", "brands", "sizes", "pack_counts", "prices", "langs", "categories", "eans")

QUERIES = [
    ("lait", "fr"),
    ("2 litres de lait", "fr"),
    ("lait ½ écrémé Lactel", "fr"),
    ("3 bouteilles de lait", "fr"),
    ("pack d'eau", "fr"),
    ("coca", "fr"),
    ("pommes", "fr"),
    ("tomates cerises", "fr"),
    ("beurre", "fr"),
    ("sucre", "fr"),
    ("молоко", "fr"),
    ("fromaje", "fr"),
    ("whole milk", "en"),
    ("2 lbs of chicken breasts", "en"),
    ("strawberries", "en"),
    ("unsalted butter", "en"),
    ("AA batteries", "en"),
]


def column(catalog: Catalog, name: str) -> list:
    values = getattr(catalog, name)
    return [values[i] for i in range(len(catalog))]


def hits(index: CatalogIndex, text: str, *, exhaustive: bool = False) -> list[tuple]:
    concepts = index.concepts(query_concepts(text))
    words, _, _, complement = profile(text)
    found = index.search(concepts, limit=10, query_text=" ".join(words), head=0, complement=complement,
                         exhaustive=exhaustive)  # fmt: skip
    return [(h.row, h.score) for h in found]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[CatalogIndex, Path]:
    catalog = Catalog.from_records(RECORDS)
    index = CatalogIndex.build(catalog)
    path = tmp_path_factory.mktemp("index") / "catalog.lpidx"
    index.save(path)
    return index, path


# --- round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", COLUMNS)
def test_round_trip_keeps_catalog_columns(saved, name):
    index, path = saved
    loaded = load_index(path)
    assert len(loaded.catalog) == len(index.catalog)
    assert column(loaded.catalog, name) == column(index.catalog, name)


def test_round_trip_keeps_products(saved):
    index, path = saved
    loaded = CatalogIndex.load(path)
    for i in range(len(index.catalog)):
        mine, theirs = index.catalog.product(i), loaded.catalog.product(i)
        assert mine.model_dump(exclude={"attributes"}) == theirs.model_dump(exclude={"attributes"})


def test_round_trip_keeps_the_index(saved):
    index, path = saved
    loaded = load_index(path)
    assert loaded.vocab == index.vocab
    assert loaded.n_entries == index.n_entries
    for name, array in index.a.items():
        assert np.array_equal(loaded.a[name], array), name


@pytest.mark.parametrize("exhaustive", [False, True])
@pytest.mark.parametrize(("text", "lang"), QUERIES)
def test_round_trip_gives_identical_search_results(saved, text, lang, exhaustive):
    index, path = saved
    loaded = load_index(path)
    assert hits(loaded, text, exhaustive=exhaustive) == hits(index, text, exhaustive=exhaustive)


@pytest.mark.parametrize(("text", "lang"), QUERIES)
def test_round_trip_gives_identical_matches(saved, text, lang):
    index, path = saved
    loaded = load_index(path)
    before = listparse.parse(text, lang=lang, catalog=index.catalog)
    after = listparse.parse(text, lang=lang, catalog=loaded)
    assert after == before


def test_saved_twice_and_reloaded(tmp_path, saved):
    _, path = saved
    again = tmp_path / "again.lpidx"
    load_index(path).save(again)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "price", ["0.995", "2.499", "19.999"]
)
def test_round_trip_keeps_exact_prices(tmp_path, price):
    catalog = Catalog.from_records([{"sku": "x", "name": "Huile d'olive 1 L", "price": price}])
    assert catalog.prices[0] == Fraction(price)
    path = tmp_path / "prices.lpidx"
    save_index(CatalogIndex.build(catalog), path)
    assert load_index(path).catalog.prices[0] == Fraction(price)


def test_round_trip_of_an_empty_catalog(tmp_path):
    path = tmp_path / "empty.lpidx"
    save_index(CatalogIndex.build(Catalog.from_records([])), path)
    loaded = load_index(path)
    assert len(loaded.catalog) == 0 and loaded.n_entries == 0
    assert hits(loaded, "lait") == []
    assert listparse.parse("lait", lang="fr", catalog=loaded).items[0].matches == ()


def test_is_index_file(saved, tmp_path):
    _, path = saved
    assert is_index_file(path)
    other = tmp_path / "catalog.csv"
    other.write_text("sku,name\n1,Lait\n")
    assert not is_index_file(other)
    assert not is_index_file(tmp_path / "missing.lpidx")


# --- damaged and foreign files --------------------------------------------------------------


def check_refused(path: Path) -> IndexFileError:
    """Loading ``path`` raises IndexFileError naming the file, and nothing else."""
    with pytest.raises(IndexFileError) as caught:
        load_index(path)
    assert str(path) in str(caught.value)
    return caught.value


def header_of(data: bytes) -> tuple[int, dict]:
    (length,) = struct.unpack("<I", data[len(MAGIC) : len(MAGIC) + 4])
    return length, json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + length])


def with_header(data: bytes, header) -> bytes:
    """``data`` with its JSON header replaced (padded to the same length, so the arrays stay)."""
    length, _ = header_of(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    assert len(raw) <= length
    raw += b" " * (length - len(raw))
    return data[: len(MAGIC) + 4] + raw + data[len(MAGIC) + 4 + length :]


def rewritten(path, tmp_path, change) -> Path:
    """A copy of the saved index at ``path`` whose header ``change(header)`` edited in place."""
    data = path.read_bytes()
    _, header = header_of(data)
    change(header)
    other = tmp_path / "other.lpidx"
    other.write_bytes(with_header(data, header))
    return other


CUTS = {
    "empty": lambda header_end, start, size: 0,
    "inside the magic": lambda header_end, start, size: 3,
    "after the magic": lambda header_end, start, size: len(MAGIC),
    "inside the length": lambda header_end, start, size: len(MAGIC) + 2,
    "after the length": lambda header_end, start, size: len(MAGIC) + 4,
    "one header byte": lambda header_end, start, size: len(MAGIC) + 5,
    "middle of the header": lambda header_end, start, size: (len(MAGIC) + 4 + header_end) // 2,
    "last header byte missing": lambda header_end, start, size: header_end - 1,
    "end of the header": lambda header_end, start, size: header_end,
    "start of the arrays": lambda header_end, start, size: start,
    "inside the first array": lambda header_end, start, size: start + 3,
    "middle of the arrays": lambda header_end, start, size: (start + size) // 2,
    "4 KiB short": lambda header_end, start, size: size - 4096,
    "8 bytes short": lambda header_end, start, size: size - 8,
    "last byte missing": lambda header_end, start, size: size - 1,
}


@pytest.mark.parametrize("where", list(CUTS))
def test_truncated_file(saved, tmp_path, where):
    _, path = saved
    data = path.read_bytes()
    length, _ = header_of(data)
    header_end = len(MAGIC) + 4 + length
    start = -(-header_end // 64) * 64
    cut = CUTS[where](header_end, start, len(data))
    assert 0 <= cut < len(data)
    damaged = tmp_path / "cut.lpidx"
    damaged.write_bytes(data[:cut])
    check_refused(damaged)


@pytest.mark.parametrize("magic", [b"LPIDX\x01", b"lpidx\x00", b"XXXXXX", b"\x00" * 6, b"PK\x03\x04\x14\x00"])
def test_wrong_magic(saved, tmp_path, magic):
    _, path = saved
    foreign = tmp_path / "foreign.lpidx"
    foreign.write_bytes(magic + path.read_bytes()[len(MAGIC) :])
    check_refused(foreign)


@pytest.mark.parametrize("version", [0, FORMAT_VERSION + 1, 99, -1, "1", None, [1], {"major": 1}])
def test_other_format_version(saved, tmp_path, version):
    _, path = saved
    error = check_refused(rewritten(path, tmp_path, lambda header: header.update(format=version)))
    assert "format" in str(error)


def test_format_field_missing(saved, tmp_path):
    _, path = saved
    check_refused(rewritten(path, tmp_path, lambda header: header.pop("format")))


@pytest.mark.parametrize("digest", ["0" * 16, "", None, 12])
def test_index_built_with_other_lexicons(saved, tmp_path, digest):
    # match keys made with other word lists would miss the queries' keys: rebuild
    _, path = saved
    error = check_refused(rewritten(path, tmp_path, lambda header: header.update(lexicons=digest)))
    assert "lexicons" in str(error) and "rebuild" in str(error)


def test_rewritten_header_with_same_version_still_loads(saved, tmp_path):
    # the header helper itself keeps a loadable file when nothing changes
    index, path = saved
    data = path.read_bytes()
    _, header = header_of(data)
    same = tmp_path / "same.lpidx"
    same.write_bytes(with_header(data, header))
    assert hits(load_index(same), "lait") == hits(index, "lait")


@pytest.mark.parametrize(
    "damage",
    ["header is a list", "no arrays", "unknown dtype", "negative offset", "array missing", "arrays not a list"],
)
def test_damaged_header_fields(saved, tmp_path, damage):
    _, path = saved
    data = path.read_bytes()
    _, header = header_of(data)
    if damage == "header is a list":
        bad: object = [header]
    elif damage == "no arrays":
        bad = {k: v for k, v in header.items() if k != "arrays"}
    elif damage == "unknown dtype":
        bad = dict(header, arrays=[dict(a, dtype="zz9") for a in header["arrays"]])
    elif damage == "negative offset":
        bad = dict(header, arrays=[dict(a, offset=-4096) for a in header["arrays"]])
    elif damage == "array missing":
        bad = dict(header, arrays=header["arrays"][:-1])
    else:
        bad = dict(header, arrays="entry_row")
    damaged = tmp_path / "damaged.lpidx"
    damaged.write_bytes(with_header(data, bad))
    check_refused(damaged)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=4096), with_magic=st.booleans())
@example(data=b"\x01\x00\x00\x000", with_magic=True)  # a one-byte header: the JSON number 0
@example(data=b"\x02\x00\x00\x00[]", with_magic=True)  # a JSON list for a header
def test_random_bytes(tmp_path_factory, data, with_magic):
    path = tmp_path_factory.mktemp("random") / "random.lpidx"
    path.write_bytes((MAGIC if with_magic else b"") + data)
    check_refused(path)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_after_a_valid_length(tmp_path, seed):
    rnd = random.Random(seed)
    body = bytes(rnd.randrange(256) for _ in range(rnd.randint(10, 5000)))
    path = tmp_path / "random.lpidx"
    path.write_bytes(MAGIC + struct.pack("<I", len(body) // 2) + body)
    check_refused(path)


def test_missing_file_and_folder(tmp_path):
    check_refused(tmp_path / "missing.lpidx")
    check_refused(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.lpidx"
    path.write_bytes(b"")
    check_refused(path)


# --- loading maps, it does not read ---------------------------------------------------------

_WORDS_TEXT = ("lait yaourt fraise pomme poire tomate pain beurre fromage jambon poulet crème chocolat café "
               "thé riz pâtes farine sucre sel huile eau jus citron milk yogurt bread butter cheese chicken "
               "cream coffee rice flour sugar")  # fmt: skip
_WORDS = _WORDS_TEXT.split()


def _synthetic_catalog(n: int) -> Catalog:
    """``n`` products built straight into columns (loading records would dominate the test)."""
    rnd = random.Random(0)
    names = tuple(
        " ".join(rnd.choices(_WORDS, k=rnd.randint(2, 5))) + f" {rnd.choice(_WORDS)}{i % 997}" for i in range(n)
    )
    return Catalog(
        skus=tuple(f"P{i:06d}" for i in range(n)),
        names=names,
        aliases=((),) * n,
        brands=tuple(f"Brand{rnd.randrange(500)}" for _ in range(n)),
        sizes=tuple((Fraction(rnd.randint(1, 999)), "gram") for _ in range(n)),
        pack_counts=(None,) * n,
        categories=(None,) * n,
        langs=("fr",) * n,
        prices=tuple(Fraction(rnd.randint(50, 2000), 100) for _ in range(n)),
        eans=(None,) * n,
        attributes=({},) * n,
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[CatalogIndex, Path, float]:
    catalog = _synthetic_catalog(50_000)
    start = time.perf_counter()
    index = CatalogIndex.build(catalog)
    build_time = time.perf_counter() - start
    path = tmp_path_factory.mktemp("big") / "big.lpidx"
    save_index(index, path)
    return index, path, build_time


def test_loading_is_much_faster_than_building(big):
    _, path, build_time = big
    load_index(path)  # warm the page cache
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        loaded = load_index(path)
        timings.append(time.perf_counter() - start)
    assert len(loaded.catalog) == 50_000
    assert min(timings) < build_time / 20, f"load {min(timings):.3f} s, build {build_time:.3f} s"


def test_loading_reads_only_the_header(big, monkeypatch):
    _, path, _ = big
    size = path.stat().st_size
    read = []

    class Counting:
        def __init__(self, f):
            self._f = f

        def read(self, n=-1):
            chunk = self._f.read(n)
            read.append(len(chunk))
            return chunk

        def __getattr__(self, name):
            return getattr(self._f, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._f.close()

    real_open = open
    monkeypatch.setattr(store, "open", lambda *a, **k: Counting(real_open(*a, **k)), raising=False)
    loaded = load_index(path)
    assert sum(read) < size / 20, f"read {sum(read)} of {size} bytes"
    # the arrays are mapped from the file
    mapped = loaded.a["post_by_entry"]
    base = mapped
    while getattr(base, "base", None) is not None and not isinstance(base, mmap.mmap):
        base = base.base
    assert isinstance(base, mmap.mmap)


def test_big_index_round_trip(big):
    index, path, _ = big
    loaded = load_index(path)
    for text in ("lait fraise", "chicken bread", "sucre farine pain"):
        assert hits(loaded, text) == hits(index, text)
    for i in (0, 12_345, 49_999):
        assert loaded.catalog.skus[i] == index.catalog.skus[i]
        assert loaded.catalog.names[i] == index.catalog.names[i]
        assert loaded.catalog.prices[i] == index.catalog.prices[i]
        assert loaded.catalog.sizes[i] == index.catalog.sizes[i]


SHARED = Path("/work/shared/data/catalog/fr_products.csv")


@pytest.mark.skipif(not SHARED.exists(), reason="the shared French catalog is not here")
def test_shared_catalog_round_trip(tmp_path):
    with SHARED.open(encoding="utf-8", newline="") as f:
        records = list(itertools.islice(csv.DictReader(f), 5000))
    catalog = Catalog.from_records(records, source=str(SHARED))
    index = catalog.index
    path = tmp_path / "fr.lpidx"
    index.save(path)
    loaded = load_index(path)
    for name in ("skus", "names", "aliases", "brands", "sizes", "pack_counts", "prices"):
        assert column(loaded.catalog, name) == column(catalog, name), name
    for text in ("lait demi-écrémé", "yaourt aux fraises", "pâtes", "café moulu", "chocolat noir"):
        assert hits(loaded, text) == hits(index, text)


# --- damaged arrays: an error, never a crash ------------------------------------------------

DAMAGED_ARRAYS = ["post_by_entry", "post_by_len", "post_off", "entry_off", "entry_terms", "text_off", "entry_row"]


@pytest.mark.parametrize("pure", ["", "1"], ids=["installed kernels", "numpy kernels"])
@pytest.mark.parametrize("array", DAMAGED_ARRAYS)
@pytest.mark.parametrize("value", [-7, 2**30])
def test_damaged_array_contents_never_crash_the_search(saved, tmp_path, array, value, pure):
    # the header is sound, the bytes of one array are not: searching may fail with an error,
    # but the compiled kernels never read past an array (that would end the process)
    import os
    import subprocess
    import sys

    _, path = saved
    data = bytearray(path.read_bytes())
    length, header = header_of(bytes(data))
    start = -(-(len(MAGIC) + 4 + length) // 64) * 64
    (entry,) = [a for a in header["arrays"] if a["name"] == array]
    dtype = np.dtype(entry["dtype"])
    count = int(np.prod(entry["shape"]))
    at = start + int(entry["offset"])
    garbage = np.full(count, value, dtype=dtype)
    garbage[::2] = np.asarray(np.arange(count)[::2], dtype=dtype)  # some of it still plausible
    data[at : at + count * dtype.itemsize] = garbage.tobytes()
    damaged = tmp_path / "damaged.lpidx"
    damaged.write_bytes(bytes(data))
    code = (
        "import sys, listparse\n"
        "from listparse.catalog.store import load_index\n"
        "index = load_index(sys.argv[1])\n"
        "for text in ('lait', 'lait demi écrémé', 'yaourt nature', 'pain de mie', 'bio', 'laot'):\n"
        "    try:\n"
        "        listparse.parse(text, lang='fr', catalog=index)\n"
        "    except Exception as exc:\n"
        "        print(type(exc).__name__)\n"
        "print('done')\n"
    )
    env = {**os.environ, "LISTPARSE_PURE_PYTHON": pure}
    proc = subprocess.run(
        [sys.executable, "-c", code, str(damaged)], capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout.strip().endswith("done"), proc.stdout
