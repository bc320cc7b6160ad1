/*
 * clock.h - wall and CPU seconds, for stage timings and progress lines.
 *
 * Why: the night reports how long each stage took (the log, the summary, make
 * bench), and the progress line shows rows/s; both read the same two clocks.
 * Monotonic wall time, so that a clock change during the night does not show up
 * as a negative stage.
 */
#ifndef VIK_COMMON_CLOCK_H
#define VIK_COMMON_CLOCK_H

/* Seconds on a monotonic clock (an arbitrary origin: only differences mean anything). */
double clock_wall(void);

/* CPU seconds used by the whole process so far (all threads, user + system). */
double clock_cpu(void);

#endif
