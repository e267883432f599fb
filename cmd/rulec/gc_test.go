package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestSizeGCLimitsMemory: an offline run whose rules leave room gets a
// soft memory limit of runMemoryLimit, below the default --memory-limit,
// so that the heap goal, a percentage of the live heap, cannot carry the
// run past the RSS bar as the live heap grows; --memory-limit 0 (none) and
// GOMEMLIMIT keep theirs.
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
	debug.SetMemoryLimit(math.MaxInt64) // --memory-limit 0: none
	sizeGC()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit %d after sizeGC with none asked for", got)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	sizeGC()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("memory limit %d with GOMEMLIMIT set, want %d", got, 1<<30)
	}
}
