package waf

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/waf/operator"
)

// runPhase runs the rules of one phase in order, once: a phase is not run
// again, nor after a later one. An interruption stops every phase but
// logging; allow stops the request and response phases.
func (tx *Tx) runPhase(phase int) {
	if phase <= tx.phase {
		return
	}
	tx.phase = phase
	rules := tx.w.phases[phase]
	for i := 0; i < len(rules); i++ {
		if tx.mode == Off || phase < 5 && (tx.interruption != nil || tx.allowed) {
			return
		}
		r := rules[i]
		if tx.removed[r.idx>>6]&(1<<(r.idx&63)) != 0 || !tx.evalRule(r) {
			continue
		}
		tx.ruleMatched(r)
		switch {
		case r.skipTo >= 0:
			i = r.skipTo - 1
		case r.skip > 0:
			i += r.skip
		}
	}
}

// evalRule reports whether every part of r's chain matched.
func (tx *Tx) evalRule(r *rule) bool {
	tx.cur = r
	if len(tx.matchedVars.items) > 0 {
		tx.matchedVars.reset()
	}
	for i := range r.parts {
		if !tx.evalPart(r, &r.parts[i]) {
			return false
		}
	}
	return true
}

// evalPart tests every item of p and runs p's actions on each match.
func (tx *Tx) evalPart(r *rule, p *part) bool {
	if p.unconditional {
		tx.runActions(p)
		return true
	}
	matched := false
	items := tx.expand(r, p)
	for i := range items {
		it := items[i]
		if p.multi {
			if tx.multiMatch(p, &it) {
				matched = true
			}
			continue
		}
		v, ci := tx.transformed(&it, p.chain)
		if p.pfBit >= 0 && ci >= 0 && !tx.mayMatch(p, ci) {
			if p.negated {
				matched = true
				tx.onMatch(p, &it, v)
			}
			continue
		}
		if tx.test(p, v) {
			matched = true
			tx.onMatch(p, &it, v)
		}
	}
	return matched
}

// multiMatch tests the value before any transformation and after each
// one that changed it.
func (tx *Tx) multiMatch(p *part, it *item) bool {
	matched := false
	v, _ := tx.transformed(it, 0)
	if tx.test(p, v) {
		matched = true
		tx.onMatch(p, it, v)
	}
	var buf [16]int32
	for _, n := range tx.w.chains.ancestors(p.chain, buf[:0]) {
		next, _ := tx.transformed(it, n)
		if next == v {
			continue
		}
		v = next
		if tx.test(p, v) {
			matched = true
			tx.onMatch(p, it, v)
		}
	}
	return matched
}

func (tx *Tx) test(p *part, v string) bool {
	c := &tx.call
	c.Capture, c.NGroups, c.Reset = p.capture, 0, false
	if p.arg != nil {
		c.Arg = p.arg.expand(tx)
	}
	return p.op.Match(c, v) != p.negated
}

// onMatch records a matched value and runs the part's actions.
func (tx *Tx) onMatch(p *part, it *item, v string) {
	n := tx.matchName(it)
	tx.matchedVar, tx.matchedVarName = v, n.name
	tx.matchedVars.addLower(n.name, n.lname, v, -1)
	if p.capture && tx.call.NGroups > 0 {
		c := &tx.call
		for i := range c.NGroups {
			tx.txVars.set(smallInts[i], c.Groups[i])
		}
		if c.Reset {
			for i := c.NGroups; i < operator.MaxGroups; i++ {
				tx.txVars.remove(smallInts[i])
			}
		}
	}
	tx.runActions(p)
}

func (tx *Tx) runActions(p *part) {
	for i := range p.setvars {
		p.setvars[i].run(tx)
	}
	for _, run := range p.ctls {
		run(tx)
	}
}

// ruleMatched records a rule whose chain matched and carries out its
// disruptive action.
func (tx *Tx) ruleMatched(r *rule) {
	if r.sevNum >= 0 && r.sevNum < tx.highest {
		tx.highest = r.sevNum
	}
	tx.matched = append(tx.matched, MatchedRule{
		ID: r.id, Phase: r.phase, Msg: r.msg.expand(tx), Data: r.logdata.expand(tx),
		Severity: r.severity, Tags: r.tags, Log: r.log,
		MatchedVar: tx.matchedVar, MatchedVarName: tx.matchedVarName,
	})
	if tx.mode != On {
		return
	}
	switch r.action {
	case ir.ActDrop:
		status := r.status
		if status == 0 {
			status = 403
		}
		tx.interruption = &Interruption{RuleID: r.id, Action: "deny", Status: status}
	case ir.ActPass:
		tx.allowed = true
	}
}
