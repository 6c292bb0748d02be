/* test_cmd.c — the command table: lookup, flags, argument checks with their column, errors as values, and
 * doc/osc.md and the fuzzers' dictionaries listing exactly its commands. */
#include "check.h"
#include "../../src/session/session.h"
#include "../../src/lang/evlist.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static EVL_CMD *cmds;
static int ncmds;

/* One event-list line, parsed as a file would be ("t", line 1). */
static EVL_CMD *parse(const char *line)
{
    char err[512];
    evl_free(cmds, ncmds);
    cmds = NULL;
    ncmds = 0;
    if (evl_parse(line, strlen(line), "t", &cmds, &ncmds, err, sizeof err) || ncmds != 1) {
        fprintf(stderr, "cannot parse %s: %s\n", line, err);
        return NULL;
    }
    return &cmds[0];
}

/* The check stage's error for a line, or "" when it passes. */
static const SES_ERR *check_line(const char *line)
{
    static SES_ERR e;
    memset(&e, 0, sizeof e);
    EVL_CMD *c = parse(line);
    const SES_CMD *k = c ? ses_cmd_find(c->addr) : NULL;
    if (k) ses_cmd_check(k, c, &e);
    return &e;
}

static void test_rows(void)
{
    int n;
    const SES_CMD *t = ses_cmd_table(&n);
    CHECK(n >= 21);
    for (int i = 0; i < n; i++) {
        CHECKF(t[i].addr[0] == '/', "%s", t[i].addr);
        CHECKF(ses_cmd_find(t[i].addr) == &t[i], "%s: found, and only once", t[i].addr);
        CHECKF(t[i].doc && t[i].doc[0] && t[i].synopsis, "%s: documented", t[i].addr);
        CHECKF(t[i].run || t[i].prepare || t[i].reply == CMD_REPLY_QUIT, "%s: does something", t[i].addr);
        if (t[i].flags & CMD_PRELUDE) CHECKF(t[i].prepare && !t[i].run, "%s: prelude only", t[i].addr);
        if (t[i].flags & CMD_LIVE) CHECKF(!t[i].prepare, "%s: live only", t[i].addr);
        for (int a = 0; a < CMD_MAXARGS && t[i].args[a].kind; a++)
            CHECKF(strchr("nisx", t[i].args[a].kind) && t[i].args[a].what, "%s: argument %d", t[i].addr, a + 1);
    }
    CHECK(ses_cmd_find("/nosuch") == NULL);
    CHECK(ses_cmd_find("/sched/") == NULL);
    CHECK(ses_cmd_find("/SCHED") == NULL);
    CHECK(ses_cmd_find("") == NULL);
}

static void test_flags(void)
{
    CHECK(ses_cmd_find("/sched")->reply == CMD_REPLY_ID);
    CHECK(ses_cmd_find("/instr/def")->reply == CMD_REPLY_DONE);
    CHECK(ses_cmd_find("/instr/def")->flags & CMD_CODEPOS);
    CHECK(!(ses_cmd_find("/score")->flags & CMD_CODEPOS));
    CHECK(ses_cmd_find("/chn/get")->reply == CMD_REPLY_CHN);
    CHECK(ses_cmd_find("/chn/get")->flags & CMD_NO_RING);
    CHECK(ses_cmd_find("/quit")->flags & CMD_NO_RING);
    CHECK(!(ses_cmd_find("/sched")->flags & CMD_NO_RING));
    CHECK(ses_cmd_find("/sync")->reply == CMD_REPLY_SYNCED);
    CHECK(ses_cmd_find("/status")->reply == CMD_REPLY_STATUS);
    CHECK(ses_cmd_find("/config")->flags & CMD_PRELUDE);
    CHECK(ses_cmd_find("/orc")->flags & CMD_PRELUDE);
    /* what --record-events leaves out: replies, and the definitions, whose code it writes itself
     * as /instr/orc lines in the order compiled (the numbers names take depend on it) */
    int n, unrec = 0;
    const SES_CMD *t = ses_cmd_table(&n);
    for (int i = 0; i < n; i++)
        if (t[i].flags & CMD_UNRECORDED) {
            unrec++;
            CHECKF(strstr(" /sync /status /notify /quit /chn/get /instr/load /instr/def /instr/orc ", t[i].addr),
                   "%s unrecorded", t[i].addr);
        }
    CHECK(unrec == 8);
}

static void test_checks(void)
{
    /* "0 /sched x": the address at column 3, its first argument at 10 */
    const SES_ERR *e = check_line("0 /sched x saw 0 1\n");
    CHECKF(!strcmp(e->msg, "the event id must be a number, got \"x\""), "%s", e->msg);
    CHECK(e->col == 10 && e->line == 1 && !e->in_text);
    CHECK(!strcmp(e->addr, "/sched") && !strcmp(e->where, "t:1:10"));
    char text[1200];
    ses_err_format(e, text, sizeof text);
    CHECKF(!strcmp(text, "t:1:10: error: /sched: the event id must be a number, got \"x\""), "%s", text);

    e = check_line("0 /sched 1\n");
    CHECKF(!strcmp(e->msg, "missing the instrument (argument 2)"), "%s", e->msg);
    CHECK(e->col == 3);   /* a missing argument: the command's column */
    e = check_line("0 /sched 1 saw 0\n");
    CHECKF(!strcmp(e->msg, "missing the duration (argument 4)"), "%s", e->msg);
    e = check_line("0 /sched 1 saw 0 1 kamp 0.5\n");
    CHECKF(!e->msg[0], "the rest is the handler's: %s", e->msg);
    e = check_line("0 /table/gen 0 16 10\n");
    CHECKF(strstr(e->msg, "the table number must be a whole number from 1 to "), "%s", e->msg);
    CHECK(e->col == 14);
    e = check_line("0 /table/gen 1 16 10.5\n");
    CHECKF(!strcmp(e->msg, "the GEN number must be a whole number from -99 to 99"), "%s", e->msg);
    CHECK(e->col == 19);
    e = check_line("0 /stop 1\n");
    CHECKF(!e->msg[0], "an optional delay left out: %s", e->msg);
    e = check_line("0 /stop 1 soon\n");
    CHECKF(!strcmp(e->msg, "the delay must be a number, got \"soon\""), "%s", e->msg);
    CHECK(e->col == 11);
    e = check_line("0 /table/read 3 \"a.wav\" 65\n");
    CHECKF(!strcmp(e->msg, "the channel must be a whole number from 0 to 64"), "%s", e->msg);
    e = check_line("0 /chn/set 3 1\n");
    CHECKF(!strcmp(e->msg, "missing the channel name"), "%s", e->msg);
    e = check_line("0 /instr/def saw\n");
    CHECKF(!strcmp(e->msg, "expected an instrument name and its code (two strings)"), "%s", e->msg);
    e = check_line("0 /chn/get\n");
    CHECKF(!strcmp(e->msg, "expected a channel name"), "%s", e->msg);

    /* an OSC message: columns are argument numbers, and numbers may be anything liblo decodes */
    EVL_ARG args[4] = { { 'f', 1, NULL, 1 }, { 's', 0, "saw", 2 }, { 'f', NAN, NULL, 3 }, { 'f', 1, NULL, 4 } };
    EVL_CMD c;
    memset(&c, 0, sizeof c);
    c.addr = "/sched";
    c.args = args;
    c.nargs = 4;
    c.file = "osc";
    SES_ERR err;
    CHECK(ses_cmd_check(ses_cmd_find("/sched"), &c, &err) == -1);
    CHECKF(!strcmp(err.msg, "the delay must be a finite number"), "%s", err.msg);
    CHECK(err.col == 3);
}

/* A session rendering offline, and commands run on it as from a file. */
static void test_session(void)
{
    char path[] = "/tmp/ondes-test-cmd-XXXXXX.events";
    int fd = mkstemps(path, 7);
    const char *list = "0 /instr/def saw \"kamp = p4\\nout oscili(kamp, 440)\"\n";
    CHECK(fd >= 0 && write(fd, list, strlen(list)) == (ssize_t)strlen(list));
    close(fd);
    SESSION *s = ses_new();
    char err[1024] = "";
    SES_OPTIONS o = { 0 };
    o.ceiling_db = NAN;
    CHECKF(!ses_add_file(s, path, err, sizeof err) && !ses_prepare(s, &o, err, sizeof err), "%s", err);
    unlink(path);
    SES_RESULT res;
    SES_ERR e;
    char text[1200];

    CHECK(ses_command(s, parse("0 /sched -1 saw 0 1 kamp 0.2\n"), &res, &e) == 0);
    CHECK(res.chosen && res.id >= 1000000);
    CHECK(ses_command(s, parse("0 /sched 5 saw 0 1 0.2\n"), &res, &e) == 0);
    CHECK(!res.chosen && res.id == 5);
    CHECK(ses_command(s, parse("0 /set 5 kamp 0.1\n"), &res, &e) == 0);

    CHECK(ses_command(s, parse("0 /sched 6 saw 0 1 kfreq 3\n"), &res, &e) == -1);
    CHECKF(!strcmp(e.msg, "instrument 'saw' has no parameter 'kfreq' (it has: kamp)"), "%s", e.msg);
    CHECK(e.col == 20);
    CHECK(ses_command(s, parse("0 /sched 6 nosuch 0 1\n"), &res, &e) == -1);
    CHECKF(!strcmp(e.msg, "unknown instrument 'nosuch'") && e.col == 12, "%s at %d", e.msg, e.col);
    CHECK(ses_command(s, parse("0 /set 99 kamp 1\n"), &res, &e) == -1);
    CHECKF(!strcmp(e.msg, "no event with id 99 is playing or waiting to start"), "%s", e.msg);
    CHECK(ses_command(s, parse("0 /nosuch 1\n"), &res, &e) == -1);
    ses_err_format(&e, text, sizeof text);
    CHECKF(!strcmp(text, "t:1:3: error: /nosuch: unknown command"), "%s", text);

    /* live-only commands do nothing in a render; an event list's /config is refused only live */
    CHECK(ses_command(s, parse("0 /sync 1\n"), &res, &e) == 0);
    CHECK(ses_command(s, parse("0 /chn/get nothing\n"), &res, &e) == 0);
    CHECK(ses_command(s, parse("0 /quit\n"), &res, &e) == 0);

    /* an error in code the command carried: its own line and column, apart from the message */
    CHECK(ses_command(s, parse("0 /instr/def saw \"a1 oscilx 1, 440\"\n"), &res, &e) == -1);
    CHECKF(e.in_text && e.line == 1 && e.col == 4 && strstr(e.msg, "oscilx") && !strstr(e.msg, "error:"),
           "%d %d:%d %s", e.in_text, e.line, e.col, e.msg);
    ses_err_format(&e, text, sizeof text);
    CHECKF(!strncmp(text, "/instr/def saw:1:4: error: ", 27), "%s", text);
    /* a score's: where names the score, the message stands alone */
    CHECK(ses_command(s, parse("0 /score \"i \\\"nosuch\\\" 0 1\"\n"), &res, &e) == -1);
    CHECKF(!strcmp(e.msg, "unknown instrument 'nosuch'") && strstr(e.where, "(/score)"), "%s | %s", e.where, e.msg);
    CHECK(ses_command(s, parse("0 /table/gen 3 16 10 1\n"), &res, &e) == 0);
    CHECK(ses_command(s, parse("0 /table/gen 3 16 10 1\n"), &res, &e) == 0);   /* replaced: the old one freed */
    ses_drain_replies(s);
    ses_free(s);
}

/* Every command documented in doc/osc.md's table, and every address there a command. */
static void test_doc(const char *srcdir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/doc/osc.md", srcdir);
    FILE *f = fopen(path, "r");
    CHECKF(f != NULL, "cannot open %s", path);
    if (!f) return;
    int n;
    const SES_CMD *t = ses_cmd_table(&n);
    int documented[64] = { 0 };
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "| `/", 4)) continue;
        char *end = strchr(line + 1, '|');   /* the first cell: `/stopall`, `/panic` */
        if (!end) continue;
        *end = 0;
        for (char *p = strchr(line, '`'); p; p = strchr(p + 1, '`')) {
            char *q = strchr(p + 1, '`');
            if (!q) break;
            *q = 0;
            const SES_CMD *k = ses_cmd_find(p + 1);
            CHECKF(k != NULL, "doc/osc.md lists %s, which is not a command", p + 1);
            if (k) documented[k - t]++;
            p = q;
        }
    }
    fclose(f);
    for (int i = 0; i < n; i++) CHECKF(documented[i] == 1, "doc/osc.md's table lists %s %d times", t[i].addr, documented[i]);
}

/* The fuzzers' dictionaries know every command. */
static void test_dicts(const char *srcdir)
{
    const char *dicts[2][2] = { { "osc.dict", "\"%s\\x00\"" }, { "evlist.dict", "\"%s \"" } };
    for (int d = 0; d < 2; d++) {
        char path[1024], text[65536];
        snprintf(path, sizeof path, "%s/tests/fuzz/dict/%s", srcdir, dicts[d][0]);
        FILE *f = fopen(path, "r");
        CHECKF(f != NULL, "cannot open %s", path);
        if (!f) continue;
        size_t len = fread(text, 1, sizeof text - 1, f);
        text[len] = 0;
        fclose(f);
        int n;
        const SES_CMD *t = ses_cmd_table(&n);
        for (int i = 0; i < n; i++) {
            char entry[64];
            snprintf(entry, sizeof entry, dicts[d][1], t[i].addr);
            CHECKF(strstr(text, entry), "%s lacks %s", dicts[d][0], entry);
        }
    }
}

int main(void)
{
    const char *srcdir = getenv("srcdir");
    if (!srcdir || !*srcdir) srcdir = ".";
    test_rows();
    test_flags();
    test_checks();
    test_session();
    test_doc(srcdir);
    test_dicts(srcdir);
    evl_free(cmds, ncmds);
    return CHECK_RESULT();
}
