/*
 * vik_floor.c - the reader floor: one pass of vik's own CSV reader (csvr_read) over
 * the given files, with a record callback that does nothing, timed per file.
 *
 * Why: `vik run` can never be faster than reading its exports once, so this is the
 * floor that make bench holds a run against, and the figure that shows whether a
 * change to ingest/csv_reader.c made reading faster or slower. It links only the
 * reader (and what it needs), not the pipeline, so nothing else is measured.
 *
 * Usage: vik-floor [--max-field N] [--keep-none] [--copies] FILE...
 * Prints per file, then a total:
 *   floor: FILE rows N bytes B seconds S mb_per_s M
 *   floor: total rows N bytes B seconds S mb_per_s M
 * rows are data records (the header not counted), bytes the decompressed bytes,
 * MB = 10^6 bytes. By default every column is kept, and read as vik reads it
 * (csvr.views: a line the reader splits itself is not copied); --copies copies
 * every kept field out, as a reader without views does; --keep-none keeps none after
 * the header (parsing only).
 */
#include "common/err.h"
#include "ingest/csv_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct count {
    struct csvr *r;
    int keep_none;
    long rows;
};

static int on_record(void *ctx, const struct csvr_record *rec)
{
    struct count *c = ctx;
    if (rec->number == 1 && c->keep_none) {
        static const unsigned char none[CSVR_MAX_COLUMNS];
        csvr_keep(c->r, none, sizeof none);
    }
    c->rows += rec->number > 1;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_line(const char *name, long rows, unsigned long long bytes, double secs)
{
    printf("floor: %s rows %ld bytes %llu seconds %.3f mb_per_s %.1f\n", name, rows, bytes, secs,
           secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
}

static int usage(void)
{
    fprintf(stderr, "usage: vik-floor [--max-field N] [--keep-none] [--copies] FILE...\n");
    return 2;
}

int main(int argc, char **argv)
{
    size_t max_field = 4096; /* vik's default max_field_bytes */
    int keep_none = 0, copies = 0, first = 1;
    while (first < argc && strncmp(argv[first], "--", 2) == 0) {
        if (strcmp(argv[first], "--keep-none") == 0)
            keep_none = 1;
        else if (strcmp(argv[first], "--copies") == 0)
            copies = 1;
        else if (strcmp(argv[first], "--max-field") == 0 && first + 1 < argc)
            max_field = strtoul(argv[++first], NULL, 10);
        else
            return usage();
        first++;
    }
    if (first >= argc || max_field == 0)
        return usage();
    long total_rows = 0;
    unsigned long long total_bytes = 0;
    double total_secs = 0;
    for (int i = first; i < argc; i++) {
        struct csvr r;
        csvr_init(&r, 0, max_field);
        r.views = !copies;
        struct count c = {.r = &r, .keep_none = keep_none};
        struct err e = {0};
        double t0 = now();
        int rc = csvr_read(&r, argv[i], on_record, &c, &e);
        double secs = now() - t0;
        if (rc) {
            fprintf(stderr, "vik-floor: %s\n", e.msg);
            return 1;
        }
        print_line(argv[i], c.rows, (unsigned long long)r.bytes_read, secs);
        total_rows += c.rows;
        total_bytes += r.bytes_read;
        total_secs += secs;
    }
    print_line("total", total_rows, total_bytes, total_secs);
    return 0;
}
