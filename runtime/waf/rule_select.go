package waf

import (
	"fmt"
	"strconv"
	"strings"
)

// The rule selections of the removal ctl options. A selection is made
// once, when the WAF is built; running the ctl only sets bits.

// idSelector reads an id or a range of ids, "a-b".
func idSelector(v string) (func(*rule) bool, error) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(v), "-")
	a, err := strconv.ParseUint(strings.TrimSpace(lo), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("rule id %q: %w", v, ErrUnsupported)
	}
	b := a
	if isRange {
		if b, err = strconv.ParseUint(strings.TrimSpace(hi), 10, 64); err != nil {
			return nil, fmt.Errorf("rule id range %q: %w", v, ErrUnsupported)
		}
	}
	return func(r *rule) bool { return r.id >= a && r.id <= b }, nil
}

func byTag(tag string) func(*rule) bool { return func(r *rule) bool { return r.hasTag(tag) } }

func byMsg(msg string) func(*rule) bool { return func(r *rule) bool { return r.msg.raw == msg } }

// selectorOf adapts a selection that cannot fail.
func selectorOf(by func(string) func(*rule) bool) func(string) (func(*rule) bool, error) {
	return func(v string) (func(*rule) bool, error) { return by(v), nil }
}

func selected(w *WAF, sel func(*rule) bool) []int {
	var idx []int
	for _, r := range w.rules {
		if sel(r) {
			idx = append(idx, r.idx)
		}
	}
	return idx
}

// removeRules marks the selected rules removed.
func removeRules(w *WAF, sel func(*rule) bool) func(*Tx) {
	idx := selected(w, sel)
	return func(tx *Tx) {
		for _, i := range idx {
			tx.removed[i>>6] |= 1 << (i & 63)
		}
	}
}

// removeTargetCtl builds a ruleRemoveTarget* option: SELECTOR;VARIABLES,
// the variables written as in a rule without '!' and separated by '|'.
func removeTargetCtl(by func(string) (func(*rule) bool, error)) ctlFactory {
	return func(w *WAF, v string) (func(*Tx), error) {
		which, vars, ok := strings.Cut(v, ";")
		if !ok {
			return nil, fmt.Errorf("want selector;VARIABLE: %w", ErrUnsupported)
		}
		sel, err := by(which)
		if err != nil {
			return nil, err
		}
		excl, err := parseExclusions(vars)
		if err != nil {
			return nil, err
		}
		idx := selected(w, sel)
		return func(tx *Tx) {
			if tx.removedTargets == nil {
				tx.removedTargets = map[int][]exclusion{}
			}
			for _, i := range idx {
				tx.removedTargets[i] = append(tx.removedTargets[i], excl...)
			}
			tx.targetsRemoved = true
		}, nil
	}
}

// parseExclusions reads "VAR", "VAR:key" or "VAR:/regex/" items separated
// by '|'.
func parseExclusions(s string) ([]exclusion, error) {
	var out []exclusion
	for _, it := range strings.Split(s, "|") {
		name, key, _ := strings.Cut(strings.TrimSpace(it), ":")
		v, err := lookupVariable(name)
		if err != nil {
			return nil, err
		}
		x := exclusion{v: v, key: strings.ToLower(key)}
		if len(key) > 1 && key[0] == '/' && key[len(key)-1] == '/' {
			if x.rx, err = compileKeyRegex(key[1 : len(key)-1]); err != nil {
				return nil, err
			}
			x.key = ""
		}
		out = append(out, x)
	}
	return out, nil
}
