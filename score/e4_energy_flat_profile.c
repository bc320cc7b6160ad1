/*
 * e4_energy_flat_profile.c - E4 energy_flat_profile (DOMAIN.md 3.3, theme hennep):
 * the same electricity every month of the year.
 *
 * Phenomenon: a constant lamp load: grow lamps on a timer draw the same every month,
 *    while households and heat pumps are seasonal (more in winter).
 * Inputs: monthly electricity (energy: optional in the exports), annual
 *    electricity, solar feed-in seen, usage and active KvK branches. Not evaluable
 *    without monthly values, or when only some of the connections have them (the
 *    months would not add up to the year).
 * Formula: coefficient of variation of the 12 months (sample standard deviation,
 *    n - 1, over the mean) below threshold, at >= min_kwh a year; strength 0.5 at
 *    the threshold rising to 1 at a perfectly flat year (variation 0).
 * Parameters: threshold 0.10, min_kwh 6000 kWh/yr; weight 2.0, correlation group 3.
 * Look-alikes it guards against: households and heat pumps are seasonal; a small
 *    base load (a fridge, standby) is flat too, so only >= min_kwh is judged; solar
 *    feed-in makes the metered months net values, not use; only dwellings and units
 *    without an active company are judged: businesses (cold stores, workshops) run
 *    flat loads legitimately.
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

/* Coefficient of variation of the monthly electricity. */
static double monthly_cv(const struct address *a)
{
    double mean = 0, var = 0;
    for (int m = 0; m < 12; m++)
        mean += a->elec_month[m] / 12.0;
    for (int m = 0; m < 12; m++)
        var += (a->elec_month[m] - mean) * (a->elec_month[m] - mean) / 11.0;
    return mean > 0 ? sqrt(var) / mean : INFINITY;
}

static enum ind_outcome energy_flat_profile(const struct score_ctx *ctx,
                                            const struct indicator_cfg *c, const struct address *a,
                                            struct ind_result *out)
{
    (void)ctx;
    if (a->n_elec_monthly == 0 || a->n_elec_monthly != a->n_elec)
        return IND_NOT_EVALUABLE;
    if (!address_is_dwelling(a) && a->n_branches > 0)
        return IND_QUIET; /* businesses run flat loads legitimately */
    double cv = monthly_cv(a);
    out->raw = cv, out->ref = c->threshold;
    if (a->elec < c->params[0] || (a->feed_in & FEED_IN_SEEN) || cv >= c->threshold)
        return IND_QUIET;
    out->strength = ramp(-cv, -c->threshold, 0);
    char v[24];
    snprintf(out->reason, sizeof out->reason,
             "monthly electricity is flat all year (variation %.0f%%, households vary over "
             "%.0f%% with the seasons) at %s kWh/yr",
             cv * 100, c->threshold * 100, fmt_int(v, sizeof v, a->elec));
    return IND_FIRED;
}

const struct indicator IND_E4 = {IND_ENERGY_FLAT_PROFILE, energy_flat_profile};
