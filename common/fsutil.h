/*
 * fsutil.h - all-or-nothing output files and folder creation.
 *
 * Why: a coordinator who gets half a list in the morning cannot work. Every output
 * is written to "NAME.tmp" and renamed over NAME only after it was completely
 * written and flushed; rename() within a folder is atomic on POSIX.
 */
#ifndef VIK_COMMON_FSUTIL_H
#define VIK_COMMON_FSUTIL_H

#include "common/err.h"

#include <stdio.h>

struct fs_out {
    FILE *f;
    char path[4096];
    char tmp[4100];
};

/* mkdir -p; 0 or -1 with errno. */
int fs_mkdirs(const char *path);
/* Open path.tmp for writing. */
int fs_out_open(struct fs_out *o, const char *path, struct err *e);
/* Flush, fsync, close and rename into place; on any failure remove the temporary. */
int fs_out_close(struct fs_out *o, struct err *e);
/* Close and remove the temporary (the previous file stays). */
void fs_out_abort(struct fs_out *o);

#endif
