/*
 * wipe.h - erase memory that held personal identifiers.
 *
 * Why: a plain memset() of a buffer that is never read again is a dead store the
 * compiler may remove, so "the clear BSN is wiped" would silently not hold. The
 * empty asm statement below takes the pointer and clobbers memory, so the compiler
 * must assume the zeros are read and keeps the memset (the barrier BoringSSL's
 * OPENSSL_cleanse uses). A volatile byte loop would do the same, at a byte per
 * cycle: the reader wipes every buffer it used, and that showed in the profile.
 */
#ifndef VIK_COMMON_WIPE_H
#define VIK_COMMON_WIPE_H

#include <stddef.h>
#include <string.h>

static inline void wipe(void *p, size_t n)
{
    if (!p || !n)
        return;
    memset(p, 0, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

#endif
