/*
 * report_html_quality.c - data quality and linkage per source, for the analyst who
 * must judge whether tonight's lists rest on complete and well-joined data.
 *
 * Why here and not only in the summary on stdout: the coordinator's page should
 * carry the caveats of the night with it (a source that lost rows, a neighbourhood
 * where rows miss their dwelling and so look "empty").
 */
#include "report/html.h"
#include "report/report_html_int.h"

#include <stdlib.h>

static void write_tally(FILE *f, const struct ingest_tally *t)
{
    fputs("<td>", f);
    if (t->n == 0)
        fputs("<span class=\"muted\">none</span>", f);
    for (size_t i = 0; i < t->n; i++) {
        fputs(i ? ", " : "", f);
        html_text(f, t->item[i].code, "?");
        fprintf(f, " %llu", (unsigned long long)t->item[i].n);
    }
    fputs("</td>", f);
}

static void write_source_row(FILE *f, const struct report_html_in *in, int s)
{
    const struct ingest_counts *c = &in->ingest[s];
    const struct join_counts *j = &in->join[s];
    fputs("<tr>", f);
    html_cell(f, "td", NULL, schema_source(s)->name);
    if (in->loaded[s] <= 0) {
        fputs(in->loaded[s] < 0
                  ? "<td colspan=\"7\" class=\"muted\">missing or empty (optional): its "
                    "indicators were skipped</td></tr>\n"
                  : "<td colspan=\"7\" class=\"muted\">not configured: its indicators were "
                    "skipped</td></tr>\n",
              f);
        return;
    }
    html_count_cell(f, c->read);
    html_count_cell(f, c->accepted);
    html_count_cell(f, c->quarantined);
    fprintf(f, "<td class=\"num\">%.2f%%</td>",
            c->read ? 100.0 * (double)c->quarantined / (double)c->read : 0.0);
    write_tally(f, &c->reasons);
    write_tally(f, &c->warnings);
    html_count_cell(f, j->linked);
    fputs("</tr>\n", f);
}

static void write_ingest(FILE *f, const struct report_html_in *in)
{
    fputs("<h3>Rows per source</h3>\n<p class=\"note\">read = accepted + quarantined; every "
          "quarantined row is in quarantine-SOURCE.csv with its line and reason.</p>\n"
          "<table><thead><tr><th>source</th><th class=\"num\">read</th><th class=\"num\">"
          "accepted</th><th class=\"num\">quarantined</th><th class=\"num\">share</th>"
          "<th>quarantine reasons</th><th>warnings (accepted)</th><th class=\"num\">linked"
          "</th></tr></thead><tbody>\n",
          f);
    for (int s = 0; s < SRC_COUNT; s++)
        write_source_row(f, in, s);
    fputs("</tbody></table>\n", f);
}

static void write_linkage(FILE *f, const struct report_html_in *in)
{
    const struct linkage *lk = in->linkage;
    fputs("<h3>Linkage to the Kadaster addresses</h3>\n<table><thead><tr><th>source</th>"
          "<th class=\"num\">linked</th>",
          f);
    for (int c = 0; c < LINK_CLASS_COUNT; c++) {
        fputs("<th class=\"num\">", f);
        html_text(f, link_class_code(c), "");
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (int s = 0; s < SRC_COUNT; s++) {
        uint64_t rows = linkage_rows(lk, s);
        if (s == SRC_KADASTER_OBJECTS || in->loaded[s] <= 0)
            continue;
        fputs("<tr>", f);
        html_cell(f, "td", NULL, schema_source(s)->name);
        fprintf(f, "<td class=\"num\">%.1f%%</td>",
                rows ? 100.0 * (double)linkage_linked(lk, s) / (double)rows : 0.0);
        for (int c = 0; c < LINK_CLASS_COUNT; c++)
            html_count_cell(f, lk->cls[s][c]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n<p class=\"note\">", f);
    for (int c = 0; c < LINK_CLASS_COUNT; c++) {
        fputs("<b>", f);
        html_text(f, link_class_code(c), "");
        fputs("</b>: ", f);
        html_text(f, link_class_text(c), "");
        fputs(c + 1 < LINK_CLASS_COUNT ? "; " : ".", f);
    }
    fputs("</p>\n", f);
}

static void area_totals(const struct linkage_area *a, uint64_t *rows, uint64_t *unlinked)
{
    *rows = *unlinked = 0;
    for (int s = 0; s < SRC_COUNT; s++)
        *rows += a->rows[s], *unlinked += a->unlinked[s];
}

/* The buurten with the highest unlinked share, as summary.c ranks them. */
static int write_areas(FILE *f, const struct linkage *lk)
{
    enum { SHOWN = 10, MIN_ROWS = 20 };
    const double FLAG_SHARE = 0.02;
    uint64_t rows = 0, unlinked = 0;
    for (uint32_t i = 0; i < lk->n_areas; i++) {
        uint64_t n, u;
        area_totals(&lk->areas[i], &n, &u);
        rows += n, unlinked += u;
    }
    fputs("<h3>Neighbourhoods with the highest unlinked share</h3>\n", f);
    uint32_t *order;
    if (!rows) {
        fputs("<p class=\"muted\">No rows were linked by neighbourhood.</p>\n", f);
        return 0;
    }
    if (linkage_areas_sorted(lk, &order) != 0)
        return -1;
    double overall = (double)unlinked / (double)rows;
    fprintf(f,
            "<p class=\"note\">Overall %.2f%% of rows did not link to a Kadaster address. A "
            "neighbourhood at twice that share (and at least 2%%) is flagged: its count "
            "indicators (residents, companies) are the least reliable.</p>\n<table><thead><tr>"
            "<th>buurt</th><th class=\"num\">rows</th><th class=\"num\">unlinked</th>"
            "<th class=\"num\">share</th><th></th></tr></thead><tbody>\n",
            100 * overall);
    int shown = 0;
    for (uint32_t i = 0; i < lk->n_areas && shown < SHOWN; i++) {
        const struct linkage_area *a = &lk->areas[order[i]];
        uint64_t n, u;
        area_totals(a, &n, &u);
        if (n < MIN_ROWS || u == 0)
            continue;
        double share = (double)u / (double)n;
        fputs("<tr>", f);
        html_cell(f, "td", NULL, a->neighbourhood ? a->neighbourhood : "(unknown)");
        html_count_cell(f, n);
        html_count_cell(f, u);
        fprintf(f, "<td class=\"num\">%.2f%%</td><td>%s</td></tr>\n", 100 * share,
                share >= FLAG_SHARE && share > 2 * overall ? "<b>check</b>: over twice the "
                                                             "overall share"
                                                           : "");
        shown++;
    }
    fputs("</tbody></table>\n", f);
    free(order);
    return 0;
}

int report_html_quality(FILE *f, const struct report_html_in *in)
{
    html_section_open(f, "quality", NULL, "Data quality and linkage");
    write_ingest(f, in);
    write_linkage(f, in);
    int rc = write_areas(f, in->linkage);
    html_section_close(f);
    return rc;
}
