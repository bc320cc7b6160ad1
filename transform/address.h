/*
 * address.h - the canonical address key (docs/addresses.md, steps 2-4 and 6).
 *
 * Why: every source spells addresses its own way ("5664 ab" / "NL-5664AB",
 * "12-A" / "12 a" / "12 A 2" / "12 bis"), and a join that misses one spelling makes
 * a dwelling look empty - which is itself a hennep signal. So all sources pass through
 * this one normaliser and are joined on its output only.
 *
 * Pure functions, no allocation, no global state. Input strings are UTF-8 (already
 * decoded by the reader); they need not be NUL-terminated beyond the given length.
 */
#ifndef VIK_TRANSFORM_ADDRESS_H
#define VIK_TRANSFORM_ADDRESS_H

#include "model/dataset.h"

#include <stddef.h>

/* Outcome of normalisation; everything but ADDR_OK is a quarantine reason. */
#define ADDR_STATUS_MAP(X)                                                                         \
    X(OK, "ok", "address is valid")                                                                \
    X(POSTCODE_MISSING, "postcode_missing", "postcode is empty")                                   \
    X(POSTCODE_INVALID, "postcode_invalid", "postcode is not 4 digits + 2 letters")                \
    X(POSTCODE_PC4, "postcode_pc4_only", "postcode has only the 4 digits")                         \
    X(NUMBER_MISSING, "house_number_missing", "house number is empty")                             \
    X(NUMBER_INVALID, "house_number_invalid", "house number is not a number 1..99999")             \
    X(NUMBER_DATE, "house_number_date", "house number was turned into a date by a spreadsheet")    \
    X(NUMBER_RANGE, "house_number_range", "house number is a range, not one address")              \
    X(POSTBUS, "postbus", "postal address (postbus/antwoordnummer), not a building")               \
    X(AANDUIDING, "aanduiding_bij", "address is 'tegenover'/'bij' a numbered object")              \
    X(LETTER_INVALID, "house_letter_invalid", "house letter is not a single letter")               \
    X(SUFFIX_INVALID, "house_suffix_invalid", "house number suffix is not 1-4 letters/digits")

enum addr_status {
#define ADDR_ENUM(name, code, text) ADDR_##name,
    ADDR_STATUS_MAP(ADDR_ENUM)
#undef ADDR_ENUM
};

/* Reason code ("postcode_invalid") and sentence for a status. */
const char *addr_status_code(enum addr_status s);
const char *addr_status_text(enum addr_status s);

/*
 * Postcode: drop everything that is not a letter or digit, drop a leading "NL",
 * upper-case, validate ^[1-9][0-9]{3}[A-Z]{2}$ minus SA/SD/SS. Writes "5664AB".
 */
enum addr_status addr_postcode(const char *s, size_t n, char out[7]);

/*
 * Full address from up to four fields. `number` may be a combined text ("12a",
 * "12-A", "12 A 2", "12A-2", "12 bis", "7-2", "0012", "12.0"). `letter` is NULL
 * when the source has no letter column; then a `suffix` column may hold letter and
 * suffix together ("A", "A2": letter A, suffix 2; "BIS" stays a suffix). With a
 * letter column (possibly empty), the suffix column is taken as written. A single
 * letter in the number text is the huisletter. Separate columns win over what the
 * number text carries when both are given and agree; when they disagree the result
 * is ADDR_SUFFIX_INVALID/LETTER_INVALID. This reports what was written; which
 * Kadaster address it means is the linker's question (link.h).
 */
enum addr_status addr_normalise(const char *postcode, size_t postcode_len, const char *number,
                                size_t number_len, const char *letter, size_t letter_len,
                                const char *suffix, size_t suffix_len, struct addr_key *out);

/* addr_normalise without its shortcut for the plain spelling (address.c): the same
 * result for every input, for the tests and the fuzz target that hold them equal. */
enum addr_status addr_normalise_full(const char *postcode, size_t postcode_len, const char *number,
                                     size_t number_len, const char *letter, size_t letter_len,
                                     const char *suffix, size_t suffix_len, struct addr_key *out);

#endif
