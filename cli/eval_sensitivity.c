/*
 * eval_sensitivity.c - `vik eval --sensitivity`: how much does each weight matter?
 *
 * Why: the analyst tunes weights in the config. Before moving one, they should see
 * what it does to the lists the coordinator receives: for every indicator, the
 * model is relisted with that one weight at -25% and at +25%, and per theme the
 * addresses that leave and enter the top list (top_n lines) are counted. A weight
 * whose moves change nothing is not worth arguing about; one that reshuffles a list
 * deserves the evaluation figures before it is touched. The hits (which indicator
 * fired where, with what strength) are computed once: strengths do not depend on
 * weights, so each variant is a relist, not a new run.
 */
#include "cli/cli.h"

#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

static const double FACTORS[2] = {0.75, 1.25};

/* Mark (1) the first top_n addresses of each list in mark[t * n_addrs + addr]. */
static void mark_top(const struct score_result *r, int top_n, uint32_t n_addrs, uint8_t *mark)
{
    memset(mark, 0, (size_t)THEME_COUNT * n_addrs);
    for (int t = 0; t < THEME_COUNT; t++)
        for (size_t i = 0; i < r->n_list[t] && i < (size_t)top_n; i++)
            mark[(size_t)t * n_addrs + r->lists[t][i].addr] = 1;
}

/* Addresses that left (in base, not in r) and entered (in r, not in base) theme t. */
static void changes(const struct score_result *r, int t, int top_n, uint32_t n_addrs,
                    const uint8_t *base, int *left, int *entered)
{
    size_t n = r->n_list[t] < (size_t)top_n ? r->n_list[t] : (size_t)top_n, kept = 0, before = 0;
    for (uint32_t a = 0; a < n_addrs; a++)
        before += base[(size_t)t * n_addrs + a];
    for (size_t i = 0; i < n; i++)
        kept += base[(size_t)t * n_addrs + r->lists[t][i].addr];
    *left = (int)(before - kept);
    *entered = (int)(n - kept);
}

/* One indicator's row: per theme "left/entered at -25% | at +25%". */
static int indicator_row(struct run *run, int id, const uint8_t *base)
{
    struct indicator_cfg ind[IND_COUNT];
    memcpy(ind, run->m.ind, sizeof ind);
    struct score_opts so = run->m.score_opts;
    so.ind = ind;
    int moved[2][THEME_COUNT][2];
    for (int f = 0; f < 2; f++) {
        ind[id].weight = run->m.ind[id].weight * FACTORS[f];
        if (score_relist(&run->m.data, &so, &run->m.score, &run->err) != 0)
            return -1;
        for (int t = 0; t < THEME_COUNT; t++)
            changes(&run->m.score, t, run->opt.cfg->top_n, run->m.data.n_addrs, base,
                    &moved[f][t][0], &moved[f][t][1]);
    }
    const struct ind_desc *d = indicator_desc(id);
    printf("%-3s %-22s %6.1f", d->code, d->name, run->m.ind[id].weight);
    for (int t = 0; t < THEME_COUNT; t++) {
        if (!(run->opt.cfg->themes[t].indicators & (1u << id)))
            printf("  %-15s", "-");
        else
            printf("  %2d/%-2d | %2d/%-4d", moved[0][t][0], moved[0][t][1], moved[1][t][0],
                   moved[1][t][1]);
    }
    putchar('\n');
    return 0;
}

static void header(const struct run *run)
{
    printf("\nweight sensitivity: addresses leaving/entering each theme's top %d when one "
           "weight\nmoves -25%% | +25%% (all other settings as configured)\n",
           run->opt.cfg->top_n);
    printf("%-26s %6s", "indicator", "weight");
    for (int t = 0; t < THEME_COUNT; t++)
        printf("  %-15s", catalogue_theme(t)->name);
    putchar('\n');
}

int eval_sensitivity(const struct config *cfg, enum log_level level)
{
    struct run run;
    run_init(&run, cfg, level);
    int rc = pipeline_model(&run);
    uint8_t *base = rc == 0 ? malloc((size_t)THEME_COUNT * (run.m.data.n_addrs + 1)) : NULL;
    if (rc == 0 && !base)
        rc = err_set(&run.err, ERR_NOMEM, "out of memory");
    if (rc == 0) {
        mark_top(&run.m.score, cfg->top_n, run.m.data.n_addrs, base);
        header(&run);
        for (int id = 0; id < IND_COUNT && rc == 0; id++)
            if (run.m.ind[id].enabled && run.m.ind[id].weight > 0 &&
                indicator_row(&run, id, base) != 0)
                rc = run.err.code;
    }
    if (rc != 0)
        fprintf(stderr, "vik: %s\n", run.err.msg);
    free(base);
    run_release(&run);
    return rc;
}
