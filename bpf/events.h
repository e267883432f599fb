/* Ring buffer records. A failed reservation is counted, never silent. */
#ifndef RULEC_EVENTS_H
#define RULEC_EVENTS_H

#include "maps.h"
#include "state.h"
#include "flowid.h"

static __always_inline void fill_tuple(struct event *ev, const struct scratch *sc, __u32 pkt_len)
{
	ev->ts_ns = bpf_ktime_get_ns();
	ev->pkt_len = pkt_len;
	ev->family = sc->family;
	ev->proto = sc->proto;
	ev->sport = sc->sport;
	ev->dport = sc->dport;
	ev->gen = cfg.gen;
	ev->vlan[0] = sc->vlan[0];
	ev->vlan[1] = sc->vlan[1];
	ev->vlan[2] = sc->vlan[2];
	ev->icmp_type = sc->icmp_type;
	ev->icmp_code = sc->icmp_code;
	ev->flow_id = flow_id(sc);
	ev->flow = sc->pflow;
	__builtin_memcpy(ev->saddr, sc->saddr, 16);
	__builtin_memcpy(ev->daddr, sc->daddr, 16);
}

static __always_inline void emit(struct __sk_buff *skb, const struct scratch *sc, __u32 rule,
				 enum kind kind, enum action action, __u8 verdict)
{
	struct event *ev = bpf_ringbuf_reserve(&rc_events, sizeof(*ev), 0);

	if (!ev) {
		count(C_RINGBUF_FULL, 1);
		return;
	}
	fill_tuple(ev, sc, skb->len);
	ev->rule = rule;
	ev->cap_len = 0;
	ev->kind = kind;
	ev->action = action;
	ev->verdict = verdict;
	ev->reason = 0;
	bpf_ringbuf_submit(ev, 0);
	count(C_EVENTS, 1);
}

/* copy_up sends the first SNAP_LEN bytes of the packet to userspace. */
static __always_inline void copy_up(struct __sk_buff *skb, const struct scratch *sc, __u8 verdict)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct copybuf *cb = bpf_map_lookup_elem(&rc_copy, &cpu);
	__u64 len = skb->len;

	if (len > SNAP_LEN)
		len = SNAP_LEN;
	if (!cb || len < 1 || bpf_skb_load_bytes(skb, 0, cb->data, len)) {
		count(C_ERRORS, 1);
		return;
	}
	fill_tuple(&cb->ev, sc, skb->len);
	cb->ev.rule = NO_RULE;
	cb->ev.cap_len = len;
	cb->ev.kind = EV_COPY;
	cb->ev.action = ACT_NONE;
	cb->ev.verdict = verdict;
	cb->ev.reason = sc->copy;
	if (bpf_ringbuf_output(&rc_events, cb, sizeof(cb->ev) + len, 0)) {
		count(C_RINGBUF_FULL, 1);
		return;
	}
	count(C_COPIES, 1);
	count(C_EVENTS, 1);
}

#endif
