"""The error the persistence layer raises."""

from __future__ import annotations

from ..errors import ListparseError

__all__ = ["StoreError"]


class StoreError(ListparseError):
    """A database URL is malformed or unsupported, the database cannot be reached or opened, its
    schema is newer than this version of listparse knows, or a store operation failed.

    Messages name the database by its URL with any password masked.
    """
