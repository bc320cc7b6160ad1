/*
 * facts.c - see facts.h.
 */
#include "model/facts.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* One entry: dots dropped, then 2..FACTS_SBI_DIGITS digits; -1 otherwise. */
static int sbi_add(struct sbi_set *set, const char *p, size_t n)
{
    char code[FACTS_SBI_DIGITS + 1];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.')
            continue;
        if (!isdigit((unsigned char)p[i]) || k == FACTS_SBI_DIGITS)
            return -1;
        code[k++] = p[i];
    }
    if (k < 2)
        return -1;
    memcpy(set->prefix[set->n], code, k);
    set->prefix[set->n++][k] = '\0';
    return 0;
}

const char *sbi_set_parse(struct sbi_set *set, const char *text, char *why, size_t size)
{
    const char *p = text ? text : "";
    for (p += strspn(p, ", \t"); *p; p += strspn(p, ", \t")) {
        size_t n = strcspn(p, ", \t");
        if (set->n == FACTS_MAX_SBI) {
            snprintf(why, size, "more than %d SBI prefixes", FACTS_MAX_SBI);
            return why;
        }
        if (sbi_add(set, p, n) != 0) {
            snprintf(why, size, "'%.*s' is not an SBI prefix (2 to %d digits, dots allowed)",
                     (int)(n < 40 ? n : 40), p, FACTS_SBI_DIGITS);
            return why;
        }
        p += n;
    }
    return NULL;
}

int sbi_set_match(const struct sbi_set *set, const char *s, size_t n)
{
    char sbi[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof sbi - 1; i++)
        if (s[i] != '.')
            sbi[k++] = s[i];
    sbi[k] = '\0';
    for (int i = 0; i < set->n; i++)
        if (strncmp(sbi, set->prefix[i], strlen(set->prefix[i])) == 0)
            return 1;
    return 0;
}

/* ASCII lower case of s[0..n), trimmed, into out; -1 when too long or empty. */
static int category_key(const char *s, size_t n, char out[FACTS_CATEGORY_MAX])
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n >= FACTS_CATEGORY_MAX)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    out[n] = '\0';
    return 0;
}

static int category_index(const struct category_map *m, const char *key)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->c[i].name, key) == 0)
            return i;
    return -1;
}

const char *category_map_add(struct category_map *m, unsigned theme, const char *text, char *why,
                             size_t size)
{
    const char *p = text ? text : "";
    for (p += strspn(p, ", "); *p; p += strspn(p, ", ")) {
        size_t n = strcspn(p, ",");
        char key[FACTS_CATEGORY_MAX];
        int c = category_key(p, n, key) == 0 ? category_index(m, key) : -2;
        if (c == -1 && m->n < FACTS_MAX_CATEGORIES) {
            c = m->n++;
            memcpy(m->c[c].name, key, sizeof key);
            m->c[c].themes = 0;
        }
        if (c < 0) {
            snprintf(why, size, "'%.*s' is not a category (1-%d bytes; at most %d categories)",
                     (int)(n < 40 ? n : 40), p, FACTS_CATEGORY_MAX - 1, FACTS_MAX_CATEGORIES);
            return why;
        }
        m->c[c].themes |= (uint8_t)theme;
        p += n;
    }
    return NULL;
}

int category_map_find(const struct category_map *m, const char *s, size_t n)
{
    char key[FACTS_CATEGORY_MAX];
    return category_key(s, n, key) == 0 ? category_index(m, key) : -1;
}
