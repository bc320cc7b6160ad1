/*
 * peer.h - peer groups for "far above what is normal" (DOMAIN.md 4.2).
 *
 * Why: 6,000 kWh is a lot for a one-person flat and normal for a family of five in
 * a detached house. Dwellings are grouped by type (apartment: a building with more
 * than one dwelling; house; unknown) x floor-area band x household size; a group
 * smaller than min_group is not trusted and the key collapses in a fixed order
 * (area band, then residents to 1/2/3+, then type) - never to a neighbourhood, so
 * location cannot drive the baseline. Statistics are median and scaled MAD of
 * log(1 + kWh) over dwellings without solar feed-in, computed once per run.
 */
#ifndef VIK_SCORE_PEER_H
#define VIK_SCORE_PEER_H

#include "model/dataset.h"
#include "score/stats.h"

enum { PEER_TYPES = 3, PEER_BANDS = 5, PEER_RES = 6, PEER_LEVELS = 5 };

struct peer_model {
    /* level 0: type x band x res; 1: type x res; 2: type x res3; 3: res3; 4: all */
    struct robust g[PEER_LEVELS][PEER_TYPES * PEER_BANDS * PEER_RES];
    struct robust one_person[PEER_TYPES]; /* for E2's p90 of 1-person dwellings */
    size_t min_group;
};

struct peer_ref {
    const struct robust *r;
    int level;
    char label[96]; /* "apartment, 50-74 m2, 1 resident" */
};

/* Compute all groups; 0, or -1 when out of memory. */
int peer_build(struct peer_model *m, const struct dataset *d, size_t min_group);

/* The group an address is compared with; 0, or -1 when it has no usable group. */
int peer_lookup(const struct peer_model *m, const struct dataset *d, const struct address *a,
                struct peer_ref *out);

/* Peer type of an address: 0 apartment, 1 house, 2 unknown. */
int peer_type(const struct dataset *d, const struct address *a);

#endif
