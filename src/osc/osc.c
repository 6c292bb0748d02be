/* osc.c — the OSC server: liblo decodes, we validate and hand each command to the session; every refusal is a /fail. */
#include "osc.h"
#include "../lang/evlist.h"
#include "../engine/engine.h"
#include <lo/lo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

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
    lo_server srv;
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

static void send_fail(OSC_SERVER *o, lo_address to, const char *path, const char *why)
{
    o->refused++;
    if (!to) return;
    lo_message m = lo_message_new();
    lo_message_add_string(m, path);
    lo_message_add_string(m, why);
    lo_send_message_from(to, o->srv, "/fail", m);
    lo_message_free(m);
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
    lo_address from = lo_message_get_source(msg);
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
        lo_send_from(from, o->srv, LO_TT_IMMEDIATE, "/chn", "sd", args[0].s, *ch);
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
        lo_send_from(from, o->srv, LO_TT_IMMEDIATE, "/sched/id", "i", id);
    else if (!strcmp(path, "/instr/def") || !strcmp(path, "/instr/load") || !strcmp(path, "/table/gen")
             || !strcmp(path, "/table/read"))
        lo_send_from(from, o->srv, LO_TT_IMMEDIATE, "/done", "ss", path, argc > 0 && args[0].type == 's'
                     ? args[0].s : "");
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

static void lo_error(int num, const char *msg, const char *where)
{
    fprintf(stderr, "ondes: OSC: %s%s%s\n", msg ? msg : "error", where ? " at " : "", where ? where : "");
}

OSC_SERVER *osc_open(SESSION *s, const char *port, const char *bind, osc_time_fn tmap, osc_dstats_fn dstats,
                     void *ud, char *err, size_t errlen)
{
    OSC_SERVER *o = calloc(1, sizeof *o);
    o->ses = s;
    o->tmap = tmap;
    o->dstats = dstats;
    o->ud = ud;
    /* unicast, bound to one address: liblo's multicast constructor without a group does that */
    o->srv = lo_server_new_multicast_iface(NULL, port, NULL, bind, lo_error);
    if (!o->srv) {
        snprintf(err, errlen, "cannot open the OSC server on %s UDP port %s (in use?)", bind, port);
        free(o);
        return NULL;
    }
    /* a burst of thousands of messages must wait in the kernel, not be dropped
     * there: a large receive buffer (forced past rmem_max when we may) */
    int fd = lo_server_get_socket_fd(o->srv), size = 16 << 20;
    if (fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    /* we place timed bundles on their frame ourselves: liblo must not hold them back */
    lo_server_enable_queue(o->srv, 0, 1);
    lo_server_add_method(o->srv, NULL, NULL, handler, o);
    return o;
}

void osc_close(OSC_SERVER *o)
{
    if (!o) return;
    lo_server_free(o->srv);
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
                    lo_send_from(o->syncs[k].to, o->srv, LO_TT_IMMEDIATE, "/synced", "i", r.id);
                    lo_address_free(o->syncs[k].to);
                    o->syncs[k].to = NULL;
                    break;
                }
            break;
        case ENG_REPLY_END:
            if (o->notify_to) lo_send_from(o->notify_to, o->srv, LO_TT_IMMEDIATE, "/event/end", "i", r.id);
            break;
        case ENG_REPLY_STATUS: {
            /* voices, DSP load %, xruns, late events, sr, ksmps, then refused commands */
            double load = 0, xruns = 0;
            if (o->dstats) o->dstats(o->ud, &load, &xruns);
            if (o->status_to)
                lo_send_from(o->status_to, o->srv, LO_TT_IMMEDIATE, "/status.reply", "ifiidih", (int)r.v[0],
                             (float)load, (int)xruns, (int)r.v[2], r.v[4], (int)r.v[5], (int64_t)o->refused);
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
    while (eng_post_space(e) > 128 && lo_server_recv_noblock(o->srv, timeout_ms) > 0) {
        timeout_ms = 0;
        send_replies(o);
    }
    send_replies(o);
}

int osc_quit_requested(const OSC_SERVER *o) { return o->quit; }
int64_t osc_count_refused(const OSC_SERVER *o) { return o->refused; }
