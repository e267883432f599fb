package match

import (
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/match/pcre"
)

// The rule on a URI of a thousand a's: each search of the
// catastrophic pattern runs out of time. The first timeout ends the
// rule's retries for the unit, instead of one timeout per occurrence of
// the content.
func TestBacktrackingTimeoutEndsRetries(t *testing.T) {
	rules := compileRules(t, `alert http any any -> any any (http.uri; content:"a"; pcre:"/(a+)+(?=b)/R"; sid:1;)`)
	e, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	u := appUnit(map[string]string{"http.uri": "/" + strings.Repeat("a", 1000) + "c"})
	if got := e.groupMatch(u, []int{0}); len(got) != 0 {
		t.Errorf("matched %v", got)
	}
	if l := e.Limits(); l["pcre_timeouts"] != 1 || l["pcre_budget_reached"] != 0 {
		t.Errorf("limits %v, want one timeout", l)
	}
}

// Searches that each end in time still stop once the rule's budget, then
// the unit's, is spent. The clock advances 0.5 ms per reading, so every
// search costs 0.5 ms.
func TestBacktrackingBudgets(t *testing.T) {
	var tick time.Time
	now = func() time.Time { tick = tick.Add(time.Millisecond / 2); return tick }
	defer func() { now = time.Now }()
	// The searches' own wall-clock timeout is not under test: a busy
	// machine may stop the thread mid-search for longer than it.
	timeout := pcre.SearchTimeout
	pcre.SearchTimeout = time.Minute
	defer func() { pcre.SearchTimeout = timeout }()
	var lines []string
	for _, sid := range []string{"1", "2", "3"} {
		lines = append(lines, `alert http any any -> any any (http.uri; content:"a"; pcre:"/a(?=b)/R"; sid:`+sid+`;)`)
	}
	e, err := Compile(compileRules(t, lines...))
	if err != nil {
		t.Fatal(err)
	}
	u := appUnit(map[string]string{"http.uri": strings.Repeat("a", 100)})
	if got := e.groupMatch(u, []int{0, 1, 2}); len(got) != 0 {
		t.Errorf("matched %v", got)
	}
	// Rules 1 and 2 each spend their 1 ms (two searches) and are cut at
	// the third; the unit's 2 ms are then spent and rule 3 does not run.
	if l := e.Limits(); l["pcre_budget_reached"] != 3 || l["pcre_timeouts"] != 0 {
		t.Errorf("limits %v", l)
	}
	// The next unit has a fresh budget: its match is found.
	u = appUnit(map[string]string{"http.uri": "aab"})
	if got := e.groupMatch(u, []int{0, 1, 2}); len(got) != 3 {
		t.Errorf("fresh unit matched %v", got)
	}
}
