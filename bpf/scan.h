/* The content automaton. The payload (at most cfg.max_scan bytes) is
 * copied once into the per-CPU buffer and walked with bpf_loop by two
 * interleaved walks over its two overlapping halves, STRIDE bytes per
 * iteration or up to the next accepting state. Walks may read past their
 * half or the payload: a match found twice is stamped twice, a match
 * ending past the payload is ignored.
 *
 * The whole DFA is one rc_dfa value, a row of nclasses u32 transitions per
 * state, so a byte costs two loads and no map lookup: its class c, then
 * the u32 at byte offset row + 4*c, which holds the byte offset of the
 * next state's row (4 * state * nclasses) with ACCEPT_BIT set when that
 * state has outputs. 256 zero entries after the last row keep row + 4*c
 * in bounds for any class, so only the row offset is checked.
 *
 * Every item that an accepting state outputs and whose conditions hold
 * gets this packet's sequence number as its per-CPU stamp, so nothing is
 * cleared per packet. */
#ifndef RULEC_SCAN_H
#define RULEC_SCAN_H

#include "maps.h"
#include "state.h"

#define STRIDE 16

struct walk_ctx {
	struct scratch *sc;
	const __u8 *class;
	const __u32 *dfa;
};

struct out_ctx {
	struct scratch *sc;
	__u32 start;
	__u32 end;
};

/* same_bytes compares the len bytes at buf[s] with pat, eight at a time;
 * buf has MAX_PATTERN bytes of slack past MAX_SCAN. */
static __always_inline int same_bytes(const struct scratch *sc, const __u8 *pat, __u32 s, __u32 len)
{
	s &= MAX_SCAN - 1;
	for (__u32 o = 0; o < MAX_PATTERN; o += 8) {
		if (o >= len)
			break;
		__u64 d = *(const __u64 *)(sc->buf + s + o) ^ *(const __u64 *)(pat + o);
		if (len - o < 8)
			d &= (1ULL << ((len - o) * 8)) - 1;
		if (d)
			return 0;
	}
	return 1;
}

/* item_ok checks kernel.Item's conditions for a match ending at e in
 * sc->buf. Items of another buffer than the one being scanned never
 * hold. The name scan walks the DNS name or the SNI with its leading dot
 * (the dotprefix form); a plain dns.query or tls.sni item sees it from
 * byte 1 on. */
static __always_inline int item_ok(const struct scratch *sc, const struct item *it, __u32 id, __u32 e)
{
	__u32 len = it->len;
	__u32 base = it->buffer == BUF_DNS_QUERY || it->buffer == BUF_TLS_SNI;
	__u32 n = sc->scan_len;

	if ((it->buffer != BUF_PAYLOAD) != sc->scan_name)
		return 0;
	if (e < len + base || len > MAX_PATTERN || n < base)
		return 0;
	__u32 s = e - len - base, re = e - base;
	n -= base;
	if (s < it->offset || (it->depth && re > it->offset + it->depth))
		return 0;
	if ((it->startswith && s) || (it->endswith && re != n))
		return 0;
	if ((it->rest_ge && n - re < it->rest_ge) || (it->rest_lt && n - re >= it->rest_lt))
		return 0;
	if (it->nocase)
		return 1;
	const __u8 *pat = bpf_map_lookup_elem(&rc_patterns, &id);
	return pat && same_bytes(sc, pat, e - len, len);
}

static long out_step(__u32 idx, struct out_ctx *o)
{
	__u32 k = o->start + idx;
	__u32 *id = bpf_map_lookup_elem(&rc_out_items, &k);

	if (!id)
		return 1;
	__u32 item = *id;
	__u64 *stamp = bpf_map_lookup_elem(&rc_item_stamp, &item);
	struct item *it = bpf_map_lookup_elem(&rc_items, &item);
	if (!stamp || !it)
		return 1;
	struct scratch *sc = o->sc;
	if (*stamp != sc->seq && item_ok(sc, it, item, o->end)) {
		*stamp = sc->seq;
		__u32 n = sc->nfound;
		if (n < MAX_FOUND)
			sc->found[n] = item;
		sc->nfound = n + 1;
	}
	return 0;
}

/* rc_accept stamps the outputs of the state at byte offset row for a
 * match ending at end. A global function, so the verifier checks it once,
 * not per call site. */
__noinline int rc_accept(__u32 row, __u32 end)
{
	__u32 zero = 0;
	__u32 state = row / (4 * cfg.nclasses);
	__u32 next = state + 1;
	struct scratch *sc = bpf_map_lookup_elem(&rc_scratch, &zero);
	__u32 *lo = bpf_map_lookup_elem(&rc_out_start, &state);
	__u32 *hi = bpf_map_lookup_elem(&rc_out_start, &next);

	if (sc && end > sc->scan_len)
		return 0;
	if (!sc || !lo || !hi || *hi < *lo) {
		count(C_ERRORS, 1);
		return 0;
	}
	struct out_ctx o = {.sc = sc, .start = *lo, .end = end};
	bpf_loop(*hi - *lo, out_step, &o, 0);
	return 0;
}

#define NEXT(row, c) (*(const __u32 *)((const __u8 *)dfa + (row) + (c) * 4))

/* walk_step advances both walks by up to STRIDE bytes from sc->pos and
 * stops after a byte that enters an accepting state, so the loop makes
 * no calls and keeps everything in registers. The two walks are
 * independent dependency chains, so the CPU overlaps their loads. */
static long walk_step(__u32 idx, struct walk_ctx *w)
{
	struct scratch *sc = w->sc;
	__u64 pos = sc->pos;

	if (pos >= sc->walk_len)
		return 1;
	const __u8 *class = w->class;
	const __u32 *dfa = w->dfa;
	const __u8 *pa = sc->buf + (pos & (MAX_SCAN - 1));
	const __u8 *pb = sc->buf + ((sc->start_b + pos) & (MAX_SCAN - 1));
	__u64 last = cfg.last_row;
	__u64 a = sc->state;
	__u64 b = sc->state_b;
	__u64 adv = STRIDE;
	__u32 accept = 0;

#pragma unroll
	for (__u32 k = 0; k < STRIDE; k++) {
		if (a > last || b > last) {
			count(C_ERRORS, 1);
			return 1;
		}
		__u32 na = NEXT(a, class[pa[k]]);
		__u32 nb = NEXT(b, class[pb[k]]);
		a = na & ~ACCEPT_BIT;
		b = nb & ~ACCEPT_BIT;
		if ((na | nb) & ACCEPT_BIT) {
			adv = k + 1;
			accept = (na >> 31) | (nb >> 31) << 1;
			break;
		}
	}
	sc->state = a;
	sc->state_b = b;
	sc->pos = pos + adv;
	if (accept & 1)
		rc_accept(a, pos + adv);
	if (accept & 2)
		rc_accept(b, sc->start_b + pos + adv);
	return 0;
}

/* walk runs the automaton over the first n bytes of sc->buf. */
static __always_inline void walk(struct scratch *sc, __u32 n)
{
	__u32 zero = 0;

	sc->seq++;
	sc->scan_len = n;
	if (n == 0)
		return;
	__u8 *class = bpf_map_lookup_elem(&rc_class, &zero);
	__u32 *dfa = bpf_map_lookup_elem(&rc_dfa, &zero);
	if (!class || !dfa) {
		count(C_ERRORS, 1);
		return;
	}
	/* Walk a covers [0, mid), walk b [mid - depth + 1, n) from the root:
	 * a match ending past mid starts at or after b's start, and a walk
	 * reports every match starting at or after its start. */
	__u32 mid = (n + cfg.depth) / 2;
	if (mid > n)
		mid = n;
	sc->start_b = mid >= cfg.depth ? mid - cfg.depth + 1 : 0;
	sc->walk_len = n - sc->start_b > mid ? n - sc->start_b : mid;
	sc->state = 0;
	sc->state_b = 0;
	sc->pos = 0;
	struct walk_ctx w = {.sc = sc, .class = class, .dfa = dfa};
	bpf_loop(sc->walk_len, walk_step, &w, 0);
	count(C_SCANS, 1);
	count(C_SCAN_BYTES, n);
}

/* scan runs the automaton over the payload once per packet; the caller
 * ensures payload_len <= cfg.max_scan. */
static __always_inline void scan(struct __sk_buff *skb, struct scratch *sc)
{
	__u32 n = sc->payload_len;

	sc->scanned = 1;
	sc->scan_name = 0;
	if (n > MAX_SCAN || (n && bpf_skb_load_bytes(skb, sc->payload_off, sc->buf, n))) {
		count(C_ERRORS, 1);
		n = 0;
	}
	walk(sc, n);
	sc->seq_payload = sc->seq;
}

/* scan_name runs the automaton over the parsed DNS name (dns.h) or SNI
 * (tls.h), in its dotprefix form; plain items skip the dot (item_ok). */
static __always_inline void scan_name(struct scratch *sc)
{
	__u32 n = sc->name_len;

	sc->scanned_name = 1;
	sc->scan_name = 1;
	if (n > MAX_NAME)
		n = 0;
	for (__u32 o = 0; o < MAX_NAME; o += 8) {
		if (o >= n)
			break;
		*(__u64 *)(sc->buf + o) = *(const __u64 *)(sc->name + o);
	}
	walk(sc, n);
	sc->seq_name = sc->seq;
}

#endif
