package execwatch

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
	"github.com/rulec/rulec/runtime/bpflog"
)

// Event is one confirmed execution of a container runtime.
type Event struct {
	Time      time.Time
	PID       uint32 // the process after exec
	OldPID    uint32 // the thread that called execve, when not the leader
	TGID      uint32
	PPID      uint32
	UID, GID  uint32
	Comm      string
	Filename  string   // the path given to execve
	Exe       string   // what /proc/PID/exe resolves to
	Cmdline   []string // /proc/PID/cmdline
	Runtime   string   // basename of Exe
	Command   string   // OCI command (create, run, ...) or shim action
	Container Container
}

// kernelEvent is an exec_event record.
type kernelEvent = bpfexec.ExecwatchExecEvent

var kernelEventSize = binary.Size(kernelEvent{})

func decodeKernelEvent(raw []byte) (kernelEvent, error) {
	var k kernelEvent
	if len(raw) < kernelEventSize {
		return k, fmt.Errorf("exec event of %d bytes, want %d", len(raw), kernelEventSize)
	}
	_, err := binary.Decode(raw, binary.NativeEndian, &k)
	return k, err
}

// newEvent fills an Event from the kernel's record and the confirmed
// process.
func newEvent(k kernelEvent, p process, c Container) Event {
	return Event{
		Time:      bpflog.KtimeToTime(k.TsNs),
		PID:       k.Pid,
		OldPID:    k.OldPid,
		TGID:      k.Tgid,
		PPID:      k.Ppid,
		UID:       k.Uid,
		GID:       k.Gid,
		Comm:      cString(k.Comm[:]),
		Filename:  cString(k.Filename[:min(int(k.FilenameLen), len(k.Filename))]),
		Exe:       p.exe,
		Cmdline:   p.cmdline,
		Runtime:   p.runtime,
		Command:   p.inv.command,
		Container: c,
	}
}

func cString(s []int8) string {
	b := make([]byte, len(s))
	for i, c := range s {
		b[i] = byte(c)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
