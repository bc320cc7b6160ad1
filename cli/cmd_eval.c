/*
 * cmd_eval.c - `vik eval`: how well do the watchlists find the planted cases?
 *
 * Why: on synthetic data the truth is known (samples/ writes truth.csv), so weights
 * and thresholds can be tuned against measured figures instead of intuition:
 *   precision at k   share of planted cases among the first k lines, k = number of
 *                    planted cases of the theme;
 *   recall           share of planted cases anywhere in the list (top_n lines);
 *   average precision the mean of precision@i over the ranks i where a planted
 *                    case stands, divided by all planted cases: 1 when every case
 *                    ranks above every other line; rewards cases near the top;
 *   look-alikes      share of the list that is a planted legitimate look-alike of
 *                    that theme (heat pumps, large families, business centres...);
 *   untuned p@k      precision at k of a plain ranking over the same run: every
 *                    address with a fired indicator of the theme by the sum of its
 *                    calibrated strengths - equal weights, no correlated groups,
 *                    no min_score (score_baseline). A default that does worse than
 *                    this is worse than no tuning, which the analyst sees at once.
 * With --sensitivity it also recomputes the model and shows, per indicator, how
 * many addresses leave and enter each theme's top list when that one weight moves
 * -25% and +25% (from the same hits: strengths do not depend on weights).
 * Reads the latest watchlist-THEME.csv in output_dir; both files through the same
 * CSV reader as the inputs. Leaves one audit record (cli_audit.c): it reads the
 * lists and the exports.
 */
#include "cli/cli.h"

#include "common/hmap.h"
#include "ingest/csv_reader.h"
#include "pipeline/pipeline.h"
#include "transform/address.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KIND_CASE = 1, KIND_LOOKALIKE = 2 };

struct truth {
    struct hmap keys; /* "theme|canonical key" -> kind */
    int n_cases[THEME_COUNT];
    int n_lookalikes[THEME_COUNT];
};

struct list_stats {
    int theme;
    int k;
    int lines, cases_at_k, cases, lookalikes;
    double ap_sum; /* sum of precision@i at the ranks i of planted cases */
    struct truth *truth;
};

/* "theme|5664AB|12|A|2" from address columns starting at fields[col]. */
static int make_key(const struct csvr_record *rec, size_t col, const char *theme, char *buf,
                    size_t size)
{
    if (rec->n_fields < col + 4)
        return -1;
    const char *f[4];
    size_t n[4];
    for (int i = 0; i < 4; i++)
        f[i] = rec->fields[col + i] ? rec->fields[col + i] : "", n[i] = rec->lens[col + i];
    struct addr_key k;
    if (addr_normalise(f[0], n[0], f[1], n[1], f[2], n[2], f[3], n[3], &k) != ADDR_OK)
        return -1;
    char key[ADDR_KEY_MAX];
    addr_key_text(&k, key, sizeof key);
    return snprintf(buf, size, "%s|%s", theme, key);
}

static int on_truth(void *ctx, const struct csvr_record *rec)
{
    struct truth *t = ctx;
    if (rec->number == 1 || rec->n_fields < 6)
        return 0;
    int theme = catalogue_theme_by_name(rec->fields[0]);
    int kind = !strcmp(rec->fields[1], "case")        ? KIND_CASE
               : !strcmp(rec->fields[1], "lookalike") ? KIND_LOOKALIKE
                                                      : 0;
    char key[96];
    int n = make_key(rec, 2, rec->fields[0], key, sizeof key);
    if (theme < 0 || !kind || n < 0)
        return 0;
    int inserted = 0;
    uint32_t *v = hmap_put(&t->keys, key, (size_t)n, (uint32_t)kind, &inserted);
    if (!v)
        return ERR_NOMEM;
    if (inserted)
        kind == KIND_CASE ? t->n_cases[theme]++ : t->n_lookalikes[theme]++;
    return 0;
}

static int on_line(void *ctx, const struct csvr_record *rec)
{
    struct list_stats *s = ctx;
    /* the header, and the "sep=;" line of an Excel-style file (excel_csv) */
    if (rec->n_fields < 7 || !strcmp(rec->fields[0], "rank"))
        return 0;
    s->lines++;
    char key[96];
    int n = make_key(rec, 3, catalogue_theme(s->theme)->name, key, sizeof key);
    uint32_t *kind = n > 0 ? hmap_get(&s->truth->keys, key, (size_t)n) : NULL;
    if (kind && *kind == KIND_CASE) {
        s->cases++;
        s->cases_at_k += s->lines <= s->k;
        s->ap_sum += (double)s->cases / s->lines;
    } else if (kind && *kind == KIND_LOOKALIKE) {
        s->lookalikes++;
    }
    return 0;
}

/* 0, or the reader's error code with its message printed. */
static int read_csv(const char *path, char delim, csvr_record_fn fn, void *ctx)
{
    struct csvr rd;
    struct err e;
    err_clear(&e);
    csvr_init(&rd, delim, 1 << 20);
    int rc = csvr_read(&rd, path, fn, ctx, &e);
    if (rc != 0)
        fprintf(stderr, "vik: %s\n", e.msg);
    return rc;
}

/* Precision at k of the untuned ranking of theme (score_baseline); -1 when out of
 * memory (its only failure). */
static double baseline_precision(const struct run *run, struct truth *t, int theme, int k)
{
    struct listing *l;
    size_t n;
    if (score_baseline(&run->m.data, &run->m.score, &run->m.score_opts, (enum theme_id)theme, &l,
                       &n) != 0)
        return -1;
    int hits = 0;
    for (size_t i = 0; i < n && i < (size_t)k; i++) {
        char key[ADDR_KEY_MAX], full[96];
        addr_key_text(&l[i].key, key, sizeof key);
        int len = snprintf(full, sizeof full, "%s|%s", catalogue_theme(theme)->name, key);
        uint32_t *kind = hmap_get(&t->keys, full, (size_t)len);
        hits += kind && *kind == KIND_CASE;
    }
    free(l);
    return k ? (double)hits / k : 0;
}

/* One theme's row: 0, 1 when below a floor the options ask for, -1 when its list
 * cannot be read, -2 when out of memory. */
static int eval_theme(const struct cli_opts *o, const struct config *cfg, struct truth *t,
                      int theme, const struct run *run)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/watchlist-%s.csv", cfg->output_dir,
             catalogue_theme(theme)->name);
    struct list_stats s = {theme, t->n_cases[theme], 0, 0, 0, 0, 0, t};
    int read = read_csv(path, ';', on_line, &s);
    if (read != 0)
        return read == ERR_NOMEM ? -2 : -1;
    double prec = s.k ? (double)s.cases_at_k / s.k : 0;
    double recall = s.k ? (double)s.cases / s.k : 0;
    double look = s.lines ? (double)s.lookalikes / s.lines : 0;
    double ap = s.k ? s.ap_sum / s.k : 0;
    double base = run ? baseline_precision(run, t, theme, s.k) : -1;
    if (run && base < 0) { /* a row without its untuned figure would read as none made */
        fprintf(stderr, "vik: out of memory ranking %s untuned\n", catalogue_theme(theme)->name);
        return -2;
    }
    printf("%-14s %6d %6d %13.2f %8.2f %8.2f %12.3f %6d", catalogue_theme(theme)->name, s.k,
           s.lines, prec, recall, ap, look, s.lookalikes);
    if (base >= 0)
        printf(" %13.2f", base);
    putchar('\n');
    int bad = (s.k > 0 && prec < o->min_precision) || look > o->max_lookalikes;
    if (bad)
        fprintf(stderr, "vik: eval: theme %s below the requested floor\n",
                catalogue_theme(theme)->name);
    return bad;
}

/* The evaluation itself; an exit status. */
static int eval(const struct cli_opts *o, const struct config *cfg)
{
    int rc = 0;
    struct truth t;
    memset(&t, 0, sizeof t);
    hmap_init(&t.keys);
    if (o->truth)
        rc = read_csv(o->truth, ';', on_truth, &t);
    int failed = 0;
    struct run run;
    int modelled = 0;
    if (rc == 0 && o->truth) {
        /* the same run again, for the untuned baseline (no file is written) */
        run_init(&run, cfg, o->log_level);
        modelled = 1;
        if (pipeline_model(&run) != 0) {
            fprintf(stderr, "vik: %s\n", run.err.msg);
            rc = run.err.code;
        }
    }
    if (rc == 0 && o->truth) {
        printf("%-14s %6s %6s %13s %8s %8s %12s %6s %13s\n", "theme", "cases", "listed",
               "precision@k", "recall", "avg prec", "look-alikes", "(n)", "untuned p@k");
        for (int th = 0; th < THEME_COUNT && rc == 0; th++) {
            int r = eval_theme(o, cfg, &t, th, &run);
            if (r < 0)
                rc = r == -2 ? ERR_NOMEM : ERR_INPUT;
            failed |= r > 0;
        }
    }
    if (modelled)
        run_release(&run);
    if (rc == 0 && o->sensitivity)
        rc = eval_sensitivity(cfg, o->log_level);
    hmap_release(&t.keys);
    if (rc != 0)
        return cli_exit_code(rc);
    return failed ? EXIT_RUN_FAILED : EXIT_OK;
}

int cmd_eval(const struct cli_opts *o)
{
    if (!o->truth && !o->sensitivity) {
        fprintf(stderr, "vik: eval needs --truth FILE (or --sensitivity)\n");
        return EXIT_USAGE;
    }
    struct cli_session s;
    int rc = cli_session_open(o, &s, HISTORY_CREATE);
    if (rc != 0)
        return rc;
    rc = eval(o, &s.cfg);
    char args[4200];
    snprintf(args, sizeof args, "%s%s%s", o->truth ? "truth=" : "", o->truth ? o->truth : "",
             o->sensitivity ? (o->truth ? " sensitivity" : "sensitivity") : "");
    struct audit_rec rec = {.command = "eval", .args = args};
    return cli_session_close(&s, &rec, rc);
}
