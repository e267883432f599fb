package bench

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

// threadCPU returns the CPU time the calling thread has used.
func threadCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs body in b.Loop on one locked thread and reports, besides
// the wall-clock figures, the throughput over that thread's CPU time
// (cpu-MB/s of bytes per op): on a shared machine, time spent waiting
// for a core does not count against either side of a comparison. The
// setup's garbage is collected first, so no collection runs beside the
// loop.
func loopCPU(b *testing.B, bytes int, body func()) {
	runtime.GC()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.SetBytes(int64(bytes))
	start := threadCPU(b)
	for b.Loop() {
		body()
	}
	if cpu := threadCPU(b) - start; cpu > 0 {
		b.ReportMetric(float64(b.N)*float64(bytes)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}
