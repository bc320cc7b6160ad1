/*
 * config.c - INI loading and validation; see config.h.
 *
 * The line number of each key is tracked by feeding inih through
 * ini_parse_stream() with a reader that counts lines, so every message can name
 * FILE:LINE without patching inih.
 */
#include "config/config.h"

#include "common/date.h"
#include "common/hmap.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct loader {
    struct config *cfg;
    FILE *problems;
    FILE *in;
    int line;
    struct err *e;
    int privacy;      /* a protected attribute was mapped */
    int continuation; /* the current line is an indented continuation of the last key */
    char *buf;        /* getline buffer */
    size_t buf_cap;
    struct hmap seen;      /* "section\nkey" already set: duplicates are errors */
    int seen_failed;       /* out of memory in seen: a key could not be checked */
    int read_errno;        /* why the file could not be read to its end (0: it was) */
    char bad_section[128]; /* last unknown section reported (once per section) */
    int section_line[SRC_COUNT];
    int suppress_line; /* of suppress_days, for the check against retention_days */
};

static void problem(struct loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct loader *ld, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ld->problems)
        fprintf(ld->problems, "%s:%d: %s\n", ld->cfg->path, ld->line, msg);
    if (ld->cfg->n_problems++ == 0)
        err_set(ld->e, ERR_CONFIG, "%s:%d: %s", ld->cfg->path, ld->line, msg);
}

static void run_defaults(struct config *cfg); /* the [run] table, below */

void cfg_init(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    arena_init(&cfg->mem);
    run_defaults(cfg); /* paths: NULL until cfg_load resolves them against the config */
    indicator_defaults(cfg->ind);
    for (int i = 0; i < IND_COUNT; i++)
        for (int t = 0; t < THEME_COUNT; t++)
            if (indicator_desc(i)->themes & (1u << t))
                cfg->themes[t].indicators |= 1u << i;
    for (int t = 0; t < THEME_COUNT; t++) {
        cfg->themes[t].min_score = catalogue_theme(t)->min_score;
        cfg->themes[t].min_sources = catalogue_theme(t)->min_sources;
        cfg->themes[t].alone_strength = catalogue_theme(t)->alone_strength;
    }
}

void cfg_release(struct config *cfg)
{
    arena_release(&cfg->mem);
}

/* ---- value conversion ---- */

static int to_double(const char *v, double *out)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d))
        return -1;
    *out = d;
    return 0;
}

static int to_int(const char *v, long min, long max, int *out)
{
    char *end;
    long l = strtol(v, &end, 10);
    if (end == v || *end || l < min || l > max)
        return -1;
    *out = (int)l;
    return 0;
}

static int to_bool(const char *v, int *out)
{
    if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1"))
        return *out = 1, 0;
    if (!strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0"))
        return *out = 0, 0;
    return -1;
}

/* Drop "name/.." pairs lexically ("config/../out" -> "out"), in place. */
static void collapse_dotdot(char *p)
{
    for (;;) {
        char *dd = strstr(p, "/../");
        if (!dd || dd == p)
            return;
        char *start = dd;
        while (start > p && start[-1] != '/')
            start--;
        if (dd - start == 2 && start[0] == '.' && start[1] == '.')
            return; /* "../.." cannot be collapsed lexically */
        memmove(start, dd + 4, strlen(dd + 4) + 1);
    }
}

/* Paths relative to the config's folder. */
static const char *resolve(struct config *cfg, const char *v)
{
    if (v[0] == '/' || !cfg->dir[0])
        return arena_strdup(&cfg->mem, v);
    size_t n = strlen(cfg->dir) + strlen(v) + 2;
    char *p = arena_alloc(&cfg->mem, n);
    if (p) {
        snprintf(p, n, "%s/%s", cfg->dir, v);
        collapse_dotdot(p);
    }
    return p;
}

/* ---- [run] ---- */

/*
 * The [run] keys, one table for loading, printing (vik check, the config hash) and
 * the key table of docs/config.md (cfg_run_keys_markdown, `make readme-table`).
 * Order is the printing order: changing it changes every config hash.
 */
enum run_kind { RUN_DATE, RUN_PATH, RUN_INT, RUN_SIZE, RUN_DOUBLE, RUN_BOOL };

struct run_key {
    const char *name;
    enum run_kind kind;
    size_t offset;            /* into struct config */
    double def;               /* default of a number or bool */
    double min, max;          /* accepted range of a number */
    const char *text_default; /* the default as the docs say it */
    const char *accepted;     /* the range as the docs say it */
    const char *meaning;
    int how_only; /* says how to run, not what to compute: left out of the config hash */
};

#define RUN_KEY(name, kind, field, def, min, max, text_default, accepted, meaning, how_only)       \
    {                                                                                              \
        name, kind, offsetof(struct config, field), def, min, max, text_default, accepted,         \
            meaning, how_only                                                                      \
    }
/* A key that decides what a night computes / one that only says how to run it. */
#define RK(...) RUN_KEY(__VA_ARGS__, 0)
#define RK_HOW(...) RUN_KEY(__VA_ARGS__, 1)

static const struct run_key RUN_KEYS[] = {
    RK("reference_date", RUN_DATE, reference_date, 0, 0, 0, "today", "`YYYY-MM-DD`",
       "the \"as of\" date for ages and time windows; dates after it are refused"),
    RK("output_dir", RUN_PATH, output_dir, 0, 0, 0, "`out`", "path",
       "where the lists, report and quarantine files go"),
    RK("database", RUN_PATH, database, 0, 0, 0, "`vik.db`", "path",
       "the SQLite history database ([README](../README.md#history-diff-and-outcomes))"),
    RK("top_n", RUN_INT, top_n, 50, 1, 1000000, "50", "1..1,000,000",
       "lines per theme list and watch list"),
    RK("retention_days", RUN_INT, retention_days, 365, 1, 100000, "365", "1..100,000",
       "how long the history database keeps runs, outcomes and audit records "
       "([privacy.md](privacy.md#retention-tijdsgebonden-bewaren))"),
    RK("key_file", RUN_PATH, key_file, 0, 0, 0, "`vik.key`", "path",
       "the 32-byte pseudonymisation key, created with mode 0600 when missing "
       "([privacy.md](privacy.md#pseudonymisation))"),
    RK("max_field_bytes", RUN_SIZE, max_field, 4096, 16, 1024 * 1024, "4096", "16..1,048,576",
       "longest input field read; a longer one quarantines its row"),
    RK("max_quarantine_share", RUN_DOUBLE, max_quarantine_share, 0.05, 0, 1, "0.05", "0..1",
       "a source with a larger quarantined share fails the run"),
    RK("excel_csv", RUN_BOOL, excel_csv, 0, 0, 1, "false", "true/false",
       "CSVs start with a UTF-8 byte order mark and a `sep=;` line for Dutch Excel "
       "([README](../README.md#commands))"),
    RK("suppress_days", RUN_INT, suppress_days, 90, 0, 100000, "90",
       "0..100,000, at most `retention_days`",
       "how long an outcome keeps its address off a theme's list; 0 = never"),
    RK("realert_margin", RUN_DOUBLE, realert_margin, 0.25, 0, 1000, "0.25", "0..1000",
       "score rise that lists a suppressed address again (a quarter of one full-strength "
       "indicator of weight 1)"),
    RK("min_group", RUN_INT, min_group, 30, 5, 1000000, "30", "5..1,000,000",
       "smallest peer group used as it is ([statistics.md](statistics.md#peer-groups))"),
    RK_HOW("threads", RUN_INT, threads, 0, 0, 64, "0 (the cores available)", "0..64",
           "threads that read and score at once; the lists do not depend on it (not part "
           "of the config hash)"),
};
#undef RK
#undef RK_HOW
#undef RUN_KEY

enum { N_RUN_KEYS = sizeof RUN_KEYS / sizeof RUN_KEYS[0] };

static void *run_field(struct config *cfg, const struct run_key *k)
{
    return (char *)cfg + k->offset;
}

static const void *run_field_c(const struct config *cfg, const struct run_key *k)
{
    return (const char *)cfg + k->offset;
}

/* The numbers' and bools' defaults (paths wait for resolve_defaults, the date for the CLI). */
static void run_defaults(struct config *cfg)
{
    for (size_t i = 0; i < N_RUN_KEYS; i++) {
        const struct run_key *k = &RUN_KEYS[i];
        void *f = run_field(cfg, k);
        if (k->kind == RUN_INT || k->kind == RUN_BOOL)
            *(int *)f = (int)k->def;
        else if (k->kind == RUN_SIZE)
            *(size_t *)f = (size_t)k->def;
        else if (k->kind == RUN_DOUBLE)
            *(double *)f = k->def;
    }
}

/* Parse v into k's field; 0, or -1 (out of range or not of the kind). */
static int run_parse(struct config *cfg, const struct run_key *k, const char *v)
{
    void *f = run_field(cfg, k);
    int n;
    double d;
    switch (k->kind) {
    case RUN_DATE:
        return date_parse_iso(v, (int32_t *)f);
    case RUN_PATH:
        *(const char **)f = resolve(cfg, v);
        return 0;
    case RUN_INT:
        return to_int(v, (int)k->min, (int)k->max, (int *)f);
    case RUN_SIZE:
        if (to_int(v, (int)k->min, (int)k->max, &n))
            return -1;
        *(size_t *)f = (size_t)n;
        return 0;
    case RUN_DOUBLE:
        if (to_double(v, &d) || d < k->min || d > k->max)
            return -1;
        *(double *)f = d;
        return 0;
    case RUN_BOOL:
        return to_bool(v, (int *)f);
    }
    return -1;
}

static void set_run(struct loader *ld, const char *key, const char *v)
{
    for (size_t i = 0; i < N_RUN_KEYS; i++) {
        const struct run_key *k = &RUN_KEYS[i];
        if (strcmp(key, k->name))
            continue;
        if (!strcmp(key, "suppress_days"))
            ld->suppress_line = ld->line; /* checked against retention_days at the end */
        static const char *const WHAT[] = {
            [RUN_DATE] = "a date YYYY-MM-DD", [RUN_PATH] = "a path",
            [RUN_INT] = "a whole number",     [RUN_SIZE] = "a whole number",
            [RUN_DOUBLE] = "a number",        [RUN_BOOL] = "true or false"};
        if (run_parse(ld->cfg, k, v))
            problem(ld, "%s '%s' must be %s%s%s", key, v, WHAT[k->kind],
                    k->kind == RUN_DATE || k->kind == RUN_BOOL ? "" : " ",
                    k->kind == RUN_DATE || k->kind == RUN_BOOL ? "" : k->accepted);
        return;
    }
    problem(ld, "unknown key '%s' in [run]", key);
}

/* The [run] keys; for the hash only those that decide what a night computes. */
static void print_run(const struct config *cfg, FILE *out, int for_hash)
{
    fputs("[run]\n", out);
    for (size_t i = 0; i < N_RUN_KEYS; i++) {
        const struct run_key *k = &RUN_KEYS[i];
        if (for_hash && k->how_only)
            continue;
        const void *f = run_field_c(cfg, k);
        char day[DATE_TEXT];
        fprintf(out, "%s = ", k->name);
        switch (k->kind) {
        case RUN_DATE:
            fputs(date_text(*(const int32_t *)f, day), out);
            break;
        case RUN_PATH:
            fputs(*(const char *const *)f ? *(const char *const *)f : "", out);
            break;
        case RUN_INT:
            fprintf(out, "%d", *(const int *)f);
            break;
        case RUN_SIZE:
            fprintf(out, "%zu", *(const size_t *)f);
            break;
        case RUN_DOUBLE:
            fprintf(out, "%g", *(const double *)f);
            break;
        case RUN_BOOL:
            fputs(*(const int *)f ? "true" : "false", out);
            break;
        }
        fputc('\n', out);
    }
}

void cfg_run_keys_markdown(FILE *out)
{
    fputs("| key | default | accepted | meaning |\n|---|---|---|---|\n", out);
    for (size_t i = 0; i < N_RUN_KEYS; i++)
        fprintf(out, "| `%s` | %s | %s | %s |\n", RUN_KEYS[i].name, RUN_KEYS[i].text_default,
                RUN_KEYS[i].accepted, RUN_KEYS[i].meaning);
}

/* ---- [source.NAME] ---- */

static int parse_delimiter(const char *v, char *out)
{
    static const struct {
        const char *word;
        char c;
    } words[] = {{";", ';'},    {"semicolon", ';'}, {",", ','},    {"comma", ','}, {"tab", '\t'},
                 {"\\t", '\t'}, {"|", '|'},         {"pipe", '|'}, {"auto", 0}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcasecmp(v, words[i].word))
            return *out = words[i].c, 0;
    return -1;
}

static void set_map(struct loader *ld, struct source_cfg *sc, int src, const char *field,
                    const char *v)
{
    const char *why = schema_protected(field);
    if (!why)
        why = schema_protected(v);
    if (why) {
        ld->privacy = 1;
        problem(ld, "refusing to map '%s' = '%s': %s", field, v, why);
        return;
    }
    int f = schema_field_by_name(field);
    if (f < 0 || schema_source(src)->use[f] == FIELD_UNUSED) {
        problem(ld, "'%s' is not a field of source '%s'", field, schema_source(src)->name);
        return;
    }
    for (int g = 0; g < F_COUNT; g++)
        if (g != f && sc->map[g] && !strcasecmp(sc->map[g], v)) {
            problem(ld, "column '%s' is already mapped to '%s' (line %d): one column, one field", v,
                    schema_field(g)->name, sc->map_line[g]);
            return;
        }
    sc->map[f] = arena_strdup(&ld->cfg->mem, v);
    sc->map_line[f] = ld->line;
}

static void set_source(struct loader *ld, int src, const char *key, const char *v)
{
    struct source_cfg *sc = &ld->cfg->sources[src];
    sc->present = 1;
    if (!strncmp(key, "map.", 4)) {
        set_map(ld, sc, src, key + 4, v);
    } else if (!strcmp(key, "path")) {
        sc->path = resolve(ld->cfg, v);
    } else if (!strcmp(key, "delimiter")) {
        if (parse_delimiter(v, &sc->delimiter))
            problem(ld, "delimiter '%s' must be ';' ',' tab or auto (write \";\" in quotes)", v);
    } else if (!strcmp(key, "encoding")) {
        if (!strcasecmp(v, "utf-8") || !strcasecmp(v, "utf8"))
            sc->encoding = ENC_UTF8;
        else if (!strcasecmp(v, "cp1252") || !strcasecmp(v, "windows-1252"))
            sc->encoding = ENC_CP1252;
        else if (!strcasecmp(v, "auto"))
            sc->encoding = ENC_AUTO;
        else
            problem(ld, "encoding '%s' must be utf-8, cp1252 or auto", v);
    } else if (!strcmp(key, "decimal")) {
        if (strcmp(v, ".") && strcmp(v, ","))
            problem(ld, "decimal '%s' must be . or ,", v);
        else
            sc->decimal = v[0];
    } else if (!strcmp(key, "date_format")) {
        if (!strcmp(v, "YYYYMMDD"))
            sc->date_format = DATE_YYYYMMDD;
        else if (!strcmp(v, "YYYY-MM-DD"))
            sc->date_format = DATE_ISO;
        else if (!strcmp(v, "DD-MM-YYYY"))
            sc->date_format = DATE_DMY;
        else
            problem(ld, "date_format '%s' must be YYYYMMDD, YYYY-MM-DD or DD-MM-YYYY", v);
    } else if (!strcmp(key, "optional")) {
        if (to_bool(v, &sc->optional))
            problem(ld, "optional '%s' must be true or false", v);
    } else {
        problem(ld, "unknown key '%s' in [source.%s]", key, schema_source(src)->name);
    }
}

/* ---- [indicator.NAME] and [theme.NAME] ---- */

/* A list value continued on indented lines is appended, comma-separated. */
static const char *append_list(struct loader *ld, const char *old, const char *v)
{
    if (!ld->continuation || !old)
        return arena_strdup(&ld->cfg->mem, v);
    size_t n = strlen(old) + strlen(v) + 2;
    char *p = arena_alloc(&ld->cfg->mem, n);
    if (p)
        snprintf(p, n, "%s,%s", old, v);
    return p;
}

/*
 * A text setting: appended (continued lines), then checked by the indicator's own
 * hook - the one `vik run` runs again when it compiles the setting for the join.
 */
static void set_list(struct loader *ld, int id, int l, const char *v)
{
    struct indicator_cfg *ic = &ld->cfg->ind[id];
    const struct list_def *ld_def = &indicator_desc(id)->lists[l];
    ic->lists[l] = append_list(ld, ld->continuation ? ic->lists[l] : NULL, v);
    char why[200];
    const char *bad = ld_def->validate ? ld_def->validate(ic->lists[l], why, sizeof why) : NULL;
    if (bad)
        problem(ld, "%s: %s", ld_def->name, bad);
}

static void set_indicator(struct loader *ld, int id, const char *key, const char *v)
{
    struct indicator_cfg *ic = &ld->cfg->ind[id];
    const struct ind_desc *desc = indicator_desc(id);
    int p, l;
    double d;
    if (!strcmp(key, "enabled")) {
        if (to_bool(v, &ic->enabled))
            problem(ld, "enabled '%s' must be true or false", v);
    } else if (!strcmp(key, "alone")) {
        if (to_bool(v, &ic->alone))
            problem(ld, "alone '%s' must be true or false", v);
    } else if ((l = indicator_list(id, key)) >= 0) {
        set_list(ld, id, l, v);
    } else if (strcmp(key, "weight") && strcmp(key, "threshold") && indicator_param(id, key) < 0) {
        problem(ld, "unknown key '%s' in [indicator.%s]", key, desc->name);
    } else if (to_double(v, &d)) {
        problem(ld, "'%s' = '%s' is not a number", key, v);
    } else if (!strcmp(key, "weight")) {
        if (d < 0 || d > 100)
            problem(ld, "weight '%s' must be 0..100", v);
        ic->weight = d;
    } else if (!strcmp(key, "threshold")) {
        if (d < 1 || d > 1e9)
            problem(ld, "threshold '%s' must be a rarity 1..1000000000 (fires at 1 in N)", v);
        ic->threshold = d;
    } else if ((p = indicator_param(id, key)) >= 0) {
        const struct param_def *pd = &desc->params[p];
        if (d < pd->min || d > pd->max)
            problem(ld, "%s = %g is outside %g..%g", key, d, pd->min, pd->max);
        else
            ic->params[p] = d;
    }
}

static void set_theme_indicators(struct loader *ld, struct theme_cfg *tc, const char *v)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", v);
    if (!ld->continuation)
        tc->indicators = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        int id = indicator_by_name(tok);
        if (id < 0)
            problem(ld, "unknown indicator '%s' in indicators", tok);
        else
            tc->indicators |= 1u << id;
    }
}

static void set_theme(struct loader *ld, int id, const char *key, const char *v)
{
    struct theme_cfg *tc = &ld->cfg->themes[id];
    if (!strcmp(key, "indicators")) {
        set_theme_indicators(ld, tc, v);
    } else if (!strcmp(key, "min_score")) {
        if (to_double(v, &tc->min_score))
            problem(ld, "min_score '%s' is not a number", v);
    } else if (!strcmp(key, "min_sources")) {
        if (to_int(v, 1, SRC_COUNT, &tc->min_sources))
            problem(ld, "min_sources '%s' must be 1..%d", v, SRC_COUNT);
    } else if (!strcmp(key, "alone_strength")) {
        double d;
        if (to_double(v, &d) || d < 0 || d > 1.000001)
            problem(ld, "alone_strength '%s' must be 0..1 (above 1: no single signal lists)", v);
        else
            tc->alone_strength = d;
    } else {
        problem(ld, "unknown key '%s' in [theme.%s]", key, catalogue_theme(id)->name);
    }
}

/*
 * [register]: what only the municipality can say (model/regmeta.h). A long text
 * continues on indented lines (joined with a space; link lines stay lines).
 */
static void set_register(struct loader *ld, const char *key, const char *v)
{
    int k = regmeta_by_key(key);
    if (k < 0) {
        problem(ld, "unknown key '%s' in [register]", key);
        return;
    }
    const char **slot = &ld->cfg->reg.value[k];
    const char *text = v;
    if (ld->continuation && *slot) {
        size_t n = strlen(*slot) + strlen(v) + 2;
        char *p = arena_alloc(&ld->cfg->mem, n);
        if (!p)
            return;
        snprintf(p, n, "%s%c%s", *slot, regmeta_def(k)->kind == RMK_LINKS ? '\n' : ' ', v);
        text = p;
    }
    char why[200];
    const char *canonical;
    const char *bad = regmeta_check(k, text, &canonical, why, sizeof why);
    if (bad)
        problem(ld, "%s %s", key, bad);
    else
        *slot = canonical == text ? arena_strdup(&ld->cfg->mem, text) : canonical;
}

/* Values may be written in double quotes (needed for ';', inih's comment mark). */
static const char *unquote(char *buf, size_t size, const char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
        snprintf(buf, size, "%.*s", (int)(n - 2), v + 1);
        return buf;
    }
    return v;
}

/* A key set twice is an error (a later line must not silently win). */
static int duplicate(struct loader *ld, const char *section, const char *key)
{
    char k[512];
    int n = snprintf(k, sizeof k, "%s\n%s", section, key);
    int inserted = 0;
    if (n < 0 || (size_t)n >= sizeof k || ld->continuation)
        return 0;
    if (!hmap_put(&ld->seen, k, (size_t)n, (uint32_t)ld->line, &inserted)) {
        ld->seen_failed = 1; /* cfg_load reports it: the key is not a duplicate */
        return 1;
    }
    if (!inserted)
        problem(ld, "duplicate key '%s' in [%s]", key, section);
    return !inserted;
}

static int known_section(struct loader *ld, const char *section)
{
    if (!strcmp(section, "run") || !strcmp(section, "register") ||
        (!strncmp(section, "source.", 7) && schema_source_by_name(section + 7) >= 0) ||
        (!strncmp(section, "indicator.", 10) && indicator_by_name(section + 10) >= 0) ||
        (!strncmp(section, "theme.", 6) && catalogue_theme_by_name(section + 6) >= 0))
        return 1;
    if (strcmp(ld->bad_section, section) != 0) {
        snprintf(ld->bad_section, sizeof ld->bad_section, "%s", section);
        problem(ld, "unknown section [%s]", section);
    }
    return 0;
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
    struct loader *ld = user;
    char vbuf[1024];
    const char *v = unquote(vbuf, sizeof vbuf, value);
    int id;
    if (!known_section(ld, section) || duplicate(ld, section, key))
        return 1;
    if (!strcmp(section, "run"))
        set_run(ld, key, v);
    else if (!strncmp(section, "source.", 7) && (id = schema_source_by_name(section + 7)) >= 0) {
        if (!ld->section_line[id])
            ld->section_line[id] = ld->line;
        set_source(ld, id, key, v);
    } else if (!strncmp(section, "indicator.", 10) && (id = indicator_by_name(section + 10)) >= 0)
        set_indicator(ld, id, key, v);
    else if (!strncmp(section, "theme.", 6) && (id = catalogue_theme_by_name(section + 6)) >= 0)
        set_theme(ld, id, key, v);
    else if (!strcmp(section, "register"))
        set_register(ld, key, v);
    return 1;
}

/* Is the line blank, a comment, a [section] or a key = value? */
static int line_is_valid(const char *l)
{
    while (*l == ' ' || *l == '\t')
        l++;
    if (!*l || *l == '\n' || *l == '\r' || *l == ';' || *l == '#')
        return 1;
    if (*l == '[')
        return strchr(l, ']') != NULL;
    const char *eq = strpbrk(l, "=:");
    return eq && eq != l;
}

/*
 * inih reads through this function: it counts lines for messages, reports every
 * syntax error itself (inih only returns the first), and keeps inih's 200-byte
 * line buffer from splitting a long line (comments are skipped; a long value must
 * be continued on indented lines).
 */
/*
 * `delimiter = ;` is how every Dutch export is described, but inih reads " ;" as
 * the start of a comment and would hand over an empty value. A value whose first
 * character is ';' is therefore passed on quoted (`delimiter = ";"`), as a user
 * may also write it; a comment after it (`delimiter = ; # semicolon`) stays one.
 * 1 when the line was rewritten into str.
 */
static int bare_semicolon(char *str, int num, const char *line)
{
    const char *eq = strchr(line, '=');
    if (!eq || line[0] == '[')
        return 0;
    const char *v = eq + 1 + strspn(eq + 1, " \t");
    if (*v != ';')
        return 0;
    size_t tok = strcspn(v, " \t\r\n");
    int n =
        snprintf(str, (size_t)num, "%.*s\"%.*s\"%s", (int)(v - line), line, (int)tok, v, v + tok);
    return n > 0 && n < num;
}

static char *read_line(char *str, int num, void *stream)
{
    struct loader *ld = stream;
    errno = 0;
    ssize_t n = getline(&ld->buf, &ld->buf_cap, ld->in);
    if (n < 0) { /* the end, or a failure inih would take for the end */
        if (ferror(ld->in) || errno == ENOMEM)
            ld->read_errno = errno ? errno : EIO;
        return NULL;
    }
    ld->line++;
    const char *l = ld->buf;
    ld->continuation = (*l == ' ' || *l == '\t') && strspn(l, " \t\r\n") != (size_t)n;
    while (*l == ' ' || *l == '\t')
        l++;
    int comment = *l == ';' || *l == '#';
    if (!comment && !ld->continuation && !line_is_valid(ld->buf)) {
        problem(ld, "syntax error (expected [section] or key = value)");
        l = "";
    } else if (n >= num && !comment) {
        problem(ld, "line longer than %d characters: continue a long list on indented lines",
                num - 2);
        l = "";
    } else if (comment) {
        l = "";
    } else {
        l = ld->buf;
    }
    if (!bare_semicolon(str, num, l))
        snprintf(str, (size_t)num, "%s", l[0] ? l : "\n");
    return str;
}

/* Checks that need the whole file: required mappings, paths. */
static void validate_sources(struct loader *ld)
{
    for (int s = 0; s < SRC_COUNT; s++) {
        struct source_cfg *sc = &ld->cfg->sources[s];
        const struct source_def *sd = schema_source(s);
        if (!sc->present)
            continue;
        ld->line = ld->section_line[s];
        if (!sc->path)
            problem(ld, "[source.%s] has no path", sd->name);
        for (int f = 0; f < F_COUNT; f++) {
            if (sd->use[f] == FIELD_REQUIRED && !sc->map[f])
                problem(ld, "[source.%s] does not map required field '%s'", sd->name,
                        schema_field(f)->name);
        }
    }
}

static void source_defaults(struct config *cfg)
{
    for (int s = 0; s < SRC_COUNT; s++) {
        cfg->sources[s].delimiter = 0;
        cfg->sources[s].encoding = ENC_AUTO;
        cfg->sources[s].decimal = '.';
        cfg->sources[s].date_format = DATE_ISO;
    }
}

/*
 * Suppression looks back at outcomes and at the score an address had before its
 * outcome; retention deletes both after retention_days. A longer suppression would
 * end early (outcome gone) or never re-alert (earlier score gone).
 */
static void check_retention(struct loader *ld)
{
    const struct config *cfg = ld->cfg;
    if (cfg->suppress_days <= cfg->retention_days)
        return;
    ld->line = ld->suppress_line;
    problem(ld,
            "suppress_days %d is longer than retention_days %d: retention would delete the "
            "outcomes and earlier scores suppression needs",
            cfg->suppress_days, cfg->retention_days);
    ld->line = 0;
}

/* Built-in paths are relative to the config's folder too, like written ones. */
static void resolve_defaults(struct config *cfg)
{
    if (!cfg->output_dir)
        cfg->output_dir = resolve(cfg, "out");
    if (!cfg->database)
        cfg->database = resolve(cfg, "vik.db");
    if (!cfg->key_file)
        cfg->key_file = resolve(cfg, "vik.key");
}

static const char *dir_of(struct config *cfg, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return "";
    return arena_strndup(&cfg->mem, path, (size_t)(slash - path));
}

int cfg_load(struct config *cfg, const char *path, FILE *problems, struct err *e)
{
    struct loader ld;
    memset(&ld, 0, sizeof ld);
    ld.cfg = cfg, ld.problems = problems, ld.e = e;
    cfg->path = arena_strdup(&cfg->mem, path);
    cfg->dir = cfg->path ? dir_of(cfg, path) : NULL;
    if (!cfg->dir)
        return err_set(e, ERR_NOMEM, "out of memory reading config '%s'", path);
    source_defaults(cfg);
    ld.in = fopen(path, "r");
    if (!ld.in)
        return err_set(e, ERR_CONFIG, "cannot open config '%s'", path);
    hmap_init(&ld.seen);
    int rc = ini_parse_stream(read_line, &ld, on_key, &ld);
    fclose(ld.in);
    free(ld.buf);
    hmap_release(&ld.seen);
    /* a config read in part is not the config: nothing of it counts */
    if (ld.read_errno == ENOMEM)
        return err_set(e, ERR_NOMEM, "out of memory reading config '%s'", path);
    if (ld.read_errno)
        return err_set(e, ERR_IO, "cannot read config '%s' to its end: %s", path,
                       strerror(ld.read_errno));
    if (rc != 0 && cfg->n_problems == 0) {
        ld.line = rc;
        problem(&ld, "syntax error (expected [section] or key = value)");
    }
    ld.line = 0;
    resolve_defaults(cfg);
    /* a value the arena could not keep is missing, not wrong: say so, not what the
     * checks below would make of its absence */
    if (ld.seen_failed || cfg->mem.failed)
        return err_set(e, ERR_NOMEM, "out of memory reading config '%s'", path);
    validate_sources(&ld);
    check_retention(&ld);
    if (ld.privacy)
        e->code = ERR_PRIVACY;
    return cfg->n_problems ? e->code : 0;
}

static void print_sources(const struct config *cfg, FILE *out)
{
    static const char *const enc[] = {"utf-8", "cp1252", "auto"};
    static const char *const datef[] = {"YYYYMMDD", "YYYY-MM-DD", "DD-MM-YYYY"};
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct source_cfg *sc = &cfg->sources[s];
        if (!sc->present)
            continue;
        char d = sc->delimiter;
        fprintf(out, "\n[source.%s]\npath = %s\ndelimiter = %s\nencoding = %s\n",
                schema_source(s)->name, sc->path ? sc->path : "",
                d == 0      ? "auto"
                : d == '\t' ? "tab"
                : d == ';'  ? "\";\""
                : d == ','  ? ","
                            : "|",
                enc[sc->encoding]);
        fprintf(out, "decimal = %c\ndate_format = %s\noptional = %s\n", sc->decimal,
                datef[sc->date_format], sc->optional ? "true" : "false");
        for (int f = 0; f < F_COUNT; f++)
            if (sc->map[f])
                fprintf(out, "map.%s = %s\n", schema_field(f)->name, sc->map[f]);
    }
}

static void print_indicators(const struct config *cfg, FILE *out)
{
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        const struct indicator_cfg *ic = &cfg->ind[i];
        fprintf(out,
                "\n[indicator.%s]\n; %s %s\nenabled = %s\nalone = %s\nweight = %g\n"
                "threshold = %g\n",
                d->name, d->code, d->summary, ic->enabled ? "true" : "false",
                ic->alone ? "true" : "false", ic->weight, ic->threshold);
        for (int p = 0; p < IND_MAX_PARAMS && d->params[p].name; p++)
            fprintf(out, "%s = %g\n", d->params[p].name, ic->params[p]);
        for (int l = 0; l < IND_MAX_LISTS && d->lists[l].name; l++)
            fprintf(out, "%s = %s\n", d->lists[l].name, ic->lists[l] ? ic->lists[l] : "");
    }
}

static void print_themes(const struct config *cfg, FILE *out)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        fprintf(out, "\n[theme.%s]\nindicators =", catalogue_theme(t)->name);
        const char *sep = " ";
        for (int i = 0; i < IND_COUNT; i++)
            if (cfg->themes[t].indicators & (1u << i)) {
                fprintf(out, "%s%s", sep, indicator_desc(i)->name);
                sep = ", ";
            }
        fprintf(out, "\nmin_score = %g\nmin_sources = %d\nalone_strength = %g\n",
                cfg->themes[t].min_score, cfg->themes[t].min_sources,
                cfg->themes[t].alone_strength);
    }
}

/*
 * The next line of a [register] value: up to '\n' (link lines), and a long text
 * broken at a single space near 96 characters, since the loader joins continued
 * lines with one space - so the printed config loads back to the same value.
 */
static size_t register_line(const char *v)
{
    size_t n = strcspn(v, "\n"), cut = 0;
    for (size_t i = 1; i + 1 < n && (cut == 0 || i <= 96); i++)
        if (v[i] == ' ' && v[i - 1] != ' ' && v[i + 1] != ' ')
            cut = i;
    return n > 96 && cut ? cut : n;
}

/* [register] only when the config has one, so configs without it keep their hash. */
static void print_register(const struct config *cfg, FILE *out)
{
    const char *sep = "\n[register]\n";
    for (int k = 0; k < RM_COUNT; k++) {
        const char *v = cfg->reg.value[k];
        if (!v)
            continue;
        fprintf(out, "%s%s =", sep, regmeta_def(k)->key);
        sep = "";
        for (const char *line = v; *line;) { /* the rest continues on indented lines */
            size_t n = register_line(line);
            fprintf(out, "%s%.*s\n", line == v ? " " : "    ", (int)n, line);
            line += n + (line[n] == '\n' || line[n] == ' ');
        }
    }
}

static void print_all(const struct config *cfg, FILE *out, int for_hash)
{
    print_run(cfg, out, for_hash);
    print_sources(cfg, out);
    print_indicators(cfg, out);
    print_themes(cfg, out);
    print_register(cfg, out);
}

void cfg_print(const struct config *cfg, FILE *out)
{
    print_all(cfg, out, 0);
}

int cfg_hash(const struct config *cfg, char out[17])
{
    char *text = NULL;
    size_t len = 0;
    uint64_t h = 14695981039346656037ull;
    FILE *f = open_memstream(&text, &len);
    out[0] = '\0';
    if (!f)
        return -1;
    print_all(cfg, f, 1);
    int failed = ferror(f) != 0;
    failed |= fclose(f) != 0;
    for (size_t i = 0; !failed && i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
    free(text);
    if (failed)
        return -1;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return 0;
}
