package eve

import "github.com/rulec/rulec/runtime/inspect"

// Sub-options of the drop record type, kept in Types under these names.
const (
	DropAlerts   = "drop.alerts"    // drop records carry the alert that caused the drop
	DropFlowsAll = "drop.flows.all" // every dropped packet, not the first of each flow direction
	DropVerdict  = "drop.verdict"   // drop records carry the packet's verdict
	// AlertVerdict: alert records carry the packet's verdict.
	AlertVerdict = "alert.verdict"
)

// DropEvent is the EVE drop record of a dropped packet: the packet's
// endpoints and header fields, and why it was dropped.
func DropEvent(p *inspect.Packet, reason string) *Event {
	d := map[string]any{"len": len(p.Frame), "ttl": p.TTL, "reason": reason}
	if p.Proto == 6 {
		for i, name := range []string{"fin", "syn", "rst", "psh", "ack", "urg"} {
			d[name] = p.TCPFlags&(1<<i) != 0
		}
	}
	if p.Proto == 1 || p.Proto == 58 {
		d["icmp_type"], d["icmp_code"] = p.IType, p.ICode
	}
	return &Event{Timestamp: p.TS.UTC(), EventType: "drop", SrcIP: p.Src, SrcPort: p.Sport, DestIP: p.Dst, DestPort: p.Dport,
		Proto: p.Proto, Sections: map[string]map[string]any{"drop": d}}
}
