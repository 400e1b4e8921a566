"""Saving and loading a :class:`CatalogIndex` as one file that is mapped into memory.

Layout: ``LPIDX\\0``, a little-endian uint32 header length, a JSON header (format version,
listparse version, digest of the lexicons, array table: name, dtype, shape, offset), then each
array's raw bytes at a 64-byte aligned offset. Text columns (vocabulary, SKUs, names…) are
stored as one UTF-8 blob plus an offsets array. Loading checks the magic, the version, the
lexicons the match keys were made with and every array's bounds, and raises
:class:`listparse.IndexFileError` naming the file for a truncated or foreign file.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..errors import IndexFileError
from ..lexicon import lexicon_digest
from .index import _ALIGN, _MAGIC, FORMAT_VERSION, CatalogIndex
from .table import Catalog, LoadReport

__all__ = ["save_index", "load_index", "is_index_file", "read_header"]

_TEXT_COLUMNS = ("skus", "names", "brands", "categories", "langs", "eans")


def _pack_texts(values) -> tuple[np.ndarray, np.ndarray]:
    """(uint8 blob, int64 offsets) for a sequence of str or None (None is stored as \\x00)."""
    encoded = [("\x00" if v is None else v).encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _unpack_texts(blob: np.ndarray, offsets: np.ndarray) -> tuple:
    data = blob.tobytes()
    bounds = offsets.tolist()
    return tuple(
        None if data[a:b] == b"\x00" else data[a:b].decode("utf-8")
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    )


class _Column(Sequence):
    """A read-only column decoded on access from the mapped file (loading stays instant)."""

    def __init__(self, n: int, get):
        self._n = n
        self._get = get

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._get(i)


def _text_column(blob: np.ndarray, offsets: np.ndarray) -> _Column:
    def get(i: int):
        raw = blob[offsets[i] : offsets[i + 1]].tobytes()
        return None if raw == b"\x00" else raw.decode("utf-8")

    return _Column(len(offsets) - 1, get)


def _fractions(values) -> tuple[np.ndarray, np.ndarray]:
    """(numerators, denominators) as int64; None gives denominator 0. Out-of-range values are
    rounded to a denominator that fits."""
    nums, dens = [], []
    for v in values:
        if v is None:
            nums.append(0)
            dens.append(0)
            continue
        f = Fraction(v)
        if abs(f.numerator) >= 2**62 or f.denominator >= 2**62:
            f = f.limit_denominator(10**9)
        nums.append(f.numerator)
        dens.append(f.denominator)
    return np.asarray(nums, dtype=np.int64), np.asarray(dens, dtype=np.int64)


def is_index_file(path: str | Path) -> bool:
    """True when ``path`` starts like a saved index."""
    try:
        with open(path, "rb") as f:
            return f.read(len(_MAGIC)) == _MAGIC
    except OSError:
        return False


def save_index(index: CatalogIndex, path: str | Path) -> None:
    from .. import __version__

    cat = index.catalog
    arrays = dict(index.a)
    arrays["vocab_blob"], arrays["vocab_off"] = _pack_texts(index.vocab)
    for column in _TEXT_COLUMNS:
        arrays[f"{column}_blob"], arrays[f"{column}_off"] = _pack_texts(getattr(cat, column))
    sizes = [s if s is not None else (None, None) for s in cat.sizes]
    # exact numbers stay exact: numerator and denominator (denominator 0 means none)
    arrays["size_num"], arrays["size_den"] = _fractions([q for q, _ in sizes])
    arrays["size_unit_blob"], arrays["size_unit_off"] = _pack_texts([u for _, u in sizes])
    arrays["pack_count"] = np.asarray([c if c is not None else -1 for c in cat.pack_counts], dtype=np.int64)
    arrays["price_num"], arrays["price_den"] = _fractions(cat.prices)
    arrays["aliases_blob"], arrays["aliases_off"] = _pack_texts(["\x1f".join(a) for a in cat.aliases])
    table = []
    offset = 0
    for name, arr in arrays.items():
        arr = np.ascontiguousarray(arr)
        arrays[name] = arr
        offset = -(-offset // _ALIGN) * _ALIGN
        table.append({"name": name, "dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset})
        offset += arr.nbytes
    header = json.dumps(
        {
            "format": FORMAT_VERSION,
            "listparse": __version__,
            "lexicons": lexicon_digest(),
            "arrays": table,
            "rows": len(cat),
        }
    ).encode("utf-8")
    start = -(-(len(_MAGIC) + 4 + len(header)) // _ALIGN) * _ALIGN
    tmp = Path(str(path) + ".tmp")
    with open(tmp, "wb") as f:
        f.write(_MAGIC + struct.pack("<I", len(header)) + header)
        for entry in table:
            f.seek(start + entry["offset"])
            f.write(arrays[entry["name"]].tobytes())
        f.truncate(start + offset)
    tmp.replace(path)


def read_header(path: str | Path) -> tuple[dict, int, int]:
    """(JSON header, header length, file size) of a saved index; :class:`IndexFileError` for a
    file that is not one, cannot be read, or has a damaged header."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(len(_MAGIC) + 4)
            if len(head) < len(_MAGIC) + 4 or not head.startswith(_MAGIC):
                raise IndexFileError(f"{path}: not a listparse index file")
            (length,) = struct.unpack("<I", head[len(_MAGIC) :])
            raw = f.read(length)
    except OSError as exc:
        raise IndexFileError(f"{path}: cannot read the index ({exc.strerror or exc})") from exc
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexFileError(f"{path}: the index header is damaged or truncated") from exc
    if not isinstance(header, dict):
        raise IndexFileError(f"{path}: the index header is damaged (not an object)")
    return header, length, size


def load_index(path: str | Path) -> CatalogIndex:
    path = Path(path)
    header, length, size = read_header(path)
    if header.get("format") != FORMAT_VERSION:
        raise IndexFileError(
            f"{path}: index format {header.get('format')!r}, this listparse reads format "
            f"{FORMAT_VERSION}; rebuild it with `listparse index build`"
        )
    if header.get("lexicons") != lexicon_digest():
        raise IndexFileError(
            f"{path}: the index was built with other lexicons (word lists {header.get('lexicons')!r}, "
            f"this listparse has {lexicon_digest()!r}), so its match keys may differ from the "
            "queries'; rebuild it with `listparse index build`"
        )
    try:
        return _map(path, header, length, size)
    except IndexFileError:
        raise
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError, IndexError) as exc:
        raise IndexFileError(f"{path}: the index is damaged ({type(exc).__name__}: {exc})") from exc


def _map(path: Path, header: dict, length: int, size: int) -> CatalogIndex:
    start = -(-(len(_MAGIC) + 4 + length) // _ALIGN) * _ALIGN
    arrays = {}
    for entry in header["arrays"]:
        dtype = np.dtype(entry["dtype"])
        count = int(np.prod(entry["shape"])) if entry["shape"] else 1
        offset = start + int(entry["offset"])
        if entry["offset"] < 0 or count < 0 or offset + count * dtype.itemsize > size:
            raise IndexFileError(f"{path}: truncated (array {entry['name']!r} runs past the end)")
        if count == 0:
            arrays[entry["name"]] = np.zeros(entry["shape"], dtype=dtype)
            continue
        mapped = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=tuple(entry["shape"]))
        arrays[entry["name"]] = mapped.view(np.ndarray)  # plain views: slicing a memmap is slow
    texts = {c: _text_column(arrays.pop(f"{c}_blob"), arrays.pop(f"{c}_off")) for c in _TEXT_COLUMNS}
    vocab = list(_unpack_texts(arrays.pop("vocab_blob"), arrays.pop("vocab_off")))
    units = _text_column(arrays.pop("size_unit_blob"), arrays.pop("size_unit_off"))
    aliases = _text_column(arrays.pop("aliases_blob"), arrays.pop("aliases_off"))
    size_num, size_den = arrays.pop("size_num"), arrays.pop("size_den")
    price_num, price_den = arrays.pop("price_num"), arrays.pop("price_den")
    counts = arrays.pop("pack_count")
    n = int(header["rows"])
    if any(len(col) != n for col in (size_num, size_den, price_num, price_den, counts)):
        raise IndexFileError(f"{path}: the index is damaged (columns of different lengths)")

    def size(i: int):
        unit, den = units[i], int(size_den[i])
        return (Fraction(int(size_num[i]), den), unit) if unit is not None and den else None

    def price(i: int):
        den = int(price_den[i])
        return Fraction(int(price_num[i]), den) if den else None

    catalog = Catalog(
        skus=texts["skus"],
        names=texts["names"],
        aliases=_Column(n, lambda i: tuple(a.split("\x1f")) if (a := aliases[i]) else ()),
        brands=texts["brands"],
        sizes=_Column(n, size),
        pack_counts=_Column(n, lambda i: int(counts[i]) if counts[i] >= 0 else None),
        categories=texts["categories"],
        langs=texts["langs"],
        prices=_Column(n, price),
        eans=texts["eans"],
        attributes=_Column(n, lambda i: {}),
        report=LoadReport(str(path), n, n),
    )
    index = CatalogIndex(catalog, arrays, vocab)
    catalog._index.append(index)
    return index
