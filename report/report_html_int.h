/*
 * report_html_int.h - the sections of report.html, one writer each, shared by the
 * report_html*.c files (not for use outside report/).
 *
 * Why split: a page with lists, quality tables, charts and a proportionality check
 * is too much for one file; each section reads only struct report_html_in and
 * writes through report/html.h, so each can be read (and reviewed for escaping)
 * on its own. Section ids are the browser test's anchors: keep them stable.
 */
#ifndef VIK_REPORT_REPORT_HTML_INT_H
#define VIK_REPORT_REPORT_HTML_INT_H

#include "report/report_html.h"

#include <stdio.h>

/* #summary: reference date, list sizes, rows read/accepted/quarantined, addresses. */
void report_html_summary(FILE *f, const struct report_html_in *in);
/* #theme-NAME per theme: the list with a <details> breakdown per address. */
void report_html_lists(FILE *f, const struct report_html_in *in);
/* #quality: ingest counts and reasons, linkage classes, unlinked neighbourhoods. */
MUST_CHECK int report_html_quality(FILE *f, const struct report_html_in *in);
/* #charts: raw value distributions, score distributions, list size over runs. */
MUST_CHECK int report_html_charts(FILE *f, const struct report_html_in *in);
/* #proportionality: list share against address share per neighbourhood. */
MUST_CHECK int report_html_proportionality(FILE *f, const struct report_html_in *in);
/* #outcomes: measured precision per indicator and theme (from the history). */
void report_html_outcomes(FILE *f, const struct report_html_in *in);
/* #method: how the lists were made - indicators, columns read, rule, retention, review. */
void report_html_method(FILE *f, const struct report_html_in *in);
/* #metadata: version, config hash, input files, indicator settings. */
void report_html_metadata(FILE *f, const struct report_html_in *in);

/* Lines shown for theme t: the list, cut at top_n. */
size_t report_html_listed(const struct report_html_in *in, int t);
/* "2025-03-01" for 20250301. */
void report_html_date(FILE *f, int32_t yyyymmdd);
/* The history view when it has data, else NULL ("no history yet"). */
const struct history_view *report_html_history(const struct report_html_in *in);

#endif
