/*
 * population.c: households, tenure, energy flags, the KvK plan and owners.
 *
 * Why: the plan of each address (household size, arrival, owner kind, heat
 * pump / electric car / solar, how many firms are registered there) must be
 * fixed before patterns are planted on top of it. finalise() then settles
 * tenure, gives garage boxes their nearby owners, groups private dwellings into
 * landlords' portfolios and assigns the person and KvK index ranges that the
 * writers turn into BSNs and KvK numbers.
 */
#include "gen.h"

/* ------------------------------------------------------------ households */

static int32_t draw_since(const struct gen *g, struct rng *r, int byear)
{
    int32_t d;
    if (rng_chance(r, g->w->p_recent))
        d = g->ref - rng_int(r, 1, 364);
    else
        d = g->ref - 365 - years_days(fmin(rng_exp(r, g->w->stay_mean), 58.0));
    int32_t built = days_from_civil(byear, 1, 1);
    if (d < built)
        d = built + rng_int(r, 0, 240);
    return d > g->ref ? g->ref : d;
}

/*
 * The profile of a postcode (a block of similar homes): its affluence and its
 * life stage, each N(0, 1), from the world stream keyed by the postcode. Who
 * lives in a block differs from block to block: young families or the elderly,
 * people with a driveway, an electric car, panels and a study, or without.
 */
void postcode_profile(const struct gen *g, const struct addr *a, double *aff, double *life)
{
    struct rng r;
    uint64_t pc = (uint64_t)a->pc4 * 1000u + a->pcl;
    rng_seed(&r, g->seed, S_WORLD, (pc << 3) + 7);
    *aff = rng_normal(&r);
    *life = rng_normal(&r);
}

/* A share p tilted by a postcode's profile z (slope k); the factor averages 1
 * over postcodes, so the world's share stays what it states. */
double pc_tilt(double p, double k, double z)
{
    return k > 0 ? clampd(p * exp(k * z - k * k / 2), 0, 0.95) : p;
}

/* Household size 1..6+ with the world's shares, correlated within a postcode
 * by its life stage: a latent score sqrt(1 - rho^2) N + rho life (rho =
 * pc_lifestage) is N(0, 1) for every household, so the world's shares hold
 * exactly; its quantile picks the size, families where life > 0, singles,
 * couples and the elderly where life < 0. */
static int draw_size(const struct world *w, struct rng *r, int apartment, double life)
{
    static const double w_big[] = {0.55, 0.25, 0.12, 0.05, 0.03};
    const double *base = apartment ? w->hh_apt : w->hh_house;
    double k = w->pc_lifestage, sum = 0, c = 0;
    double z = sqrt(1 - k * k) * rng_normal(r) + k * life;
    double u = 0.5 * erfc(-z / sqrt(2.0));
    for (int j = 0; j < 6; j++)
        sum += base[j];
    int s = 1;
    while (s < 6 && u >= (c += base[s - 1] / sum))
        s++;
    return s < 6 ? s : 6 + rng_pick(r, w_big, 5);
}

/*
 * Student houses as an ordinary part of a world (base rate p_students of the
 * private-rented dwellings of 80-160 m2): 3-8 students aged 18-25, one per
 * 16-27 m2, many of them arriving each September (persons.c). Legitimate
 * density and registration churn. From the world stream, so a world without
 * students draws as before.
 */
static void plan_students(const struct gen *g, long i, struct addr *a)
{
    if (g->w->p_students <= 0 || a->tenure != T_PRIVATE || a->area < 80 || a->area > 160)
        return;
    struct rng r;
    rng_seed(&r, g->seed, S_WORLD, (uint64_t)i * 8 + 1);
    if (!rng_chance(&r, g->w->p_students))
        return;
    a->hhkind = H_STUDENT;
    a->hhsize = (uint8_t)clampi((int)lround(a->area / rng_range(&r, 16.0, 27.0)), 3, 8);
}

void plan_households(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 2);
        if (a->usage == U_ZORG) {
            a->hhkind = H_CARE;
            a->hhsize =
                (uint8_t)clampi((int)lround(a->area / 33.0 * rng_range(&r, 0.8, 1.2)), 25, 90);
            continue;
        }
        if (a->usage != U_WOON)
            continue;
        double p_vacant = a->byear >= 2025 ? 0.25 : g->w->p_vacant;
        a->hhkind = H_NORMAL;
        a->since = draw_since(g, &r, a->byear);
        if (a->kvkkind != K_FARM && rng_chance(&r, p_vacant)) {
            a->hhkind = H_NONE;
            a->hhsize = 0;
            continue;
        }
        double aff, life;
        postcode_profile(g, a, &aff, &life);
        a->hhsize = (uint8_t)draw_size(g->w, &r, a->dtype == D_APART, life);
        plan_students(g, i, a);
    }
}

/* --------------------------------------------------- tenure, flags, kvk */

void plan_flags(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        if (a->usage != U_WOON)
            continue;
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 3);
        if (a->hhsize == 0 && a->tenure == T_OWNER)
            a->tenure = rng_chance(&r, 0.5) ? T_PRIVATE : T_CORP;
        const struct world *w = g->w;
        int y = a->byear;
        double p_ae = w->p_ae[y >= 2019 ? 0 : (y >= 2010 ? 1 : (y >= 1990 ? 2 : 3))];
        int house = a->dtype != D_APART;
        if (rng_chance(&r, p_ae))
            a->flags |= F_ALLELEC;
        int villa = a->dtype == D_DETACHED || a->dtype == D_SEMI;
        double p_ev = !house                 ? w->p_ev_apt
                      : a->tenure != T_OWNER ? w->p_ev_house
                      : villa                ? w->p_ev_villa
                                             : w->p_ev_owner_house;
        /* cars, and panels on owner-occupied roofs, cluster in affluent blocks */
        double aff, life;
        postcode_profile(g, a, &aff, &life);
        if (a->hhsize > 0 && a->hhkind != H_STUDENT &&
            rng_chance(&r, pc_tilt(p_ev, w->pc_affluence, aff)))
            a->flags |= F_EV;
        double p_sol = a->tenure == T_OWNER  ? pc_tilt(w->p_solar_owner, w->pc_affluence, aff)
                       : a->tenure == T_CORP ? w->p_solar_corp
                                             : w->p_solar_private;
        if (house && rng_chance(&r, p_sol))
            a->flags |= F_SOLAR;
    }
}

static void plan_kvk_dwelling(const struct world *w, struct addr *a, struct rng *r)
{
    if (a->kvkkind == K_FARM)
        a->n_act = 1; /* the farm's firm (the draws below still run) */
    else if (a->hhsize > 0 && a->hhkind != H_STUDENT) {
        double u = rng_unif(r);
        if (u < w->p_zzp) {
            a->kvkkind = K_ZZP;
            a->n_act = 1;
        } else if (u < w->p_zzp + w->p_holding) {
            a->kvkkind = K_HOLDING;
            a->n_act = (uint8_t)(rng_chance(r, 0.35) ? 3 : 2);
        }
    }
    if (rng_chance(r, 0.016))
        a->n_dis = 1;
}

/* A shop run by a chain whose branch is registered at its head office
 * elsewhere: in use, refrigerated, but no KvK row at the unit (world stream). */
static int chain_remote(const struct gen *g, long i)
{
    if (g->w->p_chain_remote <= 0)
        return 0;
    struct rng r;
    rng_seed(&r, g->seed, S_WORLD, (uint64_t)i * 8 + 2);
    return rng_chance(&r, g->w->p_chain_remote);
}

static void plan_kvk_nonres(const struct gen *g, long i, struct addr *a, struct rng *r)
{
    const struct world *w = g->w;
    double p_act = a->usage == U_WINKEL    ? w->p_shop_act
                   : a->usage == U_KANTOOR ? w->p_office_act
                                           : w->p_ind_act;
    if (a->usage == U_OVERIG || a->kvkkind == K_REMOTE)
        return;
    if (a->usage == U_ZORG) {
        a->kvkkind = K_CARE;
        a->n_act = 1;
        return;
    }
    if (a->kvkkind == K_BC) {
        a->n_act = (uint8_t)rng_int(r, 15, 40);
        a->n_dis = (uint8_t)lround(a->n_act * rng_range(r, 0.15, 0.35));
        return;
    }
    if (a->usage == U_WINKEL && chain_remote(g, i)) {
        a->kvkkind = K_REMOTE;
    } else if (a->usage == U_LOGIES || rng_chance(r, p_act)) {
        a->kvkkind = (a->usage == U_WINKEL && rng_chance(r, w->p_chain)) ? K_CHAIN : K_BUSINESS;
        a->n_act = 1;
    }
    double u = rng_unif(r);
    a->n_dis = (uint8_t)(u < 0.10 ? 2 : (u < 0.42 ? 1 : 0));
}

void plan_kvk(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 4);
        if (a->usage == U_WOON)
            plan_kvk_dwelling(g->w, a, &r);
        else
            plan_kvk_nonres(g, i, a, &r);
    }
}

uint32_t investor_pick(const struct gen *g, struct rng *r)
{
    double u = rng_unif(r);
    return (uint32_t)((double)g->n_inv * u * u);
}

uint32_t corp_for(const struct gen *g, const struct addr *a, struct rng *r)
{
    if (rng_chance(r, 0.2))
        return (uint32_t)rng_int(r, 0, g->n_corp - 1);
    uint64_t x = g->seed ^ (uint64_t)g->st[a->street].buurt * 0x9E37ULL;
    return (uint32_t)(splitmix64(&x) % (uint64_t)g->n_corp);
}

static void plan_owner_nonres(struct gen *g, struct addr *a, struct rng *r)
{
    int own = a->n_act > 0 && a->kvkkind != K_BC;
    if (a->tenure == T_FARM)
        return; /* owned with the farmhouse */
    double u = rng_unif(r);
    switch (a->usage) {
    case U_OVERIG:
        a->tenure = u < 0.65 ? T_NEARBY : (u < 0.85 ? T_CORP : (u < 0.95 ? T_INVESTOR : T_PRIVATE));
        break;
    case U_ZORG:
        a->tenure = u < 0.6 ? T_ENTITY : T_CORP;
        break;
    case U_INDUSTRIE:
        a->tenure = own && u < 0.5 ? T_ENTITY : (u < 0.95 ? T_INVESTOR : T_PRIVATE);
        break;
    default:
        a->tenure = own && u < 0.3 ? T_ENTITY : (u < 0.92 ? T_INVESTOR : T_PRIVATE);
        break;
    }
    if (a->tenure == T_CORP)
        a->owner = corp_for(g, a, r);
    else if (a->tenure == T_INVESTOR)
        a->owner = investor_pick(g, r);
}

void plan_owners(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 6);
        if (a->usage != U_WOON)
            plan_owner_nonres(g, a, &r);
        else if (a->tenure == T_CORP)
            a->owner = corp_for(g, a, &r);
    }
    /* Each corporation's head office is one of the ordinary offices. */
    struct rng r;
    rng_seed(&r, g->seed, S_PLAN, 7);
    int c = 0;
    for (long t = 0; t < 100L * g->n && c < g->n_corp; t++) {
        struct addr *a = &g->a[rng_int(&r, 0, (int)g->n - 1)];
        if (a->usage != U_KANTOOR || a->kvkkind != K_BUSINESS)
            continue;
        a->kvkkind = K_CORP_HQ;
        a->tenure = T_CORP;
        a->owner = (uint32_t)c++;
    }
}

/* ------------------------------------------------------------- finalise */

static void fix_tenure(struct gen *g, struct rng *r)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        if (a->tenure == T_OWNER && a->hhsize == 0)
            a->tenure = T_PRIVATE;
        if (a->tenure == T_ENTITY &&
            (a->n_act == 0 || a->kvkkind == K_BC || a->kvkkind == K_POSTBOX)) {
            a->tenure = T_INVESTOR;
            a->owner = investor_pick(g, r);
        }
        if (a->tenure == T_NONE)
            die("internal: address without owner", NULL);
    }
}

/* Garage boxes owned by an owner-occupier living nearby. */
static void resolve_nearby(struct gen *g, struct rng *r)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        if (a->tenure != T_NEARBY)
            continue;
        long found = -1;
        for (long d = 1; d < 400 && found < 0; d++) {
            long c1 = i - d, c2 = i + d;
            if (c1 >= 0 && g->a[c1].tenure == T_OWNER && g->a[c1].hhsize > 0)
                found = c1;
            else if (c2 < g->n && g->a[c2].tenure == T_OWNER && g->a[c2].hhsize > 0)
                found = c2;
        }
        if (found < 0) {
            a->tenure = T_INVESTOR;
            a->owner = investor_pick(g, r);
        } else
            a->owner = (uint32_t)found;
    }
}

static int portfolio_size(const struct world *w, struct rng *r)
{
    double u = rng_unif(r), c = 0;
    for (int k = 0; k < 5; k++)
        if (u < (c += w->ll_w[k]))
            return k + 1;
    return rng_int(r, w->ll_big_lo, w->ll_big_hi);
}

/* Overcrowded dwellings go to the big landlords about half the time. */
static void swap_overcrowded(struct gen *g, struct rng *r, const uint32_t *priv, long m)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        if (a->mark != M_OVERCROWDED || !rng_chance(r, 0.5))
            continue;
        for (int t = 0; t < 200; t++) {
            struct addr *b = &g->a[priv[rng_int(r, 0, (int)m - 1)]];
            if (b->mark == M_NONE && b->usage == U_WOON && g->ll[b->owner].nprops >= 6) {
                uint32_t o = a->owner;
                a->owner = b->owner;
                b->owner = o;
                break;
            }
        }
    }
}

static void assign_landlords(struct gen *g, struct rng *r)
{
    long m = 0;
    for (long i = 0; i < g->n; i++)
        m += g->a[i].tenure == T_PRIVATE;
    uint32_t *priv = malloc((size_t)(m ? m : 1) * sizeof *priv);
    g->ll = malloc((size_t)(m ? m : 1) * sizeof *g->ll);
    if (!priv || !g->ll)
        die("out of memory", NULL);
    m = 0;
    for (long i = 0; i < g->n; i++)
        if (g->a[i].tenure == T_PRIVATE)
            priv[m++] = (uint32_t)i;
    for (long k = m - 1; k > 0; k--) {
        long j = (long)(rng_unif(r) * (double)(k + 1));
        uint32_t t = priv[k];
        priv[k] = priv[j];
        priv[j] = t;
    }
    for (long pos = 0; pos < m;) {
        long k = lmin(portfolio_size(g->w, r), m - pos);
        struct landlord *l = &g->ll[g->n_ll];
        l->birth = g->ref - years_days(rng_range(r, 35.0, 80.0));
        l->nprops = (uint16_t)k;
        for (long j = 0; j < k; j++)
            g->a[priv[pos + j]].owner = (uint32_t)g->n_ll;
        g->n_ll++;
        pos += k;
    }
    if (m > 0)
        swap_overcrowded(g, r, priv, m);
    free(priv);
}

int first_is_foreign(const struct addr *a)
{
    return (a->kvkkind == K_CHAIN || a->kvkkind == K_CORP_HQ) && a->n_act > 0;
}

void finalise(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, S_LL, 0);
    fix_tenure(g, &r);
    resolve_nearby(g, &r);
    assign_landlords(g, &r);
    uint64_t persons = 0, ents = 0;
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        a->person0 = (uint32_t)persons;
        persons += a->hhsize;
        a->kvk0 = (uint32_t)ents;
        ents += (uint64_t)(a->n_act + a->n_dis - first_is_foreign(a));
    }
    g->n_res = (long)persons;
    g->kvk_corp0 = (uint32_t)g->n_chain;
    g->kvk_inv0 = g->kvk_corp0 + (uint32_t)g->n_corp;
    g->kvk_dev0 = g->kvk_inv0 + (uint32_t)g->n_inv;
    g->kvk_spe0 = g->kvk_dev0 + (uint32_t)g->n_dev;
    g->kvk_addr0 = g->kvk_spe0 + (uint32_t)g->n_spe;
    if ((uint64_t)g->kvk_addr0 + ents >= 100000000ULL)
        die("too many KvK entities", NULL);
    if (persons + (uint64_t)g->n_ll + (uint64_t)g->n_sp + 2ULL * (uint64_t)g->n >= 9 * BSN_BLOCK)
        die("too many persons for the BSN space", NULL);
}
