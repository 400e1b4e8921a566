/* Gathering a query's candidates: the entries holding the most concepts, the most promising of
 * them, then the shortest entries of each concept (index.py's CatalogIndex._candidates). */

#include "common.h"

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

/* the candidates (see candidates_doc) into out, sorted; -1 with an exception set */
static int
gather_candidates(const Gather *g, const int64_t *co, const int32_t *ord, Py_ssize_t n_concepts, Py_ssize_t n_alts,
                  Py_ssize_t cap, Py_ssize_t conj_n, Vec *out)
{
    Vec held = {NULL, 0, 0}, tmp = {NULL, 0, 0};
    int32_t *conc = NULL, *conc_alts = NULL;
    int64_t *conc_off = NULL, *conc_held = NULL;
    uint8_t *mask = NULL;
    Py_ssize_t first_rest, total;
    Py_ssize_t holding_cap = g->holding_cap, intersect_max = g->intersect_max;
    int status = -1;
    /* each concept's alternatives for the conjunction: its whole ones (no word of a phrase
     * alone), or all of them when it has none */
    conc = (int32_t *)malloc(sizeof(int32_t) * (size_t)n_concepts);
    conc_off = (int64_t *)malloc(sizeof(int64_t) * (size_t)(n_concepts + 1));
    conc_held = (int64_t *)malloc(sizeof(int64_t) * (size_t)n_concepts);
    conc_alts = (int32_t *)malloc(sizeof(int32_t) * (size_t)n_alts);
    if (!conc || !conc_off || !conc_held || !conc_alts) {
        PyErr_NoMemory();
        goto done;
    }
    conc_off[0] = 0;
    for (Py_ssize_t k = 0; k < n_concepts; k++) {
        int64_t at = conc_off[k];
        for (int64_t a = co[k]; a < co[k + 1]; a++) {
            if (!g->alt_partial[a]) {
                conc_alts[at++] = (int32_t)a;
            }
        }
        if (at == conc_off[k]) {
            for (int64_t a = co[k]; a < co[k + 1]; a++) {
                conc_alts[at++] = (int32_t)a;
            }
        }
        conc_off[k + 1] = at;
        conc_held[k] = held_by(g, conc_alts + conc_off[k], (Py_ssize_t)(at - conc_off[k]));
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
            all_small &= g->df[alt_rarest(g, conc_alts[q])] <= intersect_max;
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
                if (g->alt_off[a + 1] - g->alt_off[a] == 1) { /* a word's postings, as they are */
                    int32_t t = g->alt_ids[g->alt_off[a]];
                    hd = g->by_entry + g->post_off[t];
                    hn = post_len(g, t);
                }
                else {
                    if (holders(g, a, &tmp) < 0) {
                        goto done;
                    }
                    hd = tmp.d;
                    hn = tmp.n;
                }
                grown = (uint8_t *)realloc(mask, (size_t)(hn ? hn : 1));
                if (!grown) {
                    PyErr_NoMemory();
                    goto done;
                }
                mask = grown;
                if (covering(g, ALTS(conc[1]), hd, hn, mask) < 0) {
                    goto done;
                }
                for (Py_ssize_t i = 0; i < hn; i++) {
                    if (mask[i] && vec_extend(&held, hd + i, 1) < 0) {
                        goto done;
                    }
                }
            }
            free(mask);
            mask = NULL;
            if (vec_sort_unique(&held) < 0) {
                goto done;
            }
            if (held.n) {
                Vec swap = *out;
                *out = held;
                held = swap;
                first_rest = 2;
            }
        }
        if (first_rest == 1 && holding(g, ALTS(c0), out) < 0) {
            goto done;
        }
    }
    for (Py_ssize_t r = first_rest; r < n_concepts; r++) {
        int any = 0;
        mask = (uint8_t *)malloc((size_t)(out->n ? out->n : 1));
        if (!mask) {
            PyErr_NoMemory();
            goto done;
        }
        if (covering(g, ALTS(conc[r]), out->d, out->n, mask) < 0) {
            goto done;
        }
        for (Py_ssize_t i = 0; i < out->n && !any; i++) {
            any = mask[i];
        }
        if (any) {
            vec_keep(out, mask);
        }
        free(mask);
        mask = NULL;
        if (!any) {
            break;
        }
    }
#undef ALTS
    /* the most promising entries holding the most concepts, then each concept's shortest */
    if (keep_best(g, out, conj_n) < 0) {
        goto done;
    }
    total = out->n;
    cap = total + cap / 4;
    for (Py_ssize_t r = 0; r < n_concepts; r++) {
        int32_t k = ord[r];
        for (int64_t a = co[k]; a < co[k + 1]; a++) {
            int32_t t = alt_rarest(g, (int32_t)a);
            Py_ssize_t limit = cap - total > cap / 4 ? cap - total : cap / 4;
            Py_ssize_t len = post_len(g, t) < limit ? post_len(g, t) : limit;
            if (vec_extend(out, g->by_len + g->post_off[t], len) < 0) {
                goto done;
            }
            total += len;
        }
        if (total >= cap) {
            break;
        }
    }
    if (vec_sort_unique(out) < 0) {
        goto done;
    }
    status = 0;
done:
    free(conc);
    free(conc_off);
    free(conc_held);
    free(conc_alts);
    free(mask);
    vec_free(&held);
    vec_free(&tmp);
    return status;
}

/* whether the query's concepts and alternatives are sound against the index's postings; -1 with
 * an exception set */
static int
gather_check(const Gather *g, const int64_t *co, const int32_t *ord, Py_ssize_t n_concepts, Py_ssize_t n_alts,
             Py_ssize_t n_ids, Py_ssize_t n_terms, Py_ssize_t n_post)
{
    const int64_t *ao = g->alt_off, *po = g->post_off;
    const int32_t *ai = g->alt_ids;
    if (n_concepts < 1 || n_alts < 1 || co[0] != 0 || co[n_concepts] != n_alts || ao[0] != 0 || ao[n_alts] != n_ids
        || po[n_terms] != n_post) {
        PyErr_SetString(PyExc_ValueError, "candidates: the arrays' lengths disagree");
        return -1;
    }
    for (Py_ssize_t a = 0; a < n_alts; a++) {
        if (ao[a + 1] <= ao[a]) {
            PyErr_SetString(PyExc_ValueError, "candidates: an alternative without terms");
            return -1;
        }
        for (int64_t q = ao[a]; q < ao[a + 1]; q++) {
            if (ai[q] < 0 || ai[q] >= n_terms) {
                PyErr_Format(PyExc_IndexError, "candidates: term %d out of range", ai[q]);
                return -1;
            }
            if (po[ai[q]] < 0 || po[ai[q]] > po[ai[q] + 1] || po[ai[q] + 1] > n_post) {
                PyErr_Format(PyExc_ValueError, "candidates: the postings of term %d are out of range", ai[q]);
                return -1;
            }
        }
    }
    for (Py_ssize_t k = 0; k < n_concepts; k++) {
        if (co[k + 1] <= co[k] || ord[k] < 0 || ord[k] >= n_concepts) {
            PyErr_SetString(PyExc_ValueError, "candidates: a concept without alternatives, or a bad order");
            return -1;
        }
    }
    return 0;
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
    Py_ssize_t cap, conj_n, holding_cap, intersect_max, n_concepts, n_alts, n_terms, n_entries;
    Gather g;
    Vec found = {NULL, 0, 0};
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
        goto done;
    }
    n_concepts = COUNT(coff, int64_t) - 1;
    n_alts = COUNT(aoff, int64_t) - 1;
    n_terms = COUNT(df, int32_t);
    n_entries = COUNT(norm, double);
    if (n_concepts < 1 || n_alts < 1 || COUNT(part, uint8_t) != n_alts || COUNT(order, int32_t) != n_concepts
        || COUNT(poff, int64_t) != n_terms + 1 || COUNT(byl, int32_t) != COUNT(bye, int32_t)
        || COUNT(head, int32_t) != n_entries || COUNT(head2, int32_t) != n_entries
        || COUNT(comp, uint8_t) != n_entries || cap < 1 || conj_n < 1 || holding_cap < 1) {
        PyErr_SetString(PyExc_ValueError, "candidates: the arrays' lengths disagree");
        goto done;
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
    g.n_entries = n_entries;
    g.intersect_max = intersect_max;
    if (gather_check(&g, DATA(coff, int64_t), DATA(order, int32_t), n_concepts, n_alts, COUNT(ids, int32_t), n_terms,
                     COUNT(bye, int32_t)) < 0
        || gather_candidates(&g, DATA(coff, int64_t), DATA(order, int32_t), n_concepts, n_alts, cap, conj_n, &found) < 0) {
        goto done;
    }
    result = PyByteArray_FromStringAndSize((const char *)found.d, found.n * 4);
done:
    vec_free(&found);
    for (size_t b = 0; b < sizeof(bufs) / sizeof(bufs[0]); b++) {
        release(bufs[b]);
    }
    return result;
}
