/*
 * cmd_history.c - `vik diff`, `vik outcome` and `vik purge`: the commands that read
 * or change the history database (history/history.h) without running the night.
 * Each leaves one audit record (cli_audit.c).
 */
#include "cli/cli.h"
#include "common/date.h"

#include "history/history.h"
#include "transform/address.h"

#include <stdio.h>
#include <string.h>

int cli_parse_address(const char *text, struct addr_key *k)
{
    const char *p = text;
    size_t pc_len = 0, seen = 0;
    while (p[pc_len] && seen < 6) { /* the postcode: its first six letters and digits */
        if ((p[pc_len] >= '0' && p[pc_len] <= '9') || (p[pc_len] | 32) >= 'a')
            seen += p[pc_len] != ' ' && p[pc_len] != '-';
        pc_len++;
    }
    const char *num = p + pc_len;
    return addr_normalise(p, pc_len, num, strlen(num), "", 0, "", 0, k) == ADDR_OK ? 0 : -1;
}

int cmd_diff(const struct cli_opts *o)
{
    if (o->n_args)
        return fprintf(stderr, "vik: diff takes no address (see vik --help)\n"), EXIT_USAGE;
    struct cli_session s;
    int rc = cli_session_open(o, &s, HISTORY_EXISTING);
    if (rc != 0)
        return rc;
    struct err e;
    err_clear(&e);
    rc = history_diff(&s.h, (int64_t)o->run_id, stdout, &e);
    if (rc != 0)
        fprintf(stderr, "vik: %s\n", e.msg);
    struct audit_rec rec = {.command = "diff", .run = (int64_t)o->run_id};
    return cli_session_close(&s, &rec, cli_exit_code(rc));
}

/* ADDRESS THEME STATUS [--note] into one outcome; 0, or -1 with the message printed. */
static int parse_outcome(const struct cli_opts *o, struct history_outcome *out)
{
    memset(out, 0, sizeof *out);
    int t = catalogue_theme_by_name(o->args[1]);
    int st = outcome_status_by_name(o->args[2]);
    const char *why = o->note ? history_note_problem(o->note) : NULL;
    if (cli_parse_address(o->args[0], &out->key) != 0)
        fprintf(stderr, "vik: '%s' is not an address such as '5664AB 12A'\n", o->args[0]);
    else if (t < 0)
        fprintf(stderr, "vik: unknown theme '%s' (hennep, witwassen, brievenbus, overbewoning)\n",
                o->args[1]);
    else if (st < 0)
        fprintf(stderr,
                "vik: unknown status '%s' (geen-bevinding, bekend, in-onderzoek, bevestigd)\n",
                o->args[2]);
    else if (why)
        fprintf(stderr, "vik: %s\n", why);
    else {
        out->theme = (enum theme_id)t;
        out->status = (enum outcome_status)st;
        out->note = o->note ? o->note : "";
        return 0;
    }
    return -1;
}

static int record_one(struct history *h, struct history_outcome *oc, const struct config *cfg)
{
    struct err e;
    err_clear(&e);
    oc->date = cfg->reference_date; /* the day of the assessment: today unless configured */
    int listed = history_ever_listed(h, &oc->key, oc->theme, &e);
    if (listed < 0 || history_add_outcomes(h, oc, 1, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return e.code;
    }
    char num[24];
    addr_key_number_text(&oc->key, num, sizeof num);
    if (!listed)
        fprintf(stderr, "vik: note: %s %s was never on the %s list (recorded anyway)\n",
                oc->key.postcode, num, catalogue_theme(oc->theme)->name);
    char day[DATE_TEXT];
    printf("recorded: %s %s %s %s %s\n", oc->key.postcode, num, catalogue_theme(oc->theme)->name,
           outcome_name(oc->status), date_text(oc->date, day));
    return 0;
}

static int import_file(struct history *h, const char *path, size_t *n)
{
    struct err e;
    err_clear(&e);
    *n = 0;
    if (history_import_outcomes(h, path, stderr, n, &e) != 0) {
        fprintf(stderr, "vik: %s\n", e.msg);
        return e.code;
    }
    printf("imported %zu outcome%s from %s\n", *n, *n == 1 ? "" : "s", path);
    return 0;
}

int cmd_outcome(const struct cli_opts *o)
{
    struct history_outcome oc;
    if (o->import ? o->n_args != 0 || o->note : o->n_args != 3) {
        fprintf(stderr, "vik: outcome takes ADDRESS THEME STATUS [--note TEXT] or --import "
                        "FILE.csv\n");
        return EXIT_USAGE;
    }
    if (!o->import && parse_outcome(o, &oc) != 0)
        return EXIT_USAGE;
    struct cli_session s;
    int rc = cli_session_open(o, &s, HISTORY_CREATE);
    if (rc != 0)
        return rc;
    /* the note is free text: the trail keeps that an outcome was recorded, not the note */
    char args[4200], result[64];
    size_t n = 0;
    if (o->import)
        snprintf(args, sizeof args, "import=%s", o->import);
    else
        snprintf(args, sizeof args, "theme=%s status=%s", catalogue_theme(oc.theme)->name,
                 outcome_name(oc.status));
    rc = cli_session_begin(&s);
    if (rc == 0 && o->import) {
        rc = import_file(&s.h, o->import, &n);
    } else if (rc == 0) {
        rc = record_one(&s.h, &oc, &s.cfg);
        n = rc == 0;
    }
    snprintf(result, sizeof result, "recorded=%zu", n);
    struct audit_rec rec = {.command = "outcome",
                            .address = o->import ? NULL : &oc.key,
                            .address_kept = 1,
                            .args = args,
                            .result = result};
    return cli_session_close(&s, &rec, cli_exit_code(rc));
}

/*
 * `vik purge`: what the night does after storing a run, on demand - for a
 * municipality that shortens retention_days, or that has stopped running vik and
 * must still delete what is past its retention period (docs/privacy.md, retention). Counts from
 * the config's reference_date, or from today when it has none.
 */
int cmd_purge(const struct cli_opts *o)
{
    if (o->n_args)
        return fprintf(stderr, "vik: purge takes no address (see vik --help)\n"), EXIT_USAGE;
    struct cli_session s;
    int rc = cli_session_open(o, &s, HISTORY_EXISTING);
    if (rc != 0)
        return rc;
    const struct config *cfg = &s.cfg;
    int32_t ref = cfg->reference_date ? cfg->reference_date : date_today();
    char day[DATE_TEXT];
    struct err e;
    err_clear(&e);
    struct history_purged purged;
    memset(&purged, 0, sizeof purged);
    rc = cli_session_begin(&s); /* prints its own failure */
    if (rc == 0 && (rc = history_purge(&s.h, ref, cfg->retention_days, &purged, &e)) != 0)
        fprintf(stderr, "vik: %s\n", e.msg);
    else if (rc == 0)
        printf("purged %llu run(s) and %llu outcome(s) dated before %d days before "
               "%s (retention_days), %llu audit record(s) and %llu forget marker(s)\n",
               (unsigned long long)purged.runs, (unsigned long long)purged.outcomes,
               cfg->retention_days, date_text(ref, day), (unsigned long long)purged.audit,
               (unsigned long long)purged.forgotten);
    char result[160] = "";
    if (rc == 0)
        snprintf(result, sizeof result, "runs=%llu outcomes=%llu audit=%llu forgotten=%llu",
                 (unsigned long long)purged.runs, (unsigned long long)purged.outcomes,
                 (unsigned long long)purged.audit, (unsigned long long)purged.forgotten);
    struct audit_rec rec = {.command = "purge", .result = result};
    return cli_session_close(&s, &rec, cli_exit_code(rc));
}
