package flow

import "testing"

func TestAckBufSize(t *testing.T) {
	for n, want := range map[int]int{0: minChunkCap, 1: minChunkCap, minChunkCap: minChunkCap, minChunkCap + 1: 2 * minChunkCap, 3000: 4096, 65536: 65536, 65537: 131072} {
		if got := ackBufSize(n); got != want {
			t.Errorf("ackBufSize(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestAckPoolReuses: a drained buffer comes back for the next burst of
// its size; each size keeps at most ackPoolDepth, and sizes past
// ackPoolMax or not from ackBufSize are not kept.
func TestAckPoolReuses(t *testing.T) {
	var p ackPool
	b := p.get(4096)
	b = append(b, "data"...)
	p.put(b)
	if c := p.get(4096); cap(c) != 4096 || len(c) != 0 || &c[:1][0] != &b[0] {
		t.Errorf("get after put: cap %d len %d, not the same buffer", cap(c), len(c))
	}
	for range ackPoolDepth + 5 {
		p.put(make([]byte, 0, 2048))
	}
	p.put(make([]byte, 0, 2*ackPoolMax))
	p.put(make([]byte, 0, 3000))
	kept := 0
	for _, l := range p {
		kept += len(l)
	}
	if kept != ackPoolDepth {
		t.Errorf("%d buffers kept, want %d", kept, ackPoolDepth)
	}
	if c := p.get(2 * ackPoolMax); cap(c) != 2*ackPoolMax {
		t.Errorf("large get: cap %d", cap(c))
	}
}
