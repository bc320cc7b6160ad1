/*
 * test_calib.c - how rare a value is among comparable addresses (score/calib.h).
 *
 * Why: every indicator's strength comes from here, so the rules a coordinator is
 * told ("1 in 4,300 dwellings", "3 this extreme in the run") must hold exactly:
 * the empirical share inside the data, an exponential tail beyond its top 2% that
 * keeps a far value rarer than a near one and is not inflated by the extreme
 * values it should expose, ties that do not make a tail start in the bulk,
 * weights that count an owner once, small classes pooled, and the town rarity
 * that turns a share of a population into addresses of the municipality. Expected values are worked
 * out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "score/calib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* One class holding 1, 2, ..., n. */
static void linear(struct calib *c, int n, size_t n_town)
{
    calib_init(c, 1, 0.1);
    for (int i = 1; i <= n; i++)
        assert_int_equal(calib_add(c, 0, i, 1), 0);
    assert_int_equal(calib_finish(c, n_town), 0);
}

static int cmp_f(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The i-th of a stream of values and classes from *r: zeros (-0 too), ties, large
 * magnitudes and both signs. */
static float mixed_value(uint32_t *r, int i, unsigned k, unsigned *cls)
{
    *r = *r * 1103515245u + 12345u;
    int v = (int)(*r >> 16) % 2001 - 1000;
    *cls = (unsigned)(*r >> 8) % k;
    return i % 7 == 0 ? 0.0f : i % 11 == 0 ? -0.0f : i % 13 == 0 ? 3e30f * (float)v : (float)v / 8;
}

/* c, of k classes, offered the first n values of the mixed stream from seed, the
 * i-th with weight w[i] (1 when w is NULL); x and cls get what was offered. */
static void offer_mixed(struct calib *c, unsigned k, int n, uint32_t seed, float *x, unsigned *cls,
                        const float *w)
{
    calib_init(c, k, 0.01);
    for (int i = 0; i < n; i++) {
        x[i] = mixed_value(&seed, i, k, &cls[i]);
        assert_int_equal(calib_add(c, cls[i], x[i], w ? w[i] : 1), 0);
    }
}

/* The values of x[0..n) in class k, each + 0.0f as calib_add stores it, ascending,
 * into got; their number. */
static size_t class_sorted(const float *x, const unsigned *cls, size_t n, unsigned k, float *got)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (cls[i] == k)
            got[m++] = x[i] + 0.0f;
    qsort(got, m, sizeof *got, cmp_f);
    return m;
}

/*
 * The order everything else reads (calib.c sorts by the values' bits): the pool and
 * every class ascending and holding exactly the values offered, negatives, zeros
 * (-0 too), ties and large magnitudes alike, weights kept with their values.
 */
static void test_sorted_pool_and_classes(void **state)
{
    (void)state;
    enum { N = 3000, K = 3 };
    static float x[N], w[N], want[N], got[N];
    static unsigned cls[N];
    struct calib c;
    for (int i = 0; i < N; i++)
        w[i] = 1.0f + (float)i; /* unique, rising with the order the values came in */
    offer_mixed(&c, K, N, 12345, x, cls, w);
    assert_int_equal(calib_finish(&c, N), 0);
    memcpy(want, x, sizeof want);
    for (int i = 0; i < N; i++)
        want[i] += 0.0f;
    qsort(want, N, sizeof *want, cmp_f);
    for (int i = 0; i < N; i++)
        assert_true(c.pooled[i] == want[i]);
    /* each weight next to its own value (w - 1 is the value's index), and values
     * that tie in the order they came in: the sort is stable */
    for (int i = 0; i < N; i++) {
        int at = (int)c.pw[i] - 1;
        assert_true(at >= 0 && at < N && x[at] + 0.0f == c.pooled[i]);
        if (i > 0 && c.pooled[i] == c.pooled[i - 1])
            assert_true(c.pw[i] > c.pw[i - 1]);
    }
    for (unsigned k = 0; k < K; k++) {
        size_t n = class_sorted(x, cls, N, k, got);
        assert_int_equal(c.cls[k].n, n);
        for (size_t i = 0; i < n; i++) {
            size_t j = c.cls[k].off + i;
            int at = (int)c.sw[j] - 1;
            assert_true(c.sorted[j] == got[i]);
            assert_true(at >= 0 && at < N && cls[at] == k && x[at] + 0.0f == c.sorted[j]);
            if (i > 0 && c.sorted[j] == c.sorted[j - 1])
                assert_true(c.sw[j] > c.sw[j - 1]);
        }
    }
    calib_release(&c);
}

/* Unweighted values (every weight 1) are filled from the sort's records without
 * looking back at what was added (calib.c): each class and the pool hold exactly
 * the values offered, bit for bit (a -0 is kept as +0, as calib_add stores it), in
 * order. */
static void test_sorted_unweighted(void **state)
{
    (void)state;
    enum { N = 3000, K = 5 };
    static float x[N], want[N], got[N];
    static unsigned cls[N];
    struct calib c;
    offer_mixed(&c, K, N, 777, x, cls, NULL);
    assert_int_equal(calib_finish(&c, N), 0);
    assert_null(c.pw);
    for (int i = 0; i < N; i++)
        want[i] = x[i] + 0.0f;
    qsort(want, N, sizeof *want, cmp_f);
    assert_memory_equal(c.pooled, want, sizeof want);
    for (unsigned k = 0; k < K; k++) {
        size_t n = class_sorted(x, cls, N, k, got);
        assert_int_equal(c.cls[k].n, n);
        assert_memory_equal(c.sorted + c.cls[k].off, got, n * sizeof *got);
    }
    calib_release(&c);
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
    calib_rarity(&c, 0, 961, &r); /* the tail starts at the 40th largest (2% of 1000 is less) */
    NEAR(r.p, 0.04, 1e-12);
    NEAR(r.surprise, -log10(0.04), 1e-9);
    NEAR(r.n, 1000, 1e-9);
    assert_false(r.pooled);
    calib_rarity(&c, 0, -5, &r); /* below everything: all of them */
    NEAR(r.p, 1.0, 1e-12);
    NEAR(r.surprise, 0.0, 1e-12);
    calib_release(&c);
    linear(&c, 5000, 5000); /* 2% of 5000 is more than 40: the tail starts at the 100th */
    calib_rarity(&c, 0, 4901, &r);
    NEAR(r.p, 0.02, 1e-12);
    calib_rarity(&c, 0, 4902, &r); /* just past it: the model, a little rarer */
    assert_true(r.p < 0.02 && r.p > 0.019);
    calib_release(&c);
}

/*
 * Beyond the tail threshold u = 961 the tail is exponential with beta from the
 * median excess of the 40 values >= 961 (0..39: 19.5) as beta ln 2:
 * p(x) = 0.04 * exp(-(x - 961) / (19.5 / ln 2)).
 */
static void test_tail_beyond_the_data(void **state)
{
    (void)state;
    struct calib c;
    linear(&c, 1000, 1000);
    double beta = 19.5 / log(2.0);
    struct rarity r;
    calib_rarity(&c, 0, 1000, &r);
    NEAR(r.p, 0.04 * exp(-39 / beta), 1e-9);
    double at_max = r.p;
    calib_rarity(&c, 0, 1100, &r); /* far beyond every value: rarer, not capped at 1/n */
    NEAR(r.p, 0.04 * exp(-139 / beta), 1e-12);
    assert_true(r.p < at_max);
    assert_true(r.surprise > 3);
    calib_rarity(&c, 0, 1e9, &r); /* bounded */
    NEAR(r.surprise, CALIB_MAX_SURPRISE, 1e-9);
    /* continuous at the threshold */
    struct rarity just;
    calib_rarity(&c, 0, 961, &r);
    calib_rarity(&c, 0, 961.001, &just);
    assert_true(fabs(r.p - just.p) < 1e-5);
    calib_release(&c);
}

/*
 * Ten planted resales at 3,000 on top of 1..1000 (1,010 values) are 10 of the 40
 * values >= 971. Their median excess is still the bulk's (990.5 - 971 = 19.5),
 * so 3,000 stays far beyond anything the town produces (surprise at the cap). A
 * mean excess would have been (0 + ... + 29 + 10 x 2,029) / 40 = 518: the planted
 * values would have stretched the tail until each was "1 in 1,300" and hid the
 * others.
 */
static void test_tail_not_inflated_by_the_cases(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 0.1);
    for (int i = 1; i <= 1000; i++)
        calib_add(&c, 0, i, 1);
    for (int i = 0; i < 10; i++)
        calib_add(&c, 0, 3000, 1);
    assert_int_equal(calib_finish(&c, 1010), 0);
    struct rarity r;
    calib_rarity(&c, 0, 3000, &r);
    NEAR(r.p, 40.0 / 1010 * exp(-2029 / (19.5 / log(2.0))), 1e-40);
    NEAR(r.surprise, CALIB_MAX_SURPRISE, 1e-9);
    double mean_excess = 40.0 / 1010 * exp(-2029 / 518.0);
    assert_true(-log10(mean_excess) < 4); /* what the mean would have said */
    calib_release(&c);
}

/*
 * Counts: 741 owners of one dwelling, 4 of two, 4 of four (749 values). The 40th
 * largest is a 1, tied with nearly everything: the tail starts above that tie, at
 * 2 (8 values, median excess (0 + 2) / 2 = 1, beta = 1 / ln 2), so
 * p(4) = 8/749 * exp(-2 ln 2) = 2/749 - rare, where a tail starting at 1 would
 * have called it 1 in 20.
 */
static void test_tail_above_a_tie(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 1);
    for (int i = 0; i < 741; i++)
        calib_add(&c, 0, 1, 1);
    for (int i = 0; i < 4; i++)
        calib_add(&c, 0, 2, 1), calib_add(&c, 0, 4, 1);
    assert_int_equal(calib_finish(&c, 749), 0);
    struct rarity one, two, four;
    calib_rarity(&c, 0, 1, &one);
    calib_rarity(&c, 0, 2, &two);
    calib_rarity(&c, 0, 4, &four);
    NEAR(one.p, 1.0, 1e-12);
    NEAR(two.p, 8.0 / 749, 1e-9);
    NEAR(four.p, 2.0 / 749, 1e-9);
    assert_true(four.p < 4.0 / 749);
    calib_release(&c);
}

/*
 * A count axis: 940 zeros, 45 fives, then one each of 6..20. The top 40 start at 5,
 * but 45 of the 60 values >= 5 are that 5: a median excess over 5 would be 0 and
 * the tail would fall by e per step, claiming 20 to be 1 in 50 million where the
 * data say 1 in 1,000. The tail starts above the tie, at 6 (15 values, median 13,
 * beta 7 / ln 2), and claims less rarity than the data, not more.
 */
static void test_tail_above_a_tie_in_the_tail(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 1);
    for (int i = 0; i < 940; i++)
        calib_add(&c, 0, 0, 1);
    for (int i = 0; i < 45; i++)
        calib_add(&c, 0, 5, 1);
    for (int x = 6; x <= 20; x++)
        calib_add(&c, 0, x, 1);
    assert_int_equal(calib_finish(&c, 1000), 0);
    struct rarity r;
    calib_rarity(&c, 0, 20, &r);
    NEAR(r.p, 0.015 * exp(-14 / (7 / log(2.0))), 1e-12);
    assert_true(r.p >= 0.001);
    calib_rarity(&c, 0, 5, &r); /* inside the data */
    NEAR(r.p, 0.06, 1e-12);
    calib_release(&c);
}

/*
 * Resolution: when the top values are all equal the median excess is 0; beta is
 * floored at the indicator's resolution so a value one step beyond is not
 * infinitely rare.
 */
static void test_resolution_floor(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 1);
    for (int i = 0; i < 990; i++)
        calib_add(&c, 0, 0, 1);
    for (int i = 0; i < 10; i++)
        calib_add(&c, 0, 3, 1);
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
        calib_add(&c, 0, i % 50, 1);        /* narrow: 0..49 */
        calib_add(&c, 1, (i % 100) * 2, 1); /* wide: 0..198 */
    }
    for (int i = 0; i < 20; i++)
        calib_add(&c, 2, 1000, 1); /* too small to stand alone */
    assert_int_equal(calib_finish(&c, 1020), 0);
    struct rarity narrow, wide, small;
    calib_rarity(&c, 0, 45, &narrow);
    calib_rarity(&c, 1, 45, &wide);
    assert_true(narrow.p < wide.p);
    assert_false(narrow.pooled);
    NEAR(narrow.n, 500, 1e-9);
    calib_rarity(&c, 2, 1000, &small);
    assert_true(small.pooled);
    NEAR(small.n, 1020, 1e-9);
    /* the pool's top 40: 192..198 (20 values) and the 20 of 1000; median excess
     * (198 + 1000) / 2 - 192 = 407 */
    NEAR(small.p, 40.0 / 1020 * exp(-(1000 - 192) / (407 / log(2.0))), 1e-9);
    calib_release(&c);
}

/*
 * The town rarity: p x n addresses of the population are this extreme, out of the
 * run's addresses. 361..400 are 40 of 400 resold objects (1 in 10); in a run of
 * 40,000 addresses that is -log10(40 / 40,000) = 3.
 */
static void test_town_rarity(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 0.1);
    for (int i = 1; i <= 400; i++)
        calib_add(&c, 0, i, 1);
    assert_int_equal(calib_finish(&c, 40000), 0);
    struct rarity r;
    calib_rarity(&c, 0, 361, &r);
    NEAR(r.p, 0.1, 1e-12);
    NEAR(r.expected, 40, 1e-9);
    NEAR(r.town, 3, 1e-9);
    NEAR(r.surprise, 1, 1e-9);
    NEAR(r.strength, 0.75, 1e-9);
    calib_release(&c);
    /* the same share of a population as large as the run: the two agree */
    linear(&c, 1000, 1000);
    calib_rarity(&c, 0, 961, &r);
    NEAR(r.town, r.surprise, 1e-9);
    calib_release(&c);
}

/*
 * Strata (calib.h): two floor-area bands of 400 and 1,600 dwellings, the same
 * values 1..400 in each (the large band four times over). 361 is 1 in 10 in
 * either band; as strata of one signal, 1 in 10 of all 2,000 dwellings are as
 * unusual among their peers: 200 in the town, not 40 (or 160). The share within
 * the band, and so whether it fires, does not change.
 */
static void test_strata_count_the_whole_population(void **state)
{
    (void)state;
    struct rarity apart[2], strata[2];
    for (int as_strata = 0; as_strata <= 1; as_strata++) {
        struct calib c;
        calib_init(&c, 2, 0.1);
        c.strata = as_strata;
        for (int i = 1; i <= 400; i++) {
            calib_add(&c, 0, i, 1);
            for (int k = 0; k < 4; k++)
                calib_add(&c, 1, i, 1);
        }
        assert_int_equal(calib_finish(&c, 40000), 0);
        struct rarity *r = as_strata ? strata : apart;
        calib_rarity(&c, 0, 361, &r[0]);
        calib_rarity(&c, 1, 361, &r[1]);
        calib_release(&c);
    }
    NEAR(apart[0].p, 0.1, 1e-12);
    NEAR(apart[0].expected, 40, 1e-9);
    NEAR(apart[1].expected, 160, 1e-9);
    for (int k = 0; k < 2; k++) {
        NEAR(strata[k].p, apart[k].p, 0);
        NEAR(strata[k].surprise, apart[k].surprise, 0);
        NEAR(strata[k].expected, 200, 1e-9);
        NEAR(strata[k].town, log10(40000.0 / 200), 1e-9);
    }
}

/*
 * Addresses of the population whose value the export does not show (calib.h):
 * 400 values seen and 1,200 unobserved. The share among the seen is unchanged
 * (1 in 10), but it speaks of four times as many addresses in the town: 160, not
 * 40, of 40,000 (town surprise log10(40000 / 160) = 2.4, strength 0.6).
 */
static void test_unobserved_count_in_the_town(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 0.1);
    for (int i = 1; i <= 400; i++)
        calib_add(&c, 0, i, 1);
    for (int i = 0; i < 1200; i++)
        calib_add_unobserved(&c, 0, 1);
    assert_int_equal(calib_finish(&c, 40000), 0);
    NEAR(calib_coverage(&c, 0), 4, 1e-12);
    struct rarity r;
    calib_rarity(&c, 0, 361, &r);
    NEAR(r.p, 0.1, 1e-12);
    NEAR(r.surprise, 1, 1e-9);
    NEAR(r.n, 400, 1e-9);
    NEAR(r.expected, 160, 1e-9);
    NEAR(r.town, log10(40000.0 / 160), 1e-9);
    NEAR(r.strength, log10(40000.0 / 160) / 4, 1e-9);
    NEAR(r.unseen, 1200, 1e-9);
    calib_release(&c);
    /* per class: units lack monthly values, dwellings do not - only the units'
     * count speaks of more; a small class ranked in the pool takes the pool's */
    calib_init(&c, 3, 0.1);
    for (int i = 1; i <= 400; i++) {
        calib_add(&c, 0, i, 1);
        calib_add(&c, 1, i, 1);
    }
    for (int i = 1; i <= 20; i++)
        calib_add(&c, 2, i, 1);
    for (int i = 0; i < 400; i++)
        calib_add_unobserved(&c, 1, 1);
    calib_add_unobserved(&c, 2, 20);
    assert_int_equal(calib_finish(&c, 40000), 0);
    NEAR(calib_coverage(&c, 0), 1, 1e-12);
    NEAR(calib_coverage(&c, 1), 2, 1e-12);
    NEAR(calib_coverage(&c, 2), 1240.0 / 820, 1e-12); /* pooled: 820 seen, 420 unseen */
    calib_rarity(&c, 0, 361, &r);
    NEAR(r.expected, 40, 1e-9);
    NEAR(r.unseen, 0, 0);
    calib_rarity(&c, 1, 361, &r);
    NEAR(r.expected, 80, 1e-9);
    NEAR(r.unseen, 400, 1e-9);
    calib_release(&c);
}

/*
 * Weights: 900 owners of one dwelling, 90 of two, one of six. Each dwelling
 * counts 1/n of its owner, so the population is 991 owners and the owner of six is
 * 1 in 991 - not 6 of 1,086 addresses, hidden in his own crowd. Owning two or
 * more is 91 of 991. Beyond the top (median excess 0: beta at the resolution 1)
 * seven would be 1/991 x e^-1.
 */
static void test_weights_count_an_owner_once(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c, 1, 1);
    for (int i = 0; i < 900; i++)
        calib_add(&c, 0, 1, 1);
    for (int i = 0; i < 180; i++)
        calib_add(&c, 0, 2, 0.5);
    for (int i = 0; i < 6; i++)
        calib_add(&c, 0, 6, 1.0 / 6);
    assert_int_equal(calib_finish(&c, 1086), 0);
    struct rarity r;
    calib_rarity(&c, 0, 6, &r);
    NEAR(r.n, 991, 1e-3);
    NEAR(r.p, 1.0 / 991, 1e-6);
    NEAR(r.expected, 1, 1e-3);
    calib_rarity(&c, 0, 2, &r);
    NEAR(r.p, 91.0 / 991, 1e-6);
    calib_rarity(&c, 0, 7, &r);
    NEAR(r.p, exp(-1) / 991, 1e-6);
    calib_release(&c);
}

/* Owners of 1..5 dwellings, each dwelling weighing 1/n of its owner. */
static void owners(struct calib *c, int with_four_landlords)
{
    static const int OWNERS[] = {0, 5000, 1000, 300, 100, 25}; /* by dwellings */
    calib_init(c, 1, 1);
    for (int d = 1; d <= 5; d++)
        for (int o = 0; o < OWNERS[d] * d; o++)
            calib_add(c, 0, d, 1.0 / d);
    for (int o = 0; with_four_landlords && o < 4 * 50; o++)
        calib_add(c, 0, 50, 1.0 / 50);
    assert_int_equal(calib_finish(c, 9000), 0);
}

/*
 * The tail is fitted by weight too. 6,425 owners: the top 2% of owners (128.5)
 * starts among the owners of three, a value held by more than half of the tail, so
 * the tail starts above the ties, at five (25 owners, beta at the resolution): an
 * owner of ten is 25/6,425 x e^-5, beyond every owner of the run. Four landlords
 * of 50 dwellings are 4 owners, not 200 values: an owner of ten is then 4 in 6,429
 * owners, the share the data show, where counting dwellings would have made him
 * 200 in 6,625.
 */
static void test_weights_fit_the_tail_by_owner(void **state)
{
    (void)state;
    struct calib plain, four;
    owners(&plain, 0);
    owners(&four, 1);
    struct rarity a, b;
    calib_rarity(&plain, 0, 10, &a);
    calib_rarity(&four, 0, 10, &b);
    NEAR(plain.all.u, 5, 1e-9);
    NEAR(plain.all.beta, 1, 1e-9);
    NEAR(a.p, 25.0 / 6425 * exp(-5), 1e-12);
    NEAR(b.n, 6429, 0.01); /* weights are floats: 1/3 is not exact */
    NEAR(b.p, 4.0 / 6429, 1e-8);
    calib_release(&plain);
    calib_release(&four);
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
        calib_add(&light, 0, bulk, 1);
        calib_add(&heavy, 0, i % 20 == 0 ? 10 + (i % 400) / 10.0 : bulk, 1); /* 5% out to 50 */
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

/* "At least as rare as 1 in 40 of its population": a monotone firing rule. */
static int one_in_40(const struct rarity *r, const void *ctx)
{
    (void)ctx;
    return r->surprise >= log10(40.0);
}

/* Does the quiet value agree with the rarity at x (quiet implies not firing)? */
static int quiet_agrees(const struct calib *c, unsigned cls, double x)
{
    struct rarity r;
    calib_rarity(c, cls, x, &r);
    return !calib_quiet(c, cls, x) || !one_in_40(&r, NULL);
}

/*
 * Scoring skips the rarity of values at or below the quiet value, so it must be
 * exact: never quiet where the value fires (checked on a fine grid, between and on
 * the data points, in a class, a pooled small class and the pool), and quiet right
 * up to the last data point that does not fire. 1..500 in one class: the tail is
 * the top 40 (u = 461, median excess 19.5, beta = 28.13), so the share beyond u is
 * 0.08 exp(-(x - 461) / 28.13), which reaches 1 in 40 (0.025) at x = 493.7: 494
 * is the first data point that fires, 493 the quiet value.
 */
static void test_quiet_is_exact(void **state)
{
    (void)state;
    struct calib c;
    linear(&c, 500, 500);
    calib_set_quiet(&c, one_in_40, NULL);
    assert_true(calib_quiet(&c, 0, 493));
    assert_false(calib_quiet(&c, 0, 493.5)); /* computed: 0.0252, quiet only by its rarity */
    for (double x = -5; x < 700; x += 0.25)
        assert_true(quiet_agrees(&c, 0, x));
    calib_release(&c);

    calib_init(&c, 3, 0.1);
    for (int i = 0; i < 500; i++) {
        calib_add(&c, 0, i % 50, 1);
        calib_add(&c, 1, (i % 100) * 2, i % 7 ? 1 : 0.5); /* weighted */
    }
    for (int i = 0; i < 20; i++)
        calib_add(&c, 2, 1000 + i, 1); /* pooled */
    assert_int_equal(calib_finish(&c, 1020), 0);
    calib_set_quiet(&c, one_in_40, NULL);
    for (unsigned k = 0; k < 3; k++)
        for (double x = -5; x < 1100; x += 0.5)
            assert_true(quiet_agrees(&c, k, x));
    /* and it does skip the bulk: each population's median is quiet */
    assert_true(calib_quiet(&c, 0, 25));
    assert_true(calib_quiet(&c, 1, 100));
    assert_true(calib_quiet(&c, 2, 100)); /* ranked in the pool */
    assert_false(calib_quiet(&c, 2, 1010));
    calib_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted_pool_and_classes),
        cmocka_unit_test(test_sorted_unweighted),
        cmocka_unit_test(test_empirical_share),
        cmocka_unit_test(test_tail_beyond_the_data),
        cmocka_unit_test(test_tail_not_inflated_by_the_cases),
        cmocka_unit_test(test_tail_above_a_tie),
        cmocka_unit_test(test_tail_above_a_tie_in_the_tail),
        cmocka_unit_test(test_resolution_floor),
        cmocka_unit_test(test_classes_and_pooling),
        cmocka_unit_test(test_town_rarity),
        cmocka_unit_test(test_unobserved_count_in_the_town),
        cmocka_unit_test(test_strata_count_the_whole_population),
        cmocka_unit_test(test_weights_count_an_owner_once),
        cmocka_unit_test(test_weights_fit_the_tail_by_owner),
        cmocka_unit_test(test_inverse),
        cmocka_unit_test(test_strength),
        cmocka_unit_test(test_heavy_tail_counts_less),
        cmocka_unit_test(test_quiet_is_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
