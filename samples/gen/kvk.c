/*
 * kvk.c: the KvK branches at an address and kvk_vestigingen.csv.
 *
 * Why: the brievenbus patterns and their look-alikes live in how many firms
 * are registered at an address, in which sectors and for how long. Branches
 * are re-derived per address from the KvK plan (kvkkind, n_act, n_dis).
 */
#include "gen.h"

static const char *const TRADE_WORD[] = {
    "Horizon",    "De Linde", "Noorderlicht", "Eikenhof",   "Dommeldal", "Kempenland",
    "Zilverberk", "Peelrand", "Het Anker",    "De Ster",    "Zonneveld", "Brabantia",
    "Vitaal",     "Koploper", "Trefpunt",     "Het Hoekje", "Nova",      "Prima",
    "Optimaal",   "De Brug",  "Vakwerk",      "Focus"};
#define N_TRADE_WORD ((int)(sizeof TRADE_WORD / sizeof TRADE_WORD[0]))

struct sbi {
    const char *code;
    const char *label;
};

static const struct sbi SBI_SHOP[] = {
    {"47110", "Supermarkt"},  {"47241", "Bakkerij"},   {"47710", "Mode"},
    {"47721", "Schoenen"},    {"47761", "Bloemen"},    {"47410", "Computers"},
    {"4742", "Telecom"},      {"47730", "Apotheek"},   {"47640", "Sport"},
    {"47520", "Bouwmarkt"},   {"47781", "Optiek"},     {"96021", "Kapsalon"},
    {"96022", "Beautysalon"}, {"56102", "Snackbar"},   {"56101", "Restaurant"},
    {"5630", "Cafe"},         {"47591", "Woonwinkel"}, {"47221", "Slagerij"}};
static const struct sbi SBI_OFFICE[] = {
    {"69101", "Advocatenkantoor"}, {"69201", "Administratiekantoor"},
    {"70221", "Advies"},           {"62010", "Software"},
    {"62020", "IT Consultancy"},   {"71121", "Ingenieursbureau"},
    {"73110", "Reclamebureau"},    {"6831", "Makelaardij"},
    {"66221", "Verzekeringen"},    {"7810", "Personeelsdiensten"},
    {"86230", "Tandartspraktijk"}, {"86919", "Fysiotherapie"},
    {"70101", "Beheer"},           {"74101", "Ontwerpstudio"}};
static const struct sbi SBI_IND[] = {
    {"25110", "Staalbouw"},           {"25620", "Metaalbewerking"},  {"41200", "Bouwbedrijf"},
    {"43221", "Installatietechniek"}, {"43341", "Schildersbedrijf"}, {"43320", "Timmerbedrijf"},
    {"4520", "Autoservice"},          {"4511", "Autohandel"},        {"4677", "Metaalrecycling"},
    {"46900", "Groothandel"},         {"16230", "Houtbewerking"},    {"10711", "Broodfabriek"},
    {"49410", "Transport"},           {"43910", "Dakdekkers"}};
static const struct sbi SBI_ZZP[] = {
    {"74101", "Grafisch Ontwerp"},  {"74201", "Fotografie"},  {"62010", "Software"},
    {"43341", "Schilderwerken"},    {"43221", "Installatie"}, {"85599", "Bijles"},
    {"90011", "Theaterproducties"}, {"70221", "Advies"},      {"96022", "Schoonheidssalon"},
    {"86919", "Praktijk"},          {"47910", "Webwinkel"},   {"73111", "Reclame"},
    {"74300", "Vertaalbureau"},     {"81210", "Schoonmaak"},  {"41200", "Klussenbedrijf"},
    {"5320", "Koeriersdienst"},     {"90031", "Atelier"},     {"85592", "Coaching"}};
static const struct sbi SBI_BC[] = {{"70221", "Advies"},
                                    {"62010", "Software"},
                                    {"69201", "Administratie"},
                                    {"6820", "Vastgoed"},
                                    {"7810", "Uitzendbureau"},
                                    {"4511", "Autotrading"},
                                    {"6619", "Financial Services"},
                                    {"8211", "Kantoorservice"},
                                    {"7711", "Autoverhuur"},
                                    {"73110", "Marketing"},
                                    {"85592", "Training"},
                                    {"46900", "Trading"},
                                    {"96022", "Beauty"},
                                    {"5320", "Logistiek"},
                                    {"71121", "Engineering"},
                                    {"66221", "Assurantien"}};
static const struct sbi SBI_POSTBOX[] = {
    {"96021", "Barbershop"},   {"56102", "Snackbar"},     {"4511", "Autohandel"},
    {"6820", "Vastgoed"},      {"7810", "Uitzendbureau"}, {"4677", "Metaalhandel"},
    {"96022", "Nagelstudio"},  {"5320", "Koeriers"},      {"7711", "Autoverhuur"},
    {"6619", "Geldtransfer"},  {"4520", "Autoschade"},    {"43341", "Schilders"},
    {"7820", "Payroll"},       {"4742", "Telecom"},       {"70221", "Consultancy"},
    {"46900", "Import Export"}};
/* Postbox risk sectors (the sectors named as vulnerable to laundering) and home-business sectors
 * outside that list. */
static const struct sbi SBI_RISK[] = {
    {"96021", "Barbershop"},  {"56102", "Snackbar"},     {"4511", "Autohandel"},
    {"6820", "Vastgoed"},     {"7810", "Uitzendbureau"}, {"4677", "Metaalhandel"},
    {"96022", "Nagelstudio"}, {"5320", "Koeriers"},      {"7711", "Autoverhuur"},
    {"6619", "Geldtransfer"}, {"4520", "Autoschade"},    {"7820", "Payroll"},
    {"4742", "Telecom"}};
static const struct sbi SBI_SAFE[] = {
    {"74101", "Grafisch Ontwerp"},  {"74201", "Fotografie"},     {"62010", "Software"},
    {"43341", "Schilderwerken"},    {"43221", "Installatie"},    {"85599", "Bijles"},
    {"90011", "Theaterproducties"}, {"70221", "Advies"},         {"86919", "Praktijk"},
    {"47910", "Webwinkel"},         {"73111", "Reclame"},        {"74300", "Vertaalbureau"},
    {"81210", "Schoonmaak"},        {"41200", "Klussenbedrijf"}, {"90031", "Atelier"},
    {"85592", "Coaching"}};
static const struct sbi SBI_CHAIN[] = {{"47110", "Supermarkten"}, {"47710", "Fashion"},
                                       {"47730", "Drogisterij"},  {"47591", "Wonen"},
                                       {"47761", "Tuincentra"},   {"4742", "Mobiel"}};
static const struct sbi SBI_HOLD_OP[] = {{"62010", "Software"},    {"70221", "Consultancy"},
                                         {"69201", "Accountancy"}, {"43221", "Installatie"},
                                         {"71121", "Engineering"}, {"46900", "Handel"},
                                         {"41200", "Bouw"}};
/* A couple's firms at home: no sector on the risk list. */
static const struct sbi SBI_SHARED_OP[] = {{"62010", "Software"},
                                           {"70221", "Consultancy"},
                                           {"69201", "Accountancy"},
                                           {"71121", "Engineering"},
                                           {"74101", "Ontwerp"}};
static const struct sbi SBI_PARTNER[] = {{"85599", "Bijles"},     {"86919", "Praktijk"},
                                         {"74201", "Fotografie"}, {"74300", "Vertalingen"},
                                         {"85592", "Coaching"},   {"90031", "Atelier"}};
/* Farms (SBI 2008 agriculture): the firm at the farmhouse. */
static const struct sbi SBI_FARM[] = {{"0141", "Melkveehouderij"}, {"0113", "Akkerbouw"},
                                      {"0146", "Varkenshouderij"}, {"0147", "Pluimveehouderij"},
                                      {"0150", "Gemengd Bedrijf"}, {"01611", "Loonwerk"},
                                      {"0130", "Boomkwekerij"}};
static const struct sbi SBI_HOLDING = {"6420", "Holding"};
static const struct sbi SBI_CARE = {"87101", "Zorgcentrum"};
static const struct sbi SBI_CORP = {"68201", "Woonbelang"};
static const struct sbi SBI_HOTEL = {"5510", "Hotel"};

enum form { F_EZ, F_BV, F_VOF, F_ST };
static const char *const FORM_NAME[] = {"Eenmanszaak", "Besloten Vennootschap",
                                        "Vennootschap onder firma", "Stichting"};

/* -------------------------------------------------------------------- KvK */

struct branch {
    uint32_t kvk;
    struct sbi sbi;
    int form;
    int32_t start, end;
    char name[96];
};

static int32_t clamp_start(const struct gen *g, int32_t d)
{
    int32_t lo = days_from_civil(1955, 1, 1);
    if (d < lo)
        d = lo + (d % 3000 + 3000) % 3000;
    return d > g->ref ? g->ref : d;
}

static void trade_name(struct branch *b, struct rng *r, const char *surname)
{
    const char *w = TRADE_WORD[rng_int(r, 0, N_TRADE_WORD - 1)];
    const char *sur = surname ? surname : SURNAME[rng_int(r, 0, N_SURNAME - 1)];
    int v = rng_int(r, 0, 2);
    const char *first = v == 0 ? b->sbi.label : (v == 1 ? sur : w);
    const char *second = v == 0 ? (rng_chance(r, 0.5) ? w : sur) : b->sbi.label;
    static const char *const tail[] = {"", " B.V.", " V.O.F.", ""};
    snprintf(b->name, sizeof b->name, "%s%s %s%s", b->form == F_ST ? "Stichting " : "", first,
             second, tail[b->form]);
}

static int form_for(struct rng *r, int usage, int kind)
{
    double u = rng_unif(r);
    if (kind == K_ZZP || usage == U_WOON)
        return u < 0.92 ? F_EZ : F_VOF;
    if (usage == U_WINKEL)
        return u < 0.45 ? F_EZ : (u < 0.8 ? F_BV : F_VOF);
    if (usage == U_KANTOOR || kind == K_BC)
        return u < 0.25 ? F_EZ : (u < 0.85 ? F_BV : (u < 0.95 ? F_VOF : F_ST));
    return u < 0.2 ? F_EZ : (u < 0.85 ? F_BV : F_VOF);
}

static struct sbi sbi_pool(struct rng *r, const struct addr *a)
{
    switch (a->kvkkind) {
    case K_BC:
        return SBI_BC[rng_int(r, 0, NELEM(SBI_BC) - 1)];
    case K_POSTBOX:
        return SBI_POSTBOX[rng_int(r, 0, NELEM(SBI_POSTBOX) - 1)];
    default:
        break;
    }
    switch (a->usage) {
    case U_WINKEL:
        return SBI_SHOP[rng_int(r, 0, NELEM(SBI_SHOP) - 1)];
    case U_KANTOOR:
        return SBI_OFFICE[rng_int(r, 0, NELEM(SBI_OFFICE) - 1)];
    case U_INDUSTRIE:
        return SBI_IND[rng_int(r, 0, NELEM(SBI_IND) - 1)];
    case U_LOGIES:
        return SBI_HOTEL;
    case U_ZORG:
        return SBI_CARE;
    default:
        return SBI_ZZP[rng_int(r, 0, NELEM(SBI_ZZP) - 1)];
    }
}

/* Holding + operating BV (+ older eenmanszaak) of one director: same name. */
static void branch_holding(const struct gen *g, long i, int j, struct branch *b)
{
    struct rng h;
    rng_seed(&h, g->seed, S_HOLD, (uint64_t)i);
    const char *sur = SURNAME[rng_int(&h, 0, N_SURNAME - 1)];
    int32_t base = g->ref - years_days(rng_range(&h, 2.5, 20.0));
    struct sbi op = SBI_HOLD_OP[rng_int(&h, 0, NELEM(SBI_HOLD_OP) - 1)];
    b->form = j == 2 ? F_EZ : F_BV;
    b->sbi = j == 0 ? SBI_HOLDING : op;
    b->start = j == 2 ? base - years_days(rng_range(&h, 1.0, 6.0)) : base + rng_int(&h, 0, 40) * j;
    snprintf(b->name, sizeof b->name,
             j == 0 ? "%s Holding B.V." : (j == 1 ? "%s %s B.V." : "%s %s"), sur, b->sbi.label);
}

/* A family at home: the parent's holding and an eenmanszaak per adult, all
 * under the family name (the BRP surname), no risk sector, no churn. */
static void branch_family(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    struct rng h;
    rng_seed(&h, g->seed, S_HH, (uint64_t)i);
    const char *sur = SURNAME[rng_int(&h, 0, N_SURNAME - 1)];
    if (j == 0) {
        b->sbi = SBI_HOLDING;
        b->form = F_BV;
        b->start = g->ref - years_days(rng_range(r, 3.0, 15.0));
        snprintf(b->name, sizeof b->name, "%s Holding B.V.", sur);
        return;
    }
    b->sbi = SBI_SAFE[rng_int(r, 0, NELEM(SBI_SAFE) - 1)];
    b->form = F_EZ;
    b->start = g->ref - 60 - years_days(rng_range(r, 0.5, 12.0));
    snprintf(b->name, sizeof b->name, "%s %s", sur, b->sbi.label);
}

/* A couple at home: holding and operating B.V. under the family name, the
 * partner's eenmanszaak under the partner's name, sometimes a second
 * operating B.V.; all still active, none in a risk sector. */
static void branch_shared(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    struct person p[MAX_HH];
    int n = hh_generate(g, i, p);
    const char *sur = SURNAME[p[0].surname];
    const char *partner = SURNAME[p[n > 1 ? 1 : 0].surname];
    int32_t base = g->ref - years_days(rng_range(r, 3.0, 15.0));
    b->form = j == 2 ? F_EZ : F_BV;
    if (j == 0) {
        b->sbi = SBI_HOLDING;
        b->start = base;
        snprintf(b->name, sizeof b->name, "%s Holding B.V.", sur);
    } else if (j == 2) {
        b->sbi = SBI_PARTNER[rng_int(r, 0, NELEM(SBI_PARTNER) - 1)];
        b->start = g->ref - 60 - years_days(rng_range(r, 0.5, 12.0));
        snprintf(b->name, sizeof b->name, "%s %s", partner, b->sbi.label);
    } else {
        b->sbi = SBI_SHARED_OP[rng_int(r, 0, NELEM(SBI_SHARED_OP) - 1)];
        b->start = base + rng_int(r, 0, 40);
        if (j == 3)
            b->start += years_days(rng_range(r, 1.0, 3.0));
        snprintf(b->name, sizeof b->name, "%s %s B.V.", sur, b->sbi.label);
    }
}

/* The farm's firm, registered at the farmhouse under the family name. */
static void branch_farm(const struct gen *g, long i, struct rng *r, struct branch *b)
{
    struct rng h;
    rng_seed(&h, g->seed, S_HH, (uint64_t)i);
    const char *sur = SURNAME[rng_int(&h, 0, N_SURNAME - 1)];
    b->sbi = SBI_FARM[rng_int(r, 0, NELEM(SBI_FARM) - 1)];
    double u = rng_unif(r);
    b->form = u < 0.45 ? F_VOF : (u < 0.85 ? F_EZ : F_BV);
    b->start = g->ref - years_days(rng_range(r, 5.0, 40.0));
    snprintf(b->name, sizeof b->name, "%s %s%s", b->sbi.label, sur, b->form == F_BV ? " B.V." : "");
}

static void branch_active(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    const struct addr *a = &g->a[i];
    b->sbi = sbi_pool(r, a);
    b->form = form_for(r, a->usage, a->kvkkind);
    b->start = g->ref - 30 - years_days(rng_exp(r, 9.0));
    switch (a->kvkkind) {
    case K_CHAIN:
        b->sbi = SBI_CHAIN[chain_of(g, i) % NELEM(SBI_CHAIN)];
        b->form = F_BV;
        b->start = g->ref - 30 - years_days(rng_exp(r, 6.0));
        snprintf(b->name, sizeof b->name, "%s %s B.V.", TRADE_WORD[chain_of(g, i) % N_TRADE_WORD],
                 b->sbi.label);
        return;
    case K_CORP_HQ:
        b->sbi = SBI_CORP;
        b->form = F_ST;
        b->start = days_from_civil(rng_int(r, 1985, 2005), 1, 1);
        b->start += rng_int(r, 0, 364);
        snprintf(b->name, sizeof b->name, "Stichting Woonbelang %s",
                 TRADE_WORD[a->owner % N_TRADE_WORD]);
        return;
    case K_CARE:
        b->form = F_ST;
        break;
    case K_ZZP:
        b->start = g->ref - 7 - years_days(rng_exp(r, 6.0));
        break;
    case K_HOLDING:
        branch_holding(g, i, j, b);
        return;
    case K_BC:
        b->start = g->ref - 30 - years_days(rng_exp(r, 4.5));
        break;
    case K_POSTBOX:
        b->form = rng_chance(r, 0.5) ? F_EZ : (rng_chance(r, 0.7) ? F_BV : F_VOF);
        b->start = rng_chance(r, 0.65) ? g->ref - rng_int(r, 10, 730)
                                       : g->ref - years_days(rng_range(r, 2.0, 8.0));
        break;
    case K_POSTSMALL:
        b->sbi = j < (int)a->aux ? SBI_RISK[rng_int(r, 0, NELEM(SBI_RISK) - 1)]
                                 : SBI_SAFE[rng_int(r, 0, NELEM(SBI_SAFE) - 1)];
        b->form = rng_chance(r, 0.6) ? F_EZ : F_BV;
        b->start = rng_chance(r, 0.5) ? g->ref - rng_int(r, 10, 730)
                                      : g->ref - years_days(rng_range(r, 2.0, 8.0));
        break;
    case K_FAMILY:
        branch_family(g, i, j, r, b);
        return;
    case K_SHARED:
        branch_shared(g, i, j, r, b);
        return;
    case K_FARM:
        branch_farm(g, i, r, b);
        return;
    default:
        break;
    }
    trade_name(b, r, NULL);
}

static void branch_dissolved(const struct gen *g, long i, struct rng *r, struct branch *b)
{
    const struct addr *a = &g->a[i];
    b->sbi = sbi_pool(r, a);
    b->form = form_for(r, a->usage, a->kvkkind == K_BC ? K_BC : K_BUSINESS);
    if (a->kvkkind == K_POSTBOX || a->kvkkind == K_POSTSMALL) {
        int life = rng_int(r, 20, 330);
        b->end = g->ref - rng_int(r, 5, years_days(3.0));
        b->start = b->end - life;
    } else {
        b->end = g->ref - rng_int(r, 20, years_days(10.0));
        b->start =
            b->end - (rng_chance(r, 0.1) ? rng_int(r, 60, 360) : years_days(1.0 + rng_exp(r, 5.0)));
    }
    trade_name(b, r, NULL);
}

static void kvk_branch(const struct gen *g, long i, int j, struct rng *r, struct branch *b)
{
    const struct addr *a = &g->a[i];
    int foreign = first_is_foreign(a);
    b->end = 0;
    if (j < a->n_act)
        branch_active(g, i, j, r, b);
    else
        branch_dissolved(g, i, r, b);
    b->start = clamp_start(g, b->start);
    if (b->end && b->end <= b->start)
        b->end = b->start + rng_int(r, 30, 200);
    if (foreign && j == 0)
        b->kvk = a->kvkkind == K_CHAIN ? kvk_of(g, (uint64_t)chain_of(g, i))
                                       : kvk_of(g, g->kvk_corp0 + a->owner);
    else
        b->kvk = kvk_of(g, (uint64_t)g->kvk_addr0 + a->kvk0 + (uint64_t)(j - foreign));
}

void write_kvk(struct gen *g, const char *dir)
{
    struct out o;
    struct row rw;
    struct branch b;
    char buf[128], tv[16], suf[8];
    out_open(&o, dir, "kvk_vestigingen.csv", 0);
    const char *hdr =
        "kvkNummer,vestigingsnummer,eersteHandelsnaam,sbiCode,rechtsvorm,datumAanvang,"
        "datumUitschrijving,postcode,huisnummer,toevoeging,straatnaam,plaats\n";
    out_write(&o, hdr, strlen(hdr));
    for (long i = 0; i < g->n; i++) {
        const struct addr *a = &g->a[i];
        int n = a->n_act + a->n_dis;
        if (n == 0)
            continue;
        struct rng r;
        rng_seed(&r, g->seed, S_KVK, (uint64_t)i);
        src_parts(g, i, SRC_KVK, tv, suf, sizeof suf);
        snprintf(tv + strlen(tv), sizeof tv - strlen(tv), "%s", suf);
        for (int j = 0; j < n; j++) {
            kvk_branch(g, i, j, &r, &b);
            row_begin(&rw, ',');
            snprintf(buf, sizeof buf, "%08u", b.kvk);
            row_add(&rw, buf);
            snprintf(buf, sizeof buf, "%012" PRIu64, ves_next(g));
            row_add(&rw, buf);
            row_add(&rw, b.name);
            row_add(&rw, b.sbi.code);
            row_add(&rw, FORM_NAME[b.form]);
            fmt_date(buf, sizeof buf, b.start, DF_YMD);
            row_add(&rw, buf);
            if (b.end)
                fmt_date(buf, sizeof buf, b.end, DF_YMD);
            else
                buf[0] = 0;
            row_add(&rw, buf);
            fmt_postcode(a, PC_CANON, buf, sizeof buf);
            row_add(&rw, buf);
            row_addu(&rw, a->number);
            row_add(&rw, tv);
            street_name(g, a->street, buf, sizeof buf);
            row_add(&rw, buf);
            city_name(g->st[a->street].city, buf, sizeof buf);
            row_add(&rw, buf);
            row_end(&rw, &o, "\n");
            if (b.end)
                g->s.kvk_dissolved++;
            else
                g->s.kvk_active++;
        }
    }
    out_close(&o);
}
