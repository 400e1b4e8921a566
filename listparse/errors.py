"""The exceptions listparse raises.

Every error derives from :class:`ListparseError`; the subclasses also derive from the matching
builtin, so ``except ValueError`` keeps working for callers that do not know listparse.
"""

from __future__ import annotations

__all__ = [
    "ListparseError",
    "CatalogError",
    "IndexFileError",
    "InputTooLargeError",
    "LexiconError",
    "UnitConversionError",
    "UnsupportedLanguageError",
]


class ListparseError(Exception):
    """Root of every error raised by listparse."""


class InputTooLargeError(ListparseError, ValueError):
    """The input text is longer than the configured limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"input of {size:,} characters is over the limit of {limit:,} characters "
            "(raise ParseOptions.max_chars, or split the text, e.g. with --each-line)"
        )
        self.size = size
        self.limit = limit


class CatalogError(ListparseError, ValueError):
    """A catalog cannot be read: missing columns, bad encoding, or a bad row with strict=True."""


class IndexFileError(ListparseError, ValueError):
    """A saved index file is truncated, corrupt, or from another version of listparse."""


class LexiconError(ListparseError, ValueError):
    """A lexicon file is malformed; the message names the file and line."""


class UnsupportedLanguageError(ListparseError, ValueError):
    """A language other than the supported ones was asked for."""


class UnitConversionError(ListparseError, ValueError):
    """An item's amount cannot be converted to the unit asked for."""
