/* pitch.c — the manual's "Pitch Converters": cps, oct, pch and MIDI note numbers, note names, intervals, and the tuning opcodes (cps2pch, cpsxpch, cpstun, cpstuni). */
#include "unop.h"
#include <string.h>

/*
 * Formulas and constants are Csound 6.18's (OOps/aops.c unless said
 * otherwise), so values print as csound's do.  Octave point-decimal 8.75 is
 * A4; octave point-pitch-class 8.09 is octave 8 plus 9 semitones.
 */

/* ---- cpsoct, cpspch (aops.c CPSOCTL): Csound turns an octave into cps
 * through a table of 2^(i/8192) · ONEPT, ONEPT = A4 / 2^8.75 written as a
 * constant, indexing it with the octave × 8192 as an integer: cpsoct
 * truncates it, cpspch rounds it (so cpspch(8.09) is A4 itself).  We compute
 * the same entry: the same expression gives the same double.  Integer
 * conversions and the power-of-two shift are done as the x86-64 build does
 * them (an out-of-range octave gives what csound gives, not a crash).
 * Csound is built with -ffast-math, which turns every division by a constant
 * into a product with its reciprocal: we write those products, so the last
 * digit agrees (ONEPT is A4 · (1 / 430.54…), mtof divides by 12 that way). ---- */

#define OCTRES 8192
#define ONEPT_DIV 430.5389646099018460319362438314060262605
#define EIPT3 (25.0 / 3.0)
#define LOGTWO 0.69314718055994530942
#define ONEPT(a4) ((a4) * (1.0 / ONEPT_DIV))

static double cpsoctl(int32_t n, double a4)
{
    double frc = pow(2.0, (double)(n & (OCTRES - 1)) * (1.0 / OCTRES)) * ONEPT(a4);
    int32_t whole = (int32_t)(1u << ((n >> 13) & 31));   /* x86 masks the shift count */
    return (double)whole * frc;
}

static double oct_of_pch(double pch)
{
    double oct;
    double fract = modf(pch, &oct);
    return oct + fract * EIPT3;
}

UNOP(cpsoct_, cpsoctl(cs_i32(x * OCTRES), c->a4))
UNOP(cpspch_, cpsoctl(cs_lrnd(oct_of_pch(x) * OCTRES), c->a4))
UNOP(octpch_, oct_of_pch(x))
UNOP(octcps_, log(x / ONEPT(c->a4)) * (1.0 / LOGTWO))

static double pchoct(double x)
{
    double oct;
    double fract = modf(x, &oct);
    return oct + fract * 0.12;
}
UNOP(pchoct_, pchoct(x))

/* ---- MIDI note numbers (aops.c cpsmidinn, octmidinn, pchmidinn;
 * Opcodes/emugens/emugens.c mtof, ftom, pchtom) ---- */

#define MIDINOTE0 3.0   /* MIDI note 0 is 3.00 in oct and pch */

static double mtof(double m, double a4) { return pow(2.0, (m - 69.0) * (1.0 / 12.0)) * a4; }

UNOP(mtof_, mtof(x, c->a4))
UNOP(octmidinn_, x * (1.0 / 12.0) + MIDINOTE0)
UNOP(pchmidinn_, pchoct(x * (1.0 / 12.0) + MIDINOTE0))
UNOP(pchtom_, (floor(x) - 3.0) * 12.0 + (x - floor(x)) * 100.0)

/* cpsmidinn: as mtof, but a note outside 0…453 is an error */
static int cpsmidinn_i(OP *o, OP_CTX *c)
{
    double m = AK(o);
    if (m > 12 * 32 + 69 || m < 0) return op_initerr(c, o, "MIDI note %f out of range", m);
    OUTK(o) = mtof(m, c->a4);
    return 0;
}
static void cpsmidinn_k(OP *o, OP_CTX *c)
{
    double m = AK(o);
    if (m > 12 * 32 + 69 || m < 0) { op_perferr(c, o, "MIDI note %f out of range", m); return; }
    OUTK(o) = mtof(m, c->a4);
}

/* ftom(kfreq [, irnd]): 12·log2(f / A4) + 69, rounded (lrint) when irnd is
 * non-zero; Csound's LOG2 is log(x) / ln 2 (sysdep.h) */
#define MYRECIPLN2 1.442695040888963407359924681001892137426
typedef struct { OP h; OP_ARG out, f, rnd; } FTOM;

static void ftom_k(OP *o, OP_CTX *c)
{
    FTOM *p = (FTOM *)o;
    double m = (12.0 * MYRECIPLN2) * log(*p->f.k / c->a4) + 69.0;   /* fast-math gathers the constants */
    *p->out.k = cs_i32(*p->rnd.k) ? (double)cs_lrnd(m) : m;
}
static int ftom_i(OP *o, OP_CTX *c) { ftom_k(o, c); return 0; }

/* ---- intervals (aops.c powoftwo, semitone, cent; the a-rate forms multiply
 * by 1/12 and 1/1200 written as constants, cent's i/k form divides) ---- */

#define ONEd12 0.08333333333333333333333
#define ONEd1200 0.00083333333333333333333

UNOP(octave_, pow(2.0, x))
UNOP(semitone_, pow(2.0, x * ONEd12))
UNOP(cent_, pow(2.0, x * (1.0 / 1200.0)))
UNOP(centa_, pow(2.0, x * ONEd1200))

/* ---- note names (emugens.c ntom, ntof, mton): "4A", "4C#", "3Bb+30", "8D+" (+50
 * cents), "4A-7": octave digit, letter, optional # or b, optional ± and 0–2
 * digits of cents ---- */

typedef struct { OP h; OP_ARG out, name; } NTOM;

/* The MIDI note of a name, or NAN (with why in err) when it is not one. */
static double ntom_parse(const char *n, char *err, size_t errlen)
{
    static const int pcs[] = { 9, 11, 0, 2, 4, 5, 7 };
    size_t len = strlen(n);
    if (len < 2 || n[1] < 'A' || n[1] > 'G') {
        snprintf(err, errlen, "expecting a char between A and G, but got %c", len > 1 ? n[1] : ' ');
        return NAN;
    }
    int octave = n[0] - '0', pc = pcs[n[1] - 'A'], cursor = 2, cents = 0;
    if (n[2] == '#') pc++, cursor = 3;
    else if (n[2] == 'b') pc--, cursor = 3;
    int rest = (int)len - cursor;
    if (rest > 0) {
        int sign = n[cursor] == '+' ? 1 : -1;
        if (rest == 1) cents = 50;
        else if (rest == 2) cents = n[cursor + 1] - '0';
        else if (rest == 3) cents = 10 * (n[cursor + 1] - '0') + (n[cursor + 2] - '0');
        else {
            snprintf(err, errlen, "format not understood, note: %s, notelen: %d", n, (int)len);
            return NAN;
        }
        cents *= sign;
    }
    return ((octave + 1) * 12 + pc) + cents * (1.0 / 100.0);
}
static int ntom_eval(OP *o, OP_CTX *c, int tof)
{
    NTOM *p = (NTOM *)o;
    char err[120];
    double m = ntom_parse(op_s(p->name), err, sizeof err);
    if (m != m) return op_initerr(c, o, "%s", err);
    *p->out.k = tof ? mtof(m, c->a4) : m;
    return 0;
}
static int ntom_i(OP *o, OP_CTX *c) { return ntom_eval(o, c, 0); }
static int ntof_i(OP *o, OP_CTX *c) { return ntom_eval(o, c, 1); }
static void ntom_k(OP *o, OP_CTX *c)
{
    char err[120];
    double m = ntom_parse(op_s(((NTOM *)o)->name), err, sizeof err);
    if (m != m) op_perferr(c, o, "%s", err);
    else *((NTOM *)o)->out.k = m;
}
static void ntof_k(OP *o, OP_CTX *c)
{
    char err[120];
    double m = ntom_parse(op_s(((NTOM *)o)->name), err, sizeof err);
    if (m != m) op_perferr(c, o, "%s", err);
    else *((NTOM *)o)->out.k = mtof(m, c->a4);
}

/* mton(kmidi): the name of a MIDI note, "4A", "4C#+12", "3Bb-30" (emugens.c
 * mton: cents rounded, above 50 written from the next note up) */
typedef struct { OP h; OP_ARG out, midi; } MTON;

static void mton_name(double m, char *dst)
{
    static const int pc2idx[] = { 2, 2, 3, 3, 4, 5, 5, 6, 6, 0, 1, 1 };
    static const int pc2alt[] = { 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 2, 0 };
    int octave = cs_i32(m * (1.0 / 12.0) - 1), pc = cs_i32(m) % 12, cents = (int)round((m - floor(m)) * 100.0);
    int sign = 0, at;
    if (pc < 0) pc += 12;   /* a negative note (Csound reads outside its tables) */
    if (cents > 0 && cents <= 50) sign = 1;
    else if (cents > 50) {
        cents = 100 - cents;
        sign = -1;
        if (++pc == 12) pc = 0, octave++;
    }
    if (octave >= 0) dst[0] = (char)('0' + octave % 10), at = 1;
    else dst[0] = '-', dst[1] = (char)('0' - octave % 10), at = 2;
    dst[at++] = (char)('A' + pc2idx[pc]);
    if (pc2alt[pc]) dst[at++] = " #b"[pc2alt[pc]];
    if (sign) {
        dst[at++] = sign > 0 ? '+' : '-';
        if (cents < 10) dst[at++] = (char)('0' + cents);
        else if (cents != 50) dst[at++] = (char)('0' + cents / 10), dst[at++] = (char)('0' + cents % 10);
    }
    dst[at] = 0;
}
static int mton_i(OP *o, OP_CTX *c)
{
    MTON *p = (MTON *)o;
    char name[16];
    mton_name(*p->midi.k, name);
    return op_str_set(c, p->out.str, name) ? op_initerr(c, o, "mton: out of memory for the string") : 0;
}
static void mton_k(OP *o, OP_CTX *c)
{
    MTON *p = (MTON *)o;
    char name[16];
    mton_name(*p->midi.k, name);
    if (op_str_set(c, p->out.str, name)) op_perferr(c, o, "mton: out of memory for the string");
}

/* ---- cps2pch, cpsxpch (aops.c): pch in an equal temperament of iet steps
 * per octave (cps2pch: octave 2, reference C0 = 1.02197503906 Hz; cpsxpch:
 * interval irepeat, reference ibase), or, for a negative iet, in the steps
 * of table -iet (100·fraction rounded picks the step; steps past the table's
 * length wrap into the next interval) ---- */

typedef struct { OP h; OP_ARG out, pch, et, cy, ref; } XENH;

static int xpch(OP *o, OP_CTX *c, double cy, double ref)
{
    XENH *p = (XENH *)o;
    double loct, fract = modf(*p->pch.k, &loct), et = *p->et.k;
    if (et > 0) {
        *p->out.k = pow(cy, loct + (100.0 * fract) / et) * ref;
        return 0;
    }
    const FTABLE *ft = op_ftable(c, -et);
    if (!ft) return op_initerr(c, o, "No tuning table %d", -op_int(et));
    int frt = (int)(100.0 * fract + 0.5);
    while (frt > ft->size) {
        frt -= ft->size;
        loct++;
    }
    if (frt < 0) return op_initerr(c, o, "pitch class %g before tuning table %d's start", fract, -op_int(et));
    *p->out.k = ref * ft->data[frt] * pow(cy, loct);
    return 0;
}
static int cps2pch_i(OP *o, OP_CTX *c) { return xpch(o, c, 2.0, 1.02197503906); }
static int cpsxpch_i(OP *o, OP_CTX *c) { XENH *p = (XENH *)o; return xpch(o, c, *p->cy.k, *p->ref.k); }

/* ---- cpstuni, cpstun (aops.c cpstun_i, cpstun): a GEN -2 tuning table of
 * numgrades, interval, basefreq, basekey, then the ratios of one interval:
 * key n is ratio[(n - basekey) mod numgrades] · interval^octaves · basefreq ---- */

static int tun_freq(const FTABLE *ft, int32_t note, double *out)
{
    if (ft->size < 5) return -1;
    const float *f = ft->data;
    int32_t ngrades = cs_i32(f[0]), base = cs_i32(f[3]);
    double interval = f[1], basefreq = f[2], factor;
    int grade;
    if (ngrades <= 0 || ngrades > ft->size - 4) return -1;
    if (note < base) {
        note = base - note;
        grade = (ngrades - (note % ngrades)) % ngrades;
        factor = -(double)((note + ngrades - 1) / ngrades);
    } else {
        note = note - base;
        grade = note % ngrades;
        factor = (double)(note / ngrades);
    }
    *out = f[4 + grade] * pow(interval, factor) * basefreq;
    return 0;
}

typedef struct { OP h; OP_ARG out, index, fn; } CPSTUNI;
typedef struct { OP h; OP_ARG out, trig, index, fn; double old; } CPSTUN;

static int cpstuni_i(OP *o, OP_CTX *c)
{
    CPSTUNI *p = (CPSTUNI *)o;
    const FTABLE *ft = op_ftable(c, *p->fn.k);
    if (!ft || tun_freq(ft, cs_i32(*p->index.k), p->out.k)) return op_initerr(c, o, "cpstun: invalid table");
    return 0;
}
static int cpstun_init(OP *o, OP_CTX *c)
{
    (void)c;
    ((CPSTUN *)o)->old = 0.0;
    return 0;
}
static void cpstun_k(OP *o, OP_CTX *c)
{
    CPSTUN *p = (CPSTUN *)o;
    if (*p->trig.k != 0.0) {
        const FTABLE *ft = op_ftable(c, *p->fn.k);
        if (!ft || tun_freq(ft, cs_i32(*p->index.k), &p->old)) {
            op_perferr(c, o, "cpstun: invalid table");
            return;
        }
    }
    *p->out.k = p->old;
}

static const OP_DESC op_pitch[] = {
    UNOP_ENTRIES(cpsoct_, "cpsoct"),
    UNOP_IK_ENTRIES(cpspch_, "cpspch"), UNOP_IK_ENTRIES(octpch_, "octpch"),
    UNOP_IK_ENTRIES(octcps_, "octcps"), UNOP_IK_ENTRIES(pchoct_, "pchoct"),
    AOP_ROW("cpsmidinn", "i", "i", cpsmidinn_i, NULL),
    AOP_ROW("cpsmidinn", "k", "k", NULL, cpsmidinn_k),
    UNOP_IK_ENTRIES(octmidinn_, "octmidinn"), UNOP_IK_ENTRIES(pchmidinn_, "pchmidinn"),
    UNOP_ENTRIES(mtof_, "mtof"),
    { "ftom", "i", "io", sizeof(FTOM), ftom_i, NULL, OP_ARGS_IN(3) },
    { "ftom", "k", "ko", sizeof(FTOM), ftom_i, ftom_k, OP_ARGS_IN(3) },
    UNOP_IK_ENTRIES(pchtom_, "pchtom"),
    { "ntom", "i", "S", sizeof(NTOM), ntom_i, NULL, OP_ARGS_IN(2) },
    { "ntom", "k", "S", sizeof(NTOM), ntom_i, ntom_k, OP_ARGS_IN(2) },
    { "ntof", "i", "S", sizeof(NTOM), ntof_i, NULL, OP_ARGS_IN(2) },
    { "ntof", "k", "S", sizeof(NTOM), ntof_i, ntof_k, OP_ARGS_IN(2) },
    { "mton", "S", "i", sizeof(MTON), mton_i, NULL, OP_ARGS_IN(2) },
    { "mton", "S", "k", sizeof(MTON), mton_i, mton_k, OP_ARGS_IN(2) },
    UNOP_ENTRIES(octave_, "octave"), UNOP_ENTRIES(semitone_, "semitone"),
    UNOP_IK_ENTRIES(cent_, "cent"), AOP_ROW("cent", "a", "a", NULL, centa__a),
    { "cps2pch", "i", "ii", sizeof(XENH), cps2pch_i, NULL, OP_ARGS_IN(3) },
    { "cpsxpch", "i", "iiii", sizeof(XENH), cpsxpch_i, NULL, OP_ARGS_IN(5) },
    { "cpstuni", "i", "ii", sizeof(CPSTUNI), cpstuni_i, NULL, OP_ARGS_IN(3) },
    { "cpstun", "k", "kkk", sizeof(CPSTUN), cpstun_init, cpstun_k, OP_ARGS_IN(4) },
    OP_END
};
OP_FAMILY(pitch, "Pitch Converters", op_pitch);
