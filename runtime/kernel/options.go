package kernel

import "github.com/rulec/rulec/bpf"

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
	if o.MaxScan == 0 {
		o.MaxScan = bpf.MaxScan
	}
	return o
}
