/*
 * suppress.c - the facts suppression needs, loaded from the history database; the
 * rule itself is score_filter (score/filter.h). See history.h.
 *
 * Why: the LIO should not discuss the same address every week because the same
 * facts are still there (issue 6 item 5). An outcome recorded for an address and
 * theme takes it off that theme's list for suppress_days - whatever the outcome,
 * since "bevestigd" and "in-onderzoek" are already in a partner's hands - unless
 * there is new material risk: tonight's score is more than realert_margin above the
 * score the address had when the coordinator looked at it (its latest listing up to
 * the outcome's date). So for each listed address this loads whether there is such
 * an outcome and that earlier score.
 *
 * vik forget (forget.c) leaves a marker per theme an address was listed on: a keyed
 * pseudonym and that score, kept for retention_days, not suppress_days (an
 * objection that succeeded does not expire after three months). This loads the
 * marker's score too; the rule treats it like an outcome's.
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

/* The facts for one listed address and theme; *e->n unchanged when there are none. */
static int load_one(struct history *h, struct supp_stmts *s, const struct history_suppress_opts *o,
                    const struct listing *l, enum theme_id t, struct suppress_set *out,
                    struct err *e)
{
    char key[ADDR_KEY_MAX];
    addr_key_text(&l->key, key, sizeof key);
    const char *theme = catalogue_theme(t)->name;
    struct suppress_entry en = {.addr = l->addr, .theme = (uint8_t)t};
    int64_t date = 0;
    if (s->outcome &&
        recent_outcome(h, s, key, theme, s->from, (int64_t)o->reference_date, &date, e) != 0)
        return ERR_IO;
    if (date != 0) {
        int found;
        if (baseline_score(h, s, key, theme, date, &en.baseline, &found, e) != 0)
            return ERR_IO;
        en.outcome = 1, en.has_baseline = (uint8_t)found;
    }
    int marked = 0;
    if (s->forgotten && forget_marker(h, s, &l->key, theme, &en.marker, &marked, e) != 0)
        return ERR_IO;
    en.forgotten = (uint8_t)marked;
    if ((en.outcome || en.forgotten) && suppress_set_add(out, &en) != 0)
        return err_set(e, ERR_NOMEM, "out of memory");
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

int history_suppress_load(struct history *h, const struct history_suppress_opts *o,
                          const struct score_result *r, struct suppress_set *out, struct err *e)
{
    suppress_set_init(out, o->realert_margin);
    struct supp_stmts s = {
        NULL, NULL, NULL,
        o->suppress_days > 0 ? hdb_ymd_minus_days(o->reference_date, o->suppress_days) : 0};
    int rc = prepare(h, o, &s, e);
    for (int t = 0; t < THEME_COUNT && rc == 0 && (s.outcome || s.forgotten); t++)
        for (size_t i = 0; i < r->n_list[t] && rc == 0; i++)
            rc = load_one(h, &s, o, &r->lists[t][i], (enum theme_id)t, out, e);
    hdb_finalize(s.outcome);
    hdb_finalize(s.baseline);
    hdb_finalize(s.forgotten);
    return rc;
}
