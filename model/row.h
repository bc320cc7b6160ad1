/*
 * row.h - one parsed input row, as handed from the reader to the join.
 *
 * Why: values are parsed once, at the ingest boundary, into typed fields; later
 * stages never see export text except address parts and labels. A row lives only
 * for the duration of the sink call: text pointers point into the reader's scratch
 * buffer. Identifiers of persons exist here only as keyed hashes (`hash`); their
 * clear digits were wiped before the sink is called.
 */
#ifndef VIK_MODEL_ROW_H
#define VIK_MODEL_ROW_H

#include "model/schema.h"

#include <stddef.h>
#include <stdint.h>

struct value {
    const char *s; /* FK_TEXT: UTF-8, trimmed, NUL-terminated; NULL when absent */
    size_t len;
    double num;   /* FK_INT, FK_NUM; FK_KVK: the KvK number (8 digits fit exactly) */
    int32_t date; /* FK_DATE: YYYYMMDD, zeros for unknown parts */
    int flag;     /* FK_BOOL: 0/1; FK_PARTY: enum party; FK_PRODUCT: enum product; FK_USAGE:
                     enum usage_flags (model/dataset.h) */
    uint8_t hash[PSEUDONYM_BYTES]; /* FK_PARTY_ID: the pseudonym; FK_BSN: zeros (present =
                                      valid) */
};

enum product { PRODUCT_ELECTRICITY = 1, PRODUCT_GAS = 2 };

struct row {
    enum source_id source;
    long line;        /* record number in the file; the header is line 1 */
    uint64_t mapped;  /* bit per enum field_id: the source maps a column to it */
    uint64_t present; /* bit per enum field_id: mapped and non-empty */
    struct value v[F_COUNT];
};

static inline int row_has(const struct row *r, enum field_id f)
{
    return (r->present >> f) & 1u;
}

static inline int row_maps(const struct row *r, enum field_id f)
{
    return (r->mapped >> f) & 1u;
}

/*
 * Why a row was refused by a stage after parsing (e.g. the address normaliser).
 * A fatal reject (out of memory) is not about the row: it fails the run.
 */
struct reject {
    const char *code; /* stable reason code, e.g. "postcode_invalid" */
    enum field_id field;
    const char *text; /* one readable sentence */
    int fatal;
};

#endif
