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
    long long n = llround(fabs(v));
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
                             double contribution, const char *reason)
{
    const struct ind_def *d = catalogue_indicator(id);
    double strength = c->weight > 0 ? contribution / c->weight : 0;
    snprintf(buf, size, "%s %s: %s | threshold %g; weight %.1f x strength %.2f = +%.2f", d->code,
             d->name, reason, c->threshold, c->weight, strength, contribution);
    return buf;
}
