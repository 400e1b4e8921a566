"""The default catalog shipped with listparse (``listparse/data/default_catalog.csv``).

It is a small, French-first grocery catalog (columns ``sku``, ``name``, ``name_en``, ``brand``,
``size``, ``category``, ``price``) that the ``listparse`` command links items to when no other
catalog is given. :func:`default_catalog` reads it and builds its index once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import CatalogError
from .table import Catalog

__all__ = ["default_catalog", "default_catalog_path"]

_DATA_FILE = "default_catalog.csv"


def _data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data"


def default_catalog_path() -> Path:
    """The packaged default catalog file; :class:`CatalogError` when it is not installed."""
    path = _data_dir() / _DATA_FILE
    if not path.is_file():
        raise CatalogError(f"the default catalog is not installed (no file {path})")
    return path


@functools.cache
def default_catalog() -> Catalog:
    """The default catalog with its search index built (read and built once per process)."""
    catalog = Catalog.from_file(default_catalog_path(), format="csv")
    catalog.index  # noqa: B018 - build the index now, once
    return catalog
