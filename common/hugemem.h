/*
 * hugemem.h - ask the kernel to back a large table with transparent huge pages.
 *
 * Why: the join's hash tables and per-address arrays are hundreds of MB at national
 * size and are touched at random, one row at a time. With 4 KiB pages nearly every
 * such touch misses the TLB as well as the cache, and first touches fault page by
 * page. Backed by 2 MiB pages the same work ran 17% faster (the Kadaster objects
 * of 9.2 M addresses: 47-48 s -> 38-40 s, alternating runs, docs/performance.md)
 * at the same peak memory. Kernels whose transparent_hugepage setting is
 * "madvise" (Debian's default) give huge pages only to memory that asks for them;
 * under "always" the advice changes nothing and under "never" it is noted but gives
 * nothing; a kernel built without them refuses the call, which is ignored: huge
 * pages are a speed-up, never a requirement.
 */
#ifndef VIK_COMMON_HUGEMEM_H
#define VIK_COMMON_HUGEMEM_H

#include <stddef.h>

/*
 * Advise huge pages for the block p of n bytes (from malloc, calloc or realloc),
 * when it is large enough to be a mapping of its own whatever the allocator has
 * seen (HUGEMEM_MIN); smaller blocks are left alone. Pages already touched keep
 * their size. Call it right after allocating or growing such a block, before
 * writing to it.
 */
enum { HUGEMEM_MIN = 32 << 20 };
void mem_prefer_huge(void *p, size_t n);

#endif
