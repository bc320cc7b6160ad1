/*
 * b1_overcrowding.c - B1 overcrowding (theme overbewoning): too many adults for the
 * floor area.
 *
 * Phenomenon: more people registered than the floor area allows: overbewoning,
 *    labour exploitation, address fraud.
 * Inputs: floor area (Kadaster objects), registered residents and adults (BRP).
 *    Not evaluable when not a dwelling or when the floor area is unknown.
 * Axis: adults per 100 m2, calibrated over all dwellings: children count for the
 *    norm (below) but not for the rarity, so a large family is not rare here.
 * Grade: the floor area per registered person against the Bouwbesluit 2012 norm
 *    (art. 7.18, kept in the Bbl: at most one person per 12 m2): 0 at from_m2,
 *    rising to 1 at norm_m2 and below. A dwelling within the norm is never
 *    overcrowded, however many adults share it.
 * Parameters: norm_m2 12, from_m2 18; weight 1, fires at 1 in 20, may list alone.
 * Look-alikes it guards against: large families (few adults per m2: not rare);
 *    student houses (many adults, but within the norm: graded to zero); care homes
 *    and hotels are not woonfunctie.
 */
#include "score/indicator.h"

#include <stdio.h>

enum { P_NORM_M2, P_FROM_M2 };

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    (void)ctx;
    if (!address_is_dwelling(a) || a->floor_area <= 0)
        return not_evaluable(m, address_is_dwelling(a) ? "floor area unknown" : "not a dwelling");
    double per_person = a->n_residents ? a->floor_area / a->n_residents : a->floor_area;
    m->raw = per_person;
    m->ref = c->params[P_NORM_M2];
    m->x = 100.0 * a->n_adults / a->floor_area;
    m->grade =
        a->n_residents ? grade_ramp(per_person, c->params[P_FROM_M2], c->params[P_NORM_M2]) : 0;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c;
    snprintf(buf, size,
             "%u residents (%u adults) registered in %.0f m2 = %.1f m2 per person (norm %.0f m2) "
             "and %.1f m2 per adult",
             (unsigned)a->n_residents, (unsigned)a->n_adults, a->floor_area, m->raw, m->ref,
             a->n_adults ? a->floor_area / a->n_adults : 0.0);
}

const struct ind_desc IND_B1 = {
    .id = IND_OVERCROWDING,
    .name = "overcrowding",
    .code = "B1",
    .themes = 1u << THEME_OVERBEWONING,
    .sources = 1u << SRC_BRP | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_BRP,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 0,
    .summary = "more residents than the floor area allows (Bouwbesluit 2012 art. 7.18)",
    .formula = "adults per 100 m2; graded by m2 per person against the 12 m2 norm (0 at "
               "from_m2, 1 at norm_m2)",
    .lookalikes = "large families, student houses, care homes and hotels",
    .params = {{"norm_m2", 12, 1, 100,
                "m2 per person at or below which the grade is full (Bouwbesluit: 12)"},
               {"from_m2", 18, 1, 1000, "m2 per person from which the grade is zero"}},
    .reads = {{SRC_BRP, F_PERSON_ID},
              {SRC_BRP, F_BIRTH_DATE},
              {SRC_KADASTER_OBJECTS, F_FLOOR_AREA},
              {SRC_KADASTER_OBJECTS, F_USAGE}},
    .n_classes = 1,
    .class_label = {"dwellings"},
    .population = "dwellings",
    .resolution = 0.5,
    .axis = {"adults per 100 m2"},
    .measure = measure,
    .describe = describe,
};
