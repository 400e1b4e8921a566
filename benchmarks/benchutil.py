"""Helpers the benchmark scripts share: the checkout's commit and what a run ran on, and
emptying listparse's caches between timed passes. The scripts import it as a sibling module (their folder is on the path)."""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import time
from pathlib import Path

__all__ = ["PROJECT_ROOT", "clear_text_caches", "git_commit", "run_meta"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Modules whose bounded per-text caches a pass must not inherit from an earlier one.
TEXT_CACHE_MODULES = ("listparse.catalog.keys", "listparse.catalog.link", "listparse.textutil")


def git_commit() -> str | None:
    """The checkout's commit, ``+dirty`` when tracked files have changes; None outside git."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        return (rev + ("+dirty" if dirty else "")) or None
    except (OSError, subprocess.SubprocessError):
        return None


def run_meta() -> dict:
    """What a run ran on: listparse's version, folder and commit, Python, the machine, the time."""
    import listparse

    return {
        "listparse": listparse.__version__,
        "listparse_from": str(Path(listparse.__file__).resolve().parent),
        "commit": git_commit(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "platform": platform.platform(),
        "cpus_seen": os.cpu_count(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def clear_text_caches(modules: tuple[str, ...] = TEXT_CACHE_MODULES) -> list[str]:
    """Empty the bounded lru_caches defined in ``modules`` (such as the match key of a text) and
    the latest catalog searches (a module's ``_RECENT``), so that no query finds its own work done
    by an earlier pass. Unbounded caches (the lexicon tables, loaded once) are kept."""
    cleared = []
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name, obj in vars(module).items():
            info = getattr(obj, "cache_info", None)
            if info is not None and getattr(obj, "__module__", None) == module_name and info().maxsize is not None:
                obj.cache_clear()
                cleared.append(f"{module_name}.{name}")
        recent = getattr(module, "_RECENT", None)
        if recent is not None:
            recent.clear()
            cleared.append(f"{module_name}._RECENT")
    return cleared
