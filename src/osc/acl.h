/* acl.h — who may send OSC commands: client address ranges (--allow CIDR), and which addresses are loopback. */
#ifndef ONDES_ACL_H
#define ONDES_ACL_H

#include <stddef.h>
#include <sys/socket.h>

#define OSC_ACL_MAX 64        /* --allow ranges */
#define OSC_ACL_LOGGED 64     /* refused addresses remembered, so each is logged once */

/* One range: an IPv4 or IPv6 network and its prefix length.  IPv4 is kept
 * as the IPv4-mapped IPv6 address (::ffff:a.b.c.d, prefix + 96), so a dual
 * stack socket's clients and plain IPv4 ones compare alike. */
typedef struct osc_net {
    unsigned char addr[16];
    int bits;
} OSC_NET;

typedef struct osc_acl {
    int n;                    /* 0: no list, everyone may send */
    OSC_NET net[OSC_ACL_MAX];
    int nlogged;              /* refused addresses already logged */
    unsigned char logged[OSC_ACL_LOGGED][16];
} OSC_ACL;

/* Add "192.168.1.0/24", "10.0.0.7" (/32), "fd00::/8" or "::1" (/128).
 * Returns 0, or -1 with a message in err. */
int osc_acl_add(OSC_ACL *a, const char *cidr, char *err, size_t errlen);

/* May this client send?  Everyone when the list is empty; otherwise the
 * listed ranges plus 127.0.0.1 and ::1 (the machine's own tools). */
int osc_acl_allows(const OSC_ACL *a, const struct sockaddr *sa, socklen_t len);

/* First refusal of this address? (remembers it: each refused address is logged once) */
int osc_acl_first_refusal(OSC_ACL *a, const struct sockaddr *sa, socklen_t len);

/* Is the address loopback (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104)? */
int osc_addr_is_loopback(const struct sockaddr *sa, socklen_t len);

/* Does `bind` (a name or a numeric address, as --bind takes it) resolve to
 * loopback addresses only?  0 for wildcards (0.0.0.0, ::) and anything else. */
int osc_bind_is_loopback(const char *bind);

/* "192.0.2.7" or "fd00::2" (IPv4-mapped addresses shown as IPv4). */
void osc_addr_str(const struct sockaddr *sa, socklen_t len, char *out, size_t outlen);

#endif
