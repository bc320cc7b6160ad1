/*
 * test_indicators.c - what each indicator measures, how it is graded and
 * calibrated, and how score_run turns fired indicators into lists and watch lists.
 *
 * Why: every line on a watchlist is read aloud at the LIO as a signal for human
 * review. Since strengths are calibrated on the run's own data (score/calib.h), a
 * result is only meaningful within a population, so each test builds a small
 * deterministic town (TOWN_DWELLINGS ordinary dwellings, TOWN_UNITS
 * non-residential units, owners, sales, companies; reference date 2026-11-01),
 * places its subjects in it and judges them with score_address, exactly as `vik
 * explain` does. Per indicator the tests pin: a marginal value against an extreme
 * one, the grade's documented anchor, the look-alike guards (quiet and not
 * ranked), "not evaluable" never becoming zero, and - where the issue asks it -
 * that the same reading counts less in a town where it is common. The listing rule
 * (corroboration, the single rare signal, watch lists, correlated groups,
 * min_sources) is pinned on hand-made hits through score_relist, apart from
 * calibration. The town is tests/unit/town.h's; the bound-by-bound tests of each
 * indicator's measure() are in test_ind_energy.c, test_ind_kadaster.c and
 * test_ind_people.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "town.h"

/* -------------------------------------------------------------- E1 - E5 */

static void test_e1_extreme_and_marginal(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t grow = subject(&t), high = subject(&t), normal = subject(&t);
    t.d.addrs[grow].elec = 20000;
    t.d.addrs[high].elec = 2600; /* about 1.8x its peers: high, not rare enough */
    struct ind_result g = judge(&t, grow, IND_ENERGY_HIGH);
    expect(&g, IND_FIRED, "similar dwellings");
    assert_true(g.strength > 0.9);
    assert_non_null(strstr(g.reason, "this extreme"));
    /* rare for its kind, but 1,200 kWh above the median is graded almost to nothing */
    struct ind_result h = judge(&t, high, IND_ENERGY_HIGH);
    assert_true(h.m.grade < 0.25 && h.strength < 0.2);
    struct ind_result n = judge(&t, normal, IND_ENERGY_HIGH);
    expect(&n, IND_QUIET, NULL);
    town_release(&t);
}

/* The grade: less than full_excess_kwh above the median (an electric car's worth)
 * is graded down however rare; more than it is full. */
static void test_e1_grade_excess(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t car = subject(&t), lamps = subject(&t);
    t.d.addrs[car].elec = 4300;    /* ~3,000 above the peers' median */
    t.d.addrs[lamps].elec = 11000; /* ~9,700 above */
    struct ind_result c = judge(&t, car, IND_ENERGY_HIGH), l = judge(&t, lamps, IND_ENERGY_HIGH);
    assert_true(c.m.grade > 0.3 && c.m.grade < 0.6);
    assert_true(l.m.grade == 1.0);
    assert_true(c.strength < l.strength);
    /* the analyst's anchor moves the grade */
    t.cfg.ind[IND_ENERGY_HIGH].params[indicator_param(IND_ENERGY_HIGH, "full_excess_kwh")] = 2500;
    struct ind_result c2 = judge(&t, car, IND_ENERGY_HIGH);
    assert_true(c2.m.grade == 1.0);
    town_release(&t);
}

/* Where one in twelve one-person dwellings uses four times its peers (electric cars
 * everywhere), a flat at four times counts less than in a town where nobody does. */
static void test_e1_common_counts_less(void **state)
{
    (void)state;
    struct ind_result res[2];
    for (int common = 0; common < 2; common++) {
        struct town t;
        town_init(&t);
        town_populate(&t);
        int seen = 0;
        for (uint32_t i = 0; common && i < t.d.n_addrs; i++) {
            struct address *a = &t.d.addrs[i];
            if (a->n_residents == 1 && a->n_gas && seen++ % 12 == 0)
                a->elec *= 4;
        }
        uint32_t s = subject(&t);
        t.d.addrs[s].elec = 5400;
        res[common] = judge(&t, s, IND_ENERGY_HIGH);
        town_release(&t);
    }
    print_message("E1 at 5,400 kWh: town rarity %.2f where rare, %.2f where common\n",
                  res[0].rarity.town, res[1].rarity.town);
    assert_true(res[1].rarity.town < res[0].rarity.town - 0.5);
    assert_true(res[1].strength < res[0].strength);
}

/* An all-electric home is compared with homes without gas; empty dwellings and
 * missing inputs are not evaluable, never zero. */
static void test_e1_peers_and_not_evaluable(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t heat_pump = subject(&t), empty = subject(&t), no_conn = subject(&t),
             no_area = subject(&t);
    t.d.addrs[heat_pump].n_gas = 0, t.d.addrs[heat_pump].gas = 0;
    t.d.addrs[heat_pump].elec = 3600; /* a heat pump's winter load on top of 1,600 */
    t.d.addrs[empty].n_residents = t.d.addrs[empty].n_adults = 0;
    t.d.addrs[empty].n_settled_12m = 0;
    t.d.addrs[no_conn].n_elec = 0, t.d.addrs[no_conn].n_elec_monthly = 0;
    t.d.addrs[no_area].floor_area = 0;
    struct ind_result hp = judge(&t, heat_pump, IND_ENERGY_HIGH);
    expect(&hp, IND_QUIET, "no gas");
    struct ind_result e = judge(&t, empty, IND_ENERGY_HIGH);
    expect(&e, IND_NOT_EVALUABLE, "nobody registered");
    struct ind_result nc = judge(&t, no_conn, IND_ENERGY_HIGH);
    expect(&nc, IND_NOT_EVALUABLE, "no electricity connection");
    struct ind_result na = judge(&t, no_area, IND_ENERGY_HIGH);
    expect(&na, IND_NOT_EVALUABLE, "floor area unknown");
    town_release(&t);
}

static void test_e2_empty_dwellings(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t grow = subject(&t), second = subject(&t), doubt = subject(&t);
    for (uint32_t s = grow; s <= doubt; s++) {
        struct address *a = &t.d.addrs[s];
        a->n_residents = a->n_adults = a->n_settled_12m = 0;
    }
    t.d.addrs[grow].elec = 15000;
    t.d.addrs[second].elec = 1700; /* what a one-person household uses: graded to zero */
    t.d.addrs[doubt].elec = 15000;
    t.d.addrs[doubt].link_doubt = 1u << SRC_BRP;
    struct ind_result g = judge(&t, grow, IND_ENERGY_NO_RESIDENTS);
    expect(&g, IND_FIRED, "0 residents registered");
    assert_true(g.m.grade == 1.0);
    struct ind_result s = judge(&t, second, IND_ENERGY_NO_RESIDENTS);
    expect(&s, IND_QUIET, NULL);
    assert_true(s.m.grade == 0);
    struct ind_result d = judge(&t, doubt, IND_ENERGY_NO_RESIDENTS);
    expect(&d, IND_NOT_EVALUABLE, "could not be assigned");
    town_release(&t);
}

static void test_e3_near_zero_and_guards(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t bypass = subject(&t), solar = subject(&t), movers = subject(&t),
             unheated = subject(&t), unknown = subject(&t);
    for (uint32_t s = bypass; s <= unknown; s++) {
        t.d.addrs[s].elec = 120;
        seasonal(&t.d.addrs[s], 120);
    }
    t.d.addrs[solar].feed_in = FEED_IN_SEEN;
    t.d.addrs[movers].n_settled_12m = 0;
    t.d.addrs[unheated].n_gas = 0, t.d.addrs[unheated].gas = 0;
    t.d.addrs[unheated].elec = 700; /* above a fridge's use, and no proof of living there */
    t.d.addrs[unknown].n_elec_monthly = 0;
    t.d.addrs[unknown].feed_in = FEED_IN_UNKNOWN;
    struct ind_result b = judge(&t, bypass, IND_ENERGY_NEAR_ZERO);
    expect(&b, IND_FIRED, "the home burns 900 m3 gas");
    assert_true(b.m.grade == 1.0 && b.strength > 0.8);
    char said[64]; /* how far below, as the axis has it: a positive number of spreads */
    snprintf(said, sizeof said, "%.1f lower-half spreads below", b.m.x);
    assert_true(b.m.x > 3);
    expect(&b, IND_FIRED, said);
    struct ind_result s = judge(&t, solar, IND_ENERGY_NEAR_ZERO);
    expect(&s, IND_QUIET, "solar feed-in");
    assert_non_null(s.m.quiet);
    struct ind_result m = judge(&t, movers, IND_ENERGY_NEAR_ZERO);
    expect(&m, IND_QUIET, "12 months");
    struct ind_result u = judge(&t, unheated, IND_ENERGY_NEAR_ZERO);
    assert_true(u.m.grade == 0);
    expect(&u, IND_QUIET, NULL);
    /* no roof among the apartments whose feed-in is known: one without it is judged */
    struct ind_result k = judge(&t, unknown, IND_ENERGY_NEAR_ZERO);
    expect(&k, IND_FIRED, "of the apartments whose feed-in is known show solar");
    assert_true(k.m.grade > 0.9); /* hardly any: judged nearly as if known */
    /* where one in ten of them shows a roof, a net value near zero may be one */
    for (uint32_t i = 0; i < bypass; i += 10)
        if (!(t.d.addrs[i].feed_in & FEED_IN_UNKNOWN))
            t.d.addrs[i].feed_in |= FEED_IN_SEEN;
    k = judge(&t, unknown, IND_ENERGY_NEAR_ZERO);
    expect(&k, IND_NOT_EVALUABLE, "often show solar");
    b = judge(&t, bypass, IND_ENERGY_NEAR_ZERO); /* its own feed-in is known: still judged */
    expect(&b, IND_FIRED, "the home burns 900 m3 gas");
    town_release(&t);
}

static void test_e4_flat_profile(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t grow = subject(&t), battery = subject(&t), seasons = subject(&t), solar = subject(&t);
    t.d.addrs[grow].elec = 9000;
    flat_months(&t.d.addrs[grow], 9000);
    t.d.addrs[battery].elec = 1700; /* flat, but what a household uses */
    flat_months(&t.d.addrs[battery], 1700);
    t.d.addrs[seasons].elec = 9000;
    seasonal(&t.d.addrs[seasons], 9000);
    t.d.addrs[solar].elec = 9000;
    flat_months(&t.d.addrs[solar], 9000);
    t.d.addrs[solar].feed_in = FEED_IN_SEEN;
    struct ind_result g = judge(&t, grow, IND_ENERGY_FLAT_PROFILE);
    expect(&g, IND_FIRED, "varies only 1%");
    struct ind_result b = judge(&t, battery, IND_ENERGY_FLAT_PROFILE);
    assert_true(b.m.grade == 0);
    expect(&b, IND_QUIET, NULL);
    struct ind_result s = judge(&t, seasons, IND_ENERGY_FLAT_PROFILE);
    expect(&s, IND_QUIET, NULL);
    struct ind_result so = judge(&t, solar, IND_ENERGY_FLAT_PROFILE);
    expect(&so, IND_QUIET, "net values");
    town_release(&t);
}

/* Flat profiles are common among units (refrigeration, servers): there a flat unit
 * well above its peers counts less than a flat dwelling well above its peers does
 * among such dwellings. */
static void test_e4_flat_is_common_among_units(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    for (uint32_t i = 0; i < t.d.n_addrs; i++)
        if (!address_is_dwelling(&t.d.addrs[i]) && t.d.addrs[i].n_elec && i % 3 == 0) {
            t.d.addrs[i].elec *= 3; /* a cold store: heavy and flat */
            flat_months(&t.d.addrs[i], t.d.addrs[i].elec);
        }
    uint32_t home = subject(&t);
    t.d.addrs[home].elec = 9000;
    flat_months(&t.d.addrs[home], 9000);
    uint32_t unit = subject(&t);
    struct address *u = &t.d.addrs[unit];
    u->usage = USE_WINKEL, u->floor_area = 200, u->n_branches = u->n_entities = 1;
    u->n_residents = u->n_adults = u->n_settled_12m = 0, u->building = NONE_IDX;
    u->elec = 200 * 90 * 3.5; /* 3.5x what shops of its size use */
    flat_months(u, u->elec);
    struct ind_result h = judge(&t, home, IND_ENERGY_FLAT_PROFILE);
    struct ind_result s = judge(&t, unit, IND_ENERGY_FLAT_PROFILE);
    assert_true(h.m.cls == 2 && s.m.cls == 1);        /* a heavy dwelling; a unit */
    assert_false(h.rarity.pooled || s.rarity.pooled); /* each in its own class */
    assert_true(s.rarity.p > h.rarity.p);
    town_release(&t);
}

static uint32_t unit_subject(struct town *t, unsigned usage, float area, int company, double kwh)
{
    uint32_t idx = subject(t);
    struct address *a = &t->d.addrs[idx];
    a->usage = (uint8_t)usage, a->floor_area = area, a->building = NONE_IDX;
    a->n_residents = a->n_adults = a->n_settled_12m = 0;
    a->n_branches = a->n_entities = (uint16_t)company;
    a->elec = (float)kwh;
    seasonal(a, kwh);
    return idx;
}

static void test_e5_units_against_their_peers(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t garage = unit_subject(&t, USE_OVERIG, 20, 0, 9000);
    uint32_t grow_co = unit_subject(&t, USE_INDUSTRIE, 240, 1, 240 * 90 * 6.0);
    uint32_t workshop = unit_subject(&t, USE_INDUSTRIE, 240, 1, 240 * 90 * 2.2);
    uint32_t cold_store = unit_subject(&t, USE_WINKEL, 200, 1, 200 * 90 * 1.1);
    struct ind_result g = judge(&t, garage, IND_ENERGY_NONRESIDENTIAL);
    expect(&g, IND_FIRED, "no company registered here");
    assert_true(g.m.grade == 1.0);
    struct ind_result c = judge(&t, grow_co, IND_ENERGY_NONRESIDENTIAL);
    expect(&c, IND_FIRED, "1 active company registered here");
    struct ind_result w = judge(&t, workshop, IND_ENERGY_NONRESIDENTIAL);
    assert_true(w.m.grade < 0.2); /* 2.2x its peers: a busy workshop, not a grow room */
    struct ind_result s = judge(&t, cold_store, IND_ENERGY_NONRESIDENTIAL);
    expect(&s, IND_QUIET, NULL);
    struct ind_result d = judge(&t, subject(&t), IND_ENERGY_NONRESIDENTIAL);
    expect(&d, IND_NOT_EVALUABLE, "a dwelling");
    town_release(&t);
}

/* ----------------------------------------------------------- K1 - K5 */

static uint32_t buyer_subject(struct town *t, int age, double price, int mortgage, int32_t date)
{
    uint32_t idx = subject(t);
    struct address *a = &t->d.addrs[idx];
    a->woz = (float)(price / 1.05);
    int32_t birth = (date / 10000 - age) * 10000 + 101;
    a->owner = owner(t, PARTY_PERSON, birth, 1);
    a->n_tx = 1;
    a->tx[0] = (struct tx){date, (float)price, (int16_t)date_age(birth, date), (uint8_t)mortgage,
                           PARTY_PERSON};
    return idx;
}

static void test_k1_young_cash(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t young = buyer_subject(&t, 26, 418000, 0, 20260301);
    uint32_t elderly = buyer_subject(&t, 70, 418000, 0, 20260301);
    uint32_t mortgage = buyer_subject(&t, 26, 418000, 1, 20260301);
    uint32_t old = buyer_subject(&t, 26, 418000, 0, 20240301);
    uint32_t unknown = buyer_subject(&t, 26, 418000, 2, 20260301);
    uint32_t company = buyer_subject(&t, 26, 418000, 0, 20260301);
    t.d.addrs[company].tx[0].buyer_type = PARTY_ENTITY;
    struct ind_result y = judge(&t, young, IND_NO_MORTGAGE);
    expect(&y, IND_FIRED, "EUR 418,000 without a mortgage by a buyer aged 26");
    assert_non_null(strstr(y.reason, "buyers aged under 30"));
    struct ind_result e = judge(&t, elderly, IND_NO_MORTGAGE);
    assert_true(e.m.grade == 0);
    expect(&e, IND_QUIET, NULL);
    struct ind_result m = judge(&t, mortgage, IND_NO_MORTGAGE);
    expect(&m, IND_QUIET, NULL);
    struct ind_result o = judge(&t, old, IND_NO_MORTGAGE);
    expect(&o, IND_QUIET, "older than the window");
    struct ind_result u = judge(&t, unknown, IND_NO_MORTGAGE);
    expect(&u, IND_NOT_EVALUABLE, "mortgage of the latest transfer unknown");
    struct ind_result c = judge(&t, company, IND_NO_MORTGAGE);
    expect(&c, IND_QUIET, "legal entity");
    town_release(&t);
}

/* Where young buyers often pay cheap flats in cash (parents' money), such a flat is
 * not rare; a large amount still is. */
static void test_k1_common_cash_counts_less(void **state)
{
    (void)state;
    struct ind_result cheap[2], large[2];
    for (int common = 0; common < 2; common++) {
        struct town t;
        town_init(&t);
        town_populate(&t);
        for (int i = 0; i < (common ? 60 : 0); i++)
            buyer_subject(&t, 20 + i % 9, 160000 + 1000 * (i % 40), 0, 20260101);
        for (int i = 0; i < 120; i++)
            buyer_subject(&t, 22 + i % 8, 250000 + 1000 * (i % 60), 1, 20260101);
        uint32_t c = buyer_subject(&t, 22, 180000, 0, 20260301);
        uint32_t l = buyer_subject(&t, 26, 450000, 0, 20260301);
        cheap[common] = judge(&t, c, IND_NO_MORTGAGE);
        large[common] = judge(&t, l, IND_NO_MORTGAGE);
        town_release(&t);
    }
    assert_true(cheap[1].rarity.p > cheap[0].rarity.p);
    expect(&cheap[1], IND_QUIET, NULL);
    expect(&large[1], IND_FIRED, NULL);
    assert_true(large[1].strength > cheap[1].strength);
}

static void test_k2_price_against_the_market(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t over = buyer_subject(&t, 45, 725000, 0, 20260301);
    t.d.addrs[over].woz = 250000; /* 2.9x the WOZ */
    uint32_t fair = buyer_subject(&t, 45, 262000, 1, 20260301);
    t.d.addrs[fair].woz = 250000;
    uint32_t symbolic = buyer_subject(&t, 45, 5000, 1, 20260301);
    struct ind_result o = judge(&t, over, IND_PRICE_VS_WOZ);
    expect(&o, IND_FIRED, "2.90x the WOZ value");
    assert_true(o.m.cls == 0);      /* above the market */
    assert_true(o.strength >= 0.9); /* lists alone for witwassen */
    struct ind_result f = judge(&t, fair, IND_PRICE_VS_WOZ);
    expect(&f, IND_QUIET, NULL);
    struct ind_result s = judge(&t, symbolic, IND_PRICE_VS_WOZ);
    expect(&s, IND_QUIET, "symbolic");
    t.d.addrs[fair].woz = 0;
    struct ind_result n = judge(&t, fair, IND_PRICE_VS_WOZ);
    expect(&n, IND_NOT_EVALUABLE, "no WOZ value");
    town_release(&t);
}

static void resale(struct address *a, int32_t d1, double p1, int32_t d2, double p2)
{
    a->n_tx = 2;
    a->tx[0] = (struct tx){d2, (float)p2, -1, 1, PARTY_PERSON};
    a->tx[1] = (struct tx){d1, (float)p1, -1, 1, PARTY_PERSON};
}

static void test_k3_rise_per_year(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    /* ordinary resales: a few percent a year over several years */
    for (int i = 0; i < 300; i++) {
        uint32_t s = subject(&t);
        double p1 = 200000 + 500 * i, yrs = 1 + (i % 5);
        resale(&t.d.addrs[s], 20260101 - (int32_t)yrs * 10000, p1, 20260101,
               p1 * pow(1.06, yrs) * (0.93 + 0.14 * ((i * 7) % 11) / 10.0));
    }
    uint32_t abc = subject(&t), slow = subject(&t), ordinary = subject(&t), once = subject(&t);
    resale(&t.d.addrs[abc], 20260101, 300000, 20260401, 450000);      /* +50% in 3 months */
    resale(&t.d.addrs[slow], 20250901, 300000, 20260701, 400000);     /* +33% in 10 months */
    resale(&t.d.addrs[ordinary], 20240101, 300000, 20260101, 336000); /* +12% in 2 years */
    t.d.addrs[once].n_tx = 1;
    t.d.addrs[once].tx[0] = (struct tx){20260101, 300000, -1, 1, PARTY_PERSON};
    struct ind_result a = judge(&t, abc, IND_QUICK_RESALE);
    expect(&a, IND_FIRED, "resold after 90 days");
    struct ind_result s = judge(&t, slow, IND_QUICK_RESALE);
    expect(&s, IND_FIRED, NULL);
    assert_true(s.m.x < a.m.x && s.rarity.p > a.rarity.p); /* less steep: less rare */
    struct ind_result o = judge(&t, ordinary, IND_QUICK_RESALE);
    expect(&o, IND_QUIET, NULL);
    struct ind_result n = judge(&t, once, IND_QUICK_RESALE);
    expect(&n, IND_QUIET, "not sold twice");
    town_release(&t);
}

static void test_k4_k5_owners(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t young = subject(&t), older = subject(&t), landlord = subject(&t);
    t.d.addrs[young].owner = owner(&t, PARTY_PERSON, 20020101, 4);
    t.d.addrs[older].owner = owner(&t, PARTY_PERSON, 19700101, 4);
    t.d.addrs[landlord].owner = owner(&t, PARTY_PERSON, 19600101, 25);
    struct ind_result y = judge(&t, young, IND_YOUNG_MULTI_OWNER);
    expect(&y, IND_FIRED, "owner aged 24 owns 4 dwellings");
    struct ind_result o = judge(&t, older, IND_YOUNG_MULTI_OWNER);
    assert_true(o.m.grade == 0);
    expect(&o, IND_QUIET, NULL);
    struct ind_result l = judge(&t, landlord, IND_MANY_PROPERTIES);
    expect(&l, IND_FIRED, "25 dwellings");
    struct ind_result c = judge(&t, subject(&t), IND_MANY_PROPERTIES);
    expect(&c, IND_QUIET, "legal entity");
    t.d.addrs[young].owner = NONE_IDX;
    struct ind_result u = judge(&t, young, IND_YOUNG_MULTI_OWNER);
    expect(&u, IND_NOT_EVALUABLE, "owner unknown");
    town_release(&t);
}

/*
 * K5: where landlords with many dwellings are common, one more counts less. The
 * population is owners (each dwelling 1/n of its owner), so "common" here is half
 * the privately owned addresses held by owners of 12: one owner in thirteen.
 */
static void test_k5_common_landlords_count_less(void **state)
{
    (void)state;
    struct ind_result res[2];
    for (int common = 0; common < 2; common++) {
        struct town t;
        town_init(&t);
        town_populate(&t);
        if (common)
            for (uint32_t i = 0; i < t.d.n_addrs; i += 2)
                if (t.d.addrs[i].owner != NONE_IDX && t.d.addrs[i].owner != t.corporation)
                    t.d.owners[t.d.addrs[i].owner].n_dwellings = 12;
        uint32_t s = subject(&t);
        t.d.addrs[s].owner = owner(&t, PARTY_PERSON, 19600101, 12);
        res[common] = judge(&t, s, IND_MANY_PROPERTIES);
        town_release(&t);
    }
    expect(&res[0], IND_FIRED, NULL);
    expect(&res[1], IND_QUIET, NULL);
}

/* ----------------------------------------------------------- H, B, S */

static void test_h_companies(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t postbox = subject(&t), centre = subject(&t), zzp = subject(&t), family = subject(&t);
    struct address *p = &t.d.addrs[postbox];
    p->n_branches = 9, p->n_entities = 8, p->n_risk_branches = 4;
    p->n_founded_24m = 6, p->n_dissolved_24m = 3, p->n_short_lived = 2;
    struct address *c = &t.d.addrs[centre];
    c->usage = USE_KANTOOR, c->n_branches = 30, c->n_entities = 30, c->n_founded_24m = 12;
    t.d.addrs[zzp].n_branches = 1, t.d.addrs[zzp].n_entities = 1;
    struct ind_result h1 = judge(&t, postbox, IND_COMPANIES_AT_HOME);
    expect(&h1, IND_FIRED, "9 active KvK branches of 8 different companies");
    assert_true(h1.strength >= 0.875);
    struct ind_result h2 = judge(&t, postbox, IND_RISK_SECTOR);
    expect(&h2, IND_FIRED, "4 active branches");
    struct ind_result h3 = judge(&t, postbox, IND_COMPANY_CHURN);
    expect(&h3, IND_FIRED, "6 registrations and 3 deregistrations");
    struct ind_result bc = judge(&t, centre, IND_COMPANIES_AT_HOME);
    expect(&bc, IND_QUIET, "not a dwelling");
    struct ind_result bc3 = judge(&t, centre, IND_COMPANY_CHURN);
    expect(&bc3, IND_QUIET, "business centre");
    struct ind_result z = judge(&t, zzp, IND_COMPANIES_AT_HOME);
    expect(&z, IND_QUIET, NULL);
    /* a family registering a holding and three eenmanszaken at home: four new firms,
     * none gone - growth, not churn */
    struct address *f = &t.d.addrs[family];
    f->n_branches = f->n_entities = 4, f->n_founded_24m = 4;
    struct ind_result fam = judge(&t, family, IND_COMPANY_CHURN);
    expect(&fam, IND_QUIET, "4 registrations and 0 deregistrations");
    assert_true(fam.m.x == 0 && h3.m.x == 3 + 3 + 2);
    town_release(&t);
}

static void test_b_overcrowding(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t crowded = subject(&t), family = subject(&t), students = subject(&t);
    struct address *c = &t.d.addrs[crowded];
    c->floor_area = 60, c->n_residents = c->n_adults = 10, c->n_adult_arrivals_12m = 8;
    struct address *f = &t.d.addrs[family];
    f->floor_area = 80, f->n_residents = 7, f->n_adults = 2, f->n_minors = 5;
    struct address *s = &t.d.addrs[students];
    s->floor_area = 140, s->n_residents = s->n_adults = 6, s->n_adult_arrivals_12m = 3;
    struct ind_result b1 = judge(&t, crowded, IND_OVERCROWDING);
    expect(&b1, IND_FIRED, "10 residents (10 adults) registered in 60 m2 = 6.0 m2 per person");
    assert_true(b1.m.grade == 1.0);
    struct ind_result b2 = judge(&t, crowded, IND_REGISTRATION_CHURN);
    expect(&b2, IND_FIRED, "8 adults registered here");
    struct ind_result fa = judge(&t, family, IND_OVERCROWDING);
    expect(&fa, IND_QUIET, NULL); /* two adults per 80 m2 are not rare */
    struct ind_result st = judge(&t, students, IND_OVERCROWDING);
    assert_true(st.m.grade == 0); /* 23 m2 per person: within the norm */
    expect(&st, IND_QUIET, NULL);
    t.d.addrs[crowded].floor_area = 0;
    struct ind_result na = judge(&t, crowded, IND_OVERCROWDING);
    expect(&na, IND_NOT_EVALUABLE, "floor area unknown");
    town_release(&t);
}

static void test_s1_reports_speak_to_their_theme(void **state)
{
    (void)state;
    struct town t;
    town_init(&t);
    town_populate(&t);
    uint32_t reported = subject(&t);
    struct signal_agg *s = dataset_signals(&t.d, reported);
    assert_non_null(s);
    s->weight[THEME_HENNEP] = 1.7f, s->n[THEME_HENNEP] = 2, s->latest = 20261001;
    s->weight[THEME_OVERBEWONING] = 0.2f, s->n[THEME_OVERBEWONING] = 1;
    struct ind_result r = judge(&t, reported, IND_CITIZEN_SIGNAL);
    expect(&r, IND_FIRED, "hennep 2 (weighted 1.70)");
    assert_int_equal(r.m.themes, 1u << THEME_HENNEP);
    struct ind_result q = judge(&t, subject(&t), IND_CITIZEN_SIGNAL);
    expect(&q, IND_QUIET, NULL);
    town_release(&t);
}

/* -------------------------------------------------------- listing rule */

struct hand {
    struct town t;
    struct score_result r;
    struct score_opts o;
};

/* Hand-made hits for listing tests: strength s, town surprise 4 * s. */
static void hit(struct hand *h, uint32_t addr, enum ind_id id, double s)
{
    struct score_result *r = &h->r;
    if (r->n_hits == r->cap_hits) {
        r->cap_hits = r->cap_hits ? 2 * r->cap_hits : 16;
        r->hits = realloc(r->hits, r->cap_hits * sizeof *r->hits);
        assert_non_null(r->hits);
    }
    r->hits[r->n_hits++] = (struct hit){.addr = addr,
                                        .ind = (uint8_t)id,
                                        .strength = (float)s,
                                        .rarity = (float)s,
                                        .grade = 1,
                                        .surprise = (float)(4 * s),
                                        .reason = "hand"};
}

static void hand_init(struct hand *h, uint32_t n_addresses)
{
    memset(h, 0, sizeof *h);
    town_init(&h->t);
    for (uint32_t i = 0; i < n_addresses; i++)
        subject(&h->t);
}

static void hand_list(struct hand *h)
{
    h->o = opts_of(&h->t);
    struct err e;
    err_clear(&e);
    assert_int_equal(score_relist(&h->t.d, &h->o, &h->r, &e), 0);
}

static const struct listing *find(const struct listing *l, size_t n, uint32_t addr)
{
    for (size_t i = 0; i < n; i++)
        if (l[i].addr == addr)
            return &l[i];
    return NULL;
}

static void hand_release(struct hand *h)
{
    score_release(&h->r);
    town_release(&h->t);
}

/*
 * The rule of score.h on hennep (min_score 1.2, alone_strength 0.8):
 *   0: E1 0.95 alone                     -> listed, single rare signal
 *   1: E1 0.75 alone                     -> watch (not rare enough alone)
 *   2: E4 0.95 alone                     -> watch (E4 may not list alone)
 *   3: E1 0.75 + E4 0.75                 -> listed, corroborated (1.50)
 *   4: E3 0.55 + E4 0.60                 -> watch (1.15 < 1.2)
 *   5: E1 0.95 with alone = false below  -> (see test_alone_is_a_setting)
 */
static void test_listing_rule(void **state)
{
    (void)state;
    struct hand h;
    hand_init(&h, 6);
    hit(&h, 0, IND_ENERGY_HIGH, 0.95);
    hit(&h, 1, IND_ENERGY_HIGH, 0.75);
    hit(&h, 2, IND_ENERGY_FLAT_PROFILE, 0.95);
    hit(&h, 3, IND_ENERGY_HIGH, 0.75);
    hit(&h, 3, IND_ENERGY_FLAT_PROFILE, 0.75);
    hit(&h, 4, IND_ENERGY_NEAR_ZERO, 0.55);
    hit(&h, 4, IND_ENERGY_FLAT_PROFILE, 0.60);
    hand_list(&h);
    const struct listing *L = h.r.lists[THEME_HENNEP], *W = h.r.watch[THEME_HENNEP];
    size_t nl = h.r.n_list[THEME_HENNEP], nw = h.r.n_watch[THEME_HENNEP];
    assert_int_equal(nl, 2);
    assert_int_equal(nw, 3);
    assert_int_equal(find(L, nl, 0)->by, LISTED_ALONE);
    assert_int_equal(find(L, nl, 3)->by, LISTED_CORROBORATED);
    assert_int_equal(find(L, nl, 3)->n_counting, 2);
    assert_true(fabs(find(L, nl, 3)->score - 1.5) < 1e-6);
    assert_non_null(find(W, nw, 1));
    assert_non_null(find(W, nw, 2));
    assert_non_null(find(W, nw, 4));
    /* best first: the corroborated line (1.50) above the single one (0.95) */
    assert_int_equal(L[0].addr, 3);
    assert_int_equal(W[0].addr, 4); /* 1.15, then 0.95, then 0.75 */
    assert_int_equal(W[1].addr, 2);
    hand_release(&h);
}

/* Whether one indicator may list alone is a setting, not weight arithmetic. */
static void test_alone_is_a_setting(void **state)
{
    (void)state;
    struct hand h;
    hand_init(&h, 2);
    hit(&h, 0, IND_ENERGY_HIGH, 0.95);
    hit(&h, 1, IND_ENERGY_HIGH, 0.95);
    h.t.cfg.ind[IND_ENERGY_HIGH].alone = 0;
    h.t.cfg.ind[IND_ENERGY_HIGH].weight = 10; /* a weight alone never lists one indicator */
    hand_list(&h);
    assert_int_equal(h.r.n_list[THEME_HENNEP], 0);
    assert_int_equal(h.r.n_watch[THEME_HENNEP], 2);
    h.t.cfg.ind[IND_ENERGY_HIGH].alone = 1;
    h.t.cfg.themes[THEME_HENNEP].alone_strength = 0.96;
    hand_list(&h);
    assert_int_equal(h.r.n_list[THEME_HENNEP], 0);
    h.t.cfg.themes[THEME_HENNEP].alone_strength = 0.9;
    hand_list(&h);
    assert_int_equal(h.r.n_list[THEME_HENNEP], 2);
    hand_release(&h);
}

/* Correlated indicators count once; min_sources counts evidence registers. */
static void test_groups_and_sources(void **state)
{
    (void)state;
    struct hand h;
    hand_init(&h, 3);
    /* K4 and K5 count the same owner's dwellings: only K4 (larger) counts */
    hit(&h, 0, IND_YOUNG_MULTI_OWNER, 0.9); /* witwassen's alone_strength, exactly */
    hit(&h, 0, IND_MANY_PROPERTIES, 0.9);
    /* two energy indicators: corroborated, but from one register */
    hit(&h, 1, IND_ENERGY_HIGH, 0.8);
    hit(&h, 1, IND_ENERGY_FLAT_PROFILE, 0.8);
    /* K2 and K3 read one sale's price: 0.75 + 0.7 is not a corroborated 1.45 */
    hit(&h, 2, IND_PRICE_VS_WOZ, 0.75);
    hit(&h, 2, IND_QUICK_RESALE, 0.7);
    hand_list(&h);
    const struct listing *sale = find(h.r.watch[THEME_WITWASSEN], h.r.n_watch[THEME_WITWASSEN], 2);
    assert_non_null(sale);
    assert_int_equal(sale->n_counting, 1);
    assert_true(fabs(sale->score - 0.75) < 1e-6);
    const struct listing *k = find(h.r.lists[THEME_WITWASSEN], h.r.n_list[THEME_WITWASSEN], 0);
    assert_non_null(k);
    assert_int_equal(k->n_counting, 1);
    assert_int_equal(k->by, LISTED_ALONE);
    assert_true(fabs(k->score - 0.9) < 1e-6);
    assert_non_null(find(h.r.lists[THEME_HENNEP], h.r.n_list[THEME_HENNEP], 1));
    h.t.cfg.themes[THEME_HENNEP].min_sources = 2;
    hand_list(&h);
    assert_null(find(h.r.lists[THEME_HENNEP], h.r.n_list[THEME_HENNEP], 1));
    assert_non_null(find(h.r.watch[THEME_HENNEP], h.r.n_watch[THEME_HENNEP], 1));
    hand_release(&h);
}

/* S1 speaks only to the themes reported: a hennep report adds nothing elsewhere. */
static void test_s1_counts_by_subject(void **state)
{
    (void)state;
    struct hand h;
    hand_init(&h, 1);
    hit(&h, 0, IND_MANY_PROPERTIES, 0.9);
    hit(&h, 0, IND_CITIZEN_SIGNAL, 0.9);
    h.r.hits[1].themes = 1u << THEME_HENNEP;
    hand_list(&h);
    const struct listing *w =
        find(h.r.watch[THEME_OVERBEWONING], h.r.n_watch[THEME_OVERBEWONING], 0);
    assert_non_null(w);
    assert_int_equal(w->n_counting, 1); /* K5 only: the report was about hennep */
    hand_release(&h);
}

/* ------------------------------------------------------ score_run whole */

/* A town with planted cases: deterministic lists, cases on top, watch lists apart. */
static void test_score_run_town(void **state)
{
    (void)state;
    char first[2][64];
    for (int run = 0; run < 2; run++) {
        struct town t;
        town_init(&t);
        town_populate(&t);
        uint32_t grow = subject(&t);
        t.d.addrs[grow].elec = 25000;
        flat_months(&t.d.addrs[grow], 25000);
        uint32_t car = subject(&t);
        t.d.addrs[car].elec = 4300;
        struct score_opts o = opts_of(&t);
        struct score_result r;
        struct err e;
        err_clear(&e);
        assert_int_equal(score_run(&t.d, &o, &r, &e), 0);
        assert_true(r.n_list[THEME_HENNEP] >= 1);
        assert_int_equal(r.lists[THEME_HENNEP][0].addr, grow);
        assert_int_equal(r.lists[THEME_HENNEP][0].by, LISTED_CORROBORATED);
        assert_null(find(r.lists[THEME_HENNEP], r.n_list[THEME_HENNEP], car));
        assert_true(r.n_evaluable[IND_ENERGY_HIGH] > 2000);
        assert_true(r.n_fired[IND_ENERGY_HIGH] < r.n_ranked[IND_ENERGY_HIGH] / 20 + 1);
        snprintf(first[run], sizeof first[run], "%zu %zu %.4f", r.n_list[THEME_HENNEP],
                 r.n_watch[THEME_HENNEP], r.lists[THEME_HENNEP][0].score);
        score_release(&r);
        town_release(&t);
    }
    assert_string_equal(first[0], first[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_e1_extreme_and_marginal),
        cmocka_unit_test(test_e1_grade_excess),
        cmocka_unit_test(test_e1_common_counts_less),
        cmocka_unit_test(test_e1_peers_and_not_evaluable),
        cmocka_unit_test(test_e2_empty_dwellings),
        cmocka_unit_test(test_e3_near_zero_and_guards),
        cmocka_unit_test(test_e4_flat_profile),
        cmocka_unit_test(test_e4_flat_is_common_among_units),
        cmocka_unit_test(test_e5_units_against_their_peers),
        cmocka_unit_test(test_k1_young_cash),
        cmocka_unit_test(test_k1_common_cash_counts_less),
        cmocka_unit_test(test_k2_price_against_the_market),
        cmocka_unit_test(test_k3_rise_per_year),
        cmocka_unit_test(test_k4_k5_owners),
        cmocka_unit_test(test_k5_common_landlords_count_less),
        cmocka_unit_test(test_h_companies),
        cmocka_unit_test(test_b_overcrowding),
        cmocka_unit_test(test_s1_reports_speak_to_their_theme),
        cmocka_unit_test(test_listing_rule),
        cmocka_unit_test(test_alone_is_a_setting),
        cmocka_unit_test(test_groups_and_sources),
        cmocka_unit_test(test_s1_counts_by_subject),
        cmocka_unit_test(test_score_run_town),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
