/*
 * vik-gen: deterministic generator of a synthetic Dutch municipality.
 *
 * Why: vik (the nightly "ondermijning" batch) needs realistic input to test
 * ingest, address linkage and scoring, and a ground truth to measure
 * precision and recall against (`vik eval`). Real registers can never be used
 * for that, so this program invents a municipality the size of
 * Geldrop-Mierlo (default 17,000 addresses) and plants known cases and
 * legitimate look-alikes in it.
 *
 * What: from --seed, --world and --addresses it writes the six exports described in
 * samples/EXPORTS.md (brp.csv, kadaster_objecten.csv.gz,
 * kadaster_transacties.csv, kvk_vestigingen.csv, energie.csv, meldingen.csv) plus
 * truth.csv.
 * Every value is "as of" the reference date 2026-11-01. Each export uses a
 * different Dutch dialect (delimiter, encoding, decimals, dates, address form)
 * exactly as the contract in EXPORTS.md says. The Kadaster objects spell every
 * address as the BAG does; the other exports spell some differently (ground
 * floor, Roman floors, letter vs toevoeging, omitted letter, BIS), a few rows
 * stay ambiguous and a few new builds are missing from the Kadaster, so that
 * vik's address linkage meets every match class (see "spelling" below).
 *
 * How: one array of struct addr (64 bytes per address) holds the *plan* of the
 * municipality: geography, household size and kind, tenure, energy flags,
 * KvK counts and planted patterns. Rows are never kept in memory: each writer
 * re-derives the details of one address (its persons, transactions,
 * connections, branches) from a private PRNG stream keyed by (seed, purpose,
 * address index). That keeps all files consistent with each other and memory
 * bounded (9.2 million addresses fit in ~0.7 GB). Identifiers (BSN, KvK,
 * vestigingsnummer, EAN) are bijections of counters, so they are unique
 * without a hash set. The PRNG is xoshiro256** seeded by splitmix64; rand()
 * is never used, so the same seed gives byte-identical files.
 *
 * The figures (household sizes, energy medians, hypotheekloos share, ...)
 * follow published figures (samples/README.md) and are meant to be realistic; they are
 * deliberately not tuned to any scorer.
 *
 * The world (--world, default geldrop; --list-worlds) is one row of world.c:
 * a plausible municipality that differs from the others in exactly the things
 * vik's indicators are sensitive to, so that defaults tuned on one can be
 * checked on the others.
 *
 * This file: the command line, the order in which the plan is built, and the
 * printed summary. gen.h says which module does what.
 */
#include "gen.h"

/* ------------------------------------------------------------------ main */

const char *const POP_NAME[POP_N] = {"purchases of a dwelling by a person under 30, last 24 months",
                                     "... of which without a mortgage",
                                     "purchases of a dwelling, last 24 months (price vs WOZ)",
                                     "dwellings transferred twice within 3 years",
                                     "dwellings owned by a person under 30",
                                     "dwellings with nobody registered",
                                     "occupied dwellings with electricity",
                                     "one-person flats of 50-70 m2 heated with gas",
                                     "occupied dwellings with monthly electricity values",
                                     "non-residential units (no care homes, hotels)",
                                     "industrial units",
                                     "dwellings with an active firm registered"};

static void usage_exit(void)
{
    fprintf(stderr, "usage: vik-gen [--seed N] [--world NAME] --out DIR [--addresses N]\n"
                    "       vik-gen --list-worlds\n");
    exit(2);
}

static long parse_long(const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi) {
        fprintf(stderr, "vik-gen: invalid number '%s'\n", s);
        exit(2);
    }
    return v;
}

static void make_dirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            die("cannot create directory", buf);
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        die("cannot create directory", buf);
}

/* Variant counts, and per theme the planted rows with a variant ("in source":
 * in the export the theme reads). */
static void print_spelling(const struct gen *g)
{
    const struct stats *s = &g->s;
    printf("  spelling: blocks %ld (Amsterdam-style %ld, %ld H units); addresses with a variant:",
           s->blocks, s->ams_blocks, s->ground_units);
    for (int v = 1; v < V_N; v++)
        printf(" %s=%ld", VARIANT_NAME[v], s->variant[v]);
    printf("\n  spelling: lettered houses alone at their number %ld, BRP bare number (ambiguous) "
           "%ld, not in Kadaster %ld, energy rows with BAG id %ld, forced for planted rows %ld\n",
           s->unique_houses, s->bare, s->absent, s->bagid_rows, s->forced);
    for (int th = 0; th < TH_N; th++)
        for (int c = 1; c >= 0; c--) {
            long rows = c ? s->truth_case[th] : s->truth_look[th];
            printf("  %-12s %-11s with variant %ld (in source %ld):", THEME_NAME[th],
                   c ? "cases" : "look-alikes", rows - s->truth_var[th][c][V_NONE],
                   s->truth_rel[th][c]);
            for (int v = 1; v < V_N; v++)
                if (s->truth_var[th][c][v])
                    printf(" %s=%ld", VARIANT_NAME[v], s->truth_var[th][c][v]);
            printf("\n");
        }
}

/* The base rates a world sets, counted on the plan (ordinary addresses). */
static void print_world(const struct gen *g)
{
    long dw = 0, flats = 0, houses = 0, occ = 0, ae = 0, ev = 0, solar = 0, students = 0;
    long remote = 0, big_ll = 0, farms = 0, barns = 0;
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        farms += a->kvkkind == K_FARM;
        barns += a->tenure == T_FARM;
        remote += a->kvkkind == K_REMOTE && a->mark == M_NONE && a->tenure != T_FARM;
        big_ll += a->usage == U_WOON && a->tenure == T_PRIVATE && g->ll[a->owner].nprops > 5;
        if (a->usage != U_WOON)
            continue;
        dw++;
        flats += a->dtype == D_APART;
        houses += a->dtype != D_APART;
        occ += a->hhsize > 0;
        ae += (a->flags & F_ALLELEC) != 0;
        ev += (a->flags & F_EV) != 0;
        solar += a->dtype != D_APART && (a->flags & F_SOLAR);
        students += a->hhkind == H_STUDENT && a->mark == M_NONE;
    }
    printf("  world %s: flats %.0f%% of dwellings, all-electric %.0f%%, electric car %.0f%% of "
           "households, panels on %.0f%% of houses; student houses %ld; addresses of landlords "
           "with more than 5 dwellings %.1f%%; shops run from elsewhere %ld; farms %ld with %ld "
           "outbuildings\n",
           g->w->name, 100.0 * flats / dw, 100.0 * ae / dw, 100.0 * ev / (occ ? occ : 1),
           100.0 * solar / (houses ? houses : 1), students, 100.0 * big_ll / g->n, remote, farms,
           barns);
}

/* Per population: the rows of the case patterns judged in it (their share),
 * and the look-alikes that fall in it. */
static void print_density(const struct gen *g)
{
    const struct stats *s = &g->s;
    printf("  planted rows in the population their signal is judged in (cases; look-alikes "
           "there in brackets):\n");
    for (int p = 0; p < POP_N; p++) {
        unsigned want = p == POP_YOUNG24_CASH ? PB(POP_YOUNG24) : PB(p);
        long cases = 0;
        for (int m = 1; m < M_COUNT; m++)
            if (PATTERNS[m].is_case && (PATTERNS[m].pops & want))
                cases += s->pop_rows[p][m];
        printf("    %-62s %7ld: cases %3ld = %4.1f%%", POP_NAME[p], s->pop[p], cases,
               s->pop[p] ? 100.0 * (double)cases / (double)s->pop[p] : 0.0);
        const char *sep = " (";
        for (int m = 1; m < M_COUNT; m++)
            if (PATTERNS[m].is_case && (PATTERNS[m].pops & want) && s->pop_rows[p][m]) {
                printf("%s%s %ld", sep, PATTERNS[m].name, s->pop_rows[p][m]);
                sep = ", ";
            }
        printf("%s", sep[0] == ',' ? ")" : "");
        sep = " [";
        for (int m = 1; m < M_COUNT; m++)
            if (!PATTERNS[m].is_case && PATTERNS[m].theme >= 0 && s->pop_rows[p][m]) {
                printf("%s%s %ld", sep, PATTERNS[m].name, s->pop_rows[p][m]);
                sep = ", ";
            }
        printf("%s\n", sep[0] == ',' ? "]" : "");
    }
}

static void print_summary(const struct gen *g)
{
    const struct stats *s = &g->s;
    printf("vik-gen world=%s seed=%" PRIu64 " addresses=%ld reference_date=%04d-%02d-%02d\n",
           g->w->name, g->seed, g->n, REF_YEAR, REF_MONTH, REF_DAY);
    for (int u = 0; u < U_N; u++)
        printf("  %-24s %8ld\n", USAGE_NAME[u], s->usage[u]);
    printf("  residents %ld (partial birth dates %ld), streets %ld, landlords %ld\n", s->residents,
           s->partial, g->n_st, g->n_ll);
    printf("  kvk branches %ld active + %ld dissolved = %ld\n", s->kvk_active, s->kvk_dissolved,
           s->kvk_active + s->kvk_dissolved);
    printf("  energy connections %ld ELK (%ld with monthly values) + %ld GAS\n", s->elk, s->monthly,
           s->gas);
    printf("  transactions %ld, hypotheekloos %ld (%.1f%%)\n", s->tx, s->tx_nomortgage,
           s->tx ? 100.0 * (double)s->tx_nomortgage / (double)s->tx : 0.0);
    for (int th = 0; th < TH_N; th++) {
        printf("  %-12s cases %3ld, look-alikes %3ld:", THEME_NAME[th], s->truth_case[th],
               s->truth_look[th]);
        for (int m = 1; m < M_COUNT; m++)
            if (PATTERNS[m].theme == th || (m == M_CARE && th == TH_OVERBEWONING))
                printf(" %s=%ld", PATTERNS[m].name, s->pattern[m]);
        printf("\n");
    }
    print_world(g);
    printf("  electricity per postcode range (open-data style: %ld small-consumer connections, "
           "%ld large-consumer addresses left out): %ld ranges, p10 %.0f / median %.0f / p90 "
           "%.0f kWh\n",
           s->elk_small, s->elk_large, s->elk_ranges, s->elk_p10, s->elk_p50, s->elk_p90);
    printf("  household electricity within comparable dwellings (heating x type x area band x "
           "residents, groups >= 50): 1.4826 MAD of log(1+kWh) = %.3f over %ld dwellings in %ld "
           "groups\n",
           s->elk_spread, s->elk_spread_n, s->elk_spread_groups);
    printf("  energy: %ld dwellings without any connection data (%ld rows left out; planted "
           "no_energy_data %ld)\n",
           s->noconn, s->noconn_rows, s->pattern[M_NO_ENERGY]);
    printf("  meldingen %ld rows: noise %ld at %ld addresses, relevant at cases %ld at %ld "
           "addresses, at look-alikes %ld at %ld, false tips %ld at %ld, duplicates %ld\n",
           s->meld, s->meld_noise, s->meld_noise_addr, s->meld_case, s->meld_case_addr,
           s->meld_look, s->meld_look_addr, s->meld_false, s->meld_false_addr, s->meld_dup);
    print_density(g);
    print_spelling(g);
}

int main(int argc, char **argv)
{
    struct gen g;
    memset(&g, 0, sizeof g);
    g.seed = 1;
    g.n = 17000;
    const char *out = NULL, *world = "geldrop";
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--list-worlds") == 0) {
            world_list(stdout);
            return 0;
        } else if (strcmp(argv[k], "--seed") == 0 && k + 1 < argc)
            g.seed = (uint64_t)parse_long(argv[++k], 0, 2147483647L);
        else if (strcmp(argv[k], "--world") == 0 && k + 1 < argc)
            world = argv[++k];
        else if (strcmp(argv[k], "--out") == 0 && k + 1 < argc)
            out = argv[++k];
        else if (strcmp(argv[k], "--addresses") == 0 && k + 1 < argc)
            g.n = parse_long(argv[++k], 1000, 16000000L);
        else
            usage_exit();
    }
    if (!out)
        usage_exit();
    g.w = world_find(world);
    if (!g.w) {
        fprintf(stderr, "vik-gen: unknown world '%s'; the worlds are:\n", world);
        world_list(stderr);
        exit(2);
    }
    g.ref = days_from_civil(REF_YEAR, REF_MONTH, REF_DAY);
    g.win0 = days_from_civil(REF_YEAR - 6, REF_MONTH, REF_DAY);
    g.woz_day = days_from_civil(2025, 1, 1);
    g.n_chain = (int)lmax(4, g.n / 3000);
    g.n_corp = (int)(3 + g.n / 60000);
    g.n_inv = (int)lmax(5, g.n / 2000);
    g.n_dev = (int)lmax(3, g.n / 5000);
    g.a = calloc((size_t)g.n, sizeof *g.a);
    if (!g.a)
        die("out of memory", NULL);
    ids_init(&g);
    geo_build(&g);
    plan_woz(&g);
    plan_households(&g);
    plan_flags(&g);
    plan_kvk(&g);
    plan_owners(&g);
    long n_cases = lmax(8, lround((double)g.n / 1000.0));
    plant_cases(&g, n_cases);
    plant_lookalikes(&g, n_cases);
    plant_harder(&g);
    plant_worlds(&g);
    finalise(&g);
    plan_spelling(&g);
    plan_noconn(&g);
    plan_energy_peers(&g);
    make_dirs(out);
    write_brp(&g, out);
    write_objects(&g, out);
    write_transactions(&g, out);
    write_kvk(&g, out);
    write_energy(&g, out);
    write_meldingen(&g, out);
    write_truth(&g, out);
    print_summary(&g);
    free(g.a);
    free(g.st);
    free(g.ll);
    free(g.sp_birth);
    return 0;
}
