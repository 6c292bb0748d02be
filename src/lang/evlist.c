/* evlist.c — reads event list files (time-stamped OSC commands) into commands for the session. */
#include "evlist.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd {
    const char *p, *end, *line_start;
    const char *file;
    int line;
    char *err;
    size_t errlen;
} RD;

static int fail(RD *r, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(RD *r, const char *at, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s:%d:%d: error: %s", r->file, r->line, (int)(at - r->line_start) + 1, msg);
    return -1;
}

/* Every white space but the newline (\v and \f too: a bare word stops at
 * any isspace(), and a blank not skipped here made an endless empty word). */
static void skip_blanks(RD *r)
{
    while (r->p < r->end && *r->p != '\n' && isspace((unsigned char)*r->p)) r->p++;
}

static int at_eol(RD *r)
{
    return r->p >= r->end || *r->p == '\n' || *r->p == '#' || *r->p == ';';
}

/* NUMBER: strtod over a bounded copy, so text need not be NUL-terminated. */
static int read_number(RD *r, double *v)
{
    char buf[64];
    size_t n = 0;
    while (r->p + n < r->end && n < sizeof buf - 1 && !isspace((unsigned char)r->p[n])) n++;
    memcpy(buf, r->p, n);
    buf[n] = 0;
    char *e;
    *v = strtod(buf, &e);
    if (e == buf) return -1;
    r->p += e - buf;
    return 0;
}

static char *read_string(RD *r)
{
    const char *start = r->p;
    int line = r->line;
    const char *ls = r->line_start;
    r->p++;
    size_t cap = 64, n = 0;
    char *s = malloc(cap);
    for (;;) {
        if (r->p >= r->end) {
            free(s);
            r->line = line;
            r->line_start = ls;
            fail(r, start, "unterminated string");
            return NULL;
        }
        char c = *r->p++;
        if (c == '"') break;
        if (c == '\n') { r->line++; r->line_start = r->p; }
        if (c == '\\' && r->p < r->end) {
            char e = *r->p++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        if (n + 2 > cap) s = realloc(s, cap *= 2);
        s[n++] = c;
    }
    s[n] = 0;
    return s;
}

static void free_cmd(EVL_CMD *c)
{
    for (int i = 0; i < c->nargs; i++) free(c->args[i].s);
    free(c->args);
    free(c->addr);
}

/* line := [ time address { arg } ] [ comment ] */
static int parse_line(RD *r, EVL_CMD *c, int *have)
{
    *have = 0;
    skip_blanks(r);
    if (at_eol(r)) return 0;
    memset(c, 0, sizeof *c);
    c->file = r->file;
    c->line = r->line;
    const char *tstart = r->p;
    if (*r->p == '@') {
        r->p++;
        double v;
        /* range before the cast: (int64_t) of 1e300 is undefined */
        if (read_number(r, &v) || !(v >= 0 && v < 0x1p62) || v != floor(v))
            return fail(r, tstart, "expected a sample frame after '@'");
        c->frame = (int64_t)v;
        c->has_frame = 1;
    } else if (read_number(r, &c->time) || !(c->time >= 0 && c->time < INFINITY)) {
        return fail(r, tstart, "expected a time in seconds or @FRAME at the start of the line");
    }
    skip_blanks(r);
    if (r->p >= r->end || *r->p != '/') return fail(r, r->p, "expected an OSC address (starting with '/') after the time");
    const char *a = r->p;
    while (r->p < r->end && !isspace((unsigned char)*r->p)) r->p++;
    c->addr = strndup(a, (size_t)(r->p - a));
    c->col = (int)(a - r->line_start) + 1;
    int cap = 0;
    for (;;) {
        skip_blanks(r);
        if (at_eol(r)) break;
        if (c->nargs == cap) {
            cap = cap ? cap * 2 : 8;
            c->args = realloc(c->args, sizeof *c->args * (size_t)cap);
        }
        EVL_ARG *g = &c->args[c->nargs];
        memset(g, 0, sizeof *g);
        g->col = (int)(r->p - r->line_start) + 1;
        if (*r->p == '"') {
            g->type = 's';
            g->quoted = 1;
            if (!(g->s = read_string(r))) { free_cmd(c); return -1; }
        } else {
            const char *s = r->p;
            double v;
            if ((isdigit((unsigned char)*s) || *s == '-' || *s == '+' || *s == '.') && read_number(r, &v) == 0
                && (r->p >= r->end || isspace((unsigned char)*r->p))) {
                g->type = 'f';
                g->f = v;
            } else {
                r->p = s;
                while (r->p < r->end && !isspace((unsigned char)*r->p)) r->p++;
                g->type = 's';
                g->s = strndup(s, (size_t)(r->p - s));
            }
        }
        c->nargs++;
    }
    *have = 1;
    return 0;
}

int evl_parse(const char *text, size_t len, const char *file, EVL_CMD **out, int *n, char *err, size_t errlen)
{
    RD r = { text, text + len, text, file, 1, err, errlen };
    EVL_CMD *cmds = NULL;
    int count = 0, cap = 0;
    while (r.p < r.end) {
        EVL_CMD c;
        int have;
        if (parse_line(&r, &c, &have)) { evl_free(cmds, count); return -1; }
        if (have) {
            if (count == cap) {
                cap = cap ? cap * 2 : 64;
                cmds = realloc(cmds, sizeof *cmds * (size_t)cap);
            }
            cmds[count++] = c;
        }
        while (r.p < r.end && *r.p != '\n') r.p++;   /* the comment, if any */
        if (r.p < r.end) { r.p++; r.line++; r.line_start = r.p; }
    }
    *out = cmds;
    *n = count;
    return 0;
}

void evl_free(EVL_CMD *cmds, int n)
{
    for (int i = 0; i < n; i++) free_cmd(&cmds[i]);
    free(cmds);
}
