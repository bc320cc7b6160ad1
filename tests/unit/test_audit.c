/*
 * test_audit.c - the audit trail (history/audit.c): the hash chain verifies when
 * untouched and names the record wherever someone without the key changed it;
 * records are never updated and leave only oldest first behind an anchor that
 * keeps the chain checkable; the clear address beside a record must be the one it
 * was written for.
 *
 * Why: issue 11 promises the privacy officer that tampering by someone without the
 * key is evident. Each case here changes the database the way such a person could
 * (plain SQL, triggers dropped) and checks that audit_verify says where.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/fixture.h"

#include "history/audit.h"
#include "transform/address.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

FIXTURE_GROUP("audit")

static const uint8_t KEY[AUDIT_KEY_BYTES] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

static const char *db_path(const char *name)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s-wal", name);
    tmp_path(buf);
    snprintf(buf, sizeof buf, "%s-shm", name);
    tmp_path(buf);
    return tmp_path(name);
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

/* The SQLite result of running sql (to see a trigger refuse it). */
static int try_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

static void key(const char *text, struct addr_key *k)
{
    const char *sp = strchr(text, ' ');
    assert_non_null(sp);
    assert_int_equal(
        addr_normalise(text, (size_t)(sp - text), sp + 1, strlen(sp + 1), "", 0, "", 0, k),
        ADDR_OK);
}

static void open_keyed(struct history *h, const char *path)
{
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(h, path, HISTORY_CREATE, &e), 0);
    assert_int_equal(audit_set_key(h, KEY, &e), 0);
}

/* Records 1..n: explain of 5664AB 12 on odd records, diff on even ones, on day at[i]. */
static void trail(const char *path, int n, const char *const *at)
{
    struct history h;
    open_keyed(&h, path);
    struct addr_key k;
    key("5664AB 12", &k);
    for (int i = 0; i < n; i++) {
        struct audit_rec r = {.command = i % 2 ? "diff" : "explain",
                              .address = i % 2 ? NULL : &k,
                              .address_kept = 1,
                              .run = i % 2 ? 3 : 0,
                              .config_hash = "0123456789abcdef",
                              .result = "",
                              .at = at ? at[i] : NULL};
        struct err e;
        err_clear(&e);
        assert_int_equal(audit_append(&h, &r, &e), 0);
    }
    history_close(&h);
}

/* audit_verify's report: the text in *out (malloc'd), the problems returned. */
static uint64_t verify(const char *path, char **out, struct audit_check *c)
{
    struct history h;
    open_keyed(&h, path);
    size_t len;
    FILE *f = open_memstream(out, &len);
    assert_non_null(f);
    struct err e;
    err_clear(&e);
    assert_int_equal(audit_verify(&h, f, c, &e), 0);
    fclose(f);
    history_close(&h);
    return c->problems;
}

static void expect_break(const char *path, const char *want)
{
    char *text = NULL;
    struct audit_check c;
    uint64_t n = verify(path, &text, &c);
    if (n == 0 || !strstr(text, want))
        fail_msg("want a break '%s', got %llu problem(s):\n%s", want, (unsigned long long)n, text);
    free(text);
}

static void expect_intact(const char *path, uint64_t records, int64_t anchor)
{
    char *text = NULL;
    struct audit_check c;
    if (verify(path, &text, &c) != 0)
        fail_msg("an intact trail broke:\n%s", text);
    assert_int_equal(c.records, records);
    assert_int_equal(c.anchor, anchor);
    free(text);
}

/* ---------------------------------------------------------------- the chain */

/* vik audit prints an address as a person writes it, whatever its number's length
 * (a two-digit number once printed the stored key, 5664AB|12||, and matched no
 * search for '5664AB 12'). */
static void test_print_writes_addresses_as_written(void **state)
{
    (void)state;
    static const struct {
        const char *typed, *shown;
    } cases[] = {{"5664AB 7", "5664AB 7"},
                 {"5664AB 12", "5664AB 12"},
                 {"5664AB 1234", "5664AB 1234"},
                 {"5664AB 77B", "5664AB 77B"},
                 {"5664AB 120-2", "5664AB 120-2"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "print%zu.db", i);
        const char *path = db_path(name);
        struct history h;
        open_keyed(&h, path);
        struct addr_key k;
        key(cases[i].typed, &k);
        struct audit_rec r = {.command = "explain",
                              .address = &k,
                              .address_kept = 1,
                              .config_hash = "0",
                              .result = ""};
        struct err e;
        err_clear(&e);
        assert_int_equal(audit_append(&h, &r, &e), 0);
        char *text = NULL, want[64];
        size_t len;
        uint64_t n = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        struct audit_filter all = {0};
        assert_int_equal(audit_print(&h, &all, f, &n, &e), 0);
        fclose(f);
        history_close(&h);
        snprintf(want, sizeof want, " address='%s' ", cases[i].shown);
        if (n != 1 || !strstr(text, want))
            fail_msg("want%s, got: %s", want, text);
        free(text);
    }
}

static void test_untouched_trail_verifies(void **state)
{
    (void)state;
    const char *path = db_path("intact.db");
    trail(path, 5, NULL);
    expect_intact(path, 5, 0);
}

static void test_altered_field_is_named(void **state)
{
    (void)state;
    static const char *const changes[] = {
        "UPDATE audit SET os_user = 'mallory' WHERE seq = 3",
        "UPDATE audit SET command = 'check' WHERE seq = 3",
        "UPDATE audit SET status = 1 WHERE seq = 3",
        "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 3",
        "UPDATE audit SET subject = (SELECT subject FROM audit WHERE seq = 2) WHERE seq = 3",
        "UPDATE audit SET hash = (SELECT hash FROM audit WHERE seq = 1) WHERE seq = 3",
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "altered%zu.db", i);
        const char *path = db_path(name);
        trail(path, 5, NULL);
        char sql[256];
        snprintf(sql, sizeof sql, "DROP TRIGGER audit_never_updated; %s", changes[i]);
        exec_sql(path, sql);
        expect_break(path, "record #3: its hash does not match");
    }
}

static void test_removed_records_are_named(void **state)
{
    (void)state;
    const char *path = db_path("gap.db");
    trail(path, 5, NULL);
    exec_sql(path, "DROP TRIGGER audit_removed_oldest_first; DELETE FROM audit WHERE seq = 3");
    expect_break(path, "records #3 to #3 are missing");
    /* the oldest records, without an anchor: as missing as any other */
    path = db_path("head.db");
    trail(path, 5, NULL);
    exec_sql(path, "DROP TRIGGER audit_removed_oldest_first; DELETE FROM audit WHERE seq <= 2");
    expect_break(path, "records #1 to #2 are missing");
}

static void test_triggers_refuse_changes(void **state)
{
    (void)state;
    const char *path = db_path("triggers.db");
    trail(path, 3, NULL);
    assert_int_not_equal(try_sql(path, "UPDATE audit SET os_user = 'x' WHERE seq = 2"), SQLITE_OK);
    assert_int_not_equal(try_sql(path, "DELETE FROM audit WHERE seq = 1"), SQLITE_OK);
    expect_intact(path, 3, 0);
}

static void test_address_beside_record_checked(void **state)
{
    (void)state;
    const char *path = db_path("address.db");
    trail(path, 3, NULL);
    exec_sql(path, "UPDATE audit_addresses SET address = '5664AB|14||' WHERE seq = 3");
    expect_break(path, "record #3: the address shown with it is not the one it names");
}

/* ---------------------------------------------------------------- retention */

static const char *const DAYS[] = {"2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z",
                                   "2025-06-01T00:00:00Z", "2025-03-01T00:00:00Z",
                                   "2026-01-01T00:00:00Z"};

/* vik purge with retention_days 30 on reference date ref: audit records removed, or
 * -1 when the purge failed. */
static int64_t purge(const char *path, int32_t ref, const uint8_t *k)
{
    struct history h;
    struct err e;
    err_clear(&e);
    assert_int_equal(history_open(&h, path, HISTORY_EXISTING, &e), 0);
    if (k)
        assert_int_equal(audit_set_key(&h, k, &e), 0);
    struct history_purged purged;
    int rc = history_purge(&h, ref, 30, &purged, &e);
    history_close(&h);
    return rc ? -1 : (int64_t)purged.audit;
}

/* Only a prefix leaves: record 4 (March) is older than the cutoff but comes after
 * record 3 (June), which stays - and so does everything after it. */
static void test_retention_removes_a_prefix(void **state)
{
    (void)state;
    const char *path = db_path("retain.db");
    trail(path, 5, DAYS);
    assert_int_equal(purge(path, 20250501, KEY), 2); /* cutoff 2025-04-01 */
    expect_intact(path, 3, 2);
    /* appending after retention chains onto the last record, as before */
    trail(path, 1, NULL);
    expect_intact(path, 4, 2);
    /* everything older than 2026: all but the last two go; the anchor moves on */
    assert_int_equal(purge(path, 20251231, KEY), 2); /* cutoff 2025-12-01 */
    expect_intact(path, 2, 4);
}

static void test_retention_needs_the_key(void **state)
{
    (void)state;
    const char *path = db_path("nokey.db");
    trail(path, 5, DAYS);
    assert_int_equal(purge(path, 20250501, NULL), -1);
    expect_intact(path, 5, 0);
}

/* Without the key, removing more than retention did cannot be made to verify: the
 * anchor's MAC does not match a moved anchor. */
static void test_forged_anchor_is_named(void **state)
{
    (void)state;
    const char *path = db_path("anchor.db");
    trail(path, 5, DAYS);
    assert_int_equal(purge(path, 20250303, KEY), 1); /* cutoff 2025-02-01 */
    exec_sql(path, "UPDATE audit_anchor SET last_removed = 2, "
                   "hash = (SELECT hash FROM audit WHERE seq = 2); "
                   "DELETE FROM audit WHERE seq = 2");
    expect_break(path, "the anchor (last record removed by retention: #2) was changed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_print_writes_addresses_as_written),
        cmocka_unit_test(test_untouched_trail_verifies),
        cmocka_unit_test(test_altered_field_is_named),
        cmocka_unit_test(test_removed_records_are_named),
        cmocka_unit_test(test_triggers_refuse_changes),
        cmocka_unit_test(test_address_beside_record_checked),
        cmocka_unit_test(test_retention_removes_a_prefix),
        cmocka_unit_test(test_retention_needs_the_key),
        cmocka_unit_test(test_forged_anchor_is_named),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
