/*
 * test_config.c - pins what the analyst sees when vik reads its INI file
 * (config/config.c): the documented built-in defaults when only [run] is given,
 * [indicator.X] overriding key by key, every problem reported as "PATH:LINE: ..."
 * with the right line and all of them at once (count in cfg->n_problems),
 * ERR_PRIVACY with a reason for any mapping of a protected attribute (by field
 * name or by export header), required mappings, delimiter words, paths resolved
 * against the config's folder, [theme.X] indicator lists, and a config hash that
 * changes with the effective settings and only with them.
 *
 * Why: docs/config.md promises that a typo never falls back to a default silently and
 * that protected attributes cannot be mapped at all; the hash is what the run
 * summary and the history database use to tell two nights' settings apart.
 * Fixtures are written at test time into a mkdtemp directory and removed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/fixture.h"

#include "config/config.h"
#include "model/catalogue.h"
#include "model/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------ temporary fixtures */

FIXTURE_GROUP("config")

/* Write text to name (relative to the temporary directory); returns the full path. */
static const char *write_file(const char *name, const char *text)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* One load: the config, the problems text, the error and the return code. */
struct loaded {
    struct config cfg;
    struct err e;
    char *problems;
    size_t problems_len;
    int rc;
    const char *path;
};

static void load_path(struct loaded *l, const char *path)
{
    memset(l, 0, sizeof *l);
    cfg_init(&l->cfg);
    FILE *p = open_memstream(&l->problems, &l->problems_len);
    assert_non_null(p);
    l->path = path;
    l->rc = cfg_load(&l->cfg, path, p, &l->e);
    assert_int_equal(fclose(p), 0);
}

static void load_text(struct loaded *l, const char *name, const char *text)
{
    load_path(l, write_file(name, text));
}

static void unload(struct loaded *l)
{
    cfg_release(&l->cfg);
    free(l->problems);
    l->problems = NULL;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* A complete, valid [source.brp] section (10 lines: 3-12 after RUN_SECTION), for tests that need
 * one. */
#define BRP_SECTION                                                                                \
    "[source.brp]\n"                                                                               \
    "path = brp.csv\n"                                                                             \
    "delimiter = \";\"\n"                                                                          \
    "encoding = cp1252\n"                                                                          \
    "date_format = YYYYMMDD\n"                                                                     \
    "map.person_id = 01.01.20 burgerservicenummer\n"                                               \
    "map.birth_date = 01.03.10 geboortedatum\n"                                                    \
    "map.registered_since = 08.10.30 datum aanvang adreshouding\n"                                 \
    "map.postcode = 08.11.60 postcode\n"                                                           \
    "map.house_number = 08.11.20 huisnummer\n"

/* The BRP section without dialect keys, for rows that set one of them (a key given
 * twice is itself an error). */
#define BRP_MAPS                                                                                   \
    "[source.brp]\n"                                                                               \
    "path = brp.csv\n"                                                                             \
    "map.person_id = 01.01.20 burgerservicenummer\n"                                               \
    "map.birth_date = 01.03.10 geboortedatum\n"                                                    \
    "map.registered_since = 08.10.30 datum aanvang adreshouding\n"                                 \
    "map.postcode = 08.11.60 postcode\n"                                                           \
    "map.house_number = 08.11.20 huisnummer\n"

#define RUN_SECTION "[run]\nreference_date = 2026-11-01\n"

/* ------------------------------------------------------------------ defaults */

static void check_catalogue_defaults(const struct config *cfg)
{
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        const struct indicator_cfg *ic = &cfg->ind[i];
        if (!ic->enabled || ic->weight != d->weight || ic->threshold != d->threshold ||
            ic->alone != d->alone)
            fail_msg("indicator %s: enabled %d weight %g threshold %g alone %d, want 1 %g %g %d",
                     d->name, ic->enabled, ic->weight, ic->threshold, ic->alone, d->weight,
                     d->threshold, d->alone);
        for (int l = 0; l < IND_MAX_LISTS && d->lists[l].name; l++)
            if (strcmp(ic->lists[l], d->lists[l].def) != 0)
                fail_msg("indicator %s list %s changed", d->name, d->lists[l].name);
        for (int p = 0; p < IND_MAX_PARAMS && d->params[p].name; p++)
            if (ic->params[p] != d->params[p].def)
                fail_msg("indicator %s param %s = %g, want %g", d->name, d->params[p].name,
                         ic->params[p], d->params[p].def);
        for (int t = 0; t < THEME_COUNT; t++) {
            int member = (cfg->themes[t].indicators >> i) & 1u;
            int want = (d->themes >> t) & 1u;
            if (member != want)
                fail_msg("indicator %s in theme %s: %d, want %d", d->name, catalogue_theme(t)->name,
                         member, want);
        }
    }
    for (int t = 0; t < THEME_COUNT; t++) {
        assert_true(cfg->themes[t].min_score == catalogue_theme(t)->min_score);
        assert_int_equal(cfg->themes[t].min_sources, catalogue_theme(t)->min_sources);
        assert_true(cfg->themes[t].alone_strength == catalogue_theme(t)->alone_strength);
    }
}

static void test_init_defaults(void **state)
{
    (void)state;
    struct config cfg;
    cfg_init(&cfg);
    check_catalogue_defaults(&cfg);
    assert_int_equal(cfg.reference_date, 0);
    assert_int_equal(cfg.top_n, 50);
    assert_int_equal(cfg.n_problems, 0);
    for (int s = 0; s < SRC_COUNT; s++)
        assert_false(cfg.sources[s].present);
    assert_int_equal(cfg.min_group, 30);
    int sbi = indicator_list(IND_RISK_SECTOR, "sbi_prefixes");
    assert_true(sbi >= 0);
    assert_non_null(strstr(cfg.ind[IND_RISK_SECTOR].lists[sbi], "96021"));
    for (int t = 0; t < THEME_COUNT; t++)
        assert_int_equal(indicator_list(IND_CITIZEN_SIGNAL, catalogue_theme(t)->name), t);
    cfg_release(&cfg);
}

/* S1's categories per theme: a theme name as key replaces that theme's list. */
static void test_signal_categories(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "s1.ini",
              RUN_SECTION "[indicator.citizen_signal]\nhennep = wietlucht, stroomdiefstal\n"
                          "half_life = 3\n");
    assert_int_equal(l.rc, 0);
    const struct indicator_cfg *c = &l.cfg.ind[IND_CITIZEN_SIGNAL];
    const struct ind_desc *s1 = indicator_desc(IND_CITIZEN_SIGNAL);
    assert_string_equal(c->lists[THEME_HENNEP], "wietlucht, stroomdiefstal");
    assert_string_equal(c->lists[THEME_OVERBEWONING], s1->lists[THEME_OVERBEWONING].def);
    assert_true(c->params[indicator_param(IND_CITIZEN_SIGNAL, "half_life")] == 3);
    unload(&l);
}

static void test_only_run_gives_documented_defaults(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "only-run.ini", RUN_SECTION "top_n = 20\n");
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.cfg.n_problems, 0);
    assert_int_equal(l.problems_len, 0);
    assert_int_equal(l.cfg.reference_date, 20261101);
    assert_int_equal(l.cfg.top_n, 20);
    check_catalogue_defaults(&l.cfg);
    /* The README table, spelled out for the ones a coordinator asks about. */
    const struct indicator_cfg *e1 = &l.cfg.ind[IND_ENERGY_HIGH];
    assert_true(e1->weight == 1.0);
    assert_true(e1->threshold == 20);
    assert_true(e1->alone);
    assert_true(e1->params[indicator_param(IND_ENERGY_HIGH, "full_excess_kwh")] == 7000);
    assert_int_equal(l.cfg.min_group, 30);
    assert_true(l.cfg.ind[IND_OVERCROWDING].params[indicator_param(IND_OVERCROWDING, "norm_m2")] ==
                12);
    assert_true(l.cfg.ind[IND_RISK_SECTOR].weight == 0.5);
    assert_false(l.cfg.ind[IND_RISK_SECTOR].alone);
    assert_false(l.cfg.ind[IND_CITIZEN_SIGNAL].alone);
    assert_true(l.cfg.themes[THEME_HENNEP].min_score == 1.2);
    assert_true(l.cfg.themes[THEME_HENNEP].alone_strength == 0.8);
    assert_true(l.cfg.themes[THEME_WITWASSEN].min_score == 1.25);
    assert_true(l.cfg.themes[THEME_WITWASSEN].alone_strength == 0.9);
    assert_true(l.cfg.themes[THEME_HENNEP].indicators & (1u << IND_ENERGY_HIGH));
    assert_false(l.cfg.themes[THEME_WITWASSEN].indicators & (1u << IND_ENERGY_HIGH));
    for (int s = 0; s < SRC_COUNT; s++)
        assert_false(l.cfg.sources[s].present);
    unload(&l);
}

static void test_indicator_override_key_by_key(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "override.ini",
              RUN_SECTION "[indicator.energy_high]\n"
                          "weight = 5\n"
                          "full_excess_kwh = 9000\n"
                          "[indicator.overcrowding]\n"
                          "enabled = false\n"
                          "alone = false\n"
                          "threshold = 10\n");
    assert_int_equal(l.rc, 0);
    const struct indicator_cfg *e1 = &l.cfg.ind[IND_ENERGY_HIGH];
    assert_true(e1->weight == 5);
    assert_true(e1->threshold == 20); /* not given: default */
    assert_true(e1->params[indicator_param(IND_ENERGY_HIGH, "full_excess_kwh")] == 9000);
    assert_true(e1->params[indicator_param(IND_ENERGY_HIGH, "method")] ==
                indicator_desc(IND_ENERGY_HIGH)
                    ->params[indicator_param(IND_ENERGY_HIGH, "method")]
                    .def); /* untouched */
    assert_true(e1->enabled);
    assert_true(e1->alone);
    const struct indicator_cfg *b1 = &l.cfg.ind[IND_OVERCROWDING];
    assert_false(b1->enabled);
    assert_false(b1->alone);
    assert_true(b1->threshold == 10);
    assert_true(b1->weight == indicator_desc(IND_OVERCROWDING)->weight);
    /* every other indicator keeps its defaults */
    for (int i = 0; i < IND_COUNT; i++) {
        if (i == IND_ENERGY_HIGH || i == IND_OVERCROWDING)
            continue;
        const struct ind_desc *d = indicator_desc(i);
        if (l.cfg.ind[i].weight != d->weight || l.cfg.ind[i].threshold != d->threshold)
            fail_msg("indicator %s changed by another section", d->name);
    }
    unload(&l);
}

/* --------------------------------------------------------------- problems */

/*
 * One file, one problem: the problem line is "PATH:LINE: ..." with the line of the
 * offending key, the code is ERR_CONFIG and e.msg names the same problem.
 */
struct problem_row {
    const char *text;
    int line;
    const char *says;
};

/* Load each row; count (and print) the rows that do not give exactly that one problem. */
static int check_problem_rows(const struct problem_row *rows, size_t n_rows)
{
    int failures = 0;
    for (size_t i = 0; i < n_rows; i++) {
        struct loaded l;
        load_text(&l, "problem.ini", rows[i].text);
        char prefix[600];
        snprintf(prefix, sizeof prefix, "%s:%d: ", l.path, rows[i].line);
        int ok = l.rc == ERR_CONFIG && l.e.code == ERR_CONFIG && l.cfg.n_problems == 1 &&
                 count_lines(l.problems) == 1 && l.problems &&
                 strncmp(l.problems, prefix, strlen(prefix)) == 0 &&
                 strstr(l.problems, rows[i].says) != NULL &&
                 strncmp(l.e.msg, prefix, strlen(prefix)) == 0 &&
                 strstr(l.e.msg, rows[i].says) != NULL;
        if (!ok) {
            print_error("row %zu: rc %d, n_problems %d, want line %d and \"%s\"\n  config: %s\n"
                        "  problems: %s  e.msg: %s\n",
                        i, l.rc, l.cfg.n_problems, rows[i].line, rows[i].says, rows[i].text,
                        l.problems ? l.problems : "(none)\n", l.e.msg);
            failures++;
        }
        unload(&l);
    }
    return failures;
}

static void test_single_problem_table(void **state)
{
    (void)state;
    static const struct problem_row rows[] = {
        /* unknown sections (each key inside names the section) */
        {RUN_SECTION "\n[indicater.energy_high]\nweight = 5\n", 5,
         "unknown section [indicater.energy_high]"},
        {RUN_SECTION "[source.bag]\npath = x.csv\n", 4, "unknown section [source.bag]"},
        {RUN_SECTION "[theme.drugs]\nmin_score = 3\n", 4, "unknown section [theme.drugs]"},
        {RUN_SECTION "[indicator.energy_hihg]\nweight = 3\n", 4, "unknown section"},
        /* unknown keys */
        {RUN_SECTION "colour = blue\n", 3, "unknown key 'colour' in [run]"},
        {RUN_SECTION "[indicator.energy_high]\nwieght = 5\n", 4, "unknown key 'wieght'"},
        {RUN_SECTION "[indicator.energy_high]\nsbi_prefixes_x = 1\n", 4, "unknown key"},
        {RUN_SECTION "retention_days = 60\nsuppress_days = 90\n", 4,
         "suppress_days 90 is longer than retention_days 60"},
        {RUN_SECTION "[indicator.citizen_signal]\ndrugs = hennepteelt\n", 4,
         "unknown key 'drugs' in [indicator.citizen_signal]"},
        {RUN_SECTION "[indicator.energy_high]\nhennep = hennepteelt\n", 4,
         "unknown key 'hennep' in [indicator.energy_high]"},
        {RUN_SECTION "[theme.hennep]\nmin_scor = 3\n", 4,
         "unknown key 'min_scor' in [theme.hennep]"},
        {RUN_SECTION BRP_SECTION "encodnig = utf-8\n", 13,
         "unknown key 'encodnig' in [source.brp]"},
        {RUN_SECTION BRP_SECTION "map.sbi = sbi_code\n", 13,
         "'sbi' is not a field of source 'brp'"},
        {RUN_SECTION BRP_SECTION "map.shoe_size = maat\n", 13, "'shoe_size' is not a field"},
        {RUN_SECTION "[theme.hennep]\nindicators = energy_high, energie_flat\n", 4,
         "unknown indicator 'energie_flat'"},
        /* bad values */
        {"[run]\nreference_date = 2026-02-30\n", 2, "reference_date '2026-02-30'"},
        {"[run]\nreference_date = 01-11-2026\n", 2, "reference_date"},
        {RUN_SECTION "top_n = 0\n", 3, "top_n '0'"},
        {RUN_SECTION "top_n = 12abc\n", 3, "top_n"},
        {RUN_SECTION "retention_days = -5\n", 3, "retention_days"},
        {RUN_SECTION "max_field_bytes = 8\n", 3, "max_field_bytes"},
        {RUN_SECTION "[indicator.energy_high]\nweight = heavy\n", 4,
         "'weight' = 'heavy' is not a number"},
        {RUN_SECTION "[indicator.energy_high]\nweight = -1\n", 4, "weight '-1' must be 0..100"},
        {RUN_SECTION "[indicator.energy_high]\nthreshold = 3,5\n", 4, "not a number"},
        {RUN_SECTION "[indicator.energy_high]\nenabled = maybe\n", 4, "enabled 'maybe'"},
        {RUN_SECTION "[theme.hennep]\nmin_score = high\n", 4, "min_score 'high'"},
        {RUN_SECTION "[theme.hennep]\nmin_sources = 9\n", 4, "min_sources '9'"},
        {RUN_SECTION BRP_SECTION "optional = perhaps\n", 13, "optional 'perhaps'"},
        {RUN_SECTION "[source.brp]\ndelimiter = colon\n"
                     "path = b.csv\n"
                     "map.person_id = a\nmap.birth_date = b\nmap.registered_since = c\n"
                     "map.postcode = d\nmap.house_number = e\n",
         4, "delimiter 'colon'"},
        {RUN_SECTION BRP_MAPS "encoding = latin9\n", 10, "encoding 'latin9'"},
        {RUN_SECTION BRP_SECTION "decimal = x\n", 13, "decimal 'x'"},
        {RUN_SECTION BRP_MAPS "date_format = DDMMYYYY\n", 10, "date_format 'DDMMYYYY'"},
        /* ';' unquoted starts an inline comment: the value is empty, which is refused */
        /* syntax */
        {RUN_SECTION "\nthis line has no equals sign\n", 4, "syntax error"},
    };
    assert_int_equal(check_problem_rows(rows, N_ROWS(rows)), 0);
}

static void test_non_finite_numbers_refused(void **state)
{
    (void)state;
    /*
     * Regression test (was a bug, now fixed): config.c's to_double() uses strtod(), which also
     * accepts "nan", "inf" and "infinity", so a weight, threshold, parameter or min_score that is
     * not a finite number is taken without any problem. A NaN weight makes the theme score NaN and
     * NaN >= min_score is false, so e.g. the whole hennep list comes out empty;
     * min_score = nan empties the list likewise; threshold = inf switches the
     * indicator off. None of these is reported.
     */
    static const struct problem_row rows[] = {
        {RUN_SECTION "[indicator.energy_high]\nweight = nan\n", 4, "weight"},
        {RUN_SECTION "[indicator.energy_high]\nthreshold = inf\n", 4, "threshold"},
        {RUN_SECTION "[indicator.energy_high]\nmin_excess_kwh = -infinity\n", 4, "min_excess_kwh"},
        {RUN_SECTION "[theme.hennep]\nmin_score = nan\n", 4, "min_score"},
    };
    assert_int_equal(check_problem_rows(rows, N_ROWS(rows)), 0);
}

static void test_all_problems_reported(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "three.ini",
              "[run]\n"                       /* 1 */
              "reference_date = 2026-11-01\n" /* 2 */
              "top_n = lots\n"                /* 3: bad value */
              "\n"                            /* 4 */
              "[indicator.energy_high]\n"     /* 5 */
              "weight = 5\n"                  /* 6: fine */
              "wieght = 5\n"                  /* 7: unknown key */
              "; a comment\n"                 /* 8 */
              "[bogus]\n"                     /* 9 */
              "a = 1\n");                     /* 10: unknown section */
    assert_int_equal(l.rc, ERR_CONFIG);
    assert_int_equal(l.cfg.n_problems, 3);
    assert_int_equal(count_lines(l.problems), 3);
    char want[2048];
    snprintf(want, sizeof want,
             "%s:3: top_n 'lots' must be a whole number 1..1,000,000\n"
             "%s:7: unknown key 'wieght' in [indicator.energy_high]\n"
             "%s:10: unknown section [bogus]\n",
             l.path, l.path, l.path);
    assert_string_equal(l.problems, want);
    /* e names the first problem; the good key on line 6 still applied */
    char first[600];
    snprintf(first, sizeof first, "%s:3: ", l.path);
    assert_memory_equal(l.e.msg, first, strlen(first));
    assert_true(l.cfg.ind[IND_ENERGY_HIGH].weight == 5);
    unload(&l);
}

static void test_unknown_section_reported_once(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "unknown-section.ini",
              RUN_SECTION "[indicator.energie_hoog]\nweight = 5\nthreshold = 3\n");
    assert_int_equal(l.rc, ERR_CONFIG);
    assert_int_equal(l.cfg.n_problems, 1);
    assert_non_null(strstr(l.problems, ":4: unknown section [indicator.energie_hoog]"));
    /* the default is kept, but the run will not start (ERR_CONFIG) */
    assert_true(l.cfg.ind[IND_ENERGY_HIGH].weight == indicator_desc(IND_ENERGY_HIGH)->weight);
    unload(&l);
}

static void test_two_syntax_errors_both_reported(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "syntax2.ini",
              RUN_SECTION  /* 1-2 */
              "top_n 20\n" /* 3: no '=' */
              "retention_days = 100\n"
              "output_dir out\n"); /* 5: no '=' */
    int rc = l.rc, n = l.cfg.n_problems;
    int has3 = strstr(l.problems, ":3: syntax error") != NULL;
    int has5 = strstr(l.problems, ":5: syntax error") != NULL;
    unload(&l);
    assert_int_equal(rc, ERR_CONFIG);
    assert_true(has3);
    /*
     * Regression test (was a bug, now fixed): only the first syntax error is reported. inih's
     * ini_parse_stream() returns the line of the FIRST error only, and config.c turns that into one
     * problem, so a second malformed line (5) is not shown although config.h promises every problem
     * at once ("vik check can show them all at once").
     */
    assert_true(has5);
    assert_int_equal(n, 2);
}

static void test_long_line_keeps_line_numbers(void **state)
{
    (void)state;
    /* A comment line of 250 characters (inih's INI_MAX_LINE is 200), then a typo. */
    char text[1024];
    char comment[251];
    memset(comment, 'x', sizeof comment - 1);
    comment[0] = ';';
    comment[sizeof comment - 1] = '\0';
    snprintf(text, sizeof text, "[run]\n%s\ncolour = blue\n", comment);
    struct loaded l;
    load_text(&l, "long-line.ini", text);
    assert_int_equal(l.rc, ERR_CONFIG);
    /*
     * Regression test (was a bug, now fixed): a line longer than inih's 200-byte buffer is read in
     * two pieces; config.c's read_line() counts each piece as a line, and the tail piece is parsed
     * as a line of its own (here a spurious "syntax error" at line 3). Every line number after a
     * long line is off by one: the typo on line 3 is reported at line 4. A long
     * sbi_prefixes list or a long comment is enough to trigger it.
     */
    int n = l.cfg.n_problems;
    int right_line = strstr(l.problems, ":3: unknown key 'colour' in [run]") != NULL;
    if (n != 1 || !right_line)
        print_error("problems after a 250-byte line:\n%s", l.problems ? l.problems : "");
    unload(&l);
    assert_int_equal(n, 1);
    assert_true(right_line);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct loaded l;
    char path[600];
    snprintf(path, sizeof path, "%s/does-not-exist.ini", tmp_dir);
    load_path(&l, path);
    assert_int_equal(l.rc, ERR_CONFIG);
    assert_non_null(strstr(l.e.msg, "does-not-exist.ini"));
    unload(&l);
}

/* ---------------------------------------------------------------- privacy */

static void test_protected_attributes_refused(void **state)
{
    (void)state;
    static const struct {
        const char *line;    /* appended to a valid brp section: line 13 */
        enum field_id field; /* must stay unmapped (F_COUNT: not a field) */
        const char *reason;
    } rows[] = {
        {"map.nationality = x\n", F_COUNT, "nationality"},
        {"map.street = 04.05.10 nationaliteit\n", F_STREET, "nationality"},
        {"map.city = geslachtsnaam\n", F_CITY, "names"},
        {"map.city = 02.40.10 Geslachtsnaam\n", F_CITY, "names"},
        {"map.house_letter = 04.10.10 GESLACHTSAANDUIDING\n", F_HOUSE_LETTER, "gender"},
        {"map.street = geboorteland\n", F_STREET, "country of birth"},
        {"map.city = 03.20.10 Geboorteplaats\n", F_CITY, "place of birth"},
        {"map.street = voornamen\n", F_STREET, "names"},
        {"map.gender = g\n", F_COUNT, "gender"},
        {"map.religion = r\n", F_COUNT, "religion"},
        {"map.city = ethnicity\n", F_CITY, "ethnic"},
        {"map.street = verblijfstitel\n", F_STREET, "residence permit"},
    };
    int failures = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s%s", RUN_SECTION, BRP_SECTION, rows[i].line);
        struct loaded l;
        load_text(&l, "privacy.ini", text);
        char prefix[600];
        snprintf(prefix, sizeof prefix, "%s:13: refusing to map", l.path);
        const struct source_cfg *sc = &l.cfg.sources[SRC_BRP];
        int ok = l.rc == ERR_PRIVACY && l.e.code == ERR_PRIVACY && l.cfg.n_problems == 1 &&
                 l.problems && strncmp(l.problems, prefix, strlen(prefix)) == 0 &&
                 strstr(l.problems, rows[i].reason) && strstr(l.e.msg, "refusing to map") &&
                 (rows[i].field == F_COUNT || sc->map[rows[i].field] == NULL);
        if (!ok) {
            print_error("row %zu: %s  rc %d, problems: %s  e.msg: %s\n", i, rows[i].line, l.rc,
                        l.problems ? l.problems : "(none)\n", l.e.msg);
            failures++;
        }
        unload(&l);
    }
    assert_int_equal(failures, 0);
}

static void test_privacy_wins_over_other_problems(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "privacy2.ini",
              RUN_SECTION "top_n = many\n" BRP_SECTION "map.street = 04.05.10 nationaliteit\n");
    assert_int_equal(l.rc, ERR_PRIVACY);
    assert_int_equal(l.e.code, ERR_PRIVACY);
    assert_int_equal(l.cfg.n_problems, 2);
    assert_non_null(strstr(l.problems, ":3: top_n"));
    assert_non_null(strstr(l.problems, ":14: refusing to map 'street'"));
    assert_null(l.cfg.sources[SRC_BRP].map[F_STREET]);
    unload(&l);
}

/* ---------------------------------------------------------------- sources */

static void test_source_required_mapping(void **state)
{
    (void)state;
    struct loaded l;
    /* BRP without map.birth_date */
    load_text(&l, "required.ini",
              RUN_SECTION "[source.brp]\npath = brp.csv\n"
                          "map.person_id = bsn\nmap.registered_since = sinds\n"
                          "map.postcode = pc\nmap.house_number = hnr\n");
    assert_int_equal(l.rc, ERR_CONFIG);
    assert_int_equal(l.cfg.n_problems, 1);
    assert_non_null(strstr(l.problems, "[source.brp] does not map required field 'birth_date'"));
    assert_memory_equal(l.problems, l.path, strlen(l.path));
    unload(&l);

    /* a source without path, and a second one missing two required fields */
    load_text(&l, "required2.ini",
              RUN_SECTION
              "[source.brp]\n"
              "map.person_id = bsn\nmap.birth_date = gd\nmap.registered_since = s\n"
              "map.postcode = pc\nmap.house_number = hnr\n"
              "[source.energy]\npath = e.csv\nmap.postcode = pc\nmap.house_number = hn\n");
    assert_int_equal(l.rc, ERR_CONFIG);
    assert_int_equal(l.cfg.n_problems, 3);
    assert_non_null(strstr(l.problems, "[source.brp] has no path"));
    assert_non_null(strstr(l.problems, "[source.energy] does not map required field 'product'"));
    assert_non_null(strstr(l.problems, "[source.energy] does not map required field 'annual'"));
    unload(&l);
}

static void test_source_dialect_table(void **state)
{
    (void)state;
    static const struct {
        const char *line; /* appended to BRP_MAPS: sets one dialect key, the rest default */
        char delimiter;
        enum encoding encoding;
        char decimal;
        enum date_format date_format;
    } rows[] = {
        {"delimiter = \";\"\n", ';', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = semicolon\n", ';', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = ;\n", ';', ENC_AUTO, '.', DATE_ISO},
        {"delimiter=;\n", ';', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = ;   ; the way exports are described\n", ';', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = tab\n", '\t', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = TAB\n", '\t', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = \\t\n", '\t', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = auto\n", 0, ENC_AUTO, '.', DATE_ISO},
        {"delimiter = ,\n", ',', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = \",\"\n", ',', ENC_AUTO, '.', DATE_ISO},
        {"delimiter = |\n", '|', ENC_AUTO, '.', DATE_ISO},
        {"encoding = utf-8\n", 0, ENC_UTF8, '.', DATE_ISO},
        {"encoding = UTF8\n", 0, ENC_UTF8, '.', DATE_ISO},
        {"encoding = windows-1252\n", 0, ENC_CP1252, '.', DATE_ISO},
        {"encoding = cp1252\n", 0, ENC_CP1252, '.', DATE_ISO},
        {"encoding = auto\n", 0, ENC_AUTO, '.', DATE_ISO},
        {"decimal = ,\n", 0, ENC_AUTO, ',', DATE_ISO},
        {"date_format = YYYYMMDD\n", 0, ENC_AUTO, '.', DATE_YYYYMMDD},
        {"date_format = YYYY-MM-DD\n", 0, ENC_AUTO, '.', DATE_ISO},
        {"date_format = DD-MM-YYYY\n", 0, ENC_AUTO, '.', DATE_DMY},
    };
    int failures = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s%s", RUN_SECTION, BRP_MAPS, rows[i].line);
        struct loaded l;
        load_text(&l, "dialect.ini", text);
        const struct source_cfg *sc = &l.cfg.sources[SRC_BRP];
        if (l.rc != 0 || !sc->present || sc->delimiter != rows[i].delimiter ||
            sc->encoding != rows[i].encoding || sc->decimal != rows[i].decimal ||
            sc->date_format != rows[i].date_format) {
            print_error("row %zu: %s  rc %d delimiter %d encoding %d decimal '%c' date %d\n%s", i,
                        rows[i].line, l.rc, sc->delimiter, sc->encoding, sc->decimal,
                        sc->date_format, l.problems ? l.problems : "");
            failures++;
        }
        unload(&l);
    }
    assert_int_equal(failures, 0);
}

static void test_source_unset_keys_take_source_defaults(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "source-defaults.ini",
              RUN_SECTION "[source.brp]\npath = brp.csv\n"
                          "map.person_id = bsn\nmap.birth_date = gd\nmap.registered_since = s\n"
                          "map.postcode = pc\nmap.house_number = hnr\n");
    assert_int_equal(l.rc, 0);
    const struct source_cfg *sc = &l.cfg.sources[SRC_BRP];
    assert_true(sc->present);
    assert_int_equal(sc->delimiter, 0); /* auto */
    assert_int_equal(sc->encoding, ENC_AUTO);
    assert_int_equal(sc->decimal, '.');
    assert_int_equal(sc->date_format, DATE_ISO);
    assert_false(sc->optional);
    assert_string_equal(sc->map[F_PERSON_ID], "bsn");
    assert_int_equal(sc->map_line[F_PERSON_ID], 5);
    assert_null(sc->map[F_STREET]);
    assert_false(l.cfg.sources[SRC_ENERGY].present);
    unload(&l);
}

static void test_paths_relative_to_config_folder(void **state)
{
    (void)state;
    const char *sub = tmp_subdir("conf");
    (void)sub;
    struct loaded l;
    load_text(&l, "conf/vik.ini",
              "[run]\nreference_date = 2026-11-01\noutput_dir = ../out\n"
              "database = db/vik.db\nkey_file = /etc/vik/vik.key\n" BRP_SECTION
              "[source.energy]\npath = /data/energie.csv.gz\n"
              "map.postcode = pc\nmap.house_number = hn\nmap.product = p\nmap.annual = a\n");
    assert_int_equal(l.rc, 0);
    char want[700];
    snprintf(want, sizeof want, "%s/conf", tmp_dir);
    assert_string_equal(l.cfg.dir, want);
    snprintf(want, sizeof want, "%s/conf/brp.csv", tmp_dir);
    assert_string_equal(l.cfg.sources[SRC_BRP].path, want);
    snprintf(want, sizeof want, "%s/out" /* "conf/../out" collapsed */, tmp_dir);
    assert_string_equal(l.cfg.output_dir, want);
    snprintf(want, sizeof want, "%s/conf/db/vik.db", tmp_dir);
    assert_string_equal(l.cfg.database, want);
    assert_string_equal(l.cfg.key_file, "/etc/vik/vik.key");
    assert_string_equal(l.cfg.sources[SRC_ENERGY].path, "/data/energie.csv.gz");
    unload(&l);

    /* a config named without a folder: paths stay relative to the working directory */
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(sub), 0);
    load_path(&l, "vik.ini");
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(l.rc, 0);
    assert_string_equal(l.cfg.dir, "");
    assert_string_equal(l.cfg.sources[SRC_BRP].path, "brp.csv");
    assert_string_equal(l.cfg.output_dir, "../out");
    unload(&l);
}

/* ----------------------------------------------------------------- themes */

static void test_theme_indicator_list(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        uint32_t want;
    } rows[] = {
        {"energy_high, energy_flat_profile",
         (1u << IND_ENERGY_HIGH) | (1u << IND_ENERGY_FLAT_PROFILE)},
        {"energy_high,energy_flat_profile",
         (1u << IND_ENERGY_HIGH) | (1u << IND_ENERGY_FLAT_PROFILE)},
        {"energy_flat_profile", 1u << IND_ENERGY_FLAT_PROFILE},
        {"energy_high, overcrowding, no_mortgage",
         (1u << IND_ENERGY_HIGH) | (1u << IND_OVERCROWDING) | (1u << IND_NO_MORTGAGE)},
    };
    int failures = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        char text[512];
        snprintf(text, sizeof text,
                 RUN_SECTION "[theme.hennep]\nindicators = %s\nmin_score = 2.5\n", rows[i].value);
        struct loaded l;
        load_text(&l, "theme.ini", text);
        if (l.rc != 0 || l.cfg.themes[THEME_HENNEP].indicators != rows[i].want ||
            l.cfg.themes[THEME_HENNEP].min_score != 2.5 ||
            l.cfg.themes[THEME_WITWASSEN].indicators !=
                ((1u << IND_NO_MORTGAGE) | (1u << IND_PRICE_VS_WOZ) | (1u << IND_QUICK_RESALE) |
                 (1u << IND_YOUNG_MULTI_OWNER) | (1u << IND_MANY_PROPERTIES) |
                 (1u << IND_CITIZEN_SIGNAL))) {
            print_error("row %zu: indicators = %s -> rc %d bits %#x, want %#x\n", i, rows[i].value,
                        l.rc, l.cfg.themes[THEME_HENNEP].indicators, rows[i].want);
            failures++;
        }
        unload(&l);
    }
    assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------ print, hash */

static void hash_of_text(const char *name, const char *text, char out[17])
{
    struct loaded l;
    load_text(&l, name, text);
    if (l.rc != 0)
        fail_msg("%s did not load: %s", name, l.problems ? l.problems : l.e.msg);
    assert_int_equal(cfg_hash(&l.cfg, out), 0);
    unload(&l);
}

static void test_hash(void **state)
{
    (void)state;
    char base[17], again[17], reordered[17], weight[17], explicit_default[17], other[17];
    /* the documented defaults of energy_high, written out explicitly */
    const struct ind_desc *e1 = indicator_desc(IND_ENERGY_HIGH);
    char text[256], text2[256], text3[256];
    snprintf(text, sizeof text,
             RUN_SECTION "[indicator.energy_high]\nweight = %g\nthreshold = %g\n", e1->weight,
             e1->threshold);
    hash_of_text("hash-a.ini", text, base);
    hash_of_text("hash-b.ini", text, again);
    assert_string_equal(base, again);
    assert_int_equal(strlen(base), 16);
    assert_int_equal(strspn(base, "0123456789abcdef"), 16);

    /* same effective settings, written differently: same hash */
    snprintf(text2, sizeof text2,
             "; nightly config\n\n[indicator.energy_high]\nthreshold = %.4f\n\n"
             "[run]\nreference_date = 2026-11-01\n",
             e1->threshold);
    hash_of_text("hash-c.ini", text2, reordered);
    assert_string_equal(base, reordered);
    hash_of_text("hash-d.ini", RUN_SECTION, explicit_default);
    assert_string_equal(base, explicit_default);

    /* a weight change changes it */
    snprintf(text3, sizeof text3, RUN_SECTION "[indicator.energy_high]\nweight = %g\n",
             e1->weight + 0.5);
    hash_of_text("hash-e.ini", text3, weight);
    assert_string_not_equal(base, weight);
    hash_of_text("hash-f.ini", RUN_SECTION "[indicator.company_churn]\nweight = 2\n", other);
    assert_string_not_equal(base, other);
    assert_string_not_equal(weight, other);

    /* the in-memory defaults hash the same every time */
    struct config a, b;
    char ha[17], hb[17];
    cfg_init(&a);
    cfg_init(&b);
    assert_int_equal(cfg_hash(&a, ha), 0);
    assert_int_equal(cfg_hash(&b, hb), 0);
    assert_string_equal(ha, hb);
    b.ind[IND_ENERGY_HIGH].weight += 0.25;
    assert_int_equal(cfg_hash(&b, hb), 0);
    assert_string_not_equal(ha, hb);
    cfg_release(&a);
    cfg_release(&b);
}

static void test_print_round_trip(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "print.ini",
              RUN_SECTION "output_dir = out\ndatabase = vik.db\nkey_file = vik.key\n" BRP_SECTION
                          "map.street = 08.11.10 straatnaam\n"
                          "[indicator.energy_high]\nweight = 5\n"
                          "[theme.hennep]\nindicators = energy_high, energy_flat_profile\n");
    assert_int_equal(l.rc, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cfg_print(&l.cfg, f);
    assert_int_equal(fclose(f), 0);
    assert_non_null(strstr(text, "reference_date = 2026-11-01\n"));
    assert_non_null(strstr(text, "[source.brp]\n"));
    assert_non_null(strstr(text, "delimiter = \";\"\n"));
    assert_non_null(strstr(text, "encoding = cp1252\n"));
    assert_non_null(strstr(text, "map.street = 08.11.10 straatnaam\n"));
    assert_non_null(strstr(text, "[indicator.energy_high]\n"));
    assert_non_null(strstr(text, "weight = 5\n"));
    assert_non_null(strstr(text, "indicators = energy_high, energy_flat_profile\n"));

    /* what `vik check` prints is itself a valid config with the same hash */
    char h1[17], h2[17];
    assert_int_equal(cfg_hash(&l.cfg, h1), 0);
    struct loaded back;
    load_text(&back, "printed.ini", text);
    if (back.rc != 0)
        print_error("printed config does not load:\n%s", back.problems ? back.problems : "");
    assert_int_equal(back.rc, 0);
    assert_int_equal(cfg_hash(&back.cfg, h2), 0);
    assert_string_equal(h1, h2);
    assert_int_equal(back.cfg.sources[SRC_BRP].delimiter, ';');
    assert_string_equal(back.cfg.sources[SRC_BRP].path, l.cfg.sources[SRC_BRP].path);
    unload(&back);
    free(text);
    unload(&l);
}

static void test_default_paths_relative_to_config_folder(void **state)
{
    (void)state;
    tmp_subdir("conf2");
    struct loaded l;
    load_text(&l, "conf2/vik.ini", RUN_SECTION);
    assert_int_equal(l.rc, 0);
    char out[700], db[700], key[700];
    snprintf(out, sizeof out, "%s/conf2/out", tmp_dir);
    snprintf(db, sizeof db, "%s/conf2/vik.db", tmp_dir);
    snprintf(key, sizeof key, "%s/conf2/vik.key", tmp_dir);
    /*
     * Regression test (was a bug, now fixed): the built-in defaults output_dir = out, database =
     * vik.db and key_file = vik.key are NOT resolved against the config's folder (only values
     * written in the file are), so they land in the current working directory.
     * Writing the default explicitly (`key_file = vik.key`) gives a different path
     * and a different config hash, and `vik check`'s printed config does not load
     * back to the same hash. Worst case: a nightly job started from another
     * directory silently creates a fresh pseudonymisation key there, breaking
     * linkage with history.
     */
    int same_out = strcmp(l.cfg.output_dir, out) == 0, same_db = strcmp(l.cfg.database, db) == 0;
    int same_key = strcmp(l.cfg.key_file, key) == 0;
    if (!same_out || !same_db || !same_key)
        print_error("defaults: output_dir %s, database %s, key_file %s\n", l.cfg.output_dir,
                    l.cfg.database, l.cfg.key_file);
    unload(&l);
    assert_true(same_out);
    assert_true(same_db);
    assert_true(same_key);
}

/* [register]: the municipality's facts, checked as the standard asks, printed back. */
static void test_register_keys(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "register.ini",
              RUN_SECTION
              "[register]\n"
              "organization = Gemeente Noorderhaaks\n"
              "status = IN GEBRUIK\n"
              "lawful_basis = Gemeentewet art. 172 (openbare orde) en Opiumwet art. "
              "13b; de gegevens worden gedeeld volgens het privacyprotocol\n"
              "    van het RIEC, binnen de doelen die de burgemeester en het college "
              "daarvoor hebben vastgesteld en gepubliceerd\n"
              "    in het gemeenteblad.\n"
              "lawful_basis_links = Gemeentewet | https://wetten.overheid.nl/BWBR0005416\n"
              "\tOpiumwet | https://wetten.overheid.nl/BWBR0001941\n");
    if (l.rc != 0)
        fail_msg("did not load: %s", l.problems ? l.problems : l.e.msg);
    assert_string_equal(l.cfg.reg.value[RM_ORGANIZATION], "Gemeente Noorderhaaks");
    assert_string_equal(l.cfg.reg.value[RM_STATUS], "In gebruik"); /* the standard's spelling */
    assert_non_null(strstr(l.cfg.reg.value[RM_LAWFUL_BASIS], "privacyprotocol van het RIEC"));
    assert_non_null(strstr(l.cfg.reg.value[RM_LAWFUL_BASIS], "gepubliceerd in het gemeenteblad."));
    assert_string_equal(l.cfg.reg.value[RM_LAWFUL_BASIS_LINKS],
                        "Gemeentewet | https://wetten.overheid.nl/BWBR0005416\n"
                        "Opiumwet | https://wetten.overheid.nl/BWBR0001941");
    assert_null(l.cfg.reg.value[RM_CONTACT]);

    /* printed by vik check, it loads back to the same values and hash */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cfg_print(&l.cfg, f);
    assert_int_equal(fclose(f), 0);
    assert_non_null(strstr(text, "\n[register]\norganization = Gemeente Noorderhaaks\n"));
    struct loaded back;
    load_text(&back, "register-printed.ini", text);
    if (back.rc != 0)
        fail_msg("printed config does not load: %s", back.problems ? back.problems : "");
    assert_string_equal(back.cfg.reg.value[RM_LAWFUL_BASIS], l.cfg.reg.value[RM_LAWFUL_BASIS]);
    assert_string_equal(back.cfg.reg.value[RM_LAWFUL_BASIS_LINKS],
                        l.cfg.reg.value[RM_LAWFUL_BASIS_LINKS]);
    char h1[17], h2[17], h0[17];
    assert_int_equal(cfg_hash(&l.cfg, h1), 0);
    assert_int_equal(cfg_hash(&back.cfg, h2), 0);
    assert_string_equal(h1, h2);
    hash_of_text("register-none.ini", RUN_SECTION, h0);
    assert_string_not_equal(h0, h1);
    unload(&back);
    free(text);
    unload(&l);

    /* a config without [register] prints none */
    load_text(&l, "register-none2.ini", RUN_SECTION);
    f = open_memstream(&text, &len);
    assert_non_null(f);
    cfg_print(&l.cfg, f);
    assert_int_equal(fclose(f), 0);
    assert_null(strstr(text, "[register]"));
    free(text);
    unload(&l);
}

static void test_register_problems(void **state)
{
    (void)state;
    struct loaded l;
    load_text(&l, "register-bad.ini",
              RUN_SECTION "[register]\n"                         /* line 3 */
                          "contact_email = privacy@example.nl\n" /* 4: not our key */
                          "dpia = http://example.nl/dpia.pdf\n"  /* 5: not https */
                          "status = actief\n"                    /* 6 */
                          "begin_date = 2026-1\n"                /* 7 */
                          "organization = Gemeente X\n"          /* 8: fine */
                          "organization = Gemeente Y\n");        /* 9: twice */
    assert_int_equal(l.rc, ERR_CONFIG);
    assert_int_equal(l.cfg.n_problems, 5);
    static const char *const WANT[] = {
        ":4: unknown key 'contact_email' in [register]",
        ":5: dpia must be a link starting with https://",
        ":6: status must be one of: In ontwikkeling, In gebruik, Buiten gebruik",
        ":7: begin_date must be a month YYYY-MM",
        ":9: duplicate key 'organization' in [register]",
    };
    for (size_t i = 0; i < N_ROWS(WANT); i++)
        if (!strstr(l.problems, WANT[i]))
            fail_msg("problems lack '%s':\n%s", WANT[i], l.problems);
    unload(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_keys),
        cmocka_unit_test(test_register_problems),
        cmocka_unit_test(test_init_defaults),
        cmocka_unit_test(test_only_run_gives_documented_defaults),
        cmocka_unit_test(test_signal_categories),
        cmocka_unit_test(test_indicator_override_key_by_key),
        cmocka_unit_test(test_single_problem_table),
        cmocka_unit_test(test_non_finite_numbers_refused),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_unknown_section_reported_once),
        cmocka_unit_test(test_two_syntax_errors_both_reported),
        cmocka_unit_test(test_long_line_keeps_line_numbers),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_protected_attributes_refused),
        cmocka_unit_test(test_privacy_wins_over_other_problems),
        cmocka_unit_test(test_source_required_mapping),
        cmocka_unit_test(test_source_dialect_table),
        cmocka_unit_test(test_source_unset_keys_take_source_defaults),
        cmocka_unit_test(test_paths_relative_to_config_folder),
        cmocka_unit_test(test_default_paths_relative_to_config_folder),
        cmocka_unit_test(test_theme_indicator_list),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_print_round_trip),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
