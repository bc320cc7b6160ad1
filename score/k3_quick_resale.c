/*
 * k3_quick_resale.c - K3 quick_resale (theme witwassen): one object resold at a
 * price rise the market of the run does not explain, the faster the stronger.
 *
 * Phenomenon: an ABC transaction or flip with a value jump: A sells to B, B to C,
 *    the price rising on paper within months.
 * Inputs: the TX_KEEP most recent transfers of the address, newest first (Kadaster
 *    transactions: dates and prices). Not evaluable without a transfer.
 * Reference: the market's own yearly price change: the median over this run's
 *    repeat sales at least a year apart (min_pairs of them; else
 *    market_per_year).
 * Axis: the price rise beyond the market, as a rate per year:
 *    (log(later / earlier) - market x years) / years, the interval counted as at
 *    least min_months (6: notarial and RIEC practice call any resale within six
 *    months quick, so within that window only the size of the step counts). A 30%
 *    jump in 9 months and a 60% jump in 3 months both stand out; a 15% rise over
 *    two years, or a developer's 15% margin after two months, does not. No cut at 6
 *    months: the rate grades the interval. Over consecutive pairs whose later sale is within
 *    `years`, the largest counts. Calibrated over all addresses with such a pair.
 * Grade: 1.
 * Parameters: years 3, min_months 6, min_pairs 30, market_per_year 0.07 (only when
 *    the run has too few repeat sales); weight 1, fires at 1 in 20, may list
 *    alone; correlation group 5 with K2 (the same sale's price: measured on four
 *    worlds, counting both put ordinary quick resales at 1.3x the WOZ above the
 *    slower planted ones; counted once, witwassen's lowest seed rose 0.64 -> 0.68).
 * Look-alikes it guards against: developers and auction buyers reselling at market
 *    price (no rise beyond the market); ordinary resales after years (the rise is
 *    spread over the interval).
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"
#include "score/ind_util.h"
#include "score/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { P_YEARS, P_MIN_MONTHS, P_MIN_PAIRS, P_MARKET };

struct market {
    double per_year; /* log price change per year */
    size_t n_pairs;  /* repeat sales it came from; 0 = the parameter */
};

static double years_between(const struct tx *later, const struct tx *earlier)
{
    return (double)(date_days(later->date) - date_days(earlier->date)) / 365.25;
}

static int prepare(const struct score_ctx *ctx, const struct indicator_cfg *c, void **state)
{
    const struct dataset *d = ctx->d;
    struct market *mk = malloc(sizeof *mk);
    double *v = malloc(((size_t)d->n_addrs * TX_KEEP + 1) * sizeof *v);
    if (!mk || !v) {
        free(mk), free(v);
        return -1;
    }
    size_t n = 0;
    for (uint32_t i = 0; i < d->n_addrs; i++) {
        const struct address *a = &d->addrs[i];
        int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP;
        for (int k = 0; k + 1 < kept; k++) {
            double yrs = years_between(&a->tx[k], &a->tx[k + 1]);
            if (yrs >= 1 && a->tx[k].price > 0 && a->tx[k + 1].price > 0)
                v[n++] = log(a->tx[k].price / a->tx[k + 1].price) / yrs;
        }
    }
    mk->n_pairs = n >= c->params[P_MIN_PAIRS] ? n : 0;
    mk->per_year = mk->n_pairs ? stats_median(v, n) : log1p(c->params[P_MARKET]);
    free(v);
    *state = mk;
    return 0;
}

static void release(void *state)
{
    free(state);
}

/* Rise beyond the market per year of the pair (later, earlier). */
static double pair_rate(const struct market *mk, const struct indicator_cfg *c,
                        const struct tx *later, const struct tx *earlier)
{
    double yrs = years_between(later, earlier), floor = c->params[P_MIN_MONTHS] / 12;
    return (log(later->price / earlier->price) - mk->per_year * yrs) / (yrs > floor ? yrs : floor);
}

/* The index of the later sale of the steepest pair in the window, -1 when none. */
static int steepest(const struct score_ctx *ctx, const struct indicator_cfg *c,
                    const struct address *a, double *rate)
{
    const struct market *mk = ctx->state[IND_QUICK_RESALE];
    int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP, best = -1;
    for (int i = 0; i + 1 < kept; i++) {
        const struct tx *later = &a->tx[i], *earlier = &a->tx[i + 1];
        if (!recent(ctx, later->date, c->params[P_YEARS] * 12))
            break;
        if (!(later->price > 0 && earlier->price > 0))
            continue;
        double r = pair_rate(mk, c, later, earlier);
        if (best < 0 || r > *rate)
            best = i, *rate = r;
    }
    return best;
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (a->n_tx == 0)
        return not_evaluable(m, "no transfer known");
    double rate = 0;
    int i = steepest(ctx, c, a, &rate);
    if (i < 0)
        return quiet(m, "not sold twice within the window");
    m->raw = (double)(date_days(a->tx[i].date) - date_days(a->tx[i + 1].date));
    m->ref = ((const struct market *)ctx->state[IND_QUICK_RESALE])->per_year;
    m->x = rate;
    m->grade = 1;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    double rate = 0;
    int i = steepest(ctx, c, a, &rate);
    if (i < 0) {
        snprintf(buf, size, "not sold twice within the window");
        return;
    }
    const struct tx *later = &a->tx[i], *earlier = &a->tx[i + 1];
    char p1[24], p2[24];
    snprintf(buf, size,
             "resold after %.0f days for EUR %s after EUR %s (%+.0f%%) where the market moved "
             "%+.1f%% a year: %+.0f%% a year beyond it",
             m->raw, fmt_int(p2, sizeof p2, later->price), fmt_int(p1, sizeof p1, earlier->price),
             (later->price / earlier->price - 1) * 100, expm1(m->ref) * 100, expm1(rate) * 100);
}

const struct ind_desc IND_K3 = {
    .id = IND_QUICK_RESALE,
    .name = "quick_resale",
    .code = "K3",
    .themes = 1u << THEME_WITWASSEN,
    .sources = 1u << SRC_KADASTER_TRANSACTIONS,
    .evidence = 1u << SRC_KADASTER_TRANSACTIONS,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 5,
    .summary = "resale (ABC) with a price rise the market does not explain, the faster the "
               "stronger",
    .formula = "price rise beyond the run's own market per year of the interval (at least "
               "min_months)",
    .lookalikes = "developers and auction buyers reselling at market price, ordinary resales",
    .params = {{"years", 3, 1, 50, "look-back window in years"},
               {"min_months", 6, 0.1, 120,
                "intervals shorter than this count as this long (within it only the step counts)"},
               {"min_pairs", 30, 1, 1e+06,
                "repeat sales a year or more apart needed to measure the market"},
               {"market_per_year", 0.07, -0.5, 1,
                "yearly price change assumed when the run has fewer than min_pairs"}},
    .reads = {{SRC_KADASTER_TRANSACTIONS, F_DATE}, {SRC_KADASTER_TRANSACTIONS, F_PRICE}},
    .n_classes = 1,
    .class_label = {"resold objects"},
    .population = "objects resold in the window",
    .resolution = 0.02,
    .axis = {"price rise beyond the market, per year"},
    .prepare = prepare,
    .release = release,
    .measure = measure,
    .describe = describe,
};
