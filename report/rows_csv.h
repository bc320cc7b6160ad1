/*
 * rows_csv.h - quarantine-SOURCE.csv and unlinked-SOURCE.csv: the rows ingest
 * refused and the rows the join could not link, one CSV line each.
 *
 * Why here: ingest/ and transform/ write no files; they report such rows through
 * callbacks (struct ingest_refused, struct linkage_unlinked), and the pipeline
 * wires those to these writers, with ctx the open file of the night's batch. The
 * files' columns are part of what an analyst relies on (README, Outputs), so they
 * are written in one place.
 */
#ifndef VIK_REPORT_ROWS_CSV_H
#define VIK_REPORT_ROWS_CSV_H

#include "ingest/ingest.h"
#include "transform/linkage.h"

#include <stdio.h>

/* file;line;column;reason;message;raw */
void report_quarantine_header(FILE *f);
/* ingest_refused_fn: ctx is the FILE * of quarantine-SOURCE.csv. */
void report_quarantine_row(void *ctx, const struct ingest_refused *row);

/* file;line;class;reason;postcode;house_number;house_letter;house_suffix;read_as;candidates */
void report_unlinked_header(FILE *f);
/* linkage_unlinked_fn: ctx is the FILE * of unlinked-SOURCE.csv. */
void report_unlinked_row(void *ctx, const struct linkage_unlinked *row);

#endif
