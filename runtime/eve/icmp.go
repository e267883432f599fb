package eve

import "github.com/rulec/rulec/runtime/flowid"

// ICMP is what EVE records of an ICMP or ICMPv6 packet carry of it:
// icmp_type and icmp_code; a flow's record also the response's type and
// code (Suricata's counterpart of the first packet's type: echo reply
// for echo, ...; 0 for a type without one) once packets went back.
type ICMP struct {
	Type, Code uint8
	Response   bool
	RespType   uint8
}

// FlowICMP is the ICMP part of the EVE record of an ICMP or ICMPv6 flow
// whose first packet had type t and code c; back: packets went to the
// client.
func FlowICMP(proto, t, c uint8, back bool) *ICMP {
	i := &ICMP{Type: t, Code: c, Response: back}
	if _, r := flowid.ICMPPorts(proto, t); uint8(r) != t {
		i.RespType = uint8(r)
	}
	return i
}

func (i *ICMP) add(m *orderedObject) {
	if i == nil {
		return
	}
	m.add("icmp_type", i.Type)
	m.add("icmp_code", i.Code)
	if i.Response {
		m.add("response_icmp_type", i.RespType)
		m.add("response_icmp_code", 0)
	}
}

// PacketICMP is the ICMP part of the EVE record of an alert on a packet:
// nil unless it is an ICMP or ICMPv6 packet whose header decoded.
func PacketICMP(proto uint8, decoded bool, t, c uint8) *ICMP {
	if !decoded || proto != 1 && proto != 58 {
		return nil
	}
	return &ICMP{Type: t, Code: c}
}
