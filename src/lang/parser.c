/* parser.c — recursive-descent parser for the Csound orchestra language, building the syntax tree. */
#include "parser.h"
#include "errs.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Errors: like a C compiler, the parser reports an error and goes on with
 * the next statement (`recovering`): the rest of the line is skipped, a
 * block missing its closer ends where the next construct starts, and a
 * closer left without its opener after an earlier error is passed over
 * silently (it is the earlier error's echo).  A statement that fails after
 * its outputs were read stays in the tree as an error statement (parser.h)
 * so the compiler declares them and their uses raise no more errors.
 */
typedef struct parser {
    LEXER lx;
    TOKEN tok, ahead;
    int has_ahead;
    AST_ARENA *arena;
    const char *file;
    int (*is_opcode)(const char *name, void *ud);
    void *ud;
    char *err;
    size_t errlen;
    jmp_buf fail;       /* too many errors: the parse stops */
    jmp_buf *recover;   /* the statement being read: an error ends it */
    int nerrs;
    int unclosed;       /* the block just read ended without its closer (reported) */
    int in_cond;        /* reading an if/while condition: '=' compares, as '==' (Csound's grammar) */
    NODE *partial;      /* the statement being read, for its outputs if it fails */
    int depth;          /* nesting of expressions and blocks (see nest) */
    char **udos;        /* names this text defines with 'opcode' (found before parsing) */
    int nudos;
} PARSER;

/* Record an error; past LANG_MAX_ERRORS the parse stops. */
static void vreport(PARSER *p, int line, int col, const char *fmt, va_list ap)
{
    p->nerrs++;
    if (lang_err_vadd(p->err, p->errlen, p->file, line, col, fmt, ap)) longjmp(p->fail, 1);
}

static void report(PARSER *p, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(PARSER *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(p, line, col, fmt, ap);
    va_end(ap);
}

/* Record an error and abandon the statement being read. */
static void perror_at(PARSER *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5), noreturn));
static void perror_at(PARSER *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(p, line, col, fmt, ap);
    va_end(ap);
    longjmp(p->recover ? *p->recover : p->fail, 1);
}

/* A lexical error: the lexer has moved past the bad text; it forgets the error so reading can go on. */
static void lex_failed(PARSER *p, int jump)
{
    char msg[sizeof p->lx.err];
    memcpy(msg, p->lx.err, sizeof msg);
    p->lx.err[0] = 0;
    if (jump) perror_at(p, p->lx.err_line, p->lx.err_col, "%s", msg);
    report(p, p->lx.err_line, p->lx.err_col, "%s", msg);
}

static TOKEN lex(PARSER *p)
{
    TOKEN t = lang_lex_next(&p->lx);
    if (p->lx.err[0]) lex_failed(p, 1);
    return t;
}

static void advance(PARSER *p)
{
    if (p->has_ahead) { p->tok = p->ahead; p->has_ahead = 0; }
    else p->tok = lex(p);
}

static const TOKEN *peek2(PARSER *p)
{
    if (!p->has_ahead) { p->ahead = lex(p); p->has_ahead = 1; }
    return &p->ahead;
}

static int is_kw(const TOKEN *t, const char *kw)
{
    return t->kind == T_IDENT && (size_t)t->len == strlen(kw) && memcmp(t->start, kw, (size_t)t->len) == 0;
}

static char *tokstr(PARSER *p, const TOKEN *t) { return ast_strndup(p->arena, t->start, (size_t)t->len); }

static const char *describe(PARSER *p, const TOKEN *t, char *buf, size_t n)
{
    if (t->kind == T_IDENT || t->kind == T_NUMBER)
        snprintf(buf, n, "'%.*s'", t->len > 40 ? 40 : t->len, t->start);
    else
        snprintf(buf, n, "%s", lang_tokname(t->kind));
    return buf;
}

static void expect(PARSER *p, TOKKIND k, const char *what)
{
    if (p->tok.kind != k) {
        char b[64];
        perror_at(p, p->tok.line, p->tok.col, "expected %s%s, found %s", lang_tokname(k), what,
                  describe(p, &p->tok, b, sizeof b));
    }
    advance(p);
}

static void skip_line(PARSER *p);

/* The end of a statement's line; anything more is reported and skipped (the statement stands). */
static void end_of_statement(PARSER *p)
{
    if (p->tok.kind == T_NEWLINE) { advance(p); return; }
    if (p->tok.kind == T_EOF) return;
    char b[64];
    report(p, p->tok.line, p->tok.col, "unexpected %s after the statement", describe(p, &p->tok, b, sizeof b));
    skip_line(p);
}

/* The next token whatever the lexer finds: after an error, the rest of a line is skipped unread. */
static void advance_quiet(PARSER *p)
{
    if (p->has_ahead) { p->tok = p->ahead; p->has_ahead = 0; return; }
    for (;;) {
        p->tok = lang_lex_next(&p->lx);
        if (!p->lx.err[0]) return;
        p->lx.err[0] = 0;
    }
}

static void skip_line(PARSER *p)
{
    while (p->tok.kind != T_NEWLINE && p->tok.kind != T_EOF) advance_quiet(p);
}

/* Blank lines between statements; a lexical error there is reported and its line skipped. */
static void skip_newlines(PARSER *p)
{
    while (p->tok.kind == T_NEWLINE) {
        if (p->has_ahead) { advance(p); continue; }
        p->tok = lang_lex_next(&p->lx);
        if (p->lx.err[0]) {
            lex_failed(p, 0);
            skip_line(p);
        }
    }
}

/* An error statement (parser.h) standing for one that failed after its outputs were read. */
static NODE *error_stmt(PARSER *p)
{
    NODE *n = p->partial;
    if (!n || (!n->nouts && !(n->kind == N_OPCODE && n->name))) return NULL;
    n->str2 = n->kind == N_OPCODE ? n->name : NULL;
    n->kind = N_OPCODE;
    n->name = "";
    n->nkids = 0;
    return n;
}

/* fn(p, arg) with a recovery point: after an error in it (recorded), the rest
 * of the line is skipped and an error statement, or NULL, stands for it. */
static NODE *recovering(PARSER *p, NODE *(*fn)(PARSER *, NODE *), NODE *arg)
{
    jmp_buf here, *outer = p->recover;
    int depth = p->depth;
    NODE *volatile s = NULL;
    p->recover = &here;
    p->partial = NULL;
    if (setjmp(here) == 0) {
        s = fn(p, arg);
    } else {
        p->depth = depth;
        s = error_stmt(p);
        skip_line(p);
    }
    p->partial = NULL;
    p->recover = outer;
    return s;
}

static NODE *expr(PARSER *p);

/* A built-in opcode, one the orchestra defined before, or one this text
 * defines anywhere (a UDO may be defined after the instrument that uses it). */
static int is_opcode(PARSER *p, const char *name)
{
    for (int i = 0; i < p->nudos; i++)
        if (!strcmp(p->udos[i], name)) return 1;
    if (!strcmp(name, "xin") || !strcmp(name, "xout") || !strcmp(name, "setksmps")) return 1;   /* compile.c's */
    return p->is_opcode(name, p->ud);
}

/* The parser and the compiler recurse over the tree: 1000 levels of nesting
 * (parentheses, calls, unary signs, blocks, or a chain of 1000 operators in
 * one expression) is far past real code and well within the stack; a 1 MB
 * line of '(' overflowed it (found by fuzzing). */
#define MAX_NEST 1000
static void nest(PARSER *p, int extra)
{
    if (p->depth + extra > MAX_NEST)
        perror_at(p, p->tok.line, p->tok.col, "nested too deeply (more than %d levels)", MAX_NEST);
}

/* arglist := [ expr { ',' expr } ]  (until a token that cannot continue) */
static void arglist(PARSER *p, NODE *n, TOKKIND closer)
{
    if (p->tok.kind == closer || p->tok.kind == T_NEWLINE || p->tok.kind == T_EOF) return;
    for (;;) {
        ast_add(p->arena, &n->kids, &n->nkids, expr(p));
        if (p->tok.kind != T_COMMA) break;
        advance(p);
        while (p->tok.kind == T_NEWLINE) advance(p);   /* a list goes on after a comma at the end of a line */
    }
}

/* index := '[' expr ']' { '[' expr ']' }   (after an array's name: its element) */
static NODE *index_suffix(PARSER *p, NODE *var)
{
    NODE *n = ast_node(p->arena, N_INDEX, var->line, var->col);
    n->name = var->name;
    while (p->tok.kind == T_LBRACK) {
        TOKEN lb = p->tok;
        advance(p);
        ast_add(p->arena, &n->kids, &n->nkids, expr(p));
        if (p->tok.kind != T_RBRACK)
            perror_at(p, p->tok.line, p->tok.col, "expected ']' to close the '[' at %d:%d", lb.line, lb.col);
        advance(p);
    }
    return n;
}

/* primary := NUMBER | STRING | name | name ['(' args ')'] | name ':' rate '(' args ')' | '(' expr ')' */
static NODE *primary(PARSER *p)
{
    TOKEN t = p->tok;
    NODE *n;
    switch (t.kind) {
    case T_NUMBER:
        advance(p);
        n = ast_node(p->arena, N_NUM, t.line, t.col);
        n->num = t.num;
        n->name = tokstr(p, &t);   /* as written, for print's argument names */
        return n;
    case T_STRING:
        advance(p);
        n = ast_node(p->arena, N_STR, t.line, t.col);
        n->name = ast_strndup(p->arena, t.str, strlen(t.str));
        return n;
    case T_LBRACK:   /* Csound 7's array literal; 6.18 has only fillarray */
        perror_at(p, t.line, t.col, "array literals [a, b, …] are not in Csound 6.18: use fillarray(a, b, …)");
    case T_LPAREN: {
        advance(p);
        n = expr(p);
        if (p->tok.kind != T_RPAREN)
            perror_at(p, p->tok.line, p->tok.col, "expected ')' to close the '(' at %d:%d", t.line, t.col);
        advance(p);
        return n;
    }
    case T_IDENT: {
        advance(p);
        /* name:rate(args) — Csound 6's typed function call */
        if (p->tok.kind == T_COLON && !p->tok.space_before) {
            const TOKEN *r = peek2(p);
            if (r->kind == T_IDENT && r->len == 1 && strchr("aikS", r->start[0])) {
                advance(p);
                char rate = p->tok.start[0];
                advance(p);
                if (p->tok.kind != T_LPAREN)
                    perror_at(p, p->tok.line, p->tok.col, "expected '(' after '%.*s:%c'", t.len, t.start, rate);
                advance(p);
                n = ast_node(p->arena, N_CALL, t.line, t.col);
                n->name = tokstr(p, &t);
                n->rate = rate;
                arglist(p, n, T_RPAREN);
                if (p->tok.kind != T_RPAREN)
                    perror_at(p, p->tok.line, p->tok.col, "expected ')' to close the call of '%s'", n->name);
                advance(p);
                return n;
            }
        }
        /* cpspch(p4), and cpspch (p4) too when the name is an opcode (Csound reads both) */
        if (p->tok.kind == T_LPAREN && (!p->tok.space_before || p->is_opcode(tokstr(p, &t), p->ud))) {
            advance(p);
            n = ast_node(p->arena, N_CALL, t.line, t.col);
            n->name = tokstr(p, &t);
            arglist(p, n, T_RPAREN);
            if (p->tok.kind != T_RPAREN)
                perror_at(p, p->tok.line, p->tok.col, "expected ')' to close the call of '%s'", n->name);
            advance(p);
            return n;
        }
        n = ast_node(p->arena, N_VAR, t.line, t.col);
        n->name = tokstr(p, &t);
        if (p->tok.kind == T_LBRACK) return index_suffix(p, n);
        return n;
    }
    default: {
        char b[64];
        perror_at(p, t.line, t.col, "expected an expression, found %s", describe(p, &t, b, sizeof b));
    }
    }
}

/* unary := ('-' | '+' | '!' | '~') unary | primary */
static NODE *unary(PARSER *p)
{
    TOKEN t = p->tok;
    if (t.kind == T_MINUS || t.kind == T_PLUS || t.kind == T_NOT || t.kind == T_TILDE) {
        advance(p);
        p->depth++;
        nest(p, 0);
        NODE *k = unary(p);
        p->depth--;
        if (t.kind == T_PLUS) return k;
        if (t.kind == T_MINUS && k->kind == N_NUM) {
            k->num = -k->num;
            size_t len = strlen(k->name);
            char *neg = ast_alloc(p->arena, len + 2);
            neg[0] = '-';
            memcpy(neg + 1, k->name, len + 1);
            k->name = neg;
            return k;
        }
        NODE *n = ast_node(p->arena, N_UNOP, t.line, t.col);
        n->op = t.kind;
        ast_add(p->arena, &n->kids, &n->nkids, k);
        return n;
    }
    return primary(p);
}

/* Binary operators by precedence level, lowest first, as Csound 6.18's
 * grammar declares them (Engine/csound_orc.y): && and || share one level (so
 * a || b && c is (a || b) && c), and # binds tighter than ^ (2 + 6 # 3 is 7;
 * checked with csound):
 *   || && ; | ; & ; == != < > <= >= ; << >> ; + - ; * / % ; ^ ; #  */
static int level_of(TOKKIND k)
{
    switch (k) {
    case T_OR: case T_AND: return 1;
    case T_BITOR: return 2;
    case T_BITAND: return 3;
    case T_EQ: case T_NE: case T_LT: case T_GT: case T_LE: case T_GE: return 4;
    case T_SHL: case T_SHR: return 5;
    case T_PLUS: case T_MINUS: return 6;
    case T_STAR: case T_SLASH: case T_PERCENT: return 7;
    case T_CARET: return 8;
    case T_HASH: return 9;
    default: return 0;
    }
}

/* binary(level) := unary { op(level ≥ min) binary(level+1) }   (left associative) */
static NODE *binary(PARSER *p, int min)
{
    NODE *l = unary(p);
    for (int chain = 1;; chain++) {
        TOKEN t = p->tok;
        if (t.kind == T_ASSIGN && p->in_cond) t.kind = T_EQ;   /* if ktrig = 0 goto … */
        int lv = level_of(t.kind);
        if (!lv || lv < min) return l;
        nest(p, chain);   /* each operator makes the left-leaning tree one deeper */
        advance(p);
        NODE *r = binary(p, lv + 1);
        NODE *n = ast_node(p->arena, N_BINOP, t.line, t.col);
        n->op = t.kind;
        ast_add(p->arena, &n->kids, &n->nkids, l);
        ast_add(p->arena, &n->kids, &n->nkids, r);
        l = n;
    }
}

/* expr := binary [ '?' expr ':' expr ] */
static NODE *expr(PARSER *p)
{
    p->depth++;
    nest(p, 0);
    NODE *c = binary(p, 1);
    if (p->tok.kind != T_QUESTION) {
        p->depth--;
        return c;
    }
    TOKEN q = p->tok;
    advance(p);
    NODE *a = expr(p);
    expect(p, T_COLON, " in the conditional expression");
    NODE *b = expr(p);
    NODE *n = ast_node(p->arena, N_COND, q.line, q.col);
    ast_add(p->arena, &n->kids, &n->nkids, c);
    ast_add(p->arena, &n->kids, &n->nkids, a);
    ast_add(p->arena, &n->kids, &n->nkids, b);
    p->depth--;
    return n;
}

static NODE *block(PARSER *p, const char *const *enders, const char *opener, int oline, int ocol);

/* condition := expr, where '=' compares */
static NODE *condition(PARSER *p)
{
    int outer = p->in_cond;
    p->in_cond = 1;
    NODE *c = expr(p);
    p->in_cond = outer;
    return c;
}

static NODE *label_ref(PARSER *p, NODE *g)
{
    if (p->tok.kind != T_IDENT) perror_at(p, p->tok.line, p->tok.col, "expected a label after '%s'",
                                          g->rate == 'g' ? "goto" : g->rate == 'i' ? "igoto" : "kgoto");
    g->name = tokstr(p, &p->tok);
    /* the label's own position, for "undefined label" */
    NODE *at = ast_node(p->arena, N_VAR, p->tok.line, p->tok.col);
    at->name = g->name;
    ast_add(p->arena, &g->outs, &g->nouts, at);
    advance(p);
    return g;
}

static int goto_kind(const TOKEN *t)
{
    if (is_kw(t, "goto")) return 'g';
    if (is_kw(t, "igoto")) return 'i';
    if (is_kw(t, "kgoto")) return 'k';
    return 0;
}

/* 'then', or Csound's 'ithen' (the condition jumps at i-time only) and
 * 'kthen' (as then): 't', 'i', 'k'; 0 for none of them. */
static char then_kind(const TOKEN *t)
{
    return is_kw(t, "then") ? 't' : is_kw(t, "ithen") ? 'i' : is_kw(t, "kthen") ? 'k' : 0;
}

/* if := 'if' expr ('goto'|'igoto'|'kgoto') label
 *     | 'if' expr then block { 'elseif' expr then block } [ 'else' block ] 'endif'
 * then := 'then' | 'ithen' | 'kthen'   (kept as the block's rate) */
static NODE *if_statement(PARSER *p)
{
    TOKEN t = p->tok;
    advance(p);
    NODE *cond = condition(p);
    int gk = goto_kind(&p->tok);
    if (gk) {
        advance(p);
        NODE *g = ast_node(p->arena, N_GOTO, t.line, t.col);
        g->rate = (char)gk;
        ast_add(p->arena, &g->kids, &g->nkids, cond);
        return label_ref(p, g);
    }
    char then = then_kind(&p->tok);
    if (!then) {
        char b[64];
        perror_at(p, p->tok.line, p->tok.col, "expected 'then' or 'goto' after the condition, found %s",
                  describe(p, &p->tok, b, sizeof b));
    }
    advance(p);
    NODE *n = ast_node(p->arena, N_IF, t.line, t.col);
    static const char *const enders[] = { "elseif", "else", "endif", NULL };
    for (;;) {
        ast_add(p->arena, &n->kids, &n->nkids, cond);
        NODE *b = block(p, enders, "if", t.line, t.col);
        b->rate = then;
        ast_add(p->arena, &n->kids, &n->nkids, b);
        if (is_kw(&p->tok, "elseif")) {
            advance(p);
            cond = condition(p);
            if (!(then = then_kind(&p->tok)))
                perror_at(p, p->tok.line, p->tok.col, "expected 'then' after the elseif condition");
            advance(p);
            continue;
        }
        if (is_kw(&p->tok, "else")) {
            advance(p);
            static const char *const e2[] = { "endif", NULL };
            ast_add(p->arena, &n->kids, &n->nkids, block(p, e2, "if", t.line, t.col));
        }
        if (!p->unclosed) advance(p);   /* endif */
        return n;
    }
}

/* while := ('while'|'until') expr 'do' block ('od' | 'enduntil') */
static NODE *while_statement(PARSER *p, int until)
{
    TOKEN t = p->tok;
    advance(p);
    NODE *n = ast_node(p->arena, N_WHILE, t.line, t.col);
    n->op = until;
    ast_add(p->arena, &n->kids, &n->nkids, condition(p));
    if (!is_kw(&p->tok, "do")) perror_at(p, p->tok.line, p->tok.col, "expected 'do' after the loop condition");
    advance(p);
    static const char *const enders[] = { "od", NULL }, *const until_enders[] = { "od", "enduntil", NULL };
    ast_add(p->arena, &n->kids, &n->nkids, block(p, until ? until_enders : enders, until ? "until" : "while", t.line, t.col));
    if (!p->unclosed) advance(p);   /* od */
    return n;
}

/*
 * statement := label ':' | if | while | goto label
 *            | outs ('=' | '+=' | '-=' | '*=' | '/=') expr
 *            | [outs] opcode [args]          outs := out { ',' out }
 *   out := name { '[' ']' }   (declares an array)  | name index   (an element)
 *            | opcode '(' args ')'
 * Whether the first name is an output or the opcode is decided as Csound
 * does: by whether it names an opcode.
 */
static NODE *statement(PARSER *p)
{
    NODE *n;
    TOKEN t = p->tok;
    if (t.kind != T_IDENT) {
        char b[64];
        perror_at(p, t.line, t.col, "expected a statement, found %s", describe(p, &t, b, sizeof b));
    }
    if (is_kw(&t, "if")) return if_statement(p);
    if (is_kw(&t, "while")) return while_statement(p, 0);
    if (is_kw(&t, "until")) return while_statement(p, 1);
    int gk = goto_kind(&t);
    if (gk) {
        advance(p);
        NODE *g = ast_node(p->arena, N_GOTO, t.line, t.col);
        g->rate = (char)gk;
        return label_ref(p, g);
    }
    const TOKEN *t2 = peek2(p);
    if (t2->kind == T_COLON) {
        const TOKEN *nx = NULL;
        advance(p);   /* now at ':' */
        nx = peek2(p);
        if (!(nx->kind == T_IDENT && nx->len == 1 && !p->tok.space_before)
            || nx->kind == T_NEWLINE || nx->kind == T_EOF) {
            advance(p);
            NODE *l = ast_node(p->arena, N_LABEL, t.line, t.col);
            l->name = tokstr(p, &t);
            return l;
        }
        /* name:rate(...) as a statement: re-parse as an expression call */
        perror_at(p, t.line, t.col, "a function call ('%.*s:%.*s(…)') cannot stand alone as a statement",
                  t.len, t.start, nx->len, nx->start);
    }
    char *name0 = tokstr(p, &t);
    if (t2->kind == T_ASSIGN || t2->kind == T_PLUSEQ || t2->kind == T_MINUSEQ || t2->kind == T_STAREQ
        || t2->kind == T_SLASHEQ || t2->kind == T_COMMA || (t2->kind == T_LBRACK && !p->is_opcode(name0, p->ud))) {
        n = ast_node(p->arena, N_ASSIGN, t.line, t.col);
        p->partial = n;
        for (;;) {
            NODE *o = ast_node(p->arena, N_VAR, p->tok.line, p->tok.col);
            if (p->tok.kind != T_IDENT) perror_at(p, p->tok.line, p->tok.col, "expected a variable name");
            o->name = tokstr(p, &p->tok);
            advance(p);
            if (p->tok.kind == T_LBRACK && peek2(p)->kind == T_RBRACK) {   /* name[]…: an array */
                o->rate = '[';
                while (p->tok.kind == T_LBRACK) {
                    advance(p);
                    expect(p, T_RBRACK, " in the array declaration");
                    o->op++;
                }
            } else if (p->tok.kind == T_LBRACK) {
                o = index_suffix(p, o);
            }
            ast_add(p->arena, &n->outs, &n->nouts, o);
            if (p->tok.kind != T_COMMA) break;
            advance(p);
        }
        TOKEN op = p->tok;
        if (op.kind == T_IDENT) {      /* outs opcode args */
            n->kind = N_OPCODE;
            n->name = tokstr(p, &op);
            n->line = op.line;
            n->col = op.col;
            advance(p);
            arglist(p, n, T_NEWLINE);
            return n;
        }
        if (op.kind != T_ASSIGN && op.kind != T_PLUSEQ && op.kind != T_MINUSEQ && op.kind != T_STAREQ
            && op.kind != T_SLASHEQ) {
            char b[64];
            perror_at(p, op.line, op.col, "expected '=' or an opcode after the outputs, found %s",
                      describe(p, &op, b, sizeof b));
        }
        if (op.kind != T_ASSIGN && n->outs[0]->kind == N_INDEX)   /* Csound 6.18's grammar has no kArr[i] += x */
            perror_at(p, op.line, op.col, "'%s' on an array element is not in Csound 6.18: write %s[…] = %s[…] %c …",
                      lang_tokname(op.kind), n->outs[0]->name, n->outs[0]->name, op.start[0]);
        n->op = op.kind;
        n->line = op.line;
        n->col = op.col;
        advance(p);
        ast_add(p->arena, &n->kids, &n->nkids, expr(p));
        return n;
    }
    if (is_opcode(p, name0) || t2->kind != T_IDENT) {
        /* opcode with no outputs: `outs a1, a2`, `turnoff`, `out(a1)` */
        advance(p);
        n = ast_node(p->arena, N_OPCODE, t.line, t.col);
        n->name = name0;
        p->partial = n;
        if (p->tok.kind == T_LPAREN && !p->tok.space_before) {
            /* call form: opcode(args) */
            TOKEN lp = p->tok;
            advance(p);
            arglist(p, n, T_RPAREN);
            if (p->tok.kind != T_RPAREN)
                perror_at(p, p->tok.line, p->tok.col, "expected ')' to close the '(' at %d:%d", lp.line, lp.col);
            advance(p);
            return n;
        }
        arglist(p, n, T_NEWLINE);
        return n;
    }
    /* out opcode args */
    n = ast_node(p->arena, N_OPCODE, t2->line, t2->col);
    NODE *o = ast_node(p->arena, N_VAR, t.line, t.col);
    o->name = name0;
    ast_add(p->arena, &n->outs, &n->nouts, o);
    advance(p);
    n->name = tokstr(p, &p->tok);
    /* `name arg, arg…` with neither name an opcode: the first was an opcode
     * called without outputs (`zkw kline, 1`, `outq a1*k1, …`), one ondes
     * does not have: say so, not "expected an expression, found ','" at the
     * comma.  A sign after the second name may start its arguments
     * (`a1 fof -1, …`), so it decides nothing. */
    if (!is_opcode(p, n->name)) {
        const TOKEN *t3 = peek2(p);
        if (t3->kind == T_COMMA || t3->kind == T_LBRACK
            || (level_of(t3->kind) && t3->kind != T_PLUS && t3->kind != T_MINUS))
            perror_at(p, t.line, t.col, "unknown opcode '%s'", name0);
    }
    p->partial = n;
    advance(p);
    arglist(p, n, T_NEWLINE);
    return n;
}

static const char *closer_of(const char *opener)
{
    if (!strcmp(opener, "instr")) return "endin";
    if (!strcmp(opener, "if")) return "endif";
    if (!strcmp(opener, "opcode")) return "endop";
    return "od";
}

/* statement NEWLINE */
static NODE *statement_line(PARSER *p, NODE *unused)
{
    (void)unused;
    NODE *s = statement(p);
    if (s->kind == N_LABEL) return s;
    if (p->unclosed) p->unclosed = 0;   /* its block ended at the next construct: nothing to end here */
    else end_of_statement(p);
    return s;
}

static int is_closer(const TOKEN *t)
{
    return is_kw(t, "endin") || is_kw(t, "endif") || is_kw(t, "od") || is_kw(t, "enduntil") || is_kw(t, "endop")
           || is_kw(t, "else") || is_kw(t, "elseif");
}

/* block := { statement NEWLINE } up to one of `enders`.  A block left
 * unclosed is reported and ends where the next construct starts (p->unclosed). */
static NODE *block(PARSER *p, const char *const *enders, const char *opener, int oline, int ocol)
{
    NODE *b = ast_node(p->arena, N_BLOCK, p->tok.line, p->tok.col);
    p->depth++;
    nest(p, 0);
    p->unclosed = 0;
    for (;;) {
        skip_newlines(p);
        for (const char *const *e = enders; *e; e++)
            if (is_kw(&p->tok, *e)) {
                p->depth--;
                return b;
            }
        p->unclosed = 1;
        if (p->tok.kind == T_EOF) {
            report(p, oline, ocol, "missing %s for the '%s' here", closer_of(opener), opener);
            break;
        }
        if (is_kw(&p->tok, "instr") || is_kw(&p->tok, "opcode")) {
            report(p, oline, ocol, "missing %s before the next '%.*s' at line %d", closer_of(opener),
                   p->tok.len, p->tok.start, p->tok.line);
            break;
        }
        /* a closer of an enclosing construct: this one was never closed */
        if (strcmp(opener, "instr") && (is_kw(&p->tok, "endin") || is_kw(&p->tok, "endop"))) {
            report(p, oline, ocol, "missing %s for the '%s' here (found '%.*s' at line %d)", closer_of(opener),
                   opener, p->tok.len, p->tok.start, p->tok.line);
            break;
        }
        p->unclosed = 0;
        if (is_closer(&p->tok)) {
            /* after an error, most likely the closer of a construct whose first line failed */
            if (!p->nerrs)
                report(p, p->tok.line, p->tok.col, "'%.*s' without a matching opening statement", p->tok.len,
                       p->tok.start);
            skip_line(p);
            continue;
        }
        NODE *s = recovering(p, statement_line, NULL);
        if (s) ast_add(p->arena, &b->kids, &b->nkids, s);
    }
    p->depth--;
    return b;
}

/* instr names: (NUMBER | name) { ',' (NUMBER | name) } NEWLINE, into n->outs */
static NODE *instr_names(PARSER *p, NODE *n)
{
    for (;;) {
        NODE *id;
        if (p->tok.kind == T_NUMBER) {
            id = ast_node(p->arena, N_NUM, p->tok.line, p->tok.col);
            id->num = p->tok.num;
        } else if (p->tok.kind == T_IDENT || p->tok.kind == T_PLUS) {
            int plus = p->tok.kind == T_PLUS;
            if (plus) advance(p);
            if (p->tok.kind != T_IDENT) perror_at(p, p->tok.line, p->tok.col, "expected an instrument name");
            id = ast_node(p->arena, N_VAR, p->tok.line, p->tok.col);
            id->name = tokstr(p, &p->tok);
            if (plus) id->op = T_PLUS;   /* numbered after the other names (Csound's T_PLUS_IDENT) */
        } else {
            perror_at(p, p->tok.line, p->tok.col, "expected an instrument number or name after 'instr'");
        }
        ast_add(p->arena, &n->outs, &n->nouts, id);
        advance(p);
        if (p->tok.kind != T_COMMA) break;
        advance(p);
    }
    end_of_statement(p);
    return n;
}

/* instr := 'instr' names NEWLINE block 'endin'   (a bad first line still lets the body be read) */
static NODE *instr_def(PARSER *p, NODE *unused)
{
    (void)unused;
    TOKEN t = p->tok;
    advance(p);
    NODE *n = ast_node(p->arena, N_INSTR, t.line, t.col);
    recovering(p, instr_names, n);
    static const char *const enders[] = { "endin", NULL };
    ast_add(p->arena, &n->kids, &n->nkids, block(p, enders, "instr", t.line, t.col));
    if (p->unclosed) {
        p->unclosed = 0;
        return n;
    }
    advance(p);   /* endin */
    end_of_statement(p);
    return n;
}

/* The type list of an old-style definition, as written up to ',' or the
 * end of the line: letters, '0', and '[]' for arrays ("k[]", "a[]i"). */
static NODE *udo_types(PARSER *p, TOKKIND stop)
{
    NODE *n = ast_node(p->arena, N_STR, p->tok.line, p->tok.col);
    char buf[300];
    size_t len = 0;
    while (p->tok.kind == T_IDENT || p->tok.kind == T_NUMBER || p->tok.kind == T_LBRACK || p->tok.kind == T_RBRACK) {
        if (len + (size_t)p->tok.len >= sizeof buf) perror_at(p, n->line, n->col, "too many types");
        memcpy(buf + len, p->tok.start, (size_t)p->tok.len);
        len += (size_t)p->tok.len;
        advance(p);
    }
    if (!len || p->tok.kind != stop) {
        char b[64];
        perror_at(p, p->tok.line, p->tok.col, "expected %s in the opcode's declaration, found %s",
                  len ? (stop == T_COMMA ? "','" : "the end of the line") : "a list of types (or 0)",
                  describe(p, &p->tok, b, sizeof b));
    }
    n->name = ast_strndup(p->arena, buf, len);
    return n;
}

/* A type of the new style: a name ('k', 'a', 'S', 'k[]'…). */
static void udo_type1(PARSER *p, char *buf, size_t *len, size_t cap)
{
    if (p->tok.kind != T_IDENT) {
        char b[64];
        perror_at(p, p->tok.line, p->tok.col, "expected a type, found %s", describe(p, &p->tok, b, sizeof b));
    }
    while (p->tok.kind == T_IDENT || p->tok.kind == T_LBRACK || p->tok.kind == T_RBRACK) {
        if (*len + (size_t)p->tok.len + 1 >= cap) perror_at(p, p->tok.line, p->tok.col, "too many types");
        memcpy(buf + *len, p->tok.start, (size_t)p->tok.len);
        *len += (size_t)p->tok.len;
        advance(p);
        if (p->tok.kind == T_IDENT && p->tok.space_before) break;
    }
}

/*
 * udo := 'opcode' name ',' outtypes ',' intypes NEWLINE block 'endop'
 *      | 'opcode' name '(' [arg {',' arg}] ')' ':' outs NEWLINE block 'endop'
 *        arg := name [':' type]        outs := type | '(' [type {',' type}] ')' | 'void'
 * An N_UDO: name, outs[0] the output types and outs[1] the input types (as
 * N_STR nodes at their text), kids[0] the body; the new style also lists
 * its parameters as kids[1] (an N_BLOCK of N_VAR, each name's rate in
 * `rate`: the body reads them as if an xin had set them).
 */
/* udo's first line, into n (the new style's parameters as n->kids[0], for udo_def to move) */
static NODE *udo_header(PARSER *p, NODE *n)
{
    if (p->tok.kind != T_IDENT) perror_at(p, p->tok.line, p->tok.col, "expected the opcode's name after 'opcode'");
    n->name = tokstr(p, &p->tok);
    advance(p);
    NODE *params = NULL;
    if (p->tok.kind == T_LPAREN) {   /* new style */
        params = ast_node(p->arena, N_BLOCK, p->tok.line, p->tok.col);
        NODE *ins = ast_node(p->arena, N_STR, p->tok.line, p->tok.col);
        char ib[300];
        size_t il = 0;
        advance(p);
        while (p->tok.kind != T_RPAREN) {
            if (p->tok.kind != T_IDENT) perror_at(p, p->tok.line, p->tok.col, "expected a parameter name");
            NODE *v = ast_node(p->arena, N_VAR, p->tok.line, p->tok.col);
            v->name = tokstr(p, &p->tok);
            advance(p);
            size_t at = il;
            if (p->tok.kind == T_COLON) {
                advance(p);
                udo_type1(p, ib, &il, sizeof ib);
            } else {   /* the name's first letter is its type */
                if (il + 2 >= sizeof ib) perror_at(p, v->line, v->col, "too many parameters");
                ib[il++] = v->name[0];
            }
            v->str2 = ast_strndup(p->arena, ib + at, il - at);
            ast_add(p->arena, &params->kids, &params->nkids, v);
            if (p->tok.kind == T_COMMA) advance(p);
            else if (p->tok.kind != T_RPAREN) perror_at(p, p->tok.line, p->tok.col, "expected ',' or ')' after a parameter");
        }
        advance(p);
        ins->name = il ? ast_strndup(p->arena, ib, il) : "0";
        if (p->tok.kind != T_COLON) perror_at(p, p->tok.line, p->tok.col, "expected ':' and the output types");
        advance(p);
        NODE *outs = ast_node(p->arena, N_STR, p->tok.line, p->tok.col);
        char ob[300];
        size_t ol = 0;
        if (p->tok.kind == T_LPAREN) {
            advance(p);
            while (p->tok.kind != T_RPAREN) {
                udo_type1(p, ob, &ol, sizeof ob);
                if (p->tok.kind == T_COMMA) advance(p);
                else if (p->tok.kind != T_RPAREN) perror_at(p, p->tok.line, p->tok.col, "expected ',' or ')' after a type");
            }
            advance(p);
        } else if (is_kw(&p->tok, "void")) {
            advance(p);
        } else {
            udo_type1(p, ob, &ol, sizeof ob);
        }
        outs->name = ol ? ast_strndup(p->arena, ob, ol) : "0";
        ast_add(p->arena, &n->outs, &n->nouts, outs);
        ast_add(p->arena, &n->outs, &n->nouts, ins);
    } else {
        expect(p, T_COMMA, " after the opcode's name");
        ast_add(p->arena, &n->outs, &n->nouts, udo_types(p, T_COMMA));
        advance(p);
        ast_add(p->arena, &n->outs, &n->nouts, udo_types(p, T_NEWLINE));
    }
    if (params) ast_add(p->arena, &n->kids, &n->nkids, params);
    end_of_statement(p);
    return n;
}

static NODE *udo_def(PARSER *p, NODE *unused)
{
    (void)unused;
    TOKEN t = p->tok;
    advance(p);
    NODE *n = ast_node(p->arena, N_UDO, t.line, t.col);
    /* a first line that fails is reported; the body is still read (and checked), the opcode dropped */
    int ok = recovering(p, udo_header, n) == n && n->nouts == 2;
    NODE *params = n->nkids ? n->kids[0] : NULL;
    n->nkids = 0;
    static const char *const enders[] = { "endop", NULL };
    ast_add(p->arena, &n->kids, &n->nkids, block(p, enders, "opcode", t.line, t.col));
    if (params) ast_add(p->arena, &n->kids, &n->nkids, params);
    if (p->unclosed) p->unclosed = 0;
    else {
        advance(p);   /* endop */
        end_of_statement(p);
    }
    return ok ? n : NULL;
}

/* The names the text defines with 'opcode', found with a lexer of its own
 * before parsing: a statement is read by whether its names are opcodes. */
static void scan_udo_names(PARSER *p, const char *src, size_t len, const char *file, int line0)
{
    LEXER lx;
    lang_lex_init(&lx, src, len, file, line0);
    int bol = 1;
    for (;;) {
        TOKEN t = lang_lex_next(&lx);
        if (t.kind == T_EOF || lx.err[0]) break;
        if (bol && is_kw(&t, "opcode")) {
            TOKEN nm = lang_lex_next(&lx);
            if (nm.kind == T_EOF || lx.err[0]) break;
            if (nm.kind == T_IDENT) {
                char **u = ast_alloc(p->arena, sizeof *u * (size_t)(p->nudos + 1));
                if (p->nudos) memcpy(u, p->udos, sizeof *u * (size_t)p->nudos);
                u[p->nudos++] = tokstr(p, &nm);
                p->udos = u;
            }
            bol = nm.kind == T_NEWLINE;
            continue;
        }
        bol = t.kind == T_NEWLINE;
    }
    lang_lex_free(&lx);
}

/* What the orchestra's top level holds: an instrument, a user-defined opcode, or a statement of instr 0. */
static NODE *top_item(PARSER *p, NODE *unused)
{
    if (is_kw(&p->tok, "instr")) return instr_def(p, unused);
    if (is_kw(&p->tok, "endin")) {
        if (!p->nerrs) report(p, p->tok.line, p->tok.col, "'endin' without a matching 'instr'");
        skip_line(p);
        return NULL;
    }
    if (is_kw(&p->tok, "opcode")) return udo_def(p, unused);
    if (is_kw(&p->tok, "endop")) {
        if (!p->nerrs) report(p, p->tok.line, p->tok.col, "'endop' without a matching 'opcode'");
        skip_line(p);
        return NULL;
    }
    return statement_line(p, unused);
}

/* orchestra := { instr | udo | statement } EOF   (statements outside instruments form instr 0) */
NODE *lang_parse_all(AST_ARENA *arena, const char *src, size_t len, const char *file, int line0,
                     int (*is_opcode)(const char *, void *), void *ud, char *err, size_t errlen, int *nerrs)
{
    PARSER *p = calloc(1, sizeof *p);
    if (!p) abort();
    lang_lex_init(&p->lx, src, len, file, line0);
    p->arena = arena;
    p->file = file;
    p->is_opcode = is_opcode;
    p->ud = ud;
    p->err = err;
    p->errlen = errlen;
    NODE *top = ast_node(arena, N_BLOCK, 1, 1);
    if (setjmp(p->fail) == 0) {
        scan_udo_names(p, src, len, file, line0);
        p->tok.kind = T_NEWLINE;   /* so skip_newlines reads the first token */
        for (;;) {
            skip_newlines(p);
            if (p->tok.kind == T_EOF) break;
            NODE *s = recovering(p, top_item, NULL);
            if (s) ast_add(arena, &top->kids, &top->nkids, s);
        }
    }
    *nerrs = p->nerrs;
    lang_lex_free(&p->lx);
    free(p);
    return top;
}

NODE *lang_parse(AST_ARENA *arena, const char *src, size_t len, const char *file, int line0,
                 int (*is_opcode)(const char *, void *), void *ud, char *err, size_t errlen)
{
    int nerrs;
    if (err && errlen) err[0] = 0;
    NODE *top = lang_parse_all(arena, src, len, file, line0, is_opcode, ud, err, errlen, &nerrs);
    return nerrs ? NULL : top;
}
