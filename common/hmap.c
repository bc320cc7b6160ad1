/*
 * hmap.c - see hmap.h.
 */
#include "common/hmap.h"

#include "common/hugemem.h"
#include "common/mapcap.h"

#include <stdlib.h>
#include <string.h>

void hmap_init(struct hmap *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
    arena_init(&m->keys);
}

void hmap_release(struct hmap *m)
{
    free(m->slots);
    arena_release(&m->keys);
    hmap_init(m);
}

uint32_t hmap_hash(const char *key, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 16777619u;
    }
    return h;
}

static const char *slot_key(const struct hmap_slot *s)
{
    return s->flags & HMAP_SLOT_INLINE ? s->key.in : s->key.ptr;
}

static struct hmap_slot *hmap_find(const struct hmap *m, const char *key, size_t len, uint32_t hash)
{
    size_t mask = m->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        struct hmap_slot *s = &m->slots[i];
        if (!s->flags)
            return s;
        if (s->hash == hash && s->len == len && memcmp(slot_key(s), key, len) == 0)
            return s;
    }
}

/* Rehash into cap slots (a power of two, above the entries' 0.7). */
static int hmap_resize(struct hmap *m, size_t cap)
{
    struct hmap_slot *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return -1;
    }
    mem_prefer_huge(m->slots, cap * sizeof *m->slots);
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].flags)
            *hmap_find(m, slot_key(&old[i]), old[i].len, old[i].hash) = old[i];
    }
    free(old);
    return 0;
}

static int hmap_grow(struct hmap *m)
{
    return hmap_resize(m, mapcap_next(m->cap));
}

int hmap_reserve(struct hmap *m, size_t n)
{
    size_t cap = mapcap_for(n, m->cap, sizeof *m->slots);
    return cap > m->cap ? hmap_resize(m, cap) : 0;
}

uint32_t *hmap_get_hashed(const struct hmap *m, const char *key, size_t len, uint32_t hash)
{
    if (!m->cap)
        return NULL;
    struct hmap_slot *s = hmap_find(m, key, len, hash);
    return s->flags ? &s->value : NULL;
}

uint32_t *hmap_get(const struct hmap *m, const char *key, size_t len)
{
    return hmap_get_hashed(m, key, len, hmap_hash(key, len));
}

/* The slot of key, added with value_if_new when absent; NULL when out of memory. */
static struct hmap_slot *slot_put(struct hmap *m, const char *key, size_t len, uint32_t hash,
                                  uint32_t value_if_new, int *inserted)
{
    if (inserted)
        *inserted = 0; /* until the key is in: a failure inserts nothing */
    if (mapcap_over(m->n + 1, m->cap) && hmap_grow(m) != 0)
        return NULL;
    struct hmap_slot *s = hmap_find(m, key, len, hash);
    if (!s->flags) {
        if (len <= HMAP_INLINE) {
            memcpy(s->key.in, key, len);
            s->flags = HMAP_SLOT_USED | HMAP_SLOT_INLINE;
        } else {
            char *k = arena_strndup(&m->keys, key, len);
            if (!k)
                return NULL;
            s->key.ptr = k;
            s->flags = HMAP_SLOT_USED;
        }
        s->len = (uint32_t)len;
        s->hash = hash;
        s->value = value_if_new;
        m->n++;
        if (inserted)
            *inserted = 1;
    }
    return s;
}

uint32_t *hmap_put_hashed(struct hmap *m, const char *key, size_t len, uint32_t hash,
                          uint32_t value_if_new, int *inserted)
{
    struct hmap_slot *s = slot_put(m, key, len, hash, value_if_new, inserted);
    return s ? &s->value : NULL;
}

uint32_t *hmap_put(struct hmap *m, const char *key, size_t len, uint32_t value_if_new,
                   int *inserted)
{
    return hmap_put_hashed(m, key, len, hmap_hash(key, len), value_if_new, inserted);
}

/* One probe: the slot slot_put found is the key's until the map grows again. */
const char *hmap_intern(struct hmap *m, const char *key, size_t len)
{
    struct hmap_slot *s = slot_put(m, key, len, hmap_hash(key, len), 0, NULL);
    if (!s)
        return NULL;
    if (s->flags & HMAP_SLOT_INLINE) { /* a stable copy: the slot moves when the map grows */
        char *k = arena_strndup(&m->keys, key, len);
        if (!k)
            return NULL;
        s->key.ptr = k;
        s->flags = HMAP_SLOT_USED;
    }
    return s->key.ptr;
}
