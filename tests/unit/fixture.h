/*
 * fixture.h - temporary files for the unit tests that need real files.
 *
 * Why: the config, CSV reader and ingest tests all write fixtures into one
 * temporary folder per test group and must remove every one of them afterwards;
 * this is that folder, shared instead of copied. Include it after <cmocka.h> in
 * exactly one test file (it holds the group's state as file-scope statics).
 */
#ifndef VIK_TESTS_FIXTURE_H
#define VIK_TESTS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FIXTURE_MAX_FILES = 256, FIXTURE_MAX_DIRS = 8 };

static char tmp_dir[256];
static char *tmp_files[FIXTURE_MAX_FILES];
static size_t n_tmp_files;
static char *tmp_dirs[FIXTURE_MAX_DIRS];
static size_t n_tmp_dirs;

/* Create $TMPDIR/vik-test-TAG-XXXXXX; 0 or -1 (for a cmocka group setup). */
static inline int fixture_setup(const char *tag)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/vik-test-%s-XXXXXX", base && *base ? base : "/tmp", tag);
    return mkdtemp(tmp_dir) ? 0 : -1;
}

/* Remove every remembered file and folder, then the temporary folder itself. */
static inline void fixture_teardown(void)
{
    for (size_t i = 0; i < n_tmp_files; i++) {
        unlink(tmp_files[i]);
        free(tmp_files[i]);
    }
    n_tmp_files = 0;
    for (size_t i = n_tmp_dirs; i-- > 0;) { /* deepest first */
        if (tmp_dirs[i])
            rmdir(tmp_dirs[i]);
        free(tmp_dirs[i]);
    }
    n_tmp_dirs = 0;
    rmdir(tmp_dir);
}

/*
 * The cmocka group setup and teardown of a test file whose only group state is the
 * temporary folder: FIXTURE_GROUP("csv") defines group_setup and group_teardown.
 */
#define FIXTURE_GROUP(tag)                                                                         \
    static int group_setup(void **state)                                                           \
    {                                                                                              \
        (void)state;                                                                               \
        return fixture_setup(tag);                                                                 \
    }                                                                                              \
    static int group_teardown(void **state)                                                        \
    {                                                                                              \
        (void)state;                                                                               \
        fixture_teardown();                                                                        \
        return 0;                                                                                  \
    }

static inline char *fixture_strdup(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    assert_non_null(p);
    memcpy(p, s, strlen(s) + 1);
    return p;
}

/* Full path of name in the temporary folder, remembered for cleanup. */
static inline const char *tmp_path(const char *name)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", tmp_dir, name);
    for (size_t i = 0; i < n_tmp_files; i++)
        if (strcmp(tmp_files[i], buf) == 0)
            return tmp_files[i];
    assert_true(n_tmp_files < FIXTURE_MAX_FILES);
    tmp_files[n_tmp_files] = fixture_strdup(buf);
    return tmp_files[n_tmp_files++];
}

/* A sub-folder of the temporary folder (created once, removed at teardown). */
static inline const char *tmp_subdir(const char *name)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", tmp_dir, name);
    for (size_t i = 0; i < n_tmp_dirs; i++)
        if (strcmp(tmp_dirs[i], buf) == 0)
            return tmp_dirs[i];
    assert_true(n_tmp_dirs < FIXTURE_MAX_DIRS);
    assert_int_equal(mkdir(buf, 0700), 0);
    tmp_dirs[n_tmp_dirs] = fixture_strdup(buf);
    return tmp_dirs[n_tmp_dirs++];
}

#endif
