/*
 * indicator.h - the one interface every indicator implements.
 *
 * Why: the scorer, the report and `vik explain` treat all indicators alike: an
 * indicator looks at one address record (plus shared peer statistics) and says
 * "not evaluable" (inputs missing: never imputed), "quiet", or "fired" with a
 * strength in (0, 1], its raw value, the reference it was compared with and one
 * plain sentence. Its contribution is weight x strength (bounded by the weight).
 * Indicators are pure functions of (context, config, address): no state, no I/O.
 */
#ifndef VIK_SCORE_INDICATOR_H
#define VIK_SCORE_INDICATOR_H

#include "model/catalogue.h"
#include "model/dataset.h"
#include "score/peer.h"

#include <stdio.h>
#include "score/regress.h"

enum ind_outcome { IND_NOT_EVALUABLE, IND_QUIET, IND_FIRED };

struct ind_result {
    double strength; /* 0..1 when fired */
    double raw;      /* the measured value */
    double ref;      /* the reference it was compared with */
    unsigned themes; /* bit per enum theme_id the result speaks to; 0 = all the
                        indicator's themes (S1 speaks only to the subjects reported) */
    char reason[480];
};

struct score_ctx {
    const struct dataset *d;
    int32_t reference_date;
    const struct peer_model *peers; /* electricity peer groups (E1, E2) */
    /* E1's robust regression (method 1); NULL when not fitted for this run: E1 then
     * uses the peer groups */
    const struct regress_model *regress;
};

struct indicator {
    enum ind_id id;
    enum ind_outcome (*eval)(const struct score_ctx *ctx, const struct indicator_cfg *cfg,
                             const struct address *a, struct ind_result *out);
};

/* The implementations, one per catalogue entry, in enum ind_id order. */
const struct indicator *indicator_get(enum ind_id id);

/* Not evaluable, and why (for `vik explain`): which input is missing. */
static inline enum ind_outcome not_evaluable(struct ind_result *out, const char *why)
{
    snprintf(out->reason, sizeof out->reason, "%s", why);
    return IND_NOT_EVALUABLE;
}

/* Clamp to [0, 1]. */
static inline double unit(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/*
 * Strength of a fired indicator: 0.5 at `from` (the threshold), rising linearly to
 * 1 at `to` (the "full" parameter). When the analyst sets to <= from, any firing
 * value is full strength (no division by zero, no NaN in a score).
 */
static inline double ramp(double x, double from, double to)
{
    if (!(to > from))
        return 1.0;
    return 0.5 + 0.5 * unit((x - from) / (to - from));
}

#endif
