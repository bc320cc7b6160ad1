/*
 * fmt.c - see fmt.h.
 */
#include "score/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *fmt_int(char *buf, size_t size, double v)
{
    char digits[32];
    double r = fabs(v) < 1e18 ? fabs(v) : 1e18; /* llround beyond is undefined */
    long long n = llround(r);
    int len = snprintf(digits, sizeof digits, "%lld", n);
    size_t o = 0;
    if (v < 0 && n != 0 && o + 1 < size)
        buf[o++] = '-';
    for (int i = 0; i < len && o + 1 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0 && o + 1 < size)
            buf[o++] = ',';
        if (o + 1 < size)
            buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

const char *fmt_contribution(char *buf, size_t size, enum ind_id id, const struct indicator_cfg *c,
                             double strength, double rarity, double grade, const char *reason)
{
    const struct ind_desc *d = indicator_desc(id);
    grade = grade > 1 ? 1 : grade < 0 ? 0 : grade; /* as score.c clamps it into the strength */
    char thr[32];
    snprintf(buf, size,
             "%s %s: %s | fires at 1 in %s; strength %.2f = rarity %.2f x grade %.2f; weight %g x "
             "strength %.2f = +%.2f",
             d->code, d->name, reason, fmt_int(thr, sizeof thr, c->threshold), strength, rarity,
             grade, c->weight, strength, c->weight * strength);
    return buf;
}
