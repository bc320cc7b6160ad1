/*
 * cmd_run.c - `vik run` and `vik check`.
 */
#include "cli/cli.h"

#include "ingest/csv_reader.h"
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <string.h>

int cmd_run(const struct cli_opts *opts)
{
    struct config cfg;
    cfg_init(&cfg);
    int rc = cli_load_config(opts, &cfg);
    if (rc != 0) {
        cfg_release(&cfg);
        return cli_exit_code(rc);
    }
    struct run r;
    run_init(&r, &cfg, opts->log_level);
    rc = pipeline_run(&r);
    if (rc != 0)
        fprintf(stderr, "vik: run failed: %s\n", r.err.msg);
    run_release(&r);
    cfg_release(&cfg);
    return cli_exit_code(rc);
}

struct header_probe {
    const struct source_cfg *sc;
    const char *name;
    int problems;
};

/* Record 1 only: report mapped headers that the file lacks. */
static int probe_header(void *ctx, const struct csvr_record *rec)
{
    struct header_probe *p = ctx;
    for (int f = 0; f < F_COUNT; f++) {
        if (!p->sc->map[f])
            continue;
        int found = 0;
        for (size_t c = 0; c < rec->n_fields && !found; c++)
            found = rec->fields[c] && !strcmp(rec->fields[c], p->sc->map[f]);
        if (!found) {
            fprintf(stderr, "vik: %s: no column '%s' (map.%s, config line %d)\n", p->sc->path,
                    p->sc->map[f], schema_field(f)->name, p->sc->map_line[f]);
            p->problems++;
        }
    }
    return ERR_USAGE; /* stop after the header */
}

static int check_headers(const struct config *cfg)
{
    int problems = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct source_cfg *sc = &cfg->sources[s];
        if (!sc->present)
            continue;
        struct header_probe p = {sc, schema_source(s)->name, 0};
        struct csvr rd;
        struct err e;
        err_clear(&e);
        csvr_init(&rd, sc->delimiter, cfg->max_field);
        int rc = csvr_read(&rd, sc->path, probe_header, &p, &e);
        if (rc != 0 && rc != ERR_USAGE) {
            if (!sc->optional) {
                fprintf(stderr, "vik: %s\n", e.msg);
                problems++;
            }
            continue;
        }
        printf("source %-22s %s: delimiter '%s', %d problem%s\n", p.name, sc->path,
               rd.delimiter == '\t' ? "tab" : (char[]){rd.delimiter, '\0'}, p.problems,
               p.problems == 1 ? "" : "s");
        problems += p.problems;
    }
    return problems;
}

int cmd_check(const struct cli_opts *opts)
{
    struct config cfg;
    cfg_init(&cfg);
    int rc = cli_load_config(opts, &cfg);
    if (rc != 0) {
        cfg_release(&cfg);
        return cli_exit_code(rc);
    }
    int problems = check_headers(&cfg);
    char hash[17];
    cfg_hash(&cfg, hash);
    printf("\n; effective configuration, hash %s\n", hash);
    cfg_print(&cfg, stdout);
    cfg_release(&cfg);
    return problems ? EXIT_USAGE : EXIT_OK;
}
