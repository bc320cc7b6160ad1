/*
 * history.c - opening and closing the history database; see history.h. The schema
 * and its migrations are in migrate.c, the SQL helpers in hdb.c, storing a night
 * and retention in store.c.
 */
#include "history/history.h"

#include "common/fsutil.h"
#include "history/hdb.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void history_now(char out[24])
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 24, "unknown");
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
    return hdb_schema_check(h, e);
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
        if (db)
            hdb_fail(h, "open", e);
        else /* SQLite could not even allocate the handle */
            err_set(e, ERR_IO, "history database '%s': open: %s", path, sqlite3_errstr(rc));
        history_close(h);
        return ERR_IO;
    }
    if (configure(h, e) != 0) {
        history_close(h);
        return ERR_IO;
    }
    return 0;
}

int history_begin(struct history *h, struct err *e)
{
    return hdb_begin(h, e);
}

int history_commit(struct history *h, struct err *e)
{
    return hdb_commit(h, e);
}

void history_rollback(struct history *h)
{
    hdb_rollback(h);
}

int history_in_transaction(const struct history *h)
{
    return hdb_in_transaction(h);
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
