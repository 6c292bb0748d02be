/* reverb_units.c — reverb building blocks: comb, combinv, alpass, vcomb, valpass, nestedap. */
#include "op.h"
#include "delayline.h"
#include <math.h>

/*
 * Ports of Csound 6.18: OOps/ugens6.c (comb, combinv, alpass),
 * Opcodes/ugmoss.c (vcomb, valpass by Pete Moss), Opcodes/biquad.c
 * (nestedap by Hans Mikelson).  Recirculating lines, so all in double as
 * Csound keeps them, with its order of operations and its quirks (noted
 * where they are).  istor: every ondes note is a fresh instance (delay.c).
 * Arguments are named as Csound names them; alpass's reverb time and
 * vcomb's and valpass's loop time are x inputs (one row each), whose rate
 * the opcode asks with op_isa.
 */

#define LOG001 (-6.9078)            /* ugens6.c's log(.001), to 4 places */

/* ------------------------------------------------------------------------ */
/* comb, combinv, alpass (ugens6.c cmbset/comb/invcomb/alpass): a loop of
 * ilpt seconds (insmps != 0: samples) with gain 0.001^(ilpt/krvt) so a
 * pulse decays by 60 dB in krvt seconds.  The gain is recomputed when krvt
 * changes, from ilpt as given (Csound uses the sample count as seconds
 * when insmps is set: kept).  comb: y = line; line = line g + x.
 * alpass: y = line; line = z = g y + x; out y - g z.  combinv:
 * out = (line = x) - g y.  alpass's reverb time is x-rate, read from the
 * block's first frame when audio. */
typedef struct {
    OP h;
    OP_ARG ar, asig, xrvt, ilpt, iskip, insmps;   /* xrvt: comb's and combinv's krvt */
    double *buf, coef, prvt;
    int32_t npts, pos;
} COMB;

static int comb_init(OP *o, OP_CTX *c)
{
    COMB *p = (COMB *)o;
    double ilpt = *p->ilpt.k;
    int32_t lpsiz = dl_lrint(*p->insmps.k != 0 ? ilpt : ilpt * c->sr);
    if (lpsiz <= 0) return op_initerr(c, o, "illegal loop time");
    if (!(p->buf = dl_alloc(c, o, (size_t)lpsiz, sizeof(double)))) return -1;
    p->npts = lpsiz;
    p->pos = 0;
    p->prvt = p->coef = 0.0;
    return 0;
}

/* The loop gain for the reverb time of this block; comb and combinv flush
 * a gain below 1e-16 to 0 (heh 981101), alpass does not. */
static double comb_coef(COMB *p, int guard)
{
    double krvt = op_isa(&p->h, 2) ? (double)p->xrvt.a[0] : *p->xrvt.k;
    if (p->prvt != krvt) {
        p->prvt = krvt;
        double exp_arg = LOG001 * *p->ilpt.k / p->prvt;
        p->coef = guard && exp_arg < -36.8413615 ? 0.0 : exp(exp_arg);
    }
    return p->coef;
}

/* comb and alpass: one loop, the unit's arithmetic chosen by `allpass`
 * (alpass's gain is not flushed). */
static void comb_run(OP *o, OP_CTX *c, int allpass)
{
    COMB *p = (COMB *)o;
    double coef = comb_coef(p, !allpass), *buf = p->buf;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    int32_t i = p->pos, npts = p->npts;
    for (int n = c->ofs; n < c->end; n++) {
        double y = buf[i], z;
        if (allpass) {
            buf[i] = z = coef * y + asig[n];
            ar[n] = (float)(y - coef * z);
        } else {
            buf[i] *= coef;
            buf[i] += asig[n];
            ar[n] = (float)y;
        }
        if (++i >= npts) i = 0;
    }
    p->pos = i;
    op_aclear_edges(ar, c);
}

static void comb_perf(OP *o, OP_CTX *c) { comb_run(o, c, 0); }
static void alpass_perf(OP *o, OP_CTX *c) { comb_run(o, c, 1); }

/* Csound's invcomb runs over the whole block, whatever the note's first
 * and last active frames (it ignores sample-accurate offsets): so here. */
static void combinv_perf(OP *o, OP_CTX *c)
{
    COMB *p = (COMB *)o;
    double coef = comb_coef(p, 1), *buf = p->buf;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    int32_t i = p->pos, npts = p->npts;
    for (int n = 0; n < c->ksmps; n++) {
        double out = buf[i];
        ar[n] = (float)((buf[i] = asig[n]) - coef * out);
        if (++i >= npts) i = 0;
    }
    p->pos = i;
}

/* ------------------------------------------------------------------------ */
/* vcomb, valpass (Opcodes/ugmoss.c): comb and alpass with a variable loop
 * time xlpt (a- or k-rate, at most imaxlpt), read (int)(xlpt sr) samples
 * behind the write position; gain 0.001^(xlpt/krvt), recomputed when krvt
 * or xlpt changes.  vcomb's a-rate loop reads xlpt from frame n - ofs (its
 * pointer starts at the block), valpass's from frame n: both as Csound. */
typedef struct {
    OP h;
    OP_ARG ar, asig, krvt, xlpt, imaxlpt, iskip, insmps;
    double *buf, g, rvt, lpt;
    int32_t npts, wp;
    uint32_t maxlpt;
    int smps;       /* insmps given: loop times in samples */
} VCOMB;

static int vcomb_init(OP *o, OP_CTX *c)
{
    VCOMB *p = (VCOMB *)o;
    double imaxlpt = *p->imaxlpt.k;
    p->smps = *p->insmps.k != 0;
    int32_t lpsiz = p->smps ? dl_lrint(imaxlpt) : op_int(imaxlpt * c->sr);
    if (lpsiz <= 0) return op_initerr(c, o, "illegal loop time");
    if (!(p->buf = dl_alloc(c, o, (size_t)lpsiz, sizeof(double)))) return -1;
    p->npts = lpsiz;
    p->wp = 0;
    p->rvt = p->lpt = p->g = 0.0;
    double maxlpt = p->smps ? imaxlpt : imaxlpt * c->sr;
    p->maxlpt = (uint32_t)op_int(maxlpt);
    if (p->maxlpt > (uint32_t)lpsiz) p->maxlpt = (uint32_t)lpsiz;
    return 0;
}

/* The read position for loop time lpt (this frame's), and the gain. */
static int32_t vcomb_read(VCOMB *p, double lpt, double krvt, double sr)
{
    double v = p->smps ? lpt : lpt * sr;
    /* (uint32) of Csound: a negative count wraps to a huge one, so the longest loop */
    uint32_t xlpt = v > -1.0 && v < 4294967296.0 ? (v < 0 ? 0u : (uint32_t)v) : p->maxlpt;
    if (xlpt > p->maxlpt) xlpt = p->maxlpt;
    int32_t rp = p->wp - (int32_t)xlpt;
    if (rp < 0) rp += (int32_t)p->maxlpt;
    if (p->rvt != krvt || p->lpt != lpt) {
        p->rvt = krvt;
        p->lpt = lpt;
        p->g = pow(0.001, p->lpt / p->rvt);
    }
    return rp;
}

/* vcomb and valpass: one loop, the unit's arithmetic chosen by `allpass`. */
static void vcomb_run(OP *o, OP_CTX *c, int allpass)
{
    VCOMB *p = (VCOMB *)o;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    double krvt = *p->krvt.k, *buf = p->buf;
    int alpt = op_isa(o, 3);
    int32_t rp = 0, npts = p->npts;
    if (!alpt) rp = vcomb_read(p, *p->xlpt.k, krvt, c->sr);
    for (int n = c->ofs; n < c->end; n++) {
        if (alpt) rp = vcomb_read(p, p->xlpt.a[allpass ? n : n - c->ofs], krvt, c->sr);
        double y = buf[rp++], z;
        if (allpass) {
            buf[p->wp] = z = y * p->g + asig[n];
            ar[n] = (float)(y - p->g * z);
        } else {
            ar[n] = (float)y;
            buf[p->wp] = (y * p->g) + asig[n];
        }
        if (++p->wp >= npts) p->wp = 0;
        if (rp >= npts) rp = 0;
    }
    op_aclear_edges(ar, c);
}

static void vcomb_perf(OP *o, OP_CTX *c) { vcomb_run(o, c, 0); }
static void valpass_perf(OP *o, OP_CTX *c) { vcomb_run(o, c, 1); }

/* ------------------------------------------------------------------------ */
/* nestedap (Opcodes/biquad.c, Hans Mikelson 1999): imode 1 an all-pass of
 * idel1, 2 an all-pass of idel2 nested in it, 3 a third of idel3 nested
 * after the second; one buffer of (int)(idel1 sr) samples split as Csound
 * splits it (the outer loop keeps idel1 - idel2 - idel3, the inner ones
 * their own, the first two one sample shorter than their share).  Gains
 * are i-rate.  imaxdel is not used (Csound ignores it).  Another imode:
 * Csound leaves the output as it was; silence here. */
typedef struct {
    OP h;
    OP_ARG ar, asig, imode, imaxdel, idel1, igain1, idel2, igain2, idel3, igain3, istor;
    double *buf, out1, out2, out3;
    int32_t beg[3], end[3], pos[3];
    int mode;
} NESTEDAP;

static int nestedap_init(OP *o, OP_CTX *c)
{
    NESTEDAP *p = (NESTEDAP *)o;
    double imode = *p->imode.k;
    int32_t n2 = op_int(*p->idel2.k * c->sr), n3 = op_int(*p->idel3.k * c->sr);
    int32_t n1 = op_int(*p->idel1.k * c->sr) - n2 - n3;
    if (op_int(*p->idel1.k * c->sr) <= n2 + n3) return op_initerr(c, o, "illegal delay time");
    int32_t npts = n1 + n2 + n3;
    if (!(p->buf = dl_alloc(c, o, (size_t)npts, sizeof(double)))) return -1;
    p->mode = imode == 1.0 ? 1 : imode == 2.0 ? 2 : imode == 3.0 ? 3 : 0;
    if ((p->mode >= 1 && n1 <= 0) || (p->mode >= 2 && n2 <= 0) || (p->mode == 3 && n3 <= 0))
        return op_initerr(c, o, "illegal delay time");
    if (p->mode == 1) {
        p->beg[0] = 0; p->end[0] = npts;
    } else if (p->mode == 2) {
        p->beg[0] = 0; p->beg[1] = n1;
        p->end[0] = n1 - 1; p->end[1] = npts;
    } else if (p->mode == 3) {
        p->beg[0] = 0; p->beg[1] = n1; p->beg[2] = n1 + n2;
        p->end[0] = n1 - 1; p->end[1] = n1 + n2 - 1; p->end[2] = npts;
    }
    for (int k = 0; k < 3; k++) p->pos[k] = p->beg[k];
    p->out1 = p->out2 = p->out3 = 0.0;
    return 0;
}

static void nestedap_perf(OP *o, OP_CTX *c)
{
    NESTEDAP *p = (NESTEDAP *)o;
    float *outp = p->ar.a;
    const float *inp = p->asig.a;
    double *b = p->buf;
    double g1 = *p->igain1.k, g2 = *p->igain2.k, g3 = *p->igain3.k;
    int32_t *d = p->pos;
    for (int n = c->ofs; n < c->end; n++) {
        double in1 = inp[n];
        if (p->mode == 1) {
            p->out1 = b[d[0]] - g1 * in1;
            b[d[0]] = in1 + g1 * p->out1;
        } else if (p->mode == 2) {
            p->out2 = b[d[1]] - g2 * b[d[0]];
            p->out1 = p->out2 - g1 * in1;
            b[d[0]] = in1 + g1 * p->out1;
            b[d[1]] = b[d[0]] + g2 * p->out2;
        } else if (p->mode == 3) {
            p->out2 = b[d[1]] - g2 * b[d[0]];
            p->out3 = b[d[2]] - g3 * p->out2;
            p->out1 = p->out3 - g1 * in1;
            b[d[0]] = in1 + g1 * p->out1;
            b[d[1]] = b[d[0]] + g2 * p->out2;
            b[d[2]] = p->out2 + g3 * p->out3;
        } else {
            outp[n] = 0.0f;
            continue;
        }
        for (int k = 0; k < p->mode; k++)
            if (++d[k] >= p->end[k]) d[k] = p->beg[k];
        outp[n] = (float)p->out1;
    }
    op_aclear_edges(outp, c);
}

static const OP_DESC op_reverb_units[] = {
    { "comb", "a", "akioo", sizeof(COMB), comb_init, comb_perf, OP_ARGS_IN(6) },
    { "combinv", "a", "akioo", sizeof(COMB), comb_init, combinv_perf, OP_ARGS_IN(6) },
    { "alpass", "a", "axioo", sizeof(COMB), comb_init, alpass_perf, OP_ARGS_IN(6) },
    { "vcomb", "a", "akxioo", sizeof(VCOMB), vcomb_init, vcomb_perf, OP_ARGS_IN(7) },
    { "valpass", "a", "akxioo", sizeof(VCOMB), vcomb_init, valpass_perf, OP_ARGS_IN(7) },
    { "nestedap", "a", "aiiiiooooo", sizeof(NESTEDAP), nestedap_init, nestedap_perf, OP_ARGS_IN(11) },
    OP_END
};
OP_FAMILY(reverb_units, "Signal Modifiers: Reverberation", op_reverb_units);
