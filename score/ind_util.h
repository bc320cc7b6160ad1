/*
 * ind_util.h - the small facts several indicators read the same way (internal to
 * score/: only the indicator modules include it).
 *
 * Why: when two indicators disagree on what "recent", "a buyer's age" or "a
 * business centre" means, one guard quietly stops protecting the other's
 * look-alikes. Each definition lives here once; a helper only one indicator uses
 * stays in that indicator's file. Pure functions of their arguments.
 */
#ifndef VIK_SCORE_IND_UTIL_H
#define VIK_SCORE_IND_UTIL_H

#include "common/date.h"
#include "model/dataset.h"
#include "score/indicator.h"

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

/*
 * Age classes for calibrating what people of an age do (K1 buyers, K4 owners):
 * wide enough that a town of 17,000 addresses has a population of more than
 * CALIB_MIN_CLASS in each (about 300 purchases by buyers under 30 in two years).
 */
enum { AGE_CLASSES = 3 };
static inline unsigned age_class(int age)
{
    return age < 30 ? 0 : age < 45 ? 1 : 2;
}
#define AGE_CLASS_LABELS(who) who " aged under 30", who " aged 30-44", who " aged 45 or over"

#endif
