/*
 * test_report_html.c - the escaping of report.html and a tiny page.
 *
 * Why: report.html carries street names and codes from municipal exports into a
 * document people open in a browser; one unescaped value is a script injection,
 * one invalid byte an unreadable page. Pinned: every special character becomes an
 * entity, invalid UTF-8 and control bytes become U+FFFD (so the page stays valid
 * UTF-8), random bytes never produce markup; and a rendered page holds every
 * section, escapes a hostile address, references nothing outside itself and says
 * "no history yet" until a history view is given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config/config.h"
#include "pipeline/pipeline.h"
#include "report/html.h"
#include "report/report_html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FFFD "\xEF\xBF\xBD"

/* html_escape of s[0..len) into a malloc'd string (caller frees). */
static char *escaped(const char *s, size_t len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    html_escape(f, s, len);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void test_escape_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len; /* 0: strlen */
        const char *want;
    } CASES[] = {
        {"plain Straat 12", 0, "plain Straat 12"},
        {"<script>alert(1)</script>", 0, "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"\"a\" & 'b'", 0, "&quot;a&quot; &amp; &#39;b&#39;"},
        {"&amp;", 0, "&amp;amp;"},
        {"x\" onmouseover=\"y", 0, "x&quot; onmouseover=&quot;y"},
        {"Br\xC3\xBCggeerf", 0, "Br\xC3\xBCggeerf"}, /* valid 2-byte */
        {"\xE2\x82\xAC 5", 0, "\xE2\x82\xAC 5"},     /* euro sign */
        {"\xF0\x9F\x98\x80", 0, "\xF0\x9F\x98\x80"}, /* 4-byte */
        {"a\xFF"
         "b",
         0, "a" FFFD "b"},                            /* never valid */
        {"caf\xE9", 0, "caf" FFFD},                   /* cp1252, not UTF-8 */
        {"\xC0\xAF", 0, FFFD FFFD},                   /* overlong '/' */
        {"\xED\xA0\x80", 0, FFFD FFFD FFFD},          /* surrogate */
        {"\xF4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD}, /* above U+10FFFF */
        {"\xE2\x82", 0, FFFD FFFD},                   /* cut short */
        {"\xE2\x82<", 0, FFFD FFFD "&lt;"},           /* cut by markup */
        {"tab\tnew\nline\r\x01\x7F", 0, "tab\tnew\nline" FFFD FFFD FFFD},
        {"a\0b", 3, "a" FFFD "b"}, /* NUL inside */
        {"", 0, ""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t len = CASES[i].len ? CASES[i].len : strlen(CASES[i].in);
        char *got = escaped(CASES[i].in, len);
        if (strcmp(got, CASES[i].want) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, got, CASES[i].want);
        free(got);
    }
}

/* Strict UTF-8 check, written independently of html.c's decoder. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i], need, cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, cp = c & 0x07;
        else
            return 0;
        for (unsigned k = 1; k <= need; k++) {
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* Random bytes (fixed seed) never yield markup or invalid UTF-8. */
static void test_escape_random(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15u;
    char in[64];
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(round % 64);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
            in[i] = (char)(x & 0xFF);
        }
        char *got = escaped(in, len);
        size_t n = strlen(got);
        assert_true(valid_utf8((const unsigned char *)got, n));
        assert_null(strpbrk(got, "<>\"'"));
        for (size_t i = 0; i < n; i++)
            assert_true((unsigned char)got[i] >= 0x20 || got[i] == '\t' || got[i] == '\n');
        free(got);
    }
}

/* A page over three addresses, one of them with a hostile street and buurt. */
struct tiny {
    struct config cfg;
    struct dataset data;
    struct score_result score;
    struct score_lists lists; /* nothing suppressed */
    struct score_opts so;
    struct hit hits[4];
    struct listing list[2], watch[1];
    struct ingest_counts ingest[SRC_COUNT];
    struct join_counts join[SRC_COUNT];
    struct linkage linkage;
    int loaded[SRC_COUNT];
    struct register_in reg;
    struct report_html_in in;
};

static uint32_t add_address(struct dataset *d, const char *pc, uint32_t number, const char *street,
                            const char *buurt)
{
    struct addr_key k = {{0}, 0, {0}, number};
    memcpy(k.postcode, pc, 7);
    int created = 0;
    uint32_t i = dataset_address(d, &k, &created);
    assert_int_not_equal(i, NONE_IDX);
    d->addrs[i].street = street;
    d->addrs[i].city = "Geldrop";
    d->addrs[i].neighbourhood = buurt;
    return i;
}

static void tiny_scores(struct tiny *t, uint32_t a, uint32_t b, uint32_t c)
{
    /* one fired indicator: strength = contribution at weight 1, all rarity (grade 1) */
#define TINY_HIT(addr_, ind_, str_, sur_, why_)                                                    \
    (struct hit){.addr = (addr_),                                                                  \
                 .ind = (ind_),                                                                    \
                 .contribution = (str_),                                                           \
                 .strength = (str_),                                                               \
                 .rarity = (str_),                                                                 \
                 .grade = 1,                                                                       \
                 .surprise = (sur_),                                                               \
                 .reason = (why_)}
    t->hits[0] = TINY_HIT(a, IND_ENERGY_HIGH, 1.0f, 4.5f, "electricity <b>31,400</b> kWh");
    t->hits[1] = TINY_HIT(a, IND_ENERGY_FLAT_PROFILE, 0.75f, 3.0f, "flat & \"constant\"");
    t->hits[2] = TINY_HIT(b, IND_ENERGY_HIGH, 0.75f, 3.0f, "electricity 9,000 kWh");
    t->hits[3] = TINY_HIT(c, IND_ENERGY_FLAT_PROFILE, 0.6f, 2.4f, "near-miss flat");
#undef TINY_HIT
    t->score.hits = t->hits;
    t->score.n_hits = 4;
    t->watch[0] = (struct listing){.key = t->data.addrs[c].key,
                                   .addr = c,
                                   .score = 0.6f,
                                   .rarest = 2.4f,
                                   .first_hit = 3,
                                   .n_hits = 1,
                                   .n_sources = 1,
                                   .n_counting = 1,
                                   .by = LISTED_NOT};
    t->score.watch[THEME_HENNEP] = t->watch;
    t->score.n_watch[THEME_HENNEP] = 1;
    t->list[0] = (struct listing){.key = t->data.addrs[a].key,
                                  .addr = a,
                                  .score = 1.75f,
                                  .rarest = 4.5f,
                                  .first_hit = 0,
                                  .n_hits = 2,
                                  .n_sources = 1,
                                  .n_counting = 2,
                                  .by = LISTED_CORROBORATED};
    t->list[1] = (struct listing){.key = t->data.addrs[b].key,
                                  .addr = b,
                                  .score = 0.75f,
                                  .rarest = 3.0f,
                                  .first_hit = 2,
                                  .n_hits = 1,
                                  .n_sources = 1,
                                  .n_counting = 1,
                                  .by = LISTED_ALONE};
    t->score.lists[THEME_HENNEP] = t->list;
    t->score.n_list[THEME_HENNEP] = 2;
    t->score.samples = calloc(IND_COUNT, sizeof *t->score.samples);
    assert_non_null(t->score.samples);
    for (int i = 0; i < 500; i++)
        score_sample_add(&t->score.samples[IND_ENERGY_HIGH], 1000.0 + 37 * i, i > 480);
    t->score.n_evaluable[IND_ENERGY_HIGH] = 500;
}

static void tiny_init(struct tiny *t)
{
    memset(t, 0, sizeof *t);
    cfg_init(&t->cfg);
    dataset_init(&t->data);
    linkage_init(&t->linkage);
    uint32_t a = add_address(&t->data, "5664AB", 12, "<script>alert(1)</script>laan", "BU\"&'<x>");
    uint32_t b = add_address(&t->data, "5664AC", 3, "Caf\xE9pad", "BU0001"); /* cp1252 */
    uint32_t c = add_address(&t->data, "5664AD", 5, "Kerkstraat", NULL);
    tiny_scores(t, a, b, c);
    score_lists_all(&t->score, &t->lists);
    t->so = (struct score_opts){
        .reference_date = 20250301, .min_group = 30, .ind = t->cfg.ind, .themes = t->cfg.themes};
    for (int s = 0; s < SRC_COUNT; s++)
        t->loaded[s] = s == SRC_SIGNALS ? 0 : 1;
    t->ingest[SRC_BRP] = (struct ingest_counts){.read = 10, .accepted = 9, .quarantined = 1};
    t->ingest[SRC_BRP].reasons.n = 1;
    t->ingest[SRC_BRP].reasons.item[0].code = "<bad_postcode>";
    t->ingest[SRC_BRP].reasons.item[0].n = 1;
    /* the register's account: two sources, hostile column names among their columns */
    t->cfg.sources[SRC_KADASTER_OBJECTS].present = 1;
    t->cfg.sources[SRC_KADASTER_OBJECTS].map[F_FLOOR_AREA] = "oppervlakte";
    t->cfg.sources[SRC_BRP].present = 1;
    t->cfg.sources[SRC_BRP].map[F_PERSON_ID] = "BSN <i>nummer</i>";
    t->cfg.sources[SRC_BRP].map[F_POSTCODE] = "post&code";
    pipeline_register_in(&t->cfg, t->cfg.ind, &t->reg);
    t->in = (struct report_html_in){.output_dir = "/nonexistent",
                                    .reference_date = 20250301,
                                    .config_hash = "0123456789abcdef",
                                    .top_n = 50,
                                    .data = &t->data,
                                    .score = &t->score,
                                    .lists = &t->lists,
                                    .score_opts = &t->so,
                                    .loaded = t->loaded,
                                    .ingest = t->ingest,
                                    .join = t->join,
                                    .linkage = &t->linkage,
                                    .checksum_algorithm = "BLAKE2b-256",
                                    .reg = &t->reg};
    t->in.inputs[SRC_BRP] = (struct report_html_file){"brp<1>.csv", 1234, NULL};
}

static void tiny_release(struct tiny *t)
{
    free(t->score.samples);
    linkage_release(&t->linkage);
    dataset_release(&t->data);
    cfg_release(&t->cfg);
}

static char *render(const struct report_html_in *in)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    assert_int_equal(report_html_render(f, in), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void test_tiny_page(void **state)
{
    (void)state;
    struct tiny *t = malloc(sizeof *t);
    assert_non_null(t);
    tiny_init(t);
    char *page = render(&t->in);
    static const char *const WANT[] = {
        "id=\"summary\"",
        "id=\"theme-hennep\"",
        "id=\"theme-witwassen\"",
        "id=\"theme-brievenbus\"",
        "id=\"theme-overbewoning\"",
        "id=\"quality\"",
        "id=\"charts\"",
        "id=\"proportionality\"",
        "id=\"outcomes\"",
        "No outcomes recorded yet",
        "id=\"metadata\"",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        "&lt;script&gt;alert(1)&lt;/script&gt;laan",
        "BU&quot;&amp;&#39;&lt;x&gt;",
        "electricity &lt;b&gt;31,400&lt;/b&gt; kWh",
        "flat &amp; &quot;constant&quot;",
        "&lt;bad_postcode&gt; 1",
        "brp&lt;1&gt;.csv",
        "Caf" FFFD "pad",
        "<details>",
        "score = 1.00 + 0.75 = <b>1.75</b>",
        "Listed: 2 indicators corroborate",
        "Listed: a single rare signal",
        "id=\"watch-hennep\"",
        "Watch list: near-misses",
        "near-miss flat",
        "Not listed: a single indicator",
        "No history yet",
        "threshold",
        "<svg",
        "id=\"method\"",
        "<h2>How this list was made</h2>",
        "<b>BSN &lt;i&gt;nummer&lt;/i&gt;</b>", /* pseudonymised, escaped */
        "post&amp;code",
        "B1 overcrowding (1)", /* fed by BRP and Kadaster objects: in force */
        "for 365 days (retention_days)",
        "signal for human review",
        "vik 0."};
    for (size_t i = 0; i < sizeof WANT / sizeof WANT[0]; i++)
        if (!strstr(page, WANT[i]))
            fail_msg("page lacks '%s'", WANT[i]);
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "://")); /* no URL at all, not even an xmlns */
    assert_null(strstr(page, "src="));
    assert_true(valid_utf8((const unsigned char *)page, strlen(page)));
    free(page);
    tiny_release(t);
    free(t);
}

/* With a history view: new / persisting markers, outcomes and the runs chart. */
static void test_tiny_page_history(void **state)
{
    (void)state;
    struct tiny *t = malloc(sizeof *t);
    assert_non_null(t);
    tiny_init(t);
    struct hv_entry entries[2] = {{t->list[0].addr, 0, OUTCOME_NONE, 0, 0},
                                  {t->list[1].addr, 3, OUTCOME_IN_ONDERZOEK, 20250215, 1}};
    struct hv_run runs[2] = {{1, 20250227, {4, 1, 0, 2}}, {2, 20250228, {3, 1, 1, 2}}};
    struct history_view hv = {0};
    hv.available = 1;
    hv.run_id = 3;
    hv.previous_run = 2;
    hv.entries[THEME_HENNEP] = entries;
    hv.n_entries[THEME_HENNEP] = 2;
    hv.suppressed[THEME_HENNEP] = 7;
    hv.runs = runs;
    hv.n_runs = 2;
    hv.precision[IND_ENERGY_HIGH][THEME_HENNEP] = (struct hv_precision){12, 9};
    hv.precision[IND_OVERCROWDING][THEME_OVERBEWONING] = (struct hv_precision){3, 1};
    t->in.history = &hv;
    char *page = render(&t->in);
    static const char *const WANT[] = {"tag new",
                                       "listed 3 earlier runs",
                                       "re-alert",
                                       "in-onderzoek 2025-02-15",
                                       "<polyline",
                                       "7 address(es) left off tonight",
                                       "3 (compared with 2)",
                                       "9 of 12 = 75%</td>",
                                       "1 of 3 = 33% <span class=\"muted\">(few)</span>"};
    for (size_t i = 0; i < sizeof WANT / sizeof WANT[0]; i++)
        if (!strstr(page, WANT[i]))
            fail_msg("page lacks '%s'", WANT[i]);
    assert_null(strstr(page, "No history yet"));
    free(page);
    tiny_release(t);
    free(t);
}

/* The sample stays bounded, spread evenly and identical for identical input. */
static void test_sample_bounded(void **state)
{
    (void)state;
    struct score_sample *s = calloc(2, sizeof *s);
    assert_non_null(s);
    for (uint32_t i = 0; i < 100000; i++) {
        score_sample_add(&s[0], i, i % 100 == 0);
        score_sample_add(&s[1], i, i % 100 == 0);
    }
    score_sample_add(&s[0], NAN, 0); /* not kept */
    assert_true(s[0].n <= SCORE_SAMPLE_MAX && s[0].n >= SCORE_SAMPLE_MAX / 2);
    assert_int_equal(s[0].seen, 100000);
    assert_memory_equal(s[0].raw, s[1].raw, s[0].n * sizeof s[0].raw[0]);
    for (uint32_t i = 0; i < s[0].n; i++) /* every stride-th value, from the first */
        assert_true(s[0].raw[i] == (float)(i * s[0].stride));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_table),   cmocka_unit_test(test_escape_random),
        cmocka_unit_test(test_tiny_page),      cmocka_unit_test(test_tiny_page_history),
        cmocka_unit_test(test_sample_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
