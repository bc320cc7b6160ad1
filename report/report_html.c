/*
 * report_html.c - see report_html.h. The page skeleton (head, style, banner,
 * navigation) that calls the sections in order; each section is in its own file
 * (report_html_int.h) and calls nothing back here.
 */
#include "report/report_html.h"

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
