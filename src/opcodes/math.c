/* math.c — the manual's "Mathematical Operations": functions, trigonometry, equations (divz, polynomial, mac…), rnd/birnd and amplitude converters. */
#include "unop.h"
#include <string.h>

/*
 * Each follows Csound 6.18's own code (OOps/aops.c unless said otherwise),
 * down to its constants and its conversions to integers, so printed values
 * match csound's digit for digit: floor(-2.000000001) is -2 there, as its
 * MYFLOOR subtracts 0.99999999 and truncates; round is lrint (half to even);
 * LOG10D20 is 0.11512925, not ln(10)/20.  Csound is built with
 * -ffast-math: a division by a constant is a product with its reciprocal
 * there, and is written so here.
 */

#define MYRECIPLN2 1.442695040888963407359924681001892137426

/* ---- functions of one value (aops.c int1, frac1, int1_round, MYFLOOR, MYCEIL, LIB1) ---- */

static double cs_int(double x)
{
    double ip;
    modf(x, &ip);
    return ip;
}
static double cs_frac(double x)
{
    double ip;
    return modf(x, &ip);
}

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
UNOP(log2_, MYRECIPLN2 * log(x))               /* sysdep.h's LOG2 */
UNOP(sqrt_, sqrt(x))
UNOP(abs_, fabs(x))
UNOP(int_, cs_int(x))
UNOP(frac_, cs_frac(x))
UNOP(floor_, (double)cs_i32(x >= 0.0 ? x : x - 0.99999999))
UNOP(ceil_, (double)cs_i32(x >= 0.0 ? x + 0.99999999 : x))
UNOP(round_, (double)cs_lrnd(x))
UNOP(signum_, (double)((x > 0) - (x < 0)))
UNOP(powoftwo_, pow(2.0, x))

/* ---- logbtwo (aops.c logbasetwo): a table of 32769 log2 values over
 * [1/4, 4], built by adding the step as Csound does; the input rounded to its
 * nearest entry, log2 computed outside that range.  (Csound 6.18's a-rate
 * loop reuses its frame counter for the table index and writes the wrong
 * frames; ours looks each frame up as its k-rate form does.) ---- */

#define LOGB_STEPS 32768
#define LOGB_LO 0.25                 /* 1 / INTERVAL */
#define LOGB_SPAN 3.75               /* INTERVAL - 1 / INTERVAL */
#define ONEdLOG2 1.4426950408889634074

typedef struct { double t[LOGB_STEPS + 1]; } LOGB_TABLE;

static int logb_create(void *state, const OP_ENV *env, char *err, size_t errlen)
{
    LOGB_TABLE *lt = state;
    double x = LOGB_LO;
    (void)env, (void)err, (void)errlen;
    for (int i = 0; i <= LOGB_STEPS; i++) {
        lt->t[i] = ONEdLOG2 * log(x);
        x += LOGB_SPAN / (double)LOGB_STEPS;
    }
    return 0;
}
static const OP_SHARED logb_shared = { "logbtwo's table", sizeof(LOGB_TABLE), logb_create, NULL };

typedef struct { OP h; OP_ARG out, a; const LOGB_TABLE *lt; } LOGBTWO;

static double logb2_lookup(const LOGB_TABLE *lt, double x)
{
    int32_t n = cs_i32((x - LOGB_LO) * ((1.0 / LOGB_SPAN) * LOGB_STEPS) + 0.5);
    return n < 0 || n > LOGB_STEPS ? log(x) * ONEdLOG2 : lt->t[n];
}
static int logb_init(OP *o, OP_CTX *c)
{
    LOGBTWO *p = (LOGBTWO *)o;
    p->lt = op_shared(c, &logb_shared);
    if (!p->lt) return op_initerr(c, o, "logbtwo: the engine has no table (instrument not prepared)");
    return 0;
}
static void logb_k(OP *o, OP_CTX *c)
{
    LOGBTWO *p = (LOGBTWO *)o;
    (void)c;
    *p->out.k = logb2_lookup(p->lt, *p->a.k);
}
static int logb_i(OP *o, OP_CTX *c)
{
    if (logb_init(o, c)) return -1;
    logb_k(o, c);
    return 0;
}
static void logb_a(OP *o, OP_CTX *c)
{
    LOGBTWO *p = (LOGBTWO *)o;
    float *r = p->out.a;
    const float *a = p->a.a;
    for (int i = c->ofs; i < c->end; i++) r[i] = (float)logb2_lookup(p->lt, a[i]);
    op_aclear_edges(r, c);
}

/* ---- pow(x, y [, inorm]) (OOps/cmath.c ipow, apow): x^y / inorm (inorm 0
 * means 1); 0^0 is Csound's "NaN in pow" error ---- */

typedef struct { OP h; OP_ARG out, x, y, norm; } POWN;

/* 0^0: Csound's "NaN in pow" */
static int pown_nan(double x, double y) { return x == 0.0 && y == 0.0; }
static double pown(const POWN *p)
{
    double n = *p->norm.k, v = pow(*p->x.k, *p->y.k);
    return n != 0.0 ? v / n : v;
}
static int pown_i(OP *o, OP_CTX *c)
{
    POWN *p = (POWN *)o;
    if (pown_nan(*p->x.k, *p->y.k)) return op_initerr(c, o, "NaN in pow");
    *p->out.k = pown(p);
    return 0;
}
static void pown_k(OP *o, OP_CTX *c)
{
    POWN *p = (POWN *)o;
    if (pown_nan(*p->x.k, *p->y.k)) { op_perferr(c, o, "NaN in pow"); return; }
    *p->out.k = pown(p);
}
static void pown_a(OP *o, OP_CTX *c)
{
    POWN *p = (POWN *)o;
    float *r = p->out.a;
    const float *a = p->x.a;
    double y = *p->y.k, n = *p->norm.k != 0.0 ? *p->norm.k : 1.0;
    for (int i = c->ofs; i < c->end; i++) {
        if (y == 0.0 && a[i] == 0.0f) { op_perferr(c, o, "NaN in pow"); return; }
        r[i] = (float)(y == 0.0 ? 1.0 / n : pow(a[i], y) / n);
    }
    op_aclear_edges(r, c);
}

/* ---- taninv2 (aops.c atan21), divz (aops.c divzkk…) ---- */

BINOP(atan2_, atan2(x, y))

typedef struct { OP h; OP_ARG out, a, b, def; } DIVZ;

static double divz(double a, double b, double def) { return b != 0.0 ? a / b : def; }
static void divz_k(OP *o, OP_CTX *c)
{
    DIVZ *p = (DIVZ *)o;
    (void)c;
    *p->out.k = divz(*p->a.k, *p->b.k, *p->def.k);
}
static int divz_i(OP *o, OP_CTX *c) { divz_k(o, c); return 0; }
#define DIVZ_LOOP(NAME, A, B)                                                     \
    static void NAME(OP *o, OP_CTX *c)                                            \
    {                                                                             \
        DIVZ *p = (DIVZ *)o;                                                      \
        float *r = p->out.a;                                                      \
        double def = *p->def.k;                                                   \
        for (int i = c->ofs; i < c->end; i++) r[i] = (float)divz(A, B, def);      \
        op_aclear_edges(r, c);                                                    \
    }
DIVZ_LOOP(divz_aa, p->a.a[i], p->b.a[i])
DIVZ_LOOP(divz_ak, p->a.a[i], *p->b.k)
DIVZ_LOOP(divz_ka, *p->a.k, p->b.a[i])
static int divz_prep(OP *o, OP_PREP *pr) { return unop_pick_binop(o, pr, divz_ka, divz_ak, divz_aa); }

/* ---- rnd, birnd, rndseed (aops.c rnd1, birnd1, rnd1seed): one sequence per
 * engine, not the one `seed` sets: frac ← frac(frac · 105.947), from 0.5 ---- */

typedef struct { double frac; } RND_STATE;

static int rnd_create(void *state, const OP_ENV *env, char *err, size_t errlen)
{
    (void)env, (void)err, (void)errlen;
    ((RND_STATE *)state)->frac = 0.5;
    return 0;
}
static const OP_SHARED rnd_shared = { "rnd and birnd's sequence", sizeof(RND_STATE), rnd_create, NULL };

typedef struct { OP h; OP_ARG out, a; RND_STATE *s; } RND;

static double rnd_next(RND_STATE *s)
{
    double ip;
    s->frac = modf(s->frac * 105.947, &ip);
    return s->frac;
}
static int rnd_init(OP *o, OP_CTX *c)
{
    RND *p = (RND *)o;
    p->s = op_shared(c, &rnd_shared);
    if (!p->s) return op_initerr(c, o, "%s: the engine has no random sequence (instrument not prepared)", o->desc->name);
    return 0;
}
static void rnd_k(OP *o, OP_CTX *c)
{
    RND *p = (RND *)o;
    (void)c;
    *p->out.k = *p->a.k * rnd_next(p->s);
}
static void birnd_k(OP *o, OP_CTX *c)
{
    RND *p = (RND *)o;
    (void)c;
    *p->out.k = *p->a.k * (2.0 * rnd_next(p->s) - 1.0);
}
static int rnd_i(OP *o, OP_CTX *c) { if (rnd_init(o, c)) return -1; rnd_k(o, c); return 0; }
static int birnd_i(OP *o, OP_CTX *c) { if (rnd_init(o, c)) return -1; birnd_k(o, c); return 0; }
static int rndseed_i(OP *o, OP_CTX *c)
{
    RND *p = (RND *)o;
    double ip;
    if (rnd_init(o, c)) return -1;
    p->s->frac = modf(*p->out.k, &ip);   /* no outputs: out is the input */
    return 0;
}

/* ---- polynomial, chebyshevpoly, powershape (Opcodes/shape.c) ---- */

typedef struct { OP h; OP_ARG out, in, k[OP_MAXIN - 1]; } POLY;

/* polynomial ain, k0, k1 … : Σ kᵢ xⁱ by Horner's rule, from the last coefficient */
static void poly_a(OP *o, OP_CTX *c)
{
    POLY *p = (POLY *)o;
    int last = o->nin - 2;
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) {
        double x = p->in.a[i], s = *p->k[last].k;
        for (int j = last - 1; j >= 0; j--) s = s * x + *p->k[j].k;
        r[i] = (float)s;
    }
    op_aclear_edges(r, c);
}

/* chebyshevpoly ain, k0, k1 … : Σ kᵢ Tᵢ(x), turned each k-cycle into one
 * polynomial's coefficients by the recurrence Tₙ = 2x·Tₙ₋₁ − Tₙ₋₂ (two
 * consecutive polynomials kept in one array, as shape.c does) */
typedef struct { OP h; OP_ARG out, in, k[OP_MAXIN - 1]; double coeff[OP_MAXIN], chebn[OP_MAXIN]; } CHEBPOLY;

static void cheb_a(OP *o, OP_CTX *c)
{
    CHEBPOLY *p = (CHEBPOLY *)o;
    int nc = o->nin - 2;   /* index of the last coefficient */
    double *cf = p->coeff, *cn = p->chebn;
    cn[0] = cn[1] = 1.0;
    for (int i = 2; i <= nc; i++) cn[i] = 0.0;
    cf[0] = *p->k[0].k;
    if (nc > 0) cf[1] = *p->k[1].k;
    if (nc > 1) {
        for (int i = 2; i <= nc; i++) cf[i] = 0.0;
        for (int i = 2; i <= nc; i += 2) {
            cn[0] = -cn[0];
            cf[0] += cn[0] * *p->k[i].k;
            for (int j = 2; j <= nc; j += 2) {
                cn[j] = 2 * cn[j - 1] - cn[j];
                cf[j] += cn[j] * *p->k[i].k;
            }
            if (nc > i)
                for (int j = 1; j <= nc; j += 2) {
                    cn[j] = 2 * cn[j - 1] - cn[j];
                    cf[j] += cn[j] * *p->k[i + 1].k;
                }
        }
    }
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) {
        double x = p->in.a[i], s = cf[nc];
        for (int j = nc - 1; j >= 0; j--) s = s * x + cf[j];
        r[i] = (float)s;
    }
    op_aclear_edges(r, c);
}

/* powershape ain, kshape [, ifullscale]: |x/fs|^k · fs with x's sign; a zero power gives fs (0 for 0) */
typedef struct { OP h; OP_ARG out, in, kamt, ifs; double maxamp, inv; } POWERSHAPE;

static int pshape_init(OP *o, OP_CTX *c)
{
    POWERSHAPE *p = (POWERSHAPE *)o;
    p->maxamp = *p->ifs.k;
    if (!(p->maxamp > 0.0)) return op_initerr(c, o, "powershape: ifullscale must be strictly positive");
    p->inv = 1.0 / p->maxamp;
    return 0;
}
static void pshape_a(OP *o, OP_CTX *c)
{
    POWERSHAPE *p = (POWERSHAPE *)o;
    float *r = p->out.a;
    const float *in = p->in.a;
    double amt = *p->kamt.k;
    for (int i = c->ofs; i < c->end; i++) {
        if (amt == 0.0) {
            r[i] = in[i] == 0.0f ? 0.0f : (float)(1.0 / p->inv);
        } else {
            double x = in[i] * p->inv;
            r[i] = (float)(x < 0.0 ? -pow(-x, amt) * p->maxamp : pow(x, amt) * p->maxamp);
        }
    }
    op_aclear_edges(r, c);
}

/* ---- sum, product (Opcodes/uggab.c), mac, maca (Opcodes/pitch.c) ---- */

typedef struct { OP h; OP_ARG out, in[OP_MAXIN]; } SUMOP;

/* sum: accumulated four inputs at a time, as uggab.c's sum_ adds them */
static void sum_a(OP *o, OP_CTX *c)
{
    SUMOP *p = (SUMOP *)o;
    int n = o->nin, n4 = n - n % 4;
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) {
        double acc = 0.0;
        for (int j = 0; j < n4; j += 4)
            acc += (double)p->in[j].a[i] + p->in[j + 1].a[i] + p->in[j + 2].a[i] + p->in[j + 3].a[i];
        for (int j = n4; j < n; j++) acc += p->in[j].a[i];
        r[i] = (float)acc;
    }
    op_aclear_edges(r, c);
}
static void product_a(OP *o, OP_CTX *c)
{
    SUMOP *p = (SUMOP *)o;
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) {
        double v = p->in[0].a[i];
        for (int j = 1; j < o->nin; j++) v *= p->in[j].a[i];
        r[i] = (float)v;
    }
    op_aclear_edges(r, c);
}
/* maca a1, a2, a3, a4 … : a1·a2 + a3·a4 + … ; mac k1, a1, k2, a2 … : k1·a1 + k2·a2 + … */
static void maca_a(OP *o, OP_CTX *c)
{
    SUMOP *p = (SUMOP *)o;
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) {
        double v = 0.0;
        for (int j = 0; j + 1 < o->nin; j += 2) v += (double)p->in[j].a[i] * p->in[j + 1].a[i];
        r[i] = (float)v;
    }
    op_aclear_edges(r, c);
}
static void mac_a(OP *o, OP_CTX *c)
{
    SUMOP *p = (SUMOP *)o;
    float *r = p->out.a;
    for (int i = c->ofs; i < c->end; i++) {
        double v = 0.0;
        for (int j = 0; j + 1 < o->nin; j += 2) v += *p->in[j].k * p->in[j + 1].a[i];
        r[i] = (float)v;
    }
    op_aclear_edges(r, c);
}
static int pairs_prep(OP *o, OP_PREP *pr)
{
    if (o->nin & 1) {
        snprintf(pr->err, sizeof pr->err, "must have an even number of arguments");
        return -1;
    }
    return 0;
}

/* ---- cmp a1, "op", a2|k2 (Opcodes/emugens/emugens.c): 1 where the comparison holds ---- */

typedef struct { OP h; OP_ARG out, a, sop, b; int mode; } CMP;

enum { CMP_GT, CMP_GE, CMP_LT, CMP_LE, CMP_EQ, CMP_NE };

static int cmp_init(OP *o, OP_CTX *c)
{
    CMP *p = (CMP *)o;
    const char *s = op_s(p->sop);
    size_t n = strlen(s);
    if (s[0] == '>') p->mode = n == 1 ? CMP_GT : CMP_GE;
    else if (s[0] == '<') p->mode = n == 1 ? CMP_LT : CMP_LE;
    else if (s[0] == '=') p->mode = CMP_EQ;
    else if (s[0] == '!' && s[1] == '=') p->mode = CMP_NE;
    else return op_initerr(c, o, "cmp: unknown operator. Expecting <, <=, >, >=, ==, !=");
    return 0;
}
static int cmp_test(int mode, double x, double y)
{
    switch (mode) {
    case CMP_GT: return x > y;
    case CMP_GE: return x >= y;
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_EQ: return x == y;
    default: return x != y;
    }
}
static void cmp_aa(OP *o, OP_CTX *c)
{
    CMP *p = (CMP *)o;
    for (int i = c->ofs; i < c->end; i++) p->out.a[i] = (float)cmp_test(p->mode, p->a.a[i], p->b.a[i]);
    op_aclear_edges(p->out.a, c);
}
static void cmp_ak(OP *o, OP_CTX *c)
{
    CMP *p = (CMP *)o;
    double y = *p->b.k;
    for (int i = c->ofs; i < c->end; i++) p->out.a[i] = (float)cmp_test(p->mode, p->a.a[i], y);
    op_aclear_edges(p->out.a, c);
}

/* ---- amplitude converters (aops.c ampdb, dbamp, ampdbfs, dbfsamp, db) ---- */

#define LOG10D20 0.11512925                             /* csoundCore.h's, as written there */
#define LOG2_10D20 0.166096404744368117393515971474

UNOP(ampdb_, exp(x * LOG10D20))
UNOP(dbamp_, log(fabs(x)) * (1.0 / LOG10D20))
UNOP(ampdbfs_, c->dbfs * exp(x * LOG10D20))
UNOP(dbfsamp_, log(fabs(x) / c->dbfs) * (1.0 / LOG10D20))
UNOP(db_, pow(2.0, x * LOG2_10D20))

#define VAR_ROW(NAME, OUT, IN, T, INIT, PERF, PREP) { NAME, OUT, IN, sizeof(T), INIT, PERF, OP_ARGS_IN(1 + OP_MAXIN), PREP }

static const OP_DESC op_math[] = {
    UNOP_ENTRIES(sin_, "sin"), UNOP_ENTRIES(cos_, "cos"), UNOP_ENTRIES(tan_, "tan"),
    UNOP_ENTRIES(asin_, "sininv"), UNOP_ENTRIES(acos_, "cosinv"), UNOP_ENTRIES(atan_, "taninv"),
    UNOP_ENTRIES(sinh_, "sinh"), UNOP_ENTRIES(cosh_, "cosh"), UNOP_ENTRIES(tanh_, "tanh"),
    UNOP_ENTRIES(exp_, "exp"), UNOP_ENTRIES(log_, "log"), UNOP_ENTRIES(log10_, "log10"),
    UNOP_ENTRIES(log2_, "log2"), UNOP_ENTRIES(sqrt_, "sqrt"), UNOP_ENTRIES(abs_, "abs"),
    UNOP_ENTRIES(int_, "int"), UNOP_ENTRIES(frac_, "frac"), UNOP_ENTRIES(floor_, "floor"),
    UNOP_ENTRIES(ceil_, "ceil"), UNOP_ENTRIES(round_, "round"), UNOP_ENTRIES(signum_, "signum"),
    UNOP_ENTRIES(powoftwo_, "powoftwo"),
    { "logbtwo", "i", "i", sizeof(LOGBTWO), logb_i, NULL, OP_ARGS_IN(2), NULL, &logb_shared },
    { "logbtwo", "k", "k", sizeof(LOGBTWO), logb_init, logb_k, OP_ARGS_IN(2), NULL, &logb_shared },
    { "logbtwo", "a", "a", sizeof(LOGBTWO), logb_init, logb_a, OP_ARGS_IN(2), NULL, &logb_shared },
    { "pow", "i", "iip", sizeof(POWN), pown_i, NULL, OP_ARGS_IN(4) },
    { "pow", "k", "kkp", sizeof(POWN), NULL, pown_k, OP_ARGS_IN(4) },
    { "pow", "a", "akp", sizeof(POWN), NULL, pown_a, OP_ARGS_IN(4) },
    AOP_ROW("taninv2", "i", "ii", atan2__ii, NULL),
    AOP_ROW("taninv2", "k", "kk", NULL, atan2__kk),
    AOP_ROW("taninv2", "a", "aa", NULL, atan2__aa),
    { "divz", "i", "iii", sizeof(DIVZ), divz_i, NULL, OP_ARGS_IN(4) },
    { "divz", "k", "kkk", sizeof(DIVZ), NULL, divz_k, OP_ARGS_IN(4) },
    { "divz", "a", "xxk", sizeof(DIVZ), NULL, divz_aa, OP_ARGS_IN(4), divz_prep },
    { "rnd", "i", "i", sizeof(RND), rnd_i, NULL, OP_ARGS_IN(2), NULL, &rnd_shared },
    { "rnd", "k", "k", sizeof(RND), rnd_init, rnd_k, OP_ARGS_IN(2), NULL, &rnd_shared },
    { "birnd", "i", "i", sizeof(RND), birnd_i, NULL, OP_ARGS_IN(2), NULL, &rnd_shared },
    { "birnd", "k", "k", sizeof(RND), rnd_init, birnd_k, OP_ARGS_IN(2), NULL, &rnd_shared },
    { "rndseed", "", "i", sizeof(RND), rndseed_i, NULL, OP_ARGS_IN(1), NULL, &rnd_shared },
    VAR_ROW("polynomial", "a", "az", POLY, NULL, poly_a, NULL),
    VAR_ROW("chebyshevpoly", "a", "az", CHEBPOLY, NULL, cheb_a, NULL),
    { "powershape", "a", "akp", sizeof(POWERSHAPE), pshape_init, pshape_a, OP_ARGS_IN(4) },
    VAR_ROW("sum", "a", "y", SUMOP, NULL, sum_a, NULL),
    VAR_ROW("product", "a", "y", SUMOP, NULL, product_a, NULL),
    VAR_ROW("maca", "a", "y", SUMOP, NULL, maca_a, pairs_prep),
    VAR_ROW("mac", "a", "Z", SUMOP, NULL, mac_a, pairs_prep),
    { "cmp", "a", "aSa", sizeof(CMP), cmp_init, cmp_aa, OP_ARGS_IN(4) },
    { "cmp", "a", "aSk", sizeof(CMP), cmp_init, cmp_ak, OP_ARGS_IN(4) },
    UNOP_ENTRIES(ampdb_, "ampdb"), UNOP_IK_ENTRIES(dbamp_, "dbamp"),
    UNOP_ENTRIES(ampdbfs_, "ampdbfs"), UNOP_IK_ENTRIES(dbfsamp_, "dbfsamp"),
    UNOP_ENTRIES(db_, "db"),
    OP_END
};
OP_FAMILY(math, "Mathematical Operations", op_math);
