/*
 * k3_quick_resale.c - K3 quick_resale (DOMAIN.md 3.3, theme witwassen): one object
 * sold twice within months.
 *
 * Phenomenon: an ABC transaction / flipping with a value jump: A sells to B, B to C
 *    within months, the price rising on paper (DOMAIN.md 3.3, published anchors).
 * Inputs: the TX_KEEP most recent transfers of the address, newest first (Kadaster
 *    transactions: dates and prices). Not evaluable without a transfer.
 * Formula: two successive transfers of one object within `threshold` months (of
 *    30.44 days) in the last `years`; the newest such pair counts. Strength 1 when
 *    the price rose >= min_rise (ABC with value jump), else 0.5.
 * Parameters: threshold 6 (months), years 3, min_rise 0.20; weight 3.0.
 * Look-alikes it guards against: developers and auction buyers reselling at market
 *    price get partial weight only (half: 1.5, under the witwassen min_score 3).
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"
#include "score/ind_util.h"

#include <stdio.h>

static enum ind_outcome quick_resale(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                     const struct address *a, struct ind_result *out)
{
    if (a->n_tx == 0)
        return not_evaluable(out, "no transfer known");
    int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP;
    for (int i = 0; i + 1 < kept; i++) {
        const struct tx *later = &a->tx[i], *earlier = &a->tx[i + 1];
        if (!recent(ctx, later->date, c->params[0] * 12))
            break;
        long days = date_days(later->date) - date_days(earlier->date);
        if (days > c->threshold * 30.44)
            continue;
        double rise = earlier->price > 0 ? later->price / earlier->price - 1 : 0;
        out->raw = (double)days, out->ref = c->threshold;
        out->strength = rise >= c->params[1] ? 1.0 : 0.5;
        char p1[24], p2[24];
        snprintf(out->reason, sizeof out->reason,
                 "resold after %ld days (within %.0f months) for EUR %s after EUR %s (%+.0f%%)",
                 days, c->threshold, fmt_int(p2, sizeof p2, later->price),
                 fmt_int(p1, sizeof p1, earlier->price), rise * 100);
        return IND_FIRED;
    }
    return IND_QUIET;
}

const struct indicator IND_K3 = {IND_QUICK_RESALE, quick_resale};
