/*
 * stats.c - see stats.h. GSL 2.7: gsl_stats_select (quickselect),
 * gsl_stats_mad0 (without the 1.4826 factor, applied here explicitly so the
 * constant is visible), gsl_stats_quantile_from_sorted_data.
 *
 * A group's median, 10th and 90th percentiles are order statistics, so they are
 * selected (O(n)) rather than read from a sorted copy (O(n log n)): sorting every
 * peer group was 4% of a night. The interpolation is the one
 * gsl_stats_median_from_sorted_data and gsl_stats_quantile_from_sorted_data use,
 * on the same two order statistics, so the figures are the same to the bit.
 */
#include "score/stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics.h>
#include <gsl/gsl_statistics_double.h>

/* Consistency constant of the MAD for normally distributed data. */
#define MAD_TO_SD 1.4826

void stats_init(void)
{
    gsl_set_error_handler_off();
}

/*
 * The f-quantile of x[0..n) (n > 0) as GSL computes it from sorted data: at index
 * f (n - 1), interpolated between the order statistics on either side; x is
 * rearranged. (The median is the 0.5-quantile: the middle value, or the mean of
 * the two middle ones.)
 */
static double quantile(double *x, size_t n, double f)
{
    double index = f * (double)(n - 1);
    size_t lhs = (size_t)index;
    double delta = index - (double)lhs;
    double low = gsl_stats_select(x, 1, n, lhs);
    if (lhs + 1 >= n || delta == 0)
        return low;
    double high = gsl_stats_select(x, 1, n, lhs + 1);
    return (1 - delta) * low + delta * high;
}

double stats_median(double *x, size_t n)
{
    return n ? quantile(x, n, 0.5) : 0;
}

void stats_robust(double *x, size_t n, double scale_floor, double *work, struct robust *out)
{
    out->n = n;
    if (n == 0) {
        out->median = out->scale = out->p90 = out->scale_low = 0;
        return;
    }
    out->median = quantile(x, n, 0.5);
    out->p90 = quantile(x, n, 0.90);
    out->scale_low = (out->median - quantile(x, n, 0.10)) / 1.2816;
    if (out->scale_low < scale_floor)
        out->scale_low = scale_floor;
    double mad = gsl_stats_mad0(x, 1, n, work);
    out->scale = MAD_TO_SD * mad;
    if (out->scale < scale_floor)
        out->scale = scale_floor;
}

double stats_z(const struct robust *r, double value)
{
    return r->scale > 0 ? (value - r->median) / r->scale : 0;
}

double stats_quantile_sorted(const double *sorted, size_t n, double f)
{
    return n ? gsl_stats_quantile_from_sorted_data(sorted, 1, n, f) : 0;
}
