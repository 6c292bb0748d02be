/* test_score.c — unit tests of the Csound score parser (score.c) and the .csd reader (csd.c).
 *
 * Expected values marked "csound 6.18" were checked by running real Csound
 * (csound --keep-sorted-score, reading score.srt, and instruments printing
 * their p-fields) on the same score. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/lang/csd.h"
#include "../../src/lang/score.h"
#include "check.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

/* Parse text that must be valid; on failure, report the message and give an empty score. */
static SCO parse_at(const char *text, int line, const char *file)
{
    SCO s;
    char err[512];
    int rc = sco_parse(text, "t.sco", 1, &s, err, sizeof err);
    if (rc) {
        fprintf(stderr, "%s:%d: unexpected score error: %s\n", file, line, err);
        check_failures++;
    }
    return s;
}
#define PARSE(text) parse_at(text, __LINE__, __FILE__)

/* Parse text that must fail; check the message has "t.sco:pos: " and the phrase. */
static int error_at(const char *text, const char *pos, const char *phrase)
{
    SCO s;
    char err[512], want[64];
    int rc = sco_parse(text, "t.sco", 1, &s, err, sizeof err);
    if (rc == 0) {
        sco_free(&s);
        fprintf(stderr, "  expected an error containing \"%s\" from: %s\n", phrase, text);
        return 0;
    }
    snprintf(want, sizeof want, "t.sco:%s: ", pos);
    if (strncmp(err, want, strlen(want)) || !strstr(err, phrase)) {
        fprintf(stderr, "  got \"%s\"\n  want \"%s…%s…\"\n", err, want, phrase);
        return 0;
    }
    if (s.ev || s.n) {
        fprintf(stderr, "  failed parse left events behind\n");
        return 0;
    }
    return 1;
}
#define ERR(text, pos, phrase) CHECK(error_at(text, pos, phrase))

/* The k-th i event of instrument p1 (0-based), in sorted order. */
static const SCO_EVENT *note(const SCO *s, double p1, int k)
{
    for (int i = 0; i < s->n; i++)
        if (s->ev[i].op == 'i' && s->ev[i].p[1] == p1 && !s->ev[i].instr_name && k-- == 0)
            return &s->ev[i];
    static const SCO_EVENT none;    /* read-only: a zeroed event for missing notes */
    return &none;
}

static void test_basic(void)
{
    SCO s = PARSE("i1 0 1 440 0.5\n"
                  "  i 2   0.5  2\n");
    CHECK(s.n == 2);
    CHECK(s.ev[0].op == 'i' && s.ev[0].p[1] == 1 && s.ev[0].np == 5);
    CHECK(s.ev[0].p[4] == 440 && s.ev[0].p[5] == 0.5);
    CHECK(s.ev[0].time == 0 && s.ev[0].dur == 1);
    CHECK(s.ev[0].line == 1 && s.ev[0].col == 1 && !strcmp(s.ev[0].file, "t.sco"));
    CHECK(s.ev[1].p[1] == 2 && s.ev[1].np == 3 && s.ev[1].line == 2 && s.ev[1].col == 3);
    CHECK(s.ev[1].time == 0.5 && s.ev[1].dur == 2);
    CHECK(s.ev[0].pstr == NULL && s.ev[0].instr_name == NULL);
    CHECK(s.end_time == 2.5 && !s.has_end);
    sco_free(&s);
    CHECK(s.ev == NULL && s.n == 0);

    /* numbers: exponents, signs, leading/trailing dots; 'z' is Csound's "forever" (8e11, csound 6.18) */
    s = PARSE("i1 0 z 1e1 -.5 +3 5. 2E-1\n");
    CHECK(s.n == 1 && s.ev[0].p[3] == 800000000000.0);
    CHECK(s.ev[0].p[4] == 10 && s.ev[0].p[5] == -0.5 && s.ev[0].p[6] == 3 && s.ev[0].p[7] == 5);
    CHECK(NEAR(s.ev[0].p[8], 0.2));
    sco_free(&s);

    /* an empty score, blank and comment-only scores */
    s = PARSE("");
    CHECK(s.n == 0 && s.end_time == 0 && s.ev == NULL);
    sco_free(&s);
    s = PARSE("  \n ; nothing\n /* here */ \n");
    CHECK(s.n == 0);
    sco_free(&s);
    CHECK(sco_parse(NULL, NULL, 1, &s, NULL, 0) == 0 && s.n == 0);
    sco_free(&s);
}

static void test_comments_and_lines(void)
{
    /* csound 6.18: comments anywhere, a statement after a block comment on
     * its line, and lines that start with a p-field continue the statement */
    SCO s = PARSE("i1 0 1 1 2 3\n"
                  "i1 1 1 ; comment . . 9\n"
                  "i1 2 1 /* c */ 4 // x\n"
                  "/* multi\n"
                  "line */ i1 3 1 7 ;x\n"
                  "i2 0 1 10\r\n"
                  "   20 30\r\n"
                  "i3 0 1\n"
                  "np4 pp4\n");
    CHECK(s.n == 6);
    const SCO_EVENT *a = note(&s, 1, 1), *b = note(&s, 1, 2), *c = note(&s, 1, 3);
    CHECK(a->np == 6 && a->p[4] == 1 && a->p[5] == 2 && a->p[6] == 3);
    CHECK(b->p[4] == 4 && b->p[5] == 2 && b->p[6] == 3);
    CHECK(c->p[4] == 7 && c->line == 5 && c->col == 9);
    const SCO_EVENT *d = note(&s, 2, 0);
    CHECK(d->np == 6 && d->p[4] == 10 && d->p[5] == 20 && d->p[6] == 30);
    CHECK(note(&s, 3, 0)->np == 5);
    sco_free(&s);

    /* the statement letter may touch p1; line0 shifts every line number */
    char err[256];
    CHECK(sco_parse("\n\ni1 0 1\nf1 0 8 10 1\n", "x.csd", 40, &s, err, sizeof err) == 0);
    CHECK(s.n == 2 && s.ev[1].op == 'i' && s.ev[1].line == 42 && s.ev[0].line == 43);
    CHECK(!strcmp(s.ev[0].file, "x.csd"));
    sco_free(&s);
}

static void test_carry(void)
{
    /* '.' and missing trailing p-fields carry from the previous note of the
     * same instrument, even across other instruments (csound 6.18) */
    SCO s = PARSE("i1 0 1 10 20\n"
                  "i2 0.5 1 5\n"
                  "i1 1 1\n"
                  "i1 2 . . 30\n"
                  "i1 3 2 . . 9\n");
    CHECK(note(&s, 1, 1)->np == 5 && note(&s, 1, 1)->p[4] == 10 && note(&s, 1, 1)->p[5] == 20);
    CHECK(note(&s, 1, 2)->p[3] == 1 && note(&s, 1, 2)->p[4] == 10 && note(&s, 1, 2)->p[5] == 30);
    /* '.' past the previous note's p-fields is 0 */
    CHECK(note(&s, 1, 3)->np == 6 && note(&s, 1, 3)->p[5] == 30 && note(&s, 1, 3)->p[6] == 9);
    CHECK(note(&s, 2, 0)->np == 4);
    sco_free(&s);

    /* csound 6.18: ". in p6 after a note with 5 p-fields" gives 0 */
    s = PARSE("i1 0 1 10\ni1 1 1 . . 9\n");
    CHECK(note(&s, 1, 1)->np == 6 && note(&s, 1, 1)->p[4] == 10 && note(&s, 1, 1)->p[5] == 0 &&
          note(&s, 1, 1)->p[6] == 9);
    sco_free(&s);

    /* carry follows the whole-number instrument (csound 6.18: i1.1 takes 20 from i1.2) */
    s = PARSE("i1.1 0 1 10\ni1.2 1 1 20\ni1.1 2 1\n");
    CHECK(s.n == 3 && s.ev[2].p[1] == 1.1 && s.ev[2].p[4] == 20);
    sco_free(&s);

    /* a negative p1 is another instrument for carry (csound 6.18) */
    s = PARSE("i1 0 -1 10\ni-1 2 1 20\ni1 3 1\n");
    CHECK(s.n == 3 && s.ev[1].p[1] == -1 && s.ev[1].p[4] == 20 && s.ev[2].p[4] == 10);
    CHECK(s.ev[0].dur == -1);
    sco_free(&s);

    /* p1 '.' or no p1 at all: the previous i statement, whatever its instrument */
    s = PARSE("i1 0 1 5\ni2 1 1 6\ni. 2 1\ni\n");
    CHECK(s.n == 4 && s.ev[2].p[1] == 2 && s.ev[2].p[4] == 6);
    CHECK(s.ev[3].p[1] == 2 && s.ev[3].p[2] == 2 && s.ev[3].p[3] == 1 && s.ev[3].p[4] == 6);
    sco_free(&s);

    /* carry goes on across f and t statements, but not across sections (csound 6.18) */
    s = PARSE("i1 0 1 5\nf 1 0 8 10 1\ni1 1 1\nt 0 60\ni1 2 1\ns\ni1 0 1\n");
    CHECK(note(&s, 1, 1)->p[4] == 5 && note(&s, 1, 2)->p[4] == 5);
    CHECK(note(&s, 1, 3)->np == 3);
    sco_free(&s);

    /* '!' stops carrying; csound 6.18 also drops what follows it */
    s = PARSE("i1 0 1 10 20 30\ni1 1 1 5 !\ni1 2 1\ni1 3 1 ! 7\n");
    CHECK(note(&s, 1, 1)->np == 4 && note(&s, 1, 1)->p[4] == 5);
    CHECK(note(&s, 1, 2)->np == 4 && note(&s, 1, 2)->p[4] == 5);
    CHECK(note(&s, 1, 3)->np == 3 && note(&s, 1, 3)->p[4] == 0);
    sco_free(&s);

    /* '.' with nothing to carry is 0, as in Csound */
    s = PARSE("i1 0 1 . 4\n");
    CHECK(s.ev[0].np == 5 && s.ev[0].p[4] == 0 && s.ev[0].p[5] == 4);
    sco_free(&s);
}

static void test_plus_caret(void)
{
    /* the manual's example: '+' is carried as '+', not as its value */
    SCO s = PARSE("i1 0 .5 100\ni . +\ni\n");
    CHECK(s.n == 3);
    CHECK(s.ev[1].p[2] == 0.5 && s.ev[1].p[3] == 0.5 && s.ev[1].p[4] == 100);
    CHECK(s.ev[2].p[2] == 1 && s.ev[2].time == 1);
    sco_free(&s);

    /* '+' follows the same instrument (csound 6.18: starts at 1, not 7) */
    s = PARSE("i1 0 1\ni2 5 2\ni1 + 1\n");
    CHECK(note(&s, 1, 1)->p[2] == 1);
    sco_free(&s);

    /* '+' after a held note skips its length (csound 6.18) */
    s = PARSE("i1 0 -2\ni1 + 1\n");
    CHECK(note(&s, 1, 1)->p[2] == 2);
    sco_free(&s);

    /* '^' follows the previous i statement of any instrument (csound 6.18: 6) */
    s = PARSE("i1 0 1\ni2 5 2\ni1 ^+1 1\n");
    CHECK(note(&s, 1, 1)->p[2] == 6);
    sco_free(&s);

    /* '^' also follows an f statement (csound 6.18: 0.5), but not t or b */
    s = PARSE("i3 2 2\nf 5 1 16 10 1\ni3 ^-0.5 1\n");
    CHECK(note(&s, 3, 0)->p[2] == 0.5);
    sco_free(&s);
    s = PARSE("i1 5 1\nt 0 60\nb 2\ni1 ^+1 1\n");
    CHECK(note(&s, 1, 1)->p[2] == 6);
    sco_free(&s);

    /* a '^' start is carried as its value, unlike '+' (csound 6.18: 2, 2, 2) */
    s = PARSE("i1 0 1\ni1 ^+2 1\ni1\ni1 . 1\n");
    CHECK(s.n == 4 && s.ev[1].p[2] == 2 && s.ev[2].p[2] == 2 && s.ev[3].p[2] == 2);
    sco_free(&s);

    /* the manual's example, and ^- */
    s = PARSE("i1 0 10\ni1 ^+5 .\ni1 ^+8 .\ni1 ^-3 .\n");
    CHECK(note(&s, 1, 1)->p[2] == 5 && note(&s, 1, 2)->p[2] == 10 && note(&s, 1, 3)->p[2] == 13);
    CHECK(note(&s, 1, 1)->p[3] == 10);
    sco_free(&s);
}

static void test_ramps(void)
{
    /* ramps interpolate on time, not on note count (csound 6.18: 10 and 30) */
    SCO s = PARSE("i1 0 1 0\ni1 1 1 <\ni1 3 1 <\ni1 4 1 40\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 10) && NEAR(note(&s, 1, 2)->p[4], 30));
    sco_free(&s);

    /* '>' is linear too (csound 6.18) */
    s = PARSE("i1 0 1 0\ni1 1 1 >\ni1 2 1 >\ni1 3 1 30\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 10) && NEAR(note(&s, 1, 2)->p[4], 20));
    sco_free(&s);

    /* a carried ramp, through another instrument's note (csound 6.18) */
    s = PARSE("i1 0 1 0\ni1 1 1 <\ni2 1.5 1 7\ni1 2 1\ni1 3 1 30\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 10) && NEAR(note(&s, 1, 2)->p[4], 20));
    CHECK(note(&s, 2, 0)->p[4] == 7);
    sco_free(&s);

    /* chained ramps with two p-fields (csound 6.18: 7.5 and 3.75) */
    s = PARSE("i1 0 1 0 5\ni1 1 1 < <\ni1 4 1 30 0\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 7.5) && NEAR(note(&s, 1, 1)->p[5], 3.75));
    sco_free(&s);

    /* '(' is exponential (csound 6.18: 1 to 4 gives 2 halfway) */
    s = PARSE("i1 0 1 1\ni1 1 1 (\ni1 2 1 4\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 2));
    sco_free(&s);

    /* ramps work on warped time: under an accelerando the ramp stays linear in seconds */
    s = PARSE("t 0 60 4 120\ni1 0 1 0\ni1 2 1 <\ni1 4 1 30\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 30 * 1.75 / 3.0));
    sco_free(&s);

    /* notes written out of order are ramped in time order */
    s = PARSE("i1 2 1 20\ni1 1 1 <\ni1 0 1 0\n");
    CHECK(NEAR(note(&s, 1, 1)->p[4], 10));
    sco_free(&s);
}

static void test_np_pp(void)
{
    /* the manual's example; csound 6.18 agrees (np/pp symbols are carried) */
    SCO s = PARSE("i1 0 1 10 np4 pp4\ni1 1 1 20\ni1 2 1 30\n");
    CHECK(s.n == 3);
    CHECK(s.ev[0].p[5] == 20 && s.ev[0].p[6] == 0);
    CHECK(s.ev[1].p[5] == 30 && s.ev[1].p[6] == 10);
    CHECK(s.ev[2].p[5] == 0 && s.ev[2].p[6] == 20);
    sco_free(&s);

    /* other instruments are skipped; a missing note gives 0 (csound 6.18) */
    s = PARSE("i1 0 1 10 np4 pp4\ni2 0.5 1 99 np4 pp4\ni1 1 1 20\n");
    CHECK(note(&s, 1, 0)->p[5] == 20 && note(&s, 2, 0)->p[5] == 0 && note(&s, 2, 0)->p[6] == 0);
    sco_free(&s);

    /* np/pp follow the exact p1 (csound 6.18: i1.1 skips i1.2) */
    s = PARSE("i1.1 0 1 1 np4\ni1.2 1 1 2\ni1.1 2 1 3\n");
    CHECK(s.ev[0].p[5] == 3 && s.ev[1].p[5] == 0 && s.ev[2].p[5] == 0);
    sco_free(&s);

    /* np means the next note in time, after sorting, and chains (csound 6.18) */
    s = PARSE("i1 0 1 1 np4\ni1 3 1 3\ni1 1 1 2 np5\n");
    CHECK(s.ev[0].p[5] == 2 && s.ev[1].p[5] == 0 && s.ev[2].p[5] == 0);
    sco_free(&s);

    /* p2 and p3 are referenced in beats (csound 6.18 under t 0 120) */
    s = PARSE("t 0 120\ni1 0 1 10 np2 np3\ni1 2 3 20 pp2 pp3\n");
    CHECK(s.ev[0].p[5] == 2 && s.ev[0].p[6] == 3 && s.ev[1].p[5] == 0 && s.ev[1].p[6] == 1);
    sco_free(&s);

    /* every field on a chain gets the chain's end, across fields and for
     * strings too (each chain is walked once: fuzzing found it quadratic) */
    s = PARSE("i1 0 1 np4\ni1 1 1 np4\ni1 2 1 7\n");
    CHECK(s.ev[0].p[4] == 7 && s.ev[1].p[4] == 7 && s.ev[2].p[4] == 7);
    sco_free(&s);
    s = PARSE("i1 0 1 1 np5\ni1 1 1 2 np4\ni1 2 1 3 9\n");
    CHECK(s.ev[0].p[5] == 3 && s.ev[1].p[5] == 3 && s.ev[2].p[5] == 9);
    sco_free(&s);
    s = PARSE("i1 0 1 \"x\"\ni1 1 1 pp4\ni1 2 1 pp4\n");
    CHECK(s.ev[1].pstr && s.ev[1].pstr[4] && !strcmp(s.ev[1].pstr[4], "x"));
    CHECK(s.ev[2].pstr && s.ev[2].pstr[4] && !strcmp(s.ev[2].pstr[4], "x"));
    sco_free(&s);

    /* a reference to a string gives the string */
    s = PARSE("i1 0 1 \"a.wav\" pp4\ni1 1 1 \"b.wav\"\n");
    CHECK(s.ev[1].pstr && s.ev[1].pstr[5] && !strcmp(s.ev[1].pstr[5], "a.wav"));
    CHECK(s.ev[1].pstr[4] && !strcmp(s.ev[1].pstr[4], "b.wav"));
    sco_free(&s);
}

static void test_expressions(void)
{
    /* csound 6.18 computes these the same way */
    SCO s = PARSE("i1 0 1 [1+2*3] [2^3^2] [-2^2] [2*3^2] [7%3*2] [1 + 2 * 2] [ 8 / 2 / 2 ] [10-2-3] [2*(3+4)]\n"
                  "i2 0 1 [-5%3] [7.5%2] [1+[2*3]] [2^-1] [@8] [@@8] [@3] [@@3] [@0] [@@0] [2+@3] [10/4]\n"
                  "i[1+2] [0.5*2] [3/2]\n");
    const SCO_EVENT *a = note(&s, 1, 0), *b = note(&s, 2, 0), *c = note(&s, 3, 0);
    CHECK(a->p[4] == 7 && a->p[5] == 512 && a->p[6] == 4 && a->p[7] == 18 && a->p[8] == 2);
    CHECK(a->p[9] == 5 && a->p[10] == 2 && a->p[11] == 5 && a->p[12] == 14);
    CHECK(b->p[4] == -2 && b->p[5] == 1.5 && b->p[6] == 7 && b->p[7] == 0.5);
    CHECK(b->p[8] == 16 && b->p[9] == 9 && b->p[10] == 4 && b->p[11] == 5 && b->p[12] == 1 && b->p[13] == 2);
    CHECK(b->p[14] == 6 && b->p[15] == 2.5);
    CHECK(c->p[2] == 1 && c->p[3] == 1.5);
    sco_free(&s);
}

static void test_tempo(void)
{
    /* csound 6.18, t 0 60 4 120: beat length goes linearly from 1 s to 0.5 s */
    SCO s = PARSE("t 0 60 4 120\n"
                  "i1 0 1 10 20\ni1 1 1\ni1 2 1\ni1 3 1\ni1 4 1\ni1 5 1\ni1 6 2\n");
    static const double t[] = {0, 0.9375, 1.75, 2.4375, 3, 3.5, 4};
    static const double d[] = {0.9375, 0.8125, 0.6875, 0.5625, 0.5, 0.5, 1};
    CHECK(s.n == 7);
    for (int i = 0; i < 7 && i < s.n; i++) {
        CHECKF(NEAR(s.ev[i].time, t[i]), "note %d at %.17g, want %g", i, s.ev[i].time, t[i]);
        CHECKF(NEAR(s.ev[i].dur, d[i]), "note %d lasts %.17g, want %g", i, s.ev[i].dur, d[i]);
        CHECK(s.ev[i].p[2] == i);       /* p2 stays in beats */
    }
    CHECK(NEAR(s.end_time, 5));
    sco_free(&s);

    /* csound 6.18: a tempo jump at beat 2, and e's time warped too */
    s = PARSE("t 0 60 2 120 2 30 4 30\ni1 0 3\ni1 1.5 1\ni1 3 1\ne 6\n");
    CHECK(NEAR(s.ev[0].time, 0) && NEAR(s.ev[0].dur, 3.5));
    CHECK(NEAR(s.ev[1].time, 1.21875) && NEAR(s.ev[1].dur, 1.28125));
    CHECK(NEAR(s.ev[2].time, 3.5) && NEAR(s.ev[2].dur, 2));
    CHECK(NEAR(s.end_time, 9.5) && s.has_end);
    sco_free(&s);

    /* a t statement anywhere in its section; a held note keeps its sign (csound 6.18: -4) */
    s = PARSE("i1 0 -2\ni1 1 1\nt 0 30\n");
    CHECK(NEAR(s.ev[0].dur, -4) && NEAR(s.ev[1].time, 2) && NEAR(s.ev[1].dur, 2));
    sco_free(&s);

    /* tempo applies to f statements, and lasts only for its section (csound 6.18) */
    s = PARSE("t 0 120\nf 1 2 8 10 1\ni1 1 2\ns\ni1 1 1\n");
    CHECK(s.ev[1].op == 'f' && NEAR(s.ev[1].time, 1));
    CHECK(NEAR(note(&s, 1, 0)->time, 0.5) && NEAR(note(&s, 1, 0)->dur, 1));
    CHECK(NEAR(note(&s, 1, 1)->time, 2.5) && NEAR(note(&s, 1, 1)->dur, 1));
    sco_free(&s);
}

static void test_sections_end(void)
{
    /* csound 6.18: sections start where the previous one ended; s 5 lengthens one */
    SCO s = PARSE("i1 0 2\ns\ni1 1 1\ns 5\ni1 0 1\ne\n");
    CHECK(s.n == 3 && s.ev[0].time == 0 && s.ev[1].time == 3 && s.ev[2].time == 7);
    CHECK(s.end_time == 8 && s.has_end);
    sco_free(&s);

    /* an f statement's time lengthens its section; a held note only by its start (csound 6.18) */
    s = PARSE("i1 0 1\nf 1 5 16 10 1\ns\ni1 0 1\n");
    CHECK(note(&s, 1, 1)->time == 5 && s.end_time == 6);
    sco_free(&s);
    s = PARSE("i1 0 -1\ni1 2 1\ns\ni1 0 1\n");
    CHECK(note(&s, 1, 2)->time == 3 && s.end_time == 4);
    sco_free(&s);

    /* e with a time lengthens the score, never shortens it (csound 6.18) */
    s = PARSE("i1 0 1\ne 5\n");
    CHECK(s.end_time == 5 && s.has_end);
    sco_free(&s);
    s = PARSE("i1 0 3\ne 2\n");
    CHECK(s.end_time == 3);
    sco_free(&s);
    /* the manual's newer form e 0 time */
    s = PARSE("i1 0 1\ne 0 10\n");
    CHECK(s.end_time == 10);
    sco_free(&s);
    /* everything after e is ignored, even text that is not a score */
    s = PARSE("i1 0 1\ne\ni1 5 1\n@@ not a score\n");
    CHECK(s.n == 1 && s.end_time == 1 && s.has_end);
    sco_free(&s);

    /* f 0 t keeps the score running; it stays an 'f' event with p1 = 0 */
    s = PARSE("i1 0 1\nf 0 3600\n");
    CHECK(s.n == 2 && s.ev[1].op == 'f' && s.ev[1].p[1] == 0 && s.ev[1].time == 3600);
    CHECK(s.end_time == 3600 && !s.has_end);
    sco_free(&s);
    s = PARSE("f0 z\n");
    CHECK(s.n == 1 && s.end_time == 800000000000.0);
    sco_free(&s);

    /* held notes do not count for the end */
    s = PARSE("i1 0 -1\ni1 1 0.5\n");
    CHECK(s.end_time == 1.5);
    sco_free(&s);
}

static void test_f_statements(void)
{
    SCO s = PARSE("f 1 0 16384 10 1 0.5 [1/3]\n"
                  "f2 0 0 1 \"fox.wav\" 0 0 0\n"
                  "f 3 0 1024 -7 0 512 1 512 0\n"
                  "f 4 0 0 -2 -5 5 0\n"
                  "f -1 5\n");
    CHECK(s.n == 5);
    CHECK(s.ev[0].op == 'f' && s.ev[0].np == 7 && s.ev[0].p[1] == 1 && s.ev[0].p[3] == 16384 &&
          s.ev[0].p[4] == 10 && NEAR(s.ev[0].p[7], 1.0 / 3));
    CHECK(s.ev[0].pstr == NULL);
    CHECK(s.ev[1].p[1] == 2 && s.ev[1].p[4] == 1 && s.ev[1].pstr && !strcmp(s.ev[1].pstr[5], "fox.wav") &&
          s.ev[1].np == 8 && s.ev[1].pstr[4] == NULL);
    CHECK(s.ev[2].p[4] == -7 && s.ev[2].np == 9);
    CHECK(!s.ev[3].pstr && s.ev[3].p[4] == -2 && s.ev[3].p[5] == -5);
    CHECK(s.ev[4].p[1] == -1 && s.ev[4].time == 5);
    CHECK(s.end_time == 5);     /* an f statement at 5 is the last action */
    sco_free(&s);
    /* a GEN ondes lacks is named when the score is read, not when its table is due */
    CHECK(error_at("f 4 0 0 \"tanh\" -5 5 0\n", "1:9", "named GEN \"tanh\" is not supported"));
    CHECK(error_at("i1 0 1\nf 4 0 1024 8 1 2 3\n", "2:12", "GEN 8 is not supported (ondes has GEN 1, 2"));
    CHECK(error_at("f 4 0 64 21 6\n", "1:10", "GEN 21 is not supported"));
}

static void test_b_v(void)
{
    /* the manual's b example; csound 6.18 agrees, and b moves f statements too */
    SCO s = PARSE("i1 0 2\ni1 10 2\nb 5\ni2 1 2 220\ni2 2 2 110\nf 1 1 16 10 1\n"
                  "b -1\ni3 3 2\ni3 5.5 1\nb 0\ni4 10 2\n");
    CHECK(note(&s, 2, 0)->time == 6 && note(&s, 2, 1)->time == 7);
    CHECK(note(&s, 3, 0)->time == 2 && note(&s, 3, 1)->time == 4.5 && note(&s, 4, 0)->time == 10);
    CHECK(s.ev[3].op == 'f' && s.ev[3].time == 6 && s.ev[4].p[1] == 2);
    sco_free(&s);

    /* carried times are not moved again (csound 6.18) */
    s = PARSE("b 5\ni1 0 1\ni1 + 1\ni1 ^+1 1\ni2 0 1\nb 0\ni1 ^+1 1\ni1 + 1\n");
    CHECK(note(&s, 1, 0)->time == 5 && note(&s, 1, 1)->time == 6 && note(&s, 1, 2)->time == 6);
    CHECK(note(&s, 1, 3)->time == 7 && note(&s, 1, 4)->time == 7 && note(&s, 2, 0)->time == 5);
    sco_free(&s);

    /* v moves f statements too, before b (csound 6.18: 2 and 3) */
    s = PARSE("v 2\nf 1 1 16 10 1\nb 1\nf 2 1 16 10 1\n");
    CHECK(s.n == 2 && s.ev[0].time == 2 && s.ev[1].time == 3);
    sco_free(&s);

    /* the manual's v example: carried values are not scaled (csound 6.18: 0, 1, 2) */
    s = PARSE("i1 0 1\nv2\ni. + .\ni. . .\n");
    CHECK(s.n == 3 && s.ev[1].time == 1 && s.ev[1].dur == 1 && s.ev[2].time == 2);
    sco_free(&s);

    /* B accumulates; b and B end with the section */
    s = PARSE("B 2\nB 3\ni1 0 1\ns\ni1 0 1\n");
    CHECK(note(&s, 1, 0)->time == 5 && note(&s, 1, 1)->time == 6);
    sco_free(&s);

    /* v scales written times and durations, not carried ones (csound 6.18) */
    s = PARSE("i1 0 1\nv2\ni1 1 1\ni1 + 1\ni1 ^+1 1\ni1 3\n");
    CHECK(note(&s, 1, 1)->time == 2 && note(&s, 1, 1)->dur == 2);
    CHECK(note(&s, 1, 2)->time == 4 && note(&s, 1, 2)->dur == 2);
    CHECK(note(&s, 1, 3)->time == 6 && note(&s, 1, 4)->time == 6 && note(&s, 1, 4)->dur == 2);
    sco_free(&s);
}

static void test_sorting(void)
{
    SCO s = PARSE("i2 3 1\n"
                  "i1 1 1 1\n"
                  "i3 1 1\n"
                  "f 1 1 8 10 1\n"
                  "i1 1 1 2\n"
                  "a 0 5 0\n"                      /* skips nothing */
                  "i1 0 1\n");
    CHECK(s.n == 6);
    CHECK(s.ev[0].time == 0);
    CHECK(s.ev[1].op == 'f');                          /* f before i at equal times */
    CHECK(s.ev[2].p[1] == 1 && s.ev[2].p[4] == 1);     /* then by instrument, p3, input order (sort.c) */
    CHECK(s.ev[3].p[1] == 1 && s.ev[3].p[4] == 2);
    CHECK(s.ev[4].p[1] == 3);
    CHECK(s.ev[5].p[1] == 2);
    for (int i = 1; i < s.n; i++)
        CHECK(s.ev[i - 1].time <= s.ev[i].time);
    sco_free(&s);
}

static void test_strings_names(void)
{
    /* strings are carried like numbers (csound 6.18) */
    SCO s = PARSE("i1 0 1 \"abc\" 5\ni1 1 1 . 6\ni1 2 1\ni1 3 1 \"b\" \"a \\\"q\\\"\"\n");
    CHECK(s.n == 4);
    for (int i = 0; i < 3; i++)
        CHECK(s.ev[i].pstr && s.ev[i].pstr[4] && !strcmp(s.ev[i].pstr[4], "abc") && s.ev[i].p[4] == 0);
    CHECK(s.ev[0].pstr[5] == NULL && s.ev[0].p[5] == 5 && s.ev[2].p[5] == 6);
    CHECK(!strcmp(s.ev[3].pstr[4], "b") && !strcmp(s.ev[3].pstr[5], "a \"q\""));
    sco_free(&s);

    /* named instruments: p1 is 0, carry by name, 'i .' carries the name (csound 6.18) */
    s = PARSE("i \"saw\" 0 1 5\ni 1 0 1 9\ni \"saw\" + .\ni . + 1 7\ni \"sine\" 3 1\n");
    CHECK(s.n == 5);
    int nsaw = 0;
    for (int i = 0; i < s.n; i++) {
        const SCO_EVENT *e = &s.ev[i];
        if (e->instr_name && !strcmp(e->instr_name, "saw")) {
            CHECK(e->p[1] == 0 && e->p[2] == nsaw && e->p[4] == (nsaw < 2 ? 5 : 7));
            nsaw++;
        }
    }
    CHECK(nsaw == 3);
    CHECK(s.ev[4].instr_name && !strcmp(s.ev[4].instr_name, "sine") && s.ev[4].np == 3);
    sco_free(&s);

    /* a name given with i"name" directly after the letter */
    s = PARSE("i\"x\" 0 1\n");
    CHECK(s.n == 1 && s.ev[0].instr_name && !strcmp(s.ev[0].instr_name, "x"));
    sco_free(&s);
}

static void test_errors(void)
{
    ERR("i1 0 1\nk 2\n", "2:1", "unknown score statement 'k'");
    ERR("i1 0 1\n  r 3\n", "2:3", "'r' repeats up to an s or e statement, and none follows");
    ERR("r x\ni1 0 1\ns\n", "1:1", "'r' needs a positive repeat count");
    ERR("r 0\ni1 0 1\ns\n", "1:1", "'r' needs a positive repeat count");
    ERR("{ 2 I\ni1 0 1\n", "1:1", "'{' has no matching '}'");
    ERR("{ -1 I\ni1 0 1\n}\n", "1:1", "'{' needs a positive repeat count");
    ERR("i1 0 1\n }\n", "2:2", "'}' without '{'");
    ERR("{ 2 I\ni1 0 1 $J.\n}\n", "2:8", "undefined macro '$J'");
    ERR("n chorus\n", "1:1", "no section named 'chorus'");
    ERR("m\n", "1:1", "'m' statement needs a section name");
    ERR("m a\nn a\ns\n", "2:1", "repeat inside each other too deeply");
    ERR("q 1 0\n", "1:1", "q statement needs an instrument, a time and 0");
    ERR("i1 0 1 [1 2]\n", "1:11", "a number cannot follow a number");
    ERR("i1 0 1 [1 + * 2]\n", "1:13", "missing number before '*'");
    ERR("i1 0 1 [1 + 2)]\n", "1:14", "')' has no matching '('");
    ERR("i1 0 1 [1 $ 2]\n", "1:11", "unexpected '$'");
    ERR("i1 0 1 [1+2]x\n", "1:13", "unexpected 'x' after [ ] expression");
    ERR("i1 0 1 5\ni1 1 1 ~\n", "2:1", "random ramp '~' has no end value");
    ERR("i1 0 ~ 5\n", "1:6", "random ramp '~' is not allowed in p3");
    ERR("i1 0 1x\n", "1:6", "bad number '1x'");
    ERR("i1 0 1 1.2.3\n", "1:8", "bad number '1.2.3'");
    ERR("i1 0 1 -\n", "1:8", "bad number '-'");
    ERR("i1 0 1 0\ni1 1 1 <\n", "2:1", "ramp '<' has no end value");
    ERR("i1 1 1 <\ni1 2 1 5\n", "1:1", "ramp '<' has no start value");
    ERR("i1 0 1 0\ni1 1 1 <\ns\ni1 2 1 5\n", "2:1", "no end value");
    ERR("i1 0 < 4\n", "1:6", "ramp '<' is not allowed in p3");
    ERR("i1 0 1 0\ni1 1 1 (\ni1 2 1 -4\n", "2:1", "exponential ramp");
    ERR("i1 0 np4 4\n", "1:6", "np is not allowed in p3");
    ERR("i1 0 1 + 4\n", "1:8", "'+' is only allowed in p2");
    ERR("i1 0 ^+1\n", "1:6", "'^' is only allowed in p2");
    ERR("i1 ^+x 1\n", "1:4", "'^+' must be followed by a number");
    ERR("i1 0 1 np0\n", "1:8", "p-fields go from p1 to p64");
    ERR("i1 0 1 np99\n", "1:8", "p-fields go from p1 to p64");
    ERR("i1 0 1 np4\ni1 1 1 pp4\n", "1:1", "loop");
    ERR("i1 \"saw\" 1\n", "1:4", "p2 (start time) must be a number");
    ERR("i1 0 1 \"abc\n", "1:8", "unterminated string");
    ERR("i1 0 1 /* never closed\n", "1:8", "unterminated comment");
    ERR("i1 0 1 [1+2\n", "1:8", "'[' has no matching ']'");
    ERR("i1 0 1 [1/0]\n", "1:10", "division by zero");
    ERR("i1 0 1 [2*]\n", "1:11", "missing number");
    ERR("i1 0 1 [(1+2]\n", "1:9", "'(' has no matching ')'");
    ERR("i1 0 1 [-2^0.5]\n", "1:11", "gives no real number");
    ERR("i1 0 1 ~\n", "1:1", "random ramp '~' has no start value");
    ERR("i1 0 1 i1 1 1\n", "1:8", "a statement must start its own line");
    ERR("i0 0 1\n", "1:2", "instrument number 0");
    ERR("i \"\" 0 1\n", "1:3", "empty instrument name");
    ERR("i . 0 1\n", "1:3", "no earlier i statement");
    ERR("i1 0 1\ns\ni\n", "3:1", "no earlier i statement");
    ERR("i + 0 1\n", "1:3", "p1 must be an instrument number or a quoted name");
    ERR("f\n", "1:1", "f statement needs a table number");
    ERR("f 1 0 . 10 1\n", "1:7", "'.' is not allowed in an f statement");
    ERR("f \"x\" 0 8 10 1\n", "1:3", "p1 of an f statement must be a number");
    ERR("t 0 60\ni1 0 1\nt 0 90\n", "3:1", "a second t statement in one section (the first is at line 1)");
    ERR("t 1 60\n", "1:1", "t statement must start at beat 0");
    ERR("t 0 60 4\n", "1:1", "beat 4 has no tempo");
    ERR("t 0 60 4 120 2 60\n", "1:1", "beats must not decrease");
    ERR("t 0 0\n", "1:1", "tempo 0 at beat 0 must be positive");
    ERR("t 0 \"x\"\n", "1:5", "'t' statement takes only numbers");
    ERR("v 0\n", "1:1", "'v' statement needs a positive time factor");
    ERR("b\n", "1:1", "'b' statement needs a number of beats");
    ERR("e -1\n", "1:1", "must not be negative");
    ERR("i1 0 1\ni1 ^-2 1\n", "2:1", "note starts before its section: p2 is -2 beats");
    ERR("b -1\ni1 0.5 1\n", "2:1", "note starts before its section");
    ERR("b -1\nf 1 0 8 10 1\n", "2:1", "f statement comes before its section");
    ERR("#define X 1\n", "1:1", "expected its text");
    ERR("{ 4 CNT\n", "1:1", "'{' has no matching '}'");
    ERR("12 0 1\n", "1:1", "expected a score statement");
    ERR("i1 0 1 1e999\n", "1:8", "out of range");

    /* too many p-fields: the 65th is the error */
    char big[1024];
    size_t n = (size_t)snprintf(big, sizeof big, "i1 0 1");
    for (int k = 4; k <= EV_MAXP; k++)
        n += (size_t)snprintf(big + n, sizeof big - n, " %d", k);
    SCO s = PARSE(big);
    CHECK(s.n == 1 && s.ev[0].np == EV_MAXP && s.ev[0].p[EV_MAXP] == EV_MAXP);
    sco_free(&s);
    snprintf(big + n, sizeof big - n, " 99\n");
    char pos[16];
    snprintf(pos, sizeof pos, "1:%zu", n + 2);
    ERR(big, pos, "too many p-fields in 'i' statement (at most 64)");

    /* line0 and the file name reach the message */
    char err[256];
    CHECK(sco_parse("i1 0 1\n  k\n", "piece.csd", 30, &s, err, sizeof err) == -1);
    CHECK(!strcmp(err, "piece.csd:31:3: error: unknown score statement 'k'"));
    /* a tiny error buffer is not overrun, and NULL is allowed */
    char tiny[8];
    CHECK(sco_parse("k\n", "t.sco", 1, &s, tiny, sizeof tiny) == -1 && strlen(tiny) == 7);
    CHECK(sco_parse("k\n", "t.sco", 1, &s, NULL, 0) == -1);
}

/* Any input: no crash, no read past the text (exact-size heap copies for ASan),
 * and either a score or a message. */
static void try_text(const char *text, size_t len)
{
    char *t = malloc(len + 1);
    memcpy(t, text, len);
    t[len] = 0;
    SCO s;
    char err[256] = "";
    int rc = sco_parse(t, "f.sco", 1, &s, err, sizeof err);
    if (rc == 0) {
        for (int i = 0; i < s.n; i++)
            if (!(s.ev[i].np >= 1 && s.ev[i].np <= EV_MAXP)) {
                check_failures++;
                fprintf(stderr, "fuzz: bad np %d for: %s\n", s.ev[i].np, t);
                break;
            }
        sco_free(&s);
    } else if (strncmp(err, "f.sco:", 6)) {
        check_failures++;
        fprintf(stderr, "fuzz: error without position \"%s\" for: %s\n", err, t);
    }
    free(t);
}

static void test_fuzz(void)
{
    static const char *const valid =
        "t 0 60 4 120 ; tempo\n"
        "f 1 0 16384 10 1 /* sine */\n"
        "f2 0 0 1 \"fox.wav\" 0 0 0\n"
        "i1 0 1 10 np4 pp4 [1+2*3]\n"
        "i \"saw\" ^+1 . < \"s\"\n"
        "i. + 2 ( >\n"
        "b 2\nv 1.5\n"
        "i1.5 0 -1 20 30 40 ! 9\n"
        "i -1.5 3 0\n"
        "s 4\n"
        "i2 0 z\n  1 2 3\n"
        "e 10\n";
    size_t len = strlen(valid);
    for (size_t i = 0; i <= len; i++)       /* every prefix */
        try_text(valid, i);

    static const char alphabet[] = "ifestabvBrz0123456789.+-^<>()!npz\"[]@%*/;#{} \n\t";
    unsigned seed = 12345;
    char buf[160];
    for (int round = 0; round < 20000; round++) {
        size_t n;
        if (round % 2) {    /* a mutated valid score */
            n = len < sizeof buf ? len : sizeof buf;
            memcpy(buf, valid, n);
            for (int m = 0; m < 4; m++) {
                seed = seed * 1103515245u + 12345u;
                buf[(seed >> 8) % n] = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
            }
        } else {            /* random text from score characters, and raw bytes */
            seed = seed * 1103515245u + 12345u;
            n = (seed >> 16) % sizeof buf;
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[i] = round % 10 == 0 ? (char)(1 + (seed >> 16) % 255)
                                         : alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
        }
        try_text(buf, n);
    }
}

static void test_csd(void)
{
    static const char *const text =
        "<?xml version=\"1.0\"?>\n"                  /* 1: ignored before the tag */
        "<CsoundSynthesizer>\n"                     /* 2 */
        "<CsOptions>\n"                             /* 3 */
        "-odac -d\n"                                /* 4 */
        "</CsOptions>\n"                            /* 5 */
        "<CsLicence>\n"                             /* 6 */
        "<CsScore> in a licence is not a score\n"   /* 7 */
        "</CsLicence>\n"                            /* 8 */
        "  <CsInstruments>\n"                       /* 9 */
        "sr = 48000\n"                              /* 10 */
        "instr 1\n if p4 < 3 then\n endif\n"        /* 11-13 */
        "endin\n"                                   /* 14 */
        "</CsInstruments>\n"                        /* 15 */
        "<CsFileB filename=\"x.wav\">\n"            /* 16 */
        "QUJD\n"                                    /* 17 */
        "</CsFileB>\n"                              /* 18 */
        "<!-- a comment <CsScore> -->\n"            /* 19 */
        "<CsScore>\n"                               /* 20 */
        "i1 0 1\n"                                  /* 21 */
        "i1 1 1 k\n"                                /* 22 */
        "</CsScore>\n"                              /* 23 */
        "</CsoundSynthesizer>\n"
        "<bsbPanel> after the end is ignored\n";
    CSD c;
    char err[256];
    CHECK(csd_parse(text, "a.csd", &c, err, sizeof err) == 0);
    CHECK(c.options && !strcmp(c.options, "-odac -d\n") && c.options_line == 4);
    CHECK(c.orc && !strncmp(c.orc, "sr = 48000\n", 11) && c.orc_line == 10);
    CHECK(c.orc && strstr(c.orc, "endin\n") && !strstr(c.orc, "</Cs"));
    CHECK(c.sco && !strcmp(c.sco, "i1 0 1\ni1 1 1 k\n") && c.sco_line == 21);
    /* a score error names the real line of the file */
    SCO s;
    CHECK(sco_parse(c.sco, "a.csd", c.sco_line, &s, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "a.csd:22:8: ", 12), "%s", err);
    csd_free(&c);
    CHECK(c.orc == NULL && c.sco == NULL && c.options == NULL);

    /* text on the tag's own line, a section missing, a BOM */
    CHECK(csd_parse("\xEF\xBB\xBF<CsoundSynthesizer>\n<CsScore>i1 0 1\ne</CsScore>\n</CsoundSynthesizer>",
                    "b.csd", &c, err, sizeof err) == 0);
    CHECK(c.sco && !strcmp(c.sco, "i1 0 1\ne") && c.sco_line == 2 && c.orc == NULL && c.options == NULL);
    csd_free(&c);

    /* errors */
    CHECK(csd_parse("<CsInstruments>\n</CsInstruments>\n", "c.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "c.csd:1:1: ", 11) && strstr(err, "no <CsoundSynthesizer>"), "%s", err);
    CHECK(c.orc == NULL);
    CHECK(csd_parse("<CsoundSynthesizer>\n<CsInstruments>\ninstr 1\nendin\n</CsoundSynthesizer>\n",
                    "d.csd", &c, err, sizeof err) == -1);
    CHECKF(!strcmp(err, "d.csd:2:1: error: unterminated <CsInstruments> section: </CsInstruments> is missing"), "%s", err);
    CHECK(csd_parse("<CsoundSynthesizer>\n<CsScore>\ni1 0 1\n</CsScore>\n", "e.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "e.csd:1:1: ", 11) && strstr(err, "</CsoundSynthesizer> is missing"), "%s", err);
    CHECK(csd_parse("<CsoundSynthesizer>\n <csscore>\ni1 0 1\n</csscore>\n</CsoundSynthesizer>\n",
                    "f.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "f.csd:2:2: ", 11) && strstr(err, "case-sensitive"), "%s", err);
    CHECK(csd_parse("<CsoundSynthesizer>\n<CsScore>\n</CsScore>\n<CsScore>\n</CsScore>\n</CsoundSynthesizer>\n",
                    "g.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "g.csd:4:1: ", 11) && strstr(err, "second <CsScore>"), "%s", err);
    CHECK(csd_parse("<CsoundSynthesizer>\n<CsScore bin=\"python\">\n</CsScore>\n</CsoundSynthesizer>\n",
                    "h.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "h.csd:2:1: ", 11) && strstr(err, "not supported"), "%s", err);
    CHECK(csd_parse("<CsoundSynthesizer>\n<CsLicence>\nfree\n</CsoundSynthesizer>\n",
                    "i.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "i.csd:2:1: ", 11) && strstr(err, "unterminated <CsLicence>"), "%s", err);
    CHECK(csd_parse("<CsoundSynthesizer>\n</CsScore>\n</CsoundSynthesizer>\n", "j.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "j.csd:2:1: ", 11) && strstr(err, "without its opening tag"), "%s", err);

    /* files: a missing one, and a real one */
    CHECK(csd_read("/nonexistent/dir/x.csd", &c, err, sizeof err) == -1);
    CHECKF(!strncmp(err, "/nonexistent/dir/x.csd:1:1: ", 28) && strstr(err, "No such file"), "%s", err);
    char path[] = "/tmp/test_score_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        FILE *fp = fdopen(fd, "w");
        fputs(text, fp);
        fclose(fp);
        CHECK(csd_read(path, &c, err, sizeof err) == 0);
        CHECK(c.sco && c.sco_line == 21 && c.orc_line == 10);
        csd_free(&c);
        fp = fopen(path, "wb");
        fwrite("<CsoundSynthesizer>\nab\0cd", 1, 25, fp);
        fclose(fp);
        CHECK(csd_read(path, &c, err, sizeof err) == -1);
        CHECKF(strstr(err, ":2:3: ") && strstr(err, "NUL byte"), "%s", err);
        unlink(path);
    }

    /* any prefix of a csd: no crash, no read past the text */
    size_t len = strlen(text);
    for (size_t i = 0; i <= len; i++) {
        char *t = malloc(i + 1);
        memcpy(t, text, i);
        t[i] = 0;
        if (csd_parse(t, "p.csd", &c, err, sizeof err) == 0)
            csd_free(&c);
        else
            CHECK(!strncmp(err, "p.csd:", 6));
        free(t);
    }
}

/* The preprocessor: macros with arguments, the dot, #ifdef, positions at the use site, runaway macros. */
static void test_macros(void)
{
    SCO s = PARSE("#define N(a'b) #i 1 $a 1 $b#\n"
                  "#define F #440#\n"
                  "$N(0'$F.)\n"
                  "#ifdef F\n"
                  "  $N(2'[$F*2])\n"
                  "#else\n"
                  "i 1 9 1 1\n"
                  "#end\n"
                  "#undef F\n"
                  "#ifndef F\n"
                  "i 1 4 1 7\n"
                  "#endif\n");
    CHECK(s.n == 3);
    CHECK(note(&s, 1, 0)->time == 0 && note(&s, 1, 0)->p[4] == 440 && note(&s, 1, 0)->line == 3);
    CHECK(note(&s, 1, 1)->p[4] == 880 && note(&s, 1, 1)->line == 5 && note(&s, 1, 1)->col == 3);
    CHECK(note(&s, 1, 2)->p[4] == 7 && note(&s, 1, 2)->line == 11 && note(&s, 1, 2)->col == 1);
    sco_free(&s);
    ERR("i 1 0 1\ni 1 1 $X\n", "2:7", "undefined macro '$X'");
    ERR("#define A #$A$A#\ni 1 0 $A\n", "2:7", "nested too deeply");
    ERR("#define A #$B$B$B$B$B$B$B$B#\n#define B #$C$C$C$C$C$C$C$C#\n#define C #$D$D$D$D$D$D$D$D#\n"
        "#define D #$E$E$E$E$E$E$E$E#\n#define E #$G$G$G$G$G$G$G$G#\n#define G #$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H$H#\n"
        "#define H #1234567890123456123456789012345612345678901234561234567890123456#\ni 1 0 $A\n", "8:7", "too large");
    ERR("#define M(a'b) #$a#\ni 1 0 $M(1)\n", "2:7", "too few arguments");
    ERR("#ifdef X\ni 1 0 1\n", "3:1", "#ifdef without #end");
    ERR("#else\n", "1:1", "#else without #ifdef");
    ERR("#pragma x\n", "1:1", "unknown preprocessor directive '#pragma'");
    ERR("#include \"/nonexistent/x.sco\"\n", "1:1", "cannot open included file");
}

/* { } loops: the counter macro counts from 0, loops nest, the count may be a macro (csound 6.18). */
static void test_loops(void)
{
    SCO s = PARSE("#define N #3#\n"
                  "{ $N. CNT\n"
                  "i 1 [$CNT*0.5] 0.25 $CNT\n"
                  "  { 2 IN   ; inner\n"
                  "i 2 [$CNT + $IN*0.25] 0.1 [$CNT*10+$IN]\n"
                  "  }\n"
                  "}\n"
                  "i 3 5 1\n");
    CHECK(s.n == 3 + 6 + 1);
    for (int k = 0; k < 3; k++) {
        const SCO_EVENT *a = note(&s, 1, k);
        CHECK(a->p[4] == k && NEAR(a->time, k * 0.5) && a->line == 3 && a->col == 1);
    }
    for (int c = 0, j = 0; c < 3; c++)
        for (int i = 0; i < 2; i++, j++) {
            const SCO_EVENT *b = note(&s, 2, j);
            CHECK(b->p[4] == c * 10 + i && NEAR(b->time, c + i * 0.25) && b->line == 5);
        }
    CHECK(note(&s, 3, 0)->time == 5 && note(&s, 3, 0)->line == 8);
    sco_free(&s);
}

/* r N NAME: the section up to s or e plays N times, NAME counting from 0; each
 * repeat ends its section with a plain s (its length dropped), an e there does
 * not end the score, and a new r ends the one before (csound 6.18). */
static void test_repeats(void)
{
    SCO s = PARSE("i 1 0 1 5\n"
                  "r 2 AA\n"
                  "i 1 0 1 $AA\n"
                  "r 2 BB\n"
                  "i 1 0.5 1 [$BB+100]\n"
                  "e\n"
                  "i 1 0 1 77\n");
    CHECK(s.n == 6);
    CHECK(note(&s, 1, 0)->p[4] == 5 && note(&s, 1, 0)->time == 0);
    CHECK(note(&s, 1, 1)->p[4] == 0 && note(&s, 1, 1)->time == 0);   /* first pass: still section 1 */
    CHECK(note(&s, 1, 2)->p[4] == 1 && note(&s, 1, 2)->time == 1);
    CHECK(note(&s, 1, 3)->p[4] == 100 && note(&s, 1, 3)->time == 2.5);
    CHECK(note(&s, 1, 4)->p[4] == 101 && note(&s, 1, 4)->time == 4);
    CHECK(note(&s, 1, 5)->p[4] == 77 && note(&s, 1, 5)->time == 5);
    sco_free(&s);

    s = PARSE("r 3 NN\n"
              "i 1 0 1 $NN\n"
              "s 4\n"
              "i 2 0 1\n");
    CHECK(s.n == 4 && note(&s, 1, 2)->time == 2 && note(&s, 1, 2)->p[4] == 2 && note(&s, 2, 0)->time == 3);
    sco_free(&s);
}

/* m/n named sections, x. */
static void test_marks(void)
{
    SCO s = PARSE("m verse\n"
                  "i 1 0 1 1\n"
                  "i 1 1 1 2\n"
                  "s\n"
                  "i 2 0 1 10\n"
                  "x\n"
                  "i 2 1 1 11\n"
                  "s\n"
                  "n verse\n"
                  "n verse\n"
                  "m chorus\n"
                  "i 1 0.5 1 [3+4]\n"
                  "s\n"
                  "n chorus\n"
                  "e\n");
    CHECK(s.n == 2 + 1 + 4 + 2);
    CHECK(note(&s, 2, 0)->time == 2 && note(&s, 2, 0)->p[4] == 10);   /* x: i 2 1 1 11 skipped */
    CHECK(note(&s, 1, 2)->time == 3 && note(&s, 1, 2)->line == 2);
    CHECK(note(&s, 1, 4)->time == 5 && note(&s, 1, 5)->time == 6);
    CHECK(note(&s, 1, 6)->time == 7.5 && note(&s, 1, 7)->time == 9 && note(&s, 1, 7)->p[4] == 7);
    CHECK(s.end_time == 10);
    sco_free(&s);
}

/* [~], '~' and y: csound 6.18 prints the same values (Rand31 from seed 15937). */
static void test_random(void)
{
    SCO s = PARSE("i 1 0 1 [~] [~*10]\n"
                  "y 42\n"
                  "i 1 1 1 [~] [~ * 9 + 1]\n"
                  "i 2 0 1 0 1\n"
                  "i 2 1 1 ~ 2\n"
                  "i 2 2 1 ~ ~\n"
                  "i 2 3 1 10 20\n");
    CHECK(note(&s, 1, 0)->p[4] == 0.52624481477715745);
    CHECK(fabs(note(&s, 1, 0)->p[5] - 1.62525) < 1e-5);
    CHECK(note(&s, 1, 1)->p[4] == 0.53021913049307534);
    CHECK(fabs(note(&s, 1, 1)->p[5] - 5.15627) < 1e-5);
    CHECK(note(&s, 2, 1)->p[4] == 1.3668158017566647);
    CHECK(note(&s, 2, 2)->p[4] == 0.18185191347522461);
    CHECK(fabs(note(&s, 2, 2)->p[5] - 5.699) < 1e-5);
    sco_free(&s);
}

/* Csound's own operator precedence in [ ] (sread.c's operator stack), and d / q. */
static void test_expr_ops_d_q(void)
{
    SCO s = PARSE("i 1 5 1 [1-2*3+4] [2^3*2] [7 % 3] [5 & 3 | 8] [5 # 1] [@8 + @@8] [(1-2)*3+4]\n"
                  "i 2.5 0 -1\n"
                  "d 2.5 1 0\n"
                  "d \"pad\" 2 0\n"
                  "q 3 1 0\n"
                  "i 4 9 z z\n");
    const SCO_EVENT *a = note(&s, 1, 0);
    CHECK(a->p[4] == -9 && a->p[5] == 64 && a->p[6] == 1 && a->p[7] == 9 && a->p[8] == 4 && a->p[9] == 25);
    CHECK(a->p[10] == 1);
    CHECK(note(&s, 4, 0)->p[3] == 800000000000.0 && note(&s, 4, 0)->p[4] == 0);   /* z: 0 from p4 on (csound 6.18) */
    CHECK(note(&s, -2.5, 0)->op == 'i' && note(&s, -2.5, 0)->time == 1);
    int found = 0;
    for (int i = 0; i < s.n; i++) {
        if (s.ev[i].instr_name && !strcmp(s.ev[i].instr_name, "-pad") && s.ev[i].time == 2)
            found |= 1;
        if (s.ev[i].op == 'q' && s.ev[i].p[1] == 3 && s.ev[i].time == 1 && s.ev[i].p[3] == 0)
            found |= 2;
    }
    CHECK(found == 3);
    /* at one time: q first, then notes turned off, then f, then notes (sort.c) */
    CHECK(s.ev[1].op == 'q' && s.ev[2].p[1] == -2.5);
    sco_free(&s);
}

/* a 0 p2 p3: the skipped part drops the notes starting in it and brings the rest
 * earlier; their p2 keeps the score's time (csound 6.18: "a 0 0.5 1.5" drops a note
 * at 1, plays the one at 2.5 at 1.0 with p2 = 2.5, and the section is 1.5 s shorter). */
static void test_advance(void)
{
    SCO s = PARSE("i 1 0 0.25 1\n"
                  "i 1 1 2 2\n"
                  "a 0 0.5 1.5\n"
                  "i 1 2.5 1 3\n"
                  "i 1 3 1 4\n");
    CHECK(s.n == 3);
    CHECK(note(&s, 1, 0)->p[4] == 1 && note(&s, 1, 0)->time == 0);
    CHECK(note(&s, 1, 1)->p[4] == 3 && note(&s, 1, 1)->time == 1 && note(&s, 1, 1)->shift == 1.5);
    CHECK(note(&s, 1, 2)->p[4] == 4 && note(&s, 1, 2)->time == 1.5);
    CHECK(s.end_time == 2.5);
    sco_free(&s);
    ERR("a 0 1\n", "1:1", "'a' statement needs a time and a number of beats to skip");
}

int main(void)
{
    test_advance();
    test_loops();
    test_repeats();
    test_marks();
    test_random();
    test_expr_ops_d_q();
    test_basic();
    test_comments_and_lines();
    test_carry();
    test_plus_caret();
    test_ramps();
    test_np_pp();
    test_expressions();
    test_tempo();
    test_sections_end();
    test_f_statements();
    test_b_v();
    test_sorting();
    test_strings_names();
    test_errors();
    test_fuzz();
    test_csd();
    test_macros();
    return CHECK_RESULT();
}
