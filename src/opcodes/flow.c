/* flow.c — program control opcodes that decide a jump: timout and the loop_lt/loop_le/loop_gt/loop_ge counters. */
#include "op.h"

/*
 * Ports of Csound 6.18's OOps/goto_ops.c (timset/timout, loop_l_i …
 * loop_ge_p).  An `l` argument is a label: the compiler gives the opcode a
 * flag in its place, and after the step jumps to the label whenever the
 * opcode set the flag to 1 (op.h).  goto, igoto, kgoto, cggoto, cigoto,
 * ckgoto, cngoto, cnkgoto, rigoto, tigoto, reinit and rireturn decide
 * nothing an opcode must compute: the compiler lays them out as jump steps
 * itself (src/lang/compile.c, "program control").
 */

/* timout istrt, idur, label: from istrt on, for idur seconds, jump at every
 * k-cycle; both counted in k-cycles, (int)(t kr + 0.5), as Csound's timset. */
typedef struct {
    OP h;
    OP_ARG idel, idur, jump;
    int32_t cnt1, cnt2;
} TIMOUT;

static int timout_init(OP *o, OP_CTX *c)
{
    TIMOUT *p = (TIMOUT *)o;
    *p->jump.k = 0;
    /* as Csound's (int32_t)(x + 0.5) (truncated: -0.9 counts 0), saturated so
     * a huge or NaN time stays defined; cnt2 is not set when cnt1 fails */
    if ((p->cnt1 = op_int(*p->idel.k * c->kr + 0.5)) < 0 || (p->cnt2 = op_int(*p->idur.k * c->kr + 0.5)) < 0)
        return op_initerr(c, o, "negative time period");
    return 0;
}

static void timout_perf(OP *o, OP_CTX *c)
{
    TIMOUT *p = (TIMOUT *)o;
    *p->jump.k = 0;
    if (p->cnt1)            /* the delay first */
        p->cnt1--;
    else if (--p->cnt2 >= 0)
        *p->jump.k = 1;
}

/* loop_lt indx, incr, limit, label (and le, gt, ge): indx += incr (gt, ge:
 * indx -= incr), then jump while indx < limit (<=, >, >=).  The first input
 * is the loop's variable, written in place (OPF_INOUT0). */
typedef struct {
    OP h;
    OP_ARG ndx, incr, limit, jump;
} LOOP;

#define LOOP_FN(NAME, STEP, CMP)                                      \
    static void NAME##_k(OP *o, OP_CTX *c)                            \
    {                                                                 \
        LOOP *p = (LOOP *)o;                                          \
        *p->ndx.k STEP *p->incr.k;                                    \
        *p->jump.k = *p->ndx.k CMP *p->limit.k;                       \
    }                                                                 \
    static int NAME##_i(OP *o, OP_CTX *c)                             \
    {                                                                 \
        NAME##_k(o, c);                                               \
        return 0;                                                     \
    }
LOOP_FN(loop_lt, +=, <)
LOOP_FN(loop_le, +=, <=)
LOOP_FN(loop_gt, -=, >)
LOOP_FN(loop_ge, -=, >=)

#define LOOP_ROWS(NAME)                                                                              \
    { #NAME, "", "iiil", sizeof(LOOP), NAME##_i, NULL, OPF_INOUT0 | OP_ARGS_IN(4), NULL, NULL }, \
    { #NAME, "", "kkkl", sizeof(LOOP), NULL, NAME##_k, OPF_INOUT0 | OP_ARGS_IN(4), NULL, NULL }

static const OP_DESC op_flow[] = {
    { "timout", "", "iil", sizeof(TIMOUT), timout_init, timout_perf, OP_ARGS_IN(3), NULL, NULL },
    LOOP_ROWS(loop_lt),
    LOOP_ROWS(loop_le),
    LOOP_ROWS(loop_gt),
    LOOP_ROWS(loop_ge),
    OP_END
};
OP_FAMILY(flow, "Program Flow Control", op_flow);
