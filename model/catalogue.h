/*
 * catalogue.h - which indicators and themes exist: their ids, and the themes'
 * documented defaults.
 *
 * Why: the config, the scorer, the report and the history must agree on one list
 * of ids. Everything about an indicator beyond its id - name, code, parameters,
 * defaults, the facts it reads - lives in its own module's descriptor
 * (score/indicator.h); the themes, which are not any one indicator's, live here.
 * The theme names are a user interface (config sections, file names): do not rename them.
 */
#ifndef VIK_MODEL_CATALOGUE_H
#define VIK_MODEL_CATALOGUE_H

#include <stdint.h>

enum theme_id { THEME_HENNEP, THEME_WITWASSEN, THEME_BRIEVENBUS, THEME_OVERBEWONING, THEME_COUNT };

enum ind_id {
    IND_ENERGY_HIGH,
    IND_ENERGY_NO_RESIDENTS,
    IND_ENERGY_NEAR_ZERO,
    IND_ENERGY_FLAT_PROFILE,
    IND_ENERGY_NONRESIDENTIAL,
    IND_NO_MORTGAGE,
    IND_PRICE_VS_WOZ,
    IND_QUICK_RESALE,
    IND_YOUNG_MULTI_OWNER,
    IND_MANY_PROPERTIES,
    IND_COMPANIES_AT_HOME,
    IND_RISK_SECTOR,
    IND_COMPANY_CHURN,
    IND_OVERCROWDING,
    IND_REGISTRATION_CHURN,
    IND_CITIZEN_SIGNAL,
    IND_COUNT
};

struct theme_def {
    const char *name;
    const char *summary;
    double min_score; /* corroborated listing: contributions of >= 2 indicators add up to this */
    int min_sources;  /* distinct evidence sources among the counting indicators */
    double alone_strength; /* single-signal listing: one indicator allowed to list alone
                              fired with at least this strength */
};

/* The settings of a theme in force for a run (defaults from the table). */
struct theme_cfg {
    uint32_t indicators; /* bit per enum ind_id */
    double min_score;
    int min_sources;
    double alone_strength;
};

const struct theme_def *catalogue_theme(enum theme_id id);
int catalogue_theme_by_name(const char *name);

#endif
