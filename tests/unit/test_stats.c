/*
 * test_stats.c - pins the robust location/scale used for peer comparison
 * (score/stats.c): median, 1.4826 * MAD with a floor, p90, the spread of the lower
 * half ((median - p10) / 1.2816, same floor) and the robust z.
 *
 * Why: the energy indicators measure an address against its peer group's median and
 * spread (docs/statistics.md, robust standardisation). A wrong factor, a missing floor on tied data
 * (MAD = 0) or the wrong quantile definition silently shifts every score. Expected values are NOT
 * taken from GSL: each was computed independently with python3 3.11's statistics module (median;
 * MAD = median(|x - median|); p90 = quantiles(x, n=10, method='inclusive')[8], which is GSL's
 * linear interpolation at (n-1)f; p10 = [0] of the same) and checked by hand where noted.
 * Comparisons use a tolerance.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "score/stats.h"

#include <gsl/gsl_statistics_double.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))
#define TOL 1e-9

static int close_to(double got, double want)
{
    return fabs(got - want) <= TOL * (fabs(want) > 1.0 ? fabs(want) : 1.0);
}

static int group_setup(void **state)
{
    (void)state;
    stats_init();
    return 0;
}

enum { MAXN = 10 };

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_stats_robust_table(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        size_t n;
        double x[MAXN];
        double floor;
        double median, scale, p90, scale_low;
    } rows[] = {
        /* python: median 3, MAD 2, 1.4826*2 = 2.9652, p90 6.6. By hand: sorted
         * 1 1 2 3 4 5 9; |x-3| sorted 0 1 1 2 2 2 6 -> 2; p90 at 6*0.9 = 5.4:
         * 5 + 0.4*(9-5) = 6.6. */
        {"odd n=7", 7, {3, 1, 4, 1, 5, 9, 2}, 0.0, 3.0, 2.9652, 6.6, 1.560549313358302},
        /* python: median 23.0, MAD 14.0, scale 20.7564, p90 56.6. By hand: sorted
         * 2 10 21 23 23 38 38 100; median (23+23)/2; |x-23| sorted
         * 0 0 2 13 15 15 21 77 -> (13+15)/2 = 14; p90 at 7*0.9 = 6.3: 38 + 0.3*62. */
        {"even n=8",
         8,
         {10, 2, 38, 23, 38, 23, 21, 100},
         0.0,
         23.0,
         20.7564,
         56.6,
         12.016229712858927},
        /* python: median 1.25, MAD 2.125, scale 3.150525, p90 6.875 (negatives). */
        {"even n=6 signed",
         6,
         {0.5, -1.25, 3.75, 2.0, -0.5, 10.0},
         0.0,
         1.25,
         3.150525,
         6.875,
         1.658083645443196},
        /* python: median 5.5, MAD 2.5, scale 3.7065, p90 9.1. */
        {"1..10", 10, {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 0.0, 5.5, 3.7065, 9.1, 2.8089887640449436},
        /* python: median 3, MAD 1, scale 1.4826, p90 601.6: one outlier moves p90, not
         * the median or the scale. */
        {"outlier", 5, {1, 2, 3, 4, 1000}, 0.0, 3.0, 1.4826, 601.6, 1.2484394506866416},
        /* All tied: MAD 0, so the scale is the floor (by hand). */
        {"tied, floor 0.25", 4, {5, 5, 5, 5}, 0.25, 5.0, 0.25, 5.0, 0.25},
        {"tied, floor 0", 4, {5, 5, 5, 5}, 0.0, 5.0, 0.0, 5.0, 0.0},
        /* n = 1: median = p90 = the value, MAD 0 -> floor (by hand). */
        {"single", 1, {7}, 0.1, 7.0, 0.1, 7.0, 0.1},
        /* python: [1, 2] median 1.5, MAD 0.5, scale 0.7413, p90 1.9. The floor only
         * applies when it is larger than the scaled MAD. */
        {"n=2 floor below", 2, {2, 1}, 0.5, 1.5, 0.7413, 1.9, 0.5},
        {"n=2 floor above", 2, {2, 1}, 1.0, 1.5, 1.0, 1.9, 1.0},
        /* n = 0: all zeros, the floor is not applied (stats.h). */
        {"empty", 0, {0}, 0.3, 0.0, 0.0, 0.0, 0.0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        double x[MAXN], work[MAXN];
        for (size_t k = 0; k < MAXN; k++)
            x[k] = rows[i].x[k];
        struct robust r = {99, -1, -1, -1, -1};
        stats_robust(x, rows[i].n, rows[i].floor, work, &r);
        int ok = r.n == rows[i].n && close_to(r.median, rows[i].median) &&
                 close_to(r.scale, rows[i].scale) && close_to(r.p90, rows[i].p90) &&
                 close_to(r.scale_low, rows[i].scale_low);
        /* x is rearranged, never changed (stats.h): the same values, in some order */
        double want[MAXN];
        memcpy(want, rows[i].x, sizeof want);
        qsort(want, rows[i].n, sizeof *want, cmp_double);
        qsort(x, rows[i].n, sizeof *x, cmp_double);
        ok = ok && memcmp(want, x, rows[i].n * sizeof *x) == 0;
        if (!ok) {
            print_error("row %zu (%s): n=%zu median=%.17g scale=%.17g p90=%.17g low=%.17g, "
                        "want median=%.17g scale=%.17g p90=%.17g low=%.17g\n",
                        i, rows[i].name, r.n, r.median, r.scale, r.p90, r.scale_low, rows[i].median,
                        rows[i].scale, rows[i].p90, rows[i].scale_low);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_stats_z_table(void **state)
{
    (void)state;
    static const struct {
        struct robust r;
        double value, want;
    } rows[] = {
        /* python: 6 / 2.9652, (1 - 3) / 2.9652, (100 - 23) / 20.7564. */
        {{7, 3.0, 2.9652, 6.6, 0}, 9.0, 2.023472278429786},
        {{7, 3.0, 2.9652, 6.6, 0}, 1.0, -0.6744907594765952},
        {{7, 3.0, 2.9652, 6.6, 0}, 3.0, 0.0},
        {{8, 23.0, 20.7564, 56.6, 0}, 100.0, 3.7096991771212737},
        /* Floored scale (by hand): (6 - 5) / 0.25 = 4, (4.5 - 5) / 0.25 = -2. */
        {{4, 5.0, 0.25, 5.0, 0}, 6.0, 4.0},
        {{4, 5.0, 0.25, 5.0, 0}, 4.5, -2.0},
        /* Scale 0 (no floor, or n = 0) gives z = 0, never inf/nan. */
        {{4, 5.0, 0.0, 5.0, 0}, 6.0, 0.0},
        {{0, 0.0, 0.0, 0.0, 0}, 1e9, 0.0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        double got = stats_z(&rows[i].r, rows[i].value);
        if (!close_to(got, rows[i].want)) {
            print_error("row %zu: stats_z(median %g, scale %g; %g) = %.17g, want %.17g\n", i,
                        rows[i].r.median, rows[i].r.scale, rows[i].value, got, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* docs/statistics.md worked example: median 1,650 kWh, MAD of log(1+kWh) 0.28, address
 * 14,200 kWh -> z = 5.2. python: (log1p(14200) - log1p(1650)) / (1.4826 * 0.28)
 * = 5.183777581191546. */
static void test_stats_z_domain_example(void **state)
{
    (void)state;
    struct robust r = {412, log1p(1650.0), 1.4826 * 0.28, 0, 0};
    double z = stats_z(&r, log1p(14200.0));
    assert_true(close_to(z, 5.183777581191546));
    assert_true(fabs(z - 5.2) < 0.05);
}

/* The scale feeds z end to end: robust() then z() on the odd data set. */
static void test_stats_robust_then_z(void **state)
{
    (void)state;
    double x[] = {3, 1, 4, 1, 5, 9, 2}, work[7];
    struct robust r;
    stats_robust(x, 7, 0.0, work, &r);
    assert_true(close_to(stats_z(&r, 9.0), 2.023472278429786)); /* python, as above */
}

/* stats_median selects; K2 and K3 once sorted. The two must agree to the bit for
 * every length, odd and even, with ties and negative values, and 0 for none. */
static void test_stats_median_as_sorted(void **state)
{
    (void)state;
    assert_true(stats_median(NULL, 0) == 0);
    double one[] = {-3.5};
    assert_true(stats_median(one, 1) == -3.5);
    double two[] = {0.1, 0.7}; /* (0.1 + 0.7) / 2, not 0.4 written */
    assert_true(stats_median(two, 2) == (0.1 + 0.7) / 2);
    unsigned seed = 12345;
    for (size_t n = 1; n <= 64; n++)
        for (int round = 0; round < 20; round++) {
            double x[64], sorted[64];
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                /* few distinct values in some rounds: ties */
                unsigned r = (seed >> 8) % (round % 2 ? 7u : 100000u);
                x[i] = sorted[i] = ((double)r - 3.0) / 7.3;
            }
            qsort(sorted, n, sizeof *sorted, cmp_double);
            double want = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            double got = stats_median(x, n);
            if (memcmp(&got, &want, sizeof got) != 0)
                fail_msg("n %zu round %d: %.17g, a sort gives %.17g", n, round, got, want);
        }
}

/* The figures as a sorted copy gives them (stats_quantile_sorted), the scale from the
 * deviations' median, with the same floors. */
static void robust_from_sorted(const double *x, size_t n, double floor, struct robust *r)
{
    double s[64], dev[64];
    memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    r->median = stats_quantile_sorted(s, n, 0.5);
    r->p90 = stats_quantile_sorted(s, n, 0.90);
    r->scale_low = (r->median - stats_quantile_sorted(s, n, 0.10)) / 1.2816;
    for (size_t i = 0; i < n; i++)
        dev[i] = fabs(x[i] - r->median);
    qsort(dev, n, sizeof *dev, cmp_double);
    r->scale = 1.4826 * stats_quantile_sorted(dev, n, 0.5);
    r->scale_low = r->scale_low < floor ? floor : r->scale_low;
    r->scale = r->scale < floor ? floor : r->scale;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* stats_robust selects each figure on one side of the median (stats.c): the same
 * figures to the bit as a sorted copy, for every length up to 64, odd and even,
 * with ties, where p10 and p90 fall on the median's rank and beside it. */
static void test_stats_robust_as_sorted(void **state)
{
    (void)state;
    unsigned seed = 777;
    for (size_t n = 1; n <= 64; n++)
        for (int round = 0; round < 40; round++) {
            double x[64], work[64];
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 8) % (round % 3 == 0 ? 5u : 100000u);
                x[i] = log1p((double)r * 13.7);
            }
            struct robust want, got;
            robust_from_sorted(x, n, 0.01, &want);
            double gsl_scale = 1.4826 * gsl_stats_mad0(x, 1, n, work); /* x unchanged */
            stats_robust(x, n, 0.01, work, &got);
            if (gsl_scale >= 0.01 && !same_bits(got.scale, gsl_scale))
                fail_msg("n %zu round %d: scale %.17g, gsl_stats_mad0 gives %.17g", n, round,
                         got.scale, gsl_scale);
            if (!same_bits(got.median, want.median) || !same_bits(got.p90, want.p90) ||
                !same_bits(got.scale_low, want.scale_low) || !same_bits(got.scale, want.scale))
                fail_msg("n %zu round %d: median %.17g/%.17g p90 %.17g/%.17g low %.17g/%.17g "
                         "scale %.17g/%.17g",
                         n, round, got.median, want.median, got.p90, want.p90, got.scale_low,
                         want.scale_low, got.scale, want.scale);
        }
}

static void test_stats_quantile_sorted_table(void **state)
{
    (void)state;
    static const double one_to_ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    static const double single[] = {42};
    /* python: quantiles(range(1, 11), n=4, method='inclusive') = [3.25, 5.5, 7.75];
     * quantiles(..., n=20, method='inclusive')[18] = 9.55; ends by definition. */
    static const struct {
        const double *x;
        size_t n;
        double f, want;
    } rows[] = {
        {one_to_ten, 10, 0.0, 1.0},   {one_to_ten, 10, 1.0, 10.0},
        {one_to_ten, 10, 0.5, 5.5},   {one_to_ten, 10, 0.25, 3.25},
        {one_to_ten, 10, 0.75, 7.75}, {one_to_ten, 10, 0.95, 9.55},
        {one_to_ten, 10, 0.9, 9.1},   {single, 1, 0.9, 42.0},
        {single, 0, 0.5, 0.0}, /* n = 0 -> 0 */
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        double got = stats_quantile_sorted(rows[i].x, rows[i].n, rows[i].f);
        if (!close_to(got, rows[i].want)) {
            print_error("row %zu: stats_quantile_sorted(n=%zu, f=%g) = %.17g, want %.17g\n", i,
                        rows[i].n, rows[i].f, got, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stats_robust_table),
        cmocka_unit_test(test_stats_z_table),
        cmocka_unit_test(test_stats_z_domain_example),
        cmocka_unit_test(test_stats_robust_then_z),
        cmocka_unit_test(test_stats_quantile_sorted_table),
        cmocka_unit_test(test_stats_median_as_sorted),
        cmocka_unit_test(test_stats_robust_as_sorted),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
