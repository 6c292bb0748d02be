/* lexer.c — splits orchestra text into tokens; comments, line continuations and strings handled here. */
#include "lexer.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const toknames[] = {
#define X(k, s) s,
    LANG_TOKENS(X)
#undef X
};

const char *lang_tokname(TOKKIND k) { return k < T_COUNT ? toknames[k] : "?"; }

void lang_lex_init(LEXER *lx, const char *src, size_t len, const char *file, int line0)
{
    memset(lx, 0, sizeof *lx);
    lx->src = lx->p = lx->line_start = src;
    lx->end = src + len;
    lx->file = file;
    lx->line = line0 >= 0 ? line0 : 1;   /* 0 when a generated line comes first */
}

void lang_lex_free(LEXER *lx)
{
    for (int i = 0; i < lx->nstrs; i++) free(lx->strs[i]);
    free(lx->strs);
    lx->strs = NULL;
    lx->nstrs = lx->capstrs = 0;
}

static void lex_error(LEXER *lx, const char *at, const char *msg)
{
    if (lx->err[0]) return;
    snprintf(lx->err, sizeof lx->err, "%s", msg);
    lx->err_line = lx->line;
    lx->err_col = (int)(at - lx->line_start) + 1;
}

static int peekc(LEXER *lx, int k) { return lx->p + k < lx->end ? (unsigned char)lx->p[k] : 0; }

static void newline(LEXER *lx)
{
    lx->line++;
    lx->line_start = lx->p;
}

/* Skip blanks, comments (; // and block comments) and backslash line
 * continuations.  Newlines are tokens: a statement ends at one. */
static int skip_space(LEXER *lx)
{
    int skipped = 0;
    for (;;) {
        int c = peekc(lx, 0);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            lx->p++;
        } else if (c == ';' || (c == '/' && peekc(lx, 1) == '/')) {
            while (lx->p < lx->end && *lx->p != '\n') lx->p++;
        } else if (c == '/' && peekc(lx, 1) == '*') {
            const char *at = lx->p;
            lx->p += 2;
            for (;;) {
                if (lx->p >= lx->end) { lex_error(lx, at, "unterminated comment"); return 1; }
                if (*lx->p == '*' && peekc(lx, 1) == '/') { lx->p += 2; break; }
                if (*lx->p++ == '\n') newline(lx);
            }
        } else if (c == '\\') {
            /* a backslash followed by only blanks/comment up to the newline joins lines */
            const char *q = lx->p + 1;
            while (q < lx->end && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
            if (q < lx->end && *q == ';') while (q < lx->end && *q != '\n') q++;
            if (q < lx->end && *q == '\n') { lx->p = q + 1; newline(lx); }
            else return skipped;
        } else {
            return skipped;
        }
        skipped = 1;
    }
}

static TOKEN mk(LEXER *lx, TOKKIND k, const char *start, int len)
{
    TOKEN t;
    memset(&t, 0, sizeof t);
    t.kind = k;
    t.start = start;
    t.len = len;
    t.line = lx->line;
    t.col = (int)(start - lx->line_start) + 1;
    return t;
}

static char *keep_string(LEXER *lx, char *s)
{
    if (lx->nstrs == lx->capstrs) {
        lx->capstrs = lx->capstrs ? lx->capstrs * 2 : 16;
        lx->strs = realloc(lx->strs, sizeof(char *) * lx->capstrs);
    }
    lx->strs[lx->nstrs++] = s;
    return s;
}

/* "…" with C escapes (\n \t \" \\ ), or {{ … }} raw strings as Csound allows. */
static TOKEN lex_string(LEXER *lx)
{
    const char *start = lx->p;
    int line = lx->line;
    int col = (int)(start - lx->line_start) + 1;
    int raw = (*lx->p == '{');
    lx->p += raw ? 2 : 1;
    size_t cap = 64, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (lx->p >= lx->end || (!raw && *lx->p == '\n')) {
            lx->line = line;
            free(buf);
            lex_error(lx, start, "unterminated string");
            TOKEN t = mk(lx, T_EOF, start, 0);
            return t;
        }
        char c = *lx->p++;
        if (raw) {
            if (c == '}' && peekc(lx, 0) == '}') { lx->p++; break; }
            if (c == '\n') newline(lx);
        } else if (c == '"') {
            break;
        } else if (c == '\\' && lx->p < lx->end) {
            char e = *lx->p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'a': c = '\a'; break;
            case '"': c = '"'; break;
            case '\\': c = '\\'; break;
            default: /* keep unknown escapes as written, like Csound */
                if (n + 2 >= cap) buf = realloc(buf, cap *= 2);
                buf[n++] = '\\';
                c = e;
            }
        }
        if (n + 2 >= cap) buf = realloc(buf, cap *= 2);
        buf[n++] = c;
    }
    buf[n] = 0;
    TOKEN t;
    memset(&t, 0, sizeof t);
    t.kind = T_STRING;
    t.start = start;
    t.len = (int)(lx->p - start);
    t.line = line;
    t.col = col;
    t.str = keep_string(lx, buf);
    return t;
}

TOKEN lang_lex_next(LEXER *lx)
{
    int sp = skip_space(lx);
    if (lx->err[0]) return mk(lx, T_EOF, lx->p, 0);
    if (lx->p >= lx->end) { TOKEN t = mk(lx, T_EOF, lx->p, 0); t.space_before = sp; return t; }
    const char *s = lx->p;
    int c = (unsigned char)*s;
    TOKEN t;
    if (c == '\n') {
        t = mk(lx, T_NEWLINE, s, 1);
        lx->p++;
        newline(lx);
        t.space_before = sp;
        return t;
    }
    if (isalpha(c) || c == '_') {
        while (lx->p < lx->end && (isalnum((unsigned char)*lx->p) || *lx->p == '_')) lx->p++;
        t = mk(lx, T_IDENT, s, (int)(lx->p - s));
        t.space_before = sp;
        return t;
    }
    /* 0dbfs is a name (the header variable), though it starts with a digit */
    if (c == '0' && lx->end - s >= 5 && memcmp(s, "0dbfs", 5) == 0
        && !(lx->end - s > 5 && (isalnum((unsigned char)s[5]) || s[5] == '_'))) {
        lx->p += 5;
        t = mk(lx, T_IDENT, s, 5);
        t.space_before = sp;
        return t;
    }
    if (isdigit(c) || (c == '.' && isdigit(peekc(lx, 1)))) {
        char *e;
        double v;
        if (c == '0' && (peekc(lx, 1) == 'x' || peekc(lx, 1) == 'X')) v = (double)strtoll(s, &e, 16);
        else v = strtod(s, &e);
        if (e > lx->end) e = (char *)lx->end;
        lx->p = e;
        if (lx->p < lx->end && (isalpha((unsigned char)*lx->p) || *lx->p == '_')) {
            lex_error(lx, s, "malformed number");
            return mk(lx, T_EOF, s, 0);
        }
        t = mk(lx, T_NUMBER, s, (int)(e - s));
        t.num = v;
        t.space_before = sp;
        return t;
    }
    if (c == '"' || (c == '{' && peekc(lx, 1) == '{')) {
        t = lex_string(lx);
        t.space_before = sp;
        return t;
    }
    int c1 = peekc(lx, 1);
    TOKKIND k;
    int len = 2;
    if (c == '=' && c1 == '=') k = T_EQ;
    else if (c == '!' && c1 == '=') k = T_NE;
    else if (c == '<' && c1 == '=') k = T_LE;
    else if (c == '>' && c1 == '=') k = T_GE;
    else if (c == '<' && c1 == '<') k = T_SHL;
    else if (c == '>' && c1 == '>') k = T_SHR;
    else if (c == '&' && c1 == '&') k = T_AND;
    else if (c == '|' && c1 == '|') k = T_OR;
    else if (c == '+' && c1 == '=') k = T_PLUSEQ;
    else if (c == '-' && c1 == '=') k = T_MINUSEQ;
    else if (c == '*' && c1 == '=') k = T_STAREQ;
    else if (c == '/' && c1 == '=') k = T_SLASHEQ;
    else {
        len = 1;
        switch (c) {
        case '(': k = T_LPAREN; break;
        case ')': k = T_RPAREN; break;
        case '[': k = T_LBRACK; break;
        case ']': k = T_RBRACK; break;
        case ',': k = T_COMMA; break;
        case '=': k = T_ASSIGN; break;
        case '+': k = T_PLUS; break;
        case '-': k = T_MINUS; break;
        case '*': k = T_STAR; break;
        case '/': k = T_SLASH; break;
        case '%': k = T_PERCENT; break;
        case '^': k = T_CARET; break;
        case '<': k = T_LT; break;
        case '>': k = T_GT; break;
        case '!': k = T_NOT; break;
        case '?': k = T_QUESTION; break;
        case ':': k = T_COLON; break;
        case '&': k = T_BITAND; break;
        case '|': k = T_BITOR; break;
        case '#': k = T_HASH; break;
        case '~': k = T_TILDE; break;
        case 0xC2:   /* ¬ in UTF-8 (C2 AC), or a lone AC (Latin-1): Csound reads it as ~ */
            if ((unsigned char)c1 != 0xAC) goto bad;
            k = T_TILDE;
            len = 2;
            break;
        case 0xAC: k = T_TILDE; break;
        default:
        bad: {
            char m[64];
            snprintf(m, sizeof m, isprint(c) ? "unexpected character '%c'" : "unexpected byte 0x%02x", c);
            lex_error(lx, s, m);
            lx->p++;   /* past it: a parser reading on after the error goes on from the next character */
            return mk(lx, T_EOF, s, 0);
        }
        }
    }
    lx->p += len;
    t = mk(lx, k, s, len);
    t.space_before = sp;
    return t;
}
