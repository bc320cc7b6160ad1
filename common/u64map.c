/*
 * u64map.c - see u64map.h.
 */
#include "common/u64map.h"

#include "common/hugemem.h"
#include <stdlib.h>

enum { U64MAP_MIN_CAP = 1024 };

void u64map_init(struct u64map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
}

void u64map_release(struct u64map *m)
{
    free(m->slots);
    u64map_init(m);
}

/* splitmix64's finaliser: packed keys differ in few low bits, so mix them all. */
static size_t slot_of(uint64_t key, size_t mask)
{
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ull;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebull;
    key ^= key >> 31;
    return (size_t)key & mask;
}

static size_t find(const struct u64map *m, uint64_t key)
{
    size_t mask = m->cap - 1, i = slot_of(key, mask);
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static int grow(struct u64map *m)
{
    struct u64map bigger = {NULL, m->cap ? m->cap * 2 : U64MAP_MIN_CAP, m->n};
    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return -1;
    mem_prefer_huge(bigger.slots, bigger.cap * sizeof *bigger.slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            bigger.slots[find(&bigger, m->slots[i].key)] = m->slots[i];
    u64map_release(m);
    *m = bigger;
    return 0;
}

uint32_t *u64map_get(const struct u64map *m, uint64_t key)
{
    if (!m->cap || !key)
        return NULL;
    size_t i = find(m, key);
    return m->slots[i].key ? &m->slots[i].val : NULL;
}

uint32_t *u64map_put(struct u64map *m, uint64_t key, uint32_t value_if_new, int *inserted)
{
    if (!key || ((m->n + 1) * 10 > m->cap * 7 && grow(m) != 0))
        return NULL;
    size_t i = find(m, key);
    if (inserted)
        *inserted = !m->slots[i].key;
    if (!m->slots[i].key) {
        m->slots[i] = (struct u64slot){key, value_if_new};
        m->n++;
    }
    return &m->slots[i].val;
}
