/*
 * regmeta.h - what only the municipality can say about its installation, for the
 * processing register: the `[register]` keys of the config.
 *
 * Why: `vik register` generates the register from the indicators and the config.
 * Most fields of the Algoritmeregister publication standard (docs/register.md) vik
 * fills itself - purpose, data, indicators, human review, risk management - but
 * some are facts about the organisation that no code knows: its name, a contact
 * address, the lawful basis, links to the DPIA and IAMA, the status. Each is an
 * optional key here, declared once in a table (key, the standard's field, kind,
 * maximum length), which drives parsing, validation, `vik check` and the register.
 * A key left out is written as an explicit empty value marked "to be filled by the
 * municipality", never guessed.
 *
 * These texts are published, so they are checked as strictly as the standard asks:
 * valid UTF-8 without control characters, the standard's maximum length in
 * characters, https:// links, YYYY-MM months and the standard's own choices.
 */
#ifndef VIK_MODEL_REGMETA_H
#define VIK_MODEL_REGMETA_H

#include <stddef.h>

enum regmeta_key {
    RM_ORGANIZATION,
    RM_CONTACT,
    RM_WEBSITE,
    RM_STATUS,
    RM_BEGIN_DATE,
    RM_END_DATE,
    RM_PUBLICATION_CATEGORY,
    RM_LAWFUL_BASIS,
    RM_LAWFUL_BASIS_LINKS,
    RM_PROCESS_INDEX_URL,
    RM_DPIA,
    RM_IAMA,
    RM_IMPACT_ASSESSMENTS,
    RM_PROPORTIONALITY,
    RM_PROVIDER,
    RM_PUBLICCODE,
    RM_URL,
    RM_SOURCE_ID,
    RM_COUNT
};

enum regmeta_kind {
    RMK_TEXT,    /* free text up to max characters */
    RMK_URL,     /* https://... without spaces */
    RMK_CONTACT, /* an e-mail address or an https:// URL */
    RMK_MONTH,   /* YYYY-MM */
    RMK_CHOICE,  /* one of choices[], case-insensitive, stored as the standard spells it */
    RMK_LINKS    /* lines "title | https://..." (indented continuation lines add more) */
};

struct regmeta_def {
    const char *key;   /* `[register] KEY` */
    const char *field; /* the Algoritmeregister field it fills */
    enum regmeta_kind kind;
    size_t max; /* characters (per link title for RMK_LINKS) */
    const char *const *choices;
    const char *help;
};

/* The values set in the config (NULL = not set); strings owned by the config. */
struct regmeta {
    const char *value[RM_COUNT];
};

const struct regmeta_def *regmeta_def(enum regmeta_key k);
/* -1 when key is not a [register] key. */
int regmeta_by_key(const char *key);

/*
 * NULL when v is acceptable for k, else why not (one line, static or in why[]).
 * For RMK_CHOICE, *canonical is set to the standard's spelling; otherwise to v.
 */
const char *regmeta_check(enum regmeta_key k, const char *v, const char **canonical, char *why,
                          size_t size);

#endif
