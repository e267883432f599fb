package match

import (
	"bytes"

	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// contentStep is content with its modifiers.
type contentStep struct {
	pat              []byte // lower-case when nocase
	nocase, negated  bool
	offset, depth    *num
	distance, within *num
	startsWith       bool
	endsWith         bool
	relNext          bool // a later matcher is relative to this one
	single           bool // no position and nothing relative to it
}

func (c *contentStep) relative() bool { return c.distance != nil || c.within != nil }

// window returns the part of the buffer, [offset, depth), the pattern is
// looked for in, before clamping.
func (c *contentStep) window(vars []uint64, prev, n int) (offset, depth int) {
	depth = n
	switch {
	case c.relative():
		offset = prev
		d := 0
		if c.distance != nil {
			d = int(c.distance.get(vars))
			if d < 0 && -d > offset {
				offset = 0
			} else {
				offset += d
			}
		}
		if c.within != nil {
			// Suricata compares as signed and stores as unsigned: a
			// negative end leaves the window open to the buffer's end.
			if end := prev + int(c.within.get(vars)) + d; end >= 0 && depth > end {
				depth = end
			}
		}
	case c.startsWith:
		depth = len(c.pat)
	default:
		if c.offset != nil {
			offset = int(c.offset.get(vars))
		}
		if c.depth != nil {
			depth = offset + int(c.depth.get(vars))
		}
	}
	return offset, depth
}

func (c *contentStep) index(s []byte) int {
	if c.nocase {
		return ascii.IndexFold(s, c.pat)
	}
	return bytes.Index(s, c.pat)
}

func (c *contentStep) inspect(in *inspector, i, prev int) int {
	buf := in.buf
	n := len(buf)
	retry := 0
	for {
		offset, depth := c.window(in.vars, prev, n)
		if retry != 0 {
			offset = retry
		}
		depth = min(depth, n)
		if offset > depth || depth <= 0 {
			if c.negated {
				return in.next(i, prev)
			}
			return noMatch
		}
		window := buf[offset:depth]
		at := -1
		if !(c.endsWith && depth < n) && len(c.pat) <= len(window) {
			at = c.index(window)
		}
		switch {
		case at < 0 && c.negated:
			return in.next(i, prev)
		case at < 0:
			if !c.relative() {
				in.stop = true
			}
			return noMatch
		case c.negated:
			if c.endsWith && at+len(c.pat) != len(window) {
				return in.next(i, prev)
			}
			if c.single {
				in.stop = true
			}
			return noMatch
		}
		end := offset + at + len(c.pat)
		if !c.endsWith || end == n {
			if r := in.next(i, end); r != noMatch {
				return r
			}
			if in.stop {
				return noMatch
			}
			if !c.relNext {
				in.stop = true
				return noMatch
			}
		}
		retry = end - len(c.pat) + 1
	}
}
