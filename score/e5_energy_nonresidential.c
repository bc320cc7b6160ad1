/*
 * e5_energy_nonresidential.c - E5 energy_nonresidential (DOMAIN.md 3.3, theme
 * hennep): a household's electricity or more in a unit nobody should live or work
 * in.
 *
 * Phenomenon: a garage box, barn, shed or storage unit with household-like or
 *    higher use: rural barns and garage boxes are classic grow locations.
 * Inputs: usage (BAG gebruiksdoel, Kadaster objects) and floor area, active KvK
 *    branches, annual electricity (energy). Not evaluable when the usage is unknown,
 *    for dwellings (E1-E4 judge those) and without an electricity connection.
 * Formula: a unit without woonfunctie and without an active KvK branch using >=
 *    threshold kWh (small garage/storage - overige gebruiksfunctie under small_area
 *    m2: >= small_kwh); strength 0.5 at the limit, 1 at full_ratio times it.
 * Parameters: threshold 5000 kWh/yr, small_area 30 m2, small_kwh 1500, full_ratio 2;
 *    weight 4.0, correlation group 1 with E1 and E2 (the same annual kWh: within a
 *    theme only the largest counts).
 * Look-alikes it guards against: workshops and shops have an active company; care
 *    homes (gezondheidszorgfunctie) are excluded.
 */
#include "score/indicator.h"

#include "score/fmt.h"

#include <stdio.h>

static enum ind_outcome energy_nonresidential(const struct score_ctx *ctx,
                                              const struct indicator_cfg *c,
                                              const struct address *a, struct ind_result *out)
{
    (void)ctx;
    if (a->usage == 0 || address_is_dwelling(a) || a->n_elec == 0)
        return IND_NOT_EVALUABLE;
    int small = (a->usage & USE_OVERIG) && a->floor_area > 0 && a->floor_area < c->params[0];
    double limit = small ? c->params[1] : c->threshold;
    out->raw = a->elec, out->ref = limit;
    if (a->n_branches > 0 || (a->usage & USE_ZORG) || a->elec < limit)
        return IND_QUIET;
    out->strength = ramp(a->elec / limit, 1, c->params[2]);
    char v[24], l[24], area[24];
    if (small)
        snprintf(out->reason, sizeof out->reason,
                 "electricity %s kWh/yr in a garage/storage unit of %s m2 without an active "
                 "company (threshold %s)",
                 fmt_int(v, sizeof v, a->elec), fmt_int(area, sizeof area, a->floor_area),
                 fmt_int(l, sizeof l, limit));
    else
        snprintf(out->reason, sizeof out->reason,
                 "electricity %s kWh/yr in a non-residential unit without an active company "
                 "(threshold %s)",
                 fmt_int(v, sizeof v, a->elec), fmt_int(l, sizeof l, limit));
    return IND_FIRED;
}

const struct indicator IND_E5 = {IND_ENERGY_NONRESIDENTIAL, energy_nonresidential};
