/* fuzz_osc.c — libFuzzer harness: raw OSC packets (bundles too) through liblo, osc.c's handler and the session into a live engine. */
#include "../../src/osc/osc.h"
#include "../../src/engine/engine.h"
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * One input is one or more UDP packets separated by the 4 bytes "||||"
 * (tests/fuzz/dict/osc.dict has it), so a /sched and a later /set or
 * /automate of the same id reach the engine in different blocks.  After
 * each packet the engine runs two ksmps blocks on this thread, which drains
 * the command ring as the JACK callback would; at the end it runs a few
 * more and the replies are read.  Relative paths (/table/read "a.wav",
 * /instr/load "a.orc") resolve in a scratch folder made here.
 */

#define SEP "||||"
#define KSMPS 16
#define RESET_EVERY 200

/* Instruments with named parameters, a release, a table reader, channels,
 * and one that divides by its p4 (NaN/inf voices). */
static const char ORC[] =
    "sr = 48000\nksmps = 16\nnchnls = 2\n0dbfs = 1\n"
    "gitab ftgen 1, 0, 1024, 10, 1\n"
    "instr 1\n kamp = p4\n kmidi = p5\n kpan = p6\n"
    " kenv madsr 0.01, 0.1, 0.7, 0.05\n"
    " asig oscili kamp * kenv, mtof:k(kmidi)\n"
    " aL, aR pan2 asig, kpan\n outch 1, aL, 2, aR\nendin\n"
    "instr tab\n itab = p4\n kspeed = p5\n"
    " asig loscil 0.5, kspeed, itab, 1\n outs asig, asig\nendin\n"
    "instr chn\n kx = p4\n kc chnget \"cutoff\"\n asig noise 0.1, 0\n"
    " af butterlp asig, kc + kx\n aenv linsegr 1, p3, 1, 0.02, 0\n"
    " outs af * aenv, af * aenv\n chnset kx, \"out\"\nendin\n"
    "instr nan\n kd = p4\n asig oscili 1 / kd, 440\n outch 1, asig\nendin\n";

static char orc_path[256];
static char work_dir[256];
static int start_dir = -1;

static void cleanup(void)
{
    if (chdir(work_dir) == 0) {
        unlink("a.orc");
        unlink("a.wav");
    }
    unlink(orc_path);
    rmdir(work_dir);
}

/* The harness's clock: "now" is a fixed NTP time at frame 0 plus the frames run. */
#define NTP_NOW 3900000000.0
static int64_t tmap(void *ud, uint32_t sec, uint32_t frac)
{
    SESSION *s = ud;
    ENGINE *e = ses_engine(s);
    double tag = (double)sec + frac / 4294967296.0;
    double now = NTP_NOW + (double)eng_frame(e) / eng_config(e)->sr;
    return eng_frame(e) + (int64_t)llround((tag - now) * eng_config(e)->sr);
}

static void run_blocks(ENGINE *e, int n)
{
    float l[KSMPS], r[KSMPS];
    float *out[2] = { l, r };
    for (int i = 0; i < n; i++) eng_process(e, out, NULL, KSMPS);
    char msg[4096];
    while (eng_msg_read(e, msg, sizeof msg) > 0) {}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    /* relative paths in /table/read and /instr/load land in a scratch folder
     * holding one small .orc, so those paths are reachable */
    snprintf(work_dir, sizeof work_dir, "/tmp/ondes-fuzz-osc-%d", (int)getpid());
    mkdir(work_dir, 0700);
    start_dir = open(".", O_RDONLY | O_DIRECTORY);
    if (start_dir < 0 || chdir(work_dir) != 0) abort();
    FILE *f = fopen("a.orc", "w");
    fputs("instr lib\n kamp = p4\n asig oscili kamp, 220\n outch 2, asig\nendin\n", f);
    fclose(f);
    /* a.wav: 64 frames of 16-bit mono PCM, for /table/read and GEN 1 */
    static const unsigned char hdr[44] = { 'R', 'I', 'F', 'F', 36 + 128, 0, 0, 0, 'W', 'A', 'V', 'E',
                                           'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0, 0x80, 0xbb, 0, 0,
                                           0, 0x77, 1, 0, 2, 0, 16, 0, 'd', 'a', 't', 'a', 128, 0, 0, 0 };
    f = fopen("a.wav", "wb");
    fwrite(hdr, 1, sizeof hdr, f);
    for (int i = 0; i < 64; i++) {
        short v = (short)(i * 400 - 12800);
        fwrite(&v, sizeof v, 1, f);
    }
    fclose(f);
    snprintf(orc_path, sizeof orc_path, "%s/fuzz.orc", work_dir);
    f = fopen(orc_path, "w");
    fputs(ORC, f);
    fclose(f);
    atexit(cleanup);
    if (fchdir(start_dir) != 0) abort();
    return 0;
}

/* A session and its OSC server, made as ondes makes them for JACK. */
static SESSION *ses;
static OSC_SERVER *osc;
static int uses;

static void teardown(void)
{
    osc_close(osc);
    ses_free(ses);
    osc = NULL;
    ses = NULL;
}

static void setup(void)
{
    char err[1024];
    ses = ses_new();
    if (ses_add_file(ses, orc_path, err, sizeof err)) { fprintf(stderr, "%s\n", err); abort(); }
    SES_OPTIONS opt;
    memset(&opt, 0, sizeof opt);
    opt.max_voices = 8;
    opt.instrdir = ONDES_FUZZ_INSTRDIR;   /* the library: /sched "sine" loads instruments/sine.orc */
    if (ses_prepare(ses, &opt, err, sizeof err)) { fprintf(stderr, "%s\n", err); abort(); }
    osc = osc_open(ses, "0", "127.0.0.1", 0, tmap, NULL, ses, err, sizeof err);
    if (!osc) { fprintf(stderr, "%s\n", err); abort(); }
    if (ses_go_live(ses, err, sizeof err)) { fprintf(stderr, "%s\n", err); abort(); }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A new engine costs ~10 ms under ASan (its rings and queue are
     * megabytes of shadow memory to map), so one session serves RESET_EVERY
     * inputs, each ended by a /panic; what they leave behind (tables,
     * channels, ids, far-future events) is bounded by that count.
     * FUZZ_OSC_FRESH=1 gives each input its own session, to reproduce a
     * crash that may depend on an earlier input (tools/fuzz.sh --regress). */
    static int fresh = -1;
    if (fresh < 0) fresh = getenv("FUZZ_OSC_FRESH") != NULL;
    if (ses && uses >= RESET_EVERY) teardown();
    if (!ses) {
        setup();
        uses = 0;
    }
    uses++;
    if (chdir(work_dir) != 0) abort();
    ENGINE *e = ses_engine(ses);
    const uint8_t *p = data, *end = data + size;
    while (p <= end) {
        const uint8_t *q = memmem(p, (size_t)(end - p), SEP, 4);
        if (!q) q = end;
        osc_feed(osc, p, (size_t)(q - p));
        run_blocks(e, 2);
        p = q + 4;
    }
    run_blocks(e, 8);
    osc_poll(osc, 0);   /* the last replies (and tables handed back to be freed) */
    if (getenv("FUZZ_OSC_VERBOSE")) {   /* to check what a seed reaches */
        ENG_STATS st;
        eng_stats(e, &st);
        fprintf(stderr, "fuzz_osc: %lld frames, %d voices at most, %lld refused by osc, %lld voices refused, "
                "%lld NaN voices, %lld late\n", (long long)st.frames, st.max_voices_seen,
                (long long)osc_count_refused(osc), (long long)st.voices_refused, (long long)st.nan_voices,
                (long long)st.late_events);
    }
    static const char panic[] = "/panic\0\0,\0\0\0";
    osc_feed(osc, panic, sizeof panic - 1);
    run_blocks(e, 1);
    osc_poll(osc, 0);
    if (fresh) teardown();   /* within the input: what it leaks is reported for it */
    if (fchdir(start_dir) != 0) abort();   /* libFuzzer's relative paths stay its own */
    return 0;
}
