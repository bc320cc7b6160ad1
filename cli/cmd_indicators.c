/*
 * cmd_indicators.c - `vik indicators [-c CONFIG] [--markdown]`: the indicator
 * catalogue as the descriptors define it (or, with a config, as it is in force).
 *
 * Why: the README's indicator table, the analyst's overview and the processing
 * register must say the same thing the code does. This prints it from the
 * descriptors (score/indicator.h), never from a hand-written copy; the README's
 * table is this command's --markdown output, and a test fails when they differ
 * (`make readme-table` refreshes it).
 */
#include "cli/cli.h"

#include "score/indicator.h"

#include <stdio.h>
#include <string.h>

static void themes_of(unsigned themes, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int t = 0; t < THEME_COUNT && used < size; t++)
        if (themes & (1u << t)) {
            int k = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                             catalogue_theme(t)->name);
            used += k > 0 ? (size_t)k : 0;
        }
}

static void params_of(const struct ind_desc *d, const struct indicator_cfg *c, char *buf,
                      size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int p = 0; p < IND_MAX_PARAMS && d->params[p].name && used < size; p++) {
        int k = snprintf(buf + used, size - used, "%s%s %g", used ? ", " : "", d->params[p].name,
                         c->params[p]);
        used += k > 0 ? (size_t)k : 0;
    }
    for (int l = 0; l < IND_MAX_LISTS && d->lists[l].name && used < size; l++) {
        int k =
            snprintf(buf + used, size - used, "%s%s (list)", used ? ", " : "", d->lists[l].name);
        used += k > 0 ? (size_t)k : 0;
    }
}

static void markdown(const struct indicator_cfg *ind)
{
    printf("| name | id | themes | ranks (its axis and grade) | fires at 1 in | may list alone | "
           "weight | parameters | look-alikes it guards against |\n");
    printf("|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        char themes[96], params[512];
        themes_of(d->themes, themes, sizeof themes);
        params_of(d, &ind[i], params, sizeof params);
        printf("| `%s` | %s | %s | %s | %g | %s | %g | %s | %s |\n", d->name, d->code, themes,
               d->formula, ind[i].threshold, ind[i].alone ? "yes" : "no", ind[i].weight,
               params[0] ? params : "-", d->lookalikes);
    }
}

static void plain(const struct indicator_cfg *ind)
{
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        char themes[96], params[512];
        themes_of(d->themes, themes, sizeof themes);
        params_of(d, &ind[i], params, sizeof params);
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
        markdown(ind);
    else
        plain(ind);
    if (loaded)
        cfg_release(&cfg);
    return EXIT_OK;
}
