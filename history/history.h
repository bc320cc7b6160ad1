/*
 * history.h - the history database: what each successful night listed and why,
 * what the coordinator recorded afterwards, and what that says about tonight.
 *
 * Why: a list is only useful at the LIO when it says what is new since the last
 * meeting, what was already handled and which signals paid off (issue 6,
 * docs/statistics.md and docs/privacy.md). The audit trail of a run (program version, config and
 * its hash, input checksums and row counts, the lists with every contribution) is
 * kept here for `retention_days`, and only addresses (canonical key text) are
 * stored - never a pseudonym, name or any other personal datum.
 *
 * This folder is the only place that includes sqlite3.h: every statement is
 * prepared with bound parameters, every return code is checked and reported with
 * sqlite3_errmsg as an ERR_IO naming the database file.
 *
 * Lifecycle: history_open() (creates or migrates) ... history_close(). One
 * connection per command; nothing is global.
 */
#ifndef VIK_HISTORY_HISTORY_H
#define VIK_HISTORY_HISTORY_H

#include "common/err.h"
#include "model/catalogue.h"
#include "model/dataset.h"
#include "model/history_view.h"
#include "score/filter.h"
#include "score/score.h"
#include "transform/linkage.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The schema this program writes (PRAGMA user_version); see history_migration_sql. */
enum { HISTORY_SCHEMA_VERSION = 4 };

/* The longest outcome note, bytes: a note is a pointer to the case file, not the case. */
enum { HISTORY_NOTE_MAX = 200 };

struct sqlite3;

struct history {
    struct sqlite3 *db;
    char path[4096];
    /* The audit keys (history/audit.h: audit_set_key), derived from the installation
     * key; never written anywhere, wiped by history_close. */
    uint8_t chain_key[32], subject_key[32];
    int keyed;
    int tx_depth; /* hdb_begin calls not yet committed (hdb.h: transactions nest) */
};

enum history_open_mode {
    HISTORY_CREATE,  /* create the file when missing (vik run, vik outcome) */
    HISTORY_EXISTING /* a missing file is an error (vik diff) */
};

/*
 * Open path: WAL journal, foreign keys on, a busy timeout (a `vik outcome` while
 * the night writes waits instead of failing). An empty or older database is brought
 * to HISTORY_SCHEMA_VERSION in one transaction (all steps or none); a database
 * written by a newer vik is refused with ERR_IO ("... schema version N is newer
 * than this vik (M) ..."). On failure h is closed and *e says why.
 */
MUST_CHECK int history_open(struct history *h, const char *path, enum history_open_mode mode,
                            struct err *e);
void history_close(struct history *h);

/*
 * One transaction around several of the calls below, for a command whose change
 * and audit record must be kept together or not at all (cli_session_begin): the
 * calls' own transactions join it (history/hdb.h), and a failure in any of them
 * rolls it all back - history_in_transaction then says 0 and history_commit fails.
 */
MUST_CHECK int history_begin(struct history *h, struct err *e);
MUST_CHECK int history_commit(struct history *h, struct err *e);
void history_rollback(struct history *h);
int history_in_transaction(const struct history *h);

/* ISO 8601 UTC timestamp of now ("2026-11-01T02:30:00Z"): runs.started/finished. */
void history_now(char out[24]);

/* The SQL that brings schema version-1 to `version` (1..HISTORY_SCHEMA_VERSION),
 * NULL otherwise. Exposed so that tests can build a database of an older version. */
const char *history_migration_sql(int version);

/* ---------------------------------------------------------------- tonight's run */

/* One input file as read tonight (docs/privacy.md, audit trail: checksums and row counts per run).
 */
struct history_input {
    const char *source; /* schema source name */
    const char *file;   /* path as configured */
    uint64_t bytes;
    const char *checksum; /* BLAKE2b-256, 64 hex digits */
    uint64_t read, accepted, quarantined;
};

struct history_run_rec {
    int64_t id;          /* the id history_view_load predicted (0: the next free one) */
    const char *started; /* ISO 8601 UTC, e.g. 2026-11-01T02:30:00Z */
    const char *finished;
    const char *config_hash; /* cfg_hash */
    const char *config_text; /* cfg_print output */
    int32_t reference_date;  /* YYYYMMDD */
    const struct history_input *inputs;
    size_t n_inputs;
    const struct score_result *score; /* tonight's hits (the reasons) */
    const struct score_lists *lists;  /* the lists as written (score_filter) */
    const struct score_opts *score_opts;
    size_t top_n;                  /* entries per theme that were written */
    int retention_days;            /* runs and outcomes older than this are deleted */
    const struct linkage *linkage; /* how rows linked (issue 4's report), or NULL */
    const int *loaded;             /* SRC_COUNT: 1 for the sources read tonight */
};

/* What retention removed in the same transaction (logged by the caller). */
struct history_purged {
    uint64_t runs, outcomes;
    uint64_t audit;     /* audit records (history/audit.h), oldest first */
    uint64_t forgotten; /* vik forget's markers (history_forget) */
};

/*
 * Store one successful run, then apply retention - one transaction: either all of
 * it is in the database or nothing is. *run_id gets the stored id.
 */
MUST_CHECK int history_record_run(struct history *h, const struct history_run_rec *rec,
                                  int64_t *run_id, struct history_purged *purged, struct err *e);

/*
 * `vik purge`: retention on its own, in one transaction - runs (with their inputs,
 * lists and contributions) and outcomes dated before reference_date - retention_days,
 * configs no run uses any more, audit records dated before that day (oldest first,
 * behind an anchor: history/audit.h; removing any needs the audit keys) and vik
 * forget's markers. The nightly run applies the same rule.
 */
MUST_CHECK int history_purge(struct history *h, int32_t reference_date, int retention_days,
                             struct history_purged *purged, struct err *e);

/*
 * The same in two steps, for a night that commits its output files in between:
 * history_store_begin leaves the transaction open (rolled back on its own failure);
 * then exactly one of history_store_commit (which rolls back when COMMIT fails) or
 * history_store_rollback.
 */
MUST_CHECK int history_store_begin(struct history *h, const struct history_run_rec *rec,
                                   int64_t *run_id, struct history_purged *purged, struct err *e);
MUST_CHECK int history_store_commit(struct history *h, struct err *e);
void history_store_rollback(struct history *h);

/* ------------------------------------------------------ suppression and re-alerting */

struct history_suppress_opts {
    int32_t reference_date; /* tonight */
    int suppress_days;      /* an outcome dated within this many days suppresses (0: never) */
    double realert_margin;  /* ...unless tonight's score exceeds the earlier one by this */
};

/*
 * The facts suppression needs about tonight's listed addresses (score/filter.h
 * applies the rule): per listed address and theme, an outcome dated on or after
 * reference_date - suppress_days and the score of the latest run up to the
 * outcome's date that listed the address for the theme; and a vik forget marker
 * (history_forget) with the score it kept - which needs the audit keys once there
 * are markers. Only addresses with an outcome or a marker get an entry; out is
 * initialised here and released with suppress_set_release, also on failure.
 */
MUST_CHECK int history_suppress_load(struct history *h, const struct history_suppress_opts *o,
                                     const struct score_result *r, struct suppress_set *out,
                                     struct err *e);

/* ---------------------------------------------------------------- the report's view */

struct history_view_opts {
    int32_t reference_date; /* tonight: later outcomes are not shown */
    size_t top_n;
    const struct score_lists *lists; /* tonight's lists as written */
};

/*
 * Fill v (model/history_view.h) for tonight's lists (o->lists), from the runs stored so
 * far (tonight's is not stored yet: v->run_id is the id it will get). v owns its
 * arrays until history_view_release (which also resets it to "no history").
 */
MUST_CHECK int history_view_load(struct history *h, const struct history_view_opts *o,
                                 struct history_view *v, struct err *e);
void history_view_release(struct history_view *v);

/* ---------------------------------------------------------------- outcomes */

/* "bevestigd" -> OUTCOME_BEVESTIGD; -1 for anything else (OUTCOME_NONE is not a status). */
int outcome_status_by_name(const char *name);

struct history_outcome {
    struct addr_key key;
    enum theme_id theme;
    enum outcome_status status;
    int32_t date;     /* YYYYMMDD */
    const char *note; /* "" or at most HISTORY_NOTE_MAX bytes, no control characters */
};

/* Check a note: NULL when fine, else why not (a sentence for the user). */
const char *history_note_problem(const char *note);

/* Store outcomes, all in one transaction. */
MUST_CHECK int history_add_outcomes(struct history *h, const struct history_outcome *o, size_t n,
                                    struct err *e);

/*
 * Import FILE.csv (postcode;house_number;house_letter;house_suffix;theme;status;
 * date;note, ';'-separated, dates YYYY-MM-DD, an optional header line starting with
 * "postcode"). Every bad line is printed to `problems` as "FILE:LINE: message";
 * when there is any, nothing is imported and ERR_INPUT is returned. *n_imported
 * gets the count otherwise.
 */
MUST_CHECK int history_import_outcomes(struct history *h, const char *path, FILE *problems,
                                       size_t *n_imported, struct err *e);

/* Has the address ever been on the theme's list? 1 yes, 0 no, -1 error (*e). */
int history_ever_listed(struct history *h, const struct addr_key *k, enum theme_id t,
                        struct err *e);

/* ------------------------------------------------------- data-subject requests */

/* vik forget (AVG art. 17/21: a successful objection, or a correction). */
struct history_forget_req {
    const struct addr_key *key; /* the address, exactly this unit */
    const char *reason;         /* history_note_problem rules: short, no control characters */
    int32_t date;               /* the reference date: the marker's date (retention) */
    const char *config_hash;    /* for the audit record */
};

struct history_forgotten {
    uint64_t entries, contributions, outcomes; /* rows removed */
    uint64_t addresses;                        /* audit records whose clear address went */
    uint64_t themes;                           /* themes on whose list it had stood */
    int log_kept; /* the write-ahead log could not be emptied (another vik was reading):
                     old copies of pages stay in the -wal file until the next checkpoint */
};

/*
 * Remove the address's list entries (their contributions with them), its outcomes
 * and its clear text beside audit records; keep per theme where it was listed a
 * marker of a keyed pseudonym and the latest score, so that a later night lists it
 * there again only with a score more than realert_margin higher (new evidence,
 * history_suppress_load); and append the audit record "forget, reason, N rows" - all one
 * transaction. Then the write-ahead log is checkpointed (n->log_kept when another
 * connection prevented it); the database deletes securely (overwrites), so the
 * address is not left in the files either. Needs the audit keys.
 */
MUST_CHECK int history_forget(struct history *h, const struct history_forget_req *req,
                              struct history_forgotten *n, struct err *e);

/*
 * The audit sequence number of the latest vik forget (0: none). A night reads it when
 * it applies suppression and again inside its own transaction: a forget that came in
 * between could have removed an address tonight's lists still hold, so the night
 * fails instead (pipeline_history.c).
 */
MUST_CHECK int history_last_forget(struct history *h, int64_t *seq, struct err *e);

/* ---------------------------------------------------------------- vik diff */

/*
 * Per theme: addresses new, still listed (for how many consecutive runs) and
 * dropped in run `run_id` (0: the latest) against the run before it, each with the
 * reason that changed (indicators that appeared or disappeared, or whose
 * contribution moved most). Plain text to out.
 */
MUST_CHECK int history_diff(struct history *h, int64_t run_id, FILE *out, struct err *e);

/*
 * `vik explain ADDRESS --stored | --run N`: the lines stored for the units at k's
 * postcode and house number in run N (0: the latest run that listed one), with
 * score and every counting contribution, then the outcomes recorded there.
 * ERR_USAGE when run N does not exist.
 */
MUST_CHECK int history_explain(struct history *h, const struct addr_key *k, int64_t run_id,
                               FILE *out, struct err *e);

#endif
