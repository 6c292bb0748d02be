/* main.c — the ondes command line: options, loading files, and handing the engine to a driver. */
#include "session/session.h"
#include "drivers/drivers.h"
#include "io/audiofile.h"
#include "opcodes/registry.h"
#include "osc/acl.h"
#include "lang/errs.h"
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ONDES_INSTRDIR
#define ONDES_INSTRDIR "/usr/local/share/ondes/instruments"
#endif

/* name, outputs and inputs in Csound's type letters, one form a line */
static void list_opcodes(void)
{
    int n;
    const OP_DESC *const *all = op_all(&n);
    for (int i = 0; i < n; i++)
        if (strncmp(all[i]->name, "##", 2) && strcmp(all[i]->name, "="))
            printf("%-14s %-4s %s\n", all[i]->name, *all[i]->out ? all[i]->out : "-", *all[i]->in ? all[i]->in : "-");
}

/* Room for every error of a run: errs.h's cap of 100 lines. */
#define ERRBUF (128 * 1024)

static int fail(const char *fmt, const char *a)
{
    fprintf(stderr, "ondes: ");
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    return 2;
}

/* Every file read, then everything compiled, even after errors: all of
 * them are gathered in err (one a line, errs.h's cap) and nothing plays. */
static int load_session(SESSION *s, const char *const *files, int nfiles, const SES_OPTIONS *so, char *err,
                        size_t errlen)
{
    char *one = malloc(errlen);
    if (!one) abort();
    int rc = 0;
    err[0] = 0;
    for (int i = 0; i < nfiles; i++)
        if (ses_add_file(s, files[i], one, errlen)) {
            rc = 1;
            lang_err_append(err, errlen, one);
        }
    if (ses_prepare(s, so, one, errlen)) {
        rc = 1;
        lang_err_append(err, errlen, one);
    }
    free(one);
    lang_err_sort(err);
    return rc;
}

/* Errors in code name their file:line:col; others are the command line's. */
static void print_errors(const char *err)
{
    for (const char *p = err; *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        if (len) fprintf(stderr, "%s%.*s\n", memmem(p, (size_t)len, ": error: ", 9) ? "" : "ondes: ", len, p);
        p += len + (nl != NULL);
    }
}

static int num_opt(const char *name, const char *val, double lo, double hi, double *out)
{
    char *end;
    if (!val) return fail("option %s needs a value", name);
    errno = 0;
    double v = strtod(val, &end);
    if (*end || end == val || errno || !(v >= lo && v <= hi)) {
        fprintf(stderr, "ondes: bad value '%s' for %s (expected a number from %g to %g)\n", val, name, lo, hi);
        return 2;
    }
    *out = v;
    return 0;
}

/* The instruments library: $ONDES_INSTRDIR, the source tree beside the binary, the installed one, or the
 * source tree of an uninstalled build. */
static const char *instrdir(const char *argv0, char *buf, size_t n)
{
    const char *env = getenv("ONDES_INSTRDIR");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            if ((size_t)snprintf(buf, n, "%s/instruments", exe) < n && access(buf, R_OK) == 0) return buf;
        }
    }
    (void)argv0;
#ifdef ONDES_SRC_INSTRDIR
    /* not installed yet: a build outside the source tree uses the tree's */
    if (access(ONDES_INSTRDIR, R_OK) != 0 && access(ONDES_SRC_INSTRDIR, R_OK) == 0) return ONDES_SRC_INSTRDIR;
#endif
    return ONDES_INSTRDIR;
}

/* ---- the command line: one row per option; --help is printed from the rows ---- */

/* The options' values, their defaults here. */
static struct cli {
    const char *render, *format, *bits;
    double sr, ksmps, channels, duration, tail, ceiling, voices, memory, table_memory, limiter_ms, port;
    const char *name, *connect_re, *bind, *record, *record_events;
    int no_connect, exit_at_end, freewheel, tcp;
} cli = { .duration = -1, .ceiling = NAN, .port = 7770, .name = "ondes", .bind = "127.0.0.1" };

/* --allow and --data-dir, kept here rather than passed down realtime()'s
 * long list: only the real-time run uses them. */
static struct {
    OSC_ACL allow;
    const char *dirs[64];
    int ndirs;
} net;

/* A non-loopback --bind: warn, and restrict the files clients may read to
 * the --data-dir folders, or the current directory when none is given (a
 * server on the network reads what its operator set beside it, never the
 * whole disk).  --data-dir given on loopback restricts them too: the user
 * asked.  On loopback without it any local user can make ondes read any
 * file it can (README, doc/osc.md). */
static int net_setup(SESSION *s, const char *bind, char *err, size_t errlen)
{
    int exposed = !osc_bind_is_loopback(bind);
    if (exposed) {
        fprintf(stderr, "ondes: warning: OSC listens on %s, which is not a loopback address: commands are "
                        "accepted from the network\n", bind);
        if (net.allow.n)
            fprintf(stderr, "ondes:   clients: 127.0.0.1, ::1 and the --allow list (%d range%s)\n", net.allow.n,
                    net.allow.n > 1 ? "s" : "");
        else
            fprintf(stderr, "ondes:   clients: anyone who can reach the port (limit them with --allow CIDR)\n");
        if (net.ndirs) {
            fprintf(stderr, "ondes:   files clients may read: inside");
            for (int i = 0; i < net.ndirs; i++) fprintf(stderr, " %s", net.dirs[i]);
            fprintf(stderr, " (--data-dir)\n");
        } else {
            char cwd[4096];
            net.dirs[net.ndirs++] = ".";
            fprintf(stderr, "ondes:   files clients may read: inside the current directory %s (no --data-dir given)\n",
                    getcwd(cwd, sizeof cwd) ? cwd : ".");
        }
    }
    if (exposed || net.ndirs) return ses_restrict_files(s, net.dirs, net.ndirs, err, errlen);
    return 0;
}

/* What the master's ceiling (and limiter) did, after a run: offline on stdout, live on stderr. */
static void ceiling_report(FILE *f, const char *prefix, ENGINE *e)
{
    ENG_STATS st;
    eng_stats(e, &st);
    const ENG_CONFIG *cfg = eng_config(e);
    fprintf(f, "%sclipped samples: %lld\n", prefix, (long long)st.clipped);
    if (cfg->limiter_ms > 0)
        fprintf(f, "%slimiter: %lld samples reduced, largest reduction %.2f dB (look-ahead %g ms)\n", prefix,
                (long long)st.limited, st.limiter_min_gain > 0 ? -20 * log10(st.limiter_min_gain) : INFINITY,
                cfg->limiter_ms);
}

/* Real time: JACK's sample rate rules, then the same session as offline. */
static int realtime(const char *const *files, int nfiles, const char *argv0, const DRV_OFFLINE_OPTS *fw)
{
#ifdef ONDES_REALTIME
    static char err[ERRBUF];
    if (cli.sr > 0) fprintf(stderr, "ondes: --sr is for offline renders: JACK's sample rate rules\n");
    DRV_JACK *d = drv_jack_open(cli.name, err, sizeof err);
    if (!d) return fail("%s", err);
    SESSION *s = ses_new();
    int rc = 0;
    if (!fw && net_setup(s, cli.bind, err, sizeof err)) rc = 1;   /* freewheel opens no OSC */
    char dirbuf[PATH_MAX];
    SES_OPTIONS so = { drv_jack_sample_rate(d), (int)cli.ksmps, (int)cli.channels, 0, (int)cli.voices, cli.ceiling,
                       instrdir(argv0, dirbuf, sizeof dirbuf), 1, cli.limiter_ms, (int)cli.memory,
                       (int)cli.table_memory };
    if (!rc && load_session(s, files, nfiles, &so, err, sizeof err)) rc = 1;
    if (!rc && cli.record_events && ses_record_events(s, cli.record_events, err, sizeof err)) rc = 1;
    if (*ses_notes(s)) fputs(ses_notes(s), stderr);
    if (rc) {
        print_errors(err);
    } else {
        DRV_JACK_OPTS jo = { .no_connect = cli.no_connect, .connect_regex = cli.connect_re, .port = (int)cli.port,
                             .bind = cli.bind, .tcp = cli.tcp, .record = cli.record, .exit_at_end = cli.exit_at_end,
                             .end_time = ses_end_time(s) };
        jo.allow = &net.allow;
        if (fw) {   /* --render OUT --freewheel: the score through JACK's freewheel mode */
            jo.record = fw->path;
            jo.format = fw->format;
            jo.bits = fw->bits;
            jo.freewheel = 1;
            jo.exit_at_end = 1;
            jo.no_connect = 1;
            jo.connect_regex = NULL;
            jo.tcp = 0;
        }
        int r = drv_jack_run(d, s, &jo, stderr, err, sizeof err);
        if (r < 0) fprintf(stderr, "ondes: %s\n", err);
        if (r) rc = 1;   /* the server went away, or the run could not start */
        /* it played (the audio thread has stopped): what reached the ceiling */
        if (eng_frame(ses_engine(s)) > 0) ceiling_report(stderr, "ondes: ", ses_engine(s));
    }
    drv_jack_close(d);
    ses_free(s);
    return rc;
#else
    (void)files; (void)nfiles; (void)argv0; (void)fw;
    return fail("this ondes was built without JACK and liblo: render offline with --render OUT.wav%s", "");
#endif
}

typedef enum {
    OPT_FLAG,       /* sets an int to 1 */
    OPT_STR,        /* a value: "option X needs a value" when missing */
    OPT_FILE,       /* a file name: "option X needs a file name" when missing */
    OPT_NUM,        /* a number from lo to hi */
    OPT_WHOLE,      /* a whole number from lo to hi */
    OPT_OPTNUM,     /* a flag giving `dflt`, or --opt=N from lo to hi */
    OPT_CALL,       /* a value handed to call() */
    OPT_EXIT        /* call() prints something; ondes exits with status 0 */
} OPT_KIND;

typedef struct opt {
    const char *name;           /* "--sr" */
    const char *alias;          /* "-o", or NULL */
    OPT_KIND kind;
    const char *arg;            /* the value's name in --help, NULL for none */
    void *to;                   /* int * (FLAG), const char ** (STR, FILE), double * (NUM, WHOLE, OPTNUM) */
    double lo, hi, dflt;
    int (*call)(const char *opt, const char *val);   /* OPT_CALL, OPT_EXIT: 0, or the exit status */
    const char *section;        /* a heading in --help before this row, or NULL */
    const char *help;           /* lines separated by \n */
} OPT;

static int opt_help(const char *opt, const char *val);
static int opt_version(const char *opt, const char *val) { puts("ondes " PACKAGE_VERSION); return 0; }
static int opt_list_opcodes(const char *opt, const char *val) { list_opcodes(); return 0; }

/* The OSC commands, from the command table (cmd.h): address, flags (or -), what it does, its arguments. */
static int opt_list_commands(const char *opt, const char *val)
{
    static const char *const flag_names[] = { "live", "prelude", "unrecorded", "no-ring", "codepos" };
    int n;
    const SES_CMD *t = ses_cmd_table(&n);
    for (int i = 0; i < n; i++) {
        char flags[96] = "";
        for (unsigned b = 0; b < sizeof flag_names / sizeof flag_names[0]; b++)
            if (t[i].flags & (1u << b))
                snprintf(flags + strlen(flags), sizeof flags - strlen(flags), "%s%s", flags[0] ? "," : "", flag_names[b]);
        printf("%-12s %-24s %s%s%s\n", t[i].addr, flags[0] ? flags : "-", t[i].doc,
               t[i].synopsis[0] ? "; arguments: " : "", t[i].synopsis);
    }
    return 0;
}

static int opt_allow(const char *opt, const char *val)
{
    char e[300];
    return osc_acl_add(&net.allow, val, e, sizeof e) ? fail("%s", e) : 0;
}

static int opt_data_dir(const char *opt, const char *val)
{
    struct stat st;
    if (stat(val, &st)) {
        fprintf(stderr, "ondes: --data-dir '%s': %s\n", val, strerror(errno));
        return 2;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "ondes: --data-dir '%s': not a directory\n", val);
        return 2;
    }
    if (net.ndirs == 64) return fail("too many --data-dir folders (at most 64)%s", "");
    net.dirs[net.ndirs++] = val;
    return 0;
}

static const OPT options[] = {
    { "--render", "-o", OPT_FILE, "OUT", &cli.render, 0, 0, 0, NULL, "offline rendering",
      "render to OUT (wav, flac, ogg, aiff)" },
    { "--sr", NULL, OPT_NUM, "N", &cli.sr, 1000, 768000, 0, NULL, NULL, "sample rate (overrides the orchestra's)" },
    { "--ksmps", NULL, OPT_WHOLE, "N", &cli.ksmps, 1, 65536, 0, NULL, NULL, "frames per control block" },
    { "--channels", NULL, OPT_WHOLE, "N", &cli.channels, 1, 64, 0, NULL, NULL, "output channels (nchnls)" },
    { "--format", NULL, OPT_STR, "F", &cli.format, 0, 0, 0, NULL, NULL,
      "wav, flac, ogg or aiff (default: from OUT's extension)" },
    { "--bits", NULL, OPT_STR, "B", &cli.bits, 0, 0, 0, NULL, NULL, "16, 24 or 32f (default 24)" },
    { "--duration", NULL, OPT_NUM, "S", &cli.duration, 0, SES_MAX_RENDER, 0, NULL, NULL,
      "render exactly S seconds (at most 604800, a week: doc/reliability.md)" },
    { "--tail", NULL, OPT_NUM, "S", &cli.tail, 0, SES_HORIZON, 0, NULL, NULL, "render S seconds past the end of the score" },
    { "--freewheel", NULL, OPT_FLAG, NULL, &cli.freewheel, 0, 0, 0, NULL, NULL,
      "render through a running JACK server's freewheel mode" },
    { "--name", NULL, OPT_STR, "NAME", &cli.name, 0, 0, 0, NULL, "real time (JACK)", "JACK client name (default ondes)" },
    { "--no-connect", NULL, OPT_FLAG, NULL, &cli.no_connect, 0, 0, 0, NULL, NULL, "leave the outputs unconnected" },
    { "--connect", NULL, OPT_STR, "REGEX", &cli.connect_re, 0, 0, 0, NULL, NULL,
      "connect the outputs to input ports matching REGEX" },
    { "--port", NULL, OPT_NUM, "N", &cli.port, 1, 65535, 0, NULL, NULL, "OSC UDP port (default 7770)" },
    { "--bind", NULL, OPT_STR, "ADDR", &cli.bind, 0, 0, 0, NULL, NULL,
      "OSC address to listen on (default 127.0.0.1); any other\n"
      "(0.0.0.0, a LAN address) takes commands from the network" },
    { "--allow", NULL, OPT_CALL, "CIDR", NULL, 0, 0, 0, opt_allow, NULL,
      "only these clients may send (192.168.1.0/24, 10.0.0.7,\n"
      "fd00::/8; repeatable); 127.0.0.1 and ::1 always may.  Others'\n"
      "packets are dropped unanswered, counted in /status" },
    { "--data-dir", NULL, OPT_CALL, "DIR", NULL, 0, 0, 0, opt_data_dir, NULL,
      "files clients name (/table/read, /instr/load…) must be inside\n"
      "a DIR (repeatable); with a non-loopback --bind and no DIR,\n"
      "DIR is the current directory.  On loopback without it any\n"
      "local user can make ondes read any file it can" },
    { "--tcp", NULL, OPT_FLAG, NULL, &cli.tcp, 0, 0, 0, NULL, NULL, "OSC over TCP too, on the same port" },
    { "--record", NULL, OPT_FILE, "OUT.wav", &cli.record, 0, 0, 0, NULL, NULL,
      "write what is played to OUT.wav (32-bit float)" },
    { "--record-events", NULL, OPT_FILE, "F", &cli.record_events, 0, 0, 0, NULL, NULL,
      "write every command played, stamped with its frame, to F\n"
      "(ondes --render OUT.wav F gives the same samples)" },
    { "--exit-at-end", NULL, OPT_FLAG, NULL, &cli.exit_at_end, 0, 0, 0, NULL, NULL,
      "stop when the given score has ended" },
    { "--ceiling", NULL, OPT_NUM, "DB", &cli.ceiling, -120, 24, 0, NULL, "common",
      "master ceiling in dBFS (hard limit, default 0)" },
    { "--limiter", NULL, OPT_OPTNUM, "[=MS]", &cli.limiter_ms, 0.1, ENG_LIM_MAX_MS, ENG_LIM_DEFAULT_MS, NULL, NULL,
      "soft look-ahead limiter before the ceiling (MS look-ahead,\n"
      "default 5, at most 100): delays the output by MS" },
    { "--voices", NULL, OPT_WHOLE, "N", &cli.voices, 1, 1 << 20, 0, NULL, NULL, "voice pool size (default 1024)" },
    { "--memory", NULL, OPT_WHOLE, "MB", &cli.memory, 1, ENG_MEM_MAX_MB, 0, NULL, NULL,
      "note memory for voices and their delay lines, reserved at\n"
      "start (MiB, default 2304; the first 64 touched up front)" },
    { "--table-memory", NULL, OPT_WHOLE, "MB", &cli.table_memory, 1, SES_TABLE_MEM_MAX_MB, 0, NULL, NULL,
      "tables made while playing, all together (MiB, default 1024):\n"
      "a /table/gen or /table/read past it gets /fail" },
    { "--list-opcodes", NULL, OPT_EXIT, NULL, NULL, 0, 0, 0, opt_list_opcodes, NULL,
      "the opcodes and their Csound signatures" },
    { "--list-commands", NULL, OPT_EXIT, NULL, NULL, 0, 0, 0, opt_list_commands, NULL,
      "the OSC commands: address, flags, what each does" },
    { "--help", "-h", OPT_EXIT, NULL, NULL, 0, 0, 0, opt_help, NULL, "this text" },
    { "--version", NULL, OPT_EXIT, NULL, NULL, 0, 0, 0, opt_version, NULL, NULL },
};
#define NOPTIONS (int)(sizeof options / sizeof options[0])

static int opt_help(const char *opt, const char *val)
{
    fputs("usage: ondes [OPTIONS] [FILE...]                 real time, as a JACK client\n"
          "       ondes --render OUT.wav [OPTIONS] FILE...  offline, no JACK server needed\n"
          "\n"
          "FILE: .orc, .sco, .csd or .events (time-stamped OSC commands)\n"
          "\n", stdout);
    for (int i = 0; i < NOPTIONS; i++) {
        const OPT *o = &options[i];
        char left[64];
        snprintf(left, sizeof left, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "", o->name,
                 o->arg && o->arg[0] != '[' ? " " : "", o->arg ? o->arg : "");
        if (o->section) printf("%s:\n", o->section);
        if (!o->help) {
            printf("  %s\n", left);
            continue;
        }
        printf("  %-20s ", left);
        for (const char *h = o->help, *nl; h; h = nl ? nl + 1 : NULL) {
            nl = strchr(h, '\n');
            printf("%s%.*s\n", h == o->help ? "" : "                       ", nl ? (int)(nl - h) : (int)strlen(h), h);
        }
    }
    return 0;
}

static const OPT *find_option(const char *a)
{
    for (int i = 0; i < NOPTIONS; i++)
        if (!strcmp(a, options[i].name) || (options[i].alias && !strcmp(a, options[i].alias))) return &options[i];
    return NULL;
}

/* One option, as spelled `a`, its value `v` (NULL: none given); `inline_v`: given as --opt=value.
 * Returns -1 to go on, or the status ondes exits with. */
static int take_option(const OPT *o, const char *a, const char *v, int inline_v)
{
    switch (o->kind) {
    case OPT_FLAG:
        if (inline_v) return fail("option %s takes no value", a);
        *(int *)o->to = 1;
        return -1;
    case OPT_EXIT:
        return o->call(a, v);
    case OPT_OPTNUM:   /* a flag, or --opt=N */
        if (!inline_v) {
            *(double *)o->to = o->dflt;
            return -1;
        }
        return num_opt(a, v, o->lo, o->hi, o->to) ? 2 : -1;
    case OPT_NUM:
    case OPT_WHOLE:
        if (num_opt(a, v, o->lo, o->hi, o->to)) return 2;
        if (o->kind == OPT_WHOLE && *(double *)o->to != floor(*(double *)o->to))
            return fail("option %s needs a whole number", a);
        return -1;
    case OPT_STR:
    case OPT_FILE:
        if (!v) return fail(o->kind == OPT_FILE ? "option %s needs a file name" : "option %s needs a value", a);
        *(const char **)o->to = v;
        return -1;
    case OPT_CALL:
        if (!v) return fail("option %s needs a value", a);
        return o->call(a, v) ? 2 : -1;
    }
    return -1;
}

/* Does the option take the next argument as its value? */
static int takes_value(const OPT *o) { return o->kind != OPT_FLAG && o->kind != OPT_EXIT && o->kind != OPT_OPTNUM; }

int main(int argc, char **argv)
{
    const char *files[256];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (a[0] != '-' || !a[1]) {
            if (nfiles == 256) return fail("too many files%s", "");
            files[nfiles++] = a;
            continue;
        }
        /* --opt=value spelling too */
        char optbuf[64];
        const char *eq = strchr(a, '=');
        int inline_v = a[1] == '-' && eq && (size_t)(eq - a) < sizeof optbuf;
        if (inline_v) {
            memcpy(optbuf, a, (size_t)(eq - a));
            optbuf[eq - a] = 0;
            a = optbuf;
            v = eq + 1;
        }
        const OPT *o = find_option(a);
        if (!o) return fail("unknown option '%s' (see ondes --help)", a);
        if (!inline_v && takes_value(o) && i + 1 < argc) v = argv[++i];
        int r = take_option(o, a, v, inline_v);
        if (r >= 0) return r;
    }
    const char *render = cli.render;
    if (!render) return realtime(files, nfiles, argv[0], NULL);
    if (cli.freewheel) {
        if (nfiles == 0) return fail("nothing to render: give an .orc, .sco, .csd or .events file%s", "");
        char ferr[512];
        if (af_check_format(render, cli.format, cli.bits, ferr, sizeof ferr)) return fail("%s", ferr);
        DRV_OFFLINE_OPTS fw = { render, cli.format, cli.bits, -1, 0, 0, 0 };
        cli.record = NULL;
        return realtime(files, nfiles, argv[0], &fw);
    }
    if (cli.record || cli.record_events) return fail("--record and --record-events are for real time; offline, --render is the recording%s", "");
    if (nfiles == 0) return fail("nothing to play: give an .orc, .sco, .csd or .events file%s", "");
    static char err[ERRBUF];
    if (af_check_format(render, cli.format, cli.bits, err, sizeof err)) return fail("%s", err);

    SESSION *s = ses_new();
    char dirbuf[PATH_MAX];
    SES_OPTIONS so = { cli.sr, (int)cli.ksmps, (int)cli.channels, 0, (int)cli.voices, cli.ceiling,
                       instrdir(argv[0], dirbuf, sizeof dirbuf), 0, cli.limiter_ms, (int)cli.memory };
    int rc = load_session(s, files, nfiles, &so, err, sizeof err);
    if (*ses_notes(s)) fputs(ses_notes(s), stderr);
    if (rc) {
        print_errors(err);
        ses_free(s);
        return 1;
    }
    ENGINE *e = ses_engine(s);
    /* the limiter delays the output by its look-ahead: the render runs that much longer so the end is not cut */
    DRV_OFFLINE_OPTS oo = { render, cli.format, cli.bits, cli.duration,
                            ses_end_time(s) + eng_config(e)->limiter_ms / 1000, cli.tail, isatty(2) };
    DRV_REPORT rep;
    if (drv_offline_render(s, &oo, stderr, &rep, err, sizeof err)) {
        fprintf(stderr, "ondes: %s\n", err);
        ses_free(s);
        return 1;
    }
    const ENG_CONFIG *cfg = eng_config(e);
    ENG_STATS st;
    eng_stats(e, &st);
    double secs = (double)rep.frames / cfg->sr;
    printf("ondes: wrote %s: %.3f s, %d channel%s, %g Hz\n", render, secs, cfg->nchnls, cfg->nchnls > 1 ? "s" : "",
           cfg->sr);
    printf("peak:");
    for (int ch = 0; ch < cfg->nchnls; ch++) {
        double p = st.peak[ch];
        if (p > 0) printf("  ch%d %.2f dBFS", ch + 1, 20 * log10(p));
        else printf("  ch%d -inf dBFS", ch + 1);
    }
    printf("\n");
    ceiling_report(stdout, "", e);
    printf("max voices: %d\n", st.max_voices_seen);
    if (st.voices_refused) printf("notes refused (no free voice): %lld\n", (long long)st.voices_refused);
    if (st.nan_voices) printf("voices silenced for NaN/inf: %lld\n", (long long)st.nan_voices);
    if (st.mem_refused)
        printf("notes refused (out of note memory: pool %zu MB, peak use %zu MB; see --memory): %lld\n",
               st.mem_size >> 20, st.mem_peak >> 20, (long long)st.mem_refused);
    printf("speed: %.1fx real time (%.3f s)\n", rep.seconds > 0 ? secs / rep.seconds : 0.0, rep.seconds);
    ses_free(s);
    return 0;
}
