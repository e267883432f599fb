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

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
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

// TestFullRuleSetLoads compiles ET Open five times over (48,885 rules;
// the few with errors or unsupported keywords are left out as always)
// plus the CRS, and loads the object's tables into the classifier.
func TestFullRuleSetLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	et := renumberedCopies(t, 5)
	crs := filepath.Join(corpus.Dir(t, "crs"), "crs-4.28.0", "rules")
	start := time.Now()
	res, err := compiler.Compile([]string{et, crs}, compiler.Options{Vars: vars.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compiled and built in %v", time.Since(start).Round(time.Millisecond))
	suricataRules := 0
	for _, r := range o.Rules {
		if r.Lang == ir.Suricata {
			suricataRules++
		}
	}
	if suricataRules < 48_800 {
		t.Fatalf("%d Suricata rules in the object, want ET Open five times over", suricataRules)
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

func TestCompileStatesCapacity(t *testing.T) {
	dir := writeRules(t, "alert udp any any -> any 53 (content:\"a\"; sid:1;)\nalert http any any -> any any (http.uri; content:\"b\"; sid:2;)\n")
	_, stderr, code := runCLI(t, "compile", dir, "-o", filepath.Join(t.TempDir(), "a.rco"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "kernel capacity: 2 of 131072 slots (1 kernel rule directions, 1 userspace header shapes)") {
		t.Errorf("compile does not state the capacity used:\n%s", stderr)
	}
}
