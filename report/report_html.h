/*
 * report_html.h - report.html: the night on one self-contained page.
 *
 * Why: the coordinator opens one file before the information meeting and the
 * analyst reads the same file to judge the night. The page holds the lists with
 * every reason, a breakdown per listed address (as `vik explain`), data quality and
 * linkage per source, charts, the proportionality check of docs/privacy.md, how the
 * lists were made (the processing register's account) and the run's metadata. It is a personal-data
 * document that may be mailed or printed, so it loads nothing: inline CSS and inline SVG only, no
 * script, and a Content-Security-Policy that forbids every fetch. Every value from data is escaped
 * by report/html.h.
 *
 * The report reads plain structs only (no config, no SQL): the pipeline fills
 * struct report_html_in. Output order follows the lists, which are already sorted,
 * so the same inputs give the same page.
 */
#ifndef VIK_REPORT_REPORT_HTML_H
#define VIK_REPORT_REPORT_HTML_H

#include "common/err.h"
#include "common/fsutil.h"
#include "ingest/ingest.h"
#include "model/dataset.h"
#include "model/history_view.h"
#include "report/register.h"
#include "score/filter.h"
#include "score/score.h"
#include "transform/join.h"

#include <stdint.h>
#include <stdio.h>

/* One input file of the run, for the metadata section. */
struct report_html_file {
    const char *path;     /* NULL: the source was not read tonight */
    int64_t bytes;        /* -1 when unknown */
    const char *checksum; /* hex digest; NULL when the run computed none */
};

struct report_html_in {
    const char *output_dir; /* report.html is written here */
    int32_t reference_date; /* YYYYMMDD */
    const char *config_hash;
    int top_n; /* lines per theme list */
    const struct dataset *data;
    const struct score_result *score;    /* hits, watch lists, charts' samples */
    const struct score_lists *lists;     /* the lists as published (score_filter) */
    const struct score_opts *score_opts; /* effective indicators and themes */
    const int *loaded;                   /* SRC_COUNT: 1 read, 0 not configured, -1 skipped */
    const struct ingest_counts *ingest;  /* SRC_COUNT */
    const struct join_counts *join;      /* SRC_COUNT */
    const struct linkage *linkage;
    const struct history_view *history; /* NULL or !available: "no history yet" */
    const char *checksum_algorithm;     /* of inputs[].checksum, e.g. "BLAKE2b-256" */
    struct report_html_file inputs[SRC_COUNT];
    const struct register_in *reg; /* "How this list was made"; NULL: not available */
};

/* Write output_dir/report.html as a member of the batch out. 0 or an error code. */
MUST_CHECK int report_html_write(const struct report_html_in *in, struct fs_batch *out,
                                 struct err *e);

/* The page itself, to any stream (tests). 0, or -1 when out of memory. */
MUST_CHECK int report_html_render(FILE *f, const struct report_html_in *in);

#endif
