/* Flow drop: after a drop or reject verdict the packet's TCP or UDP flow
 * is marked, and its later packets (both directions) are dropped before
 * classification, without alerts or copies, as Suricata drops a flow
 * inline. Fragments (no ports) and other protocols are not keyed. */
#ifndef RULEC_FLOWDROP_H
#define RULEC_FLOWDROP_H

#include "maps.h"
#include "state.h"

/* flow_key fills k for the packet; 0 when it has no flow key. */
static __always_inline int flow_key(const struct scratch *sc, struct flow_key *k)
{
	__u32 n = sc->family == 4 ? 4 : 16;
	int c = 0;

	if (sc->fragment || (sc->l4 != L4_TCP && sc->l4 != L4_UDP))
		return 0;
	for (__u32 i = 0; i < 16; i++) {
		if (i >= n || c)
			break;
		c = (int)sc->saddr[i] - (int)sc->daddr[i];
	}
	int fwd = c < 0 || (c == 0 && sc->sport <= sc->dport);
	__builtin_memset(k, 0, sizeof(*k));
	for (__u32 i = 0; i < 16; i++) {
		if (i >= n)
			break;
		k->a[i] = fwd ? sc->saddr[i] : sc->daddr[i];
		k->b[i] = fwd ? sc->daddr[i] : sc->saddr[i];
	}
	k->ap = fwd ? sc->sport : sc->dport;
	k->bp = fwd ? sc->dport : sc->sport;
	k->vlan[0] = sc->vlan[0];
	k->vlan[1] = sc->vlan[1];
	k->vlan[2] = sc->vlan[2];
	k->proto = sc->proto;
	return 1;
}

#endif
