package engine

import (
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// flowHolds checks the flow keyword.
func flowHolds(f ir.Flow, u *inspect.Unit) bool {
	est := established(u)
	switch {
	case f.ToServer && u.Dir != inspect.ToServer,
		f.ToClient && u.Dir != inspect.ToClient,
		f.Established && !est,
		f.NotEstablished && est,
		f.OnlyStream && u.Kind == inspect.KindPacket,
		f.NoStream && u.Kind == inspect.KindStream:
		return false
	}
	return true
}

// established is whether the unit is established: its packet's flag
// (Suricata's FLOW_PKT_ESTABLISHED) when it has a packet of its flow,
// else its flow's state (a flow's end).
func established(u *inspect.Unit) bool {
	if p := u.Packet; p != nil && p.Flow == u.Flow {
		return p.Established
	}
	return u.Flow.Established
}

// condsHold checks the packet and flow matchers of a rule on a unit.
func (e *Engine) condsHold(conds []ir.Matcher, u *inspect.Unit) bool {
	for _, m := range conds {
		if v, ok := m.(*ir.VarMatch); ok {
			if !e.varHolds(v, u) {
				return false
			}
		} else if !condHolds(m, u) {
			return false
		}
	}
	return true
}

func condHolds(m ir.Matcher, u *inspect.Unit) bool {
	p := u.Packet
	switch m := m.(type) {
	case *ir.Size:
		return p != nil && m.Cmp.Holds(int64(len(p.Payload)))
	case *ir.TCPFlags:
		return p != nil && p.Proto == 6 && m.Holds(p.TCPFlags)
	case *ir.Field:
		if m.Name == "l3_proto" {
			return m.Cmp.Holds(int64(ipVersion(u)))
		}
		if vals, ok := u.Codes[m.Name]; ok || appField(m) {
			return slices.ContainsFunc(vals, m.Cmp.Holds)
		}
		return p != nil && fieldHolds(m, p)
	case *ir.DCEIface:
		return dceIfaceHolds(m, u.DCE)
	case *ir.DCEOpnum:
		return dceOpnumHolds(m, u.DCE)
	case *ir.FlowCounter:
		return counterHolds(m, u.Flow)
	case *ir.StreamSize:
		return streamSizeHolds(m, u.Flow)
	case *ir.Event:
		return eventHolds(m, u)
	case *ir.VLANID:
		return p != nil && vlanHolds(m, p.VLANs)
	case *ir.Checksum:
		if p == nil {
			return false
		}
		valid, ok := p.Checksum(m.Proto)
		return ok && valid == m.Valid
	case *ir.IPOpt:
		return p != nil && ipOptHolds(m.Name, p)
	case *ir.AppProto:
		return appProtoHolds(m, u)
	case *ir.FragBits:
		if p == nil {
			return false
		}
		bits, ok := p.FragBits()
		return ok && m.Holds(bits)
	}
	return false
}

func fieldHolds(m *ir.Field, p *inspect.Packet) bool {
	icmp := p.Proto == 1 || p.Proto == 58
	switch m.Name {
	case "ttl":
		return m.Cmp.Holds(int64(p.TTL))
	case "itype":
		return icmp && m.Cmp.Holds(int64(p.IType))
	case "icode":
		return icmp && m.Cmp.Holds(int64(p.ICode))
	case "ip_proto":
		return m.Cmp.Holds(int64(p.Proto))
	case "vlan.layers":
		return m.Cmp.Holds(int64(len(p.VLANs)))
	case "tcp.mss":
		v, ok := p.TCPMSS()
		return ok && m.Cmp.Holds(int64(v))
	case "icmpv6.mtu":
		v, ok := p.ICMPv6MTU()
		return ok && m.Cmp.Holds(int64(v))
	case "tcp.seq", "tcp.ack", "tcp.window":
		v, ok := p.TCPField(m.Name)
		return ok && m.Cmp.Holds(int64(v))
	case "tcp.wscale":
		v, ok := p.TCPWScale()
		return ok && m.Cmp.Holds(int64(v))
	case "fragoffset":
		v, ok := p.FragOffset()
		return ok && m.Cmp.Holds(int64(v))
	case "sameip":
		return m.Cmp.Holds(int64(b2i(p.Src == p.Dst)))
	case "icmp_id", "icmp_seq":
		v, ok := p.ICMPField(m.Name)
		return ok && m.Cmp.Holds(int64(v))
	}
	return false
}

func counterHolds(m *ir.FlowCounter, f *inspect.Flow) bool {
	vals := f.Pkts
	if m.What == "bytes" {
		vals = f.Bytes
	}
	ts := m.Cmp.Holds(int64(vals[inspect.ToServer]))
	tc := m.Cmp.Holds(int64(vals[inspect.ToClient]))
	switch m.Dir {
	case "toserver":
		return ts
	case "toclient":
		return tc
	case "both":
		return ts && tc
	}
	return ts || tc
}

// streamSizeHolds approximates the stream size with the flow's byte
// counts per direction.
func streamSizeHolds(m *ir.StreamSize, f *inspect.Flow) bool {
	if f.Proto != 6 {
		return false
	}
	server := m.Cmp.Holds(int64(f.StreamSize[inspect.ToClient]))
	client := m.Cmp.Holds(int64(f.StreamSize[inspect.ToServer]))
	switch m.Side {
	case "server":
		return server
	case "client":
		return client
	case "both":
		return server && client
	}
	return server || client
}

// appField reports whether a field compares app-layer codes (dns.rcode)
// rather than a packet header field.
func appField(m *ir.Field) bool {
	return strings.HasPrefix(m.Name, "dns.") || strings.HasPrefix(m.Name, "tls") || m.Name == "ssl_version" ||
		strings.HasPrefix(m.Name, "filesize") || strings.HasPrefix(m.Name, "ftp") || strings.HasPrefix(m.Name, "http2.")
}

func vlanHolds(m *ir.VLANID, ids []uint16) bool {
	holds := func(id uint16) bool { return m.Cmp.Holds(int64(id)) }
	switch {
	case len(ids) == 0:
		return false
	case m.AnyLayer:
		return slices.ContainsFunc(ids, holds)
	case m.AllLayers:
		return !slices.ContainsFunc(ids, func(id uint16) bool { return !holds(id) })
	}
	i := m.Layer
	if i < 0 {
		i += len(ids)
	}
	return i >= 0 && i < len(ids) && holds(ids[i])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ipVersion is the IP version of u's packet, else of its flow.
func ipVersion(u *inspect.Unit) int {
	if p := u.Packet; p != nil && p.Family != 0 {
		return int(p.Family)
	}
	if src, _, _, _ := u.Endpoints(); src.Unmap().Is4() {
		return 4
	}
	return 6
}
