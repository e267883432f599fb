package execwatch

import (
	"fmt"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
)

// Stats counts what the watcher saw. Every execution the kernel matched
// ends up Lost, Confirmed, Rejected or Unconfirmed (or is still queued).
type Stats struct {
	Execs       uint64 // executions seen by the kernel
	Matched     uint64 // ... whose basename is a watched runtime
	Lost        uint64 // ... dropped because the event ring was full
	Truncated   uint64 // executions with a path too long to match
	Errors      uint64 // executions whose path could not be read
	Confirmed   uint64 // reported on Events
	Rejected    uint64 // not a container runtime by the confirmation rule
	Unconfirmed uint64 // /proc could not be read (the process exited)
	LogDropped  uint64 // BPF log records lost to a full log ring
}

// Stats reads the kernel and userspace counters; call it before Close.
func (w *Watcher) Stats() (Stats, error) {
	s := Stats{Confirmed: w.confirmed.Load(), Rejected: w.rejected.Load(), Unconfirmed: w.unconfirmed.Load()}
	for c, dst := range map[bpfexec.ExecwatchCounter]*uint64{
		bpfexec.ExecwatchCounterC_EXECS:     &s.Execs,
		bpfexec.ExecwatchCounterC_MATCHED:   &s.Matched,
		bpfexec.ExecwatchCounterC_LOST:      &s.Lost,
		bpfexec.ExecwatchCounterC_TRUNCATED: &s.Truncated,
		bpfexec.ExecwatchCounterC_ERRORS:    &s.Errors,
	} {
		var perCPU []uint64
		if err := w.objs.EwCounters.Lookup(c, &perCPU); err != nil {
			return s, fmt.Errorf("exec watcher counter %d: %w", c, err)
		}
		for _, v := range perCPU {
			*dst += v
		}
	}
	var err error
	s.LogDropped, err = w.logs.Dropped()
	return s, err
}
