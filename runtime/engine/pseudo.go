package engine

import "github.com/rulec/rulec/compiler/ir"

// pseudoRule reports whether r runs on a flow's end pseudo packet, a
// packet unit with no packet. Suricata skips only its packet rules
// (SIG_TYPE_PKT) there; of the rules rulec runs on packet units, the
// others are app-layer rules without inspection engines
// (SIG_TYPE_APPLAYER): a header protocol, no keyword Suricata matches
// on the packet (a flow keyword other than a direction is one, as are
// flowbits and xbits reads and flowint), no payload. IP-only rules
// inspect a flow's first packets only, and a protocol detection only
// rule needs the packet that finished detection.
func pseudoRule(r *ir.Rule) bool {
	if r.Header.Proto.App == "" || len(r.Matchers) > 0 || r.Flow != (ir.Flow{ToServer: r.Flow.ToServer, ToClient: r.Flow.ToClient}) {
		return false
	}
	for _, b := range r.Bits {
		switch {
		case b.Kind == "flowint":
			return false
		case b.Cmd != "set" && b.Cmd != "unset" && b.Cmd != "toggle":
			return false
		}
	}
	return true
}
