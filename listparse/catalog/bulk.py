"""Building large tables at once: the cyclic garbage collector paused meanwhile.

Loading a catalog and building its index make millions of small lists and tuples that hold no
reference cycles. Each allocation counts towards a collection of the older generations, and
such a collection walks every live container, so a build of a million names would spend a good
part of its time walking what it has just made. The collector is paused for the build and
resumed after it; the objects made hold no cycles, so nothing is left uncollected.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (no-op when it is already paused)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
