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
    free(c->bc);
    free(c->sorted);
    free(c->pooled);
    memset(c, 0, sizeof *c);
}

int calib_add(struct calib *c, unsigned cls, double x)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4096;
        float *bx = realloc(c->bx, cap * sizeof *bx);
        if (!bx)
            return -1;
        c->bx = bx;
        uint8_t *bc = realloc(c->bc, cap * sizeof *bc);
        if (!bc)
            return -1;
        c->bc = bc;
        c->cap = cap;
    }
    c->bx[c->n] = (float)x;
    c->bc[c->n++] = (uint8_t)(cls < c->n_classes ? cls : 0);
    return 0;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
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

/*
 * Fit the exponential tail of v[0..n) (sorted ascending). When the k-th largest
 * value is tied with much of the population (counts: most owners own one
 * dwelling; most dwellings have no company), the tail starts at the next distinct
 * value above it: a "tail" that begins in the bulk would make every value above
 * it look ordinary.
 */
static void fit_tail(struct calib_tail *t, const float *v, size_t n, double resolution)
{
    t->n = n;
    t->k_u = 0;
    t->u = 0;
    t->beta = resolution;
    if (n == 0)
        return;
    size_t k = (size_t)ceil(CALIB_TAIL_SHARE * (double)n);
    if (k < CALIB_TAIL_MIN)
        k = CALIB_TAIL_MIN;
    if (k > n)
        k = n;
    t->u = v[n - k];
    t->k_u = n - lower_bound(v, n, t->u);
    size_t above = n - upper_bound(v, n, t->u);
    if (t->k_u > 3 * k && above > 0) {
        t->u = v[n - above];
        t->k_u = above;
    }
    double excess = 0;
    for (size_t i = n - t->k_u; i < n; i++)
        excess += (double)v[i] - (double)t->u;
    double beta = excess / (double)t->k_u;
    t->beta = beta > resolution ? beta : resolution;
}

int calib_finish(struct calib *c, size_t n_town)
{
    c->n_town = n_town;
    size_t count[CALIB_MAX_CLASSES] = {0}, at[CALIB_MAX_CLASSES];
    c->sorted = malloc((c->n ? c->n : 1) * sizeof *c->sorted);
    c->pooled = malloc((c->n ? c->n : 1) * sizeof *c->pooled);
    if (!c->sorted || !c->pooled)
        return -1;
    for (size_t i = 0; i < c->n; i++)
        count[c->bc[i]]++;
    size_t off = 0;
    for (unsigned k = 0; k < c->n_classes; k++) {
        c->cls[k].off = at[k] = off;
        c->cls[k].n = count[k];
        off += count[k];
    }
    for (size_t i = 0; i < c->n; i++)
        c->sorted[at[c->bc[i]]++] = c->bx[i];
    if (c->n)
        memcpy(c->pooled, c->bx, c->n * sizeof *c->pooled);
    free(c->bx);
    free(c->bc);
    c->bx = NULL;
    c->bc = NULL;
    qsort(c->pooled, c->n, sizeof *c->pooled, cmp_float);
    fit_tail(&c->all, c->pooled, c->n, c->resolution);
    for (unsigned k = 0; k < c->n_classes; k++) {
        float *v = c->sorted + c->cls[k].off;
        qsort(v, c->cls[k].n, sizeof *v, cmp_float);
        fit_tail(&c->cls[k], v, c->cls[k].n, c->resolution);
    }
    c->finished = 1;
    return 0;
}

/* Share of v[0..t->n) at least x, extended beyond the tail threshold. */
static double tail_share(const struct calib_tail *t, const float *v, float x)
{
    if (t->n == 0)
        return 1.0;
    if (x <= t->u) {
        size_t k = t->n - lower_bound(v, t->n, x);
        return (double)(k ? k : 1) / (double)t->n;
    }
    return (double)t->k_u / (double)t->n * exp(-((double)x - (double)t->u) / t->beta);
}

static double bounded(double s)
{
    return s < 0 ? 0 : s > CALIB_MAX_SURPRISE ? CALIB_MAX_SURPRISE : s;
}

void calib_rarity(const struct calib *c, unsigned cls, double x, struct rarity *out)
{
    float fx = (float)x;
    const struct calib_tail *t = cls < c->n_classes ? &c->cls[cls] : &c->all;
    out->pooled = c->n_classes > 1 && t->n < CALIB_MIN_CLASS;
    if (c->n_classes == 1 || out->pooled || t == &c->all) {
        t = &c->all;
        out->p = tail_share(t, c->pooled, fx);
    } else {
        out->p = tail_share(t, c->sorted + t->off, fx);
    }
    out->n = t->n;
    out->surprise = bounded(out->p > 0 ? -log10(out->p) : CALIB_MAX_SURPRISE);
    out->expected = out->p * (double)t->n;
    size_t town = c->n_town > t->n ? c->n_town : t->n;
    out->town =
        bounded(out->expected > 0 ? -log10(out->expected / (double)town) : CALIB_MAX_SURPRISE);
}

double calib_pooled_x_at(const struct calib *c, double p)
{
    const struct calib_tail *t = &c->all;
    if (t->n == 0 || !(p > 0))
        return NAN;
    double k = p * (double)t->n; /* values at least x */
    if (k >= (double)t->k_u) {
        size_t idx = k >= (double)t->n ? 0 : t->n - (size_t)ceil(k);
        return c->pooled[idx];
    }
    return (double)t->u + t->beta * log((double)t->k_u / (double)t->n / p);
}

double calib_strength(double surprise)
{
    double s = surprise / CALIB_FULL_SURPRISE;
    return s < 0 ? 0 : s > 1 ? 1 : s;
}
