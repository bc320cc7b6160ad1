/*
 * stats.h - robust statistics for peer comparison (with score/regress.c, the GSL users).
 *
 * Why: energy use, prices and counts are skewed and full of outliers (the very
 * addresses we look for), so location and scale are the median and the MAD
 * (scaled by 1.4826 to be consistent with a standard deviation for normal data,
 * GSL manual), computed on log(1+x) by the callers (docs/statistics.md, robust standardisation). A
 * floor on the scale keeps tied data (MAD = 0) from producing huge z values. For
 * looking below a group (E3) the spread of its lower half, (median - p10) / 1.2816,
 * is given beside the MAD: use skews upwards (appliances only add), so the MAD
 * says little about how far below the median a household can lie.
 */
#ifndef VIK_SCORE_STATS_H
#define VIK_SCORE_STATS_H

#include <stddef.h>

struct robust {
    size_t n;
    double median;
    double scale;     /* 1.4826 * MAD, never below the floor given */
    double p90;       /* 90th percentile */
    double scale_low; /* (median - p10) / 1.2816: the spread of the lower half, same floor */
};

/* Call once per process: GSL's default error handler aborts. */
void stats_init(void);

/*
 * Median, scaled MAD and lower-half spread (both floored at scale_floor) and p90 of
 * x[0..n). x is rearranged
 * (the order statistics are selected in place). work must hold n doubles. n == 0
 * gives all zeros.
 */
void stats_robust(double *x, size_t n, double scale_floor, double *work, struct robust *out);

/* The median of x[0..n) - the middle value, or the mean of the two middle ones -
 * selected in O(n), the figure a sort would give to the bit; x is rearranged. 0
 * when n == 0. */
double stats_median(double *x, size_t n);

/* Robust z of value against r. */
double stats_z(const struct robust *r, double value);

/* Quantile f in [0,1] of sorted data (linear interpolation, GSL definition). */
double stats_quantile_sorted(const double *sorted, size_t n, double f);

#endif
