package seclang

import (
	"path/filepath"
	"testing"

	syntax "github.com/rulec/rulec/grammar/seclang"
	"github.com/rulec/rulec/internal/corpus"
)

func crsPaths(tb testing.TB) []string {
	dir := filepath.Join(corpus.Dir(tb, "crs"), "crs-4.28.0")
	return []string{filepath.Join(dir, "crs-setup.conf.example"), filepath.Join(dir, "rules")}
}

// TestCRS holds the corpus bar: all of CRS compiles without errors or
// unsupported constructs.
func TestCRS(t *testing.T) {
	res := Compile(syntax.ParseFiles(crsPaths(t)...))
	for _, d := range res.Diags.Items {
		t.Error(d)
	}
	if res.Tally.Rules < 600 || res.Tally.Errors != 0 || res.Tally.Unsupported != 0 || len(res.Rules) != res.Tally.Rules {
		t.Errorf("CRS: %+v, %d rules kept; want 600+ rules, 0 errors, 0 unsupported", res.Tally, len(res.Rules))
	}
	if res.Config.Settings["SecComponentSignature"] == "" && res.Config.Settings["SecRuleEngine"] == "" {
		t.Logf("no engine settings recorded: %v", res.Config.Settings)
	}
}

func BenchmarkCompileCRS(b *testing.B) {
	paths := crsPaths(b)
	for b.Loop() {
		res := Compile(syntax.ParseFiles(paths...))
		if res.Tally.Errors != 0 {
			b.Fatal(res.Diags.Items[0])
		}
	}
}
