package execwatch

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/runtime/bpflog"
)

// fakeRuntimeSource is a program that waits to be killed, so that /proc
// can be read while the watcher confirms it.
const fakeRuntimeSource = `package main

import "time"

func main() { time.Sleep(time.Minute) }
`

// buildFakeRuntime builds fakeRuntimeSource into dir/name.
func buildFakeRuntime(t *testing.T, dir, name string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(src, []byte(fakeRuntimeSource), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, src)
	cmd.Dir = filepath.Dir(src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build fake runtime: %v\n%s", err, b)
	}
	return out
}

func writeScript(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeBundle(t *testing.T, dir, config string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// spawn starts path with args and kills it at the end of the test.
func spawn(t *testing.T, path string, args ...string) int {
	t.Helper()
	cmd := exec.Command(path, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd.Process.Pid
}

func tracefsMounted() bool {
	_, err := os.Stat("/sys/kernel/tracing/events/sched/sched_process_exec/id")
	return err == nil
}

// TestWatcher runs a real-looking runc (an ELF executable named runc with
// runc's command line and a bundle) beside impostors: a script named runc,
// the same ELF named runc without a runtime command line, and a script
// named foobar-runc. Only the first is reported; the kernel filters out
// foobar-runc and logs its execution at debug level; userspace rejects
// the other two.
func TestWatcher(t *testing.T) {
	bpftest.Require(t)
	modes := []struct {
		attach  Attach
		tracefs bool
	}{
		{AttachRawTracepoint, false},
		{AttachTracepoint, true},
	}
	bin := t.TempDir()
	runc := buildFakeRuntime(t, bin, "runc")
	scripts := t.TempDir()
	scriptRunc := writeScript(t, scripts, "runc")
	foobar := writeScript(t, scripts, "foobar-runc")
	bundle := writeBundle(t, filepath.Join(t.TempDir(), "bundles", "web-1"),
		`{"ociVersion":"1.2.0","hostname":"web","annotations":{"io.kubernetes.pod.name":"web-pod"}}`)

	for _, m := range modes {
		t.Run(string(m.attach), func(t *testing.T) {
			if m.tracefs && !tracefsMounted() {
				t.Skip("tracefs is not mounted at /sys/kernel/tracing")
			}
			w, err := Start(Options{LogLevel: bpflog.LevelDebug, Attach: m.attach})
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if err := w.Close(); err != nil {
					t.Error(err)
				}
			}()
			if w.Attached() != m.attach {
				t.Errorf("attached to %q, want %q", w.Attached(), m.attach)
			}
			state := t.TempDir()
			foobarPID := spawn(t, foobar, "--root", state, "run", "--bundle", bundle, "c0")
			scriptPID := spawn(t, scriptRunc, "--root", state, "run", "--bundle", bundle, "c1")
			shapePID := spawn(t, runc, "hello", "world")
			realArgs := []string{"--root", state, "run", "--bundle", bundle, "cid-42"}
			realPID := spawn(t, runc, realArgs...)
			ours := map[int]string{foobarPID: "foobar-runc", scriptPID: "script runc", shapePID: "runc without command", realPID: "runc"}

			var events []Event
			var logs []bpflog.Record
			want := map[string]bool{}
			need := []string{
				key(bpflog.LevelDebug, "exec", foobarPID),
				key(bpflog.LevelInfo, "runtime exec", realPID),
				key(bpflog.LevelInfo, "exec rejected", scriptPID),
				key(bpflog.LevelInfo, "exec rejected", shapePID),
			}
			deadline := time.After(time.Minute)
			for len(events) == 0 || !all(want, need) {
				select {
				case e := <-w.Events():
					if _, ok := ours[int(e.PID)]; ok {
						events = append(events, e)
					}
				case r := <-w.Logs():
					if len(r.Args) > 0 {
						if pid, ok := r.Args[0].(uint64); ok && ours[int(pid)] != "" {
							logs = append(logs, r)
							want[key(r.Level, r.Msg, int(pid))] = true
						}
					}
				case <-deadline:
					t.Fatalf("timed out: events %+v, logs %v, missing records among %v", events, logs, need)
				}
			}
			time.Sleep(200 * time.Millisecond)
		drain:
			for {
				select {
				case e := <-w.Events():
					if _, ok := ours[int(e.PID)]; ok {
						events = append(events, e)
					}
				default:
					break drain
				}
			}
			if len(events) != 1 {
				t.Fatalf("got %d events from the test's processes, want 1 (runc): %+v", len(events), events)
			}
			checkEvent(t, events[0], realPID, runc, realArgs, bundle)
			checkLogs(t, logs, foobarPID, realPID)
			s, err := w.Stats()
			if err != nil {
				t.Fatal(err)
			}
			if s.Execs < 4 || s.Matched < 3 || s.Confirmed < 1 || s.Rejected < 2 {
				t.Errorf("stats %+v: want at least 4 execs, 3 matched, 1 confirmed, 2 rejected", s)
			}
		})
	}
}

func key(l bpflog.Level, msg string, pid int) string { return fmt.Sprintf("%s %s %d", l, msg, pid) }

func all(have map[string]bool, need []string) bool {
	return !slices.ContainsFunc(need, func(k string) bool { return !have[k] })
}

func checkEvent(t *testing.T, e Event, pid int, exe string, args []string, bundle string) {
	t.Helper()
	got := fmt.Sprintf("pid %d ppid %d uid %d comm %s filename %s exe %s runtime %s command %s cmdline %q container %+v",
		e.PID, e.PPID, e.UID, e.Comm, e.Filename, e.Exe, e.Runtime, e.Command, e.Cmdline, e.Container)
	want := fmt.Sprintf("pid %d ppid %d uid %d comm %s filename %s exe %s runtime %s command %s cmdline %q container %+v",
		pid, os.Getpid(), os.Getuid(), "runc", exe, exe, "runc", "run", append([]string{exe}, args...),
		Container{ID: "cid-42", Bundle: bundle, Hostname: "web", Annotations: map[string]string{"io.kubernetes.pod.name": "web-pod"}})
	if got != want {
		t.Errorf("event\n got %s\nwant %s", got, want)
	}
	if d := time.Since(e.Time); d < 0 || d > time.Minute {
		t.Errorf("event time %v is %v from now", e.Time, d)
	}
}

// checkLogs checks the BPF records: the debug record of foobar-runc's
// execution and the info record of runc's.
func checkLogs(t *testing.T, logs []bpflog.Record, foobarPID, realPID int) {
	t.Helper()
	want := []struct {
		level bpflog.Level
		msg   string
		args  []any
	}{
		{bpflog.LevelDebug, "exec", []any{uint64(foobarPID), "foobar-runc"}},
		{bpflog.LevelInfo, "runtime exec", []any{uint64(realPID), "runc", uint64(os.Getpid())}},
	}
	for _, w := range want {
		i := slices.IndexFunc(logs, func(r bpflog.Record) bool {
			return r.Level == w.level && r.Msg == w.msg && r.Rule == bpflog.NoRule && slices.Equal(r.Args, w.args)
		})
		if i < 0 {
			t.Errorf("no %s record %q %v among %v", w.level, w.msg, w.args, logs)
			continue
		}
		if d := time.Since(logs[i].Time); d < 0 || d > time.Minute {
			t.Errorf("record time %v is %v from now", logs[i].Time, d)
		}
	}
}
