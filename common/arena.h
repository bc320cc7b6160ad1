/*
 * arena.h - chunked bump allocator for everything that lives as long as a run.
 *
 * Why: a national run creates millions of small records and strings that all die
 * together at the end of the run. Allocating them one by one with malloc costs time
 * and makes ownership hard to follow; an arena makes the rule simple: memory from
 * arena_* belongs to the arena and is released only by arena_release().
 *
 * Allocation failure returns NULL; the caller reports ERR_NOMEM. The arena also
 * counts its failures (arena.failed), for a caller that makes many small
 * allocations and checks once at the end (the config loader).
 */
#ifndef VIK_COMMON_ARENA_H
#define VIK_COMMON_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
    struct arena_chunk *head;
    size_t chunk_size;
    size_t total;  /* bytes handed out, for the memory figure in the run summary */
    size_t failed; /* allocations that returned NULL since init or release */
};

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

void arena_init(struct arena *a);
/* Free every chunk; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

/* n bytes aligned for any type, zero-filled; NULL on overflow or out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* count * size with overflow check. */
void *arena_calloc(struct arena *a, size_t count, size_t size);
/* Copy of s[0..n) plus a terminating NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

#endif
