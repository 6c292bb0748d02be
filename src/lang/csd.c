/* csd.c — reads a Csound unified file (.csd): its CsOptions, CsInstruments and CsScore sections and the file lines they start on. */
#include "csd.h"
#include "preproc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A position in the text with its line and column (1-based). */
typedef struct cur {
    const char *p;
    int line, col;
} CUR;

typedef struct reader {
    const char *path;
    char *err;
    size_t errlen;
    CUR c;
} READER;

static int fail(READER *R, int line, int col, const char *fmt, ...)
{
    if (R->err && R->errlen) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(R->err, R->errlen, "%s:%d:%d: error: %s", R->path, line, col, msg);
    }
    return -1;
}

/* Move the cursor forward to `to`, counting lines on the way. */
static void move_to(CUR *c, const char *to)
{
    while (c->p < to && *c->p) {
        if (*c->p == '\n') {
            c->line++;
            c->col = 1;
        } else {
            c->col++;
        }
        c->p++;
    }
}

/* The sections we read; everything else (<CsLicence>, <CsFileB>, <CsMidifileB>,
 * <CsSampleB>, <CsVersion>, <CsShortLicense>, <CsHtml5>…) is skipped whole. */
enum { SEC_OPTIONS, SEC_INSTRUMENTS, SEC_SCORE, SEC_N };
static const char *const sec_names[SEC_N] = {"CsOptions", "CsInstruments", "CsScore"};

/* tag := '<' name { attribute } ['/'] '>'
 * Reads the tag at the cursor; name is copied into `name`, `selfclose` says
 * whether it ended with "/>", `attrs` whether anything followed the name. */
static int read_tag(READER *R, char *name, size_t namelen, int *attrs, int *selfclose)
{
    CUR start = R->c;
    const char *s = R->c.p + 1;
    size_t n = 0;
    while (s[n] && !isspace((unsigned char)s[n]) && s[n] != '>' && s[n] != '/' && n + 1 < namelen) {
        name[n] = s[n];
        n++;
    }
    name[n] = 0;
    const char *gt = strchr(s + n, '>');
    const char *nl = strchr(s + n, '\n');
    if (!n || !gt || (nl && nl < gt))
        return fail(R, start.line, start.col, "malformed tag '%.*s'", (int)strcspn(R->c.p, "\r\n"), R->c.p);
    *selfclose = gt > s && gt[-1] == '/';
    const char *a = s + n;
    while (a < gt - (*selfclose ? 1 : 0) && isspace((unsigned char)*a))
        a++;
    *attrs = a < gt - (*selfclose ? 1 : 0);
    move_to(&R->c, gt + 1);
    return 0;
}

/* Find "</name>" from the cursor; NULL when absent. */
static const char *find_close(const char *from, const char *name)
{
    size_t len = strlen(name);
    for (const char *s = strstr(from, "</"); s; s = strstr(s + 2, "</"))
        if (!strncmp(s + 2, name, len) && s[2 + len] == '>')
            return s;
    return NULL;
}

/* Advance to the next line that starts (after blanks) with '<'; 0 when none. */
static int next_tag_line(CUR *c)
{
    for (;;) {
        const char *s = c->p;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (*s == '<') {
            move_to(c, s);
            return 1;
        }
        const char *nl = strchr(s, '\n');
        if (!nl) {
            move_to(c, s + strlen(s));
            return 0;
        }
        move_to(c, nl + 1);
    }
}

static char *copy_text(const char *a, const char *b)
{
    size_t n = (size_t)(b - a);
    char *t = malloc(n + 1);
    if (t) {
        memcpy(t, a, n);
        t[n] = 0;
    }
    return t;
}

/* csd := { line } '<CsoundSynthesizer>' { section | other-line } '</CsoundSynthesizer>'
 * section := '<' name '>' text '</' name '>'      (tags begin their lines, as Csound writes them) */
int csd_parse(const char *text, const char *path, CSD *out, char *err, size_t errlen)
{
    READER R = {path ? path : "<csd>", err, errlen, {text ? text : "", 1, 1}};
    int sec_line[SEC_N] = {0};
    char name[64];

    memset(out, 0, sizeof *out);
    if (err && errlen)
        err[0] = 0;
    if (!strncmp(R.c.p, "\xEF\xBB\xBF", 3))    /* a UTF-8 byte order mark is not text */
        R.c.p += 3;

    /* everything before <CsoundSynthesizer> is ignored, as Csound does */
    for (;;) {
        if (!next_tag_line(&R.c))
            return fail(&R, 1, 1, "no <CsoundSynthesizer> tag: this is not a Csound unified file (.csd)");
        if (!strncmp(R.c.p, "<CsoundSynthesizer>", 19))
            break;
        if (!strncasecmp(R.c.p, "<CsoundSynthesizer>", 19))
            return fail(&R, R.c.line, R.c.col, "write <CsoundSynthesizer> exactly so: tag names are case-sensitive");
        move_to(&R.c, R.c.p + 1);
    }
    CUR top = R.c;
    move_to(&R.c, R.c.p + 19);

    for (;;) {
        if (!next_tag_line(&R.c)) {
            fail(&R, top.line, top.col, "<CsoundSynthesizer> is not closed: </CsoundSynthesizer> is missing");
            goto fail;
        }
        CUR tag = R.c;
        if (!strncmp(R.c.p, "</CsoundSynthesizer>", 20))
            break;
        if (!strncmp(R.c.p, "<!--", 4)) {   /* an XML comment */
            const char *end = strstr(R.c.p + 4, "-->");
            if (!end) {
                fail(&R, tag.line, tag.col, "unterminated comment: '<!--' has no matching '-->'");
                goto fail;
            }
            move_to(&R.c, end + 3);
            continue;
        }
        if (R.c.p[1] == '/') {
            fail(&R, tag.line, tag.col, "closing tag '%.*s' without its opening tag",
                 (int)strcspn(R.c.p, ">\r\n") + (strchr(R.c.p, '>') ? 1 : 0), R.c.p);
            goto fail;
        }
        int attrs = 0, selfclose = 0;
        if (read_tag(&R, name, sizeof name, &attrs, &selfclose))
            goto fail;
        int sec = -1;
        for (int i = 0; i < SEC_N; i++) {
            if (!strcmp(name, sec_names[i]))
                sec = i;
            else if (!strcasecmp(name, sec_names[i])) {
                fail(&R, tag.line, tag.col, "write <%s>, not <%s>: tag names are case-sensitive", sec_names[i], name);
                goto fail;
            }
        }
        if (selfclose)
            continue;
        const char *close = find_close(R.c.p, name);
        if (!close) {
            fail(&R, tag.line, tag.col, "unterminated <%s> section: </%s> is missing", name, name);
            goto fail;
        }
        if (sec < 0) {
            move_to(&R.c, close + strlen(name) + 3);
            continue;
        }
        if (attrs && sec == SEC_SCORE) {
            fail(&R, tag.line, tag.col, "<CsScore> with attributes (an external score generator, bin=…) is not supported");
            goto fail;
        }
        if (sec_line[sec]) {
            fail(&R, tag.line, tag.col, "a second <%s> section (the first is at line %d)", name, sec_line[sec]);
            goto fail;
        }
        sec_line[sec] = tag.line;
        /* The text starts after the tag; when the tag ends its line, on the next line. */
        const char *s = R.c.p;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (*s == '\n')
            move_to(&R.c, s + 1);
        char *t = copy_text(R.c.p, close);
        if (!t) {
            fail(&R, tag.line, tag.col, "out of memory");
            goto fail;
        }
        switch (sec) {
        case SEC_OPTIONS: out->options = t; out->options_line = R.c.line; break;
        case SEC_INSTRUMENTS: out->orc = t; out->orc_line = R.c.line; break;
        default: out->sco = t; out->sco_line = R.c.line; break;
        }
        move_to(&R.c, close + strlen(name) + 3);
    }
    return 0;
fail:
    csd_free(out);
    return -1;
}

int csd_read(const char *path, CSD *out, char *err, size_t errlen)
{
    READER R = {path ? path : "<csd>", err, errlen, {"", 1, 1}};
    memset(out, 0, sizeof *out);
    if (err && errlen)
        err[0] = 0;
    if (!path)
        return fail(&R, 1, 1, "no file name given");
    size_t n;
    char why[96];
    char *buf = lang_read_text(path, &n, why, sizeof why);   /* regular files only, within the text limit */
    if (!buf)
        return fail(&R, 1, 1, "cannot open: %s", why);
    /* The parsers work on NUL-terminated text: a NUL inside would silently cut it. */
    const char *nul = memchr(buf, 0, n);
    if (nul) {
        CUR c = {buf, 1, 1};
        move_to(&c, nul);
        free(buf);
        return fail(&R, c.line, c.col, "the file contains a NUL byte: not a text file");
    }
    int rc = csd_parse(buf, path, out, err, errlen);
    free(buf);
    return rc;
}

void csd_free(CSD *c)
{
    if (!c)
        return;
    free(c->orc);
    free(c->sco);
    free(c->options);
    memset(c, 0, sizeof *c);
}
