"""The packaged default catalog and ``open_catalog``."""

from __future__ import annotations

from pathlib import Path

import pytest

import listparse
from listparse.catalog import Catalog, default_catalog, default_catalog_path, open_catalog
from listparse.catalog import default as default_module
from listparse.catalog.index import FORMAT_VERSION, CatalogIndex
from listparse.catalog.open import read_index_header
from listparse.errors import CatalogError, IndexFileError

CSV = "sku,name,brand,size\nA1,Lait demi-écrémé 1 L,Lactel,1 L\nA2,Pommes Golden 1 kg,,1 kg\n"


@pytest.fixture
def installed():
    """The default catalog's path; skips when the file is not in the package yet."""
    try:
        return default_catalog_path()
    except CatalogError as exc:
        pytest.skip(f"the default catalog is not there yet: {exc}")


def test_default_catalog_path_is_the_packaged_csv(installed):
    assert installed.name == "default_catalog.csv" and installed.parent.name == "data"
    assert installed.parent.parent == Path(listparse.__file__).resolve().parent
    header = installed.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[:2] == ["sku", "name"]


def test_default_catalog_is_read_and_indexed_once(installed):
    catalog = default_catalog()
    assert isinstance(catalog, Catalog) and len(catalog) > 0
    assert catalog._index, "the index is built up front"
    assert default_catalog() is catalog and catalog.index is catalog._index[0]
    assert len(set(catalog.skus)) == len(catalog)


def test_default_catalog_links(installed):
    (item,) = listparse.parse("2 kg de pommes", catalog=default_catalog()).items
    assert item.matches and item.matches[0].sku in default_catalog().skus


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        # each name read the way its language writes it: the English names' head is their last
        # word ("Le Bon Panier salmon fillets" is salmon), the French names' their first
        ("salmon", "en", "saumon"),
        ("parmesan", "en", "parmesan"),
        ("2 litres of semi-skimmed milk", "en", "lait demi-écrémé"),
        ("single cream", "en", "crème liquide légère"),  # "12% fat" says what the rate measures
        ("whipping cream", "en", "crème fleurette"),
        ("kidney beans", "en", "haricots rouges"),
        ("still water", "en", "eau minérale naturelle plate"),
        # a count or a size that ends an English name is no head word ("baking powder 6 sachets")
        ("baking powder", "en", "levure chimique"),
        ("yeast", "en", "levure de boulanger"),
        ("nappies", "en", "couches"),
        ("saumon", "fr", "saumon"),
        ("6 œufs", "fr", "œufs"),
        ("levure chimique", "fr", "levure chimique"),
        ("crème liquide", "fr", "crème"),
        ("crème", "fr", "crème fraîche"),  # no hand cream
        # a product of one usual making, asked alone, is not one made of another
        ("flour", "en", "farine de blé"),
        ("molasses", "en", None),
    ],
)
def test_default_catalog_first_products(installed, text, lang, first):
    (item,) = listparse.parse(text, lang=lang, catalog=default_catalog()).items
    found = item.matches[0].name.lower() if item.matches else None
    assert (found is None) if first is None else (found is not None and first in found), found


def test_a_missing_default_catalog_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(default_module, "_data_dir", lambda: tmp_path)
    with pytest.raises(CatalogError, match="default catalog is not installed"):
        default_catalog_path()


def test_open_catalog_reads_a_catalog_file_or_maps_an_index(tmp_path):
    path = tmp_path / "cat.csv"
    path.write_text(CSV, encoding="utf-8")
    catalog = open_catalog(path)
    assert isinstance(catalog, Catalog) and not catalog._index  # the index is built on first use
    saved = tmp_path / "cat.lpidx"
    catalog.index.save(saved)
    index = open_catalog(saved)
    assert isinstance(index, CatalogIndex)
    assert list(index.catalog.skus) == ["A1", "A2"]
    for cat in (catalog, index):
        (item,) = listparse.parse("2 kg de pommes", catalog=cat).items
        assert item.matches[0].sku == "A2"
    header = read_index_header(saved)
    assert header["format"] == FORMAT_VERSION and header["rows"] == 2 and header["listparse"] == listparse.__version__
    assert {a["name"] for a in header["arrays"]} >= set(index.a)


def test_open_catalog_errors(tmp_path):
    with pytest.raises(CatalogError, match="no such catalog file"):
        open_catalog(tmp_path / "missing.csv")
    saved = tmp_path / "cat.lpidx"
    csv_path = tmp_path / "cat.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    open_catalog(csv_path).index.save(saved)
    saved.write_bytes(saved.read_bytes()[:200])
    with pytest.raises(IndexFileError, match="truncated"):
        open_catalog(saved)
    with pytest.raises(IndexFileError, match="not a listparse index"):
        read_index_header(csv_path)


def test_the_built_index_is_cached_and_reused(tmp_path, monkeypatch):
    """A second process-like call maps the cached index instead of rebuilding it."""
    pytest.importorskip("numpy")
    from listparse.catalog import default as default_module

    try:
        default_module.default_catalog_path()
    except listparse.CatalogError:
        pytest.skip("the default catalog is not installed")
    monkeypatch.setenv("LISTPARSE_CACHE_DIR", str(tmp_path))
    default_module.default_catalog.cache_clear()
    first = default_module.default_catalog()
    cached = list(tmp_path.glob("default-*.lpidx"))
    assert len(cached) == 1
    default_module.default_catalog.cache_clear()
    second = default_module.default_catalog()
    assert list(second.skus[:5]) == list(first.skus[:5]) and len(second) == len(first)
    assert second.index.__class__.__name__ == "CatalogIndex"
    default_module.default_catalog.cache_clear()
