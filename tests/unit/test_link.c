/*
 * test_link.c - address linkage (transform/link.c, linkage.c, through join.c).
 *
 * Why: a row linked to the wrong unit moves residents or energy use into the
 * neighbour's dwelling; a row that fails to link makes its dwelling look empty.
 * Pinned here, against one small Kadaster street:
 *   - every match class with the unit it must link to, and the refusals:
 *     never across house numbers or postcodes, never when two units fit;
 *   - rows through the join: linked rows land on the Kadaster record, unlinked
 *     ones on an address of their own, in unlinked-SOURCE.csv with the reason and
 *     the candidates, and AMBIGUOUS marks the candidates' link_doubt;
 *   - BAG ids: joined on when both sides carry one, 15 digits padded, invalid
 *     or unknown ids fall back to the address;
 *   - per-neighbourhood counts and their order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/dataset.h"
#include "model/row.h"
#include "transform/address.h"
#include "report/rows_csv.h"
#include "transform/join.h"
#include "transform/link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))
#define PC "5664AB"

struct fx {
    struct dataset d;
    struct join_opts o;
    struct join j;
};

/* ------------------------------------------------------------- row builders */

static void put(struct row *r, enum field_id f, const char *s)
{
    r->mapped |= 1ull << f;
    if (!s || !*s)
        return;
    r->present |= 1ull << f;
    r->v[f].s = s;
    r->v[f].len = strlen(s);
}

/* A row with postcode, number text and (letter column mapped when letter != NULL). */
static void row_at(struct row *r, enum source_id src, const char *pc, const char *number,
                   const char *letter, const char *suffix)
{
    memset(r, 0, sizeof *r);
    r->source = src;
    r->line = 2;
    put(r, F_POSTCODE, pc);
    put(r, F_HOUSE_NUMBER, number);
    if (letter)
        put(r, F_HOUSE_LETTER, letter);
    if (suffix)
        put(r, F_HOUSE_SUFFIX, suffix);
}

static void object(struct fx *f, const char *number, const char *letter, const char *suffix,
                   const char *buurt, const char *bag)
{
    struct row r;
    row_at(&r, SRC_KADASTER_OBJECTS, PC, number, letter ? letter : "", suffix ? suffix : "");
    put(&r, F_OBJECT_ID, number);
    r.present |= 1ull << F_USAGE; /* parsed by the reader */
    r.v[F_USAGE].flag = USE_WONEN;
    put(&r, F_NEIGHBOURHOOD, buurt);
    if (bag)
        put(&r, F_BAG_ID, bag);
    r.present |= 1ull << F_FLOOR_AREA;
    r.v[F_FLOOR_AREA].num = 60;
    const struct reject *rej = join_row(&f->j, &r);
    if (rej)
        fail_msg("object %s %s %s refused: %s", number, letter, suffix, rej->code);
}

static const struct reject *person(struct fx *f, const char *pc, const char *number,
                                   const char *letter, const char *suffix)
{
    struct row r;
    row_at(&r, SRC_BRP, pc, number, letter, suffix);
    r.present |= 1ull << F_BIRTH_DATE | 1ull << F_REGISTERED_SINCE;
    r.v[F_BIRTH_DATE].date = 19800101;
    r.v[F_REGISTERED_SINCE].date = 20100101;
    return join_row(&f->j, &r);
}

/*
 * The street: Amsterdam-style 12 H/1/2/3, letters 14 A-C, a split house 16 and 16
 * toevoeging A, 7A alone at 7, 9 and 9 BIS, 20 B73C, 22, and 24 with both H and
 * HS (two ground-floor spellings: a synonym cannot choose).
 */
static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    dataset_init(&f->d);
    f->o.reference_date = 20261101;
    join_init(&f->j, &f->d, &f->o);
    static const struct {
        const char *number, *letter, *suffix, *buurt;
    } street[] = {
        {"12", "", "H", "BU01"},    {"12", "", "1", "BU01"}, {"12", "", "2", "BU01"},
        {"12", "", "3", "BU01"},    {"14", "A", "", "BU01"}, {"14", "B", "", "BU01"},
        {"14", "C", "", "BU01"},    {"16", "", "", "BU02"},  {"16", "", "A", "BU02"},
        {"7", "A", "", "BU02"},     {"9", "", "", "BU02"},   {"9", "", "BIS", "BU02"},
        {"20", "B", "73C", "BU02"}, {"22", "", "", "BU02"},  {"24", "", "H", "BU02"},
        {"24", "", "HS", "BU02"},
    };
    for (size_t i = 0; i < N_ROWS(street); i++)
        object(f, street[i].number, street[i].letter, street[i].suffix, street[i].buurt, NULL);
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

/* ----------------------------------------------------------- the classes */

static const struct {
    const char *pc, *number, *letter, *suffix; /* letter NULL: no letter column */
    enum link_class want;
    const char *unit; /* "12-H": the Kadaster unit it must link to (linked classes) */
} CASES[] = {
    /* ground floor and floors */
    {PC, "12", "", "H", LINK_EXACT, "12-H"},
    {PC, "12 H", NULL, NULL, LINK_SWAPPED, "12-H"}, /* a lone letter is read as huisletter */
    {PC, "12 parterre", NULL, NULL, LINK_EXACT, "12-H"},
    {PC, "12-H", NULL, NULL, LINK_SWAPPED, "12-H"}, /* read as letter H */
    {PC, "12H", NULL, NULL, LINK_SWAPPED, "12-H"},
    {PC, "12 hs", NULL, NULL, LINK_SYNONYM, "12-H"},
    {PC, "12-huis", NULL, NULL, LINK_SYNONYM, "12-H"},
    {PC, "12 bg", NULL, NULL, LINK_SYNONYM, "12-H"},
    {PC, "12", "", "BEG", LINK_SYNONYM, "12-H"},
    {PC, "12-0", NULL, NULL, LINK_SYNONYM, "12-H"},
    {PC, "12", "", "HS", LINK_SYNONYM, "12-H"},
    {PC, "12-II", NULL, NULL, LINK_SYNONYM, "12-2"},
    {PC, "12", "", "III", LINK_SYNONYM, "12-3"},
    {PC, "12-2e", NULL, NULL, LINK_SYNONYM, "12-2"},
    {PC, "12 1 hoog", NULL, NULL, LINK_EXACT, "12-1"},
    {PC, "12-I", NULL, NULL, LINK_SYNONYM, "12-1"}, /* letter I -> toevoeging I = 1 */
    {PC, "12", "", "", LINK_AMBIGUOUS, NULL},
    {PC, "12-5", NULL, NULL, LINK_UNIT_UNKNOWN, NULL},
    {PC, "12-IV", NULL, NULL, LINK_UNIT_UNKNOWN, NULL}, /* 4 is not there */
    /* letters */
    {PC, "14a", NULL, NULL, LINK_EXACT, "14A"},
    {PC, "14", "", "B", LINK_SWAPPED, "14B"}, /* toevoeging B for letter B */
    {PC, "14", NULL, "c", LINK_EXACT, "14C"}, /* no letter column: the letter */
    {PC, "14", "", "", LINK_AMBIGUOUS, NULL},
    {PC, "14-D", NULL, NULL, LINK_UNIT_UNKNOWN, NULL},
    /* a split house: 16 and 16 toevoeging A */
    {PC, "16", "", "", LINK_EXACT, "16"},
    {PC, "16A", NULL, NULL, LINK_SWAPPED, "16-A"},
    {PC, "16", "a", "", LINK_SWAPPED, "16-A"},
    {PC, "16", "", "A", LINK_EXACT, "16-A"},
    /* the only unit at 7 */
    {PC, "7", "", "", LINK_UNIQUE, "7A"},
    {PC, "0007", NULL, NULL, LINK_UNIQUE, "7A"},
    {PC, "7a", NULL, NULL, LINK_EXACT, "7A"},
    {PC, "7B", NULL, NULL, LINK_UNIT_UNKNOWN, NULL},
    {PC, "7-1", NULL, NULL, LINK_UNIT_UNKNOWN, NULL},
    /* bis */
    {PC, "9", "", "", LINK_EXACT, "9"},
    {PC, "9 bis", NULL, NULL, LINK_EXACT, "9-BIS"},
    {PC, "9b", NULL, NULL, LINK_SYNONYM, "9-BIS"},
    {PC, "9", "B", "", LINK_SYNONYM, "9-BIS"},
    /* letter + toevoeging together */
    {PC, "20-B73C", NULL, NULL, LINK_EXACT, "20B-73C"},
    {PC, "20", "", "B73C", LINK_SWAPPED, "20B-73C"},
    {PC, "20", NULL, "B73C", LINK_SWAPPED, "20B-73C"}, /* only letter + digits split */
    {PC, "20", NULL, "B", LINK_UNIT_UNKNOWN, NULL},
    {PC, "20", "", "", LINK_UNIQUE, "20B-73C"},
    /* bare number with a toevoeging the Kadaster does not have */
    {PC, "22", "", "", LINK_EXACT, "22"},
    {PC, "22-1", NULL, NULL, LINK_UNIT_UNKNOWN, NULL},
    /* two ground-floor spellings registered: no choice */
    {PC, "24", "", "H", LINK_EXACT, "24-H"},
    {PC, "24 huis", NULL, NULL, LINK_AMBIGUOUS, NULL},
    /* never across numbers or postcodes */
    {PC, "30", NULL, NULL, LINK_NOT_IN_KADASTER, NULL},
    {PC, "13 H", NULL, NULL, LINK_NOT_IN_KADASTER, NULL},
    {"5664AC", "12 H", NULL, NULL, LINK_NOT_IN_KADASTER, NULL},
    {"5664AC", "7", NULL, NULL, LINK_NOT_IN_KADASTER, NULL},
};

static void test_classes(void **state)
{
    struct fx *f = *state;
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(CASES); i++) {
        const char *l = CASES[i].letter, *s = CASES[i].suffix;
        struct addr_key k;
        enum addr_status st =
            addr_normalise(CASES[i].pc, strlen(CASES[i].pc), CASES[i].number,
                           strlen(CASES[i].number), l, l ? strlen(l) : 0, s, s ? strlen(s) : 0, &k);
        if (st != ADDR_OK) {
            fprintf(stderr, "case %zu '%s': not normalised (%s)\n", i, CASES[i].number,
                    addr_status_code(st));
            bad++;
            continue;
        }
        struct link_match m;
        link_resolve(&f->j.link, &k, &m);
        char unit[24] = "";
        if (m.addr != NONE_IDX)
            addr_key_number_text(&f->d.addrs[m.addr].key, unit, sizeof unit);
        int linked = link_class_linked(m.cls);
        if (m.cls != CASES[i].want || (linked && strcmp(unit, CASES[i].unit) != 0) ||
            (!linked && m.addr != NONE_IDX)) {
            fprintf(stderr, "case %zu '%s' letter '%s' suffix '%s': want %s %s, got %s %s\n", i,
                    CASES[i].number, l ? l : "(none)", s ? s : "(none)",
                    link_class_code(CASES[i].want), CASES[i].unit ? CASES[i].unit : "",
                    link_class_code(m.cls), unit);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The candidates: all units at the number, for the unlinked file and the buurt. */
static void test_candidates(void **state)
{
    struct fx *f = *state;
    struct addr_key k;
    assert_int_equal(addr_normalise(PC, 6, "12", 2, "", 0, "", 0, &k), ADDR_OK);
    struct link_match m;
    link_resolve(&f->j.link, &k, &m);
    assert_int_equal(m.cls, LINK_AMBIGUOUS);
    assert_int_equal(m.n_candidates, 4);
    int n = 0;
    for (uint32_t c = link_first(&f->j.link, &k); c != NONE_IDX; c = link_next(&f->j.link, c)) {
        assert_int_equal(f->d.addrs[c].key.number, 12);
        n++;
    }
    assert_int_equal(n, 4);
    assert_string_equal(link_neighbourhood(&f->j.link, &k), "BU01");
}

static void test_readings(void **state)
{
    (void)state;
    struct addr_key k = {PC, 'B', "73C", 20}, out[LINK_READINGS_MAX], syn;
    assert_int_equal(link_swaps(&k, out), 1);
    assert_int_equal(out[0].letter, 0);
    assert_string_equal(out[0].suffix, "B73C");
    k = (struct addr_key){PC, 0, "A2", 20};
    assert_int_equal(link_swaps(&k, out), 1);
    assert_int_equal(out[0].letter, 'A');
    assert_string_equal(out[0].suffix, "2");
    k = (struct addr_key){PC, 0, "12", 20}; /* digits: no letter to read */
    assert_int_equal(link_swaps(&k, out), 0);
    static const struct {
        char letter;
        const char *suffix;
        char want_letter;
        const char *want;
    } syns[] = {
        {0, "HS", 0, "H"},        {0, "HUIS", 0, "H"},  {0, "BG", 0, "H"},   {0, "0", 0, "H"},
        {0, "IV", 0, "4"},        {0, "3E", 0, "3"},    {0, "12E", 0, "12"}, {0, "BIS", 'B', ""},
        {'B', "BIS", 'B', "BIS"}, {0, "TOE", 0, "TOE"}, {0, "E", 0, "E"},    {'A', "II", 'A', "2"},
    };
    for (size_t i = 0; i < N_ROWS(syns); i++) {
        k = (struct addr_key){PC, syns[i].letter, "", 20};
        strcpy(k.suffix, syns[i].suffix);
        link_synonym(&k, &syn);
        assert_int_equal(syn.letter, syns[i].want_letter);
        assert_string_equal(syn.suffix, syns[i].want);
        assert_int_equal(syn.number, 20);
    }
}

/* ------------------------------------------------------- through the join */

/* The record at 5664AB number/letter/toevoeging, NONE_IDX when absent. */
static uint32_t find(struct fx *f, uint32_t number, char letter, const char *suffix)
{
    struct addr_key k = {PC, letter, "", number};
    strcpy(k.suffix, suffix);
    return dataset_find(&f->d, &k);
}

static void test_rows_fold_into_kadaster_record(void **state)
{
    struct fx *f = *state;
    uint32_t n_addrs = f->d.n_addrs;
    assert_null(person(f, "5664 ab", "12 hs", NULL, NULL)); /* SYNONYM */
    assert_null(person(f, PC, "12-H", NULL, NULL));         /* SWAPPED */
    assert_null(person(f, PC, "7", "", ""));                /* UNIQUE */
    assert_int_equal(f->d.n_addrs, n_addrs);                /* nothing new */
    assert_int_equal(f->d.addrs[find(f, 12, 0, "H")].n_residents, 2);
    assert_int_equal(f->d.addrs[find(f, 7, 'A', "")].n_residents, 1);
    const struct linkage *lk = &f->j.linkage;
    assert_int_equal(lk->cls[SRC_BRP][LINK_SYNONYM], 1);
    assert_int_equal(lk->cls[SRC_BRP][LINK_SWAPPED], 1);
    assert_int_equal(lk->cls[SRC_BRP][LINK_UNIQUE], 1);
    assert_int_equal(f->j.counts[SRC_BRP].linked, 3);
    assert_int_equal(f->j.counts[SRC_BRP].not_in_objects, 0);
    assert_int_equal(lk->cls[SRC_KADASTER_OBJECTS][LINK_EXACT], 16);
}

/* Unlinked rows: kept at their own address, written with reason and candidates. */
static void test_unlinked_rows(void **state)
{
    struct fx *f = *state;
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    f->j.linkage.unlinked = report_unlinked_row;
    f->j.linkage.unlinked_ctx[SRC_BRP] = out;
    f->j.linkage.file_name[SRC_BRP] = "brp.csv";
    uint32_t n_addrs = f->d.n_addrs;
    assert_null(person(f, PC, "14", "", ""));       /* AMBIGUOUS */
    assert_null(person(f, PC, "14", "", ""));       /* same address, counted twice */
    assert_null(person(f, PC, "22-1", NULL, NULL)); /* UNIT_UNKNOWN */
    assert_null(person(f, PC, "30", NULL, NULL));   /* NOT_IN_KADASTER */
    fclose(out);
    assert_int_equal(f->d.n_addrs, n_addrs + 3);
    assert_int_equal(f->d.addrs[find(f, 14, 0, "")].n_residents, 2);
    assert_int_equal(f->d.addrs[find(f, 14, 0, "")].sources, 1u << SRC_BRP);
    assert_int_equal(f->j.counts[SRC_BRP].not_in_objects, 4);
    assert_int_equal(f->j.counts[SRC_BRP].linked, 0);
    /* the candidates of an AMBIGUOUS row cannot know they have nobody */
    assert_true(f->d.addrs[find(f, 14, 'A', "")].link_doubt & (1u << SRC_BRP));
    assert_true(f->d.addrs[find(f, 14, 'C', "")].link_doubt & (1u << SRC_BRP));
    assert_false(f->d.addrs[find(f, 22, 0, "")].link_doubt);
    assert_non_null(strstr(buf, "brp.csv;2;AMBIGUOUS;several Kadaster addresses"));
    assert_non_null(strstr(buf, ";5664AB;14;;;5664AB 14;14A 14B 14C\n"));
    assert_non_null(strstr(buf, "brp.csv;2;NONE;the Kadaster knows this postcode and number"));
    assert_non_null(strstr(buf, ";5664AB;22-1;;;5664AB 22-1;22\n"));
    assert_non_null(strstr(buf, "NONE;no Kadaster address at this postcode and number"));
    assert_non_null(strstr(buf, ";5664AB 30;\n"));
    free(buf);
}

/* A buurt's unlinked share: rows of unlinked addresses count where the Kadaster
 * places their number or postcode. */
static void test_neighbourhood_counts(void **state)
{
    struct fx *f = *state;
    assert_null(person(f, PC, "12 hs", NULL, NULL)); /* BU01 linked */
    assert_null(person(f, PC, "12", "", ""));        /* BU01 ambiguous */
    assert_null(person(f, PC, "16", "", ""));        /* BU02 linked */
    assert_null(person(f, PC, "30", "", ""));      /* by its postcode: first address there, BU01 */
    assert_null(person(f, "9999ZZ", "1", "", "")); /* unknown postcode */
    const struct linkage *lk = &f->j.linkage;
    assert_int_equal(lk->n_areas, 3);
    uint32_t *order;
    assert_int_equal(linkage_areas_sorted(lk, &order), 0);
    /* unknown 100%, BU01 2 of 3, BU02 0 of 1 */
    assert_null(lk->areas[order[0]].neighbourhood);
    assert_string_equal(lk->areas[order[1]].neighbourhood, "BU01");
    assert_string_equal(lk->areas[order[2]].neighbourhood, "BU02");
    const struct linkage_area *bu01 = &lk->areas[order[1]];
    assert_int_equal(bu01->rows[SRC_BRP], 3);
    assert_int_equal(bu01->unlinked[SRC_BRP], 2);
    assert_true(linkage_area_share(&lk->areas[order[2]]) == 0.0);
    free(order);
}

static void test_bag_ids(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want; /* want NULL: not an id */
    } cases[] = {
        {"0363200000123456", "0363200000123456"},
        {"363200000123456", "0363200000123456"}, /* spreadsheet lost the zero */
        {" 0363 2000 0012 3456 ", "0363200000123456"},
        {"36320000012345", NULL},
        {"03632000001234567", NULL},
        {"0363-20-0000123456", NULL},
        {"3.63200000123456E+15", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < N_ROWS(cases); i++) {
        char out[LINK_BAG_DIGITS + 1];
        int rc = link_bag_id(cases[i].in, strlen(cases[i].in), out);
        if (cases[i].want) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, cases[i].want);
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

static const struct reject *energy_into(struct join *j, const char *pc, const char *number,
                                        const char *bag)
{
    struct row r;
    row_at(&r, SRC_ENERGY, pc, number, NULL, NULL);
    put(&r, F_BAG_ID, bag);
    r.present |= 1ull << F_PRODUCT | 1ull << F_ANNUAL;
    r.v[F_PRODUCT].flag = PRODUCT_ELECTRICITY;
    r.v[F_ANNUAL].num = 1000;
    return join_row(j, &r);
}

static const struct reject *energy(struct fx *f, const char *pc, const char *number,
                                   const char *bag)
{
    return energy_into(&f->j, pc, number, bag);
}

/* Both sides carry a BAG id: it wins over the written address (which, when given,
 * must still be a valid one). */
static void test_bag_id_join(void **state)
{
    struct fx *f = *state;
    object(f, "40", "", "", "BU03", "1771200000000040");
    object(f, "42", "", "", "BU03", "1771200000000042");
    assert_null(energy(f, PC, "42", "1771200000000040")); /* the id names 40 */
    assert_null(energy(f, "", "", "1771200000000042"));   /* no address at all */
    assert_null(energy(f, PC, "40", "1771200000009999")); /* unknown id: by address */
    assert_null(energy(f, PC, "40", "17712000"));         /* not an id: by address */
    /* a known id does not excuse a broken address: the row is damaged */
    const struct reject *rej = energy(f, "5664 SA", "40", "1771200000000040");
    assert_non_null(rej);
    assert_string_equal(rej->code, "postcode_invalid");
    assert_non_null(energy(f, PC, "1-dec", "1771200000000040"));
    assert_null(energy(f, PC, "40-14", "1771200000000040")); /* 40 toevoeging 14, not a range */
    assert_non_null(energy(f, "", "", "1771200000009999"));  /* unknown id, no address */
    const struct linkage *lk = &f->j.linkage;
    assert_int_equal(lk->cls[SRC_ENERGY][LINK_BAG_ID], 3);
    assert_int_equal(lk->cls[SRC_ENERGY][LINK_EXACT], 2);
    assert_int_equal(lk->bag_unknown[SRC_ENERGY], 2);
    assert_int_equal(lk->bag_invalid[SRC_ENERGY], 1);
    assert_int_equal(f->d.addrs[find(f, 40, 0, "")].n_elec, 4);
    assert_int_equal(f->d.addrs[find(f, 42, 0, "")].n_elec, 1);
}

/* The BAG id of the i-th of the ids the held tests use (distinct for i < 100000). */
static void bag_of(uint32_t i, char id[LINK_BAG_DIGITS + 1])
{
    snprintf(id, LINK_BAG_DIGITS + 1, "17712%011u", (unsigned)(i * 7919u % 100000u));
}

/*
 * A Kadaster object's BAG id is held until the objects are all in (link.h): found
 * only after link_index_bag, the first address of an id keeping it (the same id on
 * the next row, a co-owner's, is not held twice), also against ids indexed in an
 * earlier batch, whose map must grow for the second. The first batch fills the
 * held list exactly (4,096 ids: fetching ahead must stop at its end).
 */
static void test_bag_ids_held_then_indexed(void **state)
{
    (void)state;
    struct dataset d;
    dataset_init(&d);
    struct link l;
    link_init(&l, &d);
    char id[LINK_BAG_DIGITS + 1];
    enum { FIRST = 4096, SECOND = 20000 };
    for (uint32_t i = 0; i < FIRST; i++) {
        bag_of(i, id);
        assert_int_equal(link_add_bag(&l, id, i), 0);
    }
    assert_int_equal(l.n_held, FIRST);
    assert_int_equal(l.cap_held, FIRST); /* full: nothing past it may be read */
    bag_of(0, id);
    assert_int_equal(link_find_bag(&l, id), NONE_IDX); /* held, not yet findable */
    assert_int_equal(link_index_bag(&l), 0);
    assert_int_equal(link_index_bag(&l), 0); /* nothing held: no change */
    assert_int_equal(l.bag.n, FIRST);
    size_t first_cap = l.bag.cap;
    for (uint32_t i = 0; i < SECOND; i++) {
        bag_of(i, id); /* the first FIRST again, for other addresses: they keep theirs */
        assert_int_equal(link_add_bag(&l, id, 100000 + i), 0);
        if (i % 10 == 0) /* the next row repeats the id: held once */
            assert_int_equal(link_add_bag(&l, id, 200000 + i), 0);
    }
    assert_int_equal(l.n_held, SECOND);
    assert_int_equal(link_index_bag(&l), 0);
    assert_true(l.bag.cap > first_cap); /* grown, the first batch's ids rehashed */
    assert_int_equal(l.bag.n, SECOND);
    for (uint32_t i = 0; i < SECOND; i++) {
        bag_of(i, id);
        assert_int_equal(link_find_bag(&l, id), i < FIRST ? i : 100000 + i);
    }
    assert_int_equal(link_find_bag(&l, "1771299999999999"), NONE_IDX);
    link_release(&l);
    dataset_release(&d);
}

/* A lane finds the objects' BAG ids: join_lane_init indexes them before the lane
 * starts (lanes share the linker read-only), with no row of another source on the
 * main join before. */
static void test_bag_id_in_a_lane(void **state)
{
    struct fx *f = *state;
    object(f, "40", "", "", "BU03", "1771200000000040");
    object(f, "42", "", "", "BU03", "1771200000000042");
    assert_int_equal(f->j.link.n_held, 2);
    struct join lane;
    assert_int_equal(join_lane_init(&lane, &f->j, SRC_ENERGY), 0);
    assert_int_equal(f->j.link.n_held, 0);
    assert_null(energy_into(&lane, "", "", "1771200000000042")); /* no address: the id alone */
    assert_int_equal(lane.linkage.cls[SRC_ENERGY][LINK_BAG_ID], 1);
    struct err e;
    err_clear(&e);
    assert_int_equal(join_lane_merge(&f->j, &lane, &e), 0);
    join_lane_release(&lane);
    assert_int_equal(f->d.addrs[find(f, 42, 0, "")].n_elec, 1);
    assert_int_equal(f->d.addrs[find(f, 40, 0, "")].n_elec, 0);
}

/* vik explain follows one house number: every row written there, and rows
 * linked there by BAG id, with their class. */
static void test_trace(void **state)
{
    struct fx *f = *state;
    struct addr_key k;
    assert_int_equal(addr_normalise(PC, 6, "12", 2, NULL, 0, NULL, 0, &k), ADDR_OK);
    assert_int_equal(linkage_follow(&f->j.linkage, &k), 0);
    assert_null(person(f, PC, "12 hs", NULL, NULL));
    assert_null(person(f, PC, "12", "", ""));
    assert_null(person(f, PC, "14a", NULL, NULL)); /* another number: not followed */
    const struct linkage *lk = &f->j.linkage;
    assert_int_equal(lk->n_trace, 2);
    assert_int_equal(lk->trace[0].cls, LINK_SYNONYM);
    assert_string_equal(lk->trace[0].written, "5664AB, 12 hs");
    assert_int_equal(lk->trace[0].addr, find(f, 12, 0, "H"));
    assert_int_equal(lk->trace[1].cls, LINK_AMBIGUOUS);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_classes),
        T(test_candidates),
        T(test_readings),
        T(test_rows_fold_into_kadaster_record),
        T(test_unlinked_rows),
        T(test_neighbourhood_counts),
        T(test_bag_ids),
        T(test_bag_id_join),
        cmocka_unit_test(test_bag_ids_held_then_indexed),
        T(test_bag_id_in_a_lane),
        T(test_trace),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
