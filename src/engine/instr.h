/* instr.h — the compiled form of an instrument: a voice-arena image and two flat chains of steps. */
#ifndef ONDES_INSTR_H
#define ONDES_INSTR_H

#include <stdint.h>
#include "../opcodes/op.h"

/*
 * The compiler (src/lang) lays a voice's memory out once per instrument:
 *
 *   [ p-fields: double p[0..EV_MAXP] ]
 *   [ i/k scalars: double ]  [ a-rate blocks: float[ksmps], 32-byte aligned ]
 *   [ OP structs of every step, each followed by its OP_ARG array ]
 *
 * Starting a note takes an arena of arena_used bytes from the engine's note
 * memory (op_alloc's blocks come from there too), copies `image` into it and patches the
 * pointers listed in `relocs` (arguments point into the arena, into the
 * engine's g-variables, or into the template's constant pool).  The chains
 * name their steps by arena offset, so one template serves every voice.
 *
 * Strings (op.h OP_STR): a constant is one of the template's read-only
 * `sconst` (REL_STRING); a local S variable is an OP_STR in the arena
 * followed by its inline buffer, its data pointer a REL_LOCAL relocation to
 * that buffer; a global one (REL_GSTR) the same in the g-variable area, its
 * header set by the first voice that points at it (the g-variable area
 * starts zeroed, and only the processing thread writes it).
 */

enum { REL_LOCAL, REL_GLOBAL, REL_CONST, REL_STRING, REL_GSTR };

typedef struct tmpl_reloc {
    uint32_t at;        /* arena offset of the pointer to patch */
    uint8_t base;       /* REL_* */
    uint32_t off;       /* byte offset in that base (REL_STRING: index in sconst) */
} TMPL_RELOC;

/* What a step without a function does (Csound's reinit, rireturn and the
 * jumps; OOps/goto_ops.c). */
enum {
    STEP_JUMP,          /* to `target` of this chain, when `when` and the condition hold */
    STEP_REINIT,        /* perf chain: run the init chain from `target` up to a
                         * STEP_RIRETURN (or its end) now, on this note (reinit) */
    STEP_RIRETURN,      /* init chain: where a reinit pass ends; nothing otherwise */
};
enum {
    WHEN_ALWAYS,        /* goto, igoto, kgoto, cggoto… */
    WHEN_REINIT,        /* rigoto: only during a reinit pass */
    WHEN_TIED,          /* tigoto: only in a tied note's init pass, not a reinit */
};

/* One step of a chain: an opcode call, or (fn and ifn NULL) a jump or
 * another STEP_* kind. */
typedef struct chain_step {
    void (*fn)(OP *op, OP_CTX *c);   /* perf function, or init wrapper */
    int (*ifn)(OP *op, OP_CTX *c);   /* init function (init chain only) */
    uint32_t op_off;                 /* arena offset of the OP */
    /* jumps */
    int32_t target;                  /* step index to jump to (STEP_REINIT: in the init chain) */
    int8_t kind;                     /* STEP_* */
    int8_t when;                     /* WHEN_* */
    int8_t cond_base;                /* -1 unconditional, else REL_LOCAL/REL_GLOBAL */
    int8_t jump_if;                  /* jump when (cond != 0) == jump_if */
    uint32_t cond_off;
    int32_t line;                    /* a jump's source line (a runaway loop's report names it) */
} CHAIN_STEP;

typedef struct instr_tmpl {
    char *name;             /* "1" or the instrument's name */
    int num;
    uint32_t arena_used;    /* bytes the image takes: the size of a voice's arena */
    unsigned char *image;
    TMPL_RELOC *relocs;
    int nrelocs;
    double *consts;         /* constant pool (read only) */
    int nconsts;
    char **strs;            /* string constants' text */
    OP_STR *sconst;         /* and their OP_STRs (data: strs[i]), what arguments point at */
    int nstrs;
    CHAIN_STEP *init;  int ninit;
    CHAIN_STEP *perf;  int nperf;
    char **argnames;        /* source text of every step's arguments (op_argname) */
    int nargnames;
    int has_release;        /* uses linsegr/madsr-like opcodes */
    int max_p;              /* highest p-field the code reads */
    double *pset;           /* pset's values, p1 first (a note's p3… default to them); NULL: none */
    int npset;
    /* named parameters (doc/osc.md, "Named parameters"): a local i- or
     * k-variable given a bare p-field from p4 on (kmidi = p5, iamp = p4,
     * kx init p6); rate 'k' when /set and /automate can change it while the
     * note plays (a k-variable assigned with '='), 'i' when it is read only
     * at i-time (/sched gives it) */
    int nparams;
    struct { char *name; int pindex; char rate; double dflt; } *params;
    /* a user-defined opcode's template (0 for an instrument): the block
     * size its code runs at (its local setksmps, else its caller's) and
     * where its UDO_FRAME lies in its arena */
    int udo_ksmps;
    uint32_t udo_frame;
} INSTR_TMPL;

/*
 * User-defined opcodes (opcode … endop) compile, like instruments, to a
 * template of their own, one per block size they run at.  A call is a step
 * whose OP is followed by its OP_ARG array (outputs, then inputs: the
 * declared ones and Csound's hidden optional iksmps) and a UDO_STATE.  Its
 * init (eng_udo_init) takes the instance's arena from the note memory
 * (op_alloc), instantiates the template there and runs its init chain; its
 * perf (eng_udo_perf) copies the k- and a-rate inputs in, runs the perf
 * chain (caller_ksmps / udo_ksmps times over slices with a local
 * setksmps) and copies the outputs back, as Csound's useropcd1/useropcd2.
 * xin and xout are init steps that copy i-time values and record
 * themselves in the instance's UDO_FRAME: their arguments are the
 * opcode's variables the call copies at perf, as Csound's xinset/xoutset
 * record theirs.
 */
typedef struct udo_frame {
    OP *call;           /* the calling step: its arguments are the caller's */
    OP *xin, *xout;     /* the last xin/xout whose init ran (NULL: none) */
    int caller_ksmps;   /* the caller's block size: an a[] result's members are that long */
} UDO_FRAME;

typedef struct udo_state {
    const INSTR_TMPL *t;        /* set at compile time: the opcode's template for the caller's block size */
    unsigned char *arena;       /* the instance, NULL until its init runs */
    int inited;                 /* its init ran: perf does nothing until then (an i-time branch skipped it) */
} UDO_STATE;

/* The UDO_STATE after a call's arguments. */
static inline UDO_STATE *udo_state(const OP *op)
{
    return (UDO_STATE *)((unsigned char *)op + sizeof(OP) + sizeof(OP_ARG) * (size_t)(op->nout + op->nin));
}

/* The call's init and perf (src/engine/engine.c), and xin's and xout's inits. */
int eng_udo_init(OP *op, OP_CTX *c);
void eng_udo_perf(OP *op, OP_CTX *c);
int eng_xin_init(OP *op, OP_CTX *c);
int eng_xout_init(OP *op, OP_CTX *c);

void instr_tmpl_free(INSTR_TMPL *t);

#endif
