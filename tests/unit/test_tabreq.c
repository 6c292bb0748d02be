/* test_tabreq.c — tables a note asks the worker for: offline at once, live some blocks later, re-rendered exactly. */
#include "check.h"
#include "engine_kit.h"
#include <math.h>
#include <stdlib.h>
#include <time.h>

#define SR 48000
#define KS 32
#define FRAMES (SR / 2)

static const char *ORC =
    "sr = 48000\nksmps = 32\nnchnls = 1\n0dbfs = 1\n"
    "instr 1\n ifn ftgen 0, 0, 262144, 10, 1, 0.5, 0.3\n iamp = 0.1 + ifn / 10000\n"
    " a1 poscil iamp, p4, ifn\n out a1\nendin\n"
    "instr 2\n ifn ftgenonce 0, 0, 131072, 10, 1, 0, 1\n a1 poscil 0.1, p4, ifn\n out a1\nendin\n"
    "instr 3\n a1 poscil 0.05, p4, -1\n out a1\nendin\n";   /* plays on time, beside the waiting ones */

static void start(ENGINE *e, int instr, double at, double dur, double p4)
{
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.type = EV_START;
    ev.frame = (int64_t)(at * SR);
    ev.instr = instr;
    ev.np = 4;
    ev.p[1] = instr, ev.p[2] = at, ev.p[3] = dur, ev.p[4] = p4;
    eng_schedule(e, &ev);
}

static void score(ENGINE *e)
{
    start(e, 1, 0.0101, 0.2, 440);
    start(e, 3, 0.0101, 0.3, 660);
    start(e, 2, 0.05, 0.2, 330);
    start(e, 2, 0.05, 0.2, 331);   /* the same ftgenonce in the same block: waits for the same request */
    start(e, 1, 0.1, 0.2, 550);
}

/* FRAMES frames of e, a block at a time; live, paced as real time (a
 * block's duration each), as a sound card would. */
static float *render(ENGINE *e, int live)
{
    float *out = calloc(FRAMES, sizeof *out);
    for (int done = 0; done < FRAMES; done += KS) {
        float *p[1] = { out + done };
        eng_process(e, p, NULL, KS);
        if (live) nanosleep(&(struct timespec){ 0, 1000000000L / SR * KS }, NULL);
    }
    return out;
}

static int first_sound(const float *x, int from)
{
    for (int i = from; i < FRAMES; i++)
        if (x[i] != 0) return i;
    return -1;
}

int main(void)
{
    char err[512], msg[4096];
    LANG_ORCH *o;

    /* offline: the render waits for the worker; the notes start on their frames */
    ENGINE *e = kit_engine(ORC, "tab.orc", 16, 64 << 20, &o, err);
    CHECKF(e != NULL, "%s", err);
    if (!e) return CHECK_RESULT();
    start(e, 1, 0.0101, 0.2, 440);
    float *off = render(e, 0);
    int at = (int)(0.0101 * SR);
    CHECKF(first_sound(off, 0) == at + 1, "offline the note sounds from its frame: %d, not %d",
           first_sound(off, 0), at + 1);   /* poscil's phase starts at 0: its first sample is 0 */
    CHECK(eng_get_table(e, 101) && eng_get_table(e, 101)->size == 262144);
    ENG_REPLY r;
    int waits = 0;
    while (eng_reply_read(e, &r)) waits += r.type == ENG_REPLY_TABLE_WAIT;
    CHECKF(waits == 0, "offline, no note waited: %d", waits);
    free(off);
    eng_free(e);
    lang_orch_free(o);

    /* live: the notes wait for their tables (the audio thread never does), and say how long */
    e = kit_engine(ORC, "tab.orc", 16, 64 << 20, &o, err);
    eng_set_realtime(e, 1);
    score(e);
    float *live = render(e, 1);
    size_t n = eng_msg_read(e, msg, sizeof msg - 1);
    msg[n] = 0;
    CHECKF(!strstr(msg, "ERROR"), "%s", msg);
    /* as --record-events keeps them: asked, then answered; one never answered waits for ever */
    struct { int64_t frame; int ord, blocks; } w[8];
    int nw = 0, asked = 0;
    while (eng_reply_read(e, &r)) {
        if (r.type != ENG_REPLY_TABLE_WAIT) continue;
        int k = 0;
        while (k < nw && !(w[k].frame == r.frame && w[k].ord == r.id)) k++;
        if (k == nw && nw < 8) w[nw].frame = r.frame, w[nw].ord = r.id, w[nw++].blocks = 1000000000;
        if (r.v[0] < 0) asked++;
        else if (k < nw) w[k].blocks = (int)r.v[0];
    }
    CHECKF(asked == 3 && nw == 3, "three requests (instr 2's second note shares the first's): %d, %d", asked, nw);
    for (int i = 0; i < nw; i++) CHECKF(w[i].blocks >= 1, "request %d waited %d blocks", i, w[i].blocks);
    int s1 = first_sound(live, 0);
    CHECKF(s1 == at + 1, "instr 3 starts on time beside the waiting note: %d", s1);
    eng_free(e);
    lang_orch_free(o);

    /* the re-render told how long each request waited gives the same samples, bit for bit */
    e = kit_engine(ORC, "tab.orc", 16, 64 << 20, &o, err);
    for (int i = 0; i < nw; i++) eng_add_table_wait(e, w[i].frame, w[i].ord, w[i].blocks);
    score(e);
    float *again = render(e, 0);
    int same = 1, where = -1;
    for (int i = 0; i < FRAMES && same; i++)
        if (live[i] != again[i]) same = 0, where = i;
    CHECKF(same, "the re-render differs from live playback from frame %d", where);
    /* and without the recorded waits it is the on-time render: not the same */
    eng_free(e);
    lang_orch_free(o);
    e = kit_engine(ORC, "tab.orc", 16, 64 << 20, &o, err);
    score(e);
    float *ontime = render(e, 0);
    CHECK(memcmp(ontime, live, sizeof(float) * FRAMES) != 0);
    free(ontime);
    free(again);
    free(live);
    eng_free(e);
    lang_orch_free(o);
    return CHECK_RESULT();
}
