/*
 * e1_energy_high.c - E1 energy_high (DOMAIN.md 3.3, theme hennep): electricity far
 * above the peer group.
 *
 * Phenomenon: a dwelling using far more electricity than its type, size and
 *    household explain: growers who pay for their power, use a business connection
 *    or tap only part of the load (most tap before the meter: E3 and E4 are for
 *    those, DOMAIN.md 3.2).
 * Inputs: annual electricity (energy, summed over connections), gas (no_gas() in
 *    score/ind_util.h), floor area and dwelling type (Kadaster objects), registered
 *    residents (BRP); the run's peer groups (score/peer.h) or, with method 1, its
 *    robust regression (score/regress.h). Not evaluable without a dwelling, an
 *    electricity connection or a floor area (never "zero"), or without a usable
 *    peer group.
 * Formula: judged = kWh minus all_electric_kwh when the dwelling has no gas; fires
 *    when the robust z of log(1 + judged) in the peer group >= threshold AND judged
 *    exceeds the peer median by >= min_excess_kwh (~2 lamps all year). Strength 0.5
 *    at the threshold rising to 1 at z_cap. method = 1 compares with a robust
 *    regression (type, log area, household, no gas) instead of the peer median;
 *    when the run's fit is too thin or did not converge, or has no dwellings like
 *    this one, E1 uses the peer groups and its reason says so. Peer groups stay the
 *    default: on five synthetic towns both methods found the same cases and the
 *    regression fired on more unmarked dwellings (5 vs 1).
 * Parameters: threshold 3.0 (robust z), min_excess_kwh 6000, z_cap 6, min_group 30
 *    (smallest peer group trusted before collapsing; score.c also uses it as the
 *    regression's least rows), all_electric_kwh 3000, method 0; weight 4.0;
 *    correlation group 1 with E2 and E5 (all three read the same annual kWh: within
 *    a theme only the largest of them counts).
 * Look-alikes it guards against: large families and big houses (peers by type x
 *    area x household); all-electric homes (a heat pump adds 1,500-2,500 kWh: the
 *    allowance when the dwelling has no gas, and the reason says it was applied);
 *    dwellings with solar feed-in use net values and are judged conservatively (a
 *    net figure only understates use); a modest excess in a tight peer group (an
 *    electric car) gives a high z but not the min_excess_kwh on top of the median.
 */
#include "score/indicator.h"

#include "score/fmt.h"
#include "score/ind_util.h"

#include <math.h>
#include <stdio.h>

/* E1 against the peer group of a (method 0, or the regression's fallback with note). */
static enum ind_outcome energy_high_peer(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                         const struct address *a, double judged, double allowance,
                                         const char *note, struct ind_result *out)
{
    struct peer_ref p;
    if (peer_lookup(ctx->peers, ctx->d, a, &p) != 0)
        return IND_NOT_EVALUABLE;
    double kwh = a->elec, median = expm1(p.r->median);
    double z = stats_z(p.r, log1p(judged));
    out->raw = kwh, out->ref = median;
    if (z < c->threshold || judged - median < c->params[0])
        return IND_QUIET;
    out->strength = ramp(z, c->threshold, c->params[1]);
    char v[24], m[24];
    snprintf(out->reason, sizeof out->reason,
             "electricity %s kWh/yr = %.1fx the median of %zu similar dwellings (%s, median %s); "
             "robust z %.1f%s%s",
             fmt_int(v, sizeof v, kwh), kwh / (median > 1 ? median : 1), p.r->n, p.label,
             fmt_int(m, sizeof m, median), z,
             allowance > 0 ? " after a heat-pump allowance (no gas)" : "", note);
    return IND_FIRED;
}

/* E1 against the regression's expectation (log kWh) for a dwelling like x. */
static enum ind_outcome energy_high_regress(const struct regress_model *rm,
                                            const struct indicator_cfg *c,
                                            const struct regress_row *x, double kwh, double judged,
                                            double allowance, double expected,
                                            struct ind_result *out)
{
    double z = regress_z(rm, x, expected, log1p(judged)), want = expm1(expected);
    out->raw = kwh, out->ref = want;
    if (z < c->threshold || judged - want < c->params[0])
        return IND_QUIET;
    out->strength = ramp(z, c->threshold, c->params[1]);
    char v[24], e[24], n[24], label[96];
    regress_label(x, label, sizeof label);
    snprintf(out->reason, sizeof out->reason,
             "electricity %s kWh/yr = %.1fx the expected %s kWh for a dwelling like this (%s; "
             "robust regression on %s dwellings); robust z %.1f%s",
             fmt_int(v, sizeof v, kwh), kwh / (want > 1 ? want : 1), fmt_int(e, sizeof e, want),
             label, fmt_int(n, sizeof n, (double)rm->n_rows), z,
             allowance > 0 ? " after a heat-pump allowance (no gas)" : "");
    return IND_FIRED;
}

/*
 * Why E1 falls back to peer groups although the regression was asked for (a note
 * for the reason), or NULL when the model gives *expected for x. No model in the
 * context (a caller that did not fit one) is a silent fallback.
 */
static const char *regress_fallback(const struct regress_model *rm, const struct regress_row *x,
                                    double *expected)
{
    if (!rm)
        return "";
    if (rm->state == REGRESS_TOO_FEW)
        return "; peer groups: too few dwellings for the regression";
    if (rm->state != REGRESS_FITTED)
        return "; peer groups: the regression did not converge";
    if (regress_expect(rm, x, expected) != 0)
        return "; peer groups: too few dwellings like this in the regression";
    return NULL;
}

static enum ind_outcome energy_high(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                    const struct address *a, struct ind_result *out)
{
    struct regress_row x;
    if (!address_is_dwelling(a) || a->n_elec == 0 || regress_row_of(ctx->d, a, &x) != 0)
        return IND_NOT_EVALUABLE; /* no connection or no floor area: never "zero" */
    double kwh = a->elec, allowance = no_gas(a) ? c->params[3] : 0;
    double judged = kwh - allowance > 0 ? kwh - allowance : 0, expected = 0;
    const char *note = "";
    if (c->params[4] >= 0.5) { /* method 1: robust regression */
        note = regress_fallback(ctx->regress, &x, &expected);
        if (!note)
            return energy_high_regress(ctx->regress, c, &x, kwh, judged, allowance, expected, out);
    }
    return energy_high_peer(ctx, c, a, judged, allowance, note, out);
}

const struct indicator IND_E1 = {IND_ENERGY_HIGH, energy_high};
