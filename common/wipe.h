/*
 * wipe.h - erase memory that held personal identifiers.
 *
 * Why: a plain memset() of a buffer that is never read again is a dead store the
 * compiler may remove, so "the clear BSN is wiped" would silently not hold. Writing
 * through a volatile pointer cannot be optimised away.
 */
#ifndef VIK_COMMON_WIPE_H
#define VIK_COMMON_WIPE_H

#include <stddef.h>

static inline void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

#endif
