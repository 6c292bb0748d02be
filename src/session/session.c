/* session.c — loads .orc/.sco/.csd/event-list files, compiles them and schedules their events on an engine. */
#include "session.h"
#include "../lang/orch.h"
#include "../lang/score.h"
#include "../lang/csd.h"
#include "../lang/evlist.h"
#include "../lang/errs.h"
#include "../lang/preproc.h"
#include "../engine/ftable.h"
#include "tablework.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct evfile {
    EVL_CMD *cmds;
    int n;
    char *path;
} EVFILE;

typedef struct idmap {
    int id;                /* 0: empty slot */
    int instr;
    int count;             /* live: events with this id not yet over */
} IDMAP;

#define TABLE_NEVER 1000000000   /* /table/wait's blocks for a table never answered while it played */

struct session {
    LANG_ORCH *orch;
    SCO *scores;
    int nscores;
    EVFILE *evfiles;
    int nevfiles;
    /* CsOptions values (0 = not given) */
    double opt_sr, opt_dbfs;
    int opt_ksmps, opt_nchnls;
    LANG_HEADER hdr;
    ENGINE *eng;
    double end_time;
    int has_score_end;     /* a Csound score was loaded: its e ends the performance (ses_score_end) */
    int sectioned;         /* EVF_SECTIONED: the score being queued is in sections */
    int end_sectioned;     /* and so its e (ses_score_end) */
    int64_t score_end;     /* the frame its e is read at */
    IDMAP *ids;            /* open addressing, linear probing; capids a power of two */
    int nids, capids;
    int next_id;
    char *notes;
    size_t notes_len;
    int nfiles;
    char filedir[1024];    /* the first file's folder: where Csound looks for sound files too */
    int user_orch;         /* an .orc or .csd was given (not only event lists) */
    int failed;            /* a file had errors: ses_prepare still compiles, to report them all, then stops */
    int live;              /* commands go through the engine's ring (a driver is processing) */
    int cur_absolute;      /* the live command carries an exact frame (a time-tagged bundle) */
    char instrdir[1024];   /* the instruments library */
    int restrict_files;    /* clients may read files only inside datadirs (ses_restrict_files) */
    char **datadirs;       /* resolved (realpath) */
    int ndatadirs;
    /* CsOptions / /config values beyond the above (0 = not given) */
    int opt_nchnls_i_set, opt_nchnls_i;
    int opt_voices;                   /* /config voices, ceiling, limiter: a recorded session's master */
    int opt_memory_mb;                /* /config memory (MiB): which notes found memory, for a re-render */
    double opt_ceiling_db, opt_limiter_ms;
    int opt_ceiling_set;
    double opt_a4;
    /* /table/wait lines of a recorded session: the blocks its notes waited for tables */
    struct { int64_t frame; int ord, blocks; } *twaits;
    int ntwaits;
    struct { int64_t frame; int ord; } *asked;   /* --record-events: table requests not answered yet */
    int nasked;
    /* names an event list's /instr/orc lines define: never loaded from the library up front */
    char **orc_names;
    int norc_names;
    /* texts loaded at start, kept for --record-events */
    char **texts;          /* "/orc" or "/score" then a NUL then the text */
    int ntexts;
    /* --record-events: the commands posted, waiting for the frame they took effect at */
    FILE *rec;
    uint32_t cmd_seq, cur_cmd;
    uint32_t cur_origin;              /* the sender of the command being run (EVL_CMD.origin) */
    int posted;            /* events the current command posted */
    struct pending { uint32_t seq; char *line; int always; } *pend;   /* always: printed even without its EXEC */
    ENG_BATCH *batch;      /* live: a /score's events, gathered until all are checked (then one EV_BATCH) */
    int npend, cappend, pend_head;
    ses_reply_fn sink;     /* who gets the clients' replies (the OSC server), or NULL */
    void *sink_ud;
    /* Live tables made off the control thread (tablework.h), and the
     * commands held behind them: a sender's commands that come after its
     * table request wait, in order, until the table is installed (see
     * held_flush).  A FIFO of items, each one command's events. */
    TABLEWORK *tw;
    struct held *held_head, *held_tail;
    int nheld;                         /* items in the FIFO */
    struct held *cur_held;             /* the item the current command's events go to, or NULL */
    int cur_deferred;                  /* the current command answers later (a table job) */
    const char *cur_addr;              /* the current command's address */
    /* --table-memory: bytes of heap tables alive (installed, replaced but not
     * yet freed, or being made), live only */
    size_t table_bytes, table_limit;
};

/* One held command: its events (and a table job's EV_TABLE, whose pointer
 * comes when the worker is done), its --record-events line. */
struct held {
    struct held *next;
    uint32_t origin, seq;              /* its sender; the command's number when it ran */
    TW_JOB *job;                       /* a table being made, or NULL */
    size_t job_bytes;                  /* what the job was counted for against --table-memory */
    char addr[32];                     /* the job's command, for its /fail (and /done) */
    int say_done;                      /* its command answers /done (a /score's f statement does not) */
    unsigned char *ev;                 /* the events, each eng_event_bytes long, 8-aligned */
    size_t evlen, evcap, evdone;       /* bytes used, reserved, already posted */
    char *line;                        /* its --record-events line, or NULL */
    uint32_t posted_seq;               /* the number it was posted under (0: not yet) */
};

static void note(SESSION *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(SESSION *s, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (n >= (int)sizeof buf) n = sizeof buf - 1;
    s->notes = realloc(s->notes, s->notes_len + (size_t)n + 2);
    memcpy(s->notes + s->notes_len, buf, (size_t)n);
    s->notes_len += (size_t)n;
    s->notes[s->notes_len++] = '\n';
    s->notes[s->notes_len] = 0;
}

/* A string as the event-list reader reads it back: quoted, \" \\ \n escaped. */
static void write_string(FILE *f, const char *str)
{
    fputc('"', f);
    for (const char *q = str; *q; q++) {
        if (*q == '"' || *q == '\\') { fputc('\\', f); fputc(*q, f); }
        else if (*q == '\n') fputs("\\n", f);
        else if (*q == '\t') fputs("\\t", f);
        else fputc(*q, f);
    }
    fputc('"', f);
}

SESSION *ses_new(void)
{
    SESSION *s = calloc(1, sizeof *s);
    s->orch = lang_orch_new();
    s->next_id = 1000000;   /* engine-chosen ids stay clear of a client's small ones */
    return s;
}

static void held_free(struct held *h)
{
    for (size_t at = h->evdone; at < h->evlen;) {   /* tables never posted go with it */
        ENG_EVENT *ev = (ENG_EVENT *)(h->ev + at);
        if (ev->type == EV_TABLE) ftable_free(ev->ptr);
        if (ev->type == EV_BATCH) eng_batch_free(ev->ptr, 1);   /* a /score held behind a table */
        at += (eng_event_bytes(ev) + 7) & ~(size_t)7;
    }
    tw_job_free(h->job);
    free(h->ev);
    free(h->line);
    free(h);
}

void ses_free(SESSION *s)
{
    if (!s) return;
    tw_free(s->tw);   /* first: the worker reads the engine */
    while (s->held_head) {
        struct held *h = s->held_head;
        s->held_head = h->next;
        held_free(h);
    }
    eng_free(s->eng);
    lang_orch_free(s->orch);
    for (int i = 0; i < s->nscores; i++) sco_free(&s->scores[i]);
    free(s->scores);
    for (int i = 0; i < s->nevfiles; i++) {
        evl_free(s->evfiles[i].cmds, s->evfiles[i].n);
        free(s->evfiles[i].path);
    }
    for (int i = 0; i < s->ntexts; i++) free(s->texts[i]);
    free(s->texts);
    free(s->twaits);
    for (int i = 0; i < s->norc_names; i++) free(s->orc_names[i]);
    free(s->orc_names);
    for (int i = 0; i < s->npend; i++) free(s->pend[(s->pend_head + i) % s->cappend].line);
    free(s->pend);
    /* tables still being made when playback stopped: their notes never went on */
    for (int i = 0; s->rec && i < s->nasked; i++)
        fprintf(s->rec, "@0 /table/wait %lld %d %d\n", (long long)s->asked[i].frame, s->asked[i].ord, TABLE_NEVER);
    free(s->asked);
    if (s->rec) fclose(s->rec);
    for (int i = 0; i < s->ndatadirs; i++) free(s->datadirs[i]);
    free(s->datadirs);
    free(s->evfiles);
    free(s->ids);
    free(s->notes);
    free(s);
}

ENGINE *ses_engine(SESSION *s) { return s->eng; }
double ses_end_time(const SESSION *s) { return s->end_time; }

static int schedule(SESSION *s, ENG_EVENT *ev, SES_ERR *e);

int ses_score_end(SESSION *s)
{
    if (!s->has_score_end) return 0;
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_SCORE_END;
    ev.flags = s->end_sectioned ? EVF_SECTIONED : 0;   /* read after the sections' waits */
    ev.frame = s->score_end;
    ev.np = 3;
    SES_ERR e;
    return schedule(s, &ev, &e) ? -1 : 1;
}
const char *ses_notes(const SESSION *s) { return s->notes ? s->notes : ""; }

int ses_restrict_files(SESSION *s, const char *const *dirs, int n, char *err, size_t errlen)
{
    s->restrict_files = 1;
    s->datadirs = realloc(s->datadirs, sizeof *s->datadirs * (size_t)(s->ndatadirs + (n > 0 ? n : 1)));
    for (int i = 0; i < n; i++) {
        char *r = realpath(dirs[i], NULL);
        if (!r) {
            snprintf(err, errlen, "--data-dir '%s': %s", dirs[i], strerror(errno));
            return -1;
        }
        s->datadirs[s->ndatadirs++] = r;
    }
    return 0;
}

/* Is the resolved path `p` inside the resolved directory `dir`? */
static int path_inside(const char *p, const char *dir)
{
    size_t n = strlen(dir);
    if (strncmp(p, dir, n)) return 0;
    return p[n] == '/' || (n > 0 && dir[n - 1] == '/');   /* "/" holds everything */
}

/* The file a client names, once restricted: realpath (so "..", and symlinks
 * pointing elsewhere, are judged by where they lead), inside a --data-dir, or
 * for /instr/load (`library`) inside the instruments library too.  Relative
 * names are looked up in each directory in turn.  Returns what to open:
 * `path` itself when unrestricted, else the resolved path (in out), or NULL
 * with the reason in err.  Control thread. */
static const char *client_file(SESSION *s, const char *path, int library, char *out, size_t outlen, char *err,
                               size_t errlen)
{
    if (!s->restrict_files || !s->live) return path;
    if (s->ndatadirs == 0 && !library) {
        snprintf(err, errlen, "reading files is disabled: ondes listens on the network (--bind) and no "
                              "--data-dir was given");
        return NULL;
    }
    char *lib = library && s->instrdir[0] ? realpath(s->instrdir, NULL) : NULL;
    int nroots = s->ndatadirs + (lib ? 1 : 0);
    char *found = NULL;
    for (int i = 0; i < nroots && !found; i++) {
        const char *root = i < s->ndatadirs ? s->datadirs[i] : lib;
        char joined[4096];
        if (path[0] == '/') {
            if (i > 0) break;   /* an absolute name resolves once */
            snprintf(joined, sizeof joined, "%s", path);
        } else if ((size_t)snprintf(joined, sizeof joined, "%s/%s", root, path) >= sizeof joined) {
            continue;
        }
        char *r = realpath(joined, NULL);
        if (!r) continue;
        for (int k = 0; k < nroots && !found; k++)
            if (path_inside(r, k < s->ndatadirs ? s->datadirs[k] : lib)) found = r;
        if (!found) free(r);
    }
    free(lib);
    /* one answer for "outside" and "missing": a client learns nothing about files it may not read */
    if (!found || strlen(found) >= outlen) {
        free(found);
        snprintf(err, errlen, "'%s' is outside the allowed directories (%s) or does not exist", path,
                 s->ndatadirs ? "--data-dir" : "the instrument library; no --data-dir was given");
        return NULL;
    }
    snprintf(out, outlen, "%s", found);
    free(found);
    return out;
}

/* A text file a client or the command line names: a regular file within
 * the text limit, read without blocking (lang_read_text: a device or FIFO
 * named by a network client — /instr/load "/dev/zero", found by fuzzing —
 * neither fills memory nor blocks the control thread), and no NUL in it. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    char why[96];
    char *buf = lang_read_text(path, len, why, sizeof why);
    if (!buf) {
        snprintf(err, errlen, "cannot open '%s': %s", path, why);
        return NULL;
    }
    if (memchr(buf, 0, *len)) {
        free(buf);
        snprintf(err, errlen, "%s: not a text file", path);
        return NULL;
    }
    return buf;
}

static const char *ext_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static void keep_text(SESSION *s, const char *kind, const char *text)
{
    size_t k = strlen(kind), n = strlen(text);
    char *t = malloc(k + n + 2);
    memcpy(t, kind, k + 1);
    memcpy(t + k + 1, text, n + 1);
    s->texts = realloc(s->texts, sizeof *s->texts * (size_t)(s->ntexts + 1));
    s->texts[s->ntexts++] = t;
}

static int add_score(SESSION *s, const char *text, const char *path, int line0, char *err, size_t errlen)
{
    keep_text(s, "/score", text);
    SCO sc;
    memset(&sc, 0, sizeof sc);
    if (sco_parse(text, path, line0, &sc, err, errlen)) return -1;

    s->scores = realloc(s->scores, sizeof *s->scores * (size_t)(s->nscores + 1));
    s->scores[s->nscores++] = sc;
    return 0;
}

/* A number from a command or a score as an int, for the range checks that
 * follow: saturated, NaN as INT_MIN ((int) of 1e30 or NaN is undefined
 * behaviour, found by fuzzing). */
static int sat_int(double v)
{
    return v >= INT_MAX ? INT_MAX : v > INT_MIN ? (int)v : INT_MIN;
}

/* CsOptions: the options that apply to ondes are read; the rest are noted and ignored. */
static int csd_options(SESSION *s, const char *opts, const char *path, int line)
{
    char *copy = strdup(opts);
    char *save = NULL;
    char *argv[256];
    int argc = 0;
    for (char *t = strtok_r(copy, " \t\r\n", &save); t && argc < 256; t = strtok_r(NULL, " \t\r\n", &save)) {
        if (t[0] == ';' || t[0] == '#') break;   /* a comment ends the options */
        argv[argc++] = t;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        int which = 0;   /* 1 sr, 2 ksmps, 3 nchnls, 4 0dbfs */
        if (!strncmp(a, "--sr=", 5)) { which = 1; val = a + 5; }
        else if (!strncmp(a, "--ksmps=", 8)) { which = 2; val = a + 8; }
        else if (!strncmp(a, "--nchnls=", 9)) { which = 3; val = a + 9; }
        else if (!strncmp(a, "--0dbfs=", 8)) { which = 4; val = a + 8; }
        else if (!strncmp(a, "-r", 2) && strncmp(a, "-r-", 3)) { which = 1; val = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL); }
        else if (!strncmp(a, "-k", 2)) {
            /* -k sets kr in Csound; ksmps follows from sr/kr later */
            val = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            note(s, "%s:%d: CsOptions: -k (control rate) ignored: set ksmps instead", path, line);
            continue;
        } else {
            note(s, "%s:%d: CsOptions: '%s' does not apply to ondes; ignored", path, line, a);
            continue;
        }
        char *end;
        double v = val ? strtod(val, &end) : 0;
        if (!val || *end || v <= 0) {
            note(s, "%s:%d: CsOptions: bad value in '%s'; ignored", path, line, a);
            continue;
        }
        if (which == 1) s->opt_sr = v;
        else if (which == 2) s->opt_ksmps = sat_int(v);
        else if (which == 3) s->opt_nchnls = sat_int(v);
        else s->opt_dbfs = v;
    }
    free(copy);
    return 0;
}

/* An orchestra's text: compiled, then kept for the recorded list with its
 * #includes expanded — only once the compiler (whose preprocessor holds
 * includes to their limits and names the chain) has accepted it. */
static int add_orc(SESSION *s, const char *text, size_t len, const char *path, int line, char *err, size_t errlen)
{
    int r = lang_orch_add(s->orch, text, len, path, line, err, errlen);
    if (r) return r;
    char *x = lang_expand_includes(text, len, path, 0);
    keep_text(s, "/orc", x);
    free(x);
    return 0;
}

int ses_add_file(SESSION *s, const char *path, char *err, size_t errlen)
{
    const char *ext = ext_of(path);
    if (s->nfiles == 0) {
        const char *slash = strrchr(path, '/');
        if (slash) snprintf(s->filedir, sizeof s->filedir, "%.*s", (int)(slash - path), path);
    }
    if (!strcasecmp(ext, "csd") || !strcasecmp(ext, "orc")) s->user_orch = 1;
    if (!strcasecmp(ext, "csd")) {
        CSD c;
        memset(&c, 0, sizeof c);
        if (csd_read(path, &c, err, errlen)) return s->failed = 1, -1;
        int r = 0;
        if (c.options) csd_options(s, c.options, path, c.options_line);
        if (c.orc) r = add_orc(s, c.orc, strlen(c.orc), path, c.orc_line, err, errlen);
        if (c.sco) {   /* read even after the orchestra's errors: its own are reported with them */
            char *serr = malloc(errlen);
            if (!serr) abort();
            if (add_score(s, c.sco, path, c.sco_line, serr, errlen)) {
                if (!r) err[0] = 0;
                lang_err_append(err, errlen, serr);
                r = -1;
            }
            free(serr);
        }
        csd_free(&c);
        s->nfiles++;
        if (r) s->failed = 1;
        return r;
    }
    size_t len;
    char *text = read_file(path, &len, err, errlen);
    if (!text) return s->failed = 1, -1;
    int r;
    if (!strcasecmp(ext, "orc") || !strcasecmp(ext, "udo") || !strcasecmp(ext, "inc")) {
        r = add_orc(s, text, len, path, 1, err, errlen);
    } else if (!strcasecmp(ext, "sco")) {
        r = add_score(s, text, path, 1, err, errlen);
    } else if (!strcasecmp(ext, "events") || !strcasecmp(ext, "ev") || !strcasecmp(ext, "txt")) {
        EVFILE ef;
        memset(&ef, 0, sizeof ef);
        r = evl_parse(text, len, path, &ef.cmds, &ef.n, err, errlen);
        if (!r) {
            ef.path = strdup(path);
            s->evfiles = realloc(s->evfiles, sizeof *s->evfiles * (size_t)(s->nevfiles + 1));
            s->evfiles[s->nevfiles++] = ef;
        }
    } else {
        snprintf(err, errlen, "%s: unknown kind of file (expected .orc, .sco, .csd or .events)", path);
        r = -1;
    }
    free(text);
    s->nfiles++;
    if (r) s->failed = 1;
    return r;
}

/* ---- event ids (control side): which instrument each id plays ---- */

/* Which instrument each event id plays, for /set's parameter names.  A hash
 * table (linear probing) so a long session's notes cost O(1) each; live, an id
 * leaves it when the engine says its events are over (event_ended), so an
 * installation running for days keeps only what plays or waits. */
static IDMAP *id_slot(const SESSION *s, int id)
{
    if (!s->capids) return NULL;
    unsigned mask = (unsigned)s->capids - 1, h = ((unsigned)id * 2654435761u) & mask;
    while (s->ids[h].id && s->ids[h].id != id) h = (h + 1) & mask;
    return &s->ids[h];
}

static void id_set(SESSION *s, int id, int instr)
{
    if (2 * (s->nids + 1) > s->capids) {   /* grow at half full */
        IDMAP *old = s->ids;
        int oldcap = s->capids;
        s->capids = oldcap ? oldcap * 2 : 256;
        s->ids = calloc((size_t)s->capids, sizeof *s->ids);
        for (int i = 0; i < oldcap; i++)
            if (old[i].id) *id_slot(s, old[i].id) = old[i];
        free(old);
    }
    IDMAP *m = id_slot(s, id);
    if (!m->id) { s->nids++; m->id = id; m->count = 0; }
    m->instr = instr;
    m->count++;
}

static int id_instr(SESSION *s, int id)
{
    IDMAP *m = id_slot(s, id);
    return m && m->id ? m->instr : -1;
}

/* Live: the engine reported (ENG_REPLY_END) that an event with this id is over. */
static void event_ended(SESSION *s, int id)
{
    IDMAP *m = id_slot(s, id);
    if (!m || !m->id || --m->count > 0) return;
    /* remove, then re-seat the rest of the probe run (deletion without tombstones) */
    unsigned mask = (unsigned)s->capids - 1, i = (unsigned)(m - s->ids), j = i;
    s->ids[i].id = 0;
    s->nids--;
    for (;;) {
        j = (j + 1) & mask;
        if (!s->ids[j].id) break;
        IDMAP moved = s->ids[j];
        s->ids[j].id = 0;
        *id_slot(s, moved.id) = moved;
    }
}

/* ---- errors as values (cmd.h) ---- */

void ses_err_format(const SES_ERR *e, char *out, size_t n)
{
    if (!e->where[0]) snprintf(out, n, "%s", e->msg);
    else if (e->addr[0]) snprintf(out, n, "%s: error: %s: %s", e->where, e->addr, e->msg);
    else if (!e->in_text || !strchr(e->msg, '\n')) snprintf(out, n, "%s: error: %s", e->where, e->msg);
    else {
        /* the other errors of the same code: "LINE:COL: error: …" become whole lines again, under where's label */
        char pos[32];
        int lpos = snprintf(pos, sizeof pos, ":%d:%d", e->line, e->col);
        int llen = (int)strlen(e->where) - lpos;
        if (llen < 0) llen = 0;
        const char *nl = strchr(e->msg, '\n');
        size_t used = (size_t)snprintf(out, n, "%s: error: %.*s", e->where, (int)(nl - e->msg), e->msg);
        for (const char *q = nl; q && used < n; q = strchr(q + 1, '\n')) {
            const char *end = strchr(q + 1, '\n');
            int len = end ? (int)(end - q - 1) : (int)strlen(q + 1);
            used += (size_t)snprintf(out + used, n - used, "\n%.*s:%.*s", llen, e->where, len, q + 1);
        }
    }
}

/* An error at `where` ("file:line:col", or NULL: none). Returns -1. */
static int err_at(SES_ERR *e, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int err_at(SES_ERR *e, const char *where, const char *fmt, ...)
{
    memset(e, 0, sizeof *e);
    snprintf(e->where, sizeof e->where, "%s", where ? where : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* The compiler and the score reader report about text we gave them under
 * `label` as "LABEL:LINE:COL: error: MSG" (or "LABEL: error: MSG"): kept
 * apart here, where the label is known, so no one downstream parses text.
 * Any other message (a file that cannot be opened…) is the message itself.
 * Returns -1. */
static int text_error(SES_ERR *e, const char *label, const char *text)
{
    size_t n = strlen(label);
    const char *m = strncmp(text, label, n) ? NULL : strstr(text + n, ": error: ");
    const char *nl = strchr(text, '\n');
    if (!m || (nl && m > nl)) return err_at(e, NULL, "%s", text);
    err_at(e, NULL, "%.*s", nl ? (int)(nl - m - 9) : (int)strlen(m + 9), m + 9);
    snprintf(e->where, sizeof e->where, "%.*s", (int)(m - text), text);
    e->in_text = sscanf(text + n, ":%d:%d", &e->line, &e->col) == 2;
    /* the code's other errors, one a line: "LINE:COL: error: …" when in the same text */
    size_t used = strlen(e->msg);
    for (const char *q = nl; q && used < sizeof e->msg; q = strchr(q + 1, '\n')) {
        const char *line = q + 1, *end = strchr(line, '\n');
        int len = end ? (int)(end - line) : (int)strlen(line);
        if (!len) continue;
        if (e->in_text && !strncmp(line, label, n) && line[n] == ':') line += n + 1, len -= (int)n + 1;
        used += (size_t)snprintf(e->msg + used, sizeof e->msg - used, "\n%.*s", len, line);
    }
    return -1;
}

/* ---- scheduling ---- */

/* Csound's --sample-accurate start: the frame p2·sr truncated (0.7 s at 44.1 kHz is frame 30869).
 * Clamped to ±2^62 frames (millions of years) so no time overflows int64; callers refuse
 * times beyond SES_MAX_TIME (the horizon) before they get here. */
#define SES_MAX_TIME SES_HORIZON
static int64_t to_frame(const SESSION *s, double t)
{
    double f = t * s->hdr.sr;
    return f < 0x1p62 ? (f > -0x1p62 ? (int64_t)f : -((int64_t)1 << 62)) : (int64_t)1 << 62;
}

static void extend_end(SESSION *s, double t)
{
    if (t > s->end_time) s->end_time = t;
}

/* A /score's event into the batch it is gathered in (engine.h ENG_BATCH). */
static int batch_add(SESSION *s, const ENG_EVENT *ev, SES_ERR *e)
{
    size_t used = eng_event_bytes(ev), step = (used + 7) & ~(size_t)7;
    ENG_BATCH *b = s->batch;
    if (b->len + step > b->cap) {
        size_t cap = b->cap * 2 > b->len + step ? b->cap * 2 : b->len + step;
        ENG_BATCH *nb = realloc(b, sizeof *b + cap);
        if (!nb) return err_at(e, NULL, "out of memory for the score's %zu events", b->n + 1);
        s->batch = b = nb;
        b->cap = cap;
    }
    memcpy(b->data + b->len, ev, used);
    b->len += step;
    b->n++;
    return 0;
}

/* Free a batch the engine handed back or that was never posted; with
 * `tables` (refused, or never posted) the tables its f statements made go
 * too and stop counting against --table-memory. */
static void batch_release(SESSION *s, ENG_BATCH *b, int tables)
{
    for (size_t i = 0, off = 0; b && tables && i < b->n; i++) {
        const ENG_EVENT *x = (const ENG_EVENT *)(const void *)(b->data + off);
        if (x->type == EV_TABLE && x->ptr) s->table_bytes -= ((const FTABLE *)x->ptr)->counted;
        off += (eng_event_bytes(x) + 7) & ~(size_t)7;
    }
    eng_batch_free(b, tables);
}

/* ---- live table work: requests on the worker, the sender's later commands held behind them ---- */

#define SES_MAX_HELD 65536             /* commands waiting behind tables, all senders */

/* Whether a table of `bytes` more would pass --table-memory (live only);
 * if so, why in msg. */
static int over_table_limit(const SESSION *s, int num, size_t bytes, char *msg, size_t n)
{
    if (!s->live || !s->table_limit || s->table_bytes + bytes <= s->table_limit) return 0;
    snprintf(msg, n, "table %d: %zu MB of tables with this one's %zu MB is over the table memory limit of %zu MB "
             "(--table-memory)", num, (s->table_bytes + bytes) >> 20, bytes >> 20, s->table_limit >> 20);
    return 1;
}

/* Whether `origin` has a command waiting: its next ones wait too (in order). */
static int held_blocks(const SESSION *s, uint32_t origin)
{
    for (const struct held *h = s->held_head; h; h = h->next)
        if (h->origin == origin) return 1;
    return 0;
}

/* A new item at the FIFO's tail for the current command. */
static struct held *held_new(SESSION *s, SES_ERR *e)
{
    if (s->nheld >= SES_MAX_HELD) {
        err_at(e, NULL, "%d commands are waiting for tables to be made; try again when they are done", SES_MAX_HELD);
        return NULL;
    }
    struct held *h = calloc(1, sizeof *h);
    if (!h) {
        err_at(e, NULL, "out of memory");
        return NULL;
    }
    h->origin = s->cur_origin;
    h->seq = s->cur_cmd;
    if (s->held_tail) s->held_tail->next = h;
    else s->held_head = h;
    s->held_tail = h;
    s->nheld++;
    s->cur_held = h;
    return h;
}

/* The current command's event waits in its item (made on its first event). */
static int hold_event(SESSION *s, const ENG_EVENT *ev, SES_ERR *e)
{
    struct held *h = s->cur_held ? s->cur_held : held_new(s, e);
    if (!h) return -1;
    size_t n = (eng_event_bytes(ev) + 7) & ~(size_t)7;
    if (h->evlen + n > h->evcap) {
        size_t cap = h->evcap ? h->evcap * 2 : 256;
        while (cap < h->evlen + n) cap *= 2;
        unsigned char *p = realloc(h->ev, cap);
        if (!p) return err_at(e, NULL, "out of memory");
        h->ev = p;
        h->evcap = cap;
    }
    memcpy(h->ev + h->evlen, ev, eng_event_bytes(ev));
    h->evlen += n;
    return 0;
}

/* Drop the FIFO's tail (the current command failed: none of it happens). */
static void held_drop_tail(SESSION *s)
{
    struct held *h = s->held_head, *prev = NULL;
    while (h && h != s->held_tail) prev = h, h = h->next;
    if (!h) return;
    if (prev) prev->next = NULL;
    else s->held_head = NULL;
    s->held_tail = prev;
    s->nheld--;
    held_free(h);
}

/* A reply of the session's own (a table job's /done or /fail) to its sender. */
static void held_reply(SESSION *s, uint32_t origin, int type, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void held_reply(SESSION *s, uint32_t origin, int type, const char *fmt, ...)
{
    ENG_REPLY r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.origin = origin;
    r.frame = eng_frame(s->eng);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r.msg, sizeof r.msg, fmt, ap);
    va_end(ap);
    if (s->sink) s->sink(s->sink_ud, &r);
}

static void pending_push(SESSION *s, uint32_t seq, char *line, int always);

/* Post what waits, in order, each sender's items only after its earlier
 * ones: a table job not yet made holds its sender's later items back, never
 * another sender's.  A table made goes to the engine as EV_TABLE and its
 * sender hears /done (or /fail); an item's events are posted under a new
 * command number, recorded (--record-events) at the frame the engine takes
 * them, as any command.  When the ring is full, the rest waits for the next
 * call.  Control thread (ses_drain_replies). */
static void held_flush(SESSION *s)
{
    uint32_t blocked[64];
    int nblocked = 0;
    struct held **pp = &s->held_head, *prev = NULL;
    while (*pp) {
        struct held *h = *pp;
        int skip = 0;
        for (int i = 0; i < nblocked; i++) skip |= blocked[i] == h->origin;
        if (!skip && h->job && h->evdone == 0) {
            FTABLE *t;
            const char *why;
            if (!tw_result(h->job, &t, &why)) {
                skip = 1;
            } else {
                ENG_EVENT *ev = (ENG_EVENT *)h->ev;
                size_t bytes = t ? ((size_t)t->size + 1) * sizeof(float) : 0;
                s->table_bytes -= h->job_bytes;   /* counted again below, now that its size is known */
                char msg[160];
                if (t && over_table_limit(s, ev->instr, bytes, msg, sizeof msg)) {
                    held_reply(s, h->origin, ENG_REPLY_FAIL, "%s: %s", h->addr, msg);
                    ftable_free(t);
                    t = NULL;
                } else if (!t) {
                    held_reply(s, h->origin, ENG_REPLY_FAIL, "%s: %s", h->addr, why);
                }
                tw_job_free(h->job);
                h->job = NULL;
                if (!t) {
                    /* the table's event goes with the table, and what the command posted
                     * after it (a /score's batch: all or nothing) with what it owns */
                    size_t at = h->evdone + ((eng_event_bytes(ev) + 7) & ~(size_t)7);
                    for (; at < h->evlen;) {
                        ENG_EVENT *x = (ENG_EVENT *)(h->ev + at);
                        if (x->type == EV_BATCH) batch_release(s, x->ptr, 1);
                        if (x->type == EV_TABLE) ftable_free(x->ptr);
                        at += (eng_event_bytes(x) + 7) & ~(size_t)7;
                    }
                    h->evdone = h->evlen;
                } else {
                    t->counted = bytes;
                    s->table_bytes += bytes;
                    ev->ptr = t;
                }
            }
        }
        if (skip) {
            if (nblocked < (int)(sizeof blocked / sizeof *blocked)) blocked[nblocked++] = h->origin;
            else return;   /* more blocked senders than we track: keep order, try again later */
            prev = h;
            pp = &h->next;
            continue;
        }
        if (!h->posted_seq && h->evdone < h->evlen) {
            h->posted_seq = ++s->cmd_seq;
            if (h->line && s->rec) {
                pending_push(s, h->posted_seq, h->line, 0);
                h->line = NULL;
            }
        }
        while (h->evdone < h->evlen) {
            ENG_EVENT *ev = (ENG_EVENT *)(h->ev + h->evdone);
            ev->cmd = h->posted_seq;
            if (eng_post(s->eng, ev)) return;   /* the ring is full: the rest waits, in order */
            h->evdone += (eng_event_bytes(ev) + 7) & ~(size_t)7;
            if (ev->type == EV_TABLE && ev->ptr && h->say_done) {
                held_reply(s, h->origin, ENG_REPLY_DONE, "%s", h->addr);
                h->say_done = 0;
            }
        }
        *pp = h->next;
        if (s->held_tail == h) s->held_tail = prev;
        s->nheld--;
        held_free(h);
    }
}

/* A live table on the worker: the request is checked and counted against
 * --table-memory now; the table is posted (and its sender answered) by
 * held_flush once made, and the sender's later commands wait behind it. */
static int table_job(SESSION *s, const ENG_EVENT *tev, int size, int gen, const double *args, int nargs,
                     const char *path, const char *where, SES_ERR *e)
{
    size_t bytes = ((size_t)(size < 0 ? -(int64_t)size : size) + 2) * sizeof(float);
    char msg[160];
    if (over_table_limit(s, tev->instr, bytes, msg, sizeof msg)) return err_at(e, where, "%s", msg);
    struct held *h = held_new(s, e);
    if (!h) return -1;
    if (hold_event(s, tev, e) || !(h->job = tw_submit(s->tw, tev->instr, size, gen, args, nargs, path))) {
        held_drop_tail(s);
        s->cur_held = NULL;
        return err_at(e, where, "out of memory");
    }
    h->job_bytes = bytes;
    s->table_bytes += bytes;
    snprintf(h->addr, sizeof h->addr, "%s", s->cur_addr ? s->cur_addr : "/table/gen");
    const SES_CMD *k = s->cur_addr ? ses_cmd_find(s->cur_addr) : NULL;
    h->say_done = k && k->reply == CMD_REPLY_DONE;
    s->cur_deferred = 1;
    return 0;
}

static int schedule(SESSION *s, ENG_EVENT *ev, SES_ERR *e)
{
    if (s->live) {
        /* live commands count their frames from the block that takes them,
         * unless a time tag named the exact frame */
        if (!s->cur_absolute) ev->flags |= EVF_RELATIVE;
        ev->cmd = s->cur_cmd;
        ev->origin = s->cur_origin;
        s->posted++;
        if (s->batch) return batch_add(s, ev, e);   /* a /score being gathered (all or nothing) */
        if (s->cur_held || held_blocks(s, s->cur_origin)) return hold_event(s, ev, e);
        if (eng_post(s->eng, ev)) return err_at(e, NULL, "the command ring is full: try again");
        return 0;
    }
    if (eng_schedule(s->eng, ev))
        return err_at(e, NULL, "too many events (the queue holds %d)", eng_config(s->eng)->max_events);
    return 0;
}

#define SES_MAX_LIVE_TABLE (1 << 24)
/* points x arguments above which a live table is made on the worker (about
 * a millisecond of sines); a file is always read there */
#define SES_SYNC_TABLE_WORK (1 << 16)
/* `frame`: when it takes effect (a command's own frame: no round trip through seconds, which can
 * land one frame early and swap the table before a note on the same frame). */
static int make_table(SESSION *s, int num, int64_t frame, int size, int gen, const double *args, int nargs,
                      const char *path, const char *where, SES_ERR *e)
{
    char e2[400];
    if (num < 1 || num >= ENG_MAXTABLES)
        return err_at(e, where, "table number %d out of range (1…%d)", num, ENG_MAXTABLES - 1);
    /* While playing, one command may not stall the control thread for
     * seconds and take gigabytes (a UDP packet asked for Csound's 2^28
     * points, found by fuzzing): 2^24 points; files keep Csound's limit. */
    if (s->live && (size > SES_MAX_LIVE_TABLE || size < -SES_MAX_LIVE_TABLE))
        return err_at(e, where, "table size %d too large while playing (at most %d points)", size, SES_MAX_LIVE_TABLE);
    /* every string a table command carries is a file name (GEN 1's today) */
    char resolved[4096];
    if (path && !(path = client_file(s, path, 0, resolved, sizeof resolved, e2, sizeof e2)))
        return err_at(e, where, "%s", e2);
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_TABLE;
    ev.frame = frame;
    ev.instr = num;
    if (s->live && s->tw && s->posted == 0 && !s->batch) {   /* (a /score makes its tables at once: all or nothing, and a job cannot be withdrawn) */
        /* long work (many points x arguments, or a file), or behind a table
         * of the same sender's still being made: the worker makes it.  Only
         * as a command's first event (a /table/gen, not a /score's f after
         * notes it posted): a command is recorded at one frame, so all of it
         * takes effect together */
        int64_t work = (int64_t)(size < 0 ? -(int64_t)size : size) * (nargs > 1 ? nargs : 1);
        if (path || gen == 1 || gen == -1 || work > SES_SYNC_TABLE_WORK || held_blocks(s, s->cur_origin)) {
            if (!s->cur_absolute) ev.flags |= EVF_RELATIVE;
            ev.origin = s->cur_origin;
            s->posted++;
            return table_job(s, &ev, size, gen, args, nargs, path, where, e);
        }
    }
    if (over_table_limit(s, num, ((size_t)(size < 0 ? -(int64_t)size : size) + 2) * sizeof(float), e2, sizeof e2))
        return err_at(e, where, "%s", e2);
    FTABLE *t = eng_make_table(s->eng, num, size, gen, args, nargs, path, e2, sizeof e2);
    if (!t) return err_at(e, where, "%s", e2);
    if (frame <= 0 && !s->live) {
        eng_set_table(s->eng, num, t);
        return 0;
    }
    if (s->live) {
        t->counted = ((size_t)t->size + 1) * sizeof(float);
        s->table_bytes += t->counted;
    }
    ev.ptr = t;
    if (schedule(s, &ev, e)) {
        if (s->live) s->table_bytes -= t->counted;
        ftable_free(t);
        return -1;
    }
    return 0;
}

/* A score's events, its times counted from frame `base` (a /score command's own frame: each
 * event lands at base + its own frame, as live where base is the block that took it). */
static int schedule_score_event(SESSION *s, const SCO_EVENT *e, int64_t base, double offset, int64_t sec_start,
                                int64_t frame, double time, SES_ERR *err);

/* The k-cycle (its first frame) Csound 6.18 --sample-accurate reads a score
 * event at nxtim seconds in, while at k-cycle icur (musmon.c sensevents):
 * floor((nxtim * sr - icur + 0.5 / sr) / ksmps) k-cycles on, never back.
 * (The half of 1/sr it adds to a count of frames moves an event whose time
 * lands a hair before a k-cycle, as 0.582 * 48000 does, into that k-cycle.) */
static int64_t score_block(const SESSION *s, double nxtim, int64_t icur)
{
    double sr = s->hdr.sr;
    int64_t ks = s->hdr.ksmps > 0 ? s->hdr.ksmps : 1;
    double k = floor((nxtim * sr - (double)icur + (1.0 / sr) * 0.5) / (double)ks);
    if (!(k > 0)) return icur;
    if (!(k < 0x1p52) || icur + (int64_t)k * ks > ((int64_t)1 << 62)) return (int64_t)1 << 62;
    return icur + (int64_t)k * ks;
}

/* Whether a score event starts a note with a finite p3 (not a held note, nor a turn-off). */
static int timed_note(const SCO_EVENT *e)
{
    if (e->op != 'i' || !(e->dur > 0)) return 0;
    if (e->instr_name) return e->instr_name[0] != '-';
    return e->p[1] >= 0;
}

/* Sections and starts as Csound 6.18 --sample-accurate times them: each
 * event in the k-cycle score_block gives, at the frame offset its p2's
 * truncated frame has there; a section ends at its s (the k-cycle its time
 * is read in, s 1) or, when later, the first k-cycle in which its timed
 * notes no longer play (eng_csound_end: sensevents waits for them), and
 * the next one starts there (a 0.3 s section at 44100 Hz, ksmps 32, starts
 * the next at frame 13248, not 13230).  *end_read: where the score's e is
 * read (the last section's end, notes aside: the engine waits for those,
 * EV_SCORE_END). */
static int schedule_score(SESSION *s, const SCO *sc, int64_t base, int64_t *end_read, SES_ERR *err)
{
    double offset = (double)base / s->hdr.sr, sr = s->hdr.sr;
    int64_t ks = s->hdr.ksmps > 0 ? s->hdr.ksmps : 1;
    int nsec = sc->nsec > 0 ? sc->nsec : 1;
    /* the events section by section, each in the score's order (a counting sort) */
    int *order = malloc(sizeof *order * (size_t)(sc->n + 1)), *at = calloc((size_t)nsec + 1, sizeof *at);
    if (!order || !at) {
        free(order);
        free(at);
        return err_at(err, NULL, "out of memory");
    }
    for (int i = 0; i < sc->n; i++) at[(sc->ev[i].sec >= 0 && sc->ev[i].sec < nsec ? sc->ev[i].sec : 0) + 1]++;
    for (int k = 0; k < nsec; k++) at[k + 1] += at[k];
    for (int i = 0; i < sc->n; i++) order[at[sc->ev[i].sec >= 0 && sc->ev[i].sec < nsec ? sc->ev[i].sec : 0]++] = i;
    const ENG_CONFIG *cfg = eng_config(s->eng);
    /* a score in sections, queued before the performance: its sections wait in the engine for the notes
     * still playing, instruments' and releases too (EV_SECTION_END); a /score's keep the times placed here */
    s->sectioned = end_read && sc->nsec > 1 && cfg->section_events > 0;
    if (s->sectioned) s->end_sectioned = 1;
    int rc = 0, i = 0;
    double limit = s->live ? SES_HORIZON : SES_MAX_RENDER;   /* (session.h) from now, or a whole render */
    int64_t sec_start = 0, icur = 0;
    double last_start = 0;
    for (int k = 0; k < nsec && !rc; k++) {
        double toffs = (double)sec_start / sr;   /* Csound's timeOffs */
        int64_t sec_end = sec_start, last_frame = sec_start;
        icur = sec_start;
        for (; i < at[k] && !rc; i++) {
            const SCO_EVENT *e = &sc->ev[order[i]];
            if (!(toffs + e->sec_time + e->shift <= limit)) {   /* (NaN too) */
                char where[300];
                snprintf(where, sizeof where, "%s:%d:%d", e->file ? e->file : "score", e->line, e->col);
                rc = err_at(err, where, "the time %g s is beyond the horizon of %g s: no performance is that long",
                            toffs + e->sec_time + e->shift, limit);
                break;
            }
            icur = score_block(s, e->sec_time + toffs, icur);
            double f = e->sec_time * sr;   /* the truncated frame's offset in its k-cycle, as insert's ksmps_offset */
            int64_t frame = icur + (f < 0x1p62 && f > 0 ? (int64_t)f % ks : 0);
            int64_t off;
            if (timed_note(e) && eng_csound_end(cfg, base + sec_start, e->sec_time, e->dur, 0, &off) != INT64_MAX &&
                off - base > sec_end)
                sec_end = off - base;
            rc = schedule_score_event(s, e, base, offset, sec_start, frame, toffs + e->sec_time, err);
            if (frame > last_frame) last_frame = frame;
        }
        double at = k < sc->nsec && sc->sec_at ? sc->sec_at[k] : -1;
        int64_t read = at >= 0 ? score_block(s, at + toffs, icur) : icur;   /* the s (or e): at its time, or after the last event */
        if (read > sec_end) sec_end = read;
        last_start = toffs;
        if (k == nsec - 1 && end_read) *end_read = base + read;
        if (k < nsec - 1 && s->sectioned && !rc) {
            ENG_EVENT ev;
            memset(&ev, 0, sizeof ev);
            ev.type = EV_SECTION_END;
            ev.flags = EVF_SECTIONED;
            ev.frame = base + (read > last_frame ? read : last_frame);   /* after the section's own events */
            ev.t0 = base + sec_end;
            ev.np = 3;
            rc = schedule(s, &ev, err);
        }
        sec_start = sec_end;
    }
    if (!rc && (sc->has_end || sc->end_time > 0)) {
        double end = sc->end_time;
        if (sc->nsec > 0) end = last_start + sc->sec_len[sc->nsec - 1];
        if (!(end <= limit))
            rc = err_at(err, NULL, "the score's end, %g s, is beyond the horizon of %g s: no performance is that long",
                        end, limit);
        else
            extend_end(s, end + offset);
    }
    s->sectioned = 0;
    free(order);
    free(at);
    return rc;
}

/* One score event at frame base + `frame`, of the section starting at frame base + sec_start
 * (`time`: its seconds from the score's start). */
static int schedule_score_event(SESSION *s, const SCO_EVENT *e, int64_t base, double offset, int64_t sec_start,
                                int64_t frame, double time, SES_ERR *err)
{
    {
        char where[300];
        snprintf(where, sizeof where, "%s:%d:%d", e->file ? e->file : "score", e->line, e->col);
        double t = time + offset;
        if (e->op == 'f') {
            int num = sat_int(e->p[1]);
            if (num == 0) { extend_end(s, t + (e->np >= 3 ? e->p[3] : 0)); return 0; }
            if (e->np < 4) return err_at(err, where, "f statement needs a table number, time, size and GEN");
            const char *path = e->pstr && e->np >= 5 ? e->pstr[5] : NULL;
            int gen = sat_int(e->p[4]);
            return make_table(s, num, base + frame, sat_int(e->p[3]), gen, e->p + 5, e->np - 4, path, where, err);
        }
        if (e->op != 'i' && e->op != 'q') return 0;
        ENG_EVENT ev;
        memset(&ev, 0, sizeof ev);
        int num;
        /* d statements and i "-name" turn a held note off: the name without its '-' */
        const char *name = e->instr_name && e->instr_name[0] == '-' && e->op == 'i' ? e->instr_name + 1 : e->instr_name;
        if (name) {
            num = lang_orch_number(s->orch, name);
            if (num < 0) return err_at(err, where, "unknown instrument '%s'", name);
        } else {
            num = sat_int(fabs(e->p[1]));
            char nb[32];
            snprintf(nb, sizeof nb, "%d", num);
            if (lang_orch_number(s->orch, nb) < 0) return err_at(err, where, "unknown instrument '%g'", e->p[1]);
        }
        ev.frame = base + frame;
        ev.issued = base;
        ev.instr = num;
        if (e->op == 'q') {   /* mute (p3 = 0) or unmute instrument num from this time on */
            ev.type = EV_MUTE;
            ev.flags = s->sectioned ? EVF_SECTIONED : 0;
            ev.np = 1;
            ev.p[1] = e->p[3];
            return schedule(s, &ev, err);
        }
        ev.np = e->np;
        for (int k = 1; k <= e->np && k <= EV_MAXP; k++) ev.p[k] = e->p[k];
        if (e->instr_name) ev.p[1] = num;
        ev.p[2] = e->sec_time + e->shift + offset;   /* p2 counts from its section's start, as in Csound */
        ev.flags = EVF_CSOUND | (s->sectioned ? EVF_SECTIONED : 0);   /* its end timed as Csound's, from its section's start */
        ev.t0 = base + sec_start;
        ev.rel = e->sec_time;   /* (an a statement's shift moves its start, not where p3 counts from) */
        ev.p[3] = e->dur;
        if ((e->p[1] < 0 && !e->instr_name) || name != e->instr_name) {
            ev.type = EV_STOP;
            ev.p[1] = name != e->instr_name ? num : -e->p[1];
        } else {
            for (int k = 2; e->pstr && k <= e->np && k <= EV_MAXP; k++)   /* string p-fields (engine.h) */
                if (e->pstr[k] && eng_event_add_string(&ev, k, e->pstr[k]))
                    return err_at(err, where, "the strings of this note take more than its %d p-fields hold",
                                  EV_MAXP);
            ev.type = EV_START;
            if (e->dur > 0) extend_end(s, t + e->dur);
            else extend_end(s, t);
        }
        return schedule(s, &ev, err);
    }
}

/* ---- event-list and OSC commands: one handler each, one row each in the table below ---- */

static int cmd_error(const EVL_CMD *c, int col, SES_ERR *e, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int cmd_error(const EVL_CMD *c, int col, SES_ERR *e, const char *fmt, ...)
{
    memset(e, 0, sizeof *e);
    e->line = c->line;
    e->col = col ? col : c->col;
    snprintf(e->where, sizeof e->where, "%s:%d:%d", c->file, e->line, e->col);
    snprintf(e->addr, sizeof e->addr, "%s", c->addr);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

static int num_arg(const EVL_CMD *c, int i, const char *what, double *v, SES_ERR *e)
{
    if (i >= c->nargs) return cmd_error(c, 0, e, "missing %s (argument %d)", what, i + 1);
    if (c->args[i].type != 'f')
        return cmd_error(c, c->args[i].col, e, "%s must be a number, got \"%s\"", what, c->args[i].s);
    if (!isfinite(c->args[i].f)) return cmd_error(c, c->args[i].col, e, "%s must be a finite number", what);
    *v = c->args[i].f;
    return 0;
}

/* A whole-number argument within [lo, hi] (table numbers, sizes, GENs: never cast out of range). */
static int int_arg(const EVL_CMD *c, int i, const char *what, double lo, double hi, double *v, SES_ERR *e)
{
    if (num_arg(c, i, what, v, e)) return -1;
    if (*v != floor(*v) || *v < lo || *v > hi)
        return cmd_error(c, c->args[i].col, e, "%s must be a whole number from %g to %g", what, lo, hi);
    return 0;
}

int ses_cmd_check(const SES_CMD *k, const EVL_CMD *c, SES_ERR *e)
{
    for (int i = 0; i < CMD_MAXARGS && k->args[i].kind; i++) {
        const CMD_ARG *a = &k->args[i];
        double v;
        if (i >= c->nargs && a->optional) break;
        if (a->kind == 'n' && num_arg(c, i, a->what, &v, e)) return -1;
        if (a->kind == 'i' && int_arg(c, i, a->what, a->lo, a->hi, &v, e)) return -1;
        if (a->kind == 's' && (i >= c->nargs || c->args[i].type != 's')) {
            if (a->missing) return cmd_error(c, 0, e, "%s", a->missing);
            if (i >= c->nargs) return cmd_error(c, 0, e, "missing %s (argument %d)", a->what, i + 1);
            return cmd_error(c, c->args[i].col, e, "%s must be a string, got %g", a->what, c->args[i].f);
        }
        if (a->kind == 'x' && i >= c->nargs) return cmd_error(c, 0, e, "missing %s (argument %d)", a->what, i + 1);
    }
    return 0;
}

static const INSTR_TMPL *tmpl_of(SESSION *s, int num)
{
    for (int i = 0; i < lang_orch_count(s->orch); i++)
        if (lang_orch_get(s->orch, i)->num == num) return lang_orch_get(s->orch, i);
    return NULL;
}

/* A parameter name of an instrument (kmidi = p5, doc/osc.md "Named
 * parameters"), or pN: its p-field index, or -1.  *rate is 'k' for pN and
 * k-rate parameters, 'i' for those read only at i-time. */
static int param_index(const INSTR_TMPL *t, const char *name, char *rate)
{
    *rate = 'k';
    if (name[0] == 'p' && isdigit((unsigned char)name[1])) {
        char *end;
        long k = strtol(name + 1, &end, 10);
        if (!*end && k >= 1 && k <= EV_MAXP) return (int)k;
    }
    if (t)
        for (int i = 0; i < t->nparams; i++)
            if (!strcmp(t->params[i].name, name)) {
                *rate = t->params[i].rate;
                return t->params[i].pindex;
            }
    return -1;
}

/* The instrument's parameters, "kmidi, kamp" (only the k-rate ones if krate_only) */
static void param_list(const INSTR_TMPL *t, int krate_only, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; t && i < t->nparams && used + 2 < len; i++)
        if (!krate_only || t->params[i].rate == 'k')
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", t->params[i].name);
}

/* "instrument 'saw' has no parameter 'kfreq' (it has: kmidi, kamp)" */
static int unknown_param(const EVL_CMD *c, const EVL_ARG *na, const INSTR_TMPL *t, SES_ERR *e)
{
    char buf[300];
    param_list(t, 0, buf, sizeof buf);
    return cmd_error(c, na->col, e, "instrument '%s' has no parameter '%s' (it has: %s)", t ? t->name : "?", na->s,
                     buf[0] ? buf : "none");
}

/* /set or /automate of a parameter read only at i-time (iamp = p4, kx init p5) */
static int itime_param(const EVL_CMD *c, const EVL_ARG *na, const INSTR_TMPL *t, SES_ERR *e)
{
    char buf[300];
    param_list(t, 1, buf, sizeof buf);
    return cmd_error(c, na->col, e,
                     "parameter '%s' of instrument '%s' is read only at i-time (an i-variable, or init): "
                     "/sched gives it, %s cannot change it (its k-rate parameters: %s)",
                     na->s, t ? t->name : "?", c->addr, buf[0] ? buf : "none");
}


/* The frame a command takes effect at, and an event stamped with it (a
 * delay moves ev.frame; ev.issued stays the command's). */
static int64_t cmd_frame(const SESSION *s, const EVL_CMD *c) { return c->has_frame ? c->frame : to_frame(s, c->time); }

static void cmd_event(const SESSION *s, const EVL_CMD *c, ENG_EVENT *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->frame = ev->issued = cmd_frame(s, c);
}


/* Instruments (and opcodes) compiled while playing, or at an event list's
 * frame, and installed at the command's frame.  Recorded as an /instr/orc
 * line of their text, in the order compiled: a name takes the lowest free
 * number (Csound's rule), which depends on everything defined before it, so a
 * re-render compiles the same texts in the same order, each at its frame (not
 * all up front), and numbers every name as this session did. */
static int add_code(SESSION *s, const EVL_CMD *c, const char *text, const char *label, int line0, SES_ERR *e)
{
    char buf[SES_ERR_MAX];
    INSTR_TMPL *made[64];
    int n = lang_orch_add_instruments(s->orch, text, strlen(text), label, line0, made, 64, buf, sizeof buf);
    if (n < 0) return text_error(e, label, buf);
    if (s->rec) {   /* written with the frame the command takes effect at (record_executed) */
        char *line = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&line, &len);
        fputs("/instr/orc ", f);
        write_string(f, text);
        fclose(f);
        /* code defining only opcodes posts nothing, so no frame comes back for it: it is written with the
         * next command's, still before anything compiled after it (it plays nothing itself) */
        pending_push(s, s->cur_cmd, line, n == 0);
    }
    for (int i = 0; i < n; i++) {
        /* its opcodes' shared state (vco2's tables…) made here, off the audio thread */
        if (eng_prepare_instr(s->eng, made[i], buf, sizeof buf)) return err_at(e, NULL, "%s", buf);
        ENG_EVENT ev;
        cmd_event(s, c, &ev);
        ev.type = EV_INSTR;
        ev.instr = made[i]->num;
        ev.ptr = made[i];
        if (schedule(s, &ev, e)) return -1;
    }
    return 0;
}

/* While playing: compile the instruments of an .orc file and swap them in (at c's frame). */
static int live_load(SESSION *s, const char *path, const EVL_CMD *c, SES_ERR *e)
{
    size_t len;
    char buf[SES_ERR_MAX];
    char *text = read_file(path, &len, buf, sizeof buf);
    if (!text) return err_at(e, NULL, "%s", buf);
    int r = add_code(s, c, text, path, 1, e);
    free(text);
    return r;
}

/* /instr/load NAME: a bare name (letters, digits, _) the library has is its instruments/NAME.orc. */
static int library_file(SESSION *s, const char *name, char *out, size_t outlen)
{
    if (!*name || !s->instrdir[0]) return 0;
    for (const char *q = name; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != '_') return 0;
    return (size_t)snprintf(out, outlen, "%s/%s.orc", s->instrdir, name) < outlen && access(out, R_OK) == 0;
}

/* While playing, an instrument named but not defined comes from the library,
 * installed at once: a command of its own (its own frame in the recording,
 * before the one naming it), so a time-tagged /sched keeps its own frame. */
static int live_number(SESSION *s, const char *name)
{
    int num = lang_orch_number(s->orch, name);
    if (num >= 0 || !s->live || !s->instrdir[0]) return num;
    for (const char *q = name; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != '_') return -1;
    char path[2048];
    SES_ERR ignored;
    snprintf(path, sizeof path, "%s/%s.orc", s->instrdir, name);
    if (access(path, R_OK) != 0) return -1;
    static const EVL_CMD now;   /* no time: the next block */
    int absolute = s->cur_absolute, r;
    s->cur_absolute = 0;
    s->cur_cmd = ++s->cmd_seq;
    r = live_load(s, path, &now, &ignored);
    s->cur_absolute = absolute;
    s->cur_cmd = ++s->cmd_seq;   /* the naming command's events and line come after the load's */
    return r ? -1 : lang_orch_number(s->orch, name);
}

/* Whether /sched's argument a, after its p-fields by position, starts the
 * name value pairs: a parameter's name or pN, or a bare word of the form
 * parameter names have (an identifier starting with i or k), so a misspelt
 * name is refused rather than taken as a string p-field.  Any other string
 * ("file.wav", a quoted "kick" in an event list) is a string p-field. */
static int starts_pairs(const INSTR_TMPL *tm, const EVL_ARG *a)
{
    char prate;
    if (a->type != 's') return 0;
    if (param_index(tm, a->s, &prate) >= 0) return 1;
    if (a->quoted || (a->s[0] != 'i' && a->s[0] != 'k')) return 0;
    for (const char *q = a->s; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != '_') return 0;
    return 1;
}

/* /sched id instr delay dur [p4…] [name value…] */
static int run_sched(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    int64_t frame = cmd_frame(s, c);
    double t = (double)frame / s->hdr.sr, id = c->args[0].f, delay = c->args[2].f, dur = c->args[3].f, v = 0;
    ENG_EVENT ev;
    cmd_event(s, c, &ev);
    int num;
    const EVL_ARG *ia = &c->args[1];
    if (ia->type == 's') {
        num = live_number(s, ia->s);
        if (num < 0) return cmd_error(c, ia->col, e, "unknown instrument '%s'", ia->s);
    } else {
        char nb[32];
        /* range first: (int) of 1e34 or NaN is undefined */
        snprintf(nb, sizeof nb, "%d", ia->f >= 1 && ia->f < ENG_MAXINSTR ? (int)ia->f : 0);
        num = lang_orch_number(s->orch, nb);
        if (num < 0 || ia->f != floor(ia->f)) return cmd_error(c, ia->col, e, "unknown instrument %g", ia->f);
    }
    if (id != floor(id) || (id < 1 && id != -1) || id > INT32_MAX)
        return cmd_error(c, c->args[0].col, e, "the event id must be an integer from 1 to %d, or -1", INT32_MAX);
    if (delay < 0) return cmd_error(c, c->args[2].col, e, "the delay cannot be negative");
    if (delay > SES_MAX_TIME) return cmd_error(c, c->args[2].col, e, "the delay is beyond %g seconds", SES_MAX_TIME);
    const INSTR_TMPL *tm = tmpl_of(s, num);
    ev.type = EV_START;
    ev.id = id == -1 ? s->next_id++ : (int)id;
    ev.instr = num;
    ev.frame = frame + to_frame(s, delay);
    ev.p[1] = num;
    ev.p[2] = t + delay;
    ev.p[3] = dur;
    int np = 3;
    int i = 4;
    char prate;
    /* by position: numbers and string p-fields (as a score's "text"), up to
     * the first name of a name value pair (starts_pairs) */
    const EVL_ARG *text[EV_MAXP + 1] = { 0 };   /* p-field k's string, if it is one */
    for (; i < c->nargs && !starts_pairs(tm, &c->args[i]); i++) {
        if (np >= EV_MAXP) return cmd_error(c, c->args[i].col, e, "more than %d p-fields", EV_MAXP);
        if (c->args[i].type == 's') {
            ev.p[++np] = 0;
            text[np] = &c->args[i];
            continue;
        }
        if (!isfinite(c->args[i].f)) return cmd_error(c, c->args[i].col, e, "p%d must be a finite number", np + 1);
        ev.p[++np] = c->args[i].f;
    }
    /* name value pairs: the last value given for a p-field wins; pN may be
     * given a string as by position (a named instrument's as a numbered
     * one's), a parameter (an i- or k-variable) only a number */
    for (; i < c->nargs; i += 2) {
        const EVL_ARG *na = &c->args[i];
        if (na->type != 's') return cmd_error(c, na->col, e, "expected a parameter name, got %g", na->f);
        int k = param_index(tm, na->s, &prate);
        if (k < 0) return unknown_param(c, na, tm, e);
        if (i + 1 < c->nargs && c->args[i + 1].type == 's' && na->s[0] == 'p' && isdigit((unsigned char)na->s[1])) {
            if (k < 4) return cmd_error(c, c->args[i + 1].col, e, "p%d must be a number, not a string", k);
            ev.p[k] = 0;
            text[k] = &c->args[i + 1];
        } else {
            if (num_arg(c, i + 1, "the parameter value", &v, e)) return -1;
            ev.p[k] = v;
            text[k] = NULL;
        }
        if (k > np) np = k;
    }
    ev.np = np;
    for (int k = 4; k <= np; k++)   /* once np is final: the texts go after p[np] (engine.h) */
        if (text[k] && eng_event_add_string(&ev, k, text[k]->s))
            return cmd_error(c, text[k]->col, e, "the strings of this event take more than its %d p-fields hold",
                             EV_MAXP);
    if (schedule(s, &ev, e)) return -1;
    id_set(s, ev.id, num);   /* only once it is on its way: live, the engine's end report removes it */
    res->id = ev.id;
    res->chosen = id == -1;
    extend_end(s, t + delay + (dur > 0 ? dur : 0));
    return 0;
}

/* /set, /automate, /stop, /kill: the event the id names, and its instrument. */
static int event_of(SESSION *s, const EVL_CMD *c, ENG_EVENT *ev, const INSTR_TMPL **tm, SES_ERR *e)
{
    double id = c->args[0].f;
    if (id != floor(id) || id < 1 || id > INT32_MAX)
        return cmd_error(c, c->args[0].col, e, "no event with id %g is playing or waiting to start", id);
    int instr = id_instr(s, sat_int(id));
    if (instr < 0) return cmd_error(c, c->args[0].col, e, "no event with id %g is playing or waiting to start", id);
    *tm = tmpl_of(s, instr);
    cmd_event(s, c, ev);
    ev->id = sat_int(id);
    extend_end(s, (double)ev->frame / s->hdr.sr);
    return 0;
}

/* /stop id [delay], /kill id [delay] */
static int stop_event(SESSION *s, const EVL_CMD *c, int type, SES_ERR *e)
{
    ENG_EVENT ev;
    const INSTR_TMPL *tm;
    if (event_of(s, c, &ev, &tm, e)) return -1;
    ev.type = type;
    if (c->nargs > 1) {
        double v = c->args[1].f;
        if (v < 0 || v > SES_MAX_TIME)
            return cmd_error(c, c->args[1].col, e, "the delay must be from 0 to %g seconds", SES_MAX_TIME);
        ev.frame += to_frame(s, v);
        extend_end(s, (double)ev.issued / s->hdr.sr + v);
    }
    return schedule(s, &ev, e);
}

static int run_stop(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e) { return stop_event(s, c, EV_STOP, e); }
static int run_kill(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e) { return stop_event(s, c, EV_KILL, e); }

/* The parameter name /set and /automate start with. */
static int first_param(const EVL_CMD *c, SES_ERR *e)
{
    if (c->nargs < 2) return cmd_error(c, 0, e, "missing the parameter name");
    if (c->args[1].type != 's') return cmd_error(c, c->args[1].col, e, "expected a parameter name, got %g", c->args[1].f);
    return 0;
}

/* /set id name value … [delay d] */
static int run_set(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    ENG_EVENT ev;
    const INSTR_TMPL *tm;
    double v = 0;
    if (event_of(s, c, &ev, &tm, e) || first_param(c, e)) return -1;
    ev.type = EV_SET;
    int np = 0;
    for (int i = 1; i < c->nargs; i += 2) {
        const EVL_ARG *na = &c->args[i];
        if (na->type != 's') return cmd_error(c, na->col, e, "expected a parameter name, got %g", na->f);
        if (!strcmp(na->s, "delay")) {
            if (num_arg(c, i + 1, "the delay", &v, e)) return -1;
            if (v < 0 || v > SES_MAX_TIME)
                return cmd_error(c, c->args[i + 1].col, e, "the delay must be from 0 to %g seconds", SES_MAX_TIME);
            ev.frame = ev.issued + to_frame(s, v);
            continue;
        }
        char prate;
        int k = param_index(tm, na->s, &prate);
        if (k < 0) return unknown_param(c, na, tm, e);
        if (prate != 'k') return itime_param(c, na, tm, e);
        if (num_arg(c, i + 1, "the parameter value", &v, e)) return -1;
        if (np + 2 > EV_MAXP) return cmd_error(c, na->col, e, "too many parameters");
        ev.p[++np] = k;
        ev.p[++np] = v;
    }
    ev.np = np;
    return schedule(s, &ev, e);
}

/* /automate id name t0 v0 t1 v1 … [mode] [overtake] */
static int run_automate(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    ENG_EVENT ev;
    const INSTR_TMPL *tm;
    double v = 0;
    if (event_of(s, c, &ev, &tm, e) || first_param(c, e)) return -1;
    char prate;
    int k = param_index(tm, c->args[1].s, &prate);
    if (k < 0) return unknown_param(c, &c->args[1], tm, e);
    if (prate != 'k') return itime_param(c, &c->args[1], tm, e);
    ev.type = EV_AUTOMATE;
    ev.p[1] = k;
    ev.p[2] = AUTO_LINEAR;
    int np = 4;
    int i = 2;
    double last_t = -1;
    for (; i + 1 < c->nargs && c->args[i].type == 'f'; i += 2) {
        if (np + 2 > EV_MAXP) return cmd_error(c, c->args[i].col, e, "too many breakpoints");
        if (num_arg(c, i + 1, "a breakpoint value", &v, e)) return -1;
        if (!isfinite(c->args[i].f) || c->args[i].f < 0 || c->args[i].f > SES_MAX_TIME)
            return cmd_error(c, c->args[i].col, e, "a breakpoint time must be from 0 to %g seconds", SES_MAX_TIME);
        if (c->args[i].f < last_t) return cmd_error(c, c->args[i].col, e, "breakpoint times must not go backwards");
        last_t = c->args[i].f;
        ev.p[++np] = c->args[i].f;
        ev.p[++np] = v;
    }
    if (np == 4) return cmd_error(c, 0, e, "no breakpoints (time value pairs)");
    for (; i < c->nargs; i++) {
        const EVL_ARG *m = &c->args[i];
        if (m->type != 's') return cmd_error(c, m->col, e, "a breakpoint time needs a value");
        if (!strcmp(m->s, "linear")) ev.p[2] = AUTO_LINEAR;
        else if (!strcmp(m->s, "cos")) ev.p[2] = AUTO_COS;
        else if (!strcmp(m->s, "smooth")) ev.p[2] = AUTO_SMOOTH;
        else if (!strncmp(m->s, "expon(", 6)) { ev.p[2] = AUTO_EXPON; ev.p[4] = atof(m->s + 6); }
        else if (!strcmp(m->s, "overtake")) ev.p[3] = 1;
        else return cmd_error(c, m->col, e, "unknown curve '%s' (linear, cos, smooth, expon(x), overtake)", m->s);
    }
    ev.np = np;
    extend_end(s, (double)ev.issued / s->hdr.sr + last_t);
    return schedule(s, &ev, e);
}

/* /stopall, /panic */
static int all_events(SESSION *s, const EVL_CMD *c, int type, SES_ERR *e)
{
    ENG_EVENT ev;
    cmd_event(s, c, &ev);
    ev.type = type;
    extend_end(s, (double)ev.frame / s->hdr.sr);
    return schedule(s, &ev, e);
}

static int run_stopall(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e) { return all_events(s, c, EV_STOPALL, e); }
static int run_panic(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e) { return all_events(s, c, EV_PANIC, e); }

/* "file:line:col" of a command, for the errors of what it makes (a table). */
static void cmd_where(const EVL_CMD *c, char *where, size_t n) { snprintf(where, n, "%s:%d:%d", c->file, c->line, c->col); }

/* /table/gen num size gen args… */
static int run_table_gen(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    double args[EV_MAXP];
    int n = 0;
    const char *path = NULL;
    for (int i = 3; i < c->nargs && n < EV_MAXP; i++) {
        if (c->args[i].type == 's') { path = c->args[i].s; args[n++] = 0; }
        else if (num_arg(c, i, "a GEN argument", &args[n++], e)) return -1;
    }
    char where[300];
    cmd_where(c, where, sizeof where);
    return make_table(s, sat_int(c->args[0].f), cmd_frame(s, c), sat_int(c->args[1].f), sat_int(c->args[2].f), args, n,
                      path, where, e);
}

/* /table/read num path [channel] */
static int run_table_read(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    /* GEN 1's p5 (the file, passed as the path), skip time, format (from the header), channel */
    double args[4] = { 0, 0, 0, c->nargs > 2 ? c->args[2].f : 0 };
    char where[300];
    cmd_where(c, where, sizeof where);
    return make_table(s, sat_int(c->args[0].f), cmd_frame(s, c), 0, 1, args, 4, c->args[1].s, where, e);
}

/* /table/free num */
static int run_table_free(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    ENG_EVENT ev;
    cmd_event(s, c, &ev);
    ev.type = EV_TABLE;
    ev.instr = sat_int(c->args[0].f);
    ev.ptr = NULL;
    return schedule(s, &ev, e);
}

/* /score text: its events counted from the command's frame */
static int run_score(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    char label[300], buf[SES_ERR_MAX];
    snprintf(label, sizeof label, "%s:%d (/score)", c->file, c->line);
    SCO sc;
    memset(&sc, 0, sizeof sc);
    if (sco_parse(c->args[0].s, label, 1, &sc, buf, sizeof buf)) return text_error(e, label, buf);
    /* Live, all or nothing: every statement is checked and its event made
     * before any is posted, then the whole score goes as one batch, which one
     * block queues whole (or refuses whole), so each note lands on the frame
     * the recorded line says however long the score. */
    if (s->live) {
        s->batch = calloc(1, sizeof *s->batch + 4096);
        if (!s->batch) return err_at(e, NULL, "out of memory");
        s->batch->cap = 4096;
    }
    int r = schedule_score(s, &sc, cmd_frame(s, c), NULL, e);
    sco_free(&sc);
    ENG_BATCH *b = s->batch;
    s->batch = NULL;
    if (!b) return r;
    if (r || b->n == 0) {
        batch_release(s, b, 1);   /* the tables its f statements made go too */
        s->posted = 0;
        return r;
    }
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_BATCH;
    ev.ptr = b;
    if (schedule(s, &ev, e)) {
        batch_release(s, b, 1);
        return -1;
    }
    return 0;
}

/* /chn/set name value */
static int run_chn_set(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    const char *name = c->args[0].s;
    double v = c->args[1].f;
    size_t nlen = strlen(name);
    if (!strncmp(name, "##", 2))   /* kept for the engine's own use (reserved since 0.1; none are used today) */
        return cmd_error(c, c->args[0].col, e, "channel names beginning with ## are reserved");
    if (nlen >= ENG_CHN_NAMELEN)
        return cmd_error(c, c->args[0].col, e, "channel name longer than %d bytes", ENG_CHN_NAMELEN - 1);
    /* while playing, only the processing thread creates channels (one
     * writer, no lock): a new name travels in the event, created there */
    ENG_CHN *ch = eng_channel(s->eng, name, !s->live);
    if (!ch && !s->live) return cmd_error(c, c->args[0].col, e, "too many channels");
    ENG_EVENT ev;
    cmd_event(s, c, &ev);
    if (ev.frame == 0 && !s->live) { eng_chn_set(ch, v); return 0; }
    ev.type = EV_CHNSET;
    ev.ptr = ch;
    ev.p[1] = v;
    if (!ch) memcpy(&ev.p[2], name, nlen + 1);   /* 63 bytes at most: well inside p[2..] */
    return schedule(s, &ev, e);
}

/* /chn/get name: read here (atomic: the audio thread writes it), answered by the OSC server */
static int run_chn_get(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    ENG_CHN *ch = eng_channel(s->eng, c->args[0].s, 0);
    if (!ch) return cmd_error(c, c->args[0].col, e, "no such channel");
    res->value = eng_chn_get(ch);
    return 0;
}

/* /instr/load path|NAME while playing (an event list's is loaded before compiling: prepare_instr_load) */
static int run_instr_load(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    if (!s->live) return 0;
    /* a library NAME is installed code, not a client's path */
    const char *p = c->args[0].s;
    char lib[2048], resolved[4096];
    if (library_file(s, p, lib, sizeof lib)) return live_load(s, lib, c, e);
    memset(e, 0, sizeof *e);
    if (!(p = client_file(s, p, 1, resolved, sizeof resolved, e->msg, sizeof e->msg))) return -1;
    return live_load(s, p, c, e);
}

/* /instr/def name code at its frame: a redefinition (the first of a name was compiled with the orchestra) */
static int run_instr_def(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    char label[300], why[300];
    snprintf(label, sizeof label, "/instr/def %s", c->args[0].s);
    char *src = lang_instr_source(c->args[0].s, c->args[1].s, why, sizeof why);
    if (!src) return err_at(e, label, "%s", why);
    int r = add_code(s, c, src, label, 0, e);
    free(src);
    return r;
}

/* /instr/orc code at its frame: instrument and opcode definitions (what --record-events writes for every
 * definition made while playing, in the order they were compiled) */
static int run_instr_orc(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    char label[300];
    if (s->live) snprintf(label, sizeof label, "/instr/orc");
    else snprintf(label, sizeof label, "%s:%d: /instr/orc", c->file, c->line);
    return add_code(s, c, c->args[0].s, label, 1, e);
}

/* /notify 0|1: live, the engine always reports ends (eng_report_ends); who hears them is the OSC server's */
static int run_notify(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    res->value = c->args[0].f;
    return 0;
}

/* /sync id, /status: answered by the engine once every earlier command took effect, to whoever asked */
static int post_query(SESSION *s, int type, double id, SES_ERR *e)
{
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.id = sat_int(id);
    ev.p[1] = id;
    ev.frame = EV_NOW;
    ev.origin = s->cur_origin;
    if (eng_post(s->eng, &ev)) return err_at(e, NULL, "the command ring is full: try again");
    return 0;
}

static int run_sync(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    return post_query(s, EV_SYNC, c->args[0].f, e);
}

static int run_status(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e) { return post_query(s, EV_STATUS, 0, e); }

/* ---- the prepare stage: an event list's code and configuration, before compiling ---- */

/* /config name value …: the header a recorded session played with */
static int prepare_config(SESSION *s, EVL_CMD *c, SES_ERR *e)
{
    for (int k = 0; k + 1 < c->nargs; k += 2) {
        double v = 0;
        if (c->args[k].type != 's') return cmd_error(c, c->args[k].col, e, "expected a setting name");
        if (num_arg(c, k + 1, "the value", &v, e)) return -1;
        const char *n = c->args[k].s;
        if (!strcmp(n, "sr") && v > 0) s->opt_sr = v;
        else if (!strcmp(n, "ksmps") && v >= 1) s->opt_ksmps = sat_int(v);
        else if (!strcmp(n, "nchnls") && v >= 1) s->opt_nchnls = sat_int(v);
        else if (!strcmp(n, "nchnls_i") && v >= 0) s->opt_nchnls_i = sat_int(v), s->opt_nchnls_i_set = 1;
        else if (!strcmp(n, "0dbfs") && v > 0) s->opt_dbfs = v;
        else if (!strcmp(n, "A4") && v > 0) s->opt_a4 = v;
        else if (!strcmp(n, "voices") && v >= 1 && v <= (1 << 20)) s->opt_voices = (int)v;
        else if (!strcmp(n, "memory") && v >= 1 && v <= ENG_MEM_MAX_MB) s->opt_memory_mb = (int)v;
        else if (!strcmp(n, "ceiling") && v >= -120 && v <= 24) s->opt_ceiling_db = v, s->opt_ceiling_set = 1;
        else if (!strcmp(n, "limiter") && v >= 0 && v <= ENG_LIM_MAX_MS) s->opt_limiter_ms = v;
        else return cmd_error(c, c->args[k].col, e, "unknown setting '%s' or bad value %g", n, v);
    }
    if (c->nargs % 2) return cmd_error(c, 0, e, "settings come in name value pairs");
    c->consumed = 1;
    return 0;
}

/* /table/wait frame request blocks: live playback waited `blocks` blocks
 * for the table request number `request` of block `frame` (a note's ftgen
 * the worker made); a re-render waits as many (eng_add_table_wait). */
static int prepare_table_wait(SESSION *s, EVL_CMD *c, SES_ERR *e)
{
    void *p = realloc(s->twaits, sizeof *s->twaits * (size_t)(s->ntwaits + 1));
    if (!p) return cmd_error(c, 0, e, "out of memory");
    s->twaits = p;
    s->twaits[s->ntwaits].frame = (int64_t)c->args[0].f;
    s->twaits[s->ntwaits].ord = (int)c->args[1].f;
    s->twaits[s->ntwaits].blocks = (int)c->args[2].f;
    s->ntwaits++;
    c->consumed = 1;
    return 0;
}

/* /orc code */
static int prepare_orc(SESSION *s, EVL_CMD *c, SES_ERR *e)
{
    if (c->nargs != 1) return cmd_error(c, 0, e, "expected the orchestra code (one string)");
    char label[300], buf[SES_ERR_MAX];
    snprintf(label, sizeof label, "%s:%d: /orc", c->file, c->line);
    keep_text(s, "/orc", c->args[0].s);
    if (lang_orch_add(s->orch, c->args[0].s, strlen(c->args[0].s), label, 1, buf, sizeof buf))
        return text_error(e, label, buf);
    c->consumed = 1;
    return 0;
}

/* /instr/load path|NAME */
static int prepare_instr_load(SESSION *s, EVL_CMD *c, SES_ERR *e)
{
    int user = s->user_orch;   /* code loaded by an event list, like /instr/def */
    char lib[2048], buf[SES_ERR_MAX];
    const char *path = library_file(s, c->args[0].s, lib, sizeof lib) ? lib : c->args[0].s;
    if (ses_add_file(s, path, buf, sizeof buf)) return text_error(e, path, buf);
    s->user_orch = user;
    c->consumed = 1;
    return 0;
}

/* /instr/def name code: the first of each name is compiled with the orchestra; a later one is a
 * redefinition at its own frame (run_instr_def) */
static int prepare_instr_def(SESSION *s, EVL_CMD *c, SES_ERR *e)
{
    const char *name = c->args[0].s;
    char label[300], buf[SES_ERR_MAX];
    char *src = lang_instr_source(name, c->args[1].s, buf, sizeof buf);
    if (!src) return cmd_error(c, c->args[0].col, e, "%s", buf);
    if (lang_orch_defines(s->orch, name)) return free(src), 0;
    snprintf(label, sizeof label, "%s:%d: /instr/def %s: code", c->file, c->line, name);
    int r = lang_orch_add(s->orch, src, strlen(src), label, 0, buf, sizeof buf);
    free(src);
    if (r) return text_error(e, label, buf);
    c->consumed = 1;
    return 0;
}

static void keep_orc_name(void *ud, const char *name)
{
    SESSION *s = ud;
    s->orc_names = realloc(s->orc_names, sizeof *s->orc_names * (size_t)(s->norc_names + 1));
    s->orc_names[s->norc_names++] = strdup(name);
}

/* /instr/orc code: compiled at its frame (run_instr_orc); the names it defines are not the library's */
static int prepare_instr_orc(SESSION *s, EVL_CMD *c, SES_ERR *e)
{
    lang_text_instr_names(s->orch, c->args[0].s, strlen(c->args[0].s), keep_orc_name, s);
    return 0;
}

/* ---- the command table (cmd.h): doc/osc.md lists the same rows, tests/unit/test_cmd.c checks both ---- */

#define NUM(what) { 'n', 0, what, 0, 0, NULL }
#define OPTNUM(what) { 'n', 1, what, 0, 0, NULL }
#define INT(what, lo, hi) { 'i', 0, what, lo, hi, NULL }
#define OPTINT(what, lo, hi) { 'i', 1, what, lo, hi, NULL }
#define STR(what, missing) { 's', 0, what, 0, 0, missing }
#define ANY(what) { 'x', 0, what, 0, 0, NULL }
#define TABLE_NUM INT("the table number", 1, ENG_MAXTABLES - 1)
#define DEF_ARG(what) STR(what, "expected an instrument name and its code (two strings)")

static const SES_CMD commands[] = {
    { "/instr/def", "name, code", { DEF_ARG("the instrument name"), DEF_ARG("the code") }, prepare_instr_def,
      run_instr_def, CMD_REPLY_DONE, CMD_UNRECORDED | CMD_CODEPOS, "compile an instrument (off the audio thread) and swap it in" },
    { "/instr/orc", "code", { STR("the code", "expected the instruments' code (one string)") }, prepare_instr_orc,
      run_instr_orc, CMD_REPLY_DONE, CMD_UNRECORDED | CMD_CODEPOS,
      "compile instrument and opcode definitions and swap them in (what --record-events writes for them)" },
    { "/instr/load", "path, or a library NAME", { STR("the path", "missing the path of the .orc file") },
      prepare_instr_load, run_instr_load, CMD_REPLY_DONE, CMD_UNRECORDED, "the instruments of an .orc file" },
    { "/sched", "id, instr, delay, dur, p4…, name value…",
      { NUM("the event id"), ANY("the instrument"), NUM("the delay"), NUM("the duration") }, NULL, run_sched,
      CMD_REPLY_ID, 0, "start an event" },
    { "/set", "id, name value… (or pN value, delay d)", { NUM("the event id") }, NULL, run_set, CMD_REPLY_NONE, 0,
      "change parameters of a playing event" },
    { "/automate", "id, name, t0 v0 t1 v1 …, [mode], [overtake]", { NUM("the event id") }, NULL, run_automate,
      CMD_REPLY_NONE, 0, "breakpoints from now" },
    { "/stop", "id, [delay]", { NUM("the event id"), OPTNUM("the delay") }, NULL, run_stop, CMD_REPLY_NONE, 0,
      "release, then free" },
    { "/kill", "id, [delay]", { NUM("the event id"), OPTNUM("the delay") }, NULL, run_kill, CMD_REPLY_NONE, 0,
      "free at once" },
    { "/stopall", "", { { 0 } }, NULL, run_stopall, CMD_REPLY_NONE, 0, "release every event" },
    { "/panic", "", { { 0 } }, NULL, run_panic, CMD_REPLY_NONE, 0, "silence every event now" },
    { "/table/gen", "num, size, gen, args…",
      { TABLE_NUM, INT("the size", -(1 << 28), 1 << 28), INT("the GEN number", -99, 99) }, NULL, run_table_gen,
      CMD_REPLY_DONE, 0, "a table from a GEN routine (made off the audio thread)" },
    { "/table/read", "num, path, [channel]",
      { TABLE_NUM, STR("the sound file path", "missing the sound file path"), OPTINT("the channel", 0, 64) }, NULL,
      run_table_read, CMD_REPLY_DONE, 0, "a sound file into a table (GEN 1)" },
    { "/table/free", "num", { TABLE_NUM }, NULL, run_table_free, CMD_REPLY_NONE, 0, "free a table" },
    { "/chn/set", "name, value", { STR("the channel name", "missing the channel name"), NUM("the value") }, NULL,
      run_chn_set, CMD_REPLY_NONE, 0, "set a control channel" },
    { "/chn/get", "name", { STR("the channel name", "expected a channel name") }, NULL, run_chn_get, CMD_REPLY_CHN,
      CMD_LIVE | CMD_NO_RING | CMD_UNRECORDED, "read a control channel" },
    { "/score", "text", { STR("the score text", "missing the score text") }, NULL, run_score, CMD_REPLY_NONE, 0,
      "Csound score statements, times from now" },
    { "/sync", "id", { NUM("the sync id") }, NULL, run_sync, CMD_REPLY_SYNCED, CMD_LIVE | CMD_UNRECORDED,
      "answered once every earlier command took effect" },
    { "/status", "", { { 0 } }, NULL, run_status, CMD_REPLY_STATUS, CMD_LIVE | CMD_UNRECORDED, "the engine's state" },
    { "/notify", "0 or 1", { NUM("0 or 1") }, NULL, run_notify, CMD_REPLY_NOTIFY, CMD_LIVE | CMD_UNRECORDED,
      "this sender hears /event/end" },
    { "/quit", "", { { 0 } }, NULL, NULL, CMD_REPLY_QUIT, CMD_LIVE | CMD_NO_RING | CMD_UNRECORDED, "stop ondes" },
    { "/config", "name value…", { { 0 } }, prepare_config, NULL, CMD_REPLY_NONE, CMD_PRELUDE,
      "an event list's header (sr, ksmps, nchnls, 0dbfs, A4, voices, ceiling, limiter)" },
    { "/orc", "code", { STR("the orchestra code", "expected the orchestra code (one string)") }, prepare_orc, NULL,
      CMD_REPLY_NONE, CMD_PRELUDE, "an event list's orchestra code" },
    { "/table/wait", "frame, request, blocks",
      { INT("the frame", 0, 0x1p53), INT("the request number", 0, 1e9), INT("the blocks", 0, TABLE_NEVER) },
      prepare_table_wait, NULL, CMD_REPLY_NONE, CMD_PRELUDE,
      "a recorded session's: the blocks a note's table took to make live (a re-render waits as many)" },
};

const SES_CMD *ses_cmd_table(int *n)
{
    *n = (int)(sizeof commands / sizeof commands[0]);
    return commands;
}

const SES_CMD *ses_cmd_find(const char *addr)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].addr, addr)) return &commands[i];
    return NULL;
}

/* One command at its frame (k: its row, or NULL): the row's checks, then its run stage. */
static int run_command(SESSION *s, const SES_CMD *k, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    if (!k) return cmd_error(c, 0, e, "unknown command");
    /* replies and session control have no effect on a render */
    if ((k->flags & CMD_LIVE) && !s->live) return 0;
    /* code and configuration come before the performance, not in it */
    if (k->flags & CMD_PRELUDE)
        return s->live ? cmd_error(c, 0, e, "only before the performance starts (in an event list)") : 0;
    if (c->consumed) return 0;   /* applied before compiling */
    if (ses_cmd_check(k, c, e)) return -1;
    /* an event list's line time (live, a time tag past the horizon was refused already) */
    double t = c->has_frame ? (double)c->frame / s->hdr.sr : c->time;
    if (!s->live && t > SES_MAX_RENDER)
        return cmd_error(c, 1, e, "the time %g s is beyond the horizon of %g s (a week): no performance is that long",
                         t, SES_MAX_RENDER);
    return k->run ? k->run(s, c, res, e) : 0;
}

/* The prepare stage of every event list's commands, in order, before compiling. */
static int collect_definitions(SESSION *s, SES_ERR *e)
{
    for (int f = 0; f < s->nevfiles; f++)
        for (int i = 0; i < s->evfiles[f].n; i++) {
            EVL_CMD *c = &s->evfiles[f].cmds[i];
            const SES_CMD *k = ses_cmd_find(c->addr);
            if (k && k->prepare && (ses_cmd_check(k, c, e) || k->prepare(s, c, e))) return -1;
        }
    return 0;
}

static int orc_defines(const SESSION *s, const char *name)
{
    for (int i = 0; i < s->norc_names; i++)
        if (!strcmp(s->orc_names[i], name)) return 1;
    return 0;
}

/* Instruments the files name but do not define come from the library (instruments/NAME.orc). */
static int load_library(SESSION *s, const char *dir, char *err, size_t errlen)
{
    if (!dir) return 0;
    for (int f = 0; f < s->nevfiles; f++)
        for (int i = 0; i < s->evfiles[f].n; i++) {
            const EVL_CMD *c = &s->evfiles[f].cmds[i];
            if (strcmp(c->addr, "/sched") || c->nargs < 2 || c->args[1].type != 's') continue;
            const char *name = c->args[1].s;
            if (lang_orch_defines(s->orch, name) || orc_defines(s, name)) continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s.orc", dir, name);
            int user = s->user_orch;   /* library code does not make this an orchestra session */
            if (access(path, R_OK) == 0 && ses_add_file(s, path, err, errlen)) return -1;
            s->user_orch = user;
        }
    return 0;
}

int ses_prepare(SESSION *s, const SES_OPTIONS *o, char *err, size_t errlen)
{
    snprintf(s->instrdir, sizeof s->instrdir, "%s", o->instrdir ? o->instrdir : "");
    SES_ERR e;
    if (collect_definitions(s, &e)) {
        ses_err_format(&e, err, errlen);
        return -1;
    }
    if (load_library(s, o->instrdir, err, errlen)) return -1;
    LANG_HEADER h;
    lang_orch_header(s->orch, &h);
    /* Csound's defaults are 0dbfs 32768, nchnls 1, ksmps 10; a session made of
     * event lists (code from /instr/def and the library) uses csoundengine's:
     * 0dbfs 1, stereo, ksmps 64. */
    if (!s->user_orch) {
        if (!h.set_dbfs) h.dbfs = 1;
        if (!h.set_nchnls) h.nchnls = 2;
        if (!h.set_ksmps && !h.set_kr) h.ksmps = 64;
    }
    if (o->sr_from_jack && h.set_sr && h.sr != o->sr)
        note(s, "ondes: warning: the orchestra's sr %g differs from JACK's %g: playing at JACK's", h.sr, o->sr);
    if (s->opt_sr > 0) h.sr = s->opt_sr;
    if (s->opt_ksmps > 0) h.ksmps = s->opt_ksmps;
    if (s->opt_nchnls > 0) h.nchnls = s->opt_nchnls;
    if (s->opt_dbfs > 0) h.dbfs = s->opt_dbfs;
    if (s->opt_nchnls_i_set) h.nchnls_i = s->opt_nchnls_i, h.set_nchnls_i = 1;
    if (s->opt_a4 > 0) h.a4 = s->opt_a4;
    if (o->sr > 0) h.sr = o->sr;
    if (o->ksmps > 0) h.ksmps = o->ksmps;
    if (o->nchnls > 0) h.nchnls = o->nchnls;
    if (o->dbfs > 0) h.dbfs = o->dbfs;
    if (h.set_kr && h.set_ksmps && !o->ksmps && !o->sr && fabs(h.sr / h.ksmps - h.kr) > 1e-6) {
        snprintf(err, errlen, "sr (%g) / ksmps (%d) does not equal kr (%g)", h.sr, h.ksmps, h.kr);
        return -1;
    }
    s->hdr = h;
    if (lang_orch_compile(s->orch, &h, err, errlen)) return -1;
    if (s->failed) {   /* the files' errors were reported when they were read; compiling found no more */
        if (errlen) err[0] = 0;
        return -1;
    }

    ENG_CONFIG cfg;
    eng_config_default(&cfg);
    cfg.sr = h.sr;
    cfg.ksmps = h.ksmps;
    cfg.nchnls = h.nchnls;
    cfg.nchnls_i = h.nchnls_i;
    cfg.dbfs = h.dbfs;
    cfg.a4 = h.a4;
    /* the command line first, then a recorded session's /config */
    double ceiling_db = !isnan(o->ceiling_db) ? o->ceiling_db : s->opt_ceiling_set ? s->opt_ceiling_db : 0;
    cfg.ceiling = pow(10.0, ceiling_db / 20.0);
    cfg.limiter_ms = o->limiter_ms > 0 ? o->limiter_ms : s->opt_limiter_ms;
    if (o->max_voices > 0) cfg.max_voices = o->max_voices;
    else if (s->opt_voices > 0) cfg.max_voices = s->opt_voices;
    if (o->memory_mb > 0) cfg.mem_bytes = (size_t)o->memory_mb << 20;
    else if (s->opt_memory_mb > 0) cfg.mem_bytes = (size_t)s->opt_memory_mb << 20;
    size_t gb = lang_orch_global_bytes(s->orch) + 1024;
    if (gb > cfg.global_bytes) cfg.global_bytes = gb;
    int nev = 0;
    for (int i = 0; i < s->nscores; i++) nev += s->scores[i].n;
    for (int i = 0; i < s->nevfiles; i++) nev += s->evfiles[i].n;
    if (nev + 1024 > cfg.max_events) cfg.max_events = nev + 1024;
    for (int i = 0; i < s->nscores; i++)   /* scores in sections wait in their own queue (EVF_SECTIONED) */
        if (s->scores[i].nsec > 1) cfg.section_events += s->scores[i].n + s->scores[i].nsec + 1;
    s->eng = eng_new(&cfg, err, errlen);
    if (!s->eng) return -1;
    s->table_limit = (size_t)(o->table_memory_mb > 0 ? o->table_memory_mb : SES_TABLE_MEM_DEFAULT_MB) << 20;
    for (int i = 0; i < s->ntwaits; i++) eng_add_table_wait(s->eng, s->twaits[i].frame, s->twaits[i].ord,
                                                             s->twaits[i].blocks);
    eng_set_filedir(s->eng, s->filedir);
    for (int i = 0; i < lang_orch_count(s->orch); i++) {
        INSTR_TMPL *t = lang_orch_get(s->orch, i);
        eng_set_instr(s->eng, t->num, t);
        /* its opcodes' shared state (vco2's tables…) made here, not in a note's init */
        if (eng_prepare_instr(s->eng, t, err, errlen)) return -1;
    }
    if (lang_orch_instr0(s->orch)) {
        int r = eng_run_instr0(s->eng, lang_orch_instr0(s->orch));
        char msg[4096];
        size_t n = eng_msg_read(s->eng, msg, sizeof msg - 1);
        msg[n] = 0;
        if (r) {
            snprintf(err, errlen, "%s", n ? msg : "error in the orchestra header code");
            size_t l = strlen(err);
            if (l && err[l - 1] == '\n') err[l - 1] = 0;
            return -1;
        }
        if (n && msg[n - 1] == '\n') msg[--n] = 0;   /* note() ends the line */
        if (n) note(s, "%s", msg);
    }
    SES_RESULT res;
    int r = 0;
    for (int i = 0; i < s->nscores && !r; i++) {
        int64_t end = 0;
        r = schedule_score(s, &s->scores[i], 0, &end, &e);
        if (s->scores[i].n > 0 || s->scores[i].has_end) {   /* a Csound score, which ends (ses_score_end) */
            if (!s->has_score_end || end > s->score_end) s->score_end = end;
            s->has_score_end = 1;
        }
    }
    for (int f = 0; f < s->nevfiles && !r; f++)
        for (int i = 0; i < s->evfiles[f].n && !r; i++) {
            const EVL_CMD *c = &s->evfiles[f].cmds[i];
            r = run_command(s, ses_cmd_find(c->addr), c, &res, &e);
        }
    if (r) ses_err_format(&e, err, errlen);
    return r;
}

int ses_go_live(SESSION *s, char *err, size_t errlen)
{
    s->tw = tw_new(s->eng, err, errlen);   /* the table worker, made once */
    if (!s->tw) return -1;
    s->live = 1;
    eng_report_ends(s->eng);   /* ids leave the table when their events are over */
    return 0;
}


/* ---- --record-events: every command that took effect, stamped with its exact frame ---- */

int ses_record_events(SESSION *s, const char *path, char *err, size_t errlen)
{
    s->rec = fopen(path, "w");
    if (!s->rec) {
        snprintf(err, errlen, "cannot open '%s' for writing: %s", path, strerror(errno));
        return -1;
    }
    const ENG_CONFIG *c = eng_config(s->eng);
    fprintf(s->rec, "# ondes event list, recorded live: render it with ondes --render OUT.wav THIS_FILE\n");
    /* everything a re-render needs to give the same samples: the voice pool
     * and the note memory (which notes were refused) and the master (ceiling, limiter) too */
    fprintf(s->rec, "@0 /config sr %.17g ksmps %d nchnls %d nchnls_i %d 0dbfs %.17g A4 %.17g voices %d memory %zu"
            " ceiling %.17g limiter %.17g\n", c->sr, c->ksmps, c->nchnls, c->nchnls_i, c->dbfs, c->a4, c->max_voices,
            c->mem_bytes >> 20, 20 * log10(c->ceiling), c->limiter_ms);
    for (int i = 0; i < s->ntexts; i++) {
        const char *kind = s->texts[i];
        fprintf(s->rec, "@0 %s ", kind);
        write_string(s->rec, kind + strlen(kind) + 1);
        fputc('\n', s->rec);
    }
    fflush(s->rec);
    return 0;
}

/* The command as a line of an event list (an engine-chosen id written as the id it got). */
static char *command_line(const EVL_CMD *c, const SES_RESULT *res)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs(c->addr, f);
    for (int i = 0; i < c->nargs; i++) {
        fputc(' ', f);
        if (i == 0 && res->chosen)
            fprintf(f, "%d", res->id);
        else if (c->args[i].type == 'f')
            fprintf(f, "%.17g", c->args[i].f);
        else
            write_string(f, c->args[i].s);
    }
    fclose(f);
    return buf;
}

static void record_executed(SESSION *s, uint32_t seq, int64_t frame)
{
    while (s->npend > 0) {
        struct pending *p = &s->pend[s->pend_head];
        if (p->seq > seq) break;
        if ((p->seq == seq || p->always) && s->rec) fprintf(s->rec, "@%lld %s\n", (long long)frame, p->line);
        free(p->line);
        s->pend_head = (s->pend_head + 1) % s->cappend;
        s->npend--;   /* on: a command may have several lines (the code a /sched loaded, then the /sched) */
    }
    if (s->rec) fflush(s->rec);
}

/* A note's table request, live: asked (blocks -1), then answered after
 * `blocks` blocks, which a re-render must wait too: a /table/wait line (a
 * prelude: read before the render starts, wherever it is in the file). */
static void table_waited(SESSION *s, int64_t frame, int ord, int blocks)
{
    if (!s->rec) return;
    if (blocks < 0) {
        void *p = realloc(s->asked, sizeof *s->asked * (size_t)(s->nasked + 1));
        if (!p) return;
        s->asked = p;
        s->asked[s->nasked].frame = frame;
        s->asked[s->nasked++].ord = ord;
        return;
    }
    for (int i = 0; i < s->nasked; i++)
        if (s->asked[i].frame == frame && s->asked[i].ord == ord) {
            s->asked[i] = s->asked[--s->nasked];
            break;
        }
    fprintf(s->rec, "@0 /table/wait %lld %d %d\n", (long long)frame, ord, blocks);
    fflush(s->rec);
}

static void pending_push(SESSION *s, uint32_t seq, char *line, int always)
{
    if (s->npend == s->cappend) {   /* grow, keeping FIFO order */
        int cap = s->cappend ? s->cappend * 2 : 256;
        struct pending *np = malloc(sizeof *np * (size_t)cap);
        for (int i = 0; i < s->npend; i++) np[i] = s->pend[(s->pend_head + i) % s->cappend];
        free(s->pend);
        s->pend = np;
        s->cappend = cap;
        s->pend_head = 0;
    }
    s->pend[(s->pend_head + s->npend) % s->cappend] = (struct pending){ seq, line, always };
    s->npend++;
}

int ses_command(SESSION *s, const EVL_CMD *c, SES_RESULT *res, SES_ERR *e)
{
    memset(res, 0, sizeof *res);
    s->cur_absolute = c->has_frame;
    s->cur_cmd = ++s->cmd_seq;
    s->cur_origin = c->origin;
    s->posted = 0;
    s->cur_held = NULL;
    s->cur_deferred = 0;
    s->cur_addr = c->addr;
    const SES_CMD *k = ses_cmd_find(c->addr);
    int r = run_command(s, k, c, res, e);
    s->cur_absolute = 0;
    /* what reaches the engine is recorded once the engine says at which
     * frame; a held command's line waits in its item (held_flush) */
    if (r == 0 && s->rec && s->posted && k && !(k->flags & CMD_UNRECORDED)) {
        if (s->cur_held) s->cur_held->line = command_line(c, res);
        else pending_push(s, s->cur_cmd, command_line(c, res), 0);
    }
    if (r != 0 && s->cur_held) held_drop_tail(s);   /* refused: none of it happens */
    res->deferred = r == 0 && s->cur_deferred;
    s->cur_held = NULL;
    s->cur_addr = NULL;
    s->cur_cmd = 0;
    return r;
}

/* ---- the engine's replies: one reader for every driver ---- */

void ses_set_reply_sink(SESSION *s, ses_reply_fn fn, void *ud)
{
    s->sink = fn;
    s->sink_ud = ud;
}

/* Ended events: the id table, then the sink (/event/end for one that played). */
static void drain_ends(SESSION *s)
{
    int32_t id;
    int never;
    while (eng_end_read(s->eng, &id, &never)) {
        event_ended(s, id);
        if (!s->sink) continue;
        ENG_REPLY r;
        memset(&r, 0, sizeof r);
        r.type = ENG_REPLY_END;
        r.id = id;
        r.v[0] = never;
        r.count = 1;
        s->sink(s->sink_ud, &r);
    }
}

void ses_drain_replies(SESSION *s)
{
    ENG_REPLY r;
    if (s->held_head) held_flush(s);
    while (eng_reply_read(s->eng, &r)) {
        switch (r.type) {
        case ENG_REPLY_EXEC: record_executed(s, (uint32_t)r.id, r.frame); continue;
        case ENG_REPLY_FREE_TABLE:
            s->table_bytes -= ((FTABLE *)r.ptr)->counted;
            ftable_free(r.ptr);
            continue;
        case ENG_REPLY_TABLE_WAIT: table_waited(s, r.frame, r.id, (int)r.v[0]); continue;
        case ENG_REPLY_FREE_INSTR: lang_orch_free_retired(s->orch, r.ptr); continue;
        case ENG_REPLY_FREE_BATCH: batch_release(s, r.ptr, r.v[0] != 0); continue;
        }
        drain_ends(s);   /* the ends the engine published before this reply go first */
        if (s->sink) s->sink(s->sink_ud, &r);   /* SYNCED, STATUS, FAIL: the clients' */
    }
    drain_ends(s);
}
