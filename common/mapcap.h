/*
 * mapcap.h - the sizing rule the two open-addressing maps share (common/hmap.h,
 * common/u64map.h).
 *
 * Why: both maps probe linearly and keep their load at or below 0.7, with
 * power-of-two capacities from MAPCAP_MIN; stated here once, so that the maps
 * cannot drift apart on when they grow or how much room a reserve gives.
 */
#ifndef VIK_COMMON_MAPCAP_H
#define VIK_COMMON_MAPCAP_H

#include <stddef.h>
#include <stdint.h>

enum { MAPCAP_MIN = 1024 };

/* Whether n keys are too many for cap slots (load above 0.7). */
static inline int mapcap_over(size_t n, size_t cap)
{
    return n * 10 > cap * 7;
}

/* The capacity after one growth step from cap. */
static inline size_t mapcap_next(size_t cap)
{
    return cap ? cap * 2 : MAPCAP_MIN;
}

/* The smallest capacity, from cap up by doubling, that holds n keys (bounded so
 * that cap * slot_size cannot overflow). */
static inline size_t mapcap_for(size_t n, size_t cap, size_t slot_size)
{
    cap = cap ? cap : MAPCAP_MIN;
    while (mapcap_over(n, cap) && cap < SIZE_MAX / 2 / slot_size)
        cap *= 2;
    return cap;
}

#endif
