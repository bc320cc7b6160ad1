/*
 * b2_registration_churn.c - B2 registration_churn (DOMAIN.md 3.3, theme
 * overbewoning): adults arriving at one small dwelling one after another.
 *
 * Phenomenon: revolving-door addresses: ever new adults for short stays, with
 *    labour exploitation or address fraud behind them.
 * Inputs: adults (18 or over) registered at the address in the last 12 months
 *    (BRP), floor area (Kadaster objects). Not evaluable when not a dwelling or
 *    when the floor area is unknown.
 * Formula: >= threshold adult arrivals in 12 months at a dwelling smaller than
 *    max_area m2; strength 0.5 at the threshold rising to 1 at full_count.
 * Parameters: threshold 4 (adult arrivals), max_area 100 (m2), full_count 10;
 *    weight 3.0, under the overbewoning min_score 3.5: it never lists alone.
 * Look-alikes it guards against: counting adults only - a family moving in with
 *    its children is not a revolving door; care homes (not woonfunctie), large
 *    student houses (max_area).
 */
#include "score/indicator.h"

#include <stdio.h>

static enum ind_outcome registration_churn(const struct score_ctx *ctx,
                                           const struct indicator_cfg *c, const struct address *a,
                                           struct ind_result *out)
{
    (void)ctx;
    if (!address_is_dwelling(a) || a->floor_area <= 0)
        return not_evaluable(out, address_is_dwelling(a) ? "floor area unknown" : "not a dwelling");
    /* adults: a family moving in with its children is not a revolving door */
    unsigned adults = a->n_adult_arrivals_12m;
    out->raw = adults, out->ref = c->threshold;
    if (a->floor_area >= c->params[0] || adults < c->threshold)
        return IND_QUIET;
    out->strength = ramp(adults, c->threshold, c->params[1]);
    snprintf(out->reason, sizeof out->reason,
             "%u adults registered here in the last 12 months in a dwelling of %.0f m2 "
             "(threshold %.0f)",
             adults, a->floor_area, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_B2 = {IND_REGISTRATION_CHURN, registration_churn};
