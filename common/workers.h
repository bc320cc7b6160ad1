/*
 * workers.h - run numbered jobs on a few threads.
 *
 * Why: the night has independent pieces of work (one indicator's calibration and
 * scoring, one source's parse) that can use both cores of the machine. Each job
 * writes only its own slot of the caller's result array, so the result does not
 * depend on which thread ran which job, or on how many threads there were: the
 * watchlists are byte-identical with 1 thread and with N. Jobs are handed out in
 * number order as threads come free (a slow job does not hold up the others).
 *
 * With threads <= 1 (or one job) everything runs on the calling thread, in order:
 * the same code path a debugger or `valgrind` sees.
 */
#ifndef VIK_COMMON_WORKERS_H
#define VIK_COMMON_WORKERS_H

/* Run job(ctx, i) for i = 0 .. n_jobs-1 on at most `threads` threads (the caller's
 * included) and return how many threads ran them. A thread that cannot be started
 * is not an error: its jobs run on the others (the result is the same, only slower). */
int workers_run(int threads, int n_jobs, void (*job)(void *ctx, int i), void *ctx);

/* The processors this process may run on (at least 1): the default of [run] threads. */
int workers_available(void);

#endif
