/*
 * schema.h - what vik can read: the sources and their canonical fields.
 *
 * Why: the reader is one piece of code for every export. It is driven by these
 * tables (which fields a source has, of which kind, which are required) plus the
 * config's column mapping. Adding a field or a source is a row here, not a new
 * reader. The names are the config interface of docs/config.md: `map.FIELD` keys and
 * `[source.NAME]` sections; do not rename them.
 *
 * Privacy lives here too: protected attributes are not fields at all, and
 * schema_protected() names the ones a config may never map (docs/sources.md, protected attributes).
 */
#ifndef VIK_MODEL_SCHEMA_H
#define VIK_MODEL_SCHEMA_H

#include <stddef.h>

enum source_id {
    SRC_BRP,
    SRC_KADASTER_OBJECTS,
    SRC_KADASTER_TRANSACTIONS,
    SRC_KVK,
    SRC_ENERGY,
    SRC_SIGNALS, /* optional: citizen reports (meldingen), docs/sources.md, citizen reports */
    SRC_COUNT
};

/* How a raw text becomes a typed value (parsed once, in the reader). */
enum field_kind {
    FK_TEXT,     /* UTF-8 text, trimmed */
    FK_INT,      /* whole number, thousands separators of the source's dialect allowed */
    FK_NUM,      /* decimal number in the source's decimal style */
    FK_DATE,     /* date in the source's date_format; partial BRP dates keep precision */
    FK_BOOL,     /* J/N, Y/N, ja/nee, 1/0, true/false */
    FK_PARTY,    /* natural person / legal entity: NP/RP, natuurlijk persoon/rechtspersoon */
    FK_PRODUCT,  /* electricity / gas: ELK/E/electricity, GAS/G */
    FK_BSN,      /* a resident's BSN: 11-proef, then wiped; never kept, nor hashed */
    FK_PARTY_ID, /* owner/buyer id: keyed hash (BSN rules when the party is a person) */
    FK_EAN,      /* 18-digit connection id starting 871; GS1 check digit failure = warning */
    FK_USAGE,    /* BAG gebruiksdoel, one or several ("woonfunctie, winkelfunctie") -> flags */
    FK_KVK       /* KvK number: 8 digits (7 when a spreadsheet dropped the leading zero) */
};

/* The bytes of an FK_PARTY_ID's pseudonym (ingest/pseudo.h): 128 bits, so that two
 * of the 10^9 possible ids share one only with a chance of about 10^-21. */
enum { PSEUDONYM_BYTES = 16 };

enum field_id {
    F_POSTCODE,
    F_HOUSE_NUMBER,
    F_HOUSE_LETTER,
    F_HOUSE_SUFFIX,
    F_STREET,
    F_CITY,
    F_BAG_ID,
    /* brp */
    F_PERSON_ID,
    F_BIRTH_DATE,
    F_REGISTERED_SINCE,
    /* kadaster_objects */
    F_OBJECT_ID,
    F_BUILDING_ID,
    F_USAGE,
    F_FLOOR_AREA,
    F_BUILD_YEAR,
    F_WOZ_VALUE,
    F_OWNER_ID,
    F_OWNER_TYPE,
    F_OWNER_BIRTH_DATE,
    F_NEIGHBOURHOOD,
    /* kadaster_transactions */
    F_DATE,
    F_PRICE,
    F_BUYER_ID,
    F_BUYER_TYPE,
    F_MORTGAGE,
    /* kvk */
    F_KVK_NUMBER,
    F_BRANCH_NUMBER,
    F_SBI,
    F_LEGAL_FORM,
    F_FOUNDED,
    F_DISSOLVED,
    /* energy */
    F_EAN,
    F_PRODUCT,
    F_ANNUAL,
    F_ANNUAL_FEED_IN,
    F_MONTH_01,
    F_MONTH_02,
    F_MONTH_03,
    F_MONTH_04,
    F_MONTH_05,
    F_MONTH_06,
    F_MONTH_07,
    F_MONTH_08,
    F_MONTH_09,
    F_MONTH_10,
    F_MONTH_11,
    F_MONTH_12,
    /* signals */
    F_CATEGORY,
    F_COUNT
};

struct field_def {
    const char *name; /* canonical name, the `map.NAME` key */
    enum field_kind kind;
    enum field_id party; /* FK_PARTY_ID: the field holding the party type, else F_COUNT */
    double min, max;     /* accepted range for FK_INT / FK_NUM (inclusive) */
};

/* How a source uses a field. */
enum field_use { FIELD_UNUSED, FIELD_OPTIONAL, FIELD_REQUIRED };

/* The address requirement: either postcode+house_number mapped (letter and suffix optional). */
struct source_def {
    enum source_id id;
    const char *name;  /* `[source.NAME]` */
    const char *label; /* for people: "BRP (population register)" */
    unsigned char use[F_COUNT];
};

const struct field_def *schema_field(enum field_id f);
const struct source_def *schema_source(enum source_id s);

/* The dialect of one export: how its bytes become fields (docs/config.md, `[source.NAME]`). */
enum encoding { ENC_UTF8, ENC_CP1252, ENC_AUTO };
enum date_format { DATE_YYYYMMDD, DATE_ISO, DATE_DMY };

struct source_cfg {
    int present;      /* a [source.NAME] section exists */
    int optional;     /* a missing file skips the source instead of failing */
    const char *path; /* resolved against the config's folder */
    char delimiter;   /* ';' ',' '\t', or 0 for auto-detect */
    enum encoding encoding;
    char decimal; /* '.' or ',' */
    enum date_format date_format;
    const char *map[F_COUNT]; /* export header per canonical field, NULL = not read */
    int map_line[F_COUNT];    /* config line of each mapping, for messages */
};

/* Lookup by name; -1 when unknown. */
int schema_field_by_name(const char *name);
int schema_source_by_name(const char *name);

/*
 * If `name` (a canonical field name or an export header) denotes a protected
 * attribute, return the reason it may not be read; NULL otherwise. Matching is
 * case-insensitive on known Dutch and English words (nationaliteit, geboorteland,
 * geslachtsnaam, gender, religion, ...).
 */
const char *schema_protected(const char *name);

/* The protected attributes schema_protected() refuses, in one line for people (the
 * processing register). Kept beside the tables it summarises. */
const char *schema_protected_summary(void);

#endif
