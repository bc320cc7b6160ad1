/*
 * town.h - the small deterministic town the indicator tests judge their subjects in,
 * and a probe that calls one indicator's measure() directly.
 *
 * Why: strengths are calibrated on the run's own data (score/calib.h), so a result
 * is only meaningful within a population: each test builds a town of
 * TOWN_DWELLINGS ordinary dwellings and TOWN_UNITS non-residential units (owners,
 * sales, companies; reference date 2026-11-01), places its subjects in it and
 * judges them with score_address, exactly as `vik explain` does. The probe skips
 * calibration: it builds the run's shared models (dwelling peers, unit peers, each
 * indicator's prepare state) once and returns what measure() says - the axis
 * value, grade, class and guard - so a bound shifted by one unit fails a test with
 * an exact expectation instead of moving a rarity a little. Shared by
 * test_indicators.c and the test_ind_*.c files (static inline: each uses a part).
 */
#ifndef VIK_TESTS_TOWN_H
#define VIK_TESTS_TOWN_H

#include "common/date.h"
#include "config/config.h"
#include "model/catalogue.h"
#include "model/dataset.h"
#include "score/indicator.h"
#include "score/score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REF = 20261101, TOWN_DWELLINGS = 3000, TOWN_UNITS = 300 };

/* ------------------------------------------------------------ the town */

struct town {
    struct dataset d;
    struct config cfg;
    uint64_t rng;
    uint32_t next_number;
    uint32_t corporation; /* owner index of the housing corporation */
};

/* Deterministic uniform [0, 1): a 64-bit LCG (Knuth's MMIX constants). */
static inline double rnd(struct town *t)
{
    t->rng = t->rng * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(t->rng >> 11) / 9007199254740992.0;
}

static inline uint32_t add_address(struct town *t)
{
    struct addr_key k;
    memset(&k, 0, sizeof k);
    uint32_t n = t->next_number++;
    unsigned pc = (5600 + n / 6000) % 10000;
    k.postcode[0] = (char)('0' + pc / 1000), k.postcode[1] = (char)('0' + pc / 100 % 10);
    k.postcode[2] = (char)('0' + pc / 10 % 10), k.postcode[3] = (char)('0' + pc % 10);
    k.postcode[4] = (char)('A' + n / 250 % 24), k.postcode[5] = (char)('A' + n / 10 % 25);
    k.number = n % 10 + 1 + (n / 6000) * 10;
    int created = 0;
    uint32_t i = dataset_address(&t->d, &k, &created);
    assert_int_not_equal(i, NONE_IDX);
    assert_true(created);
    return i;
}

static inline uint32_t building(struct town *t, const char *id, uint32_t dwellings)
{
    uint32_t b = dataset_building(&t->d, id, strlen(id));
    assert_int_not_equal(b, NONE_IDX);
    t->d.buildings[b].n_dwellings = dwellings;
    return b;
}

static inline uint32_t owner(struct town *t, int type, int32_t birth, uint32_t dwellings)
{
    uint8_t pseudonym[PSEUDONYM_BYTES] = {0};
    uint32_t n = t->d.n_owners + 1;
    memcpy(pseudonym, &n, sizeof n);
    uint32_t o = dataset_owner(&t->d, pseudonym);
    assert_int_not_equal(o, NONE_IDX);
    t->d.owners[o].type = (uint8_t)type;
    t->d.owners[o].age = (int16_t)date_age(birth, REF); /* what the join keeps of it */
    t->d.owners[o].n_objects = dwellings;
    t->d.owners[o].n_dwellings = dwellings;
    return o;
}

/* A seasonal year of `kwh`: winter months twice the summer months. */
static inline void seasonal(struct address *a, double kwh)
{
    static const float shape[12] = {2, 2, 1.75f, 1.5f, 1, 1, 1, 1, 1.25f, 1.5f, 1.75f, 2};
    for (int m = 0; m < 12; m++)
        a->elec_month[m] = (float)(kwh * shape[m] / 17.75);
    a->n_elec_monthly = a->n_elec;
}

static inline void flat_months(struct address *a, double kwh)
{
    for (int m = 0; m < 12; m++)
        a->elec_month[m] = (float)(kwh / 12 * (m % 2 ? 1.01 : 0.99));
    a->n_elec_monthly = a->n_elec;
}

/* About normal (0, 1): the sum of 12 uniforms, minus 6. */
static inline double normal(struct town *t)
{
    double s = 0;
    for (int i = 0; i < 12; i++)
        s += rnd(t);
    return s - 6;
}

/* Electricity of an ordinary household (CBS-like medians), log-normal, sigma 0.3. */
static inline double household_kwh(struct town *t, unsigned residents, int apartment)
{
    static const double med[6] = {400, 1600, 2500, 3100, 3700, 4300};
    return med[residents > 5 ? 5 : residents] * (apartment ? 0.85 : 1.05) * exp(0.3 * normal(t));
}

/* A sale in the last 24 months: price about the WOZ, cash mostly by older buyers. */
static inline void ordinary_sale(struct town *t, struct address *a, int32_t birth, int age)
{
    a->n_tx = 1;
    a->tx[0].date = 20250101 + (int32_t)(rnd(t) * 12) * 100;
    a->tx[0].price = (float)(a->woz * (0.95 + 0.2 * rnd(t)));
    a->tx[0].buyer_age = (int16_t)date_age(birth, a->tx[0].date);
    a->tx[0].buyer_type = PARTY_PERSON;
    a->tx[0].mortgage = rnd(t) < (age >= 60 ? 0.5 : 0.08) ? 0 : 1;
}

static inline void ordinary_dwelling(struct town *t, int i, uint32_t *blocks)
{
    uint32_t idx = add_address(t);
    struct address *a = &t->d.addrs[idx];
    int apartment = i % 5 < 2;
    a->usage = USE_WONEN;
    if (apartment) {
        a->building = blocks[i % 20];
        a->floor_area = (float)(40 + (i * 7) % 60);
    } else {
        char id[32];
        snprintf(id, sizeof id, "house-%d", i);
        a->building = building(t, id, 1);
        a->floor_area = (float)(75 + (i * 13) % 110);
    }
    unsigned res = (unsigned)(i % 17 == 0 ? 0 : 1 + i % 5);
    a->n_residents = (uint16_t)res;
    a->n_adults = (uint16_t)(res < 2 ? res : 2 + (i % 23 == 0));
    if (a->n_adults > res)
        a->n_adults = (uint16_t)res;
    a->n_minors = (uint16_t)(res - a->n_adults);
    a->n_settled_12m = a->n_residents;
    if (i % 14 == 0) /* arrived this year */
        a->n_arrivals_12m = a->n_adult_arrivals_12m = a->n_adults, a->n_settled_12m = 0;
    a->n_elec = 1;
    int gas = i % 20 != 0;
    a->elec = (float)(household_kwh(t, res, apartment) + (gas ? 0 : 2000));
    if (gas)
        a->n_gas = 1, a->gas = (float)(700 + 800 * rnd(t));
    if (i % 10 < 7)
        seasonal(a, a->elec);
    else
        a->feed_in |= FEED_IN_UNKNOWN;
    a->woz = (float)(3400 * a->floor_area * (0.9 + 0.2 * rnd(t)));
    int age = 22 + (i * 37) % 58;
    if (i % 4 == 0) {
        a->owner = t->corporation;
    } else {
        int32_t birth = (REF / 10000 - age) * 10000 + 601;
        a->owner = owner(t, PARTY_PERSON, birth, 1);
        if (i % 2 == 1) /* many sales, so that young buyers are a class of their own */
            ordinary_sale(t, a, birth, age);
    }
    if (i % 12 == 0)
        a->n_branches = a->n_entities = 1;
    if (i % 97 == 0)
        a->n_branches = a->n_entities = 2, a->n_founded_24m = 1;
    if (a->n_branches && res > 0 && i % 3 == 0) { /* a home workshop or a server */
        a->elec += 2500;
        if (i % 10 < 7)
            seasonal(a, a->elec);
    }
}

static inline void ordinary_unit(struct town *t, int i)
{
    uint32_t idx = add_address(t);
    struct address *a = &t->d.addrs[idx];
    int kind = i % 3;
    a->usage = kind == 0 ? USE_INDUSTRIE : kind == 1 ? USE_WINKEL : USE_OVERIG;
    a->floor_area = (float)(kind == 2 ? 12 + i % 18 : 100 + (i * 11) % 300);
    int company = kind != 2 && i % 7 != 0;
    a->n_branches = a->n_entities = (uint16_t)company;
    if (kind == 2 && i % 5 >= 2)
        return; /* most garage boxes have no connection */
    a->n_elec = 1;
    double per_m2 = kind == 2 ? 8 : company ? 90 : 12;
    a->elec = (float)(per_m2 * a->floor_area * (0.7 + 0.6 * rnd(t)));
    seasonal(a, a->elec);
}

static inline void town_init(struct town *t)
{
    memset(t, 0, sizeof *t);
    dataset_init(&t->d);
    cfg_init(&t->cfg);
    t->rng = 42;
    t->corporation = owner(t, PARTY_ENTITY, 0, 800);
}

/* The ordinary population; subjects are added after it. */
static inline void town_populate(struct town *t)
{
    uint32_t blocks[20];
    for (int b = 0; b < 20; b++) {
        char id[32];
        snprintf(id, sizeof id, "block-%d", b);
        blocks[b] = building(t, id, 60);
    }
    for (int i = 0; i < TOWN_DWELLINGS; i++)
        ordinary_dwelling(t, i, blocks);
    for (int i = 0; i < TOWN_UNITS; i++)
        ordinary_unit(t, i);
}

static inline void town_release(struct town *t)
{
    cfg_release(&t->cfg);
    dataset_release(&t->d);
}

/* A subject: an ordinary one-person flat with gas (callers change what they test). */
static inline uint32_t subject(struct town *t)
{
    uint32_t idx = add_address(t);
    struct address *a = &t->d.addrs[idx];
    a->usage = USE_WONEN;
    a->building = building(t, "block-0", 60);
    a->floor_area = 55;
    a->n_residents = a->n_adults = a->n_settled_12m = 1;
    a->n_elec = 1;
    a->elec = 1400;
    seasonal(a, a->elec);
    a->n_gas = 1, a->gas = 900;
    a->woz = 250000;
    a->owner = t->corporation;
    return idx;
}

static inline struct score_opts opts_of(const struct town *t)
{
    return (struct score_opts){.reference_date = REF,
                               .min_group = (size_t)t->cfg.min_group,
                               .ind = t->cfg.ind,
                               .themes = t->cfg.themes};
}

/* Indicator id at address idx, as `vik explain` would show it. */
static inline struct ind_result judge(struct town *t, uint32_t idx, enum ind_id id)
{
    struct ind_result res[IND_COUNT];
    struct score_opts o = opts_of(t);
    struct err e;
    err_clear(&e);
    assert_int_equal(score_address(&t->d, &o, idx, res, &e), 0);
    return res[id];
}

static inline void expect(const struct ind_result *r, enum ind_outcome want, const char *says)
{
    static const char *const OUTCOME[] = {"not evaluable", "quiet", "fired"};
    if (r->out != want || (says && !strstr(r->reason, says)))
        fail_msg("%s, want %s%s%s; strength %.3f grade %.2f x %.2f 1 in %.0f (town %.2f)\n  "
                 "reason: %s",
                 OUTCOME[r->out], OUTCOME[want], says ? " saying " : "", says ? says : "",
                 r->strength, r->m.grade, r->m.x, r->rarity.p > 0 ? 1 / r->rarity.p : 0,
                 r->rarity.town, r->reason);
}

/* ------------------------------------------------------------ the probe */

/*
 * One indicator's measure() called directly, with the run's shared models built
 * over the town as it stood at probe_build: what `vik explain` would rank, before
 * calibration. Subjects are copies of an address (probe_subject), so a test
 * changes one field of a copy and the models stay those of the town.
 */
struct probe {
    struct town t;
    struct peer_model *peers;
    struct nonres_model *nonres;
    struct score_ctx ctx;
};

/* (Re)build one indicator's prepare state with its settings in p->t.cfg. */
static inline void probe_prepare(struct probe *p, enum ind_id id)
{
    const struct ind_desc *d = indicator_desc(id);
    if (p->ctx.state[id] && d->release)
        d->release((void *)p->ctx.state[id]);
    p->ctx.state[id] = NULL;
    void *state = NULL;
    if (d->prepare)
        assert_int_equal(d->prepare(&p->ctx, &p->t.cfg.ind[id], &state), 0);
    p->ctx.state[id] = state;
}

/* The shared models over p->t's dataset as it is now, as score_run builds them. */
static inline void probe_build(struct probe *p)
{
    stats_init();
    p->peers = malloc(sizeof *p->peers);
    p->nonres = malloc(sizeof *p->nonres);
    assert_true(p->peers && p->nonres);
    assert_int_equal(peer_build(p->peers, &p->t.d, (size_t)p->t.cfg.min_group, 2), 0);
    assert_int_equal(nonres_build(p->nonres, &p->t.d, (size_t)p->t.cfg.min_group), 0);
    p->ctx = (struct score_ctx){&p->t.d, REF, p->peers, p->nonres, {0}};
    for (int id = 0; id < IND_COUNT; id++)
        probe_prepare(p, id);
}

/* The populated town with its models. */
static inline void probe_init(struct probe *p)
{
    memset(p, 0, sizeof *p);
    town_init(&p->t);
    town_populate(&p->t);
    probe_build(p);
}

static inline void probe_release(struct probe *p)
{
    for (int id = 0; id < IND_COUNT; id++)
        if (p->ctx.state[id] && indicator_desc(id)->release)
            indicator_desc(id)->release((void *)p->ctx.state[id]);
    free(p->peers);
    free(p->nonres);
    town_release(&p->t);
}

/* A copy of a new subject (an ordinary one-person flat with gas, see subject()). */
static inline struct address probe_subject(struct probe *p)
{
    uint32_t i = subject(&p->t); /* before reading addrs: adding may move them */
    return p->t.d.addrs[i];
}

/* What measure() says of a; m is cleared first, as score.c does. */
static inline enum ind_outcome probe(struct probe *p, enum ind_id id, const struct address *a,
                                     struct ind_measure *m)
{
    memset(m, 0, sizeof *m);
    return indicator_desc(id)->measure(&p->ctx, &p->t.cfg.ind[id], a, m);
}

/* Measured, not quiet and not "not evaluable". */
static inline void expect_measured(enum ind_outcome out, const struct ind_measure *m)
{
    if (out != IND_MEASURED || m->quiet)
        fail_msg("want measured; got outcome %d, quiet: %s, not evaluable: %s", (int)out,
                 m->quiet ? m->quiet : "-", m->reason ? m->reason : "-");
}

/* Not evaluable, and why: the reason starts with `why`. */
static inline void expect_not_evaluable(enum ind_outcome out, const struct ind_measure *m,
                                        const char *why)
{
    if (out != IND_NOT_EVALUABLE || !m->reason || strncmp(m->reason, why, strlen(why)) != 0)
        fail_msg("want not evaluable (%s); got outcome %d, reason %s", why, (int)out,
                 m->reason ? m->reason : "-");
}

/* Quiet and not ranked, and why: the guard starts with `why`. */
static inline void expect_quiet(enum ind_outcome out, const struct ind_measure *m, const char *why)
{
    if (out != IND_QUIET || !m->quiet || strncmp(m->quiet, why, strlen(why)) != 0)
        fail_msg("want quiet (%s); got outcome %d, quiet %s, reason %s", why, (int)out,
                 m->quiet ? m->quiet : "-", m->reason ? m->reason : "-");
}

/* A setting of an indicator, by name. */
static inline double *param(struct town *t, enum ind_id id, const char *name)
{
    int p = indicator_param(id, name);
    assert_true(p >= 0);
    return &t->cfg.ind[id].params[p];
}

/* Equal within tol, with both values in the message. */
#define assert_near(got, want, tol)                                                                \
    do {                                                                                           \
        double got_ = (got), want_ = (want);                                                       \
        if (!(fabs(got_ - want_) <= (tol)))                                                        \
            fail_msg("%s = %.9g, want %.9g (+-%g)", #got, got_, want_, (double)(tol));             \
    } while (0)

/*
 * The defaults an indicator's header comment documents, against its descriptor
 * (the README's indicator table and `vik check` print the descriptor): weight,
 * firing rarity, single-signal policy, correlation group and every parameter,
 * "name=value ..." in descriptor order.
 */
struct ind_defaults {
    enum ind_id id;
    double weight, threshold;
    int alone, group;
    const char *params;
};

static inline void check_defaults(const struct ind_defaults *want)
{
    const struct ind_desc *d = indicator_desc(want->id);
    assert_near(d->weight, want->weight, 0);
    assert_near(d->threshold, want->threshold, 0);
    assert_int_equal(d->alone, want->alone);
    assert_int_equal(d->group, want->group);
    const char *s = want->params;
    int i = 0;
    for (char name[32]; *s; i++) {
        double v;
        int used = 0;
        assert_int_equal(sscanf(s, " %31[^=]=%lf%n", name, &v, &used), 2);
        s += used;
        assert_non_null(d->params[i].name);
        assert_string_equal(d->params[i].name, name);
        assert_near(d->params[i].def, v, 0);
    }
    assert_true(i == IND_MAX_PARAMS || d->params[i].name == NULL);
}

#endif
