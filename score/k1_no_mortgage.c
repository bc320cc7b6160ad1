/*
 * k1_no_mortgage.c - K1 no_mortgage (DOMAIN.md 3.3, theme witwassen): a young
 * buyer paying cash.
 *
 * Phenomenon: a purchase financed with unexplained cash.
 * Inputs: the latest transfer (Kadaster transactions: date, price, mortgage deed
 *    flag, buyer type) and the buyer's birth date (of co-buyers the youngest
 *    natural person). Not evaluable without a transfer, when the mortgage of the
 *    latest transfer is unknown, or when the buyer is a natural person of unknown
 *    age.
 * Formula: the latest purchase (within `months` of the reference date) was made
 *    without a mortgage by a natural person aged min_age..threshold (below
 *    threshold, at the transfer date); strength 1.
 * Parameters: threshold 30 (age), months 24, min_age 18; weight 2.0 (under the
 *    witwassen min_score 3).
 * Look-alikes it guards against: elderly downsizers and parents pay cash too - only
 *    young buyers count, and alone it stays below min_score (17% of all purchases
 *    are hypotheekloos), so another signal must agree; companies buying without a
 *    mortgage deed are not natural persons and are not judged.
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"
#include "score/ind_util.h"

#include <stdio.h>

/* The buyer's age at the transfer, -1 when the buyer or the birth date is unknown. */
static int buyer_age(const struct score_ctx *ctx, const struct tx *t)
{
    if (t->buyer == NONE_IDX)
        return -1;
    return date_age(ctx->d->owners[t->buyer].birth_date, t->date);
}

static enum ind_outcome no_mortgage(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                    const struct address *a, struct ind_result *out)
{
    if (a->n_tx == 0)
        return not_evaluable(out, "no transfer known");
    const struct tx *t = &a->tx[0];
    if (!recent(ctx, t->date, c->params[0]))
        return IND_QUIET;
    int age = buyer_age(ctx, t);
    if (t->mortgage == 2 || (t->buyer_type == PARTY_PERSON && age < 0))
        return not_evaluable(out, t->mortgage == 2 ? "mortgage of the latest transfer unknown"
                                                   : "buyer's age unknown");
    out->raw = age, out->ref = c->threshold;
    if (t->mortgage != 0 || t->buyer_type != PARTY_PERSON || age < c->params[1] ||
        age >= c->threshold)
        return IND_QUIET;
    out->strength = 1;
    char p[24];
    snprintf(out->reason, sizeof out->reason,
             "bought on %04d-%02d-%02d for EUR %s without a mortgage by a buyer aged %d "
             "(under %.0f)",
             t->date / 10000, t->date / 100 % 100, t->date % 100, fmt_int(p, sizeof p, t->price),
             age, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_K1 = {IND_NO_MORTGAGE, no_mortgage};
