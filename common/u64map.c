/*
 * u64map.c - see u64map.h.
 */
#include "common/u64map.h"

#include "common/hugemem.h"
#include "common/mapcap.h"

#include <stdlib.h>

void u64map_init_near(struct u64map *m, unsigned near_bits)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
    m->near_bits = near_bits < 63 ? near_bits : 63;
}

void u64map_init(struct u64map *m)
{
    u64map_init_near(m, 0);
}

void u64map_release(struct u64map *m)
{
    free(m->slots);
    u64map_init_near(m, m->near_bits);
}

uint64_t u64map_mix(uint64_t key)
{
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ull;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebull;
    key ^= key >> 31;
    return key;
}

/* Packed keys differ in few low bits, so all are mixed, except the low near_bits,
 * which are added after the mix (u64map_init_near). */
static size_t slot_of(uint64_t key, unsigned near_bits, size_t mask)
{
    uint64_t near = key & ((UINT64_C(1) << near_bits) - 1);
    return (size_t)(u64map_mix(key >> near_bits) + near) & mask;
}

void u64map_prefetch(const struct u64map *m, uint64_t key)
{
    if (m->cap)
        __builtin_prefetch(&m->slots[slot_of(key, m->near_bits, m->cap - 1)], 1);
}

static size_t find(const struct u64map *m, uint64_t key)
{
    size_t mask = m->cap - 1, i = slot_of(key, m->near_bits, mask);
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static int resize(struct u64map *m, size_t cap)
{
    struct u64map bigger = {NULL, cap, m->n, m->near_bits};
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

static int grow(struct u64map *m)
{
    return resize(m, mapcap_next(m->cap));
}

int u64map_reserve(struct u64map *m, size_t n)
{
    size_t cap = mapcap_for(n, m->cap, sizeof *m->slots);
    return cap > m->cap ? resize(m, cap) : 0;
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
    if (!key || (mapcap_over(m->n + 1, m->cap) && grow(m) != 0))
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
