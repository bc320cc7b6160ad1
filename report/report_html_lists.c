/*
 * report_html_lists.c - the per-theme lists of report.html, each listed address
 * with a collapsible breakdown as `vik explain` gives it, and below each list its
 * watch list: the addresses that scored for the theme but were not listed
 * (score.h's listing rule), ranked the same way, so the coordinator sees the
 * near-misses apart from the list.
 *
 * Why the breakdown is built from the night's hits and not recomputed: the page
 * must show what put the address on tonight's list, with the same sentence the CSV
 * carries (fmt_contribution), and recomputing every indicator for every listed
 * address would double the night's scoring work.
 */
#include "report/html.h"
#include "report/report_html_int.h"
#include "score/fmt.h"

#include <string.h>

/* The hits of listing l that speak to theme t, strongest first; *counting gets a
 * bit per returned position that counts towards the score. */
static size_t theme_hits(const struct report_html_in *in, const struct listing *l, int t,
                         size_t order[IND_COUNT], unsigned *counting)
{
    const struct score_result *r = in->score;
    const struct score_opts *so = in->score_opts;
    size_t n = 0;
    *counting = 0;
    for (size_t h = l->first_hit; h < l->first_hit + l->n_hits && n < IND_COUNT; h++) {
        const struct hit *hit = &r->hits[h];
        if (!(so->themes[t].indicators & (1u << hit->ind)) ||
            (hit->themes && !(hit->themes & (1u << t)))) /* speaks to other themes only */
            continue;
        size_t i = n++;
        while (i > 0 && r->hits[order[i - 1]].contribution < hit->contribution) {
            order[i] = order[i - 1];
            i--;
        }
        order[i] = h;
    }
    for (size_t i = 0; i < n; i++)
        if (score_hit_counts(r, so, l, order[i], (enum theme_id)t))
            *counting |= 1u << i;
    return n;
}

static void write_address(FILE *f, const struct address *a)
{
    char num[24];
    addr_key_number_text(&a->key, num, sizeof num);
    fputs("<td>", f);
    html_text(f, a->key.postcode, "");
    fputc(' ', f);
    html_text(f, num, "");
    fputs("</td><td>", f);
    /* street and city come from any source at the postcode (join_finish); when none
     * knew them the cell says so in words, never with a bare "?" */
    if (a->street || a->city) {
        html_text(f, a->street, "");
        fputs(a->street && a->city ? ", " : "", f);
        html_text(f, a->city, "");
    } else {
        fputs("<span class=\"muted\">(street unknown)</span>", f);
    }
    fputs("</td>", f);
    html_cell(f, "td", NULL, a->neighbourhood ? a->neighbourhood : "(unknown)");
}

/* The history of the line at position i of theme t, or NULL when there is none. */
static const struct hv_entry *history_of(const struct report_html_in *in, int t, size_t i,
                                         uint32_t addr)
{
    const struct history_view *hv = report_html_history(in);
    if (!hv || i >= hv->n_entries[t] || hv->entries[t][i].addr != addr)
        return NULL;
    return &hv->entries[t][i];
}

static void write_status(FILE *f, const struct hv_entry *h)
{
    fputs("<td>", f);
    if (!h) { /* the section's intro says why ("no history yet") */
        fputs("<span class=\"muted\">&ndash;</span></td>", f);
        return;
    }
    if (h->runs_listed == 0)
        fputs("<span class=\"tag new\">new</span>", f);
    else
        fprintf(f, "<span class=\"tag\">listed %u earlier run%s</span>", (unsigned)h->runs_listed,
                h->runs_listed == 1 ? "" : "s");
    if (h->realerted)
        fputs("<span class=\"tag realert\">re-alert: score rose</span>", f);
    if (h->outcome != OUTCOME_NONE) {
        fputs("<br>outcome ", f);
        html_text(f, outcome_name((enum outcome_status)h->outcome), "");
        if (h->outcome_date) {
            fputc(' ', f);
            report_html_date(f, h->outcome_date);
        }
    }
    fputs("</td>", f);
}

/* "E1 +3.24 · K2 +1.10": the <summary> line, which is also what prints when closed. */
static void write_short_reasons(FILE *f, const struct report_html_in *in, const size_t *order,
                                size_t n, unsigned counting)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (!(counting & (1u << i)))
            continue;
        const struct hit *hit = &in->score->hits[order[i]];
        fputs(first ? "" : " &middot; ", f);
        html_text(f, indicator_desc(hit->ind)->code, "");
        fputc(' ', f);
        html_text(f, indicator_desc(hit->ind)->name, "");
        fprintf(f, " +%.2f", hit->contribution);
        first = 0;
    }
}

static void write_facts(FILE *f, const struct address *a)
{
    fprintf(f,
            "<p class=\"muted\">Facts at this address: %.0f m&sup2;, %u residents (%u adults, %u "
            "arrived in 12 months), electricity %.0f kWh/yr on %u connection(s), gas %.0f m&sup3;, "
            "%u active KvK branches, %u transfers.</p>\n",
            a->floor_area, (unsigned)a->n_residents, (unsigned)a->n_adults,
            (unsigned)a->n_arrivals_12m, a->elec, (unsigned)a->n_elec, a->gas,
            (unsigned)a->n_branches, (unsigned)a->n_tx);
}

/* Why the line is listed (or, on the watch list, why not): the listing rule. */
static void write_rule(FILE *f, const struct listing *l, const struct theme_cfg *tc)
{
    switch (l->by) {
    case LISTED_CORROBORATED:
        fprintf(f, "Listed: %u indicators corroborate (score &ge; min_score %.2f).",
                (unsigned)l->n_counting, tc->min_score);
        break;
    case LISTED_ALONE:
        fprintf(f,
                "Listed: a single rare signal (an indicator that may list alone, strength &ge; "
                "alone_strength %.2f).",
                tc->alone_strength);
        break;
    default:
        fprintf(f, "Not listed: %s, and no indicator that may list alone reached strength %.2f.",
                l->n_counting >= 2 ? "the score stays under min_score" : "a single indicator",
                tc->alone_strength);
    }
}

static void write_formula(FILE *f, const struct report_html_in *in, const struct listing *l,
                          const size_t *order, size_t n, unsigned counting, int t)
{
    const struct theme_cfg *tc = &in->score_opts->themes[t];
    fputs("<p class=\"formula\">strength = rarity &times; grade; contribution = weight &times; "
          "strength; score = ",
          f);
    int first = 1;
    for (size_t i = 0; i < n; i++)
        if (counting & (1u << i)) {
            fprintf(f, "%s%.2f", first ? "" : " + ", in->score->hits[order[i]].contribution);
            first = 0;
        }
    fprintf(f, " = <b>%.2f</b> from %u source(s) (at least %d). ", l->score, (unsigned)l->n_sources,
            tc->min_sources);
    write_rule(f, l, tc);
    fputs(" Correlated indicators (same group) count once, by their largest contribution.</p>\n",
          f);
}

static void write_breakdown(FILE *f, const struct report_html_in *in, const struct listing *l,
                            int t)
{
    size_t order[IND_COUNT];
    unsigned counting;
    size_t n = theme_hits(in, l, t, order, &counting);
    fputs("<td><details><summary>", f);
    write_short_reasons(f, in, order, n, counting);
    fputs("</summary>\n<ol>", f);
    for (size_t i = 0; i < n; i++) {
        const struct hit *hit = &in->score->hits[order[i]];
        char line[1024];
        fmt_contribution(line, sizeof line, hit->ind, &in->score_opts->ind[hit->ind], hit->strength,
                         hit->rarity, hit->grade, hit->reason);
        fputs(counting & (1u << i) ? "<li>"
                                   : "<li class=\"muted\">not counted (a correlated "
                                     "indicator of its group counts instead): ",
              f);
        html_text(f, line, "");
        fputs("</li>\n", f);
    }
    fputs("</ol>\n", f);
    write_formula(f, in, l, order, n, counting, t);
    write_facts(f, &in->data->addrs[l->addr]);
    fputs("</details></td>", f);
}

static void write_theme_intro(FILE *f, const struct report_html_in *in, int t)
{
    const struct theme_cfg *tc = &in->score_opts->themes[t];
    fputs("<p class=\"note\">", f);
    html_text(f, catalogue_theme(t)->summary, "");
    size_t alone = 0;
    for (size_t i = 0; i < in->lists->n[t]; i++)
        alone += in->lists->list[t][i].by == LISTED_ALONE;
    fprintf(f,
            ". %zu address(es) listed: %zu corroborated by two or more indicators (score &ge; "
            "min_score %.2f) and %zu by a single rare signal (strength &ge; alone_strength %.2f), "
            "with at least %d source(s); the first %zu are shown. %zu near-miss(es) scored but "
            "were not listed: the watch list below. Open a line for its breakdown.</p>\n",
            in->lists->n[t], in->lists->n[t] - alone, tc->min_score, alone, tc->alone_strength,
            tc->min_sources, report_html_listed(in, t), in->score->n_watch[t]);
    const struct history_view *hv = report_html_history(in);
    if (!hv)
        fputs("<p class=\"muted\">No history yet: the status column shows new and persisting "
              "lines and outcomes once the history database holds an earlier run.</p>\n",
              f);
    if (hv && hv->suppressed[t])
        fprintf(f,
                "<p class=\"note\">%u address(es) left off tonight: a recent outcome and no new "
                "material risk.</p>\n",
                (unsigned)hv->suppressed[t]);
}

/* The watch list of theme t: near-misses, without status (they were not listed). */
static void write_watch(FILE *f, const struct report_html_in *in, int t)
{
    size_t n =
        in->score->n_watch[t] < (size_t)in->top_n ? in->score->n_watch[t] : (size_t)in->top_n;
    fprintf(f, "<h3 id=\"watch-%s\">Watch list: near-misses</h3>\n", catalogue_theme(t)->name);
    if (n == 0) {
        fputs("<p class=\"muted\">No near-misses tonight.</p>\n", f);
        return;
    }
    fprintf(f,
            "<p class=\"note\">Scored for this theme but not listed (watch-%s.csv); not for the "
            "meeting's list. The first %zu of %zu.</p>\n",
            catalogue_theme(t)->name, n, in->score->n_watch[t]);
    fputs("<table class=\"list watch\"><thead><tr><th class=\"num\">#</th><th>address</th>"
          "<th>street, city</th><th>buurt</th><th class=\"num\">score</th>"
          "<th>reasons</th></tr></thead><tbody>\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const struct listing *l = &in->score->watch[t][i];
        fprintf(f, "<tr><td class=\"num\">%zu</td>", i + 1);
        write_address(f, &in->data->addrs[l->addr]);
        fprintf(f, "<td class=\"num\">%.2f</td>", l->score);
        write_breakdown(f, in, l, t);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void write_theme(FILE *f, const struct report_html_in *in, int t)
{
    char id[64], title[96];
    snprintf(id, sizeof id, "theme-%s", catalogue_theme(t)->name);
    snprintf(title, sizeof title, "Theme %s", catalogue_theme(t)->name);
    html_section_open(f, id, "theme", title);
    write_theme_intro(f, in, t);
    size_t n = report_html_listed(in, t);
    if (n == 0)
        fputs("<p class=\"muted\">No address was listed for this theme tonight.</p>\n", f);
    else {
        fputs("<table class=\"list\"><thead><tr><th class=\"num\">#</th><th>address</th>"
              "<th>street, city</th><th>buurt</th><th class=\"num\">score</th><th>status</th>"
              "<th>reasons</th></tr></thead><tbody>\n",
              f);
        for (size_t i = 0; i < n; i++) {
            const struct listing *l = &in->lists->list[t][i];
            fprintf(f, "<tr><td class=\"num\">%zu</td>", i + 1);
            write_address(f, &in->data->addrs[l->addr]);
            fprintf(f, "<td class=\"num\">%.2f</td>", l->score);
            write_status(f, history_of(in, t, i, l->addr));
            write_breakdown(f, in, l, t);
            fputs("</tr>\n", f);
        }
        fputs("</tbody></table>\n", f);
    }
    write_watch(f, in, t);
    html_section_close(f);
}

void report_html_lists(FILE *f, const struct report_html_in *in)
{
    for (int t = 0; t < THEME_COUNT; t++)
        write_theme(f, in, t);
}
