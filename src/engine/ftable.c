/* ftable.c — function tables: Csound 6's sizes, guard points, rescaling and GEN routines. */
#include "ftable.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sndfile.h>

/*
 * Conventions measured on Csound 6.18 (tests/ftable_ref/make_refs.sh dumps
 * its tables and headers, and test_ftable.c compares ours point by point):
 *
 *  - Phase range.  Csound 6's MAXLEN (the truncating oscillators' phase
 *    range, also the largest table) is 0x10000000 = 2^28, not the 2^24 found
 *    in older sources: a 1024-point table has lobits 18, a 1-point table 28.
 *    A truncating oscillator must therefore run its phase over 2^28.
 *  - Size.  A power of two (1, 2, 4 …) makes a table of that many points
 *    whose guard point data[size] is a copy of data[0] (wrap-around).  A power
 *    of two plus one (3, 5, 9 … 65, 4097) makes a table of size - 1 points
 *    whose guard point the GEN computes as one more point of the function
 *    (the "extended guard point").  Any other positive size is used as is,
 *    with an extended guard point.  A negative size -n is n points, extended
 *    guard point, never rounded.  Size 0 is a deferred size (GEN 1, GEN 2):
 *    the data decide.
 *  - lenmask is size - 1 and lobits log2(2^28 / size) for power-of-two sizes,
 *    else -1 and 0 (op.h's contract; Csound writes 0 and 0 for deferred-size
 *    tables, which only says "not a power of two" differently).
 *  - Rescaling.  A positive GEN number divides every point, guard included,
 *    by the largest absolute value (unless it is 0 or already 1); a negative
 *    one leaves the values as made.  Csound does this for every GEN here,
 *    except that deferred-size GEN 2 tables are never rescaled.
 *  - Tables are float, Csound's are double: every GEN computes in double in
 *    Csound's order of operations and the result is rounded to float once, at
 *    the end, so values agree with Csound's to float precision (~6e-8
 *    relative).
 */

#define FT_MAXLEN   0x10000000          /* Csound 6's MAXLEN: 2^28 */
#define FT_LOG2MAX  28
#define SINE_SIZE   16384               /* Csound 6's built-in sine (csound->sinelength) */

/* Csound's own constants: tpd360 is its (slightly short) degrees-to-radians
 * factor, kept so phases match to the last bit. */
#define TWOPI   6.28318530717958647692
#define PI_D    3.14159265358979323846
#define TPD360  0.0174532925199433

/* What a GEN routine works on. */
typedef struct {
    double *d;          /* flen + 1 points, zeroed; d[flen] is the guard point */
    int32_t flen;
    int guardreq;       /* 1: the GEN's own d[flen] stays (extended guard point) */
    int size;           /* the size as given (GEN 16 counts with it, as Csound) */
    int gen;            /* signed GEN number */
    const double *a;    /* p5 … */
    int na;
    const char *path;   /* GEN 1's file */
    double sr;          /* engine sample rate (headerless GEN 1 files) */
    char *err;
    size_t errlen;
    /* Set by GEN 1 (and deferred GEN 2): */
    int done;           /* guard point and rescaling already settled */
    int nchnls;
    double filesr;
    double base_freq;
    int loopmode1, loopmode2;           /* the instrument chunk's loops (see FTABLE) */
    double begin1, end1, begin2, end2;
} GEN;

static int fail(GEN *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(GEN *g, const char *fmt, ...)
{
    if (g->err && g->errlen) {
        int n = snprintf(g->err, g->errlen, "GEN%d: ", abs(g->gen));
        if (n >= 0 && (size_t)n < g->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(g->err + n, g->errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return -1;
}

/* p5 + i, or 0 past the last argument (Csound reads zeros there too). */
static double arg(const GEN *g, int i)
{
    return (i >= 0 && i < g->na) ? g->a[i] : 0.0;
}

/* C's (int) truncation, made total: NaN and huge values would be undefined
 * behaviour, so they are clamped to values that merely produce a silly table. */
static int trunc_int(double x)
{
    if (x != x) return 0;
    if (x > 1e9) return 1000000000;
    if (x < -1e9) return -1000000000;
    return (int)x;
}

/* Nearest integer, as Csound rounds the format and channel codes (MYFLT2LRND). */
static int round_int(double x)
{
    return trunc_int(x < 0.0 ? x - 0.5 : x + 0.5);
}

static int is_pow2(int32_t n)
{
    return n > 0 && (n & (n - 1)) == 0;
}

/* Csound's ftresdisp rescaling: divide all flen + 1 points by the peak
 * absolute value, unless that is 0 (silence stays) or exactly 1. */
static void rescale(double *d, int32_t flen)
{
    double maxval = 0.0;
    for (int32_t i = 0; i <= flen; i++)
        if (fabs(d[i]) > maxval) maxval = fabs(d[i]);
    if (maxval != 0.0 && maxval != 1.0)
        for (int32_t i = 0; i <= flen; i++)
            d[i] /= maxval;
}

/* GEN02 — values one by one (Csound manual "GEN02").  Up to size + 1 values,
 * so a value given for the guard point of a size 2^n + 1 table is used. */
static int gen02(GEN *g)
{
    int nvals = g->na;
    if (nvals >= g->flen)
        nvals = g->flen + 1;
    for (int i = 0; i < nvals; i++)
        g->d[i] = arg(g, i);
    return 0;
}

/* GEN05 — exponential segments (Csound manual "GEN05"): value, length, value …
 * Each point is the previous one times (end/start)^(1/length), as Csound
 * accumulates it.  Values must be non-zero and keep one sign. */
static int gen05(GEN *g)
{
    int nsegs = (g->na - 1) >> 1;
    if (nsegs <= 0)
        return 0;
    if (arg(g, 0) == 0.0)
        return fail(g, "values must not be zero (exponential segments)");
    double *fp = g->d, *finp = g->d + g->flen;
    double amp1 = 0.0;
    int vi = 0;
    for (int s = 0; s < nsegs; s++) {
        amp1 = arg(g, vi++);
        int seglen = trunc_int(arg(g, vi++));
        if (seglen == 0)
            continue;                      /* a zero length is a jump */
        if (seglen < 0)
            return fail(g, "segment lengths must not be negative (segment %d has %g)",
                        s + 1, arg(g, vi - 1));
        double mult = amp1 != 0.0 ? arg(g, vi) / amp1 : 0.0;
        if (!(mult > 0.0) || isinf(mult))
            return fail(g, "values must be non-zero and of one sign (%g to %g)",
                        amp1, arg(g, vi));
        mult = pow(mult, 1.0 / seglen);
        while (seglen--) {
            *fp++ = amp1;
            amp1 *= mult;
            if (fp > finp)
                return 0;
        }
    }
    if (fp == finp)                        /* exactly filled: the guard continues */
        *fp = amp1;
    return 0;
}

/* GEN07 — straight line segments (Csound manual "GEN07"): value, length,
 * value …  Lengths are truncated to whole points; a zero length is a jump;
 * segments past the end are cut, short ones leave zeros. */
static int gen07(GEN *g)
{
    int nsegs = (g->na - 1) >> 1;
    if (nsegs <= 0)
        return 0;
    double *fp = g->d, *finp = g->d + g->flen;
    double amp1 = 0.0;
    int vi = 0;
    for (int s = 0; s < nsegs; s++) {
        amp1 = arg(g, vi++);
        int seglen = trunc_int(arg(g, vi++));
        if (seglen == 0)
            continue;
        if (seglen < 0)
            return fail(g, "segment lengths must not be negative (segment %d has %g)",
                        s + 1, arg(g, vi - 1));
        double incr = (arg(g, vi) - amp1) / seglen;
        while (seglen--) {
            *fp++ = amp1;
            amp1 += incr;
            if (fp > finp)
                return 0;
        }
    }
    if (fp == finp)
        *fp = amp1;
    return 0;
}

/*
 * Large tables (more than SINE_ROT_MIN points): a sine per point per partial
 * made a 2^24-point GEN 10 with 64 harmonics take 10-14 s.  There each
 * partial is summed by the rotation recurrence (c, s) <- (c cos w - s sin w,
 * s cos w + c sin w), which costs four multiplies a point, with an exact
 * re-seed (sin and cos of the true phase) every SINE_ROT_RUN points so the
 * rounding error cannot grow: it stays near SINE_ROT_RUN ulps, far below a
 * float table's precision (tests/unit/test_ftable.c holds it to 1e-9 of the
 * peak against the sine-per-point sum).  Unlike an FFT it needs no integer
 * partial numbers, so GEN 9 and 19 with any ratio take the same path.  The
 * lanes (SINE_ROT_LANES runs side by side) are independent chains, so the
 * inner loop vectorises.  Smaller tables keep the sine per point, so they
 * match Csound's to the last bit as before.
 */
#define SINE_ROT_MIN   16384
#define SINE_ROT_LANES 8
#define SINE_ROT_RUN   512

/* A partial's phase at point i: GEN 9/19's phs0 + i·inc (the accumulator's
 * value, without its rounding), or GEN 10's exact integer phase (h·i mod flen)
 * times 2pi/flen. */
typedef struct {
    int harmonic;       /* 1: GEN 10's integer phase */
    double phs0, inc;   /* GEN 9/19 */
    int64_t h, flen;    /* GEN 10 */
    double tpdlen;
} SINE_PHASE;

static double sine_phase_at(const SINE_PHASE *p, int64_t i)
{
    if (p->harmonic) return (double)((p->h % p->flen) * (i % p->flen) % p->flen) * p->tpdlen;
    return p->phs0 + (double)i * p->inc;
}

/* d[i] += sin(phase(i)) * amp + dc for the n points from base (n at most
 * SINE_ROT_LANES x SINE_ROT_RUN), by the recurrence.  The callers walk the
 * table a block at a time and every partial over each block, so the block
 * stays in cache while they add (one pass over memory, not one a partial). */
static void add_sine_rot(double *d, int64_t base, int64_t n, const SINE_PHASE *p, double amp, double dc)
{
    double w = p->harmonic ? (double)(p->h % p->flen) * p->tpdlen : p->inc;
    double cw = cos(w), sw = sin(w);
    double *db = d + base;
    if (n == (int64_t)SINE_ROT_LANES * SINE_ROT_RUN) {
        double c[SINE_ROT_LANES], s[SINE_ROT_LANES];
        for (int l = 0; l < SINE_ROT_LANES; l++) {
            double th = sine_phase_at(p, base + (int64_t)l * SINE_ROT_RUN);
            c[l] = cos(th);
            s[l] = sin(th);
        }
        for (int j = 0; j < SINE_ROT_RUN; j++)
            for (int l = 0; l < SINE_ROT_LANES; l++) {
                db[l * SINE_ROT_RUN + j] += s[l] * amp + dc;
                double cn = c[l] * cw - s[l] * sw;
                s[l] = s[l] * cw + c[l] * sw;
                c[l] = cn;
            }
        return;
    }
    double c = 0, s = 0;
    for (int64_t i = 0; i < n; i++) {   /* the last, shorter block: one chain */
        if (i % SINE_ROT_RUN == 0) {
            double th = sine_phase_at(p, base + i);
            c = cos(th);
            s = sin(th);
        }
        db[i] += s * amp + dc;
        double cn = c * cw - s * sw;
        s = s * cw + c * sw;
        c = cn;
    }
}

/* The next block of points for add_sine_rot from base (none past flen). */
static int64_t rot_block(int64_t base, int32_t flen)
{
    int64_t span = (int64_t)SINE_ROT_LANES * SINE_ROT_RUN, left = (int64_t)flen + 1 - base;
    return left < span ? left : span;
}

/* GEN09 and GEN19 — sines of any partial ratio with strength and phase in
 * degrees (Csound manual "GEN09"), GEN19 adding a DC offset per partial: a
 * phase accumulator per partial, wrapped once per step as Csound does
 * (the recurrence above for large tables).
 * `per` is the numbers a partial takes: 3, or 4 with the offset. */
static int partials(GEN *g, int per)
{
    int hcnt = g->na / per;
    double tpdlen = TWOPI / (double)g->flen;
    if (g->flen > SINE_ROT_MIN) {
        for (int64_t base = 0, n; (n = rot_block(base, g->flen)) > 0; base += n)
            for (int h = 0; h < hcnt; h++) {
                SINE_PHASE p = { 0, arg(g, per * h + 2) * TPD360, arg(g, per * h) * tpdlen, 0, 0, 0 };
                add_sine_rot(g->d, base, n, &p, arg(g, per * h + 1), per == 4 ? arg(g, per * h + 3) : 0.0);
            }
        return 0;
    }
    for (int h = 0; h < hcnt; h++) {
        double inc = arg(g, per * h) * tpdlen;
        double amp = arg(g, per * h + 1);
        double phs = arg(g, per * h + 2) * TPD360;
        double dc = per == 4 ? arg(g, per * h + 3) : 0.0;
        for (int32_t i = 0; i <= g->flen; i++) {
            double v = sin(phs) * amp;
            g->d[i] += per == 4 ? v + dc : v;
            if ((phs += inc) >= TWOPI)
                phs -= TWOPI;
        }
    }
    return 0;
}

static int gen09(GEN *g) { return partials(g, 3); }

/* GEN10 — harmonic sines with the given strengths (Csound manual "GEN10").
 * The phase is an integer point index taken modulo the size, so every
 * harmonic is exact; harmonics are summed from the highest down, as Csound
 * (the recurrence above for large tables). */
static int gen10(GEN *g)
{
    double tpdlen = TWOPI / (double)g->flen;
    if (g->flen > SINE_ROT_MIN) {
        for (int64_t base = 0, n; (n = rot_block(base, g->flen)) > 0; base += n)
            for (int h = g->na; h >= 1; h--) {
                SINE_PHASE p = { 1, 0, 0, h, g->flen, tpdlen };
                if (arg(g, h - 1) != 0.0) add_sine_rot(g->d, base, n, &p, arg(g, h - 1), 0.0);
            }
        return 0;
    }
    for (int h = g->na; h >= 1; h--) {
        double amp = arg(g, h - 1);
        if (amp == 0.0)
            continue;
        int64_t phs = 0;
        for (int32_t i = 0; i <= g->flen; i++) {
            g->d[i] += sin((double)phs * tpdlen) * amp;
            phs = (phs + h) % g->flen;
        }
    }
    return 0;
}

/* r^n by squaring, as Csound's intpow. */
static double intpow(double r, int n)
{
    double res = 1.0;
    int neg = n < 0;
    unsigned m = neg ? 0u - (unsigned)n : (unsigned)n;
    while (m) {
        if (m & 1u) res *= r;
        r *= r;
        m >>= 1;
    }
    return neg ? 1.0 / res : res;
}

/* GEN11 — nh cosine partials from lh with ratio r (Csound manual "GEN11"):
 * the closed forms of buzz (lh = 1, r = 1) and gbuzz; where the denominator
 * vanishes the point is 1, as in Csound. */
static int gen11(GEN *g)
{
    int n = trunc_int(arg(g, 0));
    if (n < 1)
        return fail(g, "number of harmonics must be at least 1 (got %g)", arg(g, 0));
    int k = g->na > 1 ? trunc_int(arg(g, 1)) : 1;
    double r = g->na > 2 ? arg(g, 2) : 1.0;
    double *fp = g->d;
    if (g->na == 1 || (k == 1 && r == 1.0)) {
        double tnp1 = 2.0 * n + 1.0;
        double scale = 0.5 / n;
        double pdlen = PI_D / (double)g->flen;
        for (int32_t i = 0; i <= g->flen; i++) {
            double x = i * pdlen;
            double denom = sin(x);
            fp[i] = fabs(denom) < 1.0e-10 ? 1.0 : (sin(tnp1 * x) / denom - 1.0) * scale;
        }
    } else {
        double tpdlen = TWOPI / (double)g->flen;
        double km1 = k - 1.0, kpn = (double)k + n, kpnm1 = kpn - 1.0;
        double twor = r * 2.0, rsqp1 = r * r + 1.0;
        double rtn = intpow(r, n), rtnp1 = rtn * r;
        double absr = fabs(r);
        double scale = (absr > 0.999 && absr < 1.001) ? 1.0 / n
                                                       : (1.0 - absr) / (1.0 - fabs(rtn));
        for (int32_t i = 0; i <= g->flen; i++) {
            double x = (double)i * tpdlen;
            double numer = cos(x * k) - r * cos(x * km1) - rtn * cos(x * kpn)
                           + rtnp1 * cos(x * kpnm1);
            double denom = rsqp1 - twor * cos(x);
            fp[i] = (denom > 0.0001 || denom < -0.0001) ? numer / denom * scale : 1.0;
        }
    }
    return 0;
}

/* GEN16 — segments of chosen curvature (Csound manual "GEN16"): start value,
 * then (duration, type, value) triples.  Type 0 is a line, else
 * start + (end - start) * (1 - e^(type t)) / (1 - e^type).  As in Csound it
 * writes at most `size` points counting the size as given, so a 2^n + 1 size
 * fills the guard point, other sizes leave it 0, and a negative size writes
 * only the first point. */
static int gen16(GEN *g)
{
    int nseg = g->na / 3;
    int remaining = g->size;
    int vi = 0;
    int32_t i = 0;
    double val;
    g->d[i++] = val = arg(g, vi++);
    while (nseg-- > 0) {
        double dur = arg(g, vi++);
        double alpha = arg(g, vi++);
        double nxtval = arg(g, vi++);
        int cnt = trunc_int(dur + 0.5);
        if (alpha == 0.0) {
            double c1 = (nxtval - val) / dur;
            while (cnt-- > 0) {
                if (--remaining <= 0 || i > g->flen) break;
                g->d[i++] = val = val + c1;
            }
        } else {
            double c1 = (nxtval - val) / (1.0 - exp(alpha));
            double x;
            alpha /= dur;
            x = alpha;
            while (cnt-- > 0) {
                if (--remaining <= 0 || i > g->flen) break;
                g->d[i++] = val + c1 * (1.0 - exp(x));
                x += alpha;
            }
            val = g->d[i - 1];
        }
    }
    return 0;
}

/* GEN17 — step function from (x, y) pairs (Csound manual "GEN17"): y holds
 * from its x to the next x; x values are truncated to points, start at 0 and
 * increase; the last y runs to the end, guard point included. */
static int gen17(GEN *g)
{
    int nsegs = g->na >> 1;
    if (nsegs <= 0)
        return fail(g, "needs at least one (x, y) pair");
    int vi = 0;
    int ndx = trunc_int(arg(g, vi++));
    if (ndx != 0)
        return fail(g, "the first x must be 0 (got %g)", arg(g, 0));
    double *fp = g->d, *finp = g->d + g->flen;
    while (--nsegs) {
        double val = arg(g, vi++);
        int nxtndx = trunc_int(arg(g, vi++));
        if (nxtndx <= ndx)
            return fail(g, "x values must increase (%d then %g)", ndx, arg(g, vi - 1));
        do {
            *fp++ = val;
            if (fp > finp)
                return 0;
        } while (++ndx < nxtndx);
    }
    double val = arg(g, vi);
    while (fp <= finp)
        *fp++ = val;
    return 0;
}

/* GEN19 — GEN09 with a DC offset per partial (Csound manual "GEN19"). */
static int gen19(GEN *g) { return partials(g, 4); }

/* Modified Bessel function I0 by the polynomial approximations of Abramowitz
 * & Stegun 9.8.1 and 9.8.2 — the same approximation Csound's Kaiser window
 * uses (|error| < 2e-7 relative), so the windows agree. */
static double bessel_i0(double x)
{
    double ax = fabs(x);
    if (ax < 3.75) {
        double t = x / 3.75;
        t *= t;
        return 1.0 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492
               + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
    }
    double t = 3.75 / ax;
    return (exp(ax) / sqrt(ax)) * (0.39894228 + t * (0.01328592 + t * (0.00225319
           + t * (-0.00157565 + t * (0.00916281 + t * (-0.02057706
           + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377))))))));
}

/* GEN20 — windows (Csound manual "GEN20"): 1 Hamming, 2 Hanning, 3 Bartlett,
 * 4 Blackman, 5 Blackman-Harris, 6 Gaussian, 7 Kaiser, 8 rectangle, 9 sinc.
 * p6 is the peak (used only with -20), p7 Kaiser's beta, the Gaussian's
 * spread or the sinc's number of half-periods.  The cosine windows are the
 * generalised form a0 - a1 cos x + a2 cos 2x - a3 cos 3x over one period. */
static int gen20(GEN *g)
{
    double *ft = g->d;
    int32_t flen = g->flen;
    double xarg = 1.0, beta = 0.0, varian = 1.0, arg_, x;
    double cf[4];
    int32_t i;

    if (g->gen < 0 && g->na >= 2)
        xarg = arg(g, 1);
    if (g->na > 2)
        beta = varian = arg(g, 2);

    int type = trunc_int(arg(g, 0));
    switch (type) {
    case 1: cf[0] = 0.54; cf[1] = 0.46; cf[2] = cf[3] = 0.0; break;
    case 2: cf[0] = cf[1] = 0.5; cf[2] = cf[3] = 0.0; break;
    case 3:                                 /* Bartlett: the guard is not drawn */
        arg_ = 2.0 / flen;
        for (i = 0, x = 0.0; i < (flen >> 1); i++, x++)
            ft[i] = x * arg_ * xarg;
        for (; i < flen; i++, x++)
            ft[i] = (2.0 - x * arg_) * xarg;
        return 0;
    case 4: cf[0] = 0.42; cf[1] = 0.5; cf[2] = 0.08; cf[3] = 0.0; break;
    case 5: cf[0] = 0.35878; cf[1] = 0.48829; cf[2] = 0.14128; cf[3] = 0.01168; break;
    case 6:                                 /* Gaussian over -6 … 6 */
        arg_ = 12.0 / flen;
        for (i = 0, x = -6.0; i < (flen >> 1); i++, x += arg_)
            ft[i] = xarg * pow(2.718281828459, -(x * x) / (2.0 * varian * varian));
        for (x = 0.0; i <= flen; i++, x += arg_)
            ft[i] = xarg * pow(2.718281828459, -(x * x) / (2.0 * varian * varian));
        return 0;
    case 7: {                               /* Kaiser */
        double flen2 = 4.0 / ((double)flen * (double)flen);
        double besbeta = 1.0 / bessel_i0(beta);
        x = (double)flen * -0.5 + 1.0;
        ft[0] = ft[flen] = xarg * besbeta;
        for (i = 1; i < flen; i++, x += 1.0)
            ft[i] = xarg * bessel_i0(beta * sqrt(1.0 - x * x * flen2)) * besbeta;
        return 0;
    }
    case 8:
        for (i = 0; i <= flen; i++)
            ft[i] = xarg;
        return 0;
    case 9:                                 /* sinc over -pi*v … pi*v */
        arg_ = TWOPI * varian / flen;
        for (i = 0, x = -PI_D * varian; i < (flen >> 1); i++, x += arg_)
            ft[i] = xarg * sin(x) / x;
        ft[i++] = xarg;
        for (x = arg_; i <= flen; i++, x += arg_)
            ft[i] = xarg * sin(x) / x;
        return 0;
    default:
        return fail(g, "no window type %g (1 Hamming, 2 Hanning, 3 Bartlett, 4 Blackman, "
                    "5 Blackman-Harris, 6 Gaussian, 7 Kaiser, 8 rectangle, 9 sinc)", arg(g, 0));
    }
    arg_ = TWOPI / flen;
    for (i = 0, x = 0.0; i <= flen; i++, x += arg_)
        ft[i] = xarg * (cf[0] - cf[1] * cos(x) + cf[2] * cos(2.0 * x) - cf[3] * cos(3.0 * x));
    return 0;
}

/* libsndfile subtypes of GEN 1's negative format codes (headerless files):
 * -1 8-bit signed, -2 a-law, -3 mu-law, -4 16-bit, -5 32-bit, -6 float,
 * -7 8-bit unsigned, -8 24-bit, -9 double. */
static const int raw_subtype[10] = {
    0, SF_FORMAT_PCM_S8, SF_FORMAT_ALAW, SF_FORMAT_ULAW, SF_FORMAT_PCM_16,
    SF_FORMAT_PCM_32, SF_FORMAT_FLOAT, SF_FORMAT_PCM_U8, SF_FORMAT_PCM_24,
    SF_FORMAT_DOUBLE
};

/* GEN01 — a sound file through libsndfile (Csound manual "GEN01"):
 * p5 file (the name comes in `path`; the p5 slot itself is ignored),
 * p6 skip time in seconds, p7 format (0 or positive: from the header;
 * -1 … -9 a headerless file of that sample type), p8 channel (0: all
 * channels interleaved, else that channel alone).  Samples are libsndfile's
 * normalised values (full scale = ±1, i.e. Csound with 0dbfs = 1).
 * Size 0 (deferred) sizes the table to the sound, as Csound 6 does it:
 * one channel gets exactly the file's frames (after the skip); all
 * channels get (frames + 1) * channels - 1 points (Csound's arithmetic, kept
 * so ftlen agrees: a 100-frame stereo file makes 201 points, the last 0).
 * Either way the guard point is data[0] and
 * the table is rescaled before that copy.  With a size, size + 1 samples are
 * read so an extended guard point comes from the file; the rest is zeros. */
static int gen01(GEN *g)
{
    if (g->na < 4)
        return fail(g, "needs 4 arguments: file, skip time, format, channel (got %d)", g->na);
    if (g->path == NULL || g->path[0] == '\0')
        return fail(g, "no file name given");
    double skiptime = arg(g, 1);
    int fmt = round_int(arg(g, 2));
    int channel = round_int(arg(g, 3));
    if (fmt < -9 || fmt > 9)
        return fail(g, "invalid sample format %d (0 or -1 … -9)", fmt);
    if (channel < 0)
        return fail(g, "channel %d is illegal (0 = all, else 1, 2 …)", channel);

    SF_INFO info;
    memset(&info, 0, sizeof info);
    if (fmt < 0) {
        info.format = SF_FORMAT_RAW | raw_subtype[-fmt];
        info.channels = 1;
        info.samplerate = g->sr > 0 ? (int)(g->sr + 0.5) : 44100;
    }
    /* Regular files only: a FIFO or a device named by a client (/table/read
     * of a FIFO inside --data-dir) would block the control thread in open()
     * or read(), so the file is opened without blocking and its type checked
     * before libsndfile reads it. */
    int fd = open(g->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return fail(g, "cannot open '%s': %s", g->path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(g, "cannot open '%s': %s", g->path,
                    S_ISDIR(st.st_mode) ? "a directory, not a sound file" : "not a regular file");
    }
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, 1);
    if (sf == NULL)
        return fail(g, "cannot open '%s': %s", g->path, sf_strerror(NULL));

    int rc = -1;
    double *buf = NULL;
    int nch = info.channels;
    if (nch < 1) {
        fail(g, "'%s' has no channels", g->path);
        goto out;
    }
    if (channel > nch) {
        fail(g, "channel %d requested but '%s' has %d channel%s", channel, g->path, nch,
             nch == 1 ? "" : "s");
        goto out;
    }
    sf_count_t frames = info.frames;
    sf_count_t skip = 0;
    double skipf = skiptime > 0.0 ? skiptime * info.samplerate : 0.0;
    if (skipf >= 1.0 && skipf >= (double)frames) {
        fail(g, "skip time %g s is past the end of '%s' (%.6g s long)", skiptime, g->path,
             (double)frames / info.samplerate);
        goto out;
    }
    skip = (sf_count_t)skipf;                   /* whole frames, truncated as Csound */
    if (skip > 0 && sf_seek(sf, skip, SEEK_SET) < 0) {
        fail(g, "cannot seek in '%s': %s", g->path, sf_strerror(sf));
        goto out;
    }
    sf_count_t framesrem = frames - skip;

    int64_t want;                               /* samples to read into the table */
    int deferred = g->flen == 0;
    if (deferred) {
        int64_t n = (int64_t)framesrem + 1;
        if (framesrem <= 0) {
            fail(g, "'%s' has no samples for a deferred-size table", g->path);
            goto out;
        }
        if (framesrem >= SF_COUNT_MAX / 2) {
            fail(g, "deferred size, but the length of '%s' is unknown", g->path);
            goto out;
        }
        if (channel == 0)
            n *= nch;
        n -= 1;
        if (n > FT_MAXLEN) {
            fail(g, "'%s' is too long for a table (%lld points, at most %d)", g->path,
                 (long long)n, FT_MAXLEN);
            goto out;
        }
        g->flen = (int32_t)n;
        g->d = calloc((size_t)g->flen + 1, sizeof *g->d);
        if (g->d == NULL) {
            fail(g, "out of memory for %d points", g->flen);
            goto out;
        }
        want = g->flen;
    } else {
        want = (int64_t)g->flen + 1;
    }

    /* Read frame blocks and keep all channels or the one asked for. */
    enum { BLOCK = 4096 };
    buf = malloc(sizeof *buf * (size_t)BLOCK * (size_t)nch);
    if (buf == NULL) {
        fail(g, "out of memory reading '%s'", g->path);
        goto out;
    }
    int64_t got = 0;
    while (got < want) {
        sf_count_t n = sf_readf_double(sf, buf, BLOCK);
        if (n <= 0)
            break;
        for (sf_count_t f = 0; f < n && got < want; f++) {
            if (channel == 0) {
                for (int c = 0; c < nch && got < want; c++)
                    g->d[got++] = buf[f * nch + c];
            } else {
                g->d[got++] = buf[f * nch + channel - 1];
            }
        }
    }
    if (sf_error(sf) != SF_ERR_NO_ERROR) {
        fail(g, "error reading '%s': %s", g->path, sf_strerror(sf));
        goto out;
    }

    g->nchnls = channel == 0 ? nch : 1;
    g->filesr = info.samplerate;
    /* The base frequency from the file's instrument chunk (root note and
     * detune in cents), with A4 = 440 as Csound's default; 0 when the file
     * has none, which is how loscil knows it must be told. */
    SF_INSTRUMENT inst;
    memset(&inst, 0, sizeof inst);
    int32_t nframes = g->flen / (g->nchnls > 0 ? g->nchnls : 1);
    if (sf_command(sf, SFC_GET_INSTRUMENT, &inst, sizeof inst) == SF_TRUE) {
        g->base_freq = 440.0 * pow(2.0, ((double)((int)inst.basenote - 69)
                                         + (double)inst.detune * 0.01) / 12.0);
        /* The loops as Csound's GEN01 maps them: none, forward, else
         * back and forth; a sustain loop's end is the table's length when
         * the file has no sustain loop. */
        g->loopmode1 = inst.loops[0].mode == SF_LOOP_NONE ? 0
                     : inst.loops[0].mode == SF_LOOP_FORWARD ? 1 : 2;
        g->loopmode2 = inst.loops[1].mode == SF_LOOP_NONE ? 0
                     : inst.loops[1].mode == SF_LOOP_FORWARD ? 1 : 2;
        g->begin1 = inst.loops[0].start;
        g->end1 = g->loopmode1 ? (double)inst.loops[0].end : nframes;
        g->begin2 = inst.loops[1].start;
        g->end2 = inst.loops[1].end;
    } else {
        g->end1 = nframes;
    }
    if (deferred) {                             /* rescale, then guard = data[0] */
        if (g->gen > 0)
            rescale(g->d, g->flen);
        g->d[g->flen] = g->d[0];
        g->done = 1;
    }
    rc = 0;
out:
    free(buf);
    sf_close(sf);
    return rc;
}

/* The GENs ftable_gen makes (its switch below), as messages list them. */
#define FT_GENS "1, 2, 5, 7, 9, 10, 11, 16, 17, 19 and 20"

int ftable_gen_known(int gen)
{
    switch (gen < 0 ? -gen : gen) {
    case 1: case 2: case 5: case 7: case 9: case 10: case 11: case 16: case 17: case 19: case 20: return 1;
    default: return 0;
    }
}

const char *ftable_gen_list(void) { return FT_GENS; }

/*
 * Make table `num`.  `args` are the f statement's p5 …; for GEN 1 the p5
 * slot is the file (its value is ignored: the name comes in `path`), so
 * args[1] is the skip time, args[2] the format and args[3] the channel.
 */
static void *ft_malloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void ft_mfree(void *ctx, void *p) { (void)ctx; free(p); }
static const FT_ALLOC ft_heap = { ft_malloc, ft_mfree, NULL };

static FTABLE *gen_table(int num, int size, int gen, const double *args, int nargs, const char *path, double sr,
                         const FT_ALLOC *al, char *err, size_t errlen);

FTABLE *ftable_gen(int num, int size, int gen, const double *args, int nargs,
                   const char *path, double sr, char *err, size_t errlen)
{
    return gen_table(num, size, gen, args, nargs, path, sr, &ft_heap, err, errlen);
}

FTABLE *ftable_gen_alloc(int num, int size, int gen, const double *args, int nargs, double sr,
                         const FT_ALLOC *al, char *err, size_t errlen)
{
    if (gen == 1 || gen == -1) {
        if (err && errlen)
            snprintf(err, errlen, "GEN 1 reads a sound file, which a note's init may not do on the audio thread: "
                     "make the table in the orchestra header or with an f statement");
        return NULL;
    }
    FTABLE *t = gen_table(num, size, gen, args, nargs, NULL, sr, al, err, errlen);
    if (t)
        t->rt = 1;
    return t;
}

static FTABLE *gen_table(int num, int size, int gen, const double *args, int nargs, const char *path, double sr,
                         const FT_ALLOC *al, char *err, size_t errlen)
{
    GEN g;
    memset(&g, 0, sizeof g);
    g.gen = gen;
    g.size = size;
    g.a = args;
    g.na = args ? nargs : 0;
    g.path = path;
    g.sr = sr;
    g.err = err;
    g.errlen = errlen;
    g.nchnls = 1;
    if (err && errlen)
        err[0] = '\0';

    int agen = (gen < -1000 || gen > 1000) ? 0 : gen < 0 ? -gen : gen;
    int (*fn)(GEN *) = NULL;
    switch (agen) {
    case 1: fn = gen01; break;
    case 2: fn = gen02; break;
    case 5: fn = gen05; break;
    case 7: fn = gen07; break;
    case 9: fn = gen09; break;
    case 10: fn = gen10; break;
    case 11: fn = gen11; break;
    case 16: fn = gen16; break;
    case 17: fn = gen17; break;
    case 19: fn = gen19; break;
    case 20: fn = gen20; break;
    case 21:
        fail(&g, "random distributions are not supported");
        return NULL;
    default:
        if (err && errlen)
            snprintf(err, errlen, "unknown GEN number %d (ondes has GEN %s)", gen, FT_GENS);
        return NULL;
    }
    if (nargs < 0 || (nargs > 0 && args == NULL)) {
        fail(&g, "bad argument list");
        return NULL;
    }
    if (g.na < 1) {                          /* Csound: "insufficient gen arguments" */
        fail(&g, "no arguments");
        return NULL;
    }

    /* The table length and who makes the guard point (see the top). */
    if (size == 0) {
        if (agen != 1 && agen != 2) {
            fail(&g, "size 0 (a deferred size) is only allowed for GEN 1 and GEN 2");
            return NULL;
        }
        g.guardreq = 1;
    } else if (size < 0) {
        if (size < -FT_MAXLEN) {
            fail(&g, "table size %d too large (at most %d points)", size, FT_MAXLEN);
            return NULL;
        }
        g.flen = -size;
        g.guardreq = 1;
    } else {
        if (size > FT_MAXLEN + 1) {
            fail(&g, "table size %d too large (at most %d points)", size, FT_MAXLEN);
            return NULL;
        }
        if (is_pow2(size & ~1)) {
            g.guardreq = size & 1;
            g.flen = size & ~1;
        } else {
            g.flen = size;
        }
        if (!is_pow2(g.flen))
            g.guardreq = 1;
    }

    if (size == 0 && agen == 2) {            /* deferred GEN 2: as many points as values */
        g.flen = g.na;
        if (g.flen > FT_MAXLEN) {
            fail(&g, "too many values (at most %d)", FT_MAXLEN);
            return NULL;
        }
    }
    if (g.flen > 0) {
        g.d = al->alloc(al->ctx, ((size_t)g.flen + 1) * sizeof *g.d);
        if (g.d == NULL) {
            fail(&g, "out of memory for %d points", g.flen);
            return NULL;
        }
        memset(g.d, 0, ((size_t)g.flen + 1) * sizeof *g.d);
    }

    if (fn(&g) != 0) {
        if (g.d)
            al->free(al->ctx, g.d);
        return NULL;
    }

    if (size == 0 && agen == 2)
        g.done = 1;                          /* Csound neither rescales nor sets the guard */
    if (!g.done) {
        if (!g.guardreq)
            g.d[g.flen] = g.d[0];
        if (gen > 0)
            rescale(g.d, g.flen);
    }

    FTABLE *t = al->alloc(al->ctx, sizeof *t + sizeof(float) * ((size_t)g.flen + 1));
    if (t == NULL) {
        if (g.d)
            al->free(al->ctx, g.d);
        fail(&g, "out of memory for %d points", g.flen);
        return NULL;
    }
    memset(t, 0, sizeof *t);
    t->data = (float *)(t + 1);             /* one block: sizeof(FTABLE) keeps float alignment */
    for (int32_t i = 0; i <= g.flen; i++)
        t->data[i] = (float)g.d[i];
    if (g.d)
        al->free(al->ctx, g.d);
    t->size = g.flen;
    if (is_pow2(g.flen)) {
        int lg = 0;
        while ((1 << lg) < g.flen) lg++;
        t->lenmask = g.flen - 1;
        t->lobits = FT_LOG2MAX - lg;
    } else {
        t->lenmask = -1;
        t->lobits = 0;
    }
    t->nchnls = agen == 1 ? g.nchnls : 1;
    t->sr = agen == 1 ? g.filesr : 0.0;
    t->gen01_base_freq = agen == 1 ? g.base_freq : 0.0;
    if (agen == 1) {
        t->gen01_loopmode1 = g.loopmode1;
        t->gen01_loopmode2 = g.loopmode2;
        t->gen01_begin1 = g.begin1;
        t->gen01_end1 = g.end1;
        t->gen01_begin2 = g.begin2;
        t->gen01_end2 = g.end2;
    }
    t->num = num;
    return t;
}

/* Csound's built-in sine (generate_sine_tab): 16384 points of sin(2 pi i / N)
 * with data[0] and the guard point exactly 0, not rescaled.  It is built the
 * first time anyone asks, under call_once: the first asker may be a compiler
 * thread or the audio thread, and call_once makes concurrent first calls
 * safe while later calls cost one atomic check.  The engine should call
 * ftable_sine() once at startup so the audio thread never pays for the
 * 16384 sin() calls. */
static float sine_data[SINE_SIZE + 1];
static FTABLE sine_table;
static once_flag sine_once = ONCE_FLAG_INIT;

static void build_sine(void)
{
    double tpdlen = TWOPI / (double)SINE_SIZE;
    for (int i = 1; i < SINE_SIZE; i++)
        sine_data[i] = (float)sin(i * tpdlen);
    sine_data[0] = sine_data[SINE_SIZE] = 0.0f;
    sine_table.data = sine_data;
    sine_table.size = SINE_SIZE;
    sine_table.lenmask = SINE_SIZE - 1;
    sine_table.lobits = FT_LOG2MAX - 14;
    sine_table.nchnls = 1;
    sine_table.sr = 0.0;
    sine_table.gen01_base_freq = 0.0;
    sine_table.num = -1;
}

const FTABLE *ftable_sine(void)
{
    call_once(&sine_once, build_sine);
    return &sine_table;
}

void ftable_free(FTABLE *t)
{
    if (t == NULL || t == &sine_table || t->rt)   /* the built-in sine is static; rt tables are the pool's */
        return;
    free(t);
}
