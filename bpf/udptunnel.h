/* UDP encapsulations: a UDP datagram that carries a packet Suricata's
 * decoder inspects on its own (Teredo, Geneve, VXLAN on their configured
 * ports, cfg) is copied up for it, as runtime/decode finds it: Teredo
 * from or to one of its ports, then Geneve from or to one of its, then
 * VXLAN to one of its; a decoder that takes the datagram ends the search. */
#ifndef RULEC_UDPTUNNEL_H
#define RULEC_UDPTUNNEL_H

#include "maps.h"
#include "parse.h"
#include "state.h"

#define TEREDO_ORIG_LEN 8
#define IPV6_HDR_LEN 40
#define VXLAN_HDR_LEN 8
#define GENEVE_HDR_LEN 8
#define GENEVE_MAX_OPTS 63 /* 4-byte options fill at most 252 bytes */

static __always_inline int port_listed(const volatile __u16 *ports, __u8 n, __u16 port)
{
	for (__u32 i = 0; i < MAX_TUNNEL_PORTS; i++) {
		if (i < n && ports[i] == port)
			return 1;
	}
	return 0;
}

/* teredo: an IPv6 packet, after an origin indication if any, fills the
 * rest of the datagram, with a non-zero hop limit and not a hop-by-hop
 * header too short to be one. */
static __always_inline int teredo(struct __sk_buff *skb, struct scratch *sc)
{
	__u32 len = sc->payload_len, start = 0;
	__u8 h[8];

	if (len < IPV6_HDR_LEN || bpf_skb_load_bytes(skb, sc->payload_off, h, 2))
		return 0;
	if (h[0] == 0) {
		if (h[1] != 0 || len < TEREDO_ORIG_LEN + IPV6_HDR_LEN)
			return 0;
		start = TEREDO_ORIG_LEN;
	}
	if (bpf_skb_load_bytes(skb, sc->payload_off + start, h, sizeof(h)))
		return 0;
	__u32 plen = ((__u32)h[4] << 8) | h[5];
	if (h[0] >> 4 != 6 || h[7] == 0 || (h[6] == 0 && plen < 8))
		return 0;
	return len - start == IPV6_HDR_LEN + plen;
}

/* geneve: 0 when the header is refused; else 2 for an IPv4, IPv6 or
 * Ethernet payload (an inner packet), 1 for another (taken, no packet).
 * Version 0, reserved bits clear, options filling their length exactly. */
static __always_inline int geneve(struct __sk_buff *skb, struct scratch *sc)
{
	__u32 len = sc->payload_len;
	__u8 h[GENEVE_HDR_LEN];

	if (len < GENEVE_HDR_LEN || bpf_skb_load_bytes(skb, sc->payload_off, h, sizeof(h)))
		return 0;
	if (h[0] >> 6 != 0 || (h[1] & 0x3f) != 0 || h[7] != 0)
		return 0;
	__u32 hlen = GENEVE_HDR_LEN + (h[0] & 0x3f) * 4;
	if (len < hlen)
		return 0;
	__u32 o = GENEVE_HDR_LEN;
	for (__u32 i = 0; i < GENEVE_MAX_OPTS; i++) {
		__u8 opt[4];
		if (o >= hlen)
			break;
		if (o + 4 > hlen || bpf_skb_load_bytes(skb, sc->payload_off + o, opt, sizeof(opt)))
			return 0;
		o += 4 + (opt[3] & 0x1f) * 4;
		if (o > hlen)
			return 0;
	}
	__u16 et = ((__u16)h[2] << 8) | h[3];
	return et == ETH_P_IP || et == ETH_P_IPV6 || et == ETH_P_TEB ? 2 : 1;
}

/* vxlan: the I flag and a clear last reserved byte (Suricata 8), then an
 * Ethernet frame of IPv4, IPv6 or a VLAN tag. */
static __always_inline int vxlan(struct __sk_buff *skb, struct scratch *sc)
{
	__u8 h[VXLAN_HDR_LEN + ETH_HLEN];

	if (sc->payload_len < sizeof(h) || bpf_skb_load_bytes(skb, sc->payload_off, h, sizeof(h)))
		return 0;
	if ((h[0] & 0x08) == 0 || h[7] != 0)
		return 0;
	__u16 et = ((__u16)h[VXLAN_HDR_LEN + 12] << 8) | h[VXLAN_HDR_LEN + 13];
	return et == ETH_P_IP || et == ETH_P_IPV6 || et == ETH_P_8021Q || et == ETH_P_8021AD || et == ETH_P_QINQ1;
}

/* udp_tunnel reports whether a whole UDP datagram carries a packet the
 * decoder inspects on its own. */
static __always_inline int udp_tunnel(struct __sk_buff *skb, struct scratch *sc)
{
	if ((cfg.teredo_any || port_listed(cfg.teredo_ports, cfg.nteredo, sc->sport) ||
	     port_listed(cfg.teredo_ports, cfg.nteredo, sc->dport)) &&
	    teredo(skb, sc))
		return 1;
	if (port_listed(cfg.geneve_ports, cfg.ngeneve, sc->sport) ||
	    port_listed(cfg.geneve_ports, cfg.ngeneve, sc->dport)) {
		int g = geneve(skb, sc);
		if (g)
			return g == 2;
	}
	return port_listed(cfg.vxlan_ports, cfg.nvxlan, sc->dport) && vxlan(skb, sc);
}

#endif
