/* perfctl.c — limits on an instrument's notes and on the performance: maxalloc, prealloc, mute, remove, ihold, exitnow. */
#include "op.h"
#include <math.h>

/*
 * Follows Csound 6.18's Opcodes/pitch0.c (maxalloc, mute_inst),
 * Engine/insert.c (prealloc, delete_instr, and insert_event, which refuses a
 * note of a muted instrument or of one at its maxalloc), OOps/goto_ops.c
 * (ihold) and Opcodes/gab/gab.c (exitnow).  The limits hold for every later
 * note, whoever asks for it: the score, an instrument, a live /sched (whose
 * sender is told why the note was refused).
 */

/* maxalloc insnum, icount; prealloc insnum, icount [, iopcode] */
typedef struct {
    OP h;
    OP_ARG xinsno, icount, iopc;
} LIMIT;

/* mute insnum [, iswitch] */
typedef struct {
    OP h;
    OP_ARG xinsno, iswitch;
} MUTE;

/* remove insnum; exitnow [ivalue] */
typedef struct {
    OP h;
    OP_ARG x;
} ONE;

/* The instrument an argument names: its number, or -1 with a warning for a
 * name not defined.  (A number is taken as given, truncated, as Csound.) */
static int insno(OP *o, OP_CTX *c, int named, const OP_ARG *a)
{
    if (!named) return op_int(*a->k);
    int n = op_instr_number(c, op_s(*a));
    if (n < 0) op_msg(c, "WARNING: instr %g (line %d): %s: instrument \"%s\" is not defined\n", op_p1(c),
                      (int)o->line, o->desc->name, op_s(*a));
    return n;
}

/* maxalloc: an instrument that does not exist is left alone, as Csound */
static int maxalloc_do(OP *o, OP_CTX *c, int named)
{
    LIMIT *p = (LIMIT *)o;
    int n = insno(o, c, named, &p->xinsno);
    if (n > 0) (void)op_instr_maxalloc(c, n, op_int(*p->icount.k));
    return 0;
}
static int maxalloc_named(OP *o, OP_CTX *c) { return maxalloc_do(o, c, 1); }
static int maxalloc_numbered(OP *o, OP_CTX *c) { return maxalloc_do(o, c, 0); }

/* prealloc: ondes reserves every voice and the note memory when it starts
 * (--voices, --memory), so there is nothing to make ahead; the name is
 * checked as Csound checks it. */
static int prealloc_named(OP *o, OP_CTX *c) { return insno(o, c, 1, &((LIMIT *)o)->xinsno) < 0 ? -1 : 0; }
static int prealloc_numbered(OP *o, OP_CTX *c) { return 0; }

static int mute_do(OP *o, OP_CTX *c, int named)
{
    MUTE *p = (MUTE *)o;
    int n = insno(o, c, named, &p->xinsno);
    int on = *p->iswitch.k != 0;
    if (n < 1) return named ? 0 : op_initerr(c, o, "invalid instrument number %d", n);
    if (op_instr_mute(c, n, !on)) return op_initerr(c, o, "instr %d is not defined", n);
    if (!on) op_msg(c, "WARNING: Muting new instances of instr %d\n", n);
    else op_msg(c, "WARNING: Allowing instrument %d to start\n", n);
    return 0;
}
static int mute_named(OP *o, OP_CTX *c) { return mute_do(o, c, 1); }
static int mute_numbered(OP *o, OP_CTX *c) { return mute_do(o, c, 0); }

/* remove: Csound rounds a number; one not defined is nothing to do */
static int remove_do(OP *o, OP_CTX *c, int named)
{
    ONE *p = (ONE *)o;
    int n = named ? op_instr_number(c, op_s(p->x)) : op_int(floor(*p->x.k + 0.5));
    if (n < 1) return 0;
    if (op_instr_remove(c, n)) return op_initerr(c, o, "Instrument %d is still active", n);
    return 0;
}
static int remove_named(OP *o, OP_CTX *c) { return remove_do(o, c, 1); }
static int remove_numbered(OP *o, OP_CTX *c) { return remove_do(o, c, 0); }

static int ihold_i(OP *o, OP_CTX *c)
{
    op_hold(c);
    return 0;
}

/* exitnow: the performance stops here; this k-cycle is not heard */
static int exitnow_i(OP *o, OP_CTX *c)
{
    op_msg(c, "exitnow: the performance ends at %.6f s\n", (double)op_frame(c) * c->onedsr);
    op_exit(c, 0);
    return 0;
}

static const OP_DESC op_perfctl[] = {
    { "maxalloc", "", "Si", sizeof(LIMIT), maxalloc_named, NULL, OP_ARGS_IN(3) },
    { "maxalloc", "", "ii", sizeof(LIMIT), maxalloc_numbered, NULL, OP_ARGS_IN(3) },
    { "prealloc", "", "Sio", sizeof(LIMIT), prealloc_named, NULL, OP_ARGS_IN(3) },
    { "prealloc", "", "iio", sizeof(LIMIT), prealloc_numbered, NULL, OP_ARGS_IN(3) },
    { "mute", "", "So", sizeof(MUTE), mute_named, NULL, OP_ARGS_IN(2) },
    { "mute", "", "io", sizeof(MUTE), mute_numbered, NULL, OP_ARGS_IN(2) },
    { "remove", "", "S", sizeof(ONE), remove_named, NULL, OP_ARGS_IN(1) },
    { "remove", "", "i", sizeof(ONE), remove_numbered, NULL, OP_ARGS_IN(1) },
    { "ihold", "", "", sizeof(OP), ihold_i, NULL, OP_ARGS_IN(0) },
    { "exitnow", "", "o", sizeof(ONE), exitnow_i, NULL, OP_ARGS_IN(1) },
    OP_END
};
OP_FAMILY(perfctl, "Instrument Control: Real-time Performance Control; Duration Control", op_perfctl);
