"""The catalog: an immutable, columnar table of products (one tuple per column).

Columns rather than one object per product keep a million-product catalog small and let the
index work on plain arrays; :meth:`Catalog.product` builds a :class:`Product` model on demand.
Loading from files lives in :mod:`listparse.catalog.load`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..models import Exact, Size

__all__ = ["Catalog", "Product", "LoadReport", "RowProblem"]


class Product(BaseModel):
    """One catalog product, as shown to callers (built on demand from the columns)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sku: str
    name: str
    aliases: tuple[str, ...] = ()
    brand: str | None = None
    size: Size | None = Field(default=None, description="content of one unit: « 1 L », 500 g")
    pack_count: int | None = Field(default=None, description="units in the pack: « 6 x 33 cl » gives 6")
    category: str | None = None
    lang: str | None = None
    price: Exact | None = None
    ean: str | None = None
    attributes: Mapping[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class RowProblem:
    """A row that was skipped or changed while loading, and why."""

    row: int  # 1-based data row (the header is row 0)
    reason: str


@dataclass(frozen=True)
class LoadReport:
    """What loading a catalog did: rows read and kept, and every skipped or repaired row."""

    source: str
    rows_read: int = 0
    rows_kept: int = 0
    problems: tuple[RowProblem, ...] = ()

    def __str__(self) -> str:
        head = f"{self.source}: {self.rows_kept:,} of {self.rows_read:,} rows kept"
        return head + "".join(f"\n  row {p.row}: {p.reason}" for p in self.problems[:20]) + (
            f"\n  … {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        )


@dataclass(frozen=True, eq=False)
class Catalog:
    """Products in columns (one tuple each). Build it with :meth:`from_file` or :meth:`from_records`.

    SKUs are unique: when a SKU repeats, the first row wins and the others are reported in
    :attr:`report` (or refused with ``strict=True``).
    """

    skus: tuple[str, ...]
    names: tuple[str, ...]
    aliases: tuple[tuple[str, ...], ...]  # other names of the product (name_en, product_name_fr…)
    brands: tuple[str | None, ...]
    sizes: tuple[tuple[Fraction, str] | None, ...]
    pack_counts: tuple[int | None, ...]
    categories: tuple[str | None, ...]
    langs: tuple[str | None, ...]
    prices: tuple[Fraction | None, ...]
    eans: tuple[str | None, ...]
    attributes: tuple[Mapping[str, str], ...]
    report: LoadReport = field(default_factory=lambda: LoadReport("records"))
    _index: list = field(default_factory=list, repr=False)  # the lazily built search index

    def __len__(self) -> int:
        return len(self.skus)

    def __iter__(self) -> Iterator[Product]:
        return (self.product(i) for i in range(len(self)))

    def product(self, i: int) -> Product:
        """The product at row ``i`` as a model."""
        size = self.sizes[i]
        return Product(
            sku=self.skus[i],
            name=self.names[i],
            aliases=self.aliases[i],
            brand=self.brands[i],
            size=Size(quantity=size[0], unit=size[1]) if size else None,
            pack_count=self.pack_counts[i],
            category=self.categories[i],
            lang=self.langs[i],
            price=self.prices[i],
            ean=self.eans[i],
            attributes=dict(self.attributes[i]),
        )

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        strict: bool = False,
        format: str | None = None,
        encoding: str | None = None,
        lang: str | None = None,
    ) -> Catalog:
        """Read a CSV, TSV, JSONL or Open Food Facts export (see :mod:`listparse.catalog.load`)."""
        from .load import load_file

        return load_file(path, strict=strict, format=format, encoding=encoding, lang=lang)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        strict: bool = False,
        source: str = "records",
        lang: str | None = None,
    ) -> Catalog:
        """Build a catalog from mappings with at least ``sku`` and ``name``."""
        from .load import load_records

        return load_records(records, strict=strict, source=source, lang=lang)

    @property
    def index(self):
        """The search index (built on first use, then kept)."""
        if not self._index:
            from .index import CatalogIndex

            self._index.append(CatalogIndex.build(self))
        return self._index[0]
