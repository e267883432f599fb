package main

import (
	"bufio"
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
	eveFile := filepath.Join(dir, "eve.json")
	if _, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--pcap", pcap, "--eve", eveFile); code != 0 {
		t.Fatalf("file run: %d\n%s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--pcap", pcap, "--eve-type", "unix_stream", "--eve", sock); code != 0 {
		t.Fatalf("socket run: %d\n%s", code, errOut)
	}
	want, _ := os.ReadFile(eveFile)
	lines := <-got
	if len(lines) == 0 || strings.Join(lines, "\n")+"\n" != string(want) {
		t.Errorf("socket got %d records, file has %d", len(lines), strings.Count(string(want), "\n"))
	}
	if _, errOut, code := runCLI(t, "run", "../../rules", "--kernel", "reference", "--pcap", pcap, "--eve", "/dev/null"); code != 0 {
		t.Errorf("--eve /dev/null: %d %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "run", "../../rules", "--pcap", pcap, "--eve-type", "kafka", "--eve", sock); code == 0 || !strings.Contains(errOut, "unknown EVE file type") {
		t.Errorf("kafka: %d %s", code, errOut)
	}
}
