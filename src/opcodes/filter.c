/* filter.c — filters: tone, atone, reson, the Butterworth family, moogladder, moogvcf. */
#include "op.h"
#include <math.h>
#include <string.h>

/*
 * Every filter here is a port of the Csound 6 code named in its comment,
 * kept step for step: the same coefficient formulas, the same tests that
 * decide when coefficients are recomputed (Csound compares the new cutoff
 * with the previous one exactly, so a coefficient is rebuilt only when the
 * control value changes), the same order of floating-point operations, and
 * all state in double as Csound keeps it.  Audio inputs are float here (Csound's
 * are double), which is the only source of difference: about -140 dB.
 *
 * One descriptor serves every rate combination (Csound's x inputs): a prep
 * picks the loop written for the rates given where the loops differ, and the
 * others ask op_isa at init which inputs are audio (Csound's IS_ASIG_ARG).
 */

#define TWOPI 6.28318530717958647692528676655900576
#define PI    3.14159265358979323846264338327950288
#define ROOT2 1.4142135623730950488

/* a scalar-or-audio input: the value for frame n */
#define XIN(arg, isa, n) ((isa) ? (double)(arg).a[n] : *(arg).k)

/* ------------------------------------------------------------------------ */
/* tone, atone (OOps/ugens5.c tonset/tone/atone, Opcodes/afilters.c tonea/atonea)
 *
 * First-order recursive low-pass  y = c1 x + c2 y[-1]  with
 * b = 2 - cos(2 pi hp / sr), c2 = b - sqrt(b^2 - 1), c1 = 1 - c2;
 * atone is its complement  y = c2 (y[-1] + x - x[-1]).  Coefficients are
 * recomputed only when khp differs from the previous value; istor != 0 keeps
 * the previous note's memory (a fresh instance starts at 0 either way).
 *
 * Csound 6.18 registers atone's audio-rate-cutoff variant with the signature
 * "ako" (a typo in afilters.c), so `atone asig, acf` does not compile there and
 * a k-rate cutoff still runs the k-rate code: only the k-rate form exists here.
 */
typedef struct {
    OP h;
    OP_ARG ar, asig, khp, istor;
    double c1, c2, yt1, prvhp;
} TONE;

static void tone_coefs(TONE *p, double hp, OP_CTX *c)
{
    double b = 2.0 - cos(hp * (TWOPI / c->sr));
    p->c2 = b - sqrt(b * b - 1.0);
    p->c1 = 1.0 - p->c2;
}

static int tone_init(OP *o, OP_CTX *c)
{
    TONE *p = (TONE *)o;
    p->prvhp = XIN(p->khp, op_isa(o, 2), 0);
    tone_coefs(p, p->prvhp, c);
    if (*p->istor.k == 0) p->yt1 = 0.0;
    return 0;
}

static void tone_k(OP *o, OP_CTX *c)
{
    TONE *p = (TONE *)o;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    double khp = *p->khp.k;
    if (khp != p->prvhp) {
        p->prvhp = khp;
        tone_coefs(p, khp, c);
    }
    double c1 = p->c1, c2 = p->c2, yt1 = p->yt1;
    for (int n = c->ofs; n < c->end; n++) {
        yt1 = c1 * (double)asig[n] + c2 * yt1;
        ar[n] = (float)yt1;
    }
    p->yt1 = yt1;
    op_aclear_edges(ar, c);
}

static void tone_a(OP *o, OP_CTX *c)
{
    TONE *p = (TONE *)o;
    float *ar = p->ar.a;
    const float *asig = p->asig.a, *ahp = p->khp.a;
    double yt1 = p->yt1;
    for (int n = c->ofs; n < c->end; n++) {
        if ((double)ahp[n] != p->prvhp) {
            p->prvhp = ahp[n];
            tone_coefs(p, p->prvhp, c);
        }
        yt1 = p->c1 * (double)asig[n] + p->c2 * yt1;
        ar[n] = (float)yt1;
    }
    p->yt1 = yt1;
    op_aclear_edges(ar, c);
}

static void atone_k(OP *o, OP_CTX *c)
{
    TONE *p = (TONE *)o;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    double khp = *p->khp.k;
    if (khp != p->prvhp) {
        p->prvhp = khp;
        tone_coefs(p, khp, c);
    }
    double c2 = p->c2, yt1 = p->yt1;
    for (int n = c->ofs; n < c->end; n++) {
        double sig = (double)asig[n];
        double x = yt1 = c2 * (yt1 + sig);
        ar[n] = (float)x;
        yt1 -= sig;                     /* yt1 holds y[-1] - x[-1] */
    }
    p->yt1 = yt1;
    op_aclear_edges(ar, c);
}

/* ------------------------------------------------------------------------ */
/* reson (OOps/ugens5.c rsnset/reson, Csound 6.18: cf and bw a- or k-rate)
 *
 * Second-order resonator  y = c1 x + c2 y[-1] - c3 y[-2]  with
 * c3 = exp(-2 pi bw / sr), c2 = 4 c3 cos(2 pi cf / sr) / (1 + c3), and the gain
 * c1 by iscl: 0 none (1), 1 peak response 1: (1 - c3) sqrt(1 - c2^2 / 4c3),
 * 2 RMS response 1: sqrt(((1 + c3)^2 - c2^2)(1 - c3) / (1 + c3)).
 * Checked per frame: cos is recomputed when cf changes, exp when bw changes.
 */
typedef struct {
    OP h;
    OP_ARG ar, asig, xcf, xbw, iscl, iskip;
    int scale, acf, abw;
    double c1, c2, c3, yt1, yt2, cosf, prvcf, prvbw;
} RESON;

static int reson_init(OP *o, OP_CTX *c)
{
    RESON *p = (RESON *)o;
    double iscl = *p->iscl.k;
    int scale = op_int(iscl);
    if (scale && scale != 1 && scale != 2)
        return op_initerr(c, o, "illegal reson iscl value, %f", iscl);
    p->scale = scale;
    p->prvcf = p->prvbw = -100.0;
    if (*p->iskip.k == 0) p->yt1 = p->yt2 = 0.0;
    p->acf = op_isa(o, 2);
    p->abw = op_isa(o, 3);
    return 0;
}

static void reson_perf(OP *o, OP_CTX *c)
{
    RESON *p = (RESON *)o;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    double tpidsr = TWOPI / c->sr;
    double c1 = p->c1, c2 = p->c2, c3 = p->c3, yt1 = p->yt1, yt2 = p->yt2;
    for (int n = c->ofs; n < c->end; n++) {
        double cf = XIN(p->xcf, p->acf, n), bw = XIN(p->xbw, p->abw, n);
        int flag = 0;
        if (cf != p->prvcf) {
            p->prvcf = cf;
            p->cosf = cos(cf * tpidsr);
            flag = 1;
        }
        if (bw != p->prvbw) {
            p->prvbw = bw;
            c3 = p->c3 = exp(bw * -tpidsr);
            flag = 1;
        }
        if (flag) {
            double c3p1 = c3 + 1.0, c3t4 = c3 * 4.0, omc3 = 1.0 - c3;
            c2 = p->c2 = c3t4 * p->cosf / c3p1;
            double c2sqr = c2 * c2;
            if (p->scale == 1) c1 = omc3 * sqrt(1.0 - c2sqr / c3t4);
            else if (p->scale == 2) c1 = sqrt((c3p1 * c3p1 - c2sqr) * omc3 / c3p1);
            else c1 = 1.0;
            p->c1 = c1;
        }
        double yt0 = c1 * (double)asig[n] + c2 * yt1 - c3 * yt2;
        ar[n] = (float)yt0;
        yt2 = yt1;
        yt1 = yt0;
    }
    p->yt1 = yt1;
    p->yt2 = yt2;
    op_aclear_edges(ar, c);
}

/* ------------------------------------------------------------------------ */
/* butterlp, butterhp, butterbp, butterbr (Opcodes/butter.c by Paris Smaragdis,
 * and the audio-rate forms of Opcodes/afilters.c)
 *
 * Second-order Butterworth sections by the bilinear transform, run in direct
 * form II:  t = x - a4 s1 - a5 s2;  y = a1 t + a2 s1 + a3 s2.
 *   low-pass   C = 1/tan(pi fc/sr): a1 = 1/(1 + √2 C + C²), a2 = 2 a1, a3 = a1,
 *              a4 = 2(1 - C²) a1, a5 = (1 - √2 C + C²) a1
 *   high-pass  C = tan(pi fc/sr):  a2 = -2 a1, a4 = 2(C² - 1) a1, same a1, a3, a5
 *   band-pass  C = 1/tan(pi bw/sr), D = 2 cos(2 pi fc/sr): a1 = 1/(1 + C),
 *              a2 = 0, a3 = -a1, a4 = -C D a1, a5 = (C - 1) a1
 *   band-stop  C = tan(pi bw/sr): a1 = 1/(1 + C), a2 = a4 = -D a1, a3 = a1,
 *              a5 = (1 - C) a1
 * Coefficients are rebuilt when the cutoff (or centre/bandwidth) changes.
 * Csound's guards are kept as they are: a cutoff <= 0 makes the low-pass (and
 * a bandwidth <= 0 the band-pass) output silence for the block and the
 * high-pass (band-stop) pass its input through, the filter memory untouched;
 * with audio-rate control the test reads frame 0 of the block.
 */
typedef struct {
    OP h;
    OP_ARG ar, asig, xfco, x2;  /* x2: istor (low/high-pass) or xbw (band filters) */
    OP_ARG istor2;              /* band filters' istor */
    int afo, abw;
    double lkf, lkb;
    double a[8];
} BFIL;

static int butter_init(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    int two = o->nin == 4;      /* band filters: asig, xfo, xbw, istor */
    if (*(two ? p->istor2 : p->x2).k == 0) {
        p->a[6] = p->a[7] = 0.0;
        p->lkf = p->lkb = 0.0;
    }
    p->afo = op_isa(o, 2);
    p->abw = two && op_isa(o, 3);
    return 0;
}

static void butter_lp_coefs(double *a, double fc, OP_CTX *c)
{
    double C = 1.0 / tan((PI / c->sr) * fc);
    a[1] = 1.0 / (1.0 + ROOT2 * C + C * C);
    a[2] = a[1] + a[1];
    a[3] = a[1];
    a[4] = 2.0 * (1.0 - C * C) * a[1];
    a[5] = (1.0 - ROOT2 * C + C * C) * a[1];
}

static void butter_hp_coefs(double *a, double fc, OP_CTX *c)
{
    double C = tan((PI / c->sr) * fc);
    a[1] = 1.0 / (1.0 + ROOT2 * C + C * C);
    a[2] = -(a[1] + a[1]);
    a[3] = a[1];
    a[4] = 2.0 * (C * C - 1.0) * a[1];
    a[5] = (1.0 - ROOT2 * C + C * C) * a[1];
}

static inline float butter_tick(double *a, double x)
{
    double t = x - a[4] * a[6] - a[5] * a[7];
    double y = t * a[1] + a[2] * a[6] + a[3] * a[7];
    a[7] = a[6];
    a[6] = t;
    return (float)y;
}

static void butter_run(BFIL *p, const float *in, float *out, const OP_CTX *c)
{
    for (int n = c->ofs; n < c->end; n++) out[n] = butter_tick(p->a, in[n]);
}

static void pass_through(const float *in, float *out, const OP_CTX *c)
{
    for (int n = c->ofs; n < c->end; n++) out[n] = in[n];
    op_aclear_edges(out, c);
}

static void butterlp_k(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    float *out = p->ar.a;
    double fc = *p->xfco.k;
    if (fc <= 0.0) { memset(out, 0, sizeof(float) * (size_t)c->ksmps); return; }
    if (fc != p->lkf) { p->lkf = fc; butter_lp_coefs(p->a, fc, c); }
    butter_run(p, p->asig.a, out, c);
    op_aclear_edges(out, c);
}

static void butterhp_k(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    float *out = p->ar.a;
    double fc = *p->xfco.k;
    if (fc <= 0.0) { pass_through(p->asig.a, out, c); return; }
    if (fc != p->lkf) { p->lkf = fc; butter_hp_coefs(p->a, fc, c); }
    butter_run(p, p->asig.a, out, c);
    op_aclear_edges(out, c);
}

static void butterlp_a(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a, *afc = p->xfco.a;
    if (afc[0] <= 0.0f) { memset(out, 0, sizeof(float) * (size_t)c->ksmps); return; }
    for (int n = c->ofs; n < c->end; n++) {
        if ((double)afc[n] != p->lkf) { p->lkf = afc[n]; butter_lp_coefs(p->a, p->lkf, c); }
        out[n] = butter_tick(p->a, in[n]);
    }
    op_aclear_edges(out, c);
}

static void butterhp_a(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a, *afc = p->xfco.a;
    if (afc[0] <= 0.0f) { pass_through(in, out, c); return; }
    for (int n = c->ofs; n < c->end; n++) {
        if ((double)afc[n] != p->lkf) { p->lkf = afc[n]; butter_hp_coefs(p->a, p->lkf, c); }
        out[n] = butter_tick(p->a, in[n]);
    }
    op_aclear_edges(out, c);
}

static void butterbp_perf(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a;
    double *a = p->a;
    if (XIN(p->x2, p->abw, 0) <= 0.0) { memset(out, 0, sizeof(float) * (size_t)c->ksmps); return; }
    for (int n = c->ofs; n < c->end; n++) {
        double fr = XIN(p->xfco, p->afo, n), bw = XIN(p->x2, p->abw, n);
        if (bw != p->lkb || fr != p->lkf) {
            p->lkf = fr;
            p->lkb = bw;
            double C = 1.0 / tan((PI / c->sr) * bw);
            double D = 2.0 * cos((TWOPI / c->sr) * fr);
            a[1] = 1.0 / (1.0 + C);
            a[2] = 0.0;
            a[3] = -a[1];
            a[4] = -C * D * a[1];
            a[5] = (C - 1.0) * a[1];
        }
        out[n] = butter_tick(a, in[n]);
    }
    op_aclear_edges(out, c);
}

static void butterbr_perf(OP *o, OP_CTX *c)
{
    BFIL *p = (BFIL *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a;
    double *a = p->a;
    if (XIN(p->x2, p->abw, 0) <= 0.0) { pass_through(in, out, c); return; }
    for (int n = c->ofs; n < c->end; n++) {
        double fr = XIN(p->xfco, p->afo, n), bw = XIN(p->x2, p->abw, n);
        if (bw != p->lkb || fr != p->lkf) {
            p->lkf = fr;
            p->lkb = bw;
            double C = tan((PI / c->sr) * bw);
            double D = 2.0 * cos((TWOPI / c->sr) * fr);
            a[1] = 1.0 / (1.0 + C);
            a[2] = -D * a[1];
            a[3] = a[1];
            a[4] = a[2];
            a[5] = (1.0 - C) * a[1];
        }
        out[n] = butter_tick(a, in[n]);
    }
    op_aclear_edges(out, c);
}

/* ------------------------------------------------------------------------ */
/* moogladder (Opcodes/newfils.c, Victor Lazzarini after Antti Huovilainen's
 * non-linear digital Moog ladder, DAFx 2004)
 *
 * Four one-pole stages with tanh saturation, run twice per sample (2x
 * oversampling without resampling filters), resonance fed back from the
 * output through a half-sample averaging delay.  The thermal-voltage scale
 * vt = 1 / (1.22070315 · 0dbfs) (1/40000 for 0dbfs = 32768).  The cutoff is
 * tuned with Huovilainen's polynomial corrections:
 *   fc = f / sr, fcr = 1.8730 fc³ + 0.4955 fc² - 0.6490 fc + 0.9988,
 *   acr = -3.9364 fc² + 1.8409 fc + 0.9968,
 *   tune = (1 - exp(-2 pi (fc/2) fcr)) / vt,  feedback = 4 res acr.
 * The four rate variants keep Csound's own bookkeeping of when the
 * coefficients are recomputed (each variant does it a little differently,
 * and those differences are audible only through rounding, but kept).
 */
typedef struct {
    OP h;
    OP_ARG ar, asig, xcf, xres, istor;
    double delay[6], tanhstg[3];
    double oldfreq, oldres, oldacr, oldtune;
} MOOGLADDER;

static int moogladder_init(OP *o, OP_CTX *c)
{
    MOOGLADDER *p = (MOOGLADDER *)o;
    if (*p->istor.k == 0) {
        memset(p->delay, 0, sizeof p->delay);
        memset(p->tanhstg, 0, sizeof p->tanhstg);
        p->oldfreq = 0.0;
        p->oldres = -1.0;       /* forces the computation on the first cycle */
    }
    return 0;
}

static void moog_tuning(double freq, OP_CTX *c, double vt, double *acr, double *tune)
{
    double fc = freq / c->sr;
    double f = 0.5 * fc;
    double fc2 = fc * fc, fc3 = fc2 * fc;
    double fcr = 1.8730 * fc3 + 0.4955 * fc2 - 0.6490 * fc + 0.9988;
    *acr = -3.9364 * fc2 + 1.8409 * fc + 0.9968;
    *tune = (1.0 - exp(-(TWOPI * f * fcr))) / vt;
}

/* one input sample through the ladder, twice (oversampled) */
static inline float moog_tick(MOOGLADDER *p, double in, double res4, double tune, double vt)
{
    double *delay = p->delay, *tanhstg = p->tanhstg;
    double stg[4], input;
    for (int j = 0; j < 2; j++) {
        input = in - res4 * delay[5];
        delay[0] = stg[0] = delay[0] + tune * (tanh(input * vt) - tanhstg[0]);
        input = stg[0];
        stg[1] = delay[1] + tune * ((tanhstg[0] = tanh(input * vt)) - tanhstg[1]);
        input = delay[1] = stg[1];
        stg[2] = delay[2] + tune * ((tanhstg[1] = tanh(input * vt)) - tanhstg[2]);
        input = delay[2] = stg[2];
        stg[3] = delay[3] + tune * ((tanhstg[2] = tanh(input * vt)) - tanh(delay[3] * vt));
        delay[3] = stg[3];
        delay[5] = (stg[3] + delay[4]) * 0.5;   /* half-sample delay for phase compensation */
        delay[4] = stg[3];
    }
    return (float)delay[5];
}

/* block start, shared by the variants: recompute if freq or res changed */
static double moog_block_start(MOOGLADDER *p, double freq, double res, OP_CTX *c, double vt,
                               double *acr, double *tune)
{
    if (p->oldfreq != freq || p->oldres != res) {
        p->oldfreq = freq;
        moog_tuning(freq, c, vt, acr, tune);
        p->oldres = res;
        p->oldacr = *acr;
        p->oldtune = *tune;
    } else {
        res = p->oldres;
        *acr = p->oldacr;
        *tune = p->oldtune;
    }
    return 4.0 * res * *acr;
}

static void moogladder_kk(OP *o, OP_CTX *c)
{
    MOOGLADDER *p = (MOOGLADDER *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a;
    double vt = 1.0 / (1.22070315 * c->dbfs);
    double res = *p->xres.k, acr, tune;
    if (res < 0) res = 0;
    double res4 = moog_block_start(p, *p->xcf.k, res, c, vt, &acr, &tune);
    for (int i = c->ofs; i < c->end; i++) out[i] = moog_tick(p, in[i], res4, tune, vt);
    op_aclear_edges(out, c);
}

static void moogladder_aa(OP *o, OP_CTX *c)
{
    MOOGLADDER *p = (MOOGLADDER *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a, *freq = p->xcf.a, *res = p->xres.a;
    double vt = 1.0 / (1.22070315 * c->dbfs);
    double cres = res[0], acr, tune;    /* frame 0, not clamped: as Csound */
    double res4 = moog_block_start(p, freq[0], cres, c, vt, &acr, &tune);
    cres = p->oldres;
    for (int i = c->ofs; i < c->end; i++) {
        if (p->oldfreq != (double)freq[i] || p->oldres != (double)res[i]) {
            p->oldfreq = freq[i];
            moog_tuning(freq[i], c, vt, &acr, &tune);
            p->oldres = cres;           /* Csound stores the block's first res here */
            p->oldacr = acr;
            p->oldtune = tune;
            res4 = 4.0 * (double)res[i] * acr;
        }
        out[i] = moog_tick(p, in[i], res4, tune, vt);
    }
    op_aclear_edges(out, c);
}

static void moogladder_ak(OP *o, OP_CTX *c)
{
    MOOGLADDER *p = (MOOGLADDER *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a, *freq = p->xcf.a;
    double vt = 1.0 / (1.22070315 * c->dbfs);
    double res = *p->xres.k, acr, tune;
    if (res < 0) res = 0;
    double res4 = moog_block_start(p, freq[0], res, c, vt, &acr, &tune);
    res = p->oldres;
    for (int i = c->ofs; i < c->end; i++) {
        if (p->oldfreq != (double)freq[i]) {
            p->oldfreq = freq[i];
            moog_tuning(freq[i], c, vt, &acr, &tune);
            p->oldacr = acr;
            p->oldtune = tune;
            res4 = 4.0 * res * acr;
        }
        out[i] = moog_tick(p, in[i], res4, tune, vt);
    }
    op_aclear_edges(out, c);
}

static void moogladder_ka(OP *o, OP_CTX *c)
{
    MOOGLADDER *p = (MOOGLADDER *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a, *res = p->xres.a;
    double vt = 1.0 / (1.22070315 * c->dbfs);
    double freq = *p->xcf.k, cres = res[0], acr, tune;
    if (cres < 0) cres = 0;
    double res4 = moog_block_start(p, freq, cres, c, vt, &acr, &tune);
    cres = p->oldres;
    for (int i = c->ofs; i < c->end; i++) {
        if (cres != (double)res[i]) {
            moog_tuning(freq, c, vt, &acr, &tune);
            p->oldres = cres = res[i];
            p->oldacr = acr;
            p->oldtune = tune;
            res4 = 4.0 * cres * acr;
        }
        out[i] = moog_tick(p, in[i], res4, tune, vt);
    }
    op_aclear_edges(out, c);
}

/* ------------------------------------------------------------------------ */
/* moogvcf, moogvcf2 (Opcodes/biquad.c: Stilson & Smith's Moog VCF, via Josep
 * Comajuncosas and Hans Mikelson)
 *
 * Four bilinear one-pole stages  y = (x + x[-1]) (kp + 1)/2 - kp y[-1]  with
 * the empirical tuning  fcon = 2 fco / sr, kp = 3.6 fcon - 1.6 fcon² - 1,
 * resonance k = res · exp((1 - (kp + 1)/2) · 1.386249) fed back inverted
 * from the last stage, which is soft-clipped by y - y³/6.  The input is
 * divided by iscale (0: 0dbfs) and by 0dbfs again, the output multiplied back
 * (Csound 6.18 does both).  moogvcf2 is the same opcode with iscale defaulting
 * to 0 instead of 1.
 */
typedef struct {
    OP h;
    OP_ARG ar, asig, xfco, xres, iscale, iskip;
    int afco, ares;
    double maxint;
    double xnm1, y1nm1, y2nm1, y3nm1, y1n, y2n, y3n, y4n;
} MOOGVCF;

static int moogvcf_init(OP *o, OP_CTX *c)
{
    MOOGVCF *p = (MOOGVCF *)o;
    if (*p->iskip.k == 0) {
        p->xnm1 = p->y1nm1 = p->y2nm1 = p->y3nm1 = 0.0;
        p->y1n = p->y2n = p->y3n = p->y4n = 0.0;
    }
    p->afco = op_isa(o, 2);
    p->ares = op_isa(o, 3);
    if ((p->maxint = *p->iscale.k) == 0) p->maxint = c->dbfs;
    return 0;
}


static void moogvcf_coefs(double fco, double res, const OP_CTX *c, double *kp, double *pp1d2, double *k)
{
    double fcon = 2.0 * fco * c->onedsr;            /* normalised: 0 to Nyquist */
    *kp = 3.6 * fcon - 1.6 * fcon * fcon - 1.0;     /* empirical tuning */
    *pp1d2 = (*kp + 1.0) * 0.5;
    double scale = exp((1.0 - *pp1d2) * 1.386249);
    *k = res * scale;
}

static void moogvcf_perf(OP *o, OP_CTX *c)
{
    MOOGVCF *p = (MOOGVCF *)o;
    float *out = p->ar.a;
    const float *in = p->asig.a;
    double max = p->maxint, dmax = 1.0 / max, zerodb = c->dbfs;
    double xnm1 = p->xnm1, y1nm1 = p->y1nm1, y2nm1 = p->y2nm1, y3nm1 = p->y3nm1;
    double y1n = p->y1n, y2n = p->y2n, y3n = p->y3n, y4n = p->y4n;
    double fco = XIN(p->xfco, p->afco, 0), res = XIN(p->xres, p->ares, 0);
    double kp = 0, pp1d2 = 0, k = 0;
    int arate = p->afco || p->ares;
    if (!arate) moogvcf_coefs(fco, res, c, &kp, &pp1d2, &k);   /* once per block */
    for (int n = c->ofs; n < c->end; n++) {
        if (arate) {
            if (p->afco) fco = p->xfco.a[n];
            if (p->ares) res = p->xres.a[n];
            moogvcf_coefs(fco, res, c, &kp, &pp1d2, &k);
        }
        double xn = (double)in[n] * dmax / zerodb;
        xn = xn - k * y4n;              /* inverted feedback for corner peaking */
        y1n = (xn + xnm1) * pp1d2 - kp * y1n;
        y2n = (y1n + y1nm1) * pp1d2 - kp * y2n;
        y3n = (y2n + y2nm1) * pp1d2 - kp * y3n;
        y4n = (y3n + y3nm1) * pp1d2 - kp * y4n;
        y4n = y4n - y4n * y4n * y4n / 6.0;     /* band-limited sigmoid clipper */
        xnm1 = xn;
        y1nm1 = y1n;
        y2nm1 = y2n;
        y3nm1 = y3n;
        out[n] = (float)(y4n * max * zerodb);
    }
    p->xnm1 = xnm1; p->y1nm1 = y1nm1; p->y2nm1 = y2nm1; p->y3nm1 = y3nm1;
    p->y1n = y1n; p->y2n = y2n; p->y3n = y3n; p->y4n = y4n;
    op_aclear_edges(out, c);
}

/* the loop for the rates given (the others read op_isa at init) */
static int tone_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 2, tone_k, tone_a); return 0; }
static int butterlp_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 2, butterlp_k, butterlp_a); return 0; }
static int butterhp_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 2, butterhp_k, butterhp_a); return 0; }
static int moogladder_prep(OP *o, OP_PREP *p)
{
    p->perf = op_pick2(o, 2, 3, moogladder_kk, moogladder_ka, moogladder_ak, moogladder_aa);
    return 0;
}

#define BFIL_ROW(NAME, IN, PERF, PREP) { NAME, "a", IN, sizeof(BFIL), butter_init, PERF, OP_ARGS_IN(5), PREP }

static const OP_DESC op_filter[] = {
    { "tone", "a", "axo", sizeof(TONE), tone_init, tone_k, OP_ARGS_IN(4), tone_prep },
    /* Csound 6.18 registers atone's audio-rate cutoff as "ako" (see above): k only */
    { "atone", "a", "ako", sizeof(TONE), tone_init, atone_k, OP_ARGS_IN(4) },
    { "reson", "a", "axxoo", sizeof(RESON), reson_init, reson_perf, OP_ARGS_IN(6) },
    BFIL_ROW("butterlp", "axo", butterlp_k, butterlp_prep),
    BFIL_ROW("butlp", "axo", butterlp_k, butterlp_prep),
    BFIL_ROW("butterhp", "axo", butterhp_k, butterhp_prep),
    BFIL_ROW("buthp", "axo", butterhp_k, butterhp_prep),
    BFIL_ROW("butterbp", "axxo", butterbp_perf, NULL),
    BFIL_ROW("butbp", "axxo", butterbp_perf, NULL),
    BFIL_ROW("butterbr", "axxo", butterbr_perf, NULL),
    BFIL_ROW("butbr", "axxo", butterbr_perf, NULL),
    { "moogladder", "a", "axxo", sizeof(MOOGLADDER), moogladder_init, moogladder_kk, OP_ARGS_IN(5), moogladder_prep },
    { "moogvcf", "a", "axxpo", sizeof(MOOGVCF), moogvcf_init, moogvcf_perf, OP_ARGS_IN(6) },
    { "moogvcf2", "a", "axxoo", sizeof(MOOGVCF), moogvcf_init, moogvcf_perf, OP_ARGS_IN(6) },
    OP_END
};
OP_FAMILY(filter, "Signal Modifiers: Standard Filters", op_filter);
