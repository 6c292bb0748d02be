/* io.c — audio input and output, panning: in, ins, inch, out, outs, outch, pan2. */
#include "op.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/*
 * The output opcodes add a voice's signal into the engine's bus over the
 * voice's active frames only (sample-accurate starts and ends).  They are also
 * where a voice's NaN or infinity is caught: one sum per block (cheap,
 * vectorisable) tells whether any sample is not finite, and such a voice is
 * silenced and freed instead of reaching the speakers.
 */

/* The variadic ones (out, outch, inch) name their arguments as an array as
 * long as the compiler allows a call to be (OP_ARGS_IN must cover the
 * longest call). */
#define MAX_IN OP_MAXIN     /* inputs of one call */
#define MAX_OUT OP_MAXOUT   /* outputs of one call */

/* Whether any of x[ofs..end) is NaN or infinity: exponent bits all ones.
 * An integer OR-reduction, so it vectorises (a float sum would not without
 * -ffast-math, and a serial sum cost more than the mixing itself). */
static int nonfinite(const float *x, int ofs, int end)
{
    uint32_t bad = 0;
    for (int i = ofs; i < end; i++) {
        uint32_t u;
        memcpy(&u, &x[i], sizeof u);
        bad |= (uint32_t)((u & 0x7f800000u) == 0x7f800000u);
    }
    return bad != 0;
}

/* Add sig[ofs..end) into channel `chan` (0-based); a channel the engine lacks is ignored, as in Csound. */
static void bus_add(OP *o, OP_CTX *c, int chan, const float *sig)
{
    float *bus = op_outbus(c, chan);
    if (!bus) return;
    if (nonfinite(sig, c->ofs, c->end)) {
        op_badvalue(c, o);
        return;
    }
    for (int i = c->ofs; i < c->end; i++) bus[i] += sig[i];
}

/* out asig1 [, asig2 …]: one signal per channel from the first */
typedef struct { OP h; OP_ARG asig[MAX_IN]; } OUT;

static void out_perf(OP *o, OP_CTX *c)
{
    OUT *p = (OUT *)o;
    for (int k = 0; k < o->nin; k++) bus_add(o, c, k, p->asig[k].a);
}

/* outs asig1, asig2; outs1 asig */
typedef struct { OP h; OP_ARG asig1, asig2; } OUTS;

static void outs_perf(OP *o, OP_CTX *c)
{
    OUTS *p = (OUTS *)o;
    bus_add(o, c, 0, p->asig1.a);
    bus_add(o, c, 1, p->asig2.a);
}
static void outs1_perf(OP *o, OP_CTX *c) { bus_add(o, c, 0, ((OUTS *)o)->asig1.a); }

/* outch kchan1, asig1 [, kchan2, asig2 …] (channels from 1) */
typedef struct { OP h; OP_ARG args[MAX_IN]; } OUTCH;

static void outch_perf(OP *o, OP_CTX *c)
{
    OUTCH *p = (OUTCH *)o;
    for (int k = 0; k + 1 < o->nin; k += 2) {
        int ch = op_int(*p->args[k].k) - 1;
        bus_add(o, c, ch, p->args[k + 1].a);
    }
}

static int outch_init(OP *o, OP_CTX *c)
{
    if (o->nin % 2) return op_initerr(c, o, "channel and signal arguments must come in pairs");
    return 0;
}

/*
 * pan2 asig, xpan [, imode]: Csound's pan2 (Gogins/ffitch).
 * mode 0 equal power: L = cos(p·π/2), R = sin(p·π/2); 1 square root:
 * L = √(1−p), R = √p; 2 linear: L = 1−p, R = p; 3 Csound's "alternative
 * equal power": with c = cos(p·π/2), s = sin(p·π/2), L = √2(c + s)/2 and
 * R = √2(c − s)/2 (checked against csound 6.18, tests/diff/pan2.csd).
 */
typedef struct {
    OP h;
    OP_ARG a1, a2, asig, xp, imode;
    double last_pan;        /* gains below are for this position (NaN: none yet) */
    float gl, gr;
} PAN2;

static void pan_gains(int mode, double p, double *l, double *r)
{
    switch (mode) {
    case 1: *l = sqrt(1.0 - p); *r = sqrt(p); break;
    case 2: *l = 1.0 - p; *r = p; break;
    case 3: {
        double cc = cos(M_PI * p * 0.5), ss = sin(M_PI * p * 0.5);
        *l = M_SQRT2 * (cc + ss) * 0.5;
        *r = M_SQRT2 * (cc - ss) * 0.5;
        break;
    }
    default: *l = cos(p * M_PI * 0.5); *r = sin(p * M_PI * 0.5); break;
    }
}

static int pan2_init(OP *o, OP_CTX *c)
{
    PAN2 *p = (PAN2 *)o;
    int mode = op_int(*p->imode.k);
    if (mode < 0 || mode > 3) return op_initerr(c, o, "mode %d: must be 0, 1, 2 or 3", mode);
    p->last_pan = NAN;
    return 0;
}

static void pan2_k(OP *o, OP_CTX *c)
{
    PAN2 *p = (PAN2 *)o;
    float *al = p->a1.a, *ar = p->a2.a;
    const float *in = p->asig.a;
    double pan = *p->xp.k;
    if (pan != p->last_pan) {   /* sin/cos only when the position moves */
        double l, r;
        pan_gains(op_int(*p->imode.k), pan, &l, &r);
        p->gl = (float)l;
        p->gr = (float)r;
        p->last_pan = pan;
    }
    const float fl = p->gl, fr = p->gr;
    for (int i = c->ofs; i < c->end; i++) {
        al[i] = in[i] * fl;
        ar[i] = in[i] * fr;
    }
    op_aclear_edges(al, c);
    op_aclear_edges(ar, c);
}

static void pan2_a(OP *o, OP_CTX *c)
{
    PAN2 *p = (PAN2 *)o;
    float *al = p->a1.a, *ar = p->a2.a;
    const float *in = p->asig.a, *pan = p->xp.a;
    int mode = op_int(*p->imode.k);
    for (int i = c->ofs; i < c->end; i++) {
        double l, r;
        pan_gains(mode, pan[i], &l, &r);
        al[i] = (float)(in[i] * l);
        ar[i] = (float)(in[i] * r);
    }
    op_aclear_edges(al, c);
    op_aclear_edges(ar, c);
}

/* in, ins, inch: the input bus (JACK's in_1..N when nchnls_i > 0; silence
 * offline), over the note's active frames. */
static void in_copy(OP_CTX *c, float *out, int chan)
{
    const float *bus = op_inbus(c, chan);
    for (int i = c->ofs; i < c->end; i++) out[i] = bus ? bus[i] : 0.0f;
    op_aclear_edges(out, c);
}

/* ar1 in; ar1, ar2 ins */
typedef struct { OP h; OP_ARG ar1, ar2; } INS;

static void in_perf(OP *o, OP_CTX *c) { in_copy(c, ((INS *)o)->ar1.a, 0); }
static void ins_perf(OP *o, OP_CTX *c)
{
    INS *p = (INS *)o;
    in_copy(c, p->ar1.a, 0);
    in_copy(c, p->ar2.a, 1);
}

/* ain1 [, ain2 …] inch kchan1 [, kchan2 …]: one output per channel asked for
 * (channels from 1); the channel numbers follow the outputs */
typedef struct { OP h; OP_ARG args[MAX_OUT + MAX_IN]; } INCH;

static void inch_perf(OP *o, OP_CTX *c)
{
    INCH *p = (INCH *)o;
    const OP_ARG *kchan = p->args + o->nout;
    for (int k = 0; k < o->nout && k < o->nin; k++) in_copy(c, p->args[k].a, op_int(*kchan[k].k) - 1);
}

static int pan2_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 3, pan2_k, pan2_a); return 0; }

static const OP_DESC op_io[] = {
    { "in", "a", "", sizeof(INS), NULL, in_perf, OP_ARGS_IN(1) },
    { "ins", "aa", "", sizeof(INS), NULL, ins_perf, OP_ARGS_IN(2) },
    { "inch", "m", "z", sizeof(INCH), NULL, inch_perf, OP_ARGS_IN(MAX_OUT + MAX_IN) },
    { "out", "", "y", sizeof(OUT), NULL, out_perf, OP_ARGS_IN(MAX_IN) },
    { "outs", "", "aa", sizeof(OUTS), NULL, outs_perf, OP_ARGS_IN(2) },
    { "outs1", "", "a", sizeof(OUTS), NULL, outs1_perf, OP_ARGS_IN(1) },
    { "outch", "", "Z", sizeof(OUTCH), outch_init, outch_perf, OP_ARGS_IN(MAX_IN) },
    { "pan2", "aa", "axo", sizeof(PAN2), pan2_init, pan2_k, OP_ARGS_IN(5), pan2_prep },
    OP_END
};
OP_FAMILY(io, "Signal Input and Output; Signal Modifiers: Panning and Spatialization", op_io);
