/*
 * test_hugemem.c - the huge-page advice on the join's large tables.
 *
 * Why: the advice is a speed-up that must never cost memory or correctness. The
 * first version advised only the 2 MiB-aligned interior of a block; that split its
 * mapping in three, realloc could no longer grow it in place, and copying the whole
 * capacity made the national run's peak 1.2 GiB larger. Pinned, where the kernel
 * offers transparent huge pages: an advised block stays one mapping that carries
 * the advice (VmFlags "hg" in /proc/self/smaps), also after realloc grows it, with
 * its contents intact; small blocks and NULL are left alone.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/hugemem.h"

struct mapping {
    int found;     /* one mapping holds all of [p, p + n) */
    int advised;   /* and its VmFlags carry hg */
    int straddles; /* a mapping boundary lies inside [p, p + n) */
};

/* The mapping of /proc/self/smaps that holds [p, p + n), and its flags. */
static struct mapping mapping_of(const void *p, size_t n)
{
    struct mapping m = {0, 0, 0};
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return m;
    uintptr_t from = (uintptr_t)p, to = from + n;
    char line[512];
    int in = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            in = lo <= from && to <= hi;
            m.found |= in;
            m.straddles |= (lo > from && lo < to) || (hi > from && hi < to);
        } else if (in && strncmp(line, "VmFlags:", 8) == 0) {
            m.advised = strstr(line, " hg") != NULL;
        }
    }
    fclose(f);
    return m;
}

static int kernel_has_thp(void)
{
    return access("/sys/kernel/mm/transparent_hugepage/enabled", R_OK) == 0;
}

static void test_large_block_is_advised_whole(void **state)
{
    (void)state;
    if (!kernel_has_thp())
        skip();
    size_t n = 8u << 20;
    unsigned char *p = malloc(n);
    assert_non_null(p);
    mem_prefer_huge(p, n);
    memset(p, 0xA5, n);
    struct mapping m = mapping_of(p, n);
    assert_true(m.found);
    assert_true(m.advised);
    assert_false(m.straddles);

    unsigned char *q = realloc(p, 2 * n); /* grows as one mapping, contents kept */
    assert_non_null(q);
    mem_prefer_huge(q, 2 * n);
    for (size_t i = 0; i < n; i += 4096)
        assert_int_equal(q[i], 0xA5);
    m = mapping_of(q, 2 * n);
    assert_true(m.found);
    assert_true(m.advised);
    assert_false(m.straddles);
    free(q);
}

static void test_small_block_and_null_left_alone(void **state)
{
    (void)state;
    mem_prefer_huge(NULL, 64u << 20);
    size_t n = 64u << 10;
    unsigned char *p = malloc(n);
    assert_non_null(p);
    memset(p, 1, n);
    mem_prefer_huge(p, n); /* under 4 MiB: no advice, no split of the heap */
    struct mapping m = mapping_of(p, n);
    assert_true(m.found);
    assert_false(m.straddles);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(p[i], 1);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_block_is_advised_whole),
        cmocka_unit_test(test_small_block_and_null_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
