/* Compiled kernels of the catalog index search.
 *
 * Each function does in one call what listparse/catalog/kernels.py does with several numpy
 * calls; that module holds the reference implementation of each (same arguments, same
 * results) and chooses between the two. Arrays come in through the buffer protocol, as
 * C-contiguous buffers whose element types the Python side checks (int32 entries and term ids,
 * int64 offsets, uint64 hashes, float32 norms, uint8 levels, float64 scores); results go to
 * caller-allocated output buffers or come back as Python objects.
 *
 * Built at install time by hatch_build.py; without a C compiler the package runs on numpy.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- memory --------------------------------------------------------------------------------- */

/* candidates are entries all over the arrays: a loop asks for the memory of the candidate
 * PREFETCH_FAR places ahead, and for its terms (found through its offset, by then at hand)
 * PREFETCH_NEAR places ahead */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((const void *)(p), 0, 1)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define PREFETCH_FAR 16
#define PREFETCH_NEAR 8

/* --- buffers --------------------------------------------------------------------------------- */

typedef struct {
    Py_buffer view;
    int held;
} Buf;

/* the kind of a buffer's items from its struct format: 'i' signed, 'u' unsigned, 'f' float,
 * 'b' a byte or bool; 0 for anything else */
static char
format_kind(const char *format)
{
    if (format == NULL) {
        return 'u'; /* plain bytes */
    }
    while (*format == '<' || *format == '=' || *format == '@' || *format == '|') {
        format++;
    }
    if (format[0] == '\0' || format[1] != '\0') {
        return 0;
    }
    switch (format[0]) {
    case 'b': case 'h': case 'i': case 'l': case 'q': case 'n':
        return 'i';
    case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N':
        return 'u';
    case 'f': case 'd':
        return 'f';
    case '?':
        return 'b';
    default:
        return 0;
    }
}

/* a C-contiguous buffer of itemsize-byte items of the given kind ('b': any one-byte item) */
static int
get_buf(PyObject *obj, Buf *buf, Py_ssize_t itemsize, char kind, int writable, const char *what)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    char found;
    buf->held = 0;
    if (PyObject_GetBuffer(obj, &buf->view, flags) < 0) {
        return -1;
    }
    buf->held = 1;
    found = format_kind(buf->view.format);
    if (buf->view.itemsize != itemsize || !(found == kind || (kind == 'b' && found != 0 && itemsize == 1))) {
        PyErr_Format(PyExc_ValueError, "%s: expected an array of %zd-byte %s items, not format '%s'", what,
                     itemsize, kind == 'i' ? "signed" : kind == 'u' ? "unsigned" : kind == 'f' ? "float" : "byte",
                     buf->view.format ? buf->view.format : "B");
        return -1;
    }
    return 0;
}

static void
release(Buf *buf)
{
    if (buf->held) {
        PyBuffer_Release(&buf->view);
        buf->held = 0;
    }
}

#define COUNT(b_, type) ((Py_ssize_t)((b_).view.len / (Py_ssize_t)sizeof(type)))
#define DATA(b_, type) ((type *)(b_).view.buf)

/* --- a small set of int32 keys, open addressing ---------------------------------------------- */

typedef struct {
    int32_t *keys;
    int32_t *values;
    uint32_t mask;
} IdMap;

static int
idmap_init(IdMap *map, Py_ssize_t n)
{
    uint32_t size = 16;
    while (size < 2 * (uint64_t)n) {
        size <<= 1;
    }
    map->keys = (int32_t *)malloc(sizeof(int32_t) * size);
    map->values = (int32_t *)malloc(sizeof(int32_t) * size);
    if (!map->keys || !map->values) {
        free(map->keys);
        free(map->values);
        PyErr_NoMemory();
        return -1;
    }
    memset(map->keys, 0xff, sizeof(int32_t) * size); /* -1: empty */
    map->mask = size - 1;
    return 0;
}

static inline uint32_t
mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

/* the value of key, or -1 */
static inline int32_t
idmap_get(const IdMap *map, int32_t key)
{
    uint32_t at = mix32((uint32_t)key) & map->mask;
    while (map->keys[at] != -1) {
        if (map->keys[at] == key) {
            return map->values[at];
        }
        at = (at + 1) & map->mask;
    }
    return -1;
}

/* sets key to value unless present; returns the value held */
static inline int32_t
idmap_put(IdMap *map, int32_t key, int32_t value)
{
    uint32_t at = mix32((uint32_t)key) & map->mask;
    while (map->keys[at] != -1) {
        if (map->keys[at] == key) {
            return map->values[at];
        }
        at = (at + 1) & map->mask;
    }
    map->keys[at] = key;
    map->values[at] = value;
    return value;
}

static void
idmap_free(IdMap *map)
{
    free(map->keys);
    free(map->values);
}

/* --- contains -------------------------------------------------------------------------------- */

PyDoc_STRVAR(contains_doc,
"contains(post, cands, out)\n\n"
"out[i] = cands[i] is in post; both int32, sorted ascending; out bool.");

static PyObject *
kernel_contains(PyObject *self, PyObject *args)
{
    PyObject *o_post, *o_cands, *o_out;
    Buf post, cands, out;
    post.held = cands.held = out.held = 0;
    if (!PyArg_ParseTuple(args, "OOO:contains", &o_post, &o_cands, &o_out)) {
        return NULL;
    }
    if (get_buf(o_post, &post, 4, 'i', 0, "post") < 0 || get_buf(o_cands, &cands, 4, 'i', 0, "cands") < 0
        || get_buf(o_out, &out, 1, 'b', 1, "out") < 0) {
        goto fail;
    }
    {
        const int32_t *p = DATA(post, int32_t), *c = DATA(cands, int32_t);
        uint8_t *o = DATA(out, uint8_t);
        Py_ssize_t m = COUNT(post, int32_t), n = COUNT(cands, int32_t), j = 0;
        if (out.view.len != n) {
            PyErr_SetString(PyExc_ValueError, "contains: out and cands differ in length");
            goto fail;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            int32_t x = c[i];
            /* gallop: from j, double the step until p[hi] >= x, then bisect */
            Py_ssize_t lo = j, step = 1, hi = j;
            while (hi < m && p[hi] < x) {
                lo = hi + 1;
                hi += step;
                step <<= 1;
            }
            if (hi > m) {
                hi = m;
            }
            while (lo < hi) {
                Py_ssize_t mid = lo + (hi - lo) / 2;
                if (p[mid] < x) {
                    lo = mid + 1;
                }
                else {
                    hi = mid;
                }
            }
            j = lo;
            o[i] = (uint8_t)(j < m && p[j] == x);
        }
    }
    release(&post);
    release(&cands);
    release(&out);
    Py_RETURN_NONE;
fail:
    release(&post);
    release(&cands);
    release(&out);
    return NULL;
}

/* --- union ----------------------------------------------------------------------------------- */

/* sorts non-negative int32 values in place: least significant digit radix, 11 bits a pass */
static int
radix_sort(int32_t *a, Py_ssize_t n)
{
    int32_t *tmp;
    uint32_t top = 0;
    if (n < 2) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        top |= (uint32_t)a[i];
    }
    tmp = (int32_t *)malloc(sizeof(int32_t) * (size_t)n);
    if (!tmp) {
        PyErr_NoMemory();
        return -1;
    }
    for (int shift = 0; shift < 32 && (top >> shift); shift += 11) {
        Py_ssize_t count[2049];
        memset(count, 0, sizeof(count));
        for (Py_ssize_t i = 0; i < n; i++) {
            count[(((uint32_t)a[i] >> shift) & 2047) + 1]++;
        }
        for (int d = 0; d < 2048; d++) {
            count[d + 1] += count[d];
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            tmp[count[((uint32_t)a[i] >> shift) & 2047]++] = a[i];
        }
        memcpy(a, tmp, sizeof(int32_t) * (size_t)n);
    }
    free(tmp);
    return 0;
}

PyDoc_STRVAR(union_doc,
"union(parts) -> bytearray\n\n"
"The sorted union of a sequence of int32 arrays of non-negative entries, as int32 bytes.");

static PyObject *
kernel_union(PyObject *self, PyObject *args)
{
    PyObject *o_parts, *seq = NULL, *result = NULL;
    Py_ssize_t n_parts, total = 0, kept = 0;
    int32_t *all = NULL;
    if (!PyArg_ParseTuple(args, "O:union", &o_parts)) {
        return NULL;
    }
    seq = PySequence_Fast(o_parts, "union: parts must be a sequence");
    if (!seq) {
        return NULL;
    }
    n_parts = PySequence_Fast_GET_SIZE(seq);
    result = PyByteArray_FromStringAndSize(NULL, 0);
    if (!result) {
        goto fail;
    }
    for (int pass = 0; pass < 2; pass++) {
        Py_ssize_t at = 0;
        for (Py_ssize_t k = 0; k < n_parts; k++) {
            Buf part;
            if (get_buf(PySequence_Fast_GET_ITEM(seq, k), &part, 4, 'i', 0, "part") < 0) {
                release(&part);
                goto fail;
            }
            if (pass == 0) {
                total += COUNT(part, int32_t);
            }
            else {
                const int32_t *p = DATA(part, int32_t);
                for (Py_ssize_t i = 0; i < COUNT(part, int32_t); i++) {
                    if (p[i] < 0) {
                        release(&part);
                        PyErr_SetString(PyExc_ValueError, "union: a negative entry");
                        goto fail;
                    }
                    all[at++] = p[i];
                }
            }
            release(&part);
        }
        if (pass == 0) {
            if (PyByteArray_Resize(result, total * 4) < 0) {
                goto fail;
            }
            all = (int32_t *)PyByteArray_AS_STRING(result);
        }
    }
    if (radix_sort(all, total) < 0) {
        goto fail;
    }
    for (Py_ssize_t i = 0; i < total; i++) {
        if (kept == 0 || all[i] != all[kept - 1]) {
            all[kept++] = all[i];
        }
    }
    if (PyByteArray_Resize(result, kept * 4) < 0) {
        goto fail;
    }
    Py_DECREF(seq);
    return result;
fail:
    Py_XDECREF(seq);
    Py_XDECREF(result);
    return NULL;
}

/* --- promise --------------------------------------------------------------------------------- */

typedef struct {
    const double *root; /* each entry's norm^-0.4 */
    const int32_t *head, *head2;
    const uint8_t *complement;
    const int32_t *heads;
    Py_ssize_t n_heads;
    double mass, lex_weight, bonus, elsewhere, cost;
    int asked;
} Promise;

/* lex_weight x min(mass / norm^2, 1)^0.2 (as min(mass^0.2 x norm^-0.4, 1): one power a query, not
 * one an entry), the head word's bonus or cost, the complement's cost; pr->mass holds mass^0.2 */
static inline double
promise_of(const Promise *pr, int32_t x)
{
    double v = pr->mass * pr->root[x];
    v = pr->lex_weight * (v < 1.0 ? v : 1.0);
    if (pr->n_heads) {
        int own = 0;
        for (Py_ssize_t j = 0; j < pr->n_heads && !own; j++) {
            own = pr->head[x] == pr->heads[j] || pr->head2[x] == pr->heads[j];
        }
        v += own ? pr->bonus : -pr->elsewhere;
    }
    if (pr->asked < 2 && (int)pr->complement[x] > pr->asked) {
        v -= pr->cost * (double)((int)pr->complement[x] - pr->asked);
    }
    return v;
}


PyDoc_STRVAR(promise_doc,
"promise(entries, root, head, head2, complement, heads, mass, asked, lex_weight, head_bonus,\n"
"        head_elsewhere, complement_cost, out)\n\n"
"The rough prescore of index.py's _promise for each entry, into out (float64); root holds each\n"
"entry's norm^-0.4 (float64).");

static PyObject *
kernel_promise(PyObject *self, PyObject *args)
{
    PyObject *o_entries, *o_norm, *o_head, *o_head2, *o_comp, *o_heads, *o_out;
    double mass, lex_weight, bonus, elsewhere, cost;
    int asked;
    Buf entries, norm, head, head2, comp, heads, out;
    entries.held = norm.held = head.held = head2.held = comp.held = heads.held = out.held = 0;
    if (!PyArg_ParseTuple(args, "OOOOOOdiddddO:promise", &o_entries, &o_norm, &o_head, &o_head2, &o_comp,
                          &o_heads, &mass, &asked, &lex_weight, &bonus, &elsewhere, &cost, &o_out)) {
        return NULL;
    }
    if (get_buf(o_entries, &entries, 4, 'i', 0, "entries") < 0 || get_buf(o_norm, &norm, 8, 'f', 0, "root") < 0
        || get_buf(o_head, &head, 4, 'i', 0, "head") < 0 || get_buf(o_head2, &head2, 4, 'i', 0, "head2") < 0
        || get_buf(o_comp, &comp, 1, 'u', 0, "complement") < 0 || get_buf(o_heads, &heads, 4, 'i', 0, "heads") < 0
        || get_buf(o_out, &out, 8, 'f', 1, "out") < 0) {
        goto fail;
    }
    {
        const int32_t *e = DATA(entries, int32_t), *h1 = DATA(head, int32_t), *h2 = DATA(head2, int32_t);
        const int32_t *hs = DATA(heads, int32_t);
        const double *nm = DATA(norm, double);
        const uint8_t *cp = DATA(comp, uint8_t);
        double *o = DATA(out, double);
        Py_ssize_t n = COUNT(entries, int32_t), n_heads = COUNT(heads, int32_t);
        Py_ssize_t n_entries = COUNT(norm, double);
        if (COUNT(out, double) != n) {
            PyErr_SetString(PyExc_ValueError, "promise: out and entries differ in length");
            goto fail;
        }
        if (COUNT(head, int32_t) != n_entries || COUNT(head2, int32_t) != n_entries
            || COUNT(comp, uint8_t) != n_entries) {
            PyErr_SetString(PyExc_ValueError, "promise: entry arrays differ in length");
            goto fail;
        }
        Promise pr = {nm, h1, h2, cp, hs, n_heads, pow(mass, 0.2), lex_weight, bonus, elsewhere, cost, asked};
        for (Py_ssize_t i = 0; i < n; i++) {
            if (e[i] < 0 || e[i] >= n_entries) {
                PyErr_Format(PyExc_IndexError, "promise: entry %d out of range", e[i]);
                goto fail;
            }
            o[i] = promise_of(&pr, e[i]);
        }
    }
    release(&entries);
    release(&norm);
    release(&head);
    release(&head2);
    release(&comp);
    release(&heads);
    release(&out);
    Py_RETURN_NONE;
fail:
    release(&entries);
    release(&norm);
    release(&head);
    release(&head2);
    release(&comp);
    release(&heads);
    release(&out);
    return NULL;
}

/* --- candidates ------------------------------------------------------------------------------ */

typedef struct {
    int32_t *d;
    Py_ssize_t n, cap;
} Vec;

static int
vec_reserve(Vec *v, Py_ssize_t cap)
{
    Py_ssize_t size = v->cap ? v->cap : 64;
    int32_t *d;
    if (cap <= v->cap) {
        return 0;
    }
    while (size < cap) {
        size *= 2;
    }
    d = (int32_t *)realloc(v->d, sizeof(int32_t) * (size_t)size);
    if (!d) {
        PyErr_NoMemory();
        return -1;
    }
    v->d = d;
    v->cap = size;
    return 0;
}

static int
vec_extend(Vec *v, const int32_t *src, Py_ssize_t n)
{
    if (n <= 0) {
        return 0;
    }
    if (vec_reserve(v, v->n + n) < 0) {
        return -1;
    }
    memcpy(v->d + v->n, src, sizeof(int32_t) * (size_t)n);
    v->n += n;
    return 0;
}

static void
vec_free(Vec *v)
{
    free(v->d);
    v->d = NULL;
    v->n = v->cap = 0;
}

/* sorted, each entry once */
static int
vec_sort_unique(Vec *v)
{
    Py_ssize_t kept = 0;
    if (radix_sort(v->d, v->n) < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < v->n; i++) {
        if (kept == 0 || v->d[i] != v->d[kept - 1]) {
            v->d[kept++] = v->d[i];
        }
    }
    v->n = kept;
    return 0;
}

typedef struct {
    const int32_t *df;
    const int64_t *post_off;
    const int32_t *by_entry, *by_len;
    const int32_t *alt_ids;
    const int64_t *alt_off;
    const uint8_t *alt_partial;
    Promise pr;
    Py_ssize_t holding_cap, intersect_max, n_entries;
} Gather;

static inline Py_ssize_t
post_len(const Gather *g, int32_t t)
{
    return (Py_ssize_t)(g->post_off[t + 1] - g->post_off[t]);
}

/* the alternative's term held by the fewest entries (the first of them on ties) */
static int32_t
alt_rarest(const Gather *g, int32_t a)
{
    int32_t best = g->alt_ids[g->alt_off[a]];
    for (int64_t k = g->alt_off[a] + 1; k < g->alt_off[a + 1]; k++) {
        if (g->df[g->alt_ids[k]] < g->df[best]) {
            best = g->alt_ids[k];
        }
    }
    return best;
}

/* how many entries may hold one of the alternatives: their rarest terms' counts, summed */
static int64_t
held_by(const Gather *g, const int32_t *alts, Py_ssize_t n)
{
    int64_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        total += g->df[alt_rarest(g, alts[i])];
    }
    return total;
}

/* the first position from j on where p[pos] >= x (p sorted, m long) */
static inline Py_ssize_t
gallop(const int32_t *p, Py_ssize_t m, Py_ssize_t j, int32_t x)
{
    Py_ssize_t lo = j, hi = j, step = 1;
    while (hi < m && p[hi] < x) {
        lo = hi + 1;
        hi += step;
        step <<= 1;
    }
    if (hi > m) {
        hi = m;
    }
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (p[mid] < x) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

/* mask[i] |= (or &=, with both) whether the sorted postings p hold cands[i] */
static void
mark_held(const int32_t *p, Py_ssize_t m, const int32_t *cands, Py_ssize_t n, uint8_t *mask, int both)
{
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint8_t held;
        j = gallop(p, m, j, cands[i]);
        held = (uint8_t)(j < m && p[j] == cands[i]);
        mask[i] = both ? (uint8_t)(mask[i] & held) : (uint8_t)(mask[i] | held);
    }
}

/* the entries holding every term of alternative a, sorted: postings intersected from the rarest */
static int
holders(const Gather *g, int32_t a, Vec *out)
{
    int32_t rarest = alt_rarest(g, a);
    out->n = 0;
    if (vec_extend(out, g->by_entry + g->post_off[rarest], post_len(g, rarest)) < 0) {
        return -1;
    }
    for (int64_t k = g->alt_off[a]; k < g->alt_off[a + 1] && out->n; k++) {
        int32_t t = g->alt_ids[k];
        const int32_t *p = g->by_entry + g->post_off[t];
        Py_ssize_t m = post_len(g, t), j = 0, kept = 0;
        if (t == rarest) {
            continue;
        }
        for (Py_ssize_t i = 0; i < out->n; i++) {
            j = gallop(p, m, j, out->d[i]);
            if (j < m && p[j] == out->d[i]) {
                out->d[kept++] = out->d[i];
            }
        }
        out->n = kept;
    }
    return 0;
}

/* covered[i]: whether cands[i] holds every term of one of the alternatives */
static int
covering(const Gather *g, const int32_t *alts, Py_ssize_t n_alts, const int32_t *cands, Py_ssize_t n,
         uint8_t *covered)
{
    uint8_t *have = (uint8_t *)malloc((size_t)(n ? n : 1));
    if (!have) {
        PyErr_NoMemory();
        return -1;
    }
    memset(covered, 0, (size_t)n);
    for (Py_ssize_t k = 0; k < n_alts; k++) {
        int32_t a = alts[k];
        if (g->alt_off[a + 1] - g->alt_off[a] == 1) {
            int32_t t = g->alt_ids[g->alt_off[a]];
            mark_held(g->by_entry + g->post_off[t], post_len(g, t), cands, n, covered, 0);
            continue;
        }
        memset(have, 1, (size_t)n);
        for (int64_t q = g->alt_off[a]; q < g->alt_off[a + 1]; q++) {
            int32_t t = g->alt_ids[q];
            mark_held(g->by_entry + g->post_off[t], post_len(g, t), cands, n, have, 1);
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            covered[i] |= have[i];
        }
    }
    free(have);
    return 0;
}

typedef struct {
    double v; /* the value ranked by, higher first */
    double w; /* on a tie, this, higher first */
    int32_t e; /* then this, lower first */
} Scored;

/* a before b: more promise, then the shorter entry (a larger norm^-0.4), then the lower one */
static inline int
better(const Scored *a, const Scored *b)
{
    return a->v > b->v || (a->v == b->v && (a->w > b->w || (a->w == b->w && a->e < b->e)));
}

/* s[0..k-1] become the k best of s[0..len-1] (distinct entries), in no particular order */
static void
select_best(Scored *s, Py_ssize_t len, Py_ssize_t k)
{
    Py_ssize_t lo = 0, hi = len - 1, want = k - 1;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
        Scored a = s[lo], b = s[mid], c = s[hi], pivot, tmp;
        if (better(&a, &b)) {
            pivot = better(&b, &c) ? b : (better(&a, &c) ? c : a);
        }
        else {
            pivot = better(&a, &c) ? a : (better(&b, &c) ? c : b);
        }
        while (i <= j) {
            while (better(&s[i], &pivot)) {
                i++;
            }
            while (better(&pivot, &s[j])) {
                j--;
            }
            if (i <= j) {
                tmp = s[i];
                s[i] = s[j];
                s[j] = tmp;
                i++;
                j--;
            }
        }
        if (want <= j) {
            hi = j;
        }
        else if (want >= i) {
            lo = i;
        }
        else {
            break;
        }
    }
}

/* keeps the n entries of v of the most promise, in no particular order: on a tie (many names
 * explain the whole query), the shorter entries, then the lower ones */
static int
keep_best(const Gather *g, Vec *v, Py_ssize_t n)
{
    Scored *s;
    if (v->n <= n) {
        return 0;
    }
    s = (Scored *)malloc(sizeof(Scored) * (size_t)v->n);
    if (!s) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < v->n; i++) {
        if (i + PREFETCH_FAR < v->n && v->d[i + PREFETCH_FAR] >= 0 && v->d[i + PREFETCH_FAR] < g->n_entries) {
            int32_t f = v->d[i + PREFETCH_FAR];
            PREFETCH(g->pr.root + f);
            PREFETCH(g->pr.complement + f);
            if (g->pr.n_heads) {
                PREFETCH(g->pr.head + f);
                PREFETCH(g->pr.head2 + f);
            }
        }
        if (v->d[i] < 0 || v->d[i] >= g->n_entries) {
            free(s);
            PyErr_Format(PyExc_IndexError, "candidates: entry %d out of range (a damaged index?)", v->d[i]);
            return -1;
        }
        s[i].v = promise_of(&g->pr, v->d[i]);
        s[i].w = g->pr.root[v->d[i]];
        s[i].e = v->d[i];
    }
    select_best(s, v->n, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        v->d[i] = s[i].e;
    }
    v->n = n;
    free(s);
    return 0;
}

/* the entries holding a concept, sorted; a very common concept gives its most promising ones */
static int
holding(const Gather *g, const int32_t *alts, Py_ssize_t n_alts, Vec *out)
{
    Vec part = {NULL, 0, 0};
    out->n = 0;
    if (held_by(g, alts, n_alts) <= g->holding_cap) {
        for (Py_ssize_t k = 0; k < n_alts; k++) {
            if (holders(g, alts[k], &part) < 0 || vec_extend(out, part.d, part.n) < 0) {
                goto fail;
            }
        }
    }
    else {
        Py_ssize_t share = g->holding_cap / n_alts > 1 ? g->holding_cap / n_alts : 1;
        for (Py_ssize_t k = 0; k < n_alts; k++) {
            int32_t a = alts[k], t = alt_rarest(g, a);
            if (k || g->alt_off[a + 1] - g->alt_off[a] == 1 || g->df[t] > g->intersect_max) {
                Py_ssize_t len = post_len(g, t) < share ? post_len(g, t) : share;
                if (vec_extend(out, g->by_len + g->post_off[t], len) < 0) {
                    goto fail;
                }
            }
            else if (holders(g, a, &part) < 0 || keep_best(g, &part, share) < 0
                     || vec_extend(out, part.d, part.n) < 0) {
                goto fail;
            }
        }
    }
    vec_free(&part);
    return vec_sort_unique(out);
fail:
    vec_free(&part);
    return -1;
}

/* filter v by a mask */
static void
vec_keep(Vec *v, const uint8_t *mask)
{
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < v->n; i++) {
        if (mask[i]) {
            v->d[kept++] = v->d[i];
        }
    }
    v->n = kept;
}

PyDoc_STRVAR(candidates_doc,
"candidates(df, post_off, post_by_entry, post_by_len, alt_ids, alt_off, alt_partial, concept_off,\n"
"           by_weight, root, head, head2, complement, heads, mass, asked, lex_weight, head_bonus,\n"
"           head_elsewhere, complement_cost, cap, conjunction, holding_cap, intersect_max)\n"
"    -> bytearray\n\n"
"The candidates of index.py's CatalogIndex._candidates (the entries holding the most concepts,\n"
"the most promising of them, then the shortest entries of each concept's postings), sorted, as\n"
"int32 bytes. Concept k's alternatives are concept_off[k] .. concept_off[k + 1] - 1, alternative\n"
"a's terms alt_ids[alt_off[a] : alt_off[a + 1]]; by_weight lists the concepts heaviest first.");

static PyObject *
kernel_candidates(PyObject *self, PyObject *args)
{
    PyObject *o_df, *o_poff, *o_bye, *o_byl, *o_ids, *o_aoff, *o_part, *o_coff, *o_order;
    PyObject *o_norm, *o_head, *o_head2, *o_comp, *o_heads, *result = NULL;
    Buf df, poff, bye, byl, ids, aoff, part, coff, order, norm, head, head2, comp, heads;
    Buf *bufs[] = {&df, &poff, &bye, &byl, &ids, &aoff, &part, &coff, &order, &norm, &head, &head2, &comp, &heads};
    Py_ssize_t cap, conj_n, holding_cap, intersect_max, n_concepts;
    Gather g;
    Vec result_vec = {NULL, 0, 0}, held = {NULL, 0, 0}, tmp = {NULL, 0, 0};
    int32_t *conc = NULL, *conc_alts = NULL;
    int64_t *conc_off = NULL, *conc_held = NULL;
    uint8_t *mask = NULL;
    for (size_t b = 0; b < sizeof(bufs) / sizeof(bufs[0]); b++) {
        bufs[b]->held = 0;
    }
    memset(&g, 0, sizeof(g));
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOOOOdiddddnnnn:candidates", &o_df, &o_poff, &o_bye, &o_byl, &o_ids,
                          &o_aoff, &o_part, &o_coff, &o_order, &o_norm, &o_head, &o_head2, &o_comp, &o_heads,
                          &g.pr.mass, &g.pr.asked, &g.pr.lex_weight, &g.pr.bonus, &g.pr.elsewhere, &g.pr.cost,
                          &cap, &conj_n, &holding_cap, &intersect_max)) {
        return NULL;
    }
    if (get_buf(o_df, &df, 4, 'i', 0, "df") < 0 || get_buf(o_poff, &poff, 8, 'i', 0, "post_off") < 0
        || get_buf(o_bye, &bye, 4, 'i', 0, "post_by_entry") < 0 || get_buf(o_byl, &byl, 4, 'i', 0, "post_by_len") < 0
        || get_buf(o_ids, &ids, 4, 'i', 0, "alt_ids") < 0 || get_buf(o_aoff, &aoff, 8, 'i', 0, "alt_off") < 0
        || get_buf(o_part, &part, 1, 'u', 0, "alt_partial") < 0 || get_buf(o_coff, &coff, 8, 'i', 0, "concept_off") < 0
        || get_buf(o_order, &order, 4, 'i', 0, "by_weight") < 0 || get_buf(o_norm, &norm, 8, 'f', 0, "root") < 0
        || get_buf(o_head, &head, 4, 'i', 0, "head") < 0 || get_buf(o_head2, &head2, 4, 'i', 0, "head2") < 0
        || get_buf(o_comp, &comp, 1, 'u', 0, "complement") < 0 || get_buf(o_heads, &heads, 4, 'i', 0, "heads") < 0) {
        goto fail;
    }
    n_concepts = COUNT(coff, int64_t) - 1;
    {
        Py_ssize_t n_terms = COUNT(df, int32_t), n_alts = COUNT(aoff, int64_t) - 1;
        Py_ssize_t n_entries = COUNT(norm, double), n_post = COUNT(bye, int32_t);
        const int64_t *ao = DATA(aoff, int64_t), *co = DATA(coff, int64_t), *po = DATA(poff, int64_t);
        const int32_t *ai = DATA(ids, int32_t), *ord = DATA(order, int32_t);
        if (n_concepts < 1 || n_alts < 1 || COUNT(part, uint8_t) != n_alts || COUNT(order, int32_t) != n_concepts
            || COUNT(poff, int64_t) != n_terms + 1 || COUNT(byl, int32_t) != n_post || po[n_terms] != n_post
            || co[0] != 0 || co[n_concepts] != n_alts || ao[0] != 0 || ao[n_alts] != COUNT(ids, int32_t)
            || COUNT(head, int32_t) != n_entries || COUNT(head2, int32_t) != n_entries
            || COUNT(comp, uint8_t) != n_entries || cap < 1 || conj_n < 1 || holding_cap < 1) {
            PyErr_SetString(PyExc_ValueError, "candidates: the arrays' lengths disagree");
            goto fail;
        }
        for (Py_ssize_t a = 0; a < n_alts; a++) {
            if (ao[a + 1] <= ao[a]) {
                PyErr_SetString(PyExc_ValueError, "candidates: an alternative without terms");
                goto fail;
            }
            for (int64_t q = ao[a]; q < ao[a + 1]; q++) {
                if (ai[q] < 0 || ai[q] >= n_terms) {
                    PyErr_Format(PyExc_IndexError, "candidates: term %d out of range", ai[q]);
                    goto fail;
                }
                if (po[ai[q]] < 0 || po[ai[q]] > po[ai[q] + 1] || po[ai[q] + 1] > n_post) {
                    PyErr_Format(PyExc_ValueError, "candidates: the postings of term %d are out of range", ai[q]);
                    goto fail;
                }
            }
        }
        for (Py_ssize_t k = 0; k < n_concepts; k++) {
            if (co[k + 1] <= co[k] || ord[k] < 0 || ord[k] >= n_concepts) {
                PyErr_SetString(PyExc_ValueError, "candidates: a concept without alternatives, or a bad order");
                goto fail;
            }
        }
    }
    g.df = DATA(df, int32_t);
    g.post_off = DATA(poff, int64_t);
    g.by_entry = DATA(bye, int32_t);
    g.by_len = DATA(byl, int32_t);
    g.alt_ids = DATA(ids, int32_t);
    g.alt_off = DATA(aoff, int64_t);
    g.alt_partial = DATA(part, uint8_t);
    g.pr.root = DATA(norm, double);
    g.pr.mass = pow(g.pr.mass, 0.2);
    g.pr.head = DATA(head, int32_t);
    g.pr.head2 = DATA(head2, int32_t);
    g.pr.complement = DATA(comp, uint8_t);
    g.pr.heads = DATA(heads, int32_t);
    g.pr.n_heads = COUNT(heads, int32_t);
    g.holding_cap = holding_cap;
    g.n_entries = COUNT(norm, double);
    g.intersect_max = intersect_max;
    {
        const int64_t *co = DATA(coff, int64_t);
        const int32_t *ord = DATA(order, int32_t);
        Py_ssize_t n_alts = COUNT(aoff, int64_t) - 1, first_rest, total;
        /* each concept's alternatives for the conjunction: its whole ones (no word of a phrase
         * alone), or all of them when it has none */
        conc = (int32_t *)malloc(sizeof(int32_t) * (size_t)n_concepts);
        conc_off = (int64_t *)malloc(sizeof(int64_t) * (size_t)(n_concepts + 1));
        conc_held = (int64_t *)malloc(sizeof(int64_t) * (size_t)n_concepts);
        conc_alts = (int32_t *)malloc(sizeof(int32_t) * (size_t)n_alts);
        if (!conc || !conc_off || !conc_held || !conc_alts) {
            PyErr_NoMemory();
            goto fail;
        }
        conc_off[0] = 0;
        for (Py_ssize_t k = 0; k < n_concepts; k++) {
            int64_t at = conc_off[k];
            for (int64_t a = co[k]; a < co[k + 1]; a++) {
                if (!g.alt_partial[a]) {
                    conc_alts[at++] = (int32_t)a;
                }
            }
            if (at == conc_off[k]) {
                for (int64_t a = co[k]; a < co[k + 1]; a++) {
                    conc_alts[at++] = (int32_t)a;
                }
            }
            conc_off[k + 1] = at;
            conc_held[k] = held_by(&g, conc_alts + conc_off[k], (Py_ssize_t)(at - conc_off[k]));
            conc[k] = (int32_t)k;
        }
        for (Py_ssize_t k = 1; k < n_concepts; k++) { /* stable: rarest concepts first */
            int32_t c = conc[k];
            Py_ssize_t j = k;
            while (j > 0 && conc_held[conc[j - 1]] > conc_held[c]) {
                conc[j] = conc[j - 1];
                j--;
            }
            conc[j] = c;
        }
#define ALTS(k) (conc_alts + conc_off[k]), ((Py_ssize_t)(conc_off[(k) + 1] - conc_off[k]))
        first_rest = 1;
        {
            int32_t c0 = conc[0];
            int all_small = 1;
            for (int64_t q = conc_off[c0]; q < conc_off[c0 + 1]; q++) {
                all_small &= g.df[alt_rarest(&g, conc_alts[q])] <= intersect_max;
            }
            if (n_concepts > 1 && conc_held[c0] > holding_cap && all_small) {
                /* every concept is common: the two rarest are intersected in full, each list of
                 * holders of the rarest against the second (the union of those long lists is
                 * never sorted: only what both hold is) */
                for (int64_t q = conc_off[c0]; q < conc_off[c0 + 1]; q++) {
                    int32_t a = conc_alts[q];
                    const int32_t *hd;
                    Py_ssize_t hn;
                    uint8_t *grown;
                    if (g.alt_off[a + 1] - g.alt_off[a] == 1) { /* a word's postings, as they are */
                        int32_t t = g.alt_ids[g.alt_off[a]];
                        hd = g.by_entry + g.post_off[t];
                        hn = post_len(&g, t);
                    }
                    else {
                        if (holders(&g, a, &tmp) < 0) {
                            goto fail;
                        }
                        hd = tmp.d;
                        hn = tmp.n;
                    }
                    grown = (uint8_t *)realloc(mask, (size_t)(hn ? hn : 1));
                    if (!grown) {
                        PyErr_NoMemory();
                        goto fail;
                    }
                    mask = grown;
                    if (covering(&g, ALTS(conc[1]), hd, hn, mask) < 0) {
                        goto fail;
                    }
                    for (Py_ssize_t i = 0; i < hn; i++) {
                        if (mask[i] && vec_extend(&held, hd + i, 1) < 0) {
                            goto fail;
                        }
                    }
                }
                free(mask);
                mask = NULL;
                if (vec_sort_unique(&held) < 0) {
                    goto fail;
                }
                if (held.n) {
                    Vec swap = result_vec;
                    result_vec = held;
                    held = swap;
                    first_rest = 2;
                }
            }
            if (first_rest == 1 && holding(&g, ALTS(c0), &result_vec) < 0) {
                goto fail;
            }
        }
        for (Py_ssize_t r = first_rest; r < n_concepts; r++) {
            int any = 0;
            mask = (uint8_t *)malloc((size_t)(result_vec.n ? result_vec.n : 1));
            if (!mask) {
                PyErr_NoMemory();
                goto fail;
            }
            if (covering(&g, ALTS(conc[r]), result_vec.d, result_vec.n, mask) < 0) {
                goto fail;
            }
            for (Py_ssize_t i = 0; i < result_vec.n && !any; i++) {
                any = mask[i];
            }
            if (any) {
                vec_keep(&result_vec, mask);
            }
            free(mask);
            mask = NULL;
            if (!any) {
                break;
            }
        }
#undef ALTS
        /* the most promising entries holding the most concepts, then each concept's shortest */
        if (keep_best(&g, &result_vec, conj_n) < 0) {
            goto fail;
        }
        total = result_vec.n;
        cap = total + cap / 4;
        for (Py_ssize_t r = 0; r < n_concepts; r++) {
            int32_t k = ord[r];
            for (int64_t a = co[k]; a < co[k + 1]; a++) {
                int32_t t = alt_rarest(&g, (int32_t)a);
                Py_ssize_t limit = cap - total > cap / 4 ? cap - total : cap / 4;
                Py_ssize_t len = post_len(&g, t) < limit ? post_len(&g, t) : limit;
                if (vec_extend(&result_vec, g.by_len + g.post_off[t], len) < 0) {
                    goto fail;
                }
                total += len;
            }
            if (total >= cap) {
                break;
            }
        }
        if (vec_sort_unique(&result_vec) < 0) {
            goto fail;
        }
    }
    result = PyByteArray_FromStringAndSize((const char *)result_vec.d, result_vec.n * 4);
fail:
    free(conc);
    free(conc_off);
    free(conc_held);
    free(conc_alts);
    free(mask);
    vec_free(&result_vec);
    vec_free(&held);
    vec_free(&tmp);
    for (size_t b = 0; b < sizeof(bufs) / sizeof(bufs[0]); b++) {
        release(bufs[b]);
    }
    return result;
}

/* --- score --------------------------------------------------------------------------------- */

static inline int
among(const int32_t *ids, Py_ssize_t n, int32_t x)
{
    for (Py_ssize_t j = 0; j < n; j++) {
        if (ids[j] == x) {
            return 1;
        }
    }
    return 0;
}

PyDoc_STRVAR(score_doc,
"score(entry_off, entry_terms, cands, alt_ids, alt_off, alt_sq, alt_mass, alt_concept, alt_covers,\n"
"      head, root, q_sq, complement, asked, entry_head, entry_head2, entry_lang, head_ids, fr_ids,\n"
"      en_ids, use_heads, lex_weight, head_bonus, head_elsewhere, head_missing, complement_cost,\n"
"      out_cands, out_lex, out_matched, out_coverage, out_head_covered, out_own, out_pre) -> int\n\n"
"The lexical score of each candidate (index.py's search: the query terms it holds, the best\n"
"alternative held per concept, coverage^0.8 x precision^0.2, precision from root, each entry's\n"
"norm^-0.4) and its prescore without the category (lex_weight x lex, the head word's bonus or\n"
"cost when use_heads, less the complement's cost), for the candidates of a lexical score above\n"
"0, written to the out arrays in order; returns how many.");

static PyObject *
kernel_score(PyObject *self, PyObject *args)
{
    PyObject *o[33];
    Buf b[31];
    int head, asked, use_heads;
    double q_sq, lex_weight, bonus, elsewhere, missing, cost;
    IdMap map = {NULL, NULL, 0};
    uint64_t *masks = NULL, *row = NULL;
    Py_ssize_t kept = 0;
    for (int i = 0; i < 31; i++) {
        b[i].held = 0;
    }
    if (!PyArg_ParseTuple(args, "OOOOOOOOOiOdOiOOOOOOiddddd" "OOOOOOO:score", &o[0], &o[1], &o[2], &o[3], &o[4],
                          &o[5], &o[6], &o[7], &o[8], &head, &o[10], &q_sq, &o[12], &asked, &o[14], &o[15],
                          &o[16], &o[17], &o[18], &o[19], &use_heads, &lex_weight, &bonus, &elsewhere, &missing,
                          &cost, &o[26], &o[27], &o[28], &o[29], &o[30], &o[31], &o[32])) {
        return NULL;
    }
    /* the buffers, by argument position (b[i] for o[i]; b[26 + k] for the outputs) */
    if (get_buf(o[0], &b[0], 8, 'i', 0, "entry_off") < 0 || get_buf(o[1], &b[1], 4, 'i', 0, "entry_terms") < 0
        || get_buf(o[2], &b[2], 4, 'i', 0, "cands") < 0 || get_buf(o[3], &b[3], 4, 'i', 0, "alt_ids") < 0
        || get_buf(o[4], &b[4], 8, 'i', 0, "alt_off") < 0 || get_buf(o[5], &b[5], 8, 'f', 0, "alt_sq") < 0
        || get_buf(o[6], &b[6], 8, 'f', 0, "alt_mass") < 0 || get_buf(o[7], &b[7], 4, 'i', 0, "alt_concept") < 0
        || get_buf(o[8], &b[8], 1, 'u', 0, "alt_covers") < 0 || get_buf(o[10], &b[10], 8, 'f', 0, "root") < 0
        || get_buf(o[12], &b[12], 1, 'u', 0, "complement") < 0 || get_buf(o[14], &b[14], 4, 'i', 0, "entry_head") < 0
        || get_buf(o[15], &b[15], 4, 'i', 0, "entry_head2") < 0 || get_buf(o[16], &b[16], 1, 'u', 0, "entry_lang") < 0
        || get_buf(o[17], &b[17], 4, 'i', 0, "head_ids") < 0 || get_buf(o[18], &b[18], 4, 'i', 0, "fr_ids") < 0
        || get_buf(o[19], &b[19], 4, 'i', 0, "en_ids") < 0 || get_buf(o[26], &b[26], 4, 'i', 1, "out_cands") < 0
        || get_buf(o[27], &b[27], 8, 'f', 1, "out_lex") < 0 || get_buf(o[28], &b[28], 8, 'f', 1, "out_matched") < 0
        || get_buf(o[29], &b[29], 8, 'f', 1, "out_coverage") < 0 || get_buf(o[30], &b[30], 1, 'b', 1, "out_head_covered") < 0) {
        goto fail;
    }
    {
        Buf own_buf, pre_buf;
        own_buf.held = pre_buf.held = 0;
        if (get_buf(o[31], &own_buf, 1, 'b', 1, "out_own") < 0) {
            release(&own_buf);
            goto fail;
        }
        if (get_buf(o[32], &pre_buf, 8, 'f', 1, "out_pre") < 0) {
            release(&own_buf);
            release(&pre_buf);
            goto fail;
        }
        b[9] = own_buf; /* unused argument slots hold the last two outputs */
        b[11] = pre_buf;
    }
    {
        const int64_t *eo = DATA(b[0], int64_t), *ao = DATA(b[4], int64_t);
        const int32_t *et = DATA(b[1], int32_t), *c = DATA(b[2], int32_t), *ai = DATA(b[3], int32_t);
        const double *asq = DATA(b[5], double), *amass = DATA(b[6], double), *root = DATA(b[10], double);
        const int32_t *acon = DATA(b[7], int32_t), *h1 = DATA(b[14], int32_t), *h2 = DATA(b[15], int32_t);
        const int32_t *hid = DATA(b[17], int32_t), *fr = DATA(b[18], int32_t), *en = DATA(b[19], int32_t);
        const uint8_t *acov = DATA(b[8], uint8_t), *comp = DATA(b[12], uint8_t), *lang = DATA(b[16], uint8_t);
        int32_t *oc = DATA(b[26], int32_t);
        double *olex = DATA(b[27], double), *omat = DATA(b[28], double), *ocov = DATA(b[29], double);
        double *opre = DATA(b[11], double);
        uint8_t *ohc = DATA(b[30], uint8_t), *oown = DATA(b[9], uint8_t);
        Py_ssize_t n = COUNT(b[2], int32_t), n_alts = COUNT(b[5], double), n_entries = COUNT(b[10], double);
        Py_ssize_t n_terms = COUNT(b[1], int32_t), n_hid = COUNT(b[17], int32_t);
        Py_ssize_t n_fr = COUNT(b[18], int32_t), n_en = COUNT(b[19], int32_t), k = 0, words;
        uint64_t seen_key[64];
        double seen_cov[64], seen_mat[64];
        int cache = n_alts < 64;
        if (COUNT(b[4], int64_t) != n_alts + 1 || COUNT(b[6], double) != n_alts || COUNT(b[7], int32_t) != n_alts
            || COUNT(b[8], uint8_t) != n_alts || COUNT(b[0], int64_t) != n_entries + 1
            || COUNT(b[12], uint8_t) != n_entries || COUNT(b[14], int32_t) != n_entries
            || COUNT(b[15], int32_t) != n_entries || COUNT(b[16], uint8_t) != n_entries
            || COUNT(b[26], int32_t) != n || COUNT(b[27], double) != n || COUNT(b[28], double) != n
            || COUNT(b[29], double) != n || b[30].view.len != n || b[9].view.len != n || COUNT(b[11], double) != n
            || n_alts < 1 || ao[0] != 0 || ao[n_alts] != COUNT(b[3], int32_t)) {
            PyErr_SetString(PyExc_ValueError, "score: the arrays' lengths disagree");
            goto fail;
        }
        /* the query's distinct terms, a bit each, and each alternative's mask of them */
        if (idmap_init(&map, COUNT(b[3], int32_t)) < 0) {
            goto fail;
        }
        for (Py_ssize_t q = 0; q < COUNT(b[3], int32_t); q++) {
            if (ai[q] < 0) {
                PyErr_SetString(PyExc_ValueError, "score: a negative term id");
                goto fail;
            }
            if (idmap_put(&map, ai[q], (int32_t)k) == (int32_t)k) {
                k++;
            }
        }
        words = k ? (k + 63) / 64 : 1;
        masks = (uint64_t *)calloc((size_t)(n_alts * words), sizeof(uint64_t));
        row = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)words);
        if (!masks || !row) {
            PyErr_NoMemory();
            goto fail;
        }
        for (Py_ssize_t a = 0; a < n_alts; a++) {
            if (ao[a + 1] < ao[a] || (a + 1 < n_alts && acon[a + 1] < acon[a])) {
                PyErr_SetString(PyExc_ValueError, "score: alternatives out of order");
                goto fail;
            }
            for (int64_t q = ao[a]; q < ao[a + 1]; q++) {
                int32_t j = idmap_get(&map, ai[q]);
                masks[a * words + (j >> 6)] |= (uint64_t)1 << (j & 63);
            }
        }
        memset(seen_key, 0xff, sizeof(seen_key));
        for (Py_ssize_t i = 0; i < n; i++) {
            int32_t e = c[i];
            double dot = 0.0, matched = 0.0, gain = 0.0, got = 0.0, coverage, cov08, mat02, share, lex, pre;
            /* the candidates lie all over the arrays: ask for what the next ones read ahead */
            if (i + PREFETCH_FAR < n && c[i + PREFETCH_FAR] >= 0 && c[i + PREFETCH_FAR] < n_entries) {
                int32_t f = c[i + PREFETCH_FAR];
                PREFETCH(eo + f);
                PREFETCH(root + f);
                PREFETCH(comp + f);
                if (use_heads) {
                    PREFETCH(h1 + f);
                    PREFETCH(h2 + f);
                    PREFETCH(lang + f);
                }
            }
            if (i + PREFETCH_NEAR < n && c[i + PREFETCH_NEAR] >= 0 && c[i + PREFETCH_NEAR] < n_entries) {
                int64_t at = eo[c[i + PREFETCH_NEAR]];
                if (at >= 0 && at < n_terms) {
                    PREFETCH(et + at);
                }
            }
            int covered = 0, head_covered = 1, own = 1;
            uint64_t pattern = 0;
            if (e < 0 || e >= n_entries || eo[e] < 0 || eo[e] > eo[e + 1] || eo[e + 1] > n_terms) {
                PyErr_Format(PyExc_IndexError, "score: entry %d out of range", e);
                goto fail;
            }
            memset(row, 0, sizeof(uint64_t) * (size_t)words);
            for (int64_t t = eo[e]; t < eo[e + 1]; t++) {
                int32_t j = idmap_get(&map, et[t]);
                if (j >= 0) {
                    row[j >> 6] |= (uint64_t)1 << (j & 63);
                }
            }
            for (Py_ssize_t a = 0; a < n_alts; a++) {
                const uint64_t *m = masks + a * words;
                int have = 1;
                for (Py_ssize_t w = 0; w < words && have; w++) {
                    have = (row[w] & m[w]) == m[w];
                }
                if (have) {
                    pattern |= (uint64_t)1 << (a & 63);
                    covered |= acov[a];
                    if (asq[a] > gain) {
                        gain = asq[a];
                    }
                    if (amass[a] > got) {
                        got = amass[a];
                    }
                }
                if (a + 1 == n_alts || acon[a + 1] != acon[a]) { /* the concept's last alternative */
                    dot += gain;
                    matched += got;
                    if (acon[a] == head) {
                        head_covered = covered;
                    }
                    gain = got = 0.0;
                    covered = 0;
                }
            }
            coverage = dot / q_sq;
            if (cache && seen_key[pattern % 61] == pattern) {
                cov08 = seen_cov[pattern % 61];
                mat02 = seen_mat[pattern % 61];
            }
            else {
                cov08 = pow(coverage, 0.8);
                mat02 = pow(matched, 0.2);
                seen_key[pattern % 61] = pattern;
                seen_cov[pattern % 61] = cov08;
                seen_mat[pattern % 61] = mat02;
            }
            /* precision^0.2 = min(matched / norm^2, 1)^0.2 = min(matched^0.2 x norm^-0.4, 1) */
            share = mat02 * root[e];
            lex = cov08 * (share < 1.0 ? share : 1.0);
            if (!(lex > 0.0)) {
                continue;
            }
            pre = lex_weight * lex;
            if (use_heads) {
                own = among(hid, n_hid, h1[e]) || among(hid, n_hid, h2[e]);
                if (!own && lang[e] == 0) {
                    own = among(fr, n_fr, h1[e]) || among(fr, n_fr, h2[e]) || among(en, n_en, h1[e])
                          || among(en, n_en, h2[e]);
                }
                if (!own && lang[e] == 1) {
                    own = among(fr, n_fr, h1[e]) || among(fr, n_fr, h2[e]);
                }
                if (!own && lang[e] == 2) {
                    own = among(en, n_en, h1[e]) || among(en, n_en, h2[e]);
                }
                own = own && head_covered;
                pre = pre + (own ? bonus : (head_covered ? -elsewhere : -missing));
            }
            if (asked < 2) {
                pre = pre - cost * (double)((int)comp[e] > asked ? (int)comp[e] - asked : 0);
            }
            oc[kept] = e;
            olex[kept] = lex;
            omat[kept] = matched;
            ocov[kept] = coverage;
            ohc[kept] = (uint8_t)head_covered;
            oown[kept] = (uint8_t)own;
            opre[kept] = pre;
            kept++;
        }
    }
    idmap_free(&map);
    free(masks);
    free(row);
    for (int i = 0; i < 31; i++) {
        release(&b[i]);
    }
    return PyLong_FromSsize_t(kept);
fail:
    idmap_free(&map);
    free(masks);
    free(row);
    for (int i = 0; i < 31; i++) {
        release(&b[i]);
    }
    return NULL;
}

/* --- key_texts ------------------------------------------------------------------------------- */

PyDoc_STRVAR(key_texts_doc,
"key_texts(keyhash, text_blob, text_off, cands, inverse) -> list[str]\n\n"
"The key text of each distinct key hash among the entries cands (first seen first), and in\n"
"inverse (int64) the position of each entry's text in that list. keyhash uint64 per entry,\n"
"text_blob uint8 (UTF-8), text_off int64.");

static PyObject *
kernel_key_texts(PyObject *self, PyObject *args)
{
    PyObject *o_hash, *o_blob, *o_off, *o_cands, *o_inv, *texts = NULL;
    Buf hash, blob, off, cands, inv;
    uint64_t *keys = NULL;
    int64_t *slot_of = NULL;
    hash.held = blob.held = off.held = cands.held = inv.held = 0;
    if (!PyArg_ParseTuple(args, "OOOOO:key_texts", &o_hash, &o_blob, &o_off, &o_cands, &o_inv)) {
        return NULL;
    }
    if (get_buf(o_hash, &hash, 8, 'u', 0, "keyhash") < 0 || get_buf(o_blob, &blob, 1, 'u', 0, "text_blob") < 0
        || get_buf(o_off, &off, 8, 'i', 0, "text_off") < 0 || get_buf(o_cands, &cands, 4, 'i', 0, "cands") < 0
        || get_buf(o_inv, &inv, 8, 'i', 1, "inverse") < 0) {
        goto fail;
    }
    {
        const uint64_t *h = DATA(hash, uint64_t);
        const char *b = DATA(blob, char);
        const int64_t *to = DATA(off, int64_t);
        const int32_t *c = DATA(cands, int32_t);
        int64_t *o = DATA(inv, int64_t);
        Py_ssize_t n = COUNT(cands, int32_t), n_entries = COUNT(hash, uint64_t);
        uint64_t size = 16, mask;
        if (COUNT(inv, int64_t) != n) {
            PyErr_SetString(PyExc_ValueError, "key_texts: inverse and cands differ in length");
            goto fail;
        }
        if (COUNT(off, int64_t) != n_entries + 1) {
            PyErr_SetString(PyExc_ValueError, "key_texts: text_off and keyhash differ in length");
            goto fail;
        }
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
            goto fail;
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
                && to[c[i + PREFETCH_NEAR]] >= 0 && to[c[i + PREFETCH_NEAR]] < blob.view.len) {
                PREFETCH(b + to[c[i + PREFETCH_NEAR]]);
            }
            if (e < 0 || e >= n_entries || to[e] < 0 || to[e] > to[e + 1] || to[e + 1] > blob.view.len) {
                PyErr_Format(PyExc_IndexError, "key_texts: entry %d out of range", e);
                goto fail;
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
                    goto fail;
                }
                if (PyList_Append(texts, text) < 0) {
                    Py_DECREF(text);
                    goto fail;
                }
                Py_DECREF(text);
                keys[at] = key;
                slot_of[at] = PyList_GET_SIZE(texts) - 1;
            }
            o[i] = slot_of[at];
        }
    }
    free(keys);
    free(slot_of);
    release(&hash);
    release(&blob);
    release(&off);
    release(&cands);
    release(&inv);
    return texts;
fail:
    Py_XDECREF(texts);
    free(keys);
    free(slot_of);
    release(&hash);
    release(&blob);
    release(&off);
    release(&cands);
    release(&inv);
    return NULL;
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

static PyObject *
kernel_select(PyObject *self, PyObject *args)
{
    PyObject *o_pre, *o_out;
    Py_ssize_t size;
    Buf pre, out;
    Scored *s = NULL;
    uint8_t *flags = NULL;
    pre.held = out.held = 0;
    if (!PyArg_ParseTuple(args, "OnO:select", &o_pre, &size, &o_out)) {
        return NULL;
    }
    if (get_buf(o_pre, &pre, 8, 'f', 0, "pre") < 0 || get_buf(o_out, &out, 8, 'i', 1, "out") < 0) {
        goto fail;
    }
    {
        const double *v = DATA(pre, double);
        int64_t *o = DATA(out, int64_t);
        Py_ssize_t n = COUNT(pre, double), at = 0;
        if (COUNT(out, int64_t) != n || size < 0 || n > INT32_MAX) {
            PyErr_SetString(PyExc_ValueError, "select: out is not as long as pre, or a bad size");
            goto fail;
        }
        if (size > n) {
            size = n;
        }
        s = (Scored *)malloc(sizeof(Scored) * (size_t)(n ? n : 1));
        if (!s) {
            PyErr_NoMemory();
            goto fail;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            s[i].v = v[i];
            s[i].w = 0.0;
            s[i].e = (int32_t)i;
        }
        if (size > 0 && size < n) {
            select_best(s, n, size);
        }
        /* the chosen positions, then the others, each in increasing order: a flag per position */
        flags = (uint8_t *)calloc((size_t)(n ? n : 1), 1);
        if (!flags) {
            PyErr_NoMemory();
            goto fail;
        }
        for (Py_ssize_t i = 0; i < size; i++) {
            flags[s[i].e] = 1;
        }
        {
            Py_ssize_t rest = size;
            for (Py_ssize_t i = 0; i < n; i++) {
                if (flags[i]) {
                    o[at++] = i;
                }
                else {
                    o[rest++] = i;
                }
            }
        }
    }
    free(s);
    free(flags);
    release(&pre);
    release(&out);
    Py_RETURN_NONE;
fail:
    free(s);
    free(flags);
    release(&pre);
    release(&out);
    return NULL;
}

PyDoc_STRVAR(hits_doc,
"hits(top, cands, pre, lex, head_covered, own, matched, coverage, fz_keys, inverse, entry_row,\n"
"     entry_norm, entry_complement, limit, weight) -> (list[tuple], bytearray)\n\n"
"The rescored entries cands[top]: fuzzy part f = fz_keys[inverse] / 100 (float32), score =\n"
"pre + weight x f (the product in float32, as numpy's); the best entry of each product (row),\n"
"the limit best products, as tuples of the fields of index.py's Hit; and f per entry, float32.");

static PyObject *
kernel_hits(PyObject *self, PyObject *args)
{
    PyObject *o[13], *found = NULL, *fz_out = NULL;
    Py_ssize_t limit;
    double weight;
    Buf b[13];
    Ranked *ranked = NULL;
    IdMap seen = {NULL, NULL, 0};
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
            goto fail;
        }
    }
    {
        const int64_t *top = DATA(b[0], int64_t), *inv = DATA(b[9], int64_t);
        const int32_t *c = DATA(b[1], int32_t), *rows = DATA(b[10], int32_t);
        const double *pre = DATA(b[2], double), *lex = DATA(b[3], double), *mat = DATA(b[6], double);
        const double *cov = DATA(b[7], double);
        const uint8_t *hc = DATA(b[4], uint8_t), *own = DATA(b[5], uint8_t), *comp = DATA(b[12], uint8_t);
        const float *fzk = DATA(b[8], float), *norm = DATA(b[11], float);
        Py_ssize_t m = COUNT(b[0], int64_t), n = COUNT(b[1], int32_t), n_keys = COUNT(b[8], float);
        Py_ssize_t n_entries = COUNT(b[10], int32_t);
        const float wf = (float)weight;
        float *f;
        if (COUNT(b[2], double) != n || COUNT(b[3], double) != n || b[4].view.len != n || b[5].view.len != n
            || COUNT(b[6], double) != n || COUNT(b[7], double) != n || COUNT(b[9], int64_t) != m
            || COUNT(b[11], float) != n_entries || COUNT(b[12], uint8_t) != n_entries) {
            PyErr_SetString(PyExc_ValueError, "hits: the arrays' lengths disagree");
            goto fail;
        }
        fz_out = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(m * (Py_ssize_t)sizeof(float)));
        found = PyList_New(0);
        ranked = (Ranked *)malloc(sizeof(Ranked) * (size_t)(m ? m : 1));
        if (!fz_out || !found || !ranked || idmap_init(&seen, m) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_NoMemory();
            }
            goto fail;
        }
        f = (float *)PyByteArray_AS_STRING(fz_out);
        for (Py_ssize_t k = 0; k < m; k++) {
            int64_t p = top[k];
            int32_t e;
            float prod;
            if (p < 0 || p >= n || inv[k] < 0 || inv[k] >= n_keys || c[p] < 0 || c[p] >= n_entries
                || rows[c[p]] < 0) {
                PyErr_SetString(PyExc_IndexError, "hits: a position, key or entry out of range");
                goto fail;
            }
            e = c[p];
            f[k] = fzk[inv[k]] / 100.0f;
            prod = wf * f[k];
            ranked[k].score = pre[p] + (double)prod;
            ranked[k].row = rows[e];
            ranked[k].at = (int32_t)k;
        }
        qsort(ranked, (size_t)m, sizeof(Ranked), ranked_cmp);
        for (Py_ssize_t i = 0; i < m && PyList_GET_SIZE(found) < limit; i++) {
            int64_t k = ranked[i].at, p = top[k];
            int32_t e = c[p];
            float nf = norm[e], n2 = nf * nf;
            double explained = mat[p] / (double)n2;
            PyObject *fields;
            if (idmap_put(&seen, ranked[i].row, ranked[i].at) != ranked[i].at) {
                continue; /* a product seen before keeps its best entry */
            }
            fields = Py_BuildValue("(ididdOOddO)", (int)ranked[i].row, ranked[i].score, (int)e, lex[p], (double)f[k],
                                   hc[p] ? Py_True : Py_False, own[p] ? Py_True : Py_False,
                                   explained < 1.0 ? explained : 1.0, cov[p], comp[e] ? Py_True : Py_False);
            if (!fields || PyList_Append(found, fields) < 0) {
                Py_XDECREF(fields);
                goto fail;
            }
            Py_DECREF(fields);
        }
    }
    free(ranked);
    idmap_free(&seen);
    for (int i = 0; i < 13; i++) {
        release(&b[i]);
    }
    return Py_BuildValue("(NN)", found, fz_out);
fail:
    Py_XDECREF(found);
    Py_XDECREF(fz_out);
    free(ranked);
    idmap_free(&seen);
    for (int i = 0; i < 13; i++) {
        release(&b[i]);
    }
    return NULL;
}

/* --- the module ------------------------------------------------------------------------------ */

static PyMethodDef kernel_methods[] = {
    {"contains", kernel_contains, METH_VARARGS, contains_doc},
    {"score", kernel_score, METH_VARARGS, score_doc},
    {"candidates", kernel_candidates, METH_VARARGS, candidates_doc},
    {"union", kernel_union, METH_VARARGS, union_doc},
    {"promise", kernel_promise, METH_VARARGS, promise_doc},
    {"key_texts", kernel_key_texts, METH_VARARGS, key_texts_doc},
    {"select", kernel_select, METH_VARARGS, select_doc},
    {"hits", kernel_hits, METH_VARARGS, hits_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef kernel_module = {
    PyModuleDef_HEAD_INIT, "_kernels", "Compiled kernels of the catalog index search.", -1, kernel_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__kernels(void)
{
    return PyModule_Create(&kernel_module);
}
