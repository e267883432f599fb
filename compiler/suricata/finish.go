package suricata

import (
	"fmt"

	"github.com/rulec/rulec/diag"
)

// finishers run once every option is applied, for checks that need the
// whole rule.
var finishers = []func(*builder) error{
	func(b *builder) error {
		if b.rule.Meta.SID == 0 {
			return fmt.Errorf("rule has no sid: %w", diag.ErrMissing)
		}
		return nil
	},
	func(b *builder) error {
		if b.rule.Header.Proto.App == "" {
			b.rule.Header.Proto.App = b.app
		}
		return nil
	},
	checkDirections,
	checkAppStates,
	func(b *builder) error {
		m := &b.rule.Meta
		if m.GID == 0 {
			m.GID = 1
		}
		ct, known := b.classes[m.Classtype]
		m.Category = ct.Desc
		if m.Priority == 0 {
			m.Priority = defaultPriority
			if known {
				m.Priority = ct.Priority
			}
		}
		return nil
	},
}
