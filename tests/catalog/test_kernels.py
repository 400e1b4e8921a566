"""The search kernels: the compiled ones against their numpy reference, on random arrays, and
the whole search on either."""

from __future__ import annotations

import os
import random
import shutil

import numpy as np
import pytest

from listparse.catalog import kernels

from test_index import _random_words, build, search  # the sibling module (rootdir-relative imports)

compiled = pytest.mark.skipif(
    kernels._C is None,
    reason="the compiled kernels are not built here (pip install -e . with a C compiler, without "
    f"{kernels.PURE_ENV}=1); the numpy kernels were tested",
)


@pytest.fixture(params=["numpy", "compiled"])
def impl(request, monkeypatch):
    """Run the test on one implementation of the kernels."""
    if request.param == "compiled":
        if kernels._C is None:
            pytest.skip("the compiled kernels are not built here")
    else:
        monkeypatch.setattr(kernels, "_C", None)
    return request.param


def test_the_kernels_are_compiled_where_a_compiler_is():
    if kernels.PURE_ENV in os.environ or not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler, or the numpy kernels were asked for")
    assert kernels.IMPLEMENTATION == "compiled", "the install did not build listparse/catalog/csrc/"


def _sorted_sample(rnd: random.Random, n: int, k: int) -> np.ndarray:
    return np.sort(np.asarray(rnd.sample(range(n), min(k, n)), dtype=np.int32))


def _entries(rnd: random.Random, n_entries: int, n_terms: int, max_len: int = 12):
    """Random entry → term lists, as the index stores them (offsets, flat terms)."""
    lengths = [rnd.randint(0, max_len) for _ in range(n_entries)]
    off = np.zeros(n_entries + 1, dtype=np.int64)
    np.cumsum(lengths, out=off[1:])
    terms = np.asarray([rnd.randrange(n_terms) for _ in range(int(off[-1]))], dtype=np.int32)
    return off, terms


@compiled
@pytest.mark.parametrize("seed", range(30))
def test_contains(seed):
    rnd = random.Random(seed)
    n = rnd.choice([1, 10, 1000, 50_000])
    post = _sorted_sample(rnd, n, rnd.randint(0, n))
    cands = _sorted_sample(rnd, n, rnd.randint(0, min(n, 5000)))
    expected = kernels.py_contains(post, cands)
    assert expected.tolist() == [c in set(post.tolist()) for c in cands.tolist()]
    assert kernels.contains(post, cands).tolist() == expected.tolist()


@pytest.mark.parametrize("n_tids", [0, 1, 3, 63, 64, 65, 150])
def test_term_bits(n_tids):
    # the numpy reading of the query terms each entry holds, against the entries' own lists
    rnd = random.Random(n_tids)
    off, terms = _entries(rnd, 400, 300)
    cands = _sorted_sample(rnd, 400, 150)
    tids = np.asarray(rnd.sample(range(300), n_tids), dtype=np.int32)
    got = kernels.py_term_bits(off, terms, cands, tids, 300)
    assert got.shape == (150, max((n_tids + 63) // 64, 1))
    for i, e in enumerate(cands.tolist()):  # bit j of word j // 64: the entry holds tids[j]
        own = set(terms[off[e] : off[e + 1]].tolist())
        for j, t in enumerate(tids.tolist()):
            assert bool(int(got[i, j // 64]) >> (j % 64) & 1) == (t in own)
    assert not kernels._zeros("bits", 300, np.uint64).any()  # the scratch words are cleared


def _index_arrays(rnd: random.Random, n_entries: int, n_terms: int) -> dict[str, np.ndarray]:
    """The arrays of an index that scoring reads, random."""
    off, terms = _entries(rnd, n_entries, n_terms)
    return {
        "entry_off": off,
        "entry_terms": terms,
        "df": np.bincount(terms, minlength=n_terms).astype(np.int32),
        "entry_norm_root": np.asarray([rnd.uniform(1e-3, 9) for _ in range(n_entries)]) ** -0.4,
        "entry_complement": np.asarray([rnd.randrange(3) for _ in range(n_entries)], dtype=np.uint8),
        "entry_head": np.asarray([rnd.randrange(-1, n_terms) for _ in range(n_entries)], dtype=np.int32),
        "entry_head2": np.asarray([rnd.randrange(-1, n_terms) for _ in range(n_entries)], dtype=np.int32),
        "entry_lang": np.asarray([rnd.randrange(3) for _ in range(n_entries)], dtype=np.uint8),
    }


@compiled
@pytest.mark.parametrize("seed", range(30))
def test_score(seed):
    rnd = random.Random(seed)
    n_entries, n_terms = 300, 80
    a = _index_arrays(rnd, n_entries, n_terms)
    cands = _sorted_sample(rnd, n_entries, 120)
    off, terms = a["entry_off"], a["entry_terms"]
    present = sorted({t for e in cands.tolist() for t in terms[off[e] : off[e + 1]].tolist()})
    # up to 63 alternatives, the compiled kernel works out each set of them held once
    n_alts = rnd.choice([1, 3, 8, 63, 64, 70])
    n_concepts = rnd.randint(1, 4)
    concepts = sorted(rnd.randrange(n_concepts) for _ in range(n_alts))
    alts = [(rnd.sample(present, rnd.randint(1, 2)), rnd.uniform(0, 30), rnd.uniform(0, 40), k, rnd.random() < 0.7)
            for k in concepts]  # fmt: skip
    alts[0] = ([present[0]], *alts[0][1:])  # a term some candidate holds
    heads = [rnd.sample(range(n_terms), rnd.randint(0, 3)) for _ in range(3)] if seed % 2 else [[], [], []]
    args = (a, cands, alts, rnd.choice([-1, 0, n_concepts - 1]), sum(x[1] for x in alts) + 1)
    options = dict(complement_asked=rnd.randrange(3), head_ids=heads[0], fr_ids=heads[1], en_ids=heads[2],
                   lex_weight=0.8, head_bonus=0.08, head_elsewhere=0.1, head_missing=0.15, complement_cost=0.07)
    got = kernels.score(*args, **options)
    compiled_c = kernels._C
    try:
        kernels._C = None
        expected = kernels.score(*args, **options)
    finally:
        kernels._C = compiled_c
    assert len(got[0]) > 0  # some candidate holds something
    assert got[0].tolist() == expected[0].tolist()
    for g, e in zip(got[1:], expected[1:], strict=True):
        np.testing.assert_allclose(g.astype(np.float64), e.astype(np.float64), rtol=1e-12, atol=1e-15)


@compiled
@pytest.mark.parametrize("seed", range(20))
def test_union(seed):
    rnd = random.Random(seed)
    parts = [np.asarray([rnd.randrange(rnd.choice([10, 3000, 2_000_000])) for _ in range(rnd.randint(0, 900))],
                        dtype=np.int32) for _ in range(rnd.randint(1, 6))]  # fmt: skip
    expected = sorted({x for p in parts for x in p.tolist()})
    assert kernels.py_union(parts).tolist() == expected
    assert kernels.union(parts).tolist() == expected


@pytest.mark.parametrize("seed", range(20))
def test_promise(seed):
    # the rough prescore, entry by entry: 0.8 x min(mass / norm², 1)^0.2, the head word's bonus or
    # cost, the complement's cost
    rnd = random.Random(seed)
    n = 500
    norm = np.asarray([rnd.uniform(1e-3, 9) for _ in range(n)])
    head = np.asarray([rnd.randrange(-1, 30) for _ in range(n)], dtype=np.int32)
    head2 = np.asarray([rnd.randrange(-1, 30) for _ in range(n)], dtype=np.int32)
    complement = np.asarray([rnd.randrange(3) for _ in range(n)], dtype=np.uint8)
    entries = _sorted_sample(rnd, n, 200)
    heads = np.asarray(rnd.sample(range(30), rnd.randint(0, 4)), dtype=np.int32)
    mass, asked = rnd.uniform(0, 50), rnd.randrange(3)
    got = kernels.promise(entries, norm**-0.4, head, head2, complement, heads, mass, asked, lex_weight=0.8,
                          head_bonus=0.08, head_elsewhere=0.1, complement_cost=0.07)  # fmt: skip
    for value, e in zip(got.tolist(), entries.tolist(), strict=True):
        expected = 0.8 * min(mass / norm[e] ** 2, 1.0) ** 0.2
        if len(heads):
            expected += 0.08 if head[e] in heads or head2[e] in heads else -0.1
        expected -= 0.07 * max(int(complement[e]) - asked, 0) if asked < 2 else 0.0
        assert value == pytest.approx(expected, rel=1e-12)


@compiled
@pytest.mark.parametrize("seed", range(20))
def test_key_texts(seed):
    rnd = random.Random(seed)
    n = 300
    texts = [" ".join(rnd.choice(["lait", "crème", "œuf", "bio", "ß", "飯"]) for _ in range(rnd.randint(0, 4)))
             for _ in range(n)]  # fmt: skip
    blob = np.frombuffer("".join(texts).encode(), dtype=np.uint8)
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(t.encode()) for t in texts], out=off[1:])
    keyhash = np.asarray([hash(t) & 0xFFFF_FFFF_FFFF_FFFF for t in texts], dtype=np.uint64)
    cands = _sorted_sample(rnd, n, 120)
    both = (kernels.key_texts(keyhash, blob, off, cands), kernels.py_key_texts(keyhash, blob, off, cands))
    for found, inverse in both:
        assert len(found) == len(set(found))  # each key once
        assert [found[i] for i in inverse.tolist()] == [texts[e] for e in cands.tolist()]


@pytest.mark.parametrize("seed", range(20))
def test_best_per_row(seed):
    rnd = random.Random(seed)
    n = rnd.randint(0, 300)
    score = np.asarray([rnd.choice([0.5, 0.7, rnd.random()]) for _ in range(n)])  # ties too
    rows = np.asarray([rnd.randrange(40) for _ in range(n)], dtype=np.int32)
    limit = rnd.choice([1, 5, 100])
    expected = kernels.py_best_per_row(score, rows, limit)
    # the reference: each row's best entry (ties to the first), rows by that score, then row
    best: dict[int, int] = {}
    for i in range(n):
        if rows[i] not in best or score[i] > score[best[rows[i]]]:
            best[int(rows[i])] = i
    assert expected == sorted(best.values(), key=lambda i: (-score[i], rows[i]))[:limit]


@pytest.mark.parametrize(
    "kernel, args",
    [
        ("contains", lambda: (np.zeros(3, dtype=np.int64), np.zeros(2, dtype=np.int32), np.zeros(2, dtype=bool))),
        ("union", lambda: ([np.asarray([1, -2], dtype=np.int32)],)),
        ("select", lambda: (np.zeros(2), 1, np.zeros(3, dtype=np.int64))),
        ("select", lambda: (np.zeros(2, dtype=np.float32), 1, np.zeros(2, dtype=np.int64))),
        ("delete_owners", lambda: (["lait"], 1, np.zeros(2, dtype=np.uint32), np.zeros(1, dtype=np.int32), 5)),
        ("delete_owners", lambda: (["lait"], 1, np.zeros(2, dtype=np.int32), np.zeros(2, dtype=np.int32), 5)),
        ("delete_owners", lambda: (["lait"], 1, np.zeros(2, dtype=np.uint32), np.zeros(2, dtype=np.int32), 5,
                                   np.zeros(65537, dtype=np.int64))),  # a directory of no keys for two
    ],
)
def test_compiled_kernels_refuse_bad_arrays(kernel, args):
    if kernels._C is None:
        pytest.skip("the compiled kernels are not built here")
    with pytest.raises(ValueError):
        getattr(kernels._C, kernel)(*args())


@pytest.mark.parametrize("seed", range(6))
def test_search_is_the_same_on_either_kernels(seed, monkeypatch):
    if kernels._C is None:
        pytest.skip("the compiled kernels are not built here")
    rnd = random.Random(seed)
    words = _random_words(seed, 60) + ["lait", "demi", "écrémé", "bio", "crème", "fraîche"]
    index = build([" ".join(rnd.sample(words, rnd.randint(1, 6))) for _ in range(2000)])
    queries = [" ".join(rnd.sample(words, rnd.randint(1, 3))) for _ in range(40)] + ["lait", "lsit demi"]
    fast = {q: search(index, q) for q in queries}
    with monkeypatch.context() as m:  # step by step, each kernel compiled: the very same hits
        m.setattr(kernels, "compiled", lambda: False)
        for q in queries:
            assert search(index, q) == fast[q], q
    monkeypatch.setattr(kernels, "_C", None)
    for q in queries:
        reference = search(index, q)
        assert [round(h.score, 9) for h in fast[q]] == [round(h.score, 9) for h in reference], q
        # the same products, but for ties
        assert {(h.row, round(h.score, 9)) for h in fast[q]} == {(h.row, round(h.score, 9)) for h in reference}, q


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("rescored", [1, 3])
def test_widening_is_the_same_on_either_kernels(seed, rescored, monkeypatch):
    # a few entries rescored at a time: the bound on the entries left out (same key, lengths of
    # the words) decides when to widen, in C and in numpy
    if kernels._C is None:
        pytest.skip("the compiled kernels are not built here")
    import listparse.catalog.index as index_module

    monkeypatch.setattr(index_module, "_RESCORE", rescored)
    rnd = random.Random(seed)
    words = _random_words(seed, 30) + ["lait", "demi", "écrémé", "bio"]
    names = [" ".join(rnd.sample(words, rnd.randint(1, 5))) for _ in range(600)]
    index = build(names + names[:100])  # the same names again: entries sharing a key
    queries = [" ".join(rnd.sample(words, rnd.randint(1, 3))) for _ in range(30)] + ["lait demi", "lsit"]
    widened = []
    select = kernels.py_select
    monkeypatch.setattr(kernels, "py_select", lambda pre, size: widened.append(size) or select(pre, size))
    for q in queries:
        fast = search(index, q)
        with monkeypatch.context() as m:
            m.setattr(kernels, "_C", None)
            slow = search(index, q)
        assert [(h.row, round(h.score, 9), h.entry) for h in fast] == [
            (h.row, round(h.score, 9), h.entry) for h in slow
        ], q
    assert rescored > 1 or any(size > rescored for size in widened)  # one at a time: some queries widened


@pytest.mark.parametrize("seed", range(8))
def test_candidates_are_the_references(seed, monkeypatch):
    # common words (held by more than the holding cap of 1000 entries) take the pruned paths:
    # the most promising entries of a concept, the two rarest concepts intersected in full
    if kernels._C is None:
        pytest.skip("the compiled kernels are not built here")
    import listparse.catalog.index as index_module

    rnd = random.Random(seed)
    common = ["lait", "demi", "bio", "crème"]
    rare = _random_words(seed, 80)
    names = [" ".join([w for w in common if rnd.random() < 0.45] + rnd.sample(rare, rnd.randint(1, 4)))
             for _ in range(4000)]  # fmt: skip
    index = build(names)
    queries = ["lait", "lait demi", "lait demi bio", "crème bio", "lsit demi", "lait " + rare[0],
               rare[1] + " " + rare[2], "demi crème lait bio " + rare[3]]  # fmt: skip
    spied: list[np.ndarray | None] = []
    compiled_candidates = kernels.candidates

    def spy(*args, **kwargs):
        spied.append(compiled_candidates(*args, **kwargs))
        return spied[-1]

    # the search step by step, each kernel compiled (the whole search in one call gathers the
    # same candidates: test_search_is_the_same_on_either_kernels)
    monkeypatch.setattr(kernels, "compiled", lambda: False)
    monkeypatch.setattr(kernels, "candidates", spy)
    reference: list[np.ndarray] = []
    numpy_candidates = index_module.CatalogIndex._candidates

    def ref(self, *args, **kwargs):
        reference.append(numpy_candidates(self, *args, **kwargs))
        return reference[-1]

    for q in queries:
        spied.clear()
        fast = search(index, q)
        assert spied and spied[0] is not None, q
        monkeypatch.setattr(kernels, "_C", None)
        monkeypatch.setattr(index_module.CatalogIndex, "_candidates", ref)
        reference.clear()
        slow = search(index, q)
        monkeypatch.undo()
        monkeypatch.setattr(kernels, "compiled", lambda: False)
        monkeypatch.setattr(kernels, "candidates", spy)
        assert spied[0].tolist() == reference[0].tolist(), q
        assert [(h.row, round(h.score, 9)) for h in fast] == [(h.row, round(h.score, 9)) for h in slow], q
    assert max(index.df(index.term_id["lait"]), 0) > 1000  # the pruned paths were taken


@compiled
@pytest.mark.parametrize("seed", range(20))
def test_select(seed):
    rnd = random.Random(seed)
    n = rnd.randint(0, 400)
    pre = np.asarray([rnd.choice([0.5, 0.25, rnd.random()]) for _ in range(n)])  # ties too
    size = rnd.choice([0, 1, 5, 120, 500])
    top, rest = kernels.select(pre, size)
    assert (top.tolist(), rest.tolist()) == tuple(x.tolist() for x in kernels.py_select(pre, size))
    # the reference: positions by prescore, ties to the lower one
    best = sorted(range(n), key=lambda i: (-pre[i], i))
    assert top.tolist() == sorted(best[:size]) and rest.tolist() == sorted(best[size:])


@compiled
@pytest.mark.parametrize("seed", range(20))
def test_hits(seed):
    rnd = random.Random(seed)
    n_entries, n = 200, rnd.randint(1, 150)
    a = {
        "entry_row": np.asarray([rnd.randrange(60) for _ in range(n_entries)], dtype=np.int32),  # products in sizes
        "entry_norm": np.asarray([rnd.uniform(0.1, 9) for _ in range(n_entries)], dtype=np.float32),
        "entry_complement": np.asarray([rnd.randrange(3) for _ in range(n_entries)], dtype=np.uint8),
    }
    cands = _sorted_sample(rnd, n_entries, n)
    pre = np.asarray([rnd.choice([0.7, rnd.uniform(-0.2, 0.9)]) for _ in range(len(cands))])
    lex, matched, coverage = (np.asarray([rnd.random() * 3 for _ in range(len(cands))]) for _ in range(3))
    head_covered, own = (np.asarray([rnd.random() < 0.6 for _ in range(len(cands))]) for _ in range(2))
    top, _ = kernels.select(pre, rnd.choice([5, 40, 120]))
    n_keys = max(len(top) // 2, 1)
    ratios = np.asarray([rnd.choice([100.0, rnd.uniform(0, 100)]) for _ in range(n_keys)], dtype=np.float32)
    inverse = np.asarray([rnd.randrange(n_keys) for _ in range(len(top))], dtype=np.int64)
    args = (top, cands, pre, lex, head_covered, own, matched, coverage, ratios, inverse, a, rnd.choice([1, 5, 20]), 0.2)
    found, fz = kernels.hits(*args)
    expected, expected_fz = kernels.py_hits(*args)
    assert fz.tolist() == expected_fz.tolist()
    assert found == expected
    assert len({h[0] for h in found}) == len(found)  # a product once


@compiled
@pytest.mark.parametrize("seed", range(20))
def test_delete_owners(seed):
    rnd = random.Random(seed)
    letters = "abcdeéèïœß" + "\u4e2d\U0001f600"  # accents, a ligature, two and four UTF-8 bytes
    vocab = sorted({"".join(rnd.choice(letters) for _ in range(rnd.randint(1, 9))) for _ in range(300)})
    keys, owners = [], []
    for t, term in enumerate(vocab):
        for variant in kernels.deletes(term) | {term}:
            keys.append(kernels.crc(variant))
            owners.append(t)
    order = np.argsort(np.asarray(keys, dtype=np.uint32), kind="stable")
    del_key = np.asarray(keys, dtype=np.uint32)[order]
    del_term = np.asarray(owners, dtype=np.int32)[order]
    words = [rnd.choice(vocab)[: rnd.randint(0, 9)] + "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 2)))
             for _ in range(40)] + ["", "ab\ud800cd"]  # fmt: skip
    shortest = rnd.choice([1, 4, 8])
    compiled_found = kernels._C.delete_owners(words, shortest, del_key, del_term, len(vocab))
    reference = kernels.py_delete_owners(words, shortest, del_key, del_term, len(vocab))
    # with the directory of the keys' top 16 bits, the same terms
    narrowed = kernels._C.delete_owners(words, shortest, del_key, del_term, len(vocab), kernels.key_directory(del_key))
    for word, found, near, expected in zip(words, compiled_found, narrowed, reference, strict=True):
        assert np.frombuffer(found, dtype=np.int32).tolist() == expected.tolist(), word
        assert np.frombuffer(near, dtype=np.int32).tolist() == expected.tolist(), word
        # a check on the reference itself: each owner is a term one delete away at most
        for t in expected.tolist():
            near = kernels.deletes(vocab[t]) | {vocab[t]}
            assert (kernels.deletes(word) | {word}) & near or kernels.crc(word) in {kernels.crc(v) for v in near}
    with pytest.raises(IndexError):
        kernels._C.delete_owners([vocab[0]], 1, del_key, del_term, 0)  # a term out of range


def test_the_fuzzy_scorers_agree(monkeypatch):
    # rapidfuzz's compiled cdist, called without its wrapper, against the wrapper's
    import listparse.catalog.index as index_module

    if index_module._rapidfuzz_compiled() is None:
        pytest.skip("rapidfuzz has no compiled module here")
    rnd = random.Random(7)
    words = _random_words(7, 40) + ["lait", "écrémé", "中文"]
    texts = [" ".join(rnd.sample(words, rnd.randint(1, 5))) for _ in range(300)]
    direct = np.asarray(index_module._fuzzy_scorer("lait demi écrémé")(texts)).ravel()
    monkeypatch.setattr(index_module, "_rapidfuzz_compiled", lambda: None)
    wrapped = np.asarray(index_module._fuzzy_scorer("lait demi écrémé")(texts))
    assert direct.dtype == wrapped.dtype == np.float32
    assert direct.tolist() == wrapped.tolist()


@compiled
def test_the_compiled_search_gives_frozen_hits():
    from dataclasses import FrozenInstanceError

    index = build(["Lait demi-écrémé", "Lait entier", "Beurre doux"])
    hits = search(index, "lait")
    assert hits and all(type(h).__name__ == "Hit" and h.other_kind is False for h in hits)
    with pytest.raises(FrozenInstanceError):
        hits[0].score = 0.0
    with pytest.raises(TypeError):  # a class whose instances have no dict
        kernels.search(
            index._search_arrays, index.term_id, [], None, 1.0, -1, (), (), (), 0,
            (0.8, 0.08, 0.1, 0.15, 0.07, 0.9, 2000, 250, 1000, 100_000, 120), 5, None, None, None, int, ("row",),
        )  # fmt: skip
