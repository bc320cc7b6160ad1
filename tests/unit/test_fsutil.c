/*
 * test_fsutil.c - the output batch: files of one night become visible together or
 * not at all (common/fsutil.c).
 *
 * Why: a failed night must leave the previous night's lists whole, never a mix of
 * old and new files, and the files hold personal data. Pinned: temporaries are mode
 * 0600; a member that cannot be put in place (its path is a folder) puts back every
 * member already replaced and removes every temporary; undo after a successful
 * publish restores the previous files and removes files that did not exist before;
 * settle keeps the new files and drops the kept previous ones. And the CSV field
 * writer: a street from an export that starts like a formula stays text in Excel.
 * And fs_mkdirs: every folder it creates is 0700 whatever the umask, a folder that
 * exists keeps its mode (issue 11).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/csvout.h"
#include "common/fsutil.h"
#include "fixture.h"

#include <sys/stat.h>

FIXTURE_GROUP("fsutil")

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void assert_content(const char *path, const char *want)
{
    char buf[64] = {0};
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, want);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Open a member of b at name with text; the paths are remembered for cleanup. */
static void member(struct fs_batch *b, const char *name, const char *text)
{
    char buf[64];
    const char *path = tmp_path(name);
    snprintf(buf, sizeof buf, "%s.tmp", name);
    tmp_path(buf);
    snprintf(buf, sizeof buf, "%s.prev", name);
    tmp_path(buf);
    struct err e;
    err_clear(&e);
    struct fs_out *o = fs_batch_open(b, path, &e);
    assert_non_null(o);
    fputs(text, o->f);
}

static void test_temporaries_are_private(void **state)
{
    (void)state;
    struct fs_batch b;
    fs_batch_init(&b);
    member(&b, "private.csv", "x\n");
    struct stat st;
    assert_int_equal(stat(tmp_path("private.csv.tmp"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    struct err e;
    err_clear(&e);
    assert_int_equal(fs_batch_commit(&b, &e), 0);
    assert_int_equal(stat(tmp_path("private.csv"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
}

/* The third member cannot be put in place: the first two go back to yesterday's. */
static void test_publish_failure_restores(void **state)
{
    (void)state;
    put(tmp_path("a.csv"), "old a");
    put(tmp_path("b.csv"), "old b");
    const char *dir = tmp_subdir("c.csv"); /* a folder where a file should go */
    tmp_subdir("c.csv/blocker");
    struct fs_batch b;
    fs_batch_init(&b);
    member(&b, "a.csv", "new a");
    member(&b, "b.csv", "new b");
    member(&b, "new.csv", "new only");
    member(&b, "c.csv", "new c");
    struct err e;
    err_clear(&e);
    assert_int_equal(fs_batch_finish(&b, &e), 0);
    assert_int_equal(fs_batch_publish(&b, &e), ERR_IO);
    assert_non_null(strstr(e.msg, "c.csv"));
    assert_content(tmp_path("a.csv"), "old a");
    assert_content(tmp_path("b.csv"), "old b");
    assert_false(exists(tmp_path("new.csv"))); /* did not exist before the night */
    assert_true(exists(dir));
    static const char *const LEFT[] = {"a.csv.tmp", "a.csv.prev", "b.csv.prev", "c.csv.tmp",
                                       "new.csv.tmp"};
    for (size_t i = 0; i < sizeof LEFT / sizeof LEFT[0]; i++)
        if (exists(tmp_path(LEFT[i])))
            fail_msg("%s left behind", LEFT[i]);
}

/* Published, then the other store failed: undo puts yesterday back. */
static void test_undo_and_settle(void **state)
{
    (void)state;
    put(tmp_path("u.csv"), "old u");
    struct fs_batch b;
    fs_batch_init(&b);
    member(&b, "u.csv", "new u");
    member(&b, "fresh.csv", "fresh");
    struct err e;
    err_clear(&e);
    assert_int_equal(fs_batch_finish(&b, &e), 0);
    assert_int_equal(fs_batch_publish(&b, &e), 0);
    assert_content(tmp_path("u.csv"), "new u");
    assert_content(tmp_path("u.csv.prev"), "old u");
    fs_batch_undo(&b);
    assert_content(tmp_path("u.csv"), "old u");
    assert_false(exists(tmp_path("u.csv.prev")));
    assert_false(exists(tmp_path("fresh.csv")));

    fs_batch_init(&b);
    member(&b, "u.csv", "newer u");
    assert_int_equal(fs_batch_finish(&b, &e), 0);
    assert_int_equal(fs_batch_publish(&b, &e), 0);
    fs_batch_settle(&b);
    assert_content(tmp_path("u.csv"), "newer u");
    assert_false(exists(tmp_path("u.csv.prev")));
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static void test_mkdirs_private(void **state)
{
    (void)state;
    char a[600], b[600], c[600], d[600];
    snprintf(a, sizeof a, "%s/out", tmp_dir);
    snprintf(b, sizeof b, "%s/out/db", tmp_dir);
    snprintf(c, sizeof c, "%s/out/db/keys", tmp_dir);
    mode_t old = umask(0); /* the mode must come from vik, not from the caller's umask */
    int rc = fs_mkdirs(c);
    umask(old);
    assert_int_equal(rc, 0);
    assert_int_equal(mode_of(a), 0700);
    assert_int_equal(mode_of(b), 0700);
    assert_int_equal(mode_of(c), 0700);
    assert_int_equal(chmod(a, 0755), 0); /* made by someone else: left as it is */
    snprintf(d, sizeof d, "%s/out/lists", tmp_dir);
    assert_int_equal(fs_mkdirs(d), 0);
    assert_int_equal(mode_of(a), 0755);
    assert_int_equal(mode_of(d), 0700);
    assert_int_equal(fs_mkdirs(d), 0); /* exists: fine */
    rmdir(d);
    rmdir(c);
    rmdir(b);
    rmdir(a);
}

static void test_csv_formula_stays_text(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"Kerkstraat", "Kerkstraat;"},
        {"=HYPERLINK(\"http://x\",\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\";"},
        {"+31 6", "\"'+31 6\";"},
        {"-2", "\"'-2\";"},
        {"@SUM(A1)", "\"'@SUM(A1)\";"},
        {"a;b", "\"a;b\";"},
        {"", ";"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);
        assert_non_null(f);
        csvout_field(f, rows[i].in, ';');
        fclose(f);
        assert_string_equal(buf, rows[i].out);
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_temporaries_are_private),
        cmocka_unit_test(test_publish_failure_restores),
        cmocka_unit_test(test_undo_and_settle),
        cmocka_unit_test(test_csv_formula_stays_text),
        cmocka_unit_test(test_mkdirs_private),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
