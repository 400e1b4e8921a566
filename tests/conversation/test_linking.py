"""Entries linked to a catalog: the best product's sku, name and pack count."""

from __future__ import annotations

import pytest
from conversation_support import last, q, run

import listparse

RECORDS = [
    {"sku": "LAIT1", "name": "Lait demi-écrémé 1 L", "size": "1 L"},
    {"sku": "BAG", "name": "Baguette tradition"},
    {"sku": "OEUF6", "name": "Oeufs frais x6", "pack_count": 6},
    {"sku": "MILK", "name": "Semi-skimmed milk 1 L", "size": "1 L"},
]


@pytest.fixture(scope="module")
def catalog():
    return listparse.Catalog.from_records(RECORDS)


@pytest.mark.parametrize(
    ("message", "sku", "pack_count"),
    [
        ("ajoute 2 litres de lait", "LAIT1", 2),
        ("deux baguettes", "BAG", 2),
        ("12 oeufs", "OEUF6", 2),
        ("des oeufs", "OEUF6", None),
        ("add 3 liters of semi-skimmed milk", "MILK", 3),
    ],
)
def test_new_entries_record_the_best_match(catalog, message, sku, pack_count):
    entry = last(message, catalog=catalog).state.items[0]
    assert (entry.sku, entry.pack_count) == (sku, pack_count)
    assert entry.sku_name == next(r["name"] for r in RECORDS if r["sku"] == sku)


def test_an_unknown_product_stays_unlinked(catalog):
    entry = last("du fromage", catalog=catalog).state.items[0]
    assert (entry.sku, entry.sku_name, entry.pack_count) == (None, None, None)


def test_without_a_catalog_nothing_is_linked():
    entry = last("ajoute 2 litres de lait").state.items[0]
    assert (entry.sku, entry.sku_name, entry.pack_count) == (None, None, None)


def test_a_merged_amount_is_linked_again(catalog):
    turns = run("2 litres de lait", "50 cl de lait", catalog=catalog)
    entry = turns[-1].state.items[0]
    assert (entry.quantity, entry.sku, entry.pack_count) == (2.5, "LAIT1", 3)


def test_an_amount_taken_off_is_linked_again(catalog):
    turns = run("9 oeufs", "retire 4 oeufs", catalog=catalog)
    assert turns[0].state.items[0].pack_count == 2
    assert turns[1].state.items[0].pack_count == 1


def test_without_the_catalog_the_pack_count_follows_the_amount(catalog):
    state = last("3 litres de lait", catalog=catalog).state
    turn = last("enlève 1 L de lait", state=state)
    assert turn.state.items[0].pack_count == 2


def test_links_found_again_are_those_of_a_first_search(catalog):
    from listparse.catalog import link

    messages = ("ajoute 2 litres de lait", "50 cl de lait", "une bouteille de lait", "enlève 1 L de lait")
    again = [turn.state.items for turn in run(*messages, catalog=catalog)]  # the same search, reused
    first = []
    state = None
    for message in messages:
        link._RECENT.clear()  # every search made anew
        state = run(message, state=state, catalog=catalog)[0].state
        first.append(state.items)
    assert again == first
    assert [(e.quantity, e.pack_count) for e in first[-1]] == [(q("5/2"), 3)]  # 2 + 0,5 + 1 - 1 L
