"""What both stores share beyond the protocol: their ``repr`` and use as a context manager."""

from __future__ import annotations

from typing import Any

__all__ = ["StoreBase"]


class StoreBase:
    """``repr`` shows the URL (password masked); ``with store:`` closes it at the end."""

    url: str

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()  # type: ignore[attr-defined]
