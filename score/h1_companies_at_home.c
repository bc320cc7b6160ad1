/*
 * h1_companies_at_home.c - H1 companies_at_home (theme brievenbus): many companies
 * registered at one dwelling.
 *
 * Phenomenon: postbox companies: many registrations at one residential address.
 * Inputs: usage (Kadaster objects: woonfunctie, kantoorfunctie), the active KvK
 *    branches at the address and their distinct KvK numbers. Not evaluable when no
 *    Kadaster object is known here (usage unknown).
 * Axis: active branches at the dwelling, calibrated over all dwellings: where home
 *    businesses are common, three branches count less.
 * Grade: 1.
 * Parameters: none; weight 1, fires at 1 in 20, may list alone.
 * Look-alikes it guards against: business centres (kantoorfunctie: quiet, not
 *    ranked); a ZZP'er with a holding and an operating BV, or a family's firms at
 *    home (two to four branches: common enough not to list without churn or
 *    another signal).
 */
#include "score/indicator.h"

#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    (void)ctx, (void)c;
    if (a->usage == 0)
        return not_evaluable(m, "no Kadaster object at this address (usage unknown)");
    m->raw = m->x = a->n_branches;
    m->ref = a->n_entities;
    if (!address_is_dwelling(a))
        return quiet(m, "not a dwelling");
    if (business_centre(a))
        return quiet(m, "a business centre (kantoorfunctie)");
    m->grade = 1;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c, (void)m;
    snprintf(buf, size, "%u active KvK branches of %u different companies registered at a dwelling",
             (unsigned)a->n_branches, (unsigned)a->n_entities);
}

const struct ind_desc IND_H1 = {
    .id = IND_COMPANIES_AT_HOME,
    .name = "companies_at_home",
    .code = "H1",
    .themes = 1u << THEME_BRIEVENBUS,
    .sources = 1u << SRC_KVK | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_KVK,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 0,
    .summary = "many registrations at one residential address",
    .formula = "active KvK branches at a dwelling",
    .lookalikes = "business centres, ZZP'ers with holding and operating BV, family firms",
    .reads = {{SRC_KVK, F_KVK_NUMBER},
              {SRC_KVK, F_BRANCH_NUMBER},
              {SRC_KVK, F_DISSOLVED},
              {SRC_KADASTER_OBJECTS, F_USAGE}},
    .n_classes = 1,
    .class_label = {"dwellings"},
    .population = "dwellings",
    .resolution = 1,
    .axis = {"active branches at the dwelling"},
    .measure = measure,
    .describe = describe,
};
