/*
 * test_regress.c - pins E1's robust regression (score/regress.c) and how E1 uses it
 * (score/e1_energy_high.c, method = 1):
 *   coefficients of a synthetic town are recovered, also with 5% grow rooms in it
 *   (bisquare); an outlier gets z above the threshold; a level without rows is left
 *   out and its dwellings are not judged by the model; too few rows is "not fitted"
 *   and E1 says it used peer groups; the scale floor caps z on a perfect fit; the
 *   subsample keeps at most max_rows rows; E1's reason names the expectation.
 *
 * Why: a wrong design column or a sigma of zero would silently shift or blow up
 * every E1 score. Expected coefficients are not computed by GSL: they are the
 * generating coefficients of the synthetic data (known by construction), recovered
 * within a tolerance that the bounded noise (+-0.10 in log units) allows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config/config.h"
#include "model/catalogue.h"
#include "model/dataset.h"
#include "score/indicator.h"
#include "score/peer.h"
#include "score/regress.h"
#include "score/score.h"
#include "score/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_TOWN = 1260, REF = 20261101 };

/* The generating model: log(1 + kWh) of an apartment, 1 resident, gas, is
 * 5.2 + 0.45 log(area); the other levels shift it. */
static const double TRUE_COEF[RC_COUNT] = {
    [RC_INTERCEPT] = 5.2, [RC_LOG_AREA] = 0.45, [RC_RES0] = -1.3, [RC_RES2] = 0.45,
    [RC_RES3] = 0.7,      [RC_RES4] = 0.85,     [RC_RES5] = 1.0,  [RC_HOUSE] = 0.2,
    [RC_UNKNOWN] = 0.1,   [RC_NO_GAS] = 0.6,
};

static int group_setup(void **state)
{
    (void)state;
    stats_init();
    return 0;
}

/* Deterministic noise in [-amp, amp] (LCG, so runs are identical everywhere). */
static double noise(uint32_t *s, double amp)
{
    *s = *s * 1664525u + 1013904223u;
    return amp * (2.0 * (*s >> 8) / (double)(1u << 24) - 1.0);
}

static double truth(const struct regress_row *x)
{
    unsigned r = x->residents >= 5 ? 5 : x->residents;
    double y = TRUE_COEF[RC_INTERCEPT] + TRUE_COEF[RC_LOG_AREA] * log(x->area);
    if (r != 1)
        y += TRUE_COEF[r == 0 ? RC_RES0 : RC_RES2 + (r - 2)];
    y += x->type == 1 ? TRUE_COEF[RC_HOUSE] : x->type == 2 ? TRUE_COEF[RC_UNKNOWN] : 0;
    return y + (x->no_gas ? TRUE_COEF[RC_NO_GAS] : 0);
}

/* A town of n dwellings over every level (residents 0..6, three types, 25% no gas). */
static void town(struct regress_row *rows, size_t n, double amp)
{
    uint32_t s = 42;
    for (size_t i = 0; i < n; i++) {
        struct regress_row *x = &rows[i];
        x->area = 30 + (double)((i * 37) % 170);
        x->residents = (unsigned)(i % 7);
        x->type = (int)((i / 7) % 3);
        x->no_gas = (i / 21) % 4 == 0;
        x->y = truth(x) + noise(&s, amp);
    }
}

static void assert_coefficients(const struct regress_model *m, double tol)
{
    for (int c = 0; c < RC_COUNT; c++) {
        if (fabs(m->coef[c] - TRUE_COEF[c]) > tol)
            fail_msg("coefficient %d: %.4f, want %.4f +- %.2f", c, m->coef[c], TRUE_COEF[c], tol);
    }
}

static void test_recovers_coefficients(void **state)
{
    (void)state;
    static struct regress_row rows[N_TOWN];
    struct regress_model m;
    town(rows, N_TOWN, 0.10);
    assert_int_equal(regress_fit_rows(&m, rows, N_TOWN, REGRESS_MIN_ROWS, REGRESS_SIGMA_FLOOR), 0);
    assert_int_equal(m.state, REGRESS_FITTED);
    assert_int_equal(m.n_rows, N_TOWN);
    for (int c = 0; c < RC_COUNT; c++)
        assert_true(m.used[c]);
    assert_coefficients(&m, 0.03);
    /* uniform noise on +-0.10 has sd 0.058: below the floor, so every level is floored */
    for (int lev = 0; lev < 6; lev++)
        assert_true(m.sigma_res[lev] == REGRESS_SIGMA_FLOOR);
}

/* 5% grow rooms (about 12x the expected use) must not pull the line up (bisquare). */
static void test_robust_to_grow_rooms(void **state)
{
    (void)state;
    static struct regress_row rows[N_TOWN];
    struct regress_model m;
    town(rows, N_TOWN, 0.10);
    for (size_t i = 3; i < N_TOWN; i += 20)
        rows[i].y += 2.5;
    assert_int_equal(regress_fit_rows(&m, rows, N_TOWN, REGRESS_MIN_ROWS, REGRESS_SIGMA_FLOOR), 0);
    assert_int_equal(m.state, REGRESS_FITTED);
    assert_coefficients(&m, 0.04);
    double e;
    assert_int_equal(regress_expect(&m, &rows[3], &e), 0);
    assert_true(regress_z(&m, &rows[3], e, rows[3].y) > 3.5);
    assert_int_equal(regress_expect(&m, &rows[4], &e), 0);
    assert_true(fabs(regress_z(&m, &rows[4], e, rows[4].y)) < 1.0);
}

/* Exact data: sigma 0 would make every difference infinite; the floor holds z finite. */
static void test_scale_floor(void **state)
{
    (void)state;
    static struct regress_row rows[N_TOWN];
    struct regress_model m;
    town(rows, N_TOWN, 0.0);
    assert_int_equal(regress_fit_rows(&m, rows, N_TOWN, REGRESS_MIN_ROWS, 0.2), 0);
    assert_int_equal(m.state, REGRESS_FITTED);
    assert_coefficients(&m, 1e-6);
    assert_true(m.sigma_fit < 1e-6);
    double e;
    assert_int_equal(regress_expect(&m, &rows[10], &e), 0);
    /* 0.3 above the line with sigma floored at 0.2: z = 1.5 (by hand) */
    assert_true(fabs(regress_z(&m, &rows[10], e, e + 0.3) - 1.5) < 1e-9);
}

static void test_too_few_rows(void **state)
{
    (void)state;
    struct regress_row rows[60];
    struct regress_model m;
    town(rows, 60, 0.10);
    assert_int_equal(regress_fit_rows(&m, rows, 60, REGRESS_MIN_ROWS, REGRESS_SIGMA_FLOOR), 0);
    assert_int_equal(m.state, REGRESS_TOO_FEW);
    double e = -1;
    assert_int_equal(regress_expect(&m, &rows[0], &e), -1);
    /* never as many columns as rows (2 rows: intercept and log area), whatever min_rows says */
    assert_int_equal(regress_fit_rows(&m, rows, 2, 0, REGRESS_SIGMA_FLOOR), 0);
    assert_int_equal(m.state, REGRESS_TOO_FEW);
}

/* A town without unknown buildings: that column is left out, such dwellings are not judged. */
static void test_level_left_out(void **state)
{
    (void)state;
    static struct regress_row rows[N_TOWN];
    struct regress_model m;
    town(rows, N_TOWN, 0.10);
    for (size_t i = 0; i < N_TOWN; i++)
        if (rows[i].type == 2) {
            rows[i].type = 0;
            rows[i].y = truth(&rows[i]);
        }
    assert_int_equal(regress_fit_rows(&m, rows, N_TOWN, REGRESS_MIN_ROWS, REGRESS_SIGMA_FLOOR), 0);
    assert_int_equal(m.state, REGRESS_FITTED);
    assert_false(m.used[RC_UNKNOWN]);
    assert_true(fabs(m.coef[RC_HOUSE] - TRUE_COEF[RC_HOUSE]) < 0.03);
    struct regress_row x = {60, 1, 2, 0, 7};
    double e;
    assert_int_equal(regress_expect(&m, &x, &e), -1);
    x.type = 1;
    assert_int_equal(regress_expect(&m, &x, &e), 0);
}

/* ---------------------------------------------- through a dataset and E1 */

struct world {
    struct dataset d;
    struct config cfg;
    struct peer_model peers;
    struct regress_model rm;
};

/* n one-person apartments of 40-79 m2 with gas, about 1,600 kWh (+-20%). */
static void add_flats(struct dataset *d, int n)
{
    uint32_t b = dataset_building(d, "block-1", 7);
    assert_int_not_equal(b, NONE_IDX);
    d->buildings[b].n_dwellings = 80;
    for (int i = 0; i < n; i++) {
        struct addr_key k;
        memset(&k, 0, sizeof k);
        snprintf(k.postcode, sizeof k.postcode, "5600AA");
        k.number = (uint32_t)(i + 1);
        int created = 0;
        uint32_t idx = dataset_address(d, &k, &created);
        assert_int_not_equal(idx, NONE_IDX);
        struct address *a = &d->addrs[idx];
        a->usage = USE_WONEN;
        a->building = b;
        a->floor_area = (float)(40 + i % 40);
        a->n_residents = 1, a->n_adults = 1, a->n_settled_12m = 1;
        a->n_elec = 1;
        a->elec = (float)(1600.0 * (0.8 + 0.4 * (i % 21) / 20.0));
        a->n_gas = 1, a->gas = 900;
    }
}

/*
 * A town of n_flats one-person flats; flat 0 uses 20,000 kWh. The regression is
 * fitted on at most max_rows rows into w->rm; E1 (method 1) judges flat 0 as
 * `vik run` and `vik explain` do, through score_address.
 */
static void e1_in_town(int n_flats, size_t max_rows, struct world *w, struct ind_result *res)
{
    dataset_init(&w->d);
    cfg_init(&w->cfg);
    add_flats(&w->d, n_flats);
    w->d.addrs[0].elec = 20000;
    w->cfg.ind[IND_ENERGY_HIGH].params[indicator_param(IND_ENERGY_HIGH, "method")] = 1;
    assert_int_equal(regress_build(&w->rm, &w->d, max_rows, REGRESS_MIN_ROWS, REGRESS_SIGMA_FLOOR),
                     0);
    struct score_opts o = {
        .reference_date = REF, .min_group = 30, .ind = w->cfg.ind, .themes = w->cfg.themes};
    struct err e;
    err_clear(&e);
    assert_int_equal(score_address(&w->d, &o, 0, res, &e), 0);
}

static void world_release(struct world *w)
{
    cfg_release(&w->cfg);
    dataset_release(&w->d);
}

static void test_e1_reason_names_expectation(void **state)
{
    (void)state;
    struct world w;
    struct ind_result res[IND_COUNT];
    e1_in_town(400, REGRESS_MAX_ROWS, &w, res);
    const struct ind_result *e1 = &res[IND_ENERGY_HIGH];
    assert_int_equal(e1->out, IND_FIRED);
    assert_int_equal(w.rm.state, REGRESS_FITTED);
    assert_non_null(strstr(e1->reason, "electricity 20,000 kWh/yr"));
    assert_non_null(strstr(e1->reason, "the expected"));
    assert_non_null(strstr(e1->reason, "(apartment, 40 m2, 1 resident, gas; robust regression on "
                                       "400 dwellings)"));
    assert_true(e1->strength > 0 && e1->strength <= 1);
    world_release(&w);
}

/* Every k-th eligible dwelling: 400 eligible, at most 150 rows -> k = 3, 134 rows. */
static void test_subsample(void **state)
{
    (void)state;
    struct world w;
    struct ind_result res[IND_COUNT];
    e1_in_town(400, 150, &w, res);
    assert_int_equal(w.rm.n_eligible, 400);
    assert_int_equal(w.rm.stride, 3);
    assert_int_equal(w.rm.n_rows, 134);
    world_release(&w);
}

static void test_e1_falls_back_to_peers(void **state)
{
    (void)state;
    struct world w;
    struct ind_result res[IND_COUNT];
    e1_in_town(60, REGRESS_MAX_ROWS, &w, res);
    const struct ind_result *e1 = &res[IND_ENERGY_HIGH];
    assert_int_equal(w.rm.state, REGRESS_TOO_FEW);
    assert_int_equal(e1->out, IND_FIRED);
    assert_non_null(strstr(e1->reason, "similar dwellings"));
    assert_non_null(strstr(e1->reason, "peer groups: too few dwellings for the regression"));
    world_release(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovers_coefficients),
        cmocka_unit_test(test_robust_to_grow_rooms),
        cmocka_unit_test(test_scale_floor),
        cmocka_unit_test(test_too_few_rows),
        cmocka_unit_test(test_level_left_out),
        cmocka_unit_test(test_e1_reason_names_expectation),
        cmocka_unit_test(test_subsample),
        cmocka_unit_test(test_e1_falls_back_to_peers),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
