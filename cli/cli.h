/*
 * cli.h - the command line: argv -> struct cli_opts -> one subcommand.
 *
 * Why: main() stays tiny; each subcommand is a function in its own file,
 * registered in one table in cli.c (git's commands[] pattern).
 *
 * Exit status: 0 success, 1 the run failed, 2 usage or config error.
 */
#ifndef VIK_CLI_CLI_H
#define VIK_CLI_CLI_H

#include "common/log.h"
#include "config/config.h"
#include "history/audit.h"
#include "model/dataset.h"

#include <stdint.h>

enum { EXIT_OK = 0, EXIT_RUN_FAILED = 1, EXIT_USAGE = 2 };

struct cli_opts {
    const char *command;
    const char *config;
    const char *truth;   /* eval */
    const char *address; /* explain, outcome: the first argument */
    const char *args[3]; /* outcome: ADDRESS THEME STATUS */
    int n_args;
    const char *note;       /* outcome --note */
    const char *import;     /* outcome --import FILE.csv */
    long long run_id;       /* diff --run N (0 = the latest run) */
    const char *output_dir; /* overrides [run] output_dir */
    int32_t reference_date; /* overrides [run] reference_date */
    double min_precision;   /* eval: fail below this precision at k (0 = off) */
    double max_lookalikes;  /* eval: fail above this look-alike share (1 = off) */
    int sensitivity;        /* eval: also the weight sensitivity table */
    int markdown;           /* indicators: the README's Markdown table */
    int keys;               /* check --keys: the [run] keys' table (docs/config.md) */
    int stored;             /* explain: the figures stored in the history database */
    const char *format;     /* register: markdown (default) or json */
    const char *output;     /* register: write to this file instead of stdout */
    /* audit and forget (issue 11) */
    int verify;                /* audit --verify */
    int32_t since, until;      /* audit --since / --until YYYY-MM-DD (0 = open) */
    const char *user;          /* audit --user */
    const char *audit_address; /* audit --address */
    const char *audit_command; /* audit --command */
    const char *reason;        /* forget --reason */
    enum log_level log_level;
};

int cli_main(int argc, char **argv);

/*
 * Initialise cfg and load the config named in opts, applying command-line
 * overrides; prints every problem. On failure cfg is already released.
 */
int cli_load_config(const struct cli_opts *opts, struct config *cfg);
/* Map an error code to an exit status. */
int cli_exit_code(int err_code);
/* cfg_hash for a command: 0, or EXIT_RUN_FAILED with the message printed and cfg
 * released (a command must not go on under a hash of nothing). */
int cli_config_hash(struct config *cfg, char hash[17]);

/* `vik eval --sensitivity`: the weight sensitivity table; 0 or an error code. */
int eval_sensitivity(const struct config *cfg, enum log_level level);

int cmd_run(const struct cli_opts *opts);
int cmd_check(const struct cli_opts *opts);
int cmd_eval(const struct cli_opts *opts);
int cmd_indicators(const struct cli_opts *opts);
int cmd_explain(const struct cli_opts *opts);
int cmd_diff(const struct cli_opts *opts);
int cmd_outcome(const struct cli_opts *opts);
int cmd_purge(const struct cli_opts *opts);
int cmd_register(const struct cli_opts *opts);
int cmd_audit(const struct cli_opts *opts);
int cmd_forget(const struct cli_opts *opts);

/*
 * The audit trail's side of a command that reads or changes personal data
 * (cli_audit.c): load the config, open the history database and set the audit key
 * BEFORE anything personal is read - a command that could not leave its record does
 * not run - then append exactly one record with the exit status at the end.
 */
struct cli_session {
    struct config cfg;
    struct history h;
    char config_hash[17];
    int recorded; /* the command appended its own record (vik forget) */
    int in_tx;    /* cli_session_begin: the change and its record commit together */
};
/* 0, or the exit status with the message printed (nothing is left open then). */
int cli_session_open(const struct cli_opts *o, struct cli_session *s, enum history_open_mode mode);
/* For a command that changes the history (outcome, purge): one transaction for
 * the change and its audit record, committed by cli_session_close, so that
 * neither is kept without the other. 0, or an error code with the message printed. */
int cli_session_begin(struct cli_session *s);
/* Append rec (config hash and status filled in here) unless s->recorded, close all;
 * returns status, or EXIT_RUN_FAILED when the record could not be written. */
int cli_session_close(struct cli_session *s, struct audit_rec *rec, int status);
/* Open cfg's history database and set the audit key from key_file
 * (pipeline_audit_key); 0 or an error code with *e filled. */
int cli_history_keyed(const struct config *cfg, struct history *h, enum history_open_mode mode,
                      struct err *e);
/* A command that failed outside a session (vik run): open, append rec, close. */
void cli_audit_failure(const struct config *cfg, struct audit_rec *rec, int status);

/* "5664AB 12A-2" or "5664 AB 12 A 2" (postcode first) -> canonical key; 0 or -1. */
int cli_parse_address(const char *text, struct addr_key *k);

#endif
