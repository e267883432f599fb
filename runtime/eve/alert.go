package eve

import (
	"net/netip"
	"time"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// Alert actions.
const (
	Allowed = "allowed"
	Blocked = "blocked"
)

// RuleAction is the alert action of a rule's action: blocked for drop and
// reject, allowed otherwise.
func RuleAction(a ir.Action) string {
	switch a {
	case ir.ActDrop, ir.ActReject, ir.ActRejectSrc, ir.ActRejectDst, ir.ActRejectBoth:
		return Blocked
	}
	return Allowed
}

// SetAlert makes e the alert of rule r with the action and signature
// given: Suricata's alert object, and the rulec object with the tier that
// decided it and r's severity named by sev.
func (e *Event) SetAlert(r *ir.Rule, action, signature, tier string, sev Severity) {
	m := r.Meta
	e.Alert = &Alert{Action: action, GID: m.GID, SignatureID: m.SID, Rev: m.Rev, Signature: signature,
		Category: m.Category, Severity: m.Priority}
	e.Rulec = &Rulec{Tier: tier, SeverityName: sev.Name(m.Priority)}
}

// UnitEvent is the event of an alert on u: its time, flow, endpoints as a
// rule header sees them, direction and app-layer sections.
func UnitEvent(u *inspect.Unit) *Event {
	src, dst, sport, dport := u.Endpoints()
	ev := &Event{Timestamp: u.TS, FlowID: u.Flow.ID, SrcIP: src, SrcPort: sport, DestIP: dst, DestPort: dport,
		Proto: u.Flow.Proto, AppProto: u.Flow.App, Direction: direction(u.Dir), Sections: u.Sections(), AlertFlow: alertFlow(u.Flow),
		VarsOf: u.Flow}
	if u.Frame != nil {
		ev.Sections = withFrame(ev.Sections, u)
	}
	if u.Flow.App == "http" {
		// an HTTP/1 alert's http object is the basic and extended fields
		ev.Sections = withoutHTTP(ev.Sections, dumpedHTTP)
	}
	if u.Packet != nil {
		ev.VLAN = u.Packet.VLANs
		ev.ICMP = PacketICMP(u.Packet.Proto, u.Packet.L4 == decode.L4ICMP, u.Packet.IType, u.Packet.ICode)
	} else {
		// Suricata's pseudo packet of a flow's end carries its VLANs
		ev.PktSrc, ev.VLAN = PktSrcFlowEnd, u.Flow.VLANs
	}
	if u.Kind == inspect.KindApp && u.Tx > 0 {
		// an alert on a transaction names it, as Suricata's tx alerts
		// do, whatever its protocol
		tx := u.Tx - 1
		ev.TxID = &tx
	}
	for _, f := range u.Files {
		ev.Files = append(ev.Files, File{Filename: string(f.Name), State: f.State(), Size: f.Size, TxID: u.Tx - 1})
	}
	return ev
}

// Suricata's names of where a packet came from (pkt_src).
const (
	PktSrcWire    = "wire/pcap"
	PktSrcDefrag  = "defrag"
	PktSrcFlowEnd = "stream (flow timeout)" // a flow's end flushed what it held
)

// PacketEvent is the event of an alert on one packet with no flow of
// its own, such as a kernel tier alert.
func PacketEvent(ts time.Time, flowID uint64, src, dst netip.Addr, sport, dport uint16, proto uint8) *Event {
	return &Event{Timestamp: ts, FlowID: flowID, SrcIP: src, SrcPort: sport, DestIP: dst, DestPort: dport, Proto: proto}
}

func direction(d inspect.Dir) string {
	if d == inspect.ToClient {
		return "to_client"
	}
	return "to_server"
}

// RecordEvent is the app-layer record (event type "http", "dns", "tls",
// "smtp", "fileinfo") that u carries in its section (an smtp record has an
// email section too, a fileinfo record its transaction's sections):
// endpoints client to server, except DNS (other than the version 2
// format), written in the message's own direction, and fileinfo, in the
// file's.
func RecordEvent(u *inspect.Unit) *Event {
	typ, sections := u.RecordType(), u.Sections()
	f := u.Flow
	ev := &Event{Timestamp: u.TS, FlowID: f.ID, EventType: typ, SrcIP: f.Client, SrcPort: f.ClientPort,
		DestIP: f.Server, DestPort: f.ServerPort, Proto: f.Proto, Sections: sections, VarsOf: f, VLAN: f.VLANs}
	switch {
	case typ == "dns" && sections["dns"]["version"] != 2 && u.LogType == "":
		ev.SrcIP, ev.DestIP, ev.SrcPort, ev.DestPort = u.Endpoints()
	case typ == "fileinfo":
		// in the file's direction, with the flow's app_proto
		ev.SrcIP, ev.DestIP, ev.SrcPort, ev.DestPort = u.Endpoints()
		ev.AppProto = f.App
		return ev
	}
	if (typ == "http" || typ == "smtp") && u.Tx > 0 {
		tx := u.Tx - 1
		ev.TxID = &tx
	}
	return ev
}
