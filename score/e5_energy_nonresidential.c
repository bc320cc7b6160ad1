/*
 * e5_energy_nonresidential.c - E5 energy_nonresidential (theme hennep): a
 * non-residential unit using far more electricity per m2 than units of its use
 * and size.
 *
 * Phenomenon: a garage box, barn, storage or industrial unit with a grow room:
 *    rural barns and garage boxes are classic locations, and a registered company
 *    at the unit is no proof of innocence.
 * Inputs: BAG gebruiksdoel and floor area (Kadaster objects), active KvK branches
 *    at the unit, annual electricity (energy). Not evaluable for dwellings (E1-E4
 *    judge those), without use, floor area or electricity, or without a peer group.
 * Axis: the robust z of log(kWh per m2) among units of the same use x area band
 *    (score/nonres.h, collapsing when thin). Calibrated over all evaluable units.
 *    A company registered at the unit is context in the reason: it neither
 *    silences the unit nor chooses its peers.
 * Grade: the smaller of two ramps. The use as a multiple of what the peers would
 *    use at this floor area, 0 at low_ratio rising to 1 at full_ratio: a grow
 *    room uses several times what units of its use and size use, while a busy
 *    workshop or a full business centre uses two or three times. And the excess
 *    over the peers in kWh, 0 at their median rising to 1 at full_excess_kwh
 *    (about 3,500 kWh a year for one 600 W lamp on a 12-hour regime, the Public
 *    Prosecution Service's standard cultivation figures), so a garage box at ten
 *    times its peers' few hundred kWh still needs a lamp's worth.
 * Parameters: low_ratio 2, full_ratio 4, full_excess_kwh 3500; weight 1, fires
 *    at 1 in 20, may list alone; correlation group 1 with E1 and E2 (the same
 *    annual kWh).
 * Look-alikes it guards against: cold stores, server rooms and workshops use much
 *    electricity legitimately, but so do the units of their use and size; chain
 *    shops registered at their head office are compared with all shops of their
 *    size, company or not; care homes and hotels are compared with their own kind.
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

enum { P_LOW_RATIO, P_FULL_RATIO, P_FULL_EXCESS };

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (a->usage == 0 || address_is_dwelling(a))
        return not_evaluable(m, a->usage == 0 ? "usage unknown" : "a dwelling");
    if (!nonres_eligible(a))
        return not_evaluable(m, a->n_elec == 0       ? "no electricity connection known"
                                : a->floor_area <= 0 ? "floor area unknown"
                                                     : "no electricity use");
    struct nonres_ref n;
    if (nonres_lookup(ctx->nonres, a, &n) != 0)
        return not_evaluable(m, "no peer group of units like this one");
    m->raw = a->elec;
    m->ref = exp(n.r->median) * a->floor_area;
    m->x = stats_z(n.r, log(a->elec / a->floor_area));
    double by_ratio = grade_ramp(a->elec / m->ref, c->params[P_LOW_RATIO], c->params[P_FULL_RATIO]);
    double by_excess = grade_ramp(a->elec - m->ref, 0, c->params[P_FULL_EXCESS]);
    m->grade = by_ratio < by_excess ? by_ratio : by_excess;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)c;
    struct nonres_ref n;
    char v[24], ar[24], r[24], co[64], label[112] = "";
    if (nonres_lookup(ctx->nonres, a, &n) == 0)
        nonres_label(a, &n, label, sizeof label);
    else
        n.r = NULL;
    if (a->n_branches > 0)
        snprintf(co, sizeof co, "%u active compan%s registered here", (unsigned)a->n_branches,
                 a->n_branches == 1 ? "y" : "ies");
    else
        snprintf(co, sizeof co, "no company registered here");
    snprintf(buf, size,
             "electricity %s kWh/yr in a unit of %s m2 (%s) = %.0f kWh/m2, %.1fx the median of %zu "
             "%s (%s kWh at this size); robust z %.1f",
             fmt_int(v, sizeof v, m->raw), fmt_int(ar, sizeof ar, a->floor_area), co,
             m->raw / a->floor_area, m->ref > 0 ? m->raw / m->ref : 0, n.r ? n.r->n : 0, label,
             fmt_int(r, sizeof r, m->ref), m->x);
}

const struct ind_desc IND_E5 = {
    .id = IND_ENERGY_NONRESIDENTIAL,
    .name = "energy_nonresidential",
    .code = "E5",
    .themes = 1u << THEME_HENNEP,
    .sources = 1u << SRC_ENERGY | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_ENERGY,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 1,
    .summary = "garage box, barn or unit using far more per m2 than units of its use and size",
    .formula = "robust z of log(kWh per m2) among units of the same use x area band; graded by the "
               "multiple of the peers' use (low_ratio to full_ratio) and the "
               "excess in kWh (full at full_excess_kwh)",
    .lookalikes = "cold stores, server rooms, workshops, chain shops registered elsewhere, care "
                  "homes and hotels",
    .params = {{"low_ratio", 2, 0, 1000,
                "use as a multiple of the peers' at or below which the grade is zero"},
               {"full_ratio", 4, 0, 1000, "use as a multiple of the peers' at which it is full"},
               {"full_excess_kwh", 3500, 100, 1000000,
                "kWh a year above the peers at which the grade is full (one grow lamp)"}},
    .reads = {{SRC_ENERGY, F_ANNUAL},
              {SRC_ENERGY, F_PRODUCT},
              {SRC_KADASTER_OBJECTS, F_USAGE},
              {SRC_KADASTER_OBJECTS, F_FLOOR_AREA},
              {SRC_KVK, F_BRANCH_NUMBER},
              {SRC_KVK, F_DISSOLVED}},
    .n_classes = 1,
    .class_label = {"non-residential units"},
    .population = "non-residential units",
    .resolution = 0.1,
    .axis = {"robust z of kWh per m2 against similar units"},
    .measure = measure,
    .describe = describe,
};
