/* arith.c — expression operators, assignment, math functions and pitch/amplitude conversions. */
#include "op.h"
#include <math.h>
#include <stdint.h>

/*
 * Every operator exists per rate combination so the loops stay plain:
 * i-rate runs once at init, k-rate once per k-cycle (not at init: in Csound
 * `ix = i(kx)` after `kx = 5` gives 0 — checked with csound 6), a-rate over
 * the note's active frames of the block, the others zeroed as Csound does (an
 * opcode that reads frame 0 of an input at a mid-block start sees 0 there).
 */

typedef struct { OP h; } AOP;

#define OUTK(o) (*(o)->arg[0].k)
#define INK(o, i) (*(o)->arg[(i) + 1].k)
#define OUTA(o) ((o)->arg[0].a)
#define INA(o, i) ((o)->arg[(i) + 1].a)

/* ---- binary operators ---- */

#define BINOP(NAME, EXPR)                                                          \
    static void NAME##_kk(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        double x = INK(o, 0), y = INK(o, 1);                                       \
        OUTK(o) = (EXPR);                                                          \
    }                                                                              \
    static int NAME##_ii(OP *o, OP_CTX *c) { NAME##_kk(o, c); return 0; }          \
    static void NAME##_aa(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = INA(o, 0), *b = INA(o, 1);                                \
        for (int i = c->ofs; i < c->end; i++) {                                   \
            float x = a[i], y = b[i];                                              \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }                                                                              \
    static void NAME##_ak(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = INA(o, 0);                                                \
        const float y = (float)INK(o, 1);                                          \
        for (int i = c->ofs; i < c->end; i++) {                                   \
            float x = a[i];                                                        \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }                                                                              \
    static void NAME##_ka(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float x = (float)INK(o, 0);                                          \
        const float *b = INA(o, 1);                                                \
        for (int i = c->ofs; i < c->end; i++) {                                   \
            float y = b[i];                                                        \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }

BINOP(add, x + y)
BINOP(sub, x - y)
BINOP(mul, x * y)
BINOP(div, x / y)
BINOP(mod, fmod(x, y))
BINOP(pow, pow(x, y))

#define BINOP_ENTRIES(NAME, OPNAME)                                                \
    { OPNAME, "a", "aa", sizeof(AOP), NULL, NAME##_aa, 0 },                        \
    { OPNAME, "a", "ak", sizeof(AOP), NULL, NAME##_ak, 0 },                        \
    { OPNAME, "a", "ka", sizeof(AOP), NULL, NAME##_ka, 0 },                        \
    { OPNAME, "k", "kk", sizeof(AOP), NULL, NAME##_kk, 0 },                \
    { OPNAME, "i", "ii", sizeof(AOP), NAME##_ii, NULL, 0 }

/* comparisons and logic: i- and k-rate only, as in Csound */
#define LOGOP(NAME, EXPR)                                                          \
    static void NAME##_kk(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        double x = INK(o, 0), y = INK(o, 1);                                       \
        OUTK(o) = (EXPR) ? 1.0 : 0.0;                                              \
    }                                                                              \
    static int NAME##_ii(OP *o, OP_CTX *c) { NAME##_kk(o, c); return 0; }

LOGOP(lt, x < y)
LOGOP(gt, x > y)
LOGOP(le, x <= y)
LOGOP(ge, x >= y)
LOGOP(eq, x == y)
LOGOP(ne, x != y)
LOGOP(and, x != 0 && y != 0)
LOGOP(or, x != 0 || y != 0)

#define INTOP(NAME, EXPR)                                                          \
    static void NAME##_kk(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        long long x = (long long)INK(o, 0), y = (long long)INK(o, 1);              \
        OUTK(o) = (double)(EXPR);                                                  \
    }                                                                              \
    static int NAME##_ii(OP *o, OP_CTX *c) { NAME##_kk(o, c); return 0; }

INTOP(bitand, x & y)
INTOP(bitor, x | y)
INTOP(bitxor, x ^ y)
INTOP(shl, y >= 0 && y < 63 ? x << y : 0)
INTOP(shr, y >= 0 && y < 63 ? x >> y : 0)

#define KI_ENTRIES(NAME, OPNAME)                                                   \
    { OPNAME, "k", "kk", sizeof(AOP), NULL, NAME##_kk, 0 },                \
    { OPNAME, "i", "ii", sizeof(AOP), NAME##_ii, NULL, 0 }

/* ---- unary operators and one-argument functions ---- */

#define UNOP(NAME, EXPR)                                                           \
    static void NAME##_k(OP *o, OP_CTX *c)                                         \
    {                                                                              \
        double x = INK(o, 0);                                                      \
        OUTK(o) = (EXPR);                                                          \
    }                                                                              \
    static int NAME##_i(OP *o, OP_CTX *c) { NAME##_k(o, c); return 0; }            \
    static void NAME##_a(OP *o, OP_CTX *c)                                         \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = INA(o, 0);                                                \
        for (int i = c->ofs; i < c->end; i++) {                                   \
            double x = a[i];                                                       \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }

#define UNOP_ENTRIES(NAME, OPNAME)                                                 \
    { OPNAME, "i", "i", sizeof(AOP), NAME##_i, NULL, 0 },                          \
    { OPNAME, "k", "k", sizeof(AOP), NULL, NAME##_k, 0 },                  \
    { OPNAME, "a", "a", sizeof(AOP), NULL, NAME##_a, 0 }

UNOP(neg, -x)
UNOP(sin_, sin(x))
UNOP(cos_, cos(x))
UNOP(tan_, tan(x))
UNOP(asin_, asin(x))
UNOP(acos_, acos(x))
UNOP(atan_, atan(x))
UNOP(sinh_, sinh(x))
UNOP(cosh_, cosh(x))
UNOP(tanh_, tanh(x))
UNOP(exp_, exp(x))
UNOP(log_, log(x))
UNOP(log10_, log10(x))
UNOP(log2_, log2(x))
UNOP(sqrt_, sqrt(x))
UNOP(abs_, fabs(x))
UNOP(int_, trunc(x))                 /* Csound's int(): the integer part */
UNOP(frac_, x - trunc(x))
UNOP(floor_, floor(x))
UNOP(ceil_, ceil(x))
UNOP(round_, (double)lrint(x))      /* Csound rounds with lrint (MYFLT2LRND) */
UNOP(ampdb_, exp(x * (M_LN10 / 20.0)))
UNOP(dbamp_, log(x) * (20.0 / M_LN10))
UNOP(octave_, pow(2.0, x))
UNOP(semitone_, pow(2.0, x / 12.0))
UNOP(cent_, pow(2.0, x / 1200.0))
UNOP(signum_, (double)((x > 0) - (x < 0)))

static void not_k(OP *o, OP_CTX *c) { OUTK(o) = INK(o, 0) == 0 ? 1.0 : 0.0; }
static int not_i(OP *o, OP_CTX *c) { not_k(o, c); return 0; }
static void bitnot_k(OP *o, OP_CTX *c) { OUTK(o) = (double)~(long long)INK(o, 0); }
static int bitnot_i(OP *o, OP_CTX *c) { bitnot_k(o, c); return 0; }

/* ---- pitch conversions (Csound's aops.c formulas; A4 from the header) ---- */


/* mtof, cpsmidinn: A4 · 2^((m − 69)/12) */
static void mtof_k(OP *o, OP_CTX *c) { OUTK(o) = c->a4 * pow(2.0, (INK(o, 0) - 69.0) / 12.0); }
static int mtof_i(OP *o, OP_CTX *c) { mtof_k(o, c); return 0; }
static void mtof_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = INA(o, 0);
    double a4 = c->a4;
    for (int i = c->ofs; i < c->end; i++) r[i] = (float)(a4 * pow(2.0, (a[i] - 69.0) / 12.0));
    op_aclear_edges(r, c);
}
/* ftom: 69 + 12·log2(f / A4) */
static void ftom_k(OP *o, OP_CTX *c) { OUTK(o) = 69.0 + 12.0 * log2(INK(o, 0) / c->a4); }
static int ftom_i(OP *o, OP_CTX *c) { ftom_k(o, c); return 0; }

/*
 * cpspch / cpsoct / octpch / pchoct follow Csound's definitions: octave
 * point-pitch-class 8.09 = octave 8 plus 9 semitones, octave 8.75 is A4.
 * Csound 6 turns an octave into cps through a table of 2^(i/8192) (OCTRES
 * 8192 steps per octave, the octave number rounded to a step: CPSOCTL in
 * its headers), scaled by A4 / 2^8.75; we compute the same step exactly, so
 * cpspch(7.11) is 246.9346859 Hz as in csound 6.18, not 246.9416506.
 */
#define OCTRES 8192
static double cpsoctl(double oct, double a4)
{
    double x = oct * OCTRES;
    if (!(x >= 0 && x < 2147483647.0)) return pow(2.0, oct - 8.75) * a4;   /* outside the table's range */
    int32_t n = (int32_t)lrint(x);   /* rounded: cpspch(8.09) is exactly A4, as in csound */
    return (double)(1u << (n >> 13)) * pow(2.0, (double)(n & (OCTRES - 1)) / OCTRES) * (a4 / pow(2.0, 8.75));
}
static double oct_of_pch(double pch)
{
    double oct;
    double fract = modf(pch, &oct);
    return oct + fract * (100.0 / 12.0);
}
static void cpspch_k(OP *o, OP_CTX *c) { OUTK(o) = cpsoctl(oct_of_pch(INK(o, 0)), c->a4); }
static int cpspch_i(OP *o, OP_CTX *c) { cpspch_k(o, c); return 0; }
static void cpsoct_k(OP *o, OP_CTX *c) { OUTK(o) = cpsoctl(INK(o, 0), c->a4); }
static int cpsoct_i(OP *o, OP_CTX *c) { cpsoct_k(o, c); return 0; }
static void octpch_k(OP *o, OP_CTX *c) { OUTK(o) = oct_of_pch(INK(o, 0)); }
static int octpch_i(OP *o, OP_CTX *c) { octpch_k(o, c); return 0; }
static void octcps_k(OP *o, OP_CTX *c) { OUTK(o) = log2(INK(o, 0) / c->a4) + 8.75; }
static int octcps_i(OP *o, OP_CTX *c) { octcps_k(o, c); return 0; }
static void pchoct_k(OP *o, OP_CTX *c)
{
    double oct;
    double fract = modf(INK(o, 0), &oct);
    OUTK(o) = oct + fract * 0.12;
}
static int pchoct_i(OP *o, OP_CTX *c) { pchoct_k(o, c); return 0; }

/* ---- two-argument functions, min and max ---- */

static void powf_k(OP *o, OP_CTX *c) { OUTK(o) = pow(INK(o, 0), INK(o, 1)); }
static int powf_i(OP *o, OP_CTX *c) { powf_k(o, c); return 0; }
static void powf_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = INA(o, 0);
    double y = INK(o, 1);
    for (int i = c->ofs; i < c->end; i++) r[i] = (float)pow(a[i], y);
    op_aclear_edges(r, c);
}

/* min/max over any number of arguments */
static void min_k(OP *o, OP_CTX *c)
{
    double m = INK(o, 0);
    for (int i = 1; i < o->nin; i++) m = INK(o, i) < m ? INK(o, i) : m;
    OUTK(o) = m;
}
static int min_i(OP *o, OP_CTX *c) { min_k(o, c); return 0; }
static void max_k(OP *o, OP_CTX *c)
{
    double m = INK(o, 0);
    for (int i = 1; i < o->nin; i++) m = INK(o, i) > m ? INK(o, i) : m;
    OUTK(o) = m;
}
static int max_i(OP *o, OP_CTX *c) { max_k(o, c); return 0; }
static void min_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = INA(o, 0);
    for (int i = c->ofs; i < c->end; i++) r[i] = a[i];
    for (int k = 1; k < o->nin; k++) {
        const float *b = INA(o, k);
        for (int i = c->ofs; i < c->end; i++) r[i] = b[i] < r[i] ? b[i] : r[i];
    }
    op_aclear_edges(r, c);
}
static void max_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = INA(o, 0);
    for (int i = c->ofs; i < c->end; i++) r[i] = a[i];
    for (int k = 1; k < o->nin; k++) {
        const float *b = INA(o, k);
        for (int i = c->ofs; i < c->end; i++) r[i] = b[i] > r[i] ? b[i] : r[i];
    }
    op_aclear_edges(r, c);
}

/* ---- assignment, rate conversion, the ?: operator ---- */

static void assign_k(OP *o, OP_CTX *c) { OUTK(o) = INK(o, 0); }
static int assign_i(OP *o, OP_CTX *c) { assign_k(o, c); return 0; }
static void assign_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = INA(o, 0);
    for (int i = c->ofs; i < c->end; i++) r[i] = a[i];
    op_aclear_edges(r, c);
}
/* a = k: the k value held over the block (Csound's upsamp) */
static void upsamp(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    float v = (float)INK(o, 0);
    for (int i = c->ofs; i < c->end; i++) r[i] = v;
    op_aclear_edges(r, c);
}
/* a(k): Csound 6.18 ramps from the previous k value (0 at first) to the
 * current one across the block, reaching it on the last frame (checked:
 * a(line 1 → …) with ksmps 4 gives 0.25 0.5 0.75 1 | 1.0625 …). */
typedef struct { OP h; double prev; } AINTERP;

static int ainterp_init(OP *o, OP_CTX *c)
{
    ((AINTERP *)o)->prev = 0.0;
    return 0;
}

static void ainterp(OP *o, OP_CTX *c)
{
    AINTERP *p = (AINTERP *)o;
    float *r = OUTA(o);
    double cur = INK(o, 0), v = p->prev, inc = (cur - v) / c->ksmps;
    for (int i = 0; i < c->ksmps; i++) {
        v += inc;
        r[i] = (float)v;
    }
    p->prev = cur;
    op_aclear_edges(r, c);
}

/* k = i(a) style downsampling: the first frame of the block */
static void downsamp_k(OP *o, OP_CTX *c) { OUTK(o) = INA(o, 0)[0]; }
static int i_of_k(OP *o, OP_CTX *c) { OUTK(o) = INK(o, 0); return 0; }

static void cond_k(OP *o, OP_CTX *c) { OUTK(o) = INK(o, 0) != 0 ? INK(o, 1) : INK(o, 2); }
static int cond_i(OP *o, OP_CTX *c) { cond_k(o, c); return 0; }
static void cond_a(OP *o, OP_CTX *c)
{
    const float *src = INK(o, 0) != 0 ? INA(o, 1) : INA(o, 2);
    float *r = OUTA(o);
    for (int i = c->ofs; i < c->end; i++) r[i] = src[i];
    op_aclear_edges(r, c);
}

static const OP_DESC op_arith[] = {
    BINOP_ENTRIES(add, "##add"),
    BINOP_ENTRIES(sub, "##sub"),
    BINOP_ENTRIES(mul, "##mul"),
    BINOP_ENTRIES(div, "##div"),
    BINOP_ENTRIES(mod, "##mod"),
    BINOP_ENTRIES(pow, "##pow"),
    KI_ENTRIES(lt, "##lt"), KI_ENTRIES(gt, "##gt"), KI_ENTRIES(le, "##le"),
    KI_ENTRIES(ge, "##ge"), KI_ENTRIES(eq, "##eq"), KI_ENTRIES(ne, "##ne"),
    KI_ENTRIES(and, "##and"), KI_ENTRIES(or, "##or"),
    KI_ENTRIES(bitand, "##bitand"), KI_ENTRIES(bitor, "##bitor"), KI_ENTRIES(bitxor, "##bitxor"),
    KI_ENTRIES(shl, "##shl"), KI_ENTRIES(shr, "##shr"),
    UNOP_ENTRIES(neg, "##neg"),
    { "##not", "k", "k", sizeof(AOP), NULL, not_k, 0 },
    { "##not", "i", "i", sizeof(AOP), not_i, NULL, 0 },
    { "##bitnot", "k", "k", sizeof(AOP), NULL, bitnot_k, 0 },
    { "##bitnot", "i", "i", sizeof(AOP), bitnot_i, NULL, 0 },
    { "##cond", "i", "iii", sizeof(AOP), cond_i, NULL, 0 },
    { "##cond", "k", "kkk", sizeof(AOP), NULL, cond_k, 0 },
    { "##cond", "a", "kaa", sizeof(AOP), NULL, cond_a, 0 },
    { "##upsamp", "a", "k", sizeof(AOP), NULL, upsamp, 0 },
    { "=", "i", "i", sizeof(AOP), assign_i, NULL, 0 },
    { "=", "k", "k", sizeof(AOP), NULL, assign_k, 0 },
    { "=", "a", "a", sizeof(AOP), NULL, assign_a, 0 },
    { "=", "a", "k", sizeof(AOP), NULL, upsamp, 0 },
    { "upsamp", "a", "k", sizeof(AOP), NULL, upsamp, 0 },
    { "downsamp", "k", "a", sizeof(AOP), NULL, downsamp_k, 0 },
    { "i", "i", "k", sizeof(AOP), i_of_k, NULL, 0 },
    { "k", "k", "k", sizeof(AOP), NULL, assign_k, 0 },
    { "k", "k", "a", sizeof(AOP), NULL, downsamp_k, 0 },
    { "a", "a", "k", sizeof(AINTERP), ainterp_init, ainterp, 0 },
    { "a", "a", "a", sizeof(AOP), NULL, assign_a, 0 },
    UNOP_ENTRIES(sin_, "sin"), UNOP_ENTRIES(cos_, "cos"), UNOP_ENTRIES(tan_, "tan"),
    UNOP_ENTRIES(asin_, "sininv"), UNOP_ENTRIES(acos_, "cosinv"), UNOP_ENTRIES(atan_, "taninv"),
    UNOP_ENTRIES(sinh_, "sinh"), UNOP_ENTRIES(cosh_, "cosh"), UNOP_ENTRIES(tanh_, "tanh"),
    UNOP_ENTRIES(exp_, "exp"), UNOP_ENTRIES(log_, "log"), UNOP_ENTRIES(log10_, "log10"),
    UNOP_ENTRIES(log2_, "log2"), UNOP_ENTRIES(sqrt_, "sqrt"), UNOP_ENTRIES(abs_, "abs"),
    UNOP_ENTRIES(int_, "int"), UNOP_ENTRIES(frac_, "frac"), UNOP_ENTRIES(floor_, "floor"),
    UNOP_ENTRIES(ceil_, "ceil"), UNOP_ENTRIES(round_, "round"), UNOP_ENTRIES(ampdb_, "ampdb"),
    UNOP_ENTRIES(dbamp_, "dbamp"), UNOP_ENTRIES(octave_, "octave"), UNOP_ENTRIES(semitone_, "semitone"),
    UNOP_ENTRIES(cent_, "cent"), UNOP_ENTRIES(signum_, "signum"),
    { "pow", "i", "ii", sizeof(AOP), powf_i, NULL, 0 },
    { "pow", "k", "kk", sizeof(AOP), NULL, powf_k, 0 },
    { "pow", "a", "ak", sizeof(AOP), NULL, powf_a, 0 },
    { "min", "i", "im", sizeof(AOP), min_i, NULL, 0 },
    { "min", "k", "kz", sizeof(AOP), NULL, min_k, 0 },
    { "min", "a", "ay", sizeof(AOP), NULL, min_a, 0 },
    { "max", "i", "im", sizeof(AOP), max_i, NULL, 0 },
    { "max", "k", "kz", sizeof(AOP), NULL, max_k, 0 },
    { "max", "a", "ay", sizeof(AOP), NULL, max_a, 0 },
    { "mtof", "i", "i", sizeof(AOP), mtof_i, NULL, 0 },
    { "mtof", "k", "k", sizeof(AOP), NULL, mtof_k, 0 },
    { "mtof", "a", "a", sizeof(AOP), NULL, mtof_a, 0 },
    { "cpsmidinn", "i", "i", sizeof(AOP), mtof_i, NULL, 0 },
    { "cpsmidinn", "k", "k", sizeof(AOP), NULL, mtof_k, 0 },
    { "ftom", "i", "i", sizeof(AOP), ftom_i, NULL, 0 },
    { "ftom", "k", "k", sizeof(AOP), NULL, ftom_k, 0 },
    { "cpspch", "i", "i", sizeof(AOP), cpspch_i, NULL, 0 },
    { "cpspch", "k", "k", sizeof(AOP), NULL, cpspch_k, 0 },
    { "cpsoct", "i", "i", sizeof(AOP), cpsoct_i, NULL, 0 },
    { "cpsoct", "k", "k", sizeof(AOP), NULL, cpsoct_k, 0 },
    { "octpch", "i", "i", sizeof(AOP), octpch_i, NULL, 0 },
    { "octpch", "k", "k", sizeof(AOP), NULL, octpch_k, 0 },
    { "octcps", "i", "i", sizeof(AOP), octcps_i, NULL, 0 },
    { "octcps", "k", "k", sizeof(AOP), NULL, octcps_k, 0 },
    { "pchoct", "i", "i", sizeof(AOP), pchoct_i, NULL, 0 },
    { "pchoct", "k", "k", sizeof(AOP), NULL, pchoct_k, 0 },
    OP_END
};
OP_FAMILY(arith, "Mathematical Operations; Pitch Converters; Amplitude Converters", op_arith);

/* A4 reaches opcodes through the engine's configuration. */
