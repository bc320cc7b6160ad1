/*
 * vik_oom.c - vik with an allocator that runs out on purpose: the Nth call of
 * malloc, calloc or realloc made by vik's own code returns NULL (VIK_OOM_FAIL=N),
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
 * only calls made by libvik.a and this file go through them; the libraries'
 * own (SQLite, zlib, libcsv, GSL, libsodium) do not, so what is tested is
 * vik's handling of its own allocations.
 */
#include "cli/cli.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);

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

static void print_count(void)
{
    fprintf(stderr, "vik-oom: allocations %lu\n", (unsigned long)atomic_load(&calls));
}

int main(int argc, char **argv)
{
    const char *f = getenv("VIK_OOM_FAIL"), *from = getenv("VIK_OOM_FROM"),
               *c = getenv("VIK_OOM_COUNT");
    fail_after = from != NULL;
    fail_at = from ? strtoul(from, NULL, 10) : f ? strtoul(f, NULL, 10) : 0;
    if (c && *c == '1')
        atexit(print_count);
    return cli_main(argc, argv);
}
