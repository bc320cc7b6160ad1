/*
 * k2_price_vs_woz.c - K2 price_vs_woz (theme witwassen): a price far from what the
 * WOZ value and this run's own market say.
 *
 * Phenomenon: price manipulation: over- or under-invoicing, hidden cash paid beside
 *    the deed.
 * Inputs: the latest transfer's date and price (Kadaster transactions), the WOZ
 *    value (Kadaster objects, summed over the address's objects). Not evaluable
 *    without a transfer or a WOZ value.
 * Reference: the WOZ value times the median price/WOZ of this run's own sales in
 *    the same year (at least min_sales of them; otherwise of all sales, moved by
 *    woz_index_per_year per year from their median date): the market where vik
 *    runs, not a national index.
 * Axis: |log(price / reference)|, calibrated in three classes: above the
 *    reference; below it with a mortgage (or unknown); below it in cash. Under-
 *    pricing between relatives is common and financed (the bank lends on the
 *    deed's price); a price far below the value paid without a mortgage is the
 *    hidden-cash pattern (part of the price paid beside the deed) and is ranked
 *    among the run's own cash sales below the market, whose number and spread
 *    say how common that is where vik runs. With one class below the market,
 *    cash purchases at 0.46-0.64x the value hid among the family sales of every
 *    generated world (two in five missed); split, none are (docs/scoring.md).
 * Grade: by the amount in euros that the price departs from the reference, full
 *    from material_share x the median price of the window's sales (EUR 38,500
 *    in the bundled town): what is laundered or paid beside the deed is that
 *    amount, and a garage box sold at 1.5x its WOZ of EUR 19,000 moves EUR 9,000
 *    where a home at that ratio moves a hundred thousand. The ratio alone ranked
 *    parking places and sheds, whose prices scatter widely around small values,
 *    among the run's most unusual sales (one to three of the top of a generated
 *    town's list, in every world). The anchor is the market where vik runs, not
 *    a fixed sum. With or without a mortgage: over-invoicing happens both in cash
 *    and with an inflated valuation behind a mortgage (taxatiefraude), so above
 *    the reference one class serves both.
 * Parameters: months 24, min_price 10000 (EUR: symbolic prices are skipped),
 *    min_sales 30, woz_index_per_year 0.07 (only for thin years), material_share
 *    0.1; weight 1, fires
 *    at 1 in 20, may list alone; correlation group 5 with K3 (a resale's step up
 *    is also a price above the WOZ: one sale's price, counted once).
 * Look-alikes it guards against: symbolic and partial transfers below min_price
 *    (quiet, not ranked); garage boxes, parking places and sheds (graded by the
 *    small amount); family sales below market (financed: common among the
 *    financed sales below the reference, so less rare there); landlords buying
 *    with sitting tenants in cash a little below market (ranked among cash sales
 *    below the market, where they are the bulk).
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"
#include "score/ind_util.h"
#include "score/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_MONTHS, P_MIN_PRICE, P_MIN_SALES, P_INDEX, P_MATERIAL };
enum { CLASS_ABOVE, CLASS_BELOW, CLASS_BELOW_CASH };
enum { YEARS = 64 }; /* sale years kept: the reference year and 63 before it */

/* The market of the run: median log(price / WOZ) per sale year, and over all. */
struct market {
    double median[YEARS];
    size_t n[YEARS];
    double all;      /* median over all sales */
    double all_year; /* median sale year (fractional) */
    double price;    /* median price of the sales in the window (EUR) */
    int32_t ref_year;
};

/* Fill *mk from every kept transfer of every address with a WOZ value. */
static int market_build(struct market *mk, const struct score_ctx *ctx,
                        const struct indicator_cfg *c)
{
    const struct dataset *d = ctx->d;
    double min_price = c->params[P_MIN_PRICE];
    int32_t ref_year = ctx->reference_date / 10000;
    size_t cap = (size_t)d->n_addrs * TX_KEEP + 1, n = 0, n_win = 0;
    double *lr = malloc(cap * sizeof *lr), *yr = malloc(cap * sizeof *yr);
    double *win = malloc(cap * sizeof *win);
    int *year = malloc(cap * sizeof *year);
    if (!lr || !yr || !year || !win) {
        free(lr), free(yr), free(year), free(win);
        return -1;
    }
    for (uint32_t i = 0; i < d->n_addrs; i++) {
        const struct address *a = &d->addrs[i];
        int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP;
        for (int k = 0; a->woz > 0 && k < kept; k++) {
            const struct tx *t = &a->tx[k];
            int y = t->date / 10000;
            if (t->price < min_price || y > ref_year || y <= ref_year - YEARS)
                continue;
            if (recent(ctx, t->date, c->params[P_MONTHS]))
                win[n_win++] = t->price;
            lr[n] = log(t->price / a->woz);
            year[n] = y;
            yr[n++] = y + (t->date / 100 % 100 - 0.5) / 12.0;
        }
    }
    memset(mk, 0, sizeof *mk);
    mk->ref_year = ref_year;
    double *tmp = malloc(cap * sizeof *tmp);
    int rc = tmp ? 0 : -1;
    size_t at[YEARS + 1] = {0}; /* the sales grouped by year in one pass: year k at tmp[at[k]..] */
    for (size_t i = 0; i < n; i++)
        at[ref_year - year[i] + 1]++;
    for (int k = 0; k < YEARS; k++)
        at[k + 1] += at[k];
    for (size_t i = 0; rc == 0 && i < n; i++)
        tmp[at[ref_year - year[i]]++] = lr[i];
    size_t from = 0;
    for (int k = 0; rc == 0 && k < YEARS; k++) { /* at[k] is now year k's end */
        mk->n[k] = at[k] - from;
        mk->median[k] = stats_median(tmp + from, mk->n[k]);
        from = at[k];
    }
    if (rc == 0) {
        mk->all = stats_median(lr, n);
        mk->all_year = n ? stats_median(yr, n) : ref_year;
        mk->price = stats_median(win, n_win);
    }
    free(tmp), free(lr), free(yr), free(year), free(win);
    return rc;
}

static int prepare(const struct score_ctx *ctx, const struct indicator_cfg *c, void **state)
{
    struct market *mk = malloc(sizeof *mk);
    if (!mk || market_build(mk, ctx, c) != 0) {
        free(mk);
        return -1;
    }
    *state = mk;
    return 0;
}

static void release(void *state)
{
    free(state);
}

/* The expected log(price / WOZ) of a sale on date, and how many sales that year had. */
static double expected_ratio(const struct market *mk, const struct indicator_cfg *c, int32_t date,
                             size_t *n_year)
{
    int k = mk->ref_year - date / 10000;
    *n_year = k >= 0 && k < YEARS ? mk->n[k] : 0;
    if (*n_year >= c->params[P_MIN_SALES])
        return mk->median[k];
    double year = date / 10000 + (date / 100 % 100 - 0.5) / 12.0;
    return mk->all + log1p(c->params[P_INDEX]) * (year - mk->all_year);
}

/* How much the departure from the expected price weighs, by its amount in euros:
 * full from material_share x the window's median sale price. */
static double material(const struct market *mk, const struct indicator_cfg *c, double amount)
{
    return grade_ramp(fabs(amount), 0, c->params[P_MATERIAL] * mk->price);
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (a->n_tx == 0 || a->woz <= 0)
        return not_evaluable(m, a->n_tx == 0 ? "no transfer known" : "no WOZ value");
    const struct tx *t = &a->tx[0];
    size_t n_year;
    double e = expected_ratio(ctx->state[IND_PRICE_VS_WOZ], c, t->date, &n_year);
    m->ref = a->woz * exp(e);
    m->raw = t->price / a->woz;
    if (!recent(ctx, t->date, c->params[P_MONTHS]))
        return quiet(m, "the latest sale is older than the window");
    if (t->price < c->params[P_MIN_PRICE])
        return quiet(m, "a symbolic or partial price below min_price");
    double dev = log(t->price / m->ref);
    int cash = t->mortgage == 0;
    m->cls = dev >= 0 ? CLASS_ABOVE : cash ? CLASS_BELOW_CASH : CLASS_BELOW;
    m->x = fabs(dev);
    m->grade = material(ctx->state[IND_PRICE_VS_WOZ], c, t->price - m->ref);
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    const struct tx *t = &a->tx[0];
    size_t n_year;
    double e = expected_ratio(ctx->state[IND_PRICE_VS_WOZ], c, t->date, &n_year);
    const struct market *mk = ctx->state[IND_PRICE_VS_WOZ];
    char p[24], r[24], w[24], dv[24], md[24];
    snprintf(buf, size,
             "sold for EUR %s %s = %.2fx the WOZ value (EUR %s), where sales of %d went for %.2fx "
             "WOZ (%zu sales): %.1fx the expected EUR %s, EUR %s %s it where a sale in the window "
             "went for EUR %s (median)",
             fmt_int(p, sizeof p, t->price),
             t->mortgage == 0   ? "without a mortgage"
             : t->mortgage == 1 ? "with a mortgage"
                                : "(mortgage unknown)",
             m->raw, fmt_int(w, sizeof w, a->woz), t->date / 10000, exp(e), n_year,
             t->price / m->ref, fmt_int(r, sizeof r, m->ref),
             fmt_int(dv, sizeof dv, fabs(t->price - m->ref)),
             t->price >= m->ref ? "above" : "below", fmt_int(md, sizeof md, mk->price));
}

const struct ind_desc IND_K2 = {
    .id = IND_PRICE_VS_WOZ,
    .name = "price_vs_woz",
    .code = "K2",
    .themes = 1u << THEME_WITWASSEN,
    .sources = 1u << SRC_KADASTER_TRANSACTIONS | 1u << SRC_KADASTER_OBJECTS,
    .evidence = 1u << SRC_KADASTER_TRANSACTIONS,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 5,
    .summary = "price far from the WOZ value as this run's own sales of that year index it",
    .formula = "|log(price / (WOZ x the year's median price/WOZ))|; above, below financed, below "
               "in cash apart; graded by the amount (full at material_share x the median sale)",
    .lookalikes = "symbolic and partial transfers, garage boxes and sheds (small amounts), family "
                  "sales below market, landlords buying with sitting tenants",
    .params = {{"months", 24, 1, 240, "look-back window in months"},
               {"min_price", 10000, 0, 1e+08, "prices below this are symbolic and skipped"},
               {"min_sales", 30, 1, 1e+06,
                "sales a year needs before its own median price/WOZ is the reference"},
               {"woz_index_per_year", 0.07, -0.5, 1,
                "yearly price change assumed for years with fewer than min_sales sales"},
               {"material_share", 0.1, 0, 10,
                "a departure from the expected price counts in full from this share of the "
                "window's median sale price, less below it"}},
    .reads = {{SRC_KADASTER_TRANSACTIONS, F_DATE},
              {SRC_KADASTER_TRANSACTIONS, F_PRICE},
              {SRC_KADASTER_TRANSACTIONS, F_MORTGAGE},
              {SRC_KADASTER_OBJECTS, F_WOZ_VALUE}},
    .n_classes = 3,
    .class_label = {"sales above the market", "financed sales below the market",
                    "cash sales below the market"},
    .population = "recent sales",
    .resolution = 0.02,
    .axis = {"|log(price / expected price)|"},
    .prepare = prepare,
    .release = release,
    .measure = measure,
    .describe = describe,
};
