package match

import (
	"errors"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/runtime/match/pcre"
)

func TestRejected(t *testing.T) {
	rules := compileRules(t,
		`alert tcp any any -> any any (content:"ok"; sid:1;)`,
		`alert tcp any any -> any any (stream_size:server,>,100; sid:2;)`,
		`alert tcp any any -> any any (pcre:"/(?R)/"; sid:3;)`,
		`alert tcp any any -> any any (content:"x"; base64_decode:relative; sid:4;)`,
		`alert http any any -> any any (http.uri; pcrexform:"(?R)"; content:"x"; sid:5;)`,
	)
	rules = append(rules, &ir.Rule{Lang: ir.SecLang, Meta: ir.Meta{SID: 6}})
	e, err := Compile(rules)
	var rej *RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("err = %v, want a RejectedError", err)
	}
	want := map[int]error{1: diag.ErrUnsupported, 2: pcre.ErrUnsupported, 3: diag.ErrUnsupported,
		4: pcre.ErrUnsupported, 5: ErrNotSuricata}
	if len(rej.Rules) != len(want) {
		t.Fatalf("rejected %v, want rules %v", rej.Rules, want)
	}
	for _, r := range rej.Rules {
		if !errors.Is(r, want[r.Index]) {
			t.Errorf("rule %d: %v, want %v", r.Index, r.Err, want[r.Index])
		}
		if r.SID != uint64(r.Index+1) {
			t.Errorf("rule %d: sid %d", r.Index, r.SID)
		}
	}
	if !errors.Is(err, ErrNotSuricata) || !strings.Contains(err.Error(), "5 rules cannot be evaluated") {
		t.Errorf("err = %v", err)
	}
	if got := e.groupMatch(payload("ok x"), []int{0, 1, 2, 3, 4, 5}); len(got) != 1 || got[0] != 0 {
		t.Errorf("Match = %v, want [0]", got)
	}
}

// TestInspectionLimit checks that a search which would try every
// combination of positions stops after InspectionLimit evaluations.
func TestInspectionLimit(t *testing.T) {
	rules := compileRules(t, `alert tcp any any -> any any (content:"a"; content:"a"; distance:0; content:"a"; distance:0; content:"Z"; distance:0; within:1; sid:1;)`)
	e, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	g := e.rules[0].groups[0]
	in := &inspector{steps: g.steps, buf: []byte(strings.Repeat("a", 40)), vars: nil}
	if r := in.run(0, 0); r != aborted || in.count != InspectionLimit {
		t.Errorf("run = %d after %d evaluations, want %d after %d", r, in.count, aborted, InspectionLimit)
	}
	in = &inspector{steps: g.steps, buf: []byte(strings.Repeat("a", 10) + "Z")}
	if r := in.run(0, 0); r != matched {
		t.Errorf("run = %d, want a match", r)
	}
}
