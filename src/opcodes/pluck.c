/* pluck.c — plucked strings: pluck (Csound's Karplus-Strong). */
#include "op.h"
#include <stdint.h>

/*
 * pluck follows Csound 6's plukset/pluck (OOps/ugens4.c; Karplus & Strong,
 * "Digital Synthesis of Plucked-String and Drum Timbres", CMJ 7:2, 1983):
 *
 *  - The buffer holds npts = (int)(sr / icps) points (at least 64) plus one
 *    wrap point.  It is filled from table ifn by stepping through the table
 *    with the integer step flen / npts (an integer division, as Csound does:
 *    a 4096-point table on a 200-point buffer is read at 0, 20, … 3980, not
 *    stretched over the whole table), or with ifn = 0 from Csound's 16-bit
 *    generator.
 *  - The read phase is fixed point with 8 fractional bits (phs256); the step
 *    is (int)(kcps · (256 npts + 128) / sr), the +128 tuning the loop to
 *    npts + ½ samples, which is the delay of the two-point average.  Output is
 *    the linear interpolation between the two points the phase falls between.
 *  - Each time the phase wraps, the buffer is smoothed in place by the decay
 *    method imeth (1 average, 2 stretched average, 3 drum, 4 stretched drum,
 *    5 weighted average, 6 first-order recursive filter), after copying the
 *    last point to the first.
 *
 * The generators.  Methods 2-4 draw from rand15 and the ifn = 0 fill from
 * rand16: two linear congruential generators (x = 15625 x + 1 mod 2^15 or
 * 2^16, both seeded 1000) that Csound keeps once per Csound instance and
 * shares between all pluck notes.  They are reproduced exactly here, also
 * once per engine (an OP_SHARED state, touched only by the thread running
 * notes), so every pluck matches Csound's sample for sample as long as notes draw
 * from them in the same order as Csound does (instrument order within a
 * k-cycle, which the engine follows).
 *
 * The buffer is kept in double as in Csound; only the output is float.
 */

#define PLUKMIN 64

typedef struct { int32_t rand16, rand15; } PLUCK_RNG;

static int pluck_rng_create(void *st, const OP_ENV *env, char *err, size_t errlen)
{
    PLUCK_RNG *g = st;
    g->rand16 = g->rand15 = 1000;   /* Csound's seeds */
    return 0;
}
static const OP_SHARED pluck_rng = { "pluck's generators", sizeof(PLUCK_RNG), pluck_rng_create, NULL };

/* Csound's rand16: a signed 16-bit value in [-32768, 32767]. */
static int16_t rand16(PLUCK_RNG *g)
{
    g->rand16 = (g->rand16 * 15625 + 1) & 0xFFFF;
    return (int16_t)(uint16_t)g->rand16;
}

/* Csound's rand15: a value in [0, 32767]. */
static int16_t rand15(PLUCK_RNG *g)
{
    g->rand15 = (g->rand15 * 15625 + 1) & 0x7FFF;
    return (int16_t)g->rand15;
}

/* Csound stores its thresholds as (int16)(double): on the machines Csound
 * runs on that truncates to 32 bits and keeps the low 16, so 32768 (a
 * stretch or roughness factor of exactly 1) becomes -32768, a threshold
 * rand15 never falls below.  The same conversion, without the undefined
 * behaviour of a direct out-of-range cast. */
static int16_t to_int16(double v)
{
    int32_t i = (int32_t)v;
    return (int16_t)(uint16_t)(uint32_t)i;
}

typedef struct {
    OP h;
    OP_ARG ar, kamp, kcps, icps, ifn, imeth, iparm1, iparm2;
    PLUCK_RNG *rng;     /* the engine's generators */
    double *buf;        /* npts + 1 points */
    int32_t npts;
    int32_t phs256;
    double sicps;       /* (256 npts + 128) / sr: cps to phase step */
    double param1, param2;
    int16_t thresh1, thresh2;
    int method;
    int failed;         /* kcps out of range: silent from then on */
} PLUCK;

/* ares pluck kamp, kcps, icps, ifn, imeth [, iparm1] [, iparm2] */
static int pluck_init(OP *o, OP_CTX *c)
{
    PLUCK *p = (PLUCK *)o;
    if (!(p->rng = op_shared(c, &pluck_rng))) return op_initerr(c, o, "the engine has no generators for pluck");
    double icps = *p->icps.k, ifn = *p->ifn.k, imeth = *p->imeth.k;
    if (!(icps > 0.0)) return op_initerr(c, o, "icps must be positive (got %g)", icps);
    double len = c->sr / icps;
    int32_t npts = len < (double)PLUKMIN ? PLUKMIN : len > 16777216.0 ? 16777216 : (int32_t)len;
    const FTABLE *ft = NULL;
    if (ifn != 0.0) {
        ft = op_ftable(c, ifn);
        if (!ft) return op_initerr(c, o, "table %g does not exist", ifn);
    }

    p->method = (int)(int16_t)(int32_t)imeth;
    p->param1 = *p->iparm1.k;
    p->param2 = *p->iparm2.k;
    switch (p->method) {
    case 1: case 6:
        break;
    case 2:
        if (p->param1 < 1.0) return op_initerr(c, o, "illegal stretch factor (iparm1 = %g, must be >= 1)", p->param1);
        p->thresh1 = to_int16(32768.0 / p->param1);
        break;
    case 3:
        if (p->param1 < 0.0 || p->param1 > 1.0)
            return op_initerr(c, o, "illegal roughness factor (iparm1 = %g, must be in 0 … 1)", p->param1);
        p->thresh1 = to_int16(32768.0 * p->param1);
        break;
    case 4:
        if (p->param1 < 0.0 || p->param1 > 1.0)
            return op_initerr(c, o, "illegal roughness factor (iparm1 = %g, must be in 0 … 1)", p->param1);
        p->thresh1 = to_int16(32768.0 * p->param1);
        if (p->param2 < 1.0) return op_initerr(c, o, "illegal stretch factor (iparm2 = %g, must be >= 1)", p->param2);
        p->thresh2 = to_int16(32768.0 / p->param2);
        break;
    case 5:
        if (p->param1 + p->param2 > 1.0)
            return op_initerr(c, o, "coefficients too large (iparm1 + iparm2 = %g, at most 1)", p->param1 + p->param2);
        break;
    default:
        return op_initerr(c, o, "unknown method code %g (imeth is 1 … 6)", imeth);
    }

    p->buf = op_alloc(c, sizeof(double) * ((size_t)npts + 1));
    if (!p->buf) return op_initerr(c, o, "out of note memory for a %d-point string", npts);
    p->npts = npts;
    if (ft == NULL) {
        for (int32_t n = 0; n < npts; n++) p->buf[n] = rand16(p->rng) * (1.0 / 32768.0);
    } else {
        int32_t step = ft->size / npts;        /* integer division, as Csound */
        int64_t at = 0;
        for (int32_t n = 0; n < npts; n++, at += step) p->buf[n] = ft->data[at];
    }
    p->buf[npts] = p->buf[0];
    p->sicps = (npts * 256.0 + 128.0) * c->onedsr;
    p->phs256 = 0;
    return 0;
}

/* At each phase wrap: copy the last point to the first, then smooth
 * points 1 … npts with the decay method. */
static void pluck_smooth(PLUCK *p)
{
    double *fp = p->buf;
    double preval = fp[0], newval;
    fp[0] = fp[p->npts];
    fp++;
    int32_t nn = p->npts;
    switch (p->method) {
    case 1:                     /* simple averaging */
        do {
            newval = (*fp + preval) * 0.5;
            preval = *fp;
            *fp++ = newval;
        } while (--nn);
        break;
    case 2:                     /* stretched averaging */
        do {
            if (rand15(p->rng) < p->thresh1) {
                newval = (*fp + preval) * 0.5;
                preval = *fp;
                *fp++ = newval;
            } else {
                preval = *fp++;
            }
        } while (--nn);
        break;
    case 3:                     /* simple drum */
        do {
            if (rand15(p->rng) < p->thresh1) newval = -(*fp + preval) * 0.5;
            else newval = (*fp + preval) * 0.5;
            preval = *fp;
            *fp++ = newval;
        } while (--nn);
        break;
    case 4:                     /* stretched drum */
        do {
            if (rand15(p->rng) < p->thresh2) {
                if (rand15(p->rng) < p->thresh1) newval = -(*fp + preval) * 0.5;
                else newval = (*fp + preval) * 0.5;
                preval = *fp;
                *fp++ = newval;
            } else {
                preval = *fp++;
            }
        } while (--nn);
        break;
    case 5:                     /* weighted averaging */
        do {
            newval = p->param1 * *fp + p->param2 * preval;
            preval = *fp;
            *fp++ = newval;
        } while (--nn);
        break;
    case 6:                     /* first-order recursive filter */
        do {
            preval = (*fp + preval) * 0.5;
            *fp++ = preval;
        } while (--nn);
        break;
    }
}

static void pluck_perf(OP *o, OP_CTX *c)
{
    PLUCK *p = (PLUCK *)o;
    float *ar = p->ar.a;
    double amp = *p->kamp.k, kcps = *p->kcps.k;
    int32_t ltwopi = p->npts << 8;
    double step = kcps * p->sicps;
    int32_t phsinc = step > -2147483648.0 && step < 2147483648.0 ? (int32_t)step : -1;
    op_aclear_edges(ar, c);
    if (!p->failed && (phsinc > ltwopi || phsinc < 0)) {
        /* Csound stops the note with a performance error ("kcps more than
         * sample rate"); a negative kcps would read outside its buffer. */
        p->failed = 1;
        op_msg(c, "PERF ERROR (line %d): pluck: kcps %g out of range (0 … %g): note stopped\n", (int)o->line,
               kcps, (double)ltwopi / p->sicps);
        op_turnoff(c);
    }
    if (p->failed) {
        for (int n = c->ofs; n < c->end; n++) ar[n] = 0.0f;
        return;
    }
    int32_t phs256 = p->phs256;
    const double *buf = p->buf;
    for (int n = c->ofs; n < c->end; n++) {
        const double *fp = buf + (phs256 >> 8);
        double frac = (double)(phs256 & 255) / 256.0;
        ar[n] = (float)((fp[0] + (fp[1] - fp[0]) * frac) * amp);
        if ((phs256 += phsinc) >= ltwopi) {
            phs256 -= ltwopi;
            pluck_smooth(p);
        }
    }
    p->phs256 = phs256;
}

static const OP_DESC op_pluck[] = {
    { "pluck", "a", "kkiiioo", sizeof(PLUCK), pluck_init, pluck_perf, OP_ARGS_IN(8), NULL, &pluck_rng },
    OP_END
};
OP_FAMILY(pluck, "Signal Generators: Models and Emulations", op_pluck);
