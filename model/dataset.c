/*
 * dataset.c - containers of the per-address model; see dataset.h.
 */
#include "model/dataset.h"

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
    hmap_init(&d->strings);
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
    hmap_release(&d->strings);
    arena_release(&d->mem);
    dataset_init(d);
}

/* Grow *arr (of elem bytes) so that index n fits; 0 on success. */
static int grow(void **arr, uint32_t *cap, uint32_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    if (*cap >= UINT32_MAX / 2)
        return -1;
    uint32_t ncap = *cap ? *cap * 2 : 4096;
    void *p = realloc(*arr, (size_t)ncap * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

int addr_key_text(const struct addr_key *k, char *buf, size_t size)
{
    char letter[2] = {k->letter, '\0'};
    return snprintf(buf, size, "%s|%u|%s|%s", k->postcode, (unsigned)k->number, letter,
                    k->suffix);
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

uint32_t dataset_find(const struct dataset *d, const struct addr_key *k)
{
    char key[ADDR_KEY_MAX];
    int n = addr_key_text(k, key, sizeof key);
    uint32_t *v = hmap_get(&d->addr_index, key, (size_t)n);
    return v ? *v : NONE_IDX;
}

uint32_t dataset_address(struct dataset *d, const struct addr_key *k, int *created)
{
    char key[ADDR_KEY_MAX];
    int n = addr_key_text(k, key, sizeof key);
    int inserted = 0;
    uint32_t *v = hmap_put(&d->addr_index, key, (size_t)n, d->n_addrs, &inserted);
    if (!v)
        return NONE_IDX;
    if (created)
        *created = inserted;
    if (!inserted)
        return *v;
    if (grow((void **)&d->addrs, &d->cap_addrs, d->n_addrs, sizeof *d->addrs) != 0)
        return NONE_IDX;
    struct address *a = &d->addrs[d->n_addrs];
    memset(a, 0, sizeof *a);
    a->key = *k;
    a->building = NONE_IDX;
    a->owner = NONE_IDX;
    return d->n_addrs++;
}

uint32_t dataset_owner_find(const struct dataset *d, const uint8_t pseudonym[32])
{
    uint32_t *v = hmap_get(&d->owner_index, (const char *)pseudonym, 32);
    return v ? *v : NONE_IDX;
}

uint32_t dataset_owner(struct dataset *d, const uint8_t pseudonym[32])
{
    int inserted = 0;
    uint32_t *v = hmap_put(&d->owner_index, (const char *)pseudonym, 32, d->n_owners, &inserted);
    if (!v)
        return NONE_IDX;
    if (!inserted)
        return *v;
    if (grow((void **)&d->owners, &d->cap_owners, d->n_owners, sizeof *d->owners) != 0)
        return NONE_IDX;
    memset(&d->owners[d->n_owners], 0, sizeof d->owners[0]);
    return d->n_owners++;
}

uint32_t dataset_building(struct dataset *d, const char *id, size_t len)
{
    int inserted = 0;
    uint32_t *v = hmap_put(&d->building_index, id, len, d->n_buildings, &inserted);
    if (!v)
        return NONE_IDX;
    if (!inserted)
        return *v;
    if (grow((void **)&d->buildings, &d->cap_buildings, d->n_buildings,
             sizeof *d->buildings) != 0)
        return NONE_IDX;
    memset(&d->buildings[d->n_buildings], 0, sizeof d->buildings[0]);
    return d->n_buildings++;
}
