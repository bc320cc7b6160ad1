/*
 * store.c - storing one night in the history database, and retention.
 *
 * Why: a night is stored whole or not at all - the run with its config and input
 * checksums, the lists as written with every contribution, the linkage report,
 * the audit record - in one transaction, which the pipeline may hold open while
 * it puts its files in place (history_store_begin ... commit). Retention runs in
 * the same transaction, so the database never holds more than retention_days.
 */
#include "history/history.h"

#include "common/version.h"
#include "history/audit.h"
#include "history/hdb.h"
#include "score/fmt.h"

#include <string.h>

static int insert_inputs(struct history *h, int64_t run, const struct history_run_rec *rec,
                         struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h,
                    "INSERT INTO inputs (run, source, file, bytes, checksum, rows_read, "
                    "rows_accepted, rows_quarantined) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    &st, e) != 0)
        return ERR_IO;
    int rc = 0;
    for (size_t i = 0; i < rec->n_inputs && rc == 0; i++) {
        const struct history_input *in = &rec->inputs[i];
        rc = hdb_insert(h, st, e, "ittitiii", run, in->source, in->file, (int64_t)in->bytes,
                        in->checksum, (int64_t)in->read, (int64_t)in->accepted,
                        (int64_t)in->quarantined);
    }
    hdb_finalize(st);
    return rc;
}

/* Rows per source and match class (only the classes that occurred). */
static int insert_classes(struct history *h, int64_t run, const struct history_run_rec *rec,
                          struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h, "INSERT INTO linkage (run, source, class, rows) VALUES (?, ?, ?, ?)", &st,
                    e) != 0)
        return ERR_IO;
    int rc = 0;
    for (int s = 0; s < SRC_COUNT && rc == 0; s++)
        for (int c = 0; c < LINK_CLASS_COUNT && rc == 0; c++) {
            uint64_t n = rec->linkage->cls[s][c];
            if (rec->loaded[s] != 1 || !n)
                continue;
            rc = hdb_insert(h, st, e, "itti", run, schema_source(s)->name, link_class_code(c),
                            (int64_t)n);
        }
    hdb_finalize(st);
    return rc;
}

/* Rows and unlinked rows per neighbourhood and source ("" = buurt unknown). */
static int insert_areas(struct history *h, int64_t run, const struct history_run_rec *rec,
                        struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h,
                    "INSERT INTO linkage_neighbourhoods (run, neighbourhood, source, rows, "
                    "unlinked) VALUES (?, ?, ?, ?, ?)",
                    &st, e) != 0)
        return ERR_IO;
    int rc = 0;
    for (uint32_t i = 0; i < rec->linkage->n_areas && rc == 0; i++) {
        const struct linkage_area *a = &rec->linkage->areas[i];
        for (int s = 0; s < SRC_COUNT && rc == 0; s++) {
            if (!a->rows[s])
                continue;
            rc = hdb_insert(h, st, e, "ittii", run, a->neighbourhood ? a->neighbourhood : "",
                            schema_source(s)->name, (int64_t)a->rows[s], (int64_t)a->unlinked[s]);
        }
    }
    hdb_finalize(st);
    return rc;
}

static int insert_linkage(struct history *h, int64_t run, const struct history_run_rec *rec,
                          struct err *e)
{
    if (!rec->linkage || !rec->loaded)
        return 0;
    int rc = insert_classes(h, run, rec, e);
    return rc == 0 ? insert_areas(h, run, rec, e) : rc;
}

struct entry_stmts {
    sqlite3_stmt *entry, *contribution;
};

/* The counting contributions of one listed address: what made its score. */
static int insert_contributions(struct history *h, struct entry_stmts *s, int64_t entry,
                                const struct history_run_rec *rec, const struct listing *l,
                                enum theme_id t, struct err *e)
{
    const struct score_result *r = rec->score;
    for (size_t k = l->first_hit; k < (size_t)l->first_hit + l->n_hits; k++) {
        if (!score_hit_counts(r, rec->score_opts, l, k, t))
            continue;
        const struct hit *hit = &r->hits[k];
        /* the sentence as the list printed it: value, reference, threshold and weight */
        char sentence[1024];
        fmt_contribution(sentence, sizeof sentence, hit->ind, &rec->score_opts->ind[hit->ind],
                         hit->strength, hit->rarity, hit->grade, hit->reason ? hit->reason : "");
        if (hdb_insert(h, s->contribution, e, "itdt", entry, indicator_desc(hit->ind)->name,
                       (double)hit->contribution, sentence) != 0)
            return ERR_IO;
    }
    return 0;
}

static int insert_entry(struct history *h, struct entry_stmts *s, int64_t run,
                        const struct history_run_rec *rec, enum theme_id t, size_t i, struct err *e)
{
    const struct listing *l = &rec->lists->list[t][i];
    char key[ADDR_KEY_MAX], letter[2] = {l->key.letter, '\0'};
    addr_key_text(&l->key, key, sizeof key);
    int64_t realerted = rec->lists->realerted[t] ? rec->lists->realerted[t][i] : 0;
    if (hdb_insert(h, s->entry, e, "itittittdi", run, catalogue_theme(t)->name, (int64_t)(i + 1),
                   key, l->key.postcode, (int64_t)l->key.number, letter, l->key.suffix,
                   (double)l->score, realerted) != 0)
        return ERR_IO;
    return insert_contributions(h, s, sqlite3_last_insert_rowid(h->db), rec, l, t, e);
}

static int insert_lists(struct history *h, int64_t run, const struct history_run_rec *rec,
                        struct err *e)
{
    struct entry_stmts s = {NULL, NULL};
    int rc = hdb_prepare(h,
                         "INSERT INTO list_entries (run, theme, rank, address, postcode, "
                         "house_number, house_letter, house_suffix, score, realerted) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         &s.entry, e);
    if (rc == 0)
        rc = hdb_prepare(h,
                         "INSERT INTO contributions (entry, indicator, contribution, reason) "
                         "VALUES (?, ?, ?, ?)",
                         &s.contribution, e);
    for (int t = 0; t < THEME_COUNT && rc == 0; t++) {
        size_t n = rec->lists->n[t] < rec->top_n ? rec->lists->n[t] : rec->top_n;
        for (size_t i = 0; i < n && rc == 0; i++)
            rc = insert_entry(h, &s, run, rec, (enum theme_id)t, i, e);
    }
    hdb_finalize(s.entry);
    hdb_finalize(s.contribution);
    return rc;
}

/* Retention (docs/privacy.md, retention): runs with their inputs, lists and contributions, and
 * outcomes, dated before reference date - retention_days; configs no run uses; audit
 * records dated before that day, oldest first (audit_retain), and forget markers. */
static int apply_retention(struct history *h, const struct history_run_rec *rec, int64_t run,
                           struct history_purged *purged, struct err *e)
{
    int64_t cutoff = hdb_ymd_minus_days(rec->reference_date, rec->retention_days);
    if (hdb_write(h, "DELETE FROM runs WHERE reference_date < ? AND id <> ?", &purged->runs, e,
                  "ii", cutoff, run) != 0 ||
        hdb_write(h, "DELETE FROM outcomes WHERE date < ?", &purged->outcomes, e, "i", cutoff) !=
            0 ||
        hdb_exec(h, "DELETE FROM configs WHERE hash NOT IN (SELECT config_hash FROM runs)",
                 "retention of configs", e) != 0 ||
        hdb_write(h, "DELETE FROM forgotten WHERE date < ?", &purged->forgotten, e, "i", cutoff) !=
            0)
        return ERR_IO;
    return audit_retain(h, (int32_t)cutoff, &purged->audit, e);
}

static int insert_run(struct history *h, const struct history_run_rec *rec, int64_t *run,
                      struct err *e)
{
    static const char RUN[] = "INSERT INTO runs (id, started, finished, version, config_hash, "
                              "reference_date, status) VALUES (?, ?, ?, ?, ?, ?, 'ok')";
    if (hdb_write(h, "INSERT OR IGNORE INTO configs (hash, text) VALUES (?, ?)", NULL, e, "tt",
                  rec->config_hash, rec->config_text) != 0)
        return ERR_IO;
    int rc =
        rec->id > 0
            ? hdb_write(h, RUN, NULL, e, "itttti", rec->id, rec->started, rec->finished,
                        VIK_VERSION, rec->config_hash, (int64_t)rec->reference_date)
            : hdb_write(h, RUN, NULL, e, "ttttti", (const char *)NULL, rec->started, rec->finished,
                        VIK_VERSION, rec->config_hash, (int64_t)rec->reference_date);
    *run = sqlite3_last_insert_rowid(h->db);
    return rc;
}

int history_store_begin(struct history *h, const struct history_run_rec *rec, int64_t *run_id,
                        struct history_purged *purged, struct err *e)
{
    int64_t run = 0;
    memset(purged, 0, sizeof *purged);
    if (hdb_begin(h, e) != 0)
        return ERR_IO;
    int rc = insert_run(h, rec, &run, e);
    if (rc == 0)
        rc = insert_inputs(h, run, rec, e);
    if (rc == 0)
        rc = insert_lists(h, run, rec, e);
    if (rc == 0)
        rc = insert_linkage(h, run, rec, e);
    if (rc == 0 && rec->retention_days > 0)
        rc = apply_retention(h, rec, run, purged, e);
    if (rc != 0) {
        hdb_rollback(h);
        return rc;
    }
    *run_id = run;
    return 0;
}

int history_store_commit(struct history *h, struct err *e)
{
    return hdb_commit(h, e) == 0 ? 0 : ERR_IO;
}

void history_store_rollback(struct history *h)
{
    hdb_rollback(h);
}

int history_record_run(struct history *h, const struct history_run_rec *rec, int64_t *run_id,
                       struct history_purged *purged, struct err *e)
{
    int64_t run = 0;
    int rc = history_store_begin(h, rec, &run, purged, e);
    if (rc == 0)
        rc = history_store_commit(h, e);
    if (rc == 0)
        *run_id = run;
    return rc;
}

int history_purge(struct history *h, int32_t reference_date, int retention_days,
                  struct history_purged *purged, struct err *e)
{
    struct history_run_rec rec;
    memset(&rec, 0, sizeof rec);
    memset(purged, 0, sizeof *purged);
    rec.reference_date = reference_date;
    rec.retention_days = retention_days;
    if (hdb_begin(h, e) != 0)
        return ERR_IO;
    int rc = apply_retention(h, &rec, 0, purged, e); /* run ids start at 1: none kept */
    if (rc != 0) {
        hdb_rollback(h);
        return rc;
    }
    return hdb_commit(h, e) == 0 ? 0 : ERR_IO;
}
