/*
 * test_u64map.c - the integer-keyed hash map behind the linker's indexes.
 *
 * Why: a lost or duplicated key in the postcode + number index silently links a
 * row to no unit or to the wrong one. Pinned: every inserted key is found with its
 * value across many growths, absent keys are absent, a second put keeps the first
 * value, key 0 (the empty-slot marker) is refused rather than corrupting the map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/u64map.h"

/* Keys shaped like the linker's: postcode code << 17 | number, dense low bits. */
static uint64_t key_of(uint32_t i)
{
    return ((uint64_t)(1000 + i / 40) << 17) | (i % 40 + 1);
}

static void test_many_keys(void **state)
{
    (void)state;
    struct u64map m;
    u64map_init(&m);
    enum { N = 200000 };
    for (uint32_t i = 0; i < N; i++) {
        int inserted = 0;
        uint32_t *v = u64map_put(&m, key_of(i), i, &inserted);
        assert_non_null(v);
        assert_int_equal(inserted, 1);
    }
    assert_int_equal(m.n, N);
    assert_true(m.n * 10 <= m.cap * 7);
    for (uint32_t i = 0; i < N; i++) {
        uint32_t *v = u64map_get(&m, key_of(i));
        assert_non_null(v);
        assert_int_equal(*v, i);
    }
    for (uint32_t i = N; i < N + 1000; i++)
        assert_null(u64map_get(&m, key_of(i)));
    u64map_release(&m);
    assert_null(u64map_get(&m, key_of(1)));
}

static void test_put_existing_and_zero(void **state)
{
    (void)state;
    struct u64map m;
    u64map_init(&m);
    assert_null(u64map_get(&m, 7)); /* empty map */
    int inserted = 0;
    *u64map_put(&m, 7, 1, &inserted) = 42;
    assert_int_equal(inserted, 1);
    uint32_t *v = u64map_put(&m, 7, 99, &inserted);
    assert_int_equal(inserted, 0);
    assert_int_equal(*v, 42);                     /* value_if_new only when new */
    assert_null(u64map_put(&m, 0, 5, &inserted)); /* 0 marks empty slots */
    assert_null(u64map_get(&m, 0));
    assert_int_equal(m.n, 1);
    u64map_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_put_existing_and_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
