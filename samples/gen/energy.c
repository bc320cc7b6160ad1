/*
 * energy.c: the energy connections of an address (electricity, gas, monthly
 * values, reported feed-in) and which dwellings have no energy data at all.
 *
 * Why: the hennep patterns and their look-alikes live in annual and monthly
 * volumes. Household use follows household size, dwelling type and area;
 * heat pumps, electric cars and solar add components with their own monthly
 * shape; planted patterns replace or add components. Re-derived per address.
 */
#include "gen.h"

/* Electricity and production shapes per month (normalised at use). */
static const double SHAPE_HOUSE[12] = {1.30, 1.18, 1.05, 0.92, 0.82, 0.75,
                                       0.75, 0.80, 0.90, 1.03, 1.20, 1.30};
static const double SHAPE_HP[12] = {2.10, 1.85, 1.50, 0.95, 0.50, 0.30,
                                    0.25, 0.30, 0.55, 1.05, 1.60, 2.05};
static const double SHAPE_FLAT[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const double SHAPE_EV[12] = {1.08, 1.06, 1.02, 0.98, 0.95, 0.93,
                                    0.92, 0.93, 0.97, 1.02, 1.06, 1.08};
static const double SHAPE_SOLAR[12] = {.025, .045, .08, .11, .135, .135,
                                       .135, .115, .09, .06, .04,  .025};
static const double SHAPE_BIZ[12] = {1.12, 1.08, 1.03, 0.97, 0.94, 0.92,
                                     0.90, 0.88, 0.97, 1.03, 1.07, 1.09};
/* A second home: used in spring and summer, nearly idle in winter. */
static const double SHAPE_SEASON[12] = {0.45, 0.45, 0.65, 0.95, 1.25, 1.50,
                                        1.75, 1.75, 1.30, 0.85, 0.55, 0.50};
static const double SHAPE_IND[12] = {1.03, 1.02, 1.02, 1.00, 1.00, 0.98,
                                     0.95, 0.82, 1.02, 1.03, 1.03, 1.00};
/* Air conditioning: the warm months. */
static const double SHAPE_COOL[12] = {0.05, 0.05, 0.10, 0.30, 1.00, 2.30,
                                      3.00, 2.80, 1.40, 0.50, 0.10, 0.05};
/* A farm: milk cooling and ventilation peak in the warm months. */
static const double SHAPE_FARM[12] = {0.94, 0.92, 0.96, 1.00, 1.05, 1.08,
                                      1.10, 1.08, 1.02, 0.98, 0.94, 0.93};

/* ----------------------------------------------------------------- energy */

struct comp {
    double total;
    const double *shape;
    double noise;
};
#define MAX_COMP 8

/* Spreads the components over 12 months (noise per month, then rescaled so
 * each component keeps its total); annual is the sum of the rounded months. */
static void conn_make(struct conn *c, int gas, const struct comp *cp, int n, int monthly,
                      struct rng *r)
{
    double m[12] = {0};
    double total = 0;
    for (int k = 0; k < n; k++) {
        double tmp[12], sum = 0;
        for (int j = 0; j < 12; j++) {
            tmp[j] = cp[k].shape[j] * exp(cp[k].noise * rng_normal(r));
            sum += tmp[j];
        }
        for (int j = 0; j < 12; j++)
            m[j] += cp[k].total * tmp[j] / sum;
        total += cp[k].total;
    }
    c->gas = gas;
    c->monthly = monthly && !gas;
    c->annual10 = 0;
    for (int j = 0; j < 12; j++) {
        c->m10[j] = llround(m[j] * 10.0);
        c->annual10 += c->m10[j];
    }
    if (!c->monthly)
        c->annual10 = llround(total) * 10;
}

/* The median electricity of a household of s persons in dwelling a (before
 * heat pump, car, home office and panels). */
double elec_household(const struct world *w, const struct addr *a, int s)
{
    double m = s <= 5 ? w->elk_med[s] : w->elk_med[5] + w->elk_per_extra * (s - 5);
    double area = a->area > 100 ? w->elk_area_slope * (a->area - 100) : 0;
    return m * w->elk_type[a->dtype] + area;
}

/* The median electricity of an active non-residential unit of its use and
 * size (what planted patterns are "several times" of). */
double elec_unit_median(const struct world *w, const struct addr *a)
{
    double area = a->area;
    switch (a->usage) {
    case U_INDUSTRIE:
        return clampd(15000 + 80 * area, 15000, 300000);
    case U_WINKEL:
        return clampd(5000 + w->shop_m2 * area, 5000, w->shop_cap);
    case U_OVERIG:
        return area > 30 ? area * w->barn_m2 : 200;
    default:
        return clampd(10000 + 45 * area, 10000, 150000);
    }
}

static double gas_dwelling(const struct addr *a, int s, struct rng *r)
{
    static const double type_f[] = {1.0, 0.9, 1.0, 1.1, 1.12, 1.15};
    int y = a->byear;
    double age_f = y < 1930   ? 1.35
                   : y < 1965 ? 1.2
                   : y < 1975 ? 1.12
                   : y < 1992 ? 1.0
                   : y < 2006 ? 0.85
                              : 0.7;
    double hf = 0.85 + 0.05 * (s < 5 ? s : 5);
    return 1100.0 * pow(a->area / 100.0, 0.75) * age_f * type_f[a->dtype] * hf *
           rng_lognorm(r, 0.2);
}

static int en_gas(struct conn *c, double m3, struct rng *r)
{
    struct comp cp = {m3 < 0 ? 0 : m3, SHAPE_HP, 0.05};
    conn_make(c, 1, &cp, 1, 0, r);
    return 1;
}

/* Replaces the household components for planted patterns; returns count. */
static int en_dwelling_override(const struct gen *g, const struct addr *a, struct rng *r,
                                struct comp *cp, int n)
{
    const struct world *w = g->w;
    switch (a->mark) {
    case M_GROW_METERED: {
        /* One 600 W lamp per ~1-1.2 m2 of grow room; a flat has less room. */
        int max_lamps = clampi(a->area / 7, 5, 15);
        int hi = rng_chance(r, 0.7) ? clampi(max_lamps, 4, 8) : max_lamps;
        double lamps = rng_int(r, 4, hi);
        double hours = rng_range(r, 12, 18), overhead = rng_range(r, 1.2, 1.4);
        double kwh = lamps * 0.6 * 1.1 * hours * 365 * overhead;
        cp[n++] = (struct comp){kwh, SHAPE_FLAT, 0.02};
        return n;
    }
    case M_GROW_EMPTY:
        cp[0] = (struct comp){rng_range(r, 8000, 35000), SHAPE_FLAT, 0.03};
        return 1;
    case M_METER_BYPASS:
        cp[0] = (struct comp){rng_range(r, 20, 200), SHAPE_FLAT, 0.25};
        return 1;
    case M_LARGE_FAMILY_H:
        cp[0] = (struct comp){rng_range(r, 6000, 9000), SHAPE_HOUSE, 0.06};
        return 1;
    case M_VACANT_NEW:
        cp[0] = (struct comp){rng_range(r, 200, 900), SHAPE_FLAT, 0.1};
        return 1;
    case M_HP_EV: {
        double target = rng_range(r, 7000, 11000), rest = target - cp[0].total;
        double hp = rng_range(r, 1800, 3500), ev = rng_range(r, 2000, 3000);
        if (rest < 2000)
            rest = 2000;
        cp[1] = (struct comp){hp * rest / (hp + ev), SHAPE_HP, 0.06};
        cp[2] = (struct comp){ev * rest / (hp + ev), SHAPE_EV, 0.08};
        return 3;
    }
    case M_SOLAR_NZ:
        cp[1] = (struct comp){-(cp[0].total - rng_range(r, -500, 150)), SHAPE_SOLAR, 0.08};
        return 2;
    case M_GROW_SMALL:
        /* 2-4 lamps next to the household: 7,000-15,000 kWh on top */
        cp[n++] = (struct comp){rng_range(r, 7000, 15000), SHAPE_FLAT, 0.02};
        return n;
    case M_BYPASS_PARTIAL:
        /* the household's lights on the meter, the grow tapped before it */
        cp[0] = (struct comp){rng_range(r, 310, 890), SHAPE_HOUSE, 0.06};
        return 1;
    case M_BATTERY_SOLAR:
        /* the battery stores the day's production: net, flat-ish */
        cp[0] = (struct comp){rng_range(r, 3000, 5000), SHAPE_FLAT, 0.05};
        return 1;
    case M_SECOND_HOME:
        cp[0] = (struct comp){rng_range(r, 1500, 3000), SHAPE_SEASON, 0.10};
        return 1;
    case M_RECENT_MOVERS:
        /* the SJV covers the months the dwelling stood empty */
        cp[0] = (struct comp){rng_range(r, 60, 400), SHAPE_FLAT, 0.3};
        return 1;
    case M_EV_HP_BIG: {
        double target = rng_range(r, 12000, 16000), rest = target - cp[0].total;
        double hp = rng_range(r, 3500, 6000), ev = rng_range(r, 4000, 6000);
        if (rest < 6000) {
            cp[0].total = target - 6000;
            rest = 6000;
        }
        cp[1] = (struct comp){hp * rest / (hp + ev), SHAPE_HP, 0.06};
        cp[2] = (struct comp){ev * rest / (hp + ev), SHAPE_EV, 0.08};
        return 3;
    }
    case M_GROW_FLAT_SMALL: {
        /* 1-2 lamps in a small flat: in all 3.5-5 times the median of the
         * world's one-person flats of 50-70 m2, an excess of only ~4,000-6,000 */
        double total = g->flat1_med * rng_range(r, 3.5, 5.0);
        cp[0] = (struct comp){elec_household(w, a, 1) * rng_lognorm(r, 0.08), SHAPE_HOUSE, 0.06};
        cp[1] = (struct comp){total - cp[0].total, SHAPE_FLAT, 0.02};
        return 2;
    }
    default:
        return n;
    }
}

/* Households of one postcode (a block of similar homes) resemble each other
 * a little beyond what they hold: income, appliances, how the homes were kept
 * up. A small log-normal factor of the postcode's affluence. */
static double postcode_factor(const struct gen *g, const struct addr *a)
{
    double aff, life;
    postcode_profile(g, a, &aff, &life);
    return exp(g->w->elk_pc_sigma * aff);
}

/* A heat pump works harder in a larger home: scaled by (area / 120)^hp_area_exp. */
static double hp_area(const struct world *w, const struct addr *a)
{
    return w->hp_area_exp > 0 ? pow(a->area / 120.0, w->hp_area_exp) : 1.0;
}

/*
 * Ordinary uses that the world's household figures (2020) do not cover: a home
 * office, a ZZP's equipment, air conditioning and a hybrid heat pump next to
 * the gas boiler. From their own stream (S_WORLD), so that the draws of the
 * components above stay where they were; households in planted patterns that
 * replace the household's use do not get them. Home offices, air conditioning
 * and hybrid heat pumps are more common in affluent blocks (pc_tilt).
 */
struct extras {
    double office, zzp, airco, hybrid; /* kWh, 0 when absent */
};

static struct extras dwelling_extras(const struct gen *g, long i)
{
    const struct world *w = g->w;
    const struct addr *a = &g->a[i];
    struct extras x = {0, 0, 0, 0};
    if (a->hhsize == 0 || a->hhkind != H_NORMAL || a->mark != M_NONE)
        return x;
    struct rng r;
    rng_seed(&r, g->seed, S_WORLD, (uint64_t)i * 8 + 3);
    double u = rng_unif(&r), v = rng_unif(&r), aff, life;
    postcode_profile(g, a, &aff, &life);
    if (w->p_home_office > 0 && u < pc_tilt(w->p_home_office, w->pc_affluence, aff))
        x.office = w->home_office_lo + v * (w->home_office_hi - w->home_office_lo);
    if (w->zzp_hi > 0 && a->kvkkind == K_ZZP)
        x.zzp = exp(log(w->zzp_lo) + v * (log(w->zzp_hi) - log(w->zzp_lo)));
    double u2 = rng_unif(&r), v2 = rng_unif(&r), u3 = rng_unif(&r), v3 = rng_unif(&r);
    if (u2 < pc_tilt(w->p_airco, w->pc_affluence, aff))
        x.airco = w->airco_lo + v2 * (w->airco_hi - w->airco_lo);
    if (a->dtype != D_APART && a->tenure == T_OWNER && !(a->flags & F_ALLELEC) &&
        u3 < pc_tilt(w->p_hybrid, w->pc_affluence, aff))
        x.hybrid = (w->hybrid_lo + v3 * (w->hybrid_hi - w->hybrid_lo)) * hp_area(w, a);
    return x;
}

static int en_dwelling_extras(const struct gen *g, long i, struct comp *cp, int n)
{
    struct extras x = dwelling_extras(g, i);
    if (x.office > 0)
        cp[n++] = (struct comp){x.office, SHAPE_HOUSE, 0.06};
    if (x.zzp > 0)
        cp[n++] = (struct comp){x.zzp, SHAPE_BIZ, 0.05};
    if (x.airco > 0)
        cp[n++] = (struct comp){x.airco, SHAPE_COOL, 0.10};
    if (x.hybrid > 0)
        cp[n++] = (struct comp){x.hybrid, SHAPE_HP, 0.06};
    return n;
}

static int en_dwelling(const struct gen *g, long i, struct rng *r, struct conn *c)
{
    const struct world *w = g->w;
    const struct addr *a = &g->a[i];
    struct comp cp[MAX_COMP];
    int s = a->hhsize, n = 1;
    if (s > 0)
        cp[0] = (struct comp){elec_household(w, a, s) * rng_lognorm(r, w->elk_sigma) *
                                  postcode_factor(g, a),
                              SHAPE_HOUSE, 0.06};
    else
        cp[0] = (struct comp){rng_range(r, 150, 900), SHAPE_FLAT, 0.1};
    if ((a->flags & F_ALLELEC) && s > 0)
        cp[n++] = (struct comp){rng_range(r, w->hp_lo, w->hp_hi) * hp_area(w, a), SHAPE_HP, 0.06};
    if ((a->flags & F_EV) && s > 0)
        cp[n++] = (struct comp){rng_range(r, w->ev_lo, w->ev_hi), SHAPE_EV, 0.08};
    if (a->flags & F_SOLAR)
        cp[n++] = (struct comp){-rng_range(r, w->solar_lo, w->solar_hi), SHAPE_SOLAR, 0.08};
    n = en_dwelling_extras(g, i, cp, n);
    n = en_dwelling_override(g, a, r, cp, n);
    int monthly = rng_chance(r, w->p_monthly);
    if (a->mark == M_BYPASS_PARTIAL)
        monthly = rng_chance(r, 0.6);
    else if (a->mark == M_BATTERY_SOLAR)
        monthly = 1; /* a smart meter: the flat profile shows */
    conn_make(&c[0], 0, cp, n, monthly, r);
    if (a->flags & F_ALLELEC)
        return rng_chance(r, 0.15) ? 1 + en_gas(&c[1], 0, r) : 1;
    double m3 = s > 0 ? gas_dwelling(a, s, r) : rng_range(r, 100, 400);
    if (dwelling_extras(g, i).hybrid > 0)
        m3 *= g->w->hybrid_gas; /* the heat pump takes most of the heating */
    if (a->mark == M_GROW_EMPTY)
        m3 = rng_range(r, 150, 600);
    return 1 + en_gas(&c[1], m3, r);
}

static int en_simple(const struct world *w, struct conn *c, double kwh, const double *shape,
                     double noise, struct rng *r)
{
    struct comp cp = {kwh, shape, noise};
    conn_make(c, 0, &cp, 1, rng_chance(r, w->p_monthly), r);
    return 1;
}

static int en_care(const struct world *wo, const struct addr *a, struct rng *r, struct conn *c)
{
    int k = rng_int(r, 2, 4);
    double total = rng_range(r, 150000, 400000), w[4], sum = 0;
    for (int j = 0; j < k; j++)
        sum += (w[j] = rng_range(r, 0.5, 1.5));
    for (int j = 0; j < k; j++)
        en_simple(wo, &c[j], total * w[j] / sum, SHAPE_BIZ, 0.04, r);
    return k + en_gas(&c[k], a->area * 22.0 * rng_lognorm(r, 0.2), r);
}

/*
 * A farm's outbuilding: milking and cooling, ventilation, a workshop or just
 * light in a storage barn; use per m2 spreads over two orders of magnitude
 * (log-normal around barn_m2). Some are fed from the farmhouse's connection.
 */
static int en_barn(const struct world *w, const struct addr *a, struct rng *r, struct conn *c)
{
    if (!rng_chance(r, w->p_barn_conn))
        return 0;
    double kwh = clampd(a->area * w->barn_m2 * rng_lognorm(r, w->barn_sigma), 50, 150000);
    return en_simple(w, c, kwh, SHAPE_FARM, 0.06, r);
}

/* Refrigeration (food retail, a chain's shop, a cold store): kWh per m2 in
 * [lo, hi] log-uniform, flat over the year. */
static double en_cold(struct rng *r, double area, double lo, double hi)
{
    return area * rng_logskew(r, lo, hi, 1.0);
}

static int en_shop(const struct world *w, const struct addr *a, struct rng *r, struct conn *c)
{
    double area = a->area;
    int n;
    if (a->mark == M_COLD_STORE)
        /* refrigerated, in the middle of food retail per m2 (area set at planting) */
        n = en_simple(w, c, en_cold(r, area, 150, 300), SHAPE_FLAT, 0.03, r);
    else if (a->kvkkind == K_REMOTE)
        /* a chain's shop: refrigeration, 10-140 MWh, normal for its size */
        n = en_simple(w, c, clampd(en_cold(r, area, w->food_m2_lo, w->food_m2_hi), 10000, 140000),
                      SHAPE_FLAT, 0.03, r);
    else if (a->n_act == 0)
        n = en_simple(w, c, rng_range(r, 300, 2500), SHAPE_BIZ, 0.05, r);
    else if (w->food_share > 0 && rng_chance(r, w->food_share))
        n = en_simple(w, c, clampd(en_cold(r, area, w->food_m2_lo, w->food_m2_hi), 8000, 250000),
                      SHAPE_FLAT, 0.04, r);
    else
        n = en_simple(
            w, c,
            clampd(5000 + w->shop_m2 * area * rng_lognorm(r, w->shop_sigma), 5000, w->shop_cap),
            SHAPE_BIZ, 0.05, r);
    return rng_chance(r, 0.8) ? n + en_gas(&c[n], area * 10 * rng_lognorm(r, 0.3), r) : n;
}

static int en_industry(const struct world *w, const struct addr *a, struct rng *r, struct conn *c)
{
    int act = a->n_act > 0, n;
    double area = a->area;
    if (a->mark == M_GROW_NONRES)
        n = en_simple(w, c, rng_range(r, 6000, 30000), SHAPE_FLAT, 0.03, r);
    else if (a->mark == M_WORKSHOP)
        n = en_simple(w, c, rng_range(r, 20000, 80000), SHAPE_IND, 0.05, r);
    else if (a->mark == M_GROW_INDUSTRIAL)
        /* a plantation behind a working firm: 3-8 times a unit of its size */
        n = en_simple(w, c, elec_unit_median(w, a) * rng_range(r, 3.0, 8.0), SHAPE_FLAT, 0.02, r);
    else if (a->mark == M_COLD_STORE)
        /* cold store or servers: what an active unit of its size uses, flat */
        n = en_simple(w, c, 15000 + 80 * area * rng_range(r, 0.8, 1.4), SHAPE_FLAT, 0.03, r);
    else if (a->tenure == T_FARM)
        return en_barn(w, a, r, c);
    else if (act)
        n = en_simple(w, c, clampd(15000 + 80 * area * rng_lognorm(r, 0.4), 15000, 300000),
                      SHAPE_IND, 0.05, r);
    else
        n = en_simple(w, c, rng_range(r, 300, 4000), SHAPE_FLAT, 0.2, r);
    return rng_chance(r, act ? 0.5 : 0.2) ? n + en_gas(&c[n], area * 6 * rng_lognorm(r, 0.3), r)
                                          : n;
}

static int en_nonres(const struct world *w, const struct addr *a, struct rng *r, struct conn *c)
{
    int act = a->n_act > 0, n;
    double area = a->area;
    switch (a->usage) {
    case U_OVERIG:
        if (a->mark == M_GROW_NONRES)
            return en_simple(w, c, rng_logskew(r, 3000, 20000, 1.0), SHAPE_FLAT, 0.03, r);
        if (a->tenure == T_FARM)
            return en_barn(w, a, r, c);
        return rng_chance(r, 0.3) ? en_simple(w, c, rng_logskew(r, 5, 400, 0.7), SHAPE_FLAT, 0.3, r)
                                  : 0;
    case U_INDUSTRIE:
        return en_industry(w, a, r, c);
    case U_ZORG:
        return en_care(w, a, r, c);
    case U_LOGIES:
        n = en_simple(w, c, rng_range(r, 40000, 120000), SHAPE_BIZ, 0.05, r);
        return n + en_gas(&c[n], area * 15 * rng_lognorm(r, 0.2), r);
    case U_WINKEL:
        return en_shop(w, a, r, c);
    default:
        if (a->kvkkind == K_BC)
            n = en_simple(w, c, rng_range(r, 60000, 250000), SHAPE_BIZ, 0.04, r);
        else
            n = en_simple(w, c,
                          act ? clampd(10000 + 45 * area * rng_lognorm(r, 0.35), 10000, 150000)
                              : rng_range(r, 500, 4000),
                          SHAPE_BIZ, 0.05, r);
        return rng_chance(r, 0.7) ? n + en_gas(&c[n], area * 8 * rng_lognorm(r, 0.3), r) : n;
    }
}

int en_generate(const struct gen *g, long i, struct conn *c)
{
    struct rng r;
    rng_seed(&r, g->seed, S_EN, (uint64_t)i);
    if (g->a[i].usage == U_WOON)
        return en_dwelling(g, i, &r, c);
    return en_nonres(g->w, &g->a[i], &r, c);
}

static int dbl_cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The median electricity of the comparable flats (unmarked, one person, 50-70
 * m2, heated with gas), what a planted grow_flat_small is 3.5-5 times of.
 * Their rows do not depend on it, so it can be measured before anything is
 * written. */
void plan_energy_peers(struct gen *g)
{
    struct conn c[MAX_CONN];
    double *v = NULL;
    long m = 0, cap = 0;
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        if (a->usage != U_WOON || a->dtype != D_APART || a->hhsize != 1 || a->mark != M_NONE ||
            a->area < 50 || a->area > 70 || (a->flags & (F_ALLELEC | F_NOCONN)))
            continue;
        if (m == cap) {
            cap = cap ? cap * 2 : 1024;
            v = realloc(v, (size_t)cap * sizeof *v);
            if (!v)
                die("out of memory", NULL);
        }
        en_generate(g, i, c);
        v[m++] = (double)c[0].annual10 / 10.0;
    }
    if (m > 1)
        qsort(v, (size_t)m, sizeof *v, dbl_cmp);
    /* a tiny municipality may have none: the model's median then */
    g->flat1_med = m >= 9 ? (m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2)
                          : g->w->elk_med[1] * g->w->elk_type[D_APART];
    free(v);
}

/* ~0.5% of ordinary dwellings have no energy data at all (missing data
 * is "not evaluable", never zero). Decided after the spelling plan
 * and only for addresses without a variant, so that no variant is lost. */
void plan_noconn(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        if (a->usage != U_WOON || a->mark != M_NONE || (a->spell & ~SP_BAGID) != 0)
            continue;
        struct rng r;
        rng_seed(&r, g->seed, S_NOCONN, (uint64_t)i);
        if (rng_chance(&r, 0.005))
            a->flags |= F_NOCONN;
    }
    for (long i = 0; i < g->n; i++)
        g->s.noconn += g->a[i].usage == U_WOON && (g->a[i].flags & F_NOCONN);
}

/* ----------------------------------------------------------------- energy */

/*
 * SJI, the annual feed-in the grid operator reports (CAR/EDSN data): known for 70%
 * of electricity connections (decided per address, own stream); 0 without solar
 * panels, 1,200-2,600 kWh with them (300-900 behind a home battery). Empty for gas
 * and when unknown. It lets a reader rule out solar without monthly values.
 */
void fmt_sji(const struct gen *g, long i, const struct conn *c, int k, char *buf, size_t n)
{
    const struct addr *a = &g->a[i];
    struct rng r;
    rng_seed(&r, g->seed, S_SJI, (uint64_t)i);
    int known = rng_chance(&r, g->w->p_sji);
    double kwh = a->mark == M_BATTERY_SOLAR ? rng_range(&r, 300, 900) : rng_range(&r, 1200, 2600);
    buf[0] = 0;
    if (c->gas || !known)
        return;
    int solar = (a->flags & F_SOLAR) && k == 0;
    snprintf(buf, n, "%ld", solar ? (long)kwh : 0L);
}
