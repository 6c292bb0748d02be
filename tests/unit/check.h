/* check.h — the unit tests' CHECK macro: reports file:line and counts failures. */
#ifndef ONDES_CHECK_H
#define ONDES_CHECK_H

#include <stdio.h>

static int check_failures, check_count;

#define CHECK(cond)                                                              \
    do {                                                                         \
        check_count++;                                                           \
        if (!(cond)) {                                                           \
            check_failures++;                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

/* Like CHECK, with a formatted explanation. */
#define CHECKF(cond, ...)                                                        \
    do {                                                                         \
        check_count++;                                                           \
        if (!(cond)) {                                                           \
            check_failures++;                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                 \
        }                                                                        \
    } while (0)

#define CHECK_RESULT()                                                           \
    (printf("%d passed, %d failed\n", check_count - check_failures, check_failures), \
     check_failures ? 1 : 0)

#endif
