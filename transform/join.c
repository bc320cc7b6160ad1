/*
 * join.c - per-source aggregation into struct address; see join.h.
 *
 * A row goes through three steps: a per-source check of the fields the join itself
 * interprets (gebruiksdoel, KvK number, object id length) that can still refuse the
 * row, then the address lookup, then the per-source sink. Checking before the lookup
 * keeps a refused row from creating an address or counting as linked.
 *
 * Out of memory anywhere (address, owner, building, key sets, interned strings) is a
 * fatal reject: it says nothing about the row, and the run must stop rather than
 * carry on with a model that silently lacks rows.
 */
#include "transform/join.h"

#include "common/hugemem.h"
#include "common/arena.h"
#include "common/date.h"
#include "common/hmap.h"
#include "common/wipe.h"
#include "model/catalogue.h"
#include "transform/address.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert((int)DATASET_THEMES == (int)THEME_COUNT, "signal_agg keeps one slot per theme");

/* ------------------------------------------------------------------ rejects */

/* The column a failed address is blamed on, by normaliser status. */
#define ADDR_FIELD(name)                                                                           \
    (ADDR_##name == ADDR_POSTCODE_MISSING || ADDR_##name == ADDR_POSTCODE_INVALID ||               \
             ADDR_##name == ADDR_POSTCODE_PC4                                                      \
         ? F_POSTCODE                                                                              \
     : ADDR_##name == ADDR_LETTER_INVALID ? F_HOUSE_LETTER                                         \
     : ADDR_##name == ADDR_SUFFIX_INVALID ? F_HOUSE_SUFFIX                                         \
                                          : F_HOUSE_NUMBER)

static const struct reject REJECT_ADDRESS[] = {
#define ADDR_REJECT(name, code, text) {code, ADDR_FIELD(name), text, 0},
    ADDR_STATUS_MAP(ADDR_REJECT)
#undef ADDR_REJECT
};
static const struct reject REJECT_NOMEM = {"out_of_memory", F_COUNT, "out of memory", 1};
static const struct reject REJECT_USAGE = {"usage_unknown", F_USAGE,
                                           "gebruiksdoel is not a BAG value", 0};
static const struct reject REJECT_KVK = {"kvk_number_invalid", F_KVK_NUMBER,
                                         "KvK number is not 8 digits", 0};
static const struct reject REJECT_OBJECT_ID = {"object_id_invalid", F_OBJECT_ID,
                                               "object id is longer than 60 characters", 0};

/* What the per-source check read from the row, for the sink. */
struct prep {
    uint8_t usage; /* kadaster_objects: enum usage_flags */
    uint32_t kvk;  /* kvk: the KvK number as a number (8 digits fit) */
};

/* A street or city a lane's row wrote at a Kadaster address that had none (join.h). */
struct display_note {
    uint32_t addr;
    const char *street, *city; /* interned in the lane's strings; NULL when not written */
};

/* A row a lane keeps for its merge: the present values in field order, then their texts. */
struct packed_row {
    enum source_id source;
    long line;
    uint64_t mapped, present;
    size_t size; /* bytes, this header included */
};

/* What a lane keeps beside its join (join.h: lanes). */
struct join_lane {
    enum source_id src;
    uint64_t *linked;       /* bit per address: one of the lane's rows linked there */
    uint32_t n_addrs;       /* addresses when the lane began: only those can be linked */
    struct hmap note_index; /* address index -> its entry in notes */
    struct display_note *notes;
    size_t n_notes, cap_notes;
    struct hmap strings; /* the notes' texts */
    struct arena rows;   /* packed rows that need an address of their own */
    struct packed_row **deferred;
    size_t n_deferred, cap_deferred;
};

void join_release(struct join *j)
{
    join_end_ingest(j);
    link_release(&j->link);
    linkage_release(&j->linkage);
}

void join_init(struct join *j, struct dataset *d, const struct join_opts *o)
{
    memset(j, 0, sizeof *j);
    j->d = d;
    j->o = o;
    if (o->facts)
        j->facts = *o->facts;
    link_init(&j->link, d);
    linkage_init(&j->linkage);
}

/* ------------------------------------------------------------ field checks */

/* Gebruiksdoel and KvK number arrive parsed (ingest/parse.c: parse_usage, parse_kvk). */
static const struct reject *check_object(const struct row *r, struct prep *p)
{
    p->usage = row_has(r, F_USAGE) ? (uint8_t)r->v[F_USAGE].flag : 0;
    if (!p->usage)
        return &REJECT_USAGE;
    if (row_has(r, F_OBJECT_ID) && r->v[F_OBJECT_ID].len > JOIN_OBJECT_ID_MAX)
        return &REJECT_OBJECT_ID;
    return NULL;
}

static const struct reject *check_kvk(const struct row *r, struct prep *p)
{
    if (!row_has(r, F_KVK_NUMBER))
        return &REJECT_KVK;
    p->kvk = (uint32_t)r->v[F_KVK_NUMBER].num;
    return NULL;
}

/* ----------------------------------------------------------------- address */

static const char *text_of(const struct row *r, enum field_id f, size_t *n)
{
    *n = row_has(r, f) ? r->v[f].len : 0;
    return row_has(r, f) ? r->v[f].s : "";
}

/* The address as written; letter NULL when the source has no letter column. */
static enum addr_status written_key(const struct row *r, const char *number, size_t number_len,
                                    struct addr_key *k)
{
    size_t pn, ln, sn;
    const char *pc = text_of(r, F_POSTCODE, &pn);
    const char *let = row_maps(r, F_HOUSE_LETTER) ? text_of(r, F_HOUSE_LETTER, &ln) : NULL;
    const char *suf = text_of(r, F_HOUSE_SUFFIX, &sn);
    if (!let)
        ln = 0;
    return addr_normalise(pc, pn, number, number_len, let, ln, suf, sn, k);
}

/*
 * "12-14" reads as a range (a KvK or company address spanning several numbers),
 * but apartment blocks print number 12 with toevoeging 14 the same way (NEN 5825).
 * The range reading is refused only when the toevoeging reading links to a Kadaster
 * address; otherwise the row stays quarantined as a range.
 */
static int range_as_suffix(struct join *j, const struct row *r, struct addr_key *k,
                           struct link_match *m)
{
    size_t nn;
    const char *num = text_of(r, F_HOUSE_NUMBER, &nn);
    char buf[64];
    if (nn >= sizeof buf)
        return 0;
    memcpy(buf, num, nn);
    char *dash = memchr(buf, '-', nn);
    if (!dash)
        return 0;
    *dash = ' ';
    if (written_key(r, buf, nn, k) != ADDR_OK || !k->suffix[0])
        return 0;
    link_resolve(&j->link, k, m);
    return link_class_linked(m->cls);
}

/* Display strings are interned once per address; 0, or -1 when out of memory. */
static int intern_once(struct join *j, const char **dst, const struct row *r, enum field_id f)
{
    if (*dst || !row_has(r, f))
        return 0;
    *dst = hmap_intern(&j->d->strings, r->v[f].s, r->v[f].len);
    return *dst ? 0 : -1;
}

static void count_link(struct join *j, const struct row *r, struct address *a, int created,
                       int linked)
{
    struct join_counts *c = &j->counts[r->source];
    c->linked += (uint64_t)linked;
    c->not_in_objects += (uint64_t)!linked;
    c->new_addresses += (uint64_t)created;
    if (j->lane) { /* several lanes may link at one address: merged later */
        uint32_t idx = (uint32_t)(a - j->d->addrs);
        j->lane->linked[idx / 64] |= UINT64_C(1) << (idx % 64);
    } else
        a->sources |= (uint16_t)(1u << r->source);
}

/*
 * A valid bag_id that a Kadaster object carries: the row links by it (class BAG_ID).
 * Otherwise *counter is the BAG id counter the row belongs to (invalid, unknown),
 * or NULL when it has none; the caller counts it once it knows the row is joined
 * here (a lane's row that needs an address of its own is counted at the merge).
 */
static int by_bag_id(struct join *j, const struct row *r, struct link_match *m, uint64_t **counter)
{
    char id[LINK_BAG_DIGITS + 1];
    *counter = NULL;
    if (!row_has(r, F_BAG_ID))
        return 0;
    if (link_bag_id(r->v[F_BAG_ID].s, r->v[F_BAG_ID].len, id) != 0) {
        *counter = &j->linkage.bag_invalid[r->source];
        return 0;
    }
    *m = (struct link_match){LINK_BAG_ID, link_find_bag(&j->link, id), 0, NONE_IDX};
    if (m->addr != NONE_IDX)
        return 1;
    *counter = &j->linkage.bag_unknown[r->source];
    return 0;
}

/*
 * A Kadaster object row: its address is the reference, created when new and then
 * registered with the linker (and its BAG id, when it carries one).
 */
static uint32_t reference_address(struct join *j, const struct row *r, const struct addr_key *k,
                                  int *created)
{
    uint32_t idx = dataset_address(j->d, k, created);
    if (idx == NONE_IDX)
        return NONE_IDX;
    if (!(j->d->addrs[idx].sources & (1u << SRC_KADASTER_OBJECTS))) {
        j->d->addrs[idx].sources |= (uint16_t)(1u << SRC_KADASTER_OBJECTS);
        if (link_add(&j->link, idx) != 0)
            return NONE_IDX;
    }
    char id[LINK_BAG_DIGITS + 1];
    if (row_has(r, F_BAG_ID) && link_bag_id(r->v[F_BAG_ID].s, r->v[F_BAG_ID].len, id) == 0 &&
        link_add_bag(&j->link, id, idx) != 0)
        return NONE_IDX;
    return idx;
}

/* Rows that could mean any of several units: none of them knows it has nobody. */
static void mark_doubt(struct join *j, const struct row *r, const struct link_match *m)
{
    for (uint32_t c = m->first; c != NONE_IDX; c = link_next(&j->link, c))
        j->d->addrs[c].link_doubt |= (uint8_t)(1u << r->source);
}

/*
 * The written address of a row without a usable BAG id; m filled for other sources.
 * *memo set when the address is the memo's, spelled differently ("5663-DS" after
 * "5663 DS": an electricity and a gas row of one home): how a key links depends on
 * the key alone, so the memo's link and record serve without another lookup.
 */
static const struct reject *written_address(struct join *j, const struct row *r, struct addr_key *k,
                                            struct link_match *m, int *memo)
{
    size_t nn;
    const char *num = text_of(r, F_HOUSE_NUMBER, &nn);
    enum addr_status st = written_key(r, num, nn, k);
    *memo = 0;
    if (st == ADDR_NUMBER_RANGE && r->source != SRC_KADASTER_OBJECTS && range_as_suffix(j, r, k, m))
        return NULL;
    if (st != ADDR_OK)
        return &REJECT_ADDRESS[st];
    if (r->source == SRC_KADASTER_OBJECTS)
        return NULL;
    const struct join_memo *o = &j->memo;
    if (o->valid && o->source == r->source && addr_key_cmp(&o->k, k) == 0) {
        *m = o->m;
        *memo = 1;
        return NULL;
    }
    link_resolve(&j->link, k, m);
    return NULL;
}

/*
 * A row linked by BAG id needs no address, but one it does write must be valid: a
 * broken postcode says the row is damaged, and is quarantined like any other. Only
 * the range reading is moot: the id names the unit.
 */
static const struct reject *bag_row_address(const struct row *r, struct addr_key *k,
                                            const struct addr_key **written)
{
    if (!row_has(r, F_POSTCODE) && !row_has(r, F_HOUSE_NUMBER))
        return NULL;
    size_t nn;
    const char *num = text_of(r, F_HOUSE_NUMBER, &nn);
    enum addr_status st = written_key(r, num, nn, k);
    if (st == ADDR_NUMBER_RANGE) /* "12-14": number 12 toevoeging 14 (NEN 5825), as the id says */
        return NULL;
    if (st != ADDR_OK)
        return &REJECT_ADDRESS[st];
    *written = k;
    return NULL;
}

/*
 * The address fields of a row without a BAG id, as one text (whether the source has
 * a letter column, then each field's length and bytes) for struct join_memo; 0 when the row is not
 * for the memo (a Kadaster object registers its address; a BAG id links by other means) or the text
 * does not fit.
 */
static size_t memo_text(const struct row *r, char *buf)
{
    static const enum field_id F[] = {F_POSTCODE, F_HOUSE_NUMBER, F_HOUSE_LETTER, F_HOUSE_SUFFIX};
    if (r->source == SRC_KADASTER_OBJECTS || row_has(r, F_BAG_ID))
        return 0;
    size_t n = 0;
    buf[n++] = (char)row_maps(r, F_HOUSE_LETTER); /* a letter column changes the reading */
    for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
        size_t len;
        const char *s = text_of(r, F[i], &len);
        if (n + 1 + len > JOIN_MEMO_TEXT)
            return 0;
        buf[n++] = (char)len;
        memcpy(buf + n, s, len);
        n += len;
    }
    return n;
}

/* The memo holds this very text of this source: *m, *k and *idx as resolved before. */
static int memo_hit(const struct join *j, const struct row *r, const char *text, size_t n)
{
    const struct join_memo *o = &j->memo;
    return n && o->valid && o->source == r->source && o->len == n && !memcmp(o->text, text, n);
}

/* arr (entries of size bytes, capacity *cap) with room for one more after n: arr
 * itself or its grown copy (capacity doubled); NULL when out of memory, arr then as
 * it was. The caller keeps the result in its own typed pointer. */
static void *room_for_one(void *arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return arr;
    size_t c = *cap ? 2 * *cap : 256;
    void *p = realloc(arr, c * size);
    if (p)
        *cap = c;
    return p;
}

/* Keep a lane's row for its merge (packed in the lane's arena); 0, or -1 out of memory. */
static int lane_defer(struct join_lane *l, const struct row *r)
{
    /* room first: a packed row is never left out of the list that wipes it */
    void *room = room_for_one(l->deferred, &l->cap_deferred, l->n_deferred, sizeof *l->deferred);
    if (!room)
        return -1;
    l->deferred = room;
    size_t n = 0, text = 0;
    for (uint64_t bits = r->present; bits; bits &= bits - 1) {
        const struct value *v = &r->v[__builtin_ctzll(bits)];
        n++;
        text += v->s ? v->len + 1 : 0;
    }
    size_t size = sizeof(struct packed_row) + n * sizeof(struct value) + text;
    struct packed_row *p = arena_alloc(&l->rows, size);
    if (!p)
        return -1;
    *p = (struct packed_row){r->source, r->line, r->mapped, r->present, size};
    struct value *v = (struct value *)(p + 1);
    char *t = (char *)(v + n);
    for (uint64_t bits = r->present; bits; bits &= bits - 1, v++) {
        *v = r->v[__builtin_ctzll(bits)];
        if (v->s) {
            memcpy(t, v->s, v->len);
            t[v->len] = '\0';
            v->s = t;
            t += v->len + 1;
        }
    }
    l->deferred[l->n_deferred++] = p;
    return 0;
}

static void lane_unpack(const struct packed_row *p, struct row *r)
{
    memset(r, 0, sizeof *r);
    r->source = p->source, r->line = p->line, r->mapped = p->mapped, r->present = p->present;
    const struct value *v = (const struct value *)(p + 1);
    for (uint64_t bits = p->present; bits; bits &= bits - 1)
        r->v[__builtin_ctzll(bits)] = *v++;
}

/* A lane's first street and city at an address that lacks them; 0, or -1 out of memory. */
static int lane_note_display(struct join *j, const struct address *a, const struct row *r)
{
    int street = !a->street && row_has(r, F_STREET), city = !a->city && row_has(r, F_CITY);
    if (!street && !city)
        return 0;
    struct join_lane *l = j->lane;
    uint32_t idx = (uint32_t)(a - j->d->addrs);
    /* room first: no key in note_index may point past the notes */
    struct display_note *room = room_for_one(l->notes, &l->cap_notes, l->n_notes, sizeof *l->notes);
    if (!room)
        return -1;
    l->notes = room;
    int fresh = 0;
    uint32_t *at =
        hmap_put(&l->note_index, (const char *)&idx, sizeof idx, (uint32_t)l->n_notes, &fresh);
    if (!at)
        return -1;
    if (fresh)
        l->notes[l->n_notes++] = (struct display_note){idx, NULL, NULL};
    struct display_note *n = &l->notes[*at];
    if (street && !n->street &&
        !(n->street = hmap_intern(&l->strings, r->v[F_STREET].s, r->v[F_STREET].len)))
        return -1;
    if (city && !n->city && !(n->city = hmap_intern(&l->strings, r->v[F_CITY].s, r->v[F_CITY].len)))
        return -1;
    return 0;
}

/* The street and city of the row's address: written once, by the first row that has them. */
static int display_once(struct join *j, struct address *a, const struct row *r)
{
    if (j->lane)
        return lane_note_display(j, a, r);
    return intern_once(j, &a->street, r, F_STREET) != 0 || intern_once(j, &a->city, r, F_CITY) != 0
               ? -1
               : 0;
}

/* Link the row's address and find or create the record it is folded into. */
static struct address *resolve(struct join *j, const struct row *r, const struct reject **rej)
{
    struct link_match m = {LINK_EXACT, NONE_IDX, 0, NONE_IDX};
    struct addr_key k;
    const struct addr_key *written = NULL;
    int created = 0;
    uint32_t idx = NONE_IDX;
    uint64_t *bag_counter = NULL;
    char text[JOIN_MEMO_TEXT];
    size_t n = memo_text(r, text);
    if (memo_hit(j, r, text, n)) {
        k = j->memo.k, m = j->memo.m, idx = j->memo.idx;
        written = &k;
    } else if (r->source != SRC_KADASTER_OBJECTS && by_bag_id(j, r, &m, &bag_counter)) {
        if ((*rej = bag_row_address(r, &k, &written)) != NULL)
            return NULL;
        idx = m.addr;
    } else {
        int same = 0;
        *rej = written_address(j, r, &k, &m, &same);
        if (!*rej && j->lane && !link_class_linked(m.cls)) {           /* an address of its own: */
            *rej = lane_defer(j->lane, r) != 0 ? &REJECT_NOMEM : NULL; /* at the merge */
            return NULL;
        }
        if (bag_counter)
            (*bag_counter)++;
        if (*rej)
            return NULL;
        written = &k;
        if (same)
            idx = j->memo.idx;
        else if (r->source == SRC_KADASTER_OBJECTS)
            idx = reference_address(j, r, &k, &created);
        else if (link_class_linked(m.cls))
            idx = m.addr;
        else
            idx = dataset_address(j->d, &k, &created); /* kept at its own address */
        if (m.cls == LINK_AMBIGUOUS && !same)
            mark_doubt(j, r, &m);
        j->memo.valid = 0;
        if (n && idx != NONE_IDX) {
            j->memo = (struct join_memo){1, r->source, n, "", k, m, idx};
            memcpy(j->memo.text, text, n);
        }
    }
    *rej = &REJECT_NOMEM;
    if (idx == NONE_IDX || linkage_note(&j->linkage, &j->link, r, written, &m, idx) != 0)
        return NULL;
    struct address *a = &j->d->addrs[idx];
    count_link(j, r, a, created, link_class_linked(m.cls));
    if (display_once(j, a, r) != 0)
        return NULL;
    *rej = NULL;
    return a;
}

/* -------------------------------------------------------------------- sinks */

/*
 * Counters that stay uint16_t (struct address size) saturate at 65535 rather than
 * wrap: a wrapped count reads as "nobody lives here" / "no companies".
 */
static void inc16(uint16_t *c)
{
    if (*c < UINT16_MAX)
        (*c)++;
}

static int within_months(int32_t date, int32_t ref, int months)
{
    return date > 0 && date <= ref && date > date_add_months(ref, -months);
}

static const struct reject *join_brp(struct join *j, const struct row *r, const struct prep *p,
                                     struct address *a)
{
    (void)p;
    int32_t ref = j->o->reference_date;
    int age = date_age(r->v[F_BIRTH_DATE].date, ref);
    inc16(&a->n_residents);
    inc16(age >= 18 ? &a->n_adults : &a->n_minors);
    int32_t since = row_has(r, F_REGISTERED_SINCE) ? r->v[F_REGISTERED_SINCE].date : 0;
    if (within_months(since, ref, 12)) {
        inc16(&a->n_arrivals_12m);
        if (age >= 18)
            inc16(&a->n_adult_arrivals_12m);
    } else if (since > 0)
        inc16(&a->n_settled_12m);
    if (since > a->last_arrival)
        a->last_arrival = since;
    return NULL;
}

/*
 * Which of two parties an address (owner) or a transfer (buyer) keeps when there
 * are several: a natural person before a legal entity or an unknown party, then
 * the youngest (unknown sorts oldest). K1 and K4 look for young natural persons;
 * keeping the oldest co-owner or the last row read would hide exactly the young
 * buyer who fronts for someone else.
 */
struct holder {
    int type;      /* enum party */
    int32_t youth; /* larger is younger: a birth date (owners) or 1000 - age (buyers); 0 unknown */
};

static int holder_better(const struct holder *x, const struct holder *cur)
{
    if ((x->type == PARTY_PERSON) != (cur->type == PARTY_PERSON))
        return x->type == PARTY_PERSON;
    return x->youth > cur->youth;
}

/* The owner's birth date while rows stream in (join.h: births); 0 unknown. */
static int32_t owner_birth(const struct join *j, uint32_t o)
{
    return o != NONE_IDX && o < j->n_births ? j->births[o] : 0;
}

static struct holder owner_holder(const struct join *j, uint32_t o)
{
    struct holder p = {PARTY_UNKNOWN, owner_birth(j, o)};
    if (o != NONE_IDX)
        p.type = j->d->owners[o].type;
    return p;
}

/*
 * An array indexed by owner or address (*n entries of size bytes) with index i in
 * it: arr itself, or its copy grown by doubling, the new entries zeroed; NULL when
 * out of memory, arr then as it was. The caller keeps the result in its own typed
 * pointer.
 */
static void *grow_to(void *arr, uint32_t *n, uint32_t i, size_t size)
{
    if (i < *n)
        return arr;
    uint32_t cap = *n ? *n : 1024;
    while (cap <= i)
        cap *= 2;
    char *p = realloc(arr, (size_t)cap * size);
    if (!p)
        return NULL;
    mem_prefer_huge(p, (size_t)cap * size);
    memset(p + (size_t)*n * size, 0, (size_t)(cap - *n) * size);
    *n = cap;
    return p;
}

/* Remember owner o's birth date for the rest of the ingest; -1 when out of memory. */
static int remember_birth(struct join *j, uint32_t o, int32_t birth)
{
    int32_t *room = grow_to(j->births, &j->n_births, o, sizeof *j->births);
    if (!room)
        return -1;
    j->births = room;
    j->births[o] = birth;
    return 0;
}

/*
 * The maps the Kadaster objects fill grow by doubling otherwise, a rehash of every
 * key at each step: 2.5 s of a national night's 27 s objects stage, on the joining
 * thread. The maps with about a key per row (addresses, the linker's numbers) and
 * the list of held BAG ids (transform/link.h) are sized for their count so far,
 * scaled to the rows expected:
 * a file smaller than expected leaves room unused, a larger one grows from there
 * as before. Owners, buildings and postcodes keep growing: their share falls as
 * the file goes on (a corporation's hundredth house brings no new owner; a
 * postcode's addresses come together only where the file is sorted by postcode),
 * and sized from the first rows the national owners took a map twice the size
 * they needed (256 MB).
 * Sizes only: no key, index or output changes.
 */
void join_expect(void *ctx, uint64_t rows)
{
    struct join *j = ctx;
    const struct join_counts *c = &j->counts[SRC_KADASTER_OBJECTS];
    uint64_t seen = c->linked + c->not_in_objects;
    if (seen == 0 || rows <= seen)
        return;
    double factor = (double)rows / (double)seen;
    dataset_reserve_addresses(j->d, factor);
    link_reserve(&j->link, factor);
}

void join_end_ingest(struct join *j)
{
    if (j->births)
        wipe(j->births, (size_t)j->n_births * sizeof *j->births);
    free(j->births);
    j->births = NULL;
    j->n_births = 0;
    free(j->first_objects);
    j->first_objects = NULL;
    j->n_first_objects = 0;
}

/* A 16-digit BAG id as a number; 0 for any other id. */
static uint64_t bag_number(const char *s, size_t n)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; n == 16 && i < n && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (uint64_t)(s[i] - '0');
    return n == 16 && i == n ? v : 0;
}

/*
 * An object id as a key: a BAG id (always 16 digits, leading zeros included)
 * packed into 8 bytes and a 0xff, which no UTF-8 text holds, so it cannot equal an
 * id kept as text; with the address index the key then fits in a map slot
 * (common/hmap.h: one cache miss a lookup instead of two). Any other id is kept as
 * its text (<= JOIN_OBJECT_ID_MAX: check_object). Returns the key's length.
 */
static size_t object_key(const char *s, size_t n, char *out)
{
    uint64_t v = bag_number(s, n);
    if (v) {
        memcpy(out, &v, 8);
        out[8] = (char)0xff;
        return 9;
    }
    memcpy(out, s, n);
    return n;
}

/* The first-object slot of address idx (join.h), grown as addresses come; NULL when
 * out of memory. */
static struct first_object *first_object_at(struct join *j, uint32_t idx)
{
    struct first_object *room =
        grow_to(j->first_objects, &j->n_first_objects, idx, sizeof *j->first_objects);
    if (!room)
        return NULL;
    j->first_objects = room;
    return &j->first_objects[idx];
}

/*
 * (address, object_id) seen before? Returns the set's value slot - the owner index
 * of the object's latest owner row - with *first = 1 when new; NULL when out of
 * memory. The key carries the address index so that an object id that names a
 * parcel with several addresses (docs/sources.md, Kadaster objects) still feeds each of them. A row
 * without object id is its own object (scratch). The address's first object with a
 * BAG id is kept beside the address instead (join.h: first_objects), the set holds
 * the rest. The slot is valid until the next call.
 */
static uint32_t *object_slot(struct join *j, const struct row *r, const struct address *a,
                             uint32_t *scratch, int *first)
{
    *first = 1;
    *scratch = NONE_IDX;
    if (!row_has(r, F_OBJECT_ID))
        return scratch;
    uint32_t idx = (uint32_t)(a - j->d->addrs);
    uint64_t bag = bag_number(r->v[F_OBJECT_ID].s, r->v[F_OBJECT_ID].len);
    if (bag) { /* the address's first object needs no set: most addresses have one */
        struct first_object *f = first_object_at(j, idx);
        if (!f)
            return NULL;
        if (!f->id || f->id == bag) {
            *first = !f->id;
            if (*first)
                *f = (struct first_object){bag, NONE_IDX};
            return &f->owner;
        }
    }
    /* a second object at the address, or an id that is not a BAG id: the set */
    char key[4 + JOIN_OBJECT_ID_MAX];
    memcpy(key, &idx, 4);
    size_t n = object_key(r->v[F_OBJECT_ID].s, r->v[F_OBJECT_ID].len, key + 4);
    return hmap_put(&j->d->objects, key, 4 + n, NONE_IDX, first);
}

/*
 * Each co-owner owns the object, so each gets it in n_objects/n_dwellings (by the
 * object's own usage: a garage next to a house is no second dwelling). The same
 * owner on the object's previous row (two rights, e.g. eigendom and vruchtgebruik)
 * counts once. The address keeps one owner for K4: the youngest natural person.
 */
static const struct reject *join_owner(struct join *j, const struct row *r, uint8_t usage,
                                       struct address *a, uint32_t *object_owner)
{
    if (!row_has(r, F_OWNER_ID))
        return NULL;
    uint32_t o = dataset_owner(j->d, r->v[F_OWNER_ID].hash);
    if (o == NONE_IDX)
        return &REJECT_NOMEM;
    struct owner *ow = &j->d->owners[o];
    if (row_has(r, F_OWNER_TYPE))
        ow->type = (uint8_t)r->v[F_OWNER_TYPE].flag;
    if (row_has(r, F_OWNER_BIRTH_DATE)) {
        int32_t birth = r->v[F_OWNER_BIRTH_DATE].date;
        ow->age = (int16_t)date_age(birth, j->o->reference_date);
        if (remember_birth(j, o, birth) != 0)
            return &REJECT_NOMEM;
    }
    if (*object_owner != o) {
        ow->n_objects++;
        ow->n_dwellings += (usage & USE_WONEN) != 0;
        *object_owner = o;
    }
    struct holder cand = owner_holder(j, o), cur = owner_holder(j, a->owner);
    if (a->owner == NONE_IDX || holder_better(&cand, &cur))
        a->owner = o;
    return NULL;
}

/* The first row of an object: area, WOZ, usage, building and buurt. */
static const struct reject *object_first(struct join *j, const struct row *r, uint8_t usage,
                                         struct address *a)
{
    a->n_objects++;
    a->usage |= usage;
    double area = r->v[F_FLOOR_AREA].num;
    if (row_has(r, F_FLOOR_AREA) && area > 1 && area < 999999) /* 1, 999999 = unknown */
        a->floor_area += (float)area;
    if (row_has(r, F_BUILD_YEAR))
        a->build_year = (int16_t)r->v[F_BUILD_YEAR].num;
    if (row_has(r, F_WOZ_VALUE))
        a->woz += (float)r->v[F_WOZ_VALUE].num;
    if (intern_once(j, &a->neighbourhood, r, F_NEIGHBOURHOOD) != 0)
        return &REJECT_NOMEM;
    if (row_has(r, F_BUILDING_ID)) {
        uint32_t b = dataset_building(j->d, r->v[F_BUILDING_ID].s, r->v[F_BUILDING_ID].len);
        if (b == NONE_IDX)
            return &REJECT_NOMEM;
        a->building = b;
        j->d->buildings[b].n_dwellings += (usage & USE_WONEN) != 0;
    }
    return NULL;
}

/*
 * Exports with one row per owner repeat the object: only its first row adds area,
 * WOZ and counts (else a co-owned house doubles its floor area and looks like an
 * apartment building); later rows only add their co-owner and count as duplicates.
 * Two different object ids at one address (house + garage box) are summed.
 */
static const struct reject *join_object(struct join *j, const struct row *r, const struct prep *p,
                                        struct address *a)
{
    int first = 0;
    uint32_t scratch;
    uint32_t *object_owner = object_slot(j, r, a, &scratch, &first);
    if (!object_owner)
        return &REJECT_NOMEM;
    if (first) {
        const struct reject *rej = object_first(j, r, p->usage, a);
        if (rej)
            return rej;
    } else {
        j->counts[r->source].duplicates++;
    }
    /* object_first and join_owner insert into other maps only: the slot stays valid */
    return join_owner(j, r, p->usage, a, object_owner);
}

static struct holder buyer_holder(const struct tx *t)
{
    struct holder p = {t->buyer_type, t->buyer_age >= 0 ? 1000 - t->buyer_age : 0};
    return p;
}

/* A kept transfer with the same date and price: the same deed, another co-buyer. */
static struct tx *same_transfer(struct address *a, const struct tx *t)
{
    int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP;
    for (int i = 0; i < kept; i++)
        if (a->tx[i].date == t->date && a->tx[i].price == t->price)
            return &a->tx[i];
    return NULL;
}

/* Co-buyer: keep the youngest natural person; a known mortgage beats unknown, yes beats no. */
static void merge_transfer(struct tx *kept, const struct tx *t)
{
    struct holder cand = buyer_holder(t), cur = buyer_holder(kept);
    if (holder_better(&cand, &cur)) {
        kept->buyer_age = t->buyer_age;
        kept->buyer_type = t->buyer_type;
    }
    if (t->mortgage != 2 && (kept->mortgage == 2 || t->mortgage == 1))
        kept->mortgage = t->mortgage;
}

/* Keep the TX_KEEP most recent transactions, newest first. */
static void insert_transfer(struct address *a, const struct tx *t)
{
    int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP;
    int pos = kept;
    while (pos > 0 && a->tx[pos - 1].date < t->date)
        pos--;
    if (pos < TX_KEEP) {
        int last = kept < TX_KEEP ? kept : TX_KEEP - 1;
        memmove(&a->tx[pos + 1], &a->tx[pos], (size_t)(last - pos) * sizeof *t);
        a->tx[pos] = *t;
    }
    if (a->n_tx < UINT8_MAX)
        a->n_tx++;
}

/*
 * Two rows of one transfer (co-buyers) would otherwise look like a resale after
 * 0 days (K3); they are merged into the kept transfer and counted as duplicates.
 */
static const struct reject *join_tx(struct join *j, const struct row *r, const struct prep *p,
                                    struct address *a)
{
    (void)p;
    struct tx t = {r->v[F_DATE].date, (float)r->v[F_PRICE].num, -1, 2, PARTY_UNKNOWN};
    if (row_has(r, F_MORTGAGE))
        t.mortgage = (uint8_t)r->v[F_MORTGAGE].flag;
    if (row_has(r, F_BUYER_TYPE))
        t.buyer_type = (uint8_t)r->v[F_BUYER_TYPE].flag;
    if (row_has(r, F_BUYER_ID)) /* the age at the transfer needs the day of birth */
        t.buyer_age = (int16_t)date_age(
            owner_birth(j, dataset_owner_find(j->d, r->v[F_BUYER_ID].hash)), t.date);
    struct tx *same = same_transfer(a, &t);
    if (same) {
        merge_transfer(same, &t);
        j->counts[r->source].duplicates++;
        return NULL;
    }
    insert_transfer(a, &t);
    return NULL;
}

/*
 * Distinct (address, KvK number) pairs, so that branches of one firm count once.
 * Fixed 8-byte binary key: address index + the number. 1 new, 0 seen, -1 no memory.
 */
static int first_entity(struct join *j, const struct address *a, uint32_t kvk)
{
    char key[8];
    uint32_t idx = (uint32_t)(a - j->d->addrs);
    memcpy(key, &idx, 4);
    memcpy(key + 4, &kvk, 4);
    int inserted = 0;
    if (!hmap_put(&j->d->pairs, key, sizeof key, 0, &inserted))
        return -1;
    return inserted;
}

static const struct reject *join_kvk(struct join *j, const struct row *r, const struct prep *p,
                                     struct address *a)
{
    int32_t ref = j->o->reference_date;
    int32_t founded = row_has(r, F_FOUNDED) ? r->v[F_FOUNDED].date : 0;
    int32_t dissolved = row_has(r, F_DISSOLVED) ? r->v[F_DISSOLVED].date : 0;
    if (within_months(founded, ref, 24))
        inc16(&a->n_founded_24m);
    if (within_months(dissolved, ref, 24))
        inc16(&a->n_dissolved_24m);
    if (dissolved && founded && within_months(dissolved, ref, 24) &&
        date_days(dissolved) - date_days(founded) < 365)
        inc16(&a->n_short_lived);
    if (dissolved)
        return NULL; /* dissolved branches count only as churn */
    inc16(&a->n_branches);
    int first = first_entity(j, a, p->kvk);
    if (first < 0)
        return &REJECT_NOMEM;
    if (first)
        inc16(&a->n_entities);
    if (row_has(r, F_SBI) && sbi_set_match(&j->facts.risk_sbi, r->v[F_SBI].s, r->v[F_SBI].len))
        inc16(&a->n_risk_branches);
    return NULL;
}

static const struct reject *join_energy(struct join *j, const struct row *r, const struct prep *p,
                                        struct address *a)
{
    (void)j, (void)p;
    double annual = r->v[F_ANNUAL].num;
    if (r->v[F_PRODUCT].flag == PRODUCT_GAS) {
        a->gas += (float)annual;
        a->n_gas++;
        return NULL;
    }
    a->elec += (float)annual;
    a->n_elec++;
    if (annual < 0 || (row_has(r, F_ANNUAL_FEED_IN) && r->v[F_ANNUAL_FEED_IN].num > 0))
        a->feed_in |= FEED_IN_SEEN;
    int months = 0;
    for (int m = 0; m < 12; m++)
        months += row_has(r, F_MONTH_01 + m);
    if (months == 12) {
        for (int m = 0; m < 12; m++) {
            double v = r->v[F_MONTH_01 + m].num;
            a->elec_month[m] += (float)v;
            if (v < 0)
                a->feed_in |= FEED_IN_SEEN;
        }
        a->n_elec_monthly++;
    }
    /* net metering can hide solar unless months or the reported feed-in rule it out */
    if (months != 12 && !row_has(r, F_ANNUAL_FEED_IN))
        a->feed_in |= FEED_IN_UNKNOWN;
    return NULL;
}

/*
 * A citizen report: counted for the themes whose categories list it, once per
 * (address, date, category) - exports repeat a report under a new number - and
 * weighted 0.5^(age / half_life) so that last month's report outweighs last year's.
 */
static const struct reject *join_signal(struct join *j, const struct row *r, const struct prep *p,
                                        struct address *a)
{
    (void)p;
    int32_t date = r->v[F_DATE].date, ref = j->o->reference_date;
    int c = category_map_find(&j->facts.categories, r->v[F_CATEGORY].s, r->v[F_CATEGORY].len);
    if (c < 0) {
        j->signals.other++;
        return NULL;
    }
    if (!within_months(date, ref, (int)j->facts.signal_months)) {
        j->signals.old++;
        return NULL;
    }
    uint32_t idx = (uint32_t)(a - j->d->addrs);
    uint64_t days = (uint64_t)(date_days(date) & 0xFFFFFF);
    int first = 0;
    if (!u64map_put(&j->d->signal_seen, ((uint64_t)idx << 32 | days << 8 | (uint64_t)c) + 1, 0,
                    &first))
        return &REJECT_NOMEM;
    if (!first) {
        j->counts[r->source].duplicates++;
        return NULL;
    }
    struct signal_agg *s = dataset_signals(j->d, idx);
    if (!s)
        return &REJECT_NOMEM;
    double age_months = (double)(date_days(ref) - date_days(date)) / 30.4375;
    double w = pow(0.5, age_months / j->facts.signal_half_life);
    for (int t = 0; t < DATASET_THEMES; t++) {
        if (!(j->facts.categories.c[c].themes & (1u << t)))
            continue;
        s->weight[t] += (float)w;
        if (s->n[t] < UINT16_MAX)
            s->n[t]++;
    }
    if (date > s->latest)
        s->latest = date;
    j->signals.counted++;
    return NULL;
}

/* ------------------------------------------------------------------ dispatch */

typedef const struct reject *(*check_fn)(const struct row *, struct prep *);
typedef const struct reject *(*sink_fn)(struct join *, const struct row *, const struct prep *,
                                        struct address *);

static const check_fn CHECKS[SRC_COUNT] = {
    [SRC_KADASTER_OBJECTS] = check_object,
    [SRC_KVK] = check_kvk,
};

static const sink_fn SINKS[SRC_COUNT] = {
    [SRC_BRP] = join_brp,
    [SRC_KADASTER_OBJECTS] = join_object,
    [SRC_KADASTER_TRANSACTIONS] = join_tx,
    [SRC_KVK] = join_kvk,
    [SRC_ENERGY] = join_energy,
    [SRC_SIGNALS] = join_signal,
};

int join_objects_done(struct join *j)
{
    return link_index_bag(&j->link);
}

const struct reject *join_row(void *ctx, const struct row *r)
{
    struct join *j = ctx;
    /* a lane's linker is indexed before it starts (join_lane_init) */
    if (j->link.n_held && r->source != SRC_KADASTER_OBJECTS && !j->lane &&
        join_objects_done(j) != 0)
        return &REJECT_NOMEM;
    struct prep p = {0, 0};
    const struct reject *rej = CHECKS[r->source] ? CHECKS[r->source](r, &p) : NULL;
    if (rej)
        return rej;
    struct address *a = resolve(j, r, &rej);
    if (!a)
        return rej;
    return SINKS[r->source](j, r, &p, a);
}

/* ------------------------------------------------------------------- lanes */

int join_lane_init(struct join *lane, struct join *from, enum source_id src)
{
    memset(lane, 0, sizeof *lane); /* a lane that failed here has nothing to release */
    if (join_objects_done(from) != 0)
        return -1;
    *lane = *from; /* the dataset, linker, facts and birth dates: shared, read only */
    memset(lane->counts, 0, sizeof lane->counts);
    memset(&lane->signals, 0, sizeof lane->signals);
    memset(&lane->memo, 0, sizeof lane->memo);
    linkage_init(&lane->linkage);
    struct join_lane *l = lane->lane = calloc(1, sizeof *l);
    if (!l)
        return -1;
    l->src = src;
    hmap_init(&l->note_index);
    hmap_init(&l->strings);
    arena_init(&l->rows);
    l->n_addrs = from->d->n_addrs;
    size_t words = ((size_t)l->n_addrs + 63) / 64;
    l->linked = calloc(words ? words : 1, sizeof *l->linked);
    if (!l->linked)
        return -1;
    if (from->linkage.tracing && linkage_follow(&lane->linkage, &from->linkage.trace_key) != 0)
        return -1;
    return 0;
}

void join_lane_release(struct join *lane)
{
    struct join_lane *l = lane->lane;
    if (l) {
        free(l->linked);
        hmap_release(&l->note_index);
        hmap_release(&l->strings);
        free(l->notes);
        for (size_t i = 0; i < l->n_deferred; i++) /* rows of residents: birth dates */
            wipe(l->deferred[i], l->deferred[i]->size);
        arena_release(&l->rows);
        free(l->deferred);
        free(l);
    }
    linkage_release(&lane->linkage);
    memset(lane, 0, sizeof *lane);
}

static void add_counts(struct join_counts *to, const struct join_counts *from)
{
    to->linked += from->linked;
    to->not_in_objects += from->not_in_objects;
    to->new_addresses += from->new_addresses;
    to->duplicates += from->duplicates;
}

/* The lane's notes at the addresses its rows linked to: sources, street and city. */
static int merge_addresses(struct join *main_join, const struct join_lane *l)
{
    struct dataset *d = main_join->d;
    for (uint32_t i = 0; i < l->n_addrs; i++) /* lanes merged before it added addresses */
        if (l->linked[i / 64] >> (i % 64) & 1)
            d->addrs[i].sources |= (uint16_t)(1u << l->src);
    for (size_t i = 0; i < l->n_notes; i++) {
        const struct display_note *n = &l->notes[i];
        struct address *a = &d->addrs[n->addr];
        if (!a->street && n->street &&
            !(a->street = hmap_intern(&d->strings, n->street, strlen(n->street))))
            return -1;
        if (!a->city && n->city && !(a->city = hmap_intern(&d->strings, n->city, strlen(n->city))))
            return -1;
    }
    return 0;
}

int join_lane_merge(struct join *main_join, struct join *lane, struct err *e)
{
    struct join_lane *l = lane->lane;
    for (int s = 0; s < SRC_COUNT; s++)
        add_counts(&main_join->counts[s], &lane->counts[s]);
    main_join->signals.counted += lane->signals.counted;
    main_join->signals.old += lane->signals.old;
    main_join->signals.other += lane->signals.other;
    if (linkage_merge(&main_join->linkage, &lane->linkage) != 0 || merge_addresses(main_join, l))
        return err_set(e, ERR_NOMEM, "out of memory while merging %s", schema_source(l->src)->name);
    for (size_t i = 0; i < l->n_deferred; i++) {
        struct row r;
        lane_unpack(l->deferred[i], &r);
        const struct reject *rej = join_row(main_join, &r);
        if (rej && rej->fatal)
            return err_set(e, ERR_NOMEM, "%s line %ld: %s", schema_source(r.source)->name, r.line,
                           rej->text);
        if (rej) /* accepted by the lane, so counted as accepted: never refused now */
            return err_set(e, ERR_INPUT,
                           "%s line %ld: refused when joined at the merge (%s: %s); a bug, "
                           "please report it",
                           schema_source(r.source)->name, r.line, rej->code, rej->text);
    }
    return 0;
}

enum display_field { DISPLAY_STREET, DISPLAY_CITY, DISPLAY_FIELDS };

static const char **display(struct address *a, enum display_field f)
{
    return f == DISPLAY_STREET ? &a->street : &a->city;
}

/*
 * An address without a street or city takes it from the first address at its
 * postcode that has it. Both fields in one walk over the records, and the second
 * walk only when some address lacks one (nationally each walk reads some 2 GB).
 * A postcode's addresses mostly follow each other: one already in the map with
 * the field from the address before is not looked up again (the map keeps the
 * first anyway).
 */
static int fill_by_postcode(struct dataset *d)
{
    struct hmap known[DISPLAY_FIELDS]; /* postcode -> index of the first address with f */
    size_t missing[DISPLAY_FIELDS] = {0};
    int rc = 0;
    for (int f = 0; f < DISPLAY_FIELDS; f++)
        hmap_init(&known[f]);
    for (uint32_t i = 0; rc == 0 && i < d->n_addrs; i++) {
        struct address *a = &d->addrs[i], *prev = i ? a - 1 : NULL;
        int same = prev && strcmp(prev->key.postcode, a->key.postcode) == 0;
        for (enum display_field f = 0; f < DISPLAY_FIELDS; f++) {
            const char *pc = a->key.postcode;
            if (!*display(a, f))
                missing[f]++;
            else if (!(same && *display(prev, f)) && !hmap_put(&known[f], pc, strlen(pc), i, NULL))
                rc = -1;
        }
    }
    for (uint32_t i = 0;
         rc == 0 && (missing[DISPLAY_STREET] || missing[DISPLAY_CITY]) && i < d->n_addrs; i++) {
        struct address *a = &d->addrs[i];
        for (enum display_field f = 0; f < DISPLAY_FIELDS; f++) {
            const uint32_t *from =
                *display(a, f) ? NULL
                               : hmap_get(&known[f], a->key.postcode, strlen(a->key.postcode));
            if (from)
                *display(a, f) = *display(&d->addrs[*from], f);
        }
    }
    for (int f = 0; f < DISPLAY_FIELDS; f++)
        hmap_release(&known[f]);
    return rc;
}

int join_finish(struct join *j)
{
    return fill_by_postcode(j->d);
}
