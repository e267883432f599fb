package reasm

import (
	"bytes"
	"testing"
)

// sink collects a stream; gaps show as zero bytes of their length.
type sink struct {
	b     []byte
	ended bool
}

func (s *sink) Data(b []byte) { s.b = append(s.b, b...) }
func (s *sink) Gap(n int)     { s.b = append(s.b, make([]byte, n)...) }
func (s *sink) End()          { s.ended = true }
func (s *sink) Rewrite(back int, b []byte) {
	copy(s.b[len(s.b)-back:], b)
}

// FuzzSegments cuts a stream into segments by the fuzzer's plan and
// delivers them in its order, with repeats and overlaps: the half must
// rebuild the stream exactly and end at the FIN.
func FuzzSegments(f *testing.F) {
	f.Add([]byte("the quick brown fox jumps over the lazy dog"), []byte{5, 200, 17, 3, 99, 40, 1})
	f.Fuzz(func(t *testing.T, stream, plan []byte) {
		if len(stream) == 0 || len(plan) == 0 {
			return
		}
		const isn = 0xffffff00
		p := NewPool(1<<20, 1<<20)
		var h Half
		h.Start(isn, p)
		s := &sink{}
		for i, x := range plan {
			start := int(x) * 7 % len(stream)
			end := min(len(stream), start+int(plan[(i+1)%len(plan)])%17+1)
			h.Segment(isn+uint32(start), stream[start:end], false, s)
		}
		for start := 0; start < len(stream); start += 16 {
			end := min(len(stream), start+16)
			h.Segment(isn+uint32(start), stream[start:end], end == len(stream), s)
		}
		if !bytes.Equal(s.b, stream) || !s.ended || p.Used() != 0 {
			t.Fatalf("got %q ended %v pool %d, want %q", s.b, s.ended, p.Used(), stream)
		}
	})
}
