/*
 * cmd_explain.c - `vik explain ADDRESS`: every indicator for one address.
 *
 * Why: the answer to "why is this address on the list?" - for the coordinator, for
 * a resident's access request (AVG art. 15) and for the analyst tuning weights.
 * It recomputes the model from the same inputs and config as `vik run` (writing
 * no file), so with unchanged inputs the figures are those of the night; every
 * indicator is listed, including the ones that were quiet or could not be
 * evaluated. With --stored / --run N it reads the night's figures from the history
 * database instead. Either way it leaves one audit record naming the address
 * (cli_audit.c): an access request is itself an access.
 */
#include "cli/cli.h"

#include "history/history.h"
#include "pipeline/pipeline.h"
#include "pipeline/query.h"
#include "score/fmt.h"
#include "transform/address.h"

#include <stdio.h>
#include <string.h>

static void print_indicator(const struct run *r, int id, const struct ind_result *res)
{
    const struct ind_desc *def = indicator_desc(id);
    const struct indicator_cfg *c = &r->m.ind[id];
    char line[1200];
    if (!c->enabled)
        printf("  %-3s %-22s switched off or its source was not read\n", def->code, def->name);
    else if (res->out == IND_NOT_EVALUABLE)
        printf("  %-3s %-22s not evaluable: %s\n", def->code, def->name, res->reason);
    else if (res->out == IND_QUIET && res->m.quiet)
        printf("  %-3s %-22s quiet: %s\n", def->code, def->name, res->reason);
    else if (res->out == IND_QUIET)
        printf("  %-3s %-22s quiet (%s)\n", def->code, def->name,
               fmt_contribution(line, sizeof line, id, c, res->strength, res->rarity.strength,
                                res->m.grade, res->reason));
    else
        printf("  FIRED %s\n", fmt_contribution(line, sizeof line, id, c, res->strength,
                                                res->rarity.strength, res->m.grade, res->reason));
}

/* The address's place in theme t's list or watch list, if any. */
static void print_standing(const struct run *r, uint32_t addr, int t)
{
    static const char *const BY[] = {"", "corroborated", "single rare signal"};
    const struct theme_cfg *tc = &r->opt.cfg->themes[t];
    for (size_t i = 0; i < r->m.score.n_list[t]; i++)
        if (r->m.score.lists[t][i].addr == addr)
            printf("theme %s: rank %zu, score %.2f, listed (%s; min_score %.2f, alone_strength "
                   "%.2f)\n",
                   catalogue_theme(t)->name, i + 1, r->m.score.lists[t][i].score,
                   BY[r->m.score.lists[t][i].by], tc->min_score, tc->alone_strength);
    for (size_t i = 0; i < r->m.score.n_watch[t]; i++)
        if (r->m.score.watch[t][i].addr == addr)
            printf("theme %s: watch rank %zu, score %.2f, not listed (min_score %.2f with two "
                   "indicators, or one that may list alone at strength %.2f)\n",
                   catalogue_theme(t)->name, i + 1, r->m.score.watch[t][i].score, tc->min_score,
                   tc->alone_strength);
}

static int explain(const struct run *r, uint32_t addr)
{
    struct ind_result res[IND_COUNT];
    struct err e;
    err_clear(&e);
    if (score_address(&r->m.data, &r->m.score_opts, addr, res, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return e.code;
    }
    for (int t = 0; t < THEME_COUNT; t++)
        print_standing(r, addr, t);
    printf("indicators:\n");
    for (int id = 0; id < IND_COUNT; id++)
        print_indicator(r, id, &res[id]);
    return 0;
}

/*
 * The address the user typed, as the linker would resolve a row written that way:
 * "5664AB 12 hs" finds BAG 12-H. NONE_IDX when no source has it.
 */
static uint32_t find_address(const struct run *r, const struct addr_key *k)
{
    enum link_class cls;
    uint32_t idx = query_resolve(&r->m, k, &cls);
    if (idx != NONE_IDX && link_class_linked(cls) && cls != LINK_EXACT) {
        char num[24];
        addr_key_number_text(k, num, sizeof num);
        printf("%s %s linked to the Kadaster address below by class %s (%s)\n", k->postcode, num,
               link_class_code(cls), link_class_text(cls));
    }
    return idx;
}

/* Per source, the rows written at this house number, how they linked and where to. */
static void print_rows(const struct run *r, uint32_t addr)
{
    printf("input rows at this postcode and house number (how each linked):\n");
    for (int s = 0; s < SRC_COUNT; s++) {
        int shown = 0;
        struct query_row row;
        for (size_t i = 0; query_row(&r->m, i, &row); i++) {
            if (row.source != (enum source_id)s)
                continue;
            char num[24];
            addr_key_number_text(&query_address(&r->m, row.addr)->key, num, sizeof num);
            if (!shown++)
                printf("  %s (%s):\n", schema_source(s)->name, row.file[0] ? row.file : "?");
            printf("    line %ld '%s': %s %s %s%s\n", row.line, row.written,
                   link_class_code(row.cls),
                   link_class_linked(row.cls) ? "-> Kadaster address" : "-> not linked, kept at",
                   num, row.addr == addr ? " (this address)" : "");
        }
    }
    if (query_rows_dropped(&r->m))
        printf("  (%llu more rows not shown)\n", (unsigned long long)query_rows_dropped(&r->m));
}

static void print_facts(const struct address *a)
{
    char num[24];
    addr_key_number_text(&a->key, num, sizeof num);
    printf("address %s %s (%s, %s, buurt %s)\n", a->key.postcode, num,
           a->street ? a->street : "street unknown", a->city ? a->city : "city unknown",
           a->neighbourhood ? a->neighbourhood : "unknown");
    printf("facts: usage flags %u, %.0f m2, %u residents (%u adults, %u arrived in 12 months), "
           "electricity %.0f kWh on %u connection(s), gas %.0f m3, %u active KvK branches, "
           "%u transactions\n",
           (unsigned)a->usage, a->floor_area, (unsigned)a->n_residents, (unsigned)a->n_adults,
           (unsigned)a->n_arrivals_12m, a->elec, (unsigned)a->n_elec, a->gas,
           (unsigned)a->n_branches, (unsigned)a->n_tx);
}

/* --stored / --run N: what the history database kept of that night. */
static int explain_stored(const struct cli_opts *o, struct history *h, const struct addr_key *k)
{
    struct err e;
    err_clear(&e);
    int rc = history_explain(h, k, (int64_t)o->run_id, stdout, &e);
    if (rc != 0)
        fprintf(stderr, "vik: %s\n", e.msg);
    return rc;
}

/* The model from tonight's inputs, and everything it says about the address. */
static int explain_live(const struct cli_opts *o, const struct config *cfg,
                        const struct addr_key *k)
{
    struct run r;
    run_init(&r, cfg, o->log_level);
    r.opt.follow = k;
    int rc = pipeline_model(&r);
    if (rc != 0)
        fprintf(stderr, "vik: %s\n", r.err.msg);
    if (rc == 0) {
        uint32_t idx = find_address(&r, k);
        if (idx == NONE_IDX) {
            fprintf(stderr, "vik: address not found in any source\n");
            rc = ERR_INPUT;
        } else {
            print_facts(query_address(&r.m, idx));
            print_rows(&r, idx);
            rc = explain(&r, idx);
        }
    }
    run_release(&r);
    return rc;
}

int cmd_explain(const struct cli_opts *o)
{
    struct addr_key k;
    if (!o->address || cli_parse_address(o->address, &k) != 0) {
        fprintf(stderr, "vik: explain needs an address such as '5664AB 12A'\n");
        return EXIT_USAGE;
    }
    int stored = o->stored || o->run_id;
    struct cli_session s;
    int rc = cli_session_open(o, &s, stored ? HISTORY_EXISTING : HISTORY_CREATE);
    if (rc != 0)
        return rc;
    rc = stored ? explain_stored(o, &s.h, &k) : explain_live(o, &s.cfg, &k);
    struct audit_rec rec = {.command = "explain",
                            .address = &k,
                            .address_kept = 1,
                            .run = (int64_t)o->run_id,
                            .args = stored ? "stored" : "live"};
    return cli_session_close(&s, &rec, cli_exit_code(rc));
}
