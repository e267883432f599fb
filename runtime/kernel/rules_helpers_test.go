package kernel

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/lower"
)

// buildRules compiles rules, with the rule files of more folders, into an
// object; a rule that does not compile fails the test.
func buildRules(t *testing.T, rules string, more ...string) *object.Object {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "test.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile(append([]string{dir}, more...), compiler.Options{})
	if err != nil || res.Tally.Errors > 0 {
		t.Fatalf("compile: %v %+v", err, res.Tally)
	}
	o, err := object.Build(res.Rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// kernelExcept fails the test for each rule of o outside the kernel tier,
// except those with the sids given.
func kernelExcept(t *testing.T, o *object.Object, userspace ...int64) {
	t.Helper()
	for i, d := range o.Tiers {
		sid := int64(o.Rules[i].Meta.SID)
		if d.Tier != lower.Kernel && !slices.Contains(userspace, sid) {
			t.Errorf("sid %d: %s (%s), want kernel", sid, d.Tier, d.Reason)
		}
	}
}
