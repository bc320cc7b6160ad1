/*
 * linkage.c - counting, writing and tracing how rows linked; see linkage.h.
 *
 * The neighbourhood of a row is that of the Kadaster address it linked to; for an
 * unlinked row, that of the first Kadaster address at its house number, else that
 * of any Kadaster address at its postcode, else unknown. Only interned buurt
 * strings reach this file, so the pointer value is the area's identity.
 */
#include "transform/linkage.h"

#include <stdlib.h>
#include <string.h>

void linkage_init(struct linkage *lk)
{
    memset(lk, 0, sizeof *lk);
    hmap_init(&lk->area_index);
}

void linkage_release(struct linkage *lk)
{
    hmap_release(&lk->area_index);
    free(lk->areas);
    free(lk->trace);
    linkage_init(lk);
}

int linkage_follow(struct linkage *lk, const struct addr_key *k)
{
    lk->trace = calloc(LINKAGE_TRACE_MAX, sizeof *lk->trace);
    if (!lk->trace)
        return -1;
    lk->tracing = 1;
    lk->trace_key = *k;
    return 0;
}

/* ------------------------------------------------------------------ areas */

static struct linkage_area *area_lookup(struct linkage *lk, const char *neighbourhood)
{
    char key[sizeof neighbourhood];
    memcpy(key, &neighbourhood, sizeof key);
    uint32_t *v = hmap_get(&lk->area_index, key, sizeof key);
    if (v)
        return &lk->areas[*v];
    if (lk->n_areas == lk->cap_areas) {
        uint32_t cap = lk->cap_areas ? lk->cap_areas * 2 : 64;
        struct linkage_area *p = realloc(lk->areas, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        lk->areas = p;
        lk->cap_areas = cap;
    }
    if (!hmap_put(&lk->area_index, key, sizeof key, lk->n_areas, NULL))
        return NULL;
    struct linkage_area *a = &lk->areas[lk->n_areas++];
    memset(a, 0, sizeof *a);
    a->neighbourhood = neighbourhood;
    return a;
}

static struct linkage_area *area_of(struct linkage *lk, const char *neighbourhood)
{
    if (lk->last_valid && neighbourhood == lk->last_neighbourhood)
        return &lk->areas[lk->last_area];
    struct linkage_area *a = area_lookup(lk, neighbourhood);
    if (a) {
        lk->last_neighbourhood = neighbourhood;
        lk->last_area = (uint32_t)(a - lk->areas);
        lk->last_valid = 1;
    }
    return a;
}

static const char *row_neighbourhood(const struct link *l, const struct addr_key *k,
                                     const struct link_match *m)
{
    const struct address *addrs = l->d->addrs;
    if (m->addr != NONE_IDX)
        return addrs[m->addr].neighbourhood;
    if (m->first != NONE_IDX)
        return addrs[m->first].neighbourhood;
    return k ? link_neighbourhood(l, k) : NULL;
}

/* --------------------------------------------------------------- written */

/* Append s[0..n) to out: control bytes as '?', cut at a UTF-8 boundary. */
static size_t put_text(char *out, size_t at, size_t cap, const char *s, size_t n)
{
    size_t room = cap - 1 - at, k = n < room ? n : room;
    while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--; /* do not split a character */
    for (size_t i = 0; i < k; i++)
        out[at + i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
    out[at + k] = '\0';
    return at + k;
}

static void field_text(const struct row *r, enum field_id f, char *out, size_t cap)
{
    out[0] = '\0';
    if (row_has(r, f))
        put_text(out, 0, cap, r->v[f].s, r->v[f].len);
}

/* "5664 ab, 12, letter A, toevoeging 2, bag 0363..." - what the row wrote. */
static void written_of(const struct row *r, char *out, size_t cap)
{
    static const struct {
        enum field_id f;
        const char *label;
    } PARTS[] = {{F_POSTCODE, ""},
                 {F_HOUSE_NUMBER, ""},
                 {F_HOUSE_LETTER, "letter "},
                 {F_HOUSE_SUFFIX, "toevoeging "},
                 {F_BAG_ID, "bag "}};
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof PARTS / sizeof PARTS[0]; i++) {
        enum field_id f = PARTS[i].f;
        if (!row_has(r, f))
            continue;
        if (at)
            at = put_text(out, at, cap, ", ", 2);
        at = put_text(out, at, cap, PARTS[i].label, strlen(PARTS[i].label));
        at = put_text(out, at, cap, r->v[f].s, r->v[f].len);
    }
}

/* ------------------------------------------------------------- unlinked */

static int cmp_key(const void *x, const void *y)
{
    return addr_key_cmp(x, y);
}

/* "12A 12B 12C" - the units the Kadaster has at the number, sorted, at most 12. */
static void candidates_text(const struct link *l, const struct link_match *m, char *out, size_t cap)
{
    enum { SHOWN = 12 };
    struct addr_key keys[SHOWN];
    size_t n = 0;
    for (uint32_t c = m->first; c != NONE_IDX && n < SHOWN; c = link_next(l, c))
        keys[n++] = l->d->addrs[c].key;
    qsort(keys, n, sizeof keys[0], cmp_key);
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && at + 16 < cap; i++) {
        char num[24];
        addr_key_number_text(&keys[i], num, sizeof num);
        at += (size_t)snprintf(out + at, cap - at, "%s%s", i ? " " : "", num);
    }
    if (m->n_candidates > n && at + 16 < cap)
        snprintf(out + at, cap - at, " (+%u more)", (unsigned)(m->n_candidates - n));
}

static void report_unlinked(const struct linkage *lk, const struct link *l, const struct row *r,
                            const struct addr_key *k, const struct link_match *m)
{
    static const enum field_id PARTS[] = {F_POSTCODE, F_HOUSE_NUMBER, F_HOUSE_LETTER,
                                          F_HOUSE_SUFFIX};
    char written[4][64], num[24], read_as[40], cand[256];
    for (size_t i = 0; i < 4; i++)
        field_text(r, PARTS[i], written[i], sizeof written[i]);
    addr_key_number_text(k, num, sizeof num);
    snprintf(read_as, sizeof read_as, "%s %s", k->postcode, num);
    candidates_text(l, m, cand, sizeof cand);
    struct linkage_unlinked row = {.source = r->source,
                                   .file = lk->file_name[r->source] ? lk->file_name[r->source] : "",
                                   .line = r->line,
                                   .cls = m->cls == LINK_AMBIGUOUS ? "AMBIGUOUS" : "NONE",
                                   .reason = link_class_text(m->cls),
                                   .written = {written[0], written[1], written[2], written[3]},
                                   .read_as = read_as,
                                   .candidates = cand};
    lk->unlinked(lk->unlinked_ctx[r->source], &row);
}

/* ---------------------------------------------------------------- trace */

static int traced(const struct linkage *lk, const struct link *l, const struct addr_key *k,
                  uint32_t addr)
{
    const struct addr_key *t = &lk->trace_key;
    if (k && k->number == t->number && memcmp(k->postcode, t->postcode, 6) == 0)
        return 1;
    const struct addr_key *a = addr != NONE_IDX ? &l->d->addrs[addr].key : NULL;
    return a && a->number == t->number && memcmp(a->postcode, t->postcode, 6) == 0;
}

static void add_trace(struct linkage *lk, const struct row *r, const struct link_match *m,
                      uint32_t addr)
{
    if (lk->n_trace == LINKAGE_TRACE_MAX) {
        lk->trace_dropped++;
        return;
    }
    struct linkage_trace *t = &lk->trace[lk->n_trace++];
    t->source = r->source;
    t->line = r->line;
    t->cls = m->cls;
    t->addr = addr;
    written_of(r, t->written, sizeof t->written);
}

/* ----------------------------------------------------------------- note */

int linkage_note(struct linkage *lk, const struct link *l, const struct row *r,
                 const struct addr_key *k, const struct link_match *m, uint32_t addr)
{
    lk->cls[r->source][m->cls]++;
    int linked = link_class_linked(m->cls);
    if (r->source != SRC_KADASTER_OBJECTS) {
        struct linkage_area *a = area_of(lk, row_neighbourhood(l, k, m));
        if (!a)
            return -1;
        a->rows[r->source]++;
        a->unlinked[r->source] += !linked;
    }
    if (!linked && k && lk->unlinked && lk->unlinked_ctx[r->source])
        report_unlinked(lk, l, r, k, m);
    if (lk->tracing && traced(lk, l, k, addr))
        add_trace(lk, r, m, addr);
    return 0;
}

int linkage_merge(struct linkage *dst, const struct linkage *lane)
{
    for (int s = 0; s < SRC_COUNT; s++) {
        for (int c = 0; c < LINK_CLASS_COUNT; c++)
            dst->cls[s][c] += lane->cls[s][c];
        dst->bag_invalid[s] += lane->bag_invalid[s];
        dst->bag_unknown[s] += lane->bag_unknown[s];
    }
    for (uint32_t i = 0; i < lane->n_areas; i++) {
        const struct linkage_area *from = &lane->areas[i];
        struct linkage_area *to = area_lookup(dst, from->neighbourhood);
        if (!to)
            return -1;
        for (int s = 0; s < SRC_COUNT; s++)
            to->rows[s] += from->rows[s], to->unlinked[s] += from->unlinked[s];
    }
    for (size_t i = 0; dst->tracing && i < lane->n_trace; i++) {
        if (dst->n_trace == LINKAGE_TRACE_MAX)
            dst->trace_dropped++;
        else
            dst->trace[dst->n_trace++] = lane->trace[i];
    }
    dst->trace_dropped += lane->trace_dropped;
    return 0;
}

void linkage_trace_sort(struct linkage *lk)
{
    for (size_t i = 1; i < lk->n_trace; i++) {
        struct linkage_trace t = lk->trace[i];
        size_t k = i;
        for (; k > 0 && (lk->trace[k - 1].source > t.source ||
                         (lk->trace[k - 1].source == t.source && lk->trace[k - 1].line > t.line));
             k--)
            lk->trace[k] = lk->trace[k - 1];
        lk->trace[k] = t;
    }
}

uint64_t linkage_linked(const struct linkage *lk, enum source_id src)
{
    uint64_t n = 0;
    for (int c = 0; c < LINK_CLASS_COUNT; c++)
        n += link_class_linked(c) ? lk->cls[src][c] : 0;
    return n;
}

uint64_t linkage_rows(const struct linkage *lk, enum source_id src)
{
    uint64_t n = 0;
    for (int c = 0; c < LINK_CLASS_COUNT; c++)
        n += lk->cls[src][c];
    return n;
}

double linkage_area_share(const struct linkage_area *a)
{
    uint64_t rows = 0, unlinked = 0;
    for (int s = 0; s < SRC_COUNT; s++)
        rows += a->rows[s], unlinked += a->unlinked[s];
    return rows ? (double)unlinked / (double)rows : 0;
}

/* qsort has no context argument: sort (share, name, index) records instead. */
struct area_rank {
    double share;
    const char *name;
    uint32_t idx;
};

static int cmp_rank(const void *x, const void *y)
{
    const struct area_rank *a = x, *b = y;
    if (a->share != b->share)
        return a->share < b->share ? 1 : -1;
    if (!a->name || !b->name)
        return a->name ? -1 : (b->name ? 1 : 0); /* unknown last */
    return strcmp(a->name, b->name);
}

int linkage_areas_sorted(const struct linkage *lk, uint32_t **order)
{
    size_t n = lk->n_areas;
    struct area_rank *rank = malloc((n ? n : 1) * sizeof *rank);
    *order = malloc((n ? n : 1) * sizeof **order);
    if (!rank || !*order) {
        free(rank);
        free(*order);
        *order = NULL;
        return -1;
    }
    for (uint32_t i = 0; i < n; i++)
        rank[i] =
            (struct area_rank){linkage_area_share(&lk->areas[i]), lk->areas[i].neighbourhood, i};
    qsort(rank, n, sizeof *rank, cmp_rank);
    for (size_t i = 0; i < n; i++)
        (*order)[i] = rank[i].idx;
    free(rank);
    return 0;
}
