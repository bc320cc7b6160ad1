/*
 * meldingen.c: citizen reports (meldingen.csv).
 *
 * Why: tips are not facts. Relevant reports land on a fixed share of every
 * planted pattern, but there are false tips at ordinary addresses and at the
 * look-alikes, plenty of irrelevant noise, and a few duplicates.
 */
#include "gen.h"

/* -------------------------------------------------------------- meldingen */

/*
 * Citizen reports: Meld Misdaad Anoniem, police and the
 * municipal meldpunt. Tips are not facts: most relevant categories land on
 * planted cases, but there are false tips at ordinary addresses and at the
 * look-alikes, plenty of irrelevant noise, and a few duplicates.
 */

enum mcat {
    MC_HENNEP,
    MC_STANK,
    MC_STROOM,
    MC_DRUGS,
    MC_OVERBEW,
    MC_ARBMIG,
    MC_HUISJES,
    MC_BRIEVENBUS,
    MC_SPOOK,
    MC_WITWAS,
    MC_VASTGOED,
    MC_GELUID,
    MC_BUREN,
    MC_PARKEER,
    MC_AFVAL,
    MC_TUIN,
    MC_N
};
static const char *const MCAT_NAME[MC_N] = {
    "hennepteelt",       "stankoverlast hennep", "stroomdiefstal",
    "drugsoverlast",     "overbewoning",         "arbeidsmigranten",
    "huisjesmelkerij",   "brievenbusfirma",      "spookbedrijf",
    "witwassen",         "vastgoedfraude",       "geluidsoverlast",
    "burenruzie",        "parkeeroverlast",      "afval",
    "verwaarlozing tuin"};
enum mchan { MK_MMA, MK_POLITIE, MK_MELDPUNT };
static const char *const MCHAN_NAME[] = {"MMA", "politie", "meldpunt"};

struct meld {
    int32_t date;
    uint32_t addr;
    uint16_t seq; /* order within the address */
    uint8_t cat, chan;
};

struct mlist {
    struct meld *m;
    long n, cap;
};

/* A relevant category of theme th; meter bypasses are often reported as theft. */
static int meld_cat(struct rng *r, int th, int mark)
{
    static const double w_hennep[] = {0.40, 0.30, 0.12, 0.18};
    static const double w_bypass[] = {0.30, 0.20, 0.40, 0.10};
    static const double w_over[] = {0.50, 0.30, 0.20};
    switch (th) {
    case TH_HENNEP:
        return MC_HENNEP +
               rng_pick(r,
                        (mark == M_METER_BYPASS || mark == M_BYPASS_PARTIAL) ? w_bypass : w_hennep,
                        4);
    case TH_OVERBEWONING:
        return MC_OVERBEW + rng_pick(r, w_over, 3);
    case TH_BRIEVENBUS:
        return rng_chance(r, 0.6) ? MC_BRIEVENBUS : MC_SPOOK;
    default:
        return rng_chance(r, 0.6) ? MC_WITWAS : MC_VASTGOED;
    }
}

static int meld_chan(struct rng *r, int cat)
{
    static const double w_drugs[] = {0.45, 0.40, 0.15}, w_over[] = {0.10, 0.20, 0.70};
    static const double w_fin[] = {0.50, 0.20, 0.30}, w_noise[] = {0.0, 0.40, 0.60};
    const double *w = cat <= MC_DRUGS      ? w_drugs
                      : cat <= MC_HUISJES  ? w_over
                      : cat <= MC_VASTGOED ? w_fin
                                           : w_noise;
    return rng_pick(r, w, 3);
}

static void meld_push(struct mlist *l, long i, int32_t date, int cat, int chan)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->m = realloc(l->m, (size_t)l->cap * sizeof *l->m);
        if (!l->m)
            die("out of memory", NULL);
    }
    uint16_t seq = (l->n > 0 && l->m[l->n - 1].addr == (uint32_t)i) ? l->m[l->n - 1].seq + 1 : 0;
    l->m[l->n++] = (struct meld){date, (uint32_t)i, seq, (uint8_t)cat, (uint8_t)chan};
}

/* k reports of category group th (or noise when th < 0) at address i, spread
 * over months; ~2% of reports are entered twice. Returns the rows added. */
static long meld_series(const struct gen *g, struct mlist *l, struct rng *r, long i, int k, int th)
{
    int gap[3] = {0, 0, 0}, span = 0;
    for (int j = 1; j < k; j++)
        span += gap[j] = rng_int(r, 20, 180);
    int32_t d = g->ref - rng_int(r, 1 + span, 730);
    long rows = 0;
    for (int j = 0; j < k; j++) {
        d += gap[j];
        int cat = th < 0 ? MC_GELUID + rng_int(r, 0, 4) : meld_cat(r, th, g->a[i].mark);
        int chan = meld_chan(r, cat);
        meld_push(l, i, d, cat, chan);
        rows++;
        if (rng_chance(r, 0.02)) {
            meld_push(l, i, d, cat, chan);
            rows++;
        }
    }
    return rows;
}

static int meld_cmp(const void *x, const void *y)
{
    const struct meld *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->addr != b->addr)
        return a->addr < b->addr ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Share of planted addresses (per pattern) with relevant reports. */
static double meld_share(int m)
{
    if (m == M_CARE || PATTERNS[m].theme < 0)
        return 0;
    if (!PATTERNS[m].is_case)
        return 0.25;
    switch (m) {
    case M_METER_BYPASS:
    case M_BYPASS_PARTIAL:
        return 0.70;
    case M_GROW_SMALL:
    case M_GROW_FLAT_SMALL:
        return 0.35;
    default:
        break;
    }
    static const double by_theme[TH_N] = {0.50, 0.15, 0.30, 0.40};
    return by_theme[PATTERNS[m].theme];
}

/* Marks exactly round(share x count) addresses of every pattern as reported. */
static uint8_t *meld_select(const struct gen *g)
{
    uint8_t *sel = calloc((size_t)g->n, 1);
    long *idx = malloc((size_t)g->n * sizeof *idx);
    if (!sel || !idx)
        die("out of memory", NULL);
    for (int m = 1; m < M_COUNT; m++) {
        long c = 0;
        for (long i = 0; i < g->n; i++)
            if (g->a[i].mark == m)
                idx[c++] = i;
        struct rng r;
        rng_seed(&r, g->seed, S_MELD, (uint64_t)g->n + (uint64_t)m);
        for (long k = c - 1; k > 0; k--) {
            long j = (long)(rng_unif(&r) * (double)(k + 1));
            long t = idx[k];
            idx[k] = idx[j];
            idx[j] = t;
        }
        for (long k = lround(meld_share(m) * (double)c) - 1; k >= 0; k--)
            sel[idx[k]] = 1;
    }
    free(idx);
    return sel;
}

static void meld_generate(struct gen *g, struct mlist *l)
{
    static const double w_k[] = {0.65, 0.25, 0.10}, w_noise[] = {0.60, 0.28, 0.12};
    static const double w_th_dw[TH_N] = {0.45, 0.10, 0.15, 0.30};
    uint8_t *sel = meld_select(g);
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        struct rng r;
        rng_seed(&r, g->seed, S_MELD, (uint64_t)i);
        int m = a->mark, th = m ? PATTERNS[m].theme : -1;
        if (rng_chance(&r, g->w->p_noise)) {
            g->s.meld_noise += meld_series(g, l, &r, i, 1 + rng_pick(&r, w_noise, 3), -1);
            g->s.meld_noise_addr++;
        }
        if (sel[i]) {
            long rows = meld_series(g, l, &r, i, 1 + rng_pick(&r, w_k, 3), th);
            if (PATTERNS[m].is_case) {
                g->s.meld_case += rows;
                g->s.meld_case_addr++;
            } else {
                g->s.meld_look += rows;
                g->s.meld_look_addr++;
            }
        } else if (th < 0 && rng_chance(&r, g->w->p_false_tip)) {
            /* a false tip: a neighbour's suspicion that is wrong */
            int t = a->usage == U_WOON ? rng_pick(&r, w_th_dw, TH_N)
                                       : (rng_chance(&r, 0.7) ? TH_HENNEP : TH_BRIEVENBUS);
            g->s.meld_false += meld_series(g, l, &r, i, rng_chance(&r, 0.85) ? 1 : 2, t);
            g->s.meld_false_addr++;
        }
    }
    free(sel);
    qsort(l->m, (size_t)l->n, sizeof *l->m, meld_cmp);
    for (long k = 1; k < l->n; k++)
        g->s.meld_dup += l->m[k].addr == l->m[k - 1].addr && l->m[k].date == l->m[k - 1].date &&
                         l->m[k].cat == l->m[k - 1].cat;
}

void write_meldingen(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct rng r;
    struct mlist l = {NULL, 0, 0};
    char buf[64];
    meld_generate(g, &l);
    rng_seed(&r, g->seed, S_FMT, 4);
    out_open(&o, dir, "meldingen.csv", 0);
    const char *hdr = "meldingnummer;datum;postcode;huisnummer;categorie;kanaal\n";
    out_write(&o, hdr, strlen(hdr));
    int year = 0;
    long serial = 0;
    for (long k = 0; k < l.n; k++) {
        const struct meld *m = &l.m[k];
        long i = (long)m->addr;
        int y = year_of(m->date);
        serial = y == year ? serial + 1 : 1;
        year = y;
        row_begin(&rw, ';');
        snprintf(buf, sizeof buf, "M%04d-%06ld", y, serial);
        row_add(&rw, buf);
        fmt_date(buf, sizeof buf, m->date, DF_ISO);
        row_add(&rw, buf);
        fmt_postcode(&g->a[i], PC_CANON, buf, sizeof buf);
        row_add(&rw, buf);
        src_combined(g, i, SRC_EN, &r, buf, sizeof buf);
        row_add(&rw, buf);
        row_add(&rw, MCAT_NAME[m->cat]);
        row_add(&rw, MCHAN_NAME[m->chan]);
        row_end(&rw, &o, "\n");
    }
    g->s.meld = l.n;
    free(l.m);
    out_close(&o);
}
