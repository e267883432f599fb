package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func writeRules(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.rules"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCheckExitCodes(t *testing.T) {
	clean := writeRules(t, "alert tcp any any -> any any (msg:\"a\"; sid:1;)\n")
	unsupported := writeRules(t, "alert tcp any any -> any any (zz; sid:1;)\n")
	broken := writeRules(t, "alert tcp any any -> any any (sid:1;)\nalert tcp any any -> any any (sid:1;)\n")
	cases := []struct {
		args []string
		code int
		last string
	}{
		{[]string{"check", clean}, 0, "checked 1 rules: 1 kernel, 0 userspace, 0 unsupported, 0 errors"},
		{[]string{"check", unsupported}, 0, "checked 1 rules: 0 kernel, 0 userspace, 1 unsupported, 0 errors"},
		{[]string{"check", "--strict", unsupported}, 1, "checked 1 rules: 0 kernel, 0 userspace, 1 unsupported, 0 errors"},
		{[]string{"check", broken}, 1, "checked 2 rules: 1 kernel, 0 userspace, 0 unsupported, 1 errors"},
	}
	for _, c := range cases {
		out, _, code := runCLI(t, c.args...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != c.code || lines[len(lines)-1] != c.last {
			t.Errorf("%v: code %d, output %q; want %d, last line %q", c.args, code, out, c.code, c.last)
		}
	}
}

func TestCheckVarsFile(t *testing.T) {
	dir := writeRules(t, "alert tcp $LAB any -> any any (sid:1;)\n")
	varsFile := filepath.Join(dir, "vars.yaml")
	os.WriteFile(varsFile, []byte("vars:\n  address-groups:\n    LAB: \"10.9.0.0/16\"\n"), 0o644)
	if out, _, code := runCLI(t, "check", filepath.Join(dir, "a.rules")); code != 1 || !strings.Contains(out, "$LAB: unknown variable") {
		t.Errorf("without vars: %d %q", code, out)
	}
	if out, _, code := runCLI(t, "check", "--vars", varsFile, filepath.Join(dir, "a.rules")); code != 0 {
		t.Errorf("with vars: %d %q", code, out)
	}
}

func TestUsage(t *testing.T) {
	if out, _, code := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "check") || !strings.Contains(out, "version") {
		t.Errorf("--help: %d %q", code, out)
	}
	if out, _, code := runCLI(t, "help", "check"); code != 0 || !strings.Contains(out, "--strict") {
		t.Errorf("help check: %d %q", code, out)
	}
	if out, _, code := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "rulec ") {
		t.Errorf("version: %d %q", code, out)
	}
	if _, errOut, code := runCLI(t, "frob"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown: %d %q", code, errOut)
	}
	if _, errOut, code := runCLI(t, "check", "/nonexistent"); code != 2 || !strings.Contains(errOut, "nonexistent") {
		t.Errorf("missing path: %d %q", code, errOut)
	}
}
