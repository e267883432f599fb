package waf

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/seclang"
)

// TestCompilerNames checks that every variable and ctl option the SecLang
// compiler accepts has an entry here.
func TestCompilerNames(t *testing.T) {
	have := variables.Names()
	vars := seclang.Variables()
	if len(vars) < 101 {
		t.Fatalf("compiler lists only %d variables", len(vars))
	}
	for _, v := range vars {
		if !slices.Contains(have, v) {
			t.Errorf("variable %s not registered", v)
		}
	}
	opts := seclang.CtlOptions()
	if len(opts) < 18 {
		t.Fatalf("compiler lists only %d ctl options", len(opts))
	}
	got := slices.Sorted(slices.Values(ctls.Names()))
	if opts = slices.Sorted(slices.Values(opts)); !slices.Equal(got, opts) {
		t.Errorf("ctl options %v, want %v", got, opts)
	}
}
