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
	got := KtimeToTime(uint64(ts.Nano()) - uint64(time.Second))
	if d := before.Sub(got) - time.Second; d < -time.Millisecond || d > 100*time.Millisecond {
		t.Errorf("one second ago converts to %v, off by %v", got, d)
	}
}
