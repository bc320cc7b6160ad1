/*
 * calib.c - see calib.h.
 */
#include "score/calib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void calib_init(struct calib *c, unsigned n_classes, double resolution)
{
    memset(c, 0, sizeof *c);
    c->n_classes = n_classes > CALIB_MAX_CLASSES ? CALIB_MAX_CLASSES : n_classes;
    if (c->n_classes == 0)
        c->n_classes = 1;
    c->resolution = resolution > 0 ? resolution : 1e-3;
}

void calib_release(struct calib *c)
{
    free(c->bx);
    free(c->bw);
    free(c->bc);
    free(c->sorted);
    free(c->pooled);
    free(c->ssum);
    free(c->psum);
    free(c->sw);
    free(c->pw);
    memset(c, 0, sizeof *c);
}

static int grow(struct calib *c)
{
    size_t cap = c->cap ? c->cap * 2 : 4096;
    float *bx = realloc(c->bx, cap * sizeof *bx);
    if (!bx)
        return -1;
    c->bx = bx;
    uint8_t *bc = realloc(c->bc, cap * sizeof *bc);
    if (!bc)
        return -1;
    c->bc = bc;
    if (c->bw) {
        float *bw = realloc(c->bw, cap * sizeof *bw);
        if (!bw)
            return -1;
        c->bw = bw;
    }
    c->cap = cap;
    return 0;
}

int calib_add(struct calib *c, unsigned cls, double x, double w)
{
    if (c->n == c->cap && grow(c) != 0)
        return -1;
    if (w != 1 && !c->bw) { /* the first weight: earlier values weighed 1 */
        c->bw = malloc(c->cap * sizeof *c->bw);
        if (!c->bw)
            return -1;
        for (size_t i = 0; i < c->n; i++)
            c->bw[i] = 1;
    }
    c->bx[c->n] = (float)x + 0.0f; /* -0 is 0: the sort orders bits, and they differ */
    if (c->bw)
        c->bw[c->n] = (float)w;
    c->bc[c->n++] = (uint8_t)(cls < c->n_classes ? cls : 0);
    return 0;
}

/* Index of the first value >= x in v[0..n) (sorted ascending). */
static size_t lower_bound(const float *v, size_t n, float x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first value > x in v[0..n) (sorted ascending). */
static size_t upper_bound(const float *v, size_t n, float x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Weight of v[i..n): sum[i] when weighted, else the count. */
static double mass_from(const double *sum, size_t i, size_t n)
{
    return sum ? (i < n ? sum[i] : 0) : (double)(n - i);
}

/* The largest i with weight of v[i..n) >= want (0 when even all of it is less). */
static size_t index_at_mass(const double *sum, size_t n, double want)
{
    if (!sum) {
        double k = ceil(want);
        return k >= (double)n ? 0 : n - (size_t)k;
    }
    size_t lo = 0, hi = n; /* sum is non-increasing: find the last i with sum[i] >= want */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sum[mid] >= want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? lo - 1 : 0;
}

/*
 * The weighted median of v[first..n): the value where half the weight lies on
 * either side, the mean of the two middle values when the halves meet exactly
 * (an even count of equal weights).
 */
static double tail_median(const float *v, const double *sum, size_t first, size_t n)
{
    double total = mass_from(sum, first, n), half = total / 2;
    for (size_t j = first; j < n; j++) {
        double below = total - mass_from(sum, j + 1, n); /* weight of v[first..j] */
        if (below == half && j + 1 < n)
            return ((double)v[j] + (double)v[j + 1]) / 2;
        if (below >= half)
            return v[j];
    }
    return v[n - 1];
}

/*
 * Fit the exponential tail of v[0..n) (sorted ascending; sum: suffix weights or
 * NULL), all by weight, so an owner counts once however many dwellings he has: u
 * where the top CALIB_TAIL_SHARE of the weight starts (at least CALIB_TAIL_MIN
 * members), moved above a value tied with more than half of the tail (else the
 * median excess would be 0 and the tail would claim rarity the data do not show),
 * and beta from the median excess over u (see calib.h).
 */
static void fit_tail(struct calib_tail *t, const float *v, const double *sum, size_t n,
                     double resolution)
{
    t->n = n;
    t->mass = mass_from(sum, 0, n);
    t->k_u = 0;
    t->mass_u = 0;
    t->u = 0;
    t->beta = resolution;
    if (n == 0 || !(t->mass > 0))
        return;
    double want = CALIB_TAIL_SHARE * t->mass;
    double least = t->mass < CALIB_TAIL_MIN ? t->mass : CALIB_TAIL_MIN;
    t->u = v[index_at_mass(sum, n, want > least ? want : least)];
    for (;;) {
        size_t first = lower_bound(v, n, t->u), above = upper_bound(v, n, t->u);
        t->k_u = n - first;
        t->mass_u = mass_from(sum, first, n);
        double tied = t->mass_u - mass_from(sum, above, n);
        if (above == n || !(2 * tied > t->mass_u))
            break;
        t->u = v[above]; /* u is in a heavy tie: start above it */
    }
    double beta = (tail_median(v, sum, n - t->k_u, n) - (double)t->u) / log(2.0);
    t->beta = beta > resolution ? beta : resolution;
}

/* Suffix sums of w[0..n) into sum. */
static void suffix(double *sum, const float *w, size_t n)
{
    double acc = 0;
    for (size_t i = n; i-- > 0;)
        sum[i] = acc += w[i];
}

/*
 * The order of the values: an LSD radix sort of their bits (three passes of 11
 * bits), stable, so values that tie keep the order they came in - as a stable
 * comparison sort would leave them. A comparison sort of every indicator's
 * population (a million values each at a million addresses, twice: pooled and by
 * class) was a tenth of a run in the profile; this is one pass per digit, and the
 * classes are then read off the pooled order instead of sorted again.
 *
 * A record is the value's key (its bits, ordered) above, and below it what the
 * fill needs besides the value, which the key gives back: the class, or, when
 * the values are weighted, the index the weight and class are fetched by. So an
 * unweighted population is filled in order without a gather (a cache miss per
 * value at national size), and the three digits are counted in one pass.
 */
enum { BITS = 11, RADIX = 1 << BITS, PASSES = 3 };

static uint32_t float_key(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u & 0x80000000u ? ~u : u | 0x80000000u; /* negatives reversed, below positives */
}

static float key_float(uint32_t k)
{
    uint32_t u = k & 0x80000000u ? k & 0x7FFFFFFFu : ~k;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* Sorts a[0..n) by the upper 32 bits, stably, through b; returns the sorted one. */
static uint64_t *radix_sort(uint64_t *a, uint64_t *b, size_t n, size_t count[PASSES][RADIX])
{
    memset(count, 0, sizeof(size_t[PASSES][RADIX]));
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < PASSES; p++)
            count[p][a[i] >> (32 + p * BITS) & (RADIX - 1)]++;
    for (int p = 0; p < PASSES; p++) {
        unsigned shift = 32 + (unsigned)p * BITS;
        size_t *c = count[p];
        if (n && c[a[0] >> shift & (RADIX - 1)] == n)
            continue; /* every value has this digit: the pass would change nothing */
        for (size_t d = 0, at = 0; d < RADIX; d++) {
            size_t k = c[d];
            c[d] = at;
            at += k;
        }
        for (size_t i = 0; i < n; i++)
            b[c[a[i] >> shift & (RADIX - 1)]++] = a[i];
        uint64_t *t = a;
        a = b, b = t;
    }
    return a;
}

/* The sorted records of c's values (see above); NULL when out of memory, else
 * *spare is the other buffer (both freed by the caller). */
static uint64_t *sorted_records(const struct calib *c, uint64_t **spare)
{
    size_t n = c->n ? c->n : 1;
    uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    size_t(*count)[RADIX] = malloc(sizeof(size_t[PASSES][RADIX]));
    *spare = NULL;
    if (!a || !b || !count || c->n > UINT32_MAX) { /* an index per value */
        free(a), free(b), free(count);
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++)
        a[i] = (uint64_t)float_key(c->bx[i]) << 32 | (c->bw ? (uint32_t)i : c->bc[i]);
    uint64_t *sorted = radix_sort(a, b, c->n, count);
    free(count);
    *spare = sorted == a ? b : a;
    return sorted;
}

/* The arrays calib_finish fills; 0, or -1 when out of memory. */
static int finish_alloc(struct calib *c)
{
    size_t n = c->n ? c->n : 1;
    c->sorted = malloc(n * sizeof *c->sorted);
    c->pooled = malloc(n * sizeof *c->pooled);
    if (!c->sorted || !c->pooled)
        return -1;
    if (!c->bw)
        return 0;
    c->sw = malloc(n * sizeof *c->sw);
    c->pw = malloc(n * sizeof *c->pw);
    c->ssum = malloc(n * sizeof *c->ssum);
    c->psum = malloc(n * sizeof *c->psum);
    return c->sw && c->pw && c->ssum && c->psum ? 0 : -1;
}

int calib_finish(struct calib *c, size_t n_town)
{
    size_t count[CALIB_MAX_CLASSES] = {0}, at[CALIB_MAX_CLASSES];
    c->n_town = n_town;
    uint64_t *spare = NULL, *rec = finish_alloc(c) == 0 ? sorted_records(c, &spare) : NULL;
    if (!rec)
        return -1;
    for (size_t i = 0; i < c->n; i++)
        count[c->bc[i]]++;
    size_t off = 0;
    for (unsigned k = 0; k < c->n_classes; k++) {
        c->cls[k].off = at[k] = off;
        c->cls[k].n = count[k];
        off += count[k];
    }
    for (size_t i = 0; i < c->n; i++) { /* the pool in order, each class in order */
        uint32_t low = (uint32_t)rec[i];
        size_t j = at[c->bw ? c->bc[low] : low]++;
        c->pooled[i] = c->sorted[j] = key_float((uint32_t)(rec[i] >> 32));
        if (c->bw)
            c->pw[i] = c->sw[j] = c->bw[low];
    }
    free(rec), free(spare);
    free(c->bx), free(c->bw), free(c->bc);
    c->bx = c->bw = NULL, c->bc = NULL;
    if (c->psum)
        suffix(c->psum, c->pw, c->n);
    fit_tail(&c->all, c->pooled, c->psum, c->n, c->resolution);
    c->all.unseen = c->unobserved_all;
    for (unsigned k = 0; k < c->n_classes; k++) {
        struct calib_tail *t = &c->cls[k];
        t->unseen = c->unobserved[k];
        if (c->ssum)
            suffix(c->ssum + t->off, c->sw + t->off, t->n);
        fit_tail(t, c->sorted + t->off, c->ssum ? c->ssum + t->off : NULL, t->n, c->resolution);
    }
    c->finished = 1;
    return 0;
}

/* Share of the (weighted) values of v[0..t->n) at least x, extended beyond u. */
static double tail_share(const struct calib_tail *t, const float *v, const double *sum, float x)
{
    if (t->n == 0 || !(t->mass > 0))
        return 1.0;
    if (x <= t->u) {
        double k = mass_from(sum, lower_bound(v, t->n, x), t->n);
        double least = sum ? mass_from(sum, t->n - 1, t->n) : 1; /* itself */
        return (k > least ? k : least) / t->mass;
    }
    return t->mass_u / t->mass * exp(-((double)x - (double)t->u) / t->beta);
}

static double bounded(double s)
{
    return !(s > 0) ? 0 : s > CALIB_MAX_SURPRISE ? CALIB_MAX_SURPRISE : s;
}

/* The population class cls is ranked in: its own, or the pool (one class, too small). */
static const struct calib_tail *population(const struct calib *c, unsigned cls, int *pooled)
{
    const struct calib_tail *t = cls < c->n_classes ? &c->cls[cls] : &c->all;
    *pooled = c->n_classes > 1 && t->n < CALIB_MIN_CLASS;
    return c->n_classes == 1 || *pooled ? &c->all : t;
}

void calib_add_unobserved(struct calib *c, unsigned cls, double w)
{
    c->unobserved[cls < c->n_classes ? cls : 0] += w;
    c->unobserved_all += w;
}

/* (seen + unseen) / seen of tail t. */
static double coverage_of(const struct calib_tail *t)
{
    return t->mass > 0 ? (t->mass + t->unseen) / t->mass : 1;
}

void calib_rarity(const struct calib *c, unsigned cls, double x, struct rarity *out)
{
    float fx = (float)x;
    const struct calib_tail *t = population(c, cls, &out->pooled);
    if (t == &c->all) {
        t = &c->all;
        out->p = tail_share(t, c->pooled, c->psum, fx);
    } else {
        out->p = tail_share(t, c->sorted + t->off, c->ssum ? c->ssum + t->off : NULL, fx);
    }
    out->n = t->mass;
    out->surprise = bounded(out->p > 0 ? -log10(out->p) : CALIB_MAX_SURPRISE);
    out->unseen = t->unseen;
    const struct calib_tail *span = c->strata ? &c->all : t; /* calib.h: strata */
    out->expected = out->p * span->mass * coverage_of(span);
    double town = (double)c->n_town > span->mass ? (double)c->n_town : span->mass;
    out->town = bounded(out->expected > 0 ? -log10(out->expected / town) : CALIB_MAX_SURPRISE);
    out->strength = calib_strength(out->town);
}

/* The quiet value of tail t, whose sorted values are v (ranked as class cls). */
static void set_quiet(struct calib *c, struct calib_tail *t, const float *v, unsigned cls,
                      calib_fires_fn fires, const void *ctx)
{
    size_t lo = 0, hi = t->n; /* the first index whose value fires */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        struct rarity r;
        calib_rarity(c, cls, v[mid], &r);
        if (fires(&r, ctx))
            hi = mid;
        else
            lo = mid + 1;
    }
    t->quiet = lo == 0 ? -INFINITY : v[lo - 1];
    t->has_quiet = 1;
}

void calib_set_quiet(struct calib *c, calib_fires_fn fires, const void *ctx)
{
    set_quiet(c, &c->all, c->pooled, c->n_classes, fires, ctx);
    for (unsigned k = 0; c->n_classes > 1 && k < c->n_classes; k++)
        if (c->cls[k].n >= CALIB_MIN_CLASS)
            set_quiet(c, &c->cls[k], c->sorted + c->cls[k].off, k, fires, ctx);
}

int calib_quiet(const struct calib *c, unsigned cls, double x)
{
    int pooled;
    const struct calib_tail *t = population(c, cls, &pooled);
    return t->has_quiet && (float)x <= t->quiet;
}

double calib_pooled_x_at(const struct calib *c, double p)
{
    const struct calib_tail *t = &c->all;
    if (t->n == 0 || !(p > 0) || !(t->mass > 0))
        return NAN;
    if (p * t->mass >= t->mass_u) { /* inside the data: the value where the share reaches p */
        double want = p * t->mass;
        size_t i = t->n;
        while (i > 0 && mass_from(c->psum, i - 1, t->n) <= want)
            i--;
        return c->pooled[i < t->n ? i : t->n - 1];
    }
    return (double)t->u + t->beta * log(t->mass_u / t->mass / p);
}

double calib_strength(double town)
{
    double s = town / CALIB_FULL_SURPRISE;
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

double calib_coverage(const struct calib *c, unsigned cls)
{
    int pooled;
    return coverage_of(population(c, cls, &pooled));
}
