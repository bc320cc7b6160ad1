/*
 * ind_util.h - the small facts several indicators read the same way (internal to
 * score/: only the indicator modules and regress.c include it).
 *
 * Why: when two indicators disagree on what "no gas", "recent" or "a business
 * centre" means, one guard quietly stops protecting the other's look-alikes. Each
 * definition lives here once; a helper only one indicator uses stays in that
 * indicator's file. Pure functions of their arguments, like the indicators.
 */
#ifndef VIK_SCORE_IND_UTIL_H
#define VIK_SCORE_IND_UTIL_H

#include "common/date.h"
#include "model/dataset.h"
#include "score/indicator.h"

/*
 * No gas to speak of: no gas connection, or under 50 m3 a year (a cooker at most,
 * no heating). An all-electric home heats with electricity (DOMAIN.md 3.4): E1's
 * heat-pump allowance and the regression's gas covariate (regress_row_of) both
 * read this, so a dwelling gets the allowance exactly when the regression treats
 * it as gasless.
 */
static inline int no_gas(const struct address *a)
{
    return a->n_gas == 0 || a->gas < 50;
}

/* Is date within the last `months` before the reference date (K1-K3's windows)? */
static inline int recent(const struct score_ctx *ctx, int32_t date, double months)
{
    return date > date_add_months(ctx->reference_date, -(int)months);
}

/*
 * The address's owner when a natural person, else NULL (unknown owners too: the
 * caller tells those apart). K4 and K5 judge only natural persons: housing
 * corporations and BVs are legal entities.
 */
static inline const struct owner *person_owner(const struct score_ctx *ctx, const struct address *a)
{
    if (a->owner == NONE_IDX)
        return NULL;
    const struct owner *o = &ctx->d->owners[a->owner];
    return o->type == PARTY_PERSON ? o : NULL;
}

/* A business centre (kantoorfunctie): many companies and much churn are normal
 * there (H1, H3). */
static inline int business_centre(const struct address *a)
{
    return (a->usage & USE_KANTOOR) != 0;
}

#endif
