/*
 * e2_energy_no_residents.c - E2 energy_no_residents (DOMAIN.md 3.3, theme hennep):
 * electricity where nobody is registered.
 *
 * Phenomenon: a dwelling nobody lives in, by the BRP, that uses a household's
 *    electricity or more: a grow room in an "empty" house.
 * Inputs: annual electricity (energy), registered residents (BRP), the dwelling
 *    type for the one-person peers (score/peer.h). Not evaluable when not a
 *    dwelling, without an electricity connection, or when BRP rows at the house
 *    number could not be assigned to one unit (12 written for 12A..12F, link.h
 *    AMBIGUOUS): their residents may live here, so "nobody" is not known.
 * Formula: 0 residents AND electricity >= floor = max(threshold, p90 of one-person
 *    dwellings of the same type); strength 0.5 at the floor rising to 1 at full_kwh.
 * Parameters: threshold 2500 kWh/yr, full_kwh 15000; weight 4.0; correlation group 1
 *    with E1 and E5 (the same annual kWh: within a theme only the largest counts).
 * Look-alikes it guards against: vacant dwellings use a few hundred kWh (below the
 *    floor); a second home used like a one-person household mostly stays under the
 *    floor, which nine in ten one-person households of the type stay under;
 *    ambiguous BRP rows (above) are not read as "nobody".
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

static enum ind_outcome energy_no_residents(const struct score_ctx *ctx,
                                            const struct indicator_cfg *c, const struct address *a,
                                            struct ind_result *out)
{
    /* BRP rows at this house number that could not be assigned to one unit: that
     * nobody is registered here is not known (link.h, AMBIGUOUS) */
    if (!address_is_dwelling(a) || a->n_elec == 0 || (a->link_doubt & (1u << SRC_BRP)))
        return IND_NOT_EVALUABLE;
    const struct robust *one = &ctx->peers->one_person[peer_type(ctx->d, a)];
    double p90 = one->n ? expm1(one->p90) : 0;
    double floor = c->threshold > p90 ? c->threshold : p90;
    out->raw = a->elec, out->ref = floor;
    if (a->n_residents > 0 || a->elec < floor)
        return IND_QUIET;
    out->strength = ramp(a->elec, floor, c->params[0]);
    char v[24], f[24];
    snprintf(out->reason, sizeof out->reason,
             "electricity %s kWh/yr with 0 residents registered (a one-person household uses "
             "up to %s)",
             fmt_int(v, sizeof v, a->elec), fmt_int(f, sizeof f, floor));
    return IND_FIRED;
}

const struct indicator IND_E2 = {IND_ENERGY_NO_RESIDENTS, energy_no_residents};
