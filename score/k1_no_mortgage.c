/*
 * k1_no_mortgage.c - K1 no_mortgage (theme witwassen): a young buyer paying a large
 * amount without a mortgage.
 *
 * Phenomenon: a purchase financed with unexplained cash: a young person has had
 *    little time to earn it.
 * Inputs: the latest transfer (Kadaster transactions: date, price, mortgage deed
 *    flag, buyer type) and the buyer's age at the transfer (the join computes it
 *    from the birth date and keeps only the age; of co-buyers the youngest
 *    natural person). Not evaluable without a transfer, when its mortgage is
 *    unknown, or when the buyer is a natural person of unknown age.
 * Axis: the amount paid without a mortgage, log(1 + price) (0 with a mortgage).
 *    Calibrated within the buyer's age class (under 30, 30-44, 45 or over):
 *    the rarity is that of paying this much cash at this age where vik runs, so
 *    parents' money for a cheap student flat counts less where that is common, and
 *    a large amount counts more than a small one.
 * Grade: the buyer's age, 1 up to young_age rising to 0 at old_age (buyers under
 *    30 are the domain's estimate of where cash is unexplained).
 * Parameters: months 24, young_age 30, old_age 40, min_age 18; weight 1, fires at
 *    1 in 20, may list alone.
 * Look-alikes it guards against: elderly downsizers and parents pay cash too
 *    (common in their age class, and graded to zero from old_age); companies
 *    buying without a mortgage deed are not natural persons (quiet, not ranked);
 *    purchases older than `months` are not judged.
 */
#include "score/indicator.h"

#include "common/date.h"
#include "score/fmt.h"
#include "score/ind_util.h"

#include <math.h>
#include <stdio.h>

enum { P_MONTHS, P_YOUNG_AGE, P_OLD_AGE, P_MIN_AGE };

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    if (a->n_tx == 0)
        return not_evaluable(m, "no transfer known");
    const struct tx *t = &a->tx[0];
    int age = t->buyer_age;
    if (t->mortgage == 2)
        return not_evaluable(m, "mortgage of the latest transfer unknown");
    if (t->buyer_type == PARTY_PERSON && age < 0)
        return not_evaluable(m, "buyer's age unknown");
    m->raw = t->price;
    m->ref = age;
    if (!recent(ctx, t->date, c->params[P_MONTHS]))
        return quiet(m, "the latest purchase is older than the window");
    if (t->buyer_type != PARTY_PERSON)
        return quiet(m, "bought by a legal entity or an unknown party");
    if (age < c->params[P_MIN_AGE])
        return quiet(m, "buyer under min_age");
    m->cls = age_class(age);
    m->x = t->mortgage == 0 ? log1p(t->price > 0 ? t->price : 0) : 0;
    m->grade = grade_ramp(age, c->params[P_OLD_AGE], c->params[P_YOUNG_AGE]);
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c;
    const struct tx *t = &a->tx[0];
    char p[24], d[DATE_TEXT];
    snprintf(buf, size, "bought on %s for EUR %s %s by a buyer aged %.0f", date_text(t->date, d),
             fmt_int(p, sizeof p, m->raw),
             t->mortgage == 0 ? "without a mortgage" : "with a mortgage", m->ref);
}

const struct ind_desc IND_K1 = {
    .id = IND_NO_MORTGAGE,
    .name = "no_mortgage",
    .code = "K1",
    .themes = 1u << THEME_WITWASSEN,
    .sources = 1u << SRC_KADASTER_TRANSACTIONS,
    .evidence = 1u << SRC_KADASTER_TRANSACTIONS,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 0,
    .summary = "large purchase without mortgage by a young natural person",
    .formula = "log(1 + price) paid without a mortgage, ranked within the buyer's age class; "
               "graded by age (1 up to young_age, 0 from old_age)",
    .lookalikes = "elderly downsizers, parents buying a student flat, companies",
    .params = {{"months", 24, 1, 240, "look-back window in months"},
               {"young_age", 30, 0, 120, "buyer age up to which the grade is full"},
               {"old_age", 40, 0, 120, "buyer age from which the grade is zero"},
               {"min_age", 18, 0, 120, "youngest buyer age judged"}},
    .reads = {{SRC_KADASTER_TRANSACTIONS, F_DATE},
              {SRC_KADASTER_TRANSACTIONS, F_PRICE},
              {SRC_KADASTER_TRANSACTIONS, F_MORTGAGE},
              {SRC_KADASTER_TRANSACTIONS, F_BUYER_ID},
              {SRC_KADASTER_TRANSACTIONS, F_BUYER_TYPE},
              {SRC_KADASTER_OBJECTS, F_OWNER_BIRTH_DATE}},
    .n_classes = AGE_CLASSES,
    .class_label = {AGE_CLASS_LABELS("purchases by buyers")},
    .population = "recent purchases by buyers",
    .resolution = 0.05,
    .axis = {"log(1 + amount paid without a mortgage)"},
    .measure = measure,
    .describe = describe,
};
