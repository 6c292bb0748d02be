/* test_acl.c — unit tests of the OSC allow-list (--allow CIDR): parsing, matching, loopback. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "../../src/osc/acl.h"
#include "check.h"

static struct sockaddr_storage ss;
static socklen_t sslen;

/* A client address as recvfrom would give it (IPv4, or IPv6 with "::ffff:" for a dual-stack socket). */
static const struct sockaddr *addr(const char *text)
{
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, text, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        sslen = sizeof *a4;
    } else if (inet_pton(AF_INET6, text, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        sslen = sizeof *a6;
    } else {
        fprintf(stderr, "bad test address %s\n", text);
    }
    return (const struct sockaddr *)&ss;
}

static int allows(const OSC_ACL *a, const char *text)
{
    const struct sockaddr *sa = addr(text);
    return osc_acl_allows(a, sa, sslen);
}

/* (helpers take the text: addr() sets sslen, and C leaves the order of a call's arguments open) */
static int is_lo(const char *text)
{
    const struct sockaddr *sa = addr(text);
    return osc_addr_is_loopback(sa, sslen);
}

static int first_refusal(OSC_ACL *a, const char *text)
{
    const struct sockaddr *sa = addr(text);
    return osc_acl_first_refusal(a, sa, sslen);
}

static const char *str_of(const char *text)
{
    static char buf[64];
    const struct sockaddr *sa = addr(text);
    osc_addr_str(sa, sslen, buf, sizeof buf);
    return buf;
}

static int parse_fails(const char *cidr, const char *phrase)
{
    OSC_ACL a;
    memset(&a, 0, sizeof a);
    char err[300] = "";
    int rc = osc_acl_add(&a, cidr, err, sizeof err);
    if (rc == 0) {
        fprintf(stderr, "  '%s' was accepted\n", cidr);
        return 0;
    }
    if (!strstr(err, phrase) || !strstr(err, cidr)) {
        fprintf(stderr, "  '%s': message \"%s\" lacks \"%s\"\n", cidr, err, phrase);
        return 0;
    }
    return a.n == 0;
}

int main(void)
{
    OSC_ACL none;
    memset(&none, 0, sizeof none);
    /* no list: everyone */
    CHECK(allows(&none, "203.0.113.9"));
    CHECK(allows(&none, "2001:db8::1"));
    const struct sockaddr *any = addr("203.0.113.9");
    CHECK(osc_acl_allows(NULL, any, sslen));

    OSC_ACL a;
    memset(&a, 0, sizeof a);
    char err[300];
    CHECK(osc_acl_add(&a, "192.168.1.0/24", err, sizeof err) == 0);
    CHECK(osc_acl_add(&a, "10.0.0.7", err, sizeof err) == 0);
    CHECK(osc_acl_add(&a, "fd00::/8", err, sizeof err) == 0);
    CHECK(osc_acl_add(&a, "172.16.5.9/12", err, sizeof err) == 0);   /* host bits cleared: 172.16.0.0/12 */
    CHECK(a.n == 4);
    CHECK(allows(&a, "192.168.1.0"));
    CHECK(allows(&a, "192.168.1.255"));
    CHECK(!allows(&a, "192.168.2.1"));
    CHECK(!allows(&a, "192.168.0.255"));
    CHECK(allows(&a, "10.0.0.7"));
    CHECK(!allows(&a, "10.0.0.6"));
    CHECK(!allows(&a, "10.0.0.8"));
    CHECK(allows(&a, "172.16.0.1"));
    CHECK(allows(&a, "172.31.255.255"));
    CHECK(!allows(&a, "172.32.0.1"));
    CHECK(!allows(&a, "172.15.255.255"));
    CHECK(allows(&a, "fd12:3456::1"));
    CHECK(!allows(&a, "fe80::1"));
    CHECK(!allows(&a, "2001:db8::1"));
    /* a dual-stack socket sees IPv4 clients as ::ffff:a.b.c.d: the same rules */
    CHECK(allows(&a, "::ffff:192.168.1.20"));
    CHECK(!allows(&a, "::ffff:192.168.3.20"));
    /* the machine's own usual addresses always may; the rest of 127/8 must be listed */
    CHECK(allows(&a, "127.0.0.1"));
    CHECK(allows(&a, "::1"));
    CHECK(allows(&a, "::ffff:127.0.0.1"));
    CHECK(!allows(&a, "127.0.0.3"));
    OSC_ACL l;
    memset(&l, 0, sizeof l);
    CHECK(osc_acl_add(&l, "127.0.0.3/32", err, sizeof err) == 0);
    CHECK(allows(&l, "127.0.0.3"));
    CHECK(!allows(&l, "127.0.0.4"));
    CHECK(!allows(&l, "192.168.1.1"));
    /* /0 is everyone of that family */
    OSC_ACL z;
    memset(&z, 0, sizeof z);
    CHECK(osc_acl_add(&z, "0.0.0.0/0", err, sizeof err) == 0);
    CHECK(allows(&z, "203.0.113.9"));
    CHECK(!allows(&z, "2001:db8::1"));
    CHECK(osc_acl_add(&z, "::/0", err, sizeof err) == 0);
    CHECK(allows(&z, "2001:db8::1"));
    /* odd prefix lengths */
    OSC_ACL o;
    memset(&o, 0, sizeof o);
    CHECK(osc_acl_add(&o, "10.1.2.128/25", err, sizeof err) == 0);
    CHECK(allows(&o, "10.1.2.200"));
    CHECK(!allows(&o, "10.1.2.127"));
    CHECK(osc_acl_add(&o, "2001:db8:8000::/33", err, sizeof err) == 0);
    CHECK(allows(&o, "2001:db8:ffff::1"));
    CHECK(!allows(&o, "2001:db8:7fff::1"));

    /* bad ranges: a clear message naming what was given */
    CHECK(parse_fails("192.168.1.0/33", "prefix length must be a number from 0 to 32"));
    CHECK(parse_fails("fd00::/129", "from 0 to 128"));
    CHECK(parse_fails("192.168.1.0/", "prefix length"));
    CHECK(parse_fails("192.168.1.0/2x", "prefix length"));
    CHECK(parse_fails("192.168.1.0/+8", "prefix length"));
    CHECK(parse_fails("192.168.1.0/-1", "prefix length"));
    CHECK(parse_fails("192.168.1/24", "not a numeric address"));
    CHECK(parse_fails("256.1.1.1", "not a numeric address"));
    CHECK(parse_fails("example.org", "not a numeric address"));
    CHECK(parse_fails("/24", "expected an IPv4 or IPv6 address"));
    CHECK(parse_fails("", "expected an IPv4 or IPv6 address"));

    /* refusals are logged once per address */
    OSC_ACL g;
    memset(&g, 0, sizeof g);
    CHECK(first_refusal(&g, "203.0.113.9"));
    CHECK(!first_refusal(&g, "203.0.113.9"));
    CHECK(first_refusal(&g, "203.0.113.10"));
    for (int i = 0; i < 200; i++) {   /* a flood of sources: memory and stderr stay bounded */
        char t[32];
        snprintf(t, sizeof t, "198.51.100.%d", i);
        first_refusal(&g, t);
    }
    CHECK(g.nlogged == OSC_ACL_LOGGED);
    CHECK(!first_refusal(&g, "198.51.100.250"));

    /* loopback: what decides whether --bind exposes ondes */
    CHECK(is_lo("127.0.0.1"));
    CHECK(is_lo("127.9.8.7"));
    CHECK(is_lo("::1"));
    CHECK(is_lo("::ffff:127.0.0.2"));
    CHECK(!is_lo("0.0.0.0"));
    CHECK(!is_lo("::"));
    CHECK(!is_lo("192.168.1.2"));
    CHECK(!is_lo("128.0.0.1"));
    CHECK(osc_bind_is_loopback("127.0.0.1"));
    CHECK(osc_bind_is_loopback("127.0.0.2"));
    CHECK(osc_bind_is_loopback("::1"));
    CHECK(!osc_bind_is_loopback("0.0.0.0"));
    CHECK(!osc_bind_is_loopback("::"));
    CHECK(!osc_bind_is_loopback("192.0.2.1"));
    CHECK(!osc_bind_is_loopback(NULL));   /* no address: every interface */

    CHECK(!strcmp(str_of("::ffff:192.0.2.7"), "192.0.2.7"));
    CHECK(!strcmp(str_of("fd00::2"), "fd00::2"));
    CHECK(!strcmp(str_of("10.0.0.7"), "10.0.0.7"));
    return CHECK_RESULT();
}
