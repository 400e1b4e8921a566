"""Linking parsed items to catalog products, through ``listparse.parse(..., catalog=...)``."""

from __future__ import annotations

import pytest

import listparse
from listparse import Match, ParseOptions
from listparse.catalog import Catalog


def catalog(*rows) -> Catalog:
    """A catalog from names (sku = the name) or full records."""
    return Catalog.from_records(r if isinstance(r, dict) else {"sku": r, "name": r} for r in rows)


def matches(text: str, cat: Catalog, lang: str = "fr", **options) -> tuple[Match, ...]:
    """The matches of the single item of ``text``."""
    result = listparse.parse(text, lang=lang, catalog=cat, options=ParseOptions(**options) if options else None)
    assert len(result.items) == 1, f"{text!r}: items {[i.name for i in result.items]}"
    return result.items[0].matches


def show(found) -> list[tuple[str, float, int | None]]:
    return [(m.sku, m.score, m.pack_count) for m in found]


def check_matches(found: tuple[Match, ...]) -> None:
    """Scores in [0, 1], best first, one match per product."""
    scores = [m.score for m in found]
    assert all(0.0 <= s <= 1.0 for s in scores), show(found)
    assert scores == sorted(scores, reverse=True), show(found)
    assert len({m.sku for m in found}) == len(found), show(found)


# --- pack counts ----------------------------------------------------------------------------

MILK = catalog(
    {"sku": "lait-1l", "name": "Lait demi-écrémé 1 L"},
    {"sku": "lait-20cl", "name": "Lait demi-écrémé 20 cl"},
    {"sku": "lait-6x1l", "name": "Lait demi-écrémé 6 x 1 L"},
)


@pytest.mark.parametrize("text", ["2 litres de lait", "2 L de lait", "2l de lait", "deux litres de lait"])
def test_two_litres_prefer_two_one_litre_bottles(text):
    found = matches(text, MILK)
    check_matches(found)
    assert found and found[0].sku == "lait-1l", show(found)
    assert found[0].pack_count == 2
    by_sku = {m.sku: m for m in found}
    assert "lait-6x1l" in by_sku, show(found)
    assert by_sku["lait-6x1l"].pack_count == 1  # one six-pack covers 2 L
    if "lait-20cl" in by_sku:
        assert by_sku["lait-20cl"].pack_count == 10


def test_two_litres_in_english():
    cat = catalog(
        {"sku": "milk-1l", "name": "Whole Milk, 1 L", "lang": "en"},
        {"sku": "milk-250ml", "name": "Whole Milk, 250 ml", "lang": "en"},
        {"sku": "milk-6x1l", "name": "Whole Milk, 6 x 1 L", "lang": "en"},
    )
    found = matches("2 liters of milk", cat, lang="en")
    assert found and found[0].sku == "milk-1l" and found[0].pack_count == 2, show(found)


@pytest.mark.parametrize(("text", "count"), [("3 bouteilles de lait", 3), ("trois bouteilles de lait", 3),
                                             ("1 bouteille de lait", 1), ("une bouteille de lait", 1)])  # fmt: skip
def test_bottles_count_single_bottles(text, count):
    cat = catalog({"sku": "lait-1l", "name": "Lait demi-écrémé 1 L"})
    found = matches(text, cat)
    assert [(m.sku, m.pack_count) for m in found] == [("lait-1l", count)], show(found)


def test_three_bottles_from_a_six_pack_is_one_pack():
    found = matches("3 bouteilles de lait", MILK)
    by_sku = {m.sku: m.pack_count for m in found}
    assert by_sku.get("lait-1l") == 3, show(found)
    assert by_sku.get("lait-6x1l") == 1, show(found)


@pytest.mark.parametrize(("text", "count"), [("2 kg de pommes", 2), ("1,5 kg de pommes", 2), ("500 g de pommes", 1)])
def test_weights_round_up_to_whole_packs(text, count):
    cat = catalog({"sku": "pommes-1kg", "name": "Pommes Golden 1 kg"})
    found = matches(text, cat)
    assert [(m.sku, m.pack_count) for m in found] == [("pommes-1kg", count)], show(found)


PACKS = catalog(
    {"sku": "couches-50", "name": "Couches taille 4 50 couches"},
    {"sku": "biere-1", "name": "Bière blonde 25 cl"},
    {"sku": "biere-6", "name": "Bière blonde 6 x 25 cl"},
    {"sku": "biere-12", "name": "Bière blonde 12 x 25 cl"},
    {"sku": "oeufs-6", "name": "Œufs frais x6"},
    {"sku": "oeufs-12", "name": "Œufs frais x12"},
)


@pytest.mark.parametrize(
    ("text", "first", "count"),
    [
        # packs asked are packs bought, whatever a pack holds
        ("2 paquets de couches taille 4", "couches-50", 2),
        ("2 packs de 6 bières", "biere-6", 2),  # the pack asked, before one of twelve
        ("12 bières", "biere-12", 1),  # one pack rather than twelve cans
        ("6 œufs", "oeufs-6", 1),  # a box of twelve is more than asked
        ("12 œufs", "oeufs-12", 1),
    ],
)
def test_packs_and_pieces(text, first, count):
    found = matches(text, PACKS)
    assert found and (found[0].sku, found[0].pack_count) == (first, count), show(found)


def test_no_amount_no_pack_count():
    found = matches("lait", MILK)
    assert found and all(m.pack_count is None for m in found), show(found)


# --- qualities: organic, lactose-free -------------------------------------------------------

PLAIN_MILKS = [
    {"sku": "demi", "name": "Lait demi-écrémé 1 L"},
    {"sku": "entier", "name": "Lait entier 1 L"},
    {"sku": "pain", "name": "Pain de mie complet"},
    {"sku": "yaourt", "name": "Yaourt nature 4 x 125 g"},
]


@pytest.mark.parametrize("text", ["lait bio", "du lait bio", "2 litres de lait bio"])
def test_organic_preferred_when_there_is_one(text):
    cat = catalog(*PLAIN_MILKS, {"sku": "bio", "name": "Lait demi-écrémé bio 1 L"})
    found = matches(text, cat)
    check_matches(found)
    assert found and found[0].sku == "bio", show(found)


@pytest.mark.parametrize(
    ("names", "text", "lang"),
    [
        (["Great Value Original Premium Sausage, 12 oz", "Organic Apple Chicken Sausage"], "organic sausage", "en"),
        (["Saucisses de Toulouse", "Saucisses aux herbes de Provence bio"], "saucisses bio", "fr"),
    ],
)
def test_organic_preferred_over_a_plainer_name(names, text, lang):
    # the label word is common in a catalog, so the search weighs it little
    common = [f"{w} {p}" if lang == "en" else f"{p} {w}" for p in ("Carrots", "Eggs", "Rice", "Apples", "Bread")
              for w in (("Organic",) if lang == "en" else ("bio",))]  # fmt: skip
    cat = Catalog.from_records({"sku": n, "name": n, "lang": lang} for n in names + common)
    found = listparse.parse(text, lang=lang, catalog=cat).items[0].matches
    assert found and found[0].sku == names[1], show(found)


@pytest.mark.parametrize("text", ["lait bio", "du lait bio", "2 litres de lait bio"])
def test_organic_asked_plain_found_when_there_is_none(text):
    found = matches(text, catalog(*PLAIN_MILKS))
    assert found and found[0].sku in {"demi", "entier"}, show(found)


@pytest.mark.parametrize("text", ["lait sans lactose", "du lait sans lactose", "1 litre de lait sans lactose"])
def test_lactose_free_preferred(text):
    cat = catalog(*PLAIN_MILKS, {"sku": "sans-lactose", "name": "Lait demi-écrémé sans lactose 1 L"})
    found = matches(text, cat)
    check_matches(found)
    assert found and found[0].sku == "sans-lactose", show(found)


def test_lactose_free_in_english():
    cat = catalog(
        {"sku": "whole", "name": "Whole Milk, 1 gal", "lang": "en"},
        {"sku": "lf", "name": "Lactose-Free Whole Milk, 1 gal", "lang": "en"},
    )
    found = matches("lactose free milk", cat, lang="en")
    assert found and found[0].sku == "lf", show(found)


# --- abstention -----------------------------------------------------------------------------

FOOD = [
    {"sku": "crepes", "name": "Pile de crêpes"},
    {"sku": "lait", "name": "Lait demi-écrémé 1 L"},
    {"sku": "pommes", "name": "Pommes Golden 1 kg"},
    {"sku": "pain", "name": "Pain de mie complet"},
    {"sku": "beurre", "name": "Beurre doux 250 g"},
]


@pytest.mark.parametrize("text", ["piles AA", "4 piles AA", "des piles AA"])
def test_batteries_are_not_a_stack_of_pancakes(text):
    assert matches(text, catalog(*FOOD)) == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [("chocolat noir", "fr"), ("lessive liquide", "fr"), ("2 kg de quinoa", "fr"),
     ("dish soap", "en"), ("3 lbs of salmon", "en")],
)  # fmt: skip
def test_absent_words_give_nothing(text, lang):
    assert matches(text, catalog(*FOOD), lang=lang) == ()


# --- options: top_k and min_score -----------------------------------------------------------

MANY_MILKS = catalog(
    {"sku": "demi", "name": "Lait demi-écrémé 1 L"},
    {"sku": "entier", "name": "Lait entier 1 L"},
    {"sku": "ecreme", "name": "Lait écrémé 1 L"},
    {"sku": "bio", "name": "Lait demi-écrémé bio 1 L"},
    {"sku": "coco", "name": "Lait de coco 40 cl"},
    {"sku": "pain", "name": "Pain de mie"},
)


@pytest.mark.parametrize("top_k", [1, 2, 3, 4])
def test_top_k(top_k):
    every = matches("lait", MANY_MILKS, top_k=100, min_score=0.0)
    found = matches("lait", MANY_MILKS, top_k=top_k, min_score=0.0)
    assert len(every) >= 4, show(every)
    assert found == every[:top_k]


def test_top_k_one_keeps_the_best():
    best = matches("lait demi-écrémé", MANY_MILKS)[0]
    assert matches("lait demi-écrémé", MANY_MILKS, top_k=1) == (best,)


def test_default_top_k_is_three():
    assert len(matches("lait", MANY_MILKS, min_score=0.0)) == 3


@pytest.mark.parametrize("min_score", [0.0, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0])
def test_min_score(min_score):
    every = matches("lait demi-écrémé", MANY_MILKS, top_k=100, min_score=0.0)
    found = matches("lait demi-écrémé", MANY_MILKS, top_k=100, min_score=min_score)
    assert all(m.score >= min_score for m in found), show(found)
    assert found == tuple(m for m in every if m.score >= min_score)


def test_min_score_abstains_on_a_weak_match():
    found = matches("lait fraise banane", MANY_MILKS, min_score=0.0)
    assert found, "some milk at least, with no threshold"
    assert matches("lait fraise banane", MANY_MILKS, min_score=min(1.0, found[0].score + 0.01)) == ()


def test_options_do_not_change_the_parse():
    plain = listparse.parse("2 litres de lait", lang="fr")
    linked = listparse.parse("2 litres de lait", lang="fr", catalog=MILK, options=ParseOptions(top_k=1))
    assert [i.model_copy(update={"matches": ()}) for i in linked.items] == list(plain.items)
    assert plain.items[0].matches == ()


# --- word order, plurals, accents -----------------------------------------------------------

BRANDED = catalog(
    {"sku": "lactel-demi", "name": "Lait demi-écrémé 1 L", "brand": "Lactel"},
    {"sku": "candia-demi", "name": "Lait demi-écrémé 1 L", "brand": "Candia"},
    {"sku": "lactel-entier", "name": "Lait entier 1 L", "brand": "Lactel"},
    {"sku": "lactel-ecreme", "name": "Lait écrémé 1 L", "brand": "Lactel"},
)
BRAND_IN_NAME = catalog(
    {"sku": "lactel-demi", "name": "Lactel lait ½ écrémé UHT 1 L"},
    {"sku": "candia-demi", "name": "Candia lait demi-écrémé 1 L"},
    {"sku": "lactel-entier", "name": "Lactel lait entier 1 L"},
)


@pytest.mark.parametrize("cat", [BRANDED, BRAND_IN_NAME], ids=["brand-column", "brand-in-name"])
@pytest.mark.parametrize(
    "text",
    ["Lactel lait ½ écrémé", "lait demi-écrémé Lactel", "lait ½ écrémé Lactel", "Lactel lait demi-écrémé",
     "Lactel lait 1/2 écr.", "2 L de lait ½ écrémé Lactel"],
)  # fmt: skip
def test_word_order(cat, text):
    found = matches(text, cat)
    check_matches(found)
    assert found and found[0].sku == "lactel-demi", show(found)


def test_word_order_scores_alike():
    a = matches("Lactel lait ½ écrémé", BRANDED)
    b = matches("lait demi-écrémé Lactel", BRANDED)
    assert a[0].sku == b[0].sku == "lactel-demi"
    assert abs(a[0].score - b[0].score) < 0.15, (show(a), show(b))


PRODUCE = catalog(
    {"sku": "tomates", "name": "Tomates grappe 1 kg"},
    {"sku": "pommes", "name": "Pomme Golden"},
    {"sku": "carottes", "name": "Carottes en dés 300 g"},
    {"sku": "fraises", "name": "Fraises 250 g"},
    {"sku": "oeufs", "name": "Œufs frais x 6"},
    {"sku": "creme", "name": "Crème fraîche épaisse 20 cl"},
    {"sku": "pates", "name": "Pâtes coquillettes 500 g"},
    {"sku": "epinards", "name": "Épinards hachés 750 g"},
)


@pytest.mark.parametrize(
    ("text", "sku"),
    [("tomate", "tomates"), ("tomates", "tomates"), ("3 tomates", "tomates"), ("une tomate", "tomates"),
     ("pomme", "pommes"), ("pommes", "pommes"), ("2 kg de pommes", "pommes"),
     ("fraise", "fraises"), ("des fraises", "fraises"), ("un oeuf", "oeufs"), ("6 œufs", "oeufs"),
     ("carotte en dés", "carottes"), ("carottes en dés", "carottes")],
)  # fmt: skip
def test_plural_and_singular(text, sku):
    found = matches(text, PRODUCE)
    assert found and found[0].sku == sku, show(found)


@pytest.mark.parametrize(
    ("text", "sku"),
    [("crème fraîche", "creme"), ("creme fraiche", "creme"), ("CRÈME FRAÎCHE", "creme"),
     ("CREME FRAICHE", "creme"), ("Crème Fraîche", "creme"), ("pâtes", "pates"), ("pates", "pates"),
     ("PÂTES", "pates"), ("épinards", "epinards"), ("EPINARDS", "epinards"), ("Tomates", "tomates"),
     ("TOMATES", "tomates")],
)  # fmt: skip
def test_accents_and_case(text, sku):
    found = matches(text, PRODUCE)
    assert found and found[0].sku == sku, show(found)


@pytest.mark.parametrize(("a", "b"), [("crème fraîche", "CREME FRAICHE"), ("tomates", "TOMATE"), ("pâtes", "PATES")])
def test_accents_and_case_score_alike(a, b):
    x, y = matches(a, PRODUCE), matches(b, PRODUCE)
    assert x[0].sku == y[0].sku
    assert abs(x[0].score - y[0].score) <= 0.05, (show(x), show(y))


@pytest.mark.parametrize(
    ("text", "names", "first"),
    [("pâté", ["Pâtes", "Paté"], "Paté"),  # a circumflex left out, not the acute accent
     ("paté", ["Pâte", "Pâté"], "Pâté"),
     ("pâté", ["Pate", "Paté"], "Paté"),  # the acute accent as asked tells more than no accent
     ("pâte", ["Paté", "Pates"], "Pates"),  # a name without accents says nothing of them
     ("pate", ["Pâté", "Pâte"], "Pâté"),  # nor does a query (the lower row first)
     ("crème", ["Crême", "Creme"], "Creme")],  # another accent than the circumflex asked
)  # fmt: skip
def test_written_accents_but_circumflexes_tell_words_apart(text, names, first):
    cat = listparse.Catalog.from_records({"sku": n, "name": n, "lang": "fr"} for n in names)
    found = matches(text, cat)
    assert found and found[0].sku == first, show(found)


def test_accents_reward_no_name_for_holding_more_of_the_query():
    # « Fromage frais » lacks « crème » but writes no word otherwise than asked: the accents
    # give it as much as « Fromage double crème », which lacks « frais »
    names = ["Fromage double crème", "Fromage frais", "Yaourt nature", "Lait entier", "Beurre doux"]
    cat = listparse.Catalog.from_records({"sku": n, "name": n, "lang": "fr"} for n in names)
    found = matches("fromage frais double crème", cat, min_score=0)
    assert [m.sku for m in found[:2]] == ["Fromage frais", "Fromage double crème"], show(found)


@pytest.mark.parametrize(
    ("text", "sku"),
    [("strawberries", "strawberries"), ("a strawberry", "strawberries"), ("STRAWBERRIES", "strawberries"),
     ("2 lbs of strawberries", "strawberries"), ("cherry", "cherries"), ("3 peaches", "peaches")],
)  # fmt: skip
def test_plural_and_singular_in_english(text, sku):
    cat = catalog(
        {"sku": "strawberries", "name": "Strawberries, 1 lb", "lang": "en"},
        {"sku": "jam", "name": "Strawberry Jam, 12 oz", "lang": "en"},
        {"sku": "cherries", "name": "Cherries, 1 lb", "lang": "en"},
        {"sku": "peaches", "name": "Yellow Peaches", "lang": "en"},
    )
    found = matches(text, cat, lang="en")
    assert found and found[0].sku == sku, show(found)


# --- spoken numbers -------------------------------------------------------------------------

SPOKEN_FR = catalog(
    {"sku": "lait", "name": "Lait demi-écrémé 1 L"},
    {"sku": "vaches", "name": "Yaourt Les Deux Vaches"},
    {"sku": "trois", "name": "Fromage Trois Chats"},
    {"sku": "cinq", "name": "Cinq céréales muesli"},
    {"sku": "pain", "name": "Pain de mie"},
)


@pytest.mark.parametrize(
    ("text", "sku", "count"),
    [("deux litres de lait", "lait", 2), ("trois litres de lait", "lait", 3), ("cinq litres de lait", "lait", 5),
     ("deux pains de mie", "pain", 2), ("trois bouteilles de lait", "lait", 3)],
)  # fmt: skip
def test_spoken_numbers_do_not_pollute_the_match(text, sku, count):
    found = matches(text, SPOKEN_FR)
    check_matches(found)
    assert found and found[0].sku == sku and found[0].pack_count == count, show(found)
    assert all(m.sku not in {"vaches", "trois", "cinq"} or m.score < found[0].score for m in found)


@pytest.mark.parametrize(("text", "count"), [("two liters of milk", 2), ("three bottles of milk", 3)])
def test_spoken_numbers_in_english(text, count):
    cat = catalog(
        {"sku": "milk", "name": "Whole Milk, 1 L", "lang": "en"},
        {"sku": "two-good", "name": "Two Good Greek Yogurt", "lang": "en"},
        {"sku": "three", "name": "Three Twins Ice Cream", "lang": "en"},
    )
    found = matches(text, cat, lang="en")
    assert found and found[0].sku == "milk" and found[0].pack_count == count, show(found)


# --- scores ---------------------------------------------------------------------------------

EVERYTHING = catalog(*FOOD, *PLAIN_MILKS[1:], {"sku": "bio", "name": "Lait demi-écrémé bio 1 L"},
                     {"sku": "tomates", "name": "Tomates grappe 1 kg"}, {"sku": "creme", "name": "Crème fraîche 20 cl"},
                     {"sku": "milk", "name": "Whole Milk, 1 gal", "lang": "en"},
                     {"sku": "bread", "name": "Garlic Bread", "lang": "en"})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang"),
    [("lait", "fr"), ("2 litres de lait", "fr"), ("lait bio", "fr"), ("tomates", "fr"), ("crème", "fr"),
     ("pain", "fr"), ("beurre doux", "fr"), ("piles AA", "fr"), ("milk", "en"), ("bread", "en"),
     ("2 gallons of milk", "en"), ("garlic bread", "en")],
)  # fmt: skip
@pytest.mark.parametrize("min_score", [0.0, 0.5])
def test_scores_in_unit_interval_and_sorted(text, lang, min_score):
    found = matches(text, EVERYTHING, lang=lang, top_k=20, min_score=min_score)
    check_matches(found)


def test_several_items_each_linked():
    result = listparse.parse("2 litres de lait, 1 kg de tomates et des piles AA", lang="fr", catalog=EVERYTHING)
    assert [i.name for i in result.items] == ["lait", "tomates", "piles AA"]
    lait, tomates, piles = result.items
    assert lait.matches and lait.matches[0].name.startswith("Lait"), show(lait.matches)
    assert tomates.matches and tomates.matches[0].sku == "tomates"
    assert piles.matches == ()


def test_no_catalog_no_matches():
    assert all(item.matches == () for item in listparse.parse("2 litres de lait et du pain", lang="fr").items)


def test_a_tie_between_readings_of_or_goes_to_the_fuller_one(monkeypatch):
    # "chicken or fish stock" reads as chicken stock or fish stock, and as chicken or fish stock:
    # when the best product of "chicken" ties with that of "chicken stock", the stock comes first
    # (without the rule the tie goes to the lower row, the chicken)
    from listparse.catalog import link
    from listparse.catalog.index import Hit
    from listparse.models import Item

    index = Catalog.from_records([{"sku": "A", "name": "Chicken"}, {"sku": "B", "name": "Chicken Stock"}]).index
    rows = {"chicken": 0, "chicken stock": 1}

    def tied(item, index, *, lang, limit, at_large=True):
        row = rows.get(item.name)
        return [] if row is None else [(1.03, Hit(row, 1.03, row, 1.0, 1.0), None)]

    monkeypatch.setattr(link, "ranked_hits", tied)
    item = Item(name="chicken or fish stock", span=(0, 21), confidence=1.0)
    assert [m.sku for m in link.link_item(item, index, lang="en")] == ["B", "A"]


# --- a synonym phrase held only through the brand ----------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "kitchen roll" (a synonym of paper towels) is no brand "Country Kitchen" and rolls
        ("paper towels", "en", None),
        ("essuie-tout", "fr", None),
        # … unless the query says the brand's words itself
        ("country kitchen rolls", "en", "rolls"),
        ("paper towels", "en", "towels"),
    ],
)
def test_a_synonym_phrase_is_not_held_through_the_brand(text, lang, expected):
    rows = [{"sku": "rolls", "name": "Country Kitchen Hamburger Rolls - 8ct", "brand": "Country Kitchen", "lang": "en"}]
    if expected == "towels":
        rows.append({"sku": "towels", "name": "Kitchen Roll Paper Towels, 6 rolls", "brand": "Bounty", "lang": "en"})
    found = matches(text, catalog(*rows), lang=lang)
    assert (found[0].sku if found else None) == expected, show(found)
