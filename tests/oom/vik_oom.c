/*
 * vik_oom.c - vik with an allocator that runs out on purpose: the Nth call of an
 * allocating function (malloc, calloc, realloc, aligned_alloc, getline,
 * open_memstream) made by vik's own code fails (VIK_OOM_FAIL=N),
 * or that call and every one after it (VIK_OOM_FROM=N: memory that has run out
 * stays out, so the error paths must not need any); with VIK_OOM_COUNT=1 every
 * call is counted and the count printed at exit.
 *
 * Why: a national night holds gigabytes, and memory can run out at any of the
 * places vik allocates. Each of them promises the same thing - the night fails
 * with "out of memory", writes no half-made lists, leaks nothing and crashes
 * nowhere - or, where an allocation is only a help (a map sized ahead, huge
 * pages), the night goes on and its results do not change. Reading the code is
 * the only other check of those promises. tests/e2e/oom.sh runs a small town
 * through this program failing one allocation at a time, under the sanitizers.
 *
 * The wrappers come from the linker (-Wl,--wrap=malloc and friends, Makefile):
 * only calls made by libvik.a and this file go through them. libcsv and zlib
 * allocate through vik's own hooks (ingest/csv_reader.c), so theirs are counted
 * too; GSL's and libsodium's are not. getline and open_memstream allocate inside
 * libc, so they are wrapped as allocations of their own (failing with ENOMEM, as
 * libc's would). With VIK_OOM_SQLITE=1 SQLite's allocations are counted and failed
 * as well (sqlite3_config(SQLITE_CONFIG_MALLOC) around its own allocator): the
 * history commands do their work through SQLite, and a failure there must leave
 * the database as it was.
 */
#include "cli/cli.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);
ssize_t __real_getline(char **line, size_t *cap, FILE *f);
FILE *__real_open_memstream(char **buf, size_t *size);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_aligned_alloc(size_t a, size_t n);
ssize_t __wrap_getline(char **line, size_t *cap, FILE *f);
FILE *__wrap_open_memstream(char **buf, size_t *size);

/* Set once in main, before any thread starts; the count is shared by all threads. */
static unsigned long fail_at;
static int fail_after; /* every call from fail_at on */
static atomic_ulong calls;

/* Called for the failing allocation only: a debugger's breakpoint on it shows who
 * asked (gdb -ex 'break vik_oom_fails' ...). */
__attribute__((noinline)) void vik_oom_fails(void);
__attribute__((noinline)) void vik_oom_fails(void)
{
    __asm__ volatile("");
}

/* Whether this call is the one to fail. */
static int fails(void)
{
    unsigned long k = atomic_fetch_add(&calls, 1) + 1;
    if (fail_at == 0 || k < fail_at || (k > fail_at && !fail_after))
        return 0;
    vik_oom_fails();
    return 1;
}

void *__wrap_malloc(size_t n)
{
    return fails() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return fails() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fails() ? NULL : __real_realloc(p, n);
}

void *__wrap_aligned_alloc(size_t a, size_t n)
{
    return fails() ? NULL : __real_aligned_alloc(a, n);
}

ssize_t __wrap_getline(char **line, size_t *cap, FILE *f)
{
    if (fails()) {
        errno = ENOMEM;
        return -1;
    }
    return __real_getline(line, cap, f);
}

FILE *__wrap_open_memstream(char **buf, size_t *size)
{
    if (fails()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_open_memstream(buf, size);
}

/* SQLite's own allocator, and the same behind the counter. */
static sqlite3_mem_methods sqlite_mem;

static void *sqlite_malloc(int n)
{
    return fails() ? NULL : sqlite_mem.xMalloc(n);
}

static void *sqlite_realloc(void *p, int n)
{
    return fails() ? NULL : sqlite_mem.xRealloc(p, n);
}

static int count_sqlite(void)
{
    sqlite3_mem_methods m;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem) != SQLITE_OK)
        return -1;
    m = sqlite_mem;
    m.xMalloc = sqlite_malloc;
    m.xRealloc = sqlite_realloc;
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK ? 0 : -1;
}

static void print_count(void)
{
    fprintf(stderr, "vik-oom: allocations %lu\n", (unsigned long)atomic_load(&calls));
}

int main(int argc, char **argv)
{
    const char *f = getenv("VIK_OOM_FAIL"), *from = getenv("VIK_OOM_FROM"),
               *c = getenv("VIK_OOM_COUNT"), *sq = getenv("VIK_OOM_SQLITE");
    if (sq && *sq == '1' && count_sqlite() != 0) {
        fprintf(stderr, "vik-oom: cannot put SQLite's allocations behind the counter\n");
        return 2;
    }
    fail_after = from != NULL;
    fail_at = from ? strtoul(from, NULL, 10) : f ? strtoul(f, NULL, 10) : 0;
    if (c && *c == '1')
        atexit(print_count);
    return cli_main(argc, argv);
}
