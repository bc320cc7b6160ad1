/*
 * query.h - what `vik explain` may ask of a built model (struct run_model).
 *
 * Why: explain shows one address as the night saw it - which Kadaster address the
 * typed text means, the rows written at that number and how each linked, the
 * facts the indicators read. It asks through these few questions instead of
 * walking the join's link tables and linkage trace itself, so the join can change
 * its internals without breaking the command.
 */
#ifndef VIK_PIPELINE_QUERY_H
#define VIK_PIPELINE_QUERY_H

#include "pipeline/pipeline.h"

/*
 * The address a typed key means, resolved as a row written that way would be
 * ("5664AB 12 hs" finds BAG 12-H); *cls says how (LINK_EXACT when written as the
 * Kadaster writes it; a class that does not link when no Kadaster address matched
 * and the key was looked up as written). NONE_IDX when no source has it.
 */
uint32_t query_resolve(const struct run_model *m, const struct addr_key *k, enum link_class *cls);

/* The record of address idx (< m->data.n_addrs). */
const struct address *query_address(const struct run_model *m, uint32_t idx);

/* One input row written at the followed postcode and number (run_opts.follow). */
struct query_row {
    enum source_id source;
    const char *file; /* the source's input file name */
    long line;
    const char *written; /* the address as the row wrote it */
    enum link_class cls;
    uint32_t addr; /* where it counts: its Kadaster address or an address of its own */
};

/* The i-th row of the trace (0 when i is past the end), and how many were not kept. */
int query_row(const struct run_model *m, size_t i, struct query_row *out);
uint64_t query_rows_dropped(const struct run_model *m);

#endif
