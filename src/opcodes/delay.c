/* delay.c — delay lines: delay, delay1, delayk, vdel_k, delayr/delayw and the deltap* taps, vdelay, vdelay3, multitap. */
#include "op.h"
#include "delayline.h"
#include <math.h>
#include <string.h>

/*
 * Ports of Csound 6.18, step for step: OOps/ugens6.c (delay, delay1,
 * delayr, delayw, deltap, deltapi, deltapn, deltap3, deltapx, deltapxw),
 * OOps/vdelay.c (vdelay, vdelay3, multitap; the vdelayx family is in
 * vdelayx.c), Opcodes/oscbnk.c (delayk, vdel_k).  Same index arithmetic,
 * same interpolation formulas in the same order, double arithmetic.
 * Lines that only ever hold copies of a float input (delay, vdelay,
 * vdelay3, multitap) are float, which is exact; lines something adds into
 * or that hold k-values are double.  Pointers are indices here.
 *
 * Where Csound reuses a finished note's instance, istor/istod = 1 keeps its
 * memory; every ondes note is a fresh instance, which Csound initialises as
 * if istor were 0 (vdelay's istod and delayk's imode bit 0 would leave a
 * fresh Csound instance without a buffer, a perf error: here they are
 * ignored).  Where Csound would loop forever or read outside the line
 * (delays longer than the line, negative or not finite), the positions are
 * reduced modulo the line instead (delayline.h).
 *
 * Arguments are named as Csound names them; one descriptor serves the a-
 * and k-rate forms of a time Csound takes as x (deltapi, deltapn, deltap3,
 * vdelay, vdelay3): a prep picks vdelay's and vdelay3's loops for the rates
 * given, the taps ask op_isa at init.
 */

#define PI 3.141592653589793238462643383279502884197

/* ------------------------------------------------------------------------ */
/* delay (ugens6.c delset/delay): a fixed line of lrint(idlt sr) samples. */
typedef struct {
    OP h;
    OP_ARG ar, asig, idlt, iskip;
    float *buf;
    int32_t npts, cur;
} DELAY;

static int delay_init(OP *o, OP_CTX *c)
{
    DELAY *p = (DELAY *)o;
    int32_t npts = dl_lrint(*p->idlt.k * c->sr);
    if (npts <= 0) return op_initerr(c, o, "illegal delay time");
    if (!(p->buf = dl_alloc(c, o, (size_t)npts, sizeof(float)))) return -1;
    p->npts = npts;
    p->cur = 0;
    return 0;
}

static void delay_perf(OP *o, OP_CTX *c)
{
    DELAY *p = (DELAY *)o;
    float *ar = p->ar.a, *buf = p->buf;
    const float *asig = p->asig.a;
    int32_t cur = p->cur, npts = p->npts;
    for (int n = c->ofs; n < c->end; n++) {
        float in = asig[n];             /* ar may be asig */
        ar[n] = buf[cur];
        buf[cur] = in;
        if (++cur >= npts) cur = 0;
    }
    p->cur = cur;
    op_aclear_edges(ar, c);
}

/* ------------------------------------------------------------------------ */
/* delay1 (ugens6.c del1set/delay1): one sample; the block shifts by one
 * and the last input waits for the next block.  Written in Csound's order
 * (first output, then the shifted copy), which matters when ar is asig. */
typedef struct {
    OP h;
    OP_ARG ar, asig, iskip;
    float sav1;
} DELAY1;

static void delay1_perf(OP *o, OP_CTX *c)
{
    DELAY1 *p = (DELAY1 *)o;
    float *ar = p->ar.a;
    const float *asig = p->asig.a;
    ar[c->ofs] = p->sav1;
    if (c->end - 1 > c->ofs)
        memmove(&ar[c->ofs + 1], &asig[c->ofs], sizeof(float) * (size_t)(c->end - 1 - c->ofs));
    p->sav1 = asig[c->end - 1];
    op_aclear_edges(ar, c);
}

/* ------------------------------------------------------------------------ */
/* delayk, vdel_k (Opcodes/oscbnk.c by Istvan Varga): k-rate lines of
 * (int)(idel kr + 1.5) values.  imode bit 1: until the line has filled,
 * output the first input instead of 0. */
typedef struct {
    double *buf, frstkval;
    int32_t npts, init_k, pos, mode;
} KLINE;

typedef struct {
    OP h;
    OP_ARG kr, ksig, idel, imode;
    KLINE l;
} DELAYK;

typedef struct {
    OP h;
    OP_ARG kr, ksig, kdel, imdel, imode;
    KLINE l;
} VDELK;

static int kline_setup(OP *o, OP_CTX *c, KLINE *l, double idel, double imode, int32_t extra)
{
    l->mode = dl_lrint(imode) & 3;
    int32_t npts = op_int(idel * c->kr + 1.5);
    if (npts < 1) return op_initerr(c, o, "invalid delay time (must be >= 0)");
    if (!(l->buf = dl_alloc(c, o, (size_t)npts, sizeof(double)))) return -1;
    l->npts = npts;
    l->pos = 0;
    l->init_k = npts - 1 + extra;
    return 0;
}

static int delayk_init(OP *o, OP_CTX *c)
{
    DELAYK *p = (DELAYK *)o;
    return kline_setup(o, c, &p->l, *p->idel.k, *p->imode.k, 0);
}

static int vdelk_init(OP *o, OP_CTX *c)
{
    VDELK *p = (VDELK *)o;
    return kline_setup(o, c, &p->l, *p->imdel.k, *p->imode.k, 1);
}

static void delayk_perf(OP *o, OP_CTX *c)
{
    DELAYK *p = (DELAYK *)o;
    KLINE *l = &p->l;
    (void)c;
    double ksig = *p->ksig.k;
    l->buf[l->pos++] = ksig;
    if (l->pos >= l->npts) l->pos = 0;
    if (l->init_k) {
        *p->kr.k = l->mode & 2 ? ksig : 0.0;
        l->init_k--;
    } else {
        *p->kr.k = l->buf[l->pos];
    }
}

/* vdel_k: Csound stops the note on a negative delay; here it reads as 0. */
static void vdelk_perf(OP *o, OP_CTX *c)
{
    VDELK *p = (VDELK *)o;
    KLINE *l = &p->l;
    double ksig = *p->ksig.k;
    int32_t npts = l->npts;
    l->buf[l->pos] = ksig;
    int32_t d = dl_lrint(*p->kdel.k * c->kr);
    if (d < 0) d = 0;
    int32_t n = l->pos - d;
    if (++l->pos >= npts) l->pos = 0;
    if (l->init_k) {
        double first = 0.0;
        if (l->mode & 2) {
            if (npts == l->init_k) l->frstkval = ksig;
            first = l->frstkval;
        }
        *p->kr.k = n < 0 ? first : l->buf[n];
        l->init_k--;
    } else {
        *p->kr.k = l->buf[dl_wrapi(n, npts)];
    }
}

/* ------------------------------------------------------------------------ */
/* delayr, delayw (ugens6.c delrset/delwset/delayr/delayw, the delayr FIFO
 * by Jens Groh).  delayr reads a block from the write position and leaves
 * it; delayw writes the block there and advances it; taps between them see
 * the position at the block's first active frame.  Pairs nest: each delayr
 * joins the voice's FIFO (op_links), each delayw takes the oldest, and a
 * tap uses the newest, or with indx > 0 the indx-th newest (LIFO), with
 * indx < 0 the -indx-th oldest (FIFO), the index a delayr's optional second
 * output gives.  Minimum length ksmps, as in Csound.  The one- and
 * two-output forms name their arguments in structs of their own around the
 * same line, which is what the FIFO links and delayw and the taps use. */
typedef struct dline {
    double *buf;
    int32_t npts, cur;
    struct dline *next;
} DLINE;

typedef struct {
    OP h;
    OP_ARG ar, idlt, iskip;
    DLINE l;
} DELAYR;

typedef struct {
    OP h;
    OP_ARG ar, indx, idlt, iskip;      /* indx: this delayr's index for the taps */
    DLINE l;
} DELAYR2;

static int delayr_setup(OP *o, OP_CTX *c, DLINE *d, double idlt, double *indx)
{
    OP_LINKS *l = op_links(c);
    if (l->first_delayr) ((DLINE *)l->last_delayr)->next = d;
    else l->first_delayr = d;
    l->last_delayr = d;
    l->delayr_depth++;
    d->next = NULL;
    if (indx) *indx = -(double)l->delayr_depth;
    int32_t npts = dl_lrint(idlt * c->sr);
    if (npts < c->ksmps) return op_initerr(c, o, "illegal delay time");
    if (!(d->buf = dl_alloc(c, o, (size_t)npts, sizeof(double)))) return -1;
    d->npts = npts;
    d->cur = 0;
    return 0;
}

static int delayr_init(OP *o, OP_CTX *c)
{
    DELAYR *p = (DELAYR *)o;
    return delayr_setup(o, c, &p->l, *p->idlt.k, NULL);
}

static int delayr2_init(OP *o, OP_CTX *c)
{
    DELAYR2 *p = (DELAYR2 *)o;
    return delayr_setup(o, c, &p->l, *p->idlt.k, p->indx.k);
}

static inline void delayr_run(const DLINE *d, float *ar, OP_CTX *c)
{
    int32_t i = d->cur, npts = d->npts;
    for (int n = c->ofs; n < c->end; n++) {
        ar[n] = (float)d->buf[i];
        if (++i >= npts) i = 0;
    }
    op_aclear_edges(ar, c);
}

static void delayr_perf(OP *o, OP_CTX *c) { delayr_run(&((DELAYR *)o)->l, ((DELAYR *)o)->ar.a, c); }
static void delayr2_perf(OP *o, OP_CTX *c) { delayr_run(&((DELAYR2 *)o)->l, ((DELAYR2 *)o)->ar.a, c); }

typedef struct {
    OP h;
    OP_ARG asig;
    DLINE *dr;
} DELAYW;

static int delayw_init(OP *o, OP_CTX *c)
{
    DELAYW *p = (DELAYW *)o;
    OP_LINKS *l = op_links(c);
    if (!l->first_delayr) return op_initerr(c, o, "associated delayr not found");
    p->dr = l->first_delayr;
    if (l->last_delayr == l->first_delayr) l->first_delayr = NULL;
    else l->first_delayr = p->dr->next;
    l->delayr_depth--;
    return 0;
}

static void delayw_perf(OP *o, OP_CTX *c)
{
    DELAYW *p = (DELAYW *)o;
    DLINE *q = p->dr;
    const float *asig = p->asig.a;
    int32_t i = q->cur, npts = q->npts;
    for (int n = c->ofs; n < c->end; n++) {
        q->buf[i] = asig[n];
        if (++i >= npts) i = 0;
    }
    q->cur = i;
}

/* Csound's delayr_find: the delayr a tap reads, by its index argument. */
static DLINE *delayr_find(OP *o, OP_CTX *c, double ndx)
{
    OP_LINKS *l = op_links(c);
    DLINE *d = l->first_delayr;
    int32_t n = dl_lrint(ndx);
    if (!d) {
        op_initerr(c, o, "associated delayr not found");
        return NULL;
    }
    if (!n) return l->last_delayr;
    n = n > 0 ? l->delayr_depth - n : -n;
    if (n < 1 || n > l->delayr_depth) {
        op_initerr(c, o, "delayr index %.0f is out of range", ndx);
        return NULL;
    }
    while (--n) d = d->next;
    return d;
}

/* deltap, deltapi, deltapn, deltap3: a tap on the newest delayr. */
typedef struct {
    OP h;
    OP_ARG ar, xdlt, indx;     /* xdlt: deltap's kdlt, deltapn's xnumsamps */
    DLINE *dr;
    int adlt;
} DELTAP;

static int tap_init(OP *o, OP_CTX *c)
{
    DELTAP *p = (DELTAP *)o;
    p->adlt = op_isa(o, 1);
    return (p->dr = delayr_find(o, c, *p->indx.k)) ? 0 : -1;
}

/* deltap: k-rate time rounded to whole samples. */
static void deltap_perf(OP *o, OP_CTX *c)
{
    DELTAP *p = (DELTAP *)o;
    const DLINE *q = p->dr;
    float *ar = p->ar.a;
    int32_t npts = q->npts;
    int32_t tap = dl_wrapi((int64_t)q->cur - dl_lrint(*p->xdlt.k * c->sr), npts);
    for (int n = c->ofs; n < c->end; n++) {
        if (tap >= npts) tap -= npts;
        ar[n] = (float)q->buf[tap++];
    }
    op_aclear_edges(ar, c);
}

/* The tap position of frame n for an a-rate delay of idel samples: Csound
 * takes one step back into the line (delayline.h for the rest). */
static inline int32_t tap_at(const DLINE *q, int n, int ofs, int32_t idel)
{
    int64_t tap = (int64_t)q->cur + (n - ofs) - idel;
    if (tap < 0) tap += q->npts;
    else if (tap >= q->npts) tap -= q->npts;
    if (tap < 0 || tap >= q->npts) tap = dl_wrapi(tap, q->npts);
    return (int32_t)tap;
}

/* deltapi: linear interpolation between the sample idel back and the one before. */
static inline float lin_tap(const DLINE *q, int32_t tap, double delfrac)
{
    int32_t prv = tap - 1;
    if (prv < 0) prv += q->npts;
    return (float)(q->buf[tap] + (q->buf[prv] - q->buf[tap]) * delfrac);
}

/* deltap3 (John ffitch): cubic through the samples at tap+1, tap, tap-1,
 * tap-2.  Csound rounds 1/6 differently in its k- and a-rate loops. */
static inline float cubic_tap(const DLINE *q, int32_t tap, double delfrac, double sixth)
{
    int32_t npts = q->npts, prv = tap - 1;
    if (prv < 0) prv += npts;
    double y2 = prv - 1 < 0 ? q->buf[prv - 1 + npts] : q->buf[prv - 1];
    double ym1 = tap + 1 >= npts ? q->buf[tap + 1 - npts] : q->buf[tap + 1];
    double y0 = q->buf[tap], y1 = q->buf[prv];
    double w, x, y, z;
    z = delfrac * delfrac; z--; z *= sixth;
    y = delfrac; y++; w = (y *= 0.5); w--;
    x = 3.0 * z; y -= x; w -= z; x -= delfrac;
    return (float)((w * ym1 + x * y0 + y * y1 + z * y2) * delfrac + y0);
}

#define SIXTH_K 0.16666666666667
#define SIXTH_A 0.1666666667

/* Shared by deltapi and deltap3: the tap and the fraction of frame n, the
 * a-rate time read from frame rd (deltap3 reads frame n - ofs, as Csound's
 * pointer that starts at the block's first frame). */
static inline double frac_tap(const DELTAP *p, const OP_CTX *c, int n, int rd, int32_t *tap)
{
    double delsmps = (p->adlt ? (double)p->xdlt.a[rd] : *p->xdlt.k) * c->sr;
    int32_t idel = op_int(delsmps);
    if (p->adlt) *tap = tap_at(p->dr, n, c->ofs, idel);
    else *tap = dl_wrapi((int64_t)p->dr->cur - idel, p->dr->npts);
    return delsmps - idel;
}

static void deltapi_perf(OP *o, OP_CTX *c)
{
    DELTAP *p = (DELTAP *)o;
    const DLINE *q = p->dr;
    float *ar = p->ar.a;
    int32_t tap = 0;
    double delfrac = 0.0;
    if (!p->adlt) delfrac = frac_tap(p, c, c->ofs, c->ofs, &tap);
    for (int n = c->ofs; n < c->end; n++) {
        if (p->adlt) delfrac = frac_tap(p, c, n, n, &tap);
        else if (tap >= q->npts) tap -= q->npts;
        ar[n] = lin_tap(q, tap++, delfrac);
    }
    op_aclear_edges(ar, c);
}

static void deltap3_perf(OP *o, OP_CTX *c)
{
    DELTAP *p = (DELTAP *)o;
    const DLINE *q = p->dr;
    float *ar = p->ar.a;
    int32_t tap = 0;
    double delfrac = 0.0;
    if (!p->adlt) delfrac = frac_tap(p, c, c->ofs, c->ofs, &tap);
    for (int n = c->ofs; n < c->end; n++) {
        if (p->adlt) delfrac = frac_tap(p, c, n, n - c->ofs, &tap);
        else if (tap >= q->npts) tap -= q->npts;
        ar[n] = cubic_tap(q, tap++, delfrac, p->adlt ? SIXTH_A : SIXTH_K);
    }
    op_aclear_edges(ar, c);
}

/* deltapn (Hans Mikelson): the delay in samples, truncated. */
static void deltapn_perf(OP *o, OP_CTX *c)
{
    DELTAP *p = (DELTAP *)o;
    const DLINE *q = p->dr;
    float *ar = p->ar.a;
    int32_t tap = 0;
    if (!p->adlt) tap = dl_wrapi((int64_t)q->cur - op_int(*p->xdlt.k), q->npts);
    for (int n = c->ofs; n < c->end; n++) {
        if (p->adlt) tap = tap_at(q, n, c->ofs, op_int(p->xdlt.a[n]));
        else if (tap >= q->npts) tap -= q->npts;
        ar[n] = (float)q->buf[tap++];
    }
    op_aclear_edges(ar, c);
}

/* deltapx, deltapxw (Istvan Varga): read or write at an a-rate delay
 * through a windowed-sinc kernel of iwsize points (4: cubic).  As in Csound
 * the delay of frame n is read from frame n - ofs (a pointer that starts at
 * the block), and deltapxw's sinc path adds the block's first input frame. */
typedef struct {
    OP h;
    union { OP_ARG ar, ain; };  /* deltapx's output, deltapxw's input */
    OP_ARG adlt, iwsize, indx;
    DLINE *dr;
    int32_t wsize;
    double d2x;
} DELTAPX;

static int tapx_init(OP *o, OP_CTX *c)
{
    DELTAPX *p = (DELTAPX *)o;
    if (!(p->dr = delayr_find(o, c, *p->indx.k))) return -1;
    int32_t w = op_int(*p->iwsize.k + 0.5);
    w = ((w + 2) >> 2) << 2;
    p->wsize = w < 4 ? 4 : w > 1024 ? 1024 : w;
    p->d2x = 1.0 - pow((double)p->wsize * 0.85172, -0.89624);
    p->d2x /= (double)((p->wsize * p->wsize) >> 2);
    return 0;
}

/* The read or write position of frame n, indx - delay x sr, split into
 * buffer position and fraction (dl_split).  Csound computes it from a
 * double delay; ondes' a-rate signals are float, so a delay such as 0.3 s
 * (13230 samples in double) arrives as 0.30000001 (13230.0005): Csound then
 * takes the whole-sample branch (fraction within 1e-8 of 0) and ondes the
 * sinc branch, which deltapxw feeds with the block's first input frame, not
 * this one — a different signal altogether.  A delay the same in every
 * frame of the block (steady: a constant, or an i- or k-rate value) that
 * lands within its float rounding of a whole sample is taken as that whole
 * sample, as the double it was made from would be.  A delay that moves is
 * used as it is (its float rounding alone, ~3e-4 samples at 0.2 s, is what
 * keeps the manual's swept example near 31 dB: doc/compat.md). */
static inline double tapx_pos(int32_t indx, float del, double sr, int steady, int32_t maxd, int32_t *xpos)
{
    double x = (double)indx - (double)del * sr;
    if (steady) {
        double whole = nearbyint(x);
        double half_ulp = 0.5 * ((double)nextafterf(fabsf(del), INFINITY) - (double)fabsf(del)) * sr;
        if (fabs(x - whole) <= half_ulp) x = whole;
    }
    return dl_split(x, maxd, xpos);
}

/* Whether the delay signal holds one value over the block's frames. */
static int tapx_steady(const float *del, int n)
{
    for (int i = 1; i < n; i++)
        if (del[i] != del[0]) return 0;
    return 1;
}

/* The cubic weights of deltapx/deltapxw for fraction f, and the first of
 * the four positions (xpos - 1). */
static inline int32_t tapx_cubic(double f, int32_t xpos, int32_t maxd, double a[4])
{
    double am1 = f, a0, a1, a2;
    a0 = am1 * am1; a2 = 0.16666667 * (am1 * a0 - am1);
    a1 = 0.5 * (a0 + am1) - 3.0 * a2;
    am1 = 0.5 * (a0 - am1) - a2;
    a0 = 3.0 * a2 - a0; a0++;
    a[0] = am1; a[1] = a0; a[2] = a1; a[3] = a2;
    return xpos ? xpos - 1 : maxd - 1;
}

static void deltapx_perf(OP *o, OP_CTX *c)
{
    DELTAPX *p = (DELTAPX *)o;
    const DLINE *q = p->dr;
    float *out = p->ar.a;
    const float *del = p->adlt.a;
    const double *buf = q->buf;
    int32_t maxd = q->npts, indx = q->cur, xpos, i2 = p->wsize >> 1;
    int steady = tapx_steady(del, c->end - c->ofs);
    for (int n = c->ofs; n < c->end; n++, indx++) {
        double x1 = tapx_pos(indx, del[n - c->ofs], c->sr, steady, maxd, &xpos);
        if (p->wsize != 4) {
            if (x1 > 0.00000001 && x1 < 0.99999999) {
                int32_t b = dl_wrapi(xpos - i2, maxd);
                double d = (double)(1 - i2) - x1, n1 = 0.0, w;
                for (int32_t i = i2; i; i--) {
                    w = 1.0 - d * d * p->d2x;
                    if (++b >= maxd) b = 0;
                    n1 += w * w * buf[b] / d; d++;
                    w = 1.0 - d * d * p->d2x;
                    if (++b >= maxd) b = 0;
                    n1 -= w * w * buf[b] / d; d++;
                }
                out[n] = (float)(n1 * sin(PI * x1) / PI);
            } else {                    /* an integer sample */
                xpos = dl_lrint((double)xpos + x1);
                if (xpos >= maxd) xpos -= maxd;
                out[n] = (float)buf[xpos];
            }
        } else {
            double a[4], x;
            int32_t b = tapx_cubic(x1, xpos, maxd, a);
            x = a[0] * buf[b];  if (++b >= maxd) b = 0;
            x += a[1] * buf[b]; if (++b >= maxd) b = 0;
            x += a[2] * buf[b]; if (++b >= maxd) b = 0;
            x += a[3] * buf[b];
            out[n] = (float)x;
        }
    }
    op_aclear_edges(out, c);
}

static void deltapxw_perf(OP *o, OP_CTX *c)
{
    DELTAPX *p = (DELTAPX *)o;
    const DLINE *q = p->dr;
    const float *in1 = p->ain.a, *del = p->adlt.a;
    double *buf = q->buf;
    int32_t maxd = q->npts, indx = q->cur, xpos, i2 = p->wsize >> 1;
    int steady = tapx_steady(del, c->end - c->ofs);
    for (int n = c->ofs; n < c->end; n++, indx++) {
        double x1 = tapx_pos(indx, del[n - c->ofs], c->sr, steady, maxd, &xpos);
        if (p->wsize != 4) {
            if (x1 > 0.00000001 && x1 < 0.99999999) {
                /* Csound reads *in1, the block's first frame, here (not in1[n]) */
                double n1 = (double)in1[0] * (sin(PI * x1) / PI), w;
                int32_t b = dl_wrapi(xpos - i2, maxd);
                double d = (double)(1 - i2) - x1;
                for (int32_t i = i2; i; i--) {
                    w = 1.0 - d * d * p->d2x;
                    if (++b >= maxd) b = 0;
                    buf[b] = buf[b] + w * w * n1 / d; d++;
                    w = 1.0 - d * d * p->d2x;
                    if (++b >= maxd) b = 0;
                    buf[b] = buf[b] - w * w * n1 / d; d++;
                }
            } else {
                xpos = dl_lrint((double)xpos + x1);
                if (xpos >= maxd) xpos -= maxd;
                buf[xpos] += in1[n];
            }
        } else {
            double a[4], x = (double)in1[n];
            int32_t b = tapx_cubic(x1, xpos, maxd, a);
            buf[b] += a[0] * x; if (++b >= maxd) b = 0;
            buf[b] += a[1] * x; if (++b >= maxd) b = 0;
            buf[b] += a[2] * x; if (++b >= maxd) b = 0;
            buf[b] += a[3] * x;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* vdelay, vdelay3 (OOps/vdelay.c, Paris Smaragdis; vdelay3 John ffitch,
 * optimised by Istvan Varga): delay in milliseconds, a- or k-rate, over a
 * line of (int)(imaxd sr / 1000) samples; linear or cubic interpolation.
 * The input is written before the read, so a delay of 0 is no delay.
 * A line shorter than a sample makes Csound's vdelay loop forever: an init
 * error here.  A prep picks the loop for the delay's rate. */
typedef struct {
    OP h;
    OP_ARG ar, asig, xdel, imaxdel, iskip;
    float *buf;
    int32_t maxd, left;
} VDEL;

static int vdel_init(OP *o, OP_CTX *c)
{
    VDEL *p = (VDEL *)o;
    int32_t n = op_int(*p->imaxdel.k * (c->sr * 0.001)) + 1;
    if (n < 1) n = 1;
    if (!(p->buf = dl_alloc(c, o, (size_t)n, sizeof(float)))) return -1;
    p->maxd = n - 1;
    p->left = 0;
    if (p->maxd < 1 && strcmp(o->desc->name, "vdelay") == 0)
        return op_initerr(c, o, "maximum delay shorter than a sample");
    return 0;
}

static inline void vdelay_run(OP *o, OP_CTX *c, int adel)
{
    VDEL *p = (VDEL *)o;
    float *out = p->ar.a, *buf = p->buf;
    const float *in = p->asig.a;
    double esr = c->sr * 0.001, fmaxd = (double)p->maxd;
    int32_t maxd = p->maxd, indx = p->left;
    for (int n = c->ofs; n < c->end; n++) {
        double del = adel ? (double)p->xdel.a[n] : *p->xdel.k;
        buf[indx] = in[n];
        double fv1 = dl_wrap_down(dl_wrap_up((double)indx - del * esr, fmaxd), fmaxd);
        double fv2 = fv1 < maxd - 1 ? fv1 + 1.0 : 0.0;
        int32_t v1 = (int32_t)fv1, v2 = (int32_t)fv2;
        out[n] = (float)(buf[v1] + (fv1 - v1) * ((double)buf[v2] - buf[v1]));
        if (++indx == maxd) indx = 0;
    }
    p->left = indx;
    op_aclear_edges(out, c);
}

static void vdelay_k(OP *o, OP_CTX *c) { vdelay_run(o, c, 0); }
static void vdelay_a(OP *o, OP_CTX *c) { vdelay_run(o, c, 1); }

/* vdelay3's read position: v1 and the fraction for a delay of fv1 samples back. */
static inline double vdel3_pos(double fdel, int32_t indx, int32_t maxd, int32_t *pv1)
{
    double fv1 = fdel;
    int32_t v1 = op_int(fv1);
    fv1 -= (double)v1;
    int64_t v = (int64_t)v1 + indx;
    if (v < 0 || fv1 < 0.0) {
        fv1++;
        v--;
        if (v < 0) v = dl_wrapi(v, maxd);
    } else if (v >= maxd) {
        v = dl_wrapi(v, maxd);
    }
    *pv1 = (int32_t)v;
    return fv1;
}

/* Varga's cubic weights, in his order of operations. */
static inline double vdel3_cubic(double fv1, double b0, double b1, double b2, double b3)
{
    double w, x, y, z;
    z = fv1 * fv1; z--; z *= 0.1666666667;
    y = fv1; y++; w = (y *= 0.5); w--;
    x = 3.0 * z; y -= x; w -= z; x -= fv1;
    return (w * b0 + x * b1 + y * b2 + z * b3) * fv1 + b1;
}

static void vdelay3_a(OP *o, OP_CTX *c)
{
    VDEL *p = (VDEL *)o;
    float *out = p->ar.a, *buf = p->buf;
    const float *in = p->asig.a, *del = p->xdel.a;
    double esr = c->sr * 0.001;
    int32_t maxd = p->maxd ? p->maxd : 1, indx = p->left, v0, v1, v2, v3;
    for (int n = c->ofs; n < c->end; n++) {
        buf[indx] = in[n];
        double fv1 = vdel3_pos((double)del[n] * (-esr), indx, maxd, &v1);
        v2 = v1 == maxd - 1 ? 0 : v1 + 1;
        if (maxd < 4) {
            out[n] = (float)(buf[v1] + fv1 * ((double)buf[v2] - buf[v1]));
        } else {
            v0 = v1 == 0 ? maxd - 1 : v1 - 1;
            v3 = v2 == maxd - 1 ? 0 : v2 + 1;
            out[n] = (float)vdel3_cubic(fv1, buf[v0], buf[v1], buf[v2], buf[v3]);
        }
        if (++indx == maxd) indx = 0;
    }
    p->left = indx;
    op_aclear_edges(out, c);
}

static void vdelay3_k(OP *o, OP_CTX *c)
{
    VDEL *p = (VDEL *)o;
    float *out = p->ar.a, *buf = p->buf;
    const float *in = p->asig.a;
    double esr = c->sr * 0.001;
    int32_t maxd = p->maxd ? p->maxd : 1, indx = p->left, v0, v1, v2, v3;
    double fv1 = vdel3_pos(*p->xdel.k * -esr, indx, maxd, &v1);
    for (int n = c->ofs; n < c->end; n++) {
        if (maxd < 4) {             /* Csound writes no input in this case */
            v2 = v1 == maxd - 1 ? 0 : v1 + 1;
            out[n] = (float)(buf[v1] + fv1 * ((double)buf[v2] - buf[v1]));
        } else {
            buf[indx] = in[n];
            v2 = v1 == maxd - 1 ? 0 : v1 + 1;
            v0 = v1 == 0 ? maxd - 1 : v1 - 1;
            v3 = v2 == maxd - 1 ? 0 : v2 + 1;
            out[n] = (float)vdel3_cubic(fv1, buf[v0], buf[v1], buf[v2], buf[v3]);
        }
        if (++v1 >= maxd) v1 -= maxd;
        if (++indx >= maxd) indx -= maxd;
    }
    p->left = indx;
    op_aclear_edges(out, c);
}

/* the loop for the delay's rate */
static int vdelay_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 2, vdelay_k, vdelay_a); return 0; }
static int vdelay3_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 2, vdelay3_k, vdelay3_a); return 0; }

/* ------------------------------------------------------------------------ */
/* multitap (OOps/vdelay.c, Paris Smaragdis): taps of i-rate times and
 * gains, asig, itime1, igain1, ...; a line as long as the longest time.
 * The times are i-rate, so each tap's distance is computed once here
 * (Csound recomputes the same value every sample); Csound overruns the line
 * for a negative time or none longer than a sample: here they are bounded.
 * The pairs are an array as long as the compiler allows a call to be. */
typedef struct {
    OP h;
    OP_ARG ar, asig, args[OP_MAXIN - 1];   /* itime1, igain1, itime2, igain2 … */
    float *buf;
    int32_t max, left, ntaps;
    int32_t *dist;
    double *gain;
} MDEL;

static int multitap_init(OP *o, OP_CTX *c)
{
    MDEL *p = (MDEL *)o;
    int nin = o->ngiven;        /* asig and the pairs */
    if ((nin & 1) == 0) return op_initerr(c, o, "Wrong input count in multitap");
    p->ntaps = (nin - 1) / 2;
    double max = 0.0;
    for (int t = 0; t < p->ntaps; t++)
        if (max < *p->args[2 * t].k) max = *p->args[2 * t].k;
    p->max = op_int(c->sr * max);
    if (p->max < 1) p->max = 1;
    if (!(p->buf = dl_alloc(c, o, (size_t)p->max, sizeof(float)))) return -1;
    p->dist = op_alloc(c, sizeof(int32_t) * (size_t)(p->ntaps + 1));
    p->gain = op_alloc(c, sizeof(double) * (size_t)(p->ntaps + 1));
    if (!p->dist || !p->gain) return op_initerr(c, o, "out of note memory");
    for (int t = 0; t < p->ntaps; t++) {
        int32_t d = op_int(c->sr * *p->args[2 * t].k);
        p->dist[t] = d < 0 ? 0 : d > p->max ? p->max : d;
        p->gain[t] = *p->args[2 * t + 1].k;
    }
    p->left = 0;
    return 0;
}

static void multitap_perf(OP *o, OP_CTX *c)
{
    MDEL *p = (MDEL *)o;
    float *out = p->ar.a, *buf = p->buf;
    const float *in = p->asig.a;
    int32_t indx = p->left, max = p->max;
    for (int n = c->ofs; n < c->end; n++) {
        double v = 0.0;
        buf[indx] = in[n];
        if (++indx == max) indx = 0;
        for (int t = 0; t < p->ntaps; t++) {
            int32_t d = indx - p->dist[t];
            if (d < 0) d += max;
            v += buf[d] * p->gain[t];
        }
        out[n] = (float)v;
    }
    p->left = indx;
    op_aclear_edges(out, c);
}

/* ------------------------------------------------------------------------ */

#define TAP_ROW(NAME, IN, PERF) { NAME, "a", IN, sizeof(DELTAP), tap_init, PERF, OP_ARGS_IN(3) }

static const OP_DESC op_delay[] = {
    { "delay", "a", "aio", sizeof(DELAY), delay_init, delay_perf, OP_ARGS_IN(4) },
    { "delay1", "a", "ao", sizeof(DELAY1), NULL, delay1_perf, OP_ARGS_IN(3) },
    { "delayk", "k", "kio", sizeof(DELAYK), delayk_init, delayk_perf, OP_ARGS_IN(4) },
    { "vdel_k", "k", "kkio", sizeof(VDELK), vdelk_init, vdelk_perf, OP_ARGS_IN(5) },
    { "delayr", "a", "io", sizeof(DELAYR), delayr_init, delayr_perf, OP_ARGS_IN(3) },
    { "delayr", "ai", "io", sizeof(DELAYR2), delayr2_init, delayr2_perf, OP_ARGS_IN(4) },
    { "delayr", "ak", "io", sizeof(DELAYR2), delayr2_init, delayr2_perf, OP_ARGS_IN(4) },
    { "delayw", "", "a", sizeof(DELAYW), delayw_init, delayw_perf, OP_ARGS_IN(1) },
    TAP_ROW("deltap", "ko", deltap_perf),
    TAP_ROW("deltapi", "xo", deltapi_perf),
    TAP_ROW("deltapn", "xo", deltapn_perf),
    TAP_ROW("deltap3", "xo", deltap3_perf),
    { "deltapx", "a", "aio", sizeof(DELTAPX), tapx_init, deltapx_perf, OP_ARGS_IN(4) },
    { "deltapxw", "", "aaio", sizeof(DELTAPX), tapx_init, deltapxw_perf, OP_ARGS_IN(4) },
    { "vdelay", "a", "axio", sizeof(VDEL), vdel_init, vdelay_k, OP_ARGS_IN(5), vdelay_prep },
    { "vdelay3", "a", "axio", sizeof(VDEL), vdel_init, vdelay3_k, OP_ARGS_IN(5), vdelay3_prep },
    { "multitap", "a", "am", sizeof(MDEL), multitap_init, multitap_perf, OP_ARGS_IN(2 + OP_MAXIN - 1) },
    OP_END
};
OP_FAMILY(delay, "Signal Modifiers: Delay", op_delay);
