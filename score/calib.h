/*
 * calib.h - how rare a value is among comparable addresses, in this run's own data.
 *
 * Why: a threshold copied from a document (6,000 kWh, 6 months, age 30) fires on
 * 0.05% of the addresses of one municipality and on 8% of another's, and a weight
 * cannot know that. So an indicator's strength is made from the rarity of its
 * value where vik runs: the share of the indicator's population (its evaluable
 * addresses, in the address's calibration class) whose value on the indicator's
 * axis is at least as large. That share p becomes a bounded surprise
 * S = -log10(p) (1 in 100 = 2, 1 in 10,000 = 4), the same currency for every
 * indicator, so strengths are comparable between indicators and between places.
 *
 * The empirical share cannot go below 1/n: a grow room using twenty times its
 * peers' median and one using four times would both be "the most extreme of n".
 * Beyond the body of the data the share is therefore extended: above u, the value
 * that the top CALIB_TAIL_SHARE of the class reach (at least CALIB_TAIL_MIN
 * values), the tail is exponential, p(x) = p(u) * exp(-(x - u) / beta). beta is
 * estimated robustly, from the MEDIAN excess over u (the median excess of an
 * exponential tail is beta ln 2), not the mean: the addresses vik looks for sit
 * in the far tail, and where there are several of them - planted resales making
 * up the top of 400 resold objects - a mean excess would be inflated by the very
 * values it should expose, each of them hiding the others. The median tolerates
 * such values up to half of the top 2%. beta is floored at the indicator's
 * resolution, so tied values cannot make it zero; when u falls on a value held
 * by more than half of the tail (most buyers pay with a mortgage: 0 cash; most
 * addresses with companies have one), the tail starts above the tie - else the
 * median excess would be 0 and the tail would fall by e per step, claiming a
 * rarity the data do not show. An exponential tail on a log or z scale is a heavy tail in
 * the raw unit: it claims less rarity than a normal curve would, never more.
 * The tail's start was chosen on one generated world (geldrop) among the top 1%,
 * 2% and 3%, and holds on the others: in large populations (15,000 dwellings'
 * electricity) a start nearer the top keeps the small grows above the household
 * bulk, and the floor of 40 values gives small populations (400 resales) a median
 * worth the name (docs/scoring.md).
 *
 * A value may carry a weight: how much of one member of the population the address
 * is. K4 and K5 judge owners, so each of an owner's n dwellings counts 1/n - else
 * one young owner of six dwellings would be "six addresses this extreme" and hide
 * in his own crowd. Shares, E and the tail's fit (its start, ties, median) are
 * then sums of weights.
 *
 * A class with fewer than CALIB_MIN_CLASS values is not trusted on its own: its
 * addresses are ranked in the pooled population of all classes (the reason then
 * names the population, not the class).
 *
 * Two rarities come out. Within the population (p, "1 in 124 of 409 resold
 * objects") decides whether the indicator fires: its threshold is "1 in N
 * comparable addresses". The strength is the rarity in the municipality: E = p x n
 * addresses of the population are at least this extreme (times its coverage, when
 * exports lack the value for some of them: calib_add_unobserved), out of all N
 * addresses of the run, and town = -log10(E / N). A quick resale at 1 in 100 of 409 resold
 * objects is one of 4 addresses in a town of 17,000 (town surprise 3.6); energy
 * use at 1 in 100 of 15,000 dwellings is one of 150 (2.1). So an indicator that
 * judges few addresses is not penalised for the size of its population, and one
 * whose signal is common counts less, in the unit a watchlist pays in: addresses
 * put before the meeting.
 *
 * When the classes are peer strata of one signal - the same count of arrivals
 * judged against dwellings of its own size - every stratum has its own natural
 * extremes, and the town holds p x (all classes) addresses at least as unusual
 * among their peers, not p x (its class): with five floor-area bands, each band's
 * most unusual dwelling would otherwise count as "2 this extreme in the run".
 * Such an indicator sets `strata` (its descriptor says so) and E counts the whole
 * population, as E1 and E3 do, whose peer groups sit inside their axis. Where the
 * classes are different phenomena (K2 above and below the market) or grade some
 * of their members to zero (K1's and K4's age classes, E4's levels), E counts the
 * class.
 *
 * The strength is the town surprise on a fixed scale: town / CALIB_FULL_SURPRISE,
 * capped at 1. A value shown by 1 in 100 of the run's addresses (where an
 * indicator may start to fire) has strength 0.5; 1 in 10,000 or rarer has full
 * strength 1. The scale is the same in every municipality and for every
 * indicator, so that "strength 0.9" means one thing in the reasons and in the
 * listing rule (score.h). (A strength read from E alone - how far the value lies
 * beyond the most extreme address the population would produce by itself - was
 * tried: it made the natural top of every population equal and lost the grows
 * among large populations of dwellings; see docs/scoring.md.)
 *
 * Ownership: a struct calib owns its arrays (malloc) until calib_release().
 */
#ifndef VIK_SCORE_CALIB_H
#define VIK_SCORE_CALIB_H

#include <stddef.h>
#include <stdint.h>

enum {
    CALIB_MAX_CLASSES = 16,
    CALIB_MIN_CLASS = 100, /* fewer values: ranked in the pooled population */
    CALIB_TAIL_MIN = 40    /* the exponential tail holds at least the 40 largest values */
};
#define CALIB_TAIL_SHARE 0.02   /* ... or the top 2% when that holds more values */
#define CALIB_FIRE_SURPRISE 2.0 /* fewer than 1 in 100 addresses of the run: may fire */
#define CALIB_FULL_SURPRISE 4.0 /* 1 in 10,000 addresses of the run: full strength */
#define CALIB_MAX_SURPRISE 9.0  /* 1 in 10^9: the largest surprise reported */

/* The fitted tail of one class (or of the pool). */
struct calib_tail {
    size_t off, n; /* the class's values are sorted[off .. off + n) */
    double mass;   /* their total weight (n when unweighted) */
    float u;       /* tail threshold */
    size_t k_u;    /* values >= u */
    double mass_u; /* their weight */
    double beta;   /* scale of the exponential tail, floored at the resolution */
    float quiet;   /* calib_set_quiet: values at or below this cannot fire */
    int has_quiet;
    double unseen; /* weight of its addresses calib_add_unobserved counted */
};

struct calib {
    unsigned n_classes;
    double resolution;
    int strata;    /* the classes are strata of one population: expected counts all (above) */
    size_t n_town; /* addresses in the run (calib_finish) */
    double unobserved[CALIB_MAX_CLASSES], unobserved_all; /* calib_add_unobserved, by class */
    /* collected by calib_add */
    float *bx, *bw; /* bw: NULL until a weight other than 1 is added */
    uint8_t *bc;
    size_t n, cap;
    /* built by calib_finish */
    float *sorted;       /* by class, then value */
    float *pooled;       /* every value, sorted */
    double *ssum, *psum; /* weighted only: weight of sorted[i..end of its class] and of
                            pooled[i..n) */
    float *sw, *pw;      /* weighted only: the weights in sorted / pooled order */
    struct calib_tail cls[CALIB_MAX_CLASSES], all;
    int finished;
};

struct rarity {
    double p;        /* share of the population at least as extreme (model beyond the tail) */
    double surprise; /* -log10(p), at most CALIB_MAX_SURPRISE */
    double n;        /* size of the population it was ranked in (its total weight) */
    int pooled;      /* the class was too small: ranked among all classes */
    double expected; /* p x n x calib_coverage: addresses of the population at least
                        this extreme, the unobserved counted alike (n of every class
                        when the classes are strata) */
    double unseen;   /* the population's addresses whose value the exports do not show */
    double town;     /* -log10(expected / addresses of the run), 0..CALIB_MAX_SURPRISE */
    double strength; /* 0..1: town / CALIB_FULL_SURPRISE */
};

/* An empty calibration for n_classes classes (<= CALIB_MAX_CLASSES). */
void calib_init(struct calib *c, unsigned n_classes, double resolution);
void calib_release(struct calib *c);

/* Offer one evaluable value of class cls with weight w (1: one member of the
 * population). 0, or -1 when out of memory. */
int calib_add(struct calib *c, unsigned cls, double x, double w);

/*
 * Count an address of the population whose value the exports do not show (no
 * monthly values, no reported feed-in: delivered for some connections, not
 * others). It takes no part in the ranking; it makes the town rarity speak of the
 * whole population, as if the missing values were like the ones seen: "2 of the
 * 4,090 dwellings with monthly values" is about 6 of the town's when 8,766 more
 * lived-in dwellings come without them. Without it, the fewer addresses an export
 * covers, the rarer each of them would look in the town. Counted per class (units
 * and dwellings need not lack monthly values alike) and for the pool.
 */
void calib_add_unobserved(struct calib *c, unsigned cls, double w);

/* (seen + unobserved) / seen of the population class cls is ranked in (its own, or
 * the pool when it is small, as calib_rarity): what a count among its seen values
 * is multiplied by to speak of the whole population (1 when none was unobserved). */
double calib_coverage(const struct calib *c, unsigned cls);

/*
 * Sort and fit the tails; n_town is the number of addresses of the run (the town
 * rarity's denominator). After this no value may be added. 0, or -1 when out of
 * memory.
 */
int calib_finish(struct calib *c, size_t n_town);

/* How rare x is in class cls (or the pool when the class is small). */
void calib_rarity(const struct calib *c, unsigned cls, double x, struct rarity *out);

/*
 * The value of x at which the pool reaches share p (the inverse of calib_rarity
 * on the pooled population): where a firing rarity sits on the indicator's axis,
 * for the report's charts. NAN when the pool is empty.
 */
double calib_pooled_x_at(const struct calib *c, double p);

/*
 * Whether a value of rarity r fires, for calib_set_quiet. It must be monotone: if
 * a value fires, every rarer value fires too (true of "at least as rare as 1 in N").
 */
typedef int (*calib_fires_fn)(const struct rarity *r, const void *ctx);

/*
 * Per population (each class and the pool), the largest of its values at which
 * fires() is false: a value at or below it cannot fire, whatever lies between the
 * data points, because the share is monotone in the value and fires() in the share.
 * Found by bisection over the sorted values, so it is exact (the same arithmetic as
 * calib_rarity), and it lets scoring skip the rarity of the bulk of addresses.
 */
void calib_set_quiet(struct calib *c, calib_fires_fn fires, const void *ctx);

/* 1 when x (in class cls) is at or below its population's quiet value; 0 when its
 * rarity must be computed (or calib_set_quiet did not run). */
int calib_quiet(const struct calib *c, unsigned cls, double x);

/* Strength from a town surprise: town / CALIB_FULL_SURPRISE within 0..1. */
double calib_strength(double town);

#endif
