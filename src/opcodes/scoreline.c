/* scoreline.c — score lines from an instrument (scoreline_i, scoreline): Csound's line events, parsed where they are sent. */
#include "op.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Follows Csound 6.18's Opcodes/scoreline.c, which hands the text to the
 * line-event reader (Engine/linevent.c, sensLine): one event a line, an
 * opcode letter, then p-fields that are numbers (no expressions), "strings",
 * or a lone `.` carrying the field of the previous i line (any i line sent
 * this way, as Csound's one `prve`); p2 counts from the k-cycle the line is
 * read in (scoreline_i: the calling note's first k-cycle; scoreline: the
 * next one, as measured with csound 6.18 --sample-accurate).
 *
 * Real-time safety: Csound copies the text into a buffer a later k-cycle
 * reads.  Here the text is read at once, on the audio thread, without a
 * copy: one pass over its characters, the p-fields in a fixed array on the
 * stack, each event straight into the scheduler as `schedule` sends it
 * (op_schedule: exact frames; not recorded, so a re-render of a recording
 * makes the same notes again).  No allocation, no lock; the work is bounded
 * by the text's length, and the notes one k-cycle may make by the engine.
 * An f line makes its table only in the orchestra header's code (the
 * control thread, before the performance: tables allocate); from a note it
 * is refused with a warning, as are the statements that are not events
 * (a, d, q).
 */

/* scoreline_i Sin; scoreline Sin, ktrig */
typedef struct {
    OP h;
    OP_ARG sin, ktrig;
} SCORELINE;

/* The previous i line's p-fields (Csound's prve), one for the engine. */
typedef struct {
    int np;
    int named;          /* its p1 was a name: not carried */
    double p[OP_MAXP + 1];
} CARRY;

static const OP_SHARED carry_state = { "line events' carry", sizeof(CARRY), NULL, NULL };

/* A line that cannot be read: Csound's "illegal RT scoreline", with the line
 * and a caret under the place. */
static void bad_line(OP *o, OP_CTX *c, const char *why, const char *line, const char *at)
{
    int len = 0;
    while (line[len] && line[len] != '\n') len++;
    op_msg(c, "WARNING: instr %g (line %d): %s: %s; illegal RT scoreline:\n%.*s\n%*s\n", op_p1(c), (int)o->line,
           o->desc->name, why, len, line, (int)(at - line) + 1, "^");
}

static int is_blank(int ch) { return ch == ' ' || ch == '\t'; }

/* An f line: a table made at once, as the score's f statement makes it
 * (its time is not waited for).  Only where allocating is allowed: the
 * orchestra header's code, run on the control thread before the
 * performance; a note (on the audio thread) may not. */
static void make_table(OP *o, OP_CTX *c, const double *p, int pcnt, const char *line)
{
    char err[200];
    if (!op_offline_init(c)) {
        bad_line(o, c, "f statements are made only in the orchestra header (tables are made off the audio thread)",
                 line, line);
        return;
    }
    if (pcnt < 4) {
        bad_line(o, c, "an f statement needs a number, a time, a size and a GEN", line, line);
        return;
    }
    if (op_table_make(c, op_int(p[1]), 1, op_int(p[3]), op_int(p[4]), p + 5, pcnt - 4, NULL, err, sizeof err) < 0)
        bad_line(o, c, err, line, line);
}

/* One line, from `line` to its newline or the end: parsed and sent.  Returns
 * where the next line starts. */
static const char *one_line(OP *o, OP_CTX *c, CARRY *prev, const char *line, int next)
{
    const char *cp = line;
    while (is_blank(*cp)) cp++;
    if (*cp == '\n' || *cp == '\r' || !*cp) return *cp ? cp + 1 : cp;
    const char *end = cp;
    while (*end && *end != '\n') end++;
    const char *after = *end ? end + 1 : end;
    char opc = *cp;
    if (!strchr("eiqfad", opc)) {
        char why[32];
        snprintf(why, sizeof why, "unknown opcode %c", opc);
        bad_line(o, c, why, line, cp);
        return after;
    }
    double p[OP_MAXP + 1];
    const char *name = NULL;
    int nname = 0, pcnt = 0;
    p[0] = 0;
    cp++;
    for (;;) {
        while (cp < end && (is_blank(*cp) || *cp == '\r')) cp++;
        if (cp >= end) break;
        if (pcnt >= OP_MAXP) {
            bad_line(o, c, "too many pfields", line, cp);
            break;
        }
        pcnt++;
        if (*cp == '"') {   /* a string: the instrument's name, as p1 of an i line */
            const char *q = cp + 1;
            while (q < end && *q != '"') q++;
            if (q >= end || opc != 'i' || pcnt != 1) {
                bad_line(o, c, q >= end ? "unmatched quotes" : "string p-fields other than an i line's p1 are not supported", line, cp);
                return after;
            }
            name = cp + 1;
            nname = (int)(q - name);
            p[pcnt] = 0;
            cp = q + 1;
            continue;
        }
        if (*cp == '.' && (cp + 1 >= end || is_blank(cp[1]) || cp[1] == '\r')) {   /* carry */
            if (opc != 'i' || prev->np == 0 || pcnt > prev->np) {
                bad_line(o, c, "dot carry has no reference", line, cp);
                return after;
            }
            if (pcnt == 1 && prev->named) {
                bad_line(o, c, "cannot carry string p-field", line, cp);
                return after;
            }
            p[pcnt] = prev->p[pcnt];
            cp++;
            continue;
        }
        char *num_end;
        double v = (isdigit((unsigned char)*cp) || *cp == '+' || *cp == '-' || *cp == '.') ? strtod(cp, &num_end) : 0;
        if (!(isdigit((unsigned char)*cp) || *cp == '+' || *cp == '-' || *cp == '.') || num_end == cp || num_end > end) {
            bad_line(o, c, "not a number", line, cp);
            return after;
        }
        p[pcnt] = v;
        cp = num_end;
    }
    if (!(opc == 'f' && pcnt >= 1 && p[1] < 0) && pcnt < 2 && opc != 'e') {
        char why[40];
        snprintf(why, sizeof why, "too few pfields (%d)", pcnt + 1);
        bad_line(o, c, why, line, cp);
        return after;
    }
    if (pcnt > 1 && p[2] < 0) {
        bad_line(o, c, "-L with negative p2 illegal", line, cp);
        return after;
    }
    if (opc == 'i') {
        prev->np = pcnt;
        memcpy(prev->p, p, sizeof(double) * (size_t)(pcnt + 1));
        prev->named = name != NULL;   /* the name is not kept: a later '.' cannot carry it */
    }
    switch (opc) {
    case 'i': {
        if (name) {
            char buf[128];
            if (nname >= (int)sizeof buf) {
                bad_line(o, c, "instrument name too long", line, name);
                return after;
            }
            memcpy(buf, name, (size_t)nname);
            buf[nname] = 0;
            int num = op_instr_number(c, buf);
            if (num < 0) {
                op_msg(c, "WARNING: instr %g (line %d): %s: instrument \"%s\" is not defined; no event made\n",
                       op_p1(c), (int)o->line, o->desc->name, buf);
                return after;
            }
            p[1] = num;
        }
        char err[160];
        int r = op_schedule(c, p, pcnt, next, err, sizeof err);
        if (r == -2) op_msg(c, "WARNING: instr %g (line %d): %s: %s\n", op_p1(c), (int)o->line, o->desc->name, err);
        else if (r == -1) bad_line(o, c, err, line, line);
        break;
    }
    case 'e':
        op_exit(c, pcnt >= 2 ? p[2] : 0);
        break;
    case 'f':
        make_table(o, c, p, pcnt, line);
        break;
    default:
        bad_line(o, c, "only i, e and f line events are supported", line, line);
    }
    return after;
}

static void send_lines(OP *o, OP_CTX *c, int next)
{
    SCORELINE *p = (SCORELINE *)o;
    CARRY *prev = op_shared(c, &carry_state);
    if (!prev || !p->sin.str) return;
    for (const char *line = op_s(p->sin); *line;) line = one_line(o, c, prev, line, next);
}

static int scoreline_i(OP *o, OP_CTX *c)
{
    send_lines(o, c, 0);
    return 0;
}

static void scoreline_k(OP *o, OP_CTX *c)
{
    if (*((SCORELINE *)o)->ktrig.k != 0) send_lines(o, c, 1);
}

static const OP_DESC op_scoreline[] = {
    { "scoreline_i", "", "S", sizeof(SCORELINE), scoreline_i, NULL, OP_ARGS_IN(1), NULL, &carry_state },
    { "scoreline", "", "Sk", sizeof(SCORELINE), NULL, scoreline_k, OP_ARGS_IN(2), NULL, &carry_state },
    OP_END
};
OP_FAMILY(scoreline, "Instrument Control: Instrument Invocation", op_scoreline);
