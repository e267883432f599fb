package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckReportsRuntimeRejections: check reports the rules rulec run
// would leave out, one at a time, instead of passing them.
func TestCheckReportsRuntimeRejections(t *testing.T) {
	dir := t.TempDir()
	conf := "SecRule ARGS \"@rx a\" \"id:1,phase:1,pass,log\"\n" +
		"SecRule XML:/a/b \"@rx x\" \"id:2,phase:2,pass,log\"\n" +
		"SecRule ARGS \"@rx b\" \"id:3,phase:2,pass,log\"\n"
	if err := os.WriteFile(filepath.Join(dir, "a.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, "check", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("code %d, output %q", code, out)
	}
	if want := "a.conf:2:1: sid 2: not run by the runtime: "; !strings.Contains(lines[0], want) || !strings.Contains(lines[0], `XPath "/a/b"`) {
		t.Errorf("diagnostic %q, want %q and the reason", lines[0], want)
	}
	if want := "checked 3 rules: 0 kernel, 2 userspace, 1 unsupported, 0 errors"; lines[1] != want {
		t.Errorf("summary %q, want %q", lines[1], want)
	}
	if _, _, code := runCLI(t, "check", "--strict", dir); code != 1 {
		t.Errorf("--strict: code %d, want 1", code)
	}
}

// TestCheckReportsBadPCRE: a pcre the regex engines refuse is reported by
// check, as the runtime would leave its rule out.
func TestCheckReportsBadPCRE(t *testing.T) {
	dir := writeRules(t, "alert http any any -> any any (msg:\"x\"; http.uri; content:\"a\"; pcre:\"/(a/U\"; sid:7;)\n"+
		"alert http any any -> any any (msg:\"y\"; http.uri; content:\"a\"; pcre:\"/a+b/U\"; sid:8;)\n")
	out, _, code := runCLI(t, "check", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.Contains(lines[0], "a.rules:1:1: sid 7: not run by the runtime: pcre: /(a/") ||
		lines[1] != "checked 2 rules: 0 kernel, 1 userspace, 1 unsupported, 0 errors" {
		t.Errorf("code %d, output %q", code, out)
	}
}
