// Package decode is the userspace tier's one packet decoder: a frame is
// decoded once, and the flow tracker (runtime/flow), defragmentation
// (runtime/defrag), the engine's kernel-alert tuple and the flow id
// (runtime/flowid) all read the same Packet.
//
// It reads Ethernet with up to three VLAN tags (802.1Q 0x8100, 802.1ad
// 0x88a8, QinQ 0x9100), IPv4, IPv6 with its whole extension header chain
// (hop-by-hop, routing, fragment, destination options, AH, mobility, HIP,
// shim6), TCP, UDP, ICMP and ICMPv6, as
// Suricata's decoder does, and raises Suricata's decoder events by name
// (vlan.too_many_layers, ipv4.trunc_pkt, ipv6.exthdr_dupl_fh, ...). A
// fragment is decoded to its network header: its transport header is read
// after reassembly. A tunnel's inner packet (IP-in-IP, IPv6
// encapsulation, GRE with IPv4, IPv6, VLAN, Ethernet or ERSPAN inside) is
// found, not decoded: InnerFrame gives it as a frame of its own, which the
// engine decodes and inspects as Suricata inspects its pseudo packet.
package decode
