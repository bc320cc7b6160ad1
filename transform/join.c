/*
 * join.c - per-source aggregation into struct address; see join.h.
 */
#include "transform/join.h"

#include "common/date.h"
#include "transform/address.h"

#include <stdio.h>
#include <string.h>

void join_init(struct join *j, struct dataset *d, const struct join_opts *o)
{
    memset(j, 0, sizeof *j);
    j->d = d;
    j->o = o;
    const char *p = o->risk_sbi ? o->risk_sbi : "";
    while (*p && j->n_risk < 64) {
        size_t n = strcspn(p, ", ");
        if (n > 0 && n < sizeof j->risk[0]) {
            memcpy(j->risk[j->n_risk], p, n);
            j->risk[j->n_risk++][n] = '\0';
        }
        p += n;
        p += strspn(p, ", ");
    }
}

/* The column a failed address is blamed on, by normaliser status. */
#define ADDR_FIELD(name)                                                                           \
    (ADDR_##name == ADDR_POSTCODE_MISSING || ADDR_##name == ADDR_POSTCODE_INVALID ||               \
             ADDR_##name == ADDR_POSTCODE_PC4                                                      \
         ? F_POSTCODE                                                                              \
     : ADDR_##name == ADDR_LETTER_INVALID ? F_HOUSE_LETTER                                         \
     : ADDR_##name == ADDR_SUFFIX_INVALID ? F_HOUSE_SUFFIX                                         \
                                          : F_HOUSE_NUMBER)

static const struct reject REJECT_ADDRESS[] = {
#define ADDR_REJECT(name, code, text) {code, ADDR_FIELD(name), text},
    ADDR_STATUS_MAP(ADDR_REJECT)
#undef ADDR_REJECT
};
static const struct reject REJECT_NOMEM = {"out_of_memory", F_COUNT, "out of memory"};

static const char *text_of(const struct row *r, enum field_id f, size_t *n)
{
    *n = row_has(r, f) ? r->v[f].len : 0;
    return row_has(r, f) ? r->v[f].s : "";
}

/*
 * "12-14" reads as a range (a KvK or company address spanning several numbers),
 * but apartment blocks print number 12 with suffix 14 the same way. The range
 * reading is refused only when the suffix reading names an address that the
 * Kadaster objects know; otherwise the row stays quarantined as a range.
 */
static int range_as_suffix(struct join *j, const char *pc, size_t pn, const char *num, size_t nn,
                           struct addr_key *k)
{
    char buf[64];
    if (nn >= sizeof buf)
        return 0;
    memcpy(buf, num, nn);
    char *dash = memchr(buf, '-', nn);
    if (!dash)
        return 0;
    *dash = ' ';
    if (addr_normalise(pc, pn, buf, nn, "", 0, "", 0, k) != ADDR_OK || !k->suffix[0])
        return 0;
    uint32_t idx = dataset_find(j->d, k);
    return idx != NONE_IDX && (j->d->addrs[idx].sources & (1u << SRC_KADASTER_OBJECTS));
}

/* Normalise the row's address and find or create its record. */
static struct address *resolve(struct join *j, const struct row *r, const struct reject **rej)
{
    size_t pn, nn, ln, sn;
    const char *pc = text_of(r, F_POSTCODE, &pn), *num = text_of(r, F_HOUSE_NUMBER, &nn);
    const char *let = text_of(r, F_HOUSE_LETTER, &ln), *suf = text_of(r, F_HOUSE_SUFFIX, &sn);
    struct addr_key k;
    enum addr_status st = addr_normalise(pc, pn, num, nn, let, ln, suf, sn, &k);
    if (st == ADDR_NUMBER_RANGE && range_as_suffix(j, pc, pn, num, nn, &k))
        st = ADDR_OK;
    if (st != ADDR_OK) {
        *rej = &REJECT_ADDRESS[st];
        return NULL;
    }
    int created = 0;
    uint32_t idx = dataset_address(j->d, &k, &created);
    if (idx == NONE_IDX) {
        *rej = &REJECT_NOMEM;
        return NULL;
    }
    struct address *a = &j->d->addrs[idx];
    struct join_counts *c = &j->counts[r->source];
    c->linked++;
    c->new_addresses += (uint64_t)created;
    if (!(a->sources & (1u << SRC_KADASTER_OBJECTS)) && r->source != SRC_KADASTER_OBJECTS)
        c->not_in_objects++;
    a->sources |= (uint16_t)(1u << r->source);
    if (!a->street && row_has(r, F_STREET))
        a->street = hmap_intern(&j->d->strings, r->v[F_STREET].s, r->v[F_STREET].len);
    if (!a->city && row_has(r, F_CITY))
        a->city = hmap_intern(&j->d->strings, r->v[F_CITY].s, r->v[F_CITY].len);
    return a;
}

static int within_months(int32_t date, int32_t ref, int months)
{
    return date > 0 && date <= ref && date > date_add_months(ref, -months);
}

static const struct reject *join_brp(struct join *j, const struct row *r, struct address *a)
{
    int32_t ref = j->o->reference_date;
    int age = date_age(r->v[F_BIRTH_DATE].date, ref);
    if (a->n_residents < UINT16_MAX)
        a->n_residents++;
    if (age >= 18)
        a->n_adults++;
    else
        a->n_minors++;
    int32_t since = row_has(r, F_REGISTERED_SINCE) ? r->v[F_REGISTERED_SINCE].date : 0;
    if (within_months(since, ref, 12))
        a->n_arrivals_12m++;
    else if (since > 0)
        a->n_settled_12m++;
    if (since > a->last_arrival)
        a->last_arrival = since;
    return NULL;
}

static uint8_t usage_flags(const char *s)
{
    static const struct {
        const char *stem;
        uint8_t flag;
    } stems[] = {{"woon", USE_WONEN},       {"winkel", USE_WINKEL},   {"kantoor", USE_KANTOOR},
                 {"industrie", USE_INDUSTRIE}, {"overige", USE_OVERIG}, {"gezondheid", USE_ZORG},
                 {"logies", USE_LOGIES},    {"bijeenkomst", USE_OTHER}, {"onderwijs", USE_OTHER},
                 {"sport", USE_OTHER},      {"cel", USE_OTHER}};
    uint8_t flags = 0;
    for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++)
        if (strstr(s, stems[i].stem))
            flags |= stems[i].flag;
    return flags ? flags : USE_OTHER;
}

static void join_owner(struct join *j, const struct row *r, struct address *a)
{
    if (!row_has(r, F_OWNER_ID))
        return;
    uint32_t o = dataset_owner(j->d, r->v[F_OWNER_ID].hash);
    if (o == NONE_IDX)
        return;
    struct owner *ow = &j->d->owners[o];
    ow->n_objects++;
    ow->n_dwellings += (a->usage & USE_WONEN) != 0;
    if (row_has(r, F_OWNER_TYPE))
        ow->type = (uint8_t)r->v[F_OWNER_TYPE].flag;
    if (row_has(r, F_OWNER_BIRTH_DATE))
        ow->birth_date = r->v[F_OWNER_BIRTH_DATE].date;
    a->owner = o;
}

static const struct reject *join_object(struct join *j, const struct row *r, struct address *a)
{
    a->n_objects++;
    a->usage |= usage_flags(r->v[F_USAGE].s);
    double area = r->v[F_FLOOR_AREA].num;
    if (row_has(r, F_FLOOR_AREA) && area > 1 && area < 999999) /* 1, 999999 = unknown */
        a->floor_area += (float)area;
    if (row_has(r, F_BUILD_YEAR))
        a->build_year = (int16_t)r->v[F_BUILD_YEAR].num;
    if (row_has(r, F_WOZ_VALUE))
        a->woz += (float)r->v[F_WOZ_VALUE].num;
    if (row_has(r, F_NEIGHBOURHOOD) && !a->neighbourhood)
        a->neighbourhood =
            hmap_intern(&j->d->strings, r->v[F_NEIGHBOURHOOD].s, r->v[F_NEIGHBOURHOOD].len);
    if (row_has(r, F_BUILDING_ID)) {
        uint32_t b = dataset_building(j->d, r->v[F_BUILDING_ID].s, r->v[F_BUILDING_ID].len);
        if (b != NONE_IDX) {
            a->building = b;
            j->d->buildings[b].n_dwellings += (a->usage & USE_WONEN) != 0;
        }
    }
    join_owner(j, r, a);
    return NULL;
}

/* Keep the TX_KEEP most recent transactions, newest first. */
static const struct reject *join_tx(struct join *j, const struct row *r, struct address *a)
{
    struct tx t = {r->v[F_DATE].date, (float)r->v[F_PRICE].num, NONE_IDX, 2, PARTY_UNKNOWN};
    if (row_has(r, F_MORTGAGE))
        t.mortgage = (uint8_t)r->v[F_MORTGAGE].flag;
    if (row_has(r, F_BUYER_TYPE))
        t.buyer_type = (uint8_t)r->v[F_BUYER_TYPE].flag;
    if (row_has(r, F_BUYER_ID))
        t.buyer = dataset_owner_find(j->d, r->v[F_BUYER_ID].hash);
    int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP;
    int pos = kept;
    while (pos > 0 && a->tx[pos - 1].date < t.date)
        pos--;
    if (pos < TX_KEEP) {
        int last = kept < TX_KEEP ? kept : TX_KEEP - 1;
        memmove(&a->tx[pos + 1], &a->tx[pos], (size_t)(last - pos) * sizeof t);
        a->tx[pos] = t;
    }
    if (a->n_tx < UINT8_MAX)
        a->n_tx++;
    return NULL;
}

static int is_risk_sbi(const struct join *j, const char *sbi)
{
    for (int i = 0; i < j->n_risk; i++)
        if (strncmp(sbi, j->risk[i], strlen(j->risk[i])) == 0)
            return 1;
    return 0;
}

/* Distinct (address, KvK number) pairs, so that branches of one firm count once. */
static int first_entity(struct join *j, const struct address *a, const struct row *r)
{
    char key[96];
    int n = snprintf(key, sizeof key, "%u|%.*s", (unsigned)(a - j->d->addrs),
                     (int)r->v[F_KVK_NUMBER].len, r->v[F_KVK_NUMBER].s);
    int inserted = 0;
    hmap_put(&j->d->pairs, key, (size_t)n, 0, &inserted);
    return inserted;
}

static const struct reject *join_kvk(struct join *j, const struct row *r, struct address *a)
{
    int32_t ref = j->o->reference_date;
    int32_t founded = row_has(r, F_FOUNDED) ? r->v[F_FOUNDED].date : 0;
    int32_t dissolved = row_has(r, F_DISSOLVED) ? r->v[F_DISSOLVED].date : 0;
    a->n_founded_24m += within_months(founded, ref, 24);
    a->n_dissolved_24m += within_months(dissolved, ref, 24);
    if (dissolved && founded && within_months(dissolved, ref, 24) &&
        date_days(dissolved) - date_days(founded) < 365)
        a->n_short_lived++;
    if (dissolved)
        return NULL; /* dissolved branches count only as churn */
    a->n_branches++;
    a->n_entities += (uint16_t)first_entity(j, a, r);
    if (row_has(r, F_SBI) && is_risk_sbi(j, r->v[F_SBI].s))
        a->n_risk_branches++;
    return NULL;
}

static const struct reject *join_energy(struct join *j, const struct row *r, struct address *a)
{
    (void)j;
    double annual = r->v[F_ANNUAL].num;
    if (r->v[F_PRODUCT].flag == PRODUCT_GAS) {
        a->gas += (float)annual;
        a->n_gas++;
        return NULL;
    }
    a->elec += (float)annual;
    a->n_elec++;
    if (annual < 0)
        a->feed_in = 1;
    int months = 0;
    for (int m = 0; m < 12; m++)
        months += row_has(r, F_MONTH_01 + m);
    if (months == 12) {
        for (int m = 0; m < 12; m++) {
            double v = r->v[F_MONTH_01 + m].num;
            a->elec_month[m] += (float)v;
            if (v < 0)
                a->feed_in = 1;
        }
        a->n_elec_monthly++;
    }
    return NULL;
}

typedef const struct reject *(*sink_fn)(struct join *, const struct row *, struct address *);

static const sink_fn SINKS[SRC_COUNT] = {
    [SRC_BRP] = join_brp,
    [SRC_KADASTER_OBJECTS] = join_object,
    [SRC_KADASTER_TRANSACTIONS] = join_tx,
    [SRC_KVK] = join_kvk,
    [SRC_ENERGY] = join_energy,
};

const struct reject *join_row(void *ctx, const struct row *r)
{
    struct join *j = ctx;
    const struct reject *rej = NULL;
    struct address *a = resolve(j, r, &rej);
    if (!a)
        return rej;
    return SINKS[r->source](j, r, a);
}
