/* test_sched.c — the scheduler: its queue and id index (against a model), events on their exact frame (mid-block too), equal frames in order, notes that end and release on time. */
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

/* ---- the queue against a model: an unsorted array, the minimum found by a scan ---- */

static uint64_t rnd_state = 88172645463325252u;
static unsigned rnd(unsigned n)   /* xorshift64: the same run every time */
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (unsigned)(rnd_state % n);
}

typedef struct { ENG_EVENT ev; uint64_t order; } MODEL_EV;
typedef struct { MODEL_EV *a; int n; uint64_t order; } MODEL;

static void model_push(MODEL *m, const ENG_EVENT *ev) { m->a[m->n] = (MODEL_EV){ *ev, m->order++ }; m->n++; }

static int model_min(const MODEL *m)
{
    int best = 0;
    for (int i = 1; i < m->n; i++)
        if (m->a[i].ev.frame < m->a[best].ev.frame
            || (m->a[i].ev.frame == m->a[best].ev.frame && m->a[i].order < m->a[best].order)) best = i;
    return best;
}

/* The model's pending starts of id issued by `by`, in queue order: their tags (cmd). */
static int model_starts(const MODEL *m, int32_t id, int64_t by, uint32_t *tags)
{
    int n = 0;
    for (int i = 0; i < m->n; i++)   /* a[] is in queue order: pops keep it (memmove) */
        if (m->a[i].ev.type == EV_START && m->a[i].ev.id == id && m->a[i].ev.issued <= by) tags[n++] = m->a[i].ev.cmd;
    return n;
}

static ENG_EVENT random_event(uint32_t tag)
{
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = rnd(4) ? EV_START : (rnd(2) ? EV_SET : EV_STOP);
    ev.frame = rnd(64);         /* few frames: many ties */
    ev.id = (int32_t)rnd(24);   /* few ids, 0 among them: chains of several */
    ev.issued = rnd(64);
    ev.np = rnd(8) ? (int32_t)rnd(8) : (int32_t)rnd(EV_MAXP + 1);   /* some beyond what a body holds itself */
    for (int k = 1; k <= eng_event_span(&ev); k++) ev.p[k] = tag * 100.0 + k;
    ev.cmd = tag;
    return ev;
}

/* Pushes, pops, lookups and /set-like p-field writes, each checked against the model. */
static void randomized(int cap, int ops)
{
    SCHED s;
    MODEL m = { calloc((size_t)cap, sizeof(MODEL_EV)), 0, 0 };
    uint32_t want[4096], got[4096];
    CHECK(sched_init(&s, cap) == 0);
    int bad_pop = 0, bad_find = 0, bad_full = 0;
    for (int op = 0; op < ops; op++) {
        unsigned what = rnd(12);
        if (what == 10) {   /* /kill of a note not yet begun: its first pending start leaves the queue */
            int32_t id = (int32_t)rnd(24);
            int at = 0;
            SCHED_BODY *b = sched_find_start(&s, id, INT64_MAX, &at);
            int nw = model_starts(&m, id, INT64_MAX, want);
            if ((b != NULL) != (nw > 0) || (b && b->cmd != want[0])) bad_find++;
            if (!b) continue;
            sched_cancel(&s, b);
            for (int i = 0; i < m.n; i++)
                if (m.a[i].ev.cmd == want[0]) {
                    memmove(&m.a[i], &m.a[i + 1], sizeof m.a[0] * (size_t)(m.n - i - 1));
                    m.n--;
                    break;
                }
            continue;
        }
        if (what == 11) {   /* /panic: every start asked for by a frame goes, the rest keep their order */
            if (rnd(4)) continue;
            int64_t by = rnd(70);
            int gone = sched_clear_starts(&s, by + 1, 0), k = 0, nw = 0;
            for (int i = 0; i < m.n; i++) {
                if (m.a[i].ev.type == EV_START && m.a[i].ev.issued < by + 1) { nw++; continue; }
                m.a[k++] = m.a[i];
            }
            m.n = k;
            if (gone != nw) bad_find++;
            continue;
        }
        if (what < 5) {   /* push */
            ENG_EVENT ev = random_event((uint32_t)op + 1);
            int r = sched_push(&s, &ev);
            if (r != (m.n < cap ? 0 : -1)) bad_full++;
            if (r == 0) model_push(&m, &ev);
        } else if (what < 8) {   /* pop */
            if (!m.n) {
                if (sched_peek(&s) != NULL) bad_pop++;
                continue;
            }
            int i = model_min(&m);
            ENG_EVENT out, *w = &m.a[i].ev;
            memset(&out, 0, sizeof out);
            if (!sched_peek(&s) || sched_peek(&s)->frame != w->frame) bad_pop++;
            sched_pop(&s, &out);
            int same = out.frame == w->frame && out.cmd == w->cmd && out.id == w->id && out.type == w->type
                       && out.np == w->np && out.issued == w->issued;
            for (int k = 1; k <= eng_event_span(w); k++) same &= out.p[k] == w->p[k];
            if (!same) bad_pop++;
            memmove(&m.a[i], &m.a[i + 1], sizeof m.a[0] * (size_t)(m.n - i - 1));
            m.n--;
        } else {   /* every pending start of an id issued by a frame; a /set on each */
            int32_t id = (int32_t)rnd(24);
            int64_t by = rnd(70);
            int nw = model_starts(&m, id, by, want), ng = 0, at = 0;
            int k = 1 + (int)rnd(EV_MAXP);
            double v = -(double)op;
            for (SCHED_BODY *b; (b = sched_find_start(&s, id, by, &at));) {
                if (ng < 4096) got[ng++] = b->cmd;
                *sched_pfield(&s, b, k) = v;
                if (k > b->np) b->np = k;
            }
            if (ng != nw || memcmp(got, want, sizeof got[0] * (size_t)nw)) bad_find++;
            for (int i = 0; i < m.n; i++) {   /* the same /set on the model */
                ENG_EVENT *w = &m.a[i].ev;
                if (w->type != EV_START || w->id != id || w->issued > by) continue;
                w->p[k] = v;
                if (k > w->np) w->np = k;
            }
        }
    }
    CHECKF(bad_pop == 0, "cap %d: %d pops differ from the model", cap, bad_pop);
    CHECKF(bad_find == 0, "cap %d: %d lookups differ from the model", cap, bad_find);
    CHECKF(bad_full == 0, "cap %d: %d pushes were refused or taken wrongly", cap, bad_full);
    sched_free(&s);
    free(m.a);
}

/* A start of `id` carrying p1..p`np` = base + 1, base + 2, … */
static ENG_EVENT pending_start(int32_t id, int np, double base)
{
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_START;
    ev.id = id;
    ev.np = np;
    for (int k = 1; k <= np; k++) ev.p[k] = base + k;
    return ev;
}

static void queue_tests(void)
{
    /* the id index after many interleaved pushes and pops: every pending start
     * of the id, in queue order, and only those issued by the frame */
    SCHED s;
    CHECK(sched_init(&s, 4096) == 0);
    int expect = 0;
    uint32_t tag = 0;
    for (int round = 0; round < 200; round++) {
        for (int i = 0; i < 12; i++) {
            ENG_EVENT ev;
            memset(&ev, 0, sizeof ev);
            ev.type = i % 3 ? EV_START : EV_SET;   /* a /set of the same id is not a start */
            ev.id = i % 4 == 0 ? 42 : 1000 + round * 12 + i;
            ev.frame = 1000000 + round * 10 + (i % 5);   /* all after the pops below */
            ev.issued = i % 2 ? 100 : 200;
            ev.cmd = ++tag;
            ev.np = 4;
            CHECK(sched_push(&s, &ev) == 0);
            if (ev.type == EV_START && ev.id == 42 && ev.issued <= 150) expect++;
        }
        for (int i = 0; i < 3; i++) {   /* pops of earlier filler events, never id 42's */
            ENG_EVENT ev, out;
            memset(&ev, 0, sizeof ev);
            ev.type = EV_START;
            ev.id = 7;
            ev.frame = round;
            ev.np = 3;
            CHECK(sched_push(&s, &ev) == 0);
            sched_pop(&s, &out);
            CHECK(out.id == 7);
        }
    }
    int n = 0, in_order = 1, right = 1, at = 0;
    uint32_t last = 0;
    for (SCHED_BODY *b; (b = sched_find_start(&s, 42, 150, &at));) {
        n++;
        right &= b->id == 42 && b->type == EV_START && b->issued <= 150;
        in_order &= b->cmd > last;
        last = b->cmd;
    }
    CHECKF(n == expect && right && in_order, "found %d of %d pending starts of id 42 (right %d, in order %d)", n, expect,
           right, in_order);
    at = 0;
    CHECK(sched_find_start(&s, 43, INT64_MAX, &at) == NULL);   /* no such id */
    at = 0;
    CHECK(sched_find_start(&s, 42, 99, &at) == NULL);          /* none asked for that early */
    sched_free(&s);

    /* ties: 3000 events on four frames, pushed between pops, come out in queue order per frame */
    CHECK(sched_init(&s, 4096) == 0);
    uint32_t lastcmd[4] = { 0 };
    int ties_ok = 1;
    tag = 0;
    for (int i = 0; i < 3000; i++) {
        ENG_EVENT ev, out;
        memset(&ev, 0, sizeof ev);
        ev.frame = 5 + i % 4;
        ev.type = EV_START;
        ev.id = i % 7;
        ev.cmd = ++tag;
        CHECK(sched_push(&s, &ev) == 0);
        if (i % 3 == 2) {
            sched_pop(&s, &out);
            ties_ok &= out.cmd > lastcmd[out.frame - 5];
            lastcmd[out.frame - 5] = out.cmd;
        }
    }
    int64_t lastframe = 0;
    while (sched_peek(&s)) {
        ENG_EVENT out;
        sched_pop(&s, &out);
        ties_ok &= out.frame >= lastframe;
        if (out.frame > lastframe) memset(lastcmd, 0, sizeof lastcmd);   /* a new frame: order starts over */
        ties_ok &= out.cmd > lastcmd[out.frame - 5];
        lastcmd[out.frame - 5] = out.cmd;
        lastframe = out.frame;
    }
    CHECK(ties_ok);
    sched_free(&s);

    /* full: `cap` events whatever they carry (here all 64 p-fields), then refused; a pop makes room */
    CHECK(sched_init(&s, 100) == 0);
    ENG_EVENT wide = pending_start(5, EV_MAXP, 0);
    int took = 0;
    for (int i = 0; i < 100; i++) took += sched_push(&s, &wide) == 0;
    CHECK(took == 100);
    CHECK(sched_push(&s, &wide) == -1);
    ENG_EVENT out;
    sched_pop(&s, &out);
    CHECK(out.np == EV_MAXP && out.p[1] == 1 && out.p[EV_MAXP] == EV_MAXP);
    CHECK(sched_push(&s, &wide) == 0);
    CHECK(sched_push(&s, &wide) == -1);
    sched_free(&s);
    /* a queue of none refuses everything */
    CHECK(sched_init(&s, 0) == 0);
    CHECK(sched_push(&s, &wide) == -1 && sched_peek(&s) == NULL);
    sched_free(&s);

    /* a /set beyond what a pending event carried: the fields between read 0, as sent */
    CHECK(sched_init(&s, 8) == 0);
    ENG_EVENT note = pending_start(9, 4, 10);
    CHECK(sched_push(&s, &note) == 0);
    at = 0;
    SCHED_BODY *b = sched_find_start(&s, 9, 0, &at);
    CHECK(b != NULL);
    if (b) {
        *sched_pfield(&s, b, 20) = 2.5;
        b->np = 20;
    }
    for (int k = 1; k <= EV_MAXP; k++) out.p[k] = -1;
    sched_pop(&s, &out);
    int zeros = 1;
    for (int k = 5; k < 20; k++) zeros &= out.p[k] == 0;
    CHECK(out.np == 20 && out.p[4] == 14 && out.p[20] == 2.5 && zeros);
    sched_free(&s);

    /* against the model: small queues that fill up, a larger one that does not */
    randomized(16, 20000);
    randomized(300, 20000);
    randomized(4096, 20000);
}

int main(void)
{
    char err[512];

    queue_tests();

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

    /* the command ring carries what events use: a note with all 64 p-fields,
     * then a channel created by name (stored in p[2..]) in the same slots */
    e = make(&o, err);
    for (int round = 0; round < 2; round++) {
        ENG_EVENT big = start(EV_NOW, 11, 1, (double)KS / SR, 0.25);
        big.np = EV_MAXP;
        CHECK(eng_post(e, &big) == 0);
        ENG_EVENT cs;
        memset(&cs, 0, sizeof cs);
        cs.type = EV_CHNSET;
        cs.frame = EV_NOW;
        cs.p[1] = 0.5 + round;
        strcpy((char *)&cs.p[2], "a_channel_whose_name_fills_the_space_for_it_to_sixty_three_byte");
        CHECK(eng_post(e, &cs) == 0);
        out = render(e, KS, KS);
        CHECKF(out[0] == 0.25f, "the posted note played %g", out[0]);
        ENG_CHN *ch = eng_channel(e, (const char *)&cs.p[2], 0);
        CHECKF(ch && eng_chn_get(ch) == 0.5 + round, "channel %p", (void *)ch);
        free(out);
    }
    eng_free(e);
    lang_orch_free(o);
    return CHECK_RESULT();
}
