/*
 * hugemem.c - see hugemem.h.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "common/hugemem.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HUGE_MIN = 4u << 20 };

void mem_prefer_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (!p || n < HUGE_MIN)
        return;
    /*
     * Whole small pages, not the 2 MiB-aligned interior: a large block is a mapping
     * of its own, and advising part of it would split it in three, after which
     * realloc can no longer grow it in place (mremap) and copies all of it.
     */
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return;
    uintptr_t mask = (uintptr_t)page - 1;
    uintptr_t from = (uintptr_t)p & ~mask, to = ((uintptr_t)p + n + mask) & ~mask;
    (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p, (void)n;
#endif
}
