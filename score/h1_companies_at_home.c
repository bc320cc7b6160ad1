/*
 * h1_companies_at_home.c - H1 companies_at_home (DOMAIN.md 3.3, theme brievenbus):
 * many companies registered at one dwelling.
 *
 * Phenomenon: postbox companies: many registrations at one residential address.
 * Inputs: usage (Kadaster objects: woonfunctie, kantoorfunctie), the active KvK
 *    branches at the address and their distinct KvK numbers. Not evaluable when no
 *    Kadaster object is known here (usage unknown).
 * Formula: >= threshold active branches, or >= min_entities distinct KvK numbers, at
 *    a dwelling that is not a business centre; strength 0.5 at threshold branches
 *    rising to 1 at full_count (fired on entities alone, with fewer branches than
 *    the threshold: 0.5).
 * Parameters: threshold 5 (branches), min_entities 3, full_count 10; weight 4.0.
 * Look-alikes it guards against: business centres (kantoorfunctie) are not
 *    dwellings; a ZZP'er with holding + operating BV has 2-3 entities: three
 *    entities alone give half the weight (2.0), under the brievenbus min_score 4.
 */
#include "score/indicator.h"

#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome companies_at_home(const struct score_ctx *ctx,
                                          const struct indicator_cfg *c, const struct address *a,
                                          struct ind_result *out)
{
    (void)ctx;
    if (a->usage == 0)
        return not_evaluable(out, "no Kadaster object at this address (usage unknown)");
    out->raw = a->n_branches, out->ref = c->threshold;
    if (!address_is_dwelling(a) || business_centre(a))
        return IND_QUIET;
    if (a->n_branches < c->threshold && a->n_entities < c->params[0])
        return IND_QUIET;
    out->strength = ramp(a->n_branches, c->threshold, c->params[1]);
    snprintf(out->reason, sizeof out->reason,
             "%u active KvK branches of %u different companies registered at a dwelling "
             "(threshold %.0f)",
             (unsigned)a->n_branches, (unsigned)a->n_entities, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_H1 = {IND_COMPANIES_AT_HOME, companies_at_home};
