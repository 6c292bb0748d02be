/* main.c — the ondes command line: options, loading files, and handing the engine to a driver. */
#include "session/session.h"
#include "drivers/drivers.h"
#include "io/audiofile.h"
#include "opcodes/registry.h"
#include "osc/acl.h"
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

static void usage(FILE *f)
{
    fputs("usage: ondes [OPTIONS] [FILE...]                 real time, as a JACK client\n"
          "       ondes --render OUT.wav [OPTIONS] FILE...  offline, no JACK server needed\n"
          "\n"
          "FILE: .orc, .sco, .csd or .events (time-stamped OSC commands)\n"
          "\n"
          "offline rendering:\n"
          "  -o, --render OUT     render to OUT (wav, flac, ogg, aiff)\n"
          "  --sr N               sample rate (overrides the orchestra's)\n"
          "  --ksmps N            frames per control block\n"
          "  --channels N         output channels (nchnls)\n"
          "  --format F           wav, flac, ogg or aiff (default: from OUT's extension)\n"
          "  --bits B             16, 24 or 32f (default 24)\n"
          "  --duration S         render exactly S seconds\n"
          "  --tail S             render S seconds past the end of the score\n"
          "  --freewheel          render through a running JACK server's freewheel mode\n"
          "real time (JACK):\n"
          "  --name NAME          JACK client name (default ondes)\n"
          "  --no-connect         leave the outputs unconnected\n"
          "  --connect REGEX      connect the outputs to input ports matching REGEX\n"
          "  --port N             OSC UDP port (default 7770)\n"
          "  --bind ADDR          OSC address to listen on (default 127.0.0.1); any other\n"
          "                       (0.0.0.0, a LAN address) takes commands from the network\n"
          "  --allow CIDR         only these clients may send (192.168.1.0/24, 10.0.0.7,\n"
          "                       fd00::/8; repeatable); 127.0.0.1 and ::1 always may.  Others'\n"
          "                       packets are dropped unanswered, counted in /status\n"
          "  --data-dir DIR       files clients name (/table/read, /instr/load…) must be inside\n"
          "                       a DIR (repeatable); with a non-loopback --bind and no DIR,\n"
          "                       clients cannot read files (library instruments still load)\n"
          "  --tcp                OSC over TCP too, on the same port\n"
          "  --record OUT.wav     write what is played to OUT.wav (32-bit float)\n"
          "  --record-events F    write every command played, stamped with its frame, to F\n"
          "                       (ondes --render OUT.wav F gives the same samples)\n"
          "  --exit-at-end        stop when the given score has ended\n"
          "common:\n"
          "  --ceiling DB         master ceiling in dBFS (hard limit, default 0)\n"
          "  --limiter[=MS]       soft look-ahead limiter before the ceiling (MS look-ahead,\n"
          "                       default 5, at most 100): delays the output by MS\n"
          "  --voices N           voice pool size (default 1024)\n"
          "  --list-opcodes       the opcodes and their Csound signatures\n"
          "  -h, --help           this text\n"
          "  --version\n",
          f);
}

/* name, outputs and inputs in Csound's type letters, one form a line */
static void list_opcodes(void)
{
    int n;
    const OP_DESC *const *all = op_all(&n);
    for (int i = 0; i < n; i++)
        if (strncmp(all[i]->name, "##", 2) && strcmp(all[i]->name, "="))
            printf("%-14s %-4s %s\n", all[i]->name, *all[i]->out ? all[i]->out : "-", *all[i]->in ? all[i]->in : "-");
}

static int fail(const char *fmt, const char *a)
{
    fprintf(stderr, "ondes: ");
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    return 2;
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

/* --allow and --data-dir, kept here rather than passed down realtime()'s
 * long list: only the real-time run uses them. */
static struct {
    OSC_ACL allow;
    const char *dirs[64];
    int ndirs;
} net;

/* A non-loopback --bind: warn, and restrict the files clients may read
 * (--data-dir given on loopback restricts them too: the user asked). */
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
            fprintf(stderr, "ondes:   files clients may read: none (allow a folder with --data-dir DIR)\n");
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
static int realtime(const char *const *files, int nfiles, double sr, double ksmps, double channels, double ceiling,
                    double limiter_ms,
                    double voices, const char *argv0, const char *name, int no_connect, const char *connect_re,
                    int port, const char *bind, int tcp, const char *record, const char *record_events,
                    int exit_at_end, const DRV_OFFLINE_OPTS *fw)
{
#ifdef ONDES_REALTIME
    char err[2048];
    if (sr > 0) fprintf(stderr, "ondes: --sr is for offline renders: JACK's sample rate rules\n");
    DRV_JACK *d = drv_jack_open(name, err, sizeof err);
    if (!d) return fail("%s", err);
    SESSION *s = ses_new();
    int rc = 0;
    if (!fw && net_setup(s, bind, err, sizeof err)) rc = 1;   /* freewheel opens no OSC */
    for (int i = 0; i < nfiles && !rc; i++)
        if (ses_add_file(s, files[i], err, sizeof err)) rc = 1;
    char dirbuf[PATH_MAX];
    SES_OPTIONS so = { drv_jack_sample_rate(d), (int)ksmps, (int)channels, 0, (int)voices, ceiling,
                       instrdir(argv0, dirbuf, sizeof dirbuf), 1, limiter_ms };
    if (!rc && ses_prepare(s, &so, err, sizeof err)) rc = 1;
    if (!rc && record_events && ses_record_events(s, record_events, err, sizeof err)) rc = 1;
    if (*ses_notes(s)) fputs(ses_notes(s), stderr);
    if (rc) {
        fprintf(stderr, "%s%s\n", strstr(err, ": error: ") ? "" : "ondes: ", err);
    } else {
        DRV_JACK_OPTS jo = { .no_connect = no_connect, .connect_regex = connect_re, .port = port, .bind = bind, .tcp = tcp,
                             .record = record, .exit_at_end = exit_at_end, .end_time = ses_end_time(s) };
        jo.allow = &net.allow;
        if (fw) {   /* --render OUT --freewheel: the score through JACK's freewheel mode */
            jo.record = fw->path;
            jo.format = fw->format;
            jo.bits = fw->bits;
            jo.freewheel = 1;
            jo.exit_at_end = 1;
            jo.no_connect = 1;
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
    (void)files; (void)nfiles; (void)sr; (void)ksmps; (void)channels; (void)ceiling; (void)limiter_ms; (void)voices; (void)argv0;
    (void)name; (void)no_connect; (void)connect_re; (void)port; (void)bind; (void)tcp; (void)record; (void)record_events;
    (void)exit_at_end; (void)fw;
    return fail("this ondes was built without JACK and liblo: render offline with --render OUT.wav%s", "");
#endif
}

int main(int argc, char **argv)
{
    const char *render = NULL, *format = NULL, *bits = NULL;
    double sr = 0, ksmps = 0, channels = 0, duration = -1, tail = 0, ceiling = NAN, voices = 0, limiter_ms = 0;
    const char *name = "ondes", *connect_re = NULL, *bind = "127.0.0.1", *record = NULL, *record_events = NULL;
    int no_connect = 0, exit_at_end = 0, freewheel = 0, tcp = 0;
    double port = 7770;
    const char *files[256];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int r = 0;
        /* --opt=value spelling too */
        char optbuf[64];
        const char *eq = strchr(a, '=');
        if (a[0] == '-' && a[1] == '-' && eq && (size_t)(eq - a) < sizeof optbuf) {
            memcpy(optbuf, a, (size_t)(eq - a));
            optbuf[eq - a] = 0;
            a = optbuf;
            v = eq + 1;
            i--;   /* the value is not a separate argument */
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return 0; }
        else if (!strcmp(a, "--version")) { puts("ondes " PACKAGE_VERSION); return 0; }
        else if (!strcmp(a, "--list-opcodes")) { list_opcodes(); return 0; }
        else if (!strcmp(a, "-o") || !strcmp(a, "--render")) { if (!v) return fail("option %s needs a file name", a); render = v; }
        else if (!strcmp(a, "--sr")) r = num_opt(a, v, 1000, 768000, &sr);
        else if (!strcmp(a, "--ksmps")) r = num_opt(a, v, 1, 65536, &ksmps);
        else if (!strcmp(a, "--channels")) r = num_opt(a, v, 1, 64, &channels);
        else if (!strcmp(a, "--format")) { if (!v) return fail("option %s needs a value", a); format = v; }
        else if (!strcmp(a, "--bits")) { if (!v) return fail("option %s needs a value", a); bits = v; }
        else if (!strcmp(a, "--duration")) r = num_opt(a, v, 0, 1e7, &duration);
        else if (!strcmp(a, "--tail")) r = num_opt(a, v, 0, 1e6, &tail);
        else if (!strcmp(a, "--ceiling")) r = num_opt(a, v, -120, 24, &ceiling);
        else if (!strcmp(a, "--limiter")) {   /* a flag, or --limiter=MS */
            if (!(eq && v == eq + 1)) { limiter_ms = ENG_LIM_DEFAULT_MS; continue; }
            r = num_opt(a, v, 0.1, ENG_LIM_MAX_MS, &limiter_ms);
        }
        else if (!strcmp(a, "--voices")) r = num_opt(a, v, 1, 1 << 20, &voices);
        else if (!strcmp(a, "--name")) { if (!v) return fail("option %s needs a value", a); name = v; }
        else if (!strcmp(a, "--connect")) { if (!v) return fail("option %s needs a value", a); connect_re = v; }
        else if (!strcmp(a, "--bind")) { if (!v) return fail("option %s needs a value", a); bind = v; }
        else if (!strcmp(a, "--allow")) {
            char e[300];
            if (!v) return fail("option %s needs a value", a);
            if (osc_acl_add(&net.allow, v, e, sizeof e)) return fail("%s", e);
        } else if (!strcmp(a, "--data-dir")) {
            struct stat st;
            if (!v) return fail("option %s needs a value", a);
            if (stat(v, &st)) {
                fprintf(stderr, "ondes: --data-dir '%s': %s\n", v, strerror(errno));
                return 2;
            }
            if (!S_ISDIR(st.st_mode)) {
                fprintf(stderr, "ondes: --data-dir '%s': not a directory\n", v);
                return 2;
            }
            if (net.ndirs == 64) return fail("too many --data-dir folders (at most 64)%s", "");
            net.dirs[net.ndirs++] = v;
        }
        else if (!strcmp(a, "--record")) { if (!v) return fail("option %s needs a file name", a); record = v; }
        else if (!strcmp(a, "--record-events")) { if (!v) return fail("option %s needs a file name", a); record_events = v; }
        else if (!strcmp(a, "--port")) r = num_opt(a, v, 1, 65535, &port);
        else if (!strcmp(a, "--no-connect")) { no_connect = 1; continue; }
        else if (!strcmp(a, "--exit-at-end")) { exit_at_end = 1; continue; }
        else if (!strcmp(a, "--freewheel")) { freewheel = 1; continue; }
        else if (!strcmp(a, "--tcp")) { tcp = 1; continue; }
        else if (a[0] == '-' && a[1]) return fail("unknown option '%s' (see ondes --help)", a);
        else {
            if (nfiles == 256) return fail("too many files%s", "");
            files[nfiles++] = a;
            continue;
        }
        if (r) return r;
        if (ksmps != floor(ksmps) || channels != floor(channels) || voices != floor(voices))
            return fail("option %s needs a whole number", a);
        i++;
    }
    if (!render) return realtime(files, nfiles, sr, ksmps, channels, ceiling, limiter_ms, voices, argv[0], name, no_connect,
                                 connect_re, (int)port, bind, tcp, record, record_events, exit_at_end, NULL);
    if (freewheel) {
        if (nfiles == 0) return fail("nothing to render: give an .orc, .sco, .csd or .events file%s", "");
        char ferr[512];
        if (af_check_format(render, format, bits, ferr, sizeof ferr)) return fail("%s", ferr);
        DRV_OFFLINE_OPTS fw = { render, format, bits, -1, 0, 0, 0 };
        return realtime(files, nfiles, sr, ksmps, channels, ceiling, limiter_ms, voices, argv[0], name, 1, NULL, (int)port,
                        bind, 0, NULL, record_events, 1, &fw);
    }
    if (record || record_events) return fail("--record and --record-events are for real time; offline, --render is the recording%s", "");
    if (nfiles == 0) return fail("nothing to play: give an .orc, .sco, .csd or .events file%s", "");
    char err[2048];
    if (af_check_format(render, format, bits, err, sizeof err)) return fail("%s", err);

    SESSION *s = ses_new();
    int rc = 0;
    for (int i = 0; i < nfiles && !rc; i++)
        if (ses_add_file(s, files[i], err, sizeof err)) rc = 1;
    char dirbuf[PATH_MAX];
    SES_OPTIONS so = { sr, (int)ksmps, (int)channels, 0, (int)voices, ceiling, instrdir(argv[0], dirbuf, sizeof dirbuf), 0,
                       limiter_ms };
    if (!rc && ses_prepare(s, &so, err, sizeof err)) rc = 1;
    if (*ses_notes(s)) fputs(ses_notes(s), stderr);
    if (rc) {
        /* errors in code name their file:line:col; others are the command line's */
        fprintf(stderr, "%s%s\n", strstr(err, ": error: ") ? "" : "ondes: ", err);
        ses_free(s);
        return 1;
    }
    ENGINE *e = ses_engine(s);
    /* the limiter delays the output by its look-ahead: the render runs that much longer so the end is not cut */
    DRV_OFFLINE_OPTS oo = { render, format, bits, duration, ses_end_time(s) + eng_config(e)->limiter_ms / 1000, tail,
                            isatty(2) };
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
    printf("speed: %.1fx real time (%.3f s)\n", rep.seconds > 0 ? secs / rep.seconds : 0.0, rep.seconds);
    ses_free(s);
    return 0;
}
