"""Amounts of list entries: the merging key of a product, and sums and differences of amounts
in listparse's own unit registry (:mod:`listparse.units`).

A count without a unit and a count of pieces are the same kind of amount. Two amounts add up
when their units convert to each other; the total is written in the larger unit when it
makes at least one of it (1 L + 50 cl = 1.5 L, 200 g + 100 g = 300 g):

>>> from fractions import Fraction as F
>>> add_amounts(F(1), "liter", F(50), "centiliter")
(Fraction(3, 2), 'liter')
>>> add_amounts(F(200), "gram", F(1, 10), "kilogram")
(Fraction(300, 1), 'gram')
>>> add_amounts(F(2), "bottle", F(1), "liter") is None
True
>>> item_key("Pommes de terre"), item_key("Œufs")
('pomme terre', 'oeuf')
"""

from __future__ import annotations

from fractions import Fraction

from ..catalog.keys import terms
from ..models import Item
from ..textutil import fold

__all__ = ["add_amounts", "base_key", "convert", "item_amount", "item_key", "subtract_amount", "tidy"]

_SIZE_MARK = " ["
#: Largest denominator kept: exact amounts survive the float of the JSON state unchanged.
_DENOMINATOR = 10_000


def tidy(value: Fraction) -> Fraction:
    """``value`` with a denominator of at most 10,000 (how the JSON state reads it back)."""
    return value.limit_denominator(_DENOMINATOR)


def item_key(name: str, size: str = "") -> str:
    """The merging identity of a product name: its folded, singular words (catalog match
    keys, :func:`listparse.catalog.keys.terms`), and the size of one container if any."""
    key = " ".join(terms(name)) or " ".join(fold(name).split())
    return f"{key}{_SIZE_MARK}{size}]" if size and key else key


def base_key(key: str) -> str:
    """The key without the container size: what « enlève le thon » is compared with."""
    return key.split(_SIZE_MARK, 1)[0]


def size_key(item: Item) -> str:
    """The container size of an item as key text: "6x3/2 liter", "140 gram" or ""."""
    if item.size is None:
        return ""
    count = f"{item.inner_count}x" if item.inner_count else ""
    return f"{count}{item.size.quantity} {item.size.unit}"


def item_amount(item: Item) -> tuple[Fraction | None, str | None]:
    """The amount an item brings: a container without a number is one container, and a
    quantity of zero is no quantity."""
    quantity, unit = item.quantity, item.unit
    if quantity is None and unit is not None:
        quantity = Fraction(1)
    if quantity is not None and quantity <= 0:
        return None, None
    return (None if quantity is None else tidy(quantity)), unit


def convert(quantity: Fraction, unit: str | None, target: str | None) -> Fraction | None:
    """``quantity`` ``unit`` expressed in ``target``, None when they do not convert."""
    if unit == target:
        return quantity
    from ..units import conversion_factor

    factor = conversion_factor(unit or "piece", target or "piece")
    if factor is None:  # an unknown unit, or another dimension
        return None
    try:
        return Fraction(quantity) * factor
    except (TypeError, ValueError):
        return None


def _larger(first: str | None, second: str | None) -> str | None:
    one_second = convert(Fraction(1), second, first)
    return second if one_second is not None and one_second > 1 else first


def add_amounts(
    quantity: Fraction, unit: str | None, more: Fraction, more_unit: str | None
) -> tuple[Fraction, str | None] | None:
    """The sum of two amounts in a readable unit, None when the units do not convert."""
    if convert(Fraction(1), more_unit, unit) is None:
        return None
    if unit == more_unit or convert(Fraction(1), more_unit, unit) == 1:
        added = convert(more, more_unit, unit)
        assert added is not None
        return tidy(quantity + added), unit
    larger = _larger(unit, more_unit)
    smaller = more_unit if larger == unit else unit
    in_larger = convert(quantity, unit, larger) + convert(more, more_unit, larger)  # type: ignore[operator]
    if in_larger >= 1:
        return tidy(in_larger), larger
    return tidy(convert(in_larger, larger, smaller)), smaller  # type: ignore[arg-type]


def subtract_amount(
    quantity: Fraction, unit: str | None, less: Fraction, less_unit: str | None
) -> Fraction | None:
    """What is left of ``quantity`` ``unit`` once ``less`` is taken (in ``unit``; zero or
    below means nothing is left), None when the units do not convert."""
    taken = convert(less, less_unit, unit)
    if taken is None:
        return None
    return tidy(quantity - taken)
