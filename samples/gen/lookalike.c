/*
 * lookalike.c: the harder cases and the later look-alikes.
 *
 * Why: the first cases carried strong, clean signals. Real plantations mostly
 * bypass the meter or run a few lamps next to a household, real overcrowding
 * and postbox addresses are often moderate, and many legitimate addresses
 * resemble them. These come from their own stream (S_CASE2), planted after
 * everything in plant.c, so the earlier patterns stay put.
 */
#include "gen.h"

long per17k(const struct gen *g, double c)
{
    return lmax(2, lround(c * (double)g->n / 17000.0));
}

/* As per17k, at least 1: a pattern whose population is small. */
long per17k1(const struct gen *g, double c)
{
    return lmax(1, lround(c * (double)g->n / 17000.0));
}

static int ok_partial_bypass(const struct gen *g, const struct addr *a)
{
    return ok_meter_bypass(g, a) && a->n_dis == 0;
}

static int ok_overcrowd_mod(const struct gen *g, const struct addr *a)
{
    return ok_overcrowded(g, a) && a->area >= 55 && a->area <= 70;
}

static int ok_small_dwelling(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->area <= 85 && a->n_dis == 0;
}

static int ok_plain_any(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->n_dis == 0;
}

static int ok_old_house(const struct gen *g, const struct addr *a)
{
    (void)g;
    return ok_plain_house(g, a) && a->tenure == T_OWNER && a->area >= 100 && a->byear < 2015;
}

static int ok_second_home(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->tenure != T_CORP && a->byear < 2024 && a->n_dis == 0;
}

static int ok_recent_movers(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->hhsize >= 1 && a->hhsize <= 4 && a->byear < 2024;
}

static int ok_detached(const struct gen *g, const struct addr *a)
{
    (void)g;
    return ok_plain_house(g, a) && a->dtype == D_DETACHED;
}

static int ok_semi(const struct gen *g, const struct addr *a)
{
    (void)g;
    return ok_plain_house(g, a) && a->dtype == D_SEMI;
}

static int ok_family_firms(const struct gen *g, const struct addr *a)
{
    (void)g;
    return ok_plain_house(g, a) && a->hhsize >= 3 && a->n_dis == 0;
}

static int ok_small_family(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_dwelling(a) && (a->hhkind == H_NORMAL || a->hhkind == H_NONE) &&
           a->kvkkind == K_NONE && a->area >= 70 && a->area <= 85;
}

static void plant_harder_cases(struct gen *g, struct rng *r)
{
    for (long k = per17k(g, 3); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_grow_metered)];
        a->mark = M_GROW_SMALL;
        clear_energy_extras(a);
    }
    for (long k = per17k(g, 2); k > 0; k--) {
        struct addr *a = &g->a[pick2(g, r, ok_partial_bypass, ok_meter_bypass)];
        a->mark = M_BYPASS_PARTIAL;
        clear_energy_extras(a);
    }
    for (long k = per17k1(g, 1); k > 0; k--) {
        /* A young buyer pays cash at a market price and lives there; the
         * second dwelling (let, sitting tenants) is the only other signal. */
        long x = pick(g, r, ok_grow_empty);
        struct addr *a = &g->a[x];
        a->mark = M_YOUNG_CASH2;
        /* The day first, then the size: the order gcc happened to evaluate
         * these arguments in; a named variable makes it the same everywhere. */
        int32_t when = recent_day(g, r, 75, 715);
        set_buyer(g, r, a, H_YOUNG, rng_chance(r, 0.6) ? 1 : 2, when);
        struct addr *y = &g->a[pick(g, r, ok_private)];
        y->mark = M_OTHER_HOME;
        y->tenure = T_OTHER_HOME;
        y->owner = (uint32_t)x;
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_postbox_any)];
        a->mark = M_POSTBOX_SMALL;
        a->kvkkind = K_POSTSMALL;
        a->n_act = (uint8_t)rng_int(r, 3, 4);
        a->n_dis = 2;
        a->aux = (uint32_t)rng_int(r, 1, 2);
        if (a->hhsize > 3)
            a->hhsize = (uint8_t)rng_int(r, 1, 2);
        if (a->hhsize == 0)
            set_vacant(a, r);
        else if (a->tenure == T_OWNER && rng_chance(r, 0.5))
            a->tenure = T_PRIVATE;
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        long i = pick_in(g, r, ok_overcrowd_mod, 0, g->n);
        struct addr *a = &g->a[i >= 0 ? i : pick2(g, r, ok_overcrowded, ok_any_home)];
        if (a->area < 55 || a->area > 70) /* a world (or a tiny one) without such homes */
            set_area(a, 55 + (int)(a->vbo % 16));
        a->mark = M_OVERCROWD_MOD;
        a->hhkind = H_OVERCROWD;
        /* 10-13 m2 per person: 5 adults in 55-65 m2, 6 in 60-70 m2 */
        int lo = (a->area + 12) / 13, hi = a->area / 10;
        a->hhsize = (uint8_t)clampi(rng_int(r, clampi(lo, 5, 6), clampi(hi, 5, 6)), 5, 6);
        a->tenure = T_PRIVATE;
        a->flags &= (uint8_t) ~(F_SOLAR | F_EV);
    }
}

static void plant_more_lookalikes(struct gen *g, struct rng *r)
{
    for (long k = per17k(g, 4); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_solar_nz)];
        a->mark = M_BATTERY_SOLAR;
        clear_energy_extras(a);
        a->flags |= F_SOLAR;
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_second_home)];
        a->mark = M_SECOND_HOME;
        set_vacant(a, r);
        a->tenure = T_PRIVATE;
        clear_energy_extras(a);
    }
    for (long k = per17k(g, 4); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_recent_movers)];
        a->mark = M_RECENT_MOVERS;
        a->since = g->ref - rng_int(r, 30, 92);
        clear_energy_extras(a);
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        long i = pick_in(g, r, ok_detached, 0, g->n);
        struct addr *a = &g->a[i >= 0 ? i : pick2(g, r, ok_semi, ok_plain_house)];
        a->mark = M_EV_HP_BIG;
        int area = rng_int(r, 160, 250);
        a->woz = (uint32_t)(lround((double)a->woz * area / a->area / 1000.0) * 1000);
        a->area = (uint16_t)area;
        a->hhsize = (uint8_t)rng_int(r, 4, 5);
        a->flags = F_ALLELEC | F_EV;
    }
    for (long k = per17k(g, 2); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_meter_bypass)];
        a->mark = M_NO_ENERGY;
        a->flags |= F_NOCONN;
    }
    for (long k = per17k(g, 4); k > 0; k--) {
        struct addr *a = &g->a[pick2(g, r, ok_family_firms, ok_student)];
        a->mark = M_ZZP_CLUSTER;
        a->kvkkind = K_FAMILY;
        a->hhkind = H_ADULTKIDS;
        a->hhsize = (uint8_t)rng_int(r, 3, 4);
        a->n_act = 4;
        a->n_dis = 0;
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        /* Downsizers buy the smaller home first and sell the old one later. */
        long y = pick2(g, r, ok_old_house, ok_plain_house);
        g->a[y].mark = M_OTHER_HOME;
        long x = pick2(g, r, ok_small_dwelling, ok_plain_any);
        struct addr *a = &g->a[x];
        if (a->area > 85) /* a world (or a tiny one) without small homes left */
            set_area(a, 60 + (int)(a->vbo % 26));
        a->mark = M_CASH_DOWNSIZER;
        int32_t when = recent_day(g, r, 70, 175); /* before the size, as above */
        set_buyer(g, r, a, H_DOWNSIZER, rng_chance(r, 0.55) ? 1 : 2, when);
        clear_energy_extras(a);
        struct addr *b = &g->a[y];
        b->hhsize = 0;
        b->hhkind = H_NONE;
        b->tenure = T_OTHER_HOME;
        b->owner = (uint32_t)x;
        b->since = a->since;
        b->flags &= (uint8_t)~F_EV;
    }
    for (long k = per17k(g, 3); k > 0; k--) {
        struct addr *a = &g->a[pick2(g, r, ok_small_family, ok_any_home)];
        if (a->area < 70 || a->area > 85) /* a world (or a tiny one) without such homes */
            set_area(a, 70 + (int)(a->vbo % 16));
        a->mark = M_BIGFAM_SMALL;
        a->hhkind = H_BIGFAMILY;
        a->hhsize = 7;
        if (a->tenure == T_NONE || (a->tenure == T_OWNER && rng_chance(r, 0.5)))
            a->tenure = rng_chance(r, 0.6) ? T_CORP : T_PRIVATE;
        if (a->tenure == T_CORP)
            a->owner = corp_for(g, a, r);
    }
}

void plant_harder(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, S_CASE2, 1);
    plant_harder_cases(g, &r);
    rng_seed(&r, g->seed, S_CASE2, 2);
    plant_more_lookalikes(g, &r);
}
