/* test_lang.c — the orchestra compiler: expressions, rates, control flow, call styles, and one test per kind of error message. */
#include "check.h"
#include "../../src/engine/engine.h"
#include "../../src/lang/orch.h"
#include "../../src/lang/errs.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Compile `orc`, run its header code and `nblocks` k-cycles of an `i 1 0 -1`
 * note, and return global `name`. */
static double run_global(const char *orc, const char *name, int nblocks, char *err)
{
    LANG_ORCH *o = lang_orch_new();
    double v = NAN;
    err[0] = 0;
    if (lang_orch_add(o, orc, strlen(orc), "t.orc", 1, err, 512) == 0) {
        LANG_HEADER h;
        lang_orch_header(o, &h);
        h.ksmps = 16;
        if (lang_orch_compile(o, &h, err, 512) == 0) {
            ENG_CONFIG cfg;
            eng_config_default(&cfg);
            cfg.ksmps = 16;
            cfg.max_voices = 4;
            cfg.dbfs = 1;
            cfg.a4 = h.a4;
            ENGINE *e = eng_new(&cfg, err, 512);
            for (int i = 0; i < lang_orch_count(o); i++)
                eng_set_instr(e, lang_orch_get(o, i)->num, lang_orch_get(o, i));
            if (lang_orch_instr0(o)) eng_run_instr0(e, lang_orch_instr0(o));
            if (lang_orch_number(o, "1") == 1) {
                ENG_EVENT ev;
                memset(&ev, 0, sizeof ev);
                ev.type = EV_START;
                ev.instr = 1;
                ev.np = 5;
                ev.p[1] = 1;
                ev.p[3] = -1;
                ev.p[4] = 3;
                ev.p[5] = 60;
                eng_schedule(e, &ev);
            }
            float buf[16];
            float *p[1] = { buf };
            for (int b = 0; b < nblocks; b++) eng_process(e, p, NULL, 16);
            long off = lang_orch_global_offset(o, name);
            if (off >= 0) v = *(double *)((char *)eng_globals(e) + off);
            size_t n = eng_msg_read(e, err, 511);
            err[n] = 0;
            eng_free(e);
        }
    }
    lang_orch_free(o);
    return v;
}

#define EXPECT_VALUE(orc, name, blocks, want)                                        \
    do {                                                                             \
        char err_[512];                                                              \
        double got_ = run_global(orc, name, blocks, err_);                           \
        CHECKF(fabs(got_ - (want)) < 1e-9, "%s = %.10g, want %.10g (%s)", name, got_, \
               (double)(want), err_);                                                \
    } while (0)

/* The compile error for `orc` must contain `want` (file:line:col: error: message). */
static void expect_error(const char *orc, const char *want, int line)
{
    LANG_ORCH *o = lang_orch_new();
    char err[512] = "";
    int r = lang_orch_add(o, orc, strlen(orc), "t.orc", 1, err, sizeof err);
    if (r == 0) {
        LANG_HEADER h;
        lang_orch_header(o, &h);
        r = lang_orch_compile(o, &h, err, sizeof err);
    }
    check_count++;
    if (r == 0 || !strstr(err, want)) {
        check_failures++;
        fprintf(stderr, "%s:%d: expected error containing \"%s\", got %s\"%s\"\n", __FILE__, line, want,
                r == 0 ? "success " : "", err);
    }
    lang_orch_free(o);
}
#define EXPECT_ERROR(orc, want) expect_error(orc, want, __LINE__)

/* tests/data/param_cases.txt, which tests/test_python.py reads too: each
 * body, compiled as instrument 1, must have exactly the named parameters the
 * case lists ("NAME=pN:R", R k or i), in that order. */
static void check_param_case(const char *title, const char *body, const char *want)
{
    size_t len = strlen(body) + 32;
    char *orc = malloc(len);
    snprintf(orc, len, "instr 1\n%sendin\n", body);
    LANG_ORCH *o = lang_orch_new();
    char err[512] = "", got[1024] = "";
    int r = lang_orch_add(o, orc, strlen(orc), "param_cases.txt", 1, err, sizeof err);
    if (r == 0) {
        LANG_HEADER h;
        lang_orch_header(o, &h);
        r = lang_orch_compile(o, &h, err, sizeof err);
    }
    if (r == 0) {
        const INSTR_TMPL *t = lang_orch_get(o, 0);
        size_t used = 0;
        for (int i = 0; i < t->nparams && used < sizeof got; i++)
            used += (size_t)snprintf(got + used, sizeof got - used, "%s%s=p%d:%c", i ? " " : "", t->params[i].name,
                                     t->params[i].pindex, t->params[i].rate);
    }
    CHECKF(r == 0 && !strcmp(got, want), "param case \"%s\": got \"%s\", want \"%s\" %s", title, got, want, err);
    lang_orch_free(o);
    free(orc);
}

static void test_param_cases(void)
{
    const char *dir = getenv("srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/param_cases.txt", dir && *dir ? dir : ".");
    FILE *f = fopen(path, "r");
    CHECKF(f != NULL, "cannot open %s (set srcdir to the source tree)", path);
    if (!f) return;
    char line[1024], title[256] = "", body[8192] = "";
    int in_case = 0, ncases = 0;
    while (fgets(line, sizeof line, f)) {
        if (!in_case) {
            if (!strncmp(line, "== ", 3)) {
                snprintf(title, sizeof title, "%.200s", line + 3);
                title[strcspn(title, "\n")] = 0;
                body[0] = 0;
                in_case = 1;
            }
            continue;
        }
        if (!strncmp(line, "->", 2)) {
            char *w = line + 2;
            while (*w == ' ' || *w == '\t') w++;
            size_t n = strlen(w);
            while (n && (w[n - 1] == '\n' || w[n - 1] == ' ' || w[n - 1] == '\r')) w[--n] = 0;
            check_param_case(title, body, w);
            ncases++;
            in_case = 0;
            continue;
        }
        CHECKF(strlen(body) + strlen(line) < sizeof body, "param case \"%s\": body too long", title);
        strncat(body, line, sizeof body - strlen(body) - 1);
    }
    fclose(f);
    CHECKF(!in_case, "param case \"%s\" has no -> line", title);
    CHECKF(ncases >= 10, "only %d parameter cases read from %s", ncases, path);
}


/* Every error of `orc` as the command line gathers them (adding, then
 * compiling even after errors; sorted by place): exactly the lines of
 * `want` ('\n'-separated), in order. */
static void expect_errors(const char *orc, const char *want, int line)
{
    LANG_ORCH *o = lang_orch_new();
    static char err[65536], all[65536];
    all[0] = 0;
    int r = lang_orch_add(o, orc, strlen(orc), "t.orc", 1, err, sizeof err);
    lang_err_append(all, sizeof all, err);
    LANG_HEADER h;
    lang_orch_header(o, &h);
    int r2 = lang_orch_compile(o, &h, err, sizeof err);
    lang_err_append(all, sizeof all, err);
    lang_err_sort(all);
    check_count++;
    if ((!r && !r2) || strcmp(all, want)) {
        check_failures++;
        fprintf(stderr, "%s:%d: add %d, compile %d; expected errors\n%s\ngot\n%s\n", __FILE__, line, r, r2, want, all);
    }
    lang_orch_free(o);
}
#define EXPECT_ERRORS(orc, want) expect_errors(orc, want, __LINE__)

/* Like a compiler: every error in one run, each once, none echoing another. */
static void test_error_recovery(void)
{
    /* parse and compile errors of several instruments; the outputs of a
     * failed statement are declared (a1, k1: no "undefined variable") */
    EXPECT_ERRORS("instr 1\n a1 fof 1, 440\n kArr[] init 4\n k1 = 1 +\n out a1 * k1\n kx = kArr\nendin\n"
                  "instr 2\n a2 buzz 1, 2\n outq a2*2, a2, a2, a2\n out a2\nendin\n",
                  "t.orc:2:5: error: unknown opcode 'fof'\n"
                  "t.orc:4:10: error: expected an expression, found end of line\n"
                  "t.orc:6:7: error: cannot assign an array to the scalar variable 'kx'\n"
                  "t.orc:9:5: error: unknown opcode 'buzz'\n"
                  "t.orc:10:2: error: unknown opcode 'outq'");
    /* a statement that cannot be read still has its unknown opcode named */
    EXPECT_ERRORS("instr 1\n initc21 1, 2, 3. 1\nendin\n",
                  "t.orc:2:2: error: unknown opcode 'initc21'\n"
                  "t.orc:2:19: error: unexpected '1' after the statement");
    /* an if whose first line fails: its body is read, its endif is no second error */
    EXPECT_ERRORS("instr 1\n k1 = 1\n if k1 > then\n k2 = 2\n endif\n k3 nosuch k2\nendin\n",
                  "t.orc:3:14: error: expected 'then' or 'goto' after the condition, found end of line\n"
                  "t.orc:6:5: error: unknown opcode 'nosuch'");
    /* a missing endin ends the instrument at the next one, which is read too */
    EXPECT_ERRORS("instr 1\n a1 nosuch 1\ninstr 2\n a2 other 2\nendin\n",
                  "t.orc:1:1: error: missing endin before the next 'instr' at line 3\n"
                  "t.orc:2:5: error: unknown opcode 'nosuch'\n"
                  "t.orc:4:5: error: unknown opcode 'other'");
    /* a lexical error skips its line only; a bad header value does not stop the rest */
    EXPECT_ERRORS("sr = 0\ninstr 1\n i1 = 1 @ 2\n i2 = 3\n i3 nosuch i2\nendin\n",
                  "t.orc:1:1: error: invalid value 0 for 'sr'\n"
                  "t.orc:3:9: error: unexpected character '@'\n"
                  "t.orc:5:5: error: unknown opcode 'nosuch'");
    /* an error in a user-defined opcode is reported once, in the opcode, not again at each call */
    EXPECT_ERRORS("opcode Foo, a, a\n ain xin\n aout nosuch ain\n xout aout\nendop\n"
                  "instr 1\n a0 = 0\n a1 Foo a0\n a2 Foo a1\n a3 other a2\nendin\n",
                  "t.orc:3:7: error: unknown opcode 'nosuch'\n"
                  "t.orc:10:5: error: unknown opcode 'other'");
    EXPECT_ERRORS("opcode Bar, a, k[]\n kin xin\n xout a(kin)\nendop\ninstr 1\n a1 nosuch 1\nendin\n",
                  "t.orc:2:2: error: 'xin': output 1 ('kin') must be k[]-rate, as 'Bar' declares its input 1 ('k[]'), not k-rate\n"
                  "t.orc:6:5: error: unknown opcode 'nosuch'");
    /* GENs ondes lacks, when ftgen's is a constant */
    EXPECT_ERRORS("gi1 ftgen 0, 0, 1024, 31, 1\ngi2 ftgen 0, 0, 1024, \"tanh\", 1\ngi3 = -\"s\"\n",
                  "t.orc:1:23: error: GEN 31 is not supported (ondes has GEN 1, 2, 5, 7, 9, 10, 11, 16, 17, 19, 20, 33 and 34)\n"
                  "t.orc:2:23: error: named GEN \"tanh\" is not supported (ondes has GEN 1, 2, 5, 7, 9, 10, 11, 16, 17, 19, 20, 33 and 34)\n"
                  "t.orc:3:8: error: a string cannot be used in arithmetic (strcat joins strings)");
    {   /* past 100 errors the compiler stops, saying so */
        static char many[8192], want[16384];
        int n = snprintf(many, sizeof many, "instr 1\n");
        size_t w = 0;
        for (int i = 0; i < 150; i++) {
            n += snprintf(many + n, sizeof many - (size_t)n, " a%d nosuch%d 1\n", i, i);
            if (i < 100)
                w += (size_t)snprintf(want + w, sizeof want - w, "t.orc:%d:%d: error: unknown opcode 'nosuch%d'\n",
                                      i + 2, i < 10 ? 5 : i < 100 ? 6 : 7, i);
        }
        snprintf(many + n, sizeof many - (size_t)n, "endin\n");
        snprintf(want + w, sizeof want - w, "t.orc:102:7: error: too many errors (more than 100), stopping here");
        EXPECT_ERRORS(many, want);
    }
    /* /instr/def: every error of the new code, nothing installed */
    {
        LANG_ORCH *o = lang_orch_new();
        char err[4096];
        LANG_HEADER h;
        lang_orch_header(o, &h);
        CHECK(lang_orch_add(o, "instr 1\nendin\n", 14, "t.orc", 1, err, sizeof err) == 0);
        CHECK(lang_orch_compile(o, &h, err, sizeof err) == 0);
        INSTR_TMPL *t = lang_orch_define(o, "bad", "a1 oscilx 1, 440\nk1 = 1 +\nout a1", "def", 0, err, sizeof err);
        CHECKF(!t && !strcmp(err, "def:1:4: error: unknown opcode 'oscilx'\n"
                                   "def:2:9: error: expected an expression, found end of line"), "got \"%s\"", err);
        CHECK(lang_orch_number(o, "bad") < 0);
        lang_orch_free(o);
    }
    /* Csound's own forms that once read as errors */
    EXPECT_VALUE("gi1 = 0\ni1 = 2\nif i1 = 2 then\n gi1 = 1\nendif\n", "gi1", 0, 1);      /* '=' compares in a condition */
    EXPECT_VALUE("gi1 = 0\nuntil gi1 >= 3 do\n gi1 += 1\nenduntil\n", "gi1", 0, 3);
    EXPECT_VALUE("gi1 = cpspch (8.09)\n", "gi1", 0, 440);
    EXPECT_VALUE("gi1 = max(1,\n 5,\n 2)\n", "gi1", 0, 5);
}

int main(void)
{
    /* precedence and associativity, as Csound's grammar has them */
    EXPECT_VALUE("gi1 = 2 + 3 * 4 ^ 2\n", "gi1", 0, 50);
    EXPECT_VALUE("gi1 = 2 - 3 - 4\n", "gi1", 0, -5);
    EXPECT_VALUE("gi1 = 2 ^ 3 ^ 2\n", "gi1", 0, 64);          /* left associative in Csound */
    EXPECT_VALUE("gi1 = -2 ^ 2\n", "gi1", 0, 4);
    EXPECT_VALUE("gi1 = (1 + 2) * 3 % 5\n", "gi1", 0, 4);
    EXPECT_VALUE("gi1 = 1 < 2 && 3 > 4 || 1 == 1\n", "gi1", 0, 1);
    EXPECT_VALUE("gi1 = 5 > 3 ? 10 : 20\n", "gi1", 0, 10);
    EXPECT_VALUE("ia = 7\ngi1 = ia < 3 ? 1 : ia < 10 ? 2 : 3\n", "gi1", 0, 2);
    /* functions, both call styles */
    EXPECT_VALUE("gi1 = sqrt(16) + abs(-2) + int(3.7) + frac(1.25) + floor(-1.5) + ceil(1.2)\n", "gi1", 0,
                 4 + 2 + 3 + 0.25 - 2 + 2);
    EXPECT_VALUE("gi1 = mtof(69)\n", "gi1", 0, 440);
    EXPECT_VALUE("A4 = 432\ngi1 = mtof:i(69)\n", "gi1", 0, 432);
    EXPECT_VALUE("gi1 = cpsmidinn(81)\n", "gi1", 0, 880);
    EXPECT_VALUE("gi1 = ampdb(-20)\n", "gi1", 0, 0.10000000929940499);   /* csound 6.18: exp(x · 0.11512925) */
    EXPECT_VALUE("gi1 = min(3, 1, 2) + max(4, 9, 2)\n", "gi1", 0, 10);
    EXPECT_VALUE("gi1 = pow(2, 10)\n", "gi1", 0, 1024);
    EXPECT_VALUE("gi1 = tanh(0) + exp(0) + log(1) + sin(0) + cos(0)\n", "gi1", 0, 2);
    EXPECT_VALUE("gi1 = cpspch(8.09)\n", "gi1", 0, 440);
    EXPECT_VALUE("gi1 = cpspch(7.11)\n", "gi1", 0, 246.934685926927);   /* csound 6.18's value */
    /* header values read inside code */
    EXPECT_VALUE("sr = 48000\nksmps = 16\ngi1 = sr / ksmps\n", "gi1", 0, 3000);
    /* i-time control flow */
    EXPECT_VALUE("gi1 = 0\nindx = 0\nloop:\ngi1 = gi1 + indx\nindx += 1\nif indx < 5 igoto loop\n", "gi1", 0, 10);
    EXPECT_VALUE("gi1 = 0\ni1 = 0\nwhile i1 < 4 do\n gi1 += 2\n i1 += 1\nod\n", "gi1", 0, 8);
    EXPECT_VALUE("ix = 2\nif ix == 1 then\n gi1 = 10\nelseif ix == 2 then\n gi1 = 20\nelse\n gi1 = 30\nendif\n",
                 "gi1", 0, 20);
    EXPECT_VALUE("ix = 5\nif ix == 1 then\n gi1 = 10\nelse\n gi1 = 30\nendif\n", "gi1", 0, 30);
    EXPECT_VALUE("gi1 = 1\ngoto skip\ngi1 = 2\nskip:\n", "gi1", 0, 1);
    /* line continuation and comments */
    EXPECT_VALUE("gi1 = 1 + \\\n  2 ; comment\n/* block\ncomment */ gi2 = 3 // c\n", "gi1", 0, 3);
    /* k-rate: runs once per k-cycle, not at init; p-fields; k-rate conditions */
    EXPECT_VALUE("gk1 init 0\ninstr 1\ngk1 = gk1 + 1\nendin\n", "gk1", 5, 5);
    EXPECT_VALUE("gk1 init 0\ninstr 1\nkmidi = p5\ngk1 = mtof:k(kmidi)\nendin\n", "gk1", 1, 440 * pow(2, (60 - 69) / 12.0));
    EXPECT_VALUE("gk1 init 0\ninstr 1\nkc init 0\nkc += 1\nif kc > 3 then\n gk1 = 100\nelse\n gk1 = kc\nendif\nendin\n",
                 "gk1", 3, 3);
    EXPECT_VALUE("gk1 init 0\ninstr 1\nkc init 0\nkc += 1\nif kc > 3 then\n gk1 = 100\nelse\n gk1 = kc\nendif\nendin\n",
                 "gk1", 4, 100);
    EXPECT_VALUE("gi1 init 0\ninstr 1\ngi1 = p4 * 2\nendin\n", "gi1", 1, 6);
    EXPECT_VALUE("gk1 init 0\ninstr 1\nkx = 2\nkx *= 3\nkx -= 1\nkx /= 5\ngk1 = kx\nendin\n", "gk1", 1, 1);
    /* named instruments and a-rate expressions compile */
    EXPECT_VALUE("gk1 init 0\ninstr 1\na1 = 0.5\na2 = a1 * 2 + 1\ngk1 = downsamp(a2)\nendin\n", "gk1", 1, 2);

    /* user-defined opcodes: i-time recursion in header code, k and i outputs,
     * the new style with a typed parameter, a UDO defined after its caller */
    EXPECT_VALUE("opcode Fact, i, i\ninum xin\nif inum <= 1 then\n ir = 1\nelse\n ir Fact inum - 1\n ir = ir * inum\nendif\n"
                 "xout ir\nendop\ngi1 Fact 5\n", "gi1", 0, 120);
    EXPECT_VALUE("gk1 init 0\nopcode Twice(x:k, iy):(k, i)\nxout x * 2, iy * 3\nendop\n"
                 "instr 1\nk1, i1 Twice 4, 5\ngk1 = k1 + i1\nendin\n", "gk1", 1, 23);
    EXPECT_VALUE("gk1 init 0\nopcode Sum(kx, ky):k\nxout kx + ky\nendop\ninstr 1\ngk1 = Sum(2, 5)\nendin\n", "gk1", 1, 7);
    EXPECT_VALUE("gk1 init 0\ninstr 1\ngk1 = Late(2)\nendin\nopcode Late, k, k\nkx xin\nxout kx + 1\nendop\n", "gk1", 1, 3);
    EXPECT_VALUE("gk1 init 0\nopcode Cnt, k, 0\nkc init 0\nkc += 1\nxout kc\nendop\n"
                 "instr 1\nk1 Cnt\nk2 Cnt\ngk1 = k1 * 10 + k2\nendin\n", "gk1", 3, 33);   /* each call its own state */
    {   /* a recursion with no end stops at the depth limit with an init error */
        char err[512];
        run_global("opcode Rec, k, k\nkx xin\nk1 Rec kx\nxout k1\nendop\ninstr 1\nk1 Rec 1\nendin\n", "gk1", 1, err);
        CHECKF(strstr(err, "INIT ERROR") && strstr(err, "Rec") && strstr(err, "nested more than"), "runaway: %s", err);
    }
    {   /* orchestra text added while playing (/instr/load, /instr/def) defines and uses UDOs */
        LANG_ORCH *o = lang_orch_new();
        char err[512] = "";
        const char *orc = "opcode Dbl, k, k\nkx xin\nxout kx * 2\nendop\ninstr 1\nk1 Dbl 1\nendin\n";
        CHECKF(lang_orch_add(o, orc, strlen(orc), "t.orc", 1, err, sizeof err) == 0, "%s", err);
        LANG_HEADER h;
        lang_orch_header(o, &h);
        CHECKF(lang_orch_compile(o, &h, err, sizeof err) == 0, "%s", err);
        INSTR_TMPL *made[4];
        const char *more = "opcode Tri, a, k\nkx xin\nxout a(Dbl(kx) + kx)\nendop\ninstr 2\na1 Tri 2\nendin\n";
        CHECKF(lang_orch_add_instruments(o, more, strlen(more), "more.orc", 1, made, 4, err, sizeof err) == 1, "%s", err);
        CHECKF(lang_orch_define(o, "3", "a1 = Tri(Dbl(3))\nk1 Dbl 2", "def", 1, err, sizeof err) != NULL, "%s", err);
        /* a failed text leaves no UDO behind */
        const char *bad = "opcode Gone, k, k\nkx xin\nxout kx\nendop\ninstr 4\nk1 Gone 1\nk2 nosuch 1\nendin\n";
        CHECK(lang_orch_add_instruments(o, bad, strlen(bad), "bad.orc", 1, made, 4, err, sizeof err) < 0);
        CHECK(strstr(err, "unknown opcode 'nosuch'") != NULL);
        CHECK(lang_orch_define(o, "5", "k1 = Gone(1)", "def", 1, err, sizeof err) == NULL);
        CHECKF(strstr(err, "Gone") != NULL, "%s", err);
        lang_orch_free(o);
    }
    EXPECT_ERROR("opcode Bad, a, akx\nendop\n", "t.orc:1:18: error: unknown type 'x' in the opcode's input types");
    EXPECT_ERROR("instr 1\n a1 xin\nendin\n", "t.orc:2:5: error: 'xin' is only allowed inside a user-defined opcode");
    EXPECT_ERROR("instr 1\n xout 1\nendin\n", "t.orc:2:2: error: 'xout' is only allowed inside a user-defined opcode");
    EXPECT_ERROR("instr 1\n setksmps 1\nendin\n", "'setksmps' is supported only inside user-defined opcodes");
    EXPECT_ERROR("opcode L, a, a\nsetksmps 3\nain xin\nxout ain\nendop\n", "t.orc:2:1: error: setksmps: invalid ksmps 3");
    EXPECT_ERROR("opcode L, a, a\nain xin\nxout ain\nendop\ninstr 1\na1 L 1\nendin\n", "'L': argument 1 must be a-rate");
    EXPECT_ERROR("opcode L, a, a\nain xin\nxout ain\nendop\ninstr 1\nk1 L a1\nendin\n", "error:");
    EXPECT_ERROR("opcode L, a, a\nain xin\nxout ain\n", "t.orc:1:1: error: missing endop");
    EXPECT_ERROR("endop\n", "t.orc:1:1: error: 'endop' without a matching 'opcode'");
    EXPECT_ERROR("opcode L, a, a\nain xin\nxout ain\nendop\ninstr 1\na1 = 0\na2 L a1, 2.5\nendin\n", "invalid local ksmps 2.5");

    /* one test per kind of error, each naming file:line:col */
    EXPECT_ERROR("instr 1\n a1 oscilx 1, 440\nendin\n", "t.orc:2:5: error: unknown opcode 'oscilx'");
    EXPECT_ERROR("instr 1\n a1 oscili kamp, 440\nendin\n", "t.orc:2:12: error: undefined variable 'kamp'");
    EXPECT_ERROR("instr 1\n a1 = 1\n i1 = a1\nendin\n", "t.orc:3:7: error: cannot assign an a-rate value to the i-rate variable 'i1'");
    EXPECT_ERROR("instr 1\n a1 = 1\n k1 = mtof(a1)\nendin\n", "error:");
    EXPECT_ERROR("instr 1\n a1 = 1\n a2 oscili 1, 440, a1\nendin\n", "t.orc:3:20: error: 'oscili': argument 3 must be i-rate, got a-rate");
    EXPECT_ERROR("instr 1\n a1 oscili 1, 440, -1, 0, 5\nendin\n", "t.orc:2:27: error: 'oscili': too many arguments");
    EXPECT_ERROR("instr 1\n a1 oscili 1\nendin\n", "t.orc:2:5: error: 'oscili': missing argument 2");
    EXPECT_ERROR("instr 1\n prints \"abc\nendin\n", "t.orc:2:9: error: unterminated string");
    EXPECT_ERROR("instr 1\n i1 = (1 + 2\nendin\n", "t.orc:2:13: error: expected ')'");
    EXPECT_ERROR("instr 1\n i1 = 1\n", "t.orc:1:1: error: missing endin");
    EXPECT_ERROR("instr 1\n if 1 > 0 then\n i1 = 1\nendin\n", "t.orc:2:2: error: missing endif for the 'if' here (found 'endin' at line 4)");
    EXPECT_ERROR("instr 1\n i1 = 1\nendif\nendin\n", "t.orc:3:1: error: 'endif' without a matching opening statement");
    EXPECT_ERROR("instr 1\n i1 = 1\n if 1 > 0 then\n i1 = 2\n", "t.orc:3:2: error: missing endif");
    EXPECT_ERROR("instr 1\n goto nowhere\nendin\n", "t.orc:2:7: error: undefined label 'nowhere'");
    EXPECT_ERROR("instr 1\n i1 = 1 +\nendin\n", "t.orc:2:10: error: expected an expression");
    EXPECT_ERROR("instr 1\n i1 = 1 @ 2\nendin\n", "t.orc:2:9: error: unexpected character '@'");
    EXPECT_ERROR("endin\n", "t.orc:1:1: error: 'endin' without a matching 'instr'");
    EXPECT_ERROR("sr = 0\n", "t.orc:1:1: error: invalid value 0 for 'sr'");
    EXPECT_ERROR("ksmps = p4\n", "error: 'ksmps' must be given a constant");
    EXPECT_ERROR("instr 1\n xyz = 1\nendin\n", "t.orc:2:2: error: 'xyz' is not a variable name");
    EXPECT_ERROR("instr 1\n fsig = 1\nendin\n", "f- and w-rate variables are not supported");
    EXPECT_ERROR("instr 1\n k1 = 1\n if a1 > 0 then\n k1 = 2\n endif\nendin\n", "undefined variable 'a1'");
    EXPECT_ERROR("instr 1\n a1 = 1\n if a1 > 0 then\n k1 = 2\n endif\nendin\n", "t.orc:3:8: error: '>' on a-rate signals: conditions and comparisons must be i- or k-rate");
    EXPECT_ERROR("instr 1\n i1 = \"s\" + 1\nendin\n", "a string cannot be used in arithmetic");
    EXPECT_ERROR("instr 1\n p99 = 1\nendin\n", "t.orc:2:2: error: p-field p99 is out of range");
    EXPECT_ERROR("instr 1\n i1 = p99\nendin\n", "p-field p99 is out of range");
    EXPECT_ERROR("instr 0.5\nendin\n", "t.orc:1:7: error: instrument number 0.5 out of range");
    EXPECT_ERROR("instr 1\nlab:\nlab:\nendin\n", "t.orc:3:1: error: label 'lab' is defined twice");
    EXPECT_ERROR("instr 1\n oscili 1, 440\nendin\n", "'oscili' gives a value: assign it to a variable");
    EXPECT_ERROR("instr 1\n a1, a2 oscili 1, 440\nendin\n", "'oscili' cannot give 2 outputs");
    {   /* nesting is bounded (a deep one overflowed the stack: found by fuzzing) */
        static char deep[4200];
        int n = snprintf(deep, sizeof deep, "gi1 = ");
        for (int i = 0; i < 1001; i++) deep[n++] = '(';
        snprintf(deep + n, sizeof deep - (size_t)n, "1\n");
        EXPECT_ERROR(deep, "nested too deeply (more than 1000 levels)");
        n = snprintf(deep, sizeof deep, "gi1 = 1");
        for (int i = 0; i < 900; i++) n += snprintf(deep + n, sizeof deep - (size_t)n, "+1");
        snprintf(deep + n, sizeof deep - (size_t)n, "\n");
        EXPECT_VALUE(deep, "gi1", 0, 901);
    }
    {   /* a flat chain of operators is not nesting (issue 11): 1000 terms compile, as in Csound,
         * and 100 000 terms cost no stack (the compiler walks a chain in a loop) */
        static char flat[520000];   /* 100 000 terms of 4 or 6 characters */
        int n = snprintf(flat, sizeof flat, "gi1 = 1");
        for (int i = 0; i < 1001; i++) n += snprintf(flat + n, sizeof flat - (size_t)n, "+1");
        snprintf(flat + n, sizeof flat - (size_t)n, "\n");
        EXPECT_VALUE(flat, "gi1", 0, 1002);
        n = snprintf(flat, sizeof flat, "gi2 = 2\ngi1 = 1");
        for (int i = 0; i < 100000; i++) n += snprintf(flat + n, sizeof flat - (size_t)n, i % 2 ? "-gi2" : "+gi2*3");
        snprintf(flat + n, sizeof flat - (size_t)n, "\n");
        EXPECT_VALUE(flat, "gi1", 0, 1 + 50000 * 6 - 50000 * 2);
    }
    test_param_cases();
    test_error_recovery();
    return CHECK_RESULT();
}
