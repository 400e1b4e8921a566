/* Membership of sorted entries in a posting list, and the union of entry lists. */

#include "common.h"

/* --- contains -------------------------------------------------------------------------------- */

PyDoc_STRVAR(contains_doc,
"contains(post, cands, out)\n\n"
"out[i] = cands[i] is in post; both int32, sorted ascending; out bool.");

static PyObject *
kernel_contains(PyObject *self, PyObject *args)
{
    PyObject *o_post, *o_cands, *o_out, *result = NULL;
    Buf post, cands, out;
    post.held = cands.held = out.held = 0;
    if (!PyArg_ParseTuple(args, "OOO:contains", &o_post, &o_cands, &o_out)) {
        return NULL;
    }
    if (get_buf(o_post, &post, 4, 'i', 0, "post") < 0 || get_buf(o_cands, &cands, 4, 'i', 0, "cands") < 0
        || get_buf(o_out, &out, 1, 'b', 1, "out") < 0) {
        goto done;
    }
    if (out.view.len != COUNT(cands, int32_t)) {
        PyErr_SetString(PyExc_ValueError, "contains: out and cands differ in length");
        goto done;
    }
    memset(out.view.buf, 0, (size_t)out.view.len);
    mark_held(DATA(post, int32_t), COUNT(post, int32_t), DATA(cands, int32_t), COUNT(cands, int32_t),
              DATA(out, uint8_t), 0);
    result = Py_None;
    Py_INCREF(result);
done:
    release(&post);
    release(&cands);
    release(&out);
    return result;
}

/* --- union ---------------------------------------------------------------------------------- */

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
