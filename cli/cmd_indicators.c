/*
 * cmd_indicators.c - `vik indicators [-c CONFIG] [--markdown]`: the indicator
 * catalogue as the descriptors define it (or, with a config, as it is in force).
 *
 * Why: the README's indicator table, the analyst's overview and the processing
 * register must say the same thing the code does. This prints it from the
 * descriptors (score/indicator.h), never from a hand-written copy (report/ind_table.h
 * renders them for this command and for `vik register`); the README's table is this
 * command's --markdown output, and a test fails when they differ
 * (`make readme-table` refreshes it).
 */
#include "cli/cli.h"

#include "report/ind_table.h"
#include "score/indicator.h"

#include <stdio.h>
#include <string.h>

static void plain(const struct indicator_cfg *ind)
{
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        char themes[96], params[512];
        ind_table_themes(i, NULL, themes, sizeof themes);
        ind_table_params(d, &ind[i], params, sizeof params);
        printf("%s %s (%s)%s\n  %s\n  ranks: %s\n  fires at 1 in %g; %s; weight %g\n", d->code,
               d->name, themes, ind[i].enabled ? "" : " - switched off", d->summary, d->formula,
               ind[i].threshold, ind[i].alone ? "may list alone" : "never lists alone",
               ind[i].weight);
        if (params[0])
            printf("  parameters: %s\n", params);
        printf("  guards against: %s\n", d->lookalikes);
    }
}

int cmd_indicators(const struct cli_opts *o)
{
    struct indicator_cfg defaults[IND_COUNT];
    const struct indicator_cfg *ind = defaults;
    struct config cfg;
    int loaded = 0;
    indicator_defaults(defaults);
    if (o->config) {
        int rc = cli_load_config(o, &cfg);
        if (rc != 0)
            return cli_exit_code(rc);
        ind = cfg.ind;
        loaded = 1;
    }
    if (o->markdown)
        ind_table_markdown(stdout, ind, NULL, (1u << IND_COUNT) - 1);
    else
        plain(ind);
    if (loaded)
        cfg_release(&cfg);
    return EXIT_OK;
}
