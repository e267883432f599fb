package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputs: each eve-log output is read alone, by its file name, and
// filters name the file they read.
func TestOutputs(t *testing.T) {
	dir := t.TempDir()
	yaml := `outputs:
  - eve-log:
      filename: all.json
      types:
        - dns:
            version: 2
  - eve-log:
      filename: mx.json
      types:
        - dns:
            requests: no
            types: [mx]
`
	checks := "checks:\n  - filter:\n      filename: mx.json\n      count: 3\n      match:\n        event_type: dns\n"
	for name, body := range map[string]string{"suricata.yaml": yaml, "test.yaml": checks} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tt, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(tt.Checks) != 1 || tt.Checks[0].Filename != "mx.json" {
		t.Fatalf("checks %+v", tt.Checks)
	}
	outs, err := tt.Outputs()
	if err != nil || len(outs) != 2 {
		t.Fatalf("outputs %v, %v", outs, err)
	}
	if mx := string(outs["mx.json"]); !strings.Contains(mx, "mx") || strings.Contains(mx, "version") {
		t.Errorf("mx.json output alone: %s", mx)
	}
}
