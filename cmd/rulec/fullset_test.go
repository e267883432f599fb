package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/runtime/kernel"
)

var sidOption = regexp.MustCompile(`\bsid:\s*(\d+)\s*;`)

// renumberedCopies writes n copies of the ET Open files into a folder,
// copy k with every sid moved up by k*100,000,000, so that the copies
// are distinct rules: a rule set the size of the whole ET Open.
func renumberedCopies(t *testing.T, n int) string {
	t.Helper()
	files := corpus.Files(t, "etopen", "*.rules")
	dir := t.TempDir()
	for k := range n {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out := sidOption.ReplaceAllFunc(data, func(m []byte) []byte {
				sid, _ := strconv.Atoi(string(sidOption.FindSubmatch(m)[1]))
				return fmt.Appendf(nil, "sid:%d;", sid+k*100_000_000)
			})
			name := fmt.Sprintf("%d-%s", k, filepath.Base(f))
			if err := os.WriteFile(filepath.Join(dir, name), out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestFullRuleSetLoads compiles ET Open five times over (48,885 rules)
// plus the CRS, states the kernel capacity used, and loads the object's
// tables into the classifier.
func TestFullRuleSetLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	et := renumberedCopies(t, 5)
	crs := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0", "rules")
	out := filepath.Join(t.TempDir(), "full.rco")
	start := time.Now()
	_, stderr, code := runCLI(t, "compile", et, crs, "-o", out)
	t.Logf("compiled in %v", time.Since(start).Round(time.Millisecond))
	if code != 0 {
		t.Fatalf("compile exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "kernel capacity: ") {
		t.Errorf("compile does not state the capacity used:\n%s", stderr)
	}
	o, err := object.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(o.Rules); n < 48_885 {
		t.Fatalf("%d rules in the object, want at least 48,885", n)
	}
	c := o.Kernel.Capacity()
	t.Log(c)
	if c.Shapes > 2000 {
		t.Errorf("%d userspace header shapes: userspace rules are not sharing slots by header", c.Shapes)
	}
	bpftest.Require(t)
	cl, err := kernel.Load(o.Kernel, kernel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if _, err := cl.Run(make([]byte, 60)); err != nil {
		t.Fatal(err)
	}
}
