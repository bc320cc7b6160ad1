/*
 * catalogue.h - which indicators and themes exist, with their documented defaults.
 *
 * Why: the config (keys, defaults, validation), the scorer (one module per
 * indicator, looked up by id) and the report (names, summaries) must agree on one
 * list. It lives here, as data, so adding an indicator is one row plus one module.
 * Every default is from DOMAIN.md 3.3 and marked there as an estimate where it is one;
 * the analyst overrides any of them in `[indicator.NAME]`.
 */
#ifndef VIK_MODEL_CATALOGUE_H
#define VIK_MODEL_CATALOGUE_H

#include "model/schema.h"

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

enum { IND_MAX_PARAMS = 8 };

struct param_def {
    const char *name;
    double def;
    double min, max; /* accepted range, checked by the config loader */
    const char *help;
};

struct ind_def {
    const char *name; /* `[indicator.NAME]`, e.g. energy_high */
    const char *code; /* DOMAIN.md id, e.g. E1 */
    unsigned themes;  /* default theme membership, bit per enum theme_id */
    unsigned sources; /* sources it needs, bit per enum source_id */
    double weight;    /* default weight: the most a firing indicator adds */
    double threshold; /* default threshold (meaning in threshold_help) */
    const char *threshold_help;
    const char *summary;
    /*
     * Correlated indicators share a group > 0; within a theme only the largest
     * contribution of a group counts (DOMAIN.md 4.3: E1/E2 share the SJV, K1/K4 the
     * buyer age).
     */
    int group;
    struct param_def params[IND_MAX_PARAMS];
};

struct theme_def {
    const char *name;
    const char *summary;
    double min_score;
    int min_sources;
};

/* The tunable settings of an indicator and a theme (defaults from the tables). */
#include <stdint.h>
struct indicator_cfg {
    int enabled;
    double weight;
    double threshold;
    double params[IND_MAX_PARAMS];
    const char *sbi_prefixes;            /* risk_sector only: comma-separated SBI prefixes */
    const char *categories[THEME_COUNT]; /* citizen_signal only: report categories per theme */
};

struct theme_cfg {
    uint32_t indicators; /* bit per enum ind_id */
    double min_score;
    int min_sources; /* distinct sources among contributing indicators */
};

const struct ind_def *catalogue_indicator(enum ind_id id);
const struct theme_def *catalogue_theme(enum theme_id id);
int catalogue_indicator_by_name(const char *name);
int catalogue_theme_by_name(const char *name);
/* Sources whose facts are the indicator's evidence (bit per enum source_id). */
unsigned catalogue_evidence(enum ind_id id);
/* Index of a parameter of indicator id, -1 when unknown. */
int catalogue_param(enum ind_id id, const char *name);

/* Default list of SBI prefixes of sectors vulnerable to criminal infiltration. */
extern const char CATALOGUE_RISK_SBI[];

/* Default report categories (meldingen) that speak to each theme, comma-separated. */
extern const char *const CATALOGUE_SIGNAL_CATEGORIES[THEME_COUNT];

#endif
