"""Opening a catalog from a path: a saved index is mapped, any other file is read as a catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import IndexFileError
from .table import Catalog

__all__ = ["open_catalog", "read_index_header"]


def open_catalog(path: str | Path, *, strict: bool = False, format: str | None = None):
    """A :class:`CatalogIndex` when ``path`` is a saved index (``listparse index build``), else
    a :class:`Catalog` read with :meth:`Catalog.from_file` (its index is built on first use).

    Both can be given to :func:`listparse.parse` as ``catalog=``. ``strict`` and ``format`` apply
    to a catalog file only. Raises :class:`~listparse.CatalogError` for a catalog that cannot be
    read and :class:`~listparse.IndexFileError` for a damaged index.
    """
    from .store import is_index_file

    if is_index_file(path):
        from .index import CatalogIndex

        return CatalogIndex.load(path)
    return Catalog.from_file(path, strict=strict, format=format)


def read_index_header(path: str | Path) -> dict[str, Any]:
    """The JSON header of a saved index: ``format``, ``listparse`` (the version that wrote it),
    ``rows`` and ``arrays`` (each ``name``, ``dtype``, ``shape``, ``offset``)."""
    from .store import read_header

    path = Path(path)
    header, _, _ = read_header(path)
    if not isinstance(header.get("arrays"), list):
        raise IndexFileError(f"{path}: the index header is damaged (no array table)")
    return header
