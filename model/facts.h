/*
 * facts.h - what the join computes per address on behalf of an indicator: which
 * SBI codes are risk sectors (H2), which citizen-report categories speak to which
 * theme and over what window (S1).
 *
 * Why: rows stream past once, so a fact an indicator needs from them (a count of
 * risk-sector branches, a decayed count of reports) must be folded in by the join
 * as the row passes. But the settings behind such a fact belong to the indicator
 * (score/h2_risk_sector.c, score/s1_citizen_signal.c): they are parsed and
 * validated there, by hooks that `vik check` and `vik run` share, and handed to the
 * join compiled, as the plain data below. transform/ only matches.
 *
 * Ownership: plain fixed-size data, no pointers; copy freely.
 */
#ifndef VIK_MODEL_FACTS_H
#define VIK_MODEL_FACTS_H

#include <stddef.h>
#include <stdint.h>

enum {
    FACTS_MAX_SBI = 64,        /* risk SBI prefixes in a list */
    FACTS_SBI_DIGITS = 5,      /* digits of an SBI code (2008: 4-5, 2025: 5), dots dropped */
    FACTS_MAX_CATEGORIES = 64, /* report categories over all themes */
    FACTS_CATEGORY_MAX = 48    /* bytes of one category name, NUL included */
};

/* SBI prefixes of sectors vulnerable to criminal infiltration, digits only. */
struct sbi_set {
    char prefix[FACTS_MAX_SBI][FACTS_SBI_DIGITS + 1];
    int n;
};

/* Report categories (lower case) and the themes each speaks to (bit per theme). */
struct category_map {
    struct {
        char name[FACTS_CATEGORY_MAX];
        uint8_t themes;
    } c[FACTS_MAX_CATEGORIES];
    int n;
};

struct fact_opts {
    struct sbi_set risk_sbi;
    struct category_map categories;
    double signal_months;    /* reports older than this are not counted */
    double signal_half_life; /* months after which a report counts half */
};

/*
 * Parse a comma-separated list of SBI prefixes ("96021, 56.10.1": dots dropped,
 * then 2-5 digits) into *set (appending). NULL when every entry is valid, else why
 * not (one line in why[size]); the valid entries before the bad one are kept.
 */
const char *sbi_set_parse(struct sbi_set *set, const char *text, char *why, size_t size);
/* Does the SBI code s[0..n) (dots allowed) start with one of the prefixes? */
int sbi_set_match(const struct sbi_set *set, const char *s, size_t n);

/*
 * Add the comma-separated categories of `text` as speaking to theme bit `theme`.
 * NULL, or why not (an empty or over-long entry, or too many categories).
 */
const char *category_map_add(struct category_map *m, unsigned theme, const char *text, char *why,
                             size_t size);
/* The index of category s[0..n) (trimmed, case-insensitive), -1 when no theme lists it. */
int category_map_find(const struct category_map *m, const char *s, size_t n);

#endif
