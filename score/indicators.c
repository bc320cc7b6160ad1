/*
 * indicators.c - the registry: one descriptor per indicator, in enum ind_id order.
 *
 * Each indicator is one module named by its id and name (score/e1_energy_high.c
 * ... score/s1_citizen_signal.c) that exports one `struct ind_desc IND_<code>`.
 * Adding an indicator = an enum ind_id value (model/catalogue.h), a module, a row
 * here, and its tests. Everything else - config keys and validation, `vik check`,
 * the report's charts, the README's table - is built from the descriptors.
 */
#include "score/indicator.h"

#include <string.h>

extern const struct ind_desc IND_E1, IND_E2, IND_E3, IND_E4, IND_E5;
extern const struct ind_desc IND_K1, IND_K2, IND_K3, IND_K4, IND_K5;
extern const struct ind_desc IND_H1, IND_H2, IND_H3, IND_B1, IND_B2, IND_S1;

static const struct ind_desc *const REGISTRY[IND_COUNT] = {
    [IND_ENERGY_HIGH] = &IND_E1,           [IND_ENERGY_NO_RESIDENTS] = &IND_E2,
    [IND_ENERGY_NEAR_ZERO] = &IND_E3,      [IND_ENERGY_FLAT_PROFILE] = &IND_E4,
    [IND_ENERGY_NONRESIDENTIAL] = &IND_E5, [IND_NO_MORTGAGE] = &IND_K1,
    [IND_PRICE_VS_WOZ] = &IND_K2,          [IND_QUICK_RESALE] = &IND_K3,
    [IND_YOUNG_MULTI_OWNER] = &IND_K4,     [IND_MANY_PROPERTIES] = &IND_K5,
    [IND_COMPANIES_AT_HOME] = &IND_H1,     [IND_RISK_SECTOR] = &IND_H2,
    [IND_COMPANY_CHURN] = &IND_H3,         [IND_OVERCROWDING] = &IND_B1,
    [IND_REGISTRATION_CHURN] = &IND_B2,    [IND_CITIZEN_SIGNAL] = &IND_S1,
};

const struct ind_desc *indicator_desc(enum ind_id id)
{
    return REGISTRY[id];
}

int indicator_by_name(const char *name)
{
    for (int i = 0; i < IND_COUNT; i++)
        if (strcmp(REGISTRY[i]->name, name) == 0)
            return i;
    return -1;
}

int indicator_param(enum ind_id id, const char *name)
{
    const struct ind_desc *d = REGISTRY[id];
    for (int i = 0; i < IND_MAX_PARAMS && d->params[i].name; i++)
        if (strcmp(d->params[i].name, name) == 0)
            return i;
    return -1;
}

int indicator_list(enum ind_id id, const char *name)
{
    const struct ind_desc *d = REGISTRY[id];
    for (int i = 0; i < IND_MAX_LISTS && d->lists[i].name; i++)
        if (strcmp(d->lists[i].name, name) == 0)
            return i;
    return -1;
}

void indicator_defaults(struct indicator_cfg cfg[IND_COUNT])
{
    memset(cfg, 0, IND_COUNT * sizeof *cfg);
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = REGISTRY[i];
        cfg[i].enabled = 1;
        cfg[i].alone = d->alone;
        cfg[i].weight = d->weight;
        cfg[i].threshold = d->threshold;
        for (int p = 0; p < IND_MAX_PARAMS && d->params[p].name; p++)
            cfg[i].params[p] = d->params[p].def;
        for (int l = 0; l < IND_MAX_LISTS && d->lists[l].name; l++)
            cfg[i].lists[l] = d->lists[l].def;
    }
}
