/*
 * join.h - fold typed rows into the per-address model as they stream in.
 *
 * Why: the join is the heart of vik's scale: nothing per row is kept, every row
 * becomes counts and sums on the record of its canonical address (hash-map lookup,
 * O(1)). One sink per source, chosen from a table by the row's source id; each is a
 * few lines of aggregation. Kadaster objects are joined first, so that an address
 * created by a later source is known to be missing from the Kadaster.
 */
#ifndef VIK_TRANSFORM_JOIN_H
#define VIK_TRANSFORM_JOIN_H

#include "model/dataset.h"
#include "model/row.h"

#include <stdint.h>

struct join_opts {
    int32_t reference_date;
    const char *risk_sbi; /* comma-separated SBI prefixes (risk sectors) */
};

struct join_counts {
    uint64_t linked;        /* rows joined to an address */
    uint64_t not_in_objects;/* of which at an address without a Kadaster object */
    uint64_t new_addresses; /* addresses this source created */
};

struct join {
    struct dataset *d;
    const struct join_opts *o;
    struct join_counts counts[SRC_COUNT];
    char risk[64][8];       /* parsed risk SBI prefixes */
    int n_risk;
};

void join_init(struct join *j, struct dataset *d, const struct join_opts *o);

/* The ingest sink: NULL when the row was folded in, else why not (static storage). */
const struct reject *join_row(void *join, const struct row *row);

#endif
