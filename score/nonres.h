/*
 * nonres.h - peer groups of non-residential units: electricity per m2 against
 * units of the same use and size (E5, E4's reference).
 *
 * Why: a garage box using 3,000 kWh and a supermarket using 140,000 are both
 * "non-residential", and a fixed threshold (5,000 kWh) cannot tell a grow room
 * from a cold store. A unit is compared with units of the same BAG gebruiksdoel
 * (industry, storage/garage, shop, office, lodging, care, other) x floor-area
 * band (<30, 30-99, 100-299, 300-999, >=1000 m2), on log(kWh per m2): a cold store
 * is normal for shops of its size, a grow room in an industrial unit uses several
 * times what units of its use and size use. Whether a company is registered at
 * the unit does not choose the peers: chains register their branches at the head
 * office, farms at the farmhouse, so a unit without a company at its address may
 * be as busy as any; the company is context in the reason, never a silencer.
 * Groups smaller than min_group collapse: first the size band, then the use -
 * never to a neighbourhood.
 */
#ifndef VIK_SCORE_NONRES_H
#define VIK_SCORE_NONRES_H

#include "model/dataset.h"
#include "score/stats.h"

enum { NONRES_USES = 7, NONRES_BANDS = 5, NONRES_LEVELS = 3 };
enum { NONRES_CELLS = NONRES_USES * NONRES_BANDS };

struct nonres_model {
    /* level 0: use x band; 1: use; 2: all */
    struct robust g[NONRES_LEVELS][NONRES_CELLS];
    size_t min_group;
};

struct nonres_ref {
    const struct robust *r; /* of log(kWh per m2) */
    int level;
};

/* Compute all groups; 0, or -1 when out of memory. */
int nonres_build(struct nonres_model *m, const struct dataset *d, size_t min_group);

/* Can the address be compared (a non-residential unit with use, area and electricity)? */
int nonres_eligible(const struct address *a);

/* The group a unit is compared with; 0, or -1 when it has none. */
/* "industrial units of 100-299 m2": the group nonres_lookup found for a, in words. */
void nonres_label(const struct address *a, const struct nonres_ref *n, char *buf, size_t size);

int nonres_lookup(const struct nonres_model *m, const struct address *a, struct nonres_ref *out);

#endif
