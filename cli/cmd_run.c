/*
 * cmd_run.c - `vik run` and `vik check`. vik check reads the config and the inputs'
 * header lines only, no personal data, and leaves no audit record.
 */
#include "cli/cli.h"

#include "common/version.h"

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_run(const struct cli_opts *opts)
{
    struct config cfg;
    int rc = cli_load_config(opts, &cfg);
    if (rc != 0)
        return cli_exit_code(rc);
    struct run r;
    run_init(&r, &cfg, opts->log_level);
    rc = pipeline_run(&r);
    if (rc != 0) {
        /* a night that succeeds records itself in its own transaction (pipeline); one
         * that fails is recorded here, with what went wrong (the code, not the text:
         * an error message may quote input) */
        fprintf(stderr, "vik: run failed: %s\n", r.err.msg);
        char args[80], result[40];
        audit_night_args(cfg.reference_date, VIK_VERSION, args, sizeof args);
        snprintf(result, sizeof result, "error=%s", err_name((enum err_code)rc));
        struct audit_rec rec = {.command = "run", .args = args, .result = result};
        cli_audit_failure(&cfg, &rec, cli_exit_code(rc));
    }
    run_release(&r);
    cfg_release(&cfg);
    return cli_exit_code(rc);
}

/* Read each source's header through the real reader and report what would fail: the
 * header problems found (each printed by ingest), or -1 when a source could not be
 * checked at all for want of memory (printed too). A file that cannot be opened or
 * read is a problem of the config's paths: exit 2, as before. */
static int check_headers(const struct config *cfg)
{
    int problems = 0, broken = 0;
    struct pseudo ps;
    memset(&ps, 0, sizeof ps); /* no hashing happens: only the header is read */
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct source_cfg *sc = &cfg->sources[s];
        if (!sc->present)
            continue;
        struct ingest_opts o = {.cfg = sc,
                                .pseudo = &ps,
                                .reference_date = cfg->reference_date,
                                .display_name = sc->path,
                                .max_field = cfg->max_field,
                                .header_only = 1,
                                .problems = stderr};
        struct ingest_counts counts;
        struct err e;
        err_clear(&e);
        if (ingest_source(s, &o, NULL, NULL, &counts, &e) != 0) {
            if (sc->optional && access(sc->path, R_OK) != 0) {
                printf("source %-22s %s: missing, optional\n", schema_source(s)->name, sc->path);
                continue;
            }
            problems++; /* ingest printed it, with every other header problem */
            broken |= e.code == ERR_NOMEM;
            continue;
        }
        int mapped = 0;
        for (int f = 0; f < F_COUNT; f++)
            mapped += sc->map[f] != NULL;
        printf("source %-22s %s: header ok, %d mapped columns\n", schema_source(s)->name, sc->path,
               mapped);
    }
    return broken ? -1 : problems;
}

int cmd_check(const struct cli_opts *opts)
{
    if (opts->keys) {
        cfg_run_keys_markdown(stdout);
        return EXIT_OK;
    }
    struct config cfg;
    int rc = cli_load_config(opts, &cfg);
    if (rc != 0)
        return cli_exit_code(rc);
    int problems = check_headers(&cfg);
    if (problems < 0) { /* not a finding about the config: the check could not be made */
        cfg_release(&cfg);
        return EXIT_RUN_FAILED;
    }
    char hash[17];
    if (cli_config_hash(&cfg, hash) != 0)
        return EXIT_RUN_FAILED;
    printf("\n; effective configuration, hash %s\n", hash);
    cfg_print(&cfg, stdout);
    cfg_release(&cfg);
    return problems ? EXIT_USAGE : EXIT_OK;
}
