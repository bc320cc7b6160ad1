/*
 * catalogue.c - the indicator and theme table; see catalogue.h.
 */
#include "model/catalogue.h"

#include <string.h>

#define T(x) (1u << (x))
#define S(x) (1u << (x))

/* SBI 2008 prefixes from DOMAIN.md 2.5 (sectors named by RIEC/Wwft guidance). */
const char CATALOGUE_RISK_SBI[] = "96021,96022,9604,9609,56101,56102,5630,4511,4519,4520,7711,"
                                  "4742,6190,6619,6499,6810,6820,6831,6832,7810,7820,7830,9200,"
                                  "4677,3832,5520,5320,8211";

/*
 * Report categories per theme, as meldpunten and Meld Misdaad Anoniem classify them
 * (lower case; compared case-insensitively). Everything else (geluidsoverlast,
 * burenruzie, ...) is read and counted but speaks to no theme.
 */
const char *const CATALOGUE_SIGNAL_CATEGORIES[THEME_COUNT] = {
    [THEME_HENNEP] = "hennepteelt,stankoverlast hennep,stroomdiefstal,drugsoverlast",
    [THEME_WITWASSEN] = "witwassen,vastgoedfraude",
    [THEME_BRIEVENBUS] = "brievenbusfirma,spookbedrijf",
    [THEME_OVERBEWONING] = "overbewoning,arbeidsmigranten,huisjesmelkerij",
};

// clang-format off: one indicator per block reads better than one field per line
static const struct ind_def INDICATORS[IND_COUNT] = {
    [IND_ENERGY_HIGH] =
        {"energy_high",
         "E1",
         T(THEME_HENNEP),
         S(SRC_ENERGY) | S(SRC_KADASTER_OBJECTS),
         4.0,
         3.0,
         "robust z of log(1+kWh) within the peer group",
         "electricity far above what dwelling type, size and household explain",
         1,
         {{"min_excess_kwh", 6000, 0, 1e+06, "also required: kWh above the peer median"},
          {"z_cap", 6, 0.5, 50, "z at which the contribution is full"},
          {"min_group", 30, 5, 1e+06, "smallest peer group trusted before collapsing"},
          {"all_electric_kwh", 3000, 0, 100000,
           "kWh a heat pump may add when the dwelling has no gas"},
          {"method", 0, 0, 1,
           "expected use: 0 peer groups, 1 robust regression on type, area, household, gas"}}},
    [IND_ENERGY_NO_RESIDENTS] =
        {"energy_no_residents",
         "E2",
         T(THEME_HENNEP),
         S(SRC_ENERGY) | S(SRC_BRP),
         4.0,
         2500,
         "kWh/yr with nobody registered (also at least p90 of 1-person peers)",
         "consumption where nobody is registered",
         1,
         {{"full_kwh", 15000, 1, 1e+07, "kWh at which the contribution is full"}}},
    [IND_ENERGY_NEAR_ZERO] = {"energy_near_zero",
                              "E3",
                              T(THEME_HENNEP),
                              S(SRC_ENERGY) | S(SRC_BRP),
                              4.0,
                              250,
                              "kWh/yr below which an occupied dwelling is near zero",
                              "occupied for a year but almost no metered use: meter bypass",
                              2,
                              {{"min_residents", 1, 1, 1000,
                                "residents registered for 12 months or more"},
                               {"occupied_gas", 300, 0, 1e+06,
                                "m3 gas/yr that shows the dwelling is heated and lived in"},
                               {"low_z", 2.5, 0, 50,
                                "robust z below the household's peers that also counts "
                                "(0: off), only when gas shows occupation"}}},
    [IND_ENERGY_FLAT_PROFILE] =
        {"energy_flat_profile",
         "E4",
         T(THEME_HENNEP),
         S(SRC_ENERGY),
         2.0,
         0.10,
         "coefficient of variation of monthly use below which the profile is flat",
         "constant load without the seasonal pattern of a household",
         3,
         {{"min_kwh", 6000, 0, 1e+07, "annual kWh needed before the profile is judged"}}},
    [IND_ENERGY_NONRESIDENTIAL] =
        {"energy_nonresidential",
         "E5",
         T(THEME_HENNEP),
         S(SRC_ENERGY) | S(SRC_KADASTER_OBJECTS),
         4.0,
         5000,
         "kWh/yr in a non-residential unit without an active company",
         "garage box, barn or unit with household-like or higher use",
         1,
         {{"small_area", 30, 1, 1000, "m2 below which a garage/storage unit counts as small"},
          {"small_kwh", 1500, 0, 1e+06, "kWh/yr threshold for small garage/storage units"},
          {"full_ratio", 2, 1, 1000,
           "use as a multiple of the threshold at which the contribution is full"}}},
    [IND_NO_MORTGAGE] = {"no_mortgage",
                         "K1",
                         T(THEME_WITWASSEN),
                         S(SRC_KADASTER_TRANSACTIONS),
                         2.0,
                         30,
                         "buyer age below which a purchase without mortgage counts",
                         "purchase without mortgage by a young natural person",
                         0,
                         {{"months", 24, 1, 240, "look-back window in months"},
                          {"min_age", 18, 0, 120, "youngest buyer age"}}},
    [IND_PRICE_VS_WOZ] =
        {"price_vs_woz",
         "K2",
         T(THEME_WITWASSEN),
         S(SRC_KADASTER_TRANSACTIONS) | S(SRC_KADASTER_OBJECTS),
         2.0,
         1.5,
         "price/WOZ ratio above this (or below 1/low_factor) counts",
         "price far from the indexed WOZ value",
         0,
         {{"low_ratio", 0.7, 0.01, 1, "price/WOZ ratio below which the price counts"},
          {"months", 24, 1, 240, "look-back window in months"},
          {"woz_index_per_year", 0.07, -0.5, 1, "yearly house-price change used to index WOZ"},
          {"min_price", 10000, 0, 1e+08, "prices below this are symbolic and skipped"}}},
    [IND_QUICK_RESALE] = {"quick_resale",
                          "K3",
                          T(THEME_WITWASSEN),
                          S(SRC_KADASTER_TRANSACTIONS),
                          3.0,
                          6,
                          "months within which two transfers count as a quick resale",
                          "successive resale (ABC) with a value jump",
                          0,
                          {{"years", 3, 1, 50, "look-back window in years"},
                           {"min_rise", 0.20, 0, 10, "price rise that adds full weight"}}},
    [IND_YOUNG_MULTI_OWNER] = {"young_multi_owner",
                               "K4",
                               T(THEME_WITWASSEN),
                               S(SRC_KADASTER_OBJECTS),
                               3.5,
                               30,
                               "owner age below which owning several dwellings counts",
                               "young owner of several dwellings",
                               4,
                               {{"min_dwellings", 2, 1, 100000, "dwellings owned"},
                                {"full_dwellings", 3, 1, 100000,
                                 "dwellings owned at full weight (2: half)"}}},
    [IND_MANY_PROPERTIES] =
        {"many_properties",
         "K5",
         T(THEME_WITWASSEN) | T(THEME_OVERBEWONING),
         S(SRC_KADASTER_OBJECTS),
         1.0,
         5,
         "residential objects owned by one natural person above which it counts",
         "private owner of a large portfolio",
         4,
         {{"full_count", 15, 1, 1e+06, "count at full weight"}}},
    [IND_COMPANIES_AT_HOME] = {"companies_at_home",
                               "H1",
                               T(THEME_BRIEVENBUS),
                               S(SRC_KVK) | S(SRC_KADASTER_OBJECTS),
                               4.0,
                               5,
                               "active branches at one dwelling",
                               "many registrations at one residential address",
                               0,
                               {{"min_entities", 3, 1, 100000,
                                 "distinct KvK numbers that also count"},
                                {"full_count", 10, 1, 1e+06, "branches at full weight"}}},
    [IND_RISK_SECTOR] = {"risk_sector",
                         "H2",
                         T(THEME_BRIEVENBUS),
                         S(SRC_KVK),
                         1.5,
                         1,
                         "active branches in vulnerable sectors at one address",
                         "several cash-intensive or vulnerable businesses at one address",
                         0,
                         {{"full_count", 5, 1, 1e+06, "branches at full weight"}}},
    [IND_COMPANY_CHURN] = {"company_churn",
                           "H3",
                           T(THEME_BRIEVENBUS),
                           S(SRC_KVK),
                           3.0,
                           3,
                           "registrations plus deregistrations in 24 months",
                           "short-lived firms and serial re-registrations",
                           0,
                           {{"short_lived", 2, 1, 100000,
                             "firms that lived under 12 months that also count"},
                            {"full_count", 10, 1, 1e+06, "events at full weight"}}},
    [IND_OVERCROWDING] = {"overcrowding",
                          "B1",
                          T(THEME_OVERBEWONING),
                          S(SRC_BRP) | S(SRC_KADASTER_OBJECTS),
                          4.0,
                          12,
                          "m2 per registered resident below which a dwelling is overcrowded",
                          "more residents than the floor area allows (Bouwbesluit 2012 art. 7.18)",
                          0,
                          {{"strong_m2", 8, 0, 100,
                            "m2 per resident at full weight (DOMAIN.md: strong below 8)"},
                           {"min_adults", 4, 0, 1000,
                            "adults registered needed (large families are not the target)"}}},
    [IND_REGISTRATION_CHURN] = {"registration_churn",
                                "B2",
                                T(THEME_OVERBEWONING),
                                S(SRC_BRP),
                                3.0,
                                4,
                                "adult arrivals in the last 12 months at one dwelling",
                                "revolving-door address",
                                0,
                                {{"max_area", 100, 1, 1e+06,
                                  "only dwellings smaller than this (m2)"},
                                 {"full_count", 10, 1, 1e+06, "arrivals at full weight"}}},
    [IND_CITIZEN_SIGNAL] = {"citizen_signal",
                            "S1",
                            T(THEME_HENNEP) | T(THEME_WITWASSEN) | T(THEME_BRIEVENBUS) |
                                T(THEME_OVERBEWONING),
                            S(SRC_SIGNALS),
                            2.0,
                            0.5,
                            "distinct reports of the theme's categories, each weighted "
                            "0.5^(age / half_life)",
                            "citizen reports (meldingen) about the address, by subject",
                            0,
                            {{"months", 12, 1, 120, "reports older than this are not counted"},
                             {"half_life", 6, 0.5, 120, "months after which a report counts half"},
                             {"full_weight", 2.5, 0, 1000, "weighted reports at full weight"}}},
};
// clang-format on

static const struct theme_def THEMES[THEME_COUNT] = {
    [THEME_HENNEP] = {"hennep", "cannabis cultivation: energy use the dwelling does not explain",
                      3.0, 1},
    [THEME_WITWASSEN] = {"witwassen", "unusual wealth and real-estate fraud", 3.0, 1},
    [THEME_BRIEVENBUS] = {"brievenbus", "postbox companies and a malafide business climate", 4.0,
                          1},
    [THEME_OVERBEWONING] = {"overbewoning", "overcrowding and address fraud", 3.5, 1},
};

/*
 * The sources whose facts ARE the signal (not mere context such as the peer group's
 * floor area): `min_sources` counts these, so that a listing can demand
 * corroboration by independent registers (DOMAIN.md 4.3).
 */
static const unsigned EVIDENCE[IND_COUNT] = {
    [IND_ENERGY_HIGH] = S(SRC_ENERGY),
    [IND_ENERGY_NO_RESIDENTS] = S(SRC_ENERGY) | S(SRC_BRP),
    [IND_ENERGY_NEAR_ZERO] = S(SRC_ENERGY) | S(SRC_BRP),
    [IND_ENERGY_FLAT_PROFILE] = S(SRC_ENERGY),
    [IND_ENERGY_NONRESIDENTIAL] = S(SRC_ENERGY),
    [IND_NO_MORTGAGE] = S(SRC_KADASTER_TRANSACTIONS),
    [IND_PRICE_VS_WOZ] = S(SRC_KADASTER_TRANSACTIONS),
    [IND_QUICK_RESALE] = S(SRC_KADASTER_TRANSACTIONS),
    [IND_YOUNG_MULTI_OWNER] = S(SRC_KADASTER_OBJECTS),
    [IND_MANY_PROPERTIES] = S(SRC_KADASTER_OBJECTS),
    [IND_COMPANIES_AT_HOME] = S(SRC_KVK),
    [IND_RISK_SECTOR] = S(SRC_KVK),
    [IND_COMPANY_CHURN] = S(SRC_KVK),
    [IND_OVERCROWDING] = S(SRC_BRP),
    [IND_REGISTRATION_CHURN] = S(SRC_BRP),
    [IND_CITIZEN_SIGNAL] = S(SRC_SIGNALS),
};

unsigned catalogue_evidence(enum ind_id id)
{
    return EVIDENCE[id];
}

const struct ind_def *catalogue_indicator(enum ind_id id)
{
    return &INDICATORS[id];
}

const struct theme_def *catalogue_theme(enum theme_id id)
{
    return &THEMES[id];
}

int catalogue_indicator_by_name(const char *name)
{
    for (int i = 0; i < IND_COUNT; i++)
        if (strcmp(INDICATORS[i].name, name) == 0)
            return i;
    return -1;
}

int catalogue_theme_by_name(const char *name)
{
    for (int i = 0; i < THEME_COUNT; i++)
        if (strcmp(THEMES[i].name, name) == 0)
            return i;
    return -1;
}

int catalogue_param(enum ind_id id, const char *name)
{
    for (int i = 0; i < IND_MAX_PARAMS && INDICATORS[id].params[i].name; i++)
        if (strcmp(INDICATORS[id].params[i].name, name) == 0)
            return i;
    return -1;
}
