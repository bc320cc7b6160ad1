/*
 * score.c - see score.h. Two passes: (1) every enabled indicator on every address,
 * keeping only fired results; (2) per theme, sum and list.
 */
#include "score/score.h"

#include "score/indicator.h"
#include "score/peer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int add_hit(struct score_result *r, uint32_t addr, int ind, double contribution,
                   const struct ind_result *res)
{
    if (r->n_hits == r->cap_hits) {
        size_t cap = r->cap_hits ? r->cap_hits * 2 : 1024;
        struct hit *h = realloc(r->hits, cap * sizeof *h);
        if (!h)
            return -1;
        r->hits = h;
        r->cap_hits = cap;
    }
    const char *copy = arena_strdup(&r->mem, res->reason);
    if (!copy)
        return -1;
    r->hits[r->n_hits++] = (struct hit){
        addr, (uint8_t)ind, (uint8_t)res->themes, (float)contribution, (float)res->strength, copy};
    return 0;
}

void score_sample_add(struct score_sample *s, double raw, int fired)
{
    if (!isfinite(raw)) /* e.g. a profile of zero months: nothing to place on an axis */
        return;
    if (s->stride == 0)
        s->stride = 1;
    if (s->seen++ % s->stride != 0)
        return;
    if (s->n == SCORE_SAMPLE_MAX) { /* full: keep every other value, halve the rate */
        for (uint32_t i = 0; i < SCORE_SAMPLE_MAX / 2; i++) {
            s->raw[i] = s->raw[2 * i];
            s->fired[i] = s->fired[2 * i];
        }
        s->n = SCORE_SAMPLE_MAX / 2;
        s->stride *= 2;
        if ((s->seen - 1) % s->stride != 0)
            return;
    }
    s->raw[s->n] = (float)raw;
    s->fired[s->n++] = (uint8_t)(fired != 0);
}

static int evaluate_all(const struct dataset *d, const struct score_opts *o,
                        const struct score_ctx *ctx, struct score_result *r)
{
    for (uint32_t i = 0; i < d->n_addrs; i++) {
        for (int id = 0; id < IND_COUNT; id++) {
            const struct indicator_cfg *c = &o->ind[id];
            if (!c->enabled)
                continue;
            struct ind_result res = {0};
            enum ind_outcome out = indicator_get(id)->eval(ctx, c, &d->addrs[i], &res);
            if (out == IND_NOT_EVALUABLE)
                continue;
            r->n_evaluable[id]++;
            if (r->samples)
                score_sample_add(&r->samples[id], res.raw, out == IND_FIRED);
            if (out != IND_FIRED)
                continue;
            r->n_fired[id]++;
            if (add_hit(r, i, id, c->weight * res.strength, &res) != 0)
                return -1;
        }
    }
    return 0;
}

int score_hit_counts(const struct score_result *r, const struct score_opts *o,
                     const struct listing *l, size_t h, enum theme_id t)
{
    const struct hit *hit = &r->hits[h];
    if (!(o->themes[t].indicators & (1u << hit->ind)) ||
        (hit->themes && !(hit->themes & (1u << t))))
        return 0;
    int group = catalogue_indicator(hit->ind)->group;
    if (group == 0)
        return 1;
    for (size_t k = l->first_hit; k < l->first_hit + l->n_hits; k++) {
        const struct hit *other = &r->hits[k];
        if (k == h || !(o->themes[t].indicators & (1u << other->ind)) ||
            catalogue_indicator(other->ind)->group != group)
            continue;
        if (other->contribution > hit->contribution ||
            (other->contribution == hit->contribution && k < h))
            return 0;
    }
    return 1;
}

/* Sum the counting hits of one address for theme t. */
static void theme_score(const struct score_result *r, const struct score_opts *o, struct listing *l,
                        enum theme_id t)
{
    unsigned sources = 0;
    l->score = 0;
    for (size_t h = l->first_hit; h < l->first_hit + l->n_hits; h++) {
        if (!score_hit_counts(r, o, l, h, t))
            continue;
        l->score += r->hits[h].contribution;
        sources |= catalogue_evidence(r->hits[h].ind);
    }
    l->n_sources = (uint16_t)__builtin_popcount(sources);
}

static int cmp_listing(const void *pa, const void *pb)
{
    const struct listing *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return addr_key_cmp(&a->key, &b->key);
}

static int build_lists(const struct dataset *d, const struct score_opts *o, struct score_result *r)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        r->lists[t] = malloc((r->n_hits ? r->n_hits : 1) * sizeof *r->lists[t]);
        if (!r->lists[t])
            return -1;
        for (size_t h = 0; h < r->n_hits;) {
            struct listing l = {
                d->addrs[r->hits[h].addr].key, r->hits[h].addr, 0, (uint32_t)h, 0, 0};
            while (h < r->n_hits && r->hits[h].addr == l.addr)
                h++, l.n_hits++;
            theme_score(r, o, &l, (enum theme_id)t);
            if (l.score >= o->themes[t].min_score && l.n_sources >= o->themes[t].min_sources &&
                l.score > 0)
                r->lists[t][r->n_list[t]++] = l;
        }
        qsort(r->lists[t], r->n_list[t], sizeof *r->lists[t], cmp_listing);
    }
    return 0;
}

int score_relist(const struct dataset *d, const struct score_opts *o, struct score_result *r,
                 struct err *e)
{
    for (size_t h = 0; h < r->n_hits; h++)
        r->hits[h].contribution = (float)(o->ind[r->hits[h].ind].weight * r->hits[h].strength);
    for (int t = 0; t < THEME_COUNT; t++) {
        free(r->lists[t]);
        r->lists[t] = NULL;
        r->n_list[t] = 0;
    }
    return build_lists(d, o, r) == 0 ? 0 : err_set(e, ERR_NOMEM, "out of memory for the lists");
}

/* The run's peer groups (malloc'd), or NULL when out of memory. */
static struct peer_model *build_peers(const struct dataset *d, const struct score_opts *o)
{
    struct peer_model *peers = malloc(sizeof *peers);
    stats_init();
    if (peers && peer_build(peers, d, (size_t)o->ind[IND_ENERGY_HIGH].params[2]) != 0) {
        free(peers);
        peers = NULL;
    }
    return peers;
}

/*
 * E1's robust regression, fitted once per run only when E1 uses it (params[4],
 * method >= 0.5): *out is malloc'd, or NULL when not wanted. A model too thin to
 * fit is still returned (E1 then says it used peer groups). 0, or -1 when out of
 * memory.
 */
static int build_regress(const struct dataset *d, const struct score_opts *o,
                         struct regress_model **out)
{
    const struct indicator_cfg *c = &o->ind[IND_ENERGY_HIGH];
    size_t min_rows =
        (size_t)c->params[2] > REGRESS_MIN_ROWS ? (size_t)c->params[2] : REGRESS_MIN_ROWS;
    *out = NULL;
    if (!c->enabled || c->params[4] < 0.5)
        return 0;
    stats_init();
    struct regress_model *m = malloc(sizeof *m);
    if (!m || regress_build(m, d, REGRESS_MAX_ROWS, min_rows, REGRESS_SIGMA_FLOOR) != 0) {
        free(m);
        return -1;
    }
    *out = m;
    return 0;
}

int score_address(const struct dataset *d, const struct score_opts *o, uint32_t addr,
                  enum ind_outcome out[IND_COUNT], struct ind_result res[IND_COUNT], struct err *e)
{
    struct peer_model *peers = build_peers(d, o);
    struct regress_model *regress = NULL;
    if (!peers || build_regress(d, o, &regress) != 0) {
        free(peers);
        return err_set(e, ERR_NOMEM, "out of memory for peer groups and energy regression");
    }
    struct score_ctx ctx = {d, o->reference_date, peers, regress};
    for (int id = 0; id < IND_COUNT; id++) {
        memset(&res[id], 0, sizeof res[id]);
        out[id] = o->ind[id].enabled
                      ? indicator_get(id)->eval(&ctx, &o->ind[id], &d->addrs[addr], &res[id])
                      : IND_NOT_EVALUABLE;
    }
    free(peers);
    free(regress);
    return 0;
}

int score_run(const struct dataset *d, const struct score_opts *o, struct score_result *out,
              struct err *e)
{
    memset(out, 0, sizeof *out);
    arena_init(&out->mem);
    out->samples = calloc(IND_COUNT, sizeof *out->samples); /* NULL: no charts, see score.h */
    struct peer_model *peers = build_peers(d, o);
    struct regress_model *regress = NULL;
    if (!peers || build_regress(d, o, &regress) != 0) {
        free(peers);
        return err_set(e, ERR_NOMEM, "out of memory for peer groups and energy regression");
    }
    struct score_ctx ctx = {d, o->reference_date, peers, regress};
    int rc = evaluate_all(d, o, &ctx, out);
    if (rc == 0)
        rc = build_lists(d, o, out);
    free(peers);
    free(regress);
    if (rc != 0)
        return err_set(e, ERR_NOMEM, "out of memory while scoring");
    return 0;
}

void score_release(struct score_result *r)
{
    free(r->hits);
    free(r->samples);
    for (int t = 0; t < THEME_COUNT; t++)
        free(r->lists[t]);
    arena_release(&r->mem);
    memset(r, 0, sizeof *r);
}
