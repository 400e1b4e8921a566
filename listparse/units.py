"""listparse's one pint registry of shopping units, built once on first use.

It is made from ``lexicons/units.txt`` alone (never pint's default registry, where ``bag`` is
94 lb and ``quarter`` 28 lb) and keeps magnitudes exact with :class:`fractions.Fraction`.

>>> quantity_of(1, "cup").to("milliliter")
<Quantity(473176473/2000000, 'milliliter')>
>>> is_physical("tablespoon"), is_physical("bottle")
(True, False)
>>> conversion_factor("cup", "milliliter"), conversion_factor("bottle", "liter")
(Fraction(473176473, 2000000), None)
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import TYPE_CHECKING

from .errors import UnitConversionError
from .lexicon import lexicon_dir

if TYPE_CHECKING:  # pragma: no cover
    import pint

    from .models import Item

__all__ = ["registry", "quantity_of", "is_physical", "is_known_unit", "conversion_factor", "convert_item"]


@functools.cache
def registry() -> pint.UnitRegistry:
    """The shopping-unit registry (built on first call, then shared)."""
    import pint

    ureg = pint.UnitRegistry(
        None,
        non_int_type=Fraction,
        on_redefinition="raise",
        autoconvert_offset_to_baseunit=False,
        cache_folder=None,
    )
    ureg.load_definitions(str(lexicon_dir() / "units.txt"))
    return ureg


@functools.cache
def _dimension(unit: str) -> str | None:
    ureg = registry()
    try:
        return str(ureg.Unit(unit).dimensionality)
    except Exception:
        return None


def is_known_unit(unit: str) -> bool:
    """True when ``unit`` is a canonical id of the registry."""
    return _dimension(unit) is not None


def is_physical(unit: str | None) -> bool:
    """True for mass and volume units, which convert to each other within their dimension."""
    return unit is not None and _dimension(unit) in ("[mass]", "[volume]")


@functools.lru_cache(maxsize=4096)
def conversion_factor(unit: str, target: str) -> Fraction | None:
    """What one ``unit`` is in ``target``, exactly: ``quantity_of(v, unit).to(target)`` is
    ``v * conversion_factor(unit, target)`` (every unit of the registry is a multiple of its
    dimension's base). None when either unit is unknown or their dimensions differ."""
    if not is_known_unit(unit) or not is_known_unit(target):
        return None
    from pint.errors import DimensionalityError

    try:
        return Fraction(quantity_of(1, unit).to(target).magnitude)
    except DimensionalityError:
        return None


def quantity_of(value: Fraction | int, unit: str) -> pint.Quantity:
    """A pint quantity of ``value`` ``unit`` in the shopping registry."""
    if not is_known_unit(unit):
        raise UnitConversionError(f"unknown unit {unit!r}")
    return registry().Quantity(Fraction(value), unit)


def convert_item(item: Item, unit: str) -> pint.Quantity:
    """The item's amount in ``unit``; for a container with a size, its whole content."""
    if not is_known_unit(unit):
        raise UnitConversionError(f"unknown unit {unit!r} (asked for {item.name!r})")
    target = _dimension(unit)
    own = item.unit or "piece"
    if item.quantity is None:
        raise UnitConversionError(f"{item.name!r} has no quantity to convert to {unit!r}")
    if _dimension(own) == target:
        return quantity_of(item.quantity, own).to(unit)
    if item.size is not None and _dimension(item.size.unit) == target:
        content = quantity_of(item.size.quantity, item.size.unit)
        return (content * item.quantity * (item.inner_count or 1)).to(unit)
    raise UnitConversionError(
        f"cannot convert {item.name!r} ({item.quantity} {own}"
        f"{f' of {item.size.quantity} {item.size.unit}' if item.size else ''}) to {unit!r}"
    )
