/*
 * gen.h: the one internal header of vik-gen, the deterministic generator of a
 * synthetic Dutch municipality (samples/README.md says what is in it,
 * samples/EXPORTS.md how the files look).
 *
 * Why one header: every module works on the same plan, an array of struct addr
 * (64 bytes per address) inside struct gen, and re-derives rows from private
 * PRNG streams keyed by (seed, stream, index). The enums, the plan structures
 * and the stream ids must agree across modules, so they live here; each .c
 * file keeps its own helpers static and exports only what another module
 * calls (prototypes at the end, grouped by file).
 *
 * How the modules fit: main.c parses the command line, looks up the world
 * (world.c: the named parameters of one municipality, struct world) and runs
 * the plan in order: geo.c (streets, buildings, farms, WOZ), population.c
 * (households, students, tenure, energy flags, KvK plan, owners, landlords),
 * plant.c, lookalike.c and plant_worlds.c (planted cases and look-alikes),
 * spelling.c (address spellings per export) and energy.c (which dwellings
 * lack energy data, the peers of a planted pattern). Then the writers
 * (write.c, kvk.c, meldingen.c, on top of format.c) derive every row on the
 * fly with persons.c, transactions.c and energy.c. rng.c holds the PRNG,
 * dates and identifiers. There is no global mutable state: everything hangs
 * off struct gen, whose world is read-only.
 */
#ifndef VIK_GEN_H
#define VIK_GEN_H

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
    T_OTHER_HOME, /* a second dwelling of the owner of address `owner` (T_OWNER there) */
    T_FARM        /* a farm's outbuilding, owned with the farmhouse at address `owner` */
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
    H_ADULTKIDS, /* parents 48-62 with adult children */
    H_YOUNG2,    /* buyer aged 22-29 at a->event */
    H_MIDBUYER,  /* buyer aged 35-60 at a->event */
    H_STUDENT1   /* a student aged 18-24 at a->event who bought (with parents' money) */
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
    K_FAMILY,    /* holding + an eenmanszaak per adult family member */
    K_REMOTE,    /* in use by a firm registered elsewhere (chain head office, the
                    farmhouse): no branch at the unit, n_act 0 */
    K_FARM,      /* the farm's firm, registered at the farmhouse */
    K_SHARED     /* holding + operating B.V. + the partner's eenmanszaak (+ a second
                    operating B.V.) of one couple at home */
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
    /* Patterns every world plants, from their own stream (S_CASE3) after all
     * of the above (plant_worlds.c). */
    M_GROW_FLAT_SMALL,
    M_GROW_INDUSTRIAL,
    M_COLD_STORE,
    M_YOUNG_CASH_WOZ,
    M_CASH_OVERPAY,
    M_ABC_SLOW,
    M_PARENTS_FLAT,
    M_SHARED_OFFICE,
    /* More witwassen cases in the population of all purchases, so that the
     * young buyers' population is not crowded with planted cases. */
    M_CASH_UNDERPAY,
    M_MORTGAGE_OVERPAY,
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
    S_SJI,    /* whether and what the grid operator reports as annual feed-in */
    S_CASE3,  /* the patterns every world plants (plant_worlds.c) */
    S_WORLD   /* what only some worlds draw; index address * 8 + 1 students, + 2
                 chain shops, + 3 home office and ZZP use, postcode * 8 + 7 the
                 postcode's electricity factor */
};

enum datefmt { DF_YMD, DF_ISO, DF_DMY };
enum pcform { PC_CANON, PC_SPACE, PC_LOWER_SPACE, PC_LOWER, PC_NL, PC_DASH };

/* Exports that can write an address differently from the BAG (bit masks). */
enum src { SRC_BRP = 1, SRC_TX = 2, SRC_KVK = 4, SRC_EN = 8, SRC_ALL = 15 };
/* Spelling variants (EXPORTS.md): how exports deviate from the BAG spelling. */
enum variant { V_NONE, V_GROUND, V_ROMAN, V_LETSUF, V_UNIQUE, V_BIS, V_N };

/* Bits of struct addr.spell: variant (3 bits), exports writing it (4 bits), flags. */
#define SP_KIND 0x7u
#define SP_SRC_SHIFT 3
#define SP_BAGID 0x080u  /* energy rows carry the nummeraanduiding id */
#define SP_BARE 0x100u   /* V6: BRP writes the bare number of a shared number */
#define SP_ABSENT 0x200u /* V7: not (yet) in the Kadaster exports */

/*
 * The populations a planted pattern's signal is judged in: a method that
 * learns what is normal from such a population must find the planted cases
 * rare in it (main.c prints the share they take, gen_check.py measures it
 * again). Purchases count as rows, the rest as addresses.
 */
enum pop {
    POP_YOUNG24,      /* purchases of a dwelling by a person under 30, last 24 months */
    POP_YOUNG24_CASH, /* ... of which without a mortgage (the signal, not a population) */
    POP_PURCH24,      /* purchases of a dwelling, last 24 months */
    POP_RESOLD3,      /* dwellings transferred twice within 3 years */
    POP_YOUNG_OWNER,  /* dwellings owned by a person under 30 */
    POP_VACANT,       /* dwellings with nobody registered */
    POP_OCCUPIED,     /* occupied dwellings with electricity */
    POP_FLAT1,        /* one-person flats of 50-70 m2 heated with gas */
    POP_MONTHLY,      /* occupied dwellings with monthly electricity values */
    POP_NONRES,       /* non-residential units (no care homes, hotels) */
    POP_INDUSTRIAL,   /* industrial units */
    POP_FIRMS,        /* dwellings with an active firm registered */
    POP_N
};
#define PB(p) (1u << (p))

struct pattern {
    const char *name;
    int theme;
    int is_case;
    unsigned pops; /* PB(POP_...): where a case's signal is judged */
};

#define NELEM(x) ((int)(sizeof(x) / sizeof((x)[0])))
#define N_SURNAME 46     /* entries of SURNAME (persons.c) */
#define N_STREET_BASE 60 /* street name tables (format.c) */
#define N_STREET_SUFFIX 10
#define N_NAT 8

extern const struct pattern PATTERNS[M_COUNT]; /* plant.c */
extern const char *const THEME_NAME[TH_N];     /* plant.c */
extern const char *const USAGE_NAME[U_N];      /* geo.c */
extern const char *const VARIANT_NAME[V_N];    /* spelling.c */
extern const char *const POP_NAME[POP_N];      /* main.c */
extern const int THEME_SRC[TH_N];              /* spelling.c */
extern const char *const SURNAME[N_SURNAME];   /* persons.c */
extern const char *const NATIONALITY[N_NAT];   /* persons.c */

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

/*
 * A world: the named parameters of one plausible Dutch municipality, in the
 * things the indicators are sensitive to (world.c has the table of worlds, one
 * row each, with the source or reasoning of every value). Shares are
 * probabilities, counts are per 17,000 addresses, energy in kWh per year.
 */
struct world {
    const char *name;
    const char *desc; /* one line for --list-worlds */

    /* geography and buildings (geo.c) */
    double apt_share;      /* of dwellings */
    double row_share;      /* of houses; row houses: terraced with corners */
    double semi_share;     /* of houses; detached: the rest */
    double farms17k;       /* farms (a detached farmhouse with outbuildings) */
    double barns_per_farm; /* mean outbuildings per farm (1..4) */
    double shops17k, offices17k, bcs17k, ind17k, garages17k, care17k, hotels17k;
    double era_w[7];     /* build eras 1900-44, -64, -79, -94, -2009, -18, -25 */
    double house_area_f; /* factor on the terraced/corner/semi floor areas */
    double det_area_mean, det_area_sd;
    double apt_area_mean, apt_area_sd;
    double p_corp_row, p_corp_block; /* a row / an apartment block owned by a corporation */
    double p_owner_house;            /* other houses: owner-occupied (rest private or corp) */
    double p_owner_flat;             /* other flats: owner-occupied (rest private) */
    double woz_m2;                   /* WOZ of a dwelling per m2 (peildatum 2025-01-01) */

    /* households (population.c, persons.c) */
    double hh_apt[6], hh_house[6];               /* household sizes 1..5, 6+ */
    double p_vacant;                             /* dwellings built before 2025 */
    double p_recent;                             /* households that arrived in the last 12 months */
    double stay_mean;                            /* years, exponential, after the first year */
    double single_apt[3], single_house[3];       /* singles aged 20-35, 35-65, 65-95 */
    double p_old_couple_apt, p_old_couple_house; /* couples aged 65-92 */
    double head_lo, head_hi;                     /* age of the head of a family with children */
    double p_students; /* student houses, of private-rented dwellings of 80-160 m2 */

    /* landlords (population.c) */
    double ll_w[6];           /* private landlords owning 1, 2, 3, 4, 5, 6+ dwellings */
    int ll_big_lo, ll_big_hi; /* portfolio size of the 6+ landlords */

    /* energy flags (population.c) */
    double p_ae[4]; /* all-electric by build year: >= 2019, 2010-18, 1990-2009, older */
    double p_ev_owner_house, p_ev_house, p_ev_apt; /* electric car charged at home */
    double p_ev_villa; /* ... at an owner-occupied detached or semi-detached house */
    double p_solar_owner, p_solar_corp, p_solar_private; /* houses with solar panels */

    /* KvK plan (population.c) */
    double p_zzp, p_holding; /* occupied dwellings with a ZZP / a holding + operating BV */
    double p_chain;          /* shops that are a chain branch registered at the unit */
    double p_chain_remote;   /* shops run by a chain registered elsewhere (no branch there) */
    double p_shop_act, p_office_act, p_ind_act; /* units with an active firm */

    /* energy (energy.c) */
    double elk_med[6];     /* household electricity by size 1..5 (index 0 unused) */
    double elk_per_extra;  /* per person above 5 */
    double elk_type[6];    /* factor by dwelling type (enum dtype) */
    double elk_area_slope; /* kWh per m2 above 100 m2 */
    double elk_sigma;      /* lognormal spread of a household around its median */
    double elk_pc_sigma;   /* ... and of a postcode around the town (its affluence) */
    double pc_affluence;   /* tilt of cars, owners' panels and home offices by a postcode's
                              affluence (N(0,1)): the share x exp(k z - k^2 / 2) */
    double pc_lifestage;   /* correlation of household sizes within a postcode (rho) */
    double p_home_office;  /* occupied dwellings with a home office */
    double home_office_lo, home_office_hi;
    double zzp_lo, zzp_hi;       /* a ZZP at home: equipment, log-uniform */
    double hp_lo, hp_hi;         /* heat pump of an all-electric home (at 120 m2) */
    double hp_area_exp;          /* ... scaled by (area / 120)^hp_area_exp */
    double p_airco;              /* occupied dwellings with air conditioning */
    double airco_lo, airco_hi;   /* kWh */
    double p_hybrid;             /* owner-occupied gas-heated houses with a hybrid heat pump */
    double hybrid_lo, hybrid_hi; /* kWh at 120 m2 (scaled as a heat pump) */
    double hybrid_gas;           /* factor on the gas it leaves */
    double ev_lo, ev_hi;         /* electric car charged at home */
    double solar_lo, solar_hi;   /* production of the panels of one house */
    double p_monthly;            /* electricity connections with monthly values */
    double p_sji;                /* addresses whose feed-in (SJI) the grid operator reports */
    double shop_m2, shop_sigma, shop_cap; /* non-food shop: 5,000 + m2 x area x LN(sigma) */
    double food_share;                    /* shops with refrigeration (food retail) */
    double food_m2_lo, food_m2_hi;        /* kWh per m2 of food retail and chain refrigeration */
    double barn_m2, barn_sigma;           /* farm outbuilding: median kWh per m2 and spread */
    double p_barn_conn;                   /* outbuildings with an own electricity connection */

    /* transactions (transactions.c) */
    double p_cash[5];         /* natural buyers without mortgage, aged <30, <45, <60, <70, 70+ */
    double p_cash_young_flat; /* ... aged < 30 buying a flat of at most 70 m2 */
    double p_prev;            /* an earlier sale of the object in the window */
    double prev_gap_min;      /* days between that sale and the next at least */
    double prev_gap_mean;     /* years, exponential, on top */

    /* citizen reports (meldingen.c) */
    double p_noise;     /* addresses with noise reports */
    double p_false_tip; /* unmarked addresses with a false relevant tip */
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
    /* electricity per postcode range as the grid operators' open data has it */
    long elk_ranges, elk_small, elk_large;
    double elk_p10, elk_p50, elk_p90;
    /* household electricity within groups of comparable dwellings (write.c) */
    double elk_spread;
    long elk_spread_n, elk_spread_groups;
    /* the populations patterns are judged in: size, and rows per mark */
    long pop[POP_N];
    long pop_rows[POP_N][M_COUNT];
};

struct gen {
    uint64_t seed;
    const struct world *w;
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
    double flat1_med; /* median electricity of comparable flats (plan_energy_peers) */
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

/* An output file (plain or gzip) and one CSV row being built (format.c). */
struct out {
    FILE *f;
    gzFile gz;
    char path[4096];
};

/* One CSV row; a field is quoted only when it holds the delimiter, a quote
 * or a line break. */
struct row {
    char b[8192];
    size_t n;
    char delim;
    int nf;
};

typedef int (*pred_fn)(const struct gen *g, const struct addr *a);

/* ---------------------------------------------------------- small helpers */

static inline long scale17k(long n, double per)
{
    return lround((double)n * per / 17000.0);
}

static inline long lmax(long a, long b)
{
    return a > b ? a : b;
}

static inline long lmin(long a, long b)
{
    return a < b ? a : b;
}

static inline int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

static inline double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* The hot core of the PRNG (xoshiro256**, Blackman & Vigna), inline because
 * every row draws from it many times; seeding and the distributions are in
 * rng.c. */
static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(struct rng *r)
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

static inline double rng_unif(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static inline int rng_int(struct rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)(rng_unif(r) * (double)(hi - lo + 1));
}

static inline double rng_range(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unif(r);
}

static inline int rng_chance(struct rng *r, double p)
{
    return rng_unif(r) < p;
}

/* ------------------------------------------------------ module interfaces */

/* rng.c */
void die(const char *msg, const char *arg);
uint64_t splitmix64(uint64_t *x);
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream, uint64_t idx);
double rng_normal(struct rng *r);
double rng_lognorm(struct rng *r, double sigma);
double rng_exp(struct rng *r, double mean);
double rng_logskew(struct rng *r, double lo, double hi, double k);
int rng_pick(struct rng *r, const double *w, int n);
int32_t days_from_civil(int y, int m, int d);
int year_of(int32_t day);
int32_t years_days(double years);
double age_at(int32_t birth, int32_t at);
void fmt_date(char *buf, size_t n, int32_t day, enum datefmt f);
uint32_t bsn_of(const struct gen *g, uint64_t p);
uint32_t kvk_of(const struct gen *g, uint64_t e);
uint64_t ves_next(struct gen *g);
void ean_next(struct gen *g, char *buf, size_t n);
void ids_init(struct gen *g);
void nad_id(const struct gen *g, long i, char *buf, size_t n);

/* geo.c */
void geo_build(struct gen *g);
void plan_woz(struct gen *g);

/* population.c */
void postcode_profile(const struct gen *g, const struct addr *a, double *aff, double *life);
double pc_tilt(double p, double k, double z);
void plan_households(struct gen *g);
void plan_flags(struct gen *g);
void plan_kvk(struct gen *g);
uint32_t investor_pick(const struct gen *g, struct rng *r);
uint32_t corp_for(const struct gen *g, const struct addr *a, struct rng *r);
void plan_owners(struct gen *g);
int first_is_foreign(const struct addr *a);
void finalise(struct gen *g);

/* plant.c */
long pick_in(const struct gen *g, struct rng *r, pred_fn ok, long lo, long hi);
long pick(const struct gen *g, struct rng *r, pred_fn ok);
long pick2(const struct gen *g, struct rng *r, pred_fn a, pred_fn b);
int is_dwelling(const struct addr *a);
int plain_household(const struct addr *a);
int ok_grow_metered(const struct gen *g, const struct addr *a);
int ok_grow_empty(const struct gen *g, const struct addr *a);
int ok_owned_or_rented(const struct gen *g, const struct addr *a);
uint32_t new_special_person(struct gen *g, int32_t birth);
void set_area(struct addr *a, int area);
int ok_any_home(const struct gen *g, const struct addr *a);
int ok_meter_bypass(const struct gen *g, const struct addr *a);
int ok_private(const struct gen *g, const struct addr *a);
int ok_postbox_any(const struct gen *g, const struct addr *a);
int ok_overcrowded(const struct gen *g, const struct addr *a);
int ok_solar_nz(const struct gen *g, const struct addr *a);
int ok_plain_house(const struct gen *g, const struct addr *a);
int ok_student(const struct gen *g, const struct addr *a);
void clear_energy_extras(struct addr *a);
void set_vacant(struct addr *a, struct rng *r);
int32_t recent_day(const struct gen *g, struct rng *r, int min_days, int max_days);
void plant_cases(struct gen *g, long n);
void set_buyer(struct gen *g, struct rng *r, struct addr *a, int kind, int size, int32_t when);
void plant_lookalikes(struct gen *g, long n);

/* lookalike.c */
long per17k(const struct gen *g, double c);
long per17k1(const struct gen *g, double c);
void plant_harder(struct gen *g);

/* plant_worlds.c */
void plant_worlds(struct gen *g);

/* persons.c */
uint64_t pidx_landlord(const struct gen *g, uint32_t l);
uint64_t pidx_historic(const struct gen *g, long i, int slot);
int hh_generate(const struct gen *g, long i, struct person *p);
struct owner owner_of(const struct gen *g, long i);
int chain_of(const struct gen *g, long i);

/* transactions.c */
int tx_generate(const struct gen *g, long i, struct tx *t);

/* world.c */
const struct world *world_find(const char *name);
void world_list(FILE *f);

/* energy.c */
double elec_household(const struct world *w, const struct addr *a, int s);
double elec_unit_median(const struct world *w, const struct addr *a);
int en_generate(const struct gen *g, long i, struct conn *c);
void plan_noconn(struct gen *g);
void plan_energy_peers(struct gen *g);
void fmt_sji(const struct gen *g, long i, const struct conn *c, int k, char *buf, size_t n);

/* spelling.c */
int sp_kind(const struct addr *a);
int sp_srcs(const struct addr *a);
int sp_in(const struct addr *a, int src);
int sp_form(const struct gen *g, long i, int src, int n);
void plan_spelling(struct gen *g);

/* format.c */
void out_open(struct out *o, const char *dir, const char *name, int gz);
void out_write(struct out *o, const char *p, size_t n);
void out_close(struct out *o);
void row_begin(struct row *r, char delim);
void row_add(struct row *r, const char *s);
void row_addu(struct row *r, unsigned long v);
void row_end(struct row *r, struct out *o, const char *eol);
void to_cp1252(const char *in, char *out, size_t n);
void fmt_nl(char *buf, size_t n, int64_t scaled, int decimals);
void street_name(const struct gen *g, uint32_t street, char *buf, size_t n);
void city_name(uint32_t c, char *buf, size_t n);
void buurt_code(uint32_t b, char *buf, size_t n);
void fmt_postcode(const struct addr *a, enum pcform f, char *buf, size_t n);
void bag_parts(const struct addr *a, char *let, char *suf, size_t n);
void src_parts(const struct gen *g, long i, int src, char *let, char *suf, size_t n);
void src_combined(const struct gen *g, long i, int src, struct rng *r, char *buf, size_t n);

/* kvk.c */
void write_kvk(struct gen *g, const char *dir);

/* write.c */
void write_brp(struct gen *g, const char *dir);
void write_objects(struct gen *g, const char *dir);
void write_transactions(struct gen *g, const char *dir);
void write_energy(struct gen *g, const char *dir);
void write_truth(struct gen *g, const char *dir);

/* meldingen.c */
void write_meldingen(struct gen *g, const char *dir);

#endif
