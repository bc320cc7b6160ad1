/*
 * fsutil.c - see fsutil.h.
 */
#include "common/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_mkdirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return errno = ENAMETOOLONG, -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int fs_out_open(struct fs_out *o, const char *path, struct err *e)
{
    snprintf(o->path, sizeof o->path, "%s", path);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp", path);
    o->f = fopen(o->tmp, "w");
    if (!o->f)
        return err_set(e, ERR_IO, "cannot write '%s': %s", o->tmp, strerror(errno));
    return 0;
}

int fs_out_close(struct fs_out *o, struct err *e)
{
    int failed = ferror(o->f) || fflush(o->f) != 0 || fsync(fileno(o->f)) != 0;
    failed |= fclose(o->f) != 0;
    o->f = NULL;
    if (failed || rename(o->tmp, o->path) != 0) {
        int saved = errno;
        unlink(o->tmp);
        return err_set(e, ERR_IO, "cannot write '%s': %s", o->path, strerror(saved));
    }
    return 0;
}

void fs_out_abort(struct fs_out *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    unlink(o->tmp);
}

void fs_batch_init(struct fs_batch *b)
{
    b->items = NULL;
    b->n = b->cap = 0;
}

struct fs_out *fs_batch_open(struct fs_batch *b, const char *path, struct err *e)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        struct fs_out *p = realloc(b->items, cap * sizeof *p);
        if (!p) {
            err_set(e, ERR_NOMEM, "out of memory");
            return NULL;
        }
        b->items = p;
        b->cap = cap;
    }
    struct fs_out *o = &b->items[b->n];
    if (fs_out_open(o, path, e) != 0)
        return NULL;
    b->n++;
    return o;
}

/* Flush, sync and close one member; -1 on failure (errno set). */
static int finish(struct fs_out *o)
{
    int failed = ferror(o->f) || fflush(o->f) != 0 || fsync(fileno(o->f)) != 0;
    failed |= fclose(o->f) != 0;
    o->f = NULL;
    return failed ? -1 : 0;
}

int fs_batch_commit(struct fs_batch *b, struct err *e)
{
    for (size_t i = 0; i < b->n; i++) {
        if (finish(&b->items[i]) != 0) {
            err_set(e, ERR_IO, "cannot write '%s': %s", b->items[i].path, strerror(errno));
            fs_batch_abort(b, NULL, NULL);
            return ERR_IO;
        }
    }
    int rc = 0;
    for (size_t i = 0; i < b->n; i++)
        if (rename(b->items[i].tmp, b->items[i].path) != 0 && rc == 0)
            rc = err_set(e, ERR_IO, "cannot rename '%s': %s", b->items[i].tmp, strerror(errno));
    free(b->items);
    fs_batch_init(b);
    return rc;
}

void fs_batch_abort(struct fs_batch *b, const char *keep_path, const char *keep_suffix)
{
    for (size_t i = 0; i < b->n; i++) {
        struct fs_out *o = &b->items[i];
        int keep = keep_path && keep_suffix && !strcmp(o->path, keep_path);
        if (o->f && keep && finish(o) == 0) {
            char kept[4200];
            snprintf(kept, sizeof kept, "%s%s", o->path, keep_suffix);
            if (rename(o->tmp, kept) == 0)
                continue;
        }
        fs_out_abort(o);
    }
    free(b->items);
    fs_batch_init(b);
}

static long read_pid(int fd)
{
    char buf[32] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    return n > 0 ? strtol(buf, NULL, 10) : 0;
}

int fs_lock_acquire(struct fs_lock *l, const char *dir, long *stale_pid, struct err *e)
{
    snprintf(l->path, sizeof l->path, "%s/.vik.lock", dir);
    *stale_pid = 0;
    l->fd = open(l->path, O_RDWR | O_CREAT, 0600);
    if (l->fd < 0)
        return err_set(e, ERR_IO, "cannot open lock '%s': %s", l->path, strerror(errno));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(l->fd, F_SETLK, &fl) != 0) {
        long pid = read_pid(l->fd);
        close(l->fd);
        l->fd = -1;
        return err_set(e, ERR_IO, "another vik run (pid %ld) is writing to '%s'", pid, dir);
    }
    *stale_pid = read_pid(l->fd);
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(l->fd, 0) != 0 || pwrite(l->fd, buf, (size_t)n, 0) != n) {
        fs_lock_release(l);
        return err_set(e, ERR_IO, "cannot write lock '%s': %s", l->path, strerror(errno));
    }
    return 0;
}

void fs_lock_release(struct fs_lock *l)
{
    if (l->fd < 0)
        return;
    if (ftruncate(l->fd, 0) != 0) {
        /* the pid stays: the next run reports an unfinished run, which is harmless */
    }
    close(l->fd); /* closing releases the record lock */
    l->fd = -1;
}
