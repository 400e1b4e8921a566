/* Compiled kernels of the catalog index search.
 *
 * Each function does in one call what listparse/catalog/kernels.py does with several numpy
 * calls; that module holds the reference implementation of each (same arguments, same
 * results) and chooses between the two. Arrays come in through the buffer protocol, as
 * C-contiguous buffers whose element types the Python side checks (int32 entries and term ids,
 * int64 offsets, uint64 hashes, float32 norms, uint8 levels, float64 scores); results go to
 * caller-allocated output buffers or come back as Python objects.
 *
 * Built at install time by hatch_build.py, as one translation unit: this file includes the
 * others, whose helpers stay static. Without a C compiler the package runs on numpy.
 *
 *   common.h      arrays through the buffer protocol, small maps, vectors, selection
 *   membership.c  sorted entries in a posting list; the union of entry lists
 *   candidates.c  the entries a query gathers
 *   score.c       their lexical score and prescore
 *   rescore.c     the entries to rescore, their key texts, the hits
 *   typos.c       the terms the deletes of a word meet, for its typo fixes
 *   search.c      the whole search in one call: the steps above, rapidfuzz called back
 */
#include "common.h"
#include "membership.c"
#include "candidates.c"
#include "score.c"
#include "rescore.c"
#include "typos.c"
#include "search.c"

/* --- the module ------------------------------------------------------------------------------ */

static PyMethodDef kernel_methods[] = {
    {"contains", kernel_contains, METH_VARARGS, contains_doc},
    {"score", kernel_score, METH_VARARGS, score_doc},
    {"candidates", kernel_candidates, METH_VARARGS, candidates_doc},
    {"union", kernel_union, METH_VARARGS, union_doc},
    {"key_texts", kernel_key_texts, METH_VARARGS, key_texts_doc},
    {"select", kernel_select, METH_VARARGS, select_doc},
    {"hits", kernel_hits, METH_VARARGS, hits_doc},
    {"delete_owners", kernel_delete_owners, METH_VARARGS, delete_owners_doc},
    {"search", kernel_search, METH_VARARGS, search_doc},
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
