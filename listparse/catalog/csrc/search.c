/* The whole fast search in one call: the candidates, their scores, the rescoring of the best of
 * them by rapidfuzz (a Python callable), the hits, and the check that no entry left out could
 * still beat the best hit (index.py's CatalogIndex.search and _rest_bound, their reference). */

#include "common.h"

/* what the bound on the entries left out reads */
typedef struct {
    const uint64_t *keyhash;
    const double *chars; /* each term's length; NULL: no bound from the lengths of words */
    const int32_t *q_ids; /* the query's tokens that are terms, sorted */
    const int64_t *eo;
    const int32_t *et;
    Py_ssize_t n_q, n_entries, n_vocab;
    double n_a, sum_a; /* the query's distinct tokens and their letters */
    int has_text;
} Bound;

/* an upper bound on rapidfuzz's token_set_ratio / 100 of the query and the entry's key text, from
 * the lengths of their words (index.py's _fuzzy_bound, which explains it) */
static double
fuzzy_bound(const Bound *bd, int32_t e)
{
    double n_b = 0.0, sum_b = 0.0, n_i = 0.0, sum_i = 0.0, s, a, b, s1, total, fuzzy;
    int some;
    if (bd->chars == NULL || bd->n_a == 0.0) {
        return 1.0;
    }
    for (int64_t p = bd->eo[e]; p < bd->eo[e + 1]; p++) {
        int32_t t = bd->et[p];
        int dup = 0;
        for (int64_t q = bd->eo[e]; q < p && !dup; q++) { /* the entry's distinct terms: a token set */
            dup = bd->et[q] == t;
        }
        if (dup) {
            continue;
        }
        if (t < 0 || t >= bd->n_vocab) {
            return 1.0; /* a damaged index: no bound */
        }
        n_b += 1.0;
        sum_b += bd->chars[t];
        for (Py_ssize_t j = 0; j < bd->n_q; j++) {
            if (bd->q_ids[j] == t) {
                n_i += 1.0;
                sum_i += bd->chars[t];
                break;
            }
        }
    }
    if (n_b == 0.0) {
        return 1.0;
    }
    some = n_i > 0.0;
    if (some && (n_i == bd->n_a || n_i == n_b)) {
        return 1.0;
    }
    s = some ? sum_i + n_i - 1.0 : 0.0;
    a = (bd->sum_a - sum_i) + (bd->n_a - n_i - 1.0 > 0.0 ? bd->n_a - n_i - 1.0 : 0.0);
    b = (sum_b - sum_i) + (n_b - n_i - 1.0 > 0.0 ? n_b - n_i - 1.0 : 0.0);
    s1 = s + (some ? 1.0 : 0.0);
    total = 2 * s1 + a + b;
    fuzzy = total > 0 ? (2 * s1 + 2 * (a < b ? a : b)) / total : 1.0;
    if (some) {
        double by_a = 2 * s / (2 * s + 1 + a), by_b = 2 * s / (2 * s + 1 + b);
        fuzzy = fuzzy > by_a ? fuzzy : by_a;
        fuzzy = fuzzy > by_b ? fuzzy : by_b;
    }
    return fuzzy < 1.0 ? fuzzy : 1.0;
}

/* a rescored entry's key and its place among the rescored */
typedef struct {
    uint64_t key;
    Py_ssize_t k;
} Keyed;

static int
keyed_cmp(const void *pa, const void *pb)
{
    uint64_t a = ((const Keyed *)pa)->key, b = ((const Keyed *)pb)->key;
    return (a > b) - (a < b);
}

/* the best score an entry left out of rescoring (positions rest[0..n_rest-1]) may reach: its
 * fuzzy part is at most 1, or the one found for a rescored entry of the same key (fz of the
 * rescored top[0..m-1]; entries of one key share their text, hence their ratio), or what the
 * lengths of its words allow. Only whether it passes target + 1e-9 matters, and is exact: an
 * entry whose cheap bound does not pass it is not looked at further. Out of memory, the cheap
 * bound, which is safe. */
static double
rest_bound(const Bound *bd, const int32_t *cands, const double *pre, const int64_t *top, Py_ssize_t m,
           const float *fz, const int64_t *rest, Py_ssize_t n_rest, double target, double weight)
{
    const float wf = (float)weight;
    double best = -INFINITY, cheap = -INFINITY;
    Keyed *keyed;
    for (Py_ssize_t r = 0; r < n_rest; r++) {
        double v = pre[rest[r]] + weight;
        cheap = v > cheap ? v : cheap;
    }
    if (cheap <= target + 1e-9) {
        return cheap;
    }
    /* the rescored entries' keys, sorted, for a binary search per entry left out */
    keyed = (Keyed *)malloc(sizeof(Keyed) * (size_t)(m ? m : 1));
    if (!keyed) {
        return cheap;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        keyed[k].key = bd->keyhash[cands[top[k]]];
        keyed[k].k = k;
    }
    qsort(keyed, (size_t)m, sizeof(Keyed), keyed_cmp);
    for (Py_ssize_t r = 0; r < n_rest; r++) {
        int32_t e = cands[rest[r]];
        double v = pre[rest[r]] + weight;
        if (v > target + 1e-9) {
            uint64_t key = bd->keyhash[e];
            Py_ssize_t lo = 0, hi = m;
            while (lo < hi) {
                Py_ssize_t mid = lo + (hi - lo) / 2;
                if (keyed[mid].key < key) {
                    lo = mid + 1;
                }
                else {
                    hi = mid;
                }
            }
            if (lo < m && keyed[lo].key == key) { /* a rescored entry of the same key */
                v = pre[rest[r]] + (double)(wf * fz[keyed[lo].k]);
            }
        }
        if (bd->has_text && v > target + 1e-9) {
            /* float32 scores may round up past the exact ratio: a margin keeps the bound safe */
            double by_words = pre[rest[r]] + weight * (fuzzy_bound(bd, e) + 1e-5);
            v = by_words < v ? by_words : v;
        }
        best = v > best ? v : best;
    }
    free(keyed);
    return best;
}

/* the query, as the kernels read it: its alternatives grouped by concept, their terms */
typedef struct {
    int32_t *ids, *concept, *by_weight;
    int64_t *alt_off, *known_off;
    double *sq, *mass, *weight;
    uint8_t *partial, *covers;
    int32_t *heads, *head_ids, *fr_ids, *en_ids;
    Py_ssize_t n_ids, n_alts, n_known, n_heads, n_head_ids, n_fr, n_en;
    double q_sq, known_mass;
} Query;

static void
query_free(Query *q)
{
    free(q->ids);
    free(q->concept);
    free(q->by_weight);
    free(q->alt_off);
    free(q->known_off);
    free(q->sq);
    free(q->mass);
    free(q->weight);
    free(q->partial);
    free(q->covers);
    free(q->heads);
    free(q->head_ids);
    free(q->fr_ids);
    free(q->en_ids);
}

/* the ids of a set (or any iterable) of int, in an int32 array; -1 with an exception set */
static int
id_set(PyObject *obj, int32_t **out, Py_ssize_t *n)
{
    PyObject *seq = PySequence_Fast(obj, "search: head ids must be iterable");
    Py_ssize_t m;
    if (!seq) {
        return -1;
    }
    m = PySequence_Fast_GET_SIZE(seq);
    *out = (int32_t *)malloc(sizeof(int32_t) * (size_t)(m ? m : 1));
    if (!*out) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < m; i++) {
        long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        (*out)[i] = (int32_t)v;
    }
    *n = m;
    Py_DECREF(seq);
    return 0;
}

/* index.py's CatalogIndex.search before the kernels: each concept's weight (its own words'
 * idf², times its scale²; a synonym or a typo fix covers it for that weight times its
 * factor²), each alternative's row, the concepts with alternatives heaviest first, the
 * query's whole weight and that of the known concepts' own words; -1 with an exception set */
static int
query_read(Query *q, PyObject *concepts, PyObject *scales, double unknown_idf, const float *idf, Py_ssize_t n_terms,
           int head, double partial_factor)
{
    Py_ssize_t n_concepts, a = 0, known = 0, at = 0;
    if (!PyList_Check(concepts) || (scales != Py_None && !PySequence_Check(scales))) {
        PyErr_SetString(PyExc_TypeError, "search: concepts must be a list, scales a sequence or None");
        return -1;
    }
    n_concepts = PyList_GET_SIZE(concepts);
    if (scales != Py_None && PySequence_Size(scales) < n_concepts) {
        PyErr_SetString(PyExc_ValueError, "search: a scale per concept expected");
        return -1;
    }
    q->n_alts = q->n_ids = 0;
    for (Py_ssize_t k = 0; k < n_concepts; k++) {
        PyObject *alts = PyList_GET_ITEM(concepts, k);
        if (!PyList_Check(alts)) {
            PyErr_SetString(PyExc_TypeError, "search: each concept must be a list of alternatives");
            return -1;
        }
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(alts); j++) {
            PyObject *alt = PyList_GET_ITEM(alts, j), *ids;
            if (!PyTuple_Check(alt) || PyTuple_GET_SIZE(alt) < 3 || !PyTuple_Check(PyTuple_GET_ITEM(alt, 0))) {
                PyErr_SetString(PyExc_TypeError, "search: an alternative must be (ids, factor, partial, ...)");
                return -1;
            }
            ids = PyTuple_GET_ITEM(alt, 0);
            if (PyTuple_GET_SIZE(ids) == 0) {
                PyErr_SetString(PyExc_ValueError, "search: an alternative without terms");
                return -1;
            }
            q->n_alts++;
            q->n_ids += PyTuple_GET_SIZE(ids);
        }
    }
    {
        Py_ssize_t na = q->n_alts ? q->n_alts : 1, nk = n_concepts ? n_concepts : 1;
        q->ids = (int32_t *)malloc(sizeof(int32_t) * (size_t)(q->n_ids ? q->n_ids : 1));
        q->concept = (int32_t *)malloc(sizeof(int32_t) * (size_t)na);
        q->alt_off = (int64_t *)malloc(sizeof(int64_t) * (size_t)(na + 1));
        q->sq = (double *)malloc(sizeof(double) * (size_t)na);
        q->mass = (double *)malloc(sizeof(double) * (size_t)na);
        q->partial = (uint8_t *)malloc((size_t)na);
        q->covers = (uint8_t *)malloc((size_t)na);
        q->known_off = (int64_t *)malloc(sizeof(int64_t) * (size_t)(nk + 1));
        q->weight = (double *)malloc(sizeof(double) * (size_t)nk);
        q->by_weight = (int32_t *)malloc(sizeof(int32_t) * (size_t)nk);
        if (!q->ids || !q->concept || !q->alt_off || !q->sq || !q->mass || !q->partial || !q->covers
            || !q->known_off || !q->weight || !q->by_weight) {
            PyErr_NoMemory();
            return -1;
        }
    }
    q->q_sq = 0.0;
    q->known_mass = 0.0;
    q->alt_off[0] = 0;
    q->known_off[0] = 0;
    for (Py_ssize_t k = 0; k < n_concepts; k++) {
        PyObject *alts = PyList_GET_ITEM(concepts, k);
        Py_ssize_t n = PyList_GET_SIZE(alts), first = a;
        double scale = 1.0, base = 0.0, own_sq;
        if (scales != Py_None) {
            PyObject *v = PySequence_GetItem(scales, k);
            scale = v ? PyFloat_AsDouble(v) : -1.0;
            Py_XDECREF(v);
            if (PyErr_Occurred()) {
                return -1;
            }
        }
        if (n == 0) { /* a word the catalog does not know weighs the median idf */
            q->q_sq += pow(unknown_idf * scale, 2.0);
            continue;
        }
        for (Py_ssize_t j = 0; j < n; j++) {
            PyObject *alt = PyList_GET_ITEM(alts, j), *ids = PyTuple_GET_ITEM(alt, 0);
            double factor = PyFloat_AsDouble(PyTuple_GET_ITEM(alt, 1));
            int partial = PyObject_IsTrue(PyTuple_GET_ITEM(alt, 2));
            if ((factor == -1.0 && PyErr_Occurred()) || partial < 0) {
                return -1;
            }
            q->partial[a] = (uint8_t)partial;
            q->concept[a] = (int32_t)k;
            q->mass[a] = 0.0;
            for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(ids); i++) {
                long t = PyLong_AsLong(PyTuple_GET_ITEM(ids, i));
                if (t == -1 && PyErr_Occurred()) {
                    return -1;
                }
                if (t < 0 || t >= n_terms) {
                    PyErr_Format(PyExc_IndexError, "search: term %ld out of range", t);
                    return -1;
                }
                q->ids[at++] = (int32_t)t;
                q->mass[a] += pow((double)idf[t], 2.0);
            }
            q->alt_off[a + 1] = at;
            if (j == 0) {
                if (partial) { /* some words of the phrase are not in the catalog at all */
                    base = pow((double)idf[q->ids[q->alt_off[a]]], 2.0) / pow(factor / partial_factor, 2.0);
                }
                else {
                    base = q->mass[a];
                }
                base = base * scale * scale;
            }
            q->sq[a] = base * factor * factor;
            a++;
        }
        /* the concept weighs its own words; a phrase partly found weighs all of its words */
        own_sq = q->sq[first];
        if (!q->partial[first]) {
            for (Py_ssize_t j = first + 1; j < a; j++) {
                own_sq = q->sq[j] > own_sq ? q->sq[j] : own_sq;
            }
        }
        else {
            own_sq = base;
        }
        q->q_sq += own_sq;
        q->weight[known] = sqrt(own_sq);
        for (int64_t i = q->alt_off[first]; i < q->alt_off[first + 1]; i++) {
            q->known_mass += pow((double)idf[q->ids[i]], 2.0);
        }
        q->known_off[known + 1] = a;
        known++;
    }
    q->n_known = known;
    /* the known concepts heaviest first (a stable order) */
    for (Py_ssize_t k = 0; k < known; k++) {
        Py_ssize_t j = k;
        while (j > 0 && q->weight[q->by_weight[j - 1]] < q->weight[k]) {
            q->by_weight[j] = q->by_weight[j - 1];
            j--;
        }
        q->by_weight[j] = (int32_t)k;
    }
    /* whether an alternative covers its concept: a word of the product's phrase alone names it
     * only if it is the phrase's product word (« cru » is no « jambon cru ») */
    for (Py_ssize_t i = 0; i < q->n_alts; i++) {
        q->covers[i] = (uint8_t)(!q->partial[i] || q->concept[i] != head || q->n_heads == 0
                                 || among(q->heads, q->n_heads, q->ids[q->alt_off[i]]));
    }
    return 0;
}

/* the distinct whitespace-separated tokens of the query text: how many, their letters, and
 * the sorted term ids of those the index knows; -1 with an exception set */
static int
query_tokens(PyObject *text, PyObject *term_id, double *n_a, double *sum_a, int32_t **ids, Py_ssize_t *n_ids)
{
    PyObject *words, *seen;
    Py_ssize_t n;
    *n_a = *sum_a = 0.0;
    *n_ids = 0;
    *ids = NULL;
    if (text == Py_None) {
        return 0;
    }
    words = PyUnicode_Split(text, NULL, -1);
    if (!words) {
        return -1;
    }
    seen = PySet_New(NULL);
    n = PyList_GET_SIZE(words);
    *ids = (int32_t *)malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
    if (!seen || !*ids) {
        Py_DECREF(words);
        Py_XDECREF(seen);
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PyList_GET_ITEM(words, i), *tid;
        int had = PySet_Contains(seen, w);
        if (had < 0 || (!had && PySet_Add(seen, w) < 0)) {
            goto fail;
        }
        if (had) {
            continue;
        }
        *n_a += 1.0;
        *sum_a += (double)PyUnicode_GET_LENGTH(w);
        tid = PyDict_GetItemWithError(term_id, w);
        if (tid) {
            long v = PyLong_AsLong(tid);
            if (v == -1 && PyErr_Occurred()) {
                goto fail;
            }
            (*ids)[(*n_ids)++] = (int32_t)v;
        }
        else if (PyErr_Occurred()) {
            goto fail;
        }
    }
    for (Py_ssize_t i = 1; i < *n_ids; i++) { /* sorted */
        int32_t v = (*ids)[i];
        Py_ssize_t j = i;
        while (j > 0 && (*ids)[j - 1] > v) {
            (*ids)[j] = (*ids)[j - 1];
            j--;
        }
        (*ids)[j] = v;
    }
    Py_DECREF(words);
    Py_DECREF(seen);
    return 0;
fail:
    Py_DECREF(words);
    Py_DECREF(seen);
    return -1;
}

/* the hits, tuples of fields, made instances of hit_type in place: each field set in the
 * instance's dict under its name (names: one more than the fields, the last field False), as
 * the dataclass's own __init__ would, at a fraction of its cost; -1 with an exception set */
static int
hits_as(PyObject *found, PyObject *hit_type, PyObject *names)
{
    PyTypeObject *type = (PyTypeObject *)hit_type;
    Py_ssize_t n_names = PyTuple_GET_SIZE(names);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(found); i++) {
        PyObject *fields = PyList_GET_ITEM(found, i), *hit, *dict;
        if (PyTuple_GET_SIZE(fields) + 1 != n_names) {
            PyErr_SetString(PyExc_ValueError, "search: a field name per field of a hit, and one more");
            return -1;
        }
        hit = type->tp_alloc(type, 0);
        if (!hit) {
            return -1;
        }
        dict = PyObject_GenericGetDict(hit, NULL);
        if (!dict) {
            Py_DECREF(hit);
            return -1;
        }
        for (Py_ssize_t k = 0; k < n_names; k++) {
            PyObject *value = k + 1 < n_names ? PyTuple_GET_ITEM(fields, k) : Py_False;
            if (PyDict_SetItem(dict, PyTuple_GET_ITEM(names, k), value) < 0) {
                Py_DECREF(dict);
                Py_DECREF(hit);
                return -1;
            }
        }
        Py_DECREF(dict);
        PyList_SetItem(found, i, hit); /* steals hit, drops the tuple */
    }
    return 0;
}

PyDoc_STRVAR(search_doc,
"search(arrays, term_id, concepts, scales, unknown_idf, head, head_ids, fr_ids, en_ids, complement,\n"
"       params, limit, query_text, fuzzy, category[, hit_type, names]) -> list\n\n"
"index.py's CatalogIndex.search on the compiled kernels, in one call, from the query's concepts\n"
"(lists of (term ids, factor, partial, ...)) on: the concepts' weights, the candidates, their\n"
"scores, less category(cands) (int32 bytes -> float64 array or None) from the prescores when\n"
"category is not None, then the best by prescore rescored, fuzzy(texts) giving rapidfuzz's ratios\n"
"(float32, 0 to 100) of their key texts (None with no query text: the lexical score stands for\n"
"them), and the limit best hits (tuples of a Hit's fields) once no entry left out could beat the\n"
"best one, widening fourfold until then. arrays: (df, post_off, post_by_entry, post_by_len,\n"
"entry_norm_root, entry_head, entry_head2, entry_complement, entry_off, entry_terms, entry_lang,\n"
"idf, keyhash, text_blob, text_off, entry_row, entry_norm, term_chars or None); params:\n"
"(lex_weight, head_bonus, head_elsewhere, head_missing, complement_cost, partial_factor,\n"
"candidates, conjunction, holding_cap, intersect_max, rescored). With hit_type (a class whose\n"
"instances have a dict) and names (its fields' names, one more than a hit's fields, that one\n"
"False), the hits are its instances.");

static PyObject *
kernel_search(PyObject *self, PyObject *args)
{
    PyObject *arrays, *term_id, *concepts, *scales, *o_head_ids, *o_fr, *o_en, *params, *text, *fuzzy, *category;
    PyObject *hit_type = NULL, *hit_names = NULL;
    PyObject *texts = NULL, *ratios = NULL, *found = NULL, *result = NULL;
    PyObject *o[18];
    Py_ssize_t size, limit, n, kept, cap, conj_n, n_entries, n_terms;
    double unknown_idf, weight, lex_weight, partial_factor, n_a, sum_a;
    int head, complement;
    Buf ab[18], rb, pen;
    Gather g;
    Vec cand_vec = {NULL, 0, 0};
    Query q;
    ScoreIn in;
    ScoreOut out = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    int64_t *order = NULL, *inv = NULL;
    int32_t *ent = NULL, *q_ids = NULL;
    float *fz = NULL;
    Bound bd;
    static const char *names[18] = {"df", "post_off", "post_by_entry", "post_by_len", "entry_norm_root", "entry_head",
                                    "entry_head2", "entry_complement", "entry_off", "entry_terms", "entry_lang", "idf",
                                    "keyhash", "text_blob", "text_off", "entry_row", "entry_norm", "term_chars"};
    static const Py_ssize_t sizes[18] = {4, 8, 4, 4, 8, 4, 4, 1, 8, 4, 1, 4, 8, 1, 8, 4, 4, 8};
    static const char kinds[18] = {'i', 'i', 'i', 'i', 'f', 'i', 'i', 'u', 'i', 'i', 'u', 'f', 'u', 'u', 'i', 'i', 'f',
                                   'f'};
    memset(&q, 0, sizeof(q));
    memset(&g, 0, sizeof(g));
    for (int i = 0; i < 18; i++) {
        ab[i].held = 0;
    }
    rb.held = pen.held = 0;
    if (!PyArg_ParseTuple(args, "O!O!OOdiOOOiO!nOOO|O!O!:search", &PyTuple_Type, &arrays, &PyDict_Type, &term_id,
                          &concepts, &scales, &unknown_idf, &head, &o_head_ids, &o_fr, &o_en, &complement,
                          &PyTuple_Type, &params, &limit, &text, &fuzzy, &category, &PyType_Type, &hit_type,
                          &PyTuple_Type, &hit_names)) {
        return NULL;
    }
    if ((hit_type == NULL) != (hit_names == NULL)
        || (hit_type && !(((PyTypeObject *)hit_type)->tp_dictoffset != 0 && PyTuple_GET_SIZE(hit_names) > 0))) {
        PyErr_SetString(PyExc_TypeError, "search: hit_type (a class with a dict) and its names go together");
        return NULL;
    }
    if (!PyArg_ParseTuple(arrays, "OOOOOOOOOOOOOOOOOO:search arrays", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5],
                          &o[6], &o[7], &o[8], &o[9], &o[10], &o[11], &o[12], &o[13], &o[14], &o[15], &o[16], &o[17])
        || !PyArg_ParseTuple(params, "dddddd" "nnnnn:search params", &lex_weight, &g.pr.bonus, &g.pr.elsewhere,
                             &in.missing, &g.pr.cost, &partial_factor, &cap, &conj_n, &g.holding_cap,
                             &g.intersect_max, &size)) {
        return NULL;
    }
    if (size < 1 || limit < 0 || cap < 1 || conj_n < 1 || g.holding_cap < 1 || (text == Py_None) != (fuzzy == Py_None)) {
        PyErr_SetString(PyExc_ValueError, "search: bad sizes, or a query text without its scorer");
        return NULL;
    }
    for (int i = 0; i < 18; i++) {
        if ((i < 17 || o[i] != Py_None) && get_buf(o[i], &ab[i], sizes[i], kinds[i], 0, names[i]) < 0) {
            goto done;
        }
    }
    n_terms = COUNT(ab[0], int32_t);
    n_entries = COUNT(ab[4], double);
    if (COUNT(ab[1], int64_t) != n_terms + 1 || COUNT(ab[3], int32_t) != COUNT(ab[2], int32_t)
        || COUNT(ab[5], int32_t) != n_entries || COUNT(ab[6], int32_t) != n_entries
        || COUNT(ab[7], uint8_t) != n_entries || COUNT(ab[8], int64_t) != n_entries + 1
        || COUNT(ab[10], uint8_t) != n_entries || COUNT(ab[11], float) != n_terms
        || COUNT(ab[12], uint64_t) != n_entries || COUNT(ab[14], int64_t) != n_entries + 1
        || COUNT(ab[15], int32_t) != n_entries || COUNT(ab[16], float) != n_entries
        || DATA(ab[8], int64_t)[0] != 0 || DATA(ab[8], int64_t)[n_entries] != COUNT(ab[9], int32_t)) {
        PyErr_SetString(PyExc_ValueError, "search: the index arrays' lengths disagree");
        goto done;
    }
    /* the query's head words, its concepts and their weights */
    if (id_set(o_head_ids, &q.head_ids, &q.n_head_ids) < 0 || id_set(o_fr, &q.fr_ids, &q.n_fr) < 0
        || id_set(o_en, &q.en_ids, &q.n_en) < 0) {
        goto done;
    }
    q.n_heads = q.n_head_ids + q.n_fr + q.n_en;
    q.heads = (int32_t *)malloc(sizeof(int32_t) * (size_t)(q.n_heads ? q.n_heads : 1));
    if (!q.heads) {
        PyErr_NoMemory();
        goto done;
    }
    memcpy(q.heads, q.head_ids, sizeof(int32_t) * (size_t)q.n_head_ids);
    memcpy(q.heads + q.n_head_ids, q.fr_ids, sizeof(int32_t) * (size_t)q.n_fr);
    memcpy(q.heads + q.n_head_ids + q.n_fr, q.en_ids, sizeof(int32_t) * (size_t)q.n_en);
    if (query_read(&q, concepts, scales, unknown_idf, DATA(ab[11], float), n_terms, head, partial_factor) < 0) {
        goto done;
    }
    found = PyList_New(0);
    if (!found) {
        goto done;
    }
    if (q.n_known == 0) {
        result = found;
        found = NULL;
        goto done;
    }
    /* the candidates */
    g.df = DATA(ab[0], int32_t);
    g.post_off = DATA(ab[1], int64_t);
    g.by_entry = DATA(ab[2], int32_t);
    g.by_len = DATA(ab[3], int32_t);
    g.alt_ids = q.ids;
    g.alt_off = q.alt_off;
    g.alt_partial = q.partial;
    g.pr.root = DATA(ab[4], double);
    g.pr.head = DATA(ab[5], int32_t);
    g.pr.head2 = DATA(ab[6], int32_t);
    g.pr.complement = DATA(ab[7], uint8_t);
    g.pr.heads = q.heads;
    g.pr.n_heads = q.n_heads;
    g.pr.mass = pow(q.known_mass, 0.2);
    g.pr.asked = complement;
    g.pr.lex_weight = lex_weight;
    g.n_entries = n_entries;
    if (gather_check(&g, q.known_off, q.by_weight, q.n_known, q.n_alts, q.n_ids, n_terms, COUNT(ab[2], int32_t)) < 0
        || gather_candidates(&g, q.known_off, q.by_weight, q.n_known, q.n_alts, cap, conj_n, &cand_vec) < 0) {
        goto done;
    }
    n = cand_vec.n;
    if (n == 0) {
        result = found;
        found = NULL;
        goto done;
    }
    /* their scores */
    in.eo = DATA(ab[8], int64_t);
    in.et = DATA(ab[9], int32_t);
    in.ai = q.ids;
    in.ao = q.alt_off;
    in.asq = q.sq;
    in.amass = q.mass;
    in.acon = q.concept;
    in.acov = q.covers;
    in.root = DATA(ab[4], double);
    in.comp = DATA(ab[7], uint8_t);
    in.h1 = DATA(ab[5], int32_t);
    in.h2 = DATA(ab[6], int32_t);
    in.lang = DATA(ab[10], uint8_t);
    in.hid = q.head_ids;
    in.fr = q.fr_ids;
    in.en = q.en_ids;
    in.n_entries = n_entries;
    in.n_terms = COUNT(ab[9], int32_t);
    in.n_ids = q.n_ids;
    in.n_alts = q.n_alts;
    in.n_hid = q.n_head_ids;
    in.n_fr = q.n_fr;
    in.n_en = q.n_en;
    in.head = head;
    in.asked = complement;
    in.use_heads = q.n_heads > 0;
    in.q_sq = q.q_sq;
    in.lex_weight = lex_weight;
    in.bonus = g.pr.bonus;
    in.elsewhere = g.pr.elsewhere;
    in.cost = g.pr.cost;
    out.cands = (int32_t *)malloc(sizeof(int32_t) * (size_t)n);
    out.lex = (double *)malloc(sizeof(double) * (size_t)n);
    out.matched = (double *)malloc(sizeof(double) * (size_t)n);
    out.coverage = (double *)malloc(sizeof(double) * (size_t)n);
    out.pre = (double *)malloc(sizeof(double) * (size_t)n);
    out.head_covered = (uint8_t *)malloc((size_t)n);
    out.own = (uint8_t *)malloc((size_t)n);
    if (!out.cands || !out.lex || !out.matched || !out.coverage || !out.pre || !out.head_covered || !out.own) {
        PyErr_NoMemory();
        goto done;
    }
    kept = score_core(&in, cand_vec.d, n, &out);
    if (kept < 0) {
        goto done;
    }
    if (kept == 0) {
        result = found;
        found = NULL;
        goto done;
    }
    /* the bound on the entries left out reads the query's tokens and the entries' terms */
    if (query_tokens(text, term_id, &n_a, &sum_a, &q_ids, &bd.n_q) < 0) {
        goto done;
    }
    bd.keyhash = DATA(ab[12], uint64_t);
    bd.chars = ab[17].held ? DATA(ab[17], double) : NULL;
    bd.n_vocab = ab[17].held ? COUNT(ab[17], double) : 0;
    bd.q_ids = q_ids;
    bd.eo = DATA(ab[8], int64_t);
    bd.et = DATA(ab[9], int32_t);
    bd.n_a = n_a;
    bd.sum_a = sum_a;
    bd.n_entries = n_entries;
    bd.has_text = fuzzy != Py_None;
    weight = 1.0 - lex_weight;
    if (category != Py_None) {
        /* where the catalog's products of the name asked are seldom found costs: the caller
         * works it out for the kept candidates */
        PyObject *kept_cands = PyBytes_FromStringAndSize((const char *)out.cands, kept * (Py_ssize_t)sizeof(int32_t));
        PyObject *penalty = kept_cands ? PyObject_CallOneArg(category, kept_cands) : NULL;
        Py_XDECREF(kept_cands);
        if (!penalty) {
            goto done;
        }
        if (penalty != Py_None) {
            if (get_buf(penalty, &pen, 8, 'f', 0, "category penalty") < 0 || COUNT(pen, double) != kept) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_ValueError, "search: a category penalty per kept candidate expected");
                }
                Py_DECREF(penalty);
                goto done;
            }
            for (Py_ssize_t i = 0; i < kept; i++) {
                out.pre[i] = out.pre[i] - DATA(pen, double)[i];
            }
            release(&pen);
        }
        Py_DECREF(penalty);
    }

    {
        /* the texts and the hits read these */
        Buf blob = ab[13], toff = ab[14], rows = ab[15], norm = ab[16], comp = ab[7];
        /* rescore the best by prescore, widening until no entry left out could beat the best hit */
        order = (int64_t *)malloc(sizeof(int64_t) * (size_t)kept);
        inv = (int64_t *)malloc(sizeof(int64_t) * (size_t)kept);
        ent = (int32_t *)malloc(sizeof(int32_t) * (size_t)kept);
        fz = (float *)malloc(sizeof(float) * (size_t)kept);
        if (!order || !inv || !ent || !fz) {
            PyErr_NoMemory();
            goto done;
        }
        for (;;) {
            Py_ssize_t m = size < kept ? size : kept, n_keys;
            const float *fzk;
            float *own_ratios = NULL;
            HitsIn hin;
            if (m == kept) {
                for (Py_ssize_t i = 0; i < kept; i++) {
                    order[i] = i;
                }
            }
            else if (select_core(out.pre, kept, m, order) < 0) {
                goto done;
            }
            for (Py_ssize_t k = 0; k < m; k++) {
                ent[k] = out.cands[order[k]];
            }
            Py_CLEAR(texts);
            Py_CLEAR(ratios);
            if (bd.has_text) {
                /* once per key: names sold in many sizes and packs share theirs */
                texts = key_texts_core(bd.keyhash, bd.n_entries, DATA(blob, char), blob.view.len, DATA(toff, int64_t),
                                       ent, m, inv);
                if (!texts) {
                    goto done;
                }
                ratios = PyObject_CallOneArg(fuzzy, texts);
                if (!ratios || get_buf(ratios, &rb, 4, 'f', 0, "fuzzy ratios") < 0) {
                    goto done;
                }
                n_keys = COUNT(rb, float);
                if (n_keys != PyList_GET_SIZE(texts)) {
                    PyErr_SetString(PyExc_ValueError, "search: fuzzy gave a ratio per text expected");
                    goto done;
                }
                fzk = DATA(rb, float);
            }
            else { /* no text to compare: the lexical score stands for the ratio */
                own_ratios = (float *)malloc(sizeof(float) * (size_t)(m ? m : 1));
                if (!own_ratios) {
                    PyErr_NoMemory();
                    goto done;
                }
                for (Py_ssize_t k = 0; k < m; k++) {
                    own_ratios[k] = (float)(out.lex[order[k]] * 100);
                    inv[k] = k;
                }
                fzk = own_ratios;
                n_keys = m;
            }
            hin.top = order;
            hin.inv = inv;
            hin.c = out.cands;
            hin.rows = DATA(rows, int32_t);
            hin.pre = out.pre;
            hin.lex = out.lex;
            hin.mat = out.matched;
            hin.cov = out.coverage;
            hin.hc = out.head_covered;
            hin.own = out.own;
            hin.comp = DATA(comp, uint8_t);
            hin.fzk = fzk;
            hin.norm = DATA(norm, float);
            hin.m = m;
            hin.n = kept;
            hin.n_keys = n_keys;
            hin.n_entries = bd.n_entries;
            Py_CLEAR(found);
            found = hits_core(&hin, limit, weight, fz);
            free(own_ratios);
            release(&rb);
            if (!found) {
                goto done;
            }
            if (m == kept) {
                break;
            }
            if (PyList_GET_SIZE(found)) {
                double target = PyFloat_AsDouble(PyTuple_GET_ITEM(PyList_GET_ITEM(found, 0), 1));
                double bound = rest_bound(&bd, out.cands, out.pre, order, m, fz, order + m, kept - m, target, weight);
                if (target >= bound - 1e-9) {
                    break;
                }
            }
            size = size > PY_SSIZE_T_MAX / 4 ? PY_SSIZE_T_MAX : size * 4;
        }
    }
    if (hit_type && hits_as(found, hit_type, hit_names) < 0) {
        goto done;
    }
    result = found;
    found = NULL;
done:
    Py_XDECREF(texts);
    Py_XDECREF(ratios);
    Py_XDECREF(found);
    free(out.cands);
    free(out.lex);
    free(out.matched);
    free(out.coverage);
    free(out.pre);
    free(out.head_covered);
    free(out.own);
    free(order);
    free(inv);
    free(ent);
    free(fz);
    free(q_ids);
    vec_free(&cand_vec);
    query_free(&q);
    for (int i = 0; i < 18; i++) {
        release(&ab[i]);
    }
    release(&rb);
    release(&pen);
    return result;
}
