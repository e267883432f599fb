package match

import (
	"fmt"
	"slices"
	"testing"
)

// TestGroupScans checks that a group holding few of a buffer's patterns
// does not walk the automaton of them all: one or two are looked for as
// literals, up to half through an automaton of the group's own, more
// through the buffer's whole prefilter; each way finds what confirming
// every candidate finds, case folding included.
func TestGroupScans(t *testing.T) {
	var lines []string
	for i := range 8 {
		nocase := ""
		if i%2 == 1 {
			nocase = " nocase;"
		}
		lines = append(lines, fmt.Sprintf(`alert tcp any any -> any any (content:"Pat%d-x";%s sid:%d;)`, i, nocase, i+1))
	}
	lines = append(lines, `alert tcp any any -> any any (content:"ab"; sid:20;)`)
	e, err := Compile(compileRules(t, lines...))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rules []int
		want  string // literals, subset or whole
	}{
		{[]int{0}, "literals"},
		{[]int{1, 8}, "literals"},
		{[]int{0, 1, 2, 8}, "subset"},
		{[]int{0, 1, 2, 3, 4, 5, 6}, "whole"},
	}
	payloads := []string{"Pat0-x", "pat0-X", "xxPAT1-Xyy", "pat1-x", "Pat2-xPat3-xab", "AB", "Pat4-x pat5-x Pat6-x", ""}
	for _, tc := range tests {
		g := e.NewGroup(tc.rules)
		if len(g.scans) != 1 {
			t.Fatalf("rules %v: %d scans, want 1", tc.rules, len(g.scans))
		}
		s := g.scans[0]
		got := "whole"
		switch {
		case s.m == nil:
			got = "literals"
		case s.ids != nil:
			got = "subset"
		}
		if got != tc.want {
			t.Errorf("rules %v: scanned as %s, want %s", tc.rules, got, tc.want)
		}
		for _, p := range payloads {
			u := payload(p)
			m := g.Match(u, nil)
			slices.Sort(m)
			if want := e.confirmEach(u, tc.rules); !slices.Equal(m, want) {
				t.Errorf("rules %v, %q: %v, want %v", tc.rules, p, m, want)
			}
		}
	}
	if e.subsets.size == 0 || len(e.subsets.m) != 1 {
		t.Errorf("subset cache: %d automata, %d bytes; want one", len(e.subsets.m), e.subsets.size)
	}
}
