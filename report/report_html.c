/*
 * report_html.c - see report_html.h. The page skeleton (head, style, navigation),
 * the summary and the metadata; the lists, quality, charts, proportionality,
 * outcomes and method sections are in their own files (report_html_int.h).
 */
#include "report/report_html.h"
#include "common/date.h"

#include "common/version.h"
#include "report/html.h"
#include "report/report_html_int.h"

#include <string.h>

/*
 * The policy forbids every fetch (default-src 'none'); inline style and data:
 * images are the only things the page may use. It is the second line of defence:
 * the first is that the writer emits no URL at all (the browser test checks both).
 */
static const char CSP[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/* Screen: compact tables; print: A4, one theme per page, breakdowns opened. */
static const char STYLE_SHEET[] =
    "body{font:14px/1.4 system-ui,'DejaVu Sans',sans-serif;margin:0 auto;max-width:1200px;"
    "padding:0 16px 40px;color:#1b1b1b;background:#fff}\n"
    "header{border-bottom:3px solid #154273;margin-bottom:8px}\n"
    "h1{color:#154273;margin:16px 0 4px;font-size:24px}h2{color:#154273;border-bottom:1px solid "
    "#ccd;padding-bottom:2px;margin-top:28px}h3{margin:16px 0 6px;font-size:15px}\n"
    "nav a{margin-right:12px;color:#154273}\n"
    "table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}\n"
    "th,td{border-bottom:1px solid #e3e3ea;padding:3px 8px;text-align:left;vertical-align:top}\n"
    "th{background:#eef1f6;font-weight:600}td.num,th.num{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    ".muted{color:#666}.note{color:#444;font-size:13px;max-width:900px}\n"
    ".warn{background:#fff4e5;border-left:4px solid #d9822b;padding:6px 10px;margin:8px 0}\n"
    ".ok{background:#edf7ed;border-left:4px solid #3c8d40;padding:6px 10px;margin:8px 0}\n"
    ".tag{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;margin-right:3px;"
    "background:#e5e8ef}.tag.new{background:#154273;color:#fff}.tag.realert{background:#b3261e;"
    "color:#fff}\n"
    "details summary{cursor:pointer;color:#154273}details ol{margin:4px 0;padding-left:20px}\n"
    ".formula{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:12px;"
    "background:#f6f7f9;padding:4px 6px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #dde;border-radius:4px;"
    "padding:8px 12px;min-width:150px}.card b{display:block;font-size:22px;color:#154273}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0;border:1px solid #e3e3ea;"
    "padding:6px}figcaption{font-size:12px;color:#444;max-width:320px}\n"
    "svg text{font:11px system-ui,'DejaVu Sans',sans-serif;fill:#333}\n"
    "@media print{body{max-width:none;font-size:11px}nav{display:none}"
    "section.theme{break-before:page}tr,figure{break-inside:avoid}"
    "details::details-content{content-visibility:visible;display:contents}"
    "details summary{list-style:none;color:#000}@page{size:A4;margin:12mm}}\n";

size_t report_html_listed(const struct report_html_in *in, int t)
{
    size_t n = in->lists->n[t];
    return in->top_n >= 0 && n > (size_t)in->top_n ? (size_t)in->top_n : n;
}

void report_html_date(FILE *f, int32_t d)
{
    char day[DATE_TEXT];
    fputs(date_text(d, day), f);
}

const struct history_view *report_html_history(const struct report_html_in *in)
{
    return in->history && in->history->available ? in->history : NULL;
}

static void write_head(FILE *f, const struct report_html_in *in)
{
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>vik ",
            CSP);
    report_html_date(f, in->reference_date);
    fprintf(f, " - signals for review</title>\n<style>\n%s</style>\n</head>\n<body>\n",
            STYLE_SHEET);
}

static void write_banner(FILE *f, const struct report_html_in *in)
{
    fputs("<header>\n<h1>vik: signals for the information meeting, ", f);
    report_html_date(f, in->reference_date);
    fputs("</h1>\n<p class=\"note\">Every line is a <b>signal for human review</b>, never a "
          "verdict: each score is the sum of named contributions (weight &times; strength) whose "
          "raw values and references are shown with it. This page holds personal data: keep it "
          "within the meeting and its purpose.</p>\n<nav><a href=\"#summary\">Summary</a>",
          f);
    for (int t = 0; t < THEME_COUNT; t++) {
        const char *name = catalogue_theme(t)->name;
        fprintf(f, "<a href=\"#theme-%s\">", name);
        html_text(f, name, "");
        fputs("</a>", f);
    }
    fputs("<a href=\"#quality\">Data quality</a><a href=\"#charts\">Charts</a>"
          "<a href=\"#proportionality\">Proportionality</a><a href=\"#outcomes\">Outcomes</a>"
          "<a href=\"#method\">How this list was made</a><a href=\"#metadata\">Run</a></nav>\n"
          "</header>\n",
          f);
}

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

int report_html_render(FILE *f, const struct report_html_in *in)
{
    write_head(f, in);
    write_banner(f, in);
    report_html_summary(f, in);
    report_html_lists(f, in);
    int rc = report_html_quality(f, in);
    if (rc == 0)
        rc = report_html_charts(f, in);
    if (rc == 0)
        rc = report_html_proportionality(f, in);
    report_html_outcomes(f, in);
    report_html_method(f, in);
    report_html_metadata(f, in);
    fputs("<footer class=\"muted\"><p>Written by vik ", f);
    html_text(f, VIK_VERSION, "");
    fputs(". A signal for human review, never a verdict.</p></footer>\n</body>\n</html>\n", f);
    return rc;
}

int report_html_write(const struct report_html_in *in, struct fs_batch *out, struct err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/report.html", in->output_dir);
    struct fs_out *o = fs_batch_open(out, path, e);
    if (!o)
        return e->code;
    if (report_html_render(o->f, in) != 0)
        return err_set(e, ERR_NOMEM, "out of memory while writing '%s'", path);
    return 0;
}
