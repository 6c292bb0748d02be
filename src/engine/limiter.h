/* limiter.h — the master's optional look-ahead peak limiter (--limiter): keeps every sample under the ceiling without clipping. */
#ifndef ONDES_LIMITER_H
#define ONDES_LIMITER_H

#include <stdint.h>

#define ENG_LIM_RELEASE_MS 60.0   /* release time constant */

typedef struct eng_limiter {
    int on;
    int nch;
    int la;                 /* look-ahead in samples: the delay the limiter adds */
    int win;                /* la + 1: length of the window minimum and of the average */
    double target;          /* the ceiling, a hair under it so float rounding cannot cross it */
    double rel;             /* per-sample release coefficient */
    double r;               /* required gain, attack instant, release exponential */
    float *delay;           /* nch rings of la samples, planar */
    int dpos;
    int64_t n;              /* samples seen (the deque's clock) */
    int64_t *dq_t;          /* monotonic deque (ring of win): times ... */
    double *dq_v;           /* ... and values, increasing from the front */
    int dq_head, dq_len;
    int64_t *box;           /* the last win held gains, quantised so their sum is exact */
    int bpos;
    int64_t sum;
    /* what it did, for the report */
    int64_t reduced;        /* samples (frames × channels) it scaled down */
    double min_gain;        /* deepest gain it applied (1: none) */
} ENG_LIMITER;

/* Reserve the limiter's memory (control thread, from eng_new): look-ahead ms
 * at sample rate sr for nch channels, holding samples at or below the linear
 * ceiling.  ms <= 0 leaves it off.  Returns 0, or -1 out of memory. */
int eng_lim_init(ENG_LIMITER *l, double ms, double sr, int nch, double ceiling);
void eng_lim_free(ENG_LIMITER *l);

/* Limit one block in place: buf holds nch planar channels of n samples
 * (audio thread: plain loops, no allocation). */
void eng_lim_process(ENG_LIMITER *l, float *buf, int n);

#endif
