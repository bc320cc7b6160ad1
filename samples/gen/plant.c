/*
 * plant.c: the planted cases and the first look-alikes (truth.csv), with the
 * helpers that pick eligible addresses.
 *
 * Why: vik is measured against known cases and legitimate addresses that look
 * like them. Each pattern changes the plan of a picked address (household,
 * tenure, flags, KvK kind) and marks it; the writers then derive the rows that
 * carry the pattern. PATTERNS names every mark. Drawn from S_CASE, so adding
 * patterns elsewhere leaves these where they are.
 */
#include "gen.h"

const struct pattern PATTERNS[M_COUNT] = {
    [M_NONE] = {"", -1, 0},
    [M_GROW_METERED] = {"grow_metered", TH_HENNEP, 1, PB(POP_OCCUPIED) | PB(POP_MONTHLY)},
    [M_GROW_EMPTY] = {"grow_empty", TH_HENNEP, 1, PB(POP_VACANT)},
    [M_GROW_NONRES] = {"grow_nonresidential", TH_HENNEP, 1, PB(POP_NONRES) | PB(POP_INDUSTRIAL)},
    [M_METER_BYPASS] = {"meter_bypass", TH_HENNEP, 1, PB(POP_OCCUPIED)},
    [M_YOUNG_CASH] = {"young_cash_buyer", TH_WITWASSEN, 1, PB(POP_YOUNG24) | PB(POP_PURCH24)},
    [M_ABC] = {"abc_resale", TH_WITWASSEN, 1, PB(POP_RESOLD3)},
    [M_YOUNG_MULTI] = {"young_multi_owner", TH_WITWASSEN, 1, PB(POP_YOUNG24) | PB(POP_YOUNG_OWNER)},
    [M_POSTBOX] = {"postbox_dwelling", TH_BRIEVENBUS, 1, PB(POP_FIRMS)},
    [M_OVERCROWDED] = {"overcrowded", TH_OVERBEWONING, 1, PB(POP_OCCUPIED)},
    [M_HP_EV] = {"heat_pump_ev", TH_HENNEP, 0},
    [M_LARGE_FAMILY_H] = {"large_family", TH_HENNEP, 0},
    [M_CARE] = {"care_home", TH_HENNEP, 0}, /* also written for overbewoning */
    [M_SOLAR_NZ] = {"solar_net_zero", TH_HENNEP, 0},
    [M_WORKSHOP] = {"workshop", TH_HENNEP, 0},
    [M_VACANT_NEW] = {"vacant_new", TH_HENNEP, 0},
    [M_ELDERLY_CASH] = {"elderly_cash_buyer", TH_WITWASSEN, 0},
    [M_DEV_RESALE] = {"developer_resale", TH_WITWASSEN, 0},
    [M_FAMILY_SALE] = {"family_sale", TH_WITWASSEN, 0},
    [M_CORPORATION] = {"corporation", TH_WITWASSEN, 0},
    [M_BC] = {"business_centre", TH_BRIEVENBUS, 0},
    [M_ZZP_HOLDING] = {"zzp_holding", TH_BRIEVENBUS, 0},
    [M_LARGE_FAMILY_O] = {"large_family", TH_OVERBEWONING, 0},
    [M_STUDENT] = {"student_house", TH_OVERBEWONING, 0},
    [M_GROW_SMALL] = {"grow_small", TH_HENNEP, 1, PB(POP_OCCUPIED) | PB(POP_MONTHLY)},
    [M_BYPASS_PARTIAL] = {"meter_bypass_partial", TH_HENNEP, 1, PB(POP_OCCUPIED)},
    [M_YOUNG_CASH2] = {"young_cash_two_homes", TH_WITWASSEN, 1,
                       PB(POP_YOUNG24) | PB(POP_YOUNG_OWNER)},
    [M_POSTBOX_SMALL] = {"postbox_small", TH_BRIEVENBUS, 1, PB(POP_FIRMS)},
    [M_OVERCROWD_MOD] = {"overcrowded_moderate", TH_OVERBEWONING, 1, PB(POP_OCCUPIED)},
    [M_BATTERY_SOLAR] = {"battery_solar", TH_HENNEP, 0},
    [M_SECOND_HOME] = {"second_home", TH_HENNEP, 0},
    [M_RECENT_MOVERS] = {"recent_movers", TH_HENNEP, 0},
    [M_EV_HP_BIG] = {"ev_heatpump_big", TH_HENNEP, 0},
    [M_NO_ENERGY] = {"no_energy_data", TH_HENNEP, 0},
    [M_ZZP_CLUSTER] = {"zzp_cluster", TH_BRIEVENBUS, 0},
    [M_CASH_DOWNSIZER] = {"cash_downsizer", TH_WITWASSEN, 0},
    [M_BIGFAM_SMALL] = {"big_family_small_house", TH_OVERBEWONING, 0},
    [M_OTHER_HOME] = {"", -1, 0},
    [M_GROW_FLAT_SMALL] = {"grow_flat_small", TH_HENNEP, 1,
                           PB(POP_OCCUPIED) | PB(POP_MONTHLY) | PB(POP_FLAT1)},
    [M_GROW_INDUSTRIAL] = {"grow_industrial", TH_HENNEP, 1, PB(POP_NONRES) | PB(POP_INDUSTRIAL)},
    [M_COLD_STORE] = {"cold_store", TH_HENNEP, 0},
    [M_YOUNG_CASH_WOZ] = {"young_cash_at_woz", TH_WITWASSEN, 1, PB(POP_YOUNG24)},
    [M_CASH_OVERPAY] = {"cash_overpay", TH_WITWASSEN, 1, PB(POP_PURCH24)},
    [M_ABC_SLOW] = {"abc_slow", TH_WITWASSEN, 1, PB(POP_RESOLD3)},
    [M_PARENTS_FLAT] = {"parents_student_flat", TH_WITWASSEN, 0},
    [M_SHARED_OFFICE] = {"shared_office_home", TH_BRIEVENBUS, 0},
    [M_CASH_UNDERPAY] = {"cash_underpay", TH_WITWASSEN, 1, PB(POP_PURCH24)},
    [M_MORTGAGE_OVERPAY] = {"mortgage_overpay", TH_WITWASSEN, 1, PB(POP_PURCH24)},
};

const char *const THEME_NAME[TH_N] = {"hennep", "witwassen", "brievenbus", "overbewoning"};

/* --------------------------------------------------------------- planting */

/* A random unmarked address satisfying ok, or -1. Random probes first, then a
 * scan from a random start so that a rare predicate still finds its match. */
long pick_in(const struct gen *g, struct rng *r, pred_fn ok, long lo, long hi)
{
    if (lo < 0)
        lo = 0;
    if (hi > g->n)
        hi = g->n;
    long span = hi - lo;
    if (span <= 0)
        return -1;
    for (int t = 0; t < 3000; t++) {
        long i = lo + (long)(rng_unif(r) * (double)span);
        if (g->a[i].mark == M_NONE && ok(g, &g->a[i]))
            return i;
    }
    long start = (long)(rng_unif(r) * (double)span);
    for (long k = 0; k < span; k++) {
        long i = lo + (start + k) % span;
        if (g->a[i].mark == M_NONE && ok(g, &g->a[i]))
            return i;
    }
    return -1;
}

/* Like pick_in over all addresses; the eligible sets are large (N >= 1000),
 * so running out is a bug in the plan, not a data condition. */
long pick(const struct gen *g, struct rng *r, pred_fn ok)
{
    long i = pick_in(g, r, ok, 0, g->n);
    if (i < 0)
        die("internal: no eligible address left for a planted pattern", NULL);
    return i;
}

/* pick() over the first predicate that still has a match. */
long pick2(const struct gen *g, struct rng *r, pred_fn a, pred_fn b)
{
    long i = pick_in(g, r, a, 0, g->n);
    return i >= 0 ? i : pick(g, r, b);
}

uint32_t new_special_person(struct gen *g, int32_t birth)
{
    if (g->n_sp == g->cap_sp) {
        g->cap_sp = g->cap_sp ? g->cap_sp * 2 : 256;
        g->sp_birth = realloc(g->sp_birth, (size_t)g->cap_sp * sizeof *g->sp_birth);
        if (!g->sp_birth)
            die("out of memory", NULL);
    }
    g->sp_birth[g->n_sp] = birth;
    return (uint32_t)g->n_sp++;
}

int is_dwelling(const struct addr *a)
{
    return a->usage == U_WOON;
}

/* Sets a's floor area and scales its WOZ along (a planted unit of a size). */
void set_area(struct addr *a, int area)
{
    a->woz = (uint32_t)(lround((double)a->woz * area / a->area / 1000.0) * 1000);
    a->area = (uint16_t)area;
}

/* Any dwelling without firms or a special household: the last resort of a
 * pattern that then sets the floor area it needs. */
int ok_any_home(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_dwelling(a) && (a->hhkind == H_NORMAL || a->hhkind == H_NONE) && a->kvkkind == K_NONE;
}

static int is_house(const struct addr *a)
{
    return a->usage == U_WOON && a->dtype != D_APART;
}

int plain_household(const struct addr *a)
{
    return a->usage == U_WOON && a->hhkind == H_NORMAL && a->kvkkind == K_NONE;
}

int ok_grow_metered(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->hhsize >= 1 && a->hhsize <= 3;
}

int ok_grow_empty(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->n_dis == 0;
}

static int ok_garage_free(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_OVERIG && a->area <= 30;
}

static int ok_small_industry(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_INDUSTRIE && a->area <= 300 && a->kvkkind != K_CORP_HQ;
}

int ok_meter_bypass(const struct gen *g, const struct addr *a)
{
    return ok_grow_metered(g, a) && a->since <= g->ref - years_days(2.0) - 30;
}

int ok_owned_or_rented(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && (a->tenure == T_OWNER || a->tenure == T_PRIVATE);
}

int ok_private(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->tenure == T_PRIVATE;
}

static int ok_postbox_apt(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->dtype == D_APART && a->area >= 40 && a->area <= 90 &&
           a->n_dis == 0;
}

int ok_postbox_any(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->area <= 120 && a->n_dis == 0;
}

int ok_overcrowded(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_dwelling(a) && (a->hhkind == H_NORMAL || a->hhkind == H_NONE) &&
           a->kvkkind == K_NONE && a->area >= 35 && a->area <= 85;
}

static int ok_hp_ev(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_house(a) && plain_household(a) && a->hhsize >= 2 && a->hhsize <= 5 && a->area >= 110;
}

static int ok_big_house(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_house(a) && a->hhkind == H_NORMAL && a->hhsize >= 2 && a->area >= 120;
}

int ok_solar_nz(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_house(a) && a->hhkind == H_NORMAL && a->hhsize >= 2 && a->tenure == T_OWNER;
}

static int ok_workshop(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_INDUSTRIE && a->kvkkind == K_BUSINESS && a->n_act >= 1;
}

int ok_plain_house(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_house(a) && plain_household(a);
}

static int ok_corp_dwelling(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_dwelling(a) && a->tenure == T_CORP && a->hhkind == H_NORMAL;
}

static int ok_holding(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_dwelling(a) && a->kvkkind == K_HOLDING;
}

static int ok_family_house(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_house(a) && a->hhkind == H_NORMAL && a->hhsize >= 2 && a->area >= 110 &&
           a->area <= 180;
}

int ok_student(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->area >= 100 && a->area <= 160;
}

void clear_energy_extras(struct addr *a)
{
    a->flags &= (uint8_t) ~(F_SOLAR | F_EV | F_ALLELEC);
}

void set_vacant(struct addr *a, struct rng *r)
{
    a->hhsize = 0;
    a->hhkind = H_NONE;
    if (a->tenure == T_OWNER)
        a->tenure = rng_chance(r, 0.7) ? T_PRIVATE : T_CORP;
}

static void apply_hennep(struct gen *g, struct rng *r, long i, int m)
{
    struct addr *a = &g->a[i];
    a->mark = (uint8_t)m;
    switch (m) {
    case M_GROW_METERED:
    case M_METER_BYPASS:
        clear_energy_extras(a);
        break;
    case M_GROW_EMPTY:
        set_vacant(a, r);
        clear_energy_extras(a);
        break;
    case M_GROW_NONRES:
        a->kvkkind = K_NONE;
        a->n_act = 0;
        if (a->tenure == T_ENTITY)
            a->tenure = rng_chance(r, 0.5) ? T_PRIVATE : T_INVESTOR;
        if (a->tenure == T_INVESTOR)
            a->owner = investor_pick(g, r);
        break;
    default:
        break;
    }
}

static void plant_hennep(struct gen *g, struct rng *r, long n)
{
    long n_met = lround(0.45 * (double)n), n_empty = lround(0.2 * (double)n);
    long n_nonres = lround(0.2 * (double)n), n_bypass = lmax(1, n - n_met - n_empty - n_nonres);
    for (long k = 0; k < n_met; k++)
        apply_hennep(g, r, pick(g, r, ok_grow_metered), M_GROW_METERED);
    for (long k = 0; k < n_empty; k++)
        apply_hennep(g, r, pick(g, r, ok_grow_empty), M_GROW_EMPTY);
    /* garage boxes mostly; a small industrial unit only while the planted
     * cases stay within 2.5% of the industrial units (grow_industrial plants
     * per17k(2) there later): a town has only 100-250 of them */
    long n_ind = 0;
    for (long i = 0; i < g->n; i++)
        n_ind += g->a[i].usage == U_INDUSTRIE;
    long ind_left = (long)(0.025 * (double)n_ind) - per17k(g, 2);
    for (long k = 0; k < n_nonres; k++) {
        int unit = rng_chance(r, 0.2) && ind_left > 0;
        long i = pick_in(g, r, unit ? ok_small_industry : ok_garage_free, 0, g->n);
        ind_left -= unit && i >= 0;
        if (i < 0)
            i = pick(g, r, ok_garage_free);
        apply_hennep(g, r, i, M_GROW_NONRES);
    }
    for (long k = 0; k < n_bypass; k++)
        apply_hennep(g, r, pick(g, r, ok_meter_bypass), M_METER_BYPASS);
}

int32_t recent_day(const struct gen *g, struct rng *r, int min_days, int max_days)
{
    return g->ref - rng_int(r, min_days, max_days);
}

static void plant_young_cash(struct gen *g, struct rng *r, long i)
{
    struct addr *a = &g->a[i];
    a->mark = M_YOUNG_CASH;
    if (rng_chance(r, 0.55)) {
        /* The young buyer moves in. */
        a->event = recent_day(g, r, 75, 715);
        a->since = a->event + rng_int(r, 10, 60);
        a->tenure = T_OWNER;
        a->hhkind = H_YOUNG;
        a->hhsize = (uint8_t)(rng_chance(r, 0.6) ? 1 : 2);
        return;
    }
    /* The young buyer lets it out; the sitting tenants stay. */
    a->event = recent_day(g, r, 30, 715);
    a->tenure = T_SPECIAL_NP;
    a->owner = new_special_person(g, a->event - years_days(rng_range(r, 19.0, 27.99)));
    if (a->hhkind == H_NONE)
        a->since = a->event;
}

static void plant_abc(struct gen *g, struct rng *r, long i)
{
    struct addr *a = &g->a[i];
    a->mark = M_ABC;
    a->event = recent_day(g, r, 160, years_days(3.0) - 5);
    a->aux = rng_chance(r, 0.6) ? (uint32_t)(++g->n_spe) : 0; /* intermediate BV + 1 */
    if (rng_chance(r, 0.6)) {
        a->tenure = T_SPECIAL_NP;
        a->owner = new_special_person(g, g->ref - years_days(rng_range(r, 30.0, 65.0)));
    } else {
        a->tenure = T_SPECIAL_RP;
        a->owner = (uint32_t)g->n_spe++;
    }
}

static long plant_young_multi(struct gen *g, struct rng *r, long rows_left)
{
    int k = (int)lmax(3, lmin(rng_int(r, 3, 5), rows_left));
    int32_t birth = g->ref - years_days(rng_range(r, 21.5, 29.8));
    uint32_t sp = new_special_person(g, birth);
    long first = pick(g, r, ok_private);
    int32_t earliest = birth + years_days(18.5);
    for (int j = 0; j < k; j++) {
        long i = j == 0 ? first : pick_in(g, r, ok_private, first - 1500, first + 1500);
        if (i < 0)
            i = pick(g, r, ok_private);
        struct addr *a = &g->a[i];
        a->mark = M_YOUNG_MULTI;
        a->tenure = T_SPECIAL_NP;
        a->owner = sp;
        /* two to three years ago: judged as an owner of several dwellings
         * (K4), it stays out of the last two years' young buyers (K1) */
        a->event = recent_day(g, r, 760, years_days(3.0) - 10);
        if (a->event < earliest)
            a->event = earliest + rng_int(r, 0, 200);
    }
    return k;
}

/*
 * Per 17 cases (17,000 addresses): 1 young cash buyer, 2 ABC resales and one
 * young person with 3 dwellings bought two to three years ago. Purchases by buyers under 30
 * are ~1.2-2.5% of a municipality's dwellings in two years (~190-430 per 17,000 addresses), so the
 * young-buyer patterns together (with young_cash_two_homes and young_cash_at_woz) stay at about 3%
 * of them; the theme's other cases sit in the population of all purchases (plant_worlds.c).
 */
static void plant_witwassen(struct gen *g, struct rng *r, long n)
{
    long n_young = lmax(1, lround(1.0 * (double)n / 17.0));
    long n_abc = lmax(2, lround(2.0 * (double)n / 17.0));
    long n_multi = lmax(3, lround(3.0 * (double)n / 17.0));
    for (long k = 0; k < n_young; k++)
        plant_young_cash(g, r, pick(g, r, ok_owned_or_rented));
    for (long k = 0; k < n_abc; k++)
        plant_abc(g, r, pick(g, r, ok_owned_or_rented));
    while (n_multi > 0)
        n_multi -= plant_young_multi(g, r, n_multi);
}

static void plant_postbox(struct gen *g, struct rng *r, long i)
{
    struct addr *a = &g->a[i];
    a->mark = M_POSTBOX;
    a->kvkkind = K_POSTBOX;
    a->n_act = (uint8_t)clampi(5 + (int)rng_exp(r, 3.0), 5, 14);
    a->n_dis = (uint8_t)rng_int(r, 2, 6);
    if (a->hhsize > 2)
        a->hhsize = (uint8_t)rng_int(r, 0, 2);
    if (a->hhsize == 0)
        set_vacant(a, r);
    else if (a->tenure == T_OWNER && rng_chance(r, 0.7))
        a->tenure = T_PRIVATE;
}

static void plant_overcrowded(struct gen *g, struct rng *r, long i)
{
    struct addr *a = &g->a[i];
    if (a->area < 35 || a->area > 85) /* a world (or a tiny one) without such homes */
        set_area(a, 35 + (int)(a->vbo % 51));
    a->mark = M_OVERCROWDED;
    a->hhkind = H_OVERCROWD;
    a->hhsize = (uint8_t)rng_int(r, 7, clampi(a->area / 5, 7, 16));
    a->tenure = T_PRIVATE;
    a->flags &= (uint8_t) ~(F_SOLAR | F_EV);
}

void plant_cases(struct gen *g, long n)
{
    struct rng r;
    rng_seed(&r, g->seed, S_CASE, 1);
    plant_hennep(g, &r, n);
    plant_witwassen(g, &r, n);
    for (long k = 0; k < n; k++)
        plant_postbox(g, &r, pick(g, &r, rng_chance(&r, 0.7) ? ok_postbox_apt : ok_postbox_any));
    for (long k = 0; k < n; k++)
        plant_overcrowded(g, &r, pick2(g, &r, ok_overcrowded, ok_any_home));
}

static void look_hennep(struct gen *g, struct rng *r, long i, int m)
{
    struct addr *a = &g->a[i];
    a->mark = (uint8_t)m;
    switch (m) {
    case M_HP_EV:
        if (a->byear < 2010)
            a->byear = (uint16_t)rng_int(r, 2010, 2024);
        a->flags = F_ALLELEC | F_EV;
        if (a->since < days_from_civil(a->byear, 1, 1))
            a->since = days_from_civil(a->byear, 1, 1) + rng_int(r, 0, 200);
        break;
    case M_LARGE_FAMILY_H:
        a->hhkind = H_BIGFAMILY;
        a->hhsize = (uint8_t)rng_int(r, 6, 9);
        clear_energy_extras(a);
        break;
    case M_SOLAR_NZ:
        clear_energy_extras(a);
        a->flags |= F_SOLAR;
        break;
    case M_VACANT_NEW:
        set_vacant(a, r);
        a->byear = (uint16_t)(rng_chance(r, 0.7) ? 2025 : 2026);
        a->flags = F_ALLELEC;
        a->kvkkind = K_NONE;
        a->n_act = a->n_dis = 0;
        if (rng_chance(r, 0.5)) {
            a->tenure = T_DEVELOPER;
            a->owner = (uint32_t)rng_int(r, 0, g->n_dev - 1);
        } else {
            a->tenure = T_SPECIAL_NP;
            a->owner = new_special_person(g, g->ref - years_days(rng_range(r, 26.0, 45.0)));
            a->event = recent_day(g, r, 20, 100);
        }
        break;
    default:
        break;
    }
}

static long frac_count(long n, double f)
{
    return lmax(3, lround(f * (double)n));
}

static void plant_look_hennep(struct gen *g, struct rng *r, long n)
{
    static const int marks[] = {M_HP_EV, M_LARGE_FAMILY_H, M_SOLAR_NZ, M_WORKSHOP, M_VACANT_NEW};
    static const pred_fn preds[] = {ok_hp_ev, ok_big_house, ok_solar_nz, ok_workshop,
                                    ok_plain_house};
    static const double fr[] = {0.25, 0.2, 0.25, 0.15, 0.15};
    for (int p = 0; p < 5; p++)
        for (long k = frac_count(n, fr[p]); k > 0; k--) {
            long i = pick(g, r, preds[p]);
            if (i >= 0)
                look_hennep(g, r, i, marks[p]);
        }
}

/* Resident owner buying at a->event and moving in shortly after. */
void set_buyer(struct gen *g, struct rng *r, struct addr *a, int kind, int size, int32_t when)
{
    a->tenure = T_OWNER;
    a->hhkind = (uint8_t)kind;
    a->hhsize = (uint8_t)size;
    a->event = when;
    a->since = when + rng_int(r, 10, 60);
    if (a->since > g->ref)
        a->since = g->ref;
}

static void plant_look_witwassen(struct gen *g, struct rng *r, long n)
{
    for (long k = frac_count(n, 0.35); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_grow_empty)];
        a->mark = M_ELDERLY_CASH;
        int size = rng_chance(r, 0.6) ? 1 : 2;
        set_buyer(g, r, a, H_ELDERLY, size, recent_day(g, r, 75, 715));
    }
    for (long k = frac_count(n, 0.25); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_plain_house)];
        a->mark = M_FAMILY_SALE;
        int size = rng_int(r, 2, 4);
        set_buyer(g, r, a, H_BUYER, size, recent_day(g, r, 75, years_days(3.0) - 10));
    }
    for (long k = frac_count(n, 0.25); k > 0; k--) {
        struct addr *a = &g->a[pick(g, r, ok_plain_house)];
        a->mark = M_DEV_RESALE;
        int size = rng_int(r, 1, 4);
        set_buyer(g, r, a, H_BUYER, size, recent_day(g, r, 75, years_days(3.0) - 200));
        a->byear = (uint16_t)year_of(a->event - 120);
        a->flags = F_ALLELEC | (a->flags & F_SOLAR);
        a->aux = (uint32_t)rng_int(r, 0, g->n_dev - 1);
    }
    for (long k = frac_count(n, 0.15); k > 0; k--)
        g->a[pick(g, r, ok_corp_dwelling)].mark = M_CORPORATION;
}

void plant_lookalikes(struct gen *g, long n)
{
    struct rng r;
    rng_seed(&r, g->seed, S_CASE, 2);
    for (long i = 0; i < g->n; i++) {
        if (g->a[i].usage == U_ZORG)
            g->a[i].mark = M_CARE;
        else if (g->a[i].kvkkind == K_BC) {
            g->a[i].mark = M_BC;
            g->s.pattern[M_BC]++;
        }
    }
    plant_look_hennep(g, &r, n);
    plant_look_witwassen(g, &r, n);
    long n_bc = g->s.pattern[M_BC];
    for (long k = lmax(3, n - n_bc + 2); k > 0; k--) {
        long i = pick_in(g, &r, ok_holding, 0, g->n); /* fewer in a tiny municipality */
        if (i >= 0) {
            g->a[i].mark = M_ZZP_HOLDING;
            g->a[i].n_dis = 0;
        }
    }
    for (long k = frac_count(n, 0.4); k > 0; k--) {
        struct addr *a = &g->a[pick(g, &r, ok_family_house)];
        a->mark = M_LARGE_FAMILY_O;
        a->hhkind = H_BIGFAMILY;
        a->hhsize = (uint8_t)rng_int(&r, 6, 9);
    }
    for (long k = frac_count(n, 0.4); k > 0; k--) {
        struct addr *a = &g->a[pick(g, &r, ok_student)];
        a->mark = M_STUDENT;
        a->hhkind = H_STUDENT;
        a->hhsize = (uint8_t)clampi((a->area + 24) / 25, 5, 7);
        a->tenure = T_PRIVATE;
        a->flags &= (uint8_t) ~(F_SOLAR | F_EV);
    }
}
