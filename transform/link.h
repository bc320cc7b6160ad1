/*
 * link.h - which Kadaster address does a row mean? (docs/addresses.md, steps 5 and 7)
 *
 * Why: the normaliser (address.h) says what a row *wrote*; exporters disagree on
 * letter versus toevoeging ("12-H" against BAG 12 H), on synonyms ("12 hs", "12-II")
 * and on leaving the unit out ("7" for the only address 7A). A row that misses its
 * dwelling makes that dwelling look empty, which is itself a hennep signal, and
 * misses that cluster in one neighbourhood bias every count there. So every row of
 * every source except the Kadaster objects (the reference: the BAG spelling) is
 * resolved against the set of Kadaster addresses, and the way it linked is
 * recorded as a match class.
 *
 * Classes, tried in this order; the first that names exactly one Kadaster address
 * wins, and a row is never linked across postcodes or house numbers:
 *   BAG_ID     the row's bag_id equals a Kadaster object's bag_id
 *   EXACT      same postcode, number, letter and toevoeging
 *   SWAPPED    letter read as toevoeging or the reverse (12-H = 12 H, 12 B73C = 12B 73C)
 *   SYNONYM    same unit after synonym classes: ground floor H/HS/HUIS/BG/BEG/0,
 *              I-IV = 1-4, 2E = 2, BIS = letter B
 *   UNIQUE     no letter or toevoeging written, and the Kadaster has exactly one
 *              address at that postcode and number
 * Unlinked rows (class NONE) say why:
 *   AMBIGUOUS      several Kadaster addresses fit (12 where 12A..12F exist)
 *   UNIT_UNKNOWN   the Kadaster has the postcode and number, not this unit
 *   NOT_IN_KADASTER no Kadaster address at that postcode and number at all
 *
 * How: a hash map from postcode + number (packed into an integer) to the first
 * Kadaster address there, and a chain through the other addresses at the number. A row is one hash
 * lookup when EXACT (nearly all rows) and otherwise a walk over the units of its own house number,
 * never over other addresses: O(n) over the input.
 */
#ifndef VIK_TRANSFORM_LINK_H
#define VIK_TRANSFORM_LINK_H

#include "common/u64map.h"
#include "model/dataset.h"

#include <stddef.h>
#include <stdint.h>

/* X(name, code, linked, text): the classes, in the order they are tried. */
#define LINK_CLASS_MAP(X)                                                                          \
    X(BAG_ID, "BAG_ID", 1, "same BAG id as a Kadaster object")                                     \
    X(EXACT, "EXACT", 1, "same postcode, number, letter and toevoeging as a Kadaster address")     \
    X(SWAPPED, "SWAPPED", 1, "letter read as toevoeging or toevoeging as letter")                  \
    X(SYNONYM, "SYNONYM", 1, "same unit under a synonym (H/HS/HUIS/BG, I-IV = 1-4, BIS = B)")      \
    X(UNIQUE, "UNIQUE", 1,                                                                         \
      "no letter or toevoeging given; the only Kadaster address at this postcode and number")      \
    X(AMBIGUOUS, "AMBIGUOUS", 0,                                                                   \
      "several Kadaster addresses at this postcode and number could be meant")                     \
    X(UNIT_UNKNOWN, "UNIT_UNKNOWN", 0,                                                             \
      "the Kadaster knows this postcode and number, but not this letter/toevoeging")               \
    X(NOT_IN_KADASTER, "NOT_IN_KADASTER", 0, "no Kadaster address at this postcode and number")

enum link_class {
#define LINK_ENUM(name, code, linked, text) LINK_##name,
    LINK_CLASS_MAP(LINK_ENUM)
#undef LINK_ENUM
        LINK_CLASS_COUNT
};

const char *link_class_code(enum link_class c); /* "SWAPPED" */
const char *link_class_text(enum link_class c); /* one sentence */
int link_class_linked(enum link_class c);       /* 1 for BAG_ID..UNIQUE */

enum { LINK_BAG_DIGITS = 16 };

struct link {
    const struct dataset *d;
    struct u64map number;   /* postcode + number -> first Kadaster address there */
    struct u64map postcode; /* postcode -> a Kadaster address there (for its buurt) */
    struct u64map bag;      /* BAG id -> Kadaster address (after link_index_bag) */
    uint32_t *next;         /* next Kadaster address at the same number, by address index */
    uint32_t cap_next;
    /* BAG ids registered and not yet in `bag`, in the order they came */
    struct link_held {
        uint64_t key;
        uint32_t addr;
    } * held;
    size_t n_held, cap_held;
};

struct link_match {
    enum link_class cls;
    uint32_t addr;         /* the Kadaster address when linked, else NONE_IDX */
    uint32_t n_candidates; /* Kadaster addresses at the row's postcode + number */
    uint32_t first;        /* the first of them (NONE_IDX when none): for reports */
};

void link_init(struct link *l, const struct dataset *d);
void link_release(struct link *l);
/* The linker's postcode + number map and held BAG ids (a key for about every
 * address) sized for `factor` times the keys they hold; best effort (see
 * dataset_reserve_addresses). The postcode map is left to grow: a postcode's
 * addresses come together only in a file sorted by postcode, so its share in the
 * first rows says nothing of the rest. */
void link_reserve(struct link *l, double factor);

/*
 * Register d->addrs[idx], a Kadaster address, once (the caller knows it is new).
 * 0, or -1 when out of memory.
 */
int link_add(struct link *l, uint32_t idx);

/*
 * A BAG id as 16 digits (leading zeros are significant; a numeric id of 15 digits
 * lost one to a spreadsheet and is padded back). 0, or -1 when it is not an id.
 */
int link_bag_id(const char *s, size_t n, char out[LINK_BAG_DIGITS + 1]);

/*
 * Register a Kadaster object's BAG id (the first address keeps it). 0 or -1 (memory).
 *
 * The id is held in a list until link_index_bag: nothing looks a BAG id up while
 * the Kadaster objects are read, and a map insert per row was a cache miss each at
 * national size (BAG ids in an export follow no order the map could keep; 2.1 s of
 * the objects' joining thread). The list is indexed in one pass that fetches each
 * slot ahead of its insert, so that the misses overlap.
 */
int link_add_bag(struct link *l, const char id[LINK_BAG_DIGITS + 1], uint32_t idx);

/* Move the held BAG ids into the map, in the order they were registered (the first
 * address of an id keeps it, as if each had been inserted at once). 0, or -1 when
 * out of memory. A no-op when nothing is held. */
int link_index_bag(struct link *l);

/* The Kadaster address with this BAG id, or NONE_IDX. Held ids are not found:
 * link_index_bag first. */
uint32_t link_find_bag(const struct link *l, const char id[LINK_BAG_DIGITS + 1]);

/* Resolve a written address (classes EXACT..NOT_IN_KADASTER). */
void link_resolve(const struct link *l, const struct addr_key *k, struct link_match *m);

/* Kadaster addresses at k's postcode and number: first, then next until NONE_IDX. */
uint32_t link_first(const struct link *l, const struct addr_key *k);
uint32_t link_next(const struct link *l, uint32_t idx);

/* The buurt of k's postcode as the Kadaster knows it; NULL when unknown. */
const char *link_neighbourhood(const struct link *l, const struct addr_key *k);

/* ---- the readings behind SWAPPED and SYNONYM, exposed for tests ---- */

enum { LINK_READINGS_MAX = 3 };

/* The other ways k's letter and toevoeging can be read (not k itself); count. */
int link_swaps(const struct addr_key *k, struct addr_key out[LINK_READINGS_MAX]);

/* k with letter and toevoeging in their synonym class's form. */
void link_synonym(const struct addr_key *k, struct addr_key *out);

#endif
