/*
 * suppress.c - outcomes keep handled addresses off the lists; see history.h.
 *
 * Why: the LIO should not discuss the same address every week because the same
 * facts are still there (issue 6 item 5). An outcome recorded for an address and
 * theme takes it off that theme's list for suppress_days - whatever the outcome,
 * since "bevestigd" and "in-onderzoek" are already in a partner's hands - unless
 * there is new material risk: tonight's score is more than realert_margin above the
 * score the address had when the coordinator looked at it (its latest listing up to
 * the outcome's date). Without such a listing there is no earlier score to compare
 * with, and the outcome suppresses.
 *
 * vik forget (forget.c) leaves a marker per theme an address was listed on: a keyed
 * pseudonym and that score. It works like an outcome whose earlier score is the
 * marker's - the address stays off the theme's list unless its score rose by more
 * than realert_margin (new evidence) - but for as long as the marker is kept
 * (retention_days), not suppress_days: an objection that succeeded does not expire
 * after three months.
 */
#include "history/history.h"

#include "history/audit.h"
#include "history/hdb.h"

#include <stdlib.h>
#include <string.h>

struct supp_stmts {
    sqlite3_stmt *outcome, *baseline; /* NULL when no outcome is recent enough */
    sqlite3_stmt *forgotten;          /* NULL when there is no forget marker */
    int64_t from;                     /* YYYYMMDD: the first day an outcome still suppresses */
};

/* The date of the latest outcome for (key, theme) within [from, to]; 0 when none. */
static int recent_outcome(struct history *h, struct supp_stmts *s, const char *key,
                          const char *theme, int64_t from, int64_t to, int64_t *date, struct err *e)
{
    *date = 0;
    if (hdb_bind(h, s->outcome, e, "ttii", key, theme, from, to) != 0)
        return ERR_IO;
    int got = hdb_step(h, s->outcome, e);
    if (got == 1)
        *date = sqlite3_column_int64(s->outcome, 0);
    if (got < 0 || hdb_reset(h, s->outcome, e) != 0)
        return ERR_IO;
    return 0;
}

/* The score on the latest run up to `date` that listed (key, theme); *found 0 when none. */
static int baseline_score(struct history *h, struct supp_stmts *s, const char *key,
                          const char *theme, int64_t date, double *score, int *found, struct err *e)
{
    if (hdb_bind(h, s->baseline, e, "tti", key, theme, date) != 0)
        return ERR_IO;
    int got = hdb_step(h, s->baseline, e);
    *found = got == 1;
    *score = got == 1 ? sqlite3_column_double(s->baseline, 0) : 0;
    if (got < 0 || hdb_reset(h, s->baseline, e) != 0)
        return ERR_IO;
    return 0;
}

/* The score in a vik forget marker for (address, theme); *found 0 when none. */
static int forget_marker(struct history *h, struct supp_stmts *s, const struct addr_key *k,
                         const char *theme, double *score, int *found, struct err *e)
{
    char subject[AUDIT_SUBJECT_HEX];
    audit_subject(h, k, subject);
    if (hdb_bind(h, s->forgotten, e, "tt", subject, theme) != 0)
        return ERR_IO;
    int got = hdb_step(h, s->forgotten, e);
    *found = got == 1;
    *score = got == 1 ? sqlite3_column_double(s->forgotten, 0) : 0;
    if (got < 0 || hdb_reset(h, s->forgotten, e) != 0)
        return ERR_IO;
    return 0;
}

/* The outcome rule: 1 keep (*realert when by the margin), 0 suppress, -1 error. */
static int outcome_allows(struct history *h, struct supp_stmts *s,
                          const struct history_suppress_opts *o, const struct listing *l,
                          const char *key, const char *theme, uint8_t *realert, struct err *e)
{
    int64_t date = 0;
    if (s->outcome &&
        recent_outcome(h, s, key, theme, s->from, (int64_t)o->reference_date, &date, e) != 0)
        return -1;
    if (date == 0)
        return 1;
    double before;
    int found;
    if (baseline_score(h, s, key, theme, date, &before, &found, e) != 0)
        return -1;
    if (found && (double)l->score > before + o->realert_margin)
        return *realert = 1, 1;
    return 0;
}

/* The forget rule, alike against the marker's score. */
static int forget_allows(struct history *h, struct supp_stmts *s,
                         const struct history_suppress_opts *o, const struct listing *l,
                         const char *theme, uint8_t *realert, struct err *e)
{
    double before;
    int found = 0;
    if (s->forgotten && forget_marker(h, s, &l->key, theme, &before, &found, e) != 0)
        return -1;
    if (!found)
        return 1;
    if ((double)l->score > before + o->realert_margin)
        return *realert = 1, 1;
    return 0;
}

/* Keep (1, *realert set) or suppress (0, *by_forget when a marker did) one listed
 * address; -1 on error. */
static int decide(struct history *h, struct supp_stmts *s, const struct history_suppress_opts *o,
                  const struct listing *l, enum theme_id t, uint8_t *realert, int *by_forget,
                  struct err *e)
{
    char key[ADDR_KEY_MAX];
    addr_key_text(&l->key, key, sizeof key);
    const char *theme = catalogue_theme(t)->name;
    *realert = 0;
    *by_forget = 0;
    int keep = outcome_allows(h, s, o, l, key, theme, realert, e);
    if (keep != 1)
        return keep;
    keep = forget_allows(h, s, o, l, theme, realert, e);
    *by_forget = keep == 0;
    return keep;
}

/* Compact one theme's list in place, keeping the entries decide() keeps. */
static int filter_theme(struct history *h, struct supp_stmts *s,
                        const struct history_suppress_opts *o, struct score_result *r,
                        enum theme_id t, struct history_suppression *out, struct err *e)
{
    size_t w = 0;
    for (size_t i = 0; i < r->n_list[t]; i++) {
        uint8_t realert;
        int by_forget;
        int keep = decide(h, s, o, &r->lists[t][i], t, &realert, &by_forget, e);
        if (keep < 0)
            return ERR_IO;
        if (!keep) {
            out->suppressed[t]++;
            out->forgotten[t] += by_forget != 0;
            continue;
        }
        r->lists[t][w] = r->lists[t][i];
        out->realerted[t][w++] = realert;
    }
    r->n_list[t] = w;
    return 0;
}

static int alloc_flags(struct score_result *r, struct history_suppression *out, struct err *e)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        out->realerted[t] = calloc(r->n_list[t] ? r->n_list[t] : 1, 1);
        if (!out->realerted[t])
            return err_set(e, ERR_NOMEM, "out of memory");
    }
    return 0;
}

/* The statements the night needs: none on the usual night without recent outcomes
 * or forget markers. */
static int prepare(struct history *h, const struct history_suppress_opts *o, struct supp_stmts *s,
                   struct err *e)
{
    int64_t recent = 0, markers;
    if (o->suppress_days > 0 &&
        hdb_scalar(h, "SELECT COUNT(*) FROM outcomes WHERE date BETWEEN ? AND ?", &recent, e, "ii",
                   s->from, (int64_t)o->reference_date) != 0)
        return ERR_IO;
    if (hdb_scalar(h, "SELECT COUNT(*) FROM forgotten", &markers, e, "") != 0)
        return ERR_IO;
    if (markers && !h->keyed)
        return err_set(e, ERR_IO, "history database '%s': forget markers need the key (key_file)",
                       h->path);
    if (recent && (hdb_prepare(h,
                               "SELECT date FROM outcomes WHERE address = ? AND theme = ? "
                               "AND date BETWEEN ? AND ? ORDER BY date DESC, id DESC LIMIT 1",
                               &s->outcome, e) != 0 ||
                   hdb_prepare(h,
                               "SELECT e.score FROM list_entries e JOIN runs r ON r.id = e.run "
                               "WHERE e.address = ? AND e.theme = ? AND r.reference_date <= ? "
                               "ORDER BY r.reference_date DESC, r.id DESC LIMIT 1",
                               &s->baseline, e) != 0))
        return ERR_IO;
    if (markers && hdb_prepare(h, "SELECT score FROM forgotten WHERE subject = ? AND theme = ?",
                               &s->forgotten, e) != 0)
        return ERR_IO;
    return 0;
}

int history_suppress(struct history *h, const struct history_suppress_opts *o,
                     struct score_result *r, struct history_suppression *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    if (alloc_flags(r, out, e) != 0)
        return ERR_NOMEM;
    struct supp_stmts s = {
        NULL, NULL, NULL,
        o->suppress_days > 0 ? hdb_ymd_minus_days(o->reference_date, o->suppress_days) : 0};
    int rc = prepare(h, o, &s, e);
    for (int t = 0; t < THEME_COUNT && rc == 0 && (s.outcome || s.forgotten); t++)
        rc = filter_theme(h, &s, o, r, (enum theme_id)t, out, e);
    hdb_finalize(s.outcome);
    hdb_finalize(s.baseline);
    hdb_finalize(s.forgotten);
    return rc;
}

void history_suppression_release(struct history_suppression *s)
{
    for (int t = 0; t < THEME_COUNT; t++)
        free(s->realerted[t]);
    memset(s, 0, sizeof *s);
}
