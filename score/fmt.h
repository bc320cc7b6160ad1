/*
 * fmt.h - numbers in reasons, written the way the report's readers expect.
 *
 * Why: a reason is read aloud at a meeting; "31,400 kWh/yr" is read faster than
 * "31400.000000". Reasons use thousands separators and at most one decimal.
 */
#ifndef VIK_SCORE_FMT_H
#define VIK_SCORE_FMT_H

#include "model/catalogue.h"

#include <stddef.h>

/* Rounded whole number with ',' thousands separators: 31400 -> "31,400". */
const char *fmt_int(char *buf, size_t size, double v);

/*
 * One contributing indicator as the lists and `vik explain` show it: the
 * indicator's own sentence (raw value, reference, z or ratio), then its threshold
 * and how the contribution was made, e.g.
 *   "E1 energy_high: electricity 14,200 kWh/yr = 8.6x the median of 412 similar
 *    dwellings (...); robust z 5.2 | threshold 3.5; weight 4.0 x strength 0.81 = +3.24"
 * The formula is the README's: contribution = weight x strength.
 */
const char *fmt_contribution(char *buf, size_t size, enum ind_id id, const struct indicator_cfg *c,
                             double contribution, const char *reason);

#endif
