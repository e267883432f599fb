package live

import (
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/runtime/attach"
)

// DefaultDirection is what a run classifies unless told otherwise: both
// ways, since the flow tracker needs both sides of a connection to follow
// a TCP stream or an application protocol.
const DefaultDirection = attach.Both

// FlowRules counts the rules of o that follow flows (TCP streams,
// application protocols, flow direction or state, SecLang transactions):
// attached in one direction only, they never match.
func FlowRules(o *object.Object) int {
	n := 0
	for i, r := range o.Rules {
		if o.Tiers[i].Tier == lower.Userspace && followsFlow(r) {
			n++
		}
	}
	return n
}

func followsFlow(r *ir.Rule) bool {
	f, p := r.Flow, r.Header.Proto
	return r.Lang != ir.Suricata || p.App != "" || p.Mode == "stream" ||
		f.ToServer || f.ToClient || f.Established || f.NotEstablished || f.OnlyStream
}
