/* errs.c — error messages gathered one per line (see errs.h). */
#include "errs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOO_MANY "too many errors (more than %d), stopping here"

int lang_err_count(const char *err)
{
    int n = 0;
    for (const char *p = err; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len) n++;
        p += len + (nl != NULL);
    }
    return n;
}

static int full(const char *err)
{
    return strstr(err, "error: too many errors (more than") != NULL;
}

/* One more line at the end of err (cut to fit). */
static void put_line(char *err, size_t errlen, const char *line)
{
    size_t used = strlen(err);
    if (used + 2 >= errlen) return;
    if (used && err[used - 1] != '\n') err[used++] = '\n';
    snprintf(err + used, errlen - used, "%s", line);
}

int lang_err_vadd(char *err, size_t errlen, const char *file, int line, int col, const char *fmt, va_list ap)
{
    if (!err || !errlen) return 0;
    if (full(err)) return 1;
    char msg[600], out[1200];
    int cap = lang_err_count(err) >= LANG_MAX_ERRORS;
    if (cap) snprintf(msg, sizeof msg, TOO_MANY, LANG_MAX_ERRORS);
    else vsnprintf(msg, sizeof msg, fmt, ap);
    snprintf(out, sizeof out, "%s:%d:%d: error: %s", file, line, col, msg);
    put_line(err, errlen, out);
    return cap;
}

int lang_err_add(char *err, size_t errlen, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = lang_err_vadd(err, errlen, file, line, col, fmt, ap);
    va_end(ap);
    return r;
}

int lang_err_append(char *err, size_t errlen, const char *text)
{
    if (!err || !errlen || !text) return 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len) {
            if (full(err)) return 1;
            char line[1200];
            snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
            if (lang_err_count(err) >= LANG_MAX_ERRORS && !full(line)) {   /* a "too many" line comes as it is */
                snprintf(line, sizeof line, "ondes: error: " TOO_MANY, LANG_MAX_ERRORS);
                put_line(err, errlen, line);
                return 1;
            }
            put_line(err, errlen, line);
        }
        p += len + (nl != NULL);
    }
    return full(err);
}

typedef struct eline {
    const char *s;
    int len;
    int file;           /* order of first appearance of its file */
    int line, col, at;
} ELINE;

static int eline_cmp(const void *a, const void *b)
{
    const ELINE *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->at - y->at;
}

/* "FILE:LINE:COL: error: …": the length of FILE and the place, or 0 when the line has no place. */
static int place_of(const char *s, int len, int *line, int *col)
{
    const char *e = NULL;
    for (const char *q = s; q + 9 <= s + len; q++)
        if (!memcmp(q, ": error: ", 9)) { e = q; break; }
    if (!e) return 0;
    const char *q = e;
    int v[2], k = 0;
    while (k < 2) {
        const char *d = q;
        while (d > s && d[-1] >= '0' && d[-1] <= '9') d--;
        if (d == q || d == s || d[-1] != ':') return 0;
        v[k++] = atoi(d);
        q = d - 1;
    }
    *col = v[0];
    *line = v[1];
    return (int)(q - s);
}

void lang_err_sort(char *err)
{
    int n = lang_err_count(err);
    if (n < 2) return;
    ELINE *l = calloc((size_t)n, sizeof *l);
    char *copy = strdup(err);
    if (!l || !copy) { free(l); free(copy); return; }
    int k = 0;
    for (const char *p = copy; *p && k < n;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        if (len) {
            ELINE *e = &l[k];
            e->s = p;
            e->len = len;
            e->at = k;
            int flen = place_of(p, len, &e->line, &e->col);
            if (!flen) flen = len;   /* no place: a "file" of its own */
            e->file = k;
            for (int j = 0; j < k; j++) {
                int fj = place_of(l[j].s, l[j].len, &(int){ 0 }, &(int){ 0 });
                if (!fj) fj = l[j].len;
                if (fj == flen && !memcmp(l[j].s, p, (size_t)flen)) { e->file = l[j].file; break; }
            }
            if (memmem(p, (size_t)len, "error: too many errors (more than", 33)) e->file = n, e->line = e->col = 0;
            k++;
        }
        p += len + (nl != NULL);
    }
    qsort(l, (size_t)k, sizeof *l, eline_cmp);
    size_t used = 0;
    for (int i = 0; i < k; i++) {
        memcpy(err + used, l[i].s, (size_t)l[i].len);
        used += (size_t)l[i].len;
        if (i + 1 < k) err[used++] = '\n';
    }
    err[used] = 0;
    free(copy);
    free(l);
}
