/* DNS over UDP for dns.query: the header, one question whose name is
 * copied in its dotted form with a leading dot (each length byte becomes
 * '.', so the wire name maps byte for byte), and at most one additional
 * record, an EDNS OPT record whose options are checked as the userspace
 * decoder (gopacket) checks them: a message it would refuse has no
 * dns.query, and one the classifier cannot follow is copied up. */
#ifndef RULEC_DNS_H
#define RULEC_DNS_H

#include "maps.h"
#include "state.h"

#define DNS_PORT 53
#define DNS_HDR 12
#define DNS_TYPE_OPT 41

/* Values of scratch.dns. */
enum { DNS_UNPARSED, DNS_NONE, DNS_OK, DNS_UNDECIDED };

struct name_ctx {
	struct scratch *sc;
	__u32 avail; /* message bytes from the name on */
	__u32 next;  /* position of the next length byte */
	__u32 end;   /* position of the terminating zero, once found */
	int res;     /* 0 going on, 1 done, -1 malformed, -2 compressed */
};

static long name_step(__u32 i, struct name_ctx *x)
{
	struct scratch *sc = x->sc;
	__u32 k = i & (MAX_NAME - 1);
	__u8 c = sc->name[k];

	if (i != x->next)
		return 0;
	if (c == 0) {
		x->end = i;
		x->res = 1;
		return 1;
	}
	if ((c & 0xc0) == 0xc0) {
		x->res = -2;
		return 1;
	}
	x->next = i + c + 1;
	if (c & 0xc0 || x->next > 255 || x->next >= x->avail) {
		x->res = -1;
		return 1;
	}
	sc->name[k] = '.';
	return 0;
}

struct opt_ctx {
	struct __sk_buff *skb;
	__u32 pos, end;
	int res; /* 0 going on, 1 done, -1 malformed */
};

static long opt_step(__u32 i, struct opt_ctx *x)
{
	__u8 h[4];

	if (x->pos >= x->end) {
		x->res = 1;
		return 1;
	}
	if (x->pos + 4 > x->end || bpf_skb_load_bytes(x->skb, x->pos, h, 4)) {
		x->res = -1;
		return 1;
	}
	x->pos += 4 + ((__u32)h[2] << 8 | h[3]);
	if (x->pos > x->end) {
		x->res = -1;
		return 1;
	}
	return 0;
}

static __always_inline int dns_undecided(struct scratch *sc, __u32 counter)
{
	count(counter, 1);
	return DNS_UNDECIDED;
}

/* dns_opt checks the additional record at message offset o (skb offset
 * base + o) of a message of n bytes. */
static __always_inline int dns_opt(struct __sk_buff *skb, struct scratch *sc, __u32 base, __u32 o, __u32 n)
{
	__u8 rr[11];

	if (o >= n || o + 11 > n || bpf_skb_load_bytes(skb, base + o, rr, 11))
		return dns_undecided(sc, C_DNS_MALFORMED);
	if (rr[0] != 0 || ((__u32)rr[1] << 8 | rr[2]) != DNS_TYPE_OPT)
		return dns_undecided(sc, C_DNS_RECORDS);
	__u32 rdlen = (__u32)rr[9] << 8 | rr[10];
	__u32 end = o + 11 + rdlen;
	if (end > n || (rdlen && rdlen < 4))
		return dns_undecided(sc, C_DNS_MALFORMED);
	struct opt_ctx x = {.skb = skb, .pos = base + o + 11, .end = base + end};
	bpf_loop(MAX_OPTS + 1, opt_step, &x, 0);
	if (x.res == 0)
		return dns_undecided(sc, C_DNS_RECORDS);
	if (x.res < 0)
		return dns_undecided(sc, C_DNS_MALFORMED);
	return DNS_OK;
}

/* dns_parse decides what dns.query is for this packet: DNS_NONE (no
 * query: not DNS, a response, no question, too short), DNS_OK (one
 * question, its name in sc->name) or DNS_UNDECIDED (copied up, counted
 * by reason). */
static __always_inline int dns_parse(struct __sk_buff *skb, struct scratch *sc)
{
	__u8 h[DNS_HDR];
	__u32 n = sc->payload_len;
	int port53 = sc->sport == DNS_PORT || sc->dport == DNS_PORT;

	if (sc->l4 == L4_TCP)
		return port53 ? dns_undecided(sc, C_DNS_TCP) : DNS_NONE;
	if (sc->l4 != L4_UDP)
		return DNS_NONE;
	if (n < DNS_HDR || bpf_skb_load_bytes(skb, sc->payload_off, h, DNS_HDR))
		return DNS_NONE;
	if (h[2] & 0x80)
		return DNS_NONE;
	if (!port53)
		return dns_undecided(sc, C_DNS_OTHER_PORT);
	__u32 qd = (__u32)h[4] << 8 | h[5];
	__u32 an = (__u32)h[6] << 8 | h[7];
	__u32 ns = (__u32)h[8] << 8 | h[9];
	__u32 ar = (__u32)h[10] << 8 | h[11];
	if (qd > 1)
		return dns_undecided(sc, C_DNS_QUESTIONS);
	if (qd == 0)
		return DNS_NONE;
	if (an || ns || ar > 1)
		return dns_undecided(sc, C_DNS_RECORDS);
	__u32 avail = n - DNS_HDR;
	__u32 take = avail < MAX_NAME ? avail : MAX_NAME;
	if (take < 1 || bpf_skb_load_bytes(skb, sc->payload_off + DNS_HDR, sc->name, take))
		return dns_undecided(sc, C_DNS_MALFORMED);
	struct name_ctx x = {.sc = sc, .avail = avail};
	bpf_loop(MAX_NAME, name_step, &x, 0);
	if (x.res == -2)
		return dns_undecided(sc, C_DNS_COMPRESSED);
	if (x.res != 1 || DNS_HDR + x.end + 1 + 4 > n)
		return dns_undecided(sc, C_DNS_MALFORMED);
	sc->name_len = x.end;
	if (ar && dns_opt(skb, sc, sc->payload_off, DNS_HDR + x.end + 1 + 4, n) != DNS_OK)
		return DNS_UNDECIDED;
	count(C_DNS_QUERIES, 1);
	return DNS_OK;
}

/* dns_decided: the classifier knows dns.query of this packet: a UDP
 * datagram it parsed as a query (DNS_OK) or as no query at all
 * (DNS_NONE: a response, no question, too short for a header). */
static __always_inline int dns_decided(const struct scratch *sc)
{
	return sc->l4 == L4_UDP && (sc->dns == DNS_OK || sc->dns == DNS_NONE);
}

#endif
