package decode

import "encoding/binary"

// UDP encapsulations Suricata decodes by default, on its default ports.
const (
	teredoPort     = 3544
	teredoOrigLen  = 8 // an origin indication before the IPv6 packet
	vxlanPort      = 4789
	vxlanHdrLen    = 8
	genevePort     = 6081
	geneveHdrLen   = 8
	etherARP       = 0x0806
	etherBridge    = 0x6558
	ether8021AD    = 0x88a8
	ether8021QinQ  = 0x9100
	ether8021Q     = 0x8100
	vxlanFlagI     = 0x08
	geneveVersion0 = 0
)

// udpTunnel finds the packet a UDP payload carries: Teredo from or to
// port 3544, VXLAN to port 4789 and Geneve from or to port 6081, as
// Suricata's decoders (enabled on those ports by default) take them, in
// that order. The outer packet keeps its payload, as in Suricata, which
// inspects both.
func (p *Packet) udpTunnel(off int, data []byte) {
	if (p.Sport == teredoPort || p.Dport == teredoPort) && p.teredo(off, data) {
		return
	}
	switch {
	case p.Sport == genevePort || p.Dport == genevePort:
		p.geneve(off, data)
	case p.Dport == vxlanPort:
		p.vxlan(off, data)
	}
}

// vxlan takes an Ethernet frame (IPv4, IPv6, ARP or VLAN inside) after a
// VXLAN header with the I flag and its reserved bits clear (Suricata's
// strict check).
func (p *Packet) vxlan(off int, data []byte) {
	if len(data) < vxlanHdrLen+ethHeaderLen || data[0]&vxlanFlagI == 0 ||
		data[0]&^vxlanFlagI != 0 || data[1] != 0 || data[2] != 0 || data[7] != 0 {
		return
	}
	switch binary.BigEndian.Uint16(data[vxlanHdrLen+12:]) {
	case etherIPv4, etherIPv6, etherARP, ether8021Q, ether8021AD, ether8021QinQ:
		p.Tunnel = Tunnel{Via: ViaVXLAN, Off: off + vxlanHdrLen, End: off + len(data), Len: len(data) - vxlanHdrLen}
	}
}

// geneve takes the IPv4, IPv6 or Ethernet payload of a version 0 Geneve
// header whose reserved bits are clear and whose options fill their
// declared length exactly.
func (p *Packet) geneve(off int, data []byte) {
	if len(data) < geneveHdrLen || data[0]>>6 != geneveVersion0 || data[1]&0x3f != 0 || data[7] != 0 {
		return
	}
	hlen := geneveHdrLen + int(data[0]&0x3f)*4
	if len(data) < hlen {
		return
	}
	for o := geneveHdrLen; o < hlen; {
		if o+4 > hlen {
			return
		}
		o += 4 + int(data[o+3]&0x1f)*4
		if o > hlen {
			return
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
		return
	}
	p.Tunnel = Tunnel{Via: ViaGeneve, Off: off + hlen, End: off + len(data), Len: len(data) - hlen, EtherType: et}
}

// teredo takes an IPv6 packet, after an origin indication if any, that
// fills the rest of the datagram, with a non-zero hop limit and not a
// hop-by-hop header too short to be one (Suricata's checks: Teredo has no
// field that proves it).
func (p *Packet) teredo(off int, data []byte) bool {
	if len(data) < ipv6HdrLen {
		return false
	}
	start := 0
	if data[0] == 0 {
		if data[1] != 0 || len(data) < teredoOrigLen+ipv6HdrLen {
			return false
		}
		start = teredoOrigLen
	}
	ip := data[start:]
	plen := int(binary.BigEndian.Uint16(ip[4:]))
	if ip[0]>>4 != 6 || ip[7] == 0 || ip[6] == 0 && plen < 8 || len(ip) != ipv6HdrLen+plen {
		return false
	}
	p.Tunnel = Tunnel{Via: ViaTeredo, Off: off + start, End: off + len(data), Len: len(ip), EtherType: etherIPv6}
	return true
}
