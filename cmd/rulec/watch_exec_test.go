package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
)

func TestWatchExecUsage(t *testing.T) {
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--log-level", "loud"}, 2, `unknown log level "loud"`},
		{[]string{"extra"}, 2, "takes no arguments"},
		{[]string{"--runtimes", ""}, 2, "at least one runtime name"},
		{[]string{"--duration", "soon"}, 2, ""},
		{[]string{"--runtimes", "runc,/usr/bin/crun"}, 1, `runtime name "/usr/bin/crun"`},
	}
	for _, c := range cases {
		_, errOut, code := runCLI(t, append([]string{"watch-exec"}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.stderr) {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.stderr)
		}
	}
	out, _, code := runCLI(t, "help", "watch-exec")
	for _, flag := range []string{"--eve", "--log-level", "--runtimes", "--duration"} {
		if code != 0 || !strings.Contains(out, flag) {
			t.Errorf("help watch-exec: code %d, no %s in %q", code, flag, out)
		}
	}
}

// startedWriter collects output and tells when it contains a marker.
type startedWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	marker  string
	started chan struct{}
}

func (w *startedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if w.started != nil && strings.Contains(w.buf.String(), w.marker) {
		close(w.started)
		w.started = nil
	}
	return n, err
}

func (w *startedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestWatchExec runs the command until a fake runc (an ELF executable
// named runc) started in a bundle directory is reported, then stops it
// with SIGTERM.
func TestWatchExec(t *testing.T) {
	bpftest.Require(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"time\"\n\nfunc main() { time.Sleep(time.Minute) }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runc := filepath.Join(dir, "bin", "runc")
	build := exec.Command("go", "build", "-o", runc, src)
	build.Dir = dir
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build fake runc: %v\n%s", err, b)
	}
	bundle := filepath.Join(dir, "bundles", "db-0")
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bundle, "config.json"), []byte(`{"hostname":"db"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	evePath := filepath.Join(dir, "eve.json")
	stderr := &startedWriter{marker: "watching executions", started: make(chan struct{})}
	started := stderr.started
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"watch-exec", "--eve", evePath, "--runtimes", "runc"}, io.Discard, stderr)
	}()
	select {
	case <-started:
	case code := <-done:
		t.Fatalf("watch-exec exited with %d: %s", code, stderr)
	}
	fake := exec.Command(runc, "--root", filepath.Join(dir, "state"), "run", "-d", "cid-9")
	fake.Dir = bundle
	if err := fake.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		fake.Process.Kill()
		fake.Wait()
	}()
	logged := "info runtime exec " + strconv.Itoa(fake.Process.Pid) + ` "runc"`
	if !waitFile(evePath, `"pid":`+strconv.Itoa(fake.Process.Pid)+`,`) || !waitUntil(func() bool { return strings.Contains(stderr.String(), logged) }) {
		t.Errorf("no EVE record or log record of pid %d; stderr:\n%s", fake.Process.Pid, stderr)
	}
	// Stop it as a user would; its signal handler is installed while it
	// runs, so the signal does not reach the test process.
	select {
	case code := <-done:
		t.Fatalf("watch-exec exited early with %d: %s", code, stderr)
	default:
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	f, err := os.Open(evePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type record struct {
		EventType string `json:"event_type"`
		Process   struct {
			PID       int      `json:"pid"`
			Runtime   string   `json:"runtime"`
			Command   string   `json:"command"`
			Cmdline   []string `json:"cmdline"`
			Container struct {
				ID       string `json:"id"`
				Bundle   string `json:"bundle"`
				Hostname string `json:"hostname"`
			} `json:"container"`
		} `json:"process"`
	}
	var found []record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("EVE line %q: %v", sc.Text(), err)
		}
		if r.Process.PID == fake.Process.Pid {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d EVE records of pid %d, want 1; stderr:\n%s", len(found), fake.Process.Pid, stderr)
	}
	r := found[0]
	if r.EventType != "process" || r.Process.Runtime != "runc" || r.Process.Command != "run" || len(r.Process.Cmdline) != 6 ||
		r.Process.Container.ID != "cid-9" || r.Process.Container.Bundle != bundle || r.Process.Container.Hostname != "db" {
		t.Errorf("EVE record %+v", r)
	}
}

// patience bounds waits for what must happen: generous, since the machine
// may be busy, and never reached when a test passes.
const patience = time.Minute

// waitUntil polls cond until it holds or patience runs out.
func waitUntil(cond func() bool) bool {
	for end := time.Now().Add(patience); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// waitFile waits until the file at path contains s.
func waitFile(path, s string) bool {
	return waitUntil(func() bool {
		b, _ := os.ReadFile(path)
		return strings.Contains(string(b), s)
	})
}
