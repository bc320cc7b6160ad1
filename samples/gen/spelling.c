/*
 * spelling.c: how each export spells an address (variants V1-V7).
 *
 * Why: vik links the rows of every source to the Kadaster objects, which carry
 * the BAG spelling; real exports spell one address in many ways. Each address
 * gets at most one variant, decided after every other plan is final, so the
 * population, patterns and energy values do not change with it.
 */
#include "gen.h"

const char *const VARIANT_NAME[V_N] = {"exact",  "ground_floor", "roman", "letter_as_suffix",
                                       "unique", "bis"};

/* --------------------------------------------------------------- spelling */

/*
 * Why: vik links the rows of every source to the Kadaster objects, which carry
 * the BAG spelling, by match class: EXACT, BAG_ID, SWAPPED (letter read as
 * suffix or vice versa), SYNONYM (H/HS/HUIS/BG, I-IV, 2e, BIS = B), UNIQUE
 * (bare number, one address there); rows that stay AMBIGUOUS or whose address
 * the Kadaster lacks stay unlinked. Real exports spell one address in many
 * ways. Each address gets at most one variant, decided once
 * by plan_spelling from its own stream after every other plan is final, so
 * the population, the patterns and the energy values do not change.
 *
 *   V1 V_GROUND  BAG toevoeging H; exports write HS, huis, BG, 12-H, 12H
 *   V2 V_ROMAN   BAG toevoeging 1-4; exports write I-IV or 2e
 *   V3 V_LETSUF  BAG has the unit letter as toevoeging; exports keep the letter
 *   V4 V_UNIQUE  BAG 7A, the only address at 7; exports omit the letter
 *   V5 V_BIS     BAG toevoeging BIS; exports write the letter B
 *   V6 SP_BARE   BRP writes 12 where 12A..12F exist (stays ambiguous)
 *   V7 SP_ABSENT a new build the Kadaster exports lack (stays unlinked)
 */

int sp_kind(const struct addr *a)
{
    return (int)(a->spell & SP_KIND);
}

int sp_srcs(const struct addr *a)
{
    return (int)(a->spell >> SP_SRC_SHIFT) & SRC_ALL;
}

/* The variant export src writes; V_NONE when it writes the BAG spelling. */
int sp_in(const struct addr *a, int src)
{
    return (sp_srcs(a) & src) ? sp_kind(a) : V_NONE;
}

static void sp_set(struct addr *a, int kind, int srcs)
{
    if (!srcs)
        kind = V_NONE;
    a->spell = (uint16_t)((a->spell & ~0x7Fu) | (unsigned)kind | (unsigned)srcs << SP_SRC_SHIFT);
}

/* Which of n spellings export src uses for address i: fixed per address, so
 * that all energy connections of one address agree. */
int sp_form(const struct gen *g, long i, int src, int n)
{
    struct rng r;
    rng_seed(&r, g->seed, S_SPFORM, (uint64_t)i * 16 + (uint64_t)src);
    return rng_int(&r, 0, n - 1);
}

/* Exports that have rows for address i: a variant elsewhere is invisible. */
static int sp_rows(const struct gen *g, long i)
{
    const struct addr *a = &g->a[i];
    struct tx t[MAX_TX];
    struct conn c[MAX_CONN];
    int m = 0;
    if (a->hhsize > 0)
        m |= SRC_BRP;
    if (a->n_act + a->n_dis > 0)
        m |= SRC_KVK;
    if (!(a->flags & F_NOCONN) && (a->usage == U_WOON || en_generate(g, i, c) > 0))
        m |= SRC_EN;
    if (tx_generate(g, i, t) > 0)
        m |= SRC_TX;
    return m;
}

static int same_number(const struct addr *a, const struct addr *b)
{
    return a->pc4 == b->pc4 && a->pcl == b->pcl && a->number == b->number;
}

/* Addresses sharing postcode and number with i, i included. Units of one
 * number are placed one after another and a postcode never returns, so the
 * neighbours in the array are all there is. */
static int number_group(const struct gen *g, long i)
{
    int n = 1;
    for (long j = i - 1; j >= 0 && same_number(&g->a[j], &g->a[i]); j--)
        n++;
    for (long j = i + 1; j < g->n && same_number(&g->a[j], &g->a[i]); j++)
        n++;
    return n;
}

/* True when the BAG has an address at i's number without letter and suffix. */
static int number_has_bare(const struct gen *g, long i)
{
    long j = i;
    while (j > 0 && same_number(&g->a[j - 1], &g->a[i]))
        j--;
    for (; j < g->n && same_number(&g->a[j], &g->a[i]); j++)
        if (!g->a[j].letter && !g->a[j].suffix)
            return 1;
    return 0;
}

static int num_suffix(const struct addr *a)
{
    return a->suffix >= 1 && a->suffix <= 4;
}

/* V3 candidates: a unit letter without suffix. Not H, which as toevoeging
 * would mean the ground floor. */
static int letsuf_ok(const struct addr *a)
{
    return a->letter && a->letter != 'H' && !a->suffix;
}

/* Which exports write a natural variant: BRP, energy or both. */
static int brp_or_energy(double u)
{
    return u < 0.25 ? SRC_BRP : (u < 0.5 ? SRC_EN : SRC_BRP | SRC_EN);
}

/* The eight draws of address i: u[0] variant, u[1] BRP/energy, u[2] transactions,
 * u[3] BAG id, u[4] V6, u[5] V7, u[6] V4 in BRP, u[7] V4 in energy. Always all
 * eight, so that no decision depends on another address. */
static void sp_draws(const struct gen *g, long i, double *u)
{
    struct rng r;
    rng_seed(&r, g->seed, S_SPELL, (uint64_t)i);
    for (int k = 0; k < 8; k++)
        u[k] = rng_unif(&r);
}

/* V1-V5 for one dwelling, from the address's draws u[]. V4 changes the BAG
 * itself: the house gets letter A (it is alone at its number). */
static void sp_natural(struct gen *g, long i, const double *u)
{
    struct addr *a = &g->a[i];
    int kind = V_NONE, srcs = 0;
    if (a->usage != U_WOON)
        return;
    if (a->suffix == SUFFIX_H) {
        if (u[0] < 0.5) {
            kind = V_GROUND;
            srcs = brp_or_energy(u[1]) | SRC_KVK | (u[2] < 0.5 ? SRC_TX : 0);
        }
    } else if (num_suffix(a) && !a->letter && u[0] < 0.3) {
        kind = V_ROMAN;
        srcs = brp_or_energy(u[1]) | (u[2] < 0.3 ? SRC_TX : 0);
    } else if (letsuf_ok(a) && u[0] < 0.25) {
        kind = V_LETSUF; /* the KvK column "A" equals the BAG toevoeging */
        srcs = SRC_BRP | SRC_EN | SRC_TX;
    } else if (a->dtype != D_APART && !a->letter && !a->suffix && u[0] < 0.01 &&
               number_group(g, i) == 1) {
        a->letter = 'A';
        kind = V_UNIQUE;
        srcs = (u[6] < 0.3 ? SRC_BRP : 0) | (u[7] < 0.5 ? SRC_EN : 0);
    } else if (a->suffix == SUFFIX_BIS && u[0] < 0.3) {
        kind = V_BIS;
        srcs = SRC_EN;
    }
    if (srcs)
        srcs &= sp_rows(g, i);
    sp_set(a, kind, srcs);
}

static int sp_eligible_absent(const struct gen *g, long i)
{
    const struct addr *a = &g->a[i];
    return a->usage == U_WOON && a->mark == M_NONE && a->spell == 0 && !a->letter && !a->suffix &&
           number_group(g, i) == 1;
}

/* V7: ~0.3% of dwellings, the newest eligible ones (new builds the Kadaster
 * has not registered yet). Alone at their number, so that no neighbour turns
 * UNIQUE or stops being ambiguous. */
static void sp_absent(struct gen *g)
{
    double u[8];
    long cnt[REF_YEAR + 2 - 1900] = {0}, dw = 0, cum = 0;
    for (long i = 0; i < g->n; i++) {
        dw += g->a[i].usage == U_WOON;
        if (sp_eligible_absent(g, i))
            cnt[clampi(g->a[i].byear, 1900, REF_YEAR + 1) - 1900]++;
    }
    long target = lmax(1, lround(0.003 * (double)dw));
    int y = REF_YEAR + 1;
    while (y > 1900 && cum + cnt[y - 1900] < 2 * target)
        cum += cnt[y-- - 1900];
    cum += cnt[y - 1900];
    double p = cum > 0 ? (double)target / (double)cum : 0;
    for (long i = 0; i < g->n; i++) {
        if (g->a[i].byear < y || !sp_eligible_absent(g, i))
            continue;
        sp_draws(g, i, u);
        if (u[5] < p)
            g->a[i].spell |= SP_ABSENT;
    }
}

/* V6: ~1% of occupied block units at a shared number without a bare address. */
static void sp_bare(struct gen *g)
{
    double u[8];
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        if (a->usage != U_WOON || a->dtype != D_APART || (!a->letter && !a->suffix) ||
            a->hhsize == 0 || a->mark != M_NONE || a->spell != 0)
            continue;
        sp_draws(g, i, u);
        if (u[4] < 0.012 && number_group(g, i) >= 2 && !number_has_bare(g, i))
            g->a[i].spell |= SP_BARE;
    }
}

/* The export each theme's indicators read the address from. */
const int THEME_SRC[TH_N] = {SRC_EN, SRC_TX | SRC_BRP, SRC_KVK, SRC_BRP};

static int in_theme(int m, int th)
{
    return m != M_NONE && (PATTERNS[m].theme == th || (m == M_CARE && th == TH_OVERBEWONING));
}

static int sp_supports(int kind, int src)
{
    if (kind == V_LETSUF)
        return src != SRC_KVK;
    if (kind == V_BIS)
        return src != SRC_BRP;
    return kind != V_NONE;
}

/* The variant an address can take when forced; V4 (adding letter A) only
 * when allowed, so that the apartment variants come first. */
static int sp_force_kind(struct gen *g, long i, int src, int unique)
{
    struct addr *a = &g->a[i];
    int group = number_group(g, i);
    if (a->suffix == SUFFIX_H)
        return V_GROUND;
    if (num_suffix(a) && !a->letter && a->usage == U_WOON)
        return V_ROMAN;
    if (letsuf_ok(a) && group > 1 && src != SRC_KVK) {
        sp_set(a, V_LETSUF, (SRC_BRP | SRC_EN | SRC_TX) & sp_rows(g, i));
        return V_LETSUF;
    }
    if (a->suffix == SUFFIX_BIS && src != SRC_BRP)
        return V_BIS;
    if (unique && !a->suffix && group == 1) {
        a->letter = 'A';
        return V_UNIQUE;
    }
    return V_NONE;
}

/* Gives marked address i a variant in one of the exports want; 1 on success. */
static int sp_force(struct gen *g, long i, int want, int unique)
{
    struct addr *a = &g->a[i];
    int avail = want & sp_rows(g, i);
    if (!avail)
        return 0;
    int src = avail & -avail;
    int kind = sp_kind(a);
    if (kind == V_NONE)
        kind = sp_force_kind(g, i, src, unique);
    if (!sp_supports(kind, src))
        return 0;
    sp_set(a, kind, sp_srcs(a) | src);
    g->s.forced++;
    return 1;
}

/* At least two cases and two look-alikes per theme carry a variant in the
 * export the theme reads, so that linkage is exercised where it matters. */
static void sp_plant(struct gen *g)
{
    for (int th = 0; th < TH_N; th++)
        for (int is_case = 0; is_case <= 1; is_case++) {
            int want = THEME_SRC[th], have = 0;
            for (long i = 0; i < g->n; i++) {
                const struct addr *a = &g->a[i];
                have += in_theme(a->mark, th) && PATTERNS[a->mark].is_case == is_case &&
                        (sp_srcs(a) & want);
            }
            struct rng r;
            rng_seed(&r, g->seed, S_SPELL, (uint64_t)g->n + (uint64_t)(th * 2 + is_case));
            long start = (long)(rng_unif(&r) * (double)g->n);
            for (int unique = 0; unique <= 1; unique++)
                for (long k = 0; k < g->n && have < 2; k++) {
                    long i = (start + k) % g->n;
                    const struct addr *a = &g->a[i];
                    if (in_theme(a->mark, th) && PATTERNS[a->mark].is_case == is_case &&
                        !(sp_srcs(a) & want))
                        have += sp_force(g, i, want, unique);
                }
        }
}

/* Energy rows of ~40% of the addresses without any variant carry the BAG id. */
static void sp_bagid(struct gen *g)
{
    double u[8];
    for (long i = 0; i < g->n; i++) {
        if (g->a[i].spell != 0)
            continue;
        sp_draws(g, i, u);
        if (u[3] < 0.4)
            g->a[i].spell |= SP_BAGID;
    }
}

void plan_spelling(struct gen *g)
{
    double u[8];
    for (long i = 0; i < g->n; i++) {
        sp_draws(g, i, u);
        sp_natural(g, i, u);
    }
    sp_absent(g);
    sp_bare(g);
    sp_plant(g);
    sp_bagid(g);
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        g->s.variant[sp_kind(a)]++;
        g->s.bare += (a->spell & SP_BARE) != 0;
        g->s.absent += (a->spell & SP_ABSENT) != 0;
        g->s.ground_units += a->usage == U_WOON && a->suffix == SUFFIX_H;
        g->s.unique_houses +=
            a->letter && !a->suffix && sp_kind(a) != V_LETSUF && number_group(g, i) == 1;
    }
}
