/*
 * diff.c - `vik diff`: what changed between two stored runs; see history.h.
 *
 * Why: the LIO discusses what is new since the last meeting; a list that churns
 * with small data changes is not fit for a meeting (docs/privacy.md, proportionality: stability).
 * Every line says why it changed, from the stored contributions: indicators that
 * appeared or disappeared, else the one whose contribution moved most.
 */
#include "history/history.h"
#include "common/date.h"

#include "common/hmap.h"
#include "history/hdb.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One list entry of a stored run, with its contributions by indicator. */
struct dentry {
    char key[ADDR_KEY_MAX];
    char display[48];
    double score;
    int64_t rank;
    int realerted; /* listed despite a recent outcome: the score rose (suppress.c) */
    uint32_t mask; /* bit per enum ind_id that contributed */
    double contrib[IND_COUNT];
};

struct dlist {
    struct dentry *e;
    size_t n;
    struct hmap index; /* key -> position in e */
};

static int load_contributions(struct history *h, sqlite3_stmt *st, int64_t entry, struct dentry *d,
                              struct err *e)
{
    if (hdb_bind(h, st, e, "i", entry) != 0)
        return ERR_IO;
    int got;
    while ((got = hdb_step(h, st, e)) == 1) {
        int ind = indicator_by_name(hdb_text(st, 0));
        if (ind < 0)
            continue; /* an indicator this vik no longer has */
        d->mask |= 1u << ind;
        d->contrib[ind] = sqlite3_column_double(st, 1);
    }
    return got < 0 || hdb_reset(h, st, e) != 0 ? ERR_IO : 0;
}

static int add_entry(struct history *h, struct dlist *l, sqlite3_stmt *row, sqlite3_stmt *cst,
                     size_t *cap, struct err *e)
{
    if (l->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        void *p = realloc(l->e, *cap * sizeof *l->e);
        if (!p)
            return err_set(e, ERR_NOMEM, "out of memory");
        l->e = p;
    }
    struct dentry *d = &l->e[l->n];
    memset(d, 0, sizeof *d);
    snprintf(d->key, sizeof d->key, "%s", hdb_text(row, 0));
    hdb_address_text(hdb_text(row, 1), sqlite3_column_int64(row, 2), hdb_text(row, 3),
                     hdb_text(row, 4), d->display, sizeof d->display);
    d->score = sqlite3_column_double(row, 5);
    d->rank = sqlite3_column_int64(row, 6);
    d->realerted = sqlite3_column_int(row, 8);
    if (!hmap_put(&l->index, d->key, strlen(d->key), (uint32_t)l->n, NULL))
        return err_set(e, ERR_NOMEM, "out of memory");
    l->n++;
    return load_contributions(h, cst, sqlite3_column_int64(row, 7), d, e);
}

static int load_list(struct history *h, int64_t run, enum theme_id t, struct dlist *l,
                     struct err *e)
{
    memset(l, 0, sizeof *l);
    hmap_init(&l->index);
    if (run == 0)
        return 0;
    sqlite3_stmt *row = NULL, *cst = NULL;
    int rc = hdb_prepare(h,
                         "SELECT address, postcode, house_number, house_letter, house_suffix, "
                         "score, rank, id, realerted FROM list_entries WHERE run = ? AND theme = ? "
                         "ORDER BY rank",
                         &row, e);
    if (rc == 0)
        rc = hdb_prepare(h, "SELECT indicator, contribution FROM contributions WHERE entry = ?",
                         &cst, e);
    if (rc == 0)
        rc = hdb_bind(h, row, e, "it", run, catalogue_theme(t)->name);
    size_t cap = 0;
    int got = 0;
    while (rc == 0 && (got = hdb_step(h, row, e)) == 1)
        rc = add_entry(h, l, row, cst, &cap, e);
    if (rc == 0 && got < 0)
        rc = ERR_IO;
    hdb_finalize(row);
    hdb_finalize(cst);
    return rc;
}

static void release_list(struct dlist *l)
{
    free(l->e);
    hmap_release(&l->index);
}

static const struct dentry *find(const struct dlist *l, const char *key)
{
    const uint32_t *i = hmap_get(&l->index, key, strlen(key));
    return i ? &l->e[*i] : NULL;
}

static void print_contributions(FILE *out, const struct dentry *d)
{
    const char *sep = "";
    for (int i = 0; i < IND_COUNT; i++)
        if (d->mask & (1u << i)) {
            fprintf(out, "%s%s %s +%.2f", sep, indicator_desc(i)->code, indicator_desc(i)->name,
                    d->contrib[i]);
            sep = ", ";
        }
}

/* What changed between two listings of one address: appeared, disappeared, moved most. */
static void print_change(FILE *out, const struct dentry *now, const struct dentry *before)
{
    const char *sep = "";
    int most = -1;
    double most_delta = 0.005; /* contributions are printed with two decimals */
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        unsigned bit = 1u << i;
        if ((now->mask & bit) && !(before->mask & bit))
            fprintf(out, "%s%s %s appeared +%.2f", sep, d->code, d->name, now->contrib[i]),
                sep = "; ";
        else if (!(now->mask & bit) && (before->mask & bit))
            fprintf(out, "%s%s %s disappeared (was +%.2f)", sep, d->code, d->name,
                    before->contrib[i]),
                sep = "; ";
        else if (fabs(now->contrib[i] - before->contrib[i]) >= most_delta)
            most = i, most_delta = fabs(now->contrib[i] - before->contrib[i]);
    }
    if (most >= 0)
        fprintf(out, "%s%s %s %+.2f -> %+.2f", sep, indicator_desc(most)->code,
                indicator_desc(most)->name, before->contrib[most], now->contrib[most]),
            sep = "; ";
    if (!*sep)
        fprintf(out, "unchanged");
}

struct diff_ctx {
    struct history *h;
    FILE *out;
    int64_t run, previous;
    sqlite3_stmt *listed; /* runs up to `run` listing an address for a theme, newest first */
    sqlite3_stmt *outcome;
    int64_t *ids; /* every run id up to `run`, newest first */
    size_t n_ids;
    int32_t previous_date;
    int32_t date;
};

/* Consecutive runs up to and including ctx->run that listed the address. */
static int consecutive(struct diff_ctx *c, const char *key, enum theme_id t, size_t *n,
                       struct err *e)
{
    if (hdb_bind(c->h, c->listed, e, "tti", key, catalogue_theme(t)->name, c->run) != 0)
        return ERR_IO;
    size_t j = 0;
    int got;
    while ((got = hdb_step(c->h, c->listed, e)) == 1 && j < c->n_ids &&
           sqlite3_column_int64(c->listed, 0) == c->ids[j])
        j++;
    *n = j;
    return got < 0 || hdb_reset(c->h, c->listed, e) != 0 ? ERR_IO : 0;
}

/* A dropped address may have been taken off by an outcome recorded in between. */
static int print_outcome_since(struct diff_ctx *c, const char *key, enum theme_id t, struct err *e)
{
    if (hdb_bind(c->h, c->outcome, e, "ttii", key, catalogue_theme(t)->name,
                 (int64_t)c->previous_date, (int64_t)c->date) != 0)
        return ERR_IO;
    int got = hdb_step(c->h, c->outcome, e);
    if (got == 1) {
        char day[DATE_TEXT];
        fprintf(c->out, "; outcome %s recorded %s", hdb_text(c->outcome, 0),
                date_text((int32_t)sqlite3_column_int(c->outcome, 1), day));
    }
    return got < 0 || hdb_reset(c->h, c->outcome, e) != 0 ? ERR_IO : 0;
}

static void count_kinds(const struct dlist *now, const struct dlist *before, size_t *n_new,
                        size_t *n_still, size_t *n_dropped)
{
    *n_new = *n_still = *n_dropped = 0;
    for (size_t i = 0; i < now->n; i++)
        *(find(before, now->e[i].key) ? n_still : n_new) += 1;
    for (size_t i = 0; i < before->n; i++)
        *n_dropped += !find(now, before->e[i].key);
}

static int print_theme(struct diff_ctx *c, enum theme_id t, const struct dlist *now,
                       const struct dlist *before, struct err *e)
{
    size_t n_new, n_still, n_dropped;
    count_kinds(now, before, &n_new, &n_still, &n_dropped);
    fprintf(c->out, "\ntheme %s: %zu new, %zu still listed, %zu dropped\n",
            catalogue_theme(t)->name, n_new, n_still, n_dropped);
    for (size_t i = 0; i < now->n; i++) {
        const struct dentry *d = &now->e[i], *b = find(before, d->key);
        size_t runs = 1;
        if (b && consecutive(c, d->key, t, &runs, e) != 0)
            return ERR_IO;
        fprintf(c->out, "  %-8s %-16s rank %3lld  score %6.2f  %s", b ? "still" : "new", d->display,
                (long long)d->rank, d->score,
                d->realerted ? "re-alerted (score rose after an outcome); " : "");
        if (b) {
            fprintf(c->out, "listed %zu runs; ", runs);
            print_change(c->out, d, b);
        } else {
            print_contributions(c->out, d);
        }
        fputc('\n', c->out);
    }
    for (size_t i = 0; i < before->n; i++) {
        const struct dentry *b = &before->e[i];
        if (find(now, b->key))
            continue;
        fprintf(c->out, "  %-8s %-16s was rank %3lld score %6.2f  had ", "dropped", b->display,
                (long long)b->rank, b->score);
        print_contributions(c->out, b);
        if (print_outcome_since(c, b->key, t, e) != 0)
            return ERR_IO;
        fputc('\n', c->out);
    }
    return 0;
}

static int diff_theme(struct diff_ctx *c, enum theme_id t, struct err *e)
{
    struct dlist now, before;
    int rc = load_list(c->h, c->run, t, &now, e);
    int rc2 = load_list(c->h, c->previous, t, &before, e);
    if (rc == 0 && rc2 == 0)
        rc = print_theme(c, t, &now, &before, e);
    release_list(&now);
    release_list(&before);
    return rc ? rc : rc2;
}

static int load_ids(struct diff_ctx *c, struct err *e)
{
    int64_t n;
    if (hdb_scalar(c->h, "SELECT COUNT(*) FROM runs WHERE id <= ?", &n, e, "i", c->run) != 0)
        return ERR_IO;
    c->ids = calloc((size_t)n + 1, sizeof *c->ids);
    if (!c->ids)
        return err_set(e, ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    if (hdb_prepare(c->h, "SELECT id FROM runs WHERE id <= ? ORDER BY id DESC", &st, e) != 0)
        return ERR_IO;
    int got = -1;
    if (hdb_bind(c->h, st, e, "i", c->run) == 0)
        while ((got = hdb_step(c->h, st, e)) == 1 && c->n_ids < (size_t)n)
            c->ids[c->n_ids++] = sqlite3_column_int64(st, 0);
    hdb_finalize(st);
    return got < 0 ? ERR_IO : 0;
}

/* Find the run (the latest when 0) and the one before it; print the header. */
static int pick_runs(struct diff_ctx *c, int64_t run_id, struct err *e)
{
    int64_t v;
    if (run_id == 0 &&
        hdb_scalar(c->h, "SELECT COALESCE(MAX(id), 0) FROM runs", &run_id, e, "") != 0)
        return ERR_IO;
    if (hdb_scalar(c->h, "SELECT reference_date FROM runs WHERE id = ?", &v, e, "i", run_id) != 0)
        return ERR_IO;
    if (v == 0)
        return err_set(e, ERR_USAGE, "history database '%s' has no run %lld", c->h->path,
                       (long long)run_id);
    c->run = run_id, c->date = (int32_t)v;
    if (hdb_scalar(c->h, "SELECT COALESCE(MAX(id), 0) FROM runs WHERE id < ?", &c->previous, e, "i",
                   run_id) != 0 ||
        hdb_scalar(c->h, "SELECT reference_date FROM runs WHERE id = ?", &v, e, "i", c->previous) !=
            0)
        return ERR_IO;
    c->previous_date = (int32_t)v;
    char day[DATE_TEXT];
    fprintf(c->out, "run %lld (reference date %s)", (long long)c->run, date_text(c->date, day));
    if (c->previous)
        fprintf(c->out, " against run %lld (reference date %s)\n", (long long)c->previous,
                date_text(c->previous_date, day));
    else
        fprintf(c->out, ": the first run in the history database, every address is new\n");
    return 0;
}

int history_diff(struct history *h, int64_t run_id, FILE *out, struct err *e)
{
    int64_t n_runs;
    if (hdb_scalar(h, "SELECT COUNT(*) FROM runs", &n_runs, e, "") != 0)
        return ERR_IO;
    if (n_runs == 0) {
        fprintf(out, "no runs in the history database '%s' yet\n", h->path);
        return 0;
    }
    struct diff_ctx c = {h, out, 0, 0, NULL, NULL, NULL, 0, 0, 0};
    int rc = pick_runs(&c, run_id, e);
    if (rc == 0)
        rc = hdb_prepare(h,
                         "SELECT run FROM list_entries WHERE address = ? AND theme = ? "
                         "AND run <= ? ORDER BY run DESC",
                         &c.listed, e);
    if (rc == 0)
        rc = hdb_prepare(h,
                         "SELECT status, date FROM outcomes WHERE address = ? AND theme = ? "
                         "AND date BETWEEN ? AND ? ORDER BY date DESC, id DESC LIMIT 1",
                         &c.outcome, e);
    if (rc == 0)
        rc = load_ids(&c, e);
    for (int t = 0; t < THEME_COUNT && rc == 0; t++)
        rc = diff_theme(&c, (enum theme_id)t, e);
    hdb_finalize(c.listed);
    hdb_finalize(c.outcome);
    free(c.ids);
    return rc;
}
