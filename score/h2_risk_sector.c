/*
 * h2_risk_sector.c - H2 risk_sector (themes brievenbus): businesses in sectors
 * vulnerable to criminal infiltration at one address.
 *
 * Phenomenon: cash-intensive or vulnerable businesses (hairdressers and beauty
 *    salons, restaurants and cafes, car trade, phone shops, real estate,
 *    employment agencies, gambling, scrap), a cover for laundering and a malafide
 *    business climate.
 * Inputs: active KvK branches whose SBI code starts with one of sbi_prefixes
 *    (counted per address by the join, with the set this module's facts hook
 *    compiles). Always evaluable: no branch is 0.
 * Axis: such branches at the address, calibrated in two classes, dwellings and
 *    other addresses: a hairdresser in a shopping street is ordinary, three risk
 *    firms at one dwelling are not.
 * Grade: 1.
 * Parameters: sbi_prefixes (SBI 2008 prefixes of the sectors RIEC and Wwft
 *    guidance name); weight 0.5 (context), fires at 1 in 20, never lists alone.
 * Look-alikes it guards against: most businesses in these sectors are honest:
 *    context only.
 */
#include "score/indicator.h"

#include <stdio.h>

enum { L_SBI_PREFIXES };
enum { CLASS_DWELLING, CLASS_OTHER };

static const char *validate_sbi(const char *text, char *why, size_t size)
{
    struct sbi_set set = {0};
    return sbi_set_parse(&set, text, why, size);
}

static const char *facts(const struct indicator_cfg *c, struct fact_opts *f, char *why, size_t size)
{
    return sbi_set_parse(&f->risk_sbi, c->lists[L_SBI_PREFIXES], why, size);
}

static enum ind_outcome measure(const struct score_ctx *ctx, const struct indicator_cfg *c,
                                const struct address *a, struct ind_measure *m)
{
    (void)ctx, (void)c;
    m->raw = m->x = a->n_risk_branches;
    m->cls = address_is_dwelling(a) ? CLASS_DWELLING : CLASS_OTHER;
    m->grade = 1;
    return IND_MEASURED;
}

static void describe(const struct score_ctx *ctx, const struct indicator_cfg *c,
                     const struct address *a, const struct ind_measure *m, char *buf, size_t size)
{
    (void)ctx, (void)c, (void)m;
    snprintf(buf, size, "%u active branches in sectors vulnerable to criminal infiltration at %s",
             (unsigned)a->n_risk_branches, address_is_dwelling(a) ? "a dwelling" : "the address");
}

const struct ind_desc IND_H2 = {
    .id = IND_RISK_SECTOR,
    .name = "risk_sector",
    .code = "H2",
    .themes = 1u << THEME_BRIEVENBUS,
    .sources = 1u << SRC_KVK,
    .evidence = 1u << SRC_KVK,
    .weight = 0.5,
    .threshold = 20,
    .alone = 0,
    .group = 0,
    .summary = "several cash-intensive or vulnerable businesses at one address",
    .formula = "active branches with a listed SBI prefix, dwellings and other addresses apart",
    .lookalikes = "honest businesses in these sectors (context only)",
    .lists = {{"sbi_prefixes",
               "96021,96022,9604,9609,56101,56102,5630,4511,4519,4520,7711,4742,6190,6619,6499,"
               "6810,6820,6831,6832,7810,7820,7830,9200,4677,3832,5520,5320,8211",
               "SBI prefixes (2-5 digits, dots allowed) of sectors vulnerable to infiltration",
               validate_sbi}},
    .reads = {{SRC_KVK, F_SBI}, {SRC_KVK, F_DISSOLVED}, {SRC_KADASTER_OBJECTS, F_USAGE}},
    .n_classes = 2,
    .class_label = {"dwellings", "other addresses"},
    .population = "addresses",
    .resolution = 1,
    .axis = {"risk-sector branches at the address"},
    .facts = facts,
    .measure = measure,
    .describe = describe,
};
