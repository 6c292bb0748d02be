/* session.c — loads .orc/.sco/.csd/event-list files, compiles them and schedules their events on an engine. */
#include "session.h"
#include "../lang/orch.h"
#include "../lang/score.h"
#include "../lang/csd.h"
#include "../lang/evlist.h"
#include "../engine/ftable.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

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
    IDMAP *ids;            /* open addressing, linear probing; capids a power of two */
    int nids, capids;
    int next_id;
    char *notes;
    size_t notes_len;
    int nfiles;
    char filedir[1024];    /* the first file's folder: where Csound looks for sound files too */
    int user_orch;         /* an .orc or .csd was given (not only event lists) */
    int live;              /* commands go through the engine's ring (a driver is processing) */
    int last_id;           /* the id the last /sched got (-1 asks the engine to choose) */
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
    /* texts loaded at start, kept for --record-events */
    char **texts;          /* "/orc" or "/score" then a NUL then the text */
    int ntexts;
    /* --record-events: the commands posted, waiting for the frame they took effect at */
    FILE *rec;
    uint32_t cmd_seq, cur_cmd;
    uint32_t cur_origin;              /* the sender of the command being run (EVL_CMD.origin) */
    int posted;            /* events the current command posted */
    struct pending { uint32_t seq; char *line; } *pend;
    int npend, cappend, pend_head;
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

void ses_free(SESSION *s)
{
    if (!s) return;
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
    for (int i = 0; i < s->npend; i++) free(s->pend[(s->pend_head + i) % s->cappend].line);
    free(s->pend);
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

/* Text files are regular files of at most 64 MB: a device or FIFO named by a
 * network client (/instr/load "/dev/zero", found by fuzzing) must neither
 * fill memory nor block the control thread, so the file is opened without
 * blocking and checked before it is read. */
#define SES_MAX_TEXT ((size_t)64 << 20)
static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size > SES_MAX_TEXT) {
        snprintf(err, errlen, "cannot open '%s': %s", path,
                 S_ISREG(st.st_mode) ? "larger than 64 MB" : "not a regular file");
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (n <= SES_MAX_TEXT && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 >= cap) buf = realloc(buf, cap *= 2);
    }
    int bad = ferror(f) || n > SES_MAX_TEXT;
    fclose(f);
    if (bad) {
        free(buf);
        snprintf(err, errlen, "cannot read '%s'", path);
        return NULL;
    }
    buf[n] = 0;
    if (memchr(buf, 0, n)) {
        free(buf);
        snprintf(err, errlen, "%s: not a text file", path);
        return NULL;
    }
    *len = n;
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
        if (csd_read(path, &c, err, errlen)) return -1;
        int r = 0;
        if (c.options) csd_options(s, c.options, path, c.options_line);
        if (c.orc) {
            char *x = lang_expand_includes(c.orc, strlen(c.orc), path, 0);
            keep_text(s, "/orc", x);
            free(x);
            r = lang_orch_add(s->orch, c.orc, strlen(c.orc), path, c.orc_line, err, errlen);
        }
        if (!r && c.sco) r = add_score(s, c.sco, path, c.sco_line, err, errlen);
        csd_free(&c);
        s->nfiles++;
        return r;
    }
    size_t len;
    char *text = read_file(path, &len, err, errlen);
    if (!text) return -1;
    int r;
    if (!strcasecmp(ext, "orc") || !strcasecmp(ext, "udo") || !strcasecmp(ext, "inc")) {
        char *x = lang_expand_includes(text, len, path, 0);
        keep_text(s, "/orc", x);
        free(x);
        r = lang_orch_add(s->orch, text, len, path, 1, err, errlen);
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
    return r;
}

/* ---- event ids (control side): which instrument each id plays ---- */

/* Which instrument each event id plays, for /set's parameter names.  A hash
 * table (linear probing) so a long session's notes cost O(1) each; live, an id
 * leaves it when the engine says its events are over (ses_event_ended), so an
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

void ses_instr_retired(SESSION *s, const INSTR_TMPL *t) { lang_orch_free_retired(s->orch, t); }

void ses_event_ended(SESSION *s, int id)
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

/* ---- scheduling ---- */

/* Csound's --sample-accurate start: the frame p2·sr truncated (0.7 s at 44.1 kHz is frame 30869).
 * Clamped to ±2^62 frames (millions of years) so no time overflows int64; callers refuse
 * times beyond SES_MAX_TIME before they get here. */
#define SES_MAX_TIME 1e9
static int64_t to_frame(const SESSION *s, double t)
{
    double f = t * s->hdr.sr;
    return f < 0x1p62 ? (f > -0x1p62 ? (int64_t)f : -((int64_t)1 << 62)) : (int64_t)1 << 62;
}

static void extend_end(SESSION *s, double t)
{
    if (t > s->end_time) s->end_time = t;
}

static int schedule(SESSION *s, ENG_EVENT *ev, char *err, size_t errlen)
{
    if (s->live) {
        /* live commands count their frames from the block that takes them,
         * unless a time tag named the exact frame */
        if (!s->cur_absolute) ev->flags |= EVF_RELATIVE;
        ev->cmd = s->cur_cmd;
        ev->origin = s->cur_origin;
        s->posted++;
        if (eng_post(s->eng, ev)) {
            snprintf(err, errlen, "the command ring is full: try again");
            return -1;
        }
        return 0;
    }
    if (eng_schedule(s->eng, ev)) {
        snprintf(err, errlen, "too many events (the queue holds %d)", eng_config(s->eng)->max_events);
        return -1;
    }
    return 0;
}

#define SES_MAX_LIVE_TABLE (1 << 24)
/* `frame`: when it takes effect (a command's own frame: no round trip through seconds, which can
 * land one frame early and swap the table before a note on the same frame). */
static int make_table(SESSION *s, int num, int64_t frame, int size, int gen, const double *args, int nargs,
                      const char *path, const char *where, char *err, size_t errlen)
{
    char e2[400];
    if (num < 1 || num >= ENG_MAXTABLES) {
        snprintf(err, errlen, "%s: error: table number %d out of range (1…%d)", where, num, ENG_MAXTABLES - 1);
        return -1;
    }
    /* While playing, one command may not stall the control thread for
     * seconds and take gigabytes (a UDP packet asked for Csound's 2^28
     * points, found by fuzzing): 2^24 points; files keep Csound's limit. */
    if (s->live && (size > SES_MAX_LIVE_TABLE || size < -SES_MAX_LIVE_TABLE)) {
        snprintf(err, errlen, "%s: error: table size %d too large while playing (at most %d points)", where, size,
                 SES_MAX_LIVE_TABLE);
        return -1;
    }
    /* every string a table command carries is a file name (GEN 1's today) */
    char resolved[4096];
    if (path && !(path = client_file(s, path, 0, resolved, sizeof resolved, e2, sizeof e2))) {
        snprintf(err, errlen, "%s: error: %s", where, e2);
        return -1;
    }
    FTABLE *t = eng_make_table(s->eng, num, size, gen, args, nargs, path, e2, sizeof e2);
    if (!t) {
        snprintf(err, errlen, "%s: error: %s", where, e2);
        return -1;
    }
    if (frame <= 0 && !s->live) {
        eng_set_table(s->eng, num, t);
        return 0;
    }
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_TABLE;
    ev.frame = frame;
    ev.instr = num;
    ev.ptr = t;
    return schedule(s, &ev, err, errlen);
}

/* A score's events, its times counted from frame `base` (a /score command's own frame: each
 * event lands at base + its own frame, as live where base is the block that took it). */
static int schedule_score(SESSION *s, const SCO *sc, int64_t base, char *err, size_t errlen)
{
    double offset = (double)base / s->hdr.sr;
    for (int i = 0; i < sc->n; i++) {
        const SCO_EVENT *e = &sc->ev[i];
        char where[300];
        snprintf(where, sizeof where, "%s:%d:%d", e->file ? e->file : "score", e->line, e->col);
        double t = e->time + offset;
        if (e->op == 'f') {
            int num = sat_int(e->p[1]);
            if (num == 0) { extend_end(s, t + (e->np >= 3 ? e->p[3] : 0)); continue; }
            if (e->np < 4) {
                snprintf(err, errlen, "%s: error: f statement needs a table number, time, size and GEN", where);
                return -1;
            }
            const char *path = e->pstr && e->np >= 5 ? e->pstr[5] : NULL;
            int gen = sat_int(e->p[4]);
            if (make_table(s, num, base + to_frame(s, e->time), sat_int(e->p[3]), gen, e->p + 5, e->np - 4, path, where, err, errlen)) return -1;
            continue;
        }
        if (e->op != 'i') continue;
        ENG_EVENT ev;
        memset(&ev, 0, sizeof ev);
        int num;
        if (e->instr_name) {
            num = lang_orch_number(s->orch, e->instr_name);
            if (num < 0) {
                snprintf(err, errlen, "%s: error: unknown instrument '%s'", where, e->instr_name);
                return -1;
            }
        } else {
            num = sat_int(fabs(e->p[1]));
            char nb[32];
            snprintf(nb, sizeof nb, "%d", num);
            if (lang_orch_number(s->orch, nb) < 0) {
                snprintf(err, errlen, "%s: error: unknown instrument '%g'", where, e->p[1]);
                return -1;
            }
        }
        ev.frame = base + to_frame(s, e->time);
        ev.issued = base;
        ev.instr = num;
        ev.np = e->np;
        for (int k = 1; k <= e->np && k <= EV_MAXP; k++) ev.p[k] = e->p[k];
        if (e->instr_name) ev.p[1] = num;
        ev.p[2] = t;
        ev.p[3] = e->dur;
        if (e->p[1] < 0 && !e->instr_name) {
            ev.type = EV_STOP;
            ev.p[1] = -e->p[1];
        } else {
            ev.type = EV_START;
            if (e->dur > 0) extend_end(s, t + e->dur);
            else extend_end(s, t);
        }
        if (schedule(s, &ev, err, errlen)) return -1;
    }
    if (sc->has_end || sc->end_time > 0) extend_end(s, sc->end_time + offset);
    return 0;
}

/* ---- event-list commands ---- */

static int cmd_error(const EVL_CMD *c, int col, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int cmd_error(const EVL_CMD *c, int col, char *err, size_t errlen, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s:%d:%d: error: %s: %s", c->file, c->line, col ? col : c->col, c->addr, msg);
    return -1;
}

static int num_arg(const EVL_CMD *c, int i, const char *what, double *v, char *err, size_t errlen)
{
    if (i >= c->nargs) return cmd_error(c, 0, err, errlen, "missing %s (argument %d)", what, i + 1);
    if (c->args[i].type != 'f')
        return cmd_error(c, c->args[i].col, err, errlen, "%s must be a number, got \"%s\"", what, c->args[i].s);
    if (!isfinite(c->args[i].f)) return cmd_error(c, c->args[i].col, err, errlen, "%s must be a finite number", what);
    *v = c->args[i].f;
    return 0;
}

/* A whole-number argument within [lo, hi] (table numbers, sizes, GENs: never cast out of range). */
static int int_arg(const EVL_CMD *c, int i, const char *what, double lo, double hi, double *v, char *err, size_t errlen)
{
    if (num_arg(c, i, what, v, err, errlen)) return -1;
    if (*v != floor(*v) || *v < lo || *v > hi)
        return cmd_error(c, c->args[i].col, err, errlen, "%s must be a whole number from %g to %g", what, lo, hi);
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
static int unknown_param(const EVL_CMD *c, const EVL_ARG *na, const INSTR_TMPL *t, char *err, size_t errlen)
{
    char buf[300];
    param_list(t, 0, buf, sizeof buf);
    return cmd_error(c, na->col, err, errlen, "instrument '%s' has no parameter '%s' (it has: %s)",
                     t ? t->name : "?", na->s, buf[0] ? buf : "none");
}

/* /set or /automate of a parameter read only at i-time (iamp = p4, kx init p5) */
static int itime_param(const EVL_CMD *c, const EVL_ARG *na, const INSTR_TMPL *t, char *err, size_t errlen)
{
    char buf[300];
    param_list(t, 1, buf, sizeof buf);
    return cmd_error(c, na->col, err, errlen,
                     "parameter '%s' of instrument '%s' is read only at i-time (an i-variable, or init): "
                     "/sched gives it, %s cannot change it (its k-rate parameters: %s)",
                     na->s, t ? t->name : "?", c->addr, buf[0] ? buf : "none");
}

/* While playing: compile the instruments of an .orc file and swap them in. */
static int live_load(SESSION *s, const char *path, char *err, size_t errlen)
{
    size_t len;
    char *text = read_file(path, &len, err, errlen);
    if (!text) return -1;
    INSTR_TMPL *made[64];
    int n = lang_orch_add_instruments(s->orch, text, len, path, 1, made, 64, err, errlen);
    if (n > 0 && s->rec) {   /* instruments only: a re-render compiles them up front */
        fputs("@0 /orc ", s->rec);
        write_string(s->rec, text);
        fputc('\n', s->rec);
    }
    free(text);
    for (int i = 0; i < n; i++) {
        /* its opcodes' shared state (vco2's tables…) made here, off the audio thread */
        if (eng_prepare_instr(s->eng, made[i], err, errlen)) return -1;
        /* installed at the next block, not part of the command that named it
         * (a recorded event list carries the code as an /orc line) */
        ENG_EVENT ev;
        memset(&ev, 0, sizeof ev);
        ev.type = EV_INSTR;
        ev.frame = EV_NOW;
        ev.instr = made[i]->num;
        ev.ptr = made[i];
        if (eng_post(s->eng, &ev)) {
            snprintf(err, errlen, "the command ring is full: try again");
            return -1;
        }
    }
    return n < 0 ? -1 : 0;
}

/* /instr/load NAME: a bare name (letters, digits, _) the library has is its instruments/NAME.orc. */
static int library_file(SESSION *s, const char *name, char *out, size_t outlen)
{
    if (!*name || !s->instrdir[0]) return 0;
    for (const char *q = name; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != '_') return 0;
    return (size_t)snprintf(out, outlen, "%s/%s.orc", s->instrdir, name) < outlen && access(out, R_OK) == 0;
}

/* While playing, an instrument named but not defined comes from the library. */
static int live_number(SESSION *s, const char *name)
{
    int num = lang_orch_number(s->orch, name);
    if (num >= 0 || !s->live || !s->instrdir[0]) return num;
    for (const char *q = name; *q; q++)
        if (!isalnum((unsigned char)*q) && *q != '_') return -1;
    char path[2048], e2[512];
    snprintf(path, sizeof path, "%s/%s.orc", s->instrdir, name);
    if (access(path, R_OK) != 0 || live_load(s, path, e2, sizeof e2)) return -1;
    return lang_orch_number(s->orch, name);
}

static int run_command(SESSION *s, const EVL_CMD *c, char *err, size_t errlen)
{
    int64_t frame = c->has_frame ? c->frame : to_frame(s, c->time);
    double t = (double)frame / s->hdr.sr;
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.frame = ev.issued = frame;   /* a delay moves frame; issued stays the command's */
    const char *a = c->addr;
    double v = 0;
    if (!strcmp(a, "/sched")) {
        double id = 0, delay = 0, dur = 0;
        if (num_arg(c, 0, "the event id", &id, err, errlen)) return -1;
        if (c->nargs < 2) return cmd_error(c, 0, err, errlen, "missing the instrument (argument 2)");
        int num;
        const EVL_ARG *ia = &c->args[1];
        if (ia->type == 's') {
            num = live_number(s, ia->s);
            if (num < 0) return cmd_error(c, ia->col, err, errlen, "unknown instrument '%s'", ia->s);
        } else {
            char nb[32];
            /* range first: (int) of 1e34 or NaN is undefined */
            snprintf(nb, sizeof nb, "%d", ia->f >= 1 && ia->f < ENG_MAXINSTR ? (int)ia->f : 0);
            num = lang_orch_number(s->orch, nb);
            if (num < 0 || ia->f != floor(ia->f))
                return cmd_error(c, ia->col, err, errlen, "unknown instrument %g", ia->f);
        }
        if (num_arg(c, 2, "the delay", &delay, err, errlen) || num_arg(c, 3, "the duration", &dur, err, errlen))
            return -1;
        if (id != floor(id) || (id < 1 && id != -1) || id > INT32_MAX)
            return cmd_error(c, c->args[0].col, err, errlen, "the event id must be an integer from 1 to %d, or -1",
                             INT32_MAX);
        if (delay < 0) return cmd_error(c, c->args[2].col, err, errlen, "the delay cannot be negative");
        if (delay > SES_MAX_TIME)
            return cmd_error(c, c->args[2].col, err, errlen, "the delay is beyond %g seconds", SES_MAX_TIME);
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
        for (; i < c->nargs && c->args[i].type == 'f'; i++) {
            if (np >= EV_MAXP) return cmd_error(c, c->args[i].col, err, errlen, "more than %d p-fields", EV_MAXP);
            if (!isfinite(c->args[i].f))
                return cmd_error(c, c->args[i].col, err, errlen, "p%d must be a finite number", np + 1);
            ev.p[++np] = c->args[i].f;
        }
        /* name value pairs */
        for (; i < c->nargs; i += 2) {
            const EVL_ARG *na = &c->args[i];
            if (na->type != 's')
                return cmd_error(c, na->col, err, errlen, "expected a parameter name, got %g", na->f);
            char prate;
            int k = param_index(tm, na->s, &prate);
            if (k < 0) return unknown_param(c, na, tm, err, errlen);
            if (num_arg(c, i + 1, "the parameter value", &v, err, errlen)) return -1;
            ev.p[k] = v;
            if (k > np) np = k;
        }
        ev.np = np;
        if (schedule(s, &ev, err, errlen)) return -1;
        id_set(s, ev.id, num);   /* only once it is on its way: live, the engine's end report removes it */
        s->last_id = ev.id;
        extend_end(s, t + delay + (dur > 0 ? dur : 0));
        return 0;
    }
    if (!strcmp(a, "/set") || !strcmp(a, "/automate") || !strcmp(a, "/stop") || !strcmp(a, "/kill")) {
        double id = 0;
        if (num_arg(c, 0, "the event id", &id, err, errlen)) return -1;
        if (id != floor(id) || id < 1 || id > INT32_MAX)
            return cmd_error(c, c->args[0].col, err, errlen, "no event with id %g is playing or waiting to start", id);
        int instr = id_instr(s, sat_int(id));
        if (instr < 0) return cmd_error(c, c->args[0].col, err, errlen, "no event with id %g is playing or waiting to start", id);
        const INSTR_TMPL *tm = tmpl_of(s, instr);
        ev.id = sat_int(id);
        extend_end(s, t);
        if (!strcmp(a, "/stop") || !strcmp(a, "/kill")) {
            ev.type = a[1] == 's' ? EV_STOP : EV_KILL;
            if (c->nargs > 1) {
                if (num_arg(c, 1, "the delay", &v, err, errlen)) return -1;
                if (v < 0 || v > SES_MAX_TIME)
                    return cmd_error(c, c->args[1].col, err, errlen, "the delay must be from 0 to %g seconds", SES_MAX_TIME);
                ev.frame += to_frame(s, v);
                extend_end(s, t + v);
            }
            return schedule(s, &ev, err, errlen);
        }
        if (c->nargs < 2) return cmd_error(c, 0, err, errlen, "missing the parameter name");
        if (c->args[1].type != 's')
            return cmd_error(c, c->args[1].col, err, errlen, "expected a parameter name, got %g", c->args[1].f);
        if (!strcmp(a, "/set")) {
            ev.type = EV_SET;
            int np = 0;
            for (int i = 1; i < c->nargs; i += 2) {
                const EVL_ARG *na = &c->args[i];
                if (na->type != 's')
                    return cmd_error(c, na->col, err, errlen, "expected a parameter name, got %g", na->f);
                if (!strcmp(na->s, "delay")) {
                    if (num_arg(c, i + 1, "the delay", &v, err, errlen)) return -1;
                    if (v < 0 || v > SES_MAX_TIME)
                        return cmd_error(c, c->args[i + 1].col, err, errlen, "the delay must be from 0 to %g seconds",
                                         SES_MAX_TIME);
                    ev.frame = frame + to_frame(s, v);
                    continue;
                }
                char prate;
                int k = param_index(tm, na->s, &prate);
                if (k < 0) return unknown_param(c, na, tm, err, errlen);
                if (prate != 'k') return itime_param(c, na, tm, err, errlen);
                if (num_arg(c, i + 1, "the parameter value", &v, err, errlen)) return -1;
                if (np + 2 > EV_MAXP) return cmd_error(c, na->col, err, errlen, "too many parameters");
                ev.p[++np] = k;
                ev.p[++np] = v;
            }
            ev.np = np;
            return schedule(s, &ev, err, errlen);
        }
        /* /automate id name t0 v0 t1 v1 … [mode] [overtake] */
        char prate;
        int k = param_index(tm, c->args[1].s, &prate);
        if (k < 0) return unknown_param(c, &c->args[1], tm, err, errlen);
        if (prate != 'k') return itime_param(c, &c->args[1], tm, err, errlen);
        ev.type = EV_AUTOMATE;
        ev.p[1] = k;
        ev.p[2] = AUTO_LINEAR;
        int np = 4;
        int i = 2;
        double last_t = -1;
        for (; i + 1 < c->nargs && c->args[i].type == 'f'; i += 2) {
            if (np + 2 > EV_MAXP) return cmd_error(c, c->args[i].col, err, errlen, "too many breakpoints");
            if (num_arg(c, i + 1, "a breakpoint value", &v, err, errlen)) return -1;
            if (!isfinite(c->args[i].f) || c->args[i].f < 0 || c->args[i].f > SES_MAX_TIME)
                return cmd_error(c, c->args[i].col, err, errlen, "a breakpoint time must be from 0 to %g seconds",
                                 SES_MAX_TIME);
            if (c->args[i].f < last_t)
                return cmd_error(c, c->args[i].col, err, errlen, "breakpoint times must not go backwards");
            last_t = c->args[i].f;
            ev.p[++np] = c->args[i].f;
            ev.p[++np] = v;
        }
        if (np == 4) return cmd_error(c, 0, err, errlen, "no breakpoints (time value pairs)");
        for (; i < c->nargs; i++) {
            const EVL_ARG *m = &c->args[i];
            if (m->type != 's') return cmd_error(c, m->col, err, errlen, "a breakpoint time needs a value");
            if (!strcmp(m->s, "linear")) ev.p[2] = AUTO_LINEAR;
            else if (!strcmp(m->s, "cos")) ev.p[2] = AUTO_COS;
            else if (!strcmp(m->s, "smooth")) ev.p[2] = AUTO_SMOOTH;
            else if (!strncmp(m->s, "expon(", 6)) { ev.p[2] = AUTO_EXPON; ev.p[4] = atof(m->s + 6); }
            else if (!strcmp(m->s, "overtake")) ev.p[3] = 1;
            else return cmd_error(c, m->col, err, errlen, "unknown curve '%s' (linear, cos, smooth, expon(x), overtake)", m->s);
        }
        ev.np = np;
        extend_end(s, t + last_t);
        return schedule(s, &ev, err, errlen);
    }
    if (!strcmp(a, "/stopall") || !strcmp(a, "/panic")) {
        ev.type = a[2] == 't' ? EV_STOPALL : EV_PANIC;
        extend_end(s, t);
        return schedule(s, &ev, err, errlen);
    }
    if (!strcmp(a, "/table/gen")) {
        double num = 0, size = 0, gen = 0;
        if (int_arg(c, 0, "the table number", 1, ENG_MAXTABLES - 1, &num, err, errlen)
            || int_arg(c, 1, "the size", -(1 << 28), 1 << 28, &size, err, errlen)
            || int_arg(c, 2, "the GEN number", -99, 99, &gen, err, errlen)) return -1;
        double args[EV_MAXP];
        int n = 0;
        const char *path = NULL;
        for (int i = 3; i < c->nargs && n < EV_MAXP; i++) {
            if (c->args[i].type == 's') { path = c->args[i].s; args[n++] = 0; }
            else if (num_arg(c, i, "a GEN argument", &args[n++], err, errlen)) return -1;
        }
        char where[300];
        snprintf(where, sizeof where, "%s:%d:%d", c->file, c->line, c->col);
        return make_table(s, sat_int(num), frame, sat_int(size), sat_int(gen), args, n, path, where, err, errlen);
    }
    if (!strcmp(a, "/table/read")) {
        double num = 0, chan = 0;
        if (int_arg(c, 0, "the table number", 1, ENG_MAXTABLES - 1, &num, err, errlen)) return -1;
        if (c->nargs < 2 || c->args[1].type != 's') return cmd_error(c, 0, err, errlen, "missing the sound file path");
        if (c->nargs > 2 && int_arg(c, 2, "the channel", 0, 64, &chan, err, errlen)) return -1;
        /* GEN 1's p5 (the file, passed as the path), skip time, format (from the header), channel */
        double args[4] = { 0, 0, 0, chan };
        char where[300];
        snprintf(where, sizeof where, "%s:%d:%d", c->file, c->line, c->col);
        return make_table(s, sat_int(num), frame, 0, 1, args, 4, c->args[1].s, where, err, errlen);
    }
    if (!strcmp(a, "/table/free")) {
        if (int_arg(c, 0, "the table number", 1, ENG_MAXTABLES - 1, &v, err, errlen)) return -1;
        ev.type = EV_TABLE;
        ev.instr = sat_int(v);
        ev.ptr = NULL;
        return schedule(s, &ev, err, errlen);
    }
    if (!strcmp(a, "/score")) {
        if (c->nargs < 1 || c->args[0].type != 's') return cmd_error(c, 0, err, errlen, "missing the score text");
        char label[300];
        snprintf(label, sizeof label, "%s:%d (/score)", c->file, c->line);
        SCO sc;
        memset(&sc, 0, sizeof sc);
        if (sco_parse(c->args[0].s, label, 1, &sc, err, errlen)) return -1;
        int r = schedule_score(s, &sc, frame, err, errlen);
        sco_free(&sc);
        return r;
    }
    if (!strcmp(a, "/chn/set")) {
        if (c->nargs < 1 || c->args[0].type != 's') return cmd_error(c, 0, err, errlen, "missing the channel name");
        if (num_arg(c, 1, "the value", &v, err, errlen)) return -1;
        size_t nlen = strlen(c->args[0].s);
        if (!strncmp(c->args[0].s, "##", 2))   /* the engine's own (random generators' state) */
            return cmd_error(c, c->args[0].col, err, errlen, "channel names beginning with ## are reserved");
        if (nlen >= ENG_CHN_NAMELEN)
            return cmd_error(c, c->args[0].col, err, errlen, "channel name longer than %d bytes", ENG_CHN_NAMELEN - 1);
        /* while playing, only the processing thread creates channels (one
         * writer, no lock): a new name travels in the event, created there */
        ENG_CHN *ch = eng_channel(s->eng, c->args[0].s, !s->live);
        if (!ch && !s->live) return cmd_error(c, c->args[0].col, err, errlen, "too many channels");
        if (frame == 0 && !s->live) { eng_chn_set(ch, v); return 0; }
        ev.type = EV_CHNSET;
        ev.ptr = ch;
        ev.p[1] = v;
        if (!ch) memcpy(&ev.p[2], c->args[0].s, nlen + 1);   /* 63 bytes at most: well inside p[2..] */
        return schedule(s, &ev, err, errlen);
    }
    if (!strcmp(a, "/instr/load") && s->live) {
        if (c->nargs < 1 || c->args[0].type != 's') return cmd_error(c, 0, err, errlen, "missing the path of the .orc file");
        /* a library NAME is installed code, not a client's path */
        const char *p = c->args[0].s;
        char lib[2048], resolved[4096];
        if (library_file(s, p, lib, sizeof lib)) return live_load(s, lib, err, errlen);
        if (!(p = client_file(s, p, 1, resolved, sizeof resolved, err, errlen))) return -1;
        return live_load(s, p, err, errlen);
    }
    if (c->consumed) return 0;   /* applied before compiling */
    if (!strcmp(a, "/instr/def")) {
        if (c->nargs < 2 || c->args[0].type != 's' || c->args[1].type != 's')
            return cmd_error(c, 0, err, errlen, "expected an instrument name and its code (two strings)");
        char label[300];
        snprintf(label, sizeof label, "/instr/def %s", c->args[0].s);
        INSTR_TMPL *tm = lang_orch_define(s->orch, c->args[0].s, c->args[1].s, label, 0, err, errlen);
        if (!tm) return -1;
        if (eng_prepare_instr(s->eng, tm, err, errlen)) return -1;
        ev.type = EV_INSTR;
        ev.instr = tm->num;
        ev.ptr = tm;
        return schedule(s, &ev, err, errlen);
    }
    /* live, the engine always reports ends (eng_report_ends); who hears them is the OSC server's */
    if (s->live && !strcmp(a, "/notify")) return num_arg(c, 0, "0 or 1", &v, err, errlen);
    if (s->live && (!strcmp(a, "/sync") || !strcmp(a, "/status"))) {
        ev.type = a[2] == 'y' ? EV_SYNC : EV_STATUS;
        if (ev.type == EV_SYNC) {
            if (num_arg(c, 0, "the sync id", &v, err, errlen)) return -1;
            ev.id = sat_int(v);
            ev.p[1] = v;
        }
        ev.frame = EV_NOW;
        ev.origin = s->cur_origin;   /* the answer goes to whoever asked */
        if (eng_post(s->eng, &ev)) { snprintf(err, errlen, "the command ring is full: try again"); return -1; }
        return 0;
    }
    if (!strcmp(a, "/instr/load") || !strcmp(a, "/quit") || !strcmp(a, "/sync") || !strcmp(a, "/notify")
        || !strcmp(a, "/status") || !strcmp(a, "/chn/get") || !strcmp(a, "/config") || !strcmp(a, "/orc")) {
        /* replies and session control have no effect on a render; live, code
         * and configuration come before the performance, not in it */
        if (s->live && (!strcmp(a, "/config") || !strcmp(a, "/orc")))
            return cmd_error(c, 0, err, errlen, "only before the performance starts (in an event list)");
        return 0;
    }
    return cmd_error(c, 0, err, errlen, "unknown command");
}

/* Before compiling: /config sets the header, /orc and /instr/load add code,
 * and the first /instr/def of each name defines it.  A later /instr/def of
 * the same name is a redefinition at its own frame (run_command). */
static int collect_definitions(SESSION *s, char *err, size_t errlen)
{
    for (int f = 0; f < s->nevfiles; f++)
        for (int i = 0; i < s->evfiles[f].n; i++) {
            EVL_CMD *c = &s->evfiles[f].cmds[i];
            if (!strcmp(c->addr, "/config")) {
                for (int k = 0; k + 1 < c->nargs; k += 2) {
                    double v = 0;
                    if (c->args[k].type != 's')
                        return cmd_error(c, c->args[k].col, err, errlen, "expected a setting name");
                    if (num_arg(c, k + 1, "the value", &v, err, errlen)) return -1;
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
                    else return cmd_error(c, c->args[k].col, err, errlen, "unknown setting '%s' or bad value %g", n, v);
                }
                if (c->nargs % 2) return cmd_error(c, 0, err, errlen, "settings come in name value pairs");
                c->consumed = 1;
                continue;
            }
            if (!strcmp(c->addr, "/orc")) {
                if (c->nargs != 1 || c->args[0].type != 's')
                    return cmd_error(c, 0, err, errlen, "expected the orchestra code (one string)");
                char label[300];
                snprintf(label, sizeof label, "%s:%d: /orc", c->file, c->line);
                keep_text(s, "/orc", c->args[0].s);
                if (lang_orch_add(s->orch, c->args[0].s, strlen(c->args[0].s), label, 1, err, errlen)) return -1;
                c->consumed = 1;
                continue;
            }
            if (!strcmp(c->addr, "/instr/load")) {
                if (c->nargs < 1 || c->args[0].type != 's')
                    return cmd_error(c, 0, err, errlen, "missing the path of the .orc file");
                int user = s->user_orch;   /* code loaded by an event list, like /instr/def */
                char lib[2048];
                if (ses_add_file(s, library_file(s, c->args[0].s, lib, sizeof lib) ? lib : c->args[0].s, err, errlen))
                    return -1;
                s->user_orch = user;
                c->consumed = 1;
                continue;
            }
            if (strcmp(c->addr, "/instr/def")) continue;
            if (c->nargs < 2 || c->args[0].type != 's' || c->args[1].type != 's')
                return cmd_error(c, 0, err, errlen, "expected an instrument name and its code (two strings)");
            const char *name = c->args[0].s, *body = c->args[1].s;
            for (const char *q = name; *q; q++)
                if (!isalnum((unsigned char)*q) && *q != '_')
                    return cmd_error(c, c->args[0].col, err, errlen, "'%s' is not a valid instrument name", name);
            if (lang_orch_defines(s->orch, name)) continue;   /* a redefinition: at its frame */
            size_t n = strlen(name) + strlen(body) + 32;
            char *src = malloc(n);
            snprintf(src, n, "instr %s\n%s\nendin\n", name, body);
            char label[300];
            snprintf(label, sizeof label, "%s:%d: /instr/def %s: code", c->file, c->line, name);
            int r = lang_orch_add(s->orch, src, strlen(src), label, 0, err, errlen);
            free(src);
            if (r) return -1;
            c->consumed = 1;
        }
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
            if (lang_orch_defines(s->orch, name)) continue;
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
    if (collect_definitions(s, err, errlen)) return -1;
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
    if (s->opt_nchnls_i_set) h.nchnls_i = s->opt_nchnls_i;
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
    s->eng = eng_new(&cfg, err, errlen);
    if (!s->eng) return -1;
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
    for (int i = 0; i < s->nscores; i++)
        if (schedule_score(s, &s->scores[i], 0, err, errlen)) return -1;
    for (int f = 0; f < s->nevfiles; f++)
        for (int i = 0; i < s->evfiles[f].n; i++)
            if (run_command(s, &s->evfiles[f].cmds[i], err, errlen)) return -1;
    return 0;
}

void ses_go_live(SESSION *s)
{
    s->live = 1;
    eng_report_ends(s->eng);   /* ids leave the table when their events are over */
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
static char *command_line(const EVL_CMD *c, int id)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs(c->addr, f);
    for (int i = 0; i < c->nargs; i++) {
        fputc(' ', f);
        if (i == 0 && !strcmp(c->addr, "/sched") && c->args[0].type == 'f' && c->args[0].f == -1)
            fprintf(f, "%d", id);
        else if (c->args[i].type == 'f')
            fprintf(f, "%.17g", c->args[i].f);
        else
            write_string(f, c->args[i].s);
    }
    fclose(f);
    return buf;
}

void ses_executed(SESSION *s, uint32_t seq, int64_t frame)
{
    while (s->npend > 0) {
        struct pending *p = &s->pend[s->pend_head];
        if (p->seq > seq) break;
        if (p->seq == seq && s->rec) fprintf(s->rec, "@%lld %s\n", (long long)frame, p->line);
        free(p->line);
        s->pend_head = (s->pend_head + 1) % s->cappend;
        s->npend--;
        if (p->seq == seq) break;
    }
    if (s->rec) fflush(s->rec);
}

static void pending_push(SESSION *s, uint32_t seq, char *line)
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
    s->pend[(s->pend_head + s->npend) % s->cappend] = (struct pending){ seq, line };
    s->npend++;
}

int ses_command(SESSION *s, const EVL_CMD *c, int *id, char *err, size_t errlen)
{
    s->last_id = 0;
    s->cur_absolute = c->has_frame;
    s->cur_cmd = ++s->cmd_seq;
    s->cur_origin = c->origin;
    s->posted = 0;
    int r = run_command(s, c, err, errlen);
    s->cur_absolute = 0;
    /* what reaches the engine is recorded once the engine says at which frame */
    static const char *const unrecorded[] = { "/sync", "/status", "/notify", "/quit", "/instr/load", NULL };
    int skip = 0;
    for (int i = 0; unrecorded[i]; i++) skip |= !strcmp(c->addr, unrecorded[i]);
    if (r == 0 && s->rec && s->posted && !skip) pending_push(s, s->cur_cmd, command_line(c, s->last_id));
    s->cur_cmd = 0;
    if (id) *id = s->last_id;
    return r;
}
