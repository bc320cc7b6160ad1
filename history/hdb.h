/*
 * hdb.h - the small SQLite helpers every file of history/ uses (internal).
 *
 * Why: "every sqlite3 call's return code checked, bound parameters only" is easy to
 * promise and tedious to keep; these helpers make the checked way the short way.
 * Errors become ERR_IO with the database file and sqlite3_errmsg, e.g.
 * "history database 'out/vik.db': insert run: database is locked".
 */
#ifndef VIK_HISTORY_HDB_H
#define VIK_HISTORY_HDB_H

#include "history/history.h"

#include <sqlite3.h>

/* Fill *e from the connection's last error; returns ERR_IO. */
int hdb_fail(struct history *h, const char *what, struct err *e);

/* Run constant SQL (no parameters, never built from input). */
MUST_CHECK int hdb_exec(struct history *h, const char *sql, const char *what, struct err *e);

/* Prepare sql into *st. */
MUST_CHECK int hdb_prepare(struct history *h, const char *sql, sqlite3_stmt **st, struct err *e);

/*
 * Bind parameters 1.. from a format: 'i' int64_t, 't' const char * (NULL binds
 * NULL), 'd' double. Returns 0 or ERR_IO.
 */
MUST_CHECK int hdb_bind(struct history *h, sqlite3_stmt *st, struct err *e, const char *fmt, ...);

/*
 * Step once: 1 a row is available, 0 done, -1 error (*e filled). A statement that
 * is stepped again after 0 must be reset first (hdb_reset).
 */
int hdb_step(struct history *h, sqlite3_stmt *st, struct err *e);

/*
 * One execution of a prepared write (INSERT/UPDATE/DELETE) with the given
 * bindings: bind, step to done, reset for the next row. 0 or ERR_IO.
 */
MUST_CHECK int hdb_insert(struct history *h, sqlite3_stmt *st, struct err *e, const char *fmt, ...);

/*
 * One write that runs once (a DELETE, an INSERT ... SELECT): prepare, bind, step to
 * done, finalize. *changes (may be NULL) gets the rows it changed. 0 or ERR_IO.
 */
MUST_CHECK int hdb_write(struct history *h, const char *sql, uint64_t *changes, struct err *e,
                         const char *fmt, ...);

/* Reset and clear bindings for the next use. */
MUST_CHECK int hdb_reset(struct history *h, sqlite3_stmt *st, struct err *e);

/* Finalize (NULL is fine). Errors were reported by the step that caused them. */
void hdb_finalize(sqlite3_stmt *st);

/* Column text, never NULL. */
const char *hdb_text(sqlite3_stmt *st, int col);

/* One integer from a query with the given bindings (0 when no row). */
MUST_CHECK int hdb_scalar(struct history *h, const char *sql, int64_t *out, struct err *e,
                          const char *fmt, ...);

/*
 * BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback never fails the caller twice).
 * Transactions nest: a begin inside one already open joins it and its commit only
 * closes the inner level, so that a command can hold its change and its audit
 * record in one transaction (cli_session_begin) while the history functions it
 * calls keep their own begin and commit. A rollback at any level rolls back the
 * whole transaction; the levels above see it gone (hdb_in_transaction) and their
 * commit fails.
 */
MUST_CHECK int hdb_begin(struct history *h, struct err *e);
MUST_CHECK int hdb_commit(struct history *h, struct err *e);
void hdb_rollback(struct history *h);
int hdb_in_transaction(const struct history *h);

/* The date `days` days before ymd (YYYYMMDD both): stored dates are compared as
 * YYYYMMDD integers, which sort like the dates. */
int32_t hdb_ymd_minus_days(int32_t ymd, int days);

/* Bring an older schema to HISTORY_SCHEMA_VERSION (all steps or none); refuse a
 * newer one (migrate.c). 0 or ERR_IO. */
MUST_CHECK int hdb_schema_check(struct history *h, struct err *e);

/* "5664AB 12A-2" for an address stored as its key parts. */
void hdb_address_text(const char *postcode, int64_t number, const char *letter, const char *suffix,
                      char *buf, size_t size);

#endif
