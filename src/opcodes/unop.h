/* unop.h — the shape shared by operators and one- or two-input functions (arith.c, math.c, pitch.c): out = f(x) or f(x, y) at i, k and a rate. */
#ifndef ONDES_UNOP_H
#define ONDES_UNOP_H

#include "op.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>

/*
 * i-rate runs once at init, k-rate once per k-cycle (not at init), a-rate
 * over the note's active frames of the block, the others zeroed as Csound
 * does.  An a-rate result of two inputs is one descriptor whose inputs take
 * any rate ("xx"); its prep picks the loop for the rates given.  EXPR sees x
 * (and y) as doubles, and c (the OP_CTX) for A4 or 0dbfs.
 */

/* The generic arguments: out = a OP b, or out = f(a) (b unused). */
typedef struct { OP h; OP_ARG out, a, b; } AOP;

#define OUTK(o) (*((AOP *)(o))->out.k)
#define OUTA(o) (((AOP *)(o))->out.a)
#define AK(o) (*((AOP *)(o))->a.k)
#define BK(o) (*((AOP *)(o))->b.k)
#define AA(o) (((AOP *)(o))->a.a)
#define BA(o) (((AOP *)(o))->b.a)
#define AOP_ROW(NAME, OUT, IN, INIT, PERF) { NAME, OUT, IN, sizeof(AOP), INIT, PERF, OP_ARGS_IN(3) }

/* Csound's conversions of a value to a 32-bit integer, as its x86-64 build
 * does them.  MYFLT2LRND (round, bitwise operators): lrint to a long, kept
 * when it is inside a long's range (else 0), then cut to 32 bits.  A plain
 * (int32_t) cast (floor, ceil, cpsoct, constant folding): cvttsd2si, which
 * gives INT32_MIN for NaN and anything outside the 32-bit range. */
static inline int32_t cs_lrnd(double x)
{
    if (!(x > -0x1p63 && x < 0x1p63)) return 0;
    return (int32_t)(uint32_t)(uint64_t)(int64_t)lrint(x);
}
static inline int32_t cs_i32(double x)
{
    return x > -2147483649.0 && x < 2147483648.0 ? (int32_t)x : INT32_MIN;
}

/* The a-rate loop of a binary operator for its operands' rates (at least one is audio). */
static inline int unop_pick_binop(OP *o, OP_PREP *pr, op_perf_fn ka, op_perf_fn ak, op_perf_fn aa)
{
    if (!op_isa(o, 1) && !op_isa(o, 2)) {
        snprintf(pr->err, sizeof pr->err, "an a-rate result needs an a-rate operand");
        return -1;
    }
    pr->perf = op_pick2(o, 1, 2, NULL, ka, ak, aa);
    return 0;
}

/* out = EXPR(x, y): NAME_ii, NAME_kk and the a-rate loops NAME_aa/_ak/_ka with NAME_prep. */
#define BINOP(NAME, EXPR)                                                          \
    static void NAME##_kk(OP *o, OP_CTX *c)                                        \
    {                                                                              \
        double x = AK(o), y = BK(o);                                               \
        (void)c;                                                                   \
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
    __attribute__((unused)) static void NAME##_ak(OP *o, OP_CTX *c)                \
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
    __attribute__((unused)) static void NAME##_ka(OP *o, OP_CTX *c)                \
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
    __attribute__((unused)) static int NAME##_prep(OP *o, OP_PREP *pr) { return unop_pick_binop(o, pr, NAME##_ka, NAME##_ak, NAME##_aa); }

/* The rows of a BINOP: a-rate (any operand audio), k, i. */
#define BINOP_ENTRIES(NAME, OPNAME)                                                            \
    { OPNAME, "a", "xx", sizeof(AOP), NULL, NAME##_aa, OP_ARGS_IN(3), NAME##_prep },           \
    AOP_ROW(OPNAME, "k", "kk", NULL, NAME##_kk),                                               \
    AOP_ROW(OPNAME, "i", "ii", NAME##_ii, NULL)

/* out = EXPR(x): NAME_i, NAME_k, NAME_a. */
#define UNOP(NAME, EXPR)                                                           \
    __attribute__((unused)) static void NAME##_k(OP *o, OP_CTX *c)                 \
    {                                                                              \
        double x = AK(o);                                                          \
        (void)c;                                                                   \
        OUTK(o) = (EXPR);                                                          \
    }                                                                              \
    __attribute__((unused)) static int NAME##_i(OP *o, OP_CTX *c) { NAME##_k(o, c); return 0; } \
    __attribute__((unused)) static void NAME##_a(OP *o, OP_CTX *c)                 \
    {                                                                              \
        float *r = OUTA(o);                                                        \
        const float *a = AA(o);                                                    \
        for (int i = c->ofs; i < c->end; i++) {                                    \
            double x = a[i];                                                       \
            r[i] = (float)(EXPR);                                                  \
        }                                                                          \
        op_aclear_edges(r, c);                                                     \
    }

/* The rows of a UNOP at i, k and a rate (Csound's order), or at i and k only. */
#define UNOP_ENTRIES(NAME, OPNAME)                                                 \
    AOP_ROW(OPNAME, "i", "i", NAME##_i, NULL),                                     \
    AOP_ROW(OPNAME, "k", "k", NULL, NAME##_k),                                     \
    AOP_ROW(OPNAME, "a", "a", NULL, NAME##_a)
#define UNOP_IK_ENTRIES(NAME, OPNAME)                                              \
    AOP_ROW(OPNAME, "i", "i", NAME##_i, NULL),                                     \
    AOP_ROW(OPNAME, "k", "k", NULL, NAME##_k)

#endif
