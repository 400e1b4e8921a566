"""The Python examples of README.md give what they show."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples():
    failures, tried = doctest.testfile(str(README), module_relative=False, encoding="utf-8")
    assert tried >= 5
    assert failures == 0, "see the doctest report above"
