/* vdelayx.c — delay lines read (vdelayx, vdelayxs, vdelayxq) or written (vdelayxw, vdelayxws, vdelayxwq) through a windowed sinc. */
#include "op.h"
#include "delayline.h"
#include <math.h>

/*
 * Port of Csound 6.18 OOps/vdelay.c, vdelayx & co by Istvan Varga (2001):
 * an a-rate delay in seconds over a line of (int)(imaxd sr) samples,
 * interpolated with a sinc of iquality points (rounded to a multiple of 4,
 * 4 to 1024) under the window (1 - d² d2x)², d2x = (1 - (0.85172 q)^-0.89624)
 * / (q/2)²; a fraction within 1e-8 of a whole sample reads (writes) that
 * sample.  One, two or four channels share one delay.  The read forms write
 * the input first and read behind it; the write forms ("w") add the input
 * at the delayed position and output what reaches the write position, then
 * clear it.  Same order of operations as Csound, in double; the read forms'
 * lines hold float copies of the input (exact), the write forms' double sums.
 * vdelayxq reads its delay from frame n - ofs, as Csound's pointer does.
 * istod: every ondes note is a fresh instance (see delay.c).
 */

#define PI 3.141592653589793238462643383279502884197
#define VDX_MAXCH 4

/* The lines (one per channel) and the window, whatever the channel count. */
typedef struct {
    void *buf[VDX_MAXCH];
    int32_t maxd, wsize, left;
    double d2x;
} VDX;

/* Arguments as Csound names them, in a struct per channel count (Csound's
 * VDELX, VDELXS, VDELXQ); the perf functions hand the loops their blocks. */
typedef struct {
    OP h;
    OP_ARG aout, ain, adl, imd, iws, ist;
    VDX d;
} VDELX;

typedef struct {
    OP h;
    OP_ARG aout1, aout2, ain1, ain2, adl, imd, iws, ist;
    VDX d;
} VDELXS;

typedef struct {
    OP h;
    OP_ARG aout1, aout2, aout3, aout4, ain1, ain2, ain3, ain4, adl, imd, iws, ist;
    VDX d;
} VDELXQ;

static int vdx_setup(OP *o, OP_CTX *c, VDX *p, int nch, double imaxd, double iquality)
{
    int wide = o->desc->name[7] == 'w';   /* "vdelayxw…" */
    int32_t n = op_int(imaxd * c->sr);
    if (n <= 0) n = 1;
    for (int ch = 0; ch < nch; ch++)
        if (!(p->buf[ch] = dl_alloc(c, o, (size_t)n, wide ? sizeof(double) : sizeof(float)))) return -1;
    p->left = 0;
    int32_t w = 4 * op_int(0.5 + 0.25 * iquality);
    p->wsize = w < 4 ? 4 : w > 1024 ? 1024 : w;
    int32_t i2 = p->wsize >> 1;
    p->d2x = (1.0 - pow((double)p->wsize * 0.85172, -0.89624)) / (double)(i2 * i2);
    p->maxd = n;
    return 0;
}

static int vdelx_init(OP *o, OP_CTX *c)
{
    VDELX *p = (VDELX *)o;
    return vdx_setup(o, c, &p->d, 1, *p->imd.k, *p->iws.k);
}

static int vdelxs_init(OP *o, OP_CTX *c)
{
    VDELXS *p = (VDELXS *)o;
    return vdx_setup(o, c, &p->d, 2, *p->imd.k, *p->iws.k);
}

static int vdelxq_init(OP *o, OP_CTX *c)
{
    VDELXQ *p = (VDELXQ *)o;
    return vdx_setup(o, c, &p->d, 4, *p->imd.k, *p->iws.k);
}

/* The window weight at distance d, then d moves on one sample. */
static inline double vdx_weight(double *d, double d2x)
{
    double w = 1.0 - *d * *d * d2x;
    w *= (w / (*d)++);
    return w;
}

static inline void vdelayx_run(VDX *p, float *const out[], const float *const in[], const float *del, int nch,
                               OP_CTX *c)
{
    int dofs = nch == 4 ? c->ofs : 0;
    int32_t maxd = p->maxd, indx = p->left, i2 = p->wsize >> 1, xpos;
    for (int n = c->ofs; n < c->end; n++) {
        double acc[VDX_MAXCH] = { 0.0 };
        for (int ch = 0; ch < nch; ch++) ((float *)p->buf[ch])[indx] = in[ch][n];
        double x1 = dl_split((double)indx - ((double)del[n - dofs] * c->sr), maxd, &xpos);
        double x2 = sin(PI * x1) / PI;
        if (x1 * (1.0 - x1) > 0.00000001) {
            xpos = dl_wrapi((int64_t)xpos + (1 - i2), maxd);
            double d = (double)(1 - i2) - x1;
            for (int32_t i = i2; i--;) {
                double w = vdx_weight(&d, p->d2x);
                for (int ch = 0; ch < nch; ch++) acc[ch] += (double)((float *)p->buf[ch])[xpos] * w;
                if (++xpos >= maxd) xpos -= maxd;
                w = vdx_weight(&d, p->d2x);
                for (int ch = 0; ch < nch; ch++) acc[ch] -= (double)((float *)p->buf[ch])[xpos] * w;
                if (++xpos >= maxd) xpos -= maxd;
            }
            for (int ch = 0; ch < nch; ch++) out[ch][n] = (float)(acc[ch] * x2);
        } else {                        /* a whole sample */
            xpos = (int32_t)((double)xpos + x1 + 0.5);
            if (xpos >= maxd) xpos -= maxd;
            for (int ch = 0; ch < nch; ch++) out[ch][n] = ((float *)p->buf[ch])[xpos];
        }
        if (++indx == maxd) indx = 0;
    }
    p->left = indx;
    for (int ch = 0; ch < nch; ch++) op_aclear_edges(out[ch], c);
}

static inline void vdelayxw_run(VDX *p, float *const out[], const float *const in[], const float *del, int nch,
                                OP_CTX *c)
{
    int32_t maxd = p->maxd, indx = p->left, i2 = p->wsize >> 1, xpos;
    for (int n = c->ofs; n < c->end; n++) {
        double x1 = dl_split((double)indx + ((double)del[n] * c->sr), maxd, &xpos);
        double x2 = sin(PI * x1) / PI;
        if (x1 * (1.0 - x1) > 0.00000001) {
            double v[VDX_MAXCH];
            for (int ch = 0; ch < nch; ch++) v[ch] = (double)in[ch][n] * x2;
            xpos = dl_wrapi((int64_t)xpos + (1 - i2), maxd);
            double d = (double)(1 - i2) - x1;
            for (int32_t i = i2; i--;) {
                double w = vdx_weight(&d, p->d2x);
                for (int ch = 0; ch < nch; ch++) ((double *)p->buf[ch])[xpos] += v[ch] * w;
                if (++xpos >= maxd) xpos -= maxd;
                w = vdx_weight(&d, p->d2x);
                for (int ch = 0; ch < nch; ch++) ((double *)p->buf[ch])[xpos] -= v[ch] * w;
                if (++xpos >= maxd) xpos -= maxd;
            }
        } else {
            xpos = (int32_t)((double)xpos + x1 + 0.5);
            if (xpos >= maxd) xpos -= maxd;
            for (int ch = 0; ch < nch; ch++) ((double *)p->buf[ch])[xpos] += in[ch][n];
        }
        for (int ch = 0; ch < nch; ch++) {
            double *b = p->buf[ch];
            out[ch][n] = (float)b[indx];
            b[indx] = 0.0;
        }
        if (++indx == maxd) indx = 0;
    }
    p->left = indx;
    for (int ch = 0; ch < nch; ch++) op_aclear_edges(out[ch], c);
}

/* One perf per form: the blocks named, the loop for its channel count. */
#define VDX_PERFS(RUN, NAME)                                                                       \
    static void NAME(OP *o, OP_CTX *c)                                                             \
    {                                                                                              \
        VDELX *p = (VDELX *)o;                                                                     \
        float *out[1] = { p->aout.a };                                                             \
        const float *in[1] = { p->ain.a };                                                         \
        RUN(&p->d, out, in, p->adl.a, 1, c);                                                       \
    }                                                                                              \
    static void NAME##s(OP *o, OP_CTX *c)                                                          \
    {                                                                                              \
        VDELXS *p = (VDELXS *)o;                                                                   \
        float *out[2] = { p->aout1.a, p->aout2.a };                                                \
        const float *in[2] = { p->ain1.a, p->ain2.a };                                             \
        RUN(&p->d, out, in, p->adl.a, 2, c);                                                       \
    }                                                                                              \
    static void NAME##q(OP *o, OP_CTX *c)                                                          \
    {                                                                                              \
        VDELXQ *p = (VDELXQ *)o;                                                                   \
        float *out[4] = { p->aout1.a, p->aout2.a, p->aout3.a, p->aout4.a };                        \
        const float *in[4] = { p->ain1.a, p->ain2.a, p->ain3.a, p->ain4.a };                       \
        RUN(&p->d, out, in, p->adl.a, 4, c);                                                       \
    }

VDX_PERFS(vdelayx_run, vdelayx_perf)
VDX_PERFS(vdelayxw_run, vdelayxw_perf)

static const OP_DESC op_vdelayx[] = {
    { "vdelayx", "a", "aaiio", sizeof(VDELX), vdelx_init, vdelayx_perf, OP_ARGS_IN(6) },
    { "vdelayxs", "aa", "aaaiio", sizeof(VDELXS), vdelxs_init, vdelayx_perfs, OP_ARGS_IN(8) },
    { "vdelayxq", "aaaa", "aaaaaiio", sizeof(VDELXQ), vdelxq_init, vdelayx_perfq, OP_ARGS_IN(12) },
    { "vdelayxw", "a", "aaiio", sizeof(VDELX), vdelx_init, vdelayxw_perf, OP_ARGS_IN(6) },
    { "vdelayxws", "aa", "aaaiio", sizeof(VDELXS), vdelxs_init, vdelayxw_perfs, OP_ARGS_IN(8) },
    { "vdelayxwq", "aaaa", "aaaaaiio", sizeof(VDELXQ), vdelxq_init, vdelayxw_perfq, OP_ARGS_IN(12) },
    OP_END
};
OP_FAMILY(vdelayx, "Signal Modifiers: Delay", op_vdelayx);
