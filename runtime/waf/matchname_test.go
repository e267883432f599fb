package waf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/waf"
)

// A variable's MATCHED_VAR_NAME is made once, and kept for the next
// transactions of the pooled Tx: more rules matching the same argument
// allocate nothing more, and once the names are known matching allocates
// nothing.
func TestMatchNameMadeOnce(t *testing.T) {
	rules := func(n int, rx string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "SecRule ARGS \"@rx %s\" \"id:%d,phase:1,pass,nolog\"\n", rx, i+1)
		}
		return b.String()
	}
	req := request{uri: "/?Foo=abc&bar=xa"}
	allocs := func(w *waf.WAF) float64 {
		return testing.AllocsPerRun(50, func() { run(w, req).Close() })
	}
	none := allocs(newWAF(t, rules(1, "q"), detect))
	one, many := allocs(newWAF(t, rules(1, "a"), detect)), allocs(newWAF(t, rules(40, "a"), detect))
	if many != one || one != none {
		t.Errorf("allocations per transaction: %v with 1 rule, %v with 40 rules matching the same arguments, %v with one matching none; want equal",
			one, many, none)
	}
}

// Names kept for one transaction are not those of the next, which reuses
// the pooled transaction: a key differing only in case gets its own name.
func TestMatchNamePerTransaction(t *testing.T) {
	w := newWAF(t, `SecRule ARGS "@rx a" "id:1,phase:1,pass,log,msg:'%{MATCHED_VAR_NAME}',chain"
SecRule MATCHED_VARS_NAMES "@rx ^ARGS:(?:Foo|foo)$" "t:none"`, detect)
	for _, arg := range []string{"Foo", "foo", "Foo"} {
		tx := run(w, request{uri: "/?" + arg + "=abc"})
		m, ok := find(tx, 1)
		if want := "MATCHED_VARS_NAMES:ARGS:" + arg; !ok || m.Msg != want || m.MatchedVarName != want {
			t.Errorf("arg %s: matched %v msg %q name %q, want %q", arg, ok, m.Msg, m.MatchedVarName, want)
		}
		tx.Close()
	}
}
