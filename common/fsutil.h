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
    int published; /* fs_batch_publish put it in place */
    int had_prev;  /* ...and kept the file it replaced as PATH.prev */
};

/*
 * A set of outputs that become visible together: every file is written to its
 * temporary name (mode 0600: the outputs hold personal data). Putting them in place
 * is a two-phase commit that another store (the history database) can join:
 *   fs_batch_finish   flush, fsync and close every member - a full disk shows here,
 *                     while nothing is in place yet (on failure the batch is aborted);
 *   fs_batch_publish  rename each into place, keeping the file it replaces as
 *                     PATH.prev; stops at the first failure and puts back what it
 *                     had replaced, so the previous night's outputs stay whole;
 *   fs_batch_settle   (the other store committed) drop the .prev files, or
 *   fs_batch_undo     (the other store failed) put the previous files back.
 * fs_batch_commit() is finish + publish + settle. fs_batch_abort() removes the
 * temporaries, except the member whose path is keep_path (when given), which is
 * kept for diagnosis under NAME + keep_suffix (never under NAME itself).
 */
struct fs_batch {
    struct fs_out *items; /* malloc'd */
    size_t n, cap;
};

void fs_batch_init(struct fs_batch *b);
/* Open path.tmp as a member of the batch; NULL with *e filled on failure. */
struct fs_out *fs_batch_open(struct fs_batch *b, const char *path, struct err *e);
MUST_CHECK int fs_batch_commit(struct fs_batch *b, struct err *e);
MUST_CHECK int fs_batch_finish(struct fs_batch *b, struct err *e);
MUST_CHECK int fs_batch_publish(struct fs_batch *b, struct err *e);
void fs_batch_settle(struct fs_batch *b);
void fs_batch_undo(struct fs_batch *b);
void fs_batch_abort(struct fs_batch *b, const char *keep_path, const char *keep_suffix);

/*
 * One run per output folder: a POSIX record lock on DIR/.vik.lock, which the
 * kernel releases when the process dies, so a lock can never go stale. The file
 * holds the pid of the run; a pid left behind means that run did not finish
 * (killed, power cut), which fs_lock_acquire reports in *stale_pid.
 */
struct fs_lock {
    int fd;
    char path[4096];
};

/* 0 on success; ERR_IO with "another vik run (pid N) ..." in *e when held. */
MUST_CHECK int fs_lock_acquire(struct fs_lock *l, const char *dir, long *stale_pid, struct err *e);
/* Clear the pid (a clean finish) and release. */
void fs_lock_release(struct fs_lock *l);

/* mkdir -p, every folder it creates with mode 0700 (readable by vik's user only: they
 * hold personal data or the key); folders that exist keep their mode. 0 or -1 with errno. */
int fs_mkdirs(const char *path);
/* Open path.tmp for writing. */
MUST_CHECK int fs_out_open(struct fs_out *o, const char *path, struct err *e);
/* Flush, fsync, close and rename into place; on any failure remove the temporary. */
MUST_CHECK int fs_out_close(struct fs_out *o, struct err *e);
/* Close and remove the temporary (the previous file stays). */
void fs_out_abort(struct fs_out *o);

#endif
