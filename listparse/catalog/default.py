"""The default catalog shipped with listparse (``listparse/data/default_catalog.csv``).

It is a small, French-first grocery catalog (columns ``sku``, ``name``, ``name_en``, ``lang``,
``brand``, ``size``, ``category``, ``price``) that the ``listparse`` command links items to when
no other catalog is given. ``lang`` says that ``name`` is French, and so ``name_en`` English:
each name is read the way its language writes it (« Pavés de saumon » is salmon, "salmon
fillets" too). :func:`default_catalog` reads it and builds its index once per process.

The built index is also kept in a cache folder (``$LISTPARSE_CACHE_DIR``, else
``$XDG_CACHE_HOME/listparse``, else ``~/.cache/listparse``) under a name derived from the
catalog, the lexicons and the listparse version, so a later process maps it instead of
rebuilding it; when the folder cannot be written, the index is simply built in memory.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
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


def _cache_dir() -> Path:
    if os.environ.get("LISTPARSE_CACHE_DIR"):
        return Path(os.environ["LISTPARSE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "listparse"


def _digest(csv_path: Path) -> str:
    """What the built index depends on: the catalog, every lexicon file, the versions."""
    from .. import __version__
    from ..lexicon import lexicon_digest
    from .index import FORMAT_VERSION

    h = hashlib.sha256(f"{__version__}/{FORMAT_VERSION}/{lexicon_digest()}".encode())
    h.update(csv_path.read_bytes())
    return h.hexdigest()[:20]


@functools.cache
def default_catalog():
    """The default catalog's index (mapped from the cache, or built and cached)."""
    from ..errors import IndexFileError
    from .index import CatalogIndex

    csv_path = default_catalog_path()
    cached = _cache_dir() / f"default-{_digest(csv_path)}.lpidx"
    if cached.is_file():
        try:
            return CatalogIndex.load(cached).catalog
        except IndexFileError:
            pass  # damaged: rebuild below
    catalog = Catalog.from_file(csv_path, format="csv")
    index = catalog.index
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        os.close(fd)
        index.save(tmp)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only home: the index lives in memory only
    return catalog
