package execwatch

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/eve"
)

func int8s(s string, n int) []int8 {
	b := make([]int8, n)
	for i := range len(s) {
		b[i] = int8(s[i])
	}
	return b
}

func TestDecodeKernelEvent(t *testing.T) {
	k := kernelEvent{Pid: 7, OldPid: 9, Tgid: 7, Ppid: 1, Uid: 1000, Gid: 100, FilenameLen: 13}
	copy(k.Comm[:], int8s("runc", len(k.Comm)))
	copy(k.Filename[:], int8s("/usr/bin/runcSTALE", len(k.Filename)))
	raw, err := binary.Append(nil, binary.NativeEndian, k)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeKernelEvent(raw)
	if err != nil {
		t.Fatal(err)
	}
	e := newEvent(got, process{exe: "/usr/bin/runc", runtime: "runc", inv: invocation{command: "start"}}, Container{ID: "c"})
	if e.PID != 7 || e.OldPID != 9 || e.PPID != 1 || e.UID != 1000 || e.GID != 100 || e.Comm != "runc" ||
		e.Filename != "/usr/bin/runc" || e.Command != "start" || e.Container.ID != "c" {
		t.Errorf("got %+v", e)
	}
	if _, err := decodeKernelEvent(raw[:len(raw)-1]); err == nil {
		t.Error("a short record decodes")
	}
}

func TestEVE(t *testing.T) {
	e := Event{
		Time: time.Date(2026, 11, 25, 10, 0, 0, 123456000, time.UTC),
		PID:  4242, OldPID: 4242, TGID: 4242, PPID: 4200, UID: 0, GID: 0,
		Comm: "runc", Filename: "/usr/bin/runc", Exe: "/usr/bin/runc",
		Cmdline: []string{"runc", "--root", "/run/runc", "run", "--bundle", "/b/web-1", "web-1"},
		Runtime: "runc", Command: "run",
		Container: Container{ID: "web-1", Bundle: "/b/web-1", Hostname: "web", Annotations: map[string]string{"k": "v"}},
	}
	var buf bytes.Buffer
	w := eve.NewWriter(&buf)
	if err := w.Write(e.EVE()); err != nil || w.Flush() != nil {
		t.Fatal(err)
	}
	want := `{"timestamp":"2026-11-25T10:00:00.123456+0000","event_type":"process","process":{` +
		`"cmdline":["runc","--root","/run/runc","run","--bundle","/b/web-1","web-1"],"comm":"runc","command":"run",` +
		`"container":{"annotations":{"k":"v"},"bundle":"/b/web-1","hostname":"web","id":"web-1"},` +
		`"exe":"/usr/bin/runc","filename":"/usr/bin/runc","gid":0,"pid":4242,"ppid":4200,"runtime":"runc","tgid":4242,"uid":0}}` + "\n"
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}

	e.OldPID, e.Command, e.Container = 4243, "", Container{}
	buf.Reset()
	if err := w.Write(e.EVE()); err != nil || w.Flush() != nil {
		t.Fatal(err)
	}
	if s := buf.String(); !bytes.Contains(buf.Bytes(), []byte(`"old_pid":4243`)) || bytes.Contains(buf.Bytes(), []byte(`"container"`)) || bytes.Contains(buf.Bytes(), []byte(`"command"`)) {
		t.Errorf("without container and command, with old_pid: %s", s)
	}
}

func TestOptions(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		ok   bool
	}{
		{"defaults", Options{}, true},
		{"names", Options{Runtimes: []string{"runc", "containerd-shim-runc-v2"}}, true},
		{"empty list", Options{Runtimes: []string{}}, false},
		{"empty name", Options{Runtimes: []string{""}}, false},
		{"path", Options{Runtimes: []string{"/usr/bin/runc"}}, false},
		{"too long", Options{Runtimes: []string{"containerd-shim-something-very-long"}}, false},
		{"attach", Options{Attach: "kprobe"}, false},
	}
	for _, c := range cases {
		o, err := c.opts.withDefaults()
		if (err == nil) != c.ok {
			t.Errorf("%s: error %v, want ok %v", c.name, err, c.ok)
		}
		if c.name == "defaults" && (len(o.Runtimes) != len(DefaultRuntimes) || o.LogLevel == 0 || o.RingSize != defaultRingSize || o.ProcRoot != "/proc") {
			t.Errorf("defaults: %+v", o)
		}
	}
}
