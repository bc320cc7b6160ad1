/*
 * b1_overcrowding.c - B1 overcrowding (DOMAIN.md 3.3, theme overbewoning): too many
 * adults for the floor area.
 *
 * Phenomenon: too many people registered for the floor area: overbewoning, labour
 *    exploitation, address fraud.
 * Inputs: floor area (Kadaster objects), registered residents and adults (BRP).
 *    Not evaluable when not a dwelling or when the floor area is unknown; nobody
 *    registered is quiet.
 * Formula: floor area per registered resident below threshold m2 (Bouwbesluit 2012
 *    art. 7.18: 12 m2) with >= min_adults adults; strength 0.5 at the threshold
 *    rising to 1 at strong_m2 (DOMAIN.md: strong below 8).
 * Parameters: threshold 12 (m2), strong_m2 8, min_adults 4; weight 4.0.
 * Look-alikes it guards against: large families (few adults: the children count in
 *    m2 per person but the min_adults rule keeps them off), care homes and hotels
 *    (not woonfunctie).
 */
#include "score/indicator.h"

#include <stdio.h>

static enum ind_outcome overcrowding(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                     const struct address *a, struct ind_result *out)
{
    (void)ctx;
    if (!address_is_dwelling(a) || a->floor_area <= 0)
        return not_evaluable(out, address_is_dwelling(a) ? "floor area unknown" : "not a dwelling");
    if (a->n_residents == 0)
        return IND_QUIET;
    double m2 = a->floor_area / a->n_residents;
    out->raw = m2, out->ref = c->threshold;
    if (m2 >= c->threshold || a->n_adults < c->params[1])
        return IND_QUIET;
    out->strength = ramp(-m2, -c->threshold, -c->params[0]);
    snprintf(out->reason, sizeof out->reason,
             "%u residents (%u adults) registered in %.0f m2 = %.1f m2 per person (norm %.0f m2)",
             (unsigned)a->n_residents, (unsigned)a->n_adults, a->floor_area, m2, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_B1 = {IND_OVERCROWDING, overcrowding};
