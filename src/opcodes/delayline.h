/* delayline.h — index arithmetic shared by the delay-line opcodes (delay.c, reverb_units.c). */
#ifndef ONDES_DELAYLINE_H
#define ONDES_DELAYLINE_H

#include "op.h"
#include <math.h>
#include <stdint.h>

/*
 * Csound's delay code wraps read positions with loops such as
 * `while (x < 0) x += maxd;`.  Inside the line's range they take one step;
 * with a delay longer than the line, negative, or not finite they run for
 * as long as the value is large (or forever), or read outside the buffer.
 * These helpers take the same single step with the same rounding, and go
 * to fmod or % only beyond it, so every in-range result is Csound's and no
 * value an instrument computes can hang the audio thread or read out of
 * bounds.
 */

/* Csound's MYFLT2LRND/MYFLT2LONG (lrint: round half to even), saturated. */
static inline int32_t dl_lrint(double x)
{
    return op_int(rint(x));
}

/* x reduced into [0, m) for integers: `while (x < 0) x += m;
 * while (x >= m) x -= m;` in constant time (m > 0). */
static inline int32_t dl_wrapi(int64_t x, int32_t m)
{
    if (x < 0) {
        x += m;
        if (x < 0) x = x % m + m;
        if (x == m) x = 0;
    } else if (x >= m) {
        x -= m;
        if (x >= m) x %= m;
    }
    return (int32_t)x;
}

/* `while (x < 0.0) x += m;` (m > 0); NaN reads as 0. */
static inline double dl_wrap_up(double x, double m)
{
    if (x < 0.0) {
        x += m;
        if (x < 0.0) x = fmod(x, m) + m;
    }
    return x == x ? x : 0.0;
}

/* `while (x >= m) x -= m;` for an x already >= 0; infinity reads as 0. */
static inline double dl_wrap_down(double x, double m)
{
    if (x >= m) {
        x -= m;
        if (x >= m) x = fmod(x, m);
    }
    return x == x ? x : 0.0;
}

/* A fractional read index split as Csound's vdelayx and deltapx do:
 *   while (x < 0) x += maxd;  xpos = (int32)x;  x -= xpos;
 *   while (xpos >= maxd) xpos -= maxd;
 * Returns the fraction, *xpos the integer position in [0, maxd). */
static inline double dl_split(double x, int32_t maxd, int32_t *xpos)
{
    x = dl_wrap_up(x, (double)maxd);
    if (x >= 0x1p31) x = dl_wrap_down(x, (double)maxd);     /* past int32: same fraction */
    int32_t i = (int32_t)x;
    *xpos = dl_wrapi(i, maxd);
    return x - (double)i;
}

/* A delay line from the voice's memory, or an init error naming its length. */
static inline void *dl_alloc(OP_CTX *c, OP *o, size_t n, size_t elsize)
{
    void *p = op_alloc(c, n * elsize);
    if (!p) op_initerr(c, o, "out of note memory for a delay line of %zu samples", n);
    return p;
}

#endif
