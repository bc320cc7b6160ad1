/*
 * h3_company_churn.c - H3 company_churn (DOMAIN.md 3.3, theme brievenbus): firms
 * coming and going at one address.
 *
 * Phenomenon: short-lived firms and serial re-registrations at one address.
 * Inputs: KvK registrations and deregistrations at the address in the last 24
 *    months, firms there that lived under a year, usage (Kadaster objects). Always
 *    evaluable: no registration is 0.
 * Formula: registrations + deregistrations in 24 months >= threshold, or >=
 *    short_lived firms that lived under a year, at an address that is not a
 *    business centre; strength 0.5 at threshold events rising to 1 at full_count.
 * Parameters: threshold 3 (events), short_lived 2, full_count 10; weight 3.0.
 * Look-alikes it guards against: business centres (kantoorfunctie): churn there is
 *    normal.
 */
#include "score/indicator.h"

#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome company_churn(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                      const struct address *a, struct ind_result *out)
{
    (void)ctx;
    unsigned events = (unsigned)a->n_founded_24m + a->n_dissolved_24m;
    out->raw = events, out->ref = c->threshold;
    if (business_centre(a) || (events < c->threshold && a->n_short_lived < c->params[0]))
        return IND_QUIET;
    out->strength = ramp(events, c->threshold, c->params[1]);
    snprintf(out->reason, sizeof out->reason,
             "%u registrations and %u deregistrations in 24 months, %u firms lived under a year "
             "(threshold %.0f events)",
             (unsigned)a->n_founded_24m, (unsigned)a->n_dissolved_24m, (unsigned)a->n_short_lived,
             c->threshold);
    return IND_FIRED;
}

const struct indicator IND_H3 = {IND_COMPANY_CHURN, company_churn};
