/* Allow and block lists, checked before classification: an address on an
 * allow list passes, else an address on a block list, or a TCP or UDP
 * packet to a blocked port, drops. An expired entry does not match
 * (userspace removes it later). */
#ifndef RULEC_LISTS_H
#define RULEC_LISTS_H

#include "maps.h"
#include "events.h"
#include "state.h"
#include "logpkt.h"

enum list_result { LIST_NONE, LIST_ALLOW, LIST_BLOCK };

static __always_inline int live(const struct list_entry *e)
{
	return e && (!e->expires_ns || e->expires_ns > bpf_ktime_get_ns());
}

static __always_inline struct list_entry *on_list(void *v4, void *v6, struct scratch *sc)
{
	struct list_entry *e;

	if (sc->family == 4) {
		struct lpm_v4 k = {.prefixlen = 32};
		__builtin_memcpy(k.addr, sc->saddr, 4);
		e = bpf_map_lookup_elem(v4, &k);
		if (live(e))
			return e;
		__builtin_memcpy(k.addr, sc->daddr, 4);
		e = bpf_map_lookup_elem(v4, &k);
	} else {
		struct lpm_v6 k = {.prefixlen = 128};
		__builtin_memcpy(k.addr, sc->saddr, 16);
		e = bpf_map_lookup_elem(v6, &k);
		if (live(e))
			return e;
		__builtin_memcpy(k.addr, sc->daddr, 16);
		e = bpf_map_lookup_elem(v6, &k);
	}
	return live(e) ? e : 0;
}

/* port_blocked looks up the destination port of a TCP or UDP packet whose
 * transport header was read. */
static __always_inline struct list_entry *port_blocked(const struct scratch *sc, int l4_ok)
{
	if (!l4_ok || (sc->l4 != L4_TCP && sc->l4 != L4_UDP))
		return 0;
	struct port_key k = {.proto = sc->proto, .port = sc->dport};
	struct list_entry *e = bpf_map_lookup_elem(&rc_block_port, &k);

	return live(e) ? e : 0;
}

static __always_inline int check_lists(struct __sk_buff *skb, struct scratch *sc, int l4_ok)
{
	if (on_list(&rc_allow_v4, &rc_allow_v6, sc)) {
		count(C_ALLOWED, 1);
		return LIST_ALLOW;
	}
	struct list_entry *e = on_list(&rc_block_v4, &rc_block_v6, sc);
	if (!e)
		e = port_blocked(sc, l4_ok);
	if (!e)
		return LIST_NONE;
	count(C_BLOCKED, 1);
	log_packet(RC_LOG_DEBUG, e->rule, "blocked", sc);
	emit(skb, sc, e->rule, EV_BLOCK, ACT_DROP, TC_ACT_SHOT);
	return LIST_BLOCK;
}

#endif
