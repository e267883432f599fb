package demo

import (
	"os"
	"path/filepath"
	"testing"
)

// File writes the demo capture into a temporary folder of tb and returns
// its path.
func File(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "demo.pcap")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := Write(f); err != nil {
		tb.Fatal(err)
	}
	return path
}
