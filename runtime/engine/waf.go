package engine

import (
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/wafbridge"
)

// wafUnit runs the SecLang rules on an HTTP stage and alerts on the rules
// it matched.
func (e *Engine) wafUnit(u *inspect.Unit) {
	e.wafAlerts(e.waf.Unit(u), u)
}

// wafAlerts alerts on SecLang matches, about u or, for matches made at a
// flow's end, about their transaction's last stage.
func (e *Engine) wafAlerts(ms []wafbridge.Match, u *inspect.Unit) {
	for _, m := range ms {
		action := eve.Allowed
		if m.Blocked {
			action = eve.Blocked
		}
		at := u
		if m.Unit != nil {
			at = m.Unit
		}
		e.emit(e.unitEvent(at), m.Rule, "userspace", action, m.Msg)
	}
}
