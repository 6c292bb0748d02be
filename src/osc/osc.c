/* osc.c — the OSC server: liblo decodes, we validate and hand each command to the session; every refusal is a /fail. */
#include "osc.h"
#include "../lang/evlist.h"
#include "../engine/engine.h"
#include <lo/lo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <unistd.h>

/*
 * Threads: everything here runs on the one control thread (the driver's
 * loop calls osc_poll), which is also the only producer of the engine's
 * command ring and the only consumer of its reply ring.  Nothing here
 * touches DSP state: the session turns a message into ENG_EVENTs, or into a
 * compiled instrument or a table made here, off the audio thread.
 */

#define MAX_ARGS 256
#define MAX_SYNCS 64

struct osc_server {
    int fd;                          /* our UDP socket, bound where we were told */
    lo_server srv;                   /* liblo: decoding, dispatch and sending replies */
    lo_address from;                 /* the sender of the packet being dispatched */
    unsigned char *pkt;              /* receive buffer (the largest UDP datagram) */
    int64_t send_errors;
    SESSION *ses;
    osc_time_fn tmap;
    osc_dstats_fn dstats;
    void *ud;
    int quit;
    int64_t refused;
    lo_address notify_to;            /* who asked for /event/end */
    lo_address status_to;            /* who asked for /status last */
    lo_address last_from;            /* the last sender (engine-side failures go there) */
    lo_timetag last_tag;             /* messages of one bundle share one frame: */
    int64_t last_tag_frame;          /* the tag is mapped once */
    struct { int id; lo_address to; } syncs[MAX_SYNCS];
};

static lo_address copy_addr(lo_address a)
{
    if (!a) return NULL;
    return lo_address_new_with_proto(lo_address_get_protocol(a), lo_address_get_hostname(a), lo_address_get_port(a));
}

static void set_addr(lo_address *slot, lo_address a)
{
    if (*slot) lo_address_free(*slot);
    *slot = copy_addr(a);
}

/* Replies leave from the socket the request came in on (clients that check
 * the source port see ondes' port). */
static void reply_msg(OSC_SERVER *o, lo_address to, const char *path, lo_message m)
{
    if (!to) return;
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    if (getaddrinfo(lo_address_get_hostname(to), lo_address_get_port(to), &hints, &ai) == 0) {
        size_t size = 0;
        void *data = lo_message_serialise(m, path, NULL, &size);
        if (data) {
            if (sendto(o->fd, data, size, 0, ai->ai_addr, ai->ai_addrlen) < 0) o->send_errors++;
            free(data);
        }
        freeaddrinfo(ai);
    }
}

static void reply(OSC_SERVER *o, lo_address to, const char *path, const char *types, ...)
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

static void send_fail(OSC_SERVER *o, lo_address to, const char *path, const char *why)
{
    o->refused++;
    reply(o, to, "/fail", "ss", path, why);
}

/* "…: error: /sched: unknown instrument 'x'" → "unknown instrument 'x'";
 * compile errors keep their line:col ("3:5: error: undefined variable …"). */
static const char *reason(const char *err, const char *path, const char *label)
{
    size_t ll = strlen(label);
    if (ll && !strncmp(err, label, ll) && err[ll] == ':') return err + ll + 1;
    const char *e = strstr(err, ": error: ");
    const char *r = e ? e + 9 : err;
    size_t pl = strlen(path);
    if (!strncmp(r, path, pl) && r[pl] == ':' && r[pl + 1] == ' ') r += pl + 2;
    return r;
}

static int handler(const char *path, const char *types, lo_arg **argv, int argc, lo_message msg, void *ud)
{
    OSC_SERVER *o = ud;
    lo_address from = o->from;
    set_addr(&o->last_from, from);
    if (argc > MAX_ARGS) {
        send_fail(o, from, path, "too many arguments");
        return 0;
    }
    EVL_ARG args[MAX_ARGS];
    memset(args, 0, sizeof(EVL_ARG) * (size_t)(argc > 0 ? argc : 1));
    for (int i = 0; i < argc; i++) {
        args[i].col = i + 1;
        switch (types[i]) {
        case 'i': args[i].type = 'f'; args[i].f = argv[i]->i; break;
        case 'h': args[i].type = 'f'; args[i].f = (double)argv[i]->h; break;
        case 'f': args[i].type = 'f'; args[i].f = argv[i]->f; break;
        case 'd': args[i].type = 'f'; args[i].f = argv[i]->d; break;
        case 'T': args[i].type = 'f'; args[i].f = 1; break;
        case 'F': args[i].type = 'f'; args[i].f = 0; break;
        case 's': case 'S': args[i].type = 's'; args[i].s = &argv[i]->s; break;
        default: {
            char why[96];
            snprintf(why, sizeof why, "argument %d has OSC type '%c': numbers (i h f d) and strings only", i + 1,
                     types[i]);
            send_fail(o, from, path, why);
            return 0;
        }
        }
    }
    /* session control answered here */
    if (!strcmp(path, "/quit")) {
        o->quit = 1;
        return 0;
    }
    if (!strcmp(path, "/chn/get")) {
        if (argc < 1 || args[0].type != 's') {
            send_fail(o, from, path, "expected a channel name");
            return 0;
        }
        double *ch = eng_channel(ses_engine(o->ses), args[0].s, 0);
        if (!ch) {
            send_fail(o, from, path, "no such channel");
            return 0;
        }
        reply(o, from, "/chn", "sd", args[0].s, *ch);
        return 0;
    }
    EVL_CMD c;
    memset(&c, 0, sizeof c);
    c.addr = (char *)path;
    c.args = args;
    c.nargs = argc;
    c.file = "osc";
    lo_timetag tt = lo_message_get_timestamp(msg);
    if (o->tmap && !(tt.sec == LO_TT_IMMEDIATE.sec && tt.frac == LO_TT_IMMEDIATE.frac)) {
        if (tt.sec != o->last_tag.sec || tt.frac != o->last_tag.frac) {
            o->last_tag = tt;
            o->last_tag_frame = o->tmap(o->ud, tt.sec, tt.frac);
        }
        c.frame = o->last_tag_frame;
        c.has_frame = 1;
    }
    char err[1024];
    char label[300];
    snprintf(label, sizeof label, "/instr/def %s", argc > 0 && args[0].type == 's' ? args[0].s : "");
    int id = 0;
    if (ses_command(o->ses, &c, &id, err, sizeof err)) {
        send_fail(o, from, path, reason(err, path, !strcmp(path, "/instr/def") ? label : ""));
        return 0;
    }
    if (!strcmp(path, "/sched") && argc > 0 && args[0].type == 'f' && args[0].f == -1)
        reply(o, from, "/sched/id", "i", id);
    else if (!strcmp(path, "/instr/def") || !strcmp(path, "/instr/load") || !strcmp(path, "/table/gen")
             || !strcmp(path, "/table/read"))
        reply(o, from, "/done", "ss", path, argc > 0 && args[0].type == 's' ? args[0].s : "");
    else if (!strcmp(path, "/sync")) {
        int k;
        for (k = 0; k < MAX_SYNCS && o->syncs[k].to; k++) {}
        if (k == MAX_SYNCS) k = 0, lo_address_free(o->syncs[0].to);
        o->syncs[k].id = (int)args[0].f;
        o->syncs[k].to = copy_addr(from);
    } else if (!strcmp(path, "/status"))
        set_addr(&o->status_to, from);
    else if (!strcmp(path, "/notify"))
        set_addr(&o->notify_to, args[0].f != 0 ? from : NULL);
    return 0;
}

static int bind_socket(int fd, const struct addrinfo *ai)
{
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
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
 * replies leave from our socket too.
 */
OSC_SERVER *osc_open(SESSION *s, const char *port, const char *bind, osc_time_fn tmap, osc_dstats_fn dstats,
                     void *ud, char *err, size_t errlen)
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
    OSC_SERVER *o = calloc(1, sizeof *o);
    o->fd = fd;
    o->ses = s;
    o->tmap = tmap;
    o->dstats = dstats;
    o->ud = ud;
    o->pkt = malloc(65536);
    /* liblo needs a server to dispatch with: a Unix socket, unlinked at once,
     * keeps it off the network and leaves no file behind */
    char upath[96];
    snprintf(upath, sizeof upath, "/tmp/ondes-osc-%d-%p", (int)getpid(), (void *)o);
    o->srv = lo_server_new_with_proto(upath, LO_UNIX, lo_error);
    unlink(upath);
    if (!o->srv) {
        snprintf(err, errlen, "liblo could not make its reply socket");
        close(fd);
        free(o->pkt);
        free(o);
        return NULL;
    }
    /* we place timed bundles on their frame ourselves: liblo must not hold them back */
    lo_server_enable_queue(o->srv, 0, 1);
    lo_server_add_method(o->srv, NULL, NULL, handler, o);
    return o;
}

void osc_close(OSC_SERVER *o)
{
    if (!o) return;
    lo_server_free(o->srv);
    close(o->fd);
    free(o->pkt);
    lo_address *slots[] = { &o->notify_to, &o->status_to, &o->last_from };
    for (int i = 0; i < 3; i++) if (*slots[i]) lo_address_free(*slots[i]);
    for (int k = 0; k < MAX_SYNCS; k++) if (o->syncs[k].to) lo_address_free(o->syncs[k].to);
    free(o);
}

/* The engine's replies, to whoever asked. */
static void send_replies(OSC_SERVER *o)
{
    ENGINE *e = ses_engine(o->ses);
    ENG_REPLY r;
    while (eng_reply_read(e, &r)) {
        switch (r.type) {
        case ENG_REPLY_SYNCED:
            for (int k = 0; k < MAX_SYNCS; k++)
                if (o->syncs[k].to && o->syncs[k].id == r.id) {
                    reply(o, o->syncs[k].to, "/synced", "i", r.id);
                    lo_address_free(o->syncs[k].to);
                    o->syncs[k].to = NULL;
                    break;
                }
            break;
        case ENG_REPLY_END:
            if (o->notify_to) reply(o, o->notify_to, "/event/end", "i", r.id);
            break;
        case ENG_REPLY_STATUS: {
            /* voices, DSP load %, xruns, late events, sr, ksmps, then refused commands */
            double load = 0, xruns = 0;
            if (o->dstats) o->dstats(o->ud, &load, &xruns);
            if (o->status_to)
                reply(o, o->status_to, "/status.reply", "ifiidih", (int)r.v[0], load, (int)xruns, (int)r.v[2],
                      r.v[4], (int)r.v[5], (int64_t)o->refused);
            break;
        }
        case ENG_REPLY_FAIL: {
            /* "/set: event 3 is not playing" names its address; a refused note is a /sched */
            char addr[32] = "/sched";
            const char *colon = strchr(r.msg, ':');
            if (r.msg[0] == '/' && colon && colon - r.msg < (long)sizeof addr) {
                snprintf(addr, sizeof addr, "%.*s", (int)(colon - r.msg), r.msg);
                send_fail(o, o->last_from, addr, colon + 2);
            } else {
                send_fail(o, o->last_from, addr, r.msg);
            }
            break;
        }
        case ENG_REPLY_EXEC:
            ses_executed(o->ses, (uint32_t)r.id, r.frame);
            break;
        }
    }
}

void osc_poll(OSC_SERVER *o, int timeout_ms)
{
    /* take messages while the command ring has room for what one may post
     * (an /instr/load can post dozens); otherwise they wait in the socket */
    ENGINE *e = ses_engine(o->ses);
    while (eng_post_space(e) > 128) {
        struct pollfd pfd = { o->fd, POLLIN, 0 };
        if (poll(&pfd, 1, timeout_ms) <= 0) break;
        timeout_ms = 0;
        struct sockaddr_storage sa;
        socklen_t salen = sizeof sa;
        ssize_t n = recvfrom(o->fd, o->pkt, 65536, 0, (struct sockaddr *)&sa, &salen);
        if (n <= 0) break;
        char host[NI_MAXHOST], serv[NI_MAXSERV];
        if (getnameinfo((struct sockaddr *)&sa, salen, host, sizeof host, serv, sizeof serv,
                        NI_NUMERICHOST | NI_NUMERICSERV))
            continue;
        o->from = lo_address_new(host, serv);
        /* liblo validates the packet (type tags, sizes, bundles) before our handler sees it */
        if (lo_server_dispatch_data(o->srv, o->pkt, (size_t)n) < 0) o->refused++;
        lo_address_free(o->from);
        o->from = NULL;
        send_replies(o);
    }
    send_replies(o);
}

int osc_quit_requested(const OSC_SERVER *o) { return o->quit; }
int64_t osc_count_refused(const OSC_SERVER *o) { return o->refused; }
