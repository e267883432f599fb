package main

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

var allocSink []byte

//go:noinline
func allocLastBeforeProfile() { allocSink = make([]byte, 1<<20) }

// The allocation profile includes what was allocated since the last
// collection: the run's last allocations are not left out.
func TestAllocProfileIncludesRecentAllocations(t *testing.T) {
	defer func(r int) { runtime.MemProfileRate = r }(runtime.MemProfileRate)
	runtime.MemProfileRate = 1
	runtime.GC()
	allocLastBeforeProfile()
	var b bytes.Buffer
	if err := writeAllocs(&b, 1); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "allocLastBeforeProfile") {
		t.Error("allocation made after the last collection missing from the profile")
	}
}
