package compiler

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/diag"
)

func compileText(t *testing.T, rules string) *Result {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.rules")
	if err := os.WriteFile(path, []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Compile([]string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestDuplicateSIDKeepsHigherRev: as Suricata, of two rules with one sid
// the later one replaces the earlier when its rev is higher, and is
// dropped otherwise; the one left out is an error.
func TestDuplicateSIDKeepsHigherRev(t *testing.T) {
	res := compileText(t, `alert tcp any any -> any any (content:"a"; sid:1; rev:1;)
alert tcp any any -> any any (content:"b"; sid:1; rev:2;)
alert tcp any any -> any any (content:"c"; sid:2; rev:3;)
alert tcp any any -> any any (content:"d"; sid:2; rev:1;)
`)
	revs := map[uint64]uint64{}
	for _, r := range res.Rules {
		revs[r.Meta.SID] = r.Meta.Rev
	}
	if len(res.Rules) != 2 || revs[1] != 2 || revs[2] != 3 {
		t.Errorf("kept %v, want sid 1 rev 2 and sid 2 rev 3", revs)
	}
	if n := res.Diags.Count(diag.ErrDuplicateSID); n != 2 || res.Tally.Errors != 2 {
		t.Errorf("%d duplicate diagnostics, %d errors; want 2", n, res.Tally.Errors)
	}
}

// TestRequiresSkipsRule: a rule whose requires rulec (Suricata 8.0) does
// not meet is skipped with a warning before its other keywords are read;
// one it meets compiles; a malformed version is an error.
func TestRequiresSkipsRule(t *testing.T) {
	res := compileText(t, `alert tcp any any -> any any (content:"a"; requires: version >= 8; sid:1;)
alert tcp any any -> any any (content:"b"; requires: version >= 7.0.3 < 8 | >= 8.0.0; sid:2;)
alert tcp any any -> any any (no-such-keyword; requires: version < 8; sid:3;)
alert tcp any any -> any any (content:"d"; requires: feature no-such-feature; sid:4;)
alert tcp any any -> any any (content:"e"; requires: keyword content, version > 7; sid:5;)
alert tcp any any -> any any (content:"f"; requires: version >= x.1; sid:6;)
`)
	got := map[uint64]bool{}
	for _, r := range res.Rules {
		got[r.Meta.SID] = true
	}
	if !got[1] || !got[2] || got[3] || got[4] || !got[5] || got[6] {
		t.Errorf("compiled sids %v, want 1, 2 and 5", got)
	}
	var skipped int
	for _, d := range res.Diags.Items {
		if d.Warning() && (d.SID == 3 || d.SID == 4) {
			skipped++
		}
		if d.SID == 6 && !errors.Is(d.Err, diag.ErrBadValue) {
			t.Errorf("sid 6: %v, want a bad value", d.Err)
		}
	}
	if skipped != 2 || res.Tally.Errors != 1 {
		t.Errorf("%d skipped warnings, %d errors; want 2 and 1: %v", skipped, res.Tally.Errors, res.Diags.Items)
	}
}
