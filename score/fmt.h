/*
 * fmt.h - numbers in reasons, written the way the report's readers expect.
 *
 * Why: a reason is read aloud at a meeting; "31,400 kWh/yr" is read faster than
 * "31400.000000". Reasons use thousands separators and at most two decimals.
 */
#ifndef VIK_SCORE_FMT_H
#define VIK_SCORE_FMT_H

#include "model/catalogue.h"
#include "score/indicator.h"

#include <stddef.h>

/* Rounded whole number with ',' thousands separators: 31400 -> "31,400". */
const char *fmt_int(char *buf, size_t size, double v);

/*
 * One contributing indicator as the lists and `vik explain` show it: the
 * indicator's own sentence with its rarity, then its threshold and how the
 * contribution was made, e.g.
 *   "E1 energy_high: electricity 30,203 kWh/yr = 8.4x the median of 805 similar
 *    dwellings (...); robust z 6.2; ...; 1 in 5,015 of 15,113 occupied dwellings
 *    (3.0 this extreme in the run) | fires at 1 in 20; strength 0.94 = rarity 0.94
 *    x grade 1.00; weight 1 x strength 0.94 = +0.94"
 * strength = rarity x grade (score/calib.h), and the contribution = weight x
 * strength (docs/scoring.md).
 */
const char *fmt_contribution(char *buf, size_t size, enum ind_id id, const struct indicator_cfg *c,
                             double strength, double rarity, double grade, const char *reason);

#endif
