package match

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
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

// TestGroupJointScan checks that buffers of several keys that are the
// same bytes in a unit (a response body as file.data and
// http.response_body) are scanned once for the patterns of all of them,
// and that each key's rules still come only from their own patterns.
func TestGroupJointScan(t *testing.T) {
	var lines []string
	for i := range 6 {
		buf := "file.data"
		if i%2 == 1 {
			buf = "http.response_body"
		}
		lines = append(lines, fmt.Sprintf(`alert http any any -> any any (%s; content:"body%d-x"; nocase; sid:%d;)`, buf, i, i+1))
	}
	lines = append(lines, `alert http any any -> any any (file.data; content:"shared"; sid:10;)`,
		`alert http any any -> any any (http.response_body; content:"shared"; sid:11;)`)
	e, err := Compile(compileRules(t, lines...))
	if err != nil {
		t.Fatal(err)
	}
	all := e.All()
	for _, tc := range []struct {
		rules []int
		body  string
	}{
		{all, "BODY1-X and body2-x, shared"},
		{all, "body0-x"},
		{[]int{6, 7}, "shared"},
		{[]int{0, 1}, "body1-x"},
	} {
		body := []byte(strings.Repeat(".", minJoint) + tc.body)
		for _, same := range []bool{true, false} {
			u := appUnit(nil)
			u.SetBuffer("file.data", body)
			if same {
				u.SetBuffer("http.response_body", body)
			} else {
				u.SetBuffer("http.response_body", bytes.Clone(body))
			}
			g := e.NewGroup(tc.rules)
			got := g.Match(u, nil)
			slices.Sort(got)
			if want := e.confirmEach(u, tc.rules); !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("rules %v, %q, same bytes %v: %v, want %v (not empty)", tc.rules, tc.body, same, got, want)
			}
			if n := len(g.joints.m); same != (n == 1) {
				t.Errorf("rules %v, same bytes %v: %d joint scans", tc.rules, same, n)
			}
		}
	}
}
