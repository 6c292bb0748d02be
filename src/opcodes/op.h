/* op.h — the opcode interface: descriptors, instances, the per-block context. */
#ifndef ONDES_OP_H
#define ONDES_OP_H

#include <stddef.h>
#include <stdint.h>

/*
 * How an opcode runs.
 *
 * An instrument compiles (off the audio thread) to two flat chains of steps:
 * the init chain, run once when a note starts (Csound's i-time pass), and the
 * perf chain, run once per k-cycle (one block of ksmps frames).  Each step is
 * an OP instance living in the voice's arena.  Every opcode's state struct
 * starts with an OP header, exactly as Csound's opcodes start with OPDS:
 *
 *     typedef struct { OP h; double phase; } OSCILI;
 *
 * The header's `arg` array holds pointers to the opcode's arguments, outputs
 * first, then inputs, in the order of the descriptor's type strings.
 * Scalars (i- and k-rate) are doubles, as in Csound; audio (a-rate) signals are
 * contiguous float blocks of ksmps frames; strings are const char *.
 * Optional arguments missing from the call are filled by the compiler with
 * their Csound defaults, so an opcode always sees every argument its
 * signature lists (variadic tails excepted: see `nin`).
 *
 * Sample-accurate starts and ends: a voice that starts (or ends) inside a
 * block is active only for frames [c->ofs, c->end) of that block.  A-rate
 * opcodes compute those frames only and leave the others zero (use
 * op_aclear_edges), so an oscillator starts at phase 0 on its exact frame.
 *
 * Rules for perf functions: no allocation, no locks, no I/O, no unbounded
 * loops.  Memory an opcode needs (delay lines) is taken at init time from the
 * voice's arena with op_alloc().  Messages (print) go out with op_msg(), which
 * writes to a lock-free ring the driver drains.
 */

struct engine;
struct eng_voice;

typedef union op_arg {
    double *k;          /* i- or k-rate scalar */
    float *a;           /* a-rate block of ksmps frames */
    const char *s;      /* string constant or S variable */
} OP_ARG;

typedef struct op_desc OP_DESC;

typedef struct op {
    const OP_DESC *desc;
    OP_ARG *arg;        /* nout outputs, then nin inputs */
    int16_t nout, nin;  /* actual counts (variadic signatures vary) */
    int32_t line;       /* source line, for init error messages */
    const char *const *argnames;  /* source text of each argument (op_argname) */
} OP;

/* What a step sees: the engine, its voice, the block geometry. */
typedef struct op_ctx {
    struct engine *eng;
    struct eng_voice *voice;
    double sr, onedsr;  /* sample rate and its inverse */
    double kr, onedkr;  /* control rate (sr/ksmps) and its inverse */
    double dbfs;        /* 0dbfs */
    int ksmps;
    int ofs, end;       /* active frames of this block: [ofs, end) */
} OP_CTX;

typedef int  (*op_init_fn)(OP *op, OP_CTX *c);   /* 0 = ok, else op_initerr() */
typedef void (*op_perf_fn)(OP *op, OP_CTX *c);

/*
 * The descriptor.  `out` and `in` are Csound's type strings:
 *   outputs: a k i S; m = any number of a; z = any number of k;
 *            X = the same rate as the first a/k input ("x" style polymorphism is
 *            otherwise done with several descriptors of the same name)
 *   inputs:  a (a-rate), k (k- or i-rate), i (i-rate), x (a, k or i),
 *            S (string), T (string or i), c (i-rate constant only)
 *            optional i with default: o 0, p 1, j -1, q 10, v 0.5, h 127
 *            optional k with default: O 0, P 1, V 0.5, J -1
 *            variadic tails: m (i…), M (a, k or i …), z (k…), y (a…), N (anything),
 *            Z (alternating k, a, k, a…)
 * Several descriptors may share a name: the compiler takes the first whose
 * signature fits the call (output rates, then input rates), so list the
 * specialised variants (a-rate amplitude, a-rate frequency…) in the order
 * Csound would choose them.
 */
struct op_desc {
    const char *name;
    const char *out;
    const char *in;
    size_t size;        /* sizeof the opcode's struct (starts with OP) */
    op_init_fn init;    /* i-time; NULL if none */
    op_perf_fn perf;    /* every k-cycle; NULL for i-time-only opcodes */
    unsigned flags;
};

enum {
    OPF_RELEASE = 1u << 0,  /* opcode extends the note with a release (linsegr) */
};

/* A family file exports a table ended by an entry with name == NULL. */
#define OP_END { NULL, NULL, NULL, 0, NULL, NULL, 0 }

/* ---- services for opcodes (implemented by the engine) ---- */

/* Memory for the life of the note, from the voice's arena; NULL when full
 * (then fail the init with op_initerr). Zeroed. Init time only. */
void *op_alloc(OP_CTX *c, size_t bytes);

/* Report an init error: the note is not started and the message (with the
 * instrument and line) goes to the driver. Returns -1 for `return op_initerr(...)`. */
int op_initerr(OP_CTX *c, OP *op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A message to the user (print, prints); formatted into the message ring as
 * is (add the newline yourself). */
void op_msg(OP_CTX *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Function tables (GEN routines fill them; see engine/ftable.h). */
typedef struct ftable {
    float *data;        /* size + 1 points: the guard point is data[size] */
    int32_t size;
    int32_t lenmask;    /* size - 1 when size is a power of two, else -1 */
    int32_t lobits;     /* Csound 6.18's lobits: log2(2^28 / size) for pow2 sizes (its PHMAX is 2^28) */
    int32_t nchnls;     /* channels of a GEN 1 table */
    double sr;          /* sample rate of a GEN 1 table's sound, else 0 */
    double gen01_base_freq;
    int num;
} FTABLE;

/* The table numbered `num`, or NULL.  num == -1 is Csound's built-in sine
 * (16384 points + guard). */
const FTABLE *op_ftable(OP_CTX *c, double num);

/* Voice control, for turnoff, linsegr, madsr. */
void op_turnoff(OP_CTX *c);                 /* end the note at the end of this k-cycle (release runs) */
void op_xtratim(OP_CTX *c, double seconds); /* extend the note by a release of at least this long */
int  op_releasing(OP_CTX *c);               /* 1 once the note is in its release */
double op_p3(OP_CTX *c);                    /* the note's duration in seconds (negative: held) */
double op_p1(OP_CTX *c);                    /* the note's instrument number as given (fraction kept) */

/* The seed given by the `seed` opcode, or 0 when it never ran (noise opcodes). */
uint32_t op_global_seed(OP_CTX *c);

/* The source text of argument i (outputs first) as Csound names it for print:
 * a variable's name, a literal as written, "#i0"… for expressions. */
const char *op_argname(const OP *op, int i);

/* The output bus (0-based channel), a block of ksmps frames in 0dbfs units
 * that out/outs/outch add into; NULL for a channel the engine lacks.
 * op_inbus likewise for input channels (nchnls_i). */
float *op_outbus(OP_CTX *c, int chan);
const float *op_inbus(OP_CTX *c, int chan);
int op_nchnls(OP_CTX *c);

/* The voice produced NaN or infinity: it is silenced and freed after this
 * k-cycle, and the user is told which instrument did it. */
void op_badvalue(OP_CTX *c, OP *op);

/* 1 when the code runs on a control thread (instr 0 / header code), where an
 * init function may allocate (ftgen). */
int op_offline_init(OP_CTX *c);
struct engine *op_engine(OP_CTX *c);

/* A value an instrument computed, as an int (channel, mode, table number,
 * count): saturated to ±2^30 (room for a -1 after), NaN as -2^30.
 * Instrument code can compute anything, and (int) of 1e25 or NaN is
 * undefined behaviour (found by fuzzing). */
static inline int op_int(double v)
{
    return v >= 0x1p30 ? (1 << 30) : v > -0x1p30 ? (int)v : -(1 << 30);
}

/* The same for 64-bit phase increments: saturated to ±2^52 (NaN: -2^52),
 * so adding one to a phase cannot overflow either. */
static inline int64_t op_i64(double v)
{
    return v >= 0x1p52 ? ((int64_t)1 << 52) : v > -0x1p52 ? (int64_t)v : -((int64_t)1 << 52);
}

/* Per-voice links between opcode instances that find each other at init, as
 * Csound's delayr, delayw and deltap* do through its delayr FIFO
 * (first_delayr/last_delayr/delayr_stack_depth in the CSOUND struct): a
 * delayr appends itself, a delayw takes the oldest, a tap reads the newest
 * (or one by index).  One per voice, zeroed when a note starts, touched only
 * by init functions; the opcodes keep their own `next` pointers. */
typedef struct op_links {
    void *first_delayr, *last_delayr;
    int delayr_depth;
} OP_LINKS;
OP_LINKS *op_links(OP_CTX *c);

/* A-rate helpers. */
static inline void op_aclear_edges(float *a, const OP_CTX *c)
{
    for (int i = 0; i < c->ofs; i++) a[i] = 0.0f;
    for (int i = c->end; i < c->ksmps; i++) a[i] = 0.0f;
}

#endif
