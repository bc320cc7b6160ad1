/*
 * score.c - see score.h. Four steps:
 *   1. the run's shared models: dwelling peers, non-residential peers, and each
 *      enabled indicator's own state (prepare hooks);
 *   2. calibration: every enabled indicator measures every address; the values of
 *      the addresses it ranks are its population (score/calib.h);
 *   3. scoring: each ranked value (listed in step 2, in address order) above
 *      where the indicator can fire is measured again and gets its rarity,
 *      strength = grade x rarity, and fires at the indicator's threshold rarity;
 *      the values below need nothing more; only fired results are kept, with
 *      their sentence;
 *   4. per theme, sum, apply the listing rule, and split into list and watch list.
 * The ranked list lives for one indicator's job (12 bytes a value), not 16
 * measurements per address for the whole country; the sentence is written only for
 * fired indicators.
 *
 * Steps 2 and 3 are one job per indicator (common/workers.h): an indicator's
 * calibration and scoring read the shared models and write only its own calib,
 * counters, sample and hits, so the jobs run on as many threads as the run has.
 * The hits are then merged in address order, indicators in catalogue order within
 * an address - the order a single thread produces - so nothing downstream can
 * tell how many threads there were.
 */
#include "score/score.h"

#include "common/workers.h"
#include "score/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything built before indicators measure, released together. */
struct models {
    struct peer_model *peers;
    struct nonres_model *nonres;
    struct calib calib[IND_COUNT];
    struct score_ctx ctx;
    const struct score_opts *o;
};

static void models_release(struct models *m)
{
    for (int id = 0; id < IND_COUNT; id++) {
        const struct ind_desc *d = indicator_desc(id);
        if (m->ctx.state[id] && d->release)
            d->release((void *)m->ctx.state[id]);
        calib_release(&m->calib[id]);
    }
    free(m->peers);
    free(m->nonres);
    memset(m, 0, sizeof *m);
}

/*
 * Step 1's second half, as jobs on the run's threads: job 0 builds the
 * non-residential peers, job 1 + id runs indicator id's prepare hook. They read
 * the dataset and the dwelling peers only, and each writes its own slot (K2's
 * market alone took 0.8 s nationally, one after another with the rest).
 */
struct prep_jobs {
    struct models *m;
    const struct dataset *d;
    int rc[1 + IND_COUNT];
};

static void prep_job(void *ctx, int job)
{
    struct prep_jobs *p = ctx;
    struct models *m = p->m;
    if (job == 0) {
        p->rc[0] = nonres_build(m->nonres, p->d, m->o->min_group);
        return;
    }
    int id = job - 1;
    const struct ind_desc *desc = indicator_desc(id);
    void *state = NULL;
    if (m->o->ind[id].enabled && desc->prepare)
        p->rc[job] = desc->prepare(&m->ctx, &m->o->ind[id], &state);
    m->ctx.state[id] = state;
}

/* Step 1: 0, or -1 when out of memory (m is then released). */
static int models_build(struct models *m, const struct dataset *d, const struct score_opts *o)
{
    memset(m, 0, sizeof *m);
    m->o = o;
    stats_init();
    m->peers = malloc(sizeof *m->peers);
    m->nonres = malloc(sizeof *m->nonres);
    int rc = m->peers && m->nonres ? 0 : -1;
    if (rc == 0)
        rc = peer_build(m->peers, d, o->min_group, o->threads);
    m->ctx = (struct score_ctx){d, o->reference_date, m->peers, m->nonres, {0}};
    for (int id = 0; id < IND_COUNT; id++) {
        const struct ind_desc *desc = indicator_desc(id);
        calib_init(&m->calib[id], desc->n_classes, desc->resolution);
        m->calib[id].strata = desc->strata;
    }
    if (rc == 0) {
        struct prep_jobs p = {.m = m, .d = d};
        workers_run(o->threads, 1 + IND_COUNT, prep_job, &p);
        for (int job = 0; job <= IND_COUNT; job++)
            rc |= p.rc[job];
    }
    if (rc != 0)
        models_release(m);
    return rc;
}

/* Measure one address with one indicator; the outcome before calibration. */
static enum ind_outcome measure(const struct models *m, int id, const struct address *a,
                                struct ind_measure *out)
{
    memset(out, 0, sizeof *out);
    return indicator_desc(id)->measure(&m->ctx, &m->o->ind[id], a, out);
}

/*
 * The addresses an indicator ranks (evaluable, not quiet by a guard), in address
 * order, with the value calibration saw: step 3 walks this list instead of
 * measuring every address again, and measures again only the values that can fire.
 */
struct ranked {
    uint32_t addr;
    float x;
    uint8_t cls;
};

struct ranked_list {
    struct ranked *v;
    size_t n, cap;
    uint64_t n_evaluable;
};

static int ranked_add(struct ranked_list *l, uint32_t addr, double x, unsigned cls)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4096;
        struct ranked *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v, l->cap = cap;
    }
    l->v[l->n++] = (struct ranked){addr, (float)x, (uint8_t)cls};
    return 0;
}

/* Step 2 for one indicator, and the list step 3 walks (when l is not NULL): 0, or -1
 * when out of memory. */
static int calibrate_one(struct models *m, const struct dataset *d, int id, struct ranked_list *l)
{
    struct calib *cal = &m->calib[id];
    for (uint32_t i = 0; m->o->ind[id].enabled && i < d->n_addrs; i++) {
        struct ind_measure me;
        enum ind_outcome out = measure(m, id, &d->addrs[i], &me);
        if (out == IND_NOT_EVALUABLE && me.unobserved)
            calib_add_unobserved(cal, me.cls, me.weight > 0 ? me.weight : 1);
        if (out == IND_NOT_EVALUABLE || !isfinite(me.x))
            continue;
        if (l) { /* as judge() and step 3 count: evaluable, and ranked unless quiet */
            l->n_evaluable++;
            if (!me.quiet && ranked_add(l, i, me.x, me.cls) != 0)
                return -1;
        }
        if (out != IND_MEASURED)
            continue;
        if (calib_add(cal, me.cls, me.x, me.weight > 0 ? me.weight : 1) != 0)
            return -1;
    }
    return calib_finish(cal, d->n_addrs);
}

/*
 * Is an indicator's ranked value a firing one? Unusual for its kind (at least as
 * rare as 1 in `threshold` of its population) and uncommon in the run (fewer
 * than 1 in 100 of all addresses show it: a signal a hundredth of the town shares
 * is no signal), with a grade above zero.
 */
static int rare_enough(const struct rarity *r, const void *cfg)
{
    const struct indicator_cfg *c = cfg;
    double at = c->threshold > 1 ? log10(c->threshold) : 0;
    return r->surprise >= at && r->town >= CALIB_FIRE_SURPRISE;
}

static int fires(const struct indicator_cfg *c, const struct rarity *r, double strength)
{
    return strength > 0 && rare_enough(r, c);
}

/*
 * Where firing starts on the axis of a one-class indicator, for the charts: the
 * share fires() asks, 1 in `threshold` of the population and at most 1 in 100 of
 * the run's addresses (which decides for populations above a fifth of the run).
 */
static double fire_x(const struct calib *cal, const struct indicator_cfg *c, unsigned n_classes)
{
    double mass = cal->all.mass, town = (double)cal->n_town > mass ? (double)cal->n_town : mass;
    if (n_classes != 1 || !(c->threshold > 0) || !(mass > 0))
        return NAN;
    double p = 1 / c->threshold, in_town = town / (100 * mass * calib_coverage(cal, 0));
    return calib_pooled_x_at(cal, p < in_town ? p : in_town);
}

/*
 * "1 in 124 of 409 objects resold in the window (3.3 this extreme in the run)",
 * or beyond all of them: a tail estimate.
 */
static void rarity_text(char *buf, size_t size, const struct ind_desc *d,
                        const struct ind_measure *me, const struct rarity *r)
{
    char one[32], all[32], unseen[96] = "";
    const char *pop = d->n_classes > 1 && !r->pooled ? d->class_label[me->cls] : d->population;
    fmt_int(one, sizeof one, 1 / r->p);
    fmt_int(all, sizeof all, (double)r->n);
    if (r->unseen > 0) {
        char u[32];
        snprintf(unseen, sizeof unseen, ", if the %s the exports show no value for are alike",
                 fmt_int(u, sizeof u, r->unseen));
    }
    if (1 / r->p <= (double)r->n)
        snprintf(buf, size, "1 in %s of %s %s (%.1f this extreme in the run%s)", one, all, pop,
                 r->expected, unseen);
    else
        snprintf(buf, size, "beyond all %s %s (tail estimate 1 in %s: %.2f this extreme%s)", all,
                 pop, one, r->expected, unseen);
}

/*
 * The full result of one indicator at one address (for hits and `vik explain`):
 * res->out is the final outcome.
 */
static void judge(const struct models *m, int id, const struct address *a, struct ind_result *res,
                  int with_text)
{
    const struct ind_desc *d = indicator_desc(id);
    const struct indicator_cfg *c = &m->o->ind[id];
    memset(res, 0, sizeof *res);
    if (!c->enabled) {
        res->out = IND_NOT_EVALUABLE;
        snprintf(res->reason, sizeof res->reason, "disabled");
        return;
    }
    res->out = measure(m, id, a, &res->m);
    if (res->out == IND_NOT_EVALUABLE || !isfinite(res->m.x)) {
        res->out = IND_NOT_EVALUABLE;
        if (with_text)
            snprintf(res->reason, sizeof res->reason, "%s",
                     res->m.reason ? res->m.reason : "an input is missing");
        return;
    }
    if (res->out == IND_QUIET) {
        if (with_text)
            snprintf(res->reason, sizeof res->reason, "%s", res->m.quiet);
        return;
    }
    if (!with_text && calib_quiet(&m->calib[id], res->m.cls, res->m.x)) {
        res->out = IND_QUIET; /* below where it can fire: no rarity needed (calib.h) */
        return;
    }
    calib_rarity(&m->calib[id], res->m.cls, res->m.x, &res->rarity);
    res->strength = unit(res->m.grade) * res->rarity.strength;
    res->out = fires(c, &res->rarity, res->strength) ? IND_FIRED : IND_QUIET;
    if (!with_text)
        return;
    char text[IND_TEXT], rar[256];
    d->describe(&m->ctx, c, a, &res->m, text, sizeof text);
    rarity_text(rar, sizeof rar, d, &res->m, &res->rarity);
    snprintf(res->reason, sizeof res->reason, "%s; %s", text, rar);
}

/*
 * One indicator's steps 2 and 3 over every address (one job): its counters and
 * its hits in address order, their sentences in its own arena.
 */
struct ind_pass {
    struct hit *hits;
    size_t n_hits, cap_hits;
    struct arena mem;
    uint64_t n_evaluable, n_ranked, n_fired;
    int failed; /* out of memory */
};

static int add_hit(struct ind_pass *p, uint32_t addr, int id, const struct indicator_cfg *c,
                   const struct ind_result *res)
{
    if (p->n_hits == p->cap_hits) {
        size_t cap = p->cap_hits ? p->cap_hits * 2 : 1024;
        struct hit *h = realloc(p->hits, cap * sizeof *h);
        if (!h)
            return -1;
        p->hits = h;
        p->cap_hits = cap;
    }
    const char *copy = arena_strdup(&p->mem, res->reason);
    if (!copy)
        return -1;
    p->hits[p->n_hits++] = (struct hit){.addr = addr,
                                        .ind = (uint8_t)id,
                                        .themes = (uint8_t)res->m.themes,
                                        .contribution = (float)(c->weight * res->strength),
                                        .strength = (float)res->strength,
                                        .rarity = (float)res->rarity.strength,
                                        .grade = (float)unit(res->m.grade),
                                        .surprise = (float)res->rarity.town,
                                        .reason = copy};
    return 0;
}

void score_sample_add(struct score_sample *s, double raw, int fired)
{
    if (!isfinite(raw)) /* nothing to place on an axis */
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

/*
 * Step 3 for one indicator, over its ranked list: a value at or below where the
 * indicator can fire is quiet without measuring again (calib_set_quiet is exact);
 * the others are judged in full, as before. 0, or -1 when out of memory.
 */
static int evaluate_one(const struct models *m, const struct dataset *d, int id,
                        const struct ranked_list *l, struct score_sample *sample,
                        struct ind_pass *p)
{
    const struct indicator_cfg *c = &m->o->ind[id];
    p->n_evaluable = l->n_evaluable;
    for (size_t k = 0; k < l->n; k++) {
        const struct ranked *r = &l->v[k];
        p->n_ranked++;
        if (calib_quiet(&m->calib[id], r->cls, r->x)) {
            if (sample)
                score_sample_add(sample, r->x, 0);
            continue;
        }
        struct ind_result res;
        judge(m, id, &d->addrs[r->addr], &res, 0);
        if (sample)
            score_sample_add(sample, res.m.x, res.out == IND_FIRED);
        if (res.out != IND_FIRED)
            continue;
        p->n_fired++;
        judge(m, id, &d->addrs[r->addr], &res, 1);
        if (add_hit(p, r->addr, id, c, &res) != 0)
            return -1;
    }
    return 0;
}

/* What the indicator jobs share; each writes only its own slot (pass[id], calib[id]). */
struct score_jobs {
    struct models *m;
    const struct dataset *d;
    struct score_sample *samples; /* NULL: no charts */
    int evaluate;                 /* 0: calibration only (vik explain) */
    struct ind_pass pass[IND_COUNT];
};

static void indicator_job(void *ctx, int id)
{
    struct score_jobs *j = ctx;
    struct ind_pass *p = &j->pass[id];
    arena_init(&p->mem);
    struct ranked_list l = {0};
    p->failed = calibrate_one(j->m, j->d, id, j->evaluate ? &l : NULL) != 0;
    if (!p->failed)
        calib_set_quiet(&j->m->calib[id], rare_enough, &j->m->o->ind[id]);
    if (!p->failed && j->evaluate)
        p->failed = evaluate_one(j->m, j->d, id, &l, j->samples ? &j->samples[id] : NULL, p) != 0;
    free(l.v);
}

static void passes_release(struct score_jobs *j)
{
    for (int id = 0; id < IND_COUNT; id++) {
        free(j->pass[id].hits);
        arena_release(&j->pass[id].mem);
    }
}

/* Steps 2 and 3 on `threads` threads; 0, or -1 when a job ran out of memory. */
static int run_jobs(struct score_jobs *j, int threads)
{
    workers_run(threads, IND_COUNT, indicator_job, j);
    for (int id = 0; id < IND_COUNT; id++)
        if (j->pass[id].failed)
            return -1;
    return 0;
}

/*
 * The passes' hits into r, in address order and within an address in indicator
 * order (a 16-way merge); the sentences' arenas move to r. 0, or -1 out of memory.
 */
static int merge_hits(struct score_jobs *j, struct score_result *r)
{
    size_t total = 0, at[IND_COUNT] = {0};
    for (int id = 0; id < IND_COUNT; id++)
        total += j->pass[id].n_hits;
    r->hits = malloc((total ? total : 1) * sizeof *r->hits);
    if (!r->hits)
        return -1;
    r->cap_hits = total;
    while (r->n_hits < total) {
        int best = -1;
        for (int id = 0; id < IND_COUNT; id++)
            if (at[id] < j->pass[id].n_hits &&
                (best < 0 || j->pass[id].hits[at[id]].addr < j->pass[best].hits[at[best]].addr))
                best = id;
        r->hits[r->n_hits++] = j->pass[best].hits[at[best]++];
    }
    for (int id = 0; id < IND_COUNT; id++) {
        r->n_evaluable[id] = j->pass[id].n_evaluable;
        r->n_ranked[id] = j->pass[id].n_ranked;
        r->n_fired[id] = j->pass[id].n_fired;
        r->fire_x[id] = fire_x(&j->m->calib[id], &j->m->o->ind[id], indicator_desc(id)->n_classes);
        free(j->pass[id].hits);
        j->pass[id].hits = NULL;
        r->mem_ind[id] = j->pass[id].mem; /* the sentences live as long as r */
        arena_init(&j->pass[id].mem);
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
    int group = indicator_desc(hit->ind)->group;
    if (group == 0)
        return 1;
    for (size_t k = l->first_hit; k < l->first_hit + l->n_hits; k++) {
        const struct hit *other = &r->hits[k];
        if (k == h || !(o->themes[t].indicators & (1u << other->ind)) ||
            (other->themes && !(other->themes & (1u << t))) ||
            indicator_desc(other->ind)->group != group)
            continue;
        if (other->contribution > hit->contribution ||
            (other->contribution == hit->contribution && k < h))
            return 0;
    }
    return 1;
}

/* Sum the counting hits of one address for theme t and decide whether it lists. */
static void theme_score(const struct score_result *r, const struct score_opts *o, struct listing *l,
                        enum theme_id t)
{
    const struct theme_cfg *tc = &o->themes[t];
    unsigned sources = 0;
    int alone = 0;
    l->score = 0, l->rarest = 0, l->n_counting = 0;
    for (size_t h = l->first_hit; h < l->first_hit + l->n_hits; h++) {
        if (!score_hit_counts(r, o, l, h, t))
            continue;
        const struct hit *hit = &r->hits[h];
        l->score += hit->contribution;
        l->n_counting++;
        if (hit->surprise > l->rarest)
            l->rarest = hit->surprise;
        sources |= indicator_desc(hit->ind)->evidence;
        /* in float, as strengths are kept: 0.9 as a float is a hair under 0.9 */
        alone |= o->ind[hit->ind].alone && hit->strength >= (float)tc->alone_strength;
        /* surprise here is the town rarity (struct rarity.town) */
    }
    l->n_sources = (uint8_t)__builtin_popcount(sources);
    l->by = LISTED_NOT;
    if (l->n_sources < tc->min_sources || l->n_counting == 0)
        return;
    if (l->n_counting >= 2 && l->score >= (float)tc->min_score)
        l->by = LISTED_CORROBORATED;
    else if (alone)
        l->by = LISTED_ALONE;
}

static int cmp_listing(const void *pa, const void *pb)
{
    const struct listing *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->rarest != b->rarest)
        return a->rarest > b->rarest ? -1 : 1;
    return addr_key_cmp(&a->key, &b->key);
}

static int build_lists(const struct dataset *d, const struct score_opts *o, struct score_result *r)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        size_t cap = r->n_hits ? r->n_hits : 1;
        r->lists[t] = malloc(cap * sizeof *r->lists[t]);
        r->watch[t] = malloc(cap * sizeof *r->watch[t]);
        if (!r->lists[t] || !r->watch[t])
            return -1;
        for (size_t h = 0; h < r->n_hits;) {
            struct listing l = {.key = d->addrs[r->hits[h].addr].key,
                                .addr = r->hits[h].addr,
                                .first_hit = (uint32_t)h};
            while (h < r->n_hits && r->hits[h].addr == l.addr)
                h++, l.n_hits++;
            theme_score(r, o, &l, (enum theme_id)t);
            if (l.by != LISTED_NOT)
                r->lists[t][r->n_list[t]++] = l;
            else if (l.n_counting > 0 && l.score > 0)
                r->watch[t][r->n_watch[t]++] = l;
        }
        qsort(r->lists[t], r->n_list[t], sizeof *r->lists[t], cmp_listing);
        qsort(r->watch[t], r->n_watch[t], sizeof *r->watch[t], cmp_listing);
    }
    return 0;
}

static void free_lists(struct score_result *r)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        free(r->lists[t]);
        free(r->watch[t]);
        r->lists[t] = r->watch[t] = NULL;
        r->n_list[t] = r->n_watch[t] = 0;
    }
}

int score_baseline(const struct dataset *d, const struct score_result *r,
                   const struct score_opts *o, enum theme_id t, struct listing **out, size_t *n)
{
    *n = 0;
    *out = malloc((r->n_hits ? r->n_hits : 1) * sizeof **out);
    if (!*out)
        return -1;
    for (size_t h = 0; h < r->n_hits;) {
        struct listing l = {.key = d->addrs[r->hits[h].addr].key,
                            .addr = r->hits[h].addr,
                            .first_hit = (uint32_t)h};
        for (; h < r->n_hits && r->hits[h].addr == l.addr; h++, l.n_hits++) {
            const struct hit *hit = &r->hits[h];
            if (!(o->themes[t].indicators & (1u << hit->ind)) ||
                (hit->themes && !(hit->themes & (1u << t))))
                continue;
            l.score += hit->strength;
            l.n_counting++;
            l.rarest = hit->surprise > l.rarest ? hit->surprise : l.rarest;
        }
        if (l.n_counting)
            (*out)[(*n)++] = l;
    }
    qsort(*out, *n, sizeof **out, cmp_listing);
    return 0;
}

int score_relist(const struct dataset *d, const struct score_opts *o, struct score_result *r,
                 struct err *e)
{
    for (size_t h = 0; h < r->n_hits; h++)
        r->hits[h].contribution = (float)(o->ind[r->hits[h].ind].weight * r->hits[h].strength);
    free_lists(r);
    return build_lists(d, o, r) == 0 ? 0 : err_set(e, ERR_NOMEM, "out of memory for the lists");
}

/* Step 1, then steps 2 (and 3 when j->evaluate) on o->threads threads. */
static int models_ready(struct score_jobs *j, const struct dataset *d, const struct score_opts *o,
                        struct err *e)
{
    if (models_build(j->m, d, o) != 0)
        return err_set(e, ERR_NOMEM, "out of memory for the peer groups and indicator models");
    j->d = d;
    if (run_jobs(j, o->threads) != 0) {
        passes_release(j);
        models_release(j->m);
        return err_set(e, ERR_NOMEM, "out of memory while calibrating and scoring the indicators");
    }
    return 0;
}

int score_address(const struct dataset *d, const struct score_opts *o, uint32_t addr,
                  struct ind_result res[IND_COUNT], struct err *e)
{
    struct models m;
    struct score_jobs j = {.m = &m, .evaluate = 0};
    if (models_ready(&j, d, o, e) != 0)
        return e->code;
    passes_release(&j);
    for (int id = 0; id < IND_COUNT; id++)
        judge(&m, id, &d->addrs[addr], &res[id], 1);
    models_release(&m);
    return 0;
}

int score_run(const struct dataset *d, const struct score_opts *o, struct score_result *out,
              struct err *e)
{
    memset(out, 0, sizeof *out);
    out->samples = calloc(IND_COUNT, sizeof *out->samples); /* NULL: no charts, see score.h */
    struct models m;
    struct score_jobs j = {.m = &m, .samples = out->samples, .evaluate = 1};
    if (models_ready(&j, d, o, e) != 0)
        return e->code;
    int rc = merge_hits(&j, out);
    passes_release(&j);
    if (rc == 0)
        rc = build_lists(d, o, out);
    models_release(&m);
    if (rc != 0)
        return err_set(e, ERR_NOMEM, "out of memory while scoring");
    return 0;
}

void score_release(struct score_result *r)
{
    free(r->hits);
    free(r->samples);
    free_lists(r);
    for (int id = 0; id < IND_COUNT; id++)
        arena_release(&r->mem_ind[id]);
    memset(r, 0, sizeof *r);
}
