/*
 * geo.c: geography and buildings of the synthetic municipality, then WOZ.
 *
 * Why: every other plan hangs off where an address is and what it is. Streets
 * (with city and buurt), postcodes that never return, house numbers with
 * letters and suffixes, panden shared by the units of a block, floor areas and
 * build years are placed street by street from quotas per address type, so
 * that addresses of one number lie next to each other in the array (the
 * spelling plan relies on that). WOZ follows from use, area, type and age.
 */
#include "gen.h"

const char *const USAGE_NAME[U_N] = {
    "woonfunctie",      "winkelfunctie",           "kantoorfunctie",
    "industriefunctie", "overige gebruiksfunctie", "gezondheidszorgfunctie",
    "logiesfunctie"};

/* ------------------------------------------------------------ geography */

enum plot {
    P_ROW,
    P_PAIR,
    P_DET,
    P_BLOCK,
    P_SHOP,
    P_OFFICE,
    P_BC,
    P_IND,
    P_GARAGE,
    P_CARE,
    P_LOGIES,
    P_FARM, /* last, so that a world without farms draws exactly as before */
    P_N
};
enum bin { B_RES, B_CENTRE, B_IND, B_N };
/* Mean number of addresses per plot, so that types are drawn per plot. */
static const double PLOT_MEAN[P_N] = {5.5, 2, 1, 18, 1.3, 1, 1, 1, 11, 1, 1, 2.8};
/* Street character multipliers (residential bin): rows, mixed, villa, flats. */
static const double CHAR_MULT[4][P_N] = {{4, 1, 0.3, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.2},
                                         {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                                         {0.3, 3, 5, 0.2, 1, 1, 1, 1, 1, 1, 1, 3},
                                         {0.5, 0.5, 0.2, 5, 1, 1, 1, 1, 1, 1, 1, 0.1}};

struct geo {
    struct rng r;
    long q[B_N][P_N];
    long rem[B_N];
    int pc4, pcl, pc_cnt, pc_target;
    long pc4_cnt, pc4_target;
    uint32_t pand, vbo;
    long buurt, buurt_cnt, buurt_target;
    uint32_t city;
    long placed;
    int no, last_plain, era;
    int shift; /* extra numbers taken by Amsterdam-style blocks on this street */
};

static void geo_quotas(struct gen *g, struct geo *s)
{
    const struct world *w = g->w;
    long n = g->n;
    long care = lmax(1, scale17k(n, w->care17k)), logies = lmax(1, scale17k(n, w->hotels17k));
    long shop = lmax(2, scale17k(n, w->shops17k)), office = lmax(6, scale17k(n, w->offices17k));
    long bc = lmin(office / 2, lmax(3, scale17k(n, w->bcs17k)));
    /* at least 10 industrial units: five patterns plant in them */
    long ind = lmax(10, scale17k(n, w->ind17k)), garage = lmax(4, scale17k(n, w->garages17k));
    /* farms: farmhouse + outbuildings, all from one quota of addresses */
    long farms = w->farms17k > 0 ? lmax(2, scale17k(n, w->farms17k)) : 0;
    long farm_addr = lround((double)farms * (1.0 + w->barns_per_farm));
    long dw = n - care - logies - shop - office - ind - garage - farm_addr + farms;
    long apt = lround(w->apt_share * (double)dw), house = dw - apt;
    long row = lround(w->row_share * (double)house), pair = lround(w->semi_share * (double)house);
    /* 30% of the shops are neighbourhood shops in residential streets (a
     * bakery, a hairdresser, a corner shop): small businesses on the small-
     * consumer connections of residential postcodes */
    long apt_c = lround(0.12 * (double)apt), shop_r = lround(0.30 * (double)shop);
    long off_c = lround(0.55 * (double)(office - bc)), gar_r = lround(0.6 * (double)garage);
    long *r = s->q[B_RES], *c = s->q[B_CENTRE], *i = s->q[B_IND];
    r[P_ROW] = row;
    r[P_PAIR] = pair;
    r[P_DET] = lmax(0, house - row - pair - farms);
    r[P_FARM] = farm_addr;
    r[P_BLOCK] = apt - apt_c;
    r[P_SHOP] = shop_r;
    r[P_GARAGE] = gar_r;
    r[P_CARE] = care;
    r[P_LOGIES] = logies / 2;
    c[P_BLOCK] = apt_c;
    c[P_SHOP] = shop - shop_r;
    c[P_OFFICE] = off_c;
    c[P_LOGIES] = logies - logies / 2;
    i[P_OFFICE] = office - bc - off_c;
    i[P_BC] = bc;
    i[P_IND] = ind;
    i[P_GARAGE] = garage - gar_r;
    for (int b = 0; b < B_N; b++)
        for (int t = 0; t < P_N; t++)
            s->rem[b] += s->q[b][t];
}

static int pcl_valid(int pcl)
{
    int a = pcl / 26, b = pcl % 26;
    return !(a == 'S' - 'A' && (b == 0 || b == 'D' - 'A' || b == 'S' - 'A'));
}

static void geo_next_pc4(struct geo *s)
{
    do {
        s->pc4++;
        if (s->pc4 > 9999)
            s->pc4 = 1001;
        if (s->pc4 == 5661)
            die("too many addresses for the postcode space", NULL);
    } while (s->pc4 % 10 == 0);
    s->pcl = rng_int(&s->r, 0, 12);
    s->pc4_cnt = 0;
}

static void geo_next_postcode(struct geo *s)
{
    s->pcl += 1 + (rng_chance(&s->r, 0.4) ? rng_int(&s->r, 1, 3) : 0);
    while (s->pcl <= 675 && !pcl_valid(s->pcl))
        s->pcl++;
    if (s->pcl > 675)
        geo_next_pc4(s);
    s->pc_cnt = 0;
    s->pc_target = rng_int(&s->r, 6, 12);
}

static int era_year(const struct world *w, struct rng *r, int bin)
{
    static const int lo[] = {1900, 1945, 1965, 1980, 1995, 2010, 2019};
    static const int hi[] = {1944, 1964, 1979, 1994, 2009, 2018, 2025};
    if (bin == B_IND)
        return rng_int(r, 1965, 2022);
    int k = rng_pick(r, w->era_w, 7);
    return rng_int(r, lo[k], hi[k]);
}

static int plot_year(struct geo *s)
{
    if (rng_chance(&s->r, 0.05))
        return rng_int(&s->r, 1960, 2025);
    int y = s->era + rng_int(&s->r, -2, 2);
    return y < 1900 ? 1900 : (y > 2025 ? 2025 : y);
}

static void geo_new_street(struct gen *g, struct geo *s)
{
    if (g->n_st == g->cap_st) {
        g->cap_st = g->cap_st ? g->cap_st * 2 : 256;
        g->st = realloc(g->st, (size_t)g->cap_st * sizeof *g->st);
        if (!g->st)
            die("out of memory", NULL);
    }
    long k = g->n_st++;
    uint32_t city = (uint32_t)(k / STREETS_PER_CITY);
    if (k == 0 || city != s->city || s->buurt_cnt >= s->buurt_target) {
        s->buurt += k == 0 ? 0 : 1;
        s->buurt_cnt = 0;
        s->buurt_target = rng_int(&s->r, 600, 1100);
    }
    s->city = city;
    uint32_t j = (uint32_t)(k % STREETS_PER_CITY);
    g->st[k].name = (j * 37u + city * 11u) % (uint32_t)(N_STREET_BASE * N_STREET_SUFFIX);
    g->st[k].city = city;
    g->st[k].buurt = (uint32_t)s->buurt;
    if (k > 0 && s->pc4_cnt >= s->pc4_target)
        geo_next_pc4(s);
    if (k > 0)
        geo_next_postcode(s);
    s->no = rng_chance(&s->r, 0.1) ? 2 : 1;
    s->last_plain = -1;
    s->shift = 0;
}

/* A postcode covers 6-12 addresses; it may change between own house numbers,
 * never between units that share one number. */
static void geo_maybe_postcode(struct geo *s)
{
    if (s->pc_cnt >= s->pc_target)
        geo_next_postcode(s);
}

static uint32_t geo_new_pand(struct geo *s)
{
    s->pand += 1u + (rng_chance(&s->r, 0.3) ? (uint32_t)rng_int(&s->r, 1, 6) : 0u);
    return s->pand;
}

static struct addr *geo_add(struct gen *g, struct geo *s, int usage, int dtype, int no, int letter,
                            int suffix, uint32_t pand, int area, int byear, int tenure)
{
    long i = s->placed++;
    if (i >= g->n || g->n_st == 0)
        die("internal: address quota overflow", NULL);
    g->s.usage[usage]++;
    struct addr *a = &g->a[i];
    memset(a, 0, sizeof *a);
    s->vbo += 1u + (rng_chance(&s->r, 0.3) ? (uint32_t)rng_int(&s->r, 1, 4) : 0u);
    a->street = (uint32_t)(g->n_st - 1);
    a->pand = pand;
    a->vbo = s->vbo;
    a->pc4 = (uint16_t)s->pc4;
    a->pcl = (uint16_t)s->pcl;
    a->number = (uint16_t)(no + s->shift);
    a->letter = (uint8_t)letter;
    a->suffix = (uint8_t)suffix;
    a->usage = (uint8_t)usage;
    a->dtype = (uint8_t)dtype;
    a->area = (uint16_t)area;
    a->byear = (uint16_t)byear;
    a->tenure = (uint8_t)tenure;
    s->pc_cnt++;
    s->pc4_cnt++;
    s->buurt_cnt++;
    return a;
}

/* A normal floor area clamped to [lo, hi]. A world scales the houses' means,
 * spreads and bounds (the terraced 108 +- 14 m2 in 70..150 at factor 1) and
 * sets the detached and flat ones. */
static int area_draw(struct rng *r, double mean, double sd, double lo, double hi)
{
    return clampi((int)lround(mean + sd * rng_normal(r)), (int)lround(lo), (int)lround(hi));
}

static int house_area(const struct world *w, struct rng *r, int dtype)
{
    double f = w->house_area_f, m = w->det_area_mean, sd = w->det_area_sd;
    switch (dtype) {
    case D_TERRACED:
        return area_draw(r, 108 * f, 14 * f, 70 * f, 150 * f);
    case D_CORNER:
        return area_draw(r, 116 * f, 15 * f, 75 * f, 160 * f);
    case D_SEMI:
        return area_draw(r, 138 * f, 20 * f, 95 * f, 220 * f);
    case D_DETACHED:
        return area_draw(r, m, sd, m - 1.75 * sd, m + 3 * sd);
    default:
        return area_draw(r, w->apt_area_mean, w->apt_area_sd * 15.0 / 14.0, w->apt_area_mean - 35,
                         w->apt_area_mean + 40);
    }
}

static int house_tenure(struct rng *r, int corp_mode, double p_owner)
{
    if (corp_mode)
        return T_CORP;
    double u = rng_unif(r);
    if (u < p_owner)
        return T_OWNER;
    return u < p_owner + (1 - p_owner) * 0.35 ? T_CORP : T_PRIVATE;
}

/* One house with its own pand; rarely followed by a "BIS" sibling. */
static void geo_house(struct gen *g, struct geo *s, int dtype, int tenure, int byear, long *quota)
{
    geo_maybe_postcode(s);
    int no = s->no++;
    uint32_t pand = geo_new_pand(s);
    int area = house_area(g->w, &s->r, dtype);
    geo_add(g, s, U_WOON, dtype, no, 0, 0, pand, area, byear, tenure);
    s->last_plain = no;
    if (*quota > 0 && rng_chance(&s->r, 0.004)) {
        pand = geo_new_pand(s);
        area = rng_int(&s->r, 60, 110);
        int y = plot_year(s), ten = rng_chance(&s->r, 0.6) ? T_OWNER : T_PRIVATE;
        geo_add(g, s, U_WOON, D_DETACHED, no, 0, SUFFIX_BIS, pand, area, y, ten);
        (*quota)--;
        s->last_plain = -1;
    }
}

static long place_row(struct gen *g, struct geo *s, long *quota)
{
    int k = (int)lmin(rng_int(&s->r, 3, 8), *quota);
    *quota -= k;
    int corp = rng_chance(&s->r, g->w->p_corp_row), y = plot_year(s);
    for (int h = 0; h < k; h++) {
        int dt = (h == 0 || h == k - 1) ? D_CORNER : D_TERRACED;
        int ten = corp ? T_CORP : (rng_chance(&s->r, g->w->p_owner_house) ? T_OWNER : T_PRIVATE);
        geo_house(g, s, dt, ten, y, quota);
    }
    return k;
}

static long place_single(struct gen *g, struct geo *s, long *quota, int dtype)
{
    int k = dtype == D_SEMI ? (int)lmin(2, *quota) : 1;
    *quota -= k;
    int y = plot_year(s);
    for (int h = 0; h < k; h++) {
        int ten = house_tenure(&s->r, 0, g->w->p_owner_house);
        if (dtype == D_DETACHED && s->last_plain == s->no - 1 && rng_chance(&s->r, 0.04)) {
            uint32_t pand = geo_new_pand(s);
            int area = house_area(g->w, &s->r, dtype), yi = plot_year(s);
            geo_add(g, s, U_WOON, dtype, s->last_plain, 'A', 0, pand, area, yi, ten);
            s->last_plain = -1;
            continue;
        }
        geo_house(g, s, dtype, ten, y, quota);
    }
    return k;
}

/* Unit letters A, B, C... skip I, which exports confuse with the Roman
 * numeral suffix ("12-I" = first floor). */
static int unit_letter(int u)
{
    return 'A' + u + (u >= 'I' - 'A');
}

/*
 * Amsterdam-style (portiek) numbering: every stairwell has its own number with
 * the units H (huis, ground floor), 1, 2, 3. Drawn from its own stream and
 * only for blocks that would share one number, so that the geography stream
 * and s->no run exactly as before; the extra numbers shift the rest of the
 * street (geo.shift).
 */
static int block_amsterdam(const struct gen *g, uint32_t pand)
{
    struct rng r;
    rng_seed(&r, g->seed, S_SCHEME, pand);
    return rng_chance(&r, 0.25); /* of the ~65% shared-number blocks: ~15% of blocks */
}

/* Apartment block: one pand, units numbered by own numbers, letters, suffixes or both. */
static long place_block(struct gen *g, struct geo *s, long *quota)
{
    int k = (int)lmin(clampi(6 + (int)rng_exp(&s->r, 10), 6, 40), *quota);
    *quota -= k;
    static const double w_small[] = {0.35, 0.25, 0.30, 0.10};
    static const double w_big[] = {0.35, 0.0, 0.45, 0.20};
    int scheme = rng_pick(&s->r, k <= 14 ? w_small : w_big, 4);
    const struct world *w = g->w;
    int corp = rng_chance(&s->r, w->p_corp_block), y = plot_year(s);
    uint32_t pand = geo_new_pand(&*s);
    double am = w->apt_area_mean;
    int base = area_draw(&s->r, am, w->apt_area_sd, fmax(25, am - 30), am + 30);
    int e = rng_int(&s->r, 2, 3), m = (k + e - 1) / e, no = s->no;
    int ams = scheme != 0 && block_amsterdam(g, pand);
    for (int u = 0; u < k; u++) {
        int num = no, let = 0, suf = 0;
        if (ams) {
            num = no + u / 4;
            suf = u % 4 ? u % 4 : SUFFIX_H;
        } else if (scheme == 0) {
            num = no + u;
            geo_maybe_postcode(s);
        } else if (scheme == 1)
            let = unit_letter(u);
        else if (scheme == 2)
            suf = u + 1;
        else {
            let = unit_letter(u / m);
            suf = u % m + 1;
        }
        int area = clampi(base + rng_int(&s->r, -10, 10), (int)fmax(22, am - 35), (int)am + 40);
        int ten = corp ? T_CORP : (rng_chance(&s->r, w->p_owner_flat) ? T_OWNER : T_PRIVATE);
        geo_add(g, s, U_WOON, D_APART, num, let, suf, pand, area, y, ten);
    }
    s->no += scheme == 0 ? k : 1;
    s->shift += ams ? (k + 3) / 4 - 1 : 0;
    s->last_plain = -1;
    g->s.blocks++;
    g->s.ams_blocks += ams;
    return k;
}

/* Shop; in the centre often with a dwelling above it in the same pand. */
static long place_shop(struct gen *g, struct geo *s, int b)
{
    uint32_t pand = geo_new_pand(s);
    int y = plot_year(s), no = s->no++;
    geo_add(g, s, U_WINKEL, D_NONE, no, 0, 0, pand, (int)rng_logskew(&s->r, 40, 400, 1.6), y,
            T_NONE);
    s->q[b][P_SHOP]--;
    s->last_plain = -1;
    if (b != B_CENTRE || s->q[b][P_BLOCK] <= 0 || !rng_chance(&s->r, 0.4))
        return 1;
    s->q[b][P_BLOCK]--;
    int own = rng_chance(&s->r, 0.3);
    int area = rng_int(&s->r, 50, 110), ten = rng_chance(&s->r, 0.6) ? T_PRIVATE : T_OWNER;
    geo_add(g, s, U_WOON, D_APART, own ? s->no++ : no, own ? 0 : 'A', 0, pand, area, y, ten);
    return 2;
}

static long place_garages(struct gen *g, struct geo *s, long *quota)
{
    int k = (int)lmin(rng_int(&s->r, 4, 20), *quota);
    *quota -= k;
    int own = rng_chance(&s->r, 0.6), y = plot_year(s), no = s->no;
    uint32_t pand = geo_new_pand(s);
    for (int u = 0; u < k; u++) {
        if (own)
            geo_maybe_postcode(s);
        geo_add(g, s, U_OVERIG, D_NONE, own ? no + u : no, 0, own ? 0 : u + 1, pand,
                clampi((int)lround(17 + 4 * rng_normal(&s->r)), 12, 30), y, T_NONE);
    }
    s->no += own ? k : 1;
    s->last_plain = -1;
    return k;
}

static long place_nonres(struct gen *g, struct geo *s, int b, int t)
{
    int usage = U_KANTOOR, area = 0, y = plot_year(s);
    switch (t) {
    case P_OFFICE:
        area = (int)rng_logskew(&s->r, 80, 2000, 2.0);
        break;
    case P_BC:
        area = rng_int(&s->r, 600, 2000);
        break;
    case P_IND:
        usage = U_INDUSTRIE;
        area = (int)rng_logskew(&s->r, 100, 3000, 1.5);
        break;
    case P_CARE:
        usage = U_ZORG;
        area = rng_int(&s->r, 800, 3000);
        y = rng_int(&s->r, 1970, 2020);
        break;
    default:
        usage = U_LOGIES;
        area = rng_int(&s->r, 150, 1500);
        break;
    }
    s->q[b][t]--;
    struct addr *a = geo_add(g, s, usage, D_NONE, s->no++, 0, 0, geo_new_pand(s), area, y, T_NONE);
    if (t == P_BC)
        a->kvkkind = K_BC;
    s->last_plain = -1;
    return 1;
}

/*
 * A farm: a detached farmhouse and 1-4 outbuildings (barn, shed, stable,
 * workshop) on the same plot. The outbuildings take the letters A, B, ... of
 * the farmhouse's number, have their own pand, are owned with the farmhouse
 * (T_FARM) and are used by the farm's firm, which is registered at the
 * farmhouse (K_REMOTE at the outbuilding, K_FARM at the house).
 */
static long place_farm(struct gen *g, struct geo *s, long *quota)
{
    const struct world *w = g->w;
    int barns = clampi(1 + (int)lround(rng_exp(&s->r, w->barns_per_farm - 0.8)), 1, 4);
    int k = (int)lmin(1 + barns, *quota), no = s->no++;
    *quota -= k;
    /* one draw per statement: the order of a call's arguments is unspecified */
    int y = rng_chance(&s->r, 0.7) ? rng_int(&s->r, 1900, 1965) : plot_year(s);
    int area = house_area(w, &s->r, D_DETACHED);
    area = clampi(area + rng_int(&s->r, 0, 60), 110, 450);
    uint32_t pand = geo_new_pand(s);
    int tenure = house_tenure(&s->r, 0, w->p_owner_house);
    long farmhouse = s->placed;
    struct addr *a = geo_add(g, s, U_WOON, D_DETACHED, no, 0, 0, pand, area, y, tenure);
    a->kvkkind = K_FARM;
    for (int u = 1; u < k; u++) {
        int usage = rng_chance(&s->r, 0.65) ? U_OVERIG : U_INDUSTRIE;
        int ba = (int)rng_logskew(&s->r, 80, 1500, 1.3);
        int by = clampi(y + rng_int(&s->r, 0, 70), y, 2025);
        struct addr *b = geo_add(g, s, usage, D_NONE, no, unit_letter(u - 1), 0, geo_new_pand(s),
                                 ba, by, T_FARM);
        b->owner = (uint32_t)farmhouse;
        b->kvkkind = K_REMOTE;
    }
    s->last_plain = -1;
    return k;
}

static long geo_plot(struct gen *g, struct geo *s, int b, int ch)
{
    double w[P_N];
    for (int t = 0; t < P_N; t++)
        w[t] = (double)s->q[b][t] / PLOT_MEAN[t] * (b == B_RES ? CHAR_MULT[ch][t] : 1.0);
    int t = rng_pick(&s->r, w, P_N);
    geo_maybe_postcode(s);
    long n;
    switch (t) {
    case P_ROW:
        n = place_row(g, s, &s->q[b][t]);
        break;
    case P_PAIR:
        n = place_single(g, s, &s->q[b][t], D_SEMI);
        break;
    case P_DET:
        n = place_single(g, s, &s->q[b][t], D_DETACHED);
        break;
    case P_BLOCK:
        n = place_block(g, s, &s->q[b][t]);
        break;
    case P_SHOP:
        n = place_shop(g, s, b);
        break;
    case P_GARAGE:
        n = place_garages(g, s, &s->q[b][t]);
        break;
    case P_FARM:
        n = place_farm(g, s, &s->q[b][t]);
        break;
    default:
        n = place_nonres(g, s, b, t);
        break;
    }
    s->rem[b] = 0;
    for (int k = 0; k < P_N; k++)
        s->rem[b] += s->q[b][k];
    return n;
}

void geo_build(struct gen *g)
{
    struct geo s;
    memset(&s, 0, sizeof s);
    rng_seed(&s.r, g->seed, S_GEO, 0);
    geo_quotas(g, &s);
    s.pc4 = 5661;
    s.pcl = rng_int(&s.r, 0, 8);
    s.pc_target = rng_int(&s.r, 6, 12);
    s.pc4_target = lmin(2600, lmax(400, g->n / 9));
    s.pand = (uint32_t)rng_int(&s.r, 100000, 300000);
    s.vbo = (uint32_t)rng_int(&s.r, 100000, 300000);
    while (s.rem[B_RES] + s.rem[B_CENTRE] + s.rem[B_IND] > 0) {
        double w[B_N] = {(double)s.rem[B_RES], (double)s.rem[B_CENTRE], (double)s.rem[B_IND]};
        int b = rng_pick(&s.r, w, B_N);
        geo_new_street(g, &s);
        s.era = era_year(g->w, &s.r, b);
        int ch = rng_pick(&s.r, (const double[]){0.40, 0.30, 0.15, 0.15}, 4);
        long target = b == B_RES ? rng_int(&s.r, 40, 180)
                                 : (b == B_CENTRE ? rng_int(&s.r, 20, 80) : rng_int(&s.r, 15, 60));
        long placed = 0;
        while (placed < target && s.rem[b] > 0 && s.no < 230)
            placed += geo_plot(g, &s, b, ch);
    }
    long total = 0;
    for (int u = 0; u < U_N; u++)
        total += g->s.usage[u];
    if (total != g->n)
        die("internal: address count mismatch", NULL);
}

/* ----------------------------------------------------------------- WOZ */

void plan_woz(struct gen *g)
{
    const double per_m2[U_N] = {g->w->woz_m2, 1900, 1500, 800, 1300, 1900, 2000};
    static const double type_f[] = {1.0, 0.95, 1.0, 1.02, 1.06, 1.12};
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 1);
        /* a farm building is valued at depreciated replacement cost */
        double m2 = a->tenure == T_FARM ? 250 : per_m2[a->usage];
        double v = m2 * a->area * rng_lognorm(&r, 0.10);
        if (a->usage == U_WOON) {
            double age_f =
                a->byear < 1945 ? 1.05 : (a->byear < 1980 ? 0.93 : (a->byear < 2010 ? 1.0 : 1.08));
            v *= type_f[a->dtype] * age_f;
            if (v < 150000)
                v = 150000 + 10000 * rng_unif(&r);
        }
        a->woz = (uint32_t)(lround(v / 1000.0) * 1000);
    }
}
