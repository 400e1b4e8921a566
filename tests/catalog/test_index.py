"""The search index: the fast path against the exhaustive reference, and edge cases."""

from __future__ import annotations

import random
import string

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import listparse
from listparse.catalog import Catalog
from listparse.catalog.index import CatalogIndex, Hit
from listparse.catalog.keys import profile, terms
from listparse.catalog.link import query_concepts
from listparse.lexicon import lexicon_dir


def search(index: CatalogIndex, text: str, *, lang: str = "fr", limit: int = 5, exhaustive: bool = False) -> list[Hit]:
    """Search ``text`` the way linking does (same concepts, head and complement)."""
    query = query_concepts(text)
    concepts = index.concepts(query)
    words, _, _, complement = profile(text)
    head = 0 if lang == "fr" else len(concepts) - 1
    # the head concept's own word names the product (entries it heads rank first, and the
    # catalog's categories tell where such products are found)
    own = concepts[head][0].ids if concepts and concepts[head] else ()
    return index.search(
        concepts,
        limit=limit,
        query_text=" ".join(words),
        head=head if concepts else None,
        head_ids=frozenset(own[:1] if lang == "fr" else own[-1:]),
        complement=complement,
        exhaustive=exhaustive,
    )


def build(names, **columns) -> CatalogIndex:
    """An index over products named ``names`` (skus "0", "1"…); ``columns`` give other fields."""
    records = []
    for i, name in enumerate(names):
        record = {"sku": str(i), "name": name}
        for key, values in columns.items():
            if values[i] is not None:
                record[key] = values[i]
        records.append(record)
    return CatalogIndex.build(Catalog.from_records(records))


def check_sorted_unique(hits: list[Hit]) -> None:
    rows = [h.row for h in hits]
    assert len(rows) == len(set(rows)), f"a product found twice: {hits}"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True), f"hits not best first: {hits}"


# --- the fast path against the exhaustive reference -----------------------------------------

_VOCAB_TEXT = (
    "lait demi écrémé entier yaourt nature fraise framboise pomme poire tomate cerise pain mie "
    "beurre doux salé fromage chèvre jambon dés poulet filet crème fraîche chocolat noir café "
    "thé vert riz basmati pâtes farine sucre huile olive eau jus orange citron bio "
    "milk whole skim yogurt strawberry apple bread butter cheese chicken breast cream coffee "
    "rice flour sugar juice lemon garlic organic"
)
VOCAB = _VOCAB_TEXT.split()
CATEGORIES = ("dairy", "bakery", "drinks", "snacks")
SIZES = ("", " 1 L", " 500 g", " 6 x 33 cl", " 12 oz", " 2 x 75 g")
_BRAND = st.text(alphabet=string.ascii_letters, min_size=3, max_size=9)


@st.composite
def catalogs(draw) -> tuple[list[dict], list[str]]:
    """1–300 products over VOCAB, with random brands and categories, repeated and identical names."""
    brands = draw(st.lists(_BRAND, min_size=0, max_size=6, unique_by=str.lower))
    n = draw(st.integers(1, 300))
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    names: list[str] = []
    records = []
    for i in range(n):
        if names and rnd.random() < 0.15:
            name = rnd.choice(names)  # an identical name (another sku)
        else:
            words = rnd.choices(VOCAB, k=rnd.randint(1, 6))
            if brands and rnd.random() < 0.3:
                # the brand at the head of the name, or at its end
                words.insert(0 if rnd.random() < 0.6 else len(words), rnd.choice(brands))
            name = " ".join(words) + rnd.choice(SIZES)
        names.append(name)
        record = {"sku": f"p{i}", "name": name, "lang": rnd.choice(["fr", "en", None])}
        if brands and rnd.random() < 0.3:
            record["brand"] = rnd.choice(brands)
        if rnd.random() < 0.1:
            record["aliases"] = " ".join(rnd.choices(VOCAB, k=rnd.randint(1, 3)))
        if rnd.random() < 0.7:
            record["category"] = rnd.choice(CATEGORIES)
        records.append(record)
    # a few products that are the same word over and over
    if draw(st.booleans()):
        word = draw(st.sampled_from(VOCAB))
        records += [{"sku": f"dup{k}", "name": word} for k in range(draw(st.integers(1, 5)))]
    return records, brands


def _typo(word: str, position: int, op: int, char: str) -> str:
    i = position % len(word)
    if op == 0:
        return word[:i] + word[i + 1 :]  # deletion
    if op == 1:
        return word[:i] + char + word[i + 1 :]  # substitution
    if op == 2:
        return word[:i] + char + word[i:]  # insertion
    if len(word) > 1:  # transposition
        i = min(i, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


@st.composite
def queries(draw, brands: list[str]) -> str:
    pool = VOCAB + brands
    words = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    if draw(st.integers(0, 3)) == 0:  # one typo, sometimes
        k = draw(st.integers(0, len(words) - 1))
        words[k] = _typo(
            words[k],
            draw(st.integers(0, 20)),
            draw(st.integers(0, 3)),
            draw(st.sampled_from(string.ascii_lowercase)),
        )
    return " ".join(words)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_fast_search_agrees_with_exhaustive_reference(data):
    records, brands = data.draw(catalogs(), label="catalog")
    index = CatalogIndex.build(Catalog.from_records(records))
    lang = data.draw(st.sampled_from(["fr", "en"]), label="lang")
    limit = data.draw(st.integers(1, 10), label="limit")
    for _ in range(3):
        text = data.draw(queries(brands), label="query")
        fast = search(index, text, lang=lang, limit=limit)
        ref = search(index, text, lang=lang, limit=limit, exhaustive=True)
        assert bool(fast) == bool(ref), f"{text!r}: fast {fast[:2]} / reference {ref[:2]}"
        if not ref:
            continue
        check_sorted_unique(fast)
        check_sorted_unique(ref)
        assert len(fast) <= limit and len(ref) <= limit
        assert abs(fast[0].score - ref[0].score) <= 1e-9, f"{text!r}: fast {fast[0]} / reference {ref[0]}"
        if len(ref) == 1 or ref[0].score - ref[1].score > 1e-6:
            assert fast[0].row == ref[0].row, f"{text!r}: fast {fast[:2]} / reference {ref[:2]}"


@pytest.fixture(scope="module")
def common_words_index() -> CatalogIndex:
    """Every word common (held by more entries than a concept contributes when common, each
    of them in short names), and one long name holding them all."""
    names = ["Pistache salée"] * 1100 + ["Noisette salée"] * 1200 + ["Amande salée"] * 1300
    names += ["Moutarde de Dijon"] * 1200 + ["Moutarde Dijon"]  # « de »: a noun complement
    names.append("Pistache noisette amande grillée salée")
    return build(names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("pistache noisette amande", "Pistache noisette amande grillée salée"),
        ("pistache noisete amande", "Pistache noisette amande grillée salée"),  # a typo fix
        ("pistach noisette amande", "Pistache noisette amande grillée salée"),
        ("moutarde dijno", "Moutarde Dijon"),  # the one without a complement, among many with
    ],
)
def test_fast_search_finds_the_one_product_holding_every_common_word(common_words_index, text, name):
    index = common_words_index
    ref = search(index, text, exhaustive=True)
    assert index.catalog.names[ref[0].row] == name, ref[:2]
    fast = search(index, text)
    assert index.catalog.names[fast[0].row] == name, f"{text!r}: fast {fast[:2]} / reference {ref[:2]}"
    assert abs(fast[0].score - ref[0].score) <= 1e-9


# --- edge cases -----------------------------------------------------------------------------


@pytest.mark.parametrize("exhaustive", [False, True])
@pytest.mark.parametrize("query", ["lait", "lait demi-écrémé", "milk", "xyzzy", "fromaje", ""])
def test_empty_catalog(query, exhaustive):
    index = CatalogIndex.build(Catalog.from_records([]))
    assert index.n_entries == 0
    assert search(index, query, exhaustive=exhaustive) == []


@pytest.mark.parametrize("text", ["2 litres de lait", "lait", "une pomme"])
def test_empty_catalog_through_parse(text):
    result = listparse.parse(text, lang="fr", catalog=Catalog.from_records([]))
    assert result.items and all(item.matches == () for item in result.items)


@pytest.mark.parametrize(
    ("name", "query", "found"),
    [
        ("Lait demi-écrémé 1 L", "lait", True),
        ("Lait demi-écrémé 1 L", "lait demi écrémé", True),
        ("Lait demi-écrémé 1 L", "Lait ½ écr.", True),
        ("Lait demi-écrémé 1 L", "pomme", False),
        ("Whole Milk, 1 gal", "whole milk", True),
    ],
)
@pytest.mark.parametrize("exhaustive", [False, True])
def test_one_product(name, query, found, exhaustive):
    hits = search(build([name]), query, exhaustive=exhaustive)
    assert [h.row for h in hits] == ([0] if found else [])
    if found:
        assert hits[0].score > 0


@pytest.mark.parametrize("copies", [2, 50, 600, 3000])
def test_many_identical_names(copies):
    names = ["Lait demi-écrémé 1 L"] * copies + ["Pain de mie", "Beurre doux 250 g"]
    index = build(names)
    fast = search(index, "lait demi-écrémé", limit=5)
    ref = search(index, "lait demi-écrémé", limit=5, exhaustive=True)
    assert len(fast) == min(5, copies)
    check_sorted_unique(fast)
    assert all(h.row < copies for h in fast)  # any of the identical products is fine
    assert len({round(h.score, 12) for h in fast}) == 1  # …and they score the same
    assert abs(fast[0].score - ref[0].score) <= 1e-9


def _entry_readings(index: CatalogIndex) -> list[tuple]:
    """Each entry as words rather than ids: (row, terms, head, second head, complement, language)."""
    a, vocab = index.a, index.vocab
    word = lambda tid: vocab[tid] if tid >= 0 else None  # noqa: E731
    out = []
    for e in range(index.n_entries):
        ids = a["entry_terms"][a["entry_off"][e] : a["entry_off"][e + 1]]
        out.append((
            int(a["entry_row"][e]), tuple(vocab[t] for t in ids), word(a["entry_head"][e]),
            word(a["entry_head2"][e]), int(a["entry_complement"][e]), int(a["entry_lang"][e]),
        ))  # fmt: skip
    return sorted(out)


def test_a_name_written_in_several_rows_is_indexed_as_on_its_own():
    # the build reads a name met in several rows once: each row's entry must still be its own,
    # with the row's brand and language
    rows = [
        ("Yaourt aux fraises", None, "fr"), ("Yaourt aux fraises", "Danone", "fr"),
        ("Chocolate Milk", None, "en"), ("Chocolate Milk", "Nesquik", None), ("Chocolate Milk", None, "fr"),
        ("Yaourt aux fraises", None, "en"), ("Queues d'écrevisses", None, None), ("Queues d'écrevisses", None, "fr"),
    ]  # fmt: skip
    names, brands, langs = (list(c) for c in zip(*rows, strict=True))
    together = _entry_readings(build(names, brand=brands, lang=langs))
    alone = [
        (row, *reading[1:])
        for row, (name, brand, lang) in enumerate(rows)
        for reading in _entry_readings(build([name], brand=[brand], lang=[lang]))
    ]
    assert together == sorted(alone)


def _random_words(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice("bcdfghjklmnpqrstvwxz") + rnd.choice("aeiou") for _ in range(rnd.randint(2, 4))) for _ in range(n)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_very_long_names(seed):
    words = _random_words(seed, 400)
    long_name = ("Lait " + " ".join(words))[:2000]
    assert len(long_name) == 2000
    kept = terms(long_name)
    index = build([long_name, "Lait entier 1 L", "Pain de mie"])
    # a word of the long name finds it
    for word in (kept[5], kept[len(kept) // 2], kept[-2]):
        hits = search(index, word)
        assert hits and hits[0].row == 0, word
    # the long name itself, as a query
    hits = search(index, long_name)
    assert hits and hits[0].row == 0
    # a short query prefers the short name
    hits = search(index, "lait")
    assert hits[0].row == 1
    assert {h.row for h in hits} == {0, 1}


def test_very_long_query():
    query = " ".join(_random_words(7, 500))[:2000] + " lait"
    hits = search(build(["Lait entier 1 L", "Pain de mie"]), query)
    assert [h.row for h in hits] in ([], [0])


NON_LATIN = [
    "Молоко пастеризованное 3,2%",
    "Хлеб ржаной",
    "牛奶",
    "绿茶 500 g",
    "抹茶ラテ",
    "حليب طازج",
    "خبز عربي",
    "Γιαούρτι στραγγιστό",
    "חלב טרי",
]


@pytest.mark.parametrize("exhaustive", [False, True])
@pytest.mark.parametrize("row", range(len(NON_LATIN)))
def test_non_latin_names_found_by_exact_query(row, exhaustive):
    index = build([*NON_LATIN, "Lait entier 1 L", "Pain de mie"])
    query = NON_LATIN[row]
    assert terms(query), f"no terms for {query!r}"
    hits = search(index, query, exhaustive=exhaustive)
    assert hits and hits[0].row == row, f"{query!r}: {hits}"


@pytest.mark.parametrize("query", ["молоко", "牛奶", "حليب"])
def test_non_latin_word_through_parse(query):
    index = build(NON_LATIN)
    result = listparse.parse(query, lang="fr", catalog=index.catalog)
    matches = [m for item in result.items for m in item.matches]
    assert matches and matches[0].name == next(n for n in NON_LATIN if query in n.lower())


@pytest.mark.parametrize("name", ["500 g", "1 L", "6 x 33 cl", "12 oz", "1,5 L", "2 x 75 g", "100"])
def test_name_with_only_numbers_and_units(name):
    index = build([name, "Lait entier 1 L"])
    assert index.n_entries == 1  # the unit-only name is not indexed
    assert set(index.a["entry_row"].tolist()) == {1}
    for query in (name, "lait", "litre", "gram"):
        for exhaustive in (False, True):
            hits = search(index, query, exhaustive=exhaustive)
            assert all(h.row == 1 for h in hits)
    assert search(index, name) == []


def test_catalog_of_unit_only_names():
    index = build(["500 g", "1 L", "6 x 33 cl"])
    assert index.n_entries == 0
    assert search(index, "lait") == []
    assert listparse.parse("1 L de lait", lang="fr", catalog=index.catalog).items[0].matches == ()


TYPO_CATALOG = [
    "Fromage de chèvre",
    "Chocolat noir 70%",
    "Framboises 125 g",
    "Beurre doux 250 g",
    "Jambon blanc",
    "Yaourt nature",
    "Farine de blé",
    "Strawberry Jam, 12 oz",
    "Chicken Breast, 1 lb",
    "Garlic Bread",
    "Basmati Rice, 2 lb",
    "Orange Juice, 1 gal",
]
TYPO_WORDS = ["fromage", "chocolat", "framboise", "beurre", "jambon", "yaourt", "farine",
              "strawberry", "chicken", "garlic", "basmati", "orange"]  # fmt: skip


def _typos(word: str) -> list[str]:
    """One-edit variants of ``word`` (deletion, substitution, insertion, transposition)."""
    rnd = random.Random(word)
    out = []
    for op in range(4):
        for _ in range(2):
            out.append(_typo(word, rnd.randrange(len(word)), op, rnd.choice(string.ascii_lowercase)))
    return [t for t in dict.fromkeys(out) if t != word]


@pytest.mark.parametrize(
    ("row", "typo"), [(row, t) for row, word in enumerate(TYPO_WORDS) for t in _typos(word)]
)
def test_one_typo_in_a_long_word_still_finds_the_product(row, typo):
    assert len(TYPO_WORDS[row]) >= 5
    index = build(TYPO_CATALOG)
    hits = search(index, typo, lang="fr")
    assert hits and hits[0].row == row, f"{typo!r} (for {TYPO_WORDS[row]!r}): {hits[:2]}"


@pytest.mark.parametrize(("typo", "row"), [("fromaje", 0), ("chocolta", 1), ("framboisse", 2), ("beure", 3), ("jambom", 4)])
def test_typo_through_parse(typo, row):
    index = build(TYPO_CATALOG)
    matches = listparse.parse(typo, lang="fr", catalog=index.catalog).items[0].matches
    assert matches and matches[0].sku == str(row)


@pytest.mark.parametrize("seed", range(8))
def test_a_random_word_finds_nothing(seed):
    rnd = random.Random(seed)
    word = "".join(rnd.choice("qzxjkwvy") for _ in range(rnd.randint(5, 9)))
    index = build(TYPO_CATALOG)
    assert search(index, word) == []
    assert search(index, word, exhaustive=True) == []
    assert listparse.parse(word, lang="fr", catalog=index.catalog).items[0].matches == ()


SYNONYMS = lexicon_dir() / "synonyms.tsv"


@pytest.mark.parametrize("text", ["milk", "2 liters of milk", "semi-skimmed milk"])
def test_synonyms_english_query_on_a_french_catalog(text):
    if not SYNONYMS.exists():
        pytest.skip(f"{SYNONYMS} is missing: no French/English synonyms to test")
    cat = Catalog.from_records([
        {"sku": "lait", "name": "Lait demi-écrémé 1 L", "lang": "fr"},
        {"sku": "pain", "name": "Pain de mie", "lang": "fr"},
        {"sku": "beurre", "name": "Beurre doux 250 g", "lang": "fr"},
    ])  # fmt: skip
    matches = listparse.parse(text, lang="en", catalog=cat).items[0].matches
    assert matches and matches[0].sku == "lait", matches
    hits = search(cat.index, "milk", lang="en")
    assert hits and hits[0].row == 0


BRANDED = [
    {"sku": "lactel", "name": "Lait demi-écrémé 1 L", "brand": "Lactel"},
    {"sku": "candia", "name": "Lait demi-écrémé 1 L", "brand": "Candia"},
    {"sku": "danone", "name": "Yaourt nature", "brand": "Danone"},
    {"sku": "bm", "name": "Confiture de fraises", "brand": "Bonne Maman"},
    {"sku": "plain", "name": "Pain de mie"},
]


@pytest.mark.parametrize(
    ("query", "sku"),
    [
        ("Lactel", "lactel"),
        ("lactel", "lactel"),
        ("CANDIA", "candia"),
        ("Danone", "danone"),
        ("Bonne Maman", "bm"),
        ("lait Candia", "candia"),
        ("Lactel lait", "lactel"),
    ],
)
def test_brand_column_found_by_a_brand_query(query, sku):
    cat = Catalog.from_records(BRANDED)
    hits = search(cat.index, query)
    assert hits and cat.skus[hits[0].row] == sku, hits
    matches = listparse.parse(query, lang="fr", catalog=cat).items[0].matches
    assert matches and matches[0].sku == sku, matches


@pytest.mark.parametrize(
    "names",
    [
        # the same product under brands of one and of three words, where the name spells them
        ("Lactel Lait demi-écrémé 1 L", "C'est qui le patron Lait demi-écrémé 1 L"),
        ("Lait demi-écrémé Lactel 1 L", "Lait demi-écrémé C'est qui le patron 1 L"),
        ("Lait demi-écrémé Lactel", "Lait demi-écrémé - C'est qui le patron ?!"),
        ("Lait demi-écrémé UHT Lactel", "Lait demi-écrémé C'est qui le patron"),  # uht: a label word
    ],
)
def test_a_brand_spelled_in_the_name_does_not_make_it_longer(names):
    brands = ("Lactel", "C'est qui le patron ?!")
    cat = Catalog.from_records(
        [{"sku": f"p{k}", "name": name, "brand": brand} for k, (name, brand) in enumerate(zip(names, brands))]
    )
    hits = search(cat.index, "lait demi-écrémé")
    assert len(hits) == 2 and hits[0].score == pytest.approx(hits[1].score), hits
    # the brand still tells them apart when asked
    for k, query in enumerate(("lait demi-écrémé lactel", "lait demi-écrémé c'est qui le patron")):
        assert cat.skus[search(cat.index, query)[0].row] == f"p{k}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_fuzzy_bound_is_never_below_the_token_set_ratio(data):
    """Rescoring stops on the length bound: it must hold for every entry and any query text."""
    from rapidfuzz import fuzz

    records, brands = data.draw(catalogs())
    index = CatalogIndex.build(Catalog.from_records(records))
    pool = VOCAB + [b.lower() for b in brands] + ["é", "crème", "zz"]
    words = data.draw(st.lists(st.sampled_from(pool), min_size=0, max_size=5))
    query_text = " ".join(words)
    entries = np.arange(index.n_entries, dtype=np.int32)
    bound = index._fuzzy_bound(entries, query_text)
    for entry, most in zip(entries.tolist(), bound.tolist(), strict=True):
        ratio = fuzz.token_set_ratio(query_text, index.entry_text(entry), processor=None) / 100
        assert ratio <= most + 1e-9, (query_text, index.entry_text(entry), ratio, most)


# --- how much a typo fix stands for the word typed -----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "term", "factor"),
    [
        ("psatry", "pastry", 0.8),  # two letters swapped
        ("bagueitte", "baguette", 0.8),  # a letter added
        ("mkstard", "mustard", 0.75),  # a letter changed
        ("mustsrd", "mustard", 0.8),  # the key next to the one meant (QWERTY and AZERTY)
        ("breaf", "bread", 0.8),
        ("pomle", "pomme", 0.8),  # next to it on AZERTY only
        ("breaq", "bread", 0.75),  # a key far from it
        ("vacon", "bacon", 0.6),  # the first letter, even for a key next to it
        ("sherry", "cherry", 0.6),  # the first letter changed: seldom a slip
        ("veal", "meal", 0.6),
        ("brocolli", "broccoli", 0.7),  # two slips
        ("anisette", "noisette", 0.6),  # two slips, the first letter among them
    ],
)
def test_typo_factor(typed, term, factor):
    from listparse.catalog.index import _typo_factor

    assert _typo_factor([typed], term) == factor


@pytest.mark.parametrize(
    ("typed", "fixes"),
    [
        ("bscon", {"bacon": 1.0, "scone": 1.0}),  # the key next to a struck, or scones less their e plus a b
        ("bacpn", {"bacon": 1.0}),  # o and p side by side
        ("bacln", {"bacon": 1.0}),  # o above, l below
        ("bacqn", {"bacon": 0.9375}),  # a key far from o: a letter changed
    ],
)
def test_a_key_next_to_the_one_meant_is_as_likely_as_a_letter_left_out(typed, fixes):
    index = build(["Bacon fumé", "Scones aux raisins", "Bacon", "Scones"])
    (alts,) = index.concepts(query_concepts(typed))
    assert {index.vocab[a.ids[0]]: a.factor for a in alts} == fixes


def test_a_form_never_typed_makes_no_likeliest_slip():
    # "frehs" (singular "freh") is "fresh" with two letters swapped; "free" is only one letter
    # from "frehe", which the word as typed does not begin with
    index = build(["Fresh Sweet Corn", "Gluten Free Corn Tortillas", "Free Range Eggs"])
    (alts, _) = index.concepts(query_concepts("frehs corn"), {"freh": "frehs"})
    factors = {index.vocab[a.ids[0]]: a.factor for a in alts}
    assert factors["fresh"] == 1.0
    assert factors.get("free", 0.0) < 1.0


def test_the_likeliest_fix_stands_for_the_word():
    index = Catalog.from_records({"sku": n, "name": n} for n in ("Ground Coffee", "Coffee Beans", "Green Tea")).index
    (alts,) = index.concepts([[("coxfee",)]])  # x is no key next to f
    assert [(index.vocab[a.ids[0]], a.factor, a.typo) for a in alts] == [("coffee", 0.75 / 0.8, True)]


def test_two_slips_at_the_first_letter_are_no_fix_on_their_own():
    # « anisette » is two slips from « noisette », the first letter among them: no answer, not
    # hazelnuts at full score
    catalog = Catalog.from_records({"sku": n, "name": n} for n in ("Noisette", "Noisettes grillées", "Pastis"))
    assert listparse.parse("anisette", lang="fr", catalog=catalog).items[0].matches == ()
    assert listparse.parse("noisete", lang="fr", catalog=catalog).items[0].matches


def test_a_slip_in_the_product_word_keeps_a_product_holding_only_it():
    # "strong" weighs much more than "coffee" in the default catalog: with the slip weighing less
    # than the word, the coffee alone fell under what an answer must hold
    from listparse.catalog import default_catalog

    found = listparse.parse("strong codfee", lang="en", catalog=default_catalog()).items[0].matches
    assert found and "café" in found[0].name.lower(), found


def test_stored_key_hashes_match_the_computed_ones():
    index = Catalog.from_records({"sku": str(i), "name": n} for i, n in enumerate(("Lait entier", "Lait entier", "Beurre"))).index
    entries = np.arange(index.n_entries)
    stored = index._key_hashes(entries)
    assert (stored == index._hash_keys(entries)).all()
    assert stored[0] == stored[1] != stored[2]  # equal keys, equal hashes


def test_typo_fixes_of_equal_counts_come_in_spelling_order():
    # the same fixes, in the same order, whatever the process's hash seed: "bette" is one slip
    # from betty, botte and bitte, each held once
    index = Catalog.from_records({"sku": n, "name": n} for n in ("Botte", "Betty", "Bitte")).index
    assert [index.vocab[t] for t in index.typo_fixes("bette")] == ["betty", "bitte", "botte"]
