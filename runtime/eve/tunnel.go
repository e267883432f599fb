package eve

import "net/netip"

// Suricata's names of the decoders a tunnel's inner packet comes from
// (pkt_src).
const (
	PktSrcIPv4Tunnel = "ipv4 tunnel"
	PktSrcIPv6Tunnel = "ipv6 tunnel"
	PktSrcGRETunnel  = "gre tunnel"
	PktSrcVXLAN      = "vxlan encapsulation"
	PktSrcGeneve     = "geneve encapsulation"
	PktSrcTeredo     = "teredo tunnel"
)

// Tunnel is the "tunnel" object of an alert on a tunnel's inner packet:
// the packet captured (the outermost), how deep the inner packet was,
// and where the outer one came from.
type Tunnel struct {
	Src, Dst     netip.Addr
	Sport, Dport uint16
	Proto        uint8
	Depth        int
	PcapCnt      uint64
	PktSrc       string
}

func (t *Tunnel) add(m *orderedObject) {
	if t == nil {
		return
	}
	o := &orderedObject{}
	o.add("src_ip", AddrString(t.Src))
	o.add("src_port", t.Sport)
	o.add("dest_ip", AddrString(t.Dst))
	o.add("dest_port", t.Dport)
	o.add("proto", ProtoName(t.Proto))
	o.add("depth", t.Depth)
	if t.PcapCnt != 0 {
		o.add("pcap_cnt", t.PcapCnt)
	}
	o.add("pkt_src", t.PktSrc)
	m.add("tunnel", o)
}
