/*
 * dataset.h - the per-address model that flows ingest -> transform -> score -> report.
 *
 * Why: vik must run for the whole country (9.2 million addresses, 18 million
 * residents, 14 million connections) on one machine, so rows are never kept: each
 * accepted row is folded into the record of its address (counts, sums, a few recent
 * transactions) as it streams past. A record is a fixed-size struct in one growable
 * array; the hash map from canonical address key to array index is the join.
 *
 * Writers (one writer per field, any number of readers):
 *   - transform/join.c fills everything under "linked from ..." and the owners and
 *     buildings tables, while rows stream in;
 *   - score/ reads addresses and writes only into its own result structures;
 *   - report/ only reads.
 * Memory: records live in `addrs` (malloc'd, grown by doubling); strings (street,
 * city, neighbourhood) and map keys live in the dataset's arena. Everything is
 * released by dataset_release().
 *
 * Dates are int32 YYYYMMDD; a partial BRP date keeps zeros for unknown parts
 * (19800000 = some day in 1980). 0 = unknown.
 */
#ifndef VIK_MODEL_DATASET_H
#define VIK_MODEL_DATASET_H

#include "common/arena.h"
#include "common/hmap.h"
#include "common/u64map.h"
#include "model/schema.h"

#include <stdint.h>

#define NONE_IDX UINT32_MAX

/* Canonical address (docs/addresses.md, step 6): postcode "5664AB", number, letter, suffix. */
struct addr_key {
    char postcode[7]; /* 4 digits + 2 letters + NUL */
    char letter;      /* 'A'..'Z' or '\0' */
    char suffix[5];   /* up to 4 upper-case alphanumerics, "" when none */
    uint32_t number;  /* 1..99999 */
};

/* BAG gebruiksdoel as bit flags; an object may have several. */
enum usage_flags {
    USE_WONEN = 1 << 0,     /* woonfunctie */
    USE_WINKEL = 1 << 1,    /* winkelfunctie */
    USE_KANTOOR = 1 << 2,   /* kantoorfunctie */
    USE_INDUSTRIE = 1 << 3, /* industriefunctie */
    USE_OVERIG = 1 << 4,    /* overige gebruiksfunctie (garage boxes, storage) */
    USE_ZORG = 1 << 5,      /* gezondheidszorgfunctie */
    USE_LOGIES = 1 << 6,    /* logiesfunctie */
    USE_OTHER = 1 << 7      /* bijeenkomst, onderwijs, sport, cel, ... */
};

enum { TX_KEEP = 4 }; /* most recent transactions kept per address */

struct tx {
    int32_t date;
    float price;
    int16_t buyer_age;  /* whole years at the transfer, -1 unknown (no birth date, or the
                           buyer owns nothing here); of several co-buyers the youngest
                           natural person. The birth date itself is not kept (join.h) */
    uint8_t mortgage;   /* 1 yes, 0 no, 2 unknown */
    uint8_t buyer_type; /* enum party */
};

enum party { PARTY_UNKNOWN, PARTY_PERSON, PARTY_ENTITY };

/*
 * One record per address, about 9.2 million of them for the whole country, so the
 * layout is packed by hand (216 bytes on LP64: keep it so). Counters that can
 * plausibly pass 255 at one address (objects, meters: a flat complex behind one
 * number) are uint32_t; the other counters are uint16_t and SATURATE at 65535 in the
 * join instead of wrapping (a wrapped count would read as "nobody lives here").
 */
struct address {
    struct addr_key key;
    uint16_t sources; /* bit per enum source_id that linked at least one row */
    uint8_t usage;    /* kadaster_objects: enum usage_flags of all objects here */
    uint8_t feed_in;  /* energy: enum feed_in_flags */
    const char *street, *city, *neighbourhood; /* arena; NULL when unknown */

    /* linked from kadaster_objects: one contribution per distinct object id here
     * (co-owner rows of an object are counted once, see join.c) */
    uint32_t n_objects;
    uint32_t building; /* index into dataset.buildings, NONE_IDX when unknown */
    uint32_t owner;    /* index into dataset.owners, NONE_IDX when unknown; among
                          co-owners the youngest natural person (K4 looks for them) */
    float floor_area;  /* m2 summed over distinct objects, 0 when unknown */
    float woz;         /* summed over distinct objects */
    int16_t build_year;

    /* linked from brp (saturating) */
    uint16_t n_residents, n_adults, n_minors;
    uint16_t n_arrivals_12m; /* registered_since within 12 months of reference_date */
    uint16_t n_settled_12m;  /* registered for at least 12 months */
    int32_t last_arrival;

    /* linked from energy */
    float elec, gas;      /* annual volumes summed over connections */
    float elec_month[12]; /* summed over connections with monthly data */
    uint32_t n_elec, n_gas, n_elec_monthly;

    /* linked from kvk (saturating) */
    uint16_t n_branches;      /* active branches */
    uint16_t n_entities;      /* distinct KvK numbers among active branches */
    uint16_t n_risk_branches; /* active branches in a risk sector (config list) */
    uint16_t n_founded_24m, n_dissolved_24m, n_short_lived;

    /* linked from kadaster_transactions: the TX_KEEP most recent transfers, newest
     * first; rows repeating a kept transfer (co-buyers: same date and price) are
     * merged into it, not counted */
    uint8_t n_tx;                  /* transfers seen (may exceed TX_KEEP), saturating */
    uint8_t link_doubt;            /* bit per enum source_id: rows of that source at this house
                                      number could not be assigned to one unit (AMBIGUOUS), so
                                      "none here" is not known for this address */
    uint16_t n_adult_arrivals_12m; /* brp: of n_arrivals_12m, aged 18 or over (B2) */
    struct tx tx[TX_KEEP];
};

/*
 * Citizen reports (the optional signals source) at one address, per theme. A side
 * table, because few addresses have any: 9.2 million records need not carry it.
 */
enum { DATASET_THEMES = 4 }; /* = THEME_COUNT (model/catalogue.h), checked in join.c */

struct signal_agg {
    float weight[DATASET_THEMES]; /* sum over distinct reports of 0.5^(age / half_life) */
    uint16_t n[DATASET_THEMES];   /* distinct reports in the window (saturating) */
    int32_t latest;               /* date of the latest counted report */
};

/* What is known of solar feed-in at an address (struct address.feed_in). */
enum feed_in_flags {
    FEED_IN_SEEN = 1,   /* a negative year or month, or a reported feed-in > 0 */
    FEED_IN_UNKNOWN = 2 /* an electricity connection with neither monthly values nor a
                           reported feed-in: net metering could hide solar there */
};

/* Owner of Kadaster objects, keyed by pseudonym. Of the birth date only what K4
 * needs is kept, the age on the reference date (issue 11, docs/privacy.md, purpose limitation and
 * minimisation). */
struct owner {
    uint8_t type;         /* enum party */
    int16_t age;          /* whole years on the reference date, -1 unknown (dataset_owner) */
    uint32_t n_objects;   /* distinct objects held; a co-owned object counts for each */
    uint32_t n_dwellings; /* of which woonfunctie (by the object's own usage) */
};

struct building {
    uint32_t n_dwellings;
};

struct dataset {
    struct address *addrs;
    uint32_t n_addrs, cap_addrs;
    struct hmap addr_index; /* the key packed (dataset.c) -> index in addrs */

    struct owner *owners;
    uint32_t n_owners, cap_owners;
    struct hmap owner_index; /* pseudonym -> index in owners */

    struct building *buildings;
    uint32_t n_buildings, cap_buildings;
    struct hmap building_index; /* building_id text -> index */

    struct hmap pairs;   /* distinct (address, KvK number) pairs, 8-byte keys */
    struct hmap objects; /* (address, object_id) seen -> owner index of its
                            latest owner row; join.c, during kadaster_objects (but
                            an address's first BAG object: join.h, first_objects) */
    struct hmap strings; /* interned display strings: street, city, buurt */

    struct signal_agg *signals;
    uint32_t n_signals, cap_signals;
    struct u64map signal_index; /* address index + 1 -> index in signals */
    struct u64map signal_seen;  /* distinct reports (address, date, category) */

    struct arena mem; /* strings */
};

void dataset_init(struct dataset *d);
void dataset_release(struct dataset *d);

/*
 * Index of the address with this key, creating an empty record when new.
 * Returns NONE_IDX when out of memory, and then nothing was added: the array is
 * grown before the key enters the map, so a key never maps to a missing record.
 * *created tells whether it is new.
 */
uint32_t dataset_address(struct dataset *d, const struct addr_key *k, int *created);
/* Index of the address or NONE_IDX when absent. */
uint32_t dataset_find(const struct dataset *d, const struct addr_key *k);

/* Owner / building by key, created when new; NONE_IDX when out of memory (and
 * nothing added, as for dataset_address). */
uint32_t dataset_owner(struct dataset *d, const uint8_t pseudonym[PSEUDONYM_BYTES]);
uint32_t dataset_owner_find(const struct dataset *d, const uint8_t pseudonym[PSEUDONYM_BYTES]);
uint32_t dataset_building(struct dataset *d, const char *id, size_t len);

/* The address index sized for `factor` times the keys it holds (join_expect); best
 * effort: when it cannot have the room it keeps growing as it would have. */
void dataset_reserve_addresses(struct dataset *d, double factor);

/* The reports at an address: created when new (NULL when out of memory) / NULL when none. */
struct signal_agg *dataset_signals(struct dataset *d, uint32_t addr);
const struct signal_agg *dataset_signals_find(const struct dataset *d, uint32_t addr);

/* "5664AB|12|A|2": the canonical text key (buf of at least ADDR_KEY_MAX). */
enum { ADDR_KEY_MAX = 32 };
int addr_key_text(const struct addr_key *k, char *buf, size_t size);
/* Display form "5664AB 12 A-2"-free: "12", "12A", "12A-2", "12-2". */
int addr_key_number_text(const struct addr_key *k, char *buf, size_t size);
/* Total order for deterministic output: postcode, number, letter, suffix. */
int addr_key_cmp(const struct addr_key *a, const struct addr_key *b);

/* Is the address a dwelling (woonfunctie)? */
static inline int address_is_dwelling(const struct address *a)
{
    return (a->usage & USE_WONEN) != 0;
}

#endif
