package engine

import (
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// wafUnit runs the SecLang rules on an HTTP stage and alerts on the rules
// it matched.
func (e *Engine) wafUnit(u *inspect.Unit) {
	for _, m := range e.waf.Unit(u) {
		action := eve.Allowed
		if m.Blocked {
			action = eve.Blocked
		}
		e.emit(e.unitEvent(u), m.Rule, "userspace", action, m.Msg)
	}
}
