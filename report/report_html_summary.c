/*
 * report_html_summary.c - the #summary and #metadata sections of report.html: the
 * night at a glance (reference date, list sizes, rows read, accepted and
 * quarantined, addresses) and what made it (version, config hash, input files with
 * their checksums, the indicator settings in force).
 */
#include "report/report_html_int.h"

#include "common/version.h"
#include "report/html.h"

#include <string.h>

static void summary_card(FILE *f, const char *label, unsigned long long n)
{
    fputs("<div class=\"card\">", f);
    html_text(f, label, "");
    fputs("<b>", f);
    html_count(f, n);
    fputs("</b></div>", f);
}

static void summary_themes(FILE *f, const struct report_html_in *in)
{
    const struct history_view *hv = report_html_history(in);
    fputs("<table><thead><tr><th>theme</th><th class=\"num\">reached min_score</th>"
          "<th class=\"num\">listed</th><th class=\"num\">min_score</th>",
          f);
    fputs(hv ? "<th class=\"num\">new</th><th class=\"num\">dropped (incl. suppressed)</th>"
               "<th class=\"num\">suppressed</th>"
             : "",
          f);
    fputs("</tr></thead><tbody>\n", f);
    for (int t = 0; t < THEME_COUNT; t++) {
        fputs("<tr>", f);
        html_cell(f, "td", NULL, catalogue_theme(t)->name);
        html_count_cell(f, in->lists->n[t]);
        html_count_cell(f, report_html_listed(in, t));
        fprintf(f, "<td class=\"num\">%.1f</td>", in->score_opts->themes[t].min_score);
        if (hv) {
            size_t n_new = 0;
            for (size_t i = 0; i < hv->n_entries[t]; i++)
                n_new += hv->entries[t][i].runs_listed == 0;
            html_count_cell(f, n_new);
            html_count_cell(f, hv->dropped[t]);
            html_count_cell(f, hv->suppressed[t]);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    if (!hv)
        fputs("<p class=\"muted\">No history yet: new/persisting markers, dropped and "
              "suppressed addresses and outcomes appear once the history database holds an "
              "earlier run.</p>\n",
              f);
}

void report_html_summary(FILE *f, const struct report_html_in *in)
{
    unsigned long long read = 0, accepted = 0, quarantined = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        if (in->loaded[s] <= 0)
            continue;
        read += in->ingest[s].read;
        accepted += in->ingest[s].accepted;
        quarantined += in->ingest[s].quarantined;
    }
    html_section_open(f, "summary", NULL, "Summary of the night");
    fputs("<p>Reference date <b>", f);
    report_html_date(f, in->reference_date);
    fputs("</b>.</p>\n<div class=\"cards\">", f);
    summary_card(f, "rows read", read);
    summary_card(f, "accepted", accepted);
    summary_card(f, "quarantined", quarantined);
    summary_card(f, "addresses in the model", in->data->n_addrs);
    for (int t = 0; t < THEME_COUNT; t++)
        summary_card(f, catalogue_theme(t)->name, report_html_listed(in, t));
    fputs("</div>\n<h3>List size per theme</h3>\n", f);
    summary_themes(f, in);
    html_section_close(f);
}

static void metadata_inputs(FILE *f, const struct report_html_in *in)
{
    fputs("<h3>Input files</h3>\n<table><thead><tr><th>source</th><th>file</th>"
          "<th class=\"num\">bytes</th><th>checksum (",
          f);
    html_text(f, in->checksum_algorithm, "unknown algorithm");
    fputs(")</th></tr></thead><tbody>\n", f);
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct report_html_file *file = &in->inputs[s];
        fputs("<tr>", f);
        html_cell(f, "td", NULL, schema_source(s)->name);
        if (!file->path) {
            fputs("<td class=\"muted\" colspan=\"3\">not read tonight</td></tr>\n", f);
            continue;
        }
        html_cell(f, "td", NULL, file->path);
        if (file->bytes >= 0)
            html_count_cell(f, (unsigned long long)file->bytes);
        else
            fputs("<td class=\"muted\">unknown</td>", f);
        html_cell(f, "td", file->checksum ? NULL : "muted",
                  file->checksum ? file->checksum : "not computed by this run");
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void metadata_indicators(FILE *f, const struct report_html_in *in)
{
    fputs("<h3>Indicators</h3>\n<table><thead><tr><th>code</th><th>indicator</th><th>on</th>"
          "<th>alone</th><th class=\"num\">weight</th><th class=\"num\">fires at 1 in</th>"
          "<th>what it ranks</th><th class=\"num\">evaluable</th><th class=\"num\">ranked</th>"
          "<th class=\"num\">fired</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        const struct indicator_cfg *c = &in->score_opts->ind[i];
        fputs("<tr>", f);
        html_cell(f, "td", NULL, d->code);
        html_cell(f, "td", NULL, d->name);
        html_cell(f, "td", NULL, c->enabled ? "yes" : "no");
        html_cell(f, "td", NULL, c->alone ? "yes" : "no");
        fprintf(f, "<td class=\"num\">%.2f</td><td class=\"num\">%g</td>", c->weight, c->threshold);
        html_cell(f, "td", "muted", d->formula);
        html_count_cell(f, in->score->n_evaluable[i]);
        html_count_cell(f, in->score->n_ranked[i]);
        html_count_cell(f, in->score->n_fired[i]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

void report_html_metadata(FILE *f, const struct report_html_in *in)
{
    html_section_open(f, "metadata", NULL, "Run metadata");
    fputs("<table><tbody><tr><th>program</th><td>vik ", f);
    html_text(f, VIK_VERSION, "");
    fputs("</td></tr>\n<tr><th>config hash</th><td>", f);
    html_text(f, in->config_hash, "unknown");
    fputs("</td></tr>\n<tr><th>reference date</th><td>", f);
    report_html_date(f, in->reference_date);
    fprintf(f, "</td></tr>\n<tr><th>lines per theme (top_n)</th><td>%d</td></tr>\n", in->top_n);
    fputs("<tr><th>history run</th><td>", f);
    const struct history_view *hv = report_html_history(in);
    if (hv)
        fprintf(f, "%lld (compared with %lld)", (long long)hv->run_id, (long long)hv->previous_run);
    else
        fputs("no history yet", f);
    fputs("</td></tr>\n</tbody></table>\n", f);
    metadata_inputs(f, in);
    metadata_indicators(f, in);
    html_section_close(f);
}
