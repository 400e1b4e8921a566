"""Reading catalogs: CSV, TSV, JSON lines and Open Food Facts exports into a :class:`Catalog`.

Formats
-------
``format`` is ``"csv"``, ``"tsv"``, ``"jsonl"`` or ``"off"``; when it is None the format is
found from the file: ``.jsonl``, ``.ndjson`` and ``.json`` files, and files whose first line
starts with ``{``, are JSON lines; ``.tsv`` and ``.tab`` files are tab-separated; any other file
is delimited by tabs or commas, whichever its header line has more of (the Open Food Facts
"CSV" export is tab-separated). A gzip file (``.gz``, found by its magic bytes) is read through,
streaming.

- **CSV / TSV**: a header line, then one product a row. CSV uses RFC 4180 quoting; TSV has no
  quoting (a ``"`` is an ordinary character, as in the Open Food Facts export). Columns:

  ==================  ==============================================================
  ``sku``, ``name``   required
  ``brand``           kept as written
  ``size``            « 1 L », "6 x 33 cl", "12 ct" (see :mod:`listparse.catalog.sizes`)
  ``category``        kept as written
  ``lang``            ``fr``, ``en``…; also picks how the size is read
  ``price``           "1.99", « 1,99 », "€1.99": an exact :class:`~fractions.Fraction`
  ``ean``             the barcode, as text
  ``name_fr``,        other names of the product: they go to ``aliases``, as does an
  ``name_en``         ``aliases`` column (several separated by ``|``)
  ``pack_count``      units in the pack, when the size does not say it
  any other column    kept, when not empty, in ``attributes`` (under its header name)
  ==================  ==============================================================

- **JSON lines**: one object a line with the same keys (``aliases`` may be a list and
  ``attributes`` an object). Numbers may be JSON numbers; a float is read from its digits
  (``1.99`` is exactly 199/100).
- **Open Food Facts** (``format="off"``, or any file or record with a ``code`` and a
  ``product_name…`` column but no ``sku``): ``code`` is the sku (and the ean when it is all
  digits); the name is the first non-empty of ``product_name_<lang>`` (the row's ``lang``, else
  the ``lang`` given to the loader), ``product_name``, then the other ``product_name_…`` columns
  in header order, and the remaining names become aliases; ``brands`` gives the first brand of
  its comma list; ``quantity`` is the size; ``categories_tags`` gives its last (most specific)
  tag without its language prefix (``en:semi-skimmed-milks`` → ``semi-skimmed-milks``). The other
  columns of the export (about two hundred) are not kept.

Column names and keys are matched case-insensitively, with surrounding spaces stripped; a UTF-8
byte-order mark is ignored. Text is read as UTF-8 unless ``encoding`` is given: a byte that is
not UTF-8 stops the load with an error giving its byte offset (never a silent Latin-1 reading).
An empty file, or a header alone, gives an empty catalog.

Row policy
----------
One bad row never sinks a load (unless ``strict=True``). The catalog's
:attr:`~Catalog.report` lists every row skipped or repaired, by data row number (the header is
row 0; for JSON lines, the line number):

- a row with an empty sku or an empty name is skipped;
- a sku seen before is skipped: the **first** row with that sku is kept;
- a price, size or pack count that cannot be read is left empty, and the rest of the row kept;
- a row with more cells than the header keeps its known cells; a line that is not a JSON
  object, or that the CSV reader cannot read, is skipped.

With ``strict=True`` the first such problem raises :class:`~listparse.errors.CatalogError`
naming the file and the row. Problems with the file itself always raise ``CatalogError``:
the file missing or unreadable, no ``sku`` or ``name`` column (the message lists the columns
found), bytes that are not valid in the encoding, damaged gzip data.

Names (and aliases and brands) have their whitespace collapsed. When the size is empty, the
size is looked for in the name: its last amount, « Lait demi-écrémé 1L », "Coca-Cola 6 x 33 cl",
"Whole Milk, 1 gal" (see :func:`~listparse.catalog.sizes.size_in_name`).

>>> cat = load_records([{"sku": "1", "name": "Lait demi-écrémé  1L", "price": "1,05"}])
>>> cat.names[0], cat.sizes[0], cat.prices[0]
('Lait demi-écrémé 1L', (Fraction(1, 1), 'liter'), Fraction(21, 20))
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import CatalogError
from ..lexicon import SUPPORTED_LANGUAGES
from .bulk import collector_paused
from .sizes import parse_size, size_in_name
from .table import Catalog, LoadReport, RowProblem

__all__ = ["FORMATS", "load_file", "load_records"]

#: The values ``format`` takes.
FORMATS = ("csv", "tsv", "jsonl", "off")

_JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
_TAB_SUFFIXES = (".tsv", ".tab")

#: Columns with a meaning of their own in the plain (non-OFF) schema.
_KNOWN = ("sku", "name", "brand", "size", "category", "lang", "price", "ean",
          "name_fr", "name_en", "aliases", "pack_count")  # fmt: skip
_ALIAS_COLUMNS = ("name_fr", "name_en")

_EMPTY: Mapping[str, str] = MappingProxyType({})
_CURRENCY = re.compile(r"^\s*(?:[€$£]|eur|usd|gbp)?\s*(.*?)\s*(?:[€$£]|eur|usd|gbp)?\s*$", re.IGNORECASE)
_LANG_PREFIX = re.compile(r"^[a-z]{2,3}:")


# --- values ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: None is empty, numbers keep their digits."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _price(value: Any) -> Fraction:
    """An exact price from "1.99", « 1,99 », "€1.99", "199/100", 1.99 or Fraction(199, 100)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, int):
        result = Fraction(value)
    else:
        text = _CURRENCY.match(str(value)).group(1).replace("\u00a0", "").replace(" ", "")
        if "," in text and "." in text:  # thousands: "1,234.50" or « 1.234,50 »
            if text.rfind(",") < text.rfind("."):
                text = text.replace(",", "")
            else:
                text = text.replace(".", "").replace(",", ".")
        elif "," in text:
            text = text.replace(",", ".")
        if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+|\d+/[1-9]\d*", text):
            raise ValueError
        result = Fraction(text)
    if result < 0:
        raise ValueError
    return result


def _last_tag(value: Any) -> str:
    """The most specific OFF category: the last tag, without its language prefix."""
    if isinstance(value, (list, tuple)):
        tags = [_text(v).strip() for v in value]
    else:
        tags = [t.strip() for t in _text(value).split(",")]
    tags = [t for t in tags if t]
    return _LANG_PREFIX.sub("", tags[-1]) if tags else ""


# --- building the columns -------------------------------------------------------------------


class _Builder:
    """Accumulates the columns and the report, applying the row policy."""

    def __init__(self, source: str, strict: bool, lang: str | None) -> None:
        self.source = source
        self.strict = strict
        self.lang = lang
        self.rows_read = 0
        self.problems: list[RowProblem] = []
        self.seen: dict[str, int] = {}
        self.pool: dict[str, str] = {}
        self.skus: list[str] = []
        self.names: list[str] = []
        self.aliases: list[tuple[str, ...]] = []
        self.brands: list[str | None] = []
        self.sizes: list[tuple[Fraction, str] | None] = []
        self.pack_counts: list[int | None] = []
        self.categories: list[str | None] = []
        self.langs: list[str | None] = []
        self.prices: list[Fraction | None] = []
        self.eans: list[str | None] = []
        self.attributes: list[Mapping[str, str]] = []

    def problem(self, row: int, reason: str, line: int | None = None) -> None:
        if self.strict:
            where = f"row {row}" + (f" (line {line})" if line is not None else "")
            raise CatalogError(f"{self.source}: {where}: {reason}")
        self.problems.append(RowProblem(row, reason))

    def _shared(self, text: str) -> str | None:
        """Stripped text, one object per distinct value (brands, categories repeat a lot)."""
        text = text.strip()
        if not text:
            return None
        return self.pool.setdefault(text, text)

    def add(
        self,
        row: int,
        sku: Any,
        name: Any,
        *,
        aliases: Iterable[Any] = (),
        brand: Any = None,
        size: Any = None,
        pack_count: Any = None,
        category: Any = None,
        lang: Any = None,
        price: Any = None,
        ean: Any = None,
        attributes: Mapping[str, str] | None = None,
        line: int | None = None,
    ) -> None:
        self.rows_read += 1
        sku = (sku if type(sku) is str else _text(sku)).strip()
        if not sku:
            self.problem(row, "empty sku: row skipped", line)
            return
        name = " ".join((name if type(name) is str else _text(name)).split())
        if not name:
            self.problem(row, f"empty name for sku {sku!r}: row skipped", line)
            return
        first = self.seen.get(sku)
        if first is not None:
            reason = f"duplicate sku {sku!r} (first in row {first}, which is kept): row skipped"
            self.problem(row, reason, line)
            return

        code = (self._shared(_text(lang).lower()) if lang else None) or self.lang
        size_lang = code if code in SUPPORTED_LANGUAGES else None

        found = None
        if size is not None and not isinstance(size, str):
            found = self._size_object(row, size, line)
        else:
            text = (size or "").strip()
            if text:
                found = parse_size(text, size_lang)
                if found is None:
                    self.problem(row, f"size {text!r} not understood: size left empty", line)
            else:
                found = size_in_name(name, size_lang)
        pack, content = found if found else (None, None)

        if pack_count is not None and _text(pack_count).strip():
            try:
                pack = _pack_count(pack_count)
            except (ValueError, TypeError, ZeroDivisionError):
                self.problem(row, f"pack_count {_text(pack_count)!r} is not a whole number: ignored", line)

        value = None
        if price is not None and _text(price).strip():
            try:
                value = _price(price)
            except (ValueError, ZeroDivisionError):
                self.problem(row, f"price {_text(price)!r} is not a price: left empty", line)

        others: list[str] = []
        for alias in aliases:
            alias = _collapse(_text(alias))
            if alias and alias != name and alias not in others:
                others.append(alias)

        self.seen[sku] = row
        self.skus.append(sku)
        self.names.append(name)
        self.aliases.append(tuple(others) if others else ())
        self.brands.append(self._shared(_collapse(_text(brand))) if brand else None)
        self.sizes.append(content)
        self.pack_counts.append(pack)
        self.categories.append(self._shared(_text(category)) if category else None)
        self.langs.append(code)
        self.prices.append(value)
        self.eans.append((_text(ean).strip() or None) if ean else None)
        self.attributes.append(MappingProxyType(attributes) if attributes else _EMPTY)

    def _size_object(self, row: int, size: Any, line: int | None):
        """A size given as a mapping, model or pair: ``{"quantity": 1, "unit": "liter"}``."""
        try:
            if isinstance(size, Mapping):
                quantity, unit = size["quantity"], size["unit"]
            elif isinstance(size, (tuple, list)):
                quantity, unit = size
            else:
                quantity, unit = size.quantity, size.unit
            quantity = _price(quantity)
            if not quantity or not isinstance(unit, str) or not unit:
                raise ValueError
        except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError):
            self.problem(row, f"size {size!r} not understood: size left empty", line)
            return None
        return None, (quantity, unit)

    def attribute(self, key: str, value: Any) -> tuple[str, str]:
        return self.pool.setdefault(key, key), _value_text(value, self.pool)

    def catalog(self) -> Catalog:
        self.seen.clear()
        self.pool.clear()
        return Catalog(
            skus=tuple(self.skus),
            names=tuple(self.names),
            aliases=tuple(self.aliases),
            brands=tuple(self.brands),
            sizes=tuple(self.sizes),
            pack_counts=tuple(self.pack_counts),
            categories=tuple(self.categories),
            langs=tuple(self.langs),
            prices=tuple(self.prices),
            eans=tuple(self.eans),
            attributes=tuple(self.attributes),
            report=LoadReport(self.source, self.rows_read, len(self.skus), tuple(self.problems)),
        )


def _pack_count(value: Any) -> int:
    """A whole number of units, at least 1: 6, "6", "6.0"."""
    if isinstance(value, bool):
        raise ValueError(value)
    number = Fraction(value) if isinstance(value, (int, Fraction)) else Fraction(_text(value).strip())
    if number.denominator != 1 or number < 1:
        raise ValueError(value)
    return int(number)


def _value_text(value: Any, pool: dict[str, str]) -> str:
    text = _text(value).strip()
    return pool.setdefault(text, text) if len(text) < 40 else text


# --- records and JSON lines -----------------------------------------------------------------


def _is_off(keys: Iterable[str]) -> bool:
    keys = set(keys)
    return "sku" not in keys and "code" in keys and any(k.startswith("product_name") for k in keys)


def _add_record(builder: _Builder, row: int, record: Any, line: int | None = None) -> None:
    """One mapping (a JSON line or a record) into the builder."""
    if not isinstance(record, Mapping):
        builder.rows_read += 1
        builder.problem(row, f"not an object but {type(record).__name__}: row skipped", line)
        return
    fields: dict[str, Any] = {}
    original: dict[str, str] = {}
    for key, value in record.items():
        norm = str(key).strip().lower()
        if norm not in fields:
            fields[norm] = value
            original[norm] = str(key).strip()
    if _is_off(fields):
        _add_off(builder, row, fields, list(fields), line)
        return
    aliases = [fields.get(k) for k in _ALIAS_COLUMNS]
    extra = fields.get("aliases")
    if isinstance(extra, str):
        aliases += extra.split("|")
    elif isinstance(extra, Iterable):
        aliases += list(extra)
    attributes: dict[str, str] = {}
    given = fields.get("attributes")
    if isinstance(given, Mapping):
        for key, value in given.items():
            if value is not None and _text(value).strip():
                k, v = builder.attribute(str(key), value)
                attributes[k] = v
    for norm, value in fields.items():
        if norm in _KNOWN or norm == "attributes" or value is None:
            continue
        if _text(value).strip():
            k, v = builder.attribute(original[norm], value)
            attributes[k] = v
    builder.add(
        row, fields.get("sku"), fields.get("name"), aliases=aliases, brand=fields.get("brand"),
        size=fields.get("size"), pack_count=fields.get("pack_count"), category=fields.get("category"),
        lang=fields.get("lang"), price=fields.get("price"), ean=fields.get("ean"),
        attributes=attributes, line=line,
    )  # fmt: skip


def _add_off(
    builder: _Builder, row: int, get: Mapping[str, Any], name_keys: list[str], line: int | None
) -> None:
    """One Open Food Facts product (``get`` maps lowercased column names to values)."""
    code = _text(get.get("code")).strip()
    lang = _text(get.get("lang")).strip().lower() or builder.lang or ""
    keys = [k for k in name_keys if k.startswith("product_name")]
    preferred = f"product_name_{lang}" if lang else None
    order = ([preferred] if preferred in keys else []) + [k for k in ("product_name",) if k in keys]
    order += [k for k in keys if k not in order]
    names = [n for n in (_collapse(_text(get.get(k))) for k in order) if n]
    brand = _text(get.get("brands")).split(",")[0]
    builder.add(
        row, code, names[0] if names else "", aliases=names[1:], brand=brand,
        size=_text(get.get("quantity")), category=_last_tag(get.get("categories_tags")),
        lang=lang or None, ean=code if code.isdigit() else None, line=line,
    )  # fmt: skip


def load_records(
    records: Iterable[Mapping[str, Any]], *, strict: bool = False, source: str = "records",
    lang: str | None = None,
) -> Catalog:  # fmt: skip
    """A catalog from mappings with at least ``sku`` and ``name`` (the keys of the file columns).

    Row ``n`` of the report is the ``n``-th record (1-based). ``lang`` is the language of the
    records that do not say theirs. Mappings of :meth:`Product.model_dump` are accepted as they
    are (``size`` as ``{"quantity", "unit"}``, ``aliases`` as a list, ``attributes`` as a mapping).

    >>> cat = load_records([{"sku": "a", "name": "Eau 6 x 1,5 L"}, {"sku": "a", "name": "Autre"}])
    >>> len(cat), cat.pack_counts[0], cat.report.problems[0].reason
    (1, 6, "duplicate sku 'a' (first in row 1, which is kept): row skipped")
    """
    builder = _Builder(source, strict, lang)
    with collector_paused():
        for row, record in enumerate(records, 1):
            _add_record(builder, row, record)
        return builder.catalog()


# --- files ----------------------------------------------------------------------------------


def load_file(
    path: str | Path, *, strict: bool = False, format: str | None = None,
    encoding: str | None = None, lang: str | None = None,
) -> Catalog:  # fmt: skip
    """Read a catalog file (see the module docstring for the formats and the row policy).

    ``encoding`` is UTF-8 (a byte-order mark is skipped) unless given; ``lang`` is the language
    of the rows that have no ``lang`` column or value.
    """
    if format is not None and format not in FORMATS:
        raise CatalogError(f"unknown catalog format {format!r}; use one of {', '.join(FORMATS)}")
    path = Path(path)
    source = str(path)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CatalogError(f"{source}: unknown encoding {encoding!r}") from None
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise CatalogError(f"{source}: no such catalog file") from None
    except IsADirectoryError:
        raise CatalogError(f"{source}: is a folder, not a catalog file") from None
    except OSError as exc:
        raise CatalogError(f"{source}: cannot open ({exc.strerror or exc})") from None
    builder = _Builder(source, strict, lang)
    with raw:
        compressed = raw.peek(2)[:2] == b"\x1f\x8b"
        binary = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        text = io.TextIOWrapper(binary, encoding=encoding or "utf-8-sig", errors="strict", newline="")
        try:
            with collector_paused():
                _read(text, path, format, builder)
        except UnicodeDecodeError as exc:
            raise CatalogError(_encoding_message(path, encoding, exc)) from None
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise CatalogError(f"{source}: damaged or truncated gzip data ({exc})") from None
        except OSError as exc:
            raise CatalogError(f"{source}: read error ({exc.strerror or exc})") from None
    with collector_paused():
        return builder.catalog()


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _read(text: io.TextIOWrapper, path: Path, format: str | None, builder: _Builder) -> None:
    line = 0
    first = ""
    for first in text:
        line += 1
        if first.strip():
            break
    else:
        return  # empty: an empty catalog
    first = first.lstrip("\ufeff")  # a BOM under a caller-given encoding
    suffix = _suffix(path)
    if format in (None, "jsonl", "off") and first.lstrip().startswith("["):
        raise CatalogError(f"{path}: a JSON array; a catalog file holds one JSON object a line (JSON lines)")
    looks_json = suffix in _JSON_SUFFIXES or first.lstrip().startswith("{")
    if format == "jsonl" or (format in (None, "off") and looks_json):
        _read_jsonl(text, first, line, builder)
        return
    if format == "csv":
        delimiter = ","
    elif format == "tsv" or (format is None and suffix in _TAB_SUFFIXES):
        delimiter = "\t"
    else:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    _read_delimited(text, first, line, delimiter, format == "off", builder)


def _read_jsonl(text: Iterable[str], first: str, first_line: int, builder: _Builder) -> None:
    lines = iter(text)
    line, content = first_line, first
    while True:
        if content.strip():
            try:
                record = json.loads(content, parse_float=str)
            except json.JSONDecodeError as exc:
                builder.rows_read += 1
                builder.problem(line, f"not valid JSON ({exc.msg}, column {exc.colno}): row skipped")
            else:
                _add_record(builder, line, record)
        content = next(lines, None)
        if content is None:
            return
        line += 1


def _read_delimited(
    text: Iterable[str], first: str, first_line: int, delimiter: str, off: bool, builder: _Builder
) -> None:
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    header = next(csv.reader([first], delimiter=delimiter, quoting=quoting), [])
    header = [h.strip() for h in header]
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        columns.setdefault(name.lower(), i)
    columns.pop("", None)
    width = len(header)
    off = off or _is_off(columns)
    if off:
        needed = ("code",) + (() if any(k.startswith("product_name") for k in columns) else ("product_name",))
        _check_columns(builder.source, header, columns, needed, delimiter, "an Open Food Facts export")
    else:
        _check_columns(builder.source, header, columns, ("sku", "name"), delimiter, "a catalog")

    reader = csv.reader(text, delimiter=delimiter, quoting=quoting)
    row = 0
    offset = first_line  # lines read before the reader started
    if off:
        wanted = [k for k in columns if k in ("code", "lang", "brands", "quantity", "categories_tags")
                  or k.startswith("product_name")]  # fmt: skip
        positions = [(k, columns[k]) for k in wanted]
        name_keys = [k for k in _header_order(header) if k in columns and k.startswith("product_name")]
    else:
        col = columns.get
        i_sku, i_name = columns["sku"], columns["name"]
        i_brand, i_size, i_cat, i_lang = col("brand"), col("size"), col("category"), col("lang")
        i_price, i_ean, i_pack, i_aliases = col("price"), col("ean"), col("pack_count"), col("aliases")
        i_alias_cols = [columns[k] for k in _ALIAS_COLUMNS if k in columns]
        known = {columns[k] for k in _KNOWN if k in columns}
        extra = [(i, builder.pool.setdefault(header[i], header[i])) for i in range(width)
                 if header[i] and i not in known and columns.get(header[i].lower()) == i]  # fmt: skip
    add = builder.add
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row += 1
            builder.rows_read += 1
            builder.problem(row, f"unreadable ({exc}): row skipped", offset + reader.line_num)
            continue
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line
        row += 1
        line = offset + reader.line_num
        n = len(cells)
        if n != width:
            if n > width:
                builder.problem(row, f"{n} cells where the header has {width}: extra cells ignored", line)
            else:
                cells += [""] * (width - n)
        if off:
            _add_off(builder, row, {k: cells[i] for k, i in positions}, name_keys, line)
            continue
        attributes = None
        if extra:
            attributes = {}
            for i, key in extra:
                value = cells[i]
                if value and not value.isspace():
                    attributes[key] = _value_text(value, builder.pool)
        aliases = [cells[i] for i in i_alias_cols]
        if i_aliases is not None and cells[i_aliases]:
            aliases += cells[i_aliases].split("|")
        add(
            row, cells[i_sku], cells[i_name], aliases=aliases,
            brand=cells[i_brand] if i_brand is not None else None,
            size=cells[i_size] if i_size is not None else None,
            pack_count=cells[i_pack] if i_pack is not None else None,
            category=cells[i_cat] if i_cat is not None else None,
            lang=cells[i_lang] if i_lang is not None else None,
            price=cells[i_price] if i_price is not None else None,
            ean=cells[i_ean] if i_ean is not None else None,
            attributes=attributes, line=line,
        )  # fmt: skip


def _header_order(header: list[str]) -> list[str]:
    """Lowercased header names in order, first occurrence only."""
    seen: dict[str, None] = {}
    for name in header:
        seen.setdefault(name.lower(), None)
    return list(seen)


def _check_columns(
    source: str,
    header: list[str],
    columns: dict[str, int],
    needed: tuple[str, ...],
    delimiter: str,
    what: str,
) -> None:
    missing = [c for c in needed if c not in columns]
    if not missing:
        return
    shown = [h for h in header if h][:30]
    found = ", ".join(repr(h) for h in shown) + (f" and {len(header) - 30} more" if len(header) > 30 else "")
    hint = ""
    if delimiter == "," and "\t" in "".join(header):
        hint = " (the header has tabs: is it a TSV file? pass format='tsv')"
    elif delimiter == "\t" and any("," in h for h in header):
        hint = " (the header has commas: is it a CSV file? pass format='csv')"
    elif not any(c in columns for c in (*_KNOWN, "code")):
        hint = " (is the first line a header?)"
    names = " and ".join(repr(c) for c in missing)
    raise CatalogError(
        f"{source}: no {names} column{'s' if len(missing) > 1 else ''} in the header of {what}; "
        f"found {found or 'no columns'}{hint}"
    )


def _encoding_message(path: Path, encoding: str | None, exc: UnicodeDecodeError) -> str:
    """Where the first undecodable byte is, found by decoding the file again from the start."""
    offset = line = None
    try:
        with open(path, "rb") as raw:
            compressed = raw.peek(2)[:2] == b"\x1f\x8b"
            binary = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
            decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")("strict")
            done = lines = 0
            while True:
                chunk = binary.read(1 << 20)
                try:
                    decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as err:
                    # err.object ends with this chunk (it may start with bytes held back from
                    # the previous one, an unfinished character, which holds no newline)
                    offset = done + len(chunk) - len(err.object) + err.start
                    line = lines + chunk[: max(offset - done, 0)].count(b"\n") + 1
                    break
                if not chunk:
                    break
                lines += chunk.count(b"\n")
                done += len(chunk)
    except (OSError, EOFError, zlib.error, LookupError):
        pass
    name = "UTF-8" if encoding is None else repr(encoding)
    if offset is None:
        where = f"({exc.reason})"
    else:
        data = " of the decompressed data" if compressed else ""
        where = f"at byte offset {offset}{data} (line {line})"
    bad = exc.object[exc.start : exc.start + 1]
    advice = "; pass encoding= with the file's real encoding (e.g. encoding='latin-1') to read it"
    return f"{path}: not valid {name} {where}: byte {bad!r}{advice if encoding is None else ''}"
