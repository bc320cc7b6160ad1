/*
 * test_hugemem.c - the huge-page advice on the join's large tables.
 *
 * Why: the advice is a speed-up that must never cost memory or correctness. The
 * first version advised only the 2 MiB-aligned interior of a block; that split its
 * mapping in three, realloc could no longer grow it in place, and copying the whole
 * capacity made the national run's peak 1.2 GiB larger. Pinned, where the kernel
 * offers transparent huge pages: an advised block, all its usable bytes (a size just
 * under a page multiple leaves a last page beyond p + n), stays one mapping that
 * carries the advice (VmFlags "hg" in /proc/self/smaps), also after realloc grows
 * it, with its contents intact; blocks under HUGEMEM_MIN (which may share the heap
 * with other allocations) and NULL are left alone.
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
#include <malloc.h>

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

/* [p, p + usable size): one advised mapping, not split. */
static void assert_advised_whole(const void *p)
{
    struct mapping m = mapping_of(p, malloc_usable_size((void *)p));
    assert_true(m.found);
    assert_true(m.advised);
    assert_false(m.straddles);
}

static void test_large_block_is_advised_whole(void **state)
{
    (void)state;
    if (!kernel_has_thp())
        skip();
    size_t n = (size_t)HUGEMEM_MIN + (8u << 20) - 16; /* just under a page multiple */
    unsigned char *p = malloc(n);
    assert_non_null(p);
    mem_prefer_huge(p, n);
    memset(p, 0xA5, n);
    assert_advised_whole(p);

    unsigned char *q = realloc(p, 2 * n); /* grows as one mapping, contents kept */
    assert_non_null(q);
    mem_prefer_huge(q, 2 * n);
    for (size_t i = 0; i < n; i += 4096)
        assert_int_equal(q[i], 0xA5);
    assert_advised_whole(q);
    free(q);
}

static void test_small_block_and_null_left_alone(void **state)
{
    (void)state;
    mem_prefer_huge(NULL, 64u << 20);
    static const size_t SIZES[] = {64u << 10, 8u << 20}; /* the heap's, or a mapping's */
    for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++) {
        size_t n = SIZES[k];
        unsigned char *p = malloc(n);
        assert_non_null(p);
        memset(p, 1, n);
        mem_prefer_huge(p, n); /* under HUGEMEM_MIN: no advice, no split */
        struct mapping m = mapping_of(p, n);
        assert_true(m.found);
        assert_false(m.straddles);
        assert_false(m.advised);
        for (size_t i = 0; i < n; i += 512)
            assert_int_equal(p[i], 1);
        free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_block_is_advised_whole),
        cmocka_unit_test(test_small_block_and_null_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
