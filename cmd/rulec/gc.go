package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// heapBudget is how far an offline run lets the heap grow before a
// collection when the loaded rules leave room: the collector then runs a
// few times over a capture instead of each time the garbage reaches the
// rules' own size (GOGC=100), and the whole stays within the RSS bar.
const heapBudget = 192 << 20

// runMemoryLimit is the soft limit of the Go runtime's memory in an
// offline run whose rules leave room for it.
const runMemoryLimit = 272 << 20

// sizeGC sets the collector's growth so that its goal is heapBudget over
// the heap live after loading, unless GOGC is set or the rules alone take
// half the budget. The goal is a percentage, which grows with the heap
// the run keeps live (flows, buffers): a soft memory limit of
// runMemoryLimit then keeps the whole under the RSS bar, unless GOMEMLIMIT,
// a lower --memory-limit or none (--memory-limit 0) says otherwise.
func sizeGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := ms.HeapAlloc
	if live > 0 && 2*live < heapBudget {
		debug.SetGCPercent(int(heapBudget*100/live - 100))
	}
	if cur := debug.SetMemoryLimit(-1); os.Getenv("GOMEMLIMIT") == "" && cur != math.MaxInt64 && 2*live < runMemoryLimit {
		debug.SetMemoryLimit(min(cur, runMemoryLimit))
	}
}
