/*
 * join.h - fold typed rows into the per-address model as they stream in.
 *
 * Why: the join is the heart of vik's scale: nothing per row is kept, every row
 * becomes counts and sums on the record of its canonical address (hash-map lookup,
 * O(1)). One sink per source, chosen from a table by the row's source id; each is a
 * few lines of aggregation. Kadaster objects are joined first: they are the
 * reference set of addresses, and every later row is linked to one of them by the
 * linker (link.h) or, when it does not link, folded into an address of its own
 * and written to unlinked-SOURCE.csv (linkage.h).
 *
 * Duplicate keys are decisions, not accidents (docs/engineering.md): a second row of one
 * Kadaster object at an address (co-ownership: one row per owner) or of one transfer
 * (co-buyers: same date and price) is accepted but adds no area, WOZ or transfer; it
 * is counted in join_counts.duplicates.
 */
#ifndef VIK_TRANSFORM_JOIN_H
#define VIK_TRANSFORM_JOIN_H

#include "common/err.h"
#include "model/dataset.h"
#include "model/facts.h"
#include "model/row.h"
#include "transform/link.h"
#include "transform/linkage.h"

#include <stdint.h>

enum {
    JOIN_OBJECT_ID_MAX = 60 /* longer object ids are quarantined (BAG ids have 16) */
};

struct join_opts {
    int32_t reference_date;
    /* what the indicators need folded in (risk SBI prefixes, report categories and
     * their window), compiled by their own hooks (model/facts.h); NULL = none */
    const struct fact_opts *facts;
};

/* What became of the citizen reports (signals source). */
struct join_signals {
    uint64_t counted; /* distinct reports in the window of a theme's category */
    uint64_t old;     /* older than the window (or dated after the reference date) */
    uint64_t other;   /* of a category no theme lists (geluidsoverlast, ...) */
};

struct join_counts {
    uint64_t linked;         /* rows joined to a Kadaster address (classes BAG_ID..UNIQUE) */
    uint64_t not_in_objects; /* rows folded into an address of their own, not linked to a
                                Kadaster address (AMBIGUOUS, UNIT_UNKNOWN, NOT_IN_KADASTER):
                                still counted where an indicator can use them */
    uint64_t new_addresses;  /* addresses this source created */
    uint64_t duplicates;     /* of the linked rows: a repeat of an object already joined at
                                that address (co-owner) or of a kept transfer (co-buyer) */
};

enum { JOIN_MEMO_TEXT = 96 }; /* postcode, number, letter and suffix as written */

struct join {
    struct dataset *d;
    const struct join_opts *o;
    struct join_counts counts[SRC_COUNT];
    struct link link;       /* the Kadaster addresses, built while objects stream in */
    struct linkage linkage; /* how every row linked; unlinked files set by the caller */
    struct fact_opts facts; /* a copy of o->facts (zeros when none) */
    struct join_signals signals;
    /* The owners' birth dates by owner index (0 unknown), only while rows stream in:
     * the buyer's age at a transfer needs the day (transactions are read after the
     * objects) and the youngest co-owner or co-buyer is kept. The dataset keeps ages
     * only (struct owner.age, struct tx.buyer_age); join_end_ingest() wipes these. */
    int32_t *births;
    uint32_t n_births;
    /* Per address, the first Kadaster object joined there (its BAG id packed, and the
     * owner index of its latest owner row), only while the objects stream in: most
     * addresses hold one object, so the set of (address, object) pairs needs only the
     * others (join.c, object_slot). Freed with the birth dates. */
    struct first_object {
        uint64_t id; /* 0: none yet (a BAG id is never 0) */
        uint32_t owner;
    } * first_objects;
    uint32_t n_first_objects;
    /* The previous row's address as written and what it resolved to. Exports list a
     * household's members one after another (in the generated BRP 57% of the rows
     * repeat the address of the row before), so the same text is normalised and
     * looked up again and again; a row that repeats it exactly is resolved the same
     * way (the Kadaster addresses do not change while another source streams in),
     * and so is one that spells it differently but normalises to the same key (an
     * electricity and a gas row of one home: a key links the same way each time). */
    struct join_memo {
        int valid;
        enum source_id source;
        size_t len;
        char text[JOIN_MEMO_TEXT];
        struct addr_key k;
        struct link_match m;
        uint32_t idx;
    } memo;
    /* NULL for the join that owns the dataset; a lane's own state (join_lane_init) */
    struct join_lane *lane;
};

/* Start a join into d. */
void join_init(struct join *j, struct dataset *d, const struct join_opts *o);
void join_release(struct join *j);
/* Every row is in: wipe and free the birth dates (minimisation; join_release does it too). */
void join_end_ingest(struct join *j);

/* ingest_opts.expect for the Kadaster objects (ctx: the join): about `rows` object
 * rows will come; the maps they fill are sized once for them. */
void join_expect(void *ctx, uint64_t rows);

/*
 * The Kadaster objects are all in: what they registered for the sources after them
 * becomes findable (their BAG ids, held until now: transform/link.h). 0, or -1 when
 * out of memory. join_lane_init and the first row of another source do it when the
 * caller has not; calling it apart lets the caller time it with the objects.
 */
MUST_CHECK int join_objects_done(struct join *j);

/*
 * The ingest sink: NULL when the row was folded in, else why not (static storage).
 * A reject with fatal = 1 ("out_of_memory") is not about the row: fail the run.
 * A row refused for its data changes nothing in the dataset or the counts.
 */
const struct reject *join_row(void *join, const struct row *row);

/*
 * Lanes: the sources after the Kadaster objects joined at the same time, one lane
 * per source, each on its own thread, with one result whatever the number of
 * threads. A lane is a join over the same dataset and linker that changes only
 * what its own source owns:
 * - it folds a row into the Kadaster address the row links to, writing the fields
 *   of its source (residents, energy, branches, transfers, reports: every source
 *   writes its own), and counts in its own linkage (classes, areas, traced rows);
 * - a row that links to no Kadaster address needs an address of its own, and
 *   creating addresses is not a lane's to do: the row is kept (packed, about 0.1%
 *   of the rows) and joined when the lane is merged;
 * - what several sources write at one address - which sources linked there, its
 *   street and city when the objects did not say (the first source in ingest order
 *   that does) - is noted in the lane and written when it is merged.
 * join_lane_merge() then replays it all into the main join, lanes in ingest order,
 * so that the addresses rows create, their order and every count are those of the
 * sources joined one after another (docs/performance.md).
 * join_lane_init first finishes the Kadaster objects in main (join_objects_done),
 * so every lane must be initialised, one after another, before any runs; after it
 * the Kadaster objects must not change, and the lanes may run on any threads. Every lane must have
 * finished before the first is merged (a merge creates addresses, which may move the records a
 * running lane writes); the merges then run one at a time, on one thread.
 */
int join_lane_init(struct join *lane, struct join *main, enum source_id src);
/* Fold the lane into main (see above); 0, or an error code with *e filled (out of
 * memory; a row handed back that the join refused, which only a bug can cause: it
 * would otherwise vanish uncounted). The lane stays to be released. */
int join_lane_merge(struct join *main, struct join *lane, struct err *e);
void join_lane_release(struct join *lane);

/*
 * After the last row: an address whose street or city no row wrote takes them from
 * another address at the same six-position postcode (in the Netherlands a postcode
 * names one street of one place), the first one in address order, so the lists
 * and the report never show an address without them when any source knew them.
 * 0, or -1 when out of memory.
 */
int join_finish(struct join *j);

#endif
