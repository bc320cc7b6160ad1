/*
 * report_html_outcomes.c - #outcomes: what the information meeting found at listed
 * addresses, per indicator and theme - the measured precision (issue 6, docs/statistics.md,
 * validation and feedback).
 *
 * Why: weights are estimates until outcomes say which signals pay off. For each
 * indicator and theme: of the listed addresses where that indicator contributed and
 * that got an outcome, how many were confirmed (bevestigd). The analyst tunes towards
 * the indicators that are confirmed, with the sensitivity table (`vik eval
 * --sensitivity`) in view. The page says the caveat in words: addresses that were
 * checked more produce more confirmations (the feedback loop), and a handful of
 * outcomes is no rate.
 */
#include "report/report_html_int.h"

#include "report/html.h"

enum { FEW_OUTCOMES = 10 }; /* below this, a share is shown but flagged as anecdotal */

static int any_outcome(const struct history_view *h)
{
    for (int i = 0; i < IND_COUNT; i++)
        for (int t = 0; t < THEME_COUNT; t++)
            if (h->precision[i][t].with_outcome)
                return 1;
    return 0;
}

static void precision_cell(FILE *f, const struct hv_precision *p, int member)
{
    if (!member) {
        fputs("<td class=\"muted\">&ndash;</td>", f);
        return;
    }
    if (!p->with_outcome) {
        fputs("<td class=\"muted\">no outcome</td>", f);
        return;
    }
    fprintf(f, "<td class=\"num\">%u of %u = %.0f%%%s</td>", (unsigned)p->confirmed,
            (unsigned)p->with_outcome, 100.0 * p->confirmed / p->with_outcome,
            p->with_outcome < FEW_OUTCOMES ? " <span class=\"muted\">(few)</span>" : "");
}

static void precision_table(FILE *f, const struct report_html_in *in, const struct history_view *h)
{
    fputs("<table><thead><tr><th>indicator</th><th class=\"num\">weight</th>", f);
    for (int t = 0; t < THEME_COUNT; t++)
        html_cell(f, "th", NULL, catalogue_theme(t)->name);
    fputs("</tr></thead><tbody>\n", f);
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        fputs("<tr><td>", f);
        html_text(f, d->code, "");
        fputs(" ", f);
        html_text(f, d->name, "");
        fprintf(f, "</td><td class=\"num\">%.1f</td>", in->score_opts->ind[i].weight);
        for (int t = 0; t < THEME_COUNT; t++)
            precision_cell(f, &h->precision[i][t],
                           (in->score_opts->themes[t].indicators & (1u << i)) != 0);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

void report_html_outcomes(FILE *f, const struct report_html_in *in)
{
    html_section_open(f, "outcomes", NULL, "Outcomes and measured precision");
    const struct history_view *h = report_html_history(in);
    if (!h || !any_outcome(h)) {
        fputs("<p class=\"muted\">No outcomes recorded yet. Record what the information "
              "meeting found with <code>vik outcome</code> (geen-bevinding, bekend, "
              "in-onderzoek, bevestigd); this section then shows, per indicator and theme, "
              "how often listed addresses were confirmed.</p>\n",
              f);
        html_section_close(f);
        return;
    }
    fputs("<p>Per indicator and theme: of the listed addresses where the indicator "
          "contributed and that got an outcome, how many were confirmed "
          "(<b>bevestigd</b>). Weight tuning should follow these shares, with the "
          "sensitivity table of <code>vik eval --sensitivity</code> in view. Two cautions: "
          "addresses that are checked more produce more confirmations (a feedback loop, "
          "not proof of a better signal), and fewer than 10 outcomes is an anecdote, not "
          "a rate.</p>\n",
          f);
    precision_table(f, in, h);
    html_section_close(f);
}
