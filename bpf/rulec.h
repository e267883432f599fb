/* Layouts shared by the classifier and its loader (runtime/kernel). Every
 * struct here is exported to Go by bpf2go; the #defines are mirrored in
 * limits.go and checked by limits_test.go. */
#ifndef RULEC_H
#define RULEC_H

#include <linux/types.h>

#define MAX_SUMMARY 32	/* summary words of a bitset */
#define MAX_WORDS 2048	/* bitset words: 64 * MAX_SUMMARY */
#define MAX_SCAN 4096	/* payload bytes the automaton walks */
#define MAX_PATTERN 128 /* bytes of one kernel pattern */
#define MAX_NAME 256	/* DNS question name bytes (wire form, terminator included) */
#define MAX_OPTS 8	/* EDNS options of an OPT record the parser checks */
#define FLOW_DROPS 65536 /* flows a drop verdict marks (LRU) */
#define FLOW_MAX 65536	/* flows the flow map tracks (LRU) */
#define TLS_FLOWS 65536	 /* TCP flows whose ClientHello the classifier follows (LRU) */
#define MAX_EXTS 64	 /* ClientHello extensions the parser walks */
#define MAX_TUNNEL_PORTS 4 /* ports of each UDP encapsulation (Suricata's TEREDO_MAX_PORTS, ...) */
#define MAX_EVENTS 16	/* alert events per packet */
#define MAX_FOUND 256	/* items found per packet that narrow the slot walk (narrow.h) */
#define SNAP_LEN 65535	/* packet bytes a COPY event carries */
#define ACCEPT_BIT 0x80000000u
#define ITEM_NEGATED 0x80000000u
#define NO_RULE 0xffffffffu

/* Values of kernel.Action. */
enum __attribute__((packed)) action {
	ACT_NONE = 0,
	ACT_ALERT = 1,
	ACT_REJECT = 2,
	ACT_DROP = 3,
	ACT_PASS = 4,
};

/* Values of kernel.CmpOp. */
enum __attribute__((packed)) cmp_op {
	CMP_NONE = 0,
	CMP_EQ,
	CMP_NE,
	CMP_LT,
	CMP_GT,
	CMP_LE,
	CMP_GE,
	CMP_RANGE,
};

/* Values of kernel.FlagsMod. */
enum __attribute__((packed)) flags_mod {
	FLAGS_NONE = 0,
	FLAGS_EXACT,
	FLAGS_PLUS,
	FLAGS_ANY,
	FLAGS_NOT,
};

enum __attribute__((packed)) kind {
	EV_ALERT = 1, /* a kernel slot matched */
	EV_BLOCK = 2, /* an address is on a block list */
	EV_COPY = 3,  /* the packet goes to the userspace tier */
};

/* Why a packet was copied (event.flags of EV_COPY). */
enum __attribute__((packed)) copy_reason {
	COPY_USERSPACE = 1,	/* a userspace slot matched the header (and its prefilter item, if decided) */
	COPY_SCAN_TRUNCATED = 2, /* a content slot saw payload > max_scan */
	COPY_FRAGMENT = 4,	 /* an IP fragment, for reassembly */
	COPY_DECODE = 8,	 /* past the parser's bounds (VLAN tags, IPv6 extension headers) or malformed past the addresses */
	COPY_APP = 16,		 /* an app-layer kernel rule the classifier cannot decide (the DNS and TLS counters say why), or a followed TLS flow before its ClientHello is decided */
	COPY_DETAIL = 32,	 /* an app-layer kernel rule alerted: userspace adds the EVE detail */
	COPY_TUNNEL = 64,	 /* IP-in-IP, IPv6-in-IP or GRE: userspace decapsulates and inspects the inner packet */
};

/* What the flow map says of a packet (scratch.pflow, event.flow). */
enum __attribute__((packed)) pkt_flow {
	PF_TRACKED = 1,	    /* the packet has flow state */
	PF_TOSERVER = 2,    /* from the flow's client */
	PF_TOCLIENT = 4,    /* from the flow's server */
	PF_ESTABLISHED = 8, /* Suricata's FLOW_PKT_ESTABLISHED */
	PF_BYPASSED = 16,   /* userspace bypassed the packet's direction: no copy for userspace rules */
};

/* Values of kernel.DropScope: what a drop or reject of the slot's rule
 * applies to, as Suricata scopes a signature's action by its type. */
enum __attribute__((packed)) drop_scope {
	DS_PACKET = 0, /* the packet alone: packet rules */
	DS_FLOW = 1,   /* the flow: IP-only and app-layer rules */
};

/* A slot's flow predicate (slot.flow): Suricata's flow keyword. */
enum __attribute__((packed)) flow_req {
	FR_TOSERVER = 1,
	FR_TOCLIENT = 2,
	FR_ESTABLISHED = 4,
	FR_NOT_ESTABLISHED = 8,
	FR_STATELESS = 16,
};

/* TCP session state of a flow (flow_state.tcp), as far as the flow
 * keyword needs it. */
enum __attribute__((packed)) flow_tcp {
	TS_NONE = 0,	 /* no session: picked up without a SYN (midstream off) */
	TS_SYN_SENT,
	TS_SYN_RECV,
	TS_ESTABLISHED,
	TS_CLOSED,	 /* reset, or FIN both ways: a new SYN starts a new flow */
};

/* Values of kernel.Buffer: what a slot's items inspect. */
enum __attribute__((packed)) buffer {
	BUF_PAYLOAD = 0,
	BUF_DNS_QUERY = 1,	/* dns.query: the question name, dotted */
	BUF_DNS_QUERY_DOT = 2,	/* dns.query with dotprefix */
	BUF_TLS_SNI = 3,	/* tls.sni: the ClientHello's host_name */
	BUF_TLS_SNI_DOT = 4,	/* tls.sni with dotprefix */
};

/* Keys of rc_narrow: the slot sets of codegen/kernel.Narrowing. */
enum narrow_set {
	NS_WALK,	 /* visited whatever the scans find: userspace slots without a prefilter item, kernel slots without a positive item */
	NS_PAYLOAD,	 /* slots with payload items */
	NS_NAME,	 /* slots with dns.query or tls.sni items */
	NS_DNS,		 /* slots on dns.query */
	NS_SNI,		 /* kernel slots on tls.sni */
	NS_USER_PAYLOAD, /* userspace slots with a payload prefilter item: visited for packets other than UDP */
	NS_USER_DNS,	 /* userspace slots with a dns.query prefilter item: visited unless the DNS query was decided */
	NS_MAX,
};

/* Keys of rc_counters. */
enum counter {
	C_PACKETS,
	C_BYTES,
	C_NON_IP,
	C_PARSE_ERROR, /* invalid for Suricata's decoders: copied up for the decoder events */
	C_FRAGMENTS, /* IP fragments, copied up for reassembly */
	C_ALLOWED,
	C_BLOCKED,
	C_NO_CANDIDATES,
	C_CANDIDATES,
	C_MATCHED,
	C_PASS,
	C_DROP,
	C_REJECT,
	C_ALERT,
	C_EVENTS,
	C_EVENTS_TRUNCATED,
	C_COPIES,
	C_RINGBUF_FULL,
	C_SCANS,
	C_SCAN_BYTES,
	C_SCAN_TRUNCATED,
	C_ERRORS, /* failures that valid tables never cause */
	C_VLAN_TOO_MANY, /* more than MAX_VLANS tags (vlan.too_many_layers): copied up */
	C_EXT_TOO_MANY,	 /* more than MAX_EXT_HDRS IPv6 extension headers: copied up */
	C_DNS_QUERIES,	  /* DNS queries the classifier decided */
	C_DNS_TCP,	  /* DNS over TCP (port 53): copied up */
	C_DNS_OTHER_PORT, /* a UDP query-shaped datagram off port 53: copied up */
	C_DNS_COMPRESSED, /* a compression pointer in the question: copied up */
	C_DNS_QUESTIONS,  /* more than one question: copied up */
	C_DNS_RECORDS,	  /* records other than one EDNS OPT: copied up */
	C_DNS_MALFORMED,  /* a message the userspace decoder refuses: copied up */
	C_FLOW_DROPPED,	  /* packets of a flow a drop or reject verdict marked: dropped, no alert */
	C_FLOW_DROPS,	  /* flows marked by a drop or reject verdict */
	C_FLOWS,	  /* flows the flow map took (new and reused tuples) */
	C_FLOW_REUSED,	  /* TCP flows restarted by a SYN on a closed or handshake-less session */
	C_FLOW_MIDSTREAM, /* TCP flows first seen without a SYN: handshake missed or entry evicted */
	C_FLOW_MAP_FULL,  /* flow map updates that failed: the packet has no flow state */
	C_BYPASSED,	  /* packets of bypassed flow directions not copied for userspace rules */
	C_BYPASSED_BYTES, /* their bytes */
	C_TLS_FLOWS,	  /* TCP flows followed for tls.sni (their SYN was a tls.sni candidate) */
	C_TLS_HELLOS,	  /* ClientHellos whose tls.sni the classifier decided */
	C_TLS_SPLIT,	  /* a ClientHello record past its first segment: copied up until complete */
	C_TLS_RECORDS,	  /* a ClientHello over several records, or a partial first record header: flow copied up */
	C_TLS_LATE,	  /* first client payload not at the stream start, server spoke first, not established, or a SYN on a decided flow: copied up */
	C_TLS_ODD,	  /* a ClientHello the parser does not follow (malformed, duplicate or odd SNI, too many extensions): copied up */
	C_MAX,
};

/* Ring buffer record; an EV_COPY record is followed by cap_len bytes of
 * the packet from its Ethernet header on. Addresses are in network order
 * (IPv4 in the first 4 bytes), ports in host order; family 0 when the
 * addresses are unknown. vlan and the ICMP type and code complete the
 * flow key. */
struct event {
	__u64 ts_ns;
	__u32 rule;	/* object rule index; NO_RULE for EV_COPY */
	__u32 pkt_len;
	__u32 cap_len;
	enum kind kind;
	enum action action; /* the slot's action (EV_ALERT) */
	__u8 verdict;	    /* TC_ACT_OK or TC_ACT_SHOT for this packet */
	enum copy_reason reason; /* bits (EV_COPY) */
	__u8 family;	    /* 4 or 6 */
	__u8 proto;
	__u16 sport;
	__u16 dport;
	__u16 gen; /* rule set generation (config.gen) */
	__u16 vlan[3];
	__u8 icmp_type;
	__u8 icmp_code;
	__u8 saddr[16];
	__u8 daddr[16];
	__u64 flow_id; /* runtime/flowid.Of the flow key, computed in flowid.h */
	enum pkt_flow flow; /* PF_* bits of the packet */
	__u8 pad2[7];
};

/* Read-only configuration the loader sets before loading: the verifier
 * sees these as constants and bounds every variable-size map access. */
struct config {
	__u32 nwords;	/* bitset words; value size is 8*(nsummary+nwords) */
	__u32 nsummary; /* summary words */
	__u32 nclasses; /* byte classes: u32 transitions per rc_dfa row */
	__u32 max_scan; /* at most MAX_SCAN */
	__u32 last_row; /* byte offset of the last rc_dfa row */
	__u32 depth;	/* longest pattern, at least 1 */
	__u32 gen;	/* rule set generation, copied into every event */
	__u32 tls;	/* the rule set has tls.sni slots: follow TCP flows (tls.h) */
	__u32 nitem_slots; /* entries of rc_item_slots */
	__u32 midstream;   /* Suricata's stream.midstream: TCP sessions are picked up without a SYN */
	/* The UDP encapsulations' ports (Suricata's decoder.teredo, vxlan
	 * and geneve; udptunnel.h): the first n of each list. */
	__u16 teredo_ports[MAX_TUNNEL_PORTS];
	__u16 vxlan_ports[MAX_TUNNEL_PORTS];
	__u16 geneve_ports[MAX_TUNNEL_PORTS];
	__u8 nteredo;
	__u8 nvxlan;
	__u8 ngeneve;
	__u8 teredo_any; /* Teredo on every port */
};

struct lpm_v4 {
	__u32 prefixlen;
	__u8 addr[4];
};

struct lpm_v6 {
	__u32 prefixlen;
	__u8 addr[16];
};

/* Key of the port block list: a transport protocol and a destination
 * port in host order. */
struct port_key {
	__u8 proto;
	__u8 pad;
	__u16 port;
};

/* Value of the allow and block lists. */
struct list_entry {
	__u64 expires_ns; /* 0: never; else bpf_ktime_get_ns() deadline */
	__u32 rule;
	__u32 flags; /* userspace bookkeeping; the classifier ignores it */
};

/* A TCP, UDP, ICMP or ICMPv6 flow, the same for both directions: the
 * endpoints in order (address bytes, then port; ICMP: the type and the
 * type it pairs with, as flowid.h) and the VLAN ids. */
struct flow_key {
	__u8 a[16];
	__u8 b[16];
	__u16 ap;
	__u16 bp;
	__u16 vlan[3];
	__u8 proto;
	__u8 pad;
};

/* Value of the flow map: one flow, both directions. */
struct flow_state {
	__u32 client_isn;  /* TCP: the SYN's sequence number */
	__u32 client_next; /* TCP: seq of the ACK completing the handshake */
	__u32 server_next; /* TCP: its ack (the SYN/ACK's seq + 1) */
	__u8 client_a;	   /* the key's endpoint a is the client */
	__u8 seen;	   /* 1: a packet to the server, 2: to the client */
	enum flow_tcp tcp;
	__u8 fin;    /* TCP: FIN seen, 1: from the client, 2: from the server */
	__u8 bypass; /* set by userspace, 1: the client's direction, 2: the server's: not copied for userspace rules */
	__u8 pad;
	/* By direction (0: the client's): a bypassed direction still copies
	 * packets of keep_min..keep_max payload bytes (userspace packet rules
	 * with dsize may match them); keep_min > keep_max keeps none. */
	__u16 keep_min[2];
	__u16 keep_max[2];
	__u8 pad2[2];
};

/* kernel.Cmp. */
struct cmp {
	__u32 a;
	__u32 b;
	enum cmp_op op;
	__u8 pad[3];
};

/* kernel.Slot. */
struct slot {
	__u32 rule;
	__u32 item_start;
	__u32 item_count;
	enum action action;
	__u8 userspace;
	__u8 noalert;
	enum flags_mod flags_mod;
	__u8 flags_set;
	__u8 flags_ignore;
	enum buffer buffer;
	enum flow_req flow; /* FR_* bits: the rule's flow keyword */
	enum drop_scope drop_scope;
	struct cmp dsize;
	struct cmp blen; /* length of the buffer (bsize, absolute isdataat) */
	struct cmp ttl;
	struct cmp itype;
	struct cmp icode;
};

/* kernel.Item without its pattern (rc_patterns holds it). */
struct item {
	__u32 len;
	__u32 offset;
	__u32 depth;
	__u8 nocase;
	__u8 startswith;
	__u8 endswith;
	enum buffer buffer;
	__u32 rest_ge; /* at least this many bytes after the match (0: any) */
	__u32 rest_lt; /* fewer than this many bytes after the match (0: any) */
};

#endif
