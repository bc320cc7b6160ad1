/*
 * fuzz_address.c - libFuzzer target for the address normaliser (transform/address.c):
 * addr_postcode() and addr_normalise().
 *
 * Input: byte 0 is a separator; the rest is split at it into postcode, number,
 * letter and suffix (a field that is not in the input is passed as NULL, so
 * "|5664 ab|12-A" tests the one-column form).
 *
 * Invariants asserted (FUZZ_CHECK aborts):
 *  - addr_postcode: ADDR_OK writes ^[1-9][0-9]{3}[A-Z]{2}$ other than SA/SD/SS;
 *    ADDR_POSTCODE_PC4 writes the 4 digits; any other result writes ""; the status
 *    is one of the postcode statuses; normalising its output again gives it back.
 *  - addr_normalise: on ADDR_OK the key is canonical: postcode as above and equal to
 *    what addr_postcode makes of the postcode field, number 1..99999, letter '\0' or
 *    'A'..'Z', suffix 0-4 of [A-Z0-9]. On anything else the status is a known one,
 *    and when the postcode field alone is wrong (and it is no postbus) the status is
 *    addr_postcode's.
 *  - addr_normalise's shortcut for the plain spelling gives what the full reading
 *    (addr_normalise_full) gives: the same status, and on ADDR_OK the same key.
 *  - NULL and "" mean the same for the suffix. (For the letter they differ: NULL is
 *    "no letter column", which lets a suffix column "A2" be read as letter A.)
 *  - The linker's readings (transform/link.c) of an accepted key are keys of the
 *    same postcode and number, canonical as above; the synonym form is idempotent.
 *  - Case does not matter: ASCII-upper-casing every field gives the same result.
 *  - Idempotence, in separate columns: the key written out as postcode, "%u"
 *    number, letter and suffix normalises to the same key. Always.
 *  - Idempotence, in the combined form addr_key_number_text() prints ("12A-2"):
 *    the same key, or one of the refusals below. The printed form is a display
 *    form and is ambiguous for a few keys, legitimately:
 *      number 1, suffix "12" prints "1-12", which is (rightly) a range;
 *      suffix "DEC" prints "1-DEC", a spreadsheet date; suffix "BIJ"/"TO" prints
 *      "12-BIJ", an aanduiding;
 *      no letter and suffix "B73C" (only the suffix column keeps "B73C" whole)
 *      prints "12-B73C", which the number text reads as letter B + suffix "73C";
 *      likewise toevoeging "S" (kept whole when the source has a letter column)
 *      prints "12-S", which the number text reads as letter S (the linker's
 *      SWAPPED reading finds it again).
 *    So for the combined form the check is: same key, or a refusal from
 *    {NUMBER_RANGE, NUMBER_DATE, AANDUIDING} for a key with a suffix, or, for a
 *    key with no letter whose suffix starts with a letter followed by a digit, the
 *    same key read with that letter split off (for a one-letter suffix too).
 */
#include "fuzz/fuzz_common.h"

#include "model/dataset.h"
#include "transform/address.h"
#include "transform/link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_FIELDS = 4 };

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int postcode_canonical(const char *pc)
{
    if (strlen(pc) != 6 || pc[0] < '1' || pc[0] > '9' || !is_digit(pc[1]) || !is_digit(pc[2]) ||
        !is_digit(pc[3]) || !is_upper(pc[4]) || !is_upper(pc[5]))
        return 0;
    return !(pc[4] == 'S' && (pc[5] == 'A' || pc[5] == 'D' || pc[5] == 'S'));
}

static void check_key(const struct addr_key *k)
{
    FUZZ_CHECK(postcode_canonical(k->postcode), "postcode '%s'", k->postcode);
    FUZZ_CHECK(k->number >= 1 && k->number <= 99999, "number %u", (unsigned)k->number);
    FUZZ_CHECK(k->letter == '\0' || is_upper(k->letter), "letter 0x%02x", (unsigned char)k->letter);
    size_t n = strnlen(k->suffix, sizeof k->suffix);
    FUZZ_CHECK(n < sizeof k->suffix, "suffix not terminated");
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(is_upper(k->suffix[i]) || is_digit(k->suffix[i]), "suffix '%s'", k->suffix);
}

static int same_key(const struct addr_key *a, const struct addr_key *b)
{
    return strcmp(a->postcode, b->postcode) == 0 && a->number == b->number &&
           a->letter == b->letter && strcmp(a->suffix, b->suffix) == 0;
}

static void key_text(const struct addr_key *k, char *buf, size_t n)
{
    addr_key_text(k, buf, n);
}

static int is_postcode_status(enum addr_status s)
{
    return s == ADDR_OK || s == ADDR_POSTCODE_MISSING || s == ADDR_POSTCODE_INVALID ||
           s == ADDR_POSTCODE_PC4;
}

static void check_postcode(const char *s, size_t n)
{
    char out[7];
    memset(out, 'x', sizeof out);
    enum addr_status st = addr_postcode(s, n, out);
    FUZZ_CHECK(is_postcode_status(st), "addr_postcode status %d", (int)st);
    if (st == ADDR_OK) {
        FUZZ_CHECK(postcode_canonical(out), "addr_postcode OK but '%.7s'", out);
        char again[7];
        FUZZ_CHECK(addr_postcode(out, 6, again) == ADDR_OK && strcmp(again, out) == 0,
                   "postcode '%s' does not normalise to itself", out);
    } else if (st == ADDR_POSTCODE_PC4) {
        FUZZ_CHECK(strlen(out) == 4 && out[0] >= '1' && is_digit(out[1]) && is_digit(out[2]) &&
                       is_digit(out[3]),
                   "pc4 '%.7s'", out);
    } else {
        FUZZ_CHECK(out[0] == '\0', "failed postcode wrote '%.7s'", out);
    }
}

struct fields {
    const char *p[N_FIELDS];
    size_t n[N_FIELDS];
};

static enum addr_status normalise(const struct fields *f, struct addr_key *k)
{
    return addr_normalise(f->p[0], f->n[0], f->p[1], f->n[1], f->p[2], f->n[2], f->p[3], f->n[3],
                          k);
}

/* The key printed in separate columns must read back as itself. */
static void check_columns_idempotent(const struct addr_key *k)
{
    char number[16], letter[2] = {k->letter, '\0'};
    snprintf(number, sizeof number, "%u", (unsigned)k->number);
    struct addr_key again;
    enum addr_status st =
        addr_normalise(k->postcode, strlen(k->postcode), number, strlen(number), letter,
                       strlen(letter), k->suffix, strlen(k->suffix), &again);
    char a[ADDR_KEY_MAX], b[ADDR_KEY_MAX];
    key_text(k, a, sizeof a);
    key_text(&again, b, sizeof b);
    FUZZ_CHECK(st == ADDR_OK && same_key(k, &again), "key %s in columns reads as %s (status %s)", a,
               b, addr_status_code(st));
}

/* The key printed as "12A-2" reads back as itself, or as one of the documented cases. */
static void check_combined_idempotent(const struct addr_key *k)
{
    char number[32];
    addr_key_number_text(k, number, sizeof number);
    struct addr_key again;
    enum addr_status st = addr_normalise(k->postcode, strlen(k->postcode), number, strlen(number),
                                         NULL, 0, NULL, 0, &again);
    if (st == ADDR_OK && same_key(k, &again))
        return;
    char a[ADDR_KEY_MAX], b[ADDR_KEY_MAX];
    key_text(k, a, sizeof a);
    key_text(&again, b, sizeof b);
    if (k->suffix[0] &&
        (st == ADDR_NUMBER_RANGE || st == ADDR_NUMBER_DATE || st == ADDR_AANDUIDING))
        return; /* "1-12", "1-DEC", "12-BIJ": see the top of the file */
    if (st == ADDR_OK && !k->letter && is_upper(k->suffix[0]) &&
        (is_digit(k->suffix[1]) || !k->suffix[1])) {
        struct addr_key split = *k;
        split.letter = k->suffix[0];
        memmove(split.suffix, k->suffix + 1, sizeof split.suffix - 1);
        if (same_key(&split, &again))
            return; /* "12-B73C": see the top of the file */
    }
    FUZZ_CHECK(0, "key %s printed '%s' reads as %s (status %s)", a, number, b,
               addr_status_code(st));
}

/* A reading of k: a canonical key at the same postcode and number. */
static void check_reading(const struct addr_key *k, const struct addr_key *r)
{
    check_key(r);
    FUZZ_CHECK(r->number == k->number && strcmp(r->postcode, k->postcode) == 0,
               "a reading moved the address");
}

static void check_readings(const struct addr_key *k)
{
    struct addr_key swaps[LINK_READINGS_MAX], syn, again;
    int n = link_swaps(k, swaps);
    FUZZ_CHECK(n >= 0 && n <= LINK_READINGS_MAX, "%d swaps", n);
    for (int i = 0; i < n; i++) {
        check_reading(k, &swaps[i]);
        FUZZ_CHECK(!same_key(k, &swaps[i]), "a swap equals the key");
    }
    link_synonym(k, &syn);
    check_reading(k, &syn);
    link_synonym(&syn, &again);
    FUZZ_CHECK(same_key(&syn, &again), "synonym form not idempotent");
}

static void check_result(const struct fields *f, enum addr_status st, const struct addr_key *k)
{
    FUZZ_CHECK((int)st >= (int)ADDR_OK && (int)st <= (int)ADDR_SUFFIX_INVALID, "status %d",
               (int)st);
    FUZZ_CHECK(strcmp(addr_status_code(st), "unknown") != 0 &&
                   strcmp(addr_status_text(st), "unknown address status") != 0,
               "status %d has no code or text", (int)st);
    char pc[7];
    enum addr_status pst = addr_postcode(f->p[0], f->n[0], pc);
    if (st != ADDR_POSTBUS && pst != ADDR_OK)
        FUZZ_CHECK(st == pst, "postcode alone gives %s, the address %s", addr_status_code(pst),
                   addr_status_code(st));
    if (st != ADDR_OK)
        return;
    check_key(k);
    FUZZ_CHECK(pst == ADDR_OK && strcmp(pc, k->postcode) == 0, "key postcode '%s', alone '%s'",
               k->postcode, pc);
    check_columns_idempotent(k);
    check_combined_idempotent(k);
    check_readings(k);
}

/* NULL and "" letter/suffix, and upper-cased fields, give the same result. */
static void check_variants(const struct fields *f, const struct fields *upper, enum addr_status st,
                           const struct addr_key *k)
{
    struct fields g = *f;
    struct addr_key k2;
    if (!g.p[3])
        g.p[3] = "", g.n[3] = 0;
    enum addr_status st2 = normalise(&g, &k2);
    FUZZ_CHECK(st2 == st && (st != ADDR_OK || same_key(k, &k2)),
               "NULL and empty letter/suffix differ: %s vs %s", addr_status_code(st),
               addr_status_code(st2));

    st2 = normalise(upper, &k2);
    FUZZ_CHECK(st2 == st && (st != ADDR_OK || same_key(k, &k2)),
               "upper-casing changes the result: %s vs %s", addr_status_code(st),
               addr_status_code(st2));
}

/*
 * Each field in its own allocation of exactly its length (no NUL after it), so
 * that ASan reports any read past the length the normaliser was given.
 */
static void split(const char *s, size_t n, uint8_t sep, int upper, struct fields *f)
{
    size_t start = 0;
    int k = 0;
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i <= n && k < N_FIELDS; i++) {
        if (i < n && ((uint8_t)s[i] != sep || k == N_FIELDS - 1))
            continue;
        size_t len = i - start;
        char *p = malloc(len ? len : 1);
        FUZZ_SETUP(p != NULL);
        for (size_t j = 0; j < len; j++) {
            char c = s[start + j];
            p[j] = upper && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
        }
        f->p[k] = p;
        f->n[k++] = len;
        start = i + 1;
    }
}

static void fields_free(struct fields *f)
{
    for (int i = 0; i < N_FIELDS; i++)
        free((void *)(uintptr_t)f->p[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct fields f, upper;
    split((const char *)data + 1, size - 1, data[0], 0, &f);
    split((const char *)data + 1, size - 1, data[0], 1, &upper);

    check_postcode(f.p[0], f.n[0]);
    check_postcode(f.p[1], f.n[1]);
    struct addr_key key, full;
    enum addr_status st = normalise(&f, &key);
    enum addr_status st_full =
        addr_normalise_full(f.p[0], f.n[0], f.p[1], f.n[1], f.p[2], f.n[2], f.p[3], f.n[3], &full);
    FUZZ_CHECK(st == st_full && (st != ADDR_OK || same_key(&key, &full)),
               "the plain shortcut gives %s, the full reading %s", addr_status_code(st),
               addr_status_code(st_full));
    check_result(&f, st, &key);
    check_variants(&f, &upper, st, &key);
    fields_free(&f);
    fields_free(&upper);
    return 0;
}
