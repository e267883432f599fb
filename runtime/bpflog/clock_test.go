package bpflog

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestKtimeToTime(t *testing.T) {
	var ts unix.Timespec
	before := time.Now()
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		t.Fatal(err)
	}
	got := KtimeToTime(uint64(ts.Nano()) - uint64(time.Second)).Add(time.Second)
	after := time.Now()
	// got is the wall time of the clock reading: within [before, after],
	// less the time between the two monotonic readings (at most the
	// whole interval), however long the thread was preempted.
	if got.Before(before.Add(-after.Sub(before)-time.Millisecond)) || got.After(after.Add(time.Millisecond)) {
		t.Errorf("one second ago converts to %v; the reading was between %v and %v", got.Add(-time.Second), before, after)
	}
}
