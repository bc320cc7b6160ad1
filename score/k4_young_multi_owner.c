/*
 * k4_young_multi_owner.c - K4 young_multi_owner (theme witwassen): a young owner of
 * several dwellings.
 *
 * Phenomenon: property bought with money a young person cannot have earned yet.
 * Inputs: the address's owner (Kadaster objects: among co-owners the youngest
 *    natural person), their birth date and the dwellings they own. Not evaluable
 *    when the owner is unknown or is a natural person of unknown age.
 * Axis: dwellings owned, calibrated within the owner's age class (under 30, 30-44,
 *    45 or over): owning three dwellings is rare at 24 and common at 60. The
 *    population is owners: each of an owner's n dwellings counts 1/n, so one young
 *    owner of six dwellings is one owner that extreme, not six addresses.
 * Grade: the owner's age, 1 up to young_age rising to 0 at old_age.
 * Parameters: young_age 30, old_age 40; weight 1, fires at 1 in 20, may list
 *    alone; correlation group 4 with K5 (the same owner's dwellings counted).
 * Look-alikes it guards against: a young owner of a home and one inherited dwelling
 *    (two dwellings: less rare than three); older owners of a second home, such as
 *    downsizers who have not sold the old house yet (graded to zero); housing
 *    corporations and BVs are legal entities (quiet, not ranked).
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/ind_util.h"

#include <stdio.h>

enum { P_YOUNG_AGE, P_OLD_AGE };

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (a->owner == NONE_IDX)
        return not_evaluable(m, "owner unknown");
    const struct owner *o = person_owner(ctx, a);
    if (!o)
        return quiet(m, "the owner is a legal entity");
    int age = o->age; /* on the reference date, computed by the join */
    if (age < 0)
        return not_evaluable(m, "owner's age unknown");
    m->raw = o->n_dwellings;
    m->ref = age;
    m->cls = age_class(age);
    m->x = o->n_dwellings;
    m->weight = 1.0 / (o->n_dwellings > 1 ? o->n_dwellings : 1); /* the population is owners */
    m->grade = grade_ramp(age, c->params[P_OLD_AGE], c->params[P_YOUNG_AGE]);
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c, (void)a;
    snprintf(buf, size, "owner aged %.0f owns %.0f dwellings", m->ref, m->raw);
}

const struct ind_desc IND_K4 = {
    .id = IND_YOUNG_MULTI_OWNER,
    .name = "young_multi_owner",
    .code = "K4",
    .themes = 1u << THEME_WITWASSEN,
    .sources = 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_KADASTER_OBJECTS,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 4,
    .summary = "young owner of several dwellings",
    .formula = "dwellings owned, ranked within the owner's age class; graded by age (1 up to "
               "young_age, 0 from old_age)",
    .lookalikes = "an inherited second dwelling, older owners and downsizers, legal entities",
    .params = {{"young_age", 30, 0, 120, "owner age up to which the grade is full"},
               {"old_age", 40, 0, 120, "owner age from which the grade is zero"}},
    .reads = {{SRC_KADASTER_OBJECTS, F_OWNER_ID},
              {SRC_KADASTER_OBJECTS, F_OWNER_TYPE},
              {SRC_KADASTER_OBJECTS, F_OWNER_BIRTH_DATE},
              {SRC_KADASTER_OBJECTS, F_USAGE}},
    .n_classes = AGE_CLASSES,
    .class_label = {AGE_CLASS_LABELS("private owners")},
    .population = "private owners",
    .resolution = 1,
    .axis = {"dwellings the owner owns"},
    .measure = measure,
    .describe = describe,
};
