/*
 * persons.c: the persons registered at an address and the owner of an object.
 *
 * Why: rows are never kept in memory. hh_generate() re-derives the household
 * of one address (births, arrival dates, surnames) from its own stream, the
 * same way for brp.csv, for the owner columns of the Kadaster exports and for
 * the buyers in the transactions, so all files agree. owner_of() maps the
 * tenure of the plan to an owner id (BSN or KvK number).
 */
#include "gen.h"

/* Invented surnames (synthetic only); a few with accents to exercise cp1252. */
const char *const SURNAME[] = {
    "Aaldering",        "Bakkenes",        "van Beekhuis",   "Berendsma",      "Bolwerk",
    "Brinkhorst",       "van Dalsum",      "Dekkinga",       "van Doorneveld", "Everdink",
    "Fennema",          "Gerritsma",       "van der Haagen", "Hendrikx",       "Hoefnagels",
    "Jacobse",          "Kalkhoven",       "Klaassens",      "de Kort",        "Lammerink",
    "van Leeuwenstein", "Maasdijk",        "Meulendijks",    "Nijhof",         "Oosterbeek",
    "Pijnenborg",       "van Rooijakkers", "Schellekens",    "Smulders",       "Spierings",
    "Teurlings",        "van Tilburgh",    "Verhagen",       "Vermeulen",      "Wijnhoven",
    "Zegveld",          "Dupr\xC3\xA9",    "M\xC3\xB6ller",  "Ba\303\277ens",  "Jans\xC3\xA9n",
    "Yilmazer",         "Kowalsky",        "Rodrigues",      "van Tuyl",       "Hermans",
    "Peeters"};

const char *const NATIONALITY[] = {"0001", "0052", "0054", "0057", "0100", "0131", "0233", "0263"};

/* ---------------------------------------------------------------- persons */

uint64_t pidx_landlord(const struct gen *g, uint32_t l)
{
    return (uint64_t)g->n_res + l;
}

static uint64_t pidx_special(const struct gen *g, uint32_t s)
{
    return (uint64_t)g->n_res + (uint64_t)g->n_ll + s;
}

uint64_t pidx_historic(const struct gen *g, long i, int slot)
{
    return (uint64_t)g->n_res + (uint64_t)g->n_ll + (uint64_t)g->n_sp + 2ULL * (uint64_t)i +
           (uint64_t)slot;
}

struct hh {
    const struct gen *g;
    const struct addr *a;
    struct rng r;
    struct person *p;
    int n;
    uint16_t fam;
    int32_t built;
};

/* Adds a person; since is clamped to [birth, ref] and after construction. */
static void hh_push(struct hh *h, int32_t birth, int32_t since, int own_name)
{
    struct person *q = &h->p[h->n++];
    if (since < h->built)
        since = h->built + rng_int(&h->r, 0, 180);
    if (since < birth)
        since = birth;
    if (since > h->g->ref)
        since = h->g->ref;
    q->birth = birth;
    q->since = since;
    q->pidx = h->a->person0 + (uint32_t)(h->n - 1);
    q->surname = own_name ? (uint16_t)rng_int(&h->r, 0, N_SURNAME - 1) : h->fam;
    q->nat = rng_chance(&h->r, 0.93) ? 0 : (uint16_t)rng_int(&h->r, 1, N_NAT - 1);
    q->gender = rng_chance(&h->r, 0.5) ? 'M' : 'V';
    q->partial = 0;
}

static double single_age(const struct world *w, struct rng *r, int apt)
{
    static const double lo[] = {20, 35, 65}, hi[] = {35, 65, 95};
    int k = rng_pick(r, apt ? w->single_apt : w->single_house, 3);
    return rng_range(r, lo[k], hi[k]);
}

static void hh_kids(struct hh *h, int kids, double head_age, int32_t D, double min_age)
{
    double maxk = fmin(24.0, head_age - 20.0);
    for (int k = 0; k < kids; k++) {
        double age = maxk >= 18.5 && rng_chance(&h->r, 0.12)
                         ? rng_range(&h->r, 18.0, maxk)
                         : rng_range(&h->r, 0.0, fmin(17.9, maxk));
        if (age < min_age)
            age = min_age + rng_range(&h->r, 0, 3);
        int32_t birth = h->g->ref - years_days(age) - rng_int(&h->r, 0, 30);
        hh_push(h, birth, D > birth ? D : birth, 0);
    }
}

/* Couple (or single adult) moving in at D, with partner arriving later sometimes. */
static void hh_adults(struct hh *h, int n_ad, double head_age, int32_t D, int strict)
{
    int32_t ref = h->g->ref;
    hh_push(h, ref - years_days(head_age) - rng_int(&h->r, 0, 364), D, 0);
    if (n_ad < 2)
        return;
    double pa = fmax(18.5, head_age + 3.0 * rng_normal(&h->r));
    int32_t ps = (!strict && rng_chance(&h->r, 0.15)) ? D + rng_int(&h->r, 0, ref - D) : D;
    pa = fmax(pa, age_at(ps, ref) + 18.5);
    int32_t birth = ref - years_days(pa) - rng_int(&h->r, 0, 364);
    hh_push(h, birth, ps, rng_chance(&h->r, 0.5));
}

static void hh_normal(struct hh *h)
{
    const struct addr *a = h->a;
    int s = a->hhsize, apt = a->dtype == D_APART;
    int strict = a->mark == M_METER_BYPASS || a->mark == M_BYPASS_PARTIAL ||
                 a->mark == M_NO_ENERGY || a->mark == M_RECENT_MOVERS;
    int32_t D = a->since;
    double ysince = age_at(D, h->g->ref);
    if (s == 1) {
        hh_adults(h, 1, fmax(single_age(h->g->w, &h->r, apt), ysince + 18.5), D, strict);
        return;
    }
    if (s == 2 && rng_chance(&h->r, 0.70)) {
        double p_old = apt ? h->g->w->p_old_couple_apt : h->g->w->p_old_couple_house;
        double ha = rng_chance(&h->r, p_old) ? rng_range(&h->r, 65, 92) : rng_range(&h->r, 22, 65);
        hh_adults(h, 2, fmax(ha, ysince + 18.5), D, strict);
        return;
    }
    int n_ad = (s == 2 || rng_chance(&h->r, 0.15)) ? 1 : 2;
    int grand = s >= 6 && rng_chance(&h->r, 0.2);
    double ha = fmax(rng_range(&h->r, h->g->w->head_lo, h->g->w->head_hi), ysince + 18.5);
    hh_adults(h, n_ad, ha, D, strict);
    hh_kids(h, s - n_ad - grand, ha, D, strict ? 2.3 : 0.0);
    if (grand)
        hh_push(h, h->g->ref - years_days(rng_range(&h->r, 68, 90)), D, 1);
}

static void hh_care(struct hh *h)
{
    for (int k = 0; k < h->a->hhsize; k++) {
        double age = rng_chance(&h->r, 0.75) ? rng_range(&h->r, 80, 101) : rng_range(&h->r, 65, 80);
        double stay = fmin(rng_exp(&h->r, 2.3), age - 60);
        hh_push(h, h->g->ref - years_days(age), h->g->ref - years_days(stay), 1);
    }
}

/* A student's arrival: 80% in September (the academic year), this year for
 * ~40% of them, otherwise 1-4 years ago; the rest on any day of 4 years. */
static int32_t student_since(struct hh *h)
{
    static const double w_year[] = {0.40, 0.27, 0.18, 0.10, 0.05};
    if (!rng_chance(&h->r, 0.8))
        return h->g->ref - rng_int(&h->r, 5, years_days(4.0));
    int k = rng_pick(&h->r, w_year, 5);
    return days_from_civil(REF_YEAR - k, 9, rng_int(&h->r, 1, 30));
}

static void hh_overcrowd(struct hh *h, double p_recent, double lo, double hi, int students)
{
    for (int k = 0; k < h->a->hhsize; k++) {
        int recent = !students && rng_chance(&h->r, p_recent);
        int32_t since = students ? student_since(h)
                        : recent ? h->g->ref - rng_int(&h->r, 5, 360)
                                 : h->g->ref - years_days(rng_range(&h->r, 1.0, 3.0));
        double age = students ? rng_range(&h->r, lo, hi)
                              : fmin(hi, fmax(lo, 31.0 + 8.0 * rng_normal(&h->r)));
        age = fmax(age, age_at(since, h->g->ref) + 18.0);
        hh_push(h, h->g->ref - years_days(age), since, 1);
    }
}

/* Household of a buyer who purchased at a->event aged [lo, hi). */
static void hh_buyer(struct hh *h, double lo, double hi)
{
    const struct addr *a = h->a;
    /* hh_adults adds up to a year of birthday jitter: draw from [lo, hi - 1). */
    double at_buy = rng_range(&h->r, lo, hi - 1.0);
    double head_age = at_buy + age_at(a->event, h->g->ref);
    int s = a->hhsize;
    hh_adults(h, s >= 2 ? 2 : 1, head_age, a->since, 1);
    if (s > 2)
        hh_kids(h, s - 2, head_age, a->since, 0.0);
}

static void hh_bigfamily(struct hh *h)
{
    double ha = fmax(rng_range(&h->r, 32, 50), age_at(h->a->since, h->g->ref) + 20);
    hh_adults(h, 2, ha, h->a->since, 1);
    hh_kids(h, h->a->hhsize - 2, fmin(ha, 37.9), h->a->since, 0.0);
}

/* Parents with adult children (each of whom may run a firm from home). */
static void hh_adultkids(struct hh *h)
{
    double ha = fmax(rng_range(&h->r, 48, 62), age_at(h->a->since, h->g->ref) + 20);
    hh_adults(h, 2, ha, h->a->since, 1);
    hh_kids(h, h->a->hhsize - 2, ha, h->a->since, 18.5);
}

/* The persons registered at address i; deterministic for (seed, i). */
int hh_generate(const struct gen *g, long i, struct person *p)
{
    struct hh h = {g, &g->a[i], {{0}}, p, 0, 0, 0};
    rng_seed(&h.r, g->seed, S_HH, (uint64_t)i);
    h.fam = (uint16_t)rng_int(&h.r, 0, N_SURNAME - 1);
    h.built = days_from_civil(h.a->byear, 1, 1);
    switch (h.a->hhkind) {
    case H_NORMAL:
        hh_normal(&h);
        break;
    case H_CARE:
        hh_care(&h);
        break;
    case H_OVERCROWD:
        hh_overcrowd(&h, 0.8, 18.5, 55.0, 0);
        break;
    case H_STUDENT:
        hh_overcrowd(&h, 0, 18.2, 25.9, 1);
        break;
    case H_BIGFAMILY:
        hh_bigfamily(&h);
        break;
    case H_YOUNG:
        hh_buyer(&h, 19.0, 28.0);
        break;
    case H_ELDERLY:
        hh_buyer(&h, 65.0, 85.0);
        break;
    case H_BUYER:
        hh_buyer(&h, 30.0, 50.0);
        break;
    case H_YOUNG2:
        hh_buyer(&h, 22.0, 30.0);
        break;
    case H_MIDBUYER:
        hh_buyer(&h, 35.0, 61.0);
        break;
    case H_STUDENT1:
        hh_buyer(&h, 18.0, 25.0);
        break;
    case H_DOWNSIZER:
        hh_buyer(&h, 60.0, 81.0);
        break;
    case H_ADULTKIDS:
        hh_adultkids(&h);
        break;
    default:
        break;
    }
    if (h.n != h.a->hhsize)
        die("internal: household size mismatch", NULL);
    for (int k = 1; k < h.n; k++)
        if (rng_chance(&h.r, 0.013))
            p[k].partial = (uint8_t)(rng_chance(&h.r, 0.6) ? 1 : 2);
    return h.n;
}

struct owner owner_of(const struct gen *g, long i)
{
    const struct addr *a = &g->a[i];
    struct owner o = {0, 0, 0};
    struct person p[MAX_HH];
    switch (a->tenure) {
    case T_OWNER:
        hh_generate(g, i, p);
        o.np = 1;
        o.id = bsn_of(g, p[0].pidx);
        o.birth = p[0].birth;
        return o;
    case T_NEARBY:
    case T_FARM:
    case T_OTHER_HOME:
        return owner_of(g, a->owner);
    case T_PRIVATE:
        o.np = 1;
        o.id = bsn_of(g, pidx_landlord(g, a->owner));
        o.birth = g->ll[a->owner].birth;
        return o;
    case T_SPECIAL_NP:
        o.np = 1;
        o.id = bsn_of(g, pidx_special(g, a->owner));
        o.birth = g->sp_birth[a->owner];
        return o;
    case T_CORP:
        o.id = kvk_of(g, g->kvk_corp0 + a->owner);
        return o;
    case T_INVESTOR:
        o.id = kvk_of(g, g->kvk_inv0 + a->owner);
        return o;
    case T_DEVELOPER:
        o.id = kvk_of(g, g->kvk_dev0 + a->owner);
        return o;
    case T_SPECIAL_RP:
        o.id = kvk_of(g, g->kvk_spe0 + a->owner);
        return o;
    default:
        break;
    }
    /* T_ENTITY: the business operating at the address. */
    if (a->kvkkind == K_CHAIN) {
        uint64_t x = g->seed ^ ((uint64_t)i * 0x9E3779B97F4A7C15ULL);
        o.id = kvk_of(g, splitmix64(&x) % (uint64_t)g->n_chain);
    } else
        o.id = kvk_of(g, (uint64_t)g->kvk_addr0 + a->kvk0);
    return o;
}

int chain_of(const struct gen *g, long i)
{
    uint64_t x = g->seed ^ ((uint64_t)i * 0x9E3779B97F4A7C15ULL);
    return (int)(splitmix64(&x) % (uint64_t)g->n_chain);
}
