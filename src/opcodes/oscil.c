/* oscil.c — table oscillators and phasors: oscil, oscili, oscil3, poscil, poscil3, phasor, vco2. */
#include "op.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* ==================================================================== */
/* oscil, oscili, oscil3: Csound's fixed-point phase oscillators        */
/* ==================================================================== */

/*
 * oscil / oscili / oscil3 follow Csound 6's oscset and osckk/oscka/oscak/oscaa,
 * osckki…oscaai, osckk3…oscaa3, koscil/koscli/koscl3 (OOps/ugens2.c): an
 * integer phase over PHMAX = MAXLEN (Csound 6's MAXLEN is 2^28, as measured on
 * Csound 6.18: see engine/ftable.c) on a power-of-two table; the table index
 * is phs >> lobits and the fraction (phs & lomask) / 2^lobits.  The increment
 * is rounded (lrint, Csound's MYFLT2LONG) from cps · MAXLEN / sr at a-rate —
 * once per k-cycle for a k-rate frequency, every frame for an a-rate one — and
 * truncated from cps · MAXLEN / kr by the k-rate-output forms.  Using the same
 * integer phase is what makes the output match Csound's sample for sample: a
 * floating phase drifts from it by the increment's rounding.
 *
 *   oscil:  truncating lookup            tab[phs >> lobits]
 *   oscili: linear interpolation          y0 + (y1 − y0)·fract
 *   oscil3: Csound's 4-point cubic        (ym1, y0, y1, y2), wrapping at the ends
 *
 * iphs ≥ 0 sets the phase (fraction of a cycle, truncated to the integer
 * phase); a negative iphs skips the phase initialisation (a new note starts
 * from phase 0 in ondes, since its state is always fresh).
 */
#define PHMAX 0x10000000
#define PHMASK 0x0FFFFFFF

enum { INTERP_NONE, INTERP_LIN, INTERP_CUBIC };

typedef struct {
    OP h;
    OP_ARG res, xamp, xcps, ifn, iphs;  /* res: ares, or kres of the k-rate form (kamp, kcps) */
    const FTABLE *ft;
    int32_t phs;
    int32_t lobits, lomask;
    double lodiv;
} OSC;

static int osc_init(OP *o, OP_CTX *c)
{
    OSC *p = (OSC *)o;
    double ifn = *p->ifn.k, iphs = *p->iphs.k;
    p->ft = op_ftable(c, ifn);
    if (!p->ft) return op_initerr(c, o, "table %g does not exist", ifn);
    if (p->ft->lenmask < 0)
        return op_initerr(c, o, "table %g: size %d is not a power of two (use poscil)", ifn, p->ft->size);
    p->lobits = p->ft->lobits;
    p->lomask = (int32_t)((1u << p->lobits) - 1u);
    p->lodiv = 1.0 / (double)(1u << p->lobits);
    if (iphs >= 0) {
        /* Csound: (int32)(iphs · MAXLEN) & PHMASK; from iphs = 8 on the cast
         * overflows, which gives INT_MIN (phase 0) on x86 */
        double x = iphs * PHMAX;
        p->phs = x < 2147483648.0 ? (int32_t)x & PHMASK : 0;
    }
    return 0;
}

/* Csound's oscil3 / poscil3 four-point cubic around point idx, with its
 * order of operations and its wrap (before point 0 it reads tab[flen - 1],
 * past the guard point tab[1]).  Shared by oscil3 and poscil3. */
static inline double cubic_read(const float *tab, int32_t flen, int32_t idx, double fract)
{
    int32_t x0 = idx - 1;
    double ym1, y0, y1, y2;
    if (x0 < 0) { ym1 = tab[flen - 1]; x0 = 0; }
    else ym1 = tab[x0++];
    y0 = tab[x0++];
    y1 = tab[x0++];
    y2 = x0 > flen ? tab[1] : tab[x0];
    double frsq = fract * fract, frcu = frsq * ym1, t1 = y2 + y0 + y0 + y0;
    return y0 + 0.5 * frcu + fract * (y1 - frcu / 6.0 - t1 / 6.0 - ym1 / 3.0)
           + frsq * fract * (t1 / 6.0 - 0.5 * y1) + frsq * (0.5 * y1 - y0);
}

/* One table read at integer phase `phs` (the three interpolations). */
static inline double osc_read(const OSC *p, int32_t phs, int interp)
{
    const float *tab = p->ft->data;
    int32_t idx = phs >> p->lobits;
    if (interp == INTERP_NONE) return tab[idx];
    double fract = (double)(phs & p->lomask) * p->lodiv;
    if (interp == INTERP_LIN) {
        double v1 = tab[idx];
        return v1 + (tab[idx + 1] - v1) * fract;
    }
    return cubic_read(tab, p->ft->size, idx, fract);
}

/* phs + inc wrapped to the phase range (unsigned: a huge increment must not
 * overflow a signed int) */
static inline int32_t phs_add(int32_t phs, int32_t inc)
{
    return (int32_t)(((uint32_t)phs + (uint32_t)inc) & PHMASK);
}

/* The a-rate body, specialised by the compiler for each (interp, aamp, acps). */
static inline void osc_run(OP *o, OP_CTX *c, int interp, int aamp, int acps)
{
    OSC *p = (OSC *)o;
    float *ar = p->res.a;
    const float *ampa = aamp ? p->xamp.a : NULL;
    const float *cpsa = acps ? p->xcps.a : NULL;
    double ampk = aamp ? 0.0 : *p->xamp.k;
    double sicvt = PHMAX / c->sr;
    int32_t inc = acps ? 0 : (int32_t)lrint(*p->xcps.k * sicvt);
    int32_t phs = p->phs;
    for (int i = c->ofs; i < c->end; i++) {
        if (acps) inc = (int32_t)lrint(cpsa[i] * sicvt);
        double amp = aamp ? (double)ampa[i] : ampk;
        ar[i] = (float)(osc_read(p, phs, interp) * amp);
        phs = phs_add(phs, inc);
    }
    p->phs = phs;
    op_aclear_edges(ar, c);
}

/* Csound's (int32) cast of a k-rate increment; out of range (or NaN) the cast
 * is undefined in C, so such values are reduced modulo 2^32 first (the phase
 * is masked anyway). */
static inline int32_t trunc_i32(double x)
{
    if (fabs(x) < 2147483647.0) return (int32_t)x;
    if (!isfinite(x)) return 0;
    return (int32_t)(uint32_t)(int64_t)fmod(trunc(x), 4294967296.0);
}

/* k-rate output: one value per k-cycle, increment truncated from cps · MAXLEN / kr. */
static inline void osc_krun(OP *o, OP_CTX *c, int interp)
{
    OSC *p = (OSC *)o;
    *p->res.k = osc_read(p, p->phs, interp) * *p->xamp.k;
    int32_t inc = trunc_i32(*p->xcps.k * (PHMAX / c->kr));
    p->phs = phs_add(p->phs, inc);
}

#define OSC_VARIANTS(NAME, INTERP)                                                      \
    static void NAME##_kk(OP *o, OP_CTX *c) { osc_run(o, c, INTERP, 0, 0); }            \
    static void NAME##_ka(OP *o, OP_CTX *c) { osc_run(o, c, INTERP, 0, 1); }            \
    static void NAME##_ak(OP *o, OP_CTX *c) { osc_run(o, c, INTERP, 1, 0); }            \
    static void NAME##_aa(OP *o, OP_CTX *c) { osc_run(o, c, INTERP, 1, 1); }            \
    static void NAME##_k(OP *o, OP_CTX *c) { osc_krun(o, c, INTERP); }                 \
    static int NAME##_prep(OP *o, OP_PREP *p)                                           \
    {                                                                                   \
        p->perf = op_pick2(o, 1, 2, NAME##_kk, NAME##_ka, NAME##_ak, NAME##_aa);        \
        return 0;                                                                       \
    }

OSC_VARIANTS(oscil, INTERP_NONE)
OSC_VARIANTS(oscili, INTERP_LIN)
OSC_VARIANTS(oscil3, INTERP_CUBIC)

/* ==================================================================== */
/* poscil, poscil3: Csound's precise oscillators                        */
/* ==================================================================== */

/*
 * poscil / poscil3 follow Csound 6's posc_set, posckk/poscka/poscak/poscaa,
 * posc3kk…posc3aa and kposc/kposc3 (Opcodes/uggab.c, Gabriel Maldonado): a
 * double-precision phase counted in table points, over a table of any size
 * (not only powers of two).  The increment is cps · tablen / sr per frame
 * (cps · tablen / kr for the k-rate output); the phase wraps by subtracting
 * or adding tablen.  poscil reads with linear interpolation
 * (tab[i] + (tab[i+1] − tab[i])·fract, i = (int)phs, using the guard point),
 * poscil3 with the same 4-point cubic as oscil3.  iphs ≥ 0 sets the phase to
 * iphs · tablen (wrapped); a negative iphs skips it.
 */
typedef struct {
    OP h;
    OP_ARG res, xamp, xcps, ifn, iphs;  /* res: ares, or kres of the k-rate form (kamp, kcps) */
    const FTABLE *ft;
    double phs, tablen, tablen_up_sr;
} POSC;

static int posc_init(OP *o, OP_CTX *c)
{
    POSC *p = (POSC *)o;
    double ifn = *p->ifn.k, iphs = *p->iphs.k;
    p->ft = op_ftable(c, ifn);
    if (!p->ft) return op_initerr(c, o, "table %g does not exist", ifn);
    if (p->ft->size < 1) return op_initerr(c, o, "table %g is empty", ifn);
    p->tablen = p->ft->size;
    p->tablen_up_sr = p->tablen * c->onedsr;
    if (iphs >= 0) {
        p->phs = iphs * p->tablen;
        if (iphs < 64.0) {
            while (p->phs >= p->tablen) p->phs -= p->tablen;
        } else {
            p->phs = fmod(p->phs, p->tablen);
        }
    }
    return 0;
}

/* Csound's wrap (subtract / add tablen); a phase still outside the table
 * after one step (an absurd frequency) or NaN is brought back without a loop. */
static inline double posc_wrap(double phs, double tablen)
{
    if (phs >= tablen) {
        phs -= tablen;
        if (phs >= tablen) phs = fmod(phs, tablen);
    } else if (phs < 0.0) {
        phs += tablen;
        if (phs < 0.0) phs = fmod(phs, tablen) + tablen;
    }
    if (!(phs >= 0.0 && phs < tablen)) phs = 0.0;   /* rounding to tablen, NaN */
    return phs;
}

static inline double posc_read(const POSC *p, double phs, int cubic)
{
    const float *tab = p->ft->data;
    int32_t x0 = (int32_t)phs;
    double fract = phs - (double)x0;
    if (!cubic) {
        double y0 = tab[x0];
        return y0 + (tab[x0 + 1] - y0) * fract;
    }
    return cubic_read(tab, p->ft->size, x0, fract);
}

static inline void posc_run(OP *o, OP_CTX *c, int cubic, int aamp, int acps)
{
    POSC *p = (POSC *)o;
    float *ar = p->res.a;
    const float *ampa = aamp ? p->xamp.a : NULL;
    const float *cpsa = acps ? p->xcps.a : NULL;
    double ampk = aamp ? 0.0 : *p->xamp.k;
    double si = acps ? 0.0 : *p->xcps.k * p->tablen_up_sr;
    double phs = p->phs, tablen = p->tablen;
    for (int i = c->ofs; i < c->end; i++) {
        double amp = aamp ? (double)ampa[i] : ampk;
        ar[i] = (float)(amp * posc_read(p, phs, cubic));
        phs = posc_wrap(phs + (acps ? cpsa[i] * p->tablen_up_sr : si), tablen);
    }
    p->phs = phs;
    op_aclear_edges(ar, c);
}

static inline void posc_krun(OP *o, OP_CTX *c, int cubic)
{
    POSC *p = (POSC *)o;
    double si = *p->xcps.k * p->tablen * c->onedkr;
    *p->res.k = *p->xamp.k * posc_read(p, p->phs, cubic);
    p->phs = posc_wrap(p->phs + si, p->tablen);
}

#define POSC_VARIANTS(NAME, CUBIC)                                                      \
    static void NAME##_kk(OP *o, OP_CTX *c) { posc_run(o, c, CUBIC, 0, 0); }            \
    static void NAME##_ka(OP *o, OP_CTX *c) { posc_run(o, c, CUBIC, 0, 1); }            \
    static void NAME##_ak(OP *o, OP_CTX *c) { posc_run(o, c, CUBIC, 1, 0); }            \
    static void NAME##_aa(OP *o, OP_CTX *c) { posc_run(o, c, CUBIC, 1, 1); }            \
    static void NAME##_k(OP *o, OP_CTX *c) { posc_krun(o, c, CUBIC); }                 \
    static int NAME##_prep(OP *o, OP_PREP *p)                                           \
    {                                                                                   \
        p->perf = op_pick2(o, 1, 2, NAME##_kk, NAME##_ka, NAME##_ak, NAME##_aa);        \
        return 0;                                                                       \
    }

POSC_VARIANTS(poscil, 0)
POSC_VARIANTS(poscil3, 1)

/* ==================================================================== */
/* phasor                                                                */
/* ==================================================================== */

/*
 * phasor follows Csound 6's phsset / phsor / kphsor (OOps/ugens2.c): a double
 * phase in [0, 1) advanced by cps / sr per frame (cps / kr at k-rate), wrapped
 * once by ±1; the output is the phase before the step.  iphs ≥ 0 sets the
 * phase to its fractional part (Csound warns when it has an integer part).
 */
typedef struct {
    OP h;
    OP_ARG res, xcps, iphs;     /* res: ares, or kres of the k-rate form (kcps) */
    double curphs;
} PHASOR;

static int phasor_init(OP *o, OP_CTX *c)
{
    PHASOR *p = (PHASOR *)o;
    double iphs = *p->iphs.k;
    if (iphs >= 0) {
        double ip = trunc(iphs);
        if (ip != 0) op_msg(c, "WARNING: phasor: init phase truncation\n");
        p->curphs = iphs - ip;
    }
    return 0;
}

static inline void phasor_run(OP *o, OP_CTX *c, int acps)
{
    PHASOR *p = (PHASOR *)o;
    float *ar = p->res.a;
    const float *cpsa = acps ? p->xcps.a : NULL;
    double incr = acps ? 0.0 : *p->xcps.k * c->onedsr;
    double phase = p->curphs;
    for (int i = c->ofs; i < c->end; i++) {
        if (acps) incr = cpsa[i] * c->onedsr;
        ar[i] = (float)phase;
        phase += incr;
        if (phase >= 1.0) phase -= 1.0;
        else if (phase < 0.0) phase += 1.0;
    }
    p->curphs = phase;
    op_aclear_edges(ar, c);
}

static void phasor_a(OP *o, OP_CTX *c) { phasor_run(o, c, 1); }
static void phasor_k_a(OP *o, OP_CTX *c) { phasor_run(o, c, 0); }
static int phasor_prep(OP *o, OP_PREP *p) { p->perf = op_pick(o, 1, phasor_k_a, phasor_a); return 0; }

static void phasor_k(OP *o, OP_CTX *c)
{
    PHASOR *p = (PHASOR *)o;
    double phs = p->curphs;
    *p->res.k = phs;
    phs += *p->xcps.k * c->onedkr;
    if (phs >= 1.0) phs -= 1.0;
    else if (phs < 0.0) phs += 1.0;
    p->curphs = phs;
}

/* ==================================================================== */
/* vco2: band-limited oscillator on pre-computed tables                 */
/* ==================================================================== */

/*
 * vco2 follows Csound 6's vco2set / vco2 and the built-in table arrays of
 * vco2init (Opcodes/oscbnk.c, Istvan Varga, 2002).
 *
 * Tables.  For each built-in waveform (0 sawtooth, 1 the parabola
 * 4x(1 − x) (DC removed), 2 band-limited pulse (not normalised), 3 square,
 * 4 triangle) a series of tables holds the waveform with 0, 1, 2 … 20
 * harmonics, then ×1.05 more each time (Csound's vco2_next_npart with
 * npart_mul 1.05), while the count stays ≤ 4096 (max_size / 2, capped at
 * VCO2_MAX_NPART): 130 tables.  A table's size grows with its harmonics
 * (vco2_table_size: 16 for none, else 128 × 1, 2, 4 … 64 by ranges of 1, 4,
 * 16, 64, 256, 1024 harmonics, at most 8192; 256 … 16384 for the pulse).  Each
 * table is the inverse real FFT of the waveform's Fourier series truncated to
 * its harmonics, as Csound computes it (coefficients −2/π·1/k for the saw,
 * −4/π²·1/k² cosines for the parabola, 1 for the pulse, −4/π·1/k odd sines for
 * the square, ±8/π²·1/k² odd sines for the triangle); here the same sums are
 * evaluated with a double-precision FFT and stored as float.
 *
 * Table choice.  Once per k-cycle, with f = kcps / sr (plus the phase
 * modulation's frequency), the table is nparts[(int)(inyx / max(|f|, inyx/4096))]:
 * the one with the most harmonics that stay below inyx · sr (inyx defaults
 * to 0.5, Nyquist).
 *
 * Playback.  A 31-bit integer phase (OSCBNK_PHSMAX = 2^31; increments rounded
 * with lrint) reads the table with linear interpolation.  Mode 2 (PWM) is the
 * difference of two sawtooth readings a pulse width apart plus a DC
 * correction; mode 4 (saw / triangle / ramp) the difference of two parabola
 * readings scaled by 1 / (4·pw·(1 − pw)); the pulse width and kphs are
 * interpolated linearly over the k-cycle, as Csound does.  imode: bit 0
 * skips init, bits 1–3 the waveform (0 saw, 2 PWM square, 4 saw/tri/ramp,
 * 6 pulse, 8 parabola, 10 square, 12 triangle; 14, user tables from vco2init,
 * is not supported), bit 4 enables kphs as phase modulation.
 *
 * The tables (10.7 MB of float for the five waveforms, ~60 ms to compute)
 * are an engine's shared state (OP_SHARED vco2_shared): built off the audio
 * thread before any instrument that uses vco2 can play, never changed after,
 * freed with the engine.
 */

#define VCO2_MAX_NPART 4096
#define VCO2_NWAVES 5
#define OSCBNK_PHSMAX 0x80000000u
#define OSCBNK_PHSMSK 0x7FFFFFFFu

typedef struct {
    int npart, size;
    uint32_t lobits, mask;
    double pfrac;
    float *data;                    /* size + 1 points (guard point = data[0]) */
} VCO2_TAB;

typedef struct {
    int ntabl;
    int ok;                         /* 1 once built (0: out of memory) */
    VCO2_TAB *tab;
    const VCO2_TAB *by_npart[VCO2_MAX_NPART + 1];   /* Csound's nparts_tabl */
} VCO2_ARRAY;

typedef struct { VCO2_ARRAY arrays[VCO2_NWAVES]; } VCO2_TABLES;

/* Csound's OSCBNK_PHS2INT: a phase in cycles to the 31-bit integer phase. */
static inline uint32_t phs2int(double x)
{
    return (uint32_t)(int64_t)llrint(x * (double)OSCBNK_PHSMAX) & OSCBNK_PHSMSK;
}

/* Csound's oscbnk_flen_setup: shift, mask and fraction scale for a table size. */
static void vco2_flen_setup(int flen, uint32_t *mask, uint32_t *lobits, double *pfrac)
{
    uint32_t n = (uint32_t)flen;
    *lobits = 0;
    *mask = 1;
    *pfrac = 0.0;
    if (n < 2) return;
    while (n < OSCBNK_PHSMAX) {
        n <<= 1;
        *mask <<= 1;
        (*lobits)++;
    }
    *pfrac = 1.0 / (double)*mask;
    (*mask)--;
}

static int vco2_table_size(int npart, int wave)
{
    int min_size = wave == 2 ? 256 : 128, max_size = wave == 2 ? 16384 : 8192, n;
    if (npart < 1) return 16;
    else if (npart == 1) n = 1;
    else if (npart <= 4) n = 2;
    else if (npart <= 16) n = 4;
    else if (npart <= 64) n = 8;
    else if (npart <= 256) n = 16;
    else if (npart <= 1024) n = 32;
    else n = 64;
    n *= min_size;
    return n > max_size ? max_size : n;
}

static void vco2_next_npart(double *npart)
{
    double n = *npart * 1.05;
    if (n - *npart < 1.0) (*npart)++;
    else *npart = n;
}

/* In-place radix-2 complex FFT of n ≤ VCO2_FFT_MAX points (a power of two),
 * exponent sign +1 (an inverse transform, not normalised).  tw holds
 * cos/sin(2πj / VCO2_FFT_MAX) for j < VCO2_FFT_MAX / 2. */
#define VCO2_FFT_MAX 16384

static void fft_inverse(double *re, double *im, int n, const double *twc, const double *tws)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        int half = len >> 1, stride = VCO2_FFT_MAX / len;
        for (int k = 0; k < half; k++) {
            double wr = twc[k * stride], wi = tws[k * stride];
            for (int s = 0; s < n; s += len) {
                int a = s + k, b = a + half;
                double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                re[b] = re[a] - xr; im[b] = im[a] - xi;
                re[a] += xr; im[a] += xi;
            }
        }
    }
}

/* One table: the waveform's first `npart` harmonics, amplitude as Csound's
 * (its inverse real FFT of coefficients scaled by size / 2, normalised by 1/size):
 * x[n] = Σ a_k cos(2πkn/N) − b_k sin(2πkn/N), the Nyquist bin counted once.
 * The N-point real transform runs as an N/2-point complex one: with the
 * spectrum X (Hermitian), z = IFFT(E + iO) where E_k = X_k + X_{k+N/2} and
 * O_k = (X_k − X_{k+N/2})·e^{2πik/N} gives x[2m] = Re z[m], x[2m+1] = Im z[m].
 * w: work space of 4 · (VCO2_FFT_MAX / 2 + 1) doubles. */
static void vco2_calc_table(VCO2_TAB *t, int wave, double *w, const double *twc, const double *tws)
{
    int n = t->size, h = n / 2, stride = VCO2_FFT_MAX / n;
    double *xr = w, *xi = xr + (h + 1), *zr = xi + (h + 1), *zi = zr + h;
    memset(xr, 0, sizeof *xr * (size_t)(h + 1));
    memset(xi, 0, sizeof *xi * (size_t)(h + 1));
    double scl = 0.5 * (double)n;           /* GetInverseRealFFTScale (1) · size / 2 */
    switch (wave) {
    case 0: scl *= -2.0 / M_PI; break;
    case 1: scl *= -4.0 / (M_PI * M_PI); break;
    case 3: scl *= -4.0 / M_PI; break;
    case 4: scl *= 8.0 / (M_PI * M_PI); break;
    }
    for (int i = 1; i <= h && i <= t->npart; i++) {
        double a = 0.0, b = 0.0, di = (double)i;
        switch (wave) {
        case 0: b = scl / di; break;
        case 1: a = scl / (di * di); break;
        case 2: a = scl; break;
        case 3: b = (i & 1) ? scl / di : 0.0; break;
        case 4: b = (i & 1) ? ((i & 2) ? scl : -scl) / (di * di) : 0.0; break;
        }
        xr[i] = a;
        xi[i] = i == h ? 0.0 : b;   /* Csound keeps the Nyquist bin's real part only */
    }
    for (int k = 0; k < h; k++) {
        /* X_k and X_{k+N/2} = conj(X_{N/2-k}) */
        double ar = xr[k], ai = xi[k], br = xr[h - k], bi = -xi[h - k];
        double er = ar + br, ei = ai + bi, dr = ar - br, di = ai - bi;
        double c = twc[k * stride], s = tws[k * stride];
        double orr = dr * c - di * s, oi = dr * s + di * c;
        zr[k] = er - oi;
        zi[k] = ei + orr;
    }
    fft_inverse(zr, zi, h, twc, tws);
    for (int m = 0; m < h; m++) {
        t->data[2 * m] = (float)(zr[m] / (double)n);
        t->data[2 * m + 1] = (float)(zi[m] / (double)n);
    }
    t->data[n] = t->data[0];
}

/* Csound's vco2_tables_create with the default parameters of waveform `wave`. */
static void vco2_build(VCO2_ARRAY *arr, int wave)
{
    int maxpart = (wave == 2 ? 16384 : 8192) >> 1;
    if (maxpart > VCO2_MAX_NPART) maxpart = VCO2_MAX_NPART;
    double npart_f = 0.0;
    int ntabl = 0;
    do {
        ntabl++;
        vco2_next_npart(&npart_f);
    } while (npart_f <= (double)maxpart);
    arr->tab = calloc((size_t)ntabl, sizeof *arr->tab);
    /* FFT work space, then the twiddle factors */
    size_t nwork = 4 * (VCO2_FFT_MAX / 2 + 1);
    double *work = malloc(sizeof(double) * (nwork + VCO2_FFT_MAX));
    if (!arr->tab || !work) { free(work); return; }         /* arr->ok stays 0 */
    arr->ntabl = ntabl;     /* (tables not made yet are NULL: the free walks them all) */
    double *twc = work + nwork, *tws = twc + VCO2_FFT_MAX / 2;
    for (int j = 0; j < VCO2_FFT_MAX / 2; j++) {
        double ang = 2.0 * M_PI * (double)j / (double)VCO2_FFT_MAX;
        twc[j] = cos(ang);
        tws[j] = sin(ang);
    }
    npart_f = 0.0;
    for (int i = 0; i < ntabl; i++) {
        VCO2_TAB *t = &arr->tab[i];
        t->npart = (int)(npart_f + 0.5);
        t->size = vco2_table_size(t->npart, wave);
        vco2_flen_setup(t->size, &t->mask, &t->lobits, &t->pfrac);
        t->data = malloc(sizeof(float) * ((size_t)t->size + 1));
        if (!t->data) { free(work); return; }
        vco2_calc_table(t, wave, work, twc, tws);
        vco2_next_npart(&npart_f);
    }
    free(work);
    /* number of partials -> table */
    for (int i = 0, np = 0; np <= VCO2_MAX_NPART;) {
        arr->by_npart[np++] = &arr->tab[i];
        if (i < ntabl - 1 && np >= arr->tab[i + 1].npart) i++;
    }
    arr->ok = 1;
}

static void vco2_tables_free(void *st)
{
    VCO2_TABLES *T = st;
    for (int w = 0; w < VCO2_NWAVES; w++) {
        for (int i = 0; T->arrays[w].tab && i < T->arrays[w].ntabl; i++) free(T->arrays[w].tab[i].data);
        free(T->arrays[w].tab);
    }
}

/* Every waveform's table array (10.7 MB, ~60 ms), off the audio thread. */
static int vco2_tables_create(void *st, const OP_ENV *env, char *err, size_t errlen)
{
    VCO2_TABLES *T = st;
    for (int w = 0; w < VCO2_NWAVES; w++) {
        vco2_build(&T->arrays[w], w);
        if (!T->arrays[w].ok) {
            snprintf(err, errlen, "vco2: out of memory for the band-limited tables");
            return -1;
        }
    }
    return 0;
}
static const OP_SHARED vco2_shared = { "vco2's band-limited tables", sizeof(VCO2_TABLES), vco2_tables_create,
                                       vco2_tables_free };

typedef struct {
    OP h;
    OP_ARG ar, kamp, kcps, imode, kpw, kphs, inyx;  /* kpw, kphs, inyx: their defaults when not given */
    const VCO2_ARRAY *arr;          /* NULL: not initialised (imode bit 0 on a fresh note) */
    int init_k, mode, pm_enabled;
    double f_scl, p_min, p_scl, kphs_old, kphs2_old;
    uint32_t phs, phs2;
} VCO2;

static int vco2_init(OP *o, OP_CTX *c)
{
    static const int tnums[8] = { 0, 0, 1, 2, 1, 3, 4, 5 };
    static const int modes[8] = { 0, 1, 2, 0, 0, 0, 0, 0 };
    VCO2 *p = (VCO2 *)o;
    /* how many arguments the call gave (inyx's default is 0.5, what Csound
     * uses when it is missing) */
    int given = o->ngiven > 5 ? 5 : o->ngiven;
    int mode = (int)lrint(*p->imode.k) & 0x1F;
    if (mode & 1) return 0;                     /* skip initialisation */
    int min_args = 2;
    if ((mode & 14) == 2 || (mode & 14) == 4) min_args = 4;
    if (mode & 16) min_args = 5;
    if (given < min_args) return op_initerr(c, o, "insufficient required arguments");
    int tnum = tnums[(mode & 14) >> 1];
    p->mode = modes[(mode & 14) >> 1];
    if (tnum >= VCO2_NWAVES)
        return op_initerr(c, o, "table array not found for user defined waveform (vco2init is not supported)");
    const VCO2_TABLES *T = op_shared(c, &vco2_shared);
    if (!T) return op_initerr(c, o, "the engine has no band-limited tables (instrument not prepared)");
    p->arr = &T->arrays[tnum];
    p->init_k = 1;
    p->pm_enabled = (mode & 16) ? 1 : 0;
    if ((mode & 16) || given < 5) {
        p->phs = 0;
    } else {
        double x = *p->kphs.k;
        x -= trunc(x);          /* Csound: x − (int32)x */
        p->phs = phs2int(x);
    }
    p->f_scl = c->onedsr;
    double x = *p->inyx.k;
    if (x < 0.001) x = 0.001;
    if (x > 0.5) x = 0.5;
    p->p_min = x / (double)VCO2_MAX_NPART;
    p->p_scl = x;
    return 0;
}

static inline double vco2_read(const VCO2_TAB *t, uint32_t phs)
{
    uint32_t n = phs >> t->lobits;
    double v = t->data[n];
    return v + (t->data[n + 1] - v) * (double)(int32_t)(phs & t->mask) * t->pfrac;
}

static void vco2_perf(OP *o, OP_CTX *c)
{
    VCO2 *p = (VCO2 *)o;
    float *ar = p->ar.a;
    if (!p->arr) {                              /* never initialised */
        memset(ar, 0, sizeof(float) * (size_t)c->ksmps);
        return;
    }
    double kamp = *p->kamp.k, kcps = *p->kcps.k, kpw = *p->kpw.k, kphs = *p->kphs.k;
    double nact = (double)(c->end - c->ofs);    /* Csound divides by the active frames */
    double f, f1;
    if (p->init_k) {
        p->init_k = 0;
        if (p->pm_enabled) {
            p->kphs_old = kphs;
            f = kphs - trunc(kphs);
            p->phs = phs2int(f);
        }
        if (p->mode) {
            p->kphs2_old = -kpw;
            f = p->kphs2_old - trunc(p->kphs2_old);
            p->phs2 = (p->phs + phs2int(f)) & OSCBNK_PHSMSK;
        }
    }
    /* frequency, including the phase modulation spread over the k-cycle */
    f = kcps * p->f_scl;
    uint32_t frq = phs2int(f);
    if (p->pm_enabled) {
        f1 = (kphs - p->kphs_old) / nact;
        p->kphs_old = kphs;
        frq = (frq + phs2int(f1)) & OSCBNK_PHSMSK;
        f += f1;
    }
    /* the table with the most harmonics below inyx · sr */
    double npart = fabs(f);
    if (!(npart >= p->p_min)) npart = p->p_min;     /* NaN too */
    int32_t ti = (int32_t)(p->p_scl / npart);
    if (ti > VCO2_MAX_NPART) ti = VCO2_MAX_NPART;
    if (ti < 0) ti = 0;
    const VCO2_TAB *t = p->arr->by_npart[ti];
    uint32_t phs = p->phs;
    if (p->mode == 0) {                         /* plain table playback */
        for (int i = c->ofs; i < c->end; i++) {
            ar[i] = (float)(vco2_read(t, phs) * kamp);
            phs = (phs + frq) & OSCBNK_PHSMSK;
        }
    } else {
        double v = -kpw;                        /* pulse width, as a phase offset */
        f1 = (v - p->kphs2_old) / nact;
        f = p->kphs2_old - trunc(p->kphs2_old);
        if (f < 0.0) f++;
        p->kphs2_old = v;
        uint32_t phs2 = p->phs2;
        uint32_t frq2 = (frq + phs2int(f1)) & OSCBNK_PHSMSK;
        if (p->mode == 1) {                     /* PWM: saw − shifted saw + DC correction */
            f = 1.0 - 2.0 * f;
            f1 *= -2.0;
            for (int i = c->ofs; i < c->end; i++) {
                double s = vco2_read(t, phs) - vco2_read(t, phs2);
                ar[i] = (float)((s + f) * kamp);
                phs = (phs + frq) & OSCBNK_PHSMSK;
                phs2 = (phs2 + frq2) & OSCBNK_PHSMSK;
                f += f1;
            }
        } else {                                /* saw / triangle / ramp from two parabolas */
            for (int i = c->ofs; i < c->end; i++) {
                double s = vco2_read(t, phs) - vco2_read(t, phs2);
                ar[i] = (float)(s * (0.25 / (f - f * f)) * kamp);
                phs = (phs + frq) & OSCBNK_PHSMSK;
                phs2 = (phs2 + frq2) & OSCBNK_PHSMSK;
                f += f1;
            }
        }
        p->phs2 = phs2;
    }
    p->phs = phs;
    op_aclear_edges(ar, c);
}

/* ==================================================================== */

/* an a-rate row whose prep picks the loop for the rates of xamp and xcps, and
 * a k-rate row (Csound's k-rate forms take k-rate arguments only) */
#define OSC_ENTRIES(NAME, INIT, SZ)                                                     \
    { #NAME, "a", "xxjo", sizeof(SZ), INIT, NAME##_kk, OP_ARGS_IN(5), NAME##_prep },    \
    { #NAME, "k", "kkjo", sizeof(SZ), INIT, NAME##_k, OP_ARGS_IN(5) }

static const OP_DESC op_oscil[] = {
    OSC_ENTRIES(oscil, osc_init, OSC),
    OSC_ENTRIES(oscili, osc_init, OSC),
    OSC_ENTRIES(oscil3, osc_init, OSC),
    OSC_ENTRIES(poscil, posc_init, POSC),
    OSC_ENTRIES(poscil3, posc_init, POSC),
    { "phasor", "a", "xo", sizeof(PHASOR), phasor_init, phasor_k_a, OP_ARGS_IN(3), phasor_prep },
    { "phasor", "k", "ko", sizeof(PHASOR), phasor_init, phasor_k, OP_ARGS_IN(3) },
    { "vco2", "a", "kkoOOv", sizeof(VCO2), vco2_init, vco2_perf, OP_ARGS_IN(7), NULL, &vco2_shared },
    OP_END
};
OP_FAMILY(oscil, "Signal Generators: Basic Oscillators; Phasors", op_oscil);
