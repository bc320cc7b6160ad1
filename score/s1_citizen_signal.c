/*
 * s1_citizen_signal.c - S1 citizen_signal (any theme, by subject): reports by
 * citizens about an address, from the optional `signals` source (meldingen: Meld
 * Misdaad Anoniem, police, the municipal meldpunt).
 *
 * Phenomenon: neighbours notice what registers cannot - the smell of a grow room,
 *    a house full of mattresses, a letterbox with twenty company names. In
 *    Zaanstad 22 of 37 dismantled plantations came from such tips.
 * Inputs: reports with date, address and category; the join folds them per theme
 *    (the categories each theme lists, compiled by this module's facts hook), each
 *    weighted 0.5^(age / half_life) within `months`.
 * Axis: the largest weighted count among the themes that reach min_weight,
 *    calibrated over all addresses: where false reports are common, a report
 *    counts less. The result speaks only to those themes: a report about
 *    overcrowding says nothing about cannabis.
 * Grade: 1.
 * Parameters: months 12, half_life 6 (months), min_weight 0.5 (one report up to
 *    six months old), the categories per theme (keys named after the themes);
 *    weight 0.5, fires at 1 in 20, never lists alone.
 * Look-alikes it guards against: tips are often wrong (neighbour quarrels, a large
 *    family reported for overcrowding, a heat-pump home for a grow): never enough
 *    alone, another register must agree; repeated copies of one report count
 *    once; categories that speak to no theme (noise, parking) never score.
 */
#include "score/indicator.h"

#include "common/date.h"

#include <stdio.h>

enum { P_MONTHS, P_HALF_LIFE, P_MIN_WEIGHT };

static const char *validate_categories(const char *text, char *why, size_t size)
{
    static const struct category_map empty;
    struct category_map m = empty;
    return category_map_add(&m, 1, text, why, size);
}

static const char *facts(const struct indicator_cfg *c, struct fact_opts *f, char *why, size_t size)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        const char *bad = category_map_add(&f->categories, 1u << t, c->lists[t], why, size);
        if (bad)
            return bad;
    }
    f->signal_months = c->params[P_MONTHS];
    f->signal_half_life = c->params[P_HALF_LIFE];
    return NULL;
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    const struct signal_agg *s = dataset_signals_find(ctx->d, (uint32_t)(a - ctx->d->addrs));
    m->grade = 1;
    m->ref = c->params[P_MIN_WEIGHT];
    for (int t = 0; s && t < THEME_COUNT; t++) {
        if (s->weight[t] < c->params[P_MIN_WEIGHT])
            continue;
        m->themes |= 1u << t;
        if (s->weight[t] > m->x)
            m->x = s->weight[t];
    }
    m->raw = m->x;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    const struct signal_agg *s = dataset_signals_find(ctx->d, (uint32_t)(a - ctx->d->addrs));
    if (!s || !m->themes) {
        snprintf(buf, size, "no report of a theme's categories in the last %.0f months",
                 c->params[P_MONTHS]);
        return;
    }
    char per[160], d[DATE_TEXT];
    size_t used = 0;
    per[0] = '\0';
    for (int t = 0; t < THEME_COUNT && used < sizeof per; t++) {
        if (!(m->themes & (1u << t)))
            continue;
        int k = snprintf(per + used, sizeof per - used, "%s%s %u (weighted %.2f)", used ? ", " : "",
                         catalogue_theme(t)->name, (unsigned)s->n[t], s->weight[t]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    snprintf(buf, size,
             "citizen reports in the last %.0f months: %s; latest %s; each report weighted "
             "0.5^(age / %.0f months)",
             c->params[P_MONTHS], per, date_text(s->latest, d), c->params[P_HALF_LIFE]);
}

#define CATEGORY_HELP "report categories (meldingen) that speak to this theme, comma-separated"

const struct ind_desc IND_S1 = {
    .id = IND_CITIZEN_SIGNAL,
    .name = "citizen_signal",
    .code = "S1",
    .themes = 1u << THEME_HENNEP | 1u << THEME_WITWASSEN | 1u << THEME_BRIEVENBUS |
              1u << THEME_OVERBEWONING,
    .sources = 1u << SRC_SIGNALS,
    .evidence = 1u << SRC_SIGNALS,
    .weight = 0.5,
    .threshold = 20,
    .alone = 0,
    .group = 0,
    .summary = "citizen reports (meldingen) about the address, by subject",
    .formula = "reports of the theme's categories in `months`, each weighted 0.5^(age / "
               "half_life); speaks only to the themes reported",
    .lookalikes = "wrong tips (quarrels, large families, heat pumps), repeated reports, "
                  "categories of no theme",
    .params = {{"months", 12, 1, 120, "reports older than this are not counted"},
               {"half_life", 6, 0.5, 120, "months after which a report counts half"},
               {"min_weight", 0.5, 0, 1000,
                "weighted reports a theme needs before the reading speaks to it"}},
    .lists = {{"hennep", "hennepteelt,stankoverlast hennep,stroomdiefstal,drugsoverlast",
               CATEGORY_HELP, validate_categories},
              {"witwassen", "witwassen,vastgoedfraude", CATEGORY_HELP, validate_categories},
              {"brievenbus", "brievenbusfirma,spookbedrijf", CATEGORY_HELP, validate_categories},
              {"overbewoning", "overbewoning,arbeidsmigranten,huisjesmelkerij", CATEGORY_HELP,
               validate_categories}},
    .reads = {{SRC_SIGNALS, F_DATE}, {SRC_SIGNALS, F_CATEGORY}},
    .n_classes = 1,
    .class_label = {"addresses"},
    .population = "addresses",
    .resolution = 0.1,
    .axis = {"weighted reports about the address"},
    .facts = facts,
    .measure = measure,
    .describe = describe,
};
