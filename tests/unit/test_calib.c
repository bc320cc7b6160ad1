/*
 * test_calib.c - how rare a value is among comparable addresses (score/calib.h).
 *
 * Why: every indicator's strength comes from here, so the rules a coordinator is
 * told ("1 in 4,300 dwellings", "3 such addresses in the run") must hold exactly:
 * the empirical share inside the data, an exponential tail beyond its top 1% that
 * keeps a far value rarer than a near one, ties that do not make a tail start in
 * the bulk, small classes pooled, and the town rarity that turns a share of a
 * population into addresses of the municipality. Expected values are worked out
 * by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "score/calib.h"

#include <math.h>
#include <string.h>

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* One class holding 1, 2, ..., n. */
static void linear(struct calib *c, int n, size_t n_town)
{
    calib_init(c, 1, 0.1);
    for (int i = 1; i <= n; i++)
        assert_int_equal(calib_add(c, 0, i), 0);
    assert_int_equal(calib_finish(c, n_town), 0);
}

/* Inside the data the share is empirical: values >= x over n. */
static void test_empirical_share(void **state)
{
    (void)state;
    struct calib c;
    linear(&c, 1000, 1000);
    struct rarity r;
    calib_rarity(&c, 0, 500.5, &r); /* 501..1000: 500 values */
    NEAR(r.p, 0.5, 1e-12);
    calib_rarity(&c, 0, 991, &r); /* the tail starts at the 10th largest (1% of 1000) */
    NEAR(r.p, 0.01, 1e-12);
    NEAR(r.surprise, 2.0, 1e-9);
    assert_int_equal(r.n, 1000);
    assert_false(r.pooled);
    calib_rarity(&c, 0, -5, &r); /* below everything: all of them */
    NEAR(r.p, 1.0, 1e-12);
    NEAR(r.surprise, 0.0, 1e-12);
    calib_release(&c);
}

/*
 * Beyond the tail threshold u = 991 the tail is exponential with beta the mean
 * excess of the 10 values >= 991 (0..9: 4.5): p(x) = 0.01 * exp(-(x - 991) / 4.5).
 */
static void test_tail_beyond_the_data(void **state)
{
    (void)state;
    struct calib c;
    linear(&c, 1000, 1000);
    struct rarity r;
    calib_rarity(&c, 0, 1000, &r);
    NEAR(r.p, 0.01 * exp(-9 / 4.5), 1e-9);
    double at_max = r.p;
    calib_rarity(&c, 0, 1100, &r); /* far beyond every value: rarer, not capped at 1/n */
    NEAR(r.p, 0.01 * exp(-109 / 4.5), 1e-12);
    assert_true(r.p < at_max);
    assert_true(r.surprise > 3);
    calib_rarity(&c, 0, 1e9, &r); /* bounded */
    NEAR(r.surprise, CALIB_MAX_SURPRISE, 1e-9);
    /* continuous at the threshold */
    struct rarity just;
    calib_rarity(&c, 0, 991, &r);
    calib_rarity(&c, 0, 991.001, &just);
    assert_true(fabs(r.p - just.p) < 1e-5);
    calib_release(&c);
}

/*
 * Counts: 741 owners of one dwelling, 4 of two, 4 of four (749 values). The 10th
 * largest is a 1, tied with nearly everything: the tail starts above that tie, at
 * 2 (8 values, mean excess (4 x 2) / 8 = 1), so p(4) = 8/749 * exp(-2) - rare,
 * where a tail starting at 1 would have called it 1 in 20.
 */
static void test_tail_above_a_tie(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 1);
    for (int i = 0; i < 741; i++)
        calib_add(&c, 0, 1);
    for (int i = 0; i < 4; i++)
        calib_add(&c, 0, 2), calib_add(&c, 0, 4);
    assert_int_equal(calib_finish(&c, 749), 0);
    struct rarity one, two, four;
    calib_rarity(&c, 0, 1, &one);
    calib_rarity(&c, 0, 2, &two);
    calib_rarity(&c, 0, 4, &four);
    NEAR(one.p, 1.0, 1e-12);
    NEAR(two.p, 8.0 / 749, 1e-9);
    NEAR(four.p, 8.0 / 749 * exp(-2), 1e-9);
    assert_true(four.p < 4.0 / 749);
    calib_release(&c);
}

/*
 * Resolution: when the top values are all equal the mean excess is 0; beta is
 * floored at the indicator's resolution so a value one step beyond is not
 * infinitely rare.
 */
static void test_resolution_floor(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 1);
    for (int i = 0; i < 990; i++)
        calib_add(&c, 0, 0);
    for (int i = 0; i < 10; i++)
        calib_add(&c, 0, 3);
    assert_int_equal(calib_finish(&c, 1000), 0);
    struct rarity r;
    calib_rarity(&c, 0, 4, &r); /* 10/1000 * exp(-(4 - 3) / 1) */
    NEAR(r.p, 0.01 * exp(-1), 1e-9);
    calib_release(&c);
}

/*
 * Classes: the same value is rarer in a narrow class than in a wide one; a class
 * under CALIB_MIN_CLASS values is ranked in the pool of all classes.
 */
static void test_classes_and_pooling(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 3, 0.1);
    for (int i = 0; i < 500; i++) {
        calib_add(&c, 0, i % 50);        /* narrow: 0..49 */
        calib_add(&c, 1, (i % 100) * 2); /* wide: 0..198 */
    }
    for (int i = 0; i < 20; i++)
        calib_add(&c, 2, 1000); /* too small to stand alone */
    assert_int_equal(calib_finish(&c, 1020), 0);
    struct rarity narrow, wide, small;
    calib_rarity(&c, 0, 45, &narrow);
    calib_rarity(&c, 1, 45, &wide);
    assert_true(narrow.p < wide.p);
    assert_false(narrow.pooled);
    assert_int_equal(narrow.n, 500);
    calib_rarity(&c, 2, 1000, &small);
    assert_true(small.pooled);
    assert_int_equal(small.n, 1020);
    NEAR(small.p, 20.0 / 1020, 1e-9); /* the 20 values of 1000 are the pool's top */
    calib_release(&c);
}

/*
 * The town rarity: p x n addresses of the population are this extreme, out of the
 * run's addresses. 391..400 are 10 of 400 resold objects (1 in 40: the tail starts
 * at the 10th largest, since 1% of 400 is fewer than 10); in a run of 40,000
 * addresses that is -log10(10 / 40,000) = 3.60.
 */
static void test_town_rarity(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 0.1);
    for (int i = 1; i <= 400; i++)
        calib_add(&c, 0, i);
    assert_int_equal(calib_finish(&c, 40000), 0);
    struct rarity r;
    calib_rarity(&c, 0, 391, &r);
    NEAR(r.p, 0.025, 1e-12);
    NEAR(r.expected, 10, 1e-9);
    NEAR(r.town, log10(4000), 1e-9);
    NEAR(r.surprise, log10(40), 1e-9);
    calib_release(&c);
    /* the same share of a population as large as the run: the two agree */
    linear(&c, 1000, 1000);
    calib_rarity(&c, 0, 991, &r);
    NEAR(r.town, r.surprise, 1e-9);
    calib_release(&c);
}

/* Where a firing rarity sits on the axis: the inverse of the pooled share. */
static void test_inverse(void **state)
{
    (void)state;
    struct calib c;
    linear(&c, 1000, 1000);
    static const double P[] = {0.5, 0.05, 0.01, 0.001, 1e-5};
    for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
        double x = calib_pooled_x_at(&c, P[i]);
        struct rarity r;
        calib_rarity(&c, 0, x, &r);
        if (fabs(log10(r.p) - log10(P[i])) > 0.01)
            fail_msg("p %g: x %g gives p %g", P[i], x, r.p);
    }
    calib_release(&c);
    struct calib empty;
    calib_init(&empty, 1, 1);
    assert_int_equal(calib_finish(&empty, 10), 0);
    assert_true(isnan(calib_pooled_x_at(&empty, 0.01)));
    calib_release(&empty);
}

/* Strength: town surprise over 4, at most 1 (1 in 10,000 addresses is full). */
static void test_strength(void **state)
{
    (void)state;
    NEAR(calib_strength(0), 0, 1e-12);
    NEAR(calib_strength(2), 0.5, 1e-12);
    NEAR(calib_strength(3.5), 0.875, 1e-12);
    NEAR(calib_strength(4), 1, 1e-12);
    NEAR(calib_strength(7), 1, 1e-12);
}

/*
 * Where many addresses are extreme, extreme is less rare: the same value ranks
 * lower in a population with a heavy tail than in one with a light tail.
 */
static void test_heavy_tail_counts_less(void **state)
{
    (void)state;
    struct calib light, heavy;
    calib_init(&light, 1, 0.1);
    calib_init(&heavy, 1, 0.1);
    for (int i = 0; i < 2000; i++) {
        double bulk = (i % 100) / 10.0; /* 0.0 .. 9.9 */
        calib_add(&light, 0, bulk);
        calib_add(&heavy, 0, i % 20 == 0 ? 10 + (i % 400) / 10.0 : bulk); /* 5% out to 50 */
    }
    assert_int_equal(calib_finish(&light, 2000), 0);
    assert_int_equal(calib_finish(&heavy, 2000), 0);
    struct rarity a, b;
    calib_rarity(&light, 0, 30, &a);
    calib_rarity(&heavy, 0, 30, &b);
    assert_true(a.p < b.p);
    calib_release(&light);
    calib_release(&heavy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empirical_share),
        cmocka_unit_test(test_tail_beyond_the_data),
        cmocka_unit_test(test_tail_above_a_tie),
        cmocka_unit_test(test_resolution_floor),
        cmocka_unit_test(test_classes_and_pooling),
        cmocka_unit_test(test_town_rarity),
        cmocka_unit_test(test_inverse),
        cmocka_unit_test(test_strength),
        cmocka_unit_test(test_heavy_tail_counts_less),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
