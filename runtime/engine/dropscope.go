package engine

import (
	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/runtime/refeval"
)

// dropScopes gives each kernel rule of o the scope of its drop.
func dropScopes(o *object.Object) []kernel.DropScope {
	out := make([]kernel.DropScope, len(o.Rules))
	for _, s := range o.Kernel.Slots {
		if !s.Userspace && int(s.Rule) < len(out) {
			out[s.Rule] = s.DropScope
		}
	}
	return out
}

// dropsFlow reports whether a kernel drop or reject among a packet's
// events acts on its flow, as the classifier marks the flow.
func (e *Engine) dropsFlow(events []refeval.Event) bool {
	for _, ev := range events {
		if ev.Kind != refeval.EventAlert || int(ev.Rule) >= len(e.dropScopes) {
			continue
		}
		if a := kernel.Action(ev.Verdict); a != kernel.ActDrop && a != kernel.ActReject {
			continue
		}
		if e.dropScopes[ev.Rule] == kernel.DropFlow {
			return true
		}
	}
	return false
}
