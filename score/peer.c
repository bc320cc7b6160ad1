/*
 * peer.c - see peer.h.
 */
#include "score/peer.h"

#include "common/workers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Floor on the scale of log(1 + kWh): +-16%, so tied groups cannot make huge z. */
#define PEER_SCALE_FLOOR 0.15

static const char *const TYPE_NAME[PEER_TYPES] = {"apartment", "house", "dwelling"};
static const char *const BAND_NAME[PEER_BANDS] = {"<50 m2", "50-74 m2", "75-99 m2", "100-149 m2",
                                                  ">=150 m2"};
static const char *const GAS_NAME[PEER_GAS] = {"gas", "no gas"};

int peer_type(const struct dataset *d, const struct address *a)
{
    if (a->building == NONE_IDX)
        return 2;
    return d->buildings[a->building].n_dwellings > 1 ? 0 : 1;
}

static int band_of(float area)
{
    return area < 50 ? 0 : area < 75 ? 1 : area < 100 ? 2 : area < 150 ? 3 : 4;
}

static int res_of(const struct address *a)
{
    return a->n_residents >= 5 ? 5 : a->n_residents;
}

static int res3_of(int res)
{
    return res >= 3 ? 3 : res;
}

/* A dwelling's group key; at a collapse level a dropped part is DROPPED (key_at). */
struct key {
    int gas, biz, type, band, res;
    int folded; /* res counts 1/2/3+ */
};

enum { DROPPED = -1 };

static struct key key_of(const struct dataset *d, const struct address *a)
{
    return (struct key){
        no_gas(a), a->n_branches > 0, peer_type(d, a), band_of(a->floor_area), res_of(a), 0};
}

/*
 * The key as it stands at a collapse level (peer.h), the one place the collapse
 * order is written: what the level drops is DROPPED. Gas-heated homes drop the area
 * band first, then fold residents to 1/2/3+, then drop the type; all-electric homes
 * fold residents first, then drop them, then the type, and keep the area band to
 * level 3: a heat pump's load grows with the floor area it heats, so a 200 m2
 * all-electric house is not the peer of an 80 m2 one whatever its household. Then
 * the company, then heating. group_at indexes it, label says it in words.
 */
static struct key key_at(int level, struct key k)
{
    if (level >= 1 && level <= 3 && k.gas) { /* all-electric */
        k.folded = level == 1;
        k.res = level == 1 ? res3_of(k.res) : DROPPED;
        if (level == 3)
            k.type = DROPPED;
    } else if (level >= 1) {
        k.band = DROPPED;
        k.folded = level >= 2;
        if (level >= 2)
            k.res = res3_of(k.res);
        if (level >= 3)
            k.type = DROPPED;
    }
    if (level >= 4)
        k.band = k.res = k.type = DROPPED;
    if (level >= 5)
        k.biz = DROPPED;
    if (level >= 6)
        k.gas = DROPPED;
    return k;
}

static size_t part(int v)
{
    return v == DROPPED ? 0 : (size_t)v;
}

/* Group index of a key at each collapse level: one cell per distinct key_at (the
 * levels are built apart, so a dropped part may share index 0 with a kept one). */
static size_t group_at(int level, struct key k)
{
    k = key_at(level, k);
    size_t g = part(k.gas) * PEER_BIZ + part(k.biz);
    return ((g * PEER_TYPES + part(k.type)) * PEER_BANDS + part(k.band)) * PEER_RES + part(k.res);
}

static int peer_eligible(const struct address *a)
{
    return address_is_dwelling(a) && a->n_elec > 0 && !(a->feed_in & FEED_IN_SEEN) && a->elec > 0 &&
           a->floor_area > 0;
}

/*
 * The eligible dwellings' keys and log1p(kWh), gathered in one pass over the address
 * records: every level and the one-person groups read these instead of walking the
 * records again (at national size each walk reads some 2 GB of them).
 */
struct sample {
    struct small_key {
        int8_t gas, biz, type, band, res; /* struct key's parts, 5 bytes instead of 24 */
    } * key;
    double *le;
    size_t n;
};

static struct key key_of_sample(const struct sample *s, size_t i)
{
    const struct small_key *k = &s->key[i];
    return (struct key){k->gas, k->biz, k->type, k->band, k->res, 0};
}

/*
 * Which groups a lookup can land on. peer_lookup takes, for a dwelling's key, the
 * first level whose group holds min_group dwellings; the key alone decides (every
 * part of it is a small number), so walking all PEER_CELLS keys finds every group
 * any dwelling - counted here or not - can be compared with. Only those groups'
 * statistics are ever read; the others keep their count (which the lookup checks)
 * and nothing else. At national size that spared six of the seven levels nearly
 * all their selects (2.35 s of a 12.4 s score stage on two threads).
 */
static struct key key_of_cell(size_t cell)
{
    struct key k = {0};
    k.res = (int)(cell % PEER_RES), cell /= PEER_RES;
    k.band = (int)(cell % PEER_BANDS), cell /= PEER_BANDS;
    k.type = (int)(cell % PEER_TYPES), cell /= PEER_TYPES;
    k.biz = (int)(cell % PEER_BIZ), cell /= PEER_BIZ;
    k.gas = (int)cell;
    return k;
}

struct usage {
    size_t count[PEER_LEVELS][PEER_CELLS];       /* dwellings per group */
    unsigned char read[PEER_LEVELS][PEER_CELLS]; /* a lookup can land on it */
};

static void usage_of(const struct sample *s, size_t min_group, int every, struct usage *u)
{
    size_t cells[PEER_CELLS] = {0}; /* level 0: the key itself */
    memset(u, 0, sizeof *u);
    for (size_t i = 0; i < s->n; i++)
        cells[group_at(0, key_of_sample(s, i))]++;
    for (size_t c = 0; c < PEER_CELLS; c++)
        for (int level = 0; level < PEER_LEVELS; level++)
            u->count[level][group_at(level, key_of_cell(c))] += cells[c];
    for (size_t c = 0; c < PEER_CELLS; c++)
        for (int level = 0; level < PEER_LEVELS; level++) {
            size_t g = group_at(level, key_of_cell(c));
            if (every || u->count[level][g] >= min_group) {
                u->read[level][g] = 1;
                if (!every)
                    break;
            }
        }
}

/* The groups of one level a lookup can land on: their values gathered in sample
 * order (a counting sort), then their statistics; every group gets its count. */
static void build_level(struct peer_model *m, const struct sample *s, const struct usage *u,
                        int level, double *vals, double *work)
{
    const unsigned char *read = u->read[level];
    size_t start[PEER_CELLS + 1] = {0}, at[PEER_CELLS];
    for (size_t g = 0; g < PEER_CELLS; g++)
        start[g + 1] = start[g] + (read[g] ? u->count[level][g] : 0);
    memcpy(at, start, sizeof at);
    if (start[PEER_CELLS] > 0)
        for (size_t i = 0; i < s->n; i++) {
            size_t g = group_at(level, key_of_sample(s, i));
            if (read[g])
                vals[at[g]++] = s->le[i];
        }
    for (size_t g = 0; g < PEER_CELLS; g++) {
        if (read[g])
            stats_robust(vals + start[g], u->count[level][g], PEER_SCALE_FLOOR, work,
                         &m->g[level][g]);
        else
            m->g[level][g].n = u->count[level][g];
    }
}

/* One person's dwellings by heating and type (a key's res is 1 exactly for one
 * resident): their values gathered in one pass, in sample order, then statistics. */
static void build_one_person(struct peer_model *m, const struct sample *s, double *vals,
                             double *work)
{
    size_t count[PEER_GAS][PEER_TYPES] = {{0}}, at[PEER_GAS][PEER_TYPES], from = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->key[i].res == 1)
            count[s->key[i].gas][s->key[i].type]++;
    for (int gas = 0; gas < PEER_GAS; gas++)
        for (int t = 0; t < PEER_TYPES; t++)
            at[gas][t] = from, from += count[gas][t];
    for (size_t i = 0; i < s->n; i++)
        if (s->key[i].res == 1)
            vals[at[s->key[i].gas][s->key[i].type]++] = s->le[i];
    for (int gas = 0; gas < PEER_GAS; gas++)
        for (int t = 0; t < PEER_TYPES; t++)
            stats_robust(vals + at[gas][t] - count[gas][t], count[gas][t], PEER_SCALE_FLOOR, work,
                         &m->one_person[gas][t]);
}

/*
 * The levels and the one-person groups are independent jobs (common/workers.h):
 * each writes only its own groups of the model, with buffers of its own, so the
 * model is the same on one thread or several. Job PEER_LEVELS is the one-person
 * groups.
 */
struct level_jobs {
    struct peer_model *m;
    const struct sample *s;
    const struct usage *u;
    int failed[PEER_LEVELS + 1];
};

static void level_job(void *ctx, int job)
{
    struct level_jobs *j = ctx;
    size_t n = j->s->n ? j->s->n : 1;
    double *vals = malloc(n * sizeof *vals), *work = malloc(n * sizeof *work);
    int rc = vals && work ? 0 : -1;
    if (rc == 0 && job < PEER_LEVELS)
        build_level(j->m, j->s, j->u, job, vals, work);
    else if (rc == 0)
        build_one_person(j->m, j->s, vals, work);
    j->failed[job] = rc != 0;
    free(vals);
    free(work);
}

static int build(struct peer_model *m, const struct dataset *d, size_t min_group, int threads,
                 int every)
{
    memset(m, 0, sizeof *m);
    m->min_group = min_group;
    size_t n = d->n_addrs ? d->n_addrs : 1;
    struct sample s = {malloc(n * sizeof *s.key), malloc(n * sizeof *s.le), 0};
    int rc = s.key && s.le ? 0 : -1;
    for (uint32_t i = 0; rc == 0 && i < d->n_addrs; i++) {
        const struct address *a = &d->addrs[i];
        if (!peer_eligible(a))
            continue;
        struct key k = key_of(d, a);
        s.key[s.n] = (struct small_key){(int8_t)k.gas, (int8_t)k.biz, (int8_t)k.type,
                                        (int8_t)k.band, (int8_t)k.res};
        s.le[s.n++] = log1p(a->elec);
    }
    struct usage *u = rc == 0 ? malloc(sizeof *u) : NULL;
    rc = u ? 0 : -1;
    if (rc == 0)
        usage_of(&s, min_group, every, u);
    struct level_jobs j = {m, &s, u, {0}};
    if (rc == 0)
        workers_run(threads, PEER_LEVELS + 1, level_job, &j);
    for (int k = 0; rc == 0 && k <= PEER_LEVELS; k++)
        rc = j.failed[k] ? -1 : 0;
    free(u);
    free(s.key);
    free(s.le);
    return rc;
}

int peer_build(struct peer_model *m, const struct dataset *d, size_t min_group, int threads)
{
    return build(m, d, min_group, threads, 0);
}

int peer_build_every_group(struct peer_model *m, const struct dataset *d, size_t min_group,
                           int threads)
{
    return build(m, d, min_group, threads, 1);
}

const struct robust *peer_one_person(const struct peer_model *m, const struct dataset *d,
                                     const struct address *a)
{
    /* too few all-electric singles of the type: gas-heated ones of the type */
    const struct robust *r = &m->one_person[no_gas(a)][peer_type(d, a)];
    return r->n >= m->min_group ? r : &m->one_person[0][peer_type(d, a)];
}

/* The group of key k (as key_at left it) in words: "apartment, 50-74 m2, 1 resident,
 * gas", "dwellings with 3+ residents, no gas", "all dwellings". */
static void label(char *buf, size_t size, struct key k)
{
    char band[32] = "", res[32] = "";
    if (k.band != DROPPED)
        snprintf(band, sizeof band, ", %s", BAND_NAME[k.band]);
    if (k.res != DROPPED)
        snprintf(res, sizeof res, "%d%s resident%s", k.res,
                 (k.folded && k.res == 3) || k.res == 5 ? "+" : "", k.res == 1 ? "" : "s");
    const char *biz = k.biz > 0 ? ", a company registered here" : "";
    if (k.gas == DROPPED)
        snprintf(buf, size, "all dwellings");
    else if (k.type != DROPPED || k.band != DROPPED)
        snprintf(buf, size, "%s%s%s%s, %s%s", k.type != DROPPED ? TYPE_NAME[k.type] : "dwellings",
                 band, *res ? ", " : "", res, GAS_NAME[k.gas], biz);
    else if (k.res != DROPPED)
        snprintf(buf, size, "dwellings with %s, %s%s", res, GAS_NAME[k.gas], biz);
    else
        snprintf(buf, size, "all dwellings with %s%s", GAS_NAME[k.gas], biz);
}

void peer_label(const struct dataset *d, const struct address *a, const struct peer_ref *p,
                char *buf, size_t size)
{
    label(buf, size, key_at(p->level, key_of(d, a)));
}

int peer_lookup(const struct peer_model *m, const struct dataset *d, const struct address *a,
                struct peer_ref *out)
{
    struct key k = key_of(d, a);
    for (int level = 0; level < PEER_LEVELS; level++) {
        const struct robust *r = &m->g[level][group_at(level, k)];
        if (r->n >= m->min_group) {
            out->r = r;
            out->level = level;
            return 0;
        }
    }
    return -1;
}
