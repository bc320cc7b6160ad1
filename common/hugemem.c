/*
 * hugemem.c - see hugemem.h.
 *
 * The advice covers the block's whole mapping, not just [p, p + n) and not just the
 * 2 MiB-aligned inside: advising part of a mapping splits it, and realloc can then
 * no longer grow it in place (mremap) and copies all of it, untouched capacity
 * included (a first version did that: 1.2 GiB more at national size). glibc serves
 * a block from a mapping of its own when it is at least its mmap threshold, which
 * grows with the blocks freed but never past 32 MiB on 64-bit systems: below
 * HUGEMEM_MIN a block may share the heap with small allocations, and the advice
 * would outlive it there. The mapping starts on the page of the block's header and
 * ends with its usable size (malloc_usable_size), which can exceed n by a page.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "common/hugemem.h"

#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

void mem_prefer_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (!p || n < HUGEMEM_MIN)
        return;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return;
    size_t usable = malloc_usable_size(p);
    if (usable > n)
        n = usable;
    uintptr_t mask = (uintptr_t)page - 1;
    uintptr_t from = (uintptr_t)p & ~mask, to = ((uintptr_t)p + n + mask) & ~mask;
    (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p, (void)n;
#endif
}
