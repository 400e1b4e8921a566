/* Helpers every kernel shares: reading numpy arrays through the buffer protocol, a small
 * hash map of int32 keys, growable int32 vectors and their radix sort, the selection of the
 * best scored entries, and the rough prescore of an entry. See module.c for the whole. */
#ifndef LISTPARSE_KERNELS_COMMON_H
#define LISTPARSE_KERNELS_COMMON_H

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

/* --- sorted entries ------------------------------------------------------------------------ */

/* the first position from j on where p[pos] >= x (p sorted, m long) */
static inline Py_ssize_t
gallop(const int32_t *p, Py_ssize_t m, Py_ssize_t j, int32_t x)
{
    Py_ssize_t lo, hi, step = 1;
    /* lists of like lengths: the place is most often one of the next few */
    for (Py_ssize_t end = j + 4 < m ? j + 4 : m; j < end; j++) {
        if (p[j] >= x) {
            return j;
        }
    }
    lo = hi = j;
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

/* --- vectors of entries ------------------------------------------------------------------ */

/* sorts non-negative int32 values in place: least significant digit radix, 11 bits a pass, or 8
 * for a short array (fewer counts to clear and add up); insertion for a very short one */
static int
radix_sort(int32_t *a, Py_ssize_t n)
{
    int32_t *tmp;
    uint32_t top = 0;
    int bits = n < 4096 ? 8 : 11;
    uint32_t digit = ((uint32_t)1 << bits) - 1;
    if (n < 2) {
        return 0;
    }
    if (n <= 32) {
        for (Py_ssize_t i = 1; i < n; i++) {
            int32_t v = a[i];
            Py_ssize_t j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
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
    for (int shift = 0; shift < 32 && (top >> shift); shift += bits) {
        Py_ssize_t count[2049];
        memset(count, 0, sizeof(Py_ssize_t) * (digit + 2));
        for (Py_ssize_t i = 0; i < n; i++) {
            count[(((uint32_t)a[i] >> shift) & digit) + 1]++;
        }
        for (uint32_t d = 0; d < digit + 1; d++) {
            count[d + 1] += count[d];
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            tmp[count[((uint32_t)a[i] >> shift) & digit]++] = a[i];
        }
        memcpy(a, tmp, sizeof(int32_t) * (size_t)n);
    }
    free(tmp);
    return 0;
}

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

/* sorted, each entry once (an array already in order, as an intersection leaves it, is only
 * checked) */
static int
vec_sort_unique(Vec *v)
{
    Py_ssize_t kept = 0, i = 1;
    while (i < v->n && v->d[i - 1] <= v->d[i]) {
        i++;
    }
    if (i < v->n && radix_sort(v->d, v->n) < 0) {
        return -1;
    }
    for (i = 0; i < v->n; i++) {
        if (kept == 0 || v->d[i] != v->d[kept - 1]) {
            v->d[kept++] = v->d[i];
        }
    }
    v->n = kept;
    return 0;
}

/* --- the best scored entries ---------------------------------------------------------------- */

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

/* --- the rough prescore ----------------------------------------------------------------------- */

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


#endif
