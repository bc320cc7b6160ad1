/*
 * filter.h - tonight's lists as published: the scored lists minus the addresses
 * history says were handled (issue 6's suppression and re-alerting, vik forget).
 *
 * Why: the rule that takes an address off a list is part of how a list is made,
 * so it lives beside the listing rule and is a pure function of what scoring
 * produced and what history knew: history/ only loads the facts (struct
 * suppress_set: which listed address has a recent outcome, with the score it had
 * when the coordinator looked at it, or a forget marker with its last score), and
 * score_filter() decides. The scored lists stay as they are (report, history and
 * explain can always see what scoring said); the published lists are a new,
 * owned selection of them.
 *
 * The rule, per listed address and theme:
 *   - a recent outcome suppresses, unless tonight's score exceeds the earlier one
 *     by more than realert_margin: then the address stays, marked re-alerted; an
 *     outcome without an earlier listing has nothing to compare with and suppresses;
 *   - otherwise a forget marker works alike against the marker's score;
 *   - otherwise the address stays.
 */
#ifndef VIK_SCORE_FILTER_H
#define VIK_SCORE_FILTER_H

#include "score/score.h"

#include <stddef.h>
#include <stdint.h>

/* What history knows about one listed address for one theme. */
struct suppress_entry {
    uint32_t addr;        /* dataset index of the listed address */
    uint8_t theme;        /* enum theme_id */
    uint8_t outcome;      /* an outcome dated within suppress_days */
    uint8_t has_baseline; /* ...and the address was listed up to the outcome's date */
    uint8_t forgotten;    /* a vik forget marker for this theme */
    double baseline;      /* the score of that listing */
    double marker;        /* the score the forget marker kept */
};

/* The facts for tonight (history/ fills it); owns v. */
struct suppress_set {
    struct suppress_entry *v;
    size_t n, cap;
    double realert_margin;
};

void suppress_set_init(struct suppress_set *s, double realert_margin);
void suppress_set_release(struct suppress_set *s);
/* Append one entry; 0, or -1 when out of memory. */
int suppress_set_add(struct suppress_set *s, const struct suppress_entry *e);

/* The published lists, per theme in list order. */
struct score_lists {
    const struct listing *list[THEME_COUNT];
    size_t n[THEME_COUNT];
    const uint8_t *realerted[THEME_COUNT]; /* per entry, or NULL: none re-alerted */
    uint32_t suppressed[THEME_COUNT];      /* taken off by the rule above, ... */
    uint32_t forgotten[THEME_COUNT];       /* ...of which by a forget marker */
    struct listing *owned[THEME_COUNT];    /* score_filter's copies (freed on release) */
    uint8_t *owned_flags[THEME_COUNT];
};

/* Every scored listing, nothing suppressed (vik explain, eval): points into r. */
void score_lists_all(const struct score_result *r, struct score_lists *out);

/* Apply the rule to r's lists with the facts in s. 0, or -1 when out of memory
 * (out is then released). out is valid while r is. */
MUST_CHECK int score_filter(const struct score_result *r, const struct suppress_set *s,
                            struct score_lists *out);

void score_lists_release(struct score_lists *l);

#endif
