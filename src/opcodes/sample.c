/* sample.c — sample playback from GEN 1 tables: loscil, loscil3. */
#include "op.h"
#include <math.h>

/*
 * loscil and loscil3 follow Csound 6's losset/loscil/loscil3 (OOps/ugens3.c,
 * the floating-phase version of Csound 6.18):
 *
 *  - The phase counts sample frames of the table in double.  Per k-cycle the
 *    step is |kcps · cpscvt| with cpscvt = (file sr / sr) / ibas.  When ibas
 *    is omitted (0) the base frequency comes from the file's instrument
 *    (smpl) chunk, root note and detune with A4 = 440; when the file has
 *    none, Csound warns "no legal base frequency" and uses 1 / 261.6256 Hz
 *    (middle C) *without* the file-to-orchestra sample-rate ratio.
 *  - Two segments, each with a loop mode (0 none, 1 forward, 2 forward and
 *    back) and loop points in frames: the sustain segment (imod1, ibeg1,
 *    iend1) and the release segment (imod2, ibeg2, iend2).  A mode of -1 (the
 *    default) takes the file's loop from its instrument (smpl) chunk, as GEN 1
 *    recorded it (a file without a sustain loop: Csound warns "sustain
 *    defers to non-looping source" and plays it through).  Mode 1 with ibeg1 = iend1 = 0
 *    loops the whole table.  Once the note is releasing the sustain loop
 *    stops looping; playing past iend1 moves on to the release segment,
 *    which reads to its end (the table's end when not looping).
 *  - loscil interpolates linearly; loscil3 cubically, over the four points
 *    x, x+1, x+2, x+3 where x = (int)phase (so at a whole phase it outputs
 *    point x+1: the one-point shift is Csound's).  Stereo tables interleave
 *    left and right.
 *
 * Csound's perf function has irregularities that are reproduced so the output
 * matches sample for sample:
 *  - loscil, mono: when the sound ends inside a k-cycle, the rest of that
 *    block is not written (the output variable keeps the previous k-cycle's
 *    samples there); the following blocks are zero.  Stereo zeros the rest.
 *  - loscil3, mono: at the end of the sustain segment the last frame of that
 *    block is not written and the frame at which the segment ended is
 *    recomputed (or zeroed) under the release segment.
 *  - loscil3, stereo: on a note starting inside a block, the right output's
 *    frames before the start are not zeroed (ondes' variables start at zero,
 *    as a fresh Csound instance's do).
 * Out-of-range phases (a step longer than the loop) are clamped to the
 * table instead of reading outside it.
 */

#define LOSC_MIDDLE_C 261.62556530059862592

/* The arguments: one or two outputs (mono, stereo), then the inputs, so where
 * an input lies depends on the form; they are an array and the inputs are
 * found from o->nout with these names. */
enum { XAMP, KCPS, IFN, IBAS, IMOD1, IBEG1, IEND1, IMOD2, IBEG2, IEND2, LOSC_NIN };

typedef struct {
    OP h;
    OP_ARG args[2 + LOSC_NIN];  /* ar1 [, ar2], xamp, kcps, ifn, ibas, imod1, ibeg1, iend1, imod2, ibeg2, iend2 */
    const FTABLE *ft;
    double cpscvt;
    double lphs;
    double beg1, end1, beg2, end2;
    int mod1, mod2;
    int seg1, curmod, looping;
    int stereo;
} LOSC;

/* The inputs of a call (after its one or two outputs). */
static inline const OP_ARG *losc_in(const LOSC *p) { return p->args + p->h.nout; }

/* Both opcodes: ar1 [, ar2] loscil xamp, kcps, ifn [, ibas] [, imod1, ibeg1, iend1] [, imod2, ibeg2, iend2] */
static int losc_init(OP *o, OP_CTX *c)
{
    LOSC *p = (LOSC *)o;
    int nout = o->nout;
    const OP_ARG *in = losc_in(p);
    double ifn = *in[IFN].k, ibas = *in[IBAS].k;
    const char *name = o->desc->name;
    const FTABLE *ft = op_ftable(c, ifn);
    if (!ft) return op_initerr(c, o, "table %g does not exist", ifn);
    p->ft = ft;
    int nch = ft->nchnls > 0 ? ft->nchnls : 1;
    double maxphs = (double)(ft->size / nch);           /* Csound's flenfrms */

    /* Csound: cvtbas = LOFACT · file sr · (1 / sr), later divided by LOFACT
     * again; LOFACT is a power of two, so leaving it out changes no bit. */
    double cvtbas = ft->sr * c->onedsr;
    if (ibas != 0.0) {
        p->cpscvt = cvtbas / ibas;
    } else if (ft->gen01_base_freq > 0.0) {
        p->cpscvt = cvtbas / ft->gen01_base_freq;
    } else {
        p->cpscvt = 1.0 / LOSC_MIDDLE_C;
        op_msg(c, "WARNING: %s: no legal base frequency (table %g has no root note and ibas is 0): "
                  "kcps 261.626 plays the table at one frame per sample\n", name, ifn);
    }

    double imod1 = *in[IMOD1].k, imod2 = *in[IMOD2].k;
    p->mod1 = (int)(int16_t)(int32_t)imod1;
    if (p->mod1 < 0) {                                  /* the file's sustain loop */
        p->mod1 = ft->gen01_loopmode1;
        if (p->mod1 == 0)
            op_msg(c, "WARNING: %s: sustain defers to non-looping source\n", name);
        p->beg1 = ft->gen01_begin1;
        p->end1 = ft->gen01_end1;
    } else if (p->mod1 > 3) {
        return op_initerr(c, o, "illegal sustain loop data (imod1 = %g: 0, 1 or 2)", imod1);
    } else {
        p->beg1 = *in[IBEG1].k;
        p->end1 = *in[IEND1].k;
        if (p->beg1 == 0.0 && p->end1 == 0.0) {
            p->end1 = maxphs;                           /* loop the whole sound */
        } else if (p->beg1 < 0.0 || p->end1 > maxphs || p->beg1 >= p->end1) {
            return op_initerr(c, o, "illegal sustain loop data (ibeg1 %g, iend1 %g: need 0 <= ibeg1 < iend1 <= %g)",
                              p->beg1, p->end1, maxphs);
        }
    }
    p->mod2 = (int)(int16_t)(int32_t)imod2;
    if (p->mod2 < 0) {                                  /* the file's release loop */
        p->mod2 = ft->gen01_loopmode2;
        p->beg2 = ft->gen01_begin2;
        p->end2 = ft->gen01_end2;
    } else {
        p->beg2 = *in[IBEG2].k;
        p->end2 = *in[IEND2].k;
        if (p->mod2 > 3 || p->beg2 < 0.0 || p->end2 > maxphs || p->beg2 >= p->end2)
            return op_initerr(c, o, "illegal release loop data (imod2 %g, ibeg2 %g, iend2 %g: need a mode 0 … 2 "
                                    "and 0 <= ibeg2 < iend2 <= %g)", imod2, p->beg2, p->end2, maxphs);
    }
    if (p->beg1 < 0.0) p->beg1 = 0.0;
    if (!(p->end1 < maxphs)) p->end1 = maxphs;
    if (p->beg1 >= p->end1) {
        p->mod1 = 0;
        p->beg1 = 0.0;
        p->end1 = maxphs;
    }
    if (p->beg2 < 0.0) p->beg2 = 0.0;
    if (!(p->end2 < maxphs)) p->end2 = maxphs;
    if (p->beg2 >= p->end2) {
        p->mod2 = 0;
        p->beg2 = 0.0;
    }
    if (!p->mod2 && p->end2 == 0.0) p->end2 = maxphs;   /* no release loop: read to the end */
    p->lphs = 0.0;
    p->seg1 = 1;
    p->curmod = p->mod1;
    p->looping = p->mod1 != 0;
    p->stereo = nout == 2;
    if (!p->stereo && nch != 1)
        return op_initerr(c, o, "mono %s cannot read from a %d-channel table", name, nch);
    if (p->stereo && nch != 2)
        return op_initerr(c, o, "stereo %s cannot read from a %d-channel table", name, nch);
    return 0;
}

/* ---- interpolation, as Csound's loscil_{linear,cubic}_interp_{mono,stereo} ---- */

/* (int32_t)v clamped to [lo, hi], safe for any v. */
static inline int32_t clampi(double v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : v > hi ? hi : (int32_t)v;
}

static inline double lin_mono(const float *t, double phs, int32_t flen)
{
    double ip, fract = modf(phs, &ip);
    int32_t x = clampi(ip, 0, flen);
    double v = t[x];
    x = x < flen ? x + 1 : flen;
    return v + (t[x] - v) * fract;
}

static inline void lin_stereo(const float *t, double phs, int32_t flen, double *l, double *r)
{
    double ip, fract = modf(phs, &ip);
    int32_t x = clampi(2 * ip, 0, flen - 1);
    double vl = t[x], vr = t[x + 1];
    x = x < flen - 1 ? x + 2 : flen - 1;
    *l = vl + (t[x] - vl) * fract;
    *r = vr + (t[x + 1] - vr) * fract;
}

/* Csound's cubic weights, in its order of operations. */
static inline void cubic_coefs(double f, double a[4])
{
    double a0, a1, a2, a3;
    a3 = f * f; a3 -= 1.0; a3 *= (1.0 / 6.0);
    a2 = f; a2 += 1.0; a0 = (a2 *= 0.5); a0 -= 1.0;
    a1 = 3.0 * a3; a2 -= a1; a0 -= a3; a1 -= f;
    a0 *= f; a1 *= f; a2 *= f; a3 *= f; a1 += 1.0;
    a[0] = a0; a[1] = a1; a[2] = a2; a[3] = a3;
}

static inline double cub_mono(const float *t, double phs, int32_t flen)
{
    double ip, fract = modf(phs, &ip), a[4];
    cubic_coefs(fract, a);
    int32_t x = clampi(ip, -1, flen - 1);
    double v = t[x >= 0 ? x : 0] * a[0];
    v += t[++x] * a[1];
    x++;
    v += t[x < flen ? x : flen] * a[2];
    x++;
    v += t[x < flen ? x : flen] * a[3];
    return v;
}

static inline void cub_stereo(const float *t, double phs, int32_t flen, double *l, double *r)
{
    double ip, fract = modf(phs, &ip), a[4];
    cubic_coefs(fract, a);
    int32_t x = clampi(2 * ip, -2, flen - 3);
    double vl = t[x >= 0 ? x : 0] * a[0];
    double vr = t[x >= 0 ? x + 1 : 1] * a[0];
    x += 2;
    vl += t[x] * a[1];
    vr += t[x + 1] * a[1];
    x = x < flen - 1 ? x + 2 : flen - 1;
    vl += t[x] * a[2];
    vr += t[x + 1] * a[2];
    x = x < flen - 1 ? x + 2 : flen - 1;
    vl += t[x] * a[3];
    vr += t[x + 1] * a[3];
    *l = vl;
    *r = vr;
}

/* ---- perf: one state machine for the four variants ---- */

static inline void zero(float *a, int from, int to)
{
    for (int i = from; i < to; i++) a[i] = 0.0f;
}

static inline void losc_run(LOSC *p, OP_CTX *c, int cubic, int aamp)
{
    float *ar1 = p->args[0].a, *ar2 = p->stereo ? p->args[1].a : NULL;
    const OP_ARG *in = losc_in(p);
    const float *xamp = aamp ? in[XAMP].a : NULL;
    double kamp = aamp ? 0.0 : *in[XAMP].k;
    const float *tab = p->ft->data;
    int32_t flen = p->ft->size;
    double inc = *in[KCPS].k * p->cpscvt, beg, end;
    if (inc < 0) inc = -inc;
    if (p->seg1) {
        beg = p->beg1;
        end = p->end1;
        if (op_releasing(c)) p->looping = 0;
    } else {
        beg = p->beg2;
        end = p->end2;
    }
    double phs = p->lphs;
    int n = c->ofs, nsmps = c->end;

    zero(ar1, 0, c->ofs);
    zero(ar1, c->end, c->ksmps);
    if (ar2) {
        if (!cubic) zero(ar2, 0, c->ofs);               /* loscil3 leaves these (Csound's slip) */
        zero(ar2, c->end, c->ksmps);
    }

check:
    if (phs >= end && p->curmod != 3) {
        zero(ar1, n, nsmps);
        if (ar2) zero(ar2, n, nsmps);
        return;
    }
    for (; n < nsmps; n++) {
        double amp = aamp ? xamp[n] : kamp;
        if (ar2) {
            double l, r;
            if (cubic) cub_stereo(tab, phs, flen, &l, &r);
            else lin_stereo(tab, phs, flen, &l, &r);
            ar1[n] = (float)(l * amp);
            ar2[n] = (float)(r * amp);
        } else {
            ar1[n] = (float)((cubic ? cub_mono(tab, phs, flen) : lin_mono(tab, phs, flen)) * amp);
        }
        int ended = 0;
        switch (p->curmod) {
        case 0:                                         /* no looping */
            if ((phs += inc) >= end) ended = 1;
            break;
        case 1:                                         /* forward loop */
            if ((phs += inc) >= end) {
                if (!p->looping) ended = 1;
                else phs -= end - beg;
            }
            break;
        case 2:                                         /* back and forth: forward */
            if ((phs += inc) >= end) {
                if (!p->looping) ended = 1;
                else {
                    phs -= (phs - end) * 2;
                    p->curmod = 3;
                }
            }
            break;
        default:                                        /* back and forth: backward */
            if ((phs -= inc) < beg) {
                phs += (beg - phs) * 2;
                p->curmod = 2;
            }
            break;
        }
        if (!ended) continue;

        /* The segment ended after frame n. */
        p->lphs = phs;
        if (p->seg1) {
            p->seg1 = 0;
            if ((p->curmod = p->mod2) != 0) p->looping = 1;
            if (ar2) {                                  /* stereo: go on in the release segment */
                if (++n < nsmps) {
                    beg = p->beg2;
                    end = p->end2;
                    goto check;
                }
            } else if (cubic) {                         /* loscil3 mono: redo frame n, drop the last */
                if (--nsmps > 0) {
                    beg = p->beg2;
                    end = p->end2;
                    goto check;
                }
            }
            /* loscil mono: the rest of this block is left as it was */
            return;
        }
        if (++n < nsmps) {
            zero(ar1, n, nsmps);
            if (ar2) zero(ar2, n, nsmps);
        }
        return;
    }
    p->lphs = phs;
}

static void loscil_k(OP *o, OP_CTX *c)  { losc_run((LOSC *)o, c, 0, 0); }
static void loscil_a(OP *o, OP_CTX *c)  { losc_run((LOSC *)o, c, 0, 1); }
static void loscil3_k(OP *o, OP_CTX *c) { losc_run((LOSC *)o, c, 1, 0); }
static void loscil3_a(OP *o, OP_CTX *c) { losc_run((LOSC *)o, c, 1, 1); }

/* the loop for xamp's rate (xamp is argument nout) */
static int loscil_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, o->nout, loscil_k, loscil_a); return 0; }
static int loscil3_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, o->nout, loscil3_k, loscil3_a); return 0; }

/* Csound's `mm` outputs as a mono and a stereo row: the compiler then refuses
 * any other number of outputs itself (`mm` would take any number of a) */
#define LOSC_ROWS(NAME, PERF, PREP)                                                             \
    { NAME, "a", "xkjojoojoo", sizeof(LOSC), losc_init, PERF, OP_ARGS_IN(1 + LOSC_NIN), PREP }, \
    { NAME, "aa", "xkjojoojoo", sizeof(LOSC), losc_init, PERF, OP_ARGS_IN(2 + LOSC_NIN), PREP }

static const OP_DESC op_sample[] = {
    LOSC_ROWS("loscil", loscil_k, loscil_prep),
    LOSC_ROWS("loscil3", loscil3_k, loscil3_prep),
    OP_END
};
OP_FAMILY(sample, "Signal Generators: Sample Playback", op_sample);
