package waf

import (
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/waf/operator"
)

// rule is one compiled SecRule chain or SecAction.
type rule struct {
	idx        int // position in WAF.rules
	id, rev    uint64
	phase      int
	action     ir.Action
	status     int
	log        bool
	severity   string
	sevNum     int // 0..7, or -1 when unset
	tags       []string
	msg        text
	logdata    text
	msgRaw     string
	logdataRaw string
	parts      []part
	skipAfter  string
	skipTo     int // index in the phase's rules to resume at after skipAfter
	skip       int
}

// part is one SecRule of a chain.
type part struct {
	targets       []target
	excl          []exclusion
	unconditional bool // a SecAction: no variables, always matches
	op            operator.Operator
	arg           *macro // the operator's argument, when it holds macros
	negated       bool
	chain         int32 // transformation chain node
	pfBit         int32 // prefilter bit in the chain node's filter, or -1
	multi         bool
	capture       bool
	setvars       []setvar
	ctls          []func(*Tx)
}

func (r *rule) hasTag(tag string) bool { return slices.Contains(r.tags, tag) }
