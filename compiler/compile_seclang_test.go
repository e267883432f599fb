package compiler

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
)

func TestRuleFilesCRSFolder(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0", "rules")
	files, err := ruleFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Errorf("%d files, want the CRS .conf files", len(files))
	}
	for _, f := range files {
		if filepath.Ext(f) != ".conf" {
			t.Errorf("folder walk yielded %s", f)
		}
	}
}

// TestCompileCRS is the `rulec check` bar on CRS with its example setup.
func TestCompileCRS(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0")
	res, err := Compile([]string{filepath.Join(dir, "crs-setup.conf.example"), filepath.Join(dir, "rules")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	res.WriteReport(&report, false)
	if res.Tally.Rules < 600 || res.Tally.Errors != 0 || res.Tally.Unsupported != 0 || len(res.Rules) != res.Tally.Rules {
		t.Errorf("CRS: %+v with %d rules kept\n%s", res.Tally, len(res.Rules), report.String())
	}
}
