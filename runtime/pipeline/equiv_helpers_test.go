package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/lower"
)

// kernelAndUserspace compiles rules, which must all lower to the kernel
// tier, into that object and into one with the same rules all in the
// userspace tier.
func kernelAndUserspace(t *testing.T, rules string) (inKernel, user *object.Object) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "r.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile([]string{dir}, compiler.Options{})
	if err != nil || res.Tally.Errors > 0 {
		t.Fatalf("compile: %v %+v", err, res.Tally)
	}
	inKernel, err = object.Build(res.Rules, bpf.ELF())
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range inKernel.Tiers {
		if d.Tier != lower.Kernel {
			t.Fatalf("sid %d: %s (%s)", inKernel.Rules[i].Meta.SID, d.Tier, d.Reason)
		}
	}
	user = &object.Object{BPF: inKernel.BPF, Rules: inKernel.Rules}
	tiers := make([]lower.Tier, len(user.Rules))
	for i := range user.Rules {
		user.Tiers = append(user.Tiers, lower.Decision{Tier: lower.Userspace, Reason: "test"})
		tiers[i] = lower.Userspace
	}
	if user.Kernel, err = kernel.Build(user.Rules, tiers); err != nil {
		t.Fatal(err)
	}
	return inKernel, user
}

// feedAndClose runs frames through p one millisecond apart, then closes
// it, ending its flows.
func feedAndClose(t *testing.T, p *Pipeline, frames [][]byte) {
	t.Helper()
	ts := time.Unix(1700000000, 0)
	for i, f := range frames {
		if _, err := p.Engine.Frame(ts.Add(time.Duration(i)*time.Millisecond), f); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}
