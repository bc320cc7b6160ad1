/*
 * fuzz_common.h - what the libFuzzer targets in fuzz/ share: the invariant check.
 *
 * Why: a fuzz target that only "does not crash" finds memory errors and nothing
 * else. Each target states the invariants of the code it exercises and checks them
 * with FUZZ_CHECK, which prints the broken condition and aborts, so libFuzzer saves
 * the input as a crash like any sanitizer report.
 *
 * Macros only: each target is one translation unit linked with the library objects.
 */
#ifndef VIK_FUZZ_FUZZ_COMMON_H
#define VIK_FUZZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant: report the condition and where, then abort (libFuzzer keeps the input). */
#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "\nINVARIANT BROKEN %s:%d: %s\n  ", __FILE__, __LINE__, #cond);        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A setup step that cannot fail on a healthy machine (memfd, malloc): not a finding. */
#define FUZZ_SETUP(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            perror("fuzz set-up: " #cond);                                                         \
            exit(2);                                                                               \
        }                                                                                          \
    } while (0)

#endif
