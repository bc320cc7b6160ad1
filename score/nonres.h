/*
 * nonres.h - peer groups of non-residential units: electricity per m2 against
 * units of the same use, size and company status (E5, E4's reference).
 *
 * Why: a garage box using 3,000 kWh and a supermarket using 140,000 are both
 * "non-residential", and a fixed threshold (5,000 kWh) cannot tell a grow room
 * from a cold store. A unit is compared with units of the same BAG gebruiksdoel
 * (industry, storage/garage, shop, office, lodging, care, other) x floor-area
 * band (<30, 30-99, 100-299, 300-999, >=1000 m2) x whether an active company is
 * registered at the unit, on log(kWh per m2): a cold store is normal for shops of
 * its size, a grow room in an industrial unit uses several times what units of
 * its use and size use. Company status is a peer dimension, not a silencer: where
 * units without a company at the address are vacant, use there stands out; where
 * chains register their branches at the head office, such units use like shops.
 * Groups smaller than min_group collapse: first the size band, then the use,
 * then the company status - never to a neighbourhood. Company status goes last:
 * where units without a company are few they are mostly vacant, and comparing
 * one with working businesses of its use would hide a grow room among them.
 */
#ifndef VIK_SCORE_NONRES_H
#define VIK_SCORE_NONRES_H

#include "model/dataset.h"
#include "score/stats.h"

enum { NONRES_USES = 7, NONRES_BANDS = 5, NONRES_CO = 2, NONRES_LEVELS = 5 };
enum { NONRES_CELLS = NONRES_USES * NONRES_BANDS * NONRES_CO };

struct nonres_model {
    /* level 0: use x band x company; 1: use x company; 2: band x company;
     * 3: company; 4: all */
    struct robust g[NONRES_LEVELS][NONRES_CELLS];
    size_t min_group;
};

struct nonres_ref {
    const struct robust *r; /* of log(kWh per m2) */
    int level;
    char label[112]; /* "industrial units of 100-299 m2 with a company registered there" */
};

/* Compute all groups; 0, or -1 when out of memory. */
int nonres_build(struct nonres_model *m, const struct dataset *d, size_t min_group);

/* Can the address be compared (a non-residential unit with use, area and electricity)? */
int nonres_eligible(const struct address *a);

/* The group a unit is compared with; 0, or -1 when it has none. */
int nonres_lookup(const struct nonres_model *m, const struct address *a, struct nonres_ref *out);

#endif
