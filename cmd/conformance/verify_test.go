package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/corpus"
)

// TestSuricataVerifyBar runs the corpus and holds the bar: at least 60 of
// its 69 tests pass.
func TestSuricataVerifyBar(t *testing.T) {
	dir := corpus.Dir(t, "suricata-verify")
	var out, errOut bytes.Buffer
	run([]string{"suricata-verify", dir}, &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var passed, failed int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "suricata-verify: %d passed, %d failed", &passed, &failed); err != nil {
		t.Fatalf("last line %q: %v\n%s", lines[len(lines)-1], err, errOut.String())
	}
	if passed+failed != 69 || passed < 60 {
		t.Errorf("%d passed, %d failed; want at least 60 of 69\n%s", passed, failed, out.String())
	}
}
