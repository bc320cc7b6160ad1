/*
 * forget.c - vik forget: remove an address's stored history after a successful
 * objection or a correction (AVG art. 17 and 21; issue 11); see history.h.
 *
 * Why a file of its own: it is the one operation that deletes personal data on
 * request rather than by date, and it has to be thorough - every table that holds
 * the address (list_entries with their contributions, outcomes, the clear address
 * beside audit records) - and leave an account of itself that says that it happened
 * and why, not what was stored.
 *
 * What stays: per theme on whose list the address had stood, a marker of a keyed
 * pseudonym of the address and the latest score it was listed with (forgotten).
 * Without it, the same facts would list the address again the very next night and
 * the objection would be undone; with it, the address comes back on that theme only
 * when its score rises by more than realert_margin - new evidence, the rule that
 * already ends an outcome's suppression (suppress.c). On a theme it was never
 * listed on, any listing is new. The marker lives for retention_days, as the data
 * it replaces would have.
 *
 * Deleted rows are overwritten (secure_delete, set for every connection) and the
 * write-ahead log is checkpointed and truncated afterwards, so that the address is
 * not left in the database files either.
 */
#include "history/audit.h"

#include "history/hdb.h"

#include <stdio.h>
#include <string.h>

/* One marker per theme it was listed on: the latest listing's score. */
static int mark(struct history *h, const char *key, const char *subject, int32_t date,
                uint64_t *themes, struct err *e)
{
    return hdb_write(h,
                     "INSERT OR REPLACE INTO forgotten (subject, theme, score, date) "
                     "SELECT ?1, e.theme, e.score, ?2 FROM list_entries e "
                     "WHERE e.address = ?3 AND e.run = (SELECT MAX(x.run) FROM list_entries x "
                     "WHERE x.address = ?3 AND x.theme = e.theme)",
                     themes, e, "tit", subject, (int64_t)date, key);
}

/* DELETE ... WHERE address = ?; *n gets the rows removed. */
static int remove_rows(struct history *h, const char *sql, const char *key, uint64_t *n,
                       struct err *e)
{
    return hdb_write(h, sql, n, e, "t", key);
}

static int remove_all(struct history *h, const char *key, const char *subject,
                      const struct history_forget_req *req, struct history_forgotten *n,
                      struct err *e)
{
    int64_t contributions;
    if (mark(h, key, subject, req->date, &n->themes, e) != 0 ||
        hdb_scalar(h,
                   "SELECT COUNT(*) FROM contributions WHERE entry IN "
                   "(SELECT id FROM list_entries WHERE address = ?)",
                   &contributions, e, "t", key) != 0)
        return ERR_IO;
    n->contributions = (uint64_t)contributions;
    if (remove_rows(h, "DELETE FROM list_entries WHERE address = ?", key, &n->entries, e) != 0 ||
        remove_rows(h, "DELETE FROM outcomes WHERE address = ?", key, &n->outcomes, e) != 0 ||
        remove_rows(h, "DELETE FROM audit_addresses WHERE address = ?", key, &n->addresses, e) != 0)
        return ERR_IO;
    char args[300], result[200];
    snprintf(args, sizeof args, "reason=%s", req->reason);
    snprintf(result, sizeof result,
             "removed list_entries=%llu contributions=%llu outcomes=%llu audit_addresses=%llu "
             "marked_themes=%llu",
             (unsigned long long)n->entries, (unsigned long long)n->contributions,
             (unsigned long long)n->outcomes, (unsigned long long)n->addresses,
             (unsigned long long)n->themes);
    struct audit_rec rec = {.command = "forget",
                            .address = req->key, /* its pseudonym only: the address goes */
                            .args = args,
                            .config_hash = req->config_hash,
                            .result = result};
    return audit_append(h, &rec, e);
}

/* Move the write-ahead log into the database and empty it: the old pages go too.
 * Another connection reading at this moment keeps it (n->log_kept). */
static void checkpoint(struct history *h, struct history_forgotten *n)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(h->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    n->log_kept = rc != SQLITE_OK;
}

int history_forget(struct history *h, const struct history_forget_req *req,
                   struct history_forgotten *n, struct err *e)
{
    memset(n, 0, sizeof *n);
    if (!h->keyed)
        return err_set(e, ERR_IO, "history database '%s': vik forget needs the key (key_file)",
                       h->path);
    char key[ADDR_KEY_MAX], subject[AUDIT_SUBJECT_HEX];
    addr_key_text(req->key, key, sizeof key);
    audit_subject(h, req->key, subject);
    if (hdb_begin(h, e) != 0)
        return ERR_IO;
    int rc = remove_all(h, key, subject, req, n, e);
    if (rc != 0) {
        hdb_rollback(h);
        return rc;
    }
    if (hdb_commit(h, e) != 0)
        return ERR_IO;
    checkpoint(h, n);
    return 0;
}

int history_last_forget(struct history *h, int64_t *seq, struct err *e)
{
    return hdb_scalar(h, "SELECT COALESCE(MAX(seq), 0) FROM audit WHERE command = 'forget'", seq, e,
                      "");
}
