/*
 * cmd_register.c - `vik register -c CONFIG [--format markdown|json] [--output FILE]`:
 * the processing register of this installation (report/register.h).
 *
 * Why a command: the privacy officer needs the register for the DPIA and the
 * Algoritmeregister whenever the config changes, not after the next night. It
 * reads the config and the indicators' descriptors only - no export, no history,
 * no personal data - so it works before the first export arrives (`vik check`
 * is the command that checks the exports' headers). Markdown goes to stdout by
 * default; --output writes the file all-or-nothing (common/fsutil.h).
 */
#include "cli/cli.h"

#include "common/fsutil.h"
#include "pipeline/pipeline.h"
#include "report/register.h"

#include <stdio.h>
#include <string.h>

static int render(FILE *f, const struct register_in *reg, int json)
{
    return json ? register_json(f, reg, stderr) : register_markdown(f, reg);
}

static int write_file(const char *path, const struct register_in *reg, int json)
{
    struct fs_out o;
    struct err e;
    err_clear(&e);
    if (fs_out_open(&o, path, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return EXIT_RUN_FAILED;
    }
    if (render(o.f, reg, json) != 0) {
        fs_out_abort(&o);
        fprintf(stderr, "vik: cannot write '%s'\n", path);
        return EXIT_RUN_FAILED;
    }
    if (fs_out_close(&o, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return EXIT_RUN_FAILED;
    }
    return EXIT_OK;
}

int cmd_register(const struct cli_opts *opts)
{
    const char *format = opts->format ? opts->format : "markdown";
    int json = !strcmp(format, "json");
    if (!json && strcmp(format, "markdown") != 0) {
        fprintf(stderr, "vik: format '%s' must be markdown or json\n", format);
        return EXIT_USAGE;
    }
    struct config cfg;
    int rc = cli_load_config(opts, &cfg);
    if (rc != 0)
        return cli_exit_code(rc);
    char hash[17];
    if (cli_config_hash(&cfg, hash) != 0)
        return EXIT_RUN_FAILED;
    struct register_in reg;
    pipeline_register_in(&cfg, cfg.ind, &reg);
    reg.config_hash = hash;
    int status = EXIT_OK;
    if (opts->output) {
        status = write_file(opts->output, &reg, json);
    } else if (render(stdout, &reg, json) != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "vik: cannot write the register to stdout\n");
        status = EXIT_RUN_FAILED;
    }
    cfg_release(&cfg);
    return status;
}
