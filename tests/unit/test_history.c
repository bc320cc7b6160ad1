/*
 * test_history.c - pins the history database (history/): a version-1 database is
 * migrated and keeps its data, a newer one is refused, a run is stored whole or
 * not at all, outcomes suppress and a stronger score re-alerts (and the
 * suppression ends after suppress_days), `vik diff` names new, still listed and
 * dropped addresses with the reason that changed, the report's view counts
 * consecutive runs and drops, a bad outcome import imports nothing, and vik forget
 * removes exactly one address from every table and the file, after which the same
 * score stays off the list and only a clearly higher one lists it again.
 *
 * Why: these are the promises of issue 6 that a coordinator relies on at the LIO;
 * lists are built by hand here (struct score_result with a few hits), so each
 * case says exactly which score the address had on which night.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/fixture.h"

#include "config/config.h"
#include "history/audit.h"
#include "history/history.h"
#include "transform/address.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

FIXTURE_GROUP("history")

/* A fresh database path (the -wal and -shm files are remembered for cleanup too). */
static const char *db_path(const char *name)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s-wal", name);
    tmp_path(buf);
    snprintf(buf, sizeof buf, "%s-shm", name);
    tmp_path(buf);
    return tmp_path(name);
}

static int64_t query_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "sqlite: %s\n", msg);
    sqlite3_free(msg);
    sqlite3_close(db);
    assert_int_equal(rc, SQLITE_OK);
}

static void key(const char *text, struct addr_key *k)
{
    const char *sp = strchr(text, ' ');
    assert_non_null(sp);
    assert_int_equal(
        addr_normalise(text, (size_t)(sp - text), sp + 1, strlen(sp + 1), "", 0, "", 0, k),
        ADDR_OK);
}

/* ---------------------------------------------------------------- hand-made lists */

enum { MAX_ADDR = 8 };

/* Tonight's hennep list: address i scores e1[i] (energy_high) + e4[i] (flat profile). */
struct night {
    struct config cfg;
    struct score_opts opts;
    struct hit hits[2 * MAX_ADDR];
    struct listing list[MAX_ADDR];
    struct score_result r;
    struct score_lists all; /* r's lists, nothing suppressed */
};

static void night_init(struct night *n, int32_t ref, const char *const *addrs, const double *e1,
                       const double *e4, size_t count)
{
    memset(n, 0, sizeof *n);
    cfg_init(&n->cfg);
    n->opts =
        (struct score_opts){.reference_date = ref, .ind = n->cfg.ind, .themes = n->cfg.themes};
    size_t h = 0;
    for (size_t i = 0; i < count; i++) {
        struct listing *l = &n->list[i];
        key(addrs[i], &l->key);
        l->addr = (uint32_t)i;
        l->first_hit = (uint32_t)h;
        n->hits[h++] = (struct hit){.addr = (uint32_t)i,
                                    .ind = IND_ENERGY_HIGH,
                                    .contribution = (float)e1[i],
                                    .strength = 1,
                                    .rarity = 1,
                                    .grade = 1,
                                    .surprise = 4,
                                    .reason = "e1"};
        if (e4[i] > 0)
            n->hits[h++] = (struct hit){.addr = (uint32_t)i,
                                        .ind = IND_ENERGY_FLAT_PROFILE,
                                        .contribution = (float)e4[i],
                                        .strength = 1,
                                        .rarity = 1,
                                        .grade = 1,
                                        .surprise = 4,
                                        .reason = "e4"};
        l->n_hits = (uint16_t)(h - l->first_hit);
        l->score = (float)(e1[i] + e4[i]);
    }
    n->r.hits = n->hits;
    n->r.n_hits = h;
    n->r.lists[THEME_HENNEP] = n->list;
    n->r.n_list[THEME_HENNEP] = count;
    score_lists_all(&n->r, &n->all);
}

static int store(struct history *h, struct night *n, const struct score_lists *s, struct err *e)
{
    struct history_input in = {"energy", "energie.csv", 10, "ab", 3, 2, 1};
    /* the night's linkage report: energy rows by class, one buurt */
    static const int loaded[SRC_COUNT] = {[SRC_ENERGY] = 1};
    struct linkage_area area = {"BU01", {[SRC_ENERGY] = 6}, {[SRC_ENERGY] = 1}};
    struct linkage lk;
    memset(&lk, 0, sizeof lk);
    lk.cls[SRC_ENERGY][LINK_EXACT] = 5;
    lk.cls[SRC_ENERGY][LINK_NOT_IN_KADASTER] = 1;
    lk.cls[SRC_BRP][LINK_EXACT] = 9; /* not read tonight: not stored */
    lk.areas = &area;
    lk.n_areas = 1;
    struct history_run_rec rec = {.started = "2026-11-01T02:30:00Z",
                                  .finished = "2026-11-01T02:31:00Z",
                                  .config_hash = "0123456789abcdef",
                                  .config_text = "[run]\n",
                                  .reference_date = n->opts.reference_date,
                                  .inputs = &in,
                                  .n_inputs = 1,
                                  .score = &n->r,
                                  .lists = s ? s : &n->all,
                                  .score_opts = &n->opts,
                                  .top_n = 50,
                                  .retention_days = 365,
                                  .linkage = &lk,
                                  .loaded = loaded};
    int64_t id;
    struct history_purged purged;
    int rc = history_record_run(h, &rec, &id, &purged, e);
    cfg_release(&n->cfg);
    return rc;
}

static void add_outcome(struct history *h, const char *addr, enum outcome_status st, int32_t date)
{
    struct history_outcome o = {.theme = THEME_HENNEP, .status = st, .date = date, .note = ""};
    key(addr, &o.key);
    struct err e;
    err_clear(&e);
    assert_int_equal(history_add_outcomes(h, &o, 1, &e), 0);
}

/* ---------------------------------------------------------------- schema */

static void test_migration_from_v1_keeps_data(void **state)
{
    (void)state;
    const char *path = db_path("v1.db");
    exec_sql(path, history_migration_sql(1));
    exec_sql(path,
             "INSERT INTO configs VALUES ('h1', '[run]');"
             "INSERT INTO runs VALUES (1, 's', 'f', '0.5.0', 'h1', 20260101, 'ok');"
             "INSERT INTO inputs VALUES (1, 'brp', 'brp.csv', 10, 'ab', 3, 3, 0);"
             "INSERT INTO list_entries VALUES (1, 1, 'hennep', 1, '5664AB|12|A|', '5664AB', 12, "
             "'A', '', 6.5);"
             "INSERT INTO contributions VALUES (1, 'energy_high', 4.0, 'why');"
             "INSERT INTO outcomes VALUES (1, '5664AB|12|A|', 'hennep', 'bekend', 20260105, '', "
             "'t');");
    assert_int_equal(query_int(path, "PRAGMA user_version"), 1);

    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_EXISTING, &e), 0);
    history_close(&h);
    assert_int_equal(query_int(path, "PRAGMA user_version"), HISTORY_SCHEMA_VERSION);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM runs WHERE version = '0.5.0'"), 1);
    assert_int_equal(query_int(path, "SELECT rows_read FROM inputs"), 3);
    assert_int_equal(query_int(path, "SELECT house_number FROM list_entries"), 12);
    assert_int_equal(query_int(path, "SELECT realerted FROM list_entries"), 0); /* v2 column */
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM contributions"), 1);
    assert_int_equal(query_int(path, "SELECT date FROM outcomes"), 20260105);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                     "'outcomes_address'"),
                     1);
}

static void test_newer_database_refused(void **state)
{
    (void)state;
    const char *path = db_path("newer.db");
    exec_sql(path, "CREATE TABLE x (y); PRAGMA user_version = 99;");
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), ERR_IO);
    assert_non_null(strstr(e.msg, "schema version 99 is newer than this vik"));
    assert_null(h.db);
}

static void test_missing_database_for_diff(void **state)
{
    (void)state;
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, tmp_path("none.db"), HISTORY_EXISTING, &e), ERR_IO);
    assert_non_null(strstr(e.msg, "no history database"));
}

/* ---------------------------------------------------------------- one transaction */

static void test_failed_run_leaves_no_trace(void **state)
{
    (void)state;
    const char *path = db_path("fail.db");
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    static const char *const addrs[] = {"5664AB 12", "5664AB 14"};
    static const double e1[] = {4, 4}, e4[] = {2, 0};
    struct night n;
    night_init(&n, 20261101, addrs, e1, e4, 2);
    /* an input without a source name breaks a NOT NULL constraint after the run row,
     * the config and nothing else were inserted */
    struct history_input in = {NULL, "x.csv", 1, "ab", 1, 1, 0};
    struct history_run_rec rec = {.started = "s",
                                  .finished = "f",
                                  .config_hash = "hash",
                                  .config_text = "[run]\n",
                                  .reference_date = 20261101,
                                  .inputs = &in,
                                  .n_inputs = 1,
                                  .score = &n.r,
                                  .lists = &n.all,
                                  .score_opts = &n.opts,
                                  .top_n = 50,
                                  .retention_days = 365};
    int64_t id = 0;
    struct history_purged purged;
    assert_int_equal(history_record_run(&h, &rec, &id, &purged, &e), ERR_IO);
    assert_non_null(strstr(e.msg, "NOT NULL"));
    cfg_release(&n.cfg);
    history_close(&h);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM runs"), 0);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM configs"), 0);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM list_entries"), 0);

    /* the same run with a valid input is stored whole: entries and contributions */
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    night_init(&n, 20261101, addrs, e1, e4, 2);
    assert_int_equal(store(&h, &n, NULL, &e), 0);
    history_close(&h);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM runs"), 1);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM list_entries"), 2);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM contributions"), 3);
    /* and its linkage report, for the sources read */
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM linkage"), 2);
    assert_int_equal(query_int(path, "SELECT rows FROM linkage WHERE class = 'NOT_IN_KADASTER'"),
                     1);
    assert_int_equal(
        query_int(path, "SELECT unlinked FROM linkage_neighbourhoods WHERE neighbourhood = 'BU01'"),
        1);
}

static void test_retention_deletes_old_runs(void **state)
{
    (void)state;
    const char *path = db_path("retention.db");
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    static const char *const addrs[] = {"5664AB 12"};
    static const double e1[] = {4}, e4[] = {0};
    struct night n;
    night_init(&n, 20250101, addrs, e1, e4, 1);
    assert_int_equal(store(&h, &n, NULL, &e), 0);
    add_outcome(&h, "5664AB 12", OUTCOME_BEKEND, 20250102);
    night_init(&n, 20261101, addrs, e1, e4, 1); /* 365 days later and more */
    assert_int_equal(store(&h, &n, NULL, &e), 0);
    history_close(&h);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM runs"), 1);
    assert_int_equal(query_int(path, "SELECT reference_date FROM runs"), 20261101);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM list_entries"), 1);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM outcomes"), 0);
    /* the old run's linkage report went with it */
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM linkage"), 2);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM linkage_neighbourhoods"), 1);
}

/* ---------------------------------------------------------------- suppression */

/* Tonight's lists as published: the facts history loads, the rule score_filter applies. */
static int publish(struct history *h, struct night *n, const struct history_suppress_opts *o,
                   struct score_lists *out, struct err *e)
{
    struct suppress_set facts;
    memset(out, 0, sizeof *out);
    int rc = history_suppress_load(h, o, &n->r, &facts, e);
    if (rc == 0 && score_filter(&n->r, &facts, out) != 0)
        rc = ERR_NOMEM;
    suppress_set_release(&facts);
    return rc;
}

static int suppress(struct history *h, struct night *n, int32_t ref, struct score_lists *s)
{
    struct history_suppress_opts o = {ref, 90, 1.0};
    struct err e;
    err_clear(&e);
    return publish(h, n, &o, s, &e);
}

static void test_suppression_and_realert(void **state)
{
    (void)state;
    const char *path = db_path("suppress.db");
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    static const char *const addrs[] = {"5664AB 12", "5664AB 14"};
    static const double e1[] = {4, 4}, e4[] = {1, 0};
    struct night n;
    night_init(&n, 20261101, addrs, e1, e4, 2); /* 12 scores 5 on the first night */
    assert_int_equal(store(&h, &n, NULL, &e), 0);
    add_outcome(&h, "5664AB 12", OUTCOME_GEEN_BEVINDING, 20261102);

    /* same score the next week: suppressed, 14 stays */
    struct score_lists s;
    night_init(&n, 20261108, addrs, e1, e4, 2);
    assert_int_equal(suppress(&h, &n, 20261108, &s), 0);
    assert_int_equal(s.suppressed[THEME_HENNEP], 1);
    assert_int_equal(s.n[THEME_HENNEP], 1);
    assert_string_equal(s.list[THEME_HENNEP][0].key.postcode, "5664AB");
    assert_int_equal(s.list[THEME_HENNEP][0].key.number, 14);
    assert_int_equal(s.realerted[THEME_HENNEP][0], 0);
    score_lists_release(&s);
    cfg_release(&n.cfg);

    /* a score of 6 is not more than 1.0 above 5: still suppressed */
    static const double e4_six[] = {2, 0}, e4_strong[] = {2.5, 0};
    night_init(&n, 20261108, addrs, e1, e4_six, 2);
    assert_int_equal(suppress(&h, &n, 20261108, &s), 0);
    assert_int_equal(s.suppressed[THEME_HENNEP], 1);
    score_lists_release(&s);
    cfg_release(&n.cfg);

    /* 6.5 is: listed again, marked re-alerted */
    night_init(&n, 20261108, addrs, e1, e4_strong, 2);
    assert_int_equal(suppress(&h, &n, 20261108, &s), 0);
    assert_int_equal(s.suppressed[THEME_HENNEP], 0);
    assert_int_equal(s.n[THEME_HENNEP], 2);
    assert_int_equal(s.realerted[THEME_HENNEP][0], 1);
    assert_int_equal(s.realerted[THEME_HENNEP][1], 0);
    /* and the report sees it */
    struct history_view v;
    struct history_view_opts vo = {20261108, 50, &s};
    assert_int_equal(history_view_load(&h, &vo, &v, &e), 0);
    assert_int_equal(v.entries[THEME_HENNEP][0].realerted, 1);
    assert_int_equal(v.entries[THEME_HENNEP][0].outcome, OUTCOME_GEEN_BEVINDING);
    assert_int_equal(v.entries[THEME_HENNEP][0].outcome_date, 20261102);
    history_view_release(&v);
    score_lists_release(&s);
    cfg_release(&n.cfg);

    /* 91 days after the outcome the same score is listed again, not as a re-alert */
    night_init(&n, 20270201, addrs, e1, e4, 2);
    assert_int_equal(suppress(&h, &n, 20270201, &s), 0);
    assert_int_equal(s.suppressed[THEME_HENNEP], 0);
    assert_int_equal(s.n[THEME_HENNEP], 2);
    assert_int_equal(s.realerted[THEME_HENNEP][0], 0);
    score_lists_release(&s);
    cfg_release(&n.cfg);
    history_close(&h);
}

/* ---------------------------------------------------------------- vik forget */

static void open_keyed_db(struct history *h, const char *path, const uint8_t *k)
{
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(h, path, HISTORY_EXISTING, &e), 0);
    assert_int_equal(audit_set_key(h, k, &e), 0);
}

/* Does the file at path hold the bytes of text anywhere? */
static int file_holds(const char *path, const char *text)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t k = strlen(text), n = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            buf = realloc(buf, cap *= 2);
            assert_non_null(buf);
        }
    }
    fclose(f);
    int found = 0;
    for (size_t i = 0; !found && i + k <= n; i++)
        found = memcmp(buf + i, text, k) == 0;
    free(buf);
    return found;
}

static void forget_12(struct history *h, struct history_forgotten *n)
{
    struct addr_key k;
    key("5664AB 12", &k);
    struct history_forget_req req = {&k, "bezwaar 2026-17 gegrond", 20261102, "0123456789abcdef"};
    struct err e;
    err_clear(&e);
    assert_int_equal(history_forget(h, &req, n, &e), 0);
}

static void test_forget_then_only_new_evidence(void **state)
{
    (void)state;
    const char *path = db_path("forget.db");
    static const uint8_t install_key[AUDIT_KEY_BYTES] = {42};
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    assert_int_equal(audit_set_key(&h, install_key, &e), 0);
    /* 12 (score 5) and its neighbour 12-A and 14 on two nights; an outcome at 12 and at
     * 14; an explain of 12 in the trail */
    static const char *const addrs[] = {"5664AB 12", "5664AB 12A", "5664AB 14"};
    static const double e1[] = {4, 4, 4}, e4[] = {1, 1, 0};
    struct night n;
    static const int32_t nights[] = {20261031, 20261101};
    for (size_t i = 0; i < 2; i++) {
        night_init(&n, nights[i], addrs, e1, e4, 3);
        assert_int_equal(store(&h, &n, NULL, &e), 0);
    }
    add_outcome(&h, "5664AB 12", OUTCOME_BEKEND, 20261101);
    add_outcome(&h, "5664AB 14", OUTCOME_BEKEND, 20261101);
    struct addr_key k12;
    key("5664AB 12", &k12);
    struct audit_rec explain = {.command = "explain", .address = &k12, .address_kept = 1};
    assert_int_equal(audit_append(&h, &explain, &e), 0);

    int64_t last_forget = -1; /* what a night compares before and at its commit */
    assert_int_equal(history_last_forget(&h, &last_forget, &e), 0);
    assert_int_equal(last_forget, 0);
    struct history_forgotten gone;
    forget_12(&h, &gone);
    assert_int_equal(history_last_forget(&h, &last_forget, &e), 0);
    assert_int_equal(last_forget, 2); /* the explain above was record 1 */
    assert_int_equal(gone.entries, 2);
    assert_int_equal(gone.contributions, 4); /* E1 and E4 on each night */
    assert_int_equal(gone.outcomes, 1);
    assert_int_equal(gone.addresses, 1);
    assert_int_equal(gone.themes, 1);
    history_close(&h);

    /* gone from every table and from the file; the neighbours stay */
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM list_entries WHERE address = "
                                     "'5664AB|12||'"),
                     0);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM list_entries"), 4);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM contributions"), 6);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM outcomes"), 1);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM audit_addresses"), 0);
    assert_false(file_holds(path, "5664AB|12||"));
    assert_true(file_holds(path, "5664AB|12|A|"));
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_false(file_holds(wal, "5664AB|12||"));
    /* the act is in the trail (pseudonym, reason, counts), and the trail verifies */
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM audit WHERE command = 'forget' AND "
                                     "args = 'reason=bezwaar 2026-17 gegrond' AND result LIKE "
                                     "'removed list_entries=2 contributions=4 outcomes=1 %'"),
                     1);

    /* the same score on a later night stays off the list - also with suppress_days 0 */
    open_keyed_db(&h, path, install_key);
    struct score_lists s;
    night_init(&n, 20261108, addrs, e1, e4, 3);
    struct history_suppress_opts no_outcomes = {20261108, 0, 1.0};
    assert_int_equal(publish(&h, &n, &no_outcomes, &s, &e), 0);
    assert_int_equal(s.suppressed[THEME_HENNEP], 1);
    assert_int_equal(s.forgotten[THEME_HENNEP], 1);
    assert_int_equal(s.list[THEME_HENNEP][0].key.letter, 'A');
    score_lists_release(&s);
    cfg_release(&n.cfg);
    /* new evidence: 6.5 is more than 1.0 above 5, listed again and marked re-alerted */
    static const double strong[] = {2.5, 1, 0};
    night_init(&n, 20261108, addrs, e1, strong, 3);
    assert_int_equal(publish(&h, &n, &no_outcomes, &s, &e), 0);
    assert_int_equal(s.suppressed[THEME_HENNEP], 0);
    assert_int_equal(s.list[THEME_HENNEP][0].key.letter, '\0');
    assert_int_equal(s.realerted[THEME_HENNEP][0], 1);
    score_lists_release(&s);
    cfg_release(&n.cfg);
    history_close(&h);
    /* without the key the markers cannot be read: the night fails rather than relist */
    assert_int_equal(history_open(&h, path, HISTORY_EXISTING, &e), 0);
    night_init(&n, 20261108, addrs, e1, e4, 3);
    assert_int_equal(publish(&h, &n, &no_outcomes, &s, &e), ERR_IO);
    score_lists_release(&s);
    cfg_release(&n.cfg);
    history_close(&h);
}

/* ---------------------------------------------------------------- view and diff */

static char *diff_text(struct history *h, int64_t run)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    struct err e;
    err_clear(&e);
    assert_int_equal(history_diff(h, run, f, &e), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_diff_and_view_on_two_runs(void **state)
{
    (void)state;
    const char *path = db_path("diff.db");
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    static const char *const first[] = {"5664AB 12", "5664AB 14"};
    static const double e1a[] = {4, 4}, e4a[] = {1, 0};
    struct night n;
    night_init(&n, 20261101, first, e1a, e4a, 2);
    assert_int_equal(store(&h, &n, NULL, &e), 0);

    /* night 2: 12 dropped, 14 gains the flat profile, 16-A is new */
    static const char *const second[] = {"5664AB 14", "5664AB 16A"};
    static const double e1b[] = {4, 4}, e4b[] = {1.5, 0};
    night_init(&n, 20261102, second, e1b, e4b, 2);
    struct history_view v;
    struct history_view_opts vo = {20261102, 50, &n.all};
    assert_int_equal(history_view_load(&h, &vo, &v, &e), 0);
    assert_int_equal(v.available, 1);
    assert_int_equal(v.previous_run, 1);
    assert_int_equal(v.run_id, 2);
    assert_int_equal(v.n_entries[THEME_HENNEP], 2);
    assert_int_equal(v.entries[THEME_HENNEP][0].runs_listed, 1); /* 14 */
    assert_int_equal(v.entries[THEME_HENNEP][1].runs_listed, 0); /* 16A: new */
    assert_int_equal(v.dropped[THEME_HENNEP], 1);
    assert_int_equal(v.n_runs, 1);
    assert_int_equal(v.runs[0].list_size[THEME_HENNEP], 2);
    history_view_release(&v);
    assert_int_equal(store(&h, &n, NULL, &e), 0);

    char *text = diff_text(&h, 0);
    assert_non_null(strstr(text, "run 2 (reference date 2026-11-02) against run 1"));
    assert_non_null(strstr(text, "theme hennep: 1 new, 1 still listed, 1 dropped"));
    assert_non_null(strstr(text, "still    5664AB 14 "));
    assert_non_null(strstr(text, "listed 2 runs; E4 energy_flat_profile appeared +1.50"));
    assert_non_null(strstr(text, "new      5664AB 16A "));
    assert_non_null(strstr(text, "dropped  5664AB 12 "));
    assert_non_null(strstr(text, "theme witwassen: 0 new, 0 still listed, 0 dropped"));
    free(text);
    text = diff_text(&h, 1);
    assert_non_null(strstr(text, "the first run in the history database"));
    free(text);

    /* measured precision: 14 was listed with E1 and E4 and is confirmed */
    add_outcome(&h, "5664AB 14", OUTCOME_BEVESTIGD, 20261103);
    add_outcome(&h, "5664AB 12", OUTCOME_GEEN_BEVINDING, 20261103);
    /* seen from night 2 (2026-11-02) the outcomes lie in the future: neither the
     * status column nor the measured precision counts them */
    assert_int_equal(history_view_load(&h, &vo, &v, &e), 0);
    assert_int_equal(v.precision[IND_ENERGY_HIGH][THEME_HENNEP].with_outcome, 0);
    assert_int_equal(v.entries[THEME_HENNEP][0].outcome, OUTCOME_NONE);
    history_view_release(&v);
    /* seen from 2026-11-03 both do */
    struct history_view_opts later = {20261103, 50, &n.all};
    assert_int_equal(history_view_load(&h, &later, &v, &e), 0);
    assert_int_equal(v.precision[IND_ENERGY_HIGH][THEME_HENNEP].with_outcome, 2);
    assert_int_equal(v.precision[IND_ENERGY_HIGH][THEME_HENNEP].confirmed, 1);
    assert_int_equal(v.precision[IND_ENERGY_FLAT_PROFILE][THEME_HENNEP].with_outcome, 2);
    assert_int_equal(v.precision[IND_ENERGY_FLAT_PROFILE][THEME_HENNEP].confirmed, 1);
    assert_int_equal(v.entries[THEME_HENNEP][0].outcome, OUTCOME_BEVESTIGD);
    history_view_release(&v);
    history_close(&h);
}

/* ---------------------------------------------------------------- outcome import */

static const char *write_file(const char *name, const char *text)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void test_outcome_import(void **state)
{
    (void)state;
    const char *path = db_path("import.db");
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_CREATE, &e), 0);
    const char *bad = write_file(
        "bad.csv", "postcode;house_number;house_letter;house_suffix;theme;status;date;note\n"
                   "5664AB;12;A;;hennep;bekend;2026-11-01;zaak 118\n"
                   "5664 SA;12;;;hennep;bekend;2026-11-01;\n"
                   "5664AB;12;;;hennepp;bekend;2026-11-01;\n"
                   "5664AB;12;;;hennep;afgehandeld;2026-11-01;\n"
                   "5664AB;12;;;hennep;bekend;01-11-2026;\n"
                   "5664AB;12;;;hennep\n");
    char *problems = NULL;
    size_t len = 0;
    FILE *p = open_memstream(&problems, &len);
    size_t n = 99;
    assert_int_equal(history_import_outcomes(&h, bad, p, &n, &e), ERR_INPUT);
    assert_int_equal(fclose(p), 0);
    assert_int_equal(n, 0);
    assert_non_null(strstr(e.msg, "5 bad lines, nothing imported"));
    assert_non_null(strstr(problems, "bad.csv:3: postcode"));
    assert_non_null(strstr(problems, "bad.csv:4: unknown theme"));
    assert_non_null(strstr(problems, "bad.csv:5: unknown status"));
    assert_non_null(strstr(problems, "bad.csv:6: date is not YYYY-MM-DD"));
    assert_non_null(strstr(problems, "bad.csv:7: expected postcode;"));
    assert_null(strstr(problems, "bad.csv:2:"));
    free(problems);

    char long_note[300];
    memset(long_note, 'x', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    char text[600];
    snprintf(text, sizeof text, "5664AB;12;;;hennep;bekend;2026-11-01;%s\n", long_note);
    p = open_memstream(&problems, &len);
    assert_int_equal(history_import_outcomes(&h, write_file("long.csv", text), p, &n, &e),
                     ERR_INPUT);
    assert_int_equal(fclose(p), 0);
    assert_non_null(strstr(problems, "long.csv:1: note is longer than 200 bytes"));
    free(problems);

    const char *good = write_file("good.csv", "5664AB;12;A;;hennep;bekend;2026-11-01;zaak 118\n"
                                              "5664ab;14;;;witwassen;bevestigd;2026-11-02;a;b\n");
    assert_int_equal(history_import_outcomes(&h, good, NULL, &n, &e), 0);
    assert_int_equal(n, 2);
    history_close(&h);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM outcomes"), 2);
    assert_int_equal(query_int(path, "SELECT COUNT(*) FROM outcomes WHERE address = "
                                     "'5664AB|14||' AND note = 'a;b' AND date = 20261102"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migration_from_v1_keeps_data),
        cmocka_unit_test(test_newer_database_refused),
        cmocka_unit_test(test_missing_database_for_diff),
        cmocka_unit_test(test_failed_run_leaves_no_trace),
        cmocka_unit_test(test_retention_deletes_old_runs),
        cmocka_unit_test(test_suppression_and_realert),
        cmocka_unit_test(test_forget_then_only_new_evidence),
        cmocka_unit_test(test_diff_and_view_on_two_runs),
        cmocka_unit_test(test_outcome_import),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
