/*
 * score.h - from per-address records to ranked theme lists.
 *
 * Why: the score of an address in a theme is the sum of named contributions,
 * weight x strength per fired indicator of that theme, where correlated indicators
 * (same catalogue group) count once, by their largest contribution (DOMAIN.md 4.3).
 * An address is listed when the score reaches min_score and the contributing
 * indicators draw on at least min_sources different sources. Lists are ordered by
 * score, then by canonical address: the same inputs always give the same order.
 *
 * Ownership: everything in struct score_result lives in its arena until
 * score_release().
 */
#ifndef VIK_SCORE_SCORE_H
#define VIK_SCORE_SCORE_H

#include "common/arena.h"
#include "common/err.h"
#include "model/catalogue.h"
#include "model/dataset.h"
#include "score/indicator.h"

#include <stdint.h>

struct score_opts {
    int32_t reference_date;
    const struct indicator_cfg *ind; /* IND_COUNT entries */
    const struct theme_cfg *themes;  /* THEME_COUNT entries */
};

/* One fired indicator at one address. */
struct hit {
    uint32_t addr;
    uint8_t ind;        /* enum ind_id */
    uint8_t themes;     /* bit per enum theme_id it counts for; 0 = all of the indicator's */
    float contribution; /* weight x strength */
    float strength;     /* 0..1, what the indicator measured (weights are config) */
    const char *reason; /* arena */
};

struct listing {
    struct addr_key key; /* copy, so that sorting needs no context */
    uint32_t addr;
    float score;
    uint32_t first_hit; /* hits of this address are hits[first_hit .. +n_hits) */
    uint16_t n_hits;
    uint16_t n_sources;
};

/*
 * A bounded, deterministic sample of one indicator's raw values over the addresses
 * where it was evaluable, for the report's distribution charts. Why a systematic
 * sample and not every value: 9.2 million addresses x 16 indicators would be
 * 600 MB of floats for a chart 600 pixels wide. Every `stride`-th evaluable address
 * is kept (in address order, so the same inputs give the same sample); when the
 * buffer is full every other kept value is dropped and the stride doubles, so the
 * sample stays evenly spread over the whole run and never exceeds SCORE_SAMPLE_MAX.
 */
enum { SCORE_SAMPLE_MAX = 4096 };

struct score_sample {
    float raw[SCORE_SAMPLE_MAX];
    uint8_t fired[SCORE_SAMPLE_MAX]; /* 1 when the indicator fired at that address */
    uint32_t n;                      /* values kept */
    uint64_t stride;                 /* keep every stride-th evaluable address (>= 1) */
    uint64_t seen;                   /* evaluable addresses offered a finite raw value */
};

struct score_result {
    struct hit *hits;
    size_t n_hits, cap_hits;
    struct listing *lists[THEME_COUNT]; /* sorted, best first */
    size_t n_list[THEME_COUNT];
    uint64_t n_evaluable[IND_COUNT], n_fired[IND_COUNT];
    struct score_sample *samples; /* IND_COUNT, malloc'd by score_run (20 KiB each);
                                     NULL when out of memory: the report then omits the
                                     charts, the lists do not depend on it */
    struct arena mem;
};

MUST_CHECK int score_run(const struct dataset *d, const struct score_opts *o,
                         struct score_result *out, struct err *e);
void score_release(struct score_result *r);

/* Offer one evaluable raw value to a sample (see struct score_sample); a value
 * that is not finite is not kept. */
void score_sample_add(struct score_sample *s, double raw, int fired);

/*
 * Every indicator for one address, with the same peer groups and settings as
 * score_run (for `vik explain`): outcome and result per indicator; disabled
 * indicators get IND_NOT_EVALUABLE and enabled[id] = 0.
 */
MUST_CHECK int score_address(const struct dataset *d, const struct score_opts *o, uint32_t addr,
                             enum ind_outcome out[IND_COUNT], struct ind_result res[IND_COUNT],
                             struct err *e);

/*
 * Rebuild the lists from r's hits with o's weights and theme settings: the
 * strengths do not depend on weights, so "what if this weight were 25% higher"
 * needs no re-evaluation (vik eval --sensitivity). The previous lists are freed.
 */
MUST_CHECK int score_relist(const struct dataset *d, const struct score_opts *o,
                            struct score_result *r, struct err *e);

/* Does hit h count towards theme t's score (member, and largest of its group)? */
int score_hit_counts(const struct score_result *r, const struct score_opts *o,
                     const struct listing *l, size_t h, enum theme_id t);

#endif
