/*
 * e3_energy_near_zero.c - E3 energy_near_zero (theme hennep): lived in for a year,
 * yet far less metered electricity than the household's peers.
 *
 * Phenomenon: meter bypass (stroomdiefstal): most plantations tap before the meter,
 *    so the meter shows a fridge's use, or the household's own lights far below
 *    its peers; or nobody actually lives there.
 * Inputs: annual electricity and what is known of solar feed-in (energy: monthly
 *    values, negative months or year, reported feed-in), gas, residents registered
 *    for 12 months or more (BRP), the household's peer group (score/peer.h).
 *    Not evaluable: not a dwelling; no electricity connection known (never zero);
 *    no monthly values and no reported feed-in (net metering could hide solar
 *    feed-in in the annual figure: such a lived-in dwelling is counted as
 *    unobserved, score/calib.h, so that its town's rarity speaks of all lived-in
 *    dwellings, not of the share whose exports carry the months); no usable peer
 *    group.
 * Axis: how far below its peers: (median - log(1 + kWh)) in units of the spread of
 *    the peer group's lower half, (median - p10) / 1.2816 (score/stats.h), not of
 *    the MAD: appliances only add (heat pumps, cars, home offices), so a mixed
 *    group's MAD is wide upwards and its lower tail short in MAD units; tight
 *    groups then looked extreme for frugal households (docs/statistics.md).
 *    Calibrated over the dwellings it judges.
 * Grade: 1 in a home that burns at least occupied_gas m3 gas a year (heated, so
 *    lived in); without that proof of occupation, 1 only at a fridge's use or
 *    less (fridge_kwh / 2), 0 from fridge_kwh up: a home hardly lived in is not
 *    judged against its peers.
 * Parameters: min_residents 1, occupied_gas 300 m3, fridge_kwh 400 (a fridge and
 *    standby use 150-400 kWh a year); weight 1, fires at 1 in 20, may list alone;
 *    correlation group 2.
 * Look-alikes it guards against (quiet, not ranked): solar feed-in seen (net
 *    values near zero are normal); nobody registered for a year (recent movers:
 *    the annual figure covers months the dwelling stood empty; second homes);
 *    no connection = not evaluable, never zero.
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

enum { P_MIN_RESIDENTS, P_OCCUPIED_GAS, P_FRIDGE_KWH };

static int heated(const struct indicator_cfg *c, const struct address *a)
{
    return a->n_gas > 0 && a->gas >= c->params[P_OCCUPIED_GAS];
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (!address_is_dwelling(a) || a->n_elec == 0)
        return not_evaluable(m, !address_is_dwelling(a) ? "not a dwelling"
                                                        : "no electricity connection known");
    struct peer_ref p;
    if (peer_lookup(ctx->peers, ctx->d, a, &p) != 0)
        return not_evaluable(m, "no peer group of dwellings like this one");
    m->raw = a->elec;
    m->ref = expm1(p.r->median);
    if (a->feed_in & FEED_IN_SEEN)
        return quiet(m, "solar feed-in seen: the metered values are net");
    if (a->n_settled_12m < c->params[P_MIN_RESIDENTS])
        return quiet(m, "nobody registered here for 12 months or more");
    if (a->feed_in & FEED_IN_UNKNOWN)
        return unobserved(m, "no monthly values and no reported feed-in: solar net "
                             "metering cannot be ruled out");
    double kwh = a->elec > 0 ? a->elec : 0;
    m->x = p.r->scale_low > 0 ? (p.r->median - log1p(kwh)) / p.r->scale_low : 0;
    double fridge = c->params[P_FRIDGE_KWH];
    m->grade = heated(c, a) ? 1 : grade_ramp(kwh, fridge, fridge / 2);
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    struct peer_ref p;
    char v[24], r[24], g[24], heat[64], label[96] = "";
    if (peer_lookup(ctx->peers, ctx->d, a, &p) == 0)
        peer_label(ctx->d, a, &p, label, sizeof label);
    else
        p.r = NULL;
    if (heated(c, a))
        snprintf(heat, sizeof heat, "the home burns %s m3 gas", fmt_int(g, sizeof g, a->gas));
    else
        snprintf(heat, sizeof heat, "no gas heating seen");
    snprintf(buf, size,
             "electricity %s kWh/yr, %.0f%% of the median %s kWh of %zu similar dwellings (%s): "
             "%.1f lower-half spreads below; %u resident%s registered over a year; %s; no solar "
             "feed-in seen",
             fmt_int(v, sizeof v, m->raw), m->ref > 0 ? 100 * m->raw / m->ref : 0,
             fmt_int(r, sizeof r, m->ref), p.r ? p.r->n : 0, label, m->x,
             (unsigned)a->n_settled_12m, a->n_settled_12m == 1 ? " is" : "s are", heat);
}

const struct ind_desc IND_E3 = {
    .id = IND_ENERGY_NEAR_ZERO,
    .name = "energy_near_zero",
    .code = "E3",
    .themes = 1u << THEME_HENNEP,
    .sources = 1u << SRC_ENERGY | 1u << SRC_BRP | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_ENERGY | 1u << SRC_BRP,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 2,
    .summary = "occupied for a year but far less metered use than its peers: meter bypass",
    .formula = "log(1 + kWh) below the peer group's median, in the spread of its lower half; "
               "graded 1 in a gas-heated home, else by a fridge's use (fridge_kwh)",
    .lookalikes = "solar feed-in (net values), recent movers and second homes (nobody registered "
                  "for a year), no connection data",
    .params = {{"min_residents", 1, 1, 1000, "residents registered for 12 months or more"},
               {"occupied_gas", 300, 0, 1e+06,
                "m3 gas a year that shows the dwelling is heated and lived in"},
               {"fridge_kwh", 400, 1, 100000,
                "kWh a year of a fridge and standby: without gas heating, below half of it "
                "the grade is full, above it zero"}},
    .reads = {{SRC_ENERGY, F_ANNUAL},
              {SRC_ENERGY, F_PRODUCT},
              {SRC_ENERGY, F_ANNUAL_FEED_IN},
              IND_READS_MONTHS,
              {SRC_BRP, F_PERSON_ID},
              {SRC_BRP, F_REGISTERED_SINCE},
              {SRC_KADASTER_OBJECTS, F_USAGE},
              {SRC_KADASTER_OBJECTS, F_FLOOR_AREA},
              {SRC_KADASTER_OBJECTS, F_BUILDING_ID}},
    .n_classes = 1,
    .class_label = {"dwellings"},
    .population = "lived-in dwellings without solar feed-in",
    .resolution = 0.1,
    .axis = {"spreads below similar dwellings (lower half)"},
    .measure = measure,
    .describe = describe,
};
