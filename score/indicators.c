/*
 * indicators.c - the registry: one row per indicator, in enum ind_id order.
 *
 * Each indicator is one module named by its DOMAIN.md id and catalogue name
 * (score/e1_energy_high.c ... score/s1_citizen_signal.c) that exports one
 * `struct indicator IND_<id>`; helpers several indicators share are in
 * score/ind_util.h. Adding an indicator = a catalogue row (model/catalogue.c) + a
 * module + a row here.
 */
#include "score/indicator.h"

extern const struct indicator IND_E1, IND_E2, IND_E3, IND_E4, IND_E5;
extern const struct indicator IND_K1, IND_K2, IND_K3, IND_K4, IND_K5;
extern const struct indicator IND_H1, IND_H2, IND_H3, IND_B1, IND_B2, IND_S1;

static const struct indicator *const REGISTRY[IND_COUNT] = {
    [IND_ENERGY_HIGH] = &IND_E1,           [IND_ENERGY_NO_RESIDENTS] = &IND_E2,
    [IND_ENERGY_NEAR_ZERO] = &IND_E3,      [IND_ENERGY_FLAT_PROFILE] = &IND_E4,
    [IND_ENERGY_NONRESIDENTIAL] = &IND_E5, [IND_NO_MORTGAGE] = &IND_K1,
    [IND_PRICE_VS_WOZ] = &IND_K2,          [IND_QUICK_RESALE] = &IND_K3,
    [IND_YOUNG_MULTI_OWNER] = &IND_K4,     [IND_MANY_PROPERTIES] = &IND_K5,
    [IND_COMPANIES_AT_HOME] = &IND_H1,     [IND_RISK_SECTOR] = &IND_H2,
    [IND_COMPANY_CHURN] = &IND_H3,         [IND_OVERCROWDING] = &IND_B1,
    [IND_REGISTRATION_CHURN] = &IND_B2,    [IND_CITIZEN_SIGNAL] = &IND_S1,
};

const struct indicator *indicator_get(enum ind_id id)
{
    return REGISTRY[id];
}
