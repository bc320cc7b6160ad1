/*
 * k5_many_properties.c - K5 many_properties (DOMAIN.md 3.3, themes witwassen and
 * overbewoning): a private person with a large portfolio.
 *
 * Phenomenon: a private landlord with many dwellings: labour-migrant housing, slum
 *    landlords (huisjesmelkers).
 * Inputs: the address's owner (Kadaster objects) when a natural person, and the
 *    dwellings (woonfunctie) they own. Not evaluable when the owner is unknown.
 * Formula: more than threshold dwellings; strength 0.5 at the threshold rising to 1
 *    at full_count.
 * Parameters: threshold 5 (seed plan), full_count 15; weight 1.0; correlation group
 *    4 with K4 (the same owner's dwellings counted: within a theme only the larger
 *    counts).
 * Look-alikes it guards against: weak alone (legitimate landlords): weight 1.0
 *    never lists an address by itself; corporations are legal entities. Holdings
 *    via a BV stay invisible without UBO data.
 */
#include "score/indicator.h"

#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome many_properties(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                        const struct address *a, struct ind_result *out)
{
    if (a->owner == NONE_IDX)
        return not_evaluable(out, "owner unknown");
    const struct owner *o = person_owner(ctx, a);
    if (!o)
        return IND_QUIET;
    out->raw = o->n_dwellings, out->ref = c->threshold;
    if (o->n_dwellings <= c->threshold)
        return IND_QUIET;
    out->strength = ramp(o->n_dwellings, c->threshold, c->params[0]);
    snprintf(out->reason, sizeof out->reason,
             "owner is a private person with %u dwellings (more than %.0f)",
             (unsigned)o->n_dwellings, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_K5 = {IND_MANY_PROPERTIES, many_properties};
