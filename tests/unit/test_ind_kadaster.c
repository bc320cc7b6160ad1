/*
 * test_ind_kadaster.c - K1-K5, the Kadaster indicators, measured directly
 * (town.h's probe): windows, age ramps, the market references K2 and K3 build
 * from the run's own sales, and the guards for companies, symbolic prices and
 * unknown owners.
 *
 * Why: K2 and K3 compare a price with "the market where vik runs" - medians of
 * this run's own sales per year and of its repeat sales. A wrong median (an odd
 * count taken as even, a year off by one, a sale outside the window counted) moves
 * every reference a little and fires nothing new in a calibrated town, so these
 * tests build small markets whose medians are known by hand and check the
 * reference each subject is measured against to the cent. K1 and K4 pin their
 * age ramps and windows day by day; K4 and K5 that an owner of n dwellings counts
 * as one owner (weight 1/n). tests/mutate.py checks that a shifted bound in
 * score/k*.c fails one of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "town.h"

/* A probe over an empty town: the K indicators read no peer groups. */
static void bare_init(struct probe *p)
{
    memset(p, 0, sizeof *p);
    town_init(&p->t);
    probe_build(p);
}

static struct address purchase(struct probe *p, int age, double price, int mortgage, int32_t date,
                               int type)
{
    struct address a = probe_subject(p);
    a.n_tx = 1;
    a.tx[0] = (struct tx){date, (float)price, (int16_t)age, (uint8_t)mortgage, (uint8_t)type};
    return a;
}

/* ------------------------------------------------------------ defaults */

static void test_kadaster_defaults(void **state)
{
    (void)state;
    static const struct ind_defaults want[] = {
        {IND_NO_MORTGAGE, 1, 20, 1, 0, "months=24 young_age=30 old_age=40 min_age=18"},
        {IND_PRICE_VS_WOZ, 1, 20, 1, 5,
         "months=24 min_price=10000 min_sales=30 woz_index_per_year=0.07 material_share=0.1"},
        {IND_QUICK_RESALE, 1, 20, 1, 5, "years=3 min_months=6 min_pairs=30 market_per_year=0.07"},
        {IND_YOUNG_MULTI_OWNER, 1, 20, 1, 4, "young_age=30 old_age=40"},
        {IND_MANY_PROPERTIES, 0.5, 20, 0, 4, ""},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        check_defaults(&want[i]);
}

/* ------------------------------------------------------------------- K1 */

/* Not evaluable: no transfer, the mortgage unknown, a natural person of unknown
 * age. A company's unknown age is no gap: companies are quiet (not ranked). */
static void test_k1_not_evaluable_and_guards(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    struct address a = purchase(&p, 26, 418000, 0, 20260301, PARTY_PERSON);
    a.n_tx = 0;
    expect_not_evaluable(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "no transfer known");
    a = purchase(&p, 26, 418000, 2, 20260301, PARTY_PERSON);
    expect_not_evaluable(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "mortgage of the latest");
    a = purchase(&p, -1, 418000, 0, 20260301, PARTY_PERSON);
    expect_not_evaluable(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "buyer's age unknown");
    a = purchase(&p, -1, 418000, 0, 20260301, PARTY_ENTITY);
    expect_quiet(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "bought by a legal entity");
    a = purchase(&p, -1, 418000, 0, 20260301, PARTY_UNKNOWN);
    expect_quiet(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "bought by a legal entity");
    /* min_age 18: a minor's purchase (a guardian's decision) is not judged */
    a = purchase(&p, 0, 418000, 0, 20260301, PARTY_PERSON);
    expect_quiet(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "buyer under min_age");
    a = purchase(&p, 17, 418000, 0, 20260301, PARTY_PERSON);
    expect_quiet(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "buyer under min_age");
    assert_near(m.raw, 418000, 0);
    assert_near(m.ref, 17, 0);
    a = purchase(&p, 18, 418000, 0, 20260301, PARTY_PERSON);
    expect_measured(probe(&p, IND_NO_MORTGAGE, &a, &m), &m);
    /* the window: 24 months before 2026-11-01, the day itself excluded */
    a = purchase(&p, 26, 418000, 0, 20241101, PARTY_PERSON);
    expect_quiet(probe(&p, IND_NO_MORTGAGE, &a, &m), &m, "the latest purchase is older");
    a = purchase(&p, 26, 418000, 0, 20241102, PARTY_PERSON);
    expect_measured(probe(&p, IND_NO_MORTGAGE, &a, &m), &m);
    probe_release(&p);
}

/* The axis: log(1 + price) paid without a mortgage, 0 with one; a price of EUR 1
 * is an amount, a price of 0 none. The grade: the buyer's age, 1 up to young_age
 * (30), 0 from old_age (40) - elderly downsizers and parents pay cash too. */
static void test_k1_axis_and_age_ramp(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    static const struct {
        int age, mortgage;
        double price, grade;
        unsigned cls;
    } cases[] = {
        {26, 0, 418000, 1, 0},   {26, 1, 418000, 1, 0},   {26, 0, 1, 1, 0},
        {26, 0, 0, 1, 0},        {29, 0, 250000, 1, 0},   {30, 0, 250000, 1, 1},
        {35, 0, 250000, 0.5, 1}, {39, 0, 250000, 0.1, 1}, {40, 0, 250000, 0, 1},
        {44, 0, 250000, 0, 1},   {45, 0, 250000, 0, 2},   {70, 0, 900000, 0, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a =
            purchase(&p, cases[i].age, cases[i].price, cases[i].mortgage, 20260301, PARTY_PERSON);
        expect_measured(probe(&p, IND_NO_MORTGAGE, &a, &m), &m);
        assert_near(m.x, cases[i].mortgage ? 0 : log1p(cases[i].price), 1e-12);
        assert_near(m.grade, cases[i].grade, 1e-12);
        assert_int_equal(m.cls, cases[i].cls);
        assert_near(m.ref, cases[i].age, 0);
        assert_near(m.raw, cases[i].price, 0);
    }
    probe_release(&p);
}

/* ------------------------------------------------------------------- K2 */

/* One sale at a new address of the market town (the market is built from these). */
static uint32_t sale(struct town *t, float woz, int32_t date, double price)
{
    uint32_t i = add_address(t);
    struct address *a = &t->d.addrs[i];
    a->usage = USE_WONEN, a->woz = woz, a->owner = NONE_IDX;
    a->n_tx = 1;
    a->tx[0] = (struct tx){date, (float)price, 40, 1, PARTY_PERSON};
    return i;
}

/*
 * The market, by hand (WOZ 100,000; every sale on 1 July):
 *   2026: 1.5 (the first address), 0.9, 1.0, 1.2 -> median of four: (1.0 + 1.2) / 2
 *         on the log scale, sqrt(1.2); a sale below min_price and one without WOZ
 *         do not count, nor a transfer kept beyond n_tx
 *   2025: 1.3 (the older sale of an address sold twice), 0.8, and 10,000x on a WOZ
 *         of EUR 1 -> median of three: 1.3
 *   2027 (after the reference year) and 1962 (64 years before it) do not count.
 * Over all years the median of the seven is 1.2, at the median date 2026-07.
 */
static void market_init(struct probe *p)
{
    memset(p, 0, sizeof *p);
    town_init(&p->t);
    sale(&p->t, 100000, 20260701, 150000);
    uint32_t twice = sale(&p->t, 100000, 20260701, 90000);
    p->t.d.addrs[twice].n_tx = 2;
    p->t.d.addrs[twice].tx[1] = (struct tx){20250701, 130000, 40, 1, PARTY_PERSON};
    uint32_t stale = sale(&p->t, 100000, 20260701, 100000);
    p->t.d.addrs[stale].tx[1] = (struct tx){20250701, 500000, 40, 1, PARTY_PERSON};
    sale(&p->t, 100000, 20260701, 120000);
    sale(&p->t, 1, 20250701, 10000);
    sale(&p->t, 100000, 20250701, 80000);
    sale(&p->t, 100000, 20260701, 5000);
    sale(&p->t, 100000, 20270701, 300000);
    sale(&p->t, 100000, 19620701, 20000);
    sale(&p->t, 0, 20260701, 200000);
    *param(&p->t, IND_PRICE_VS_WOZ, "min_sales") = 3;
    probe_build(p);
}

static struct address sold(struct probe *p, float woz, int32_t date, double price)
{
    struct address a = probe_subject(p);
    a.woz = woz;
    a.n_tx = 1;
    a.tx[0] = (struct tx){date, (float)price, 40, 1, PARTY_PERSON};
    return a;
}

/* The reference: WOZ x the year's median price/WOZ when the year has min_sales
 * sales, else the median over all years moved by woz_index_per_year per year from
 * the median sale date. */
static void test_k2_reference_from_the_market(void **state)
{
    (void)state;
    struct probe p;
    market_init(&p);
    struct ind_measure m;
    double idx = log(1.07), all_year = 2026 + 6.5 / 12;
    static const struct {
        int32_t date;
        double min_sales, log_ref; /* log(reference / WOZ) */
    } cases[] = {
        {20260301, 3, 0}, /* 2026: four sales; filled in below */
        {20250301, 3, 0}, /* 2025: three */
        {20260301, 5, 0}, /* 2026 too thin: the index from the median date */
        {20240301, 1, 0}, /* 2024: no sales */
        {20270301, 1, 0}, /* after the reference date */
        {19500301, 1, 0}, /* beyond the 64 years kept */
    };
    double want[] = {
        log(1.2) / 2,
        log(1.3),
        log(1.2) + idx * (2026 + 2.5 / 12 - all_year),
        log(1.2) + idx * (2024 + 2.5 / 12 - all_year),
        log(1.2) + idx * (2027 + 2.5 / 12 - all_year),
        log(1.2) + idx * (1950 + 2.5 / 12 - all_year),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        *param(&p.t, IND_PRICE_VS_WOZ, "min_sales") = cases[i].min_sales;
        struct address a = sold(&p, 200000, cases[i].date, 300000);
        probe(&p, IND_PRICE_VS_WOZ, &a, &m);
        assert_near(m.ref, 200000 * exp(want[i]), 0.02); /* prices are floats */
        assert_near(m.raw, 1.5, 1e-12);
    }
    /* no index: the median over all years as it is */
    *param(&p.t, IND_PRICE_VS_WOZ, "woz_index_per_year") = 0;
    struct address a = sold(&p, 200000, 20240301, 300000);
    probe(&p, IND_PRICE_VS_WOZ, &a, &m);
    assert_near(m.ref, 200000 * 1.2, 0.02);
    probe_release(&p);
}

/* Thin markets. Without a sale above min_price there is no market: the index
 * from the reference year alone. One sale is a market of one: its own year's
 * median (min_sales 1), or the index from its date. */
static void test_k2_thin_market(void **state)
{
    (void)state;
    struct ind_measure m;
    struct probe p;
    memset(&p, 0, sizeof p);
    town_init(&p.t);
    sale(&p.t, 100000, 20260701, 5000);
    probe_build(&p);
    struct address a = sold(&p, 200000, 20260301, 300000);
    expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
    assert_near(m.ref, 200000 * pow(1.07, 2.5 / 12), 0.02);
    probe_release(&p);
    memset(&p, 0, sizeof p);
    town_init(&p.t);
    sale(&p.t, 100000, 20260701, 125000);
    *param(&p.t, IND_PRICE_VS_WOZ, "min_sales") = 1;
    probe_build(&p);
    a = sold(&p, 200000, 20260301, 300000);
    probe(&p, IND_PRICE_VS_WOZ, &a, &m);
    assert_near(m.ref, 200000 * 1.25, 0.02);
    *param(&p.t, IND_PRICE_VS_WOZ, "min_sales") = 2;
    probe(&p, IND_PRICE_VS_WOZ, &a, &m);
    assert_near(m.ref, 200000 * 1.25 * pow(1.07, (2.5 - 6.5) / 12), 0.02);
    probe_release(&p);
}

/* The guards (symbolic and partial transfers, the window), not evaluable without
 * a transfer or a WOZ value, and the three classes: above the market, below it
 * with a mortgage (or unknown), below it in cash - a family sale below market is
 * financed and common, a cash price far below the value is the hidden-cash
 * pattern and is ranked among cash sales. */
static void test_k2_guards_and_classes(void **state)
{
    (void)state;
    struct probe p;
    market_init(&p);
    struct ind_measure m;
    struct address a = sold(&p, 200000, 20260301, 300000);
    a.n_tx = 0;
    expect_not_evaluable(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m, "no transfer known");
    a = sold(&p, 0, 20260301, 300000);
    expect_not_evaluable(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m, "no WOZ value");
    a = sold(&p, -10, 20260301, 300000);
    expect_not_evaluable(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m, "no WOZ value");
    a = sold(&p, 1, 20260301, 300000); /* any positive WOZ is a value */
    expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
    a = sold(&p, 200000, 20260301, 9999);
    expect_quiet(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m, "a symbolic or partial price");
    a = sold(&p, 200000, 20260301, 10000);
    expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
    a = sold(&p, 200000, 20241101, 300000);
    expect_quiet(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m, "the latest sale is older");
    a = sold(&p, 200000, 20241102, 300000);
    expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
    double ref = 200000 * sqrt(1.2);
    static const struct {
        double factor;
        int mortgage; /* 0 cash, 1 with a mortgage, 2 unknown */
        unsigned cls;
    } cases[] = {
        {1.001, 1, 0}, {1.001, 0, 0}, {2.9, 0, 0}, {2, 2, 0}, /* above: one class */
        {0.999, 1, 1}, {0.5, 1, 1},   {0.5, 2, 1},            /* below, financed or unknown */
        {0.999, 0, 2}, {0.5, 0, 2},                           /* below, in cash */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        a = sold(&p, 200000, 20260301, ref * cases[i].factor);
        a.tx[0].mortgage = (uint8_t)cases[i].mortgage;
        expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
        assert_int_equal(m.cls, cases[i].cls);
        assert_near(m.x, fabs(log(a.tx[0].price / ref)), 1e-6);
        /* graded by the amount: full from EUR 10,000 (test below) */
        assert_near(m.grade, fmin(1, fabs(a.tx[0].price - ref) / 10000), 1e-4);
    }
    probe_release(&p);
}

/*
 * Materiality. The window's sales (after 2024-11-01) are 150,000, 90,000,
 * 100,000, 120,000 (2026) and 130,000, 10,000, 80,000 (2025): median 100,000,
 * so at material_share 0.1 a departure counts in full from EUR 10,000, in either
 * direction. A garage box with a WOZ of EUR 10,000 sold at 1.5x the expected
 * price departs by some EUR 5,500 and is graded 0.55; a home of EUR 200,000 at
 * the same ratio is full. material_share 0 grades every departure in full.
 */
static void test_k2_graded_by_amount(void **state)
{
    (void)state;
    struct probe p;
    market_init(&p);
    struct ind_measure m;
    double r = sqrt(1.2); /* 2026's median price/WOZ */
    static const struct {
        double woz, ratio, grade;
    } cases[] = {
        {10000, 1.5, (1.5 - 1) * 10000 * 1.0954451150103321 / 10000},
        {20000, 1.2, (1.2 - 1) * 20000 * 1.0954451150103321 / 10000},
        {20000, 0.6, (1 - 0.6) * 20000 * 1.0954451150103321 / 10000},
        {200000, 1.5, 1},
        {200000, 0.5, 1},
        {200000, 1.02, 0.02 * 200000 * 1.0954451150103321 / 10000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a =
            sold(&p, (float)cases[i].woz, 20260301, cases[i].woz * r * cases[i].ratio);
        expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
        assert_near(m.grade, cases[i].grade, 1e-4);
    }
    *param(&p.t, IND_PRICE_VS_WOZ, "material_share") = 0.2; /* full from EUR 20,000 */
    struct address a = sold(&p, 10000, 20260301, 10000 * r * 1.5);
    probe(&p, IND_PRICE_VS_WOZ, &a, &m);
    assert_near(m.grade, 0.5 * 10000 * r / 20000, 1e-4);
    *param(&p.t, IND_PRICE_VS_WOZ, "material_share") = 0;
    probe(&p, IND_PRICE_VS_WOZ, &a, &m);
    assert_near(m.grade, 1, 0);
    probe_release(&p);
    /* a window without a sale: no market price to weigh by, every departure in full */
    memset(&p, 0, sizeof p);
    town_init(&p.t);
    sale(&p.t, 100000, 20230701, 150000); /* before the window */
    probe_build(&p);
    a = sold(&p, 10000, 20260301, 10000 * 1.5);
    expect_measured(probe(&p, IND_PRICE_VS_WOZ, &a, &m), &m);
    assert_near(m.grade, 1, 0);
    probe_release(&p);
}

/* ------------------------------------------------------------------- K3 */

static double years(int32_t from, int32_t to)
{
    return (double)(date_days(to) - date_days(from)) / 365.25;
}

/* An address sold at d1 for p1 and again at d2 for p2 (newest first). */
static struct address *resold(struct address *a, int32_t d1, double p1, int32_t d2, double p2)
{
    a->n_tx = 2;
    a->tx[0] = (struct tx){d2, (float)p2, 40, 1, PARTY_PERSON};
    a->tx[1] = (struct tx){d1, (float)p1, 40, 1, PARTY_PERSON};
    return a;
}

/*
 * The repeat sales of a small town, by hand: pairs at least a year apart with a
 * price on both sides count, their yearly log change ranked. A resale after six
 * months, a pair with a price of 0, and a transfer kept beyond n_tx do not; EUR 1
 * is a price (the extremes at both ends of the ranking).
 */
static const struct {
    int32_t d1;
    double p1;
    int32_t d2;
    double p2;
} PAIRS[] = {
    {20200101, 100000, 20220101, 110000}, /* the first address */
    {20190601, 200000, 20210601, 260000}, {20180101, 300000, 20210101, 285000},
    {20230101, 100000, 20240701, 112000}, /* a year and a half */
    {20190101, 100000, 20210101, 1},      {20190101, 1, 20210101, 100000},
};

static double pair_log_rate(size_t i)
{
    return log(PAIRS[i].p2 / PAIRS[i].p1) / years(PAIRS[i].d1, PAIRS[i].d2);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A new address of t (valid until the next one is added). */
static struct address *new_address(struct town *t)
{
    uint32_t i = add_address(t);
    return &t->d.addrs[i];
}

/* The market over PAIRS and the three-sale address (two more pairs), plus `extra`
 * pairs of a steady 3% a year; its median yearly change, by hand. */
static double resale_market(struct probe *p, int extra)
{
    memset(p, 0, sizeof *p);
    town_init(&p->t);
    double v[32];
    size_t n = 0;
    for (size_t i = 0; i < sizeof PAIRS / sizeof PAIRS[0]; i++) {
        resold(new_address(&p->t), PAIRS[i].d1, PAIRS[i].p1, PAIRS[i].d2, PAIRS[i].p2);
        v[n++] = pair_log_rate(i);
    }
    struct address *three = new_address(&p->t);
    three->n_tx = 3;
    three->tx[0] = (struct tx){20240601, 180000, 40, 1, PARTY_PERSON};
    three->tx[1] = (struct tx){20220601, 150000, 40, 1, PARTY_PERSON};
    three->tx[2] = (struct tx){20200601, 120000, 40, 1, PARTY_PERSON};
    v[n++] = log(180000.0 / 150000) / years(20220601, 20240601);
    v[n++] = log(150000.0 / 120000) / years(20200601, 20220601);
    struct address *a = new_address(&p->t);
    resold(a, 20240101, 100000, 20240701, 150000); /* six months: no yearly change */
    a = new_address(&p->t);
    resold(a, 20200101, 0, 20220101, 100000);
    a = new_address(&p->t);
    resold(a, 20200101, 100000, 20220101, 0);
    a = new_address(&p->t);
    resold(a, 20200101, 100000, 20220101, 104000);
    v[n++] = log(1.04) / years(20200101, 20220101);
    a->tx[2] = (struct tx){20100101, 10000, 40, 1, PARTY_PERSON}; /* beyond n_tx */
    for (int i = 0; i < extra; i++) {
        a = new_address(&p->t);
        resold(a, 20180101, 100000, 20200101, 100000 * 1.03 * 1.03);
        v[n++] = log(1.03 * 1.03) / years(20180101, 20200101);
    }
    for (size_t i = 0; i < (size_t)p->t.d.n_addrs; i++)
        p->t.d.addrs[i].usage = USE_WONEN, p->t.d.addrs[i].owner = NONE_IDX;
    qsort(v, n, sizeof v[0], cmp);
    *param(&p->t, IND_QUICK_RESALE, "min_pairs") = (double)n;
    probe_build(p);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The market's own yearly change: the median over its repeat sales (even and odd
 * counts), or market_per_year when there are fewer than min_pairs of them. */
static void test_k3_market(void **state)
{
    (void)state;
    struct ind_measure m;
    for (int extra = 0; extra < 2; extra++) {
        struct probe p;
        double median = resale_market(&p, extra);
        struct address a = probe_subject(&p);
        resold(&a, 20260101, 300000, 20260401, 450000);
        expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
        assert_near(m.ref, median, 1e-7); /* prices are floats */
        *param(&p.t, IND_QUICK_RESALE, "min_pairs") += 1;
        probe_prepare(&p, IND_QUICK_RESALE);
        probe(&p, IND_QUICK_RESALE, &a, &m);
        assert_near(m.ref, log1p(0.07), 1e-12);
        *param(&p.t, IND_QUICK_RESALE, "market_per_year") = -0.02;
        probe_prepare(&p, IND_QUICK_RESALE);
        probe(&p, IND_QUICK_RESALE, &a, &m);
        assert_near(m.ref, log1p(-0.02), 1e-12);
        probe_release(&p);
    }
}

/* The axis: the rise beyond the market per year, the interval counted as at least
 * min_months (6): within it only the step counts. raw: the days between. */
static void test_k3_rate(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    double mk = log1p(0.07);
    static const struct {
        int32_t d1;
        double p1;
        int32_t d2;
        double p2;
    } cases[] = {
        {20260101, 300000, 20260401, 450000},          /* +50% in 3 months: ABC */
        {20251101, 300000, 20260430, 400000},          /* just under six months */
        {20251001, 300000, 20260501, 400000},          /* seven months */
        {20240101, 300000, 20260101, 336000},          /* +12% in 2 years: ordinary */
        {20240101, 300000, 20260101, 250000},          /* a loss */
        {20260101, 300000, 20260301, 300000 * 1.0114}, /* a developer at market price */
        {20250101, 1, 20260101, 200000},               /* EUR 1 is a price */
        {20250101, 200000, 20260101, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a = probe_subject(&p);
        resold(&a, cases[i].d1, cases[i].p1, cases[i].d2, cases[i].p2);
        expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
        double yrs = years(cases[i].d1, cases[i].d2), per = yrs > 0.5 ? yrs : 0.5;
        assert_near(m.x, (log(a.tx[0].price / a.tx[1].price) - mk * yrs) / per, 1e-9);
        assert_near(m.raw, date_days(cases[i].d2) - date_days(cases[i].d1), 0);
        assert_near(m.ref, mk, 1e-12);
        assert_near(m.grade, 1, 0);
    }
    probe_release(&p);
}

/* The steepest consecutive pair whose later sale is within `years` (3) counts;
 * a pair without a price is skipped, an older later sale ends the search, and
 * transfers beyond n_tx do not exist. */
static void test_k3_steepest_pair_in_window(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    struct address a = probe_subject(&p);
    a.n_tx = 0;
    expect_not_evaluable(probe(&p, IND_QUICK_RESALE, &a, &m), &m, "no transfer known");
    a.n_tx = 1, a.tx[0] = (struct tx){20260101, 300000, 40, 1, PARTY_PERSON};
    expect_quiet(probe(&p, IND_QUICK_RESALE, &a, &m), &m, "not sold twice");
    /* the window: three years before 2026-11-01, the day itself excluded */
    resold(&a, 20230101, 200000, 20231101, 400000);
    expect_quiet(probe(&p, IND_QUICK_RESALE, &a, &m), &m, "not sold twice");
    resold(&a, 20230101, 200000, 20231102, 400000);
    expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
    /* three sales: the steeper pair counts, whichever it is */
    static const struct {
        double p0, p1, p2;
        double days; /* of the steepest pair */
    } cases[] = {
        {600000, 300000, 290000, 151}, /* the newest pair: 2026-01-01 .. 2026-06-01 */
        {310000, 300000, 150000, 731}, /* the older pair: 2024-01-01 .. 2026-01-01 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        a.n_tx = 3;
        a.tx[0] = (struct tx){20260601, (float)cases[i].p0, 40, 1, PARTY_PERSON};
        a.tx[1] = (struct tx){20260101, (float)cases[i].p1, 40, 1, PARTY_PERSON};
        a.tx[2] = (struct tx){20240101, (float)cases[i].p2, 40, 1, PARTY_PERSON};
        expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
        assert_near(m.raw, cases[i].days, 0);
    }
    /* a gift (price 0) between two sales: that pair is skipped, the next counts */
    a.tx[0].price = 0;
    expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
    assert_near(m.raw, 731, 0);
    /* a later sale outside the window ends the search: older pairs do not count */
    a.tx[0] = (struct tx){20260601, 300000, 40, 1, PARTY_PERSON};
    a.tx[1] = (struct tx){20221001, 290000, 40, 1, PARTY_PERSON};
    a.tx[2] = (struct tx){20220101, 100000, 40, 1, PARTY_PERSON};
    expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
    assert_near(m.raw, date_days(20260601) - date_days(20221001), 0);
    /* only two transfers seen: a third slot is not read */
    a.n_tx = 2;
    a.tx[0] = (struct tx){20260601, 310000, 40, 1, PARTY_PERSON};
    a.tx[1] = (struct tx){20260101, 300000, 40, 1, PARTY_PERSON};
    a.tx[2] = (struct tx){20251201, 100000, 40, 1, PARTY_PERSON};
    expect_measured(probe(&p, IND_QUICK_RESALE, &a, &m), &m);
    assert_near(m.raw, 151, 0);
    probe_release(&p);
}

/* ---------------------------------------------------------------- K4, K5 */

static struct address owned_by(struct probe *p, int type, int age, uint32_t dwellings)
{
    struct address a = probe_subject(p);
    a.owner = owner(&p->t, type, 20000101, dwellings);
    p->t.d.owners[a.owner].age = (int16_t)age;
    return a;
}

/* Not evaluable when the owner is unknown (or a person of unknown age); legal
 * entities - housing corporations, BVs - are quiet and not ranked. */
static void test_k4_k5_owners_guards(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    struct address a = owned_by(&p, PARTY_PERSON, 24, 4);
    a.owner = NONE_IDX;
    expect_not_evaluable(probe(&p, IND_YOUNG_MULTI_OWNER, &a, &m), &m, "owner unknown");
    expect_not_evaluable(probe(&p, IND_MANY_PROPERTIES, &a, &m), &m, "owner unknown");
    a = owned_by(&p, PARTY_ENTITY, -1, 800);
    expect_quiet(probe(&p, IND_YOUNG_MULTI_OWNER, &a, &m), &m, "the owner is a legal entity");
    expect_quiet(probe(&p, IND_MANY_PROPERTIES, &a, &m), &m, "the owner is a legal entity");
    a = owned_by(&p, PARTY_PERSON, -1, 4);
    expect_not_evaluable(probe(&p, IND_YOUNG_MULTI_OWNER, &a, &m), &m, "owner's age unknown");
    expect_measured(probe(&p, IND_MANY_PROPERTIES, &a, &m), &m);
    a = owned_by(&p, PARTY_PERSON, 0, 2); /* an heir under age */
    expect_measured(probe(&p, IND_YOUNG_MULTI_OWNER, &a, &m), &m);
    assert_near(m.grade, 1, 0);
    probe_release(&p);
}

/* The axis: dwellings owned; the population is owners, so each of n dwellings
 * weighs 1/n. K4's grade: 1 up to young_age (30), 0 from old_age (40) - older
 * owners of a second home are graded to zero; K5's is 1. */
static void test_k4_k5_axis_weight_grade(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    static const struct {
        int age;
        uint32_t dwellings;
        double weight, grade;
        unsigned cls;
    } cases[] = {
        {24, 0, 1, 1, 0},         {24, 1, 1, 1, 0},       {24, 2, 0.5, 1, 0},
        {24, 4, 0.25, 1, 0},      {30, 3, 1.0 / 3, 1, 1}, {35, 3, 1.0 / 3, 0.5, 1},
        {39, 3, 1.0 / 3, 0.1, 1}, {40, 3, 1.0 / 3, 0, 1}, {60, 25, 0.04, 0, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a = owned_by(&p, PARTY_PERSON, cases[i].age, cases[i].dwellings);
        expect_measured(probe(&p, IND_YOUNG_MULTI_OWNER, &a, &m), &m);
        assert_near(m.x, cases[i].dwellings, 0);
        assert_near(m.raw, cases[i].dwellings, 0);
        assert_near(m.ref, cases[i].age, 0);
        assert_near(m.weight, cases[i].weight, 1e-12);
        assert_near(m.grade, cases[i].grade, 1e-12);
        assert_int_equal(m.cls, cases[i].cls);
        expect_measured(probe(&p, IND_MANY_PROPERTIES, &a, &m), &m);
        assert_near(m.x, cases[i].dwellings, 0);
        assert_near(m.raw, cases[i].dwellings, 0);
        assert_near(m.weight, cases[i].weight, 1e-12);
        assert_near(m.grade, 1, 0);
    }
    probe_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kadaster_defaults),
        cmocka_unit_test(test_k1_not_evaluable_and_guards),
        cmocka_unit_test(test_k1_axis_and_age_ramp),
        cmocka_unit_test(test_k2_reference_from_the_market),
        cmocka_unit_test(test_k2_thin_market),
        cmocka_unit_test(test_k2_guards_and_classes),
        cmocka_unit_test(test_k2_graded_by_amount),
        cmocka_unit_test(test_k3_market),
        cmocka_unit_test(test_k3_rate),
        cmocka_unit_test(test_k3_steepest_pair_in_window),
        cmocka_unit_test(test_k4_k5_owners_guards),
        cmocka_unit_test(test_k4_k5_axis_weight_grade),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
