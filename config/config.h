/*
 * config.h - the typed, validated settings of one run (docs/config.md).
 *
 * Why: the analyst edits an INI file at night's end; a typo must never fall back to
 * a default silently. inih does the syntax; this module knows every section and key
 * ([run] and [source.*] here; [indicator.*] from the indicators' own descriptors,
 * score/indicator.h, whose validation hooks `vik check` and `vik run` share;
 * [theme.*] from model/catalogue.h; [register] from model/regmeta.h), converts values, and collects
 * every problem with its line so `vik check` can show them all at once. Precedence: built-in
 * default < INI file < command-line flag.
 *
 * Ownership: strings point into cfg->mem and live until cfg_release().
 */
#ifndef VIK_CONFIG_CONFIG_H
#define VIK_CONFIG_CONFIG_H

#include "common/arena.h"
#include "common/err.h"
#include "model/catalogue.h"
#include "model/regmeta.h"
#include "model/schema.h"
#include "score/indicator.h"

#include <stdint.h>
#include <stdio.h>

struct config {
    const char *path;       /* the config file */
    const char *dir;        /* its folder: relative paths resolve against it */
    int32_t reference_date; /* 0 = today (filled by the CLI) */
    const char *output_dir;
    const char *database;
    int top_n;
    int retention_days;
    int suppress_days;     /* an outcome keeps its address off the theme's list this long */
    double realert_margin; /* ...unless the score rose by more than this */
    const char *key_file;
    size_t max_field;            /* longest accepted input field, bytes */
    double max_quarantine_share; /* a source above it fails the run */
    int excel_csv;               /* CSVs start with a UTF-8 BOM and a "sep=;" line (Dutch Excel) */
    int min_group;               /* smallest peer group trusted before it collapses */
    int threads;                 /* 0: the cores available (pipeline resolves it) */
    struct source_cfg sources[SRC_COUNT];
    struct indicator_cfg ind[IND_COUNT];
    struct theme_cfg themes[THEME_COUNT];
    struct regmeta reg; /* [register]: the municipality's facts for the processing register */
    int n_problems;     /* problems reported while loading */
    struct arena mem;
};

/* Built-in defaults (no sources). */
void cfg_init(struct config *cfg);
void cfg_release(struct config *cfg);

/*
 * Load and validate path. Every problem is printed to `problems` (one line each:
 * "FILE:LINE: message"); returns 0 when there were none, ERR_CONFIG (with *e
 * naming the first problem) or ERR_PRIVACY when a protected attribute is mapped.
 */
MUST_CHECK int cfg_load(struct config *cfg, const char *path, FILE *problems, struct err *e);

/* Print the effective configuration in INI form (for `vik check`). */
void cfg_print(const struct config *cfg, FILE *out);

/* The [run] keys as a Markdown table (key, default, accepted, meaning): docs/config.md's. */
void cfg_run_keys_markdown(FILE *out);

/* 64-bit FNV-1a hash of the effective configuration text, as 16 hex digits; keys that
 * only say how to run ([run] threads) are left out: they do not change a night.
 * 0, or -1 when out of memory (the text is made in memory): out is then "" - a hash
 * of part of the text would name a config that never was. */
MUST_CHECK int cfg_hash(const struct config *cfg, char out[17]);

#endif
