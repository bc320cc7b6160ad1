/*
 * dataset.c - containers of the per-address model; see dataset.h.
 */
#include "model/dataset.h"

#include "common/hugemem.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dataset_init(struct dataset *d)
{
    memset(d, 0, sizeof *d);
    hmap_init(&d->addr_index);
    hmap_init(&d->owner_index);
    hmap_init(&d->building_index);
    hmap_init(&d->pairs);
    hmap_init(&d->objects);
    hmap_init(&d->strings);
    /* keyed by address index + 1: the scorer asks in address order (S1 at every
     * address), so a block of 256 addresses keeps its slots together, see
     * u64map_init_near */
    u64map_init_near(&d->signal_index, 8);
    u64map_init(&d->signal_seen);
    arena_init(&d->mem);
}

void dataset_release(struct dataset *d)
{
    free(d->addrs);
    free(d->owners);
    free(d->buildings);
    hmap_release(&d->addr_index);
    hmap_release(&d->owner_index);
    hmap_release(&d->building_index);
    hmap_release(&d->pairs);
    hmap_release(&d->objects);
    hmap_release(&d->strings);
    free(d->signals);
    u64map_release(&d->signal_index);
    u64map_release(&d->signal_seen);
    arena_release(&d->mem);
    dataset_init(d);
}

/*
 * arr (entries of elem bytes, capacity *cap) with room for index n: arr itself, or
 * its grown copy (capacity doubled); NULL when index n cannot be (NONE_IDX) or
 * memory runs out, arr then as it was. The caller stores the result in its own
 * typed pointer: no pointer is written through a (void **).
 */
static void *grow(void *arr, uint32_t *cap, uint32_t n, size_t elem)
{
    if (n < *cap)
        return arr;
    if (n == NONE_IDX || *cap >= UINT32_MAX / 2)
        return NULL;
    uint32_t ncap = *cap ? *cap * 2 : 4096;
    if (ncap > SIZE_MAX / elem)
        return NULL;
    void *p = realloc(arr, (size_t)ncap * elem);
    if (!p)
        return NULL;
    mem_prefer_huge(p, (size_t)ncap * elem);
    *cap = ncap;
    return p;
}

int addr_key_text(const struct addr_key *k, char *buf, size_t size)
{
    char letter[2] = {k->letter, '\0'};
    return snprintf(buf, size, "%s|%u|%s|%s", k->postcode, (unsigned)k->number, letter, k->suffix);
}

int addr_key_number_text(const struct addr_key *k, char *buf, size_t size)
{
    char letter[2] = {k->letter, '\0'};
    if (!k->suffix[0])
        return snprintf(buf, size, "%u%s", (unsigned)k->number, letter);
    return snprintf(buf, size, "%u%s-%s", (unsigned)k->number, letter, k->suffix);
}

int addr_key_cmp(const struct addr_key *a, const struct addr_key *b)
{
    int c = strcmp(a->postcode, b->postcode);
    if (c)
        return c;
    if (a->number != b->number)
        return a->number < b->number ? -1 : 1;
    if (a->letter != b->letter)
        return (unsigned char)a->letter < (unsigned char)b->letter ? -1 : 1;
    return strcmp(a->suffix, b->suffix);
}

/*
 * The address index's key: the parts packed at fixed places (postcode, letter,
 * suffix, number), zero-padded. Every row of every source looks its address up,
 * so this is built without formatting (a snprintf per row showed in the profile).
 */
enum { INDEX_KEY = 15 };

static void index_key(const struct addr_key *k, char out[INDEX_KEY])
{
    memset(out, 0, INDEX_KEY);
    memcpy(out, k->postcode, strnlen(k->postcode, 6));
    out[6] = k->letter;
    memcpy(out + 7, k->suffix, strnlen(k->suffix, 4));
    memcpy(out + 11, &k->number, 4);
}

/*
 * The index's hash keeps a street's houses side by side: the postcode is mixed and
 * the house number added, so number 7 sits a slot or two after number 5 of the same
 * postcode. Exports sorted by address (as registers write them) then find their
 * next address in the cache line or the one the processor fetched ahead, where a
 * mixed hash made every row a miss at national size. A unit with a letter or a
 * toevoeging is mixed whole: units at one number must not crowd one slot.
 */
static uint32_t index_hash(const char key[INDEX_KEY], uint32_t number)
{
    uint64_t postcode = 0, unit = 0;
    memcpy(&postcode, key, 6);
    memcpy(&unit, key + 6, 5);
    if (unit)
        return (uint32_t)(u64map_mix(postcode ^ u64map_mix(unit ^ (uint64_t)number << 40)) >> 32);
    return (uint32_t)(u64map_mix(postcode) >> 32) + number;
}

uint32_t dataset_find(const struct dataset *d, const struct addr_key *k)
{
    char key[INDEX_KEY];
    index_key(k, key);
    uint32_t *v = hmap_get_hashed(&d->addr_index, key, sizeof key, index_hash(key, k->number));
    return v ? *v : NONE_IDX;
}

/*
 * Index of key in m, or a new slot n at the end of arr (zeroed, *n incremented).
 * The caller grows arr for index *n BEFORE (grow): a failure there leaves both
 * untouched, so no key can ever map to an index past the array or shared with
 * another record.
 */
static uint32_t find_or_add(struct hmap *m, const char *key, size_t len, uint32_t hash, void *arr,
                            uint32_t *n, size_t elem, int *created)
{
    if (created)
        *created = 0;
    int inserted = 0;
    uint32_t *v = hmap_put_hashed(m, key, len, hash, *n, &inserted); /* one probe */
    if (!v)
        return NONE_IDX;
    if (!inserted)
        return *v;
    memset((char *)arr + (size_t)*n * elem, 0, elem);
    if (created)
        *created = 1;
    return (*n)++;
}

uint32_t dataset_address(struct dataset *d, const struct addr_key *k, int *created)
{
    char key[INDEX_KEY];
    index_key(k, key);
    int fresh = 0;
    if (created)
        *created = 0;
    struct address *room = grow(d->addrs, &d->cap_addrs, d->n_addrs, sizeof *d->addrs);
    if (!room)
        return NONE_IDX;
    d->addrs = room;
    uint32_t i = find_or_add(&d->addr_index, key, sizeof key, index_hash(key, k->number), d->addrs,
                             &d->n_addrs, sizeof *d->addrs, &fresh);
    if (i != NONE_IDX && fresh) {
        struct address *a = &d->addrs[i];
        a->key = *k;
        a->building = NONE_IDX;
        a->owner = NONE_IDX;
    }
    if (created)
        *created = fresh;
    return i;
}

/*
 * The owner index is keyed by the whole pseudonym (16 bytes, in the map's slot:
 * one cache miss a lookup at national size, common/hmap.h). A keyed hash is
 * uniform already, so its first four bytes are the map's hash, not a hash of a hash.
 */
static uint32_t owner_hash(const uint8_t pseudonym[PSEUDONYM_BYTES])
{
    uint32_t h;
    memcpy(&h, pseudonym, sizeof h);
    return h;
}

uint32_t dataset_owner_find(const struct dataset *d, const uint8_t pseudonym[PSEUDONYM_BYTES])
{
    uint32_t *v = hmap_get_hashed(&d->owner_index, (const char *)pseudonym, PSEUDONYM_BYTES,
                                  owner_hash(pseudonym));
    return v ? *v : NONE_IDX;
}

uint32_t dataset_owner(struct dataset *d, const uint8_t pseudonym[PSEUDONYM_BYTES])
{
    int fresh = 0;
    struct owner *room = grow(d->owners, &d->cap_owners, d->n_owners, sizeof *d->owners);
    if (!room)
        return NONE_IDX;
    d->owners = room;
    uint32_t o =
        find_or_add(&d->owner_index, (const char *)pseudonym, PSEUDONYM_BYTES,
                    owner_hash(pseudonym), d->owners, &d->n_owners, sizeof *d->owners, &fresh);
    if (o != NONE_IDX && fresh)
        d->owners[o].age = -1;
    return o;
}

/*
 * A building id's hash keeps consecutive ids side by side, as index_hash keeps a
 * street's houses: a BAG pand id is a number issued in sequence, and an export
 * sorted by address meets a street's buildings one after another (or the same
 * one again for every flat in it). The id's value without its last six bits is
 * mixed and those bits added, so the next id sits in the next slot, where a mixed
 * hash made each row's lookup a miss at national size. An id that is not a number
 * of at most 19 digits is hashed as text.
 */
static uint32_t building_hash(const char *id, size_t len)
{
    enum { NEAR_BITS = 6 };
    uint64_t v = 0;
    if (len == 0 || len > 19)
        return hmap_hash(id, len);
    for (size_t i = 0; i < len; i++) {
        if (id[i] < '0' || id[i] > '9')
            return hmap_hash(id, len);
        v = v * 10 + (uint64_t)(id[i] - '0');
    }
    uint32_t near = (uint32_t)(v & ((1u << NEAR_BITS) - 1));
    return (uint32_t)(u64map_mix(v >> NEAR_BITS) >> 32) + near;
}

uint32_t dataset_building(struct dataset *d, const char *id, size_t len)
{
    struct building *room =
        grow(d->buildings, &d->cap_buildings, d->n_buildings, sizeof *d->buildings);
    if (!room)
        return NONE_IDX;
    d->buildings = room;
    return find_or_add(&d->building_index, id, len, building_hash(id, len), d->buildings,
                       &d->n_buildings, sizeof *d->buildings, NULL);
}

struct signal_agg *dataset_signals(struct dataset *d, uint32_t addr)
{
    /* room first, as for find_or_add: a failure leaves the map untouched */
    struct signal_agg *room = grow(d->signals, &d->cap_signals, d->n_signals, sizeof *d->signals);
    if (!room)
        return NULL;
    d->signals = room;
    int inserted = 0;
    uint32_t *v = u64map_put(&d->signal_index, (uint64_t)addr + 1, d->n_signals, &inserted);
    if (!v)
        return NULL;
    if (inserted)
        memset(&d->signals[d->n_signals++], 0, sizeof *d->signals);
    return &d->signals[*v];
}

const struct signal_agg *dataset_signals_find(const struct dataset *d, uint32_t addr)
{
    const uint32_t *v = u64map_get(&d->signal_index, (uint64_t)addr + 1);
    return v ? &d->signals[*v] : NULL;
}

void dataset_reserve_addresses(struct dataset *d, double factor)
{
    /* best effort, see dataset.h */
    (void)hmap_reserve(&d->addr_index, (size_t)((double)d->addr_index.n * factor));
}
