package decode

import "encoding/binary"

// The UDP encapsulations' headers.
const (
	teredoOrigLen  = 8 // an origin indication before the IPv6 packet
	vxlanHdrLen    = 8
	geneveHdrLen   = 8
	etherBridge    = 0x6558
	ether8021AD    = 0x88a8
	ether8021QinQ  = 0x9100
	ether8021Q     = 0x8100
	vxlanFlagI     = 0x08
	geneveVersion0 = 0
)

// udpTunnel finds the packet a UDP payload carries (findUDPTunnel); the
// outer packet keeps its payload, as in Suricata, which inspects both.
func (p *Packet) udpTunnel(off int, data []byte) {
	c := p.cfg
	if c == nil {
		c = &defaultConfig
	}
	if t, ok := c.findUDPTunnel(p.Sport, p.Dport, data); ok {
		t.Off += off
		t.End += off
		p.Tunnel = t
	}
}

// UDPTunnel reports whether a UDP datagram from port sp to port dp
// carries a packet the decoder inspects on its own (a Teredo, VXLAN or
// Geneve tunnel under c): the kernel tier copies such datagrams up.
func (c *Config) UDPTunnel(sp, dp uint16, payload []byte) bool {
	_, ok := c.findUDPTunnel(sp, dp, payload)
	return ok
}

// findUDPTunnel finds the packet a UDP payload carries, as Suricata's
// DecodeUDP tries its decoders in turn, each on its configured ports
// (Config): Teredo from or to one, then Geneve from or to one, then VXLAN
// to one; a decoder that takes the datagram ends the search, whether it
// found an inner packet or not. The tunnel's offsets are the payload's.
func (c *Config) findUDPTunnel(sp, dp uint16, data []byte) (Tunnel, bool) {
	if c.Teredo.On(sp, dp) {
		if t, ok := teredo(data); ok {
			return t, true
		}
	}
	if c.Geneve.On(sp, dp) {
		if t, taken := geneve(data); taken {
			return t, t.Via != ViaNone
		}
	}
	if c.VXLAN.OnDest(dp) {
		return vxlan(data)
	}
	return Tunnel{}, false
}

// vxlan takes an IPv4, IPv6 or VLAN-tagged Ethernet frame after a VXLAN
// header with the I flag and a clear last reserved byte, as Suricata 8's
// DecodeVXLAN (which takes an ARP frame too, without an inner packet).
func vxlan(data []byte) (Tunnel, bool) {
	if len(data) < vxlanHdrLen+ethHeaderLen || data[0]&vxlanFlagI == 0 || data[7] != 0 {
		return Tunnel{}, false
	}
	switch binary.BigEndian.Uint16(data[vxlanHdrLen+12:]) {
	case etherIPv4, etherIPv6, ether8021Q, ether8021AD, ether8021QinQ:
		return Tunnel{Via: ViaVXLAN, Off: vxlanHdrLen, End: len(data), Len: len(data) - vxlanHdrLen}, true
	}
	return Tunnel{}, false
}

// geneve takes a version 0 Geneve header whose reserved bits are clear
// and whose options fill their declared length exactly (taken); its
// IPv4, IPv6 or Ethernet payload is an inner packet, others (ARP) not.
func geneve(data []byte) (t Tunnel, taken bool) {
	if len(data) < geneveHdrLen || data[0]>>6 != geneveVersion0 || data[1]&0x3f != 0 || data[7] != 0 {
		return Tunnel{}, false
	}
	hlen := geneveHdrLen + int(data[0]&0x3f)*4
	if len(data) < hlen {
		return Tunnel{}, false
	}
	for o := geneveHdrLen; o < hlen; {
		if o+4 > hlen {
			return Tunnel{}, false
		}
		o += 4 + int(data[o+3]&0x1f)*4
		if o > hlen {
			return Tunnel{}, false
		}
	}
	var et uint16
	switch binary.BigEndian.Uint16(data[2:]) {
	case etherIPv4:
		et = etherIPv4
	case etherIPv6:
		et = etherIPv6
	case etherBridge:
	default:
		return Tunnel{}, true
	}
	return Tunnel{Via: ViaGeneve, Off: hlen, End: len(data), Len: len(data) - hlen, EtherType: et}, true
}

// teredo takes an IPv6 packet, after an origin indication if any, that
// fills the rest of the datagram, with a non-zero hop limit and not a
// hop-by-hop header too short to be one (Suricata's checks: Teredo has no
// field that proves it).
func teredo(data []byte) (Tunnel, bool) {
	if len(data) < ipv6HdrLen {
		return Tunnel{}, false
	}
	start := 0
	if data[0] == 0 {
		if data[1] != 0 || len(data) < teredoOrigLen+ipv6HdrLen {
			return Tunnel{}, false
		}
		start = teredoOrigLen
	}
	ip := data[start:]
	plen := int(binary.BigEndian.Uint16(ip[4:]))
	if ip[0]>>4 != 6 || ip[7] == 0 || ip[6] == 0 && plen < 8 || len(ip) != ipv6HdrLen+plen {
		return Tunnel{}, false
	}
	return Tunnel{Via: ViaTeredo, Off: start, End: len(data), Len: len(ip), EtherType: etherIPv6}, true
}
