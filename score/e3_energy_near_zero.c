/*
 * e3_energy_near_zero.c - E3 energy_near_zero (DOMAIN.md 3.3, theme hennep): lived
 * in for a year, yet almost no metered electricity.
 *
 * Phenomenon: meter bypass (stroomdiefstal): most plantations tap before the meter
 *    (DOMAIN.md 3.2), so the meter shows a fridge's use - or, when the household's
 *    own lights stay on it, a use far below the household's peers; or nobody
 *    actually lives there.
 * Inputs: annual electricity and what is known of solar feed-in (energy: monthly
 *    values, negative months or year, reported feed-in), gas, residents registered
 *    for 12 months or more (BRP), the household peer group (score/peer.h) for the
 *    far-below branch. Not evaluable: not a dwelling; no electricity connection
 *    known (never zero); no monthly values and no reported feed-in, since net
 *    metering hides solar feed-in in the annual figure and only negative summer
 *    months can rule it out.
 * Formula: residents registered >= 12 months (min_residents), no feed-in seen, and
 *    either electricity below threshold (a fridge's use: strength 0.5 at the
 *    threshold, 1 at half of it, and 1 when the home burns >= occupied_gas m3 gas -
 *    heated and lived in), or - most plantations tap before the meter, leaving the
 *    household's own lights on it - far below the household's peers (robust z <=
 *    -low_z) in a home that burns gas (strength 0.5 at low_z rising to 1 three
 *    further: at the default weight and min_score it lists alone only from about
 *    z -4, a sixth of the peers' median; milder drops need a second signal).
 * Parameters: threshold 250 kWh/yr, min_residents 1, occupied_gas 300 m3/yr, low_z
 *    2.5 (0: the far-below branch is off); weight 4.0, correlation group 2.
 * Look-alikes it guards against: solar (net zero) via negative months/year, and
 *    without monthly values the address is not evaluable (feed-in cannot be ruled
 *    out); no connection = not evaluable, never zero; recent movers and second
 *    homes have no residents registered for a year; a frugal single is rarely 3.5
 *    robust z below peers; the far-below branch needs gas use that shows the home
 *    is heated, so a home hardly lived in is not judged against its peers.
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

/* Gas use that shows a dwelling is heated, i.e. lived in (params[1]). */
static int heated(const struct indicator_cfg *c, const struct address *a)
{
    return a->n_gas > 0 && a->gas >= c->params[1];
}

/* Robust z of the dwelling's electricity in its household peer group; 0 when none. */
static double peer_low_z(const struct score_ctx *ctx, const struct address *a, struct peer_ref *p)
{
    if (peer_lookup(ctx->peers, ctx->d, a, p) != 0)
        return 0;
    return stats_z(p->r, log1p(a->elec > 0 ? a->elec : 0));
}

static enum ind_outcome energy_near_zero(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                         const struct address *a, struct ind_result *out)
{
    /*
     * Net metering hides solar feed-in in the annual figure: only monthly values
     * (negative summer months) can rule it out, so without them near-zero use is
     * not evaluable rather than suspicious.
     */
    if (!address_is_dwelling(a) || a->n_elec == 0)
        return not_evaluable(out, !address_is_dwelling(a) ? "not a dwelling"
                                                          : "no electricity connection known");
    if (a->feed_in & FEED_IN_UNKNOWN)
        return not_evaluable(out, "no monthly values and no reported feed-in: solar net "
                                  "metering cannot be ruled out");
    out->raw = a->elec, out->ref = c->threshold;
    if ((a->feed_in & FEED_IN_SEEN) || a->n_settled_12m < c->params[0])
        return IND_QUIET;
    struct peer_ref p;
    double z =
        a->elec >= c->threshold && c->params[2] > 0 && heated(c, a) ? peer_low_z(ctx, a, &p) : 0;
    char v[24], t[24], g[24], m[24];
    fmt_int(v, sizeof v, a->elec);
    fmt_int(g, sizeof g, a->gas);
    if (a->elec < c->threshold) {
        /* a heated home on less than a fridge's use: full strength */
        out->strength = heated(c, a) ? 1 : ramp(-a->elec, -c->threshold, -c->threshold / 2);
        snprintf(out->reason, sizeof out->reason,
                 "electricity only %s kWh/yr (below %s) while %u resident%s registered for over "
                 "a year%s%s%s; no solar feed-in seen",
                 v, fmt_int(t, sizeof t, c->threshold), (unsigned)a->n_settled_12m,
                 a->n_settled_12m == 1 ? " is" : "s are",
                 heated(c, a) ? " and the home burns " : "", heated(c, a) ? g : "",
                 heated(c, a) ? " m3 gas" : "");
        return IND_FIRED;
    }
    if (z > -c->params[2])
        return IND_QUIET;
    out->ref = expm1(p.r->median);
    /* a slower ramp than near zero: at the default weight a dwelling lists on this
     * alone only about 4 robust z below its peers (a sixth of their median) */
    out->strength = ramp(-z, c->params[2], c->params[2] + 3);
    snprintf(out->reason, sizeof out->reason,
             "electricity %s kWh/yr, far below the median %s kWh of %zu similar dwellings (%s): "
             "robust z %.1f (threshold -%.1f); %u resident%s registered over a year and the home "
             "burns %s m3 gas; no solar feed-in seen",
             v, fmt_int(m, sizeof m, out->ref), p.r->n, p.label, z, c->params[2],
             (unsigned)a->n_settled_12m, a->n_settled_12m == 1 ? " is" : "s are", g);
    return IND_FIRED;
}

const struct indicator IND_E3 = {IND_ENERGY_NEAR_ZERO, energy_near_zero};
