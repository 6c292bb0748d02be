/* arith.c — expression operators, assignment, math functions and pitch/amplitude conversions. */
#include "op.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Every operator has a loop per rate combination so the loops stay plain:
 * i-rate runs once at init, k-rate once per k-cycle (not at init: in Csound
 * `ix = i(kx)` after `kx = 5` gives 0 — checked with csound 6), a-rate over
 * the note's active frames of the block, the others zeroed as Csound does (an
 * opcode that reads frame 0 of an input at a mid-block start sees 0 there).
 * An a-rate result is one descriptor whose inputs take any rate ("xx"); its
 * prep picks the loop for the rates given.  The compiler gives an operator
 * the rate of its fastest operand and asks for that output rate, so k and i
 * operands never reach the a-rate row (its prep refuses them all the same).
 */

/* The operators' generic arguments: out = a OP b, or out = f(a) (b unused). */
typedef struct { OP h; OP_ARG out, a, b; } AOP;

#define OUTK(o) (*((AOP *)(o))->out.k)
#define OUTA(o) (((AOP *)(o))->out.a)
#define AK(o) (*((AOP *)(o))->a.k)
#define BK(o) (*((AOP *)(o))->b.k)
#define AA(o) (((AOP *)(o))->a.a)
#define BA(o) (((AOP *)(o))->b.a)
#define AOP_ROW(NAME, OUT, IN, INIT, PERF) { NAME, OUT, IN, sizeof(AOP), INIT, PERF, OP_ARGS_IN(3) }

/* The a-rate loop of a binary operator for its operands' rates (at least one is audio). */
static int pick_binop(OP *o, OP_PREP *pr, op_perf_fn ka, op_perf_fn ak, op_perf_fn aa)
{
    if (!op_isa(o, 1) && !op_isa(o, 2)) {
        snprintf(pr->err, sizeof pr->err, "an a-rate result needs an a-rate operand");
        return -1;
    }
    pr->perf = op_pick2(o, 1, 2, NULL, ka, ak, aa);
    return 0;
}

/* ---- binary operators ---- */

#define BINOP(NAME, EXPR)                                                          \
    static void NAME##_kk(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        double x = AK(o), y = BK(o);                                               \
        OUTK(o) = (EXPR);                                                          \
    }                                                                              \
    static int NAME##_ii(OP *o, OP_CTX *c) { NAME##_kk(o, c); return 0; }          \
    static void NAME##_aa(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = AA(o), *b = BA(o);                                        \
        for (int i = c->ofs; i < c->end; i++) {                                    \
            float x = a[i], y = b[i];                                              \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }                                                                              \
    static void NAME##_ak(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = AA(o);                                                    \
        const float y = (float)BK(o);                                              \
        for (int i = c->ofs; i < c->end; i++) {                                    \
            float x = a[i];                                                        \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }                                                                              \
    static void NAME##_ka(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float x = (float)AK(o);                                              \
        const float *b = BA(o);                                                    \
        for (int i = c->ofs; i < c->end; i++) {                                    \
            float y = b[i];                                                        \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }                                                                              \
    static int NAME##_prep(OP *o, OP_PREP *pr) { return pick_binop(o, pr, NAME##_ka, NAME##_ak, NAME##_aa); }

BINOP(add, x + y)
BINOP(sub, x - y)
BINOP(mul, x * y)
BINOP(div, x / y)
BINOP(mod, fmod(x, y))
BINOP(pow, pow(x, y))

#define BINOP_ENTRIES(NAME, OPNAME)                                                            \
    { OPNAME, "a", "xx", sizeof(AOP), NULL, NAME##_aa, OP_ARGS_IN(3), NAME##_prep },           \
    AOP_ROW(OPNAME, "k", "kk", NULL, NAME##_kk),                                               \
    AOP_ROW(OPNAME, "i", "ii", NAME##_ii, NULL)

/* comparisons and logic: i- and k-rate only, as in Csound */
#define LOGOP(NAME, EXPR)                                                          \
    static void NAME##_kk(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        double x = AK(o), y = BK(o);                                               \
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
        long long x = (long long)AK(o), y = (long long)BK(o);                      \
        OUTK(o) = (double)(EXPR);                                                  \
    }                                                                              \
    static int NAME##_ii(OP *o, OP_CTX *c) { NAME##_kk(o, c); return 0; }

INTOP(bitand, x & y)
INTOP(bitor, x | y)
INTOP(bitxor, x ^ y)
INTOP(shl, y >= 0 && y < 63 ? x << y : 0)
INTOP(shr, y >= 0 && y < 63 ? x >> y : 0)

#define KI_ENTRIES(NAME, OPNAME)                                                   \
    AOP_ROW(OPNAME, "k", "kk", NULL, NAME##_kk),                                   \
    AOP_ROW(OPNAME, "i", "ii", NAME##_ii, NULL)

/* ---- unary operators and one-argument functions ---- */

#define UNOP(NAME, EXPR)                                                           \
    static void NAME##_k(OP *o, OP_CTX *c)                                         \
    {                                                                              \
        double x = AK(o);                                                          \
        OUTK(o) = (EXPR);                                                          \
    }                                                                              \
    static int NAME##_i(OP *o, OP_CTX *c) { NAME##_k(o, c); return 0; }            \
    static void NAME##_a(OP *o, OP_CTX *c)                                         \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = AA(o);                                                    \
        for (int i = c->ofs; i < c->end; i++) {                                    \
            double x = a[i];                                                       \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }

#define UNOP_ENTRIES(NAME, OPNAME)                                                 \
    AOP_ROW(OPNAME, "i", "i", NAME##_i, NULL),                                     \
    AOP_ROW(OPNAME, "k", "k", NULL, NAME##_k),                                     \
    AOP_ROW(OPNAME, "a", "a", NULL, NAME##_a)

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

static void not_k(OP *o, OP_CTX *c) { OUTK(o) = AK(o) == 0 ? 1.0 : 0.0; }
static int not_i(OP *o, OP_CTX *c) { not_k(o, c); return 0; }
static void bitnot_k(OP *o, OP_CTX *c) { OUTK(o) = (double)~(long long)AK(o); }
static int bitnot_i(OP *o, OP_CTX *c) { bitnot_k(o, c); return 0; }

/* ---- pitch conversions (Csound's aops.c formulas; A4 from the header) ---- */


/* mtof, cpsmidinn: A4 · 2^((m − 69)/12) */
static void mtof_k(OP *o, OP_CTX *c) { OUTK(o) = c->a4 * pow(2.0, (AK(o) - 69.0) / 12.0); }
static int mtof_i(OP *o, OP_CTX *c) { mtof_k(o, c); return 0; }
static void mtof_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = AA(o);
    double a4 = c->a4;
    for (int i = c->ofs; i < c->end; i++) r[i] = (float)(a4 * pow(2.0, (a[i] - 69.0) / 12.0));
    op_aclear_edges(r, c);
}
/* ftom: 69 + 12·log2(f / A4) */
static void ftom_k(OP *o, OP_CTX *c) { OUTK(o) = 69.0 + 12.0 * log2(AK(o) / c->a4); }
static int ftom_i(OP *o, OP_CTX *c) { ftom_k(o, c); return 0; }

/*
 * cpspch / cpsoct / octpch / pchoct follow Csound's definitions: octave
 * point-pitch-class 8.09 = octave 8 plus 9 semitones, octave 8.75 is A4.
 * Csound 6 turns an octave into cps through a table of 2^(i/8192) (OCTRES
 * 8192 steps per octave: CPSOCTL in its headers), scaled by A4 / 2^8.75;
 * we compute the same step exactly, so cpspch(7.11) is 246.9346859 Hz as in
 * csound 6.18, not 246.9416506.  cpspch rounds the octave to a step (so
 * cpspch(8.09) is exactly A4), cpsoct truncates it (Csound's aops.c casts:
 * cpsoct(8.77) is 446.110 Hz, not 446.148).
 */
#define OCTRES 8192
static double cpsoctl(double oct, double a4, int rounded)
{
    double x = oct * OCTRES;
    if (!(x >= 0 && x < 2147483647.0)) return pow(2.0, oct - 8.75) * a4;   /* outside the table's range */
    int32_t n = rounded ? (int32_t)lrint(x) : (int32_t)x;
    return (double)(1u << (n >> 13)) * pow(2.0, (double)(n & (OCTRES - 1)) / OCTRES) * (a4 / pow(2.0, 8.75));
}
static double oct_of_pch(double pch)
{
    double oct;
    double fract = modf(pch, &oct);
    return oct + fract * (100.0 / 12.0);
}
static void cpspch_k(OP *o, OP_CTX *c) { OUTK(o) = cpsoctl(oct_of_pch(AK(o)), c->a4, 1); }
static int cpspch_i(OP *o, OP_CTX *c) { cpspch_k(o, c); return 0; }
static void cpsoct_k(OP *o, OP_CTX *c) { OUTK(o) = cpsoctl(AK(o), c->a4, 0); }
static int cpsoct_i(OP *o, OP_CTX *c) { cpsoct_k(o, c); return 0; }
static void octpch_k(OP *o, OP_CTX *c) { OUTK(o) = oct_of_pch(AK(o)); }
static int octpch_i(OP *o, OP_CTX *c) { octpch_k(o, c); return 0; }
static void octcps_k(OP *o, OP_CTX *c) { OUTK(o) = log2(AK(o) / c->a4) + 8.75; }
static int octcps_i(OP *o, OP_CTX *c) { octcps_k(o, c); return 0; }
static void pchoct_k(OP *o, OP_CTX *c)
{
    double oct;
    double fract = modf(AK(o), &oct);
    OUTK(o) = oct + fract * 0.12;
}
static int pchoct_i(OP *o, OP_CTX *c) { pchoct_k(o, c); return 0; }

/* ---- two-argument functions, min and max ---- */

static void powf_k(OP *o, OP_CTX *c) { OUTK(o) = pow(AK(o), BK(o)); }
static int powf_i(OP *o, OP_CTX *c) { powf_k(o, c); return 0; }
static void powf_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = AA(o);
    double y = BK(o);
    for (int i = c->ofs; i < c->end; i++) r[i] = (float)pow(a[i], y);
    op_aclear_edges(r, c);
}

/* min/max over any number of arguments: xin1, xin2 … (at most MINMAX_MAX; the compiler refuses more) */
#define MINMAX_MAX 64
typedef struct { OP h; OP_ARG out, xin[MINMAX_MAX]; } MINMAX;

static void min_k(OP *o, OP_CTX *c)
{
    MINMAX *p = (MINMAX *)o;
    double m = *p->xin[0].k;
    for (int i = 1; i < o->ngiven; i++) m = *p->xin[i].k < m ? *p->xin[i].k : m;
    *p->out.k = m;
}
static int min_i(OP *o, OP_CTX *c) { min_k(o, c); return 0; }
static void max_k(OP *o, OP_CTX *c)
{
    MINMAX *p = (MINMAX *)o;
    double m = *p->xin[0].k;
    for (int i = 1; i < o->ngiven; i++) m = *p->xin[i].k > m ? *p->xin[i].k : m;
    *p->out.k = m;
}
static int max_i(OP *o, OP_CTX *c) { max_k(o, c); return 0; }
static void min_a(OP *o, OP_CTX *c)
{
    MINMAX *p = (MINMAX *)o;
    float *r = p->out.a;
    const float *a = p->xin[0].a;
    for (int i = c->ofs; i < c->end; i++) r[i] = a[i];
    for (int k = 1; k < o->ngiven; k++) {
        const float *b = p->xin[k].a;
        for (int i = c->ofs; i < c->end; i++) r[i] = b[i] < r[i] ? b[i] : r[i];
    }
    op_aclear_edges(r, c);
}
static void max_a(OP *o, OP_CTX *c)
{
    MINMAX *p = (MINMAX *)o;
    float *r = p->out.a;
    const float *a = p->xin[0].a;
    for (int i = c->ofs; i < c->end; i++) r[i] = a[i];
    for (int k = 1; k < o->ngiven; k++) {
        const float *b = p->xin[k].a;
        for (int i = c->ofs; i < c->end; i++) r[i] = b[i] > r[i] ? b[i] : r[i];
    }
    op_aclear_edges(r, c);
}

/* ---- assignment, rate conversion, the ?: operator ---- */

static void assign_k(OP *o, OP_CTX *c) { OUTK(o) = AK(o); }
static int assign_i(OP *o, OP_CTX *c) { assign_k(o, c); return 0; }
static void assign_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = AA(o);
    for (int i = c->ofs; i < c->end; i++) r[i] = a[i];
    op_aclear_edges(r, c);
}
/* a = k: the k value held over the block (Csound's upsamp) */
static void upsamp(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    float v = (float)AK(o);
    for (int i = c->ofs; i < c->end; i++) r[i] = v;
    op_aclear_edges(r, c);
}
/* a(k): Csound 6.18 ramps from the previous k value (0 at first) to the
 * current one across the block, reaching it on the last frame (checked:
 * a(line 1 → …) with ksmps 4 gives 0.25 0.5 0.75 1 | 1.0625 …). */
typedef struct { OP h; OP_ARG out, a; double prev; } AINTERP;

static int ainterp_init(OP *o, OP_CTX *c)
{
    ((AINTERP *)o)->prev = 0.0;
    return 0;
}

static void ainterp(OP *o, OP_CTX *c)
{
    AINTERP *p = (AINTERP *)o;
    float *r = p->out.a;
    double cur = *p->a.k, v = p->prev, inc = (cur - v) / c->ksmps;
    for (int i = 0; i < c->ksmps; i++) {
        v += inc;
        r[i] = (float)v;
    }
    p->prev = cur;
    op_aclear_edges(r, c);
}

/* k = i(a) style downsampling: the first frame of the block */
static void downsamp_k(OP *o, OP_CTX *c) { OUTK(o) = AA(o)[0]; }
static int i_of_k(OP *o, OP_CTX *c) { OUTK(o) = AK(o); return 0; }

/* one descriptor per output rate of =, k() and a(), the loop by the input's rate */
static int assign_a_prep(OP *o, OP_PREP *pr) { pr->perf = op_pick(o, 1, upsamp, assign_a); return 0; }
static int k_of_prep(OP *o, OP_PREP *pr) { pr->perf = op_pick(o, 1, assign_k, downsamp_k); return 0; }
static int a_of_prep(OP *o, OP_PREP *pr)
{
    if (op_isa(o, 1)) {
        pr->init = NULL;
        pr->perf = assign_a;
    }
    return 0;
}

/* out = cond ? a : b */
typedef struct { OP h; OP_ARG out, cond, a, b; } COND;

static void cond_k(OP *o, OP_CTX *c)
{
    COND *p = (COND *)o;
    *p->out.k = *p->cond.k != 0 ? *p->a.k : *p->b.k;
}
static int cond_i(OP *o, OP_CTX *c) { cond_k(o, c); return 0; }
static void cond_a(OP *o, OP_CTX *c)
{
    COND *p = (COND *)o;
    const float *src = *p->cond.k != 0 ? p->a.a : p->b.a;
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) r[i] = src[i];
    op_aclear_edges(r, c);
}

#define COND_ROW(OUT, IN, INIT, PERF) { "##cond", OUT, IN, sizeof(COND), INIT, PERF, OP_ARGS_IN(4) }
#define MINMAX_ROW(NAME, OUT, IN, INIT, PERF) { NAME, OUT, IN, sizeof(MINMAX), INIT, PERF, OP_ARGS_IN(1 + MINMAX_MAX) }

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
    AOP_ROW("##not", "k", "k", NULL, not_k),
    AOP_ROW("##not", "i", "i", not_i, NULL),
    AOP_ROW("##bitnot", "k", "k", NULL, bitnot_k),
    AOP_ROW("##bitnot", "i", "i", bitnot_i, NULL),
    COND_ROW("i", "iii", cond_i, NULL),
    COND_ROW("k", "kkk", NULL, cond_k),
    COND_ROW("a", "kaa", NULL, cond_a),
    AOP_ROW("##upsamp", "a", "k", NULL, upsamp),
    AOP_ROW("=", "i", "i", assign_i, NULL),
    AOP_ROW("=", "k", "k", NULL, assign_k),
    { "=", "a", "x", sizeof(AOP), NULL, assign_a, OP_ARGS_IN(3), assign_a_prep },
    AOP_ROW("upsamp", "a", "k", NULL, upsamp),
    AOP_ROW("downsamp", "k", "a", NULL, downsamp_k),
    AOP_ROW("i", "i", "k", i_of_k, NULL),
    { "k", "k", "x", sizeof(AOP), NULL, assign_k, OP_ARGS_IN(3), k_of_prep },
    { "a", "a", "x", sizeof(AINTERP), ainterp_init, ainterp, OP_ARGS_IN(2), a_of_prep },
    UNOP_ENTRIES(sin_, "sin"), UNOP_ENTRIES(cos_, "cos"), UNOP_ENTRIES(tan_, "tan"),
    UNOP_ENTRIES(asin_, "sininv"), UNOP_ENTRIES(acos_, "cosinv"), UNOP_ENTRIES(atan_, "taninv"),
    UNOP_ENTRIES(sinh_, "sinh"), UNOP_ENTRIES(cosh_, "cosh"), UNOP_ENTRIES(tanh_, "tanh"),
    UNOP_ENTRIES(exp_, "exp"), UNOP_ENTRIES(log_, "log"), UNOP_ENTRIES(log10_, "log10"),
    UNOP_ENTRIES(log2_, "log2"), UNOP_ENTRIES(sqrt_, "sqrt"), UNOP_ENTRIES(abs_, "abs"),
    UNOP_ENTRIES(int_, "int"), UNOP_ENTRIES(frac_, "frac"), UNOP_ENTRIES(floor_, "floor"),
    UNOP_ENTRIES(ceil_, "ceil"), UNOP_ENTRIES(round_, "round"), UNOP_ENTRIES(ampdb_, "ampdb"),
    UNOP_ENTRIES(dbamp_, "dbamp"), UNOP_ENTRIES(octave_, "octave"), UNOP_ENTRIES(semitone_, "semitone"),
    UNOP_ENTRIES(cent_, "cent"), UNOP_ENTRIES(signum_, "signum"),
    AOP_ROW("pow", "i", "ii", powf_i, NULL),
    AOP_ROW("pow", "k", "kk", NULL, powf_k),
    AOP_ROW("pow", "a", "ak", NULL, powf_a),
    MINMAX_ROW("min", "i", "im", min_i, NULL),
    MINMAX_ROW("min", "k", "kz", NULL, min_k),
    MINMAX_ROW("min", "a", "ay", NULL, min_a),
    MINMAX_ROW("max", "i", "im", max_i, NULL),
    MINMAX_ROW("max", "k", "kz", NULL, max_k),
    MINMAX_ROW("max", "a", "ay", NULL, max_a),
    AOP_ROW("mtof", "i", "i", mtof_i, NULL),
    AOP_ROW("mtof", "k", "k", NULL, mtof_k),
    AOP_ROW("mtof", "a", "a", NULL, mtof_a),
    AOP_ROW("cpsmidinn", "i", "i", mtof_i, NULL),
    AOP_ROW("cpsmidinn", "k", "k", NULL, mtof_k),
    AOP_ROW("ftom", "i", "i", ftom_i, NULL),
    AOP_ROW("ftom", "k", "k", NULL, ftom_k),
    AOP_ROW("cpspch", "i", "i", cpspch_i, NULL),
    AOP_ROW("cpspch", "k", "k", NULL, cpspch_k),
    AOP_ROW("cpsoct", "i", "i", cpsoct_i, NULL),
    AOP_ROW("cpsoct", "k", "k", NULL, cpsoct_k),
    AOP_ROW("octpch", "i", "i", octpch_i, NULL),
    AOP_ROW("octpch", "k", "k", NULL, octpch_k),
    AOP_ROW("octcps", "i", "i", octcps_i, NULL),
    AOP_ROW("octcps", "k", "k", NULL, octcps_k),
    AOP_ROW("pchoct", "i", "i", pchoct_i, NULL),
    AOP_ROW("pchoct", "k", "k", NULL, pchoct_k),
    OP_END
};
OP_FAMILY(arith, "Mathematical Operations; Pitch Converters; Amplitude Converters", op_arith);

/* A4 reaches opcodes through the engine's configuration. */
