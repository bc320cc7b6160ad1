/*
 * regress.h - expected electricity of a dwelling by robust regression, the
 * alternative to peer groups for E1 energy_high (docs/statistics.md, peer groups).
 *
 * Why: peer groups cut type x area band x household into 90 cells, and a thin cell
 * collapses to a coarser one, so a dwelling is often compared with dwellings that
 * differ in size or household. One model over all eligible dwellings uses every
 * row for every coefficient and gives each dwelling its own expectation:
 *
 *   log(1 + kWh) ~ 1 + log(area) + residents {0, 2, 3, 4, 5+; 1 is the base}
 *                    + type {house, unknown; apartment is the base} + no_gas
 *
 * fitted with gsl_multifit_robust (bisquare), so the grow rooms we look for do not
 * pull the line up. Zero residents is its own level, not dropped: empty dwellings
 * use a few hundred kWh, and a grow room in an empty flat (8,000+ kWh) is exactly
 * what E1 must see; peer groups keep 0 as a level too. no_gas (no gas connection
 * or < 50 m3/yr) is the tell of an all-electric home (docs/statistics.md, household energy).
 *
 * Rows: the dwellings peer.c uses (a dwelling, electricity > 0, no solar feed-in,
 * floor area known). For the whole country (9.2 M addresses) the design matrix
 * alone would be ~550 MB and GSL's workspace as much again, so the fit uses every
 * k-th eligible dwelling in dataset order,
 * k = ceil(eligible / max_rows): deterministic, spread over the whole country, and
 * 200,000 rows pin 10 coefficients far below the residual noise. Every address is
 * then scored from the coefficients (regress_expect), not only the sampled ones.
 *
 * z = (log(1 + kWh) - expected) / sigma, sigma the robust residual scale (1.4826 x
 * MAD of the residuals) of the dwelling's household level, floored at sigma_floor
 * so a near-perfect fit cannot make huge z. One scale per household level because
 * the spread is not the same: empty dwellings (150-900 kWh: fridge, standby) vary
 * about twice as much in log terms as occupied ones, and one pooled sigma made
 * every empty flat at 3,000 kWh an outlier (measured: 77 of 92 z >= 3.5 hits on
 * five synthetic towns were empty apartments). A level with fewer than
 * REGRESS_MIN_LEVEL rows uses GSL's pooled robust sigma. Studentizing by leverage
 * (1 - h) is skipped: with p = 10 and thousands of rows h is about p/n, a change
 * in the third decimal of z.
 *
 * Owns nothing after regress_build returns (GSL workspaces and the design matrix
 * are freed); the model is plain data. Not thread-hostile: no global state.
 */
#ifndef VIK_SCORE_REGRESS_H
#define VIK_SCORE_REGRESS_H

#include "model/dataset.h"

#include <stddef.h>

enum regress_col {
    RC_INTERCEPT,
    RC_LOG_AREA,
    RC_RES0,
    RC_RES2,
    RC_RES3,
    RC_RES4,
    RC_RES5, /* 5 or more */
    RC_HOUSE,
    RC_UNKNOWN, /* building unknown */
    RC_NO_GAS,
    RC_COUNT
};

enum {
    REGRESS_MAX_ROWS = 200000, /* rows in the design matrix at most (subsample above) */
    REGRESS_MIN_LEVEL = 10,    /* a level (dummy) with fewer rows is left out of the fit */
    REGRESS_MIN_ROWS = 100,    /* fewer rows: no fit (rule of thumb: 10 rows per coefficient) */
};

/* Floor on sigma in log units, the same as peer.c's floor on the peer scale (+-16%). */
#define REGRESS_SIGMA_FLOOR 0.15

/* Why a model is not used; peer groups then judge E1 (the reason says so). */
enum regress_state {
    REGRESS_FITTED,
    REGRESS_TOO_FEW,     /* fewer eligible dwellings than min_rows */
    REGRESS_NO_CONVERGE, /* GSL_EMAXITER or another GSL status: see gsl_status */
};

/* One dwelling as the model sees it. */
struct regress_row {
    double area;        /* m2, > 0 */
    unsigned residents; /* registered; 5 and more share a level */
    int type;           /* peer_type(): 0 apartment, 1 house, 2 unknown */
    int no_gas;         /* all-electric tell */
    double y;           /* log(1 + kWh) */
};

struct regress_model {
    enum regress_state state;
    int gsl_status;        /* status of gsl_multifit_robust, 0 when it converged */
    size_t n_eligible;     /* eligible dwellings seen */
    size_t n_rows;         /* rows in the fit: every stride-th eligible dwelling */
    size_t stride;         /* k of the subsample, 1 = all */
    double coef[RC_COUNT]; /* 0 for columns left out */
    unsigned char used[RC_COUNT];
    double sigma_fit;    /* GSL's pooled robust residual scale */
    double sigma_res[6]; /* scale per household level 0..5+ as z uses it, floored */
};

/*
 * Fit on rows[0..n) (all used, no subsample). A model with state != REGRESS_FITTED
 * is a normal outcome (too few rows, no convergence), not an error. Columns whose
 * level has fewer than REGRESS_MIN_LEVEL rows are left out (used[] = 0), so a town
 * without unknown buildings still fits. Returns 0, or -1 when out of memory (the
 * model is then not fitted).
 */
int regress_fit_rows(struct regress_model *m, const struct regress_row *rows, size_t n,
                     size_t min_rows, double sigma_floor);

/*
 * Fit on the eligible dwellings of d, every k-th one so that at most max_rows are
 * used (see the top comment). 0, or -1 when out of memory.
 */
int regress_build(struct regress_model *m, const struct dataset *d, size_t max_rows,
                  size_t min_rows, double sigma_floor);

/* The model's view of an address (y from its electricity); -1 when its area is unknown. */
int regress_row_of(const struct dataset *d, const struct address *a, struct regress_row *out);

/*
 * Expected log(1 + kWh) for x; 0, or -1 when the model is not fitted or x is at a
 * level left out of the fit (no dwelling like it: the caller uses peer groups).
 */
int regress_expect(const struct regress_model *m, const struct regress_row *x, double *expected);

/* z of an observed log(1 + kWh) against the expectation for x (regress_expect). */
double regress_z(const struct regress_model *m, const struct regress_row *x, double expected,
                 double y);

/* "apartment, 62 m2, 1 resident, gas": the facts the expectation was made for. */
void regress_label(const struct regress_row *x, char *buf, size_t size);

#endif
