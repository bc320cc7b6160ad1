/*
 * u64map.h - open-addressing hash map from nonzero 64-bit keys to 32-bit values.
 *
 * Why: the linker keeps two indexes over every Kadaster address (postcode + number,
 * BAG id). Both keys pack into an integer, and for 9.2 million addresses a byte-key
 * hmap costs a 32-byte slot; this map costs 16 bytes a slot, key and value side
 * by side (in two arrays they were two cache misses a lookup at national size). Key 0 marks an
 * empty slot, so callers encode their keys as nonzero. Linear probing, power-of-two capacity, load
 * <= 0.7.
 */
#ifndef VIK_COMMON_U64MAP_H
#define VIK_COMMON_U64MAP_H

#include <stddef.h>
#include <stdint.h>

struct u64slot {
    uint64_t key; /* 0 = empty */
    uint32_t val;
};

struct u64map {
    struct u64slot *slots; /* malloc'd: key and value side by side, one cache miss a lookup */
    size_t cap, n;
    unsigned near_bits; /* see u64map_init_near; 0: every bit mixed */
};

void u64map_init(struct u64map *m);

/* Room for n keys without growing (see hmap_reserve). 0, or -1 when out of memory
 * (the map is unchanged). */
int u64map_reserve(struct u64map *m, size_t n);

/* splitmix64's finaliser, the map's mix: every bit of key moves about half of them. */
uint64_t u64map_mix(uint64_t key);

/*
 * A map whose keys are a group and a position in it, the low near_bits bits the
 * position (a postcode and a house number): the group is mixed, the position is
 * added, so keys of one group that lie close together sit in neighbouring slots.
 * Input in that order (exports sorted by address) then finds its slots in cache
 * instead of a miss each; input in any other order costs what a mixed key costs.
 */
void u64map_init_near(struct u64map *m, unsigned near_bits);
void u64map_release(struct u64map *m);

/* Ask the processor for key's home slot now: a caller that knows its next keys
 * (a batch of inserts) overlaps their cache misses. Changes nothing. */
void u64map_prefetch(const struct u64map *m, uint64_t key);

/* Pointer to the value for key (nonzero), or NULL when absent. */
uint32_t *u64map_get(const struct u64map *m, uint64_t key);

/*
 * Find key (nonzero) or insert it with value_if_new; the value slot, or NULL when
 * out of memory. *inserted (when not NULL) tells whether it was new. The pointer is
 * valid until the next insertion.
 */
uint32_t *u64map_put(struct u64map *m, uint64_t key, uint32_t value_if_new, int *inserted);

#endif
