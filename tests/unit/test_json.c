/*
 * test_json.c - pins the JSON writer of `vik register --format json` (common/json.c).
 *
 * Why: the register's strings are export column names and municipal texts from a
 * config someone typed; one unescaped quote or backslash, or one cp1252 byte, makes
 * the whole document unreadable for the Algoritmeregister. Pinned: the escaping
 * table (quotes, backslashes, every control character, DEL, invalid UTF-8 as
 * U+FFFD, valid multi-byte text kept), random bytes always giving a string literal
 * that is valid UTF-8 without raw control bytes, commas and nesting, empty
 * containers, numbers (shortest round figures, no -0, NaN and infinities as null).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/json.h"
#include "common/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FFFD "\xEF\xBF\xBD"

/* A memstream and a writer on it; text() closes it and returns the malloc'd text. */
struct out {
    char *buf;
    size_t size;
    FILE *f;
    struct json j;
};

static void out_open(struct out *o)
{
    memset(o, 0, sizeof *o);
    o->f = open_memstream(&o->buf, &o->size);
    assert_non_null(o->f);
    json_init(&o->j, o->f);
}

static char *text(struct out *o)
{
    assert_int_equal(fclose(o->f), 0);
    return o->buf;
}

static char *escaped(const char *s, size_t len)
{
    struct out o;
    out_open(&o);
    json_escape(o.f, s, len);
    return text(&o);
}

static void test_escape_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len; /* 0: strlen */
        const char *want;
    } CASES[] = {
        {"kvkNummer", 0, "\"kvkNummer\""},
        {"BSN \"nummer\"", 0, "\"BSN \\\"nummer\\\"\""},
        {"geb\\datum", 0, "\"geb\\\\datum\""},
        {"a\tb\nc\rd\be\ff", 0, "\"a\\tb\\nc\\rd\\be\\ff\""},
        {"\x01\x1f\x7f", 0, "\"\\u0001\\u001f\\u007f\""},
        {"a\0b", 3, "\"a\\u0000b\""},
        {"huisnr \xC3\xA9", 0, "\"huisnr \xC3\xA9\""}, /* é kept as UTF-8 */
        {"\xE2\x82\xAC \xF0\x9F\x98\x80", 0, "\"\xE2\x82\xAC \xF0\x9F\x98\x80\""}, /* € 😀 */
        {"stra\xE9t", 0, "\"stra" FFFD "t\""},                                     /* cp1252 é */
        {"\xC0\xAF", 0, "\"" FFFD FFFD "\""},                                      /* overlong */
        {"\xED\xA0\x80", 0, "\"" FFFD FFFD FFFD "\""},                             /* surrogate */
        {"\xE2\x82\"", 0, "\"" FFFD FFFD "\\\"\""}, /* cut by a quote */
        {"</script>", 0, "\"</script>\""},          /* JSON needs no HTML escaping */
        {"", 0, "\"\""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t len = CASES[i].len ? CASES[i].len : strlen(CASES[i].in);
        char *got = escaped(CASES[i].in, len);
        if (strcmp(got, CASES[i].want) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, got, CASES[i].want);
        free(got);
    }
}

/* Random bytes: always one string literal, valid UTF-8, no raw control byte, every
 * quote and backslash inside escaped. */
static void test_escape_random(void **state)
{
    (void)state;
    uint32_t x = 12345;
    for (int round = 0; round < 2000; round++) {
        char in[64];
        size_t len = (size_t)(round % 64);
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            in[i] = (char)(x >> 16);
        }
        char *got = escaped(in, len);
        size_t n = strlen(got);
        assert_true(n >= 2 && got[0] == '"' && got[n - 1] == '"');
        assert_true(text_utf8_count(got, n) != (size_t)-1);
        for (size_t i = 1; i + 1 < n; i++) {
            assert_true((unsigned char)got[i] >= 0x20 && got[i] != 0x7F);
            if (got[i] == '\\') {
                assert_non_null(strchr("\"\\bfnrtu", got[i + 1]));
                i++; /* the escaped character */
            } else {
                assert_true(got[i] != '"');
            }
        }
        free(got);
    }
}

static void test_structure(void **state)
{
    (void)state;
    struct out o;
    out_open(&o);
    json_object_begin(&o.j);
    json_member_string(&o.j, "name", "vik");
    json_key(&o.j, "empty");
    json_array_begin(&o.j);
    json_array_end(&o.j);
    json_key(&o.j, "none");
    json_object_begin(&o.j);
    json_object_end(&o.j);
    json_key(&o.j, "list");
    json_array_begin(&o.j);
    json_int(&o.j, 1);
    json_bool(&o.j, 0);
    json_string(&o.j, NULL);
    json_object_begin(&o.j);
    json_member_bool(&o.j, "alone", 1);
    json_object_end(&o.j);
    json_array_end(&o.j);
    json_member_int(&o.j, "n", -3);
    json_object_end(&o.j);
    char *got = text(&o);
    const char *want = "{\n"
                       "  \"name\": \"vik\",\n"
                       "  \"empty\": [],\n"
                       "  \"none\": {},\n"
                       "  \"list\": [\n"
                       "    1,\n"
                       "    false,\n"
                       "    null,\n"
                       "    {\n"
                       "      \"alone\": true\n"
                       "    }\n"
                       "  ],\n"
                       "  \"n\": -3\n"
                       "}\n";
    assert_string_equal(got, want);
    free(got);
}

static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *want;
    } CASES[] = {
        {1, "1"},         {0.5, "0.5"},       {1.25, "1.25"},      {0.1, "0.1"},   {0.875, "0.875"},
        {1e6, "1000000"}, {-0.0, "0"},        {1.7, "1.7"},        {7000, "7000"}, {1e20, "1e+20"},
        {NAN, "null"},    {INFINITY, "null"}, {-INFINITY, "null"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        struct out o;
        out_open(&o);
        json_array_begin(&o.j);
        json_number(&o.j, CASES[i].v);
        json_array_end(&o.j);
        char *got = text(&o);
        char want[64];
        snprintf(want, sizeof want, "[\n  %s\n]\n", CASES[i].want);
        if (strcmp(got, want) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, got, want);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_table),
        cmocka_unit_test(test_escape_random),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
