/*
 * hdb.c - the SQLite helpers of hdb.h.
 */
#include "history/hdb.h"

#include "common/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

int hdb_write(struct history *h, const char *sql, uint64_t *changes, struct err *e, const char *fmt,
              ...)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h, sql, &st, e) != 0)
        return ERR_IO;
    va_list ap;
    va_start(ap, fmt);
    int rc = bind_va(st, fmt, ap) == SQLITE_OK ? 0 : hdb_fail(h, "bind", e);
    va_end(ap);
    if (rc == 0 && hdb_step(h, st, e) < 0)
        rc = ERR_IO;
    if (changes)
        *changes = rc == 0 ? (uint64_t)sqlite3_changes(h->db) : 0;
    hdb_finalize(st);
    return rc;
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

int hdb_in_transaction(const struct history *h)
{
    return h->tx_depth > 0 && sqlite3_get_autocommit(h->db) == 0;
}

int hdb_begin(struct history *h, struct err *e)
{
    if (h->tx_depth > 0) {
        if (!hdb_in_transaction(h)) /* rolled back below: nothing left to join */
            return err_set(e, ERR_IO, "history database '%s': the transaction was rolled back",
                           h->path);
        h->tx_depth++;
        return 0;
    }
    if (hdb_exec(h, "BEGIN IMMEDIATE", "begin transaction", e) != 0)
        return ERR_IO;
    h->tx_depth = 1;
    return 0;
}

int hdb_commit(struct history *h, struct err *e)
{
    if (!hdb_in_transaction(h)) {
        h->tx_depth = 0;
        return err_set(e, ERR_IO, "history database '%s': commit: the transaction was rolled back",
                       h->path);
    }
    if (h->tx_depth > 1) {
        h->tx_depth--;
        return 0;
    }
    h->tx_depth = 0;
    if (hdb_exec(h, "COMMIT", "commit", e) == 0)
        return 0;
    hdb_rollback(h);
    return ERR_IO;
}

void hdb_rollback(struct history *h)
{
    h->tx_depth = 0;
    /* fails only when no transaction is open (SQLite rolled back itself) */
    if (sqlite3_get_autocommit(h->db) == 0)
        (void)sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

void hdb_address_text(const char *postcode, int64_t number, const char *letter, const char *suffix,
                      char *buf, size_t size)
{
    if (suffix[0])
        snprintf(buf, size, "%s %lld%s-%s", postcode, (long long)number, letter, suffix);
    else
        snprintf(buf, size, "%s %lld%s", postcode, (long long)number, letter);
}

int32_t hdb_ymd_minus_days(int32_t ymd, int days)
{
    return date_add_days(ymd, -(long)days);
}
