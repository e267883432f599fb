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
const minPassed = 162

// maxSkipped bounds the tests skipped as not applying to a Suricata 8.0
// build: 12 need Suricata 9, 2 need an older one (lt-version: 8), 2 an
// ASAN build.
const maxSkipped = 16

// TestSuricataVerifyBar runs the corpus and holds the bar: every test is
// run, at least minPassed pass and at most maxSkipped are skipped.
func TestSuricataVerifyBar(t *testing.T) {
	dir := corpus.Dir(t, "suricata-verify")
	tests, err := verify.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	run([]string{"suricata-verify", dir}, &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var passed, failed, skipped int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "suricata-verify: %d passed, %d failed, %d skipped", &passed, &failed, &skipped); err != nil {
		t.Fatalf("last line %q: %v\n%s", lines[len(lines)-1], err, errOut.String())
	}
	if passed+failed+skipped != len(tests) || passed < minPassed || skipped > maxSkipped {
		t.Errorf("%d passed, %d failed, %d skipped; want at least %d of %d passed, at most %d skipped\n%s", passed, failed, skipped, minPassed, len(tests), maxSkipped, out.String())
	}
}
