/*
 * ind_people.c - brievenbus (H1-H3) and overbewoning (B1-B2) indicators.
 *
 * H1 companies_at_home: >= threshold active branches, or >= min_entities distinct
 *    KvK numbers, at a dwelling. Guards: business centres (kantoorfunctie) are not
 *    dwellings; a ZZP'er with holding + operating BV has 2-3 entities.
 * H2 risk_sector: >= threshold active branches in sectors named vulnerable to
 *    criminal infiltration (SBI prefixes in config). Context only: low weight.
 * H3 company_churn: registrations + deregistrations in 24 months >= threshold, or
 *    >= short_lived firms that lived under a year, at an address that is not a
 *    business centre (churn there is normal).
 * B1 overcrowding: floor area per registered resident below threshold m2
 *    (Bouwbesluit 2012 art. 7.18: 12 m2) with >= min_adults adults. Guards: large
 *    families (few adults), care homes and hotels (not woonfunctie).
 * B2 registration_churn: >= threshold arrivals in 12 months at a dwelling smaller
 *    than max_area m2. Guards: care homes (not woonfunctie), large student houses.
 */
#include "score/indicator.h"

#include <stdio.h>

static int business_centre(const struct address *a)
{
    return (a->usage & USE_KANTOOR) != 0;
}

static enum ind_outcome companies_at_home(const struct score_ctx *ctx,
                                          const struct indicator_cfg *c, const struct address *a,
                                          struct ind_result *out)
{
    (void)ctx;
    if (a->usage == 0)
        return not_evaluable(out, "no Kadaster object at this address (usage unknown)");
    out->raw = a->n_branches, out->ref = c->threshold;
    if (!address_is_dwelling(a) || business_centre(a))
        return IND_QUIET;
    if (a->n_branches < c->threshold && a->n_entities < c->params[0])
        return IND_QUIET;
    out->strength = ramp(a->n_branches, c->threshold, c->params[1]);
    snprintf(out->reason, sizeof out->reason,
             "%u active KvK branches of %u different companies registered at a dwelling "
             "(threshold %.0f)",
             (unsigned)a->n_branches, (unsigned)a->n_entities, c->threshold);
    return IND_FIRED;
}

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

static enum ind_outcome company_churn(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                      const struct address *a, struct ind_result *out)
{
    (void)ctx;
    unsigned events = (unsigned)a->n_founded_24m + a->n_dissolved_24m;
    out->raw = events, out->ref = c->threshold;
    if (business_centre(a) || (events < c->threshold && a->n_short_lived < c->params[0]))
        return IND_QUIET;
    out->strength = ramp(events, c->threshold, c->params[1]);
    snprintf(out->reason, sizeof out->reason,
             "%u registrations and %u deregistrations in 24 months, %u firms lived under a year "
             "(threshold %.0f events)",
             (unsigned)a->n_founded_24m, (unsigned)a->n_dissolved_24m, (unsigned)a->n_short_lived,
             c->threshold);
    return IND_FIRED;
}

static enum ind_outcome overcrowding(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                     const struct address *a, struct ind_result *out)
{
    (void)ctx;
    if (!address_is_dwelling(a) || a->floor_area <= 0)
        return not_evaluable(out, address_is_dwelling(a) ? "floor area unknown" : "not a dwelling");
    if (a->n_residents == 0)
        return IND_QUIET;
    double m2 = a->floor_area / a->n_residents;
    out->raw = m2, out->ref = c->threshold;
    if (m2 >= c->threshold || a->n_adults < c->params[1])
        return IND_QUIET;
    out->strength = ramp(-m2, -c->threshold, -c->params[0]);
    snprintf(out->reason, sizeof out->reason,
             "%u residents (%u adults) registered in %.0f m2 = %.1f m2 per person (norm %.0f m2)",
             (unsigned)a->n_residents, (unsigned)a->n_adults, a->floor_area, m2, c->threshold);
    return IND_FIRED;
}

static enum ind_outcome registration_churn(const struct score_ctx *ctx,
                                           const struct indicator_cfg *c, const struct address *a,
                                           struct ind_result *out)
{
    (void)ctx;
    if (!address_is_dwelling(a) || a->floor_area <= 0)
        return not_evaluable(out, address_is_dwelling(a) ? "floor area unknown" : "not a dwelling");
    /* adults: a family moving in with its children is not a revolving door */
    unsigned adults = a->n_adult_arrivals_12m;
    out->raw = adults, out->ref = c->threshold;
    if (a->floor_area >= c->params[0] || adults < c->threshold)
        return IND_QUIET;
    out->strength = ramp(adults, c->threshold, c->params[1]);
    snprintf(out->reason, sizeof out->reason,
             "%u adults registered here in the last 12 months in a dwelling of %.0f m2 "
             "(threshold %.0f)",
             adults, a->floor_area, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_H1 = {IND_COMPANIES_AT_HOME, companies_at_home};
const struct indicator IND_H2 = {IND_RISK_SECTOR, risk_sector};
const struct indicator IND_H3 = {IND_COMPANY_CHURN, company_churn};
const struct indicator IND_B1 = {IND_OVERCROWDING, overcrowding};
const struct indicator IND_B2 = {IND_REGISTRATION_CHURN, registration_churn};
