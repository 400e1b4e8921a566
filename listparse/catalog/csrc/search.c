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

/* the best score an entry left out of rescoring (positions rest[0..n_rest-1]) may reach: its
 * fuzzy part is at most 1, or the one found for a rescored entry of the same key (fz of the
 * rescored top[0..m-1]), or what the lengths of its words allow; the cheap bound alone when it
 * is no more than target */
static double
rest_bound(const Bound *bd, const int32_t *cands, const double *pre, const int64_t *top, Py_ssize_t m,
           const float *fz, const int64_t *rest, Py_ssize_t n_rest, double target, double weight)
{
    const float wf = (float)weight;
    double best = -INFINITY;
    for (Py_ssize_t r = 0; r < n_rest; r++) {
        double v = pre[rest[r]] + weight;
        best = v > best ? v : best;
    }
    if (best <= target + 1e-9) {
        return best;
    }
    best = -INFINITY;
    for (Py_ssize_t r = 0; r < n_rest; r++) {
        int32_t e = cands[rest[r]];
        double v = pre[rest[r]] + weight;
        uint64_t key = bd->keyhash[e];
        for (Py_ssize_t k = 0; k < m; k++) { /* a rescored entry of the same key */
            if (bd->keyhash[cands[top[k]]] == key) {
                v = pre[rest[r]] + (double)(wf * fz[k]);
                break;
            }
        }
        if (bd->has_text && v > target + 1e-9) {
            /* float32 scores may round up past the exact ratio: a margin keeps the bound safe */
            double by_words = pre[rest[r]] + weight * (fuzzy_bound(bd, e) + 1e-5);
            v = by_words < v ? by_words : v;
        }
        best = v > best ? v : best;
    }
    return best;
}

PyDoc_STRVAR(search_doc,
"search(candidates_args, score_args, rescore_args, bound_args, size, limit, weight, fuzzy, category)\n"
"    -> list[tuple]\n\n"
"index.py's CatalogIndex.search on the compiled kernels, in one call: candidates(*candidates_args);\n"
"score(*score_args) of them (score_args as score's first 26 arguments, the candidates' place\n"
"unused); less category(cands) (int32 bytes -> float64 array) from the prescores when category is\n"
"not None; then the size best by prescore rescored, fuzzy(texts) giving rapidfuzz's ratios\n"
"(float32, 0 to 100) of their key texts (None: the lexical score stands for them), and the limit\n"
"best hits (tuples of a Hit's fields) returned once no entry left out could beat the best one,\n"
"size growing fourfold until then. rescore_args: (keyhash, text_blob, text_off, entry_row,\n"
"entry_norm, entry_complement); bound_args: (term_chars float64 or None, query term ids int32\n"
"sorted, distinct query tokens, their letters, entry_off, entry_terms); weight: the fuzzy part's.");

static PyObject *
kernel_search(PyObject *self, PyObject *args)
{
    PyObject *cand_args, *score_args, *rescore_args, *bound_args, *fuzzy, *category;
    PyObject *o_cands = NULL, *texts = NULL, *ratios = NULL, *found = NULL, *result = NULL;
    PyObject *o_keyhash, *o_blob, *o_toff, *o_rows, *o_norm, *o_comp, *o_chars, *o_qids, *o_eo, *o_et;
    Py_ssize_t size, limit, n, kept;
    double weight, n_a, sum_a;
    Buf sb[26], keyhash, blob, toff, rows, norm, comp, chars, qids, eo, et, rb, pen;
    ScoreIn in;
    ScoreOut out = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    int64_t *order = NULL, *inv = NULL;
    int32_t *ent = NULL;
    float *fz = NULL;
    Bound bd;
    for (int i = 0; i < 26; i++) {
        sb[i].held = 0;
    }
    keyhash.held = blob.held = toff.held = rows.held = norm.held = comp.held = 0;
    chars.held = qids.held = eo.held = et.held = rb.held = pen.held = 0;
    if (!PyArg_ParseTuple(args, "O!O!O!O!nndOO:search", &PyTuple_Type, &cand_args, &PyTuple_Type, &score_args,
                          &PyTuple_Type, &rescore_args, &PyTuple_Type, &bound_args, &size, &limit, &weight, &fuzzy,
                          &category)) {
        return NULL;
    }
    if (!PyArg_ParseTuple(rescore_args, "OOOOOO:search rescore_args", &o_keyhash, &o_blob, &o_toff, &o_rows,
                          &o_norm, &o_comp)
        || !PyArg_ParseTuple(bound_args, "OOddOO:search bound_args", &o_chars, &o_qids, &n_a, &sum_a, &o_eo, &o_et)) {
        return NULL;
    }
    if (size < 1 || limit < 0) {
        PyErr_SetString(PyExc_ValueError, "search: size must be at least 1, limit at least 0");
        return NULL;
    }
    if (get_buf(o_keyhash, &keyhash, 8, 'u', 0, "keyhash") < 0 || get_buf(o_blob, &blob, 1, 'u', 0, "text_blob") < 0
        || get_buf(o_toff, &toff, 8, 'i', 0, "text_off") < 0 || get_buf(o_rows, &rows, 4, 'i', 0, "entry_row") < 0
        || get_buf(o_norm, &norm, 4, 'f', 0, "entry_norm") < 0
        || get_buf(o_comp, &comp, 1, 'u', 0, "entry_complement") < 0
        || (o_chars != Py_None && get_buf(o_chars, &chars, 8, 'f', 0, "term_chars") < 0)
        || get_buf(o_qids, &qids, 4, 'i', 0, "query_ids") < 0 || get_buf(o_eo, &eo, 8, 'i', 0, "entry_off") < 0
        || get_buf(o_et, &et, 4, 'i', 0, "entry_terms") < 0 || score_inputs(score_args, sb, &in) < 0) {
        goto done;
    }
    bd.n_entries = COUNT(keyhash, uint64_t);
    if (COUNT(toff, int64_t) != bd.n_entries + 1 || COUNT(rows, int32_t) != bd.n_entries
        || COUNT(norm, float) != bd.n_entries || COUNT(comp, uint8_t) != bd.n_entries
        || COUNT(eo, int64_t) != bd.n_entries + 1 || in.n_entries != bd.n_entries) {
        PyErr_SetString(PyExc_ValueError, "search: the entry arrays' lengths disagree");
        goto done;
    }
    bd.keyhash = DATA(keyhash, uint64_t);
    bd.chars = chars.held ? DATA(chars, double) : NULL;
    bd.q_ids = DATA(qids, int32_t);
    bd.n_q = COUNT(qids, int32_t);
    bd.eo = DATA(eo, int64_t);
    bd.et = DATA(et, int32_t);
    bd.n_a = n_a;
    bd.sum_a = sum_a;
    bd.has_text = fuzzy != Py_None;
    /* the bound reads each entry's terms and their lengths: all in range */
    {
        Py_ssize_t n_terms = COUNT(et, int32_t), n_vocab = bd.chars ? COUNT(chars, double) : 0;
        if (bd.eo[0] != 0 || bd.eo[bd.n_entries] != n_terms) {
            PyErr_SetString(PyExc_ValueError, "search: entry_off does not cover entry_terms");
            goto done;
        }
        for (Py_ssize_t j = 0; j < bd.n_q; j++) {
            if (bd.q_ids[j] < 0 || (bd.chars && bd.q_ids[j] >= n_vocab)) {
                PyErr_SetString(PyExc_IndexError, "search: a query term out of range");
                goto done;
            }
        }
        bd.n_vocab = n_vocab;
    }

    /* the candidates, and their scores */
    o_cands = kernel_candidates(NULL, cand_args);
    if (!o_cands) {
        goto done;
    }
    n = PyByteArray_GET_SIZE(o_cands) / (Py_ssize_t)sizeof(int32_t);
    found = PyList_New(0);
    if (!found) {
        goto done;
    }
    if (n == 0) {
        result = found;
        found = NULL;
        goto done;
    }
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
    kept = score_core(&in, (const int32_t *)PyByteArray_AS_STRING(o_cands), n, &out);
    if (kept < 0) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < kept; i++) {
        if (out.cands[i] < 0 || out.cands[i] >= bd.n_entries || bd.eo[out.cands[i]] > bd.eo[out.cands[i] + 1]
            || bd.eo[out.cands[i]] < 0) {
            PyErr_Format(PyExc_IndexError, "search: entry %d out of range", out.cands[i]);
            goto done;
        }
    }
    if (kept == 0) {
        result = found;
        found = NULL;
        goto done;
    }
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
    result = found;
    found = NULL;
done:
    Py_XDECREF(o_cands);
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
    for (int i = 0; i < 26; i++) {
        release(&sb[i]);
    }
    release(&keyhash);
    release(&blob);
    release(&toff);
    release(&rows);
    release(&norm);
    release(&comp);
    release(&chars);
    release(&qids);
    release(&eo);
    release(&et);
    release(&rb);
    release(&pen);
    return result;
}
