/*
 * test_hmap.c - the byte-string hash map behind every join (common/hmap.h).
 *
 * Why: every address, owner and interned street name goes through this map. A
 * key lost in a growth splits one address into two records; a key stored by
 * pointer instead of copied makes the next row's scratch buffer rename an address;
 * a second put that overwrites the first value re-points an address at another
 * record. Pinned: every key is found with its value across many growths, absent
 * keys are absent (also keys that differ only after a NUL byte, or by length), a
 * second put keeps the first value and says it was not inserted, keys are copied,
 * and interning returns one stable copy per distinct key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/hmap.h"

#include <stdio.h>
#include <string.h>

static void test_many_keys_across_growths(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    enum { N = 100000 };
    char key[32];
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(key, sizeof key, "5664AB|%u", i), inserted = 0;
        uint32_t *v = hmap_put(&m, key, (size_t)n, i * 7, &inserted);
        assert_non_null(v);
        assert_true(inserted);
    }
    assert_int_equal(m.n, N);
    assert_true(m.n <= m.cap * 7 / 10); /* the load factor the header promises */
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(key, sizeof key, "5664AB|%u", i);
        const uint32_t *v = hmap_get(&m, key, (size_t)n);
        if (!v || *v != i * 7)
            fail_msg("key %s: %s", key, v ? "wrong value" : "lost");
    }
    assert_null(hmap_get(&m, "5664AB|100000", 13));
    assert_null(hmap_get(&m, "5664AB|1", 7)); /* a prefix of a key is another key */
    hmap_release(&m);
}

/* The caller's hash: a crowded one (every key in one of 8 hashes) still finds every
 * key with its value, across growths, and tells absent keys apart. */
static void test_caller_hash(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    enum { N = 5000 };
    char key[32];
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(key, sizeof key, "k%u", i), inserted = 0;
        uint32_t *v = hmap_put_hashed(&m, key, (size_t)n, i % 8, i, &inserted);
        assert_non_null(v);
        assert_true(inserted);
        assert_int_equal(*hmap_put_hashed(&m, key, (size_t)n, i % 8, 0, &inserted), i);
        assert_false(inserted);
    }
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(key, sizeof key, "k%u", i);
        uint32_t *v = hmap_get_hashed(&m, key, (size_t)n, i % 8);
        assert_non_null(v);
        assert_int_equal(*v, i);
        n = snprintf(key, sizeof key, "x%u", i);
        assert_null(hmap_get_hashed(&m, key, (size_t)n, i % 8));
    }
    hmap_release(&m);
}

/* hmap_reserve: room for n keys at once, every key kept with its value, no growth
 * until more than n are in, and never a shrink. */
static void test_reserve(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    char key[32];
    for (uint32_t i = 0; i < 100; i++) {
        int n = snprintf(key, sizeof key, "k%u", i);
        assert_non_null(hmap_put(&m, key, (size_t)n, i, NULL));
    }
    assert_int_equal(hmap_reserve(&m, 50000), 0);
    size_t cap = m.cap;
    assert_true(50000 * 10 <= cap * 7);
    for (uint32_t i = 0; i < 50000; i++) {
        int n = snprintf(key, sizeof key, "k%u", i);
        assert_non_null(hmap_put(&m, key, (size_t)n, i, NULL));
        assert_int_equal(m.cap, cap); /* no growth on the way */
    }
    for (uint32_t i = 0; i < 50000; i++) {
        int n = snprintf(key, sizeof key, "k%u", i);
        assert_int_equal(*hmap_get(&m, key, (size_t)n), i);
    }
    assert_int_equal(hmap_reserve(&m, 10), 0);
    assert_int_equal(m.cap, cap);
    hmap_release(&m);
}

static void test_second_put_keeps_the_first_value(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    int inserted = -1;
    assert_non_null(hmap_put(&m, "owner", 5, 1, &inserted));
    assert_true(inserted);
    uint32_t *v = hmap_put(&m, "owner", 5, 2, &inserted);
    assert_false(inserted);
    assert_int_equal(*v, 1);
    *v = 9; /* the value slot is the caller's to change */
    assert_int_equal(*hmap_get(&m, "owner", 5), 9);
    assert_int_equal(m.n, 1);
    hmap_release(&m);
}

/* Binary keys (16-byte pseudonyms) may hold NUL bytes: the length is the key. */
static void test_binary_keys(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    const char a[4] = {'x', '\0', 'y', '1'}, b[4] = {'x', '\0', 'y', '2'};
    assert_non_null(hmap_put(&m, a, 4, 1, NULL));
    assert_non_null(hmap_put(&m, b, 4, 2, NULL));
    assert_int_equal(*hmap_get(&m, a, 4), 1);
    assert_int_equal(*hmap_get(&m, b, 4), 2);
    assert_null(hmap_get(&m, a, 1)); /* "x" alone is not "x\0y1" */
    assert_int_equal(m.n, 2);
    hmap_release(&m);
}

/* The map copies keys: the caller's scratch buffer may be reused at once. */
static void test_keys_are_copied(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    char scratch[16];
    strcpy(scratch, "Kerkstraat");
    assert_non_null(hmap_put(&m, scratch, strlen(scratch), 1, NULL));
    strcpy(scratch, "Molenweg!!");
    assert_non_null(hmap_put(&m, scratch, strlen(scratch), 2, NULL));
    assert_int_equal(*hmap_get(&m, "Kerkstraat", 10), 1);
    assert_int_equal(*hmap_get(&m, "Molenweg!!", 10), 2);
    hmap_release(&m);
}

/* Interning: one stable copy per distinct string, NUL-terminated, valid until release. */
static void test_intern(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    char buf[16] = "Geldrop";
    const char *one = hmap_intern(&m, buf, 7);
    strcpy(buf, "Mierlo");
    const char *two = hmap_intern(&m, buf, 6);
    for (int i = 0; i < 5000; i++) { /* growths must not move interned strings */
        char k[16];
        int n = snprintf(k, sizeof k, "street %d", i);
        assert_non_null(hmap_intern(&m, k, (size_t)n));
    }
    assert_string_equal(one, "Geldrop");
    assert_string_equal(two, "Mierlo");
    assert_ptr_equal(hmap_intern(&m, "Geldrop", 7), one);
    assert_ptr_not_equal(one, two);
    hmap_release(&m);
}

/*
 * Keys of up to HMAP_INLINE bytes live in the slot, longer ones in the arena: keys
 * of 15, 16 and 17 bytes that differ only in their last byte stay apart across
 * growths, and a short key interned after a plain put still gets a pointer that
 * survives the slots moving.
 */
static void test_inline_and_arena_keys(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    char key[32];
    for (uint32_t i = 0; i < 3000; i++)
        for (size_t len = 15; len <= 17; len++) {
            memset(key, 'k', sizeof key);
            memcpy(key + len - 4, &i, 4);
            assert_non_null(hmap_put(&m, key, len, i * 3 + (uint32_t)(len - 15), NULL));
        }
    assert_int_equal(m.n, 9000);
    for (uint32_t i = 0; i < 3000; i++)
        for (size_t len = 15; len <= 17; len++) {
            memset(key, 'k', sizeof key);
            memcpy(key + len - 4, &i, 4);
            uint32_t *v = hmap_get(&m, key, len);
            assert_non_null(v);
            assert_int_equal(*v, i * 3 + (uint32_t)(len - 15));
        }
    assert_non_null(hmap_put(&m, "short", 5, 1, NULL));
    const char *s = hmap_intern(&m, "short", 5);
    assert_non_null(s);
    for (uint32_t i = 0; i < 20000; i++) /* grow, moving every slot */
        assert_non_null(hmap_put(&m, (const char *)&i, sizeof i, i, NULL));
    assert_string_equal(s, "short");
    assert_ptr_equal(hmap_intern(&m, "short", 5), s);
    hmap_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_keys_across_growths),
        cmocka_unit_test(test_second_put_keeps_the_first_value),
        cmocka_unit_test(test_caller_hash),
        cmocka_unit_test(test_reserve),
        cmocka_unit_test(test_binary_keys),
        cmocka_unit_test(test_keys_are_copied),
        cmocka_unit_test(test_intern),
        cmocka_unit_test(test_inline_and_arena_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
