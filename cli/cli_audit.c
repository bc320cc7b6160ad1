/*
 * cli_audit.c - the command line's side of the audit trail (issue 11); see cli.h.
 *
 * Why: "every command that reads or changes personal data leaves one record" must
 * hold for run, explain (live and stored), diff, outcome, purge, eval and forget
 * alike, so the rule lives in one place: a command opens a session - config,
 * history database, audit key - before it touches anything personal, and closes it
 * with its record and exit status. The rule that is tested: every invocation of
 * these commands whose config loads leaves exactly one record, whatever its exit
 * status. One that fails before (no config, a bad config, a usage error found
 * while reading the command line) cannot know its database and has read nothing;
 * one whose database or key cannot be opened, or whose config cannot be hashed
 * for the record (out of memory), fails at once, before reading anything, and
 * says so. vik run records inside the night's own transaction
 * (pipeline_history.c) and, when the night fails, here afterwards.
 *
 * The key: the installation's pseudonymisation key (key_file), created when missing
 * only while the trail is empty (pipeline_audit_key); vik audit itself never creates
 * one (cmd_audit.c).
 */
#include "cli/cli.h"

#include "pipeline/pipeline.h"

#include <stdio.h>
#include <string.h>

int cli_history_keyed(const struct config *cfg, struct history *h, enum history_open_mode mode,
                      struct err *e)
{
    if (history_open(h, cfg->database, mode, e) != 0)
        return e->code;
    int rc = pipeline_audit_key(cfg, h, e);
    if (rc != 0)
        history_close(h);
    return rc;
}

int cli_session_open(const struct cli_opts *o, struct cli_session *s, enum history_open_mode mode)
{
    memset(s, 0, sizeof *s);
    int rc = cli_load_config(o, &s->cfg);
    if (rc != 0)
        return cli_exit_code(rc);
    if (cli_config_hash(&s->cfg, s->config_hash) != 0)
        return EXIT_RUN_FAILED;
    struct err e;
    err_clear(&e);
    if (cli_history_keyed(&s->cfg, &s->h, mode, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        cfg_release(&s->cfg);
        return cli_exit_code(e.code);
    }
    return 0;
}

int cli_session_begin(struct cli_session *s)
{
    struct err e;
    err_clear(&e);
    if (history_begin(&s->h, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return e.code;
    }
    s->in_tx = 1;
    return 0;
}

/* The session's transaction (cli_session_begin) at the end of its command: the change
 * and its record committed together, or the change undone. Returns status, or
 * EXIT_RUN_FAILED when the two could not be committed. */
static int session_commit(struct cli_session *s, struct audit_rec *rec, int status)
{
    struct err e;
    err_clear(&e);
    if (status != 0 || !history_in_transaction(&s->h)) {
        history_rollback(&s->h); /* a failed command changes nothing */
        return status ? status : EXIT_RUN_FAILED;
    }
    if (audit_append(&s->h, rec, &e) == 0 && history_commit(&s->h, &e) == 0) {
        s->recorded = 1;
        return 0;
    }
    history_rollback(&s->h);
    fprintf(stderr,
            "vik: nothing was changed: the change and its audit record could not be "
            "committed: %s\n",
            e.msg);
    rec->result = "nothing changed: not committed";
    return EXIT_RUN_FAILED;
}

int cli_session_close(struct cli_session *s, struct audit_rec *rec, int status)
{
    struct err e;
    err_clear(&e);
    rec->config_hash = s->config_hash;
    rec->status = status;
    if (s->in_tx)
        rec->status = status = session_commit(s, rec, status);
    if (!s->recorded && audit_append(&s->h, rec, &e) != 0) {
        fprintf(stderr, "vik: cannot write the audit record: %s\n", e.msg);
        status = status ? status : EXIT_RUN_FAILED;
    }
    history_close(&s->h);
    cfg_release(&s->cfg);
    return status;
}

void cli_audit_failure(const struct config *cfg, struct audit_rec *rec, int status)
{
    struct history h;
    struct err e;
    err_clear(&e);
    char hash[17];
    /* the failure is recorded even when the hash cannot be made (its column then
     * empty): a command that failed must leave its record */
    if (cfg_hash(cfg, hash) != 0)
        hash[0] = '\0';
    rec->config_hash = hash;
    rec->status = status;
    if (cli_history_keyed(cfg, &h, HISTORY_CREATE, &e) != 0 || audit_append(&h, rec, &e) != 0)
        fprintf(stderr, "vik: cannot write the audit record: %s\n", e.msg);
    history_close(&h);
}
