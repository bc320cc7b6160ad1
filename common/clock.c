/* clock.c - see clock.h. */
#include "common/clock.h"

#include <time.h>

static double seconds(clockid_t id)
{
    struct timespec t;
    if (clock_gettime(id, &t) != 0)
        return 0.0;
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double clock_wall(void)
{
    return seconds(CLOCK_MONOTONIC);
}

double clock_cpu(void)
{
    return seconds(CLOCK_PROCESS_CPUTIME_ID);
}
