/* op.h — the opcode interface: descriptors, instances, the per-block context. */
#ifndef ONDES_OP_H
#define ONDES_OP_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../engine/ftable.h"   /* FTABLE: what table opcodes read */

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
 * Arguments are OP_ARG pointers, outputs first, then inputs, in the order of
 * the descriptor's type strings.  An opcode names them as fields of its own
 * struct, right after the header, as Csound's opcodes name theirs:
 *
 *     typedef struct { OP h; OP_ARG ar, asig, kcf, istor; double c1, c2, yt1; } TONE;
 *
 * and says so with OP_ARGS_IN(n) in its descriptor (n: how many such fields;
 * a variadic signature declares an array of its largest count, OP_ARG
 * args[N], N at most OP_MAXIN).  The compiler lays the pointers there and
 * refuses a call with more arguments than the struct names; `h.arg` points
 * at the first, so o->arg[i] also works (generic code such as print).
 * Scalars (i- and k-rate) are doubles, as in Csound; audio (a-rate) signals are
 * contiguous float blocks of ksmps frames; strings are OP_STR (below).
 * Optional arguments missing from the call are filled by the compiler with
 * their Csound defaults, so an opcode always sees every argument its
 * signature lists (variadic tails excepted: see `nin`); `ngiven` says how many
 * the call wrote.
 *
 * Rates.  An `x` input takes a, k or i (Csound's x): one descriptor serves
 * every combination, and op_isa(o, i) tells an instance which arguments are
 * audio (Csound's IS_ASIG_ARG).  The choice of loop is made once, off the
 * audio thread: a descriptor's `prep` runs when the instrument compiles and
 * may pick the perf function for the rates it got (OP_PREP.perf), so the
 * a-rate loops stay branch-free and vectorisable.
 *
 * State shared by every instance in one engine (random generators and their
 * seed, band-limited tables) is declared once as an OP_SHARED and named by the
 * descriptors that use it; the engine creates it off the audio thread before
 * an instrument using it can play, and op_shared() finds it.
 *
 * Sample-accurate starts and ends: a voice that starts (or ends) inside a
 * block is active only for frames [c->ofs, c->end) of that block.  A-rate
 * opcodes compute those frames only and leave the others zero (use
 * op_aclear_edges), so an oscillator starts at phase 0 on its exact frame.
 *
 * Rules for perf functions: no allocation, no locks, no I/O, no unbounded
 * loops.  Memory an opcode needs (delay lines) is taken at init time from the
 * engine's note memory with op_alloc(), and given back when the note ends.  Messages (print) go out with op_msg(), which
 * writes to a lock-free ring the driver drains.
 *
 * Strings (S arguments) are OP_STR, as Csound's STRINGDAT: `data`, a
 * NUL-terminated string, and `size`, the bytes its buffer holds.  Read one
 * with op_str(o, i) or op_s(p->Sname): a const char *, valid until the
 * variable is next written.  Inputs are never written: a constant's OP_STR is
 * the template's (read only) and a variable may be the caller's.  An S output
 * is a variable: a slot in the voice arena (a global's in the g-variable
 * area) with an inline buffer of OP_STR_INLINE bytes; write it with
 * op_str_set (or op_str_reserve, then write data), which grows the buffer
 * from the real-time pool when a longer string comes (constant time, allowed
 * at init and perf; on failure report with op_initerr / op_perferr).  The
 * output may be one of the inputs (S1 strcat S1, "x"): op_str_reserve keeps
 * the content, so build into a local buffer first when the inputs are read
 * while writing.  A string p-field (i 1 0 1 "a.wav") reaches a note as a NaN
 * its p-field holds (Csound's SSTRCOD); op_pstring(c, v) gives its text.
 */

struct engine;
struct eng_voice;
struct op_desc;

/* The most arguments one call may have (the compiler refuses more): size a
 * variadic opcode's OP_ARG array with these. */
#define OP_MAXOUT 32
#define OP_MAXIN 60

/*
 * An array variable (i[], k[], a[]), as Csound's ARRAYDAT: a small descriptor
 * living where the variable lives (the voice arena, or the engine's globals
 * for gkArr[]), its elements elsewhere, contiguous and row-major:
 * element (i, j) of an n×m array is element i*m + j.  An i- or k-array holds
 * doubles, an a-array blocks of ksmps floats (elem bytes each).
 *
 * A note's arena image starts every descriptor zeroed (dims 0: not
 * initialised).  The opcode that first gives the array a shape (init,
 * fillarray, an assignment) reserves its data with op_array_shape, from the
 * note memory (op_alloc_for: a local array's data end with the note, a global
 * array's with the engine).  Reshaping to as many elements or fewer keeps the
 * data; more takes a new block (constant time, also at perf: the old block
 * stays the note's until it ends), as Csound's tabinit reallocates.
 * Array-valued UDO arguments pass the descriptor's address (OP_ARG.arr).
 */
#define OP_ARRAY_MAXDIM 8
typedef struct op_array {
    void *data;         /* count elements of elem bytes; NULL until shaped */
    size_t allocated;   /* bytes reserved at data */
    int32_t dims;       /* dimensions; 0: not initialised */
    int32_t count;      /* elements: the product of sizes */
    int32_t elem;       /* bytes per element: sizeof(double), or ksmps floats */
    int32_t sizes[OP_ARRAY_MAXDIM];
} OP_ARRAY;

/* A string value (Csound's STRINGDAT): see "Strings" above. */
typedef struct op_str {
    char *data;         /* NUL-terminated */
    int size;           /* bytes data can hold (the NUL included) */
} OP_STR;
#define OP_STR_INLINE 256   /* a string variable's own buffer, right after its OP_STR */

typedef union op_arg {
    double *k;          /* i- or k-rate scalar */
    float *a;           /* a-rate block of ksmps frames */
    OP_STR *str;        /* string constant or S variable */
    OP_ARRAY *arr;      /* an array variable (i[], k[], a[]) */
} OP_ARG;

typedef struct op_desc OP_DESC;

typedef struct op {
    const OP_DESC *desc;
    OP_ARG *arg;        /* nout outputs, then nin inputs */
    uint64_t arate[2];  /* bit i: argument i (outputs first) is an a-rate block (op_isa) */
    uint64_t strarg;    /* bit i: argument i (i < 64) is a string (op_iss) */
    int16_t nout, nin;  /* actual counts (variadic signatures vary) */
    int16_t ngiven;     /* inputs written in the call; nin - ngiven were defaults */
    uint8_t initfail;   /* its init failed in a reinit pass: the engine skips its perf (it may hold no memory) */
    int32_t line;       /* source line, for init error messages */
    const char *const *argnames;  /* source text of each argument (op_argname) */
} OP;

/* 1 when argument i (outputs first, as o->arg) is an a-rate block. */
static inline int op_isa(const OP *o, int i)
{
    return i >= 0 && i < 128 && (int)((o->arate[i >> 6] >> (i & 63)) & 1u);
}

/* 1 when argument i (outputs first) is a string: what a variadic N input got
 * (Csound's IS_STR_ARG), for printf's %s. */
static inline int op_iss(const OP *o, int i)
{
    return i >= 0 && i < 64 && (int)((o->strarg >> i) & 1u);
}

/* The text of string argument i (outputs first), or of a named S field. */
static inline const char *op_str(const OP *o, int i) { return o->arg[i].str->data; }
static inline const char *op_s(OP_ARG a) { return a.str->data; }

/* What a step sees: the engine, its voice, the block geometry. */
typedef struct op_ctx {
    struct engine *eng;
    struct eng_voice *voice;
    double sr, onedsr;  /* sample rate and its inverse */
    double kr, onedkr;  /* control rate (sr/ksmps) and its inverse */
    double dbfs;        /* 0dbfs */
    double a4;          /* A4's frequency (the orchestra's A4) */
    int ksmps;
    int ofs, end;       /* active frames of this block: [ofs, end) */
    int bofs;           /* first frame of this block in the engine's block (a UDO's local ksmps runs slices) */
    float *bus;         /* NULL: out & co. add into the engine's output; else into these nbus channels of
                         * the engine's ksmps frames (a subinstr's instrument: its outputs) */
    int nbus;
    const double *pf;   /* NULL: the note's p-fields; else a subinstr instance's (op_p1, op_pfields) */
    double *pw;         /* the p-fields the running code's p1, p3… are (a UDO instance's, a subinstr
                         * instance's): a UDO copies them in and gives p3 back; NULL: the note's */
} OP_CTX;

typedef int  (*op_init_fn)(OP *op, OP_CTX *c);   /* 0 = ok, else op_initerr() */
typedef void (*op_perf_fn)(OP *op, OP_CTX *c);

/* What a descriptor's prep step sees and may change, at compile time (off the
 * audio thread).  The OP is the instance's image: desc, arate, nout, nin and
 * ngiven are set, the argument pointers are not yet. */
typedef struct op_prep {
    op_init_fn init;    /* desc->init unless prep picks another */
    op_perf_fn perf;    /* desc->perf unless prep picks another (e.g. for the rates given) */
    char err[160];      /* why prep refused (it returns -1): reported at the call's line */
} OP_PREP;
typedef int (*op_prep_fn)(OP *op, OP_PREP *p);

/* The engine a shared state is made for. */
typedef struct op_env {
    double sr, dbfs, a4;
    int ksmps, nchnls;
} OP_ENV;

/* State shared by every instance of some opcodes within one engine: declared
 * once (static const) in the family file, named by each descriptor that uses
 * it.  The engine allocates `size` zeroed bytes and runs `create` on a control
 * thread before any instrument using it plays; `destroy` when the engine goes.
 * Only the processing thread touches it afterwards (and instr 0's init, on the
 * control thread, before processing starts). */
typedef struct op_shared_desc {
    const char *name;
    size_t size;
    int (*create)(void *state, const OP_ENV *env, char *err, size_t errlen);  /* NULL: zeroed is ready */
    void (*destroy)(void *state);                                          /* NULL: nothing to free */
} OP_SHARED;

/*
 * The descriptor.  `out` and `in` are Csound's type strings:
 *   outputs: a k i S; m = any number of a; z = any number of k;
 *            I = any number of i or k (passign);
 *            X = the same rate as the first a/k input
 *            arrays: D i[], K k[], A a[], Q S[]
 *   inputs:  a (a-rate), k (k- or i-rate), i (i-rate), x (a, k or i),
 *            arrays: D i[], K k[] (or i[]), A a[], Q S[], Y i[] or k[], R i[] k[] or a[],
 *            S (string), T (string or i), U (string, k or i), c (i-rate constant only)
 *            optional i with default: o 0, p 1, j -1, q 10, v 0.5, h 127
 *            optional k with default: O 0, P 1, V 0.5, J -1
 *            variadic tails: m (i…), M (a, k or i …), z (k…), y (a…), N (anything),
 *            Z (alternating k, a, k, a…)
 *            l (a label: the compiler passes a k scalar flag in its place,
 *            cleared, and jumps to the label after the step whenever the
 *            opcode set it to 1: in the init pass if the opcode has an init
 *            function, in the perf pass if it has a perf function; timout)
 * Several descriptors may share a name (a different output rate, a different
 * algorithm): the compiler takes the first whose signature fits the call
 * (output rates, then input rates).  Rate variants of one algorithm are one
 * descriptor with `x` inputs and a prep that picks the loop.
 */
struct op_desc {
    const char *name;
    const char *out;
    const char *in;
    size_t size;        /* sizeof the opcode's struct (starts with OP) */
    op_init_fn init;    /* i-time; NULL if none */
    op_perf_fn perf;    /* every k-cycle; NULL for i-time-only opcodes */
    unsigned flags;     /* OPF_*, and OP_ARGS_IN(n) */
    op_prep_fn prep;    /* compile time: validate, pick init/perf for the rates; NULL if none */
    const OP_SHARED *shared;  /* per-engine state its instances use (op_shared); NULL if none */
};

enum {
    OPF_RELEASE = 1u << 0,  /* opcode extends the note with a release (linsegr) */
    OPF_INOUT0 = 1u << 1,   /* writes its first input, which must be a variable (loop_lt's index) */
};
/* The struct names its arguments: n OP_ARG fields right after the header. */
#define OP_ARGS_IN(n) ((unsigned)(n) << 16)
#define OP_ARGS_INLINE(flags) ((int)((flags) >> 16))

/* For preps: the loop for the rates of argument i (outputs first), or of
 * arguments i and j: k (neither audio), then j audio, i audio, both. */
static inline op_perf_fn op_pick(const OP *o, int i, op_perf_fn k, op_perf_fn a)
{
    return op_isa(o, i) ? a : k;
}
static inline op_perf_fn op_pick2(const OP *o, int i, int j, op_perf_fn kk, op_perf_fn ka, op_perf_fn ak,
                                  op_perf_fn aa)
{
    return op_isa(o, i) ? (op_isa(o, j) ? aa : ak) : (op_isa(o, j) ? ka : kk);
}

/* A family file registers its table with OP_FAMILY(name, "Manual section"):
 * the build collects every OP_FAMILY line of src/opcodes into the registry
 * (families.inc), so adding an opcode touches its family file only.  The
 * table ends with OP_END. */
typedef struct op_family {
    const char *name;       /* the family (its file's name) */
    const char *section;    /* the Csound manual's section, for doc/opcodes.md */
    const OP_DESC *ops;
} OP_FAMILY_DESC;
#define OP_FAMILY(NAME, SECTION, TABLE) \
    const OP_FAMILY_DESC op_family_##NAME = { #NAME, SECTION, TABLE }

/* A family file exports a table ended by an entry with name == NULL. */
#define OP_END { NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL }

/* ---- services for opcodes (implemented by the engine) ---- */

/* Memory for the life of the note, from the engine's note memory (--memory,
 * a real-time pool: constant time); NULL when it is exhausted (then fail the
 * init with op_initerr, which adds the bytes asked and the pool's size).
 * Zeroed, 32-byte aligned. Init time only. */
void *op_alloc(OP_CTX *c, size_t bytes);

/* Memory that lives as long as `owner`, an array descriptor: the note's
 * (as op_alloc) for a local array, the engine's for a global one (gkArr[]),
 * whichever note shapes it.  Zeroed, 32-byte aligned, constant time from the
 * real-time pool: init or perf (an array may grow at k-time).  NULL when the
 * pool is exhausted. */
void *op_alloc_for(OP_CTX *c, const void *owner, size_t bytes);

/* Make room for `need` bytes (the NUL included) in string variable s: its
 * buffer, or a larger one from the real-time pool (at least twice the old
 * size, the old content copied); NULL when the pool is exhausted.  Constant
 * time; init or perf.  A local variable's grown buffer lives as long as the
 * note, a global's as long as the engine. */
char *op_str_reserve(OP_CTX *c, OP_STR *s, size_t need);
/* Write `len` bytes of src (then a NUL) into string variable s: 0, or -1
 * when no memory was left (the variable is left unchanged). */
static inline int op_str_setn(OP_CTX *c, OP_STR *s, const char *src, size_t len)
{
    char *d = op_str_reserve(c, s, len + 1);
    if (!d) return -1;
    memmove(d, src, len);
    d[len] = 0;
    return 0;
}
static inline int op_str_set(OP_CTX *c, OP_STR *s, const char *src) { return op_str_setn(c, s, src, strlen(src)); }

/* The text of a string p-field's value (a NaN carrying a string, as Csound's
 * SSTRCOD), or NULL when v is not one (a number).  Valid for the note's life. */
const char *op_pstring(OP_CTX *c, double v);

/* Report an init error: the note is not started and the message (with the
 * instrument and line) goes to the driver. Returns -1 for `return op_initerr(...)`. */
int op_initerr(OP_CTX *c, OP *op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A message to the user (print, prints); formatted into the message ring as
 * is (add the newline yourself). */
void op_msg(OP_CTX *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The table numbered `num`, or NULL.  num == -1 is Csound's built-in sine
 * (16384 points + guard). */
const FTABLE *op_ftable(OP_CTX *c, double num);

/* Voice control, for turnoff, linsegr, madsr. */
void op_turnoff(OP_CTX *c);                 /* end the note at the end of this k-cycle (release runs) */
void op_xtratim(OP_CTX *c, double seconds); /* extend the note by a release of at least this long */
int  op_releasing(OP_CTX *c);               /* 1 once the note is in its release */
double op_p3(OP_CTX *c);                    /* the note's duration in seconds (negative: held) */
double op_p1(OP_CTX *c);                    /* the note's instrument number as given (fraction kept) */

/* Instrument control: instruments that schedule instruments (event_i,
 * schedule, event, schedkwhen), stop them (turnoff2) and count them (active).
 * Processing thread (or instr 0 before processing starts); none allocates:
 * the queue and the name index are reserved when the engine is made. */

/* The number of the instrument named `name`, or -1.  Constant time (a hashed
 * index the engine keeps as instruments are installed); look it up at init. */
int op_instr_number(OP_CTX *c, const char *name);

/* Queue a note as a score's i statement: p[1] the instrument (the fraction
 * kept; negative ends the held notes of that p1), p[2] its start in seconds
 * from now, p[3] the duration (negative: held), then p4..p[np].  "Now" is,
 * as Csound 6.18 places them, the start of this k-cycle at i-time (next 0:
 * p2 = 0 starts within the same k-cycle) and of the next at k-time (next 1,
 * event and schedulek; schedkwhen counts from this one, next 0, so its p2 = 0
 * note starts with the next k-cycle and ends p3 after this one began).
 * Such notes are not commands: they are not recorded (the instrument makes
 * them again when the recording is rendered).  0, or -1 with why in err
 * (a number out of range, the queue full), or -2 when the instrument is not
 * defined (Csound warns and makes no event; the caller plays on). */
int op_schedule(OP_CTX *c, const double *p, int np, int next, char *err, size_t errlen);
/* The same with string p-fields (Csound's schedule.N): strs NULL, or strs[k]
 * (4 <= k <= np) the text of p-field k when not NULL (its p[k] is then
 * ignored); the note reads them as a score's (op_pstring). */
int op_schedule_str(OP_CTX *c, const double *p, const char *const *strs, int np, int next, char *err, size_t errlen);

/* turnoff2: stop the notes of instrument `insno` (>= 1; Csound's mode: 0
 * all, 1 the oldest, 2 the newest (the first and the last in the order
 * notes perform: by p1, then start); +4 only those whose p1 equals insno
 * with its fraction; +8 only held ones); with `release` their release
 * segments run (notes releasing already are left), else they go at once (a
 * note later in this k-cycle's order does not play it).  Returns how many,
 * or -1 when the instrument is not defined. */
int op_turnoff_instr(OP_CTX *c, double insno, int mode, int release);

/* Notes of instrument `num` playing, the calling note included at its init;
 * with `norel`, those in their release are not counted (Csound's active). */
int op_active(OP_CTX *c, int num, int norel);

/* The note's p-fields: p[1..] as its event gave them (pset's defaults
 * beyond), p[0] unused; op_pcount: how many the event gave (Csound's
 * pcount).  Changed only by /set and /automate. */
const double *op_pfields(OP_CTX *c);
int op_pcount(OP_CTX *c);
#define OP_MAXP 64   /* p-fields a note has (p1..p64) */

/* 1 while the init pass continues a held note (a tie: tival). */
int op_tied(OP_CTX *c);
/* ihold: the note is held (as a negative p3) once its init pass is over. */
void op_hold(OP_CTX *c);

/* Per instrument number, for every later note, score, instrument or live
 * (Csound's maxalloc and mute): at most `count` notes at once (0: no limit);
 * muted or not.  -1 when no such instrument is defined. */
int op_instr_maxalloc(OP_CTX *c, int num, int count);
int op_instr_mute(OP_CTX *c, int num, int mute);
/* Instrument num is defined. */
int op_instr_exists(OP_CTX *c, int num);
/* remove: the engine forgets instrument num (0: done, or nothing to do);
 * -1 when a note of it is playing. */
int op_instr_remove(OP_CTX *c, int num);
/* subinstr: instrument `num` run inside this note, as Csound's subinstr
 * runs one (an instance of its template in this note's memory, the UDO
 * mechanism): p1 num, p2 and p3 this note's, p4… the `np` values given;
 * what its out/outs/outch write lands in s->bus (nchnls channels of ksmps
 * frames) instead of the output.  Init, then perf each k-cycle. */
typedef struct op_subinst {
    const void *t;          /* the instrument's template */
    unsigned char *arena;
    float *bus;
    int inited;
    int num;                /* the instrument it counts as a note of (active, maxalloc); 0: none yet */
    struct op_subinst *next;   /* the note's other counted sub-instances */
} OP_SUBINST;
int op_subinstr_init(OP_CTX *c, OP *op, OP_SUBINST *s, int num, const double *p4, int np);
void op_subinstr_perf(OP_CTX *c, OP_SUBINST *s);

/* The performance ends: before this k-cycle is heard (exitnow), or `secs`
 * after the next k-cycle starts (a line event's e). */
void op_exit(OP_CTX *c, double secs);

/* A performance error: the message (instrument, line, opcode) goes to the
 * driver and the note ends now, as Csound deletes a note after a perf error. */
void op_perferr(OP_CTX *c, OP *op, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Something the note's sender (or the console) should hear, the note
 * playing on: "warning in instr N (line L): OPCODE: …". */
void op_perfwarn(OP_CTX *c, OP *op, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* v, or 0 when it is NaN or infinite: what a writer puts into a function
 * table, which every voice shares (doc/reliability.md).  *bad is set when
 * v was replaced, so the writer can report it once (op_perfwarn). */
static inline float op_table_value(double v, int *bad)
{
    float f = (float)v;                /* (a double beyond FLT_MAX becomes infinite here) */
    if (f - f == 0) return f;          /* finite: NaN - NaN and inf - inf are NaN */
    *bad = 1;
    return 0.0f;
}

/* The engine's instance of a shared state the descriptor names (OP_SHARED),
 * or NULL when the engine has none (an instrument compiled for another one).
 * A short scan of the engine's few shared states: call it at init and keep
 * the pointer. */
void *op_shared(OP_CTX *c, const OP_SHARED *s);

/* The first frame of the block being run (Csound's kcount is this / ksmps). */
int64_t op_frame(OP_CTX *c);

/* A named control channel (chnget/chnset, /chn/set, /chn/get): one atomic
 * 64-bit word holding a double's bits, read and written by both threads
 * (chnset on the processing thread, /chn/get on the control thread);
 * relaxed, since only the value itself is published. */
typedef struct op_chn { _Atomic uint64_t bits; } OP_CHN;
static inline double op_chn_get(const OP_CHN *c)
{
    uint64_t b = atomic_load_explicit((_Atomic uint64_t *)&c->bits, memory_order_relaxed);
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}
static inline void op_chn_set(OP_CHN *c, double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    atomic_store_explicit(&c->bits, b, memory_order_relaxed);
}
/* The channel `name`, created if new; NULL when the name is too long or the
 * channel table is full.  Its address is stable for the engine's life. */
OP_CHN *op_channel(OP_CTX *c, const char *name);

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

/* 1 while a reinit pass runs (Csound's reinitflag): the note's init functions
 * from a label run again during its performance, on the audio thread.  An
 * init function runs again on the same instance, its fields as the last pass
 * left them (state kept with istor); op_alloc gives each of its calls the
 * same block again, cleared, when it is large enough.  ihold, tival and
 * tigoto do nothing at a reinit. */
int op_reinit(OP_CTX *c);

/* Make table `num` with a GEN routine and install it, as an f statement
 * would (in the header, or in a note within op_table_new's bounds);
 * num 0 picks the first free number from `first_auto`.  Returns the number,
 * or -1 with the reason in err. */
int op_table_make(OP_CTX *c, long num, int first_auto, long size, long gen, const double *args, int nargs,
                  const char *path, char *err, size_t errlen);

/* op_table_make with a mode: OP_TABLE_ONCE (ftgenonce) gives the table made
 * before with the same numbers instead of a new one; OP_TABLE_TMP (ftgentmp)
 * frees it when the note ends.  In a note's init (the processing thread) a
 * table of at most 16384 points (points x arguments at most 2^18) comes from
 * the note memory pool in bounded time; a bigger one, or one a GEN reads
 * from a file, is made by the engine's table worker: then, live, the call
 * returns OP_TABLE_WAIT and the init function must return 0 at once, its
 * outputs unset: the note's init stops there and runs the same step again
 * once the table is made (a later block), when this call gives the number.
 * A table freed or replaced while other notes read it is freed only once every
 * note that started before is over (epoch-based deferred free). */
enum { OP_TABLE_PLAIN, OP_TABLE_ONCE, OP_TABLE_TMP };
#define OP_TABLE_WAIT (-2)
int op_table_new(OP_CTX *c, long num, int first_auto, long size, long gen, const double *args, int nargs,
                 const char *path, int mode, char *err, size_t errlen);
/* ftfree: table num is freed now, or when this note ends (at_end). */
int op_table_free(OP_CTX *c, long num, int at_end, char *err, size_t errlen);

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

/* Give array `a` dims dimensions of these sizes, elements of elem bytes:
 * keeps its data when they hold as many bytes, else takes a new zeroed block
 * (the old contents copied).  0, or -1 when a size is not positive or the
 * memory is exhausted (the caller reports it). */
static inline int op_array_shape(OP_CTX *c, OP_ARRAY *a, int dims, const int32_t *sizes, int elem)
{
    int64_t count = 1;
    if (dims < 1 || dims > OP_ARRAY_MAXDIM) return -1;
    for (int i = 0; i < dims; i++) {
        if (sizes[i] <= 0) return -1;
        count *= sizes[i];
        if (count > (1 << 28)) return -1;
    }
    size_t bytes = (size_t)count * (size_t)elem;
    if (!a->data || bytes > a->allocated) {
        size_t want = bytes > 2 * a->allocated ? bytes : 2 * a->allocated;  /* growing by doubling */
        void *d = op_alloc_for(c, a, want);
        if (!d && want > bytes) d = op_alloc_for(c, a, want = bytes);
        if (!d) return -1;
        if (a->data && a->data != d) memcpy(d, a->data, a->allocated);   /* at a reinit op_alloc may hand back the same block */
        a->data = d;
        a->allocated = want;
    }
    a->dims = dims;
    for (int i = 0; i < dims; i++) a->sizes[i] = sizes[i];
    a->count = (int32_t)count;
    a->elem = elem;
    return 0;
}

/* Write text into element e of string array a (S[]): its buffer, or one at
 * least twice as big from op_alloc_for on a (living as long as the array);
 * 0, or -1 when the pool is exhausted.  Constant time: init or perf. */
static inline int op_array_str_set(OP_CTX *c, OP_ARRAY *a, OP_STR *e, const char *text)
{
    size_t need = strlen(text) + 1;
    if (!e->data || (size_t)e->size < need) {
        size_t cap = (size_t)e->size * 2 > need ? (size_t)e->size * 2 : need;
        cap = (cap + 15) & ~(size_t)15;
        if (cap < 16) cap = 16;
        char *d = op_alloc_for(c, a, cap);
        if (!d) return -1;
        e->data = d;
        e->size = (int)cap;
    }
    memmove(e->data, text, need);
    return 0;
}

/* A one-dimensional shape of n elements (Csound's tabinit). */
static inline int op_array_shape1(OP_CTX *c, OP_ARRAY *a, int n, int elem)
{
    int32_t s = n;
    return op_array_shape(c, a, 1, &s, elem);
}

/* The flat (row-major) index of the element that the n indices idx[0…n-1]
 * name in array a, or -1 with Csound's message in why ("Array index 5 out
 * of range (0,4) for dimension 1", "Array dimension 1 out of range for
 * dimensions 2"): the element get/set opcodes of every array type share it. */
static inline int32_t op_array_index(const OP_ARRAY *a, const OP_ARG *idx, int n, char *why, size_t len)
{
    int32_t at = 0;
    if (n != a->dims) {
        snprintf(why, len, "Array dimension %d out of range for dimensions %d", n, a->dims);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        int32_t k = op_int(*idx[i].k);
        if (k < 0 || k >= a->sizes[i]) {
            snprintf(why, len, "Array index %d out of range (0,%d) for dimension %d", k, a->sizes[i], i + 1);
            return -1;
        }
        at = at * a->sizes[i] + k;
    }
    return at;
}

/* A-rate helpers. */
static inline void op_aclear_edges(float *a, const OP_CTX *c)
{
    for (int i = 0; i < c->ofs; i++) a[i] = 0.0f;
    for (int i = c->end; i < c->ksmps; i++) a[i] = 0.0f;
}

#endif
