/*
 * h3_company_churn.c - H3 company_churn (theme brievenbus): firms coming and going
 * at one address.
 *
 * Phenomenon: short-lived firms and serial re-registrations at one address.
 * Inputs: KvK registrations and deregistrations at the address in the last 24
 *    months, firms there that lived under a year, usage (Kadaster objects). Always
 *    evaluable: no registration is 0.
 * Axis: firms going and being replaced: deregistrations in 24 months, plus the
 *    registrations that replaced them (at most as many as left), plus the firms
 *    that lived under a year (they count again). Registrations alone are growth,
 *    not churn: a family registering a holding and three eenmanszaken at home
 *    has four new firms and no churn. Calibrated in two classes, dwellings and
 *    other addresses: shops change hands more often than homes.
 * Grade: 1.
 * Parameters: none; weight 1, fires at 1 in 20, may list alone.
 * Look-alikes it guards against: business centres (kantoorfunctie: churn is their
 *    trade; quiet, not ranked); shops changing tenants (ranked among shops);
 *    families of zzp'ers and holdings registering at home (new firms, none gone).
 */
#include "score/indicator.h"

#include "score/ind_util.h"

#include <stdio.h>

enum { CLASS_DWELLING, CLASS_OTHER };

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    (void)ctx, (void)c;
    unsigned events = (unsigned)a->n_founded_24m + a->n_dissolved_24m;
    m->raw = events;
    m->ref = a->n_short_lived;
    if (business_centre(a))
        return quiet(m, "a business centre (kantoorfunctie)");
    m->cls = address_is_dwelling(a) ? CLASS_DWELLING : CLASS_OTHER;
    unsigned in = a->n_founded_24m, out = a->n_dissolved_24m;
    m->x = out + (in < out ? in : out) + a->n_short_lived;
    m->grade = 1;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c, (void)m;
    snprintf(buf, size,
             "%u registrations and %u deregistrations in 24 months, %u firms lived under a year",
             (unsigned)a->n_founded_24m, (unsigned)a->n_dissolved_24m, (unsigned)a->n_short_lived);
}

const struct ind_desc IND_H3 = {
    .id = IND_COMPANY_CHURN,
    .name = "company_churn",
    .code = "H3",
    .themes = 1u << THEME_BRIEVENBUS,
    .sources = 1u << SRC_KVK,
    .evidence = 1u << SRC_KVK,
    .weight = 1.0,
    .threshold = 20,
    .alone = 1,
    .group = 0,
    .summary = "short-lived firms and serial re-registrations",
    .formula = "deregistrations in 24 months + the registrations replacing them + firms that "
               "lived under a year, dwellings and other addresses apart",
    .lookalikes = "business centres, shops changing tenants, zzp families registering at home",
    .reads = {{SRC_KVK, F_KVK_NUMBER},
              {SRC_KVK, F_FOUNDED},
              {SRC_KVK, F_DISSOLVED},
              {SRC_KADASTER_OBJECTS, F_USAGE}},
    .n_classes = 2,
    .class_label = {"dwellings", "other addresses"},
    .population = "addresses",
    .resolution = 1,
    .axis = {"firms gone or replaced in 24 months"},
    .measure = measure,
    .describe = describe,
};
