package match

import (
	"bytes"

	"github.com/rulec/rulec/compiler/ir"
)

// capVar is a variable a pcre capture sets: from pattern group group
// (0: none), and for a key/value pair the value from group value.
type capVar struct {
	scope, name  string
	group, value int
}

// capVars resolves the groups of a pcre's variables as Suricata numbers
// them: variable i takes capture i+1 (a key/value pair's value the next),
// counted among the named groups only when namedOnly.
func capVars(vars []ir.PCREVar, namedOnly bool, groups int, named []int) []capVar {
	number := func(k int) int {
		switch {
		case namedOnly && k <= len(named):
			return named[k-1]
		case !namedOnly && k <= groups:
			return k
		}
		return 0
	}
	out := make([]capVar, len(vars))
	for i, v := range vars {
		out[i] = capVar{scope: v.Scope, name: v.Name, group: number(i + 1)}
		if v.KeyValue {
			out[i].value = number(i + 2)
		}
	}
	return out
}

// findCaptures is Find that records the match's captures for the rule
// being evaluated; ok is false when the backtracking budget ran out.
func (p *pcreStep) findCaptures(in *inspector, subject []byte, from int) (start, end int, found, ok bool) {
	var spans []int
	var err error
	search := func() error {
		spans, found, err = p.re.FindGroups(subject, from, nil)
		return err
	}
	if p.re.Backtracking() {
		if !in.backtrack(search) {
			return 0, 0, false, false
		}
	} else {
		search()
	}
	if err != nil || !found {
		return 0, 0, false, true
	}
	group := func(g int) ([]byte, bool) {
		if g <= 0 || spans[2*g] < 0 {
			return nil, false
		}
		return subject[spans[2*g]:spans[2*g+1]], true
	}
	for _, v := range p.vars {
		val, set := group(v.group)
		if !set {
			continue
		}
		c := Capture{Scope: v.scope, Name: v.name}
		if v.name == "" {
			value, set := group(v.value)
			if !set {
				break
			}
			c.Key, c.Value = clip(val, MaxKeyLen), clip(value, MaxVarLen)
			*in.caps = append(*in.caps, c)
			continue
		}
		c.Value = clip(val, MaxVarLen)
		in.storeCapture(c)
	}
	return spans[0], spans[1], true, true
}

// storeCapture keeps c, replacing the rule's earlier capture of the same
// variable (Suricata's DetectVarStoreMatch).
func (in *inspector) storeCapture(c Capture) {
	for i, o := range *in.caps {
		if o.Name != "" && o.Name == c.Name && o.Scope == c.Scope {
			(*in.caps)[i] = c
			return
		}
	}
	*in.caps = append(*in.caps, c)
}

// clip copies at most n bytes of b.
func clip(b []byte, n int) []byte {
	return bytes.Clone(b[:min(len(b), n)])
}
