/*
 * fuzz_html.c - libFuzzer target for report.html's one escaper (report/html.c).
 *
 * Why: every value from the exports (streets, buurt codes, reason sentences, file
 * names) reaches report.html through html_escape. A byte it lets through unescaped
 * is markup - a <script> in a street name - and a byte sequence it leaves invalid
 * can break the page for the browser. The input is the raw bytes of one value.
 *
 * Invariants asserted (FUZZ_CHECK aborts):
 *  - the output is valid UTF-8 (invalid input became U+FFFD);
 *  - no < > " ' appears in the output, and every & starts one of the entities the
 *    escaper writes (&amp; &lt; &gt; &quot; &#39;);
 *  - no control character but tab and newline appears;
 *  - for valid UTF-8 input without control characters, unescaping the output gives
 *    the input back (nothing lost or changed).
 */
#include "fuzz/fuzz_common.h"

#include "ingest/parse.h"
#include "common/text.h"
#include "report/html.h"

#include <string.h>

static const struct {
    const char *entity;
    char c;
} ENTITIES[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};

/* The entity at s, or -1. */
static int entity_at(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof ENTITIES / sizeof ENTITIES[0]; i++) {
        size_t k = strlen(ENTITIES[i].entity);
        if (k <= n && memcmp(s, ENTITIES[i].entity, k) == 0)
            return (int)i;
    }
    return -1;
}

static int clean_input(const uint8_t *d, size_t n)
{
    if (!text_utf8_valid((const char *)d, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\n') || d[i] == 0x7F)
            return 0;
    return 1;
}

/* Check the output and unescape it into back (same size or smaller); its length. */
static size_t check_output(const char *out, size_t n, char *back)
{
    size_t k = 0;
    FUZZ_CHECK(text_utf8_valid(out, n), "output is not valid UTF-8");
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)out[i];
        FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'', "raw '%c' at %zu", c, i);
        FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n', "control byte 0x%02x at %zu", c, i);
        if (c == '&') {
            int e = entity_at(out + i, n - i);
            FUZZ_CHECK(e >= 0, "bare & at %zu", i);
            back[k++] = ENTITIES[e].c;
            i += strlen(ENTITIES[e].entity);
            continue;
        }
        back[k++] = out[i++];
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    FUZZ_SETUP(f != NULL);
    html_escape(f, (const char *)data, size);
    FUZZ_SETUP(fclose(f) == 0);
    char *back = malloc(n + 1);
    FUZZ_SETUP(back != NULL);
    size_t k = check_output(out, n, back);
    if (clean_input(data, size))
        FUZZ_CHECK(k == size && memcmp(back, data, size) == 0,
                   "valid input of %zu bytes came back as %zu bytes", size, k);
    free(back);
    free(out);
    return 0;
}
