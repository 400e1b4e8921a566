"""Catalogs of products and the index that links parsed items to them."""

from .table import Catalog, LoadReport, Product, RowProblem

__all__ = ["Catalog", "LoadReport", "Product", "RowProblem"]
