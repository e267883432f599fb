//go:build ignore

// SPDX-License-Identifier: GPL-2.0
/* rulec TC classifier: parse, allow/block lists, header classification by
 * AND-ed slot bitsets (Linear Bit Vector Search), slot confirmation with
 * the content automaton (on the payload, a DNS query's name or a
 * ClientHello's SNI), verdict and events. The tables it reads are
 * described in codegen/kernel/tables.go. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "rulec.h"
#include "maps.h"
#include "state.h"
#include "events.h"
#include "logpkt.h"
#include "lists.h"
#include "parse.h"
#include "udptunnel.h"
#include "scan.h"
#include "dns.h"
#include "tls.h"
#include "match.h"
#include "narrow.h"
#include "flowdrop.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline int on_sni(const struct slot *s)
{
	return s->buffer == BUF_TLS_SNI || s->buffer == BUF_TLS_SNI_DOT;
}

/* rc_visit_app confirms a slot on dns.query (parsing the packet's DNS
 * query first if no slot did) or tls.sni (tls_track decided it). A
 * global function, so the verifier checks the parser once, apart from
 * the slot walk. */
__noinline int rc_visit_app(struct __sk_buff *skb, __u32 id)
{
	__u32 zero = 0;
	struct scratch *sc = bpf_map_lookup_elem(&rc_scratch, &zero);
	struct slot *s = bpf_map_lookup_elem(&rc_slots, &id);

	if (!sc || !s) {
		count(C_ERRORS, 1);
		return 0;
	}
	if (on_sni(s)) {
		if (sc->tls != TLS_OK && sc->tls != TLS_PROBE)
			return 0;
	} else {
		if (sc->dns == DNS_UNPARSED)
			sc->dns = dns_parse(skb, sc);
		if (sc->dns == DNS_UNDECIDED)
			sc->copy |= COPY_APP;
		if (sc->dns != DNS_OK)
			return 0;
	}
	__u32 len = sc->name_len;
	if ((s->buffer == BUF_DNS_QUERY || s->buffer == BUF_TLS_SNI) && len)
		len--;
	if (!cmp_ok(&s->blen, len))
		return 0;
	if (!sc->scanned_name)
		scan_name(sc);
	if (!items_ok(s, sc))
		return 0;
	if (sc->tls == TLS_PROBE && on_sni(s)) {
		sc->tls_hit = 1;
		return 0;
	}
	if (record(sc, s) && !s->noalert)
		sc->copy |= COPY_DETAIL;
	return 0;
}

/* rc_user_needed decides a userspace slot's prefilter item: the packet
 * is needed unless the classifier decides the item's buffer (a UDP
 * payload within max_scan; dns.query of a UDP datagram, dns_decided) and
 * the item is not in it. */
__noinline int rc_user_needed(struct __sk_buff *skb, __u32 id)
{
	__u32 zero = 0;
	struct scratch *sc = bpf_map_lookup_elem(&rc_scratch, &zero);
	struct slot *s = bpf_map_lookup_elem(&rc_slots, &id);

	if (!sc || !s || !skb) {
		count(C_ERRORS, 1);
		return 1;
	}
	if (s->buffer == BUF_PAYLOAD) {
		if (sc->l4 != L4_UDP || sc->payload_len > cfg.max_scan)
			return 1;
		if (!sc->scanned)
			scan(skb, sc);
		return items_ok(s, sc);
	}
	if (sc->dns == DNS_UNPARSED)
		sc->dns = dns_parse(skb, sc);
	if (!dns_decided(sc))
		return 1;
	if (sc->dns == DNS_NONE)
		return 0;
	if (!sc->scanned_name)
		scan_name(sc);
	return items_ok(s, sc);
}

static __always_inline void visit(struct cls_ctx *c, __u32 id)
{
	struct scratch *sc = c->sc;
	struct slot *s = bpf_map_lookup_elem(&rc_slots, &id);

	if (!s) {
		count(C_ERRORS, 1);
		return;
	}
	sc->candidates++;
	if (sc->tls_syn && on_sni(s))
		tls_follow(sc);
	if (!header_ok(s, sc) && !(sc->tls == TLS_PROBE && on_sni(s)))
		return;
	if (s->userspace) {
		if (!(sc->copy & COPY_USERSPACE) && (!s->item_count || rc_user_needed(c->skb, id)))
			sc->copy |= COPY_USERSPACE;
		return;
	}
	if (s->buffer != BUF_PAYLOAD) {
		rc_visit_app(c->skb, id);
		return;
	}
	if (s->item_count) {
		if (sc->payload_len > cfg.max_scan) {
			sc->copy |= COPY_SCAN_TRUNCATED;
			return;
		}
		if (!sc->scanned)
			scan(c->skb, sc);
		if (!items_ok(s, sc))
			return;
	}
	record(sc, s);
}

/* next_word moves to the next word whose summary bit is set and loads
 * the AND of its five words. */
static __always_inline long next_word(struct cls_ctx *c)
{
	struct scratch *sc = c->sc;
	__u32 j = sc->sj;

	if (j >= cfg.nsummary || j >= MAX_SUMMARY)
		return 1;
	__u64 s = sc->sum[j];
	if (!s) {
		sc->sj = j + 1;
		return 0;
	}
	sc->sum[j] = s & (s - 1);
	__u64 w = (__u64)j * 64 + ctz64(s);
	if (w >= cfg.nwords)
		return 1;
	__u64 o = cfg.nsummary + w;
	sc->word = w;
	sc->mask = head_word(c, o);
	if (sc->narrow)
		sc->mask &= narrow_word(c, o, MAX_SUMMARY + (w & (MAX_WORDS - 1)));
	return 0;
}

/* step visits one candidate slot or advances one word; a matched pass
 * slot ends the walk (pass wins over everything). */
static long step(__u32 idx, struct cls_ctx *c)
{
	struct scratch *sc = c->sc;
	__u64 m = sc->mask;

	if (!m)
		return next_word(c);
	sc->mask = m & (m - 1);
	visit(c, sc->word * 64 + ctz64(m));
	return sc->best == ACT_PASS;
}

static __always_inline const __u64 *port_bits(void *class_map, void *bits_map, __u16 port)
{
	__u32 p = port;
	__u32 *class = bpf_map_lookup_elem(class_map, &p);

	return class ? bpf_map_lookup_elem(bits_map, class) : 0;
}

static __always_inline void addr_bits(struct cls_ctx *c, const struct scratch *sc)
{
	if (sc->family == 4) {
		struct lpm_v4 k = {.prefixlen = 32};
		__builtin_memcpy(k.addr, sc->saddr, 4);
		c->src = bpf_map_lookup_elem(&rc_src_v4, &k);
		__builtin_memcpy(k.addr, sc->daddr, 4);
		c->dst = bpf_map_lookup_elem(&rc_dst_v4, &k);
	} else {
		struct lpm_v6 k = {.prefixlen = 128};
		__builtin_memcpy(k.addr, sc->saddr, 16);
		c->src = bpf_map_lookup_elem(&rc_src_v6, &k);
		__builtin_memcpy(k.addr, sc->daddr, 16);
		c->dst = bpf_map_lookup_elem(&rc_dst_v6, &k);
	}
}

/* match_slots ANDs the summaries of the five header bitsets and visits
 * the candidate slots of the words they select. */
static __always_inline void match_slots(struct __sk_buff *skb, struct scratch *sc)
{
	struct cls_ctx c = {.skb = skb, .sc = sc};
	__u32 proto = sc->proto;
	__u64 any = 0;

	addr_bits(&c, sc);
	c.proto = bpf_map_lookup_elem(&rc_proto, &proto);
	c.sport = port_bits(&rc_sport_class, &rc_sport_bits, sc->sport);
	c.dport = port_bits(&rc_dport_class, &rc_dport_bits, sc->dport);
	if (!c.src || !c.dst || !c.proto || !c.sport || !c.dport) {
		count(C_NO_CANDIDATES, 1);
		return;
	}
	for (__u32 j = 0; j < MAX_SUMMARY; j++) {
		__u64 s = 0;
		if (j < cfg.nsummary)
			s = head_word(&c, j);
		sc->sum[j] = s;
		any |= s;
	}
	if (!any) {
		count(C_NO_CANDIDATES, 1);
		return;
	}
	sc->narrow = 0;
	c.walk = narrow_set(NS_WALK);
	c.sni = narrow_set(NS_SNI);
	c.user_payload = narrow_set(NS_USER_PAYLOAD);
	c.user_dns = narrow_set(NS_USER_DNS);
	if (c.walk && c.sni && c.user_payload && c.user_dns && sc->payload_len <= cfg.max_scan)
		sc->narrow = rc_narrow_scan(skb, narrow_probe(&c));
	if (sc->narrow) {
		for (__u32 j = 0; j < MAX_SUMMARY; j++) {
			if (j < cfg.nsummary)
				sc->sum[j] &= narrow_word(&c, j, j);
		}
	}
	sc->sj = 0;
	sc->mask = 0;
	sc->candidates = 0;
	bpf_loop(cfg.nsummary + cfg.nwords * 65, step, &c, 0);
	if (sc->narrow)
		narrow_clear(sc);
	if (sc->candidates)
		count(C_CANDIDATES, sc->candidates);
	else
		count(C_NO_CANDIDATES, 1);
}

/* verdict: the largest matched action wins; pass suppresses events and
 * copies, drop and reject drop the packet. */
static __always_inline int verdict(struct __sk_buff *skb, struct scratch *sc)
{
	int rc = TC_ACT_OK;

	if (sc->copy & COPY_SCAN_TRUNCATED)
		count(C_SCAN_TRUNCATED, 1);
	switch (sc->best) {
	case ACT_PASS:
		count(C_PASS, 1);
		/* the inner packet of a tunnel is inspected on its own */
		if (sc->copy & COPY_TUNNEL) {
			sc->copy = COPY_TUNNEL;
			copy_up(skb, sc, TC_ACT_OK);
		}
		return TC_ACT_OK;
	case ACT_DROP:
		count(C_DROP, 1);
		log_packet(RC_LOG_DEBUG, RC_LOG_NO_RULE, "drop", sc);
		rc = TC_ACT_SHOT;
		break;
	case ACT_REJECT:
		count(C_REJECT, 1);
		log_packet(RC_LOG_DEBUG, RC_LOG_NO_RULE, "reject", sc);
		rc = TC_ACT_SHOT;
		break;
	case ACT_ALERT:
		count(C_ALERT, 1);
		break;
	default:
		break;
	}
	for (__u32 i = 0; i < MAX_EVENTS; i++) {
		if (i >= sc->nmatch)
			break;
		emit(skb, sc, sc->rules[i], EV_ALERT, sc->actions[i], rc);
	}
	if (sc->overflow)
		count(C_EVENTS_TRUNCATED, sc->overflow);
	bypass_copy(skb, sc);
	if (sc->copy)
		copy_up(skb, sc, rc);
	return rc;
}

/* decode_up sends a packet the parser gave up on to userspace, whose
 * decoder reads it whole and raises the decode event. */
static __always_inline int decode_up(struct __sk_buff *skb, struct scratch *sc)
{
	sc->copy = COPY_DECODE;
	copy_up(skb, sc, TC_ACT_OK);
	return TC_ACT_OK;
}

SEC("tc")
int classify(struct __sk_buff *skb)
{
	__u32 zero = 0;
	struct scratch *sc = bpf_map_lookup_elem(&rc_scratch, &zero);

	if (!sc) {
		count(C_ERRORS, 1);
		return TC_ACT_OK;
	}
	count(C_PACKETS, 1);
	count(C_BYTES, skb->len);
	sc->pflow = 0;
	int l3 = parse_l3(skb, sc);
	if (l3 == PARSE_NON_IP) {
		count(C_NON_IP, 1);
		return TC_ACT_OK;
	}
	if (l3 == PARSE_ERROR) {
		count(C_PARSE_ERROR, 1);
		return TC_ACT_OK;
	}
	if (l3 == PARSE_INVALID) {
		/* A link or IP header that does not decode: only userspace's
		 * decoder-event rules see it. */
		count(C_PARSE_ERROR, 1);
		return decode_up(skb, sc);
	}
	if (l3 == PARSE_VLAN_DEEP) {
		count(C_VLAN_TOO_MANY, 1);
		return decode_up(skb, sc);
	}
	int l4 = PARSE_ERROR;
	if (l3 == PARSE_OK)
		l4 = parse_l4(skb, sc);
	if (l3 == PARSE_L4_BAD)
		l3 = PARSE_OK;
	switch (check_lists(skb, sc, l4 == PARSE_OK)) {
	case LIST_ALLOW:
		return TC_ACT_OK;
	case LIST_BLOCK:
		return TC_ACT_SHOT;
	}
	if (l3 == PARSE_EXT_DEEP) {
		count(C_EXT_TOO_MANY, 1);
		return decode_up(skb, sc);
	}
	if (l3 != PARSE_OK) {
		/* An invalid IP packet: userspace decodes it and raises its
		 * decoder events. */
		count(C_PARSE_ERROR, 1);
		return decode_up(skb, sc);
	}
	if (l4 != PARSE_OK) {
		/* A whole IP packet with a malformed transport header: its
		 * IP-level slots are matched (Suricata inspects it as IP
		 * only); userspace raises the decoder events. */
		count(C_PARSE_ERROR, 1);
		l4_invalid(sc);
	}
	int keyed = flow_key(sc, &sc->fk);
	int drop_keyed = keyed && droppable(sc);
	if (drop_keyed && bpf_map_lookup_elem(&rc_flow_drop, &sc->fk)) {
		count(C_FLOW_DROPPED, 1);
		/* a tunnel's inner packets are flows of their own, inspected
		 * whatever the outer flow's fate */
		if (sc->l4 == L4_UDP && !sc->fragment && udp_tunnel(skb, sc)) {
			sc->copy = COPY_TUNNEL;
			copy_up(skb, sc, TC_ACT_SHOT);
		}
		return TC_ACT_SHOT;
	}
	flow_track(sc, keyed);
	sc->best = ACT_NONE;
	sc->drop_flow = 0;
	sc->copy = 0;
	if (sc->fragment) {
		count(C_FRAGMENTS, 1);
		sc->copy = COPY_FRAGMENT;
	}
	if (l4 != PARSE_OK)
		sc->copy = COPY_DECODE;
	else if (!sc->fragment && (is_tunnel(sc->proto) || (sc->l4 == L4_UDP && udp_tunnel(skb, sc))))
		sc->copy = COPY_TUNNEL;
	sc->scanned = 0;
	sc->scanned_name = 0;
	sc->dns = DNS_UNPARSED;
	sc->nmatch = 0;
	sc->overflow = 0;
	sc->tls = TLS_NONE;
	sc->tls_syn = 0;
	sc->tls_hit = 0;
	sc->nfound = 0;
	if (cfg.tls && keyed && sc->l4 == L4_TCP)
		tls_track(skb, sc);
	match_slots(skb, sc);
	if (sc->tls == TLS_PROBE)
		tls_probed(sc);
	int rc = verdict(skb, sc);
	if (drop_keyed && sc->drop_flow && (sc->best == ACT_DROP || sc->best == ACT_REJECT)) {
		__u64 now = bpf_ktime_get_ns();
		if (bpf_map_update_elem(&rc_flow_drop, &sc->fk, &now, BPF_ANY))
			count(C_ERRORS, 1);
		else
			count(C_FLOW_DROPS, 1);
	}
	return rc;
}
