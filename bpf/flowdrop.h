/* Flow drop: after a drop or reject verdict the packet's TCP or UDP flow
 * is marked, and its later packets (both directions) are dropped before
 * classification, without alerts or copies, as Suricata drops a flow
 * inline. Fragments (no ports) and other protocols are not marked. */
#ifndef RULEC_FLOWDROP_H
#define RULEC_FLOWDROP_H

#include "flowid.h"
#include "maps.h"
#include "state.h"

/* flow_key fills k and sc->from_a for the packet; 0 when it has no flow
 * key (a fragment, or a protocol other than TCP, UDP, ICMP and ICMPv6).
 * ICMP messages take their type and the type it pairs with as ports. */
static __always_inline int flow_key(struct scratch *sc, struct flow_key *k)
{
	__u32 n = sc->family == 4 ? 4 : 16;
	__u16 sp = sc->sport, dp = sc->dport;
	int c = 0;

	if (sc->fragment || sc->l4 == L4_NONE)
		return 0;
	if (sc->l4 == L4_ICMP) {
		sp = sc->icmp_type;
		dp = icmp_pair(sc->proto, sc->icmp_type);
	}
	for (__u32 i = 0; i < 16; i++) {
		if (i >= n || c)
			break;
		c = (int)sc->saddr[i] - (int)sc->daddr[i];
	}
	int fwd = c < 0 || (c == 0 && sp <= dp);
	__builtin_memset(k, 0, sizeof(*k));
	for (__u32 i = 0; i < 16; i++) {
		if (i >= n)
			break;
		k->a[i] = fwd ? sc->saddr[i] : sc->daddr[i];
		k->b[i] = fwd ? sc->daddr[i] : sc->saddr[i];
	}
	k->ap = fwd ? sp : dp;
	k->bp = fwd ? dp : sp;
	k->vlan[0] = sc->vlan[0];
	k->vlan[1] = sc->vlan[1];
	k->vlan[2] = sc->vlan[2];
	k->proto = sc->proto;
	sc->from_a = fwd;
	return 1;
}

/* droppable: flow drop marks TCP and UDP flows only. */
static __always_inline int droppable(const struct scratch *sc)
{
	return sc->l4 == L4_TCP || sc->l4 == L4_UDP;
}

#endif
