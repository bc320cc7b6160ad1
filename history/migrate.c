/*
 * migrate.c - the history database's schema, as forward migrations.
 *
 * Migrations are a table of SQL steps: MIGRATIONS[v - 1] brings a database of
 * version v - 1 to version v and sets user_version itself, so a step and its
 * version number can never disagree. A step is never edited once released (a
 * database out there was built by it); a change is a new step at the end. A
 * database written by a newer vik is refused, never "migrated" backwards.
 */
#include "history/hdb.h"

#include "common/version.h"

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

int hdb_schema_check(struct history *h, struct err *e)
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
