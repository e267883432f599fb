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

// TestLiveStatsAndReload runs the built binary with --stats and a small
// --ring-size: EVE gets periodic stats records in Suricata's shape with
// the ring's size; a reload through the control socket that fails is
// logged by the run, not only told to the client; SIGTERM ends with one
// summary line (the last stats line is not printed again) and a final
// stats record.
func TestLiveStatsAndReload(t *testing.T) {
	bpftest.Require(t)
	bin := buildRulec(t)
	pair := netnstest.New(t)
	rules := writeRules(t, "alert udp any any -> any 53 (msg:\"dns\"; content:\"x\"; sid:1;)\n")
	dir := t.TempDir()
	evePath, ctl := filepath.Join(dir, "eve.json"), filepath.Join(dir, "ctl.sock")
	cmd := exec.Command("ip", "netns", "exec", pair.Server.Name, bin, "run", rules, "--iface", pair.Server.Iface,
		"--eve", evePath, "--control", ctl, "--stats", "200ms", "--ring-size", "64K")
	stderr := &startedWriter{marker: "attached to", started: make(chan struct{})}
	started := stderr.started
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatalf("rulec run did not attach: %s", stderr)
	}
	if !waitFile(evePath, `"event_type":"stats"`) {
		t.Errorf("no periodic EVE stats record; stderr:\n%s", stderr)
	}

	if err := os.WriteFile(filepath.Join(rules, "a.rules"), []byte("alert udp any any -> any 53 (msg:\"broken\"; sid:1;)\nalert udp any any -> any 53 (sid:1;)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "reload", "--control", ctl)
	if code != 1 || !strings.Contains(errOut, "rules with errors") {
		t.Errorf("reload of a broken set: exit %d, %q", code, errOut)
	}
	if !waitUntil(func() bool {
		return strings.Contains(stderr.String(), "reload (control socket) failed, the old rules stay")
	}) {
		t.Errorf("the run did not log the failed reload:\n%s", stderr)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("rulec run: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "summary: ") || strings.Count(stderr.String(), "summary: ") != 1 || !strings.Contains(last, "lost: ring buffer 0 records") {
		t.Errorf("want one summary, last:\n%s", stderr)
	}
	if len(lines) > 1 && lines[len(lines)-2] == last {
		t.Errorf("last line printed twice:\n%s", stderr)
	}
	eve, err := os.ReadFile(evePath)
	if err != nil {
		t.Fatal(err)
	}
	records := strings.Split(strings.TrimSpace(string(eve)), "\n")
	if final := records[len(records)-1]; !strings.Contains(final, `"event_type":"stats"`) || !strings.Contains(final, `"kernel_drops":0`) ||
		!strings.Contains(final, `"size":65536`) {
		t.Errorf("last EVE record is not the final stats record: %s", final)
	}
}
