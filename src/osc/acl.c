/* acl.c — the OSC client allow-list (--allow CIDR) and the loopback test that decides whether ondes is exposed. */
#include "acl.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* IPv4 a.b.c.d as ::ffff:a.b.c.d: one form for both families */
static void map4(const void *in4, unsigned char out[16])
{
    memset(out, 0, 10);
    out[10] = out[11] = 0xff;
    memcpy(out + 12, in4, 4);
}

static int is_mapped4(const unsigned char a[16])
{
    static const unsigned char pre[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
    return !memcmp(a, pre, 12);
}

/* The client's address in the 16-byte form, or -1 (not IP). */
static int norm(const struct sockaddr *sa, socklen_t len, unsigned char out[16])
{
    if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        map4(&((const struct sockaddr_in *)sa)->sin_addr, out);
        return 0;
    }
    if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        memcpy(out, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
        return 0;
    }
    return -1;
}

static int in_net(const unsigned char a[16], const OSC_NET *n)
{
    int full = n->bits / 8, rest = n->bits % 8;
    if (memcmp(a, n->addr, (size_t)full)) return 0;
    if (!rest) return 1;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a[full] & mask) == (n->addr[full] & mask);
}

int osc_acl_add(OSC_ACL *a, const char *cidr, char *err, size_t errlen)
{
    static const char *form = "expected an IPv4 or IPv6 address with an optional /PREFIX "
                              "(192.168.1.0/24, 10.0.0.7, fd00::/8)";
    if (a->n == OSC_ACL_MAX) {
        snprintf(err, errlen, "--allow: at most %d ranges", OSC_ACL_MAX);
        return -1;
    }
    char host[INET6_ADDRSTRLEN + 8];
    const char *slash = strchr(cidr, '/');
    size_t hl = slash ? (size_t)(slash - cidr) : strlen(cidr);
    if (hl == 0 || hl >= sizeof host) {
        snprintf(err, errlen, "--allow '%s': %s", cidr, form);
        return -1;
    }
    memcpy(host, cidr, hl);
    host[hl] = 0;
    OSC_NET net;
    unsigned char raw[16];
    int max;
    if (inet_pton(AF_INET, host, raw) == 1) {
        map4(raw, net.addr);
        max = 32;
    } else if (inet_pton(AF_INET6, host, net.addr) == 1) {
        max = 128;
    } else {
        snprintf(err, errlen, "--allow '%s': '%s' is not a numeric address; %s", cidr, host, form);
        return -1;
    }
    int bits = max;
    if (slash) {
        const char *p = slash + 1;
        /* digits only: strtol would take "+8", " 8" or "8x" */
        if (!*p || strlen(p) > 3) bits = -1;
        else {
            bits = 0;
            for (; *p; p++) {
                if (!isdigit((unsigned char)*p)) { bits = -1; break; }
                bits = bits * 10 + (*p - '0');
            }
        }
        if (bits < 0 || bits > max) {
            snprintf(err, errlen, "--allow '%s': the prefix length must be a number from 0 to %d", cidr, max);
            return -1;
        }
    }
    net.bits = max == 32 ? bits + 96 : bits;
    /* host bits past the prefix are cleared: 192.168.1.7/24 means 192.168.1.0/24 */
    for (int i = 0; i < 16; i++) {
        int keep = net.bits - 8 * i;
        if (keep <= 0) net.addr[i] = 0;
        else if (keep < 8) net.addr[i] &= (unsigned char)(0xff << (8 - keep));
    }
    a->net[a->n++] = net;
    return 0;
}

int osc_acl_allows(const OSC_ACL *a, const struct sockaddr *sa, socklen_t len)
{
    if (!a || a->n == 0) return 1;
    unsigned char addr[16];
    if (norm(sa, len, addr)) return 0;
    /* 127.0.0.1 and ::1 stay allowed: the machine's own tools (oscsend
     * localhost …) keep working.  Other 127.x.y.z sources must be listed. */
    static const unsigned char lo6[16] = { [15] = 1 };
    static const unsigned char lo4[4] = { 127, 0, 0, 1 };
    unsigned char lo4m[16];
    map4(lo4, lo4m);
    if (!memcmp(addr, lo6, 16) || !memcmp(addr, lo4m, 16)) return 1;
    for (int i = 0; i < a->n; i++)
        if (in_net(addr, &a->net[i])) return 1;
    return 0;
}

int osc_acl_first_refusal(OSC_ACL *a, const struct sockaddr *sa, socklen_t len)
{
    unsigned char addr[16];
    if (norm(sa, len, addr)) return 0;
    for (int i = 0; i < a->nlogged; i++)
        if (!memcmp(a->logged[i], addr, 16)) return 0;
    /* a full memory logs no more: a flood of forged sources must not flood stderr */
    if (a->nlogged == OSC_ACL_LOGGED) return 0;
    memcpy(a->logged[a->nlogged++], addr, 16);
    return 1;
}

int osc_addr_is_loopback(const struct sockaddr *sa, socklen_t len)
{
    unsigned char a[16];
    if (norm(sa, len, a)) return 0;
    if (is_mapped4(a)) return a[12] == 127;
    static const unsigned char lo6[16] = { [15] = 1 };
    return !memcmp(a, lo6, 16);
}

int osc_bind_is_loopback(const char *bind)
{
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(bind, "0", &hints, &ai) || !ai) return 0;
    int all = 1;
    for (const struct addrinfo *p = ai; p; p = p->ai_next)
        if (!osc_addr_is_loopback(p->ai_addr, p->ai_addrlen)) all = 0;
    freeaddrinfo(ai);
    return all;
}

void osc_addr_str(const struct sockaddr *sa, socklen_t len, char *out, size_t outlen)
{
    unsigned char a[16];
    char buf[INET6_ADDRSTRLEN];
    if (norm(sa, len, a)) {
        snprintf(out, outlen, "?");
        return;
    }
    if (is_mapped4(a)) inet_ntop(AF_INET, a + 12, buf, sizeof buf);
    else inet_ntop(AF_INET6, a, buf, sizeof buf);
    snprintf(out, outlen, "%s", buf);
}
