/*
 * json.h - a small streaming JSON writer (RFC 8259), indented for people and diffs.
 *
 * Why: `vik register --format json` publishes the installation's processing
 * register in the fields of the Algoritmeregister standard. Its strings come from
 * the config - export column names may hold quotes, backslashes, control bytes or
 * cp1252 bytes - so every string goes through one escaper: " and \ are escaped,
 * control characters become \n \t \r \b \f or \u00XX, and a byte sequence that is
 * not valid UTF-8 becomes U+FFFD, so the document is always valid JSON in UTF-8.
 * Numbers are written with up to 15 significant digits (0.1 stays 0.1); NaN and
 * infinities, which JSON cannot hold, are written as null.
 *
 * The writer tracks nesting and commas itself: call json_key() before every value
 * inside an object, never inside an array. Misuse (a value without a key in an
 * object, nesting deeper than JSON_MAX_DEPTH, ending what was not begun) is a
 * programmer error and trips an assert. Output errors are the caller's to check
 * on the FILE (ferror/fclose).
 */
#ifndef VIK_COMMON_JSON_H
#define VIK_COMMON_JSON_H

#include <stddef.h>
#include <stdio.h>

enum { JSON_MAX_DEPTH = 32 };

struct json {
    FILE *f;
    int depth;
    int after_key;                   /* a key was written; its value comes next */
    char kind[JSON_MAX_DEPTH];       /* '{' or '[' per open level */
    unsigned char n[JSON_MAX_DEPTH]; /* members written so far per level (saturating) */
};

void json_init(struct json *j, FILE *f);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

/* The key of the next member of the current object. */
void json_key(struct json *j, const char *key);

/* A string value; NULL writes null. */
void json_string(struct json *j, const char *s);
/* A string value from s[0..len) (may hold NUL bytes, written as \u0000). */
void json_string_n(struct json *j, const char *s, size_t len);
void json_number(struct json *j, double v);
void json_int(struct json *j, long long v);
void json_bool(struct json *j, int b);
void json_null(struct json *j);

/* Shorthands for a member: json_key + the value. */
void json_member_string(struct json *j, const char *key, const char *s);
void json_member_number(struct json *j, const char *key, double v);
void json_member_int(struct json *j, const char *key, long long v);
void json_member_bool(struct json *j, const char *key, int b);

/* Write s[0..len) as a JSON string literal, quotes included (the escaper alone). */
void json_escape(FILE *f, const char *s, size_t len);

#endif
