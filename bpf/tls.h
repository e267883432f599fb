/* TLS ClientHello for tls.sni. A TCP flow is followed (rc_tls_flow) from
 * a client SYN that a tls.sni slot's header selects: its handshake (as
 * runtime/flow counts a flow established), then the client's first
 * payload. When that payload starts the client stream, the flow is
 * established, the server has not spoken and the whole ClientHello is in
 * its first record inside the segment, the classifier parses it (record,
 * handshake header, session id, cipher suites, compression, every
 * extension, one host_name) and keeps the SNI. As Suricata inspects the
 * hello once the server acknowledged it, tls.sni is the client's first
 * packet's after a server packet; the hello's packet only probes the
 * slots, and when one may match, the flow is copied up until then, so
 * that userspace has the handshake for the alert's EVE detail. Otherwise
 * userspace decides, as it would on its own: the followed flow's packets
 * are copied up (COPY_APP) until the hello is decided or, for a hello
 * split over segments, until userspace inspected it, and for the rest of
 * the flow when the classifier cannot tell when that is. */
#ifndef RULEC_TLS_H
#define RULEC_TLS_H

#include "maps.h"
#include "state.h"

#define TLS_REC_HDR 5
#define TLS_HELLO_HDR 9 /* record header and handshake header */
#define TLS_HANDSHAKE 22
#define TLS_CLIENT_HELLO 1
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10

/* Values of scratch.tls: this packet's tls.sni. */
enum {
	TLS_NONE,
	TLS_OK,
	TLS_UNDECIDED,
	TLS_PROBE, /* the hello's SNI, to probe the slots with (no alert) */
};

/* States of a followed flow. */
enum {
	TF_OPEN = 1,  /* no client payload yet: packets copied up */
	TF_DONE,      /* the hello was decided (or is not TLS): nothing more */
	TF_PENDING,   /* the SNI is known, inspected on the client's first packet after a server packet */
	TF_UNDECIDED, /* userspace decides: every packet copied up */
	TF_SPLIT,     /* the hello's record goes past its segment: userspace decides, copied up until it inspects the hello */
};

struct tls_flow {
	__u32 start; /* the client stream's first byte: ISN + 1 */
	__u8 client_a; /* the client is endpoint a of the flow key */
	__u8 state;
	__u8 server_syn;
	__u8 established;
	__u8 server_spoke; /* the server sent payload before the client */
	__u8 hit;	   /* TF_PENDING: a slot may match: packets copied up */
	__u8 answered;	   /* TF_PENDING, TF_SPLIT: a server packet came (after the hello) */
	__u8 complete;	   /* TF_SPLIT: the client stream reached end in order */
	__u32 next;	   /* TF_SPLIT: the client stream's next in-order byte */
	__u32 end;	   /* TF_SPLIT: the stream position past the hello's record */
	__u16 sni_len;
	__u8 sni[MAX_NAME]; /* TF_PENDING: sc->name of the hello */
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct flow_key);
	__type(value, struct tls_flow);
	__uint(max_entries, TLS_FLOWS);
} rc_tls_flow SEC(".maps");

/* A new entry under construction (too large for the stack). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct tls_flow);
	__uint(max_entries, 1);
} rc_tls_new SEC(".maps");

static __always_inline __u32 be16(const __u8 *b)
{
	return (__u32)b[0] << 8 | b[1];
}

struct ext_ctx {
	struct __sk_buff *skb;
	__u32 pos, end; /* skb offsets of the next extension and the list's end */
	__u32 sni_off, sni_len;
	int res; /* 0 going on, 1 done, -1 odd */
};

/* sni_ext checks a server_name extension of len bytes at skb offset pos:
 * a list holding exactly one host_name entry of 1 to MAX_NAME - 1 bytes. */
static __always_inline int sni_ext(struct ext_ctx *x, __u32 pos, __u32 len)
{
	__u8 h[5];

	if (x->sni_len || len < 5 || bpf_skb_load_bytes(x->skb, pos, h, 5))
		return -1;
	__u32 list = be16(h), name = be16(h + 3);
	if (list != len - 2 || h[2] != 0 || name != list - 3 || name == 0 || name >= MAX_NAME)
		return -1;
	x->sni_off = pos + 5;
	x->sni_len = name;
	return 0;
}

static long ext_step(__u32 i, struct ext_ctx *x)
{
	__u8 h[4];

	if (x->pos == x->end) {
		x->res = 1;
		return 1;
	}
	if (x->pos + 4 > x->end || bpf_skb_load_bytes(x->skb, x->pos, h, 4)) {
		x->res = -1;
		return 1;
	}
	__u32 len = be16(h + 2), data = x->pos + 4;
	if (data + len > x->end || (be16(h) == 0 && sni_ext(x, data, len))) {
		x->res = -1;
		return 1;
	}
	x->pos = data + len;
	return 0;
}

static __always_inline int tls_odd(void)
{
	count(C_TLS_ODD, 1);
	return TLS_UNDECIDED;
}

/* hello_sni reads a ClientHello body of size bytes at skb offset off and
 * copies its host_name after a dot into sc->name. */
static __always_inline int hello_sni(struct __sk_buff *skb, struct scratch *sc, __u32 off, __u32 size)
{
	__u32 end = off + size, pos = off + 34;
	__u8 v[2];

	if (pos + 1 > end || bpf_skb_load_bytes(skb, pos, v, 1))
		return tls_odd();
	pos += 1 + v[0];
	if (pos + 2 > end || bpf_skb_load_bytes(skb, pos, v, 2))
		return tls_odd();
	pos += 2 + be16(v);
	if (pos + 1 > end || bpf_skb_load_bytes(skb, pos, v, 1))
		return tls_odd();
	pos += 1 + v[0];
	if (pos == end)
		return TLS_NONE;
	if (pos + 2 > end || bpf_skb_load_bytes(skb, pos, v, 2))
		return tls_odd();
	struct ext_ctx x = {.skb = skb, .pos = pos + 2, .end = pos + 2 + be16(v)};
	if (x.end > end)
		return tls_odd();
	bpf_loop(MAX_EXTS + 1, ext_step, &x, 0);
	if (x.res != 1)
		return tls_odd();
	if (!x.sni_len)
		return TLS_NONE;
	__u32 n = x.sni_len;
	if (n < 1 || n >= MAX_NAME || bpf_skb_load_bytes(skb, x.sni_off, sc->name + 1, n))
		return tls_odd();
	sc->name[0] = '.';
	sc->name_len = n + 1;
	return TLS_OK;
}

static __always_inline void tls_flow_undecided(struct tls_flow *f, __u32 counter)
{
	count(counter, 1);
	f->state = TF_UNDECIDED;
}

/* tls_first decides the client's first payload of a flow in TF_OPEN. */
static __always_inline int tls_first(struct __sk_buff *skb, struct scratch *sc, struct tls_flow *f)
{
	__u32 n = sc->payload_len;
	__u8 h[TLS_HELLO_HDR];

	f->state = TF_DONE;
	if (sc->tcp_seq != f->start) {
		tls_flow_undecided(f, C_TLS_LATE);
		return TLS_UNDECIDED;
	}
	if (sc->sport == DNS_PORT || sc->dport == DNS_PORT)
		return TLS_NONE;
	if (n < 3) {
		tls_flow_undecided(f, C_TLS_RECORDS);
		return TLS_UNDECIDED;
	}
	if (bpf_skb_load_bytes(skb, sc->payload_off, h, 3))
		return tls_odd();
	if (h[0] != TLS_HANDSHAKE || h[1] != 3 || h[2] > 4)
		return TLS_NONE;
	if (f->server_spoke || !f->established || (sc->tcp_flags & (TCP_SYN | TCP_RST))) {
		tls_flow_undecided(f, C_TLS_LATE);
		return TLS_UNDECIDED;
	}
	if (n < TLS_HELLO_HDR || bpf_skb_load_bytes(skb, sc->payload_off, h, TLS_HELLO_HDR)) {
		tls_flow_undecided(f, C_TLS_RECORDS);
		return TLS_UNDECIDED;
	}
	__u32 rec = be16(h + 3);
	__u32 size = (__u32)h[6] << 16 | be16(h + 7);
	if (rec >= 4 && h[5] != TLS_CLIENT_HELLO)
		return TLS_NONE;
	if (rec < 4 || 4 + size > rec) {
		tls_flow_undecided(f, C_TLS_RECORDS);
		return TLS_UNDECIDED;
	}
	if (TLS_REC_HDR + rec > n) {
		count(C_TLS_SPLIT, 1);
		f->state = TF_SPLIT;
		f->next = f->start + n;
		f->end = f->start + TLS_REC_HDR + rec;
		return TLS_UNDECIDED;
	}
	int r = hello_sni(skb, sc, sc->payload_off + TLS_HELLO_HDR, size);
	if (r == TLS_UNDECIDED) {
		f->state = TF_UNDECIDED;
		return r;
	}
	count(C_TLS_HELLOS, 1);
	if (r == TLS_OK) {
		__builtin_memcpy(f->sni, sc->name, MAX_NAME);
		f->sni_len = sc->name_len;
		f->state = TF_PENDING;
		return TLS_PROBE;
	}
	return r;
}

/* tls_split follows a flow whose hello runs past its first segment until
 * userspace inspects it: the client's first packet after a server packet
 * that follows the hello's last byte, delivered in order. A client
 * segment past a hole leaves the whole flow to userspace. */
static __always_inline void tls_split(struct scratch *sc, struct tls_flow *f, int client)
{
	sc->copy |= COPY_APP;
	if (!client) {
		if (f->complete)
			f->answered = 1;
		return;
	}
	sc->tls = TLS_UNDECIDED;
	if (f->answered) {
		f->state = TF_DONE;
		return;
	}
	if (!sc->payload_len || f->complete)
		return;
	__u32 e = sc->tcp_seq + sc->payload_len;
	if ((__s32)(sc->tcp_seq - f->next) > 0) {
		tls_flow_undecided(f, C_TLS_LATE);
		return;
	}
	if ((__s32)(e - f->next) > 0)
		f->next = e;
	if ((__s32)(f->next - f->end) >= 0)
		f->complete = 1;
}

/* tls_track follows the packet's flow if it is followed, setting sc->tls
 * and copying the packet up while userspace may need it; a client SYN of
 * a flow not followed sets sc->tls_syn for tls_follow. */
static __always_inline void tls_track(struct __sk_buff *skb, struct scratch *sc)
{
	__u8 fl = sc->tcp_flags;
	int syn = fl & TCP_SYN, ack = fl & TCP_ACK;

	sc->tls = TLS_NONE;
	sc->tls_syn = 0;
	sc->tls_hit = 0;
	struct tls_flow *f = bpf_map_lookup_elem(&rc_tls_flow, &sc->fk);
	if (!f) {
		sc->tls_syn = syn && !ack;
		return;
	}
	int client = sc->from_a == f->client_a;
	if (!client && syn)
		f->server_syn = 1;
	if (client && syn && !ack && f->state != TF_OPEN)
		tls_flow_undecided(f, C_TLS_LATE);
	if (!f->established && f->server_syn && ack && !syn)
		f->established = 1;
	if (f->state == TF_PENDING) {
		if (!client) {
			f->answered = 1;
		} else if (f->answered) {
			__builtin_memcpy(sc->name, f->sni, MAX_NAME);
			sc->name_len = f->sni_len;
			sc->tls = TLS_OK;
			f->state = TF_DONE;
			return;
		}
		if (f->hit)
			sc->copy |= COPY_APP;
		return;
	}
	if (f->state == TF_SPLIT) {
		tls_split(sc, f, client);
		return;
	}
	if (sc->payload_len && f->state == TF_OPEN) {
		if (client)
			sc->tls = tls_first(skb, sc, f);
		else
			f->server_spoke = 1;
	}
	if (client && f->state == TF_UNDECIDED)
		sc->tls = TLS_UNDECIDED;
	if (f->state == TF_OPEN || f->state == TF_UNDECIDED || sc->tls == TLS_UNDECIDED)
		sc->copy |= COPY_APP;
}

/* tls_probed marks the flow whose hello a slot may match (sc->tls_hit
 * after the slot walk), so that it is copied up until its SNI is
 * inspected. */
static __always_inline void tls_probed(struct scratch *sc)
{
	struct tls_flow *f = bpf_map_lookup_elem(&rc_tls_flow, &sc->fk);

	if (!f || !sc->tls_hit)
		return;
	f->hit = 1;
	sc->copy |= COPY_APP;
}

/* tls_follow starts following the flow of a client SYN a tls.sni slot's
 * header selected. */
static __always_inline void tls_follow(struct scratch *sc)
{
	__u32 zero = 0;
	struct tls_flow *f = bpf_map_lookup_elem(&rc_tls_new, &zero);

	sc->tls_syn = 0;
	if (!f) {
		count(C_ERRORS, 1);
		return;
	}
	__builtin_memset(f, 0, sizeof(*f));
	f->start = sc->tcp_seq + 1;
	f->client_a = sc->from_a;
	f->state = sc->payload_len ? TF_UNDECIDED : TF_OPEN;
	if (bpf_map_update_elem(&rc_tls_flow, &sc->fk, f, BPF_ANY)) {
		count(C_ERRORS, 1);
		return;
	}
	count(C_TLS_FLOWS, 1);
	sc->copy |= COPY_APP;
}

#endif
