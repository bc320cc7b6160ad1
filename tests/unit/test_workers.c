/*
 * test_workers.c - numbered jobs on a few threads (common/workers.h).
 *
 * Why: scoring's indicator jobs rely on two promises: every job runs exactly once
 * whatever the number of threads, and one thread means the caller runs them in
 * order (the path a debugger sees). Each job here writes only its own slot, as the
 * indicator jobs do.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/workers.h"

#include <string.h>

enum { JOBS = 1000 };

struct record {
    int runs[JOBS];
    int order[JOBS]; /* one thread only: the order the jobs ran in */
    int n;
};

static void job(void *ctx, int i)
{
    struct record *r = ctx;
    r->runs[i]++;
}

static void ordered_job(void *ctx, int i)
{
    struct record *r = ctx;
    r->runs[i]++;
    r->order[r->n++] = i;
}

static void test_every_job_once(void **state)
{
    (void)state;
    static const int threads[] = {1, 2, 3, 8, 64, 100};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        static struct record r;
        memset(&r, 0, sizeof r);
        int used = workers_run(threads[t], JOBS, job, &r);
        assert_true(used >= 1 && used <= threads[t] && used <= 64);
        for (int i = 0; i < JOBS; i++)
            assert_int_equal(r.runs[i], 1);
    }
}

static void test_one_thread_runs_in_order(void **state)
{
    (void)state;
    static struct record r;
    memset(&r, 0, sizeof r);
    assert_int_equal(workers_run(1, JOBS, ordered_job, &r), 1);
    assert_int_equal(r.n, JOBS);
    for (int i = 0; i < JOBS; i++)
        assert_int_equal(r.order[i], i);
}

static void test_more_threads_than_jobs(void **state)
{
    (void)state;
    static struct record r;
    memset(&r, 0, sizeof r);
    assert_true(workers_run(16, 3, job, &r) <= 3);
    assert_int_equal(r.runs[0] + r.runs[1] + r.runs[2], 3);
    assert_int_equal(workers_run(4, 0, job, &r), 1); /* no jobs: nothing runs */
    assert_int_equal(r.runs[0] + r.runs[1] + r.runs[2], 3);
    assert_true(workers_available() >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_job_once),
        cmocka_unit_test(test_one_thread_runs_in_order),
        cmocka_unit_test(test_more_threads_than_jobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
