/*
 * peer.h - peer groups of dwellings for "far above (or below) what is normal"
 * (docs/scoring.md).
 *
 * Why: 6,000 kWh is a lot for a one-person flat and normal for a family of five in
 * a detached house, and an all-electric home (heat pump, no gas) uses thousands of
 * kWh more than a gas-heated one of the same size; a home with a registered
 * business (a ZZP's workshop, a salon, a server) uses more than one without.
 * Dwellings are grouped by heating (gas / no gas) x company (an active KvK branch
 * registered at the dwelling, or none) x type (apartment: a building with more
 * than one dwelling; house; unknown) x floor-area band x household size; a group
 * smaller than min_group is not trusted and the key collapses in a fixed order
 * (area band, then residents to 1/2/3+, then type, then the company, then
 * heating) - never to a neighbourhood, so location cannot drive the baseline. An
 * all-electric home keeps its area band longer (residents to 1/2/3+, then
 * residents, then type, then the band): a heat pump's load grows with the floor
 * it heats, and a 3.5x "excess" of a large all-electric house over all-electric
 * houses of any size was the commonest false positive of E1 on geldrop's lists.
 * Heating is the last split to go: comparing a heat-pump home with gas-heated
 * ones is the look-alike the split exists for, so the allowance adapts to how
 * common heat pumps are where vik runs instead of being a constant. The company
 * split goes just before it: it exists for home businesses, whose use differs
 * between places (two in three of the hennep lists' false positives on the
 * generated worlds had a company at home before it, docs/statistics.md).
 * Statistics are median and scaled MAD of log(1 + kWh) over dwellings without
 * solar feed-in, computed once per run.
 */
#ifndef VIK_SCORE_PEER_H
#define VIK_SCORE_PEER_H

#include "model/dataset.h"
#include "score/stats.h"

enum { PEER_GAS = 2, PEER_TYPES = 3, PEER_BANDS = 5, PEER_RES = 6, PEER_LEVELS = 7 };
enum { PEER_BIZ = 2, PEER_CELLS = PEER_GAS * PEER_BIZ * PEER_TYPES * PEER_BANDS * PEER_RES };

struct peer_model {
    /* level 0: gas x company x type x band x res; 1: gas x company x type x res;
     * 2: gas x company x type x res3; 3: gas x company x res3; 4: gas x company;
     * 5: gas; 6: all. All-electric homes at levels 1-3: type x band x res3,
     * type x band, band (peer.c, key_at) */
    struct robust g[PEER_LEVELS][PEER_CELLS];
    struct robust one_person[PEER_GAS][PEER_TYPES]; /* E2: what one person uses */
    size_t min_group;
};

struct peer_ref {
    const struct robust *r;
    int level;
};

/* Compute all groups, the collapse levels as jobs on up to `threads` threads (the
 * model does not depend on how many); 0, or -1 when out of memory. */
int peer_build(struct peer_model *m, const struct dataset *d, size_t min_group, int threads);

/* peer_build computes the statistics only of the groups a lookup can land on (peer.c);
 * this computes every group's, for the tests that hold the two to the same lookups. */
int peer_build_every_group(struct peer_model *m, const struct dataset *d, size_t min_group,
                           int threads);

/* The group an address is compared with; 0, or -1 when it has no usable group. */
/* "apartment, 50-74 m2, 1 resident, gas": the group peer_lookup found for a, in words
 * (written only for a reason: formatting it per lookup showed in the profile). */
void peer_label(const struct dataset *d, const struct address *a, const struct peer_ref *p,
                char *buf, size_t size);

int peer_lookup(const struct peer_model *m, const struct dataset *d, const struct address *a,
                struct peer_ref *out);

/* Peer type of an address: 0 apartment, 1 house, 2 unknown. */
int peer_type(const struct dataset *d, const struct address *a);

/* What one person uses in dwellings of a's type and heating (E2's reference). */
const struct robust *peer_one_person(const struct peer_model *m, const struct dataset *d,
                                     const struct address *a);

/*
 * No gas to speak of: no gas connection, or under 50 m3 a year (a cooker at most,
 * no heating). An all-electric home heats with electricity: the
 * peer groups and the regression's gas covariate both read this.
 */
static inline int no_gas(const struct address *a)
{
    return a->n_gas == 0 || a->gas < 50;
}

#endif
