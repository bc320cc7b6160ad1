/*
 * arena.c - see arena.h. Chunks grow to 1 MiB; an allocation larger than the
 * chunk size gets a chunk of its own.
 */
#include "common/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    struct arena_chunk *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

enum { ARENA_MIN_CHUNK = 64 * 1024, ARENA_MAX_CHUNK = 1024 * 1024 };

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->chunk_size = ARENA_MIN_CHUNK;
    a->total = 0;
    a->failed = 0;
}

void arena_release(struct arena *a)
{
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

static struct arena_chunk *arena_new_chunk(struct arena *a, size_t need)
{
    if (a->chunk_size < ARENA_MIN_CHUNK)
        a->chunk_size = ARENA_MIN_CHUNK;
    size_t size = a->chunk_size;
    if (size < need)
        size = need;
    struct arena_chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->used = 0;
    c->size = size;
    c->next = a->head;
    a->head = c;
    if (a->chunk_size < ARENA_MAX_CHUNK)
        a->chunk_size *= 2;
    return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    if (n > SIZE_MAX - align) {
        a->failed++;
        return NULL;
    }
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    struct arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        c = arena_new_chunk(a, n);
        if (!c) {
            a->failed++;
            return NULL;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->failed++;
        return NULL;
    }
    return arena_alloc(a, count * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
