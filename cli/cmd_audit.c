/*
 * cmd_audit.c - `vik audit` (the trail, --verify the chain) and `vik forget` (a
 * data-subject request); issue 11, history/audit.h.
 *
 * vik audit reads the trail and leaves no record itself: verifying must not change
 * what it verifies, and the privacy officer may run it on a copy of the database.
 * It needs the installation key for --verify and --address (the chain and the
 * address pseudonyms are keyed) and never creates one: a new key would only make an
 * intact trail look broken.
 *
 * vik forget removes an address's stored history and appends its own record in the
 * same transaction (history_forget); a forget that fails is recorded with its exit
 * status like any other command.
 */
#include "cli/cli.h"
#include "common/date.h"

#include "history/audit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int print_trail(const struct cli_opts *o, struct history *h)
{
    struct addr_key k;
    if (o->audit_address && cli_parse_address(o->audit_address, &k) != 0) {
        fprintf(stderr, "vik: '%s' is not an address such as '5664AB 12A'\n", o->audit_address);
        return ERR_USAGE;
    }
    char since[DATE_TEXT], until[DATE_TEXT];
    date_text(o->since, since);
    date_text(o->until, until);
    struct audit_filter f = {o->since ? since : NULL, o->until ? until : NULL, o->user,
                             o->audit_command, o->audit_address ? &k : NULL};
    struct err e;
    err_clear(&e);
    uint64_t n;
    if (audit_print(h, &f, stdout, &n, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return e.code;
    }
    if (n == 0)
        fprintf(stderr, "vik: no audit record matches\n");
    return 0;
}

static int verify(struct history *h)
{
    struct audit_check c;
    struct err e;
    err_clear(&e);
    if (audit_verify(h, stdout, &c, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return e.code;
    }
    char from[64] = "the start";
    if (c.anchor)
        snprintf(from, sizeof from, "the anchor of #%lld (removed by retention)",
                 (long long)c.anchor);
    if (c.problems) {
        printf("audit trail BROKEN: %llu problem(s) in %llu record(s)\n",
               (unsigned long long)c.problems, (unsigned long long)c.records);
        return ERR_INPUT;
    }
    if (!c.records)
        printf("audit trail verified: no records, chained from %s\n", from);
    else
        printf("audit trail verified: %llu record(s), #%lld to #%lld, chained from %s; last hash "
               "%s\n",
               (unsigned long long)c.records, (long long)c.first, (long long)c.last, from, c.head);
    return 0;
}

/* The installation key, or why not: vik audit never creates one. */
static int key_present(const struct config *cfg)
{
    if (access(cfg->key_file, R_OK) == 0)
        return 0;
    fprintf(stderr,
            "vik: key file '%s' cannot be read: the audit trail is checked with the "
            "installation's key\n",
            cfg->key_file);
    return ERR_CONFIG;
}

int cmd_audit(const struct cli_opts *o)
{
    if (o->n_args)
        return fprintf(stderr, "vik: audit takes options only (see vik --help)\n"), EXIT_USAGE;
    if (o->verify && (o->since || o->until || o->user || o->audit_address || o->audit_command))
        return fprintf(stderr, "vik: audit --verify checks the whole trail: no filters\n"),
               EXIT_USAGE;
    struct config cfg;
    int rc = cli_load_config(o, &cfg);
    if (rc != 0)
        return cli_exit_code(rc);
    int keyed = o->verify || o->audit_address;
    struct history h;
    struct err e;
    err_clear(&e);
    if (keyed && (rc = key_present(&cfg)) != 0) {
        cfg_release(&cfg);
        return cli_exit_code(rc);
    }
    rc = keyed ? cli_history_keyed(&cfg, &h, HISTORY_EXISTING, &e)
               : history_open(&h, cfg.database, HISTORY_EXISTING, &e);
    if (rc != 0)
        fprintf(stderr, "vik: %s\n", e.msg);
    else
        rc = o->verify ? verify(&h) : print_trail(o, &h);
    history_close(&h);
    cfg_release(&cfg);
    return cli_exit_code(rc);
}

/* --reason: required, short, one line (it is kept in the trail). */
static int check_reason(const char *reason)
{
    const char *why = !reason || !reason[0] ? "forget needs --reason TEXT (why: an objection "
                                              "upheld, a correction; a case number, no name)"
                                            : history_note_problem(reason);
    if (why)
        fprintf(stderr, "vik: --reason: %s\n", why);
    return why ? -1 : 0;
}

static void print_forgotten(const struct addr_key *k, const struct history_forgotten *n)
{
    char num[24];
    addr_key_number_text(k, num, sizeof num);
    printf("forgot %s %s: removed %llu list entr%s with %llu contribution(s), %llu outcome(s), "
           "the address beside %llu audit record(s); the audit trail records the act\n",
           k->postcode, num, (unsigned long long)n->entries, n->entries == 1 ? "y" : "ies",
           (unsigned long long)n->contributions, (unsigned long long)n->outcomes,
           (unsigned long long)n->addresses);
    if (n->themes)
        printf("it returns to the list of the %llu theme(s) it was on only on new evidence: a "
               "score above its last one by more than realert_margin\n",
               (unsigned long long)n->themes);
    if (n->log_kept)
        fprintf(stderr, "vik: warning: another vik was reading the database: old copies of the "
                        "removed rows may stay in its -wal file until the next checkpoint\n");
}

int cmd_forget(const struct cli_opts *o)
{
    struct addr_key k;
    if (o->n_args != 1 || cli_parse_address(o->address, &k) != 0) {
        fprintf(stderr, "vik: forget takes one address such as '5664AB 12A' and --reason TEXT\n");
        return EXIT_USAGE;
    }
    if (check_reason(o->reason) != 0)
        return EXIT_USAGE;
    struct cli_session s;
    int rc = cli_session_open(o, &s, HISTORY_EXISTING);
    if (rc != 0)
        return rc;
    struct history_forget_req req = {&k, o->reason, s.cfg.reference_date, s.config_hash};
    struct history_forgotten n;
    struct err e;
    err_clear(&e);
    rc = history_forget(&s.h, &req, &n, &e);
    if (rc == 0) {
        s.recorded = 1; /* in the same transaction as the removal */
        print_forgotten(&k, &n);
    } else {
        fprintf(stderr, "vik: %s\n", e.msg);
    }
    char args[300];
    snprintf(args, sizeof args, "reason=%s", o->reason);
    struct audit_rec rec = {
        .command = "forget", .address = &k, .args = args, .result = "nothing removed"};
    return cli_session_close(&s, &rec, cli_exit_code(rc));
}
