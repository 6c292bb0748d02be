/* score.c — the Csound score language (i f d q e s t a b v m n x y C statements, carry, ramps, np/pp, [ ] and random values, tempo, sections) parsed to a sorted event list. */
#include "score.h"
#include "preproc.h"
#include "errs.h"
#include "../engine/ftable.h"

#include <ctype.h>
#include <limits.h>
#include <time.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Csound reads the score token 'z' as "approximately 25367 years";
 * 6.18 writes it out as 8e+11 (checked with csound --keep-sorted-score). */
#define SCO_Z 800000000000.0

/* What a p-field holds before the post-section passes resolve it.  Symbols
 * are kept (not only their values) because Csound carries them: a '.' after
 * a '+' in p2 means "+" again, a '.' after np5 means np5 of *this* note. */
enum {
    FK_NONE,        /* not given and nothing to carry */
    FK_NUM,         /* a number (also [expr] and z) */
    FK_STR,         /* "text" */
    FK_PLUS,        /* '+' in p2: previous note's p2 + p3 */
    FK_CARET,       /* '^+x' / '^-x' in p2: previous i or f statement's p2 ± x */
    FK_RAMP,        /* '<' or '>': linear ramp */
    FK_EXPRAMP,     /* '(' or ')': exponential ramp */
    FK_NP,          /* npN: pN of the next note of this instrument */
    FK_TILDE,       /* '~': uniform random between the same instrument's neighbours' values */
    FK_PP,          /* ppN: pN of the previous note of this instrument */
    /* only while reading a statement */
    FK_CARRY,       /* '.' */
    FK_BANG         /* '!': no carry for this and later p-fields */
};

/* A p-field as read, before carry rules. */
typedef struct field {
    int kind;
    double v;       /* FK_NUM value, FK_CARET offset, FK_NP/FK_PP index */
    char *str;      /* FK_STR, owned */
    int line, col;
    char sym;       /* its first character, to name ramps in messages */
} FIELD;

/* Per-event state the parser needs beyond SCO_EVENT. */
typedef struct meta {
    unsigned char kind[EV_MAXP + 1];
    double caret;   /* the ^±x offset when kind[2] is FK_CARET */
    int explicit_p2;/* p2 written as a number in this statement (b and v apply) */
} META;

typedef struct parser {
    const char *p;              /* current position in NUL-terminated text */
    int line, col;
    const char *file;
    const LANG_PP_MAP *map;     /* the preprocessor's map back to the source, or NULL */
    SCO *out;                   /* owns the names of included files */
    char *err;
    size_t errlen;
    int failed;                 /* the statement being read failed (its first error is reported) */
    int nerrs;                  /* errors so far: the reader goes on with the next statement */
    int stop;                   /* too many errors */

    SCO_EVENT *ev;              /* events of every section so far */
    META *meta;
    int n, cap;

    /* the current section */
    int sec_first;              /* its first event */
    int *carry;                 /* hash: whole-number instrument or name -> last event */
    int carry_cap, carry_used;
    int last_i;                 /* last i statement in the section, or -1 */
    int last_action;            /* last i or f statement in the section (for '^'), or -1 */
    double boff;                /* b / B offset in beats */
    double vmul;                /* v multiplier */
    int nocarry;                /* C 0: missing p-fields after p3 are not carried */
    double *tempo;              /* t statement: beat, bpm pairs */
    int ntempo;
    int tempo_line;             /* where the section's t statement is (0 = none) */
    double sec_len;             /* s p1 / e time in beats, or -1 */

    int32_t seed;               /* the random generator's state ([~], '~', y) */
    struct mark {               /* m NAME: where the named section starts */
        char *name;
        const char *p;
        int line, col;
    } *marks;
    int nmarks;
    struct ret {                /* n NAME: where reading goes on after the named section */
        const char *p;
        int line, col;
    } ret[16];
    int nret;
    int seq;                    /* statements read, for input order (loops repeat lines) */
    double *seclens;            /* each finished section's length in seconds */
    double *secats;             /* each one's s or e time in seconds (s 1, e 5), or -1 */
    int nsec;

    double sec_start;           /* seconds: where the current section starts */
    double end_time;
    int has_end;
} PARSER;

/* ---------------------------------------------------------------- errors */

/* Errors are gathered one a line (errs.h), the first of each statement. */
static int fail(PARSER *P, int line, int col, const char *fmt, ...)
{
    if (!P->failed) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        const char *file = P->file;
        if (P->map)
            lang_pp_where(P->map, line, col, &file, &line, &col);
        P->nerrs++;
        if (lang_err_add(P->err, P->errlen, file, line, col, "%s", msg))
            P->stop = 1;
    }
    P->failed = 1;
    return -1;
}

static int oom(PARSER *P)
{
    return fail(P, P->line, P->col, "out of memory");
}

/* ---------------------------------------------------------------- characters */

static int peekc(const PARSER *P) { return (unsigned char)P->p[0]; }
/* The character after the current one; the NUL terminator stops us first. */
static int peek2(const PARSER *P) { return P->p[0] ? (unsigned char)P->p[1] : 0; }

static void adv(PARSER *P)
{
    if (!P->p[0])
        return;
    if (P->p[0] == '\n') {
        P->line++;
        P->col = 1;
    } else {
        P->col++;
    }
    P->p++;
}

/* Characters that end a p-field (a comment start also does). */
static int is_delim(const char *s)
{
    int c = (unsigned char)*s;
    return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' ||
           (c == '/' && (s[1] == '/' || s[1] == '*'));
}

/* blank := { space | newline | ';' comment | '//' comment | '/\*' comment '*\/' }
 * Sets *newline when a line ended (a new statement may then begin). */
static int skip_blank(PARSER *P, int *newline)
{
    for (;;) {
        int c = peekc(P);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            adv(P);
        } else if (c == '\n') {
            if (newline)
                *newline = 1;
            adv(P);
        } else if (c == ';' || (c == '/' && peek2(P) == '/')) {
            while (peekc(P) && peekc(P) != '\n')
                adv(P);
        } else if (c == '/' && peek2(P) == '*') {
            int line = P->line, col = P->col;
            adv(P);
            adv(P);
            while (peekc(P) && !(peekc(P) == '*' && peek2(P) == '/')) {
                if (peekc(P) == '\n' && newline)
                    *newline = 1;
                adv(P);
            }
            if (!peekc(P))
                return fail(P, line, col, "unterminated comment: '/*' has no matching '*/'");
            adv(P);
            adv(P);
        } else {
            return 0;
        }
    }
}

/* ---------------------------------------------------------------- numbers and expressions */

/* number := ['+'|'-'] ( digits ['.' {digit}] | '.' digits ) [('e'|'E') ['+'|'-'] digits]
 * Returns the length of the number at s, or 0. */
static size_t scan_number(const char *s)
{
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    while (isdigit((unsigned char)s[i])) {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i])) {
            i++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (isdigit((unsigned char)s[j])) {
            while (isdigit((unsigned char)s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

/* Convert a scanned number through a NUL-terminated copy (strtod, as the
 * orchestra lexer does), so conversion never reads past the token.  NaN when
 * memory runs out; callers reject non-finite values. */
static double number_value(const char *s, size_t len)
{
    char buf[128], *t = buf;
    double v;
    if (len >= sizeof buf && !(t = malloc(len + 1)))
        return NAN;
    memcpy(t, s, len);
    t[len] = 0;
    v = strtod(t, NULL);
    if (t != buf)
        free(t);
    return v;
}

/* Length of the bad token at s, for messages. */
static int token_len(const char *s)
{
    int n = 0;
    while (!is_delim(s + n) && n < 40)
        n++;
    return n ? n : 1;
}


/* Csound's score random generator (OOps/random.c's Rand31, a Park–Miller
 * style generator x = 742938285 x mod 2^31-1), seeded 15937 unless a y
 * statement gives a seed; [~] and the '~' p-field draw from it in the order
 * csound does (read order for [~], sorted order per section for '~'). */
static double score_rand(PARSER *P)
{
    uint64_t t = (uint64_t)((int64_t)P->seed * (int64_t)742938285);
    uint32_t x = ((uint32_t)t & 0x7FFFFFFFu) + (uint32_t)(t >> 31);
    x = (x & 0x7FFFFFFFu) + (x >> 31);
    P->seed = (int32_t)x;
    return (double)((int32_t)x - 1) / 2147483645.0;
}

/* Csound's MOD (OOps/aops.c): fmod by |b|, 0 for b == 0. */
static double score_mod(double a, double bb)
{
    if (bb == 0)
        return 0;
    double b = fabs(bb), d = fmod(a, b);
    while (d > b)
        d -= b;
    while (-d > b)
        d += b;
    return d;
}

static long score_lrnd(double x)
{
    return x > (double)LONG_MIN && x < (double)LONG_MAX ? (long)(int32_t)lrint(x) : 0;
}

#define EXPR_STACK 64

typedef struct expr_stack {
    char op[EXPR_STACK];        /* '[' at the bottom */
    int line[EXPR_STACK], col[EXPR_STACK];
    double v[EXPR_STACK];
    int nop, nv;
} EXPR_STACK_T;

/* Apply the operator on top of the stack to the two values on top. */
static int expr_reduce(PARSER *P, EXPR_STACK_T *S)
{
    char op = S->op[S->nop - 1];
    int line = S->line[S->nop - 1], col = S->col[S->nop - 1];
    if (S->nv < 2)
        return fail(P, line, col, "'%c' is missing a number in [ ] expression", op);
    double a = S->v[S->nv - 2], b = S->v[S->nv - 1], r;
    switch (op) {
    case '+': r = a + b; break;
    case '-': r = a - b; break;
    case '*': r = a * b; break;
    case '/':
        if (b == 0)
            return fail(P, line, col, "division by zero in [ ] expression");
        r = a / b;
        break;
    case '%': r = score_mod(a, b); break;
    case '^':
        r = pow(a, b);
        if (isnan(r))
            return fail(P, line, col, "'^' gives no real number here");
        break;
    case '&': r = (double)(score_lrnd(a) & score_lrnd(b)); break;
    case '|': r = (double)(score_lrnd(a) | score_lrnd(b)); break;
    default: r = (double)(score_lrnd(a) ^ score_lrnd(b)); break;   /* '#' */
    }
    S->nop--;
    S->nv--;
    S->v[S->nv - 1] = r;
    return 0;
}

static int expr_push(PARSER *P, EXPR_STACK_T *S, char op)
{
    if (S->nop == EXPR_STACK)
        return fail(P, P->line, P->col, "[ ] expression too long (more than %d pending operators)", EXPR_STACK);
    S->op[S->nop] = op;
    S->line[S->nop] = P->line;
    S->col[S->nop++] = P->col;
    adv(P);
    return 0;
}

static int expr_value(PARSER *P, EXPR_STACK_T *S, double v)
{
    if (S->nv == EXPR_STACK)
        return fail(P, P->line, P->col, "[ ] expression too long");
    S->v[S->nv++] = v;
    return 0;
}

/* expr := '[' { number | '~' | '@'digits | '@@'digits | '(' | ')' | '[' expr ']' | op } ']'
 * op := '+' | '-' | '*' | '/' | '%' | '^' | '&' | '|' | '#'
 * Evaluated as Csound's sread.c read_expression does, with one operator stack
 * and its own precedence, which is not the usual one: '+' or '-' reduces only
 * the single operator below it ([1-2*3+4] is -9 in csound 6.18), '*' '/' '%'
 * reduce only one of their kind, '&' '|' '#' likewise, '^' never reduces (so
 * [2^3*2] is 64 and 2^3^2 is 512); the rest reduce at ')' and ']'.  A sign
 * right after an operator or '(' belongs to the number.  @N is the smallest
 * power of two above N, @@N that plus one above N-1 (both read digits only).
 * P is at the '['; on return it is just past the matching ']'. */
static int read_expr(PARSER *P, double *out, int depth)
{
    EXPR_STACK_T S;
    int line0 = P->line, col0 = P->col;
    int operand = 0;    /* 1: a value was just read (a binary operator, ')' or ']' may follow) */
    if (depth > 32)
        return fail(P, line0, col0, "[ ] expressions nested too deeply");
    S.nop = S.nv = 0;
    S.op[S.nop] = '[';
    S.line[S.nop] = line0;
    S.col[S.nop++] = col0;
    adv(P);
    for (;;) {
        int c = peekc(P), line = P->line, col = P->col;
        if (c == ' ' || c == '\t') {
            adv(P);
            continue;
        }
        if (!c || c == '\n' || c == '\r')
            return fail(P, line0, col0, "'[' has no matching ']'");
        if (isdigit(c) || c == '.' || ((c == '+' || c == '-') && !operand)) {
            if (operand)
                return fail(P, line, col, "a number cannot follow a number in [ ] expression");
            size_t len = scan_number(P->p);
            if (!len)
                return fail(P, line, col, "missing number after '%c' in [ ] expression", c);
            if (expr_value(P, &S, number_value(P->p, len)))
                return -1;
            while (len--)
                adv(P);
            operand = 1;
        } else if (c == '~') {
            if (operand)
                return fail(P, line, col, "'~' cannot follow a number in [ ] expression");
            if (expr_value(P, &S, score_rand(P)))
                return -1;
            adv(P);
            operand = 1;
        } else if (c == '@') {
            if (operand)
                return fail(P, line, col, "'@' cannot follow a number in [ ] expression");
            int k = 0;
            long n = 0;
            adv(P);
            if (peekc(P) == '@') {
                k = 1;
                adv(P);
            }
            while (isdigit(peekc(P))) {
                if (n < 100000000)
                    n = n * 10 + (peekc(P) - '0');
                adv(P);
            }
            long i = 1;
            while (i <= n - k && i < 0x4000000)
                i <<= 1;
            if (expr_value(P, &S, (double)(i + k)))
                return -1;
            operand = 1;
        } else if (c == '+' || c == '-') {
            char top = S.op[S.nop - 1];
            if (top != '[' && top != '(' && expr_reduce(P, &S))
                return -1;
            if (expr_push(P, &S, (char)c))
                return -1;
            operand = 0;
        } else if (c == '*' || c == '/' || c == '%' || c == '&' || c == '|' || c == '#') {
            if (!operand)
                return fail(P, line, col, "missing number before '%c' in [ ] expression", c);
            char top = S.op[S.nop - 1];
            int arith = c == '*' || c == '/' || c == '%';
            if ((arith ? strchr("*/%", top) : strchr("&|#", top)) && top && expr_reduce(P, &S))
                return -1;
            if (expr_push(P, &S, (char)c))
                return -1;
            operand = 0;
        } else if (c == '^') {
            if (expr_push(P, &S, '^'))
                return -1;
            operand = 0;
        } else if (c == '(') {
            if (operand)
                return fail(P, line, col, "'(' cannot follow a number in [ ] expression");
            if (expr_push(P, &S, '('))
                return -1;
        } else if (c == ')') {
            if (!operand)
                return fail(P, line, col, "missing number before ')' in [ ] expression");
            while (S.op[S.nop - 1] != '(') {
                if (S.op[S.nop - 1] == '[')
                    return fail(P, line, col, "')' has no matching '(' in [ ] expression");
                if (expr_reduce(P, &S))
                    return -1;
            }
            S.nop--;
            adv(P);
        } else if (c == '[') {
            if (operand)
                return fail(P, line, col, "'[' cannot follow a number in [ ] expression");
            double v;
            if (read_expr(P, &v, depth + 1) || expr_value(P, &S, v))
                return -1;
            operand = 1;
        } else if (c == ']') {
            if (!operand)
                return fail(P, line, col, "missing number in [ ] expression");
            while (S.op[S.nop - 1] != '[') {
                if (S.op[S.nop - 1] == '(')
                    return fail(P, S.line[S.nop - 1], S.col[S.nop - 1], "'(' has no matching ')' in [ ] expression");
                if (expr_reduce(P, &S))
                    return -1;
            }
            adv(P);
            *out = S.v[S.nv - 1];
            return 0;
        } else {
            return fail(P, line, col, "unexpected '%c' in [ ] expression", c);
        }
    }
}

/* ---------------------------------------------------------------- p-fields */

/* Can a statement start here (at the beginning of a line)?  Letters start
 * statements, except the p-field tokens npN, ppN and z that may begin a
 * continuation line. */
static int starts_statement(const PARSER *P)
{
    const char *s = P->p;
    if (!isalpha((unsigned char)s[0]))
        return s[0] == '#' || s[0] == '{' || s[0] == '}';
    if ((s[0] == 'n' || s[0] == 'p') && s[1] == 'p' && isdigit((unsigned char)s[2]))
        return 0;
    if (s[0] == 'z' && is_delim(s + 1))
        return 0;
    return 1;
}

/* field := number | '[' sum ']' | 'z' | '"' {char} '"' | '.' | '+' | '^' ('+'|'-') number
 *        | '<' | '>' | '(' | ')' | '!' | ('np' | 'pp') digits */
static int read_field(PARSER *P, FIELD *f)
{
    const char *s = P->p;
    int c = peekc(P);
    memset(f, 0, sizeof *f);
    f->line = P->line;
    f->col = P->col;
    f->sym = (char)c;

    if (c == '"') {
        size_t cap = 16, len = 0;
        char *str = malloc(cap);
        if (!str)
            return oom(P);
        adv(P);
        for (;;) {
            int ch = peekc(P);
            if (!ch || ch == '\n') {
                free(str);
                return fail(P, f->line, f->col, "unterminated string: '\"' has no closing '\"' on its line");
            }
            if (ch == '"') {
                adv(P);
                break;
            }
            if (ch == '\\' && (peek2(P) == '"' || peek2(P) == '\\')) {
                adv(P);
                ch = peekc(P);
            }
            if (len + 2 > cap) {
                char *t = realloc(str, cap *= 2);
                if (!t) {
                    free(str);
                    return oom(P);
                }
                str = t;
            }
            str[len++] = (char)ch;
            adv(P);
        }
        str[len] = 0;
        f->kind = FK_STR;
        f->str = str;
    } else if (c == '[') {
        if (read_expr(P, &f->v, 0))
            return -1;
        if (!is_delim(P->p))
            return fail(P, P->line, P->col, "unexpected '%.*s' after [ ] expression", token_len(P->p), P->p);
        if (!isfinite(f->v))
            return fail(P, f->line, f->col, "[ ] expression gives %g, not a usable number", f->v);
        f->kind = FK_NUM;
    } else if (c == '^' && (s[1] == '+' || s[1] == '-')) {
        size_t len = scan_number(s + 2);
        if (!len || s[2] == '+' || s[2] == '-' || !is_delim(s + 2 + len))
            return fail(P, f->line, f->col, "'^%c' must be followed by a number (e.g. ^+1.5)", s[1]);
        f->v = number_value(s + 2, len) * (s[1] == '-' ? -1 : 1);
        if (!isfinite(f->v))
            return fail(P, f->line, f->col, "number '%.*s' is out of range", (int)len, s + 2);
        f->kind = FK_CARET;
        for (size_t i = 0; i < len + 2; i++)
            adv(P);
    } else if ((c == 'n' || c == 'p') && s[1] == 'p' && isdigit((unsigned char)s[2])) {
        size_t i = 2;
        long ref = 0;
        while (isdigit((unsigned char)s[i]) && ref < 100000)
            ref = ref * 10 + (s[i++] - '0');
        if (!is_delim(s + i))
            return fail(P, f->line, f->col, "bad p-field '%.*s'", token_len(s), s);
        if (ref < 1 || ref > EV_MAXP)
            return fail(P, f->line, f->col, "'%.*s' refers to p%ld: p-fields go from p1 to p%d",
                        (int)i, s, ref, EV_MAXP);
        f->kind = c == 'n' ? FK_NP : FK_PP;
        f->v = (double)ref;
        while (i--)
            adv(P);
    } else if (c && strchr(".+<>()!", c) && is_delim(s + 1)) {
        f->kind = c == '.' ? FK_CARRY : c == '+' ? FK_PLUS : c == '!' ? FK_BANG
                : (c == '<' || c == '>') ? FK_RAMP : FK_EXPRAMP;
        adv(P);
    } else if (c == 'z' && is_delim(s + 1)) {
        f->kind = FK_NUM;
        f->v = SCO_Z;
        adv(P);
    } else if (c == '~' && is_delim(s + 1)) {
        f->kind = FK_TILDE;
        adv(P);
    } else {
        size_t len = scan_number(s);
        if (!len || !is_delim(s + len)) {
            if (isalpha(c))
                return fail(P, f->line, f->col,
                            "unexpected '%.*s' among p-fields (a statement must start its own line)",
                            token_len(s), s);
            return fail(P, f->line, f->col, "bad number '%.*s'", token_len(s), s);
        }
        f->v = number_value(s, len);
        if (!isfinite(f->v))
            return fail(P, f->line, f->col, "number '%.*s' is out of range", (int)len, s);
        f->kind = FK_NUM;
        while (len--)
            adv(P);
    }
    return 0;
}

static void free_fields(FIELD *f, int n)
{
    for (int k = 1; k <= n; k++) {
        free(f[k].str);
        f[k].str = NULL;
    }
}

/* fields := { blank field }  — up to the end of the statement: the next line
 * that starts with a statement letter (other lines continue this one), or the
 * end of the text.  Fills f[1..*nf]. */
static int read_fields(PARSER *P, char op, FIELD *f, int *nf)
{
    *nf = 0;
    for (;;) {
        int newline = 0;
        if (skip_blank(P, &newline))
            return -1;
        if (!peekc(P))
            return 0;
        if (newline && starts_statement(P))
            return 0;
        if (*nf == EV_MAXP)
            return fail(P, P->line, P->col, "too many p-fields in '%c' statement (at most %d)", op, EV_MAXP);
        if (read_field(P, &f[*nf + 1]))
            return -1;
        ++*nf;
    }
}

/* ---------------------------------------------------------------- instrument keys */

/* Carry follows the whole-number part of p1 (csound 6.18: i1.2 carries from
 * i1.1) or the instrument's name; np/pp and ramps follow the exact p1. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static uint64_t carry_hash(const SCO_EVENT *e)
{
    if (e->instr_name) {
        uint64_t h = 1469598103934665603ULL;
        for (const char *s = e->instr_name; *s; s++)
            h = (h ^ (unsigned char)*s) * 1099511628211ULL;
        return mix64(h);
    }
    return mix64((uint64_t)(int64_t)trunc(e->p[1]));
}

static int same_carry_key(const SCO_EVENT *a, const SCO_EVENT *b)
{
    if (a->instr_name || b->instr_name)
        return a->instr_name && b->instr_name && !strcmp(a->instr_name, b->instr_name);
    return trunc(a->p[1]) == trunc(b->p[1]);
}

/* The last event of the section with e's carry key, or -1. */
static int carry_find(const PARSER *P, const SCO_EVENT *e)
{
    if (!P->carry_cap)
        return -1;
    size_t mask = (size_t)P->carry_cap - 1;
    for (size_t i = carry_hash(e) & mask;; i = (i + 1) & mask) {
        int k = P->carry[i];
        if (k < 0)
            return -1;
        if (same_carry_key(&P->ev[k], e))
            return k;
    }
}

/* Place event idx in the table, replacing the previous event of its key. */
static void carry_place(PARSER *P, int idx)
{
    size_t mask = (size_t)P->carry_cap - 1;
    for (size_t i = carry_hash(&P->ev[idx]) & mask;; i = (i + 1) & mask) {
        int k = P->carry[i];
        if (k < 0) {
            P->carry[i] = idx;
            P->carry_used++;
            return;
        }
        if (same_carry_key(&P->ev[k], &P->ev[idx])) {
            P->carry[i] = idx;
            return;
        }
    }
}

/* Record event idx as the last one of its carry key (table at most half full). */
static int carry_put(PARSER *P, int idx)
{
    if ((P->carry_used + 1) * 2 > P->carry_cap) {
        int oldcap = P->carry_cap, *old = P->carry;
        int cap = oldcap ? oldcap * 2 : 64;
        int *t = malloc((size_t)cap * sizeof *t);
        if (!t)
            return oom(P);
        for (int i = 0; i < cap; i++)
            t[i] = -1;
        P->carry = t;
        P->carry_cap = cap;
        P->carry_used = 0;
        for (int i = 0; i < oldcap; i++)
            if (old[i] >= 0)
                carry_place(P, old[i]);
        free(old);
    }
    carry_place(P, idx);
    return 0;
}

/* ---------------------------------------------------------------- events */

/* An included file's name, kept by the score (its events point to it). */
static const char *own_name(PARSER *P, const char *name)
{
    SCO *o = P->out;
    for (int i = 0; i < o->nfiles; i++)
        if (!strcmp(o->files[i], name))
            return o->files[i];
    char **f = realloc(o->files, sizeof *f * (size_t)(o->nfiles + 1));
    if (!f)
        return NULL;
    o->files = f;
    return (f[o->nfiles] = strdup(name)) ? f[o->nfiles++] : NULL;
}

static int new_event(PARSER *P, char op, int line, int col)
{
    if (P->n == P->cap) {
        int cap = P->cap ? P->cap * 2 : 64;
        if (cap > (1 << 26))
            return fail(P, line, col, "too many score statements");
        SCO_EVENT *e = realloc(P->ev, (size_t)cap * sizeof *e);
        if (!e)
            return oom(P);
        P->ev = e;
        META *m = realloc(P->meta, (size_t)cap * sizeof *m);
        if (!m)
            return oom(P);
        P->meta = m;
        P->cap = cap;
    }
    int i = P->n++;
    memset(&P->ev[i], 0, sizeof P->ev[i]);
    memset(&P->meta[i], 0, sizeof P->meta[i]);
    P->ev[i].op = op;
    P->ev[i].seq = P->seq++;
    P->ev[i].file = P->file;
    if (P->map) {
        lang_pp_where(P->map, line, col, &P->ev[i].file, &line, &col);
        if (P->ev[i].file != P->file && (P->ev[i].file = own_name(P, P->ev[i].file)) == NULL)
            return oom(P);
    }
    P->ev[i].line = line;
    P->ev[i].col = col;
    return i;
}

/* pstr always has EV_MAXP + 1 entries here (more than the np + 1 promised),
 * so a statement that fails half-way, before its np is known, frees cleanly. */
static void free_event(SCO_EVENT *e)
{
    free(e->instr_name);
    e->instr_name = NULL;
    if (e->pstr) {
        for (int k = 0; k <= EV_MAXP; k++)
            free(e->pstr[k]);
        free(e->pstr);
        e->pstr = NULL;
    }
}

/* Give event e the string s (copied) as pk. */
static int set_pstr(PARSER *P, SCO_EVENT *e, int k, const char *s)
{
    if (!e->pstr) {
        e->pstr = calloc(EV_MAXP + 1, sizeof *e->pstr);
        if (!e->pstr)
            return oom(P);
    }
    free(e->pstr[k]);
    e->pstr[k] = NULL;
    if (s) {
        e->pstr[k] = strdup(s);
        if (!e->pstr[k])
            return oom(P);
    }
    return 0;
}

/* ---------------------------------------------------------------- statements */

static const char *kind_name(int kind, char sym)
{
    static const char *names[] = {
        [FK_PLUS] = "'+'", [FK_CARET] = "'^'", [FK_CARRY] = "'.'", [FK_BANG] = "'!'",
        [FK_NP] = "np", [FK_PP] = "pp", [FK_STR] = "a string", [FK_TILDE] = "random ramp '~'",
    };
    if (kind == FK_RAMP || kind == FK_EXPRAMP) {
        switch (sym) {
        case '<': return "ramp '<'";
        case '>': return "ramp '>'";
        case '(': return "ramp '('";
        default: return "ramp ')'";
        }
    }
    return kind < (int)(sizeof names / sizeof *names) && names[kind] ? names[kind] : "this";
}

/* Check that field k of an i statement may hold what was written there. */
static int check_i_field(PARSER *P, const FIELD *f, int k)
{
    int kind = f->kind;
    if (kind == FK_CARRY || kind == FK_BANG || kind == FK_NUM)
        return 0;
    if (k == 2 && (kind == FK_PLUS || kind == FK_CARET))
        return 0;
    if (k >= 4 && kind != FK_PLUS && kind != FK_CARET)
        return 0;
    if (kind == FK_PLUS || kind == FK_CARET)
        return fail(P, f->line, f->col, "%s is only allowed in p2 (start time), not in p%d",
                    kind_name(kind, f->sym), k);
    if (kind == FK_STR)
        return fail(P, f->line, f->col, "p%d (%s) must be a number, not a string", k,
                    k == 2 ? "start time" : "duration");
    return fail(P, f->line, f->col, "%s is not allowed in p%d (only from p4 on)", kind_name(kind, f->sym), k);
}

/* Resolve p2 of event i whose kind is '+' or '^' (written or carried). */
static void resolve_p2(PARSER *P, int i, int prev)
{
    SCO_EVENT *e = &P->ev[i];
    META *m = &P->meta[i];
    if (m->kind[2] == FK_PLUS) {
        /* '+' follows the previous note of the same instrument, and skips over
         * a held note's length (csound 6.18: "i1 0 -2 / i1 + 1" starts at 2). */
        e->p[2] = prev >= 0 ? P->ev[prev].p[2] + fabs(P->ev[prev].p[3]) : 0;
    } else if (m->kind[2] == FK_CARET) {
        /* '^' follows the previous i or f statement, whatever its instrument
         * (csound 6.18: "i1 0 1 / i2 5 2 / i1 ^+1 1" starts at 6, and after
         * "f 5 1 …" ^-0.5 is 0.5); v scales the offset. */
        e->p[2] = (P->last_action >= 0 ? P->ev[P->last_action].p[2] : 0) + m->caret * P->vmul;
    }
}

/* i_statement := 'i' [ p1 ] { field }
 * p1 := number | '[' sum ']' | '"' name '"' | '.' */
static int i_statement(PARSER *P, int line, int col, int denote)
{
    FIELD f[EV_MAXP + 2];
    int nf, rc = -1;
    if (read_fields(P, 'i', f, &nf)) {
        free_fields(f, nf);
        return -1;
    }
    int i = new_event(P, 'i', line, col);
    if (i < 0)
        goto out;
    SCO_EVENT *e = &P->ev[i];
    META *m = &P->meta[i];

    /* p1: carried from the previous i statement of any instrument when absent or '.' */
    if (nf < 1 || f[1].kind == FK_CARRY) {
        if (P->last_i < 0) {
            fail(P, nf ? f[1].line : line, nf ? f[1].col : col,
                 "i statement has no instrument (p1) and no earlier i statement in this section to carry it from");
            goto out;
        }
        const SCO_EVENT *src = &P->ev[P->last_i];
        e->p[1] = src->p[1];
        if (src->instr_name && !(e->instr_name = strdup(src->instr_name))) {
            oom(P);
            goto out;
        }
    } else if (f[1].kind == FK_STR) {
        if (!f[1].str[0]) {
            fail(P, f[1].line, f[1].col, "empty instrument name");
            goto out;
        }
        e->instr_name = f[1].str;
        f[1].str = NULL;
        e->p[1] = 0;
    } else if (f[1].kind == FK_NUM) {
        if (f[1].v == 0) {
            fail(P, f[1].line, f[1].col, "instrument number 0 cannot be played (p1 must not be 0)");
            goto out;
        }
        if (fabs(f[1].v) >= 1e9) {
            fail(P, f[1].line, f[1].col, "instrument number %g is out of range", f[1].v);
            goto out;
        }
        e->p[1] = f[1].v;
    } else {
        fail(P, f[1].line, f[1].col, "p1 must be an instrument number or a quoted name, not %s",
             kind_name(f[1].kind, f[1].sym));
        goto out;
    }
    m->kind[1] = FK_NUM;
    if (denote) {
        /* d p1 p2: turn the held note p1 off at p2, as "i -p1 p2" (a name gets '-' before it) */
        e->p[1] = -fabs(e->p[1]);
        if (e->instr_name && e->instr_name[0] != '-') {
            size_t len = strlen(e->instr_name);
            char *t = malloc(len + 2);
            if (!t) {
                oom(P);
                goto out;
            }
            t[0] = '-';
            memcpy(t + 1, e->instr_name, len + 1);
            free(e->instr_name);
            e->instr_name = t;
        }
    }

    int prev = carry_find(P, e);
    const SCO_EVENT *pe = prev >= 0 ? &P->ev[prev] : NULL;
    const META *pm = prev >= 0 ? &P->meta[prev] : NULL;

    /* p2…: written, '.', or (when missing at the end) carried from the
     * previous note of the same instrument; '!' ends the statement and its
     * carry (csound 6.18 also drops anything written after '!'). */
    int np = 1, bang = 0;
    for (int k = 2; k <= EV_MAXP; k++) {
        const FIELD *fk = k <= nf ? &f[k] : NULL;
        if (fk && fk->kind == FK_BANG)
            bang = 1;
        if (bang)
            break;
        if (fk && check_i_field(P, fk, k))
            goto out;
        if (fk && fk->kind != FK_CARRY) {
            m->kind[k] = (unsigned char)fk->kind;
            if (fk->kind == FK_STR) {
                if (set_pstr(P, e, k, fk->str))
                    goto out;
            } else if (fk->kind == FK_CARET) {
                m->caret = fk->v;
            } else {
                /* z is infinity only in p2 and p3, which csound reads as numbers (sread.c stof);
                 * from p4 on it reaches the note as 0 (csound 6.18) */
                e->p[k] = k >= 4 && fk->sym == 'z' ? 0 : fk->v;
            }
            if (k == 2 && fk->kind == FK_NUM)
                m->explicit_p2 = 1;
            if (k == 3 && fk->kind == FK_NUM)
                e->p[3] *= P->vmul;   /* v scales written durations, not carried ones */
            np = k;
        } else if (pe && k <= pe->np && (fk || k <= 3 || !P->nocarry)) {
            /* carried: the symbol itself, so '+' and np/pp mean the same thing
             * here; but a '^' start is carried as its value (csound 6.18:
             * "i1 0 1 / i1 ^+2 1 / i1" starts the third note at 2, not 4) */
            m->kind[k] = k == 2 && pm->kind[2] == FK_CARET ? FK_NUM : pm->kind[k];
            e->p[k] = pe->p[k];
            if (pe->pstr && pe->pstr[k] && set_pstr(P, e, k, pe->pstr[k]))
                goto out;
            np = k;
        } else if (fk || k <= 3) {
            /* '.' with nothing to carry: 0, as Csound does (it warns) */
            m->kind[k] = FK_NUM;
            e->p[k] = 0;
            np = k;
        } else {
            break;
        }
    }
    e->np = np < 3 ? 3 : np;
    for (int k = np + 1; k <= 3; k++)
        m->kind[k] = FK_NUM;

    if (m->explicit_p2)
        e->p[2] = e->p[2] * P->vmul + P->boff;
    resolve_p2(P, i, prev);
    if (!isfinite(e->p[2]) || !isfinite(e->p[3])) {
        fail(P, line, col, "start time or duration is out of range");
        goto out;
    }
    /* Csound warns and then misplaces later '^' notes; a note cannot start
     * before its section, so say so here */
    if (e->p[2] < 0) {
        fail(P, line, col, "note starts before its section: p2 is %g beats (after b, v, '^' and carry)", e->p[2]);
        goto out;
    }
    if (carry_put(P, i))
        goto out;
    P->last_i = P->last_action = i;
    rc = 0;
out:
    free_fields(f, nf);
    return rc;
}

/* f_statement := 'f' table time size gen { arg }      (f 0 t: keep playing until t) */
static int f_statement(PARSER *P, int line, int col)
{
    FIELD f[EV_MAXP + 2];
    int nf, rc = -1;
    if (read_fields(P, 'f', f, &nf)) {
        free_fields(f, nf);
        return -1;
    }
    if (nf < 1) {
        fail(P, line, col, "f statement needs a table number (p1)");
        goto out;
    }
    /* a GEN ondes lacks is named here, before anything plays, not when its table is due */
    if (nf >= 4 && f[1].kind == FK_NUM && f[1].v > 0) {
        if (f[4].kind == FK_STR) {
            fail(P, f[4].line, f[4].col, "named GEN \"%s\" is not supported (ondes has GEN %s)", f[4].str,
                 ftable_gen_list());
            goto out;
        }
        if (f[4].kind == FK_NUM && !ftable_gen_known(f[4].v >= -1000 && f[4].v <= 1000 ? (int)f[4].v : 0)) {
            fail(P, f[4].line, f[4].col, "GEN %g is not supported (ondes has GEN %s)", f[4].v, ftable_gen_list());
            goto out;
        }
    }
    for (int k = 1; k <= nf; k++) {
        int kind = f[k].kind;
        if (kind == FK_NUM || (kind == FK_STR && k >= 4))
            continue;
        if (kind == FK_STR)
            fail(P, f[k].line, f[k].col, "p%d of an f statement must be a number, not a string", k);
        else
            fail(P, f[k].line, f[k].col, "%s is not allowed in an f statement (carry and ramps are for i statements)",
                 kind_name(kind, f[k].sym));
        goto out;
    }
    int i = new_event(P, 'f', line, col);
    if (i < 0)
        goto out;
    SCO_EVENT *e = &P->ev[i];
    for (int k = 1; k <= nf; k++) {
        P->meta[i].kind[k] = (unsigned char)f[k].kind;
        if (f[k].kind == FK_STR) {
            if (set_pstr(P, e, k, f[k].str))
                goto out;
        } else {
            e->p[k] = f[k].v;
        }
    }
    e->np = nf < 2 ? 2 : nf;
    P->meta[i].kind[2] = FK_NUM;
    /* b and v move f statements too (csound 6.18: "b 5 / f 1 1 …" loads at
     * 6; "v 2 / f 1 1 …" at 2) */
    e->p[2] = e->p[2] * P->vmul + P->boff;
    if (e->p[2] < 0) {
        fail(P, line, col, "f statement comes before its section: p2 is %g beats (after b and v)", e->p[2]);
        goto out;
    }
    P->last_action = i;
    rc = 0;
out:
    free_fields(f, nf);
    return rc;
}

/* Read the fields of a statement that takes only numbers (t, s, e, a, b, v). */
static int numeric_fields(PARSER *P, char op, double *v, int *nv)
{
    FIELD f[EV_MAXP + 2];
    int nf;
    if (read_fields(P, op, f, &nf)) {
        free_fields(f, nf);
        return -1;
    }
    for (int k = 1; k <= nf; k++) {
        if (f[k].kind != FK_NUM) {
            int line = f[k].line, col = f[k].col;
            const char *what = kind_name(f[k].kind, f[k].sym);
            free_fields(f, nf);
            return fail(P, line, col, "'%c' statement takes only numbers, not %s", op, what);
        }
        v[k] = f[k].v;
    }
    *nv = nf;
    return 0;
}

/* t_statement := 't' 0 tempo { beat tempo }      (tempi in beats per minute) */
static int t_statement(PARSER *P, int line, int col)
{
    double v[EV_MAXP + 2];
    int nv;
    if (numeric_fields(P, 't', v, &nv))
        return -1;
    if (P->tempo_line)
        return fail(P, line, col, "a second t statement in one section (the first is at line %d)", P->tempo_line);
    if (nv < 2)
        return fail(P, line, col, "t statement needs at least a beat and a tempo (t 0 60)");
    if (nv % 2)
        return fail(P, line, col, "t statement: beat %g has no tempo after it", v[nv]);
    if (v[1] != 0)
        return fail(P, line, col, "t statement must start at beat 0, not %g", v[1]);
    for (int k = 1; k < nv; k += 2) {
        if (!(v[k + 1] > 0))
            return fail(P, line, col, "t statement: tempo %g at beat %g must be positive", v[k + 1], v[k]);
        if (k > 1 && v[k] < v[k - 2])
            return fail(P, line, col, "t statement: beat %g comes before beat %g (beats must not decrease)",
                        v[k], v[k - 2]);
    }
    double *t = malloc((size_t)nv * sizeof *t);
    if (!t)
        return oom(P);
    memcpy(t, v + 1, (size_t)nv * sizeof *t);
    free(P->tempo);
    P->tempo = t;
    P->ntempo = nv / 2;
    P->tempo_line = line;
    return 0;
}

/* ---------------------------------------------------------------- sections */

/* Seconds at beat b under the section's tempo.  Csound interpolates the
 * length of a beat (60/tempo) linearly between the given beats ("inverse
 * linear" in the manual), so time is the integral of a linear function:
 *   t(b) = t0 + d0*x + (d1 - d0) * x^2 / (2 * (b1 - b0)),  x = b - b0.
 * Checked against csound 6.18: t 0 60 4 120 puts beat 1 at 0.9375 s and
 * beat 2 at 1.75 s; the last tempo holds after the last beat. */
static double warp(const PARSER *P, double b)
{
    if (!P->ntempo)
        return b;
    const double *t = P->tempo;
    double secs = 0;
    if (b <= 0)
        return b * 60 / t[1];
    for (int i = 0; i + 1 < P->ntempo; i++) {
        double b0 = t[2 * i], b1 = t[2 * i + 2];
        double d0 = 60 / t[2 * i + 1], d1 = 60 / t[2 * i + 3];
        double span = b1 - b0;
        if (span <= 0)
            continue;   /* two tempi at one beat: a jump, no time passes */
        double x = b < b1 ? b - b0 : span;
        secs += d0 * x + (d1 - d0) * x * x / (2 * span);
        if (b < b1)
            return secs;
    }
    return secs + (b - t[2 * P->ntempo - 2]) * 60 / t[2 * P->ntempo - 1];
}

/* Notes grouped by exact p1 (csound 6.18: np4 in i1.1 skips i1.2), each group in time order. */
typedef struct grp {
    SCO_EVENT *e;
    int idx;        /* in P->ev: input order within the section */
} GRP;

static int grp_cmp(const void *a, const void *b)
{
    const GRP *x = a, *y = b;
    if (!!x->e->instr_name != !!y->e->instr_name)
        return x->e->instr_name ? 1 : -1;
    if (x->e->instr_name) {
        int c = strcmp(x->e->instr_name, y->e->instr_name);
        if (c)
            return c;
    } else if (x->e->p[1] != y->e->p[1]) {
        return x->e->p[1] < y->e->p[1] ? -1 : 1;
    }
    if (x->e->time != y->e->time)
        return x->e->time < y->e->time ? -1 : 1;
    /* Csound orders notes of one instrument at one time by p3 (csound 6.18:
     * np4 of "i1.5 2 .5" reaches "i1.5 2 2" even when written after it) */
    if (x->e->p[3] != y->e->p[3])
        return x->e->p[3] < y->e->p[3] ? -1 : 1;
    return x->idx - y->idx;
}

static int same_exact_p1(const SCO_EVENT *a, const SCO_EVENT *b)
{
    if (a->instr_name || b->instr_name)
        return a->instr_name && b->instr_name && !strcmp(a->instr_name, b->instr_name);
    return a->p[1] == b->p[1];
}

/* Ramps of field k in one instrument's notes g[0..n) (in time order):
 * "anchored at each end by the first real number found in the same pfield
 * of a preceding and following note played by the same instrument", and
 * interpolated on warped time (csound 6.18: 0 at 0 s, 40 at 4 s gives 10
 * at 1 s and 30 at 3 s). */
static int ramps(PARSER *P, GRP *g, int n, int k)
{
    int before = -1;    /* last note with a number in pk */
    for (int j = 0; j < n; j++) {
        META *m = &P->meta[g[j].idx];
        int kind = g[j].e->np >= k ? m->kind[k] : FK_NONE;
        if (kind == FK_NUM) {
            before = j;
            continue;
        }
        if (kind != FK_RAMP && kind != FK_EXPRAMP) {
            before = -1;    /* a string, np/pp or a missing field breaks the ramp */
            continue;
        }
        const SCO_EVENT *e = g[j].e;
        int after = j + 1;
        while (after < n && g[after].e->np >= k &&
               (P->meta[g[after].idx].kind[k] == FK_RAMP || P->meta[g[after].idx].kind[k] == FK_EXPRAMP))
            after++;
        const char *sym = kind == FK_RAMP ? "'<'" : "'('";
        char who[64];
        if (e->instr_name)
            snprintf(who, sizeof who, "\"%.40s\"", e->instr_name);
        else
            snprintf(who, sizeof who, "%g", e->p[1]);
        if (before < 0)
            return fail(P, e->line, e->col,
                        "p%d: ramp %s has no start value (no earlier note of instrument %s in this section gives p%d a number)",
                        k, sym, who, k);
        if (after >= n || g[after].e->np < k || P->meta[g[after].idx].kind[k] != FK_NUM)
            return fail(P, e->line, e->col,
                        "p%d: ramp %s has no end value (no later note of instrument %s in this section gives p%d a number)",
                        k, sym, who, k);
        /* fill the run j..after-1 */
        const SCO_EVENT *a = g[before].e, *z = g[after].e;
        double v0 = a->p[k], v1 = z->p[k];
        for (int r = j; r < after; r++) {
            SCO_EVENT *er = g[r].e;
            double span = z->time - a->time, frac;
            if (span > 0)
                frac = (er->time - a->time) / span;
            else
                frac = (double)(r - before) / (double)(after - before);
            int exp_ramp = P->meta[g[r].idx].kind[k] == FK_EXPRAMP;
            if (exp_ramp) {
                if (v0 == 0 || v1 == 0 || (v0 < 0) != (v1 < 0))
                    return fail(P, er->line, er->col,
                                "p%d: exponential ramp '(' needs two values of the same sign, not zero (%g to %g)",
                                k, v0, v1);
                er->p[k] = v0 * pow(v1 / v0, frac);
            } else {
                er->p[k] = v0 + (v1 - v0) * frac;
            }
            P->meta[g[r].idx].kind[k] = FK_NUM;
        }
        j = after - 1;
    }
    return 0;
}

/* npN / ppN of field k in note j of one instrument's notes g[0..n):
 * followed through chains of np/pp; a note that does not exist, or a field
 * it does not have, gives 0 (Csound substitutes zero and warns).  Every
 * field on the chain has the chain's value: all of them are set on the way
 * back, so no chain is walked twice (a score where every note says np4 took
 * quadratic time, found by fuzzing). */
static int next_prev(PARSER *P, GRP *g, int n, int j, int k)
{
    int cj = j, ck = k;
    long steps = 0, limit = (long)n * (EV_MAXP + 1) + 1;
    int (*path)[2] = NULL;      /* the (note, field) pairs passed */
    size_t npath = 0, cap = 0;
    double val = 0;
    const char *str = NULL;     /* the chain ends on a string */
    for (;;) {
        const META *m = &P->meta[g[cj].idx];
        const SCO_EVENT *c = g[cj].e;
        int kind = c->np >= ck ? m->kind[ck] : FK_NONE;
        if (kind == FK_NP || kind == FK_PP) {
            if (++steps > limit) {
                free(path);
                return fail(P, g[j].e->line, g[j].e->col, "p%d: np/pp references go round in a loop", k);
            }
            if (npath == cap) {
                cap = cap ? cap * 2 : 16;
                void *np = realloc(path, cap * sizeof *path);
                if (!np) {
                    free(path);
                    return oom(P);
                }
                path = np;
            }
            path[npath][0] = cj;
            path[npath++][1] = ck;
            int nj = kind == FK_NP ? cj + 1 : cj - 1;
            int nk = (int)c->p[ck];
            if (nj < 0 || nj >= n)
                break;
            cj = nj;
            ck = nk;
            continue;
        }
        if (kind == FK_STR)
            str = c->pstr[ck];
        else /* numbers; p2/p3 are given in beats, as written (csound 6.18: pp2 under t 0 120 gives beats) */
            val = kind == FK_NONE ? 0 : c->p[ck];
        break;
    }
    char *copy = str ? strdup(str) : NULL;   /* the source may be on the path itself */
    int r = str && !copy ? oom(P) : 0;
    for (size_t i = 0; i < npath && !r; i++) {
        SCO_EVENT *dst = g[path[i][0]].e;
        int dk = path[i][1];
        if (copy)
            r = set_pstr(P, dst, dk, copy);
        dst->p[dk] = 0;
        if (!copy)
            dst->p[dk] = val;
        P->meta[g[path[i][0]].idx].kind[dk] = copy ? FK_STR : FK_NUM;
    }
    free(copy);
    free(path);
    return r;
}

/* At one time, as csound's sort.c orders them: q, then notes turned off
 * (negative p1, d), then f, then notes. */
static int ev_rank(const SCO_EVENT *e)
{
    if (e->op == 'q')
        return 0;
    if (e->op == 'f')
        return 2;
    return e->p[1] < 0 || (e->instr_name && e->instr_name[0] == '-') ? 1 : 3;
}

/* Csound's sort order within a section (sort.c): time, notes turned off
 * first, instrument number, p3, input order. */
static int ev_cmp(const void *a, const void *b);

static int write_cmp(const void *a, const void *b)
{
    return ev_cmp(((const GRP *)a)->e, ((const GRP *)b)->e);
}

/* '~' p-fields: a uniform random value between the same field of the
 * instrument's previous and next notes that hold a number (swritestr.c's
 * random ramp), drawn in the order csound writes the section: sorted by
 * write_cmp, fields left to right.  g[0..ng) is sorted by instrument, then time. */
static int tilde_fields(PARSER *P, GRP *g, int ng)
{
    int any = 0;
    for (int j = 0; j < ng && !any; j++)
        for (int k = 4; k <= g[j].e->np; k++)
            any |= P->meta[g[j].idx].kind[k] == FK_TILDE;
    if (!any)
        return 0;
    GRP *w = malloc((size_t)ng * sizeof *w);
    int *pos = malloc((size_t)ng * sizeof *pos);   /* by w's entry: its place in g */
    if (!w || !pos) {
        free(w);
        free(pos);
        return oom(P);
    }
    for (int j = 0; j < ng; j++)
        w[j] = (GRP){ g[j].e, j };   /* idx holds the place in g while sorting */
    qsort(w, (size_t)ng, sizeof *w, write_cmp);
    for (int j = 0; j < ng; j++)
        pos[j] = w[j].idx;
    int rc = 0;
    for (int j = 0; j < ng && !rc; j++) {
        int at = pos[j];
        SCO_EVENT *e = g[at].e;
        for (int k = 4; k <= e->np && !rc; k++) {
            if (P->meta[g[at].idx].kind[k] != FK_TILDE)
                continue;
            int a = at - 1, z = at + 1;
            while (a >= 0 && same_exact_p1(g[a].e, e) && g[a].e->np >= k && P->meta[g[a].idx].kind[k] == FK_TILDE)
                a--;
            while (z < ng && same_exact_p1(g[z].e, e) && g[z].e->np >= k && P->meta[g[z].idx].kind[k] == FK_TILDE)
                z++;
            if (a < 0 || !same_exact_p1(g[a].e, e) || g[a].e->np < k || P->meta[g[a].idx].kind[k] != FK_NUM) {
                rc = fail(P, e->line, e->col, "p%d: random ramp '~' has no start value (no earlier note of this "
                          "instrument in this section gives p%d a number)", k, k);
                break;
            }
            if (z >= ng || !same_exact_p1(g[z].e, e) || g[z].e->np < k || P->meta[g[z].idx].kind[k] != FK_NUM) {
                rc = fail(P, e->line, e->col, "p%d: random ramp '~' has no end value (no later note of this "
                          "instrument in this section gives p%d a number)", k, k);
                break;
            }
            double v0 = g[a].e->p[k], v1 = g[z].e->p[k];
            e->p[k] = score_rand(P) * (v1 - v0) + v0;
        }
    }
    for (int j = 0; j < ng; j++)   /* numbers now (kept '~' until every draw, so each skips the others) */
        for (int k = 4; k <= g[j].e->np; k++)
            if (P->meta[g[j].idx].kind[k] == FK_TILDE)
                P->meta[g[j].idx].kind[k] = FK_NUM;
    free(w);
    free(pos);
    return rc;
}

/* a statements: from time a, d seconds of the performance are skipped (csound's
 * advanceCnt: no k-cycle runs, nothing is written, no note starts).  As the
 * score sees it: notes starting inside the skip are dropped (op 'x'), later
 * events come d earlier (their p2 still says the score's time: shift), a note
 * sounding across it loses the skipped part (csound freezes it instead: its p3
 * and envelopes then differ; a skip at a section's start, the usual use, is
 * exact), and the section is d shorter. */
static void advance(PARSER *P, int first, double *len)
{
    for (;;) {
        SCO_EVENT *adv = NULL;
        for (int i = first; i < P->n; i++)
            if (P->ev[i].op == 'a' && (!adv || P->ev[i].time < adv->time))
                adv = &P->ev[i];
        if (!adv)
            return;
        double a = adv->time, d = adv->dur;
        adv->op = 'x';
        for (int i = first; i < P->n; i++) {
            SCO_EVENT *e = &P->ev[i];
            if (e->op == 'x')
                continue;
            int starts = e->op == 'i' && e->p[1] > 0 && !(e->instr_name && e->instr_name[0] == '-');
            if (e->time >= a + d) {
                e->time -= d;
                e->shift += d;
            } else if (e->time > a || (e->time == a && !starts)) {   /* notes at a itself start
                                                                         * (csound sorts a after them) */
                if (starts) {
                    e->op = 'x';
                } else {
                    e->shift += e->time - a;
                    e->time = a;
                }
            } else if (starts && e->dur > 0 && e->time + e->dur > a) {   /* sounding across the skip */
                e->dur = e->time + e->dur > a + d ? e->dur - d : a - e->time;
            }
        }
        *len = *len > a + d ? *len - d : *len > a ? a : *len;
    }
}

/* Carry, tempo and sort are done: warp the section's times, resolve its
 * ramps and np/pp, place it after the previous section. */
static int end_section(PARSER *P)
{
    int first = P->sec_first, n = P->n - first;
    double len = 0;     /* seconds from the section start to its last action or note end */

    for (int i = first; i < P->n; i++) {
        SCO_EVENT *e = &P->ev[i];
        double b = e->p[2], d = e->p[3];
        e->time = warp(P, b);
        if (e->op == 'a') {
            e->dur = (P->ntempo ? warp(P, b + d) : b + d) - e->time;
            continue;
        }
        if (e->op == 'i') {
            /* p3 is the time between the warped start and end; a held note
             * keeps its sign (csound 6.18: -2 beats at t 0 30 gives -4 s) */
            /* without t statements p3 stays as written, as in csound (an end
             * minus a start would round: 2.9003 - 1.7003 is not 1.2) */
            double w = P->ntempo ? warp(P, b + fabs(d)) - e->time : fabs(d);
            e->dur = d < 0 ? -w : w;
            double end = e->time + (d < 0 ? 0 : e->dur);
            if (end > len)
                len = end;
        } else {
            e->dur = 0;
        }
        if (e->time > len)
            len = e->time;
    }
    if (P->sec_len >= 0 && warp(P, P->sec_len) > len)
        len = warp(P, P->sec_len);

    /* ramps and np/pp, per exact instrument, in time order */
    GRP *g = n ? malloc((size_t)n * sizeof *g) : NULL;
    int ng = 0;
    if (n && !g)
        return oom(P);
    for (int i = first; i < P->n; i++)
        if (P->ev[i].op == 'i')
            g[ng++] = (GRP){&P->ev[i], i};
    if (ng)
        qsort(g, (size_t)ng, sizeof *g, grp_cmp);
    for (int a = 0; a < ng;) {
        int z = a + 1;
        while (z < ng && same_exact_p1(g[a].e, g[z].e))
            z++;
        int maxnp = 0;
        for (int j = a; j < z; j++)
            if (g[j].e->np > maxnp)
                maxnp = g[j].e->np;
        for (int k = 4; k <= maxnp; k++)
            if (ramps(P, g + a, z - a, k))
                goto fail;
        for (int k = 4; k <= maxnp; k++)
            for (int j = a; j < z; j++) {
                const META *m = &P->meta[g[j].idx];
                if (g[j].e->np >= k && (m->kind[k] == FK_NP || m->kind[k] == FK_PP) &&
                    next_prev(P, g + a, z - a, j - a, k))
                    goto fail;
            }
        a = z;
    }
    if (tilde_fields(P, g, ng))
        goto fail;
    free(g);

    advance(P, first, &len);
    double *sl = realloc(P->seclens, sizeof *sl * (size_t)(P->nsec + 1));
    if (!sl)
        return oom(P);
    P->seclens = sl;
    sl[P->nsec] = len;
    double *sa = realloc(P->secats, sizeof *sa * (size_t)(P->nsec + 1));
    if (!sa)
        return oom(P);
    P->secats = sa;
    sa[P->nsec] = P->sec_len >= 0 ? warp(P, P->sec_len) : -1;
    for (int i = first; i < P->n; i++) {
        P->ev[i].sec = P->nsec;
        P->ev[i].sec_time = P->ev[i].time;
        P->ev[i].time += P->sec_start;
    }
    P->nsec++;
    P->sec_start += len;
    if (P->sec_start > P->end_time)
        P->end_time = P->sec_start;

    /* a new section: carry, b, v and tempo start afresh (csound 6.18) */
    P->sec_first = P->n;
    for (int i = 0; i < P->carry_cap; i++)
        P->carry[i] = -1;
    P->carry_used = 0;
    P->last_i = P->last_action = -1;
    P->boff = 0;
    P->vmul = 1;
    free(P->tempo);
    P->tempo = NULL;
    P->ntempo = 0;
    P->tempo_line = 0;
    P->sec_len = -1;
    return 0;
fail:
    free(g);
    return -1;
}

/* The rest of the statement's line: skipped (x, m, n and y read only their first word). */
static void skip_line(PARSER *P)
{
    while (peekc(P) && peekc(P) != '\n')
        adv(P);
}

/* name := letter { letter | digit | '_' }   (m and n, as sread.c's isNameChar) */
static int read_mark_name(PARSER *P, char op, char *buf, size_t cap, int line, int col)
{
    size_t n = 0;
    while (peekc(P) == ' ' || peekc(P) == '\t')
        adv(P);
    while ((n ? isalnum(peekc(P)) || peekc(P) == '_' : isalpha(peekc(P))) && n + 1 < cap) {
        buf[n++] = (char)peekc(P);
        adv(P);
    }
    buf[n] = 0;
    if (!n)
        return fail(P, line, col, "'%c' statement needs a section name (letters, digits, '_')", op);
    skip_line(P);
    return 0;
}

/* m NAME: remember where the next line starts.  Marks are kept in the text
 * after preprocessing, as csound's sread does, so a loop can replay them. */
static int m_statement(PARSER *P, int line, int col)
{
    char name[200];
    if (read_mark_name(P, 'm', name, sizeof name, line, col))
        return -1;
    struct mark *mk = NULL;
    for (int i = 0; i < P->nmarks; i++)
        if (!strcmp(P->marks[i].name, name))
            mk = &P->marks[i];
    if (!mk) {
        struct mark *t = realloc(P->marks, sizeof *t * (size_t)(P->nmarks + 1));
        if (!t)
            return oom(P);
        P->marks = t;
        mk = &P->marks[P->nmarks];
        if (!(mk->name = strdup(name)))
            return oom(P);
        P->nmarks++;
    }
    mk->p = P->p;
    mk->line = P->line;
    mk->col = P->col;
    return 0;
}

/* n NAME: read the statements after "m NAME" up to their s or e statement (which
 * ends a section here, as in csound), then go on after the n line. */
static int n_statement(PARSER *P, int line, int col)
{
    char name[200];
    if (read_mark_name(P, 'n', name, sizeof name, line, col))
        return -1;
    for (int i = 0; i < P->nmarks; i++)
        if (!strcmp(P->marks[i].name, name)) {
            if (P->nret == (int)(sizeof P->ret / sizeof *P->ret))
                return fail(P, line, col, "'n %s': named sections repeat inside each other too deeply", name);
            P->ret[P->nret++] = (struct ret){ P->p, P->line, P->col };
            P->p = P->marks[i].p;
            P->line = P->marks[i].line;
            P->col = P->marks[i].col;
            return 0;
        }
    return fail(P, line, col, "'n %s': no section named '%s' (an m statement must mark it before)", name, name);
}

/* x: skip the rest of the section, up to the next s, m or e statement (r is the preprocessor's). */
static void x_statement(PARSER *P)
{
    skip_line(P);
    for (;;) {
        int newline = 0;
        if (skip_blank(P, &newline) || !peekc(P))
            return;
        int c = peekc(P);
        if (c == 's' || c == 'm' || c == 'e')
            return;
        skip_line(P);
    }
}

/* y [seed]: the seed of [~] and '~' (from the clock without one, as csound). */
static void y_statement(PARSER *P)
{
    while (peekc(P) == ' ' || peekc(P) == '\t')
        adv(P);
    int c = peekc(P);
    if (isdigit(c) || c == '+' || c == '-' || c == '.') {
        size_t len = scan_number(P->p);
        P->seed = len ? (int32_t)number_value(P->p, len) : 0;
    } else {
        uint32_t t = (uint32_t)time(NULL);
        while (t >= 0x7FFFFFFEu)
            t -= 0x7FFFFFFEu;
        P->seed = (int32_t)(t + 1);
    }
    skip_line(P);
}

/* q p1 p2 p3: from p2 on, instrument p1 starts no new notes (p3 = 0) or starts them again (p3 != 0). */
static int q_statement(PARSER *P, int line, int col)
{
    FIELD f[EV_MAXP + 2];
    int nf, rc = -1;
    if (read_fields(P, 'q', f, &nf)) {
        free_fields(f, nf);
        return -1;
    }
    if (nf < 3) {
        fail(P, line, col, "q statement needs an instrument, a time and 0 (mute) or 1 (play): q p1 p2 p3");
        goto out;
    }
    for (int k = 1; k <= 3; k++)
        if (f[k].kind != FK_NUM && !(k == 1 && f[k].kind == FK_STR)) {
            fail(P, f[k].line, f[k].col, "p%d of a q statement must be a number%s", k, k == 1 ? " or a quoted name" : "");
            goto out;
        }
    int i = new_event(P, 'q', line, col);
    if (i < 0)
        goto out;
    SCO_EVENT *e = &P->ev[i];
    if (f[1].kind == FK_STR) {
        e->instr_name = f[1].str;
        f[1].str = NULL;
    } else {
        e->p[1] = f[1].v;
    }
    e->p[2] = f[2].v * P->vmul + P->boff;
    e->p[3] = f[3].v;
    e->np = 3;
    P->meta[i].kind[1] = P->meta[i].kind[2] = P->meta[i].kind[3] = FK_NUM;
    if (e->p[2] < 0) {
        fail(P, line, col, "q statement comes before its section: p2 is %g beats", e->p[2]);
        goto out;
    }
    rc = 0;
out:
    free_fields(f, nf);
    return rc;
}

/* statement := 'i' … | 'f' … | 't' … | 's' [len] | 'e' [time [time]] | 'a' … | 'b' off | 'B' off | 'v' mul
 * Returns 1 after 'e' (the rest of the text is ignored, as in Csound). */
static int statement(PARSER *P)
{
    int line = P->line, col = P->col;
    int op = peekc(P);
    double v[EV_MAXP + 2];
    int nv;

    if (op == '#')
        return fail(P, line, col, "score preprocessor directives ('#define', '#include'…) are not supported");
    if (op == '}' && P->nerrs) {   /* the end of a loop already reported */
        adv(P);
        return 0;
    }
    if (op == '{' || op == '}')
        return fail(P, line, col, "score loops '{' … '}' are not supported");
    adv(P);
    switch (op) {
    case 'i':
    case 'd':
        return i_statement(P, line, col, op == 'd');
    case 'q':
        return q_statement(P, line, col);
    case 'm':
        return m_statement(P, line, col);
    case 'n':
        return n_statement(P, line, col);
    case 'x':
        x_statement(P);
        return 0;
    case 'y':
        y_statement(P);
        return 0;
    case 'f':
        return f_statement(P, line, col);
    case 't':
        return t_statement(P, line, col);
    case 's':
    case 'e':
        if (numeric_fields(P, (char)op, v, &nv))
            return -1;
        /* s len / e time: the section lasts at least that many beats.  For e,
         * csound 6.18 takes p1 (e 5); the current manual writes e 0 5: with
         * two numbers, the second is the time. */
        if (nv >= 1)
            P->sec_len = op == 'e' && nv >= 2 ? v[2] : v[1];
        if (nv >= 1 && !(P->sec_len >= 0))
            return fail(P, line, col, "'%c' statement: time %g must not be negative", op, P->sec_len);
        if (end_section(P))
            return -1;
        if (P->nret) {   /* the end of a section n replayed: back to the n line (an e there ends only the section) */
            P->nret--;
            P->p = P->ret[P->nret].p;
            P->line = P->ret[P->nret].line;
            P->col = P->ret[P->nret].col;
            return 0;
        }
        if (op == 'e') {
            P->has_end = 1;
            return 1;
        }
        return 0;
    case 'a': {
        /* a p1 p2 p3: skip p3 beats of the performance from beat p2 (end_section does it) */
        if (numeric_fields(P, 'a', v, &nv))
            return -1;
        if (nv < 3 || !(v[3] >= 0))
            return fail(P, line, col, "'a' statement needs a time and a number of beats to skip: a 0 p2 p3");
        int i = new_event(P, 'a', line, col);
        if (i < 0)
            return -1;
        SCO_EVENT *e = &P->ev[i];
        e->np = 3;
        e->p[2] = v[2] * P->vmul + P->boff;   /* as sread.c's ifa: v and b move p2, not p3 */
        e->p[3] = v[3];
        P->meta[i].kind[1] = P->meta[i].kind[2] = P->meta[i].kind[3] = FK_NUM;
        return 0;
    }
    case 'b':
    case 'B':
        if (numeric_fields(P, (char)op, v, &nv))
            return -1;
        if (nv < 1)
            return fail(P, line, col, "'%c' statement needs a number of beats", op);
        P->boff = op == 'b' ? v[1] : P->boff + v[1];
        return 0;
    case 'v':
        if (numeric_fields(P, 'v', v, &nv))
            return -1;
        if (nv < 1 || !(v[1] > 0))
            return fail(P, line, col, "'v' statement needs a positive time factor");
        P->vmul = v[1];
        return 0;
    case 'r':
        return fail(P, line, col, "'r' must start its line (r COUNT [NAME])");
    case 'C':
        /* C 0 switches the carry of missing p-fields after p3 off, anything
         * else on again (Csound 6.08's sread.c: p1-p3 are carried either way,
         * and '.' still carries) */
        if (numeric_fields(P, 'C', v, &nv))
            return -1;
        if (nv < 1)
            return fail(P, line, col, "'C' statement needs 0 (carry off) or 1 (carry on)");
        P->nocarry = v[1] == 0;
        return 0;
    case 'w':
        return fail(P, line, col, "score statement '%c' is not supported", op);
    default:
        if (isprint(op))
            return fail(P, line, col, "unknown score statement '%c'", op);
        return fail(P, line, col, "unknown score statement (character code %d)", op);
    }
}

/* Final order: time, then rank, then input order. */
static int ev_cmp(const void *a, const void *b)
{
    const SCO_EVENT *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    if (ev_rank(x) != ev_rank(y))
        return ev_rank(x) - ev_rank(y);
    if (x->op == 'i' && y->op == 'i') {   /* notes: by instrument, then p3 (csound's sort.c) */
        double px = x->instr_name ? 0 : x->p[1], py = y->instr_name ? 0 : y->p[1];
        if (px != py)
            return px < py ? -1 : 1;
        if (x->p[3] != y->p[3])
            return x->p[3] < y->p[3] ? -1 : 1;
    }
    return x->seq - y->seq;   /* input order (loops and n repeat lines, so not the line) */
}

static void free_marks(PARSER *P)
{
    for (int i = 0; i < P->nmarks; i++)
        free(P->marks[i].name);
    free(P->marks);
    P->marks = NULL;
    P->nmarks = 0;
}

static void free_parser(PARSER *P)
{
    free_marks(P);
    free(P->seclens);
    free(P->secats);
    for (int i = 0; i < P->n; i++)
        free_event(&P->ev[i]);
    free(P->ev);
    free(P->meta);
    free(P->carry);
    free(P->tempo);
}

/* After an error: on to the next line that starts a statement (the lines
 * between continue the failed one). */
static void skip_statement(PARSER *P)
{
    /* the failed statement's fields may have been read up to the next statement's letter */
    const char *q = P->p - (P->col - 1);
    while (q < P->p && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
    if (q == P->p && peekc(P) && starts_statement(P))
        return;
    for (;;) {
        while (peekc(P) && peekc(P) != '\n')
            adv(P);
        if (!peekc(P))
            return;
        adv(P);
        while (peekc(P) == ' ' || peekc(P) == '\t' || peekc(P) == '\r')
            adv(P);
        if (!peekc(P) || (peekc(P) != '\n' && starts_statement(P)))
            return;
    }
}

/* score := { blank statement }   (after an error, reading goes on with the next statement) */
static int parse_text(const char *text, const char *file, int line0, const LANG_PP_MAP *map, SCO *out, char *err,
                      size_t errlen)
{
    PARSER P;
    memset(&P, 0, sizeof P);
    memset(out, 0, sizeof *out);
    P.map = map;
    P.out = out;
    P.p = text ? text : "";
    P.line = line0 > 0 ? line0 : 1;
    P.col = 1;
    P.file = file ? file : "<score>";
    P.err = err;
    P.errlen = errlen;
    P.last_i = P.last_action = -1;
    P.vmul = 1;
    P.sec_len = -1;
    P.seed = 15937;     /* csound_init_rand's randSeed1 */

    while (!P.stop) {
        P.failed = 0;
        if (skip_blank(&P, NULL))
            break;
        if (!peekc(&P) && P.nret) {   /* a named section without s or e after it */
            P.nret--;
            P.p = P.ret[P.nret].p;
            P.line = P.ret[P.nret].line;
            P.col = P.ret[P.nret].col;
            continue;
        }
        if (!peekc(&P))
            break;
        int c = peekc(&P);
        const char *start = P.p;
        int r;
        if (!isalpha(c) && c != '#' && c != '{' && c != '}')
            r = fail(&P, P.line, P.col, "expected a score statement (i, f, t, s, e…), found '%.*s'",
                     token_len(P.p), P.p);
        else
            r = statement(&P);
        if (r < 0) {
            if (P.p == start)
                adv(&P);   /* failed at its first character: past it, whatever it is */
            skip_statement(&P);
        }
        if (r == 1)
            break;
    }
    P.failed = 0;
    if (!P.stop && !P.has_end && P.sec_first < P.n)
        end_section(&P);
    if (P.nerrs)
        goto fail;

    /* Shrink pstr to the np+1 entries the header promises. */
    for (int i = 0; i < P.n; i++) {
        SCO_EVENT *e = &P.ev[i];
        if (e->pstr) {
            int any = 0;
            for (int k = e->np + 1; k <= EV_MAXP; k++) {
                free(e->pstr[k]);
                e->pstr[k] = NULL;
            }
            for (int k = 0; k <= e->np; k++)
                any |= e->pstr[k] != NULL;
            if (!any) {
                free(e->pstr);
                e->pstr = NULL;
            }
        }
    }
    int kept = 0;   /* events an a statement skipped, and a statements themselves, go */
    for (int i = 0; i < P.n; i++) {
        if (P.ev[i].op == 'x' || P.ev[i].op == 'a')
            free_event(&P.ev[i]);
        else
            P.ev[kept++] = P.ev[i];
    }
    P.n = kept;
    if (P.n)
        qsort(P.ev, (size_t)P.n, sizeof *P.ev, ev_cmp);
    free(P.meta);
    free(P.carry);
    free(P.tempo);
    free_marks(&P);
    out->ev = P.ev;
    out->n = P.n;
    out->sec_len = P.seclens;
    out->sec_at = P.secats;
    out->nsec = P.nsec;
    out->end_time = P.end_time;
    out->has_end = P.has_end;
    return 0;
fail:
    free_parser(&P);
    sco_free(out);
    return -1;
}

typedef struct pp_ctx {
    SCO *out;
    const char *file;
} PP_CTX;

static int parse_pp_text(void *ctx, const char *text, size_t len, const char *file, const LANG_PP_MAP *map,
                         char *err, size_t errlen)
{
    PP_CTX *c = ctx;
    (void)len;
    (void)file;
    return parse_text(text, c->file, 1, map, c->out, err, errlen);
}

int sco_parse(const char *text, const char *file, int line0, SCO *out, char *err, size_t errlen)
{
    if (!file)
        file = "<score>";
    if (err && errlen)
        err[0] = 0;
    /* loops and repeats ({ }, r) are the preprocessor's too, so every score with text goes through it */
    if (!text || !text[0])
        return parse_text(text, file, line0, NULL, out, err, errlen);
    PP_CTX c = { out, file };
    memset(out, 0, sizeof *out);
    if (err && errlen)
        err[0] = 0;
    return lang_pp_run(text, strlen(text), file, line0 > 0 ? line0 : 1, 0, parse_pp_text, &c, err, errlen) ? -1 : 0;
}

void sco_free(SCO *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        free_event(&s->ev[i]);
    free(s->ev);
    free(s->sec_len);
    free(s->sec_at);
    for (int i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    memset(s, 0, sizeof *s);
}
