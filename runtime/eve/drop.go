package eve

import (
	"encoding/binary"

	"github.com/rulec/rulec/runtime/inspect"
)

// Sub-options of the drop record type, kept in Types under these names.
const (
	DropAlerts   = "drop.alerts"    // drop records carry the alert that caused the drop
	DropFlowsAll = "drop.flows.all" // every dropped packet, not the first of each flow direction
	DropVerdict  = "drop.verdict"   // drop records carry the packet's verdict
	// AlertVerdict: alert records carry the packet's verdict.
	AlertVerdict = "alert.verdict"
)

// DropEvent is the EVE drop record of a dropped packet: the packet's
// endpoints, direction and header fields (Suricata's DropLogJSON: the
// IP header's length, tos, ttl and id, or IPv6's payload length, class,
// hop limit and flow label; TCP's sequence and acknowledgement numbers,
// window, flags, reserved bits and urgent pointer; UDP's length; ICMP's
// id and sequence) and why it was dropped.
func DropEvent(p *inspect.Packet, reason string) *Event {
	d := map[string]any{}
	if h, ok := p.Header("ipv4.hdr"); ok {
		d["len"], d["tos"], d["ttl"], d["ipid"] = be16(h[2:]), h[1], h[8], be16(h[4:])
	} else if h, ok := p.Header("ipv6.hdr"); ok {
		d["len"], d["tc"], d["hoplimit"] = be16(h[4:]), h[0]<<4|h[1]>>4, h[7]
		d["flowlbl"] = uint32(h[1]&0x0f)<<16 | uint32(be16(h[2:]))
	}
	switch p.Proto {
	case 6:
		if h, ok := p.Header("tcp.hdr"); ok {
			d["tcpseq"], d["tcpack"], d["tcpwin"] = be32(h[4:]), be32(h[8:]), be16(h[14:])
			for i, name := range []string{"fin", "syn", "rst", "psh", "ack", "urg"} {
				d[name] = h[13]&(1<<i) != 0
			}
			d["tcpres"], d["tcpurgp"] = h[12]&0x0f, be16(h[18:])
		}
	case 17:
		if h, ok := p.Header("udp.hdr"); ok {
			d["udplen"] = be16(h[4:])
		}
	case 1, 58:
		id, _ := p.ICMPField("icmp_id")
		seq, _ := p.ICMPField("icmp_seq")
		d["icmp_id"], d["icmp_seq"] = id, seq
	}
	if reason != "" {
		d["reason"] = reason
	}
	ev := &Event{Timestamp: p.TS.UTC(), EventType: "drop", SrcIP: p.Src, SrcPort: p.Sport, DestIP: p.Dst, DestPort: p.Dport,
		Proto: p.Proto, Sections: map[string]map[string]any{"drop": d}}
	if f := p.Flow; f != nil {
		ev.Direction = "to_server"
		if p.Src != f.Client || p.Sport != f.ClientPort {
			ev.Direction = "to_client"
		}
	}
	return ev
}

func be16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
func be32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }
