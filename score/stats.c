/*
 * stats.c - see stats.h. GSL 2.7: gsl_stats_select (quickselect),
 * gsl_stats_quantile_from_sorted_data. The MAD is gsl_stats_mad0's (the median of
 * the absolute deviations from the median, without the 1.4826 factor, applied
 * here so the constant is visible), computed with the median already selected.
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
#include <math.h>

/* Consistency constant of the MAD for normally distributed data. */
#define MAD_TO_SD 1.4826

void stats_init(void)
{
    gsl_set_error_handler_off();
}

/*
 * Where quickselect leaves x: gsl_stats_select(x, 1, n, k) is Numerical Recipes'
 * select, which puts the k-th smallest at x[k], the smaller ones before it and the
 * larger ones after. So once a rank is selected, a rank beside it is the least
 * value of one side (a scan, not another select), and a rank further up or down is
 * selected within that side only. A group's figures took five to six whole-array
 * selects, and gsl_stats_mad0 a copy, its own median and the deviations' (two to
 * four more); now one whole select, two of about half the array, one for the
 * deviations, and a few scans (test_stats.c holds every figure to the one a
 * sorted copy gives and the scale to gsl_stats_mad0's, to the bit, on groups of
 * every size up to 64 and with ties).
 *
 * struct span: x[lo..hi) holds exactly the order statistics lo..hi-1 of x.
 */
struct span {
    size_t lo, hi;
};

/* Order statistic k of x, within sp (lo <= k < hi); splits sp around k. */
static double select_within(double *x, struct span sp, size_t k)
{
    return gsl_stats_select(x + sp.lo, 1, sp.hi - sp.lo, k - sp.lo);
}

static double least(const double *x, struct span sp)
{
    double m = x[sp.lo];
    for (size_t i = sp.lo + 1; i < sp.hi; i++)
        if (x[i] < m)
            m = x[i];
    return m;
}

/* GSL's quantile arithmetic (gsl_stats_quantile_from_sorted_data): at index
 * f (n - 1), interpolated between the order statistics either side of it. */
struct at {
    size_t lhs;
    double delta;
};

static struct at index_of(size_t n, double f)
{
    double index = f * (double)(n - 1);
    struct at a = {(size_t)index, 0};
    a.delta = index - (double)a.lhs;
    return a;
}

static int interpolates(struct at a, size_t n)
{
    return !(a.lhs + 1 >= n || a.delta == 0);
}

static double between(struct at a, double low, double high)
{
    return (1 - a.delta) * low + a.delta * high;
}

/* The f-quantile of x[0..n) (n > 0); x is rearranged. */
static double quantile(double *x, size_t n, double f)
{
    struct at a = index_of(n, f);
    double low = select_within(x, (struct span){0, n}, a.lhs);
    if (!interpolates(a, n))
        return low;
    return between(a, low, least(x, (struct span){a.lhs + 1, n}));
}

double stats_median(double *x, size_t n)
{
    return n ? quantile(x, n, 0.5) : 0;
}

/* The median (m: its rank and value), then the 90th and the 10th percentile, each
 * selected on its side of the median only. */
static void quantiles(double *x, size_t n, double *median, double *p10, double *p90)
{
    struct at m = index_of(n, 0.5), hi = index_of(n, 0.90), lo = index_of(n, 0.10);
    double mid = select_within(x, (struct span){0, n}, m.lhs); /* sides: [0, m) (m, n) */
    struct span below = {0, m.lhs}, above = {m.lhs + 1, n};
    double above_least = m.lhs + 1 < n ? least(x, above) : mid;
    *median = interpolates(m, n) ? between(m, mid, above_least) : mid;

    /* hi.lhs >= m.lhs: at the median's rank, or within (m, n) */
    double low = hi.lhs == m.lhs ? mid : select_within(x, above, hi.lhs);
    double high = hi.lhs == m.lhs ? above_least : 0;
    if (interpolates(hi, n) && hi.lhs != m.lhs)
        high = least(x, (struct span){hi.lhs + 1, n});
    *p90 = interpolates(hi, n) ? between(hi, low, high) : low;

    /* lo.lhs <= m.lhs: at the median's rank, or within [0, m); its neighbour above
     * is then in [lo + 1, m), or the median's own value */
    if (lo.lhs == m.lhs) {
        low = mid, high = above_least;
    } else {
        low = select_within(x, below, lo.lhs);
        high = lo.lhs + 1 < m.lhs ? least(x, (struct span){lo.lhs + 1, m.lhs}) : mid;
    }
    *p10 = interpolates(lo, n) ? between(lo, low, high) : low;
}

void stats_robust(double *x, size_t n, double scale_floor, double *work, struct robust *out)
{
    out->n = n;
    if (n == 0) {
        out->median = out->scale = out->p90 = out->scale_low = 0;
        return;
    }
    double p10;
    quantiles(x, n, &out->median, &p10, &out->p90);
    out->scale_low = (out->median - p10) / 1.2816;
    if (out->scale_low < scale_floor)
        out->scale_low = scale_floor;
    for (size_t i = 0; i < n; i++) /* the MAD: gsl_stats_mad0's deviations, our select */
        work[i] = fabs(x[i] - out->median);
    out->scale = MAD_TO_SD * quantile(work, n, 0.5);
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
