package seclang

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// builder is the state of one rule while its actions apply. part is the
// chain part the per-part actions go to.
type builder struct {
	rule       *ir.Rule
	part       *ir.SecPart
	file       string
	disruptive string // as written; "" when none
	hasID      bool
}

func newRule(pos diag.Pos) *ir.Rule {
	return &ir.Rule{
		Lang: ir.SecLang,
		Pos:  pos,
		Header: ir.Header{
			Proto:    ir.Proto{L4: "tcp", App: "http"},
			Src:      ir.AnyAddr(),
			Dst:      ir.AnyAddr(),
			SrcPorts: ir.AnyPort(),
			DstPorts: ir.AnyPort(),
		},
		Sec: &ir.SecRule{Phase: 2},
	}
}

func (b *builder) addMeta(key, value string) {
	b.rule.Meta.Metadata = append(b.rule.Meta.Metadata, ir.KV{Key: key, Value: value})
}

func boolPtr(v bool) *bool { return &v }
