/*
 * transactions.c: the Kadaster transfers of one object in the six years
 * before the reference date.
 *
 * Why: the witwassen patterns live in prices, buyers and mortgage flags. The
 * transfers of an object are re-derived from its own stream whenever needed
 * (writer, spelling plan); the last buyer is always the current owner.
 */
#include "gen.h"

/* ----------------------------------------------------------- transactions */

/* Whether a natural person aged `age` buying `a` takes a mortgage. A buyer
 * under 30 of a flat of at most 70 m2 has the world's own share: where
 * parents pay for a first flat, that is where it shows. */
static int mortgage_np(const struct gen *g, const struct addr *a, struct rng *r, double age)
{
    const double *p = g->w->p_cash;
    double p_none =
        age < 30 ? p[0] : (age < 45 ? p[1] : (age < 60 ? p[2] : (age < 70 ? p[3] : p[4])));
    if (age < 30 && a->dtype == D_APART && a->area <= 70)
        p_none = g->w->p_cash_young_flat;
    return !rng_chance(r, p_none);
}

/* Indexed WOZ of a at date, in euro. */
static double woz_at(const struct gen *g, const struct addr *a, int32_t date)
{
    return (double)a->woz * pow(1.07, (double)(date - g->woz_day) / YEAR_DAYS);
}

/* A price ratio in [lo, hi] whose price also lies in [eur_lo, eur_hi] (the
 * planted address was picked so that the two overlap; else the ratio wins).
 * Kept a little inside both, so that rounding the price stays within. */
static double ratio_between(const struct gen *g, const struct addr *a, int32_t date, double lo,
                            double hi, double eur_lo, double eur_hi, struct rng *r)
{
    double wz = woz_at(g, a, date);
    lo += 0.005;
    hi -= 0.005;
    double l = fmax(lo, (eur_lo + 1000) / wz), h = fmin(hi, (eur_hi - 1000) / wz);
    return l < h ? rng_range(r, l, h) : rng_range(r, lo, hi);
}

static int64_t tx_price(const struct gen *g, const struct addr *a, int32_t date, double ratio,
                        struct rng *r)
{
    double eur = woz_at(g, a, date) * ratio;
    eur = rng_chance(r, 0.9) ? round(eur / 500.0) * 500.0 : round(eur);
    return (int64_t)eur * 100;
}

static void tx_add(struct tx *t, int *n, int32_t date, int64_t cents, uint32_t id, int np,
                   int mortgage)
{
    if (*n >= MAX_TX)
        return;
    t[*n] = (struct tx){date, cents, id, np, mortgage};
    (*n)++;
}

/* An earlier sale to a buyer who no longer owns the object. */
static void tx_previous(const struct gen *g, long i, struct rng *r, int32_t before, struct tx *t,
                        int *n)
{
    const struct world *w = g->w;
    if (!rng_chance(r, w->p_prev))
        return;
    int32_t d = before - (int32_t)w->prev_gap_min - years_days(rng_exp(r, w->prev_gap_mean));
    if (d < g->win0)
        return;
    double age = rng_range(r, 25, 70);
    int64_t price = tx_price(g, &g->a[i], d, rng_lognorm(r, 0.10), r);
    tx_add(t, n, d, price, bsn_of(g, pidx_historic(g, i, 0)), 1, mortgage_np(g, &g->a[i], r, age));
}

static void tx_owner_occupied(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    struct owner o = owner_of(g, i);
    int planted = a->hhkind == H_YOUNG || a->hhkind == H_ELDERLY || a->hhkind == H_BUYER ||
                  a->hhkind == H_DOWNSIZER || a->hhkind == H_YOUNG2 || a->hhkind == H_MIDBUYER ||
                  a->hhkind == H_STUDENT1;
    int32_t p = planted ? a->event : a->since - rng_int(r, 7, 120);
    if (p < g->win0)
        return;
    double ratio = rng_lognorm(r, 0.10);
    int mort = mortgage_np(g, a, r, age_at(o.birth, p));
    if (a->mark == M_YOUNG_CASH) {
        ratio = rng_chance(r, 0.6) ? rng_range(r, 1.5, 2.1) : rng_range(r, 0.42, 0.6);
        mort = 0;
    } else if (a->mark == M_ELDERLY_CASH) {
        ratio = rng_range(r, 0.92, 1.08);
        mort = 0;
    } else if (a->mark == M_YOUNG_CASH2) {
        ratio = rng_range(r, 0.92, 1.28);
        mort = 0;
    } else if (a->mark == M_CASH_DOWNSIZER) {
        ratio = rng_range(r, 0.92, 1.18);
        mort = 0;
    } else if (a->mark == M_YOUNG_CASH_WOZ) {
        ratio = ratio_between(g, a, p, 0.9, 1.2, 350000, 550000, r);
        mort = 0;
    } else if (a->mark == M_CASH_OVERPAY) {
        ratio = rng_range(r, 2.31, 3.49);
        mort = 0;
    } else if (a->mark == M_PARENTS_FLAT) {
        ratio = ratio_between(g, a, p, 0.9, 1.15, 0, 220000, r);
        mort = 0;
    } else if (a->mark == M_CASH_UNDERPAY) {
        ratio = rng_range(r, 0.46, 0.64);
        mort = 0;
    } else if (a->mark == M_MORTGAGE_OVERPAY) {
        ratio = rng_range(r, 1.61, 2.19);
        mort = 1;
    } else if (a->mark == M_FAMILY_SALE || (a->mark == M_NONE && rng_chance(r, 0.02))) {
        ratio = a->mark == M_FAMILY_SALE ? rng_range(r, 0.6, 0.75) : rng_range(r, 0.6, 0.8);
        mort = 1;
    }
    if (a->mark == M_DEV_RESALE || (a->byear >= 2021 && a->mark == M_NONE && rng_chance(r, 0.05))) {
        int32_t d0 = p - rng_int(r, 30, 170);
        uint32_t dev = a->mark == M_DEV_RESALE ? a->aux : (uint32_t)rng_int(r, 0, g->n_dev - 1);
        tx_add(t, n, d0, tx_price(g, a, d0, rng_range(r, 0.93, 1.0), r),
               kvk_of(g, g->kvk_dev0 + dev), 0, 0);
        ratio = rng_range(r, 0.98, 1.08);
        mort = 1;
    } else if (!planted || a->mark == M_YOUNG_CASH || a->mark == M_YOUNG_CASH2 ||
               a->mark == M_CASH_DOWNSIZER || a->mark == M_YOUNG_CASH_WOZ ||
               a->mark == M_CASH_OVERPAY || a->mark == M_PARENTS_FLAT ||
               a->mark == M_CASH_UNDERPAY || a->mark == M_MORTGAGE_OVERPAY)
        tx_previous(g, i, r, p, t, n);
    tx_add(t, n, p, tx_price(g, a, p, ratio, r), o.id, 1, mort);
}

static void tx_landlord(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    const struct landlord *l = &g->ll[a->owner];
    int32_t p = g->ref - rng_int(r, 1, 60);
    p -= years_days(rng_exp(r, 9.0));
    if (p < l->birth + years_days(23.0))
        p = l->birth + years_days(23.0) + rng_int(r, 0, 365);
    if (p < g->win0 || p > g->ref)
        return;
    tx_previous(g, i, r, p, t, n);
    int mort = !rng_chance(r, l->nprops >= 2 ? 0.35 : 0.2);
    tx_add(t, n, p, tx_price(g, a, p, rng_lognorm(r, 0.10), r),
           bsn_of(g, pidx_landlord(g, a->owner)), 1, mort);
}

/* A to B to C. abc_resale: 2-5 months apart, +25-70%; abc_slow: 7-12 months
 * apart, +20-45%, no renovation (beyond a six-month window). */
static void tx_abc(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    struct owner o = owner_of(g, i);
    int slow = a->mark == M_ABC_SLOW;
    int32_t t1 = a->event, t2 = t1 + (slow ? rng_int(r, 214, 360) : rng_int(r, 60, 150));
    int64_t p1 = tx_price(g, a, t1, rng_range(r, 0.75, 1.0), r);
    double step = slow ? rng_range(r, 1.21, 1.44) : rng_range(r, 1.25, 1.7);
    int64_t p2 = (int64_t)(round((double)p1 * step / 50000.0) * 50000.0);
    double u = rng_unif(r); /* (N,N) 40%, (N,J) 30%, (J,N) 30% */
    int m1 = u >= 0.7, m2 = u >= 0.4 && u < 0.7;
    uint32_t b1 = a->aux ? kvk_of(g, g->kvk_spe0 + a->aux - 1) : bsn_of(g, pidx_historic(g, i, 1));
    tx_add(t, n, t1, p1, b1, a->aux ? 0 : 1, m1);
    tx_add(t, n, t2, p2, o.id, o.np, m2);
}

static void tx_special(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    struct owner o = owner_of(g, i);
    double ratio = rng_lognorm(r, 0.10);
    int mort = 1;
    if (a->mark == M_ABC || a->mark == M_ABC_SLOW) {
        tx_abc(g, i, r, t, n);
        return;
    }
    if (a->mark == M_YOUNG_CASH) {
        ratio = rng_chance(r, 0.6) ? rng_range(r, 1.5, 2.1) : rng_range(r, 0.42, 0.6);
        mort = 0;
        tx_previous(g, i, r, a->event, t, n);
    } else if (a->mark == M_YOUNG_MULTI) {
        ratio = rng_lognorm(r, 0.08);
        ratio *= rng_range(r, 0.95, 1.2);
        mort = !rng_chance(r, 0.8);
    } else if (a->mark == M_VACANT_NEW) {
        ratio = rng_lognorm(r, 0.05);
    } else if (a->mark == M_YOUNG_CASH_WOZ) {
        ratio = ratio_between(g, a, a->event, 0.9, 1.2, 350000, 550000, r);
        mort = 0;
        tx_previous(g, i, r, a->event, t, n);
    } else if (a->mark == M_CASH_OVERPAY) {
        ratio = rng_range(r, 2.31, 3.49);
        mort = 0;
        tx_previous(g, i, r, a->event, t, n);
    } else if (a->mark == M_CASH_UNDERPAY) {
        ratio = rng_range(r, 0.46, 0.64);
        mort = 0;
        tx_previous(g, i, r, a->event, t, n);
    } else if (a->mark == M_MORTGAGE_OVERPAY) {
        ratio = rng_range(r, 1.61, 2.19);
        tx_previous(g, i, r, a->event, t, n);
    }
    tx_add(t, n, a->event, tx_price(g, a, a->event, ratio, r), o.id, o.np, mort);
}

static void tx_nonres(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    if (a->tenure == T_CORP && a->usage == U_WOON) {
        if (a->byear < 2021)
            return;
        int32_t d = days_from_civil(a->byear, 1, 1) + rng_int(r, 0, 330);
        int64_t price = tx_price(g, a, d, rng_range(r, 0.85, 1.0), r);
        int mort = !rng_chance(r, 0.8);
        if (d <= g->ref)
            tx_add(t, n, d, price, owner_of(g, i).id, 0, mort);
        return;
    }
    if (a->tenure == T_DEVELOPER || a->tenure == T_FARM || !rng_chance(r, 0.30))
        return; /* a farm building is not sold apart from its farm */
    struct owner o = owner_of(g, i);
    int32_t d = g->win0 + rng_int(r, 0, g->ref - g->win0);
    int64_t price = tx_price(g, a, d, rng_lognorm(r, 0.15), r);
    tx_add(t, n, d, price, o.id, o.np, !rng_chance(r, o.np ? 0.5 : 0.45));
}

/* The second dwelling of a planted buyer. A downsizer bought the old house
 * long before the window; a young buyer bought it with a mortgage not long
 * before (or after) the cash purchase, once of age. */
static void tx_other_home(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i], *x = &g->a[a->owner];
    if (x->mark != M_YOUNG_CASH2)
        return;
    struct owner o = owner_of(g, i);
    int32_t p = x->event - rng_int(r, 120, 1000);
    if (p < o.birth + years_days(18.5))
        p = x->event + rng_int(r, 20, 150);
    if (p > g->ref - 5)
        p = g->ref - 5;
    tx_previous(g, i, r, p, t, n);
    tx_add(t, n, p, tx_price(g, a, p, rng_lognorm(r, 0.10), r), o.id, 1, 1);
}

int tx_generate(const struct gen *g, long i, struct tx *t)
{
    const struct addr *a = &g->a[i];
    struct rng r;
    rng_seed(&r, g->seed, S_TX, (uint64_t)i);
    int n = 0;
    if (a->usage == U_WOON && a->tenure == T_OWNER)
        tx_owner_occupied(g, i, &r, t, &n);
    else if (a->usage == U_WOON && a->tenure == T_PRIVATE)
        tx_landlord(g, i, &r, t, &n);
    else if (a->tenure == T_SPECIAL_NP || a->tenure == T_SPECIAL_RP)
        tx_special(g, i, &r, t, &n);
    else if (a->tenure == T_OTHER_HOME)
        tx_other_home(g, i, &r, t, &n);
    else
        tx_nonres(g, i, &r, t, &n);
    for (int k = 1; k < n; k++)
        for (int j = k; j > 0 && t[j].date < t[j - 1].date; j--) {
            struct tx x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    int keep = 0;
    for (int k = 0; k < n; k++)
        if (t[k].date >= g->win0 && t[k].date <= g->ref)
            t[keep++] = t[k];
    return keep;
}
