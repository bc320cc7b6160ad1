/*
 * ingest.h - read one source through its column mapping into typed rows.
 *
 * Why: one reader serves every export. The schema (model/schema.h) says which
 * canonical fields a source has and of which kind; the source's config says which
 * header holds each one and in which dialect. Each data row is parsed once into a
 * struct row and handed to a sink (the join). A row that cannot be parsed, or that
 * the sink refuses, is counted and written to quarantine-SOURCE.csv with its line,
 * column and reason - never silently skipped: read = accepted + quarantined.
 */
#ifndef VIK_INGEST_INGEST_H
#define VIK_INGEST_INGEST_H

#include "common/err.h"
#include "common/log.h"
#include "ingest/pseudo.h"
#include "model/row.h"

#include <stdint.h>
#include <stdio.h>

enum { INGEST_MAX_REASONS = 24 };

/* How often each reason code occurred (codes are static strings). */
struct ingest_tally {
    size_t n;
    struct {
        const char *code;
        uint64_t n;
    } item[INGEST_MAX_REASONS];
};

struct ingest_counts {
    uint64_t read, accepted, quarantined;
    uint64_t bytes;
    uint64_t blank_lines;         /* lines of only delimiters (no data): skipped, but counted */
    int read_to_end;              /* raw_tap (ingest_opts) saw every byte of the file */
    struct ingest_tally reasons;  /* why rows were quarantined */
    struct ingest_tally warnings; /* accepted rows with a doubtful value (e.g. EAN check digit) */
};

/* The sink returns NULL to accept the row, or why it refuses it. */
typedef const struct reject *(*ingest_sink_fn)(void *ctx, const struct row *row);

/*
 * A refused row as ingest reports it (the texts live only for the call). raw holds
 * the row's MAPPED columns as `header=value` pairs (values cut at 200 bytes), with
 * a resident's BSN shown as [dropped], owner and buyer ids as [pseudonymised] and
 * birth dates as [birth date] (unless the row was refused for it): what is written
 * of a refused row must not become a copy of the register. Ingest writes no file: the pipeline
 * hands the row to report/ (report/rows_csv.h writes quarantine-SOURCE.csv).
 */
struct ingest_refused {
    const char *file; /* display name */
    long line;
    const char *column; /* the export's header of the refused field; "" for the row */
    const char *code;   /* stable reason code, e.g. "postcode_invalid" */
    const char *text;   /* one readable sentence */
    const char *raw;
};
typedef void (*ingest_refused_fn)(void *ctx, const struct ingest_refused *row);

struct ingest_opts {
    const struct source_cfg *cfg;
    const struct pseudo *pseudo;
    int32_t reference_date;    /* dates after it are refused */
    ingest_refused_fn refused; /* each refused row, or NULL: counted only */
    void *refused_ctx;
    const char *display_name; /* file name used in messages and the quarantine file */
    size_t max_field;         /* longest accepted field in bytes */
    const struct log *log;
    int header_only; /* stop after mapping the header (vik check) */
    FILE *problems;  /* when set, every header problem is printed here (vik check) */
    int progress;    /* show rows and rows/s on stderr (a terminal) */
    int threads;     /* >= 2: read and pseudonymise on a second thread; this one parses, joins */
    /* Every byte of the file as stored, in order, on the thread that reads it (csvr.tap):
     * the pipeline's checksum for the audit trail. NULL: none. */
    void (*raw_tap)(void *ctx, const void *bytes, size_t n);
    void *raw_tap_ctx;
    /* When set, called once, on the thread that calls the sink and with its ctx, with
     * the rows the file likely holds: its size over the bytes per row of the first
     * INGEST_EXPECT_AFTER rows. Not called for a file too small or of unknown size. */
    void (*expect)(void *ctx, uint64_t rows);
};

/* Rows before ingest_opts.expect is called: reads come in 256 KiB, so some 10 MB in
 * the estimate is off by a few percent at most. */
enum { INGEST_EXPECT_AFTER = 65536 };

/*
 * Stream the source. Returns 0 or an error code with *e filled: the file cannot be
 * read, a mapped header is missing or duplicated, a protected column is mapped.
 */
MUST_CHECK int ingest_source(enum source_id src, const struct ingest_opts *o, ingest_sink_fn sink,
                             void *ctx, struct ingest_counts *counts, struct err *e);

#endif
