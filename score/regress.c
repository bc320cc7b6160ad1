/*
 * regress.c - see regress.h. GSL 2.7: gsl_multifit_robust with the bisquare weight
 * function (the default, tuning constant 4.685: 95% efficiency for normal errors),
 * gsl_multifit_robust_statistics for the residual scale. GSL's error handler is
 * off (stats_init), so every status is checked here.
 */
#include "score/regress.h"

#include "score/ind_util.h"
#include "score/peer.h"
#include "score/stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bisquare can need more than GSL's default 100 reweighting rounds on skewed data. */
#define REGRESS_MAXITER 500

static const char *const TYPE_NAME[] = {"apartment", "house", "dwelling"};

/* The dwellings peer.c's peer_eligible() takes, so both methods see the same rows. */
static int eligible(const struct address *a)
{
    return address_is_dwelling(a) && a->n_elec > 0 && !(a->feed_in & FEED_IN_SEEN) && a->elec > 0 &&
           a->floor_area > 0;
}

/* The full design row of x (every column, used or not). */
static void design(const struct regress_row *x, double v[RC_COUNT])
{
    unsigned res = x->residents >= 5 ? 5 : x->residents;
    memset(v, 0, RC_COUNT * sizeof *v);
    v[RC_INTERCEPT] = 1;
    v[RC_LOG_AREA] = log(x->area);
    if (res != 1)
        v[res == 0 ? RC_RES0 : RC_RES2 + (res - 2)] = 1;
    if (x->type == 1 || x->type == 2)
        v[x->type == 1 ? RC_HOUSE : RC_UNKNOWN] = 1;
    v[RC_NO_GAS] = x->no_gas ? 1 : 0;
}

/*
 * Which columns enter the fit: intercept and log(area) always; a dummy only when
 * both its level and the rest have REGRESS_MIN_LEVEL rows (otherwise it is not
 * estimable, or estimated from a handful of dwellings). Returns the count.
 */
static size_t choose_columns(struct regress_model *m, const struct regress_row *rows, size_t n)
{
    size_t ones[RC_COUNT] = {0}, p = 0;
    for (size_t i = 0; i < n; i++) {
        double v[RC_COUNT];
        design(&rows[i], v);
        for (int c = 0; c < RC_COUNT; c++)
            ones[c] += v[c] != 0;
    }
    for (int c = 0; c < RC_COUNT; c++) {
        int dummy = c >= RC_RES0;
        m->used[c] = !dummy || (ones[c] >= REGRESS_MIN_LEVEL && n - ones[c] >= REGRESS_MIN_LEVEL);
        p += m->used[c];
    }
    return p;
}

static void fill(const struct regress_model *m, const struct regress_row *rows, size_t n,
                 gsl_matrix *X, gsl_vector *y)
{
    for (size_t i = 0; i < n; i++) {
        double v[RC_COUNT];
        design(&rows[i], v);
        for (size_t c = 0, j = 0; c < RC_COUNT; c++)
            if (m->used[c])
                gsl_matrix_set(X, i, j++, v[c]);
        gsl_vector_set(y, i, rows[i].y);
    }
}

/* Copy the fitted coefficients and pooled scale; a non-finite result is not a fit. */
static void take_fit(struct regress_model *m, const gsl_vector *c,
                     const gsl_multifit_robust_workspace *w)
{
    gsl_multifit_robust_stats st = gsl_multifit_robust_statistics(w);
    int finite = isfinite(st.sigma);
    for (size_t k = 0, j = 0; k < RC_COUNT; k++) {
        m->coef[k] = m->used[k] ? gsl_vector_get(c, j++) : 0;
        finite = finite && isfinite(m->coef[k]);
    }
    m->sigma_fit = st.sigma;
    m->state = finite ? REGRESS_FITTED : REGRESS_NO_CONVERGE;
}

static unsigned level_of(const struct regress_row *x)
{
    return x->residents >= 5 ? 5 : x->residents;
}

/*
 * Scale per household level (regress.h): 1.4826 x MAD of the residuals of the
 * fitted rows at that level, floored; GSL's pooled sigma (floored) for a level
 * with fewer than REGRESS_MIN_LEVEL rows. 0, or -1 when out of memory.
 */
static int level_scales(struct regress_model *m, const struct regress_row *rows, size_t n,
                        double sigma_floor)
{
    double *res = malloc(n * sizeof *res), *work = malloc(n * sizeof *work);
    double pooled = m->sigma_fit > sigma_floor ? m->sigma_fit : sigma_floor;
    int rc = res && work ? 0 : -1;
    for (unsigned lev = 0; rc == 0 && lev < 6; lev++) {
        size_t k = 0;
        double e;
        for (size_t i = 0; i < n; i++)
            if (level_of(&rows[i]) == lev && regress_expect(m, &rows[i], &e) == 0)
                res[k++] = rows[i].y - e;
        struct robust r;
        stats_robust(res, k, sigma_floor, work, &r);
        m->sigma_res[lev] = k >= REGRESS_MIN_LEVEL ? r.scale : pooled;
    }
    free(res);
    free(work);
    return rc;
}

int regress_fit_rows(struct regress_model *m, const struct regress_row *rows, size_t n,
                     size_t min_rows, double sigma_floor)
{
    memset(m, 0, sizeof *m);
    m->n_eligible = m->n_rows = n;
    m->stride = 1;
    m->state = REGRESS_TOO_FEW;
    size_t p = choose_columns(m, rows, n);
    if (n < min_rows || n <= p)
        return 0;
    gsl_matrix *X = gsl_matrix_alloc(n, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *y = gsl_vector_alloc(n), *c = gsl_vector_alloc(p);
    gsl_multifit_robust_workspace *w =
        gsl_multifit_robust_alloc(gsl_multifit_robust_bisquare, n, p);
    int rc = X && cov && y && c && w ? 0 : -1;
    if (rc == 0) {
        fill(m, rows, n, X, y);
        int status = gsl_multifit_robust_maxiter(REGRESS_MAXITER, w);
        if (status == GSL_SUCCESS)
            status = gsl_multifit_robust(X, y, c, cov, w);
        m->gsl_status = status;
        if (status == GSL_ENOMEM)
            rc = -1;
        else if (status == GSL_SUCCESS)
            take_fit(m, c, w);
        else
            m->state = REGRESS_NO_CONVERGE; /* GSL_EMAXITER: weights still moving */
    }
    if (w)
        gsl_multifit_robust_free(w);
    gsl_matrix_free(X); /* NULL-safe in GSL 2.7 */
    gsl_matrix_free(cov);
    gsl_vector_free(y);
    gsl_vector_free(c);
    if (rc == 0 && m->state == REGRESS_FITTED)
        rc = level_scales(m, rows, n, sigma_floor);
    if (rc != 0)
        m->state = REGRESS_TOO_FEW;
    return rc;
}

int regress_row_of(const struct dataset *d, const struct address *a, struct regress_row *out)
{
    if (!(a->floor_area > 0))
        return -1;
    out->area = a->floor_area;
    out->residents = a->n_residents;
    out->type = peer_type(d, a);
    out->no_gas = no_gas(a); /* the same test as E1's heat-pump allowance */
    out->y = log1p(a->elec > 0 ? a->elec : 0);
    return 0;
}

/* Every stride-th eligible dwelling, in dataset order, into rows (cap entries). */
static size_t sample(const struct dataset *d, size_t stride, struct regress_row *rows, size_t cap)
{
    size_t seen = 0, n = 0;
    for (uint32_t i = 0; i < d->n_addrs && n < cap; i++) {
        const struct address *a = &d->addrs[i];
        if (!eligible(a))
            continue;
        if (seen++ % stride == 0 && regress_row_of(d, a, &rows[n]) == 0)
            n++;
    }
    return n;
}

int regress_build(struct regress_model *m, const struct dataset *d, size_t max_rows,
                  size_t min_rows, double sigma_floor)
{
    size_t n_eligible = 0;
    for (uint32_t i = 0; i < d->n_addrs; i++)
        n_eligible += (size_t)eligible(&d->addrs[i]);
    if (max_rows == 0)
        max_rows = 1;
    size_t stride = (n_eligible + max_rows - 1) / max_rows;
    stride = stride ? stride : 1;
    size_t cap = (n_eligible + stride - 1) / stride;
    struct regress_row *rows = malloc((cap ? cap : 1) * sizeof *rows);
    if (!rows) {
        memset(m, 0, sizeof *m);
        m->state = REGRESS_TOO_FEW;
        return -1;
    }
    size_t n = sample(d, stride, rows, cap);
    int rc = regress_fit_rows(m, rows, n, min_rows, sigma_floor);
    free(rows);
    m->n_eligible = n_eligible;
    m->stride = stride;
    return rc;
}

int regress_expect(const struct regress_model *m, const struct regress_row *x, double *expected)
{
    if (m->state != REGRESS_FITTED)
        return -1;
    double v[RC_COUNT], e = 0;
    design(x, v);
    for (int c = 0; c < RC_COUNT; c++) {
        if (v[c] != 0 && !m->used[c])
            return -1;
        e += m->coef[c] * v[c];
    }
    *expected = e;
    return 0;
}

double regress_z(const struct regress_model *m, const struct regress_row *x, double expected,
                 double y)
{
    double sigma = m->sigma_res[level_of(x)];
    return sigma > 0 ? (y - expected) / sigma : 0;
}

void regress_label(const struct regress_row *x, char *buf, size_t size)
{
    int type = x->type >= 0 && x->type <= 2 ? x->type : 2;
    snprintf(buf, size, "%s, %.0f m2, %u resident%s, %s", TYPE_NAME[type], x->area, x->residents,
             x->residents == 1 ? "" : "s", x->no_gas ? "no gas" : "gas");
}
