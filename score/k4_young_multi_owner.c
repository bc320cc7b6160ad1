/*
 * k4_young_multi_owner.c - K4 young_multi_owner (DOMAIN.md 3.3, theme witwassen): a
 * young owner of several dwellings.
 *
 * Phenomenon: property bought with money a young person cannot have earned yet.
 * Inputs: the address's owner (Kadaster objects: among co-owners the youngest
 *    natural person), their birth date and the dwellings they own. Not evaluable
 *    when the owner is unknown or is a natural person of unknown age.
 * Formula: the owner is a natural person younger than threshold (at the reference
 *    date) who owns >= min_dwellings dwellings. Strength ramps with the count: 0.5
 *    at min_dwellings, 1 at full_dwellings - so by default two dwellings give half
 *    the weight (1.75, under the witwassen min_score 3: listed only with another
 *    signal) and three list alone.
 * Parameters: threshold 30 (age), min_dwellings 2, full_dwellings 3; weight 3.5;
 *    correlation group 4 with K5 (the same owner's dwellings counted: within a
 *    theme only the larger counts).
 * Look-alikes it guards against: a young owner of a home and one more dwelling (an
 *    inherited one, say) weighs half (the ramp above); housing corporations and BVs
 *    are legal entities and are not judged.
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome young_multi_owner(const struct score_ctx *ctx,
                                          const struct indicator_cfg *c, const struct address *a,
                                          struct ind_result *out)
{
    if (a->owner == NONE_IDX)
        return not_evaluable(out, "owner unknown");
    const struct owner *o = person_owner(ctx, a);
    if (!o)
        return IND_QUIET;
    int age = date_age(o->birth_date, ctx->reference_date);
    if (age < 0)
        return not_evaluable(out, "owner's age unknown");
    out->raw = o->n_dwellings, out->ref = c->params[0];
    if (age >= c->threshold || o->n_dwellings < c->params[0])
        return IND_QUIET;
    out->strength = ramp(o->n_dwellings, c->params[0], c->params[1]);
    snprintf(out->reason, sizeof out->reason, "owner aged %d (under %.0f) owns %u dwellings", age,
             c->threshold, (unsigned)o->n_dwellings);
    return IND_FIRED;
}

const struct indicator IND_K4 = {IND_YOUNG_MULTI_OWNER, young_multi_owner};
