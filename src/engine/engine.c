/* engine.c — runs ksmps blocks: drains due events at their exact frames, performs voices, masters the output. */
#include "engine.h"
#include "sched.h"
#include "msgring.h"
#include "spsc.h"
#include "ftable.h"
#include "limiter.h"
#include "rtalloc.h"
#include "tabreq.h"
#include "memtouch.h"
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_AUTOS 4096
#define ENG_CMD_RING 4096
#define REPLY_RING 16384
#define FAIL_HEADROOM 12288 /* reply slots refusals leave free (a quarter of the ring is theirs): for EXEC, SYNCED, STATUS, FREE */
#define MAX_UNFREED 64      /* batches waiting for room in the reply ring to go back */
#define TALLY_SLOTS 4096    /* senders whose refusals can wait coalesced at once (a power of two) */
#define MAX_RETIRED 4096
#define MAX_CHANNELS 1024
#define AUTO_MAXPTS 32
#define MAX_MADE 8192       /* notes instruments may make in one k-cycle (op_schedule) */
#define NAME_SLOTS 32768    /* the name index: a power of two above 2 × ENG_MAXINSTR */
#define MAX_SHARED 64       /* kinds of shared opcode state (OP_SHARED) one engine can hold */
_Static_assert(OP_MAXP == EV_MAXP, "op.h's p-field count is the engine's");
#define ENG_FOREVER ((int64_t)1 << 62)   /* secs_to_frames' clamp: 2^62 frames, ~3 million years at 48 kHz */

/* A block a voice took with op_alloc, behind a header linking it to the
 * voice's others: ending the note frees exactly what it took.  The header
 * names the call that took it (the opcode, and which of its init's op_alloc
 * calls), so a reinit pass gives that call the same block again. */
typedef struct note_block {
    struct note_block *next;
    const OP *owner;
    size_t size;
    int ord;
} NOTE_BLOCK;

/* Tables a note makes at init on the processing thread come from the note
 * memory pool and must be made in bounded time: at most RT_TABLE_MAXLEN points,
 * and points x arguments at most RT_TABLE_MAXWORK (the GENs ondes has take time
 * linear in that product: GEN 10 with 16 harmonics at 16384 points is the most).
 * Bigger ones, and those read from files, go to the table worker (tabreq.h;
 * see "Tables a note makes" in doc/architecture.md). */
#define RT_TABLE_MAXLEN 16384
#define RT_TABLE_MAXWORK (1L << 18)
#define ENG_VOICE_TMP_TABLES 16      /* ftgentmp / ftfree-at-end tables one note may hold */
#define ENG_VOICE_READ_TABLES 8      /* tables a note counts itself a reader of (voice_hold); past that, all */
#define ENG_MAX_ONCE 128             /* distinct ftgenonce tables */
#define ONCE_KEY (4 + 64)            /* ifn, size, gen, nargs, args */
#define NOTE_BLOCK_HDR RTA_ALIGN     /* keeps the opcode's part aligned */

/* The work budget (doc/reliability.md, "The work budget"): every step a
 * chain runs (an opcode's init or perf call, a jump) is counted, so an
 * endless loop, an i-time loop with a long body or a UDO recursion that
 * fans out stops within the block it runs in, deterministically (the same
 * steps live and offline).  A voice may take VOICE_STEPS steps in one
 * pass (a note's init pass; one k-cycle, reinit passes and UDO calls
 * included); all voices together BLOCK_STEPS in one block, except that every
 * voice may always take FLOOR_STEPS, so a runaway early in the block
 * cannot stop the ordinary voices after it.  A block's work is thus at most
 * BLOCK_STEPS + voices × FLOOR_STEPS steps.  A step of plain arithmetic
 * costs ~1.5 ns (measured: a k-rate while loop of 10^5 turns), so
 * VOICE_STEPS is ~1.5 ms of work and BLOCK_STEPS ~6 ms: a runaway costs
 * the block it runs in, not the performance.  Far beyond what a piece
 * spends in one k-cycle (the heaviest pass of every test and example piece
 * takes 1 472 steps; a k-rate loop over a 4096-element array with five
 * statements ~25 000), and enough for an i-time loop filling a
 * 100 000-point table at 10 steps a point.  Header code (instr 0) runs
 * before or beside playing, on the control thread: it may take
 * INSTR0_STEPS (~0.4 s). */
#define VOICE_STEPS ((int64_t)1 << 20)
#define BLOCK_STEPS ((int64_t)1 << 22)
#define FLOOR_STEPS ((int64_t)4096)
#define INSTR0_STEPS ((int64_t)1 << 28)
_Static_assert(sizeof(NOTE_BLOCK) <= NOTE_BLOCK_HDR, "the block header fits its aligned room");

typedef struct eng_voice {
    struct eng_voice *next;          /* active list, ordered by instrument number */
    const INSTR_TMPL *tmpl;
    unsigned char *arena;            /* the template's image, t->arena_used bytes from the note memory pool */
    NOTE_BLOCK *blocks;              /* op_alloc's blocks, freed with the voice */
    size_t memfail;                  /* bytes an op_alloc could not get (0: none), for the init error */
    double *p;                       /* p-fields, at the start of the arena */
    const char *pstr;                /* its string p-fields' texts (one of its blocks), or NULL */
    int32_t pstrlen;                 /* their bytes */
    int32_t id;
    uint32_t origin;                 /* who asked for it (ENG_EVENT.origin): told if it fails */
    uint64_t epoch;                  /* the swap epoch when it started (retired templates, and tables when
                                      * read_all, wait for it) */
    FTABLE *read[ENG_VOICE_READ_TABLES];   /* the tables it looked up (op_ftable), each counted in its refs */
    int nread;
    int read_all;                    /* it looked up more: it holds every table retired after its start */
    int instr;
    int64_t start_frame;
    int64_t end_frame;               /* INT64_MAX while held */
    int64_t off_frame;               /* the k-cycle Csound's turnoff list lets it go at (a score's or an
                                      * instrument's note, not releasing); INT64_MIN: end_frame's k-cycle */
    int64_t xtratim;                 /* release frames asked for by linsegr & co */
    int ofs;                         /* first active frame of the next block */
    int releasing;
    int turnoff;                     /* turnoff asked during this k-cycle */
    int bad;                         /* produced NaN/inf */
    int offline_init;                /* instr 0 on the control thread */
    int initing;                     /* in its init pass, not yet in the active list (op_active) */
    int tied;                        /* its init pass continues a held note of the same p1 (tival) */
    int hold;                        /* ihold asked for at this init pass: held until stopped */
    int pcount;                      /* p-fields the event that started it gave (pcount, p()) */
    int initerr;
    int udo_depth;                   /* user-defined opcode calls being initialised (recursion limit) */
    int reiniting;                   /* in a reinit pass (op_reinit) */
    int overrun;                     /* ran out of its work budget: being stopped, reported once */
    int64_t steps, step_limit;       /* steps taken in this pass, and how many it may take (VOICE_STEPS) */
    const OP *init_op;               /* the opcode whose init runs (op_alloc's owner) */
    int alloc_ord;                   /* op_alloc calls that init made so far */
    unsigned gen;                    /* bumped when the voice is freed (automation checks) */
    OP_LINKS links;                  /* delayr/delayw/deltap chain of this note (op_links) */
    FTABLE *tmp_tables[ENG_VOICE_TMP_TABLES];   /* ftgentmp's, and ftfree's at note end: retired with the note */
    int ntmp;
    OP_SUBINST *subs;                /* its subinstr instances, counted in nsub until it is freed */
    /* A note whose init waits for the table worker (struct tq_book): the
     * slot, the init step to resume at, and what start_note still needs */
    int wait_slot;                   /* -1: none */
    int wait_mode;                   /* OP_TABLE_PLAIN/ONCE/TMP of the ftgen that waits */
    int wait_pc;
    int suspend;                     /* set by the request: the init pass stops after this step */
    double dur0;                     /* the event's p3 */
    int64_t init_block;              /* the block its init (last) ran in */
    int64_t late;                    /* the event's late frames */
    int csound_end;                  /* EVF_CSOUND: it ends as Csound times it (eng_csound_end of t0, rel) */
    int64_t t0;                      /* the event's t0 (moved with the note when it waited for a table) */
    double rel;                      /* the event's rel */
} ENG_VOICE;

typedef struct automation {
    ENG_VOICE *v;
    unsigned gen;
    int pindex, mode, npts;
    int64_t t[AUTO_MAXPTS];          /* absolute frames */
    double val[AUTO_MAXPTS];
    double shape;                    /* expon(x) curvature */
} AUTOMATION;

struct engine {
    ENG_CONFIG cfg;
    SCHED sched;
    MSGRING msgs;
    int64_t frame;                   /* first frame of the next block */
    _Atomic int ended;               /* exitnow or a line event's e: the performance is over */
    int64_t exit_frame;              /* the frame it ended at (eng_exit_frame) */
    int64_t wait_until;              /* an s or e read waits for notes: looks again at this frame */
    int score_end;                   /* the score's e was read (EV_SCORE_END): ends once no timed note plays */
    SCHED secq;                      /* a score in sections: its events (EVF_SECTIONED), frames as the session
                                      * placed them, plus sec_shift; cap 0 when there is none */
    int64_t sec_shift;               /* how much later its sections run than placed (their waits for notes) */
    int sec_wait;                    /* an s was read: its queue stands still until no timed note plays */
    int64_t sec_next;                /* where the session placed the next section's start, plus sec_shift */
    _Atomic int score_over;          /* and it has: blocks from exit_frame are silent (eng_score_over) */

    ENG_VOICE *voices;
    RTA_POOL *mem;                   /* note memory: voices' arenas and op_alloc blocks (rtalloc.h) */
    ENG_VOICE **freelist;
    int nfree;
    ENG_VOICE *active;
    int nactive;
    _Atomic int nactive_pub;         /* nactive after the last block, for the control thread */
    _Atomic int64_t frame_pub;       /* frame after the last block, for the control thread (eng_frame) */

    INSTR_TMPL *instrs[ENG_MAXINSTR];
    /* instrument names → numbers for op_instr_number: open addressing,
     * 0 empty; an entry holds a number whose template carries the name (a
     * replaced template keeps its name and number, so entries never go) */
    int16_t byname[NAME_SLOTS];
    int64_t made_block;              /* the block op_schedule counted made_n in */
    int in_perf;                     /* voices' perf passes are running (op_schedule: "now" is past) */
    ENG_VOICE *perf_next;            /* the voice after the one performing (as the block's loop took it) */
    int perf_cut;                    /* turnoff2 ended perf_next at once: no more voices perform this block */
    /* per instrument number (Csound keeps these on the instrument, and a
     * redefinition inherits them): maxalloc's limit (0 none), mute, and
     * the notes holding a voice (releasing ones too, as Csound's
     * tp->active counts them until they are freed) */
    int32_t maxalloc[ENG_MAXINSTR];
    uint8_t muted[ENG_MAXINSTR];     /* mute opcode and the score's q statement (EV_MUTE): notes of it are refused */
    int32_t nplaying[ENG_MAXINSTR];
    int32_t nsub[ENG_MAXINSTR];      /* subinstr instances alive in notes: active and maxalloc count them */
    int32_t nsub_all;                /* their sum */
    int made_n;
    int64_t block_left;              /* steps all voices may still take in this block (BLOCK_STEPS) */
    FTABLE *tables[ENG_MAXTABLES];
    double *globals;

    AUTOMATION *autos;
    int nautos;

    float *spout;                    /* nchnls × ksmps, what voices add into */
    float *spin;                     /* nchnls_i × ksmps */
    float *outblock;                 /* last processed block, planar, after mastering */
    int bufpos;                      /* frames of outblock already handed out */
    int inpos;

    /* One writer creates channels (eng_channel): a name is complete before
     * the count that shows it is stored, with release. */
    struct { char name[ENG_CHN_NAMELEN]; ENG_CHN value; } *channels;
    _Atomic int nchannels;

    /* Shared opcode states (op.h OP_SHARED), appended by the control thread
     * (eng_prepare_instr) and read by the processing thread: an entry is
     * complete before the count that shows it is stored, with release. */
    struct { const OP_SHARED *d; void *state; } shared[MAX_SHARED];
    _Atomic int nshared;

    char filedir[1024];
    /* Tables replaced or freed while playing: a voice may still hold a
     * pointer to the old one, and the audio thread may not free.  Reference
     * counting, kept by the processing thread alone: a voice counts itself a
     * reader (FTABLE.refs) of each table it looks up (op_ftable, voice_hold)
     * and gives them back when it is freed; a retired table goes to the
     * control thread to be freed (ENG_REPLY_FREE_TABLE, through the reply
     * ring) once its count is 0.  A voice that looked up more than
     * ENG_VOICE_READ_TABLES tables falls back to epochs: every swap bumps
     * table_epoch, a voice remembers the epoch it started in, and a table
     * retired after such a voice started waits for it to end.  So a held note
     * keeps only the tables it reads, never every table replaced while it
     * plays.  Reserved up front; when full, the table is kept until the
     * engine goes (counted) rather than freed under a voice.  Replaced
     * instrument templates (/instr/def again) wait by epoch alone (every voice
     * that started before the swap) and go back as ENG_REPLY_FREE_INSTR to
     * the orchestra that owns them. */
    struct retired { void *p; int instr; uint64_t epoch; } *retired;
    /* ftgenonce: the arguments each table was made with, to give the same
     * arguments the same table.  Reserved up front; read and written by
     * whichever thread runs init code (the control thread for the header,
     * then the processing thread alone). */
    struct ft_once { const FTABLE *t; int num, nkey; double key[ONCE_KEY]; } *once;
    int nonce;
    int nretired;
    uint64_t table_epoch;
    int64_t tables_kept;             /* retired tables that found no room (freed at eng_free) */
    FTABLE **kept;

    SPSC cmds;                       /* control thread → processing thread */
    SPSC replies;                    /* processing thread → control thread */
    SPSC ends;                       /* ids of events over (int32; negative: refused, never played) */
    /* Refusals waiting coalesced, per sender, while the reply ring is short of
     * room (reply_fail): an open-addressing table by origin, the senders in
     * the order their tallies are to be sent (a ring: each sender once), and
     * the occupied entries (to clear them when all are sent). */
    struct tally { uint32_t origin; int listed; int64_t more; ENG_REPLY first; } *tally;
    int32_t *tally_queue, *tally_used;
    int tally_head, tally_n, tally_nused;
    ENG_EVENT batch_ev;              /* a batch's event being queued (too big for the audio thread's stack twice) */
    struct unfreed { ENG_BATCH *b; int refused; } unfreed[MAX_UNFREED];   /* batches not yet handed back */
    int nunfreed;
    int notify;                      /* reply when events with ids end (eng_report_ends) */
    uint32_t last_cmd;               /* the last command reported with ENG_REPLY_EXEC */

    ENG_STATS stats;
    ENG_LIMITER lim;                 /* --limiter: after the metering, before the hard ceiling */

    /* Tables a note asks the worker for (tabreq.h), one book per slot:
     * what the processing thread needs to install the answer and wake the
     * notes waiting for it.  A request is known by the block it was made
     * in and its rank among that block's requests (deterministic: the same
     * inputs give the same requests), which is how --record-events names
     * the blocks live playback waited (ENG_REPLY_TABLE_WAIT) and a re-render
     * waits them again (eng_add_table_wait). */
    TABREQ tq;
    struct tq_book {
        int num, mode, nkey;
        double key[ONCE_KEY];
        int64_t frame;               /* the block it was asked in */
        int ord;                     /* its rank among that block's requests */
        int64_t due;                 /* a re-render's: the block it is answered in */
        int waiters;                 /* notes waiting for it */
        int resolved;                /* installed (or failed: err in the slot) */
        int failed;
    } book[TQ_SLOTS];
    int tq_ok;                       /* the worker runs */
    int realtime;                    /* eng_set_realtime: never wait for the worker */
    int64_t req_block;               /* the block req_ord counts in */
    int req_ord;
    ENG_VOICE **waiting;             /* notes whose init waits, in the order they asked */
    ENG_VOICE **resuming;            /* tables_answer's: those going on now */
    int nwaiting;
    struct eng_tabwait { int64_t frame; int ord, blocks; } *waits;   /* a re-render's, sorted */
    int nwaits, capwaits;
};

void eng_config_default(ENG_CONFIG *c)
{
    memset(c, 0, sizeof *c);
    c->sr = 44100;
    c->ksmps = 64;
    c->nchnls = 1;
    c->nchnls_i = 0;
    c->dbfs = 32768;   /* Csound's default 0dbfs */
    c->a4 = 440;
    c->max_voices = 1024;
    c->mem_bytes = (size_t)ENG_MEM_DEFAULT_MB << 20;
    c->max_events = 65536;
    c->ceiling = 1.0;
    c->global_bytes = 1 << 20;
}

const ENG_CONFIG *eng_config(const ENGINE *e) { return &e->cfg; }

/* The next command from the ring (processing thread; eng_free once it stopped):
 * its header and p[1..span], read in place, as eng_post sent them.  1 read, 0 empty. */
static int cmd_pop(ENGINE *e, ENG_EVENT *ev)
{
    const ENG_EVENT *c = spsc_front(&e->cmds);
    if (!c) return 0;
    memcpy(ev, c, eng_event_bytes(c));
    spsc_release(&e->cmds);
    return 1;
}

/* The table worker's job (tabreq.c, on its thread): the table as the
 * header would make it (heap memory, files from the .csd's directory). */
static FTABLE *make_table_from(ENGINE *e, int num, int size, int gen, const double *args, int nargs,
                               const char *path, const FTABLE *src, char *err, size_t errlen);
static FTABLE *tq_build(void *ud, const TQ_SLOT *s, char *err, size_t errlen)
{
    return make_table_from(ud, s->num, s->size, s->gen, s->args, s->nargs, s->has_path ? s->path : NULL, s->src, err,
                           errlen);
}

/* aligned_alloc wants a size that is a multiple of the alignment */
static size_t round64(size_t n) { return (n + 63) & ~(size_t)63; }

ENGINE *eng_new(const ENG_CONFIG *cfg, char *err, size_t errlen)
{
    if (cfg->sr <= 0 || cfg->ksmps < 1 || cfg->ksmps > 65536 || cfg->nchnls < 1 || cfg->nchnls > 64
        || cfg->nchnls_i < 0 || cfg->nchnls_i > 64 || cfg->max_voices < 1 || cfg->dbfs <= 0) {
        snprintf(err, errlen, "invalid engine configuration (sr %g, ksmps %d, nchnls %d)",
                 cfg->sr, cfg->ksmps, cfg->nchnls);
        return NULL;
    }
    if (!(cfg->limiter_ms >= 0 && cfg->limiter_ms <= ENG_LIM_MAX_MS)) {
        snprintf(err, errlen, "invalid limiter look-ahead %g ms (0 to %g)", cfg->limiter_ms, ENG_LIM_MAX_MS);
        return NULL;
    }
    ENGINE *e = calloc(1, sizeof *e);
    if (!e) goto oom;
    e->cfg = *cfg;
    int ks = cfg->ksmps;
    if (sched_init(&e->sched, cfg->max_events) || sched_init(&e->secq, cfg->section_events) ||
        msgring_init(&e->msgs, 1 << 16)
        || spsc_init(&e->cmds, sizeof(ENG_EVENT), ENG_CMD_RING) || spsc_init(&e->replies, sizeof(ENG_REPLY), REPLY_RING))
        goto oom;
    /* every event in the queue, every voice and every command of a block can
     * end in one block: room for twice that, so ends wait for a slow control
     * thread rather than get lost */
    size_t nends = 4096;
    while (nends < 2 * ((size_t)cfg->max_events + SCHED_RESERVE + (size_t)cfg->max_voices) + 4096) nends <<= 1;
    if (spsc_init(&e->ends, sizeof(int32_t), nends)) goto oom;
    mem_touch(e->ends.buf, sizeof(int32_t) * nends);   /* no page faults on the audio thread */
    mem_touch(e->replies.buf, sizeof(ENG_REPLY) * REPLY_RING);   /* (it writes them: a burst of refusals) */
    e->tally = calloc(TALLY_SLOTS, sizeof *e->tally);
    e->tally_queue = calloc(TALLY_SLOTS, sizeof *e->tally_queue);
    e->tally_used = calloc(TALLY_SLOTS, sizeof *e->tally_used);
    if (!e->tally || !e->tally_queue || !e->tally_used) goto oom;
    mem_touch(e->tally, sizeof *e->tally * TALLY_SLOTS);
    e->voices = calloc((size_t)cfg->max_voices, sizeof *e->voices);
    e->freelist = calloc((size_t)cfg->max_voices, sizeof *e->freelist);
    e->globals = calloc(1, cfg->global_bytes);
    e->autos = calloc(MAX_AUTOS, sizeof *e->autos);
    e->channels = calloc(MAX_CHANNELS, sizeof *e->channels);
    e->retired = calloc(MAX_RETIRED, sizeof *e->retired);
    e->kept = calloc(MAX_RETIRED, sizeof *e->kept);
    e->once = calloc(ENG_MAX_ONCE, sizeof *e->once);
    e->spout = aligned_alloc(64, round64(sizeof(float) * (size_t)(ks * cfg->nchnls)));
    e->outblock = aligned_alloc(64, round64(sizeof(float) * (size_t)(ks * cfg->nchnls)));
    e->spin = aligned_alloc(64, round64(sizeof(float) * (size_t)(ks * (cfg->nchnls_i + 1))));
    if (!e->voices || !e->freelist || !e->globals || !e->autos || !e->channels || !e->retired || !e->kept || !e->once || !e->spout
        || !e->outblock || !e->spin) goto oom;
    memset(e->spin, 0, sizeof(float) * (size_t)(ks * (cfg->nchnls_i + 1)));
    for (int i = 0; i < cfg->max_voices; i++) {
        e->freelist[e->nfree++] = &e->voices[cfg->max_voices - 1 - i];
        e->voices[i].wait_slot = -1;
    }
    e->waiting = calloc((size_t)cfg->max_voices, sizeof *e->waiting);
    e->resuming = calloc((size_t)cfg->max_voices, sizeof *e->resuming);
    if (!e->waiting || !e->resuming || tq_init(&e->tq, tq_build, e)) goto oom;
    e->tq_ok = 1;
    /* the limiter's delay line and gain windows, reserved here, off the audio thread */
    if (eng_lim_init(&e->lim, cfg->limiter_ms, cfg->sr, cfg->nchnls, cfg->ceiling)) goto oom;
    /* the voices' memory: reserved now, taken and given back by notes in bounded time */
    e->mem = rta_new(cfg->mem_bytes, ENG_MEM_WARM, err, errlen);
    if (!e->mem) {
        eng_free(e);
        return NULL;
    }
    e->bufpos = ks;    /* nothing buffered: the first call runs a block */
    ftable_sine();     /* built here, on the control thread, never by the audio thread */
    return e;
oom:
    snprintf(err, errlen, "out of memory reserving the engine (%d voices)", cfg->max_voices);
    eng_free(e);
    return NULL;
}

void eng_free(ENGINE *e)
{
    if (!e) return;
    if (e->tq_ok) tq_free(&e->tq);   /* the worker stops first: then nothing else touches the tables */
    free(e->waiting);
    free(e->resuming);
    free(e->waits);
    /* tables still travelling to the audio thread (in the ring or queued) are owned by their event */
    ENG_EVENT ev;
    while (e->cmds.buf && cmd_pop(e, &ev)) {
        if (ev.type == EV_TABLE) ftable_free(ev.ptr);
        if (ev.type == EV_BATCH) eng_batch_free(ev.ptr, 1);
    }
    for (int i = 0; i < e->nunfreed; i++) eng_batch_free(e->unfreed[i].b, e->unfreed[i].refused);
    while (e->sched.heap && sched_peek(&e->sched)) {
        sched_pop(&e->sched, &ev);
        if (ev.type == EV_TABLE) ftable_free(ev.ptr);
    }
    /* tables the control thread was asked to free but never read (offline, nobody reads);
     * templates (ENG_REPLY_FREE_INSTR) are the orchestra's to free */
    ENG_REPLY r;
    while (e->replies.buf && spsc_pop(&e->replies, &r)) {
        if (r.type == ENG_REPLY_FREE_TABLE) ftable_free(r.ptr);
        if (r.type == ENG_REPLY_FREE_BATCH) eng_batch_free(r.ptr, r.v[0] != 0);
    }
    sched_free(&e->sched);
    sched_free(&e->secq);
    msgring_free(&e->msgs);
    spsc_free(&e->cmds);
    spsc_free(&e->replies);
    spsc_free(&e->ends);
    free(e->tally);
    free(e->tally_queue);
    free(e->tally_used);
    for (int i = 0; i < ENG_MAXTABLES; i++) ftable_free(e->tables[i]);
    for (int i = 0; e->retired && i < e->nretired; i++)
        if (!e->retired[i].instr) ftable_free(e->retired[i].p);   /* templates belong to the orchestra */
    free(e->retired);
    free(e->once);
    for (int64_t i = 0; e->kept && i < e->tables_kept; i++) ftable_free(e->kept[i]);
    free(e->kept);
    free(e->voices);
    free(e->freelist);
    rta_delete(e->mem);
    free(e->globals);
    free(e->autos);
    free(e->channels);
    free(e->spout);
    free(e->outblock);
    free(e->spin);
    for (int i = 0; i < atomic_load_explicit(&e->nshared, memory_order_relaxed); i++) {
        if (e->shared[i].d->destroy) e->shared[i].d->destroy(e->shared[i].state);
        free(e->shared[i].state);
    }
    eng_lim_free(&e->lim);
    free(e);
}

/* FNV-1a: names are short, and this runs at init on the audio thread */
static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Index the name of the template installed as `num` (no allocation: a
 * fixed table, at most ENG_MAXINSTR names, so a free slot always exists). */
static void names_add(ENGINE *e, int num)
{
    const INSTR_TMPL *t = e->instrs[num];
    if (!t || !t->name) return;
    for (uint32_t i = name_hash(t->name) & (NAME_SLOTS - 1);; i = (i + 1) & (NAME_SLOTS - 1)) {
        int n = e->byname[i];
        if (n == 0) { e->byname[i] = (int16_t)num; return; }
        if (n == num || (e->instrs[n] && !strcmp(e->instrs[n]->name, t->name))) return;
    }
}

static int names_find(const ENGINE *e, const char *name)
{
    for (uint32_t i = name_hash(name) & (NAME_SLOTS - 1);; i = (i + 1) & (NAME_SLOTS - 1)) {
        int n = e->byname[i];
        if (n == 0) return -1;
        if (e->instrs[n] && !strcmp(e->instrs[n]->name, name)) return n;
    }
}

void eng_set_instr(ENGINE *e, int num, INSTR_TMPL *t)
{
    if (num <= 0 || num >= ENG_MAXINSTR) return;
    char err[256];
    /* a state that cannot be made fails the notes' init with its own message */
    if (t) (void)eng_prepare_instr(e, t, err, sizeof err);
    e->instrs[num] = t;
    names_add(e, num);
}
const INSTR_TMPL *eng_get_instr(const ENGINE *e, int num)
{
    return num > 0 && num < ENG_MAXINSTR ? e->instrs[num] : NULL;
}
void eng_set_table(ENGINE *e, int num, FTABLE *t)
{
    if (num <= 0 || num >= ENG_MAXTABLES) return;
    ftable_free(e->tables[num]);
    e->tables[num] = t;
}
const FTABLE *eng_get_table(const ENGINE *e, int num)
{
    return num > 0 && num < ENG_MAXTABLES ? e->tables[num] : NULL;
}
double *eng_globals(ENGINE *e) { return e->globals; }

static void *shared_find(const ENGINE *e, const OP_SHARED *d)
{
    int n = atomic_load_explicit(&((ENGINE *)e)->nshared, memory_order_acquire);
    for (int i = 0; i < n; i++)
        if (e->shared[i].d == d) return e->shared[i].state;
    return NULL;
}

static int shared_make(ENGINE *e, const OP_SHARED *d, char *err, size_t errlen)
{
    if (shared_find(e, d)) return 0;
    int n = atomic_load_explicit(&e->nshared, memory_order_relaxed);
    if (n >= MAX_SHARED) {
        snprintf(err, errlen, "%s: too many kinds of shared opcode state (%d)", d->name, MAX_SHARED);
        return -1;
    }
    void *st = calloc(1, d->size ? d->size : 1);
    if (!st) {
        snprintf(err, errlen, "%s: out of memory", d->name);
        return -1;
    }
    OP_ENV env = { e->cfg.sr, e->cfg.dbfs, e->cfg.a4, e->cfg.ksmps, e->cfg.nchnls };
    if (d->create && d->create(st, &env, err, errlen)) {
        if (d->destroy) d->destroy(st);
        free(st);
        return -1;
    }
    e->shared[n].d = d;
    e->shared[n].state = st;
    atomic_store_explicit(&e->nshared, n + 1, memory_order_release);   /* the entry before the count */
    return 0;
}

/* The shared states a template's steps use, and those of the user-defined
 * opcodes it calls (each template once: recursion calls itself). */
static int prepare_tmpl(ENGINE *e, const INSTR_TMPL *t, const INSTR_TMPL **seen, int *nseen, char *err,
                        size_t errlen)
{
    for (int i = 0; i < *nseen; i++)
        if (seen[i] == t) return 0;
    if (*nseen < 256) seen[(*nseen)++] = t;
    const CHAIN_STEP *chains[2] = { t->init, t->perf };
    int counts[2] = { t->ninit, t->nperf };
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < counts[k]; i++) {
            if (!chains[k][i].fn && !chains[k][i].ifn) continue;   /* a jump */
            const OP *op = (const OP *)(t->image + chains[k][i].op_off);
            const OP_DESC *d = op->desc;
            if (d->shared && shared_make(e, d->shared, err, errlen)) return -1;
            if (d->init == eng_udo_init && *nseen < 256 && prepare_tmpl(e, udo_state(op)->t, seen, nseen, err, errlen))
                return -1;
        }
    return 0;
}

int eng_prepare_instr(ENGINE *e, const INSTR_TMPL *t, char *err, size_t errlen)
{
    const INSTR_TMPL *seen[256];
    int nseen = 0;
    return prepare_tmpl(e, t, seen, &nseen, err, errlen);
}

void eng_set_filedir(ENGINE *e, const char *dir) { snprintf(e->filedir, sizeof e->filedir, "%s", dir ? dir : ""); }

/* Whether GEN `gen` reads another table (GEN 33 and 34: partials from p5). */
static int gen_source_kind(long gen) { return gen == 33 || gen == -33 || gen == 34 || gen == -34; }

/* The table GEN 33 and 34 read their partials from (p5), or NULL. */
static const FTABLE *gen_source(const ENGINE *e, int gen, const double *args, int nargs)
{
    if (!gen_source_kind(gen) || nargs < 1 || !(args[0] >= 1 && args[0] < ENG_MAXTABLES)) return NULL;
    return e->tables[(int)args[0]];
}

FTABLE *eng_make_table(ENGINE *e, int num, int size, int gen, const double *args, int nargs, const char *path,
                       char *err, size_t errlen)
{
    return make_table_from(e, num, size, gen, args, nargs, path, gen_source(e, gen, args, nargs), err, errlen);
}

/* eng_make_table with GEN 33/34's source table found already (the worker
 * gets it from the thread that owns the table list). */
static FTABLE *make_table_from(ENGINE *e, int num, int size, int gen, const double *args, int nargs,
                               const char *path, const FTABLE *src, char *err, size_t errlen)
{
    char buf[2048];
    if (path && path[0] != '/' && access(path, F_OK) != 0 && e->filedir[0]) {
        snprintf(buf, sizeof buf, "%s/%s", e->filedir, path);
        if (access(buf, F_OK) == 0) path = buf;
    }
    FTABLE *t = ftable_gen_src(num, size, gen, args, nargs, path, e->cfg.sr, src, err, errlen);
    if (t && gen == -1 && e->cfg.dbfs != 1.0)
        for (int i = 0; i <= t->size; i++) t->data[i] = (float)(t->data[i] * e->cfg.dbfs);
    return t;
}
ENG_CHN *eng_channel(ENGINE *e, const char *name, int create)
{
    /* acquire: the names of the channels counted are all there (see below) */
    int n = atomic_load_explicit(&e->nchannels, memory_order_acquire);
    for (int i = 0; i < n; i++)
        if (!strcmp(e->channels[i].name, name)) return &e->channels[i].value;
    if (!create || n >= MAX_CHANNELS || strlen(name) >= ENG_CHN_NAMELEN) return NULL;
    strcpy(e->channels[n].name, name);
    eng_chn_set(&e->channels[n].value, 0);
    /* the name before the count that makes it visible to the other thread */
    atomic_store_explicit(&e->nchannels, n + 1, memory_order_release);
    return &e->channels[n].value;
}

/* The frame the last block ended on, as the other threads may read it. */
int64_t eng_frame(const ENGINE *e) { return atomic_load_explicit(&((ENGINE *)e)->frame_pub, memory_order_relaxed); }
int eng_ended(const ENGINE *e) { return atomic_load_explicit(&((ENGINE *)e)->ended, memory_order_relaxed); }
int64_t eng_exit_frame(const ENGINE *e) { return e->exit_frame; }
int eng_score_over(const ENGINE *e) { return atomic_load_explicit(&((ENGINE *)e)->score_over, memory_order_relaxed); }
void eng_report_ends(ENGINE *e) { e->notify = 1; }

int eng_active_voices(const ENGINE *e)
{
    return atomic_load_explicit(&((ENGINE *)e)->nactive_pub, memory_order_relaxed);
}
void eng_stats(const ENGINE *e, ENG_STATS *st)
{
    *st = e->stats;
    RTA_STATS m;
    rta_stats(e->mem, &m);
    st->mem_size = m.size;
    st->mem_used = m.used;
    st->mem_peak = m.peak;
    st->limited = e->lim.reduced;
    st->limiter_min_gain = e->lim.on ? e->lim.min_gain : 1.0;
}
size_t eng_msg_read(ENGINE *e, char *buf, size_t len) { return msgring_read(&e->msgs, buf, len); }

int eng_schedule(ENGINE *e, const ENG_EVENT *ev)
{
    if ((ev->flags & EVF_SECTIONED) && e->secq.cap > 0) {
        ENG_EVENT sv = *ev;   /* (before processing starts: sec_shift is 0) */
        sv.frame -= e->sec_shift;
        sv.t0 -= e->sec_shift;
        if (sched_push(&e->secq, &sv) == 0) return 0;
        e->stats.events_dropped++;
        return -1;
    }
    if (sched_push(&e->sched, ev)) {
        e->stats.events_dropped++;
        return -1;
    }
    return 0;
}

/* Only the part of an event that holds it crosses (eng_event_bytes: a note's
 * ~100 bytes, not the 584 of room for 64 p-fields); its slot stays full-size,
 * so the ring still holds ENG_CMD_RING commands whatever they carry. */
int eng_post(ENGINE *e, const ENG_EVENT *ev) { return spsc_push_part(&e->cmds, ev, eng_event_bytes(ev)); }
int eng_post_space(ENGINE *e) { return ENG_CMD_RING - (int)spsc_count(&e->cmds); }
int eng_reply_read(ENGINE *e, ENG_REPLY *r) { return spsc_pop(&e->replies, r); }


static ENG_REPLY reply_make(const ENGINE *e, int type, int32_t id, uint32_t origin)
{
    ENG_REPLY r;
    memset(&r, 0, sizeof r);
    r.type = type;
    r.count = 1;
    r.id = id;
    r.origin = origin;
    r.frame = e->frame;
    return r;
}

/* A reply that does not fit is counted, never waited for (refusals never get
 * here: reply_fail coalesces them instead). */
static void reply_push(ENGINE *e, const ENG_REPLY *r)
{
    if (spsc_push(&e->replies, r)) e->stats.replies_dropped++;
}

/* An event with an id is over (never_played: refused at its start; its
 * sender had a /fail).  Its own ring of 4-byte ids, sized for everything
 * that can end in a block, so a burst of refusals cannot crowd ends out. */
static void end_push(ENGINE *e, int32_t id, int never_played)
{
    int32_t v = never_played ? -id : id;
    if (spsc_push(&e->ends, &v)) e->stats.ends_dropped++;
}

int eng_end_read(ENGINE *e, int32_t *id, int *never_played)
{
    int32_t v;
    if (!spsc_pop(&e->ends, &v)) return 0;
    *id = v < 0 ? -v : v;
    *never_played = v < 0;
    return 1;
}

/*
 * Refusals (ENG_REPLY_FAIL) for a sender.  A burst — 21 000 notes on one
 * frame with 8 voices — refuses more in one block than the reply ring holds,
 * and the control thread empties it only between blocks.  So refusals leave
 * FAIL_HEADROOM slots to the other replies, and past that they are coalesced
 * per sender instead of dropped: the first one kept whole, the rest counted
 * (struct tally), sent as one reply whose count says how many it stands for
 * once the ring has room again (tally_flush, each block).  While any tally
 * waits, every refusal joins its sender's, so a sender hears them in order.
 * A table of TALLY_SLOTS senders at once; a refusal for one more sender than
 * that is counted in stats.fails_unsent (reported by /status).
 */
static uint32_t tally_home(uint32_t origin) { return (origin * 0x9E3779B1u) >> (32 - 12); }   /* 12 bits: 4096 */

static void reply_fail(ENGINE *e, const ENG_REPLY *r)
{
    if (!r->origin) {   /* a score's warning: nobody to tell but the console, which has it */
        if (spsc_space(&e->replies) > FAIL_HEADROOM) reply_push(e, r);
        return;
    }
    if (!e->tally_nused && spsc_space(&e->replies) > FAIL_HEADROOM) {
        reply_push(e, r);
        return;
    }
    uint32_t i = tally_home(r->origin);
    int probes = 0;
    while (e->tally[i].origin && e->tally[i].origin != r->origin && probes++ < TALLY_SLOTS) i = (i + 1) & (TALLY_SLOTS - 1);
    struct tally *t = &e->tally[i];
    if (t->origin != r->origin) {
        if (t->origin) {   /* every slot taken */
            e->stats.fails_unsent++;
            return;
        }
        t->origin = r->origin;
        e->tally_used[e->tally_nused++] = (int32_t)i;
    }
    if (!t->listed) {   /* waiting afresh: the first refusal whole, then a count */
        t->listed = 1;
        t->first = *r;
        t->more = 0;
        e->tally_queue[(e->tally_head + e->tally_n++) & (TALLY_SLOTS - 1)] = (int32_t)i;
    } else {
        t->more++;
    }
}

/* Send the tallies the ring has room for, oldest first; when none is left,
 * empty the table (refusals go straight out again). */
static void tally_flush(ENGINE *e)
{
    while (e->tally_n && spsc_space(&e->replies) > FAIL_HEADROOM) {
        struct tally *t = &e->tally[e->tally_queue[e->tally_head]];
        t->first.count = 1 + t->more;
        reply_push(e, &t->first);
        t->listed = 0;
        e->tally_head = (e->tally_head + 1) & (TALLY_SLOTS - 1);
        e->tally_n--;
    }
    if (!e->tally_n && e->tally_nused) {
        for (int k = 0; k < e->tally_nused; k++) e->tally[e->tally_used[k]].origin = 0;
        e->tally_nused = 0;
    }
}

static void reply_to(ENGINE *e, int type, int32_t id, uint32_t origin, const double *v, int nv)
{
    ENG_REPLY r = reply_make(e, type, id, origin);
    for (int i = 0; i < nv && i < (int)(sizeof r.v / sizeof r.v[0]); i++) r.v[i] = v[i];
    reply_push(e, &r);
}


/* A command the engine could not carry out: the sender (live) gets a /fail
 * with this text, the user (offline) the message. */
static void refuse(ENGINE *e, uint32_t origin, int32_t id, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- messages: formatted on the stack, then copied into the ring ---- */

static void vmsg(ENGINE *e, int newline, const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    if (n < 0) return;
    if (n > (int)sizeof buf - 2) n = (int)sizeof buf - 2;
    if (newline && (n == 0 || buf[n - 1] != '\n')) buf[n++] = '\n';
    msgring_write(&e->msgs, buf, (size_t)n);
}

static void emsg(ENGINE *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emsg(ENGINE *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(e, 1, fmt, ap);
    va_end(ap);
}

static void refuse(ENGINE *e, uint32_t origin, int32_t id, const char *fmt, ...)
{
    ENG_REPLY r = reply_make(e, ENG_REPLY_FAIL, id, origin);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r.msg, sizeof r.msg, fmt, ap);
    va_end(ap);
    reply_fail(e, &r);
    /* on the console a score's note needs no command name ("/sched: ") */
    const char *m = r.msg, *colon = strstr(r.msg, ": ");
    if (!origin && m[0] == '/' && colon && !memchr(m, ' ', (size_t)(colon - m))) m = colon + 2;
    emsg(e, "%s", m);
}

/* ---- services for opcodes (op.h) ---- */

/* From the note memory pool, linked to the voice so its end frees it; NULL when the pool has no room. */
static void *voice_alloc(ENGINE *e, ENG_VOICE *v, size_t bytes)
{
    NOTE_BLOCK *b = bytes <= RTA_MAX_POOL ? rta_alloc(e->mem, NOTE_BLOCK_HDR + bytes) : NULL;
    if (!b) return NULL;
    b->next = v->blocks;
    b->owner = NULL;   /* op_alloc names the opcode call that took it */
    b->size = bytes;
    b->ord = -1;
    v->blocks = b;
    return (unsigned char *)b + NOTE_BLOCK_HDR;
}

void *op_alloc(OP_CTX *c, size_t bytes)
{
    ENG_VOICE *v = c->voice;
    int ord = v->alloc_ord++;
    if (v->reiniting || v->tied) {
        /* As Csound's AuxAlloc at a reinit or a tie: the block this call took before
         * serves again (cleared) when it is large enough, else it goes back
         * and a new one is taken; a note reinitialised every k-cycle keeps
         * the memory it had.  A scan of the note's own few blocks. */
        for (NOTE_BLOCK **pp = &v->blocks, *b; (b = *pp); pp = &b->next)
            if (b->owner == v->init_op && b->ord == ord) {
                if (b->size >= bytes) {
                    void *p = (unsigned char *)b + NOTE_BLOCK_HDR;
                    memset(p, 0, bytes);
                    return p;
                }
                *pp = b->next;
                rta_free(c->eng->mem, b);
                break;
            }
    }
    void *p = voice_alloc(c->eng, v, bytes);
    if (!p) {
        v->memfail = bytes;   /* op_initerr says how much, and how much there is */
        return NULL;
    }
    NOTE_BLOCK *b = (NOTE_BLOCK *)((unsigned char *)p - NOTE_BLOCK_HDR);
    b->owner = v->init_op;
    b->ord = ord;
    memset(p, 0, bytes);
    return p;
}

/* A global array's data live as long as the engine: taken from the pool
 * and never given back (the pool goes with the engine), so a note that
 * shapes gkArr[] leaves it shaped; op_array_shape reuses a block that fits,
 * so notes re-initialising one global array do not drain the pool. */
void *op_alloc_for(OP_CTX *c, const void *owner, size_t bytes)
{
    ENGINE *e = c->eng;
    const unsigned char *g = (const unsigned char *)e->globals, *o = owner;
    if (!(o >= g && o < g + e->cfg.global_bytes)) return op_alloc(c, bytes);
    void *p = bytes <= RTA_MAX_POOL ? rta_alloc(e->mem, bytes) : NULL;
    if (!p) {
        c->voice->memfail = bytes;
        return NULL;
    }
    memset(p, 0, bytes);
    return p;
}

/* A string variable's larger buffer: a local's is one of the note's blocks
 * (the old one stays with the note: growth at least doubles, so the note
 * holds under twice its longest string); a global's is a block of its own,
 * the old one given back (the g-variables outlive every note). */
char *op_str_reserve(OP_CTX *c, OP_STR *s, size_t need)
{
    if (s->size >= 0 && need <= (size_t)s->size) return s->data;
    size_t cap = (size_t)s->size * 2;
    if (cap < need) cap = need;
    cap = (cap + 15) & ~(size_t)15;
    if (cap > INT32_MAX) return NULL;
    ENGINE *e = c->eng;
    unsigned char *g = (unsigned char *)e->globals;
    int global = (unsigned char *)s >= g && (unsigned char *)s < g + e->cfg.global_bytes;
    char *d = global ? (cap <= RTA_MAX_POOL ? rta_alloc(e->mem, cap) : NULL) : op_alloc(c, cap);
    if (!d) return NULL;
    memcpy(d, s->data, (size_t)s->size);
    if (global && s->data != (char *)(s + 1)) rta_free(e->mem, s->data);
    s->data = d;
    s->size = (int)cap;
    return d;
}

/* ": N bytes asked, F of S MB free (--memory)": why a note found no memory, for its message. */
static void mem_why(const ENGINE *e, size_t asked, char *buf, size_t len)
{
    RTA_STATS m;
    rta_stats(e->mem, &m);
    snprintf(buf, len, "%zu bytes asked, %.1f of %.1f MB free (--memory)", asked,
             (double)(m.size - m.used) / 1048576.0, (double)m.size / 1048576.0);
}

/* An opcode's error on the note: to its sender when it is live, else to the
 * console as Csound words it ("INIT ERROR in instr …", "PERF ERROR …"). */
static void voice_say(OP_CTX *c, const char *what, int line, const char *live, const char *console, const char *tail,
                      char *buf, size_t len)
{
    ENG_VOICE *v = c->voice;
    if (v->memfail) {   /* the opcode ran out of note memory: say how much it asked for */
        char why[120];
        mem_why(c->eng, v->memfail, why, sizeof why);
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, ": %s", why);
        c->eng->stats.mem_refused++;
    }
    const INSTR_TMPL *t = v->tmpl;
    const char *name = t ? t->name : "0";
    if (v->origin)   /* a live note: its sender hears why it did not start (or stopped) */
        refuse(c->eng, v->origin, v->id, "/sched: event %d: %s in instr %s (line %d): %s: %s%s", v->id, live, name,
               line, what, buf, tail);
    else
        emsg(c->eng, "%s in instr %s (line %d): %s: %s%s", console, name, line, what, buf, tail);
}

static void voice_error(OP_CTX *c, OP *op, const char *live, const char *console, const char *tail,
                        const char *fmt, va_list ap)
{
    char buf[400];
    vsnprintf(buf, sizeof buf, fmt, ap);
    voice_say(c, op && op->desc ? op->desc->name : "?", op ? op->line : 0, live, console, tail, buf, sizeof buf);
}

int op_initerr(OP_CTX *c, OP *op, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    voice_error(c, op, "init error", "INIT ERROR", "", fmt, ap);
    va_end(ap);
    c->voice->initerr = 1;
    return -1;
}

void op_msg(OP_CTX *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(c->eng, 0, fmt, ap);
    va_end(ap);
}

/* Voice v reads table t from now on: t is not freed while v lives (see
 * struct retired).  Processing thread; a header's code on the control thread
 * (offline_init) holds nothing past its init and is not counted. */
static void voice_hold(ENG_VOICE *v, FTABLE *t)
{
    if (!v || !t || v->offline_init || v->read_all) return;
    for (int i = 0; i < v->nread; i++)
        if (v->read[i] == t) return;
    if (v->nread == ENG_VOICE_READ_TABLES) {
        v->read_all = 1;
        return;
    }
    v->read[v->nread++] = t;
    t->refs++;
}

static void voice_unhold(ENG_VOICE *v)
{
    for (int i = 0; i < v->nread; i++) v->read[i]->refs--;
    v->nread = 0;
    v->read_all = 0;
}

const FTABLE *op_ftable(OP_CTX *c, double num)
{
    int n = op_int(num);   /* saturated: an instrument may pass any value */
    if (n == -1) return ftable_sine();
    FTABLE *t = n > 0 && n < ENG_MAXTABLES ? c->eng->tables[n] : NULL;
    voice_hold(c->voice, t);
    return t;
}

/* As in Csound: without a release the rest of this k-cycle's code is skipped
 * and the note ends with the block; with one (xtratim), the release starts
 * now, so `release` reads 1 in this same k-cycle. */
void op_turnoff(OP_CTX *c)
{
    ENG_VOICE *v = c->voice;
    if (v->releasing) return;
    if (v->xtratim > 0) {
        v->releasing = 1;
        v->end_frame = c->eng->frame + c->ksmps + v->xtratim;
    } else {
        v->turnoff = 1;
    }
}

void op_xtratim(OP_CTX *c, double seconds)
{
    int64_t f = (int64_t)llround(seconds * c->sr);
    if (f > c->voice->xtratim) c->voice->xtratim = f;
}

int op_releasing(OP_CTX *c) { return c->voice->releasing; }
double op_p3(OP_CTX *c) { return c->voice->p[3]; }
double op_p1(OP_CTX *c) { return c->pf ? c->pf[1] : c->voice->p[1]; }

float *op_outbus(OP_CTX *c, int chan)
{
    ENGINE *e = c->eng;
    if (c->bus) return chan >= 0 && chan < c->nbus ? c->bus + (size_t)chan * (size_t)e->cfg.ksmps + c->bofs : NULL;
    if (chan < 0 || chan >= e->cfg.nchnls) return NULL;
    return e->spout + (size_t)chan * (size_t)e->cfg.ksmps + c->bofs;
}

const float *op_inbus(OP_CTX *c, int chan)
{
    ENGINE *e = c->eng;
    if (chan < 0 || chan >= e->cfg.nchnls_i) return NULL;
    return e->spin + (size_t)chan * (size_t)e->cfg.ksmps + c->bofs;
}

int op_nchnls(OP_CTX *c) { return c->eng->cfg.nchnls; }
void op_badvalue(OP_CTX *c, OP *op) { c->voice->bad = 1; }
int op_offline_init(OP_CTX *c) { return c->voice->offline_init; }
int op_reinit(OP_CTX *c) { return c->voice->reiniting; }
void *op_shared(OP_CTX *c, const OP_SHARED *s) { return shared_find(c->eng, s); }
int64_t op_frame(OP_CTX *c) { return c->eng->frame + c->bofs; }
OP_CHN *op_channel(OP_CTX *c, const char *name) { return eng_channel(c->eng, name, 1); }

static void table_install(ENGINE *e, int num, FTABLE *t);
static void table_drop(ENGINE *e, int num, FTABLE *t);

static void *pool_alloc(void *ctx, size_t n) { return rta_alloc(ctx, n); }
static void pool_free(void *ctx, void *p) { rta_free(ctx, p); }

/* ftgenonce's key: the call's numbers (a file name makes no key: GEN 1 is the header's). */
static int once_key(double *key, long num, long size, long gen, const double *args, int nargs)
{
    if (nargs > ONCE_KEY - 4) return -1;
    key[0] = (double)num, key[1] = (double)size, key[2] = (double)gen, key[3] = nargs;
    for (int i = 0; i < nargs; i++) key[4 + i] = args[i];
    return 4 + nargs;
}

/* ftgenonce's table: its key kept with it (bounded: ENG_MAX_ONCE entries). */
static void once_add(ENGINE *e, const FTABLE *t, int num, const double *key, int nkey)
{
    if (nkey <= 0 || e->nonce >= ENG_MAX_ONCE) return;
    struct ft_once *o = &e->once[e->nonce++];
    o->t = t;
    o->num = num;
    o->nkey = nkey;
    memcpy(o->key, key, sizeof *key * (size_t)nkey);
}

/* ---- tables the worker makes (tabreq.h; doc/architecture.md "Tables a note makes") ---- */

/* Whether the voice's init may stop here and go on later: a note's own init
 * pass; not a user-defined opcode's or subinstr's body inside it (their
 * chains would have to stop too), a reinit pass (the note plays meanwhile)
 * or a tied note's (it plays too). */
static int can_suspend(const ENG_VOICE *v) { return v->initing && v->udo_depth == 0 && !v->reiniting && !v->tied; }

/* A number a request in flight will take (num 0 must choose another). */
static int tq_reserved(const ENGINE *e, long num)
{
    for (int i = 0; i < TQ_SLOTS; i++)
        if (e->tq.slots[i].used && !e->book[i].resolved && e->book[i].num == num) return 1;
    return 0;
}

/* The blocks live playback waited for request `ord` of block `frame` (a
 * re-render of its recorded event list: eng_add_table_wait), else 0. */
static int recorded_wait(const ENGINE *e, int64_t frame, int ord)
{
    int lo = 0, hi = e->nwaits;   /* binary search: sorted by (frame, ord) */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const struct eng_tabwait *w = &e->waits[mid];
        if (w->frame < frame || (w->frame == frame && w->ord < ord)) lo = mid + 1;
        else hi = mid;
    }
    return lo < e->nwaits && e->waits[lo].frame == frame && e->waits[lo].ord == ord ? e->waits[lo].blocks : 0;
}

void eng_add_table_wait(ENGINE *e, int64_t frame, int ord, int blocks)
{
    if (e->nwaits == e->capwaits) {
        int cap = e->capwaits ? 2 * e->capwaits : 16;
        struct eng_tabwait *w = realloc(e->waits, sizeof *w * (size_t)cap);
        if (!w) return;
        e->waits = w;
        e->capwaits = cap;
    }
    int k = e->nwaits++;   /* insertion: a recorded list is in order already */
    while (k > 0 && (e->waits[k - 1].frame > frame || (e->waits[k - 1].frame == frame && e->waits[k - 1].ord > ord))) {
        e->waits[k] = e->waits[k - 1];
        k--;
    }
    e->waits[k] = (struct eng_tabwait){ frame, ord, blocks };
}

void eng_set_realtime(ENGINE *e, int realtime) { e->realtime = realtime; }

/* The worker's answer for slot i takes effect: table book->num from now on
 * (ftgenonce's key with it), or the request failed (the slot says why). */
static void tq_resolve(ENGINE *e, int i)
{
    TQ_SLOT *s = &e->tq.slots[i];
    struct tq_book *b = &e->book[i];
    b->resolved = 1;
    b->failed = !s->t;
    if (!s->t) return;
    table_install(e, b->num, s->t);
    if (b->mode == OP_TABLE_ONCE) once_add(e, s->t, b->num, b->key, b->nkey);
    s->t = NULL;   /* the engine's now */
}

static void tq_release_if_done(ENGINE *e, int i)
{
    if (e->book[i].resolved && e->book[i].waiters == 0) tq_give_back(&e->tq, i);
}

/* What the ftgen that asked gets: the number, or -1 and why. */
static int tq_answer(ENGINE *e, ENG_VOICE *v, int i, int mode, char *err, size_t errlen)
{
    struct tq_book *b = &e->book[i];
    if (b->failed) {
        const TQ_SLOT *s = &e->tq.slots[i];
        snprintf(err, errlen, "table %d (GEN %d): %s", b->num, s->gen, s->err[0] ? s->err : "could not be made");
        return -1;
    }
    if (mode == OP_TABLE_TMP && e->tables[b->num] && v->ntmp < ENG_VOICE_TMP_TABLES)
        v->tmp_tables[v->ntmp++] = e->tables[b->num];
    return b->num;
}

/* The note waits for slot i: its init stops after this step (chain_init_from). */
static int tq_wait_for(ENGINE *e, ENG_VOICE *v, int i, int mode)
{
    v->wait_slot = i;
    v->wait_mode = mode;
    v->suspend = 1;
    e->book[i].waiters++;
    return OP_TABLE_WAIT;
}

/* A table too big for the audio thread, or one a GEN reads from a file:
 * made by the worker.  Live, the note's init waits for it (OP_TABLE_WAIT);
 * offline, the render waits for the worker here, so the note goes on at
 * once as in Csound, unless the event list being re-rendered says how many
 * blocks live playback waited for this request: then it waits as many. */
static int tq_request(OP_CTX *c, long num, long size, long gen, const double *args, int nargs, const char *path,
                      int mode, const double *key, int nkey, char *err, size_t errlen)
{
    ENGINE *e = c->eng;
    ENG_VOICE *v = c->voice;
    if (nargs > TQ_MAXARGS || (path && strlen(path) >= TQ_PATHLEN)) {
        snprintf(err, errlen, "table %ld: more than %d arguments, or a file name longer than %d bytes", num,
                 TQ_MAXARGS, TQ_PATHLEN - 1);
        return -1;
    }
    if (mode == OP_TABLE_ONCE && nkey > 0)   /* the same ftgenonce already on its way: wait for that one */
        for (int i = 0; i < TQ_SLOTS; i++) {
            struct tq_book *b = &e->book[i];
            if (!e->tq.slots[i].used || b->resolved || b->mode != OP_TABLE_ONCE || b->nkey != nkey
                || memcmp(b->key, key, sizeof *key * (size_t)nkey))
                continue;
            if (can_suspend(v)) return tq_wait_for(e, v, i, mode);
            break;   /* cannot wait: a request of its own */
        }
    if (e->req_block != e->frame) {
        e->req_block = e->frame;
        e->req_ord = 0;
    }
    int ord = e->req_ord++;
    int blocks = e->realtime ? -1 : recorded_wait(e, e->frame, ord);   /* -1: until the worker answers */
    if (blocks != 0 && !can_suspend(v)) {
        snprintf(err, errlen, "table %ld: %s inside a user-defined opcode, a subinstr, a reinit pass or a tied "
                 "note is made on the audio thread only up to %d points (the note cannot wait there for a worker "
                 "to make it): make it in the instrument's own init, in the orchestra header or with an f statement",
                 num, path ? "a table read from a file" : "a table this big", RT_TABLE_MAXLEN);
        return -1;
    }
    int i = tq_take(&e->tq);
    if (i < 0) {
        snprintf(err, errlen, "table %ld: %d tables are being made for notes already; try again later", num, TQ_SLOTS);
        return -1;
    }
    TQ_SLOT *s = &e->tq.slots[i];
    s->num = (int)num, s->size = (int)size, s->gen = (int)gen, s->nargs = nargs;
    memcpy(s->args, args, sizeof *args * (size_t)nargs);
    s->has_path = path != NULL;
    s->src = gen_source(e, (int)gen, args, nargs);   /* read by the worker: the waiting note keeps it (its epoch) */
    snprintf(s->path, sizeof s->path, "%s", path ? path : "");
    struct tq_book *b = &e->book[i];
    *b = (struct tq_book){ .num = (int)num, .mode = mode, .nkey = nkey, .frame = e->frame, .ord = ord,
                           .due = blocks > 0 ? e->frame + (int64_t)blocks * e->cfg.ksmps : -1 };
    if (nkey > 0) memcpy(b->key, key, sizeof *key * (size_t)nkey);
    tq_submit(&e->tq, i);
    if (e->realtime) {   /* asked: a recording that ends before the answer says the note never went on */
        ENG_REPLY r = reply_make(e, ENG_REPLY_TABLE_WAIT, ord, 0);
        r.v[0] = -1;
        reply_push(e, &r);
    }
    if (blocks != 0) return tq_wait_for(e, v, i, mode);
    tq_wait(&e->tq, i);   /* offline: the render waits, the note does not */
    tq_resolve(e, i);
    int r = tq_answer(e, v, i, mode, err, errlen);
    tq_release_if_done(e, i);
    return r;
}

int op_table_new(OP_CTX *c, long num, int first_auto, long size, long gen, const double *args, int nargs,
                 const char *path, int mode, char *err, size_t errlen)
{
    ENGINE *e = c->eng;
    ENG_VOICE *v = c->voice;
    int offline = v->offline_init;
    if (v->wait_slot >= 0) {   /* the ftgen the note waited for, run again: the worker's answer */
        int i = v->wait_slot;
        v->wait_slot = -1;
        e->book[i].waiters--;
        int r = tq_answer(e, v, i, v->wait_mode, err, errlen);
        tq_release_if_done(e, i);
        return r;
    }
    double key[ONCE_KEY];
    int nkey = -1;
    if (mode == OP_TABLE_ONCE && !path && (nkey = once_key(key, num, size, gen, args, nargs)) > 0) {
        for (int i = 0; i < e->nonce; i++) {   /* bounded: ENG_MAX_ONCE entries */
            struct ft_once *o = &e->once[i];
            if (o->t && o->nkey == nkey && !memcmp(o->key, key, sizeof *key * (size_t)nkey) && e->tables[o->num] == o->t)
                return o->num;
        }
    }
    if (num < 0) {
        snprintf(err, errlen, "table number %ld: must be 0 (choose one) or positive", num);
        return -1;
    }
    if (num == 0) {   /* Csound's numbers for ftgen: the first free one from 101 (bounded by ENG_MAXTABLES) */
        for (num = first_auto; num < ENG_MAXTABLES && (e->tables[num] || tq_reserved(e, num)); num++)
            ;
        if (num >= ENG_MAXTABLES) {
            snprintf(err, errlen, "no free table number left (at most %d)", ENG_MAXTABLES - 1);
            return -1;
        }
    } else if (num >= ENG_MAXTABLES) {
        snprintf(err, errlen, "table number %ld out of range (1…%d)", num, ENG_MAXTABLES - 1);
        return -1;
    }
    if (size < INT32_MIN || size > INT32_MAX) {
        snprintf(err, errlen, "table size %ld out of range", size);
        return -1;
    }
    if (mode == OP_TABLE_TMP && !offline && v->ntmp >= ENG_VOICE_TMP_TABLES) {
        snprintf(err, errlen, "one note may hold at most %d ftgentmp tables", ENG_VOICE_TMP_TABLES);
        return -1;
    }
    char why[400];
    why[0] = 0;
    FTABLE *t;
    if (offline) {
        t = eng_make_table(e, (int)num, (int)size, (int)gen, args, nargs, path, why, sizeof why);
    } else {
        /* a note's init on the processing thread: pool memory, bounded work; the rest goes to the
         * worker: files, big tables, and GEN 33/34, whose work grows with the partials in their
         * source table (and GEN 33's transform wants buffers of its own) */
        long points = size < 0 ? -size : size == 0 ? nargs : size;
        if (path || points > RT_TABLE_MAXLEN + 1 || points * (nargs > 1 ? nargs : 1) > RT_TABLE_MAXWORK
            || gen_source_kind(gen))
            return tq_request(c, num, size, gen, args, nargs, path, mode, key, nkey, err, errlen);
        FT_ALLOC al = { pool_alloc, pool_free, e->mem };
        t = ftable_gen_alloc((int)num, (int)size, (int)gen, args, nargs, e->cfg.sr, NULL, &al, why, sizeof why);
        if (t && gen == -1 && e->cfg.dbfs != 1.0)
            for (int i = 0; i <= t->size; i++) t->data[i] = (float)(t->data[i] * e->cfg.dbfs);
    }
    if (!t) {
        snprintf(err, errlen, "table %ld (GEN %ld): %s", num, gen, why[0] ? why : "could not be made");
        return -1;
    }
    if (offline) eng_set_table(e, (int)num, t);
    else table_install(e, (int)num, t);
    if (mode == OP_TABLE_TMP && !offline) v->tmp_tables[v->ntmp++] = t;
    if (nkey > 0) once_add(e, t, (int)num, key, nkey);
    return (int)num;
}

int op_table_make(OP_CTX *c, long num, int first_auto, long size, long gen, const double *args, int nargs,
                  const char *path, char *err, size_t errlen)
{
    return op_table_new(c, num, first_auto, size, gen, args, nargs, path, OP_TABLE_PLAIN, err, errlen);
}

int op_table_free(OP_CTX *c, long num, int at_end, char *err, size_t errlen)
{
    ENGINE *e = c->eng;
    ENG_VOICE *v = c->voice;
    if (num <= 0 || num >= ENG_MAXTABLES || !e->tables[num]) {
        snprintf(err, errlen, "table %ld does not exist", num);
        return -1;
    }
    FTABLE *t = e->tables[num];
    if (v->offline_init) {   /* the header: no voice plays yet */
        if (!at_end) {
            e->tables[num] = NULL;
            ftable_free(t);
        }
        return 0;
    }
    if (at_end) {
        if (v->ntmp >= ENG_VOICE_TMP_TABLES) {
            snprintf(err, errlen, "one note may free at most %d tables at its end", ENG_VOICE_TMP_TABLES);
            return -1;
        }
        v->tmp_tables[v->ntmp++] = t;
        return 0;
    }
    table_drop(e, (int)num, t);
    return 0;
}
OP_LINKS *op_links(OP_CTX *c) { return &c->voice->links; }
const char *op_pstring(OP_CTX *c, double v)
{
    int64_t off = eng_str_offset(v);
    const ENG_VOICE *vc = c->voice;
    return off >= 0 && vc && vc->pstr && off < vc->pstrlen ? vc->pstr + off : NULL;
}

/* ---- instrument control (op.h): notes that schedule, stop and count notes ---- */

static int64_t secs_to_frames(double secs, double sr);
static void stop_voice(ENGINE *e, ENG_VOICE *v, int64_t at);
static int instr_ok(const ENGINE *e, int num);

int op_instr_number(OP_CTX *c, const char *name) { return name ? names_find(c->eng, name) : -1; }

/* Straight into the queue, as the score's notes go: no command number, so
 * nothing reports it to the recorder (a re-render's instruments make it
 * again) and its frame is one the same blocks compute live and offline. */
int op_schedule(OP_CTX *c, const double *p, int np, int next, char *err, size_t errlen)
{
    return op_schedule_str(c, p, NULL, np, next, err, errlen);
}

int op_schedule_str(OP_CTX *c, const double *p, const char *const *strs, int np, int next, char *err, size_t errlen)
{
    ENGINE *e = c->eng;
    if (np > EV_MAXP) {
        snprintf(err, errlen, "%d p-fields (at most %d)", np, EV_MAXP);
        return -1;
    }
    double a = fabs(p[1]);
    if (!(a >= 1 && a < ENG_MAXINSTR)) {
        snprintf(err, errlen, "instrument number %g out of range (1…%d)", p[1], ENG_MAXINSTR - 1);
        return -1;
    }
    if (!e->instrs[(int)a]) {
        snprintf(err, errlen, "instr %d is not defined; no event made", (int)a);
        return -2;
    }
    /* an instrument that schedules itself with p2 = 0 would start notes in
     * this block for ever: the block's work stays bounded */
    if (e->made_block != e->frame) {
        e->made_block = e->frame;
        e->made_n = 0;
    }
    if (++e->made_n > MAX_MADE) {
        e->stats.events_dropped++;
        snprintf(err, errlen, "more than %d notes made in one k-cycle (an instrument scheduling itself at once?)",
                 MAX_MADE);
        return -1;
    }
    ENG_EVENT ev;
    memset(&ev, 0, offsetof(ENG_EVENT, p));
    /* an i-time event made by a reinit pass counts from the next k-cycle, as
     * a k-time one (measured with csound 6.18 --sample-accurate: a reinit in
     * block 8 plays event_i's p2 = 0 note from block 9 for its whole p3) */
    if (c->voice && c->voice->reiniting) next = 1;
    int64_t now = e->frame + (next ? e->cfg.ksmps : 0), ks = e->cfg.ksmps;
    int64_t d = secs_to_frames(p[2], e->cfg.sr);
    double st = p[2] + (double)now / e->cfg.sr;   /* the start, in seconds, as Csound adds it up */
    ev.frame = d > 0 ? now + d : now;   /* a negative start is now, as Csound clamps it */
    if (d < ENG_FOREVER && st >= 0) {
        /* Csound 6.18 --sample-accurate (insert_score_event_at_sample, then
         * insert_event): the note starts in k-cycle llrint(start * kr), or
         * the first one still to come (the next, at k-time), at the frame
         * offset (int)(start * sr) % ksmps there.  So a start in the second
         * half of a k-cycle is put back by one, and one already past (p2 =
         * 0 at k-time) takes the offset its time's float rounding gives;
         * the note's end is not moved (ev.late). */
        int64_t samps = (int64_t)(st * e->cfg.sr);
        int64_t k = (int64_t)llrint(st * (e->cfg.sr / (double)ks));
        int64_t first = e->frame / ks + (e->in_perf ? 1 : 0);
        int64_t at = (k > first ? k : first) * ks + samps % ks;
        ev.frame = at;
        ev.late = at > samps && at - samps <= INT32_MAX ? (int32_t)(at - samps) : 0;
    }
    ev.issued = e->frame;
    ev.flags = EVF_CSOUND;   /* its p2 counts from the performance's start (t0 0) */
    ev.instr = (int)a;
    ev.origin = c->voice ? c->voice->origin : 0;   /* the sender of the note that asked hears of failures */
    ev.type = p[1] < 0 ? EV_STOP : EV_START;
    ev.np = np < 3 ? 3 : np;
    ev.p[0] = 0;
    for (int i = 1; i <= np; i++) ev.p[i] = p[i];
    for (int i = np + 1; i <= 3; i++) ev.p[i] = 0;
    if (p[1] < 0) ev.p[1] = a;   /* EV_STOP without id: the held notes whose p1 is this */
    /* p2 as the note reads it: its start in the performance's seconds, as
     * Csound's insert_score_event_at_sample makes it (not rounded to a frame) */
    ev.p[2] = st > 0 ? st : 0;
    ev.rel = ev.p[2];
    for (int k = 4; strs && ev.type == EV_START && k <= np; k++)   /* texts after p[np], as the score's (engine.h) */
        if (strs[k] && eng_event_add_string(&ev, k, strs[k])) {
            snprintf(err, errlen, "the strings of the event take more than its %d p-fields hold", EV_MAXP);
            return -1;
        }
    if (sched_push(&e->sched, &ev)) {
        e->stats.events_dropped++;
        snprintf(err, errlen, "the event queue is full (%d pending)", e->sched.cap);
        return -1;
    }
    return 0;
}

/* Ends a note as Csound 6.18's turnoff2 does (Engine/insert.c xturnoff,
 * xturnoff_now): with release and a release segment (xtratim), the release
 * starts and runs from the next k-cycle; otherwise the note is deactivated
 * at once: a note not yet performed in this k-cycle does not play it, the
 * calling note skips the rest of its code.  And Csound's kperf took the
 * note after the performing one before performing it: when that very note
 * is deactivated, the loop walks into the free instances, and no note
 * after it performs in this k-cycle (perf_cut), a quirk kept so that
 * renders match. */
static void turnoff_voice(ENGINE *e, OP_CTX *c, ENG_VOICE *v, int release)
{
    if (release && v->xtratim > 0) {   /* as op_turnoff */
        v->releasing = 1;
        v->end_frame = e->frame + e->cfg.ksmps + v->xtratim;
        return;
    }
    v->releasing = 1;
    v->end_frame = e->frame;
    if (v == c->voice) v->turnoff = 1;
    if (e->in_perf && v == e->perf_next) e->perf_cut = 1;
}

int op_turnoff_instr(OP_CTX *c, double insno, int mode, int release)
{
    ENGINE *e = c->eng;
    int num = op_int(insno);
    ENG_VOICE *pick = NULL;
    int n = 0;
    if (!instr_ok(e, num)) return -1;
    /* the active list is by instrument, then p1, then start (as Csound's):
     * "oldest" is the first match, "newest" the last.  Notes gone in this
     * k-cycle are out of Csound's list; releasing ones are passed over
     * only when the release is allowed (without, they end now). */
    for (ENG_VOICE *v = e->active; v; v = v->next) {
        if (v->instr != num || v->end_frame <= e->frame) continue;
        if ((mode & 8) && v->end_frame != INT64_MAX) continue;
        if ((mode & 4) && v->p[1] != insno) continue;
        if (release && v->releasing) continue;
        if ((mode & 3) == 1) { pick = v; break; }
        if ((mode & 3) == 2) { pick = v; continue; }
        turnoff_voice(e, c, v, release);
        n++;
    }
    if (pick) { turnoff_voice(e, c, pick, release); n++; }
    return n;
}

int op_pcount(OP_CTX *c) { return c->voice->pcount; }
const double *op_pfields(OP_CTX *c) { return c->pf ? c->pf : c->voice->p; }
int op_tied(OP_CTX *c) { return c->voice->tied; }
void op_hold(OP_CTX *c) { c->voice->hold = 1; }

static int instr_ok(const ENGINE *e, int num) { return num > 0 && num < ENG_MAXINSTR && e->instrs[num]; }

int op_instr_exists(OP_CTX *c, int num) { return instr_ok(c->eng, num); }

int op_instr_maxalloc(OP_CTX *c, int num, int count)
{
    if (!instr_ok(c->eng, num)) return -1;
    c->eng->maxalloc[num] = count;
    return 0;
}

int op_instr_mute(OP_CTX *c, int num, int mute)
{
    if (!instr_ok(c->eng, num)) return -1;
    c->eng->muted[num] = (uint8_t)(mute != 0);
    return 0;
}

/* The engine forgets the template (the orchestra that compiled it still owns
 * and frees it); no note may be playing it. */
int op_instr_remove(OP_CTX *c, int num)
{
    ENGINE *e = c->eng;
    if (!instr_ok(e, num)) return 0;
    if (e->nplaying[num] > 0 || e->nsub[num] > 0 || (c->voice && c->voice->instr == num)) return -1;
    e->instrs[num] = NULL;
    e->table_epoch++;
    return 0;
}

void op_exit(OP_CTX *c, double secs)
{
    ENGINE *e = c->eng;
    if (atomic_load_explicit(&e->ended, memory_order_relaxed)) return;
    int64_t d = secs > 0 ? secs_to_frames(secs, e->cfg.sr) : 0;
    if (d > 0) {   /* a line event's e with a time: queued, as the score's notes */
        ENG_EVENT ev;
        memset(&ev, 0, offsetof(ENG_EVENT, p));
        ev.type = EV_END;
        ev.frame = e->frame + e->cfg.ksmps + d;
        ev.issued = e->frame;
        ev.np = 3;
        if (sched_push(&e->sched, &ev) == 0) return;
    }
    e->exit_frame = e->frame;   /* at once: this k-cycle is not heard, as Csound's longjmp leaves it */
    atomic_store_explicit(&e->ended, 1, memory_order_relaxed);
}

int op_active(OP_CTX *c, int num, int norel)
{
    int n = 0;
    for (const ENG_VOICE *v = c->eng->active; v; v = v->next)   /* (one turned off at once is gone) */
        if ((num == 0 || v->instr == num) && !(norel && v->releasing) && v->end_frame > c->eng->frame) n++;
    if (c->voice && c->voice->initing && (num == 0 || c->voice->instr == num)) n++;
    /* subinstr instances count as notes of their instrument, as Csound
     * 6.18's subinstrset counts them in the instrument's active; and its
     * count of every instrument starts from one (instcount's tot = 1) */
    if (num > 0 && num < ENG_MAXINSTR) return n + c->eng->nsub[num];
    return num == 0 ? n + c->eng->nsub_all + 1 : n;
}

void op_perfwarn(OP_CTX *c, OP *op, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    voice_error(c, op, "warning", "WARNING", "", fmt, ap);
    va_end(ap);
}

/* The note ends with this block, its release skipped, and the rest of
 * this k-cycle with it (Csound's "note deleted"). */
static void voice_delete(OP_CTX *c)
{
    ENG_VOICE *v = c->voice;
    v->releasing = 1;
    v->end_frame = c->eng->frame;
    v->turnoff = 1;   /* the rest of this k-cycle is skipped */
}

void op_perferr(OP_CTX *c, OP *op, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    voice_error(c, op, "performance error", "PERF ERROR", "; note deleted", fmt, ap);
    va_end(ap);
    voice_delete(c);
}

/* ---- voices ---- */

static void ctx_init(ENGINE *e, OP_CTX *c, ENG_VOICE *v)
{
    c->eng = e;
    c->voice = v;
    c->sr = e->cfg.sr;
    c->onedsr = 1.0 / e->cfg.sr;
    c->ksmps = e->cfg.ksmps;
    c->kr = e->cfg.sr / e->cfg.ksmps;
    c->onedkr = 1.0 / c->kr;
    c->dbfs = e->cfg.dbfs;
    c->a4 = e->cfg.a4;
    c->ofs = 0;
    c->end = e->cfg.ksmps;
    c->bofs = 0;
    c->bus = NULL;
    c->nbus = 0;
    c->pf = NULL;
    c->pw = NULL;
}

/* Copy a template's arena image into `arena` and point every argument at its
 * storage: a voice's arena, or a user-defined opcode instance's. */
static void tmpl_instantiate(ENGINE *e, const INSTR_TMPL *t, unsigned char *arena)
{
    memcpy(arena, t->image, t->arena_used);
    for (int i = 0; i < t->nrelocs; i++) {
        const TMPL_RELOC *r = &t->relocs[i];
        void *target;
        switch (r->base) {
        case REL_LOCAL: target = arena + r->off; break;
        case REL_GLOBAL: target = (unsigned char *)e->globals + r->off; break;
        case REL_CONST: target = (unsigned char *)t->consts + r->off; break;
        case REL_GSTR: {   /* a global S variable: its header, once (see instr.h) */
            OP_STR *gs = (OP_STR *)((unsigned char *)e->globals + r->off);
            if (!gs->data) {
                gs->data = (char *)(gs + 1);
                gs->size = OP_STR_INLINE;
            }
            target = gs;
            break;
        }
        default: target = &t->sconst[r->off]; break;
        }
        memcpy(arena + r->at, &target, sizeof target);
    }
}

static void voice_instantiate(ENGINE *e, ENG_VOICE *v, const INSTR_TMPL *t)
{
    tmpl_instantiate(e, t, v->arena);
    v->p = (double *)v->arena;
    v->tmpl = t;
    v->udo_depth = 0;
    v->subs = NULL;
    memset(&v->links, 0, sizeof v->links);
}

static double *cond_ptr(ENGINE *e, unsigned char *arena, const CHAIN_STEP *s)
{
    return (double *)((s->cond_base == REL_GLOBAL ? (unsigned char *)e->globals : arena) + s->cond_off);
}

/* Whether a jump step of a chain over `arena` jumps now. */
static int jump_taken(ENGINE *e, ENG_VOICE *v, unsigned char *arena, const CHAIN_STEP *s)
{
    if (s->when == WHEN_REINIT && !v->reiniting) return 0;
    if (s->when == WHEN_TIED && !(v->tied && !v->reiniting)) return 0;
    return s->cond_base < 0 || ((*cond_ptr(e, arena, s) != 0.0) == s->jump_if);
}

/* The voice's work budget for one pass (VOICE_STEPS, within what the block has left). */
static void budget_begin(ENGINE *e, ENG_VOICE *v)
{
    int64_t lim = e->block_left < VOICE_STEPS ? e->block_left : VOICE_STEPS;
    v->steps = 0;
    v->step_limit = lim > FLOOR_STEPS ? lim : FLOOR_STEPS;
}

static void budget_end(ENGINE *e, ENG_VOICE *v)
{
    e->block_left -= v->steps < e->block_left ? v->steps : e->block_left;
}

/* A UDO's or subinstr's instance costs its voice's budget a step for every
 * INSTANCE_BYTES bytes of its arena: filling it (and, the first time, the
 * page faults of fresh memory) costs more than a step, so a recursion that
 * fans out (two calls a level, 40 levels) stops within the budget's time
 * too, not after gigabytes of instances. */
#define INSTANCE_BYTES 16
static void instance_cost(ENG_VOICE *v, const INSTR_TMPL *t) { v->steps += t->arena_used / INSTANCE_BYTES; }

/* The voice ran out of its work budget at step pc of chain[0..n): it is
 * stopped (an init pass fails; a playing note is deleted with this block)
 * and its sender, or the console, told once.  The line named is the loop's,
 * the first jump at or after pc back to pc or before, else the step's. */
static void overrun(OP_CTX *c, const CHAIN_STEP *chain, int n, int pc, unsigned char *arena, int init)
{
    ENG_VOICE *v = c->voice;
    if (v->overrun) return;
    v->overrun = 1;
    const CHAIN_STEP *s = &chain[pc];
    int line = s->fn || s->ifn ? ((OP *)(arena + s->op_off))->line : s->line;
    for (int i = pc; i < n; i++)
        if (!chain[i].fn && !chain[i].ifn && chain[i].kind == STEP_JUMP && chain[i].target <= pc) {
            line = chain[i].line;
            break;
        }
    char buf[200];
    if (v->step_limit >= VOICE_STEPS || v->offline_init)
        snprintf(buf, sizeof buf, "more than %lld steps in one %s (an endless loop?)", (long long)v->step_limit,
                 init && !v->reiniting ? "init pass" : "k-cycle");
    else
        snprintf(buf, sizeof buf, "the block's work budget (%lld steps for all voices) ran out",
                 (long long)BLOCK_STEPS);
    if (!v->offline_init) c->eng->stats.overruns++;   /* (instr 0 runs on the control thread) */
    if (init && !v->reiniting) {
        voice_say(c, "work budget", line, "init error", "INIT ERROR", "", buf, sizeof buf);
    } else {
        voice_say(c, "work budget", line, "performance error", "PERF ERROR", "; note deleted", buf, sizeof buf);
        voice_delete(c);
    }
}

/* The init pass of template t over its arena (a voice's, or a UDO
 * instance's in that voice) from step pc: i-time jumps and init functions
 * in order; 1 when the note's init stopped to wait for a table (at
 * v->wait_pc, see tq_request), -1 at an init error.  A note's pass (reinit 0) stops at the first init error; a
 * reinit pass (Csound's reinit, OOps/goto_ops.c) ends at a rireturn and, as
 * Csound's, goes on past an init error (reported) with the note still
 * playing; the opcode that failed then sits out the perf passes (Csound's
 * opcodes find themselves uninitialised there) until a later pass inits it. */
static int chain_init_from(ENGINE *e, ENG_VOICE *v, const INSTR_TMPL *t, unsigned char *arena, OP_CTX *c, int pc,
                           int reinit)
{
    while (pc < t->ninit) {
        const CHAIN_STEP *s = &t->init[pc];
        if (++v->steps > v->step_limit || v->overrun) {
            overrun(c, t->init, t->ninit, pc, arena, 1);
            return -1;
        }
        if (s->ifn) {
            OP *op = (OP *)(arena + s->op_off);
            const OP *outer = v->init_op;   /* a UDO's init runs its body's inits inside its own */
            int outer_ord = v->alloc_ord;
            v->init_op = op;
            v->alloc_ord = 0;
            int bad = s->ifn(op, c) || v->initerr;
            v->init_op = outer;
            v->alloc_ord = outer_ord;
            if (v->suspend && !bad) {   /* it waits for the table worker: this step runs again then */
                v->suspend = 0;
                v->wait_pc = pc;
                return 1;
            }
            v->suspend = 0;
            if (bad && (!reinit || v->overrun)) return -1;
            op->initfail = (uint8_t)bad;   /* its perf cannot run on what it lacks: skipped until a pass inits it */
            v->initerr = 0;
            pc++;
        } else if (s->fn) {
            s->fn((OP *)(arena + s->op_off), c);
            pc++;
        } else if (s->kind == STEP_RIRETURN) {
            if (reinit) break;
            pc++;
        } else if (jump_taken(e, v, arena, s)) {
            pc = s->target;
        } else {
            pc++;
        }
    }
    return 0;
}

static int chain_init(ENGINE *e, ENG_VOICE *v, const INSTR_TMPL *t, unsigned char *arena, OP_CTX *c)
{
    return chain_init_from(e, v, t, arena, c, 0, 0);
}

/* reinit: the init pass of t over arena again from step `from` of its init
 * chain up to the next rireturn, now, in the middle of this k-cycle; the
 * perf pass then goes on after the reinit step (Csound 6.18 without
 * --realtime does it so). */
static void chain_reinit(ENGINE *e, ENG_VOICE *v, const INSTR_TMPL *t, unsigned char *arena, OP_CTX *c, int from)
{
    int outer = v->reiniting;
    v->reiniting = 1;
    chain_init_from(e, v, t, arena, c, from, 1);
    v->reiniting = outer;
}

/* The perf pass: one k-cycle of template t over its arena. */
static void chain_perf(ENGINE *e, ENG_VOICE *v, const INSTR_TMPL *t, unsigned char *arena, OP_CTX *c)
{
    const CHAIN_STEP *steps = t->perf;
    int n = t->nperf, pc = 0;
    while (pc < n) {
        const CHAIN_STEP *s = &steps[pc];
        if (++v->steps > v->step_limit) {
            overrun(c, steps, n, pc, arena, 0);
            break;
        }
        if (s->fn) {
            OP *op = (OP *)(arena + s->op_off);
            if (!op->initfail) s->fn(op, c);
            pc++;
            if (v->turnoff) break;   /* turnoff skips the rest of the k-cycle */
        } else if (s->kind == STEP_REINIT) {
            chain_reinit(e, v, t, arena, c, s->target);
            pc++;
            if (v->overrun) break;
        } else if (jump_taken(e, v, arena, s)) {
            pc = s->target;
        } else {
            pc++;
        }
    }
}

static int run_init(ENGINE *e, ENG_VOICE *v, OP_CTX *c) { return chain_init(e, v, v->tmpl, v->arena, c); }
static void run_perf(ENGINE *e, ENG_VOICE *v, OP_CTX *c) { chain_perf(e, v, v->tmpl, v->arena, c); }

/* ---- user-defined opcodes (instr.h) ---- */

/* Deeper than this, a UDO's init is refused: recursion that never stops
 * would exhaust the audio thread's stack (each level is a few hundred
 * bytes of it, and an arena of note memory). */
#define UDO_MAXDEPTH 400

/* The context a UDO's code runs in: its own block size, its instance's p-fields. */
static void udo_ctx(OP_CTX *sub, const OP_CTX *c, const INSTR_TMPL *t, unsigned char *arena)
{
    *sub = *c;
    sub->pw = (double *)arena;
    if (t->udo_ksmps != c->ksmps) {
        sub->ksmps = t->udo_ksmps;
        sub->kr = c->sr / t->udo_ksmps;
        sub->onedkr = 1.0 / sub->kr;
    }
    /* whole blocks: Csound's UDO instance keeps no sample-accurate start or
     * end of its own (the caller's opcodes apply the caller's) */
    sub->ofs = 0;
    sub->end = sub->ksmps;
}

static UDO_FRAME *udo_frame(const INSTR_TMPL *t, unsigned char *arena) { return (UDO_FRAME *)(arena + t->udo_frame); }

int eng_udo_init(OP *op, OP_CTX *c)
{
    UDO_STATE *st = udo_state(op);
    const INSTR_TMPL *t = st->t;
    ENG_VOICE *v = c->voice;
    st->inited = 0;
    if (v->udo_depth >= UDO_MAXDEPTH)
        return op_initerr(c, op, "calls nested more than %d deep (a recursion that does not stop?)", UDO_MAXDEPTH);
    if (!st->arena && !(st->arena = op_alloc(c, t->arena_used)))
        return op_initerr(c, op, "no note memory for the opcode's instance");
    instance_cost(v, t);
    tmpl_instantiate(c->eng, t, st->arena);
    /* the caller's p-fields (p1 to p3 at least), as Csound 6.18's useropcd
     * copies them; after the init pass p3 goes back to the caller, so a
     * UDO assigning p3 sets its note's length as the instrument would */
    double *cp = c->pw ? c->pw : v->p, *up = (double *)st->arena;
    int np = t->max_p > 3 ? t->max_p : 3;
    if (cp) memcpy(up, cp, sizeof(double) * (size_t)(np + 1));
    UDO_FRAME *f = udo_frame(t, st->arena);
    f->call = op;
    f->xin = f->xout = NULL;
    f->caller_ksmps = c->ksmps;
    OP_CTX sub;
    udo_ctx(&sub, c, t, st->arena);
    v->udo_depth++;
    int r = chain_init(c->eng, v, t, st->arena, &sub);
    v->udo_depth--;
    if (cp) cp[3] = up[3];
    st->inited = r == 0;
    return r;
}

/* ---- subinstr (op.h): an instrument's template instantiated in the note,
 * as a UDO's is, its outputs gathered in a bus of its own ---- */

/* The context a sub-instance runs in, its bus cleared for this pass: whole
 * blocks, as Csound's sub-instance (the caller's outs apply the caller's
 * edges), outs into its own bus, p-fields from its own arena. */
static OP_CTX subinst_ctx(const OP_CTX *c, OP_SUBINST *s)
{
    int nchnls = c->eng->cfg.nchnls;
    memset(s->bus, 0, sizeof(float) * (size_t)c->eng->cfg.ksmps * (size_t)nchnls);
    OP_CTX sub = *c;
    sub.bus = s->bus;
    sub.nbus = nchnls;
    sub.ofs = 0;
    sub.end = sub.ksmps;
    sub.pf = (const double *)s->arena;
    sub.pw = (double *)s->arena;
    return sub;
}

int op_subinstr_init(OP_CTX *c, OP *op, OP_SUBINST *s, int num, const double *p4, int np)
{
    ENGINE *e = c->eng;
    ENG_VOICE *v = c->voice;
    const INSTR_TMPL *t = eng_get_instr(e, num);
    s->inited = 0;
    if (!t) return op_initerr(c, op, "instr %d is not defined", num);
    if (3 + np > EV_MAXP) return op_initerr(c, op, "too many p-fields (%d, at most %d)", 3 + np, EV_MAXP);
    if (v->udo_depth >= UDO_MAXDEPTH)
        return op_initerr(c, op, "calls nested more than %d deep (a recursion that does not stop?)", UDO_MAXDEPTH);
    size_t busbytes = sizeof(float) * (size_t)e->cfg.ksmps * (size_t)e->cfg.nchnls;
    if (s->t != t || !s->arena) {   /* a tie or reinit keeps its instance */
        s->arena = op_alloc(c, t->arena_used);
        s->bus = s->arena ? op_alloc(c, busbytes) : NULL;
        if (!s->arena || !s->bus) return op_initerr(c, op, "no note memory for the instrument's instance");
        s->t = t;
        if (s->num) {
            e->nsub[s->num]--;   /* a reinit to another instrument: counted as that one now */
            e->nsub_all--;
        } else {
            s->next = v->subs;
            v->subs = s;
        }
        s->num = num;
        e->nsub[num]++;
        e->nsub_all++;
    }
    instance_cost(v, t);
    tmpl_instantiate(e, t, s->arena);
    double *p = (double *)s->arena;
    p[1] = num;
    p[2] = v->p ? v->p[2] : 0;
    p[3] = v->p ? v->p[3] : 0;
    for (int i = 0; i < np; i++) p[4 + i] = p4[i];
    OP_CTX sub = subinst_ctx(c, s);
    v->udo_depth++;
    int r = chain_init(e, v, t, s->arena, &sub);
    v->udo_depth--;
    s->inited = r == 0;
    return r;
}

void op_subinstr_perf(OP_CTX *c, OP_SUBINST *s)
{
    if (!s->inited) return;
    OP_CTX sub = subinst_ctx(c, s);
    chain_perf(c->eng, c->voice, s->t, s->arena, &sub);
}

/* An array argument: dst shaped as src, then its elements copied (an S[]'s
 * texts one by one), as Csound 6.18's array copyValue that xinset, xoutset
 * and useropcd run (Engine/udo.c): i[] at i-time only, the others also at
 * every k-cycle. */
static void udo_copy_array(OP_CTX *c, char L, OP_ARRAY *dst, const OP_ARRAY *src)
{
    if (dst == src || src->dims < 1 || !src->data) return;
    if (op_array_shape(c, dst, src->dims, src->sizes, src->elem)) {
        op_perferr(c, NULL, "no note memory for an array argument");
        return;
    }
    if (L != 'Q') {
        memcpy(dst->data, src->data, (size_t)src->count * (size_t)src->elem);
        return;
    }
    OP_STR *d = dst->data;
    const OP_STR *s = src->data;
    for (int i = 0; i < src->count; i++)
        if (op_array_str_set(c, dst, &d[i], s[i].data ? s[i].data : "")) {
            op_perferr(c, NULL, "no note memory for an array argument");
            return;
        }
}

/* An a[] argument: every member's frames [pos, pos+n) of the caller's
 * side, as Csound 6.18's useropcd1 copies a[] members slice by slice (a
 * scalar a-rate argument's way).  dst is shaped as src when it is not
 * already; its members stay as long as they were, or are elem bytes (the
 * block size of dst's side) when it had none. */
static void udo_copy_audio_array(OP_CTX *c, OP_ARRAY *dst, const OP_ARRAY *src, int elem, int a_to_caller, int pos, int n)
{
    if (dst == src || src->dims < 1 || !src->data) return;
    int same = dst->data && dst->dims == src->dims && !memcmp(dst->sizes, src->sizes, sizeof(int32_t) * (size_t)src->dims);
    if (!same && op_array_shape(c, dst, src->dims, src->sizes, dst->elem > 0 ? dst->elem : elem)) {
        op_perferr(c, NULL, "no note memory for an array argument");
        return;
    }
    int dofs = a_to_caller ? pos : 0, sofs = a_to_caller ? 0 : pos;
    int fl = (int)sizeof(float);
    if ((dofs + n) * fl > dst->elem) n = dst->elem / fl - dofs;
    if ((sofs + n) * fl > src->elem) n = src->elem / fl - sofs;
    if (n <= 0) return;
    for (int i = 0; i < src->count; i++)
        memcpy((char *)dst->data + (size_t)i * (size_t)dst->elem + (size_t)dofs * sizeof(float),
               (const char *)src->data + (size_t)i * (size_t)src->elem + (size_t)sofs * sizeof(float),
               sizeof(float) * (size_t)n);
}

/* One argument between a caller and a UDO instance, by its type letter L:
 * an a-rate block's frames [pos, pos+n) of the caller's side (the
 * instance's block is n frames; c is the caller's context), the same of an
 * a[]'s members, a string's text (S), an array (D, K, Q), else a scalar. */
static void udo_copy_arg(OP_CTX *c, char L, const OP_ARG *dst, const OP_ARG *src, int a_to_caller, int pos, int n)
{
    if (L == 'A') {
        int elem = (int)sizeof(float) * (a_to_caller ? c->ksmps : n);
        udo_copy_audio_array(c, dst->arr, src->arr, elem, a_to_caller, pos, n);
    } else if (L == 'D' || L == 'K' || L == 'Q') {
        udo_copy_array(c, L, dst->arr, src->arr);
    } else if (L == 'a') {
        if (a_to_caller) memcpy(dst->a + pos, src->a, sizeof(float) * (size_t)n);
        else memcpy(dst->a, src->a + pos, sizeof(float) * (size_t)n);
    } else if (L == 'S') {
        if (dst->str != src->str && op_str_set(c, dst->str, src->str->data))
            op_perferr(c, NULL, "no note memory for a string argument");
    } else {
        *dst->k = *src->k;
    }
}

/* Input letter L of a call is copied at every k-cycle: a-, k-rate and
 * string ones, arrays but i[] (i-time ones were copied once, by xin), as
 * Csound 6.18's useropcd1/2 skip only i-typed variables and arrays. */
static int udo_krate_in(char L) { return L && !strchr("iopjD", L); }

/* The k-rate, string and a-rate inputs into the instance (a-rate: frames [pos, pos+n) of the caller's blocks). */
static void udo_copy_in(OP_CTX *c, const OP *call, const OP *xin, int pos, int n)
{
    const char *L = call->desc->in;
    for (int i = 0; i < xin->nout; i++)
        if (udo_krate_in(L[i])) udo_copy_arg(c, L[i], &xin->arg[i], &call->arg[call->nout + i], 0, pos, n);
}

/* The a-rate outputs, a[] ones too (frames [pos, pos+n)), and with `k`
 * the k-rate, string and array ones too (not i[]: xout gave those). */
static void udo_copy_out(OP_CTX *c, const OP *call, const OP *xout, int pos, int n, int k)
{
    const char *L = call->desc->out;
    int nout = xout->nin - 1 < call->nout ? xout->nin - 1 : call->nout;
    for (int i = 0; i < nout; i++)
        if (L[i] == 'a' || L[i] == 'A' || (k && !strchr("iDA", L[i]))) udo_copy_arg(c, L[i], &call->arg[i], &xout->arg[i], 1, pos, n);
}

/* Bytes [b0, b1) of the block seen as Csound's doubles (little-endian, as
 * the machines it runs on) set to zero, as memset((char *)a + b0, 0, b1 - b0)
 * did there: see eng_udo_perf. */
static void udo_csound_tail(float *a, int K, int b0, int early)
{
    long b1 = b0 + 8L * early;
    for (long j = b0 / 8; j * 8 < b1 && j < K; j++) {
        long lo = b0 > j * 8 ? b0 - j * 8 : 0, hi = b1 < j * 8 + 8 ? b1 - j * 8 : 8;
        double d = a[j];
        unsigned char u[8];
        memcpy(u, &d, 8);
        memset(u + lo, 0, (size_t)(hi - lo));
        memcpy(&d, u, 8);
        a[j] = (float)d;
    }
}

void eng_udo_perf(OP *op, OP_CTX *c)
{
    UDO_STATE *st = udo_state(op);
    if (!st->inited) return;   /* its init was skipped (an i-time branch) or failed */
    const INSTR_TMPL *t = st->t;
    UDO_FRAME *f = udo_frame(t, st->arena);
    OP_CTX sub;
    udo_ctx(&sub, c, t, st->arena);
    int K = c->ksmps, lks = sub.ksmps;
    if (lks == K) {
        if (f->xin) udo_copy_in(c, op, f->xin, 0, K);
        chain_perf(c->eng, c->voice, t, st->arena, &sub);
        if (f->xout) udo_copy_out(c, op, f->xout, 0, K, 1);
        return;
    }
    /* a local ksmps: sub-cycles over slices of the caller's block, k-rate
     * inputs the same in each, k-rate outputs from the last, as Csound
     * 6.18's useropcd1 runs them, sample-accurate edges included: the
     * first slice starts at offset / lks (a count of slices, taken as a
     * frame: right when the note starts in the block's first slice, and
     * always with setksmps 1), each slice skips offset % lks frames at its start and
     * early % lks at its end, and slices run while they start before the
     * note's end.  A slice reaching past the block is cut (Csound's ran
     * over its buffers). */
    int early = K - c->end;
    sub.ofs = c->ofs % lks;
    sub.end = lks - early % lks;
    for (int pos = c->ofs / lks; pos < c->end; pos += lks) {
        int n = K - pos < lks ? K - pos : lks;
        sub.bofs = c->bofs + pos;
        if (f->xin) udo_copy_in(c, op, f->xin, pos, n);
        chain_perf(c->eng, c->voice, t, st->arena, &sub);
        if (f->xout) udo_copy_out(c, op, f->xout, pos, n, 0);
        if (c->voice->turnoff) break;
    }
    if (f->xout) {
        udo_copy_out(c, op, f->xout, 0, 0, 1);
        /* Csound 6.18's useropcd1 clears a note's last partial block from
         * a byte offset, (char *)out + g_ksmps, over `early` samples: in its
         * double samples that clears bytes [end, end + 8 early), so frames
         * from end / 8 on are silenced (or, part-cleared, lose bytes of
         * their double), and frames after that keep what the variable held
         * from the block before.  Kept, so such endings sound as in Csound. */
        for (int i = 0; i < op->nout; i++)
            if (op_isa(op, i)) {
                float *a = op->arg[i].a;
                for (int j = 0; j < c->ofs; j++) a[j] = 0.0f;
                if (c->end < K) udo_csound_tail(a, K, c->end, K - c->end);
            } else if (i < (int)strlen(op->desc->out) && op->desc->out[i] == 'A') {
                /* an a[]'s members: there Csound clears the frames before
                 * the note's start and from its end, float-exact */
                OP_ARRAY *r = op->arg[i].arr;
                for (int m = 0; r->data && r->elem >= K * (int)sizeof(float) && m < r->count; m++) {
                    float *a = (float *)((char *)r->data + (size_t)m * (size_t)r->elem);
                    for (int j = 0; j < c->ofs; j++) a[j] = 0.0f;
                    for (int j = c->end; j < K; j++) a[j] = 0.0f;
                }
            }
    }
}

/* xin: the caller's inputs into the opcode's variables (i-time values stay;
 * k- and a-rate ones the call copies again at every k-cycle). Its last
 * input is the instance's frame. */
int eng_xin_init(OP *op, OP_CTX *c)
{
    UDO_FRAME *f = (UDO_FRAME *)op->arg[op->nout].k;
    const OP *call = f->call;
    f->xin = op;
    for (int i = 0; i < op->nout; i++)
        udo_copy_arg(c, call->desc->in[i], &op->arg[i], &call->arg[call->nout + i], 0, 0, c->ksmps);
    return 0;
}

/* xout: the i-time outputs and the arrays to the caller now (an a[] shaped
 * with the caller's block size); k- and a-rate ones are copied by the call
 * at perf (Csound's xoutset). */
int eng_xout_init(OP *op, OP_CTX *c)
{
    UDO_FRAME *f = (UDO_FRAME *)op->arg[op->nin - 1].k;
    const OP *call = f->call;
    f->xout = op;
    for (int i = 0; i < op->nin - 1 && i < call->nout; i++) {
        char L = call->desc->out[i];
        if (strchr("iSDQK", L))   /* k[] and a[] too, as Csound 6.18's xoutset copies every array */
            udo_copy_arg(c, L, &call->arg[i], &op->arg[i], 1, 0, 0);
        else if (L == 'A')
            udo_copy_audio_array(c, call->arg[i].arr, op->arg[i].arr, (int)sizeof(float) * f->caller_ksmps, 1, 0,
                                 c->ksmps < f->caller_ksmps ? c->ksmps : f->caller_ksmps);
    }
    return 0;
}

/* Into the active list, ordered as Csound 6.18's insert splices a note
 * into its activ chain: by instrument, then by p1 (its fraction), then by
 * start; the order notes perform in, and turnoff2's oldest and newest. */
static void active_insert(ENGINE *e, ENG_VOICE *v)
{
    ENG_VOICE **pp = &e->active;
    while (*pp && ((*pp)->instr < v->instr || ((*pp)->instr == v->instr && (*pp)->p[1] <= v->p[1])))
        pp = &(*pp)->next;
    v->next = *pp;
    *pp = v;
    e->nactive++;
    e->nplaying[v->instr]++;
    if (e->nactive > e->stats.max_voices_seen) e->stats.max_voices_seen = e->nactive;
}

/* Give back all the voice took from the note memory: bounded by its own blocks. */
static void voice_free_memory(ENGINE *e, ENG_VOICE *v)
{
    for (OP_SUBINST *s = v->subs; s; s = s->next) {   /* before their memory goes */
        e->nsub[s->num]--;
        e->nsub_all--;
    }
    v->subs = NULL;
    for (int i = 0; i < v->ntmp; i++)   /* ftgentmp's tables end with the note */
        if (v->tmp_tables[i]) table_drop(e, v->tmp_tables[i]->num, v->tmp_tables[i]);
    v->ntmp = 0;
    for (NOTE_BLOCK *b = v->blocks, *next; b; b = next) {
        next = b->next;
        rta_free(e->mem, b);
    }
    v->blocks = NULL;
    rta_free(e->mem, v->arena);
    v->arena = NULL;
    v->p = NULL;
}

static void voice_release_slot(ENGINE *e, ENG_VOICE *v)
{
    if (e->notify && v->id != 0) end_push(e, v->id, 0);
    voice_free_memory(e, v);
    voice_unhold(v);
    v->gen++;
    v->tmpl = NULL;
    e->freelist[e->nfree++] = v;
}

/* Seconds to frames, rounded, clamped to ±ENG_FOREVER (2^62 frames, ~3 million
 * years at 48 kHz) so a huge or non-finite time never overflows int64. */

static int64_t secs_to_frames(double secs, double sr)
{
    double f = secs * sr;
    if (!(f < 0x1p62)) return ENG_FOREVER;   /* NaN lands here too */
    if (!(f > -0x1p62)) return -ENG_FOREVER;
    return (int64_t)llround(f);
}

/* Where a score's or an instrument's note (EVF_CSOUND) of p3 = dur > 0 ends,
 * as Csound 6.18 --sample-accurate times it (Engine/insert.c insert,
 * musmon.c sensevents, csound.c kperf), in its own floating point so the
 * same notes end on the same frames:
 *   offtim = ceil((p2 + timeOffs + p3) * kr) / kr, or rounded to the nearest
 *   k-cycle for a note with a release (xtratim);
 *   the note is taken off at the start of the first k-cycle F with
 *   offtim <= (F + 0.505 ksmps) / sr;
 *   in the k-cycle before, it stops no_end frames early: ksmps -
 *   ((int)(p3 * sr) + its start's offset) % ksmps, none when that is a
 *   whole k-cycle (or it has a release).
 * So mostly start + (int)(p3 * sr), but 0.1 + 0.2 at 48000/32 plays to the
 * end of the k-cycle 0.30000000000000004 begins.  A note with a release
 * gets the frame its release starts on (run_block starts it in the k-cycle
 * that begins there).  INT64_MAX: too far to count. */
int64_t eng_csound_end(const ENG_CONFIG *cfg, int64_t t0, double rel, double dur, int release, int64_t *offk)
{
    double sr = cfg->sr, ks = cfg->ksmps, kr = sr / ks;
    double off = (rel + (double)t0 / sr + dur) * kr;
    int64_t ksmps = cfg->ksmps, dummy;
    if (!offk) offk = &dummy;
    *offk = INT64_MAX;
    if (!(fabs(off) < 0x1p50) || !(dur * sr < 0x1p50) || !(fabs(rel * sr) < 0x1p62)) return INT64_MAX;
    off = (release ? floor(off + 0.5) : ceil(off)) / kr;
    /* F: a k-cycle or two around offtim's, found by Csound's own comparison */
    int64_t k = (int64_t)floor(off * kr) - 2;
    while (off > ((double)k * ks + ks * 0.505) / sr) k++;   /* a few steps at most */
    int64_t F = k * ksmps;
    *offk = F;
    if (release) return F;
    int64_t ofs = (int64_t)(rel * sr) % ksmps;
    int64_t tmp = ((int64_t)(dur * sr) + ofs) % ksmps;
    /* its last k-cycle, cut where kperf finds time_end > offtim: kperf has
     * counted the k-cycle in by then, so time_end is its end plus ksmps
     * (always past offtim here; the k-cycle before is cut too if its end
     * lies past offtim, a gap only a kr that is not exact in binary can
     * make, which this leaves out) */
    int64_t last = F - ksmps;
    if (tmp && (ks + (double)F) / sr > off) return last + tmp;
    return F;
}

static ENG_VOICE *find_voice(ENGINE *e, int32_t id)
{
    for (ENG_VOICE *v = e->active; v; v = v->next)
        if (v->id == id) return v;
    return NULL;
}

/* The note's p-fields from its event: the instrument's pset values from p3
 * on (Csound's psetdata), then the event's own, as Csound's insert_event
 * lays them; the rest read 0. */
static void set_note_pfields(ENG_VOICE *v, const INSTR_TMPL *t, const ENG_EVENT *ev)
{
    int np = ev->np < EV_MAXP ? ev->np : EV_MAXP;
    memset(v->p + 1, 0, sizeof(double) * EV_MAXP);
    for (int i = 3; i <= t->npset && i <= EV_MAXP; i++) v->p[i] = t->pset[i - 1];
    for (int i = 1; i <= np; i++) v->p[i] = ev->p[i];
    v->pcount = np;
}

static void free_voice(ENGINE *e, ENG_VOICE *v);
static void note_begin(ENGINE *e, ENG_VOICE *v, int r);

/* A note maxalloc or mute refuses: a live one's sender is told (/fail), a
 * score's or an instrument's note is a warning, as in Csound. */
static void refuse_note(ENGINE *e, const ENG_EVENT *ev, const INSTR_TMPL *t, const char *why)
{
    if (ev->id)
        refuse(e, ev->origin, ev->id, "/sched: event %d (instr %s): %s; note dropped", ev->id, t->name, why);
    else
        refuse(e, ev->origin, 0, "WARNING: instr %s at %.4f s: %s; note dropped", t->name,
               (double)ev->frame / e->cfg.sr, why);
    if (e->notify && ev->id) end_push(e, ev->id, 1);
}

/* A held note (negative p3, or ihold) of the same instrument whose p1 equals
 * the event's, fraction and all: Csound ties the event to it.  Only notes
 * without an id tie (the score's, those instruments make): a live note has
 * its id, by which /set, /stop and /kill find it, and two live held notes
 * of one instrument are two voices. */
static ENG_VOICE *find_tie(ENGINE *e, const ENG_EVENT *ev)
{
    if (ev->id) return NULL;
    for (ENG_VOICE *v = e->active; v; v = v->next)
        if (v->instr == ev->instr && !v->id && !v->releasing && v->end_frame == INT64_MAX && v->p[1] == ev->p[1])
            return v;
    return NULL;
}

/* The event continues held note v (Csound's tie): the same voice, its state
 * kept, runs its init pass again with the new p-fields (tival reads 1;
 * opcodes that are not skipped start afresh, as in Csound).  Its new end is
 * p2 + p3 rounded to a k-cycle (Csound times a tied note unlike a new one:
 * no sample-accurate end), or held again.  Memory the opcodes take with
 * op_alloc again reuse the blocks they took before, as at a reinit. */
static void tie_note(ENGINE *e, ENG_VOICE *v, const ENG_EVENT *ev)
{
    const INSTR_TMPL *t = v->tmpl;
    set_note_pfields(v, t, ev);
    v->origin = ev->origin;
    v->xtratim = 0;
    v->turnoff = v->bad = v->initerr = v->hold = 0;
    OP_CTX c;
    ctx_init(e, &c, v);
    v->tied = 1;
    v->reiniting = 0;
    budget_begin(e, v);
    int bad = run_init(e, v, &c);
    budget_end(e, v);
    v->tied = 0;
    double dur = v->p[3];
    if (bad || dur == 0) {   /* Csound's xturnoff_now */
        free_voice(e, v);
        return;
    }
    if (dur < 0 || v->hold) {
        v->end_frame = INT64_MAX;
        return;
    }
    v->off_frame = INT64_MIN;
    double kr = e->cfg.sr / e->cfg.ksmps;
    double kend = floor(((double)ev->frame / e->cfg.sr + dur) * kr + 0.5);
    v->end_frame = kend >= 0x1p52 ? INT64_MAX : (int64_t)kend * e->cfg.ksmps;
}

/* Start a note: voice from the pool, image, p-fields, init pass.  First, as
 * Csound's insert_event: a muted instrument or one at its maxalloc refuses
 * it (a live note's sender hears why), and a held note of the same p1 takes
 * it over (tie_note). */
static void start_note(ENGINE *e, const ENG_EVENT *ev, int ofs)
{
    const INSTR_TMPL *t = eng_get_instr(e, ev->instr);
    if (!t) {
        refuse(e, ev->origin, ev->id, "/sched: event %d: instrument %d is not defined", ev->id, ev->instr);
        if (e->notify && ev->id) end_push(e, ev->id, 1);   /* over before it began */
        return;
    }
    if (e->muted[ev->instr]) {
        refuse_note(e, ev, t, "the instrument is muted (mute)");
        return;
    }
    /* its subinstr instances count, as in Csound 6.18's tp->active */
    int nplay = e->nplaying[ev->instr] + e->nsub[ev->instr];
    if (e->maxalloc[ev->instr] > 0 && nplay >= e->maxalloc[ev->instr]) {
        char why[120];
        snprintf(why, sizeof why, "%d notes of it play, its maxalloc", nplay);
        refuse_note(e, ev, t, why);
        return;
    }
    ENG_VOICE *held = find_tie(e, ev);
    if (held) {
        tie_note(e, held, ev);
        return;
    }
    if (e->nfree == 0) {   /* the pool is reserved up front: a note beyond it is refused, never allocated */
        e->stats.voices_refused++;
        refuse(e, ev->origin, ev->id, "/sched: event %d (instr %s): no free voice (all %d in use); note dropped",
               ev->id, t->name, e->cfg.max_voices);
        if (e->notify && ev->id) end_push(e, ev->id, 1);
        return;
    }
    unsigned char *arena = rta_alloc(e->mem, t->arena_used);
    if (!arena) {   /* the pool is reserved up front too: refused, the others play on */
        char why[120];
        mem_why(e, t->arena_used, why, sizeof why);
        e->stats.mem_refused++;
        refuse(e, ev->origin, ev->id, "/sched: event %d (instr %s): out of note memory: %s; note dropped", ev->id,
               t->name, why);
        if (e->notify && ev->id) end_push(e, ev->id, 1);
        return;
    }
    ENG_VOICE *v = e->freelist[--e->nfree];
    v->arena = arena;
    v->blocks = NULL;
    v->memfail = 0;
    v->pstr = NULL;
    v->pstrlen = 0;
    int np = ev->np < EV_MAXP ? ev->np : EV_MAXP;
    if (ev->strbytes > 0 && np + (ev->strbytes + 7) / 8 <= EV_MAXP) {   /* its texts, kept by the note */
        char *ps = voice_alloc(e, v, (size_t)ev->strbytes);
        if (!ps) {
            char why[120];
            mem_why(e, (size_t)ev->strbytes, why, sizeof why);
            e->stats.mem_refused++;
            refuse(e, ev->origin, ev->id, "/sched: event %d (instr %s): out of note memory: %s; note dropped", ev->id,
                   t->name, why);
            if (e->notify && ev->id) end_push(e, ev->id, 1);
            voice_free_memory(e, v);
            e->freelist[e->nfree++] = v;
            return;
        }
        memcpy(ps, (const char *)&ev->p[np + 1], (size_t)ev->strbytes);
        ps[ev->strbytes - 1] = 0;   /* whatever came, the last text ends */
        v->pstr = ps;
        v->pstrlen = ev->strbytes;
    }
    voice_instantiate(e, v, t);
    set_note_pfields(v, t, ev);
    v->id = ev->id;
    v->origin = ev->origin;
    v->epoch = e->table_epoch;
    v->instr = ev->instr;
    v->start_frame = ev->frame;
    double dur = ev->p[3];
    /* negative: held until stopped, as Csound; so is one too long to count in frames */
    int64_t len = secs_to_frames(dur, e->cfg.sr);
    v->end_frame = dur < 0 || len >= ENG_FOREVER ? INT64_MAX : ev->frame - ev->late + len;
    v->xtratim = 0;
    v->ofs = ofs;
    v->releasing = v->turnoff = v->bad = v->initerr = v->hold = v->tied = 0;
    v->reiniting = v->overrun = 0;
    v->offline_init = 0;
    v->dur0 = dur;
    v->late = ev->late;
    v->csound_end = (ev->flags & EVF_CSOUND) != 0;
    v->t0 = ev->t0;
    v->rel = ev->rel;
    v->init_block = e->frame;
    OP_CTX c;
    ctx_init(e, &c, v);
    c.ofs = ofs;
    v->initing = 1;
    budget_begin(e, v);
    int r = run_init(e, v, &c);
    budget_end(e, v);
    note_begin(e, v, r);
}

/* After the init pass (r from chain_init_from): the note plays, ends at
 * once (an init error, p3 0), or waits for a table (tables_answer goes on). */
static void note_begin(ENGINE *e, ENG_VOICE *v, int r)
{
    if (r > 0) {
        e->waiting[e->nwaiting++] = v;   /* at most one entry a voice: bounded by max_voices */
        return;
    }
    v->initing = 0;
    if (r < 0) {
        voice_release_slot(e, v);
        return;
    }
    double dur = v->dur0;
    if (v->p[3] != dur) {       /* p3 assigned at i-time: the note lasts that long, as in Csound */
        dur = v->p[3];
        int64_t len = secs_to_frames(dur, e->cfg.sr);
        v->end_frame = dur < 0 || len >= ENG_FOREVER ? INT64_MAX : v->start_frame - v->late + len;
    }
    v->off_frame = INT64_MIN;
    if (v->csound_end && dur > 0 && v->end_frame != INT64_MAX)
        v->end_frame = eng_csound_end(&e->cfg, v->t0, v->rel, dur, v->xtratim > 0, &v->off_frame);
    if (dur == 0) {             /* i-time only, as in Csound */
        voice_release_slot(e, v);
        return;
    }
    if (v->hold) v->end_frame = INT64_MAX;   /* ihold */
    active_insert(e, v);
}

/* The notes waiting for tables (tq_request), at the start of a block,
 * before its events: each answer the worker gave takes effect (live: the
 * first block that sees it, and --record-events is told how many blocks
 * that was; a re-render: the block the recording names, or at once), then
 * the notes waiting for it go on with their init, as many blocks later
 * than they began it: the whole note is that much later. */
static void tables_answer(ENGINE *e)
{
    tq_poll(&e->tq);
    for (int i = 0; i < TQ_SLOTS; i++) {
        struct tq_book *b = &e->book[i];
        if (!e->tq.slots[i].used || b->resolved) continue;
        if (b->due >= 0) {
            if (e->frame < b->due) continue;
            tq_wait(&e->tq, i);   /* a re-render: the block live playback saw it in */
        } else if (!e->tq.slots[i].built) {
            continue;
        } else {   /* live: how long it took, for the recorder */
            double blocks = (double)((e->frame - b->frame) / e->cfg.ksmps);
            ENG_REPLY r = reply_make(e, ENG_REPLY_TABLE_WAIT, b->ord, 0);
            r.frame = b->frame;
            r.v[0] = blocks;
            reply_push(e, &r);
        }
        tq_resolve(e, i);
        tq_release_if_done(e, i);
    }
    int n = e->nwaiting, k = 0, nready = 0;
    ENG_VOICE **ready = e->resuming;
    for (int j = 0; j < n; j++) {
        ENG_VOICE *v = e->waiting[j];
        if (e->book[v->wait_slot].resolved) ready[nready++] = v;
        else e->waiting[k++] = v;
    }
    e->nwaiting = k;
    for (int j = 0; j < nready; j++) {
        ENG_VOICE *v = ready[j];
        int64_t d = e->frame - v->init_block;   /* whole blocks: the offset in the block stays */
        v->init_block = e->frame;
        v->start_frame += d;
        v->t0 += d;
        if (v->end_frame != INT64_MAX) v->end_frame += d;
        OP_CTX c;
        ctx_init(e, &c, v);
        c.ofs = v->ofs;
        budget_begin(e, v);
        int r = chain_init_from(e, v, v->tmpl, v->arena, &c, v->wait_pc, 0);
        budget_end(e, v);
        note_begin(e, v, r);
    }
}

/* /kill and /panic reach notes still waiting for a table too (id 0: all). */
static int drop_waiting(ENGINE *e, int32_t id, int all)
{
    int k = 0, found = 0;
    for (int j = 0; j < e->nwaiting; j++) {
        ENG_VOICE *v = e->waiting[j];
        if (!all && v->id != id) {
            e->waiting[k++] = v;
            continue;
        }
        int i = v->wait_slot;
        v->wait_slot = -1;
        e->book[i].waiters--;
        tq_release_if_done(e, i);
        v->initing = 0;
        voice_release_slot(e, v);
        found = 1;
    }
    e->nwaiting = k;
    return found;
}

static void free_voice(ENGINE *e, ENG_VOICE *v)
{
    ENG_VOICE **pp = &e->active;
    while (*pp && *pp != v) pp = &(*pp)->next;
    if (*pp) { *pp = v->next; e->nactive--; e->nplaying[v->instr]--; }
    voice_release_slot(e, v);
}

/* Begin the release (linsegr & co) or end the note at the end of this block. */
static void stop_voice(ENGINE *e, ENG_VOICE *v, int64_t at)
{
    if (v->releasing) return;
    if (at < e->frame) at = e->frame;
    if (v->end_frame > at) v->end_frame = at;
}

static void automate_voice(ENGINE *e, const ENG_EVENT *ev, ENG_VOICE *v);

/* Every playing event with the id gets the automation, or else those waiting to start. */
static void add_automation(ENGINE *e, const ENG_EVENT *ev)
{
    int found = 0;
    for (ENG_VOICE *v = e->active; v; v = v->next)
        if (v->id == ev->id) { automate_voice(e, ev, v); found = 1; }
    if (!found) {
        /* an event still waiting to start: the automation waits for it, its
         * breakpoint times still counted from when it was asked for */
        int64_t starts[16];
        int n = 0, at = 0;
        for (SCHED_BODY *p; n < 16 && (p = sched_find_start(&e->sched, ev->id, ev->frame, &at));) starts[n++] = p->frame;
        if (!n) { refuse(e, ev->origin, ev->id, "/automate: event %d is neither playing nor pending", ev->id); return; }
        for (int k = 0; k < n; k++) {   /* pushed after the scan (which takes the first 16 asked for) */
            ENG_EVENT later = *ev;
            double shift = (double)(starts[k] - ev->frame) / e->cfg.sr;
            for (int i = 5; i + 1 <= later.np; i += 2) later.p[i] -= shift;
            later.frame = starts[k];   /* queued after the start: equal frames keep their order */
            later.issued = starts[k];  /* by then the start has been asked for */
            if (sched_push(&e->sched, &later)) refuse(e, ev->origin, ev->id, "/automate: the event queue is full");
        }
    }
}

static void automate_voice(ENGINE *e, const ENG_EVENT *ev, ENG_VOICE *v)
{
    if (e->nautos >= MAX_AUTOS) { refuse(e, ev->origin, ev->id, "/automate: too many automations at once (%d)", MAX_AUTOS); return; }
    int pidx = (int)ev->p[1];
    if (pidx < 1 || pidx > EV_MAXP) { refuse(e, ev->origin, ev->id, "/automate: bad p-field %d", pidx); return; }
    AUTOMATION *a = &e->autos[e->nautos];
    a->v = v;
    a->gen = v->gen;
    a->pindex = pidx;
    a->mode = (int)ev->p[2];
    a->shape = ev->p[4];
    int overtake = ev->p[3] != 0;
    a->npts = 0;
    for (int i = 5; i + 1 <= ev->np && a->npts < AUTO_MAXPTS; i += 2) {
        a->t[a->npts] = ev->frame + secs_to_frames(ev->p[i], e->cfg.sr);
        a->val[a->npts] = ev->p[i + 1];
        a->npts++;
    }
    if (a->npts == 0) return;
    if (overtake) a->val[0] = v->p[pidx];
    e->nautos++;
}

static double curve(int mode, double x, double shape)
{
    switch (mode) {
    case AUTO_COS: return 0.5 - 0.5 * cos(M_PI * x);
    case AUTO_SMOOTH: return x * x * (3 - 2 * x);
    case AUTO_EXPON:
        return fabs(shape) < 1e-9 ? x : (exp(shape * x) - 1) / (exp(shape) - 1);
    default: return x;
    }
}

/* Automation is applied at k-rate: the value at the block's first frame. */
static void run_automations(ENGINE *e, int64_t now)
{
    for (int i = 0; i < e->nautos;) {
        AUTOMATION *a = &e->autos[i];
        int done = a->v->gen != a->gen;
        if (!done) {
            double val;
            if (now <= a->t[0]) {
                val = a->val[0];
                if (now < a->t[0]) { i++; continue; }   /* not begun */
            } else if (now >= a->t[a->npts - 1]) {
                val = a->val[a->npts - 1];
                done = 1;
            } else {
                int k = 1;
                while (a->t[k] <= now) k++;
                double x = (double)(now - a->t[k - 1]) / (double)(a->t[k] - a->t[k - 1]);
                val = a->val[k - 1] + (a->val[k] - a->val[k - 1]) * curve(a->mode, x, a->shape);
            }
            a->v->p[a->pindex] = val;
        }
        if (done) e->autos[i] = e->autos[--e->nautos];
        else i++;
    }
}

/* /set's (p-field index, value) pairs into a playing voice's p[], or into a
 * pending start's body (pend; vp NULL), whose np then grows. */
static void set_pfields(ENGINE *e, double *vp, SCHED_BODY *pend, const ENG_EVENT *ev)
{
    for (int i = 1; i + 1 <= ev->np; i += 2) {
        int k = (int)ev->p[i];
        if (k < 1 || k > EV_MAXP) continue;
        if (!pend) {
            vp[k] = ev->p[i + 1];
            continue;
        }
        if (pend->strbytes > 0 && k > pend->np) {   /* its string p-fields' texts are stored there */
            refuse(e, ev->origin, ev->id, "/set: p%d is beyond the p-fields of pending event %d, which carries strings",
                   k, ev->id);
            continue;
        }
        *sched_pfield(&e->sched, pend, k) = ev->p[i + 1];
        if (k > pend->np) pend->np = k;
    }
}

/* Retire a table no longer numbered: freed once no voice that started before
 * now is left (see struct retired).  Processing thread. */
static void table_retire(ENGINE *e, int num, FTABLE *old)
{
    if (!old) return;
    e->table_epoch++;
    for (int i = 0; i < e->nonce; i++)   /* ftgenonce never hands it out again (its memory may be reused) */
        if (e->once[i].t == old) e->once[i].t = NULL;
    if (e->nretired < MAX_RETIRED) {
        e->retired[e->nretired++] = (struct retired){ old, 0, e->table_epoch };
    } else if (!old->rt && e->tables_kept < MAX_RETIRED) {
        e->kept[e->tables_kept++] = old;
        emsg(e, "table %d: %d tables are waiting for voices to end; this one is kept until the end", num, MAX_RETIRED);
    } else {   /* an rt table stays in the pool (freed with it); a heap one is leaked, never freed under a voice */
        emsg(e, "table %d: no room to keep the replaced table; it stays allocated, not freed under a voice", num);
    }
}

/* Table `num` is t from now on; the one it replaces is retired.  Processing thread. */
static void table_install(ENGINE *e, int num, FTABLE *t)
{
    FTABLE *old = e->tables[num];
    e->tables[num] = t;
    e->table_epoch++;
    if (old && old != t) table_retire(e, num, old);
}

/* ftfree / the end of an ftgentmp note: table num goes if it is still t. */
static void table_drop(ENGINE *e, int num, FTABLE *t)
{
    if (num <= 0 || num >= ENG_MAXTABLES || e->tables[num] != t) return;   /* already replaced or freed */
    e->tables[num] = NULL;
    table_retire(e, num, t);
}

/* /stop or /kill of an event that has not begun: its pending starts asked
 * for before the command (as /set finds them) leave the queue and never play;
 * each reports its end (/event/end).  1 when there was one. */
static int cancel_pending(ENGINE *e, const ENG_EVENT *ev)
{
    int at = 0, n = 0;
    for (SCHED_BODY *p; (p = sched_find_start(&e->sched, ev->id, ev->frame, &at));) {
        if (!sched_asked_before(&e->sched, p, ev->frame, ev->seq)) continue;   /* sent after it, in its block */
        if (e->notify && p->id) end_push(e, p->id, 0);   /* over: its /event/end (it was not refused) */
        sched_cancel(&e->sched, p);
        n++;
    }
    return n > 0;
}

/* /panic and /stopall: the notes still waiting to start go too (those asked
 * for before the command); an id's end is reported for each. */
static void clear_pending(ENGINE *e, const ENG_EVENT *ev)
{
    if (e->notify)   /* their ids first, while they are in the queue */
        for (int i = 0; i < e->sched.n; i++) {
            const SCHED_BODY *b = &e->sched.body[e->sched.heap[i].slot];
            if (b->type == EV_START && b->id && sched_asked_before(&e->sched, b, ev->frame, ev->seq))
                end_push(e, b->id, 0);
        }
    sched_clear_starts(&e->sched, ev->frame, ev->seq);
}

static void dispatch(ENGINE *e, const ENG_EVENT *ev, int ofs)
{
    ENG_VOICE *v;
    switch (ev->type) {
    case EV_START:
        start_note(e, ev, ofs);
        break;
    case EV_SET: {
        /* every playing event with the id (an id given to several events names them all),
         * or else those still waiting to start (their p-fields then) */
        int found = 0;
        for (v = e->active; v; v = v->next)
            if (v->id == ev->id) {
                set_pfields(e, v->p, NULL, ev);
                found = 1;
            }
        if (!found) {   /* every pending one asked for before this /set */
            int at = 0;
            for (SCHED_BODY *p; (p = sched_find_start(&e->sched, ev->id, ev->frame, &at));) {
                set_pfields(e, NULL, p, ev);
                found = 1;
            }
        }
        if (!found) refuse(e, ev->origin, ev->id, "/set: event %d is neither playing nor pending", ev->id);
        break;
    }
    case EV_AUTOMATE:
        add_automation(e, ev);
        break;
    case EV_STOP:
        if (ev->id == 0) {
            /* a score's negative p1 ends the held notes of that instrument (number and fraction) */
            for (v = e->active; v; v = v->next)
                if (v->p[1] == ev->p[1]) stop_voice(e, v, e->frame);   /* at the k-cycle's start, as Csound */
        } else {
            int found = 0;
            for (v = e->active; v; v = v->next)
                if (v->id == ev->id) { stop_voice(e, v, ev->frame); found = 1; }
            if (!found && !cancel_pending(e, ev))
                refuse(e, ev->origin, ev->id, "/stop: event %d is neither playing nor waiting to start", ev->id);
        }
        break;
    case EV_KILL: {
        int found = drop_waiting(e, ev->id, 0);
        while ((v = find_voice(e, ev->id))) { free_voice(e, v); found = 1; }   /* each pass frees one: bounded */
        if (!found && !cancel_pending(e, ev))
            refuse(e, ev->origin, ev->id, "/kill: event %d is neither playing nor waiting to start", ev->id);
        break;
    }
    case EV_STOPALL:
        for (v = e->active; v; v = v->next) stop_voice(e, v, ev->frame);
        clear_pending(e, ev);
        break;
    case EV_PANIC:
        while (e->active) free_voice(e, e->active);
        drop_waiting(e, 0, 1);
        e->nautos = 0;
        clear_pending(e, ev);
        break;
    case EV_INSTR:
        if (ev->instr > 0 && ev->instr < ENG_MAXINSTR) {
            INSTR_TMPL *old = e->instrs[ev->instr];
            e->instrs[ev->instr] = ev->ptr;
            names_add(e, ev->instr);
            e->table_epoch++;
            /* the orchestra keeps it until told; with no room here it just keeps it to the end */
            if (old && old != ev->ptr && e->nretired < MAX_RETIRED)
                e->retired[e->nretired++] = (struct retired){ old, 1, e->table_epoch };
        }
        break;
    case EV_TABLE:
        if (ev->instr > 0 && ev->instr < ENG_MAXTABLES) table_install(e, ev->instr, ev->ptr);
        break;
    case EV_CHNSET: {
        /* a channel new to the control thread is created here, on the one
         * thread that creates channels while processing runs */
        ENG_CHN *ch = ev->ptr ? ev->ptr : eng_channel(e, (const char *)&ev->p[2], 1);
        if (ch) eng_chn_set(ch, ev->p[1]);
        else refuse(e, ev->origin, ev->id, "/chn/set: too many channels (%d)", MAX_CHANNELS);
        break;
    }
    case EV_END:
        if (!atomic_load_explicit(&e->ended, memory_order_relaxed)) {
            e->exit_frame = ev->frame;
            atomic_store_explicit(&e->ended, 1, memory_order_relaxed);
        }
        break;
    case EV_SECTION_END:
        e->sec_wait = 1;   /* run_block starts the next section once no timed note plays */
        e->wait_until = e->frame;
        e->sec_next = ev->t0;
        break;
    case EV_SCORE_END:
        e->score_end = 1;   /* run_block ends the performance once no timed note plays */
        e->wait_until = e->frame;
        break;
    case EV_MUTE:
        if (ev->instr > 0 && ev->instr < ENG_MAXINSTR) e->muted[ev->instr] = ev->p[1] == 0;
        break;
    case EV_SYNC:
        reply_to(e, ENG_REPLY_SYNCED, ev->id, ev->origin, NULL, 0);   /* to the client that asked */
        break;
    case EV_STATUS: {
        double v[7] = { e->nactive, e->stats.max_voices_seen, (double)e->stats.late_events,
                        (double)e->stats.events_dropped, e->cfg.sr, e->cfg.ksmps, (double)e->stats.clipped };
        ENG_REPLY r = reply_make(e, ENG_REPLY_STATUS, ev->id, ev->origin);
        memcpy(r.v, v, sizeof v);
        r.count = e->stats.fails_unsent;
        reply_push(e, &r);
        break;
    }
    }
}

/* Master section: 0dbfs scaling, peak metering, NaN guard, the optional
 * look-ahead limiter (limiter.c), then the hard ceiling as the last guarantee. */
static void master(ENGINE *e)
{
    int ks = e->cfg.ksmps;
    float scale = (float)(1.0 / e->cfg.dbfs);
    float ceil = (float)e->cfg.ceiling;
    for (int ch = 0; ch < e->cfg.nchnls; ch++) {
        const float *in = e->spout + (size_t)ch * ks;
        float *out = e->outblock + (size_t)ch * ks;
        float peak = (float)e->stats.peak[ch];
        for (int i = 0; i < ks; i++) {
            float x = in[i] * scale;
            if (!(fabsf(x) <= FLT_MAX)) x = 0.0f;    /* NaN or infinity never reaches the speakers */
            float ax = fabsf(x);
            peak = ax > peak ? ax : peak;
            out[i] = x;
        }
        e->stats.peak[ch] = peak;
    }
    if (e->lim.on) eng_lim_process(&e->lim, e->outblock, ks);
    for (int ch = 0; ch < e->cfg.nchnls; ch++) {
        float *out = e->outblock + (size_t)ch * ks;
        int64_t clipped = 0;
        for (int i = 0; i < ks; i++) {
            float x = out[i];
            clipped += fabsf(x) > ceil;
            out[i] = x > ceil ? ceil : (x < -ceil ? -ceil : x);
        }
        e->stats.clipped += clipped;
    }
}

/* Retired tables and templates no voice can hold any more go to the control thread to be
 * freed (see struct retired); O(voices + retired) a block, only while any wait. */
static void reclaim_retired(ENGINE *e)
{
    uint64_t oldest = UINT64_MAX, oldest_all = UINT64_MAX;   /* every voice's; those holding every table's */
    for (const ENG_VOICE *v = e->active; v; v = v->next) {
        if (v->epoch < oldest) oldest = v->epoch;
        if (v->read_all && v->epoch < oldest_all) oldest_all = v->epoch;
    }
    for (int j = 0; j < e->nwaiting; j++) {   /* notes waiting for the table worker: their inits may hold tables too */
        const ENG_VOICE *v = e->waiting[j];
        if (v->epoch < oldest) oldest = v->epoch;
        if (v->read_all && v->epoch < oldest_all) oldest_all = v->epoch;
    }
    int k = 0;
    for (int i = 0; i < e->nretired; i++) {
        struct retired r = e->retired[i];
        int unread = r.instr ? oldest >= r.epoch : ((FTABLE *)r.p)->refs == 0 && oldest_all >= r.epoch;
        if (unread && !r.instr && ((FTABLE *)r.p)->rt) {   /* the pool's: freed here, at once */
            rta_free(e->mem, r.p);
            continue;
        }
        if (unread) {   /* no voice reads it any more */
            ENG_REPLY rep = reply_make(e, r.instr ? ENG_REPLY_FREE_INSTR : ENG_REPLY_FREE_TABLE, 0, 0);
            rep.ptr = r.p;
            if (spsc_push(&e->replies, &rep) == 0) continue;   /* full: try again next block */
        }
        e->retired[k++] = r;
    }
    e->nretired = k;
}

/* The command's address, for a refusal that names it. */
static const char *cmd_address(int type)
{
    switch (type) {
    case EV_START: return "/sched";
    case EV_SET: return "/set";
    case EV_AUTOMATE: return "/automate";
    case EV_STOP: return "/stop";
    case EV_KILL: return "/kill";
    case EV_STOPALL: return "/stopall";
    case EV_PANIC: return "/panic";
    case EV_INSTR: return "/instr/def";
    case EV_TABLE: return "/table/gen";
    case EV_CHNSET: return "/chn/set";
    case EV_SYNC: return "/sync";
    case EV_STATUS: return "/status";
    default: return "/score";
    }
}

/* A command's event as the block takes it: untimed ones take effect now,
 * relative ones count from this block, late ones at once (counted).  Its
 * frame is set; the frame its times count from (for --record-events) is
 * returned. */
static int64_t take_frame(ENGINE *e, ENG_EVENT *ev, int64_t bstart)
{
    int64_t base;
    if (ev->frame == EV_NOW) ev->frame = base = bstart;
    else if (ev->flags & EVF_RELATIVE) { ev->frame += bstart; ev->t0 += bstart; base = bstart; }
    else if (ev->frame < bstart) { ev->frame = base = bstart; e->stats.late_events++; }
    else base = ev->issued;   /* a time tag's frame (the session's): the recorded line's @FRAME */
    ev->issued = bstart;      /* asked for now, whatever its tag says (a /set from now on reaches it) */
    ev->flags &= ~EVF_RELATIVE;
    return base;
}

/* The command took effect: the recorder hears which frame its times count
 * from, once per command (only once it is queued: a refused command is
 * never recorded). */
static void report_exec(ENGINE *e, uint32_t cmd, int64_t base)
{
    if (!cmd || cmd == e->last_cmd) return;
    e->last_cmd = cmd;
    ENG_REPLY r = reply_make(e, ENG_REPLY_EXEC, (int32_t)cmd, 0);
    r.frame = base;
    reply_push(e, &r);
}

/* One event of a command into the queue.  One due in this block may take the
 * queue's reserve (sched_push_now): a /sync, /status, /panic or /kill is
 * never refused because notes waiting for the future fill the queue. */
static void take_command(ENGINE *e, ENG_EVENT *ev, int64_t bstart, int64_t bend)
{
    int64_t base = take_frame(e, ev, bstart);
    int r = ev->frame < bend ? sched_push_now(&e->sched, ev) : sched_push(&e->sched, ev);
    if (r == 0) {
        report_exec(e, ev->cmd, base);
        return;
    }
    e->stats.events_dropped++;
    refuse(e, ev->origin, ev->id, "%s: the event queue is full (%d pending): nothing was done", cmd_address(ev->type),
           e->sched.cap);
    if (ev->type == EV_START && ev->id && e->notify) end_push(e, ev->id, 1);
    if (ev->type == EV_TABLE && ev->ptr) {   /* a refused table goes back to be freed (it leaked) */
        ENG_REPLY rep = reply_make(e, ENG_REPLY_FREE_TABLE, 0, 0);
        rep.ptr = ev->ptr;
        if (spsc_push(&e->replies, &rep) && e->tables_kept < MAX_RETIRED) e->kept[e->tables_kept++] = ev->ptr;
    }
}

/* A batch goes back to the control thread to be freed; with no room in the
 * ring now it waits in e->unfreed for a later block. */
static void batch_return(ENGINE *e, ENG_BATCH *b, int refused)
{
    ENG_REPLY rep = reply_make(e, ENG_REPLY_FREE_BATCH, 0, 0);
    rep.ptr = b;
    rep.v[0] = refused;
    if (spsc_push(&e->replies, &rep) == 0) return;
    if (e->nunfreed < MAX_UNFREED) e->unfreed[e->nunfreed++] = (struct unfreed){ b, refused };
    else e->stats.replies_dropped++;   /* (a leak, counted: the ring and the spare list both full) */
}

/* A command's whole batch of events (a /score): every event queued in this
 * block, counted from it, or, when the queue lacks room for all of them,
 * none (one /fail).  O(events): a score's length bounds the block's work as
 * the queue's capacity bounds it. */
static void take_batch(ENGINE *e, const ENG_EVENT *cmd, int64_t bstart, int64_t bend)
{
    ENG_BATCH *b = cmd->ptr;
    (void)bend;
    if (b->n > (size_t)sched_room(&e->sched)) {
        e->stats.events_dropped += (int64_t)b->n;
        refuse(e, cmd->origin, 0, "/score: the event queue is full (%d pending, room for %d of its %zu events): "
               "nothing was done", e->sched.cap, sched_room(&e->sched), b->n);
        batch_return(e, b, 1);
        return;
    }
    ENG_EVENT *ev = &e->batch_ev;
    int64_t base = bstart;
    for (size_t i = 0, off = 0; i < b->n; i++) {
        const ENG_EVENT *x = (const ENG_EVENT *)(const void *)(b->data + off);
        size_t nb = eng_event_bytes(x);
        memcpy(ev, x, nb);
        off += (nb + 7) & ~(size_t)7;
        int64_t bs = take_frame(e, ev, bstart);
        if (i == 0) base = bs;
        sched_push(&e->sched, ev);   /* room checked above */
    }
    report_exec(e, cmd->cmd, base);
    batch_return(e, b, 0);
}

void eng_batch_free(ENG_BATCH *b, int tables)
{
    if (!b) return;
    for (size_t i = 0, off = 0; tables && i < b->n; i++) {
        const ENG_EVENT *x = (const ENG_EVENT *)(const void *)(b->data + off);
        if (x->type == EV_TABLE) ftable_free(x->ptr);
        off += (eng_event_bytes(x) + 7) & ~(size_t)7;
    }
    free(b);
}

/* Whether the notes an s or e waits for have ended.  Csound 6.18's sensevents,
 * reading one while its turnoff list (frstoff) holds notes, waits until the
 * first of them is due and only then looks again: a note turned off sooner
 * (turnoff) still holds the wait to the time it was due.  So: at wait_until,
 * the earliest k-cycle a timed note is due to go (its off_frame, or its end's
 * k-cycle: releases, live notes) is the next look; none left, it is done. */
static int notes_done(ENGINE *e)
{
    if (e->frame < e->wait_until) return 0;
    int64_t ks = e->cfg.ksmps, next = INT64_MAX;
    for (const ENG_VOICE *v = e->active; v; v = v->next) {
        if (v->end_frame == INT64_MAX) continue;
        int64_t off = !v->releasing && v->off_frame != INT64_MIN ? v->off_frame
                      : v->end_frame > INT64_MAX - ks ? INT64_MAX : (v->end_frame + ks - 1) / ks * ks;
        if (off <= e->frame) off = e->frame + ks;   /* still playing: not before the next k-cycle */
        if (off < next) next = off;
    }
    if (next == INT64_MAX) return 1;
    e->wait_until = next;
    return 0;
}

/* The score's end, once its e was read: a k-cycle in which no note with a
 * finite p3 plays (ones in their release too) ends the performance there
 * (Csound 6.18's sensevents at 'e' waits for frstoff to empty; held notes
 * then just stop, without release).  Returns 1 when it ended: the block is
 * silent, and so is every block after it but for the limiter's look-ahead. */
static int score_ends(ENGINE *e)
{
    if (atomic_load_explicit(&e->score_over, memory_order_relaxed)) return 1;
    if (!notes_done(e)) return 0;
    while (e->active) free_voice(e, e->active);   /* the held ones: bounded by the voices */
    e->nautos = 0;
    if (!atomic_load_explicit(&e->ended, memory_order_relaxed)) {
        e->exit_frame = e->frame;
        atomic_store_explicit(&e->ended, 1, memory_order_relaxed);
    }
    atomic_store_explicit(&e->score_over, 1, memory_order_relaxed);
    return 1;
}

/* A section whose s was read ends at a k-cycle in which no note with a finite
 * p3 plays (Csound 6.18's sensevents at 's', then the next section's time 0 is
 * there): the sections' queue runs on from here, later by as much as the
 * wait took (or earlier, when notes ended before the session reckoned). */
static void section_ends(ENGINE *e)
{
    if (!e->sec_wait || !notes_done(e)) return;
    e->sec_wait = 0;
    e->sec_shift += e->frame - e->sec_next;
}

/* A block after the performance ended at its score's end: silence through the master (the limiter empties). */
static void silent_block(ENGINE *e)
{
    memset(e->spout, 0, sizeof(float) * (size_t)(e->cfg.ksmps * e->cfg.nchnls));
    if (e->nretired) reclaim_retired(e);
    master(e);
    e->frame += e->cfg.ksmps;
    e->stats.frames = e->frame;
    atomic_store_explicit(&e->nactive_pub, e->nactive, memory_order_relaxed);
    atomic_store_explicit(&e->frame_pub, e->frame, memory_order_relaxed);
}

static void run_block(ENGINE *e)
{
    if (atomic_load_explicit(&e->score_over, memory_order_relaxed)) {
        silent_block(e);
        return;
    }
    int ks = e->cfg.ksmps;
    int64_t bstart = e->frame, bend = bstart + ks;
    memset(e->spout, 0, sizeof(float) * (size_t)(ks * e->cfg.nchnls));
    e->block_left = BLOCK_STEPS;

    const SCHED_HANDLE *top;
    ENG_EVENT ev;
    memset(&ev, 0, sizeof ev);   /* events fill only what they carry (eng_event_span) */
    if (e->tally_n) tally_flush(e);
    for (int n = e->nunfreed; n > 0; n--) {   /* batches waiting to go back: each tries once (it re-queues when full) */
        struct unfreed u = e->unfreed[0];
        memmove(e->unfreed, e->unfreed + 1, sizeof *e->unfreed * (size_t)--e->nunfreed);
        batch_return(e, u.b, u.refused);
    }
    /* commands from the control thread: at most SCHED_RESERVE a block keeps a
     * block's work bounded (the rest wait in the ring for the next blocks)
     * and the queue's reserve enough for every one due now (sched.h) */
    for (int k = 0; k < SCHED_RESERVE && cmd_pop(e, &ev); k++) {
        if (ev.type == EV_BATCH) take_batch(e, &ev, bstart, bend);
        else take_command(e, &ev, bstart, bend);
    }
    if (e->nwaiting || tq_busy(&e->tq)) tables_answer(e);
    /* Csound's order at a k-cycle: notes whose time is up are gone (freed at
     * the end of the k-cycle before), a score's e already read ends the
     * performance if no timed note is left, else this k-cycle's events */
    int end_read = e->score_end;
    if (end_read && score_ends(e)) {
        silent_block(e);
        return;
    }
    section_ends(e);
    /* both queues in time order, a score's sections first at equal frames (Csound reads the score
     * before the events instruments made); a section that ends here lets the next one's events in */
    for (;;) {
        const SCHED_HANDLE *sq = !e->sec_wait ? sched_peek(&e->secq) : NULL;
        int64_t sf = sq ? sq->frame + e->sec_shift : INT64_MAX;
        top = sched_peek(&e->sched);
        if (sq && sf < bend && (!top || sf <= top->frame)) {
            sched_pop(&e->secq, &ev);
            ev.frame += e->sec_shift;
            ev.t0 += e->sec_shift;
        } else if (top && top->frame < bend) {
            sched_pop(&e->sched, &ev);
        } else {
            break;
        }
        int ofs = ev.frame > bstart ? (int)(ev.frame - bstart) : 0;
        dispatch(e, &ev, ofs);
        if (ev.type == EV_SECTION_END) section_ends(e);
    }
    if (!end_read && e->score_end && score_ends(e)) {
        silent_block(e);
        return;
    }
    if (e->nautos) run_automations(e, bstart);

    OP_CTX c;
    ctx_init(e, &c, NULL);
    ENG_VOICE *v = e->active;
    e->in_perf = 1;
    e->perf_cut = 0;
    while (v) {
        ENG_VOICE *next = v->next;
        /* the next note in Csound's list: those turnoff2 ended in this block are out of it */
        ENG_VOICE *pn = next;
        while (pn && pn->end_frame <= bstart) pn = pn->next;
        e->perf_next = pn;
        /* a note whose time is up goes into its release, if it has one */
        /* Csound rounds p2+p3 to the nearest k-cycle: the release starts in
         * the block whose first half holds the end frame */
        if (!v->releasing && v->xtratim > 0 && v->end_frame - bstart <= (ks - 1) / 2) {
            v->releasing = 1;
            v->end_frame = bstart + v->xtratim;
        }
        c.voice = v;
        c.ofs = v->ofs;
        /* a note without a release stops on its exact frame */
        c.end = (v->end_frame < bend && (v->releasing || v->xtratim == 0))
                    ? (int)(v->end_frame - bstart) : ks;
        if (e->perf_cut) {
            /* turnoff2's quirk (turnoff_voice): not performed; a start
             * within this block keeps its offset for its first one */
        } else {
            if (c.end > c.ofs) {
                budget_begin(e, v);
                run_perf(e, v, &c);
                budget_end(e, v);
            }
            v->ofs = 0;
        }
        if (v->turnoff && !v->releasing) {
            v->turnoff = 0;
            if (v->xtratim > 0) { v->releasing = 1; v->end_frame = bend + v->xtratim; }
            else v->end_frame = bend;
        }
        if (v->bad) {
            e->stats.nan_voices++;
            refuse(e, v->origin, v->id, "/sched: event %d (instr %s) produced NaN or infinity: voice silenced and freed",
                   v->id, v->tmpl->name);
            free_voice(e, v);
        } else if (v->end_frame <= bend && (v->releasing || v->xtratim == 0)) {
            free_voice(e, v);
        }
        v = next;
    }
    e->in_perf = 0;
    e->perf_next = NULL;
    if (e->tally_n) tally_flush(e);
    if (e->nretired) reclaim_retired(e);
    master(e);
    e->frame = bend;
    e->stats.frames = bend;
    /* for the control thread (--exit-at-end): a count, relaxed */
    atomic_store_explicit(&e->nactive_pub, e->nactive, memory_order_relaxed);
    atomic_store_explicit(&e->frame_pub, e->frame, memory_order_relaxed);
}

void eng_process(ENGINE *e, float *const *out, const float *const *in, int nframes)
{
    int ks = e->cfg.ksmps;
    int done = 0;
    while (done < nframes) {
        if (e->bufpos == ks) {
            run_block(e);
            e->bufpos = 0;
        }
        int n = ks - e->bufpos;
        if (n > nframes - done) n = nframes - done;
        for (int ch = 0; ch < e->cfg.nchnls; ch++)
            memcpy(out[ch] + done, e->outblock + (size_t)ch * ks + e->bufpos, sizeof(float) * (size_t)n);
        /* input: gathered for the next block (one block of input latency
         * unless the period is a multiple of ksmps and aligned) */
        if (in)
            for (int ch = 0; ch < e->cfg.nchnls_i; ch++)
                memcpy(e->spin + (size_t)ch * ks + e->bufpos, in[ch] + done, sizeof(float) * (size_t)n);
        e->bufpos += n;
        done += n;
    }
}

int eng_run_instr0(ENGINE *e, const INSTR_TMPL *t)
{
    char err[256];
    if (eng_prepare_instr(e, t, err, sizeof err)) {
        emsg(e, "INIT ERROR in instr 0: %s", err);
        return -1;
    }
    ENG_VOICE v;
    memset(&v, 0, sizeof v);
    /* the note memory, as a note's: processing has not started, this thread owns the pool */
    v.arena = rta_alloc(e->mem, t->arena_used);
    if (!v.arena) {
        char why[120];
        mem_why(e, t->arena_used, why, sizeof why);
        emsg(e, "INIT ERROR in instr 0 (header code): out of note memory: %s", why);
        return -1;
    }
    voice_instantiate(e, &v, t);
    v.offline_init = 1;
    v.wait_slot = -1;
    v.end_frame = INT64_MAX;
    v.step_limit = INSTR0_STEPS;   /* on the control thread, not the audio thread's budget */
    OP_CTX c;
    ctx_init(e, &c, &v);
    int r = run_init(e, &v, &c);
    voice_free_memory(e, &v);
    return r;
}
