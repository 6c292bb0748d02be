/* score.h — the Csound score language (i f d q e s t a b v m n x y statements, carry rules) parsed to a flat event list. */
#ifndef ONDES_SCORE_H
#define ONDES_SCORE_H

#include "../engine/engine.h"   /* EV_MAXP */

/* One score statement after carry rules, sorting and tempo warping. */
typedef struct sco_event {
    char op;                /* 'i' (also d: p1 negative, or a name with '-' before it), 'f', or
                             * 'q' (p1 instrument or name, p3 0 = mute from p2 on, else play) */
    double time;            /* start in seconds (p2 after t statements and sections) */
    double dur;             /* duration in seconds (p3 after tempo; negative = held) */
    int np;                 /* number of p-fields (p1..pnp) */
    double p[EV_MAXP + 1];  /* p-fields as written (after carry/ramp rules), beats for p2/p3 */
    char *instr_name;       /* i "name" …: the name (p[1] is then 0), else NULL */
    char **pstr;            /* NULL, or np+1 entries: pstr[k] is the string given as pk, or NULL */
    const char *file;       /* file name given to sco_parse */
    int line, col;          /* where the statement starts (1-based) */
    int seq;                /* input order */
    int sec;                /* its section (0 = the first) */
    double sec_time;        /* seconds from its section's start */
    double shift;           /* seconds an a statement skipped before it: p2 is sec_time + shift */
} SCO_EVENT;

typedef struct sco {
    SCO_EVENT *ev;          /* sorted by time, then statement kind (f before i), then input order */
    int n;
    double end_time;        /* seconds: the 'e' statement's time if given, else the end of the last note */
    int has_end;            /* an explicit e statement was seen */
    double *sec_len;        /* seconds each section lasts (nsec of them): Csound starts the next one
                             * on the first k-cycle boundary at or after that, which only the
                             * player knows (time is the unrounded sum) */
    double *sec_at;         /* each section's s or e time in seconds (s 1, e 5), or -1 when it gave
                             * none: Csound reads the s there, else right after its last event */
    int nsec;
    char **files;           /* names of #included files (events' file points here) */
    int nfiles;
} SCO;

/* Parse score text. `line0` is the line number of the text's first line in
 * `file` (for a .csd). Returns 0, or -1 with "file:line:col: message" in err. */
int sco_parse(const char *text, const char *file, int line0, SCO *out, char *err, size_t errlen);
void sco_free(SCO *s);

#endif
