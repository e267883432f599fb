package waf_test

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/ftw"
	"github.com/rulec/rulec/runtime/waf"
)

// TestPrefilterChangesNothing runs every request of CRS's regression tests
// through CRS at paranoia level 4 with and without the literal prefilter
// and requires the same matches, logged or not, with the same data.
func TestPrefilterChangesNothing(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0")
	build := func() *waf.WAF {
		w, err := ftw.Compile(filepath.Join(dir, "crs-setup.conf.example"), []string{filepath.Join(dir, "rules")}, ftw.CRSConfig())
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	fast, slow := build(), build()
	waf.DisablePrefilter(slow)
	paths, err := ftw.Files([]string{filepath.Join(dir, "tests")})
	if err != nil {
		t.Fatal(err)
	}
	var files []*ftw.File
	for _, p := range paths {
		f, err := ftw.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	type match struct {
		id         uint64
		data, name string
	}
	outcome := func(w *waf.WAF, in *ftw.Input) []match {
		tx, err := ftw.Replay(w, in)
		if errors.Is(err, ftw.ErrBadRequest) {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Close()
		var out []match
		for _, m := range tx.MatchedRules() {
			out = append(out, match{m.ID, m.Data, m.MatchedVarName})
		}
		return out
	}
	inputs := ftw.Inputs(files)
	for i, in := range inputs {
		if a, b := outcome(fast, in), outcome(slow, in); !slices.Equal(a, b) {
			t.Errorf("request %d: with prefilter %v, without %v", i, a, b)
		}
	}
	if len(inputs) < 2000 {
		t.Errorf("only %d requests", len(inputs))
	}
}
