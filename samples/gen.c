/*
 * vik-gen: deterministic generator of a synthetic Dutch municipality.
 *
 * Why: vik (the nightly "ondermijning" batch) needs realistic input to test
 * ingest, address linkage and scoring, and a ground truth to measure
 * precision and recall against (`vik eval`). Real registers can never be used
 * for that, so this program invents a municipality the size of
 * Geldrop-Mierlo (default 17,000 addresses) and plants known cases and
 * legitimate look-alikes in it.
 *
 * What: from --seed and --addresses it writes the six exports described in
 * samples/EXPORTS.md (brp.csv, kadaster_objecten.csv.gz,
 * kadaster_transacties.csv, kvk_vestigingen.csv, energie.csv, meldingen.csv) plus
 * truth.csv.
 * Every value is "as of" the reference date 2026-11-01. Each export uses a
 * different Dutch dialect (delimiter, encoding, decimals, dates, address form)
 * exactly as the contract in EXPORTS.md says. The Kadaster objects spell every
 * address as the BAG does; the other exports spell some differently (ground
 * floor, Roman floors, letter vs toevoeging, omitted letter, BIS), a few rows
 * stay ambiguous and a few new builds are missing from the Kadaster, so that
 * vik's address linkage meets every match class (see "spelling" below).
 *
 * How: one array of struct addr (64 bytes per address) holds the *plan* of the
 * municipality: geography, household size and kind, tenure, energy flags,
 * KvK counts and planted patterns. Rows are never kept in memory: each writer
 * re-derives the details of one address (its persons, transactions,
 * connections, branches) from a private PRNG stream keyed by (seed, purpose,
 * address index). That keeps all files consistent with each other and memory
 * bounded (9.2 million addresses fit in ~0.7 GB). Identifiers (BSN, KvK,
 * vestigingsnummer, EAN) are bijections of counters, so they are unique
 * without a hash set. The PRNG is xoshiro256** seeded by splitmix64; rand()
 * is never used, so the same seed gives byte-identical files.
 *
 * The figures (household sizes, energy medians, hypotheekloos share, ...)
 * follow docs/DOMAIN.md sections 2-3 and are meant to be realistic; they are
 * deliberately not tuned to any scorer.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <zlib.h>

#define REF_YEAR 2026
#define REF_MONTH 11
#define REF_DAY 1
#define YEAR_DAYS 365.2425
#define PI_D 3.14159265358979323846
#define MAX_HH 128
#define MAX_TX 8
#define MAX_CONN 6
#define STREETS_PER_CITY 120
#define BSN_BLOCK 9000000ULL
#define SUFFIX_BIS 100
#define SUFFIX_H 101 /* toevoeging "H" (huis): the ground floor in Amsterdam-style numbering */

/* ------------------------------------------------------------------ enums */

enum usage { U_WOON, U_WINKEL, U_KANTOOR, U_INDUSTRIE, U_OVERIG, U_ZORG, U_LOGIES, U_N };
enum dtype { D_NONE, D_APART, D_TERRACED, D_CORNER, D_SEMI, D_DETACHED };
/* Who owns the object; the meaning of addr.owner depends on it. */
enum tenure {
    T_NONE,
    T_OWNER,      /* owner-occupied: the household head (person0) */
    T_CORP,       /* housing corporation; owner = corporation index */
    T_PRIVATE,    /* private landlord; owner = landlord index */
    T_SPECIAL_NP, /* planted natural person; owner = special person index */
    T_SPECIAL_RP, /* planted legal entity; owner = special entity index */
    T_ENTITY,     /* the business operating at the address (owner-user) */
    T_INVESTOR,   /* property company; owner = investor index */
    T_DEVELOPER,  /* project developer; owner = developer index */
    T_NEARBY,     /* garage box owned by a nearby owner-occupier; owner = address */
    T_OTHER_HOME  /* a second dwelling of the owner of address `owner` (T_OWNER there) */
};
enum hhkind {
    H_NONE,
    H_NORMAL,
    H_CARE,
    H_OVERCROWD,
    H_STUDENT,
    H_BIGFAMILY,
    H_YOUNG,
    H_ELDERLY,
    H_BUYER,
    H_DOWNSIZER, /* buyer aged 60-80 at a->event */
    H_ADULTKIDS  /* parents 48-62 with adult children */
};
enum kvkkind {
    K_NONE,
    K_BUSINESS,
    K_CHAIN,
    K_CORP_HQ,
    K_CARE,
    K_ZZP,
    K_HOLDING,
    K_BC,
    K_POSTBOX,
    K_POSTSMALL, /* 3-4 unrelated firms, aux of them in a risk sector */
    K_FAMILY     /* holding + an eenmanszaak per adult family member */
};
/* F_NOCONN: no energy rows at all (no connection data: "not evaluable"). */
enum flag { F_ALLELEC = 1, F_EV = 2, F_SOLAR = 4, F_NOCONN = 8 };
enum theme { TH_HENNEP, TH_WITWASSEN, TH_BRIEVENBUS, TH_OVERBEWONING, TH_N };
enum mark {
    M_NONE,
    M_GROW_METERED,
    M_GROW_EMPTY,
    M_GROW_NONRES,
    M_METER_BYPASS,
    M_YOUNG_CASH,
    M_ABC,
    M_YOUNG_MULTI,
    M_POSTBOX,
    M_OVERCROWDED,
    M_HP_EV,
    M_LARGE_FAMILY_H,
    M_CARE,
    M_SOLAR_NZ,
    M_WORKSHOP,
    M_VACANT_NEW,
    M_ELDERLY_CASH,
    M_DEV_RESALE,
    M_FAMILY_SALE,
    M_CORPORATION,
    M_BC,
    M_ZZP_HOLDING,
    M_LARGE_FAMILY_O,
    M_STUDENT,
    /* Harder cases and more look-alikes, planted after all of the above from
     * their own stream (S_CASE2), so the earlier patterns stay where they were. */
    M_GROW_SMALL,
    M_BYPASS_PARTIAL,
    M_YOUNG_CASH2,
    M_POSTBOX_SMALL,
    M_OVERCROWD_MOD,
    M_BATTERY_SOLAR,
    M_SECOND_HOME,
    M_RECENT_MOVERS,
    M_EV_HP_BIG,
    M_NO_ENERGY,
    M_ZZP_CLUSTER,
    M_CASH_DOWNSIZER,
    M_BIGFAM_SMALL,
    M_OTHER_HOME, /* internal, not in truth: the second dwelling of a planted buyer */
    M_COUNT
};
/* PRNG stream ids: one purpose per stream so writers can re-derive rows. The
 * spelling streams came last, so they leave every earlier draw unchanged. */
enum stream {
    S_GEO = 1,
    S_PLAN,
    S_HH,
    S_TX,
    S_EN,
    S_KVK,
    S_HOLD,
    S_CASE,
    S_LL,
    S_FMT,
    S_IDS,
    S_SCHEME, /* Amsterdam-style numbering of a block */
    S_SPELL,  /* the spelling variant of an address */
    S_SPFORM, /* which of a variant's spellings one export uses */
    S_CASE2,  /* the harder cases and the later look-alikes */
    S_MELD,   /* citizen reports (meldingen.csv) */
    S_NOCONN, /* ordinary dwellings without energy data */
    S_SJI     /* whether and what the grid operator reports as annual feed-in */
};

/* Exports that can write an address differently from the BAG (bit masks). */
enum src { SRC_BRP = 1, SRC_TX = 2, SRC_KVK = 4, SRC_EN = 8, SRC_ALL = 15 };
/* Spelling variants (EXPORTS.md): how exports deviate from the BAG spelling. */
enum variant { V_NONE, V_GROUND, V_ROMAN, V_LETSUF, V_UNIQUE, V_BIS, V_N };
static const char *const VARIANT_NAME[V_N] = {"exact",  "ground_floor", "roman", "letter_as_suffix",
                                              "unique", "bis"};
/* Bits of struct addr.spell: variant (3 bits), exports writing it (4 bits), flags. */
#define SP_KIND 0x7u
#define SP_SRC_SHIFT 3
#define SP_BAGID 0x080u  /* energy rows carry the nummeraanduiding id */
#define SP_BARE 0x100u   /* V6: BRP writes the bare number of a shared number */
#define SP_ABSENT 0x200u /* V7: not (yet) in the Kadaster exports */

struct pattern {
    const char *name;
    int theme;
    int is_case;
};

static const struct pattern PATTERNS[M_COUNT] = {
    [M_NONE] = {"", -1, 0},
    [M_GROW_METERED] = {"grow_metered", TH_HENNEP, 1},
    [M_GROW_EMPTY] = {"grow_empty", TH_HENNEP, 1},
    [M_GROW_NONRES] = {"grow_nonresidential", TH_HENNEP, 1},
    [M_METER_BYPASS] = {"meter_bypass", TH_HENNEP, 1},
    [M_YOUNG_CASH] = {"young_cash_buyer", TH_WITWASSEN, 1},
    [M_ABC] = {"abc_resale", TH_WITWASSEN, 1},
    [M_YOUNG_MULTI] = {"young_multi_owner", TH_WITWASSEN, 1},
    [M_POSTBOX] = {"postbox_dwelling", TH_BRIEVENBUS, 1},
    [M_OVERCROWDED] = {"overcrowded", TH_OVERBEWONING, 1},
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
    [M_GROW_SMALL] = {"grow_small", TH_HENNEP, 1},
    [M_BYPASS_PARTIAL] = {"meter_bypass_partial", TH_HENNEP, 1},
    [M_YOUNG_CASH2] = {"young_cash_two_homes", TH_WITWASSEN, 1},
    [M_POSTBOX_SMALL] = {"postbox_small", TH_BRIEVENBUS, 1},
    [M_OVERCROWD_MOD] = {"overcrowded_moderate", TH_OVERBEWONING, 1},
    [M_BATTERY_SOLAR] = {"battery_solar", TH_HENNEP, 0},
    [M_SECOND_HOME] = {"second_home", TH_HENNEP, 0},
    [M_RECENT_MOVERS] = {"recent_movers", TH_HENNEP, 0},
    [M_EV_HP_BIG] = {"ev_heatpump_big", TH_HENNEP, 0},
    [M_NO_ENERGY] = {"no_energy_data", TH_HENNEP, 0},
    [M_ZZP_CLUSTER] = {"zzp_cluster", TH_BRIEVENBUS, 0},
    [M_CASH_DOWNSIZER] = {"cash_downsizer", TH_WITWASSEN, 0},
    [M_BIGFAM_SMALL] = {"big_family_small_house", TH_OVERBEWONING, 0},
    [M_OTHER_HOME] = {"", -1, 0},
};

static const char *const THEME_NAME[TH_N] = {"hennep", "witwassen", "brievenbus", "overbewoning"};
static const char *const USAGE_NAME[U_N] = {
    "woonfunctie",      "winkelfunctie",           "kantoorfunctie",
    "industriefunctie", "overige gebruiksfunctie", "gezondheidszorgfunctie",
    "logiesfunctie"};

/* ------------------------------------------------------------ structures */

/* The plan of one verblijfsobject. 64 bytes; see the tenure enum for owner. */
struct addr {
    uint32_t street;  /* index into gen.st */
    uint32_t pand;    /* pand serial (shared by the units of one building) */
    uint32_t vbo;     /* VBO serial */
    uint32_t woz;     /* WOZ value in euro, peildatum 2025-01-01 */
    uint32_t person0; /* person index of the first resident */
    uint32_t owner;   /* see enum tenure */
    uint32_t kvk0;    /* first own KvK entity, relative to gen.kvk_addr0 */
    uint32_t aux;     /* pattern-specific: ABC intermediate entity + 1, developer */
    int32_t since;    /* day the household moved in */
    int32_t event;    /* pattern-specific purchase date */
    uint16_t pc4, pcl, number, area, byear;
    uint16_t spell; /* spelling variant: SP_* bits, decided by plan_spelling */
    uint8_t letter, suffix, usage, dtype, tenure, hhkind, hhsize, kvkkind;
    uint8_t n_act, n_dis, mark, flags;
};

_Static_assert(sizeof(struct addr) == 64, "struct addr is the per-address memory budget");

struct street {
    uint32_t name;  /* combination index into the street name tables */
    uint32_t city;  /* woonplaats index */
    uint32_t buurt; /* global buurt index */
};

struct landlord {
    int32_t birth;
    uint16_t nprops;
};

struct rng {
    uint64_t s[4];
};

struct stats {
    long usage[U_N];
    long residents, partial, kvk_active, kvk_dissolved;
    long elk, gas, monthly, tx, tx_nomortgage;
    long pattern[M_COUNT];
    long truth_case[TH_N], truth_look[TH_N];
    long ams_blocks, blocks, ground_units, unique_houses, forced;
    long variant[V_N], bare, absent, bagid_rows;
    long truth_var[TH_N][2][V_N]; /* [theme][case?][variant] of truth rows */
    long truth_rel[TH_N][2];      /* ... with the variant in the export the theme reads */
    long noconn, noconn_rows;     /* dwellings without energy data, rows left out */
    long meld, meld_noise, meld_case, meld_look, meld_false, meld_dup;
    long meld_case_addr, meld_look_addr, meld_false_addr, meld_noise_addr;
};

struct gen {
    uint64_t seed;
    long n;
    int32_t ref, win0, woz_day;
    struct addr *a;
    struct street *st;
    long n_st, cap_st;
    struct landlord *ll;
    long n_ll;
    int32_t *sp_birth;
    long n_sp, cap_sp;
    long n_spe;
    long n_res;
    int n_chain, n_corp, n_inv, n_dev;
    uint32_t kvk_corp0, kvk_inv0, kvk_dev0, kvk_spe0, kvk_addr0;
    uint64_t bsn_mul, bsn_add, kvk_mul, kvk_add, ves_mul, ves_add, ean_mul, ean_add;
    uint64_t nad_mul, nad_add;
    uint64_t ves_serial, ean_serial;
    struct stats s;
};

struct person {
    int32_t birth, since;
    uint32_t pidx;
    uint16_t surname, nat;
    char gender;
    uint8_t partial; /* 0 full date, 1 year only, 2 year and month */
};

struct owner {
    int np;
    uint32_t id;
    int32_t birth; /* 0 when not a natural person */
};

struct tx {
    int32_t date;
    int64_t cents;
    uint32_t id;
    int np;
    int mortgage;
};

struct conn {
    int gas;
    int monthly;
    int64_t m10[12]; /* monthly volumes in tenths */
    int64_t annual10;
};

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "vik-gen: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    exit(1);
}

/* ------------------------------------------------------------------- PRNG */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Independent stream for (seed, purpose, index): the key of re-derivation. */
static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream, uint64_t idx)
{
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    x = h ^ (stream * 0xD1B54A32D192ED03ULL);
    h = splitmix64(&x);
    x = h ^ (idx * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman & Vigna). */
static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static double rng_unif(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static int rng_int(struct rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)(rng_unif(r) * (double)(hi - lo + 1));
}

static double rng_range(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unif(r);
}

static int rng_chance(struct rng *r, double p)
{
    return rng_unif(r) < p;
}

static double rng_normal(struct rng *r)
{
    double u1 = 1.0 - rng_unif(r);
    double u2 = rng_unif(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * PI_D * u2);
}

static double rng_lognorm(struct rng *r, double sigma)
{
    return exp(sigma * rng_normal(r));
}

static double rng_exp(struct rng *r, double mean)
{
    return -mean * log(1.0 - rng_unif(r));
}

/* Log-uniform between lo and hi, skewed towards lo by power k (k = 1 plain). */
static double rng_logskew(struct rng *r, double lo, double hi, double k)
{
    return exp(log(lo) + (log(hi) - log(lo)) * pow(rng_unif(r), k));
}

static int rng_pick(struct rng *r, const double *w, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i];
    double u = rng_unif(r) * sum;
    for (int i = 0; i < n; i++) {
        if (u < w[i])
            return i;
        u -= w[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------ dates */

/* Days since 1970-01-01 (H. Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
    unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + (int)era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static int year_of(int32_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

static int32_t years_days(double years)
{
    return (int32_t)lround(years * YEAR_DAYS);
}

static double age_at(int32_t birth, int32_t at)
{
    return (double)(at - birth) / YEAR_DAYS;
}

enum datefmt { DF_YMD, DF_ISO, DF_DMY };

static void fmt_date(char *buf, size_t n, int32_t day, enum datefmt f)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    if (f == DF_YMD)
        snprintf(buf, n, "%04d%02d%02d", y, m, d);
    else if (f == DF_ISO)
        snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, n, "%02d-%02d-%04d", d, m, y);
}

/* ---------------------------------------------------------- identifiers */

/*
 * BSN from a person index. The index space is 9 blocks of 9,000,000: the
 * block selects the j-th valid 8th digit, the rest is an affine bijection onto
 * the 7-digit prefixes 1000000..9999999. The 9th digit then follows from the
 * 11-proef (9a+8b+7c+6d+5e+4f+3g+2h-i = 0 mod 11); a prefix whose check would
 * be 10 is skipped, and at least 9 of the 10 possible 8th digits are valid.
 */
static uint32_t bsn_of(const struct gen *g, uint64_t p)
{
    uint32_t j = (uint32_t)(p / BSN_BLOCK);
    uint64_t x = p % BSN_BLOCK;
    uint32_t pre = 1000000u + (uint32_t)((x * g->bsn_mul + g->bsn_add) % BSN_BLOCK);
    int s7 = 0;
    uint32_t t = pre;
    for (int w = 3; w <= 9; w++) {
        s7 += w * (int)(t % 10);
        t /= 10;
    }
    int h = 0;
    uint32_t cnt = 0;
    for (int d = 0; d <= 9; d++) {
        if ((s7 + 2 * d) % 11 == 10)
            continue;
        if (cnt++ == j) {
            h = d;
            break;
        }
    }
    int chk = (s7 + 2 * h) % 11;
    return pre * 100u + (uint32_t)h * 10u + (uint32_t)chk;
}

static uint32_t kvk_of(const struct gen *g, uint64_t e)
{
    return (uint32_t)((e * g->kvk_mul + g->kvk_add) % 100000000ULL);
}

static uint64_t ves_next(struct gen *g)
{
    uint64_t v = g->ves_serial++;
    return 100000000ULL + (v * g->ves_mul + g->ves_add) % 900000000ULL;
}

/* 18-digit EAN: 871687 + 11-digit serial + GS1 mod-10 check digit. */
static void ean_next(struct gen *g, char *buf, size_t n)
{
    uint64_t c = g->ean_serial++;
    uint64_t body = (c * g->ean_mul + g->ean_add) % 100000000000ULL;
    char digits[24];
    snprintf(digits, sizeof digits, "871687%011" PRIu64, body);
    int sum = 0;
    for (int i = 16, w = 3; i >= 0; i--, w = 4 - w)
        sum += (digits[i] - '0') * w;
    snprintf(buf, n, "%s%d", digits, (10 - sum % 10) % 10);
}

static int coprime_235(uint64_t m)
{
    return m % 2 && m % 3 && m % 5;
}

static uint64_t pick_mul(struct rng *r, uint64_t lo, uint64_t span)
{
    uint64_t m;
    do
        m = lo + rng_next(r) % span;
    while (!coprime_235(m));
    return m;
}

static void ids_init(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, S_IDS, 0);
    g->bsn_mul = pick_mul(&r, 1000003, 7000000);
    g->bsn_add = rng_next(&r) % BSN_BLOCK;
    g->kvk_mul = pick_mul(&r, 10000019, 80000000);
    g->kvk_add = rng_next(&r) % 100000000ULL;
    g->ves_mul = pick_mul(&r, 100000007, 700000000);
    g->ves_add = rng_next(&r) % 900000000ULL;
    g->ean_mul = pick_mul(&r, 1000003, 15000000);
    g->ean_add = rng_next(&r) % 100000000000ULL;
    /* Drawn after the others so that their values stay as they were. */
    g->nad_mul = pick_mul(&r, 1000000007, 7000000000ULL);
    g->nad_add = rng_next(&r) % 10000000000ULL;
}

/* BAG nummeraanduiding id: 1771 (municipality) 20 (type) + 10-digit serial,
 * a bijection of the address index; text, leading zeros kept. */
static void nad_id(const struct gen *g, long i, char *buf, size_t n)
{
    uint64_t serial = ((uint64_t)i * g->nad_mul + g->nad_add) % 10000000000ULL;
    snprintf(buf, n, "177120%010" PRIu64, serial);
}

/* ------------------------------------------------------------ name tables */

/* Street name bases; UTF-8 escapes keep the source ASCII (cp1252 in brp.csv). */
static const char *const STREET_BASE[] = {"Molen",
                                          "Kerk",
                                          "Heuvel",
                                          "Hoogeind",
                                          "Berken",
                                          "Eiken",
                                          "Linden",
                                          "Beuken",
                                          "Wilgen",
                                          "Populier",
                                          "Kastanje",
                                          "Heide",
                                          "Akker",
                                          "Veld",
                                          "Dommel",
                                          "Kempen",
                                          "Peel",
                                          "Zand",
                                          "Markt",
                                          "Brabant",
                                          "Oranje",
                                          "Nassau",
                                          "Prins Hendrik",
                                          "Koning",
                                          "Vinken",
                                          "Merel",
                                          "Lijster",
                                          "Zwaluw",
                                          "Leeuwerik",
                                          "Kievit",
                                          "Esdoorn",
                                          "Hazelaar",
                                          "Vlier",
                                          "Meidoorn",
                                          "Jasmijn",
                                          "Seringen",
                                          "Tulpen",
                                          "Rozen",
                                          "Lelie",
                                          "Anjer",
                                          "Klaver",
                                          "Schout",
                                          "Smids",
                                          "Bakkers",
                                          "Wevers",
                                          "Schepen",
                                          "Burgemeester Daams",
                                          "Pastoor Vogels",
                                          "G\xC3\xA9nestet",
                                          "M\xC3\xBCller",
                                          "Co\xC3\xB6peratie",
                                          "R\xC3\xB6ntgen",
                                          "Mozart",
                                          "Rembrandt",
                                          "Vondel",
                                          "Bilderdijk",
                                          "Beemd",
                                          "Hofstee",
                                          "Gagel",
                                          "Br\xC3\xBCgge"};
#define N_STREET_BASE ((int)(sizeof STREET_BASE / sizeof STREET_BASE[0]))
/* Bases that are also a street name on their own ("Heuvel", "Markt"). */
static const char *const STANDALONE[] = {"Heuvel", "Hoogeind", "Markt", "Beemd", "Hofstee"};
static const char *const STREET_SUFFIX[] = {"straat", "laan",  "weg",    "hof", "dreef",
                                            "pad",    "plein", "singel", "erf", "park"};
#define N_STREET_SUFFIX ((int)(sizeof STREET_SUFFIX / sizeof STREET_SUFFIX[0]))

static const char *const CITY_PRE[] = {"Aal",   "Beek", "Berk",  "Bos",  "Dom",   "Eik", "Haag",
                                       "Heide", "Hoog", "Kempe", "Laar", "Linde", "Mol", "Oost",
                                       "Peel",  "Ried", "Scha",  "Ter",  "Vlier", "Zand"};
static const char *const CITY_SUF[] = {"dijk", "hoven", "rode",  "veld", "werd",
                                       "wijk", "heim",  "broek", "donk", "lo"};
static const char *const CITY_DIR[] = {"", " Noord", " Zuid", " Oost", " West"};

/* Invented surnames (synthetic only); a few with accents to exercise cp1252. */
static const char *const SURNAME[] = {
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
#define N_SURNAME ((int)(sizeof SURNAME / sizeof SURNAME[0]))

static const char *const NATIONALITY[] = {"0001", "0052", "0054", "0057",
                                          "0100", "0131", "0233", "0263"};
#define N_NAT ((int)(sizeof NATIONALITY / sizeof NATIONALITY[0]))

static const char *const TRADE_WORD[] = {
    "Horizon",    "De Linde", "Noorderlicht", "Eikenhof",   "Dommeldal", "Kempenland",
    "Zilverberk", "Peelrand", "Het Anker",    "De Ster",    "Zonneveld", "Brabantia",
    "Vitaal",     "Koploper", "Trefpunt",     "Het Hoekje", "Nova",      "Prima",
    "Optimaal",   "De Brug",  "Vakwerk",      "Focus"};
#define N_TRADE_WORD ((int)(sizeof TRADE_WORD / sizeof TRADE_WORD[0]))

struct sbi {
    const char *code;
    const char *label;
};

static const struct sbi SBI_SHOP[] = {
    {"47110", "Supermarkt"},  {"47241", "Bakkerij"},   {"47710", "Mode"},
    {"47721", "Schoenen"},    {"47761", "Bloemen"},    {"47410", "Computers"},
    {"4742", "Telecom"},      {"47730", "Apotheek"},   {"47640", "Sport"},
    {"47520", "Bouwmarkt"},   {"47781", "Optiek"},     {"96021", "Kapsalon"},
    {"96022", "Beautysalon"}, {"56102", "Snackbar"},   {"56101", "Restaurant"},
    {"5630", "Cafe"},         {"47591", "Woonwinkel"}, {"47221", "Slagerij"}};
static const struct sbi SBI_OFFICE[] = {
    {"69101", "Advocatenkantoor"}, {"69201", "Administratiekantoor"},
    {"70221", "Advies"},           {"62010", "Software"},
    {"62020", "IT Consultancy"},   {"71121", "Ingenieursbureau"},
    {"73110", "Reclamebureau"},    {"6831", "Makelaardij"},
    {"66221", "Verzekeringen"},    {"7810", "Personeelsdiensten"},
    {"86230", "Tandartspraktijk"}, {"86919", "Fysiotherapie"},
    {"70101", "Beheer"},           {"74101", "Ontwerpstudio"}};
static const struct sbi SBI_IND[] = {
    {"25110", "Staalbouw"},           {"25620", "Metaalbewerking"},  {"41200", "Bouwbedrijf"},
    {"43221", "Installatietechniek"}, {"43341", "Schildersbedrijf"}, {"43320", "Timmerbedrijf"},
    {"4520", "Autoservice"},          {"4511", "Autohandel"},        {"4677", "Metaalrecycling"},
    {"46900", "Groothandel"},         {"16230", "Houtbewerking"},    {"10711", "Broodfabriek"},
    {"49410", "Transport"},           {"43910", "Dakdekkers"}};
static const struct sbi SBI_ZZP[] = {
    {"74101", "Grafisch Ontwerp"},  {"74201", "Fotografie"},  {"62010", "Software"},
    {"43341", "Schilderwerken"},    {"43221", "Installatie"}, {"85599", "Bijles"},
    {"90011", "Theaterproducties"}, {"70221", "Advies"},      {"96022", "Schoonheidssalon"},
    {"86919", "Praktijk"},          {"47910", "Webwinkel"},   {"73111", "Reclame"},
    {"74300", "Vertaalbureau"},     {"81210", "Schoonmaak"},  {"41200", "Klussenbedrijf"},
    {"5320", "Koeriersdienst"},     {"90031", "Atelier"},     {"85592", "Coaching"}};
static const struct sbi SBI_BC[] = {{"70221", "Advies"},
                                    {"62010", "Software"},
                                    {"69201", "Administratie"},
                                    {"6820", "Vastgoed"},
                                    {"7810", "Uitzendbureau"},
                                    {"4511", "Autotrading"},
                                    {"6619", "Financial Services"},
                                    {"8211", "Kantoorservice"},
                                    {"7711", "Autoverhuur"},
                                    {"73110", "Marketing"},
                                    {"85592", "Training"},
                                    {"46900", "Trading"},
                                    {"96022", "Beauty"},
                                    {"5320", "Logistiek"},
                                    {"71121", "Engineering"},
                                    {"66221", "Assurantien"}};
static const struct sbi SBI_POSTBOX[] = {
    {"96021", "Barbershop"},   {"56102", "Snackbar"},     {"4511", "Autohandel"},
    {"6820", "Vastgoed"},      {"7810", "Uitzendbureau"}, {"4677", "Metaalhandel"},
    {"96022", "Nagelstudio"},  {"5320", "Koeriers"},      {"7711", "Autoverhuur"},
    {"6619", "Geldtransfer"},  {"4520", "Autoschade"},    {"43341", "Schilders"},
    {"7820", "Payroll"},       {"4742", "Telecom"},       {"70221", "Consultancy"},
    {"46900", "Import Export"}};
/* Postbox risk sectors (DOMAIN 2.5) and home-business sectors outside that list. */
static const struct sbi SBI_RISK[] = {
    {"96021", "Barbershop"},  {"56102", "Snackbar"},     {"4511", "Autohandel"},
    {"6820", "Vastgoed"},     {"7810", "Uitzendbureau"}, {"4677", "Metaalhandel"},
    {"96022", "Nagelstudio"}, {"5320", "Koeriers"},      {"7711", "Autoverhuur"},
    {"6619", "Geldtransfer"}, {"4520", "Autoschade"},    {"7820", "Payroll"},
    {"4742", "Telecom"}};
static const struct sbi SBI_SAFE[] = {
    {"74101", "Grafisch Ontwerp"},  {"74201", "Fotografie"},     {"62010", "Software"},
    {"43341", "Schilderwerken"},    {"43221", "Installatie"},    {"85599", "Bijles"},
    {"90011", "Theaterproducties"}, {"70221", "Advies"},         {"86919", "Praktijk"},
    {"47910", "Webwinkel"},         {"73111", "Reclame"},        {"74300", "Vertaalbureau"},
    {"81210", "Schoonmaak"},        {"41200", "Klussenbedrijf"}, {"90031", "Atelier"},
    {"85592", "Coaching"}};
static const struct sbi SBI_CHAIN[] = {{"47110", "Supermarkten"}, {"47710", "Fashion"},
                                       {"47730", "Drogisterij"},  {"47591", "Wonen"},
                                       {"47761", "Tuincentra"},   {"4742", "Mobiel"}};
static const struct sbi SBI_HOLD_OP[] = {{"62010", "Software"},    {"70221", "Consultancy"},
                                         {"69201", "Accountancy"}, {"43221", "Installatie"},
                                         {"71121", "Engineering"}, {"46900", "Handel"},
                                         {"41200", "Bouw"}};
static const struct sbi SBI_HOLDING = {"6420", "Holding"};
static const struct sbi SBI_CARE = {"87101", "Zorgcentrum"};
static const struct sbi SBI_CORP = {"68201", "Woonbelang"};
static const struct sbi SBI_HOTEL = {"5510", "Hotel"};
#define NELEM(x) ((int)(sizeof(x) / sizeof((x)[0])))

enum form { F_EZ, F_BV, F_VOF, F_ST };
static const char *const FORM_NAME[] = {"Eenmanszaak", "Besloten Vennootschap",
                                        "Vennootschap onder firma", "Stichting"};

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
    P_N
};
enum bin { B_RES, B_CENTRE, B_IND, B_N };
/* Mean number of addresses per plot, so that types are drawn per plot. */
static const double PLOT_MEAN[P_N] = {5.5, 2, 1, 18, 1.3, 1, 1, 1, 11, 1, 1};
/* Street character multipliers (residential bin): rows, mixed, villa, flats. */
static const double CHAR_MULT[4][P_N] = {{4, 1, 0.3, 0.5, 1, 1, 1, 1, 1, 1, 1},
                                         {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                                         {0.3, 3, 5, 0.2, 1, 1, 1, 1, 1, 1, 1},
                                         {0.5, 0.5, 0.2, 5, 1, 1, 1, 1, 1, 1, 1}};

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

static long scale17k(long n, double per)
{
    return lround((double)n * per / 17000.0);
}

static long lmax(long a, long b)
{
    return a > b ? a : b;
}

static long lmin(long a, long b)
{
    return a < b ? a : b;
}

static void geo_quotas(struct gen *g, struct geo *s)
{
    long n = g->n;
    long care = lmax(1, scale17k(n, 12)), logies = lmax(1, scale17k(n, 4));
    long shop = lmax(2, scale17k(n, 400)), office = lmax(6, scale17k(n, 250));
    long bc = lmin(office / 2, lmax(3, scale17k(n, 4)));
    long ind = lmax(2, scale17k(n, 180)), garage = lmax(4, scale17k(n, 450));
    long dw = n - care - logies - shop - office - ind - garage;
    long apt = lround(0.30 * (double)dw), house = dw - apt;
    long row = lround(0.70 * (double)house), pair = lround(0.18 * (double)house);
    long apt_c = lround(0.12 * (double)apt), shop_r = lround(0.15 * (double)shop);
    long off_c = lround(0.55 * (double)(office - bc)), gar_r = lround(0.6 * (double)garage);
    long *r = s->q[B_RES], *c = s->q[B_CENTRE], *i = s->q[B_IND];
    r[P_ROW] = row;
    r[P_PAIR] = pair;
    r[P_DET] = house - row - pair;
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

static int era_year(struct rng *r, int bin)
{
    static const double w[] = {0.10, 0.12, 0.25, 0.23, 0.195, 0.06, 0.045};
    static const int lo[] = {1900, 1945, 1965, 1980, 1995, 2010, 2019};
    static const int hi[] = {1944, 1964, 1979, 1994, 2009, 2018, 2025};
    if (bin == B_IND)
        return rng_int(r, 1965, 2022);
    int k = rng_pick(r, w, 7);
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

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

static int house_area(struct rng *r, int dtype)
{
    switch (dtype) {
    case D_TERRACED:
        return clampi((int)lround(108 + 14 * rng_normal(r)), 70, 150);
    case D_CORNER:
        return clampi((int)lround(116 + 15 * rng_normal(r)), 75, 160);
    case D_SEMI:
        return clampi((int)lround(138 + 20 * rng_normal(r)), 95, 220);
    case D_DETACHED:
        return clampi((int)lround(180 + 40 * rng_normal(r)), 110, 300);
    default:
        return clampi((int)lround(70 + 15 * rng_normal(r)), 35, 110);
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
    int area = house_area(&s->r, dtype);
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
    int corp = rng_chance(&s->r, 0.25), y = plot_year(s);
    for (int h = 0; h < k; h++) {
        int dt = (h == 0 || h == k - 1) ? D_CORNER : D_TERRACED;
        int ten = corp ? T_CORP : (rng_chance(&s->r, 0.85) ? T_OWNER : T_PRIVATE);
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
        int ten = house_tenure(&s->r, 0, 0.85);
        if (dtype == D_DETACHED && s->last_plain == s->no - 1 && rng_chance(&s->r, 0.04)) {
            uint32_t pand = geo_new_pand(s);
            int area = house_area(&s->r, dtype), yi = plot_year(s);
            geo_add(g, s, U_WOON, dtype, s->last_plain, 'A', 0, pand, area, yi, ten);
            s->last_plain = -1;
            continue;
        }
        geo_house(g, s, dtype, ten, y, quota);
    }
    return k;
}

/* Unit letters A, B, C... skip I, which exports confuse with the Roman
 * numeral suffix ("12-I" = first floor, DOMAIN.md 1.3). */
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
    int corp = rng_chance(&s->r, 0.5), y = plot_year(s);
    uint32_t pand = geo_new_pand(&*s);
    int base = clampi((int)lround(70 + 14 * rng_normal(&s->r)), 40, 100);
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
        int area = clampi(base + rng_int(&s->r, -10, 10), 35, 110);
        int ten = corp ? T_CORP : (rng_chance(&s->r, 0.6) ? T_OWNER : T_PRIVATE);
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
    default:
        n = place_nonres(g, s, b, t);
        break;
    }
    s->rem[b] = 0;
    for (int k = 0; k < P_N; k++)
        s->rem[b] += s->q[b][k];
    return n;
}

static void geo_build(struct gen *g)
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
        s.era = era_year(&s.r, b);
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

static void plan_woz(struct gen *g)
{
    static const double per_m2[U_N] = {3400, 1900, 1500, 800, 1300, 1900, 2000};
    static const double type_f[] = {1.0, 0.95, 1.0, 1.02, 1.06, 1.12};
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 1);
        double v = per_m2[a->usage] * a->area * rng_lognorm(&r, 0.10);
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

/* ------------------------------------------------------------ households */

static int32_t draw_since(const struct gen *g, struct rng *r, int byear)
{
    int32_t d;
    if (rng_chance(r, 0.07))
        d = g->ref - rng_int(r, 1, 364);
    else
        d = g->ref - 365 - years_days(fmin(rng_exp(r, 8.5), 58.0));
    int32_t built = days_from_civil(byear, 1, 1);
    if (d < built)
        d = built + rng_int(r, 0, 240);
    return d > g->ref ? g->ref : d;
}

static int draw_size(struct rng *r, int apartment)
{
    static const double w_apt[] = {0.55, 0.33, 0.065, 0.04, 0.01, 0.005};
    static const double w_house[] = {0.27, 0.33, 0.15, 0.165, 0.055, 0.03};
    static const double w_big[] = {0.55, 0.25, 0.12, 0.05, 0.03};
    int s = 1 + rng_pick(r, apartment ? w_apt : w_house, 6);
    return s < 6 ? s : 6 + rng_pick(r, w_big, 5);
}

static void plan_households(struct gen *g)
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
        double p_vacant = a->byear >= 2025 ? 0.25 : 0.028;
        a->hhkind = H_NORMAL;
        a->since = draw_since(g, &r, a->byear);
        if (rng_chance(&r, p_vacant)) {
            a->hhkind = H_NONE;
            a->hhsize = 0;
            continue;
        }
        a->hhsize = (uint8_t)draw_size(&r, a->dtype == D_APART);
    }
}

/* --------------------------------------------------- tenure, flags, kvk */

static void plan_flags(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        if (a->usage != U_WOON)
            continue;
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 3);
        if (a->hhsize == 0 && a->tenure == T_OWNER)
            a->tenure = rng_chance(&r, 0.5) ? T_PRIVATE : T_CORP;
        double p_ae = a->byear >= 2019 ? 0.92 : (a->byear >= 2010 ? 0.25 : 0.008);
        int house = a->dtype != D_APART;
        if (rng_chance(&r, p_ae))
            a->flags |= F_ALLELEC;
        if (a->hhsize > 0 && rng_chance(&r, house ? (a->tenure == T_OWNER ? 0.12 : 0.05) : 0.035))
            a->flags |= F_EV;
        double p_sol = a->tenure == T_OWNER ? 0.27 : (a->tenure == T_CORP ? 0.12 : 0.06);
        if (house && rng_chance(&r, p_sol))
            a->flags |= F_SOLAR;
    }
}

static void plan_kvk_dwelling(struct addr *a, struct rng *r)
{
    if (a->hhsize > 0) {
        double u = rng_unif(r);
        if (u < 0.09) {
            a->kvkkind = K_ZZP;
            a->n_act = 1;
        } else if (u < 0.103) {
            a->kvkkind = K_HOLDING;
            a->n_act = (uint8_t)(rng_chance(r, 0.35) ? 3 : 2);
        }
    }
    if (rng_chance(r, 0.016))
        a->n_dis = 1;
}

static void plan_kvk_nonres(struct addr *a, struct rng *r)
{
    double p_act = a->usage == U_WINKEL ? 0.90 : (a->usage == U_KANTOOR ? 0.88 : 0.85);
    if (a->usage == U_OVERIG)
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
    if (a->usage == U_LOGIES || rng_chance(r, p_act)) {
        a->kvkkind = (a->usage == U_WINKEL && rng_chance(r, 0.2)) ? K_CHAIN : K_BUSINESS;
        a->n_act = 1;
    }
    double u = rng_unif(r);
    a->n_dis = (uint8_t)(u < 0.10 ? 2 : (u < 0.42 ? 1 : 0));
}

static void plan_kvk(struct gen *g)
{
    for (long i = 0; i < g->n; i++) {
        struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_PLAN, (uint64_t)i * 8 + 4);
        if (a->usage == U_WOON)
            plan_kvk_dwelling(a, &r);
        else
            plan_kvk_nonres(a, &r);
    }
}

static uint32_t investor_pick(const struct gen *g, struct rng *r)
{
    double u = rng_unif(r);
    return (uint32_t)((double)g->n_inv * u * u);
}

static uint32_t corp_for(const struct gen *g, const struct addr *a, struct rng *r)
{
    if (rng_chance(r, 0.2))
        return (uint32_t)rng_int(r, 0, g->n_corp - 1);
    uint64_t x = g->seed ^ (uint64_t)g->st[a->street].buurt * 0x9E37ULL;
    return (uint32_t)(splitmix64(&x) % (uint64_t)g->n_corp);
}

static void plan_owner_nonres(struct gen *g, struct addr *a, struct rng *r)
{
    int own = a->n_act > 0 && a->kvkkind != K_BC;
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

static void plan_owners(struct gen *g)
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

/* --------------------------------------------------------------- planting */

typedef int (*pred_fn)(const struct gen *g, const struct addr *a);

/* A random unmarked address satisfying ok, or -1. Random probes first, then a
 * scan from a random start so that a rare predicate still finds its match. */
static long pick_in(const struct gen *g, struct rng *r, pred_fn ok, long lo, long hi)
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
static long pick(const struct gen *g, struct rng *r, pred_fn ok)
{
    long i = pick_in(g, r, ok, 0, g->n);
    if (i < 0)
        die("internal: no eligible address left for a planted pattern", NULL);
    return i;
}

static uint32_t new_special_person(struct gen *g, int32_t birth)
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

static int is_dwelling(const struct addr *a)
{
    return a->usage == U_WOON;
}

static int is_house(const struct addr *a)
{
    return a->usage == U_WOON && a->dtype != D_APART;
}

static int plain_household(const struct addr *a)
{
    return a->usage == U_WOON && a->hhkind == H_NORMAL && a->kvkkind == K_NONE;
}

static int ok_grow_metered(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->hhsize >= 1 && a->hhsize <= 3;
}

static int ok_grow_empty(const struct gen *g, const struct addr *a)
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

static int ok_meter_bypass(const struct gen *g, const struct addr *a)
{
    return ok_grow_metered(g, a) && a->since <= g->ref - years_days(2.0) - 30;
}

static int ok_owned_or_rented(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && (a->tenure == T_OWNER || a->tenure == T_PRIVATE);
}

static int ok_private(const struct gen *g, const struct addr *a)
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

static int ok_postbox_any(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->area <= 120 && a->n_dis == 0;
}

static int ok_overcrowded(const struct gen *g, const struct addr *a)
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

static int ok_solar_nz(const struct gen *g, const struct addr *a)
{
    (void)g;
    return is_house(a) && a->hhkind == H_NORMAL && a->hhsize >= 2 && a->tenure == T_OWNER;
}

static int ok_workshop(const struct gen *g, const struct addr *a)
{
    (void)g;
    return a->usage == U_INDUSTRIE && a->kvkkind == K_BUSINESS && a->n_act >= 1;
}

static int ok_plain_house(const struct gen *g, const struct addr *a)
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

static int ok_student(const struct gen *g, const struct addr *a)
{
    (void)g;
    return plain_household(a) && a->area >= 100 && a->area <= 160;
}

static void clear_energy_extras(struct addr *a)
{
    a->flags &= (uint8_t) ~(F_SOLAR | F_EV | F_ALLELEC);
}

static void set_vacant(struct addr *a, struct rng *r)
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
    for (long k = 0; k < n_nonres; k++) {
        long i = pick_in(g, r, rng_chance(r, 0.6) ? ok_garage_free : ok_small_industry, 0, g->n);
        if (i < 0)
            i = pick(g, r, ok_garage_free);
        apply_hennep(g, r, i, M_GROW_NONRES);
    }
    for (long k = 0; k < n_bypass; k++)
        apply_hennep(g, r, pick(g, r, ok_meter_bypass), M_METER_BYPASS);
}

static int32_t recent_day(const struct gen *g, struct rng *r, int min_days, int max_days)
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
        a->event = recent_day(g, r, 20, years_days(3.0) - 10);
        if (a->event < earliest)
            a->event = earliest + rng_int(r, 0, 200);
    }
    return k;
}

static void plant_witwassen(struct gen *g, struct rng *r, long n)
{
    long n_young = lround(0.4 * (double)n), n_abc = lround(0.35 * (double)n);
    long n_multi = lmax(3, n - n_young - n_abc);
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
    a->mark = M_OVERCROWDED;
    a->hhkind = H_OVERCROWD;
    a->hhsize = (uint8_t)rng_int(r, 7, clampi(a->area / 5, 7, 16));
    a->tenure = T_PRIVATE;
    a->flags &= (uint8_t) ~(F_SOLAR | F_EV);
}

static void plant_cases(struct gen *g, long n)
{
    struct rng r;
    rng_seed(&r, g->seed, S_CASE, 1);
    plant_hennep(g, &r, n);
    plant_witwassen(g, &r, n);
    for (long k = 0; k < n; k++)
        plant_postbox(g, &r, pick(g, &r, rng_chance(&r, 0.7) ? ok_postbox_apt : ok_postbox_any));
    for (long k = 0; k < n; k++)
        plant_overcrowded(g, &r, pick(g, &r, ok_overcrowded));
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
static void set_buyer(struct gen *g, struct rng *r, struct addr *a, int kind, int size,
                      int32_t when)
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

static void plant_lookalikes(struct gen *g, long n)
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
        long i = pick(g, &r, ok_holding);
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

/* ----------------------------------------------- harder cases, look-alikes */

/*
 * Why: the first generation of cases carried strong, clean signals. Real
 * plantations mostly bypass the meter or run a few lamps next to a household
 * (DOMAIN.md 3.2), real overcrowding and postbox addresses are often moderate,
 * and many legitimate addresses resemble them (3.4). These patterns come
 * from their own stream after every earlier pattern, so those stay put.
 */

static long per17k(const struct gen *g, double c)
{
    return lmax(2, lround(c * (double)g->n / 17000.0));
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

/* pick() over the first predicate that still has a match. */
static long pick2(const struct gen *g, struct rng *r, pred_fn a, pred_fn b)
{
    long i = pick_in(g, r, a, 0, g->n);
    return i >= 0 ? i : pick(g, r, b);
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
    for (long k = per17k(g, 2); k > 0; k--) {
        /* A young buyer pays cash at a market price and lives there; the
         * second dwelling (let, sitting tenants) is the only other signal. */
        long x = pick(g, r, ok_grow_empty);
        struct addr *a = &g->a[x];
        a->mark = M_YOUNG_CASH2;
        set_buyer(g, r, a, H_YOUNG, rng_chance(r, 0.6) ? 1 : 2, recent_day(g, r, 75, 715));
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
        struct addr *a = &g->a[pick2(g, r, ok_overcrowd_mod, ok_overcrowded)];
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
        long x = pick(g, r, ok_small_dwelling);
        struct addr *a = &g->a[x];
        a->mark = M_CASH_DOWNSIZER;
        set_buyer(g, r, a, H_DOWNSIZER, rng_chance(r, 0.55) ? 1 : 2, recent_day(g, r, 70, 175));
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
        struct addr *a = &g->a[pick(g, r, ok_small_family)];
        a->mark = M_BIGFAM_SMALL;
        a->hhkind = H_BIGFAMILY;
        a->hhsize = 7;
        if (a->tenure == T_NONE || (a->tenure == T_OWNER && rng_chance(r, 0.5)))
            a->tenure = rng_chance(r, 0.6) ? T_CORP : T_PRIVATE;
        if (a->tenure == T_CORP)
            a->owner = corp_for(g, a, r);
    }
}

static void plant_harder(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, S_CASE2, 1);
    plant_harder_cases(g, &r);
    rng_seed(&r, g->seed, S_CASE2, 2);
    plant_more_lookalikes(g, &r);
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

static int portfolio_size(struct rng *r)
{
    double u = rng_unif(r);
    if (u < 0.66)
        return 1;
    if (u < 0.86)
        return 2;
    if (u < 0.95)
        return 3;
    if (u < 0.98)
        return 4;
    if (u < 0.997)
        return 5;
    return rng_int(r, 6, 15);
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
        long k = lmin(portfolio_size(r), m - pos);
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

static int first_is_foreign(const struct addr *a)
{
    return (a->kvkkind == K_CHAIN || a->kvkkind == K_CORP_HQ) && a->n_act > 0;
}

static void finalise(struct gen *g)
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

/* ---------------------------------------------------------------- persons */

static uint64_t pidx_landlord(const struct gen *g, uint32_t l)
{
    return (uint64_t)g->n_res + l;
}

static uint64_t pidx_special(const struct gen *g, uint32_t s)
{
    return (uint64_t)g->n_res + (uint64_t)g->n_ll + s;
}

static uint64_t pidx_historic(const struct gen *g, long i, int slot)
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

static double single_age(struct rng *r, int apt)
{
    static const double w_apt[] = {0.30, 0.30, 0.40};
    static const double w_house[] = {0.15, 0.55, 0.30};
    static const double lo[] = {20, 35, 65}, hi[] = {35, 65, 95};
    int k = rng_pick(r, apt ? w_apt : w_house, 3);
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
        hh_adults(h, 1, fmax(single_age(&h->r, apt), ysince + 18.5), D, strict);
        return;
    }
    if (s == 2 && rng_chance(&h->r, 0.70)) {
        double ha = rng_chance(&h->r, apt ? 0.4 : 0.3) ? rng_range(&h->r, 65, 92)
                                                       : rng_range(&h->r, 22, 65);
        hh_adults(h, 2, fmax(ha, ysince + 18.5), D, strict);
        return;
    }
    int n_ad = (s == 2 || rng_chance(&h->r, 0.15)) ? 1 : 2;
    int grand = s >= 6 && rng_chance(&h->r, 0.2);
    double ha = fmax(rng_range(&h->r, 27, 55), ysince + 18.5);
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

static void hh_overcrowd(struct hh *h, double p_recent, double lo, double hi, int students)
{
    for (int k = 0; k < h->a->hhsize; k++) {
        int recent = students ? k < 2 + (h->a->hhsize > 5) : rng_chance(&h->r, p_recent);
        int32_t since = recent
                            ? h->g->ref - rng_int(&h->r, 5, 360)
                            : h->g->ref - years_days(rng_range(&h->r, 1.0, students ? 4.0 : 3.0));
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
static int hh_generate(const struct gen *g, long i, struct person *p)
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

static struct owner owner_of(const struct gen *g, long i)
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

static int chain_of(const struct gen *g, long i)
{
    uint64_t x = g->seed ^ ((uint64_t)i * 0x9E3779B97F4A7C15ULL);
    return (int)(splitmix64(&x) % (uint64_t)g->n_chain);
}

/* ----------------------------------------------------------- transactions */

static int mortgage_np(struct rng *r, double age)
{
    double p_none =
        age < 30 ? 0.05 : (age < 45 ? 0.06 : (age < 60 ? 0.12 : (age < 70 ? 0.33 : 0.45)));
    return !rng_chance(r, p_none);
}

static int64_t tx_price(const struct gen *g, const struct addr *a, int32_t date, double ratio,
                        struct rng *r)
{
    double idx = pow(1.07, (double)(date - g->woz_day) / YEAR_DAYS);
    double eur = (double)a->woz * idx * ratio;
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
    if (!rng_chance(r, 0.35))
        return;
    int32_t d = before - 180 - years_days(rng_exp(r, 8.0));
    if (d < g->win0)
        return;
    double age = rng_range(r, 25, 70);
    int64_t price = tx_price(g, &g->a[i], d, rng_lognorm(r, 0.10), r);
    tx_add(t, n, d, price, bsn_of(g, pidx_historic(g, i, 0)), 1, mortgage_np(r, age));
}

static void tx_owner_occupied(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    struct owner o = owner_of(g, i);
    int planted = a->hhkind == H_YOUNG || a->hhkind == H_ELDERLY || a->hhkind == H_BUYER ||
                  a->hhkind == H_DOWNSIZER;
    int32_t p = planted ? a->event : a->since - rng_int(r, 7, 120);
    if (p < g->win0)
        return;
    double ratio = rng_lognorm(r, 0.10);
    int mort = mortgage_np(r, age_at(o.birth, p));
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
               a->mark == M_CASH_DOWNSIZER)
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

static void tx_abc(const struct gen *g, long i, struct rng *r, struct tx *t, int *n)
{
    const struct addr *a = &g->a[i];
    struct owner o = owner_of(g, i);
    int32_t t1 = a->event, t2 = t1 + rng_int(r, 60, 150);
    int64_t p1 = tx_price(g, a, t1, rng_range(r, 0.75, 1.0), r);
    int64_t p2 = (int64_t)(round((double)p1 * rng_range(r, 1.25, 1.7) / 50000.0) * 50000.0);
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
    if (a->mark == M_ABC) {
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
    if (a->tenure == T_DEVELOPER || !rng_chance(r, 0.30))
        return;
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

static int tx_generate(const struct gen *g, long i, struct tx *t)
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

/* ----------------------------------------------------------------- energy */

struct comp {
    double total;
    const double *shape;
    double noise;
};

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

static double elec_household(const struct addr *a, int s)
{
    static const double med[6] = {0, 1580, 2500, 3140, 3700, 4300};
    double m = s <= 5 ? med[s] : 4300 + 350.0 * (s - 5);
    double tf = a->dtype == D_APART ? 0.85 : 1.05;
    return m * tf + (a->area > 100 ? 10.0 * (a->area - 100) : 0);
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
static int en_dwelling_override(const struct addr *a, struct rng *r, struct comp *cp, int n)
{
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
    default:
        return n;
    }
}

static int en_dwelling(const struct gen *g, long i, struct rng *r, struct conn *c)
{
    const struct addr *a = &g->a[i];
    struct comp cp[6];
    int s = a->hhsize, n = 1;
    if (s > 0)
        cp[0] = (struct comp){elec_household(a, s) * rng_lognorm(r, 0.30), SHAPE_HOUSE, 0.06};
    else
        cp[0] = (struct comp){rng_range(r, 150, 900), SHAPE_FLAT, 0.1};
    if ((a->flags & F_ALLELEC) && s > 0)
        cp[n++] = (struct comp){rng_range(r, 1800, 3500), SHAPE_HP, 0.06};
    if ((a->flags & F_EV) && s > 0)
        cp[n++] = (struct comp){rng_range(r, 2000, 3000), SHAPE_EV, 0.08};
    if (a->flags & F_SOLAR)
        cp[n++] = (struct comp){-rng_range(r, 2000, 3500), SHAPE_SOLAR, 0.08};
    n = en_dwelling_override(a, r, cp, n);
    int monthly = rng_chance(r, 0.7);
    if (a->mark == M_BYPASS_PARTIAL)
        monthly = rng_chance(r, 0.6);
    else if (a->mark == M_BATTERY_SOLAR)
        monthly = 1; /* a smart meter: the flat profile shows */
    conn_make(&c[0], 0, cp, n, monthly, r);
    if (a->flags & F_ALLELEC)
        return rng_chance(r, 0.15) ? 1 + en_gas(&c[1], 0, r) : 1;
    double m3 = s > 0 ? gas_dwelling(a, s, r) : rng_range(r, 100, 400);
    if (a->mark == M_GROW_EMPTY)
        m3 = rng_range(r, 150, 600);
    return 1 + en_gas(&c[1], m3, r);
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

static int en_simple(struct conn *c, double kwh, const double *shape, double noise, struct rng *r)
{
    struct comp cp = {kwh, shape, noise};
    conn_make(c, 0, &cp, 1, rng_chance(r, 0.7), r);
    return 1;
}

static int en_care(const struct addr *a, struct rng *r, struct conn *c)
{
    int k = rng_int(r, 2, 4);
    double total = rng_range(r, 150000, 400000), w[4], sum = 0;
    for (int j = 0; j < k; j++)
        sum += (w[j] = rng_range(r, 0.5, 1.5));
    for (int j = 0; j < k; j++)
        en_simple(&c[j], total * w[j] / sum, SHAPE_BIZ, 0.04, r);
    return k + en_gas(&c[k], a->area * 22.0 * rng_lognorm(r, 0.2), r);
}

static int en_nonres(const struct addr *a, struct rng *r, struct conn *c)
{
    int act = a->n_act > 0, n;
    double area = a->area;
    switch (a->usage) {
    case U_OVERIG:
        if (a->mark == M_GROW_NONRES)
            return en_simple(c, rng_logskew(r, 3000, 20000, 1.0), SHAPE_FLAT, 0.03, r);
        return rng_chance(r, 0.3) ? en_simple(c, rng_logskew(r, 5, 400, 0.7), SHAPE_FLAT, 0.3, r)
                                  : 0;
    case U_INDUSTRIE:
        if (a->mark == M_GROW_NONRES)
            n = en_simple(c, rng_range(r, 6000, 30000), SHAPE_FLAT, 0.03, r);
        else if (a->mark == M_WORKSHOP)
            n = en_simple(c, rng_range(r, 20000, 80000), SHAPE_IND, 0.05, r);
        else if (act)
            n = en_simple(c, clampd(15000 + 80 * area * rng_lognorm(r, 0.4), 15000, 300000),
                          SHAPE_IND, 0.05, r);
        else
            n = en_simple(c, rng_range(r, 300, 4000), SHAPE_FLAT, 0.2, r);
        return rng_chance(r, act ? 0.5 : 0.2) ? n + en_gas(&c[n], area * 6 * rng_lognorm(r, 0.3), r)
                                              : n;
    case U_ZORG:
        return en_care(a, r, c);
    case U_LOGIES:
        n = en_simple(c, rng_range(r, 40000, 120000), SHAPE_BIZ, 0.05, r);
        return n + en_gas(&c[n], area * 15 * rng_lognorm(r, 0.2), r);
    case U_WINKEL:
        n = en_simple(c,
                      act ? clampd(5000 + 70 * area * rng_lognorm(r, 0.35), 5000, 40000)
                          : rng_range(r, 300, 2500),
                      SHAPE_BIZ, 0.05, r);
        return rng_chance(r, 0.8) ? n + en_gas(&c[n], area * 10 * rng_lognorm(r, 0.3), r) : n;
    default:
        if (a->kvkkind == K_BC)
            n = en_simple(c, rng_range(r, 60000, 250000), SHAPE_BIZ, 0.04, r);
        else
            n = en_simple(c,
                          act ? clampd(10000 + 45 * area * rng_lognorm(r, 0.35), 10000, 150000)
                              : rng_range(r, 500, 4000),
                          SHAPE_BIZ, 0.05, r);
        return rng_chance(r, 0.7) ? n + en_gas(&c[n], area * 8 * rng_lognorm(r, 0.3), r) : n;
    }
}

static int en_generate(const struct gen *g, long i, struct conn *c)
{
    struct rng r;
    rng_seed(&r, g->seed, S_EN, (uint64_t)i);
    if (g->a[i].usage == U_WOON)
        return en_dwelling(g, i, &r, c);
    return en_nonres(&g->a[i], &r, c);
}

/* --------------------------------------------------------------- spelling */

/*
 * Why: vik links the rows of every source to the Kadaster objects, which carry
 * the BAG spelling, by match class: EXACT, BAG_ID, SWAPPED (letter read as
 * suffix or vice versa), SYNONYM (H/HS/HUIS/BG, I-IV, 2e, BIS = B), UNIQUE
 * (bare number, one address there); rows that stay AMBIGUOUS or whose address
 * the Kadaster lacks stay unlinked. Real exports spell one address in many
 * ways (DOMAIN.md 1.3). Each address gets at most one variant, decided once
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

static int sp_kind(const struct addr *a)
{
    return (int)(a->spell & SP_KIND);
}

static int sp_srcs(const struct addr *a)
{
    return (int)(a->spell >> SP_SRC_SHIFT) & SRC_ALL;
}

/* The variant export src writes; V_NONE when it writes the BAG spelling. */
static int sp_in(const struct addr *a, int src)
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
static int sp_form(const struct gen *g, long i, int src, int n)
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
static const int THEME_SRC[TH_N] = {SRC_EN, SRC_TX | SRC_BRP, SRC_KVK, SRC_BRP};

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

static void plan_spelling(struct gen *g)
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

/* ~0.5% of ordinary dwellings have no energy data at all (DOMAIN.md 3.4:
 * missing is "not evaluable", never zero). Decided after the spelling plan
 * and only for addresses without a variant, so that no variant is lost. */
static void plan_noconn(struct gen *g)
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

/* -------------------------------------------------------------- output */

struct out {
    FILE *f;
    gzFile gz;
    char path[4096];
};

static void out_open(struct out *o, const char *dir, const char *name, int gz)
{
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    o->f = NULL;
    o->gz = NULL;
    if (gz) {
        o->gz = gzopen(o->path, "wb6");
        if (!o->gz || gzbuffer(o->gz, 1 << 18) != 0)
            die("cannot write", o->path);
        return;
    }
    o->f = fopen(o->path, "wb");
    if (!o->f)
        die("cannot write", o->path);
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
}

static void out_write(struct out *o, const char *p, size_t n)
{
    if (o->gz) {
        if (gzwrite(o->gz, p, (unsigned)n) != (int)n)
            die("write failed:", o->path);
    } else if (fwrite(p, 1, n, o->f) != n)
        die("write failed:", o->path);
}

static void out_close(struct out *o)
{
    if (o->gz) {
        if (gzclose(o->gz) != Z_OK)
            die("close failed:", o->path);
    } else if (fclose(o->f) != 0)
        die("close failed:", o->path);
}

/* One CSV row; a field is quoted only when it holds the delimiter, a quote
 * or a line break. */
struct row {
    char b[8192];
    size_t n;
    char delim;
    int nf;
};

static void row_begin(struct row *r, char delim)
{
    r->n = 0;
    r->delim = delim;
    r->nf = 0;
}

static void row_put(struct row *r, char c)
{
    if (r->n + 4 >= sizeof r->b)
        die("internal: row too long", NULL);
    r->b[r->n++] = c;
}

static void row_add(struct row *r, const char *s)
{
    if (r->nf++)
        row_put(r, r->delim);
    int quote = strchr(s, r->delim) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r');
    if (quote)
        row_put(r, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            row_put(r, '"');
        row_put(r, *p);
    }
    if (quote)
        row_put(r, '"');
}

static void row_addu(struct row *r, unsigned long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lu", v);
    row_add(r, buf);
}

static void row_end(struct row *r, struct out *o, const char *eol)
{
    for (const char *p = eol; *p; p++)
        row_put(r, *p);
    out_write(o, r->b, r->n);
}

/* UTF-8 (Latin-1 range only) to cp1252: é (C3 A9) becomes the byte E9. */
static void to_cp1252(const char *in, char *out, size_t n)
{
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)in;
    while (*p && k + 1 < n) {
        if (*p < 0x80) {
            out[k++] = (char)*p++;
        } else if ((*p == 0xC2 || *p == 0xC3) && (p[1] & 0xC0) == 0x80) {
            out[k++] = (char)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
            p += 2;
        } else {
            out[k++] = '?';
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
        }
    }
    out[k] = 0;
}

/* Thousands with '.', one or two decimals with ',' (Dutch). */
static void fmt_nl(char *buf, size_t n, int64_t scaled, int decimals)
{
    int64_t div = decimals == 2 ? 100 : 10;
    int neg = scaled < 0;
    uint64_t v = (uint64_t)(neg ? -scaled : scaled);
    uint64_t whole = v / (uint64_t)div, frac = v % (uint64_t)div;
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%" PRIu64, whole);
    size_t len = strlen(digits), k = 0;
    for (size_t j = 0; j < len; j++) {
        if (j > 0 && (len - j) % 3 == 0)
            grouped[k++] = '.';
        grouped[k++] = digits[j];
    }
    grouped[k] = 0;
    if (decimals == 2)
        snprintf(buf, n, "%s%s,%02" PRIu64, neg ? "-" : "", grouped, frac);
    else
        snprintf(buf, n, "%s%s,%" PRIu64, neg ? "-" : "", grouped, frac);
}

static void street_name(const struct gen *g, uint32_t street, char *buf, size_t n)
{
    uint32_t c = g->st[street].name;
    const char *base = STREET_BASE[c % (uint32_t)N_STREET_BASE];
    uint32_t suf = c / (uint32_t)N_STREET_BASE;
    if (suf == 0)
        for (int k = 0; k < NELEM(STANDALONE); k++)
            if (strcmp(base, STANDALONE[k]) == 0) {
                snprintf(buf, n, "%s", base);
                return;
            }
    snprintf(buf, n, "%s%s", base, STREET_SUFFIX[suf]);
}

static void city_name(uint32_t c, char *buf, size_t n)
{
    if (c == 0) {
        snprintf(buf, n, "Geldrop");
        return;
    }
    if (c == 1) {
        snprintf(buf, n, "Mierlo");
        return;
    }
    uint32_t k = c - 2;
    snprintf(buf, n, "%s%s%s", CITY_PRE[k % NELEM(CITY_PRE)],
             CITY_SUF[(k / NELEM(CITY_PRE)) % NELEM(CITY_SUF)],
             CITY_DIR[(k / (NELEM(CITY_PRE) * NELEM(CITY_SUF))) % NELEM(CITY_DIR)]);
}

static void buurt_code(uint32_t b, char *buf, size_t n)
{
    snprintf(buf, n, "BU%04u%02u%02u", 1771u + b / 495u, (b % 495u) / 5u + 1u, b % 5u + 1u);
}

static char pc_l1(const struct addr *a)
{
    return (char)('A' + a->pcl / 26);
}

static char pc_l2(const struct addr *a)
{
    return (char)('A' + a->pcl % 26);
}

enum pcform { PC_CANON, PC_SPACE, PC_LOWER_SPACE, PC_LOWER, PC_NL, PC_DASH };

static void fmt_postcode(const struct addr *a, enum pcform f, char *buf, size_t n)
{
    char l1 = pc_l1(a), l2 = pc_l2(a);
    char s1 = (char)(l1 - 'A' + 'a'), s2 = (char)(l2 - 'A' + 'a');
    switch (f) {
    case PC_SPACE:
        snprintf(buf, n, "%u %c%c", a->pc4, l1, l2);
        break;
    case PC_LOWER_SPACE:
        snprintf(buf, n, "%u %c%c", a->pc4, s1, s2);
        break;
    case PC_LOWER:
        snprintf(buf, n, "%u%c%c", a->pc4, s1, s2);
        break;
    case PC_NL:
        snprintf(buf, n, "NL-%u %c%c", a->pc4, l1, l2);
        break;
    case PC_DASH:
        snprintf(buf, n, "%u-%c%c", a->pc4, l1, l2);
        break;
    default:
        snprintf(buf, n, "%u%c%c", a->pc4, l1, l2);
        break;
    }
}

static void fmt_suffix(const struct addr *a, char *buf, size_t n)
{
    if (a->suffix == SUFFIX_BIS)
        snprintf(buf, n, "BIS");
    else if (a->suffix == SUFFIX_H)
        snprintf(buf, n, "H");
    else if (a->suffix)
        snprintf(buf, n, "%u", a->suffix);
    else
        buf[0] = 0;
}

static void fmt_letter(const struct addr *a, char *buf)
{
    buf[0] = (char)a->letter;
    buf[1] = 0;
}

/* Number, letter and suffix in one text, in a random equivalent spelling. */
static void fmt_combined(const struct addr *a, struct rng *r, char *buf, size_t n)
{
    unsigned no = a->number;
    char L = (char)a->letter, l = (char)(L ? L - 'A' + 'a' : 0), suf[8];
    fmt_suffix(a, suf, sizeof suf);
    int v = rng_int(r, 0, 3);
    if (!L && !suf[0])
        snprintf(buf, n, "%u", no);
    else if (L && !suf[0]) {
        snprintf(buf, n, v <= 1 ? "%u%c" : (v == 2 ? "%u-%c" : "%u %c"), no, v == 0 ? l : L);
    } else if (a->suffix == SUFFIX_BIS)
        snprintf(buf, n, v == 0 ? "%ubis" : (v == 1 ? "%u BIS" : "%u bis"), no);
    else if (a->suffix == SUFFIX_H && !L)
        snprintf(buf, n, "%u H", no); /* NEN 5825: a space before a suffix that is a letter */
    else if (!L)
        snprintf(buf, n, v <= 1 ? "%u-%s" : (v == 2 ? "%u %s" : "%u/%s"), no, suf);
    else
        snprintf(buf, n, v <= 1 ? "%u %c %s" : (v == 2 ? "%u%c-%s" : "%u%c%s"), no, v == 3 ? l : L,
                 suf);
}

/* Letter and suffix as the BAG (and so the Kadaster and truth.csv) has them:
 * V3 registered the unit letter as toevoeging. */
static void bag_parts(const struct addr *a, char *let, char *suf, size_t n)
{
    fmt_letter(a, let);
    fmt_suffix(a, suf, n);
    if (sp_kind(a) == V_LETSUF) {
        snprintf(suf, n, "%s", let);
        let[0] = 0;
    }
}

static const char *const ROMAN[5] = {"", "I", "II", "III", "IV"};

/* Letter and suffix columns as export src (BRP, KvK) writes them; the source
 * keeps a V3 unit letter as letter. */
static void src_parts(const struct gen *g, long i, int src, char *let, char *suf, size_t n)
{
    static const char *const ground_brp[] = {"HS", "hs", "huis", "BG"};
    const struct addr *a = &g->a[i];
    fmt_letter(a, let);
    fmt_suffix(a, suf, n);
    if (src == SRC_BRP && (a->spell & SP_BARE)) {
        let[0] = suf[0] = 0;
        return;
    }
    switch (sp_in(a, src)) {
    case V_GROUND:
        snprintf(suf, n, "%s", src == SRC_BRP ? ground_brp[sp_form(g, i, src, 4)] : "HS");
        break;
    case V_ROMAN:
        snprintf(suf, n, "%s", ROMAN[a->suffix]);
        break;
    case V_UNIQUE:
        let[0] = 0;
        break;
    case V_BIS:
        snprintf(let, 2, "B");
        suf[0] = 0;
        break;
    default:
        break;
    }
}

/* Number text as export src (transactions, energy) writes it. The random
 * plain spelling is drawn first in any case, so that the format stream r runs
 * as without variants. */
static void src_combined(const struct gen *g, long i, int src, struct rng *r, char *buf, size_t n)
{
    static const char *const ground[] = {" hs", "-huis", " bg", "-H", "H"};
    const struct addr *a = &g->a[i];
    unsigned no = a->number;
    fmt_combined(a, r, buf, n);
    switch (sp_in(a, src)) {
    case V_GROUND:
        snprintf(buf, n, "%u%s", no, ground[sp_form(g, i, src, 5)]);
        break;
    case V_ROMAN: {
        int f = sp_form(g, i, src, 3);
        if (f == 2)
            snprintf(buf, n, "%u-%ue", no, a->suffix);
        else
            snprintf(buf, n, f ? "%u %s" : "%u-%s", no, ROMAN[a->suffix]);
        break;
    }
    case V_UNIQUE:
        snprintf(buf, n, "%u", no);
        break;
    case V_BIS:
        snprintf(buf, n, sp_form(g, i, src, 2) ? "%u-B" : "%ub", no);
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------------------ BRP */

static void fmt_birth(const struct person *p, char *buf, size_t n)
{
    fmt_date(buf, n, p->birth, DF_YMD);
    if (p->partial == 1)
        memcpy(buf + 4, "0000", 4);
    else if (p->partial == 2)
        memcpy(buf + 6, "00", 2);
}

static void write_brp(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct person p[MAX_HH];
    char sname[128], city[64], sur[64], buf[64], pc[16], let[8], suf[8];
    out_open(&o, dir, "brp.csv", 0);
    const char *hdr =
        "01.01.20 burgerservicenummer;01.02.40 geslachtsnaam;01.03.10 geboortedatum;"
        "01.04.10 geslachtsaanduiding;04.05.10 nationaliteit;08.10.30 datum aanvang adreshouding;"
        "08.11.10 straatnaam;08.11.20 huisnummer;08.11.30 huisletter;08.11.40 huisnummertoevoeging;"
        "08.11.60 postcode;08.11.70 woonplaatsnaam\r\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = hh_generate(g, i, p);
        if (n == 0)
            continue;
        street_name(g, a->street, buf, sizeof buf);
        to_cp1252(buf, sname, sizeof sname);
        city_name(g->st[a->street].city, buf, sizeof buf);
        to_cp1252(buf, city, sizeof city);
        fmt_postcode(a, PC_CANON, pc, sizeof pc);
        src_parts(g, i, SRC_BRP, let, suf, sizeof suf);
        for (int k = 0; k < n; k++) {
            row_begin(&rw, ';');
            snprintf(buf, sizeof buf, "%09u", bsn_of(g, p[k].pidx));
            row_add(&rw, buf);
            to_cp1252(SURNAME[p[k].surname], sur, sizeof sur);
            row_add(&rw, sur);
            fmt_birth(&p[k], buf, sizeof buf);
            row_add(&rw, buf);
            row_add(&rw, p[k].gender == 'M' ? "M" : "V");
            row_add(&rw, NATIONALITY[p[k].nat]);
            fmt_date(buf, sizeof buf, p[k].since, DF_YMD);
            row_add(&rw, buf);
            row_add(&rw, sname);
            row_addu(&rw, a->number);
            row_add(&rw, let);
            row_add(&rw, suf);
            row_add(&rw, pc);
            row_add(&rw, city);
            row_end(&rw, &o, "\r\n");
            g->s.residents++;
            g->s.partial += p[k].partial != 0;
        }
    }
    out_close(&o);
}

/* ------------------------------------------------------- Kadaster objects */

static void write_objects(struct gen *g, const char *dir)
{
    static const enum pcform forms[] = {PC_LOWER_SPACE, PC_CANON, PC_SPACE};
    struct out o;
    struct row rw;
    struct rng r;
    char buf[128], let[8], suf[8];
    rng_seed(&r, g->seed, S_FMT, 1);
    out_open(&o, dir, "kadaster_objecten.csv.gz", 1);
    const char *hdr =
        "identificatie,pand_id,postcode,huisnummer,huisletter,toevoeging,straat,woonplaats,"
        "gebruiksdoel,oppervlakte,bouwjaar,woz_waarde,eigenaar_id,eigenaar_soort,"
        "eigenaar_geboortedatum,buurtcode,nummeraanduiding_id\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int pcf = rng_int(&r, 0, 2); /* drawn for V7 too: later rows keep their spelling */
        if (a->spell & SP_ABSENT)
            continue;
        struct owner ow = owner_of(g, i);
        row_begin(&rw, ',');
        snprintf(buf, sizeof buf, "177101%010u", a->vbo);
        row_add(&rw, buf);
        snprintf(buf, sizeof buf, "177110%010u", a->pand);
        row_add(&rw, buf);
        fmt_postcode(a, forms[pcf], buf, sizeof buf);
        row_add(&rw, buf);
        row_addu(&rw, a->number);
        bag_parts(a, let, suf, sizeof suf);
        row_add(&rw, let);
        row_add(&rw, suf);
        street_name(g, a->street, buf, sizeof buf);
        row_add(&rw, buf);
        city_name(g->st[a->street].city, buf, sizeof buf);
        row_add(&rw, buf);
        row_add(&rw, USAGE_NAME[a->usage]);
        row_addu(&rw, a->area);
        row_addu(&rw, a->byear);
        row_addu(&rw, a->woz);
        snprintf(buf, sizeof buf, ow.np ? "%09u" : "%08u", ow.id);
        row_add(&rw, buf);
        row_add(&rw, ow.np ? "NP" : "RP");
        if (ow.np)
            fmt_date(buf, sizeof buf, ow.birth, DF_ISO);
        else
            buf[0] = 0;
        row_add(&rw, buf);
        buurt_code(g->st[a->street].buurt, buf, sizeof buf);
        row_add(&rw, buf);
        nad_id(g, i, buf, sizeof buf);
        row_add(&rw, buf);
        row_end(&rw, &o, "\n");
    }
    out_close(&o);
}

/* --------------------------------------------------- Kadaster transactions */

static void write_transactions(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct rng r;
    struct tx t[MAX_TX];
    char buf[64];
    rng_seed(&r, g->seed, S_FMT, 2);
    out_open(&o, dir, "kadaster_transacties.csv", 0);
    const char *hdr =
        "\xEF\xBB\xBFPostcode;Adres;Datum overdracht;Koopsom;Koper;Soort koper;Hypotheek\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = tx_generate(g, i, t);
        for (int k = 0; k < n; k++) {
            row_begin(&rw, ';');
            fmt_postcode(a, rng_chance(&r, 0.5) ? PC_CANON : PC_SPACE, buf, sizeof buf);
            row_add(&rw, buf);
            src_combined(g, i, SRC_TX, &r, buf, sizeof buf);
            row_add(&rw, buf);
            fmt_date(buf, sizeof buf, t[k].date, DF_DMY);
            row_add(&rw, buf);
            fmt_nl(buf, sizeof buf, t[k].cents, 2);
            row_add(&rw, buf);
            snprintf(buf, sizeof buf, t[k].np ? "%09u" : "%08u", t[k].id);
            row_add(&rw, buf);
            row_add(&rw, t[k].np ? "natuurlijk persoon" : "rechtspersoon");
            row_add(&rw, t[k].mortgage ? "J" : "N");
            if (a->spell & SP_ABSENT)
                continue; /* V7: formatted all the same, so later rows keep their spelling */
            row_end(&rw, &o, "\n");
            g->s.tx++;
            g->s.tx_nomortgage += !t[k].mortgage;
        }
    }
    out_close(&o);
}

/* -------------------------------------------------------------------- KvK */

struct branch {
    uint32_t kvk;
    struct sbi sbi;
    int form;
    int32_t start, end;
    char name[96];
};

static int32_t clamp_start(const struct gen *g, int32_t d)
{
    int32_t lo = days_from_civil(1955, 1, 1);
    if (d < lo)
        d = lo + (d % 3000 + 3000) % 3000;
    return d > g->ref ? g->ref : d;
}

static void trade_name(struct branch *b, struct rng *r, const char *surname)
{
    const char *w = TRADE_WORD[rng_int(r, 0, N_TRADE_WORD - 1)];
    const char *sur = surname ? surname : SURNAME[rng_int(r, 0, N_SURNAME - 1)];
    int v = rng_int(r, 0, 2);
    const char *first = v == 0 ? b->sbi.label : (v == 1 ? sur : w);
    const char *second = v == 0 ? (rng_chance(r, 0.5) ? w : sur) : b->sbi.label;
    static const char *const tail[] = {"", " B.V.", " V.O.F.", ""};
    snprintf(b->name, sizeof b->name, "%s%s %s%s", b->form == F_ST ? "Stichting " : "", first,
             second, tail[b->form]);
}

static int form_for(struct rng *r, int usage, int kind)
{
    double u = rng_unif(r);
    if (kind == K_ZZP || usage == U_WOON)
        return u < 0.92 ? F_EZ : F_VOF;
    if (usage == U_WINKEL)
        return u < 0.45 ? F_EZ : (u < 0.8 ? F_BV : F_VOF);
    if (usage == U_KANTOOR || kind == K_BC)
        return u < 0.25 ? F_EZ : (u < 0.85 ? F_BV : (u < 0.95 ? F_VOF : F_ST));
    return u < 0.2 ? F_EZ : (u < 0.85 ? F_BV : F_VOF);
}

static struct sbi sbi_pool(struct rng *r, const struct addr *a)
{
    switch (a->kvkkind) {
    case K_BC:
        return SBI_BC[rng_int(r, 0, NELEM(SBI_BC) - 1)];
    case K_POSTBOX:
        return SBI_POSTBOX[rng_int(r, 0, NELEM(SBI_POSTBOX) - 1)];
    default:
        break;
    }
    switch (a->usage) {
    case U_WINKEL:
        return SBI_SHOP[rng_int(r, 0, NELEM(SBI_SHOP) - 1)];
    case U_KANTOOR:
        return SBI_OFFICE[rng_int(r, 0, NELEM(SBI_OFFICE) - 1)];
    case U_INDUSTRIE:
        return SBI_IND[rng_int(r, 0, NELEM(SBI_IND) - 1)];
    case U_LOGIES:
        return SBI_HOTEL;
    case U_ZORG:
        return SBI_CARE;
    default:
        return SBI_ZZP[rng_int(r, 0, NELEM(SBI_ZZP) - 1)];
    }
}

/* Holding + operating BV (+ older eenmanszaak) of one director: same name. */
static void branch_holding(const struct gen *g, long i, int j, struct branch *b)
{
    struct rng h;
    rng_seed(&h, g->seed, S_HOLD, (uint64_t)i);
    const char *sur = SURNAME[rng_int(&h, 0, N_SURNAME - 1)];
    int32_t base = g->ref - years_days(rng_range(&h, 2.5, 20.0));
    struct sbi op = SBI_HOLD_OP[rng_int(&h, 0, NELEM(SBI_HOLD_OP) - 1)];
    b->form = j == 2 ? F_EZ : F_BV;
    b->sbi = j == 0 ? SBI_HOLDING : op;
    b->start = j == 2 ? base - years_days(rng_range(&h, 1.0, 6.0)) : base + rng_int(&h, 0, 40) * j;
    snprintf(b->name, sizeof b->name,
             j == 0 ? "%s Holding B.V." : (j == 1 ? "%s %s B.V." : "%s %s"), sur, b->sbi.label);
}

/* A family at home: the parent's holding and an eenmanszaak per adult, all
 * under the family name (the BRP surname), no risk sector, no churn. */
static void branch_family(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    struct rng h;
    rng_seed(&h, g->seed, S_HH, (uint64_t)i);
    const char *sur = SURNAME[rng_int(&h, 0, N_SURNAME - 1)];
    if (j == 0) {
        b->sbi = SBI_HOLDING;
        b->form = F_BV;
        b->start = g->ref - years_days(rng_range(r, 3.0, 15.0));
        snprintf(b->name, sizeof b->name, "%s Holding B.V.", sur);
        return;
    }
    b->sbi = SBI_SAFE[rng_int(r, 0, NELEM(SBI_SAFE) - 1)];
    b->form = F_EZ;
    b->start = g->ref - 60 - years_days(rng_range(r, 0.5, 12.0));
    snprintf(b->name, sizeof b->name, "%s %s", sur, b->sbi.label);
}

static void branch_active(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    const struct addr *a = &g->a[i];
    b->sbi = sbi_pool(r, a);
    b->form = form_for(r, a->usage, a->kvkkind);
    b->start = g->ref - 30 - years_days(rng_exp(r, 9.0));
    switch (a->kvkkind) {
    case K_CHAIN:
        b->sbi = SBI_CHAIN[chain_of(g, i) % NELEM(SBI_CHAIN)];
        b->form = F_BV;
        b->start = g->ref - 30 - years_days(rng_exp(r, 6.0));
        snprintf(b->name, sizeof b->name, "%s %s B.V.", TRADE_WORD[chain_of(g, i) % N_TRADE_WORD],
                 b->sbi.label);
        return;
    case K_CORP_HQ:
        b->sbi = SBI_CORP;
        b->form = F_ST;
        b->start = days_from_civil(rng_int(r, 1985, 2005), 1, 1);
        b->start += rng_int(r, 0, 364);
        snprintf(b->name, sizeof b->name, "Stichting Woonbelang %s",
                 TRADE_WORD[a->owner % N_TRADE_WORD]);
        return;
    case K_CARE:
        b->form = F_ST;
        break;
    case K_ZZP:
        b->start = g->ref - 7 - years_days(rng_exp(r, 6.0));
        break;
    case K_HOLDING:
        branch_holding(g, i, j, b);
        return;
    case K_BC:
        b->start = g->ref - 30 - years_days(rng_exp(r, 4.5));
        break;
    case K_POSTBOX:
        b->form = rng_chance(r, 0.5) ? F_EZ : (rng_chance(r, 0.7) ? F_BV : F_VOF);
        b->start = rng_chance(r, 0.65) ? g->ref - rng_int(r, 10, 730)
                                       : g->ref - years_days(rng_range(r, 2.0, 8.0));
        break;
    case K_POSTSMALL:
        b->sbi = j < (int)a->aux ? SBI_RISK[rng_int(r, 0, NELEM(SBI_RISK) - 1)]
                                 : SBI_SAFE[rng_int(r, 0, NELEM(SBI_SAFE) - 1)];
        b->form = rng_chance(r, 0.6) ? F_EZ : F_BV;
        b->start = rng_chance(r, 0.5) ? g->ref - rng_int(r, 10, 730)
                                      : g->ref - years_days(rng_range(r, 2.0, 8.0));
        break;
    case K_FAMILY:
        branch_family(g, i, j, r, b);
        return;
    default:
        break;
    }
    trade_name(b, r, NULL);
}

static void branch_dissolved(const struct gen *g, long i, struct rng *r, struct branch *b)
{
    const struct addr *a = &g->a[i];
    b->sbi = sbi_pool(r, a);
    b->form = form_for(r, a->usage, a->kvkkind == K_BC ? K_BC : K_BUSINESS);
    if (a->kvkkind == K_POSTBOX || a->kvkkind == K_POSTSMALL) {
        int life = rng_int(r, 20, 330);
        b->end = g->ref - rng_int(r, 5, years_days(3.0));
        b->start = b->end - life;
    } else {
        b->end = g->ref - rng_int(r, 20, years_days(10.0));
        b->start =
            b->end - (rng_chance(r, 0.1) ? rng_int(r, 60, 360) : years_days(1.0 + rng_exp(r, 5.0)));
    }
    trade_name(b, r, NULL);
}

static void kvk_branch(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    const struct addr *a = &g->a[i];
    int foreign = first_is_foreign(a);
    b->end = 0;
    if (j < a->n_act)
        branch_active(g, i, j, r, b);
    else
        branch_dissolved(g, i, r, b);
    b->start = clamp_start(g, b->start);
    if (b->end && b->end <= b->start)
        b->end = b->start + rng_int(r, 30, 200);
    if (foreign && j == 0)
        b->kvk = a->kvkkind == K_CHAIN ? kvk_of(g, (uint64_t)chain_of(g, i))
                                       : kvk_of(g, g->kvk_corp0 + a->owner);
    else
        b->kvk = kvk_of(g, (uint64_t)g->kvk_addr0 + a->kvk0 + (uint64_t)(j - foreign));
}

static void write_kvk(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct branch b;
    char buf[128], tv[16], suf[8];
    out_open(&o, dir, "kvk_vestigingen.csv", 0);
    const char *hdr =
        "kvkNummer,vestigingsnummer,eersteHandelsnaam,sbiCode,rechtsvorm,datumAanvang,"
        "datumUitschrijving,postcode,huisnummer,toevoeging,straatnaam,plaats\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = a->n_act + a->n_dis;
        if (n == 0)
            continue;
        struct rng r;
        rng_seed(&r, g->seed, S_KVK, (uint64_t)i);
        src_parts(g, i, SRC_KVK, tv, suf, sizeof suf);
        snprintf(tv + strlen(tv), sizeof tv - strlen(tv), "%s", suf);
        for (int j = 0; j < n; j++) {
            kvk_branch(g, i, j, &r, &b);
            row_begin(&rw, ',');
            snprintf(buf, sizeof buf, "%08u", b.kvk);
            row_add(&rw, buf);
            snprintf(buf, sizeof buf, "%012" PRIu64, ves_next(g));
            row_add(&rw, buf);
            row_add(&rw, b.name);
            row_add(&rw, b.sbi.code);
            row_add(&rw, FORM_NAME[b.form]);
            fmt_date(buf, sizeof buf, b.start, DF_YMD);
            row_add(&rw, buf);
            if (b.end)
                fmt_date(buf, sizeof buf, b.end, DF_YMD);
            else
                buf[0] = 0;
            row_add(&rw, buf);
            fmt_postcode(a, PC_CANON, buf, sizeof buf);
            row_add(&rw, buf);
            row_addu(&rw, a->number);
            row_add(&rw, tv);
            street_name(g, a->street, buf, sizeof buf);
            row_add(&rw, buf);
            city_name(g->st[a->street].city, buf, sizeof buf);
            row_add(&rw, buf);
            row_end(&rw, &o, "\n");
            if (b.end)
                g->s.kvk_dissolved++;
            else
                g->s.kvk_active++;
        }
    }
    out_close(&o);
}

/* ----------------------------------------------------------------- energy */

/*
 * SJI, the annual feed-in the grid operator reports (CAR/EDSN data): known for 70%
 * of electricity connections (decided per address, own stream); 0 without solar
 * panels, 1,200-2,600 kWh with them (300-900 behind a home battery). Empty for gas
 * and when unknown. It lets a reader rule out solar without monthly values.
 */
static void fmt_sji(const struct gen *g, long i, const struct conn *c, int k, char *buf, size_t n)
{
    const struct addr *a = &g->a[i];
    struct rng r;
    rng_seed(&r, g->seed, S_SJI, (uint64_t)i);
    int known = rng_chance(&r, 0.7);
    double kwh = a->mark == M_BATTERY_SOLAR ? rng_range(&r, 300, 900) : rng_range(&r, 1200, 2600);
    buf[0] = 0;
    if (c->gas || !known)
        return;
    int solar = (a->flags & F_SOLAR) && k == 0;
    snprintf(buf, n, "%ld", solar ? (long)kwh : 0L);
}

static void write_energy(struct gen *g, const char *dir)
{
    static const enum pcform forms[] = {PC_SPACE, PC_LOWER, PC_NL, PC_DASH, PC_CANON};
    struct out o;
    struct row rw;
    struct rng r;
    struct conn c[MAX_CONN];
    char buf[64], pc[24], nr[24];
    rng_seed(&r, g->seed, S_FMT, 3);
    out_open(&o, dir, "energie.csv", 0);
    const char *hdr = "EAN\tPRODUCT\tPOSTCODE\tHUISNR\tSJV\tM01\tM02\tM03\tM04\tM05\tM06\tM07\tM08"
                      "\tM09\tM10\tM11\tM12\tBAG_ID\tSJI\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = en_generate(g, i, c);
        for (int k = 0; k < n; k++) {
            row_begin(&rw, '\t');
            ean_next(g, buf, sizeof buf);
            row_add(&rw, buf);
            row_add(&rw, c[k].gas ? "GAS" : "ELK");
            fmt_postcode(a, forms[rng_int(&r, 0, 4)], pc, sizeof pc);
            row_add(&rw, pc);
            src_combined(g, i, SRC_EN, &r, nr, sizeof nr);
            row_add(&rw, nr);
            fmt_nl(buf, sizeof buf, c[k].annual10, 1);
            row_add(&rw, buf);
            for (int m = 0; m < 12; m++) {
                if (c[k].monthly)
                    fmt_nl(buf, sizeof buf, c[k].m10[m], 1);
                else
                    buf[0] = 0;
                row_add(&rw, buf);
            }
            if (a->spell & SP_BAGID)
                nad_id(g, i, buf, sizeof buf);
            else
                buf[0] = 0;
            row_add(&rw, buf);
            fmt_sji(g, i, &c[k], k, buf, sizeof buf);
            row_add(&rw, buf);
            if (a->flags & F_NOCONN) {
                g->s.noconn_rows++; /* formatted all the same: later rows keep their spelling */
                continue;
            }
            row_end(&rw, &o, "\n");
            g->s.bagid_rows += (a->spell & SP_BAGID) != 0;
            g->s.gas += c[k].gas;
            g->s.elk += !c[k].gas;
            g->s.monthly += c[k].monthly;
        }
    }
    out_close(&o);
}

/* -------------------------------------------------------------- meldingen */

/*
 * Citizen reports (DOMAIN.md 2.7): Meld Misdaad Anoniem, police and the
 * municipal meldpunt. Tips are not facts: most relevant categories land on
 * planted cases, but there are false tips at ordinary addresses and at the
 * look-alikes, plenty of irrelevant noise, and a few duplicates.
 */

enum mcat {
    MC_HENNEP,
    MC_STANK,
    MC_STROOM,
    MC_DRUGS,
    MC_OVERBEW,
    MC_ARBMIG,
    MC_HUISJES,
    MC_BRIEVENBUS,
    MC_SPOOK,
    MC_WITWAS,
    MC_VASTGOED,
    MC_GELUID,
    MC_BUREN,
    MC_PARKEER,
    MC_AFVAL,
    MC_TUIN,
    MC_N
};
static const char *const MCAT_NAME[MC_N] = {
    "hennepteelt",       "stankoverlast hennep", "stroomdiefstal",
    "drugsoverlast",     "overbewoning",         "arbeidsmigranten",
    "huisjesmelkerij",   "brievenbusfirma",      "spookbedrijf",
    "witwassen",         "vastgoedfraude",       "geluidsoverlast",
    "burenruzie",        "parkeeroverlast",      "afval",
    "verwaarlozing tuin"};
enum mchan { MK_MMA, MK_POLITIE, MK_MELDPUNT };
static const char *const MCHAN_NAME[] = {"MMA", "politie", "meldpunt"};

struct meld {
    int32_t date;
    uint32_t addr;
    uint16_t seq; /* order within the address */
    uint8_t cat, chan;
};

struct mlist {
    struct meld *m;
    long n, cap;
};

/* A relevant category of theme th; meter bypasses are often reported as theft. */
static int meld_cat(struct rng *r, int th, int mark)
{
    static const double w_hennep[] = {0.40, 0.30, 0.12, 0.18};
    static const double w_bypass[] = {0.30, 0.20, 0.40, 0.10};
    static const double w_over[] = {0.50, 0.30, 0.20};
    switch (th) {
    case TH_HENNEP:
        return MC_HENNEP +
               rng_pick(r,
                        (mark == M_METER_BYPASS || mark == M_BYPASS_PARTIAL) ? w_bypass : w_hennep,
                        4);
    case TH_OVERBEWONING:
        return MC_OVERBEW + rng_pick(r, w_over, 3);
    case TH_BRIEVENBUS:
        return rng_chance(r, 0.6) ? MC_BRIEVENBUS : MC_SPOOK;
    default:
        return rng_chance(r, 0.6) ? MC_WITWAS : MC_VASTGOED;
    }
}

static int meld_chan(struct rng *r, int cat)
{
    static const double w_drugs[] = {0.45, 0.40, 0.15}, w_over[] = {0.10, 0.20, 0.70};
    static const double w_fin[] = {0.50, 0.20, 0.30}, w_noise[] = {0.0, 0.40, 0.60};
    const double *w = cat <= MC_DRUGS      ? w_drugs
                      : cat <= MC_HUISJES  ? w_over
                      : cat <= MC_VASTGOED ? w_fin
                                           : w_noise;
    return rng_pick(r, w, 3);
}

static void meld_push(struct mlist *l, long i, int32_t date, int cat, int chan)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->m = realloc(l->m, (size_t)l->cap * sizeof *l->m);
        if (!l->m)
            die("out of memory", NULL);
    }
    uint16_t seq = (l->n > 0 && l->m[l->n - 1].addr == (uint32_t)i) ? l->m[l->n - 1].seq + 1 : 0;
    l->m[l->n++] = (struct meld){date, (uint32_t)i, seq, (uint8_t)cat, (uint8_t)chan};
}

/* k reports of category group th (or noise when th < 0) at address i, spread
 * over months; ~2% of reports are entered twice. Returns the rows added. */
static long meld_series(const struct gen *g, struct mlist *l, struct rng *r, long i, int k, int th)
{
    int gap[3] = {0, 0, 0}, span = 0;
    for (int j = 1; j < k; j++)
        span += gap[j] = rng_int(r, 20, 180);
    int32_t d = g->ref - rng_int(r, 1 + span, 730);
    long rows = 0;
    for (int j = 0; j < k; j++) {
        d += gap[j];
        int cat = th < 0 ? MC_GELUID + rng_int(r, 0, 4) : meld_cat(r, th, g->a[i].mark);
        int chan = meld_chan(r, cat);
        meld_push(l, i, d, cat, chan);
        rows++;
        if (rng_chance(r, 0.02)) {
            meld_push(l, i, d, cat, chan);
            rows++;
        }
    }
    return rows;
}

static int meld_cmp(const void *x, const void *y)
{
    const struct meld *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->addr != b->addr)
        return a->addr < b->addr ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Share of planted addresses (per pattern) with relevant reports. */
static double meld_share(int m)
{
    if (m == M_CARE || PATTERNS[m].theme < 0)
        return 0;
    if (!PATTERNS[m].is_case)
        return 0.25;
    switch (m) {
    case M_METER_BYPASS:
    case M_BYPASS_PARTIAL:
        return 0.70;
    case M_GROW_SMALL:
        return 0.35;
    default:
        break;
    }
    static const double by_theme[TH_N] = {0.50, 0.15, 0.30, 0.40};
    return by_theme[PATTERNS[m].theme];
}

/* Marks exactly round(share x count) addresses of every pattern as reported. */
static uint8_t *meld_select(const struct gen *g)
{
    uint8_t *sel = calloc((size_t)g->n, 1);
    long *idx = malloc((size_t)g->n * sizeof *idx);
    if (!sel || !idx)
        die("out of memory", NULL);
    for (int m = 1; m < M_COUNT; m++) {
        long c = 0;
        for (long i = 0; i < g->n; i++)
            if (g->a[i].mark == m)
                idx[c++] = i;
        struct rng r;
        rng_seed(&r, g->seed, S_MELD, (uint64_t)g->n + (uint64_t)m);
        for (long k = c - 1; k > 0; k--) {
            long j = (long)(rng_unif(&r) * (double)(k + 1));
            long t = idx[k];
            idx[k] = idx[j];
            idx[j] = t;
        }
        for (long k = lround(meld_share(m) * (double)c) - 1; k >= 0; k--)
            sel[idx[k]] = 1;
    }
    free(idx);
    return sel;
}

static void meld_generate(struct gen *g, struct mlist *l)
{
    static const double w_k[] = {0.65, 0.25, 0.10}, w_noise[] = {0.60, 0.28, 0.12};
    static const double w_th_dw[TH_N] = {0.45, 0.10, 0.15, 0.30};
    uint8_t *sel = meld_select(g);
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_MELD, (uint64_t)i);
        int m = a->mark, th = m ? PATTERNS[m].theme : -1;
        if (rng_chance(&r, 0.02)) {
            g->s.meld_noise += meld_series(g, l, &r, i, 1 + rng_pick(&r, w_noise, 3), -1);
            g->s.meld_noise_addr++;
        }
        if (sel[i]) {
            long rows = meld_series(g, l, &r, i, 1 + rng_pick(&r, w_k, 3), th);
            if (PATTERNS[m].is_case) {
                g->s.meld_case += rows;
                g->s.meld_case_addr++;
            } else {
                g->s.meld_look += rows;
                g->s.meld_look_addr++;
            }
        } else if (th < 0 && rng_chance(&r, 0.003)) {
            /* a false tip: a neighbour's suspicion that is wrong */
            int t = a->usage == U_WOON ? rng_pick(&r, w_th_dw, TH_N)
                                       : (rng_chance(&r, 0.7) ? TH_HENNEP : TH_BRIEVENBUS);
            g->s.meld_false += meld_series(g, l, &r, i, rng_chance(&r, 0.85) ? 1 : 2, t);
            g->s.meld_false_addr++;
        }
    }
    free(sel);
    qsort(l->m, (size_t)l->n, sizeof *l->m, meld_cmp);
    for (long k = 1; k < l->n; k++)
        g->s.meld_dup += l->m[k].addr == l->m[k - 1].addr && l->m[k].date == l->m[k - 1].date &&
                         l->m[k].cat == l->m[k - 1].cat;
}

static void write_meldingen(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct rng r;
    struct mlist l = {NULL, 0, 0};
    char buf[64];
    meld_generate(g, &l);
    rng_seed(&r, g->seed, S_FMT, 4);
    out_open(&o, dir, "meldingen.csv", 0);
    const char *hdr = "meldingnummer;datum;postcode;huisnummer;categorie;kanaal\n";
    out_write(&o, hdr, strlen(hdr));
    int year = 0;
    long serial = 0;
    for (long k = 0; k < l.n; k++) {
        const struct meld *m = &l.m[k];
        long i = (long)m->addr;
        int y = year_of(m->date);
        serial = y == year ? serial + 1 : 1;
        year = y;
        row_begin(&rw, ';');
        snprintf(buf, sizeof buf, "M%04d-%06ld", y, serial);
        row_add(&rw, buf);
        fmt_date(buf, sizeof buf, m->date, DF_ISO);
        row_add(&rw, buf);
        fmt_postcode(&g->a[i], PC_CANON, buf, sizeof buf);
        row_add(&rw, buf);
        src_combined(g, i, SRC_EN, &r, buf, sizeof buf);
        row_add(&rw, buf);
        row_add(&rw, MCAT_NAME[m->cat]);
        row_add(&rw, MCHAN_NAME[m->chan]);
        row_end(&rw, &o, "\n");
    }
    g->s.meld = l.n;
    free(l.m);
    out_close(&o);
}

/* ------------------------------------------------------------------ truth */

static void truth_row(struct gen *g, struct out *o, const struct addr *a, int theme, int m)
{
    struct row rw;
    char pc[16], let[8], suf[8];
    int v = sp_kind(a), c = PATTERNS[m].is_case;
    row_begin(&rw, ';');
    row_add(&rw, THEME_NAME[theme]);
    row_add(&rw, PATTERNS[m].is_case ? "case" : "lookalike");
    fmt_postcode(a, PC_CANON, pc, sizeof pc);
    row_add(&rw, pc);
    row_addu(&rw, a->number);
    bag_parts(a, let, suf, sizeof suf);
    row_add(&rw, let);
    row_add(&rw, suf);
    row_add(&rw, PATTERNS[m].name);
    row_add(&rw, VARIANT_NAME[v]);
    row_end(&rw, o, "\n");
    g->s.truth_var[theme][c][v]++;
    g->s.truth_rel[theme][c] += (sp_srcs(a) & THEME_SRC[theme]) != 0;
    if (PATTERNS[m].is_case)
        g->s.truth_case[theme]++;
    else
        g->s.truth_look[theme]++;
}

static void write_truth(struct gen *g, const char *dir)
{
    struct out o;
    out_open(&o, dir, "truth.csv", 0);
    const char *hdr =
        "theme;kind;postcode;house_number;house_letter;house_suffix;pattern;spelling\n";
    out_write(&o, hdr, strlen(hdr));
    for (int th = 0; th < TH_N; th++)
        for (int want_case = 1; want_case >= 0; want_case--)
            for (long i = 0; i < g->n; i++) {
                int m = g->a[i].mark;
                if (m == M_NONE || PATTERNS[m].is_case != want_case)
                    continue;
                int theme = PATTERNS[m].theme;
                if (m == M_CARE && th == TH_OVERBEWONING)
                    theme = TH_OVERBEWONING;
                if (theme == th)
                    truth_row(g, &o, &g->a[i], th, m);
            }
    out_close(&o);
    memset(g->s.pattern, 0, sizeof g->s.pattern);
    for (long i = 0; i < g->n; i++)
        g->s.pattern[g->a[i].mark]++;
}

/* ------------------------------------------------------------------ main */

static void usage_exit(void)
{
    fprintf(stderr, "usage: vik-gen [--seed N] --out DIR [--addresses N]\n");
    exit(2);
}

static long parse_long(const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi) {
        fprintf(stderr, "vik-gen: invalid number '%s'\n", s);
        exit(2);
    }
    return v;
}

static void make_dirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            die("cannot create directory", buf);
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        die("cannot create directory", buf);
}

/* Variant counts, and per theme the planted rows with a variant ("in source":
 * in the export the theme reads). */
static void print_spelling(const struct gen *g)
{
    const struct stats *s = &g->s;
    printf("  spelling: blocks %ld (Amsterdam-style %ld, %ld H units); addresses with a variant:",
           s->blocks, s->ams_blocks, s->ground_units);
    for (int v = 1; v < V_N; v++)
        printf(" %s=%ld", VARIANT_NAME[v], s->variant[v]);
    printf("\n  spelling: lettered houses alone at their number %ld, BRP bare number (ambiguous) "
           "%ld, not in Kadaster %ld, energy rows with BAG id %ld, forced for planted rows %ld\n",
           s->unique_houses, s->bare, s->absent, s->bagid_rows, s->forced);
    for (int th = 0; th < TH_N; th++)
        for (int c = 1; c >= 0; c--) {
            long rows = c ? s->truth_case[th] : s->truth_look[th];
            printf("  %-12s %-11s with variant %ld (in source %ld):", THEME_NAME[th],
                   c ? "cases" : "look-alikes", rows - s->truth_var[th][c][V_NONE],
                   s->truth_rel[th][c]);
            for (int v = 1; v < V_N; v++)
                if (s->truth_var[th][c][v])
                    printf(" %s=%ld", VARIANT_NAME[v], s->truth_var[th][c][v]);
            printf("\n");
        }
}

static void print_summary(const struct gen *g)
{
    const struct stats *s = &g->s;
    printf("vik-gen seed=%" PRIu64 " addresses=%ld reference_date=%04d-%02d-%02d\n", g->seed, g->n,
           REF_YEAR, REF_MONTH, REF_DAY);
    for (int u = 0; u < U_N; u++)
        printf("  %-24s %8ld\n", USAGE_NAME[u], s->usage[u]);
    printf("  residents %ld (partial birth dates %ld), streets %ld, landlords %ld\n", s->residents,
           s->partial, g->n_st, g->n_ll);
    printf("  kvk branches %ld active + %ld dissolved = %ld\n", s->kvk_active, s->kvk_dissolved,
           s->kvk_active + s->kvk_dissolved);
    printf("  energy connections %ld ELK (%ld with monthly values) + %ld GAS\n", s->elk, s->monthly,
           s->gas);
    printf("  transactions %ld, hypotheekloos %ld (%.1f%%)\n", s->tx, s->tx_nomortgage,
           s->tx ? 100.0 * (double)s->tx_nomortgage / (double)s->tx : 0.0);
    for (int th = 0; th < TH_N; th++) {
        printf("  %-12s cases %3ld, look-alikes %3ld:", THEME_NAME[th], s->truth_case[th],
               s->truth_look[th]);
        for (int m = 1; m < M_COUNT; m++)
            if (PATTERNS[m].theme == th || (m == M_CARE && th == TH_OVERBEWONING))
                printf(" %s=%ld", PATTERNS[m].name, s->pattern[m]);
        printf("\n");
    }
    printf("  energy: %ld dwellings without any connection data (%ld rows left out; planted "
           "no_energy_data %ld)\n",
           s->noconn, s->noconn_rows, s->pattern[M_NO_ENERGY]);
    printf("  meldingen %ld rows: noise %ld at %ld addresses, relevant at cases %ld at %ld "
           "addresses, at look-alikes %ld at %ld, false tips %ld at %ld, duplicates %ld\n",
           s->meld, s->meld_noise, s->meld_noise_addr, s->meld_case, s->meld_case_addr,
           s->meld_look, s->meld_look_addr, s->meld_false, s->meld_false_addr, s->meld_dup);
    print_spelling(g);
}

int main(int argc, char **argv)
{
    struct gen g;
    memset(&g, 0, sizeof g);
    g.seed = 1;
    g.n = 17000;
    const char *out = NULL;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--seed") == 0 && k + 1 < argc)
            g.seed = (uint64_t)parse_long(argv[++k], 0, 2147483647L);
        else if (strcmp(argv[k], "--out") == 0 && k + 1 < argc)
            out = argv[++k];
        else if (strcmp(argv[k], "--addresses") == 0 && k + 1 < argc)
            g.n = parse_long(argv[++k], 1000, 16000000L);
        else
            usage_exit();
    }
    if (!out)
        usage_exit();
    g.ref = days_from_civil(REF_YEAR, REF_MONTH, REF_DAY);
    g.win0 = days_from_civil(REF_YEAR - 6, REF_MONTH, REF_DAY);
    g.woz_day = days_from_civil(2025, 1, 1);
    g.n_chain = (int)lmax(4, g.n / 3000);
    g.n_corp = (int)(3 + g.n / 60000);
    g.n_inv = (int)lmax(5, g.n / 2000);
    g.n_dev = (int)lmax(3, g.n / 5000);
    g.a = calloc((size_t)g.n, sizeof *g.a);
    if (!g.a)
        die("out of memory", NULL);
    ids_init(&g);
    geo_build(&g);
    plan_woz(&g);
    plan_households(&g);
    plan_flags(&g);
    plan_kvk(&g);
    plan_owners(&g);
    long n_cases = lmax(8, lround((double)g.n / 1000.0));
    plant_cases(&g, n_cases);
    plant_lookalikes(&g, n_cases);
    plant_harder(&g);
    finalise(&g);
    plan_spelling(&g);
    plan_noconn(&g);
    make_dirs(out);
    write_brp(&g, out);
    write_objects(&g, out);
    write_transactions(&g, out);
    write_kvk(&g, out);
    write_energy(&g, out);
    write_meldingen(&g, out);
    write_truth(&g, out);
    print_summary(&g);
    free(g.a);
    free(g.st);
    free(g.ll);
    free(g.sp_birth);
    return 0;
}
