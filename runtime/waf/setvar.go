package waf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/waf/operator"
)

// setvar is one compiled setvar action.
type setvar struct {
	coll   string // TX or a persistent collection, upper case
	name   text
	op     byte // 0 (set to 1), '=', '+', '-'
	value  text
	remove bool
}

func compileSetvar(s ir.SecSetVar) (setvar, error) {
	sv := setvar{coll: strings.ToUpper(s.Collection), op: s.Op, remove: s.Remove}
	if sv.coll != "TX" && !slices.Contains(persistent, sv.coll) {
		return sv, fmt.Errorf("setvar on collection %s: %w", s.Collection, ErrUnsupported)
	}
	var err error
	if sv.name, err = compileText(s.Name); err != nil {
		return sv, err
	}
	sv.value, err = compileText(s.Value)
	return sv, err
}

func (s *setvar) run(tx *Tx) {
	c := &tx.txVars
	if s.coll != "TX" {
		c = tx.namedCollection(s.coll)
	}
	name := s.name.expand(tx)
	lk := lowerKey(name)
	if s.remove {
		c.remove(lk)
		return
	}
	var v string
	switch s.op {
	case 0:
		v = "1"
	case '=':
		v = s.value.expand(tx)
	default:
		cur, _ := c.get(lk)
		n, d := operator.Atoi(cur), operator.Atoi(s.value.expand(tx))
		if s.op == '-' {
			d = -d
		}
		v = itoa(n + d)
	}
	if i := c.find(lk); i >= 0 {
		c.items[i].value = v
		return
	}
	c.add(name, v, -1)
}
