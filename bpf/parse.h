/* Bounded packet parsing into struct scratch. Every header is read with
 * bpf_skb_load_bytes, so non-linear skbs parse like linear ones. */
#ifndef RULEC_PARSE_H
#define RULEC_PARSE_H

#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#include "state.h"

/* Suricata's VLAN_MAX_LAYERS: a fourth tag is its vlan.too_many_layers. */
#define MAX_VLANS 3
/* IPv6 extension headers followed: more than any legal chain (RFC 8200
 * 4.1: hop-by-hop, destination options, routing, fragment, AH,
 * destination options, then mobility). */
#define MAX_EXT_HDRS 8
#define ICMP_HDR_LEN 8
#define ESP_HDR_LEN 8
#define SCTP_HDR_LEN 12
#define IPPROTO_MH 135
#define IPPROTO_HIP 139
#define IPPROTO_SHIM6 140
#define PPPOE_HDR_LEN 7 /* with a one-byte PPP protocol field */
#define PPP_IP 0x21
#define PPP_VJ_UCOMP 0x2f
#define PPP_IPV6 0x57

/* is_tunnel: the protocols whose payload is a packet Suricata decodes as
 * its own (IP-in-IP, IPv6 encapsulation, GRE); the outer packet is
 * inspected without payload. */
static __always_inline int is_tunnel(__u8 proto)
{
	return proto == IPPROTO_IPIP || proto == IPPROTO_IPV6 || proto == IPPROTO_GRE;
}

/* The parser follows Suricata's decoders: a packet they refuse is not
 * matched here but goes to userspace, whose decoder raises its events for
 * the decoder-event rules.
 * PARSE_INVALID: a VLAN tag or IP header that does not decode, before the
 * addresses are known. PARSE_NO_L4: the addresses are known (the lists
 * apply) but the IP packet is invalid (a length past the frame, bad
 * options, ...). PARSE_L4_BAD: a valid IP packet whose transport header
 * Suricata does not decode (ICMPv6 in IPv4, ICMPv4 after IPv6 extension
 * headers); parse_l4 is not run and it is matched as IP only.
 * PARSE_VLAN_DEEP: more than MAX_VLANS tags; PARSE_EXT_DEEP: more than
 * MAX_EXT_HDRS extension headers (addresses known). Both go to userspace,
 * whose decoder has no such bound. */
enum parse_result {
	PARSE_OK,
	PARSE_NON_IP,
	PARSE_ERROR,
	PARSE_NO_L4,
	PARSE_VLAN_DEEP,
	PARSE_EXT_DEEP,
	PARSE_INVALID,
	PARSE_L4_BAD,
};

struct vlan_tag {
	__be16 tci;
	__be16 proto;
};

struct ext_hdr {
	__u8 next;
	__u8 len;
	__be16 frag_off; /* fragment header only */
};

#define IPV4_OPT_MAX 40

struct opt_walk {
	__u8 o[64];
	__u32 n; /* option bytes */
	__u32 p; /* next option */
	__u32 bad;
};

static long ipv4_opt_step(__u32 i, void *ctx)
{
	struct opt_walk *w = ctx;
	__u32 p = w->p;

	if (p >= w->n)
		return 1;
	__u8 t = w->o[p & 63];
	if (t == 0)
		return 1;
	if (t == 1) {
		w->p = p + 1;
		return 0;
	}
	if (w->n - p < 2)
		return 1;
	__u8 len = w->o[(p + 1) & 63];
	if (len < 2 || len > w->n - p) {
		w->bad = 1;
		return 1;
	}
	w->p = p + len;
	return 0;
}

/* rc_ipv4_opts_ok walks the options of an IPv4 header of hlen bytes at
 * off as Suricata's DecodeIPV4Options: an option whose length is below 2
 * or runs past the options makes the packet invalid (ipv4.opt_invalid_len).
 * What it only raises events for (padding, a missing end of list,
 * unknown, duplicate or malformed options) leaves the packet valid. A
 * global function, verified once. */
__noinline int rc_ipv4_opts_ok(struct __sk_buff *skb, __u32 off, __u32 hlen)
{
	struct opt_walk w = {};

	if (!skb)
		return 0;
	w.n = (hlen - sizeof(struct iphdr)) & 63;
	if (w.n == 0)
		return 1;
	if (w.n > IPV4_OPT_MAX || bpf_skb_load_bytes(skb, off + sizeof(struct iphdr), w.o, w.n))
		return 0;
	bpf_loop(IPV4_OPT_MAX, ipv4_opt_step, &w, 0);
	return !w.bad;
}

static __always_inline int parse_ipv4(struct __sk_buff *skb, struct scratch *sc, __u32 off)
{
	struct iphdr ip;

	if (bpf_skb_load_bytes(skb, off, &ip, sizeof(ip)) || ip.version != 4)
		return PARSE_INVALID;
	sc->family = 4;
	sc->proto = ip.protocol;
	sc->ttl = ip.ttl;
	/* Any fragment, first or later: its transport header is read only
	 * after reassembly (in userspace), as Suricata does. */
	sc->fragment = (bpf_ntohs(ip.frag_off) & 0x3fff) != 0;
	__builtin_memset(sc->saddr, 0, 16);
	__builtin_memset(sc->daddr, 0, 16);
	__builtin_memcpy(sc->saddr, &ip.saddr, 4);
	__builtin_memcpy(sc->daddr, &ip.daddr, 4);
	__u32 hlen = ip.ihl * 4;
	__u32 tot = bpf_ntohs(ip.tot_len);
	if (hlen < sizeof(ip) || tot < hlen || off + tot > skb->len || (hlen > sizeof(ip) && !rc_ipv4_opts_ok(skb, off, hlen)))
		return PARSE_NO_L4;
	sc->l4_off = off + hlen;
	sc->ip_end = off + tot;
	/* Suricata does not decode ICMPv6 in IPv4 (ipv4.icmpv6). */
	return sc->proto == IPPROTO_ICMPV6 && !sc->fragment ? PARSE_L4_BAD : PARSE_OK;
}

static __always_inline int is_ext_hdr(__u8 nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING || nh == IPPROTO_DSTOPTS ||
	       nh == IPPROTO_FRAGMENT || nh == IPPROTO_AH || nh == IPPROTO_MH || nh == IPPROTO_HIP ||
	       nh == IPPROTO_SHIM6;
}

static __always_inline int parse_ipv6(struct __sk_buff *skb, struct scratch *sc, __u32 off)
{
	struct ipv6hdr ip;
	struct ext_hdr ext;

	if (bpf_skb_load_bytes(skb, off, &ip, sizeof(ip)) || ip.version != 6)
		return PARSE_INVALID;
	sc->family = 6;
	sc->ttl = ip.hop_limit;
	sc->fragment = 0;
	__builtin_memcpy(sc->saddr, &ip.saddr, 16);
	__builtin_memcpy(sc->daddr, &ip.daddr, 16);

	__u32 end = off + sizeof(ip) + bpf_ntohs(ip.payload_len);
	if (end > skb->len)
		return PARSE_NO_L4;
	__u8 nh = ip.nexthdr;
	__u8 prev = nh;
	__u32 l4 = off + sizeof(ip);
	for (int i = 0; i < MAX_EXT_HDRS; i++) {
		if (!is_ext_hdr(nh))
			break;
		prev = nh;
		if (l4 + 8 > end || bpf_skb_load_bytes(skb, l4, &ext, sizeof(ext)))
			return PARSE_NO_L4;
		if (nh == IPPROTO_FRAGMENT) {
			nh = ext.next;
			l4 += 8;
			/* An atomic fragment (offset 0, no more) is a whole packet. */
			if (bpf_ntohs(ext.frag_off) & 0xfff9) {
				sc->fragment = 1;
				break;
			}
			continue;
		}
		if (nh == IPPROTO_AH)
			l4 += (ext.len + 2) * 4;
		else
			l4 += (ext.len + 1) * 8;
		nh = ext.next;
	}
	if (l4 > end)
		return PARSE_NO_L4;
	if (!sc->fragment && is_ext_hdr(nh)) {
		sc->proto = nh;
		return PARSE_EXT_DEEP;
	}
	sc->proto = nh;
	sc->l4_off = l4;
	sc->ip_end = end;
	if (sc->fragment)
		return PARSE_OK;
	/* Suricata: no next header right after the IPv6 header leaves the
	 * packet without a protocol, and data after it makes it invalid
	 * (ipv6.data_after_none_header). ICMPv4 is not decoded in IPv6
	 * (ipv6.icmpv4): without extension headers the packet has no protocol
	 * (decoder-event rules only), after them the last one's. */
	if (nh == IPPROTO_NONE && prev == IPPROTO_NONE && l4 < end)
		return PARSE_NO_L4;
	if (nh == IPPROTO_ICMP) {
		if (prev == IPPROTO_ICMP || prev == IPPROTO_HOPOPTS)
			return PARSE_NO_L4;
		sc->proto = prev;
		return PARSE_L4_BAD;
	}
	return PARSE_OK;
}

/* is_vlan: 802.1Q, 802.1ad and the pre-standard QinQ 0x9100, as Suricata. */
static __always_inline int is_vlan(__be16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD) ||
	       proto == bpf_htons(0x9100);
}

/* pppoe_ip finds the IPv4 or IPv6 packet of a PPPoE session frame, as
 * Suricata's DecodePPPOESession: a one-byte PPP protocol field when its
 * first byte is odd, else two bytes; IP (0x21), VJ uncompressed IPv4
 * (0x2f) and IPv6 (0x57). It sets *proto to the packet's EtherType and
 * *off past the PPP header, or returns non-zero for anything else. */
static __always_inline int pppoe_ip(struct __sk_buff *skb, __be16 *proto, __u32 *off)
{
	__u8 h[PPPOE_HDR_LEN + 2];

	if (bpf_skb_load_bytes(skb, *off, h, sizeof(h)) || !(h[4] | h[5]))
		return 1;
	__u32 pp = h[6];
	__u32 hlen = PPPOE_HDR_LEN;
	if (!(h[6] & 1)) {
		pp = (__u32)h[6] << 8 | h[7];
		hlen++;
	}
	__u8 first = hlen == PPPOE_HDR_LEN ? h[PPPOE_HDR_LEN] : h[PPPOE_HDR_LEN + 1];
	if (pp == PPP_VJ_UCOMP && (first >> 4) != 4)
		return 1;
	if (pp == PPP_IP || pp == PPP_VJ_UCOMP)
		*proto = bpf_htons(ETH_P_IP);
	else if (pp == PPP_IPV6)
		*proto = bpf_htons(ETH_P_IPV6);
	else
		return 1;
	*off += hlen;
	return 0;
}

/* parse_l3 reads the link and network headers: addresses, protocol, TTL. */
static __always_inline int parse_l3(struct __sk_buff *skb, struct scratch *sc)
{
	struct ethhdr eth;
	struct vlan_tag tag;

	sc->l4 = L4_NONE;
	sc->family = 0;
	sc->proto = 0;
	sc->vlan[0] = 0;
	sc->vlan[1] = 0;
	sc->vlan[2] = 0;
	sc->sport = 0;
	sc->dport = 0;
	sc->tcp_flags = 0;
	sc->tcp_seq = 0;
	sc->icmp_type = 0;
	sc->icmp_code = 0;
	__builtin_memset(sc->saddr, 0, 16);
	__builtin_memset(sc->daddr, 0, 16);
	if (bpf_skb_load_bytes(skb, 0, &eth, sizeof(eth)))
		return PARSE_ERROR;
	__be16 proto = eth.h_proto;
	__u32 off = sizeof(eth);
	for (int i = 0; i < MAX_VLANS; i++) {
		if (!is_vlan(proto))
			break;
		if (bpf_skb_load_bytes(skb, off, &tag, sizeof(tag)))
			return PARSE_INVALID;
		sc->vlan[i] = bpf_ntohs(tag.tci) & 0x0fff;
		proto = tag.proto;
		off += sizeof(tag);
	}
	if (is_vlan(proto))
		return PARSE_VLAN_DEEP;
	/* a PPPoE session frame without an IP packet: userspace's decoder
	 * raises its events (ppp.*, pppoe.*) */
	if (proto == bpf_htons(ETH_P_PPP_SES) && pppoe_ip(skb, &proto, &off))
		return PARSE_INVALID;
	if (proto == bpf_htons(ETH_P_IP))
		return parse_ipv4(skb, sc, off);
	if (proto == bpf_htons(ETH_P_IPV6))
		return parse_ipv6(skb, sc, off);
	return PARSE_NON_IP;
}

/* l4_invalid leaves a whole IP packet whose transport header is malformed
 * (truncated, or a TCP header length out of bounds) as an IP packet
 * without ports, flags, ICMP type or payload: Suricata inspects it with
 * its IP-level rules, outside any flow. */
static __always_inline void l4_invalid(struct scratch *sc)
{
	sc->l4 = L4_NONE;
	sc->sport = 0;
	sc->dport = 0;
	sc->tcp_flags = 0;
	sc->tcp_seq = 0;
	sc->tcp_ack = 0;
	sc->icmp_type = 0;
	sc->icmp_code = 0;
	sc->payload_off = sc->ip_end;
	sc->payload_len = 0;
}

/* icmp4_hlen: the header length Suricata's DecodeICMPV4 gives an ICMPv4
 * message of len bytes whose first 6 bytes are h: timestamps follow the
 * header of a timestamp request or reply (13, 14), the addresses that of
 * a router advertisement (9), when the message holds them. */
static __always_inline __u32 icmp4_hlen(const __u8 *h, __u32 len)
{
	__u32 extra = 0;

	if (h[0] == 13 || h[0] == 14)
		extra = 12;
	else if (h[0] == 9)
		extra = (__u32)h[4] * h[5] * 4;
	return len >= ICMP_HDR_LEN + extra ? ICMP_HDR_LEN + extra : ICMP_HDR_LEN;
}

/* icmp6_full: an ICMPv6 message Suricata's DecodeICMPV6 gives a full
 * 8-byte header (errors and echo with a known code); the others' payload
 * starts at byte 4. */
static __always_inline int icmp6_full(__u8 type, __u8 code)
{
	switch (type) {
	case 1:
		return code <= 6;
	case 2:
	case 128:
	case 129:
		return code == 0;
	case 3:
		return code <= 1;
	case 4:
		return code <= 2;
	}
	return 0;
}

/* parse_l4 reads ports, TCP flags and ICMP type/code and locates the
 * payload, as Suricata's decoders: ESP's after its 8-byte header, SCTP's
 * after its 12-byte header (ports not read: 0), none for the protocols
 * Suricata does not decode (tunnels' inner packets are their own).
 * Fragments have port 0 and no payload. */
static __always_inline int parse_l4(struct __sk_buff *skb, struct scratch *sc)
{
	__u32 off = sc->l4_off;
	__u32 end = sc->ip_end;
	__u32 hlen = 0;

	if (sc->fragment) {
		sc->payload_off = end;
		sc->payload_len = 0;
		return PARSE_OK;
	}
	if (sc->proto == IPPROTO_TCP) {
		struct tcphdr th;
		if (off + sizeof(th) > end || bpf_skb_load_bytes(skb, off, &th, sizeof(th)))
			return PARSE_ERROR;
		hlen = th.doff * 4;
		if (hlen < sizeof(th))
			return PARSE_ERROR;
		sc->l4 = L4_TCP;
		sc->sport = bpf_ntohs(th.source);
		sc->dport = bpf_ntohs(th.dest);
		sc->tcp_flags = ((__u8 *)&th)[13];
		sc->tcp_seq = bpf_ntohl(th.seq);
		sc->tcp_ack = bpf_ntohl(th.ack_seq);
	} else if (sc->proto == IPPROTO_UDP) {
		struct udphdr uh;
		if (off + sizeof(uh) > end || bpf_skb_load_bytes(skb, off, &uh, sizeof(uh)))
			return PARSE_ERROR;
		/* The UDP length bounds the payload; one past the IP packet
		 * or below the header makes it invalid (Suricata's decoder). */
		__u32 ulen = bpf_ntohs(uh.len);
		if (ulen < sizeof(uh) || ulen > end - off)
			return PARSE_ERROR;
		end = off + ulen;
		hlen = sizeof(uh);
		sc->l4 = L4_UDP;
		sc->sport = bpf_ntohs(uh.source);
		sc->dport = bpf_ntohs(uh.dest);
	} else if (sc->proto == IPPROTO_ICMP || sc->proto == IPPROTO_ICMPV6) {
		__u8 h[6];
		if (off + ICMP_HDR_LEN > end || bpf_skb_load_bytes(skb, off, h, sizeof(h)))
			return PARSE_ERROR;
		sc->l4 = L4_ICMP;
		sc->icmp_type = h[0];
		sc->icmp_code = h[1];
		if (sc->proto == IPPROTO_ICMP) {
			hlen = icmp4_hlen(h, end - off);
		} else if (!icmp6_full(h[0], h[1])) {
			/* Suricata's payload of an ICMPv6 message without a
			 * full header: from byte 4, 12 bytes short of the end. */
			sc->payload_off = off + 4;
			sc->payload_len = end - off >= 12 ? end - off - 12 : 0;
			return PARSE_OK;
		} else {
			hlen = ICMP_HDR_LEN;
		}
	} else if (sc->proto == IPPROTO_ESP) {
		hlen = ESP_HDR_LEN;
	} else if (sc->proto == IPPROTO_SCTP) {
		hlen = SCTP_HDR_LEN;
	} else {
		/* Suricata decodes no other protocol: no payload */
		off = end;
	}
	if (off + hlen > end)
		return PARSE_ERROR;
	if (is_tunnel(sc->proto)) {
		sc->payload_off = end;
		sc->payload_len = 0;
		return PARSE_OK;
	}
	sc->payload_off = off + hlen;
	sc->payload_len = end - (off + hlen);
	return PARSE_OK;
}

#endif
