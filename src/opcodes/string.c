/* string.c — Strings: S assignment, sprintf, strcat, strcmp, strcpy, strlen, strsub, strindex, strtod, strtol, case, strchar, strget, strset. */
#include "op.h"
#include "fmtconv.h"
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

/* An opcode's entry points from its RUN(o, c, perf[, arg]): NAME_i at init
 * (perf 0, errors stop the note) and NAME_k in each k-cycle (perf 1). */
#define RUN_FORMS(NAME, RUN) \
    static int NAME##_i(OP *o, OP_CTX *c) { return RUN(o, c, 0); } \
    static void NAME##_k(OP *o, OP_CTX *c) { (void)RUN(o, c, 1); }
#define RUN_FORMS_ARG(NAME, RUN, ARG) \
    static int NAME##_i(OP *o, OP_CTX *c) { return RUN(o, c, 0, ARG); } \
    static void NAME##_k(OP *o, OP_CTX *c) { (void)RUN(o, c, 1, ARG); }

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
RUN_FORMS(strcpy, strcpy_run)

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
RUN_FORMS(strnum, strnum_run)

/* ---- c ? S1 : S2 (the compiler's ##cond on strings) ----
 * Csound compiles it to jumps around two string assignments: =.S (i-time)
 * for an i-rate condition, #=.S (perf only) for a k-rate one, so with a
 * k-condition the result is empty during the init pass. */
typedef struct {
    OP h;
    OP_ARG Sr, xcond, S1, S2;
} STRCOND;

static int strcond_run(OP *o, OP_CTX *c, int perf)
{
    STRCOND *p = (STRCOND *)o;
    OP_STR *from = *p->xcond.k != 0 ? p->S1.str : p->S2.str;
    if (from == p->Sr.str) return 0;
    return str_put(o, c, p->Sr.str, from->data, strlen(from->data), perf);
}
RUN_FORMS(strcond, strcond_run)

/* ---- sprintf, sprintfk: Csound's sprintf_opcode_ (fmtconv.h) ---- */

#define SPRINTF_MAXIN 31     /* Csound refuses more than 31 inputs ("too many arguments") */
#define SPRINTF_MAX 8192     /* the longest result */

typedef struct {
    OP h;
    OP_ARG Sr, Sfmt, args[SPRINTF_MAXIN - 1];
} SPRINTF;

/* No a-rate values (Csound: "a-rate argument not allowed"). */
static int sprintf_prep(OP *o, OP_PREP *p)
{
    for (int i = 0; i < o->nin; i++)
        if (op_isa(o, o->nout + i)) {
            snprintf(p->err, sizeof p->err, "a-rate argument not allowed");
            return -1;
        }
    if (o->nin > SPRINTF_MAXIN) {
        snprintf(p->err, sizeof p->err, "too many arguments");
        return -1;
    }
    return 0;
}

static int sprintf_run(OP *o, OP_CTX *c, int perf)
{
    SPRINTF *p = (SPRINTF *)o;
    for (int i = 1; i < o->nin; i++)
        if (op_iss(o, o->nout + i) && o->arg[o->nout + i].str == p->Sr.str)
            return str_fail(o, c, perf, "output argument may not be the same as any of the input args");
    char out[SPRINTF_MAX];
    const char *err = NULL;
    if (fmt_conv(out, sizeof out, op_s(p->Sfmt), o, 1, o->nin - 1, &err)) {
        p->Sr.str->data[0] = 0;   /* as Csound empties it */
        return str_fail(o, c, perf, err);
    }
    return str_put(o, c, p->Sr.str, out, strlen(out), perf);
}
RUN_FORMS(sprintf, sprintf_run)

/* ---- strcat, strcatk ---- */

typedef struct {
    OP h;
    OP_ARG Sr, S1, S2;
} STRCAT;

static int strcat_run(OP *o, OP_CTX *c, int perf)
{
    STRCAT *p = (STRCAT *)o;
    const char *a = op_s(p->S1), *b = op_s(p->S2);
    size_t la = strlen(a), lb = strlen(b);
    /* either input may be the output: reserve first (it keeps the content), then read again */
    char *d = op_str_reserve(c, p->Sr.str, la + lb + 1);
    if (!d) return str_fail(o, c, perf, "out of memory for the string");
    a = op_s(p->S1);
    b = op_s(p->S2);
    memmove(d + la, b, lb);
    memmove(d, a, la);
    d[la + lb] = 0;
    return 0;
}
RUN_FORMS(strcat, strcat_run)

/* ---- strcmp, strcmpk: -1, 0 or 1 ---- */

typedef struct {
    OP h;
    OP_ARG r, S1, S2;
} STR2NUM;

static void strcmp_k(OP *o, OP_CTX *c)
{
    STR2NUM *p = (STR2NUM *)o;
    int i = strcmp(op_s(p->S1), op_s(p->S2));
    *p->r.k = i < 0 ? -1.0 : i > 0 ? 1.0 : 0.0;
}
static int strcmp_i(OP *o, OP_CTX *c) { strcmp_k(o, c); return 0; }

/* ---- strindex, strrindex (and k forms) ----
 * Csound's search: one pass that restarts the match at the next character
 * without looking back, so "aab" is not found in "aaab" (-1), as in Csound. */
static void strindex_k(OP *o, OP_CTX *c)
{
    STR2NUM *p = (STR2NUM *)o;
    const char *s1 = op_s(p->S1), *s2 = op_s(p->S2);
    int i = 0, j = 0;
    while (s2[j]) {
        if (!s1[i]) {
            *p->r.k = -1;
            return;
        }
        j = s1[i] != s2[j] ? 0 : j + 1;
        i++;
    }
    *p->r.k = i - j;
}
static int strindex_i(OP *o, OP_CTX *c) { strindex_k(o, c); return 0; }

static void strrindex_k(OP *o, OP_CTX *c)
{
    STR2NUM *p = (STR2NUM *)o;
    const char *s1 = op_s(p->S1), *s2 = op_s(p->S2);
    int i = 0, j = 0, k = -1;
    for (;;) {
        if (!s2[j]) {
            k = i - j;
            j = 0;
        }
        if (!s1[i]) break;
        j = s1[i] != s2[j] ? 0 : j + 1;
        i++;
    }
    *p->r.k = k;
}
static int strrindex_i(OP *o, OP_CTX *c) { strrindex_k(o, c); return 0; }

/* ---- strlen, strlenk ---- */

typedef struct {
    OP h;
    OP_ARG r, Sstr;
} STR1NUM;

static void strlen_k(OP *o, OP_CTX *c)
{
    STR1NUM *p = (STR1NUM *)o;
    *p->r.k = (double)strlen(op_s(p->Sstr));
}
static int strlen_i(OP *o, OP_CTX *c) { strlen_k(o, c); return 0; }

/* ---- strtod, strtol (and k forms): the whole string must be the number ---- */

/* Csound's strtol_opcode_S: optional sign, 0x hex, 0 octal, else decimal,
 * in 32 bits (wrapping as Csound's int32 does). */
static int parse_long(const char *s, double *v, const char **err)
{
    int sgn = 0, radix = 10;
    uint32_t x = 0;
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) { *err = "empty string"; return -1; }
    if (*s == '+') s++;
    else if (*s == '-') sgn = 1, s++;
    if (*s == '0') {
        if (s[1] == 'x' || s[1] == 'X') radix = 16, s += 2;
        else if (s[1]) radix = 8, s++;
        else { *v = 0; return 0; }
    }
    if (!*s) { *err = "invalid format"; return -1; }
    for (;; s++) {
        int d;
        if (*s >= '0' && *s <= '9') d = *s - '0';
        else if (radix == 16 && *s >= 'a' && *s <= 'f') d = *s - 'a' + 10;
        else if (radix == 16 && *s >= 'A' && *s <= 'F') d = *s - 'A' + 10;
        else break;
        if (d >= radix) break;
        x = x * (uint32_t)radix + (uint32_t)d;
    }
    if (*s) { *err = "invalid format"; return -1; }
    int32_t r = (int32_t)(sgn ? 0u - x : x);
    *v = r;
    return 0;
}

static int parse_double(const char *s, double *v, const char **err)
{
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) { *err = "empty string"; return -1; }
    char *end;
    *v = strtod(s, &end);
    if (*end) { *err = "invalid format"; return -1; }
    return 0;
}

/* The string a number names for strtod/strtol (Csound's strtod_opcode_p): a
 * string p-field's text or strset's string, else NULL. */
static const char *num_string(OP_CTX *c, double v)
{
    const char *s = op_pstring(c, v);
    return s ? s : strset_get(c, v);
}

typedef struct {
    OP h;
    OP_ARG r, x;
} STRTO;

static int strto_run(OP *o, OP_CTX *c, int perf, int isdouble)
{
    STRTO *p = (STRTO *)o;
    const char *s = op_iss(o, 1) ? op_s(p->x) : num_string(c, *p->x.k), *err = NULL;
    double v;
    if (!s) return str_fail(o, c, perf, "empty string");
    if ((isdouble ? parse_double : parse_long)(s, &v, &err)) return str_fail(o, c, perf, err);
    *p->r.k = v;
    return 0;
}
RUN_FORMS_ARG(strtod, strto_run, 1)
RUN_FORMS_ARG(strtol, strto_run, 0)

/* ---- strsub, strsubk ---- */

typedef struct {
    OP h;
    OP_ARG Sr, Ssrc, xstart, xend;
} STRSUB;

/* Csound's position rounding: (int)(x + 1.5) - 1, in range or saturated. */
static int str_pos(double x)
{
    double y = x + 1.5;
    return (y >= 0x1p30 ? (1 << 30) : y > -0x1p30 ? (int)y : -(1 << 30)) - 1;
}

/* Csound's strsub_opcode: positions out of range mean the end; start after
 * end gives the piece reversed. */
static int strsub_run(OP *o, OP_CTX *c, int perf)
{
    STRSUB *p = (STRSUB *)o;
    const char *src = op_s(p->Ssrc);
    int len = (int)strlen(src), a = str_pos(*p->xstart.k), b = str_pos(*p->xend.k), rev = 0;
    if (a < 0 || a > len) a = len;
    if (b < 0 || b > len) b = len;
    if (a > b) {
        int t = a;
        a = b;
        b = t;
        rev = 1;
    }
    char *d = op_str_reserve(c, p->Sr.str, (size_t)(b - a) + 1);
    if (!d) return str_fail(o, c, perf, "out of memory for the string");
    src = op_s(p->Ssrc);
    memmove(d, src + a, (size_t)(b - a));
    d[b - a] = 0;
    for (int i = 0, j = b - a - 1; rev && i < j; i++, j--) {
        char t = d[i];
        d[i] = d[j];
        d[j] = t;
    }
    return 0;
}
RUN_FORMS(strsub, strsub_run)

/* ---- strupper, strlower (and k forms) ----
 * Csound's loop writes the characters and no NUL: a longer string already in
 * the output keeps its tail ("hello world" then strupper "ab": "ABllo world"). */
static int strcase_run(OP *o, OP_CTX *c, int perf, int upper)
{
    STRCPY *p = (STRCPY *)o;
    size_t n = strlen(op_s(p->Sstr));
    char *d = op_str_reserve(c, p->Sr.str, n + 1);
    if (!d) return str_fail(o, c, perf, "out of memory for the string");
    const char *s = op_s(p->Sstr);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        d[i] = (char)(upper ? toupper(ch) : tolower(ch));
    }
    return 0;
}
RUN_FORMS_ARG(strupper, strcase_run, 1)
RUN_FORMS_ARG(strlower, strcase_run, 0)

/* ---- strchar, strchark: the character code at a position, 0 outside ---- */

typedef struct {
    OP h;
    OP_ARG r, Sstr, xpos;
} STRCHAR;

static void strchar_k(OP *o, OP_CTX *c)
{
    STRCHAR *p = (STRCHAR *)o;
    const char *s = op_s(p->Sstr);
    int len = (int)strlen(s), pos = str_pos(*p->xpos.k);
    *p->r.k = pos < 0 || pos >= len ? 0.0 : (double)(unsigned char)s[pos];
}
static int strchar_i(OP *o, OP_CTX *c) { strchar_k(o, c); return 0; }

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
    { "##cond", "S", "iSS", sizeof(STRCOND), strcond_i, NULL, OP_ARGS_IN(4) },
    { "##cond", "S", "kSS", sizeof(STRCOND), NULL, strcond_k, OP_ARGS_IN(4) },
    { "sprintf", "S", "STN", sizeof(SPRINTF), sprintf_i, NULL, OP_ARGS_IN(1 + SPRINTF_MAXIN), sprintf_prep },
    { "sprintfk", "S", "SUN", sizeof(SPRINTF), sprintf_i, sprintf_k, OP_ARGS_IN(1 + SPRINTF_MAXIN), sprintf_prep },
    { "strcat", "S", "SS", sizeof(STRCAT), strcat_i, NULL, OP_ARGS_IN(3) },
    { "strcatk", "S", "SS", sizeof(STRCAT), strcat_i, strcat_k, OP_ARGS_IN(3) },
    { "strcmp", "i", "SS", sizeof(STR2NUM), strcmp_i, NULL, OP_ARGS_IN(3) },
    { "strcmpk", "k", "SS", sizeof(STR2NUM), strcmp_i, strcmp_k, OP_ARGS_IN(3) },
    { "strindex", "i", "SS", sizeof(STR2NUM), strindex_i, NULL, OP_ARGS_IN(3) },
    { "strindexk", "k", "SS", sizeof(STR2NUM), strindex_i, strindex_k, OP_ARGS_IN(3) },
    { "strrindex", "i", "SS", sizeof(STR2NUM), strrindex_i, NULL, OP_ARGS_IN(3) },
    { "strrindexk", "k", "SS", sizeof(STR2NUM), strrindex_i, strrindex_k, OP_ARGS_IN(3) },
    { "strlen", "i", "S", sizeof(STR1NUM), strlen_i, NULL, OP_ARGS_IN(2) },
    { "strlenk", "k", "S", sizeof(STR1NUM), strlen_i, strlen_k, OP_ARGS_IN(2) },
    { "strtod", "i", "S", sizeof(STRTO), strtod_i, NULL, OP_ARGS_IN(2) },
    { "strtod", "i", "i", sizeof(STRTO), strtod_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strtodk", "k", "S", sizeof(STRTO), strtod_i, strtod_k, OP_ARGS_IN(2) },
    { "strtol", "i", "S", sizeof(STRTO), strtol_i, NULL, OP_ARGS_IN(2) },
    { "strtol", "i", "i", sizeof(STRTO), strtol_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strtolk", "k", "S", sizeof(STRTO), strtol_i, strtol_k, OP_ARGS_IN(2) },
    { "strsub", "S", "Soj", sizeof(STRSUB), strsub_i, NULL, OP_ARGS_IN(4) },
    { "strsubk", "S", "Skk", sizeof(STRSUB), strsub_i, strsub_k, OP_ARGS_IN(4) },
    { "strupper", "S", "S", sizeof(STRCPY), strupper_i, NULL, OP_ARGS_IN(2) },
    { "strupperk", "S", "S", sizeof(STRCPY), strupper_i, strupper_k, OP_ARGS_IN(2) },
    { "strlower", "S", "S", sizeof(STRCPY), strlower_i, NULL, OP_ARGS_IN(2) },
    { "strlowerk", "S", "S", sizeof(STRCPY), strlower_i, strlower_k, OP_ARGS_IN(2) },
    { "strchar", "i", "So", sizeof(STRCHAR), strchar_i, NULL, OP_ARGS_IN(3) },
    { "strchark", "k", "SO", sizeof(STRCHAR), strchar_i, strchar_k, OP_ARGS_IN(3) },
    { "strset", "", "iS", sizeof(STRSET), strset_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    { "strget", "S", "i", sizeof(STRGET), strget_i, NULL, OP_ARGS_IN(2), NULL, &strsets_shared },
    OP_END
};

OP_FAMILY(string, "Strings", string_ops);
