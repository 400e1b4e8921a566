/* Rescoring: the entries chosen by prescore, their key texts for rapidfuzz, the hits. */

#include "common.h"

/* --- key_texts ------------------------------------------------------------------------------- */

PyDoc_STRVAR(key_texts_doc,
"key_texts(keyhash, text_blob, text_off, cands, inverse) -> list[str]\n\n"
"The key text of each distinct key hash among the entries cands (first seen first), and in\n"
"inverse (int64) the position of each entry's text in that list. keyhash uint64 per entry,\n"
"text_blob uint8 (UTF-8), text_off int64.");

/* the key texts of the n entries c (see key_texts_doc), inverse into o; NULL with an exception */
static PyObject *
key_texts_core(const uint64_t *h, Py_ssize_t n_entries, const char *b, Py_ssize_t blob_len, const int64_t *to,
               const int32_t *c, Py_ssize_t n, int64_t *o)
{
    PyObject *texts = NULL, *result = NULL;
    uint64_t *keys = NULL;
    int64_t *slot_of = NULL;
    uint64_t size = 16, mask;
    while (size < 2 * (uint64_t)n) {
        size <<= 1;
    }
    mask = size - 1;
    keys = (uint64_t *)malloc(sizeof(uint64_t) * size);
    slot_of = (int64_t *)malloc(sizeof(int64_t) * size);
    texts = PyList_New(0);
    if (!keys || !slot_of || !texts) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        goto done;
    }
    memset(slot_of, 0xff, sizeof(int64_t) * size); /* -1: empty */
    for (Py_ssize_t i = 0; i < n; i++) {
        int32_t e = c[i];
        uint64_t key, at;
        if (i + PREFETCH_FAR < n && c[i + PREFETCH_FAR] >= 0 && c[i + PREFETCH_FAR] < n_entries) {
            PREFETCH(h + c[i + PREFETCH_FAR]);
            PREFETCH(to + c[i + PREFETCH_FAR]);
        }
        if (i + PREFETCH_NEAR < n && c[i + PREFETCH_NEAR] >= 0 && c[i + PREFETCH_NEAR] < n_entries
            && to[c[i + PREFETCH_NEAR]] >= 0 && to[c[i + PREFETCH_NEAR]] < blob_len) {
            PREFETCH(b + to[c[i + PREFETCH_NEAR]]);
        }
        if (e < 0 || e >= n_entries || to[e] < 0 || to[e] > to[e + 1] || to[e + 1] > blob_len) {
            PyErr_Format(PyExc_IndexError, "key_texts: entry %d out of range", e);
            goto done;
        }
        key = h[e];
        at = (key ^ (key >> 29)) * 0xbf58476d1ce4e5b9ULL;
        at = (at ^ (at >> 32)) & mask;
        while (slot_of[at] != -1 && keys[at] != key) {
            at = (at + 1) & mask;
        }
        if (slot_of[at] == -1) {
            PyObject *text = PyUnicode_DecodeUTF8(b + to[e], (Py_ssize_t)(to[e + 1] - to[e]), "strict");
            if (!text) {
                goto done;
            }
            if (PyList_Append(texts, text) < 0) {
                Py_DECREF(text);
                goto done;
            }
            Py_DECREF(text);
            keys[at] = key;
            slot_of[at] = PyList_GET_SIZE(texts) - 1;
        }
        o[i] = slot_of[at];
    }
    result = texts;
    texts = NULL;
done:
    Py_XDECREF(texts);
    free(keys);
    free(slot_of);
    return result;
}

static PyObject *
kernel_key_texts(PyObject *self, PyObject *args)
{
    PyObject *o_hash, *o_blob, *o_off, *o_cands, *o_inv;
    Buf hash, blob, off, cands, inv;
    PyObject *result = NULL;
    hash.held = blob.held = off.held = cands.held = inv.held = 0;
    if (!PyArg_ParseTuple(args, "OOOOO:key_texts", &o_hash, &o_blob, &o_off, &o_cands, &o_inv)) {
        return NULL;
    }
    if (get_buf(o_hash, &hash, 8, 'u', 0, "keyhash") < 0 || get_buf(o_blob, &blob, 1, 'u', 0, "text_blob") < 0
        || get_buf(o_off, &off, 8, 'i', 0, "text_off") < 0 || get_buf(o_cands, &cands, 4, 'i', 0, "cands") < 0
        || get_buf(o_inv, &inv, 8, 'i', 1, "inverse") < 0) {
        goto done;
    }
    if (COUNT(inv, int64_t) != COUNT(cands, int32_t)) {
        PyErr_SetString(PyExc_ValueError, "key_texts: inverse and cands differ in length");
        goto done;
    }
    if (COUNT(off, int64_t) != COUNT(hash, uint64_t) + 1) {
        PyErr_SetString(PyExc_ValueError, "key_texts: text_off and keyhash differ in length");
        goto done;
    }
    result = key_texts_core(DATA(hash, uint64_t), COUNT(hash, uint64_t), DATA(blob, char), blob.view.len,
                            DATA(off, int64_t), DATA(cands, int32_t), COUNT(cands, int32_t), DATA(inv, int64_t));
done:
    release(&hash);
    release(&blob);
    release(&off);
    release(&cands);
    release(&inv);
    return result;
}

/* --- ranking entries ---------------------------------------------------------------------------- */

typedef struct {
    double score;
    int32_t row;
    int32_t at;
} Ranked;

static int
ranked_cmp(const void *pa, const void *pb)
{
    const Ranked *a = (const Ranked *)pa, *b = (const Ranked *)pb;
    if (a->score != b->score) {
        return a->score > b->score ? -1 : 1;
    }
    if (a->row != b->row) {
        return a->row < b->row ? -1 : 1;
    }
    return (a->at > b->at) - (a->at < b->at);
}

/* --- select, hits --------------------------------------------------------------------------- */

PyDoc_STRVAR(select_doc,
"select(pre, size, out)\n\n"
"out (int64, len(pre)) becomes the positions of pre (float64), the size highest first (ties to\n"
"the lower position), in increasing order, then the others, in increasing order.");

/* o (n long) becomes the positions of v, the size highest first (ties to the lower position), in
 * increasing order, then the others, in increasing order; -1 with an exception */
static int
select_core(const double *v, Py_ssize_t n, Py_ssize_t size, int64_t *o)
{
    Scored *s = NULL;
    uint8_t *flags = NULL;
    Py_ssize_t at = 0, rest;
    int status = -1;
    if (size > n) {
        size = n;
    }
    s = (Scored *)malloc(sizeof(Scored) * (size_t)(n ? n : 1));
    flags = (uint8_t *)calloc((size_t)(n ? n : 1), 1); /* a flag per chosen position */
    if (!s || !flags) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        s[i].v = v[i];
        s[i].w = 0.0;
        s[i].e = (int32_t)i;
    }
    if (size > 0 && size < n) {
        select_best(s, n, size);
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        flags[s[i].e] = 1;
    }
    rest = size;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (flags[i]) {
            o[at++] = i;
        }
        else {
            o[rest++] = i;
        }
    }
    status = 0;
done:
    free(s);
    free(flags);
    return status;
}

static PyObject *
kernel_select(PyObject *self, PyObject *args)
{
    PyObject *o_pre, *o_out;
    Py_ssize_t size;
    Buf pre, out;
    PyObject *result = NULL;
    pre.held = out.held = 0;
    if (!PyArg_ParseTuple(args, "OnO:select", &o_pre, &size, &o_out)) {
        return NULL;
    }
    if (get_buf(o_pre, &pre, 8, 'f', 0, "pre") < 0 || get_buf(o_out, &out, 8, 'i', 1, "out") < 0) {
        goto done;
    }
    if (COUNT(out, int64_t) != COUNT(pre, double) || size < 0 || COUNT(pre, double) > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "select: out is not as long as pre, or a bad size");
        goto done;
    }
    if (select_core(DATA(pre, double), COUNT(pre, double), size, DATA(out, int64_t)) == 0) {
        result = Py_None;
        Py_INCREF(result);
    }
done:
    release(&pre);
    release(&out);
    return result;
}

PyDoc_STRVAR(hits_doc,
"hits(top, cands, pre, lex, head_covered, own, matched, coverage, fz_keys, inverse, entry_row,\n"
"     entry_norm, entry_complement, limit, weight) -> (list[tuple], bytearray)\n\n"
"The rescored entries cands[top]: fuzzy part f = fz_keys[inverse] / 100 (float32), score =\n"
"pre + weight x f (the product in float32, as numpy's); the best entry of each product (row),\n"
"the limit best products, as tuples of the fields of index.py's Hit; and f per entry, float32.");

/* the rescored entries (see hits_doc) */
typedef struct {
    const int64_t *top, *inv;
    const int32_t *c, *rows;
    const double *pre, *lex, *mat, *cov;
    const uint8_t *hc, *own, *comp;
    const float *fzk, *norm;
    Py_ssize_t m, n, n_keys, n_entries;
} HitsIn;

/* the hits, as a list of tuples, and each rescored entry's fuzzy part in f (m long); NULL with
 * an exception */
static PyObject *
hits_core(const HitsIn *in, Py_ssize_t limit, double weight, float *f)
{
    const int64_t *top = in->top, *inv = in->inv;
    const int32_t *c = in->c, *rows = in->rows;
    const Py_ssize_t m = in->m;
    const float wf = (float)weight;
    PyObject *found = NULL, *result = NULL;
    Ranked *ranked = NULL;
    IdMap seen = {NULL, NULL, 0};
    found = PyList_New(0);
    ranked = (Ranked *)malloc(sizeof(Ranked) * (size_t)(m ? m : 1));
    if (!found || !ranked || idmap_init(&seen, m) < 0) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        goto done;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        int64_t p = top[k];
        int32_t e;
        float prod;
        if (p < 0 || p >= in->n || inv[k] < 0 || inv[k] >= in->n_keys || c[p] < 0 || c[p] >= in->n_entries
            || rows[c[p]] < 0) {
            PyErr_SetString(PyExc_IndexError, "hits: a position, key or entry out of range");
            goto done;
        }
        e = c[p];
        f[k] = in->fzk[inv[k]] / 100.0f;
        prod = wf * f[k];
        ranked[k].score = in->pre[p] + (double)prod;
        ranked[k].row = rows[e];
        ranked[k].at = (int32_t)k;
    }
    qsort(ranked, (size_t)m, sizeof(Ranked), ranked_cmp);
    for (Py_ssize_t i = 0; i < m && PyList_GET_SIZE(found) < limit; i++) {
        int64_t k = ranked[i].at, p = top[k];
        int32_t e = c[p];
        float nf = in->norm[e], n2 = nf * nf;
        double explained = in->mat[p] / (double)n2;
        PyObject *fields;
        if (idmap_put(&seen, ranked[i].row, ranked[i].at) != ranked[i].at) {
            continue; /* a product seen before keeps its best entry */
        }
        fields = Py_BuildValue("(ididdOOddO)", (int)ranked[i].row, ranked[i].score, (int)e, in->lex[p], (double)f[k],
                               in->hc[p] ? Py_True : Py_False, in->own[p] ? Py_True : Py_False,
                               explained < 1.0 ? explained : 1.0, in->cov[p], in->comp[e] ? Py_True : Py_False);
        if (!fields || PyList_Append(found, fields) < 0) {
            Py_XDECREF(fields);
            goto done;
        }
        Py_DECREF(fields);
    }
    result = found;
    found = NULL;
done:
    Py_XDECREF(found);
    free(ranked);
    idmap_free(&seen);
    return result;
}

static PyObject *
kernel_hits(PyObject *self, PyObject *args)
{
    PyObject *o[13], *found = NULL, *fz_out = NULL;
    Py_ssize_t limit;
    double weight;
    Buf b[13];
    HitsIn in;
    PyObject *result = NULL;
    static const char *names[13] = {"top", "cands", "pre", "lex", "head_covered", "own", "matched", "coverage",
                                    "fz_keys", "inverse", "entry_row", "entry_norm", "entry_complement"};
    static const Py_ssize_t sizes[13] = {8, 4, 8, 8, 1, 1, 8, 8, 4, 8, 4, 4, 1};
    static const char kinds[13] = {'i', 'i', 'f', 'f', 'b', 'b', 'f', 'f', 'f', 'i', 'i', 'f', 'u'};
    for (int i = 0; i < 13; i++) {
        b[i].held = 0;
    }
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOOOnd:hits", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6], &o[7],
                          &o[8], &o[9], &o[10], &o[11], &o[12], &limit, &weight)) {
        return NULL;
    }
    for (int i = 0; i < 13; i++) {
        if (get_buf(o[i], &b[i], sizes[i], kinds[i], 0, names[i]) < 0) {
            goto done;
        }
    }
    in.top = DATA(b[0], int64_t);
    in.c = DATA(b[1], int32_t);
    in.pre = DATA(b[2], double);
    in.lex = DATA(b[3], double);
    in.hc = DATA(b[4], uint8_t);
    in.own = DATA(b[5], uint8_t);
    in.mat = DATA(b[6], double);
    in.cov = DATA(b[7], double);
    in.fzk = DATA(b[8], float);
    in.inv = DATA(b[9], int64_t);
    in.rows = DATA(b[10], int32_t);
    in.norm = DATA(b[11], float);
    in.comp = DATA(b[12], uint8_t);
    in.m = COUNT(b[0], int64_t);
    in.n = COUNT(b[1], int32_t);
    in.n_keys = COUNT(b[8], float);
    in.n_entries = COUNT(b[10], int32_t);
    if (COUNT(b[2], double) != in.n || COUNT(b[3], double) != in.n || b[4].view.len != in.n
        || b[5].view.len != in.n || COUNT(b[6], double) != in.n || COUNT(b[7], double) != in.n
        || COUNT(b[9], int64_t) != in.m || COUNT(b[11], float) != in.n_entries
        || COUNT(b[12], uint8_t) != in.n_entries) {
        PyErr_SetString(PyExc_ValueError, "hits: the arrays' lengths disagree");
        goto done;
    }
    fz_out = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(in.m * (Py_ssize_t)sizeof(float)));
    if (!fz_out) {
        goto done;
    }
    found = hits_core(&in, limit, weight, (float *)PyByteArray_AS_STRING(fz_out));
    if (found) {
        result = Py_BuildValue("(OO)", found, fz_out);
    }
done:
    Py_XDECREF(found);
    Py_XDECREF(fz_out);
    for (int i = 0; i < 13; i++) {
        release(&b[i]);
    }
    return result;
}
