package engine

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/compiler/ir"
)

// ActionOrder is the order in which the actions of a packet's matching
// rules apply, as suricata.yaml's action-order gives it; nil is
// Suricata's default: pass, drop, reject, alert.
type ActionOrder []ir.Action

var defaultOrder = ActionOrder{ir.ActPass, ir.ActDrop, ir.ActReject, ir.ActAlert}

// ParseActionOrder reads an action-order list: each of pass, drop,
// reject and alert once.
func ParseActionOrder(names []string) (ActionOrder, error) {
	var o ActionOrder
	for _, n := range names {
		a := ir.Action(n)
		switch a {
		case ir.ActPass, ir.ActDrop, ir.ActReject, ir.ActAlert:
		default:
			return nil, fmt.Errorf("action-order %q: %w", n, ErrActionOrder)
		}
		for _, have := range o {
			if have == a {
				return nil, fmt.Errorf("action-order %q twice: %w", n, ErrActionOrder)
			}
		}
		o = append(o, a)
	}
	if len(o) != len(defaultOrder) {
		return nil, fmt.Errorf("action-order of %d actions: %w", len(o), ErrActionOrder)
	}
	return o, nil
}

// ActionOrderFromYAML reads the action-order of a suricata.yaml
// document; nil when it has none.
func ActionOrderFromYAML(data []byte) (ActionOrder, error) {
	var doc struct {
		Order []string `yaml:"action-order"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("action-order: %w", err)
	}
	if doc.Order == nil {
		return nil, nil
	}
	return ParseActionOrder(doc.Order)
}

// rank is an action's place in the order: reject's variants as reject.
func (o ActionOrder) rank(a ir.Action) int {
	if o == nil {
		o = defaultOrder
	}
	if dropping(a) && a != ir.ActDrop {
		a = ir.ActReject
	}
	for i, x := range o {
		if x == a {
			return i
		}
	}
	return len(o)
}

// IsDefault reports whether o is Suricata's default order, the one the
// classifier's verdict follows.
func (o ActionOrder) IsDefault() bool {
	return o == nil || slices.Equal(o, defaultOrder)
}
