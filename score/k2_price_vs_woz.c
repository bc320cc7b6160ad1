/*
 * k2_price_vs_woz.c - K2 price_vs_woz (DOMAIN.md 3.3, theme witwassen): a price far
 * from the indexed WOZ value.
 *
 * Phenomenon: price manipulation: over- or under-invoicing, hidden cash paid beside
 *    the deed.
 * Inputs: the latest transfer's date and price (Kadaster transactions), the WOZ
 *    value (Kadaster objects, summed over the address's objects), the reference
 *    date. Not evaluable without a transfer or a WOZ value.
 * Formula: WOZ (valued on 1 January of the year before the reference year) indexed
 *    to the transfer date at woz_index_per_year, compounded; ratio = price / indexed
 *    WOZ outside [low_ratio, threshold], for a transfer within `months`; strength
 *    0.5 at either limit, full at twice as far out (ratio 2x the upper, half the
 *    lower), on a log scale.
 * Parameters: threshold 1.5, low_ratio 0.7, months 24, woz_index_per_year 0.07,
 *    min_price 10000 (EUR); weight 2.0 (under the witwassen min_score 3).
 * Look-alikes it guards against: symbolic prices below min_price are skipped;
 *    family sales below market alone stay below min_score.
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"
#include "score/ind_util.h"

#include <math.h>
#include <stdio.h>

/* WOZ (value on 1 January of the year before the reference year) indexed to date. */
static double indexed_woz(const struct score_ctx *ctx, double woz, int32_t date, double rate)
{
    int32_t peil = (ctx->reference_date / 10000 - 1) * 10000 + 101;
    double years = (double)(date_days(date) - date_days(peil)) / 365.25;
    return woz * pow(1 + rate, years);
}

static enum ind_outcome price_vs_woz(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                     const struct address *a, struct ind_result *out)
{
    if (a->n_tx == 0 || a->woz <= 0)
        return not_evaluable(out, a->n_tx == 0 ? "no transfer known" : "no WOZ value");
    const struct tx *t = &a->tx[0];
    if (!recent(ctx, t->date, c->params[1]) || t->price < c->params[3])
        return IND_QUIET;
    double woz = indexed_woz(ctx, a->woz, t->date, c->params[2]);
    double ratio = t->price / woz;
    out->raw = ratio, out->ref = woz;
    if (ratio < c->threshold && ratio > c->params[0])
        return IND_QUIET;
    /* 0.5 at either limit, full at twice as far out (ratio 2x the upper, half the lower) */
    if (ratio >= c->threshold)
        out->strength = ramp(log(ratio), log(c->threshold), log(2 * c->threshold));
    else
        out->strength = ramp(-log(ratio), -log(c->params[0]), -log(c->params[0] / 2));
    char p[24], w[24];
    snprintf(out->reason, sizeof out->reason,
             "sold for EUR %s = %.2fx the WOZ value indexed to the sale (EUR %s); normal range "
             "%.2f-%.2f",
             fmt_int(p, sizeof p, t->price), ratio, fmt_int(w, sizeof w, woz), c->params[0],
             c->threshold);
    return IND_FIRED;
}

const struct indicator IND_K2 = {IND_PRICE_VS_WOZ, price_vs_woz};
