package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/demo"
)

// TestRunTruncatedCapture: a capture whose last record is cut short runs
// every complete frame, exits 0 and counts the cut record in the summary.
func TestRunTruncatedCapture(t *testing.T) {
	data, err := os.ReadFile(demo.File(t))
	if err != nil {
		t.Fatal(err)
	}
	pcap := filepath.Join(t.TempDir(), "cut.pcap")
	if err := os.WriteFile(pcap, data[:len(data)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--workers", "1", "--pcap", pcap, "--eve", "/dev/null")
	if code != 0 || !strings.Contains(errOut, "capture records cut short at the end of the file, not inspected 1") {
		t.Errorf("exit %d, summary:\n%s", code, errOut)
	}
}
