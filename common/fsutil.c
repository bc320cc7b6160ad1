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

/* 0700: the folders vik creates hold lists, the history database or the key (issue 11) */
int fs_mkdirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return errno = ENAMETOOLONG, -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int fs_out_open(struct fs_out *o, const char *path, struct err *e)
{
    snprintf(o->path, sizeof o->path, "%s", path);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp", path);
    o->published = o->had_prev = 0;
    /* a fresh file (a leftover would keep its old mode), readable by the owner only */
    unlink(o->tmp);
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    o->f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!o->f) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return err_set(e, ERR_IO, "cannot write '%s': %s", o->tmp, strerror(saved));
    }
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

int fs_batch_finish(struct fs_batch *b, struct err *e)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->items[i].f && finish(&b->items[i]) != 0) {
            err_set(e, ERR_IO, "cannot write '%s': %s", b->items[i].path, strerror(errno));
            fs_batch_abort(b, NULL, NULL);
            return ERR_IO;
        }
    }
    return 0;
}

static void prev_path(const struct fs_out *o, char *buf, size_t size)
{
    snprintf(buf, size, "%s.prev", o->path);
}

/* Keep the file at o->path as PATH.prev (a hard link: the path never disappears). */
static int keep_previous(struct fs_out *o)
{
    char prev[4200];
    prev_path(o, prev, sizeof prev);
    unlink(prev);
    if (link(o->path, prev) == 0)
        return o->had_prev = 1, 0;
    return errno == ENOENT ? 0 : -1;
}

/* Sync the folder of path, so that the renames survive a crash. */
static void sync_folder(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int fs_batch_publish(struct fs_batch *b, struct err *e)
{
    for (size_t i = 0; i < b->n; i++) {
        struct fs_out *o = &b->items[i];
        if (keep_previous(o) != 0 || rename(o->tmp, o->path) != 0) {
            int saved = errno;
            err_set(e, ERR_IO, "cannot put '%s' in place: %s", o->path, strerror(saved));
            fs_batch_undo(b);
            return ERR_IO;
        }
        o->published = 1;
    }
    if (b->n)
        sync_folder(b->items[0].path);
    return 0;
}

void fs_batch_settle(struct fs_batch *b)
{
    char prev[4200];
    for (size_t i = 0; i < b->n; i++) {
        prev_path(&b->items[i], prev, sizeof prev);
        if (b->items[i].had_prev)
            unlink(prev);
    }
    free(b->items);
    fs_batch_init(b);
}

void fs_batch_undo(struct fs_batch *b)
{
    char prev[4200];
    for (size_t i = 0; i < b->n; i++) {
        struct fs_out *o = &b->items[i];
        prev_path(o, prev, sizeof prev);
        if (o->f)
            fclose(o->f), o->f = NULL;
        if (!o->published) {
            unlink(o->tmp);
            if (o->had_prev) /* kept, then the rename failed: the original is still there */
                unlink(prev);
        } else if (o->had_prev) {
            rename(prev, o->path);
        } else {
            unlink(o->path); /* there was no file before tonight */
        }
    }
    if (b->n)
        sync_folder(b->items[0].path);
    free(b->items);
    fs_batch_init(b);
}

int fs_batch_commit(struct fs_batch *b, struct err *e)
{
    if (fs_batch_finish(b, e) != 0 || fs_batch_publish(b, e) != 0)
        return ERR_IO;
    fs_batch_settle(b);
    return 0;
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
