/*
 * hmap.h - open-addressing hash map from byte-string keys to 32-bit values.
 *
 * Why: every join in vik is "find the record for this key or create it", millions
 * of times (addresses, owners). Storing a 32-bit index into a caller-owned array
 * instead of a pointer keeps the table small (32 bytes a slot) and lets the caller
 * grow its array freely. Keys are copied, so callers may pass scratch buffers: a
 * key of up to HMAP_INLINE bytes (an address key, a building id) into the slot
 * itself, so that a lookup touches one cache line instead of two; a longer one
 * (a long object id kept as text) into the map's arena. Callers shorten their
 * keys to fit where they can (a pseudonym is 16 bytes, ingest/pseudo.h; BAG object
 * ids are packed, transform/join.c). Linear probing, power-of-two capacity, load
 * factor <= 0.7.
 *
 * Iteration order is the slot order and therefore NOT stable across inputs: code
 * that writes output must sort, never follow the map.
 */
#ifndef VIK_COMMON_HMAP_H
#define VIK_COMMON_HMAP_H

#include "common/arena.h"

#include <stddef.h>
#include <stdint.h>

enum { HMAP_INLINE = 16 };

struct hmap_slot {
    union {
        const char *ptr;      /* arena memory (HMAP_SLOT_INLINE not set) */
        char in[HMAP_INLINE]; /* the key itself (HMAP_SLOT_INLINE set) */
    } key;
    uint32_t len;
    uint32_t hash;
    uint32_t value;
    uint32_t flags; /* HMAP_SLOT_USED, HMAP_SLOT_INLINE; 0 = empty slot */
};

enum { HMAP_SLOT_USED = 1, HMAP_SLOT_INLINE = 2 };

struct hmap {
    struct hmap_slot *slots; /* malloc'd */
    size_t cap;
    size_t n;
    struct arena keys;
};

void hmap_init(struct hmap *m);
void hmap_release(struct hmap *m);

/* Pointer to the value for key, or NULL when absent. */
uint32_t *hmap_get(const struct hmap *m, const char *key, size_t len);

/*
 * Find key or insert it with value `value_if_new`. Returns the value slot, or NULL
 * when out of memory. *inserted (when not NULL) tells whether the key was new (0 on
 * failure: nothing was inserted).
 * The pointer is valid until the next insertion.
 */
uint32_t *hmap_put(struct hmap *m, const char *key, size_t len, uint32_t value_if_new,
                   int *inserted);

/*
 * Interning: the map's own stable copy of key (arena memory, valid until
 * hmap_release), inserting it when new; NULL when out of memory.
 */
const char *hmap_intern(struct hmap *m, const char *key, size_t len);

/* Room for n keys without growing (one rehash now instead of one per doubling, each
 * a pass over every key): for a caller that knows about how many will come. 0, or
 * -1 when out of memory (the map is unchanged). */
int hmap_reserve(struct hmap *m, size_t n);

/* FNV-1a, exposed for tests and for callers that shard by hash. */
uint32_t hmap_hash(const char *key, size_t len);

/*
 * hmap_get and hmap_put with the caller's hash of the key instead of hmap_hash: for
 * a map whose keys have an order worth keeping in the slots (the address index
 * places neighbouring addresses in neighbouring slots, model/dataset.c). A map must
 * be used with one hash throughout.
 */
uint32_t *hmap_get_hashed(const struct hmap *m, const char *key, size_t len, uint32_t hash);
uint32_t *hmap_put_hashed(struct hmap *m, const char *key, size_t len, uint32_t hash,
                          uint32_t value_if_new, int *inserted);

#endif
