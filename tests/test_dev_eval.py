"""Regression floors on the shared development data, scored by the shared evaluator.

Runs only when ``../shared/data/parse`` exists beside the project; the floors sit below the
targets so that this test catches regressions, not missed targets.
"""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

import listparse

SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "parse"
EVALUATOR = SHARED / "tools" / "eval_parse.py"

#: item F1 floor per file
FLOORS = {
    "en_recipes": 0.90,
    "fr_moteur": 0.90,
    "fr_recipes_web": 0.90,
    "en_lists": 0.90,
    "fr_lists": 0.90,
    "en_spoken": 0.90,
    "fr_spoken": 0.90,
    "commands": 0.95,
}

if not DATA.is_dir() or not EVALUATOR.is_file():
    pytest.skip(
        f"development data not found ({DATA} and {EVALUATOR} are needed); skipping the dev evaluation",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def evaluator():
    spec = importlib.util.spec_from_file_location("listparse_dev_eval_parse", EVALUATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parse(text, lang=None):
    return listparse.parse(text, lang=lang).model_dump(mode="json")


def test_every_file_has_a_floor():
    files = {p.stem for p in DATA.glob("*.jsonl")}
    assert files, f"no .jsonl files in {DATA}"
    missing = files - FLOORS.keys()
    assert not missing, f"dev files with no floor: {sorted(missing)}"


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_dev_file(evaluator, stem):
    path = DATA / f"{stem}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    totals, records = evaluator.evaluate_file(str(path), _parse)
    metrics = totals.metrics()
    crashed = [(r["id"], r["exception"]) for r in records if r["exception"]][:5]
    assert metrics["exceptions"] == 0, f"{stem}: {metrics['exceptions']} exceptions, e.g. {crashed}"
    assert metrics["item_f1"] >= FLOORS[stem], (
        f"{stem}: item F1 {metrics['item_f1']:.3f} under the floor {FLOORS[stem]:.2f}"
    )
