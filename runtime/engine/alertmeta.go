package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
)

// alertMetadata applies the alert output's metadata options to ev, the
// alert of r: the rule's metadata and the transaction's files (on by
// default), its references, the flow and app-layer objects.
func (e *Engine) alertMetadata(ev *eve.Event, r *ir.Rule) {
	rec := e.opts.Records
	if rec.On(eve.AlertNoRuleMetadata) {
		ev.Files = nil
	} else {
		ev.Alert.Metadata = eve.NewRuleMetadata(r.Meta.Metadata)
	}
	if rec.On(eve.AlertReferences) {
		ev.Alert.References = eve.References(r.Meta.References)
	}
	if rec.On(eve.AlertNoFlow) {
		ev.AlertFlow = nil
	}
	if rec.On(eve.AlertNoAppLayer) {
		ev.Sections = eve.WithoutAppLayer(ev.Sections)
	}
}
