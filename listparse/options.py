"""Parse options, one model instead of a sprawl of boolean flags."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ParseOptions", "DEFAULT_MAX_CHARS"]

#: Longest text :func:`listparse.parse` accepts by default (characters): 1 MB of text parses in
#: a few seconds; longer input is refused with :class:`listparse.InputTooLargeError`.
DEFAULT_MAX_CHARS = 1_000_000


class ParseOptions(BaseModel):
    """Options of :func:`listparse.parse`.

    >>> ParseOptions(default_lang="en").default_lang
    'en'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    default_lang: Literal["fr", "en"] = Field(
        default="fr", description="language used when detection has no evidence (short texts)"
    )
    max_chars: int = Field(default=DEFAULT_MAX_CHARS, gt=0, description="longest accepted text")
    max_items: int = Field(default=10_000, gt=0, description="items kept at most; a warning says so")
    top_k: int = Field(default=3, gt=0, le=100, description="catalog matches kept per item")
    min_score: float = Field(
        default=0.6, ge=0.0, le=1.0, description="matches scoring below this are not offered"
    )
