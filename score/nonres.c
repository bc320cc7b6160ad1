/*
 * nonres.c - see nonres.h.
 */
#include "score/nonres.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Floor on the scale of log(kWh/m2): +-16%, as for dwellings. */
#define NONRES_SCALE_FLOOR 0.15

static const char *const USE_NAME[NONRES_USES] = {
    "industrial units", "storage units and garages",  "shops", "offices", "lodging",
    "care buildings",   "other non-residential units"};
static const char *const BAND_NAME[NONRES_BANDS] = {"<30 m2", "30-99 m2", "100-299 m2",
                                                    "300-999 m2", ">=1000 m2"};

/* One use per unit, in this order when an object has several gebruiksdoelen. */
static int use_of(const struct address *a)
{
    static const unsigned order[NONRES_USES - 1] = {USE_INDUSTRIE, USE_OVERIG, USE_WINKEL,
                                                    USE_KANTOOR,   USE_LOGIES, USE_ZORG};
    for (int u = 0; u < NONRES_USES - 1; u++)
        if (a->usage & order[u])
            return u;
    return NONRES_USES - 1;
}

static int band_of(float area)
{
    return area < 30 ? 0 : area < 100 ? 1 : area < 300 ? 2 : area < 1000 ? 3 : 4;
}

struct key {
    int use, band;
};

static struct key key_of(const struct address *a)
{
    return (struct key){use_of(a), band_of(a->floor_area)};
}

static size_t group_at(int level, struct key k)
{
    switch (level) {
    case 0:
        return (size_t)k.use * NONRES_BANDS + (size_t)k.band;
    case 1:
        return (size_t)k.use;
    default:
        return 0;
    }
}

int nonres_eligible(const struct address *a)
{
    return a->usage != 0 && !address_is_dwelling(a) && a->n_elec > 0 && a->elec > 0 &&
           a->floor_area > 0;
}

static double per_m2(const struct address *a)
{
    return log(a->elec / a->floor_area);
}

/* An eligible unit as the levels need it: gathered in one walk over the addresses
 * (at national size 9.2 M records, of which about 6% are eligible), not one walk
 * per level and pass. */
struct unit {
    struct key k;
    double v; /* per_m2 */
};

static int gather(const struct dataset *d, struct unit **out, size_t *n_out)
{
    size_t n = 0, cap = 1024;
    struct unit *u = malloc(cap * sizeof *u);
    if (!u)
        return -1;
    for (uint32_t i = 0; i < d->n_addrs; i++) {
        const struct address *a = &d->addrs[i];
        if (!nonres_eligible(a))
            continue;
        if (n == cap) {
            struct unit *bigger = realloc(u, 2 * cap * sizeof *u);
            if (!bigger) {
                free(u);
                return -1;
            }
            u = bigger;
            cap *= 2;
        }
        u[n++] = (struct unit){key_of(a), per_m2(a)};
    }
    *out = u;
    *n_out = n;
    return 0;
}

int nonres_build(struct nonres_model *m, const struct dataset *d, size_t min_group)
{
    memset(m, 0, sizeof *m);
    m->min_group = min_group;
    struct unit *u = NULL;
    size_t n = 0;
    if (gather(d, &u, &n) != 0)
        return -1;
    size_t cap = n ? n : 1;
    double *vals = malloc(cap * sizeof *vals), *work = malloc(cap * sizeof *work);
    size_t *count = calloc(NONRES_CELLS + 1, sizeof *count);
    size_t *start = calloc(NONRES_CELLS + 1, sizeof *start);
    int rc = vals && work && count && start ? 0 : -1;
    for (int level = 0; rc == 0 && level < NONRES_LEVELS; level++) {
        memset(count, 0, (NONRES_CELLS + 1) * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[group_at(level, u[i].k)]++;
        for (size_t g = 0; g < NONRES_CELLS; g++)
            start[g + 1] = start[g] + count[g];
        memset(count, 0, (NONRES_CELLS + 1) * sizeof *count);
        for (size_t i = 0; i < n; i++) {
            size_t g = group_at(level, u[i].k);
            vals[start[g] + count[g]++] = u[i].v;
        }
        for (size_t g = 0; g < NONRES_CELLS; g++)
            stats_robust(vals + start[g], count[g], NONRES_SCALE_FLOOR, work, &m->g[level][g]);
    }
    free(u);
    free(vals);
    free(work);
    free(count);
    free(start);
    return rc;
}

static void label(char *buf, size_t size, int level, struct key k)
{
    switch (level) {
    case 0:
        snprintf(buf, size, "%s of %s", USE_NAME[k.use], BAND_NAME[k.band]);
        break;
    case 1:
        snprintf(buf, size, "%s", USE_NAME[k.use]);
        break;
    default:
        snprintf(buf, size, "all non-residential units");
    }
}

void nonres_label(const struct address *a, const struct nonres_ref *n, char *buf, size_t size)
{
    label(buf, size, n->level, key_of(a));
}

int nonres_lookup(const struct nonres_model *m, const struct address *a, struct nonres_ref *out)
{
    if (!nonres_eligible(a))
        return -1;
    struct key k = key_of(a);
    for (int level = 0; level < NONRES_LEVELS; level++) {
        const struct robust *r = &m->g[level][group_at(level, k)];
        if (r->n >= m->min_group) {
            out->r = r;
            out->level = level;
            return 0;
        }
    }
    return -1;
}
