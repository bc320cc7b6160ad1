/*
 * csv_reader.h - stream the records of one delimited file, gzip or plain.
 *
 * Why: this is the only place that touches libcsv and zlib (STYLE.md 2.1), so their
 * traps are handled once: libcsv's field pointer dies with its callback, the last
 * record only arrives at csv_fini, a truncated gzip first delivers data and then
 * signals an error. gzip is recognised by content (zlib reads plain files through
 * unchanged), a UTF-8 BOM is dropped, the delimiter can be sniffed from the header.
 *
 * Only columns marked in `keep` are copied out of libcsv's buffer: columns that are
 * not mapped are never copied, decoded or parsed. The header record (record 1) is
 * always delivered in full so that the caller can map names to columns and then
 * call csvr_keep().
 */
#ifndef VIK_INGEST_CSV_READER_H
#define VIK_INGEST_CSV_READER_H

#include "common/err.h"

#include <stddef.h>
#include <stdint.h>

enum { CSVR_MAX_COLUMNS = 512 };

struct csvr_record {
    long number;         /* 1 = header */
    size_t n_fields;     /* fields in the record, kept or not */
    const char **fields; /* NUL-terminated copies; NULL for columns not kept */
    const size_t *lens;
    int too_long;        /* a kept field exceeded max_field bytes (content dropped) */
};

/* Return 0 to continue, non-zero (an enum err_code) to stop the read with that error. */
typedef int (*csvr_record_fn)(void *ctx, const struct csvr_record *rec);

struct csvr {
    char delimiter;        /* 0 = sniff from the first line */
    size_t max_field;      /* longest kept field in bytes (ceiling, not truncation) */
    unsigned char keep[CSVR_MAX_COLUMNS]; /* set by csvr_keep(); all kept for record 1 */
    int keep_set;
    uint64_t bytes_read;   /* decompressed bytes, for the summary */
};

void csvr_init(struct csvr *r, char delimiter, size_t max_field);
/* Keep exactly the columns with mask[i] != 0 from the next record on. */
void csvr_keep(struct csvr *r, const unsigned char *mask, size_t n);

/*
 * Read path from start to end, calling fn per record. Returns 0, or an error code
 * with *e filled (cannot open, read error, truncated gzip, parser failure, or the
 * code fn returned).
 */
int csvr_read(struct csvr *r, const char *path, csvr_record_fn fn, void *ctx, struct err *e);

#endif
