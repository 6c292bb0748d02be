/* test_ftable.c — every GEN against tables made by Csound 6 (tests/ftable_ref), GEN 1 files, errors, the built-in sine. */
#include "check.h"
#include "../../src/engine/ftable.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sndfile.h>

/*
 * Tolerance: 1e-6, relative to the value once it exceeds 1.  Csound keeps
 * tables in double, ondes in float; both compute in double the same way, so
 * the only expected difference is the final rounding to float (at most
 * 6e-8 relative) plus last-bit differences between libm builds.  1e-6 is
 * well above that and far below what any real deviation produces (a point
 * off by one index in these tables moves values by 1e-2 or more).
 */
#define TOL 1e-6

#define SR 48000.0

static char refdir[1024];
static char tmpdir[256];

/* ---- the GEN 1 sounds: same samples as make_refs.sh writes ---- */

static int mono_sample(int i)  { return ((i * 7919) % 2001 - 1000) * 30; }
static int right_sample(int i) { return ((i * 104729) % 1999 - 999) * -25; }

static int write_wav(const char *name, int nch, int sr, const SF_INSTRUMENT *inst)
{
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    SF_INFO info;
    memset(&info, 0, sizeof info);
    info.samplerate = sr;
    info.channels = nch;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    if (!sf) {
        fprintf(stderr, "cannot write %s: %s\n", path, sf_strerror(NULL));
        return -1;
    }
    if (inst && sf_command(sf, SFC_SET_INSTRUMENT, (void *)inst, sizeof *inst) != SF_TRUE) {
        fprintf(stderr, "cannot set the instrument chunk of %s\n", path);
        sf_close(sf);
        return -1;
    }
    short s[200];
    for (int i = 0; i < 100; i++) {
        if (nch == 1) s[i] = (short)mono_sample(i);
        else { s[2 * i] = (short)mono_sample(i); s[2 * i + 1] = (short)right_sample(i); }
    }
    sf_count_t n = sf_writef_short(sf, s, 100);
    sf_close(sf);
    return n == 100 ? 0 : -1;
}

/* ---- reading cases.txt and ref.txt ---- */

typedef struct {
    int num, size, gen, nargs;
    double args[64];
    char file[64];          /* GEN 1's file name, or "" */
} CASE;

static int parse_case(const char *line, CASE *c)
{
    memset(c, 0, sizeof *c);
    const char *p = line;
    int n;
    if (sscanf(p, "%d %d %d%n", &c->num, &c->size, &c->gen, &n) != 3)
        return -1;
    p += n;
    for (;;) {
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '\0' || *p == '\n' || *p == '\r') break;
        if (c->nargs >= 64) return -1;
        if (*p == '"') {                    /* the file: its p-field slot stays, value unused */
            const char *q = strchr(p + 1, '"');
            if (!q || (size_t)(q - p - 1) >= sizeof c->file) return -1;
            memcpy(c->file, p + 1, (size_t)(q - p - 1));
            c->file[q - p - 1] = '\0';
            c->args[c->nargs++] = 0.0;
            p = q + 1;
        } else {
            char *end;
            c->args[c->nargs++] = strtod(p, &end);
            if (end == p) return -1;
            p = end;
        }
    }
    return 0;
}

typedef struct {
    int num, flen, lenmask, lobits, nchnls;
    double sr;
    double *v;              /* flen + 1 values */
} REF;

static REF *refs;
static int nrefs;

static int load_refs(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/ref.txt", refdir);
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "cannot open %s\n", path); return -1; }
    char line[256];
    REF *cur = NULL;
    int k = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == 'T') {
            refs = realloc(refs, sizeof *refs * (size_t)(nrefs + 1));
            cur = &refs[nrefs++];
            memset(cur, 0, sizeof *cur);
            if (sscanf(line, "T %d %d %d %d %d %lf", &cur->num, &cur->flen, &cur->lenmask,
                       &cur->lobits, &cur->nchnls, &cur->sr) != 6) {
                fprintf(stderr, "bad line in ref.txt: %s", line);
                fclose(f);
                return -1;
            }
            cur->v = calloc((size_t)cur->flen + 1, sizeof *cur->v);
            k = 0;
        } else if (cur && k <= cur->flen) {
            cur->v[k++] = strtod(line, NULL);
        }
    }
    fclose(f);
    return nrefs > 0 ? 0 : -1;
}

static const REF *find_ref(int num)
{
    for (int i = 0; i < nrefs; i++)
        if (refs[i].num == num) return &refs[i];
    return NULL;
}

/* ---- the comparison ---- */

static double maxdiff[64];          /* by |GEN| */
static int seen[64];

static void compare_case(const CASE *c)
{
    const REF *r = find_ref(c->num);
    CHECKF(r != NULL, "no reference for table %d: run tests/ftable_ref/make_refs.sh", c->num);
    if (!r) return;
    char path[1400] = "", err[512];
    if (c->file[0])
        snprintf(path, sizeof path, "%s/%s", tmpdir, c->file);
    FTABLE *t = ftable_gen(c->num, c->size, c->gen, c->args, c->nargs,
                           c->file[0] ? path : NULL, SR, err, sizeof err);
    CHECKF(t != NULL, "table %d (GEN %d): %s", c->num, c->gen, err);
    if (!t) return;
    CHECKF(t->size == r->flen, "table %d: size %d, Csound %d", c->num, t->size, r->flen);
    CHECK(t->num == c->num);
    if (c->size != 0) {
        CHECKF(t->lenmask == r->lenmask, "table %d: lenmask %d, Csound %d", c->num,
               t->lenmask, r->lenmask);
        CHECKF(t->lobits == r->lobits, "table %d: lobits %d, Csound %d", c->num,
               t->lobits, r->lobits);
    } else {
        /* Csound marks deferred tables 0/0; op.h's contract is by size. */
        int p2 = t->size > 0 && (t->size & (t->size - 1)) == 0;
        CHECK(t->lenmask == (p2 ? t->size - 1 : -1));
    }
    int agen = abs(c->gen);
    if (agen == 1) {
        CHECKF(t->nchnls == r->nchnls, "table %d: nchnls %d, Csound %d", c->num,
               t->nchnls, r->nchnls);
        CHECKF(t->sr == r->sr, "table %d: sr %g, Csound %g", c->num, t->sr, r->sr);
        CHECK(t->gen01_base_freq == 0.0);
    } else {
        CHECK(t->nchnls == 1);
        CHECK(t->sr == 0.0);
    }
    if (t->size == r->flen) {
        int bad = 0;
        for (int i = 0; i <= r->flen; i++) {
            double ref = r->v[i], d = fabs((double)t->data[i] - ref);
            double tol = TOL * (fabs(ref) > 1.0 ? fabs(ref) : 1.0);
            if (d > maxdiff[agen]) maxdiff[agen] = d;
            if (!(d <= tol) && bad++ < 3)
                CHECKF(0, "table %d (GEN %d) point %d%s: %.9g, Csound %.9g", c->num, c->gen,
                       i, i == r->flen ? " (guard)" : "", (double)t->data[i], ref);
        }
        CHECKF(bad == 0, "table %d: %d points differ from Csound", c->num, bad);
    }
    seen[agen]++;
    ftable_free(t);
}

static void test_against_csound(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/cases.txt", refdir);
    FILE *f = fopen(path, "r");
    CHECKF(f != NULL, "cannot open %s", path);
    if (!f) return;
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '#' || *p == '\n' || *p == '\0') continue;
        CASE c;
        CHECKF(parse_case(p, &c) == 0, "bad case line: %s", line);
        compare_case(&c);
        n++;
    }
    fclose(f);
    CHECK(n == nrefs);
    printf("max |ondes - Csound| per GEN (%d tables):\n", n);
    for (int g = 0; g < 64; g++)
        if (seen[g])
            printf("  GEN %2d: %2d tables, max diff %.3g\n", g, seen[g], maxdiff[g]);
}

/* ---- GEN 1 beyond the references ---- */

static void test_gen01_more(void)
{
    char path[1400], err[512];
    double a[4] = { 0, 0, 0, 0 };

    /* The samples themselves: 16-bit s reads as s / 32768. */
    snprintf(path, sizeof path, "%s/g1_stereo.wav", tmpdir);
    a[3] = 2;
    FTABLE *t = ftable_gen(5, 0, -1, a, 4, path, SR, err, sizeof err);
    CHECKF(t != NULL, "%s", err);
    if (t) {
        CHECK(t->size == 100 && t->nchnls == 1 && t->sr == 22050.0);
        int ok = 1;
        for (int i = 0; i < 100; i++)
            if (t->data[i] != (float)(right_sample(i) / 32768.0)) ok = 0;
        CHECK(ok);
        CHECK(t->data[100] == t->data[0]);
        ftable_free(t);
    }

    /* The instrument chunk gives the base frequency: middle C + 50 cents. */
    SF_INSTRUMENT inst;
    memset(&inst, 0, sizeof inst);
    inst.basenote = 60;
    inst.detune = 50;
    inst.velocity_hi = 127;
    inst.key_hi = 127;
    if (write_wav("g1_inst.wav", 1, 44100, &inst) == 0) {
        snprintf(path, sizeof path, "%s/g1_inst.wav", tmpdir);
        a[3] = 0;
        t = ftable_gen(6, 0, 1, a, 4, path, SR, err, sizeof err);
        CHECKF(t != NULL, "%s", err);
        if (t) {
            double want = 440.0 * pow(2.0, (60 - 69 + 0.5) / 12.0);
            CHECKF(fabs(t->gen01_base_freq - want) < 1e-9, "base freq %g, want %g",
                   t->gen01_base_freq, want);
            ftable_free(t);
        }
    }

    /* A float file keeps values past full scale with -1. */
    snprintf(path, sizeof path, "%s/g1_float.wav", tmpdir);
    SF_INFO info = { .samplerate = 48000, .channels = 1,
                     .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    CHECK(sf != NULL);
    if (sf) {
        float v[5] = { 0.5f, -2.0f, 3.25f, 0.0f, 1.0f };
        sf_writef_float(sf, v, 5);
        sf_close(sf);
        t = ftable_gen(7, 8, -1, a, 4, path, SR, err, sizeof err);
        CHECKF(t != NULL, "%s", err);
        if (t) {
            CHECK(t->data[1] == -2.0f && t->data[2] == 3.25f && t->data[5] == 0.0f);
            CHECK(t->data[8] == 0.5f);               /* guard: data[0] */
            ftable_free(t);
        }
        t = ftable_gen(8, 8, 1, a, 4, path, SR, err, sizeof err);
        CHECK(t && t->data[2] == 1.0f && t->data[0] == (float)(0.5 / 3.25));
        ftable_free(t);
    }

    /* A headerless 16-bit file (format -4) at the engine's rate. */
    snprintf(path, sizeof path, "%s/g1.raw", tmpdir);
    FILE *rf = fopen(path, "wb");
    CHECK(rf != NULL);
    if (rf) {
        int16_t s[4] = { 16384, -8192, 0, 32767 };  /* host order: libsndfile's raw default */
        fwrite(s, sizeof s, 1, rf);
        fclose(rf);
        double ra[4] = { 0, 0, -4, 0 };
        t = ftable_gen(9, 0, -1, ra, 4, path, SR, err, sizeof err);
        CHECKF(t != NULL, "%s", err);
        if (t) {
            CHECK(t->size == 4 && t->sr == SR);
            CHECK(t->data[0] == 0.5f && t->data[1] == -0.25f && t->data[2] == 0.0f);
            ftable_free(t);
        }
    }
}

/* ---- errors: a clear message, never a table ---- */

static void expect_error(int size, int gen, const double *a, int na, const char *path,
                         const char *needle)
{
    char err[512];
    memset(err, 'x', sizeof err);
    FTABLE *t = ftable_gen(1, size, gen, a, na, path, SR, err, sizeof err);
    CHECKF(t == NULL, "GEN %d size %d should fail with \"%s\"", gen, size, needle);
    ftable_free(t);
    CHECKF(memchr(err, '\0', sizeof err) != NULL && strstr(err, needle) != NULL,
           "GEN %d: message \"%.200s\" lacks \"%s\"", gen, err, needle);
}

static void test_errors(void)
{
    char path[1400];
    double a[8] = { 0, 0, 0, 0 };

    snprintf(path, sizeof path, "%s/no-such-file.wav", tmpdir);
    expect_error(0, 1, a, 4, path, "GEN1: cannot open");
    expect_error(0, 1, a, 4, path, "no-such-file.wav");
    expect_error(0, 1, a, 4, path, "No such file or directory");   /* the reason (open(2)'s, before libsndfile) */

    snprintf(path, sizeof path, "%s/notes.txt", tmpdir);
    FILE *f = fopen(path, "w");
    if (f) {
        for (int i = 0; i < 50; i++) fputs("this is not a sound file\n", f);
        fclose(f);
    }
    expect_error(0, 1, a, 4, path, "GEN1: cannot open");
    expect_error(0, 1, a, 4, path, "notes.txt");

    /* a FIFO (or a device) is refused at once: opening it for reading would wait for a writer */
    snprintf(path, sizeof path, "%s/pipe.wav", tmpdir);
    if (mkfifo(path, 0600) == 0) {
        expect_error(0, 1, a, 4, path, "not a regular file");
        unlink(path);
    }
    expect_error(0, 1, a, 4, tmpdir, "a directory");

    snprintf(path, sizeof path, "%s/g1_stereo.wav", tmpdir);
    double ch3[4] = { 0, 0, 0, 3 };
    expect_error(0, 1, ch3, 4, path, "channel 3");
    double chneg[4] = { 0, 0, 0, -1 };
    expect_error(0, 1, chneg, 4, path, "channel -1");
    double skip[4] = { 0, 10, 0, 0 };
    expect_error(0, 1, skip, 4, path, "past the end");
    double hugeskip[4] = { 0, 1e300, 0, 0 };
    expect_error(0, 1, hugeskip, 4, path, "past the end");
    double fmt[4] = { 0, 0, -12, 0 };
    expect_error(0, 1, fmt, 4, path, "format");
    expect_error(0, 1, a, 2, path, "needs 4 arguments");
    expect_error(0, 1, a, 4, NULL, "no file name");

    double one[1] = { 1 };
    expect_error(0, 10, one, 1, NULL, "GEN10: size 0");
    expect_error(16, 10, NULL, 0, NULL, "GEN10: no arguments");
    expect_error(16, 3, one, 1, NULL, "unknown GEN number 3");
    expect_error(16, 0, one, 1, NULL, "unknown GEN number 0");
    expect_error(16, -99, one, 1, NULL, "unknown GEN number -99");
    expect_error(16, 21, one, 1, NULL, "GEN21: random distributions");
    expect_error(0x20000000, 10, one, 1, NULL, "too large");
    expect_error(-0x20000000, 10, one, 1, NULL, "too large");

    double seg[5] = { 0, 8, 1, -8, 0 };
    expect_error(16, 7, seg, 5, NULL, "GEN7: segment lengths must not be negative");
    expect_error(16, 5, seg, 5, NULL, "GEN5: values must not be zero");
    double e5[5] = { 1, 8, -1, 8, 1 };
    expect_error(16, 5, e5, 5, NULL, "GEN5: values must be non-zero and of one sign");
    double e5b[5] = { 1, 8, 0, 8, 1 };
    expect_error(16, 5, e5b, 5, NULL, "GEN5: values must be non-zero");
    double e17[4] = { 1, 1, 4, 2 };
    expect_error(16, 17, e17, 4, NULL, "GEN17: the first x must be 0");
    double e17b[6] = { 0, 1, 4, 2, 3, 1 };
    expect_error(16, 17, e17b, 6, NULL, "GEN17: x values must increase");
    expect_error(16, 17, one, 1, NULL, "GEN17: needs at least one");
    double z[1] = { 0 };
    expect_error(16, 11, z, 1, NULL, "GEN11: number of harmonics");
    double w[1] = { 12 };
    expect_error(16, 20, w, 1, NULL, "GEN20: no window type 12");

    /* Hostile numbers make a table, not a crash. */
    double nan7[5] = { 0, NAN, 1, 1e300, 2 };
    FTABLE *t = ftable_gen(1, 16, 7, nan7, 5, NULL, SR, NULL, 0);
    CHECK(t != NULL);
    ftable_free(t);
    double big16[4] = { 0, 1e12, 0, 1 };
    t = ftable_gen(1, 16, 16, big16, 4, NULL, SR, NULL, 0);
    CHECK(t != NULL);
    ftable_free(t);
    double big11[1] = { 3e9 };
    t = ftable_gen(1, 16, 11, big11, 1, NULL, SR, NULL, 0);
    CHECK(t != NULL);
    ftable_free(t);
    double nanskip[4] = { 0, NAN, 0, 0 };           /* no skip */
    snprintf(path, sizeof path, "%s/g1_mono.wav", tmpdir);
    t = ftable_gen(1, 0, -1, nanskip, 4, path, SR, NULL, 0);
    CHECK(t != NULL && t->size == 100);
    ftable_free(t);
    ftable_free(NULL);
}

/* ---- large GEN 9/10/19 tables: the rotation recurrence ---- */

/* The same table by a sine per point per partial (the small-table code,
 * Csound's), in double, rescaled as a positive GEN is; a power-of-two size's
 * guard point copies point 0. */
static double *direct_partials(int gen, int flen, int wrap, const double *a, int na)
{
    double *d = calloc((size_t)flen + 1, sizeof *d);
    double tpdlen = 6.28318530717958647692 / flen;
    if (gen == 10) {
        for (int h = na; h >= 1; h--)
            for (int64_t i = 0; i <= flen; i++) d[i] += sin((double)(h * i % flen) * tpdlen) * a[h - 1];
    } else {
        int per = gen == 19 ? 4 : 3;
        for (int k = 0; k + per <= na; k += per)
            for (int64_t i = 0; i <= flen; i++)
                d[i] += sin(a[k + 2] * 0.0174532925199433 + (double)i * a[k] * tpdlen) * a[k + 1]
                        + (per == 4 ? a[k + 3] : 0);
    }
    if (wrap) d[flen] = d[0];
    double peak = 0;
    for (int i = 0; i <= flen; i++) peak = fmax(peak, fabs(d[i]));
    for (int i = 0; i <= flen; i++) d[i] /= peak;
    return d;
}

/* Tolerance: 1e-6 of the peak (rescaled to 1), as against Csound above;
 * the recurrence's own error is near 1e-13, so the float rounding is all
 * that shows. */
static void test_large_partials(void)
{
    double h64[64];
    for (int i = 0; i < 64; i++) h64[i] = 1.0 / (i + 1);
    const double g9[] = { 1, 1, 0, 2.5, 0.5, 90, 7.25, 0.25, 33, 0.5, 0.3, 180 };
    const double g19[] = { 1, 1, 0, 0.5, 3.5, 0.4, 45, -0.2 };
    struct { int size, gen; const double *a; int na; } c[] = {
        { 1 << 17, 10, h64, 64 }, { (1 << 16) + 1, 10, h64, 7 }, { 100003, 10, h64, 5 },
        { 1 << 17, 9, g9, 12 }, { -70001, 9, g9, 12 }, { 1 << 16, 19, g19, 8 },
    };
    for (size_t k = 0; k < sizeof c / sizeof *c; k++) {
        char err[256];
        FTABLE *t = ftable_gen(1, c[k].size, c[k].gen, c[k].a, c[k].na, NULL, SR, err, sizeof err);
        CHECKF(t != NULL, "large GEN %d: %s", c[k].gen, err);
        if (!t) continue;
        double *d = direct_partials(c[k].gen, t->size, c[k].size == t->size, c[k].a, c[k].na);
        double md = 0;
        for (int i = 0; i <= t->size; i++) md = fmax(md, fabs(t->data[i] - d[i]));
        CHECKF(md < TOL, "large GEN %d, size %d: differs from a sine per point by %g", c[k].gen, c[k].size, md);
        free(d);
        ftable_free(t);
    }
}

/* ---- the built-in sine ---- */

static int sine_thread(void *arg)
{
    *(const FTABLE **)arg = ftable_sine();
    return 0;
}

static void test_sine(void)
{
    const FTABLE *got[4] = { 0 };
    thrd_t th[4];
    for (int i = 0; i < 4; i++)
        thrd_create(&th[i], sine_thread, &got[i]);
    for (int i = 0; i < 4; i++)
        thrd_join(th[i], NULL);
    const FTABLE *s = ftable_sine();
    for (int i = 0; i < 4; i++)
        CHECK(got[i] == s);
    CHECK(s->size == 16384 && s->lenmask == 16383 && s->lobits == 14 && s->num == -1);
    CHECK(s->data[0] == 0.0f && s->data[16384] == 0.0f);
    double md = 0.0;
    for (int i = 0; i < 16384; i++) {
        double d = fabs(s->data[i] - sin(2.0 * M_PI * i / 16384.0));
        if (d > md) md = d;
    }
    CHECKF(md < 1e-7, "sine differs by %g", md);
    CHECK(s->data[4096] == 1.0f && s->data[12288] == -1.0f);
    ftable_free((FTABLE *)s);                       /* ignored: static */
    CHECK(ftable_sine()->data[4096] == 1.0f);
}

int main(void)
{
    const char *src = getenv("srcdir");
    snprintf(refdir, sizeof refdir, "%s/tests/ftable_ref", src && *src ? src : ".");
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_ftable.XXXXXX");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    if (load_refs() != 0 || write_wav("g1_mono.wav", 1, 44100, NULL) != 0
        || write_wav("g1_stereo.wav", 2, 22050, NULL) != 0) {
        fprintf(stderr, "test_ftable: setup failed (reference files in %s?)\n", refdir);
        return 1;
    }

    test_against_csound();
    test_gen01_more();
    test_errors();
    test_sine();
    test_large_partials();

    /* Clean the scratch files. */
    const char *names[] = { "g1_mono.wav", "g1_stereo.wav", "g1_inst.wav", "g1_float.wav",
                            "g1.raw", "notes.txt" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[1400];
        snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    for (int i = 0; i < nrefs; i++) free(refs[i].v);
    free(refs);
    return CHECK_RESULT();
}
