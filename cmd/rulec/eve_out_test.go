package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/demo"
)

// TestRunEVEToUnixSocket: an offline run sends to a unix stream socket
// the same EVE records it writes to a regular file.
func TestRunEVEToUnixSocket(t *testing.T) {
	dir := t.TempDir()
	pcap := demo.File(t)
	sock := filepath.Join(dir, "eve.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := make(chan []string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			got <- nil
			return
		}
		var lines []string
		sc := bufio.NewScanner(c)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		got <- lines
	}()
	// One worker: with more, records of different flows may come out in
	// another order in each run.
	eveFile := filepath.Join(dir, "eve.json")
	if _, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--workers", "1", "--pcap", pcap, "--eve", eveFile); code != 0 {
		t.Fatalf("file run: %d\n%s", code, errOut)
	}
	_, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--workers", "1", "--pcap", pcap, "--eve-type", "unix_stream", "--eve", sock)
	if code != 0 {
		t.Fatalf("socket run: %d\n%s", code, errOut)
	}
	want, _ := os.ReadFile(eveFile)
	lines := <-got
	// A reader slower than the write timeout (a busy machine) loses
	// records; each one lost must be counted in the summary.
	wantLines := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
	if !inOrder(lines, wantLines) || len(lines)+undelivered(t, errOut) != len(wantLines) {
		t.Errorf("socket got %d records, file has %d; summary:\n%s", len(lines), len(wantLines), errOut)
	}
	if _, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--pcap", pcap, "--eve", "/dev/null"); code != 0 {
		t.Errorf("--eve /dev/null: %d %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "run", "../../rules", "--pcap", pcap, "--eve-type", "kafka", "--eve", sock); code == 0 || !strings.Contains(errOut, "unknown EVE file type") {
		t.Errorf("kafka: %d %s", code, errOut)
	}
}

// inOrder reports whether every line of got appears in want, in want's order.
func inOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		for i < len(want) && want[i] != g {
			i++
		}
		if i == len(want) {
			return false
		}
		i++
	}
	return true
}

// undelivered is the summary's count of EVE records the output did not take.
func undelivered(t *testing.T, summary string) int {
	t.Helper()
	for _, line := range strings.Split(summary, "\n") {
		if rest, ok := strings.CutPrefix(line, "EVE records not delivered"); ok {
			var n, of int
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d of %d", &n, &of); err != nil {
				t.Fatalf("summary line %q: %v", line, err)
			}
			return n
		}
	}
	return 0
}
