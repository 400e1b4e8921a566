"""The noise benchmark's alterations (benchmarks/bench_link_noise.py): each changes the query
the way it says, and a typo never touches a word's first letter."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def noise():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("bench_link_noise", BENCHMARKS / "bench_link_noise.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize(("text", "lang"), [("crème fraîche épaisse", "fr"), ("peanut butter", "en")])
def test_alterations(noise, text, lang, seed):
    found = noise.variants(text, lang, "Brand Co", random.Random(seed))
    words = text.split()
    for kind in ("typo:neighbour", "typo:double", "typo:swap"):
        altered = found[kind].split()
        changed = [(a, b) for a, b in zip(words, altered, strict=True) if a != b]
        assert len(changed) == 1 and changed[0][0][0] == changed[0][1][0], (kind, found[kind])
    assert len(found["typo:double"]) == len(text) + 1
    assert found["upper case"] == text.upper()
    assert found["brand first"] == f"Brand Co {text}"
    assert found["no accents"] == (None if lang == "en" else "creme fraiche epaisse")


def test_neighbours_are_keyboard_neighbours(noise):
    assert set(noise.neighbours("fr")["a"]) == set("zqs") and "q" in noise.neighbours("en")["a"]
