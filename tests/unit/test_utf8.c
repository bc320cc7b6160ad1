/*
 * test_utf8.c - pins the UTF-8 decoder shared by report.html, the register's JSON
 * and the [register] checks (common/utf8.c).
 *
 * Why: these three must agree on what is valid UTF-8, or a column name accepted by
 * one writer is mangled by another. RFC 3629 table 3-7 is the reference: no
 * overlong forms, no surrogates, nothing above U+10FFFF, nothing cut short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/utf8.h"

#include <string.h>

static void test_seq_len_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t want;
    } CASES[] = {
        {"a", 1},
        {"\x7F", 1},
        {"\xC3\xA9", 2},         /* é */
        {"\xC2\x80", 2},         /* U+0080, the smallest 2-byte */
        {"\xC1\xBF", 0},         /* overlong */
        {"\xE2\x82\xAC", 3},     /* € */
        {"\xE0\x9F\xBF", 0},     /* overlong 3-byte */
        {"\xED\x9F\xBF", 3},     /* U+D7FF, last before the surrogates */
        {"\xED\xA0\x80", 0},     /* U+D800, a surrogate */
        {"\xF0\x9F\x98\x80", 4}, /* 😀 */
        {"\xF4\x8F\xBF\xBF", 4}, /* U+10FFFF */
        {"\xF4\x90\x80\x80", 0}, /* above U+10FFFF */
        {"\xE2\x82", 0},         /* cut short */
        {"\xE2\x82x", 0},        /* not a continuation */
        {"\x80", 0},             /* a lone continuation byte */
        {"\xFF", 0},
        {"\xE9t", 0}, /* cp1252 é */
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t got = utf8_seq_len((const unsigned char *)CASES[i].in, strlen(CASES[i].in));
        if (got != CASES[i].want)
            fail_msg("case %zu: got %zu, want %zu", i, got, CASES[i].want);
    }
}

static void test_count(void **state)
{
    (void)state;
    assert_int_equal(utf8_count("", 0), 0);
    assert_int_equal(utf8_count("Gemeente", 8), 8);
    assert_int_equal(utf8_count("caf\xC3\xA9 \xE2\x82\xAC", 9), 6);
    assert_int_equal(utf8_count("caf\xE9", 4), (size_t)-1);
    assert_int_equal(utf8_count("a\0b", 3), 3); /* NUL is a character; callers refuse controls */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seq_len_table),
        cmocka_unit_test(test_count),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
