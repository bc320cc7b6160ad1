/*
 * fsutil.c - see fsutil.h.
 */
#include "common/fsutil.h"

#include <errno.h>
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
