/*
 * indicator.h - the one interface every indicator implements, and its descriptor.
 *
 * Why: the scorer, the config, `vik check`, `vik explain`, the report's charts and
 * the README's indicator table all need to know the same things about an
 * indicator. Each indicator module (score/e1_energy_high.c ... score/
 * s1_citizen_signal.c) therefore exports exactly one `struct ind_desc`: its
 * identity, themes and sources, its named parameters with defaults and ranges,
 * the facts it reads, its calibration classes, an optional validation hook for
 * text settings (SBI prefixes, report categories), how its axis is charted, and
 * two pure functions. Nothing about an indicator is written anywhere else; adding
 * one is one new file plus a row in score/indicators.c and its tests.
 *
 * What an indicator does (docs/scoring.md): it MEASURES one
 * address - "not evaluable" (an input is missing: never imputed), or a position x
 * on its own axis where larger is more unusual, in a calibration class of
 * comparable addresses, with a grade in [0, 1] (how fully the reading shows the
 * phenomenon by a documented norm or an anchor taken from the data: Bouwbesluit
 * m2 per person, one grow lamp's kWh, the peers' own p90) and, when a named
 * look-alike guard holds, the guard. It does not decide whether it fired: the
 * calibrator (score/calib.h) ranks x among this run's own evaluable addresses of
 * the class, and strength = grade x rarity. So the same indicator counts less
 * where its signal is common and more where it is rare, without retuning.
 *
 * Indicators are pure functions of (context, settings, address): no state, no I/O.
 */
#ifndef VIK_SCORE_INDICATOR_H
#define VIK_SCORE_INDICATOR_H

#include "model/catalogue.h"
#include "model/dataset.h"
#include "model/facts.h"
#include "score/nonres.h"
#include "score/peer.h"
#include "score/regress.h"

#include <stddef.h>

enum ind_outcome { IND_NOT_EVALUABLE, IND_QUIET, IND_FIRED };

/* What measure() returns for an address it ranks: the calibrator then decides
 * between IND_FIRED and IND_QUIET (an indicator never decides that itself). */
#define IND_MEASURED IND_FIRED

enum {
    IND_MAX_PARAMS = 8,
    IND_MAX_LISTS = 4,    /* text settings per indicator */
    IND_MAX_CLASSES = 16, /* calibration classes per indicator */
    IND_MAX_READS = 24,   /* (source, field) pairs an indicator reads */
    IND_TEXT = 400        /* bytes of an indicator's own sentence */
};

/* A numeric setting: `[indicator.NAME] name = value`, checked against min..max. */
struct param_def {
    const char *name;
    double def;
    double min, max;
    const char *help;
};

/*
 * A text setting (a comma-separated list). validate() returns NULL when the text
 * is acceptable, else why not (one line, static or in why[]): `vik check` and
 * `vik run` run the same hook, so they accept and refuse the same configs.
 */
struct list_def {
    const char *name;
    const char *def;
    const char *help;
    const char *(*validate)(const char *text, char *why, size_t size);
};

/* The settings of one indicator in force for a run (defaults from its descriptor). */
struct indicator_cfg {
    int enabled;
    int alone;        /* may list an address by itself (the single-signal rule) */
    double weight;    /* how much this kind of evidence matters: contribution = weight x strength */
    double threshold; /* fires when its value is at least this rare: 1 in `threshold` */
    double params[IND_MAX_PARAMS];
    const char *lists[IND_MAX_LISTS];
};

/*
 * A canonical field an indicator reads, for the processing register (`vik register`).
 * The address fields are not listed (every row reads them to find its address), so
 * a list ends at its first zero entry ({SRC_BRP, F_POSTCODE}); IND_READ_END tests it.
 */
struct ind_read {
    enum source_id src;
    enum field_id field;
};

#define IND_READ_END(r) ((r)->src == SRC_BRP && (r)->field == F_POSTCODE)

/* The twelve monthly values of the energy export, for an indicator's reads. */
#define IND_READS_MONTHS                                                                           \
    {SRC_ENERGY, F_MONTH_01}, {SRC_ENERGY, F_MONTH_02}, {SRC_ENERGY, F_MONTH_03},                  \
        {SRC_ENERGY, F_MONTH_04}, {SRC_ENERGY, F_MONTH_05}, {SRC_ENERGY, F_MONTH_06},              \
        {SRC_ENERGY, F_MONTH_07}, {SRC_ENERGY, F_MONTH_08}, {SRC_ENERGY, F_MONTH_09},              \
        {SRC_ENERGY, F_MONTH_10}, {SRC_ENERGY, F_MONTH_11},                                        \
    {                                                                                              \
        SRC_ENERGY, F_MONTH_12                                                                     \
    }

/*
 * Shared models of the run, built once before any indicator measures: the peer
 * groups of dwellings (electricity), the peers of non-residential units (kWh per
 * m2 by use, size and company), and per indicator the state its prepare() hook
 * built (E1's robust regression).
 */
struct score_ctx {
    const struct dataset *d;
    int32_t reference_date;
    const struct peer_model *peers;
    const struct nonres_model *nonres;
    const void *state[IND_COUNT];
};

/* What an indicator measured at one address, before calibration. */
struct ind_measure {
    double x;        /* position on the indicator's axis: larger = more unusual */
    double weight;   /* how much of one member of the population the address is (0 = 1):
                        K4 and K5 rank owners, each of an owner's n dwellings counts 1/n */
    double grade;    /* 0..1: how fully the reading shows the phenomenon (norm ramps) */
    double raw, ref; /* the value in its own unit and what it was compared with */
    unsigned cls;    /* calibration class, < desc->n_classes */
    unsigned themes; /* bit per enum theme_id the reading speaks to; 0 = all its themes */
    /* non-NULL: quiet for this reason, and not ranked: a named look-alike guard holds
     * (solar feed-in, a business centre) or the address is outside what the indicator
     * judges (no purchase in the window). Such addresses stay out of the calibration
     * population too: a town full of solar roofs must not make near-zero use common. */
    const char *quiet;
    const char *reason; /* not evaluable: which input is missing (static text) */
    /* not evaluable only for want of data that exports carry for some addresses and not
     * others (monthly values, reported feed-in), at an address the indicator would
     * otherwise judge: calib.h counts it into the population the town rarity speaks of */
    int unobserved;
};

/* How the report charts the indicator: its x axis and the unit shown under it. */
struct ind_axis {
    const char *label; /* "robust z against similar dwellings", "active branches" */
};

struct ind_desc {
    enum ind_id id;
    const char *name;  /* `[indicator.NAME]`, e.g. energy_high */
    const char *code;  /* short id, e.g. E1 */
    unsigned themes;   /* default theme membership, bit per enum theme_id */
    unsigned sources;  /* sources it needs (switched off when one is not read) */
    unsigned evidence; /* sources whose facts ARE the signal (min_sources counts these) */
    double weight;     /* default weight */
    double threshold;  /* default firing rarity: 1 in `threshold` */
    int alone;         /* default of the single-signal policy */
    /*
     * Correlated indicators share a group > 0; within a theme only the largest
     * contribution of a group counts (docs/scoring.md: E1, E2 and E5 read the same
     * annual kWh; K2 and K3 the same sale's price; K4 and K5 count the same owner's
     * dwellings).
     */
    int group;
    const char *summary;    /* one line: what it looks for */
    const char *formula;    /* one line: its axis, classes and grade, for the README */
    const char *lookalikes; /* the look-alikes it guards against, named */
    struct param_def params[IND_MAX_PARAMS];
    struct list_def lists[IND_MAX_LISTS];
    struct ind_read reads[IND_MAX_READS];
    /* calibration classes: labels ("buyers aged 25-29") and the noun of the population */
    unsigned n_classes;
    const char *class_label[IND_MAX_CLASSES];
    int strata; /* the classes are peer strata of one signal (B2's floor-area bands): the
                   town count spans all of them (struct calib.strata) */
    const char *population; /* "dwellings", "purchases", ... as in "1 in 4,300 dwellings" */
    double resolution;      /* the smallest meaningful step on x (tail fits never go below) */
    struct ind_axis axis;
    /* optional: build per-run state from the dataset (0, or -1 when out of memory);
     * ctx holds the dataset, the reference date and the shared models */
    int (*prepare)(const struct score_ctx *ctx, const struct indicator_cfg *c, void **state);
    void (*release)(void *state);
    /* optional: what the join must compute for this indicator (SBI set, categories) */
    const char *(*facts)(const struct indicator_cfg *c, struct fact_opts *f, char *why,
                         size_t size);
    enum ind_outcome (*measure)(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m);
    /* the sentence for a measured address: raw value, reference, context (no rarity:
     * the scorer appends that) */
    void (*describe)(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size);
};

/* The descriptors, in enum ind_id order. */
const struct ind_desc *indicator_desc(enum ind_id id);
/* Lookups by name: -1 when unknown. */
int indicator_by_name(const char *name);
int indicator_param(enum ind_id id, const char *name);
int indicator_list(enum ind_id id, const char *name);
/* The defaults of every indicator (enabled, weight, threshold, parameters, lists). */
void indicator_defaults(struct indicator_cfg cfg[IND_COUNT]);

/* Not evaluable, and why (for `vik explain`). */
static inline enum ind_outcome not_evaluable(struct ind_measure *m, const char *why)
{
    m->reason = why;
    return IND_NOT_EVALUABLE;
}

/* Not evaluable for want of partially delivered data (see struct ind_measure.unobserved). */
static inline enum ind_outcome unobserved(struct ind_measure *m, const char *why)
{
    m->unobserved = 1;
    return not_evaluable(m, why);
}

/* Quiet and not ranked, and why (see struct ind_measure.quiet). */
static inline enum ind_outcome quiet(struct ind_measure *m, const char *why)
{
    m->quiet = why;
    return IND_QUIET;
}

/* Clamp to [0, 1]. */
static inline double unit(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/*
 * A grade ramp: 0 at `from`, rising linearly to 1 at `to` (either direction:
 * from > to ramps downwards, as for m2 per person). When the two coincide the
 * ramp is a step at that point.
 */
static inline double grade_ramp(double x, double from, double to)
{
    if (from == to)
        return x >= to ? 1.0 : 0.0;
    return unit((x - from) / (to - from));
}

#endif
