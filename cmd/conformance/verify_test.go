package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/verify"
)

// minPassed is the floor of suricata-verify tests that pass: raise it as
// fidelity grows, never lower it.
const minPassed = 91

// TestSuricataVerifyBar runs the corpus and holds the bar: every test is
// run and at least minPassed pass.
func TestSuricataVerifyBar(t *testing.T) {
	dir := corpus.Dir(t, "suricata-verify")
	tests, err := verify.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	run([]string{"suricata-verify", dir}, &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var passed, failed int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "suricata-verify: %d passed, %d failed", &passed, &failed); err != nil {
		t.Fatalf("last line %q: %v\n%s", lines[len(lines)-1], err, errOut.String())
	}
	if passed+failed != len(tests) || passed < minPassed {
		t.Errorf("%d passed, %d failed; want at least %d of %d\n%s", passed, failed, minPassed, len(tests), out.String())
	}
}
