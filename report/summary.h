/*
 * summary.h - the run summary on stdout: what was read, linked and listed.
 *
 * Why: the analyst reads this every morning (or in the cron mail) to see at a
 * glance whether the night was normal: rows read / accepted / quarantined per
 * source (read = accepted + quarantined always holds), how many rows linked to a
 * Kadaster address, and how many addresses each theme lists.
 */
#ifndef VIK_REPORT_SUMMARY_H
#define VIK_REPORT_SUMMARY_H

#include "ingest/ingest.h"
#include "model/catalogue.h"
#include "score/score.h"
#include "score/filter.h"
#include "transform/join.h"

#include <stdio.h>

/* Wall seconds per stage of a night (the log, the summary's "time" line, make bench). */
struct stage_times {
    double ingest[SRC_COUNT]; /* reading, parsing and joining each source */
    double ingest_wall;       /* the stage: the Kadaster objects, then the other sources side
                                 by side (their own times overlap) */
    double link;              /* join_finish: addresses completed, pand and street filled in */
    double score;             /* peers, calibration, indicators, ranking */
    double report;            /* suppression, watchlists, linkage files, report.html */
    double history;           /* the commit: files in place, the night stored */
    double total, cpu;        /* the whole run: wall, and CPU of all threads */
};

struct summary {
    int32_t reference_date;
    const char *config_hash;
    const char *output_dir;
    int top_n;
    int loaded[SRC_COUNT];              /* 1 read, 0 not configured, -1 optional and missing */
    const struct ingest_counts *ingest; /* SRC_COUNT */
    const struct join_counts *join;     /* SRC_COUNT */
    const struct linkage *linkage;
    const struct join_signals *signals;
    uint32_t n_addresses;
    const struct score_result *score; /* what scoring listed, evaluated and fired */
    const struct score_lists *lists;  /* what was published after suppression */
    const struct stage_times *times;
    long peak_kib; /* peak resident memory of the process */
};

void summary_print(FILE *f, const struct summary *s);

#endif
