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

/* the inputs of the scoring, as plain arrays (see score_doc) */
typedef struct {
    const int64_t *eo, *ao;
    const int32_t *et, *ai, *acon, *h1, *h2, *hid, *fr, *en;
    const double *asq, *amass, *root;
    const uint8_t *acov, *comp, *lang;
    Py_ssize_t n_entries, n_terms, n_ids, n_alts, n_hid, n_fr, n_en;
    int head, asked, use_heads;
    double q_sq, lex_weight, bonus, elsewhere, missing, cost;
} ScoreIn;

/* the columns of the kept candidates */
typedef struct {
    int32_t *cands;
    double *lex, *matched, *coverage, *pre;
    uint8_t *head_covered, *own;
} ScoreOut;

/* the score_doc arguments 0 and 3 to 25 (not the candidates, not the outputs) read into in,
 * their buffers held in b[0..25]; -1 with an exception set */
static int
score_inputs(PyObject *args, Buf *b, ScoreIn *in)
{
    PyObject *o[26];
    for (int i = 0; i < 26; i++) {
        b[i].held = 0;
    }
    if (!PyArg_ParseTuple(args, "OOOOOOOOOiOdOiOOOOOOiddddd:score", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5],
                          &o[6], &o[7], &o[8], &in->head, &o[10], &in->q_sq, &o[12], &in->asked, &o[14], &o[15],
                          &o[16], &o[17], &o[18], &o[19], &in->use_heads, &in->lex_weight, &in->bonus,
                          &in->elsewhere, &in->missing, &in->cost)) {
        return -1;
    }
    if (get_buf(o[0], &b[0], 8, 'i', 0, "entry_off") < 0 || get_buf(o[1], &b[1], 4, 'i', 0, "entry_terms") < 0
        || get_buf(o[3], &b[3], 4, 'i', 0, "alt_ids") < 0 || get_buf(o[4], &b[4], 8, 'i', 0, "alt_off") < 0
        || get_buf(o[5], &b[5], 8, 'f', 0, "alt_sq") < 0 || get_buf(o[6], &b[6], 8, 'f', 0, "alt_mass") < 0
        || get_buf(o[7], &b[7], 4, 'i', 0, "alt_concept") < 0 || get_buf(o[8], &b[8], 1, 'u', 0, "alt_covers") < 0
        || get_buf(o[10], &b[10], 8, 'f', 0, "root") < 0 || get_buf(o[12], &b[12], 1, 'u', 0, "complement") < 0
        || get_buf(o[14], &b[14], 4, 'i', 0, "entry_head") < 0 || get_buf(o[15], &b[15], 4, 'i', 0, "entry_head2") < 0
        || get_buf(o[16], &b[16], 1, 'u', 0, "entry_lang") < 0 || get_buf(o[17], &b[17], 4, 'i', 0, "head_ids") < 0
        || get_buf(o[18], &b[18], 4, 'i', 0, "fr_ids") < 0 || get_buf(o[19], &b[19], 4, 'i', 0, "en_ids") < 0) {
        return -1;
    }
    in->eo = DATA(b[0], int64_t);
    in->et = DATA(b[1], int32_t);
    in->ai = DATA(b[3], int32_t);
    in->ao = DATA(b[4], int64_t);
    in->asq = DATA(b[5], double);
    in->amass = DATA(b[6], double);
    in->acon = DATA(b[7], int32_t);
    in->acov = DATA(b[8], uint8_t);
    in->root = DATA(b[10], double);
    in->comp = DATA(b[12], uint8_t);
    in->h1 = DATA(b[14], int32_t);
    in->h2 = DATA(b[15], int32_t);
    in->lang = DATA(b[16], uint8_t);
    in->hid = DATA(b[17], int32_t);
    in->fr = DATA(b[18], int32_t);
    in->en = DATA(b[19], int32_t);
    in->n_alts = COUNT(b[5], double);
    in->n_entries = COUNT(b[10], double);
    in->n_terms = COUNT(b[1], int32_t);
    in->n_ids = COUNT(b[3], int32_t);
    in->n_hid = COUNT(b[17], int32_t);
    in->n_fr = COUNT(b[18], int32_t);
    in->n_en = COUNT(b[19], int32_t);
    if (COUNT(b[4], int64_t) != in->n_alts + 1 || COUNT(b[6], double) != in->n_alts
        || COUNT(b[7], int32_t) != in->n_alts || COUNT(b[8], uint8_t) != in->n_alts
        || COUNT(b[0], int64_t) != in->n_entries + 1 || COUNT(b[12], uint8_t) != in->n_entries
        || COUNT(b[14], int32_t) != in->n_entries || COUNT(b[15], int32_t) != in->n_entries
        || COUNT(b[16], uint8_t) != in->n_entries || in->n_alts < 1 || in->ao[0] != 0
        || in->ao[in->n_alts] != in->n_ids) {
        PyErr_SetString(PyExc_ValueError, "score: the arrays' lengths disagree");
        return -1;
    }
    return 0;
}

/* scores the n candidates c into out (the kept ones, in order); how many are kept, or -1 with
 * an exception set */
static Py_ssize_t
score_core(const ScoreIn *in, const int32_t *c, Py_ssize_t n, const ScoreOut *out)
{
    const int64_t *eo = in->eo, *ao = in->ao;
    const int32_t *et = in->et, *ai = in->ai, *acon = in->acon, *h1 = in->h1, *h2 = in->h2;
    const int32_t *hid = in->hid, *fr = in->fr, *en = in->en;
    const double *asq = in->asq, *amass = in->amass, *root = in->root;
    const uint8_t *acov = in->acov, *comp = in->comp, *lang = in->lang;
    const Py_ssize_t n_alts = in->n_alts, n_entries = in->n_entries, n_terms = in->n_terms;
    const Py_ssize_t n_hid = in->n_hid, n_fr = in->n_fr, n_en = in->n_en;
    const int head = in->head, asked = in->asked, use_heads = in->use_heads;
    const double q_sq = in->q_sq, lex_weight = in->lex_weight, bonus = in->bonus, elsewhere = in->elsewhere;
    const double missing = in->missing, cost = in->cost;
    int32_t *oc = out->cands;
    double *olex = out->lex, *omat = out->matched, *ocov = out->coverage, *opre = out->pre;
    uint8_t *ohc = out->head_covered, *oown = out->own;
    IdMap map = {NULL, NULL, 0};
    uint64_t *masks = NULL, *row = NULL;
    unsigned slot, memo;
    uint64_t seen_key[64], sieve[64], memo_row[64];
    double memo_coverage[64], memo_matched[64], memo_cov08[64], memo_mat02[64];
    uint8_t memo_set[64] = {0};
    int memo_head[64]; /* sieve: a bit per term id modulo 4096, set for the query's */
    double seen_cov[64], seen_mat[64];
    int cache = n_alts < 64;
    Py_ssize_t k = 0, words, kept = -1, count = 0;
    /* the query's distinct terms, a bit each, and each alternative's mask of them */
    if (idmap_init(&map, in->n_ids) < 0) {
        goto done;
    }
    for (Py_ssize_t q = 0; q < in->n_ids; q++) {
        if (ai[q] < 0) {
            PyErr_SetString(PyExc_ValueError, "score: a negative term id");
            goto done;
        }
        if (idmap_put(&map, ai[q], (int32_t)k) == (int32_t)k) {
            k++;
        }
    }
    memset(sieve, 0, sizeof(sieve));
    for (Py_ssize_t q = 0; q < in->n_ids; q++) {
        sieve[(ai[q] >> 6) & 63] |= (uint64_t)1 << (ai[q] & 63);
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
            int32_t term = et[t], j;
            if (!(sieve[(term >> 6) & 63] >> (term & 63) & 1)) {
                continue; /* no query term: most of an entry's */
            }
            j = idmap_get(&map, term);
            if (j >= 0) {
                row[j >> 6] |= (uint64_t)1 << (j & 63);
            }
        }
        /* what the candidate holds of the query depends on its terms alone: candidates holding
         * the same terms (most hold one or two of few) share it, worked out once */
        memo = words == 1 ? (unsigned)((row[0] * 0x9E3779B97F4A7C15ULL) >> 58) : 64;
        if (memo < 64 && memo_set[memo] && memo_row[memo] == row[0]) {
            coverage = memo_coverage[memo];
            matched = memo_matched[memo];
            cov08 = memo_cov08[memo];
            mat02 = memo_mat02[memo];
            head_covered = memo_head[memo];
        }
        else {
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
            slot = (unsigned)((pattern * 0x9E3779B97F4A7C15ULL) >> 58); /* a multiply, not a division */
            if (cache && seen_key[slot] == pattern) {
                cov08 = seen_cov[slot];
                mat02 = seen_mat[slot];
            }
            else {
                cov08 = pow(coverage, 0.8);
                mat02 = pow(matched, 0.2);
                seen_key[slot] = pattern;
                seen_cov[slot] = cov08;
                seen_mat[slot] = mat02;
            }
            if (memo < 64) {
                memo_set[memo] = 1;
                memo_row[memo] = row[0];
                memo_coverage[memo] = coverage;
                memo_matched[memo] = matched;
                memo_cov08[memo] = cov08;
                memo_mat02[memo] = mat02;
                memo_head[memo] = head_covered;
            }
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
        oc[count] = e;
        olex[count] = lex;
        omat[count] = matched;
        ocov[count] = coverage;
        ohc[count] = (uint8_t)head_covered;
        oown[count] = (uint8_t)own;
        opre[count] = pre;
        count++;
    }
    kept = count;
done:
    idmap_free(&map);
    free(masks);
    free(row);
    return kept;
}

static PyObject *
kernel_score(PyObject *self, PyObject *args)
{
    Buf b[26], out[7];
    ScoreIn in;
    ScoreOut o;
    PyObject *inputs = NULL, *o_cands, *o_out[7], *result = NULL;
    static const char *out_names[7] = {"out_cands", "out_lex", "out_matched", "out_coverage", "out_head_covered",
                                       "out_own", "out_pre"};
    static const Py_ssize_t out_sizes[7] = {4, 8, 8, 8, 1, 1, 8};
    static const char out_kinds[7] = {'i', 'f', 'f', 'f', 'b', 'b', 'f'};
    Py_ssize_t n, kept;
    Buf cands;
    cands.held = 0;
    for (int i = 0; i < 26; i++) {
        b[i].held = 0;
    }
    for (int i = 0; i < 7; i++) {
        out[i].held = 0;
    }
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) != 33) {
        PyErr_SetString(PyExc_TypeError, "score: expected 33 arguments");
        return NULL;
    }
    inputs = PyTuple_GetSlice(args, 0, 26);
    if (!inputs || score_inputs(inputs, b, &in) < 0) {
        goto done;
    }
    o_cands = PyTuple_GET_ITEM(args, 2);
    for (int i = 0; i < 7; i++) {
        o_out[i] = PyTuple_GET_ITEM(args, 26 + i);
    }
    if (get_buf(o_cands, &cands, 4, 'i', 0, "cands") < 0) {
        goto done;
    }
    n = COUNT(cands, int32_t);
    for (int i = 0; i < 7; i++) {
        if (get_buf(o_out[i], &out[i], out_sizes[i], out_kinds[i], 1, out_names[i]) < 0) {
            goto done;
        }
        if (out[i].view.len != n * out_sizes[i]) {
            PyErr_SetString(PyExc_ValueError, "score: the arrays' lengths disagree");
            goto done;
        }
    }
    o.cands = DATA(out[0], int32_t);
    o.lex = DATA(out[1], double);
    o.matched = DATA(out[2], double);
    o.coverage = DATA(out[3], double);
    o.head_covered = DATA(out[4], uint8_t);
    o.own = DATA(out[5], uint8_t);
    o.pre = DATA(out[6], double);
    kept = score_core(&in, DATA(cands, int32_t), n, &o);
    if (kept >= 0) {
        result = PyLong_FromSsize_t(kept);
    }
done:
    Py_XDECREF(inputs);
    release(&cands);
    for (int i = 0; i < 26; i++) {
        release(&b[i]);
    }
    for (int i = 0; i < 7; i++) {
        release(&out[i]);
    }
    return result;
}
