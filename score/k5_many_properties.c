/*
 * k5_many_properties.c - K5 many_properties (themes witwassen and overbewoning): a
 * private person with a large portfolio of dwellings.
 *
 * Phenomenon: a private landlord with many dwellings: labour-migrant housing, slum
 *    landlords (huisjesmelkers).
 * Inputs: the address's owner (Kadaster objects) when a natural person, and the
 *    dwellings (woonfunctie) they own. Not evaluable when the owner is unknown.
 * Axis: dwellings owned, calibrated over the private owners (each of an owner's n
 *    dwellings counts 1/n): where landlords with many dwellings are common, owning
 *    six counts less.
 * Grade: 1.
 * Parameters: none; weight 0.5, fires at 1 in 20, never lists alone (most private
 *    landlords are legitimate: it corroborates); correlation group 4 with K4.
 * Look-alikes it guards against: legitimate landlords (never enough alone);
 *    housing corporations and BVs are legal entities (quiet, not ranked). Holdings
 *    via a BV stay invisible without UBO data.
 */
#include "score/indicator.h"

#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    (void)c;
    if (a->owner == NONE_IDX)
        return not_evaluable(m, "owner unknown");
    const struct owner *o = person_owner(ctx, a);
    if (!o)
        return quiet(m, "the owner is a legal entity");
    m->raw = m->x = o->n_dwellings;
    m->weight = 1.0 / (o->n_dwellings > 1 ? o->n_dwellings : 1); /* the population is owners */
    m->grade = 1;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c, (void)a;
    snprintf(buf, size, "owner is a private person with %.0f dwellings", m->raw);
}

const struct ind_desc IND_K5 = {
    .id = IND_MANY_PROPERTIES,
    .name = "many_properties",
    .code = "K5",
    .themes = 1u << THEME_WITWASSEN | 1u << THEME_OVERBEWONING,
    .sources = 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_KADASTER_OBJECTS,
    .weight = 0.5,
    .threshold = 20,
    .alone = 0,
    .group = 4,
    .summary = "private owner of a large portfolio of dwellings",
    .formula = "dwellings owned by the private owner",
    .lookalikes = "legitimate private landlords, legal entities",
    .reads = {{SRC_KADASTER_OBJECTS, F_OWNER_ID},
              {SRC_KADASTER_OBJECTS, F_OWNER_TYPE},
              {SRC_KADASTER_OBJECTS, F_USAGE}},
    .n_classes = 1,
    .class_label = {"private owners"},
    .population = "private owners",
    .resolution = 1,
    .axis = {"dwellings the owner owns"},
    .measure = measure,
    .describe = describe,
};
