package main

import (
	"runtime/debug"
	"testing"
)

// TestSizeGCLimitsMemory: an offline run whose rules leave room gets a
// soft memory limit of runMemoryLimit, below the default --memory-limit,
// so that the heap goal, a percentage of the live heap, cannot carry the
// run past the RSS bar as the live heap grows; GOMEMLIMIT keeps its own.
func TestSizeGCLimitsMemory(t *testing.T) {
	gcPercent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(limit)
	})
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetMemoryLimit(768 << 20)
	sizeGC()
	if got := debug.SetMemoryLimit(-1); got != runMemoryLimit {
		t.Errorf("memory limit %d after sizeGC, want %d", got, runMemoryLimit)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	sizeGC()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("memory limit %d with GOMEMLIMIT set, want %d", got, 1<<30)
	}
}
