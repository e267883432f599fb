package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/demo"
)

// TestRunFileStore: a file-store v2 output with force-filestore in the
// --vars suricata.yaml stores files under its dir beside the EVE file,
// and the fileinfo records say so.
func TestRunFileStore(t *testing.T) {
	dir := t.TempDir()
	vars := filepath.Join(dir, "suricata.yaml")
	os.WriteFile(vars, []byte("outputs:\n  - eve-log:\n      types:\n        - files\n  - file-store:\n      version: 2\n      enabled: yes\n      force-filestore: yes\n"), 0o644)
	eveFile := filepath.Join(dir, "eve.json")
	rules := writeRules(t, `alert http any any -> any any (msg:"file"; file.name; content:"/"; sid:1;)`)
	if _, errOut, code := runCLI(t, "run", rules, "--vars", vars, "--kernel", "reference", "--workers", "1", "--pcap", demo.File(t), "--eve", eveFile); code != 0 {
		t.Fatalf("run: %d\n%s", code, errOut)
	}
	eve, _ := os.ReadFile(eveFile)
	stored, _ := filepath.Glob(filepath.Join(dir, "filestore", "*", "*"))
	if strings.Contains(string(eve), `"event_type":"fileinfo"`) != (len(stored) > 0) || !strings.Contains(string(eve), `"stored":true`) {
		t.Errorf("stored %v; eve:\n%.2000s", stored, eve)
	}
}
