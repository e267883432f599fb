package pktgen

import (
	"cmp"
	"net"
	"net/netip"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Spec describes one packet.
type Spec struct {
	Src, Dst     netip.Addr
	Proto        uint8 // 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, other: raw IP payload
	Sport, Dport uint16
	TTL          uint8 // 0 means 64
	TCPFlags     uint8 // FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 URG 0x20 ECE 0x40 CWR 0x80
	Seq, Ack     uint32
	Urgent       uint16 // TCP urgent pointer
	Window       uint16 // TCP window; 0 means 65535
	IType, ICode uint8
	VLANs        []uint16
	// TCPOptions are the TCP header's options, each its kind and data
	// (the length byte is added); the header is padded to 32 bits.
	TCPOptions []TCPOption
	Payload    []byte
}

// TCPOption is one TCP header option.
type TCPOption struct {
	Kind uint8
	Data []byte
}

var (
	srcMAC = net.HardwareAddr{0x02, 0, 0, 0, 0, 1}
	dstMAC = net.HardwareAddr{0x02, 0, 0, 0, 0, 2}
)

// Build serialises s into an Ethernet frame.
func Build(s Spec) []byte {
	ttl := s.TTL
	if ttl == 0 {
		ttl = 64
	}
	v6 := s.Src.Is6() && !s.Src.Is4In6()
	eth := &layers.Ethernet{SrcMAC: srcMAC, DstMAC: dstMAC, EthernetType: layers.EthernetTypeIPv4}
	if v6 {
		eth.EthernetType = layers.EthernetTypeIPv6
	}
	ls := []gopacket.SerializableLayer{eth}
	if len(s.VLANs) > 0 {
		inner := eth.EthernetType
		eth.EthernetType = layers.EthernetTypeDot1Q
		for i, id := range s.VLANs {
			next := layers.EthernetTypeDot1Q
			if i == len(s.VLANs)-1 {
				next = inner
			}
			ls = append(ls, &layers.Dot1Q{VLANIdentifier: id, Type: next})
		}
	}
	var netLayer gopacket.NetworkLayer
	if v6 {
		ip := &layers.IPv6{Version: 6, HopLimit: ttl, NextHeader: layers.IPProtocol(s.Proto),
			SrcIP: s.Src.AsSlice(), DstIP: s.Dst.AsSlice()}
		netLayer = ip
		ls = append(ls, ip)
	} else {
		ip := &layers.IPv4{Version: 4, IHL: 5, TTL: ttl, Protocol: layers.IPProtocol(s.Proto),
			SrcIP: s.Src.Unmap().AsSlice(), DstIP: s.Dst.Unmap().AsSlice()}
		netLayer = ip
		ls = append(ls, ip)
	}
	switch s.Proto {
	case 6:
		tcp := &layers.TCP{SrcPort: layers.TCPPort(s.Sport), DstPort: layers.TCPPort(s.Dport), Seq: s.Seq, Ack: s.Ack, Window: cmp.Or(s.Window, 65535), Urgent: s.Urgent,
			FIN: s.TCPFlags&0x01 != 0, SYN: s.TCPFlags&0x02 != 0, RST: s.TCPFlags&0x04 != 0, PSH: s.TCPFlags&0x08 != 0,
			ACK: s.TCPFlags&0x10 != 0, URG: s.TCPFlags&0x20 != 0, ECE: s.TCPFlags&0x40 != 0, CWR: s.TCPFlags&0x80 != 0}
		for _, o := range s.TCPOptions {
			tcp.Options = append(tcp.Options, layers.TCPOption{OptionType: layers.TCPOptionKind(o.Kind), OptionLength: uint8(2 + len(o.Data)), OptionData: o.Data})
		}
		tcp.SetNetworkLayerForChecksum(netLayer)
		ls = append(ls, tcp)
	case 17:
		udp := &layers.UDP{SrcPort: layers.UDPPort(s.Sport), DstPort: layers.UDPPort(s.Dport)}
		udp.SetNetworkLayerForChecksum(netLayer)
		ls = append(ls, udp)
	case 1:
		ls = append(ls, &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(s.IType, s.ICode), Id: 1, Seq: 1})
	case 58:
		icmp := &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(s.IType, s.ICode)}
		icmp.SetNetworkLayerForChecksum(netLayer)
		ls = append(ls, icmp, gopacket.Payload([]byte{0, 1, 0, 1}))
	}
	ls = append(ls, gopacket.Payload(s.Payload))
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		panic("pktgen: " + err.Error())
	}
	return buf.Bytes()
}
