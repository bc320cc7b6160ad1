/*
 * cli.c - option parsing, usage text, the subcommand table; see cli.h.
 */
#include "cli/cli.h"

#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command {
    const char *name;
    int (*fn)(const struct cli_opts *);
    const char *help;
} COMMANDS[] = {
    {"run", cmd_run, "the nightly batch: ingest, transform, score, write the watchlists"},
    {"check", cmd_check, "validate the config and the input headers; print the effective config"},
    {"explain", cmd_explain,
     "every indicator, raw value, reference and contribution for one address"},
    {"eval", cmd_eval, "precision/recall of the watchlists against a ground-truth file"},
    {"diff", cmd_diff, "per theme: addresses new, still listed and dropped since the previous run"},
    {"outcome", cmd_outcome, "record what the LIO found at an address (or --import FILE.csv)"},
    {"purge", cmd_purge, "apply the retention period (retention_days) to the history database"},
    {"audit", cmd_audit, "the audit trail: who ran or looked at what (--verify: check the chain)"},
    {"forget", cmd_forget, "remove an address's stored history (--reason TEXT), leaving a record"},
    {"indicators", cmd_indicators,
     "the indicators: what each ranks, its settings and look-alikes (-c optional)"},
    {"register", cmd_register,
     "the processing register of this config (Markdown, or JSON in Algoritmeregister fields)"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: vik COMMAND -c CONFIG [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].help);
    fprintf(f,
            "\noptions:\n"
            "  -c, --config FILE        the INI config (required)\n"
            "  --reference-date DATE    override [run] reference_date (YYYY-MM-DD)\n"
            "  --output-dir DIR         override [run] output_dir\n"
            "  --truth FILE             eval: ground truth (theme;kind;postcode;...)\n"
            "  --min-precision P        eval: exit 1 when a theme's precision at k < P\n"
            "  --max-lookalikes S       eval: exit 1 when a list's look-alike share > S\n"
            "  --markdown               indicators: the README's Markdown table\n"
            "  --keys                   check: the [run] keys as a Markdown table (no -c)\n"
            "  --format markdown|json   register: Markdown (default) or JSON in the\n"
            "                           fields of the Algoritmeregister standard\n"
            "  --output FILE            register: write FILE instead of stdout\n"
            "  --sensitivity            eval: how each theme's top list changes when one\n"
            "                           weight moves -25%% / +25%% (--truth optional)\n"
            "  -q, --quiet / -v, --verbose   log level on stderr\n"
            "  --run N                  diff: run N against the one before (default: latest)\n"
            "  --note TEXT              outcome: short, no personal data (max 200 bytes)\n"
            "  --import FILE.csv        outcome: postcode;house_number;house_letter;\n"
            "                           house_suffix;theme;status;date;note lines\n"
            "  explain takes the address as 'POSTCODE NUMBER', e.g. '5664AB 12A-2'\n"
            "  outcome takes ADDRESS THEME STATUS; STATUS is geen-bevinding, bekend,\n"
            "  in-onderzoek or bevestigd\n"
            "  --verify                 audit: recompute the hash chain, exit 1 where it breaks\n"
            "  --since / --until DATE   audit: records from / up to this day (YYYY-MM-DD)\n"
            "  --user NAME, --command NAME, --address 'POSTCODE NUMBER'   audit: filters\n"
            "  --reason TEXT            forget: why (an objection upheld, a correction)\n"
            "\nexit status: 0 ok, 1 run failed, 2 usage or config error\n");
}

static int parse_double_arg(const char *s, double *out)
{
    char *end;
    *out = strtod(s, &end);
    return end == s || *end ? -1 : 0;
}

/* One option at argv[*i]; returns 0, or -1 on a usage error (message printed). */
static int parse_option(int argc, char **argv, int *i, struct cli_opts *o)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    int takes = 1;
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
        o->log_level = LOG_ERROR, takes = 0;
    else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
        o->log_level = LOG_DEBUG, takes = 0;
    else if (!strcmp(a, "--sensitivity"))
        o->sensitivity = 1, takes = 0;
    else if (!strcmp(a, "--keys"))
        o->keys = 1;
    else if (!strcmp(a, "--markdown"))
        o->markdown = 1, takes = 0;
    else if (!strcmp(a, "--stored"))
        o->stored = 1, takes = 0;
    else if (!strcmp(a, "--verify"))
        o->verify = 1, takes = 0;
    else if (!v)
        return fprintf(stderr, "vik: option '%s' needs a value or is unknown\n", a), -1;
    else if (!strcmp(a, "-c") || !strcmp(a, "--config"))
        o->config = v;
    else if (!strcmp(a, "--truth"))
        o->truth = v;
    else if (!strcmp(a, "--output-dir"))
        o->output_dir = v;
    else if (!strcmp(a, "--note"))
        o->note = v;
    else if (!strcmp(a, "--import"))
        o->import = v;
    else if (!strcmp(a, "--format"))
        o->format = v;
    else if (!strcmp(a, "--output"))
        o->output = v;
    else if (!strcmp(a, "--user"))
        o->user = v;
    else if (!strcmp(a, "--address"))
        o->audit_address = v;
    else if (!strcmp(a, "--command"))
        o->audit_command = v;
    else if (!strcmp(a, "--reason"))
        o->reason = v;
    else if (!strcmp(a, "--since") || !strcmp(a, "--until")) {
        if (date_parse_iso(v, a[2] == 's' ? &o->since : &o->until))
            return fprintf(stderr, "vik: %s '%s' is not YYYY-MM-DD\n", a, v), -1;
    } else if (!strcmp(a, "--run")) {
        char *end;
        o->run_id = strtoll(v, &end, 10);
        if (end == v || *end || o->run_id < 1)
            return fprintf(stderr, "vik: run '%s' is not a run number\n", v), -1;
    } else if (!strcmp(a, "--reference-date")) {
        if (date_parse_iso(v, &o->reference_date))
            return fprintf(stderr, "vik: reference date '%s' is not YYYY-MM-DD\n", v), -1;
    } else if (!strcmp(a, "--min-precision")) {
        if (parse_double_arg(v, &o->min_precision))
            return fprintf(stderr, "vik: '%s' is not a number\n", v), -1;
    } else if (!strcmp(a, "--max-lookalikes")) {
        if (parse_double_arg(v, &o->max_lookalikes))
            return fprintf(stderr, "vik: '%s' is not a number\n", v), -1;
    } else
        return fprintf(stderr, "vik: unknown option '%s'\n", a), -1;
    *i += takes;
    return 0;
}

static int parse_args(int argc, char **argv, struct cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->log_level = LOG_WARN;
    o->max_lookalikes = 1;
    int max_args = !strcmp(argv[1], "outcome") ? 3 : 1; /* ADDRESS THEME STATUS */
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] != '-' || !argv[i][1]) {
            if (o->n_args == max_args)
                return fprintf(stderr, "vik: unexpected argument '%s'\n", argv[i]), -1;
            o->args[o->n_args++] = argv[i];
            o->address = o->args[0];
            continue;
        }
        if (parse_option(argc, argv, &i, o) != 0)
            return -1;
    }
    if (!o->config && strcmp(argv[1], "indicators") != 0 && !(o->keys && !strcmp(argv[1], "check")))
        return fprintf(stderr, "vik: no config given (-c CONFIG)\n"), -1;
    return 0;
}

int cli_exit_code(int err_code)
{
    if (err_code == 0)
        return EXIT_OK;
    return err_code == ERR_CONFIG || err_code == ERR_USAGE || err_code == ERR_PRIVACY
               ? EXIT_USAGE
               : EXIT_RUN_FAILED;
}

int cli_config_hash(struct config *cfg, char hash[17])
{
    if (cfg_hash(cfg, hash) == 0)
        return 0;
    fprintf(stderr, "vik: out of memory hashing the config\n");
    cfg_release(cfg);
    return EXIT_RUN_FAILED;
}

int cli_load_config(const struct cli_opts *opts, struct config *cfg)
{
    struct err e;
    err_clear(&e);
    cfg_init(cfg);
    int rc = cfg_load(cfg, opts->config, stderr, &e);
    if (rc != 0) {
        /* problems are counted; a config that could not be read (memory, disk) is not
         * one with problems, whatever was printed before it failed */
        if (cfg->n_problems == 0 || (rc != ERR_CONFIG && rc != ERR_PRIVACY))
            fprintf(stderr, "vik: %s\n", e.msg);
        else
            fprintf(stderr, "vik: %d problem%s in '%s'\n", cfg->n_problems,
                    cfg->n_problems == 1 ? "" : "s", opts->config);
        cfg_release(cfg);
        return rc;
    }
    if (opts->reference_date)
        cfg->reference_date = opts->reference_date;
    if (!cfg->reference_date)
        cfg->reference_date = date_today();
    if (opts->output_dir)
        cfg->output_dir = opts->output_dir;
    return 0;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
        !strcmp(argv[1], "help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        if (strcmp(argv[1], COMMANDS[i].name) != 0)
            continue;
        struct cli_opts o;
        if (parse_args(argc, argv, &o) != 0)
            return EXIT_USAGE;
        o.command = COMMANDS[i].name;
        return COMMANDS[i].fn(&o);
    }
    fprintf(stderr, "vik: unknown command '%s' (see vik --help)\n", argv[1]);
    return EXIT_USAGE;
}
