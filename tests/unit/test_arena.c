/*
 * test_arena.c - the run's bump allocator (common/arena.h).
 *
 * Why: records and strings of a whole run live here. A misaligned block is
 * undefined behaviour for the doubles and 64-bit counters stored in it (UBSan
 * would abort a national run); memory that is not zeroed leaks a previous
 * record's counts into a new one; an overflowing count x size that is not caught
 * hands out a block far smaller than asked. Pinned: alignment, zero fill,
 * separate blocks, blocks larger than a chunk, overflow refused, the copy
 * helpers, the byte count, and release-then-reuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/arena.h"

#include <string.h>

static void test_aligned_zeroed_and_separate(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    unsigned char *prev = NULL;
    for (size_t n = 1; n < 3000; n += 37) {
        unsigned char *p = arena_alloc(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, n); /* must not reach into the next block */
        if (prev)
            assert_true(prev != p);
        prev = p;
    }
    unsigned char *z = arena_alloc(&a, 0); /* a zero-byte request is still a block */
    assert_non_null(z);
    arena_release(&a);
}

static void test_larger_than_a_chunk(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    size_t big = 3 * 1024 * 1024;
    unsigned char *p = arena_alloc(&a, big);
    assert_non_null(p);
    assert_int_equal(p[0], 0);
    assert_int_equal(p[big - 1], 0);
    memset(p, 1, big);
    unsigned char *q = arena_alloc(&a, 16);
    assert_non_null(q);
    assert_int_equal(q[0], 0);
    assert_true(a.total >= big + 16);
    arena_release(&a);
    assert_int_equal(a.total, 0);
}

static void test_overflow_refused(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    assert_null(arena_calloc(&a, SIZE_MAX / 8 + 1, 16));
    assert_null(arena_alloc(&a, SIZE_MAX));
    /* each refusal counted, for a caller that checks once (the config loader) */
    assert_int_equal(a.failed, 2);
    assert_non_null(arena_calloc(&a, 0, 16));
    double *d = arena_calloc(&a, 100, sizeof(double));
    assert_non_null(d);
    assert_true(d[99] == 0.0);
    assert_int_equal(a.failed, 2);
    arena_release(&a);
    assert_int_equal(a.failed, 0);
}

static void test_strings(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    const char src[] = "Kerkstraat 12";
    char *s = arena_strndup(&a, src, 10);
    assert_string_equal(s, "Kerkstraat");
    char *t = arena_strdup(&a, src);
    assert_string_equal(t, src);
    assert_ptr_not_equal(t, src);
    char *e = arena_strndup(&a, "", 0);
    assert_string_equal(e, "");
    arena_release(&a);
    /* released arenas are reusable */
    assert_string_equal(arena_strdup(&a, "Mierlo"), "Mierlo");
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aligned_zeroed_and_separate),
        cmocka_unit_test(test_larger_than_a_chunk),
        cmocka_unit_test(test_overflow_refused),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
