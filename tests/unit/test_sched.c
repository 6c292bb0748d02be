/* test_sched.c — the scheduler: events land on their exact frame (mid-block too), equal frames keep their order, notes end and release on time. */
#include "check.h"
#include "engine_kit.h"
#include "../../src/engine/engine.h"
#include "../../src/engine/sched.h"
#include "../../src/lang/orch.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SR 48000
#define KS 32

/* instr 1 outputs its p4 as a constant signal; instr 2 adds p4 at k-rate into gk1. */
static const char *ORC =
    "sr = 48000\nksmps = 32\nnchnls = 1\n0dbfs = 1\n"
    "gk1 = 0\n"
    "instr 1\n kv = p4\n a1 = kv\n out a1\nendin\n"
    "instr 2\n gk1 = gk1 + p4\nendin\n";

static ENGINE *make(LANG_ORCH **po, char *err) { return kit_engine(ORC, "sched.orc", 16, 0, po, err); }

static ENG_EVENT start(int64_t frame, int id, int instr, double dur, double p4)
{
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_START;
    ev.frame = frame;
    ev.id = id;
    ev.instr = instr;
    ev.np = 4;
    ev.p[1] = instr;
    ev.p[2] = (double)frame / SR;
    ev.p[3] = dur;
    ev.p[4] = p4;
    return ev;
}

static float *render(ENGINE *e, int n, int chunk)
{
    float *out = calloc((size_t)n, sizeof(float));
    for (int done = 0; done < n; done += chunk) {
        float *p[1] = { out + done };
        eng_process(e, p, NULL, n - done < chunk ? n - done : chunk);
    }
    return out;
}

static int first_nonzero(const float *x, int n)
{
    for (int i = 0; i < n; i++)
        if (x[i] != 0) return i;
    return -1;
}

static int last_nonzero(const float *x, int n)
{
    for (int i = n - 1; i >= 0; i--)
        if (x[i] != 0) return i;
    return -1;
}

int main(void)
{
    char err[512];

    /* the heap alone: frame order, then insertion order */
    SCHED s;
    CHECK(sched_init(&s, 8) == 0);
    int64_t frames[] = { 50, 10, 50, 30, 10, 0, 99, 50 };
    for (int i = 0; i < 8; i++) {
        ENG_EVENT ev;
        memset(&ev, 0, sizeof ev);
        ev.frame = frames[i];
        ev.id = i;
        CHECK(sched_push(&s, &ev) == 0);
    }
    ENG_EVENT extra;
    memset(&extra, 0, sizeof extra);
    CHECK(sched_push(&s, &extra) == -1);   /* full: refused, never grown */
    int expect_ids[] = { 5, 1, 4, 3, 0, 2, 7, 6 };
    for (int i = 0; i < 8; i++) {
        ENG_EVENT ev;
        sched_pop(&s, &ev);
        CHECKF(ev.id == expect_ids[i], "pop %d gave id %d", i, ev.id);
    }
    CHECK(sched_peek(&s) == NULL);
    sched_free(&s);

    /* a note starting mid-block starts on its exact frame and ends on its exact frame */
    LANG_ORCH *o;
    ENGINE *e = make(&o, err);
    CHECKF(e != NULL, "%s", err);
    if (!e) return CHECK_RESULT();
    int64_t f0 = 1000;   /* 1000 = 31 blocks + 8 frames */
    ENG_EVENT ev = start(f0, 1, 1, 0.01, 0.5);
    eng_schedule(e, &ev);
    float *out = render(e, 4800, 100);   /* a period that is not a multiple of ksmps */
    CHECKF(first_nonzero(out, 4800) == 1000, "first frame %d", first_nonzero(out, 4800));
    CHECKF(last_nonzero(out, 4800) == 1000 + 480 - 1, "last frame %d", last_nonzero(out, 4800));
    CHECK(fabsf(out[1200] - 0.5f) < 1e-6f);
    free(out);
    eng_free(e);
    lang_orch_free(o);

    /* the same events rendered with other period sizes give the same samples */
    float *ref = NULL;
    int periods[] = { 32, 7, 256, 1000 };
    for (int k = 0; k < 4; k++) {
        e = make(&o, err);
        ENG_EVENT a = start(37, 1, 1, 0.02, 0.25), b = start(999, 2, 1, 0.01, 0.5);
        eng_schedule(e, &a);
        eng_schedule(e, &b);
        float *x = render(e, 3000, periods[k]);
        if (!ref) ref = x;
        else {
            CHECKF(memcmp(ref, x, sizeof(float) * 3000) == 0, "period %d differs", periods[k]);
            free(x);
        }
        eng_free(e);
        lang_orch_free(o);
    }
    free(ref);

    /* equal frames keep their order: start then set → the set applies */
    e = make(&o, err);
    ENG_EVENT st = start(64, 7, 1, 0.01, 0.25);
    ENG_EVENT set;
    memset(&set, 0, sizeof set);
    set.type = EV_SET;
    set.frame = 64;
    set.id = 7;
    set.np = 2;
    set.p[1] = 4;
    set.p[2] = 0.75;
    eng_schedule(e, &st);
    eng_schedule(e, &set);
    out = render(e, 256, 256);
    CHECKF(fabsf(out[100] - 0.75f) < 1e-6f, "value %g", out[100]);
    free(out);
    eng_free(e);
    lang_orch_free(o);
    /* … and set then start: the set reaches the start still pending (SPEC: a
     * running or pending event) */
    e = make(&o, err);
    eng_schedule(e, &set);
    eng_schedule(e, &st);
    out = render(e, 256, 256);
    CHECKF(fabsf(out[100] - 0.75f) < 1e-6f, "value %g", out[100]);
    free(out);
    eng_free(e);
    lang_orch_free(o);
    /* a set for an event that neither plays nor waits is refused, with a message */
    e = make(&o, err);
    set.id = 99;
    eng_schedule(e, &set);
    out = render(e, 128, 64);   /* the set is at frame 64: the second block */
    char msg[512];
    size_t n = eng_msg_read(e, msg, sizeof msg - 1);
    msg[n] = 0;
    CHECKF(strstr(msg, "event 99 is neither playing nor pending") != NULL, "message: %s", msg);
    free(out);
    eng_free(e);
    lang_orch_free(o);

    /* /stop and /kill; a held note (negative p3) plays until stopped */
    e = make(&o, err);
    ENG_EVENT h = start(0, 9, 1, -1, 0.5);
    ENG_EVENT stop;
    memset(&stop, 0, sizeof stop);
    stop.type = EV_STOP;
    stop.frame = 640;
    stop.id = 9;
    eng_schedule(e, &h);
    eng_schedule(e, &stop);
    out = render(e, 2000, 64);
    CHECKF(last_nonzero(out, 2000) == 639, "held note stopped at %d", last_nonzero(out, 2000));
    CHECK(eng_active_voices(e) == 0);
    free(out);
    eng_free(e);
    lang_orch_free(o);

    /* k-rate instruments run once per block: instr 2 adds p4 to gk1 every k-cycle */
    e = make(&o, err);
    ENG_EVENT k2 = start(0, 3, 2, (double)(10 * KS) / SR, 1.0);
    eng_schedule(e, &k2);
    out = render(e, 20 * KS, KS);
    long off = lang_orch_global_offset(o, "gk1");
    CHECK(off >= 0);
    double gk1 = *(double *)((char *)eng_globals(e) + off);
    CHECKF(gk1 == 10.0, "gk1 = %g after 10 k-cycles", gk1);
    free(out);
    eng_free(e);
    lang_orch_free(o);

    /* a full voice pool refuses notes (counted), never allocates */
    e = make(&o, err);
    for (int i = 0; i < 20; i++) {
        ENG_EVENT v = start(0, 100 + i, 1, 1, 0.01);
        eng_schedule(e, &v);
    }
    out = render(e, 64, 64);
    ENG_STATS stt;
    eng_stats(e, &stt);
    CHECKF(stt.voices_refused == 4 && eng_active_voices(e) == 16, "refused %lld, active %d",
           (long long)stt.voices_refused, eng_active_voices(e));
    free(out);
    eng_free(e);
    lang_orch_free(o);
    return CHECK_RESULT();
}
