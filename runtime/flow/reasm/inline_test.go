package reasm

import "testing"

// TestHalfInlineOverlay: an inline half gives a segment overlapping what
// the stream accepted (delivered and kept, or queued) the accepted bytes,
// and keeps delivered bytes only while unacknowledged or among the last
// keep.
func TestHalfInlineOverlay(t *testing.T) {
	var isn uint32 = 0xfffffffe // wraps
	tests := []struct {
		name    string
		keep    int
		ops     []op
		seq     uint32
		data    string
		want    string
		overlap bool
		changed bool
	}{
		{"exact overlap rewritten", 8, []op{seg(isn, "GOOD")}, isn, "EVIL", "GOOD", true, true},
		{"same data unchanged", 8, []op{seg(isn, "GOOD")}, isn, "GOOD", "GOOD", true, false},
		{"partial overlap, new bytes stay", 8, []op{seg(isn, "abcd")}, isn + 2, "XXYY", "cdYY", true, true},
		{"queued segment wins", 8, []op{seg(isn, "ab"), seg(isn+4, "ef")}, isn + 3, "XYZ", "Xef", true, true},
		{"acknowledged bytes beyond keep forgotten", 2, []op{seg(isn, "abcdef"), ackTo(isn + 6)}, isn, "XXXXXX", "XXXXef", true, true},
		{"unacknowledged bytes kept", 2, []op{seg(isn, "abcdef"), ackTo(isn + 1)}, isn, "XXXXXX", "Xbcdef", true, true},
		{"gap forgets the bytes before it", 8, []op{seg(isn, "ab"), seg(isn+4, "ef"), ackTo(isn + 6)}, isn, "XXXXXX", "XXXXef", true, true},
		{"after the stream no overlap", 8, []op{seg(isn, "ab")}, isn + 2, "cd", "cd", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h Half
			h.Inline(tt.keep, 64)
			h.Start(isn, NewPool(100, 1000))
			r := &recorder{}
			for _, o := range tt.ops {
				if o.ack {
					h.Ack(o.seq, r)
				} else {
					h.Segment(o.seq, []byte(o.data), o.fin, r)
				}
			}
			if got := h.Overlaps(tt.seq, len(tt.data)); got != tt.overlap {
				t.Errorf("Overlaps = %v, want %v", got, tt.overlap)
			}
			b := []byte(tt.data)
			if got := h.Overlay(tt.seq, b); got != tt.changed || string(b) != tt.want {
				t.Errorf("Overlay = %v %q, want %v %q", got, b, tt.changed, tt.want)
			}
		})
	}
}

// TestHalfInlineBounded: what inline halves keep is bounded by keepMax,
// and by the pool's total past which a half keeps only keepMin, counted;
// an ended half gives its memory back.
func TestHalfInlineBounded(t *testing.T) {
	p := NewPool(100, 600)
	var a, b Half
	for _, h := range []*Half{&a, &b} {
		h.Inline(4, 400)
		h.Start(0, p)
	}
	r := &recorder{}
	big := make([]byte, 1000)
	a.Segment(0, big, false, r)
	if len(a.pastBytes()) != 400 {
		t.Fatalf("kept %d bytes, want keepMax 400", len(a.pastBytes()))
	}
	b.Segment(0, big, false, r)
	if len(b.pastBytes()) != 4 || p.Unkept() == 0 {
		t.Fatalf("second half kept %d bytes (unkept %d), want 4 past the pool's total", len(b.pastBytes()), p.Unkept())
	}
	a.Close(r)
	b.Close(r)
	if p.kept != 0 {
		t.Fatalf("pool still charged %d bytes after both halves ended", p.kept)
	}
}
