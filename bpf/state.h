/* Per-CPU state of the packet being classified. It lives in maps, not on
 * the stack, so bpf_loop callbacks share it and the verifier does not
 * track its values. */
#ifndef RULEC_STATE_H
#define RULEC_STATE_H

#include "maps.h"
#include "rulec.h"

struct scratch {
	__u64 seq; /* scans on this CPU */
	__u64 seq_payload; /* seq of this packet's payload scan */
	__u64 seq_name;	   /* seq of this packet's name scan (dns.query or tls.sni) */
	__u32 scan_len;	   /* bytes of sc->buf the current scan walks */
	__u8 scan_name;	   /* the current scan walks sc->name */
	__u8 dns;	   /* DNS_* (dns.h) */
	__u16 name_len;	   /* name bytes with the leading dot; 0: root */
	__u8 tls;	   /* TLS_* (tls.h): this packet's tls.sni */
	__u8 tls_syn;	   /* a client SYN of a flow tls.h does not follow yet */
	__u8 tls_hit;	   /* TLS_PROBE: a tls.sni slot matched the hello's SNI */
	__u8 name[MAX_NAME + 16];
	struct flow_key fk; /* the packet's flow (flowdrop.h) */
	__u8 from_a;	    /* the packet goes from fk.a to fk.b */
	enum pkt_flow pflow; /* what the flow map says of the packet (flow.h) */
	__u32 tcp_seq;
	__u32 tcp_ack;
	__u64 sum[MAX_SUMMARY];
	__u64 mask; /* candidate slots of word `word` not yet visited */
	__u32 word;
	__u32 sj; /* summary word being consumed */
	__u32 ip_end;
	__u32 l4_off;
	__u32 payload_off;
	__u32 payload_len;
	__u32 state;	/* automaton row offset of walk a (scan.h) */
	__u32 state_b;	/* ... of walk b */
	__u32 start_b;	/* where walk b starts */
	__u32 pos;	/* bytes each walk has taken */
	__u32 walk_len; /* bytes each walk takes */
	__u32 candidates; /* slots visited */
	__u32 nmatch;
	__u32 overflow;
	__u32 rules[MAX_EVENTS];
	enum action actions[MAX_EVENTS];
	__u8 family;
	__u8 proto;
	__u8 ttl;
	__u8 l4; /* L4_* */
	__u8 tcp_flags;
	__u8 icmp_type;
	__u8 icmp_code;
	__u8 fragment; /* a fragment: no L4 header, no payload (reassembled in userspace) */
	enum action best;
	__u8 drop_flow; /* a matched drop or reject slot's scope is the flow */
	__u8 copy; /* copy_reason bits */
	__u8 scanned;
	__u8 scanned_name;
	__u16 sport;
	__u16 dport;
	__u16 vlan[3]; /* VLAN ids, outermost first; 0: no tag */
	__u8 saddr[16];
	__u8 daddr[16];
	__u8 buf[MAX_SCAN + MAX_PATTERN];
	__u8 narrow;	/* the walk is narrowed (narrow.h) */
	__u32 nfound;	/* items this packet's scans found; > MAX_FOUND: too many to narrow */
	__u32 found[MAX_FOUND];
	/* Slots the found items allow: MAX_SUMMARY summary words, then
	 * MAX_WORDS words; zero between packets. */
	__u64 allow[MAX_SUMMARY + MAX_WORDS];
};

enum { L4_NONE, L4_TCP, L4_UDP, L4_ICMP };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct scratch);
	__uint(max_entries, 1);
} rc_scratch SEC(".maps");

/* A COPY record under construction; one entry per CPU (too large for a
 * per-CPU map). */
struct copybuf {
	struct event ev;
	__u8 data[SNAP_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct copybuf);
	__uint(max_entries, 1); /* loader: possible CPUs */
} rc_copy SEC(".maps");

static __always_inline void count(__u32 c, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&rc_counters, &c);

	if (v)
		*v += n;
}

#endif
