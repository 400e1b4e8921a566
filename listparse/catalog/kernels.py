"""The inner loops of the index search, compiled or in numpy.

Each function here does one step of :class:`~listparse.catalog.index.CatalogIndex.search` over
arrays: gathering the candidates (membership in posting lists, their union, the rough
prescore), scoring them (the query terms each holds, the lexical score, the prescore), the key
texts to rescore, the best entry of each product, and the terms a word's deletes meet (its typo
fixes). The compiled module ``_kernels`` (C, in ``csrc/``, built when the package is installed
by ``hatch_build.py``) does each in one call, and :func:`search` chains them all, from a query's
concepts to its hits, in one call. Without it, or with ``LISTPARSE_PURE_PYTHON=1`` in the
environment when this module is first imported, the search runs step by step on the numpy
versions below (``CatalogIndex._candidates`` for the candidates). Both give the same results:
the numpy versions are the reference the tests hold the compiled ones to.

>>> import numpy as np
>>> contains(np.array([2, 5, 9], dtype=np.int32), np.array([1, 5, 9], dtype=np.int32)).tolist()
[False, True, True]
"""

from __future__ import annotations

import os
import threading
import zlib
from array import array
from collections.abc import Sequence
from itertools import accumulate

import numpy as np

__all__ = [
    "IMPLEMENTATION", "candidate_args", "candidates", "compiled", "contains", "crc", "delete_owners", "deletes", "hits",
    "key_directory", "key_texts", "promise", "score", "score_args", "search", "select", "union",
]

PURE_ENV = "LISTPARSE_PURE_PYTHON"


def _compiled():
    if os.environ.get(PURE_ENV, "").strip() not in ("", "0"):
        return None
    try:
        from . import _kernels  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _kernels


_C = _compiled()
#: "compiled" when the C kernels are in use, else "numpy"
IMPLEMENTATION = "compiled" if _C is not None else "numpy"


def compiled() -> bool:
    """Whether the compiled kernels run (the whole search then runs in one call, :func:`search`)."""
    return _C is not None


# --- numpy versions (the reference) -----------------------------------------------------------


_MARK_RATIO = 6  # membership by flags once the candidates are a sixth of the postings …
_MARK_MIN = 2000  # … and this many
_MARK_MAX_ENTRIES = 1 << 26  # flags for entries up to this one (a damaged index may name any)
_scratch = threading.local()


def _zeros(name: str, size: int, dtype) -> np.ndarray:
    """A reused array of zeros for this thread (whoever sets items clears them again)."""
    arrays = getattr(_scratch, "arrays", None)
    if arrays is None:
        arrays = _scratch.arrays = {}
    key = (name, np.dtype(dtype).str)
    held = arrays.get(key)
    if held is None or len(held) < size:
        held = arrays[key] = np.zeros(size, dtype=dtype)
    return held


def py_contains(post: np.ndarray, cands: np.ndarray) -> np.ndarray:
    """Which of the sorted ``cands`` are in the sorted ``post``."""
    if len(post) == 0:
        return np.zeros(len(cands), dtype=bool)
    top = int(max(post[-1], cands[-1])) + 1 if len(cands) else 0
    if len(cands) * _MARK_RATIO > len(post) and len(cands) > _MARK_MIN and 0 < top <= _MARK_MAX_ENTRIES:
        # many candidates: mark the postings in a reused flag array, then read the flags (a
        # binary search per candidate costs more)
        flags = _zeros("flags", top, bool)
        flags[post] = True
        found = flags[cands]
        flags[post] = False
        return found
    pos = np.searchsorted(post, cands)
    pos[pos >= len(post)] = len(post) - 1
    return post[pos] == cands


def py_term_bits(
    entry_off: np.ndarray, entry_terms: np.ndarray, cands: np.ndarray, tids: np.ndarray, n_terms: int
) -> np.ndarray:
    """Per entry of ``cands``, W = ceil(len(tids) / 64) words, bit j of word j // 64 set when it
    holds ``tids[j]`` (distinct); ``n_terms`` bounds the term ids."""
    words = max((len(tids) + 63) // 64, 1)
    held = np.zeros((len(cands), words), dtype=np.uint64)
    starts = entry_off[cands]
    lengths = entry_off[cands + 1] - starts
    first = np.cumsum(lengths) - lengths
    at = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(first, lengths)
    terms = entry_terms[np.repeat(starts, lengths) + at]
    some = lengths > 0  # an entry of no term holds nothing
    if not some.any():
        return held
    bit_of = _zeros("bits", n_terms, np.uint64)
    for w in range(words):
        part = tids[64 * w : 64 * (w + 1)]
        bit_of[part] = np.left_shift(np.uint64(1), np.arange(len(part), dtype=np.uint64))
        try:
            held[some, w] = np.bitwise_or.reduceat(bit_of[terms], first[some])
        finally:
            bit_of[part] = 0
    return held


def py_lexical(
    held: np.ndarray, masks: np.ndarray, alt_sq: np.ndarray, alt_mass: np.ndarray, alt_concept: np.ndarray,
    alt_covers: np.ndarray, head: int, root: np.ndarray, cands: np.ndarray, q_sq: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The lexical part of each candidate's score, from the query terms it holds (``held``, from
    :func:`py_term_bits`) and the query's alternatives, grouped by concept: alternative a is held
    when every bit of ``masks[a]`` is, and then weighs ``alt_sq[a]`` of the query (its concept's
    idf² times its factor²), explains ``alt_mass[a]`` of the entry, and covers its concept when
    ``alt_covers[a]``. Per concept the best alternative held counts.

    Returns, per candidate: the lexical score coverage^0.8 × precision^0.2, precision being
    the share of the entry's squared norm explained, at most 1, from ``root`` (each entry's
    norm^-0.4): min(matched^0.2 × root, 1); matched, the weight of the entry's own words found;
    coverage, the share of ``q_sq`` held; whether concept ``head`` is covered (True when no
    alternative belongs to it)."""
    n = len(cands)
    dot = np.zeros(n, dtype=np.float64)
    matched = np.zeros(n, dtype=np.float64)
    head_covered = np.ones(n, dtype=bool)
    for k in dict.fromkeys(alt_concept.tolist()):
        covered = np.zeros(n, dtype=bool)
        gain = np.zeros(n, dtype=np.float64)
        mass = np.zeros(n, dtype=np.float64)
        for a in np.flatnonzero(alt_concept == k).tolist():
            have = ((held & masks[a]) == masks[a]).all(axis=1)
            if alt_covers[a]:
                covered |= have
            gain = np.maximum(gain, have * alt_sq[a])
            mass = np.maximum(mass, have * alt_mass[a])
        dot += gain
        matched += mass
        if k == head:
            head_covered = covered
    coverage = dot / q_sq
    return coverage**0.8 * np.minimum(matched**0.2 * root[cands], 1.0), matched, coverage, head_covered


def py_union(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The sorted union of entry arrays (int32)."""
    if not parts:
        return np.zeros(0, dtype=np.int32)
    joined = np.sort(np.concatenate(parts).astype(np.int32, copy=False))
    return joined[np.concatenate(([True], joined[1:] != joined[:-1]))] if len(joined) else joined


def py_key_texts(
    keyhash: np.ndarray, text_blob: np.ndarray, text_off: np.ndarray, cands: np.ndarray
) -> tuple[list[str], np.ndarray]:
    """The key text of each distinct key among ``cands`` and each entry's place in that list."""
    _, first, inverse = np.unique(keyhash[cands], return_index=True, return_inverse=True)
    texts = [text_blob[text_off[e] : text_off[e + 1]].tobytes().decode("utf-8") for e in cands[first].tolist()]
    return texts, inverse.reshape(-1).astype(np.int64)


def py_best_per_row(score: np.ndarray, rows: np.ndarray, limit: int) -> list[int]:
    """Positions of each row's best entry (by score, then row, then position), best first."""
    order = np.lexsort((rows, -score))
    _, first_of_row = np.unique(rows[order], return_index=True)
    return order[np.sort(first_of_row)][:limit].tolist()


# --- the functions the index calls ------------------------------------------------------------


def _i32(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=np.int32)


def contains(post: np.ndarray, cands: np.ndarray) -> np.ndarray:
    """Which of the sorted entries ``cands`` are in the sorted posting list ``post``."""
    if _C is None:
        return py_contains(post, cands)
    out = np.empty(len(cands), dtype=bool)
    _C.contains(_i32(post), _i32(cands), out)
    return out


def union(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The sorted union of arrays of entries (int32)."""
    if _C is None:
        return py_union(parts)
    return np.frombuffer(_C.union([_i32(p) for p in parts]), dtype=np.int32)


def promise(entries, root, head, head2, complement, heads, mass, asked, *, lex_weight, head_bonus,
            head_elsewhere, complement_cost) -> np.ndarray:  # fmt: skip
    """The rough prescore of ``entries``: ``lex_weight`` × min(mass / norm², 1)^0.2, worked
    out as min(mass^0.2 × root, 1) from ``root``, each entry's norm^-0.4; plus
    ``head_bonus`` for an entry headed (``head`` or ``head2``) by one of ``heads`` or less
    ``head_elsewhere`` for any other (when ``heads`` is not empty), less ``complement_cost`` for
    each complement level above ``asked`` (none when ``asked`` is 2). In numpy only: the
    compiled candidates work it out inside; this serves the numpy ones."""
    heads = np.asarray(heads, dtype=np.int32)
    value = lex_weight * np.minimum(mass**0.2 * root[entries], 1.0)
    if len(heads):
        own = np.isin(head[entries], heads) | np.isin(head2[entries], heads)
        value += np.where(own, head_bonus, -head_elsewhere)
    if asked < 2:
        value = value - complement_cost * np.maximum(complement[entries].astype(np.int16) - asked, 0)
    return value


def key_texts(keyhash: np.ndarray, text_blob: np.ndarray, text_off: np.ndarray, cands: np.ndarray):
    """The key text of each distinct key (by its hash) among the entries ``cands``, and for each
    entry the place of its text in that list: names sold in many sizes share their key, and
    are rescored once. The texts' order is the implementation's."""
    if _C is None:
        return py_key_texts(keyhash, text_blob, text_off, cands)
    inverse = np.empty(len(cands), dtype=np.int64)
    return _C.key_texts(keyhash, text_blob, text_off, _i32(cands), inverse), inverse


def candidates(a: dict[str, np.ndarray], concepts: Sequence[Sequence[tuple[Sequence[int], bool]]],
               weights: Sequence[float], heads: np.ndarray, mass: float, asked: int, *, lex_weight: float,
               head_bonus: float, head_elsewhere: float, complement_cost: float, cap: int, conjunction: int,
               holding_cap: int, intersect_max: int) -> np.ndarray | None:  # fmt: skip
    """The search's candidates in one compiled call (see ``CatalogIndex._candidates``, the
    reference): ``a`` the index arrays, ``concepts`` each concept's alternatives as (term ids,
    partial), ``weights`` the concepts' weights. None when the kernels are not compiled."""
    if _C is None:
        return None
    found = _C.candidates(*candidate_args(
        a, concepts, weights, heads, mass, asked, lex_weight=lex_weight, head_bonus=head_bonus,
        head_elsewhere=head_elsewhere, complement_cost=complement_cost, cap=cap, conjunction=conjunction,
        holding_cap=holding_cap, intersect_max=intersect_max,
    ))  # fmt: skip
    return np.frombuffer(found, dtype=np.int32)


def candidate_args(a, concepts, weights, heads, mass, asked, *, lex_weight, head_bonus, head_elsewhere,
                   complement_cost, cap, conjunction, holding_cap, intersect_max) -> tuple:  # fmt: skip
    """The compiled candidates' arguments (see :func:`candidates`)."""
    # the query's few numbers as plain arrays: quicker to make than numpy's
    ids = array("i", [t for alts in concepts for tids, _ in alts for t in tids])
    alt_off = array("q", accumulate((len(tids) for alts in concepts for tids, _ in alts), initial=0))
    partial = array("B", [1 if p else 0 for alts in concepts for _, p in alts])
    concept_off = array("q", accumulate((len(alts) for alts in concepts), initial=0))
    by_weight = array("i", sorted(range(len(concepts)), key=lambda k: -weights[k]))
    return (
        a["df"], a["post_off"], a["post_by_entry"], a["post_by_len"], ids, alt_off, partial,
        concept_off, by_weight, a["entry_norm_root"], a["entry_head"], a["entry_head2"], a["entry_complement"],
        np.asarray(heads, dtype=np.int32), float(mass), int(asked), lex_weight, head_bonus, head_elsewhere,
        complement_cost, cap, conjunction, holding_cap, intersect_max,
    )


def py_score(a, cands, alts, head, q_sq, complement_asked, head_ids, fr_ids, en_ids, use_heads, lex_weight,
             head_bonus, head_elsewhere, head_missing, complement_cost):  # fmt: skip
    """The numpy version of :func:`score`."""
    distinct = list(dict.fromkeys(t for ids, *_ in alts for t in ids))
    bit_of = {t: j for j, t in enumerate(distinct)}
    words = max((len(distinct) + 63) // 64, 1)
    masks = np.zeros((len(alts), words), dtype=np.uint64)
    for r, (ids, *_) in enumerate(alts):
        for t in set(ids):
            masks[r, bit_of[t] // 64] |= np.uint64(1) << np.uint64(bit_of[t] % 64)
    held = py_term_bits(a["entry_off"], a["entry_terms"], cands, np.asarray(distinct, dtype=np.int32), len(a["df"]))
    lex, matched, coverage, head_covered = py_lexical(
        held, masks, np.array([sq for _, sq, _, _, _ in alts]), np.array([m for _, _, m, _, _ in alts]),
        np.array([k for *_, k, _ in alts], dtype=np.int32), np.array([c for *_, c in alts], dtype=np.uint8), head,
        a["entry_norm_root"], cands, q_sq,
    )
    keep = lex > 0
    cands, lex, matched = cands[keep], lex[keep], matched[keep]
    coverage, head_covered = coverage[keep], head_covered[keep]
    pre = lex_weight * lex
    if use_heads:
        first, second = a["entry_head"][cands], a["entry_head2"][cands]

        def holds(ids) -> np.ndarray:
            return np.isin(first, ids) | np.isin(second, ids)

        lang = a["entry_lang"][cands]
        own = holds(head_ids) | (holds(np.concatenate([fr_ids, en_ids])) & (lang == 0))
        own |= (holds(fr_ids) & (lang == 1)) | (holds(en_ids) & (lang == 2))
        # an entry headed by the cut of the product but without the product is no answer:
        # « Feuilles de riz » for « feuilles de basilic »
        own &= head_covered
        pre = pre + np.where(own, head_bonus, np.where(head_covered, -head_elsewhere, -head_missing))
    else:
        own = np.ones(len(cands), dtype=bool)
    if complement_asked < 2:  # « aux fraises » (2) for « yaourt » (0); « de » (1) costs half
        pre = pre - complement_cost * np.maximum(a["entry_complement"][cands].astype(np.int16) - complement_asked, 0)
    return cands, lex, matched, coverage, head_covered, own, pre


def score(a: dict[str, np.ndarray], cands: np.ndarray, alts: Sequence[tuple[Sequence[int], float, float, int, bool]],
          head: int, q_sq: float, *, complement_asked: int, head_ids, fr_ids, en_ids, lex_weight: float,
          head_bonus: float, head_elsewhere: float, head_missing: float, complement_cost: float):  # fmt: skip
    """Score the candidates ``cands`` (sorted entries) of a query: its alternatives ``alts`` as
    (term ids, weight in the query, weight in an entry, concept, covers its concept), grouped by
    concept; concept ``head`` names the product.

    Each candidate's lexical score (see :func:`py_lexical`) and, for those above 0, its prescore:
    ``lex_weight`` × lex; when head words are given, ``head_bonus`` for an entry headed by one
    of ``head_ids`` (or of ``fr_ids`` / ``en_ids`` for an entry of that language, either for one
    of none) that holds the product concept, less ``head_elsewhere`` for another holding it,
    less ``head_missing`` for one without it; less ``complement_cost`` for each complement
    level above ``complement_asked``. Returns the kept candidates and their lex, matched,
    coverage, head covered, own head and prescore."""
    if _C is None:
        head_ids, fr_ids, en_ids = (np.asarray(sorted(x), dtype=np.int32) for x in (head_ids, fr_ids, en_ids))
        use_heads = bool(len(head_ids) or len(fr_ids) or len(en_ids))
        return py_score(a, cands, alts, head, q_sq, complement_asked, head_ids, fr_ids, en_ids, use_heads, lex_weight,
                        head_bonus, head_elsewhere, head_missing, complement_cost)  # fmt: skip
    n = len(cands)
    out = (np.empty(n, dtype=np.int32), np.empty(n), np.empty(n), np.empty(n), np.empty(n, dtype=bool),
           np.empty(n, dtype=bool), np.empty(n))  # fmt: skip
    args = score_args(
        a, alts, head, q_sq, complement_asked=complement_asked, head_ids=head_ids, fr_ids=fr_ids, en_ids=en_ids,
        lex_weight=lex_weight, head_bonus=head_bonus, head_elsewhere=head_elsewhere, head_missing=head_missing,
        complement_cost=complement_cost,
    )
    kept = _C.score(*args[:2], _i32(cands), *args[3:], *out)
    return tuple(column[:kept] for column in out)


def score_args(a, alts, head, q_sq, *, complement_asked, head_ids, fr_ids, en_ids, lex_weight, head_bonus,
               head_elsewhere, head_missing, complement_cost) -> tuple:  # fmt: skip
    """The compiled score's first 26 arguments (see :func:`score`), the candidates' place None."""
    head_ids, fr_ids, en_ids = (array("i", sorted(x)) for x in (head_ids, fr_ids, en_ids))
    use_heads = bool(len(head_ids) or len(fr_ids) or len(en_ids))
    ids = array("i", [t for tids, *_ in alts for t in tids])
    alt_off = array("q", accumulate((len(tids) for tids, *_ in alts), initial=0))
    return (
        a["entry_off"], a["entry_terms"], None, ids, alt_off, array("d", [sq for _, sq, _, _, _ in alts]),
        array("d", [m for _, _, m, _, _ in alts]), array("i", [k for *_, k, _ in alts]),
        array("B", [1 if c else 0 for *_, c in alts]), int(head), a["entry_norm_root"], float(q_sq),
        a["entry_complement"], int(complement_asked), a["entry_head"], a["entry_head2"], a["entry_lang"], head_ids,
        fr_ids, en_ids, int(use_heads), lex_weight, head_bonus, head_elsewhere, head_missing, complement_cost,
    )


def py_select(pre: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The numpy version of :func:`select`."""
    order = np.lexsort((np.arange(len(pre)), -pre))
    return np.sort(order[:size]), np.sort(order[size:])


def select(pre: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the ``size`` highest of ``pre`` (ties to the lower position), and the
    others, each in increasing order."""
    if _C is None:
        return py_select(pre, size)
    out = np.empty(len(pre), dtype=np.int64)
    _C.select(np.ascontiguousarray(pre, dtype=np.float64), int(size), out)
    size = min(int(size), len(pre))
    return out[:size], out[size:]


def py_hits(top, cands, pre, lex, head_covered, own, matched, coverage, fz_keys, inverse, a, limit, weight):
    """The numpy version of :func:`hits`."""
    fz = fz_keys[inverse] / 100.0  # float32, as rapidfuzz gives the ratios
    score = pre[top] + weight * fz  # may pass 1 with the head bonus
    entries = cands[top]
    rows = a["entry_row"][entries]
    at = np.asarray(py_best_per_row(score, rows, limit), dtype=np.int64)
    chosen = entries[at]
    # the share of the entry's own weight the query explains
    explained = np.minimum(matched[top][at] / np.square(a["entry_norm"][chosen]), 1.0)
    columns = (rows[at], score[at], chosen, lex[top][at], fz[at], head_covered[top][at], own[top][at], explained,
               coverage[top][at], a["entry_complement"][chosen] > 0)  # fmt: skip
    return [tuple(fields) for fields in zip(*(column.tolist() for column in columns), strict=True)], fz


def hits(top, cands, pre, lex, head_covered, own, matched, coverage, fz_keys, inverse, a, limit, weight):
    """The rescored candidates ``cands[top]``: each one's fuzzy part, rapidfuzz's ratio of its
    key (``fz_keys[inverse]``, float32, 0 to 100) / 100, and score ``pre + weight`` × that; the
    best entry of each product (by score, then row, then position), the ``limit`` best products, as the
    fields of a :class:`~listparse.catalog.index.Hit` (row, score, entry, lexical, fuzzy, has
    head, own head, explained, coverage, complement); and the fuzzy part of every one."""
    if _C is None:
        return py_hits(top, cands, pre, lex, head_covered, own, matched, coverage, fz_keys, inverse, a, limit, weight)
    found, fz = _C.hits(
        np.ascontiguousarray(top, dtype=np.int64), _i32(cands), pre, lex, head_covered, own, matched, coverage,
        np.ascontiguousarray(fz_keys, dtype=np.float32), np.ascontiguousarray(inverse, dtype=np.int64),
        a["entry_row"], a["entry_norm"], a["entry_complement"], int(limit), float(weight),
    )
    return found, np.frombuffer(fz, dtype=np.float32)


def crc(text: str) -> int:
    """The CRC-32 of the text's UTF-8: the key of a delete, and of a brand."""
    return zlib.crc32(text.encode("utf-8"))


def deletes(term: str) -> set[str]:
    """The term with one letter left out, each way.

    >>> sorted(deletes("lait"))
    ['ait', 'lai', 'lat', 'lit']
    """
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def py_delete_owners(words: Sequence[str], shortest: int, del_key: np.ndarray, del_term: np.ndarray, n_terms: int):
    """The numpy version of :func:`delete_owners`."""
    variants = []
    for w in words:
        try:
            w.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no key
            variants.append(set())
            continue
        variants.append(deletes(w) | {w} if len(w) >= shortest else set())
    hashes = np.fromiter((crc(v) for vs in variants for v in vs), dtype=np.uint32)
    lo = np.searchsorted(del_key, hashes, "left").tolist()  # one vectorised look-up for every variant
    hi = np.searchsorted(del_key, hashes, "right").tolist()
    out = []
    at = 0
    for vs in variants:
        found = [del_term[a:b] for a, b in zip(lo[at : at + len(vs)], hi[at : at + len(vs)], strict=True) if b > a]
        at += len(vs)
        owners = np.unique(np.concatenate(found)).astype(np.int32) if found else np.zeros(0, dtype=np.int32)
        if len(owners) and (owners[0] < 0 or owners[-1] >= n_terms):
            raise IndexError(f"delete_owners: term {int(owners[-1] if owners[0] >= 0 else owners[0])} out of range")
        out.append(owners)
    return out


def delete_owners(
    words: Sequence[str], shortest: int, del_key: np.ndarray, del_term: np.ndarray, n_terms: int,
    directory: np.ndarray | None = None,
) -> list[np.ndarray]:
    """For each word, the terms (int32, ascending, each once) that the word or one of its
    deletes meets in the index's delete keys ``del_key`` (sorted CRC-32s, see :func:`crc`),
    owned by ``del_term`` (term ids below ``n_terms``): the candidates of its typo fixes. None
    for a word shorter than ``shortest`` letters, or that has no UTF-8 (a lone surrogate).
    ``directory`` (see :func:`key_directory`) narrows the compiled look-ups; the results are the
    same without it."""
    if _C is None:
        return py_delete_owners(words, shortest, del_key, del_term, n_terms)
    found = _C.delete_owners(list(words), int(shortest), del_key, del_term, int(n_terms), directory)
    return [np.frombuffer(b, dtype=np.int32) for b in found]


def search(arrays: tuple, term_id: dict[str, int], concepts: list, scales, unknown_idf: float, head: int,
           head_ids, fr_ids, en_ids, complement: int, params: tuple, limit: int, query_text: str | None, fuzzy,
           category, hit_type: type | None = None, names: tuple[str, ...] = ()) -> list:  # fmt: skip
    """The whole fast search in one compiled call (see ``CatalogIndex.search``, whose numpy path
    is the reference), from the query's ``concepts`` (lists of ``Alt``) and ``scales``: the
    index's ``arrays`` (see ``CatalogIndex._search_arrays``) and ``term_id``; the head words
    (``head_ids``, and those of French and English entries); the query's complement level;
    ``params`` (see ``index._search_params``); ``fuzzy(texts)`` rapidfuzz's ratios of
    ``query_text`` and the key texts (float32, 0 to 100), both None without a text;
    ``category(cands)`` what to take off the prescores of the kept candidates (int32 bytes), or
    None. The hits as tuples of a ``Hit``'s fields, or as instances of ``hit_type`` (a
    dataclass) whose fields ``names`` holds, the last one False."""
    if hit_type is None:
        return _C.search(arrays, term_id, concepts, scales, unknown_idf, head, head_ids, fr_ids, en_ids, complement,
                         params, limit, query_text, fuzzy, category)  # fmt: skip
    return _C.search(arrays, term_id, concepts, scales, unknown_idf, head, head_ids, fr_ids, en_ids, complement,
                     params, limit, query_text, fuzzy, category, hit_type, names)  # fmt: skip


def key_directory(del_key: np.ndarray) -> np.ndarray:
    """Where the sorted delete keys of each top 16 bits start, and their count last (65,537
    int64): a look-up then searches one bucket of a few dozen keys, in a cache line or two,
    not the whole array."""
    return np.searchsorted(del_key >> np.uint32(16), np.arange(65537, dtype=np.uint32)).astype(np.int64)
