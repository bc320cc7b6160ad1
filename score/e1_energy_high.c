/*
 * e1_energy_high.c - E1 energy_high (theme hennep): an occupied dwelling using far
 * more electricity than dwellings like it.
 *
 * Phenomenon: growers who pay for their power, use a business connection or tap
 *    only part of the load (most tap before the meter: E3 and E4 are for those).
 * Inputs: annual electricity (energy, summed over connections), gas (heating: the
 *    peer groups split gas / no gas), floor area and dwelling type (Kadaster
 *    objects), registered residents (BRP). Not evaluable without a dwelling, an
 *    electricity connection or a floor area (never "zero"), without a usable peer
 *    group, or with nobody registered (E2 judges empty dwellings: an empty
 *    dwelling has no household to explain its use).
 * Axis: the robust z of log(1 + kWh) within the peer group (score/peer.h:
 *    heating x type x area band x household, collapsing when thin), or with
 *    method 1 the studentized residual of a robust regression (score/regress.h).
 *    Calibrated over all evaluable dwellings: "1 in 4,300 dwellings is this far
 *    above its peers".
 * Grade: the excess over the peers' median, 0 at the median rising to 1 at
 *    full_excess_kwh, two grow lamps' worth: one 600 W lamp on a 12-hour regime
 *    with ballast and climate equipment uses about 3,500 kWh a year (the Public
 *    Prosecution Service's standard cultivation figures), while an electric car
 *    charged at home adds 2,000-3,000 kWh and a heat pump 1,500-2,500. A tight
 *    peer group can make a car's excess rare; the grade keeps it from counting as
 *    a grow room's, and still gives a 5,000 kWh excess most of its weight.
 * Parameters: full_excess_kwh 7000, method 0; weight 1, fires at 1 in 20, may list
 *    alone; correlation group 1 with E2 and E5 (the same annual kWh).
 * Look-alikes it guards against: large families and big houses (peers by type x
 *    area x household); all-electric homes (heat pump, electric car: peers without
 *    gas are their own groups, so the allowance follows how common heat pumps are
 *    where vik runs); solar feed-in dwellings use net values, which only
 *    understate use; an electric car in a tight peer group (rare but less than a
 *    lamp's worth above the median: graded down).
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { P_FULL_EXCESS, P_METHOD };

/* The regression when method 1 asks for it (prepare hook); NULL otherwise. */
static int prepare(const struct score_ctx *ctx, const struct indicator_cfg *c, void **state)
{
    *state = NULL;
    if (c->params[P_METHOD] < 0.5)
        return 0;
    struct regress_model *m = malloc(sizeof *m);
    if (!m ||
        regress_build(m, ctx->d, REGRESS_MAX_ROWS, REGRESS_MIN_ROWS, REGRESS_SIGMA_FLOOR) != 0) {
        free(m);
        return -1;
    }
    *state = m;
    return 0;
}

static void release(void *state)
{
    free(state);
}

/* The regression's expectation for a (log kWh), or -1 to use the peer groups. */
static int regress_expected(const struct score_ctx *ctx, const struct address *a,
                            struct regress_row *x, double *expected)
{
    const struct regress_model *rm = ctx->state[IND_ENERGY_HIGH];
    if (!rm || rm->state != REGRESS_FITTED || regress_row_of(ctx->d, a, x) != 0)
        return -1;
    return regress_expect(rm, x, expected);
}

/* Why the peer groups judged a dwelling although method 1 asked for the regression. */
static const char *regress_note(const struct score_ctx *ctx, const struct indicator_cfg *c)
{
    const struct regress_model *rm = ctx->state[IND_ENERGY_HIGH];
    if (c->params[P_METHOD] < 0.5 || !rm)
        return "";
    if (rm->state == REGRESS_TOO_FEW)
        return "; peer groups: too few dwellings for the regression";
    if (rm->state != REGRESS_FITTED)
        return "; peer groups: the regression did not converge";
    return "; peer groups: too few dwellings like this in the regression";
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (!address_is_dwelling(a) || a->n_elec == 0 || a->floor_area <= 0)
        return not_evaluable(m, !address_is_dwelling(a) ? "not a dwelling"
                                : a->n_elec == 0        ? "no electricity connection known"
                                                        : "floor area unknown");
    if (a->n_residents == 0)
        return not_evaluable(m, "nobody registered: energy_no_residents judges empty dwellings");
    double kwh = a->elec > 0 ? a->elec : 0, expected;
    struct regress_row x;
    if (regress_expected(ctx, a, &x, &expected) == 0) {
        m->x = regress_z(ctx->state[IND_ENERGY_HIGH], &x, expected, log1p(kwh));
        m->ref = expm1(expected);
    } else {
        struct peer_ref p;
        if (peer_lookup(ctx->peers, ctx->d, a, &p) != 0)
            return not_evaluable(m, "no peer group of dwellings like this one");
        m->x = stats_z(p.r, log1p(kwh));
        m->ref = expm1(p.r->median);
    }
    m->raw = a->elec;
    m->grade = grade_ramp(kwh - m->ref, 0, c->params[P_FULL_EXCESS]);
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    char v[24], r[24], n[24], ex[24], label[112];
    fmt_int(ex, sizeof ex, m->raw - m->ref);
    struct regress_row x;
    double expected;
    if (regress_expected(ctx, a, &x, &expected) == 0) {
        const struct regress_model *rm = ctx->state[IND_ENERGY_HIGH];
        regress_label(&x, label, sizeof label);
        snprintf(buf, size,
                 "electricity %s kWh/yr = %.1fx the expected %s kWh for a dwelling like this "
                 "(%s; robust regression on %s dwellings); robust z %.1f; %s kWh above it",
                 fmt_int(v, sizeof v, m->raw), m->raw / (m->ref > 1 ? m->ref : 1),
                 fmt_int(r, sizeof r, m->ref), label, fmt_int(n, sizeof n, (double)rm->n_rows),
                 m->x, ex);
        return;
    }
    struct peer_ref p;
    label[0] = '\0';
    if (peer_lookup(ctx->peers, ctx->d, a, &p) == 0)
        peer_label(ctx->d, a, &p, label, sizeof label);
    else
        p.r = NULL;
    snprintf(buf, size,
             "electricity %s kWh/yr = %.1fx the median of %zu similar dwellings (%s, median %s); "
             "robust z %.1f; %s kWh above the median%s",
             fmt_int(v, sizeof v, m->raw), m->raw / (m->ref > 1 ? m->ref : 1), p.r ? p.r->n : 0,
             label, fmt_int(r, sizeof r, m->ref), m->x, ex, regress_note(ctx, c));
}

const struct ind_desc IND_E1 = {
    .id = IND_ENERGY_HIGH,
    .name = "energy_high",
    .code = "E1",
    .themes = 1u << THEME_HENNEP,
    .sources = 1u << SRC_ENERGY | 1u << SRC_KADASTER_OBJECTS | 1u << SRC_BRP,
    .evidence = 1u << SRC_ENERGY,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 1,
    .summary = "electricity far above what dwelling type, size, heating and household explain",
    .formula = "robust z of log(1 + kWh) in the peer group (heating x type x area x household); "
               "graded by the excess over the peers' median (full at full_excess_kwh)",
    .lookalikes = "large families, big houses, heat pumps and electric cars (peers without gas), "
                  "solar (net values)",
    .params = {{"full_excess_kwh", 7000, 100, 1000000,
                "kWh a year above the peers' median at which the grade is full (two grow "
                "lamps)"},
               {"method", 0, 0, 1,
                "expected use: 0 peer groups, 1 robust regression on type, area, household, "
                "gas"}},
    .reads = {{SRC_ENERGY, F_ANNUAL},
              {SRC_ENERGY, F_PRODUCT},
              {SRC_KADASTER_OBJECTS, F_USAGE},
              {SRC_KADASTER_OBJECTS, F_FLOOR_AREA},
              {SRC_KADASTER_OBJECTS, F_BUILDING_ID},
              {SRC_BRP, F_PERSON_ID}},
    .n_classes = 1,
    .class_label = {"dwellings"},
    .population = "occupied dwellings",
    .resolution = 0.1,
    .axis = {"robust z against similar dwellings"},
    .prepare = prepare,
    .release = release,
    .measure = measure,
    .describe = describe,
};
