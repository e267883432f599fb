/* Flow state: a bounded LRU map of flows giving each packet its direction
 * and whether its flow is established, by Suricata 8's definitions with
 * its default configuration (stream.midstream off, IDS):
 *  - the sender of a flow's first packet is its client;
 *  - TCP: established once the session passed a valid three-way handshake
 *    (SYN; SYN/ACK to the client acking the SYN's seq + 1; ACK to the
 *    server with the expected seq and ack). The ACK completing it is
 *    established only if it carries payload (the flow is marked before the
 *    stream engine runs). A flow picked up without a SYN has no session and
 *    is never established; a pure SYN on such a flow, or on a closed one
 *    (reset, FIN both ways), starts a new flow (Suricata's TCP reuse);
 *  - UDP, ICMP, ICMPv6: established once packets went both ways, the
 *    packet completing it included;
 *  - ICMPv4 errors (types 3, 4, 5, 11, 12; Suricata creates no flow for
 *    them), fragments (their reassembled packet is tracked in userspace)
 *    and other protocols have no flow state: as a packet without a flow
 *    in Suricata, they go to the server and only a to_server-only
 *    predicate holds (runtime/refeval.FlowOK).
 * With stream.midstream on (cfg.midstream), as Suricata's stream engine
 * a TCP session starts without a SYN: a first SYN/ACK turns the flow
 * around (its receiver is the client; the client's ACK establishes it),
 * a first ACK or FIN with data starts it established (from the next
 * packet on); a first RST starts none.
 * No idle timeout: entries leave by LRU eviction or TCP reuse. Userspace
 * bypasses a flow direction (flow_state.bypass) when no userspace rule
 * can match its packets any more: they are no longer copied for
 * userspace rules (kernel rules still run, and still copy what they need).
 * The same machine is runtime/refeval/flow.go. */
#ifndef RULEC_FLOW_H
#define RULEC_FLOW_H

#include "maps.h"
#include "state.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct flow_key);
	__type(value, struct flow_state);
	__uint(max_entries, FLOW_MAX);
} rc_flows SEC(".maps");

static __always_inline int icmp4_error(const struct scratch *sc)
{
	if (sc->proto != IPPROTO_ICMP)
		return 0;
	switch (sc->icmp_type) {
	case 3:
	case 4:
	case 5:
	case 11:
	case 12:
		return 1;
	}
	return 0;
}

/* reuse: a pure SYN restarts the flow unless its session is under way
 * (Suricata's TcpSessionReuseDoneEnoughSyn, with closed for >= LAST_ACK). */
static __always_inline int reuse(const struct flow_state *st, const struct scratch *sc, int toserver)
{
	if (st->tcp == TS_NONE)
		return 1;
	if (toserver && sc->tcp_seq == st->client_isn)
		return 0;
	return st->tcp == TS_CLOSED;
}

/* tcp_step advances the session with a packet of an existing flow and
 * returns whether the packet is established. */
static __always_inline int tcp_step(struct flow_state *st, const struct scratch *sc, int toserver)
{
	__u8 f = sc->tcp_flags;
	int est = st->tcp >= TS_ESTABLISHED;

	switch (st->tcp) {
	case TS_SYN_SENT:
		if (!toserver && (f & (TH_SYN | TH_ACK | TH_RST | TH_FIN)) == (TH_SYN | TH_ACK) &&
		    sc->tcp_ack == st->client_next) {
			st->tcp = TS_SYN_RECV;
			st->server_next = sc->tcp_seq + 1;
		}
		break;
	case TS_SYN_RECV:
		if (toserver && (f & (TH_SYN | TH_ACK | TH_RST | TH_FIN)) == TH_ACK &&
		    sc->tcp_seq == st->client_next && sc->tcp_ack == st->server_next) {
			st->tcp = TS_ESTABLISHED;
			est = sc->payload_len > 0;
		}
		break;
	case TS_ESTABLISHED:
		if (f & TH_RST) {
			st->tcp = TS_CLOSED;
			break;
		}
		if (f & TH_FIN)
			st->fin |= toserver ? 1 : 2;
		if (st->fin == 3)
			st->tcp = TS_CLOSED;
		break;
	default:
		break;
	}
	return est;
}

/* flow_new starts a flow with the packet as its first. */
static __always_inline void flow_new(struct flow_state *st, const struct scratch *sc)
{
	__u8 f = sc->tcp_flags & (TH_SYN | TH_ACK | TH_RST | TH_FIN);

	__builtin_memset(st, 0, sizeof(*st));
	st->client_a = sc->from_a;
	st->seen = 1;
	if (sc->l4 != L4_TCP)
		return;
	if (f == TH_SYN) {
		st->tcp = TS_SYN_SENT;
		st->client_isn = sc->tcp_seq;
		st->client_next = sc->tcp_seq + 1;
		return;
	}
	count(C_FLOW_MIDSTREAM, 1);
	if (!cfg.midstream || (f & TH_RST))
		return;
	if (f & TH_FIN) {
		if (sc->payload_len) {
			st->tcp = TS_ESTABLISHED;
			st->fin = 1;
		}
	} else if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
		st->client_a = !sc->from_a;
		st->seen = 2;
		st->tcp = TS_SYN_RECV;
		st->client_next = sc->tcp_ack;
		st->server_next = sc->tcp_seq + 1;
	} else if (f & TH_ACK) {
		st->tcp = TS_ESTABLISHED;
	}
}

/* flow_track updates the packet's flow (keyed in sc->fk) and sets
 * sc->pflow; keyed is whether flow_key gave the packet a key. */
static __always_inline void flow_track(struct scratch *sc, int keyed)
{
	struct flow_state fresh;
	struct flow_state *st;
	int toserver, est;

	sc->pflow = 0;
	if (!keyed || icmp4_error(sc))
		return;
	st = bpf_map_lookup_elem(&rc_flows, &sc->fk);
	if (st && sc->l4 == L4_TCP && (sc->tcp_flags & (TH_SYN | TH_ACK | TH_RST | TH_FIN)) == TH_SYN &&
	    reuse(st, sc, sc->from_a == st->client_a)) {
		count(C_FLOW_REUSED, 1);
		st = 0;
	}
	if (!st) {
		flow_new(&fresh, sc);
		if (bpf_map_update_elem(&rc_flows, &sc->fk, &fresh, BPF_ANY)) {
			count(C_FLOW_MAP_FULL, 1);
			return;
		}
		count(C_FLOWS, 1);
		sc->pflow = PF_TRACKED | (fresh.seen == 1 ? PF_TOSERVER : PF_TOCLIENT);
		return;
	}
	toserver = sc->from_a == st->client_a;
	st->seen |= toserver ? 1 : 2;
	if (sc->l4 == L4_TCP)
		est = tcp_step(st, sc, toserver);
	else
		est = st->seen == 3;
	sc->pflow = PF_TRACKED | (toserver ? PF_TOSERVER : PF_TOCLIENT) | (est ? PF_ESTABLISHED : 0);
	__u32 i = toserver ? 0 : 1;
	if ((st->bypass & (toserver ? 1 : 2)) &&
	    (sc->payload_len < st->keep_min[i] || sc->payload_len > st->keep_max[i]))
		sc->pflow |= PF_BYPASSED;
}

/* bypass_copy drops the userspace-rule reason of a bypassed direction's
 * copy; a copy it saves is counted. */
static __always_inline void bypass_copy(struct __sk_buff *skb, struct scratch *sc)
{
	if (!(sc->pflow & PF_BYPASSED) || !(sc->copy & COPY_USERSPACE))
		return;
	sc->copy &= ~COPY_USERSPACE;
	if (!sc->copy) {
		count(C_BYPASSED, 1);
		count(C_BYPASSED_BYTES, skb->len);
	}
}

/* flow_ok checks a slot's flow predicate. */
static __always_inline int flow_ok(const struct slot *s, const struct scratch *sc)
{
	__u8 r = s->flow;
	__u8 pf = sc->pflow;

	if (!r)
		return 1;
	if (!(pf & PF_TRACKED))
		return r == FR_TOSERVER;
	if ((r & FR_TOSERVER) && !(pf & PF_TOSERVER))
		return 0;
	if ((r & FR_TOCLIENT) && !(pf & PF_TOCLIENT))
		return 0;
	if ((r & FR_ESTABLISHED) && !(pf & PF_ESTABLISHED))
		return 0;
	if ((r & FR_NOT_ESTABLISHED) && (pf & PF_ESTABLISHED))
		return 0;
	return 1;
}

#endif
