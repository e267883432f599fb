package suricata

import (
	"os"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
)

func readCorpus(tb testing.TB) map[string][]byte {
	files := corpus.Files(tb, "etopen", "*.rules")
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[f] = b
	}
	return out
}

func TestETOpenParses(t *testing.T) {
	n := 0
	for name, src := range readCorpus(t) {
		rules, errs := ParseFile(name, src)
		for _, e := range errs.Items {
			t.Error(e)
		}
		for _, r := range rules {
			if !r.Disabled {
				n++
			}
			again, err := ParseRule(name, Format(r))
			if err != nil {
				t.Fatalf("%v: reparse of %s: %v", r.Pos, Format(r), err)
			}
			if Format(again) != Format(r) {
				t.Fatalf("%v: format not stable:\n%s\n%s", r.Pos, Format(r), Format(again))
			}
		}
	}
	if n < 9000 {
		t.Errorf("parsed %d enabled rules, want the whole corpus", n)
	}
}

func BenchmarkParseETOpen(b *testing.B) {
	corpus := readCorpus(b)
	size, rules := 0, 0
	for name, src := range corpus {
		size += len(src)
		rs, _ := ParseFile(name, src)
		rules += len(rs)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for name, src := range corpus {
			ParseFile(name, src)
		}
	}
	b.ReportMetric(float64(rules)*float64(b.N)/b.Elapsed().Seconds(), "rules/s")
}
