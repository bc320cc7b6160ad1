/*
 * plant_worlds.c: the patterns every world plants, added with the worlds.
 *
 * Why: the worlds exist to check that vik's defaults hold where nobody tuned
 * them, so each world also carries cases that sit where a default threshold
 * is most likely to be too tight or too loose: a grow in a small flat whose
 * excess is modest, a grow behind a working firm, cash purchases at market
 * price and far above it, an ABC resale slower than six months; and
 * legitimate look-alikes that the worlds make common: refrigerated units
 * whose firm is registered elsewhere, a student's flat bought with parents'
 * money, a couple's firms at home. Planted from their own stream (S_CASE3)
 * after every earlier pattern, so those stay where they were. Counts per
 * 17,000 addresses, at least 2 each at any size.
 */
#include "gen.h"

/* --------------------------------------------------------------- helpers */

static int ok_flat_small(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->dtype == D_APART && a->area >= 50 && a->area <= 70 &&
           a->n_dis == 0;
}

static int ok_flat(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->dtype == D_APART && a->n_dis == 0;
}

static int ok_unit_active(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_INDUSTRIE && a->kvkkind == K_BUSINESS && a->n_act >= 1 &&
           a->tenure != T_FARM && a->area >= 150 && a->area <= 400;
}

static int ok_unit_any(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_INDUSTRIE && a->tenure != T_FARM && a->kvkkind != K_CORP_HQ;
}

static int ok_cold_shop(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_WINKEL && a->kvkkind != K_CORP_HQ;
}

static int ok_cold_unit(const struct gen *g, const struct addr *a)
{
    return ok_unit_any(g, a) && a->area <= 1100;
}

/* A dwelling whose indexed WOZ makes EUR 350,000-550,000 lie at 0.9-1.2x. */
static int ok_woz_mid(const struct gen *g, const struct addr *a)
{
    return ok_owned_or_rented(g, a) && a->woz >= 310000 && a->woz <= 540000;
}

/* A small cheap flat: EUR 220,000 at 0.9x indexed WOZ stays in reach. */
static int ok_student_flat(const struct gen *g, const struct addr *a)
{
    return ok_flat(g, a) && a->area <= 60 && a->woz <= 200000;
}

static int ok_couple_home(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->hhsize >= 2 && a->hhsize <= 4 && a->n_dis == 0;
}

/* A buyer at a->event who either moves in (household kind hk, 1..max_size
 * persons) or lets the dwelling to the sitting tenants (a planted natural
 * person aged lo..hi at the purchase). */
static void plant_buyer(struct gen *g, struct rng *r, struct addr *a, int hk, int max_size,
                        double lo, double hi, int32_t when)
{
    if (rng_chance(r, 0.5)) {
        int size = rng_int(r, 1, max_size);
        set_buyer(g, r, a, hk, size, when);
        clear_energy_extras(a);
        return;
    }
    a->event = when;
    a->tenure = T_SPECIAL_NP;
    a->owner = new_special_person(g, when - years_days(rng_range(r, lo, hi)));
    if (a->hhkind == H_NONE)
        a->since = when;
}

/* ----------------------------------------------------------------- cases */

/* The peers of a grow_flat_small: ordinary one-person flats of 50-70 m2
 * heated with gas. */
static int ok_flat1_peer(const struct gen *g, const struct addr *a)
{
    return ok_flat_small(g, a) && a->hhsize == 1 && !(a->flags & F_ALLELEC);
}

static void plant_world_cases(struct gen *g, struct rng *r)
{
    /* at most 2.5% of its peers (a rural world has few flats) */
    long peers = 0;
    for (long i = 0; i < g->n; i++)
        peers += g->a[i].mark == M_NONE && ok_flat1_peer(g, &g->a[i]);
    for (long k = lmin(per17k(g, 3), lmax(1, (long)(0.025 * (double)peers))); k > 0; k--) {
        /* one resident, 1-2 lamps in a small flat (energy.c) */
        struct addr *a = &g->a[pick2(g, r, ok_flat_small, ok_flat)];
        a->mark = M_GROW_FLAT_SMALL;
        if (a->area < 50 || a->area > 70)
            set_area(a, rng_int(r, 50, 70));
        a->hhsize = 1;
        clear_energy_extras(a);
    }
    for (long k = per17k(g, 2); k > 0; k--) {
        /* a working firm at the unit, a plantation in the back */
        struct addr *a = &g->a[pick2(g, r, ok_unit_active, ok_unit_any)];
        a->mark = M_GROW_INDUSTRIAL;
        if (a->area < 150 || a->area > 400)
            set_area(a, rng_int(r, 150, 400));
        a->kvkkind = K_BUSINESS;
        if (a->n_act == 0)
            a->n_act = 1;
    }
    for (long k = per17k1(g, 1); k > 0; k--) {
        /* aged 22-29, no mortgage, EUR 350,000-550,000 at 0.9-1.2x WOZ */
        struct addr *a = &g->a[pick2(g, r, ok_woz_mid, ok_owned_or_rented)];
        a->mark = M_YOUNG_CASH_WOZ;
        if (a->woz < 310000 || a->woz > 540000)
            a->woz = (uint32_t)(rng_int(r, 330, 500) * 1000);
        plant_buyer(g, r, a, H_YOUNG2, 2, 22.0, 29.99, recent_day(g, r, 75, 715));
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        /* aged 35-60, no mortgage, 2.3-3.5x WOZ */
        struct addr *a = &g->a[pick(g, r, ok_owned_or_rented)];
        a->mark = M_CASH_OVERPAY;
        plant_buyer(g, r, a, H_MIDBUYER, 4, 35.0, 60.99, recent_day(g, r, 75, 715));
    }
    for (long k = per17k(g, 2); k > 0; k--) {
        /* A to B to C 7-12 months apart in the last 3 years (transactions.c) */
        struct addr *a = &g->a[pick(g, r, ok_owned_or_rented)];
        a->mark = M_ABC_SLOW;
        a->event = recent_day(g, r, 370, years_days(3.0) - 5);
        a->aux = rng_chance(r, 0.6) ? (uint32_t)(++g->n_spe) : 0; /* intermediate BV + 1 */
        if (rng_chance(r, 0.6)) {
            a->tenure = T_SPECIAL_NP;
            a->owner = new_special_person(g, g->ref - years_days(rng_range(r, 30.0, 65.0)));
        } else {
            a->tenure = T_SPECIAL_RP;
            a->owner = (uint32_t)g->n_spe++;
        }
        if (a->hhkind == H_NONE)
            a->since = a->event;
    }
    for (long k = per17k(g, 5); k > 0; k--) {
        /* aged 35-60, no mortgage, the deed at 0.45-0.65x WOZ: the rest of
         * the price paid in cash under the table */
        struct addr *a = &g->a[pick(g, r, ok_owned_or_rented)];
        a->mark = M_CASH_UNDERPAY;
        plant_buyer(g, r, a, H_MIDBUYER, 4, 35.0, 60.99, recent_day(g, r, 75, 715));
    }
    for (long k = per17k(g, 4); k > 0; k--) {
        /* aged 35-60, a mortgage on a price of 1.6-2.2x WOZ: an inflated
         * valuation pays the (related) seller out of the bank's money */
        struct addr *a = &g->a[pick(g, r, ok_owned_or_rented)];
        a->mark = M_MORTGAGE_OVERPAY;
        plant_buyer(g, r, a, H_MIDBUYER, 4, 35.0, 60.99, recent_day(g, r, 75, 715));
    }
}

/* ----------------------------------------------------------- look-alikes */

static void plant_world_lookalikes(struct gen *g, struct rng *r)
{
    for (long k = per17k(g, 4); k > 0; k--) {
        /* refrigeration or servers, the firm registered elsewhere: half shops
         * (70-460 m2 at 150-300 kWh/m2), half industrial units (energy.c) */
        int shop = rng_chance(r, 0.5);
        struct addr *a = &g->a[shop ? pick2(g, r, ok_cold_shop, ok_cold_unit)
                                    : pick2(g, r, ok_cold_unit, ok_cold_shop)];
        a->mark = M_COLD_STORE;
        if (a->usage == U_WINKEL)
            set_area(a, (int)rng_logskew(r, 70, 460, 1.0));
        a->kvkkind = K_REMOTE;
        a->n_act = 0;
    }
    for (long k = per17k(g, 4); k > 0; k--) {
        /* a student aged 18-24 bought a small cheap flat with parents' money */
        struct addr *a = &g->a[pick2(g, r, ok_student_flat, ok_flat)];
        a->mark = M_PARENTS_FLAT;
        if (a->area > 60)
            set_area(a, rng_int(r, 35, 60));
        if (a->woz > 200000)
            a->woz = (uint32_t)(rng_int(r, 150, 195) * 1000);
        set_buyer(g, r, a, H_STUDENT1, 1, recent_day(g, r, 75, 715));
        clear_energy_extras(a);
    }
    for (long k = per17k(g, 4); k > 0; k--) {
        /* a couple at home: holding, operating B.V., the partner's eenmanszaak */
        struct addr *a = &g->a[pick(g, r, ok_couple_home)];
        a->mark = M_SHARED_OFFICE;
        a->kvkkind = K_SHARED;
        a->hhkind = H_ADULTKIDS;
        a->n_act = (uint8_t)rng_int(r, 3, 4);
        a->n_dis = 0;
    }
}

void plant_worlds(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, S_CASE3, 1);
    plant_world_cases(g, &r);
    rng_seed(&r, g->seed, S_CASE3, 2);
    plant_world_lookalikes(g, &r);
}
