/*
 * score.h - from per-address records to ranked theme lists and watch lists.
 *
 * Why: the score of an address in a theme is the sum of named contributions,
 * weight x strength per fired indicator of that theme, where correlated
 * indicators (same group) count once, by their largest contribution
 * (docs/scoring.md). The strength is calibrated (score/calib.h): the rarity of the indicator's
 * value among comparable addresses of this run, times its grade. Whether an
 * address is LISTED is an explicit rule, not a side effect of weights:
 *
 *   corroborated  at least two of the theme's indicators count there and their
 *                 contributions reach min_score;
 *   single signal one counting indicator that may list alone (`alone`) fired with
 *                 strength >= alone_strength: a value that fewer than about 1 in
 *                 3,200 addresses of the run show, fully graded;
 *
 * and in both cases the counting indicators draw on at least min_sources
 * sources. An address that scores but is not listed goes to the theme's WATCH
 * list: near-misses the coordinator sees without them entering the list. Both are
 * ordered by score, then by the rarest counting signal, then by canonical address:
 * the same inputs always give the same order.
 *
 * Ownership: everything in struct score_result lives in it until score_release().
 * score reads the dataset and writes only its own structures.
 */
#ifndef VIK_SCORE_SCORE_H
#define VIK_SCORE_SCORE_H

#include "common/arena.h"
#include "common/err.h"
#include "model/catalogue.h"
#include "model/dataset.h"
#include "score/calib.h"
#include "score/indicator.h"

#include <stdint.h>

struct score_opts {
    int32_t reference_date;
    size_t min_group;                /* smallest peer group trusted before collapsing */
    const struct indicator_cfg *ind; /* IND_COUNT entries */
    const struct theme_cfg *themes;  /* THEME_COUNT entries */
    int threads;                     /* indicators scored at once ([run] threads); <= 1: one */
};

/* One fired indicator at one address. */
struct hit {
    uint32_t addr;
    uint8_t ind;        /* enum ind_id */
    uint8_t themes;     /* bit per enum theme_id it counts for; 0 = all of the indicator's */
    float contribution; /* weight x strength */
    float strength;     /* 0..1: grade x calibrated rarity (weights are config) */
    float rarity;       /* 0..1: the calibrated part of the strength (struct rarity) */
    float grade;        /* 0..1: the grade part: strength = rarity x grade */
    float surprise;     /* town rarity: -log10 of the share of the run's addresses that
                           are at least this extreme on this indicator (struct rarity) */
    const char *reason; /* arena: the indicator's sentence with its rarity */
};

enum listed_by { LISTED_NOT, LISTED_CORROBORATED, LISTED_ALONE };

struct listing {
    struct addr_key key; /* copy, so that sorting needs no context */
    uint32_t addr;
    float score;
    float rarest;       /* largest surprise among the counting hits (tie-break) */
    uint32_t first_hit; /* hits of this address are hits[first_hit .. +n_hits) */
    uint16_t n_hits;
    uint8_t n_sources;
    uint8_t n_counting; /* counting indicators */
    uint8_t by;         /* enum listed_by */
};

/*
 * A bounded, deterministic sample of one indicator's position on its axis (the x
 * of struct ind_measure) over the addresses it ranked, for the report's charts.
 * Why a systematic sample and not every value: 9.2 million addresses x 16
 * indicators would be 600 MB of floats for a chart 600 pixels wide. Every
 * `stride`-th ranked address is kept (in address order, so the same inputs give
 * the same sample); when the buffer is full every other kept value is dropped and
 * the stride doubles, so the sample stays evenly spread over the whole run and
 * never exceeds SCORE_SAMPLE_MAX.
 */
enum { SCORE_SAMPLE_MAX = 4096 };

struct score_sample {
    float raw[SCORE_SAMPLE_MAX];
    uint8_t fired[SCORE_SAMPLE_MAX]; /* 1 when the indicator fired at that address */
    uint32_t n;                      /* values kept */
    uint64_t stride;                 /* keep every stride-th ranked address (>= 1) */
    uint64_t seen;                   /* ranked addresses offered a finite value */
};

struct score_result {
    struct hit *hits;
    size_t n_hits, cap_hits;
    struct listing *lists[THEME_COUNT]; /* listed, sorted, best first */
    size_t n_list[THEME_COUNT];
    struct listing *watch[THEME_COUNT]; /* scored but not listed, sorted, best first */
    size_t n_watch[THEME_COUNT];
    uint64_t n_evaluable[IND_COUNT], n_ranked[IND_COUNT], n_fired[IND_COUNT];
    /* where each indicator's firing rarity sits on its axis (the pooled population),
     * NAN when it has several classes: for the charts' threshold line */
    double fire_x[IND_COUNT];
    struct score_sample *samples;    /* IND_COUNT, malloc'd by score_run (20 KiB each);
                                        NULL when out of memory: the report then omits the
                                        charts, the lists do not depend on it */
    struct arena mem_ind[IND_COUNT]; /* the hits' sentences, per indicator */
};

MUST_CHECK int score_run(const struct dataset *d, const struct score_opts *o,
                         struct score_result *out, struct err *e);
void score_release(struct score_result *r);

/* Offer one ranked value to a sample (see struct score_sample); a value that is
 * not finite is not kept. */
void score_sample_add(struct score_sample *s, double raw, int fired);

/* One indicator at one address as `vik explain` shows it. */
struct ind_result {
    enum ind_outcome out;
    struct ind_measure m;
    struct rarity rarity; /* when ranked (m.quiet == NULL) */
    double strength;      /* grade x calibrated rarity, when ranked */
    char reason[768];     /* the sentence with its rarity; quiet: why; not evaluable: why */
};

/*
 * Every indicator for one address, with the same models, calibration and settings
 * as score_run; disabled indicators are IND_NOT_EVALUABLE with reason "disabled".
 */
MUST_CHECK int score_address(const struct dataset *d, const struct score_opts *o, uint32_t addr,
                             struct ind_result res[IND_COUNT], struct err *e);

/*
 * Rebuild the lists from r's hits with o's weights and theme settings: the
 * strengths do not depend on weights, so "what if this weight were 25% higher"
 * needs no re-evaluation (vik eval --sensitivity). The previous lists are freed.
 */
MUST_CHECK int score_relist(const struct dataset *d, const struct score_opts *o,
                            struct score_result *r, struct err *e);

/*
 * The untuned baseline of `vik eval`: every address with a fired indicator of theme
 * t, ranked by the plain sum of the calibrated strengths that speak to t - equal
 * weights, no correlated groups, no min_score, no single-signal rule. A default
 * that ranks worse than this is worse than no tuning at all. *out is malloc'd
 * (free it), sorted best first; 0, or -1 when out of memory.
 */
MUST_CHECK int score_baseline(const struct dataset *d, const struct score_result *r,
                              const struct score_opts *o, enum theme_id t, struct listing **out,
                              size_t *n);

/* Does hit h count towards theme t's score (member, and largest of its group)? */
int score_hit_counts(const struct score_result *r, const struct score_opts *o,
                     const struct listing *l, size_t h, enum theme_id t);

#endif
