/* arith.c — expression operators, assignment and rate conversion (=, i(), k(), a()), ?:, min and max. */
#include "unop.h"

/*
 * Operators follow Csound 6.18 (OOps/aops.c, Opcodes/ugmoss.c): % is its MOD
 * (0 for a zero divisor, else fmod by |b|: the sign of a); the bitwise
 * operators & | # ~ << >> round both operands with MYFLT2LRND (lrint) to 32
 * bits and work at a-rate too; shifts take the count modulo 32 as x86 does.
 * k-rate operators do not run at init: in Csound `ix = i(kx)` after `kx = 5`
 * gives 0 (checked with csound 6).  Comparisons and && || are i- and k-rate
 * only, as in Csound.  Constant operands are folded by the compiler with
 * Csound's own folding rules (src/lang/compile.c fold()).
 */

static double cs_mod(double a, double b)
{
    if (b == 0.0) return 0.0;
    return fmod(a, fabs(b));
}
static double shl32(double a, double b) { return (double)(int32_t)((uint32_t)cs_lrnd(a) << (cs_lrnd(b) & 31)); }
static double shr32(double a, double b) { return (double)(cs_lrnd(a) >> (cs_lrnd(b) & 31)); }

/* ---- binary operators ---- */

BINOP(add, x + y)
BINOP(sub, x - y)
BINOP(mul, x * y)
BINOP(div, x / y)
BINOP(mod, cs_mod(x, y))
BINOP(pow, pow(x, y))

BINOP(bitand, (double)(cs_lrnd(x) & cs_lrnd(y)))
BINOP(bitor, (double)(cs_lrnd(x) | cs_lrnd(y)))
BINOP(bitxor, (double)(cs_lrnd(x) ^ cs_lrnd(y)))
BINOP(shl, shl32(x, y))
BINOP(shr, shr32(x, y))

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

#define KI_ENTRIES(NAME, OPNAME)                                                   \
    AOP_ROW(OPNAME, "k", "kk", NULL, NAME##_kk),                                   \
    AOP_ROW(OPNAME, "i", "ii", NAME##_ii, NULL)

/* ---- unary operators ---- */

UNOP(neg, -x)
UNOP(bitnot, (double)~cs_lrnd(x))

static void not_k(OP *o, OP_CTX *c) { OUTK(o) = AK(o) == 0 ? 1.0 : 0.0; }
static int not_i(OP *o, OP_CTX *c) { not_k(o, c); return 0; }

/* ---- min and max ---- */

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
/* ga += x and ga -= x on a global: Csound 6.18 compiles them to ##addin and
 * ##subin (Engine/csound_orc.y; OOps/aops.c addina, addinak), which add in
 * place over the note's active frames only.  The frames before a mid-block
 * start and after an early end keep what other notes put there, where
 * ga = ga + x (##add, then =) zeroes them. */
static void addin_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = AA(o);
    for (int i = c->ofs; i < c->end; i++) r[i] += a[i];
}
static void addin_k(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float v = (float)AK(o);
    for (int i = c->ofs; i < c->end; i++) r[i] += v;
}
static void subin_a(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float *a = AA(o);
    for (int i = c->ofs; i < c->end; i++) r[i] -= a[i];
}
static void subin_k(OP *o, OP_CTX *c)
{
    float *r = OUTA(o);
    const float v = (float)AK(o);
    for (int i = c->ofs; i < c->end; i++) r[i] -= v;
}
static int addin_prep(OP *o, OP_PREP *pr) { pr->perf = op_pick(o, 1, addin_k, addin_a); return 0; }
static int subin_prep(OP *o, OP_PREP *pr) { pr->perf = op_pick(o, 1, subin_k, subin_a); return 0; }
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
/* k = k(a): the block's first active frame (Csound's downsamp reads
 * asig[offset], the note's first frame when it starts mid-block) */
static void downsamp_k(OP *o, OP_CTX *c) { OUTK(o) = AA(o)[c->ofs]; }
/* downsamp asig [, iwlen]: with iwlen > 1 the mean of the first iwlen frames
 * (OOps/ugens6.c downsamp, its bounds kept: from the first active frame, a
 * window longer than the active part at a note's end reads ksmps − end) */
static int downsamp_init(OP *o, OP_CTX *c)
{
    if (BK(o) > c->ksmps) return op_initerr(c, o, "ilen > ksmps");
    return 0;
}
static void downsamp_mean(OP *o, OP_CTX *c)
{
    int len = (int)(uint32_t)cs_i32(BK(o));
    if (len <= 1) {
        OUTK(o) = AA(o)[c->ofs];
        return;
    }
    int upto = len > c->end ? c->ksmps - c->end : len;
    double sum = 0.0;
    for (int i = c->ofs; i < upto; i++) sum += AA(o)[i];
    OUTK(o) = sum / len;
}
static int i_of_k(OP *o, OP_CTX *c) { OUTK(o) = AK(o); return 0; }

/* one descriptor per output rate of =, k() and a(), the loop by the input's rate */
static int assign_a_prep(OP *o, OP_PREP *pr) { pr->perf = op_pick(o, 1, upsamp, assign_a); return 0; }
/* k(a) downsamples each k-cycle; k(i) is Csound's k.i, run at init only */
static int k_of_prep(OP *o, OP_PREP *pr)
{
    if (op_isa(o, 1)) {
        pr->perf = downsamp_k;
    } else {
        pr->init = i_of_k;
        pr->perf = NULL;
    }
    return 0;
}
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
    BINOP_ENTRIES(bitand, "##bitand"), BINOP_ENTRIES(bitor, "##bitor"), BINOP_ENTRIES(bitxor, "##bitxor"),
    BINOP_ENTRIES(shl, "##shl"), BINOP_ENTRIES(shr, "##shr"),
    UNOP_ENTRIES(neg, "##neg"),
    AOP_ROW("##not", "k", "k", NULL, not_k),
    AOP_ROW("##not", "i", "i", not_i, NULL),
    UNOP_ENTRIES(bitnot, "##bitnot"),
    COND_ROW("i", "iii", cond_i, NULL),
    COND_ROW("k", "kkk", NULL, cond_k),
    COND_ROW("a", "kaa", NULL, cond_a),
    AOP_ROW("##upsamp", "a", "k", NULL, upsamp),
    AOP_ROW("=", "i", "i", assign_i, NULL),
    AOP_ROW("=", "k", "k", NULL, assign_k),
    { "=", "a", "x", sizeof(AOP), NULL, assign_a, OP_ARGS_IN(3), assign_a_prep },
    { "##addin", "a", "x", sizeof(AOP), NULL, addin_a, OP_ARGS_IN(3), addin_prep },
    { "##subin", "a", "x", sizeof(AOP), NULL, subin_a, OP_ARGS_IN(3), subin_prep },
    AOP_ROW("upsamp", "a", "k", NULL, upsamp),
    AOP_ROW("downsamp", "k", "ao", downsamp_init, downsamp_mean),
    AOP_ROW("i", "i", "k", i_of_k, NULL),
    { "k", "k", "x", sizeof(AOP), NULL, assign_k, OP_ARGS_IN(3), k_of_prep },
    { "a", "a", "x", sizeof(AINTERP), ainterp_init, ainterp, OP_ARGS_IN(2), a_of_prep },
    MINMAX_ROW("min", "i", "im", min_i, NULL),
    MINMAX_ROW("min", "k", "kz", NULL, min_k),
    MINMAX_ROW("min", "a", "ay", NULL, min_a),
    MINMAX_ROW("max", "i", "im", max_i, NULL),
    MINMAX_ROW("max", "k", "kz", NULL, max_k),
    MINMAX_ROW("max", "a", "ay", NULL, max_a),
    OP_END
};
OP_FAMILY(arith, "Mathematical Operations: Arithmetic and Logic Operations", op_arith);
