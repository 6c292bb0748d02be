/* oscil.c — table oscillators and phasors: oscil, oscili, poscil, vco2, phasor. */
#include "registry.h"
#include <math.h>

/*
 * oscili follows Csound 6's osckki/oscaai family (OOps/ugens2.c): a 24-bit
 * fixed-point phase (PHMAX = 2^24) over a power-of-two table, the increment
 * rounded once per k-cycle from cps · PHMAX / sr, linear interpolation between
 * the two points the phase falls between.  Using the same integer phase is
 * what makes the output match Csound sample for sample: a floating phase
 * drifts from it by the increment's rounding (up to sr / 2^24 Hz).
 */
#define PHMAX 0x1000000
#define PHMASK 0x0FFFFFF

typedef struct {
    OP h;
    const FTABLE *ft;
    int32_t phs;
    int32_t lomask;
    double lodiv;
} OSCILI;

static int oscili_init(OP *o, OP_CTX *c)
{
    OSCILI *p = (OSCILI *)o;
    double ifn = *o->arg[3].k, iphs = *o->arg[4].k;
    p->ft = op_ftable(c, ifn);
    if (!p->ft) return op_initerr(c, o, "table %g does not exist", ifn);
    if (p->ft->lenmask < 0) return op_initerr(c, o, "table %g: size %d is not a power of two", ifn, p->ft->size);
    p->lomask = (1 << p->ft->lobits) - 1;
    p->lodiv = 1.0 / (double)(1 << p->ft->lobits);
    if (iphs >= 0) p->phs = (int32_t)(iphs * PHMAX) & PHMASK;
    return 0;
}

static void oscili_kk(OP *o, OP_CTX *c)
{
    OSCILI *p = (OSCILI *)o;
    float *ar = o->arg[0].a;
    double amp = *o->arg[1].k;
    int32_t inc = (int32_t)lrint(*o->arg[2].k * (PHMAX / c->sr));
    int32_t phs = p->phs, lobits = p->ft->lobits, lomask = p->lomask;
    const float *tab = p->ft->data;
    double lodiv = p->lodiv;
    for (int i = c->ofs; i < c->end; i++) {
        double fract = (phs & lomask) * lodiv;
        const float *f = tab + (phs >> lobits);
        double v = f[0] + (f[1] - f[0]) * fract;
        ar[i] = (float)(v * amp);
        phs = (phs + inc) & PHMASK;
    }
    p->phs = phs;
    op_aclear_edges(ar, c);
}

const OP_DESC op_oscil[] = {
    { "oscili", "a", "kkjo", sizeof(OSCILI), oscili_init, oscili_kk, 0 },
    OP_END
};
