/*
 * format.c: output files, CSV rows and the text of values: Dutch numbers,
 * cp1252, street, city and buurt names, postcodes and house numbers as each
 * export spells them.
 *
 * Why: every writer shares these primitives; the exports differ only in
 * dialect (EXPORTS.md), which is chosen here per call.
 */
#include "gen.h"

/* ------------------------------------------------------------ name tables */

/* Street name bases; UTF-8 escapes keep the source ASCII (cp1252 in brp.csv). */
static const char *const STREET_BASE[] = {"Molen",
                                          "Kerk",
                                          "Heuvel",
                                          "Hoogeind",
                                          "Berken",
                                          "Eiken",
                                          "Linden",
                                          "Beuken",
                                          "Wilgen",
                                          "Populier",
                                          "Kastanje",
                                          "Heide",
                                          "Akker",
                                          "Veld",
                                          "Dommel",
                                          "Kempen",
                                          "Peel",
                                          "Zand",
                                          "Markt",
                                          "Brabant",
                                          "Oranje",
                                          "Nassau",
                                          "Prins Hendrik",
                                          "Koning",
                                          "Vinken",
                                          "Merel",
                                          "Lijster",
                                          "Zwaluw",
                                          "Leeuwerik",
                                          "Kievit",
                                          "Esdoorn",
                                          "Hazelaar",
                                          "Vlier",
                                          "Meidoorn",
                                          "Jasmijn",
                                          "Seringen",
                                          "Tulpen",
                                          "Rozen",
                                          "Lelie",
                                          "Anjer",
                                          "Klaver",
                                          "Schout",
                                          "Smids",
                                          "Bakkers",
                                          "Wevers",
                                          "Schepen",
                                          "Burgemeester Daams",
                                          "Pastoor Vogels",
                                          "G\xC3\xA9nestet",
                                          "M\xC3\xBCller",
                                          "Co\xC3\xB6peratie",
                                          "R\xC3\xB6ntgen",
                                          "Mozart",
                                          "Rembrandt",
                                          "Vondel",
                                          "Bilderdijk",
                                          "Beemd",
                                          "Hofstee",
                                          "Gagel",
                                          "Br\xC3\xBCgge"};
_Static_assert(NELEM(STREET_BASE) == N_STREET_BASE, "N_STREET_BASE in gen.h");
/* Bases that are also a street name on their own ("Heuvel", "Markt"). */
static const char *const STANDALONE[] = {"Heuvel", "Hoogeind", "Markt", "Beemd", "Hofstee"};
static const char *const STREET_SUFFIX[] = {"straat", "laan",  "weg",    "hof", "dreef",
                                            "pad",    "plein", "singel", "erf", "park"};
_Static_assert(NELEM(STREET_SUFFIX) == N_STREET_SUFFIX, "N_STREET_SUFFIX in gen.h");

static const char *const CITY_PRE[] = {"Aal",   "Beek", "Berk",  "Bos",  "Dom",   "Eik", "Haag",
                                       "Heide", "Hoog", "Kempe", "Laar", "Linde", "Mol", "Oost",
                                       "Peel",  "Ried", "Scha",  "Ter",  "Vlier", "Zand"};
static const char *const CITY_SUF[] = {"dijk", "hoven", "rode",  "veld", "werd",
                                       "wijk", "heim",  "broek", "donk", "lo"};
static const char *const CITY_DIR[] = {"", " Noord", " Zuid", " Oost", " West"};

/* -------------------------------------------------------------- output */

void out_open(struct out *o, const char *dir, const char *name, int gz)
{
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    o->f = NULL;
    o->gz = NULL;
    if (gz) {
        o->gz = gzopen(o->path, "wb6");
        if (!o->gz || gzbuffer(o->gz, 1 << 18) != 0)
            die("cannot write", o->path);
        return;
    }
    o->f = fopen(o->path, "wb");
    if (!o->f)
        die("cannot write", o->path);
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
}

void out_write(struct out *o, const char *p, size_t n)
{
    if (o->gz) {
        if (gzwrite(o->gz, p, (unsigned)n) != (int)n)
            die("write failed:", o->path);
    } else if (fwrite(p, 1, n, o->f) != n)
        die("write failed:", o->path);
}

void out_close(struct out *o)
{
    if (o->gz) {
        if (gzclose(o->gz) != Z_OK)
            die("close failed:", o->path);
    } else if (fclose(o->f) != 0)
        die("close failed:", o->path);
}

void row_begin(struct row *r, char delim)
{
    r->n = 0;
    r->delim = delim;
    r->nf = 0;
}

static void row_put(struct row *r, char c)
{
    if (r->n + 4 >= sizeof r->b)
        die("internal: row too long", NULL);
    r->b[r->n++] = c;
}

void row_add(struct row *r, const char *s)
{
    if (r->nf++)
        row_put(r, r->delim);
    int quote = strchr(s, r->delim) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r');
    if (quote)
        row_put(r, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            row_put(r, '"');
        row_put(r, *p);
    }
    if (quote)
        row_put(r, '"');
}

void row_addu(struct row *r, unsigned long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lu", v);
    row_add(r, buf);
}

void row_end(struct row *r, struct out *o, const char *eol)
{
    for (const char *p = eol; *p; p++)
        row_put(r, *p);
    out_write(o, r->b, r->n);
}

/* UTF-8 (Latin-1 range only) to cp1252: é (C3 A9) becomes the byte E9. */
void to_cp1252(const char *in, char *out, size_t n)
{
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)in;
    while (*p && k + 1 < n) {
        if (*p < 0x80) {
            out[k++] = (char)*p++;
        } else if ((*p == 0xC2 || *p == 0xC3) && (p[1] & 0xC0) == 0x80) {
            out[k++] = (char)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
            p += 2;
        } else {
            out[k++] = '?';
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
        }
    }
    out[k] = 0;
}

/* Thousands with '.', one or two decimals with ',' (Dutch). */
void fmt_nl(char *buf, size_t n, int64_t scaled, int decimals)
{
    int64_t div = decimals == 2 ? 100 : 10;
    int neg = scaled < 0;
    uint64_t v = (uint64_t)(neg ? -scaled : scaled);
    uint64_t whole = v / (uint64_t)div, frac = v % (uint64_t)div;
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%" PRIu64, whole);
    size_t len = strlen(digits), k = 0;
    for (size_t j = 0; j < len; j++) {
        if (j > 0 && (len - j) % 3 == 0)
            grouped[k++] = '.';
        grouped[k++] = digits[j];
    }
    grouped[k] = 0;
    if (decimals == 2)
        snprintf(buf, n, "%s%s,%02" PRIu64, neg ? "-" : "", grouped, frac);
    else
        snprintf(buf, n, "%s%s,%" PRIu64, neg ? "-" : "", grouped, frac);
}

void street_name(const struct gen *g, uint32_t street, char *buf, size_t n)
{
    uint32_t c = g->st[street].name;
    const char *base = STREET_BASE[c % (uint32_t)N_STREET_BASE];
    uint32_t suf = c / (uint32_t)N_STREET_BASE;
    if (suf == 0)
        for (int k = 0; k < NELEM(STANDALONE); k++)
            if (strcmp(base, STANDALONE[k]) == 0) {
                snprintf(buf, n, "%s", base);
                return;
            }
    snprintf(buf, n, "%s%s", base, STREET_SUFFIX[suf]);
}

void city_name(uint32_t c, char *buf, size_t n)
{
    if (c == 0) {
        snprintf(buf, n, "Geldrop");
        return;
    }
    if (c == 1) {
        snprintf(buf, n, "Mierlo");
        return;
    }
    uint32_t k = c - 2;
    snprintf(buf, n, "%s%s%s", CITY_PRE[k % NELEM(CITY_PRE)],
             CITY_SUF[(k / NELEM(CITY_PRE)) % NELEM(CITY_SUF)],
             CITY_DIR[(k / (NELEM(CITY_PRE) * NELEM(CITY_SUF))) % NELEM(CITY_DIR)]);
}

void buurt_code(uint32_t b, char *buf, size_t n)
{
    snprintf(buf, n, "BU%04u%02u%02u", 1771u + b / 495u, (b % 495u) / 5u + 1u, b % 5u + 1u);
}

static char pc_l1(const struct addr *a)
{
    return (char)('A' + a->pcl / 26);
}

static char pc_l2(const struct addr *a)
{
    return (char)('A' + a->pcl % 26);
}

void fmt_postcode(const struct addr *a, enum pcform f, char *buf, size_t n)
{
    char l1 = pc_l1(a), l2 = pc_l2(a);
    char s1 = (char)(l1 - 'A' + 'a'), s2 = (char)(l2 - 'A' + 'a');
    switch (f) {
    case PC_SPACE:
        snprintf(buf, n, "%u %c%c", a->pc4, l1, l2);
        break;
    case PC_LOWER_SPACE:
        snprintf(buf, n, "%u %c%c", a->pc4, s1, s2);
        break;
    case PC_LOWER:
        snprintf(buf, n, "%u%c%c", a->pc4, s1, s2);
        break;
    case PC_NL:
        snprintf(buf, n, "NL-%u %c%c", a->pc4, l1, l2);
        break;
    case PC_DASH:
        snprintf(buf, n, "%u-%c%c", a->pc4, l1, l2);
        break;
    default:
        snprintf(buf, n, "%u%c%c", a->pc4, l1, l2);
        break;
    }
}

static void fmt_suffix(const struct addr *a, char *buf, size_t n)
{
    if (a->suffix == SUFFIX_BIS)
        snprintf(buf, n, "BIS");
    else if (a->suffix == SUFFIX_H)
        snprintf(buf, n, "H");
    else if (a->suffix)
        snprintf(buf, n, "%u", a->suffix);
    else
        buf[0] = 0;
}

static void fmt_letter(const struct addr *a, char *buf)
{
    buf[0] = (char)a->letter;
    buf[1] = 0;
}

/* Number, letter and suffix in one text, in a random equivalent spelling. */
static void fmt_combined(const struct addr *a, struct rng *r, char *buf, size_t n)
{
    unsigned no = a->number;
    char L = (char)a->letter, l = (char)(L ? L - 'A' + 'a' : 0), suf[8];
    fmt_suffix(a, suf, sizeof suf);
    int v = rng_int(r, 0, 3);
    if (!L && !suf[0])
        snprintf(buf, n, "%u", no);
    else if (L && !suf[0]) {
        snprintf(buf, n, v <= 1 ? "%u%c" : (v == 2 ? "%u-%c" : "%u %c"), no, v == 0 ? l : L);
    } else if (a->suffix == SUFFIX_BIS)
        snprintf(buf, n, v == 0 ? "%ubis" : (v == 1 ? "%u BIS" : "%u bis"), no);
    else if (a->suffix == SUFFIX_H && !L)
        snprintf(buf, n, "%u H", no); /* NEN 5825: a space before a suffix that is a letter */
    else if (!L)
        snprintf(buf, n, v <= 1 ? "%u-%s" : (v == 2 ? "%u %s" : "%u/%s"), no, suf);
    else
        snprintf(buf, n, v <= 1 ? "%u %c %s" : (v == 2 ? "%u%c-%s" : "%u%c%s"), no, v == 3 ? l : L,
                 suf);
}

/* Letter and suffix as the BAG (and so the Kadaster and truth.csv) has them:
 * V3 registered the unit letter as toevoeging. */
void bag_parts(const struct addr *a, char *let, char *suf, size_t n)
{
    fmt_letter(a, let);
    fmt_suffix(a, suf, n);
    if (sp_kind(a) == V_LETSUF) {
        snprintf(suf, n, "%s", let);
        let[0] = 0;
    }
}

static const char *const ROMAN[5] = {"", "I", "II", "III", "IV"};

/* Letter and suffix columns as export src (BRP, KvK) writes them; the source
 * keeps a V3 unit letter as letter. */
void src_parts(const struct gen *g, long i, int src, char *let, char *suf, size_t n)
{
    static const char *const ground_brp[] = {"HS", "hs", "huis", "BG"};
    const struct addr *a = &g->a[i];
    fmt_letter(a, let);
    fmt_suffix(a, suf, n);
    if (src == SRC_BRP && (a->spell & SP_BARE)) {
        let[0] = suf[0] = 0;
        return;
    }
    switch (sp_in(a, src)) {
    case V_GROUND:
        snprintf(suf, n, "%s", src == SRC_BRP ? ground_brp[sp_form(g, i, src, 4)] : "HS");
        break;
    case V_ROMAN:
        snprintf(suf, n, "%s", ROMAN[a->suffix]);
        break;
    case V_UNIQUE:
        let[0] = 0;
        break;
    case V_BIS:
        snprintf(let, 2, "B");
        suf[0] = 0;
        break;
    default:
        break;
    }
}

/* Number text as export src (transactions, energy) writes it. The random
 * plain spelling is drawn first in any case, so that the format stream r runs
 * as without variants. */
void src_combined(const struct gen *g, long i, int src, struct rng *r, char *buf, size_t n)
{
    static const char *const ground[] = {" hs", "-huis", " bg", "-H", "H"};
    const struct addr *a = &g->a[i];
    unsigned no = a->number;
    fmt_combined(a, r, buf, n);
    switch (sp_in(a, src)) {
    case V_GROUND:
        snprintf(buf, n, "%u%s", no, ground[sp_form(g, i, src, 5)]);
        break;
    case V_ROMAN: {
        int f = sp_form(g, i, src, 3);
        if (f == 2)
            snprintf(buf, n, "%u-%ue", no, a->suffix);
        else
            snprintf(buf, n, f ? "%u %s" : "%u-%s", no, ROMAN[a->suffix]);
        break;
    }
    case V_UNIQUE:
        snprintf(buf, n, "%u", no);
        break;
    case V_BIS:
        snprintf(buf, n, sp_form(g, i, src, 2) ? "%u-B" : "%ub", no);
        break;
    default:
        break;
    }
}
