/*
 * history.c - opening the database (schema and forward migrations) and storing a
 * night; see history.h. The SQL helpers of hdb.h live here too.
 *
 * Migrations are a table of SQL steps: MIGRATIONS[v - 1] brings a database of
 * version v - 1 to version v and sets user_version itself, so a step and its
 * version number can never disagree. A step is never edited once released (a
 * database out there was built by it); a change is a new step at the end.
 */
#include "history/history.h"

#include "common/date.h"
#include "common/fsutil.h"
#include "common/version.h"
#include "history/audit.h"
#include "history/hdb.h"
#include "score/fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const MIGRATIONS[HISTORY_SCHEMA_VERSION] = {
    /* 1: the schema of issue 6 */
    "CREATE TABLE configs (\n"
    "  hash TEXT PRIMARY KEY,\n"
    "  text TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE runs (\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  started TEXT NOT NULL,\n"
    "  finished TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  config_hash TEXT NOT NULL REFERENCES configs(hash),\n"
    "  reference_date INTEGER NOT NULL,\n"
    "  status TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE inputs (\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  source TEXT NOT NULL,\n"
    "  file TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  checksum TEXT NOT NULL,\n"
    "  rows_read INTEGER NOT NULL,\n"
    "  rows_accepted INTEGER NOT NULL,\n"
    "  rows_quarantined INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run, source)\n"
    ");\n"
    "CREATE TABLE list_entries (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  theme TEXT NOT NULL,\n"
    "  rank INTEGER NOT NULL,\n"
    "  address TEXT NOT NULL,\n"
    "  postcode TEXT NOT NULL,\n"
    "  house_number INTEGER NOT NULL,\n"
    "  house_letter TEXT NOT NULL,\n"
    "  house_suffix TEXT NOT NULL,\n"
    "  score REAL NOT NULL,\n"
    "  UNIQUE (run, theme, rank)\n"
    ");\n"
    "CREATE TABLE contributions (\n"
    "  entry INTEGER NOT NULL REFERENCES list_entries(id) ON DELETE CASCADE,\n"
    "  indicator TEXT NOT NULL,\n"
    "  contribution REAL NOT NULL,\n"
    "  reason TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX contributions_entry ON contributions(entry);\n"
    "CREATE TABLE outcomes (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  address TEXT NOT NULL,\n"
    "  theme TEXT NOT NULL,\n"
    "  status TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  note TEXT NOT NULL DEFAULT '',\n"
    "  recorded_at TEXT NOT NULL\n"
    ");\n"
    "PRAGMA user_version = 1;\n",
    /* 2: re-alerted entries are marked; suppression, diff and the report look up an
     * address's earlier listings and outcomes, which without these indexes is a scan
     * of every stored list per listed address */
    "ALTER TABLE list_entries ADD COLUMN realerted INTEGER NOT NULL DEFAULT 0;\n"
    "CREATE INDEX list_entries_address ON list_entries(address, theme, run);\n"
    "CREATE INDEX outcomes_address ON outcomes(address, theme, date);\n"
    "PRAGMA user_version = 2;\n",
    /* 3: the linkage report of every run (issue 4: per source and class, and the
     * unlinked share per neighbourhood), so that a night's linkage can be compared
     * with the nights before it after its linkage.csv has been replaced */
    "CREATE TABLE linkage (\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  source TEXT NOT NULL,\n"
    "  class TEXT NOT NULL,\n"
    "  rows INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run, source, class)\n"
    ");\n"
    "CREATE TABLE linkage_neighbourhoods (\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  neighbourhood TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  rows INTEGER NOT NULL,\n"
    "  unlinked INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run, neighbourhood, source)\n"
    ");\n"
    "PRAGMA user_version = 3;\n",
    /* 4: the audit trail of issue 11 (history/audit.h): one hash-chained record per
     * command that reads or changes personal data, never updated and removed only
     * oldest first behind the anchor (the triggers are guard rails; the chain is
     * the proof); the clear address of a record apart from it, so that vik forget
     * can remove it without breaking the chain; and what vik forget keeps of an
     * address - a keyed pseudonym and the score per theme it was listed on - so
     * that a later night lists it again only on new evidence */
    "CREATE TABLE audit (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  at TEXT NOT NULL,\n"
    "  os_user TEXT NOT NULL,\n"
    "  command TEXT NOT NULL,\n"
    "  subject TEXT NOT NULL,\n"
    "  run INTEGER NOT NULL,\n"
    "  args TEXT NOT NULL,\n"
    "  config_hash TEXT NOT NULL,\n"
    "  status INTEGER NOT NULL,\n"
    "  result TEXT NOT NULL,\n"
    "  hash TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX audit_subject ON audit(subject);\n"
    "CREATE TABLE audit_anchor (\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  last_removed INTEGER NOT NULL,\n"
    "  hash TEXT NOT NULL,\n"
    "  removed_at TEXT NOT NULL,\n"
    "  mac TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE audit_addresses (\n"
    "  seq INTEGER PRIMARY KEY REFERENCES audit(seq) ON DELETE CASCADE,\n"
    "  address TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX audit_addresses_address ON audit_addresses(address);\n"
    "CREATE TABLE forgotten (\n"
    "  subject TEXT NOT NULL,\n"
    "  theme TEXT NOT NULL,\n"
    "  score REAL NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  PRIMARY KEY (subject, theme)\n"
    ");\n"
    "CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'audit records are never changed'); END;\n"
    "CREATE TRIGGER audit_removed_oldest_first BEFORE DELETE ON audit\n"
    "WHEN OLD.seq > COALESCE((SELECT last_removed FROM audit_anchor WHERE id = 1), 0)\n"
    "BEGIN SELECT RAISE(ABORT, 'audit records are removed only by retention, oldest first'); "
    "END;\n"
    "PRAGMA user_version = 4;\n",
};

const char *history_migration_sql(int version)
{
    if (version < 1 || version > HISTORY_SCHEMA_VERSION)
        return NULL;
    return MIGRATIONS[version - 1];
}

/* ---------------------------------------------------------------- helpers (hdb.h) */

int hdb_fail(struct history *h, const char *what, struct err *e)
{
    return err_set(e, ERR_IO, "history database '%s': %s: %s", h->path, what,
                   h->db ? sqlite3_errmsg(h->db) : "not open");
}

int hdb_exec(struct history *h, const char *sql, const char *what, struct err *e)
{
    if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return hdb_fail(h, what, e);
    return 0;
}

int hdb_prepare(struct history *h, const char *sql, sqlite3_stmt **st, struct err *e)
{
    *st = NULL;
    if (sqlite3_prepare_v2(h->db, sql, -1, st, NULL) != SQLITE_OK)
        return hdb_fail(h, "prepare", e);
    return 0;
}

static int bind_va(sqlite3_stmt *st, const char *fmt, va_list ap)
{
    int rc = SQLITE_OK;
    for (int i = 0; fmt[i] && rc == SQLITE_OK; i++) {
        if (fmt[i] == 'i') {
            rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        } else if (fmt[i] == 'd') {
            rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
        } else {
            const char *s = va_arg(ap, const char *);
            rc = s ? sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT)
                   : sqlite3_bind_null(st, i + 1);
        }
    }
    return rc;
}

int hdb_bind(struct history *h, sqlite3_stmt *st, struct err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bind_va(st, fmt, ap);
    va_end(ap);
    return rc == SQLITE_OK ? 0 : hdb_fail(h, "bind", e);
}

int hdb_insert(struct history *h, sqlite3_stmt *st, struct err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bind_va(st, fmt, ap);
    va_end(ap);
    if (rc != SQLITE_OK)
        return hdb_fail(h, "bind", e);
    if (hdb_step(h, st, e) < 0)
        return ERR_IO;
    return hdb_reset(h, st, e);
}

int hdb_step(struct history *h, sqlite3_stmt *st, struct err *e)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    hdb_fail(h, "step", e);
    return -1;
}

int hdb_reset(struct history *h, sqlite3_stmt *st, struct err *e)
{
    if (sqlite3_reset(st) != SQLITE_OK || sqlite3_clear_bindings(st) != SQLITE_OK)
        return hdb_fail(h, "reset", e);
    return 0;
}

void hdb_finalize(sqlite3_stmt *st)
{
    /* the return code repeats the last step's, which was checked there */
    (void)sqlite3_finalize(st);
}

const char *hdb_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? (const char *)s : "";
}

int hdb_scalar(struct history *h, const char *sql, int64_t *out, struct err *e, const char *fmt,
               ...)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h, sql, &st, e) != 0)
        return ERR_IO;
    va_list ap;
    va_start(ap, fmt);
    int rc = bind_va(st, fmt, ap);
    va_end(ap);
    if (rc != SQLITE_OK) {
        hdb_finalize(st);
        return hdb_fail(h, "bind", e);
    }
    int got = hdb_step(h, st, e);
    *out = got == 1 ? sqlite3_column_int64(st, 0) : 0;
    hdb_finalize(st);
    return got < 0 ? ERR_IO : 0;
}

int hdb_begin(struct history *h, struct err *e)
{
    return hdb_exec(h, "BEGIN IMMEDIATE", "begin transaction", e);
}

int hdb_commit(struct history *h, struct err *e)
{
    if (hdb_exec(h, "COMMIT", "commit", e) == 0)
        return 0;
    hdb_rollback(h);
    return ERR_IO;
}

void hdb_rollback(struct history *h)
{
    /* fails only when no transaction is open (SQLite rolled back itself) */
    if (sqlite3_get_autocommit(h->db) == 0)
        (void)sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

void history_now(char out[24])
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 24, "unknown");
}

void hdb_address_text(const char *postcode, int64_t number, const char *letter, const char *suffix,
                      char *buf, size_t size)
{
    if (suffix[0])
        snprintf(buf, size, "%s %lld%s-%s", postcode, (long long)number, letter, suffix);
    else
        snprintf(buf, size, "%s %lld%s", postcode, (long long)number, letter);
}

/* ---------------------------------------------------------------- open and migrate */

/* Bring the schema from `from` to HISTORY_SCHEMA_VERSION: all steps or none. */
static int migrate(struct history *h, struct err *e)
{
    if (hdb_begin(h, e) != 0)
        return ERR_IO;
    int64_t from; /* read again under the write lock: another process may have migrated */
    if (hdb_scalar(h, "PRAGMA user_version", &from, e, "") != 0) {
        hdb_rollback(h);
        return ERR_IO;
    }
    for (int64_t v = from + 1; v <= HISTORY_SCHEMA_VERSION; v++)
        if (hdb_exec(h, MIGRATIONS[v - 1], "schema migration", e) != 0) {
            hdb_rollback(h);
            return ERR_IO;
        }
    return hdb_commit(h, e);
}

static int check_version(struct history *h, struct err *e)
{
    int64_t v;
    if (hdb_scalar(h, "PRAGMA user_version", &v, e, "") != 0)
        return ERR_IO;
    if (v > HISTORY_SCHEMA_VERSION)
        return err_set(e, ERR_IO,
                       "history database '%s': schema version %lld is newer than this vik "
                       "(%d, version %s): use the vik that wrote it",
                       h->path, (long long)v, HISTORY_SCHEMA_VERSION, VIK_VERSION);
    return v < HISTORY_SCHEMA_VERSION ? migrate(h, e) : 0;
}

/* The database holds the lists: create it readable by its owner only (SQLite gives
 * the -wal and -shm files the same mode). Its folder is created when missing. */
static int create_private(struct history *h, struct err *e)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", h->path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        if (fs_mkdirs(dir) != 0)
            return err_set(e, ERR_IO, "cannot create folder '%s' for the history database: %s", dir,
                           strerror(errno));
    }
    int fd = open(h->path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(e, ERR_IO, "cannot create history database '%s': %s", h->path,
                       strerror(errno));
    close(fd);
    return 0;
}

static int configure(struct history *h, struct err *e)
{
    if (sqlite3_extended_result_codes(h->db, 1) != SQLITE_OK ||
        sqlite3_busy_timeout(h->db, 30000) != SQLITE_OK)
        return hdb_fail(h, "configure", e);
    /* secure_delete: what retention and vik forget delete is overwritten, not left
     * readable in free pages of the file */
    if (hdb_exec(h, "PRAGMA foreign_keys = ON", "foreign keys", e) != 0 ||
        hdb_exec(h, "PRAGMA secure_delete = ON", "secure delete", e) != 0 ||
        hdb_exec(h, "PRAGMA journal_mode = WAL", "WAL journal", e) != 0)
        return ERR_IO;
    return check_version(h, e);
}

int history_open(struct history *h, const char *path, enum history_open_mode mode, struct err *e)
{
    memset(h, 0, sizeof *h);
    snprintf(h->path, sizeof h->path, "%s", path);
    if (mode == HISTORY_EXISTING && access(path, F_OK) != 0)
        return err_set(e, ERR_IO, "no history database '%s' (vik run writes it)", path);
    if (mode == HISTORY_CREATE && access(path, F_OK) != 0 && create_private(h, e) != 0)
        return ERR_IO;
    struct sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    h->db = db;
    if (rc != SQLITE_OK) {
        hdb_fail(h, "open", e);
        history_close(h);
        return ERR_IO;
    }
    if (configure(h, e) != 0) {
        history_close(h);
        return ERR_IO;
    }
    return 0;
}

void history_close(struct history *h)
{
    if (h->db)
        (void)sqlite3_close(h->db); /* every statement is finalized: cannot be busy */
    h->db = NULL;
    sodium_memzero(h->chain_key, sizeof h->chain_key);
    sodium_memzero(h->subject_key, sizeof h->subject_key);
    h->keyed = 0;
}

/* ---------------------------------------------------------------- recording a run */

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

int32_t hdb_ymd_minus_days(int32_t ymd, int days)
{
    return date_add_days(ymd, -(long)days);
}

/* Retention (docs/privacy.md, retention): runs with their inputs, lists and contributions, and
 * outcomes, dated before reference date - retention_days; configs no run uses; audit
 * records dated before that day, oldest first (audit_retain), and forget markers. */
static int apply_retention(struct history *h, const struct history_run_rec *rec, int64_t run,
                           struct history_purged *purged, struct err *e)
{
    int64_t cutoff = hdb_ymd_minus_days(rec->reference_date, rec->retention_days);
    sqlite3_stmt *st;
    if (hdb_prepare(h, "DELETE FROM runs WHERE reference_date < ? AND id <> ?", &st, e) != 0)
        return ERR_IO;
    int rc = hdb_bind(h, st, e, "ii", cutoff, run);
    if (rc == 0 && hdb_step(h, st, e) < 0)
        rc = ERR_IO;
    purged->runs = (uint64_t)sqlite3_changes(h->db);
    hdb_finalize(st);
    if (rc != 0 || hdb_prepare(h, "DELETE FROM outcomes WHERE date < ?", &st, e) != 0)
        return ERR_IO;
    rc = hdb_bind(h, st, e, "i", cutoff);
    if (rc == 0 && hdb_step(h, st, e) < 0)
        rc = ERR_IO;
    purged->outcomes = (uint64_t)sqlite3_changes(h->db);
    hdb_finalize(st);
    if (rc != 0 ||
        hdb_exec(h, "DELETE FROM configs WHERE hash NOT IN (SELECT config_hash FROM runs)",
                 "retention of configs", e) != 0)
        return ERR_IO;
    if (hdb_prepare(h, "DELETE FROM forgotten WHERE date < ?", &st, e) != 0)
        return ERR_IO;
    rc = hdb_insert(h, st, e, "i", cutoff);
    purged->forgotten = (uint64_t)sqlite3_changes(h->db);
    hdb_finalize(st);
    return rc == 0 ? audit_retain(h, (int32_t)cutoff, &purged->audit, e) : rc;
}

static int insert_run(struct history *h, const struct history_run_rec *rec, int64_t *run,
                      struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h, "INSERT OR IGNORE INTO configs (hash, text) VALUES (?, ?)", &st, e) != 0)
        return ERR_IO;
    int rc = hdb_bind(h, st, e, "tt", rec->config_hash, rec->config_text);
    if (rc == 0 && hdb_step(h, st, e) < 0)
        rc = ERR_IO;
    hdb_finalize(st);
    if (rc != 0 || hdb_prepare(h,
                               "INSERT INTO runs (id, started, finished, version, config_hash, "
                               "reference_date, status) VALUES (?, ?, ?, ?, ?, ?, 'ok')",
                               &st, e) != 0)
        return ERR_IO;
    if (rec->id > 0)
        rc = hdb_bind(h, st, e, "itttti", rec->id, rec->started, rec->finished, VIK_VERSION,
                      rec->config_hash, (int64_t)rec->reference_date);
    else
        rc = hdb_bind(h, st, e, "ttttti", (const char *)NULL, rec->started, rec->finished,
                      VIK_VERSION, rec->config_hash, (int64_t)rec->reference_date);
    if (rc == 0 && hdb_step(h, st, e) < 0)
        rc = ERR_IO;
    hdb_finalize(st);
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
