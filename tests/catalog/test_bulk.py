"""The garbage collector paused during a build, and resumed after it whatever happens."""

from __future__ import annotations

import gc

import pytest

from listparse.catalog import Catalog
from listparse.catalog.bulk import collector_paused
from listparse.catalog.index import CatalogIndex
from listparse.errors import CatalogError


def test_resumed_after_an_error():
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()


def test_left_paused_when_the_caller_paused_it():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_load_and_build_leave_it_running():
    catalog = Catalog.from_records([{"sku": "1", "name": "Lait"}, {"sku": "2", "name": "Pain"}])
    assert gc.isenabled()
    CatalogIndex.build(catalog)
    assert gc.isenabled()


def test_a_failing_load_leaves_it_running(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"sku,name\n1,caf\xe9\n")
    with pytest.raises(CatalogError, match="bad.csv"):
        Catalog.from_file(path)
    assert gc.isenabled()
