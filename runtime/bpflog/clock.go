package bpflog

import (
	"time"

	"golang.org/x/sys/unix"
)

// KtimeToTime converts a bpf_ktime_get_ns() value (CLOCK_MONOTONIC) to
// wall-clock time.
func KtimeToTime(ns uint64) time.Time {
	var ts unix.Timespec
	now := time.Now()
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return now
	}
	return now.Add(-time.Duration(ts.Nano() - int64(ns)))
}
