/* Scoring the candidates: the query terms each holds, the lexical score and the prescore. */

#include "common.h"

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
    PyObject *result = NULL;
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
        || get_buf(o[29], &b[29], 8, 'f', 1, "out_coverage") < 0
        || get_buf(o[30], &b[30], 1, 'b', 1, "out_head_covered") < 0) {
        goto done;
    }
    {
        Buf own_buf, pre_buf;
        own_buf.held = pre_buf.held = 0;
        if (get_buf(o[31], &own_buf, 1, 'b', 1, "out_own") < 0) {
            release(&own_buf);
            goto done;
        }
        if (get_buf(o[32], &pre_buf, 8, 'f', 1, "out_pre") < 0) {
            release(&own_buf);
            release(&pre_buf);
            goto done;
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
            goto done;
        }
        /* the query's distinct terms, a bit each, and each alternative's mask of them */
        if (idmap_init(&map, COUNT(b[3], int32_t)) < 0) {
            goto done;
        }
        for (Py_ssize_t q = 0; q < COUNT(b[3], int32_t); q++) {
            if (ai[q] < 0) {
                PyErr_SetString(PyExc_ValueError, "score: a negative term id");
                goto done;
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
            goto done;
        }
        for (Py_ssize_t a = 0; a < n_alts; a++) {
            if (ao[a + 1] < ao[a] || (a + 1 < n_alts && acon[a + 1] < acon[a])) {
                PyErr_SetString(PyExc_ValueError, "score: alternatives out of order");
                goto done;
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
                goto done;
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
    result = PyLong_FromSsize_t(kept);
done:
    idmap_free(&map);
    free(masks);
    free(row);
    for (int i = 0; i < 31; i++) {
        release(&b[i]);
    }
    return result;
}
