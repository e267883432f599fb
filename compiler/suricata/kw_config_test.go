package suricata

import (
	"errors"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestConfigKeyword(t *testing.T) {
	r := mustCompile(t, `config dns any any -> any any (dns.query; content:"a"; config: logging disable, type tx, scope tx; sid:1;)`)
	if r.Action != ir.ActConfig || len(r.Config) != 1 || !r.Config[0].DisablesTxLog() {
		t.Errorf("action %q config %+v", r.Action, r.Config)
	}
	// accepted by Suricata 8, which does nothing for it: kept, with a warning
	r, errs := compileOne(t, `alert http any any -> any any (config:logging disable, type flow, scope flow; sid:1;)`)
	if r == nil || errs.Len() != 1 || !errors.Is(errs.Items[0], diag.ErrWarning) {
		t.Errorf("no-op config: rule %v, diagnostics %v", r, errs)
	}
	mustFail(t, `alert ip any any -> any any (config:tracking disable, type flow, scope packet; sid:1;)`, diag.ErrUnsupported, "pre_flow hook")
	mustFail(t, `alert ip any any -> any any (config:logging enable, type tx, scope tx; sid:1;)`, diag.ErrBadValue, `config: bad state, want disable "enable"`)
	mustFail(t, `alert ip any any -> any any (config:output disable, type tx, scope tx; sid:1;)`, diag.ErrBadValue, "config: bad subsystem")
	mustFail(t, `alert ip any any -> any any (config:logging disable, type tx; sid:1;)`, diag.ErrBadValue, "t.rules:1:37: sid 1: config: bad syntax")
	mustFail(t, `alert ip any any -> any any (config:logging disable, type tx, scope session; sid:1;)`, diag.ErrBadValue, "config: bad scope")
}
