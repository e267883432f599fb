/* The flow id both tiers report: runtime/flowid.Of, byte for byte (its doc
 * comment gives the algorithm). */
#ifndef RULEC_FLOWID_H
#define RULEC_FLOWID_H

#include <linux/in.h>
#include <linux/in6.h>

#include "state.h"

#define FLOW_KEY_LEN 44

/* icmp_pair: the type an ICMP request or reply pairs with. */
static __always_inline __u8 icmp_pair(__u8 proto, __u8 t)
{
	if (proto == IPPROTO_ICMP) {
		switch (t) {
		case 0:
			return 8;
		case 8:
			return 0;
		case 13:
		case 15:
		case 17:
			return t + 1;
		case 14:
		case 16:
		case 18:
			return t - 1;
		}
	} else if (t == 128) {
		return 129;
	} else if (t == 129) {
		return 128;
	}
	return t;
}

static __noinline __u64 flow_id(const struct scratch *sc)
{
	__u8 k[FLOW_KEY_LEN];
	const __u8 *a = sc->saddr, *b = sc->daddr;
	__u16 ap = sc->sport, bp = sc->dport;
	int order = 0;

	if (sc->proto == IPPROTO_ICMP || sc->proto == IPPROTO_ICMPV6) {
		ap = sc->icmp_type;
		bp = icmp_pair(sc->proto, sc->icmp_type);
	}
#pragma unroll
	for (int i = 0; i < 16; i++) {
		if (!order && a[i] != b[i])
			order = a[i] < b[i] ? -1 : 1;
	}
	if (order > 0 || (!order && bp < ap)) {
		const __u8 *t = a;
		__u16 tp = ap;
		a = b;
		b = t;
		ap = bp;
		bp = tp;
	}
	__builtin_memcpy(k, a, 16);
	__builtin_memcpy(k + 16, b, 16);
	k[32] = ap >> 8;
	k[33] = ap;
	k[34] = bp >> 8;
	k[35] = bp;
	k[36] = sc->proto;
	k[37] = sc->family;
#pragma unroll
	for (int i = 0; i < 3; i++) {
		k[38 + 2 * i] = sc->vlan[i] >> 8;
		k[39 + 2 * i] = sc->vlan[i];
	}
	__u64 h = 0xcbf29ce484222325ULL;
#pragma unroll
	for (int i = 0; i < FLOW_KEY_LEN; i++) {
		h ^= k[i];
		h *= 0x100000001b3ULL;
	}
	h &= (1ULL << 53) - 1;
	return h ? h : 1;
}

#endif
