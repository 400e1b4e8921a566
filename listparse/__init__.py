"""listparse: French and English shopping lists, typed or spoken, into structured items.

>>> import listparse
>>> item = listparse.parse("un pack de 6 bouteilles d'eau de 1,5 L").items[0]
>>> item.name, item.unit, item.inner_count, item.inner_unit, float(item.size.quantity), item.size.unit
('eau', 'pack', 6, 'bottle', 1.5, 'liter')
"""

from __future__ import annotations

from .errors import (
    CatalogError,
    IndexFileError,
    InputTooLargeError,
    LexiconError,
    ListparseError,
    UnitConversionError,
    UnsupportedLanguageError,
)
from .lexicon import SUPPORTED_LANGUAGES
from .models import Item, Match, ShoppingList, Size
from .options import ParseOptions
from .pipeline import Explanation, explain, parse, parse_many

__version__ = "0.1.0"

_LAZY = {"Catalog": "listparse.catalog", "Product": "listparse.catalog"}


def __getattr__(name: str):
    """Catalog classes load on first use, so ``import listparse`` stays light."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'listparse' has no attribute {name!r}")

__all__ = [
    "SUPPORTED_LANGUAGES",
    "Catalog",
    "CatalogError",
    "Explanation",
    "IndexFileError",
    "InputTooLargeError",
    "Item",
    "LexiconError",
    "ListparseError",
    "Match",
    "ParseOptions",
    "Product",
    "ShoppingList",
    "Size",
    "UnitConversionError",
    "UnsupportedLanguageError",
    "__version__",
    "explain",
    "parse",
    "parse_many",
]
