/*
 * s1_citizen_signal.c - S1 citizen_signal (DOMAIN.md 3.3): reports by citizens about an
 * address, from the optional `signals` source (meldingen: Meld Misdaad Anoniem,
 * police, the municipal meldpunt).
 *
 * Phenomenon: neighbours notice what registers cannot - the smell of a grow room,
 *    a house full of mattresses, a letterbox with twenty company names. In Zaanstad
 *    22 of 37 dismantled plantations came from such tips.
 * Inputs: reports with date, address and category (join.c folds them per theme:
 *    the config lists which categories speak to which theme).
 * Formula: per theme, the distinct reports of the last `months`, each weighted
 *    0.5^(age / half_life); fires for the themes whose weight >= threshold, with
 *    strength 0.5 at the threshold rising to 1 at full_weight (weighted by the
 *    strongest theme). The result counts only for those themes: a report about
 *    overcrowding says nothing about cannabis.
 * Parameters: months 12, half_life 6 (months), threshold 0.5 (one report of up to
 *    six months old), full_weight 2.5; weight 2.0, below every theme's min_score.
 * Look-alikes it guards against: tips are often wrong (neighbour quarrels, a large
 *    family reported for overcrowding, a heat-pump home for a grow): S1 is never
 *    enough alone - its weight stays under min_score, so another register must
 *    agree; repeated copies of one report count once; categories that speak to
 *    no theme (noise, parking) are read and counted but never score.
 */
#include "score/indicator.h"

#include <stdio.h>

/* The per-theme part of the reason: each theme that fired, its reports and weight. */
static int theme_reason(char *buf, size_t size, const struct signal_agg *s, unsigned themes)
{
    size_t used = 0;
    for (int t = 0; t < THEME_COUNT && used < size; t++) {
        if (!(themes & (1u << t)))
            continue;
        int k = snprintf(buf + used, size - used, "%s%s %u (weighted %.2f)", used ? ", " : "",
                         catalogue_theme(t)->name, (unsigned)s->n[t], s->weight[t]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    return 0;
}

static enum ind_outcome citizen_signal(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                       const struct address *a, struct ind_result *out)
{
    const struct signal_agg *s = dataset_signals_find(ctx->d, (uint32_t)(a - ctx->d->addrs));
    out->raw = 0, out->ref = c->threshold;
    if (!s)
        return IND_QUIET; /* the source was read: no report here */
    double best = 0;
    unsigned themes = 0;
    for (int t = 0; t < THEME_COUNT; t++) {
        if (s->weight[t] >= c->threshold)
            themes |= 1u << t;
        if (s->weight[t] > best)
            best = s->weight[t];
    }
    out->raw = best;
    if (!themes)
        return IND_QUIET;
    out->themes = themes;
    out->strength = ramp(best, c->threshold, c->params[2]);
    char per[160];
    theme_reason(per, sizeof per, s, themes);
    snprintf(out->reason, sizeof out->reason,
             "citizen reports in the last %.0f months: %s; latest %04d-%02d-%02d; each report "
             "weighted 0.5^(age / %.0f months), threshold %.2f",
             c->params[0], per, s->latest / 10000, s->latest / 100 % 100, s->latest % 100,
             c->params[1], c->threshold);
    return IND_FIRED;
}

const struct indicator IND_S1 = {IND_CITIZEN_SIGNAL, citizen_signal};
