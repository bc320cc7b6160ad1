/*
 * query.c - see query.h.
 */
#include "pipeline/query.h"

uint32_t query_resolve(const struct run_model *m, const struct addr_key *k, enum link_class *cls)
{
    struct link_match match;
    link_resolve(&m->join.link, k, &match);
    *cls = match.cls;
    return link_class_linked(match.cls) ? match.addr : dataset_find(&m->data, k);
}

const struct address *query_address(const struct run_model *m, uint32_t idx)
{
    return &m->data.addrs[idx];
}

int query_row(const struct run_model *m, size_t i, struct query_row *out)
{
    const struct linkage *lk = &m->join.linkage;
    if (i >= lk->n_trace)
        return 0;
    const struct linkage_trace *t = &lk->trace[i];
    *out = (struct query_row){.source = t->source,
                              .file = lk->file_name[t->source] ? lk->file_name[t->source] : "",
                              .line = t->line,
                              .written = t->written,
                              .cls = t->cls,
                              .addr = t->addr};
    return 1;
}

uint64_t query_rows_dropped(const struct run_model *m)
{
    return m->join.linkage.trace_dropped;
}
