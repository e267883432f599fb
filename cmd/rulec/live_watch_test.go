package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/netnstest"
)

// TestLiveWatchExec runs the built binary attached to a veth in a
// namespace with --watch-exec: a container runtime started meanwhile is
// reported in the same EVE output as the packet pipeline's events; then
// SIGTERM stops the run.
func TestLiveWatchExec(t *testing.T) {
	bpftest.Require(t)
	pair := netnstest.New(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "rulec")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build rulec: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "main.go")
	os.WriteFile(src, []byte("package main\n\nimport \"time\"\n\nfunc main() { time.Sleep(time.Minute) }\n"), 0o644)
	runc := filepath.Join(dir, "bin", "runc")
	if out, err := exec.Command("go", "build", "-o", runc, src).CombinedOutput(); err != nil {
		t.Fatalf("build fake runc: %v\n%s", err, out)
	}
	bundle := filepath.Join(dir, "bundles", "web-1")
	os.MkdirAll(bundle, 0o755)
	os.WriteFile(filepath.Join(bundle, "config.json"), []byte(`{"hostname":"web"}`), 0o644)

	evePath := filepath.Join(dir, "eve.json")
	cmd := exec.Command("ip", "netns", "exec", pair.Server.Name, bin, "run", filepath.Join("..", "..", "rules"),
		"--iface", pair.Server.Iface, "--watch-exec", "--eve", evePath,
		"--control", filepath.Join(dir, "ctl.sock"))
	stderr := &startedWriter{marker: "watching executions", started: make(chan struct{})}
	started := stderr.started
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(patience):
		cmd.Process.Kill()
		t.Fatalf("rulec run did not start watching executions: %s", stderr)
	}
	fake := exec.Command(runc, "--root", filepath.Join(dir, "state"), "run", "-d", "web-1")
	fake.Dir = bundle
	if err := fake.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { fake.Process.Kill(); fake.Wait() }()
	waitFile(evePath, `"id":"web-1"`)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("rulec run: %v\n%s", err, stderr.String())
	}
	eve, err := os.ReadFile(evePath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(eve), `"event_type":"process"`) || !strings.Contains(string(eve), `"id":"web-1"`) {
		t.Errorf("no process event for the runtime in EVE:\n%s\nstderr:\n%s", eve, stderr.String())
	}
}
