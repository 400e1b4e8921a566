"""Containers of a linked entry: with a catalog, « une bouteille » of an entry linked to a 1 L
bottle is 1 L, for removing and for adding; without one, a container and litres stay apart."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conversation_support import last, q, rows

import listparse
from listparse.conversation import ListEntry, ListState
from listparse.conversation.containers import container_amount, is_container

RECORDS = [
    {"sku": "LAIT1", "name": "Lait demi-écrémé 1 L", "size": "1 L"},
    {"sku": "MILK", "name": "Semi-skimmed milk 1 L", "size": "1 L"},
    {"sku": "OEUF6", "name": "Oeufs frais x6", "pack_count": 6},
    {"sku": "EAU", "name": "Eau minérale 6 x 1,5 L"},
    {"sku": "FARINE", "name": "Farine de blé 1 kg", "size": "1 kg"},
]


@pytest.fixture(scope="module")
def catalog():
    return listparse.Catalog.from_records(RECORDS)


# (messages, expected rows (name, quantity, unit), sku and pack count of the first entry, reply)
WITH_CATALOG = [
    (["2 L de lait", "enlève une bouteille de lait"], [("lait", 1, "liter")], ("LAIT1", 1),
     "J'ai enlevé 1 bouteille de lait (il en reste 1 L)."),
    (["3 L de lait", "enlève 2 bouteilles de lait"], [("lait", 1, "liter")], ("LAIT1", 1),
     "J'ai enlevé 2 bouteilles de lait (il en reste 1 L)."),
    (["2 L de lait", "enlève 2 bouteilles de lait"], [], None, "J'ai enlevé 2 bouteilles de lait."),
    (["2 L de lait", "enlève 3 bouteilles de lait"], [], None, "J'ai enlevé 2 L de lait."),
    (["2 L de lait", "une bouteille de lait"], [("lait", 3, "liter")], ("LAIT1", 3),
     "J'ai ajouté 1 bouteille de lait (3 L en tout)."),
    (["12 oeufs", "enlève une boîte d'oeufs"], [("oeufs", 6, None)], ("OEUF6", 1),
     "J'ai enlevé 1 boîte d'oeufs (il en reste 6)."),
    (["9 L d'eau", "enlève une bouteille d'eau"], [("eau", "15/2", "liter")], ("EAU", 1),
     "J'ai enlevé 1 bouteille d'eau (il en reste 7,5 L)."),
    (["18 L d'eau", "enlève un pack d'eau"], [("eau", 9, "liter")], ("EAU", 1), None),
    (["add 2 liters of semi-skimmed milk", "remove a bottle of semi-skimmed milk"], [("semi-skimmed milk", 1, "liter")],
     ("MILK", 1), "Removed 1 bottle of semi-skimmed milk (1 L left)."),
    (["add 2 liters of semi-skimmed milk", "add a bottle of semi-skimmed milk"], [("semi-skimmed milk", 3, "liter")],
     ("MILK", 3), "Added 1 bottle of semi-skimmed milk (3 L in total)."),
]


@pytest.mark.parametrize(("messages", "expected", "link", "reply"), WITH_CATALOG, ids=lambda v: str(v)[:50])
def test_a_container_is_one_product_of_the_linked_size(catalog, messages, expected, link, reply):
    turn = last(*messages, catalog=catalog)
    assert rows(turn.state) == [(n, q(v), u) for n, v, u in expected], turn.reply
    if link is not None:
        assert (turn.state.items[0].sku, turn.state.items[0].pack_count) == link
    if reply is not None:
        assert turn.reply == reply
    assert turn.changed


# (messages, expected rows) without a catalog: today's rules
WITHOUT_CATALOG = [
    (["2 L de lait", "enlève une bouteille de lait"], [("lait", 2, "liter")]),
    (["2 L de lait", "une bouteille de lait"], [("lait", 2, "liter"), ("lait", 1, "bottle")]),
    (["add 2 liters of milk", "remove a bottle of milk"], [("milk", 2, "liter")]),
]


@pytest.mark.parametrize(("messages", "expected"), WITHOUT_CATALOG, ids=lambda v: str(v)[:50])
def test_without_a_catalog_a_container_is_not_litres(messages, expected):
    turn = last(*messages)
    assert rows(turn.state) == [(n, q(v), u) for n, v, u in expected]


def test_without_a_catalog_the_refusal_names_the_entry():
    turn = last("2 L de lait", "enlève une bouteille de lait")
    assert turn.reply == "Je ne peux pas enlever 1 bouteille de lait : ta liste a 2 L de lait."
    assert turn.changed is False


def test_a_mass_is_never_taken_from_litres(catalog):
    turn = last("2 L de lait", "enlève 1 kg de lait", catalog=catalog)
    assert rows(turn.state) == [("lait", 2, "liter")]
    assert turn.changed is False


def test_a_container_of_another_product_is_an_entry_of_its_own(catalog):
    """The new bottle links to LAIT1, the entry to another 1 L product: which bottle is meant
    is not known, so the amounts stay apart."""
    entry = ListEntry(item_id="1", name="lait", key="lait", quantity=Fraction(2), unit="liter", sku="MILK", pack_count=2)
    state = ListState(list_id="t", lang="fr", items=(entry,), next_id=2)
    turn = last("une bouteille de lait", state=state, catalog=catalog)
    assert turn.state.items[1].sku == "LAIT1"
    assert rows(turn.state) == [("lait", 2, "liter"), ("lait", 1, "bottle")]
    same = state.model_copy(update={"items": (entry.model_copy(update={"sku": "LAIT1"}),)})
    assert rows(last("une bouteille de lait", state=same, catalog=catalog).state) == [("lait", 3, "liter")]


def test_an_entry_without_a_link_keeps_the_refusal(catalog):
    turn = last("500 g de fromage", "enlève une boîte de fromage", catalog=catalog)
    assert rows(turn.state) == [("fromage", 500, "gram")]
    assert turn.changed is False


@pytest.mark.parametrize(
    ("quantity", "unit", "entry_unit", "sku", "expected"),
    [
        (1, "bottle", "liter", "LAIT1", 1),
        (3, "bottle", "centiliter", "LAIT1", 300),
        (1, "pack", "liter", "EAU", 9),
        (1, "bottle", "liter", "EAU", Fraction(3, 2)),
        (1, "box", None, "OEUF6", 6),
        (1, "bag", "gram", "FARINE", 1000),
        (1, "bottle", "gram", "LAIT1", None),  # a volume is not a mass
        (1, "liter", "liter", "LAIT1", None),  # not a container
        (1, "bottle", "liter", "NOPE", None),  # not in the catalog
    ],
)
def test_container_amount(catalog, quantity, unit, entry_unit, sku, expected):
    entry = ListEntry(item_id="1", name="x", key="x", quantity=Fraction(5), unit=entry_unit, sku=sku, pack_count=1)
    assert container_amount(entry, Fraction(quantity), unit, catalog) == expected
    assert container_amount(entry, Fraction(quantity), unit, catalog.index) == expected


@pytest.mark.parametrize(("unit", "expected"), [("bottle", True), ("pack", True), ("liter", False), ("gram", False),
                                                ("piece", False), (None, False), ("not-a-unit", False)])
def test_is_container(unit, expected):
    assert is_container(unit) is expected
