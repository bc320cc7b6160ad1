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
 *    no monthly values and no reported feed-in where roofs are common (below);
 *    no usable peer group.
 * Unknown feed-in: without monthly values or a reported feed-in, net metering
 *    could hide a solar roof in the annual figure, and a roof that produces what
 *    the household uses looks exactly like a bypass. How likely a hidden roof is
 *    the run's own data say: q, the share of dwellings of the same type
 *    (apartment, house: score/peer.h) whose exports do show the feed-in and show
 *    solar. The grade is multiplied by (1 - q / max_solar_share): in a town
 *    where houses carry panels on one roof in five a house without the data is
 *    not judged (counted as unobserved, score/calib.h, so that the town's rarity
 *    speaks of all lived-in dwellings); apartments, whose roofs are shared and
 *    rarely net-metered per home, are judged where their data show that. The
 *    limit, 5%, is where a net value near zero is about as likely a roof as a
 *    bypass: a roof's net lands within a fridge's use of zero for about one in
 *    twenty of them (production and use both 2,000-3,500 kWh), bypasses are
 *    rarer than one in a thousand dwellings. A type with fewer than 100
 *    dwellings of known feed-in borrows the share of all types (none: not judged).
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
 *    standby use 150-400 kWh a year), max_solar_share 0.05 (above); weight 1,
 *    fires at 1 in 20, may list alone;
 *    correlation group 2.
 * Look-alikes it guards against (quiet, not ranked): solar feed-in seen (net
 *    values near zero are normal), or unseen where roofs of its type are common
 *    (above); nobody registered for a year (recent movers:
 *    the annual figure covers months the dwelling stood empty; second homes);
 *    no connection = not evaluable, never zero.
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { P_MIN_RESIDENTS, P_OCCUPIED_GAS, P_FRIDGE_KWH, P_MAX_SOLAR_SHARE };

enum { MIN_KNOWN_FEED_IN = 100 }; /* dwellings of known feed-in a type's share needs */

/* Per peer type, once per run: q, the share of its dwellings of known feed-in that
 * show solar (header), and whose share it is ("apartments", or "dwellings" when the
 * type borrowed the share of all types). */
struct roofs {
    double q[PEER_TYPES];
    const char *whose[PEER_TYPES];
};

static int prepare(const struct score_ctx *ctx, const struct indicator_cfg *c, void **state)
{
    static const char *const TYPES[PEER_TYPES] = {"apartments", "houses",
                                                  "dwellings of unknown type"};
    (void)c;
    struct roofs *r = calloc(1, sizeof *r);
    if (!r)
        return -1;
    size_t known[PEER_TYPES] = {0}, solar[PEER_TYPES] = {0}, all_known = 0, all_solar = 0;
    for (uint32_t i = 0; i < ctx->d->n_addrs; i++) {
        const struct address *a = &ctx->d->addrs[i];
        if (!address_is_dwelling(a) || a->n_elec == 0 || (a->feed_in & FEED_IN_UNKNOWN))
            continue;
        int t = peer_type(ctx->d, a);
        known[t]++;
        solar[t] += (a->feed_in & FEED_IN_SEEN) != 0;
    }
    for (int t = 0; t < PEER_TYPES; t++)
        all_known += known[t], all_solar += solar[t];
    for (int t = 0; t < PEER_TYPES; t++) {
        int own = known[t] >= MIN_KNOWN_FEED_IN;
        r->whose[t] = own ? TYPES[t] : "dwellings";
        r->q[t] = own                              ? (double)solar[t] / (double)known[t]
                  : all_known >= MIN_KNOWN_FEED_IN ? (double)all_solar / (double)all_known
                                                   : 1; /* nothing known: not judged */
    }
    *state = r;
    return 0;
}

static void release(void *state)
{
    free(state);
}

/* 1 when the feed-in is known; else how far a hidden roof can be ruled out. */
static double roof_ruled_out(const struct score_ctx *ctx, const struct indicator_cfg *c,
                             const struct address *a)
{
    if (!(a->feed_in & FEED_IN_UNKNOWN))
        return 1;
    const struct roofs *r = ctx->state[IND_ENERGY_NEAR_ZERO];
    double q = r->q[peer_type(ctx->d, a)], most = c->params[P_MAX_SOLAR_SHARE];
    return most > 0 ? grade_ramp(q, most, 0) : 0; /* 0: none is judged */
}

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
    double roof = roof_ruled_out(ctx, c, a);
    if (roof <= 0)
        return unobserved(m, "no monthly values and no reported feed-in, and dwellings of "
                             "its type often show solar: net metering cannot be ruled out");
    double kwh = a->elec > 0 ? a->elec : 0;
    m->x = p.r->scale_low > 0 ? (p.r->median - log1p(kwh)) / p.r->scale_low : 0;
    double fridge = c->params[P_FRIDGE_KWH];
    m->grade = roof * (heated(c, a) ? 1 : grade_ramp(kwh, fridge, fridge / 2));
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    struct peer_ref p;
    char v[24], r[24], g[24], heat[64], label[96] = "", roof[160];
    if (peer_lookup(ctx->peers, ctx->d, a, &p) == 0)
        peer_label(ctx->d, a, &p, label, sizeof label);
    else
        p.r = NULL;
    if (heated(c, a))
        snprintf(heat, sizeof heat, "the home burns %s m3 gas", fmt_int(g, sizeof g, a->gas));
    else
        snprintf(heat, sizeof heat, "no gas heating seen");
    if (a->feed_in & FEED_IN_UNKNOWN) {
        const struct roofs *rf = ctx->state[IND_ENERGY_NEAR_ZERO];
        int t = peer_type(ctx->d, a);
        snprintf(roof, sizeof roof,
                 "no monthly values or reported feed-in, and %.1f%% of the %s whose feed-in "
                 "is known show solar (graded x %.2f)",
                 100 * rf->q[t], rf->whose[t], roof_ruled_out(ctx, c, a));
    } else
        snprintf(roof, sizeof roof, "no solar feed-in seen");
    snprintf(buf, size,
             "electricity %s kWh/yr, %.0f%% of the median %s kWh of %zu similar dwellings (%s): "
             "%.1f lower-half spreads below; %u resident%s registered over a year; %s; %s",
             fmt_int(v, sizeof v, m->raw), m->ref > 0 ? 100 * m->raw / m->ref : 0,
             fmt_int(r, sizeof r, m->ref), p.r ? p.r->n : 0, label, m->x,
             (unsigned)a->n_settled_12m, a->n_settled_12m == 1 ? " is" : "s are", heat, roof);
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
    .lookalikes = "solar feed-in (net values), or none reported where dwellings of its type "
                  "often show roofs; recent movers and second homes (nobody registered for a "
                  "year), no connection data",
    .params = {{"min_residents", 1, 1, 1000, "residents registered for 12 months or more"},
               {"occupied_gas", 300, 0, 1e+06,
                "m3 gas a year that shows the dwelling is heated and lived in"},
               {"fridge_kwh", 400, 1, 100000,
                "kWh a year of a fridge and standby: without gas heating, below half of it "
                "the grade is full, above it zero"},
               {"max_solar_share", 0.05, 0, 1,
                "share of a dwelling type's known feed-in showing solar at which a dwelling "
                "of that type without feed-in data is no longer judged"}},
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
    .prepare = prepare,
    .release = release,
    .measure = measure,
    .describe = describe,
};
