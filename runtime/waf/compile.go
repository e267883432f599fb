package waf

import (
	"fmt"
	"strconv"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/waf/operator"
)

var severityNames = []string{"EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"}

// filterPart is an @rx part for its chain's literal prefilter, added once
// its whole rule compiled.
type filterPart struct {
	chain   int32
	p       *part
	pattern string
}

// compileRule compiles the SecLang rule r; ctl options are compiled later,
// once every rule is known.
func (w *WAF) compileRule(r *ir.Rule, idx int, filters *[]filterPart) (*rule, error) {
	sec := r.Sec
	out := &rule{
		idx: idx, id: r.Meta.SID, rev: r.Meta.Rev, phase: sec.Phase, action: r.Action,
		log: !r.NoAlert, sevNum: -1, msgRaw: r.Meta.Msg, skipTo: -1,
	}
	if out.phase < 1 || out.phase > 5 {
		return nil, fmt.Errorf("phase %d: %w", out.phase, ErrUnsupported)
	}
	for _, kv := range r.Meta.Metadata {
		switch kv.Key {
		case "tag":
			out.tags = append(out.tags, kv.Value)
		case "severity":
			out.severity = kv.Value
			for i, s := range severityNames {
				if s == kv.Value {
					out.sevNum = i
				}
			}
		}
	}
	var err error
	if out.msg, err = compileText(r.Meta.Msg); err != nil {
		return nil, err
	}
	for i := range sec.Parts {
		a := &sec.Parts[i].Actions
		if a.LogData != "" && out.logdataRaw == "" {
			out.logdataRaw = a.LogData
		}
		if a.Status != 0 && out.status == 0 {
			out.status = a.Status
		}
		if a.SkipAfter != "" && out.skipAfter == "" {
			out.skipAfter = a.SkipAfter
		}
		if a.Skip != 0 && out.skip == 0 {
			out.skip = a.Skip
		}
	}
	if out.logdata, err = compileText(out.logdataRaw); err != nil {
		return nil, err
	}
	out.parts = make([]part, len(sec.Parts))
	for i := range sec.Parts {
		if err := w.compilePart(&out.parts[i], &sec.Parts[i], filters); err != nil {
			return nil, fmt.Errorf("chain part %d: %w", i+1, err)
		}
	}
	return out, nil
}

func (w *WAF) compilePart(p *part, sp *ir.SecPart, filters *[]filterPart) error {
	var err error
	p.pfBit = -1
	p.unconditional = len(sp.Targets) == 0
	if p.targets, p.excl, err = compileTargets(sp.Targets); err != nil {
		return err
	}
	if p.chain, err = w.chains.intern(sp.Transforms); err != nil {
		return err
	}
	o := sp.Operator
	if p.arg, err = compileMacro(o.Arg); err != nil {
		return err
	}
	spec := operator.Spec{Arg: o.Arg, Dynamic: p.arg != nil, Phrases: o.Phrases, Ranges: o.Ranges}
	if p.op, err = operator.New(o.Name, spec); err != nil {
		return err
	}
	p.negated = o.Negated
	a := &sp.Actions
	p.multi, p.capture = a.MultiMatch, a.Capture
	for _, s := range a.SetVars {
		sv, err := compileSetvar(s)
		if err != nil {
			return err
		}
		p.setvars = append(p.setvars, sv)
	}
	if o.Name == "rx" && p.arg == nil && !p.multi && !p.unconditional {
		*filters = append(*filters, filterPart{p.chain, p, o.Arg})
	}
	return nil
}

// resolveFlow places every rule in its phase and resolves skipAfter to
// the position of its marker (or of the rule with that id) in the phase:
// a marker stands before the next rule of every phase, as ModSecurity
// places a SecMarker in each phase.
func (w *WAF) resolveFlow(src []*ir.Rule) {
	pos := [6]map[string]int{}
	for p := range pos {
		pos[p] = map[string]int{}
	}
	for i, r := range w.rules {
		for _, m := range src[i].Sec.Markers {
			for p := 1; p <= 5; p++ {
				if _, dup := pos[p][m]; !dup {
					pos[p][m] = len(w.phases[p])
				}
			}
		}
		w.phases[r.phase] = append(w.phases[r.phase], r)
		pos[r.phase]["id:"+strconv.FormatUint(r.id, 10)] = len(w.phases[r.phase])
	}
	for p := 1; p <= 5; p++ {
		for i, r := range w.phases[p] {
			if r.skipAfter == "" {
				continue
			}
			to, ok := pos[p][r.skipAfter]
			if !ok {
				to, ok = pos[p]["id:"+r.skipAfter]
			}
			if !ok || to <= i {
				to = len(w.phases[p])
			}
			r.skipTo = to
		}
	}
}

// compileCtls compiles the ctl actions of every part and returns the
// rules whose ctl actions it refuses.
func (w *WAF) compileCtls(src []*ir.Rule) []Rejected {
	var rejected []Rejected
rules:
	for i, r := range w.rules {
		for j := range r.parts {
			for _, kv := range src[i].Sec.Parts[j].Actions.Ctl {
				run, err := compileCtl(w, kv.Key, kv.Value)
				if err != nil {
					rejected = append(rejected, Rejected{src[i], err})
					continue rules
				}
				r.parts[j].ctls = append(r.parts[j].ctls, run)
			}
		}
	}
	return rejected
}
