/*
 * schema.c - the tables behind schema.h.
 *
 * Ranges follow docs/sources.md (field checks at ingest): floor area 1..999999 (1 and 999999 mean
 * unknown, read as unknown by the join), electricity may be negative (net of solar feed-in). Above
 * 1,000,000 kWh a year on one connection the value is taken for a unit error (Wh exported as kWh)
 * and the row is quarantined - which also refuses a real business connection above 1 GWh; vik
 * judges dwellings and small units, and a unit error on every household row would be far worse.
 */
#include "model/schema.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define NOPARTY F_COUNT
#define BIG 1e15

static const struct field_def FIELDS[F_COUNT] = {
    [F_POSTCODE] = {"postcode", FK_TEXT, NOPARTY, 0, 0},
    [F_HOUSE_NUMBER] = {"house_number", FK_TEXT, NOPARTY, 0, 0},
    [F_HOUSE_LETTER] = {"house_letter", FK_TEXT, NOPARTY, 0, 0},
    [F_HOUSE_SUFFIX] = {"house_suffix", FK_TEXT, NOPARTY, 0, 0},
    [F_STREET] = {"street", FK_TEXT, NOPARTY, 0, 0},
    [F_CITY] = {"city", FK_TEXT, NOPARTY, 0, 0},
    [F_BAG_ID] = {"bag_id", FK_TEXT, NOPARTY, 0, 0},
    [F_PERSON_ID] = {"person_id", FK_BSN, NOPARTY, 0, 0},
    [F_BIRTH_DATE] = {"birth_date", FK_DATE, NOPARTY, 0, 0},
    [F_REGISTERED_SINCE] = {"registered_since", FK_DATE, NOPARTY, 0, 0},
    [F_OBJECT_ID] = {"object_id", FK_TEXT, NOPARTY, 0, 0},
    [F_BUILDING_ID] = {"building_id", FK_TEXT, NOPARTY, 0, 0},
    [F_USAGE] = {"usage", FK_USAGE, NOPARTY, 0, 0},
    [F_FLOOR_AREA] = {"floor_area", FK_NUM, NOPARTY, 1, 999999},
    [F_BUILD_YEAR] = {"build_year", FK_INT, NOPARTY, 1000, 2100},
    [F_WOZ_VALUE] = {"woz_value", FK_NUM, NOPARTY, 0, 1e10},
    [F_OWNER_ID] = {"owner_id", FK_PARTY_ID, F_OWNER_TYPE, 0, 0},
    [F_OWNER_TYPE] = {"owner_type", FK_PARTY, NOPARTY, 0, 0},
    [F_OWNER_BIRTH_DATE] = {"owner_birth_date", FK_DATE, NOPARTY, 0, 0},
    [F_NEIGHBOURHOOD] = {"neighbourhood", FK_TEXT, NOPARTY, 0, 0},
    [F_DATE] = {"date", FK_DATE, NOPARTY, 0, 0},
    [F_PRICE] = {"price", FK_NUM, NOPARTY, 0, 1e10},
    [F_BUYER_ID] = {"buyer_id", FK_PARTY_ID, F_BUYER_TYPE, 0, 0},
    [F_BUYER_TYPE] = {"buyer_type", FK_PARTY, NOPARTY, 0, 0},
    [F_MORTGAGE] = {"mortgage", FK_BOOL, NOPARTY, 0, 0},
    [F_KVK_NUMBER] = {"kvk_number", FK_KVK, NOPARTY, 0, 0},
    [F_BRANCH_NUMBER] = {"branch_number", FK_TEXT, NOPARTY, 0, 0},
    [F_SBI] = {"sbi", FK_TEXT, NOPARTY, 0, 0},
    [F_LEGAL_FORM] = {"legal_form", FK_TEXT, NOPARTY, 0, 0},
    [F_FOUNDED] = {"founded", FK_DATE, NOPARTY, 0, 0},
    [F_DISSOLVED] = {"dissolved", FK_DATE, NOPARTY, 0, 0},
    [F_EAN] = {"ean", FK_EAN, NOPARTY, 0, 0},
    [F_PRODUCT] = {"product", FK_PRODUCT, NOPARTY, 0, 0},
    [F_ANNUAL] = {"annual", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_ANNUAL_FEED_IN] = {"annual_feed_in", FK_NUM, NOPARTY, 0, 1e6},
    [F_MONTH_01] = {"month_01", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_02] = {"month_02", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_03] = {"month_03", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_04] = {"month_04", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_05] = {"month_05", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_06] = {"month_06", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_07] = {"month_07", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_08] = {"month_08", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_09] = {"month_09", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_10] = {"month_10", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_11] = {"month_11", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_MONTH_12] = {"month_12", FK_NUM, NOPARTY, -1e6, 1e6},
    [F_CATEGORY] = {"category", FK_TEXT, NOPARTY, 0, 0},
};

#define ADDRESS_FIELDS                                                                             \
    [F_POSTCODE] = FIELD_REQUIRED, [F_HOUSE_NUMBER] = FIELD_REQUIRED,                              \
    [F_HOUSE_LETTER] = FIELD_OPTIONAL, [F_HOUSE_SUFFIX] = FIELD_OPTIONAL,                          \
    [F_STREET] = FIELD_OPTIONAL, [F_CITY] = FIELD_OPTIONAL, [F_BAG_ID] = FIELD_OPTIONAL

// clang-format off
static const struct source_def SOURCES[SRC_COUNT] = {
    [SRC_BRP] = {SRC_BRP, "brp", "BRP (population register)",
                 {ADDRESS_FIELDS, [F_PERSON_ID] = FIELD_REQUIRED, [F_BIRTH_DATE] = FIELD_REQUIRED,
                  [F_REGISTERED_SINCE] = FIELD_REQUIRED}},
    [SRC_KADASTER_OBJECTS] = {SRC_KADASTER_OBJECTS, "kadaster_objects", "Kadaster objects",
                              {ADDRESS_FIELDS, [F_OBJECT_ID] = FIELD_REQUIRED,
                               [F_BUILDING_ID] = FIELD_OPTIONAL, [F_USAGE] = FIELD_REQUIRED,
                               [F_FLOOR_AREA] = FIELD_REQUIRED, [F_BUILD_YEAR] = FIELD_OPTIONAL,
                               [F_WOZ_VALUE] = FIELD_OPTIONAL, [F_OWNER_ID] = FIELD_OPTIONAL,
                               [F_OWNER_TYPE] = FIELD_OPTIONAL, [F_OWNER_BIRTH_DATE] = FIELD_OPTIONAL,
                               [F_NEIGHBOURHOOD] = FIELD_OPTIONAL}},
    [SRC_KADASTER_TRANSACTIONS] = {SRC_KADASTER_TRANSACTIONS, "kadaster_transactions",
                                   "Kadaster transactions",
                                   {ADDRESS_FIELDS, [F_DATE] = FIELD_REQUIRED,
                                    [F_PRICE] = FIELD_REQUIRED, [F_BUYER_ID] = FIELD_OPTIONAL,
                                    [F_BUYER_TYPE] = FIELD_OPTIONAL, [F_MORTGAGE] = FIELD_OPTIONAL}},
    [SRC_KVK] = {SRC_KVK, "kvk", "KvK (trade register)",
                 {ADDRESS_FIELDS, [F_KVK_NUMBER] = FIELD_REQUIRED, [F_BRANCH_NUMBER] = FIELD_OPTIONAL,
                  [F_SBI] = FIELD_OPTIONAL, [F_LEGAL_FORM] = FIELD_OPTIONAL,
                  [F_FOUNDED] = FIELD_OPTIONAL, [F_DISSOLVED] = FIELD_OPTIONAL}},
    [SRC_ENERGY] = {SRC_ENERGY, "energy", "energy use",
                    {ADDRESS_FIELDS, [F_EAN] = FIELD_OPTIONAL, [F_PRODUCT] = FIELD_REQUIRED,
                     [F_ANNUAL] = FIELD_REQUIRED, [F_ANNUAL_FEED_IN] = FIELD_OPTIONAL,
                     [F_MONTH_01] = FIELD_OPTIONAL,
                     [F_MONTH_02] = FIELD_OPTIONAL, [F_MONTH_03] = FIELD_OPTIONAL,
                     [F_MONTH_04] = FIELD_OPTIONAL, [F_MONTH_05] = FIELD_OPTIONAL,
                     [F_MONTH_06] = FIELD_OPTIONAL, [F_MONTH_07] = FIELD_OPTIONAL,
                     [F_MONTH_08] = FIELD_OPTIONAL, [F_MONTH_09] = FIELD_OPTIONAL,
                     [F_MONTH_10] = FIELD_OPTIONAL, [F_MONTH_11] = FIELD_OPTIONAL,
                     [F_MONTH_12] = FIELD_OPTIONAL}},
    [SRC_SIGNALS] = {SRC_SIGNALS, "signals", "citizen reports (meldingen)",
                     {ADDRESS_FIELDS, [F_DATE] = FIELD_REQUIRED, [F_CATEGORY] = FIELD_REQUIRED}},
};
// clang-format on

const struct field_def *schema_field(enum field_id f)
{
    return &FIELDS[f];
}

const struct source_def *schema_source(enum source_id s)
{
    return &SOURCES[s];
}

int schema_field_by_name(const char *name)
{
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(FIELDS[f].name, name) == 0)
            return f;
    return -1;
}

int schema_source_by_name(const char *name)
{
    for (int s = 0; s < SRC_COUNT; s++)
        if (strcmp(SOURCES[s].name, name) == 0)
            return s;
    return -1;
}

/* Word stems of protected attributes and their proxies (docs/sources.md, protected attributes). */
static const struct {
    const char *stem;
    const char *reason;
} PROTECTED[] = {
    {"nationalit", "nationality may never feed a risk score (AP fine on Toeslagen, 2021)"},
    {"geboorteland", "country of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"geboorteplaats", "place of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"country_of_birth", "country of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"birth_country", "country of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"place_of_birth", "place of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"birth_place", "place of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"geslachtsnaam", "names are a proxy for ethnic origin and are not needed"},
    {"voornam", "names are a proxy for ethnic origin and are not needed"},
    {"surname", "names are a proxy for ethnic origin and are not needed"},
    {"first_name", "names are a proxy for ethnic origin and are not needed"},
    {"given_name", "names are a proxy for ethnic origin and are not needed"},
    {"last_name", "names are a proxy for ethnic origin and are not needed"},
    {"naam persoon", "names are a proxy for ethnic origin and are not needed"},
    {"geslacht", "gender may never feed a risk score"},
    {"gender", "gender may never feed a risk score"},
    {"religi", "religion is special-category data (AVG art. 9)"},
    {"godsdienst", "religion is special-category data (AVG art. 9)"},
    {"etnic", "ethnic origin is special-category data (AVG art. 9)"},
    {"ethnic", "ethnic origin is special-category data (AVG art. 9)"},
    {"verblijfstitel", "residence permit status is a proxy for nationality"},
    {"land vanwaar", "country of origin is a proxy for ethnic origin"},
    {"land van geboorte", "country of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"geboorte land", "country of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"herkomst", "origin is special-category data or its proxy (AVG art. 9)"},
    {"migratieachtergrond", "migration background is a proxy for ethnic origin (AVG art. 9)"},
    {"achternaam", "names are a proxy for ethnic origin and are not needed"},
    {"familienaam", "names are a proxy for ethnic origin and are not needed"},
    {"roepnaam", "names are a proxy for ethnic origin and are not needed"},
    {"tussenvoegsel", "names are a proxy for ethnic origin and are not needed"},
    {"nationality", "nationality may never feed a risk score (AP fine on Toeslagen, 2021)"},
    {"vestiging in nederland", "date of settling in the Netherlands is a proxy for origin"},
};

/*
 * BRP exports name columns by rubriek number (docs/sources.md, protected attributes): categories
 * 02/03 (parents: names, birth places), 04 (nationality) and 10 (verblijfstitel), and the elements
 * for names, place/country of birth, gender and origin are refused whatever words follow the
 * number.
 */
static const struct {
    const char *prefix;
    const char *reason;
} PROTECTED_RUBRIEK[] = {
    {"01.02.", "names are a proxy for ethnic origin and are not needed"},
    {"01.03.20", "place of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"01.03.30", "country of birth is a proxy for ethnic origin (AVG art. 9)"},
    {"01.04.10", "gender may never feed a risk score"},
    {"02.", "parents' data (names, places of birth) is not needed"},
    {"03.", "parents' data (names, places of birth) is not needed"},
    {"04.", "nationality may never feed a risk score (AP fine on Toeslagen, 2021)"},
    {"10.", "residence permit status is a proxy for nationality"},
    {"08.14.", "country of origin and date of settling are proxies for origin"},
};

const char *schema_protected_summary(void)
{
    return "nationality, country or place of birth, names, gender, religion, ethnic origin, "
           "migration background, residence permit and date of settling in the Netherlands";
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

const char *schema_protected(const char *name)
{
    /* Words first (their reasons are the most specific); "geslachtsnaam" is
     * checked before "geslacht" by table order. */
    for (size_t i = 0; i < sizeof PROTECTED / sizeof PROTECTED[0]; i++)
        if (contains_ci(name, PROTECTED[i].stem))
            return PROTECTED[i].reason;
    const char *t = name;
    while (*t == ' ' || *t == '\t')
        t++;
    for (size_t i = 0; i < sizeof PROTECTED_RUBRIEK / sizeof PROTECTED_RUBRIEK[0]; i++)
        if (strncmp(t, PROTECTED_RUBRIEK[i].prefix, strlen(PROTECTED_RUBRIEK[i].prefix)) == 0)
            return PROTECTED_RUBRIEK[i].reason;
    if (strcasecmp(name, "sex") == 0 || strcasecmp(name, "name") == 0 ||
        strcasecmp(name, "naam") == 0)
        return "names and gender may never feed a risk score";
    return NULL;
}
