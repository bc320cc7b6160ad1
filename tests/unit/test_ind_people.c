/*
 * test_ind_people.c - H1-H3 (companies), B1-B2 (residents) and S1 (citizen
 * reports), measured directly (town.h's probe): what each counts, which class it
 * ranks in, its grade, and the guards for business centres, children and reports
 * below min_weight.
 *
 * Why: these indicators count things - branches, adults, arrivals, weighted
 * reports - so a count taken from the wrong field (children as adults, a class
 * band off by one m2, a theme bit shifted) moves a rarity without firing anything
 * new in a calibrated town. Each test states the count by hand; tests/mutate.py
 * checks that a shifted bound or flipped comparison in score/h*.c, b*.c and s1
 * fails one of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "town.h"

static void bare_init(struct probe *p)
{
    memset(p, 0, sizeof *p);
    town_init(&p->t);
    probe_build(p);
}

/* ------------------------------------------------------------ defaults */

static void test_people_defaults(void **state)
{
    (void)state;
    static const struct ind_defaults want[] = {
        {IND_COMPANIES_AT_HOME, 1, 20, 1, 0, ""},
        {IND_RISK_SECTOR, 0.5, 20, 0, 0, ""},
        {IND_COMPANY_CHURN, 1, 20, 1, 0, ""},
        {IND_OVERCROWDING, 1, 20, 1, 0, "norm_m2=12 from_m2=18"},
        {IND_REGISTRATION_CHURN, 1, 20, 0, 0, ""},
        {IND_CITIZEN_SIGNAL, 0.5, 20, 0, 0, "months=12 half_life=6 min_weight=0.5"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        check_defaults(&want[i]);
}

/* ---------------------------------------------------------------- H1-H3 */

/* H1 counts active branches at a dwelling (x) and their companies (ref); an
 * address without a Kadaster object is not evaluable, a unit or a business centre
 * (kantoorfunctie, many companies are its trade) is quiet and not ranked. */
static void test_h1_companies_at_home(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    struct address a = probe_subject(&p);
    a.n_branches = 9, a.n_entities = 8;
    expect_measured(probe(&p, IND_COMPANIES_AT_HOME, &a, &m), &m);
    assert_near(m.x, 9, 0);
    assert_near(m.raw, 9, 0);
    assert_near(m.ref, 8, 0);
    assert_near(m.grade, 1, 0);
    a.n_branches = a.n_entities = 2; /* a ZZP'er's holding and operating BV: a reading */
    expect_measured(probe(&p, IND_COMPANIES_AT_HOME, &a, &m), &m);
    assert_near(m.x, 2, 0);
    a.usage = 0;
    expect_not_evaluable(probe(&p, IND_COMPANIES_AT_HOME, &a, &m), &m, "no Kadaster object");
    a.usage = USE_WINKEL;
    expect_quiet(probe(&p, IND_COMPANIES_AT_HOME, &a, &m), &m, "not a dwelling");
    a.usage = USE_WONEN | USE_KANTOOR;
    expect_quiet(probe(&p, IND_COMPANIES_AT_HOME, &a, &m), &m, "a business centre");
    probe_release(&p);
}

/* H2 counts risk-sector branches, dwellings and other addresses apart (a
 * hairdresser in a shopping street is ordinary); always evaluable. */
static void test_h2_risk_sector(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    struct address a = probe_subject(&p);
    a.n_risk_branches = 3;
    expect_measured(probe(&p, IND_RISK_SECTOR, &a, &m), &m);
    assert_near(m.x, 3, 0);
    assert_int_equal(m.cls, 0);
    assert_near(m.grade, 1, 0);
    a.usage = USE_WINKEL, a.n_risk_branches = 0;
    expect_measured(probe(&p, IND_RISK_SECTOR, &a, &m), &m);
    assert_near(m.x, 0, 0);
    assert_int_equal(m.cls, 1);
    /* the settings' check and the join's SBI set come from the same parser */
    const struct ind_desc *d = indicator_desc(IND_RISK_SECTOR);
    char why[160];
    assert_null(d->lists[0].validate("96021, 56.10.1", why, sizeof why));
    assert_non_null(d->lists[0].validate("96021, hair", why, sizeof why));
    struct fact_opts f;
    memset(&f, 0, sizeof f);
    assert_null(d->facts(&p.t.cfg.ind[IND_RISK_SECTOR], &f, why, sizeof why));
    assert_true(sbi_set_match(&f.risk_sbi, "9602.1", 6));
    assert_false(sbi_set_match(&f.risk_sbi, "62010", 5));
    probe_release(&p);
}

/* H3: deregistrations, plus the registrations that replaced them (at most as many
 * as left), plus firms that lived under a year. A family registering four firms at
 * home is growth (0); shops rank among other addresses; business centres are
 * quiet. */
static void test_h3_company_churn(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    static const struct {
        uint16_t in, out, short_lived;
        double x;
    } cases[] = {
        {4, 0, 0, 0}, {0, 3, 0, 3}, {6, 3, 2, 8}, {2, 5, 1, 8}, {3, 3, 0, 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a = probe_subject(&p);
        a.n_founded_24m = cases[i].in, a.n_dissolved_24m = cases[i].out;
        a.n_short_lived = cases[i].short_lived;
        expect_measured(probe(&p, IND_COMPANY_CHURN, &a, &m), &m);
        assert_near(m.x, cases[i].x, 0);
        assert_near(m.raw, cases[i].in + cases[i].out, 0);
        assert_near(m.ref, cases[i].short_lived, 0);
        assert_int_equal(m.cls, 0);
        assert_near(m.grade, 1, 0);
    }
    struct address a = probe_subject(&p);
    a.usage = USE_WINKEL, a.n_dissolved_24m = 2;
    expect_measured(probe(&p, IND_COMPANY_CHURN, &a, &m), &m);
    assert_int_equal(m.cls, 1);
    a.usage = USE_KANTOOR;
    expect_quiet(probe(&p, IND_COMPANY_CHURN, &a, &m), &m, "a business centre");
    probe_release(&p);
}

/* ---------------------------------------------------------------- B1, B2 */

/* B1: the axis is adults per 100 m2 (children count for the norm, not for the
 * rarity: a large family is not rare); the grade is m2 per person against the
 * Bouwbesluit's 12 m2, 0 from from_m2 (18) rising to 1 at norm_m2 (12). */
static void test_b1_overcrowding(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    static const struct {
        float area;
        uint16_t residents, adults;
        double x, per_person, grade;
    } cases[] = {
        {60, 10, 10, 100.0 * 10 / 60, 6, 1},    /* ten adults in 60 m2 */
        {120, 10, 10, 100.0 * 10 / 120, 12, 1}, /* at the norm */
        {150, 10, 10, 100.0 * 10 / 150, 15, 0.5},
        {179, 10, 10, 100.0 * 10 / 179, 17.9, 0.1 / 6},
        {180, 10, 10, 100.0 * 10 / 180, 18, 0},
        {80, 7, 2, 2.5, 80.0 / 7, 1},               /* a large family: few adults per m2 */
        {140, 6, 6, 100.0 * 6 / 140, 140.0 / 6, 0}, /* a student house within the norm */
        {0.5f, 1, 1, 200, 0.5, 1},                  /* a tiny area is an area */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a = probe_subject(&p);
        a.floor_area = cases[i].area, a.n_residents = cases[i].residents;
        a.n_adults = cases[i].adults;
        a.n_minors = (uint16_t)(cases[i].residents - cases[i].adults);
        expect_measured(probe(&p, IND_OVERCROWDING, &a, &m), &m);
        assert_near(m.x, cases[i].x, 1e-9);
        assert_near(m.raw, cases[i].per_person, 1e-5);
        assert_near(m.ref, 12, 0);
        assert_near(m.grade, cases[i].grade, 1e-6);
    }
    /* nobody registered: nobody overcrowds it */
    struct address a = probe_subject(&p);
    a.floor_area = 10, a.n_residents = a.n_adults = 0;
    expect_measured(probe(&p, IND_OVERCROWDING, &a, &m), &m);
    assert_near(m.raw, 10, 0);
    assert_near(m.grade, 0, 0);
    assert_near(m.x, 0, 0);
    a.floor_area = 0;
    expect_not_evaluable(probe(&p, IND_OVERCROWDING, &a, &m), &m, "floor area unknown");
    a.floor_area = -3;
    expect_not_evaluable(probe(&p, IND_OVERCROWDING, &a, &m), &m, "floor area unknown");
    a.usage = USE_ZORG, a.floor_area = 400; /* a care home is not woonfunctie */
    expect_not_evaluable(probe(&p, IND_OVERCROWDING, &a, &m), &m, "not a dwelling");
    probe_release(&p);
}

/* B2: adult arrivals in 12 months (a family moving in with its children is not a
 * revolving door), ranked within the floor-area band: <50, 50-74, 75-99, 100-149,
 * 150 m2 or more. The bands are strata: the town count spans every dwelling, so
 * each band's natural extremes are not each "2 in the run" (score/calib.h); the
 * other indicators with classes count their class. */
static void test_b2_registration_churn(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    static const struct {
        float area;
        unsigned band;
    } bands[] = {
        {0.5f, 0},  {49.5f, 0}, {50, 1},     {74.5f, 1}, {75, 2},
        {99.5f, 2}, {100, 3},   {149.5f, 3}, {150, 4},   {400, 4},
    };
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        struct address a = probe_subject(&p);
        a.floor_area = bands[i].area;
        a.n_arrivals_12m = 6, a.n_adult_arrivals_12m = 2; /* two parents, four children */
        expect_measured(probe(&p, IND_REGISTRATION_CHURN, &a, &m), &m);
        assert_int_equal(m.cls, bands[i].band);
        assert_near(m.x, 2, 0);
        assert_near(m.raw, 2, 0);
        assert_near(m.ref, bands[i].area, 0);
        assert_near(m.grade, 1, 0);
    }
    for (int i = 0; i < IND_COUNT; i++)
        assert_int_equal(indicator_desc(i)->strata, i == IND_REGISTRATION_CHURN);
    struct address a = probe_subject(&p);
    a.floor_area = 0;
    expect_not_evaluable(probe(&p, IND_REGISTRATION_CHURN, &a, &m), &m, "floor area unknown");
    a.usage = USE_LOGIES, a.floor_area = 300;
    expect_not_evaluable(probe(&p, IND_REGISTRATION_CHURN, &a, &m), &m, "not a dwelling");
    probe_release(&p);
}

/* ------------------------------------------------------------------- S1 */

/* The axis: the largest weighted count among the themes that reach min_weight
 * (0.5: one report up to six months old); the reading speaks only to those themes
 * - a report about overcrowding says nothing about cannabis. Always evaluable. */
static void test_s1_weights_and_themes(void **state)
{
    (void)state;
    struct probe p;
    bare_init(&p);
    struct ind_measure m;
    static const struct {
        float w[THEME_COUNT];
        double x;
        unsigned themes;
    } cases[] = {
        {{1.7f, 0, 0, 0.2f}, 1.7f, 1u << THEME_HENNEP},
        {{0, 0, 0, 0.5f}, 0.5f, 1u << THEME_OVERBEWONING},
        {{0, 0.49f, 0, 0}, 0, 0},
        {{0, 0.6f, 2.5f, 0}, 2.5f, 1u << THEME_WITWASSEN | 1u << THEME_BRIEVENBUS},
        {{3, 1, 0, 0}, 3, 1u << THEME_HENNEP | 1u << THEME_WITWASSEN},
        {{0, 0, 0, 0}, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t idx = subject(&p.t);
        struct signal_agg *s = dataset_signals(&p.t.d, idx);
        assert_non_null(s);
        for (int t = 0; t < THEME_COUNT; t++)
            s->weight[t] = cases[i].w[t], s->n[t] = cases[i].w[t] > 0;
        expect_measured(probe(&p, IND_CITIZEN_SIGNAL, &p.t.d.addrs[idx], &m), &m);
        assert_near(m.x, cases[i].x, 0);
        assert_near(m.raw, cases[i].x, 0);
        assert_int_equal(m.themes, cases[i].themes);
        assert_near(m.ref, 0.5, 0);
        assert_near(m.grade, 1, 0);
    }
    /* no report at all */
    uint32_t idx = subject(&p.t);
    expect_measured(probe(&p, IND_CITIZEN_SIGNAL, &p.t.d.addrs[idx], &m), &m);
    assert_near(m.x, 0, 0);
    assert_int_equal(m.themes, 0);
    probe_release(&p);
}

/* What S1 asks of the join: each theme's categories for that theme only, and the
 * window and half-life it weighs reports with. Categories of no theme (noise,
 * parking) are not in the map. */
static void test_s1_facts(void **state)
{
    (void)state;
    struct config cfg;
    cfg_init(&cfg);
    const struct ind_desc *d = indicator_desc(IND_CITIZEN_SIGNAL);
    struct fact_opts f;
    memset(&f, 0, sizeof f);
    char why[160];
    assert_null(d->facts(&cfg.ind[IND_CITIZEN_SIGNAL], &f, why, sizeof why));
    static const struct {
        const char *category;
        unsigned themes;
    } cases[] = {
        {"hennepteelt", 1u << THEME_HENNEP},           {"stroomdiefstal", 1u << THEME_HENNEP},
        {"vastgoedfraude", 1u << THEME_WITWASSEN},     {"spookbedrijf", 1u << THEME_BRIEVENBUS},
        {"huisjesmelkerij", 1u << THEME_OVERBEWONING},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int c = category_map_find(&f.categories, cases[i].category, strlen(cases[i].category));
        assert_true(c >= 0);
        assert_int_equal(f.categories.c[c].themes, cases[i].themes);
    }
    assert_true(category_map_find(&f.categories, "geluidsoverlast", 15) < 0);
    assert_near(f.signal_months, 12, 0);
    assert_near(f.signal_half_life, 6, 0);
    /* a bad category in any theme's list is refused, by the check and the join alike */
    cfg.ind[IND_CITIZEN_SIGNAL].lists[THEME_OVERBEWONING] = "overbewoning,";
    memset(&f, 0, sizeof f);
    assert_null(d->facts(&cfg.ind[IND_CITIZEN_SIGNAL], &f, why, sizeof why));
    char long_name[128];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    cfg.ind[IND_CITIZEN_SIGNAL].lists[THEME_HENNEP] = long_name;
    memset(&f, 0, sizeof f);
    assert_non_null(d->facts(&cfg.ind[IND_CITIZEN_SIGNAL], &f, why, sizeof why));
    assert_non_null(d->lists[THEME_HENNEP].validate(long_name, why, sizeof why));
    assert_null(d->lists[THEME_HENNEP].validate("hennepteelt, drugsoverlast", why, sizeof why));
    cfg_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_people_defaults),       cmocka_unit_test(test_h1_companies_at_home),
        cmocka_unit_test(test_h2_risk_sector),        cmocka_unit_test(test_h3_company_churn),
        cmocka_unit_test(test_b1_overcrowding),       cmocka_unit_test(test_b2_registration_churn),
        cmocka_unit_test(test_s1_weights_and_themes), cmocka_unit_test(test_s1_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
