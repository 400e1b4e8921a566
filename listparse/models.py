"""The result models: frozen pydantic v2 models, the contract every part of listparse relies on.

Quantities are exact :class:`fractions.Fraction` values in Python and plain floats in JSON:

>>> from fractions import Fraction
>>> item = Item(name="lait", quantity=Fraction(3, 2), unit="liter", span=(0, 12), confidence=0.9)
>>> item.model_dump(mode="json")["quantity"]
1.5
>>> item.quantity
Fraction(3, 2)
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from .errors import UnitConversionError

if TYPE_CHECKING:  # pragma: no cover
    import pint

__all__ = ["Size", "Match", "Item", "ShoppingList", "Exact"]


def _to_fraction(value: Any) -> Any:
    if isinstance(value, Fraction) or value is None:
        return value
    if isinstance(value, bool):
        raise ValueError("a quantity cannot be a boolean")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return _float_fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value.replace(",", "."))
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    return value


@functools.lru_cache(maxsize=4096)
def _float_fraction(value: float) -> Fraction:
    """A float read back from JSON as the fraction it stood for (0.333… → 1/3); stored lists
    hold the same few amounts again and again, hence the cache (a Fraction never changes)."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"a quantity must be finite, not {value!r}")
    if value.is_integer():
        return Fraction(int(value))
    return Fraction(value).limit_denominator(10_000)


def _to_float(value: Fraction) -> float:
    return float(value)


#: An exact number: a Fraction in Python, a plain float in JSON.
Exact = Annotated[
    Fraction,
    BeforeValidator(_to_fraction),
    PlainSerializer(_to_float, return_type=float, when_used="json"),
    WithJsonSchema({"type": "number"}),
]

_FROZEN = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=False)


class Size(BaseModel):
    """The content of one container: « boîte de thon de 140 g » has size 140 gram."""

    model_config = _FROZEN

    quantity: Exact
    unit: str


class Match(BaseModel):
    """One catalog product linked to an item, best first in :attr:`Item.matches`."""

    model_config = _FROZEN

    sku: str
    name: str
    score: float = Field(ge=0.0, le=1.0)
    pack_count: int | None = None


class Item(BaseModel):
    """One product of a shopping list, with its amount and where it was found in the text."""

    model_config = _FROZEN

    name: str
    quantity: Exact | None = None
    quantity_max: Exact | None = None
    unit: str | None = None
    size: Size | None = None
    inner_count: int | None = Field(
        default=None, description="items per container: « pack de 6 bouteilles » gives 6"
    )
    inner_unit: str | None = Field(
        default=None, description="the unit of the inner items: « pack de 6 bouteilles » gives bottle"
    )
    span: tuple[int, int]
    text: str = Field(default="", description="the input text the span covers")
    unit_text: str | None = Field(default=None, description="the unit as written")
    confidence: float = Field(ge=0.0, le=1.0)
    note: str | None = None
    modifiers: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    flags: tuple[str, ...] = Field(
        default=(),
        description="approximate, vague, range, corrected, multiplier, reversed, unknown_unit",
    )
    matches: tuple[Match, ...] = ()

    @property
    def amount(self) -> pint.Quantity | None:
        """The amount as a pint quantity in listparse's shopping registry (None if no quantity).

        >>> from listparse import parse
        >>> parse("1,5 kg de pommes", lang="fr").items[0].amount
        <Quantity(3/2, 'kilogram')>
        """
        if self.quantity is None:
            return None
        from .units import quantity_of

        return quantity_of(self.quantity, self.unit or "piece")

    def to(self, unit: str) -> pint.Quantity:
        """The amount converted to ``unit``; a container with a known size converts its content.

        >>> from listparse import parse
        >>> parse("2 boîtes de thon de 140 g", lang="fr").items[0].to("gram")
        <Quantity(280, 'gram')>
        """
        from .units import convert_item

        if self.quantity is None:
            raise UnitConversionError(f"{self.name!r} has no quantity to convert to {unit!r}")
        return convert_item(self, unit)


class ShoppingList(BaseModel):
    """The result of :func:`listparse.parse`: the language and the items in input order."""

    model_config = _FROZEN

    lang: Literal["fr", "en"]
    items: tuple[Item, ...] = ()
    warnings: tuple[str, ...] = ()
