/*
 * e2_energy_no_residents.c - E2 energy_no_residents (theme hennep): electricity
 * where nobody is registered.
 *
 * Phenomenon: a dwelling nobody lives in, by the BRP, that uses a household's
 *    electricity or more: a grow room in an "empty" house.
 * Inputs: annual electricity (energy), registered residents (BRP), dwelling type
 *    and heating for the one-person reference (score/peer.h). Not evaluable when
 *    not a dwelling, without an electricity connection, or when BRP rows at the
 *    house number could not be assigned to one unit (12 written for 12A..12F:
 *    their residents may live here, so "nobody" is not known).
 * Axis: log(1 + kWh) of a dwelling with nobody registered; occupied dwellings sit
 *    at the bottom. Calibrated over all evaluable dwellings, so the rarity is that
 *    of "empty and using this much": where second homes are common, it is less
 *    rare, by itself.
 * Grade: 0 at what nine in ten one-person households of the type and heating use
 *    (their p90, from this run's data), 1 at full_multiple times that.
 * Parameters: full_multiple 2; weight 1, fires at 1 in 20, may list alone;
 *    correlation group 1 with E1 and E5 (the same annual kWh).
 * Look-alikes it guards against: vacant dwellings use a few hundred kWh and second
 *    homes stay around what one person uses (graded to zero below the one-person
 *    p90); ambiguous BRP rows (above) are not read as "nobody".
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

enum { P_FULL_MULTIPLE };

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (!address_is_dwelling(a) || a->n_elec == 0)
        return not_evaluable(m, !address_is_dwelling(a) ? "not a dwelling"
                                                        : "no electricity connection known");
    if (a->link_doubt & (1u << SRC_BRP))
        return not_evaluable(m, "BRP rows at this house number could not be assigned to one unit");
    const struct robust *one = peer_one_person(ctx->peers, ctx->d, a);
    double kwh = a->elec > 0 ? a->elec : 0, p90 = one->n ? expm1(one->p90) : 0;
    m->raw = a->elec;
    m->ref = p90;
    m->x = a->n_residents == 0 ? log1p(kwh) : 0;
    m->grade =
        a->n_residents == 0 && p90 > 0 ? grade_ramp(kwh, p90, p90 * c->params[P_FULL_MULTIPLE]) : 0;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c;
    char v[24], f[24];
    if (a->n_residents > 0) {
        snprintf(buf, size, "%u residents registered", (unsigned)a->n_residents);
        return;
    }
    snprintf(buf, size,
             "electricity %s kWh/yr with 0 residents registered = %.1fx what nine in ten "
             "one-person households in such a dwelling use (up to %s)",
             fmt_int(v, sizeof v, m->raw), m->ref > 1 ? m->raw / m->ref : 0,
             fmt_int(f, sizeof f, m->ref));
}

const struct ind_desc IND_E2 = {
    .id = IND_ENERGY_NO_RESIDENTS,
    .name = "energy_no_residents",
    .code = "E2",
    .themes = 1u << THEME_HENNEP,
    .sources = 1u << SRC_ENERGY | 1u << SRC_BRP | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_ENERGY | 1u << SRC_BRP,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 1,
    .summary = "consumption where nobody is registered",
    .formula = "log(1 + kWh) of dwellings with nobody registered; graded from the one-person "
               "p90 of the type (0) to full_multiple times it (1)",
    .lookalikes = "vacant dwellings, second homes, unassignable BRP rows",
    .params = {{"full_multiple", 2, 1, 100,
                "multiple of the one-person p90 at which the grade is full"}},
    .reads = {{SRC_ENERGY, F_ANNUAL},
              {SRC_ENERGY, F_PRODUCT},
              {SRC_BRP, F_PERSON_ID},
              {SRC_KADASTER_OBJECTS, F_USAGE},
              {SRC_KADASTER_OBJECTS, F_BUILDING_ID}},
    .n_classes = 1,
    .class_label = {"dwellings"},
    .population = "dwellings",
    .resolution = 0.05,
    .axis = {"log(1 + kWh) where nobody is registered"},
    .measure = measure,
    .describe = describe,
};
