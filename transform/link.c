/*
 * link.c - resolving written addresses against the Kadaster; see link.h.
 *
 * The readings are deliberately few and symmetric: a letter may have been written
 * as toevoeging or the reverse (docs/addresses.md, pitfalls), and a toevoeging may be written in
 * another member of its synonym class (docs/addresses.md, step 5). Both sides - the row and each
 * candidate - are put in synonym form before comparing, so "12 hs" finds BAG "12 H"
 * and "12-II" finds "12 2" without a table of every pair. A reading that fits two
 * Kadaster addresses links to neither: a wrong link is worse than none, because it
 * moves residents or energy use to the neighbour's dwelling.
 */
#include "transform/link.h"

#include <stdlib.h>
#include <string.h>

static const char *const CLASS_CODES[] = {
#define LINK_CODE(name, code, linked, text) code,
    LINK_CLASS_MAP(LINK_CODE)
#undef LINK_CODE
};
static const char *const CLASS_TEXTS[] = {
#define LINK_TEXT(name, code, linked, text) text,
    LINK_CLASS_MAP(LINK_TEXT)
#undef LINK_TEXT
};
static const int CLASS_LINKED[] = {
#define LINK_LINKED(name, code, linked, text) linked,
    LINK_CLASS_MAP(LINK_LINKED)
#undef LINK_LINKED
};

const char *link_class_code(enum link_class c)
{
    return (unsigned)c < LINK_CLASS_COUNT ? CLASS_CODES[c] : "?";
}

const char *link_class_text(enum link_class c)
{
    return (unsigned)c < LINK_CLASS_COUNT ? CLASS_TEXTS[c] : "?";
}

int link_class_linked(enum link_class c)
{
    return (unsigned)c < LINK_CLASS_COUNT && CLASS_LINKED[c];
}

/* ------------------------------------------------------------- the index */

/* "5664AB" as 1..: 4 digits then 2 letters, dense enough to pack beside a number. */
static uint64_t postcode_key(const char *pc)
{
    uint64_t digits = 0;
    for (int i = 0; i < 4; i++)
        digits = digits * 10 + (uint64_t)(pc[i] - '0');
    return (digits * 26 + (uint64_t)(pc[4] - 'A')) * 26 + (uint64_t)(pc[5] - 'A') + 1;
}

/* Postcode and house number (1..99999 < 2^17) in one nonzero key. */
static uint64_t number_key(const struct addr_key *k)
{
    return postcode_key(k->postcode) << 17 | k->number;
}

/* The 16 digits as a nonzero key. */
static uint64_t bag_key(const char id[LINK_BAG_DIGITS + 1])
{
    uint64_t v = 0;
    for (int i = 0; i < LINK_BAG_DIGITS; i++)
        v = v * 10 + (uint64_t)(id[i] - '0');
    return v + 1;
}

void link_init(struct link *l, const struct dataset *d)
{
    memset(l, 0, sizeof *l);
    l->d = d;
    u64map_init_near(&l->number, 17); /* the house number: see number_key */
    u64map_init(&l->postcode);
    u64map_init(&l->bag);
}

void link_release(struct link *l)
{
    u64map_release(&l->number);
    u64map_release(&l->postcode);
    u64map_release(&l->bag);
    free(l->next);
    free(l->held);
    memset(l, 0, sizeof *l);
}

static void reserve(struct u64map *m, double factor)
{
    (void)u64map_reserve(m, (size_t)((double)m->n * factor)); /* best effort, see link.h */
}

/* Room for cap held BAG ids; 0, or -1 (the list unchanged) when out of memory. */
static int hold_room(struct link *l, double cap)
{
    if (cap <= (double)l->cap_held)
        return 0;
    if (!(cap < (double)(SIZE_MAX / sizeof *l->held)))
        return -1;
    struct link_held *h = realloc(l->held, (size_t)cap * sizeof *h);
    if (!h)
        return -1;
    l->held = h;
    l->cap_held = (size_t)cap;
    return 0;
}

void link_reserve(struct link *l, double factor)
{
    reserve(&l->number, factor);
    (void)hold_room(l, (double)l->n_held * factor); /* best effort */
}

static int grow_next(struct link *l, uint32_t idx)
{
    if (idx < l->cap_next)
        return 0;
    uint32_t cap = l->cap_next ? l->cap_next : 4096;
    while (cap <= idx) {
        if (cap > UINT32_MAX / 2)
            return -1;
        cap *= 2;
    }
    uint32_t *p = realloc(l->next, (size_t)cap * sizeof *p);
    if (!p)
        return -1;
    l->next = p;
    l->cap_next = cap;
    return 0;
}

int link_add(struct link *l, uint32_t idx)
{
    const struct addr_key *k = &l->d->addrs[idx].key;
    if (grow_next(l, idx) != 0)
        return -1;
    int inserted = 0;
    uint32_t *head = u64map_put(&l->number, number_key(k), idx, &inserted);
    if (!head)
        return -1;
    /* prepend: O(1), and the order depends only on the input order */
    l->next[idx] = inserted ? NONE_IDX : *head;
    *head = idx;
    return u64map_put(&l->postcode, postcode_key(k->postcode), idx, NULL) ? 0 : -1;
}

int link_bag_id(const char *s, size_t n, char out[LINK_BAG_DIGITS + 1])
{
    size_t k = 0;
    char buf[LINK_BAG_DIGITS];
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ')
            continue;
        if (s[i] < '0' || s[i] > '9' || k == LINK_BAG_DIGITS)
            return -1;
        buf[k++] = s[i];
    }
    if (k < LINK_BAG_DIGITS - 1)
        return -1;
    size_t pad = LINK_BAG_DIGITS - k; /* 15 digits: the leading zero a spreadsheet dropped */
    memset(out, '0', pad);
    memcpy(out + pad, buf, k);
    out[LINK_BAG_DIGITS] = '\0';
    return 0;
}

int link_add_bag(struct link *l, const char id[LINK_BAG_DIGITS + 1], uint32_t idx)
{
    uint64_t key = bag_key(id);
    if (l->n_held && l->held[l->n_held - 1].key == key)
        return 0; /* the object's next row (a co-owner): the first keeps the id anyway */
    if (l->n_held == l->cap_held &&
        hold_room(l, l->cap_held ? 2.0 * (double)l->cap_held : 4096.0) != 0)
        return -1;
    l->held[l->n_held++] = (struct link_held){key, idx};
    return 0;
}

int link_index_bag(struct link *l)
{
    enum { AHEAD = 16 }; /* inserts in flight: enough to cover a miss */
    if (l->n_held == 0)
        return 0;
    if (u64map_reserve(&l->bag, l->bag.n + l->n_held) != 0)
        return -1;
    for (size_t i = 0; i < l->n_held; i++) {
        if (i + AHEAD < l->n_held)
            u64map_prefetch(&l->bag, l->held[i + AHEAD].key);
        if (!u64map_put(&l->bag, l->held[i].key, l->held[i].addr, NULL))
            return -1; /* cannot happen after the reserve; kept for the contract */
    }
    free(l->held);
    l->held = NULL;
    l->n_held = l->cap_held = 0;
    return 0;
}

uint32_t link_find_bag(const struct link *l, const char id[LINK_BAG_DIGITS + 1])
{
    const uint32_t *v = u64map_get(&l->bag, bag_key(id));
    return v ? *v : NONE_IDX;
}

uint32_t link_first(const struct link *l, const struct addr_key *k)
{
    const uint32_t *v = u64map_get(&l->number, number_key(k));
    return v ? *v : NONE_IDX;
}

uint32_t link_next(const struct link *l, uint32_t idx)
{
    return l->next[idx];
}

const char *link_neighbourhood(const struct link *l, const struct addr_key *k)
{
    const uint32_t *v = u64map_get(&l->postcode, postcode_key(k->postcode));
    return v ? l->d->addrs[*v].neighbourhood : NULL;
}

/* ------------------------------------------------------------ readings */

static int is_alpha(char c)
{
    return c >= 'A' && c <= 'Z';
}

static void set_unit(struct addr_key *out, const struct addr_key *k, char letter,
                     const char *suffix)
{
    *out = *k;
    out->letter = letter;
    memset(out->suffix, 0, sizeof out->suffix);
    memcpy(out->suffix, suffix, strnlen(suffix, sizeof out->suffix - 1));
}

int link_swaps(const struct addr_key *k, struct addr_key out[LINK_READINGS_MAX])
{
    int n = 0;
    size_t ls = strlen(k->suffix);
    char both[6] = {k->letter, 0};
    if (k->letter && ls == 0) /* 12-H: letter H, or toevoeging H */
        set_unit(&out[n++], k, 0, both);
    if (!k->letter && ls >= 1 && is_alpha(k->suffix[0])) /* toevoeging A / B73C */
        set_unit(&out[n++], k, k->suffix[0], k->suffix + 1);
    if (k->letter && ls >= 1 && ls <= 3) { /* letter B + 73C: toevoeging B73C */
        memcpy(both + 1, k->suffix, ls + 1);
        set_unit(&out[n++], k, 0, both);
    }
    return n;
}

/* Toevoegingen of one class, in the class's form first (docs/addresses.md, step 5). */
static const char *const SYNONYMS[][7] = {
    {"H", "HS", "HUIS", "BG", "BEG", "0", NULL}, /* ground floor */
    {"1", "I", "1E", NULL},
    {"2", "II", "2E", NULL},
    {"3", "III", "3E", NULL},
    {"4", "IV", "4E", NULL},
};

/* The class form of a toevoeging, or the toevoeging itself when it has no class. */
static const char *class_form(const char *suffix)
{
    for (size_t c = 0; c < sizeof SYNONYMS / sizeof SYNONYMS[0]; c++)
        for (int i = 0; SYNONYMS[c][i]; i++)
            if (strcmp(suffix, SYNONYMS[c][i]) == 0)
                return SYNONYMS[c][0];
    return suffix;
}

void link_synonym(const struct addr_key *k, struct addr_key *out)
{
    if (!k->letter && strcmp(k->suffix, "BIS") == 0) { /* 12 bis = 12B */
        set_unit(out, k, 'B', "");
        return;
    }
    char floor[sizeof k->suffix] = {0};
    size_t n = strlen(k->suffix), digits = strspn(k->suffix, "0123456789");
    const char *form = k->suffix;
    if (n >= 2 && digits == n - 1 && form[n - 1] == 'E') { /* "5E": floor 5, ordinal mark */
        memcpy(floor, form, digits);
        form = floor;
    }
    set_unit(out, k, k->letter, class_form(form));
}

/* ------------------------------------------------------------- resolve */

static int same_unit(const struct addr_key *a, const struct addr_key *b)
{
    return a->letter == b->letter && strcmp(a->suffix, b->suffix) == 0;
}

static int is_reference(const struct dataset *d, uint32_t idx)
{
    return idx != NONE_IDX && (d->addrs[idx].sources & (1u << SRC_KADASTER_OBJECTS));
}

/* What the row may mean: its swapped readings, and all readings in synonym form. */
struct readings {
    struct addr_key swapped[LINK_READINGS_MAX];
    int n_swapped;
    struct addr_key synonym[LINK_READINGS_MAX + 1];
    int n_synonym;
};

static void readings_of(const struct addr_key *k, struct readings *r)
{
    r->n_swapped = link_swaps(k, r->swapped);
    link_synonym(k, &r->synonym[0]);
    r->n_synonym = 1;
    for (int i = 0; i < r->n_swapped; i++)
        link_synonym(&r->swapped[i], &r->synonym[r->n_synonym++]);
}

static int fits(const struct readings *r, enum link_class pass, const struct addr_key *cand)
{
    if (pass == LINK_SWAPPED) {
        for (int i = 0; i < r->n_swapped; i++)
            if (same_unit(&r->swapped[i], cand))
                return 1;
        return 0;
    }
    struct addr_key form;
    link_synonym(cand, &form);
    for (int i = 0; i < r->n_synonym; i++)
        if (same_unit(&r->synonym[i], &form))
            return 1;
    return 0;
}

/* One pass over the units at the number: 1 when exactly one fits (m filled), 0 when
 * none does, -1 when several do (ambiguous). */
static int try_pass(const struct link *l, const struct readings *r, enum link_class pass,
                    struct link_match *m)
{
    uint32_t found = NONE_IDX;
    for (uint32_t c = m->first; c != NONE_IDX; c = l->next[c]) {
        if (!fits(r, pass, &l->d->addrs[c].key))
            continue;
        if (found != NONE_IDX)
            return -1;
        found = c;
    }
    if (found == NONE_IDX)
        return 0;
    m->cls = pass;
    m->addr = found;
    return 1;
}

void link_resolve(const struct link *l, const struct addr_key *k, struct link_match *m)
{
    m->cls = LINK_EXACT;
    m->addr = dataset_find(l->d, k);
    m->first = NONE_IDX;
    m->n_candidates = 0;
    if (is_reference(l->d, m->addr)) /* nearly every row: one hash lookup */
        return;
    m->addr = NONE_IDX;
    m->first = link_first(l, k);
    for (uint32_t c = m->first; c != NONE_IDX; c = l->next[c])
        m->n_candidates++;
    m->cls = LINK_NOT_IN_KADASTER;
    if (m->first == NONE_IDX)
        return;
    struct readings r;
    readings_of(k, &r);
    static const enum link_class PASSES[] = {LINK_SWAPPED, LINK_SYNONYM};
    for (size_t p = 0; p < sizeof PASSES / sizeof PASSES[0]; p++) {
        int got = try_pass(l, &r, PASSES[p], m);
        if (got != 0) {
            if (got < 0)
                m->cls = LINK_AMBIGUOUS;
            return;
        }
    }
    int bare = !k->letter && !k->suffix[0];
    if (bare && m->n_candidates == 1) {
        m->cls = LINK_UNIQUE;
        m->addr = m->first;
        return;
    }
    m->cls = bare ? LINK_AMBIGUOUS : LINK_UNIT_UNKNOWN;
}
