package main

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/pipeline"
)

// checkRuntime builds the runtime for res as rulec run would and moves the
// rules it would leave out (a regex its engines refuse, a SecLang feature
// the WAF does not run) from the rule set to the diagnostics, counted as
// unsupported.
func checkRuntime(res *compiler.Result) error {
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		return err
	}
	e, err := pipeline.NewEngine(o, flow.DefaultConfig(), engine.Options{Offline: true})
	if err != nil {
		return err
	}
	for _, s := range e.Skipped() {
		d := &diag.Diagnostic{Pos: s.Rule.Pos, SID: s.Rule.Meta.SID, Err: fmt.Errorf("not run by the runtime: %s: %w", s.Reason, diag.ErrUnsupported)}
		res.Diags.Add(d)
		res.Tally.Unsupported++
		res.Rules = slices.DeleteFunc(res.Rules, func(r *ir.Rule) bool { return r == s.Rule })
	}
	return nil
}
