package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/codegen/kernel"
)

// TestCheckRefusesWhatCompileRefuses: a set over the classifier's slot
// capacity (every bidirectional rule takes two slots) fails check as it
// fails compile, with the same reason.
func TestCheckRefusesWhatCompileRefuses(t *testing.T) {
	var b strings.Builder
	for i := range kernel.MaxSlots/2 + 1 {
		fmt.Fprintf(&b, "alert udp any any <> any %d (msg:\"x\"; sid:%d;)\n", i%65535+1, i+1)
	}
	dir := writeRules(t, b.String())
	const want = "the classifier holds"
	_, stderr, code := runCLI(t, "compile", dir, "-o", filepath.Join(t.TempDir(), "a.rco"))
	if code != 1 || !strings.Contains(stderr, want) {
		t.Fatalf("compile: exit %d, %q", code, stderr)
	}
	_, stderr, code = runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("check: exit %d, %q; want 1 and %q as compile", code, stderr, want)
	}
}
