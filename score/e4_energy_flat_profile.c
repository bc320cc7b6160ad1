/*
 * e4_energy_flat_profile.c - E4 energy_flat_profile (theme hennep): the same
 * electricity every month of the year, at a level well above the address's peers.
 *
 * Phenomenon: a constant lamp load: grow lamps on a timer draw the same every month,
 *    while households and heat pumps are seasonal (more in winter).
 * Inputs: monthly electricity (energy: optional in exports), annual electricity,
 *    solar feed-in seen; the reference level: the dwelling's peer median
 *    (score/peer.h) or, for a non-residential unit, what units of its use and size
 *    use per m2 (score/nonres.h). Not evaluable without monthly values on every
 *    connection (the months would not add up to the year), without use, or without
 *    a reference. An address that lacks only the monthly values is counted as
 *    unobserved (score/calib.h): where a supplier sends them for a quarter of the
 *    connections, a flat profile is not rarer in the town for that.
 * Axis: flatness, minus the log of the coefficient of variation of the 12 months
 *    (sample standard deviation over the mean). Calibrated in three classes:
 *    non-residential units (refrigeration and servers make flat profiles common
 *    among units, so flatness counts less there, by itself), and dwellings split
 *    at low_multiple times their peers' use: the question is how rare this flat
 *    a profile is among dwellings that use this much more than their peers.
 *    Ranked among all dwellings with monthly values, a grow in a flat at 4x its
 *    peers and 5% variation was "1 in 528": home batteries and fridge-only second
 *    homes, flat at an ordinary level (graded 0, but counted), made flat profiles
 *    look common. Among the 1,500 dwellings of a town at 1.5x their peers or more
 *    it is 1 in 117 to 1 in 209. Units are not split the same way: their heavy
 *    class would hold under 100 units in most towns and be ranked among all
 *    connections, mostly dwellings (docs/scoring.md has the figures).
 * Grade: the annual use as a multiple of the reference, 0 at low_multiple rising
 *    to 1 at full_multiple: a flat profile at an ordinary level (a fridge-only
 *    second home, a battery smoothing a solar roof) is not a lamp load.
 * Parameters: low_multiple 1.5, full_multiple 3; weight 1, fires at 1 in 20, does
 *    not list alone (a shape, not an amount); correlation group 3.
 * Look-alikes it guards against: seasonal households and heat pumps (not flat);
 *    home batteries with solar (flat, but at household level: graded down); cold
 *    stores and server rooms (flat is common among units); solar feed-in makes the
 *    months net values (quiet, not ranked).
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

enum { P_LOW_MULTIPLE, P_FULL_MULTIPLE };
enum { CLASS_DWELLING, CLASS_UNIT, CLASS_DWELLING_HEAVY };

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

/* What the address's peers use in a year; 0 when it has no peers. */
static double reference(const struct score_ctx *ctx, const struct address *a)
{
    if (address_is_dwelling(a)) {
        struct peer_ref p;
        return peer_lookup(ctx->peers, ctx->d, a, &p) == 0 ? expm1(p.r->median) : 0;
    }
    struct nonres_ref n;
    return nonres_lookup(ctx->nonres, a, &n) == 0 ? exp(n.r->median) * a->floor_area : 0;
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (!(a->elec > 0))
        return not_evaluable(m, "no electricity use");
    double ref = reference(ctx, a);
    if (!(ref > 0))
        return not_evaluable(m, "no peer group to compare the level with");
    m->ref = ref;
    int heavy = a->elec / ref >= c->params[P_LOW_MULTIPLE];
    m->cls = !address_is_dwelling(a) ? CLASS_UNIT : heavy ? CLASS_DWELLING_HEAVY : CLASS_DWELLING;
    if (a->feed_in & FEED_IN_SEEN)
        return quiet(m, "solar feed-in seen: the months are net values");
    if (a->n_elec_monthly == 0 || a->n_elec_monthly != a->n_elec)
        return unobserved(m, "no monthly electricity values on every connection");
    double cv = monthly_cv(a);
    m->raw = cv;
    m->x = -log(cv > 0.005 ? cv : 0.005);
    m->grade = grade_ramp(a->elec / ref, c->params[P_LOW_MULTIPLE], c->params[P_FULL_MULTIPLE]);
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c;
    char v[24], r[24];
    snprintf(buf, size,
             "monthly electricity varies only %.0f%% over the year at %s kWh/yr, %.1fx what %s "
             "like it use (%s)",
             m->raw * 100, fmt_int(v, sizeof v, a->elec), a->elec / m->ref,
             address_is_dwelling(a) ? "dwellings" : "units", fmt_int(r, sizeof r, m->ref));
}

const struct ind_desc IND_E4 = {
    .id = IND_ENERGY_FLAT_PROFILE,
    .name = "energy_flat_profile",
    .code = "E4",
    .themes = 1u << THEME_HENNEP,
    .sources = 1u << SRC_ENERGY | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_ENERGY,
    .weight = 1.0,
    .threshold = 20,
    .alone = 0,
    .group = 3,
    .summary = "constant load without the seasonal pattern of a household, well above its peers",
    .formula = "minus log of the monthly coefficient of variation, dwellings and units apart, "
               "each below and from low_multiple x the peers' use apart; graded by use as a "
               "multiple of the peers' (low_multiple 0, full_multiple 1)",
    .lookalikes = "seasonal households and heat pumps, batteries with solar, cold stores and "
                  "servers, solar feed-in",
    .params = {{"low_multiple", 1.5, 0, 100,
                "use as a multiple of the peers' below which a flat profile does not count"},
               {"full_multiple", 3, 0, 1000,
                "use as a multiple of the peers' at which the grade is full"}},
    .reads = {IND_READS_MONTHS,
              {SRC_ENERGY, F_ANNUAL},
              {SRC_KADASTER_OBJECTS, F_USAGE},
              {SRC_KADASTER_OBJECTS, F_FLOOR_AREA}},
    .n_classes = 3,
    .class_label = {"dwellings below low_multiple x their peers, with monthly values",
                    "units with monthly values",
                    "dwellings at low_multiple x their peers or more, with monthly values"},
    .population = "connections with monthly values",
    .resolution = 0.05,
    .axis = {"flatness: -log(variation of the months)"},
    .measure = measure,
    .describe = describe,
};
