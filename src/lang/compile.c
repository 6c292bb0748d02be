/* compile.c — type checks an orchestra's syntax tree and generates each instrument's flat step chains. */
#include "orch.h"
#include "parser.h"
#include "preproc.h"
#include "errs.h"
#include "../engine/ftable.h"
#include "../engine/engine.h"
#include "../opcodes/registry.h"
#include <ctype.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/*
 * Rates, ordered: 'c' constant < 'i' init < 'k' control < 'a' audio; 'S' string;
 * arrays 'D' (i[]), 'K' (k[]), 'A' (a[]): their operand is the OP_ARRAY descriptor.
 * An operand says where a value lives once a voice exists: in the voice arena
 * (REL_LOCAL), in the engine's g-variables (REL_GLOBAL, REL_GSTR for a
 * string), in the constant pool (REL_CONST) or the string constants
 * (REL_STRING).  A string variable is an OP_STR and its inline buffer
 * (instr.h); a string constant an OP_STR of the template's.
 */
typedef struct operand {
    char rate;
    uint8_t base;
    uint32_t off;
    double cval;        /* rate 'c': the value (for folding) */
    const char *name;   /* source text, as Csound names arguments for print */
} OPERAND;

typedef struct sym {
    char *name;
    char rate;
    int global;
    uint32_t off;
    struct sym *next;
} SYM;

/* Names to values (symbols, labels, strings): open addressing on an FNV-1a
 * hash, so every lookup is O(1).  Linear scans made a 1 MB instrument of
 * distinct variables or labels compile in quadratic time (found by fuzzing).
 * Keys are borrowed: they live as long as what they name. */
typedef struct nameidx {
    const char **key;
    void **val;
    size_t cap, n;          /* cap: 0 or a power of two */
} NAMEIDX;

static size_t name_hash(const char *k)
{
    uint64_t h = 1469598103934665603u;
    for (; *k; k++) h = (h ^ (unsigned char)*k) * 1099511628211u;
    return (size_t)h;
}

static void *nidx_get(const NAMEIDX *x, const char *k)
{
    if (!x->cap) return NULL;
    for (size_t i = name_hash(k) & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
        if (!x->key[i]) return NULL;
        if (!strcmp(x->key[i], k)) return x->val[i];
    }
}

static void nidx_put(NAMEIDX *x, const char *k, void *v)
{
    if (2 * (x->n + 1) > x->cap) {   /* at most half full */
        NAMEIDX y = { NULL, NULL, x->cap ? x->cap * 2 : 64, 0 };
        y.key = calloc(y.cap, sizeof *y.key);
        y.val = calloc(y.cap, sizeof *y.val);
        if (!y.key || !y.val) abort();
        for (size_t i = 0; i < x->cap; i++)
            if (x->key[i]) nidx_put(&y, x->key[i], x->val[i]);
        free(x->key);
        free(x->val);
        *x = y;
    }
    size_t i = name_hash(k) & (x->cap - 1);
    while (x->key[i] && strcmp(x->key[i], k)) i = (i + 1) & (x->cap - 1);
    if (!x->key[i]) x->n++;
    x->key[i] = k;
    x->val[i] = v;
}

static void nidx_free(NAMEIDX *x)
{
    free(x->key);
    free(x->val);
    memset(x, 0, sizeof *x);
}

/* A user-defined opcode (opcode … endop): its call's descriptor, so calls
 * are type-checked and overloads chosen as for built-in opcodes (`in` ends
 * with Csound's hidden optional iksmps), and its definition, compiled to a
 * template per block size it is called at (udo_template). */
typedef struct udo_def {
    OP_DESC desc;           /* first: a call's descriptor points here */
    char *name, *out, *in;  /* type letters (K as k) */
    int nin;                /* declared inputs (without iksmps) */
    const NODE *node;       /* the definition, in the orchestra's syntax trees */
    char *file;
} UDO_DEF;

typedef struct udo_tmpl {   /* a compiled UDO: for a caller's ksmps and the call's iksmps */
    UDO_DEF *def;
    int ksmps, iksmps;
    INSTR_TMPL *t;          /* NULL: its compile failed */
} UDO_TMPL;

typedef struct src_unit {   /* one parsed text */
    NODE *top;
    char *file;
} SRC_UNIT;

struct lang_orch {
    AST_ARENA arena;
    SRC_UNIT *units;
    int nunits;
    LANG_HEADER hdr;
    SYM *globals;
    NAMEIDX globalidx;      /* globals by name */
    uint32_t gbytes;
    INSTR_TMPL **instrs;
    int ninstrs, capinstrs;
    int *posbynum;          /* instrument number → index in instrs + 1 (0: none) */
    NAMEIDX posbyname;      /* name → index in instrs + 1 */
    INSTR_TMPL *instr0;
    int compiled;
    LANG_HEADER final;      /* the header compiled for (after overrides) */
    int nerrs;              /* errors reported so far (parsing, header, compiling): nothing is installed */
    INSTR_TMPL **retired;   /* replaced while voices may still play them */
    int nretired;
    UDO_DEF **udos;         /* in the order defined: a later one of the same types replaces an earlier */
    int nudos;
    UDO_TMPL *utm;          /* compiled UDOs, kept while the orchestra lives (voices play them) */
    int nutm, caputm;
};

enum { IR_OP, IR_JUMP, IR_LABEL, IR_REINIT, IR_RIRETURN };   /* IR_REINIT: to `label` (perf) */

typedef struct ir {
    int kind;
    const OP_DESC *desc;
    op_init_fn init;    /* the instance's init and perf: the descriptor's, or its prep's choice */
    op_perf_fn perf;
    uint32_t op_off;
    int argnames;       /* index of the OP's first name in the template's argnames */
    int label;
    char pass;          /* jumps: 'g' both passes, 'i' init, 'k' perf */
    char when;          /* jumps: WHEN_* (rigoto, tigoto) */
    int cond_base;      /* -1: unconditional */
    uint32_t cond_off;
    int jump_if;
    int line, col;
} IR;

typedef struct label {
    char *name;
    int defined;
    int line, col;      /* first use, for the error */
} LABEL;

typedef struct cg {
    LANG_ORCH *o;
    const LANG_HEADER *h;
    const char *file;
    INSTR_TMPL *t;
    unsigned char *img;
    size_t used, cap;
    TMPL_RELOC *rel;
    int nrel, caprel;
    IR *ir;
    int nir, capir;
    LABEL *labels;
    int nlabels, caplabels;
    NAMEIDX labelidx;       /* label name → index + 1 */
    SYM *locals;
    NAMEIDX localidx;       /* locals by name */
    NAMEIDX stridx;         /* the template's strings → index + 1 */
    int capargnames, capstrs;
    int ntemp[4];       /* temporaries numbered per rate: #i0, #k0, #a0 */
    UDO_DEF *udo;       /* the user-defined opcode being compiled, or NULL (an instrument) */
    const OP_DESC *dbuf[64];   /* lookup_ops' answer when UDOs take part */
    char *err;
    size_t errlen;
    jmp_buf fail;       /* the whole instrument: too many errors */
    jmp_buf *stmt;      /* the statement being compiled: an error ends it, the next one follows */
    int nerrs;
} CG;

/* Errors are gathered (errs.h), not fatal: the statement that failed is
 * dropped and compiling goes on with the next one, so one run reports them
 * all; an instrument with errors is never installed. */
static void cg_vreport(CG *g, const NODE *n, const char *fmt, va_list ap)
{
    g->nerrs++;
    if (lang_err_vadd(g->err, g->errlen, g->file ? g->file : "", n ? n->line : 0, n ? n->col : 0, fmt, ap))
        longjmp(g->fail, 1);
}

static void cg_report(CG *g, const NODE *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cg_report(CG *g, const NODE *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cg_vreport(g, n, fmt, ap);
    va_end(ap);
}

static void cg_error(CG *g, const NODE *n, const char *fmt, ...) __attribute__((format(printf, 3, 4), noreturn));
static void cg_error(CG *g, const NODE *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cg_vreport(g, n, fmt, ap);
    va_end(ap);
    longjmp(g->stmt ? *g->stmt : g->fail, 1);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q && n) abort();
    return q;
}

static const char *rate_name(char r)
{
    switch (r) {
    case 'a': return "a";
    case 'k': return "k";
    case 'S': return "S";
    case 'D': return "i[]";
    case 'K': return "k[]";
    case 'A': return "a[]";
    case 'Q': return "S[]";
    default: return "i";
    }
}

static int rank(char r) { return r == 'a' ? 3 : r == 'k' ? 2 : r == 'i' ? 1 : 0; }

/* Array rates: the array of elements of rate r, and back. */
static int is_arr(char r) { return r == 'D' || r == 'K' || r == 'A' || r == 'Q'; }
static char arr_of(char r) { return r == 'a' ? 'A' : r == 'k' ? 'K' : r == 'S' ? 'Q' : 'D'; }
static char elem_of(char r) { return r == 'A' ? 'a' : r == 'K' ? 'k' : r == 'Q' ? 'S' : 'i'; }

/* ---- arena image layout ---- */

static uint32_t img_alloc(CG *g, size_t n, size_t align)
{
    size_t at = (g->used + align - 1) & ~(align - 1);
    if (at + n > g->cap) {
        size_t nc = g->cap ? g->cap : 4096;
        while (nc < at + n) nc *= 2;
        g->img = xrealloc(g->img, nc);
        memset(g->img + g->cap, 0, nc - g->cap);
        g->cap = nc;
    }
    g->used = at + n;
    return (uint32_t)at;
}

static void add_reloc(CG *g, uint32_t at, uint8_t base, uint32_t off)
{
    if (g->nrel == g->caprel) {
        g->caprel = g->caprel ? g->caprel * 2 : 64;
        g->rel = xrealloc(g->rel, sizeof *g->rel * (size_t)g->caprel);
    }
    g->rel[g->nrel++] = (TMPL_RELOC){ at, base, off };
}

static IR *add_ir(CG *g, int kind)
{
    if (g->nir == g->capir) {
        g->capir = g->capir ? g->capir * 2 : 64;
        g->ir = xrealloc(g->ir, sizeof *g->ir * (size_t)g->capir);
    }
    IR *r = &g->ir[g->nir++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->cond_base = -1;
    return r;
}

static uint32_t const_index(CG *g, double v)
{
    INSTR_TMPL *t = g->t;
    /* Shared with the 8 most recent constants only: a folded chain of 10^5
     * terms makes 10^5 constants, and searching them all is quadratic
     * (a repeat further back just takes a slot of its own). */
    int from = t->nconsts > 8 ? t->nconsts - 8 : 0;
    for (int i = t->nconsts - 1; i >= from; i--)
        if (memcmp(&t->consts[i], &v, sizeof v) == 0) return (uint32_t)i;
    if ((t->nconsts & (t->nconsts - 1)) == 0)   /* at 0, 1, 2, 4, 8 …: room doubles */
        t->consts = xrealloc(t->consts, sizeof(double) * (size_t)(t->nconsts ? 2 * t->nconsts : 1));
    t->consts[t->nconsts] = v;
    return (uint32_t)t->nconsts++;
}

static OPERAND op_const(CG *g, double v)
{
    char nm[40];
    snprintf(nm, sizeof nm, "%.20g", v);
    OPERAND o = { 'c', REL_CONST, const_index(g, v) * (uint32_t)sizeof(double), v,
                  ast_strndup(&g->o->arena, nm, strlen(nm)) };
    return o;
}

static int string_index(CG *g, const char *s)
{
    INSTR_TMPL *t = g->t;
    intptr_t at = (intptr_t)nidx_get(&g->stridx, s);
    if (at) return (int)at - 1;
    if (t->nstrs == g->capstrs) {   /* grown geometrically: appending stays linear */
        g->capstrs = g->capstrs ? g->capstrs * 2 : 16;
        t->strs = xrealloc(t->strs, sizeof(char *) * (size_t)g->capstrs);
    }
    t->strs[t->nstrs] = strdup(s);
    nidx_put(&g->stridx, t->strs[t->nstrs], (void *)(intptr_t)(t->nstrs + 1));
    return t->nstrs++;
}

/* A local string variable: its OP_STR, an empty string in its inline buffer. */
static uint32_t str_slot(CG *g)
{
    uint32_t off = img_alloc(g, sizeof(OP_STR) + OP_STR_INLINE, 16);
    ((OP_STR *)(g->img + off))->size = OP_STR_INLINE;
    add_reloc(g, off + (uint32_t)offsetof(OP_STR, data), REL_LOCAL, off + (uint32_t)sizeof(OP_STR));
    return off;
}

static OPERAND new_var(CG *g, char rate)
{
    OPERAND o;
    o.rate = rate;
    o.base = REL_LOCAL;
    o.cval = 0;
    char nm[32];
    char e = is_arr(rate) ? elem_of(rate) : rate;
    int r = e == 'a' ? 2 : e == 'k' ? 1 : 0;
    if (e == 'S') r = 3;
    snprintf(nm, sizeof nm, "#%c%d", e == 'a' ? 'a' : e == 'k' ? 'k' : e == 'S' ? 'S' : 'i', g->ntemp[r]++);
    o.name = ast_strndup(&g->o->arena, nm, strlen(nm));
    if (rate == 'a') o.off = img_alloc(g, sizeof(float) * (size_t)g->h->ksmps, 32);
    else if (is_arr(rate)) o.off = img_alloc(g, sizeof(OP_ARRAY), 16);
    else if (rate == 'S') o.off = str_slot(g);
    else o.off = img_alloc(g, sizeof(double), 8);
    return o;
}

/* ---- symbols ---- */

static SYM *find_sym(const NAMEIDX *idx, const char *name)
{
    return nidx_get(idx, name);
}

/* The rate a variable's name gives it, or 0 when the name is not a variable name. */
static char name_rate(const char *name, int *global)
{
    *global = 0;
    if (name[0] == 'g') { *global = 1; name++; }
    switch (name[0]) {
    case 'i': return 'i';
    case 'k': return 'k';
    case 'a': return 'a';
    case 'S': return 'S';
    default: return 0;
    }
}

static int is_pfield(const char *name, int *idx)
{
    if (name[0] != 'p' || !isdigit((unsigned char)name[1])) return 0;
    for (const char *q = name + 1; *q; q++)
        if (!isdigit((unsigned char)*q)) return 0;
    *idx = atoi(name + 1);
    return 1;
}

static int reserved_value(const LANG_HEADER *h, const char *name, double *v)
{
    if (!strcmp(name, "sr")) *v = h->sr;
    else if (!strcmp(name, "kr")) *v = h->sr / h->ksmps;
    else if (!strcmp(name, "ksmps")) *v = h->ksmps;
    else if (!strcmp(name, "nchnls")) *v = h->nchnls;
    else if (!strcmp(name, "nchnls_i")) *v = h->set_nchnls_i ? h->nchnls_i : h->nchnls;   /* Csound: nchnls unless set */
    else if (!strcmp(name, "0dbfs")) *v = h->dbfs;
    else if (!strcmp(name, "A4")) *v = h->a4;
    else return 0;
    return 1;
}

static int is_opcode_cb(const char *name, void *ud);

/* A name no variable has: undefined, or an opcode's (which Csound's lexer
 * reads as that opcode wherever it stands, so one never names a variable). */
static void undefined_var(CG *g, const NODE *at, const char *name) __attribute__((noreturn));
static void undefined_var(CG *g, const NODE *at, const char *name)
{
    if (is_opcode_cb(name, g->o)) cg_error(g, at, "'%s' is the name of an opcode and cannot name a variable", name);
    cg_error(g, at, "undefined variable '%s'", name);
}

/* The variable `name`, declared now if new; `array`: declared as name[]
 * (an existing array is found by its name alone). */
static SYM *declare_as(CG *g, const NODE *at, const char *name, int array)
{
    int global;
    char r = name_rate(name, &global);
    int pidx;
    double dummy;
    SYM *typed = find_sym(&g->localidx, name);   /* a new-style UDO's parameter has the rate it was given */
    if (typed) return typed;
    if (is_pfield(name, &pidx)) {   /* p3 = 2, p4 = 440: the note's own p-field slot (p3 at i-time sets its length) */
        if (pidx < 1 || pidx > EV_MAXP) cg_error(g, at, "p-field %s is out of range (p1…p%d)", name, EV_MAXP);
        if (array) cg_error(g, at, "the p-field '%s' cannot be declared an array", name);
        if (pidx > g->t->max_p) g->t->max_p = pidx;
        SYM *p = calloc(1, sizeof *p);
        p->name = strdup(name);
        p->rate = 'i';
        p->off = (uint32_t)(sizeof(double) * (size_t)pidx);
        p->next = g->locals;
        g->locals = p;
        nidx_put(&g->localidx, p->name, p);
        return p;
    }
    if (reserved_value(g->h, name, &dummy)) cg_error(g, at, "'%s' cannot be assigned inside an instrument", name);
    if (!r) {
        if (name[0] == 'f' || name[0] == 'w' || (name[0] == 'g' && (name[1] == 'f' || name[1] == 'w')))
            cg_error(g, at, "variable '%s': f- and w-rate variables are not supported", name);
        cg_error(g, at, "'%s' is not a variable name (names start with i, k, a, S, or g for globals)", name);
    }
    SYM **list = global ? &g->o->globals : &g->locals;
    NAMEIDX *idx = global ? &g->o->globalidx : &g->localidx;
    SYM *s = find_sym(idx, name);
    if (s) {
        if (array && !is_arr(s->rate))
            cg_error(g, at, "'%s' is already a scalar variable and cannot be declared an array", name);
        return s;
    }
    if (is_opcode_cb(name, g->o)) undefined_var(g, at, name);   /* an opcode's name (in, int, a UDO's…) */
    if (array) r = arr_of(r);
    s = calloc(1, sizeof *s);
    s->name = strdup(name);
    s->rate = r;
    s->global = global;
    if (global) {
        size_t sz = r == 'a' ? sizeof(float) * (size_t)g->h->ksmps : r == 'S' ? sizeof(OP_STR) + OP_STR_INLINE
                  : is_arr(r) ? sizeof(OP_ARRAY) : sizeof(double);
        uint32_t at2 = (g->o->gbytes + 31) & ~31u;
        s->off = at2;
        g->o->gbytes = at2 + (uint32_t)sz;
    } else {   /* named: no #-number taken (Csound numbers only its synthetic temporaries) */
        s->off = is_arr(r) ? img_alloc(g, sizeof(OP_ARRAY), 16)
               : r == 'a' ? img_alloc(g, sizeof(float) * (size_t)g->h->ksmps, 32)
               : r == 'S' ? str_slot(g) : img_alloc(g, sizeof(double), 8);
    }
    s->next = *list;
    *list = s;
    nidx_put(idx, s->name, s);
    return s;
}

static SYM *declare(CG *g, const NODE *at, const char *name) { return declare_as(g, at, name, 0); }

/* An output's variable: name[]… declares an array. */
static SYM *declare_out(CG *g, const NODE *out) { return declare_as(g, out, out->name, out->rate == '['); }

static OPERAND sym_operand(CG *g, const NODE *at, SYM *s)
{
    OPERAND o;
    o.rate = s->rate;
    o.cval = 0;
    o.name = s->name;
    o.base = s->global ? (s->rate == 'S' ? REL_GSTR : REL_GLOBAL) : REL_LOCAL;
    o.off = s->off;
    return o;
}

/* ---- opcode selection ---- */

static int letter_accepts(char L, char r)
{
    switch (L) {
    case 'a': case 'y': return r == 'a';
    case 'k': case 'O': case 'P': case 'V': case 'J': case 'z': return r == 'k' || r == 'i' || r == 'c';
    case 'i': case 'o': case 'p': case 'j': case 'q': case 'v': case 'h': case 'm': return r == 'i' || r == 'c';
    case 'c': return r == 'c';
    case 'x': case 'M': return r == 'a' || r == 'k' || r == 'i' || r == 'c';
    case 'S': return r == 'S';
    case 'T': return r == 'S' || r == 'i' || r == 'c';
    case 'U': return r == 'S' || r == 'k' || r == 'i' || r == 'c';
    case 'N': return !is_arr(r);
    case 'D': return r == 'D';
    case 'K': return r == 'K' || r == 'D';
    case 'A': return r == 'A';
    case 'Y': return r == 'D' || r == 'K';
    case 'R': return r == 'D' || r == 'K' || r == 'A';
    case 'Q': return r == 'Q';
    case 'l': return r == 'l';   /* a label (see label_arg) */
    default: return 0;
    }
}

static int is_optional(char L) { return L && strchr("opjqvhOPVJ", L) != NULL; }
static int is_variadic(char L) { return L && strchr("mMzyNZ", L) != NULL; }

static double optional_default(char L)
{
    switch (L) {
    case 'p': case 'P': return 1;
    case 'j': case 'J': return -1;
    case 'q': return 10;
    case 'v': case 'V': return 0.5;
    case 'h': return 127;
    default: return 0;
    }
}

/* How a call fits a descriptor: 0 fits, else 1 count problem, 2 type problem (argument index in *bad). */
static int ins_fit(const OP_DESC *d, const char *rates, int n, int *bad)
{
    const char *L = d->in;
    int i = 0, zstart = -1;
    char last = 0;
    for (; i < n; i++) {
        char l = *L ? *L : (is_variadic(last) ? last : 0);
        if (!l) { *bad = i; return 1; }
        if (l == 'Z') {     /* alternating k, a, k, a… (outch) */
            if (zstart < 0) zstart = i;
            l = (i - zstart) % 2 ? 'a' : 'k';
        }
        if (!letter_accepts(l, rates[i])) { *bad = i; return 2; }
        if (*L) { last = *L; L++; }
    }
    if (*L && !is_optional(*L) && !is_variadic(*L)) { *bad = i; return 1; }
    return 0;
}

/* Output rates against the descriptor's output letters (m: any number of a, z: of k). */
static int outs_fit(const OP_DESC *d, const char *rates, int n)
{
    int lo = (int)strlen(d->out);
    if (lo == 0) return n == 0;
    char lastl = d->out[lo - 1];
    int variadic = lastl == 'm' || lastl == 'z' || lastl == 'I';
    if (n > lo && !variadic) return 0;
    if (n < lo && !(variadic && n >= lo - 1)) return 0;
    for (int i = 0; i < n; i++) {
        char l = i < lo ? d->out[i] : lastl;
        if (l == 'm') { if (rates[i] != 'a') return 0; }
        else if (l == 'z') { if (rates[i] != 'k') return 0; }
        else if (l == 'I') { if (rates[i] != 'i' && rates[i] != 'k') return 0; }
        else if (l != rates[i]) return 0;
    }
    return 1;
}

static const char *letter_rate_desc(char L)
{
    switch (L) {
    case 'a': case 'y': return "a";
    case 'k': case 'O': case 'P': case 'V': case 'J': case 'z': return "k";
    case 'S': return "S";
    case 'T': return "S or i";
    case 'U': return "S, k or i";
    case 'x': case 'M': return "a, k or i";
    case 'D': return "i[]";
    case 'K': return "k[]";
    case 'A': return "a[]";
    case 'Y': return "i[] or k[]";
    case 'Q': return "S[]";
    case 'R': return "an array";
    case 'l': return "a label";
    default: return "i";
    }
}

static const char *rate_desc(char r) { return r == 'c' ? "i" : rate_name(r); }

/* How messages name an opcode: the operators' internal ones ("##add") as written ("+"). */
static const char *shown_name(const char *name)
{
    static const char *const ops[][2] = {
        { "##add", "+" }, { "##sub", "-" }, { "##mul", "*" }, { "##div", "/" }, { "##mod", "%" },
        { "##pow", "^" }, { "##lt", "<" }, { "##gt", ">" }, { "##le", "<=" }, { "##ge", ">=" },
        { "##eq", "==" }, { "##ne", "!=" }, { "##and", "&&" }, { "##or", "||" }, { "##bitand", "&" },
        { "##bitor", "|" }, { "##bitxor", "#" }, { "##shl", "<<" }, { "##shr", ">>" }, { "##neg", "-" },
        { "##not", "!" }, { "##bitnot", "~" }, { "##cond", "?:" }, { "##upsamp", "a-rate conversion" },
    };
    if (name[0] != '#') return name;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(name, ops[i][0])) return ops[i][1];
    return name;
}

/* The descriptors of `name`: the orchestra's user-defined opcodes of that
 * name (newest first; an older one with the same types is replaced), then
 * the built-in ones. */
static const OP_DESC *const *lookup_ops(CG *g, const char *name, int *nd)
{
    int nb;
    const OP_DESC *const *b = op_lookup(name, &nb);
    int n = 0;
    if (name[0] != '#')
        for (int i = g->o->nudos - 1; i >= 0 && n < 32; i--) {
            const UDO_DEF *u = g->o->udos[i];
            if (strcmp(u->name, name)) continue;
            int dup = 0;
            for (int j = 0; j < n; j++)
                if (!strcmp(g->dbuf[j]->out, u->out) && !strcmp(g->dbuf[j]->in, u->in)) dup = 1;
            if (!dup) g->dbuf[n++] = &u->desc;
        }
    if (!n) {
        *nd = nb;
        return b;
    }
    for (int i = 0; i < nb && n < 64; i++) g->dbuf[n++] = b[i];
    *nd = n;
    return g->dbuf;
}

/* Pick the descriptor of `name` for these output rates (or one wanted rate
 * `hint`, 0 for any) and input rates; on failure explain why. */
/* A user-defined opcode's k[] input given an i[]: it fits, but an
 * overload taking i[] there fits better (Csound picks by exact type). */
static int udo_widens_array(const OP_DESC *d, const char *inr, int nin)
{
    if (d->init != eng_udo_init) return 0;
    for (int i = 0; i < nin && d->in[i]; i++)
        if (d->in[i] == 'K' && inr[i] == 'D') return 1;
    return 0;
}

static const OP_DESC *select_desc(CG *g, const NODE *at, const char *opname, const char *outr, int nout, char hint,
                                  const char *inr, int nin, const NODE *const *args)
{
    int nd;
    const OP_DESC *const *ds = lookup_ops(g, opname, &nd);
    const char *name = shown_name(opname);
    if (!ds) cg_error(g, at, "unknown opcode '%s'", name);
    const OP_DESC *first_out = NULL;
    /* pass 0: output fits the hint exactly; pass 1: any output */
    for (int pass = 0; pass < 2; pass++) {
        const OP_DESC *widened = NULL;
        for (int i = 0; i < nd; i++) {
            const OP_DESC *d = ds[i];
            if (nout) { if (!outs_fit(d, outr, nout)) continue; }
            else if (pass == 0 && hint && !(d->out[0] == hint || (d->out[0] == 'm' && hint == 'a'))) continue;
            if (!first_out) first_out = d;
            int bad;
            if (ins_fit(d, inr, nin, &bad) == 0) {
                if (!udo_widens_array(d, inr, nin)) return d;
                if (!widened) widened = d;
            }
        }
        if (widened) return widened;
        if (nout) break;
    }
    if (!first_out) {
        if (nout) {
            char rs[32] = { 0 };
            for (int i = 0; i < nout && i < 30; i++) rs[i] = outr[i];
            cg_error(g, at, "'%s' cannot give %d output%s of rate%s %s", name, nout, nout > 1 ? "s" : "",
                     nout > 1 ? "s" : "", rs);
        }
        cg_error(g, at, "'%s' has no form that gives an %s-rate value", name, rate_name(hint));
    }
    int bad;
    int why = ins_fit(first_out, inr, nin, &bad);
    if (why == 1) {
        if (bad < nin) cg_error(g, args[bad], "'%s': too many arguments (at most %d)", name, bad);
        cg_error(g, at, "'%s': missing argument %d (%s-rate)", name, nin + 1,
                 letter_rate_desc(first_out->in[nin]));
    }
    /* report against the descriptor that fits most arguments */
    const OP_DESC *best = first_out;
    int bestbad = bad;
    for (int i = 0; i < nd; i++) {
        int b2;
        if (nout && !outs_fit(ds[i], outr, nout)) continue;
        if (ins_fit(ds[i], inr, nin, &b2) == 2 && b2 > bestbad) { best = ds[i]; bestbad = b2; }
    }
    int li = bestbad < (int)strlen(best->in) ? bestbad : (int)strlen(best->in) - 1;
    cg_error(g, args[bestbad], "'%s': argument %d must be %s-rate, got %s-rate", name, bestbad + 1,
             letter_rate_desc(best->in[li]), rate_desc(inr[bestbad]));
}

/* ---- emitting steps ---- */

static INSTR_TMPL *udo_template(LANG_ORCH *o, const LANG_HEADER *h, UDO_DEF *u, int iks, const NODE *at,
                                char *err, size_t errlen);

/* A call of a user-defined opcode: its template for this code's block size
 * (compiled now if new; a recursive call finds its own, still compiling). */
static void udo_bind(CG *g, UDO_DEF *u, uint32_t op_off, const OPERAND *iks, const NODE *at)
{
    if (iks->rate != 'c')
        cg_error(g, at, "'%s': its last argument, the local ksmps, must be a constant", u->name);
    double v = iks->cval;
    if (!(v >= 0 && v <= g->h->ksmps && v == floor(v)) || (v > 0 && g->h->ksmps % (int)v))
        cg_error(g, at, "'%s': invalid local ksmps %g (it must divide the caller's ksmps, %d)", u->name, v,
                 g->h->ksmps);
    INSTR_TMPL *t = udo_template(g->o, g->h, u, (int)v, at, g->err, g->errlen);
    if (!t) {   /* the opcode's own errors were reported, with their places in it: this call fails silently */
        g->nerrs++;
        longjmp(g->stmt ? *g->stmt : g->fail, 1);
    }
    udo_state((OP *)(g->img + op_off))->t = t;
    if (t->has_release) g->t->has_release = 1;
}

/* An opcode call: its OP in the image, its arguments' relocations, its IR.
 * `ngiven` of the `nin` inputs were written in the call (the rest are the
 * signature's defaults). */
static void emit(CG *g, const OP_DESC *d, const OPERAND *outs, int nout, const OPERAND *ins, int nin, int ngiven,
                 const NODE *at)
{
    int nargs = nout + nin;
    int inl = OP_ARGS_INLINE(d->flags);
    if (nargs > inl) cg_error(g, at, "'%s': too many arguments (at most %d)", shown_name(d->name), inl - nout);
    uint32_t op_off = img_alloc(g, d->size, 16);
    /* the argument pointers: the struct's named OP_ARG fields right after the header */
    uint32_t args_off = op_off + (uint32_t)sizeof(OP);
    OP *op = (OP *)(g->img + op_off);
    op->desc = d;
    op->nout = (int16_t)nout;
    op->nin = (int16_t)nin;
    op->ngiven = (int16_t)ngiven;
    op->line = at ? at->line : 0;
    for (int i = 0; i < nargs && i < 128; i++) {
        char r = i < nout ? outs[i].rate : ins[i - nout].rate;
        if (r == 'a') op->arate[i >> 6] |= (uint64_t)1 << (i & 63);
        if (r == 'S' && i < 64) op->strarg |= (uint64_t)1 << i;
    }
    add_reloc(g, op_off + (uint32_t)offsetof(OP, arg), REL_LOCAL, args_off);
    for (int i = 0; i < nargs; i++) {
        const OPERAND *o = i < nout ? &outs[i] : &ins[i - nout];
        add_reloc(g, args_off + (uint32_t)(sizeof(OP_ARG) * (size_t)i), o->base, o->off);
    }
    /* the descriptor's compile-time step: checks, and the loop for these rates */
    OP_PREP prep = { d->init, d->perf, "" };
    if (d->prep && d->prep(op, &prep))
        cg_error(g, at, "'%s': %s", shown_name(d->name), prep.err[0] ? prep.err : "cannot be used this way");
    INSTR_TMPL *t = g->t;
    if (t->nargnames + nargs + 1 > g->capargnames) {   /* geometric: linear in the code's length */
        while (t->nargnames + nargs + 1 > g->capargnames) g->capargnames = g->capargnames ? g->capargnames * 2 : 64;
        t->argnames = xrealloc(t->argnames, sizeof(char *) * (size_t)g->capargnames);
    }
    for (int i = 0; i < nargs; i++) {
        const OPERAND *o = i < nout ? &outs[i] : &ins[i - nout];
        t->argnames[t->nargnames + i] = strdup(o->name ? o->name : "");
    }
    IR *r = add_ir(g, IR_OP);
    r->desc = d;
    r->init = prep.init;
    r->perf = prep.perf;
    r->op_off = op_off;
    r->argnames = t->nargnames;
    t->nargnames += nargs;
    if (d->flags & OPF_RELEASE) g->t->has_release = 1;
    if (d->init == eng_udo_init) udo_bind(g, (UDO_DEF *)d, op_off, &ins[nin - 1], at);
}

static OPERAND compile_expr(CG *g, const NODE *n, char hint, const OPERAND *dest);

/* Csound's (int) of a double as its x86-64 build does it (cvttsd2si):
 * INT32_MIN for NaN and anything outside the 32-bit range. */
static int32_t fold_int(double x)
{
    return x > -2147483649.0 && x < 2147483648.0 ? (int32_t)x : INT32_MIN;
}

/* Constant folding, as Csound 6.18's parser does it (Engine/csound_orc_optimize.c
 * constant_fold): + - * / ^ as at run time, % by its MOD (0 for a zero
 * divisor), and the bitwise operators on (int) casts, which truncate where
 * the run-time operators round (5.7 & 3 is 1 folded, 2 from variables). */
static int fold(int op, double a, double b, double *r)
{
    switch (op) {
    case T_PLUS: *r = a + b; return 1;
    case T_MINUS: *r = a - b; return 1;
    case T_STAR: *r = a * b; return 1;
    case T_SLASH: if (b == 0) return 0; *r = a / b; return 1;
    case T_CARET: *r = pow(a, b); return 1;
    case T_PERCENT: *r = b == 0 ? 0.0 : fmod(a, fabs(b)); return 1;
    case T_BITOR: *r = (double)(fold_int(a) | fold_int(b)); return 1;
    case T_BITAND: *r = (double)(fold_int(a) & fold_int(b)); return 1;
    case T_HASH: *r = (double)(fold_int(a) ^ fold_int(b)); return 1;
    case T_SHL: *r = (double)(int32_t)((uint32_t)fold_int(a) << (fold_int(b) & 31)); return 1;
    case T_SHR: *r = (double)(fold_int(a) >> (fold_int(b) & 31)); return 1;
    default: return 0;
    }
}

/* Csound's algebraic identities with a constant 0 that change a value: x | 0,
 * x << 0 and x >> 0 are x itself, not x rounded (the operators round); 0 | x
 * is x; 0 & x, 0 << x and 0 >> x are 0.  1 when *r is the result. */
static int fold_identity(int op, const OPERAND *a, const OPERAND *b, OPERAND *r)
{
    int a0 = a->rate == 'c' && a->cval == 0, b0 = b->rate == 'c' && b->cval == 0;
    if (b0 && (op == T_BITOR || op == T_SHL || op == T_SHR)) { *r = *a; return 1; }
    if (a0 && op == T_BITOR) { *r = *b; return 1; }
    if (a0 && (op == T_BITAND || op == T_SHL || op == T_SHR)) { *r = *a; return 1; }
    return 0;
}

static const char *binop_name(int op)
{
    switch (op) {
    case T_PLUS: return "##add";
    case T_MINUS: return "##sub";
    case T_STAR: return "##mul";
    case T_SLASH: return "##div";
    case T_PERCENT: return "##mod";
    case T_CARET: return "##pow";
    case T_LT: return "##lt";
    case T_GT: return "##gt";
    case T_LE: return "##le";
    case T_GE: return "##ge";
    case T_EQ: return "##eq";
    case T_NE: return "##ne";
    case T_AND: return "##and";
    case T_OR: return "##or";
    case T_BITAND: return "##bitand";
    case T_BITOR: return "##bitor";
    case T_HASH: return "##bitxor";
    case T_SHL: return "##shl";
    case T_SHR: return "##shr";
    default: return "##?";
    }
}

/* Result storage for an operator: the destination when its rate fits, else a temporary. */
static OPERAND result_slot(CG *g, char rate, const OPERAND *dest)
{
    if (dest && dest->rate == rate) return *dest;
    return new_var(g, rate);
}

/* Give an operand the audio rate (k/i/c upsampled by a copy into a block). */
static OPERAND to_audio(CG *g, OPERAND x, const NODE *at)
{
    if (x.rate == 'a') return x;
    OPERAND out = new_var(g, 'a');
    const OP_DESC *d = select_desc(g, at, "##upsamp", "a", 1, 0, (char[]){ x.rate }, 1, &at);
    emit(g, d, &out, 1, &x, 1, 1, at);
    return out;
}

static char infer(CG *g, const NODE *n, char hint);
static SYM *array_sym(CG *g, const NODE *n);
static char index_rate(CG *g, const NODE *n);
static char arr_binop_rate(CG *g, const NODE *n, char a, char b);

/* The output rate to look for in a function call that names none.  Csound
 * gives a call the output of the first form whose inputs fit (its
 * resolve_opcode_get_outarg), not the rate its value is wanted at, and lists
 * i-rate forms first: with only i-rate or constant arguments the call is an
 * i-rate one (kx = rnd(10) draws once, at init; kx = random(0, 1) likewise).
 * Otherwise the wanted rate chooses, as before. */
static char call_hint(const char *name, const char *rates, int nin, char hint)
{
    if (nin < 1) return hint;
    for (int i = 0; i < nin; i++)
        if (rates[i] != 'i' && rates[i] != 'c') return hint;
    int nd, bad;
    const OP_DESC *const *ds = op_lookup(name, &nd);
    for (int i = 0; ds && i < nd; i++)
        if (!strcmp(ds[i]->out, "i") && ins_fit(ds[i], rates, nin, &bad) == 0) return 'i';
    return hint;
}

static OPERAND compile_call(CG *g, const NODE *n, char hint, const OPERAND *dest)
{
    int nin = n->nkids;
    char rates[OP_MAXIN + 4] = { 0 };
    if (nin > OP_MAXIN) cg_error(g, n, "'%s': too many arguments", n->name);
    for (int i = 0; i < nin; i++) rates[i] = infer(g, n->kids[i], 0);
    char want = n->rate ? n->rate : call_hint(n->name, rates, nin, hint);
    const OP_DESC *d;
    if (n->rate) d = select_desc(g, n, n->name, &want, 1, 0, rates, nin, (const NODE *const *)n->kids);
    else d = select_desc(g, n, n->name, NULL, 0, want, rates, nin, (const NODE *const *)n->kids);
    if (!d->out[0]) cg_error(g, n, "'%s' gives no value and cannot be used in an expression", n->name);
    OPERAND ins[OP_MAXIN + 4];
    const char *L = d->in;
    char last = 0;
    for (int i = 0; i < nin; i++) {
        char l = *L ? *L : last;
        ins[i] = compile_expr(g, n->kids[i], rank(rates[i]) ? rates[i] : (l == 'a' ? 'a' : 0), NULL);
        if (*L) { last = *L; L++; }
    }
    int ntot = nin;
    for (; *L && is_optional(*L); L++) ins[ntot++] = op_const(g, optional_default(*L));
    char orate = d->out[0] == 'm' ? 'a' : d->out[0] == 'z' ? 'k' : d->out[0];
    OPERAND out = result_slot(g, orate, dest);
    emit(g, d, &out, 1, ins, ntot, nin, n);
    return out;
}

/* A string where an operator wants numbers: an error naming the way Csound offers. */
static void string_misuse(CG *g, const NODE *op, const NODE *at) __attribute__((noreturn));
static void string_misuse(CG *g, const NODE *op, const NODE *at)
{
    if (op->kind == N_BINOP && (op->op == T_EQ || op->op == T_NE || op->op == T_LT || op->op == T_GT
                                || op->op == T_LE || op->op == T_GE))
        cg_error(g, at, "strings cannot be compared with '%.*s': use strcmp (strcmp(S1, S2) == 0)",
                 (int)strlen(lang_tokname(op->op)) - 2, lang_tokname(op->op) + 1);
    if (op->kind == N_COND && at == op->kids[0]) cg_error(g, at, "the condition of '?:' cannot be a string");
    if (op->kind == N_COND) cg_error(g, at, "'?:' cannot choose between a string and a number");
    cg_error(g, at, "a string cannot be used in arithmetic (strcat joins strings)");
}

static char infer(CG *g, const NODE *n, char hint);

/* c ? S1 : S2: 1 when the branches are strings (then checked: both, and the condition a number). */
static int string_cond(CG *g, const NODE *n, char hint)
{
    char a = infer(g, n->kids[1], hint), b = infer(g, n->kids[2], hint);
    if (a != 'S' && b != 'S') return 0;
    if (a != 'S' || b != 'S') string_misuse(g, n, a == 'S' ? n->kids[2] : n->kids[1]);
    char c = infer(g, n->kids[0], 0);
    if (c == 'S') string_misuse(g, n, n->kids[0]);
    if (c == 'a') cg_error(g, n->kids[0], "the condition of '?:' cannot be a-rate");
    return 1;
}

/* The array an element reference names. */
static SYM *array_sym(CG *g, const NODE *n)
{
    int global;
    name_rate(n->name, &global);
    SYM *s = find_sym(global ? &g->o->globalidx : &g->localidx, n->name);
    if (!s) undefined_var(g, n, n->name);
    if (!is_arr(s->rate)) cg_error(g, n, "'%s' is not an array", n->name);
    return s;
}

/* The rate of arr[i…]: the element's; an i-array read with a k index is k-rate. */
static char index_rate(CG *g, const NODE *n)
{
    SYM *s = array_sym(g, n);
    char r = elem_of(s->rate);
    if (n->nkids + 2 > OP_MAXIN) cg_error(g, n, "'%s': too many indices", n->name);
    for (int i = 0; i < n->nkids; i++) {
        char k = infer(g, n->kids[i], 0);
        if (k == 'a' || k == 'S' || is_arr(k)) cg_error(g, n->kids[i], "an array index must be i- or k-rate");
        if (k == 'k' && r == 'i') r = 'k';
    }
    return r;
}

/* The rate of a OP b when either is an array: an array of the fastest
 * operand's elements (as Csound's ##add.[k, ##mul.k[a… rows give). */
static char arr_binop_rate(CG *g, const NODE *n, char a, char b)
{
    if (n->op != T_PLUS && n->op != T_MINUS && n->op != T_STAR && n->op != T_SLASH && n->op != T_CARET)
        cg_error(g, n, "arrays can only be combined with + - * / ^");
    if (a == 'A' || b == 'A' || a == 'a' || b == 'a') return 'A';
    if (a == 'K' || b == 'K' || a == 'k' || b == 'k') return 'K';
    return 'D';
}

/* What rate an expression will have (no code is emitted). */
/* The rate of operator n given its operands' rates ka and kb. */
static char binop_rate(CG *g, const NODE *n, char ka, char kb)
{
    if (is_arr(ka) || is_arr(kb)) return arr_binop_rate(g, n, ka, kb);
    char r = 'c';
    if (rank(ka) > rank(r)) r = ka;
    if (rank(kb) > rank(r)) r = kb;
    double dummy;   /* foldable only for the operators fold() knows */
    if (r == 'c' && !(n->kids[0]->kind == N_NUM && n->kids[1]->kind == N_NUM
                      && fold(n->op, n->kids[0]->num, n->kids[1]->num, &dummy)))
        r = 'i';
    return r;
}

static char infer(CG *g, const NODE *n, char hint)
{
    switch (n->kind) {
    case N_NUM: return 'c';
    case N_STR: return 'S';
    case N_VAR: {
        int pidx, global;
        double v;
        if (is_pfield(n->name, &pidx)) return 'i';
        if (reserved_value(g->h, n->name, &v)) return 'c';
        name_rate(n->name, &global);
        SYM *s = find_sym(global ? &g->o->globalidx : &g->localidx, n->name);
        if (!s) undefined_var(g, n, n->name);
        return s->rate;
    }
    case N_INDEX:
        return index_rate(g, n);
    case N_BINOP: {   /* a chain a + b + c …, from its first operator up, in a loop */
        const NODE *b = ast_chain_first(n);
        char ka = infer(g, b->kids[0], hint);
        if (ka == 'S') string_misuse(g, b, b->kids[0]);
        for (;; b = b->up) {
            char kb = infer(g, b->kids[1], hint);
            if (kb == 'S') string_misuse(g, b, b->kids[1]);
            ka = binop_rate(g, b, ka, kb);
            if (b == n) return ka;
        }
    }
    case N_UNOP: case N_COND: {
        char r = 'c';
        if (n->kind == N_COND && string_cond(g, n, hint)) return 'S';
        int arr = 0;
        for (int i = 0; i < n->nkids; i++) {
            char k = infer(g, n->kids[i], hint);
            if (k == 'S') string_misuse(g, n, n->kids[i]);
            if (is_arr(k)) arr = 1;
            if (rank(k) > rank(r)) r = k;
        }
        if (arr) cg_error(g, n, "arrays can only be combined with + - * / ^");
        if (n->kind == N_COND && rank(r) == 0) r = 'i';
        if (n->kind != N_COND && r == 'c') r = 'i';
        return r;
    }
    case N_CALL: {
        int nin = n->nkids;
        char rates[OP_MAXIN + 4];
        if (nin > OP_MAXIN) cg_error(g, n, "'%s': too many arguments", n->name);
        for (int i = 0; i < nin; i++) rates[i] = infer(g, n->kids[i], 0);
        if (n->rate) {
            select_desc(g, n, n->name, &n->rate, 1, 0, rates, nin, (const NODE *const *)n->kids);
            return n->rate;
        }
        const OP_DESC *d = select_desc(g, n, n->name, NULL, 0, call_hint(n->name, rates, nin, hint), rates, nin,
                                       (const NODE *const *)n->kids);
        return d->out[0] == 'm' ? 'a' : d->out[0] == 'z' ? 'k' : d->out[0];
    }
    default:
        cg_error(g, n, "not an expression");
    }
}

/* Operator n on operands a and b (compiled), into dest or a temporary. */
static OPERAND compile_binop(CG *g, const NODE *n, OPERAND a, OPERAND b, const OPERAND *dest)
{
    double fv;
    if (a.rate == 'c' && b.rate == 'c' && fold(n->op, a.cval, b.cval, &fv)) return op_const(g, fv);
    if (a.rate == 'S' || b.rate == 'S') string_misuse(g, n, a.rate == 'S' ? n->kids[0] : n->kids[1]);
    if (is_arr(a.rate) || is_arr(b.rate)) {   /* element by element: ##add.[] and kin */
        char r = arr_binop_rate(g, n, a.rate, b.rate);
        char rates[2] = { a.rate, b.rate };
        const OP_DESC *d = select_desc(g, n, binop_name(n->op), &r, 1, 0, rates, 2, (const NODE *const *)n->kids);
        OPERAND ins[2] = { a, b };
        OPERAND out = result_slot(g, r, dest);
        emit(g, d, &out, 1, ins, 2, 2, n);
        return out;
    }
    OPERAND same;
    if (fold_identity(n->op, &a, &b, &same)) return same;
    char r = rank(a.rate) > rank(b.rate) ? a.rate : b.rate;
    if (r == 'c') r = 'i';
    if (r == 'a' && n->op != T_PLUS && n->op != T_MINUS && n->op != T_STAR && n->op != T_SLASH
        && n->op != T_PERCENT && n->op != T_CARET && n->op != T_BITAND && n->op != T_BITOR
        && n->op != T_HASH && n->op != T_SHL && n->op != T_SHR)
        cg_error(g, n, "'%.*s' on a-rate signals: conditions and comparisons must be i- or k-rate",
                 (int)strlen(lang_tokname(n->op)) - 2, lang_tokname(n->op) + 1);
    char rates[2] = { a.rate, b.rate };
    const NODE *const *kids = (const NODE *const *)n->kids;
    const OP_DESC *d = select_desc(g, n, binop_name(n->op), &r, 1, 0, rates, 2, kids);
    OPERAND ins[2] = { a, b };
    OPERAND out = result_slot(g, r, dest);
    emit(g, d, &out, 1, ins, 2, 2, n);
    return out;
}

static OPERAND compile_expr(CG *g, const NODE *n, char hint, const OPERAND *dest)
{
    switch (n->kind) {
    case N_NUM: {
        OPERAND o = op_const(g, n->num);
        if (n->name) o.name = n->name;    /* the literal as written */
        return o;
    }
    case N_STR: {
        OPERAND o = { 'S', REL_STRING, (uint32_t)string_index(g, n->name), 0, n->name };
        return o;
    }
    case N_VAR: {
        int pidx, global;
        double v;
        if (is_pfield(n->name, &pidx)) {
            if (pidx < 1 || pidx > EV_MAXP) cg_error(g, n, "p-field %s is out of range (p1…p%d)", n->name, EV_MAXP);
            if (pidx > g->t->max_p) g->t->max_p = pidx;
            OPERAND o = { 'i', REL_LOCAL, (uint32_t)(sizeof(double) * (size_t)pidx), 0, n->name };
            return o;
        }
        if (reserved_value(g->h, n->name, &v)) {
            OPERAND o = op_const(g, v);
            o.name = n->name;
            return o;
        }
        name_rate(n->name, &global);
        SYM *s = find_sym(global ? &g->o->globalidx : &g->localidx, n->name);
        if (!s) undefined_var(g, n, n->name);
        return sym_operand(g, n, s);
    }
    case N_CALL:
        return compile_call(g, n, hint, dest);
    case N_INDEX: {   /* arr[i…]: ##array_get arr, i… */
        char r = index_rate(g, n);
        SYM *s = array_sym(g, n);
        OPERAND ins[OP_MAXIN + 2];
        char rates[OP_MAXIN + 2];
        const NODE *at[OP_MAXIN + 2];
        ins[0] = sym_operand(g, n, s);
        at[0] = n;
        for (int i = 0; i < n->nkids; i++) {
            ins[i + 1] = compile_expr(g, n->kids[i], 0, NULL);
            at[i + 1] = n->kids[i];
        }
        for (int i = 0; i <= n->nkids; i++) rates[i] = ins[i].rate;
        const OP_DESC *d = select_desc(g, n, "##array_get", &r, 1, 0, rates, n->nkids + 1, at);
        OPERAND out = result_slot(g, r, dest);
        emit(g, d, &out, 1, ins, n->nkids + 1, n->nkids + 1, n);
        return out;
    }
    case N_UNOP: {
        OPERAND a = compile_expr(g, n->kids[0], hint, NULL);
        if (is_arr(a.rate)) cg_error(g, n, "arrays can only be combined with + - * / ^");
        if (a.rate == 'c' && n->op == T_MINUS) return op_const(g, -a.cval);
        if (a.rate == 'c' && n->op == T_NOT) return op_const(g, a.cval == 0);
        if (a.rate == 'c' && n->op == T_TILDE) return op_const(g, (double)~fold_int(a.cval));
        const char *nm = n->op == T_MINUS ? "##neg" : n->op == T_NOT ? "##not" : "##bitnot";
        char r = a.rate == 'c' ? 'i' : a.rate;
        const OP_DESC *d = select_desc(g, n, nm, &r, 1, 0, &a.rate, 1, (const NODE *const *)n->kids);
        OPERAND out = result_slot(g, r, dest);
        emit(g, d, &out, 1, &a, 1, 1, n);
        return out;
    }
    case N_BINOP: {   /* a chain a + b + c …, from its first operator up, in a loop */
        const NODE *op = ast_chain_first(n);
        OPERAND acc = compile_expr(g, op->kids[0], hint, NULL);
        for (;; op = op->up) {
            OPERAND b = compile_expr(g, op->kids[1], hint, NULL);
            acc = compile_binop(g, op, acc, b, op == n ? dest : NULL);
            if (op == n) return acc;
        }
    }
    case N_COND: {
        OPERAND c = compile_expr(g, n->kids[0], 0, NULL);
        OPERAND a = compile_expr(g, n->kids[1], hint, NULL);
        OPERAND b = compile_expr(g, n->kids[2], hint, NULL);
        if (is_arr(c.rate) || is_arr(a.rate) || is_arr(b.rate))
            cg_error(g, n, "arrays can only be combined with + - * / ^");
        if (c.rate == 'a') cg_error(g, n->kids[0], "the condition of '?:' cannot be a-rate");
        if (a.rate == 'S' || b.rate == 'S') {
            /* strings: Csound's =.S at i-time for an i-condition, #=.S in each k-cycle for a k one */
            string_cond(g, n, hint);
            char rates[3] = { c.rate, 'S', 'S' };
            const OP_DESC *d = select_desc(g, n, "##cond", (char[]){ 'S' }, 1, 0, rates, 3, (const NODE *const *)n->kids);
            OPERAND ins[3] = { c, a, b };
            OPERAND out = result_slot(g, 'S', dest);
            emit(g, d, &out, 1, ins, 3, 3, n);
            return out;
        }
        char r = rank(a.rate) > rank(b.rate) ? a.rate : b.rate;
        if (rank(c.rate) > rank(r)) r = c.rate;
        if (r == 'c') r = 'i';
        if (r == 'a') { a = to_audio(g, a, n->kids[1]); b = to_audio(g, b, n->kids[2]); }
        char rates[3] = { c.rate, a.rate, b.rate };
        const OP_DESC *d = select_desc(g, n, "##cond", &r, 1, 0, rates, 3, (const NODE *const *)n->kids);
        OPERAND ins[3] = { c, a, b };
        OPERAND out = result_slot(g, r, dest);
        emit(g, d, &out, 1, ins, 3, 3, n);
        return out;
    }
    default:
        cg_error(g, n, "not an expression");
    }
}

/* ---- statements ---- */

static int label_id(CG *g, const char *name, const NODE *at)
{
    intptr_t at2 = (intptr_t)nidx_get(&g->labelidx, name);
    if (at2) return (int)at2 - 1;
    if (g->nlabels == g->caplabels) {
        g->caplabels = g->caplabels ? g->caplabels * 2 : 16;
        g->labels = xrealloc(g->labels, sizeof *g->labels * (size_t)g->caplabels);
    }
    LABEL *l = &g->labels[g->nlabels];
    l->name = strdup(name);
    nidx_put(&g->labelidx, l->name, (void *)(intptr_t)(g->nlabels + 1));
    l->defined = 0;
    l->line = at->line;
    l->col = at->col;
    return g->nlabels++;
}

static int new_label(CG *g)
{
    char nm[32];
    snprintf(nm, sizeof nm, " L%d", g->nlabels);
    NODE dummy = { 0 };
    return label_id(g, nm, &dummy);
}

static void place_label(CG *g, int id)
{
    g->labels[id].defined = 1;
    add_ir(g, IR_LABEL)->label = id;
}

/* A jump taken in `pass` when cond's truth equals jump_if (cond NULL: always);
 * its IR, or NULL when it can never be taken. */
static IR *emit_jump(CG *g, int label, char pass, const OPERAND *cond, int jump_if, const NODE *at)
{
    if (cond && cond->rate == 'c') {
        if ((cond->cval != 0) != jump_if) return NULL;   /* never taken */
        cond = NULL;
    }
    IR *r = add_ir(g, IR_JUMP);
    r->label = label;
    r->pass = pass;
    r->line = at->line;
    r->col = at->col;
    if (cond) {
        r->cond_base = cond->base;
        r->cond_off = cond->off;
        r->jump_if = jump_if;
    }
    return r;
}

static char cond_pass(CG *g, const OPERAND *c, const NODE *at)
{
    if (c->rate == 'a') cg_error(g, at, "a condition cannot be a-rate");
    if (c->rate == 'S') cg_error(g, at, "a condition cannot be a string");
    return c->rate == 'k' ? 'k' : 'g';
}

static void compile_block(CG *g, const NODE *b);

/* arr[i…] = value (rhs compiled here, or val already computed):
 * ##array_set arr, value, i… — or ##array_init for `arr[i] init value`. */
static void compile_index_set(CG *g, const NODE *lhs, const NODE *rhs, const OPERAND *val, const NODE *at, int init)
{
    SYM *s = array_sym(g, lhs);
    char e = elem_of(s->rate);
    OPERAND ins[OP_MAXIN + 2];
    char rates[OP_MAXIN + 2];
    const NODE *an[OP_MAXIN + 2];
    if (lhs->nkids + 2 > OP_MAXIN) cg_error(g, lhs, "'%s': too many indices", lhs->name);
    ins[0] = sym_operand(g, lhs, s);
    an[0] = lhs;
    OPERAND v;
    if (val) {
        v = *val;
    } else {
        char want = infer(g, rhs, init ? 'i' : e);
        if (is_arr(want) || (want == 'S') != (e == 'S'))
            cg_error(g, rhs, "an element of '%s' can only be given %s", lhs->name, e == 'S' ? "a string" : "a number");
        if (e != 'S' && rank(want) > rank(init ? 'i' : e))
            cg_error(g, rhs, "cannot assign an %s-rate value to an element of the %s array '%s'", rate_name(want),
                     rate_name(s->rate), lhs->name);
        v = compile_expr(g, rhs, init && e != 'S' ? 'i' : e, NULL);
    }
    if (e == 'a' && !init) v = to_audio(g, v, at);
    ins[1] = v;
    an[1] = rhs ? rhs : at;
    for (int i = 0; i < lhs->nkids; i++) {
        char k = infer(g, lhs->kids[i], 0);
        if (k == 'a' || k == 'S' || is_arr(k)) cg_error(g, lhs->kids[i], "an array index must be i- or k-rate");
        ins[2 + i] = compile_expr(g, lhs->kids[i], 0, NULL);
        an[2 + i] = lhs->kids[i];
    }
    int nin = lhs->nkids + 2;
    for (int i = 0; i < nin; i++) rates[i] = ins[i].rate;
    if (!init && s->rate == 'D')
        for (int i = 1; i < nin; i++)
            if (rates[i] == 'k') cg_error(g, at, "Cannot set i-array at k-rate");
    const OP_DESC *d = select_desc(g, at, init ? "##array_init" : "##array_set", NULL, 0, 0, rates, nin, an);
    emit(g, d, ins, 0, ins, nin, nin, at);   /* no outputs */
}

/* ---- program control (Csound's OOps/goto_ops.c) ----
 * The statements that are only a jump, or mark where a reinit pass ends,
 * laid out by the compiler as chain steps (instr.h STEP_*); timout and
 * loop_lt & co. are opcodes deciding a jump through their label argument
 * (label_arg, op.h's `l`). */

typedef struct flow_stmt {
    const char *name;
    int ncond;          /* a condition before the label (1), none (0); no label either (-1) */
    char pass;          /* 'i', 'k', 'g' both; 'n': both for an i-rate condition, perf for k */
    int jump_if;
    int when;           /* WHEN_* */
    int kind;           /* IR_JUMP, IR_REINIT, IR_RIRETURN */
} FLOW_STMT;

static const FLOW_STMT flow_stmts[] = {
    { "cigoto", 1, 'i', 1, WHEN_ALWAYS, IR_JUMP },
    { "ckgoto", 1, 'k', 1, WHEN_ALWAYS, IR_JUMP },
    { "cggoto", 1, 'g', 1, WHEN_ALWAYS, IR_JUMP },
    { "cngoto", 1, 'n', 0, WHEN_ALWAYS, IR_JUMP },    /* Csound's ingoto checks for an i-rate condition */
    { "cnkgoto", 1, 'k', 0, WHEN_ALWAYS, IR_JUMP },
    { "rigoto", 0, 'i', 1, WHEN_REINIT, IR_JUMP },
    { "tigoto", 0, 'i', 1, WHEN_TIED, IR_JUMP },
    { "reinit", 0, 'k', 1, WHEN_ALWAYS, IR_REINIT },
    { "rireturn", -1, 'i', 1, WHEN_ALWAYS, IR_RIRETURN },
};

static const FLOW_STMT *flow_stmt(const char *name)
{
    for (size_t i = 0; i < sizeof flow_stmts / sizeof flow_stmts[0]; i++)
        if (!strcmp(flow_stmts[i].name, name)) return &flow_stmts[i];
    return NULL;
}

/* A label argument must be a bare name. */
static int label_of(CG *g, const NODE *n, const NODE *arg)
{
    if (arg->kind != N_VAR) cg_error(g, arg, "'%s': expected a label", n->name);
    return label_id(g, arg->name, arg);
}

/* The statement if it is one of flow_stmts (1), else 0. */
static int compile_flow_stmt(CG *g, const NODE *n)
{
    const FLOW_STMT *f = flow_stmt(n->name);
    if (!f) return 0;
    if (n->nouts) cg_error(g, n, "'%s' gives no value", n->name);
    int want = f->ncond < 0 ? 0 : f->ncond + 1;
    if (n->nkids != want) {
        if (n->nkids > want) cg_error(g, n->kids[want], "'%s': too many arguments (at most %d)", n->name, want);
        cg_error(g, n, "'%s' needs %s", n->name, f->ncond ? "a condition and a label" : "a label");
    }
    if (f->kind == IR_RIRETURN) {
        add_ir(g, IR_RIRETURN);
        return 1;
    }
    int id = label_of(g, n, n->kids[want - 1]);
    if (f->kind == IR_REINIT) {
        IR *r = add_ir(g, IR_REINIT);
        r->label = id;
        r->line = n->line;
        r->col = n->col;
        return 1;
    }
    OPERAND c;
    char pass = f->pass;
    if (f->ncond) {
        c = compile_expr(g, n->kids[0], 0, NULL);
        char cp = cond_pass(g, &c, n->kids[0]);
        if (pass == 'n') pass = cp;
    }
    IR *r = emit_jump(g, id, pass, f->ncond ? &c : NULL, f->jump_if, n);
    if (r) r->when = (char)f->when;
    return 1;
}

/* The index of the argument of n that is a label (an `l` in the signature
 * of every form of the opcode), or -1 when the opcode takes none; a missing
 * or misspelt label is an error. */
static int label_arg(CG *g, const NODE *n)
{
    int nd;
    const OP_DESC *const *ds = op_lookup(n->name, &nd);
    const char *l = ds ? strchr(ds[0]->in, 'l') : NULL;
    if (!l) return -1;
    int at = (int)(l - ds[0]->in);
    if (at >= n->nkids) cg_error(g, n, "'%s': missing its label (argument %d)", n->name, at + 1);
    if (n->kids[at]->kind != N_VAR) cg_error(g, n->kids[at], "'%s': argument %d must be a label", n->name, at + 1);
    return at;
}

static void compile_assign(CG *g, const NODE *n)
{
    if (n->nouts != 1) cg_error(g, n, "only one variable can be assigned with '='");
    const NODE *lhs = n->outs[0];
    const NODE *rhs = n->kids[0];
    int global;
    char r = name_rate(lhs->name, &global);
    SYM *existing = find_sym(global ? &g->o->globalidx : &g->localidx, lhs->name);
    (void)r;
    if (n->op != T_ASSIGN) {
        if (!existing) undefined_var(g, lhs, lhs->name);
        if ((n->op == T_PLUSEQ || n->op == T_MINUSEQ) && global && existing->rate == 'a') {
            /* Csound 6.18's ##addin/##subin (arith.c): in place over the note's active frames */
            OPERAND dst = sym_operand(g, lhs, existing);
            OPERAND v = compile_expr(g, rhs, 'a', NULL);
            const OP_DESC *d = select_desc(g, n, n->op == T_PLUSEQ ? "##addin" : "##subin", &existing->rate, 1, 0,
                                           &v.rate, 1, (const NODE *const *)n->kids);
            emit(g, d, &dst, 1, &v, 1, 1, n);
            return;
        }
        /* x op= e  is  x = x op e; the node lives on the stack, since a
         * compile error longjmps out of here (a malloc'd one leaked) */
        NODE bin;
        memset(&bin, 0, sizeof bin);
        NODE *kids[2] = { (NODE *)lhs, (NODE *)rhs };
        bin.kind = N_BINOP;
        bin.line = n->line;
        bin.col = n->col;
        bin.op = n->op == T_PLUSEQ ? T_PLUS : n->op == T_MINUSEQ ? T_MINUS : n->op == T_STAREQ ? T_STAR : T_SLASH;
        bin.kids = kids;
        bin.nkids = 2;
        NODE as = *n;
        NODE *rk[1] = { &bin };
        as.op = T_ASSIGN;
        as.kids = rk;
        compile_assign(g, &as);
        return;
    }
    if (lhs->kind == N_INDEX) {
        compile_index_set(g, lhs, rhs, NULL, n, 0);
        return;
    }
    SYM *s = declare_out(g, lhs);
    if (is_arr(s->rate)) {   /* whole array: copy (=._), fill with a scalar (=.X), or computed in place */
        char want = infer(g, rhs, s->rate);
        if (want == 'S') cg_error(g, rhs, "a string cannot be assigned to the array '%s'", s->name);
        if (is_arr(want) ? (elem_of(want) == 'a') != (s->rate == 'A') || (s->rate == 'D' && want != 'D')
                               || (want == 'Q') != (s->rate == 'Q')
                         : s->rate == 'Q' || rank(want) > rank(elem_of(s->rate)))
            cg_error(g, rhs, "cannot assign %s %s value to the %s array '%s'", is_arr(want) ? "an" : "an",
                     rate_name(want), rate_name(s->rate), s->name);
        OPERAND dst = sym_operand(g, lhs, s);
        OPERAND v = compile_expr(g, rhs, s->rate, &dst);
        if (v.base == dst.base && v.off == dst.off && v.rate == dst.rate) return;
        const OP_DESC *d = select_desc(g, n, "=", &s->rate, 1, 0, &v.rate, 1, (const NODE *const *)n->kids);
        emit(g, d, &dst, 1, &v, 1, 1, n);
        return;
    }
    char want = infer(g, rhs, s->rate);
    if (is_arr(want)) cg_error(g, rhs, "cannot assign an array to the scalar variable '%s'", s->name);
    if (s->rate == 'S' && want == 'a')
        cg_error(g, rhs, "cannot assign an a-rate value to the string variable '%s'", s->name);
    if (s->rate == 'S' && want == 'k')   /* Csound's =.T takes an i-value: a string p-field or a strset index */
        cg_error(g, rhs, "cannot assign a k-rate value to the string variable '%s' (use strcpyk or sprintfk)", s->name);
    if (s->rate != 'S' && want == 'S')
        cg_error(g, rhs, "cannot assign a string to the %s-rate variable '%s'", rate_name(s->rate), s->name);
    if (s->rate != 'S' && rank(want) > rank(s->rate))
        cg_error(g, rhs, "cannot assign an %s-rate value to the %s-rate variable '%s'", rate_name(want),
                 rate_name(s->rate), s->name);
    OPERAND dst = sym_operand(g, lhs, s);
    OPERAND v = compile_expr(g, rhs, s->rate, &dst);
    if (v.base == dst.base && v.off == dst.off && v.rate == dst.rate) return;   /* computed in place */
    const OP_DESC *d = select_desc(g, n, "=", &s->rate, 1, 0, &v.rate, 1, (const NODE *const *)n->kids);
    emit(g, d, &dst, 1, &v, 1, 1, n);
}

/* ftgen's GEN, when written as a constant, must be one ondes has: said at
 * compile time, with every other error, not when the code runs. */
static void check_gen(CG *g, const NODE *n)
{
    if (strcmp(n->name, "ftgen") && strcmp(n->name, "ftgenonce") && strcmp(n->name, "ftgentmp")) return;
    if (n->nkids < 4) return;
    const NODE *a = n->kids[3];
    double v = a->kind == N_NUM ? a->num : 0;
    if (a->kind == N_STR)
        cg_error(g, a, "named GEN \"%s\" is not supported (ondes has GEN %s)", a->name, ftable_gen_list());
    if (a->kind == N_NUM && !ftable_gen_known(v >= -1000 && v <= 1000 ? (int)v : 0))
        cg_error(g, a, "GEN %g is not supported (ondes has GEN %s)", v, ftable_gen_list());
}

/* ---- xin, xout, setksmps ---- */

/* A UDO's type letter as its declaration wrote it ('k', 'k[]'…); buf holds 2. */
static const char *udo_type_text(char L, char *buf)
{
    if (is_arr(L)) return rate_name(L);
    buf[0] = L;
    buf[1] = 0;
    return buf;
}

/* The rate a UDO's type letter gives its variable. */
static char udo_letter_rate(char L)
{
    return L == 'a' || L == 'S' || is_arr(L) ? L : strchr("kOPVJ", L) ? 'k' : 'i';
}

static OPERAND udo_frame_operand(CG *g)
{
    OPERAND o = { 'i', REL_LOCAL, g->t->udo_frame, 0, "" };
    return o;
}

/* xin and xout lay out any number of arguments and a frame pointer. */
static const OP_DESC xin_desc = { "xin", "", "", sizeof(OP) + sizeof(OP_ARG) * (OP_MAXIN + 1), eng_xin_init, NULL,
                                  OP_ARGS_IN(OP_MAXIN + 1), NULL, NULL };
static const OP_DESC xout_desc = { "xout", "", "", sizeof(OP) + sizeof(OP_ARG) * (OP_MAXOUT + 1), eng_xout_init,
                                   NULL, OP_ARGS_IN(OP_MAXOUT + 1), NULL, NULL };

/* A local variable of a given rate whatever its name (a new-style UDO's
 * parameter, `x:k`). */
static SYM *declare_typed(CG *g, const NODE *at, const char *name, char rate)
{
    int global;
    char r = name_rate(name, &global);
    if (r == rate && !global) return declare(g, at, name);
    SYM *s = find_sym(&g->localidx, name);
    if (s) return s;
    if (global) cg_error(g, at, "a parameter cannot be a global variable ('%s')", name);
    s = calloc(1, sizeof *s);
    s->name = strdup(name);
    s->rate = rate;
    s->off = new_var(g, rate).off;
    s->next = g->locals;
    g->locals = s;
    nidx_put(&g->localidx, s->name, s);
    return s;
}

/* outs xin: the opcode's inputs, as many and of the rates it declares. */
static void compile_xin(CG *g, const NODE *n)
{
    UDO_DEF *u = g->udo;
    if (!u) cg_error(g, n, "'xin' is only allowed inside a user-defined opcode (opcode … endop)");
    if (n->nkids) cg_error(g, n->kids[0], "'xin' takes no arguments: its outputs receive the opcode's inputs");
    if (n->nouts != u->nin)
        cg_error(g, n, "'xin' has %d output%s, but '%s' declares %d input%s (%s)", n->nouts,
                 n->nouts == 1 ? "" : "s", u->name, u->nin, u->nin == 1 ? "" : "s", u->node->outs[1]->name);
    OPERAND outs[OP_MAXIN + 1];
    for (int i = 0; i < n->nouts; i++) {
        const NODE *o = n->outs[i];
        char want = udo_letter_rate(u->in[i]);
        SYM *s = o->str2 ? declare_typed(g, o, o->name, want) : declare_out(g, o);
        if (s->rate != want)
            cg_error(g, o, "'xin': output %d ('%s') must be %s-rate, as '%s' declares its input %d ('%s'), not %s-rate",
                     i + 1, o->name, rate_name(want), u->name, i + 1, udo_type_text(u->in[i], (char[2]){ 0 }),
                     rate_name(s->rate));
        outs[i] = sym_operand(g, o, s);
    }
    OPERAND fr = udo_frame_operand(g);
    emit(g, &xin_desc, outs, n->nouts, &fr, 1, 1, n);
}

/* xout args: the opcode's outputs, as many and of the rates it declares. */
static void compile_xout(CG *g, const NODE *n)
{
    UDO_DEF *u = g->udo;
    if (!u) cg_error(g, n, "'xout' is only allowed inside a user-defined opcode (opcode … endop)");
    if (n->nouts) cg_error(g, n, "'xout' gives no value: its arguments are the opcode's outputs");
    int nd = (int)strlen(u->out);
    if (n->nkids != nd)
        cg_error(g, n, "'xout' has %d argument%s, but '%s' declares %d output%s (%s)", n->nkids,
                 n->nkids == 1 ? "" : "s", u->name, nd, nd == 1 ? "" : "s", u->node->outs[0]->name);
    OPERAND ins[OP_MAXOUT + 1];
    for (int i = 0; i < nd; i++) {
        char want = udo_letter_rate(u->out[i]);
        char r = infer(g, n->kids[i], want);
        int ok = is_arr(want) ? r == want || (want == 'K' && r == 'D') : want == 'a' ? r == 'a' : want == 'S' ? r == 'S'
               : want == 'k' ? (r == 'k' || r == 'i' || r == 'c') : (r == 'i' || r == 'c');
        if (!ok)
            cg_error(g, n->kids[i], "'xout': argument %d must be %s-rate, as '%s' declares its output %d ('%s'), got %s-rate",
                     i + 1, rate_name(want), u->name, i + 1, udo_type_text(u->out[i], (char[2]){ 0 }), rate_desc(r));
        ins[i] = compile_expr(g, n->kids[i], want == 'a' || want == 'S' || is_arr(want) ? want : (rank(r) ? r : 0), NULL);
    }
    ins[nd] = udo_frame_operand(g);
    emit(g, &xout_desc, NULL, 0, ins, nd + 1, nd + 1, n);
}

static int const_eval(const NODE *n, double *v);

/* setksmps N: read before the opcode compiles (udo_local_ksmps); here only checked. */
static void compile_setksmps(CG *g, const NODE *n)
{
    double v;
    if (!g->udo) cg_error(g, n, "'setksmps' is supported only inside user-defined opcodes (opcode … endop)");
    if (n->nouts || n->nkids != 1 || !const_eval(n->kids[0], &v))
        cg_error(g, n, "'setksmps' takes one constant: the opcode's ksmps");
}

static void compile_opcode(CG *g, const NODE *n)
{
    int nout = n->nouts, nin = n->nkids;
    if (nout > OP_MAXOUT || nin > OP_MAXIN) cg_error(g, n, "'%s': too many arguments", n->name);
    char orates[OP_MAXOUT + 1] = { 0 }, irates[OP_MAXIN + 4] = { 0 };
    int nd;
    if (!strcmp(n->name, "xin")) { compile_xin(g, n); return; }
    if (!strcmp(n->name, "xout")) { compile_xout(g, n); return; }
    if (!strcmp(n->name, "setksmps")) { compile_setksmps(g, n); return; }
    if (!lookup_ops(g, n->name, &nd)) cg_error(g, n, "unknown opcode '%s'", n->name);
    check_gen(g, n);
    if (nout == 1 && n->outs[0]->kind == N_INDEX && !strcmp(n->name, "init") && nin == 1) {
        compile_index_set(g, n->outs[0], n->kids[0], NULL, n, 1);   /* arr[i] init x: ##array_init */
        return;
    }
    SYM *outsyms[OP_MAXOUT + 1];
    for (int i = 0; i < nout; i++) {
        if (n->outs[i]->kind == N_INDEX) {   /* an element: a temporary, then ##array_set */
            outsyms[i] = NULL;
            orates[i] = index_rate(g, n->outs[i]);
            continue;
        }
        outsyms[i] = declare_out(g, n->outs[i]);
        orates[i] = outsyms[i]->rate;
    }
    int lab = label_arg(g, n);
    for (int i = 0; i < nin; i++) irates[i] = i == lab ? 'l' : infer(g, n->kids[i], 0);
    const OP_DESC *d = select_desc(g, n, n->name, orates, nout, 0, irates, nin, (const NODE *const *)n->kids);
    if (nout == 0 && d->out[0] && d->out[0] != 'm' && d->out[0] != 'z' && d->out[0] != 'I')
        cg_error(g, n, "'%s' gives a value: assign it to a variable", n->name);
    OPERAND ins[OP_MAXIN + 4], outs[OP_MAXOUT + 1] = { { 0 } };
    const char *L = d->in;
    char last = 0;
    for (int i = 0; i < nin; i++) {
        char l = *L ? *L : last;
        if (i == lab) ins[i] = new_var(g, 'k');   /* the jump flag the opcode sets */
        else ins[i] = compile_expr(g, n->kids[i], l == 'a' || l == 'y' ? 'a' : (rank(irates[i]) ? irates[i] : 0), NULL);
        if (*L) { last = *L; L++; }
    }
    if ((d->flags & OPF_INOUT0) && (n->kids[0]->kind != N_VAR || ins[0].base == REL_CONST))
        cg_error(g, n->kids[0], "'%s': the first argument must be a variable (the opcode changes it)", n->name);
    int ntot = nin;
    for (; *L && is_optional(*L); L++) ins[ntot++] = op_const(g, optional_default(*L));
    for (int i = 0; i < nout; i++) {
        if (!outsyms[i]) {
            outs[i] = new_var(g, orates[i]);
            continue;
        }
        outs[i] = sym_operand(g, n->outs[i], outsyms[i]);
    }
    emit(g, d, outs, nout, ins, ntot, nin, n);
    if (lab >= 0) {   /* jump where the opcode's init or perf says so */
        const IR *r = &g->ir[g->nir - 1];
        char pass = r->init && r->perf ? 'g' : r->init ? 'i' : 'k';
        emit_jump(g, label_of(g, n, n->kids[lab]), pass, &ins[lab], 1, n);
    }
    for (int i = 0; i < nout; i++)
        if (!outsyms[i]) compile_index_set(g, n->outs[i], NULL, &outs[i], n, 0);
}

/* Named parameters, the rule of doc/osc.md ("Named parameters"), which
 * python/ondes/instr.py (_find_params) implements too and
 * tests/data/param_cases.txt checks on both sides: `NAME = pN` or
 * `NAME init pN`, NAME a local i- or k-variable, pN (parentheses allowed) a
 * bare p-field from p4 on.  The first such statement of a name fixes its
 * p-field; the parameter is k-rate (changed by /set and /automate while the
 * note plays) if a k-variable NAME is assigned that p-field with '=', which
 * re-reads it every k-cycle; otherwise it is read at i-time only. */
static void note_param(CG *g, const NODE *n)
{
    int dyn;
    if (n->kind == N_ASSIGN && n->op == T_ASSIGN) dyn = 1;
    else if (n->kind == N_OPCODE && !strcmp(n->name, "init")) dyn = 0;
    else return;
    if (n->nouts != 1 || n->nkids != 1 || n->outs[0]->kind != N_VAR || n->outs[0]->rate == '['
        || n->kids[0]->kind != N_VAR)
        return;
    const char *name = n->outs[0]->name;
    int global, pidx;
    char r = name_rate(name, &global);
    if (global || (r != 'i' && r != 'k') || !is_pfield(n->kids[0]->name, &pidx) || pidx < 4 || pidx > EV_MAXP)
        return;
    INSTR_TMPL *t = g->t;
    for (int i = 0; i < t->nparams; i++)
        if (!strcmp(t->params[i].name, name)) {
            if (dyn && r == 'k' && t->params[i].pindex == pidx) t->params[i].rate = 'k';
            return;
        }
    t->params = xrealloc(t->params, sizeof *t->params * (size_t)(t->nparams + 1));
    t->params[t->nparams].name = strdup(name);
    t->params[t->nparams].pindex = pidx;
    t->params[t->nparams].rate = dyn && r == 'k' ? 'k' : 'i';
    t->params[t->nparams].dflt = 0;
    t->nparams++;
}

static int const_eval(const NODE *n, double *v);

/* pset icon1 [, icon2 …] (Csound's psetdata): no step, the values a note's
 * p-fields from p3 on take when its event does not give them. */
static void compile_pset(CG *g, const NODE *n)
{
    if (n->nouts) cg_error(g, n, "'pset' gives no value");
    if (n->nkids > EV_MAXP) cg_error(g, n, "'pset': too many values (at most %d)", EV_MAXP);
    INSTR_TMPL *t = g->t;
    if (t->pset) cg_error(g, n, "'pset' is given twice in one instrument");
    t->pset = calloc((size_t)n->nkids + 1, sizeof(double));
    for (int i = 0; i < n->nkids; i++)
        if (!const_eval(n->kids[i], &t->pset[i])) cg_error(g, n->kids[i], "'pset': value %d must be a constant", i + 1);
    t->npset = n->nkids;
}

/* After a statement failed (or could not be parsed): its outputs are
 * declared with the rate their names give them, so their uses do not each
 * report "undefined variable" (one mistake, one error). */
static void poison_outputs(CG *g, const NODE *n)
{
    if (n->kind != N_ASSIGN && n->kind != N_OPCODE) return;
    for (int i = 0; i < n->nouts; i++) {
        const NODE *o = n->outs[i];
        int global, pidx;
        double v;
        if (o->kind != N_VAR || !o->name || !name_rate(o->name, &global) || is_pfield(o->name, &pidx)
            || reserved_value(g->h, o->name, &v) || is_opcode_cb(o->name, g->o))
            continue;
        declare(g, o, o->name);
    }
}

static void compile_stmt(CG *g, const NODE *n)
{
    if (n->kind == N_OPCODE && !n->name[0]) {   /* a statement the parser could not read (parser.h) */
        poison_outputs(g, n);
        if (n->str2 && !lang_is_opcode(n->str2)) cg_error(g, n, "unknown opcode '%s'", n->str2);
        return;
    }
    switch (n->kind) {
    case N_ASSIGN:
        note_param(g, n);
        compile_assign(g, n);
        break;
    case N_OPCODE:
        if (!strcmp(n->name, "pset")) {
            compile_pset(g, n);
            break;
        }
        if (compile_flow_stmt(g, n)) break;
        note_param(g, n);
        compile_opcode(g, n);
        break;
    case N_LABEL: {
        int id = label_id(g, n->name, n);
        if (g->labels[id].defined) cg_error(g, n, "label '%s' is defined twice", n->name);
        place_label(g, id);
        break;
    }
    case N_GOTO: {
        /* `if c goto l` is Csound's cggoto, `if c igoto l` cigoto, `if c
         * kgoto l` ckgoto: the goto's own passes, whatever the condition's
         * rate (Csound's create_goto_token; a k-rate condition read at
         * i-time holds what the last k-cycle left there: 0 in a note's
         * init, the last value in a reinit) */
        int id = label_id(g, n->name, n->nouts ? n->outs[0] : n);
        if (n->nkids) {
            OPERAND c = compile_expr(g, n->kids[0], 0, NULL);
            cond_pass(g, &c, n->kids[0]);
            emit_jump(g, id, n->rate, &c, 1, n);
        } else {
            emit_jump(g, id, n->rate, NULL, 1, n);
        }
        break;
    }
    case N_IF: {
        /* Each condition's branch is Csound's cngoto past its block: an
         * i-rate condition jumps in both passes (the k-pass takes the
         * branch the i-pass took), a k-rate one only at perf, so the init
         * pass runs the init of every block after a k-rate condition
         * until an i-rate one decides; the jump to the end is a goto
         * after an i-rate condition's block, a kgoto after a k-rate one's
         * (Csound's expand_if_statement, checked with csound 6.18). */
        int end = new_label(g);
        int i = 0;
        for (; i + 1 < n->nkids; i += 2) {
            OPERAND c = compile_expr(g, n->kids[i], 0, NULL);
            char pass = cond_pass(g, &c, n->kids[i]);
            int next = new_label(g);
            /* `ithen` is Csound's cingoto: an i-rate condition jumps at
             * i-time only, a k-rate one never */
            if (n->kids[i + 1]->rate != 'i') emit_jump(g, next, pass, &c, 0, n->kids[i]);
            else if (pass == 'g') emit_jump(g, next, 'i', &c, 0, n->kids[i]);
            compile_block(g, n->kids[i + 1]);
            if (i + 2 < n->nkids) emit_jump(g, end, pass, NULL, 1, n);
            place_label(g, next);
        }
        if (i < n->nkids) compile_block(g, n->kids[i]);
        place_label(g, end);
        break;
    }
    case N_WHILE: {
        /* Csound's expand_until_statement: the test leaves the loop in
         * both passes for an i-rate condition (cggoto / cngoto), at perf
         * for a k-rate one; the jump back is an igoto or a kgoto, so an
         * i-rate loop runs at i-time only and its body's perf code is
         * skipped (the condition still says "leave") */
        int top = new_label(g), end = new_label(g);
        place_label(g, top);
        OPERAND c = compile_expr(g, n->kids[0], 0, NULL);
        char pass = cond_pass(g, &c, n->kids[0]);
        emit_jump(g, end, pass, &c, n->op ? 1 : 0, n);
        compile_block(g, n->kids[1]);
        emit_jump(g, top, pass == 'k' ? 'k' : 'i', NULL, 1, n);
        place_label(g, end);
        break;
    }
    case N_BLOCK:
        compile_block(g, n);
        break;
    default:
        cg_error(g, n, "unexpected statement");
    }
}

/* Each statement under a recovery point: after an error (reported) the next one is compiled. */
static void compile_block(CG *g, const NODE *b)
{
    jmp_buf here, *outer = g->stmt;
    for (volatile int i = 0; i < b->nkids; i++) {
        g->stmt = &here;
        if (setjmp(here) == 0) compile_stmt(g, b->kids[i]);
        else poison_outputs(g, b->kids[i]);
    }
    g->stmt = outer;
}

/* Lay the IR out as the init chain and the perf chain, resolving labels per
 * chain: pos gets each label's step in this chain; a reinit step (perf) goes
 * to its label's step in the init chain, initpos. */
static CHAIN_STEP *build_chain(CG *g, int perf, int *count, int *pos, const int *initpos)
{
    CHAIN_STEP *ch = calloc((size_t)g->nir + 1, sizeof *ch);
    int n = 0;
    for (int i = 0; i < g->nir; i++) {
        IR *r = &g->ir[i];
        if (r->kind == IR_LABEL) {
            pos[r->label] = n;
        } else if (r->kind == IR_OP) {
            if (perf ? r->perf != NULL : r->init != NULL) {
                CHAIN_STEP *s = &ch[n++];
                s->op_off = r->op_off;
                s->cond_base = -1;
                if (perf) s->fn = r->perf;
                else s->ifn = r->init;
            }
        } else if (r->kind == IR_REINIT || r->kind == IR_RIRETURN) {
            if (perf == (r->kind == IR_REINIT)) {
                CHAIN_STEP *s = &ch[n++];
                s->kind = r->kind == IR_REINIT ? STEP_REINIT : STEP_RIRETURN;
                s->target = perf ? initpos[r->label] : 0;
                s->cond_base = -1;
            }
        } else if (r->pass == 'g' || r->pass == (perf ? 'k' : 'i')) {
            CHAIN_STEP *s = &ch[n++];
            s->kind = STEP_JUMP;
            s->when = (int8_t)r->when;
            s->target = r->label;    /* patched below */
            s->cond_base = (int8_t)r->cond_base;
            s->cond_off = r->cond_off;
            s->jump_if = (int8_t)r->jump_if;
            s->line = r->line;
        }
    }
    for (int i = 0; i < n; i++)
        if (!ch[i].fn && !ch[i].ifn && ch[i].kind == STEP_JUMP) ch[i].target = pos[ch[i].target];
    *count = n;
    return ch;
}

/* An instrument's code, or (udo, with its template made ahead so that
 * recursive calls can name it) a user-defined opcode's, to a template. */
static INSTR_TMPL *compile_body(LANG_ORCH *o, const LANG_HEADER *h, const NODE *body, const char *file,
                                const char *name, int num, UDO_DEF *udo, INSTR_TMPL *made, char *err, size_t errlen)
{
    CG *g = calloc(1, sizeof *g);
    g->o = o;
    g->h = h;
    g->file = file;
    g->err = err;
    g->errlen = errlen;
    g->udo = udo;
    g->t = made ? made : calloc(1, sizeof *g->t);
    g->t->name = strdup(name);
    g->t->num = num;
    img_alloc(g, sizeof(double) * (EV_MAXP + 1), 16);   /* p-fields */
    if (udo) {
        g->t->udo_ksmps = h->ksmps;
        g->t->udo_frame = img_alloc(g, sizeof(UDO_FRAME), 16);
    }
    volatile int ok = 0;
    if (setjmp(g->fail) == 0) {
        if (udo && udo->node->nkids > 1) {   /* new style: the parameters are set as by an xin */
            NODE x = { .kind = N_OPCODE, .line = udo->node->line, .col = udo->node->col, .name = "xin",
                       .outs = udo->node->kids[1]->kids, .nouts = udo->node->kids[1]->nkids };
            compile_xin(g, &x);
        }
        compile_block(g, body);
        for (int i = 0; i < g->nlabels; i++)
            if (!g->labels[i].defined && g->labels[i].name[0] != ' ') {   /* ' L3': an if's own, left by an error */
                NODE at = { .line = g->labels[i].line, .col = g->labels[i].col };
                cg_report(g, &at, "undefined label '%s'", g->labels[i].name);
            }
    }
    if (!g->nerrs) {
        g->t->sconst = calloc((size_t)g->t->nstrs + 1, sizeof *g->t->sconst);
        for (int i = 0; i < g->t->nstrs; i++) {
            g->t->sconst[i].data = g->t->strs[i];
            g->t->sconst[i].size = (int)strlen(g->t->strs[i]) + 1;
        }
        int *initpos = calloc((size_t)g->nlabels + 1, sizeof *initpos);
        int *perfpos = calloc((size_t)g->nlabels + 1, sizeof *perfpos);
        g->t->init = build_chain(g, 0, &g->t->ninit, initpos, NULL);
        g->t->perf = build_chain(g, 1, &g->t->nperf, perfpos, initpos);
        free(initpos);
        free(perfpos);
        /* the names array is final now: point each OP at its names */
        for (int i = 0; i < g->nir; i++)
            if (g->ir[i].kind == IR_OP)
                ((OP *)(g->img + g->ir[i].op_off))->argnames = (const char *const *)g->t->argnames + g->ir[i].argnames;
        ok = 1;
    }
    INSTR_TMPL *t = g->t;
    t->arena_used = (uint32_t)((g->used + 63) & ~(size_t)63);
    t->image = g->img;
    g->img = NULL;
    t->relocs = g->rel;
    t->nrelocs = g->nrel;
    free(g->ir);
    for (int i = 0; i < g->nlabels; i++) free(g->labels[i].name);
    free(g->labels);
    nidx_free(&g->labelidx);
    nidx_free(&g->localidx);
    nidx_free(&g->stridx);
    for (SYM *s = g->locals; s;) { SYM *nx = s->next; free(s->name); free(s); s = nx; }
    free(g->img);
    free(g);
    if (!ok) { instr_tmpl_free(t); return NULL; }
    return t;
}

static INSTR_TMPL *compile_instr(LANG_ORCH *o, const LANG_HEADER *h, const NODE *body, const char *file,
                                 const char *name, int num, char *err, size_t errlen)
{
    return compile_body(o, h, body, file, name, num, NULL, NULL, err, errlen);
}

/* ---- user-defined opcodes ---- */

/* The opcode's setksmps value (0: none), found before its code compiles,
 * since its a-rate variables are blocks of that size. */
static const NODE *find_setksmps(const NODE *n)
{
    if (!n) return NULL;
    if (n->kind == N_OPCODE && n->name && !strcmp(n->name, "setksmps")) return n;
    for (int i = 0; i < n->nkids; i++) {
        if (n->kind != N_BLOCK && n->kind != N_IF && n->kind != N_WHILE) break;
        const NODE *f = find_setksmps(n->kids[i]);
        if (f) return f;
    }
    return NULL;
}

/* The template of u for callers running at h->ksmps with the call's iksmps
 * (0: none): made once, kept in o->utm. */
static INSTR_TMPL *udo_template(LANG_ORCH *o, const LANG_HEADER *h, UDO_DEF *u, int iks, const NODE *at,
                                char *err, size_t errlen)
{
    for (int i = 0; i < o->nutm; i++)   /* NULL: it failed, and said why, once */
        if (o->utm[i].def == u && o->utm[i].ksmps == h->ksmps && o->utm[i].iksmps == iks) return o->utm[i].t;
    LANG_HEADER hl = *h;
    int base = iks ? iks : h->ksmps;
    hl.ksmps = base;
    const NODE *sk = find_setksmps(u->node->kids[0]);
    double v;
    if (sk && sk->nkids == 1 && const_eval(sk->kids[0], &v) && v != 0) {
        if (!(v >= 1 && v <= base && v == floor(v) && base % (int)v == 0)) {
            lang_err_add(err, errlen, u->file, sk->line, sk->col,
                         "setksmps: invalid ksmps %g (it must divide the caller's ksmps, %d)", v, base);
            return NULL;
        }
        hl.ksmps = (int)v;
    }
    hl.kr = hl.sr / hl.ksmps;
    if (o->nutm == o->caputm) {
        o->caputm = o->caputm ? o->caputm * 2 : 16;
        o->utm = xrealloc(o->utm, sizeof *o->utm * (size_t)o->caputm);
    }
    int k = o->nutm++;
    INSTR_TMPL *t = calloc(1, sizeof *t);
    o->utm[k] = (UDO_TMPL){ u, h->ksmps, iks, t };
    (void)at;
    if (!compile_body(o, &hl, u->node->kids[0], u->file, u->name, 0, u, t, err, errlen)) {
        o->utm[k].t = NULL;   /* freed by compile_body; the compile that asked fails */
        return NULL;
    }
    return t;
}

/* Forget the UDOs defined and compiled since a failed compile began. */
static void udo_rollback(LANG_ORCH *o, int nudos, int nutm)
{
    for (int i = nutm; i < o->nutm; i++) instr_tmpl_free(o->utm[i].t);
    o->nutm = nutm;
    for (int i = nudos; i < o->nudos; i++) {
        UDO_DEF *u = o->udos[i];
        free(u->name);
        free(u->out);
        free(u->in);
        free(u->file);
        free(u);
    }
    o->nudos = nudos;
}

/* A type list to letters: "0" is none; K is k; arrays, f-signals and
 * strings are refused with their position.  Returns the count or -1. */
static int udo_parse_types(const NODE *at, int outputs, char *letters, int max, const char *file, char *err,
                           size_t errlen)
{
    const char *s = at->name;
    int n = 0;
    letters[0] = 0;
    if (!strcmp(s, "0")) return 0;
    for (int i = 0; s[i]; i++) {
        char c = s[i];
        const char *why = NULL;
        if (s[i + 1] == '[') {   /* an array: its descriptor's letter (D i[], K k[], A a[], Q S[]) */
            if (s[i + 2] != ']' || !strchr("ikaS", c)) {
                lang_err_add(err, errlen, file, at->line, at->col + i, "arrays of '%c' cannot be %s of an opcode", c,
                             outputs ? "outputs" : "inputs");
                return -1;
            }
            if (n == max) {
                lang_err_add(err, errlen, file, at->line, at->col, "too many %s (at most %d)",
                             outputs ? "outputs" : "inputs", max);
                return -1;
            }
            letters[n++] = arr_of(c == 'i' ? 'i' : c);
            i += 2;
            continue;
        }
        if (c == 'f') why = "f-signal arguments to user-defined opcodes are not supported";
        else if (!strchr(outputs ? "akiKS" : "akiKSOPVJopj", c)) {
            char msg[160];
            snprintf(msg, sizeof msg, "unknown type '%c' in the opcode's %s types (allowed: %s)", c,
                     outputs ? "output" : "input", outputs ? "a, k, i, K, S" : "a, k, i, K, S, O, P, V, J, o, p, j");
            lang_err_add(err, errlen, file, at->line, at->col + i, "%s", msg);
            return -1;
        }
        if (why) {
            lang_err_add(err, errlen, file, at->line, at->col + i, "%s", why);
            return -1;
        }
        if (n == max) {
            lang_err_add(err, errlen, file, at->line, at->col, "too many %s (at most %d)", outputs ? "outputs" : "inputs",
                         max);
            return -1;
        }
        letters[n++] = c == 'K' ? 'k' : c;
    }
    letters[n] = 0;
    return n;
}

/* Make the descriptors of the UDOs a parsed text defines (every bad one reported, -1 then). */
static int udo_register(LANG_ORCH *o, const NODE *top, const char *file, char *err, size_t errlen)
{
    int bad = 0;
    for (int i = 0; i < top->nkids; i++) {
        const NODE *d = top->kids[i];
        if (d->kind != N_UDO) continue;
        char out[OP_MAXOUT + 1], in[OP_MAXIN + 1];
        int nout = udo_parse_types(d->outs[0], 1, out, OP_MAXOUT, file, err, errlen);
        int nin = udo_parse_types(d->outs[1], 0, in, OP_MAXIN - 1, file, err, errlen);
        if (nout < 0 || nin < 0) {
            bad++;
            continue;
        }
        if (!strcmp(d->name, "xin") || !strcmp(d->name, "xout") || !strcmp(d->name, "setksmps")) {
            lang_err_add(err, errlen, file, d->line, d->col, "'%s' cannot be redefined", d->name);
            bad++;
            continue;
        }
        in[nin] = 'o';   /* Csound's hidden iksmps */
        in[nin + 1] = 0;
        UDO_DEF *u = calloc(1, sizeof *u);
        u->name = strdup(d->name);
        u->out = strdup(out);
        u->in = strdup(in);
        u->nin = nin;
        u->node = d;
        u->file = strdup(file);
        u->desc = (OP_DESC){ u->name, u->out, u->in,
                             sizeof(OP) + sizeof(OP_ARG) * (size_t)(nout + nin + 1) + sizeof(UDO_STATE),
                             eng_udo_init, eng_udo_perf, OP_ARGS_IN(nout + nin + 1), NULL, NULL };
        o->udos = xrealloc(o->udos, sizeof *o->udos * (size_t)(o->nudos + 1));
        o->udos[o->nudos++] = u;
    }
    return bad ? -1 : 0;
}

/* Compile every UDO defined since `from` at the orchestra's ksmps, so that
 * its errors show before anything plays, called or not. */
static int udo_check(LANG_ORCH *o, const LANG_HEADER *h, int from, char *err, size_t errlen)
{
    int bad = 0;
    for (int i = from; i < o->nudos; i++)
        if (!udo_template(o, h, o->udos[i], 0, NULL, err, errlen)) bad++;
    return bad ? -1 : 0;
}

void instr_tmpl_free(INSTR_TMPL *t)
{
    if (!t) return;
    free(t->name);
    free(t->image);
    free(t->relocs);
    free(t->consts);
    for (int i = 0; i < t->nstrs; i++) free(t->strs[i]);
    free(t->strs);
    free(t->sconst);
    free(t->init);
    free(t->perf);
    for (int i = 0; i < t->nparams; i++) free(t->params[i].name);
    free(t->params);
    free(t->pset);
    for (int i = 0; i < t->nargnames; i++) free(t->argnames[i]);
    free(t->argnames);
    free(t);
}

/* ---- the orchestra ---- */

LANG_ORCH *lang_orch_new(void)
{
    LANG_ORCH *o = calloc(1, sizeof *o);
    o->hdr.sr = 44100;
    o->hdr.ksmps = 10;     /* Csound's defaults: sr 44100, kr 4410 */
    o->hdr.kr = 4410;
    o->hdr.nchnls = 1;
    o->hdr.nchnls_i = 0;
    o->hdr.dbfs = 32768;
    o->hdr.a4 = 440;
    return o;
}

void lang_orch_free(LANG_ORCH *o)
{
    if (!o) return;
    for (int i = 0; i < o->ninstrs; i++) instr_tmpl_free(o->instrs[i]);
    free(o->instrs);
    instr_tmpl_free(o->instr0);
    for (int i = 0; i < o->nretired; i++) instr_tmpl_free(o->retired[i]);
    free(o->retired);
    udo_rollback(o, 0, 0);
    free(o->udos);
    free(o->utm);
    for (SYM *s = o->globals; s;) { SYM *nx = s->next; free(s->name); free(s); s = nx; }
    nidx_free(&o->globalidx);
    nidx_free(&o->posbyname);
    free(o->posbynum);
    for (int i = 0; i < o->nunits; i++) free(o->units[i].file);
    free(o->units);
    ast_free(&o->arena);
    free(o);
}

int lang_is_opcode(const char *name)
{
    int n;
    return op_lookup(name, &n) != NULL || flow_stmt(name) != NULL;
}

/* A built-in opcode or one of the orchestra's UDOs (ud: the orchestra). */
static int is_opcode_cb(const char *name, void *ud)
{
    const LANG_ORCH *o = ud;
    if (o)
        for (int i = 0; i < o->nudos; i++)
            if (!strcmp(o->udos[i]->name, name)) return 1;
    return lang_is_opcode(name);
}

/* A header value must be a constant expression. */
static int const_eval(const NODE *n, double *v)
{
    if (n->kind == N_NUM) { *v = n->num; return 1; }
    if (n->kind == N_UNOP && n->op == T_MINUS && const_eval(n->kids[0], v)) { *v = -*v; return 1; }
    if (n->kind != N_BINOP) return 0;
    const NODE *op = ast_chain_first(n);   /* a chain, from its first operator up, in a loop */
    double a, b;
    if (!const_eval(op->kids[0], &a)) return 0;
    for (;; op = op->up) {
        if (!const_eval(op->kids[1], &b) || !fold(op->op, a, b, &a)) return 0;
        if (op == n) break;
    }
    *v = a;
    return 1;
}

static int header_stmt(LANG_ORCH *o, const NODE *s, const char *file, char *err, size_t errlen)
{
    if (s->kind != N_ASSIGN || s->nouts != 1) return 0;
    const char *nm = s->outs[0]->name;
    static const char *const names[] = { "sr", "kr", "ksmps", "nchnls", "nchnls_i", "0dbfs", "A4", NULL };
    int k = -1;
    for (int i = 0; names[i]; i++)
        if (!strcmp(nm, names[i])) k = i;
    if (k < 0) return 0;
    double v;
    if (!const_eval(s->kids[0], &v)) {
        lang_err_add(err, errlen, file, s->outs[0]->line, s->outs[0]->col, "'%s' must be given a constant", nm);
        return -1;
    }
    int bad = 0;
    LANG_HEADER *h = &o->hdr;
    /* (int) only of a value checked to fit: converting 1e26 is undefined */
    switch (k) {
    case 0: bad = !(v >= 1 && v <= 768000); h->sr = v; h->set_sr = 1; break;
    case 1: bad = !(v > 0); h->kr = v; h->set_kr = 1; break;
    case 2: bad = !(v >= 1 && v <= 65536 && v == floor(v)); h->ksmps = bad ? 0 : (int)v; h->set_ksmps = 1; break;
    case 3: bad = !(v >= 1 && v <= 64 && v == floor(v)); h->nchnls = bad ? 0 : (int)v; h->set_nchnls = 1; break;
    case 4: bad = !(v >= 0 && v <= 64 && v == floor(v)); h->nchnls_i = bad ? 0 : (int)v; h->set_nchnls_i = 1; break;
    case 5: bad = !(v > 0); h->dbfs = v; h->set_dbfs = 1; break;
    case 6: bad = !(v > 0); h->a4 = v; h->set_a4 = 1; break;
    }
    if (bad) {
        lang_err_add(err, errlen, file, s->outs[0]->line, s->outs[0]->col, "invalid value %g for '%s'", v, nm);
        return -1;
    }
    return 1;
}

static int add_unit(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0, char *err, size_t errlen)
{
    /* the lexer relies on a terminating NUL after the text (strtod) */
    char *copy = malloc(len + 1);
    memcpy(copy, src, len);
    copy[len] = 0;
    /* kept even with errors: compiling it reports the errors parsing could not see */
    int nerrs;
    NODE *top = lang_parse_all(&o->arena, copy, len, file, line0, is_opcode_cb, o, err, errlen, &nerrs);
    free(copy);
    for (int i = 0; i < top->nkids; i++) {
        int r = header_stmt(o, top->kids[i], file, err, errlen);
        if (r < 0) nerrs++;
        if (r) top->kids[i]->kind = N_BLOCK, top->kids[i]->nkids = 0;   /* consumed */
    }
    o->units = xrealloc(o->units, sizeof *o->units * (size_t)(o->nunits + 1));
    o->units[o->nunits].top = top;
    o->units[o->nunits].file = strdup(file);
    o->nunits++;
    o->nerrs += nerrs;
    return nerrs ? -1 : 0;
}

static int add_text(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0, int depth, char *err,
                    size_t errlen);

/* #include "file": the file is read as its own unit, its path relative to the including file's folder. */
static int include_file(LANG_ORCH *o, const char *from, int line, int col, const char *name, int depth, char *err,
                        size_t errlen)
{
    if (depth > 16) {
        lang_err_add(err, errlen, from, line, col, "#include nested too deeply");
        return -1;
    }
    char path[4096];
    const char *slash = strrchr(from, '/');
    if (name[0] != '/' && slash)
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - from), from, name);
    else
        snprintf(path, sizeof path, "%s", name);
    size_t n;
    char *buf = lang_read_text(path, &n, NULL, 0);
    if (!buf) {
        lang_err_add(err, errlen, from, line, col, "cannot open included file '%s'", path);
        return -1;
    }
    int r = add_text(o, buf, n, path, 1, depth + 1, err, errlen);
    free(buf);
    return r;
}

/* Split the text at preprocessor lines: #include adds a unit; other directives are refused clearly. */
static int add_text(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0, int depth, char *err,
                    size_t errlen)
{
    const char *seg = src, *p = src, *end = src + len;
    int seg_line = line0 >= 0 ? line0 : 1, line = seg_line;   /* 0: a generated first line (/instr/def) */
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t')) q++;
        if (q < eol && *q == '#') {
            int col = (int)(q - p) + 1;
            int bad = p > seg && add_unit(o, seg, (size_t)(p - seg), file, seg_line, err, errlen);
            if ((size_t)(eol - q) > 8 && !strncmp(q, "#include", 8)) {
                const char *a = q + 8;
                while (a < eol && (*a == ' ' || *a == '\t')) a++;
                const char *b = a < eol ? memchr(a + 1, *a == '<' ? '>' : '"', (size_t)(eol - a - 1)) : NULL;
                if (a >= eol || (*a != '"' && *a != '<') || !b) {
                    lang_err_add(err, errlen, file, line, col, "expected #include \"file\"");
                    return -1;
                }
                char name[1024];
                snprintf(name, sizeof name, "%.*s", (int)(b - a - 1), a + 1);
                if (include_file(o, file, line, col, name, depth, err, errlen) || bad) return -1;
            } else {
                int n = 1;
                while (q + n < eol && isalpha((unsigned char)q[n])) n++;
                lang_err_add(err, errlen, file, line, col, "preprocessor directive '%.*s' is not supported (only #include)",
                             n, q);
                return -1;
            }
            seg = eol < end ? eol + 1 : end;
            seg_line = line + 1;
        }
        p = eol < end ? eol + 1 : end;
        line++;
    }
    if (seg < end || o->nunits == 0) return add_unit(o, seg, (size_t)(end - seg), file, seg_line, err, errlen);
    return 0;
}

/* The text with every #include replaced by the included file's text (recursively):
 * what a recorded event list carries, so it needs no other file.  Held to the
 * preprocessor's limits (16 deep, 16 MB of included text in all): past them
 * the #include line is kept as written, for the compiler to report. */
static char *expand_includes(const char *src, size_t len, const char *file, int depth, size_t *budget);

char *lang_expand_includes(const char *src, size_t len, const char *file, int depth)
{
    size_t budget = (size_t)16 << 20;
    return expand_includes(src, len, file, depth, &budget);
}

static char *expand_includes(const char *src, size_t len, const char *file, int depth, size_t *budget)
{
    char *out = NULL;
    size_t olen = 0;
    FILE *f = open_memstream(&out, &olen);
    const char *p = src, *end = src + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t')) q++;
        const char *a = q + 8, *b = NULL;
        if ((size_t)(eol - q) > 8 && !strncmp(q, "#include", 8) && depth < 16) {
            while (a < eol && (*a == ' ' || *a == '\t')) a++;
            if (a < eol && (*a == '"' || *a == '<')) b = memchr(a + 1, *a == '<' ? '>' : '"', (size_t)(eol - a - 1));
        }
        char path[4096];
        char *buf = NULL;
        size_t n = 0;
        if (b) {
            const char *slash = strrchr(file, '/');
            if (a[1] != '/' && slash)
                snprintf(path, sizeof path, "%.*s/%.*s", (int)(slash - file), file, (int)(b - a - 1), a + 1);
            else
                snprintf(path, sizeof path, "%.*s", (int)(b - a - 1), a + 1);
            buf = lang_read_text(path, &n, NULL, 0);
            if (buf && n > *budget) {
                free(buf);
                buf = NULL;
            }
        }
        if (buf) {
            *budget -= n;
            char *sub = expand_includes(buf, n, path, depth + 1, budget);
            fputs(sub, f);
            fputc('\n', f);
            free(sub);
            free(buf);
        } else {
            fwrite(p, 1, (size_t)(eol - p), f);   /* kept as written: compiling it reports the problem */
            fputc('\n', f);
        }
        p = eol < end ? eol + 1 : end;
    }
    fclose(f);
    return out;
}

/* Every node's position back to where the preprocessor found its text. */
static void remap_nodes(NODE *n, const LANG_PP_MAP *m)
{
    for (; n; n = n->nkids ? n->kids[0] : NULL) {   /* down kids[0] in a loop: an operator chain is a long left spine */
        const char *f;
        lang_pp_where(m, n->line, n->col, &f, &n->line, &n->col);
        for (int i = 1; i < n->nkids; i++) remap_nodes(n->kids[i], m);
        for (int i = 0; i < n->nouts; i++) remap_nodes(n->outs[i], m);
    }
}

/* Where the preprocessor's pieces gather their errors: err itself may be overwritten by its own. */
typedef struct pp_units {
    LANG_ORCH *o;
    char *errs;
    size_t errslen;
} PP_UNITS;

/* One preprocessed piece (one file's stretch) becomes a unit; its errors
 * are taken back to the places the preprocessor read, and the next pieces
 * are read too (unless there are too many errors). */
static int add_pp_piece(void *ctx, const char *text, size_t len, const char *file, const LANG_PP_MAP *map, char *err,
                        size_t errlen)
{
    PP_UNITS *c = ctx;
    LANG_ORCH *o = c->o;
    (void)err, (void)errlen;
    int n0 = o->nunits;
    size_t at = strlen(c->errs);
    add_unit(o, text, len, file, 1, c->errs, c->errslen);
    for (char *q = c->errs + at; *q;) {
        lang_pp_fix_error(map, file, q, c->errslen - (size_t)(q - c->errs));
        char *nl = strchr(q, '\n');
        if (!nl) break;
        q = nl + 1;
    }
    for (int u = n0; u < o->nunits; u++) remap_nodes(o->units[u].top, map);
    return lang_err_count(c->errs) > LANG_MAX_ERRORS ? 2 : 0;
}

/* Errors are appended to err (errs.h), every one the text holds. */
int lang_orch_add(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    int n0 = o->nerrs;
    if (!lang_pp_needed(src, len)) {
        int r = add_text(o, src, len, file, line0, 0, err, errlen);
        return r || o->nerrs > n0 ? -1 : 0;
    }
    PP_UNITS c = { o, calloc(1, errlen ? errlen : 1), errlen };
    if (!c.errs) abort();
    int r = lang_pp_run(src, len, file, line0, 1, add_pp_piece, &c, err, errlen);
    if (r && r != 2) lang_err_append(c.errs, errlen, err);   /* the preprocessor's own error */
    if (errlen) snprintf(err, errlen, "%s", c.errs);
    free(c.errs);
    return r || o->nerrs > n0 ? -1 : 0;
}

void lang_orch_header(const LANG_ORCH *o, LANG_HEADER *h)
{
    *h = o->hdr;
    if (h->set_kr && !h->set_ksmps) h->ksmps = (int)llround(h->sr / h->kr);
}

/* A code generator used only to declare globals (no instrument of its own). */
static void cg_for_globals(CG *g, LANG_ORCH *o, const LANG_HEADER *h, const char *file, char *err, size_t errlen)
{
    memset(g, 0, sizeof *g);
    g->o = o;
    g->h = h;
    g->file = file;
    g->err = err;
    g->errlen = errlen;
}

/* Declare every g-variable any statement assigns, so instruments may read
 * globals that a later instrument or the header defines. */
static void predeclare_globals(CG *g, const NODE *n)
{
    if (!n) return;
    for (; n->kind == N_BINOP; n = n->kids[0]) predeclare_globals(g, n->kids[1]);   /* a chain: no recursion down it */
    for (int i = 0; i < n->nouts; i++)
        if (n->kind != N_INSTR && n->outs[i]->kind == N_VAR && n->outs[i]->name[0] == 'g') {
            int global;
            if (name_rate(n->outs[i]->name, &global)) declare_out(g, n->outs[i]);
        }
    for (int i = 0; i < n->nkids; i++) predeclare_globals(g, n->kids[i]);
}

/* o->instrs by number and by name, kept in step with it: finding an
 * instrument was a scan, and an orchestra of thousands of instruments
 * compiled in quadratic time (found by fuzzing). */
static int instr_pos(const LANG_ORCH *o, int num)
{
    return o->posbynum && num > 0 && num < ENG_MAXINSTR ? o->posbynum[num] - 1 : -1;
}

/* Put t at index j of o->instrs (j == ninstrs appends). */
static void set_instr(LANG_ORCH *o, int j, INSTR_TMPL *t)
{
    if (j == o->ninstrs) {
        if (o->ninstrs == o->capinstrs) {
            o->capinstrs = o->capinstrs ? o->capinstrs * 2 : 16;
            o->instrs = xrealloc(o->instrs, sizeof *o->instrs * (size_t)o->capinstrs);
        }
        o->ninstrs++;
    }
    o->instrs[j] = t;
    if (!o->posbynum && !(o->posbynum = calloc(ENG_MAXINSTR, sizeof *o->posbynum))) abort();
    if (t->num > 0 && t->num < ENG_MAXINSTR) o->posbynum[t->num] = j + 1;
    nidx_put(&o->posbyname, t->name, (void *)(intptr_t)(j + 1));   /* t->name: the key while t is here */
}

/* Numbers for the names of one compile (the orchestra, or instruments added
 * while playing) as Csound 6.18 gives them (named_instr_assign_numbers in
 * csound_orc_compile.c): once every numbered instrument of the text is known,
 * each name in order of definition (those written +Name after all others)
 * keeps the number it already has, or takes the lowest number no instrument
 * holds: neither one installed, nor one the text numbers, nor a name numbered
 * before it.  Into `names` (name → number; ENG_MAXINSTR when every number is
 * taken).  The lowest free number only grows, so the whole is linear. */
static void number_names(const LANG_ORCH *o, NODE *const *tops, int ntops, NAMEIDX *names)
{
    uint8_t *taken = calloc(ENG_MAXINSTR, 1);
    if (!taken) abort();
    for (int m = 0; m < o->ninstrs; m++)
        if (o->instrs[m]->num > 0 && o->instrs[m]->num < ENG_MAXINSTR) taken[o->instrs[m]->num] = 1;
    for (int u = 0; u < ntops; u++)
        for (int i = 0; i < tops[u]->nkids; i++) {
            const NODE *s = tops[u]->kids[i];
            for (int k = 0; s->kind == N_INSTR && k < s->nouts; k++) {
                double v = s->outs[k]->num;
                if (s->outs[k]->kind == N_NUM && v >= 1 && v < ENG_MAXINSTR && v == floor(v)) taken[(int)v] = 1;
            }
        }
    int low = 1;
    for (int plus = 0; plus < 2; plus++)
        for (int u = 0; u < ntops; u++)
            for (int i = 0; i < tops[u]->nkids; i++) {
                const NODE *s = tops[u]->kids[i];
                for (int k = 0; s->kind == N_INSTR && k < s->nouts; k++) {
                    const NODE *id = s->outs[k];
                    if (id->kind != N_VAR || (id->op == T_PLUS) != plus || nidx_get(names, id->name)) continue;
                    int num = lang_orch_number(o, id->name);
                    if (num < 0) {
                        while (low < ENG_MAXINSTR && taken[low]) low++;
                        num = low;
                        if (num < ENG_MAXINSTR) taken[num] = 1;
                    }
                    nidx_put(names, id->name, (void *)(intptr_t)num);
                }
            }
    free(taken);
}

/* Every instrument is compiled, each error reported (errs.h); -1 if there
 * was any, here or when the text was added. */
int lang_orch_compile(LANG_ORCH *o, const LANG_HEADER *h, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    /* globals first */
    CG pre;
    cg_for_globals(&pre, o, h, NULL, err, errlen);
    volatile int u = 0;
    if (setjmp(pre.fail)) return -1;
    int bad = o->nerrs;
    for (; u < o->nunits; u++) {
        pre.file = o->units[u].file;
        predeclare_globals(&pre, o->units[u].top);
    }
    /* user-defined opcodes next: instruments before their definitions call them too */
    for (int k = 0; k < o->nunits; k++)
        if (udo_register(o, o->units[k].top, o->units[k].file, err, errlen)) bad++;
    if (udo_check(o, h, 0, err, errlen)) bad++;
    /* instr 0: the top-level statements of every unit, in order */
    AST_ARENA tmp = { 0 };
    NODE *b0 = ast_node(&tmp, N_BLOCK, 1, 1);
    const char *file0 = o->nunits ? o->units[0].file : "";
    for (int u = 0; u < o->nunits; u++)
        for (int i = 0; i < o->units[u].top->nkids; i++) {
            NODE *s = o->units[u].top->kids[i];
            if (s->kind != N_INSTR && s->kind != N_UDO && !(s->kind == N_BLOCK && s->nkids == 0)) {
                ast_add(&tmp, &b0->kids, &b0->nkids, s);
                file0 = o->units[u].file;
            }
        }
    if (b0->nkids) {
        o->instr0 = compile_instr(o, h, b0, file0, "0", 0, err, errlen);
        if (!o->instr0) bad++;
    }
    ast_free(&tmp);
    /* numbered instruments keep their numbers; named ones take the lowest free (number_names) */
    for (int u = 0; u < o->nunits; u++)
        for (int i = 0; i < o->units[u].top->nkids; i++) {
            NODE *s = o->units[u].top->kids[i];
            if (s->kind != N_INSTR) continue;
            for (int k = 0; k < s->nouts; k++)
                if (s->outs[k]->kind == N_NUM) {
                    double v = s->outs[k]->num;
                    if (v < 1 || v >= ENG_MAXINSTR || v != floor(v)) {
                        lang_err_add(err, errlen, o->units[u].file, s->outs[k]->line, s->outs[k]->col,
                                     "instrument number %g out of range (1…%d)", v, ENG_MAXINSTR - 1);
                        bad++;
                    }
                }
        }
    NODE **tops = xrealloc(NULL, sizeof *tops * (size_t)(o->nunits + 1));
    for (int u = 0; u < o->nunits; u++) tops[u] = o->units[u].top;
    NAMEIDX names = { 0 };
    number_names(o, tops, o->nunits, &names);
    free(tops);
    for (int u = 0; u < o->nunits; u++)
        for (int i = 0; i < o->units[u].top->nkids; i++) {
            NODE *s = o->units[u].top->kids[i];
            if (s->kind != N_INSTR) continue;
            for (int k = 0; k < s->nouts; k++) {
                char nbuf[32];
                const char *name;
                int num;
                if (s->outs[k]->kind == N_NUM) {
                    double v = s->outs[k]->num;
                    if (v < 1 || v >= ENG_MAXINSTR || v != floor(v)) continue;   /* reported above */
                    num = (int)v;
                    snprintf(nbuf, sizeof nbuf, "%d", num);
                    name = nbuf;
                } else {
                    name = s->outs[k]->name;
                    num = (int)(intptr_t)nidx_get(&names, name);
                    if (num >= ENG_MAXINSTR) {   /* the engine has no slot for it */
                        lang_err_add(err, errlen, o->units[u].file, s->outs[k]->line, s->outs[k]->col,
                                     "more than %d instruments: no instrument number is free for '%s'",
                                     ENG_MAXINSTR - 1, name);
                        nidx_free(&names);
                        return -1;
                    }
                }
                INSTR_TMPL *t = compile_instr(o, h, s->kids[0], o->units[u].file, name, num, err, errlen);
                if (!t) {
                    bad++;
                    continue;
                }
                /* a later definition of the same instrument replaces the earlier */
                int j = instr_pos(o, num);
                if (j >= 0) {
                    INSTR_TMPL *old = o->instrs[j];
                    set_instr(o, j, t);
                    instr_tmpl_free(old);
                } else {
                    set_instr(o, o->ninstrs, t);
                }
            }
        }
    nidx_free(&names);
    if (bad) return -1;
    o->compiled = 1;
    o->final = *h;
    return 0;
}

void lang_orch_free_retired(LANG_ORCH *o, const INSTR_TMPL *t)
{
    for (int i = 0; i < o->nretired; i++)
        if (o->retired[i] == t) {
            instr_tmpl_free(o->retired[i]);
            o->retired[i] = o->retired[--o->nretired];
            return;
        }
}

/* Install a compiled template under its number; a replaced one is retired
 * (voices may still be playing it) until the engine says none does
 * (lang_orch_free_retired) or the orchestra is freed. */
static void install(LANG_ORCH *o, INSTR_TMPL *t)
{
    int j = instr_pos(o, t->num);
    if (j >= 0) {
        o->retired = xrealloc(o->retired, sizeof *o->retired * (size_t)(o->nretired + 1));
        o->retired[o->nretired++] = o->instrs[j];
        set_instr(o, j, t);
        return;
    }
    set_instr(o, o->ninstrs, t);
}

int lang_orch_add_instruments(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0,
                              INSTR_TMPL **out, int max, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    if (!o->compiled) {
        snprintf(err, errlen, "%s: error: the orchestra is not compiled yet", file);
        return -1;
    }
    /* Parsed into an arena of its own, freed once compiled: the templates copy
     * what they keep, and a session redefining instruments for days must not
     * grow the orchestra's arena with every definition. */
    AST_ARENA tmp = { 0 };
    char *copy = malloc(len + 1);   /* the lexer needs a NUL after the text (strtod) */
    memcpy(copy, src, len);
    copy[len] = 0;
    /* a text defining opcodes is kept: their code compiles again for callers of another ksmps */
    int keep = strstr(copy, "opcode") != NULL;
    /* every error is reported: those of parsing, then those compiling finds */
    int nerrs;
    NODE *top = lang_parse_all(keep ? &o->arena : &tmp, copy, len, file, line0, is_opcode_cb, o, err, errlen, &nerrs);
    free(copy);
    int n = 0, ok = !nerrs;
    for (int i = 0; i < top->nkids; i++)
        if (top->kids[i]->kind != N_INSTR && top->kids[i]->kind != N_UDO
            && !(top->kids[i]->kind == N_BLOCK && top->kids[i]->nkids == 0)) {
            lang_err_add(err, errlen, file, top->kids[i]->line, top->kids[i]->col,
                         "only instrument and opcode definitions can be added while playing");
            ok = 0;
        }
    CG pre;
    cg_for_globals(&pre, o, &o->final, file, err, errlen);
    volatile int compiling = 1;
    if (setjmp(pre.fail) == 0) predeclare_globals(&pre, top);
    else ok = compiling = 0;
    int nudos0 = o->nudos, nutm0 = o->nutm;
    if (compiling && udo_register(o, top, file, err, errlen)) ok = 0;
    if (compiling && udo_check(o, &o->final, nudos0, err, errlen)) ok = 0;
    /* compile all first: an error anywhere leaves every old definition in place */
    INSTR_TMPL *made[64];
    int nmade = 0;
    NAMEIDX names = { 0 };
    if (compiling) number_names(o, &top, 1, &names);
    for (int i = 0; i < top->nkids && compiling; i++) {
        NODE *d = top->kids[i];
        if (d->kind != N_INSTR) continue;
        for (int k = 0; k < d->nouts && compiling; k++) {
            char nbuf[32];
            const char *name = nbuf;
            int num;
            if (d->outs[k]->kind == N_NUM) {
                double v = d->outs[k]->num;   /* range first: (int) of 1e30 is undefined */
                num = v >= 1 && v < ENG_MAXINSTR ? (int)v : 0;
                snprintf(nbuf, sizeof nbuf, "%d", num);
                if (v != num || num < 1 || num >= ENG_MAXINSTR) {
                    lang_err_add(err, errlen, file, d->outs[k]->line, d->outs[k]->col,
                                 "instrument number %g out of range", d->outs[k]->num);
                    ok = 0;
                    continue;
                }
            } else {
                name = d->outs[k]->name;
                num = (int)(intptr_t)nidx_get(&names, name);
                if (num >= ENG_MAXINSTR) {   /* refused here: the engine could never play it */
                    lang_err_add(err, errlen, file, d->outs[k]->line, d->outs[k]->col,
                                 "no instrument number is free for '%s': ondes has numbers 1…%d and all are taken",
                                 name, ENG_MAXINSTR - 1);
                    ok = 0;
                    continue;
                }
            }
            if (nmade == 64 || nmade == max) {
                lang_err_add(err, errlen, file, d->line, d->col, "too many instruments at once");
                ok = compiling = 0;
                break;
            }
            made[nmade] = compile_instr(o, &o->final, d->kids[0], file, name, num, err, errlen);
            if (!made[nmade]) ok = 0;
            else nmade++;
        }
    }
    nidx_free(&names);
    ast_free(&tmp);
    lang_err_sort(err);
    if (!ok) {   /* the previous definitions stay */
        for (int m = 0; m < nmade; m++) instr_tmpl_free(made[m]);
        udo_rollback(o, nudos0, nutm0);
        return -1;
    }
    for (int m = 0; m < nmade; m++) {
        install(o, made[m]);
        out[n++] = made[m];
    }
    return n;
}

char *lang_instr_source(const char *name, const char *body, char *err, size_t errlen)
{
    for (const char *q = name; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != '_') {
            snprintf(err, errlen, "'%s' is not a valid instrument name", name);
            return NULL;
        }
    size_t n = strlen(name) + strlen(body) + 32;
    char *src = malloc(n);
    if (!src) abort();
    snprintf(src, n, "instr %s\n%s\nendin\n", name, body);
    return src;
}

INSTR_TMPL *lang_orch_define(LANG_ORCH *o, const char *name, const char *body, const char *file, int line0,
                             char *err, size_t errlen)
{
    char why[300];
    char *src = lang_instr_source(name, body, why, sizeof why);
    if (!src) {
        snprintf(err, errlen, "%s: error: %s", file, why);
        return NULL;
    }
    INSTR_TMPL *t = NULL;
    int r = lang_orch_add_instruments(o, src, strlen(src), file, line0, &t, 1, err, errlen);
    free(src);
    return r == 1 ? t : NULL;
}

void lang_text_instr_names(LANG_ORCH *o, const char *src, size_t len, void (*fn)(void *ud, const char *name),
                           void *ud)
{
    AST_ARENA tmp = { 0 };
    char *copy = malloc(len + 1);   /* the lexer needs a NUL after the text */
    if (!copy) abort();
    memcpy(copy, src, len);
    copy[len] = 0;
    char err[256];
    int nerrs;
    NODE *top = lang_parse_all(&tmp, copy, len, "", 1, is_opcode_cb, o, err, sizeof err, &nerrs);
    for (int i = 0; top && i < top->nkids; i++)
        for (int k = 0; top->kids[i]->kind == N_INSTR && k < top->kids[i]->nouts; k++)
            if (top->kids[i]->outs[k]->kind == N_VAR) fn(ud, top->kids[i]->outs[k]->name);
    free(copy);
    ast_free(&tmp);
}

int lang_orch_count(const LANG_ORCH *o) { return o->ninstrs; }
INSTR_TMPL *lang_orch_get(const LANG_ORCH *o, int i) { return i >= 0 && i < o->ninstrs ? o->instrs[i] : NULL; }
INSTR_TMPL *lang_orch_instr0(const LANG_ORCH *o) { return o->instr0; }
size_t lang_orch_global_bytes(const LANG_ORCH *o) { return o->gbytes; }

int lang_orch_number(const LANG_ORCH *o, const char *name)
{
    intptr_t at = (intptr_t)nidx_get(&o->posbyname, name);
    if (at) return o->instrs[at - 1]->num;
    char *end;
    long v = strtol(name, &end, 10);
    if (*name && !*end && v > 0 && v < ENG_MAXINSTR && instr_pos(o, (int)v) >= 0) return (int)v;
    return -1;
}

int lang_orch_defines(const LANG_ORCH *o, const char *name)
{
    for (int u = 0; u < o->nunits; u++)
        for (int i = 0; i < o->units[u].top->nkids; i++) {
            const NODE *s = o->units[u].top->kids[i];
            if (s->kind != N_INSTR) continue;
            for (int k = 0; k < s->nouts; k++)
                if (s->outs[k]->kind == N_VAR && !strcmp(s->outs[k]->name, name)) return 1;
        }
    return 0;
}

long lang_orch_global_offset(const LANG_ORCH *o, const char *name)
{
    SYM *s = find_sym(&o->globalidx, name);
    return s ? (long)s->off : -1;
}

const char *op_argname(const OP *op, int i)
{
    return op->argnames && i >= 0 && i < op->nout + op->nin ? op->argnames[i] : NULL;
}
