package reasm

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

type recorder struct{ log []string }

func (r *recorder) Data(b []byte) { r.log = append(r.log, string(b)) }
func (r *recorder) Gap(n int)     { r.log = append(r.log, fmt.Sprintf("<gap %d>", n)) }
func (r *recorder) End()          { r.log = append(r.log, "<end>") }
func (r *recorder) Rewrite(back int, b []byte) {
	r.log = append(r.log, fmt.Sprintf("<rewrite %d %s>", back, b))
}

type op struct {
	ack   bool
	close bool
	seq   uint32
	data  string
	fin   bool
}

func seg(seq uint32, data string) op    { return op{seq: seq, data: data} }
func finSeg(seq uint32, data string) op { return op{seq: seq, data: data, fin: true} }
func ackTo(seq uint32) op               { return op{ack: true, seq: seq} }
func closeHalf() op                     { return op{close: true} }

func TestHalf(t *testing.T) {
	const isn = 0xfffffff0 // streams wrap sequence space
	far := uint32(isn)
	far += 1 << 30
	tests := []struct {
		name     string
		perHalf  int
		ops      []op
		want     string
		wantLeft int
	}{
		{"in order", 100, []op{seg(isn, "GET "), seg(isn+4, "/ HTTP")}, "GET |/ HTTP", 0},
		{"out of order", 100, []op{seg(isn+4, "/ HTTP"), seg(isn, "GET ")}, "GET |/ HTTP", 0},
		{"three reversed", 100, []op{seg(isn+6, "c"), seg(isn+3, "bbb"), seg(isn, "aaa")}, "aaa|bbb|c", 0},
		{"retransmission dropped", 100, []op{seg(isn, "abcd"), seg(isn, "abcd"), seg(isn+4, "ef")}, "abcd|ef", 0},
		{"overlap keeps first bytes", 100, []op{seg(isn, "abcd"), seg(isn+2, "XXYY")}, "abcd|YY", 0},
		{"queued overlap keeps first", 100, []op{seg(isn+4, "efgh"), seg(isn+2, "XXYYZZ"), seg(isn, "ab")}, "ab|XX|efgh", 0},
		{"new segment spans queued ones", 100, []op{seg(isn+2, "c"), seg(isn+4, "e"), seg(isn+1, "BCDEF"), seg(isn, "a")}, "a|B|c|D|e|F", 0},
		{"fin ends", 100, []op{seg(isn, "ab"), finSeg(isn+2, "cd"), seg(isn+4, "zz")}, "ab|cd|<end>", 0},
		{"fin waits for hole", 100, []op{finSeg(isn+2, "cd"), seg(isn, "ab")}, "ab|cd|<end>", 0},
		{"ack skips lost bytes", 100, []op{seg(isn, "ab"), seg(isn+5, "fg"), ackTo(isn + 7)}, "ab|<gap 3>|fg", 0},
		{"ack beyond queue", 100, []op{seg(isn, "ab"), ackTo(isn + 10), seg(isn+10, "k")}, "ab|<gap 8>|k", 0},
		{"ack behind is ignored", 100, []op{seg(isn, "abcd"), ackTo(isn + 2)}, "abcd", 0},
		{"bogus far ack ignored", 100, []op{seg(isn, "ab"), ackTo(far)}, "ab", 0},
		{"ack of fin is no gap", 100, []op{seg(isn, "ab"), finSeg(isn+2, ""), ackTo(isn + 3)}, "ab|<end>", 0},
		{"bound skips hole", 4, []op{seg(isn, "a"), seg(isn+3, "dd"), seg(isn+6, "ggg")}, "a|<gap 2>|dd", 3},
		{"close flushes queue", 100, []op{seg(isn, "a"), seg(isn+3, "d"), seg(isn+6, "g"), closeHalf()}, "a|<gap 2>|d|<gap 2>|g|<end>", 0},
		{"held while hole", 100, []op{seg(isn, "a"), seg(isn+3, "d")}, "a", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPool(tc.perHalf, 1000)
			var h Half
			h.Start(isn, p)
			r := &recorder{}
			for _, o := range tc.ops {
				switch {
				case o.close:
					h.Close(r)
				case o.ack:
					h.Ack(o.seq, r)
				default:
					h.Segment(o.seq, []byte(o.data), o.fin, r)
				}
			}
			if got := strings.Join(r.log, "|"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if h.Queued() != tc.wantLeft || p.Used() != tc.wantLeft {
				t.Errorf("queued %d, pool %d, want %d", h.Queued(), p.Used(), tc.wantLeft)
			}
		})
	}
}

func TestPoolBoundAcrossHalves(t *testing.T) {
	p := NewPool(100, 5)
	var a, b Half
	a.Start(1, p)
	b.Start(1, p)
	ra, rb := &recorder{}, &recorder{}
	a.Segment(5, []byte("xxxx"), false, ra)
	b.Segment(5, []byte("yy"), false, rb)
	if got := strings.Join(rb.log, "|"); got != "<gap 4>|yy" {
		t.Errorf("b: %q", got)
	}
	if p.Used() != 4 || a.Queued() != 4 {
		t.Errorf("pool %d, a %d", p.Used(), a.Queued())
	}
}

func TestIdleAndEnded(t *testing.T) {
	var h Half
	r := &recorder{}
	h.Segment(1, []byte("x"), false, r)
	h.Close(r)
	if len(r.log) != 0 || !h.Ended() || h.Started() {
		t.Errorf("unstarted half delivered %q", r.log)
	}
	h2 := Half{}
	h2.Start(10, NewPool(10, 10))
	h2.Close(r)
	h2.Segment(10, []byte("late"), false, r)
	if strings.Join(r.log, "|") != "<end>" {
		t.Errorf("got %q", r.log)
	}
}

func TestSegmentCountBound(t *testing.T) {
	p := NewPool(1<<30, 1<<30)
	var h Half
	h.Start(0, p)
	r := &recorder{}
	for i := range maxSegments + 5 {
		h.Segment(uint32(2+2*i), []byte("x"), false, r)
	}
	if len(h.segs) > maxSegments || len(r.log) == 0 || r.log[0] != "<gap 2>" {
		t.Errorf("%d segments held, log starts %v", len(h.segs), r.log[:min(2, len(r.log))])
	}
}

// TestOverlapPolicy: a retransmission overlapping delivered, not yet
// acknowledged data rewrites it where the receiving host's policy takes
// the new data (Suricata's DoHandleDataOverlap in IDS mode); acknowledged
// data is final.
func TestOverlapPolicy(t *testing.T) {
	tests := []struct {
		policy string
		ops    []op
		want   string
	}{
		{"bsd", []op{seg(1, "GOOD"), seg(1, "EVIL")}, "GOOD"},
		{"old-linux", []op{seg(1, "GOOD"), seg(1, "EVIL")}, "GOOD|<rewrite 4 EVIL>"},
		{"solaris", []op{seg(1, "GOOD"), seg(1, "EVIL")}, "GOOD|<rewrite 4 EVIL>"},
		{"linux", []op{seg(1, "GOOD"), seg(1, "EVIL")}, "GOOD"},
		{"linux", []op{seg(1, "GOOD"), seg(1, "EVIL!")}, "GOOD|<rewrite 4 EVIL>|!"},
		{"old-linux", []op{seg(1, "GOOD"), ackTo(5), seg(1, "EVIL")}, "GOOD"},
		{"old-linux", []op{seg(1, "GOOD"), seg(1, "EV")}, "GOOD"},
		// starts before a delivered segment: most hosts take the new data
		{"bsd", []op{seg(1, "ab"), seg(3, "cd"), seg(2, "XYZ")}, "ab|cd|<rewrite 2 YZ>"},
		{"windows", []op{seg(1, "ab"), seg(3, "cd"), seg(2, "XY")}, "ab|cd|<rewrite 2 Y>"},
		{"solaris", []op{seg(1, "ab"), seg(3, "cd"), seg(2, "XY")}, "ab|cd|<rewrite 3 X>"},
		{"vista", []op{seg(1, "ab"), seg(3, "cd"), seg(2, "XYZ")}, "ab|cd"},
		// starts after and ends beyond: solaris and hpux11 only
		{"hpux11", []op{seg(1, "abcd"), seg(3, "XYZ")}, "abcd|<rewrite 2 XY>|Z"},
		{"bsd", []op{seg(1, "abcd"), seg(3, "XYZ")}, "abcd|Z"},
	}
	for _, tc := range tests {
		p, err := ParsePolicy(tc.policy)
		if err != nil {
			t.Fatal(err)
		}
		var h Half
		h.Start(1, NewPool(100, 100))
		h.Retain(p)
		r := &recorder{}
		for _, o := range tc.ops {
			if o.ack {
				h.Ack(o.seq, r)
				continue
			}
			h.Segment(o.seq, []byte(o.data), false, r)
		}
		if got := strings.Join(r.log, "|"); got != tc.want {
			t.Errorf("%s %v: got %q, want %q", tc.policy, tc.ops, got, tc.want)
		}
	}
	if _, err := ParsePolicy("plan9"); !errors.Is(err, ErrPolicy) {
		t.Errorf("unknown policy: %v", err)
	}
}
