/*
 * linkage.h - the account of how every row found its address.
 *
 * Why: the analyst must be able to trust the join, and must see what it missed.
 * Per source, rows are counted per match class (link.h); rows that did not link
 * are written to unlinked-SOURCE.csv with the reason and the Kadaster candidates;
 * per neighbourhood the unlinked rate is kept, because a buurt where many rows miss
 * their dwelling looks anomalous on every count indicator. For `vik explain`, the
 * rows written at one postcode + number are kept with their class.
 *
 * Owns its area table, its trace and nothing else: the unlinked files are opened
 * and closed by the pipeline (they belong to the run's output batch).
 */
#ifndef VIK_TRANSFORM_LINKAGE_H
#define VIK_TRANSFORM_LINKAGE_H

#include "common/hmap.h"
#include "model/row.h"
#include "transform/link.h"

#include <stdio.h>

/* One neighbourhood (buurt code as the Kadaster objects write it; NULL unknown). */
struct linkage_area {
    const char *neighbourhood;
    uint64_t rows[SRC_COUNT];
    uint64_t unlinked[SRC_COUNT];
};

/* One row at the address `vik explain` follows. */
struct linkage_trace {
    enum source_id source;
    long line;
    enum link_class cls;
    uint32_t addr;    /* the address the row counts at (linked or its own) */
    char written[96]; /* the address as the row wrote it, control bytes as '?' */
};

enum { LINKAGE_TRACE_MAX = 400 };

/*
 * A row that did not link, as the join reports it (the texts live only for the
 * call): the address as written, how it was read, the Kadaster units at that
 * number. The join writes no file: the pipeline hands the row to report/
 * (report/rows_csv.h writes unlinked-SOURCE.csv).
 */
struct linkage_unlinked {
    enum source_id source;
    const char *file; /* input file name */
    long line;
    const char *cls;        /* AMBIGUOUS, or NONE (unit unknown, not in the Kadaster) */
    const char *reason;     /* the class's sentence */
    const char *written[4]; /* postcode, number, letter, suffix as the row wrote them */
    const char *read_as;    /* "5664AB 12-A" */
    const char *candidates; /* the units at that number: "12A 12B (+3 more)" */
};
typedef void (*linkage_unlinked_fn)(void *ctx, const struct linkage_unlinked *row);

struct linkage {
    uint64_t cls[SRC_COUNT][LINK_CLASS_COUNT];
    uint64_t bag_invalid[SRC_COUNT]; /* bag_id given but not an id: linked by address */
    uint64_t bag_unknown[SRC_COUNT]; /* a valid bag_id no Kadaster object has */

    struct linkage_area *areas;
    uint32_t n_areas, cap_areas;
    struct hmap area_index;         /* neighbourhood pointer value -> index in areas */
    const char *last_neighbourhood; /* one-entry cache: rows come grouped by address */
    uint32_t last_area;             /* its index */
    int last_valid;                 /* the cache holds an area (NULL is a buurt: unknown) */

    linkage_unlinked_fn unlinked;     /* each unlinked row, or NULL: counted only */
    void *unlinked_ctx[SRC_COUNT];    /* per source; a source whose ctx is NULL is not reported */
    const char *file_name[SRC_COUNT]; /* input file name for its `file` column */

    int tracing; /* keep the rows at trace_key's postcode + number */
    struct addr_key trace_key;
    struct linkage_trace *trace; /* malloc'd, LINKAGE_TRACE_MAX rows */
    size_t n_trace;
    uint64_t trace_dropped;
};

void linkage_init(struct linkage *lk);
void linkage_release(struct linkage *lk);

/* Follow the rows written at k's postcode + number (vik explain). 0, or -1 (memory). */
int linkage_follow(struct linkage *lk, const struct addr_key *k);

/*
 * Account for one row: its class, its neighbourhood, its unlinked line, its trace.
 * `k` is the written address (NULL when the row linked by BAG id without one),
 * `addr` the address the row was folded into. 0, or -1 when out of memory.
 */
int linkage_note(struct linkage *lk, const struct link *l, const struct row *r,
                 const struct addr_key *k, const struct link_match *m, uint32_t addr);

/*
 * Add what a lane's linkage counted (transform/join.h: join_lane_init) to dst:
 * classes, BAG id counters, areas (created in dst in the lane's order) and traced
 * rows. 0, or -1 when out of memory.
 */
int linkage_merge(struct linkage *dst, const struct linkage *lane);

/* The traced rows in source and line order: lanes note their linked rows before
 * the unlinked ones they hand back (stable, so one file's rows keep their order). */
void linkage_trace_sort(struct linkage *lk);

/* Rows of a source linked (classes BAG_ID..UNIQUE) and in total. */
uint64_t linkage_linked(const struct linkage *lk, enum source_id src);
uint64_t linkage_rows(const struct linkage *lk, enum source_id src);

/*
 * Areas sorted for reports: by unlinked share over all sources but the Kadaster
 * objects, highest first, then by name. Fills a malloc'd array of indexes into
 * lk->areas (caller frees); -1 when out of memory.
 */
int linkage_areas_sorted(const struct linkage *lk, uint32_t **order);

/* The unlinked share of an area over the non-reference sources (0 when no rows). */
double linkage_area_share(const struct linkage_area *a);

#endif
