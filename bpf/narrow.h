/* Narrowing the slot walk (codegen/kernel.Narrowing): a kernel slot with
 * a positive item can only match a packet in which the automaton found
 * one of its positive items. So the classifier parses and scans first,
 * then walks only the header's slots that are in rc_narrow[NS_WALK] or
 * that a found item allows (scratch.allow), while a client SYN is not yet
 * followed for tls.sni the header's tls.sni slots, and the userspace
 * slots whose prefilter buffer the classifier did not decide (not UDP,
 * dns.query not decided: dns_decided). Visiting a
 * slot that cannot match changes nothing but the work done, so a packet
 * the scans cannot narrow (payload past max_scan, an undecided DNS
 * message, more than MAX_FOUND items found) walks every slot its header
 * selects. */
#ifndef RULEC_NARROW_H
#define RULEC_NARROW_H

#include "maps.h"
#include "state.h"
#include "dns.h"
#include "scan.h"
#include "tls.h"

/* ctz64 counts trailing zeros of x != 0 (clang has no BPF cttz). */
static __always_inline __u64 ctz64(__u64 x)
{
	x = (x & -x) - 1;
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (x * 0x0101010101010101ULL) >> 56;
}

/* The header's candidate slots: five bitsets to AND. */
struct cls_ctx {
	struct __sk_buff *skb;
	struct scratch *sc;
	const __u64 *src, *dst, *proto, *sport, *dport;
	const __u64 *walk, *sni, *user_payload, *user_dns; /* rc_narrow[NS_*] */
};

/* Bits of narrow_probe's result: the header selects a slot of the set. */
enum {
	NP_PAYLOAD = 1 << NS_PAYLOAD,
	NP_NAME = 1 << NS_NAME,
	NP_DNS = 1 << NS_DNS,
	NP_ALL = NP_PAYLOAD | NP_NAME | NP_DNS,
};

struct probe_ctx {
	struct cls_ctx *c;
	const __u64 *payload, *name, *dns;
	__u64 s;   /* summary bits of word group j not yet looked at */
	__u32 j;
	__u32 res; /* NP_* */
};

static __always_inline __u64 head_word(const struct cls_ctx *c, __u64 o)
{
	return c->src[o] & c->dst[o] & c->proto[o] & c->sport[o] & c->dport[o];
}

static long probe_step(__u32 idx, struct probe_ctx *p)
{
	struct scratch *sc = p->c->sc;
	__u64 s = p->s;

	if (!s) {
		__u32 j = p->j + 1;
		if (j >= cfg.nsummary || j >= MAX_SUMMARY)
			return 1;
		p->j = j;
		p->s = sc->sum[j];
		return 0;
	}
	p->s = s & (s - 1);
	__u64 w = (__u64)p->j * 64 + ctz64(s);
	if (w >= cfg.nwords)
		return 1;
	__u64 o = cfg.nsummary + w;
	__u64 h = head_word(p->c, o);
	if (h & p->payload[o])
		p->res |= NP_PAYLOAD;
	if (h & p->name[o])
		p->res |= NP_NAME;
	if (h & p->dns[o])
		p->res |= NP_DNS;
	return p->res == NP_ALL;
}

static __always_inline const __u64 *narrow_set(__u32 k)
{
	return bpf_map_lookup_elem(&rc_narrow, &k);
}

/* narrow_probe reports (NP_*) which sets the header's candidates
 * (sc->sum, c's bitsets) meet. */
static __always_inline __u32 narrow_probe(struct cls_ctx *c)
{
	struct probe_ctx p = {.c = c, .payload = narrow_set(NS_PAYLOAD), .name = narrow_set(NS_NAME),
			      .dns = narrow_set(NS_DNS), .s = c->sc->sum[0]};

	if (!p.payload || !p.name || !p.dns) {
		count(C_ERRORS, 1);
		return NP_ALL;
	}
	bpf_loop(cfg.nsummary + cfg.nwords, probe_step, &p, 0);
	return p.res;
}

struct allow_ctx {
	struct scratch *sc;
	__u32 fi;  /* next found item */
	__u32 k;   /* next rc_item_slots entry */
	__u32 end; /* end of the current item's entries */
	int err;
};

static long allow_step(__u32 idx, struct allow_ctx *x)
{
	struct scratch *sc = x->sc;

	if (x->k >= x->end) {
		__u32 fi = x->fi;
		if (fi >= sc->nfound || fi >= MAX_FOUND)
			return 1;
		x->fi = fi + 1;
		__u32 item = sc->found[fi];
		__u32 next = item + 1;
		__u32 *lo = bpf_map_lookup_elem(&rc_item_slot_start, &item);
		__u32 *hi = bpf_map_lookup_elem(&rc_item_slot_start, &next);
		if (!lo || !hi) {
			count(C_ERRORS, 1);
			x->err = 1;
			return 1;
		}
		x->k = *lo;
		x->end = *hi;
		return 0;
	}
	__u32 k = x->k;
	__u32 *slot = bpf_map_lookup_elem(&rc_item_slots, &k);
	x->k = k + 1;
	if (!slot) {
		count(C_ERRORS, 1);
		x->err = 1;
		return 1;
	}
	__u32 w = (*slot / 64) & (MAX_WORDS - 1);
	sc->allow[MAX_SUMMARY + w] |= 1ULL << (*slot % 64);
	sc->allow[(w / 64) & (MAX_SUMMARY - 1)] |= 1ULL << (w % 64);
	return 0;
}

struct clear_ctx {
	struct scratch *sc;
	__u64 s;
	__u32 j;
};

static long clear_step(__u32 idx, struct clear_ctx *x)
{
	struct scratch *sc = x->sc;
	__u64 s = x->s;

	if (!s) {
		__u32 j = x->j + 1;
		if (j >= MAX_SUMMARY)
			return 1;
		x->j = j;
		x->s = sc->allow[j];
		sc->allow[j] = 0;
		return 0;
	}
	x->s = s & (s - 1);
	__u32 w = (x->j * 64 + ctz64(s)) & (MAX_WORDS - 1);
	sc->allow[MAX_SUMMARY + w] = 0;
	return 0;
}

/* narrow_clear zeroes the words of sc->allow the packet set. */
static __always_inline void narrow_clear(struct scratch *sc)
{
	struct clear_ctx x = {.sc = sc, .s = sc->allow[0]};

	sc->allow[0] = 0;
	bpf_loop(MAX_SUMMARY + MAX_WORDS, clear_step, &x, 0);
}

/* rc_narrow_scan parses the DNS query (NP_DNS), scans the name (NP_NAME)
 * and the payload (NP_PAYLOAD) as the slot walk would, and sets
 * sc->allow to the slots of the items found. It returns whether the walk
 * may be narrowed. A global function, so the verifier checks it once. */
__noinline int rc_narrow_scan(struct __sk_buff *skb, __u32 probe)
{
	__u32 zero = 0;
	struct scratch *sc = bpf_map_lookup_elem(&rc_scratch, &zero);

	if (!sc || !skb) {
		count(C_ERRORS, 1);
		return 0;
	}
	if (probe & NP_DNS) {
		if (sc->dns == DNS_UNPARSED)
			sc->dns = dns_parse(skb, sc);
		if (sc->dns == DNS_UNDECIDED)
			return 0;
	}
	if ((probe & NP_NAME) && !sc->scanned_name &&
	    (sc->dns == DNS_OK || sc->tls == TLS_OK || sc->tls == TLS_PROBE))
		scan_name(sc);
	if ((probe & NP_PAYLOAD) && sc->payload_len && !sc->scanned)
		scan(skb, sc);
	if (sc->nfound > MAX_FOUND)
		return 0;
	struct allow_ctx x = {.sc = sc};
	bpf_loop(sc->nfound + cfg.nitem_slots, allow_step, &x, 0);
	if (x.err) {
		narrow_clear(sc);
		return 0;
	}
	return 1;
}

/* narrow_word is what the narrowed walk visits of word or summary word
 * o of a bitset, sc->allow[a] being the same word of the allowed set. */
static __always_inline __u64 narrow_word(const struct cls_ctx *c, __u64 o, __u32 a)
{
	const struct scratch *sc = c->sc;
	__u64 m = c->walk[o] | sc->allow[a];

	if (sc->tls_syn)
		m |= c->sni[o];
	if (sc->l4 != L4_UDP)
		m |= c->user_payload[o];
	if (!dns_decided(sc))
		m |= c->user_dns[o];
	return m;
}

#endif
