package suricata

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
	"github.com/rulec/rulec/internal/corpus"
)

func readETOpen(tb testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range corpus.Files(tb, "etopen", "*.rules") {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[f] = b
	}
	return out
}

// knownBroken are the ET Open rules with a real mistake: sid 2061962 lacks
// the ';' between threshold and reference, which Suricata, and so rulec,
// ignores with a warning.
var knownBroken = map[uint64]error{2061962: diag.ErrWarning}

// TestETOpen holds the corpus bars: no errors, warnings on the known
// broken rules only, at most 1% unsupported.
func TestETOpen(t *testing.T) {
	c := New(vars.Defaults())
	var total diag.Tally
	broken := 0
	for name, src := range readETOpen(t) {
		_, ds, tally := c.File(name, src)
		total.Merge(tally)
		for _, d := range ds.Items {
			switch want, known := knownBroken[d.SID]; {
			case known && errors.Is(d, want):
				broken++
			case !d.Unsupported():
				t.Error(d)
			}
		}
	}
	if total.Rules < 9000 || total.Errors != 0 || total.Warnings != broken || broken != len(knownBroken) || total.Unsupported*100 > total.Rules {
		t.Errorf("ET Open: %+v, want no errors, %d warnings (sids %v) and at most 1%% unsupported", total, len(knownBroken), knownBroken)
	}
}

// TestRoundTrip prints every ET Open rule and compiles it again: the IR
// must be the same.
func TestRoundTrip(t *testing.T) {
	c := New(vars.Defaults())
	n := 0
	for name, src := range readETOpen(t) {
		parsed, _ := syntax.ParseFile(name, src)
		for _, r := range parsed {
			first, ds := c.Rule(r)
			if len(ds) > 0 {
				continue
			}
			again, err := syntax.ParseRule(name, syntax.Format(r))
			if err != nil {
				t.Fatalf("%v: %v", r.Pos, err)
			}
			second, ds := c.Rule(again)
			if len(ds) > 0 {
				t.Fatalf("%v: reprinted rule fails: %v", r.Pos, ds[0])
			}
			first.Pos, second.Pos = diag.Pos{}, diag.Pos{}
			if !reflect.DeepEqual(first, second) {
				t.Fatalf("%v: IR differs after printing:\n%s", r.Pos, syntax.Format(r))
			}
			n++
		}
	}
	if n < 9000 {
		t.Errorf("round-tripped %d rules", n)
	}
}

// BenchmarkCompileETOpen parses and resolves all of ET Open into the IR.
func BenchmarkCompileETOpen(b *testing.B) {
	files := readETOpen(b)
	size := 0
	for _, src := range files {
		size += len(src)
	}
	b.SetBytes(int64(size))
	var rules []*ir.Rule
	for b.Loop() {
		rules = rules[:0]
		c := New(vars.Defaults())
		for name, src := range files {
			rs, _, _ := c.File(name, src)
			rules = append(rules, rs...)
		}
	}
	b.ReportMetric(float64(len(rules))*float64(b.N)/b.Elapsed().Seconds(), "rules/s")
}
