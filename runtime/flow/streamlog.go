package flow

import (
	"strconv"
)

// streamLog is one direction's stream as Suricata shows it with an alert
// on stream data or a transaction (EVE payload): the data it still holds,
// from where it last let go, each gap written "[N bytes missing]", cut
// to the payload buffer size.
type streamLog struct {
	data []byte
	gaps []logGap // in data order
	over int      // bytes past the buffer size, not kept
}

// logGap is a gap of n bytes before data[at].
type logGap struct{ at, n int }

// add appends stream bytes, up to size bytes kept.
func (l *streamLog) add(b []byte, size int) {
	n := min(len(b), max(size-len(l.data), 0))
	l.data = append(l.data, b[:n]...)
	l.over += len(b) - n
}

// gap records n missing bytes; missing bytes right after a gap extend
// it (a hole acknowledged in steps is one range).
func (l *streamLog) gap(n, size int) {
	if l.over != 0 || len(l.data) >= size {
		return
	}
	if k := len(l.gaps) - 1; k >= 0 && l.gaps[k].at == len(l.data) {
		l.gaps[k].n += n
		return
	}
	l.gaps = append(l.gaps, logGap{at: len(l.data), n: n})
}

// rewrite replaces stream bytes that started back bytes before the
// stream's end with b, where they are kept and follow the last gap.
func (l *streamLog) rewrite(back int, b []byte) {
	start := 0
	if len(l.gaps) > 0 {
		start = l.gaps[len(l.gaps)-1].at
	}
	patch(l.data, start, len(l.data)+l.over-back, b)
}

// patch copies b into buf at pos, within buf[start:].
func patch(buf []byte, start, pos int, b []byte) {
	for i, c := range b {
		if j := pos + i; j >= start && j < len(buf) {
			buf[j] = c
		}
	}
}

// reset lets go of what was logged (Suricata freed the data).
func (l *streamLog) reset() {
	l.data, l.gaps, l.over = l.data[:0], l.gaps[:0], 0
}

// render is the payload shown, at most size bytes.
func (l *streamLog) render(size int) []byte {
	if len(l.data) == 0 && len(l.gaps) == 0 {
		return nil
	}
	out := make([]byte, 0, min(size, len(l.data)+20*len(l.gaps)))
	prev := 0
	for _, g := range l.gaps {
		out = append(out, l.data[prev:g.at]...)
		out = append(append(append(out, '['), strconv.Itoa(g.n)...), " bytes missing]"...)
		prev = g.at
	}
	out = append(out, l.data[prev:]...)
	return out[:min(len(out), size)]
}
