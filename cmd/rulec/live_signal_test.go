package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
)

// buildRulec builds the command into a temporary directory.
func buildRulec(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rulec")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build rulec: %v\n%s", err, out)
	}
	return bin
}

// TestLiveSignalCleanup runs the built binary attached to a veth in a
// namespace, stops it with SIGINT and SIGTERM, and checks it exits 0 and
// leaves no program on the interface.
func TestLiveSignalCleanup(t *testing.T) {
	bpftest.Require(t)
	bin := buildRulec(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		pair := netnstest.New(t)
		cmd := exec.Command("ip", "netns", "exec", pair.Server.Name, bin, "run", filepath.Join("..", "..", "rules"),
			"--iface", pair.Server.Iface, "--control", filepath.Join(t.TempDir(), "ctl.sock"))
		stderr := &startedWriter{marker: "attached to", started: make(chan struct{})}
		started := stderr.started
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(patience):
			cmd.Process.Kill()
			t.Fatalf("%v: rulec run did not attach: %s", sig, stderr)
		}
		if n, err := pair.Server.TCXPrograms(); err != nil || n != 2 {
			t.Errorf("%v: %d TCX programs while attached (both directions by default), want 2 (%v)", sig, n, err)
		}
		if err := syscall.Kill(cmd.Process.Pid, sig); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%v: exit: %v\n%s", sig, err, stderr)
			}
		case <-time.After(patience):
			cmd.Process.Kill()
			t.Fatalf("%v: rulec run did not stop", sig)
		}
		if n, err := pair.Server.TCXPrograms(); err != nil || n != 0 {
			t.Errorf("%v: %d TCX programs left behind (%v)", sig, n, err)
		}
		if qdiscs, _ := pair.Server.Run("tc", "qdisc", "show", "dev", pair.Server.Iface); strings.Contains(qdiscs, "clsact") {
			t.Errorf("%v: clsact qdisc left behind:\n%s", sig, qdiscs)
		}
	}
}
