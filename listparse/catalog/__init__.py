"""Catalogs of products and the index that links parsed items to them."""

from .default import default_catalog, default_catalog_path
from .open import open_catalog
from .table import Catalog, LoadReport, Product, RowProblem

__all__ = ["Catalog", "LoadReport", "Product", "RowProblem", "default_catalog", "default_catalog_path", "open_catalog"]
