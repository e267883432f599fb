package execwatch

import (
	"fmt"
	"strings"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
	"github.com/rulec/rulec/runtime/bpflog"
)

// DefaultRuntimes are the executables watched when Options.Runtimes is
// empty: OCI runtimes, containerd shims and conmon.
var DefaultRuntimes = []string{
	"runc", "crun", "youki", "runsc", "kata-runtime",
	"containerd-shim-runc-v2", "containerd-shim-runsc-v1", "containerd-shim-kata-v2",
	"conmon",
}

// Attach selects the hook of the BPF program.
type Attach string

const (
	// AttachAuto tries the tracepoint, then the raw tracepoint.
	AttachAuto Attach = ""
	// AttachTracepoint: tracepoint sched/sched_process_exec (needs
	// tracefs mounted).
	AttachTracepoint Attach = "tracepoint"
	// AttachRawTracepoint: raw tracepoint sched_process_exec.
	AttachRawTracepoint Attach = "raw_tracepoint"
)

// Options tune a Watcher; the zero value is the default.
type Options struct {
	// Runtimes are the executable basenames to watch; nil means
	// DefaultRuntimes. Names containing "containerd-shim-" are confirmed
	// as shims, "conmon" as conmon, others as OCI runtime command lines
	// (see the package documentation).
	Runtimes []string
	// LogLevel is the minimum level of BPF log records, in the kernel and
	// in Logs; 0 means bpflog.LevelInfo.
	LogLevel bpflog.Level
	// Attach chooses the hook; the zero value tries both.
	Attach Attach
	// RingSize is the event ring buffer size in bytes, a power of two and
	// a multiple of the page size; 0 means 256 KiB.
	RingSize int
	// ProcRoot is where processes are looked up; "" means /proc.
	ProcRoot string
}

const (
	defaultRingSize = 256 << 10
	maxRuntimeName  = len(bpfexec.ExecwatchRuntimeName{}.Name) - 1
)

func (o Options) withDefaults() (Options, error) {
	if o.Runtimes == nil {
		o.Runtimes = DefaultRuntimes
	}
	if len(o.Runtimes) == 0 {
		return o, fmt.Errorf("no runtimes to watch")
	}
	for _, n := range o.Runtimes {
		if n == "" || len(n) > maxRuntimeName || strings.ContainsAny(n, "/\x00") {
			return o, fmt.Errorf("runtime name %q: want a basename of 1 to %d bytes", n, maxRuntimeName)
		}
	}
	if o.LogLevel == 0 {
		o.LogLevel = bpflog.LevelInfo
	}
	switch o.Attach {
	case AttachAuto, AttachTracepoint, AttachRawTracepoint:
	default:
		return o, fmt.Errorf("unknown attach mode %q", o.Attach)
	}
	if o.RingSize == 0 {
		o.RingSize = defaultRingSize
	}
	if o.ProcRoot == "" {
		o.ProcRoot = "/proc"
	}
	return o, nil
}
