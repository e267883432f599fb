package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/verify"
	"github.com/rulec/rulec/runtime/pipeline"
)

// minPassed is the floor of suricata-verify tests that pass: raise it as
// fidelity grows, never lower it.
const minPassed = 228

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

// TestVerifyDNSTLSKernelMatchesUserspace: the suricata-verify tests on DNS
// and TLS (by name, or rules on dns.query or tls.sni) give the same EVE
// records through the real classifier, which decides dns.query and
// tls.sni rules itself, as with those rules decided by userspace's DNS
// and TLS parsers (--app-userspace).
func TestVerifyDNSTLSKernelMatchesUserspace(t *testing.T) {
	bpftest.Require(t)
	dir := corpus.Dir(t, "suricata-verify")
	tests, err := verify.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, vt := range tests {
		if vt.Skip != "" || !dnsOrTLS(t, vt) {
			continue
		}
		kdir, udir := t.TempDir(), t.TempDir()
		kwhy := runTest(vt, pipeline.KernelBPF, false, kdir)
		uwhy := runTest(vt, pipeline.KernelBPF, true, udir)
		if kwhy != uwhy {
			t.Errorf("%s: with the kernel tier %q, with --app-userspace %q", vt.Name, kwhy, uwhy)
		}
		name := strings.ReplaceAll(vt.Name, string(filepath.Separator), "_") + ".json"
		k, u := eveRecords(t, filepath.Join(kdir, name)), eveRecords(t, filepath.Join(udir, name))
		if !slices.Equal(k, u) {
			t.Errorf("%s: %d EVE records with the kernel tier, %d with --app-userspace:\n%s\n--\n%s", vt.Name, len(k), len(u), strings.Join(k, "\n"), strings.Join(u, "\n"))
		}
		compared++
	}
	if compared < 20 {
		t.Errorf("only %d DNS and TLS tests compared", compared)
	}
	t.Logf("%d DNS and TLS tests give the same EVE records both ways", compared)
}

// dnsOrTLS reports whether a test is about DNS or TLS: by its name or by
// rules on dns.query or tls.sni.
func dnsOrTLS(t *testing.T, vt *verify.Test) bool {
	if strings.Contains(vt.Name, "dns") || strings.Contains(vt.Name, "tls") {
		return true
	}
	for _, f := range vt.Rules {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("dns.query")) || bytes.Contains(b, []byte("tls.sni")) {
			return true
		}
	}
	return false
}

// eveRecords returns a test's EVE records, sorted, without the alert's
// rulec.tier (kernel or userspace) and the engine records' time (the wall
// clock of the run, as Suricata's engine log has it).
func eveRecords(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if r, ok := rec["rulec"].(map[string]any); ok {
			delete(r, "tier")
		}
		if rec["event_type"] == "engine" {
			delete(rec, "timestamp")
		}
		s, _ := json.Marshal(rec)
		out = append(out, string(s))
	}
	slices.Sort(out)
	return out
}
