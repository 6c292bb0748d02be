/* env.c — envelopes and line generators: line, expon, linseg, expseg, expsega, transeg, linsegr, expsegr, linen, linenr, adsr, madsr, xadsr, mxadsr. */
#include "op.h"
#include <limits.h>
#include <math.h>
#include <string.h>

/*
 * Every opcode here follows Csound 6's OOps/ugens1.c (the 6.x versions with
 * per-sample a-rate segments; transeg: OOps/pitch.c) step for step, because
 * an envelope's exact shape depends on Csound's counting:
 *
 *  - segment lengths are whole k-cycles for k-rate outputs, (int)(dur·kr + 0.5),
 *    and whole samples for a-rate outputs, (int)(dur·sr + 0.5);
 *  - a k-rate output gives the value *before* the k-cycle's step (the first
 *    k-cycle gives the start value);
 *  - linseg starts from a zero-length "null" segment, so a k-rate linseg
 *    spends its first k-cycle on the start value and only then begins to move,
 *    and a zero-length segment costs one k-cycle at its end point.
 *
 * Release opcodes (linsegr, expsegr, madsr, mxadsr) ask the note for a release
 * of their last segment's length in whole k-cycles (Csound's xtratim) and jump
 * to that last segment in the first k-cycle the note is releasing; until then
 * they hold the value reached at the end of the second-to-last segment.
 * (linenr asks for round(idec·kr) k-cycles and decays over them.)
 * Values are kept in double, as in Csound; a-rate outputs are float.
 *
 * Where Csound skips its set-up (idur1 <= 0, iatt <= 0 for the ADSRs) the
 * output here is 0; Csound's would go on from whatever state a reused
 * instrument instance held.
 */

#define MAXPOS 0x7FFFFFFF

/* Arguments are named as Csound names them (xr: the output, k- or a-rate by
 * the row).  A breakpoint list (linseg's ia, idur1, ib, idur2, ic …) is one
 * args[] array, Csound's argums, of at most SEG_MAXARGS values: the compiler
 * refuses more.  The ADSRs share the segment walkers' structs, their named
 * arguments in a union with that array. */
#define SEG_MAXARGS 64

/* C's (int32_t) truncation of a count, kept inside int32_t's range. */
static int32_t to_cnt(double x)
{
    if (!(x > -2147483648.0)) return INT32_MIN;
    if (x >= 2147483647.0) return MAXPOS;
    return (int32_t)x;
}

/* Ask the note for `kcycles` whole k-cycles of release (Csound's xtratim). */
static void want_release(OP_CTX *c, int32_t kcycles)
{
    if (kcycles > 0) op_xtratim(c, (double)kcycles * c->ksmps / c->sr);
}

/* ---------------------------------------------------------------------- */
/* line, expon (Csound's linset/kline/aline, expset/kexpon/expon)          */
/* ---------------------------------------------------------------------- */

typedef struct {
    OP h;
    OP_ARG xr, ia, idur, ib;
    double val;
    double inc, kinc;   /* line: per sample, per k-cycle */
    double mlt, kmlt;   /* expon: per sample, per k-cycle */
} LINE;

/* line ia, idur, ib: the slope per sample is (ib − ia) / idur / sr, per k-cycle
 * ksmps times that; the line goes on past idur. */
static int line_init(OP *o, OP_CTX *c)
{
    LINE *p = (LINE *)o;
    double dur = *p->idur.k;
    if (dur > 0) {
        p->inc = (*p->ib.k - *p->ia.k) / dur * c->onedsr;
        p->kinc = p->inc * c->ksmps;
        p->val = *p->ia.k;
    }
    return 0;
}

static void line_k(OP *o, OP_CTX *c)
{
    LINE *p = (LINE *)o;
    *p->xr.k = p->val;
    p->val += p->kinc;
}

static void line_a(OP *o, OP_CTX *c)
{
    LINE *p = (LINE *)o;
    float *ar = p->xr.a;
    double val = p->val, inc = p->inc;
    for (int n = c->ofs; n < c->end; n++) {
        ar[n] = (float)val;
        val += inc;
    }
    p->val = val;
    op_aclear_edges(ar, c);
}

/* expon ia, idur, ib: a constant ratio per sample (ib/ia)^(1/(idur·sr)), per
 * k-cycle (ib/ia)^(1/(idur·kr)); ia and ib must be non-zero and of one sign. */
static int expon_init(OP *o, OP_CTX *c)
{
    LINE *p = (LINE *)o;
    double a = *p->ia.k, dur = *p->idur.k, b = *p->ib.k;
    if (dur > 0) {
        if (a * b > 0) {
            p->mlt = pow(b / a, c->onedsr / dur);
            p->kmlt = pow(b / a, c->onedkr / dur);
            p->val = a;
        } else if (a == 0) {
            return op_initerr(c, o, "arg1 is zero");
        } else if (b == 0) {
            return op_initerr(c, o, "arg2 is zero");
        } else {
            return op_initerr(c, o, "unlike signs");
        }
    }
    return 0;
}

static void expon_k(OP *o, OP_CTX *c)
{
    LINE *p = (LINE *)o;
    *p->xr.k = p->val;
    p->val *= p->kmlt;
}

static void expon_a(OP *o, OP_CTX *c)
{
    LINE *p = (LINE *)o;
    float *ar = p->xr.a;
    double val = p->val, mlt = p->mlt;
    for (int n = c->ofs; n < c->end; n++) {
        ar[n] = (float)val;
        val *= mlt;
    }
    p->val = val;
    op_aclear_edges(ar, c);
}

/* ---------------------------------------------------------------------- */
/* linseg, linsegr, expsegr, adsr, madsr, mxadsr: Csound's LINSEG/EXPSEG    */
/* ---------------------------------------------------------------------- */

typedef struct {
    int32_t cnt, acnt;  /* length in k-cycles, in samples */
    double nxtpt;       /* the value the segment ends on */
} SEG;

typedef struct {
    OP h;
    OP_ARG xr;
    union {
        OP_ARG args[SEG_MAXARGS];   /* linseg, linsegr, expsegr: ia, idur1, ib, idur2, ic … */
        struct { OP_ARG iatt, idec, islev, irel, idel, ireltim; };   /* adsr, madsr, mxadsr */
    };
    SEG *seg;           /* seg[0] is Csound's null segment before the first */
    int32_t cur;        /* index of the current segment */
    int32_t segsrem;    /* segments left, counting the current one; 0 = done */
    int32_t curcnt;     /* k-cycles or samples left in the current segment */
    double curval, curinc, curainc, curmlt, curamlt;
    int32_t xtra;       /* release length in k-cycles */
} LSEG;

/* Csound's lsgset: ia, idur1, ib [, idur2, ic …]; an even number of arguments
 * is an error, idur1 <= 0 skips the setup (the output stays 0). */
static int lseg_setup(OP *o, OP_CTX *c)
{
    LSEG *p = (LSEG *)o;
    int nin = o->nin;
    if (!(nin & 1)) return op_initerr(c, o, "incomplete number of input arguments");
    int nsegs = nin >> 1;
    p->seg = op_alloc(c, sizeof(SEG) * (size_t)(nsegs + 1));
    if (!p->seg) return op_initerr(c, o, "out of voice memory for %d segments", nsegs);
    if (*p->args[1].k <= 0) return 0;
    p->curval = *p->args[0].k;
    p->curcnt = 0;
    p->cur = 0;
    p->segsrem = nsegs + 1;
    for (int i = 1; i <= nsegs; i++) {
        double dur = *p->args[2 * i - 1].k;
        SEG *s = &p->seg[i];
        s->nxtpt = *p->args[2 * i].k;
        if ((s->cnt = to_cnt(dur * c->kr + 0.5)) < 0) s->cnt = 0;
        if ((s->acnt = to_cnt(dur * c->sr + 0.5)) < 0) s->acnt = 0;
    }
    p->xtra = -1;
    return 0;
}

/* klnseg: one step per k-cycle; in a segment's last 9 k-cycles the step is
 * recomputed from the distance left ("a fiddle to get rounding right"). */
static void linseg_k(OP *o, OP_CTX *c)
{
    LSEG *p = (LSEG *)o;
    *p->xr.k = p->curval;
    if (!p->segsrem) return;
    if (--p->curcnt <= 0) {
        SEG *s = &p->seg[p->cur];
        if (!--p->segsrem) {            /* the last segment is done: hold its end */
            p->curval = s->nxtpt;
            return;
        }
        s = &p->seg[++p->cur];
        if (!(p->curcnt = s->cnt)) {    /* zero length: jump */
            p->curval = s->nxtpt;
            return;
        }
        p->curinc = (s->nxtpt - p->curval) / s->cnt;
        p->curval += p->curinc;
        return;
    }
    if (p->curcnt < 10) p->curinc = (p->seg[p->cur].nxtpt - p->curval) / p->curcnt;
    p->curval += p->curinc;
}

/* linseg (a-rate): the same walk counted in samples, one step per sample. */
static void linseg_a(OP *o, OP_CTX *c)
{
    LSEG *p = (LSEG *)o;
    float *rs = p->xr.a;
    for (int n = c->ofs; n < c->end; n++) {
        int move = 0;
        if (p->segsrem) {
            move = 1;
            if (--p->curcnt <= 0) {
                SEG *s = &p->seg[p->cur];
                for (;;) {
                    if (!--p->segsrem) {    /* none left: hold the end point */
                        p->curval = s->nxtpt;
                        move = 0;
                        break;
                    }
                    s = &p->seg[++p->cur];
                    if ((p->curcnt = s->acnt) != 0) {
                        p->curainc = (s->nxtpt - p->curval) / s->acnt;
                        break;
                    }
                    p->curval = s->nxtpt;   /* zero length: jump, look further */
                }
            }
        }
        rs[n] = (float)p->curval;
        if (move) p->curval += p->curainc;
    }
    op_aclear_edges(rs, c);
}

/* The release: jump to the last segment and make it last `cnt` (k-cycles or
 * samples), from wherever the envelope is. */
static SEG *lsegr_jump(LSEG *p)
{
    while (p->segsrem > 1) {
        p->cur++;
        p->segsrem--;
    }
    return &p->seg[p->cur];
}

/* Csound's newi/chk2 loop of klnsegr/linsegr and kxpsegr/expsegr: start
 * segment s (zero-length ones jump to their end point and the next is tried).
 * The envelope holds (returns 0) at the end of the second-to-last segment
 * until the release, and after the last.  `arate` picks the sample counts,
 * `expo` the multiplicative step. */
static int lsegr_enter(LSEG *p, SEG *s, int arate, int expo)
{
    for (;;) {
        int32_t cnt = arate ? s->acnt : s->cnt;
        if ((p->curcnt = cnt) != 0) break;
        p->curval = s->nxtpt;
        if (p->segsrem == 2 || !--p->segsrem) return 0;
        s = &p->seg[++p->cur];
    }
    if (!expo) {
        double inc = (s->nxtpt - p->curval) / p->curcnt;
        if (arate) p->curainc = inc;
        else p->curinc = inc;
    } else if (!arate) {
        p->curmlt = s->nxtpt == p->curval ? 1.0 : pow(s->nxtpt / p->curval, 1.0 / s->cnt);
    } else {
        p->curamlt = s->nxtpt == p->curval ? 1.0 : pow(s->nxtpt / p->curval, 1.0 / s->acnt);
    }
    return 1;
}

static int lsegr_next(LSEG *p, int arate, int expo)
{
    if (p->segsrem == 2) {      /* sustain: the count stays at 0 (a held note may hold for days) */
        p->curcnt = 0;
        return 0;
    }
    if (!--p->segsrem) return 0;
    return lsegr_enter(p, &p->seg[++p->cur], arate, expo);
}

/* klnsegr (expo 0) and kxpsegr (expo 1). */
static void segr_k(OP *o, OP_CTX *c, int expo)
{
    LSEG *p = (LSEG *)o;
    *p->xr.k = p->curval;
    if (!p->segsrem) return;
    if (op_releasing(c) && p->segsrem > 1) {
        SEG *s = lsegr_jump(p);
        s->cnt = p->xtra;
        if (!lsegr_enter(p, s, 0, expo)) return;
    } else if (--p->curcnt <= 0) {
        if (!lsegr_next(p, 0, expo)) return;
    }
    if (expo) p->curval *= p->curmlt;
    else p->curval += p->curinc;
}

/* linsegr / expsegr at a-rate: the release segment lasts xtra·ksmps samples,
 * exactly the note's extra time. */
static void segr_a(OP *o, OP_CTX *c, int expo)
{
    LSEG *p = (LSEG *)o;
    float *rs = p->xr.a;
    int rel = op_releasing(c);
    for (int n = c->ofs; n < c->end; n++) {
        int move = 0;
        if (p->segsrem) {
            if (rel && p->segsrem > 1) {
                SEG *s = lsegr_jump(p);
                s->acnt = p->xtra * c->ksmps;
                move = lsegr_enter(p, s, 1, expo);
            } else if (--p->curcnt <= 0) {
                move = lsegr_next(p, 1, expo);
            } else {
                move = 1;
            }
            if (move && (expo ? p->curamlt == 1.0 : p->curainc == 0.0)) move = 0;
        }
        rs[n] = (float)p->curval;
        if (move) {
            if (expo) p->curval *= p->curamlt;
            else p->curval += p->curainc;
        }
    }
    op_aclear_edges(rs, c);
}

static void linsegr_k(OP *o, OP_CTX *c) { segr_k(o, c, 0); }
static void linsegr_a(OP *o, OP_CTX *c) { segr_a(o, c, 0); }
static void expsegr_k(OP *o, OP_CTX *c) { segr_k(o, c, 1); }
static void expsegr_a(OP *o, OP_CTX *c) { segr_a(o, c, 1); }

/* Csound's lsgrset: linseg's segments; the last is the release. */
static int linsegr_init(OP *o, OP_CTX *c)
{
    LSEG *p = (LSEG *)o;
    if (lseg_setup(o, c)) return -1;
    if (!p->segsrem) return 0;
    p->xtra = p->seg[p->cur + p->segsrem - 1].cnt;
    want_release(c, p->xtra);
    return 0;
}

/* Csound's xsgrset: like linsegr, with values that must be non-zero and of
 * one sign across every segment longer than half a k-cycle; note the sample
 * counts are truncated, (int)(dur·sr), not rounded.  idur1 < 0 skips it. */
static int expsegr_init(OP *o, OP_CTX *c)
{
    LSEG *p = (LSEG *)o;
    int nin = o->nin;
    if (!(nin & 1)) return op_initerr(c, o, "incomplete number of input arguments");
    int nsegs = nin >> 1;
    p->seg = op_alloc(c, sizeof(SEG) * (size_t)(nsegs + 1));
    if (!p->seg) return op_initerr(c, o, "out of voice memory for %d segments", nsegs);
    double prvpt = *p->args[0].k;
    if (*p->args[1].k < 0) return 0;
    p->curval = prvpt;
    p->curcnt = 0;
    p->cur = 0;
    p->segsrem = nsegs + 1;
    for (int i = 1; i <= nsegs; i++) {
        double dur = *p->args[2 * i - 1].k;
        SEG *s = &p->seg[i];
        s->nxtpt = *p->args[2 * i].k;
        if ((s->cnt = to_cnt(dur * c->kr + 0.5)) <= 0) {
            s->cnt = 0;
        } else if (s->nxtpt * prvpt <= 0) {
            p->segsrem = 0;
            if (prvpt == 0) return op_initerr(c, o, "ival%d is zero", i);
            if (s->nxtpt == 0) return op_initerr(c, o, "ival%d is zero", i + 1);
            return op_initerr(c, o, "ival%d sign conflict", i + 1);
        }
        if ((s->acnt = to_cnt(dur * c->sr)) <= 0) s->acnt = 0;
        prvpt = s->nxtpt;
    }
    p->xtra = p->seg[nsegs].cnt;
    want_release(c, p->xtra);
    return 0;
}

/*
 * adsr / madsr: Csound's adsrset1, a linseg of six segments built from
 * iatt, idec, islev, irel [, idel]: delay (at 0), attack (to 1), decay (to
 * islev), sustain (islev for p3 − idel − iatt − idec − irel, or for about
 * INT_MAX/sr seconds when p3 is not positive), release (to 0), and a
 * never-ending sixth one at 0.  adsr plays it like linseg, fitted inside p3;
 * madsr plays it like linsegr, the release (irel) starting when the note is
 * released.  Details kept from Csound: iatt <= 0 skips the setup (the output
 * stays 0); the delay segment has no sample count, so at a-rate the delay is
 * skipped; madsr's ireltim is not used (the release is always irel).
 */
/* One ADSR segment to `target` over `secs`: its k-cycle and sample counts, as Csound rounds them. */
static void adsr_seg(SEG *s, double target, double secs, OP_CTX *c)
{
    s->nxtpt = target;
    s->cnt = to_cnt(secs * c->kr + 0.5);
    if ((s->acnt = to_cnt(secs * c->sr + 0.5)) < 0) s->acnt = 0;
}

static int adsr_setup(OP *o, OP_CTX *c, int midi)
{
    LSEG *p = (LSEG *)o;
    double iatt = *p->iatt.k, idec = *p->idec.k, islev = *p->islev.k, irel = *p->irel.k, idel = *p->idel.k;
    double len = op_p3(c);
    if (len <= 0) len = (double)(int32_t)(INT_MAX / c->sr);
    p->seg = op_alloc(c, sizeof(SEG) * 7);
    if (!p->seg) return op_initerr(c, o, "out of voice memory");
    p->seg[6].cnt = MAXPOS;
    if (iatt <= 0) return 0;
    p->curval = 0;
    p->curcnt = 0;
    p->cur = 0;
    p->segsrem = 6;
    SEG *s = &p->seg[1];                        /* delay: no sample count (skipped at a-rate) */
    s->nxtpt = 0;
    s->cnt = to_cnt(idel * c->kr + 0.5);
    adsr_seg(++s, 1, iatt, c);                  /* attack */
    adsr_seg(++s, islev, idec, c);              /* decay */
    double dur = len - idel - iatt - idec - irel;
    if (!midi && dur < 0) op_msg(c, "WARNING: %s: length of ADSR note too short\n", o->desc->name);
    adsr_seg(++s, islev, dur, c);               /* sustain */
    adsr_seg(++s, 0, irel, c);                  /* release */
    if (midi) {
        p->xtra = s->cnt;
        want_release(c, p->xtra);
    } else {
        p->xtra = 0;
    }
    return 0;
}

static int adsr_init(OP *o, OP_CTX *c) { return adsr_setup(o, c, 0); }
static int madsr_init(OP *o, OP_CTX *c) { return adsr_setup(o, c, 1); }

/* mxadsr: Csound's mxdsrset, an expsegr of four segments from 0.001: delay
 * (idel + 0.001 at 0.001), attack (iatt − 0.001, to 1), decay (to islev),
 * release (irel, to 0.001).  p3 plays no part; iatt <= 0 skips the setup. */
static int mxadsr_init(OP *o, OP_CTX *c)
{
    LSEG *p = (LSEG *)o;
    double iatt = *p->iatt.k, idec = *p->idec.k, islev = *p->islev.k, irel = *p->irel.k, idel = *p->idel.k;
    p->seg = op_alloc(c, sizeof(SEG) * 5);
    if (!p->seg) return op_initerr(c, o, "out of voice memory");
    if (iatt <= 0) return 0;
    p->cur = 0;
    p->segsrem = 5;
    p->curval = 0.001;
    p->curcnt = 0;
    idel += 0.001;
    iatt -= 0.001;
    const double pts[4] = { 0.001, 1.0, islev, 0.001 }, durs[4] = { idel, iatt, idec, irel };
    for (int i = 0; i < 4; i++) {
        SEG *s = &p->seg[i + 1];
        s->nxtpt = pts[i];
        s->cnt = to_cnt(durs[i] * c->kr + 0.5);
        s->acnt = to_cnt(durs[i] * c->sr + 0.5);
    }
    p->xtra = p->seg[4].cnt;
    want_release(c, p->xtra);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* expseg, xadsr: Csound's EXXPSEG (xsgset, kxpseg, expseg; xdsrset)         */
/* ---------------------------------------------------------------------- */

typedef struct {
    double val;         /* current value, starting at the segment's first point */
    double mlt, amlt;   /* ratio per k-cycle, per sample */
    int32_t cnt, acnt;  /* k-cycles, samples left */
} XSEG;

typedef struct {
    OP h;
    OP_ARG xr;
    union {
        OP_ARG args[SEG_MAXARGS];   /* expseg, expsega: ia, idur1, ib, idur2, ic … */
        struct { OP_ARG iatt, idec, islev, irel, idel; };   /* xadsr */
    };
    XSEG *seg;
    int32_t nseg, cur;
} XPSEG;

/* expseg ia, idur1, ib [, idur2, ic …]: every point non-zero, all of one sign.
 * The last segment never ends: past its end point the curve goes on with the
 * same ratio, as in Csound. */
static int expseg_init(OP *o, OP_CTX *c)
{
    XPSEG *p = (XPSEG *)o;
    int nin = o->nin;
    if (!(nin & 1)) return op_initerr(c, o, "incomplete number of input arguments");
    int nsegs = nin >> 1;
    p->seg = op_alloc(c, sizeof(XSEG) * (size_t)nsegs);
    if (!p->seg) return op_initerr(c, o, "out of voice memory for %d segments", nsegs);
    p->nseg = nsegs;
    p->cur = 0;
    double nxtval = *p->args[0].k;
    if (*p->args[1].k <= 0) return 0;        /* Csound skips its setup: output 0 */
    for (int i = 0; i < nsegs; i++) {
        XSEG *s = &p->seg[i];
        double val = nxtval, dur = *p->args[2 * i + 1].k;
        nxtval = *p->args[2 * i + 2].k;
        if (val * nxtval <= 0) {
            memset(p->seg, 0, sizeof(XSEG) * (size_t)nsegs);
            if (val == 0) return op_initerr(c, o, "ival%d is zero", i + 1);
            if (nxtval == 0) return op_initerr(c, o, "ival%d is zero", i + 2);
            return op_initerr(c, o, "ival%d sign conflict", i + 2);
        }
        double d = dur * c->kr;
        s->val = val;
        s->mlt = pow(nxtval / val, 1.0 / d);
        s->cnt = to_cnt(d + 0.5);
        d = dur * c->sr;
        s->amlt = pow(nxtval / val, 1.0 / d);
        s->acnt = to_cnt(d + 0.5);
    }
    p->seg[nsegs - 1].cnt = MAXPOS;
    p->seg[nsegs - 1].acnt = MAXPOS;
    return 0;
}

static void expseg_k(OP *o, OP_CTX *c)
{
    XPSEG *p = (XPSEG *)o;
    XSEG *s = &p->seg[p->cur];
    while (--s->cnt < 0) {
        if (p->cur >= p->nseg - 1) { s->cnt = 0; break; }   /* (only if never set up) */
        s = &p->seg[++p->cur];
    }
    *p->xr.k = s->val;
    s->val *= s->mlt;
}

static void expseg_a(OP *o, OP_CTX *c)
{
    XPSEG *p = (XPSEG *)o;
    float *rs = p->xr.a;
    XSEG *s = &p->seg[p->cur];
    for (int n = c->ofs; n < c->end; n++) {
        while (--s->acnt < 0) {
            if (p->cur >= p->nseg - 1) { s->acnt = 0; break; }
            s = &p->seg[++p->cur];
        }
        rs[n] = (float)s->val;
        s->val *= s->amlt;
    }
    op_aclear_edges(rs, c);
}

/* expsega ia, idur1, ib …: Csound's xsgset2/expseg2 (G. Maldonado), an a-rate
 * expseg whose segments are counted in samples; same rules for the values. */
static int expsega_init(OP *o, OP_CTX *c)
{
    XPSEG *p = (XPSEG *)o;
    int nin = o->nin;
    if (!(nin & 1)) return op_initerr(c, o, "incomplete number of input arguments");
    int nsegs = nin >> 1;
    p->seg = op_alloc(c, sizeof(XSEG) * (size_t)nsegs);
    if (!p->seg) return op_initerr(c, o, "out of voice memory for %d segments", nsegs);
    p->nseg = nsegs;
    p->cur = 0;
    double nxtval = *p->args[0].k;
    if (*p->args[1].k <= 0) return 0;
    for (int i = 0; i < nsegs; i++) {
        XSEG *s = &p->seg[i];
        double val = nxtval, dur = *p->args[2 * i + 1].k;
        nxtval = *p->args[2 * i + 2].k;
        if (val * nxtval <= 0) {
            memset(p->seg, 0, sizeof(XSEG) * (size_t)nsegs);
            if (val == 0) return op_initerr(c, o, "ival%d is zero", i + 1);
            if (nxtval == 0) return op_initerr(c, o, "ival%d is zero", i + 2);
            return op_initerr(c, o, "ival%d sign conflict", i + 2);
        }
        double d = dur * c->sr;
        s->val = val;
        s->mlt = pow(nxtval / val, 1.0 / d);
        s->cnt = to_cnt(d + 0.5);
    }
    p->seg[nsegs - 1].cnt = MAXPOS;
    return 0;
}

static void expsega_a(OP *o, OP_CTX *c)
{
    XPSEG *p = (XPSEG *)o;
    float *rs = p->xr.a;
    XSEG *s = &p->seg[p->cur];
    double val = s->val;
    for (int n = c->ofs; n < c->end; n++) {
        while (--s->cnt < 0) {
            if (p->cur >= p->nseg - 1) { s->cnt = 0; break; }
            s = &p->seg[++p->cur];
            val = s->val;
        }
        rs[n] = (float)val;
        val *= s->mlt;
    }
    s->val = val;
    op_aclear_edges(rs, c);
}

/* ---------------------------------------------------------------------- */
/* transeg (Csound's OOps/pitch.c trnset/ktrnseg/trnseg, CMUSIC's trans)   */
/* ---------------------------------------------------------------------- */

typedef struct {
    int32_t cnt, acnt;      /* k-cycles (truncated), samples (rounded) */
    double nxtpt, val;      /* end and start values */
    double c1, alpha;       /* curve: val + c1·(1 − e^(alpha·i)), or val + c1·i */
} NSEG;

typedef struct {
    OP h;
    OP_ARG xr, args[SEG_MAXARGS];   /* ia, idur1, itype1, ib, idur2, itype2, ic … */
    NSEG *seg;              /* seg[0] is the null segment */
    int32_t cur, segsrem, curcnt;
    double curval, curinc, alpha, curx;
} TRANSEG;

/* transeg ia, idur1, itype1, ib [, idur2, itype2, ic …]: each segment goes
 * from a to b as a + (b − a)·(1 − e^(type·t/dur))/(1 − e^type), a straight
 * line when type is 0.  Kept from Csound: the k-rate counts are truncated,
 * (int)(dur·kr), and a k-cycle's value is the one a whole block later. */
static int transeg_init(OP *o, OP_CTX *c)
{
    TRANSEG *p = (TRANSEG *)o;
    int nin = o->nin;
    if (nin % 3 != 1) return op_initerr(c, o, "Incorrect argument count in transeg");
    int nsegs = nin / 3;
    p->seg = op_alloc(c, sizeof(NSEG) * (size_t)(nsegs + 1));
    if (!p->seg) return op_initerr(c, o, "out of voice memory for %d segments", nsegs);
    double val = *p->args[0].k;
    if (*p->args[1].k <= 0) return 0;
    p->curval = val;
    p->curcnt = 0;
    p->cur = 0;
    p->segsrem = nsegs + 1;
    p->curx = 0;
    for (int i = 1; i <= nsegs; i++) {
        NSEG *s = &p->seg[i];
        double dur = *p->args[3 * i - 2].k, alpha = *p->args[3 * i - 1].k, nxtval = *p->args[3 * i].k;
        double d = dur * c->sr;
        double r = rint(d);
        s->acnt = s->cnt = r >= 2147483647.0 ? MAXPOS : r <= -2147483648.0 ? INT32_MIN : (int32_t)r;
        if (s->cnt < 0) s->cnt = 0;
        else s->cnt = to_cnt(dur * c->kr);
        s->nxtpt = nxtval;
        s->val = val;
        if (alpha == 0) s->c1 = (nxtval - val) / d;
        else s->c1 = (nxtval - val) / (1.0 - exp(alpha));
        s->alpha = alpha / d;
        val = nxtval;
    }
    p->alpha = p->seg[1].alpha;
    p->curinc = p->seg[1].c1;
    return 0;
}

static void transeg_k(OP *o, OP_CTX *c)
{
    TRANSEG *p = (TRANSEG *)o;
    *p->xr.k = p->curval;
    if (!p->segsrem) return;
    if (--p->curcnt <= 0) {
        NSEG *s = &p->seg[p->cur];
        for (;;) {
            if (!--p->segsrem) {
                p->curval = s->nxtpt;
                return;
            }
            s = &p->seg[++p->cur];
            if ((p->curcnt = s->cnt) != 0) break;
            p->curval = s->nxtpt;
        }
        p->curinc = s->c1;
        p->alpha = s->alpha;
        p->curx = 0;
    }
    p->curx += (double)c->ksmps * p->alpha;
    if (p->alpha == 0) p->curval += p->curinc * c->ksmps;
    else p->curval = p->seg[p->cur].val + p->curinc * (1.0 - exp(p->curx));
}

static void transeg_a(OP *o, OP_CTX *c)
{
    TRANSEG *p = (TRANSEG *)o;
    float *rs = p->xr.a;
    double val = p->curval;
    for (int n = c->ofs; n < c->end; n++) {
        if (p->segsrem) {
            if (--p->curcnt <= 0) {
                NSEG *s = &p->seg[p->cur];
                int done = 0;
                for (;;) {
                    if (!--p->segsrem) {
                        val = p->curval = s->nxtpt;
                        done = 1;
                        break;
                    }
                    s = &p->seg[++p->cur];
                    if ((p->curcnt = s->acnt) != 0) break;
                    val = p->curval = s->nxtpt;
                }
                if (done) {
                    rs[n] = (float)val;
                    continue;
                }
                p->curinc = s->c1;
                p->alpha = s->alpha;
                p->curx = 0;
                p->curval = val;
            }
            rs[n] = (float)val;
            if (p->alpha == 0) {
                val += p->curinc;
            } else {
                p->curx += p->alpha;
                val = p->seg[p->cur].val + p->curinc * (1.0 - exp(p->curx));
            }
        } else {
            rs[n] = (float)val;
        }
    }
    p->curval = val;
    op_aclear_edges(rs, c);
}

/*
 * xadsr: Csound's xdsrset, an expseg of five segments fitted inside p3:
 * delay (idel + 0.001 at 0.001), attack (iatt − 0.001, 0.001 to 1), decay (to
 * islev), sustain (islev), release (irel, towards 0.001, never ending).  Kept
 * from Csound: the sustain is p3 − irel − attack − decay (the delay is not
 * taken off); a release longer than p3 becomes p3; iatt <= 0 skips the setup
 * (Csound would crash; here the output is 0).
 */
static int xadsr_init(OP *o, OP_CTX *c)
{
    XPSEG *p = (XPSEG *)o;
    double attack = *p->iatt.k, decay = *p->idec.k, slev = *p->islev.k, release = *p->irel.k, delay = *p->idel.k;
    double p3 = op_p3(c), len = p3;
    p->seg = op_alloc(c, sizeof(XSEG) * 5);
    if (!p->seg) return op_initerr(c, o, "out of voice memory");
    p->nseg = 5;
    p->cur = 0;
    if (len < 0) len = 100000.0;
    if (p3 - delay - attack - decay < 0) op_msg(c, "WARNING: xadsr: length of XADSR note too short\n");
    len -= release;
    if (len < 0) {
        release = p3;
        len = 0;
    }
    p->seg[4].cnt = MAXPOS;
    if (attack <= 0) {
        p->seg[4].acnt = MAXPOS;
        return 0;
    }
    delay += 0.001;
    if (delay > len) { delay = len; len -= delay; }
    attack -= 0.001;
    if (attack > len) { attack = len; len -= attack; }
    if (decay > len) { decay = len; len -= decay; }
    double sus = len - attack - decay, dur;
    XSEG *s = p->seg;
    s[0].val = 0.001;
    s[0].mlt = 1.0;
    s[0].cnt = to_cnt(delay * c->kr + 0.5);
    s[0].amlt = 1.0;
    s[0].acnt = to_cnt(delay * c->sr + 0.5);
    dur = attack * c->kr;
    s[1].val = 0.001;
    s[1].mlt = pow(1000.0, 1.0 / dur);
    s[1].cnt = to_cnt(dur + 0.5);
    dur = attack * c->sr;
    s[1].amlt = pow(1000.0, 1.0 / dur);
    s[1].acnt = to_cnt(dur + 0.5);
    dur = decay * c->kr;
    s[2].val = 1.0;
    s[2].mlt = pow(slev, 1.0 / dur);
    s[2].cnt = to_cnt(dur + 0.5);
    dur = decay * c->sr;
    s[2].amlt = pow(slev, 1.0 / dur);
    s[2].acnt = to_cnt(dur + 0.5);
    s[3].val = slev;
    s[3].mlt = 1.0;
    s[3].cnt = to_cnt(sus * c->kr + 0.5);
    s[3].amlt = 1.0;
    s[3].acnt = to_cnt(sus * c->sr + 0.5);
    dur = release * c->kr;
    s[4].val = slev;
    s[4].mlt = pow(0.001 / slev, 1.0 / dur);
    s[4].cnt = MAXPOS;
    dur = release * c->sr;
    s[4].amlt = pow(0.001 / slev, 1.0 / dur);
    s[4].acnt = MAXPOS;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* linen (Csound's lnnset/klinen, alnnset/linen)                            */
/* ---------------------------------------------------------------------- */

typedef struct {
    OP h;
    OP_ARG xr, xamp, irise, idur, idec;
    int64_t cnt1, cnt2;     /* rise steps left; steps before the decay */
    double inc1, inc2;      /* rise and decay steps */
    double lin1, lin2;      /* rise and decay factors */
} LINEN;

/*
 * linen xamp, irise, idur, idec: a rise over round(irise·rate) steps of 1/n,
 * then after round(idur·rate) − (idec·rate + 0.5) steps a fall by
 * 1/(idec·rate + 0.5) a step — Csound's unrounded divisor, so the fall does not
 * quite reach 0 at idur, and past idur it goes on below 0.  rate is kr for the
 * k-rate form, sr for the a-rate ones.
 */
static int linen_setup(OP *o, OP_CTX *c, double rate)
{
    LINEN *p = (LINEN *)o;
    double iris = *p->irise.k, dur = *p->idur.k, idec = *p->idec.k;
    if (dur > 0) {
        if (op_p3(c) < (iris < idec ? idec : iris)) op_msg(c, "WARNING: linen: p3 too short in linen\n");
        p->cnt1 = to_cnt(iris * rate + 0.5);
        p->inc1 = p->cnt1 > 0 ? 1.0 / (double)p->cnt1 : 1.0;
        double a = dur * rate + 0.5, b = idec * rate + 0.5;
        if (to_cnt(b) > 0) {
            p->cnt2 = to_cnt(a - b);
            p->inc2 = 1.0 / b;
        } else {
            p->inc2 = 1.0;
            p->cnt2 = to_cnt(a);
        }
        p->lin1 = 0.0;
        p->lin2 = 1.0;
    }
    return 0;
}

static int linen_init_k(OP *o, OP_CTX *c) { return linen_setup(o, c, c->kr); }
static int linen_init_a(OP *o, OP_CTX *c) { return linen_setup(o, c, c->sr); }

static void linen_k(OP *o, OP_CTX *c)
{
    LINEN *p = (LINEN *)o;
    double fact = 1.0;
    if (p->cnt1 > 0) {
        fact = p->lin1;
        p->lin1 += p->inc1;
        p->cnt1--;
    }
    if (p->cnt2 > 0) {
        p->cnt2--;
    } else {
        fact *= p->lin2;
        p->lin2 -= p->inc2;
    }
    *p->xr.k = *p->xamp.k * fact;
}

/* The a-rate step; `sig` is a-rate (stride 1) or a k-rate scalar (stride 0). */
/*
 * The block is cut into runs where the same case holds (rising, flat,
 * decaying, both), so the per-frame arithmetic is Csound's, in the same order,
 * without a branch per frame: the long flat middle of a note is a plain
 * multiply that vectorises.
 */
static void linen_run(OP *o, OP_CTX *c, const float *asig, double ksig)
{
    LINEN *p = (LINEN *)o;
    float *rs = p->xr.a;
    int64_t cnt1 = p->cnt1, cnt2 = p->cnt2;
    double lin1 = p->lin1, lin2 = p->lin2;
    const double inc1 = p->inc1, inc2 = p->inc2;
    int n = c->ofs;
    while (n < c->end) {
        int64_t m = c->end - n;
        if (cnt1 > 0 && cnt1 < m) m = cnt1;
        if (cnt2 > 0 && cnt2 < m) m = cnt2;
        int e = n + (int)m;
        if (cnt1 > 0 && cnt2 > 0) {          /* rising */
            for (int i = n; i < e; i++) {
                double sig = asig ? asig[i] : ksig;
                rs[i] = (float)(sig * lin1);
                lin1 += inc1;
            }
            cnt1 -= m;
            cnt2 -= m;
        } else if (cnt2 > 0) {               /* flat */
            if (asig)
                for (int i = n; i < e; i++) rs[i] = (float)(double)asig[i];
            else
                for (int i = n; i < e; i++) rs[i] = (float)ksig;
            cnt2 -= m;
        } else if (cnt1 > 0) {               /* rising and decaying at once */
            for (int i = n; i < e; i++) {
                double sig = asig ? asig[i] : ksig;
                rs[i] = (float)(sig * (lin1 * lin2));
                lin1 += inc1;
                lin2 -= inc2;
            }
            cnt1 -= m;
        } else {                             /* decaying */
            for (int i = n; i < e; i++) {
                double sig = asig ? asig[i] : ksig;
                rs[i] = (float)(sig * lin2);
                lin2 -= inc2;
            }
        }
        n = e;
    }
    p->cnt1 = cnt1;
    p->cnt2 = cnt2;
    p->lin1 = lin1;
    p->lin2 = lin2;
    op_aclear_edges(rs, c);
}

static void linen_aa(OP *o, OP_CTX *c) { linen_run(o, c, ((LINEN *)o)->xamp.a, 0.0); }
static void linen_ak(OP *o, OP_CTX *c) { linen_run(o, c, NULL, *((LINEN *)o)->xamp.k); }
static int linen_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 1, linen_ak, linen_aa); return 0; }

/* ---------------------------------------------------------------------- */
/* linenr (Csound's lnrset/klinenr, alnrset/linenr)                         */
/* ---------------------------------------------------------------------- */

typedef struct {
    OP h;
    OP_ARG xr, xamp, irise, idec, iatdec;
    int32_t cnt1;           /* rise steps left */
    double inc1, lin1;      /* rise step and factor */
    double val, val2, mlt2; /* last factor; release factor and its ratio */
} LINENR;

/*
 * linenr xamp, irise, idec, iatdec: a linear rise, then unity until the note
 * is released; the release multiplies by iatdec^(t/idec) over idec seconds of
 * extra time (whole k-cycles).  Kept from Csound: the a-rate rise is
 * (int)(irise·sr) samples (truncated), and in the block where it ends the
 * last rise factor (1 − 1/n) is held to the end of that block.
 */
static int linenr_setup(OP *o, OP_CTX *c, int arate)
{
    LINENR *p = (LINENR *)o;
    double iris = *p->irise.k, idec = *p->idec.k, iatdec = *p->iatdec.k;
    p->cnt1 = arate ? to_cnt(iris * c->sr) : to_cnt(iris * c->kr + 0.5);
    if (p->cnt1 > 0) {
        p->inc1 = 1.0 / (double)p->cnt1;
        p->val = 0.0;
    } else {
        p->inc1 = p->val = 1.0;
    }
    if (idec > 0) {
        want_release(c, to_cnt(idec * c->kr + 0.5));
        if (iatdec <= 0) return op_initerr(c, o, "non-positive iatdec");
        p->mlt2 = pow(iatdec, (arate ? c->onedsr : c->onedkr) / idec);
    } else {
        p->mlt2 = 1.0;
    }
    p->lin1 = 0.0;
    p->val2 = 1.0;
    return 0;
}

static int linenr_init_k(OP *o, OP_CTX *c) { return linenr_setup(o, c, 0); }
static int linenr_init_a(OP *o, OP_CTX *c) { return linenr_setup(o, c, 1); }

static void linenr_k(OP *o, OP_CTX *c)
{
    LINENR *p = (LINENR *)o;
    double fact = 1.0;
    if (p->cnt1 > 0) {
        fact = p->lin1;
        p->lin1 += p->inc1;
        p->cnt1--;
    }
    if (op_releasing(c)) {
        fact *= p->val2;
        p->val2 *= p->mlt2;
    }
    *p->xr.k = *p->xamp.k * fact;
}

static void linenr_run(OP *o, OP_CTX *c, const float *asig, double ksig)
{
    LINENR *p = (LINENR *)o;
    float *rs = p->xr.a;
    int rel = op_releasing(c), flag = 0;
    double val = p->val, val2 = p->val2;
    for (int n = c->ofs; n < c->end; n++) {
        double sig = asig ? asig[n] : ksig;
        if (p->cnt1 > 0) {
            flag = 1;
            val = p->lin1;
            p->lin1 += p->inc1;
            p->cnt1--;
        }
        if (rel) {
            flag = 1;
            val = p->cnt1 == 0 ? val2 : val * val2;
            val2 *= p->mlt2;
        }
        rs[n] = (float)(flag ? sig * val : sig);
    }
    p->val = val;
    p->val2 = val2;
    op_aclear_edges(rs, c);
}

static void linenr_aa(OP *o, OP_CTX *c) { linenr_run(o, c, ((LINENR *)o)->xamp.a, 0.0); }
static void linenr_ak(OP *o, OP_CTX *c) { linenr_run(o, c, NULL, *((LINENR *)o)->xamp.k); }
static int linenr_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 1, linenr_ak, linenr_aa); return 0; }

/* ---------------------------------------------------------------------- */

#define ROW(NAME, OUT, IN, T, INIT, PERF, FLAGS) { NAME, OUT, IN, sizeof(T), INIT, PERF, FLAGS | OP_ARGS_IN(4) }
#define SEG_ROW(NAME, OUT, IN, T, INIT, PERF, FLAGS) \
    { NAME, OUT, IN, sizeof(T), INIT, PERF, FLAGS | OP_ARGS_IN(1 + SEG_MAXARGS) }
#define LINEN_ROW(NAME, OUT, IN, T, INIT, PERF, FLAGS, PREP) \
    { NAME, OUT, IN, sizeof(T), INIT, PERF, FLAGS | OP_ARGS_IN(5), PREP }

/* one row per output rate; linen's and linenr's a-rate rows take xamp at a, k or i */
static const OP_DESC op_env[] = {
    ROW("line", "k", "iii", LINE, line_init, line_k, 0),
    ROW("line", "a", "iii", LINE, line_init, line_a, 0),
    ROW("expon", "k", "iii", LINE, expon_init, expon_k, 0),
    ROW("expon", "a", "iii", LINE, expon_init, expon_a, 0),
    SEG_ROW("linseg", "k", "iim", LSEG, lseg_setup, linseg_k, 0),
    SEG_ROW("linseg", "a", "iim", LSEG, lseg_setup, linseg_a, 0),
    SEG_ROW("linsegr", "k", "iim", LSEG, linsegr_init, linsegr_k, OPF_RELEASE),
    SEG_ROW("linsegr", "a", "iim", LSEG, linsegr_init, linsegr_a, OPF_RELEASE),
    SEG_ROW("expseg", "k", "iim", XPSEG, expseg_init, expseg_k, 0),
    SEG_ROW("expseg", "a", "iim", XPSEG, expseg_init, expseg_a, 0),
    SEG_ROW("expsega", "a", "iim", XPSEG, expsega_init, expsega_a, 0),
    SEG_ROW("transeg", "k", "iiim", TRANSEG, transeg_init, transeg_k, 0),
    SEG_ROW("transeg", "a", "iiim", TRANSEG, transeg_init, transeg_a, 0),
    SEG_ROW("expsegr", "k", "iim", LSEG, expsegr_init, expsegr_k, OPF_RELEASE),
    SEG_ROW("expsegr", "a", "iim", LSEG, expsegr_init, expsegr_a, OPF_RELEASE),
    LINEN_ROW("linen", "a", "xiii", LINEN, linen_init_a, linen_ak, 0, linen_prep),
    LINEN_ROW("linen", "k", "kiii", LINEN, linen_init_k, linen_k, 0, NULL),
    LINEN_ROW("linenr", "a", "xiii", LINENR, linenr_init_a, linenr_ak, OPF_RELEASE, linenr_prep),
    LINEN_ROW("linenr", "k", "kiii", LINENR, linenr_init_k, linenr_k, OPF_RELEASE, NULL),
    SEG_ROW("adsr", "k", "iiiio", LSEG, adsr_init, linseg_k, 0),
    SEG_ROW("adsr", "a", "iiiio", LSEG, adsr_init, linseg_a, 0),
    SEG_ROW("madsr", "k", "iiiioj", LSEG, madsr_init, linsegr_k, OPF_RELEASE),
    SEG_ROW("madsr", "a", "iiiioj", LSEG, madsr_init, linsegr_a, OPF_RELEASE),
    SEG_ROW("xadsr", "k", "iiiio", XPSEG, xadsr_init, expseg_k, 0),
    SEG_ROW("xadsr", "a", "iiiio", XPSEG, xadsr_init, expseg_a, 0),
    SEG_ROW("mxadsr", "k", "iiiioj", LSEG, mxadsr_init, expsegr_k, OPF_RELEASE),
    SEG_ROW("mxadsr", "a", "iiiioj", LSEG, mxadsr_init, expsegr_a, OPF_RELEASE),
    OP_END
};
OP_FAMILY(env, "Signal Generators: Envelope Generators; Linear and Exponential Generators", op_env);
