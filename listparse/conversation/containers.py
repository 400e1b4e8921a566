"""Containers of a linked entry: what « une bouteille » of an entry means, by the catalog
product the entry is linked to.

An entry « 2 L de lait » linked to a 1 L bottle of the catalog (``sku``) holds two of those
bottles, so « enlève une bouteille de lait » takes 1 L. A container counts one unit of the
product as sold: its size (one bottle of « Eau 6 × 1,5 L » is 1,5 L), or the whole pack for
the pack units (one pack of it is 9 L), or, for a product without a size, its pack count in
pieces (one box of « Oeufs x6 » is 6 eggs). Without a catalog, without a link, or when the
product's size does not convert to the entry's unit, a container stays what it is: a unit of
its own, that no amount in litres or grams can be taken from.

>>> import listparse
>>> from fractions import Fraction as F
>>> from listparse.conversation import ListEntry
>>> catalog = listparse.Catalog.from_records([{"sku": "L1", "name": "Lait 1 L", "size": "1 L"}])
>>> entry = ListEntry(item_id="1", name="lait", key="lait", quantity=F(2), unit="liter", sku="L1", pack_count=2)
>>> container_amount(entry, F(1), "bottle", catalog)
Fraction(1, 1)
>>> container_amount(entry, F(1), "bottle", None) is None
True
"""

from __future__ import annotations

import weakref
from fractions import Fraction

from .amounts import convert, tidy
from .state import ListEntry

__all__ = ["container_amount", "is_container"]

#: Units that name the whole product as sold, several bottles or cans included.
_PACK_UNITS = frozenset({"pack", "packet"})
#: sku → row of each catalog asked about (built once per catalog).
_ROWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def is_container(unit: str | None) -> bool:
    """True for a unit that is neither a count nor a mass or a volume: bottle, pack, box…"""
    from ..units import is_known_unit, is_physical

    return unit not in (None, "piece") and is_known_unit(unit) and not is_physical(unit)  # type: ignore[arg-type]


def _table(catalog):
    """The :class:`listparse.Catalog` of a catalog or of a loaded index, None if neither."""
    table = getattr(catalog, "catalog", catalog)
    return table if hasattr(table, "skus") and hasattr(table, "sizes") and hasattr(table, "pack_counts") else None


def _row(table, sku: str) -> int | None:
    try:
        rows = _ROWS.get(table)
        if rows is None:
            rows = {}
            for row, value in enumerate(table.skus):
                rows.setdefault(value, row)
            _ROWS[table] = rows
    except TypeError:  # a table that cannot be weakly referenced: look it up each time
        return next((row for row, value in enumerate(table.skus) if value == sku), None)
    return rows.get(sku)


def _one_container(table, row: int, unit: str, entry_unit: str | None) -> tuple[Fraction, str | None] | None:
    from ..units import is_known_unit

    size = table.sizes[row]
    pack_count = table.pack_counts[row]
    if size is not None and is_known_unit(size[1]):
        count = pack_count if unit in _PACK_UNITS and pack_count else 1
        return Fraction(size[0]) * count, size[1]
    if size is None and pack_count and entry_unit in (None, "piece"):
        return Fraction(pack_count), None
    return None


def container_amount(entry: ListEntry, quantity: Fraction, unit: str | None, catalog) -> Fraction | None:
    """What ``quantity`` containers (``unit``: bottle, can, pack…) of the product ``entry``
    is linked to hold, in the entry's unit; None when the catalog cannot say."""
    if catalog is None or entry.sku is None or entry.quantity is None or not is_container(unit):
        return None
    table = _table(catalog)
    if table is None:
        return None
    row = _row(table, entry.sku)
    if row is None:
        return None
    one = _one_container(table, row, unit, entry.unit)  # type: ignore[arg-type]
    if one is None:
        return None
    amount = convert(one[0] * quantity, one[1], entry.unit)
    return None if amount is None else tidy(amount)
