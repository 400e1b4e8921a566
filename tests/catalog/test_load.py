"""Loading catalogs: every format, gzip, BOM, headers, the row policy, encodings, records."""

from __future__ import annotations

import gzip
import json
from fractions import Fraction
from pathlib import Path

import pytest

from listparse import CatalogError
from listparse.catalog import Catalog
from listparse.catalog.load import load_file, load_records

SHARED = Path("/work/shared/data/catalog")


def write(tmp_path: Path, name: str, content: str | bytes, *, gz: bool = False) -> Path:
    """A file ``name`` in ``tmp_path`` holding ``content`` (UTF-8 text, or bytes as they are)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def reasons(catalog: Catalog) -> list[tuple[int, str]]:
    return [(p.row, p.reason) for p in catalog.report.problems]


FULL_CSV = (
    "sku,name,brand,size,category,lang,price,ean,name_fr,name_en,source\n"
    'A1,"Lait demi-écrémé, 1 L",Lactel,1 L,Laits,fr,"1,05",3428270002024,,Semi-skimmed milk,off\n'
    "B2,  Whole   Milk ,Horizon,1 gal,milk,en,4.99,,Lait entier,,grocerydb\n"
    "C3,Eau minérale,Evian,6 x 1.5 L,Eaux,fr,€3.20,,,,off\n"
)


def test_csv_every_column(tmp_path):
    cat = load_file(write(tmp_path, "c.csv", FULL_CSV))
    assert cat.skus == ("A1", "B2", "C3")
    assert cat.names == ("Lait demi-écrémé, 1 L", "Whole Milk", "Eau minérale")
    assert cat.aliases == (("Semi-skimmed milk",), ("Lait entier",), ())
    assert cat.brands == ("Lactel", "Horizon", "Evian")
    assert cat.sizes == ((Fraction(1), "liter"), (Fraction(1), "gallon"), (Fraction(3, 2), "liter"))
    assert cat.pack_counts == (None, None, 6)
    assert cat.categories == ("Laits", "milk", "Eaux")
    assert cat.langs == ("fr", "en", "fr")
    assert cat.prices == (Fraction(21, 20), Fraction(499, 100), Fraction(16, 5))
    assert cat.eans == ("3428270002024", None, None)
    assert [dict(a) for a in cat.attributes] == [{"source": "off"}, {"source": "grocerydb"}, {"source": "off"}]
    assert cat.report.rows_read == cat.report.rows_kept == 3 and not cat.report.problems
    product = cat.product(2)
    assert (product.size.quantity, product.size.unit, product.pack_count) == (Fraction(3, 2), "liter", 6)


def test_tsv_has_no_quoting(tmp_path):
    text = 'sku\tname\tbrand\n1\t"Le" fromage 200 g\tPrésident\n2\tPizza 12" Royale\t\n'
    cat = load_file(write(tmp_path, "c.tsv", text))
    assert cat.names == ('"Le" fromage 200 g', 'Pizza 12" Royale')
    assert cat.brands == ("Président", None)
    assert cat.sizes[0] == (Fraction(200), "gram")


def test_jsonl(tmp_path):
    lines = [
        {"sku": 12, "name": "Beurre doux 250 g", "price": 2.15, "aliases": ["beurre"],
         "attributes": {"shelf": "B4"}, "origin": "FR", "lang": "fr"},
        {"sku": "13", "name": "Butter", "size": "8 oz", "pack_count": 4, "lang": "en", "organic": True},
    ]  # fmt: skip
    path = write(tmp_path, "c.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    cat = load_file(path)
    assert cat.skus == ("12", "13")
    assert cat.prices == (Fraction(215, 100), None)  # the float's digits, exactly
    assert cat.aliases == (("beurre",), ())
    assert cat.sizes == ((Fraction(250), "gram"), (Fraction(8), "ounce"))
    assert cat.pack_counts == (None, 4)
    assert [dict(a) for a in cat.attributes] == [{"shelf": "B4", "origin": "FR"}, {"organic": "true"}]


def test_jsonl_bad_lines_are_reported(tmp_path):
    text = '{"sku": "1", "name": "Lait"}\nnot json\n[1, 2]\n{"sku": "2", "name": "Pain"}\n'
    cat = load_file(write(tmp_path, "c.jsonl", text))
    assert cat.skus == ("1", "2")
    assert [row for row, _ in reasons(cat)] == [2, 3]
    assert "not valid JSON" in reasons(cat)[0][1] and "not an object" in reasons(cat)[1][1]
    assert cat.report.rows_read == 4
    with pytest.raises(CatalogError, match=r"c\.jsonl: row 2: not valid JSON"):
        load_file(tmp_path / "c.jsonl", strict=True)


OFF_TSV = (
    "code\turl\tproduct_name\tproduct_name_fr\tproduct_name_en\tlang\tquantity\tbrands\tcategories_tags\n"
    "3017620422003\thttps://x\tNutella\tPâte à tartiner Nutella\tHazelnut spread\tfr\t400 g\t"
    "Ferrero,Nutella\ten:spreads,en:sweet-spreads,en:hazelnut-spreads\n"
    "0049000028911\t\tCoca-Cola\t\tCoke\ten\t12 x 12 fl oz\tCoca-Cola\ten:beverages,en:sodas\n"
    "ABC\t\t\tBiscuits 6 x 25 g\t\t\t\t\tfr:biscuits-secs\n"
)


def test_off_export(tmp_path):
    cat = load_file(write(tmp_path, "en.openfoodfacts.org.products.csv", OFF_TSV))
    assert cat.skus == ("3017620422003", "0049000028911", "ABC")
    # the name in the product's language first, then the generic one, then the others
    assert cat.names == ("Pâte à tartiner Nutella", "Coke", "Biscuits 6 x 25 g")
    assert cat.aliases == (("Nutella", "Hazelnut spread"), ("Coca-Cola",), ())
    assert cat.brands == ("Ferrero", "Coca-Cola", None)
    assert cat.sizes == ((Fraction(400), "gram"), (Fraction(12), "fluid_ounce"), (Fraction(25), "gram"))
    assert cat.pack_counts == (None, 12, 6)  # the third from its name: no quantity
    assert cat.categories == ("hazelnut-spreads", "sodas", "biscuits-secs")
    assert cat.langs == ("fr", "en", None)
    assert cat.eans == ("3017620422003", "0049000028911", None)
    assert all(not a for a in cat.attributes)  # the export's other columns are not kept


def test_off_language_of_the_loader(tmp_path):
    text = "code\tproduct_name\tproduct_name_en\tproduct_name_fr\n1\tGeneric\tEnglish\tFrançais\n"
    path = write(tmp_path, "off.tsv", text)
    assert load_file(path).names == ("Generic",)
    assert load_file(path, lang="fr").names == ("Français",)
    assert load_file(path, lang="en").aliases == (("Generic", "Français"),)


def test_off_jsonl_and_records(tmp_path):
    record = {"code": "123", "product_name_fr": "Yaourt nature", "brands": "Danone, Gervais",
              "categories_tags": ["en:dairies", "en:yogurts"], "quantity": "4 x 125 g"}  # fmt: skip
    cat = load_file(write(tmp_path, "off.jsonl", json.dumps(record)))
    assert (cat.names[0], cat.brands[0], cat.categories[0]) == ("Yaourt nature", "Danone", "yogurts")
    assert (cat.pack_counts[0], cat.sizes[0]) == (4, (Fraction(125), "gram"))
    assert Catalog.from_records([record]).names == ("Yaourt nature",)


def test_off_format_forced_needs_its_columns(tmp_path):
    path = write(tmp_path, "c.tsv", "sku\tname\n1\tLait\n")
    with pytest.raises(CatalogError, match=r"no 'code' and 'product_name' columns .*Open Food Facts.*found 'sku', 'name'"):
        load_file(path, format="off")


@pytest.mark.parametrize(
    ("name", "content", "format"),
    [
        ("c.csv", "sku,name\n1,Lait 1 L\n", None),
        ("c.csv", "sku\tname\n1\tLait 1 L\n", None),  # a .csv with tabs, like the OFF export
        ("c.tsv", "sku\tname\n1\tLait 1 L\n", None),
        ("c.tab", "sku\tname\n1\tLait 1 L\n", None),
        ("c.jsonl", '{"sku": "1", "name": "Lait 1 L"}\n', None),
        ("c.ndjson", '{"sku": "1", "name": "Lait 1 L"}\n', None),
        ("c.txt", '{"sku": "1", "name": "Lait 1 L"}\n', None),  # found by content
        ("c.txt", "sku,name\n1,Lait 1 L\n", None),
        ("c.dat", "sku,name\n1,Lait 1 L\n", "csv"),
        ("c.dat", "sku\tname\n1\tLait 1 L\n", "tsv"),
        ("c.dat", '{"sku": "1", "name": "Lait 1 L"}\n', "jsonl"),
        ("c.dat", "code\tproduct_name\n1\tLait 1 L\n", "off"),
        ("c.csv", "code\tproduct_name\n1\tLait 1 L\n", None),  # OFF found by its columns
    ],
)
@pytest.mark.parametrize("gz", [False, True])
def test_formats(tmp_path, name, content, format, gz):
    path = write(tmp_path, name + (".gz" if gz else ""), content, gz=gz)
    cat = load_file(path, format=format)
    assert (cat.skus, cat.names, cat.sizes) == (("1",), ("Lait 1 L",), ((Fraction(1), "liter"),))


def test_gzip_found_by_its_bytes(tmp_path):
    path = write(tmp_path, "catalog.csv", "sku,name\n1,Pain\n", gz=True)  # no .gz suffix
    assert load_file(path).names == ("Pain",)


def test_damaged_gzip(tmp_path):
    data = gzip.compress(("sku,name\n" + "1,Pain\n" * 5000).encode())
    path = write(tmp_path, "c.csv.gz", data[: len(data) // 2])
    with pytest.raises(CatalogError, match=r"c\.csv\.gz: damaged or truncated gzip"):
        load_file(path)


def test_bom_and_header_case(tmp_path):
    path = write(tmp_path, "c.csv", "\ufeff SKU , Name ,BRAND\n1,Pain,Harrys\n")
    cat = load_file(path)
    assert (cat.skus, cat.names, cat.brands) == (("1",), ("Pain",), ("Harrys",))


def test_bom_with_a_given_encoding(tmp_path):
    path = write(tmp_path, "c.csv", "\ufeffsku,name\n1,Pain\n")
    assert load_file(path, encoding="utf-8").names == ("Pain",)


@pytest.mark.parametrize(
    ("content", "format", "message"),
    [
        ("sku,brand\n1,x\n", None, r"no 'name' column in the header of a catalog; found 'sku', 'brand'$"),
        ("id,title\n1,x\n", None, r"no 'sku' and 'name' columns .*found 'id', 'title' \(is the first line a header\?\)"),
        ("1,Lait\n2,Pain\n", None, r"found '1', 'Lait' \(is the first line a header\?\)"),
        ("sku\tname\n1\tx\n", "csv", r"found 'sku\\tname' \(the header has tabs: is it a TSV file\? pass format='tsv'\)"),
        ("sku,name\n1,x\n", "tsv", r"found 'sku,name' \(the header has commas: is it a CSV file\? pass format='csv'\)"),
    ],
)
def test_missing_columns(tmp_path, content, format, message):
    with pytest.raises(CatalogError, match=r"c\.csv: .*" + message):
        load_file(write(tmp_path, "c.csv", content), format=format)


def test_duplicate_skus_first_wins(tmp_path):
    path = write(tmp_path, "c.csv", "sku,name\n1,Lait\n2,Pain\n1,Beurre\n1,Oeufs\n")
    cat = load_file(path)
    assert (cat.skus, cat.names) == (("1", "2"), ("Lait", "Pain"))
    assert reasons(cat) == [
        (3, "duplicate sku '1' (first in row 1, which is kept): row skipped"),
        (4, "duplicate sku '1' (first in row 1, which is kept): row skipped"),
    ]
    assert (cat.report.rows_read, cat.report.rows_kept) == (4, 2)
    assert "2 of 4 rows kept" in str(cat.report)
    with pytest.raises(CatalogError, match=r"c\.csv: row 3 \(line 4\): duplicate sku '1'"):
        load_file(path, strict=True)


def test_empty_sku_and_name_are_skipped(tmp_path):
    path = write(tmp_path, "c.csv", "sku,name\n1,Lait\n,Pain\n3,   \n4,Beurre\n")
    cat = load_file(path)
    assert cat.skus == ("1", "4")
    assert reasons(cat) == [(2, "empty sku: row skipped"), (3, "empty name for sku '3': row skipped")]
    with pytest.raises(CatalogError, match=r"row 2 \(line 3\): empty sku"):
        load_file(path, strict=True)


@pytest.mark.parametrize(
    ("cell", "price"),
    [
        ("1.99", Fraction(199, 100)),
        ('"1,99"', Fraction(199, 100)),
        ("€1.99", Fraction(199, 100)),
        ("1.99 €", Fraction(199, 100)),
        ("$0.5", Fraction(1, 2)),
        ("2 EUR", Fraction(2)),
        ("3", Fraction(3)),
        ('"1,234.50"', Fraction(2469, 2)),
        ('"1.234,50 €"', Fraction(2469, 2)),
        ("21/20", Fraction(21, 20)),
        ("", None),
    ],
)
def test_prices(tmp_path, cell, price):
    cat = load_file(write(tmp_path, "c.csv", f"sku,name,price\n1,Pain,{cell}\n"))
    assert cat.prices == (price,) and not cat.report.problems


@pytest.mark.parametrize("cell", ["abc", "-1", "1.2.3", "nan", "1/0"])
def test_bad_price_kept_as_none(tmp_path, cell):
    path = write(tmp_path, "c.csv", f"sku,name,price\n1,Pain,{cell}\n")
    cat = load_file(path)
    assert (cat.names, cat.prices) == (("Pain",), (None,))
    assert reasons(cat) == [(1, f"price {cell!r} is not a price: left empty")]
    with pytest.raises(CatalogError, match=r"row 1 \(line 2\): price"):
        load_file(path, strict=True)


def test_bad_size_and_pack_count_kept_as_none(tmp_path):
    path = write(tmp_path, "c.csv", "sku,name,size,pack_count\n1,Pain 500 g,grand,x\n2,Lait,1 L,6\n")
    cat = load_file(path)
    assert cat.sizes == (None, (Fraction(1), "liter"))  # a size column that says nothing: no fallback
    assert cat.pack_counts == (None, 6)
    assert reasons(cat) == [
        (1, "size 'grand' not understood: size left empty"),
        (1, "pack_count 'x' is not a whole number: ignored"),
    ]


@pytest.mark.parametrize(
    ("name", "pack", "size"),
    [
        ("Lait demi-écrémé 1L", None, (Fraction(1), "liter")),
        ("Coca-Cola 6 x 33 cl", 6, (Fraction(33), "centiliter")),
        ('"Whole Milk, 1 gal"', None, (Fraction(1), "gallon")),
        ('"Eggs, 12 ct"', 12, None),
        ("Pain de campagne", None, None),
    ],
)
def test_sizes_from_names(tmp_path, name, pack, size):
    cat = load_file(write(tmp_path, "c.csv", f"sku,name,size\n1,{name},\n"))
    assert (cat.pack_counts[0], cat.sizes[0]) == (pack, size)


def test_row_lang_reads_the_size(tmp_path):
    text = "sku,name,lang\n1,Riz 1,500 kg,fr\n2,Rice 1,500 g,en\n"
    text = text.replace("Riz 1,500 kg", '"Riz 1,500 kg"').replace("Rice 1,500 g", '"Rice 1,500 g"')
    cat = load_file(write(tmp_path, "c.csv", text))
    assert cat.sizes == ((Fraction(3, 2), "kilogram"), (Fraction(1500), "gram"))


def test_bad_encoding_names_the_byte(tmp_path):
    content = "sku,name\n1,Lait\n2,Cr\xe8me fra\xeeche\n".encode("latin-1")
    path = write(tmp_path, "c.csv", content)
    offset = content.index(b"\xe8")
    with pytest.raises(CatalogError, match=rf"c\.csv: not valid UTF-8 at byte offset {offset} \(line 3\).*encoding="):
        load_file(path)
    assert load_file(path, encoding="latin-1").names == ("Lait", "Crème fraîche")


def test_bad_encoding_far_into_a_gzip_file(tmp_path):
    content = ("sku,name\n" + "".join(f"{i},Produit é {i}\n" for i in range(60_000))).encode() + b"x,\xff\n"
    path = write(tmp_path, "c.csv.gz", content, gz=True)
    offset = len(content) - 2
    with pytest.raises(CatalogError, match=rf"at byte offset {offset} of the decompressed data \(line 60002\)"):
        load_file(path)


def test_unknown_encoding(tmp_path):
    with pytest.raises(CatalogError, match="unknown encoding"):
        load_file(write(tmp_path, "c.csv", "sku,name\n"), encoding="no-such-codec")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n", b"sku,name\n", b"sku,name\n\n\n"])
def test_empty_file_is_an_empty_catalog(tmp_path, content):
    cat = load_file(write(tmp_path, "c.csv", content))
    assert len(cat) == 0 and cat.report.rows_read == 0 and not cat.report.problems
    assert list(cat) == []


def test_one_product(tmp_path):
    cat = load_file(write(tmp_path, "c.csv", "sku,name,price\n42,Baguette 250 g,0.95\n"))
    assert len(cat) == 1
    (product,) = list(cat)
    assert (product.sku, product.name, product.price) == ("42", "Baguette 250 g", Fraction(19, 20))
    assert (product.size.quantity, product.size.unit) == (250, "gram")


def test_blank_lines_and_ragged_rows(tmp_path):
    path = write(tmp_path, "c.csv", "sku,name,brand\n\n1,Lait\n2,Pain,Harrys,extra\n\n3,Beurre,Président\n")
    cat = load_file(path)
    assert (cat.skus, cat.brands) == (("1", "2", "3"), (None, "Harrys", "Président"))
    assert reasons(cat) == [(2, "4 cells where the header has 3: extra cells ignored")]


def test_quoted_newlines_keep_row_numbers(tmp_path):
    path = write(tmp_path, "c.csv", 'sku,name\n1,"Pain\nde mie"\n2,Lait\n2,Doublon\n')
    cat = load_file(path)
    assert cat.names == ("Pain de mie", "Lait")  # whitespace collapsed
    assert reasons(cat)[0][0] == 3
    with pytest.raises(CatalogError, match=r"row 3 \(line 5\)"):
        load_file(path, strict=True)


def test_crlf_line_ends(tmp_path):
    cat = load_file(write(tmp_path, "c.csv", "sku,name,brand\r\n1,Lait 1 L,Lactel\r\n2,Pain,\r\n"))
    assert (cat.names, cat.brands, cat.sizes[0]) == (("Lait 1 L", "Pain"), ("Lactel", None), (1, "liter"))


def test_json_array_is_refused(tmp_path):
    with pytest.raises(CatalogError, match=r"c\.json: a JSON array; .*one JSON object a line"):
        load_file(write(tmp_path, "c.json", '[{"sku": "1", "name": "Lait"}]'))


def test_file_errors(tmp_path):
    with pytest.raises(CatalogError, match=r"nope\.csv: no such catalog file"):
        load_file(tmp_path / "nope.csv")
    with pytest.raises(CatalogError, match="is a folder"):
        load_file(tmp_path)
    with pytest.raises(CatalogError, match="unknown catalog format 'xml'"):
        load_file(write(tmp_path, "c.csv", "sku,name\n"), format="xml")
    with pytest.raises(ValueError):  # CatalogError is a ValueError
        load_file(tmp_path / "nope.csv")


def test_from_file_delegates(tmp_path):
    path = write(tmp_path, "c.csv", "sku,name\n1,Lait\n1,Pain\n")
    assert Catalog.from_file(path).names == ("Lait",)
    with pytest.raises(CatalogError):
        Catalog.from_file(path, strict=True)
    assert Catalog.from_file(str(path), format="csv").report.source == str(path)


def test_from_records():
    records = [
        {"SKU": "1", "Name": "Jus d'orange 6 x 20 cl", "Price": Fraction(3), "Shelf": 7},
        {"sku": "2", "name": "", "price": "x"},
        "not a mapping",
        {"sku": "3", "name": "Orange juice", "name_fr": "Jus d'orange", "size": {"quantity": 1, "unit": "liter"}},
    ]
    cat = Catalog.from_records(records, source="erp")
    assert cat.skus == ("1", "3")
    assert (cat.pack_counts[0], cat.sizes[0], cat.prices[0]) == (6, (Fraction(20), "centiliter"), Fraction(3))
    assert dict(cat.attributes[0]) == {"Shelf": "7"}
    assert cat.aliases[1] == ("Jus d'orange",) and cat.sizes[1] == (Fraction(1), "liter")
    assert reasons(cat) == [(2, "empty name for sku '2': row skipped"), (3, "not an object but str: row skipped")]
    assert cat.report.source == "erp" and cat.report.rows_read == 4
    with pytest.raises(CatalogError, match=r"^erp: row 2: empty name"):
        Catalog.from_records(records, strict=True, source="erp")


def test_products_round_trip(tmp_path):
    cat = load_file(write(tmp_path, "c.csv", FULL_CSV))
    again = load_records(p.model_dump() for p in cat)
    assert [p.model_dump() for p in again] == [p.model_dump() for p in cat]


def test_columns_are_immutable(tmp_path):
    cat = load_file(write(tmp_path, "c.csv", FULL_CSV))
    with pytest.raises(TypeError):
        cat.attributes[0]["source"] = "changed"


# --- the shared catalogs --------------------------------------------------------------------


def _shared(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not found: the shared catalog files are not on this machine")
    return path


def test_shared_french_catalog():
    cat = Catalog.from_file(_shared("fr_products.csv"))
    assert len(cat) == 45_144 and not cat.report.problems
    assert set(cat.langs) == {"fr"}
    assert sum(1 for s in cat.sizes if s) >= 2_000


def test_shared_english_catalog():
    cat = Catalog.from_file(_shared("en_products.csv"))
    assert len(cat) == 24_185 and not cat.report.problems
    with_size = sum(1 for s, p in zip(cat.sizes, cat.pack_counts, strict=True) if s or p)
    assert with_size / len(cat) > 0.9, with_size
    assert all(dict(a).keys() == {"source"} for a in cat.attributes)
