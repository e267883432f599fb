/* Confirmation of one candidate slot: kernel.Slot's header conditions,
 * then its item references against this packet's stamps. */
#ifndef RULEC_MATCH_H
#define RULEC_MATCH_H

#include "flow.h"
#include "maps.h"
#include "state.h"

static __always_inline int cmp_ok(const struct cmp *c, __u32 v)
{
	switch (c->op) {
	case CMP_NONE:
		return 1;
	case CMP_EQ:
		return v == c->a;
	case CMP_NE:
		return v != c->a;
	case CMP_LT:
		return v < c->a;
	case CMP_GT:
		return v > c->a;
	case CMP_LE:
		return v <= c->a;
	case CMP_GE:
		return v >= c->a;
	case CMP_RANGE:
		return v > c->a && v < c->b;
	default:
		return 0;
	}
}

static __always_inline int flags_ok(const struct slot *s, const struct scratch *sc)
{
	if (s->flags_mod == FLAGS_NONE)
		return 1;
	if (sc->l4 != L4_TCP)
		return 0;
	__u8 f = sc->tcp_flags & ~s->flags_ignore;
	__u8 set = s->flags_set;
	switch (s->flags_mod) {
	case FLAGS_EXACT:
		return f == set;
	case FLAGS_PLUS:
		return (f & set) == set;
	case FLAGS_ANY:
		return (f & set) != 0;
	case FLAGS_NOT:
		return (f & set) != set;
	default:
		return 0;
	}
}

/* header_ok: dsize, ttl, itype/icode (ICMP packets only) and TCP flags. */
static __always_inline int header_ok(const struct slot *s, const struct scratch *sc)
{
	if (!cmp_ok(&s->dsize, sc->payload_len) || !cmp_ok(&s->ttl, sc->ttl))
		return 0;
	if (s->itype.op != CMP_NONE || s->icode.op != CMP_NONE) {
		if (sc->l4 != L4_ICMP || !cmp_ok(&s->itype, sc->icmp_type) ||
		    !cmp_ok(&s->icode, sc->icmp_code))
			return 0;
	}
	return flags_ok(s, sc);
}

struct refs_ctx {
	__u64 seq;
	__u32 start;
	int ok;
};

static long ref_step(__u32 idx, struct refs_ctx *x)
{
	__u32 k = x->start + idx;
	__u32 *ref = bpf_map_lookup_elem(&rc_slot_items, &k);

	if (!ref) {
		x->ok = 0;
		return 1;
	}
	__u32 id = *ref & ~ITEM_NEGATED;
	__u64 *stamp = bpf_map_lookup_elem(&rc_item_stamp, &id);
	int hit = stamp && *stamp == x->seq;
	int negated = (*ref & ITEM_NEGATED) != 0;
	if (hit != negated)
		return 0;
	x->ok = 0;
	return 1;
}

/* items_ok: every plain item was hit in this packet, no negated one was. */
static __always_inline int items_ok(const struct slot *s, const struct scratch *sc)
{
	__u64 seq = s->buffer == BUF_PAYLOAD ? sc->seq_payload : sc->seq_name;
	struct refs_ctx x = {.seq = seq, .start = s->item_start, .ok = 1};

	bpf_loop(s->item_count, ref_step, &x, 0);
	return x.ok;
}

/* record adds a slot whose other conditions held to the packet's verdict
 * (a drop or reject of flow scope marks the flow: drop_flow), if its flow
 * predicate holds (flow.h), and, unless NoAlert (but for a
 * drop or reject), its rule to the packet's events (once per rule). It returns whether the slot
 * matched. */
static __always_inline int record(struct scratch *sc, const struct slot *s)
{
	__u32 n = sc->nmatch;

	if (!flow_ok(s, sc))
		return 0;
	count(C_MATCHED, 1);
	if (s->action > sc->best)
		sc->best = s->action;
	if ((s->action == ACT_DROP || s->action == ACT_REJECT) && s->drop_scope == DS_FLOW)
		sc->drop_flow = 1;
	/* a noalert drop or reject still reports its rule: the drop record
	 * names the rule that dropped the packet */
	if (s->noalert && s->action != ACT_DROP && s->action != ACT_REJECT)
		return 1;
	for (__u32 i = 0; i < MAX_EVENTS; i++) {
		if (i >= n)
			break;
		if (sc->rules[i] == s->rule)
			return 1;
	}
	if (n >= MAX_EVENTS) {
		sc->overflow++;
		return 1;
	}
	sc->rules[n] = s->rule;
	sc->actions[n] = s->action;
	sc->nmatch = n + 1;
	return 1;
}

#endif
