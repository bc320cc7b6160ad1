/*
 * report_html_charts.c - the charts of report.html as inline SVG (no script, no
 * image file): per indicator the distribution of its raw values with its
 * threshold, per theme the distribution of scores, and the list sizes over the
 * last runs.
 *
 * Why these: the analyst tunes thresholds and weights; a threshold drawn on the
 * values it cuts shows at a glance whether it sits in the tail or in the crowd.
 * The raw values come from the scorer's bounded sample (struct score_sample), so
 * a chart costs the same for a village and for the whole country.
 */
#include "report/html.h"
#include "report/report_html_int.h"
#include "score/fmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { BINS = 30, W = 320, H = 150, X0 = 8, X1 = 312, Y0 = 18, Y1 = 118 };

struct histo {
    double lo, hi;         /* values above hi are counted in the last bin */
    uint32_t quiet[BINS];  /* evaluable, did not fire */
    uint32_t fired[BINS];  /* fired */
    uint32_t below, above; /* values below lo / above hi (in the first / last bin) */
};

/* "31,400" for large values, "0.12" for small ones. */
static const char *fmt_value(char *buf, size_t size, double v)
{
    if (fabs(v) >= 1000 && fabs(v) < 1e15) /* beyond, fmt_int's llround would overflow */
        return fmt_int(buf, size, v);
    snprintf(buf, size, "%.3g", v);
    return buf;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static int bin_of(const struct histo *h, double v)
{
    /* clamp as a double: converting an out-of-range or NaN double to int is undefined */
    double x = (v - h->lo) / (h->hi - h->lo) * BINS;
    if (!(x >= 0))
        return 0;
    return x >= BINS - 1 ? BINS - 1 : (int)x;
}

/* Range from the 1st to the 99th percentile (so one outlier, such as a meter with
 * a large feed-in, does not squash the chart), widened to include the threshold.
 * 0, or -1 when out of memory. */
static int histo_range(struct histo *h, const struct score_sample *s, double thr)
{
    float *v = malloc(s->n * sizeof *v);
    if (!v)
        return -1;
    memcpy(v, s->raw, s->n * sizeof *v);
    qsort(v, s->n, sizeof *v, cmp_float);
    h->lo = v[(size_t)((s->n - 1) * 0.01)];
    h->hi = v[(size_t)((s->n - 1) * 0.99)];
    free(v);
    if (isfinite(thr)) {
        h->lo = thr < h->lo ? thr : h->lo;
        h->hi = thr * 1.1 > h->hi ? thr * 1.1 : h->hi;
    }
    if (!(h->hi > h->lo))
        h->hi = h->lo + 1;
    return 0;
}

static void svg_open(FILE *f, const char *title)
{
    fprintf(f, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, H,
            W, H);
    html_text(f, title, "");
    fprintf(f, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", X0, Y1,
            X1, Y1);
}

/* Bars of two stacked series, heights by square root so that a few fired values
 * next to a crowd of quiet ones stay visible (the caption says so). */
static void svg_bars(FILE *f, const uint32_t *low, const uint32_t *high, int sqrt_scale)
{
    double max = 1;
    for (int b = 0; b < BINS; b++) {
        double v = (double)low[b] + (high ? high[b] : 0);
        max = v > max ? v : max;
    }
    double bw = (double)(X1 - X0) / BINS, span = Y1 - Y0;
    for (int b = 0; b < BINS; b++) {
        double all = (double)low[b] + (high ? high[b] : 0);
        double hh = (sqrt_scale ? sqrt(all / max) : all / max) * span;
        double hf = all > 0 && high ? hh * high[b] / all : 0;
        double x = X0 + b * bw;
        if (hh - hf > 0)
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9aa5b8\"/>",
                    x, Y1 - hh, bw - 1, hh - hf);
        if (hf > 0)
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#b3261e\"/>",
                    x, Y1 - hf, bw - 1, hf < 1 ? 1 : hf);
    }
}

static void svg_marker(FILE *f, const struct histo *h, double v, const char *label)
{
    double x = X0 + (v - h->lo) / (h->hi - h->lo) * (X1 - X0);
    if (!(x >= X0 && x <= X1))
        return;
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d9822b\" "
            "stroke-width=\"2\" stroke-dasharray=\"4 2\"/><text x=\"%.1f\" y=\"%d\" "
            "text-anchor=\"%s\">",
            x, Y0 - 6, x, Y1, x, Y0 - 8, x > W / 2 ? "end" : "start");
    html_text(f, label, "");
    fputs("</text>", f);
}

static void svg_axis(FILE *f, const struct histo *h)
{
    char lo[32], hi[32];
    fprintf(f, "<text x=\"%d\" y=\"%d\">%s", X0, Y1 + 14, h->below ? "&le; " : "");
    html_text(f, fmt_value(lo, sizeof lo, h->lo), "");
    fprintf(f, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s", X1, Y1 + 14,
            h->above ? "&ge; " : "");
    html_text(f, fmt_value(hi, sizeof hi, h->hi), "");
    fputs("</text></svg>", f);
}

static int indicator_chart(FILE *f, const struct report_html_in *in, int id)
{
    const struct score_sample *s = &in->score->samples[id];
    const struct ind_desc *d = indicator_desc(id);
    const struct indicator_cfg *c = &in->score_opts->ind[id];
    /* the calibrated firing point on the indicator's own axis (NAN: one per class) */
    double thr = in->score->fire_x[id];
    struct histo h = {0};
    if (histo_range(&h, s, thr) != 0)
        return -1;
    for (uint32_t i = 0; i < s->n; i++) {
        int b = bin_of(&h, s->raw[i]);
        h.above += s->raw[i] > h.hi;
        h.below += s->raw[i] < h.lo;
        (s->fired[i] ? h.fired : h.quiet)[b]++;
    }
    char title[128], label[64], v[32];
    snprintf(title, sizeof title, "%s %s: %s", d->code, d->name, d->axis.label);
    fputs("<figure>", f);
    svg_open(f, title);
    svg_bars(f, h.quiet, h.fired, 1);
    if (isfinite(thr)) {
        snprintf(label, sizeof label, "1 in %g", c->threshold);
        svg_marker(f, &h, thr, label);
    }
    svg_axis(f, &h);
    fputs("<figcaption><b>", f);
    html_text(f, title, "");
    fprintf(f,
            "</b>: %u of %llu ranked addresses (every %llu-th), red = fired; bar height "
            "&radic;count. ",
            (unsigned)s->n, (unsigned long long)s->seen, (unsigned long long)s->stride);
    if (isfinite(thr))
        fprintf(f, "The line is where a value becomes rarer than 1 in %s of them.",
                fmt_value(v, sizeof v, c->threshold));
    else
        fprintf(f, "It fires at 1 in %s within each class (%u), so the point differs per class.",
                fmt_value(v, sizeof v, c->threshold), d->n_classes);
    fputs("</figcaption></figure>\n", f);
    return 0;
}

static void score_chart(FILE *f, const struct report_html_in *in, int t)
{
    const struct listing *lines = in->lists->list[t];
    size_t n = in->lists->n[t], listed = report_html_listed(in, t);
    struct histo h = {.lo = in->score_opts->themes[t].min_score, .hi = 0};
    for (size_t i = 0; i < n; i++)
        h.hi = lines[i].score > h.hi ? lines[i].score : h.hi;
    if (!(h.hi > h.lo))
        h.hi = h.lo + 1;
    for (size_t i = 0; i < n; i++)
        h.quiet[bin_of(&h, lines[i].score)]++;
    char title[96], label[64];
    snprintf(title, sizeof title, "%s: scores of the %zu addresses at or above min_score",
             catalogue_theme(t)->name, n);
    fputs("<figure>", f);
    svg_open(f, title);
    svg_bars(f, h.quiet, NULL, 0);
    if (listed > 0 && listed < n) {
        snprintf(label, sizeof label, "line %zu: %.2f", listed, lines[listed - 1].score);
        svg_marker(f, &h, lines[listed - 1].score, label);
    }
    svg_axis(f, &h);
    fputs("<figcaption><b>", f);
    html_text(f, title, "");
    fputs("</b>; the marker is the last listed line (top_n).</figcaption></figure>\n", f);
}

static const char *const THEME_COLOUR[THEME_COUNT] = {"#2e7d32", "#154273", "#b3261e", "#d9822b"};

/* One polyline per theme over the earlier runs and tonight. */
static void runs_chart(FILE *f, const struct report_html_in *in, const struct history_view *hv)
{
    size_t n = hv->n_runs + 1;
    double max = 1;
    for (size_t i = 0; i < n; i++)
        for (int t = 0; t < THEME_COUNT; t++) {
            double v = i < hv->n_runs ? hv->runs[i].list_size[t] : report_html_listed(in, t);
            max = v > max ? v : max;
        }
    fputs("<figure>", f);
    svg_open(f, "list size per theme over the last runs");
    for (int t = 0; t < THEME_COUNT; t++) {
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"",
                THEME_COLOUR[t]);
        for (size_t i = 0; i < n; i++) {
            double v = i < hv->n_runs ? hv->runs[i].list_size[t] : report_html_listed(in, t);
            double x = n > 1 ? X0 + (double)i / (double)(n - 1) * (X1 - X0) : (X0 + X1) / 2.0;
            fprintf(f, "%.1f,%.1f ", x, Y1 - v / max * (Y1 - Y0));
        }
        fprintf(f, "\"/><text x=\"%d\" y=\"%d\" fill=\"%s\">", X0 + 70 * t, Y0 - 6,
                THEME_COLOUR[t]);
        html_text(f, catalogue_theme(t)->name, "");
        fputs("</text>", f);
    }
    fprintf(f, "<text x=\"%d\" y=\"%d\">", X0, Y1 + 14);
    report_html_date(f, hv->n_runs ? hv->runs[0].reference_date : in->reference_date);
    fprintf(f, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">tonight ", X1, Y1 + 14);
    report_html_date(f, in->reference_date);
    fprintf(f,
            "</text></svg><figcaption>List size per theme over %zu run(s), up to %.0f lines."
            "</figcaption></figure>\n",
            n, max);
}

int report_html_charts(FILE *f, const struct report_html_in *in)
{
    html_section_open(f, "charts", NULL, "Charts");
    fputs("<h3 id=\"chart-indicators\">Raw values per indicator, with the threshold</h3>\n", f);
    if (!in->score->samples)
        fputs("<p class=\"muted\">No sample of raw values was kept tonight: there was no "
              "memory for it.</p>\n",
              f);
    fputs("<div class=\"charts\">\n", f);
    for (int id = 0; id < IND_COUNT && in->score->samples; id++)
        if (in->score_opts->ind[id].enabled && in->score->samples[id].n > 0 &&
            indicator_chart(f, in, id) != 0)
            return -1;
    fputs("</div>\n<h3 id=\"chart-scores\">Scores per theme</h3>\n<div class=\"charts\">\n", f);
    for (int t = 0; t < THEME_COUNT; t++)
        score_chart(f, in, t);
    fputs("</div>\n<h3 id=\"chart-runs\">List size over the last runs</h3>\n", f);
    const struct history_view *hv = report_html_history(in);
    if (hv && hv->n_runs > 0)
        runs_chart(f, in, hv);
    else
        fputs("<p class=\"muted\">No history yet: this chart needs earlier runs in the history "
              "database.</p>\n",
              f);
    html_section_close(f);
    return 0;
}
