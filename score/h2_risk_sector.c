/*
 * h2_risk_sector.c - H2 risk_sector (DOMAIN.md 3.3, theme brievenbus): businesses in
 * sectors vulnerable to criminal infiltration at one address.
 *
 * Phenomenon: cash-intensive or vulnerable businesses (hairdressers and beauty
 *    salons, restaurants and cafes, car trade, phone shops, real estate, employment
 *    agencies, gambling, scrap: DOMAIN.md 2.5), a cover for laundering and a
 *    malafide business climate.
 * Inputs: active KvK branches whose SBI code starts with one of the sbi_prefixes
 *    (counted per address by transform/join.c). Always evaluable: no branch is 0.
 * Formula: >= threshold such branches; strength 0.5 at the threshold rising to 1 at
 *    full_count.
 * Parameters: threshold 1, full_count 5, sbi_prefixes (CATALOGUE_RISK_SBI, the
 *    sectors named by RIEC/Wwft guidance); weight 1.5.
 * Look-alikes it guards against: most businesses in these sectors are honest:
 *    context only, its low weight never lists an address alone.
 */
#include "score/indicator.h"

#include <stdio.h>

static enum ind_outcome risk_sector(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                    const struct address *a, struct ind_result *out)
{
    (void)ctx;
    out->raw = a->n_risk_branches, out->ref = c->threshold;
    if (a->n_risk_branches < c->threshold)
        return IND_QUIET;
    out->strength = ramp(a->n_risk_branches, c->threshold, c->params[0]);
    snprintf(out->reason, sizeof out->reason,
             "%u active branches in sectors vulnerable to criminal infiltration (threshold %.0f)",
             (unsigned)a->n_risk_branches, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_H2 = {IND_RISK_SECTOR, risk_sector};
