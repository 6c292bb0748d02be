/* preproc.c — Csound's preprocessor (macros, #ifdef, #include; score loops and r repeats) with a map back to the original positions. */
#include "preproc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* Semantics follow Csound 6.18's Engine/csound_pre.lex and csound_prs.lex,
 * checked against csound itself; the code is ondes' own. */

#define PP_MAX_DEPTH 64                    /* macro expansions inside expansions */
#define PP_MAX_INCLUDE_DEPTH 16            /* files inside files */
#define PP_MAX_INCLUDES 4096               /* #include directives followed in one run */
#define PP_MAX_OUT ((size_t)16 << 20)      /* bytes of output: a macro bomb fails cleanly */
#define PP_MAX_INCLUDED PP_MAX_OUT         /* bytes of included text, all files together: a file that
                                            * includes itself many times fails before it is read again */
#define PP_MAX_COND 256                    /* #ifdef nesting */
#define PP_MAX_LOOPS 40                    /* { } loops inside loops (Csound's RPTDEPTH) */

typedef struct map_entry {
    int oline, ocol;        /* first output position it covers */
    const char *file;
    int line, col;          /* original position of that first character */
    int linear;             /* 1: columns advance with the output; 0: all of it is one macro use */
} MAP_ENTRY;

struct lang_pp_map {
    MAP_ENTRY *e;
    int n, cap;
};

typedef struct macro {
    char *name;
    char *body;
    char **args;
    int nargs;
    int has_args;           /* defined as NAME(…) */
    struct macro *next;
} MACRO;

/* A source position while reading: the file, line, column, and whether the
 * characters map one to one (source text) or all to one use site (expansion). */
typedef struct pos {
    const char *file;
    int line, col;
    int linear;
} POS;

typedef struct pp {
    MACRO *macros;          /* innermost first: macro arguments shadow while their body expands */
    char **files;           /* interned names of included files */
    int nfiles;
    int split;
    int score;              /* a score: { } loops and r repeats are read here, as csound_prs.lex does */
    LANG_PP_EMIT emit;
    void *ctx;
    char *err;
    size_t errlen;
    int failed;
    size_t total;           /* bytes emitted so far, every piece */
    size_t included;        /* bytes of included files read so far */
    int nincludes;          /* #include directives followed */
    POS chain[PP_MAX_INCLUDE_DEPTH];   /* the #include that opened each nested file, outermost first */

    /* the piece being built */
    char *buf;
    size_t len, cap;
    int oline, ocol;
    LANG_PP_MAP map;

    /* #ifdef stack: 1 = this branch is taken */
    unsigned char cond[PP_MAX_COND];
    unsigned char seen_else[PP_MAX_COND];
    int ncond;
} PP;

static int pp_fail(PP *pp, const POS *at, const char *fmt, ...)
{
    if (!pp->failed && pp->err && pp->errlen) {
        char msg[2048];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(pp->err, pp->errlen, "%s:%d:%d: error: %s", at->file, at->line, at->col, msg);
    }
    pp->failed = 1;
    return -1;
}

static void *xrealloc_pp(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fputs("ondes: out of memory\n", stderr);
        abort();
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc_pp(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* ---------------------------------------------------------------- output */

static int put(PP *pp, char c, const POS *at)
{
    if (pp->total >= PP_MAX_OUT)
        return pp_fail(pp, at, "macro expansion too large (more than %zu MB: a macro that uses itself?)",
                       PP_MAX_OUT >> 20);
    if (pp->len + 2 > pp->cap) {
        pp->cap = pp->cap ? pp->cap * 2 : 4096;
        pp->buf = xrealloc_pp(pp->buf, pp->cap);
    }
    LANG_PP_MAP *m = &pp->map;
    MAP_ENTRY *last = m->n ? &m->e[m->n - 1] : NULL;
    int same = last && last->file == at->file && last->linear == at->linear && last->line == at->line
               && (at->linear ? last->oline == pp->oline && at->col - last->col == pp->ocol - last->ocol
                              : last->col == at->col);
    if (!same) {
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 64;
            m->e = xrealloc_pp(m->e, sizeof *m->e * (size_t)m->cap);
        }
        m->e[m->n++] = (MAP_ENTRY){ pp->oline, pp->ocol, at->file, at->line, at->col, at->linear };
    }
    pp->buf[pp->len++] = c;
    pp->total++;
    if (c == '\n')
        pp->oline++, pp->ocol = 1;
    else
        pp->ocol++;
    return 0;
}

static int flush(PP *pp, const char *file)
{
    if (!pp->len && pp->map.n == 0)
        return 0;
    if (!pp->buf)
        pp->buf = xrealloc_pp(NULL, 1);
    pp->buf[pp->len] = 0;
    int r = pp->emit(pp->ctx, pp->buf, pp->len, file, &pp->map, pp->err, pp->errlen);
    pp->len = 0;
    pp->oline = pp->ocol = 1;
    pp->map.n = 0;
    if (r)
        pp->failed = 1;
    return r;
}

/* ---------------------------------------------------------------- macros */

static MACRO *find(PP *pp, const char *name, size_t n)
{
    for (MACRO *m = pp->macros; m; m = m->next)
        if (strlen(m->name) == n && !memcmp(m->name, name, n))
            return m;
    return NULL;
}

static void free_macro(MACRO *m)
{
    free(m->name);
    free(m->body);
    for (int i = 0; i < m->nargs; i++)
        free(m->args[i]);
    free(m->args);
    free(m);
}

static MACRO *push_macro(PP *pp, const char *name, size_t n, char *body)
{
    MACRO *m = xrealloc_pp(NULL, sizeof *m);
    memset(m, 0, sizeof *m);
    m->name = xstrndup(name, n);
    m->body = body;
    m->next = pp->macros;
    pp->macros = m;
    return m;
}

static void undefine(PP *pp, const char *name, size_t n)
{
    for (MACRO **pm = &pp->macros; *pm; pm = &(*pm)->next)
        if (strlen((*pm)->name) == n && !memcmp((*pm)->name, name, n)) {
            MACRO *m = *pm;
            *pm = m->next;
            free_macro(m);
            return;
        }
}

static int is_name(int c) { return isalnum(c) || c == '_'; }

static int expand_text(PP *pp, const char *s, size_t len, POS *at, int depth);

/* $NAME, $NAME. or $NAME(a'b…) at s[0] == '$'; *used: characters read. */
static int expand_use(PP *pp, const char *s, size_t len, const POS *at, int depth, size_t *used)
{
    size_t n = 1;
    while (n < len && is_name((unsigned char)s[n]))
        n++;
    MACRO *m = find(pp, s + 1, n - 1);
    if (!m)
        return pp_fail(pp, at, "undefined macro '$%.*s'", (int)(n - 1), s + 1);
    if (n < len && s[n] == '.')
        n++;
    POS use = *at;
    use.linear = 0;
    if (depth >= PP_MAX_DEPTH)
        return pp_fail(pp, at, "macro '$%s' nested too deeply (does it use itself?)", m->name);
    if (!m->has_args) {
        *used = n;
        return expand_text(pp, m->body, strlen(m->body), &use, depth + 1);
    }
    if (n >= len || s[n] != '(')
        return pp_fail(pp, at, "macro '$%s' takes %d argument%s: $%s(…)", m->name, m->nargs,
                       m->nargs == 1 ? "" : "s", m->name);
    /* the arguments: split at ' outside brackets, up to the matching ')' */
    size_t i = n + 1, start = i;
    int level = 0, k = 0, r = 0;
    MACRO *saved = pp->macros;
    MACRO *bound[64];
    for (;; i++) {
        if (i >= len) {
            r = pp_fail(pp, at, "macro '$%s': missing ')' after its arguments", m->name);
            goto out;
        }
        char c = s[i];
        if (c == '(' || c == '[')
            level++;
        else if ((c == ')' || c == ']') && level > 0)
            level--;
        else if ((c == '\'' || c == ')') && level == 0) {
            if (k >= m->nargs) {
                r = pp_fail(pp, at, "too many arguments to macro '$%s' (it takes %d)", m->name, m->nargs);
                goto out;
            }
            bound[k] = push_macro(pp, m->args[k], strlen(m->args[k]), xstrndup(s + start, i - start));
            k++;
            start = i + 1;
            if (c == ')')
                break;
        }
    }
    if (k < m->nargs) {
        r = pp_fail(pp, at, "too few arguments to macro '$%s' (it takes %d)", m->name, m->nargs);
        goto out;
    }
    /* the arguments' own text expands in the caller's scope when used */
    *used = i + 1;
    r = expand_text(pp, m->body, strlen(m->body), &use, depth + 1);
out:
    while (pp->macros != saved) {
        MACRO *b = pp->macros;
        pp->macros = b->next;
        free_macro(b);
    }
    (void)bound;
    return r;
}

/* Copy text to the output, expanding macro uses outside strings and comments. */
static int expand_text(PP *pp, const char *s, size_t len, POS *at, int depth)
{
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '$' && i + 1 < len && is_name((unsigned char)s[i + 1])) {
            size_t used = 0;
            if (expand_use(pp, s + i, len - i, at, depth, &used))
                return -1;
            if (at->linear)
                at->col += (int)used;
            i += used;
            continue;
        }
        size_t stop = i + 1;   /* copy through a string or comment whole */
        if (c == '"') {
            while (stop < len && s[stop] != '"' && s[stop] != '\n')
                stop += s[stop] == '\\' && stop + 1 < len ? 2 : 1;
            if (stop < len && s[stop] == '"')
                stop++;
        } else if (c == ';' || (c == '/' && i + 1 < len && s[i + 1] == '/')) {
            while (stop < len && s[stop] != '\n')
                stop++;
        } else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
            const char *e = NULL;
            for (size_t j = i + 2; j + 1 < len; j++)
                if (s[j] == '*' && s[j + 1] == '/') {
                    e = s + j + 2;
                    break;
                }
            stop = e ? (size_t)(e - s) : len;
        }
        for (; i < stop; i++) {
            if (put(pp, s[i], at))
                return -1;
            if (at->linear) {
                if (s[i] == '\n')
                    at->line++, at->col = 1;
                else
                    at->col++;
            }
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- directives */

static int run_file(PP *pp, const char *src, size_t len, const char *file, int line0, int idepth);

/* #define NAME[(a'b…)] #body#  starting at s (just after "#define"); *used: characters read. */
static int define(PP *pp, const char *s, size_t len, const POS *at, size_t *used)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t n0 = i;
    while (i < len && is_name((unsigned char)s[i]))
        i++;
    if (i == n0)
        return pp_fail(pp, at, "#define: expected a macro name");
    const char *name = s + n0;
    size_t nlen = i - n0;
    char *args[64];
    int nargs = 0, has_args = 0;
    if (i < len && s[i] == '(') {
        has_args = 1;
        i++;
        for (;;) {
            while (i < len && isspace((unsigned char)s[i]))
                i++;
            size_t a0 = i;
            while (i < len && is_name((unsigned char)s[i]))
                i++;
            if (i > a0) {
                if (nargs == 64) {
                    while (nargs)
                        free(args[--nargs]);
                    return pp_fail(pp, at, "#define %.*s: more than 64 arguments", (int)nlen, name);
                }
                args[nargs++] = xstrndup(s + a0, i - a0);
            }
            while (i < len && isspace((unsigned char)s[i]))
                i++;
            if (i < len && (s[i] == '\'' || s[i] == '#')) {
                i++;
                continue;
            }
            if (i < len && s[i] == ')') {
                i++;
                break;
            }
            while (nargs)
                free(args[--nargs]);
            return pp_fail(pp, at, "#define %.*s: expected argument names like (a'b)", (int)nlen, name);
        }
    }
    while (i < len && isspace((unsigned char)s[i]))
        i++;
    if (i >= len || s[i] != '#') {
        while (nargs)
            free(args[--nargs]);
        return pp_fail(pp, at, "#define %.*s: expected its text between '#' and '#'", (int)nlen, name);
    }
    i++;
    char *body = xrealloc_pp(NULL, len - i + 1);
    size_t b = 0;
    for (;; i++) {
        if (i >= len) {
            free(body);
            while (nargs)
                free(args[--nargs]);
            return pp_fail(pp, at, "#define %.*s: its text has no closing '#'", (int)nlen, name);
        }
        if (s[i] == '\\' && i + 1 < len && s[i + 1] == '#')
            body[b++] = s[++i];
        else if (s[i] == '#')
            break;
        else
            body[b++] = s[i];
    }
    body[b] = 0;
    undefine(pp, name, nlen);
    MACRO *m = push_macro(pp, name, nlen, body);
    m->has_args = has_args;
    m->nargs = nargs;
    if (nargs) {
        m->args = xrealloc_pp(NULL, sizeof *m->args * (size_t)nargs);
        memcpy(m->args, args, sizeof *args * (size_t)nargs);
    }
    *used = i + 1;
    return 0;
}

/* An #include refused for a limit: the error names the chain that led
 * there, each FILE:LINE:COL of the #include that opened the next file. */
static int include_fail(PP *pp, const POS *at, int idepth, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int include_fail(PP *pp, const POS *at, int idepth, const char *fmt, ...)
{
    char what[256], chain[1600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    size_t n = 0;
    chain[0] = 0;
    for (int i = 0; i < idepth && n < sizeof chain; i++)
        n += (size_t)snprintf(chain + n, sizeof chain - n, "%s:%d:%d, ", pp->chain[i].file, pp->chain[i].line,
                              pp->chain[i].col);
    return pp_fail(pp, at, "%s; the include chain: %s%s:%d:%d", what, chain, at->file, at->line, at->col);
}

static int include(PP *pp, const char *s, size_t len, const POS *at, int idepth)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= len || isalnum((unsigned char)s[i]) || isspace((unsigned char)s[i]))
        return pp_fail(pp, at, "expected #include \"file\"");
    char close = s[i] == '<' ? '>' : s[i];
    const char *e = memchr(s + i + 1, close, len - i - 1);
    if (!e)
        return pp_fail(pp, at, "expected #include \"file\"");
    if (idepth >= PP_MAX_INCLUDE_DEPTH)
        return include_fail(pp, at, idepth, "#include nested more than %d deep", PP_MAX_INCLUDE_DEPTH);
    if (pp->nincludes++ >= PP_MAX_INCLUDES)
        return include_fail(pp, at, idepth, "more than %d #include directives", PP_MAX_INCLUDES);
    char path[4096];
    const char *name = s + i + 1, *slash = strrchr(at->file, '/');
    int nlen = (int)(e - name);
    if (name[0] != '/' && slash)
        snprintf(path, sizeof path, "%.*s/%.*s", (int)(slash - at->file), at->file, nlen, name);
    else
        snprintf(path, sizeof path, "%.*s", nlen, name);
    size_t n;
    char why[96];
    char *text = lang_read_text(path, &n, why, sizeof why);
    if (!text)
        return pp_fail(pp, at, "cannot open included file '%s': %s", path, why);
    if (n > PP_MAX_INCLUDED - pp->included) {
        free(text);
        return include_fail(pp, at, idepth, "more than %zu MB of included text (the limit for one orchestra or score)",
                            PP_MAX_INCLUDED >> 20);
    }
    pp->included += n;
    pp->chain[idepth] = *at;
    pp->files = xrealloc_pp(pp->files, sizeof *pp->files * (size_t)(pp->nfiles + 1));
    const char *f = pp->files[pp->nfiles++] = strdup(path);
    if (pp->split && flush(pp, at->file)) {
        free(text);
        return -1;
    }
    int r = run_file(pp, text, n, f, 1, idepth + 1);
    free(text);
    if (!r && pp->split)
        r = flush(pp, f);
    return r;
}

/* The macro name after a directive: its start, and its end in *b (== start when none). */
static const char *name_after(const char *a, const char *eol, const char **b)
{
    while (a < eol && (*a == ' ' || *a == '\t'))
        a++;
    for (*b = a; *b < eol && is_name((unsigned char)**b);)
        (*b)++;
    return a;
}

static int active(const PP *pp)
{
    return pp->ncond == 0 || pp->cond[pp->ncond - 1];
}

/* ---------------------------------------------------------------- score loops and repeats */

/* The first character of the line at p that is not a blank. */
static const char *line_start(const char *p, const char *eol)
{
    while (p < eol && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* count := digits | '$' NAME ['.']   (a macro's text read as a number, as csound_prs.lex's
 * extract_int does for '{').  Returns the count, or -1. */
static long read_count(PP *pp, const char **s, const char *eol)
{
    const char *q = *s;
    while (q < eol && (*q == ' ' || *q == '\t'))
        q++;
    long n = 0;
    if (q < eol && *q == '$') {
        const char *a = ++q;
        while (q < eol && is_name((unsigned char)*q))
            q++;
        MACRO *m = find(pp, a, (size_t)(q - a));
        if (q < eol && *q == '.')
            q++;
        if (!m)
            return -1;
        n = strtol(m->body, NULL, 10);
    } else {
        if (q >= eol || !isdigit((unsigned char)*q))
            return -1;
        while (q < eol && isdigit((unsigned char)*q) && n < 100000000)
            n = n * 10 + (*q++ - '0');
    }
    *s = q;
    return n;
}

/* An optional counter name (a letter, then letters, digits or '_'). */
static const char *read_name(const char **s, const char *eol, size_t *n)
{
    const char *q = *s;
    while (q < eol && (*q == ' ' || *q == '\t'))
        q++;
    const char *a = q;
    if (q < eol && isalpha((unsigned char)*q))
        while (q < eol && is_name((unsigned char)*q))
            q++;
    *n = (size_t)(q - a);
    *s = q;
    return a;
}

/* Play body (source text starting at line `line`) `count` times with macro NAME
 * holding 0, 1, … count-1: Csound's loop counter starts at 0 for both { } and r
 * (csound 6.18, although the manual says r counts from 1).  After each pass
 * `after` is emitted (r's implicit section end), mapped to *at_after. */
static int repeat_body(PP *pp, const char *body, size_t blen, const char *file, int line, int idepth,
                       long count, const char *name, size_t nlen, const char *after, const POS *at_after)
{
    MACRO *m = nlen ? push_macro(pp, name, nlen, xrealloc_pp(NULL, 24)) : NULL;
    int r = 0;
    for (long i = 0; i < count && !r; i++) {
        if (m)
            snprintf(m->body, 24, "%ld", i);
        r = run_file(pp, body, blen, file, line, idepth);
        for (const char *c = after; !r && *c; c++)
            r = put(pp, *c, at_after);
    }
    if (m) {   /* the counter goes with its loop */
        MACRO **pm = &pp->macros;
        while (*pm && *pm != m)
            pm = &(*pm)->next;
        if (*pm) {
            *pm = m->next;
            free_macro(m);
        }
    }
    return r;
}

/* loop := '{' count [NAME] … newline { line } '}'    (the rest of the '{' line is ignored)
 * repeat := 'r' count [NAME] … newline { line } up to a line starting with s, e or r
 * q points at the '{' or 'r' of the line [p, eol); *resume: where reading goes on.
 * *rest: for a loop, the text after its '}' on that line (read as a line of its own). */
static int score_block(PP *pp, const char *src, const char *p, const char *q, const char *eol, const char *end,
                       POS *at, int idepth, const char **resume, const char **rest)
{
    POS dir = *at;
    dir.col = (int)(q - p) + 1;
    int loop = *q == '{';
    const char *s = q + 1;
    long count = read_count(pp, &s, eol);
    if (count <= 0 || (s < eol && !isspace((unsigned char)*s) && *s != ';'))
        return pp_fail(pp, &dir, loop ? "'{' needs a positive repeat count: { COUNT [NAME]"
                                      : "'r' needs a positive repeat count: r COUNT [NAME]");
    size_t nlen;
    const char *name = read_name(&s, eol, &nlen);
    const char *body = eol < end ? eol + 1 : end, *stop = NULL, *l = body;
    int depth = 1, lines = 0;
    while (l < end) {   /* find the end of the block, line by line */
        const char *le = memchr(l, '\n', (size_t)(end - l));
        if (!le)
            le = end;
        const char *f = line_start(l, le);
        if (loop && f < le && *f == '{')
            depth++;
        if (loop && f < le && *f == '}' && --depth == 0) {
            stop = l;
            *rest = f + 1;
            break;
        }
        if (!loop && f < le && (*f == 's' || *f == 'e' || *f == 'r')) {
            stop = l;
            *rest = NULL;
            break;
        }
        lines++;
        l = le < end ? le + 1 : end;
    }
    if (!stop)
        return pp_fail(pp, &dir, loop ? "'{' has no matching '}'"
                                      : "'r' repeats up to an s or e statement, and none follows");
    (void)src;
    if (put(pp, '\n', at))   /* the '{' / 'r' line */
        return -1;
    POS send = { at->file, at->line + lines + 1, 1, 0 };
    if (!loop)
        send.col = (int)(line_start(stop, end) - stop) + 1;
    if (repeat_body(pp, body, (size_t)(stop - body), at->file, at->line + 1, idepth, count, name, nlen,
                    loop ? "" : "s\n", &send))
        return -1;
    at->line += lines + 1;
    if (loop || *line_start(stop, end) == 'r') {
        *resume = stop;   /* the '}' line, or an r line that starts the next repeat (csound ends this one there) */
    } else {
        /* the s or e line is consumed: r sections end with a plain 's' (csound 6.18 drops
         * its length, and an 'e' there does not end the score) */
        const char *le = memchr(stop, '\n', (size_t)(end - stop));
        *resume = le ? le + 1 : end;
        if (put(pp, '\n', at))
            return -1;
        at->line++;
    }
    return 0;
}

/* One file's text, line by line: directives at the start of a line, the rest expanded. */
static int run_file(PP *pp, const char *src, size_t len, const char *file, int line0, int idepth)
{
    POS at = { file, line0, 1, 1 };
    const char *p = src, *end = src + len;
    int ncond0 = pp->ncond, in_comment = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        at.col = 1;
        at.linear = 1;
        if (pp->score && !in_comment && active(pp) && q < eol &&
            (*q == '{' || *q == '}' || (*q == 'r' && (q + 1 == eol || !isalpha((unsigned char)q[1]))))) {
            if (*q == '}') {
                POS dir = at;
                dir.col = (int)(q - p) + 1;
                return pp_fail(pp, &dir, "'}' without '{'");
            }
            const char *resume = NULL, *rest = NULL;
            if (score_block(pp, src, p, q, eol, end, &at, idepth, &resume, &rest))
                return -1;
            p = resume;
            if (rest) {   /* the '}' line: what follows the '}' is read as text */
                eol = memchr(p, '\n', (size_t)(end - p));
                if (!eol)
                    eol = end;
                at.col = (int)(rest - p) + 1;
                for (int k = 1; k < at.col; k++)
                    if (put(pp, ' ', &at))
                        return -1;
                if (expand_text(pp, rest, (size_t)(eol - rest), &at, 0))
                    return -1;
                if (eol < end) {
                    if (put(pp, '\n', &at))
                        return -1;
                    at.line++;
                }
                p = eol < end ? eol + 1 : end;
            }
            continue;
        }
        if (!in_comment && q < eol && *q == '#' && q + 1 < eol && isalpha((unsigned char)q[1])) {
            size_t wl = 1;
            while (q + wl < eol && isalpha((unsigned char)q[wl]))
                wl++;
            POS dir = at;
            dir.col = (int)(q - p) + 1;
            const char *rest = q + wl;
            size_t rlen = (size_t)(end - rest);
            const char *next = eol;   /* where this directive's text ends */
#define IS(w) (wl == sizeof(w) - 1 && !memcmp(q, w, wl))
            if (IS("#ifdef") || IS("#ifndef")) {
                const char *b, *a = name_after(rest, eol, &b);
                if (b == a)
                    return pp_fail(pp, &dir, "%.*s: expected a macro name", (int)wl, q);
                if (pp->ncond == PP_MAX_COND)
                    return pp_fail(pp, &dir, "#ifdef nested too deeply");
                int def = find(pp, a, (size_t)(b - a)) != NULL;
                pp->cond[pp->ncond] = active(pp) && (IS("#ifdef") ? def : !def);
                pp->seen_else[pp->ncond++] = 0;
            } else if (IS("#else")) {
                if (pp->ncond == ncond0)
                    return pp_fail(pp, &dir, "#else without #ifdef");
                if (pp->seen_else[pp->ncond - 1])
                    return pp_fail(pp, &dir, "a second #else for one #ifdef");
                int outer = pp->ncond < 2 || pp->cond[pp->ncond - 2];
                pp->seen_else[pp->ncond - 1] = 1;
                pp->cond[pp->ncond - 1] = outer && !pp->cond[pp->ncond - 1];
            } else if (IS("#end") || IS("#endif")) {
                if (pp->ncond == ncond0)
                    return pp_fail(pp, &dir, "%.*s without #ifdef", (int)wl, q);
                pp->ncond--;
            } else if (!active(pp)) {
                /* skipped: other directives are not read */
            } else if (IS("#define")) {
                size_t used = 0;
                if (define(pp, rest, rlen, &dir, &used))
                    return -1;
                next = rest + used;
            } else if (IS("#undef")) {
                const char *b, *a = name_after(rest, eol, &b);
                if (b == a)
                    return pp_fail(pp, &dir, "#undef: expected a macro name");
                undefine(pp, a, (size_t)(b - a));
            } else if (IS("#include")) {
                if (include(pp, rest, (size_t)(eol - rest), &dir, idepth))
                    return -1;
            } else {
                return pp_fail(pp, &dir, "unknown preprocessor directive '%.*s'", (int)wl, q);
            }
#undef IS
            /* the directive's lines stay as empty lines; text after a #define's closing '#' is read */
            for (const char *c = p; c < next; c++)
                if (*c == '\n') {
                    if (put(pp, '\n', &at))
                        return -1;
                    at.line++;
                }
            if (next > eol) {   /* a #define over several lines: go on after it on its last line */
                at.col = 1;
                for (const char *c = next; c > src && c[-1] != '\n'; c--)
                    at.col++;
                for (int k = 1; k < at.col; k++)
                    if (put(pp, ' ', &at))
                        return -1;
                eol = memchr(next, '\n', (size_t)(end - next));
                if (!eol)
                    eol = end;
                if (expand_text(pp, next, (size_t)(eol - next), &at, 0))
                    return -1;
            } else if (next < eol) {
                at.col = (int)(next - p) + 1;
                for (int k = 1; k < at.col; k++)
                    if (put(pp, ' ', &at))
                        return -1;
                at.col = (int)(next - p) + 1;
                if (active(pp) && expand_text(pp, next, (size_t)(eol - next), &at, 0))
                    return -1;
            }
        } else if (!active(pp)) {
            /* a skipped line: only its line break */
        } else {
            /* follow block comments across lines so a '#' or '$' in one is left alone */
            const char *c = p;
            if (in_comment) {
                const char *e = NULL;
                for (const char *j = p; j + 1 < eol; j++)
                    if (j[0] == '*' && j[1] == '/') {
                        e = j + 2;
                        break;
                    }
                c = e ? e : eol;
                in_comment = !e;
                for (const char *j = p; j < c; j++)
                    if (put(pp, *j, &at))
                        return -1;
                at.col += (int)(c - p);
            }
            if (expand_text(pp, c, (size_t)(eol - c), &at, 0))
                return -1;
            /* a block comment left open at the end of this line? */
            for (const char *j = c; j < eol; j++) {
                if (*j == '"') {
                    for (j++; j < eol && *j != '"'; j++)
                        if (*j == '\\')
                            j++;
                } else if (*j == ';' || (j[0] == '/' && j + 1 < eol && j[1] == '/')) {
                    break;
                } else if (j[0] == '/' && j + 1 < eol && j[1] == '*') {
                    const char *k = j + 2;
                    while (k + 1 < eol && !(k[0] == '*' && k[1] == '/'))
                        k++;
                    if (k + 1 >= eol) {
                        in_comment = 1;
                        break;
                    }
                    j = k + 1;
                }
            }
        }
        if (eol < end) {
            at.col = (int)(eol - p) + 1;
            if (eol[0] == '\n' && put(pp, '\n', &at))
                return -1;
            at.line++;
        }
        p = eol < end ? eol + 1 : end;
    }
    if (pp->ncond > ncond0) {
        POS e = { file, at.line, 1, 1 };
        return pp_fail(pp, &e, "#ifdef without #end");
    }
    return 0;
}

/* ---------------------------------------------------------------- public */

static const char *const predefined[][2] = {
    { "M_E", "2.71828182845904523536" },     { "M_LOG2E", "1.44269504088896340736" },
    { "M_LOG10E", "0.43429448190325182765" }, { "M_LN2", "0.69314718055994530942" },
    { "M_LN10", "2.30258509299404568402" },  { "M_PI", "3.14159265358979323846" },
    { "M_PI_2", "1.57079632679489661923" },  { "M_PI_4", "0.78539816339744830962" },
    { "M_1_PI", "0.31830988618379067154" },  { "M_2_PI", "0.63661977236758134308" },
    { "M_2_SQRTPI", "1.12837916709551257390" }, { "M_SQRT2", "1.41421356237309504880" },
    { "M_SQRT1_2", "0.70710678118654752440" }, { "M_INF", "800000000000.0" },
};

int lang_pp_needed(const char *src, size_t len)
{
    return memchr(src, '#', len) || memchr(src, '$', len);
}

int lang_pp_run(const char *src, size_t len, const char *file, int line0, int orchestra,
                LANG_PP_EMIT emit, void *ctx, char *err, size_t errlen)
{
    PP pp;
    memset(&pp, 0, sizeof pp);
    pp.split = orchestra;
    pp.score = !orchestra;
    pp.emit = emit;
    pp.ctx = ctx;
    pp.err = err;
    pp.errlen = errlen;
    pp.oline = pp.ocol = 1;
    for (size_t i = 0; orchestra && i < sizeof predefined / sizeof *predefined; i++)
        push_macro(&pp, predefined[i][0], strlen(predefined[i][0]), strdup(predefined[i][1]));
    int r = run_file(&pp, src, len, file, line0, 0);
    if (!r)
        r = flush(&pp, file);
    while (pp.macros) {
        MACRO *m = pp.macros;
        pp.macros = m->next;
        free_macro(m);
    }
    for (int i = 0; i < pp.nfiles; i++)
        free(pp.files[i]);
    free(pp.files);
    free(pp.buf);
    free(pp.map.e);
    return r;
}

void lang_pp_where(const LANG_PP_MAP *m, int line, int col, const char **file, int *oline, int *ocol)
{
    int lo = 0, hi = m ? m->n - 1 : -1, k = -1;
    while (lo <= hi) {   /* the last entry at or before (line, col) */
        int mid = (lo + hi) / 2;
        const MAP_ENTRY *e = &m->e[mid];
        if (e->oline < line || (e->oline == line && e->ocol <= col))
            k = mid, lo = mid + 1;
        else
            hi = mid - 1;
    }
    if (k < 0) {
        if (!m || m->n == 0) {
            *oline = line, *ocol = col;
            return;
        }
        k = 0;
    }
    const MAP_ENTRY *e = &m->e[k];
    *file = e->file;
    *oline = e->line;
    *ocol = e->linear && e->oline == line && col >= e->ocol ? e->col + (col - e->ocol) : e->col;
}

void lang_pp_fix_error(const LANG_PP_MAP *m, const char *file, char *err, size_t errlen)
{
    size_t fl = strlen(file);
    int line, col, n = 0;
    if (!err || strncmp(err, file, fl) || err[fl] != ':'
        || sscanf(err + fl, ":%d:%d:%n", &line, &col, &n) != 2 || n == 0)
        return;
    const char *f = file;
    int ol, oc;
    lang_pp_where(m, line, col, &f, &ol, &oc);
    char *rest = strdup(err + fl + (size_t)n);
    snprintf(err, errlen, "%s:%d:%d:%s", f, ol, oc, rest);
    free(rest);
}

char *lang_read_text(const char *path, size_t *len, char *why, size_t whylen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    FILE *f = NULL;
    const char *bad = NULL;
    if (fd < 0 || fstat(fd, &st) != 0) bad = strerror(errno);
    else if (S_ISDIR(st.st_mode)) bad = "a directory";
    else if (!S_ISREG(st.st_mode)) bad = "not a regular file";
    else if ((size_t)st.st_size > LANG_MAX_TEXT) bad = "larger than the 64 MB text limit";
    else if (!(f = fdopen(fd, "rb"))) bad = strerror(errno);
    if (bad) {
        if (why && whylen) snprintf(why, whylen, "%s", bad);
        if (fd >= 0) close(fd);
        return NULL;
    }
    /* the size can change between fstat and the read: the limit holds for what is read */
    size_t cap = (size_t)st.st_size + 1 < 65536 ? 65536 : (size_t)st.st_size + 1, n = 0, k;
    char *buf = xrealloc_pp(NULL, cap);
    while (n <= LANG_MAX_TEXT && (k = fread(buf + n, 1, cap - n - 1, f)) > 0)
        if ((n += k) + 1 == cap)
            buf = xrealloc_pp(buf, cap *= 2);
    int err = ferror(f);
    fclose(f);
    if (err || n > LANG_MAX_TEXT) {
        if (why && whylen) snprintf(why, whylen, "%s", err ? "read error" : "larger than the 64 MB text limit");
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}
