/*
 * test_ind_energy.c - E1-E5, the energy indicators, measured directly (town.h's
 * probe): each bound and ramp anchor just inside and just outside, an extreme
 * value, the look-alikes each module's header names, and every "not evaluable".
 *
 * Why: test_indicators.c shows the indicators fire on planted cases in a
 * calibrated town; that a grade anchor sits at 7,000 and not 7,001 kWh, or that
 * 300 m3 gas still proves occupation, moves a rarity too little to see there. So
 * these tests read what measure() returns - the axis value, the grade, the guard
 * and its reason - and compare it with the value the module's header documents,
 * computed here from the same peer group the module reads (score/peer.h,
 * score/nonres.h). tests/mutate.py checks that they do: a shifted bound or a
 * flipped comparison in score/e*.c must fail one of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "score/regress.h"
#include "town.h"

/* One populated town and its models for the whole file (built in group_setup). */
static struct probe P;

static int group_setup(void **state)
{
    (void)state;
    probe_init(&P);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    probe_release(&P);
    return 0;
}

/* A probe over a town of n ordinary one-person flats only: too small for peer
 * groups (min_group 30) when n < 30, and for the regression (100 rows). */
static void tiny_init(struct probe *p, int n)
{
    memset(p, 0, sizeof *p);
    town_init(&p->t);
    for (int i = 0; i < n; i++)
        subject(&p->t);
    probe_build(p);
}

/* The peer group a dwelling is compared with (E1, E3, E4's reference). */
static const struct robust *peers_of(const struct address *a)
{
    struct peer_ref r;
    assert_int_equal(peer_lookup(P.peers, &P.t.d, a, &r), 0);
    return r.r;
}

/* peer_build computes only the groups a lookup can land on (peer.c): every dwelling
 * of the town, and one of every key (heating, company, type, area band, residents),
 * finds the same group, at the same level, with the same figures to the bit as in a
 * model of every group. */
static void same_lookup(const struct peer_model *a, const struct peer_model *b,
                        const struct address *x)
{
    struct peer_ref ra, rb;
    int ka = peer_lookup(a, &P.t.d, x, &ra), kb = peer_lookup(b, &P.t.d, x, &rb);
    assert_int_equal(ka, kb);
    if (ka != 0)
        return;
    assert_int_equal(ra.level, rb.level);
    assert_memory_equal(ra.r, rb.r, sizeof *ra.r);
}

static void test_peer_groups_as_every_group(void **state)
{
    (void)state;
    struct peer_model *every = malloc(sizeof *every);
    assert_non_null(every);
    assert_int_equal(peer_build_every_group(every, &P.t.d, P.peers->min_group, 2), 0);
    for (uint32_t i = 0; i < P.t.d.n_addrs; i++)
        same_lookup(P.peers, every, &P.t.d.addrs[i]);
    uint32_t multi = NONE_IDX, single = NONE_IDX;
    for (uint32_t b = 0; b < P.t.d.n_buildings; b++)
        *(P.t.d.buildings[b].n_dwellings > 1 ? &multi : &single) = b;
    const uint32_t buildings[] = {NONE_IDX, multi, single};
    static const float areas[] = {30, 60, 80, 120, 200};
    struct address x = P.t.d.addrs[0];
    for (int gas = 0; gas < 2; gas++)
        for (int biz = 0; biz < 2; biz++)
            for (int t = 0; t < 3; t++)
                for (int band = 0; band < 5; band++)
                    for (int res = 0; res <= 6; res++) {
                        x.n_gas = (uint32_t)gas, x.gas = gas ? 1200 : 0;
                        x.n_branches = (uint16_t)biz;
                        x.building = buildings[t];
                        x.floor_area = areas[band];
                        x.n_residents = (uint16_t)res;
                        same_lookup(P.peers, every, &x);
                    }
    free(every);
}

/* A non-residential unit of the town's kind (E4, E5). */
static struct address unit_of(unsigned usage, float area, double kwh)
{
    struct address a = probe_subject(&P);
    a.usage = (uint8_t)usage, a.floor_area = area, a.building = NONE_IDX;
    a.n_residents = a.n_adults = a.n_settled_12m = 0;
    a.n_gas = 0, a.gas = 0;
    a.elec = (float)kwh;
    seasonal(&a, kwh);
    return a;
}

static const struct robust *unit_peers(const struct address *a)
{
    struct nonres_ref r;
    assert_int_equal(nonres_lookup(P.nonres, a, &r), 0);
    return r.r;
}

/* The documented grade ramp (score/indicator.h): 0 at from, 1 at to, linear. */
static double ramp(double x, double from, double to)
{
    double g = (x - from) / (to - from);
    return g < 0 ? 0 : g > 1 ? 1 : g;
}

/* ------------------------------------------------------------ defaults */

/* The defaults each header documents (parameters, weight, rarity, alone, group). */
static void test_energy_defaults(void **state)
{
    (void)state;
    static const struct ind_defaults want[] = {
        {IND_ENERGY_HIGH, 1, 20, 1, 1, "full_excess_kwh=7000 method=0"},
        {IND_ENERGY_NO_RESIDENTS, 1, 20, 1, 1, "full_multiple=2"},
        {IND_ENERGY_NEAR_ZERO, 1, 20, 1, 2,
         "min_residents=1 occupied_gas=300 fridge_kwh=400 max_solar_share=0.05"},
        {IND_ENERGY_FLAT_PROFILE, 1, 20, 0, 3, "low_multiple=1.5 full_multiple=3"},
        {IND_ENERGY_NONRESIDENTIAL, 1, 20, 1, 1, "low_ratio=2 full_ratio=4 full_excess_kwh=3500"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        check_defaults(&want[i]);
}

/* ------------------------------------------------------------------- E1 */

/* Not evaluable, never zero: each missing input named; a tiny positive floor area
 * and one connection are inputs, not missing ones. */
static void test_e1_not_evaluable(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    a.usage = USE_WINKEL, a.n_elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_HIGH, &a, &m), &m, "not a dwelling");
    a = probe_subject(&P), a.n_elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_HIGH, &a, &m), &m, "no electricity connection");
    a = probe_subject(&P), a.floor_area = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_HIGH, &a, &m), &m, "floor area unknown");
    a = probe_subject(&P), a.floor_area = -5;
    expect_not_evaluable(probe(&P, IND_ENERGY_HIGH, &a, &m), &m, "floor area unknown");
    a = probe_subject(&P), a.n_residents = a.n_adults = a.n_settled_12m = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_HIGH, &a, &m), &m, "nobody registered");
    a = probe_subject(&P), a.floor_area = 0.5f;
    expect_measured(probe(&P, IND_ENERGY_HIGH, &a, &m), &m);
    struct probe tiny;
    tiny_init(&tiny, 5);
    a = probe_subject(&tiny);
    expect_not_evaluable(probe(&tiny, IND_ENERGY_HIGH, &a, &m), &m, "no peer group");
    probe_release(&tiny);
}

/* The axis is the robust z of log(1 + kWh) in the peer group; the grade rises from
 * the peers' median (0) to full_excess_kwh above it (1): an electric car's 3,500
 * kWh is half a grow room's. */
static void test_e1_grade_ramp(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    const struct robust *r = peers_of(&a);
    double median = expm1(r->median);
    static const double excess[] = {-100, 1, 3500, 6999, 7001, 20000};
    for (size_t i = 0; i < sizeof excess / sizeof excess[0]; i++) {
        a.elec = (float)(median + excess[i]);
        expect_measured(probe(&P, IND_ENERGY_HIGH, &a, &m), &m);
        assert_near(m.ref, median, 1e-9);
        assert_near(m.raw, a.elec, 0);
        assert_near(m.x, stats_z(r, log1p(a.elec)), 1e-12);
        assert_near(m.grade, ramp(a.elec - median, 0, 7000), 1e-9);
    }
    /* the analyst's anchor moves the ramp */
    *param(&P.t, IND_ENERGY_HIGH, "full_excess_kwh") = 2500;
    a.elec = (float)(median + 1250);
    probe(&P, IND_ENERGY_HIGH, &a, &m);
    assert_near(m.grade, (a.elec - median) / 2500, 1e-9);
    *param(&P.t, IND_ENERGY_HIGH, "full_excess_kwh") = 7000;
}

/* A solar home's net annual figure can be negative: counted as 0 kWh, not below;
 * 1 kWh is a reading like any other. */
static void test_e1_net_and_tiny_use(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    const struct robust *r = peers_of(&a);
    a.elec = -300;
    expect_measured(probe(&P, IND_ENERGY_HIGH, &a, &m), &m);
    assert_near(m.x, stats_z(r, 0), 1e-12);
    assert_near(m.raw, -300, 0);
    assert_near(m.grade, 0, 0);
    a.elec = 1;
    probe(&P, IND_ENERGY_HIGH, &a, &m);
    assert_near(m.x, stats_z(r, log1p(1)), 1e-12);
}

/* Look-alikes: a family of five in a big house is compared with families in big
 * houses, a heat-pump home with homes without gas - each against its own median. */
static void test_e1_peers_are_alike(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address flat = probe_subject(&P), family = probe_subject(&P), heat_pump;
    family.building = P.t.d.addrs[4].building; /* a house */
    family.floor_area = 160, family.n_residents = 5, family.n_adults = 2, family.n_minors = 3;
    heat_pump = flat, heat_pump.n_gas = 0, heat_pump.gas = 0;
    double m_flat = expm1(peers_of(&flat)->median), m_family = expm1(peers_of(&family)->median),
           m_hp = expm1(peers_of(&heat_pump)->median);
    assert_true(m_family > m_flat + 1000 && m_hp > m_flat + 1000);
    family.elec = (float)(m_family + 500), heat_pump.elec = (float)(m_hp + 500);
    probe(&P, IND_ENERGY_HIGH, &family, &m);
    assert_near(m.ref, m_family, 1e-9);
    assert_true(m.grade < 0.1);
    probe(&P, IND_ENERGY_HIGH, &heat_pump, &m);
    assert_near(m.ref, m_hp, 1e-9);
    assert_true(m.grade < 0.1);
}

/* A registered company at home (a workshop, a salon, a server) is compared with
 * homes that have one: the town's home workshops use 2,500 kWh more, so the
 * company's peers have the higher median and the same use is less far above them;
 * the reason names the group. */
static void test_e1_company_at_home_has_its_peers(void **state)
{
    (void)state;
    struct address plain = probe_subject(&P), firm;
    firm = plain, firm.n_branches = firm.n_entities = 1;
    const struct robust *p_plain = peers_of(&plain), *p_firm = peers_of(&firm);
    assert_true(p_plain != p_firm);
    assert_true(expm1(p_firm->median) > expm1(p_plain->median));
    plain.elec = firm.elec = 9000;
    struct ind_measure mp, mf;
    probe(&P, IND_ENERGY_HIGH, &plain, &mp);
    probe(&P, IND_ENERGY_HIGH, &firm, &mf);
    assert_true(mf.x < mp.x);
    struct peer_ref r;
    char label[112];
    assert_int_equal(peer_lookup(P.peers, &P.t.d, &firm, &r), 0);
    peer_label(&P.t.d, &firm, &r, label, sizeof label);
    assert_non_null(strstr(label, "a company registered here"));
    assert_int_equal(peer_lookup(P.peers, &P.t.d, &plain, &r), 0);
    peer_label(&P.t.d, &plain, &r, label, sizeof label);
    assert_null(strstr(label, "company"));
}

/* Where a group is too small the key collapses (score/peer.h): a gas-heated home
 * drops its area band first, an all-electric one keeps it (a heat pump's load
 * grows with the floor it heats) and drops the household. A town of 40 + 40
 * all-electric homes of 160 and 80 m2 and as many gas-heated ones, each 8 per
 * household size 1-5: no group of one size and household reaches min_group 30. */
static void test_peers_all_electric_keep_the_area(void **state)
{
    (void)state;
    struct probe p;
    memset(&p, 0, sizeof p);
    town_init(&p.t);
    for (int gas = 0; gas <= 1; gas++)
        for (int big = 0; big <= 1; big++)
            for (int i = 0; i < 40; i++) {
                uint32_t k = subject(&p.t); /* may move addrs: index after */
                struct address *a = &p.t.d.addrs[k];
                a->building = NONE_IDX;
                a->floor_area = big ? 160 : 80;
                a->n_residents = a->n_adults = a->n_settled_12m = (uint16_t)(1 + i % 5);
                a->elec = (float)((gas ? 2500 : (big ? 8000 : 4000)) + 10 * i);
                seasonal(a, a->elec);
                a->n_gas = (unsigned)gas, a->gas = gas ? 1200 : 0;
            }
    probe_build(&p);
    struct address hp = probe_subject(&p), gas = probe_subject(&p);
    hp.building = gas.building = NONE_IDX;
    hp.floor_area = gas.floor_area = 160;
    hp.n_residents = gas.n_residents = 2;
    hp.n_gas = 0, hp.gas = 0;
    gas.n_gas = 1, gas.gas = 1200;
    struct peer_ref r;
    char label[112];
    assert_int_equal(peer_lookup(p.peers, &p.t.d, &hp, &r), 0);
    peer_label(&p.t.d, &hp, &r, label, sizeof label);
    assert_int_equal(r.r->n, 40); /* the 160 m2 all-electric homes, all households */
    assert_true(expm1(r.r->median) > 8000 && expm1(r.r->median) < 8400);
    assert_string_equal(label, "dwelling, >=150 m2, no gas");
    assert_int_equal(peer_lookup(p.peers, &p.t.d, &gas, &r), 0);
    peer_label(&p.t.d, &gas, &r, label, sizeof label);
    assert_int_equal(r.r->n, 80); /* every gas-heated home: the band went first */
    assert_string_equal(label, "all dwellings with gas");
    probe_release(&p);
}

/* method: 0 peer groups (the default: no regression is built), 1 the robust
 * regression; a value in between rounds, from 0.5 up. */
static void test_e1_method_choice(void **state)
{
    (void)state;
    double *method = param(&P.t, IND_ENERGY_HIGH, "method");
    struct ind_measure m;
    char text[IND_TEXT];
    struct address a = probe_subject(&P);
    assert_null(P.ctx.state[IND_ENERGY_HIGH]);
    expect_measured(probe(&P, IND_ENERGY_HIGH, &a, &m), &m);
    assert_near(m.ref, expm1(peers_of(&a)->median), 1e-9);
    indicator_desc(IND_ENERGY_HIGH)
        ->describe(&P.ctx, &P.t.cfg.ind[IND_ENERGY_HIGH], &a, &m, text, sizeof text);
    assert_null(strstr(text, "peer groups:"));
    static const struct {
        double method;
        int built;
    } cases[] = {{0.49, 0}, {0.5, 1}, {1, 1}, {0, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        *method = cases[i].method;
        probe_prepare(&P, IND_ENERGY_HIGH);
        assert_int_equal(P.ctx.state[IND_ENERGY_HIGH] != NULL, cases[i].built);
    }
}

/* With the regression, a dwelling is measured against its own expectation; one
 * the fit cannot judge (no dwelling of its type in it) by its peer group, and the
 * reason says why. */
static void test_e1_regression(void **state)
{
    (void)state;
    const struct ind_desc *d = indicator_desc(IND_ENERGY_HIGH);
    struct ind_measure m;
    char text[IND_TEXT];
    *param(&P.t, IND_ENERGY_HIGH, "method") = 1;
    probe_prepare(&P, IND_ENERGY_HIGH);
    const struct regress_model *rm = P.ctx.state[IND_ENERGY_HIGH];
    assert_int_equal(rm->state, REGRESS_FITTED);
    struct address a = probe_subject(&P);
    a.elec = 2500;
    struct regress_row row;
    double expected;
    assert_int_equal(regress_row_of(&P.t.d, &a, &row), 0);
    assert_int_equal(regress_expect(rm, &row, &expected), 0);
    expect_measured(probe(&P, IND_ENERGY_HIGH, &a, &m), &m);
    assert_near(m.ref, expm1(expected), 1e-9);
    assert_near(m.x, regress_z(rm, &row, expected, log1p(2500)), 1e-12);
    assert_true(fabs(m.ref - expm1(peers_of(&a)->median)) > 1);
    a.building = NONE_IDX; /* type unknown: no such dwelling in the fit */
    expect_measured(probe(&P, IND_ENERGY_HIGH, &a, &m), &m);
    assert_near(m.ref, expm1(peers_of(&a)->median), 1e-9);
    d->describe(&P.ctx, &P.t.cfg.ind[IND_ENERGY_HIGH], &a, &m, text, sizeof text);
    assert_non_null(strstr(text, "; peer groups: too few dwellings like this in the regression"));
    *param(&P.t, IND_ENERGY_HIGH, "method") = 0;
    probe_prepare(&P, IND_ENERGY_HIGH);
}

/* A town too small to fit (under 100 dwellings): the peer groups judge, and say so
 * - also for method 0.6, which asks for the regression. */
static void test_e1_regression_too_few(void **state)
{
    (void)state;
    struct ind_measure m;
    char text[IND_TEXT];
    struct probe tiny;
    memset(&tiny, 0, sizeof tiny);
    town_init(&tiny.t);
    for (int i = 0; i < 40; i++)
        subject(&tiny.t);
    *param(&tiny.t, IND_ENERGY_HIGH, "method") = 0.6;
    probe_build(&tiny);
    const struct regress_model *rm = tiny.ctx.state[IND_ENERGY_HIGH];
    assert_non_null(rm);
    assert_int_equal(rm->state, REGRESS_TOO_FEW);
    struct address a = probe_subject(&tiny);
    expect_measured(probe(&tiny, IND_ENERGY_HIGH, &a, &m), &m);
    indicator_desc(IND_ENERGY_HIGH)
        ->describe(&tiny.ctx, &tiny.t.cfg.ind[IND_ENERGY_HIGH], &a, &m, text, sizeof text);
    assert_non_null(strstr(text, "; peer groups: too few dwellings for the regression"));
    probe_release(&tiny);
}

/* ------------------------------------------------------------------- E2 */

static struct address empty_dwelling(double kwh)
{
    struct address a = probe_subject(&P);
    a.n_residents = a.n_adults = a.n_settled_12m = 0;
    a.elec = (float)kwh;
    return a;
}

static void test_e2_not_evaluable(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = empty_dwelling(9000);
    a.usage = USE_WINKEL, a.n_elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m, "not a dwelling");
    a = empty_dwelling(9000), a.n_elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m,
                         "no electricity connection");
    /* BRP rows at 12 that could be 12A's: "nobody" is not known */
    a = empty_dwelling(9000), a.link_doubt = 1u << SRC_BRP;
    expect_not_evaluable(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m, "BRP rows");
    /* doubt about another register's rows does not touch the residents */
    a = empty_dwelling(9000), a.link_doubt = 1u << SRC_KADASTER_OBJECTS | 1u << SRC_ENERGY;
    expect_measured(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m);
}

/* The grade: 0 at the one-person p90 of the type and heating, 1 at full_multiple
 * times it; vacant dwellings and second homes stay below (graded to zero). */
static void test_e2_grade_from_one_person_p90(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = empty_dwelling(0);
    double p90 = expm1(peer_one_person(P.peers, &P.t.d, &a)->p90);
    assert_true(p90 > 1000);
    static const double multiple[] = {0.2, 0.99, 1.5, 1.99, 2.01, 6};
    for (size_t i = 0; i < sizeof multiple / sizeof multiple[0]; i++) {
        a.elec = (float)(p90 * multiple[i]);
        expect_measured(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m);
        assert_near(m.x, log1p(a.elec), 1e-12);
        assert_near(m.ref, p90, 1e-9);
        assert_near(m.grade, ramp(a.elec, p90, 2 * p90), 1e-9);
    }
}

/* Occupied dwellings sit at the bottom of the axis (0) with grade 0, however much
 * they use; an empty home's negative net figure counts as 0 kWh. */
static void test_e2_occupied_and_net(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    a.elec = 15000;
    expect_measured(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m);
    assert_near(m.x, 0, 0);
    assert_near(m.grade, 0, 0);
    a = empty_dwelling(-400);
    probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m);
    assert_near(m.x, 0, 0);
    assert_near(m.raw, -400, 0);
    a = empty_dwelling(1);
    probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m);
    assert_near(m.x, log1p(1), 1e-12);
}

/* Without one-person households of the type to compare with (no reference) the
 * grade stays 0; any positive reference grades, however small. */
static void test_e2_without_reference(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = empty_dwelling(20000);
    a.building = NONE_IDX; /* type unknown: the town has no such singles */
    assert_int_equal(peer_one_person(P.peers, &P.t.d, &a)->n, 0);
    expect_measured(probe(&P, IND_ENERGY_NO_RESIDENTS, &a, &m), &m);
    assert_near(m.ref, 0, 0);
    assert_near(m.grade, 0, 0);
    assert_near(m.x, log1p(20000), 1e-12);
    /* a town whose singles of unknown type use under 1 kWh a year */
    struct probe tiny;
    memset(&tiny, 0, sizeof tiny);
    town_init(&tiny.t);
    for (int i = 0; i < 40; i++) {
        uint32_t k = subject(&tiny.t);
        struct address *s = &tiny.t.d.addrs[k];
        s->building = NONE_IDX, s->elec = 0.8f, s->n_gas = 0, s->gas = 0;
    }
    probe_build(&tiny);
    a = probe_subject(&tiny);
    a.building = NONE_IDX, a.n_gas = 0, a.gas = 0;
    a.n_residents = a.n_adults = a.n_settled_12m = 0;
    double p90 = expm1(peer_one_person(tiny.peers, &tiny.t.d, &a)->p90);
    assert_near(p90, 0.8, 1e-6);
    a.elec = (float)(1.5 * p90);
    expect_measured(probe(&tiny, IND_ENERGY_NO_RESIDENTS, &a, &m), &m);
    assert_near(m.grade, (a.elec - p90) / p90, 1e-9);
    probe_release(&tiny);
}

/* ------------------------------------------------------------------- E3 */

static void test_e3_not_evaluable(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    a.elec = 100;
    a.usage = USE_OVERIG;
    expect_not_evaluable(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "not a dwelling");
    a = probe_subject(&P), a.n_elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "no electricity connection");
    assert_false(m.unobserved); /* no connection: not a reading the export lacks */
    a = probe_subject(&P), a.feed_in = FEED_IN_UNKNOWN;
    a.n_settled_12m = 0; /* nobody settled: outside the population, data or not */
    expect_quiet(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "nobody registered here");
    struct probe tiny;
    tiny_init(&tiny, 5);
    a = probe_subject(&tiny);
    expect_not_evaluable(probe(&tiny, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "no peer group");
    probe_release(&tiny);
}

/* Look-alikes, quiet and not ranked: solar feed-in (net values), nobody settled
 * for a year (recent movers, second homes). min_residents 1: one settled is enough. */
static void test_e3_guards(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    a.elec = 100;
    double median = expm1(peers_of(&a)->median);
    a.feed_in = FEED_IN_SEEN;
    expect_quiet(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "solar feed-in seen");
    assert_near(m.ref, median, 1e-9);
    assert_near(m.raw, 100, 0);
    a.feed_in = 0, a.n_settled_12m = 0;
    expect_quiet(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "nobody registered here");
    a.n_settled_12m = 1;
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    *param(&P.t, IND_ENERGY_NEAR_ZERO, "min_residents") = 2;
    expect_quiet(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "nobody registered here");
    a.n_settled_12m = 2;
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    *param(&P.t, IND_ENERGY_NEAR_ZERO, "min_residents") = 1;
}

/* Marks every k-th apartment of the town whose feed-in is known as showing solar (or
 * clears it again, k = 0) and rebuilds E3's count: the share q of roofs among them. */
static double roofs_every(size_t k)
{
    size_t known = 0, solar = 0;
    for (uint32_t i = 0; i < P.t.d.n_addrs; i++) {
        struct address *a = &P.t.d.addrs[i];
        if (!address_is_dwelling(a) || a->n_elec == 0 || (a->feed_in & FEED_IN_UNKNOWN) ||
            peer_type(&P.t.d, a) != 0)
            continue;
        a->feed_in &= (uint8_t)~FEED_IN_SEEN;
        if (k && known % k == 0)
            a->feed_in |= FEED_IN_SEEN, solar++;
        known++;
    }
    probe_prepare(&P, IND_ENERGY_NEAR_ZERO);
    assert_true(known >= 100); /* a type's own share, not borrowed from all types */
    return (double)solar / (double)known;
}

/* Without monthly values or a reported feed-in, a net figure could hide a roof: a
 * dwelling is judged as far as the known dwellings of its type rule one out, the
 * grade times (1 - q / max_solar_share), and from q = 5% not at all (counted as
 * unobserved); a known feed-in is judged in full whatever its type's roofs. */
static void test_e3_unknown_feed_in(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    a.elec = 100, a.feed_in = FEED_IN_UNKNOWN;
    assert_int_equal(peer_type(&P.t.d, &a), 0); /* an apartment */
    assert_near(roofs_every(0), 0, 0);
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    assert_near(m.grade, 1, 0); /* no roof among its type: judged as if known */
    assert_near(m.x, (peers_of(&a)->median - log1p(100)) / peers_of(&a)->scale_low, 1e-12);
    *param(&P.t, IND_ENERGY_NEAR_ZERO, "max_solar_share") = 0; /* the strictest: none judged */
    expect_not_evaluable(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "no monthly values");
    *param(&P.t, IND_ENERGY_NEAR_ZERO, "max_solar_share") = 0.05;
    double q = roofs_every(40); /* about 2.5% */
    assert_true(q > 0.02 && q < 0.03);
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    assert_near(m.grade, 1 - q / 0.05, 1e-9);
    a.n_gas = 0, a.gas = 0, a.elec = 300; /* not heated: the fridge's ramp too */
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    assert_near(m.grade, (1 - q / 0.05) * 0.5, 1e-9);
    a.feed_in = 0; /* known: the roofs of others say nothing of this one */
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    assert_near(m.grade, 0.5, 1e-9);
    a.feed_in = FEED_IN_UNKNOWN;
    q = roofs_every(20); /* 5%: not judged */
    assert_true(q >= 0.05);
    expect_not_evaluable(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m, "no monthly values");
    assert_non_null(strstr(m.reason, "often show solar"));
    assert_true(m.unobserved); /* a lived-in dwelling whose value the export does not show */
    *param(&P.t, IND_ENERGY_NEAR_ZERO, "max_solar_share") = 0.2; /* a municipality's choice */
    expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
    assert_near(m.grade, (1 - q / 0.2) * 0.5, 1e-9);
    *param(&P.t, IND_ENERGY_NEAR_ZERO, "max_solar_share") = 0.05;
    roofs_every(0);
}

/* E3's axis: how far below the peers' median, in the spread of their lower half
 * ((median - p10) / 1.2816 on log(1 + kWh)), not the MAD - heat pumps, cars and
 * home offices widen a group's MAD upwards and so shorten its lower tail. */
static double below(const struct robust *r, double kwh)
{
    return (r->median - log1p(kwh)) / r->scale_low;
}

/* The grade: 1 in a home burning occupied_gas m3 or more (lived in); otherwise
 * from fridge_kwh (0) down to half of it (1): a home hardly lived in is not judged
 * against its peers. The axis: below(), and not the MAD's z where the halves differ. */
static void test_e3_grade(void **state)
{
    (void)state;
    struct ind_measure m;
    struct {
        unsigned n_gas;
        float gas, kwh;
        double grade;
    } cases[] = {
        {1, 300, 300, 1},   /* at occupied_gas: heated */
        {1, 299, 300, 0.5}, /* just under: a fridge's ramp, (300 - 400) / (200 - 400) */
        {0, 900, 300, 0.5}, /* gas volume without a connection proves nothing */
        {0, 0, 400, 0},     /* a fridge's use */
        {0, 0, 200, 1},     /* half of it */
        {0, 0, 100, 1},     /* less */
        {0, 0, 350, 0.25},  /* between */
        {2, 5000, 3000, 1}, /* heated, whatever the use */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address a = probe_subject(&P);
        a.n_gas = cases[i].n_gas, a.gas = cases[i].gas, a.elec = cases[i].kwh;
        expect_measured(probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m), &m);
        assert_near(m.grade, cases[i].grade, 1e-9);
        assert_near(m.x, below(peers_of(&a), cases[i].kwh), 1e-12);
    }
    /* a negative net figure counts as 0 kWh; 1 kWh is a reading */
    struct address a = probe_subject(&P);
    a.elec = -50;
    probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m);
    assert_true(fabs(peers_of(&a)->scale_low - peers_of(&a)->scale) > 1e-3); /* they differ */
    assert_near(m.x, below(peers_of(&a), 0), 1e-12);
    a.elec = 1;
    probe(&P, IND_ENERGY_NEAR_ZERO, &a, &m);
    assert_near(m.x, below(peers_of(&a), 1), 1e-12);
}

/* ------------------------------------------------------------------- E4 */

static void test_e4_not_evaluable(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    a.n_elec_monthly = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no monthly");
    assert_true(m.unobserved); /* counted into the population the town rarity speaks of */
    a = probe_subject(&P), a.n_elec = 2, a.n_elec_monthly = 1; /* the months miss one meter */
    expect_not_evaluable(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no monthly");
    a.n_elec_monthly = 2;
    expect_measured(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m);
    a = probe_subject(&P), a.elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no electricity use");
    assert_false(m.unobserved);
    a.elec = -20;
    expect_not_evaluable(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no electricity use");
    a.elec = 1;
    expect_measured(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m);
    struct probe tiny;
    tiny_init(&tiny, 5);
    a = probe_subject(&tiny);
    expect_not_evaluable(probe(&tiny, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no peer group");
    a.usage = USE_WINKEL, a.building = NONE_IDX, a.n_residents = 0;
    expect_not_evaluable(probe(&tiny, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no peer group");
    probe_release(&tiny);
}

/* The axis: minus the log of the 12 months' coefficient of variation (sample
 * standard deviation over the mean), floored at 0.5% variation. */
static void test_e4_flatness(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    for (int i = 0; i < 12; i++) /* 100, 200, ..., 1200: sd 100 x sqrt(13), mean 650 */
        a.elec_month[i] = (float)(100 * (i + 1));
    a.elec = 7800;
    expect_measured(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m);
    assert_near(m.raw, sqrt(13) / 6.5, 1e-9);
    assert_near(m.x, -log(sqrt(13) / 6.5), 1e-9);
    assert_int_equal(m.cls, a.elec >= 1.5 * expm1(peers_of(&a)->median) ? 2 : 0);
    /* 0.6% variation is above the floor: its own value */
    double delta = 0.006 / sqrt(12.0 / 11.0);
    for (int i = 0; i < 12; i++)
        a.elec_month[i] = (float)(1000 * (i % 2 ? 1 + delta : 1 - delta));
    a.elec = 12000;
    probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m);
    assert_near(m.raw, 0.006, 1e-6);
    assert_near(m.x, -log(m.raw), 1e-12);
    /* perfectly flat: the floor */
    flat_months(&a, 12000);
    for (int i = 0; i < 12; i++)
        a.elec_month[i] = 1000;
    probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m);
    assert_near(m.raw, 0, 1e-12);
    assert_near(m.x, -log(0.005), 1e-12);
    /* a connection using 6 kWh a year, flat: still the floor, not infinite */
    for (int i = 0; i < 12; i++)
        a.elec_month[i] = 0.5f;
    a.elec = 6;
    probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m);
    assert_near(m.x, -log(0.005), 1e-12);
    /* no use in any month although the year says some: no variation to measure */
    for (int i = 0; i < 12; i++)
        a.elec_month[i] = 0;
    probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m);
    assert_true(isinf(m.raw) && m.x < -1e300);
}

/* The grade: use as a multiple of the peers', 0 at low_multiple (1.5) rising to 1
 * at full_multiple (3): a battery smoothing a solar roof is flat at a household's
 * level (graded to zero), a lamp load is not. Seasonal homes are not flat. The
 * class: dwellings from low_multiple up (2) are ranked apart from those below it
 * (0), so that the flat profiles of ordinary households do not make a flat heavy
 * load look common; an unobserved dwelling is counted in the class its level says. */
static void test_e4_grade_and_lookalikes(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address a = probe_subject(&P);
    double ref = expm1(peers_of(&a)->median);
    static const double multiple[] = {1, 1.49, 1.51, 1.6, 2.25, 2.99, 3.01, 8};
    for (size_t i = 0; i < sizeof multiple / sizeof multiple[0]; i++) {
        a.elec = (float)(ref * multiple[i]);
        flat_months(&a, a.elec);
        expect_measured(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m);
        assert_near(m.ref, ref, 1e-9);
        assert_near(m.grade, ramp(a.elec / ref, 1.5, 3), 1e-9);
        assert_int_equal(m.cls, multiple[i] < 1.5 ? 0 : 2);
        a.n_elec_monthly = 0; /* the same level without months: unobserved, same class */
        expect_not_evaluable(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "no monthly");
        assert_int_equal(m.cls, multiple[i] < 1.5 ? 0 : 2);
        a.n_elec_monthly = a.n_elec;
    }
    *param(&P.t, IND_ENERGY_FLAT_PROFILE, "low_multiple") = 2; /* the split follows it */
    a.elec = (float)(ref * 1.6);
    probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m);
    assert_int_equal(m.cls, 0);
    *param(&P.t, IND_ENERGY_FLAT_PROFILE, "low_multiple") = 1.5;
    struct address seasons = probe_subject(&P);
    seasons.elec = (float)(4 * ref);
    seasonal(&seasons, seasons.elec);
    probe(&P, IND_ENERGY_FLAT_PROFILE, &seasons, &m);
    assert_true(m.raw > 0.2 && m.x < 1.7);
    a.feed_in = FEED_IN_SEEN;
    expect_quiet(probe(&P, IND_ENERGY_FLAT_PROFILE, &a, &m), &m, "solar feed-in seen");
    assert_near(m.ref, ref, 1e-9);
    assert_int_equal(m.cls, 2); /* 8x its peers */
}

/* Units: their reference is what units of their use and size use per m2, and they
 * are ranked in their own class (flat profiles are common among cold stores). */
static void test_e4_units(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address u = unit_of(USE_WINKEL, 200, 100);
    double ref = exp(unit_peers(&u)->median) * 200;
    u.elec = (float)(2.25 * ref);
    flat_months(&u, u.elec);
    expect_measured(probe(&P, IND_ENERGY_FLAT_PROFILE, &u, &m), &m);
    assert_int_equal(m.cls, 1); /* units: one class, whatever their level */
    assert_near(m.ref, ref, 1e-6);
    assert_near(m.grade, (u.elec / ref - 1.5) / 1.5, 1e-9);
    u.elec = (float)(1.2 * ref);
    flat_months(&u, u.elec);
    probe(&P, IND_ENERGY_FLAT_PROFILE, &u, &m);
    assert_int_equal(m.cls, 1);
    /* a reference under 1 kWh is still a reference */
    struct probe tiny;
    memset(&tiny, 0, sizeof tiny);
    town_init(&tiny.t);
    for (int i = 0; i < 40; i++) {
        uint32_t k = subject(&tiny.t);
        struct address *s = &tiny.t.d.addrs[k];
        s->usage = USE_OVERIG, s->building = NONE_IDX, s->floor_area = 1, s->n_residents = 0;
        s->elec = 0.5f;
    }
    probe_build(&tiny);
    u = probe_subject(&tiny);
    u.usage = USE_OVERIG, u.building = NONE_IDX, u.floor_area = 1, u.n_residents = 0;
    u.elec = 1;
    flat_months(&u, 1);
    expect_measured(probe(&tiny, IND_ENERGY_FLAT_PROFILE, &u, &m), &m);
    assert_near(m.ref, 0.5, 1e-6);
    probe_release(&tiny);
}

/* ------------------------------------------------------------------- E5 */

static void test_e5_not_evaluable(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address u = unit_of(USE_INDUSTRIE, 200, 20000);
    u.usage = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "usage unknown");
    u.usage = USE_WONEN;
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "a dwelling");
    u.usage = USE_WONEN | USE_WINKEL; /* a shop with a flat: E1-E4 judge it */
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "a dwelling");
    u = unit_of(USE_INDUSTRIE, 200, 20000), u.n_elec = 0;
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m,
                         "no electricity connection");
    u = unit_of(USE_INDUSTRIE, 0, 20000);
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "floor area unknown");
    u = unit_of(USE_INDUSTRIE, 200, 0);
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "no electricity use");
    u = unit_of(USE_INDUSTRIE, 0.5f, 0);
    expect_not_evaluable(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "no electricity use");
    u = unit_of(USE_INDUSTRIE, 0.5f, 100);
    expect_measured(probe(&P, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m);
    struct probe tiny;
    tiny_init(&tiny, 5);
    u = probe_subject(&tiny);
    u.usage = USE_INDUSTRIE, u.building = NONE_IDX, u.n_residents = 0;
    expect_not_evaluable(probe(&tiny, IND_ENERGY_NONRESIDENTIAL, &u, &m), &m, "no peer group");
    probe_release(&tiny);
}

/* The grade is the smaller of two ramps: the multiple of the peers' use (2 to 4)
 * and the excess in kWh (0 to 3,500). A busy workshop at 2-3x its peers is graded
 * down; a garage box at ten times its peers' few hundred kWh still needs a lamp's
 * worth above them. */
static void test_e5_grade_two_ramps(void **state)
{
    (void)state;
    struct ind_measure m;
    struct address big = unit_of(USE_INDUSTRIE, 240, 100), box = unit_of(USE_OVERIG, 20, 100);
    const struct robust *rb = unit_peers(&big), *rg = unit_peers(&box);
    double ref_big = exp(rb->median) * 240, ref_box = exp(rg->median) * 20;
    assert_true(ref_big > 10000 && ref_box < 500);
    struct {
        struct address *a;
        double ref, multiple, grade; /* grade < 0: the excess ramp decides */
    } cases[] = {
        {&big, ref_big, 1.5, 0}, {&big, ref_big, 2, 0},   {&big, ref_big, 3, 0.5},
        {&big, ref_big, 4, 1},   {&big, ref_big, 9, 1},   {&box, ref_box, 10, -1},
        {&box, ref_box, 1, 0},   {&box, ref_box, 30, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct address *a = cases[i].a;
        a->elec = (float)(cases[i].ref * cases[i].multiple);
        expect_measured(probe(&P, IND_ENERGY_NONRESIDENTIAL, a, &m), &m);
        assert_near(m.ref, cases[i].ref, 1e-6);
        double want = cases[i].grade;
        if (want < 0)
            want = (a->elec - cases[i].ref) / 3500 < 1 ? (a->elec - cases[i].ref) / 3500 : 1;
        assert_near(m.grade, want, 1e-6);
        const struct robust *r = a == &big ? rb : rg;
        assert_near(m.x, stats_z(r, log(a->elec / a->floor_area)), 1e-9);
    }
    /* box at 10x: the excess ramp, well under the ratio's full grade */
    box.elec = (float)(10 * ref_box);
    probe(&P, IND_ENERGY_NONRESIDENTIAL, &box, &m);
    assert_true(m.grade < 0.9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_peer_groups_as_every_group),
        cmocka_unit_test(test_energy_defaults),
        cmocka_unit_test(test_e1_not_evaluable),
        cmocka_unit_test(test_e1_grade_ramp),
        cmocka_unit_test(test_e1_net_and_tiny_use),
        cmocka_unit_test(test_e1_peers_are_alike),
        cmocka_unit_test(test_e1_company_at_home_has_its_peers),
        cmocka_unit_test(test_peers_all_electric_keep_the_area),
        cmocka_unit_test(test_e1_method_choice),
        cmocka_unit_test(test_e1_regression),
        cmocka_unit_test(test_e1_regression_too_few),
        cmocka_unit_test(test_e2_not_evaluable),
        cmocka_unit_test(test_e2_grade_from_one_person_p90),
        cmocka_unit_test(test_e2_occupied_and_net),
        cmocka_unit_test(test_e2_without_reference),
        cmocka_unit_test(test_e3_not_evaluable),
        cmocka_unit_test(test_e3_guards),
        cmocka_unit_test(test_e3_unknown_feed_in),
        cmocka_unit_test(test_e3_grade),
        cmocka_unit_test(test_e4_not_evaluable),
        cmocka_unit_test(test_e4_flatness),
        cmocka_unit_test(test_e4_grade_and_lookalikes),
        cmocka_unit_test(test_e4_units),
        cmocka_unit_test(test_e5_not_evaluable),
        cmocka_unit_test(test_e5_grade_two_ramps),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
