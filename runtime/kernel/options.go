package kernel

import (
	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/runtime/bpflog"
	"github.com/rulec/rulec/runtime/decode"
)

// Options tune a Classifier; the zero value is the default.
type Options struct {
	// RingSize is the event ring buffer size in bytes, a power of two and
	// a multiple of the page size; 0 means 4 MiB.
	RingSize int
	// ListSize is the capacity of each allow and block list (per address
	// family); 0 means 65,536.
	ListSize int
	// MaxScan is how many payload bytes the automaton walks; 0 means
	// kernel.MaxScan, the value the generator and the reference evaluator
	// assume. Smaller values let tests reach the truncation path with
	// packets BPF_PROG_TEST_RUN accepts.
	MaxScan int
	// Generation tags every event of this classifier, so events of a
	// replaced rule set can be told from the new one's.
	Generation uint16
	// Share, when set, makes the new classifier use Share's allow and
	// block lists, counters and event ring buffer instead of new ones:
	// a reload keeps its dynamic blocks, its counts and its event reader.
	// Both must have the same RingSize and ListSize.
	Share *Classifier
	// PinDir, when set, keeps the lists, port blocks and counters pinned
	// in this bpffs directory: a classifier loaded with the same PinDir
	// (by another process too) takes over the maps pinned there, so
	// dynamic blocks and their expiry survive a restart.
	PinDir string
	// Midstream is Suricata's stream.midstream: TCP sessions are picked
	// up without a SYN (bpf/flow.h).
	Midstream bool
	// Decoder says on which UDP ports Teredo, VXLAN and Geneve carry a
	// packet the classifier copies up for the decoder; nil: Suricata's
	// default suricata.yaml's (decode.DefaultConfig).
	Decoder *decode.Config
	// LogLevel is the lowest level of the classifier's log records; lower
	// ones are removed before the program loads. 0 means info.
	LogLevel bpflog.Level
}

const (
	defaultRingSize = 4 << 20
	defaultListSize = 1 << 16
)

func (o Options) withDefaults() Options {
	if o.RingSize == 0 {
		o.RingSize = defaultRingSize
	}
	if o.ListSize == 0 {
		o.ListSize = defaultListSize
	}
	if o.LogLevel == 0 {
		o.LogLevel = bpflog.LevelInfo
	}
	if o.MaxScan == 0 {
		o.MaxScan = bpf.MaxScan
	}
	if o.Decoder == nil {
		d := decode.DefaultConfig()
		o.Decoder = &d
	}
	return o
}
