package main

import (
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

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
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: rulec run did not attach: %s", sig, stderr)
		}
		if n := tcxPrograms(t, pair.Server); n != 1 {
			t.Errorf("%v: %d TCX programs while attached, want 1", sig, n)
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
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: rulec run did not stop", sig)
		}
		if n := tcxPrograms(t, pair.Server); n != 0 {
			t.Errorf("%v: %d TCX programs left behind", sig, n)
		}
		if qdiscs, _ := pair.Server.Run("tc", "qdisc", "show", "dev", pair.Server.Iface); strings.Contains(qdiscs, "clsact") {
			t.Errorf("%v: clsact qdisc left behind:\n%s", sig, qdiscs)
		}
	}
}

// tcxPrograms counts the programs attached with TCX to the namespace's
// interface, ingress and egress.
func tcxPrograms(t *testing.T, ns netnstest.NS) int {
	t.Helper()
	n := 0
	err := ns.Do(func() error {
		ifc, err := net.InterfaceByName(ns.Iface)
		if err != nil {
			return err
		}
		for _, at := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
			res, err := link.QueryPrograms(link.QueryOptions{Target: ifc.Index, Attach: at})
			if err != nil {
				return err
			}
			n += len(res.Programs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLiveRefusedWithoutPrivileges runs the built binary as nobody: it
// must refuse with a clear message, not crash.
func TestLiveRefusedWithoutPrivileges(t *testing.T) {
	bpftest.Require(t)
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("needs setpriv")
	}
	bin := buildRulec(t)
	out, err := exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
		bin, "run", filepath.Join("..", "..", "rules"), "--iface", "lo", "--duration", "1s").CombinedOutput()
	if err == nil {
		t.Fatalf("rulec run as nobody succeeded:\n%s", out)
	}
	if !strings.Contains(string(out), "CAP_BPF") {
		t.Errorf("no clear refusal:\n%s", out)
	}
}
