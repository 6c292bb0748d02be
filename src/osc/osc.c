/* osc.c — the OSC server: liblo decodes, we validate and hand each command to the session; every refusal is a /fail. */
#include "osc.h"
#include "acl.h"
#include "../lang/evlist.h"
#include "../engine/engine.h"
#include <lo/lo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

/*
 * Threads: everything here runs on the one control thread (the driver's
 * loop calls osc_poll), which is also the only producer of the engine's
 * command ring and the only consumer of its reply ring.  Nothing here
 * touches DSP state: the session turns a message into ENG_EVENTs, or into a
 * compiled instrument or a table made here, off the audio thread.
 */

#define MAX_ARGS 256
/* TCP connections.  A fixed table, raised from 16: each slot costs at most
 * one unfinished packet (TCP_MAX_FRAME) and one reply queue (TCP_OUT_MAX),
 * so 64 bound the memory clients can hold at about 130 MB.  When all are
 * taken, the connection idle longest (no whole packet for TCP_IDLE_MS) is
 * closed for the newcomer: idle connections cannot lock others out, and a
 * client that is talking is never cut off by one that connects later. */
#define MAX_TCP 64
#define TCP_IDLE_MS 5000
#define TCP_MAX_FRAME (1u << 20)       /* one OSC packet over TCP: 1 MiB (a UDP datagram: 64 KiB) */
#define TCP_OUT_MAX (1u << 20)         /* replies queued for a client that does not read, before it is dropped */
#define POLL_BUDGET_MS 20              /* osc_poll returns to the driver's loop (signals, recording) this often */
#define MAX_PEERS 4096          /* senders remembered at once for the engine's later replies */
#define PEER_BITS 13            /* a tag's low bits: slot + 1 (1..MAX_PEERS) */
#define PEER_INDEX (2 * MAX_PEERS)   /* the address index: a power of two, at most half full */
#define RING_STALL_MS 200       /* the command ring this long without room: the audio thread has stalled */
#define RING_LOW 128            /* room one message may need (an /instr/load posts dozens) */

/* Who to answer: a UDP sender's address, or a TCP connection. */
typedef struct peer {
    int valid;
    int tcp;                         /* index+1 of the TCP connection, 0 for UDP */
    unsigned tcp_gen;                /* that connection's generation (a closed one is not answered) */
    struct sockaddr_storage sa;
    socklen_t salen;
} PEER;

/* An OSC-over-TCP connection: packets framed by a 32-bit big-endian length
 * (OSC 1.0).  The socket is non-blocking both ways: a reply the kernel cannot
 * take at once waits in `out`, sent as the client reads (POLLOUT); a client
 * TCP_OUT_MAX behind is disconnected, so one that never reads can neither
 * block the control thread in send() nor make it hold its replies forever. */
typedef struct tcpconn {
    int fd;                          /* -1: free */
    unsigned gen;
    unsigned char *buf;              /* received bytes: at most one unfinished packet and a read's worth */
    size_t used, cap;
    unsigned char *out;              /* replies not yet taken by the kernel: out[off .. len) */
    size_t off, len, ocap;
    int64_t active_ms;               /* when it connected or last sent a whole packet */
    int64_t packets;                 /* whole packets it sent, for the log */
    char addr[64];                   /* the client, for the log */
} TCPCONN;

struct osc_server {
    int fd;                          /* our UDP socket, bound where we were told */
    int lfd;                         /* TCP listening socket (--tcp), or -1 */
    TCPCONN tcp[MAX_TCP];
    int reading;                     /* the connection whose packets are being dispatched, or -1 */
    int full_logged;                 /* "all connections taken" logged since a slot was last free */
    lo_server srv;                   /* liblo: decoding and dispatch */
    PEER from;                       /* the sender of the packet being dispatched */
    unsigned char *pkt;              /* receive buffer (the largest UDP datagram) */
    OSC_ACL *acl;                    /* --allow: who may send (NULL: everyone) */
    int64_t send_errors;
    SESSION *ses;
    osc_time_fn tmap;
    osc_dstats_fn dstats;
    void *ud;
    int quit;
    int64_t refused;
    PEER notify_to;                  /* who asked for /event/end */
    lo_timetag last_tag;             /* messages of one bundle share one frame: */
    int64_t last_tag_frame;          /* the tag is mapped once */
    /* Senders by tag: every command carries its sender's tag (EVL_CMD.origin →
     * ENG_EVENT.origin), so a failure the engine finds later — a full voice
     * pool, a NaN voice minutes into a note — goes back to whoever asked,
     * even with many clients.  MAX_PEERS senders, found by address through
     * an open-addressing index; past that the least recently heard one's slot
     * is reused (a list in the order senders were last heard), and its
     * generation (in the tag's upper bits) changes so a stale tag answers no
     * one (such a refusal is still counted in /status). */
    struct peerslot { PEER p; unsigned gen; int newer, older; } *peers;
    int32_t *pindex;                 /* PEER_INDEX entries: slot + 1, or 0 */
    int npeers, newest, oldest;
    uint32_t from_tag;               /* the tag of the packet being dispatched */
    int ring_stalled;                /* refusing: the command ring has had no room for RING_STALL_MS */
    int64_t ring_low_since;          /* ms (monotonic) the ring first lacked room, 0 when it has room */
};

static int same_peer(const PEER *a, const PEER *b)
{
    if (a->tcp || b->tcp) return a->tcp == b->tcp && a->tcp_gen == b->tcp_gen;
    return a->salen == b->salen && !memcmp(&a->sa, &b->sa, a->salen);
}

/* FNV-1a of what same_peer compares */
static uint32_t peer_hash(const PEER *p)
{
    uint32_t h = 2166136261u;
    const unsigned char *k = (const unsigned char *)&p->sa;
    size_t n = p->salen;
    unsigned char tk[8];
    if (p->tcp) {
        memcpy(tk, &p->tcp, 4);
        memcpy(tk + 4, &p->tcp_gen, 4);
        k = tk;
        n = 8;
    }
    for (size_t i = 0; i < n; i++) h = (h ^ k[i]) * 16777619u;
    return h;
}

/* The index entry of `p`, or the empty one where it would go. */
static uint32_t pindex_find(const OSC_SERVER *o, const PEER *p)
{
    uint32_t i = peer_hash(p) & (PEER_INDEX - 1);
    while (o->pindex[i] && !same_peer(&o->peers[o->pindex[i] - 1].p, p)) i = (i + 1) & (PEER_INDEX - 1);
    return i;
}

/* Empty index entry i, moving later entries of its probe run back (Knuth's algorithm R). */
static void pindex_delete(OSC_SERVER *o, uint32_t i)
{
    for (uint32_t j = i;;) {
        j = (j + 1) & (PEER_INDEX - 1);
        if (!o->pindex[j]) break;
        uint32_t k = peer_hash(&o->peers[o->pindex[j] - 1].p) & (PEER_INDEX - 1);
        int stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            o->pindex[i] = o->pindex[j];
            i = j;
        }
    }
    o->pindex[i] = 0;
}

static void lru_unlink(OSC_SERVER *o, int k)
{
    struct peerslot *q = &o->peers[k];
    if (q->newer >= 0) o->peers[q->newer].older = q->older;
    else o->newest = q->older;
    if (q->older >= 0) o->peers[q->older].newer = q->newer;
    else o->oldest = q->newer;
}

static void lru_front(OSC_SERVER *o, int k)
{
    struct peerslot *q = &o->peers[k];
    q->newer = -1;
    q->older = o->newest;
    if (o->newest >= 0) o->peers[o->newest].newer = k;
    o->newest = k;
    if (o->oldest < 0) o->oldest = k;
}

/* The tag of a sender: (generation << PEER_BITS) | (slot + 1); never 0 (0 means a file). */
static uint32_t peer_tag(OSC_SERVER *o, const PEER *from)
{
    uint32_t i = pindex_find(o, from);
    int k;
    if (o->pindex[i]) {
        k = o->pindex[i] - 1;
        lru_unlink(o, k);
    } else {
        if (o->npeers < MAX_PEERS) {
            k = o->npeers++;
        } else {   /* the least recently heard sender's slot */
            k = o->oldest;
            lru_unlink(o, k);
            pindex_delete(o, pindex_find(o, &o->peers[k].p));
            i = pindex_find(o, from);
        }
        o->peers[k].p = *from;
        o->peers[k].gen = (o->peers[k].gen + 1) & ((1u << (32 - PEER_BITS)) - 1);
        o->pindex[i] = k + 1;
    }
    lru_front(o, k);
    return (o->peers[k].gen << PEER_BITS) | (uint32_t)(k + 1);
}

/* Who a tag names, or NULL when that sender is forgotten (or it was a file). */
static const PEER *peer_of(const OSC_SERVER *o, uint32_t tag)
{
    unsigned slot = (tag & ((1u << PEER_BITS) - 1)) - 1u;
    if (!tag || slot >= (unsigned)o->npeers || o->peers[slot].gen != tag >> PEER_BITS || !o->peers[slot].p.valid)
        return NULL;
    return &o->peers[slot].p;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void tcp_drop(OSC_SERVER *o, int i, const char *why, ...);

/* Send what the kernel takes of a connection's queued replies now, without
 * waiting.  0, or -1 when the connection was dropped. */
static int tcp_flush(OSC_SERVER *o, int i)
{
    TCPCONN *t = &o->tcp[i];
    while (t->off < t->len) {
        ssize_t n = send(t->fd, t->out + t->off, t->len - t->off, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            o->send_errors++;
            tcp_drop(o, i, NULL);   /* the client has gone (reset, closed): nothing to tell it */
            return -1;
        }
        t->off += (size_t)n;
    }
    if (t->off == t->len) t->off = t->len = 0;
    return 0;
}

/* One framed reply for a TCP client: sent now when nothing waits before it,
 * else queued behind; past TCP_OUT_MAX unread the client is dropped. */
static void tcp_send(OSC_SERVER *o, int i, const void *data, size_t size)
{
    TCPCONN *t = &o->tcp[i];
    size_t pending = t->len - t->off;
    if (pending > 0 && pending + 4 + size > TCP_OUT_MAX) {   /* (one big reply to a reader is let through) */
        tcp_drop(o, i, "it left %zu bytes of replies unread (at most %u: a client must read its replies)",
                 pending + 4 + size, TCP_OUT_MAX);
        return;
    }
    if (t->ocap - t->len < 4 + size) {   /* compact, then grow */
        memmove(t->out, t->out + t->off, pending);
        t->len = pending;
        t->off = 0;
        if (t->ocap - t->len < 4 + size) {
            size_t cap = t->ocap ? t->ocap : 4096;
            while (cap - t->len < 4 + size) cap *= 2;
            t->out = realloc(t->out, cap);
            if (!t->out) abort();
            t->ocap = cap;
        }
    }
    uint32_t be = htonl((uint32_t)size);
    memcpy(t->out + t->len, &be, 4);
    memcpy(t->out + t->len + 4, data, size);
    t->len += 4 + size;
    tcp_flush(o, i);
}

/* Replies leave from the socket the request came in on (clients that check
 * the source port see ondes' port).  Neither waits on a client: UDP's send
 * buffer empties at the link's pace whatever the receiver does (kept
 * blocking, so a burst's replies are not dropped here), and TCP's waits in
 * the connection's queue (tcp_send). */
static void reply_msg(OSC_SERVER *o, const PEER *to, const char *path, lo_message m)
{
    if (!to->valid) return;
    size_t size = 0;
    void *data = lo_message_serialise(m, path, NULL, &size);
    if (!data) return;
    if (to->tcp) {
        TCPCONN *t = &o->tcp[to->tcp - 1];
        if (t->fd < 0 || t->gen != to->tcp_gen) o->send_errors++;
        else tcp_send(o, to->tcp - 1, data, size);
    } else if (sendto(o->fd, data, size, 0, (const struct sockaddr *)&to->sa, to->salen) < 0) {
        o->send_errors++;
    }
    free(data);
}

static void reply(OSC_SERVER *o, const PEER *to, const char *path, const char *types, ...)
{
    lo_message m = lo_message_new();
    va_list ap;
    va_start(ap, types);
    for (const char *t = types; *t; t++) {
        switch (*t) {
        case 'i': lo_message_add_int32(m, va_arg(ap, int)); break;
        case 'h': lo_message_add_int64(m, va_arg(ap, int64_t)); break;
        case 'f': lo_message_add_float(m, (float)va_arg(ap, double)); break;
        case 'd': lo_message_add_double(m, va_arg(ap, double)); break;
        case 's': lo_message_add_string(m, va_arg(ap, const char *)); break;
        }
    }
    va_end(ap);
    reply_msg(o, to, path, m);
    lo_message_free(m);
}

static void send_fail(OSC_SERVER *o, const PEER *to, const char *path, const char *why)
{
    o->refused++;
    reply(o, to, "/fail", "ss", path, why);
}

/* A /fail's text: the reason; for code the client sent (/instr/def), where in
 * that code ("3:5: error: undefined variable …"). */
static void fail_text(const SES_CMD *k, const SES_ERR *e, char *out, size_t n)
{
    if (k && (k->flags & CMD_CODEPOS) && e->in_text) snprintf(out, n, "%d:%d: error: %s", e->line, e->col, e->msg);
    else snprintf(out, n, "%s", e->msg);
}

static int handler(const char *path, const char *types, lo_arg **argv, int argc, lo_message msg, void *ud)
{
    OSC_SERVER *o = ud;
    const PEER *from = &o->from;
    if (argc > MAX_ARGS) {
        send_fail(o, from, path, "too many arguments");
        return 0;
    }
    EVL_ARG args[MAX_ARGS];
    memset(args, 0, sizeof(EVL_ARG) * (size_t)(argc > 0 ? argc : 1));
    for (int i = 0; i < argc; i++) {
        args[i].col = i + 1;
        switch (types[i]) {
        /* liblo's arguments are only 4-byte aligned while lo_arg (a union
         * with 8-byte members) wants 8: every one is copied out, never read
         * through a member (UB the fuzzer's UBSan build reports) */
        case 'i': { int32_t v; memcpy(&v, argv[i], sizeof v); args[i].type = 'f'; args[i].f = v; break; }
        case 'h': { int64_t h; memcpy(&h, argv[i], sizeof h); args[i].type = 'f'; args[i].f = (double)h; break; }
        case 'f': { float v; memcpy(&v, argv[i], sizeof v); args[i].type = 'f'; args[i].f = v; break; }
        case 'd': { double d; memcpy(&d, argv[i], sizeof d); args[i].type = 'f'; args[i].f = d; break; }
        case 'T': args[i].type = 'f'; args[i].f = 1; break;
        case 'F': args[i].type = 'f'; args[i].f = 0; break;
        case 's': case 'S': args[i].type = 's'; args[i].s = (char *)argv[i]; break;
        default: {
            char why[96];
            snprintf(why, sizeof why, "argument %d has OSC type '%c': numbers (i h f d) and strings only", i + 1,
                     types[i]);
            send_fail(o, from, path, why);
            return 0;
        }
        }
    }
    /* the command's row says what it needs and what its sender hears */
    const SES_CMD *k = ses_cmd_find(path);
    if (o->ring_stalled && !(k && (k->flags & CMD_NO_RING))) {
        /* refused whole rather than half done or left to the kernel to drop */
        send_fail(o, from, path, "the command ring is full: the audio thread is not taking commands; nothing was done");
        return 0;
    }
    EVL_CMD c;
    memset(&c, 0, sizeof c);
    c.addr = (char *)path;
    c.args = args;
    c.nargs = argc;
    c.file = "osc";
    c.origin = o->from_tag;
    lo_timetag tt = lo_message_get_timestamp(msg);
    if (o->tmap && !(tt.sec == LO_TT_IMMEDIATE.sec && tt.frac == LO_TT_IMMEDIATE.frac)) {
        lo_timetag now;
        lo_timetag_now(&now);
        double ahead = lo_timetag_diff(tt, now);
        if (ahead > SES_HORIZON) {   /* session.h: no performance is that long; a re-render would never end */
            char why[160];
            snprintf(why, sizeof why, "the time tag is %.0f s ahead, beyond the horizon of %.0f s (24 h): nothing was done",
                     ahead, SES_HORIZON);
            send_fail(o, from, path, why);
            return 0;
        }
        if (tt.sec != o->last_tag.sec || tt.frac != o->last_tag.frac) {
            o->last_tag = tt;
            o->last_tag_frame = o->tmap(o->ud, tt.sec, tt.frac);
        }
        c.frame = o->last_tag_frame;
        c.has_frame = 1;
    }
    SES_RESULT res;
    SES_ERR err;
    if (ses_command(o->ses, &c, &res, &err)) {
        char why[SES_ERR_MAX + 64];
        fail_text(k, &err, why, sizeof why);
        send_fail(o, from, path, why);
        return 0;
    }
    if (res.deferred) return 0;   /* answered when done (client_reply: DONE or FAIL) */
    switch (k->reply) {   /* k is a row: an unknown address failed above */
    case CMD_REPLY_ID:
        if (res.chosen) reply(o, from, "/sched/id", "i", res.id);
        break;
    case CMD_REPLY_DONE: {
        /* the first argument's first line: a name or a path whole, code (/instr/orc) not echoed back */
        const char *a = argc > 0 && args[0].type == 's' ? args[0].s : "";
        char first[256];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(a, "\n"), a);
        reply(o, from, "/done", "ss", path, strchr(a, '\n') ? first : a);
        break;
    }
    case CMD_REPLY_CHN:
        reply(o, from, "/chn", "sd", args[0].s, res.value);
        break;
    case CMD_REPLY_NOTIFY:
        o->notify_to = *from;
        o->notify_to.valid = res.value != 0;
        break;
    case CMD_REPLY_QUIT:
        o->quit = 1;
        break;
    case CMD_REPLY_NONE: case CMD_REPLY_SYNCED: case CMD_REPLY_STATUS:   /* the engine answers those */
        break;
    }
    return 0;
}

static void client_reply(void *ud, const ENG_REPLY *r);

static int bind_socket(int fd, const struct addrinfo *ai)
{
    /* TCP may rebind a port left in TIME_WAIT; UDP must not share one with
     * another ondes, which SO_REUSEADDR would allow silently */
    int one = 1;
    if (ai->ai_socktype == SOCK_STREAM) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    return bind(fd, ai->ai_addr, ai->ai_addrlen);
}

static void lo_error(int num, const char *msg, const char *where)
{
    fprintf(stderr, "ondes: OSC: %s%s%s\n", msg ? msg : "error", where ? " at " : "", where ? where : "");
}

/*
 * Why our own socket: liblo 0.31 binds a unicast UDP server to every
 * interface; ondes must listen on 127.0.0.1 unless told otherwise.  So we
 * bind the socket ourselves and hand each datagram to liblo's decoder
 * (lo_server_dispatch_data), which checks it and calls our handler; the
 * replies leave from our socket too.  TCP likewise: liblo's TCP server sends
 * a reply with a blocking send() on the connection and keeps no queue, so a
 * client that never reads would stop the control thread (issue 11); our own
 * non-blocking connections queue each client's replies and drop a client
 * that falls too far behind (tcp_send).
 */
OSC_SERVER *osc_open(SESSION *s, const char *port, const char *bind, int tcp, osc_time_fn tmap,
                     osc_dstats_fn dstats, void *ud, char *err, size_t errlen)
{
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(bind, port, &hints, &ai);
    if (gai) {
        snprintf(err, errlen, "cannot use address %s port %s for OSC: %s", bind, port, gai_strerror(gai));
        return NULL;
    }
    int fd = socket(ai->ai_family, SOCK_DGRAM, 0);
    if (fd < 0 || bind_socket(fd, ai)) {
        snprintf(err, errlen, "cannot open the OSC server on %s UDP port %s: %s", bind, port, strerror(errno));
        if (fd >= 0) close(fd);
        freeaddrinfo(ai);
        return NULL;
    }
    freeaddrinfo(ai);
    /* a burst of thousands of messages must wait in the kernel, not be dropped
     * there: a large receive buffer (forced past rmem_max when we may) */
    int size = 16 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    int lfd = -1;
    if (tcp) {   /* the same address and port, over TCP */
        hints.ai_socktype = SOCK_STREAM;
        if (getaddrinfo(bind, port, &hints, &ai) == 0) {
            lfd = socket(ai->ai_family, SOCK_STREAM, 0);
            if (lfd < 0 || bind_socket(lfd, ai) || listen(lfd, 8)) {
                snprintf(err, errlen, "cannot open the OSC server on %s TCP port %s: %s", bind, port, strerror(errno));
                if (lfd >= 0) close(lfd);
                lfd = -2;
            }
            freeaddrinfo(ai);
        }
        if (lfd < 0) {
            if (lfd == -1) snprintf(err, errlen, "cannot use address %s port %s for OSC over TCP", bind, port);
            close(fd);
            return NULL;
        }
    }
    OSC_SERVER *o = calloc(1, sizeof *o);
    o->fd = fd;
    o->lfd = lfd;
    for (int i = 0; i < MAX_TCP; i++) o->tcp[i].fd = -1;
    o->reading = -1;
    o->ses = s;
    o->tmap = tmap;
    o->dstats = dstats;
    o->ud = ud;
    o->pkt = malloc(65536);
    o->peers = calloc(MAX_PEERS, sizeof *o->peers);
    o->pindex = calloc(PEER_INDEX, sizeof *o->pindex);
    o->newest = o->oldest = -1;
    /* liblo needs a server to dispatch with: a Unix socket, unlinked at once,
     * keeps it off the network and leaves no file behind */
    char upath[96];
    snprintf(upath, sizeof upath, "/tmp/ondes-osc-%d-%p", (int)getpid(), (void *)o);
    o->srv = lo_server_new_with_proto(upath, LO_UNIX, lo_error);
    unlink(upath);
    if (!o->srv || !o->peers || !o->pindex) {
        if (o->srv) lo_server_free(o->srv);
        snprintf(err, errlen, "liblo could not make its dispatching server (or out of memory)");
        close(fd);
        if (lfd >= 0) close(lfd);
        free(o->pkt);
        free(o->peers);
        free(o->pindex);
        free(o);
        return NULL;
    }
    /* we place timed bundles on their frame ourselves: liblo must not hold them back */
    lo_server_enable_queue(o->srv, 0, 1);
    lo_server_add_method(o->srv, NULL, NULL, handler, o);
    ses_set_reply_sink(s, client_reply, o);
    return o;
}

void osc_set_allow(OSC_SERVER *o, const OSC_ACL *acl)
{
    free(o->acl);
    o->acl = NULL;
    if (acl && acl->n) {
        o->acl = malloc(sizeof *o->acl);
        *o->acl = *acl;
    }
}

void osc_close(OSC_SERVER *o)
{
    if (!o) return;
    ses_set_reply_sink(o->ses, NULL, NULL);
    free(o->acl);
    lo_server_free(o->srv);
    close(o->fd);
    free(o->pkt);
    free(o->peers);
    free(o->pindex);
    if (o->lfd >= 0) close(o->lfd);
    for (int i = 0; i < MAX_TCP; i++) {
        if (o->tcp[i].fd >= 0) close(o->tcp[i].fd);
        free(o->tcp[i].buf);
        free(o->tcp[i].out);
    }
    free(o);
}

/* The engine's replies for clients, to whoever asked (ses_drain_replies
 * handles the session's own and passes these on). */
static void client_reply(void *ud, const ENG_REPLY *r)
{
    OSC_SERVER *o = ud;
    const PEER *to = peer_of(o, r->origin);   /* /synced, /status.reply and failures go to the sender's tag */
    switch (r->type) {
    case ENG_REPLY_SYNCED:
        if (to) reply(o, to, "/synced", "i", r->id);
        break;
    case ENG_REPLY_DONE:   /* a table made on the worker */
        if (to) reply(o, to, "/done", "ss", r->msg, "");
        break;
    case ENG_REPLY_END:
        if (r->v[0] == 0) reply(o, &o->notify_to, "/event/end", "i", r->id);   /* not for a refused note */
        break;
    case ENG_REPLY_STATUS: {
        /* voices, DSP load %, xruns, late events, sr, ksmps, refused commands, clipped samples
         * (refused: those the engine could tell no one of count too) */
        double load = 0, xruns = 0;
        if (o->dstats) o->dstats(o->ud, &load, &xruns);
        if (to)
            reply(o, to, "/status.reply", "ifiidihh", (int)r->v[0], load, (int)xruns, (int)r->v[2], r->v[4],
                  (int)r->v[5], (int64_t)o->refused + r->count, (int64_t)r->v[6]);
        break;
    }
    case ENG_REPLY_FAIL: {
        /* the engine's text names its command ("/set: event 3 is not playing"); a
         * score's failure has no sender: the console has it.  A sender forgotten
         * since (more than MAX_PEERS others heard after it) is told nothing, but
         * the refusal is counted all the same. */
        if (!r->origin) break;
        if (!to) {
            o->refused += r->count;
            break;
        }
        char addr[32] = "/sched", why[sizeof r->msg + 160];
        const char *colon = strchr(r->msg, ':'), *text = r->msg;
        if (r->msg[0] == '/' && colon && colon - r->msg < (long)sizeof addr) {
            snprintf(addr, sizeof addr, "%.*s", (int)(colon - r->msg), r->msg);
            text = colon + 2;
        }
        if (r->count > 1)   /* a burst, coalesced in the engine (engine.c reply_fail): how many it stands for */
            snprintf(why, sizeof why, "%s (and %lld more refusals of your commands, coalesced: they came faster "
                     "than replies could be sent)", text, (long long)(r->count - 1));
        else
            snprintf(why, sizeof why, "%s", text);
        send_fail(o, to, addr, why);
        o->refused += r->count - 1;
        break;
    }
    }
}

static void dispatch(OSC_SERVER *o, const PEER *from, unsigned char *data, size_t n)
{
    o->from = *from;
    o->from.valid = 1;
    o->from_tag = peer_tag(o, &o->from);
    if (n == 0) {   /* an empty datagram (or TCP packet) is malformed: liblo is not asked about nothing */
        o->refused++;
        return;
    }
    /* liblo validates the packet (type tags, sizes, bundles) before our handler sees it */
    if (lo_server_dispatch_data(o->srv, data, n) < 0) o->refused++;
    ses_drain_replies(o->ses);
}

/* --allow: a packet or connection from an address not listed is dropped
 * unanswered (a stranger gets no reply to probe with), counted in /status
 * and logged once per address. */
static int refused_sender(OSC_SERVER *o, const struct sockaddr *sa, socklen_t len, const char *what)
{
    if (osc_acl_allows(o->acl, sa, len)) return 0;
    o->refused++;
    if (osc_acl_first_refusal(o->acl, sa, len)) {
        char a[64];
        osc_addr_str(sa, len, a, sizeof a);
        fprintf(stderr, "ondes: OSC: refused %s from %s (not in --allow); its further ones are dropped "
                        "unlogged, counted in /status\n", what, a);
    }
    return 1;
}

/* Close a connection and free what it held.  `why` (printf-style) is
 * logged; NULL for a client that simply went away.  While its packets are
 * being dispatched the receive buffer is liblo's input: tcp_read frees it
 * once dispatch returns. */
static void tcp_drop(OSC_SERVER *o, int i, const char *why, ...)
{
    TCPCONN *t = &o->tcp[i];
    if (t->fd < 0) return;
    if (why) {
        char msg[256];
        va_list ap;
        va_start(ap, why);
        vsnprintf(msg, sizeof msg, why, ap);
        va_end(ap);
        fprintf(stderr, "ondes: OSC: closed the TCP connection from %s after %lld packets: %s\n", t->addr,
                (long long)t->packets, msg);
    }
    close(t->fd);
    t->fd = -1;
    free(t->out);
    t->out = NULL;
    t->off = t->len = t->ocap = 0;
    if (o->reading != i) {
        free(t->buf);
        t->buf = NULL;
        t->used = t->cap = 0;
    }
    o->full_logged = 0;
}

static void tcp_accept(OSC_SERVER *o)
{
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    int fd = accept(o->lfd, (struct sockaddr *)&sa, &salen);
    if (fd < 0) return;
    if (refused_sender(o, (struct sockaddr *)&sa, salen, "a TCP connection")) {
        close(fd);
        return;
    }
    int64_t now = now_ms();
    int slot = -1, idlest = 0;
    for (int i = 0; i < MAX_TCP && slot < 0; i++) {
        if (o->tcp[i].fd < 0) slot = i;
        else if (o->tcp[i].active_ms < o->tcp[idlest].active_ms) idlest = i;
    }
    if (slot < 0 && now - o->tcp[idlest].active_ms >= TCP_IDLE_MS) {
        tcp_drop(o, idlest, "idle for %.1f s while all %d connections were taken and another client connected",
                 (double)(now - o->tcp[idlest].active_ms) / 1000, MAX_TCP);
        slot = idlest;
    }
    if (slot < 0) {   /* every connection busy: the newcomer is refused, counted, logged once per full spell */
        char a[64];
        osc_addr_str((struct sockaddr *)&sa, salen, a, sizeof a);
        if (!o->full_logged)
            fprintf(stderr, "ondes: OSC: refused a TCP connection from %s: all %d connections are active "
                            "(none idle for %d s); further refusals are counted in /status\n", a, MAX_TCP,
                    TCP_IDLE_MS / 1000);
        o->full_logged = 1;
        close(fd);
        o->refused++;
        return;
    }
    TCPCONN *t = &o->tcp[slot];
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    t->fd = fd;
    t->gen++;
    t->used = 0;
    t->packets = 0;
    t->active_ms = now;
    osc_addr_str((struct sockaddr *)&sa, salen, t->addr, sizeof t->addr);
}

/* Read what a connection has; dispatch each whole length-prefixed packet.
 * The buffer grows with the bytes that arrive, to one packet of at most
 * TCP_MAX_FRAME (a longer length is refused at once, before its bytes come)
 * plus one read, and is freed when the connection closes or drains. */
static void tcp_read(OSC_SERVER *o, int i)
{
    TCPCONN *t = &o->tcp[i];
    enum { CHUNK = 65536 };
    if (t->cap - t->used < CHUNK) {
        size_t cap = t->cap ? t->cap * 2 : 2 * CHUNK;
        if (cap > TCP_MAX_FRAME + 4 + CHUNK) cap = TCP_MAX_FRAME + 4 + CHUNK;
        if (cap > t->cap) {
            t->buf = realloc(t->buf, cap);
            if (!t->buf) abort();
            t->cap = cap;
        }
    }
    ssize_t n = recv(t->fd, t->buf + t->used, t->cap - t->used, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) {
        tcp_drop(o, i, NULL);
        return;
    }
    t->used += (size_t)n;
    PEER p = { 1, i + 1, t->gen, { 0 }, 0 };
    size_t at = 0;
    o->reading = i;
    while (t->used - at >= 4 && t->fd >= 0) {
        uint32_t be;
        memcpy(&be, t->buf + at, 4);
        size_t len = ntohl(be);
        if (len > TCP_MAX_FRAME) {   /* refused before its bytes arrive: no client holds more than that */
            o->refused++;
            char why[128];
            snprintf(why, sizeof why, "a packet of %zu bytes: at most %u over TCP; connection closed", len,
                     TCP_MAX_FRAME);
            reply(o, &p, "/fail", "ss", "", why);
            tcp_drop(o, i, "%s", why);
            break;
        }
        if (t->used - at - 4 < len) break;
        t->active_ms = now_ms();
        t->packets++;
        dispatch(o, &p, t->buf + at + 4, len);
        at += 4 + len;
    }
    o->reading = -1;
    if (t->fd < 0) {   /* dropped while its packets were dispatched */
        free(t->buf);
        t->buf = NULL;
        t->used = t->cap = 0;
        return;
    }
    memmove(t->buf, t->buf + at, t->used - at);
    t->used -= at;
    if (t->used == 0 && t->cap > 2 * CHUNK) {   /* a big packet's buffer is not kept for small ones */
        free(t->buf);
        t->buf = NULL;
        t->cap = 0;
    }
}

void osc_poll(OSC_SERVER *o, int timeout_ms)
{
    /* take messages while the command ring has room for what one may post
     * (an /instr/load can post dozens); otherwise they wait in the sockets */
    ENGINE *e = ses_engine(o->ses);
    int64_t start = now_ms();
    /* bounded: under a flood the driver's loop still gets to check signals
     * and drain the recording every POLL_BUDGET_MS */
    while (now_ms() - start < POLL_BUDGET_MS) {
        /* Backpressure first: while the ring is short of room a burst waits
         * in the socket's 16 MB buffer.  If the ring stays full past
         * RING_STALL_MS the audio thread is not running (a stalled or
         * overloaded server): then read on and refuse every command with a
         * /fail, so the kernel never drops one unseen. */
        if (eng_post_space(e) <= RING_LOW) {
            int64_t t = now_ms();
            if (!o->ring_low_since) o->ring_low_since = t;
            if (t - o->ring_low_since < RING_STALL_MS) {
                ses_drain_replies(o->ses);
                usleep(1000);   /* the control loop would otherwise spin */
                return;
            }
            o->ring_stalled = 1;
        } else {
            o->ring_low_since = 0;
            o->ring_stalled = 0;
        }
        struct pollfd pfd[2 + MAX_TCP];
        int map[2 + MAX_TCP], n = 0;
        pfd[n] = (struct pollfd){ o->fd, POLLIN, 0 };
        map[n++] = -1;
        if (o->lfd >= 0) {
            pfd[n] = (struct pollfd){ o->lfd, POLLIN, 0 };
            map[n++] = -2;
        }
        for (int i = 0; i < MAX_TCP; i++)
            if (o->tcp[i].fd >= 0) {
                short ev = POLLIN | (o->tcp[i].off < o->tcp[i].len ? POLLOUT : 0);
                pfd[n] = (struct pollfd){ o->tcp[i].fd, ev, 0 };
                map[n++] = i;
            }
        if (poll(pfd, (nfds_t)n, timeout_ms) <= 0) break;
        timeout_ms = 0;
        for (int k = 0; k < n; k++) {
            if (map[k] >= 0 && o->tcp[map[k]].fd != pfd[k].fd) continue;   /* closed (or replaced) meanwhile */
            if (map[k] >= 0 && (pfd[k].revents & POLLOUT) && tcp_flush(o, map[k])) continue;
            if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            if (map[k] == -1) {
                PEER p;
                memset(&p, 0, sizeof p);
                p.salen = sizeof p.sa;
                ssize_t got = recvfrom(o->fd, o->pkt, 65536, 0, (struct sockaddr *)&p.sa, &p.salen);
                if (got >= 0 && !refused_sender(o, (struct sockaddr *)&p.sa, p.salen, "a packet"))
                    dispatch(o, &p, o->pkt, (size_t)got);
            } else if (map[k] == -2) {
                tcp_accept(o);
            } else {
                tcp_read(o, map[k]);
            }
        }
    }
    ses_drain_replies(o->ses);
}

int osc_quit_requested(const OSC_SERVER *o) { return o->quit; }
int64_t osc_count_refused(const OSC_SERVER *o) { return o->refused; }

/* One packet handled as if a UDP peer had sent it, without the socket (the
 * fuzzing harness tests/fuzz/fuzz_osc.c; replies to that peer go nowhere).
 * Control thread.  liblo wants a mutable buffer: it gets an exact-size copy,
 * so a read past the packet's end is caught under ASan. */
void osc_feed(OSC_SERVER *o, const void *data, size_t n)
{
    PEER p;
    memset(&p, 0, sizeof p);
    unsigned char *copy = malloc(n ? n : 1);
    if (!copy) return;
    memcpy(copy, data, n);
    dispatch(o, &p, copy, n);
    free(copy);
}
