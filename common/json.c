/*
 * json.c - see json.h.
 */
#include "common/json.h"

#include "common/text.h"

#include <assert.h>
#include <math.h>
#include <string.h>

void json_init(struct json *j, FILE *f)
{
    memset(j, 0, sizeof *j);
    j->f = f;
}

static void newline(struct json *j)
{
    fputc('\n', j->f);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->f);
}

/* Before any value: the comma and indentation an array member needs. */
static void before_value(struct json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth == 0)
        return;
    assert(j->kind[j->depth - 1] == '[' && "a value inside an object needs json_key first");
    if (j->n[j->depth - 1] > 0)
        fputc(',', j->f);
    if (j->n[j->depth - 1] < 255)
        j->n[j->depth - 1]++;
    newline(j);
}

static void open_level(struct json *j, char kind)
{
    before_value(j);
    assert(j->depth < JSON_MAX_DEPTH);
    fputc(kind, j->f);
    j->kind[j->depth] = kind;
    j->n[j->depth] = 0;
    j->depth++;
}

static void close_level(struct json *j, char kind)
{
    assert(j->depth > 0 && j->kind[j->depth - 1] == kind && !j->after_key);
    int empty = j->n[j->depth - 1] == 0;
    j->depth--;
    if (!empty)
        newline(j);
    fputc(kind == '{' ? '}' : ']', j->f);
    if (j->depth == 0)
        fputc('\n', j->f);
}

void json_object_begin(struct json *j)
{
    open_level(j, '{');
}

void json_object_end(struct json *j)
{
    close_level(j, '{');
}

void json_array_begin(struct json *j)
{
    open_level(j, '[');
}

void json_array_end(struct json *j)
{
    close_level(j, '[');
}

void json_key(struct json *j, const char *key)
{
    assert(j->depth > 0 && j->kind[j->depth - 1] == '{' && !j->after_key);
    if (j->n[j->depth - 1] > 0)
        fputc(',', j->f);
    if (j->n[j->depth - 1] < 255)
        j->n[j->depth - 1]++;
    newline(j);
    json_escape(j->f, key, strlen(key));
    fputs(": ", j->f);
    j->after_key = 1;
}

static void escape_byte(FILE *f, unsigned char c)
{
    static const char SHORT[] = {
        ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't'};
    if (c < sizeof SHORT && SHORT[c])
        fprintf(f, "\\%c", SHORT[c]);
    else
        fprintf(f, "\\u%04x", c);
}

void json_escape(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    for (size_t i = 0; i < len;) {
        size_t n = text_utf8_seq(p + i, len - i);
        if (n == 0) {
            fputs(TEXT_UTF8_REPLACEMENT, f); /* one invalid byte; the next may start a sequence */
            i++;
            continue;
        }
        if (p[i] == '"' || p[i] == '\\')
            fprintf(f, "\\%c", p[i]);
        else if (p[i] < 0x20 || p[i] == 0x7F)
            escape_byte(f, p[i]);
        else
            fwrite(p + i, 1, n, f);
        i += n;
    }
    fputc('"', f);
}

void json_string_n(struct json *j, const char *s, size_t len)
{
    before_value(j);
    json_escape(j->f, s, len);
}

void json_string(struct json *j, const char *s)
{
    if (!s) {
        json_null(j);
        return;
    }
    json_string_n(j, s, strlen(s));
}

void json_number(struct json *j, double v)
{
    if (!isfinite(v)) {
        json_null(j);
        return;
    }
    before_value(j);
    fprintf(j->f, "%.15g", v == 0 ? 0.0 : v); /* no "-0" */
}

void json_int(struct json *j, long long v)
{
    before_value(j);
    fprintf(j->f, "%lld", v);
}

void json_bool(struct json *j, int b)
{
    before_value(j);
    fputs(b ? "true" : "false", j->f);
}

void json_null(struct json *j)
{
    before_value(j);
    fputs("null", j->f);
}

void json_member_string(struct json *j, const char *key, const char *s)
{
    json_key(j, key);
    json_string(j, s);
}

void json_member_number(struct json *j, const char *key, double v)
{
    json_key(j, key);
    json_number(j, v);
}

void json_member_int(struct json *j, const char *key, long long v)
{
    json_key(j, key);
    json_int(j, v);
}

void json_member_bool(struct json *j, const char *key, int b)
{
    json_key(j, key);
    json_bool(j, b);
}
