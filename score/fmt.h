/*
 * fmt.h - numbers in reasons, written the way the report's readers expect.
 *
 * Why: a reason is read aloud at a meeting; "31,400 kWh/yr" is read faster than
 * "31400.000000". Reasons use thousands separators and at most one decimal.
 */
#ifndef VIK_SCORE_FMT_H
#define VIK_SCORE_FMT_H

#include <stddef.h>

/* Rounded whole number with ',' thousands separators: 31400 -> "31,400". */
const char *fmt_int(char *buf, size_t size, double v);

#endif
