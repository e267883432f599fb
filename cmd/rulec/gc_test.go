package main

import (
	"runtime/debug"
	"testing"
)

func TestSizeGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	sizeGC()
	// the test binary's heap is far below the budget: the goal grows
	if p := debug.SetGCPercent(100); p <= 100 {
		t.Errorf("GC percent %d after sizeGC, want the heap budget's", p)
	}
	t.Setenv("GOGC", "100")
	sizeGC()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GC percent %d with GOGC set, want it left alone", p)
	}
}
