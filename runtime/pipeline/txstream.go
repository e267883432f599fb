package pipeline

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
)

// txStreamWindow is how much of a direction's stream a transaction unit
// carries for the payload part of rules mixing payload and app-layer
// matchers.
const txStreamWindow = 16 << 10

// txStream keeps a stream window for the transaction units that rules
// mixing payload and app-layer matchers inspect.
func txStream(fc flow.Config, rules []*ir.Rule) flow.Config {
	if want := engine.TxStreamFor(rules); want != nil {
		fc.TxStream, fc.TxStreamFor = txStreamWindow, want
	}
	return fc
}
