/*
 * test_join.c - the join (transform/join.c): rows built by hand, folded into a fresh
 * dataset, and the per-address records checked.
 *
 * Why: every indicator reads what the join summed. A co-owned house whose two owner
 * rows are summed looks like a 200 m2 apartment; two co-buyer rows of one deed look
 * like a resale after 0 days (K3); "Woonfunctie" read as "other" hides a dwelling;
 * a wrapped meter count reads as "no connection". Pinned here:
 *   - duplicate object rows add area/WOZ/counts once and count as duplicates; each
 *     co-owner owns the object; the address keeps the youngest natural person;
 *   - two objects at one address (house + garage) are summed;
 *   - co-buyer transfer rows (same date and price) merge, youngest buyer kept;
 *   - KvK numbers 01234567 and 1234567 are one firm (gebruiksdoel and KvK number
 *     arrive parsed: their refusals are in tests/unit/test_parse.c);
 *   - birth dates are reduced to ages (on the reference date, at a transfer) and
 *     the join's own copy is wiped when the ingest ends (issue 11: minimisation);
 *   - risk SBI codes with dots matched against the compiled prefixes (model/facts.h:
 *     the lists themselves are parsed and refused in tests/unit/test_facts.c);
 *   - spelling variants of one address land on one record;
 *   - 300 connections keep counting; uint16 counters saturate, never wrap;
 *   - citizen reports: per theme by category, once per (address, date, category),
 *     in the window, weighted by age; bad category lists refused.
 * Reference date 2026-11-01.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/catalogue.h"
#include "model/dataset.h"
#include "model/row.h"
#include "ingest/parse.h"
#include "transform/join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

enum { REF = 20261101 };

/* ------------------------------------------------------------------ fixture */

struct fx {
    struct dataset d;
    struct fact_opts facts;
    struct join_opts o;
    struct join j;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    dataset_init(&f->d);
    f->o.reference_date = REF;
    char why[128];
    assert_null(sbi_set_parse(&f->facts.risk_sbi, "96.02.1, 4511,5630", why, sizeof why));
    f->o.facts = &f->facts;
    join_init(&f->j, &f->d, &f->o);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    join_release(&f->j);
    dataset_release(&f->d);
    free(f);
    return 0;
}

/* ------------------------------------------------------------- row builders */

static void row_start(struct row *r, enum source_id src, const char *postcode, const char *number)
{
    memset(r, 0, sizeof *r);
    r->source = src;
    r->line = 2;
    r->mapped |= 1ull << F_POSTCODE | 1ull << F_HOUSE_NUMBER;
    r->present |= 1ull << F_POSTCODE;
    r->v[F_POSTCODE].s = postcode, r->v[F_POSTCODE].len = strlen(postcode);
    r->present |= 1ull << F_HOUSE_NUMBER;
    r->v[F_HOUSE_NUMBER].s = number, r->v[F_HOUSE_NUMBER].len = strlen(number);
}

static void set_text(struct row *r, enum field_id f, const char *s)
{
    r->mapped |= 1ull << f;
    r->present |= 1ull << f;
    r->v[f].s = s;
    r->v[f].len = strlen(s);
}

static void set_num(struct row *r, enum field_id f, double v)
{
    r->present |= 1ull << f;
    r->v[f].num = v;
}

static void set_date(struct row *r, enum field_id f, int32_t v)
{
    r->present |= 1ull << f;
    r->v[f].date = v;
}

static void set_flag(struct row *r, enum field_id f, int v)
{
    r->present |= 1ull << f;
    r->v[f].flag = v;
}

/* Gebruiksdoel and KvK number arrive parsed, as the reader hands them over. */
static void set_usage(struct row *r, const char *text)
{
    r->mapped |= 1ull << F_USAGE;
    r->present |= 1ull << F_USAGE;
    assert_int_equal(parse_usage(text, strlen(text), &r->v[F_USAGE].flag), 0);
}

static void set_kvk(struct row *r, const char *text)
{
    r->mapped |= 1ull << F_KVK_NUMBER;
    r->present |= 1ull << F_KVK_NUMBER;
    assert_int_equal(parse_kvk(text, strlen(text), &r->v[F_KVK_NUMBER].num), 0);
}

/* A pseudonym: PSEUDONYM_BYTES bytes of `who`. */
static void set_party(struct row *r, enum field_id f, uint8_t who)
{
    r->present |= 1ull << f;
    memset(r->v[f].hash, who, PSEUDONYM_BYTES);
}

static uint32_t owner_of(const struct dataset *d, uint8_t who)
{
    uint8_t h[PSEUDONYM_BYTES];
    memset(h, who, PSEUDONYM_BYTES);
    return dataset_owner_find(d, h);
}

/* One Kadaster object row at 5664AB 12. */
struct obj {
    const char *object_id, *usage;
    double area, woz;
    uint8_t owner; /* 0 = no owner column */
    int type;      /* enum party */
    int32_t birth; /* 0 = absent */
};

static const struct reject *join_obj(struct fx *f, const struct obj *o)
{
    struct row r;
    row_start(&r, SRC_KADASTER_OBJECTS, "5664AB", "12");
    set_text(&r, F_OBJECT_ID, o->object_id);
    set_usage(&r, o->usage);
    set_num(&r, F_FLOOR_AREA, o->area);
    set_num(&r, F_WOZ_VALUE, o->woz);
    set_text(&r, F_BUILDING_ID, "0772100000001234");
    if (o->owner) {
        set_party(&r, F_OWNER_ID, o->owner);
        set_flag(&r, F_OWNER_TYPE, o->type);
        if (o->birth)
            set_date(&r, F_OWNER_BIRTH_DATE, o->birth);
    }
    return join_row(&f->j, &r);
}

static struct address *only_address(struct fx *f)
{
    assert_int_equal(f->d.n_addrs, 1);
    return &f->d.addrs[0];
}

/* -------------------------------------------------- Kadaster object rows */

#define HOUSE "0772010000012345"

/* Co-ownership exports: one row per owner, in any order; the youngest person stays. */
static void test_duplicate_object_rows(void **state)
{
    struct fx *f = *state;
    static const struct obj rows[] = {
        {HOUSE, "woonfunctie", 100, 300000, 1, PARTY_PERSON, 19600315},
        {HOUSE, "woonfunctie", 100, 300000, 2, PARTY_PERSON, 19990101}, /* youngest */
        {HOUSE, "woonfunctie", 100, 300000, 3, PARTY_PERSON, 19850101},
        {HOUSE, "woonfunctie", 100, 300000, 4, PARTY_ENTITY, 0},
        {HOUSE, "woonfunctie", 100, 300000, 5, PARTY_PERSON, 0}, /* birth unknown */
    };
    for (size_t i = 0; i < N_ROWS(rows); i++)
        assert_null(join_obj(f, &rows[i]));
    struct address *a = only_address(f);
    assert_true(a->floor_area == 100.0f);
    assert_true(a->woz == 300000.0f);
    assert_int_equal(a->n_objects, 1);
    assert_int_equal(a->usage, USE_WONEN);
    assert_int_equal(f->d.n_buildings, 1);
    assert_int_equal(f->d.buildings[a->building].n_dwellings, 1); /* still a house */
    const struct join_counts *c = &f->j.counts[SRC_KADASTER_OBJECTS];
    assert_int_equal(c->linked, 5);
    assert_int_equal(c->duplicates, 4);
    assert_int_equal(a->owner, owner_of(&f->d, 2));
    for (uint8_t who = 1; who <= 5; who++) { /* each co-owner owns it */
        const struct owner *o = &f->d.owners[owner_of(&f->d, who)];
        assert_int_equal(o->n_objects, 1);
        assert_int_equal(o->n_dwellings, 1);
    }
}

static void test_co_owner_order(void **state)
{
    struct fx *f = *state;
    /* young listed first, then older, then a company: the young one is kept */
    static const struct obj rows[] = {
        {HOUSE, "woonfunctie", 80, 250000, 7, PARTY_PERSON, 20010606},
        {HOUSE, "woonfunctie", 80, 250000, 8, PARTY_PERSON, 19700101},
        {HOUSE, "woonfunctie", 80, 250000, 9, PARTY_ENTITY, 0},
    };
    for (size_t i = 0; i < N_ROWS(rows); i++)
        assert_null(join_obj(f, &rows[i]));
    assert_int_equal(only_address(f)->owner, owner_of(&f->d, 7));
    assert_true(only_address(f)->floor_area == 80.0f);
}

/* One owner on two consecutive rows of an object (two rights) owns it once. */
static void test_same_owner_twice(void **state)
{
    struct fx *f = *state;
    static const struct obj row = {HOUSE, "woonfunctie", 90, 200000, 1, PARTY_PERSON, 19980101};
    assert_null(join_obj(f, &row));
    assert_null(join_obj(f, &row));
    const struct owner *o = &f->d.owners[owner_of(&f->d, 1)];
    assert_int_equal(o->n_objects, 1);
    assert_int_equal(o->n_dwellings, 1);
    assert_int_equal(f->j.counts[SRC_KADASTER_OBJECTS].duplicates, 1);
    assert_true(only_address(f)->floor_area == 90.0f);
}

/* House + garage box behind one address: two objects, summed; one dwelling. */
static void test_two_objects_summed(void **state)
{
    struct fx *f = *state;
    static const struct obj rows[] = {
        {HOUSE, "woonfunctie", 100, 300000, 1, PARTY_PERSON, 19980101},
        {"0772010000099999", "overige gebruiksfunctie", 18, 20000, 1, PARTY_PERSON, 19980101},
    };
    for (size_t i = 0; i < N_ROWS(rows); i++)
        assert_null(join_obj(f, &rows[i]));
    struct address *a = only_address(f);
    assert_true(a->floor_area == 118.0f);
    assert_true(a->woz == 320000.0f);
    assert_int_equal(a->n_objects, 2);
    assert_int_equal(a->usage, USE_WONEN | USE_OVERIG);
    assert_int_equal(f->j.counts[SRC_KADASTER_OBJECTS].duplicates, 0);
    const struct owner *o = &f->d.owners[owner_of(&f->d, 1)];
    assert_int_equal(o->n_objects, 2);
    assert_int_equal(o->n_dwellings, 1); /* the garage is no second dwelling (K4) */
    assert_int_equal(f->d.buildings[a->building].n_dwellings, 1);
}

/* Object ids as keys: a 16-digit BAG id is packed, any other kept as text; ids that
 * differ only in leading zeros or length are still different objects, and the same
 * id twice is one object (a second owner row). */
static void test_object_ids_apart(void **state)
{
    struct fx *f = *state;
    static const struct obj rows[] = {
        {"0000000000000012", "overige gebruiksfunctie", 10, 1000, 1, PARTY_PERSON, 19700101},
        {"12", "overige gebruiksfunctie", 20, 2000, 1, PARTY_PERSON, 19700101},
        {"000000000000012", "overige gebruiksfunctie", 40, 4000, 1, PARTY_PERSON, 19700101},
        {"12345678901234567", "overige gebruiksfunctie", 80, 8000, 1, PARTY_PERSON, 19700101},
        {"0000000000000012", "overige gebruiksfunctie", 10, 1000, 2, PARTY_PERSON, 19800101},
    };
    for (size_t i = 0; i < N_ROWS(rows); i++)
        assert_null(join_obj(f, &rows[i]));
    struct address *a = only_address(f);
    assert_int_equal(a->n_objects, 4);
    assert_true(a->floor_area == 150.0f);
}

/* ---------------------------------------------------------- transactions */

static const struct reject *join_transfer(struct fx *f, int32_t date, double price, uint8_t buyer,
                                          int type, int mortgage)
{
    struct row r;
    row_start(&r, SRC_KADASTER_TRANSACTIONS, "5664AB", "12");
    set_date(&r, F_DATE, date);
    set_num(&r, F_PRICE, price);
    if (buyer)
        set_party(&r, F_BUYER_ID, buyer);
    set_flag(&r, F_BUYER_TYPE, type);
    if (mortgage >= 0)
        set_flag(&r, F_MORTGAGE, mortgage);
    return join_row(&f->j, &r);
}

static void test_duplicate_transfer_merged(void **state)
{
    struct fx *f = *state;
    /* the buyers are known (and aged) through the objects they own */
    static const struct obj owners[] = {
        {HOUSE, "woonfunctie", 100, 300000, 1, PARTY_PERSON, 19700101},
        {HOUSE, "woonfunctie", 100, 300000, 2, PARTY_PERSON, 20000101},
    };
    for (size_t i = 0; i < N_ROWS(owners); i++)
        assert_null(join_obj(f, &owners[i]));
    assert_null(join_transfer(f, 20260301, 400000, 1, PARTY_PERSON, -1));
    assert_null(join_transfer(f, 20260301, 400000, 2, PARTY_PERSON, 0));
    assert_null(join_transfer(f, 20260301, 400000, 0, PARTY_PERSON, -1)); /* buyer unknown */
    struct address *a = only_address(f);
    assert_int_equal(a->n_tx, 1);             /* not a resale after 0 days */
    assert_int_equal(a->tx[0].buyer_age, 26); /* the youngest, born 2000-01-01, at 2026-03-01 */
    assert_int_equal(a->tx[0].buyer_type, PARTY_PERSON);
    assert_int_equal(a->tx[0].mortgage, 0);
    assert_int_equal(f->j.counts[SRC_KADASTER_TRANSACTIONS].duplicates, 2);
    assert_int_equal(f->j.counts[SRC_KADASTER_TRANSACTIONS].linked, 3);

    /* a real resale (other date) and a same-day sale at another price stay apart */
    assert_null(join_transfer(f, 20260601, 520000, 1, PARTY_PERSON, 1));
    assert_null(join_transfer(f, 20260601, 530000, 1, PARTY_PERSON, 1));
    assert_int_equal(a->n_tx, 3);
    assert_int_equal(a->tx[2].date, 20260301);
    assert_int_equal(f->j.counts[SRC_KADASTER_TRANSACTIONS].duplicates, 2);
}

/* Only ages stay: the owner's on the reference date, the buyer's at the transfer
 * (a day before the birthday: one year less), and the join's birth dates go. */
static void test_birth_dates_become_ages(void **state)
{
    struct fx *f = *state;
    static const struct obj row = {HOUSE, "woonfunctie", 90, 200000, 1, PARTY_PERSON, 19980302};
    assert_null(join_obj(f, &row));
    assert_int_equal(f->d.owners[owner_of(&f->d, 1)].age, 28); /* on 2026-11-01 */
    assert_null(join_transfer(f, 20260301, 300000, 1, PARTY_PERSON, 0));
    assert_int_equal(only_address(f)->tx[0].buyer_age, 27); /* on 2026-03-01 */
    assert_non_null(f->j.births);
    join_end_ingest(&f->j);
    assert_null(f->j.births);
    assert_int_equal(f->j.n_births, 0);
    assert_int_equal(f->d.owners[owner_of(&f->d, 1)].age, 28);
}

/* ------------------------------------------------------------------- KvK */

static const struct reject *join_branch(struct fx *f, const char *kvk, const char *sbi)
{
    struct row r;
    row_start(&r, SRC_KVK, "5664AB", "12");
    set_kvk(&r, kvk);
    if (sbi)
        set_text(&r, F_SBI, sbi);
    set_date(&r, F_FOUNDED, 20100101);
    return join_row(&f->j, &r);
}

/* 01234567 and 1234567 (a spreadsheet dropped the zero) are one firm. */
static void test_kvk_numbers(void **state)
{
    struct fx *f = *state;
    static const char *const numbers[] = {"12345678", "01234567", "1234567", " 87654321 "};
    for (size_t i = 0; i < N_ROWS(numbers); i++)
        assert_null(join_branch(f, numbers[i], NULL));
    struct address *a = only_address(f);
    assert_int_equal(a->n_branches, 4);
    assert_int_equal(a->n_entities, 3);
    /* no Kadaster object here: folded into an address of their own, not linked */
    assert_int_equal(f->j.counts[SRC_KVK].linked, 0);
    assert_int_equal(f->j.counts[SRC_KVK].not_in_objects, 4);
}

static void test_risk_sbi_dotted(void **state)
{
    struct fx *f = *state; /* list "96.02.1, 4511,5630" */
    static const struct {
        const char *sbi;
        int risk;
    } cases[] = {
        {"96021", 1}, {"96.02.1", 1}, {"960211", 1}, {"9602", 0}, {"96022", 0},
        {"45.11", 1}, {"4511.2", 1},  {"45112", 1},  {"4520", 0}, {"56.30", 1},
        {"5630", 1},  {"563", 0},     {"47.11", 0},  {"", 0},
    };
    uint16_t want = 0;
    for (size_t i = 0; i < N_ROWS(cases); i++) {
        char kvk[9];
        snprintf(kvk, sizeof kvk, "%08u", (unsigned)(10000000 + i));
        assert_null(join_branch(f, kvk, cases[i].sbi));
        want = (uint16_t)(want + cases[i].risk);
        if (only_address(f)->n_risk_branches != want)
            fail_msg("sbi '%s': risk %d expected", cases[i].sbi, cases[i].risk);
    }
    assert_int_equal(f->j.facts.risk_sbi.n, 3);
    assert_string_equal(f->j.facts.risk_sbi.prefix[0], "96021");
}

/* ------------------------------------------------------------ addresses */

/* One dwelling spelled four ways by four sources lands on one record. */
static void test_address_spellings(void **state)
{
    struct fx *f = *state;
    struct row r;
    row_start(&r, SRC_KADASTER_OBJECTS, "5664AB", "12");
    set_text(&r, F_HOUSE_LETTER, "A");
    set_text(&r, F_OBJECT_ID, HOUSE);
    set_usage(&r, "woonfunctie");
    set_num(&r, F_FLOOR_AREA, 70);
    assert_null(join_row(&f->j, &r));

    row_start(&r, SRC_BRP, "5664 ab", "12-A");
    set_date(&r, F_BIRTH_DATE, 19800101);
    set_date(&r, F_REGISTERED_SINCE, 20100101);
    assert_null(join_row(&f->j, &r));

    row_start(&r, SRC_ENERGY, "NL-5664 AB", "12a");
    set_flag(&r, F_PRODUCT, PRODUCT_ELECTRICITY);
    set_num(&r, F_ANNUAL, 2500);
    assert_null(join_row(&f->j, &r));

    row_start(&r, SRC_KVK, "5664-AB", "12");
    set_text(&r, F_HOUSE_SUFFIX, "a");
    set_kvk(&r, "12345678");
    assert_null(join_row(&f->j, &r));

    struct address *a = only_address(f);
    assert_string_equal(a->key.postcode, "5664AB");
    assert_int_equal(a->key.number, 12);
    assert_int_equal(a->key.letter, 'A');
    assert_int_equal(a->n_residents, 1);
    assert_int_equal(a->n_elec, 1);
    assert_int_equal(a->n_branches, 1);
    assert_int_equal(a->sources, (1u << SRC_KADASTER_OBJECTS) | (1u << SRC_BRP) |
                                     (1u << SRC_ENERGY) | (1u << SRC_KVK));
    for (int s = 0; s < SRC_COUNT; s++)
        assert_int_equal(f->j.counts[s].not_in_objects, 0);
    assert_int_equal(f->j.counts[SRC_BRP].new_addresses, 0);
}

/*
 * A household's rows follow each other with the same address text (struct
 * join_memo): each is counted and linked as if it were alone, a different letter or
 * source is not taken for the same text, and an address no Kadaster object has is
 * created once and found again.
 */
static const struct reject *resident(struct fx *f, enum source_id src, const char *postcode,
                                     const char *number, const char *letter)
{
    struct row r;
    row_start(&r, src, postcode, number);
    if (letter)
        set_text(&r, F_HOUSE_LETTER, letter);
    if (src == SRC_BRP) {
        set_date(&r, F_BIRTH_DATE, 19800101);
        set_date(&r, F_REGISTERED_SINCE, 20100101);
    } else {
        set_flag(&r, F_PRODUCT, PRODUCT_ELECTRICITY);
        set_num(&r, F_ANNUAL, 2500);
    }
    return join_row(&f->j, &r);
}

static void test_repeated_address_rows(void **state)
{
    struct fx *f = *state;
    struct row r;
    row_start(&r, SRC_KADASTER_OBJECTS, "5664AB", "12");
    set_text(&r, F_OBJECT_ID, HOUSE);
    set_usage(&r, "woonfunctie");
    set_num(&r, F_FLOOR_AREA, 70);
    assert_null(join_row(&f->j, &r));
    for (int i = 0; i < 3; i++)
        assert_null(resident(f, SRC_BRP, "5664 ab", "12", NULL));
    assert_null(resident(f, SRC_BRP, "5664 ab", "12", "B")); /* 12B: no object, its own */
    assert_null(resident(f, SRC_BRP, "5664 ab", "12", "B"));
    assert_null(resident(f, SRC_ENERGY, "5664 ab", "12", NULL)); /* same text, other source */
    uint32_t idx12 = dataset_find(&f->d, &(struct addr_key){"5664AB", 0, "", 12});
    uint32_t idx12b = dataset_find(&f->d, &(struct addr_key){"5664AB", 'B', "", 12});
    assert_int_not_equal(idx12, NONE_IDX);
    assert_int_not_equal(idx12b, NONE_IDX);
    assert_int_equal(f->d.addrs[idx12].n_residents, 3);
    assert_int_equal(f->d.addrs[idx12].n_elec, 1);
    assert_int_equal(f->d.addrs[idx12b].n_residents, 2);
    const struct join_counts *c = &f->j.counts[SRC_BRP];
    assert_int_equal(c->linked, 3);
    assert_int_equal(c->not_in_objects, 2);
    assert_int_equal(c->new_addresses, 1);
    uint64_t rows = 0;
    for (int k = 0; k < LINK_CLASS_COUNT; k++)
        rows += f->j.linkage.cls[SRC_BRP][k];
    assert_int_equal(rows, 5);
    assert_int_equal(f->j.linkage.cls[SRC_BRP][LINK_EXACT], 3);
    assert_int_equal(f->j.counts[SRC_ENERGY].linked, 1);
    /* spelled otherwise, the same key: the memo's link (and its class) again */
    assert_null(resident(f, SRC_ENERGY, "5664-AB", "12", NULL));
    assert_null(resident(f, SRC_ENERGY, "5664 AB", "12", "b")); /* another key: 12B */
    assert_int_equal(f->d.addrs[idx12].n_elec, 2);
    assert_int_equal(f->d.addrs[idx12b].n_elec, 1);
    assert_int_equal(f->j.linkage.cls[SRC_ENERGY][LINK_EXACT], 2);
    assert_int_equal(f->j.counts[SRC_ENERGY].not_in_objects, 1);
    /* an object row between two equal rows may change what the text links to: 12B
     * had no object and was kept apart; now it has one, and the next row links */
    row_start(&r, SRC_KADASTER_OBJECTS, "5664AB", "12");
    set_text(&r, F_HOUSE_LETTER, "B");
    set_text(&r, F_OBJECT_ID, "0772010000000099");
    set_usage(&r, "woonfunctie");
    set_num(&r, F_FLOOR_AREA, 40);
    assert_null(join_row(&f->j, &r));
    assert_null(resident(f, SRC_BRP, "5664 ab", "12", "B"));
    assert_int_equal(c->linked, 4);
}

/*
 * Street and city: 5664AB 14 has no residents and its Kadaster row no street, but
 * 5664AB 12's BRP rows say where that postcode is; 5665XY 3 has nobody anywhere who
 * knows, and stays without (the report then shows nothing rather than a guess).
 */
static void object_at(struct fx *f, const char *postcode, const char *number, const char *id)
{
    struct row r;
    row_start(&r, SRC_KADASTER_OBJECTS, postcode, number);
    set_text(&r, F_OBJECT_ID, id);
    set_usage(&r, "woonfunctie");
    set_num(&r, F_FLOOR_AREA, 70);
    assert_null(join_row(&f->j, &r));
}

/* join_expect sizes the address index, the linker's number map and its held BAG ids for
 * the rows to come, from their share so far (not the postcodes: a sorted file's
 * first rows hold few); nothing joined changes, and no sized map grows on the way. */
static void test_expect_sizes_the_maps(void **state)
{
    struct fx *f = *state;
    char number[16], id[32];
    for (int i = 1; i <= 200; i++) {
        snprintf(number, sizeof number, "%d", i);
        snprintf(id, sizeof id, "07720100000%05d", i);
        object_at(f, "5664AB", number, id);
    }
    join_expect(&f->j, 20000); /* a hundred times as many */
    size_t addr_cap = f->d.addr_index.cap, number_cap = f->j.link.number.cap;
    assert_true(addr_cap * 7 >= 20000 * 10 && number_cap * 7 >= 20000 * 10);
    assert_true(f->j.link.postcode.cap <= 1024); /* one postcode so far: not scaled */
    for (int i = 201; i <= 20000; i++) {
        snprintf(number, sizeof number, "%d", 1 + i % 99999);
        snprintf(id, sizeof id, "07720100000%05d", i);
        object_at(f, i % 2 ? "5664AC" : "5664AD", number, id);
    }
    assert_int_equal(f->d.addr_index.cap, addr_cap);
    assert_int_equal(f->j.link.number.cap, number_cap);
    for (uint32_t a = 0; a < f->d.n_addrs; a++)
        assert_int_equal(dataset_find(&f->d, &f->d.addrs[a].key), a);
    join_expect(&f->j, 10); /* fewer than seen: nothing */
    assert_int_equal(f->d.addr_index.cap, addr_cap);
}

static void test_street_from_the_postcode(void **state)
{
    struct fx *f = *state;
    object_at(f, "5664AB", "14", "0772010000000014");
    object_at(f, "5664AB", "12", "0772010000000012");
    object_at(f, "5665XY", "3", "0772010000000003");
    struct row r;
    row_start(&r, SRC_BRP, "5664AB", "12");
    set_date(&r, F_BIRTH_DATE, 19800101);
    set_text(&r, F_STREET, "Heuvel");
    set_text(&r, F_CITY, "Geldrop");
    assert_null(join_row(&f->j, &r));
    assert_int_equal(join_finish(&f->j), 0);
    for (uint32_t i = 0; i < f->d.n_addrs; i++) {
        const struct address *a = &f->d.addrs[i];
        if (!strcmp(a->key.postcode, "5664AB")) {
            assert_string_equal(a->street, "Heuvel");
            assert_string_equal(a->city, "Geldrop");
        } else {
            assert_null(a->street);
            assert_null(a->city);
        }
    }
}

/*
 * Lanes (join.h): the sources after the objects joined side by side. The rows below
 * go once through the main join one source after another, and once through a BRP
 * lane and an energy lane fed in the opposite order and merged in ingest order: the
 * addresses created, their order, every record and every count must be the same.
 * Before its merge a lane creates nothing and leaves the shared fields alone.
 */
static void lane_row(struct row *r, enum source_id src, const char *postcode, const char *number,
                     const char *letter, const char *street)
{
    row_start(r, src, postcode, number);
    r->line = 7;
    if (letter)
        set_text(r, F_HOUSE_LETTER, letter);
    if (street)
        set_text(r, F_STREET, street), set_text(r, F_CITY, "Geldrop");
    if (src == SRC_BRP) {
        set_date(r, F_BIRTH_DATE, 19800101);
        set_date(r, F_REGISTERED_SINCE, 20100101);
    } else {
        set_flag(r, F_PRODUCT, PRODUCT_ELECTRICITY);
        set_num(r, F_ANNUAL, 2500);
    }
}

enum { LANE_ROWS = 6 };

/* BRP: 12 (twice, the second with a street), a postcode without any object (buurt
 * unknown), 12B (no object: twice), 20 (20A and 20B: ambiguous); energy: 12 with
 * another street, 12C (no object) with a BAG id no object has, 12B, 14, 20, again
 * the postcode without objects. */
static void lane_rows(enum source_id src, struct row rows[LANE_ROWS])
{
    if (src == SRC_BRP) {
        lane_row(&rows[0], SRC_BRP, "5664AB", "12", NULL, NULL);
        lane_row(&rows[1], SRC_BRP, "5664AB", "12", NULL, "Heuvel");
        lane_row(&rows[2], SRC_BRP, "9999ZZ", "1", NULL, NULL); /* the first one replayed */
        lane_row(&rows[3], SRC_BRP, "5664AB", "12", "B", "Heuvel");
        lane_row(&rows[4], SRC_BRP, "5664AB", "12", "B", NULL);
        lane_row(&rows[5], SRC_BRP, "5664AB", "20", NULL, NULL);
    } else {
        lane_row(&rows[0], SRC_ENERGY, "5664AB", "12", NULL, "Andere straat");
        lane_row(&rows[1], SRC_ENERGY, "5664AB", "12", "C", NULL);
        set_text(&rows[1], F_BAG_ID, "0772200000000999");
        lane_row(&rows[2], SRC_ENERGY, "5664AB", "12", "B", "Andere straat");
        lane_row(&rows[3], SRC_ENERGY, "5664AB", "14", NULL, NULL);
        lane_row(&rows[4], SRC_ENERGY, "5664AB", "20", NULL, NULL);
        lane_row(&rows[5], SRC_ENERGY, "9999ZZ", "1", NULL, NULL);
    }
}

/* The neighbourhood areas of two linkages hold the same rows (in any order). */
static void same_areas(const struct linkage *x, const struct linkage *y)
{
    assert_int_equal(x->n_areas, y->n_areas);
    for (uint32_t i = 0; i < x->n_areas; i++) {
        const struct linkage_area *a = &x->areas[i], *b = NULL;
        for (uint32_t k = 0; k < y->n_areas && !b; k++)
            if (y->areas[k].neighbourhood == a->neighbourhood)
                b = &y->areas[k];
        assert_non_null(b);
        assert_memory_equal(a->rows, b->rows, sizeof a->rows);
        assert_memory_equal(a->unlinked, b->unlinked, sizeof a->unlinked);
    }
}

static void same_address(const struct address *x, const struct address *y)
{
    assert_memory_equal(&x->key, &y->key, sizeof x->key);
    assert_int_equal(x->sources, y->sources);
    assert_int_equal(x->n_residents, y->n_residents);
    assert_int_equal(x->n_elec, y->n_elec);
    assert_true(x->elec == y->elec);
    assert_int_equal(x->link_doubt, y->link_doubt);
    assert_int_equal(!x->street, !y->street);
    if (x->street)
        assert_string_equal(x->street, y->street);
}

static void test_lanes_join_as_one(void **state)
{
    struct fx *f = *state, *g;
    setup((void **)&g);
    struct fx *both[2] = {f, g};
    for (int k = 0; k < 2; k++) {
        object_at(both[k], "5664AB", "12", "0772010000000012");
        object_at(both[k], "5664AB", "14", "0772010000000014");
        object_at(both[k], "5664AB", "20A", "0772010000000020");
        object_at(both[k], "5664AB", "20B", "0772010000000021");
        for (int n = 1; n <= 60; n++) { /* 64 in all: the rows' own addresses come after */
            char number[16], id[32];
            snprintf(number, sizeof number, "%d", n);
            snprintf(id, sizeof id, "07720100000001%02d", n);
            object_at(both[k], "5665AB", number, id);
        }
        for (uint32_t i = 0; i < both[k]->d.n_addrs; i++) /* a buurt for every object */
            both[k]->d.addrs[i].neighbourhood = i % 2 ? "BU01" : "BU02";
    }
    struct row brp[LANE_ROWS], energy[LANE_ROWS];
    lane_rows(SRC_BRP, brp);
    lane_rows(SRC_ENERGY, energy);
    for (int i = 0; i < LANE_ROWS; i++) /* f: one source after another */
        assert_null(join_row(&f->j, &brp[i]));
    for (int i = 0; i < LANE_ROWS; i++)
        assert_null(join_row(&f->j, &energy[i]));
    struct join lane_brp, lane_energy; /* g: side by side, energy first */
    assert_int_equal(join_lane_init(&lane_brp, &g->j, SRC_BRP), 0);
    assert_int_equal(join_lane_init(&lane_energy, &g->j, SRC_ENERGY), 0);
    for (int i = 0; i < LANE_ROWS; i++)
        assert_null(join_row(&lane_energy, &energy[i]));
    for (int i = 0; i < LANE_ROWS; i++)
        assert_null(join_row(&lane_brp, &brp[i]));
    assert_int_equal(g->d.n_addrs, 64); /* 12B, 12C, 20 and 9999ZZ 1 wait for the merge */
    uint32_t at12 = dataset_find(&g->d, &(struct addr_key){"5664AB", 0, "", 12});
    assert_int_equal(g->d.addrs[at12].n_residents, 2); /* its own field: at once */
    assert_int_equal(g->d.addrs[at12].sources, 1u << SRC_KADASTER_OBJECTS); /* shared: later */
    assert_null(g->d.addrs[at12].street);
    struct err e;
    err_clear(&e);
    assert_int_equal(join_lane_merge(&g->j, &lane_brp, &e), 0);
    assert_int_equal(join_lane_merge(&g->j, &lane_energy, &e), 0);
    join_lane_release(&lane_brp);
    join_lane_release(&lane_energy);
    assert_int_equal(g->d.n_addrs, f->d.n_addrs);
    assert_int_equal(g->d.n_addrs, 68);
    for (uint32_t i = 0; i < f->d.n_addrs; i++)
        same_address(&f->d.addrs[i], &g->d.addrs[i]);
    assert_string_equal(g->d.addrs[at12].street, "Heuvel"); /* BRP comes before energy */
    for (int s = 0; s < SRC_COUNT; s++) {
        assert_memory_equal(&f->j.counts[s], &g->j.counts[s], sizeof f->j.counts[s]);
        assert_memory_equal(f->j.linkage.cls[s], g->j.linkage.cls[s], sizeof f->j.linkage.cls[s]);
        assert_int_equal(f->j.linkage.bag_unknown[s], g->j.linkage.bag_unknown[s]);
        assert_int_equal(f->j.linkage.bag_invalid[s], g->j.linkage.bag_invalid[s]);
    }
    assert_int_equal(g->j.linkage.bag_unknown[SRC_ENERGY], 1); /* once, though replayed */
    same_areas(&f->j.linkage, &g->j.linkage);
    assert_int_equal(g->j.counts[SRC_BRP].new_addresses, 3);    /* 9999ZZ 1, 12B, 20 */
    assert_int_equal(g->j.counts[SRC_ENERGY].new_addresses, 1); /* 12C */
    uint32_t at20a = dataset_find(&g->d, &(struct addr_key){"5664AB", 'A', "", 20});
    assert_int_equal(g->d.addrs[at20a].link_doubt, 1u << SRC_BRP | 1u << SRC_ENERGY);
    teardown((void **)&g);
}

/* A refused address is quarantined with the normaliser's code and creates nothing. */
static void test_bad_address_refused(void **state)
{
    struct fx *f = *state;
    struct row r;
    row_start(&r, SRC_ENERGY, "5664 SA", "12");
    set_flag(&r, F_PRODUCT, PRODUCT_ELECTRICITY);
    set_num(&r, F_ANNUAL, 2500);
    const struct reject *rej = join_row(&f->j, &r);
    assert_non_null(rej);
    assert_string_equal(rej->code, "postcode_invalid");
    assert_int_equal(rej->field, F_POSTCODE);
    assert_int_equal(rej->fatal, 0);
    assert_int_equal(f->d.n_addrs, 0);
}

/* ------------------------------------------------------------- counters */

static void test_300_connections(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 300; i++) {
        struct row r;
        row_start(&r, SRC_ENERGY, "5664AB", "12");
        set_flag(&r, F_PRODUCT, i % 3 ? PRODUCT_ELECTRICITY : PRODUCT_GAS);
        set_num(&r, F_ANNUAL, 1000);
        if (i % 3 == 1)
            for (int m = 0; m < 12; m++)
                set_num(&r, F_MONTH_01 + m, 80);
        assert_null(join_row(&f->j, &r));
    }
    struct address *a = only_address(f);
    assert_int_equal(a->n_elec, 200);
    assert_int_equal(a->n_gas, 100);
    assert_int_equal(a->n_elec_monthly, 100);
    assert_true(a->elec == 200000.0f);
}

/* 70,000 registrations at one address: every uint16 counter stops at 65535. */
static void test_counters_saturate(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 70000; i++) {
        struct row r;
        row_start(&r, SRC_BRP, "5664AB", "12");
        set_date(&r, F_BIRTH_DATE, 19800101);
        set_date(&r, F_REGISTERED_SINCE, 20260601);
        assert_null(join_row(&f->j, &r));
    }
    struct address *a = only_address(f);
    assert_int_equal(a->n_residents, UINT16_MAX);
    assert_int_equal(a->n_adults, UINT16_MAX);
    assert_int_equal(a->n_minors, 0);
    assert_int_equal(a->n_arrivals_12m, UINT16_MAX);
    assert_int_equal(f->j.counts[SRC_BRP].not_in_objects, 70000); /* no Kadaster object */
}

/* ------------------------------------------------------- citizen reports */

static const char *const CATEGORIES[4] = {"hennepteelt, Stankoverlast hennep", "witwassen",
                                          "brievenbusfirma", "overbewoning,hennepteelt"};

static const struct reject *report(struct fx *f, const char *number, int32_t date,
                                   const char *category)
{
    struct row r;
    row_start(&r, SRC_SIGNALS, "5664AB", number);
    set_date(&r, F_DATE, date);
    set_text(&r, F_CATEGORY, category);
    return join_row(&f->j, &r);
}

/* Reports are counted per theme, once per (address, date, category), in the window,
 * weighted by age; other categories and old reports are counted but never score. */
static void test_citizen_reports(void **state)
{
    struct fx *f = *state;
    join_release(&f->j);
    char why[128];
    for (int t = 0; t < THEME_COUNT; t++)
        assert_null(
            category_map_add(&f->facts.categories, 1u << t, CATEGORIES[t], why, sizeof why));
    f->facts.signal_months = 12;
    f->facts.signal_half_life = 6;
    join_init(&f->j, &f->d, &f->o);
    assert_null(report(f, "12", REF, "hennepteelt"));               /* today: weight 1 */
    assert_null(report(f, "12", REF, "HENNEPTEELT "));              /* repeated: once */
    assert_null(report(f, "12", 20260501, "stankoverlast hennep")); /* 6 months: 0.5 */
    assert_null(report(f, "12", 20240101, "hennepteelt"));          /* outside 12 months */
    assert_null(report(f, "12", 20261001, "geluidsoverlast"));      /* no theme */
    assert_null(report(f, "14", 20261001, "brievenbusfirma"));
    const struct signal_agg *s =
        dataset_signals_find(&f->d, dataset_find(&f->d, &(struct addr_key){"5664AB", 0, "", 12}));
    assert_non_null(s);
    /* hennepteelt is listed for hennep and overbewoning */
    assert_int_equal(s->n[THEME_HENNEP], 2);
    assert_int_equal(s->n[THEME_OVERBEWONING], 1);
    assert_int_equal(s->n[THEME_BRIEVENBUS], 0);
    assert_true(s->weight[THEME_HENNEP] > 1.49 && s->weight[THEME_HENNEP] < 1.51);
    assert_true(s->weight[THEME_OVERBEWONING] > 0.99 && s->weight[THEME_OVERBEWONING] < 1.01);
    assert_int_equal(s->latest, REF);
    assert_int_equal(f->j.signals.counted, 3);
    assert_int_equal(f->j.signals.old, 1);
    assert_int_equal(f->j.signals.other, 1);
    assert_int_equal(f->j.counts[SRC_SIGNALS].duplicates, 1);
}

/* ---------------------------------------------------------- the dataset */

/* Many addresses, owners, buildings: every key maps to its own, existing record. */
static void test_dataset_indexes(void **state)
{
    struct fx *f = *state;
    for (uint32_t i = 0; i < 10000; i++) {
        struct addr_key k;
        memset(&k, 0, sizeof k);
        memcpy(k.postcode, "5664AB", 7);
        k.number = i + 1;
        int created = 0;
        assert_int_equal(dataset_address(&f->d, &k, &created), i);
        assert_true(created);
        assert_int_equal(dataset_address(&f->d, &k, &created), i);
        assert_false(created);
        assert_int_equal(f->d.addrs[i].key.number, i + 1);
        assert_int_equal(f->d.addrs[i].owner, NONE_IDX);
        char id[16];
        int n = snprintf(id, sizeof id, "b%u", (unsigned)i);
        assert_int_equal(dataset_building(&f->d, id, (size_t)n), i);
        assert_int_equal(dataset_building(&f->d, id, (size_t)n), i);
    }
    assert_int_equal(f->d.n_addrs, 10000);
    assert_true(f->d.cap_addrs >= f->d.n_addrs);
    assert_int_equal(f->d.n_buildings, 10000);
}

/* Building ids as BAG writes them, numbers issued in sequence (model/dataset.c,
 * building_hash keeps neighbours together): 20,000 consecutive 16-digit ids, each
 * repeated, across the map's growth, each its own building found again; ids that
 * read as the same number ("0363..." and "363..."), ids too long for a number
 * (20 digits) and ids with letters stay apart. */
static void test_building_ids(void **state)
{
    struct fx *f = *state;
    char id[32];
    for (uint32_t i = 0; i < 20000; i++) {
        int n = snprintf(id, sizeof id, "%016llu", 363100000000000ull + i);
        assert_int_equal(dataset_building(&f->d, id, (size_t)n), i);
        assert_int_equal(dataset_building(&f->d, id, (size_t)n), i);
    }
    for (uint32_t i = 0; i < 20000; i += 997) {
        int n = snprintf(id, sizeof id, "%016llu", 363100000000000ull + i);
        assert_int_equal(dataset_building(&f->d, id, (size_t)n), i);
    }
    uint32_t b = f->d.n_buildings;
    assert_int_equal(dataset_building(&f->d, "363100000000000", 15), b); /* "0363..." exists */
    assert_int_equal(dataset_building(&f->d, "9999999999999999999", 19), b + 1);
    assert_int_equal(dataset_building(&f->d, "99999999999999999990", 20), b + 2);
    assert_int_equal(dataset_building(&f->d, "0363100000000001x", 17), b + 3);
    assert_int_equal(dataset_building(&f->d, "9999999999999999999", 19), b + 1);
    assert_int_equal(dataset_building(&f->d, "99999999999999999990", 20), b + 2);
    assert_int_equal(f->d.n_buildings, 20004);
}

/* Units at one number (letters, toevoegingen) over many postcodes: each its own
 * record, found again by dataset_find, and a unit that was never added is absent. */
static void test_dataset_units(void **state)
{
    struct fx *f = *state;
    static const char *const SUFFIX[] = {"", "1", "2", "hs", "bis"};
    uint32_t n = 0;
    for (uint32_t pc = 0; pc < 200; pc++)
        for (uint32_t num = 1; num <= 12; num++)
            for (int u = 0; u < 10; u++) {
                struct addr_key k;
                memset(&k, 0, sizeof k);
                snprintf(k.postcode, sizeof k.postcode, "%04uAB", 1000 + pc);
                k.number = num;
                k.letter = u < 5 ? '\0' : 'A';
                snprintf(k.suffix, sizeof k.suffix, "%s", SUFFIX[u % 5]);
                int created = 0;
                assert_int_equal(dataset_address(&f->d, &k, &created), n);
                assert_true(created);
                assert_int_equal(dataset_find(&f->d, &k), n);
                n++;
                k.letter = 'Z';
                assert_int_equal(dataset_find(&f->d, &k), NONE_IDX);
            }
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(dataset_find(&f->d, &f->d.addrs[i].key), i);
}

static size_t index_slot(const struct dataset *d, uint32_t idx)
{
    for (size_t i = 0; i < d->addr_index.cap; i++)
        if (d->addr_index.slots[i].flags && d->addr_index.slots[i].value == idx)
            return i;
    fail_msg("address %u not in the index", (unsigned)idx);
    return 0;
}

/* The houses of a street sit side by side in the index (model/dataset.c): number
 * n + 1 of a postcode in the slot after number n's, wrapping at the end. */
static void test_dataset_street_side_by_side(void **state)
{
    struct fx *f = *state;
    for (uint32_t num = 1; num <= 30; num++) {
        struct addr_key k;
        memset(&k, 0, sizeof k);
        memcpy(k.postcode, "5661AF", 7);
        k.number = num;
        assert_int_equal(dataset_address(&f->d, &k, NULL), num - 1);
    }
    for (uint32_t i = 0; i + 1 < 30; i++)
        assert_int_equal(index_slot(&f->d, i + 1),
                         (index_slot(&f->d, i) + 1) & (f->d.addr_index.cap - 1));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_duplicate_object_rows),
        T(test_co_owner_order),
        T(test_dataset_units),
        T(test_dataset_street_side_by_side),
        T(test_expect_sizes_the_maps),
        T(test_same_owner_twice),
        T(test_two_objects_summed),
        T(test_object_ids_apart),
        T(test_duplicate_transfer_merged),
        T(test_kvk_numbers),
        T(test_risk_sbi_dotted),
        T(test_address_spellings),
        T(test_repeated_address_rows),
        T(test_bad_address_refused),
        T(test_300_connections),
        T(test_counters_saturate),
        T(test_dataset_indexes),
        T(test_building_ids),
        T(test_citizen_reports),
        T(test_street_from_the_postcode),
        T(test_lanes_join_as_one),
        T(test_birth_dates_become_ages),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
