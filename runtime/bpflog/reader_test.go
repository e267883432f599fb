package bpflog

import (
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/cilium/ebpf/link"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
	"github.com/rulec/rulec/internal/bpftest"
)

// loadWatcher loads the exec watcher of bpf/execwatch, a program that
// logs with log.h, with its log level and log ring size, watching "true".
func loadWatcher(t *testing.T, level Level, ringSize uint32) *bpfexec.ExecwatchObjects {
	t.Helper()
	bpftest.Require(t)
	spec, err := bpfexec.LoadExecwatch()
	if err != nil {
		t.Fatal(err)
	}
	if err := SetLevel(spec, LevelVar, level); err != nil {
		t.Fatal(err)
	}
	if ringSize != 0 {
		spec.Maps[bpfexec.ExecwatchMapRcLog].MaxEntries = ringSize
	}
	var objs bpfexec.ExecwatchObjects
	if err := spec.LoadAndAssign(&objs, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { objs.Close() })
	var key bpfexec.ExecwatchRuntimeName
	for i, c := range []byte("true") {
		key.Name[i] = int8(c)
	}
	if err := objs.EwRuntimes.Put(key, uint8(1)); err != nil {
		t.Fatal(err)
	}
	l, err := link.AttachRawTracepoint(link.RawTracepointOptions{Name: "sched_process_exec", Program: objs.EwRawTracepoint})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return &objs
}

func runTrue(t *testing.T) uint64 {
	t.Helper()
	cmd := exec.Command("/bin/true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return uint64(cmd.Process.Pid)
}

// TestReaderLevels runs /bin/true and reads the records about it: the
// kernel writes none below its level, the reader delivers none below its.
func TestReaderLevels(t *testing.T) {
	cases := []struct {
		name             string
		kernel, minLevel Level
		debug            bool // the debug record of the execution arrives
	}{
		{"kernel info", LevelInfo, 0, false},
		{"kernel debug", LevelDebug, 0, true},
		{"reader info", LevelDebug, LevelInfo, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			objs := loadWatcher(t, c.kernel, 0)
			r, err := NewReader(objs.RcLog, objs.RcLogDrops, ReaderOptions{MinLevel: c.minLevel})
			if err != nil {
				t.Fatal(err)
			}
			records := make(chan Record)
			go func() {
				defer close(records)
				for {
					rec, err := r.Read()
					if err != nil {
						return
					}
					records <- rec
				}
			}()
			defer func() {
				r.Close()
				for range records {
				}
			}()
			pid := runTrue(t)
			var ours []Record
			for !slices.ContainsFunc(ours, func(r Record) bool { return r.Msg == "runtime exec" }) {
				select {
				case rec := <-records:
					if len(rec.Args) > 0 && rec.Args[0] == pid {
						ours = append(ours, rec)
					}
				case <-time.After(time.Minute):
					t.Fatalf("no info record for pid %d; got %v", pid, ours)
				}
			}
			last := ours[len(ours)-1]
			if last.Level != LevelInfo || last.Rule != NoRule || len(last.Args) != 3 || last.Args[1] != "true" {
				t.Errorf("info record %v", last)
			}
			debug := slices.IndexFunc(ours, func(r Record) bool {
				return r.Level == LevelDebug && r.Msg == "exec" && slices.Equal(r.Args, []any{pid, "true"})
			})
			if (debug >= 0) != c.debug || len(ours) != 1+btoi(c.debug) {
				t.Errorf("records %v: want the debug record: %v", ours, c.debug)
			}
			if n, err := r.Dropped(); n != 0 || err != nil {
				t.Errorf("dropped %d, %v", n, err)
			}
		})
	}
}

// TestReaderDropped fills a one-page log ring that nobody reads: the
// records that do not fit are counted.
func TestReaderDropped(t *testing.T) {
	objs := loadWatcher(t, LevelDebug, 4096)
	r, err := NewReader(objs.RcLog, objs.RcLogDrops, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for range 40 {
		runTrue(t)
	}
	n, err := r.Dropped()
	if err != nil || n == 0 {
		t.Fatalf("dropped %d, %v; want some of the 80 records", n, err)
	}
	rec, err := r.Read()
	if err != nil || rec.Level < LevelDebug {
		t.Errorf("first record after the drops: %v, %v", rec, err)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
