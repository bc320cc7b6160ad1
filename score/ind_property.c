/*
 * ind_property.c - the witwassen property indicators K1-K5 (DOMAIN.md 3.3).
 *
 * K1 no_mortgage: the latest purchase (within `months`) was made without a mortgage
 *    by a natural person aged min_age..threshold. Guard: elderly downsizers and
 *    parents pay cash too - only young buyers count, and alone it stays below
 *    min_score (17% of all purchases are hypotheekloos).
 * K2 price_vs_woz: price / WOZ indexed to the transfer date outside
 *    [low_ratio, threshold]. Guards: symbolic prices below min_price are skipped;
 *    family sales below market alone stay below min_score.
 * K3 quick_resale: two transfers of one object within `threshold` months in the last
 *    `years`; full weight when the price rose >= min_rise (ABC with value jump).
 *    Guard: developers reselling at market price get partial weight only.
 * K4 young_multi_owner: the owner is a natural person younger than threshold who
 *    owns >= min_dwellings dwellings.
 * K5 many_properties: the owner is a natural person with more than threshold
 *    dwellings. Weak alone (legitimate landlords); corporations are legal entities.
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"

#include <math.h>
#include <stdio.h>

static int buyer_age(const struct score_ctx *ctx, const struct tx *t)
{
    if (t->buyer == NONE_IDX)
        return -1;
    return date_age(ctx->d->owners[t->buyer].birth_date, t->date);
}

static int recent(const struct score_ctx *ctx, int32_t date, double months)
{
    return date > date_add_months(ctx->reference_date, -(int)months);
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

static const struct owner *person_owner(const struct score_ctx *ctx, const struct address *a)
{
    if (a->owner == NONE_IDX)
        return NULL;
    const struct owner *o = &ctx->d->owners[a->owner];
    return o->type == PARTY_PERSON ? o : NULL;
}

static enum ind_outcome young_multi_owner(const struct score_ctx *ctx,
                                          const struct indicator_cfg *c, const struct address *a,
                                          struct ind_result *out)
{
    if (a->owner == NONE_IDX)
        return not_evaluable(out, "owner unknown");
    const struct owner *o = person_owner(ctx, a);
    if (!o)
        return IND_QUIET;
    int age = date_age(o->birth_date, ctx->reference_date);
    if (age < 0)
        return not_evaluable(out, "owner's age unknown");
    out->raw = o->n_dwellings, out->ref = c->params[0];
    if (age >= c->threshold || o->n_dwellings < c->params[0])
        return IND_QUIET;
    out->strength = ramp(o->n_dwellings, c->params[0], c->params[1]);
    snprintf(out->reason, sizeof out->reason, "owner aged %d (under %.0f) owns %u dwellings", age,
             c->threshold, (unsigned)o->n_dwellings);
    return IND_FIRED;
}

static enum ind_outcome many_properties(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                        const struct address *a, struct ind_result *out)
{
    if (a->owner == NONE_IDX)
        return not_evaluable(out, "owner unknown");
    const struct owner *o = person_owner(ctx, a);
    if (!o)
        return IND_QUIET;
    out->raw = o->n_dwellings, out->ref = c->threshold;
    if (o->n_dwellings <= c->threshold)
        return IND_QUIET;
    out->strength = ramp(o->n_dwellings, c->threshold, c->params[0]);
    snprintf(out->reason, sizeof out->reason,
             "owner is a private person with %u dwellings (more than %.0f)",
             (unsigned)o->n_dwellings, c->threshold);
    return IND_FIRED;
}

const struct indicator IND_K1 = {IND_NO_MORTGAGE, no_mortgage};
const struct indicator IND_K2 = {IND_PRICE_VS_WOZ, price_vs_woz};
const struct indicator IND_K3 = {IND_QUICK_RESALE, quick_resale};
const struct indicator IND_K4 = {IND_YOUNG_MULTI_OWNER, young_multi_owner};
const struct indicator IND_K5 = {IND_MANY_PROPERTIES, many_properties};
