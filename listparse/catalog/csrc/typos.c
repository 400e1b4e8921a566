/* The terms one deletion meets: symmetric deletes looked up for typo fixes (index.py's
 * CatalogIndex._typo_fixes, kernels.py's py_delete_owners). */

#include "common.h"

/* CRC-32 (IEEE 802.3, reflected, as zlib.crc32): the index keys each delete by it */
static uint32_t crc_table[256];
static int crc_ready = 0;

static void
crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
    crc_ready = 1;
}

static uint32_t
crc32_of(const unsigned char *p, Py_ssize_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i < n; i++) {
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

/* the UTF-8 of the word's code points, all but the one at `skip` (-1: none); its length in
 * bytes; -1 for a surrogate, which has no UTF-8 */
static Py_ssize_t
utf8_without(int kind, const void *data, Py_ssize_t len, Py_ssize_t skip, unsigned char *out)
{
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c;
        if (i == skip) {
            continue;
        }
        c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {
            out[at++] = (unsigned char)c;
        }
        else if (c < 0x800) {
            out[at++] = (unsigned char)(0xC0 | (c >> 6));
            out[at++] = (unsigned char)(0x80 | (c & 0x3F));
        }
        else if (c >= 0xD800 && c <= 0xDFFF) {
            return -1;
        }
        else if (c < 0x10000) {
            out[at++] = (unsigned char)(0xE0 | (c >> 12));
            out[at++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            out[at++] = (unsigned char)(0x80 | (c & 0x3F));
        }
        else {
            out[at++] = (unsigned char)(0xF0 | (c >> 18));
            out[at++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            out[at++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            out[at++] = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    return at;
}

/* the first position from lo on, before hi, where keys[pos] >= key (upper: > key) */
static Py_ssize_t
key_bound(const uint32_t *keys, Py_ssize_t lo, Py_ssize_t hi, uint32_t key, int upper)
{
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < key || (upper && keys[mid] == key)) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

static int
cmp_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* the distinct owners of the word's keys (the word and each of its deletes), sorted, as int32
 * bytes; none for a word shorter than `shortest` or holding a surrogate */
static PyObject *
word_owners(PyObject *word, Py_ssize_t shortest, const uint32_t *keys, const int32_t *owners, Py_ssize_t n_keys,
            const int64_t *directory, Py_ssize_t n_terms)
{
    Py_ssize_t len, kept = 0;
    int kind;
    const void *data;
    unsigned char *text = NULL;
    Vec found = {NULL, 0, 0};
    PyObject *result = NULL;
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "delete_owners: words must be str");
        return NULL;
    }
    len = PyUnicode_GET_LENGTH(word);
    kind = PyUnicode_KIND(word);
    data = PyUnicode_DATA(word);
    if (len >= shortest && len > 0) {
        text = (unsigned char *)malloc((size_t)(4 * len));
        if (!text) {
            PyErr_NoMemory();
            return NULL;
        }
        /* skip = -1: the word itself, then each deletion */
        for (Py_ssize_t skip = -1; skip < len; skip++) {
            Py_ssize_t n = utf8_without(kind, data, len, skip, text), lo, hi;
            uint32_t key;
            if (n < 0) {
                found.n = 0;
                break;
            }
            key = crc32_of(text, n);
            /* the keys of the same top 16 bits, from the directory: a short search in a few
             * cache lines rather than a long one across the whole array */
            lo = directory ? (Py_ssize_t)directory[key >> 16] : 0;
            hi = directory ? (Py_ssize_t)directory[(key >> 16) + 1] : n_keys;
            if (lo < 0 || hi > n_keys || lo > hi) { /* a directory that is not the keys': all of them */
                lo = 0;
                hi = n_keys;
            }
            lo = key_bound(keys, lo, hi, key, 0);
            hi = lo < hi && keys[lo] == key ? key_bound(keys, lo, hi, key, 1) : lo;
            for (Py_ssize_t j = lo; j < hi; j++) {
                if (owners[j] < 0 || owners[j] >= n_terms) {
                    PyErr_Format(PyExc_IndexError, "delete_owners: term %d out of range", owners[j]);
                    goto done;
                }
            }
            if (vec_extend(&found, owners + lo, hi - lo) < 0) {
                goto done;
            }
        }
    }
    if (found.n > 1) {
        qsort(found.d, (size_t)found.n, sizeof(int32_t), cmp_int32);
    }
    for (Py_ssize_t i = 0; i < found.n; i++) {
        if (kept == 0 || found.d[i] != found.d[kept - 1]) {
            found.d[kept++] = found.d[i];
        }
    }
    result = PyBytes_FromStringAndSize(found.d ? (const char *)found.d : "", kept * (Py_ssize_t)sizeof(int32_t));
done:
    free(text);
    free(found.d);
    return result;
}

PyDoc_STRVAR(delete_owners_doc,
"delete_owners(words, shortest, del_key, del_term, n_terms[, directory]) -> tuple of bytes\n\n"
"For each word (str): the distinct terms (int32 bytes, ascending) owning the CRC-32 key of the\n"
"word's UTF-8 or of one of its one-letter deletes; del_key uint32 sorted, del_term int32.\n"
"No terms for a word shorter than shortest, or holding a surrogate. directory (int64, 65,537\n"
"places): where the keys of each top 16 bits start in del_key, and its length last.");

static PyObject *
kernel_delete_owners(PyObject *self, PyObject *args)
{
    PyObject *o_words, *o_keys, *o_owners, *o_dir = Py_None, *seq = NULL, *result = NULL;
    Py_ssize_t shortest, n_terms, n_words;
    Buf keys, owners, dir;
    const int64_t *directory = NULL;
    keys.held = owners.held = dir.held = 0;
    if (!PyArg_ParseTuple(args, "OnOOn|O:delete_owners", &o_words, &shortest, &o_keys, &o_owners, &n_terms, &o_dir)) {
        return NULL;
    }
    if (!crc_ready) {
        crc_init();
    }
    if (get_buf(o_keys, &keys, 4, 'u', 0, "del_key") < 0 || get_buf(o_owners, &owners, 4, 'i', 0, "del_term") < 0) {
        goto done;
    }
    if (COUNT(keys, uint32_t) != COUNT(owners, int32_t)) {
        PyErr_SetString(PyExc_ValueError, "delete_owners: del_key and del_term differ in length");
        goto done;
    }
    if (o_dir != Py_None) {
        const int64_t *d;
        if (get_buf(o_dir, &dir, 8, 'i', 0, "directory") < 0) {
            goto done;
        }
        d = DATA(dir, int64_t);
        if (COUNT(dir, int64_t) != 65537 || d[0] != 0 || d[65536] != COUNT(keys, uint32_t)) {
            PyErr_SetString(PyExc_ValueError, "delete_owners: a directory of 65,537 places from 0 to the keys' count");
            goto done;
        }
        directory = d;
    }
    seq = PySequence_Fast(o_words, "delete_owners: words must be a sequence");
    if (!seq) {
        goto done;
    }
    n_words = PySequence_Fast_GET_SIZE(seq);
    result = PyTuple_New(n_words);
    if (!result) {
        goto done;
    }
    for (Py_ssize_t w = 0; w < n_words; w++) {
        PyObject *found = word_owners(PySequence_Fast_GET_ITEM(seq, w), shortest, DATA(keys, uint32_t),
                                      DATA(owners, int32_t), COUNT(keys, uint32_t), directory, n_terms);
        if (!found) {
            Py_CLEAR(result);
            goto done;
        }
        PyTuple_SET_ITEM(result, w, found);
    }
done:
    Py_XDECREF(seq);
    release(&keys);
    release(&owners);
    release(&dir);
    return result;
}
