/*
 * b2_registration_churn.c - B2 registration_churn (theme overbewoning): adults
 * arriving at one dwelling one after another.
 *
 * Phenomenon: revolving-door addresses: ever new adults for short stays, with
 *    labour exploitation or address fraud behind them.
 * Inputs: adults (18 or over) registered at the address in the last 12 months
 *    (BRP), floor area (Kadaster objects). Not evaluable when not a dwelling or
 *    when the floor area is unknown.
 * Axis: adult arrivals in 12 months, calibrated within the floor-area band (<50,
 *    50-74, 75-99, 100-149, >=150 m2): five arrivals are a crowd in a 60 m2 flat
 *    and a September in a large student house. The bands are strata of one signal
 *    (score/calib.h): the town count spans all dwellings, so that each band's
 *    natural extremes - three students arriving in a 25 m2 studio, four in a
 *    student house of 117 m2 - are not each "2 this extreme in the run". Counted
 *    per band, such a house with one false citizen report listed on one seed's
 *    overbewoning list in every world (3.3-4.5% of it); counted over all
 *    dwellings, none did, and precision at k moved by 0.01 either way.
 * Grade: 1.
 * Parameters: none; weight 1, fires at 1 in 20, never lists alone (a family or a
 *    student house can move in at once: it corroborates B1).
 * Look-alikes it guards against: counting adults only - a family moving in with
 *    its children is not a revolving door; student houses (ranked among dwellings
 *    of their size); care homes (not woonfunctie).
 */
#include "score/indicator.h"

#include <stdio.h>

static unsigned band_of(double area)
{
    return area < 50 ? 0 : area < 75 ? 1 : area < 100 ? 2 : area < 150 ? 3 : 4;
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    (void)ctx, (void)c;
    if (!address_is_dwelling(a) || a->floor_area <= 0)
        return not_evaluable(m, address_is_dwelling(a) ? "floor area unknown" : "not a dwelling");
    m->raw = m->x = a->n_adult_arrivals_12m;
    m->ref = a->floor_area;
    m->cls = band_of(a->floor_area);
    m->grade = 1;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c, (void)a;
    snprintf(buf, size,
             "%.0f adults registered here in the last 12 months in a dwelling of %.0f m2", m->raw,
             m->ref);
}

const struct ind_desc IND_B2 = {
    .id = IND_REGISTRATION_CHURN,
    .name = "registration_churn",
    .code = "B2",
    .themes = 1u << THEME_OVERBEWONING,
    .sources = 1u << SRC_BRP | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_BRP,
    .weight = 1.0,
    .threshold = 20,
    .alone = 0,
    .group = 0,
    .summary = "revolving-door address: many adults arriving in a year",
    .formula = "adult arrivals in 12 months, ranked within the floor-area band",
    .lookalikes = "families moving in with children, student houses, care homes",
    .reads = {{SRC_BRP, F_PERSON_ID},
              {SRC_BRP, F_BIRTH_DATE},
              {SRC_BRP, F_REGISTERED_SINCE},
              {SRC_KADASTER_OBJECTS, F_FLOOR_AREA}},
    .n_classes = 5,
    .strata = 1,
    .class_label = {"dwellings under 50 m2", "dwellings of 50-74 m2", "dwellings of 75-99 m2",
                    "dwellings of 100-149 m2", "dwellings of 150 m2 or more"},
    .population = "dwellings",
    .resolution = 1,
    .axis = {"adult arrivals in 12 months"},
    .measure = measure,
    .describe = describe,
};
