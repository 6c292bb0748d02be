/* ftable_partials.c — GEN 33 and GEN 34: sums of sine partials listed in a source table (amplitude, frequency, phase). */
#include "ftgen.h"
#include <math.h>
#include <stdlib.h>

#define TWOPI 6.28318530717958647692
#define PI_D  3.14159265358979323846

/* The source table's partial count, as Csound bounds it: p6 rounded, at
 * most a third of the source's points, at least 0. */
static int32_t partial_count(const GEN *g)
{
    double p6 = g->na > 1 ? g->a[1] : 0.0;
    double nh = floor(p6 + 0.5);
    int32_t most = g->src->size / 3;
    if (!(nh < most)) return most;   /* NaN too */
    return nh < 0 ? 0 : (int32_t)nh;
}

/* p8, the frequency mode: 0 partial numbers, > 0 a reference sample rate,
 * < 0 Hz (scaled by -p8), as Csound's GEN 33/34 read it. */
static double freq_mode(const GEN *g) { return g->na > 3 ? g->a[3] : 0.0; }

static int src_check(GEN *g)
{
    if (g->na < 3) return ft_fail(g, "insufficient gen arguments");
    if (!g->src) return ft_fail(g, "source ftable %g not found", g->na > 0 ? g->a[0] : 0.0);
    return 0;
}

/*
 * GEN33 (Csound manual "GEN33", Istvan Varga's Engine/fgens.c gen33): the
 * partials go into an inverse real FFT's bins, as Csound lays them (bin k's
 * real part += a·sin(phase), imaginary -= a·cos(phase), scaled by flen/2;
 * partial 0 writes the DC and Nyquist slots, flen/2 none), then the table is
 * the inverse transform.  Computed here as the inverse real DFT of those
 * bins, one nonzero bin at a time over an exact table of sines (the same
 * sum Csound's FFT takes, to double rounding), so the table needs a power
 * of two only because the FFT's bins do.
 */
int ft_gen33(GEN *g)
{
    if (src_check(g)) return -1;
    int32_t n = g->flen;
    if (n < 2 || (n & (n - 1))) return ft_fail(g, "the table size must be a power of two (it is an FFT size)");
    double fmode = freq_mode(g);
    if (fmode < 0) fmode = (double)n / (g->sr * -fmode);
    else if (fmode > 0) fmode = (double)n / fmode;
    else fmode = 1.0;
    double scl = 0.5 * (double)n * g->a[2];
    double *x = calloc((size_t)n + 2, sizeof *x);
    double *sn = malloc(sizeof *sn * (size_t)n);
    if (!x || !sn) {
        free(x);
        free(sn);
        return ft_fail(g, "out of memory for %d points", n);
    }
    int32_t nh = partial_count(g), maxp = n >> 1;
    const float *sp = g->src->data;
    for (int32_t i = 0; i < nh; i++, sp += 3) {
        double amp = scl * sp[0];
        double f = fmode * sp[1];
        if (!(fabs(f) < 0x1p30)) continue;   /* NaN or beyond any table: skipped, as too high */
        int32_t pnum = (int32_t)(f < 0 ? f - 0.5 : f + 0.5);   /* MYFLT2LRND */
        if (pnum < -maxp || pnum > maxp) continue;   /* too high a frequency */
        double phs = TWOPI * sp[2];
        if (pnum < 0) {   /* a negative frequency */
            phs = PI_D - phs;
            pnum = -pnum;
        }
        x[2 * pnum] += amp * sin(phs);
        x[2 * pnum + 1] -= amp * cos(phs);
    }
    for (int32_t i = 0; i < n; i++) sn[i] = sin(TWOPI * i / n);
    /* out[j] = (X0 + XN/2·(-1)^j) / n + 2/n Σ (re_k cos(2πkj/n) − im_k sin(2πkj/n)); x[n], x[n+1] (bin n/2 as
     * a pair) are outside the transform, as in Csound */
    double inv = 1.0 / n, two = 2.0 / n;
    uint32_t mask = (uint32_t)n - 1, quarter = (uint32_t)n / 4;
    for (int32_t j = 0; j < n; j++) g->d[j] = (x[0] + ((j & 1) ? -x[1] : x[1])) * inv;
    for (int32_t k = 1; k < maxp; k++) {
        double re = x[2 * k] * two, im = x[2 * k + 1] * two;
        if (re == 0 && im == 0) continue;
        uint32_t idx = 0;
        for (int32_t j = 0; j < n; j++, idx = (idx + (uint32_t)k) & mask)
            g->d[j] += re * sn[(idx + quarter) & mask] - im * sn[idx];
    }
    g->d[n] = g->d[0];   /* Csound writes the guard point itself */
    free(x);
    free(sn);
    return 0;
}

/*
 * GEN34 (Csound manual "GEN34", Engine/fgens.c gen34): each partial is a
 * recursive sine oscillator (x' = x + v, v' = v + c·x with c = 2cos(w) − 2,
 * started from sin(phase) and sin(phase + w)), summed in double over flen + 1
 * points, guard included; partials above half the sample rate are skipped.
 * The recursion is Csound's, step for step, so the rounding is too.
 */
int ft_gen34(GEN *g)
{
    if (src_check(g)) return -1;
    int32_t n = g->flen;
    double fmode = freq_mode(g);
    if (fmode < 0) fmode = TWOPI / (g->sr * -fmode);
    else if (fmode > 0) fmode = TWOPI / fmode;
    else fmode = TWOPI / (double)n;
    double scl = g->a[2];
    int32_t nh = partial_count(g);
    const float *sp = g->src->data;
    for (int32_t i = 0; i < nh; i++, sp += 3) {
        double amp = scl * (double)sp[0];
        double frq = fmode * (double)sp[1];
        if (!(fabs(frq) <= PI_D)) continue;   /* too high a frequency (NaN too) */
        double phs = TWOPI * (double)sp[2];
        double y0 = sin(phs), y1 = sin(phs + frq);
        double c = 2.0 * cos(frq) - 2.0;
        double x = y0, v = y1 - c * y0 - y0;
        x *= amp;
        v *= amp;
        for (int32_t j = 0; j <= n; j++) {
            g->d[j] += x;
            v += c * x;
            x += v;
        }
    }
    return 0;
}
