/*
 * rng.c: the PRNG, calendar dates and identifiers of vik-gen.
 *
 * Why: the same seed must give byte-identical files on any compiler, so the
 * generator never uses rand(), time or locale. Every purpose draws from its own
 * stream keyed by (seed, stream, index), which lets a writer re-derive the rows
 * of one address without keeping them. Dates are days since 1970-01-01.
 * Identifiers (BSN, KvK, vestigingsnummer, EAN, BAG nummeraanduiding) are
 * bijections of counters, so they are unique without a hash set.
 */
#include "gen.h"

void die(const char *msg, const char *arg)
{
    fprintf(stderr, "vik-gen: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    exit(1);
}

/* ------------------------------------------------------------------- PRNG */

uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Independent stream for (seed, purpose, index): the key of re-derivation. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream, uint64_t idx)
{
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    x = h ^ (stream * 0xD1B54A32D192ED03ULL);
    h = splitmix64(&x);
    x = h ^ (idx * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

double rng_normal(struct rng *r)
{
    double u1 = 1.0 - rng_unif(r);
    double u2 = rng_unif(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * PI_D * u2);
}

double rng_lognorm(struct rng *r, double sigma)
{
    return exp(sigma * rng_normal(r));
}

double rng_exp(struct rng *r, double mean)
{
    return -mean * log(1.0 - rng_unif(r));
}

/* Log-uniform between lo and hi, skewed towards lo by power k (k = 1 plain). */
double rng_logskew(struct rng *r, double lo, double hi, double k)
{
    return exp(log(lo) + (log(hi) - log(lo)) * pow(rng_unif(r), k));
}

int rng_pick(struct rng *r, const double *w, int n)
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
int32_t days_from_civil(int y, int m, int d)
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

int year_of(int32_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

int32_t years_days(double years)
{
    return (int32_t)lround(years * YEAR_DAYS);
}

double age_at(int32_t birth, int32_t at)
{
    return (double)(at - birth) / YEAR_DAYS;
}

void fmt_date(char *buf, size_t n, int32_t day, enum datefmt f)
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
uint32_t bsn_of(const struct gen *g, uint64_t p)
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

uint32_t kvk_of(const struct gen *g, uint64_t e)
{
    return (uint32_t)((e * g->kvk_mul + g->kvk_add) % 100000000ULL);
}

uint64_t ves_next(struct gen *g)
{
    uint64_t v = g->ves_serial++;
    return 100000000ULL + (v * g->ves_mul + g->ves_add) % 900000000ULL;
}

/* 18-digit EAN: 871687 + 11-digit serial + GS1 mod-10 check digit. */
void ean_next(struct gen *g, char *buf, size_t n)
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

void ids_init(struct gen *g)
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
void nad_id(const struct gen *g, long i, char *buf, size_t n)
{
    uint64_t serial = ((uint64_t)i * g->nad_mul + g->nad_add) % 10000000000ULL;
    snprintf(buf, n, "177120%010" PRIu64, serial);
}
