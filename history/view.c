/*
 * view.c - struct history_view for tonight's lists; see history.h and
 * model/history_view.h.
 *
 * Tonight's run is not in the database yet when the report is written (the run is
 * stored at the commit moment, together with the files), so "earlier runs" are
 * simply all stored runs, and tonight's lists come from the score result.
 */
#include "history/history.h"

#include "common/hmap.h"
#include "history/hdb.h"

#include <stdlib.h>
#include <string.h>

enum { VIEW_MAX_RUNS = 30 };

/* Every stored run id, newest first (retention keeps this list short). */
struct run_ids {
    int64_t *id;
    size_t n;
};

static int load_run_ids(struct history *h, struct run_ids *ids, struct err *e)
{
    int64_t n;
    if (hdb_scalar(h, "SELECT COUNT(*) FROM runs", &n, e, "") != 0)
        return ERR_IO;
    ids->id = calloc((size_t)n + 1, sizeof *ids->id);
    ids->n = 0;
    if (!ids->id)
        return err_set(e, ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    if (hdb_prepare(h, "SELECT id FROM runs ORDER BY id DESC", &st, e) != 0)
        return ERR_IO;
    int got;
    while ((got = hdb_step(h, st, e)) == 1 && ids->n < (size_t)n)
        ids->id[ids->n++] = sqlite3_column_int64(st, 0);
    hdb_finalize(st);
    return got < 0 ? ERR_IO : 0;
}

/* The last VIEW_MAX_RUNS runs, oldest first, with their list sizes per theme. */
static int load_runs(struct history *h, const struct run_ids *ids, struct history_view *v,
                     struct err *e)
{
    size_t n = ids->n < VIEW_MAX_RUNS ? ids->n : VIEW_MAX_RUNS;
    v->runs = calloc(n ? n : 1, sizeof *v->runs);
    if (!v->runs)
        return err_set(e, ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    if (hdb_prepare(h,
                    "SELECT r.reference_date, e.theme, COUNT(e.id) FROM runs r "
                    "LEFT JOIN list_entries e ON e.run = r.id WHERE r.id = ? GROUP BY e.theme",
                    &st, e) != 0)
        return ERR_IO;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct hv_run *run = &v->runs[i];
        run->run_id = ids->id[n - 1 - i];
        rc = hdb_bind(h, st, e, "i", run->run_id);
        int got = 0;
        while (rc == 0 && (got = hdb_step(h, st, e)) == 1) {
            run->reference_date = (int32_t)sqlite3_column_int(st, 0);
            int t = catalogue_theme_by_name(hdb_text(st, 1));
            if (t >= 0)
                run->list_size[t] = (uint32_t)sqlite3_column_int64(st, 2);
        }
        if (rc == 0 && (got < 0 || hdb_reset(h, st, e) != 0))
            rc = ERR_IO;
    }
    hdb_finalize(st);
    v->n_runs = n;
    return rc;
}

struct entry_stmts {
    sqlite3_stmt *listed, *outcome;
    const struct run_ids *ids;
    int64_t reference_date;
};

/* Consecutive earlier runs, newest first, whose theme list had the address. */
static int runs_listed(struct history *h, struct entry_stmts *s, const char *key, const char *theme,
                       uint16_t *out, struct err *e)
{
    if (hdb_bind(h, s->listed, e, "tt", key, theme) != 0)
        return ERR_IO;
    size_t j = 0;
    int got;
    while ((got = hdb_step(h, s->listed, e)) == 1 && j < s->ids->n &&
           sqlite3_column_int64(s->listed, 0) == s->ids->id[j])
        j++;
    if (got < 0 || hdb_reset(h, s->listed, e) != 0)
        return ERR_IO;
    *out = (uint16_t)(j < UINT16_MAX ? j : UINT16_MAX);
    return 0;
}

static int latest_outcome(struct history *h, struct entry_stmts *s, const char *key,
                          const char *theme, struct hv_entry *out, struct err *e)
{
    if (hdb_bind(h, s->outcome, e, "tti", key, theme, s->reference_date) != 0)
        return ERR_IO;
    int got = hdb_step(h, s->outcome, e);
    if (got == 1) {
        int st = outcome_status_by_name(hdb_text(s->outcome, 0));
        out->outcome = (uint8_t)(st > 0 ? st : OUTCOME_NONE);
        out->outcome_date = (int32_t)sqlite3_column_int(s->outcome, 1);
    }
    if (got < 0 || hdb_reset(h, s->outcome, e) != 0)
        return ERR_IO;
    return 0;
}

static int fill_entries(struct history *h, struct entry_stmts *s, const struct score_lists *r,
                        const struct history_view_opts *o, enum theme_id t, struct history_view *v,
                        struct err *e)
{
    size_t n = r->n[t] < o->top_n ? r->n[t] : o->top_n;
    v->entries[t] = calloc(n ? n : 1, sizeof *v->entries[t]);
    if (!v->entries[t])
        return err_set(e, ERR_NOMEM, "out of memory");
    v->n_entries[t] = n;
    const char *theme = catalogue_theme(t)->name;
    for (size_t i = 0; i < n; i++) {
        struct hv_entry *en = &v->entries[t][i];
        char key[ADDR_KEY_MAX];
        addr_key_text(&r->list[t][i].key, key, sizeof key);
        en->addr = r->list[t][i].addr;
        en->realerted = r->realerted[t] ? r->realerted[t][i] : 0;
        if (runs_listed(h, s, key, theme, &en->runs_listed, e) != 0 ||
            latest_outcome(h, s, key, theme, en, e) != 0)
            return ERR_IO;
    }
    return 0;
}

static int load_entries(struct history *h, const struct run_ids *ids, const struct score_lists *r,
                        const struct history_view_opts *o, struct history_view *v, struct err *e)
{
    struct entry_stmts s = {NULL, NULL, ids, o->reference_date};
    int rc = hdb_prepare(h,
                         "SELECT run FROM list_entries WHERE address = ? AND theme = ? "
                         "ORDER BY run DESC",
                         &s.listed, e);
    if (rc == 0)
        rc = hdb_prepare(h,
                         "SELECT status, date FROM outcomes WHERE address = ? AND theme = ? "
                         "AND date <= ? ORDER BY date DESC, id DESC LIMIT 1",
                         &s.outcome, e);
    for (int t = 0; t < THEME_COUNT && rc == 0; t++)
        rc = fill_entries(h, &s, r, o, (enum theme_id)t, v, e);
    hdb_finalize(s.listed);
    hdb_finalize(s.outcome);
    return rc;
}

/* Addresses on the previous run's list of a theme that are not on tonight's. */
static int count_dropped(struct history *h, const struct score_lists *r, struct history_view *v,
                         struct err *e)
{
    struct hmap tonight;
    hmap_init(&tonight);
    int rc = 0;
    for (int t = 0; t < THEME_COUNT && rc == 0; t++)
        for (size_t i = 0; i < v->n_entries[t] && rc == 0; i++) {
            char k[ADDR_KEY_MAX + 16];
            int n = snprintf(k, sizeof k, "%d|", t);
            n += addr_key_text(&r->list[t][i].key, k + n, sizeof k - (size_t)n);
            if (!hmap_put(&tonight, k, (size_t)n, 1, NULL))
                rc = err_set(e, ERR_NOMEM, "out of memory");
        }
    sqlite3_stmt *st = NULL;
    if (rc == 0 &&
        (rc = hdb_prepare(h, "SELECT theme, address FROM list_entries WHERE run = ?", &st, e)) == 0)
        rc = hdb_bind(h, st, e, "i", v->previous_run);
    int got = 0;
    while (rc == 0 && (got = hdb_step(h, st, e)) == 1) {
        int t = catalogue_theme_by_name(hdb_text(st, 0));
        char k[ADDR_KEY_MAX + 16];
        int n = snprintf(k, sizeof k, "%d|%s", t, hdb_text(st, 1));
        if (t >= 0 && n > 0 && (size_t)n < sizeof k && !hmap_get(&tonight, k, (size_t)n))
            v->dropped[t]++;
    }
    if (rc == 0 && got < 0)
        rc = ERR_IO;
    hdb_finalize(st);
    hmap_release(&tonight);
    return rc;
}

/* Per indicator and theme: listed addresses where it contributed, with the latest
 * outcome recorded for that address and theme, and how many of those confirmed. */
static const char PRECISION_SQL[] =
    "WITH latest AS ("
    "  SELECT o.address, o.theme, o.status FROM outcomes o WHERE o.id = ("
    "    SELECT o2.id FROM outcomes o2 WHERE o2.address = o.address AND o2.theme = o.theme"
    "    AND o2.date <= ?1 ORDER BY o2.date DESC, o2.id DESC LIMIT 1)),"
    " pairs AS ("
    "  SELECT DISTINCT e.address, e.theme, c.indicator FROM list_entries e"
    "  JOIN contributions c ON c.entry = e.id"
    "  WHERE EXISTS (SELECT 1 FROM latest l WHERE l.address = e.address AND l.theme = e.theme))"
    " SELECT p.indicator, p.theme, COUNT(*), SUM(l.status = 'bevestigd') FROM pairs p"
    " JOIN latest l ON l.address = p.address AND l.theme = p.theme"
    " GROUP BY p.indicator, p.theme";

static int load_precision(struct history *h, int32_t reference_date, struct history_view *v,
                          struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h, PRECISION_SQL, &st, e) != 0)
        return ERR_IO;
    if (hdb_bind(h, st, e, "i", (int64_t)reference_date) != 0) {
        hdb_finalize(st);
        return ERR_IO;
    }
    int got;
    while ((got = hdb_step(h, st, e)) == 1) {
        int ind = indicator_by_name(hdb_text(st, 0));
        int t = catalogue_theme_by_name(hdb_text(st, 1));
        if (ind < 0 || t < 0)
            continue; /* an indicator of an older vik: nothing to show it against */
        v->precision[ind][t].with_outcome = (uint32_t)sqlite3_column_int64(st, 2);
        v->precision[ind][t].confirmed = (uint32_t)sqlite3_column_int64(st, 3);
    }
    hdb_finalize(st);
    return got < 0 ? ERR_IO : 0;
}

static int load_all(struct history *h, const struct score_lists *r,
                    const struct history_view_opts *o, struct history_view *v, struct run_ids *ids,
                    struct err *e)
{
    int64_t seq;
    if (hdb_scalar(h, "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'runs'", &seq,
                   e, "") != 0 ||
        load_run_ids(h, ids, e) != 0)
        return ERR_IO;
    v->run_id = seq + 1;
    v->previous_run = ids->n ? ids->id[0] : 0;
    v->available = v->previous_run != 0;
    for (int t = 0; t < THEME_COUNT; t++)
        v->suppressed[t] = r->suppressed[t];
    if (load_runs(h, ids, v, e) != 0 || load_entries(h, ids, r, o, v, e) != 0 ||
        count_dropped(h, r, v, e) != 0)
        return ERR_IO;
    return load_precision(h, o->reference_date, v, e);
}

int history_view_load(struct history *h, const struct history_view_opts *o, struct history_view *v,
                      struct err *e)
{
    memset(v, 0, sizeof *v);
    struct run_ids ids = {NULL, 0};
    int rc = load_all(h, o->lists, o, v, &ids, e);
    free(ids.id);
    if (rc != 0)
        history_view_release(v);
    return rc;
}

void history_view_release(struct history_view *v)
{
    for (int t = 0; t < THEME_COUNT; t++)
        free(v->entries[t]);
    free(v->runs);
    memset(v, 0, sizeof *v);
}
