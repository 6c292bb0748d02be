/* bench_sched.c — times the pending-event queue: a full 65 536-event push/pop, and /set lookups of pending ids in a full queue. */
/*
 * Usage: bench/bench_sched [ROUNDS]   (make bench/bench_sched; doc/benchmarks.md)
 * Events are notes of 5 p-fields (what a typical /sched or score line
 * carries) at seeded random frames, every 16th one sharing its id with
 * another; the best of ROUNDS rounds counts.  Uses only the scheduler's
 * public calls, so the same file times any version of sched.c.
 */
#include "../src/engine/engine.h"
#include "../src/engine/sched.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 65536
#define LOOKUPS 4096

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next_rand(void)   /* xorshift64: the same events every run */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    static ENG_EVENT evs[N];
    for (int i = 0; i < N; i++) {
        ENG_EVENT *ev = &evs[i];
        memset(ev, 0, sizeof *ev);
        ev->type = EV_START;
        ev->frame = (int64_t)(next_rand() % (60 * 48000));
        ev->id = 1 + (i % 16 ? i : i / 2);
        ev->instr = 1;
        ev->np = 5;
        for (int k = 1; k <= 5; k++) ev->p[k] = k;
    }
    SCHED s;
    if (sched_init(&s, N)) return 1;
    double best_push = 1e9, best_pop = 1e9, best_find = 1e9;
    int64_t check = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        for (int i = 0; i < N; i++)
            if (sched_push(&s, &evs[i])) return 1;
        double t1 = now();
        /* /set of pending ids in the full queue: the lookup the audio thread does */
        for (int i = 0; i < LOOKUPS; i++) {
            int at = 0;
            int32_t id = evs[next_rand() % N].id;
            while (sched_find_start(&s, id, INT64_MAX, &at)) check++;
        }
        double t2 = now();
        ENG_EVENT out;
        for (int i = 0; i < N; i++) {
            sched_pop(&s, &out);
            check += out.frame & 1;
        }
        double t3 = now();
        if (t1 - t0 < best_push) best_push = t1 - t0;
        if (t3 - t2 < best_pop) best_pop = t3 - t2;
        if (t2 - t1 < best_find) best_find = t2 - t1;
    }
    sched_free(&s);
    printf("push %d events: %.2f ms (%.1f ns each)\n", N, best_push * 1e3, best_push * 1e9 / N);
    printf("pop %d events: %.2f ms (%.1f ns each)\n", N, best_pop * 1e3, best_pop * 1e9 / N);
    printf("find pending starts of an id in a full queue: %.2f us a lookup (%d lookups)\n",
           best_find * 1e6 / LOOKUPS, LOOKUPS);
    printf("(checksum %lld)\n", (long long)check);
    return 0;
}
