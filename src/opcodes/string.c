/* string.c — Strings: S assignment, strcpy, strget, strset. */
#include "op.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * As Csound 6.18's OOps/str_ops.c.  An S variable is an OP_STR (op.h); the
 * i-time forms run once at init, the k-forms (strcatk, strcmpk…) at init and
 * again in every k-cycle.  Writing an output goes through op_str_set, which
 * grows the variable's buffer from the real-time pool: a failure there is an
 * init or a performance error naming the opcode.
 */

/* Report a failed write of string output `o` at init (perf 0) or perf. */
static int str_fail(OP *o, OP_CTX *c, int perf, const char *what)
{
    if (perf) {
        op_perferr(c, o, "%s", what);
        return -1;
    }
    return op_initerr(c, o, "%s", what);
}

static int str_put(OP *o, OP_CTX *c, OP_STR *r, const char *s, size_t n, int perf)
{
    return op_str_setn(c, r, s, n) ? str_fail(o, c, perf, "out of memory for the string") : 0;
}

/* ---- strset's strings: one table per engine ---- */

/* Csound keeps strset's strings in a growing array; here a fixed table made
 * off the audio thread (strset may run in a note): indices hashed into
 * STRSET_SLOTS, texts appended to one buffer (a replaced text's bytes are not
 * reused, as a strset index conflict is rare). */
#define STRSET_SLOTS 1024
#define STRSET_BYTES 65536
typedef struct {
    int32_t index[STRSET_SLOTS];    /* -1: empty */
    uint32_t at[STRSET_SLOTS];      /* where its text starts in text[] */
    uint32_t used;
    char text[STRSET_BYTES];
} STRSETS;

static int strsets_create(void *state, const OP_ENV *env, char *err, size_t errlen)
{
    (void)env, (void)err, (void)errlen;
    STRSETS *t = state;
    for (int i = 0; i < STRSET_SLOTS; i++) t->index[i] = -1;
    return 0;
}
static const OP_SHARED strsets_shared = { "strset", sizeof(STRSETS), strsets_create, NULL };

/* The slot of index k: its own, or the empty one where it would go (-1: full). */
static int strset_slot(const STRSETS *t, int32_t k)
{
    uint32_t h = ((uint32_t)k * 2654435761u) & (STRSET_SLOTS - 1);
    for (int n = 0; n < STRSET_SLOTS; n++, h = (h + 1) & (STRSET_SLOTS - 1))
        if (t->index[h] == k || t->index[h] < 0) return (int)h;
    return -1;
}

/* strset's text for value v (rounded as Csound's MYFLT2LRND), or NULL. */
static const char *strset_get(OP_CTX *c, double v)
{
    const STRSETS *t = op_shared(c, &strsets_shared);
    int32_t k = op_int(nearbyint(v));
    if (!t || k < 0) return NULL;
    int h = strset_slot(t, k);
    return h >= 0 && t->index[h] == k ? t->text + t->at[h] : NULL;
}

/* strset iarg, "string" (Csound's strset_init): a replaced text is warned
 * about, as Csound does with warnings on. */
typedef struct {
    OP h;
    OP_ARG iarg, Sstr;
} STRSET;

static int strset_i(OP *o, OP_CTX *c)
{
    STRSET *p = (STRSET *)o;
    STRSETS *t = op_shared(c, &strsets_shared);
    int32_t k = op_int(nearbyint(*p->iarg.k));
    const char *s = op_s(p->Sstr);
    if (!t) return op_initerr(c, o, "no strset table");
    if (k < 0) return op_initerr(c, o, "illegal strset index");
    int h = strset_slot(t, k);
    if (h < 0) return op_initerr(c, o, "more than %d strset strings", STRSET_SLOTS);
    if (t->index[h] == k) {
        if (!strcmp(t->text + t->at[h], s)) return 0;
        op_msg(c, "WARNING: strset index conflict at %d\nWARNING: previous value: '%s', replaced with '%s'\n", k,
               t->text + t->at[h], s);
    }
    size_t n = strlen(s) + 1;
    if (n > STRSET_BYTES - t->used) return op_initerr(c, o, "strset strings take more than %d bytes", STRSET_BYTES);
    memcpy(t->text + t->used, s, n);
    t->at[h] = t->used;
    t->used += (uint32_t)n;
    t->index[h] = k;
    return 0;
}

/* Sr strget iarg (Csound's strget_init): a string p-field's text, or
 * strset's string for the index; otherwise Sr is left as it was. */
typedef struct {
    OP h;
    OP_ARG Sr, iarg;
} STRGET;

static int strget_i(OP *o, OP_CTX *c)
{
    STRGET *p = (STRGET *)o;
    const char *s = op_pstring(c, *p->iarg.k);
    if (!s) s = strset_get(c, *p->iarg.k);
    return s ? str_put(o, c, p->Sr.str, s, strlen(s), 0) : 0;
}

/* ---- assignment: =.S, =.T, init.S, init.Si, strcpy, strcpyk ---- */

typedef struct {
    OP h;
    OP_ARG Sr, Sstr;
} STRCPY;

static int strcpy_run(OP *o, OP_CTX *c, int perf)
{
    STRCPY *p = (STRCPY *)o;
    if (p->Sr.str == p->Sstr.str) return 0;
    return str_put(o, c, p->Sr.str, op_s(p->Sstr), strlen(op_s(p->Sstr)), perf);
}
static int strcpy_i(OP *o, OP_CTX *c) { return strcpy_run(o, c, 0); }
static void strcpy_k(OP *o, OP_CTX *c) { (void)strcpy_run(o, c, 1); }

/* Csound's strcpy_opcode_p: a number names a string, as Csound's
 * strarg2name: a string p-field's text, else the strset string of that
 * index, else "soundin.N". */
typedef struct {
    OP h;
    OP_ARG Sr, xindx;
} STRFROMNUM;

static int strnum_run(OP *o, OP_CTX *c, int perf)
{
    STRFROMNUM *p = (STRFROMNUM *)o;
    double v = *p->xindx.k;
    const char *s = op_pstring(c, v);
    char buf[40];
    if (!s) s = strset_get(c, v);
    if (!s) {
        snprintf(buf, sizeof buf, "soundin.%d", op_int(nearbyint(v)));
        s = buf;
    }
    return str_put(o, c, p->Sr.str, s, strlen(s), perf);
}
static int strnum_i(OP *o, OP_CTX *c) { return strnum_run(o, c, 0); }
static void strnum_k(OP *o, OP_CTX *c) { (void)strnum_run(o, c, 1); }

/* ---- the table ---- */

static const OP_DESC string_ops[] = {
    { "=", "S", "S", sizeof(STRCPY), strcpy_i, NULL, OP_ARGS_IN(2) },
    { "=", "S", "i", sizeof(STRFROMNUM), strnum_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "init", "S", "S", sizeof(STRCPY), strcpy_i, NULL, OP_ARGS_IN(2) },
    { "init", "S", "i", sizeof(STRFROMNUM), strnum_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strcpy", "S", "S", sizeof(STRCPY), strcpy_i, NULL, OP_ARGS_IN(2) },
    { "strcpy", "S", "i", sizeof(STRFROMNUM), strnum_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strcpyk", "S", "S", sizeof(STRCPY), strcpy_i, strcpy_k, OP_ARGS_IN(2) },
    { "strcpyk", "S", "k", sizeof(STRFROMNUM), strnum_i, strnum_k, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strset", "", "iS", sizeof(STRSET), strset_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strget", "S", "i", sizeof(STRGET), strget_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    OP_END
};

OP_FAMILY(string, "Strings", string_ops);
