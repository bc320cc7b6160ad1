/*
 * register.h - the processing register of one installation (`vik register`), and
 * the account of it that report.html carries ("How this list was made").
 *
 * Why: the privacy officer, the DPIA and the Algoritmeregister need to know, for
 * this municipality's config, what is compared with what: per theme and indicator
 * the phenomenon, the export columns it reads, its weight and parameters, the
 * look-alikes it guards against; per source the columns read and which are
 * pseudonymised; retention, suppression and human review. A hand-written register
 * is wrong after the first weight change. This one is generated from the
 * indicators' descriptors (score/indicator.h), the schema (model/schema.h) and the
 * settings in force, and holds no list of indicators or columns of its own.
 *
 * Three renderings share the texts and tables of register.c: Markdown for people
 * (register_md.c), JSON in the fields of the Algoritmeregister publication
 * standard 1.0.0 plus the detail it has no fields for (register_json.c,
 * docs/register.md), and the short section of report.html
 * (report_html_method.c). The municipality's own facts (organisation, contact,
 * lawful basis, DPIA) come from the config's [register] keys (model/regmeta.h);
 * a missing one is written as empty and named as "to be filled by the
 * municipality". Nothing here reads an export or personal data, and no output
 * depends on the clock: the same config gives the same register.
 */
#ifndef VIK_REPORT_REGISTER_H
#define VIK_REPORT_REGISTER_H

#include "model/catalogue.h"
#include "model/regmeta.h"
#include "model/schema.h"
#include "score/indicator.h"

#include <stdint.h>
#include <stdio.h>

/* What the register is made from: plain settings, filled from the config by the pipeline. */
struct register_in {
    const struct indicator_cfg *ind;  /* IND_COUNT: the settings in force */
    const struct theme_cfg *themes;   /* THEME_COUNT */
    const struct source_cfg *sources; /* SRC_COUNT: which are configured, their mapping */
    int top_n;                        /* lines per theme list */
    int retention_days;
    int suppress_days;
    double realert_margin;
    double max_quarantine_share;
    const struct regmeta *meta; /* the [register] keys; NULL: none declared */
    const char *config_hash;    /* NULL: not shown */
};

/* ---- what the register says, shared by every rendering (register.c) ---- */

/* Indicators in force, bit per enum ind_id: enabled, and every source they need configured. */
uint32_t register_in_force(const struct register_in *in);
/* Themes with at least one indicator in force, bit per enum theme_id. */
unsigned register_themes(const struct register_in *in);
/* The export column that feeds field f of source s, or NULL when it is not read. */
const char *register_column(const struct register_in *in, enum source_id s, enum field_id f);
/* 1 when field f is replaced by a keyed hash as it is read (owner and buyer ids). */
int register_pseudonymised(enum field_id f);
/* 1 when field f is checked and dropped as it is read, not even a pseudonym kept (a
 * resident's BSN: nothing links on it; docs/privacy.md). */
int register_dropped(enum field_id f);
/* What the reader does with identifier field f, in words; NULL for other fields. */
const char *register_id_handling(enum field_id f);
/* The same in two words ("pseudonymised", "checked and dropped"); NULL for other fields. */
const char *register_id_word(enum field_id f);
/* 1 for the address fields every row of every source reads to find its address. */
int register_address_field(enum field_id f);
/* Indicators in force that read field f of source s, bit per enum ind_id. */
uint32_t register_readers(const struct register_in *in, enum source_id s, enum field_id f);
/* A [register] value, or NULL when the config does not set it. */
const char *register_meta(const struct register_in *in, enum regmeta_key k);

/* The prose of the register: plain UTF-8 text, no markup (renderers escape it). */
enum register_text {
    REG_NAME,         /* the algorithm's name */
    REG_DESCRIPTION,  /* two sentences */
    REG_GOAL,         /* purpose and impact, per theme */
    REG_HUMAN_REVIEW, /* every line is a signal for the information meeting */
    REG_RETENTION,    /* retention and suppression periods */
    REG_RISKS,        /* risk management */
    REG_SOURCE_DATA,  /* the sources and the fields read from each */
    REG_HOW,          /* how a score is made, in one paragraph */
    REG_METHODS,      /* REG_HOW, then the indicators in force with their weights, the rules */
    REG_TAGS,         /* search terms */
    REG_TEXT_COUNT
};
void register_text(FILE *f, enum register_text t, const struct register_in *in);

/* When theme t lists an address, with the numbers in force (one line, no markup). */
void register_rule(FILE *f, const struct register_in *in, enum theme_id t);

/* ---- the Algoritmeregister publication standard 1.0.0, field by field ---- */

enum register_kind {
    RF_TEXT,  /* a string */
    RF_LIST,  /* an array of strings (category) */
    RF_LINKS, /* an array of {title, link} */
};

struct register_field {
    const char *name;  /* the standard's key, e.g. "goal" */
    const char *title; /* its title in the standard, e.g. "Doel en impact" */
    enum register_kind kind;
    int required;         /* the standard will not publish without it */
    size_t max;           /* characters allowed; 0: not a free text */
    int text;             /* enum register_text vik writes, or -1 */
    const char *fixed;    /* a value vik writes as it stands, or NULL */
    int meta;             /* enum regmeta_key the municipality sets, or -1 */
    int meta2;            /* a second key feeding the same field (IAMA beside DPIA), or -1 */
    const char *md_where; /* the Markdown section holding a long text vik writes */
};

enum { REGISTER_N_FIELDS = 29 };
const struct register_field *register_field(int i);

/* Who fills field i for this config. */
enum register_origin { ORIGIN_VIK, ORIGIN_CONFIG, ORIGIN_TO_FILL };
enum register_origin register_origin(const struct register_in *in, int i);

/* The links of an RF_LINKS field, one call per {title, link}; returns how many. */
int register_links(const struct register_in *in, int i,
                   void (*each)(void *ctx, const char *title, size_t title_len, const char *link,
                                size_t link_len),
                   void *ctx);

/* ---- the documents ---- */

/* Markdown for people (register_md.c). 0, or -1 when writing failed. */
int register_markdown(FILE *f, const struct register_in *in);

/*
 * JSON (register_json.c): {"algoritmeregister": the standard's fields,
 * "filled_by", "to_fill", "notes", "processing": the detail} - tests/register.schema.json
 * is its schema. A text vik writes that exceeds the standard's maximum is reported
 * on `warn` (when not NULL), never cut. 0, or -1 when writing failed.
 */
int register_json(FILE *f, const struct register_in *in, FILE *warn);

#endif
