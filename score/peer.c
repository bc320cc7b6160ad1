/*
 * peer.c - see peer.h.
 */
#include "score/peer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPE_NAME[PEER_TYPES] = {"apartment", "house", "dwelling"};
static const char *const BAND_NAME[PEER_BANDS] = {"<50 m2", "50-74 m2", "75-99 m2", "100-149 m2",
                                                  ">=150 m2"};

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

/* Group index of an address at each collapse level. */
static size_t group_at(int level, int type, int band, int res)
{
    switch (level) {
    case 0:
        return ((size_t)type * PEER_BANDS + (size_t)band) * PEER_RES + (size_t)res;
    case 1:
        return (size_t)type * PEER_RES + (size_t)res;
    case 2:
        return (size_t)type * PEER_RES + (size_t)res3_of(res);
    case 3:
        return (size_t)res3_of(res);
    default:
        return 0;
    }
}

static int peer_eligible(const struct address *a)
{
    return address_is_dwelling(a) && a->n_elec > 0 && !(a->feed_in & FEED_IN_SEEN) && a->elec > 0 &&
           a->floor_area > 0;
}

/* Values of one group at one level, gathered by a linear pass (groups are small in count). */
static void build_level(struct peer_model *m, const struct dataset *d, int level, double *vals,
                        double *work, size_t *gidx)
{
    size_t n_groups = PEER_TYPES * PEER_BANDS * PEER_RES;
    size_t *count = calloc(n_groups, sizeof *count);
    size_t *start = calloc(n_groups + 1, sizeof *start);
    size_t n = 0;
    if (!count || !start)
        goto done;
    for (uint32_t i = 0; i < d->n_addrs; i++) {
        const struct address *a = &d->addrs[i];
        if (!peer_eligible(a))
            continue;
        gidx[n] = group_at(level, peer_type(d, a), band_of(a->floor_area), res_of(a));
        count[gidx[n]]++;
        work[n++] = log1p(a->elec);
    }
    for (size_t g = 0; g < n_groups; g++)
        start[g + 1] = start[g] + count[g];
    memset(count, 0, n_groups * sizeof *count);
    for (size_t k = 0; k < n; k++)
        vals[start[gidx[k]] + count[gidx[k]]++] = work[k];
    for (size_t g = 0; g < n_groups; g++)
        stats_robust(vals + start[g], count[g], 0.15, work, &m->g[level][g]);
done:
    free(count);
    free(start);
}

static void build_one_person(struct peer_model *m, const struct dataset *d, double *vals,
                             double *work)
{
    for (int t = 0; t < PEER_TYPES; t++) {
        size_t n = 0;
        for (uint32_t i = 0; i < d->n_addrs; i++) {
            const struct address *a = &d->addrs[i];
            if (peer_eligible(a) && a->n_residents == 1 && peer_type(d, a) == t)
                vals[n++] = log1p(a->elec);
        }
        stats_robust(vals, n, 0.15, work, &m->one_person[t]);
    }
}

int peer_build(struct peer_model *m, const struct dataset *d, size_t min_group)
{
    memset(m, 0, sizeof *m);
    m->min_group = min_group;
    size_t n = d->n_addrs ? d->n_addrs : 1;
    double *vals = malloc(n * sizeof *vals);
    double *work = malloc(n * sizeof *work);
    size_t *gidx = malloc(n * sizeof *gidx);
    int rc = vals && work && gidx ? 0 : -1;
    for (int level = 0; rc == 0 && level < PEER_LEVELS; level++)
        build_level(m, d, level, vals, work, gidx);
    if (rc == 0)
        build_one_person(m, d, vals, work);
    free(vals);
    free(work);
    free(gidx);
    return rc;
}

static void label(char *buf, size_t size, int level, int type, int band, int res)
{
    char resb[24];
    int r = level >= 2 ? res3_of(res) : res;
    snprintf(resb, sizeof resb, "%d%s resident%s", r, (level >= 2 && r == 3) || r == 5 ? "+" : "",
             r == 1 ? "" : "s");
    switch (level) {
    case 0:
        snprintf(buf, size, "%s, %s, %s", TYPE_NAME[type], BAND_NAME[band], resb);
        break;
    case 1:
    case 2:
        snprintf(buf, size, "%s, %s", TYPE_NAME[type], resb);
        break;
    case 3:
        snprintf(buf, size, "dwellings with %s", resb);
        break;
    default:
        snprintf(buf, size, "all dwellings");
    }
}

int peer_lookup(const struct peer_model *m, const struct dataset *d, const struct address *a,
                struct peer_ref *out)
{
    int type = peer_type(d, a), band = band_of(a->floor_area), res = res_of(a);
    for (int level = 0; level < PEER_LEVELS; level++) {
        const struct robust *r = &m->g[level][group_at(level, type, band, res)];
        if (r->n >= m->min_group) {
            out->r = r;
            out->level = level;
            label(out->label, sizeof out->label, level, type, band, res);
            return 0;
        }
    }
    return -1;
}
