/*
 * test_u64map.c - the integer-keyed hash map behind the linker's indexes.
 *
 * Why: a lost or duplicated key in the postcode + number index silently links a
 * row to no unit or to the wrong one. Pinned: every inserted key is found with its
 * value across many growths, absent keys are absent, a second put keeps the first
 * value, key 0 (the empty-slot marker) is refused rather than corrupting the map;
 * with near bits (u64map_init_near) the same, and one group's keys side by side.
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

static size_t slot_of_key(const struct u64map *m, uint64_t key)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key == key)
            return i;
    fail_msg("key %llu not in any slot", (unsigned long long)key);
    return 0;
}

/* The same round trip in a map that keeps a group's positions side by side. */
static void many_keys(unsigned near_bits)
{
    struct u64map m;
    u64map_init_near(&m, near_bits);
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

static void test_many_keys(void **state)
{
    (void)state;
    many_keys(0);
    many_keys(17);
}

/* u64map_reserve: room at once, keys kept (near bits too), no growth until full. */
static void test_reserve(void **state)
{
    (void)state;
    struct u64map m;
    u64map_init_near(&m, 17);
    for (uint32_t i = 0; i < 100; i++)
        assert_non_null(u64map_put(&m, key_of(i), i, NULL));
    assert_int_equal(u64map_reserve(&m, 30000), 0);
    size_t cap = m.cap;
    assert_true(30000 * 10 <= cap * 7);
    for (uint32_t i = 0; i < 30000; i++) {
        assert_non_null(u64map_put(&m, key_of(i), i, NULL));
        assert_int_equal(m.cap, cap);
    }
    for (uint32_t i = 0; i < 30000; i++)
        assert_int_equal(*u64map_get(&m, key_of(i)), i);
    assert_int_equal(u64map_reserve(&m, 5), 0);
    assert_int_equal(m.cap, cap);
    u64map_release(&m);
}

/* With near bits, house numbers 1..40 of one postcode take consecutive slots
 * (wrapping at the end): what makes address-sorted input find its slots in cache. */
static void test_near_keys_side_by_side(void **state)
{
    (void)state;
    struct u64map m;
    u64map_init_near(&m, 17);
    for (uint32_t n = 1; n <= 40; n++)
        assert_non_null(u64map_put(&m, (UINT64_C(5661) << 17) | n, n, NULL));
    for (uint32_t n = 1; n < 40; n++) {
        size_t a = slot_of_key(&m, (UINT64_C(5661) << 17) | n);
        size_t b = slot_of_key(&m, (UINT64_C(5661) << 17) | (n + 1));
        assert_int_equal(b, (a + 1) & (m.cap - 1));
    }
    u64map_release(&m);
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
        cmocka_unit_test(test_near_keys_side_by_side),
        cmocka_unit_test(test_reserve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
