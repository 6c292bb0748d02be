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

typedef struct {
    OP h;
    void *buf[VDX_MAXCH];
    int nch;
    int32_t maxd, wsize, left;
    double d2x;
} VDELX;

static int vdelx_init(OP *o, OP_CTX *c)
{
    VDELX *p = (VDELX *)o;
    int nch = o->nout, wide = o->desc->name[7] == 'w';   /* "vdelayxw…" */
    double imaxd = *o->arg[2 * nch + 1].k, iquality = *o->arg[2 * nch + 2].k;
    int32_t n = op_int(imaxd * c->sr);
    if (n <= 0) n = 1;
    p->nch = nch;
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

/* The window weight at distance d, then d moves on one sample. */
static inline double vdx_weight(double *d, double d2x)
{
    double w = 1.0 - *d * *d * d2x;
    w *= (w / (*d)++);
    return w;
}

static void vdelayx_perf(OP *o, OP_CTX *c)
{
    VDELX *p = (VDELX *)o;
    int nch = p->nch, dofs = nch == 4 ? c->ofs : 0;
    const float *del = o->arg[2 * nch].a;
    int32_t maxd = p->maxd, indx = p->left, i2 = p->wsize >> 1, xpos;
    for (int n = c->ofs; n < c->end; n++) {
        double acc[VDX_MAXCH] = { 0.0 };
        for (int ch = 0; ch < nch; ch++) ((float *)p->buf[ch])[indx] = o->arg[nch + ch].a[n];
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
            for (int ch = 0; ch < nch; ch++) o->arg[ch].a[n] = (float)(acc[ch] * x2);
        } else {                        /* a whole sample */
            xpos = (int32_t)((double)xpos + x1 + 0.5);
            if (xpos >= maxd) xpos -= maxd;
            for (int ch = 0; ch < nch; ch++) o->arg[ch].a[n] = ((float *)p->buf[ch])[xpos];
        }
        if (++indx == maxd) indx = 0;
    }
    p->left = indx;
    for (int ch = 0; ch < nch; ch++) op_aclear_edges(o->arg[ch].a, c);
}

static void vdelayxw_perf(OP *o, OP_CTX *c)
{
    VDELX *p = (VDELX *)o;
    int nch = p->nch;
    const float *del = o->arg[2 * nch].a;
    int32_t maxd = p->maxd, indx = p->left, i2 = p->wsize >> 1, xpos;
    for (int n = c->ofs; n < c->end; n++) {
        double x1 = dl_split((double)indx + ((double)del[n] * c->sr), maxd, &xpos);
        double x2 = sin(PI * x1) / PI;
        if (x1 * (1.0 - x1) > 0.00000001) {
            double v[VDX_MAXCH];
            for (int ch = 0; ch < nch; ch++) v[ch] = (double)o->arg[nch + ch].a[n] * x2;
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
            for (int ch = 0; ch < nch; ch++) ((double *)p->buf[ch])[xpos] += o->arg[nch + ch].a[n];
        }
        for (int ch = 0; ch < nch; ch++) {
            double *b = p->buf[ch];
            o->arg[ch].a[n] = (float)b[indx];
            b[indx] = 0.0;
        }
        if (++indx == maxd) indx = 0;
    }
    p->left = indx;
    for (int ch = 0; ch < nch; ch++) op_aclear_edges(o->arg[ch].a, c);
}

static const OP_DESC op_vdelayx[] = {
    { "vdelayx", "a", "aaiio", sizeof(VDELX), vdelx_init, vdelayx_perf, 0 },
    { "vdelayxs", "aa", "aaaiio", sizeof(VDELX), vdelx_init, vdelayx_perf, 0 },
    { "vdelayxq", "aaaa", "aaaaaiio", sizeof(VDELX), vdelx_init, vdelayx_perf, 0 },
    { "vdelayxw", "a", "aaiio", sizeof(VDELX), vdelx_init, vdelayxw_perf, 0 },
    { "vdelayxws", "aa", "aaaiio", sizeof(VDELX), vdelx_init, vdelayxw_perf, 0 },
    { "vdelayxwq", "aaaa", "aaaaaiio", sizeof(VDELX), vdelx_init, vdelayxw_perf, 0 },
    OP_END
};
OP_FAMILY(vdelayx, "Signal Modifiers: Delay", op_vdelayx);
