/*
 * stats.c - see stats.h. GSL 2.7: gsl_sort, gsl_stats_median_from_sorted_data,
 * gsl_stats_mad0 (without the 1.4826 factor, applied here explicitly so the
 * constant is visible), gsl_stats_quantile_from_sorted_data.
 */
#include "score/stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* Consistency constant of the MAD for normally distributed data. */
#define MAD_TO_SD 1.4826

void stats_init(void)
{
    gsl_set_error_handler_off();
}

void stats_robust(double *x, size_t n, double scale_floor, double *work, struct robust *out)
{
    out->n = n;
    if (n == 0) {
        out->median = out->scale = out->p90 = 0;
        return;
    }
    gsl_sort(x, 1, n);
    out->median = gsl_stats_median_from_sorted_data(x, 1, n);
    out->p90 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.90);
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
