/*
 * write.c: the writers of brp.csv, kadaster_objecten.csv.gz,
 * kadaster_transacties.csv, energie.csv and truth.csv.
 *
 * Why: each writer walks the addresses in order and re-derives their rows
 * (persons, owner, transfers, connections), so memory stays at the plan. Rows
 * of an address that an export lacks are still formatted, so that the format
 * stream of later rows does not shift.
 */
#include "gen.h"

/* One address in population p, with `rows` rows (purchases) or 1. */
static void pop_add(struct gen *g, int p, const struct addr *a, long rows)
{
    g->s.pop[p] += rows;
    g->s.pop_rows[p][a->mark] += rows;
}

/* How many dwellings of the Kadaster export share a's pand (the units of a
 * pand lie next to each other in the plan). */
static int pand_dwellings(const struct gen *g, long i)
{
    int n = 0;
    long lo = i, hi = i;
    while (lo > 0 && g->a[lo - 1].pand == g->a[i].pand)
        lo--;
    while (hi + 1 < g->n && g->a[hi + 1].pand == g->a[i].pand)
        hi++;
    for (long k = lo; k <= hi; k++)
        n += g->a[k].usage == U_WOON && !(g->a[k].spell & SP_ABSENT);
    return n;
}

/* ------------------------------------------------------------------ BRP */

static void fmt_birth(const struct person *p, char *buf, size_t n)
{
    fmt_date(buf, n, p->birth, DF_YMD);
    if (p->partial == 1)
        memcpy(buf + 4, "0000", 4);
    else if (p->partial == 2)
        memcpy(buf + 6, "00", 2);
}

void write_brp(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct person p[MAX_HH];
    char sname[128], city[64], sur[64], buf[64], pc[16], let[8], suf[8];
    out_open(&o, dir, "brp.csv", 0);
    const char *hdr =
        "01.01.20 burgerservicenummer;01.02.40 geslachtsnaam;01.03.10 geboortedatum;"
        "01.04.10 geslachtsaanduiding;04.05.10 nationaliteit;08.10.30 datum aanvang adreshouding;"
        "08.11.10 straatnaam;08.11.20 huisnummer;08.11.30 huisletter;08.11.40 huisnummertoevoeging;"
        "08.11.60 postcode;08.11.70 woonplaatsnaam\r\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = hh_generate(g, i, p);
        if (n == 0)
            continue;
        street_name(g, a->street, buf, sizeof buf);
        to_cp1252(buf, sname, sizeof sname);
        city_name(g->st[a->street].city, buf, sizeof buf);
        to_cp1252(buf, city, sizeof city);
        fmt_postcode(a, PC_CANON, pc, sizeof pc);
        src_parts(g, i, SRC_BRP, let, suf, sizeof suf);
        for (int k = 0; k < n; k++) {
            row_begin(&rw, ';');
            snprintf(buf, sizeof buf, "%09u", bsn_of(g, p[k].pidx));
            row_add(&rw, buf);
            to_cp1252(SURNAME[p[k].surname], sur, sizeof sur);
            row_add(&rw, sur);
            fmt_birth(&p[k], buf, sizeof buf);
            row_add(&rw, buf);
            row_add(&rw, p[k].gender == 'M' ? "M" : "V");
            row_add(&rw, NATIONALITY[p[k].nat]);
            fmt_date(buf, sizeof buf, p[k].since, DF_YMD);
            row_add(&rw, buf);
            row_add(&rw, sname);
            row_addu(&rw, a->number);
            row_add(&rw, let);
            row_add(&rw, suf);
            row_add(&rw, pc);
            row_add(&rw, city);
            row_end(&rw, &o, "\r\n");
            g->s.residents++;
            g->s.partial += p[k].partial != 0;
        }
    }
    out_close(&o);
}

/* ------------------------------------------------------- Kadaster objects */

void write_objects(struct gen *g, const char *dir)
{
    static const enum pcform forms[] = {PC_LOWER_SPACE, PC_CANON, PC_SPACE};
    struct out o;
    struct row rw;
    struct rng r;
    char buf[128], let[8], suf[8];
    rng_seed(&r, g->seed, S_FMT, 1);
    out_open(&o, dir, "kadaster_objecten.csv.gz", 1);
    const char *hdr =
        "identificatie,pand_id,postcode,huisnummer,huisletter,toevoeging,straat,woonplaats,"
        "gebruiksdoel,oppervlakte,bouwjaar,woz_waarde,eigenaar_id,eigenaar_soort,"
        "eigenaar_geboortedatum,buurtcode,nummeraanduiding_id\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int pcf = rng_int(&r, 0, 2); /* drawn for V7 too: later rows keep their spelling */
        if (a->spell & SP_ABSENT)
            continue;
        struct owner ow = owner_of(g, i);
        if (a->usage == U_WOON) {
            if (ow.np && age_at(ow.birth, g->ref) < 30)
                pop_add(g, POP_YOUNG_OWNER, a, 1);
            if (a->hhsize == 0)
                pop_add(g, POP_VACANT, a, 1);
            if (a->n_act > 0)
                pop_add(g, POP_FIRMS, a, 1);
        } else if (a->usage != U_ZORG && a->usage != U_LOGIES) {
            pop_add(g, POP_NONRES, a, 1);
            if (a->usage == U_INDUSTRIE)
                pop_add(g, POP_INDUSTRIAL, a, 1);
        }
        row_begin(&rw, ',');
        snprintf(buf, sizeof buf, "177101%010u", a->vbo);
        row_add(&rw, buf);
        snprintf(buf, sizeof buf, "177110%010u", a->pand);
        row_add(&rw, buf);
        fmt_postcode(a, forms[pcf], buf, sizeof buf);
        row_add(&rw, buf);
        row_addu(&rw, a->number);
        bag_parts(a, let, suf, sizeof suf);
        row_add(&rw, let);
        row_add(&rw, suf);
        street_name(g, a->street, buf, sizeof buf);
        row_add(&rw, buf);
        city_name(g->st[a->street].city, buf, sizeof buf);
        row_add(&rw, buf);
        row_add(&rw, USAGE_NAME[a->usage]);
        row_addu(&rw, a->area);
        row_addu(&rw, a->byear);
        row_addu(&rw, a->woz);
        snprintf(buf, sizeof buf, ow.np ? "%09u" : "%08u", ow.id);
        row_add(&rw, buf);
        row_add(&rw, ow.np ? "NP" : "RP");
        if (ow.np)
            fmt_date(buf, sizeof buf, ow.birth, DF_ISO);
        else
            buf[0] = 0;
        row_add(&rw, buf);
        buurt_code(g->st[a->street].buurt, buf, sizeof buf);
        row_add(&rw, buf);
        nad_id(g, i, buf, sizeof buf);
        row_add(&rw, buf);
        row_end(&rw, &o, "\n");
    }
    out_close(&o);
}

/* --------------------------------------------------- Kadaster transactions */

/* The purchase populations of dwelling i: transferred twice within 3 years;
 * purchases in the last 24 months, by a person under 30 (whose age the exports
 * show: the current owner), without a mortgage. */
static void tx_pops(struct gen *g, long i, const struct tx *t, int n)
{
    const struct addr *a = &g->a[i];
    if (a->usage != U_WOON || (a->spell & SP_ABSENT) || n == 0)
        return;
    int resold = 0;
    for (int k = 1; k < n; k++)
        resold |= t[k].date - t[k - 1].date <= 1096;
    if (resold)
        pop_add(g, POP_RESOLD3, a, 1);
    struct owner ow = owner_of(g, i);
    for (int k = 0; k < n; k++) {
        if (g->ref - t[k].date > 731)
            continue;
        pop_add(g, POP_PURCH24, a, 1);
        if (t[k].np && ow.np && t[k].id == ow.id && age_at(ow.birth, t[k].date) < 30) {
            pop_add(g, POP_YOUNG24, a, 1);
            if (!t[k].mortgage)
                pop_add(g, POP_YOUNG24_CASH, a, 1);
        }
    }
}

void write_transactions(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct rng r;
    struct tx t[MAX_TX];
    char buf[64];
    rng_seed(&r, g->seed, S_FMT, 2);
    out_open(&o, dir, "kadaster_transacties.csv", 0);
    const char *hdr =
        "\xEF\xBB\xBFPostcode;Adres;Datum overdracht;Koopsom;Koper;Soort koper;Hypotheek\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = tx_generate(g, i, t);
        tx_pops(g, i, t, n);
        for (int k = 0; k < n; k++) {
            row_begin(&rw, ';');
            fmt_postcode(a, rng_chance(&r, 0.5) ? PC_CANON : PC_SPACE, buf, sizeof buf);
            row_add(&rw, buf);
            src_combined(g, i, SRC_TX, &r, buf, sizeof buf);
            row_add(&rw, buf);
            fmt_date(buf, sizeof buf, t[k].date, DF_DMY);
            row_add(&rw, buf);
            fmt_nl(buf, sizeof buf, t[k].cents, 2);
            row_add(&rw, buf);
            snprintf(buf, sizeof buf, t[k].np ? "%09u" : "%08u", t[k].id);
            row_add(&rw, buf);
            row_add(&rw, t[k].np ? "natuurlijk persoon" : "rechtspersoon");
            row_add(&rw, t[k].mortgage ? "J" : "N");
            if (a->spell & SP_ABSENT)
                continue; /* V7: formatted all the same, so later rows keep their spelling */
            row_end(&rw, &o, "\n");
            g->s.tx++;
            g->s.tx_nomortgage += !t[k].mortgage;
        }
    }
    out_close(&o);
}

/*
 * Electricity per postcode range, the statistic the grid operators publish as
 * open data (kleinverbruik): electricity connections of small consumers only
 * (an address using more than 100,000 kWh in all is a large consumer: care
 * homes, hotels, business centres), grouped by 6-position postcode in sorted
 * order, consecutive postcodes merged until a range holds at least 10
 * connections (a short last range joins the one before), the mean annual
 * volume per range, and p10 / median / p90 over the ranges (linear
 * interpolation at (m - 1) p). samples/gen_check.py computes the same from
 * energie.csv alone.
 */
struct pcsum {
    uint32_t key; /* pc4 * 1000 + letter pair: sorts as the postcode text */
    uint32_t n;
    double sum;
};

struct elkstat {
    struct pcsum *v;
    long n, cap;
};

static void elk_add(struct elkstat *e, const struct addr *a, double kwh)
{
    uint32_t key = (uint32_t)a->pc4 * 1000u + a->pcl;
    if (e->n == 0 || e->v[e->n - 1].key != key) {
        if (e->n == e->cap) {
            e->cap = e->cap ? e->cap * 2 : 4096;
            e->v = realloc(e->v, (size_t)e->cap * sizeof *e->v);
            if (!e->v)
                die("out of memory", NULL);
        }
        e->v[e->n++] = (struct pcsum){key, 0, 0};
    }
    e->v[e->n - 1].n++;
    e->v[e->n - 1].sum += kwh;
}

static int pcsum_cmp(const void *x, const void *y)
{
    const struct pcsum *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

static int dbl_cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double quantile(const double *v, long m, double p)
{
    double pos = (double)(m - 1) * p;
    long k = (long)pos;
    return k + 1 < m ? v[k] + (pos - (double)k) * (v[k + 1] - v[k]) : v[m - 1];
}

static void elk_done(struct elkstat *e, struct stats *s)
{
    /* the array follows the addresses; a postcode never returns, but sort
     * anyway (the postcode space wraps at very large sizes) */
    if (e->n > 1)
        qsort(e->v, (size_t)e->n, sizeof *e->v, pcsum_cmp);
    double *mean = malloc((size_t)(e->n ? e->n : 1) * sizeof *mean);
    if (!mean)
        die("out of memory", NULL);
    long m = 0, cnt = 0, last_cnt = 0;
    double sum = 0, last_sum = 0;
    for (long k = 0; k < e->n; k++) {
        s->elk_small += e->v[k].n;
        cnt += e->v[k].n;
        sum += e->v[k].sum;
        if (cnt >= 10) {
            mean[m++] = sum / (double)cnt;
            last_cnt = cnt;
            last_sum = sum;
            cnt = 0;
            sum = 0;
        }
    }
    if (cnt > 0 && m > 0) /* the short last range joins the one before */
        mean[m - 1] = (last_sum + sum) / (double)(last_cnt + cnt);
    if (m > 1)
        qsort(mean, (size_t)m, sizeof *mean, dbl_cmp);
    s->elk_ranges = m;
    if (m > 0) {
        s->elk_p10 = quantile(mean, m, 0.10);
        s->elk_p50 = quantile(mean, m, 0.50);
        s->elk_p90 = quantile(mean, m, 0.90);
    }
    free(mean);
    free(e->v);
}

/*
 * Household electricity within groups of comparable dwellings, the way
 * gen_check.py measures it from the exports: ordinary (not planted) occupied
 * dwellings spelled alike everywhere, without reported feed-in or a negative
 * month, grouped by heating (gas >= 50 m3 or not), type (a flat when its pand
 * holds more than one dwelling), floor area band (<50, 50-74, 75-99, 100-149,
 * >=150 m2) and residents; per group of at least 50 dwellings 1.4826 x MAD of
 * log(1 + annual kWh), weighted by group size. A histogram per group (bins of
 * 0.004) keeps memory fixed at any size.
 */
#define SPR_W 0.004
#define SPR_BINS 3500 /* log(1 + kWh) up to 14 */
#define SPR_RES 12    /* residents; larger households never make a group of 50 */
#define SPR_GROUPS (2 * 2 * 5 * SPR_RES)

static double hist_median(const uint32_t *h, long m)
{
    double half = (double)m / 2.0, cum = 0;
    for (int b = 0; b < SPR_BINS; b++) {
        if (h[b] && cum + h[b] >= half)
            return (b + (half - cum) / h[b]) * SPR_W;
        cum += h[b];
    }
    return SPR_BINS * SPR_W;
}

static void spread_done(const uint32_t *hist, struct stats *s)
{
    static uint32_t dev[SPR_BINS];
    double sum = 0;
    for (int k = 0; k < SPR_GROUPS; k++) {
        const uint32_t *h = hist + (size_t)k * SPR_BINS;
        long m = 0;
        for (int b = 0; b < SPR_BINS; b++)
            m += h[b];
        if (m < 50)
            continue;
        double med = hist_median(h, m);
        memset(dev, 0, sizeof dev);
        for (int b = 0; b < SPR_BINS; b++)
            if (h[b])
                dev[clampi((int)(fabs((b + 0.5) * SPR_W - med) / SPR_W), 0, SPR_BINS - 1)] += h[b];
        sum += (double)m * 1.4826 * hist_median(dev, m);
        s->elk_spread_n += m;
        s->elk_spread_groups++;
    }
    s->elk_spread = s->elk_spread_n ? sum / (double)s->elk_spread_n : 0;
}

/* The energy populations of dwelling i and its place in the spread histogram. */
static void en_pops(struct gen *g, long i, const struct conn *c, int n, uint32_t *hist)
{
    const struct addr *a = &g->a[i];
    if (a->usage != U_WOON || (a->flags & F_NOCONN) || (a->spell & SP_ABSENT) || a->hhsize == 0)
        return;
    double elk = 0, gas = 0;
    int has_elk = 0, monthly = 0, fed = 0, neg = 0;
    char buf[32];
    for (int k = 0; k < n; k++) {
        if (c[k].gas) {
            gas += (double)c[k].annual10 / 10.0;
            continue;
        }
        has_elk = 1;
        elk += (double)c[k].annual10 / 10.0;
        monthly |= c[k].monthly;
        for (int j = 0; j < 12 && c[k].monthly; j++)
            neg |= c[k].m10[j] < 0;
        fmt_sji(g, i, &c[k], k, buf, sizeof buf);
        fed |= atol(buf) > 0;
    }
    if (!has_elk)
        return;
    pop_add(g, POP_OCCUPIED, a, 1);
    if (monthly)
        pop_add(g, POP_MONTHLY, a, 1);
    int flat = pand_dwellings(g, i) > 1;
    if (a->hhsize == 1 && flat && a->area >= 50 && a->area <= 70 && gas >= 50)
        pop_add(g, POP_FLAT1, a, 1);
    if (PATTERNS[a->mark].theme >= 0 || (a->spell & ~SP_BAGID) || fed || neg || elk <= 0 ||
        a->hhsize > SPR_RES)
        return;
    int band = (a->area >= 50) + (a->area >= 75) + (a->area >= 100) + (a->area >= 150);
    int grp = (((gas >= 50) * 2 + flat) * 5 + band) * SPR_RES + a->hhsize - 1;
    hist[(size_t)grp * SPR_BINS + clampi((int)(log1p(elk) / SPR_W), 0, SPR_BINS - 1)]++;
}

void write_energy(struct gen *g, const char *dir)
{
    static const enum pcform forms[] = {PC_SPACE, PC_LOWER, PC_NL, PC_DASH, PC_CANON};
    struct out o;
    struct row rw;
    struct rng r;
    struct conn c[MAX_CONN];
    struct elkstat es = {NULL, 0, 0};
    char buf[64], pc[24], nr[24];
    uint32_t *hist = calloc((size_t)SPR_GROUPS * SPR_BINS, sizeof *hist);
    if (!hist)
        die("out of memory", NULL);
    rng_seed(&r, g->seed, S_FMT, 3);
    out_open(&o, dir, "energie.csv", 0);
    const char *hdr = "EAN\tPRODUCT\tPOSTCODE\tHUISNR\tSJV\tM01\tM02\tM03\tM04\tM05\tM06\tM07\tM08"
                      "\tM09\tM10\tM11\tM12\tBAG_ID\tSJI\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = en_generate(g, i, c);
        int64_t elk10 = 0;
        for (int k = 0; k < n; k++)
            elk10 += c[k].gas ? 0 : c[k].annual10;
        int small = elk10 <= 1000000; /* at most 100,000 kWh: a small consumer */
        en_pops(g, i, c, n, hist);
        g->s.elk_large += !small && !(a->flags & F_NOCONN);
        for (int k = 0; k < n; k++) {
            row_begin(&rw, '\t');
            ean_next(g, buf, sizeof buf);
            row_add(&rw, buf);
            row_add(&rw, c[k].gas ? "GAS" : "ELK");
            fmt_postcode(a, forms[rng_int(&r, 0, 4)], pc, sizeof pc);
            row_add(&rw, pc);
            src_combined(g, i, SRC_EN, &r, nr, sizeof nr);
            row_add(&rw, nr);
            fmt_nl(buf, sizeof buf, c[k].annual10, 1);
            row_add(&rw, buf);
            for (int m = 0; m < 12; m++) {
                if (c[k].monthly)
                    fmt_nl(buf, sizeof buf, c[k].m10[m], 1);
                else
                    buf[0] = 0;
                row_add(&rw, buf);
            }
            if (a->spell & SP_BAGID)
                nad_id(g, i, buf, sizeof buf);
            else
                buf[0] = 0;
            row_add(&rw, buf);
            fmt_sji(g, i, &c[k], k, buf, sizeof buf);
            row_add(&rw, buf);
            if (a->flags & F_NOCONN) {
                g->s.noconn_rows++; /* formatted all the same: later rows keep their spelling */
                continue;
            }
            row_end(&rw, &o, "\n");
            g->s.bagid_rows += (a->spell & SP_BAGID) != 0;
            g->s.gas += c[k].gas;
            g->s.elk += !c[k].gas;
            g->s.monthly += c[k].monthly;
            if (!c[k].gas && small)
                elk_add(&es, a, (double)c[k].annual10 / 10.0);
        }
    }
    elk_done(&es, &g->s);
    spread_done(hist, &g->s);
    free(hist);
    out_close(&o);
}

/* ------------------------------------------------------------------ truth */

static void truth_row(struct gen *g, struct out *o, const struct addr *a, int theme, int m)
{
    struct row rw;
    char pc[16], let[8], suf[8];
    int v = sp_kind(a), c = PATTERNS[m].is_case;
    row_begin(&rw, ';');
    row_add(&rw, THEME_NAME[theme]);
    row_add(&rw, PATTERNS[m].is_case ? "case" : "lookalike");
    fmt_postcode(a, PC_CANON, pc, sizeof pc);
    row_add(&rw, pc);
    row_addu(&rw, a->number);
    bag_parts(a, let, suf, sizeof suf);
    row_add(&rw, let);
    row_add(&rw, suf);
    row_add(&rw, PATTERNS[m].name);
    row_add(&rw, VARIANT_NAME[v]);
    row_end(&rw, o, "\n");
    g->s.truth_var[theme][c][v]++;
    g->s.truth_rel[theme][c] += (sp_srcs(a) & THEME_SRC[theme]) != 0;
    if (PATTERNS[m].is_case)
        g->s.truth_case[theme]++;
    else
        g->s.truth_look[theme]++;
}

void write_truth(struct gen *g, const char *dir)
{
    struct out o;
    out_open(&o, dir, "truth.csv", 0);
    const char *hdr =
        "theme;kind;postcode;house_number;house_letter;house_suffix;pattern;spelling\n";
    out_write(&o, hdr, strlen(hdr));
    for (int th = 0; th < TH_N; th++)
        for (int want_case = 1; want_case >= 0; want_case--)
            for (long i = 0; i < g->n; i++) {
                int m = g->a[i].mark;
                if (m == M_NONE || PATTERNS[m].is_case != want_case)
                    continue;
                int theme = PATTERNS[m].theme;
                if (m == M_CARE && th == TH_OVERBEWONING)
                    theme = TH_OVERBEWONING;
                if (theme == th)
                    truth_row(g, &o, &g->a[i], th, m);
            }
    out_close(&o);
    memset(g->s.pattern, 0, sizeof g->s.pattern);
    for (long i = 0; i < g->n; i++)
        g->s.pattern[g->a[i].mark]++;
}
