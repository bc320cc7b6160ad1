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

struct ingest_counts {
    uint64_t read, accepted, quarantined;
    uint64_t bytes;
    size_t n_reasons;
    struct {
        const char *code; /* static string */
        uint64_t n;
    } reasons[INGEST_MAX_REASONS];
};

/* The sink returns NULL to accept the row, or why it refuses it. */
typedef const struct reject *(*ingest_sink_fn)(void *ctx, const struct row *row);

struct ingest_opts {
    const struct source_cfg *cfg;
    const struct pseudo *pseudo;
    int32_t reference_date;   /* dates after it are refused */
    FILE *quarantine;         /* open quarantine file (header written by ingest) */
    const char *display_name; /* file name used in messages and the quarantine file */
    size_t max_field;         /* longest accepted field in bytes */
    const struct log *log;
    int header_only; /* stop after mapping the header (vik check) */
};

/*
 * Stream the source. Returns 0 or an error code with *e filled: the file cannot be
 * read, a mapped header is missing or duplicated, a protected column is mapped.
 */
int ingest_source(enum source_id src, const struct ingest_opts *o, ingest_sink_fn sink, void *ctx,
                  struct ingest_counts *counts, struct err *e);

/* Write the quarantine file's header line. */
void ingest_quarantine_header(FILE *f);

#endif
