package waf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/waf"
)

// removeTargetRules: rule 1 matches every request; with ctl it takes
// ARGS:foo out of rules 10-39, which test ARGS.
func removeTargetRules(ctl bool) string {
	var b strings.Builder
	act := ""
	if ctl {
		act = ",ctl:ruleRemoveTargetById=10-39;ARGS:foo"
	}
	fmt.Fprintf(&b, "SecRule REQUEST_METHOD \"@streq GET\" \"id:1,phase:1,pass,nolog%s\"\n", act)
	for i := 10; i < 40; i++ {
		fmt.Fprintf(&b, "SecRule ARGS \"@rx z\" \"id:%d,phase:1,pass,nolog\"\n", i)
	}
	return b.String()
}

// A ctl removing targets reuses the lists the transaction's pooled
// predecessor filled.
func TestRemoveTargetCtlReusesLists(t *testing.T) {
	req := request{uri: "/?foo=a&bar=b"}
	allocs := func(w *waf.WAF) float64 {
		return testing.AllocsPerRun(50, func() { run(w, req).Close() })
	}
	without, with := allocs(newWAF(t, removeTargetRules(false), detect)), allocs(newWAF(t, removeTargetRules(true), detect))
	if with != without {
		t.Errorf("allocations per transaction: %v with the ctl, %v without; want equal", with, without)
	}
}

// Targets a ctl removed for one transaction stay in the lists of the
// next, which reuses the pooled transaction without running the ctl.
func TestRemoveTargetCtlPerTransaction(t *testing.T) {
	w := newWAF(t, `SecRule ARGS:off "@streq 1" "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetById=2;ARGS:foo"
SecRule ARGS "@rx z" "id:2,phase:1,pass,log"`, detect)
	for _, c := range []struct {
		uri  string
		want bool
	}{{"/?off=1&foo=z", false}, {"/?foo=z", true}, {"/?off=1&foo=z", false}, {"/?foo=z", true}} {
		tx := run(w, request{uri: c.uri})
		if _, got := find(tx, 2); got != c.want {
			t.Errorf("%s: rule 2 matched %v, want %v", c.uri, got, c.want)
		}
		tx.Close()
	}
}
